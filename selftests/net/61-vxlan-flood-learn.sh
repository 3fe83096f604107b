#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Head-end replication and learning between three hosts' switches: a
# broadcast reaches every other host once (one unicast copy per remote
# VTEP, never forwarded on by a VTEP), learned remote entries send unicast
# to one VTEP only, "fdb del" brings flooding back, remote entries age and
# count against fdb-max, static "fdb add ... remote IP vni N" entries
# steer frames, a VTEP with no route is counted as vxlan_route (also when
# the route goes through the switch itself), "vxlan del" takes its entries
# along, and with "learning off" no remote entry is learned.
#
#   n11 (vm11)            n21 (vm21)            n31 (vm31)     192.0.2.V/24
#     | p11 (v10)           | p21 (v10)           | p31 (v10)
#   n10 (host A): sw0     n20 (host B): sw0     n30 (host C): sw0
#     VNI 5000 <-> VLAN 10 on each, remotes: the two others
#     ul0 198.51.100.10     ul0 198.51.100.20     ul0 198.51.100.30
#       |                     |                     |
#   n9 (the underlay): ul10, ul20, ul30 in br0
#
# Static neighbours everywhere (VMs and underlay), static underlay bridge
# entries, IPv6 off: the frames the tests send are all that moves.
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"
# shellcheck source=lib-sec.sh
source "$(dirname "$0")/lib-sec.sh"
# shellcheck source=lib-vxlan.sh
source "$(dirname "$0")/lib-vxlan.sh"

setup_ns 9 10 20 30
ul_bridge 9
for h in 10 20 30; do
	vx_host "$h"
	vx_vm "$h" $((h + 1))
	ul_port "$h" 9 "198.51.100.$h/24"
done
ul_freeze 10 20 30
vm_neighs 11 21 31
setup vswn 10 vxlan add sw0 vni 5000 vlan 10 local 198.51.100.10 remote 198.51.100.20,198.51.100.30
setup vswn 20 vxlan add sw0 vni 5000 vlan 10 local 198.51.100.20 remote 198.51.100.10,198.51.100.30
setup vswn 30 vxlan add sw0 vni 5000 vlan 10 local 198.51.100.30 remote 198.51.100.10,198.51.100.20
VSW_HOST=10
SNAP_SWITCHES=sw0
m11=$(vm_mac 11)
m21=$(vm_mac 21)
BC=ff:ff:ff:ff:ff:ff

ul_snap()
{
	local h
	for h in 10 20 30; do
		snap "tx$h" dev_stat "$h" ul0 tx_packets
		snap "rx$h" dev_stat "$h" ul0 rx_packets
	done
}

check_eq "vxlan show on A: vni, vlan, local, remotes, group, dstport, ttl, learning" \
	"5000 10 198.51.100.10 ['198.51.100.20', '198.51.100.30'] None 4789 64 True" \
	vx_jq 10 "' '.join(str(x) for x in (j[0]['vni'], j[0]['vlan'], j[0]['local'],
		sorted(j[0]['remote']), j[0].get('group'), j[0]['dstport'], j[0]['ttl'], j[0]['learning']))"

# Head-end replication.
ul_snap
rx_snap 11 21 31
setup raw_frames 11 eth0 "$BC" "$m11" 3
check_eq "a broadcast from vm11 (3 frames) reaches vm21 and vm31 once each" "3 3" rx_deltas 21 31
check_eq "... A sent one copy per remote VTEP: 6 packets on ul0" 6 delta tx10
check_eq "... B and C received 3 each" "3 3" deltas rx20 rx30
check_eq "... neither B nor C sent anything on (no VTEP to VTEP forwarding)" "0 0" deltas tx20 tx30
check_eq "... and nothing came back to vm11" 0 rx_delta 11
check_eq "B learned vm11 behind 198.51.100.10, VNI 5000" "198.51.100.10 5000" fdb_remote 20 "$m11"
check_eq "C learned vm11 behind 198.51.100.10, VNI 5000" "198.51.100.10 5000" fdb_remote 30 "$m11"
check "B's entry is learned: not static, no port" \
	vswn_jq 20 -t "(lambda e: e['port'] is None and e['static'] is False)(first(j, mac='$m11', vlan=10))" \
	fdb show sw0

# Learned unicast goes to one VTEP.
setup raw_frames 21 eth0 "$m11" "$m21" 1
check_eq "A learned vm21 behind 198.51.100.20 from its reply" "198.51.100.20 5000" fdb_remote 10 "$m21"
ul_snap
rx_snap 21 31
snap vtx vni_stat 10 5000 tx_packets
setup raw_frames 11 eth0 "$m21" "$m11" 5
check_eq "unicast vm11 -> vm21 (5 frames) reaches vm21" 5 rx_delta 21
check_eq "... A sent 5 packets on ul0, to B only" 5 delta tx10
check_eq "... B received 5, C none" "5 0" deltas rx20 rx30
check_eq "... vm31 none" 0 rx_delta 31
check_eq "... vxlan show -s on A: the VNI's tx_packets +5" 5 delta vtx

# fdb del: flooding again.
check "fdb del sw0 vm21 vlan 10 on A" vsw fdb del sw0 "$m21" vlan 10
check_eq "... the entry is gone" none fdb_remote 10 "$m21"
ul_snap
rx_snap 21
setup raw_frames 11 eth0 "$m21" "$m11" 5
check_eq "unicast for vm21 is flooded again: B and C receive 5 each" "5 5" deltas rx20 rx30
check_eq "... 10 packets on A's ul0" 10 delta tx10
check_eq "... and vm21 gets each frame once" 5 rx_delta 21

# Ageing, and the learned limit.
setup raw_frames 21 eth0 "$m11" "$m21" 1
check_eq "A learned vm21 again" "198.51.100.20 5000" fdb_remote 10 "$m21"
check "switch set sw0 ageing 2 on A" vsw switch set sw0 ageing 2
check_wait "the learned remote entry for vm21 ages out" 30 out_is none fdb_remote 10 "$m21"
check_wait "... as do all of A's learned entries" 30 out_is 0 fdb_learned sw0
setup vsw switch set sw0 ageing 300
setup vsw switch set sw0 fdb-max 1
setup raw_frames 11 eth0 "$BC" "$m11" 1
check_eq "fdb-max 1: vm11 learned on p11" p11 fdb_port sw0 "$m11" 10
rx_snap 11
setup raw_frames 21 eth0 "$BC" "$m21" 1
check_eq "a broadcast from vm21 still reaches vm11 at the limit" 1 rx_delta 11
check_eq "... but vm21 is not learned: remote entries count against fdb-max" none \
	fdb_remote 10 "$m21"
check_eq "... one learned entry" 1 fdb_learned sw0
setup vsw switch set sw0 fdb-max 65536
setup raw_frames 21 eth0 "$BC" "$m21" 1
check_eq "fdb-max 65536: vm21 is learned" "198.51.100.20 5000" fdb_remote 10 "$m21"
check_eq "... two learned entries, the remote one included" 2 fdb_learned sw0

# Static remote entries.
X=$(doc_mac 77)
check "fdb add sw0 X vlan 10 remote 198.51.100.30 vni 5000" \
	vsw fdb add sw0 "$X" vlan 10 remote 198.51.100.30 vni 5000
check_eq "fdb show: X static, no port, remote 198.51.100.30, VNI 5000" "True None 198.51.100.30 5000" \
	vsw_jq "(lambda e: e and '%s %s %s %s' % (e['static'], e['port'], e['remote'], e['vni']))(first(j, mac='$X', vlan=10))" \
	fdb show sw0
ul_snap
setup raw_frames 11 eth0 "$X" "$m11" 4
check_eq "frames for X (4) go to C only" "0 4" deltas rx20 rx30
check_eq "... 4 packets on A's ul0" 4 delta tx10

# No route to the VTEP.
Y=$(doc_mac 78)
check "fdb add sw0 Y vlan 10 remote 203.0.113.99 (no route) vni 5000" \
	vsw fdb add sw0 "$Y" vlan 10 remote 203.0.113.99 vni 5000
snap route vni_drops 10 5000 vxlan_route
ul_snap
setup raw_frames 11 eth0 "$Y" "$m11" 3
check_eq "3 frames for Y: drops.vxlan_route +3 on the VNI" 3 delta route
check_eq "... nothing left by ul0" 0 delta tx10
# A route through the switch itself would loop the frame back in.
setup n10 ip addr add 203.0.113.1/24 dev sw0
setup raw_frames 11 eth0 "$Y" "$m11" 3
check_eq "with 203.0.113.0/24 on sw0 (a route through the switch): drops.vxlan_route +3 more" 6 \
	delta route
check_eq "... nothing left by ul0" 0 delta tx10
setup n10 ip addr del 203.0.113.1/24 dev sw0

check "vxlan del sw0 vni 5000 on A" vsw vxlan del sw0 vni 5000
check_eq "... its remote entries, learned and static, went with it" 0 remote_count 10

# learning off, and a third remote without a route.
check "vxlan add ... remote B,C,203.0.113.99 learning off" \
	vsw vxlan add sw0 vni 5000 vlan 10 local 198.51.100.10 \
	remote 198.51.100.20,198.51.100.30,203.0.113.99 learning off
check_eq "vxlan show: learning false, three remotes" "False 3" \
	vx_jq 10 "'%s %d' % (j[0]['learning'], len(j[0]['remote']))"
rx_snap 11
setup raw_frames 21 eth0 "$BC" "$m21" 3
check_eq "vm11 gets vm21's 3 broadcasts" 3 rx_delta 11
check_eq "... and A learned no remote entry" 0 remote_count 10
ul_snap
rx_snap 21
snap route vni_drops 10 5000 vxlan_route
setup raw_frames 11 eth0 "$m21" "$m11" 3
check_eq "unicast for vm21 (3) goes to every remote: B and C 3 each" "3 3" deltas rx20 rx30
check_eq "... 6 packets on A's ul0" 6 delta tx10
check_eq "... the unroutable remote's copies: drops.vxlan_route +3" 3 delta route
check_eq "... vm21 gets each frame once" 3 rx_delta 21

finish
