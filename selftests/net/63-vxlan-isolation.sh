#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two VNIs on one switch stay apart, and VXLAN and the uplink never
# forward to each other. VLAN 10 <-> VNI 5010 and VLAN 20 <-> VNI 5020 on
# two hosts: pings and broadcasts cross within a VNI only (every VM has an
# address in one subnet, so only the VNIs keep them apart), each VLAN's
# frames carry their own VNI, untagged. Host A also has an uplink to a
# physical peer with VLAN 10 and 20 subinterfaces: its frames reach A's
# VMs but never the tunnel, the remote VMs' frames reach A's VMs but never
# the uplink (unicast between them: uplink_loop, on the port it came in
# by), while A's own VMs reach both. VLAN 0 has no VNI and stays on the
# host.
#
#   n11 (vm11) v10 .11   n12 (vm12) v20 .12   n13 (vm13) default .13
#     |                    |                    |
#   n10 (host A): p11 p12 p13 -- sw0 -- up0 (uplink) --- eth0 n15 (physical peer)
#     VNI 5010 <-> VLAN 10, VNI 5020 <-> VLAN 20           eth0.10 192.0.2.15,
#                                                          eth0.20 203.0.113.16
#     ul0 198.51.100.10/24 (tcpdump)
#       ||  (underlay)
#     ul0 198.51.100.20/24
#   n20 (host B): p21 p22 -- sw0, VNI 5010 <-> VLAN 10, VNI 5020 <-> VLAN 20
#     |                |
#   n21 (vm21) v10 .21   n22 (vm22) v20 .22
#
# The VMs and the peer's eth0.10 are in 192.0.2.0/24, with static
# neighbours; IPv6 is off.
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"
# shellcheck source=lib-sec.sh
source "$(dirname "$0")/lib-sec.sh"
# shellcheck source=lib-vxlan.sh
source "$(dirname "$0")/lib-vxlan.sh"
require_cmd tcpdump

setup_ns 10 20
for h in 10 20; do
	vx_host "$h"
	VSW_HOST=$h add_pg sw0 v20 vlan 20
	vx_vm "$h" $((h + 1)) v10
	vx_vm "$h" $((h + 2)) v20
done
vx_vm 10 13 default
ul_wire 10 20 198.51.100.10/24 198.51.100.20/24
VSW_HOST=10
SNAP_SWITCHES=sw0
add_uplink_peer 15 up0 sw0
add_vlan_if 15 eth0 10 192.0.2.15/24
add_vlan_if 15 eth0 20 203.0.113.16/24
for h in 10 20; do
	setup vswn "$h" vxlan add sw0 vni 5010 vlan 10 local "198.51.100.$h" \
		remote "198.51.100.$((30 - h))"
	setup vswn "$h" vxlan add sw0 vni 5020 vlan 20 local "198.51.100.$h" \
		remote "198.51.100.$((30 - h))"
done
vm_neighs 11 12 13 21 22
pmac=$(vm_mac 15)
for v in 11 12 13 21 22; do
	setup neigh "$v" 192.0.2.15 "$pmac"
	setup neigh_dev 15 eth0.10 "192.0.2.$v" "$(vm_mac "$v")"
done
m21=$(vm_mac 21)
CAP=$TMPD/ul0.txt

check_eq "host A: two VNIs, 5010 on VLAN 10 and 5020 on VLAN 20" "[[5010, 10], [5020, 20]]" \
	vx_jq 10 "sorted([e['vni'], e['vlan']] for e in j)"

ucap_start 10 ul0 "$CAP"
check "VNI 5010: vm11 -> vm21" vping 11 192.0.2.21
check "VNI 5020: vm12 -> vm22" vping 12 192.0.2.22
check "VNI 5010: vm21 -> vm11" vping 21 192.0.2.11
check "vm11 (VLAN 10) cannot reach vm22 (VNI 5020), vm22 gets nothing" unreached 11 192.0.2.22 22
check "vm12 (VLAN 20) cannot reach vm21 (VNI 5010), vm21 gets nothing" unreached 12 192.0.2.21 21
check "vm22 (VNI 5020) cannot reach vm11 (VLAN 10), vm11 gets nothing" unreached 22 192.0.2.11 11
check "vm13 (VLAN 0, no VNI) cannot reach vm21, vm21 gets nothing" unreached 13 192.0.2.21 21
ucap_stop
check_num "tcpdump: vm11's echo requests leave as VNI 5010" -ge 2 \
	vx_count "$CAP" 198.51.100.10 198.51.100.20 5010 '192\.0\.2\.11 > 192\.0\.2\.21: ICMP echo request'
check_num "tcpdump: vm12's leave as VNI 5020" -ge 2 \
	vx_count "$CAP" 198.51.100.10 198.51.100.20 5020 '192\.0\.2\.12 > 192\.0\.2\.22: ICMP echo request'
check_eq "tcpdump: VNI 5010 never carries VLAN 20's addresses" 0 \
	vx_count "$CAP" "198.51.100.[12]0" "198.51.100.[12]0" 5010 '192\.0\.2\.(12|22) >'
check_eq "tcpdump: VNI 5020 never carries VLAN 10's or VLAN 0's addresses" 0 \
	vx_count "$CAP" "198.51.100.[12]0" "198.51.100.[12]0" 5020 '192\.0\.2\.(11|13|21) >'
check_eq "tcpdump: vm13 (VLAN 0) never entered the tunnel" 0 cap_count "$CAP" '192\.0\.2\.13 >'
check_eq "tcpdump: no inner frame is tagged" 0 cap_count "$CAP" 'vni [0-9]+ \| [^|]*(802\.1Q|vlan [0-9]+, p )'

# Broadcasts within a VNI, none across.
snap tx10 dev_stat 10 ul0 tx_packets
rx_snap 11 12 13 21 22 15:eth0.10 15:eth0.20
setup raw_frames 11 eth0 ff:ff:ff:ff:ff:ff "$(vm_mac 11)" 3
check_eq "3 broadcasts from vm11 (VLAN 10) reach vm21 (VNI 5010) and the peer's eth0.10" "3 3" \
	rx_deltas 21 15:eth0.10
check_eq "... and neither vm12, vm13, vm22 nor the peer's eth0.20" "0 0 0 0" rx_deltas 12 13 22 15:eth0.20
check_eq "... 3 packets into the tunnel" 3 delta tx10
rx_snap 11 12 13 21 15:eth0.10 15:eth0.20
setup raw_frames 22 eth0 ff:ff:ff:ff:ff:ff "$(vm_mac 22)" 3
check_eq "3 broadcasts from vm22 (VNI 5020) reach vm12 on host A" 3 rx_delta 12
check_eq "... and not vm11, vm13, vm21" "0 0 0" rx_deltas 11 13 21
check_eq "... nor the uplink: the peer's eth0.20 gets nothing (VNI -> uplink never)" 0 rx_delta 15:eth0.20
check_eq "... nor its eth0.10" 0 rx_delta 15:eth0.10
snap tx10 dev_stat 10 ul0 tx_packets
rx_snap 11 12 13 21 22
setup raw_frames 15 eth0.10 ff:ff:ff:ff:ff:ff "$pmac" 3
check_eq "3 broadcasts from the peer's eth0.10 (uplink, VLAN 10) reach vm11" 3 rx_delta 11
check_eq "... but not the tunnel (uplink -> VNI never): nothing on A's ul0" 0 delta tx10
check_eq "... vm21 on host B gets nothing" 0 rx_delta 21
check_eq "... nor vm12, vm13, vm22" "0 0 0" rx_deltas 12 13 22
snap tx10 dev_stat 10 ul0 tx_packets
setup raw_frames 13 eth0 ff:ff:ff:ff:ff:ff "$(vm_mac 13)" 3
check_eq "3 broadcasts from vm13 (VLAN 0, no VNI): nothing on A's ul0" 0 delta tx10

# Unicast between the uplink and the tunnel.
check "the peer's eth0.10 reaches vm11" vping 15 192.0.2.11
check "vm11 reaches the peer" vping 11 192.0.2.15
check_eq "A has vm21 behind 198.51.100.20, VNI 5010" "198.51.100.20 5010" fdb_remote 10 "$m21"
check_eq "A has the peer on up0 in VLAN 10" up0 fdb_port sw0 "$pmac" 10
check "the peer's eth0.10 cannot reach vm21 behind the tunnel, vm21 gets nothing" \
	unreached 15 192.0.2.21 21
check "vm21 cannot reach the peer behind the uplink" vping_fails 21 192.0.2.15
snap tx10 dev_stat 10 ul0 tx_packets
drop_snap up0:uplink_loop
rx_snap 21
setup raw_frames 15 eth0.10 "$m21" "$pmac" 3
check_eq "3 frames from the uplink for vm21: drops.uplink_loop +3 on up0" 3 drop_delta up0:uplink_loop
check_eq "... none into the tunnel" 0 delta tx10
check_eq "... vm21 gets none" 0 rx_delta 21
snap loop vni_drops 10 5010 uplink_loop
rx_snap 15:eth0.10
setup raw_frames 21 eth0 "$pmac" "$m21" 3
check_eq "3 frames from vm21 for the peer: drops.uplink_loop +3 on A's VNI 5010" 3 delta loop
check_eq "... the peer's eth0.10 gets none" 0 rx_delta 15:eth0.10
check "vm11 -> vm21 still" vping 11 192.0.2.21

finish
