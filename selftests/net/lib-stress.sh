#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lib-stress.sh: helpers of the 7x stress, scale and privilege selftests, on
# top of lib.sh. Source it after lib.sh; it is not a test.
#
# Leaks:
#	mod_refcnt                   /sys/module/vsw/refcnt
#	fdb_slab_usable              the vsw_fdb_entry cache can be counted:
#	                             SLUB's sysfs has it and no other cache is
#	                             merged into it; else false, with the reason
#	                             in $SLAB_WHY
#	fdb_slab_objects             objects in use in vsw_fdb_entry, after a
#	                             shrink (which flushes the per-CPU slabs;
#	                             "objects" counts their free objects as used)
#	out_is WANT CMD...           CMD prints WANT (for check_wait)
#
# Time (diagnostics only, never a check):
#	stamp                        start a stopwatch
#	lap DESC                     diag "DESC: S.SS s" since the last stamp, and
#	                             stamp again

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
	echo "TAP version 13"
	echo "1..0 # SKIP lib-stress.sh is sourced by the tests, it is not a test"
	exit 4
fi

FDB_SLAB=/sys/kernel/slab/vsw_fdb_entry
# For the tests' skip messages.
# shellcheck disable=SC2034
SLAB_WHY=''

mod_refcnt()
{
	cat /sys/module/vsw/refcnt
}

fdb_slab_usable()
{
	local aliases target
	if [[ ! -r $FDB_SLAB/objects ]]; then
		SLAB_WHY="no $FDB_SLAB/objects (not SLUB, or no sysfs for it)"
		return 1
	fi
	aliases=$(cat "$FDB_SLAB/aliases")
	if ((aliases > 0)); then
		target=$(readlink -f "$FDB_SLAB")
		# shellcheck disable=SC2034
		SLAB_WHY="vsw_fdb_entry is merged into ${target##*/} with $aliases other cache(s); its object count is theirs too (boot with slab_nomerge to count it)"
		return 1
	fi
	return 0
}

fdb_slab_objects()
{
	echo 1 >"$FDB_SLAB/shrink" 2>/dev/null
	awk '{ print $1; exit }' "$FDB_SLAB/objects"
}

out_is()
{
	local want=$1
	shift
	[[ $("$@" 2>/dev/null) == "$want" ]]
}

__stamp=''
stamp()
{
	__stamp=$EPOCHREALTIME
}

lap()
{
	local now=$EPOCHREALTIME
	diag "$(awk -v d="$1" -v a="$__stamp" -v b="$now" 'BEGIN { printf "%s: %.2f s", d, b - a }')"
	__stamp=$now
}
