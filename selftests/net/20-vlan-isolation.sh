#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Access port groups isolate VLANs on one switch: VMs of VLAN 10 and VLAN 20
# share an IP subnet but neither unicast nor broadcast crosses between them;
# VMs of the same VLAN talk. Learning is per VLAN: one MAC in two VLANs is
# two fdb entries. A VM cannot hop VLANs by tagging its frames.
#
#   n1 (vm1) .1   n2 (vm2) .2   n3 (vm3) .3   n4 (vm4) .4   n5 (vm5) .5
#     |             |             |             |             |
#   n0: p1 -------- p2 ---------- p3 -- sw0 --- p4 ---------- p5
#      v10 (vlan 10)              v20 (vlan 20)               default (VLAN 0)
#
# All in 192.0.2.0/24 with static neighbours and IPv6 off: only the switch
# keeps them apart, and the only frames on the wire are the ones we send.
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
# These tests send from source MACs other than the VM's own, and count
# unknown unicast floods, which a non-promiscuous VM port does not get for
# another MAC; the security policies are tested in 30-*.sh.
for pg in default v10 v20; do
	setup vsw portgroup set sw0 "$pg" forged-transmits on mac-change on \
		promisc on
done
add_vm_pg 1 sw0 v10 192.0.2.1/24
add_vm_pg 2 sw0 v10 192.0.2.2/24
add_vm_pg 3 sw0 v20 192.0.2.3/24
add_vm_pg 4 sw0 v20 192.0.2.4/24
add_vm_pg 5 sw0 default 192.0.2.5/24
declare -A mac
for i in 1 2 3 4 5; do
	mac[$i]=$(vm_mac $i)
done
for i in 1 2 3 4 5; do
	for j in 1 2 3 4 5; do
		((i == j)) || setup neigh $i "192.0.2.$j" "${mac[$j]}"
	done
done

check_eq "portgroup show v10: vlan 10" 10 pg_field sw0 v10 vlan
check_eq "portgroup show v10: mode access" access pg_field sw0 v10 mode
check_eq "portgroup show v10: trunk null" null pg_field sw0 v10 trunk
check_eq "portgroup show v10: native null" null pg_field sw0 v10 native
check_eq "portgroup show v10: ports p1, p2" '["p1", "p2"]' \
	vsw_jq "sorted(first(j, name='v10')['ports'])" portgroup show sw0 v10
check_eq "portgroup show default: vlan 0, mode none" "0 none" \
	vsw_jq "'%s %s' % (first(j, name='default')['vlan'], first(j, name='default')['mode'])" \
	portgroup show sw0
check_eq "port show p3: portgroup v20" v20 port_field p3 portgroup sw0

# Same VLAN.
check "VLAN 10: vm1 -> vm2" vping 1 192.0.2.2
check "VLAN 20: vm3 -> vm4" vping 3 192.0.2.4

# Across VLANs: unicast with known MACs, both directions; the target VM
# receives nothing at all (the frames are flooded in the sender's VLAN).
check "VLAN 10 -> 20: vm1 cannot reach vm3, vm3 gets nothing" unreached 1 192.0.2.3 3
check "VLAN 10 -> 20: vm1 cannot reach vm4, vm4 gets nothing" unreached 1 192.0.2.4 4
check "VLAN 20 -> 10: vm3 cannot reach vm1, vm1 gets nothing" unreached 3 192.0.2.1 1
check "VLAN 20 -> 10: vm4 cannot reach vm2, vm2 gets nothing" unreached 4 192.0.2.2 2
check "VLAN 10 -> 0: vm1 cannot reach vm5, vm5 gets nothing" unreached 1 192.0.2.5 5
check "VLAN 0 -> 20: vm5 cannot reach vm3, vm3 gets nothing" unreached 5 192.0.2.3 3
check "VLAN 0 -> 10: vm5 cannot reach vm2, vm2 gets nothing" unreached 5 192.0.2.2 2

# Broadcast counting: 5 broadcasts from vm1 reach vm2 only.
rx_snap 1 2 3 4 5 0:sw0
n1 ping -q -b -c 5 -i 0.2 -W 1 192.0.2.255 >/dev/null 2>&1
check_eq "broadcast from vm1 (VLAN 10) reaches vm2 (5 of 5)" 5 rx_delta 2
check_eq "broadcast from vm1 never reaches vm3 (VLAN 20)" 0 rx_delta 3
check_eq "broadcast from vm1 never reaches vm4 (VLAN 20)" 0 rx_delta 4
check_eq "broadcast from vm1 never reaches vm5 (VLAN 0)" 0 rx_delta 5
check_eq "broadcast from vm1 never reaches the host port (VLAN 0)" 0 rx_delta 0:sw0
check_eq "broadcast never goes back to vm1" 0 rx_delta 1

# An ARP-like broadcast (raw frame) from vm3 reaches vm4 only.
rx_snap 1 2 4 5
setup raw_send 3 eth0 ff:ff:ff:ff:ff:ff "${mac[3]}"
check_wait "broadcast frame from vm3 (VLAN 20) reaches vm4" 3 rx_is 4 1
check_eq "... and neither vm1 nor vm2 (VLAN 10) nor vm5 (VLAN 0)" "0 0 0" rx_deltas 1 2 5

# Unknown unicast floods within its VLAN only: vm1 -> a MAC nobody has.
rx_snap 2 3 4 5
setup raw_send 1 eth0 "$(doc_mac 99)" "${mac[1]}"
check_wait "unknown unicast from vm1 is flooded to vm2" 3 rx_is 2 1
check_eq "... and not to VLAN 20 or VLAN 0" "0 0 0" rx_deltas 3 4 5

# Learning per VLAN.
check_eq "vm1 learned in VLAN 10 on p1" p1 fdb_port sw0 "${mac[1]}" 10
check_eq "vm1 not learned in VLAN 0" none fdb_port sw0 "${mac[1]}" 0
check_eq "vm3 learned in VLAN 20 on p3" p3 fdb_port sw0 "${mac[3]}" 20
check_eq "vm5 learned in VLAN 0 on p5" p5 fdb_port sw0 "${mac[5]}" 0
S=$(doc_mac 42)
setup raw_send 1 eth0 ff:ff:ff:ff:ff:ff "$S"
setup raw_send 3 eth0 ff:ff:ff:ff:ff:ff "$S"
check_eq "one MAC sent from VLAN 10 and VLAN 20: two fdb entries" 2 fdb_count sw0 "$S"
check_eq "... in VLANs 10 and 20" "[10, 20]" fdb_vlans sw0 "$S"
check_eq "... (MAC, 10) on p1" p1 fdb_port sw0 "$S" 10
check_eq "... (MAC, 20) on p3 (no move from p1)" p3 fdb_port sw0 "$S" 20
check_eq "fdb show vlan 20 lists the VLAN 20 entry only" '[20]' \
	vsw_jq "sorted(e['vlan'] for e in where(j, mac='$S'))" fdb show sw0 vlan 20
# Unicast to S from VLAN 10 goes to p1's VM, not to p3's.
rx_snap 1 3
setup raw_send 2 eth0 "$S" "${mac[2]}"
check_wait "unicast to the MAC from VLAN 10 reaches vm1 (its VLAN 10 entry)" 3 rx_is 1 1
check_eq "... not vm3 (its VLAN 20 entry)" 0 rx_delta 3
# With mac-change on, sending from S made S the ports' MAC: let the VMs'
# own addresses stick again.
setup vsw port set p1 mac none
setup vsw port set p3 mac none

# VLAN hopping: vm1 (access VLAN 10) tags its frames with VLAN 20.
add_vlan_if 1 eth0 20 198.51.100.1/24
setup neigh_dev 1 eth0.20 198.51.100.3 "${mac[3]}"
d0=$(port_drops p1 vlan sw0)
rx_snap 3 4
n1 ping -q -c 3 -i 0.2 -W 1 198.51.100.3 >/dev/null 2>&1
check_eq "frames tagged VLAN 20 by an access VM reach no VLAN 20 VM" "0 0" rx_deltas 3 4
drops_p1() { echo $(($(port_drops p1 vlan sw0) - d0)); }
check_num "... and are counted as drops (vlan) on p1" -ge 3 drops_p1
add_vlan_if 5 eth0 10 198.51.100.5/24
setup neigh_dev 5 eth0.10 198.51.100.1 "${mac[1]}"
d5=$(port_drops p5 vlan sw0)
rx_snap 1 2
n5 ping -q -c 3 -i 0.2 -W 1 198.51.100.1 >/dev/null 2>&1
check_eq "frames tagged VLAN 10 from a VLAN 0 VM reach no VLAN 10 VM" "0 0" rx_deltas 1 2
drops_p5() { echo $(($(port_drops p5 vlan sw0) - d5)); }
check_num "... and are counted as drops (vlan) on p5" -ge 3 drops_p5
check "VLAN 10 still works after all that: vm2 -> vm1" vping 2 192.0.2.1

finish
