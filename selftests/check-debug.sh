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
# (default 2400 s: the detectors make a test several times slower),
# VSW_VM_TIMEOUT (default 6 h), VSW_VM_CPUS (default: all host CPUs).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/build/check-debug
TAP_ALL=$OUT/results.tap
# shellcheck source=selftests/vm/tap.sh
. "$ROOT/selftests/vm/tap.sh"
# shellcheck source=selftests/check-lib.sh
. "$ROOT/selftests/check-lib.sh"
cd "$ROOT" || exit 2
mkdir -p "$OUT"
: >"$TAP_ALL"

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
	comment_file "$OUT/kernel.log"
	summary
	exit 1
fi
result ok "debug kernel $kver builds ($((SECONDS - t0)) s so far)"

if ! step "kmod builds W=1 on $kver" "$OUT/kmod.log" \
	selftests/vm/build-kmod.sh "$kver" W=1; then
	summary
	exit 1
fi

t1=$SECONDS
VSW_TEST_TIMEOUT=${VSW_TEST_TIMEOUT:-2400} VSW_VM_TIMEOUT=${VSW_VM_TIMEOUT:-21600} \
	VSW_VM_CPUS=${VSW_VM_CPUS:-$(nproc)} \
	selftests/vm/run-vm.sh "$kver" 2>"$OUT/vm.err" | stream ""
rc=${PIPESTATUS[0]}
if [ "$rc" != 0 ] && ! grep -q '^not ok' "$TAP_ALL"; then
	result "not ok" "$kver: run-vm.sh exited $rc"
	comment_file "$OUT/vm.err"
fi
echo "# guest run on $kver took $((SECONDS - t1)) s, all of check-debug $((SECONDS - t0)) s" |
	tee -a "$TAP_ALL"
summary
