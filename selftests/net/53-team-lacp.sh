#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# LACP (802.1AX) with a Linux bond in 802.3ad mode as the physical switch's
# port-channel: both links aggregate (each side sees the other as partner),
# flows spread over them by IP address, a link whose carrier goes or whose
# partner stops sending LACPDUs leaves the aggregate and the traffic stays
# up, and comes back; every LACPDU we send meanwhile carries a real actor
# state; with lacp-rate slow we no longer ask the partner for the short
# timeout.
#
#   n1 (vm1) 192.0.2.1
#     |
#   n0: p1 -- sw0 -- up1, up2 (uplinks, policy lacp)
#                     |     |
#   n9 (partner): bond0 (802.3ad, lacp_rate fast) of up1p, up2p,
#                 192.0.2.100-115
#
# Frames the partner receives on each link are counted by a tc filter (IPv4
# only): our own tx counters also count the LACPDUs.
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"
# shellcheck source=lib-team.sh
source "$(dirname "$0")/lib-team.sh"
require_cmd tc tcpdump

setup_ns 0
add_switch sw0
add_vm 1 sw0
setup_ns 9
team_partner sw0 9 mode 802.3ad lacp_rate fast miimon 100 xmit_hash_policy layer3+4
for d in up1p up2p; do
	setup n9 tc qdisc add dev "$d" clsact
	setup n9 tc filter add dev "$d" ingress protocol ip pref 1 matchall action pass
done
for i in $(seq 100 115); do
	setup n9 ip addr add "192.0.2.$i/24" dev bond0
done
swmac=$(dev_mac 0 sw0)
bondmac=$(dev_mac 9 bond0)

check "team set sw0 policy lacp" vsw team set sw0 policy lacp
check_eq "team show: lacp, lacp_rate fast, lacp_system is sw0's address" "lacp fast $swmac" \
	team_jq "'%s %s %s' % (j['policy'], j['lacp_rate'], j['lacp_system'])" sw0
key=$(team_jq "j['lacp_key']" sw0)
lacp_up()
{
	team_jq -t "len(j['uplinks']) == 2 and all(u['state'] == 'active' and
		{'collecting', 'distributing', 'synchronization'} <= set(u['lacp']['actor_state']) and
		{'collecting', 'distributing', 'synchronization'} <= set(u['lacp']['partner_state'])
		for u in j['uplinks'])" sw0
}
check_wait "both links collecting and distributing, both active (within 15 s)" 15 lacp_up
check_eq "team show: each link's partner is bond0 ($bondmac)" "$bondmac $bondmac" \
	team_jq "' '.join(u['lacp']['partner_system'] for u in j['uplinks'])" sw0
check_eq "team show: actor flags on up1 (fast rate)" \
	"activity,short-timeout,aggregation,synchronization,collecting,distributing" \
	team_jq "','.join(first(j['uplinks'], name='up1')['lacp']['actor_state'])" sw0
text_lacp() { vsw team show sw0 | grep -c 'lacp actor .*collecting,distributing.* partner .*collecting,distributing'; }
check_eq "team show (text): lacp actor/partner flags on each uplink" 2 text_lacp

bonding() { n9 cat /proc/net/bonding/bond0; }
agg() { bonding | sed -n '/^Active Aggregator Info:/,/^$/p' | sed -nE "s/^[[:space:]]*$1: //p"; }
check_eq "bond0's aggregator: partner is sw0 ($swmac)" "$swmac" agg "Partner Mac Address"
check_eq "bond0's aggregator: partner key is our lacp_key" "$key" agg "Partner Key"
check_eq "bond0's aggregator has both links" 2 agg "Number of ports"

check "vm1 -> bond0 (192.0.2.100)" ping_ok 1 192.0.2.100
setup neigh 1 192.0.2.100 "$bondmac"
for i in $(seq 101 115); do
	setup neigh 1 "192.0.2.$i" "$bondmac"
done
setup neigh_dev 9 bond0 192.0.2.1 "$(vm_mac 1)"

# IPv4 frames bond0 received on each link, from the tc filters.
declare -A ip_base
ip_rx() { n9 tc -s -j filter show dev "$1" ingress | jq_py "sum(a['stats']['packets'] for f in j for a in f.get('options', {}).get('actions', []))"; }
ip_snap() { ip_base[up1p]=$(ip_rx up1p); ip_base[up2p]=$(ip_rx up2p); }
ip_deltas() { echo "$(($(ip_rx up1p) - ip_base[up1p])) $(($(ip_rx up2p) - ip_base[up2p]))"; }
ip_sorted() { ip_deltas | tr ' ' '\n' | sort -n | xargs; }
# 16 flows at once, 5 echo requests each; prints the addresses without reply.
flows()
{
	local i pids=() lost=()
	for i in $(seq 100 115); do
		n1 ping -q -c "${1:-5}" -i 0.05 -W 2 "192.0.2.$i" >/dev/null 2>&1 &
		pids[i]=$!
	done
	for i in $(seq 100 115); do
		wait "${pids[i]}" || lost+=("192.0.2.$i")
	done
	echo "${lost[*]}"
}

ip_snap
n1 ping -q -c 10 -i 0.05 -W 1 192.0.2.100 >/dev/null 2>&1
check_eq "one flow (vm1 -> .100) keeps to one link (IPv4 in by up1p up2p)" "0 10" ip_sorted
ip_snap
unanswered=$(flows)
check_eq "16 flows (vm1 -> .100-.115): every one answered" "" echo "$unanswered"
spread() { ip_deltas | awk '{ exit !($1 > 0 && $2 > 0 && $1 + $2 == 80) }'; }
check_wait "... spread over both links, each frame once (80)" 3 spread
diag "IPv4 frames in by up1p up2p: $(ip_deltas)"

# A link's carrier goes (the partner's port down).
setup n9 ip link set dev up1p down
check_eq "up1p down: up1 failed at once, up2 active" "lacp up1:failed up2:active" policy_states sw0
unanswered=$(flows 2)
check_eq "... all 16 flows still answered" "" echo "$unanswered"
setup n9 ip link set dev up1p up
check_wait "up1p up: up1 back in the aggregate (within 15 s)" 15 lacp_up

# The partner stops sending LACPDUs on up2p, its carrier stays up. What
# we send on up2 meanwhile is captured (the dropped LACPDUs of the bond
# never reach the capture: tc's egress hook comes first).
CAP=$TMPD/lacp-up2p.txt
: >"$CAP"
BG_OUT=$CAP run_bg 9 tcpdump --immediate-mode -l -nn -v -i up2p ether proto 0x8809
cap=$BG_PID
setup wait_for 30 grep -q "listening on" "$CAP"
setup n9 tc filter add dev up2p egress protocol 0x8809 pref 1 matchall action drop
t0=$SECONDS
check_wait "no LACPDUs from the partner on up2: failed within 8 s (3 s timeout, TCG slack)" 8 \
	out_is "lacp up1:active up2:failed" policy_states sw0
diag "up2 failed after ~$((SECONDS - t0)) s"
sleep 2.5
stop_bg "$cap"
# "State Flags [...]" of each Actor Information TLV: ours.
actor_flags() { awk '/Actor Information TLV/ { a = 1; next } a && /State Flags/ { print; a = 0 }' "$CAP"; }
actor_count() { actor_flags | awk -v re="$1" '$0 ~ re { n++ } END { print n + 0 }'; }
check_num "our LACPDUs on up2 were captured through the failure (>= 3)" -ge 3 actor_count .
check_eq "... none of them with an empty actor state (State Flags [none])" 0 actor_count '\\[none\\]'
diag "actor state flags sent on up2: $(actor_flags | sed 's/.*State Flags //' | sort | uniq -c | xargs)"
check_eq "... with its link up" true team_jq "first(j['uplinks'], name='up2')['link']" sw0
# bond0's own state of a link (its "details actor lacp pdu" port state).
bond_state()
{
	bonding | awk -v d="$1" '/^Slave Interface:/ { on = ($3 == d); a = 0 }
		on && /details actor lacp pdu:/ { a = 1 }
		on && a && /port state:/ { print $3; exit }'
}
distributing() { local st; st=$(bond_state "$1"); [[ $st =~ ^[0-9]+$ ]] && ((st & 32)); }
not_distributing() { local st; st=$(bond_state "$1"); [[ $st =~ ^[0-9]+$ ]] && ((!(st & 32))); }
check_wait "... and bond0 stops distributing on up2p" 10 not_distributing up2p
ip_snap
unanswered=$(flows 2)
check_eq "... all 16 flows still answered" "" echo "$unanswered"
check_eq "... every IPv4 frame now by up1 (in by up1p up2p)" "32 0" ip_deltas
setup n9 tc filter del dev up2p egress pref 1
check_wait "LACPDUs again: up2 back in the aggregate (within 15 s)" 15 lacp_up
check_wait "... and bond0 distributes on up2p again" 10 distributing up2p

# The slow rate: we no longer ask the partner for the short timeout.
check "team set sw0 lacp-rate slow" vsw team set sw0 lacp-rate slow
no_short() { team_jq -t "all('short-timeout' not in u['lacp']['actor_state'] for u in j['uplinks'])" sw0; }
check "team show: no short-timeout in the actor flags" no_short
partner_states() { bonding | sed -n 's/^[[:space:]]*port state: //p' | sed -n '2p;4p' | xargs; }
# /proc/net/bonding lists "details actor lacp pdu" then "details partner
# lacp pdu" per slave; the partner's port state is ours: 61 = activity,
# aggregation, synchronization, collecting, distributing (no short timeout).
check_wait "bond0 sees our port state 61 (no short timeout) on both links" 5 \
	out_is "61 61" partner_states
check "vm1 -> bond0 still" ping_ok 1 192.0.2.100

finish
