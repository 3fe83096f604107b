#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Forged transmits: a port's MAC is the first source seen on it (or the
# admin's); with forged-transmits off (the default) a frame from any other
# source is dropped and counted (drops.forged), and never learned, so a VM
# cannot steal another's traffic by spoofing its MAC. With it on the frame
# is forwarded, but the foreign source is still never learned and frames to
# it are not delivered to the port (mac-change stays off).
#
#   n1 (vm1) .1 (spoofer)   n2 (vm2) .2           n3 (vm3) .3
#     |                       |                     |
#   n0: p1 ---------------- p2 ------- sw0 -------- p3      port group "pg"
#
# 192.0.2.0/24, static neighbours, IPv6 off: only our frames are on the wire.
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
for i in 1 2 3; do
	add_vm_pg $i sw0 pg "192.0.2.$i/24"
done
declare -A mac
for i in 1 2 3; do
	mac[$i]=$(vm_mac $i)
done
for i in 1 2 3; do
	for j in 1 2 3; do
		((i == j)) || setup neigh $i "192.0.2.$j" "${mac[$j]}"
	done
done
spoof=$(doc_mac 81)

check_eq "portgroup add: security defaults all off" \
	'{"forged_transmits": false, "mac_change": false, "promisc": false}' \
	vsw_jq "json.dumps(first(j, name='pg')['security'], sort_keys=True)" portgroup show sw0 pg
check_eq "portgroup add: shaping null by default" null pg_shaping sw0 pg
check_eq "port show p1: mac null before the VM sent anything" null port_field p1 mac sw0
check_eq "port show p1: mac_admin false" false port_field p1 mac_admin sw0
check_eq "port show p1: dev_mac is p1's address" "$(dev_mac 0 p1)" port_field p1 dev_mac sw0

check "vm1 -> vm2 ping (own MACs: not forged)" ping_ok 1 192.0.2.2
check "vm3 -> vm2 ping" ping_ok 3 192.0.2.2
check_eq "port show p1: mac is the first source seen (vm1's eth0)" "${mac[1]}" port_field p1 mac sw0
check_eq "port show p3: mac is vm3's eth0" "${mac[3]}" port_field p3 mac sw0
check_eq "vm3's MAC is learned on p3" p3 fdb_port sw0 "${mac[3]}"

# forged-transmits off: a made-up source, broadcast.
drop_snap p1:forged
rx_snap 2 3
setup raw_frames 1 eth0 ff:ff:ff:ff:ff:ff "$spoof" 3
check_eq "forged off: 3 spoofed broadcasts from vm1 count drops.forged +3 on p1" 3 drop_delta p1:forged
check_eq "forged off: ... vm2 and vm3 received none of them" "0 0" rx_deltas 2 3
check_not "forged off: ... the spoofed source is not learned" fdb_has sw0 "$spoof"
check_eq "forged off: ... p1's MAC did not move" "${mac[1]}" port_field p1 mac sw0

# Stealing: vm1 sends from vm3's MAC, unicast to vm2.
drop_snap p1:forged
rx_snap 2 3
setup raw_frames 1 eth0 "${mac[2]}" "${mac[3]}" 3
check_eq "forged off: 3 frames from vm3's MAC sent by vm1 count drops.forged +3" 3 drop_delta p1:forged
check_eq "forged off: ... vm2 received none of them" 0 rx_delta 2
check_eq "forged off: ... vm3's fdb entry stays on p3" p3 fdb_port sw0 "${mac[3]}"
rx_snap 1
check "forged off: ... vm2 -> vm3 still works" ping_ok 2 192.0.2.3
check_eq "forged off: ... and vm1 (the spoofer) got none of it" 0 rx_delta 1

# Admin-set MAC: a guest using its own eth0 address is forged then.
check "port set p3 mac (admin)" vsw port set p3 mac "$(doc_mac 33)"
check_eq "port show p3: mac is the admin's" "$(doc_mac 33)" port_field p3 mac sw0
check_eq "port show p3: mac_admin true" true port_field p3 mac_admin sw0
drop_snap p3:forged
n3 ping -q -c 2 -i 0.2 -W 1 192.0.2.2 >/dev/null 2>&1
check_num "admin MAC: vm3's frames from its eth0 address count drops.forged" -ge 2 drop_delta p3:forged
check "port set p3 mac none" vsw port set p3 mac none
check_eq "port show p3: mac_admin false again" false port_field p3 mac_admin sw0
check "mac none: the next source sticks again, vm3 -> vm2 works" ping_ok 3 192.0.2.2
check_eq "port show p3: mac is vm3's eth0 again" "${mac[3]}" port_field p3 mac sw0

# forged-transmits on.
check "portgroup set pg forged-transmits on" vsw portgroup set sw0 pg forged-transmits on
check_eq "portgroup show: security.forged_transmits true" true pg_sec sw0 pg forged_transmits
check_eq "portgroup show: mac_change and promisc still false" "false false" \
	vsw_jq "'%s %s' % (str(first(j, name='pg')['security']['mac_change']).lower(), str(first(j, name='pg')['security']['promisc']).lower())" \
	portgroup show sw0 pg
drop_snap p1:forged
rx_snap 2 3
setup raw_frames 1 eth0 ff:ff:ff:ff:ff:ff "$spoof" 3
check_eq "forged on: 3 spoofed broadcasts reach vm2 and vm3" "3 3" rx_deltas 2 3
check_eq "forged on: ... no drops.forged" 0 drop_delta p1:forged
check_not "forged on: ... the spoofed source is still not learned" fdb_has sw0 "$spoof"
check_eq "forged on: ... p1's MAC did not move (mac-change off)" "${mac[1]}" port_field p1 mac sw0

# Frames to the foreign source: unknown unicast, never delivered to p1.
rx_snap 1
setup raw_frames 2 eth0 "$spoof" "${mac[2]}" 3
check_eq "forged on: frames to the spoofed MAC are not delivered to vm1" 0 rx_delta 1
check_not "forged on: ... and the spoofed MAC is still not learned" fdb_has sw0 "$spoof"

# Stealing with forged on: forwarded, but vm3's entry does not move.
rx_snap 1 2
setup raw_frames 1 eth0 "${mac[2]}" "${mac[3]}" 2
check_eq "forged on: frames from vm3's MAC sent by vm1 reach vm2" 2 rx_delta 2
check_eq "forged on: ... vm3's fdb entry stays on p3" p3 fdb_port sw0 "${mac[3]}"
check "forged on: ... vm2 -> vm3 still works" ping_ok 2 192.0.2.3
check_eq "forged on: ... and vm1 got none of it" 0 rx_delta 1

check "portgroup set pg forged-transmits off" vsw portgroup set sw0 pg forged-transmits off
check_eq "portgroup show: security.forged_transmits false" false pg_sec sw0 pg forged_transmits
drop_snap p1:forged
rx_snap 2
setup raw_frames 1 eth0 ff:ff:ff:ff:ff:ff "$spoof" 2
forged_rx() { echo "$(drop_delta p1:forged) $(rx_delta 2)"; }
check_eq "forged off again: drops.forged +2, vm2 got nothing" "2 0" forged_rx

finish
