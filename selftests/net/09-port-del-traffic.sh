#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Port devices deleted while traffic flows through them: the port leaves the
# switch and its fdb, the rest of the switch keeps working, nothing crashes.
#
#   n1 (vm1) .1      n2 (vm2) .2      n3 (vm3) .3      n4 (vm4) .4
#     |                |                |                |
#   n0: p1 ---------- p2 ---- sw0 ---- p3 ------------- p4
#
# vm1 floods vm2 (ping -f) and p2 is deleted on the host side; vm3 sends TCP
# to vm4 (iperf3) and vm4 deletes its eth0, taking p4 with it.
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

setup_ns 0
add_switch sw0
for n in 1 2 3 4; do
	add_vm "$n" sw0
done
m2=$(vm_mac 2)
m4=$(vm_mac 4)

is_port() { vsw_jq -t "first(j, name='$1') is not None" port show sw0; }
no_entries_on() { vsw_jq -t "not any(e['port'] == '$1' for e in j)" fdb show sw0; }
# TX on the host side of the veth moves when the switch sends to the VM.
moving()
{
	local a
	a=$(dev_stat 0 "$1" tx_packets)
	sleep 0.5
	(($(dev_stat 0 "$1" tx_packets) > a + 5))
}

setup ping_ok 1 192.0.2.2
run_bg 1 ping -q -f -w 60 192.0.2.2
flood=$BG_PID
check_wait "ping -f vm1 -> vm2 is flowing" 10 moving p2
check_eq "vm2 learned on p2" p2 fdb_port sw0 "$m2"

check "ip link del p2 under ping -f" ip -n "$NS0" link del p2
check_wait "p2 leaves port show" 5 eval '! is_port p2'
check "switch show: ports without p2" \
	vsw_jq -t "'p2' not in first(j, name='sw0')['ports']" switch show sw0
check "no fdb entry points at p2" no_entries_on p2
check_eq "vm2's MAC is gone from the fdb" none fdb_port sw0 "$m2"
check "vm1 -> vm3 still works" ping_ok 1 192.0.2.3
stop_bg "$flood"

listening()
{
	ip netns exec "$(ns_of "$1")" ss -Hltn "sport = :$2" | grep -q .
}

if command -v iperf3 >/dev/null; then
	run_bg 4 iperf3 -s -B 192.0.2.4
	setup wait_for 10 listening 4 5201
	run_bg 3 iperf3 -c 192.0.2.4 -t 30
	tcp=$BG_PID
	check_wait "iperf3 vm3 -> vm4 is flowing" 15 moving p4
	check "vm4 deletes its eth0 under TCP (the veth pair goes)" \
		ip -n "$NS4" link del eth0
	check_wait "p4 leaves port show" 5 eval '! is_port p4'
	check_not "p4 is gone from the host" dev_exists 0 p4
	check "no fdb entry points at p4" no_entries_on p4
	check_eq "vm4's MAC is gone from the fdb" none fdb_port sw0 "$m4"
	stop_bg "$tcp"
else
	skip "port deleted under TCP" "iperf3 not installed"
fi

check "vm3 -> vm1 still works" ping_ok 3 192.0.2.1
check_eq "port show: p1, p3 and the host port are left" '["p1", "p3", "sw0"]' \
	vsw_jq "sorted(e['name'] for e in j)" port show sw0

finish
