#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every refused port group request (add, set, del) says why ("Error: ...")
# and changes nothing: port groups (portgroup show), switches, ports, fdbs
# and links are the same after, no event is sent, and traffic still flows.
# Port attachment refusals (port add/set portgroup) are 26-port-portgroup-refusals.sh.
#
#   n1 (vm1) 192.0.2.1: eth0 -- p1 (sw0, port group v10: vlan 10)
#   n2 (vm2) 192.0.2.2: eth0 -- p2 (sw0, port group v10)
#   n3: eth0 -- up0 (uplink of sw0)
#   n0: sw0 (host port in port group mgmt: vlan 99), sw1 (group only1)
#       p4 (free veth, peer eth0 in n4)
#   sw0's groups: default (up0 is in it but not listed), v10 (vlan 10, p1 p2), tl (trunk 10,20,30 native 30,
#       empty), mgmt (vlan 99, the host port sw0 only), empty (vlan 5)
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"

refusal_setup

# ---- refused by vswctl's parser: checked once for state, then each ----
before=$(vsw_snapshot)
for v in 4096 5000 -1 abc 10x ""; do
	check_fail "portgroup add: vlan \"$v\"" "vlan" vsw portgroup add sw0 bad vlan "$v"
	check_fail "portgroup set: vlan \"$v\"" "vlan" vsw portgroup set sw0 v10 vlan "$v"
done
for t in "" "," "10," ",10" "10,,20" "10-" "-10" "20-10" "10,10" "10-20,15" \
	"10-20,20-30" "0" "0,10" "4095" "10,4095" "1-4095" "a" "10 20" "1-2-3"; do
	check_fail "portgroup add: trunk \"$t\"" "trunk" vsw portgroup add sw0 bad trunk "$t"
done
check_fail "portgroup set: overlapping trunk \"10-20,15\"" "trunk" \
	vsw portgroup set sw0 tl trunk 10-20,15
check_fail "portgroup add: trunk 10,20 native 30 (native not in the list)" "native" \
	vsw portgroup add sw0 bad trunk 10,20 native 30
check_fail "portgroup add: native without a trunk list" "native" \
	vsw portgroup add sw0 bad native 30
check_fail "portgroup add: vlan 10 native 10" "native" \
	vsw portgroup add sw0 bad vlan 10 native 10
for n in 0 4095 abc; do
	check_fail "portgroup add: native $n" "native" \
		vsw portgroup add sw0 bad trunk 10,20 native "$n"
done
check_fail "portgroup add: vlan and trunk together" "" \
	vsw portgroup add sw0 bad vlan 10 trunk 10,20
check_fail "portgroup set: vlan and trunk together" "" \
	vsw portgroup set sw0 tl vlan 10 trunk 10,20
check_fail "portgroup set: nothing to set" "" vsw portgroup set sw0 v10
check_fail "portgroup add: a name with a space" "" vsw portgroup add sw0 "a b" vlan 10
check_fail "portgroup add: an empty name" "" vsw portgroup add sw0 "" vlan 10
check_fail "portgroup add: a 64-character name" "" \
	vsw portgroup add sw0 "$(printf 'g%.0s' {1..64})" vlan 10
check_fail "portgroup del: trailing garbage" "" vsw portgroup del sw0 empty extra
check_fail "port set: nothing to set" "" vsw port set p1
check_fail "uplink add: with a port group" "" vsw uplink add sw0 p4 portgroup v10
check_eq "nothing changed after all the parser's refusals (port groups, ports, fdb, links)" \
	"$before" vsw_snapshot

# ---- refused by the kernel: each checked for state ----
check_refused "portgroup set: native 40 not in tl's list 10,20,30" "native" \
	vsw portgroup set sw0 tl native 40
check_refused "portgroup set: a new list 10,20 without tl's native 30" "native" \
	vsw portgroup set sw0 tl trunk 10,20
check_refused "portgroup set: native on an access group" "native" \
	vsw portgroup set sw0 v10 native 10
check_refused "portgroup set: native on the default group" "native" \
	vsw portgroup set sw0 default native 10

# ---- names and existence ----
check_refused "portgroup add: a name that exists (v10)" "" vsw portgroup add sw0 v10 vlan 11
check_refused "portgroup add: default exists" "" vsw portgroup add sw0 default
check_refused "portgroup add: unknown switch" "" vsw portgroup add nosuch g vlan 10
check_refused "portgroup add: a device that is not a vsw switch" "" vsw portgroup add p4 g vlan 10
check_refused "portgroup set: unknown port group" "" vsw portgroup set sw0 nosuch vlan 10
check_refused "portgroup set: a group of another switch (only1 is sw1's)" "" \
	vsw portgroup set sw0 only1 vlan 11
check_refused "portgroup set: unknown switch" "" vsw portgroup set nosuch v10 vlan 11
check_refused "portgroup show: unknown port group" "" vsw portgroup show sw0 nosuch
check_refused "portgroup show: unknown switch" "" vsw portgroup show nosuch

# ---- deletion ----
check_refused "portgroup del: default" "default" vsw portgroup del sw0 default
check_refused "portgroup del: a group with ports (v10: p1, p2)" "port" vsw portgroup del sw0 v10
check_refused "portgroup del: a group with only the host port (mgmt)" "port" \
	vsw portgroup del sw0 mgmt
check_refused "portgroup del: unknown port group" "" vsw portgroup del sw0 nosuch
check_refused "portgroup del: a group of another switch" "" vsw portgroup del sw0 only1
check_refused "portgroup del: unknown switch" "" vsw portgroup del nosuch v10

refusal_unchanged
check "an accepted set after all that: portgroup set sw0 tl trunk 10,20 native 20" \
	vsw portgroup set sw0 tl trunk 10,20 native 20
check_eq "portgroup show tl: trunk 10,20 native 20" "10,20 20" \
	vsw_jq "'%s %s' % (first(j, name='tl')['trunk'], first(j, name='tl')['native'])" portgroup show sw0 tl
check "portgroup del sw0 empty" vsw portgroup del sw0 empty

finish
