#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Uplinks: kind "uplink" in port show, VMs reach the physical network through
# them, and frames are never forwarded from one uplink to another.
#
#   n1 (vm1) 192.0.2.1                  n5 (phys1) 192.0.2.51
#     |                                   |
#   n0: p1 -------- sw0 ---------------- up1 (uplink)
#                    +------------------ up2 (uplink)
#                                         |
#                                       n6 (phys2) 192.0.2.52
#
# phys1 and phys2 are two separate physical segments; anything phys2 gets
# from phys1 would have gone uplink to uplink.
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"

setup_ns 0
add_switch sw0
# Unknown unicast for another MAC reaches a VM port only when it is
# promiscuous (30-*.sh test the policy itself).
setup vsw portgroup set sw0 default promisc on
add_vm 1 sw0
add_veth 5 up1
add_veth 6 up2
setup ip -n "$NS5" addr add 192.0.2.51/24 dev eth0
setup ip -n "$NS6" addr add 192.0.2.52/24 dev eth0
m1=$(vm_mac 1)
p1mac=$(vm_mac 5)
p2mac=$(vm_mac 6)

check "uplink add sw0 up1" vsw uplink add sw0 up1
check_eq "port show: up1 is of kind uplink" uplink port_field up1 kind sw0
check_eq "port show: p1 is of kind port" port port_field p1 kind sw0
check_eq "port show: up1 is on sw0" sw0 port_field up1 switch sw0
check "vm1 -> phys1 through the uplink" ping_ok 1 192.0.2.51
check_eq "phys1 learned on up1" up1 fdb_port sw0 "$p1mac"

check "uplink add sw0 up2" vsw uplink add sw0 up2
check_eq "port show: up2 is of kind uplink" uplink port_field up2 kind sw0

setup neigh 5 192.0.2.99 "$(doc_mac 99)"
setup neigh 5 192.0.2.52 "$p2mac"
setup neigh 6 192.0.2.51 "$p1mac"
# vm1 and phys1 talked above: pin their entries so that no ARP probe
# between them lands in the windows counted below.
setup neigh 1 192.0.2.51 "$p1mac"
setup neigh 5 192.0.2.1 "$m1"

rx_delta() { echo $(($(dev_stat "$1" eth0 rx_packets) - $2)); }
rx_ge() { (($(rx_delta "$1" "$2") >= $3)); }

# phys2 makes itself known so that its MAC is behind up2. up1 and up2 are
# one team (port-id): floods come in by its first uplink, up1, only, so
# phys2's broadcast is learned but not delivered (a physical network would
# have sent it to up1 as well).
r1=$(dev_stat 1 eth0 rx_packets)
setup raw_send 6 eth0 ff:ff:ff:ff:ff:ff "$p2mac"
setup fdb_is sw0 "$p2mac" up2
check_eq "a flood in by the team's second uplink is not delivered again" \
	1 port_drops up2 team_duplicate sw0
check_eq "... so vm1 did not get it" 0 rx_delta 1 "$r1"

r1=$(dev_stat 1 eth0 rx_packets)
r6=$(dev_stat 6 eth0 rx_packets)
n5 ping -q -b -c 5 -i 0.2 -W 1 192.0.2.255 >/dev/null 2>&1
# At least the 5: a stray control frame may land in the window under TCG;
# exact flood counts are 04-flooding's job.
check_wait "broadcast from phys1 reaches vm1 (5 of 5)" 5 rx_ge 1 "$r1" 5
check_eq "broadcast from phys1 never reaches phys2 (uplink to uplink)" 0 rx_delta 6 "$r6"

r1=$(dev_stat 1 eth0 rx_packets)
r6=$(dev_stat 6 eth0 rx_packets)
n5 ping -q -c 5 -i 0.2 -W 1 192.0.2.99 >/dev/null 2>&1
check_wait "unknown unicast from phys1 reaches vm1 (5 of 5)" 5 rx_ge 1 "$r1" 5
check_eq "unknown unicast from phys1 never reaches phys2" 0 rx_delta 6 "$r6"

r1=$(dev_stat 1 eth0 rx_packets)
r6=$(dev_stat 6 eth0 rx_packets)
n5 ping -q -c 5 -i 0.2 -W 1 192.0.2.52 >/dev/null 2>&1
check_eq "unicast from phys1 to phys2's MAC (behind up2) is not forwarded" 0 rx_delta 6 "$r6"
check_eq "... nor flooded to vm1" 0 rx_delta 1 "$r1"

r5=$(dev_stat 5 eth0 rx_packets)
r6=$(dev_stat 6 eth0 rx_packets)
n1 ping -q -b -c 3 -i 0.2 -W 1 192.0.2.255 >/dev/null 2>&1
uplinks_delta() { echo $(($(rx_delta 5 "$r5") + $(rx_delta 6 "$r6"))); }
check_num "broadcast from vm1 leaves by the uplinks" -ge 3 uplinks_delta

check_fail "port del: kind must match (uplink del on a port)" "" vsw uplink del p1
check "uplink del up2" vsw uplink del up2
check "up2 is not a port any more" vsw_jq -t "first(j, name='up2') is None" port show sw0
check_eq "up2 has no master" none dev_master 0 up2
check "uplink del up1" vsw uplink del up1
check_not "vm1 cannot reach phys1 without the uplink" n1 ping -q -c 1 -W 1 192.0.2.51
check_eq "vm1 is still a port" port port_field p1 kind sw0
check_eq "vm1's entry stays" p1 fdb_port sw0 "$m1"

finish
