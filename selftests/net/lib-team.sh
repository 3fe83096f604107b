#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lib-team.sh: NIC teaming helpers for the 5x selftests, on top of lib.sh
# and lib-vlan.sh. Source it after them; it is not a test.
#
# The "physical network" is a namespace holding Linux bridges (or a bond):
# each uplink of the switch is a veth whose peer sits in that namespace.
#
# Topology:
#	phys_bridge P [BR]            a Linux bridge BR (default br0) in nP, up,
#	                              no STP; nP is created when missing
#	team_uplink SW DEV P [MASTER] veth DEV in the host, an uplink of SW, up,
#	                              whose peer DEVp is in nP, up, and a port of
#	                              MASTER (default br0; "none": no master)
#	phys_host N P ADDR/LEN [BR]   netns N, eth0 (ADDR/LEN) whose peer hN in nP
#	                              is a port of BR (default br0)
#	add_vm_mac N SW MAC [NET]     add_vm with eth0's MAC set to MAC
#	freeze_all N...               freeze_neigh, quietly
#
# Queries:
#	team_jq [-t] EXPR SW          EXPR on "team show SW" (j = its object);
#	                              -t: a predicate, as jq_py -t
#	team_state SW DEV             DEV's state: active | standby | failed
#	team_states SW                "DEV:state ..." in team order
#	policy_states SW              "POLICY DEV:state ..."
#	fdb_ports SW MAC...           the port of each MAC (VLAN 0), space-separated
#	team_snap                     team show -j of each switch of
#	                              $SNAP_SWITCHES, for before/after comparisons
#	tx_snap SW                    remember tx_packets of SW's uplinks
#	tx_deltas SW DEV...           frames sent out of each DEV since tx_snap,
#	                              space-separated (one vswctl call)
#	tx_sorted SW DEV...           the same, sorted numerically
#	phys_fdb P MAC [BR]           the port of MAC in BR's FDB in nP, "none"
#	phys_fdb_is P MAC PORT [BR]   predicate
#	phys_fdbs P MAC...            phys_fdb of each MAC in br0, space-separated
#	drops_of SW REASON DEV...     drops[REASON] of each DEV, space-separated
#	                              (one vswctl call)
#	raw_out N DEV,DST,SRC...      one frame (type 0x88b5) per argument, out
#	                              of DEV in nN (one interpreter for all)
#
# check_refused compares vsw_snapshot before and after; with lib-team.sh it
# includes "team show" of every switch in $SNAP_SWITCHES.

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
	echo "TAP version 13"
	echo "1..0 # SKIP lib-team.sh is sourced by the tests, it is not a test"
	exit 4
fi

eval "__vsw_snapshot_vlan()$(declare -f vsw_snapshot | tail -n +2)"
vsw_snapshot()
{
	__vsw_snapshot_vlan
	team_snap
}

team_snap()
{
	local sw
	for sw in $SNAP_SWITCHES; do
		vsw -j team show "$sw" 2>&1
	done
}

phys_bridge()
{
	local p=$1 br=${2:-br0}
	[[ -e /run/netns/$PFX-$p ]] || setup_ns "$p"
	setup ip -n "$PFX-$p" link add name "$br" type bridge stp_state 0
	setup ip -n "$PFX-$p" link set dev "$br" up
}

team_uplink()
{
	local sw=$1 dev=$2 p=$3 master=${4:-br0}
	local host=$PFX-$VSW_HOST
	setup ip -n "$host" link add name "$dev" type veth peer name "${dev}p" netns "$PFX-$p"
	if [[ $master != none ]]; then
		setup ip -n "$PFX-$p" link set dev "${dev}p" master "$master"
	fi
	setup ip -n "$PFX-$p" link set dev "${dev}p" up
	setup ip -n "$host" link set dev "$dev" up
	setup vsw uplink add "$sw" "$dev"
}

# team_partner SW NS BOND-ARGS...: uplinks up1, up2 of SW whose peers are
# enslaved to bond0 in netns NS, made with "type bond BOND-ARGS" (the Linux
# bonding partner of the LACP and hash-policy tests); bond0 is left up.
team_partner()
{
	local sw=$1 p=$2 d
	shift 2
	setup ip -n "$PFX-$p" link add bond0 type bond "$@"
	team_uplink "$sw" up1 "$p" none
	team_uplink "$sw" up2 "$p" none
	for d in up1p up2p; do
		setup ip -n "$PFX-$p" link set dev "$d" down
		setup ip -n "$PFX-$p" link set dev "$d" master bond0
		setup ip -n "$PFX-$p" link set dev "$d" up
	done
	setup ip -n "$PFX-$p" link set dev bond0 up
}

phys_host()
{
	local n=$1 p=$2 addr=$3 br=${4:-br0}
	setup_ns "$n"
	setup ip -n "$PFX-$p" link add name "h$n" type veth peer name eth0 netns "$PFX-$n"
	setup ip -n "$PFX-$p" link set dev "h$n" master "$br"
	setup ip -n "$PFX-$p" link set dev "h$n" up
	setup ip -n "$PFX-$n" addr add "$addr" dev eth0
	setup ip -n "$PFX-$n" link set dev eth0 up
	setup ip netns exec "$PFX-$n" sysctl -qw \
		net.ipv4.neigh.eth0.base_reachable_time_ms=3600000
}

add_vm_mac()
{
	local n=$1 sw=$2 mac=$3 net=${4:-192.0.2}
	add_veth "$n" "p$n"
	setup ip -n "$PFX-$n" link set dev eth0 address "$mac"
	setup ip -n "$PFX-$n" addr add "$net.$n/24" dev eth0
	setup vsw port add "$sw" "p$n"
}

freeze_all()
{
	freeze_neigh "$@" >/dev/null 2>&1
}

team_jq()
{
	local t=()
	if [[ $1 == -t ]]; then
		t=(-t)
		shift
	fi
	vsw -j team show "$2" | jq_py "${t[@]}" "(lambda j: $1)(j[0] if isinstance(j, list) else j)"
}

team_state()
{
	team_jq "first(j['uplinks'], name='$2')['state']" "$1"
}

team_states()
{
	team_jq "' '.join('%s:%s' % (u['name'], u['state']) for u in j['uplinks'])" "$1"
}

policy_states()
{
	team_jq "' '.join([j['policy']] + ['%s:%s' % (u['name'], u['state']) for u in j['uplinks']])" "$1"
}

fdb_ports()
{
	local sw=$1 m macs=''
	shift
	for m in "$@"; do
		macs+="'$m',"
	done
	vsw_jq "' '.join((lambda e: 'none' if e is None else e['port'])(first(j, mac=m, vlan=0)) for m in [$macs])" \
		fdb show "$sw"
}

declare -A __tx_base
tx_snap()
{
	local name val
	while read -r name val; do
		__tx_base[$name]=$val
	done < <(vsw_jq "'\\n'.join('%s %d' % (e['name'], e['stats']['tx_packets']) for e in j if e['kind'] == 'uplink')" \
		-s port show "$1")
}

tx_deltas()
{
	local sw=$1 dev pairs=''
	shift
	for dev in "$@"; do
		pairs+="('$dev', ${__tx_base[$dev]:-0}),"
	done
	vsw_jq "' '.join(str(first(j, name=d)['stats']['tx_packets'] - b) for d, b in [$pairs])" \
		-s port show "$sw"
}

tx_sorted()
{
	tx_deltas "$@" | tr ' ' '\n' | sort -n | xargs
}

phys_fdb()
{
	local p=$1 mac=$2 br=${3:-br0}
	bridge -n "$PFX-$p" -j fdb show br "$br" |
		jq_py "(lambda e: 'none' if e is None else e['ifname'])(first([e for e in j if 'permanent' not in e.get('state', '')], mac='$mac'))"
}

phys_fdbs()
{
	local p=$1 m macs=''
	shift
	for m in "$@"; do
		macs+="'$m',"
	done
	bridge -n "$PFX-$p" -j fdb show br br0 |
		jq_py "' '.join((lambda e: 'none' if e is None else e['ifname'])(first([e for e in j if 'permanent' not in e.get('state', '')], mac=m)) for m in [$macs])"
}

phys_fdb_is()
{
	[[ $(phys_fdb "$1" "$2" "${4:-br0}") == "$3" ]]
}

drops_of()
{
	local sw=$1 reason=$2 d devs=''
	shift 2
	for d in "$@"; do
		devs+="'$d',"
	done
	vsw_jq "' '.join(str(first(j, name=d)['stats']['drops'].get('$reason', 0)) for d in [$devs])" \
		-s port show "$sw"
}

__RAW_OUT_PY='
import socket, sys
mac = lambda m: bytes(int(x, 16) for x in m.split(":"))
socks = {}
for arg in sys.argv[1:]:
    dev, dst, src = arg.split(",")
    if dev not in socks:
        socks[dev] = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        socks[dev].bind((dev, 0))
    socks[dev].send(mac(dst) + mac(src) + b"\x88\xb5" + b"vsw-selftest".ljust(46, b"\0"))
'

raw_out()
{
	local n=$1
	shift
	ip netns exec "$PFX-$n" "$PYTHON" -S -c "$__RAW_OUT_PY" "$@"
}
