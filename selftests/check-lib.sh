# shellcheck shell=bash
# The results file of make check and make check-debug (sourced, not run):
# TAP_ALL is the file, every result and comment is also printed. Needs
# selftests/vm/tap.sh.

total() { grep -cE '^(not )?ok ' "$TAP_ALL"; }

# stream PREFIX: renumber TAP from stdin after what we have, keep and show it.
stream() {
	# shellcheck disable=SC2034 # tap_prefix counts on from it
	TAP_N=$(total)
	tap_prefix "$1" | tee -a "$TAP_ALL"
}

# result STATUS DESC: one result of the harness itself.
result() {
	echo "$1 $(($(total) + 1)) $2" | tee -a "$TAP_ALL"
}

comment_file() {
	sed 's/^/# /' "$1" | tail -n "${2:-40}" | tee -a "$TAP_ALL"
}

# step DESC LOG CMD...: a build step as one result; its log on failure.
step() {
	local desc=$1 log=$2
	shift 2
	if "$@" >"$log" 2>&1; then
		result ok "$desc"
	else
		result "not ok" "$desc"
		comment_file "$log"
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
