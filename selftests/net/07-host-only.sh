#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host-only networking: the switch device is the host's port. Give it an
# address and the host and the VMs reach each other.
#
#   n1 (vm1) 192.0.2.1                       n2 (vm2) 192.0.2.2
#     |                                        |
#   n0: p1 --------------- sw0 --------------- p2
#                    192.0.2.254/24 (host)
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

setup_ns 0
add_switch sw0
setup n0 ip addr add 192.0.2.254/24 dev sw0
add_vm 1 sw0
add_vm 2 sw0
msw=$(dev_mac 0 sw0)

check "host -> vm1 ping" ping_ok 0 192.0.2.1
check "host -> vm2 ping" ping_ok 0 192.0.2.2
check "vm1 -> host ping" ping_ok 1 192.0.2.254
check "vm2 -> vm1 ping with the host port up" ping_ok 2 192.0.2.1

check_eq "port show: sw0 is the host port" host port_field sw0 kind sw0
check_eq "port show: the host port's switch is sw0" sw0 port_field sw0 switch sw0
check_eq "port show: the host port's dev_mac is sw0's address" "$msw" port_field sw0 dev_mac sw0
check "fdb show: sw0's own MAC is a local entry" \
	vsw_jq -t "(lambda e: e is not None and e['local'] is True)(first(j, mac='$msw'))" \
	fdb show sw0
check_eq "fdb show: vm1 learned on p1" p1 fdb_port sw0 "$(vm_mac 1)"

iperf_bytes()
{
	jq_py 'j["end"]["sum_received"]["bytes"]' <"$TMPD/iperf.json"
}

listening()
{
	ip netns exec "$(ns_of "$1")" ss -Hltn "sport = :$2" | grep -q .
}

if command -v iperf3 >/dev/null; then
	run_bg 1 iperf3 -s -1 -B 192.0.2.1
	if wait_for 10 listening 1 5201; then
		n0 timeout 60 iperf3 -c 192.0.2.1 -t 2 -J >"$TMPD/iperf.json" 2>&1
		check_num "TCP host -> vm1 (iperf3 -t 2) received > 100 KB" -gt 100000 iperf_bytes
	else
		fail "iperf3 server listening in vm1"
	fi
	stop_bg "$BG_PID"
else
	skip "TCP host -> vm1" "iperf3 not installed"
fi

finish
