#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Malformed frames (selftests/fuzz/vsw-wire-fuzz) into every kind of port:
# runts, broken 802.1Q nesting, lying 802.3 lengths, group/zero/own source
# addresses, mangled LACPDUs and team beacons, STP/LLDP and other reserved
# group frames, random bytes up to the MTU and past it. Into a VLAN-0 port,
# an access port (jumbo MTU), a trunk port, an uplink of a LACP team (from
# the partner's side), an uplink of a team with beacon probing, and the
# switch's host port (sent on sw0 itself). VXLAN garbage is 65's.
#
# For each: the port counted what came in (rx_packets), every frame with a
# group or zero source as invalid-source (at least those of the "source"
# class), tagged frames of VLANs the port may not send into as vlan drops;
# from the host, the cut-short tags as malformed and the reserved group as
# link-local. Jumbo frames from the access port are dropped as mtu on the
# 1500-byte ports. Afterwards: no group, zero or switch address learned,
# nothing learned behind a port in a VLAN it is not in, the LACP aggregate
# and the beacon team back as they were, a ping across the fuzzed port, rmmod
# works, and the kernel log is clean (finish).
#
#   n1 (vm1) 192.0.2.1   n2 (vm2) .2   n3 (mtu 9000)   n4
#     | p1 (VLAN 0)        | p2           | p3 (v10)     | p4 (tr: trunk 10,20,30
#   n0: sw0 ------------------------------------------------   native 30)
#        |  up1, up2: team policy lacp        sw1: bu1 bu2 bu3, team
#   n9: bond0 (802.3ad) of up1p, up2p           | failover, detect beacon
#       (the fuzzer on up1p)                n8: br0 of bu1p bu2p bu3p
#                                               (the fuzzer on bu1p)
#
# VSW_FUZZ_SEED sets the seed (default random, printed), VSW_WIRE_N the
# frames per port (default 1500).
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"
# shellcheck source=lib-team.sh
source "$(dirname "$0")/lib-team.sh"

FUZZ=$VSW_ROOT/selftests/fuzz/vsw-wire-fuzz
N=${VSW_WIRE_N:-1500}
SEED=${VSW_FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
[[ -x $FUZZ ]] || skip_all "$FUZZ not built (make -C selftests/fuzz)"

setup_ns 0
add_switch sw0
add_pg sw0 v10 vlan 10
add_pg sw0 tr trunk 10,20,30 native 30
add_vm 1 sw0
add_vm 2 sw0
add_veth 3 p3
setup ip -n "$NS0" link set dev p3 mtu 9000
setup ip -n "$NS3" link set dev eth0 mtu 9000
setup vsw port add sw0 p3 portgroup v10
add_veth 4 p4
setup vsw port add sw0 p4 portgroup tr

setup_ns 9
team_partner sw0 9 mode 802.3ad lacp_rate fast miimon 100
setup vsw team set sw0 policy lacp

add_switch sw1
phys_bridge 8
for i in 1 2 3; do
	team_uplink sw1 "bu$i" 8
done
setup vsw team set sw1 policy failover
setup vsw team set sw1 detect beacon

sw0mac=$(dev_mac 0 sw0)
sw1mac=$(dev_mac 0 sw1)
bondmac=$(dev_mac 9 bond0)
bu2idx=$(n0 cat /sys/class/net/bu2/ifindex)

lacp_up()
{
	team_jq -t "len(j['uplinks']) == 2 and all(u['state'] == 'active' and
		u['lacp']['partner_system'] == '$bondmac' and
		{'collecting', 'distributing', 'synchronization'} <= set(u['lacp']['actor_state']) and
		{'collecting', 'distributing', 'synchronization'} <= set(u['lacp']['partner_state'])
		for u in j['uplinks'])" sw0
}
all_heard() { team_jq -t "[u['beacon'] for u in j['uplinks']] == [True] * 3" sw1; }
beacon_states() { policy_states sw1; }
setup wait_for 20 lacp_up
setup wait_for 10 all_heard
beacons_before=$(beacon_states)
setup ip -n "$NS3" addr add 192.0.2.3/24 dev eth0
setup ip -n "$NS4" link add link eth0 name eth0.10 type vlan id 10
setup ip -n "$NS4" addr add 192.0.2.4/24 dev eth0.10
setup ip -n "$NS4" link set dev eth0.10 up
check "vm1 -> vm2 before the fuzzing" ping_ok 1 192.0.2.2
check "vm3 (access v10) -> vm4 (trunk, tagged 10) before the fuzzing" ping_ok 3 192.0.2.4
diag "setup done after $SECONDS s"

__DELTA_PY='
import json, sys
old = {p["name"]: p["stats"] for p in json.load(open(sys.argv[1]))}
new = {p["name"]: p["stats"] for p in json.load(sys.stdin)}
def val(st, key):
    if key in st:
        return st[key]
    return st.get("drops", {}).get(key, 0)
out = []
for key in sys.argv[3:]:
    if key == "mtu_all":
        out.append(sum(val(new[p], "mtu") - val(old.get(p, {}), "mtu") for p in new))
    else:
        out.append(val(new[sys.argv[2]], key) - val(old[sys.argv[2]], key))
print(" ".join(str(v) for v in out))
'

# deltas PORT KEY...: the growth of each counter of PORT (a stats field, or
# a drop reason's JSON name; mtu_all: mtu drops of every port) since the
# fuzzer started, space-separated.
deltas()
{
	local port=$1
	shift
	vsw -j -s port show | "$PYTHON" -S -c "$__DELTA_PY" "$TMPD/stats.json" "$port" "$@"
}

# wire_fuzz N DEV ARGS...: the fuzzer in nN out of DEV, N frames; its report
# in $TMPD/DEV.out (and the TAP stream). K: its invalid-source frames.
wire_fuzz()
{
	local n=$1 dev=$2 rc t0=$SECONDS
	shift 2
	vsw -j -s port show >"$TMPD/stats.json"
	ip netns exec "$PFX-$n" "$FUZZ" -i "$dev" -s "$SEED" -n "$N" -q "$@" \
		>"$TMPD/$dev.out" 2>&1
	rc=$?
	diag "fuzzer on $dev: exit $rc after $((SECONDS - t0)) s"
	sed 's/^/#   /' "$TMPD/$dev.out"
	K=$(sed -nE 's/.* invalid_source ([0-9]+).*/\1/p' "$TMPD/$dev.out")
	sent=$(sed -nE 's/^total sent ([0-9]+) .*/\1/p' "$TMPD/$dev.out")
	if ((rc == 0)) && [[ -n $K && -n $sent ]] && ((sent > N / 2)); then
		pass "$dev: the fuzzer sent $sent frames (seed $SEED)"
	else
		fail "$dev: the fuzzer sent $sent frames (seed $SEED)" "exit $rc"
		K=0
	fi
}

# counted PORT DESC KEY... : "rx_packets > 0, invalid_source >= K, each
# further KEY > 0" in one query.
counted()
{
	local port=$1 desc=$2 d
	shift 2
	d=$(deltas "$port" rx_packets invalid_source "$@")
	local ok=0 v rx inv
	if [[ $d =~ ^-?[0-9]+( -?[0-9]+)+$ ]]; then
		# shellcheck disable=SC2086 # word splitting wanted
		set -- $d
		rx=$1 inv=$2 ok=1
		shift 2
		((rx > 0 && inv >= K)) || ok=0
		for v in "$@"; do
			((v > 0)) || ok=0
		done
	fi
	if ((ok)); then
		pass "$desc"
	else
		fail "$desc" "deltas (rx_packets invalid_source ...): $d, invalid-source frames sent: $K"
	fi
	diag "$port deltas: $d"
}

diag "seed $SEED (VSW_FUZZ_SEED=$SEED reproduces it), $N frames per port"

wire_fuzz 1 eth0 -b "$sw0mac" -V 10 -V 30
counted p1 "VLAN-0 port p1: rx counted, invalid-source >= the source class's, vlan drops" vlan

wire_fuzz 3 eth0 -b "$sw0mac" -V 10 -V 20
counted p3 "access port p3 (VLAN 10): rx counted, invalid-source, vlan drops" vlan
check_num "... its jumbo frames dropped as mtu on the 1500-byte ports" -gt 0 deltas p3 mtu_all

wire_fuzz 4 eth0 -b "$sw0mac" -V 10 -V 20 -V 30 -V 40
counted p4 "trunk port p4 (10,20,30 native 30): rx counted, invalid-source, vlan drops" vlan

wire_fuzz 9 up1p -b "$sw0mac" -V 10 -V 20 -V 30
counted up1 "LACP uplink up1, from the partner's side: rx counted, invalid-source, vlan drops" vlan

wire_fuzz 8 bu1p -b "$sw1mac" -x "$bu2idx"
counted bu1 "beacon uplink bu1: rx counted, invalid-source, vlan drops" vlan

wire_fuzz 0 sw0 -b "$sw0mac" -V 10 -V 30
counted sw0 "host port (sent on sw0): rx counted, invalid-source, vlan, malformed, link-local drops" \
	vlan malformed link_local

# ---- afterwards --------------------------------------------------------------

diag "fuzzing done after $SECONDS s"

# bad_fdb SW: learned entries of a group or zero address, of the switch's
# address in the host's VLAN (0: its local entry's), or in a VLAN their port
# is not in ("MAC/VLAN/PORT" each, empty if none). In other VLANs the
# switch's address is nobody's: whoever uses it there is learned.
bad_fdb()
{
	vsw_jq "' '.join('%s/%s/%s' % (e['mac'], e['vlan'], e['port']) for e in j
		if not e['static'] and not e.get('local', False) and (
		int(e['mac'][:2], 16) & 1 or e['mac'] == '00:00:00:00:00:00' or
		(e['mac'].lower() in ('$sw0mac', '$sw1mac') and e['vlan'] == 0) or
		(e['port'] in ('p1', 'p2', 'sw0', 'sw1') and e['vlan'] != 0) or
		(e['port'] == 'p3' and e['vlan'] != 10) or
		(e['port'] == 'p4' and e['vlan'] not in (10, 20, 30))))" fdb show "$1"
}
check_eq "sw0's FDB: nothing learned from a group, zero or (in VLAN 0) switch source, nor outside a port's VLANs" \
	"" bad_fdb sw0
check_eq "sw1's FDB: likewise" "" bad_fdb sw1
diag "learned: sw0 $(fdb_learned sw0), sw1 $(fdb_learned sw1)"
sw_local() { vsw_jq "[(e['port'], e['local']) for e in j if e['mac'].lower() == '$sw0mac' and e['vlan'] == 0]" fdb show sw0; }
check_eq "sw0's own address (VLAN 0) is still local on sw0" '[["sw0", true]]' sw_local

check_wait "the LACP aggregate is whole again, partner bond0 on both links (within 15 s)" 15 lacp_up
check_wait "the beacon team hears beacons on every uplink (within 8 s)" 8 all_heard
check_eq "... and its states are as before: $beacons_before" "$beacons_before" beacon_states

check "vm1 -> vm2 after the fuzzing (p1 was fuzzed)" ping_ok 1 192.0.2.2
check "vm3 (access v10) -> vm4 (trunk, tagged 10) after (both were fuzzed)" ping_ok 3 192.0.2.4
if ((__nfail)); then
	diag "sw0's FDB for vm3 and vm4: $(vsw_jq "[(e['mac'], e['vlan'], e['port']) for e in j if e['mac'].lower() in ('$(vm_mac 3)', '$(vm_mac 4)')]" fdb show sw0)"
	diag "n3's neighbours: $(n3 ip neigh show | xargs)"
fi

check "rmmod vsw" vsw_rmmod
check_not "vsw is gone" kmod_loaded

finish
