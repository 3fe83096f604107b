#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Run each unit test program (TAP), then print a summary; fail if any does.
# C programs run under $RUN (e.g. valgrind) when it is set.
cd "$(dirname "$0")" || exit 1

failed=0
for t in "$@"; do
	echo "# $t"
	case $t in
	*.sh) ./"$t" ;;
	*) $RUN ./"$t" ;;
	esac
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "# $t FAILED (exit $rc)"
		failed=$((failed + 1))
	fi
done
echo "# $(($# - failed)) of $# test programs passed"
[ $failed -eq 0 ]
