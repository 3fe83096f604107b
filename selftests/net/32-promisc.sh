#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Promiscuous mode: a VM in a promisc port group gets a copy of the known
# unicast between two other VMs of its VLAN, and nothing from another VLAN;
# a VM of a non-promisc group gets none of it. Turning promisc on and off on
# a group takes effect at once.
#
#   n1 .1   n2 .2   n3 .3          n4 .4            n5 .5   n6 .6
#   |       |       |              |                |       |
#   p1 ---- p2 ---- p3 --- sw0 --- p4 ------------- p5 ---- p6
#   v10 (vlan 10, promisc off)     v10p (vlan 10,    v20p (vlan 20,
#                                  promisc on)       promisc on)
#
# 192.0.2.0/24 for all (VLANs keep them apart), static neighbours, IPv6 off.
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"
# shellcheck source=lib-sec.sh
source "$(dirname "$0")/lib-sec.sh"

require_cmd tcpdump
setup_ns 0
add_switch sw0
add_pg sw0 v10 vlan 10
add_pg sw0 v10p vlan 10 promisc on
add_pg sw0 v20p vlan 20 promisc on
add_vm_pg 1 sw0 v10 192.0.2.1/24
add_vm_pg 2 sw0 v10 192.0.2.2/24
add_vm_pg 3 sw0 v10 192.0.2.3/24
add_vm_pg 4 sw0 v10p 192.0.2.4/24
add_vm_pg 5 sw0 v20p 192.0.2.5/24
add_vm_pg 6 sw0 v20p 192.0.2.6/24
declare -A mac
for i in 1 2 3 4 5 6; do
	mac[$i]=$(vm_mac $i)
done
for i in 1 2 3 4 5 6; do
	for j in 1 2 3 4 5 6; do
		((i == j)) || setup neigh $i "192.0.2.$j" "${mac[$j]}"
	done
done

check_eq "portgroup show v10p: security.promisc true" true pg_sec sw0 v10p promisc
check_eq "portgroup show v10: security.promisc false" false pg_sec sw0 v10 promisc

# Every MAC learned (and every port's MAC known) before counting.
check "vm1 -> vm2" ping_ok 1 192.0.2.2
check "vm3 -> vm1" ping_ok 3 192.0.2.1
check "vm4 -> vm1" ping_ok 4 192.0.2.1
check "vm5 -> vm6" ping_ok 5 192.0.2.6
for i in 1 2 3 4 5 6; do
	check_eq "vm$i's MAC is learned on p$i" "p$i" fdb_port sw0 "${mac[$i]}" "$( ((i < 5)) && echo 10 || echo 20)"
done

# Known unicast vm1 <-> vm2: 5 requests, 5 replies.
capture_start 4 eth0 "$TMPD/cap4"
rx_snap 1 2 3 4 5 6
setup n1 ping -q -c 5 -i 0.2 -W 2 192.0.2.2
check_eq "vm1 <-> vm2 (VLAN 10): promisc vm4 got a copy of all 10 frames" 10 rx_delta 4
check_eq "... non-promisc vm3 got none" 0 rx_delta 3
check_eq "... promisc vm5 and vm6 of VLAN 20 got none" "0 0" rx_deltas 5 6
check_eq "... vm1 and vm2 got exactly the replies and requests (5 5)" "5 5" rx_deltas 1 2
capture_stop
check_eq "vm4's capture: 5 echo requests 192.0.2.1 > 192.0.2.2 to vm2's MAC" 5 \
	captured_count "$TMPD/cap4" "> ${mac[2]}.*192\.0\.2\.1 > 192\.0\.2\.2: ICMP echo request"
check_eq "vm4's capture: 5 echo replies 192.0.2.2 > 192.0.2.1 to vm1's MAC" 5 \
	captured_count "$TMPD/cap4" "> ${mac[1]}.*192\.0\.2\.2 > 192\.0\.2\.1: ICMP echo reply"

# Unicast in VLAN 20 between two promisc VMs: neither VLAN 10 VM sees it.
rx_snap 1 2 3 4
setup n5 ping -q -c 3 -i 0.2 -W 2 192.0.2.6
check_eq "vm5 <-> vm6 (VLAN 20): promisc vm4 of VLAN 10 got nothing" 0 rx_delta 4
check_eq "... nor vm1, vm2, vm3" "0 0 0" rx_deltas 1 2 3

# vm4 -> vm1: the promisc VM's own traffic; vm5 (VLAN 20) sees none.
rx_snap 5 6 2 3
setup n4 ping -q -c 2 -i 0.2 -W 2 192.0.2.1
check_eq "vm4 <-> vm1 (VLAN 10): VLAN 20 promisc VMs got nothing" "0 0" rx_deltas 5 6
check_eq "... non-promisc vm2 and vm3 got nothing" "0 0" rx_deltas 2 3

# promisc on for v10: vm3 now sees vm1 <-> vm2 too; off again: nothing.
check "portgroup set v10 promisc on" vsw portgroup set sw0 v10 promisc on
check_eq "portgroup show v10: security.promisc true" true pg_sec sw0 v10 promisc
rx_snap 3 4
setup n1 ping -q -c 3 -i 0.2 -W 2 192.0.2.2
check_eq "v10 promisc on: vm3 got a copy of all 6 frames of vm1 <-> vm2" 6 rx_delta 3
check_eq "v10 promisc on: vm4 still got its 6" 6 rx_delta 4
check "portgroup set v10 promisc off" vsw portgroup set sw0 v10 promisc off
rx_snap 3 4
setup n1 ping -q -c 3 -i 0.2 -W 2 192.0.2.2
check_eq "v10 promisc off again: vm4 got 6" 6 rx_delta 4
check_eq "v10 promisc off again: vm3 got none" 0 rx_delta 3

# Moving the sniffer to a non-promisc group ends the copies.
check "port set p4 portgroup v10" vsw port set p4 portgroup v10
check "vm4 -> vm1 after the move" ping_ok 4 192.0.2.1
rx_snap 4
setup n1 ping -q -c 3 -i 0.2 -W 2 192.0.2.2
check_eq "p4 in v10 (promisc off): vm4 got none of vm1 <-> vm2" 0 rx_delta 4

finish
