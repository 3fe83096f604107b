#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Scale: 1024 ports on one switch, 4094 port groups (every VLAN) on it, 100
# switches. Counts as the show commands report them; dumps that take many
# netlink messages (1024 ports, 4095 port groups) parse whole; one learned
# entry per port; VMs still ping through it all; deleting everything brings
# the module's refcount and the vsw_fdb_entry slab back to where they
# started. Each step's time is printed as a diagnostic (never checked).
#
#   n1 .1   n2 .2   n3 .3   n4 .4          (192.0.2.0/24)
#    |       |       |       |
#   n0: p1 -- p2 --- p3 ---- p4 --- sw0 --- s5 .. s1024 (veth, peers s5p ..
#                                            s1024p in n0, not in a netns)
#       sw1 .. sw99: empty switches
#       port groups v1 .. v4094 on sw0 (VLAN N); p3, p4 in v4094
#
# In that order: the port groups, the switches, the ports; then the views
# of everything at once; then all of it deleted (ports, switches, groups).
# "switch show" lists a switch's ports and "portgroup show" a group's in one
# message per object: with 1024 ports on sw0 (and 1023 in its default
# group) both must still answer, whole, and the switch and group dumps must
# not end early without an error.
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-stress.sh
source "$(dirname "$0")/lib-stress.sh"

NPORTS=1024
NVMS=4
NPG=4094
NSW=100

ref0=$(mod_refcnt)
slab0=''
if fdb_slab_usable; then
	slab0=$(fdb_slab_objects)
fi

setup_ns 0
add_switch sw0
for n in $(seq 1 $NVMS); do
	add_vm "$n" sw0
done
SWMAC=$(dev_mac 0 sw0)

batch()
{
	ip -n "$NS0" -batch "$1"
}

# ---- 4094 port groups ----------------------------------------------------------

"$PYTHON" -S -c '
import json, sys
n = int(sys.argv[1])
pgs = [{"name": "default", "vlan": 0}] + [{"name": "v%d" % i, "vlan": i} for i in range(1, n + 1)]
json.dump({"version": 1, "switches": [{"name": "sw0", "portgroups": pgs}]}, sys.stdout)
' "$NPG" >"$TMPD/pgs.json"
stamp
check "vswctl apply: $NPG port groups, VLANs 1-$NPG" eval 'vsw apply "$TMPD/pgs.json" >"$TMPD/apply.out"'
lap "$NPG port groups created (vswctl apply)"
stamp
check_eq "portgroup show -j: $((NPG + 1)) groups (a dump of many messages)" "$((NPG + 1))" \
	vsw_jq "len(j)" portgroup show sw0
lap "portgroup show -j of $((NPG + 1))"
check_eq "portgroup show -j: VLANs 0..$NPG, each once, each vN on VLAN N" "true" \
	vsw_jq "sorted(g['vlan'] for g in j) == list(range($NPG + 1)) and all(g['name'] == 'v%d' % g['vlan'] for g in j if g['name'] != 'default')" \
	portgroup show sw0
check_eq "portgroup show sw0 v$NPG" "$NPG" vsw_jq "j[0]['vlan']" portgroup show sw0 "v$NPG"
check "port set p3, p4 portgroup v$NPG" eval "vsw port set p3 portgroup v$NPG && vsw port set p4 portgroup v$NPG"
check "vm3 -> vm4 on VLAN $NPG" ping_ok 3 192.0.2.4
check "vm1 -> vm2 on VLAN 0" ping_ok 1 192.0.2.2
check_not "vm1 cannot reach vm3 (VLAN 0 and VLAN $NPG)" n1 ping -q -c 2 -i 0.2 -W 1 192.0.2.3
stamp
check "apply the same file again: nothing to change" \
	eval '[[ -z $(vsw apply "$TMPD/pgs.json" --dry-run) ]]'
lap "apply --dry-run over $((NPG + 1)) groups"

# ---- 100 switches --------------------------------------------------------------

for i in $(seq 1 $((NSW - 1))); do
	echo "link add sw$i type vsw"
done >"$TMPD/sw.batch"
for i in $(seq 1 $((NSW - 1))); do
	echo "link del sw$i"
done >"$TMPD/swdel.batch"
stamp
check "$((NSW - 1)) more switches (ip -batch link add type vsw)" batch "$TMPD/sw.batch"
for i in $(seq 1 $((NSW - 1))); do
	track_switch "sw$i"
done
lap "$((NSW - 1)) switches created"
check_eq "switch show -j: $NSW switches" "$NSW" vsw_jq "len(j)" switch show
check_eq "switch list: $NSW lines" "$NSW" eval "vsw switch list | wc -l"

# ---- 1024 ports --------------------------------------------------------------

first=$((NVMS + 1))
for i in $(seq $first $NPORTS); do
	echo "link add s$i type veth peer name s${i}p"
done >"$TMPD/veth.batch"
for i in $(seq $first $NPORTS); do
	echo "link set dev s$i up"
	echo "link set dev s${i}p up"
done >"$TMPD/up.batch"
for i in $(seq $first $NPORTS); do
	echo "link set dev s$i master sw0"
done >"$TMPD/master.batch"
for i in $(seq $first $NPORTS); do
	echo "link del s$i"
done >"$TMPD/del.batch"

stamp
setup batch "$TMPD/veth.batch"
setup batch "$TMPD/up.batch"
lap "$((NPORTS - NVMS)) veth pairs created and up (ip -batch)"
check "$((NPORTS - NVMS)) ports attached by ip link set master (ip -batch)" \
	batch "$TMPD/master.batch"
lap "$((NPORTS - NVMS)) ports attached"

stamp
check_eq "port show -j: $NPORTS ports and the host port (a dump of many messages)" \
	"$((NPORTS + 1))" vsw_jq "len(j)" port show sw0
lap "port show -j of $((NPORTS + 1))"
check_eq "port show -j: every name once, each on sw0, each kind port but sw0's" \
	"$((NPORTS + 1)) True" \
	vsw_jq "'%d %s' % (len(set(p['name'] for p in j)), all(p['switch'] == 'sw0' and (p['kind'] == 'port') != (p['name'] == 'sw0') for p in j))" \
	port show sw0
stamp
check_eq "port show -s -j: $((NPORTS + 1)) with counters" "$((NPORTS + 1))" \
	vsw_jq "len([p for p in j if 'rx_packets' in p['stats']])" -s port show sw0
lap "port show -s -j"
check_eq "port show -j of every switch: $((NPORTS + NSW)) (the ports and $NSW host ports)" \
	"$((NPORTS + NSW))" vsw_jq "len(j)" port show
check_eq "ip link: $NPORTS devices with master sw0" "$NPORTS" \
	eval "ip -j -n '$NS0' link show master sw0 | jq_py 'len(j)'"
check_eq "text port show: $((NPORTS + 1)) lines" "$((NPORTS + 1))" \
	eval "vsw port show sw0 | wc -l"

# One learned entry per port: each peer sends one frame from its own
# address to sw0's (the local entry: no flood).
# One unbound socket: closing a bound packet socket waits for an RCU grace
# period (about 20 ms each under emulation).
__SEND_PY='
import socket, sys
dst = bytes(int(x, 16) for x in sys.argv[1].split(":"))
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
for dev in sys.argv[2:]:
    src = bytes(int(x, 16) for x in open("/sys/class/net/%s/address" % dev).read().strip().split(":"))
    s.sendto(dst + src + b"\x88\xb5" + b"vsw-selftest".ljust(46, b"\0"), (dev, 0))
'
stamp
setup n0 "$PYTHON" -S -c "$__SEND_PY" "$SWMAC" $(seq -f 's%gp' $first $NPORTS)
lap "$((NPORTS - NVMS)) frames sent"
learned_s() { vsw_jq "len([e for e in j if (e['port'] or '').startswith('s') and e['port'] != 'sw0' and not e['static']])" fdb show sw0; }
check_wait "one learned entry on each of s$first..s$NPORTS" 30 out_is "$((NPORTS - NVMS))" learned_s
lap "... and learned (fdb show)"
if [[ -n $slab0 ]]; then
	check_num "vsw_fdb_entry objects: $((NPORTS - NVMS)) more than at the start at least" \
		-ge $((slab0 + NPORTS - NVMS)) fdb_slab_objects
else
	skip "vsw_fdb_entry objects: one per learned entry" "$SLAB_WHY"
fi
check "vm1 -> vm2 across 1024 ports" ping_ok 1 192.0.2.2
check "vm3 -> vm4 across 1024 ports" ping_ok 3 192.0.2.4

# Every object at once in the views that list a switch's ports in one
# message each: a switch (switch show), a port group (portgroup show).
check_eq "switch show sw0: $NPORTS ports" "$NPORTS" \
	vsw_jq "len(set(j[0]['ports']) - {'sw0'})" switch show sw0
check_eq "switch show -j: all $NSW switches, sw0 with $NPORTS ports" "$NSW $NPORTS" \
	vsw_jq "'%d %d' % (len(j), len((first(j, name='sw0') or {'ports': []})['ports']))" switch show
check_num "switch show: fdb_count of sw0 at least $((NPORTS - NVMS + 4))" -ge $((NPORTS - NVMS + 4)) \
	sw_field sw0 fdb_count
check_eq "portgroup show -j: all $((NPG + 1)) groups, default with $((NPORTS - 2 + 1)) ports" \
	"$((NPG + 1)) $((NPORTS - 2 + 1))" \
	vsw_jq "'%d %d' % (len(j), len((first(j, name='default') or {'ports': []})['ports']))" \
	portgroup show sw0

# ---- everything goes -------------------------------------------------------------

stamp
check "$((NPORTS - NVMS)) port devices deleted (ip -batch link del)" batch "$TMPD/del.batch"
lap "$((NPORTS - NVMS)) port devices deleted"
check_eq "port show: p1..p4 and sw0 left" '["p1", "p2", "p3", "p4", "sw0"]' \
	vsw_jq "sorted(p['name'] for p in j)" port show sw0
check_eq "no fdb entry of a deleted port left" 0 learned_s
check "vm1 -> vm2 after the ports went" ping_ok 1 192.0.2.2
stamp
check "$((NSW - 1)) switches deleted (ip -batch link del)" batch "$TMPD/swdel.batch"
lap "$((NSW - 1)) switches deleted"
check_eq "switch show -j: sw0 alone" '["sw0"]' vsw_jq "[s['name'] for s in j]" switch show
setup vsw port set p3 portgroup default
setup vsw port set p4 portgroup default
echo '{"version": 1, "switches": [{"name": "sw0", "portgroups": []}]}' >"$TMPD/nopgs.json"
stamp
check "vswctl apply: the $NPG port groups deleted" eval 'vsw apply "$TMPD/nopgs.json" >/dev/null'
lap "$NPG port groups deleted"
check_eq "portgroup show: default alone" '["default"]' vsw_jq "[g['name'] for g in j]" portgroup show sw0
check "vm1 -> vm4 after it all" ping_ok 1 192.0.2.4
stamp
check "switch del sw0" vsw switch del sw0
lap "sw0 deleted"
for n in 4 3 2 1 0; do
	ip netns del "$(ns_of "$n")"
	forget_ns "$n"
done
check_wait "module refcount back to $ref0" 30 out_is "$ref0" mod_refcnt
if [[ -n $slab0 ]]; then
	check_wait "vsw_fdb_entry objects back to $slab0" 30 out_is "$slab0" fdb_slab_objects
else
	skip "vsw_fdb_entry objects back to the start" "$SLAB_WHY"
fi

finish
