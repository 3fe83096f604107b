#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Declarative configuration: "vswctl save" writes the running configuration,
# "vswctl apply" makes the host match a file. A saved switch is deleted and
# applied back to the same configuration; a second apply changes nothing;
# --dry-run changes nothing; a bad file changes nothing and names the bad
# field; a refusal of the kernel halfway is rolled back; a host file
# replaces the uplinks; a switch the file does not name is left alone.
#
#   n1 (vm1) eth0 -- p1 (sw0, web, admin MAC)      n5: eth0 -- up1 (sw0 uplink)
#   n2 (vm2) eth0 -- p2 (sw0, tr, fdb-max 8)       n6: eth0 -- up2 (free)
#   n3 (vm3) eth0 -- p3 (sw1, not in the files)    n7: eth0 -- busy1 (port of
#   n4 (vm4) eth0 -- p4 (free)                          Linux bridge br0)
#   n0: sw0 (host port in mgmt), sw1, br0
#
# Checks run "eval '...'": expanded when they run, not here.
# shellcheck disable=SC2016
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"

SNAP_SWITCHES="sw0 sw1"
setup_ns 0
add_switch sw0 ageing 120 fdb-max 1000
add_switch sw1
add_pg sw0 web vlan 10
add_pg sw0 tr trunk 10,20-30 native 20 promisc on shaping avg 1000 peak 2000 burst 64
add_pg sw0 mgmt vlan 4095 forged-transmits on mac-change on
for i in 1 2 3 4; do
	add_veth "$i" "p$i"
done
add_veth 5 up1
add_veth 6 up2
add_veth 7 busy1
setup n0 ip link add name br0 type bridge
setup n0 ip link set dev busy1 master br0
setup vsw port add sw0 p1 portgroup web mac "$(vm_mac 1)"
setup vsw port add sw0 p2 portgroup tr fdb-max 8
setup vsw port add sw1 p3
setup vsw uplink add sw0 up1
setup vsw port set sw0 portgroup mgmt
S1=$(doc_mac 41)
S2=$(doc_mac 42)
S3=$(doc_mac 43)
setup vsw fdb add sw0 "$S1" vlan 10 port p1
setup vsw fdb add sw0 "$S2" port sw0
setup vsw fdb add sw0 "$S3" vlan 20 port up1
setup vsw fdb add sw1 "$S1" port p3
# A learned entry, which save leaves out.
setup raw_send 1 eth0 ff:ff:ff:ff:ff:ff "$(vm_mac 1)"
setup wait_for 5 fdb_is sw0 "$(vm_mac 1)" p1 10

F=$TMPD/vsw.json
apply_out=$TMPD/apply.out

# apply ARGS...: vswctl apply, stdout in $apply_out.
apply()
{
	vsw apply "$@" >"$apply_out"
}

# The command lines apply printed (its notes start with "#").
changes()
{
	grep -v '^#' "$apply_out" || true
}

same_save()
{
	vsw save "$1" >"$TMPD/now.json" && diff -u "$2" "$TMPD/now.json"
}

# FILE EXPR: a copy of the saved file with Python EXPR applied to j.
edit()
{
	jq_py "(lambda j: ($2, j)[1])(j)" <"$F" >"$1"
}

# ---- save ----
check "save sw0" eval 'vsw save sw0 >"$F"'
check "save (all switches)" eval 'vsw save >"$TMPD/all.json"'
check_eq "save: version 1, one switch" "1 sw0" \
	eval "jq_py \"'%d %s' % (j['version'], ' '.join(s['name'] for s in j['switches']))\" <\"$F\""
check_eq "save of all: sw0 and sw1" "sw0 sw1" \
	eval "jq_py \"' '.join(s['name'] for s in j['switches'])\" <\"$TMPD/all.json\""
check_eq "save: ageing, fdb_max, host port group" "120 1000 mgmt" \
	eval "jq_py \"'%d %d %s' % (lambda s: (s['ageing'], s['fdb_max'], s['host_portgroup']))(j['switches'][0])\" <\"$F\""
check_eq "save: port groups, sorted" '["default", "mgmt", "tr", "web"]' \
	eval "jq_py \"[g['name'] for g in j['switches'][0]['portgroups']]\" <\"$F\""
check_eq "save: the trunk group as portgroup show -j has it" \
	"$(vsw_jq "[first(j, name='tr')[k] for k in ('vlan', 'trunk', 'native', 'security', 'shaping')]" portgroup show sw0)" \
	eval "jq_py \"[first(j['switches'][0]['portgroups'], name='tr')[k] for k in ('vlan', 'trunk', 'native', 'security', 'shaping')]\" <\"$F\""
check_eq "save: ports with the admin MAC and fdb_max" \
	"[{\"mac\": \"$(vm_mac 1)\", \"name\": \"p1\", \"portgroup\": \"web\"}, {\"fdb_max\": 8, \"name\": \"p2\", \"portgroup\": \"tr\"}]" \
	eval "jq_py \"j['switches'][0]['ports']\" <\"$F\""
check_eq "save: the uplink" '["up1"]' eval "jq_py \"j['switches'][0]['uplinks']\" <\"$F\""
check_eq "save: the static entries only (not the learned one, not the switch's own)" \
	"[[\"$S2\", 0, \"sw0\"], [\"$S1\", 10, \"p1\"], [\"$S3\", 20, \"up1\"]]" \
	eval "jq_py \"[[e['mac'], e['vlan'], e['port']] for e in j['switches'][0]['fdb']]\" <\"$F\""
check_eq "save: the team (the defaults), no VXLAN" "port-id [] [] link True True fast []" \
	eval "jq_py \"' '.join(str(j['switches'][0]['team'][k]) for k in ('policy', 'active', 'standby', 'detect', 'failback', 'notify_switches', 'lacp_rate')) + ' %s' % j['switches'][0]['vxlan']\" <\"$F\""
check_fail "save of a switch that does not exist" "" vsw save nosuch
vsw save sw1 >"$TMPD/sw1.json"

# ---- apply: the same file again changes nothing ----
check "apply of the saved file: exit 0" apply "$F"
check_eq "... and prints no change" "" cat "$apply_out"

# ---- from nothing back to the saved state ----
setup vsw switch del sw0
check_eq "sw0 is gone" "none" dev_master 0 p1
check "apply: sw0 from the file" apply "$F"
check_eq "apply printed its steps, switch add first" "switch add sw0 ageing 120 fdb-max 1000" \
	eval 'changes | sed -n 1p'
check_num "... every step of the configuration (>= 10 lines)" -ge 10 eval 'changes | wc -l'
check "save after apply is the saved file" same_save sw0 "$F"
check "a second apply: exit 0" apply "$F"
check_eq "... no change printed" "" cat "$apply_out"
check "sw1 (not in the file) is as it was" same_save sw1 "$TMPD/sw1.json"
check "vm1's MAC and VLAN work again: learned on p1 in VLAN 10" \
	eval 'raw_send 1 eth0 ff:ff:ff:ff:ff:ff "$(vm_mac 1)" && wait_for 5 fdb_is sw0 "$(vm_mac 1)" p1 10'

# ---- --dry-run ----
setup vsw portgroup set sw0 web vlan 11
setup vsw port del p2
setup vsw fdb del sw0 "$S2"
before=$(vsw_snapshot)
check "apply --dry-run: exit 0" apply "$F" --dry-run
check_eq "apply --dry-run: the three changes" \
	"portgroup set sw0 web vlan 10|port add sw0 p2 portgroup tr fdb-max 8|fdb add sw0 $S2 vlan 0 port sw0" \
	eval 'changes | paste -sd "|"'
check_eq "apply --dry-run: nothing changed" "$before" vsw_snapshot
check "apply: makes them" apply "$F"
check_eq "apply: the same three lines" \
	"portgroup set sw0 web vlan 10|port add sw0 p2 portgroup tr fdb-max 8|fdb add sw0 $S2 vlan 0 port sw0" \
	eval 'changes | paste -sd "|"'
check "save after apply is the saved file again" same_save sw0 "$F"

# ---- bad files change nothing ----
edit "$TMPD/bad1.json" "j['switches'][0]['portgroups'][3].update(vlan=4096)"
check_refused "apply: VLAN 4096 refused, nothing changed" \
	"switches[0].portgroups[3].vlan: must be 0-4095" vsw apply "$TMPD/bad1.json"
edit "$TMPD/bad2.json" "j['switches'][0]['ports'][0].update(portgroup='nosuch')"
check_refused "apply: a port in a missing group" \
	"switches[0].ports[0].portgroup: no port group \"nosuch\" in switch sw0" \
	vsw apply "$TMPD/bad2.json"
edit "$TMPD/bad3.json" "j['switches'][0].update(ageign=5)"
check_refused "apply: a typo in a key" "switches[0].ageign: unknown key" \
	vsw apply "$TMPD/bad3.json"
edit "$TMPD/bad4.json" "j['switches'][0].update(team={'policy': 'lacp', 'standby': ['nosuch']})"
check_refused "apply: a team list naming no uplink of the switch" \
	"switches[0].team.standby[0]: \"nosuch\" is not an uplink of switch sw0" \
	vsw apply "$TMPD/bad4.json"
printf '{"version": 1, "switches": [' >"$TMPD/bad5.json"
check_refused "apply: truncated JSON" "JSON: unexpected end of data" \
	vsw apply "$TMPD/bad5.json"

# ---- the kernel refuses the first step: nothing to undo ----
printf '{"version": 1, "switches": [{"name": "br0"}]}\n' >"$TMPD/br0.json"
check_refused "apply: a switch named as the Linux bridge br0 is refused" \
	"switch add br0: " vsw apply "$TMPD/br0.json"
check "... the error says nothing was changed" grep -q '(nothing was changed)$' "$TMPD/ferr"
check_eq "... and no undo was printed" "switch add br0" cat "$TMPD/fout"

# ---- the kernel refuses a step halfway: rolled back ----
# Steps before the refusal: ageing, a new group, a group changed, a static
# entry deleted; then busy1 (a Linux bridge port) is refused as an uplink.
edit "$TMPD/refused.json" "(j['switches'][0].update(ageing=60),
	j['switches'][0]['portgroups'].append({'name': 'db', 'vlan': 30}),
	j['switches'][0]['portgroups'][3].update(vlan=12),
	j['switches'][0]['fdb'].pop(0),
	j['switches'][0]['uplinks'].append('busy1'))"
check_refused "apply: busy1 refused as an uplink, every step undone" \
	"uplink add sw0 busy1: " vsw apply "$TMPD/refused.json"
check "... the error says it rolled back 4 steps" grep -q '(rolled back 4 steps)$' "$TMPD/ferr"
check_eq "... and the undo steps were printed, last first" \
	"# the kernel refused a step: undoing 4 steps|fdb add sw0 $S2 vlan 0 port sw0|portgroup del sw0 db|portgroup set sw0 web vlan 10|switch set sw0 ageing 120" \
	eval 'sed -n "/^# the kernel/,\$p" "$TMPD/fout" | paste -sd "|"'
check "... and the saved configuration is as before" same_save sw0 "$F"

# A refusal after a port was detached: the port comes back as it was.
edit "$TMPD/refused2.json" "(j['switches'][0]['ports'].pop(1),
	j['switches'][0]['uplinks'].append('busy1'))"
check_fail "apply: p2 detached, then busy1 refused" "(rolled back 1 step)" \
	vsw apply "$TMPD/refused2.json"
check "... p2 is back in tr with fdb-max 8: the configuration is as before" same_save sw0 "$F"

# A refusal while creating the switch: no trace of it afterwards.
setup vsw switch del sw0
before=$(vsw_snapshot)
check_refused "apply: sw0 created, then busy1 refused: sw0 is deleted again" \
	"rolled back" vsw apply "$TMPD/refused.json"
check_not "... no device sw0" dev_exists 0 sw0
check "apply: sw0 back" apply "$F"
check "save after apply is the saved file" same_save sw0 "$F"

# ---- a host file replaces the uplinks ----
# The static entry on up1 is host-specific too: without it in the host
# file, the main file's entry names a device the host file took out.
printf '{"version": 1, "switches": [{"name": "sw0", "uplinks": ["up2"]}]}\n' >"$TMPD/host1.json"
check_refused "apply --host: an entry on an uplink the host file drops" \
	"vsw.json: switches[0].fdb[2].port: \"up1\" is not a port, an uplink or the switch sw0" \
	vsw apply "$F" --host "$TMPD/host1.json"
jq_py "{'version': 1, 'switches': [{'name': 'sw0', 'uplinks': ['up2'],
	'fdb': j['switches'][0]['fdb'][:2]}]}" <"$F" >"$TMPD/host.json"
check "apply --host: up2 instead of up1" apply "$F" --host "$TMPD/host.json"
check_eq "... steps: the entry on up1, up1, then up2" \
	"fdb del sw0 $S3 vlan 20|uplink del up1|uplink add sw0 up2" \
	eval 'changes | paste -sd "|"'
check_eq "... up2 is sw0's uplink" "uplink" port_field up2 kind sw0
check_eq "... up1 is free" "none" dev_master 0 up1
check "... again: no change" apply "$F" --host "$TMPD/host.json"
check_eq "... nothing printed" "" cat "$apply_out"
printf '{"version": 1, "switches": [{"name": "sw9", "uplinks": ["up2"]}]}\n' >"$TMPD/host9.json"
check_refused "apply --host naming a switch the file has not" \
	"host9.json: switches[0].name: switch \"sw9\" is not in" \
	vsw apply "$F" --host "$TMPD/host9.json"
check "apply without the host file: up1 again" apply "$F"
check "save after apply is the saved file" same_save sw0 "$F"

# ---- vsw.service's command line, on a copy of /etc/vsw ----
unit=$VSW_ROOT/systemd/vsw.service
mkdir -p "$TMPD/etc"
cp "$F" "$TMPD/etc/vsw.json"
cp "$TMPD/host.json" "$TMPD/etc/host.json"
# shellcheck disable=SC2034 # used by the checks below, in eval
service_cmd=$(sed -n "s/^ExecStart=\/bin\/sh -c '\(.*\)'\$/\1/p" "$unit" |
	sed -e "s|@SBINDIR@/vswctl|$VSWCTL|g" -e "s|/etc/vsw/|$TMPD/etc/|g")
check "vsw.service: ExecStart is sh -c on vsw.json and host.json" \
	eval '[[ $service_cmd == *"$TMPD/etc/vsw.json --host $TMPD/etc/host.json"* ]]'
check "vsw.service: ExecReload is ExecStart" \
	eval '[[ $(sed -n "s/^ExecReload=//p" "$unit") == "$(sed -n "s/^ExecStart=//p" "$unit")" ]]'
check "vsw.service's command with host.json" eval 'n0 sh -c "$service_cmd" >"$apply_out"'
check_eq "... up2 is sw0's uplink" "uplink" port_field up2 kind sw0
rm "$TMPD/etc/host.json"
check "vsw.service's command without host.json" eval 'n0 sh -c "$service_cmd" >"$apply_out"'
check_eq "... up1 is sw0's uplink again" "uplink" port_field up1 kind sw0
check "save after apply is the saved file" same_save sw0 "$F"

# ---- devices this host lacks, and a device taken from another switch ----
edit "$TMPD/more.json" "(j['switches'][0]['ports'].append({'name': 'vnet9', 'portgroup': 'web'}),
	j['switches'][0]['ports'].append({'name': 'p3', 'portgroup': 'web'}))"
check "apply: a port without a device, and p3 of sw1" apply "$TMPD/more.json"
check_eq "... vnet9 is skipped with a note" \
	"# port vnet9 of switch sw0: no such device on this host, skipped" \
	eval 'grep "^#" "$apply_out"'
check_eq "... p3 leaves sw1 (its static entry first) for sw0" \
	"fdb del sw1 $S1 vlan 0|port del p3|port add sw0 p3 portgroup web" \
	eval 'changes | paste -sd "|"'
check "apply again: only the note" apply "$TMPD/more.json"
check_eq "... no change printed" "" changes
check "apply of the saved file: p3 leaves sw0 (sw1 does not get it back)" apply "$F"
check_eq "... p3 is free" "none" dev_master 0 p3
check "save after apply is the saved file" same_save sw0 "$F"

# ---- a file without "ports" leaves the ports alone (VM taps) ----
edit "$TMPD/noports.json" "(j['switches'][0].pop('ports'),
	j['switches'][0]['portgroups'][3].update(vlan=13))"
setup vsw port add sw0 p4 portgroup web
check "apply without ports, p4 attached by hand" apply "$TMPD/noports.json"
check_eq "... only the port group changes" "portgroup set sw0 web vlan 13" changes
check_eq "... p4 stays in web" "web" port_field p4 portgroup sw0
check_eq "... p1 and p2 stay" "web tr" \
	eval 'echo "$(port_field p1 portgroup sw0) $(port_field p2 portgroup sw0)"'
check "apply of the saved file (with ports)" apply "$F"
check_eq "... web back to VLAN 10, p4 detached" "portgroup set sw0 web vlan 10|port del p4" \
	eval 'changes | paste -sd "|"'
check "save after apply is the saved file" same_save sw0 "$F"

finish
