#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# An uplink is an 802.1Q trunk towards a Linux "physical switch": its VLAN
# subinterfaces reach exactly the VMs of their VLAN, VLAN 0 is untagged on
# the wire, tags keep the PCP the VM gave them, a full 1500-byte payload
# passes tagged, and VLANs no port group uses are dropped at the uplink
# unless a trunk-all (4095) port group exists.
#
#   n1 (vm1)  v10: 192.0.2.1/24          n5 (phys): eth0      203.0.113.50/24
#   n2 (vm2)  v20: 198.51.100.2/25                  eth0.10   192.0.2.50/24
#   n3 (vm3)  v20: 192.0.2.3/24 (!)                 eth0.20   198.51.100.50/25
#   n4 (vm4)  default: 203.0.113.4/24               eth0.30   198.51.100.180/25
#   n6 (vm6)  v10: eth0.0 192.0.2.6/24,                |
#             egress-qos-map 0:5 (priority tags)       |
#   n7 (vm7)  vgt (4095), added last: eth0.30          |
#             198.51.100.137/25                        |
#     |                                                |
#   n0: p1 p2 p3 p4 p6 [p7] --- sw0 --------------- up0 (uplink, tcpdump)
#
# vm3 sits in VLAN 20 with an address of VLAN 10's subnet: only the tags
# keep the peer's eth0.10 from reaching it.
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"
require_cmd tcpdump

setup_ns 0
add_switch sw0
add_pg sw0 v10 vlan 10
add_pg sw0 v20 vlan 20
add_vm_pg 1 sw0 v10 192.0.2.1/24
add_vm_pg 2 sw0 v20 198.51.100.2/25
add_vm_pg 3 sw0 v20 192.0.2.3/24
add_vm_pg 4 sw0 default 203.0.113.4/24
add_vm_pg 6 sw0 v10
add_vlan_if 6 eth0 0 192.0.2.6/24 egress-qos-map 0:5
# Its replies arrive on eth0, not eth0.0: no reverse-path filter.
setup n6 sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth0.rp_filter=0
add_uplink_peer 5 up0 sw0
setup ip -n "$NS5" addr add 203.0.113.50/24 dev eth0
add_vlan_if 5 eth0 10 192.0.2.50/24
add_vlan_if 5 eth0 20 198.51.100.50/25
add_vlan_if 5 eth0 30 198.51.100.180/25
pmac=$(vm_mac 5)
# vm6's replies come back untagged on eth0, so ARP on eth0.0 would never
# complete; the peer answers vm6 from static entries too.
setup neigh_dev 6 eth0.0 192.0.2.50 "$pmac"
setup neigh_dev 5 eth0.10 192.0.2.6 "$(vm_mac 6)"
CAP=$TMPD/up0.txt

check_eq "port show up0: kind uplink, portgroup default" "uplink default" \
	vsw_jq "'%s %s' % (first(j, name='up0')['kind'], first(j, name='up0')['portgroup'])" port show sw0

capture_start 0 up0 "$CAP"
check "peer eth0.10 -> vm1 (VLAN 10)" vping 5 192.0.2.1
check "peer eth0.20 -> vm2 (VLAN 20)" vping 5 198.51.100.2
check "peer untagged eth0 -> vm4 (VLAN 0)" vping 5 203.0.113.4
check "vm1 -> peer eth0.10" vping 1 192.0.2.50
check "peer eth0.10 cannot reach vm3 (VLAN 20, address in VLAN 10's subnet)" \
	vping_fails 5 192.0.2.3
check "vm6 sends priority-tagged frames (eth0.0, PCP 5) and reaches the peer" \
	vping 6 192.0.2.50
capture_stop

check "tcpdump on up0: vm1's echo requests leave tagged: vlan 10, p 0" \
	captured "$CAP" 'vlan 10, p 0, ethertype IPv4.* 192\.0\.2\.1 > 192\.0\.2\.50: ICMP echo request'
check "tcpdump on up0: the peer's echo replies come in tagged vlan 10" \
	captured "$CAP" 'vlan 10, p 0, ethertype IPv4.* 192\.0\.2\.50 > 192\.0\.2\.1: ICMP echo reply'
check "tcpdump on up0: vm1's ARP goes out tagged vlan 10" \
	captured "$CAP" 'vlan 10, p 0, ethertype ARP.*(Request who-has 192\.0\.2\.50|Reply 192\.0\.2\.1 is-at)'
check "tcpdump on up0: vm2's echo replies leave tagged: vlan 20, p 0" \
	captured "$CAP" 'vlan 20, p 0, ethertype IPv4.* 198\.51\.100\.2 > 198\.51\.100\.50: ICMP echo reply'
check "tcpdump on up0: vm4 (VLAN 0) leaves untagged" \
	captured "$CAP" ', ethertype IPv4 \(0x0800\), length [0-9]+: 203\.0\.113\.4 > 203\.0\.113\.50: ICMP echo reply'
check_eq "tcpdump on up0: no VLAN 0 frame is tagged" 0 \
	captured_count "$CAP" 'vlan [0-9]+, p [0-9]+, .*203\.0\.113\.|vlan 0,'
check_eq "tcpdump on up0: vm1's frames never tagged vlan 20" 0 \
	captured_count "$CAP" 'vlan 20, .*192\.0\.2\.1 >'
check "tcpdump on up0: vm6's priority-tagged frames leave as vlan 10, p 5" \
	captured "$CAP" 'vlan 10, p 5, ethertype IPv4.* 192\.0\.2\.6 > 192\.0\.2\.50: ICMP echo request'
check_eq "tcpdump on up0: vm6's frames never lose their PCP (no vlan 10, p 0 from 192.0.2.6)" 0 \
	captured_count "$CAP" 'vlan 10, p 0, .* 192\.0\.2\.6 > '
check_eq "tcpdump on up0: vm3 (VLAN 20) never answered in VLAN 10" 0 \
	captured_count "$CAP" '192\.0\.2\.3 > |192\.0\.2\.3 is-at'

check "1500-byte payload tagged: peer eth0.10 -> vm1 (ping -s 1472 -M do)" \
	vping 5 192.0.2.1 -s 1472 -M "do"
check "1500-byte payload tagged: vm1 -> peer eth0.10 (ping -s 1472 -M do)" \
	vping 1 192.0.2.50 -s 1472 -M "do"

check_eq "the peer's MAC is learned on up0 in VLANs 0, 10 and 20" "[0, 10, 20]" fdb_vlans sw0 "$pmac"
check_eq "... (MAC, 10) on up0" up0 fdb_port sw0 "$pmac" 10

# Broadcast counting from both sides; the neighbours the pings resolved
# stay quiet from now on.
setup freeze_neigh 1 2 3 4 5 6
rx_snap 1 2 3 4 6
n5 ping -q -b -c 3 -i 0.2 -W 1 -I eth0.10 192.0.2.255 >/dev/null 2>&1
check_eq "broadcast from peer eth0.10 reaches vm1 and vm6 (3 each)" "3 3" rx_deltas 1 6
check_eq "... and not vm2, vm3 (VLAN 20) or vm4 (VLAN 0)" "0 0 0" rx_deltas 2 3 4
rx_snap 5:eth0.10 5:eth0.20 5:eth0.30
n2 ping -q -b -c 3 -i 0.2 -W 1 198.51.100.127 >/dev/null 2>&1
check_eq "broadcast from vm2 (VLAN 20) reaches the peer's eth0.20 (3)" 3 rx_delta 5:eth0.20
check_eq "... and not its eth0.10 or eth0.30" "0 0" rx_deltas 5:eth0.10 5:eth0.30

# A VLAN no port group uses: dropped at the uplink, counted.
d=$(port_drops up0 vlan sw0)
rx_snap 1 2 3 4 6
setup raw_send 5 eth0.30 ff:ff:ff:ff:ff:ff "$(doc_mac 30)" "$(doc_mac 31)"
drops_up0() { echo $(($(port_drops up0 vlan sw0) - d)); }
check_wait "frames of VLAN 30 (no port group) from the uplink: 2 drops (vlan) on up0" 3 \
	out_is 2 drops_up0
check_eq "... reaching no VM" "0 0 0 0 0" rx_deltas 1 2 3 4 6
check_eq "... and not learned" 0 fdb_count sw0 "$(doc_mac 30)"

# With a trunk-all group, every VLAN is in use: a VGT guest gets VLAN 30.
add_pg sw0 vgt vlan 4095
add_vm_pg 7 sw0 vgt
add_vlan_if 7 eth0 30 198.51.100.137/25
d=$(port_drops up0 vlan sw0)
check "with a 4095 port group, peer eth0.30 -> VGT vm7's eth0.30" vping 5 198.51.100.137
check_eq "... and up0 drops nothing (vlan)" 0 drops_up0
check_eq "the peer's MAC is now learned in VLAN 30 too" up0 fdb_port sw0 "$pmac" 30

finish
