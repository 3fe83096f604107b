#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host-only networking, set up with the commands of the user guide's
# "Host-only networking": the VMs and the host share a network and nothing
# leaves it. 07-host-only checks the host port itself (port show, its FDB
# entry, TCP throughput); this is the topology around it. The host also has
# a leg on another network ("outside"), the VMs' default route is the host
# and the outside has a route back to the VMs: only the host not forwarding
# keeps them apart, and the last check turns forwarding on to show it.
#
#   n1 (vm1) 192.0.2.11/24          n2 (vm2) 192.0.2.12/24
#            2001:db8:1::11/64               2001:db8:1::12/64
#            default via 192.0.2.1           default via 192.0.2.1
#     |                                 |
#   n0: vnet0 ------------ sw0 -------- vnet1        (no uplink)
#               192.0.2.1/24, 2001:db8:1::1/64 (host)
#   n0: eth0 203.0.113.10/24 ------------ n5 (outside) eth0 203.0.113.20/24,
#                                         route 192.0.2.0/24 via 203.0.113.10
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
require_cmd socat

setup_ns 0
# The guide's commands, in the host n0 (setup_ns turned IPv6 off there).
add_switch sw0 # vswctl switch add sw0; ip link set sw0 up
setup n0 sysctl -qw net.ipv6.conf.sw0.disable_ipv6=0
setup n0 ip addr add 192.0.2.1/24 dev sw0
setup n0 ip -6 addr add 2001:db8:1::1/64 dev sw0
add_veth 1 vnet0
add_veth 2 vnet1
setup vsw port add sw0 vnet0
setup vsw port add sw0 vnet1

# In the VMs.
for n in 1 2; do
	setup ip -n "$(ns_of $n)" addr add "192.0.2.1$n/24" dev eth0
	setup ip -n "$(ns_of $n)" route add default via 192.0.2.1
	setup ip netns exec "$(ns_of $n)" sysctl -qw net.ipv6.conf.eth0.disable_ipv6=0
	setup ip -n "$(ns_of $n)" addr add "2001:db8:1::1$n/64" dev eth0 nodad
done

# The host's other network.
add_veth 5 eth0
setup n0 ip addr add 203.0.113.10/24 dev eth0
setup ip -n "$NS5" addr add 203.0.113.20/24 dev eth0
setup ip -n "$NS5" route add 192.0.2.0/24 via 203.0.113.10

# sw0's IPv6 address is used once duplicate address detection is done.
dad_done() { [[ -z $(n0 ip -6 addr show dev sw0 tentative) ]]; }
setup wait_for 10 dad_done

port_kinds() { vsw_jq "sorted('%s:%s' % (e['name'], e['kind']) for e in j)" port show sw0; }
check_eq "sw0 has the host port and two VM ports, no uplink" \
	'["sw0:host", "vnet0:port", "vnet1:port"]' port_kinds

check "host -> vm1 ping" ping_ok 0 192.0.2.11
check "host -> vm2 ping" ping_ok 0 192.0.2.12
check "vm1 -> host ping" ping_ok 1 192.0.2.1
check "vm1 -> vm2 ping" ping_ok 1 192.0.2.12
check "host -> vm1 ping6" ping_ok 0 2001:db8:1::11
check "vm2 -> host ping6" ping_ok 2 2001:db8:1::1

setup tcp_serve 1 5000
check_eq "TCP host -> vm1 (vm1 sees 192.0.2.1)" 192.0.2.1 tcp_peer 0 192.0.2.11 5000
check_eq "TCP vm2 -> vm1 (vm1 sees 192.0.2.12)" 192.0.2.12 tcp_peer 2 192.0.2.11 5000

setup tcp_serve 5 5000
check "the host reaches the outside (203.0.113.20)" ping_ok 0 203.0.113.20
check_eq "the host does not forward (net.ipv4.ip_forward = 0)" 0 \
	n0 sysctl -n net.ipv4.ip_forward
check "vm1 reaches the host's own 203.0.113.10 (local, not forwarded)" \
	ping_ok 1 203.0.113.10
check_not "vm1 cannot reach the outside (ping 203.0.113.20)" \
	n1 ping -q -c 2 -i 0.2 -W 1 203.0.113.20
check_not "vm1 cannot reach the outside (TCP 203.0.113.20:5000)" tcp_peer 1 203.0.113.20 5000
check_not "the outside cannot reach vm1 through the host (ping 192.0.2.11)" \
	n5 ping -q -c 2 -i 0.2 -W 1 192.0.2.11
check_not "the outside cannot reach vm1 through the host (TCP 192.0.2.11:5000)" \
	tcp_peer 5 192.0.2.11 5000

# Only forwarding was missing: routes and addresses above are right.
setup n0 sysctl -qw net.ipv4.ip_forward=1
check "with forwarding on, vm1 reaches the outside (the host kept it in)" \
	ping_ok 1 203.0.113.20

finish
