#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check-debug: the selftests and the Generic Netlink fuzzer on a debug
# kernel built from Debian's linux-source-6.1 (selftests/vm/
# build-debug-kernel.sh: KASAN, KFENCE, UBSAN, lockdep, atomic-sleep checks,
# DEBUG_NET, refcount trackers, kmemleak). The guest fails a run on any of
# their reports in the kernel log and scans kmemleak after the tests
# (guest-run.sh). Ends with "N passed, N failed" like make check.
#
# Environment: VSW_TESTS (default: all of selftests/net), VSW_TEST_TIMEOUT
# (default 1200 s: the detectors make a test several times slower),
# VSW_VM_TIMEOUT (default 6 h), VSW_VM_CPUS (default: all host CPUs).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/build/check-debug
TAP_ALL=$OUT/results.tap
# shellcheck source=selftests/vm/tap.sh
. "$ROOT/selftests/vm/tap.sh"
cd "$ROOT" || exit 2
mkdir -p "$OUT"
: >"$TAP_ALL"

result() {
	TAP_N=$(grep -cE '^(not )?ok ' "$TAP_ALL")
	echo "$1 $((TAP_N + 1)) $2" | tee -a "$TAP_ALL"
}

# step DESC LOG CMD...: one result for CMD, its log's tail when it fails.
step() {
	local desc=$1 log=$2
	shift 2
	if "$@" >"$log" 2>&1; then
		result ok "$desc"
	else
		result "not ok" "$desc"
		tail -n 40 "$log" | sed 's/^/# /' | tee -a "$TAP_ALL"
		return 1
	fi
}

summary() {
	local pass fail skip
	read -r pass fail skip < <(tap_count "$TAP_ALL")
	[ "$skip" = 0 ] || echo "# $skip of the passed were skipped"
	echo "$pass passed, $fail failed"
	[ "$fail" = 0 ]
}

echo "TAP version 13"
t0=$SECONDS
if ! step "dependencies installed" "$OUT/deps.log" scripts/install-deps.sh ||
	! step "lib, cli and the fuzzer build" "$OUT/userspace.log" \
		bash -c 'make --no-print-directory lib cli && make -C selftests/fuzz'; then
	summary
	exit 1
fi

if ! kver=$(selftests/vm/build-debug-kernel.sh 2>"$OUT/kernel.log"); then
	result "not ok" "debug kernel builds"
	tail -n 40 "$OUT/kernel.log" | sed 's/^/# /' | tee -a "$TAP_ALL"
	summary
	exit 1
fi
result ok "debug kernel $kver builds ($((SECONDS - t0)) s so far)"

if ! selftests/vm/build-kmod.sh "$kver" W=1 >"$OUT/kmod.log" 2>&1; then
	result "not ok" "kmod builds W=1 on $kver"
	tail -n 40 "$OUT/kmod.log" | sed 's/^/# /' | tee -a "$TAP_ALL"
	summary
	exit 1
fi
result ok "kmod builds W=1 on $kver"

t1=$SECONDS
TAP_N=$(grep -cE '^(not )?ok ' "$TAP_ALL")
VSW_TEST_TIMEOUT=${VSW_TEST_TIMEOUT:-1200} VSW_VM_TIMEOUT=${VSW_VM_TIMEOUT:-21600} \
	VSW_VM_CPUS=${VSW_VM_CPUS:-$(nproc)} \
	selftests/vm/run-vm.sh "$kver" 2>"$OUT/vm.err" | tap_prefix "" | tee -a "$TAP_ALL"
rc=${PIPESTATUS[0]}
if [ "$rc" != 0 ] && ! grep -q '^not ok' "$TAP_ALL"; then
	result "not ok" "$kver: run-vm.sh exited $rc"
	tail -n 40 "$OUT/vm.err" | sed 's/^/# /' | tee -a "$TAP_ALL"
fi
echo "# guest run on $kver took $((SECONDS - t1)) s, all of check-debug $((SECONDS - t0)) s" |
	tee -a "$TAP_ALL"
summary
