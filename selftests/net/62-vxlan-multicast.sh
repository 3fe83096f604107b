#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# VXLAN in multicast group mode: two hosts' switches bind VNI 5000 to
# VLAN 10 with "group 239.1.1.1 dev ul0" and no remotes, then over IPv6
# with "group ff05::5000". Each joins the group on ul0 (IGMP, MLD) and
# leaves it on "vxlan del"; floods go to the group (its multicast MAC,
# the TTL given), arrive once, and what a host learns from them is the
# sender's unicast address: replies go unicast. ARP and ping work across.
#
#   n11 (vm11) 192.0.2.11/24               n21 (vm21) 192.0.2.21/24
#     | p11 (v10)                            | p21 (v10)
#   n10 (host A): sw0                      n20 (host B): sw0
#     VNI 5000 <-> VLAN 10, group 239.1.1.1 (then ff05::5000) dev ul0, ttl 8
#     ul0 198.51.100.10/24                 ul0 198.51.100.20/24
#         2001:db8:1::10/64 (later)            2001:db8:1::20/64 (later)
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

# joined H: 1 when nH's ul0 is in the group $G.
joined()
{
	local c
	c=$(ip -n "$PFX-$1" maddr show dev ul0 | grep -cE "^\s+inet6? +${G//./\\.}\$")
	echo "${c:-0}"
}

# group_mode LABEL A B GROUP-MAC JOIN-ERE HOPS-ERE: VNI 5000 in group $G
# from A and B (the hosts' addresses), the checks, and vxlan del.
group_mode()
{
	local u=$1 a=$2 b=$3 gmac=$4 join=$5 hops=$6 h
	check_eq "$u: before vxlan add, host A is not in $G" 0 joined 10
	setup n11 ip neigh flush dev eth0 nud all
	setup n21 ip neigh flush dev eth0 nud all
	ucap_start 9 ul10 "$CAP"
	check "$u: host A: vxlan add sw0 vni 5000 vlan 10 local $a group $G dev ul0 ttl 8" \
		vswn 10 vxlan add sw0 vni 5000 vlan 10 local "$a" group "$G" dev ul0 ttl 8
	check "$u: host B: the same with local $b" \
		vswn 20 vxlan add sw0 vni 5000 vlan 10 local "$b" group "$G" dev ul0 ttl 8
	check_eq "$u: vxlan show: group $G, dev ul0, no remotes, ttl 8" "$G ul0 [] 8" \
		vx_jq 10 "'%s %s %s %s' % (j[0]['group'], j[0]['dev'], j[0]['remote'], j[0]['ttl'])"
	check_eq "$u: host A joined $G on ul0" 1 joined 10
	check_eq "$u: host B joined $G on ul0" 1 joined 20

	check "$u: vm11 -> vm21 (ARP through the group)" ping_ok 11 192.0.2.21
	check "$u: vm21 -> vm11" ping_ok 21 192.0.2.11
	check_eq "$u: B learned vm11 behind A's unicast address $a" "$a 5000" fdb_remote 20 "$m11"
	check_eq "$u: A learned vm21 behind $b" "$b 5000" fdb_remote 10 "$m21"
	freeze_neigh 11 21
	rx_snap 21
	setup raw_frames 11 eth0 ff:ff:ff:ff:ff:ff "$m11" 3
	check_eq "$u: 3 broadcasts from vm11 reach vm21 once each" 3 rx_delta 21
	ucap_stop

	check "$u: tcpdump: a membership report (IGMP, MLD) for $G went out" captured "$CAP" "$join"
	check_num "$u: tcpdump: vm11's ARP request went to $G port 4789, VNI 5000" -ge 1 \
		vx_count "$CAP" "$a" "$G" 5000 'Request who-has 192\.0\.2\.21 tell 192\.0\.2\.11'
	check_num "$u: tcpdump: ... and the broadcasts: outer MAC $gmac, $hops" -ge 4 \
		vx_count "$CAP" "$a" "$G" 5000 "^[^ ]+ [0-9a-f:]+ > $gmac, .*$hops"
	check_num "$u: tcpdump: vm21's replies went unicast to $a" -ge 3 \
		vx_count "$CAP" "$b" "$a" 5000 'ICMP echo reply'
	check_num "$u: tcpdump: vm11's echo requests went unicast to $b" -ge 3 \
		vx_count "$CAP" "$a" "$b" 5000 'ICMP echo request'

	check "$u: host A: vxlan del sw0 vni 5000" vsw vxlan del sw0 vni 5000
	check_eq "$u: ... A left $G" 0 joined 10
	check_eq "$u: ... B is still in it" 1 joined 20
	check "$u: host B: vxlan del sw0 vni 5000" vswn 20 vxlan del sw0 vni 5000
	check_eq "$u: ... B left $G" 0 joined 20
	for h in 10 20; do
		check_eq "$u: ... host $h has no entry behind a VTEP left" 0 remote_count "$h"
	done
}

G=239.1.1.1
group_mode IPv4 198.51.100.10 198.51.100.20 01:00:5e:01:01:01 \
	'198\.51\.100\.10 > 2[0-9.]+: igmp .*239\.1\.1\.1' 'ttl 8, '
for h in 10 20; do
	ul_addr "$h" "2001:db8:1::$h/64"
done
ul_freeze 10 20
G=ff05::5000
group_mode IPv6 2001:db8:1::10 2001:db8:1::20 33:33:00:00:50:00 \
	'multicast listener report v2.*gaddr ff05::5000 (to|is)_ex' 'hlim 8, '

finish
