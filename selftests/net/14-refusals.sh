#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every refused request says why ("Error: ..." explaining, not a bare errno)
# and changes nothing: switches, ports, fdbs and links are the same after.
#
#   n1 (vm1): eth0 -- p1 (port of sw0)
#   n0: sw0 (vsw), sw1 (vsw, empty)
#       br0 (Linux bridge) with port p2      (p2's peer: eth0 in n2)
#       p3 with a macvlan mv0 on top         (p3's peer: eth0 in n3)
#       p4 free                              (p4's peer: eth0 in n4)
#       lo, tun0 (IFF_TUN: not Ethernet), gre1/ipip1 when the kernel has them
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

SNAP_SWITCHES="sw0 sw1"
setup_ns 0
add_switch sw0
add_switch sw1
add_vm 1 sw0
add_veth 2 p2
add_veth 3 p3
add_veth 4 p4
setup n0 ip link add name br0 type bridge
setup n0 ip link set dev p2 master br0
setup n0 ip link add link p3 name mv0 type macvlan mode bridge
modprobe tun 2>/dev/null
n0 ip tuntap add mode tun name tun0 2>/dev/null
S=$(doc_mac 16)
setup vsw fdb add sw0 "$S" port p1

# Port attach refusals.
check_refused "port add: loopback" "" vsw port add sw0 lo
if dev_exists 0 tun0; then
	check_refused "port add: a non-Ethernet device (tun)" "" vsw port add sw0 tun0
else
	skip "port add: a non-Ethernet device (tun)" "no /dev/net/tun"
fi
if n0 ip link add name gre1 type gre local 192.0.2.1 remote 192.0.2.2 2>/dev/null; then
	check_refused "port add: a non-Ethernet device (gre)" "" vsw port add sw0 gre1
elif n0 ip link add name ipip1 type ipip local 192.0.2.1 remote 192.0.2.2 2>/dev/null; then
	check_refused "port add: a non-Ethernet device (ipip)" "" vsw port add sw0 ipip1
else
	skip "port add: gre/ipip device" "no gre or ipip in this kernel"
fi
check_refused "port add: the switch itself" "" vsw port add sw0 sw0
check_refused "port add: another vsw switch" "" vsw port add sw0 sw1
check_refused "port add: a device with a master (Linux bridge port)" "" vsw port add sw0 p2
check_refused "port add: a device with an rx_handler (macvlan lower)" "" vsw port add sw0 p3
check_refused "port add: a port of this switch again" "" vsw port add sw0 p1
check_refused "port add: a port of another vsw switch" "" vsw port add sw1 p1
check_refused "port add: a nonexistent device" "" vsw port add sw0 nosuch0
check_refused "port add: a device in another netns (vswctl -n)" "" \
	"$VSWCTL" -n "$NS0" port add sw0 eth0
check_refused "port add: switch from another netns (vswctl -n)" "" \
	"$VSWCTL" -n "$NS1" port add sw0 eth0
check_refused "port add: unknown switch" "" vsw port add nosuch p4
check_refused "port add: a Linux bridge is not a vsw switch" "" vsw port add br0 p4
check_refused "uplink add: loopback" "" vsw uplink add sw0 lo
check_refused "uplink add: a device with a master" "" vsw uplink add sw0 p2
check_refused "port del: not a port" "" vsw port del p4
check_refused "port del: nonexistent device" "" vsw port del nosuch0
check_refused "uplink del: a port that is not an uplink" "" vsw uplink del p1

# Switch refusals.
check_refused "switch add: name of an existing switch" "" vsw switch add sw0
check_refused "switch add: name of an existing device" "" vsw switch add br0
check_refused "switch add: ageing 0" "" vsw switch add sw9 ageing 0
check_refused "switch add: ageing 1000001" "" vsw switch add sw9 ageing 1000001
check_refused "switch add: ageing abc" "" vsw switch add sw9 ageing abc
check_refused "switch add: fdb-max -1" "" vsw switch add sw9 fdb-max -1
check_refused "switch add: name too long" "" vsw switch add sw0123456789abcdef
check_refused "switch set: ageing 0" "" vsw switch set sw0 ageing 0
check_refused "switch set: unknown switch" "" vsw switch set nosuch ageing 5
check_refused "switch del: unknown switch" "" vsw switch del nosuch
check_refused "switch del: a Linux bridge" "" vsw switch del br0
check_refused "switch show: unknown switch" "" vsw switch show nosuch
check_refused "stats: unknown switch" "" vsw stats nosuch

# FDB refusals.
check_refused "fdb show: unknown switch" "" vsw fdb show nosuch
check_refused "fdb add: unknown switch" "" vsw fdb add nosuch "$S" port p1
for mac in 00:00:5e:00:53 zz:00:5e:00:53:01 00:00:5e:00:53:01:02 00-00-5e-00-53-1 \
	00:00:00:00:00:00 ff:ff:ff:ff:ff:ff 01:00:5e:00:00:01; do
	check_refused "fdb add: bad MAC $mac" "" vsw fdb add sw0 "$mac" port p1
done
for vlan in 4095 5000 -1 abc; do
	check_refused "fdb add: bad VLAN $vlan" "" vsw fdb add sw0 "$(doc_mac 17)" vlan "$vlan" port p1
done
check_refused "fdb show: bad VLAN 4095" "" vsw fdb show sw0 vlan 4095
check_refused "fdb flush: bad VLAN 4095" "" vsw fdb flush sw0 vlan 4095
check_refused "fdb add: port not on this switch" "" vsw fdb add sw0 "$(doc_mac 17)" port p4
check_refused "fdb add: port of another switch" "" vsw fdb add sw1 "$(doc_mac 17)" port p1
check_refused "fdb add: nonexistent port" "" vsw fdb add sw0 "$(doc_mac 17)" port nosuch0
check_refused "fdb del: entry not there" "" vsw fdb del sw0 "$(doc_mac 17)"
check_refused "fdb del: right MAC, wrong VLAN" "" vsw fdb del sw0 "$S" vlan 7
check_refused "fdb flush: port not on this switch" "" vsw fdb flush sw0 port p4

# Grammar.
check_refused "grammar: switch add without a name" "" vsw switch add
check_refused "grammar: unknown verb" "" vsw switch frobnicate
check_refused "grammar: unknown object" "" vsw frobnicate show
check_refused "grammar: fdb add without a port" "" vsw fdb add sw0 "$(doc_mac 17)"
check_refused "grammar: trailing garbage" "" vsw switch show sw0 extra

# After all that, the switch still works.
check_eq "sw0 still has its ports" '["p1", "sw0"]' vsw_jq "sorted(e['name'] for e in j)" port show sw0
check_eq "p2 still belongs to br0" br0 dev_master 0 p2

finish
