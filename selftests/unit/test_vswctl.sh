#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The built vswctl binary: exit codes, "Error:" lines on stderr and the
# help/version output, for command lines that fail before the kernel.
VSWCTL=${VSWCTL:-$(dirname "$0")/../../cli/vswctl}
n=0
failed=0

ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}

# expect RC STDERR-LINE ARGS...: exit code and exact stderr, empty stdout.
expect() {
	local rc=$1 err=$2 out got_err got_rc
	shift 2
	out=$("$VSWCTL" "$@" 2>/tmp/vswctl-test.$$)
	got_rc=$?
	got_err=$(cat /tmp/vswctl-test.$$)
	rm -f /tmp/vswctl-test.$$
	if [ "$got_rc" = "$rc" ] && [ "$got_err" = "$err" ] && [ -z "$out" ]; then
		ok 0 "vswctl $* -> exit $rc, $err"
	else
		ok 1 "vswctl $* -> exit $rc, $err"
		echo "#   got exit $got_rc, stderr: $got_err, stdout: $out"
	fi
}

[ -x "$VSWCTL" ] || { echo "Bail out! $VSWCTL not built"; exit 1; }

expect 1 'Error: invalid value "foo" for "policy" (port-id|ip-hash|mac-hash|failover|lacp)' \
	team set sw0 policy foo
expect 1 'Error: empty standby list (DEV,... or none)' team set sw0 standby ''
expect 1 'Error: active list "eth1,eth2,eth1": eth1 is listed twice' \
	team set sw0 active eth1,eth2,eth1
expect 1 'Error: eth2 is in both the active and the standby list' \
	-j team set sw0 policy failover active eth1,eth2 standby eth2
expect 1 'Error: nothing to set (policy, active, standby, detect, failback, notify-switches, lacp-rate)' \
	team set sw0
expect 1 'Error: missing switch name' team set
expect 1 'Error: unexpected argument "sw1"' team show sw0 sw1
expect 1 'Error: unknown object "vxlan0" (try "vswctl -h")' -j vxlan0 show sw0
expect 1 'Error: missing "local IP"' vxlan add sw0 vni 10 vlan 10
expect 1 'Error: invalid VNI "16777216" (1-16777215)' \
	vxlan add sw0 vni 16777216 vlan 10 local 192.0.2.1
expect 1 'Error: addresses of one family only: local 192.0.2.1 is IPv4, remote 2001:db8::2 is IPv6' \
	-j vxlan add sw0 vni 10 vlan 10 local 192.0.2.1 remote 198.51.100.2,2001:db8::2
expect 1 'Error: group address 192.0.2.9 is not a multicast address' \
	vxlan add sw0 vni 10 vlan 10 local 192.0.2.1 group 192.0.2.9 dev eth1
expect 1 'Error: "group" needs "dev DEV"' \
	vxlan add sw0 vni 10 vlan 10 local 192.0.2.1 group 239.1.1.1
expect 1 'Error: duplicate "dstport"' \
	vxlan add sw0 vni 10 vlan 10 local 192.0.2.1 dstport 4789 dstport 8472
expect 1 'Error: invalid ttl "0" (1-255)' vxlan add sw0 vni 10 vlan 10 local 192.0.2.1 ttl 0
expect 1 'Error: missing "vni N"' vxlan del sw0
expect 1 'Error: missing switch name' -s vxlan show
expect 1 'Error: unknown verb "frob" for "switch" (try "vswctl switch help")' switch frob
expect 1 'Error: missing switch name' switch add
expect 1 'Error: invalid ageing "0" (1-1000000)' switch add sw0 ageing 0
expect 1 'Error: invalid fdb-max "1e3" (0-4294967295)' switch set sw0 fdb-max 1e3
expect 1 'Error: invalid VLAN "5000" (0-4094)' fdb show sw0 vlan 5000
expect 1 'Error: invalid MAC address "02:00:00:00:00" (xx:xx:xx:xx:xx:xx)' \
	fdb del sw0 02:00:00:00:00
expect 1 'Error: "remote" needs "vni N"' fdb add sw0 02:00:00:00:00:01 remote 192.0.2.1
expect 1 'Error: "port" and "remote" cannot be combined' \
	fdb add sw0 02:00:00:00:00:01 port vm1 remote 192.0.2.1 vni 10
expect 1 'Error: missing "port DEV" or "remote IP vni N"' fdb add sw0 02:00:00:00:00:01
expect 1 'Error: uplinks carry every VLAN and have no port group' \
	uplink add sw0 eth1 portgroup web
expect 1 'Error: invalid port group name "a b" (1-63 printable characters, no spaces)' \
	port set vm1 portgroup "a b"
expect 1 'Error: missing switch name' portgroup show
expect 1 'Error: invalid value "maybe" for "promisc" (on|off)' \
	portgroup add sw0 web promisc maybe
expect 1 'Error: shaping needs avg, peak and burst' \
	portgroup set sw0 web shaping avg 1000 peak 2000
expect 1 'Error: peak (500) is below avg (1000)' \
	portgroup set sw0 web shaping avg 1000 peak 500 burst 100
expect 1 'Error: invalid burst "0" (1-1048576)' \
	-j portgroup add sw0 web forged-transmits on shaping avg 1 peak 1 burst 0
expect 1 'Error: trunk list "10-20,15": VLAN 15 is listed twice' \
	portgroup add sw0 web trunk 10-20,15
expect 1 'Error: empty trunk list' portgroup add sw0 web trunk ''
expect 1 'Error: "vlan" and "trunk" cannot be combined' \
	portgroup add sw0 web vlan 10 trunk 20
expect 1 'Error: native VLAN 30 is not in the trunk list' \
	-j portgroup set sw0 web trunk 10,20-29 native 30
expect 1 'Error: invalid VLAN "4096" (0-4095)' portgroup add sw0 web vlan 4096
expect 1 'Error: "mac none" is for port set (a new port has no MAC to forget)' \
	port add sw0 vm1 mac none
expect 1 'Error: port MAC "01:00:5e:00:00:01" is a multicast address' \
	port set vm1 mac 01:00:5e:00:00:01
expect 1 'Error: invalid fdb-max "x" (0-4294967295)' port set vm1 fdb-max x
expect 1 'Error: nothing to set (portgroup PG, mac MAC, fdb-max N)' port set vm1
expect 1 'Error: missing device name' uplink add sw0
expect 1 'Error: unexpected argument "x"' monitor x
expect 1 'Error: missing switch name' -s stats
expect 1 'Error: cannot open netns "vsw-unit-no-such-ns": No such file or directory' \
	-n vsw-unit-no-such-ns switch show
expect 1 'Error: invalid netns name "../x"' -n ../x switch show
expect 1 'Error: unknown option "-x" (try "vswctl -h")' -x switch show
expect 1 'Error: unknown option "--frob" (try "vswctl -h")' --frob switch show
expect 1 'Error: missing value after "-n"' -n

out=$("$VSWCTL" -h 2>&1); rc=$?
[ $rc = 0 ] && [[ $out == Usage:* ]] && [[ $out == *"Exit status:"* ]]
ok $? "vswctl -h: usage on stdout, exit 0"
out=$("$VSWCTL" fdb help); rc=$?
[ $rc = 0 ] && [[ $out == *"fdb flush SWITCH [port DEV] [vlan ID]"* ]]
ok $? "vswctl fdb help: the object's grammar"
out=$("$VSWCTL" 2>&1 >/dev/null); rc=$?
[ $rc = 1 ] && [[ $out == Usage:* ]]
ok $? "vswctl without arguments: usage on stderr, exit 1"
out=$("$VSWCTL" portgroup help); rc=$?
[ $rc = 0 ] && [[ $out == *"portgroup add SWITCH NAME [vlan ID] [trunk LIST] [native ID]"* ]] &&
	[[ $out == *"portgroup show SWITCH [NAME]"* ]]
ok $? "vswctl portgroup help: the object's grammar"
[[ $(sed -n 4p <<<"$out") == "       vswctl [OPTIONS] portgroup set SWITCH NAME"* ]] &&
	[[ $(sed -n 2p <<<"$out") == "              [promisc on|off] [mac-change on|off] [forged-transmits on|off]" ]] &&
	[[ $(sed -n 3p <<<"$out") == "              [shaping avg KBIT peak KBIT burst KB | shaping off]" ]]
ok $? "vswctl portgroup help: one command per line, aligned, policies continued"
out=$("$VSWCTL" -h); rc=$?
[[ $out == *"port set DEV [portgroup PG] [mac MAC|none] [fdb-max N]"* ]] &&
	[[ $out == *"port add SWITCH DEV [portgroup PG] [mac MAC] [fdb-max N]"* ]] &&
	[[ $out == *"portgroup del SWITCH NAME"* ]] &&
	[[ $out == *"malformed vlan link-local forged mac-change shaping fdb-limit"* ]] &&
	[[ $out == *"fdb-moves N fdb-flaps N"* ]]
ok $? "vswctl -h: port set, portgroup verbs and the new drop reasons"
out=$("$VSWCTL" team help); rc=$?
[ $rc = 0 ] &&
	[[ $(sed -n 1p <<<"$out") == "Usage: vswctl [OPTIONS] team set SWITCH [policy POLICY] [active DEV,...|none]" ]] &&
	[[ $out == *"       vswctl [OPTIONS] team show [SWITCH]"* ]] &&
	[[ $out == *"POLICY: port-id (the default), ip-hash, mac-hash, failover, lacp;"* ]] &&
	[[ $out == *"[notify-switches on|off] [lacp-rate fast|slow]"* ]]
ok $? "vswctl team help: the grammar and the policies"
out=$("$VSWCTL" -h); rc=$?
[[ $out == *"  team set SWITCH [policy POLICY]"* ]] && [[ $out == *"  team show [SWITCH]"* ]] &&
	[[ $out == *"fdb_new|fdb_del|team_set"* ]] && [[ $out == *"  team show:    SWITCH policy POLICY"* ]]
ok $? "vswctl -h: team, its text output and its event"
out=$("$VSWCTL" vxlan help); rc=$?
[ $rc = 0 ] &&
	[[ $(sed -n 1p <<<"$out") == "Usage: vswctl [OPTIONS] vxlan add SWITCH vni N vlan ID local IP [remote IP[,IP...]]" ]] &&
	[[ $(sed -n 2p <<<"$out") == "              [group IP dev DEV] [dstport PORT] [ttl N] [learning on|off]" ]] &&
	[[ $out == *"       vswctl [OPTIONS] vxlan del SWITCH vni N"* ]] &&
	[[ $out == *"       vswctl [OPTIONS] vxlan show SWITCH [vni N]"* ]]
ok $? "vswctl vxlan help: the grammar"
out=$("$VSWCTL" fdb help); rc=$?
[ $rc = 0 ] && [[ $out == *"fdb add SWITCH MAC [vlan ID] (port DEV | remote IP vni N)"* ]]
ok $? "vswctl fdb help: fdb add behind a remote VTEP"
out=$("$VSWCTL" -h); rc=$?
[[ $out == *"  vxlan add SWITCH vni N vlan ID local IP"* ]] && [[ $out == *"  vxlan del SWITCH vni N"* ]] &&
	[[ $out == *"  vxlan show:   SWITCH vni N vlan ID local IP"* ]] &&
	[[ $out == *"team_set|vxlan_new|vxlan_del"* ]] &&
	[[ $out == *"team-duplicate vxlan-header vxlan-vni vxlan-route"* ]] &&
	[[ $out == *"kind port|uplink|host|vxlan"* ]] && [[ $out == *"[port DEV | remote IP vni N]"* ]]
ok $? "vswctl -h: vxlan, its text output, events, drop reasons, fdb remote entries"
out=$("$VSWCTL" -V); rc=$?
[ $rc = 0 ] && [[ $out == "vswctl "* ]]
ok $? "vswctl -V"

# save and apply: the grammar, and a bad file refused before the kernel.
cfgdir=$(mktemp -d /tmp/vswctl-test-cfg.XXXXXX)
printf '{"version": 1, "switches": [{"name": "sw0", "portgroups": [{"name": "web", "vlan": 5000}]}]}\n' \
	>"$cfgdir/bad.json"
printf '{"version": 1, "switches": [{"name": "sw0"}]}\n' >"$cfgdir/ok.json"
printf '{"version": 1, "switches": [{"name": "sw1", "uplinks": ["eth1"]}]}\n' >"$cfgdir/host.json"
expect 1 "Error: $cfgdir/bad.json: switches[0].portgroups[0].vlan: must be 0-4095" \
	apply "$cfgdir/bad.json" --dry-run
expect 1 "Error: $cfgdir/host.json: switches[0].name: switch \"sw1\" is not in $cfgdir/ok.json" \
	apply --host "$cfgdir/host.json" "$cfgdir/ok.json"
expect 1 "Error: $cfgdir/none.json: No such file or directory" apply "$cfgdir/none.json"
printf '{"version": 1, "switches": [{"name": "sw0", "uplinks": ["eth1", "eth2"], "team": {"active": ["eth1"], "standby": ["eth2", "eth1"]}}]}\n' \
	>"$cfgdir/team.json"
expect 1 "Error: $cfgdir/team.json: switches[0].team.standby[1]: \"eth1\" is also in the active list" \
	apply --dry-run "$cfgdir/team.json"
printf '{"version": 1, "switches": [{"name": "sw0", "vxlan": [{"vni": 10, "vlan": 10, "local": "192.0.2.1", "remote": ["2001:db8::2"]}]}]}\n' \
	>"$cfgdir/vxlan.json"
expect 1 "Error: $cfgdir/vxlan.json: switches[0].vxlan[0].remote[0]: 2001:db8::2 is IPv6, the local address is IPv4" \
	apply --dry-run "$cfgdir/vxlan.json"
expect 1 'Error: missing configuration file' apply --dry-run
expect 1 'Error: missing value after "--host"' apply "$cfgdir/ok.json" --host
expect 1 'Error: duplicate "--host"' apply "$cfgdir/ok.json" --host a --host b
expect 1 'Error: unknown option "--force"' apply "$cfgdir/ok.json" --force
expect 1 'Error: unexpected argument "two.json"' apply "$cfgdir/ok.json" two.json
expect 1 'Error: unexpected argument "sw1"' save sw0 sw1
expect 1 'Error: invalid switch name "a/b" (1-15 characters, no '"'/', ':'"' or spaces)' save a/b
rm -rf "$cfgdir"
out=$("$VSWCTL" apply help); rc=$?
[ $rc = 0 ] && [[ $out == "Usage: vswctl [OPTIONS] apply FILE [--host HOSTFILE] [--dry-run]"* ]]
ok $? "vswctl apply help"
out=$("$VSWCTL" -h); rc=$?
[[ $out == *"  save [SWITCH]"* ]] && [[ $out == *"  apply FILE [--host HOSTFILE] [--dry-run]"* ]] &&
	[[ $out == *"native ID|none"* ]]
ok $? "vswctl -h: save, apply, native none"

# Without the module the family is missing: a clear error, exit 1.
if [ -d /sys/module/vsw ]; then
	n=$((n + 1)); echo "ok $n - # SKIP vsw module is loaded here"
else
	expect 1 'Error: Generic Netlink family "vsw" not found (is the vsw module loaded?)' \
		-j switch show
fi

echo "1..$n"
[ $failed = 0 ]
