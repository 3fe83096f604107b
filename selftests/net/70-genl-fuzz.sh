#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The vsw Generic Netlink family under fuzzing (selftests/fuzz/vsw-genl-fuzz):
# random, truncated, nested, out-of-range and mutated requests of every
# command, first as root, then as an unprivileged user (every change
# refused with EPERM, nothing changes). Afterwards the module still
# switches frames, every object still dumps as JSON, rmmod works and the
# kernel log is clean.
#
#   n0 (fuzzed): sw0  port groups v10 (VLAN 10), tr (trunk 10,20,30
#                     native 10); vp1 (v10), vp2 (tr), vp3 (uplink), vp4
#                     (not a port); VNI 100 on VLAN 10, local 198.51.100.1;
#                     the dummy ul0 has it and 2001:db8:1::1 (the VTEP
#                     addresses the templates use)
#   n1..n4: the peers (eth0) of vp1..vp4
#   n5: swp <- p6 -- n6 (192.0.2.6)    p7 -- n7 (192.0.2.7)   after the
#       fuzzing: the ping that shows the module still works
#
# The seeds are printed, and written to the kernel log by the fuzzer itself.
# VSW_FUZZ_SEED (passed in by run-vm.sh) sets the second root run's seed
# (default random) and VSW_FUZZ_N the requests of the first (default 100000; the second sends
# half, the unprivileged run a fifth).
#
# The loops over switches run in n0 as single-quoted scripts:
# shellcheck disable=SC2016
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

FUZZ=$VSW_ROOT/selftests/fuzz/vsw-genl-fuzz
FIXED_SEED=20261121
N=${VSW_FUZZ_N:-100000}
SEED=${VSW_FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
[[ -x $FUZZ ]] || skip_all "$FUZZ not built (make -C selftests/fuzz)"

setup_ns 0
add_switch sw0
setup vsw portgroup add sw0 v10 vlan 10
setup vsw portgroup add sw0 tr trunk 10,20,30 native 10
for i in 1 2 3 4; do
	add_veth "$i" "vp$i"
done
setup vsw port add sw0 vp1 portgroup v10
setup vsw port add sw0 vp2 portgroup tr
setup vsw uplink add sw0 vp3
setup ip -n "$NS0" link add ul0 type dummy
setup ip netns exec "$NS0" sysctl -qw net.ipv6.conf.ul0.disable_ipv6=0
setup ip -n "$NS0" addr add 198.51.100.1/24 dev ul0
setup ip -n "$NS0" addr add 2001:db8:1::1/64 dev ul0 nodad
setup ip -n "$NS0" link set ul0 up
setup vsw vxlan add sw0 vni 100 vlan 10 local 198.51.100.1 remote 198.51.100.2
setup vsw fdb add sw0 "$(doc_mac 1)" port vp1 vlan 10

# What the templates name: the switches (sw0 and the fuzzer's own), the
# devices, the port groups (and one that does not exist yet), the VTEP
# addresses and the VNI.
ENV_ARGS=(-S sw0 -S fz0 -S fz1 -P vp1 -P vp2 -P vp3 -P vp4 -P ul0
	-G default -G v10 -G tr -G fzpg -L 198.51.100.1 -L 2001:db8:1::1 -V 100)

# fuzz NAME DESC CMD...: one run in n0, passed when the fuzzer exits 0
# (every reply well-formed; with -u every change refused with EPERM). Its
# report goes to $TMPD/NAME.out and, as diagnostics, to the TAP stream.
fuzz()
{
	local name=$1 desc=$2 rc t0=$SECONDS
	shift 2
	n0 "$@" "${ENV_ARGS[@]}" -K 25000 >"$TMPD/$name.out" 2>&1
	rc=$?
	diag "$name: exit $rc after $((SECONDS - t0)) s"
	sed 's/^/#   /' "$TMPD/$name.out" | head -30
	if ((rc == 0)); then pass "$desc"; else fail "$desc" "exit $rc"; fi
}

# field NAME KEY: the number after KEY in run NAME's report.
field()
{
	grep -oE "$2 [0-9]+" "$TMPD/$1.out" | head -1 | grep -oE '[0-9]+$'
}

sent_at_least()
{
	local got
	got=$(sed -nE 's/^sent ([0-9]+) requests.*/\1/p' "$TMPD/$1.out")
	[[ -n $got ]] && ((got >= $2))
}

# ---- as root ---------------------------------------------------------------

diag "fixed seed $FIXED_SEED, random seed $SEED (VSW_FUZZ_SEED=$SEED reproduces it)"
fuzz root-fixed "root, seed $FIXED_SEED: $N requests, every reply well-formed" \
	"$FUZZ" -s "$FIXED_SEED" -n "$N"
check "root, seed $FIXED_SEED: all $N sent" sent_at_least root-fixed "$N"
# A fuzzer whose requests all bounce reaches no handler's inside.
check_num "root, seed $FIXED_SEED: some changes were accepted" -gt 0 \
	field root-fixed "changes accepted"
check_num "root, seed $FIXED_SEED: dumps and GETs answered" -gt 0 field root-fixed parsed
fuzz root-random "root, seed $SEED, template mutations only: every reply well-formed" \
	"$FUZZ" -s "$SEED" -n "$((N / 2))" -t
check "root, seed $SEED: all $((N / 2)) sent" sent_at_least root-random "$((N / 2))"

# ---- unprivileged ----------------------------------------------------------

# The fuzzer leaves switches of any name behind (a dozen or two): every
# pass over them below is one shell in n0 running vswctl per switch, since
# each netns exec, and each Python, costs a good part of a second in TCG.

# switches: SWS, the names of all switches as the kernel has them. Not from
# JSON, where a name that is not UTF-8 comes out with U+FFFD and would then
# name no switch; "switch list" prints the bytes (a device name has no
# whitespace, so one per line).
switches()
{
	mapfile -t SWS < <(vsw switch list)
}

# in_n0 SCRIPT SWITCH...: SCRIPT run by bash in n0, "$@" the switches
# (the callers' single-quoted scripts expand in that shell).
in_n0()
{
	local script=$1
	shift
	n0 env VSWCTL="$VSWCTL" bash -c "$script" in_n0 "$@"
}

# Back to a quiet state: no timers or probes that move state on their own
# between the snapshots (beacons, LACP, ageing).
switches
in_n0 'for sw; do
	"$VSWCTL" team set "$sw" policy port-id detect link
	"$VSWCTL" switch set "$sw" ageing 300
done >/dev/null 2>&1' "${SWS[@]}"

# vsw_snapshot (switches, ports, fdb, links) of every switch, and their
# port groups, teams and VNIs.
full_snapshot()
{
	switches
	{
		in_n0 '"$VSWCTL" -j switch show; "$VSWCTL" -j port show
		for sw; do
			"$VSWCTL" -j fdb show "$sw"
			"$VSWCTL" -j portgroup show "$sw"
			"$VSWCTL" -j team show "$sw"
			"$VSWCTL" -j vxlan show "$sw"
		done
		ip -o link show' "${SWS[@]}" 2>&1
	} | sed -E 's/"age": *[0-9]+/"age":_/g'
}

if command -v setpriv >/dev/null && n0 setpriv --reuid=65534 --regid=65534 \
		--clear-groups --inh-caps=-all -- "$FUZZ" -h >/dev/null 2>&1; then
	UNPRIV=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --)
	who=nobody
elif command -v capsh >/dev/null; then
	UNPRIV=(capsh --drop=cap_net_admin -- -c 'exec "$@"' unpriv)
	who="root without CAP_NET_ADMIN"
else
	UNPRIV=()
fi

if [[ ${#UNPRIV[@]} -gt 0 ]]; then
	before=$(full_snapshot)
	fuzz unpriv "$who, seed $SEED: every change refused with EPERM" \
		"${UNPRIV[@]}" "$FUZZ" -u -s "$SEED" -n "$((N / 5))"
	check_num "$who: no change accepted" -eq 0 field unpriv "changes accepted"
	after=$(full_snapshot)
	if [[ $before == "$after" ]]; then
		pass "$who: nothing changed (switches, ports, fdb, port groups, teams, VNIs)"
	else
		fail "$who: nothing changed (switches, ports, fdb, port groups, teams, VNIs)" \
			"$(diff <(echo "$before") <(echo "$after") | head -20)"
	fi
else
	skip "unprivileged fuzzing" "neither setpriv nor capsh"
fi

# ---- afterwards --------------------------------------------------------------

# Every object still dumps, as JSON that parses.
parses()
{
	vsw -j "$@" | jq_py -t 'isinstance(j, list)'
}
check "switch show -j parses" parses switch show
check "port show -j parses" parses port show
check "port show -s -j parses" parses -s port show

# every_switch_parses OBJECT: "vswctl -j OBJECT show SW" of every switch is a
# JSON list; one line per switch, parsed by one Python. A switch's name
# makes a poor test name (the fuzzer's are of any bytes): one check each.
# vswctl passes such names through as they are, not as UTF-8, which is
# not this test's concern (surrogateescape).
every_switch_parses()
{
	local obj=$1
	in_n0 'obj=$1; shift
	for sw; do "$VSWCTL" -j "$obj" show "$sw" | tr -d "\n"; echo; done' \
		"$obj" "${SWS[@]}" >"$TMPD/$obj.json" || return 1
	"$PYTHON" -S -c '
import json, sys
lines = open(sys.argv[1], "rb").read().split(b"\n")[:-1]
def ok(l):
    return isinstance(json.loads(l.decode("utf-8", "surrogateescape") or "null"), list)
bad = [i for i, l in enumerate(lines) if not ok(l)]
if len(lines) != int(sys.argv[2]) or bad:
    print("%d outputs for %s switches, not lists: %s" % (len(lines), sys.argv[2], bad))
    sys.exit(1)
' "$TMPD/$obj.json" "${#SWS[@]}"
}
switches
diag "${#SWS[@]} switches after the fuzzing: ${SWS[*]}"
check "every switch: fdb show -j parses" every_switch_parses fdb
check "every switch: vxlan show -j parses" every_switch_parses vxlan
check "every switch: portgroup show -j parses" every_switch_parses portgroup
check "every switch: team show -j parses" every_switch_parses team

# The module still switches: a new switch in a netns of its own.
VSW_HOST=5 setup_ns 5
VSW_HOST=5 add_switch swp
VSW_HOST=5 add_vm 6 swp
VSW_HOST=5 add_vm 7 swp
check "a ping through a new switch after the fuzzing" ping_ok 6 192.0.2.7
check "... and back" ping_ok 7 192.0.2.6

# rmmod with whatever the fuzzer left behind (switches, ports, VNIs and
# their sockets, teams) still in place.
check "rmmod vsw with the fuzzed state in place" vsw_rmmod
check_not "vsw is gone" kmod_loaded

finish
