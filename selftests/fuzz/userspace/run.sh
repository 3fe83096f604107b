#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Run each userspace fuzz target for a fixed number of inputs from a fixed
# seed, starting from its seeds and regressions (README); TAP, one result
# per target and one for the regressions replayed. Exit 1 if any fails.
#
#   ./run.sh [TARGET...]     (make first; `make check` does both)
#
# Environment: VSW_FUZZ_RUNS=N overrides each target's number of inputs,
# VSW_FUZZ_SEED=S the seed (default 1), VSW_FUZZ_OUT=DIR where logs and
# crashing inputs go (default: a temporary directory, kept on failure).
set -uo pipefail

cd "$(dirname "$0")" || exit 2

# Inputs per target: about 20-40 s each on a 2-core build machine.
declare -A RUNS=(
	[fuzz_cli_args]=2000000
	[fuzz_config]=450000
	[fuzz_lib_reply]=180000
)
SEED=${VSW_FUZZ_SEED:-1}
OUT=${VSW_FUZZ_OUT:-$(mktemp -d /tmp/vsw-fuzz-userspace.XXXXXX)}
mkdir -p "$OUT"

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_cli_args fuzz_config fuzz_lib_reply)

n=0
failed=0
echo "1..$((${#targets[@]} * 2))"

# result OK DESC [LOG]: one TAP line; a failure's log tail as comments.
result() {
	n=$((n + 1))
	if [ "$1" = 1 ]; then
		echo "ok $n - $2"
		return
	fi
	echo "not ok $n - $2"
	failed=$((failed + 1))
	[ -n "${3:-}" ] && grep -vE '^(INFO|#[0-9]+|MERGE|\s+NEW_FUNC)' "$3" |
		tail -n 40 | sed 's/^/# /'
}

for t in "${targets[@]}"; do
	log=$OUT/$t.log
	if [ ! -x "$t" ]; then
		result 0 "$t: not built (make -C selftests/fuzz/userspace)"
		result 0 "$t: regressions replayed # not built"
		continue
	fi
	dict=()
	[ -f "$t.dict" ] && dict=(-dict="$t.dict")

	# The regressions (and seeds) alone first: each must pass as it is.
	inputs=("seeds/$t")
	[ -d "regressions/$t" ] && inputs+=("regressions/$t")
	if ./"$t" -runs=0 -artifact_prefix="$OUT/$t-" "${inputs[@]}" \
		>"$log.replay" 2>&1; then
		result 1 "$t: seeds and regressions replayed ($(find "${inputs[@]}" -type f | wc -l) inputs)"
	else
		result 0 "$t: seeds and regressions replayed" "$log.replay"
	fi

	# New inputs land in a corpus of this run, never in seeds/.
	corpus=$OUT/$t.corpus
	rm -rf "$corpus"
	mkdir -p "$corpus"
	runs=${VSW_FUZZ_RUNS:-${RUNS[$t]}}
	start=$SECONDS
	if ./"$t" -runs="$runs" -seed="$SEED" -max_len=8192 -timeout=10 \
		-print_final_stats=1 "${dict[@]}" -artifact_prefix="$OUT/$t-" \
		"$corpus" "${inputs[@]}" >"$log" 2>&1; then
		cov=$(sed -n 's/.*DONE *cov: \([0-9]*\) .*/\1/p' "$log" | tail -n 1)
		result 1 "$t: $runs inputs, seed $SEED, $((SECONDS - start)) s, coverage ${cov:-?} edges"
	else
		result 0 "$t: $runs inputs, seed $SEED (input saved in $OUT)" "$log"
	fi
done

if [ "$failed" = 0 ] && [ -z "${VSW_FUZZ_OUT:-}" ]; then
	rm -rf "$OUT"
fi
[ "$failed" = 0 ]
