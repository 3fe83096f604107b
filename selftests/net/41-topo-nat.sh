#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# NAT, set up with the commands and the nftables rules of the user guide's
# "NAT": the VMs are on a private network behind the host, which forwards
# and masquerades their traffic out of eth0. The outside sees the host's
# address, answers come back, and nothing from outside reaches the VMs
# unsolicited, although the outside has a route to them through the host
# (the first checks, before the rules, show that this route works).
#
#   n1 (vm1) 192.0.2.11/24          n2 (vm2) 192.0.2.12/24
#            default via 192.0.2.1           default via 192.0.2.1
#     |                                 |
#   n0: vnet0 ------------ sw0 -------- vnet1
#                  192.0.2.1/24 (host, the VMs' gateway)
#   n0: eth0 203.0.113.10/24 == NAT == n5 (outside) eth0 203.0.113.20/24,
#                                     route 192.0.2.0/24 via 203.0.113.10
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
require_cmd nft socat

setup_ns 0
# Host-only networking first (42-topo-host-only), then the way out.
add_switch sw0 # vswctl switch add sw0; ip link set sw0 up
setup n0 ip addr add 192.0.2.1/24 dev sw0
add_veth 1 vnet0
add_veth 2 vnet1
setup vsw port add sw0 vnet0
setup vsw port add sw0 vnet1
for n in 1 2; do
	setup ip -n "$(ns_of $n)" addr add "192.0.2.1$n/24" dev eth0
	setup ip -n "$(ns_of $n)" route add default via 192.0.2.1
done
add_veth 5 eth0
setup n0 ip addr add 203.0.113.10/24 dev eth0
setup ip -n "$NS5" addr add 203.0.113.20/24 dev eth0
setup ip -n "$NS5" route add 192.0.2.0/24 via 203.0.113.10

# The guide's commands.
setup n0 sysctl -w net.ipv4.ip_forward=1
cat >"$TMPD/vsw-nat.nft" <<'NFT'
table ip vsw-nat {
	chain postrouting {
		type nat hook postrouting priority srcnat; policy accept;
		ip saddr 192.0.2.0/24 oifname "eth0" masquerade
	}

	chain forward {
		type filter hook forward priority filter; policy accept;
		iifname "sw0" oifname "eth0" accept
		iifname "eth0" oifname "sw0" ct state established,related accept
		oifname "sw0" drop
	}
}
NFT

setup tcp_serve 5 5000
setup tcp_serve 1 5001

# Before the rules: plain routing, both ways.
check_eq "without the rules, the outside sees vm1's own address" 192.0.2.11 \
	tcp_peer 1 203.0.113.20 5000
check_eq "without the rules, the outside reaches vm1 (route through the host)" \
	203.0.113.20 tcp_peer 5 192.0.2.11 5001

check "nft -f vsw-nat.nft loads the guide's rules" n0 nft -f "$TMPD/vsw-nat.nft"
check "the ruleset has table ip vsw-nat with the masquerade rule" \
	eval "n0 nft list table ip vsw-nat | grep 'oifname \"eth0\" masquerade' >/dev/null"

check "vm1 -> its gateway 192.0.2.1" ping_ok 1 192.0.2.1
# Answers pass only through the "established,related" rule: without it,
# 'oifname "sw0" drop' would take them.
check "vm1 -> outside ping (answers come back)" ping_ok 1 203.0.113.20
check "vm2 -> outside ping" ping_ok 2 203.0.113.20
check_eq "TCP vm1 -> outside: the outside sees the host's 203.0.113.10" 203.0.113.10 \
	tcp_peer 1 203.0.113.20 5000
check_eq "TCP vm2 -> outside: the outside sees the host's 203.0.113.10" 203.0.113.10 \
	tcp_peer 2 203.0.113.20 5000

check_not "outside -> vm1 ping is dropped (new from outside)" \
	n5 ping -q -c 2 -i 0.2 -W 1 192.0.2.11
check_not "outside -> vm1 TCP 192.0.2.11:5001 is dropped" tcp_peer 5 192.0.2.11 5001
check "vm1 still reaches the outside afterwards" ping_ok 1 203.0.113.20

finish
