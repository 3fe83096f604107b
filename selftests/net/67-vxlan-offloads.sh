#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# VXLAN offloads: TCP between a VM behind vsw (host A) and a VM behind
# Linux's vxlan device (host B).
# - GSO: what vm1 sends leaves sw0's VNI as GSO super-frames (more bytes
#   per encapsulated datagram than the underlay MTU holds): vsw never
#   segments on its fast path.
# - GRO: with B's underlay device segmenting everything to MTU-sized
#   datagrams, GRO on A's underlay device hands the VNI merged frames
#   (socket gro_receive); with GRO off it gets them one by one.
# Byte counts per packet only, no rates: the machine is shared.
#
#   n1 (vm1) 192.0.2.1 -- p1 -- sw0 [VNI 5000, VLAN 0] -- ul0 ==== ul0 -- vxlan0 -- br0 -- v2 -- n2 (vm2)
#                         n0: 198.51.100.1                   n3: 198.51.100.2
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"
# shellcheck source=lib-vxlan.sh
source "$(dirname "$0")/lib-vxlan.sh"
require_cmd iperf3 ethtool

setup_ns 0 3
add_switch sw0
add_vm 1 sw0
ul_wire 0 3 198.51.100.1/24 198.51.100.2/24
setup vsw vxlan add sw0 vni 5000 vlan 0 local 198.51.100.1 remote 198.51.100.2
setup n3 ip link add vxlan0 type vxlan id 5000 dstport 4789 \
	local 198.51.100.2 remote 198.51.100.1
setup n3 ip link add br0 type bridge stp_state 0
setup n3 ip link set vxlan0 master br0
setup n3 ip link set vxlan0 up
setup n3 ip link set br0 up
VSW_HOST=3 add_veth 2 v2
setup n3 ip link set v2 master br0
setup ip -n "$NS2" addr add 192.0.2.2/24 dev eth0
# The overlay MTU rule: the underlay's 1500 less 50.
for n in 1 2; do
	setup ip -n "$PFX-$n" link set eth0 mtu 1450
done
setup n0 ip link set p1 mtu 1450
setup ip -n "$NS3" link set v2 mtu 1450
setup ping_ok 1 192.0.2.2

# Bytes per packet of a counter pair over one iperf3 run from $1 to $2.
bytes_per_packet() {
	local from=$1 to=$2 dir=$3 p0 b0 p1 b1
	p0=$(vni_stat 0 5000 "${dir}_packets") b0=$(vni_stat 0 5000 "${dir}_bytes")
	ip netns exec "$PFX-$to" iperf3 -s -1 -p 5201 >/dev/null 2>&1 &
	wait_for 10 __tcp_listening "$to" 5201 || return 1
	ip netns exec "$PFX-$from" iperf3 -c "192.0.2.$to" -p 5201 -t 2 >"$TMPD/iperf.txt" 2>&1 ||
		return 1
	wait
	p1=$(vni_stat 0 5000 "${dir}_packets") b1=$(vni_stat 0 5000 "${dir}_bytes")
	echo $(((b1 - b0) / (p1 - p0 > 0 ? p1 - p0 : 1)))
}

# GSO: vm1's TCP segments stay super-frames through the switch and the
# tunnel (veth keeps GSO across; B's receive path takes them whole).
check_num "GSO: vm1's TCP leaves the VNI in frames larger than the MTU" \
	-gt 1500 bytes_per_packet 1 2 tx

# GRO: B's underlay segments everything (no GSO/TSO on ul0).
setup n3 ethtool -K ul0 gso off tso off tx-udp_tnl-segmentation off \
	tx-udp_tnl-csum-segmentation off
setup n0 ethtool -K ul0 gro on
gro_on=$(bytes_per_packet 2 1 rx)
setup n0 ethtool -K ul0 gro off
gro_off=$(bytes_per_packet 2 1 rx)
diag "bytes per received packet: GRO on ${gro_on:-?}, off ${gro_off:-?}"
check_num "GRO on A's underlay: the VNI receives merged frames" \
	-gt 1500 echo "${gro_on:-0}"
check_num "... more than twice as large as without GRO" \
	-gt $((2 * ${gro_off:-0})) echo "${gro_on:-0}"
check "ping still works" ping_ok 1 192.0.2.2

finish
