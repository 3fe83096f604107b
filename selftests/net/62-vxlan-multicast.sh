#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# VXLAN in multicast group mode: two hosts' switches bind VNI 5000 to
# VLAN 10 with "group 239.1.1.1 dev ul0" and no remotes. Each joins the
# group on ul0 (and leaves it on "vxlan del"); floods go to the group
# (outer destination 239.1.1.1, MAC 01:00:5e:01:01:01, the TTL given),
# arrive once, and what a host learns from them is the sender's unicast
# address: replies go unicast. ARP and ping work across.
#
#   n11 (vm11) 192.0.2.11/24               n21 (vm21) 192.0.2.21/24
#     | p11 (v10)                            | p21 (v10)
#   n10 (host A): sw0                      n20 (host B): sw0
#     VNI 5000 <-> VLAN 10, group 239.1.1.1 dev ul0, ttl 8
#     ul0 198.51.100.10/24                 ul0 198.51.100.20/24
#       |                                    |
#   n9 (the underlay): ul10, ul20 in br0 (tcpdump on ul10)
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
require_cmd tcpdump

setup_ns 9 10 20
ul_bridge 9
for h in 10 20; do
	vx_host "$h"
	vx_vm "$h" $((h + 1))
	ul_port "$h" 9 "198.51.100.$h/24"
done
ul_freeze 10 20
VSW_HOST=10
SNAP_SWITCHES=sw0
m11=$(vm_mac 11)
m21=$(vm_mac 21)
CAP=$TMPD/ul10.txt

joined()
{
	local c
	c=$(ip -n "$PFX-$1" maddr show dev ul0 | grep -cE '^\s+inet +239\.1\.1\.1$')
	echo "${c:-0}"
}
check_eq "before vxlan add, host A is not in 239.1.1.1" 0 joined 10

ucap_start 9 ul10 "$CAP"
for h in 10 20; do
	check "host $h: vxlan add sw0 vni 5000 vlan 10 local 198.51.100.$h group 239.1.1.1 dev ul0 ttl 8" \
		vswn "$h" vxlan add sw0 vni 5000 vlan 10 local "198.51.100.$h" group 239.1.1.1 dev ul0 ttl 8
done
check_eq "vxlan show: group 239.1.1.1, dev ul0, no remotes, ttl 8" "239.1.1.1 ul0 [] 8" \
	vx_jq 10 "'%s %s %s %s' % (j[0]['group'], j[0]['dev'], j[0]['remote'], j[0]['ttl'])"
check_eq "host A joined 239.1.1.1 on ul0" 1 joined 10
check_eq "host B joined 239.1.1.1 on ul0" 1 joined 20

check "vm11 -> vm21 (ARP through the group)" ping_ok 11 192.0.2.21
check "vm21 -> vm11" ping_ok 21 192.0.2.11
check_eq "B learned vm11 behind A's unicast address 198.51.100.10" "198.51.100.10 5000" \
	fdb_remote 20 "$m11"
check_eq "A learned vm21 behind 198.51.100.20" "198.51.100.20 5000" fdb_remote 10 "$m21"
freeze_neigh 11 21
rx_snap 21
setup raw_frames 11 eth0 ff:ff:ff:ff:ff:ff "$m11" 3
check_eq "3 broadcasts from vm11 reach vm21 once each" 3 rx_delta 21
ucap_stop

check "tcpdump: A joined the group (IGMP report for 239.1.1.1 from 198.51.100.10)" \
	captured "$CAP" '198\.51\.100\.10 > 2[0-9.]+: igmp .*239\.1\.1\.1'
check_num "tcpdump: vm11's ARP request went to 239.1.1.1 port 4789, VNI 5000" -ge 1 \
	vx_count "$CAP" 198.51.100.10 239.1.1.1 5000 'Request who-has 192\.0\.2\.21 tell 192\.0\.2\.11'
check_num "tcpdump: ... outer MAC 01:00:5e:01:01:01, TTL 8" -ge 4 \
	vx_count "$CAP" 198.51.100.10 239.1.1.1 5000 '^[^ ]+ [0-9a-f:]+ > 01:00:5e:01:01:01, .*ttl 8, '
check_num "tcpdump: vm21's replies went unicast to 198.51.100.10" -ge 3 \
	vx_count "$CAP" 198.51.100.20 198.51.100.10 5000 'ICMP echo reply'
check_num "tcpdump: vm11's echo requests went unicast to 198.51.100.20" -ge 3 \
	vx_count "$CAP" 198.51.100.10 198.51.100.20 5000 'ICMP echo request'

check "host A: vxlan del sw0 vni 5000" vsw vxlan del sw0 vni 5000
check_eq "... A left 239.1.1.1" 0 joined 10
check_eq "... B is still in it" 1 joined 20
check "host B: vxlan del sw0 vni 5000" vswn 20 vxlan del sw0 vni 5000
check_eq "... B left 239.1.1.1" 0 joined 20

finish
