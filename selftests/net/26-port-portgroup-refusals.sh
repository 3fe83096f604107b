#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A port can only join a port group of its own switch, an uplink none, and a
# refused port add/set portgroup says why ("Error: ...") and changes
# nothing: port groups (portgroup show), switches, ports, fdbs and links are
# the same after, no event is sent, and traffic still flows as before.
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

# ---- ports ----
check_refused "port set: unknown port group" "" vsw port set p1 portgroup nosuch
check_refused "port set: a group of another switch" "" vsw port set p1 portgroup only1
check_refused "port set: the host port to an unknown group" "" vsw port set sw0 portgroup nosuch
check_refused "port set: not a port (p4)" "" vsw port set p4 portgroup v10
check_refused "port set: nonexistent device" "" vsw port set nosuch0 portgroup v10
check_refused "port set: an uplink has no port group" "" vsw port set up0 portgroup v10
check_refused "port add: unknown port group (p4 stays free)" "" \
	vsw port add sw0 p4 portgroup nosuch
check_refused "port add: a group of another switch" "" vsw port add sw0 p4 portgroup only1
check_eq "p4 is not a port after all that" none dev_master 0 p4

refusal_unchanged
check "an accepted move after all that: port set p2 portgroup tl" vsw port set p2 portgroup tl
check_eq "port show p2: portgroup tl" tl port_field p2 portgroup sw0

finish
