#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# An internal network, set up with the commands of the user guide's
# "Internal network": the VMs share a switch that not even the host is on.
# The switch device sw1 stays down and has no address; the VMs reach each
# other, the host cannot reach them, they cannot reach the host. The host
# owns an address on another device (dummy0) that it would answer ARP for
# on any interface; the middle checks bring sw1 up with a route through it
# to show that the host port is what kept it out.
#
#   n1 (vm1) 192.0.2.11/24          n2 (vm2) 192.0.2.12/24
#            198.51.100.0/24 on-link         (both: 198.51.100.10 looks local)
#     |                                 |
#   n0: vnet2 ------------ sw1 -------- vnet3      (sw1 down, no address)
#   n0: dummy0 198.51.100.10/24 (the host's address elsewhere)
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
require_cmd socat

setup_ns 0
add_veth 1 vnet2
add_veth 2 vnet3
# The guide's commands, in the host n0.
setup vsw switch add sw1
track_switch sw1
setup vsw port add sw1 vnet2
setup vsw port add sw1 vnet3

for n in 1 2; do
	setup ip -n "$(ns_of $n)" addr add "192.0.2.1$n/24" dev eth0
	setup ip -n "$(ns_of $n)" route add 198.51.100.0/24 dev eth0
done
setup n0 ip link add dummy0 type dummy
setup n0 ip addr add 198.51.100.10/24 dev dummy0
setup n0 ip link set dummy0 up

sw1_up() { n0 ip -o link show dev sw1 | grep -q '[<,]UP[,>]'; }
sw1_rx() { dev_stat 0 sw1 rx_packets; }

check_not "sw1 is down" sw1_up
check_eq "sw1 has no address" "" n0 ip -o addr show dev sw1
check_eq "sw1 has no uplink" '[]' \
	vsw_jq "[e['name'] for e in where(j, kind='uplink')]" port show sw1

check "vm1 -> vm2 ping with sw1 down" ping_ok 1 192.0.2.12
check "vm2 -> vm1 ping with sw1 down" ping_ok 2 192.0.2.11
setup tcp_serve 2 5000
check_eq "TCP vm1 -> vm2 (vm2 sees 192.0.2.11)" 192.0.2.11 tcp_peer 1 192.0.2.12 5000

check_not "the host has no route to the VMs" n0 ip route get 192.0.2.11
check_not "host -> vm1 ping fails" n0 ping -q -c 2 -i 0.2 -W 1 192.0.2.11
rx=$(sw1_rx)
check_not "vm1 -> the host's 198.51.100.10 fails" n1 ping -q -c 2 -i 0.2 -W 1 198.51.100.10
rx_delta() { echo $(($(sw1_rx) - rx)); }
check_eq "... and the host received nothing on sw1" 0 rx_delta

# Control: sw1 up, a route through it, still no address on it. The host
# now answers ARP for 198.51.100.10 on sw1 and talks from that address.
setup n0 ip link set sw1 up
setup n0 ip route add 192.0.2.0/24 dev sw1
check "control: with sw1 up and a route, host -> vm1 ping" ping_ok 0 192.0.2.11
check "control: ... and vm1 -> the host's 198.51.100.10" ping_ok 1 198.51.100.10

# Down again: the kernel drops the route with the device, and frames for
# the host port are not delivered.
setup n0 ip link set sw1 down
check_eq "with sw1 down again, its route is gone" "" n0 ip route show 192.0.2.0/24
check_not "with sw1 down again, host -> vm1 ping fails" \
	n0 ping -q -c 2 -i 0.2 -W 1 192.0.2.11
setup n1 ip neigh flush dev eth0
rx=$(sw1_rx)
check_not "with sw1 down again, vm1 -> the host's 198.51.100.10 fails" \
	n1 ping -q -c 2 -i 0.2 -W 1 198.51.100.10
check_eq "... and the host received nothing on sw1" 0 rx_delta
check "the VMs still reach each other" ping_ok 1 192.0.2.12

finish
