#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Port groups change under traffic: a port moved to another group leaves its
# old VLAN at once and its learned entries are flushed; changing a group's
# VLAN moves all its ports; the host port sits in an access group (a
# management VLAN); port groups are deleted once empty.
#
#   n1 (vm1) .1 v10    n2 (vm2) .2 v20    n3 (vm3) .3 v10 -> v20    n4 (vm4) .4 default
#     |                  |                  |                         |
#   n0: p1 ------------- p2 ---- sw0 ------ p3 ---------------------- p4
#                                 |
#                                sw0 (host port) 192.0.2.100/24
#
# All in 192.0.2.0/24 with static neighbours.
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"

setup_ns 0
add_switch sw0
add_pg sw0 v10 vlan 10
add_pg sw0 v20 vlan 20
# These tests send from source MACs other than the VM's own; the security
# policies that would drop them are tested in 30-*.sh.
for pg in default v10 v20; do
	setup vsw portgroup set sw0 "$pg" forged-transmits on mac-change on
done
add_vm_pg 1 sw0 v10 192.0.2.1/24
add_vm_pg 2 sw0 v20 192.0.2.2/24
add_vm_pg 3 sw0 v10 192.0.2.3/24
add_vm_pg 4 sw0 default 192.0.2.4/24
setup n0 ip addr add 192.0.2.100/24 dev sw0
declare -A mac
mac[0]=$(dev_mac 0 sw0)
for i in 1 2 3 4; do
	mac[$i]=$(vm_mac $i)
done
for i in 1 2 3 4; do
	for j in 1 2 3 4; do
		((i == j)) || setup neigh $i "192.0.2.$j" "${mac[$j]}"
	done
	setup neigh $i 192.0.2.100 "${mac[0]}"
	setup ip -n "$NS0" neigh replace "192.0.2.$i" lladdr "${mac[$i]}" dev sw0 nud permanent
done
S=$(doc_mac 33)

# ---- moving a port under traffic ----
check "before the move: vm3 -> vm1 (both VLAN 10)" vping 3 192.0.2.1
check "before the move: vm3 cannot reach vm2 (VLAN 20)" unreached 3 192.0.2.2 2
setup raw_send 3 eth0 ff:ff:ff:ff:ff:ff "$S"
check_eq "vm3 learned on p3 in VLAN 10" p3 fdb_port sw0 "${mac[3]}" 10
check_eq "a second MAC behind p3 learned in VLAN 10" p3 fdb_port sw0 "$S" 10
# mac-change on made S p3's MAC: let vm3's own address stick again.
setup vsw port set p3 mac none

rx_snap 1 3
run_bg 3 ping -q -i 0.2 -W 1 -c 100 192.0.2.1
ping_pid=$BG_PID
check_wait "background ping vm3 -> vm1: vm1 gets requests, vm3 replies" 10 \
	eval 'out_ge 3 rx_delta 1 && out_ge 3 rx_delta 3'
check "port set p3 portgroup v20 (ping running)" vsw port set p3 portgroup v20
rx_snap 1 3
sleep 1.5
check_eq "after the move, the running ping reaches vm1 no more (vm1 rx +0 in 1.5 s)" 0 rx_delta 1
check_num "... and vm3 gets no reply (at most one in flight at the move)" -le 1 rx_delta 3
check_eq "vm3's VLAN 10 entry is gone" none fdb_port sw0 "${mac[3]}" 10
check_eq "the second MAC behind p3 is flushed from every VLAN" 0 fdb_count sw0 "$S"
check_wait "vm3 is learned again in VLAN 20 from the running ping" 5 fdb_is sw0 "${mac[3]}" p3 20
check_eq "vm1's own entry (VLAN 10, p1) stays" p1 fdb_port sw0 "${mac[1]}" 10
stop_bg "$ping_pid"
check_eq "port show p3: portgroup v20" v20 port_field p3 portgroup sw0
check_eq "portgroup show: v10 has p1, v20 has p2 and p3" '[["p1"], ["p2", "p3"]]' \
	vsw_jq "[sorted(first(j, name=g)['ports']) for g in ('v10', 'v20')]" portgroup show sw0
check "after the move: vm3 -> vm2 (VLAN 20)" vping 3 192.0.2.2
check "after the move: vm3 cannot reach vm1 (VLAN 10), vm1 gets nothing" unreached 3 192.0.2.1 1
check "after the move: vm1 cannot reach vm3, vm3 gets nothing" unreached 1 192.0.2.3 3

# ---- changing a group's VLAN moves its ports ----
run_bg 2 ping -q -i 0.2 -W 1 -c 100 192.0.2.3
ping_pid=$BG_PID
check_wait "vm2 -> vm3 learned in VLAN 20" 5 fdb_is sw0 "${mac[2]}" p2 20
check "portgroup set sw0 v20 vlan 30 (ping running)" vsw portgroup set sw0 v20 vlan 30
check_eq "portgroup show v20: vlan 30" 30 pg_field sw0 v20 vlan
check_wait "vm2 is learned again, in VLAN 30" 5 fdb_is sw0 "${mac[2]}" p2 30
check_eq "vm2's VLAN 20 entry is gone" none fdb_port sw0 "${mac[2]}" 20
stop_bg "$ping_pid"
check "vm2 -> vm3 (both now VLAN 30)" vping 2 192.0.2.3
check "vm2 (VLAN 30) cannot reach vm1 (VLAN 10), vm1 gets nothing" unreached 2 192.0.2.1 1

# ---- the host port in an access port group ----
check_eq "port show sw0: kind host, portgroup default" "host default" \
	vsw_jq "'%s %s' % (first(j, name='sw0')['kind'], first(j, name='sw0')['portgroup'])" port show sw0
check "host (VLAN 0) -> vm4 (VLAN 0)" vping 0 192.0.2.4
check "host (VLAN 0) cannot reach vm1 (VLAN 10), vm1 gets nothing" unreached 0 192.0.2.1 1
check "port set sw0 portgroup v10 (the host port)" vsw port set sw0 portgroup v10
check_eq "port show sw0: portgroup v10" v10 port_field sw0 portgroup sw0
check_eq "portgroup show v10 lists sw0" '["p1", "sw0"]' \
	vsw_jq "sorted(first(j, name='v10')['ports'])" portgroup show sw0 v10
check "host in VLAN 10 -> vm1" vping 0 192.0.2.1
check "vm1 -> host in VLAN 10" vping 1 192.0.2.100
check "host in VLAN 10 cannot reach vm4 (VLAN 0), vm4 gets nothing" unreached 0 192.0.2.4 4
check "host in VLAN 10 cannot reach vm2 (VLAN 30), vm2 gets nothing" unreached 0 192.0.2.2 2
check "vm4 (VLAN 0) cannot reach the host any more" vping_fails 4 192.0.2.100
check_eq "the host's own fdb entry is in VLAN 10" '[10]' \
	vsw_jq "sorted(e['vlan'] for e in where(j, mac='${mac[0]}'))" fdb show sw0
rx_snap 0:sw0
n4 ping -q -b -c 3 -i 0.2 -W 1 192.0.2.255 >/dev/null 2>&1
check_eq "broadcast from vm4 (VLAN 0) no longer reaches the host port" 0 rx_delta 0:sw0
rx_snap 0:sw0
n1 ping -q -b -c 3 -i 0.2 -W 1 192.0.2.255 >/dev/null 2>&1
check_num "broadcast from vm1 (VLAN 10) reaches the host port (3)" -ge 3 rx_delta 0:sw0
check "port set sw0 portgroup default" vsw port set sw0 portgroup default
check "host back in VLAN 0 -> vm4" vping 0 192.0.2.4
check "host back in VLAN 0 cannot reach vm1, vm1 gets nothing" unreached 0 192.0.2.1 1

# ---- deleting port groups ----
check "port set p1 portgroup default" vsw port set p1 portgroup default
check "portgroup del sw0 v10 (now empty)" vsw portgroup del sw0 v10
check_eq "portgroup show: default and v20 left" '["default", "v20"]' \
	vsw_jq "sorted(e['name'] for e in j)" portgroup show sw0
check_fail "portgroup show sw0 v10: gone" "" vsw portgroup show sw0 v10
check "vm1 (now VLAN 0) -> vm4" vping 1 192.0.2.4
check "portgroup add sw0 v10 vlan 10 again" vsw portgroup add sw0 v10 vlan 10
check_eq "the new v10 has no ports" '[]' \
	vsw_jq "first(j, name='v10')['ports']" portgroup show sw0 v10
check "port set p2 portgroup default; p3 too" \
	eval 'vsw port set p2 portgroup default && vsw port set p3 portgroup default'
check "portgroup del sw0 v20" vsw portgroup del sw0 v20
check "portgroup del sw0 v10" vsw portgroup del sw0 v10
check_eq "only default is left" '["default"]' \
	vsw_jq "sorted(e['name'] for e in j)" portgroup show sw0
check "everyone in VLAN 0 now: vm3 -> vm1" vping 3 192.0.2.1
check "... vm2 -> vm4" vping 2 192.0.2.4

finish
