#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# MAC table protection: vm1, in a group that lets it use any MAC (mac-change
# and forged-transmits on, as a nested bridge would need), floods random
# source MACs with a per-port limit "fdb-max 64". The switch learns at most
# 64 entries from p1 (port show fdb_count), every new source beyond that is
# dropped as drops.fdb_limit, the other VMs' entries stay, they still talk,
# and a VM that arrives afterwards is learned (switch fdb-max 100: the
# flood did not fill the table). Memory stays bounded (fdb_count, and the
# vsw_fdb_entry slab where it is not merged away).
#
# The flood is up to 100000 frames from a python3 raw socket, as fast as it
# goes, cut off after 30 s: under TCG a guest sends some 2000-10000 frames
# a second, so it usually stops early; the script reports how many it sent
# and requires at least 5000 (80 times the limit).
#
#   n1 (vm1) .1 (flooder), group "trusted"   n2 .2   n3 .3   n4 .4 (late)
#     |                                      |       |       |
#   n0: p1 (fdb-max 64) ------ sw0 (fdb-max 100) --- p2 ---- p3 ---- p4
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
add_switch sw0 fdb-max 100
add_pg sw0 trusted mac-change on forged-transmits on
add_veth 1 p1
setup ip -n "$NS1" addr add 192.0.2.1/24 dev eth0
setup vsw port add sw0 p1 portgroup trusted fdb-max 64
add_vm 2 sw0
add_vm 3 sw0
declare -A mac
for i in 1 2 3; do
	mac[$i]=$(vm_mac $i)
done
for i in 1 2 3; do
	for j in 1 2 3; do
		((i == j)) || setup neigh $i "192.0.2.$j" "${mac[$j]}"
	done
done

check_eq "port show p1: fdb_max 64 (port add ... fdb-max 64)" 64 port_field p1 fdb_max sw0
check_eq "port show p2: fdb_max 0 (no limit)" 0 port_field p2 fdb_max sw0
check_eq "port show p1: fdb_count 0" 0 port_field p1 fdb_count sw0
check "vm1 -> vm2" ping_ok 1 192.0.2.2
check "vm2 -> vm3" ping_ok 2 192.0.2.3
check_eq "p1 fdb_count 1 (vm1's MAC)" 1 port_field p1 fdb_count sw0

slab_objs()
{
	awk '$1 == "vsw_fdb_entry" { print $2 }' /proc/slabinfo
}
slab0=$(slab_objs)

drop_snap p1:fdb_limit
stat_snap p1:rx_packets
sent=$(raw_flood 1 eth0 "$(doc_mac 99)" 100000 30)
diag "random-source flood: vm1 sent $sent frames"
check_num "the flood sent at least 5000 frames in 30 s" -ge 5000 echo "${sent:-0}"
check_eq "p1 fdb_count: exactly the limit, 64" 64 port_field p1 fdb_count sw0
check_eq "fdb show: 64 learned entries on p1" 64 \
	vsw_jq "len(where(j, port='p1'))" fdb show sw0
check_num "switch fdb_count bounded (<= 64 + vm2 + vm3)" -le 66 sw_field sw0 fdb_count
in=$(stat_delta p1:rx_packets)
diag "p1 rx_packets +$in"
check_num "the switch saw at least 90 % of the flood on p1" -ge $((sent * 9 / 10)) echo "$in"
# Every frame the switch saw, but 63 new sources, was over the limit.
check_eq "drops.fdb_limit on p1: every frame beyond the 63 new sources" $((in - 63)) \
	drop_delta p1:fdb_limit
check_eq "vm2's entry stays on p2" p2 fdb_port sw0 "${mac[2]}"
check_eq "vm3's entry stays on p3" p3 fdb_port sw0 "${mac[3]}"
check_eq "vm1's own MAC, learned first, stays on p1" p1 fdb_port sw0 "${mac[1]}"
check "vm2 -> vm3 still works" ping_ok 2 192.0.2.3
check "vm1 -> vm2 still works (its MAC is one of the 64)" ping_ok 1 192.0.2.2

slab1=$(slab_objs)
if [[ -n $slab0 && -n $slab1 ]]; then
	diag "vsw_fdb_entry active objects: $slab0 before, $slab1 after"
	check_num "slab vsw_fdb_entry grew by at most the 100 entries of the switch" \
		-le $((slab0 + 100)) echo "$slab1"
else
	skip "slab vsw_fdb_entry bounded" "no vsw_fdb_entry line in /proc/slabinfo (merged cache); fdb_count was checked"
fi

# A VM arriving after the flood is still learned: the switch is not full.
add_vm 4 sw0
setup neigh 4 192.0.2.2 "${mac[2]}"
setup neigh 2 192.0.2.4 "$(vm_mac 4)"
check "a new vm4 -> vm2 works after the flood" ping_ok 4 192.0.2.2
check_eq "vm4 is learned on p4" p4 fdb_port sw0 "$(vm_mac 4)"

# port set fdb-max: raising the limit lets p1 learn again; 0 = no limit.
check "port set p1 fdb-max 70" vsw port set p1 fdb-max 70
check_eq "port show p1: fdb_max 70" 70 port_field p1 fdb_max sw0
drop_snap p1:fdb_limit
srcs=()
for i in $(seq 1 10); do
	srcs+=("$(printf '02:00:5e:00:53:%02x' "$i")")
done
setup raw_send 1 eth0 "$(doc_mac 99)" "${srcs[@]}"
check_eq "fdb-max 70: p1 learns 6 more of 10 new sources (fdb_count 70)" 70 port_field p1 fdb_count sw0
check_eq "fdb-max 70: the other 4 count drops.fdb_limit" 4 drop_delta p1:fdb_limit
check "fdb flush sw0 port p1" vsw fdb flush sw0 port p1
check_eq "after the flush: p1 fdb_count 0" 0 port_field p1 fdb_count sw0

finish
