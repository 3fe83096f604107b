#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Traffic shaping of what a VM sends into the switch: "shaping avg 2000 peak
# 4000 burst 50" on vm1's port group.
# - UDP (iperf3 -u -b 20M -t 10 -l 1400): the rate vm2 receives is within
#   10 % of 2 Mbit/s, and the excess is counted as drops.shaping on p1.
# - Burst: after idling, 28 frames of 1442 bytes (40 KB < 50 KB) sent back
#   to back all pass; a longer burst passes at most the bucket plus what
#   refilled while it was sent, and every frame dropped is counted.
# - TCP (iperf3 -t 5): never above the rate (<= 110 %). It is not asserted
#   to be within 10 % below: a policer (drops, no queue) costs TCP whole
#   windows, the guest's TSO frames of up to 64 KB are charged in one go,
#   and under TCG the sender is CPU-bound and bursty, so TCP settles well
#   under the rate; we only require that it is not starved (>= 25 %).
# - "shaping off" removes the limit.
#
#   n1 (vm1) .1, port group "shaped"        n2 (vm2) .2, default group
#     |                                       |
#   n0: p1 ------------- sw0 ---------------- p2
#
# 192.0.2.0/24, static neighbours, IPv6 off.
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"
# shellcheck source=lib-sec.sh
source "$(dirname "$0")/lib-sec.sh"

require_cmd iperf3
setup_ns 0
add_switch sw0
add_pg sw0 shaped shaping avg 2000 peak 4000 burst 50
add_vm_pg 1 sw0 shaped 192.0.2.1/24
add_vm 2 sw0
m1=$(vm_mac 1)
m2=$(vm_mac 2)
setup neigh 1 192.0.2.2 "$m2"
setup neigh 2 192.0.2.1 "$m1"
RATE=2000000	# bit/s

check_eq "portgroup show shaped: shaping avg 2000 peak 4000 burst 50" \
	'{"avg_kbit": 2000, "burst_kb": 50, "peak_kbit": 4000}' pg_shaping sw0 shaped
check "vm1 -> vm2 ping through the shaper" ping_ok 1 192.0.2.2

listening()
{
	ip netns exec "$(ns_of "$1")" ss -Hltn "sport = :$2" | grep -q .
}

# iperf3 server in vm2 (one test, JSON into FILE), client in vm1 with ARGS.
iperf_run()
{
	local file=$1 pid
	shift
	: >"$file"
	BG_OUT=$file run_bg 2 iperf3 -s -1 -J -B 192.0.2.2
	pid=$BG_PID
	if ! wait_for 15 listening 2 5201; then
		echo "iperf3 server not listening in vm2"
		stop_bg "$pid"
		return 1
	fi
	n1 timeout 60 iperf3 -c 192.0.2.2 -J "$@" >"$file.client" 2>&1
	wait_for 20 eval "! kill -0 $pid" || stop_bg "$pid"
}

bound_ok()
{
	local got=$1 lo=$2 hi=$3
	[[ $got =~ ^[0-9]+$ ]] && ((got >= lo && got <= hi))
}

# UDP at 10 x the rate.
drop_snap p1:shaping
# The shaper counts whole frames (1400 bytes of payload + 42 of UDP, IP and
# Ethernet headers); iperf3 counts payload. The rate compared is that of
# whole frames in the server's 1 s intervals but the first (start-up and
# the burst allowance) and the last (partial): under TCG on a loaded host
# the start-up alone can take a good part of a second.
iperf_run "$TMPD/udp.json" -u -b 20M -t 10 -l 1400
udp=$(iperf_rx_bps "$TMPD/udp.json" 42)
diag "UDP 20 Mbit/s offered for 10 s: vm2 received $(iperf_rx_bps "$TMPD/udp.json") bit/s of payload overall, $udp bit/s of frames steady"
if bound_ok "$udp" $((RATE * 90 / 100)) $((RATE * 110 / 100)); then
	pass "UDP -b 20M -t 10: received rate within 10 % of 2 Mbit/s ($udp bit/s of frames)"
else
	fail "UDP -b 20M -t 10: received rate within 10 % of 2 Mbit/s" "got: $udp" \
		"server: $(head -c 600 "$TMPD/udp.json")" "client: $(tail -c 400 "$TMPD/udp.json.client")"
fi
check_num "UDP: the excess is counted as drops.shaping on p1 (>= 1000)" -ge 1000 drop_delta p1:shaping
check_eq "UDP: vm2's port p2 drops nothing for shaping" 0 port_drops p2 shaping sw0

# Burst allowance: idle, then 28 x 1442 bytes = 40376 bytes at once.
sleep 1.5
drop_snap p1:shaping
rx_snap 2
res=$(raw_frames 1 eth0 "$m2" "$m1" 28 1442)
diag "burst of 28 frames (40376 bytes) sent in ${res#* } s"
check_eq "burst after idling: all 28 frames (40 KB < burst 50 KB) reach vm2" 28 rx_delta 2
check_eq "burst after idling: no drops.shaping" 0 drop_delta p1:shaping

# A burst of 150 x 1442 bytes = 216 KB right away, at least 1 s later: at
# most the bucket (50 KB) plus the refill at 2 Mbit/s while it was sent,
# plus one frame (a frame that finds credit is charged in full).
sleep 1.2
drop_snap p1:shaping
rx_snap 2
res=$(raw_frames 1 eth0 "$m2" "$m1" 150 1442)
secs=${res#* }
max=$(awk -v t="$secs" 'BEGIN { printf "%d", (51200 + 250000 * t) / 1442 + 2 }')
diag "burst of 150 frames sent in $secs s: at most $max may pass"
check_wait "long burst: vm2's count settles" 3 out_ge 1 rx_delta 2
sleep 0.5
got=$(rx_delta 2)
check_num "long burst: vm2 got at most bucket + refill ($max frames)" -le "$max" echo "$got"
check_num "long burst: ... and at least the 50 KB bucket (35 frames)" -ge 35 echo "$got"
check_eq "long burst: every frame not delivered is counted in drops.shaping" $((150 - got)) \
	drop_delta p1:shaping

# TCP.
sleep 1.2
drop_snap p1:shaping
iperf_run "$TMPD/tcp.json" -t 5
tcp=$(iperf_rx_bps "$TMPD/tcp.json")
diag "TCP for 5 s: vm2 received $tcp bit/s"
if bound_ok "$tcp" $((RATE * 25 / 100)) $((RATE * 110 / 100)); then
	pass "TCP -t 5: received rate <= 110 % of 2 Mbit/s and not starved ($tcp bit/s)"
else
	fail "TCP -t 5: received rate <= 110 % of 2 Mbit/s and not starved" "got: $tcp" \
		"server: $(head -c 600 "$TMPD/tcp.json")"
fi

# shaping off: the same long burst passes entirely.
check "portgroup set shaped shaping off" vsw portgroup set sw0 shaped shaping off
check_eq "portgroup show shaped: shaping null" null pg_shaping sw0 shaped
drop_snap p1:shaping
rx_snap 2
setup raw_frames 1 eth0 "$m2" "$m1" 150 1442
check_eq "shaping off: all 150 frames of the long burst reach vm2" 150 rx_delta 2
check_eq "shaping off: no drops.shaping" 0 drop_delta p1:shaping

# And back on with a new rate, per port: vm2's port is not shaped.
check "portgroup set shaped shaping avg 1000 peak 1000 burst 10" \
	vsw portgroup set sw0 shaped shaping avg 1000 peak 1000 burst 10
check_eq "portgroup show shaped: the new shaping" \
	'{"avg_kbit": 1000, "burst_kb": 10, "peak_kbit": 1000}' pg_shaping sw0 shaped
sleep 1.2
rx_snap 1 2
drop_snap p1:shaping
res=$(raw_frames 1 eth0 "$m2" "$m1" 50 1442)
secs=${res#* }
max=$(awk -v t="$secs" 'BEGIN { printf "%d", (10240 + 125000 * t) / 1442 + 2 }')
sleep 0.5
got=$(rx_delta 2)
check_num "burst 10 KB: at most the bucket + refill of 72 KB passes (<= $max frames)" -le "$max" echo "$got"
check_eq "burst 10 KB: the rest counted in drops.shaping" $((50 - got)) drop_delta p1:shaping
setup raw_frames 2 eth0 "$m1" "$m2" 50 1442
check_eq "the unshaped vm2 -> vm1: all 50 frames pass" 50 rx_delta 1

finish
