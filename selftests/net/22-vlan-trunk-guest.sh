#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Guest VLAN tagging: a VM in a 4095 (trunk-all) port group tags its own
# frames and reaches the VMs of several access VLANs through its VLAN
# subinterfaces; a VM in a trunk-list group "trunk 10,20,30 native 30" gets
# VLAN 30 untagged, VLAN 10 tagged, and never VLAN 40.
#
#   n1 (vm1)  v10 (vlan 10)   192.0.2.1/25
#   n2 (vm2)  v20 (vlan 20)   198.51.100.2/25
#   n3 (vm3)  v30 (vlan 30)   203.0.113.3/25
#   n4 (vm4)  v40 (vlan 40)   198.51.100.132/25
#   n5 (vgt)  vgt (vlan 4095) eth0.10 192.0.2.5/25, eth0.20 198.51.100.5/25,
#                             eth0.30 203.0.113.5/25
#   n6 (tl)   tl (trunk 10,20,30 native 30)
#                             eth0 203.0.113.6/25 (untagged = VLAN 30),
#                             eth0.10 192.0.2.6/25, eth0.40 198.51.100.134/25
#     |
#   n0: p1 .. p6 ---- sw0
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"

SNAP_SWITCHES=sw0
setup_ns 0
add_switch sw0
for v in 10 20 30 40; do
	add_pg sw0 "v$v" vlan "$v"
done
add_pg sw0 vgt vlan 4095
check_refused "trunk 10,20 native 30 is refused: the native VLAN must be in the list" \
	"native" vsw portgroup add sw0 tl trunk 10,20 native 30
check "portgroup add sw0 tl trunk 10,20,30 native 30" \
	vsw portgroup add sw0 tl trunk 10,20,30 native 30

check_eq "portgroup show vgt: vlan 4095, mode trunk-all, trunk null, native null" \
	"4095 trunk-all None None" \
	vsw_jq "'%s %s %s %s' % tuple(first(j, name='vgt')[k] for k in ('vlan', 'mode', 'trunk', 'native'))" \
	portgroup show sw0 vgt
check_eq "portgroup show tl: vlan null, mode trunk-list, trunk 10,20,30, native 30" \
	"None trunk-list 10,20,30 30" \
	vsw_jq "'%s %s %s %s' % tuple(first(j, name='tl')[k] for k in ('vlan', 'mode', 'trunk', 'native'))" \
	portgroup show sw0 tl

add_vm_pg 1 sw0 v10 192.0.2.1/25
add_vm_pg 2 sw0 v20 198.51.100.2/25
add_vm_pg 3 sw0 v30 203.0.113.3/25
add_vm_pg 4 sw0 v40 198.51.100.132/25
add_vm_pg 5 sw0 vgt
add_vlan_if 5 eth0 10 192.0.2.5/25
add_vlan_if 5 eth0 20 198.51.100.5/25
add_vlan_if 5 eth0 30 203.0.113.5/25
add_vm_pg 6 sw0 tl 203.0.113.6/25
add_vlan_if 6 eth0 10 192.0.2.6/25
add_vlan_if 6 eth0 40 198.51.100.134/25
m5=$(vm_mac 5)

# Trunk-all (VGT).
check "VGT guest eth0.10 -> vm1 (VLAN 10)" vping 5 192.0.2.1
check "VGT guest eth0.20 -> vm2 (VLAN 20)" vping 5 198.51.100.2
check "VGT guest eth0.30 -> vm3 (VLAN 30)" vping 5 203.0.113.3
check "vm2 (VLAN 20) -> VGT guest eth0.20" vping 2 198.51.100.5
check_eq "the VGT guest's MAC is learned on p5 in VLANs 10, 20 and 30" "[10, 20, 30]" \
	fdb_vlans sw0 "$m5"
# The neighbours the pings resolved stay quiet from now on.
setup freeze_neigh 1 2 3 5
rx_snap 1 2 3
n5 ping -q -b -c 3 -i 0.2 -W 1 -I eth0.10 192.0.2.127 >/dev/null 2>&1
check_eq "broadcast from the VGT guest's eth0.10 reaches vm1 (3)" 3 rx_delta 1
check_eq "... and not vm2 (VLAN 20) or vm3 (VLAN 30)" "0 0" rx_deltas 2 3
rx_snap 5:eth0.10 5:eth0.20 6 6:eth0.10
n2 ping -q -b -c 3 -i 0.2 -W 1 198.51.100.127 >/dev/null 2>&1
check_eq "broadcast from vm2 (VLAN 20) reaches the VGT guest tagged: its eth0.20 (3)" 3 \
	rx_delta 5:eth0.20
check_eq "... and not its eth0.10" 0 rx_delta 5:eth0.10
check_eq "VLAN 20 is in tl's list: the tl guest's eth0 gets them too (3)" 3 rx_delta 6
check_eq "... tagged 20, not into its eth0.10" 0 rx_delta 6:eth0.10
# Untagged from a trunk-all guest is VLAN 0: no VLAN 0 VM here, but it must
# not land in an access VLAN.
rx_snap 1 2 3 4
setup raw_send 5 eth0 ff:ff:ff:ff:ff:ff "$m5"
check_eq "untagged broadcast from the VGT guest (VLAN 0) reaches no access VM" "0 0 0 0" \
	rx_deltas 1 2 3 4

# Trunk list with a native VLAN.
check "tl guest untagged eth0 -> vm3 (native VLAN 30)" vping 6 203.0.113.3
check "vm3 -> tl guest's untagged eth0" vping 3 203.0.113.6
check "tl guest eth0.10 -> vm1 (VLAN 10, tagged)" vping 6 192.0.2.1
check "tl guest eth0.10 -> VGT guest eth0.10" vping 6 192.0.2.5
m4=$(vm_mac 4)
m6=$(vm_mac 6)
setup freeze_neigh 1 3 5 6
setup neigh_dev 6 eth0.40 198.51.100.132 "$m4"
setup neigh 4 198.51.100.134 "$m6"
d6=$(port_drops p6 vlan sw0)
rx_snap 4
check "tl guest eth0.40 cannot reach vm4 (VLAN 40 is not in the list)" \
	vping_fails 6 198.51.100.132
check_eq "... vm4 received nothing" 0 rx_delta 4
drops_p6() { echo $(($(port_drops p6 vlan sw0) - d6)); }
check_num "... and p6 counted its VLAN 40 frames as drops (vlan)" -ge 2 drops_p6
check_eq "tl guest's MAC never learned in VLAN 40" none fdb_port sw0 "$m6" 40
rx_snap 5 6 6:eth0.40
check "vm4 cannot reach the tl guest either" vping_fails 4 198.51.100.134
n4 ping -q -b -c 3 -i 0.2 -W 1 198.51.100.255 >/dev/null 2>&1
check_eq "... nothing of VLAN 40 (unicast, broadcast) reaches the tl guest" "0 0" \
	rx_deltas 6 6:eth0.40
check_num "the VGT guest does see VLAN 40 broadcasts" -ge 3 rx_delta 5

# Native VLAN 30 tagged on the wire is still VLAN 30; it goes back untagged.
rx_snap 3
setup raw_send 6 eth0 ff:ff:ff:ff:ff:ff "$m6"
check_wait "untagged broadcast from the tl guest reaches vm3 (VLAN 30)" 3 rx_is 3 1
check_eq "tl guest learned in VLANs 10 and 30 only" "[10, 30]" fdb_vlans sw0 "$m6"

finish
