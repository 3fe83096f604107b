#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The underlay MTU rule: VXLAN adds 50 bytes over IPv4 and 70 over IPv6,
# and sets DF, so with a 1500-byte underlay a VM's MTU must be 1450 (IPv4)
# or 1430 (IPv6). With the VM at 1500, the largest frame that fits crosses
# and one byte more is dropped and counted as "mtu" on the VNI; an
# oversized IPv4 packet with DF gets an ICMP "fragmentation needed" (mtu
# 1450) back, an IPv6 one a "packet too big", so the VM's path MTU drops;
# no fragment is ever seen on the underlay. With the VM at 1450 (1430)
# everything works, TCP included, and nothing is dropped.
#
#   n11 (vm11) 192.0.2.11/24                      n21 (vm21) 192.0.2.21/24
#     | p11 (v10)                                   | p21 (v10)
#   n10 (host A): sw0                             n20 (host B): sw0
#     VNI 5000 <-> VLAN 10                          VNI 5000 <-> VLAN 10
#     ul0 198.51.100.10/24 ======================== ul0 198.51.100.20/24
#         2001:db8:1::10/64  (MTU 1500, tcpdump)        2001:db8:1::20/64
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
require_cmd tcpdump socat

setup_ns 10 20
for h in 10 20; do
	vx_host "$h"
	vx_vm "$h" $((h + 1))
done
ul_wire 10 20 198.51.100.10/24 198.51.100.20/24
VSW_HOST=10
SNAP_SWITCHES=sw0
vm_neighs 11 21
m11=$(vm_mac 11)
m21=$(vm_mac 21)
CAP=$TMPD/ul0.txt
FRAG=$TMPD/frag.txt
setup tcp_serve 11 5011
setup tcp_serve 21 5021
have_iperf=0
if command -v iperf3 >/dev/null; then
	have_iperf=1
	run_bg 21 iperf3 -s -p 5201
	setup wait_for 10 __tcp_listening 21 5201
fi

vm_mtu()
{
	local v
	for v in 11 21; do
		setup ip -n "$PFX-$((v - 1))" link set dev "p$v" mtu "$1"
		setup ip -n "$PFX-$v" link set dev eth0 mtu "$1"
		setup ip netns exec "$PFX-$v" ip route flush cache
		ip netns exec "$PFX-$v" ip -6 route flush cache 2>/dev/null
	done
}
# The path MTU nN has cached towards ADDR.
pmtu_of()
{
	local r
	r=$(ip -n "$PFX-$1" route get "$2") || return 1
	[[ $r =~ \ mtu\ ([0-9]+) ]] && echo "${BASH_REMATCH[1]}"
}
# Captures on A's ul0: everything, and only IPv4 or IPv6 fragments.
captures()
{
	ucap_start 10 ul0 "$CAP"
	ucap_start 10 ul0 "$FRAG" '(ip and ip[6:2] & 0x3fff != 0) or (ip6 and ip6[6] == 44)'
}
# boundary LABEL MAX: raw frames of MAX bytes cross, of MAX+1 are dropped.
boundary()
{
	local u=$1 max=$2
	snap mtu vni_drops 10 5000 mtu
	rx_snap 21
	setup raw_frames 11 eth0 "$m21" "$m11" 3 "$max"
	check_eq "$u: 3 frames of $max bytes (the largest that fit) reach vm21" 3 rx_delta 21
	check_eq "$u: ... none dropped" 0 delta mtu
	rx_snap 21
	setup raw_frames 11 eth0 "$m21" "$m11" 3 $((max + 1))
	check_eq "$u: 3 frames of $((max + 1)) bytes: drops.mtu +3 on A's VNI" 3 delta mtu
	check_eq "$u: ... vm21 gets none" 0 rx_delta 21
}
# fits LABEL MTU: with the VMs' MTU at the tunnel's, everything works.
fits()
{
	local u=$1 mtu=$2
	vm_mtu "$mtu"
	snap mtu vni_drops 10 5000 mtu
	check "$u, VM MTU $mtu: vm11 -> vm21, $mtu-byte packets with DF" \
		vping 11 192.0.2.21 -s $((mtu - 28)) -M "do"
	check "$u, VM MTU $mtu: vm21 -> vm11, $mtu-byte packets with DF" \
		vping 21 192.0.2.11 -s $((mtu - 28)) -M "do"
	check_eq "$u, VM MTU $mtu: TCP vm11 -> vm21" 192.0.2.11 tcp_peer 11 192.0.2.21 5021
	check_eq "$u, VM MTU $mtu: TCP vm21 -> vm11" 192.0.2.21 tcp_peer 21 192.0.2.11 5011
	if ((have_iperf)); then
		check "$u, VM MTU $mtu: iperf3 vm11 -> vm21, 4 MB" \
			n11 timeout 60 iperf3 -c 192.0.2.21 -p 5201 -n 4M
		check "$u, VM MTU $mtu: iperf3 vm21 -> vm11 (-R), 4 MB" \
			n11 timeout 60 iperf3 -c 192.0.2.21 -p 5201 -n 4M -R
	else
		skip "$u, VM MTU $mtu: iperf3" "iperf3 not installed"
	fi
	check_eq "$u, VM MTU $mtu: nothing dropped as mtu" 0 delta mtu
}
no_fragments()
{
	local u=$1 c
	c=$(grep -cE '^[0-9][0-9]:[0-9][0-9]:' "$FRAG")
	check_eq "$u: tcpdump on ul0: no IP fragment at all" 0 echo "${c:-0}"
}

# IPv4 underlay: 1500 - 50.
for h in 10 20; do
	setup vswn "$h" vxlan add sw0 vni 5000 vlan 10 local "198.51.100.$h" \
		remote "198.51.100.$((30 - h))"
done
captures
check "IPv4 underlay, VM MTU 1500: vm11 -> vm21 with 1450-byte packets, DF" \
	vping 11 192.0.2.21 -s 1422 -M "do"
boundary "IPv4 underlay, VM MTU 1500" 1464
snap mtu vni_drops 10 5000 mtu
check "IPv4 underlay, VM MTU 1500: a 1451-byte packet with DF does not cross" \
	vping_fails 11 192.0.2.21 -s 1423 -M "do"
check_num "... drops.mtu moved on A's VNI" -ge 1 delta mtu
check_eq "... vm11 got a frag-needed with mtu 1450: its path MTU to vm21" 1450 pmtu_of 11 192.0.2.21
check "... vm11 -> vm21 still works at 1450 bytes" vping 11 192.0.2.21 -s 1422 -M "do"
# IPv6 inside: a "packet too big".
for v in 11 21; do
	setup ip netns exec "$PFX-$v" sysctl -qw net.ipv6.conf.eth0.disable_ipv6=0 \
		net.ipv6.conf.eth0.accept_dad=0
	setup ip -n "$PFX-$v" addr add "2001:db8:10::$v/64" dev eth0 nodad
done
setup ip -n "$NS11" neigh replace 2001:db8:10::21 lladdr "$m21" dev eth0 nud permanent
setup ip -n "$NS21" neigh replace 2001:db8:10::11 lladdr "$m11" dev eth0 nud permanent
check "IPv4 underlay, IPv6 inside: 1450-byte packets cross" vping 11 2001:db8:10::21 -s 1402 -M "do"
snap mtu vni_drops 10 5000 mtu
check "IPv4 underlay, IPv6 inside: a 1451-byte packet does not cross" \
	vping_fails 11 2001:db8:10::21 -s 1403 -M "do"
check_num "... drops.mtu moved on A's VNI" -ge 1 delta mtu
check_eq "... vm11 got a packet too big with mtu 1450" 1450 pmtu_of 11 2001:db8:10::21
for v in 11 21; do
	setup ip netns exec "$PFX-$v" sysctl -qw net.ipv6.conf.eth0.disable_ipv6=1
done
ucap_stop
check_num "IPv4 underlay: tcpdump on ul0: the largest frames left in 1500-byte packets" -ge 3 \
	vx_count "$CAP" 198.51.100.10 198.51.100.20 5000 'proto UDP \(17\), length 1500\)'
check_eq "IPv4 underlay: ... and none larger" 0 \
	vx_count "$CAP" 198.51.100.10 198.51.100.20 5000 'proto UDP \(17\), length (150[1-9]|15[1-9][0-9]|1[6-9][0-9][0-9])\)'
no_fragments "IPv4 underlay"
fits "IPv4 underlay" 1450

# IPv6 underlay: 1500 - 70.
for h in 10 20; do
	setup vswn "$h" vxlan del sw0 vni 5000
	ul_addr "$h" "2001:db8:1::$h/64"
done
ul_freeze 10 20
for h in 10 20; do
	setup vswn "$h" vxlan add sw0 vni 5000 vlan 10 local "2001:db8:1::$h" \
		remote "2001:db8:1::$((30 - h))"
done
vm_mtu 1500
captures
check "IPv6 underlay, VM MTU 1500: vm11 -> vm21 with 1430-byte packets, DF" \
	vping 11 192.0.2.21 -s 1402 -M "do"
boundary "IPv6 underlay, VM MTU 1500" 1444
snap mtu vni_drops 10 5000 mtu
check "IPv6 underlay, VM MTU 1500: a 1431-byte packet with DF does not cross" \
	vping_fails 11 192.0.2.21 -s 1403 -M "do"
check_num "... drops.mtu moved on A's VNI" -ge 1 delta mtu
check_eq "... vm11 got a frag-needed with mtu 1430" 1430 pmtu_of 11 192.0.2.21
ucap_stop
check_num "IPv6 underlay: tcpdump on ul0: the largest frames left in 1500-byte packets" -ge 3 \
	vx_count "$CAP" 2001:db8:1::10 2001:db8:1::20 5000 'next-header UDP \(17\) payload length: 1460\)'
no_fragments "IPv6 underlay"
fits "IPv6 underlay" 1430

finish
