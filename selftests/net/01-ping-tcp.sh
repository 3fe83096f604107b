#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two VMs talk through a switch: IPv4 and IPv6 ping, full-size frames, TCP.
#
#   n1 (vm1)                               n2 (vm2)
#   eth0 192.0.2.1  2001:db8::1            eth0 192.0.2.2  2001:db8::2
#     |                                      |
#   n0: p1 -------------- sw0 -------------- p2
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

setup_ns 0
add_switch sw0
add_vm 1 sw0
add_vm 2 sw0

check "ping vm1 -> vm2" ping_ok 1 192.0.2.2
check "ping vm2 -> vm1" ping_ok 2 192.0.2.1
check "1500-byte frames pass (ping -s 1472 -M do)" ping_ok 1 192.0.2.2 -s 1472 -M "do"

# IPv6 needs neighbour discovery, i.e. multicast through the switch.
for n in 1 2; do
	setup ip netns exec "$(ns_of $n)" sysctl -qw net.ipv6.conf.eth0.disable_ipv6=0
	setup ip -n "$(ns_of $n)" addr add "2001:db8::$n/64" dev eth0 nodad
done
check "ping6 vm1 -> vm2" ping_ok 1 2001:db8::2

listening()
{
	ip netns exec "$(ns_of "$1")" ss -Hltn "sport = :$2" | grep -q .
}

iperf_bytes()
{
	jq_py 'j["end"]["sum_received"]["bytes"]' <"$TMPD/iperf.json"
}

if command -v iperf3 >/dev/null; then
	run_bg 2 iperf3 -s -1 -B 192.0.2.2
	if wait_for 10 listening 2 5201; then
		n1 timeout 60 iperf3 -c 192.0.2.2 -t 2 -J >"$TMPD/iperf.json" 2>&1
		check_num "TCP vm1 -> vm2 (iperf3 -t 2) received > 100 KB" -gt 100000 iperf_bytes
	else
		fail "iperf3 server listening in vm2"
	fi
	stop_bg "$BG_PID"
else
	skip "TCP vm1 -> vm2" "iperf3 not installed"
fi

finish
