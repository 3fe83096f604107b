#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The vsw benchmark, run inside a test guest (VSW_MODE=bench, started by
# selftests/bench/run.sh through `make bench`). Not a test: it prints
# numbers and never fails on a slow result.
#
# Every case builds one topology four times: with vsw, with the Linux
# bridge, with the Open vSwitch kernel datapath (ovs-dpctl flows, no
# daemon) and with the floor, tc mirred between the same veth pairs.
#
#   gen0 ==veth== p0 [ switch ] p1 ==veth== s1      (s2..s16 for flood)
#    ^ pktgen                    uplink u1 for the VLAN case
#                                              s1: far end, we count rx there
#
# Frames are 64 bytes (pkt_size 60 + FCS), UDP to 198.51.100.2, for the
# MAC $DST that the switch knows behind p1 (static entry, or the VM MAC
# of p1 for vsw). The sinks have no addresses and see the frames as
# another host's: they are dropped at once, the same for every system.
#
# Raw samples go to fd 3 (the results port) as
#	BENCH <case> <system> <value> <unit>
#	BENCH-INFO <key> <value...>
# and the host computes medians and ratios (selftests/bench/report.py).
#
# Environment: VSW_BENCH_RUNS (3), VSW_BENCH_SECS (3, seconds measured
# per run), VSW_BENCH_CASES (all: unicast vlan vxlan tcp fdb flood),
# VSW_BENCH_SYSTEMS (vsw bridge ovs floor), VSW_BENCH_FDB_BIG (1048576),
# VSW_BENCH_FDB_SMALL (1024), VSW_BENCH_PERF (systems to profile after
# their samples, e.g. "vsw bridge"; none by default).
set -uo pipefail

RUNS=${VSW_BENCH_RUNS:-3}
SECS=${VSW_BENCH_SECS:-3}
CASES=${VSW_BENCH_CASES:-unicast vlan vxlan tcp fdb flood}
SYSTEMS=${VSW_BENCH_SYSTEMS:-vsw bridge ovs floor}
FDB_SMALL=${VSW_BENCH_FDB_SMALL:-1024}
FDB_BIG=${VSW_BENCH_FDB_BIG:-1048576}
PERF_SYSTEMS=${VSW_BENCH_PERF:-}
VSWCTL=${VSWCTL:-vswctl}
NFLOOD=16
# Measurements per topology built. The RUNS go round the systems (vsw,
# bridge, ovs, floor, vsw, ...), each time on a fresh topology, so that a
# change in the shared machine's load hits every system alike.
REPS=1

DST=02:00:00:00:bb:01		# the known unicast destination, behind p1
SELF=02:00:00:00:bb:02		# static behind the learning port (fdb case)
FAR_MAC=02:00:00:00:cc:01	# VXLAN underlay next hop: nobody's MAC
PG=/proc/net/pktgen

# Results to the results port when run by guest-run.sh, else stdout.
if { true >&3; } 2>/dev/null; then OUT=3; else OUT=1; fi
sample() { echo "BENCH $*" >&"$OUT"; echo "  $*"; }
info() { echo "BENCH-INFO $*" >&"$OUT"; echo "  info: $*"; }
log() { echo "bench: $*"; }

# ---------------------------------------------------------------- helpers

quiet() { "$@" >/dev/null 2>&1; }

# Everything this script may have created, whatever the system.
teardown() {
	local d
	quiet "$VSWCTL" switch del sw0
	quiet ip link del br0
	quiet ovs-dpctl del-dp ovs-bench
	for d in gen0 gen2 p0 u1 u2 vx0 vxm vxlan_sys_4789 ul0 $(seq -f 'p%g' 1 $NFLOOD); do
		quiet ip link del "$d"
	done
	quiet ip netns del bfar
	quiet ip netns del bn1
	quiet ip netns del bn2
	[ -e $PG/pgctrl ] && quiet sh -c "echo reset >$PG/pgctrl"
}

# veth PORT PEER: a pair in this netns, both up.
veth() {
	ip link add "$1" type veth peer name "$2" || return 1
	ip link set "$1" up && ip link set "$2" up
}

# mac DEV
mac() { cat "/sys/class/net/$1/address"; }

rx() { cat "/sys/class/net/$1/statistics/rx_packets"; }

now() { date +%s.%N; }

# wait_for SECS CMD...: until CMD succeeds, every 0.5 s.
wait_for() {
	local end=$((SECONDS + $1))
	shift
	until "$@"; do
		[ $SECONDS -lt $end ] || return 1
		sleep 0.5
	done
}

# ---------------------------------------------------------------- pktgen

# pktgen_setup DEV DST_MAC [KEY VALUE]...: DEV on kpktgend_0, 64-byte
# frames, no count limit unless given.
pktgen_setup() {
	local dev=$1 dst=$2 k
	shift 2
	echo reset >$PG/pgctrl
	echo "add_device $dev" >$PG/kpktgend_0 || return 1
	for k in "count 0" "clone_skb 0" "burst 1" "pkt_size 60" "delay 0" \
		"dst_mac $dst" "dst 198.51.100.2" "src_min 198.51.100.1" \
		"src_max 198.51.100.1" "udp_src_min 9" "udp_src_max 9" \
		"udp_dst_min 9" "udp_dst_max 9"; do
		echo "$k" >"$PG/$dev" || { log "pktgen $dev: $k refused"; return 1; }
	done
	while [ $# -ge 2 ]; do
		echo "$1 $2" >"$PG/$dev" || { log "pktgen $dev: $1 $2 refused"; return 1; }
		shift 2
	done
}

# measure_pps CASE SYSTEM SINK...: REPS runs of pktgen: one second of
# warm-up, then SECS seconds counted at the sinks; frames per second
# delivered, divided by the number of sinks (flood: frames flooded/s).
measure_pps() {
	local case=$1 sys=$2 run pid t0 t1 n0 n1 s
	shift 2
	for run in $(seq "$REPS"); do
		echo start >$PG/pgctrl &
		pid=$!
		sleep 1
		n0=0; for s in "$@"; do n0=$((n0 + $(rx "$s"))); done
		t0=$(now)
		sleep "$SECS"
		n1=0; for s in "$@"; do n1=$((n1 + $(rx "$s"))); done
		t1=$(now)
		echo stop >$PG/pgctrl
		wait "$pid" 2>/dev/null
		sample "$case $sys $(awk -v n=$((n1 - n0)) -v t0="$t0" -v t1="$t1" -v k=$# \
			'BEGIN { printf "%.0f", n / (t1 - t0) / k }') pps"
	done
	case " ${PERF_SYSTEMS} " in *" $sys "*) profile "$case" "$sys" ;; esac
}

# profile CASE SYSTEM: one more pktgen run, not a sample, under perf record
# (all CPUs, call graphs; cpu-clock, as a TCG guest has no PMU); the hottest
# symbols go to the console as "perf CASE SYSTEM: ..." lines.
profile() {
	local case=$1 sys=$2 pid data=/tmp/perf-$1-$2.data
	command -v perf >/dev/null || { log "perf: not installed"; return 0; }
	echo start >$PG/pgctrl &
	pid=$!
	sleep 1
	perf record -q -a -g -e cpu-clock -o "$data" -- sleep "$SECS" >/dev/null 2>&1
	echo stop >$PG/pgctrl
	wait "$pid" 2>/dev/null
	perf report -i "$data" --stdio --no-children --sort sym --percent-limit 0.5 \
		-g none 2>/dev/null | grep -v '^#' | grep . | head -n 40 |
		sed "s/^/perf $case $sys: /"
	rm -f "$data"
}

# ---------------------------------------------------------------- switches
# l2_build SYSTEM NPORTS [vlan]: gen0=p0 as ingress, p1..pN (or uplink u1
# for vlan) to sinks s1..sN; $DST known behind p1 / u1.

vsw_build() {
	local n=$1 mode=${2:-} i
	"$VSWCTL" switch add sw0 fdb-max 4000000 || return 1
	ip link set sw0 up
	if [ "$mode" = vlan ]; then
		"$VSWCTL" portgroup add sw0 v10 vlan 10 || return 1
		"$VSWCTL" port add sw0 p0 portgroup v10 || return 1
		"$VSWCTL" uplink add sw0 u1 || return 1
		"$VSWCTL" fdb add sw0 "$DST" vlan 10 port u1 || return 1
		return 0
	fi
	"$VSWCTL" port add sw0 p0 || return 1
	for i in $(seq "$n"); do
		"$VSWCTL" port add sw0 "p$i" || return 1
	done
	"$VSWCTL" port set p1 mac "$DST" || return 1
	"$VSWCTL" fdb add sw0 "$DST" port p1
}

bridge_build() {
	local n=$1 mode=${2:-} i
	ip link add br0 type bridge ${mode:+vlan_filtering 1} || return 1
	ip link set br0 up
	if [ "$mode" = vlan ]; then
		ip link set p0 master br0 && ip link set u1 master br0 || return 1
		bridge vlan del dev p0 vid 1 && bridge vlan del dev u1 vid 1
		bridge vlan add dev p0 vid 10 pvid untagged || return 1
		bridge vlan add dev u1 vid 10 || return 1
		bridge fdb add "$DST" dev u1 vlan 10 master static
		return
	fi
	ip link set p0 master br0 || return 1
	for i in $(seq "$n"); do
		ip link set "p$i" master br0 || return 1
	done
	bridge fdb add "$DST" dev p1 master static
}

# ovs_flow MATCH ACTIONS: a datapath flow for IPv4 frames. The kernel
# wants the L3 key once eth_type is IPv4 (as ovs-vswitchd's megaflows
# have it, frag=no); without eth_type as a fallback.
ovs_flow() {
	ovs-dpctl add-flow ovs-bench "$1,eth_type(0x0800),ipv4(frag=no)" "$2" 2>/dev/null ||
		ovs-dpctl add-flow ovs-bench "$1" "$2" || return 1
	ovs-dpctl dump-flows ovs-bench | sed "s/^/  ovs flow: /"
}

# OVS kernel datapath, no daemon: ports 1 (p0), 2.. (p1.. or u1), flows
# keyed on the input port and the destination MAC, like a switch's.
ovs_build() {
	local n=$1 mode=${2:-} i acts=
	modprobe openvswitch || return 1
	ovs-dpctl add-dp ovs-bench || return 1
	ovs-dpctl add-if ovs-bench p0 || return 1
	if [ "$mode" = vlan ]; then
		ovs-dpctl add-if ovs-bench u1 || return 1
		ovs_flow "in_port(1),eth(dst=$DST)" "push_vlan(vid=10,pcp=0),2"
		return
	fi
	for i in $(seq "$n"); do
		ovs-dpctl add-if ovs-bench "p$i" || return 1
		acts+="${acts:+,}$((i + 1))"
	done
	if [ "$n" = 1 ]; then
		ovs_flow "in_port(1),eth(dst=$DST)" 2
	else
		ovs_flow "in_port(1),eth(dst=ff:ff:ff:ff:ff:ff)" "$acts"
	fi
}

# The floor: no lookup at all, a tc redirect (mirror to all but the last
# for the flood).
floor_build() {
	local n=$1 mode=${2:-} i acts=()
	tc qdisc add dev p0 clsact || return 1
	if [ "$mode" = vlan ]; then
		tc filter add dev p0 ingress matchall action vlan push id 10 \
			pipe action mirred egress redirect dev u1
		return
	fi
	for i in $(seq $((n - 1))); do
		acts+=(action mirred egress mirror dev "p$i")
	done
	tc filter add dev p0 ingress matchall "${acts[@]}" \
		action mirred egress redirect dev "p$n"
}

l2_build() {
	local sys=$1 n=$2 mode=${3:-} i
	veth gen0 p0 || return 1
	if [ "$mode" = vlan ]; then
		veth u1 s1 || return 1
	else
		for i in $(seq "$n"); do veth "p$i" "s$i" || return 1; done
	fi
	"${sys}_build" "$n" "$mode"
}

# ---------------------------------------------------------------- cases

case_unicast() {
	local sys=$1
	l2_build "$sys" 1 || return 1
	pktgen_setup gen0 "$DST" || return 1
	measure_pps unicast "$sys" s1
}

case_vlan() {
	local sys=$1
	l2_build "$sys" 1 vlan || return 1
	pktgen_setup gen0 "$DST" || return 1
	measure_pps vlan "$sys" s1
}

case_flood() {
	local sys=$1 i sinks=()
	l2_build "$sys" $NFLOOD || return 1
	for i in $(seq $NFLOOD); do sinks+=("s$i"); done
	pktgen_setup gen0 ff:ff:ff:ff:ff:ff || return 1
	measure_pps flood "$sys" "${sinks[@]}"
}

# VXLAN: p0 into VNI 100, out the underlay ul0 (198.51.100.1) to the far
# VTEP 198.51.100.2 in netns bfar, whose MAC is nobody's: the far end
# counts the encapsulated frames and drops them.
case_vxlan() {
	local sys=$1
	veth gen0 p0 || return 1
	ip netns add bfar || return 1
	ip link add ul0 type veth peer name ul1 netns bfar || return 1
	ip addr add 198.51.100.1/24 dev ul0
	ip link set ul0 up
	ip -n bfar link set ul1 up
	ip neigh replace 198.51.100.2 lladdr "$FAR_MAC" dev ul0 nud permanent
	case $sys in
	vsw)
		"$VSWCTL" switch add sw0 || return 1
		ip link set sw0 up
		"$VSWCTL" port add sw0 p0 || return 1
		# The socket of the last case's vxlan device may still be going.
		wait_for 10 quiet "$VSWCTL" vxlan add sw0 vni 100 vlan 0 \
			local 198.51.100.1 remote 198.51.100.2 || return 1
		"$VSWCTL" fdb add sw0 "$DST" remote 198.51.100.2 vni 100 || return 1
		;;
	bridge)
		ip link add vx0 type vxlan id 100 local 198.51.100.1 \
			remote 198.51.100.2 dstport 4789 dev ul0 nolearning || return 1
		ip link add br0 type bridge || return 1
		ip link set p0 master br0 && ip link set vx0 master br0 || return 1
		ip link set vx0 up && ip link set br0 up
		bridge fdb add "$DST" dev vx0 master static || return 1
		;;
	ovs)
		modprobe openvswitch && modprobe vport-vxlan || return 1
		ovs-dpctl add-dp ovs-bench || return 1
		ovs-dpctl add-if ovs-bench p0 || return 1
		ovs-dpctl add-if ovs-bench vxlan_sys_4789,type=vxlan,remote_ip=flow,dst_port=4789 ||
			return 1
		ovs_flow "in_port(1),eth(dst=$DST)" \
			"set(tunnel(tun_id=0x64,src=198.51.100.1,dst=198.51.100.2,ttl=64,tp_dst=4789,flags(df|key))),2" ||
			return 1
		;;
	floor)
		ip link add vxm type vxlan external dstport 4789 || return 1
		# The UDP socket of the last case's vxlan device may still
		# be going (it is freed after an RCU grace period).
		wait_for 10 quiet ip link set vxm up || return 1
		tc qdisc add dev p0 clsact || return 1
		tc filter add dev p0 ingress matchall action tunnel_key set \
			src_ip 198.51.100.1 dst_ip 198.51.100.2 id 100 dst_port 4789 \
			pipe action mirred egress redirect dev vxm || return 1
		;;
	esac
	pktgen_setup gen0 "$DST" || return 1
	measure_vxlan_pps "$sys"
}

# The far end is in bfar: count there.
measure_vxlan_pps() {
	local sys=$1 run pid t0 t1 n0 n1
	for run in $(seq "$REPS"); do
		echo start >$PG/pgctrl &
		pid=$!
		sleep 1
		n0=$(ip netns exec bfar cat /sys/class/net/ul1/statistics/rx_packets)
		t0=$(now)
		sleep "$SECS"
		n1=$(ip netns exec bfar cat /sys/class/net/ul1/statistics/rx_packets)
		t1=$(now)
		echo stop >$PG/pgctrl
		wait "$pid" 2>/dev/null
		sample "vxlan $sys $(awk -v n=$((n1 - n0)) -v t0="$t0" -v t1="$t1" \
			'BEGIN { printf "%.0f", n / (t1 - t0) }') pps"
	done
}

# TCP: iperf3 from bn1 (192.0.2.1) to bn2 (192.0.2.2) through p1/p2,
# offloads as veth has them (TSO/GSO on). Static ARP: OVS has no daemon
# to handle a flooded ARP request.
case_tcp() {
	local sys=$1 i m1 m2 run bps
	for i in 1 2; do
		ip netns add "bn$i" || return 1
		ip -n "bn$i" link set lo up
		ip link add "p$i" type veth peer name eth0 netns "bn$i" || return 1
		ip -n "bn$i" addr add "192.0.2.$i/24" dev eth0
		ip -n "bn$i" link set eth0 up
		ip link set "p$i" up
	done
	m1=$(ip -n bn1 -br link show eth0 | awk '{print $3}')
	m2=$(ip -n bn2 -br link show eth0 | awk '{print $3}')
	ip -n bn1 neigh replace 192.0.2.2 lladdr "$m2" dev eth0 nud permanent
	ip -n bn2 neigh replace 192.0.2.1 lladdr "$m1" dev eth0 nud permanent
	case $sys in
	vsw)
		"$VSWCTL" switch add sw0 || return 1
		ip link set sw0 up
		"$VSWCTL" port add sw0 p1 && "$VSWCTL" port add sw0 p2 || return 1
		;;
	bridge)
		ip link add br0 type bridge || return 1
		ip link set br0 up
		ip link set p1 master br0 && ip link set p2 master br0 || return 1
		;;
	ovs)
		modprobe openvswitch || return 1
		ovs-dpctl add-dp ovs-bench || return 1
		ovs-dpctl add-if ovs-bench p1 && ovs-dpctl add-if ovs-bench p2 || return 1
		ovs_flow "in_port(1),eth(dst=$m2)" 2 && ovs_flow "in_port(2),eth(dst=$m1)" 1 ||
			return 1
		;;
	floor)
		for i in 1 2; do
			tc qdisc add dev "p$i" clsact || return 1
			tc filter add dev "p$i" ingress matchall action mirred egress \
				redirect dev "p$((3 - i))" || return 1
		done
		;;
	esac
	for run in $(seq "$REPS"); do
		ip netns exec bn2 iperf3 -s -D -1 >/dev/null 2>&1
		sleep 0.5
		bps=$(ip netns exec bn1 iperf3 -c 192.0.2.2 -t "$SECS" -O 1 -J 2>/dev/null |
			python3 -c 'import json,sys; print(json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"])' 2>/dev/null)
		[ -n "$bps" ] || { log "iperf3 failed"; return 1; }
		sample "tcp $sys $(awk -v b="$bps" 'BEGIN { printf "%.3f", b / 1e9 }') Gbit/s"
	done
	quiet ip netns exec bn2 pkill -x iperf3
	return 0
}

# FDB scale: N entries learned behind a third port (a vsw uplink, so
# any source is learned) from pktgen frames with N source MACs, sent
# to a MAC static on that same port (dropped as same-port after the
# lookup). Then unicast p0 -> p1 as in case 1. Memory: MemFree and Slab
# before and after learning, per entry.
case_fdb() {
	local sys=$1 n
	case $sys in
	vsw|bridge) ;;
	*) info "fdb-$sys n/a"; return 0 ;;
	esac
	for n in $FDB_SMALL $FDB_BIG; do
		fdb_one "$sys" "$n" || return 1
		teardown
	done
}

meminfo() { awk -v k="$1:" '$1 == k { print $2 * 1024 }' /proc/meminfo; }

fdb_one() {
	local sys=$1 n=$2 free0 slab0 free1 slab1 count=
	veth gen0 p0 && veth p1 s1 && veth gen2 u2 || return 1
	case $sys in
	vsw)
		"$VSWCTL" switch add sw0 fdb-max $((n + 1024)) || return 1
		ip link set sw0 up
		"$VSWCTL" port add sw0 p0 && "$VSWCTL" port add sw0 p1 mac "$DST" &&
			"$VSWCTL" uplink add sw0 u2 || return 1
		"$VSWCTL" fdb add sw0 "$DST" port p1 &&
			"$VSWCTL" fdb add sw0 "$SELF" port u2 || return 1
		;;
	bridge)
		ip link add br0 type bridge || return 1
		ip link set br0 up
		ip link set p0 master br0 && ip link set p1 master br0 &&
			ip link set u2 master br0 || return 1
		bridge fdb add "$DST" dev p1 master static &&
			bridge fdb add "$SELF" dev u2 master static || return 1
		;;
	esac
	sync
	echo 3 >/proc/sys/vm/drop_caches
	sleep 1
	free0=$(meminfo MemFree)
	slab0=$(meminfo Slab)
	# Learn: exactly N frames, N source MACs in sequence.
	pktgen_setup gen2 "$SELF" count "$n" src_mac 02:10:00:00:00:00 \
		src_mac_count "$n" || return 1
	log "fdb: $sys learning $n entries"
	echo start >$PG/pgctrl
	# The hash tables grow in a worker: let the rehash finish first.
	sleep 3
	free1=$(meminfo MemFree)
	slab1=$(meminfo Slab)
	if [ "$sys" = vsw ]; then
		count=$("$VSWCTL" -j switch show sw0 |
			python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["fdb_count"])')
	fi
	info "fdb-$sys-$n learned ${count:-?} mem_bytes_per_entry $(((free0 - free1) / n)) slab_bytes_per_entry $(((slab1 - slab0) / n))"
	[ "$n" = "$FDB_BIG" ] && slab_info
	pktgen_setup gen0 "$DST" || return 1
	measure_pps "fdb$n" "$sys" s1
}

# What the kernel says about the FDB caches: object sizes and merging.
slab_info() {
	local c d
	for c in vsw_fdb_entry vsw_fdb bridge_fdb_cache; do
		d=/sys/kernel/slab/$c
		[ -e "$d" ] || continue
		info "slab $c object_size $(cat "$d/object_size") slab_size $(cat "$d/slab_size") aliases $(cat "$d/aliases") is $(readlink -f "$d" | sed 's|.*/||')"
	done
	grep -E '^(vsw|bridge)' /proc/slabinfo | sed 's/^/  slabinfo: /'
}

# ---------------------------------------------------------------- main

main() {
	local c s run failed=0
	sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	modprobe pktgen || { log "no pktgen"; exit 1; }
	info "kernel $(uname -r) cpus $(nproc) runs $RUNS secs $SECS"
	teardown
	for c in $CASES; do
		for run in $(seq "$RUNS"); do
			for s in $SYSTEMS; do
				log "case $c, run $run, $s"
				if ! "case_$c" "$s"; then
					log "case $c, $s: setup failed"
					info "$c-$s failed"
					failed=1
				fi
				teardown
			done
		done
	done
	quiet modprobe -r openvswitch vport-vxlan
	log "done"
	return "$failed"
}

# Sourced (e.g. to profile one case by hand): only the functions.
[ "${BASH_SOURCE[0]}" != "$0" ] || main "$@"
