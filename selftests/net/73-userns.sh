#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Privilege through user namespaces. An ordinary user (nobody) makes a user
# namespace U and a network namespace A that U owns (unshare --user
# --map-root-user --net). U's root has CAP_NET_ADMIN over A, and the vsw
# family checks changes against the netns's owner (GENL_UNS_ADMIN_PERM):
# it builds and runs a switch there (ports, port groups, FDB, uplinks and
# team, a VXLAN VNI, traffic). From A it sees and touches no switch of the
# initial netns, even by name, cannot enter another netns (vswctl -n), and
# its event stream carries only its own switch's events. Outside, in the
# initial netns, the same user without capabilities is refused every change
# verb of VXLAN, team, port groups and port settings with EPERM
# (13-unprivileged.sh has the switch, port, uplink and FDB verbs). When U's
# processes exit, A goes with its switch, VNI and UDP socket, and nothing
# stays behind: refcount, slab, rmmod.
#
#   initial netns (initial user namespace, root):
#     ini73: port ip1 (peer eth0 in n1), uplinks iu1, iu2 (peers in n1),
#            port group pg10 (VLAN 10), VNI 100 on VLAN 10, local
#            203.0.113.1 on iul (peer in n1, 203.0.113.2)
#   user namespace U (owner nobody; uid 0 inside is 65534 outside):
#     netns A (held by $UA): usw0 192.0.2.254/24, port up1 (pg10, VLAN
#       10), uplinks uu1, uu2, VNI 100 on VLAN 10, local 198.51.100.1 on
#       ul0; up9 (a port), whose peer uprobe is in the initial netns
#     netns B (held by $UB): eth0 192.0.2.1/24, peer of up1: the "VM"
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-stress.sh
source "$(dirname "$0")/lib-stress.sh"

require_cmd unshare nsenter setpriv

NB=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --)
nobody() { "${NB[@]}" "$@"; }
ISW=ini73
CLONE=/proc/sys/kernel/unprivileged_userns_clone
clone0=''

# The initial netns is not one of lib.sh's namespaces: its devices go here.
__cleanup73()
{
	ip link del "$ISW" 2>/dev/null
	for d in ip1 iu1 iu2 iul uprobe; do
		ip link del "$d" 2>/dev/null
	done
	[[ -n $clone0 ]] && echo "$clone0" >"$CLONE"
}
# shellcheck disable=SC2154 # __rc is set by the trap itself
trap '__rc=$?; __cleanup73; (exit $__rc); __cleanup' EXIT

if [[ $(cat /proc/sys/user/max_user_namespaces 2>/dev/null || echo 1) == 0 ]]; then
	skip_all "user.max_user_namespaces is 0"
fi
if [[ -w $CLONE && $(cat "$CLONE") == 0 ]]; then
	clone0=0
	echo 1 >"$CLONE"
	diag "kernel.unprivileged_userns_clone was 0: 1 for this test"
fi
nobody "$VSWCTL" -h >/dev/null 2>&1 || skip_all "vswctl is not executable by nobody"

comm_is() { [[ $(cat "/proc/$1/comm" 2>/dev/null) == sleep ]]; }
netns_of() { readlink "/proc/$1/ns/net"; }

# U and A, held by a sleep of nobody's (setpriv execs unshare, which execs
# sleep: $! is the holder).
"${NB[@]}" unshare --user --map-root-user --net sleep 3600 >/dev/null 2>"$TMPD/unshare.err" &
UA=$!
__bg_pids+=("$UA")
if ! wait_for 10 comm_is "$UA"; then
	skip_all "an unprivileged user cannot make a user namespace: $(head -c 200 "$TMPD/unshare.err")"
fi

ref0=$(mod_refcnt)
slab0=''
if fdb_slab_usable; then
	slab0=$(fdb_slab_objects)
fi

# ---- the initial netns's switch ------------------------------------------------

setup_ns 1
setup "$VSWCTL" switch add "$ISW"
setup ip link set "$ISW" up
setup ip link add ip1 type veth peer name eth0 netns "$NS1"
for d in iu1 iu2 iul; do
	setup ip link add "$d" type veth peer name "$d" netns "$NS1"
done
for d in ip1 iu1 iu2 iul; do
	setup ip link set "$d" up
done
for d in eth0 iu1 iu2 iul; do
	setup ip -n "$NS1" link set "$d" up
done
setup ip -n "$NS1" addr add 203.0.113.2/24 dev iul
setup ip addr add 203.0.113.1/24 dev iul
setup "$VSWCTL" port add "$ISW" ip1
setup "$VSWCTL" uplink add "$ISW" iu1
setup "$VSWCTL" uplink add "$ISW" iu2
setup "$VSWCTL" portgroup add "$ISW" pg10 vlan 10
setup "$VSWCTL" vxlan add "$ISW" vni 100 vlan 10 local 203.0.113.1 remote 203.0.113.2
setup "$VSWCTL" fdb add "$ISW" "$(doc_mac 73)" port ip1
# Nothing changes by itself any more: the uplinks have carrier.
ini_states() { "$VSWCTL" -j team show "$ISW" | jq_py "' '.join(u['state'] for u in (j[0] if isinstance(j, list) else j)['uplinks'])"; }
setup wait_for 10 out_is "active active" ini_states

# check_refused compares this: everything of the initial netns's switch.
vsw_snapshot()
{
	local what
	for what in "switch show $ISW" "port show $ISW" "portgroup show $ISW" \
		"team show $ISW" "vxlan show $ISW" "fdb show $ISW"; do
		# shellcheck disable=SC2086 # the words of a command line
		"$VSWCTL" -j $what 2>&1
	done | sed -E 's/"age": *[0-9]+/"age":_/g'
	ip -o link show 2>&1
}

# ---- outside: nobody in the initial netns ------------------------------------------

EPERM="Operation not permitted"
nv() { nobody "$VSWCTL" "$@"; }
check_refused "nobody: vxlan add" "$EPERM" \
	nv vxlan add "$ISW" vni 101 vlan 0 local 203.0.113.1 remote 203.0.113.3
check_refused "nobody: vxlan del" "$EPERM" nv vxlan del "$ISW" vni 100
check_refused "nobody: fdb add ... remote" "$EPERM" \
	nv fdb add "$ISW" "$(doc_mac 74)" vlan 10 remote 203.0.113.2 vni 100
check_refused "nobody: team set policy failover active/standby" "$EPERM" \
	nv team set "$ISW" policy failover active iu1 standby iu2
check_refused "nobody: team set detect beacon" "$EPERM" nv team set "$ISW" detect beacon
check_refused "nobody: team set failback, notify-switches" "$EPERM" \
	nv team set "$ISW" failback off notify-switches off
check_refused "nobody: team set policy lacp lacp-rate slow" "$EPERM" \
	nv team set "$ISW" policy lacp lacp-rate slow
check_refused "nobody: portgroup add" "$EPERM" nv portgroup add "$ISW" pg20 vlan 20
check_refused "nobody: portgroup set vlan" "$EPERM" nv portgroup set "$ISW" pg10 vlan 11
check_refused "nobody: portgroup set policies" "$EPERM" \
	nv portgroup set "$ISW" pg10 promisc on mac-change on forged-transmits on
check_refused "nobody: portgroup set shaping" "$EPERM" \
	nv portgroup set "$ISW" pg10 shaping avg 1000 peak 2000 burst 10
check_refused "nobody: portgroup del" "$EPERM" nv portgroup del "$ISW" pg10
check_refused "nobody: port set portgroup" "$EPERM" nv port set ip1 portgroup pg10
check_refused "nobody: port set mac, fdb-max" "$EPERM" \
	nv port set ip1 mac 02:73:00:00:00:01 fdb-max 4
check_refused "nobody: port set (the host port)" "$EPERM" nv port set "$ISW" portgroup pg10
check "nobody: team show" nv team show "$ISW"
check "nobody: vxlan show" nv vxlan show "$ISW"
check "nobody: portgroup show" nv portgroup show "$ISW"

# ---- U and its netns A ---------------------------------------------------------------

# In A with U's credentials: uid 0 there, nobody here.
UA_IN=("${NB[@]}" nsenter --preserve-credentials -t "$UA" -U -n --)
ua() { "${UA_IN[@]}" "$@"; }
uv() { ua "$VSWCTL" "$@"; }
uvj() { local e=$1; shift; ua "$VSWCTL" -j "$@" | jq_py "$e"; }

"${UA_IN[@]}" unshare --net sleep 3600 >/dev/null 2>&1 &
UB=$!
__bg_pids+=("$UB")
setup wait_for 10 comm_is "$UB"
ub() { "${NB[@]}" nsenter --preserve-credentials -t "$UB" -U -n -- "$@"; }

check_eq "U: uid 0 inside" 0 ua id -u
check_eq "U: uid 0 is 65534 (nobody) outside" "0 65534 1" \
	ua awk '{ print $1, $2, $3; exit }' /proc/self/uid_map
check_eq "the holder of A runs as nobody in the initial user namespace" 65534 \
	stat -c %u "/proc/$UA"
check "A and B are netns of their own" \
	eval '[[ $(netns_of $UA) != $(netns_of $$) && $(netns_of $UB) != $(netns_of $UA) ]]'

check_eq "U: switch show sees no switch (not the initial netns's)" 0 uvj "len(j)" switch show
check_eq "U: port show sees no port" 0 uvj "len(j)" port show
check "U: switch add usw0" uv switch add usw0
setup ua ip link set usw0 up
setup ua ip addr add 192.0.2.254/24 dev usw0
check_eq "U: switch show lists usw0 alone" '["usw0"]' uvj "[s['name'] for s in j]" switch show
check "U: a veth up1 in A <-> eth0 in B" ua ip link add up1 type veth peer name eth0 netns "$UB"
setup ua ip link set up1 up
setup ub ip link set lo up
setup ub ip addr add 192.0.2.1/24 dev eth0
# B stays quiet unless the test makes it talk (no IPv6 ND or MLD, no ARP
# probes of a stale neighbour), so the FDB flush below is not undone by a
# frame that happens to cross the switch right after it.
setup ub sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
setup ub ip link set eth0 up
check "U: port add usw0 up1" uv port add usw0 up1
check "U: portgroup add usw0 pg10 vlan 10 (policies, shaping)" \
	uv portgroup add usw0 pg10 vlan 10 forged-transmits on shaping avg 100000 peak 200000 burst 1024
check "U: port set up1 portgroup pg10" uv port set up1 portgroup pg10
check "U: port set usw0 (the host port) portgroup pg10" uv port set usw0 portgroup pg10
check_eq "U: portgroup show: pg10 has up1 and usw0, VLAN 10, shaped" "10 ['up1', 'usw0'] 100000" \
	uvj "(lambda g: '%s %s %s' % (g['vlan'], sorted(g['ports']), g['shaping']['avg_kbit']))(first(j, name='pg10'))" \
	portgroup show usw0
# ns_mac ENTER DEV: DEV's MAC in the netns that ENTER (ua, ub) runs in.
# (sysfs shows the devices of the netns that mounted it: ask ip.)
ns_mac() { "$1" ip -o link show dev "$2" | sed -E 's|.* link/ether ([0-9a-f:]+) .*|\1|'; }
mU=$(ns_mac ua usw0)
mB=$(ns_mac ub eth0)
setup ub ip neigh replace 192.0.2.254 lladdr "$mU" dev eth0 nud permanent
setup ua ip neigh replace 192.0.2.1 lladdr "$mB" dev usw0 nud permanent
check "U: the VM in B pings usw0 through the switch" ub ping -q -c 3 -i 0.2 -W 2 -w 10 192.0.2.254
check_eq "U: fdb: the VM's MAC learned on up1, VLAN 10" up1 \
	uvj "(first(j, mac='$mB', vlan=10) or {}).get('port')" fdb show usw0
S=$(doc_mac 75)
check "U: fdb add (static)" uv fdb add usw0 "$S" vlan 10 port up1
check_eq "U: fdb show: the static entry" "up1 True" \
	uvj "(lambda e: '%s %s' % (e['port'], e['static']))(first(j, mac='$S', vlan=10))" fdb show usw0
check "U: fdb del" uv fdb del usw0 "$S" vlan 10
check "U: fdb flush" uv fdb flush usw0
check_eq "U: no learned entry after the flush" 0 \
	uvj "len([e for e in j if not e['static'] and not e.get('local')])" fdb show usw0
check "U: switch set ageing 77 fdb-max 100" uv switch set usw0 ageing 77 fdb-max 100
check_eq "U: switch show: ageing 77, fdb-max 100" "77 100" \
	uvj "'%s %s' % (j[0]['ageing'], j[0]['fdb_max'])" switch show usw0

for d in uu1 uu2 ul0; do
	setup ua ip link add "$d" type veth peer name "${d}p"
	setup ua ip link set "$d" up
	setup ua ip link set "${d}p" up
done
check "U: uplink add usw0 uu1, uu2" eval 'uv uplink add usw0 uu1 && uv uplink add usw0 uu2'
check "U: team set failover active uu1 standby uu2" \
	uv team set usw0 policy failover active uu1 standby uu2 notify-switches off
check_wait "U: team show: failover, uu1 active, uu2 standby" 10 out_is "failover uu1:active uu2:standby" \
	uvj "(lambda t: ' '.join([t['policy']] + ['%s:%s' % (u['name'], u['state']) for u in t['uplinks']]))(j[0] if isinstance(j, list) else j)" \
	team show usw0
setup ua ip addr add 198.51.100.1/24 dev ul0
check "U: vxlan add usw0 vni 100 (the initial netns's VNI too) vlan 10 local 198.51.100.1" \
	uv vxlan add usw0 vni 100 vlan 10 local 198.51.100.1 remote 198.51.100.2
check_eq "U: vxlan show" '[[100, 10, "198.51.100.1", ["198.51.100.2"]]]' \
	uvj "[[v['vni'], v['vlan'], v['local'], v['remote']] for v in j]" vxlan show usw0
vni_tx() { uvj "j[0]['stats']['tx_packets']" -s vxlan show usw0; }
ub ping -q -c 2 -i 0.3 -W 1 192.0.2.77 >/dev/null 2>&1
check_num "U: a flood from the VM (ARP for a stranger) went into the tunnel" -gt 0 vni_tx
check_eq "the initial netns's VNI 100 is unchanged" '[[100, 10, "203.0.113.1"]]' \
	eval "\"\$VSWCTL\" -j vxlan show $ISW | jq_py \"[[v['vni'], v['vlan'], v['local']] for v in j]\""

# ---- A cannot reach out ------------------------------------------------------------------

snap0=$(vsw_snapshot)
check_fail "U: switch show $ISW (the initial netns's switch)" "" uv switch show "$ISW"
check_fail "U: switch set $ISW ageing 10" "" uv switch set "$ISW" ageing 10
check_fail "U: switch del $ISW" "" uv switch del "$ISW"
check_fail "U: port show $ISW" "" uv port show "$ISW"
check_fail "U: portgroup add $ISW" "" uv portgroup add "$ISW" pgx vlan 30
check_fail "U: portgroup del $ISW pg10" "" uv portgroup del "$ISW" pg10
check_fail "U: fdb flush $ISW" "" uv fdb flush "$ISW"
check_fail "U: team set $ISW" "" uv team set "$ISW" policy mac-hash
check_fail "U: vxlan del $ISW vni 100" "" uv vxlan del "$ISW" vni 100
check_fail "U: port del ip1 (a port of the initial netns)" "" uv port del ip1
check_fail "U: port add usw0 ip1" "" uv port add usw0 ip1
check_not "U: vswctl -n (a netns of the initial user namespace) cannot enter it" \
	uv -n "$NS1" switch show
check_eq "the initial netns's switch did not change" "$snap0" vsw_snapshot
check "U: switch add $ISW (the same name, in A)" uv switch add "$ISW"
check_eq "U: switch show: $ISW and usw0" "[\"$ISW\", \"usw0\"]" \
	uvj "sorted(s['name'] for s in j)" switch show
check_eq "U: A's $ISW is its own: no ports, default ageing" "[] 300" \
	uvj "'%s %s' % (sorted(set(j[0]['ports']) - {'$ISW'}), j[0]['ageing'])" switch show "$ISW"
check "U: switch del $ISW (A's)" uv switch del "$ISW"
check_eq "the initial netns's $ISW is still there, unchanged" "$snap0" vsw_snapshot
check_eq "root of the initial user namespace sees A's switch (nsenter)" '["usw0"]' \
	eval "nsenter -t $UA -n \"\$VSWCTL\" -j switch show | jq_py \"[s['name'] for s in j]\""

# ---- events stay in their netns ------------------------------------------------------------

"${UA_IN[@]}" "$VSWCTL" -j monitor >"$TMPD/mon.A" 2>&1 &
monA=$!
__bg_pids+=("$monA")
"$VSWCTL" -j monitor >"$TMPD/mon.I" 2>&1 &
monI=$!
__bg_pids+=("$monI")
# Subscribed once a change of its own netns shows.
seen() { grep -q "$2" "$1"; }
sub_a() { uv switch set usw0 ageing 50 >/dev/null; seen "$TMPD/mon.A" '"ageing": *50'; }
sub_i() { "$VSWCTL" switch set "$ISW" ageing 60 >/dev/null; seen "$TMPD/mon.I" '"ageing": *60'; }
setup wait_for 20 sub_a
setup wait_for 20 sub_i
"$VSWCTL" switch set "$ISW" ageing 222 >/dev/null
uv switch set usw0 ageing 111 >/dev/null
"$VSWCTL" switch set "$ISW" ageing 223 >/dev/null
uv switch set usw0 ageing 112 >/dev/null
check_wait "A's monitor got A's last event" 10 seen "$TMPD/mon.A" '"ageing": *112'
check_wait "the initial netns's monitor got its last event" 10 seen "$TMPD/mon.I" '"ageing": *223'
check_not "A's monitor got no event of the initial netns ($ISW)" grep -q "$ISW" "$TMPD/mon.A"
check_not "the initial netns's monitor got no event of A (usw0)" grep -q usw0 "$TMPD/mon.I"
stop_bg "$monA"
stop_bg "$monI"

# ---- A goes; nothing stays -----------------------------------------------------------------

# A port whose peer is in the initial netns: it disappears when A is dismantled.
setup ip link add uprobe type veth peer name up9 netns "/proc/$UA/ns/net"
setup ip link set uprobe up
setup ua ip link set up9 up
check "U: port add usw0 up9 (peer in the initial netns)" uv port add usw0 up9
# Traffic on A's switch as it goes: a flood from the VM over ports, uplinks
# and the tunnel.
"${NB[@]}" nsenter --preserve-credentials -t "$UB" -U -n -- ping -q -f -w 60 192.0.2.254 \
	>/dev/null 2>&1 &
flood=$!
__bg_pids+=("$flood")
sleep 1
check "U's processes killed (A's and B's last users)" kill -9 "$flood" "$UB" "$UA"
check_wait "A is dismantled: uprobe (peer of A's up9) is gone" 30 eval '! ip link show uprobe'
check_wait "module refcount back to $ref0" 30 out_is "$ref0" mod_refcnt
if [[ -n $slab0 ]]; then
	check_wait "vsw_fdb_entry objects back to $slab0 (A's and $ISW's entries gone)" 30 \
		eval "'$VSWCTL' switch del $ISW; out_is '$slab0' fdb_slab_objects"
else
	skip "vsw_fdb_entry objects back to the start" "$SLAB_WHY"
fi
check "rmmod vsw" vsw_rmmod
check "modprobe vsw" modprobe vsw

finish
