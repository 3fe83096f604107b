#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# rtnetlink and vswctl are two views of the same objects: ip link add/del of
# a vsw device, ip link set master/nomaster, and vswctl's switches and ports
# as ip link sees them.
#
#   n1 (vm1) 192.0.2.1                       n2 (vm2) 192.0.2.2
#     |                                        |
#   n0: p1 ------- sw1 (ip link add) --------- p2
#                  sw2 (vswctl switch add)
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

setup_ns 0
add_veth 1 p1
add_veth 2 p2
setup ip -n "$NS1" addr add 192.0.2.1/24 dev eth0
setup ip -n "$NS2" addr add 192.0.2.2/24 dev eth0

switch_listed() { vsw switch list | grep -w "$1" >/dev/null; }
not_a_port() { vsw_jq -t "first(j, name='$1') is None" port show; }

check "ip link add name sw1 type vsw" ip -n "$NS0" link add name sw1 type vsw
track_switch sw1
setup ip -n "$NS0" link set dev sw1 up
check_eq "ip -d link: sw1 is of kind vsw" vsw link_kind 0 sw1
check "vswctl switch list names sw1" switch_listed sw1
check_eq "switch show sw1: default ageing 300" 300 sw_field sw1 ageing
check_eq "switch show sw1: default fdb_max 65536" 65536 sw_field sw1 fdb_max
check_eq "switch show sw1: ifindex is sw1's" "$(n0 cat /sys/class/net/sw1/ifindex)" \
	sw_field sw1 ifindex

check "ip link set p1 master sw1" ip -n "$NS0" link set dev p1 master sw1
check_eq "port show: p1 is on sw1" sw1 port_field p1 switch
check_eq "port show: p1 is of kind port" port port_field p1 kind
check_eq "port show: p1 is in port group default" default port_field p1 portgroup
check "switch show sw1: ports has p1" \
	vsw_jq -t "'p1' in first(j, name='sw1')['ports']" switch show sw1
check "vswctl port add sw1 p2" vsw port add sw1 p2
check_eq "ip link: vswctl's port p2 has master sw1" sw1 dev_master 0 p2
check "vm1 -> vm2 ping over the ip-link-made switch" ping_ok 1 192.0.2.2

check "ip link set p1 nomaster" ip -n "$NS0" link set dev p1 nomaster
check "nomaster: p1 is not a port any more" not_a_port p1
check_eq "nomaster: p1 has no master" none dev_master 0 p1
check_not "nomaster: vm1 cannot reach vm2" n1 ping -q -c 1 -W 1 192.0.2.2
check "vswctl port del p2" vsw port del p2
check_eq "port del: ip link shows p2 without master" none dev_master 0 p2
check "port del: p2 is not a port" not_a_port p2

add_switch sw2
check_eq "vswctl switch add: ip -d link says kind vsw" vsw link_kind 0 sw2
check "ip link set p2 master sw2" ip -n "$NS0" link set dev p2 master sw2
check_eq "port show: p2 is on sw2" sw2 port_field p2 switch

setup ip -n "$NS0" link set dev p1 master sw1
check "ip link del sw1 (with a port)" ip -n "$NS0" link del sw1
check_not "ip link del: sw1 not in switch list" switch_listed sw1
check_fail "ip link del: switch show sw1 fails" "" vsw switch show sw1
check "ip link del: p1 survives" dev_exists 0 p1
check_eq "ip link del: p1 has no master" none dev_master 0 p1
check "ip link del: p1 is not a port" not_a_port p1

check "vswctl switch del sw2 (with a port)" vsw switch del sw2
check_not "switch del: ip link has no sw2" dev_exists 0 sw2
check_eq "switch del: p2 has no master" none dev_master 0 p2

finish
