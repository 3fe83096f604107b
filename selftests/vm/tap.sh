# shellcheck shell=bash
# TAP helpers shared by run-vm.sh and run-all.sh (sourced, not run).
#
# tap_prefix PREFIX: copy TAP from stdin to stdout, renumbering results with
# a running counter (TAP_N, from the caller's shell when not in a pipeline)
# and inserting PREFIX before each description. Comments pass through;
# plans and version lines are dropped: the caller prints its own.

TAP_RE='^(not ok|ok)( +[0-9]+)?( +-)? *(.*)$'

tap_prefix() {
	local prefix=$1 line
	while IFS= read -r line; do
		line=${line%$'\r'}
		if [[ $line =~ $TAP_RE ]]; then
			TAP_N=$((${TAP_N:-0} + 1))
			echo "${BASH_REMATCH[1]} $TAP_N $prefix${BASH_REMATCH[4]}"
		elif [[ $line == \#* ]]; then
			echo "$line"
		fi
	done
}

# tap_count FILE: print "PASSED FAILED SKIPPED" for the results in FILE.
# A "# SKIP" result counts as passed (it did not fail) and as skipped.
tap_count() {
	awk '
		/^ok /      { pass++; if (/# *[Ss][Kk][Ii][Pp]/) skip++ }
		/^not ok /  { fail++ }
		END { printf "%d %d %d\n", pass, fail, skip }
	' "$1"
}
