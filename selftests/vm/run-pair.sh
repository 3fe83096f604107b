#!/bin/bash
# Boot two guests of one kernel, A and B, joined by virtual NICs, and run
# selftests/pair in both: vsw over real virtio-net devices (offloads,
# checksums, GSO on a real driver), link failure induced from outside.
#
# Usage: selftests/vm/run-pair.sh [KVER]
#
#   guest A                                           guest B
#   nic1 52:54:00:00:0a:01 ==== dgram socket ==== nic1 52:54:00:00:0b:01
#   nic2 52:54:00:00:0a:02 ====================== nic2 52:54:00:00:0b:02
#   nic3 52:54:00:00:0a:03 ====================== nic3 52:54:00:00:0b:03
#   /run/vsw-pair  <--- 9p, read-write --->  RUNDIR/share  <--- 9p --->  /run/vsw-pair
#
# Each guest runs the same scripts in the same order with VSW_PAIR_ROLE=A
# or B (selftests/pair/lib-pair.sh syncs them through the shared
# directory). A guest asks for a link change by writing
# share/req-ROLE-SEQ ("link nicI on|off"); this script applies it to nicI
# of both guests (a cable pulled: both ends see it) with QMP set_link and
# answers share/ack-ROLE-SEQ ("ok" or the error).
#
# Prints TAP like run-vm.sh, "KVER: pair: A: " or "KVER: pair: B: " before
# each description, and "KVER: pair: A: guest ran to the end" per guest.
# Takes run-vm.sh's environment, but VSW_PAIR_TESTS selects the
# selftests/pair scripts (VSW_TESTS is ignored), VSW_VM_MEM defaults to 1G,
# VSW_VM_CPUS to 1 and VSW_VM_TIMEOUT to 900 s here.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
VSW_VM_MEM=${VSW_VM_MEM:-1G}
VSW_VM_CPUS=${VSW_VM_CPUS:-1}
VSW_VM_TIMEOUT=${VSW_VM_TIMEOUT:-900}
VSW_MODE=tests
VSW_SHELL=0
# VSW_TESTS is make check's choice of selftests/net scripts; write_env
# passes ours to the guests.
# shellcheck disable=SC2034
VSW_TESTS=${VSW_PAIR_TESTS:-}
# shellcheck source=selftests/vm/run-vm.sh
. "$HERE/run-vm.sh" "$@"

NICS=3
SHARE=$RUNDIR/share
KVER_BASE=$KVER

# QMP: one command (the last argument) to the monitors at the other
# arguments, sent to all of them only once all are connected: both ends of
# a cable change within a millisecond.
QMP_PY='
import json, socket, sys
def reply(f):
    while True:
        line = f.readline()
        if not line:
            sys.exit("qmp: connection closed")
        m = json.loads(line)
        if "return" in m or "error" in m:
            return m
mons = []
for path in sys.argv[1:-1]:
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(10)
    s.connect(path)
    f = s.makefile("rw")
    f.readline()
    f.write(json.dumps({"execute": "qmp_capabilities"}) + "\n")
    f.flush()
    reply(f)
    mons.append(f)
for f in mons:
    f.write(sys.argv[-1] + "\n")
    f.flush()
for f in mons:
    m = reply(f)
    if "error" in m:
        sys.exit("qmp: " + m["error"].get("desc", str(m)))
'

qmp() {
	timeout 20 python3 -S -c "$QMP_PY" "$@"
}

# link NIC on|off on both guests.
set_link() {
	local nic=$1 up=$2 cmd
	cmd=$(printf '{"execute": "set_link", "arguments": {"name": "%s", "up": %s}}' \
		"$nic" "$([ "$up" = on ] && echo true || echo false)")
	qmp "$RUNDIR/A/qmp.sock" "$RUNDIR/B/qmp.sock" "$cmd" 2>&1
}

# Serve the guests' requests until killed.
serve_requests() {
	local req name ans nic up
	while :; do
		for req in "$SHARE"/req-*; do
			[ -f "$req" ] || continue
			name=${req##*/req-}
			ans=ok
			read -r _ nic up <"$req" || true
			if [[ $nic =~ ^nic[1-9]$ && $up =~ ^(on|off)$ ]]; then
				echo "# $KVER_BASE: pair: set_link $nic $up ($name)" >>"$RUNDIR/links.log"
				ans=$(set_link "$nic" "$up" 2>&1) || ans="error: ${ans:-set_link failed}"
				[ -n "$ans" ] || ans=ok
			else
				ans="error: bad request: $(head -c 100 "$req")"
			fi
			echo "$ans" >"$SHARE/.ack-$name"
			mv "$SHARE/.ack-$name" "$SHARE/ack-$name"
			rm -f "$req"
		done
		sleep 0.1
	done
}

# One guest's QEMU command line: run-vm.sh's, plus its NICs, its QMP
# socket and the shared directory.
guest_cmd() {
	local role=$1 r=${1,,} peer i
	peer=$([ "$role" = A ] && echo B || echo A)
	mkdir -p "$RUNDIR/$role"
	CONSOLE_LOG=$RUNDIR/$role/console.log
	ENVFILE=$RUNDIR/$role/guest.env
	VSW_PAIR_ROLE=$role write_env
	qemu_cmd
	QEMU+=(
		-qmp "unix:$RUNDIR/$role/qmp.sock,server=on,wait=off"
		-fsdev "local,id=pairshare,path=$SHARE,security_model=none"
		-device "virtio-9p-pci,fsdev=pairshare,mount_tag=vswpair"
	)
	for ((i = 1; i <= NICS; i++)); do
		QEMU+=(
			-netdev "dgram,id=net$i,local.type=unix,local.path=$RUNDIR/$role.$i.sock,remote.type=unix,remote.path=$RUNDIR/$peer.$i.sock"
			-device "virtio-net-pci,netdev=net$i,id=nic$i,mac=52:54:00:00:0$r:0$i"
		)
	done
}

# Run one guest; its TAP with "pair: ROLE: " after the kernel.
run_guest() {
	local role=$1 state=$RUNDIR/$1/state out=$RUNDIR/$1/tap.txt rc fail
	guest_cmd "$role"
	: >"$state"
	: >"$CONSOLE_LOG"
	KVER="$KVER_BASE: pair: $role"
	set +e
	timeout --foreground -k 10 "$VSW_VM_TIMEOUT" "${QEMU[@]}" </dev/null 2>"$RUNDIR/$role/qemu.err" |
		follow_results "$state" | tee "$out"
	rc=${PIPESTATUS[0]}
	set -e
	echo "# $KVER: guest finished"
	read -r _ fail _ < <(tap_count "$out")
	check_end "$rc" "$state" "$(grep -cE '^(not )?ok ' "$out")" || return 1
	[ "$fail" = 0 ]
}

main_pair() {
	local pa pb srv rc=0
	"$HERE/mkinitramfs.sh" "$KVER" "$INITRD"
	prepare_modules
	mkdir -p "$SHARE"
	serve_requests &
	srv=$!
	set +e
	{
		run_guest A &
		pa=$!
		run_guest B &
		pb=$!
		wait "$pa" || rc=1
		wait "$pb" || rc=1
		exit "$rc"
	} | tap_prefix ""
	rc=${PIPESTATUS[0]}
	set -e
	kill "$srv" 2>/dev/null || true
	wait "$srv" 2>/dev/null || true
	[ -f "$RUNDIR/links.log" ] && cat "$RUNDIR/links.log"
	return "$rc"
}

main_pair
