#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two physical hosts, each with its own switch, joined by a wire between
# their uplinks: VMs of the same VLAN reach each other across the hosts,
# VMs of different VLANs do not, VLAN 0 crosses untagged.
#
#   n1 vm1 v10 .1   n2 vm2 v20 .2   n3 vm3 default .3
#     |               |               |
#   n0 (host A): p1 p2 p3 -- sw0 -- up0 ==== up0 -- sw0 -- p6 p7 p8 (n5, host B)
#                                                                   |  |  |
#                                      n6 vm6 v10 .6   n7 vm7 v20 .7   n8 vm8 default .8
#
# All VMs in 192.0.2.0/24, static neighbours: only the VLANs keep them apart.
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"

setup_ns 0 5
for h in 0 5; do
	VSW_HOST=$h
	add_switch sw0
	add_pg sw0 v10 vlan 10
	add_pg sw0 v20 vlan 20
done
VSW_HOST=0
add_vm_pg 1 sw0 v10 192.0.2.1/24
add_vm_pg 2 sw0 v20 192.0.2.2/24
add_vm_pg 3 sw0 default 192.0.2.3/24
VSW_HOST=5
add_vm_pg 6 sw0 v10 192.0.2.6/24
add_vm_pg 7 sw0 v20 192.0.2.7/24
add_vm_pg 8 sw0 default 192.0.2.8/24
VSW_HOST=0
setup ip -n "$NS0" link add name up0 type veth peer name up0 netns "$NS5"
setup ip -n "$NS0" link set dev up0 up
setup ip -n "$NS5" link set dev up0 up
setup vswn 0 uplink add sw0 up0
setup vswn 5 uplink add sw0 up0

vms=(1 2 3 6 7 8)
declare -A mac
for i in "${vms[@]}"; do
	mac[$i]=$(vm_mac "$i")
done
for i in "${vms[@]}"; do
	for j in "${vms[@]}"; do
		((i == j)) || setup neigh "$i" "192.0.2.$j" "${mac[$j]}"
	done
done

check_eq "host A: switch sw0 has ports p1 p2 p3 up0" '["p1", "p2", "p3", "up0"]' \
	vsw_jq "sorted(p for p in first(j, name='sw0')['ports'] if p != 'sw0')" switch show sw0
check_eq "host B: its own switch sw0 has ports p6 p7 p8 up0" '["p6", "p7", "p8", "up0"]' \
	vswn_jq 5 "sorted(p for p in first(j, name='sw0')['ports'] if p != 'sw0')" switch show sw0

check "VLAN 10 across hosts: vm1 -> vm6" vping 1 192.0.2.6
check "VLAN 20 across hosts: vm7 -> vm2" vping 7 192.0.2.2
check "VLAN 0 across hosts: vm3 -> vm8" vping 3 192.0.2.8
check "1500-byte payload tagged across hosts: vm6 -> vm1 (ping -s 1472 -M do)" \
	vping 6 192.0.2.1 -s 1472 -M "do"

check "VLAN 10 -> 20 across hosts: vm1 cannot reach vm7, vm7 gets nothing" unreached 1 192.0.2.7 7
check "VLAN 20 -> 10 across hosts: vm2 cannot reach vm6, vm6 gets nothing" unreached 2 192.0.2.6 6
check "VLAN 10 -> 0 across hosts: vm1 cannot reach vm8, vm8 gets nothing" unreached 1 192.0.2.8 8
check "VLAN 0 -> 20 across hosts: vm3 cannot reach vm7, vm7 gets nothing" unreached 3 192.0.2.7 7
check "VLAN 0 -> 10 across hosts: vm8 cannot reach vm1, vm1 gets nothing" unreached 8 192.0.2.1 1

rx_snap 2 3 6 7 8
n1 ping -q -b -c 3 -i 0.2 -W 1 192.0.2.255 >/dev/null 2>&1
check_eq "broadcast from vm1 (VLAN 10) reaches vm6 on host B (3)" 3 rx_delta 6
check_eq "... and no other VM on either host" "0 0 0 0" rx_deltas 2 3 7 8

check_eq "host B learned vm1 on its uplink in VLAN 10" up0 \
	vswn_jq 5 "(lambda e: 'none' if e is None else e['port'])(first(j, mac='${mac[1]}', vlan=10))" \
	fdb show sw0
check_eq "host B: vm1 in VLAN 10 only" "[10]" \
	vswn_jq 5 "sorted(e['vlan'] for e in where(j, mac='${mac[1]}'))" fdb show sw0
check_eq "host A learned vm7 on its uplink in VLAN 20 only" '[[20, "up0"]]' \
	vsw_jq "sorted([e['vlan'], e['port']] for e in where(j, mac='${mac[7]}'))" fdb show sw0

# Host B moves vm7 to VLAN 10: now it reaches vm1 on host A, and not vm2.
check "host B: port set p7 portgroup v10" vswn 5 port set p7 portgroup v10
check "after the move, vm7 -> vm1 (VLAN 10 across hosts)" vping 7 192.0.2.1
check "... and vm7 no longer reaches vm2 (VLAN 20), vm2 gets nothing" unreached 7 192.0.2.2 2

finish
