#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Deleting a switch that has ports (and traffic) detaches the ports: the
# devices survive, have no master, and can join another switch at once.
#
#   n1 (vm1) .1          n2 (vm2) .2          n3 (vm3) .3
#     |                    |                    |
#   n0: p1 -------------- p2 ---- sw0 -------- p3
#
# then p1, p2 on sw1 (deleted with ip link del), then on sw2.
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

setup_ns 0
add_switch sw0
add_vm 1 sw0
add_vm 2 sw0
add_vm 3 sw0

detached()
{
	local p
	for p in "$@"; do
		dev_exists 0 "$p" || return 1
		[[ $(dev_master 0 "$p") == none ]] || return 1
	done
}
no_ports() { vsw_jq -t "len(j) == 0" port show; }

setup ping_ok 1 192.0.2.2
run_bg 1 ping -q -f -w 60 192.0.2.2
flood=$BG_PID
check "vswctl switch del sw0 with 3 ports under ping -f" vsw switch del sw0
check_not "sw0 is gone from ip link" dev_exists 0 sw0
check_fail "switch show sw0: no such switch" "" vsw switch show sw0
check "p1, p2, p3 survive without a master" detached p1 p2 p3
check "port show lists no ports" no_ports
stop_bg "$flood"

add_switch sw1
check "p1 joins a new switch sw1" vsw port add sw1 p1
check "p2 joins a new switch sw1" vsw port add sw1 p2
check "vm1 -> vm2 ping over sw1" ping_ok 1 192.0.2.2

run_bg 2 ping -q -f -w 60 192.0.2.1
flood=$BG_PID
check "ip link del sw1 with 2 ports under ping -f" ip -n "$NS0" link del sw1
check_fail "switch show sw1: no such switch" "" vsw switch show sw1
check "p1, p2 survive without a master" detached p1 p2
check "port show lists no ports" no_ports
stop_bg "$flood"

add_switch sw2
setup vsw port add sw2 p2
setup vsw port add sw2 p3
check "p2, p3 reattached to sw2: vm2 -> vm3 ping" ping_ok 2 192.0.2.3

finish
