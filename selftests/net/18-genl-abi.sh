#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Generic Netlink ABI as independent clients see it: iproute2's genl
# resolves the family, its commands and the "events" group; a libnl-genl-3
# client (not libvsw) creates and dumps a switch and reads an extack message.
#
#   n0: swg (made by vsw-genl-client)
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

setup_ns 0

if command -v genl >/dev/null; then
	n0 genl ctrl get name vsw >"$TMPD/ctrl" 2>&1
	ctrl() { grep -qE "$1" "$TMPD/ctrl"; }
	check "genl ctrl get name vsw: the family resolves" ctrl '^Name: vsw$'
	check "genl: version 1" ctrl 'Version: 0x1 '
	all_cmds()
	{
		local i
		for i in $(seq 1 11); do
			grep -qE "ID-$(printf '0x%x' "$i") " "$TMPD/ctrl" || { echo "command $i missing"; return 1; }
		done
	}
	check "genl: commands 1..11 (SWITCH_NEW .. FDB_GET)" all_cmds
	check "genl: the events multicast group" ctrl 'name: events'
	if [[ $__nfail -gt 0 ]]; then
		__diag_file "$TMPD/ctrl"
	fi
else
	skip "genl ctrl get name vsw" "genl (iproute2) not installed"
fi

GC=$GENL_CLIENT
if [[ -x $GC ]]; then
	check "vsw-genl-client create swg" n0 "$GC" create swg
	track_switch swg
	check_eq "vswctl sees swg, default ageing 300" 300 sw_field swg ageing
	check_eq "ip link sees swg as kind vsw" vsw link_kind 0 swg
	check "vsw-genl-client dump lists swg" eval "n0 \"\$GC\" dump | grep -w swg >/dev/null"
	n0 "$GC" bad-ageing swg >"$TMPD/gc.out" 2>&1
	rc=$?
	# The client exits 0 only when the kernel refused the request with
	# an extack message, 1 when it was accepted or refused without one.
	check_eq "vsw-genl-client bad-ageing swg: refused with an extack message" \
		0 echo "$rc"
	check "... and prints the kernel's extack message about the range/ageing" \
		grep -qiE 'range|ageing' "$TMPD/gc.out"
	diag "client said: $(head -3 "$TMPD/gc.out")"
	check_eq "... and swg's ageing is still 300" 300 sw_field swg ageing
	check_eq "... and there is still one switch" 1 vsw_jq 'len(j)' switch show
else
	skip "vsw-genl-client" "$GC not built"
fi

finish
