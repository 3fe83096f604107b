#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lib-vlan.sh: VLAN and port group helpers for the 2x selftests, on top of
# lib.sh. Source it after lib.sh; it is not a test.
#
# Topology:
#	add_pg SW NAME ARGS...         "vswctl portgroup add SW NAME ARGS..." (setup)
#	add_vm_pg N SW PG [ADDR/LEN]   netns N, veth pN (port of SW in port group
#	                               PG) <-> eth0 in nN, with ADDR/LEN if given
#	add_vlan_if N DEV VID [ADDR/LEN] [ip link ARGS...]
#	                               DEV.VID (802.1Q) on DEV in nN, up
#	add_uplink_peer N DEV SW       a veth DEV in the host netns, an uplink of
#	                               SW, whose peer is eth0 in a new netns N
#	neigh_dev N DEV IP MAC         permanent neighbour entry on DEV in nN
#	freeze_neigh N...              make every resolved neighbour entry of nN
#	                               permanent: no ARP probes (unicast, seconds
#	                               after a ping) land in a counting window
#
# Queries:
#	pg_field SW PG FIELD           a field of "portgroup show SW PG"
#	port_drops DEV REASON [SW]     drops[REASON] of DEV in "-s port show", 0
#	                               when the reason is absent
#	fdb_count SW MAC               number of fdb entries (all VLANs) of MAC
#	fdb_vlans SW MAC               sorted VLANs of MAC's entries, as JSON
#	rx_snap N[:DEV]...             remember rx_packets of DEV (default eth0)
#	rx_delta N[:DEV]               frames received since rx_snap
#	rx_deltas N[:DEV]...           the same for several, space-separated
#	rx_is N[:DEV] WANT             predicate: rx_delta is WANT
#	out_is WANT CMD...             predicate: CMD's stdout is WANT (for
#	                               check_wait on a computed value)
#	out_ge N CMD...                predicate: CMD's stdout is a number >= N
#	vping N ADDR [ARGS]            2 echo replies (ping -c 2 -i 0.2 -W 2)
#	vping_fails N ADDR [ARGS]      no echo reply at all within 2 s
#	unreached N ADDR T             vping_fails N ADDR, and vm T (the owner of
#	                               ADDR) received no frame meanwhile
#	vswn_jq N EXPR ARGS...         vsw_jq in netns N (a second host)
#	capture_start N DEV FILE       tcpdump -e on DEV in nN into FILE
#	                               (text, immediate); waits until it listens
#	capture_stop                   stop it, output flushed
#	captured FILE ERE              FILE has a line matching ERE
#	captured_count FILE ERE        number of lines matching ERE
#
# check_refused compares vsw_snapshot before and after a refusal; with
# lib-vlan.sh the snapshot includes "portgroup show" of every switch in
# $SNAP_SWITCHES, so a refusal that changes a port group is caught too.

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
	echo "TAP version 13"
	echo "1..0 # SKIP lib-vlan.sh is sourced by the tests, it is not a test"
	exit 4
fi

eval "__vsw_snapshot_lib()$(declare -f vsw_snapshot | tail -n +2)"
vsw_snapshot()
{
	local sw
	__vsw_snapshot_lib
	for sw in $SNAP_SWITCHES; do
		vsw -j portgroup show "$sw" 2>&1
	done
}

add_pg()
{
	setup vsw portgroup add "$@"
}

add_vm_pg()
{
	local n=$1 sw=$2 pg=$3 addr=${4:-}
	add_veth "$n" "p$n"
	if [[ -n $addr ]]; then
		setup ip -n "$PFX-$n" addr add "$addr" dev eth0
	fi
	setup vsw port add "$sw" "p$n" portgroup "$pg"
}

add_vlan_if()
{
	local n=$1 dev=$2 vid=$3 addr=${4:-}
	shift 3
	(($# > 0)) && shift
	setup ip -n "$PFX-$n" link add link "$dev" name "$dev.$vid" type vlan id "$vid" "$@"
	if [[ -n $addr ]]; then
		setup ip -n "$PFX-$n" addr add "$addr" dev "$dev.$vid"
	fi
	setup ip -n "$PFX-$n" link set dev "$dev.$vid" up
}

add_uplink_peer()
{
	local n=$1 dev=$2 sw=$3
	add_veth "$n" "$dev"
	setup vsw uplink add "$sw" "$dev"
}

neigh_dev()
{
	ip -n "$PFX-$1" neigh replace "$3" lladdr "$4" dev "$2" nud permanent
}

freeze_neigh()
{
	local n dst dev mac
	for n in "$@"; do
		while read -r dst dev mac; do
			ip -n "$PFX-$n" neigh replace "$dst" lladdr "$mac" dev "$dev" nud permanent
		done < <(ip -n "$PFX-$n" -4 neigh show | awk '$2 == "dev" && $4 == "lladdr" { print $1, $3, $5 }')
	done
	# A probe sent just before is answered at once.
	sleep 0.5
}

pg_field()
{
	vsw_jq "first(j, name='$2')['$3']" portgroup show "$1" "$2"
}

port_drops()
{
	vsw_jq "first(j, name='$1')['stats']['drops'].get('$2', 0)" -s port show ${3:+"$3"}
}

fdb_count()
{
	vsw_jq "len(where(j, mac='$2'))" fdb show "$1"
}

fdb_vlans()
{
	vsw_jq "sorted(e['vlan'] for e in where(j, mac='$2'))" fdb show "$1"
}

declare -A __rx_base
rx_snap()
{
	local spec n dev
	for spec in "$@"; do
		n=${spec%%:*}
		dev=eth0
		[[ $spec == *:* ]] && dev=${spec#*:}
		__rx_base[$spec]=$(dev_stat "$n" "$dev" rx_packets)
	done
}

rx_delta()
{
	local spec=$1 n dev
	n=${spec%%:*}
	dev=eth0
	[[ $spec == *:* ]] && dev=${spec#*:}
	echo $(($(dev_stat "$n" "$dev" rx_packets) - __rx_base[$spec]))
}

rx_deltas()
{
	local spec out=()
	for spec in "$@"; do
		out+=("$(rx_delta "$spec")")
	done
	echo "${out[*]}"
}

rx_is()
{
	[[ $(rx_delta "$1") == "$2" ]]
}

out_is()
{
	local want=$1
	shift
	[[ $("$@") == "$want" ]]
}

out_ge()
{
	local want=$1 got
	shift
	got=$("$@")
	[[ $got =~ ^[0-9]+$ ]] && ((got >= want))
}

vping()
{
	local n=$1 addr=$2
	shift 2
	ip netns exec "$PFX-$n" ping -q -c 2 -i 0.2 -W 2 -w 8 "$@" "$addr"
}

vping_fails()
{
	local n=$1 addr=$2
	shift 2
	! ip netns exec "$PFX-$n" ping -q -c 2 -i 0.2 -W 1 -w 2 "$@" "$addr"
}

unreached()
{
	local n=$1 addr=$2 to=$3 d
	rx_snap "$to"
	if ! vping_fails "$n" "$addr"; then
		echo "ping $addr from n$n got replies"
		return 1
	fi
	d=$(rx_delta "$to")
	if [[ $d != 0 ]]; then
		echo "n$to (the owner of $addr) received $d frames"
		return 1
	fi
}

vswn_jq()
{
	local n=$1 t=()
	shift
	if [[ $1 == -t ]]; then
		t=(-t)
		shift
	fi
	local expr=$1
	shift
	vswn "$n" -j "$@" | jq_py "${t[@]}" "$expr"
}

__capture_pid=''
capture_start()
{
	local n=$1 dev=$2 file=$3
	: >"$file"
	BG_OUT=$file run_bg "$n" tcpdump --immediate-mode -l -e -nn -i "$dev"
	__capture_pid=$BG_PID
	if ! wait_for 30 grep -q "listening on" "$file"; then
		fail "setup: tcpdump listening on $dev in n$n"
		__diag_file "$file"
		exit 1
	fi
}

capture_stop()
{
	[[ -n $__capture_pid ]] || return 0
	# Let the last frames through tcpdump before it goes.
	sleep 0.5
	stop_bg "$__capture_pid"
	__capture_pid=''
}

captured()
{
	grep -qE -- "$2" "$1"
}

captured_count()
{
	local c
	c=$(grep -cE -- "$2" "$1")
	echo "${c:-0}"
}

# The monitor subscribes asynchronously: poke until it reports.
refusal_poke()
{
	vsw portgroup add sw1 probe >/dev/null 2>&1
	vsw portgroup del sw1 probe >/dev/null 2>&1
	grep -q '"probe"' "$MON"
}

# The topology of the refusal scripts (25, 26), drawn at the top of each,
# with a JSON monitor running into $MON (pid $mon) that has seen nothing.
refusal_setup()
{
	SNAP_SWITCHES=sw0
	setup_ns 0
	add_switch sw0
	add_switch sw1
	add_pg sw0 v10 vlan 10
	add_pg sw0 tl trunk 10,20,30 native 30
	add_pg sw0 mgmt vlan 99
	add_pg sw0 empty vlan 5
	add_pg sw1 only1 vlan 10
	add_vm_pg 1 sw0 v10 192.0.2.1/24
	add_vm_pg 2 sw0 v10 192.0.2.2/24
	add_uplink_peer 3 up0 sw0
	add_veth 4 p4
	setup vsw port set sw0 portgroup mgmt
	setup ping_ok 1 192.0.2.2

	MON=$TMPD/monitor.jsonl
	BG_OUT=$MON run_bg 0 "$VSWCTL" -j monitor
	mon=$BG_PID
	setup wait_for 20 refusal_poke
	sleep 0.5
	: >"$MON"
}

# After the refusals: no event was sent and everything is as set up.
refusal_unchanged()
{
	sleep 0.5
	check_eq "the refused requests sent no event" "" cat "$MON"
	stop_bg "$mon"
	check_eq "port groups are as set up" \
		'[["default", 0, null, null, []], ["empty", 5, null, null, []], ["mgmt", 99, null, null, ["sw0"]], ["tl", null, "10,20,30", 30, []], ["v10", 10, null, null, ["p1", "p2"]]]' \
		vsw_jq "sorted([e['name'], e['vlan'], e['trunk'], e['native'], sorted(e['ports'])] for e in j)" \
		portgroup show sw0
	check_eq "sw1's port groups are as set up" '[["default", 0, ["sw1"]], ["only1", 10, []]]' \
		vsw_jq "[[e['name'], e['vlan'], e['ports']] for e in j]" portgroup show sw1
	check "vm1 -> vm2 still (VLAN 10)" vping 1 192.0.2.2
}
