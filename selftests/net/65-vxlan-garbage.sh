#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Garbage to the VXLAN port: datagrams cut short inside the header, bad
# flags or reserved bits set, random bytes, VNIs not bound here. Each is
# dropped and counted on the UDP socket (socket_drops vxlan_header,
# vxlan_vni), none reaches a VM or VNI 5000's counters. Then the RFC 6040
# rules on receive: outer CE on a not-ECN-capable inner packet is dropped
# (ecn, on the VNI), on an ECT(0) one it is delivered marked CE. Random
# inner frames behind a valid header crash nothing, and the tunnel works
# afterwards. Over IPv4 and, for an IPv6 VNI, over IPv6 (its own socket).
# The kernel log stays clean (finish).
#
#   n11 (vm11) v10 .11   n12 (vm12) v20 .12          n21 (vm21) v10 .21
#     |                    |                           |
#   n10 (host A): sw0, VNI 5000 <-> VLAN 10          n20 (host B): sw0,
#                      VNI 6000 <-> VLAN 20 (IPv6)     VNI 5000 <-> VLAN 10
#     ul0 198.51.100.10/24 ============================ ul0 198.51.100.20/24
#         2001:db8:1::10/64                                 2001:db8:1::20/64
#                                                        (python3: the garbage)
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
	vx_vm "$h" $((h + 1))
done
VSW_HOST=10
SNAP_SWITCHES=sw0
add_pg sw0 v20 vlan 20
vx_vm 10 12 v20
ul_wire 10 20 198.51.100.10/24 198.51.100.20/24
ul_addr 10 2001:db8:1::10/64
ul_addr 20 2001:db8:1::20/64
ul_freeze 10 20
for h in 10 20; do
	setup vswn "$h" vxlan add sw0 vni 5000 vlan 10 local "198.51.100.$h" \
		remote "198.51.100.$((30 - h))"
done
setup vsw vxlan add sw0 vni 6000 vlan 20 local 2001:db8:1::10 remote 2001:db8:1::20
vm_neighs 11 21
S=$(doc_mac 65)
CAP=$TMPD/vm.txt
A4=198.51.100.10
A6=2001:db8:1::10

check "vm11 -> vm21 over the tunnel" vping 11 192.0.2.21

# garbage FAMILY ADDR VNI VM: the header and VNI refusals on one socket.
garbage()
{
	local u=$1 a=$2 vni=$3 vm=$4 m
	m=$(vm_mac "$vm")
	snap hdr sock_drops 10 vxlan_header "$vni"
	snap vni sock_drops 10 vxlan_vni "$vni"
	snap rx vni_stat 10 "$vni" rx_packets
	rx_snap "$vm"
	setup vx_udp 20 "$a" short 8
	check_eq "$u: 8 datagrams of 0..7 bytes (a header cut short): socket_drops.vxlan_header +8" 8 \
		delta hdr
	setup vx_udp 20 "$a" flags 12 "$vni" "$m" "$S"
	check_eq "$u: 12 with bad flags or reserved bits (6 kinds) and a valid frame: vxlan_header +12" \
		20 delta hdr
	setup vx_udp 20 "$a" random 40
	check_eq "$u: 40 random payloads of 8..200 bytes, I flag clear: vxlan_header +40" 60 delta hdr
	setup vx_udp 20 "$a" vni 5 4242 "$m" "$S"
	check_eq "$u: 5 valid datagrams for VNI 4242 (not bound): socket_drops.vxlan_vni +5" 5 delta vni
	setup vx_udp 20 "$a" vni 3 0 "$m" "$S"
	check_eq "$u: 3 for VNI 0: vxlan_vni +3" 8 delta vni
	check_eq "$u: ... no more vxlan_header for those" 60 delta hdr
	check_eq "$u: none of it reached the VM" 0 rx_delta "$vm"
	check_eq "$u: ... nor VNI $vni's rx_packets" 0 delta rx
}

# ecn FAMILY ADDR VNI VM: RFC 6040 on receive.
ecn()
{
	local u=$1 a=$2 vni=$3 vm=$4 m
	m=$(vm_mac "$vm")
	rx_snap "$vm"
	setup vx_udp 20 "$a" vni 3 "$vni" "$m" "$S"
	check_eq "$u: 3 valid frames for the VM (outer not-ECT) are delivered" 3 rx_delta "$vm"
	snap ecn vni_drops 10 "$vni" ecn
	rx_snap "$vm"
	VX_TOS=3 setup vx_udp 20 "$a" vni 3 "$vni" "$m" "$S" 0
	check_eq "$u: 3 with outer CE, inner not ECN-capable: drops.ecn +3 on VNI $vni" 3 delta ecn
	check_eq "$u: ... the VM gets none" 0 rx_delta "$vm"
	ucap_start "$vm" eth0 "$CAP"
	rx_snap "$vm"
	VX_TOS=3 setup vx_udp 20 "$a" vni 3 "$vni" "$m" "$S" 2
	check_eq "$u: 3 with outer CE, inner ECT(0): delivered" 3 rx_delta "$vm"
	ucap_stop
	check_eq "$u: ... no more drops.ecn" 3 delta ecn
	check_eq "$u: ... and marked CE inside (tcpdump in the VM: tos 0x3,CE)" 3 \
		cap_count "$CAP" '\(tos 0x3,CE, .* 192\.0\.2\.97\.40000 > 192\.0\.2\.98\.9: '
}

garbage IPv4 "$A4" 5000 11
ecn IPv4 "$A4" 5000 11
garbage IPv6 "$A6" 6000 12
ecn IPv6 "$A6" 6000 12

setup vx_udp 20 "$A4" fuzz 100 5000
setup vx_udp 20 "$A6" fuzz 100 6000
check "after 200 random inner frames behind valid headers, vm11 -> vm21 still works" \
	vping 11 192.0.2.21
check "... and vm21 -> vm11" vping 21 192.0.2.11
check_eq "... A still has both VNIs" "[5000, 6000]" vx_jq 10 "sorted(e['vni'] for e in j)"

finish
