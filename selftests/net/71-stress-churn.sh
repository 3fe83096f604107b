#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Configuration churn under traffic: for $CHURN_SECS seconds, loops change
# everything that can be changed on sw0 at once, while pktgen floods
# broadcasts from 512 random sources into an uplink and two pairs of VMs
# ping -f each other. Then nothing may be left inconsistent: the kernel's
# view (ip link), each "vswctl -j show" and the others agree; "vswctl
# apply" rebuilds a known configuration and every show says exactly that;
# VMs ping; every dump taken during the churn parsed; the event stream
# survived. At the end sw0 and the namespaces go and the module's refcount
# and the vsw_fdb_entry slab are back where they started, and rmmod works.
#
#   n1 .1   n2 .2   n3 .3   n4 .4                 (192.0.2.0/24)
#    |       |       |       |
#   n0: p1 --p2 ---- p3 ---- p4 ---- sw0 ---- up1, up2 (uplinks)
#       c1..c8: churn veths (peers in n7)          |     |
#       d1, d2: ports of swt / swu (churned)     n9: up1p, up2p;
#       ul0 198.51.100.1 ======= n8: ul0 .2          pktgen on up1p
#
# The loops (each its own process, all at once):
#   ports       c1-c4: port add/set (port group, mac, fdb-max)/del, uplink
#               add/del (a third uplink: beacon probing runs)
#   master      c5-c6: ip link set master sw0 / nomaster, down/up
#   devices     c7-c8: port add, ip link del under the switch, re-create,
#               moved to another netns and back
#   portgroups  pgT add/del, pgA/pgB VLAN, trunk, 4095, policies,
#               shaping; p3, p4 and the host port moved between groups
#   team        every policy, active/standby lists, detect, failback,
#               notify-switches, LACP rate, up2 removed and re-added, up2's
#               carrier flapped
#   vxlan       VNI 100 (head-end) and 200 (multicast group on ul0) added and
#               deleted, static remote entries, ul0's address and link
#               flapped under them
#   fdb         static entries added/deleted, flushes (all, port, VLAN),
#               switch set ageing / fdb-max
#   switches    swt (port, port group, static entry, VNI 300 on the same UDP
#               socket as sw0's) and swu (ip link add type vsw, a port by
#               ip link set master) created and deleted
#   reader      every -j show dump, again and again
#   monitor     vswctl -j monitor, all along
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-stress.sh
source "$(dirname "$0")/lib-stress.sh"

CHURN_SECS=${CHURN_SECS:-30}

ref0=$(mod_refcnt)
slab0=''
if fdb_slab_usable; then
	slab0=$(fdb_slab_objects)
fi

setup_ns 0 6 7 8 9
add_switch sw0
setup vsw portgroup add sw0 pgA vlan 10
setup vsw portgroup add sw0 pgB vlan 20
setup vsw portgroup add sw0 pgF forged-transmits on mac-change on
for n in 1 2 3 4; do
	add_vm "$n" sw0
done
setup vsw port set p3 portgroup pgA
setup vsw port set p4 portgroup pgA

# Uplinks whose peers are in n9, apart: the physical network is not under
# test here (50-56 are about teaming in a switched network), and a bridge
# joining them would send the VMs' floods back in by the other uplink.
for u in up1 up2; do
	setup ip -n "$NS0" link add "$u" type veth peer name "${u}p" netns "$NS9"
	setup ip -n "$NS9" link set "${u}p" up
	setup ip -n "$NS0" link set "$u" up
	setup vsw uplink add sw0 "$u"
done

# The VXLAN underlay: n8 is a host with no VTEP (it answers port
# unreachable, rate limited).
setup ip -n "$NS0" link add ul0 type veth peer name ul0 netns "$NS8"
setup ip -n "$NS0" addr add 198.51.100.1/24 dev ul0
setup ip -n "$NS8" addr add 198.51.100.2/24 dev ul0
setup ip -n "$NS0" link set ul0 up
setup ip -n "$NS8" link set ul0 up
setup vsw vxlan add sw0 vni 100 vlan 0 local 198.51.100.1 remote 198.51.100.2

# Churn devices: veths whose peers are in n7; d1, d2 for swt and swu.
for d in c1 c2 c3 c4 c5 c6 c7 c8 d1 d2; do
	setup ip -n "$NS0" link add "$d" type veth peer name "$d" netns "$NS7"
	setup ip -n "$NS0" link set "$d" up
	setup ip -n "$NS7" link set "$d" up
done

setup ping_ok 1 192.0.2.2
setup ping_ok 3 192.0.2.4

# ---- traffic ---------------------------------------------------------------

PKTGEN=0
pg_w() { n9 sh -c "echo '$2' >/proc/net/pktgen/$1"; }
pktgen_up()
{
	local k
	modprobe pktgen 2>/dev/null || return 1
	n9 test -e /proc/net/pktgen/pgctrl || return 1
	pg_w pgctrl reset
	pg_w kpktgend_0 "add_device up1p" || return 1
	# About 2000 frames/s: load, without starving the loops of CPU.
	for k in "count 0" "clone_skb 0" "pkt_size 60" "delay 500000" \
		"dst_mac ff:ff:ff:ff:ff:ff" "src_mac 02:71:cc:00:00:00" \
		"src_mac_count 512" "flag MACSRC_RND" "dst 198.51.100.99" \
		"src_min 198.51.100.98" "src_max 198.51.100.98"; do
		pg_w up1p "$k" || return 1
	done
	run_bg 9 sh -c 'echo start >/proc/net/pktgen/pgctrl'
	PKTGEN=$BG_PID
}
if pktgen_up; then
	diag "pktgen: broadcasts from 512 random sources into up1"
else
	diag "pktgen not available: ping -f only"
fi
run_bg 1 ping -q -f -w 600 192.0.2.2
PING1=$BG_PID
run_bg 3 ping -q -f -w 600 192.0.2.4
PING3=$BG_PID
ip netns exec "$NS0" "$VSWCTL" -j monitor >"$TMPD/monitor.out" 2>"$TMPD/monitor.err" &
MON=$!
__bg_pids+=("$MON")

# ---- the loops -------------------------------------------------------------

sv() { "$VSWCTL" -n "$NS0" "$@"; }
ipn() { ip -n "$NS0" "$@"; }
# pick VAR WORD...: a random one of the words into VAR.
pick()
{
	local -n __v=$1
	shift
	local a=("$@")
	__v=${a[RANDOM % ${#a[@]}]}
}

round_ports()
{
	local d pg
	pick d c1 c2 c3 c4
	pick pg default pgA pgB pgT pgF
	sv port add sw0 "$d" portgroup "$pg"
	pick pg default pgA pgB pgF
	sv port set "$d" portgroup "$pg"
	sv port set "$d" mac "02:71:00:00:00:0${d#c}" fdb-max $((RANDOM % 8))
	sv port set "$d" mac none
	sv port del "$d"
	sv uplink add sw0 "$d"
	sv team set sw0 detect beacon
	sv uplink del "$d"
}

round_master()
{
	local d
	pick d c5 c6
	ipn link set dev "$d" master sw0
	ipn link set dev "$d" down
	ipn link set dev "$d" up
	sv port set "$d" portgroup pgB
	ipn link set dev "$d" nomaster
}

round_devices()
{
	local d
	pick d c7 c8
	sv port add sw0 "$d"
	ipn link del "$d"
	ipn link add "$d" type veth peer name "$d" netns "$NS7"
	ipn link set "$d" up
	ip -n "$NS7" link set "$d" up
	sv port add sw0 "$d" portgroup pgA
	# A port moved to another netns leaves its switch.
	ipn link set dev "$d" netns "$NS6"
	ip -n "$NS6" link set dev "$d" netns "$NS0"
	ipn link set "$d" up
}

round_portgroups()
{
	local v pg
	pick v 0 10 20 30 100 4094 4095
	sv portgroup add sw0 pgT vlan "$v"
	case $((RANDOM % 4)) in
	0) sv portgroup set sw0 pgA vlan 30 ;;
	1) sv portgroup set sw0 pgA trunk 10,20-30 native 20 ;;
	2) sv portgroup set sw0 pgA vlan 4095 ;;
	3) sv portgroup set sw0 pgA vlan 10 ;;
	esac
	pick v on off
	sv portgroup set sw0 pgB promisc "$v" mac-change "$v" forged-transmits "$v"
	if ((RANDOM % 2)); then
		sv portgroup set sw0 pgB shaping avg 10000 peak 20000 burst 64
	else
		sv portgroup set sw0 pgB shaping off
	fi
	pick pg pgA pgB pgT
	sv port set p3 portgroup "$pg"
	pick pg pgA pgB pgT default
	sv port set p4 portgroup "$pg"
	pick pg default pgA pgT
	sv port set sw0 portgroup "$pg"
	sv port set p4 portgroup pgA
	sv port set sw0 portgroup default
	sv portgroup del sw0 pgT
}

round_team()
{
	case $((RANDOM % 6)) in
	0) sv team set sw0 policy port-id active none standby none ;;
	1) sv team set sw0 policy mac-hash notify-switches off ;;
	2) sv team set sw0 policy ip-hash notify-switches on detect link ;;
	3) sv team set sw0 policy failover active up1 standby up2 failback off ;;
	4) sv team set sw0 policy failover active up2 standby none failback on ;;
	5) sv team set sw0 policy lacp lacp-rate slow ;;
	esac
	if ((RANDOM % 3 == 0)); then
		sv uplink del up2
		sv uplink add sw0 up2
	fi
	if ((RANDOM % 3 == 0)); then
		ip -n "$NS9" link set up2p down
		ip -n "$NS9" link set up2p up
	fi
}

round_vxlan()
{
	sv vxlan add sw0 vni 100 vlan 0 local 198.51.100.1 remote 198.51.100.2
	sv fdb add sw0 02:71:aa:00:00:01 remote 198.51.100.3 vni 100
	sv vxlan add sw0 vni 200 vlan 10 local 198.51.100.1 group 239.1.1.1 dev ul0
	sv fdb add sw0 02:71:aa:00:00:02 vlan 10 remote 198.51.100.2 vni 200
	sv vxlan del sw0 vni 100
	case $((RANDOM % 4)) in
	0)
		ipn addr del 198.51.100.1/24 dev ul0
		ipn addr add 198.51.100.1/24 dev ul0
		;;
	1)
		ipn link set ul0 down
		ipn link set ul0 up
		;;
	esac
	sv vxlan del sw0 vni 200
}

round_fdb()
{
	local p v m
	pick p p1 p2 up1 sw0 c1
	pick v 0 10
	m=02:71:dd:00:00:$((RANDOM % 90 + 10))
	sv fdb add sw0 "$m" vlan "$v" port "$p"
	sv fdb del sw0 "$m" vlan "$v"
	case $((RANDOM % 3)) in
	0) sv fdb flush sw0 ;;
	1) sv fdb flush sw0 port p1 ;;
	2) sv fdb flush sw0 vlan 10 ;;
	esac
	pick v 1 10 300
	pick m 16 256 0 65536
	sv switch set sw0 ageing "$v" fdb-max "$m"
}

round_switches()
{
	sv switch add swt ageing 5
	sv port add swt d1
	sv portgroup add swt x vlan 5
	sv port set d1 portgroup x
	sv fdb add swt 02:71:bb:00:00:01 vlan 5 port d1
	sv vxlan add swt vni 300 vlan 5 local 198.51.100.1 remote 198.51.100.2
	ipn link add swu type vsw
	ipn link set swu up
	ipn link set dev d2 master swu
	sv switch del swt
	ipn link del swu
}

READS=("switch show" "port show" "-s port show sw0" "fdb show sw0"
	"portgroup show sw0" "team show sw0" "vxlan show sw0" "-s vxlan show sw0")
mkdir -p "$TMPD/reads"
round_reader()
{
	local i rc
	for i in "${!READS[@]}"; do
		# shellcheck disable=SC2086 # the words of a command line
		sv -j ${READS[i]} >"$TMPD/reads/$__round.$i.json" 2>"$TMPD/reads/$__round.$i.err"
		rc=$?
		echo "$rc ${READS[i]}" >>"$TMPD/reads.rc"
	done
}

# churn NAME FUNC: FUNC again and again until $END; the rounds done go to
# $TMPD/NAME.rounds, what the commands said to $TMPD/NAME.log.
__round=0
churn()
{
	local name=$1 fn=$2
	RANDOM=$((71 + ${#name}))
	while ((SECONDS < END)); do
		"$fn" >>"$TMPD/$name.log" 2>&1
		__round=$((__round + 1))
	done
	echo "$__round" >"$TMPD/$name.rounds"
}

LOOPS=(ports master devices portgroups team vxlan fdb switches reader)
loop_pids=()
END=$((SECONDS + CHURN_SECS))
t0=$SECONDS
for l in "${LOOPS[@]}"; do
	churn "$l" "round_$l" &
	loop_pids+=("$!")
	__bg_pids+=("$!")
done

loops_running()
{
	local p
	for p in "${loop_pids[@]}"; do
		kill -0 "$p" 2>/dev/null && return 0
	done
	return 1
}
# A round that hangs in the kernel (RTNL, a lock) shows as a loop that does
# not finish: give the last round 60 s more.
check "every churn loop ended within 60 s of the ${CHURN_SECS} s deadline" \
	wait_for $((CHURN_SECS + 60)) eval '! loops_running'
diag "churn took $((SECONDS - t0)) s; rounds per loop:"
for l in "${LOOPS[@]}"; do
	diag "  $l: $(cat "$TMPD/$l.rounds" 2>/dev/null || echo '?')"
done

# ---- the traffic ran all along ---------------------------------------------

if ((PKTGEN)); then
	sent=$(n9 awk '/pkts-sofar:/ { print $2; exit }' /proc/net/pktgen/up1p)
	check_num "pktgen sent into up1 during the churn (pkts-sofar)" -gt 0 echo "${sent:-0}"
	diag "pktgen: $(n9 grep -E 'pkts-sofar|Result|stopped|started' /proc/net/pktgen/up1p | xargs)"
	n9 sh -c 'echo stop >/proc/net/pktgen/pgctrl'
	stop_bg "$PKTGEN"
	n9 sh -c 'echo reset >/proc/net/pktgen/pgctrl'
else
	skip "pktgen sent into up1 during the churn" "pktgen not available"
fi
check "ping -f vm1 -> vm2 ran through the churn" kill -0 "$PING1"
stop_bg "$PING1"
stop_bg "$PING3"
check "vswctl monitor survived the churn" kill -0 "$MON"
stop_bg "$MON"
diag "monitor: $(wc -l <"$TMPD/monitor.out") events; stderr: $(head -c 200 "$TMPD/monitor.err")"
check "every monitor line is a JSON object with an event" \
	"$PYTHON" -S -c '
import json, sys
for i, l in enumerate(open(sys.argv[1])):
    o = json.loads(l)
    assert isinstance(o, dict) and "event" in o, "line %d: %r" % (i + 1, l[:200])
' "$TMPD/monitor.out"

nreads=$(wc -l <"$TMPD/reads.rc")
check_eq "every dump during the churn succeeded (of $nreads)" "" \
	eval "awk '\$1 != 0' '$TMPD/reads.rc' | sort | uniq -c | head"
check "every dump during the churn is valid JSON (a list)" \
	"$PYTHON" -S -c '
import glob, json, sys
bad = []
for f in glob.glob(sys.argv[1] + "/*.json"):
    try:
        if not isinstance(json.load(open(f)), list):
            bad.append(f)
    except ValueError as e:
        bad.append("%s: %s" % (f, e))
print("\n".join(bad[:10]))
sys.exit(1 if bad else 0)
' "$TMPD/reads"

# ---- the churned state agrees with itself -------------------------------------

# Each view once, now that nothing changes any more (ageing may still
# remove learned entries between two dumps: entries are only checked for
# where they point).
__CONSIST_PY='
import json, sys
d = sys.argv[1]
ld = lambda n: json.load(open("%s/%s.json" % (d, n)))
links, ports, sws, pgs, team, fdb = (ld(n) for n in
    ("links", "ports", "switches", "portgroups", "team", "fdb"))
team = team[0] if isinstance(team, list) else team
bad = []
enslaved = {l["ifname"] for l in links if l.get("master") == "sw0"}
vsw_ports = {p["name"] for p in ports if p["kind"] in ("port", "uplink")}
if enslaved != vsw_ports:
    bad.append("ip link master sw0 %s != port show %s" % (sorted(enslaved), sorted(vsw_ports)))
sw = [s for s in sws if s["name"] == "sw0"]
if len(sw) != 1:
    bad.append("switch show: %d sw0" % len(sw))
elif set(sw[0]["ports"]) - {"sw0"} != vsw_ports:
    bad.append("switch show ports %s != port show %s" % (sorted(sw[0]["ports"]), sorted(vsw_ports)))
pgnames = {g["name"] for g in pgs}
for p in ports:
    if p["kind"] in ("port", "host"):
        g = [g for g in pgs if g["name"] == p["portgroup"]]
        if not g:
            bad.append("port %s in port group %s, which portgroup show lacks" % (p["name"], p["portgroup"]))
        elif p["name"] not in (g[0]["ports"] or []):
            bad.append("port %s not in the ports of its group %s" % (p["name"], p["portgroup"]))
for g in pgs:
    for n in g["ports"] or []:
        p = [p for p in ports if p["name"] == n]
        if not p or p[0].get("portgroup") != g["name"]:
            bad.append("portgroup %s lists %s, port show disagrees" % (g["name"], n))
uplinks = {p["name"] for p in ports if p["kind"] == "uplink"}
tu = {u["name"] for u in team["uplinks"]}
if tu != uplinks:
    bad.append("team uplinks %s != uplinks %s" % (sorted(tu), sorted(uplinks)))
for l in ("active", "standby"):
    if not set(team.get(l) or []) <= uplinks:
        bad.append("team %s list %s names a non-uplink" % (l, team.get(l)))
names = {p["name"] for p in ports}
for e in fdb:
    if e.get("port") is not None and e["port"] not in names:
        bad.append("fdb entry %s vlan %s on %s, not a port" % (e["mac"], e["vlan"], e["port"]))
print("\n".join(bad[:20]))
sys.exit(1 if bad else 0)
'
views()
{
	local d=$TMPD/views
	mkdir -p "$d"
	ip -j -n "$NS0" link show >"$d/links.json" &&
		vsw -j port show sw0 >"$d/ports.json" &&
		vsw -j switch show >"$d/switches.json" &&
		vsw -j portgroup show sw0 >"$d/portgroups.json" &&
		vsw -j team show sw0 >"$d/team.json" &&
		vsw -j fdb show sw0 >"$d/fdb.json" &&
		"$PYTHON" -S -c "$__CONSIST_PY" "$d"
}
check "after the churn: ip link, switch, port, portgroup, team and fdb views agree" views

# ---- a known configuration, rebuilt over what the churn left ---------------------

# Leftovers of the loops that are not sw0's business.
vsw switch del swt >/dev/null 2>&1
ip -n "$NS0" link del swu >/dev/null 2>&1
for d in c7 c8; do
	if ! dev_exists 0 "$d"; then
		ip -n "$NS7" link del "$d" 2>/dev/null
		setup ip -n "$NS0" link add "$d" type veth peer name "$d" netns "$NS7"
	fi
	setup ip -n "$NS0" link set "$d" up
done
setup ip -n "$NS9" link set up2p up
setup ip -n "$NS0" link set ul0 up
setup ip -n "$NS0" addr replace 198.51.100.1/24 dev ul0

X=$(doc_mac 71)
cat >"$TMPD/final.json" <<EOF
{
  "version": 1,
  "switches": [
    {
      "name": "sw0", "ageing": 300, "fdb_max": 65536, "host_portgroup": "default",
      "portgroups": [
        { "name": "default", "vlan": 0 },
        { "name": "pgA", "vlan": 10 },
        { "name": "pgB", "vlan": 20 },
        { "name": "pgF", "vlan": 0,
          "security": { "promisc": false, "mac_change": true, "forged_transmits": true } }
      ],
      "uplinks": [ "up1", "up2" ],
      "ports": [
        { "name": "p1", "portgroup": "default" },
        { "name": "p2", "portgroup": "default" },
        { "name": "p3", "portgroup": "pgA" },
        { "name": "p4", "portgroup": "pgA" }
      ],
      "fdb": [ { "mac": "$X", "vlan": 0, "port": "p2" } ],
      "team": { "policy": "port-id", "active": [], "standby": [], "detect": "link",
                "failback": true, "notify_switches": true, "lacp_rate": "fast" },
      "vxlan": [ { "vni": 100, "vlan": 0, "local": "198.51.100.1",
                   "remote": [ "198.51.100.2" ] } ]
    }
  ]
}
EOF
check "vswctl apply: the known configuration over the churned one" \
	vsw apply "$TMPD/final.json"
check_eq "apply --dry-run again: nothing left to change" "" vsw apply "$TMPD/final.json" --dry-run
# Learned entries from before, under ageing 1 or a VLAN that changed, are
# not configuration: only the static ones are compared.
setup vsw fdb flush sw0

check_eq "switch show: sw0 alone, ageing 300, fdb-max 65536" '[["sw0", 300, 65536]]' \
	vsw_jq "[[s['name'], s['ageing'], s['fdb_max']] for s in j]" switch show
check_eq "switch show: sw0's ports" '["p1", "p2", "p3", "p4", "up1", "up2"]' \
	vsw_jq "sorted(set(j[0]['ports']) - {'sw0'})" switch show sw0
check_eq "port show: names, kinds, port groups" \
	'[["p1", "port", "default"], ["p2", "port", "default"], ["p3", "port", "pgA"], ["p4", "port", "pgA"], ["sw0", "host", "default"], ["up1", "uplink", null], ["up2", "uplink", null]]' \
	vsw_jq "sorted([p['name'], p['kind'], p['portgroup'] if p['kind'] != 'uplink' else None] for p in j if p['kind'] != 'vxlan')" \
	port show sw0
check_eq "port show: no MAC set by the admin, no fdb-max" "[]" \
	vsw_jq "[p['name'] for p in j if p.get('mac_admin') or p.get('fdb_max')]" port show sw0
check_eq "portgroup show: groups, VLANs, security, shaping, ports" \
	'[["default", 0, null, null, [false, false, false], null, ["p1", "p2", "sw0"]], ["pgA", 10, null, null, [false, false, false], null, ["p3", "p4"]], ["pgB", 20, null, null, [false, false, false], null, []], ["pgF", 0, null, null, [false, true, true], null, []]]' \
	vsw_jq "sorted([g['name'], g['vlan'], g['trunk'], g['native'], [g['security'][k] for k in ('promisc', 'mac_change', 'forged_transmits')], g['shaping'], sorted(g['ports'] or [])] for g in j)" \
	portgroup show sw0
check_eq "team show: port-id, link, no lists, failback, notify-switches" \
	"port-id link [] [] True True" \
	vsw_jq "(lambda t: '%s %s %s %s %s %s' % (t['policy'], t['detect'], t['active'], t['standby'], t['failback'], t['notify_switches']))(j[0] if isinstance(j, list) else j)" \
	team show sw0
check_wait "team show: up1 and up2, both active" 10 out_is "up1:active up2:active" \
	vsw_jq "(lambda t: ' '.join(sorted('%s:%s' % (u['name'], u['state']) for u in t['uplinks'])))(j[0] if isinstance(j, list) else j)" \
	team show sw0
check_eq "vxlan show: VNI 100 alone, VLAN 0, local and remote" \
	'[[100, 0, "198.51.100.1", ["198.51.100.2"], null, 4789]]' \
	vsw_jq "[[v['vni'], v['vlan'], v['local'], v['remote'], v['group'], v['dstport']] for v in j]" \
	vxlan show sw0
check_eq "fdb show: the static entry alone, on p2" "[[\"$X\", 0, \"p2\"]]" \
	vsw_jq "[[e['mac'].lower(), e['vlan'], e['port']] for e in j if e['static'] and not e.get('local')]" \
	fdb show sw0
check_eq "ip link: the devices with master sw0" '["p1", "p2", "p3", "p4", "up1", "up2"]' \
	eval "ip -j -n '$NS0' link show master sw0 | jq_py 'sorted(l[\"ifname\"] for l in j)'"
check_eq "ip link: c1..c8, d1, d2 have no master" "none none none none none none none none none none" \
	eval 'for d in c1 c2 c3 c4 c5 c6 c7 c8 d1 d2; do dev_master 0 $d; done | xargs'

check "vm1 -> vm2 (default)" ping_ok 1 192.0.2.2
check "vm3 -> vm4 (pgA, VLAN 10)" ping_ok 3 192.0.2.4
check_not "vm1 cannot reach vm3 (VLAN 0 and VLAN 10)" n1 ping -q -c 2 -i 0.2 -W 1 192.0.2.3
diag "drops since the start: $(vsw_jq "' '.join('%s:%s' % (p['name'], {k: v for k, v in p['stats']['drops'].items() if v}) for p in j)" -s port show sw0)"
counts()
{
	vsw -j switch show sw0 >"$TMPD/sw.json" && vsw -j fdb show sw0 >"$TMPD/fdb.json" &&
		"$PYTHON" -S -c '
import json, sys
sw = json.load(open(sys.argv[1]))[0]
fdb = json.load(open(sys.argv[2]))
learned = [e for e in fdb if not e["static"] and not e.get("local")]
print(sw["fdb_count"] == len(learned), len(learned))
' "$TMPD/sw.json" "$TMPD/fdb.json"
}
check "fdb_count of switch show = learned entries of fdb show" \
	eval 'counts | grep -q "^True "'
diag "learned after the pings: $(counts)"

# ---- nothing leaks -------------------------------------------------------------

check "switch del sw0" vsw switch del sw0
check "p1..p4, up1, up2 survive without a master" \
	eval 'for d in p1 p2 p3 p4 up1 up2; do [[ $(dev_master 0 $d) == none ]] || exit 1; done'
for n in 9 8 7 6 4 3 2 1 0; do
	ip netns del "$(ns_of "$n")"
	forget_ns "$n"
done
check_wait "module refcount back to $ref0" 30 out_is "$ref0" mod_refcnt
if [[ -n $slab0 ]]; then
	check_wait "vsw_fdb_entry objects back to $slab0" 30 out_is "$slab0" fdb_slab_objects
else
	skip "vsw_fdb_entry objects back to the start" "$SLAB_WHY"
fi
check "rmmod vsw" vsw_rmmod
check "modprobe vsw" modprobe vsw
check_eq "a fresh module: no switches" 0 eval '"$VSWCTL" -j switch show | jq_py "len(j)"'

finish
