#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Without CAP_NET_ADMIN every change verb is refused with EPERM and changes
# nothing; the read verbs work.
#
#   n1 (vm1) 192.0.2.1     n2 (vm2) 192.0.2.2
#     |                      |
#   n0: p1 ------ sw0 ------ p2        p3 (a veth, not a port)
#
# "unpriv" is root with CAP_NET_ADMIN dropped (capsh), "nobody" an ordinary
# user (setpriv).
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

require_cmd capsh

setup_ns 0
add_switch sw0
add_vm 1 sw0
add_vm 2 sw0
add_veth 3 p3
setup ping_ok 1 192.0.2.2
S=$(doc_mac 16)
setup vsw fdb add sw0 "$S" port p2

unpriv()
{
	ip netns exec "$NS0" capsh --drop=cap_net_admin -- -c 'exec "$@"' unpriv "$@"
}

# The harness itself: capsh really takes CAP_NET_ADMIN away.
control()
{
	local out
	out=$(unpriv ip link add name dd0 type dummy 2>&1) && return 1
	[[ $out == *"Operation not permitted"* ]]
}
check "control: without CAP_NET_ADMIN even ip link add is refused" control

EPERM="Operation not permitted"
check_refused "unpriv: switch add" "$EPERM" unpriv "$VSWCTL" switch add sw9
check_refused "unpriv: switch del" "$EPERM" unpriv "$VSWCTL" switch del sw0
check_refused "unpriv: switch set ageing" "$EPERM" unpriv "$VSWCTL" switch set sw0 ageing 10
check_refused "unpriv: switch set fdb-max" "$EPERM" unpriv "$VSWCTL" switch set sw0 fdb-max 10
check_refused "unpriv: port add" "$EPERM" unpriv "$VSWCTL" port add sw0 p3
check_refused "unpriv: port del" "$EPERM" unpriv "$VSWCTL" port del p1
check_refused "unpriv: uplink add" "$EPERM" unpriv "$VSWCTL" uplink add sw0 p3
check_refused "unpriv: uplink del" "$EPERM" unpriv "$VSWCTL" uplink del p1
check_refused "unpriv: fdb add" "$EPERM" unpriv "$VSWCTL" fdb add sw0 "$(doc_mac 17)" port p1
check_refused "unpriv: fdb del" "$EPERM" unpriv "$VSWCTL" fdb del sw0 "$S"
check_refused "unpriv: fdb flush" "$EPERM" unpriv "$VSWCTL" fdb flush sw0
check_refused "unpriv: fdb flush port" "$EPERM" unpriv "$VSWCTL" fdb flush sw0 port p1

check "unpriv: switch show" unpriv "$VSWCTL" switch show
check "unpriv: switch list" unpriv "$VSWCTL" switch list
check "unpriv: port show" unpriv "$VSWCTL" port show sw0
check "unpriv: fdb show" unpriv "$VSWCTL" fdb show sw0
check "unpriv: stats" unpriv "$VSWCTL" stats sw0
check_eq "unpriv: switch show -j says ageing 300" 300 \
	eval "unpriv \"\$VSWCTL\" -j switch show sw0 | jq_py \"first(j, name='sw0')['ageing']\""
check_eq "unpriv: fdb show -j has the static entry on p2" p2 \
	eval "unpriv \"\$VSWCTL\" -j fdb show sw0 | jq_py \"first(j, mac='$S')['port']\""

nobody()
{
	ip netns exec "$NS0" setpriv --reuid=65534 --regid=65534 --clear-groups \
		--inh-caps=-all -- "$@"
}

if command -v setpriv >/dev/null && nobody "$VSWCTL" -h >/dev/null 2>&1; then
	check_refused "nobody: switch add" "$EPERM" nobody "$VSWCTL" switch add sw9
	check_refused "nobody: fdb flush" "$EPERM" nobody "$VSWCTL" fdb flush sw0
	check "nobody: switch show" nobody "$VSWCTL" switch show sw0
	check "nobody: fdb show" nobody "$VSWCTL" fdb show sw0
else
	skip "unprivileged user (nobody)" "setpriv missing or vswctl not executable by nobody"
fi

finish
