#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Beacon probing: with 3 or more uplinks each sends a beacon every second
# (untagged and in each VLAN in use) and an uplink that hears none of the
# others' for 3 s is failed although its carrier is up: a link cut one hop
# away, between its access switch and the core. With 2 uplinks link state
# is used, and team show says so. Beacons never reach the VMs.
#
#   n1 (vm1) 192.0.2.1      n2 (vm2, port group v10: VLAN 10)
#     |                       |
#   n0: p1, p2 ---------- sw0 -- up1, up2, up3 (uplinks)
#                                 |    |    |
#   n9: access switches         tor1 tor2 tor3   (bridges; upNp in torN)
#                                 t1   t2   t3
#                                 |    |    |    (veth pairs tN <-> cN)
#                                 c1   c2   c3
#       core switch (bridge)      +--- core ---- h10
#                                                 |
#   n10 (phys) 192.0.2.100
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"
# shellcheck source=lib-team.sh
source "$(dirname "$0")/lib-team.sh"
require_cmd tcpdump

setup_ns 0
add_switch sw0
add_vm 1 sw0
add_pg sw0 v10 vlan 10
add_vm_pg 2 sw0 v10
phys_bridge 9 core
for i in 1 2 3; do
	phys_bridge 9 "tor$i"
	setup n9 ip link add "t$i" type veth peer name "c$i"
	setup n9 ip link set dev "t$i" master "tor$i"
	setup n9 ip link set dev "c$i" master core
	setup n9 ip link set dev "t$i" up
	setup n9 ip link set dev "c$i" up
done
phys_host 10 9 192.0.2.100/24 core
team_uplink sw0 up1 9 tor1
team_uplink sw0 up2 9 tor2
setup vsw team set sw0 policy failover

check "team set sw0 detect beacon (2 uplinks)" vsw team set sw0 detect beacon
check_eq "team show: detect beacon, in use: link" "beacon link" \
	team_jq "'%s %s' % (j['detect'], j['detect_used'])" sw0
# Not grep -q: it may exit before vswctl is done writing (SIGPIPE, 141).
text_has() { vsw team show sw0 | grep -F -- "$1" >/dev/null; }
check "team show (text) says why: \"(in use: link, needs 3 uplinks)\"" \
	text_has "(in use: link, needs 3 uplinks)"
setup ping_ok 1 192.0.2.100
setup freeze_all 1 10
setup ip -n "$NS9" link set dev c1 down
sleep 5
check_eq "2 uplinks: a cut behind up1 goes unnoticed (link state only), up1 active" \
	"failover up1:active up2:standby" policy_states sw0
setup ip -n "$NS9" link set dev c1 up

team_uplink sw0 up3 9 tor3
check_eq "3 uplinks: beacon probing in use" beacon team_jq "j['detect_used']" sw0
all_heard() { team_jq -t "[u['beacon'] for u in j['uplinks']] == [True] * 3" sw0; }
check_wait "every uplink hears beacons (beacon true)" 8 all_heard
text_count() { vsw team show sw0 | grep -c -- "$1"; }
check_eq "team show (text): beacon ok on each uplink" 3 text_count "beacon ok"

# What goes out: one untagged and one VLAN 10 beacon per uplink and second.
CAP=$TMPD/up2p.txt
rx_snap 1 2
capture_start 9 up2p "$CAP"
sleep 3
capture_stop
check_num "up2 sends untagged beacons (0x88b5) every second (>= 2 in 3 s)" -ge 2 \
	captured_count "$CAP" "^[0-9:.]+ $(dev_mac 0 up2) > ff:ff:ff:ff:ff:ff, ethertype Unknown \\(0x88b5\\)"
check_num "... and beacons tagged VLAN 10, the VLAN in use (>= 2 in 3 s)" -ge 2 \
	captured_count "$CAP" "^[0-9:.]+ $(dev_mac 0 up2) > ff:ff:ff:ff:ff:ff, ethertype 802\\.1Q.*vlan 10, .*0x88b5"
check_num "up2p sees up1's and up3's beacons (flooded by the core)" -ge 4 \
	captured_count "$CAP" "^[0-9:.]+ ($(dev_mac 0 up1)|$(dev_mac 0 up3)) > ff:ff:ff:ff:ff:ff, ethertype Unknown \\(0x88b5\\)"
check_eq "the beacons never reach the VMs (vm1, vm2 rx +0)" "0 0" rx_deltas 1 2

# Cut the access switch of up1 off the core: up1's carrier stays up.
setup ip -n "$NS9" link set dev c1 down
t0=$SECONDS
check_wait "cut tor1 - core: up1 failed by beacons within 8 s (3 s + a tick, TCG slack)" 8 \
	out_is failed team_state sw0 up1
diag "up1 failed after ~$((SECONDS - t0)) s"
check_eq "... with its link up and beacon lost" "True False" \
	team_jq "'%s %s' % (first(j['uplinks'], name='up1')['link'], first(j['uplinks'], name='up1')['beacon'])" sw0
check_eq "... up2 takes over" "failover up1:failed up2:active up3:standby" policy_states sw0
check "vm1 -> phys through up2" ping_ok 1 192.0.2.100
check_eq "... and the core switch has vm1 behind tor2 now (c2)" c2 phys_fdb 9 "$(vm_mac 1)" core

setup ip -n "$NS9" link set dev c1 up
check_wait "tor1 back on the core: up1 hears beacons and is active again (failback)" 8 \
	out_is "failover up1:active up2:standby up3:standby" policy_states sw0

# Nobody hears anybody: beacons cannot tell who failed, so none is.
setup ip -n "$NS9" link set dev core down
sleep 5
check_eq "core down: no uplink hears beacons" "[false, false, false]" \
	team_jq "[u['beacon'] for u in j['uplinks']]" sw0
check_eq "... and none is failed for it" "failover up1:active up2:standby up3:standby" \
	policy_states sw0
setup ip -n "$NS9" link set dev core up
check_wait "core up: every uplink hears beacons again" 8 all_heard

# Link state still counts under beacon probing.
setup ip -n "$NS9" link set dev up1p down
check_eq "up1's carrier down: failed at once" "failover up1:failed up2:active up3:standby" \
	policy_states sw0

check "team set sw0 detect link" vsw team set sw0 detect link
check_eq "detect link: in use link, no beacon field" "link link False" \
	team_jq "'%s %s %s' % (j['detect'], j['detect_used'], any('beacon' in u for u in j['uplinks']))" sw0

finish
