#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The JSON of switch show, port show and port show -s / stats: fields, types,
# values; counters move with traffic; drops are counted by reason.
#
#   n1 (vm1) 192.0.2.1                     n2 (vm2) 192.0.2.2
#     |                                      |
#   n0: p1 ------------- sw0 --------------- p2
#
# Static neighbours and IPv6 off: the pings below are the only traffic.
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

setup_ns 0
add_switch sw0
# These tests send from source MACs other than the VM's own; the security
# policies that would drop them are tested in 30-*.sh.
setup vsw portgroup set sw0 default forged-transmits on
add_vm 1 sw0
add_vm 2 sw0
m1=$(vm_mac 1)
m2=$(vm_mac 2)
setup neigh 1 192.0.2.2 "$m2"
setup neigh 2 192.0.2.1 "$m1"

check "switch show: name, ifindex, ageing, fdb_max, fdb_count numbers, ports a list" \
	vsw_jq -t "all(type(e['name']) is str and all(type(e[k]) is int for k in ('ifindex', 'ageing', 'fdb_max', 'fdb_count')) and type(e['ports']) is list for e in j) and len(j) == 1" \
	switch show
check_eq "switch show: ports are p1, p2" '["p1", "p2"]' \
	vsw_jq "sorted(p for p in first(j, name='sw0')['ports'] if p != 'sw0')" switch show sw0

check "port show: every object has name, switch, kind, portgroup, mac" \
	vsw_jq -t "len(j) == 3 and all({'name', 'switch', 'kind', 'portgroup', 'mac'} <= set(e) for e in j)" \
	port show sw0
check_eq "port show p1: switch sw0" sw0 port_field p1 switch sw0
check_eq "port show p1: kind port" port port_field p1 kind sw0
check_eq "port show p1: portgroup default" default port_field p1 portgroup sw0
check_eq "port show p1: dev_mac is p1's address" "$(dev_mac 0 p1)" port_field p1 dev_mac sw0
check_eq "port show sw0: kind host" host port_field sw0 kind sw0
check_eq "port show sw0: dev_mac is sw0's address" "$(dev_mac 0 sw0)" port_field sw0 dev_mac sw0
check_eq "port show (no switch) lists the same ports" \
	"$(vsw_jq "sorted(e['name'] for e in j)" port show sw0)" \
	vsw_jq "sorted(e['name'] for e in j if e['switch'] == 'sw0')" port show

check "port show -s: stats has the 4 counters (numbers) and a drops object" \
	vsw_jq -t "all(all(type(e['stats'][k]) is int for k in ('rx_packets', 'rx_bytes', 'tx_packets', 'tx_bytes')) and type(e['stats']['drops']) is dict for e in j)" \
	-s port show sw0

declare -A c0
snap()
{
	local p k
	for p in p1 p2; do
		for k in rx_packets tx_packets rx_bytes tx_bytes; do
			c0[$p.$k]=$(port_stat "$p" "$k" sw0)
		done
	done
}
delta() { echo $(($(port_stat "$1" "$2" sw0) - c0[$1.$2])); }

snap
setup ping_ok 1 192.0.2.2
check_eq "3 pings: p1 rx_packets +3 (requests into the switch)" 3 delta p1 rx_packets
check_eq "3 pings: p2 tx_packets +3 (requests out to vm2)" 3 delta p2 tx_packets
check_eq "3 pings: p2 rx_packets +3 (replies)" 3 delta p2 rx_packets
check_eq "3 pings: p1 tx_packets +3 (replies)" 3 delta p1 tx_packets
check_num "3 pings: p1 rx_bytes + at least 3 x 84" -ge 252 delta p1 rx_bytes
check_num "3 pings: p1 rx_bytes + at most 3 x 102" -le 306 delta p1 rx_bytes
check_num "3 pings: p2 tx_bytes + at least 3 x 84" -ge 252 delta p2 tx_bytes

drops() { vsw_jq "first(j, name='$1')['stats']['drops'].get('$2', 0)" -s port show sw0; }
r2=$(dev_stat 2 eth0 rx_packets)
rx2_delta() { echo $(($(dev_stat 2 eth0 rx_packets) - r2)); }
setup raw_send 1 eth0 ff:ff:ff:ff:ff:ff 00:00:00:00:00:00 01:00:5e:00:00:01
check_num "zero and group source MACs: p1 drops invalid_source >= 2" -ge 2 drops p1 invalid_source
check_eq "frames with an invalid source are not forwarded" 0 rx2_delta
check_eq "an invalid source is not learned" none fdb_port sw0 00:00:00:00:00:00
# To vm1's own MAC, from behind p1: the destination is the ingress port.
setup raw_send 1 eth0 "$m1" "$(doc_mac 5)"
check_num "destination behind the ingress port: p1 drops same_port >= 1" -ge 1 drops p1 same_port
check_eq "... and not forwarded" 0 rx2_delta

check "stats sw0 -j: p1 and p2 with rx_packets and drops" \
	vsw_jq -t "all(type(first(j, name=p)['rx_packets']) is int and type(first(j, name=p)['drops']) is dict for p in ('p1', 'p2'))" \
	stats sw0
check "stats sw0 (text) works" vsw stats sw0
check "port show -s (text) works" vsw -s port show sw0
check "pretty JSON (-p) is JSON too" eval 'vsw -j -p switch show sw0 | jq_py -t "first(j, name=\"sw0\")"'

finish
