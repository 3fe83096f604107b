#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Teaming failover over virtio-net: each guest's switch teams nic1 and nic2
# (policy failover, detect link). A ping flood crosses from A's vm1 to B's
# while the host pulls the nic1 cable with QMP set_link (both ends lose
# carrier): both teams move to nic2 and the flood loses few echo requests;
# with the cable back, failback puts the traffic on nic1 again.
#
#   guest A                                   guest B
#   n1 vm1 192.0.2.1                          n1 vm1 192.0.2.11
#     |                                         |
#   n0: p1 -- sw0 -- nic1 ====(set_link)==== nic1 -- sw0 -- p1 (n0)
#                    nic2 =================== nic2
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=../net/lib.sh
source "$(dirname "$0")/../net/lib.sh"
# shellcheck source=../net/lib-vlan.sh
source "$(dirname "$0")/../net/lib-vlan.sh"
# shellcheck source=../net/lib-team.sh
source "$(dirname "$0")/../net/lib-team.sh"
# shellcheck source=lib-pair.sh
source "$(dirname "$0")/lib-pair.sh"

if [[ $ROLE == A ]]; then me=1 peer=11; else me=11 peer=1; fi
setup_ns 0
add_switch sw0
setup pair_nic nic1
setup pair_nic nic2
setup vsw uplink add sw0 nic1
setup vsw uplink add sw0 nic2
add_veth 1 p1
setup ip -n "$NS1" addr add "192.0.2.$me/24" dev eth0
setup vsw port add sw0 p1
check "team set sw0 policy failover detect link" vsw team set sw0 policy failover detect link
check_eq "failover: nic1 active, nic2 standby" "failover nic1:active nic2:standby" \
	policy_states sw0
pair_put mac "$(vm_mac 1)"
peer_mac=$(pair_get mac) || setup false "$PEER's VM MAC"
setup neigh 1 "192.0.2.$peer" "$peer_mac"
pair_sync ready

# The flood: A's vm1 to B's, 400 echo requests 20 ms apart (8 s). The
# cable comes out about 1.5 s in.
COUNT=400
MAXLOST=25
if [[ $ROLE == A ]]; then
	check "vm1 -> B's vm1" ping_ok 1 "192.0.2.$peer"
	tx_snap sw0
	n1 ping -q -c 5 -i 0.1 -W 1 "192.0.2.$peer" >/dev/null 2>&1
	check_eq "vm1's pings leave by nic1 (tx nic1 nic2)" "5 0" tx_deltas sw0 nic1 nic2
	pair_sync before
	FLOOD=$TMPD/flood.txt
	: >"$FLOOD"
	tx_snap sw0
	BG_OUT=$FLOOD run_bg 1 ping -q -c "$COUNT" -i 0.02 -W 1 "192.0.2.$peer"
	flood=$BG_PID
	sleep 1.5
	check "host: set_link nic1 off (both ends) during the flood" pair_link nic1 off
	check_wait "A: nic1 failed, nic2 active" 5 \
		out_is "failover nic1:failed nic2:active" policy_states sw0
	check "... with the flood still running" kill -0 "$flood"
	pair_signal pulled
	wait "$flood" 2>/dev/null
	read -r sent got < <(sed -nE 's/^([0-9]+) packets transmitted, ([0-9]+) (packets )?received.*/\1 \2/p' "$FLOOD")
	lost=$((${sent:-0} - ${got:-0}))
	diag "failover lost $lost of ${sent:-?} echo requests (ping -i 0.02)"
	check_num "ping flood sent all $COUNT" -eq "$COUNT" echo "${sent:-0}"
	# Without a failover everything after the pull is lost: hundreds.
	check_num "ping flood through the failover: $lost lost, at most $MAXLOST" -le "$MAXLOST" echo "$lost"
	read -r t1 t2 < <(tx_deltas sw0 nic1 nic2)
	diag "flood: tx nic1 +$t1, nic2 +$t2"
	check_num "... the rest of it left by nic2 (at least 100)" -ge 100 echo "$t2"
	pair_sync flooded
	check "host: set_link nic1 on" pair_link nic1 on
	check_wait "A: nic1 back, active again (failback); nic2 standby" 10 \
		out_is "failover nic1:active nic2:standby" policy_states sw0
	pair_sync back
	tx_snap sw0
	n1 ping -q -c 5 -i 0.1 -W 1 "192.0.2.$peer" >/dev/null 2>&1
	check_eq "vm1's pings leave by nic1 again (tx nic1 nic2)" "5 0" tx_deltas sw0 nic1 nic2
	pair_check "B's team followed" checked
else
	pair_sync before
	tx_snap sw0
	pair_wait pulled
	check_wait "B: nic1 failed (carrier off), nic2 active" 5 \
		out_is "failover nic1:failed nic2:active" policy_states sw0
	check_eq "team show: nic1 link false" false team_jq "first(j['uplinks'], name='nic1')['link']" sw0
	pair_wait flooded
	read -r t1 t2 < <(tx_deltas sw0 nic1 nic2)
	diag "flood: tx nic1 +$t1, nic2 +$t2"
	check_num "B's echo replies after the pull left by nic2 (at least 100)" -ge 100 echo "$t2"
	pair_signal flooded
	check_wait "B: nic1 back, active again (failback)" 15 \
		out_is "failover nic1:active nic2:standby" policy_states sw0
	pair_sync back
	pair_signal checked
fi

finish
