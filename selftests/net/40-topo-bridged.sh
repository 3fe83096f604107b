#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Bridged networking, set up with the commands of the user guide's "Bridged
# networking" and "Bridged networking with a tagged uplink": the host's
# "physical NIC" eth1 becomes the uplink, the host's address moves from eth1
# to sw0 (which takes eth1's MAC), and the VMs are on the physical LAN. A
# VM in port group Web (VLAN 10) reaches a Linux VLAN peer on the LAN.
#
#   n1 (vm1) 198.51.100.11/24   n2 (vm2) 198.51.100.12/24   n3 (vm3, Web) 192.0.2.13/24
#            default via .1              default via .1
#     |                           |                           |
#   n0: vnet0 ------------------ sw0 ------------------------ vnet2
#                         198.51.100.10/24 (host)
#                         default via 198.51.100.1
#                                 |
#                               eth1 (uplink; had 198.51.100.10 before)
#                                 |
#   n5 (the LAN, a router/physical host): eth0 198.51.100.1/24
#                                         eth0.10 192.0.2.100/24
#                                         lo 203.0.113.1/32 (beyond the router)
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
require_cmd socat

setup_ns 0
# The host with its physical NIC eth1 on the LAN, before vsw.
add_veth 5 eth1
setup n0 ip addr add 198.51.100.10/24 dev eth1
setup ip -n "$NS5" addr add 198.51.100.1/24 dev eth0
setup ip -n "$NS5" addr add 203.0.113.1/32 dev lo
setup ping_ok 0 198.51.100.1
eth1_mac=$(dev_mac 0 eth1)
lan_mac=$(vm_mac 5)
add_veth 1 vnet0
add_veth 2 vnet1
add_veth 3 vnet2

# The guide's commands, in the host n0.
setup vsw switch add sw0
track_switch sw0
setup vsw uplink add sw0 eth1
setup n0 ip link set eth1 up
setup n0 ip link set sw0 address "$(n0 cat /sys/class/net/eth1/address)"
setup n0 ip link set sw0 up
setup n0 ip addr del 198.51.100.10/24 dev eth1
setup n0 ip addr add 198.51.100.10/24 dev sw0
setup n0 ip route add default via 198.51.100.1 dev sw0
setup vsw port add sw0 vnet0
setup vsw port add sw0 vnet1

# The VMs take addresses on the LAN.
for n in 1 2; do
	setup ip -n "$(ns_of $n)" addr add "198.51.100.1$n/24" dev eth0
	setup ip -n "$(ns_of $n)" route add default via 198.51.100.1
done

port_kinds() { vsw_jq "sorted('%s:%s' % (e['name'], e['kind']) for e in j)" port show sw0; }
check_eq "eth1 is sw0's uplink" '["eth1:uplink", "sw0:host", "vnet0:port", "vnet1:port"]' port_kinds

check "host -> LAN router 198.51.100.1 from sw0" ping_ok 0 198.51.100.1
lan_sees_host() { n5 ip neigh show 198.51.100.10 dev eth0 | awk '{ print $3 }'; }
check_eq "the LAN still sees the host at eth1's MAC (sw0 took it)" "$eth1_mac" lan_sees_host
check "host -> 203.0.113.1 by its default route via the LAN router" ping_ok 0 203.0.113.1

check "vm1 -> LAN router" ping_ok 1 198.51.100.1
check "vm2 -> LAN router" ping_ok 2 198.51.100.1
check "LAN -> vm1" ping_ok 5 198.51.100.11
check "LAN -> vm2" ping_ok 5 198.51.100.12
check "vm1 -> host (198.51.100.10)" ping_ok 1 198.51.100.10
check "vm2 -> 203.0.113.1 by its default route via the LAN router" ping_ok 2 203.0.113.1
setup tcp_serve 5 5000
setup tcp_serve 1 5001
check_eq "TCP vm1 -> LAN: the LAN sees vm1's own address (no NAT)" 198.51.100.11 \
	tcp_peer 1 198.51.100.1 5000
check_eq "TCP LAN -> vm1" 198.51.100.1 tcp_peer 5 198.51.100.11 5001
check_eq "the LAN router's MAC is learned on eth1" eth1 fdb_port sw0 "$lan_mac"
check_eq "vm1's MAC is learned on vnet0" vnet0 fdb_port sw0 "$(vm_mac 1)"

# A tagged uplink: port group Web (VLAN 10), a Linux VLAN peer on the LAN.
setup vsw portgroup add sw0 Web vlan 10
setup vsw port add sw0 vnet2 portgroup Web
setup ip -n "$(ns_of 3)" addr add 192.0.2.13/24 dev eth0
# The guide's VLAN peer, in the LAN netns.
setup n5 ip link add link eth0 name eth0.10 type vlan id 10
setup n5 ip addr add 192.0.2.100/24 dev eth0.10
setup n5 ip link set eth0 up
setup n5 ip link set eth0.10 up

rx10=$(dev_stat 5 eth0.10 rx_packets)
rx10_delta() { echo $(($(dev_stat 5 eth0.10 rx_packets) - rx10)); }
check "vm3 (Web, VLAN 10) -> the LAN's eth0.10" ping_ok 3 192.0.2.100
check_num "... its frames arrive tagged 10 (on eth0.10)" -ge 3 rx10_delta
check "the LAN's eth0.10 -> vm3 (untagged at the VM)" ping_ok 5 192.0.2.13
setup tcp_serve 3 5002
check_eq "TCP LAN eth0.10 -> vm3" 192.0.2.100 tcp_peer 5 192.0.2.13 5002
check_eq "the LAN's MAC is learned in VLAN 10 on eth1" eth1 fdb_port sw0 "$lan_mac" 10

finish
