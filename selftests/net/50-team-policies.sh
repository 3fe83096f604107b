#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Teaming policies: how frames from the ports are spread over the uplinks
# (port-id, mac-hash; ip-hash is 55's), that one flow keeps to one uplink,
# that a flood leaves by one uplink only, and what the team takes in:
# floods from the first active uplink only (team-duplicate), no broadcast
# with a local port's source back in (team-loop), known unicast on any
# active uplink, and no MAC moving between the uplinks.
#
#   n1..n8 (vm1..vm8) 192.0.2.1-8, MACs 00:00:5e:00:53:01..08
#     |
#   n0: p1..p8 -- sw0 -- up1, up2 (uplinks)
#                         |     |
#   n9 (physical switch): up1p, up2p and h10 in br0
#                                             |
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
for i in 1 2 3 4 5 6 7 8; do
	add_vm_mac "$i" sw0 "$(doc_mac "$i")"
done
phys_bridge 9
team_uplink sw0 up1 9
team_uplink sw0 up2 9
phys_host 10 9 192.0.2.100/24
pmac=$(vm_mac 10)

check_eq "team show: policy port-id, detect link (in use), failback, notify-switches" \
	"port-id link link True True" \
	team_jq "' '.join(str(j[k]) for k in ('policy', 'detect', 'detect_used', 'failback', 'notify_switches'))" sw0
check_eq "team show: no lists" "[] []" team_jq "'%s %s' % (j['active'], j['standby'])" sw0
check_eq "team show: up1 and up2 active, link up" "up1:active up2:active" team_states sw0
check "team show: every uplink has link true" \
	team_jq -t "all(u['link'] is True for u in j['uplinks'])" sw0

pids=()
for i in 1 2 3 4 5 6 7 8; do
	ping_ok "$i" 192.0.2.100 >/dev/null 2>&1 &
	pids+=("$!")
done
for i in "${!pids[@]}"; do
	setup wait "${pids[i]}"
done
setup freeze_all 1 2 3 4 5 6 7 8 10

# Each VM sends its own number of echo requests, 2^(i-1) for vm i, all at
# once: the frames an uplink sent, as a bitmask, say which VMs it carried.
burst()
{
	local i
	for i in 1 2 3 4 5 6 7 8; do
		n"$i" ping -q -c $((1 << (i - 1))) -i 0.002 -W 1 192.0.2.100 >/dev/null 2>&1 &
	done
	wait
}
# "VMs on up1 | VMs on up2" from the bitmask of each.
which_vms()
{
	local d1 d2 i a='' b=''
	read -r d1 d2 < <(tx_deltas sw0 up1 up2)
	for i in 1 2 3 4 5 6 7 8; do
		((d1 & (1 << (i - 1)))) && a+=" vm$i"
		((d2 & (1 << (i - 1)))) && b+=" vm$i"
	done
	echo "${a# } | ${b# } ($d1 + $d2)"
}

# port-id: a port's frames take map[port id % 2] of the active uplinks.
ids=$(vsw_jq "' '.join(str(first(j, name='p%d' % i)['id']) for i in range(1, 9))" port show sw0)
read -r -a id <<<"$ids"
a='' b='' m1=0 m2=0
for i in 1 2 3 4 5 6 7 8; do
	if ((id[i - 1] % 2 == 0)); then
		a+=" vm$i" m1=$((m1 + (1 << (i - 1))))
	else
		b+=" vm$i" m2=$((m2 + (1 << (i - 1))))
	fi
done
diag "port ids of p1..p8: ${id[*]}"
tx_snap sw0
burst
check_eq "port-id: 8 VMs at once, each by the uplink of its port id % 2 (up1 | up2)" \
	"${a# } | ${b# } ($m1 + $m2)" which_vms
check_eq "the phys host is learned on up1 or up2, and stays there" 0 \
	vsw_jq "sum(e['stats']['fdb_moves'] + e['stats']['fdb_flaps'] for e in j if e['kind'] == 'uplink')" \
	-s port show sw0

# A flood leaves by one uplink: the one of the sender's port.
want="5 0"
((id[0] % 2 == 1)) && want="0 5"
tx_snap sw0
rx_snap 10 2
n1 ping -q -b -c 5 -i 0.1 -W 1 192.0.2.255 >/dev/null 2>&1
check_eq "broadcast from vm1 leaves by vm1's uplink only (tx up1 up2)" "$want" tx_deltas sw0 up1 up2
check_eq "... the phys host gets each broadcast once (5)" 5 rx_delta 10
check_eq "... and vm2 gets them (5)" 5 rx_delta 2

# Floods from the physical network come in by both uplinks; the first
# active one (up1) takes them.
drop_snap() { read -r d1 d2 < <(drops_of sw0 "$1" up1 up2); }
drop_deltas() { local a b; read -r a b < <(drops_of sw0 "$1" up1 up2); echo "$((a - d1)) $((b - d2))"; }
drop_snap team_duplicate
rx_snap 1 2
n10 ping -q -b -c 5 -i 0.1 -W 1 192.0.2.255 >/dev/null 2>&1
check_eq "broadcast from the phys host: vm1 gets each once (5)" 5 rx_delta 1
check_eq "... vm2 too (5)" 5 rx_delta 2
check_eq "... up2 drops its copies (team_duplicate up1 up2)" "0 5" drop_deltas team_duplicate
drop_snap team_duplicate
setup raw_out 10 "eth0,$(doc_mac 99),$pmac"
check_eq "unknown unicast from the phys host: up2's copy is a team_duplicate" "0 1" \
	drop_deltas team_duplicate

# Known unicast is taken on any active uplink. Sent into each uplink
# directly (past br0), from two addresses of the physical network.
xa=$(doc_mac 51)
xb=$(doc_mac 52)
rx_snap 1
drop_snap team_duplicate
setup raw_out 9 "up1p,$(doc_mac 1),$xa" "up2p,$(doc_mac 1),$xb"
check_eq "known unicast for vm1 in by up1 and by up2: vm1 gets both" 2 rx_delta 1
check_eq "... learned on the uplink each came by (up1, up2)" "up1 up2" \
	fdb_ports sw0 "$xa" "$xb"
moves_snap() { m=$(vsw_jq "sum(e['stats']['fdb_moves'] for e in j if e['kind'] == 'uplink')" -s port show sw0); }
moves_delta() { echo $(($(vsw_jq "sum(e['stats']['fdb_moves'] for e in j if e['kind'] == 'uplink')" -s port show sw0) - m)); }
moves_snap
rx_snap 1
setup raw_out 9 "up2p,$(doc_mac 1),$xa" "up1p,$(doc_mac 1),$xb" "up2p,ff:ff:ff:ff:ff:ff,$xa"
check_eq "the same sources by the other uplinks: vm1 gets the unicasts (2)" 2 rx_delta 1
check_eq "... and their entries stay where they were learned (up1 up2)" "up1 up2" \
	fdb_ports sw0 "$xa" "$xb"
check_eq "... no MAC moved between the uplinks (fdb_moves +0)" 0 moves_delta
check_eq "... nothing dropped as a duplicate but the broadcast on up2" "0 1" drop_deltas team_duplicate

# Broadcast and multicast back from the physical network with the source
# address of a local port: a loop, dropped.
drop_snap team_loop
rx_snap 1 3
setup raw_out 9 "up1p,ff:ff:ff:ff:ff:ff,$(doc_mac 2)" "up2p,01:00:5e:00:00:01,$(doc_mac 2)"
check_eq "broadcast (up1) and multicast (up2) with vm2's source: team_loop up1 up2" "1 1" \
	drop_deltas team_loop
check_eq "... vm1 and vm3 got neither" "0 0" rx_deltas 1 3
check_eq "... vm2's entry stays on p2" p2 fdb_port sw0 "$(doc_mac 2)"
rx_snap 1
setup raw_out 9 "up1p,ff:ff:ff:ff:ff:ff,$(doc_mac 53)"
check_eq "a broadcast with a foreign source by up1 is delivered (vm1 +1)" 1 rx_delta 1

# mac-hash: by source address. The VMs' MACs are fixed, so which uplink
# each takes is fixed too; each keeps to one.
check "team set sw0 policy mac-hash" vsw team set sw0 policy mac-hash
check_eq "team show: policy mac-hash, both uplinks active" "mac-hash up1:active up2:active" \
	policy_states sw0
# Where the physical switch has the VMs now, before they send anything:
# with notify-switches, where the new policy puts them.
sleep 1
vms_fdb=$(phys_fdbs 9 "$(doc_mac 1)" "$(doc_mac 2)" "$(doc_mac 3)" "$(doc_mac 4)" \
	"$(doc_mac 5)" "$(doc_mac 6)" "$(doc_mac 7)" "$(doc_mac 8)")
tx_snap sw0
n1 ping -q -c 5 -i 0.05 -W 1 192.0.2.100 >/dev/null 2>&1
check_eq "mac-hash: vm1's pings (one flow) leave by one uplink (5 and 0)" "0 5" tx_sorted sw0 up1 up2
tx_snap sw0
burst
# Sum and overlap of the two bitmasks: each VM on one uplink only.
sum_and() { local x y; read -r x y < <(tx_deltas sw0 up1 up2); echo "$((x + y)) $((x & y))"; }
both_carry() { tx_deltas sw0 up1 up2 | awk '{ exit !($1 > 0 && $2 > 0) }'; }
check_eq "mac-hash: 8 VMs at once, each by one uplink (255 frames, no VM on both)" "255 0" sum_and
check "... both uplinks carry some of the VMs" both_carry
# The uplink of each VM, from the bitmasks, as the physical switch's port.
vm_ports()
{
	local d1 d2 i out=()
	read -r d1 d2 < <(tx_deltas sw0 up1 up2)
	for i in 1 2 3 4 5 6 7 8; do
		if ((d1 & (1 << (i - 1)))); then out+=(up1p); else out+=(up2p); fi
	done
	echo "${out[*]}"
}
check_eq "notify-switches: the policy change moved the VMs on the physical switch before they sent" \
	"$(vm_ports)" echo "$vms_fdb"
diag "mac-hash (up1 | up2): $(which_vms)"

# One port with many source addresses (a nested bridge): mac-hash spreads
# it, port-id would not.
add_pg sw0 nested forged-transmits on
setup vsw port set p8 portgroup nested
srcs=()
for i in $(seq 100 131); do
	srcs+=("$(doc_mac "$i")")
done
tx_snap sw0
setup raw_send 8 eth0 ff:ff:ff:ff:ff:ff "${srcs[@]}"
spread() { tx_deltas sw0 up1 up2 | awk '{ exit !($1 > 0 && $2 > 0 && $1 + $2 == 32) }'; }
check_wait "mac-hash: 32 broadcasts of 32 sources from vm8 use both uplinks, once each" 5 spread
diag "tx up1 up2: $(tx_deltas sw0 up1 up2)"
setup vsw team set sw0 policy port-id
tx_snap sw0
setup raw_send 8 eth0 ff:ff:ff:ff:ff:ff "${srcs[@]}"
check_eq "port-id: the same 32 from vm8 leave by one uplink" "0 32" tx_sorted sw0 up1 up2

check_eq "after all of it: no fdb moves or flaps on sw0's uplinks" "0 0" \
	vsw_jq "'%d %d' % (sum(e['stats']['fdb_moves'] for e in j if e['kind'] == 'uplink'), sum(e['stats']['fdb_flaps'] for e in j if e['kind'] == 'uplink'))" \
	-s port show sw0
# (vm8's went with its move to port group nested.)
check_eq "... and the VMs' entries are on their ports" "p1 p2 p3 p4 p5 p6 p7" \
	fdb_ports sw0 "$(doc_mac 1)" "$(doc_mac 2)" "$(doc_mac 3)" "$(doc_mac 4)" \
	"$(doc_mac 5)" "$(doc_mac 6)" "$(doc_mac 7)"

finish
