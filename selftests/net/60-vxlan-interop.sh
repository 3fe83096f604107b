#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# VXLAN against Linux's own: host A's switch binds VNI 5000 to VLAN 10,
# host B has a Linux vxlan device (id 5000, UDP 4789) in a Linux bridge.
# ARP, ping and TCP work both ways, with full-size frames, once over an
# IPv4 underlay (B: "remote", learning) and once over an IPv6 one (B:
# "nolearning" and an all-zero "bridge fdb append" entry, head-end
# replication the Linux way). A capture on A's underlay shows what goes
# on the wire: UDP port 4789, VNI 5000, a valid UDP checksum, DF, TTL 64,
# the inner DSCP copied out, several source ports, inner frames untagged.
#
#   n1 (vm1) 192.0.2.1/24                        n6 (vm6) 192.0.2.6/24
#     |                                            |
#   n0 (host A): p1 (v10, VLAN 10)               n5 (host B): v6 -- br0 -- vxlan0
#     sw0: VNI 5000 <-> VLAN 10                               (Linux, id 5000)
#     ul0 198.51.100.1/24 ========================== ul0 198.51.100.2/24
#         2001:db8:1::1/64   (underlay, tcpdump)         2001:db8:1::2/64
#
# The MTUs follow the user guide: the VMs, p1, v6 and vxlan0 get the
# underlay's 1500 less 50 (IPv4) or 70 (IPv6) bytes.
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"
# shellcheck source=lib-vxlan.sh
source "$(dirname "$0")/lib-vxlan.sh"
require_cmd tcpdump socat ethtool

setup_ns 0 5
add_switch sw0
add_pg sw0 v10 vlan 10
add_vm_pg 1 sw0 v10 192.0.2.1/24
ul_wire 0 5 198.51.100.1/24 198.51.100.2/24
# Host B: a Linux bridge with vm6 on it.
setup n5 ip link add name br0 type bridge stp_state 0
VSW_HOST=5 add_veth 6 v6
setup n5 ip link set dev v6 master br0
setup n5 ip link set dev br0 up
setup ip -n "$NS6" addr add 192.0.2.6/24 dev eth0
# Checksums computed before the capture sees them: no offload on ul0.
setup n0 ethtool -K ul0 tx off
setup n5 ethtool -K ul0 tx off
m1=$(vm_mac 1)
m6=$(vm_mac 6)
CAP=$TMPD/ul0.txt

setup tcp_serve 1 5001
setup tcp_serve 6 5006
have_iperf=0
if command -v iperf3 >/dev/null; then
	have_iperf=1
	run_bg 6 iperf3 -s -p 5201
	setup wait_for 10 __tcp_listening 6 5201
fi

neigh_of() { ip -n "$PFX-$1" neigh show "$2" dev eth0 | awk '{ print $3 }'; }
set_mtu()
{
	local mtu=$1
	setup n0 ip link set dev p1 mtu "$mtu"
	setup n1 ip link set dev eth0 mtu "$mtu"
	setup n5 ip link set dev v6 mtu "$mtu"
	setup n6 ip link set dev eth0 mtu "$mtu"
}
vni_summary()
{
	vx_jq 0 "' '.join(str(x) for x in (len(j), j[0]['vni'], j[0]['vlan'], j[0]['local'],
		j[0]['remote'], j[0]['dstport'], j[0]['learning']))"
}
# pkts SRC DST [ERE]: VXLAN packets (VNI 5000) on the capture from SRC to DST.
pkts() { vx_count "$CAP" "$1" "$2" 5000 "${3:-.}"; }
remote_of() { vsw_jq "(lambda e: e and '%s %s %s' % (e['port'], e['remote'], e['vni']))(first(j, mac='$1', vlan=10))" fdb show sw0; }

# interop LABEL A B MTU: the checks over one underlay (A, B: the VTEPs'
# addresses), once the tunnel is up at both ends.
interop()
{
	local u=$1 a=$2 b=$3 mtu=$4 n outer dscp

	check_eq "$u: vxlan show: VNI 5000, VLAN 10, local $a, remote [$b], port 4789, learning" \
		"1 5000 10 $a ['$b'] 4789 True" vni_summary
	setup n1 ip neigh flush dev eth0
	setup n6 ip neigh flush dev eth0
	ucap_start 0 ul0 "$CAP"

	check "$u: vm1 -> vm6 (vsw to Linux vxlan)" ping_ok 1 192.0.2.6
	check_eq "$u: vm1 resolved vm6 by ARP through the tunnel" "$m6" neigh_of 1 192.0.2.6
	check "$u: vm6 -> vm1 (Linux vxlan to vsw)" ping_ok 6 192.0.2.1
	check_eq "$u: vm6 resolved vm1 by ARP through the tunnel" "$m1" neigh_of 6 192.0.2.1
	check "$u: vm1 -> vm6 with DSCP EF (ping -Q 0xb8)" ping_ok 1 192.0.2.6 -Q 0xb8
	check "$u: full-size packets vm1 -> vm6 (ping -s $((mtu - 28)) -M do)" \
		ping_ok 1 192.0.2.6 -s $((mtu - 28)) -M "do"
	check "$u: full-size packets vm6 -> vm1 (ping -s $((mtu - 28)) -M do)" \
		ping_ok 6 192.0.2.1 -s $((mtu - 28)) -M "do"
	check_eq "$u: TCP vm1 -> vm6" 192.0.2.1 tcp_peer 1 192.0.2.6 5006
	check_eq "$u: TCP vm6 -> vm1" 192.0.2.6 tcp_peer 6 192.0.2.1 5001
	if ((have_iperf)); then
		check "$u: iperf3 vm1 -> vm6, 2 MB of full-size segments" \
			n1 timeout 60 iperf3 -c 192.0.2.6 -p 5201 -n 2M
		check "$u: iperf3 vm6 -> vm1 (-R), 2 MB" \
			n1 timeout 60 iperf3 -c 192.0.2.6 -p 5201 -n 2M -R
	else
		skip "$u: iperf3 both ways" "iperf3 not installed"
	fi
	check_eq "$u: vm6's MAC learned behind remote $b, VNI 5000 (no port)" "None $b 5000" \
		remote_of "$m6"
	check_num "$u: vxlan show -s: the VNI received frames" -gt 0 vni_stat 0 5000 rx_packets
	check_num "$u: vxlan show -s: the VNI sent frames" -gt 0 vni_stat 0 5000 tx_packets
	ucap_stop

	n=$(pkts "$a" "$b")
	check_num "$u: tcpdump on ul0: A sends UDP to $b port 4789 with VNI 5000" -ge 10 echo "$n"
	check_num "$u: tcpdump on ul0: B (Linux) sends VNI 5000 to $a port 4789" -ge 10 pkts "$b" "$a"
	check_eq "$u: every packet from A has a valid UDP checksum ([udp sum ok])" "$n" \
		pkts "$a" "$b" '\[udp sum ok\]'
	if [[ $a == *:* ]]; then
		outer='^[^|]*\((class 0x[0-9a-f]+, )?(flowlabel 0x[0-9a-f]+, )?hlim 64, next-header UDP'
		dscp='^[^|]*\(class 0xb8, .*next-header UDP.* \| [^|]*\(tos 0xb8,'
	else
		outer='^[^|]*\(tos 0x[0-9a-f]+, ttl 64, id [0-9]+, offset 0, flags \[DF\], proto UDP'
		dscp='^[^|]*\(tos 0xb8, .*proto UDP.* \| [^|]*\(tos 0xb8,'
	fi
	check_eq "$u: every outer header from A has TTL 64 (and DF on IPv4)" "$n" pkts "$a" "$b" "$outer"
	check_num "$u: the EF pings leave A with DSCP EF on the outer header too" -ge 3 \
		pkts "$a" "$b" "$dscp"
	check_num "$u: vm1's ARP request crossed encapsulated" -ge 1 \
		pkts "$a" "$b" 'vni 5000 \| [^|]*ethertype ARP .*Request who-has 192\.0\.2\.6 tell 192\.0\.2\.1'
	check_eq "$u: no inner frame from A carries an 802.1Q tag (VLAN 10 goes untagged)" 0 \
		pkts "$a" "$b" '802\.1Q|vlan [0-9]+, p [0-9]'
	check_num "$u: A's UDP source ports vary with the inner flow" -ge 2 vx_sports "$CAP" "$a" "$b"

	check "$u: vxlan del sw0 vni 5000" vsw vxlan del sw0 vni 5000
	check_eq "$u: ... no VNI left" 0 vx_jq 0 "len(j)"
	check_eq "$u: ... and its learned remote entries went with it" 0 remote_count 0
	setup n5 ip link del dev vxlan0
}

# IPv4 underlay; B learns, with one remote.
set_mtu 1450
setup vsw vxlan add sw0 vni 5000 vlan 10 local 198.51.100.1 remote 198.51.100.2
setup n5 ip link add name vxlan0 type vxlan id 5000 dstport 4789 \
	local 198.51.100.2 remote 198.51.100.1
setup n5 ip link set dev vxlan0 mtu 1450 master br0 up
# The vxlan device's own entry, not the bridge's ("master br0") one.
b_learned() { bridge -n "$NS5" -j fdb show dev vxlan0 | jq_py "(first([e for e in j if 'dst' in e], mac='$m1') or {}).get('dst')"; }
b_learns() { ping_ok 1 192.0.2.6 >/dev/null 2>&1; [[ $(b_learned) == 198.51.100.1 ]]; }
check_wait "IPv4: the Linux side learns vm1 behind 198.51.100.1 once vm1 talks" 30 b_learns
interop IPv4 198.51.100.1 198.51.100.2 1450

# IPv6 underlay; B floods by an all-zero entry and does not learn.
ul_addr 0 2001:db8:1::1/64
ul_addr 5 2001:db8:1::2/64
ul_freeze 0 5
set_mtu 1430
setup vsw vxlan add sw0 vni 5000 vlan 10 local 2001:db8:1::1 remote 2001:db8:1::2
setup n5 ip link add name vxlan0 type vxlan id 5000 dstport 4789 local 2001:db8:1::2 nolearning
setup n5 bridge fdb append 00:00:00:00:00:00 dev vxlan0 dst 2001:db8:1::1
setup n5 ip link set dev vxlan0 mtu 1430 master br0 up
interop IPv6 2001:db8:1::1 2001:db8:1::2 1430

finish
