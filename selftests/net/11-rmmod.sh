#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# rmmod vsw with switches in two namespaces, a host address, a VXLAN VNI
# between the two sw0s and traffic flowing (broadcasts cross the tunnel);
# the port devices survive; modprobe vsw and everything works again. Then
# a netns holding a switch with a VNI is deleted under traffic.
#
#   n1 (vm1) .1      n2 (vm2) .2              n3 (vm3) .3     n4 (vm4) .4
#     |                |                        |               |
#   n0: p1 -- sw0 --- p2                      n5: p3 -- sw0 --- p4
#       192.0.2.254 on sw0, sw1 empty             (198.51.100.0/24)
#       ul0 203.0.113.1 ========================= ul0 203.0.113.2
#       VNI 100 (VLAN 0)                          VNI 100 (VLAN 0)
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"
# shellcheck source=lib-vxlan.sh
source "$(dirname "$0")/lib-vxlan.sh"

require_cmd rmmod modprobe

setup_ns 0 5
add_switch sw0
add_switch sw1
setup n0 ip addr add 192.0.2.254/24 dev sw0
add_vm 1 sw0
add_vm 2 sw0
VSW_HOST=5 add_switch sw0
VSW_HOST=5 add_vm 3 sw0 198.51.100
VSW_HOST=5 add_vm 4 sw0 198.51.100

detached()
{
	local h=$1 p
	shift
	for p in "$@"; do
		dev_exists "$h" "$p" || return 1
		[[ $(dev_master "$h" "$p") == none ]] || return 1
	done
}

# Has host N's VNI 100 received anything?
vni_received()
{
	[[ $(vni_stat "$1" 100 rx_packets) -gt 0 ]]
}

# VNI 100 on VLAN 0 of both sw0s, each the other's remote.
vni_pair()
{
	setup vsw vxlan add sw0 vni 100 vlan 0 local 203.0.113.1 remote 203.0.113.2
	setup vswn 5 vxlan add sw0 vni 100 vlan 0 local 203.0.113.2 \
		remote 203.0.113.1
}
ul_wire 0 5 203.0.113.1/24 203.0.113.2/24
vni_pair

setup ping_ok 1 192.0.2.2
setup ping_ok 3 198.51.100.4
run_bg 1 ping -q -f -w 90 192.0.2.2
run_bg 3 ping -q -f -w 90 198.51.100.4
run_bg 0 ping -q -f -w 90 192.0.2.1
run_bg 2 ping -q -f -b -w 90 192.0.2.255
check "broadcasts cross the VNI before rmmod" wait_for 30 \
	vni_received 5

check "rmmod vsw with 3 switches and traffic" vsw_rmmod
check_not "the module is gone" kmod_loaded
check_not "sw0 is gone from n0" dev_exists 0 sw0
check_not "sw1 is gone from n0" dev_exists 0 sw1
check_not "sw0 is gone from n5" dev_exists 5 sw0
check "p1, p2 survive without a master" detached 0 p1 p2
check "p3, p4 survive without a master" detached 5 p3 p4

check "modprobe vsw" modprobe vsw
check "the module is back" kmod_loaded
add_switch sw0
setup vsw port add sw0 p1
setup vsw port add sw0 p2
check "after reload: vm1 -> vm2 over a new sw0" ping_ok 1 192.0.2.2
check_eq "after reload: a new switch has default ageing" 300 sw_field sw0 ageing

# A netns goes away with its switch, its VNI and the VNI's UDP socket,
# while broadcasts arrive over the tunnel.
VSW_HOST=5 add_switch sw0
vni_pair
run_bg 1 ping -q -f -b -w 30 192.0.2.255
check "a broadcast reaches n5's VNI" wait_for 30 \
	vni_received 5
check "delete n5 with its switch and VNI under traffic" ip netns del "$NS5"
forget_ns 5
check "n0's VNI still works after n5 is gone" vsw vxlan show sw0

finish
