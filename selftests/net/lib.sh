#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lib.sh: helpers for the vsw selftests. Source it; it is not a test.
#
# Every test script builds its topology out of network namespaces named with a
# per-script prefix, so scripts never see each other's devices and cleanup is
# "delete my namespaces". Namespace N is "$PFX-N"; the function nN runs a
# command inside it (WireGuard's netns.sh style) and $NSN holds its name.
# n0 is the "host": it holds the switches; VMs are n1, n2, ... whose eth0 is
# the peer of the port device pN in the host.
#
# TAP (kselftest style), one line per check:
#	pass DESC | fail DESC [DIAG...] | skip DESC REASON | diag TEXT...
#	check DESC CMD...            CMD exits 0
#	check_not DESC CMD...        CMD exits non-zero (a predicate that must be false)
#	check_eq DESC WANT CMD...    CMD's stdout (trimmed) is WANT
#	check_num DESC OP N CMD...   CMD's stdout is a number and "out OP N" holds
#	                             (OP: -eq -ne -lt -le -gt -ge)
#	check_wait DESC SECS CMD...  CMD becomes true within SECS seconds
#	check_fail DESC SUBSTR CMD...  CMD fails, stderr has an "Error: " line
#	                             containing SUBSTR (case-insensitive; "" = any)
#	check_refused DESC SUBSTR CMD...  check_fail, and vsw_snapshot is the
#	                             same after as before; with SUBSTR "" the message
#	                             must also be more than a bare strerror()
#	finish                       dmesg check, plan, totals, exit 0/1/4
#	skip_all REASON              nothing can run: "1..0 # SKIP", exit 4
#	require_cmd TOOL...          skip_all when a tool is missing
#
# Polling: wait_for SECS CMD... (0 as soon as CMD succeeds, 1 on timeout).
#
# Topology:
#	setup_ns N...                namespaces $PFX-N, lo up, IPv6 off (quiet
#	                             links: counters only move with our traffic)
#	add_switch NAME [ARGS...]    "vswctl switch add" in the host netns, link up
#	add_vm N SWITCH [NET]        netns N, veth pN (host side, a port of SWITCH)
#	                             <-> eth0 (in nN, address NET.N/24, default
#	                             NET 192.0.2); host netns is $VSW_HOST (0)
#	add_veth N DEV               a veth DEV in the host netns whose peer is
#	                             eth0 in a new netns N; not attached
#	vsw ARGS...                  vswctl in the host netns
#	vswn N ARGS...               vswctl in netns N
#	run_bg N CMD...              CMD in netns N in the background, killed on
#	                             exit; its pid in $BG_PID; output appended
#	                             to $BG_OUT (default $TMPD/bg.log)
#	stop_bg PID
#	setup CMD...                 a setup step: on failure "not ok", exit 1
#
# Queries:
#	jq_py EXPR                   evaluate Python EXPR on the JSON from stdin
#	                             (j = the document; where(lst, k=v...),
#	                             first(lst, k=v...): string values compare
#	                             case-insensitively); prints str/number raw,
#	                             true/false/null, lists and dicts as JSON
#	jq_py -t EXPR                exit 0 when EXPR is truthy, 1 otherwise
#	vsw_jq EXPR ARGS...          vsw -j ARGS | jq_py EXPR (likewise vsw_jq -t)
#	sw_field SW FIELD            a field of "switch show SW"
#	port_field DEV FIELD [SW]    a field of DEV's "port show" object
#	port_stat DEV COUNTER [SW]   a counter of DEV's "-s port show" stats
#	fdb_port SW MAC [VLAN]       the port of an fdb entry, "none" if absent
#	fdb_is SW MAC PORT [VLAN]    predicate: the entry is on PORT ("none": absent)
#	fdb_learned SW               number of learned (not static/local) entries
#	dev_stat N DEV COUNTER       /sys/class/net/DEV/statistics/COUNTER in nN
#	dev_mac N DEV, vm_mac N      a device's address
#	dev_master N DEV             master of DEV in nN, "none" if it has none
#	dev_exists N DEV
#	link_kind N DEV              rtnetlink kind of DEV ("vsw", "veth", null)
#	doc_mac I                    00:00:5e:00:53:II (RFC 7042 documentation MAC)
#	neigh N IP MAC               permanent neighbour entry on eth0 of nN (so a
#	                             ping sends no ARP)
#	ping_ok N ADDR [ARGS]        3 echo replies within 10 s
#	raw_send N DEV DST SRC...    one Ethernet frame (type 0x88b5) per SRC MAC
#	vsw_snapshot                 switches, ports, fdbs ($SNAP_SWITCHES) and
#	                             links of the host netns, ages and counters out
#	kmod_loaded, vsw_rmmod       module state; a script that unloads the module
#	                             gets it loaded again on exit
#
# TCP (socat):
#	tcp_serve N PORT             a server in nN (background, killed on exit)
#	                             that answers each connection to PORT with
#	                             "peer ADDR", the client address it sees;
#	                             returns once it listens
#	tcp_peer N ADDR PORT         connect from nN to ADDR:PORT; print the ADDR
#	                             the server saw (fails when no answer: NAT
#	                             and firewall tests read the source off it)

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
	echo "TAP version 13"
	echo "1..0 # SKIP lib.sh is sourced by the tests, it is not a test"
	exit 4
fi

set -u
set -o pipefail

VSW_ROOT=${VSW_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
if [[ -z ${VSWCTL:-} ]]; then
	if [[ -x $VSW_ROOT/cli/vswctl ]]; then
		VSWCTL=$VSW_ROOT/cli/vswctl
	else
		VSWCTL=vswctl
	fi
fi
GENL_CLIENT=${GENL_CLIENT:-$VSW_ROOT/selftests/tools/vsw-genl-client}
# The system interpreter starts fastest (no pyenv shims); -S skips site.
if [[ -z ${PYTHON:-} ]]; then
	if [[ -x /usr/bin/python3 ]]; then PYTHON=/usr/bin/python3; else PYTHON=python3; fi
fi

TEST_NAME=$(basename "$0" .sh)
PFX="vsw-$TEST_NAME-$$"
VSW_HOST=${VSW_HOST:-0}
SNAP_SWITCHES=${SNAP_SWITCHES:-sw0}
TMPD=$(mktemp -d "/tmp/$PFX.XXXXXX")
# Predeclared so scripts can use them; set by setup_ns.
# shellcheck disable=SC2034
NS0='' NS1='' NS2='' NS3='' NS4='' NS5='' NS6='' NS7='' NS8='' NS9=''
BG_PID=''

__ntest=0
__npass=0
__nfail=0
__nskip=0
__finished=0
__rmmod_used=0
__namespaces=()
__switches=()
__bg_pids=()

__kmsg_mark=''

# ---- TAP -----------------------------------------------------------------

diag()
{
	local l
	for l in "$@"; do
		printf '%s\n' "$l" | sed 's/^/# /'
	done
}

# Print a file (command output) as diagnostics, at most 40 lines.
__diag_file()
{
	[[ -s $1 ]] || return 0
	sed -n '1,40s/^/#   /p' "$1"
	local n
	n=$(wc -l <"$1")
	((n > 40)) && echo "#   ... ($n lines)"
	return 0
}

pass()
{
	__ntest=$((__ntest + 1))
	__npass=$((__npass + 1))
	echo "ok $__ntest $1"
}

fail()
{
	__ntest=$((__ntest + 1))
	__nfail=$((__nfail + 1))
	echo "not ok $__ntest $1"
	shift
	[[ $# -gt 0 ]] && diag "$@"
	return 0
}

skip()
{
	__ntest=$((__ntest + 1))
	__nskip=$((__nskip + 1))
	echo "ok $__ntest $1 # SKIP ${2:-}"
}

skip_all()
{
	echo "1..0 # SKIP $*"
	__finished=1
	exit 4
}

require_cmd()
{
	local t
	for t in "$@"; do
		command -v "$t" >/dev/null 2>&1 || skip_all "$t not installed"
	done
}

# A setup step that must work for the rest of the script to mean anything.
setup()
{
	if ! "$@" >"$TMPD/setup.out" 2>&1; then
		fail "setup: $*"
		__diag_file "$TMPD/setup.out"
		exit 1
	fi
}

check()
{
	local desc=$1 rc
	shift
	"$@" >"$TMPD/out" 2>&1
	rc=$?
	if ((rc == 0)); then
		pass "$desc"
	else
		fail "$desc" "command: $* (exit $rc)"
		__diag_file "$TMPD/out"
	fi
}

check_not()
{
	local desc=$1 rc
	shift
	"$@" >"$TMPD/out" 2>&1
	rc=$?
	if ((rc != 0)); then
		pass "$desc"
	else
		fail "$desc" "command unexpectedly true: $*"
		__diag_file "$TMPD/out"
	fi
}

# A mismatch is re-read for up to 3 s before it fails: frames cross the
# veth backlogs asynchronously, and under emulation the last frame of a
# burst may still be queued when its sender exits. Expected-zero checks
# come after the positive ones they pair with, which did wait.
check_eq()
{
	local desc=$1 want=$2 got rc tries=15
	shift 2
	while :; do
		got=$("$@" 2>"$TMPD/err")
		rc=$?
		if ((rc == 0)) && [[ $got == "$want" ]] || ((--tries == 0)); then
			break
		fi
		sleep 0.2
	done
	if ((rc == 0)) && [[ $got == "$want" ]]; then
		pass "$desc"
	else
		fail "$desc" "command: $* (exit $rc)" "expected: $want" "got: $got"
		__diag_file "$TMPD/err"
	fi
}

check_num()
{
	local desc=$1 op=$2 want=$3 got rc
	shift 3
	got=$("$@" 2>"$TMPD/err")
	rc=$?
	if ((rc == 0)) && [[ $got =~ ^-?[0-9]+$ ]] && test "$got" "$op" "$want"; then
		pass "$desc"
	else
		fail "$desc" "command: $* (exit $rc)" "expected: value $op $want" "got: $got"
		__diag_file "$TMPD/err"
	fi
}

wait_for()
{
	local secs=$1 end
	shift
	end=$((SECONDS + secs))
	while :; do
		"$@" >/dev/null 2>&1 && return 0
		((SECONDS >= end)) && return 1
		sleep 0.2
	done
}

check_wait()
{
	local desc=$1 secs=$2
	shift 2
	if wait_for "$secs" "$@"; then
		pass "$desc"
	else
		# Once more, for the diagnostics.
		"$@" >"$TMPD/out" 2>&1
		fail "$desc" "not true within ${secs}s: $*"
		__diag_file "$TMPD/out"
	fi
}

# Run CMD expecting failure; sets __why to what was wrong ("" if nothing).
__expect_error()
{
	local substr=$1 rc
	shift
	__why=''
	"$@" >"$TMPD/fout" 2>"$TMPD/ferr"
	rc=$?
	if ((rc == 0)); then
		__why="succeeded, expected a failure"
	elif ! grep -q '^Error: ' "$TMPD/ferr"; then
		__why="exit $rc but no \"Error: \" line on stderr"
	elif [[ -n $substr ]] && ! grep '^Error: ' "$TMPD/ferr" | grep -qiF -- "$substr"; then
		__why="error message lacks \"$substr\""
	fi
}

check_fail()
{
	local desc=$1 substr=$2
	shift 2
	__expect_error "$substr" "$@"
	if [[ -z $__why ]]; then
		pass "$desc"
	else
		fail "$desc" "command: $*" "$__why"
		__diag_file "$TMPD/ferr"
		__diag_file "$TMPD/fout"
	fi
}

# strerror() texts: a refusal of bad input explains itself (extack) instead.
__BARE_ERRNO='^Error: (Invalid argument|No such device|Operation not supported|Device or resource busy|File exists|Numerical result out of range|No such file or directory|Too many links|Unknown error [0-9]+|Protocol not supported)\.?$'

check_refused()
{
	local desc=$1 substr=$2 before after
	shift 2
	before=$(vsw_snapshot)
	__expect_error "$substr" "$@"
	after=$(vsw_snapshot)
	if [[ -z $__why && -z $substr ]] && grep -qE "$__BARE_ERRNO" "$TMPD/ferr"; then
		__why="bare errno text, no explanation (extack) of what was refused"
	fi
	if [[ -z $__why && $before != "$after" ]]; then
		__why="state changed"
		diff <(echo "$before") <(echo "$after") >"$TMPD/fout"
	fi
	if [[ -z $__why ]]; then
		pass "$desc"
		sed -n '1s/^/#   /p' "$TMPD/ferr"
	else
		fail "$desc" "command: $*" "$__why"
		__diag_file "$TMPD/ferr"
		__diag_file "$TMPD/fout"
	fi
}

__kernel_warnings()
{
	[[ -n $__kmsg_mark ]] || return 1
	# The second pattern: slub_debug, KFENCE and page poisoning (make
	# check-slub) and UBSAN (make check-debug), which report without a
	# WARN; as in guest-run.sh.
	dmesg 2>/dev/null | awk -v m="$__kmsg_mark" 'index($0, m) { on = 1; next } on' |
		grep -E -e 'WARNING:|BUG:|Oops|refcount_t|leak|unregister_netdevice: waiting' \
			-e 'BUG [^ ]+ \(|FIX [^ ]+:|KFENCE|pagealloc: |overwritten|Redzone|Objects remaining|Object already free|Freepointer corrupt|UBSAN'
}

finish()
{
	if [[ -n $__kmsg_mark ]]; then
		local w
		if w=$(__kernel_warnings); then
			fail "no kernel warnings during $TEST_NAME"
			printf '%s\n' "$w" | head -20 | sed 's/^/#   /'
		else
			pass "no kernel warnings during $TEST_NAME"
		fi
	fi
	__finished=1
	echo "1..$__ntest"
	echo "# Totals: pass:$__npass fail:$__nfail xfail:0 xpass:0 skip:$__nskip error:0"
	if ((__nfail > 0)); then
		exit 1
	fi
	# Nothing but the dmesg check passed: everything was skipped.
	local real=$__npass
	[[ -n $__kmsg_mark ]] && real=$((real - 1))
	((real <= 0)) && exit 4

	exit 0
}

__cleanup()
{
	local rc=$? pid i ns
	if ((!__finished)); then
		# Died early (setup failed, signal, set -u): still a complete TAP.
		echo "1..$__ntest"
		echo "# Totals: pass:$__npass fail:$__nfail xfail:0 xpass:0 skip:$__nskip error:1"
		((rc == 0)) && rc=1
	fi
	for pid in "${__bg_pids[@]}"; do
		kill -9 "$pid" 2>/dev/null
	done
	for ((i = ${#__switches[@]} - 1; i >= 0; i--)); do
		ip -n "${__switches[i]%%/*}" link del "${__switches[i]#*/}" 2>/dev/null
	done
	for ((i = ${#__namespaces[@]} - 1; i >= 0; i--)); do
		ns=${__namespaces[i]}
		[[ -e /run/netns/$ns ]] || continue
		# Our own background processes keep a namespace alive.
		for pid in $(ip netns pids "$ns" 2>/dev/null); do
			kill -9 "$pid" 2>/dev/null
		done
		ip netns del "$ns" 2>/dev/null
	done
	if ((__rmmod_used)) && ! kmod_loaded; then
		modprobe vsw || echo "# cleanup: modprobe vsw failed"
	fi
	rm -rf "$TMPD"
	exit "$rc"
}
trap __cleanup EXIT
trap 'exit 130' INT TERM

# ---- namespaces and devices ----------------------------------------------

setup_ns()
{
	local n ns
	for n in "$@"; do
		ns=$PFX-$n
		setup ip netns add "$ns"
		__namespaces+=("$ns")
		printf -v "NS$n" '%s' "$ns"
		eval "n$n() { ip netns exec \"$ns\" \"\$@\"; }"
		setup ip -n "$ns" link set dev lo up
		setup ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
			net.ipv6.conf.default.disable_ipv6=1
	done
}

# Forget a namespace the script deleted itself.
forget_ns()
{
	local i
	for i in "${!__namespaces[@]}"; do
		[[ ${__namespaces[i]} == "$PFX-$1" ]] && unset '__namespaces[i]'
	done
	__namespaces=("${__namespaces[@]}")
}

ns_of()
{
	echo "$PFX-$1"
}

vsw()
{
	ip netns exec "$PFX-$VSW_HOST" "$VSWCTL" "$@"
}

vswn()
{
	local n=$1
	shift
	ip netns exec "$PFX-$n" "$VSWCTL" "$@"
}

add_switch()
{
	local name=$1
	shift
	setup vsw switch add "$name" "$@"
	__switches+=("$PFX-$VSW_HOST/$name")
	setup ip -n "$PFX-$VSW_HOST" link set dev "$name" up
}

# Remember a switch created some other way (ip link add), for cleanup.
track_switch()
{
	__switches+=("$PFX-$VSW_HOST/$1")
}

add_veth()
{
	local n=$1 dev=$2 host=$PFX-$VSW_HOST
	[[ -e /run/netns/$PFX-$n ]] || setup_ns "$n"
	setup ip -n "$host" link add name "$dev" type veth peer name eth0 netns "$PFX-$n"
	setup ip -n "$host" link set dev "$dev" up
	setup ip -n "$PFX-$n" link set dev eth0 up
	# Neighbours stay REACHABLE for the whole test: no unicast ARP probe
	# of a going-stale entry lands in a window a test counts frames in.
	setup ip netns exec "$PFX-$n" sysctl -qw \
		net.ipv4.neigh.eth0.base_reachable_time_ms=3600000
}

add_vm()
{
	local n=$1 sw=$2 net=${3:-192.0.2}
	add_veth "$n" "p$n"
	setup ip -n "$PFX-$n" addr add "$net.$n/24" dev eth0
	setup vsw port add "$sw" "p$n"
}

run_bg()
{
	local n=$1
	shift
	ip netns exec "$PFX-$n" "$@" >>"${BG_OUT:-$TMPD/bg.log}" 2>&1 &
	BG_PID=$!
	__bg_pids+=("$BG_PID")
}

# TERM, then KILL: a signal that lands while the child is still between
# fork and exec can stay pending (blocked) in it.
stop_bg()
{
	local i
	kill "$1" 2>/dev/null
	for i in 1 2 3 4 5 6 7 8 9 10; do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.2
	done
	kill -9 "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}

# ---- queries ---------------------------------------------------------------

__JQ_PY='
import sys, json
test = sys.argv[1] == "-t"
expr = sys.argv[2] if test else sys.argv[1]
raw = sys.stdin.read()
try:
    j = json.loads(raw)
except ValueError as e:
    sys.stderr.write("jq_py: not JSON (%s): %r\n" % (e, raw[:300]))
    sys.exit(2)
def _eq(a, b):
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    return a == b
def where(lst, **kw):
    return [o for o in (lst or []) if isinstance(o, dict) and
            all(k in o and _eq(o[k], v) for k, v in kw.items())]
def first(lst, **kw):
    r = where(lst, **kw)
    return r[0] if r else None
try:
    r = eval(expr, {"j": j, "where": where, "first": first, "json": json})
except Exception as e:
    sys.stderr.write("jq_py: %s: %s: %s\n" % (expr, type(e).__name__, e))
    sys.stderr.write("jq_py: input: %s\n" % raw[:600])
    sys.exit(3)
if test:
    sys.exit(0 if r else 1)
if r is None:
    print("null")
elif isinstance(r, bool):
    print("true" if r else "false")
elif isinstance(r, (int, float, str)):
    print(r)
else:
    print(json.dumps(r, sort_keys=True))
'

jq_py()
{
	"$PYTHON" -S -c "$__JQ_PY" "$@"
}

vsw_jq()
{
	local t=()
	if [[ $1 == -t ]]; then
		t=(-t)
		shift
	fi
	local expr=$1
	shift
	vsw -j "$@" | jq_py "${t[@]}" "$expr"
}

sw_field()
{
	vsw_jq "first(j, name='$1')['$2']" switch show "$1"
}

port_field()
{
	vsw_jq "first(j, name='$1')['$2']" port show ${3:+"$3"}
}

port_stat()
{
	vsw_jq "first(j, name='$1')['stats']['$2']" -s port show ${3:+"$3"}
}

fdb_port()
{
	vsw_jq "(lambda e: 'none' if e is None else e['port'])(first(j, mac='$2', vlan=${3:-0}))" \
		fdb show "$1"
}

fdb_is()
{
	[[ $(fdb_port "$1" "$2" "${4:-0}") == "$3" ]]
}

fdb_learned()
{
	vsw_jq "len([e for e in j if not e['static'] and not e.get('local', False)])" fdb show "$1"
}

dev_stat()
{
	ip netns exec "$PFX-$1" cat "/sys/class/net/$2/statistics/$3"
}

dev_mac()
{
	ip netns exec "$PFX-$1" cat "/sys/class/net/$2/address"
}

vm_mac()
{
	dev_mac "$1" eth0
}

link_kind()
{
	ip -j -d -n "$PFX-$1" link show dev "$2" | jq_py "j[0].get('linkinfo', {}).get('info_kind')"
}

dev_exists()
{
	ip -n "$PFX-$1" link show dev "$2" >/dev/null 2>&1
}

dev_master()
{
	local l
	l=$(ip -o -n "$PFX-$1" link show dev "$2") || return 1
	if [[ $l =~ \ master\ ([^ ]+)\  ]]; then
		echo "${BASH_REMATCH[1]}"
	else
		echo none
	fi
}

doc_mac()
{
	printf '00:00:5e:00:53:%02x\n' "$1"
}

neigh()
{
	ip -n "$PFX-$1" neigh replace "$2" lladdr "$3" dev eth0 nud permanent
}

ping_ok()
{
	local n=$1 addr=$2
	shift 2
	ip netns exec "$PFX-$n" ping -q -c 3 -i 0.2 -W 2 -w 10 "$@" "$addr"
}

__RAW_PY='
import socket, sys
dev, dst = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((dev, 0))
mac = lambda m: bytes(int(x, 16) for x in m.split(":"))
for src in sys.argv[3:]:
    s.send(mac(dst) + mac(src) + b"\x88\xb5" + b"vsw-selftest".ljust(46, b"\0"))
'

raw_send()
{
	local n=$1
	shift
	ip netns exec "$PFX-$n" "$PYTHON" -S -c "$__RAW_PY" "$@"
}

vsw_snapshot()
{
	local sw
	{
		vsw -j switch show 2>&1
		vsw -j port show 2>&1
		for sw in $SNAP_SWITCHES; do
			vsw -j fdb show "$sw" 2>&1
		done
		ip -o -n "$PFX-$VSW_HOST" link show 2>&1
	} | sed -E 's/"age": *[0-9]+/"age":_/g'
}

__tcp_listening()
{
	ip netns exec "$PFX-$1" ss -Hltn "sport = :$2" | grep -q .
}

tcp_serve()
{
	local n=$1 port=$2
	# shellcheck disable=SC2016 # $SOCAT_PEERADDR is for the server's shell
	run_bg "$n" socat "TCP-LISTEN:$port,reuseaddr,fork" 'SYSTEM:echo peer $SOCAT_PEERADDR'
	wait_for 10 __tcp_listening "$n" "$port"
}

tcp_peer()
{
	ip netns exec "$PFX-$1" timeout 20 socat -t 5 -T 10 - "TCP:$2:$3,connect-timeout=4" \
		</dev/null 2>/dev/null | sed -n 's/^peer //p' | grep .
}

kmod_loaded()
{
	[[ -d /sys/module/vsw ]]
}

# rmmod vsw, retried for up to 10 s: a namespace being dismantled may hold
# the module for a moment.
vsw_rmmod()
{
	__rmmod_used=1
	kmod_loaded || return 0
	wait_for 10 timeout 60 rmmod vsw || rmmod vsw
}

# ---- start -------------------------------------------------------------------

echo "TAP version 13"
diag "$TEST_NAME: vswctl=$VSWCTL kernel=$(uname -r)"
if [[ -w /dev/kmsg ]]; then
	__kmsg_mark="vsw-selftest: $PFX start"
	echo "$__kmsg_mark" >/dev/kmsg
fi
