#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Learned entries age out after the switch's ageing time; static ones don't;
# "switch set ageing" takes effect.
#
#   n1 (vm1) 192.0.2.1                     n2 (vm2) 192.0.2.2
#     |                                      |
#   n0: p1 --------- sw0 (ageing 2) -------- p2
#
# Neighbours are static and IPv6 is off: once the ping stops, nothing is sent
# that could refresh an entry.
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

setup_ns 0
add_switch sw0 ageing 2
add_vm 1 sw0
add_vm 2 sw0
m1=$(vm_mac 1)
m2=$(vm_mac 2)
setup neigh 1 192.0.2.2 "$m2"
setup neigh 2 192.0.2.1 "$m1"
st=$(doc_mac 1)
setup vsw fdb add sw0 "$st" port p2

check_eq "switch show: ageing 2" 2 sw_field sw0 ageing

now_ms() { date +%s%3N; }

# Poll until vm1's entry is gone; print how many ms that took after $1.
gone_after()
{
	local end=$((SECONDS + 20))
	while fdb_is sw0 "$m1" p1; do
		((SECONDS > end)) && return 1
		sleep 0.2
	done
	echo $(($(now_ms) - $1))
}

run_bg 1 ping -q -i 0.2 -w 120 192.0.2.2
ping_pid=$BG_PID
check_wait "vm1 learned on p1 while it talks" 10 fdb_is sw0 "$m1" p1
# Talking for longer than the ageing time keeps the entry.
sleep 3
check_eq "an entry in use outlives the ageing time" p1 fdb_port sw0 "$m1"

stop_bg "$ping_pid"
took=$(gone_after "$(now_ms)")
if [[ -z $took ]]; then
	fail "learned entry ages out within 20 s of silence"
else
	# The last frame left at most 0.2 s before the ping stopped.
	check "learned entry ages out after ${took} ms: not before ~2 s, within 15 s" \
		test "$took" -ge 1500 -a "$took" -le 15000
fi
check_wait "vm2's entry ages out too" 10 fdb_is sw0 "$m2" none
check_eq "the static entry stays" p2 fdb_port sw0 "$st"
check "the static entry is still static" \
	vsw_jq -t "first(j, mac='$st')['static'] is True" fdb show sw0
check_eq "fdb_count 0 after ageing" 0 sw_field sw0 fdb_count

setup vsw switch set sw0 ageing 300
check_eq "switch set ageing 300: shown" 300 sw_field sw0 ageing
setup ping_ok 1 192.0.2.2
check_eq "relearned on p1" p1 fdb_port sw0 "$m1"
# Twice the old ageing time plus a garbage-collection round.
sleep 5
check_eq "with ageing 300 the entry survives 5 s of silence" p1 fdb_port sw0 "$m1"

finish
