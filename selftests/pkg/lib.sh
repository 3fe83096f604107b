# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
#
# lib.sh: TAP helpers for the packaging tests (selftests/pkg), which run on
# the build host, as root or not, and touch nothing outside a temporary
# directory. Source it; it is not a test.
#
#	pass DESC | fail DESC [DIAG...] | skip DESC REASON
#	check DESC CMD...        CMD exits 0 (its output is shown on failure)
#	check_eq DESC WANT CMD...  CMD's stdout is WANT
#	finish                   plan, totals; exit 1 on a failure
#	copy_tree DIR            the source tree (tracked and new files, no
#	                         build products) copied to DIR
#	kernels                  KVERs with headers (/lib/modules/KVER/build),
#	                         or $VSW_KERNELS
#
# $ROOT is the source tree, $TMPD a directory removed on exit.

set -u
set -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/vsw-pkg.XXXXXX")
# shellcheck disable=SC2034 # for the tests that source this
VERSION=$(cat "$ROOT/VERSION")
__n=0
__fail=0
__skip=0
trap 'rm -rf "$TMPD"' EXIT

echo "TAP version 13"

diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

pass() {
	__n=$((__n + 1))
	echo "ok $__n $1"
}

fail() {
	__n=$((__n + 1))
	__fail=$((__fail + 1))
	echo "not ok $__n $1"
	shift
	(($# == 0)) || diag "$@"
}

skip() {
	__n=$((__n + 1))
	__skip=$((__skip + 1))
	echo "ok $__n $1 # SKIP $2"
}

check() {
	local desc=$1
	shift
	if "$@" >"$TMPD/out" 2>&1; then
		pass "$desc"
	else
		fail "$desc" "command: $*"
		tail -n 30 "$TMPD/out" | sed 's/^/#   /'
	fi
}

check_eq() {
	local desc=$1 want=$2 got
	shift 2
	got=$("$@" 2>"$TMPD/err")
	if [[ $got == "$want" ]]; then
		pass "$desc"
	else
		fail "$desc" "command: $*" "expected: $want" "got: $got"
		tail -n 10 "$TMPD/err" | sed 's/^/#   /'
	fi
}

finish() {
	echo "1..$__n"
	echo "# Totals: pass:$((__n - __fail - __skip)) fail:$__fail skip:$__skip"
	if ((__fail > 0)); then
		exit 1
	fi
	exit 0
}

copy_tree() {
	mkdir -p "$1"
	if ! git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		# A release tarball: what .gitignore does not name as built.
		(cd "$ROOT" && tar --exclude-vcs-ignores --exclude=./build \
			--exclude=./kmod/compat-generated.h -cf - . | tar -xf - -C "$1")
		return
	fi
	(cd "$ROOT" && git ls-files -co --exclude-standard | while IFS= read -r f; do
		if [[ -f $f ]]; then printf '%s\n' "$f"; fi
	done | cpio -pdm --quiet "$1")
}

kernels() {
	local d k list
	if [[ -n ${VSW_KERNELS:-} ]]; then
		read -ra list <<<"$VSW_KERNELS"
		printf '%s\n' "${list[@]}"
		return
	fi
	for d in /lib/modules/*/build; do
		k=${d%/build}
		k=${k##*/}
		if [[ -f $d/Makefile ]]; then echo "$k"; fi
	done | sort -V
}
