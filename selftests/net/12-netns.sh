#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The module is netns-aware: two "physical hosts" each have a sw0, each sees
# only its own; vswctl -n picks the namespace; a port moved to another netns
# leaves its switch; deleting a netns cleans up its switch.
#
#   n1 (vm1) 192.0.2.1  n2 (vm2) 192.0.2.2      n3 (vm3) 192.0.2.3  n4 (vm4) 192.0.2.4
#     |                   |                       |                   |
#   n0: p1 ---- sw0 ----- p2                    n5: p3 ---- sw0 ----- p4
#       (later 192.0.2.254 on sw0; p2 moves to n5)
#
# Same subnet on both sides on purpose: vm1 must not reach vm3.
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

setup_ns 0 5
add_switch sw0
add_vm 1 sw0
add_vm 2 sw0
VSW_HOST=5 add_switch sw0
VSW_HOST=5 add_vm 3 sw0
VSW_HOST=5 add_vm 4 sw0
m1=$(vm_mac 1)
m3=$(vm_mac 3)

port_names() { vswn "$1" -j port show | jq_py "sorted(e['name'] for e in j)"; }

check_eq "n0's sw0 has p1, p2 (and its host port)" '["p1", "p2", "sw0"]' port_names 0
check_eq "n5's sw0 has p3, p4 (and its host port)" '["p3", "p4", "sw0"]' port_names 5
check_eq "vswctl -n NS port show = ip netns exec NS vswctl port show" \
	"$(vswn 5 -j port show)" "$VSWCTL" -j -n "$NS5" port show
check_eq "vswctl -n: n5's switch list has one switch" 1 \
	eval "\"\$VSWCTL\" -j -n \"\$NS5\" switch show | jq_py 'len(j)'"

check "vm1 -> vm2 in n0" ping_ok 1 192.0.2.2
check "vm3 -> vm4 in n5" ping_ok 3 192.0.2.4
check_not "vm1 cannot reach vm3 (another host's switch)" n1 ping -q -c 2 -i 0.2 -W 1 192.0.2.3
check_eq "n0's fdb has vm1" p1 fdb_port sw0 "$m1"
check_eq "n0's fdb has no vm3" none fdb_port sw0 "$m3"
check_eq "n5's fdb has vm3" p3 eval "VSW_HOST=5 fdb_port sw0 '$m3'"
check_eq "n5's fdb has no vm1" none eval "VSW_HOST=5 fdb_port sw0 '$m1'"
check "switch del in n0 leaves n5's sw0" eval \
	"vsw switch del sw0 && VSW_HOST=5 sw_field sw0 name"
check "n5's sw0 still switches: vm4 -> vm3" ping_ok 4 192.0.2.3
add_switch sw0
setup vsw port add sw0 p1
setup vsw port add sw0 p2
setup n0 ip addr add 192.0.2.254/24 dev sw0

# A port whose device moves to another netns leaves the switch.
check "ip link set p2 netns n5" ip -n "$NS0" link set dev p2 netns "$NS5"
check_wait "p2 left n0's sw0" 5 vsw_jq -t "first(j, name='p2') is None" port show
check_eq "p2 is in n5 without a master" none dev_master 5 p2
check_eq "n5's sw0 did not get p2" '["p3", "p4", "sw0"]' port_names 5

# Deleting n5 while vm3 floods vm4 through it.
run_bg 3 ping -q -f -w 60 192.0.2.4
p3mac=$(dev_mac 5 p3)
check "ip netns del n5 (switch, ports, traffic)" ip netns del "$NS5"
forget_ns 5
# The veth pairs die with n5, so vm3's eth0 going away shows the netns was
# dismantled, the switch with it.
check_wait "n5 is dismantled: vm3's eth0 is gone" 20 eval '! dev_exists 3 eth0'
check_wait "... and vm4's" 20 eval '! dev_exists 4 eth0'
# Namespaces are dismantled one after the other: if n5's switch still held a
# reference, the next netns would never go. n6 goes iff n5 went all the way.
setup_ns 6
setup ip -n "$NS6" link add name probe type veth peer name probe6 netns "$NS0"
check "ip netns del n6 (a probe after n5)" ip netns del "$NS6"
forget_ns 6
check_wait "the probe netns is dismantled too (n5 released everything)" 20 \
	eval '! dev_exists 0 probe6'
check "n0's sw0 unaffected: vm1 -> its host (sw0 192.0.2.254)" ping_ok 1 192.0.2.254
check_eq "n0's fdb has nothing of n5's" none fdb_port sw0 "$p3mac"

finish
