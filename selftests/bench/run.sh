#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: boot the test guest (selftests/vm/run-vm.sh, VSW_MODE=bench),
# run guest-bench.sh in it, and turn its samples into a table on stdout,
# selftests/bench/results.json and selftests/bench/ratios.png.
#
# Usage: selftests/bench/run.sh [KVER]    (default: the 6.1 kernel)
#
# The guest's progress (its console) shows while it runs; its raw samples
# are kept in build/bench/samples.txt. Environment: VSW_BENCH_RUNS,
# VSW_BENCH_SECS, VSW_BENCH_CASES, VSW_BENCH_SYSTEMS, VSW_BENCH_FDB_SMALL,
# VSW_BENCH_FDB_BIG, VSW_BENCH_PERF (see guest-bench.sh), VSW_BENCH_OUT
# (where results.json and ratios.png go, default selftests/bench), and the
# VM knobs of run-vm.sh.
# A benchmark is not a test: slow numbers never fail it; a guest that
# crashes or a case that cannot be set up does.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
VSW_ROOT=$(cd "$HERE/../.." && pwd)
# Debian's 6.1 (its image in /boot): not the debug kernel of make
# check-debug, which lives in /lib/modules alone.
KVER=${1:-$(ls /boot/vmlinuz-6.1.* 2>/dev/null | sed 's|^/boot/vmlinuz-||' |
	while read -r k; do [ -f "/lib/modules/$k/build/Makefile" ] && echo "$k"; done |
	sort -V | tail -n 1)}
[ -n "$KVER" ] || { echo "bench: no 6.1 kernel headers; pass KVER" >&2; exit 2; }
OUT=${VSW_BENCH_OUT:-$HERE}
SAMPLES=$VSW_ROOT/build/bench/samples.txt

mkdir -p "$VSW_ROOT/build/bench"
rm -f "$SAMPLES"
command -v gnuplot >/dev/null || echo "bench: gnuplot missing (make deps): no chart" >&2

# The whole benchmark is one guest script: give it the guest's time.
export VSW_MODE=bench VSW_RESULTS_OUT=$SAMPLES
export VSW_VM_TIMEOUT=${VSW_VM_TIMEOUT:-3600}
export VSW_TEST_TIMEOUT=${VSW_TEST_TIMEOUT:-$((VSW_VM_TIMEOUT - 120))}
rc=0
"$VSW_ROOT/selftests/vm/run-vm.sh" "$KVER" || rc=$?
[ -s "$SAMPLES" ] || { echo "bench: the guest sent no samples" >&2; exit 1; }
echo
python3 "$HERE/report.py" "$SAMPLES" "$OUT"
# Setup failures, a guest crash or a dirty dmesg are reported by run-vm.sh.
exit "$rc"
