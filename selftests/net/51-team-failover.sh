#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Failover by link state: an uplink whose link goes down (the physical
# switch's port, or our own device) is failed at once and its traffic moves;
# a ping flood loses little; with notify-switches the physical switch learns
# the move from a RARP before the VM says anything, without it from the
# VM's traffic, and turning it on announces what moved meanwhile; failback
# on and off; active and standby lists; standby uplinks take nothing in
# (team-inactive); team_set events.
#
#   n1 (vm1) 192.0.2.1
#     |
#   n0: p1 -- sw0 -- up1, up2, up3 (uplinks)
#                     |    |    |
#   n9 (physical switch): up1p, up2p, up3p and h10 in br0
#                                                   |
#   n10 (phys) 192.0.2.100
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"
# shellcheck source=lib-team.sh
source "$(dirname "$0")/lib-team.sh"

setup_ns 0
add_switch sw0
add_vm 1 sw0
phys_bridge 9
team_uplink sw0 up1 9
team_uplink sw0 up2 9
team_uplink sw0 up3 9
phys_host 10 9 192.0.2.100/24
m1=$(vm_mac 1)

MON=$TMPD/monitor.jsonl
BG_OUT=$MON run_bg 0 "$VSWCTL" -j monitor
mon=$BG_PID

check "team set sw0 policy failover" vsw team set sw0 policy failover
check_eq "failover: up1 active, up2 and up3 standby" \
	"failover up1:active up2:standby up3:standby" policy_states sw0
setup ping_ok 1 192.0.2.100
setup freeze_all 1 10
check_eq "the physical switch learned vm1 on up1p" up1p phys_fdb 9 "$m1"
tx_snap sw0
n1 ping -q -c 5 -i 0.1 -W 1 192.0.2.100 >/dev/null 2>&1
check_eq "vm1's pings leave by up1 only (tx up1 up2 up3)" "5 0 0" tx_deltas sw0 up1 up2 up3

# The physical switch floods to every uplink; standby uplinks take nothing.
inactive() { vsw_jq "' '.join(str(first(j, name=d)['stats']['drops'].get('team_inactive', 0)) for d in ('up1', 'up2', 'up3'))" -s port show sw0; }
read -r i1 i2 i3 < <(inactive)
inactive_delta() { read -r a b c < <(inactive); echo "$((a - i1)) $((b - i2)) $((c - i3))"; }
rx_snap 1
n10 ping -q -b -c 3 -i 0.1 -W 1 192.0.2.255 >/dev/null 2>&1
check_eq "broadcast from the phys host: vm1 gets each once (3)" 3 rx_delta 1
check_eq "... up2 and up3 (standby) drop theirs: team_inactive up1 up2 up3" "0 3 3" inactive_delta

# Failover under a ping flood: the physical switch's port of up1 goes down.
FLOOD=$TMPD/flood.txt
: >"$FLOOD"
BG_OUT=$FLOOD run_bg 1 ping -q -c 300 -i 0.02 -W 1 192.0.2.100
flood=$BG_PID
sleep 2
setup ip -n "$NS9" link set dev up1p down
check_eq "up1 loses its link: failed at once, up2 takes over" \
	"failover up1:failed up2:active up3:standby" policy_states sw0
check_eq "team show: up1 link false" false team_jq "first(j['uplinks'], name='up1')['link']" sw0
wait "$flood" 2>/dev/null
read -r sent got < <(sed -nE 's/^([0-9]+) packets transmitted, ([0-9]+) (packets )?received.*/\1 \2/p' "$FLOOD")
lost=$((${sent:-0} - ${got:-0}))
diag "failover lost $lost of ${sent:-?} echo requests (ping -i 0.02)"
# Link state is an event: the team moves within the netdev notifier and
# announces vm1 at once. 25 requests are half a second at 50/s, room for
# TCG's stalls; a team waiting for a timer or for vm1's own traffic to move
# the physical switch's entry loses more.
check_num "ping flood through the failover: at most 25 lost" -le 25 echo "$lost"
check_num "... and 300 sent" -eq 300 echo "${sent:-0}"
check_eq "the physical switch has vm1 on up2p now" up2p phys_fdb 9 "$m1"
check "team_set event: up1 failed" \
	grep -q '"event": *"team_set".*"name": *"up1", *"state": *"failed"' "$MON"

# Failback (on by default): up1 comes back, vm1's traffic goes back to it,
# and the physical switch hears of it from a RARP while vm1 is silent.
rx_snap 0:p1
setup ip -n "$NS9" link set dev up1p up
check_wait "up1 back: failback makes it active again" 5 \
	out_is "failover up1:active up2:standby up3:standby" policy_states sw0
check_wait "notify-switches: the physical switch moves vm1 to up1p (RARP)" 3 \
	phys_fdb_is 9 "$m1" up1p
check_eq "... while vm1 sent nothing (p1 rx +0)" 0 rx_delta 0:p1
tx_snap sw0
n1 ping -q -c 5 -i 0.1 -W 1 192.0.2.100 >/dev/null 2>&1
check_eq "vm1's pings leave by up1 again (tx up1 up2 up3)" "5 0 0" tx_deltas sw0 up1 up2 up3

# notify-switches off: the physical switch finds out from vm1's traffic.
check "team set sw0 notify-switches off" vsw team set sw0 notify-switches off
setup ip -n "$NS9" link set dev up1p down
check_eq "up1 down: up2 active" "failover up1:failed up2:active up3:standby" policy_states sw0
sleep 2
check_not "notify-switches off: no announcement, vm1 is not on up2p after 2 s" \
	phys_fdb_is 9 "$m1" up2p
check "vm1 -> phys by up2" ping_ok 1 192.0.2.100
check_eq "... and now the physical switch has vm1 on up2p" up2p phys_fdb 9 "$m1"
setup freeze_all 1 10
setup ip -n "$NS9" link set dev up1p up
check_wait "up1 back: active again (failback)" 5 \
	out_is "failover up1:active up2:standby up3:standby" policy_states sw0
sleep 2
check_eq "notify-switches off: vm1 stays on up2p on the physical switch" up2p phys_fdb 9 "$m1"
rx_snap 0:p1
check "team set sw0 notify-switches on" vsw team set sw0 notify-switches on
check_wait "turning it on announces what moved meanwhile: vm1 on up1p (RARP)" 3 \
	phys_fdb_is 9 "$m1" up1p
check_eq "... while vm1 sent nothing (p1 rx +0)" 0 rx_delta 0:p1

# failback off: a recovered uplink waits until the one in use fails.
check "team set sw0 failback off" vsw team set sw0 failback off
setup ip -n "$NS9" link set dev up1p down
check_eq "up1 down: up2 active" "failover up1:failed up2:active up3:standby" policy_states sw0
setup ip -n "$NS9" link set dev up1p up
check_wait "failback off: up1 back up stays standby, up2 active" 5 \
	out_is "failover up1:standby up2:active up3:standby" policy_states sw0
tx_snap sw0
n1 ping -q -c 5 -i 0.1 -W 1 192.0.2.100 >/dev/null 2>&1
check_eq "vm1's pings stay on up2 (tx up1 up2 up3)" "0 5 0" tx_deltas sw0 up1 up2 up3
# Our own side this time: up2's device goes down.
setup n0 ip link set dev up2 down
check_eq "up2 (our device) down: up1 takes over" "failover up1:active up2:failed up3:standby" \
	policy_states sw0
check_wait "... announced: the physical switch has vm1 on up1p" 3 phys_fdb_is 9 "$m1" up1p
setup n0 ip link set dev up2 up
check_wait "up2 back: standby, up1 stays active (failback off)" 5 \
	out_is "failover up1:active up2:standby up3:standby" policy_states sw0
check "team set sw0 failback on" vsw team set sw0 failback on
check_eq "failback on again: up1 is first anyway" "failover up1:active up2:standby up3:standby" \
	policy_states sw0

# Lists: active up1, standby up3; up2 in no list comes after the standby list.
check "team set sw0 active up1 standby up3" vsw team set sw0 active up1 standby up3
check_eq "team show: active [up1], standby [up3]" "['up1'] ['up3']" \
	team_jq "'%s %s' % (j['active'], j['standby'])" sw0
check_eq "team order: up1, up3 (standby list), up2 (no list)" \
	"failover up1:active up3:standby up2:standby" policy_states sw0
setup ip -n "$NS9" link set dev up1p down
check_eq "up1 down: the standby list's up3 takes over, not up2" \
	"failover up1:failed up3:active up2:standby" policy_states sw0
check "vm1 -> phys by up3" ping_ok 1 192.0.2.100
setup ip -n "$NS9" link set dev up3p down
check_eq "up3 down too: up2 (no list) takes over" \
	"failover up1:failed up3:failed up2:active" policy_states sw0
check "vm1 -> phys by up2" ping_ok 1 192.0.2.100
setup ip -n "$NS9" link set dev up3p up
setup ip -n "$NS9" link set dev up1p up
check_wait "both back: up1 active (failback)" 5 \
	out_is "failover up1:active up3:standby up2:standby" policy_states sw0
# An active list may take an uplink out of the standby list.
check "team set sw0 active up3,up1 (up3 was standby)" vsw team set sw0 active up3,up1
check_eq "team show: active [up3, up1], standby []" "['up3', 'up1'] []" \
	team_jq "'%s %s' % (j['active'], j['standby'])" sw0
check_eq "failover: up3 first now" "failover up3:active up1:standby up2:standby" policy_states sw0
check_wait "... announced: the physical switch has vm1 on up3p" 3 phys_fdb_is 9 "$m1" up3p

# A hash policy with lists: the active list carries traffic, the standby
# list only when no active uplink is left.
check "team set sw0 policy port-id active up1,up2 standby up3" \
	vsw team set sw0 policy port-id active up1,up2 standby up3
check_eq "port-id: up1, up2 active, up3 standby" "port-id up1:active up2:active up3:standby" \
	policy_states sw0
read -r i1 i2 i3 < <(inactive)
n10 ping -q -b -c 3 -i 0.1 -W 1 192.0.2.255 >/dev/null 2>&1
check_eq "broadcast from the phys host: only up3 drops it as team_inactive (up1 up2 up3)" "0 0 3" \
	inactive_delta
setup ip -n "$NS9" link set dev up1p down
setup ip -n "$NS9" link set dev up2p down
check_eq "up1, up2 down: up3 (standby) active" "port-id up1:failed up2:failed up3:active" \
	policy_states sw0
check "vm1 -> phys by up3" ping_ok 1 192.0.2.100
setup ip -n "$NS9" link set dev up2p up
check_wait "up2 back: active, up3 standby again" 5 \
	out_is "port-id up1:failed up2:active up3:standby" policy_states sw0
check "vm1 -> phys by up2" ping_ok 1 192.0.2.100
read -r i1 i2 i3 < <(inactive)
rx_snap 1
setup raw_out 9 "up3p,$m1,$(doc_mac 62)"
check_eq "unicast for vm1 in by standby up3: team_inactive (up1 up2 up3)" "0 0 1" inactive_delta
check_eq "... not delivered (vm1 +0)" 0 rx_delta 1
check_eq "... not learned" none fdb_port sw0 "$(doc_mac 62)"

stop_bg "$mon"
finish
