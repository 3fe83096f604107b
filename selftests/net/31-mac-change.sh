#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# MAC address changes: vm1 changes its eth0 address. With mac-change off (the
# default) the port keeps its MAC: the guest's frames from the new address
# are forged (dropped with forged-transmits off), unicast to the new address
# never reaches it, and known unicast pointing at the port for a MAC that is
# not the port's is dropped as drops.mac_change. With mac-change on the
# port's MAC follows the guest and it is reachable at the new address.
#
#   n1 (vm1) .1 (changes MAC)         n2 (vm2) .2
#     |                                 |
#   n0: p1 ----------- sw0 ----------- p2          port group "pg"
#
# 192.0.2.0/24, static neighbours, IPv6 off.
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"
# shellcheck source=lib-sec.sh
source "$(dirname "$0")/lib-sec.sh"

setup_ns 0
add_switch sw0
add_pg sw0 pg
add_vm_pg 1 sw0 pg 192.0.2.1/24
add_vm_pg 2 sw0 pg 192.0.2.2/24
m1=$(vm_mac 1)
m2=$(vm_mac 2)
new=$(doc_mac 61)
setup neigh 1 192.0.2.2 "$m2"
setup neigh 2 192.0.2.1 "$m1"

check "vm1 -> vm2 ping before the change" ping_ok 1 192.0.2.2
check_eq "port show p1: mac is vm1's eth0" "$m1" port_field p1 mac sw0
check_eq "portgroup show: mac_change false by default" false pg_sec sw0 pg mac_change

# The guest changes its MAC; vm2 is told the new one.
setup n1 ip link set dev eth0 address "$new"
setup neigh 2 192.0.2.1 "$new"

# mac-change off, forged-transmits off.
drop_snap p1:forged
rx_snap 1
check "mac-change off: vm2 -> vm1 at the new MAC fails" vping_fails 2 192.0.2.1
check_eq "mac-change off: ... vm1 received none of vm2's requests" 0 rx_delta 1
check_eq "mac-change off: p1's MAC stays the old one" "$m1" port_field p1 mac sw0
setup raw_frames 1 eth0 ff:ff:ff:ff:ff:ff "$new" 2
check_num "mac-change off: vm1's frames from the new MAC count drops.forged" -ge 2 drop_delta p1:forged
check_not "mac-change off: the new MAC is not learned" fdb_has sw0 "$new"

# Forged transmits on: vm1 may send from its new MAC but still not receive
# for it.
check "portgroup set pg forged-transmits on" vsw portgroup set sw0 pg forged-transmits on
rx_snap 1 2
setup raw_frames 1 eth0 ff:ff:ff:ff:ff:ff "$new" 2
check_eq "mac-change off, forged on: vm1's frames from the new MAC reach vm2" 2 rx_delta 2
check_not "mac-change off, forged on: ... the new MAC is not learned" fdb_has sw0 "$new"
check_eq "mac-change off, forged on: ... p1's MAC stays the old one" "$m1" port_field p1 mac sw0
check "mac-change off, forged on: vm2 -> vm1 at the new MAC still fails" vping_fails 2 192.0.2.1
check_eq "mac-change off, forged on: ... vm1 received nothing for it" 0 rx_delta 1

# Known unicast for the new MAC pointing at p1 (a static entry): dropped.
check "fdb add sw0 NEW port p1 (static)" vsw fdb add sw0 "$new" port p1
drop_snap p1:mac_change p2:mac_change
rx_snap 1
setup raw_frames 2 eth0 "$new" "$m2" 3
mc_drops() { echo $(($(drop_delta p1:mac_change) + $(drop_delta p2:mac_change))); }
check_eq "known unicast to p1 for a MAC not p1's: drops.mac_change +3" 3 mc_drops
check_eq "... and vm1 received none of it" 0 rx_delta 1
check "fdb del sw0 NEW" vsw fdb del sw0 "$new"

# mac-change on (forged-transmits back off: a move is not forgery).
check "portgroup set pg mac-change on forged-transmits off" \
	vsw portgroup set sw0 pg mac-change on forged-transmits off
check_eq "portgroup show: mac_change true" true pg_sec sw0 pg mac_change
drop_snap p1:forged
check "mac-change on: vm1 (new MAC) -> vm2 works" ping_ok 1 192.0.2.2
check_eq "mac-change on: p1's MAC moved to the new one" "$new" port_field p1 mac sw0
check_eq "mac-change on: port show p1: mac_admin false" false port_field p1 mac_admin sw0
check_eq "mac-change on: the new MAC is learned on p1" p1 fdb_port sw0 "$new"
check "mac-change on: vm2 -> vm1 at the new MAC works" ping_ok 2 192.0.2.1
check_eq "mac-change on: no drops.forged meanwhile" 0 drop_delta p1:forged

# The old MAC is not p1's any more: frames for it are not delivered.
rx_snap 1
setup raw_frames 2 eth0 "$m1" "$m2" 3
check_eq "mac-change on: frames to vm1's old MAC are not delivered" 0 rx_delta 1

# And off again: the port keeps the new MAC, another change is refused.
check "portgroup set pg mac-change off" vsw portgroup set sw0 pg mac-change off
setup n1 ip link set dev eth0 address "$m1"
setup neigh 2 192.0.2.1 "$m1"
check "mac-change off again: vm2 -> vm1 at the old MAC fails" vping_fails 2 192.0.2.1
check_eq "mac-change off again: p1's MAC stays the new one" "$new" port_field p1 mac sw0

finish
