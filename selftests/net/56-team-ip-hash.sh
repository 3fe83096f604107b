#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ip-hash towards a static EtherChannel (a Linux bond in balance-xor): a
# flow between two addresses keeps to one uplink, flows to several
# addresses spread over both, each frame leaves once, and the bond's MAC,
# which comes in by both uplinks, never moves. Floods are taken on any
# uplink: an EtherChannel sends each once (no team-duplicate).
#
#   n1 (vm1) 192.0.2.1
#     |
#   n0: p1 -- sw0 -- up1, up2 (uplinks, policy ip-hash)
#                     |     |
#   n9 (static EtherChannel): bond0 (balance-xor, layer2+3) of up1p, up2p;
#                             192.0.2.100-115
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
setup_ns 9
team_partner sw0 9 mode balance-xor xmit_hash_policy layer2+3 miimon 100
for i in $(seq 100 115); do
	setup n9 ip addr add "192.0.2.$i/24" dev bond0
done
bondmac=$(dev_mac 9 bond0)

check "team set sw0 policy ip-hash" vsw team set sw0 policy ip-hash
check_eq "team show: ip-hash, up1 and up2 active" "ip-hash up1:active up2:active" policy_states sw0
check "vm1 -> bond0 (192.0.2.100)" ping_ok 1 192.0.2.100
for i in $(seq 100 115); do
	setup neigh 1 "192.0.2.$i" "$bondmac"
done
setup neigh_dev 9 bond0 192.0.2.1 "$(vm_mac 1)"
sleep 0.5

tx_snap sw0
n1 ping -q -c 10 -i 0.05 -W 1 192.0.2.100 >/dev/null 2>&1
check_eq "one flow (vm1 -> .100) leaves by one uplink" "0 10" tx_sorted sw0 up1 up2
tx_snap sw0
for i in $(seq 100 115); do
	n1 ping -q -c 2 -i 0.05 -W 2 "192.0.2.$i" >/dev/null 2>&1 || echo "192.0.2.$i" &
done >"$TMPD/lost"
wait
check_eq "16 flows (vm1 -> .100-.115), all at once: every one answered" "" cat "$TMPD/lost"
spread() { tx_deltas sw0 up1 up2 | awk '{ exit !($1 > 0 && $2 > 0 && $1 + $2 == 32) }'; }
check_wait "... spread over both uplinks, each frame once (32)" 3 spread
diag "tx up1 up2: $(tx_deltas sw0 up1 up2)"
rxs() { vsw_jq "' '.join(str(first(j, name=d)['stats']['rx_packets']) for d in ('up1', 'up2'))" -s port show sw0; }
both_rx() { rxs | awk '{ exit !($1 > 0 && $2 > 0) }'; }
check "the bond's replies came in by both uplinks (rx up1 up2 > 0)" both_rx
check_eq "... its MAC never moved, nothing was a team_duplicate" "0 0 0" \
	vsw_jq "'%d %d %d' % (tuple(sum(e['stats'][k] for e in j if e['kind'] == 'uplink') for k in ('fdb_moves', 'fdb_flaps')) + (sum(e['stats']['drops'].get('team_duplicate', 0) for e in j),))" \
	-s port show sw0
check_eq "... and it is learned on one uplink" 1 fdb_count sw0 "$bondmac"

# Floods by either uplink reach vm1 (vm1 is no promiscuous port: broadcasts).
rx_snap 1
setup raw_out 9 "up1p,ff:ff:ff:ff:ff:ff,$(doc_mac 71)" "up2p,ff:ff:ff:ff:ff:ff,$(doc_mac 72)"
check_eq "a broadcast in by up1 and one by up2: vm1 gets both" 2 rx_delta 1
rx_snap 9:up1p 9:up2p
n1 ping -q -b -c 4 -i 0.1 -W 1 192.0.2.255 >/dev/null 2>&1
bond_rx() { echo $(($(rx_delta 9:up1p) + $(rx_delta 9:up2p))); }
check_eq "broadcasts from vm1 reach the bond once each (up1p + up2p = 4)" 4 bond_rx

finish
