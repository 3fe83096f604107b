#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A VLAN trunk between two QEMU guests: each guest's switch has a virtio-net
# NIC as its uplink; VMs of VLAN 10 and 20 reach their VLAN on the other
# guest, tagged on the wire (tcpdump on the NICs), and not the other VLAN.
#
#   guest A                                  guest B
#   n1 vm1 v10 192.0.2.1  n2 vm2 v20 .2      n1 vm1 v10 192.0.2.11  n2 vm2 v20 .12
#      |                     |                  |                      |
#   n0: p1, p2 -- sw0 -- nic1 ========== nic1 -- sw0 -- p1, p2 (n0)
#                       (virtio-net, QEMU dgram socket)
#
# Static neighbours everywhere: only the VLANs keep the VMs apart. A
# drives the traffic, B captures and counts.
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=../net/lib.sh
source "$(dirname "$0")/../net/lib.sh"
# shellcheck source=../net/lib-vlan.sh
source "$(dirname "$0")/../net/lib-vlan.sh"
# shellcheck source=lib-pair.sh
source "$(dirname "$0")/lib-pair.sh"
require_cmd tcpdump

if [[ $ROLE == A ]]; then me=0; else me=10; fi
setup_ns 0
add_switch sw0
add_pg sw0 v10 vlan 10
add_pg sw0 v20 vlan 20
setup pair_nic nic1
setup vsw uplink add sw0 nic1
add_vm_pg 1 sw0 v10 "192.0.2.$((me + 1))/24"
add_vm_pg 2 sw0 v20 "192.0.2.$((me + 2))/24"
pair_put mac1 "$(vm_mac 1)"
pair_put mac2 "$(vm_mac 2)"
peer_mac1=$(pair_get mac1) || setup false "$PEER's VM MACs"
peer_mac2=$(pair_get mac2) || setup false "$PEER's VM MACs"
if [[ $ROLE == A ]]; then peer=10; else peer=0; fi
setup neigh 1 "192.0.2.$((peer + 1))" "$peer_mac1"
setup neigh 1 "192.0.2.$((peer + 2))" "$peer_mac2"
setup neigh 2 "192.0.2.$((peer + 1))" "$peer_mac1"
setup neigh 2 "192.0.2.$((peer + 2))" "$peer_mac2"
CAP=$TMPD/nic1.txt
capture_start 0 nic1 "$CAP"
check "nic1 (virtio-net) is sw0's uplink" \
	vsw_jq -t "first(j, name='nic1')['kind'] == 'uplink'" port show sw0
check_eq "nic1's driver is virtio_net" virtio_net \
	sh -c "ip netns exec $NS0 ethtool -i nic1 | sed -n 's/^driver: //p'"
pair_sync ready

if [[ $ROLE == A ]]; then
	check "VLAN 10 across the guests: vm1 -> B's vm1" vping 1 192.0.2.11
	check "VLAN 20 across the guests: vm2 -> B's vm2" vping 2 192.0.2.12
	check "1500-byte payload tagged across: vm1 -> B's vm1 (ping -s 1472 -M do)" \
		vping 1 192.0.2.11 -s 1472 -M "do"
	pair_signal pinged
	pair_wait snapped
	check "VLAN 10 -> 20: vm1 cannot reach B's vm2" vping_fails 1 192.0.2.12
	pair_sync tried1
	check "VLAN 20 -> 10: vm2 cannot reach B's vm1" vping_fails 2 192.0.2.11
	pair_sync tried2
	capture_stop
	check_num "on A's nic1: echo requests from vm1 tagged VLAN 10" -ge 2 \
		captured_count "$CAP" 'vlan 10,.*192\.0\.2\.1 > 192\.0\.2\.11: ICMP echo request'
	check_num "on A's nic1: echo replies to vm2 tagged VLAN 20" -ge 2 \
		captured_count "$CAP" 'vlan 20,.*192\.0\.2\.12 > 192\.0\.2\.2: ICMP echo reply'
	check_eq "on A's nic1: nothing untagged" 0 \
		captured_count "$CAP" 'ethertype (IPv4|IPv6|ARP) \([0-9a-fx]+\), length'
	pair_check "B saw the tags and kept the VLANs apart" checked
else
	pair_wait pinged
	capture_stop
	check_num "on B's nic1: echo requests from A's vm1 tagged VLAN 10" -ge 2 \
		captured_count "$CAP" 'vlan 10,.*192\.0\.2\.1 > 192\.0\.2\.11: ICMP echo request'
	check_num "on B's nic1: echo requests from A's vm2 tagged VLAN 20" -ge 2 \
		captured_count "$CAP" 'vlan 20,.*192\.0\.2\.2 > 192\.0\.2\.12: ICMP echo request'
	check_num "on B's nic1: the 1500-byte echo requests, tagged, whole" -ge 2 \
		captured_count "$CAP" 'vlan 10,.*192\.0\.2\.1 > 192\.0\.2\.11: ICMP echo request.* length 1480'
	check_eq "B learned A's vm1 on nic1 in VLAN 10 only" '[[10, "nic1"]]' \
		vsw_jq "sorted([e['vlan'], e['port']] for e in where(j, mac='$peer_mac1'))" fdb show sw0
	check_eq "B learned A's vm2 on nic1 in VLAN 20 only" '[[20, "nic1"]]' \
		vsw_jq "sorted([e['vlan'], e['port']] for e in where(j, mac='$peer_mac2'))" fdb show sw0
	rx_snap 1 2
	pair_signal snapped
	pair_wait tried1
	check_eq "A's vm1 (VLAN 10) to vm2's address and MAC: vm2 (VLAN 20) got nothing" 0 rx_delta 2
	rx_snap 1
	pair_sync tried1
	pair_wait tried2
	check_eq "A's vm2 (VLAN 20) to vm1's address and MAC: vm1 (VLAN 10) got nothing" 0 rx_delta 1
	pair_sync tried2
	pair_signal checked
fi

finish
