#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vswctl and libvsw against the kernel's teaming: team set/show defaults and
# every setting, team_set events in monitor (configuration and an uplink
# failing), beacon detection falling back to link state with 2 uplinks,
# refusals, LACP fields in JSON, and the team through save and apply.
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

setup_ns 0
add_switch sw0
add_switch sw1
add_veth 5 up1
add_veth 6 up2
add_veth 7 up3
add_veth 8 spare
setup vsw uplink add sw0 up1
setup vsw uplink add sw0 up2
setup vsw uplink add sw0 up3

diag "$(vsw team show sw0)"
diag "$(vsw -j team show sw0)"
check_eq "default policy port-id" port-id vsw_jq 'j[0]["policy"]' team show sw0
check_eq "default detect link" link vsw_jq 'j[0]["detect"]' team show sw0
check_eq "default failback true" true vsw_jq 'j[0]["failback"]' team show sw0
check_eq "default notify true" true vsw_jq 'j[0]["notify_switches"]' team show sw0
check_eq "default lacp_rate fast" fast vsw_jq 'j[0]["lacp_rate"]' team show sw0
check_eq "default lists empty" '[] []' vsw_jq 'json.dumps(j[0]["active"]) + " " + json.dumps(j[0]["standby"])' team show sw0
check_eq "three uplinks in order" '["up1", "up2", "up3"]' vsw_jq '[u["name"] for u in j[0]["uplinks"]]' team show sw0

BG_OUT=$TMPD/mon.log
run_bg 0 "$VSWCTL" -j monitor
mon=$BG_PID
sleep 1
check "team set every setting" vsw team set sw0 policy failover active up2,up1 standby up3 detect link failback off notify-switches off lacp-rate slow
diag "$(vsw team show sw0)"
check_eq "policy failover" failover vsw_jq 'j[0]["policy"]' team show sw0
check_eq "active up2,up1" '["up2", "up1"]' vsw_jq 'j[0]["active"]' team show sw0
check_eq "standby up3" '["up3"]' vsw_jq 'j[0]["standby"]' team show sw0
check_eq "failback off" false vsw_jq 'j[0]["failback"]' team show sw0
check_eq "notify off" false vsw_jq 'j[0]["notify_switches"]' team show sw0
check_eq "lacp slow" slow vsw_jq 'j[0]["lacp_rate"]' team show sw0
check_eq "states: up2 active, up1 and up3 standby" 'up2:active up1:standby up3:standby' \
	vsw_jq '" ".join(u["name"] + ":" + u["state"] for u in j[0]["uplinks"])' team show sw0
check_wait "monitor: a team_set event" 5 grep -q '"event":"team_set".*"policy":"failover"' "$BG_OUT"

check "detect beacon" vsw team set sw0 detect beacon
check_eq "beacon in use with 3 uplinks" beacon vsw_jq 'j[0]["detect_used"]' team show sw0
diag "$(vsw team show sw0)"
check "uplink del up3" vsw uplink del up3
check_eq "beacon falls back to link with 2" link vsw_jq 'j[0]["detect_used"]' team show sw0
check_eq "up3 left the standby list" '[]' vsw_jq 'j[0]["standby"]' team show sw0
diag "$(vsw team show sw0)"
check "detect link" vsw team set sw0 detect link
check "uplink add up3 again" vsw uplink add sw0 up3

check "carrier down on up2's peer" ip -n "$NS6" link set eth0 down
check_wait "up2 failed, link false" 5 vsw_jq -t 'first(j[0]["uplinks"], name="up2")["state"] == "failed" and not first(j[0]["uplinks"], name="up2")["link"]' team show sw0
check_wait "up1 takes over" 5 vsw_jq -t 'first(j[0]["uplinks"], name="up1")["state"] == "active"' team show sw0
check_wait "monitor: the failure is an event" 5 grep -q '"event":"team_set".*"name":"up2","state":"failed"' "$BG_OUT"
diag "$(vsw team show sw0)"
check "carrier back" ip -n "$NS6" link set eth0 up

check_fail "unknown device" "no device nodev9" vsw team set sw0 active up1,nodev9
check_fail "not an uplink" "not an uplink of this switch" vsw team set sw0 active spare
check_fail "standby names an active uplink" "standby list names an uplink of the active list" vsw team set sw0 standby up2
check_fail "no such switch" "" vsw team show sw9

check "active none standby none" vsw team set sw0 active none standby none
check_eq "lists cleared" '[] []' vsw_jq 'json.dumps(j[0]["active"]) + " " + json.dumps(j[0]["standby"])' team show sw0
check "policy lacp" vsw team set sw0 policy lacp
diag "$(vsw team show sw0)"
diag "$(vsw -j team show sw0)"
check "LACP system in JSON" vsw_jq -t '"lacp_system" in j[0] and "lacp_key" in j[0]' team show sw0
check "per-uplink lacp object" vsw_jq -t 'all("lacp" in u for u in j[0]["uplinks"])' team show sw0
check_eq "team show: every switch" 'sw0 sw1' vsw_jq '" ".join(sorted(t["switch"] for t in j))' team show

check "policy failover active up1 standby up2" vsw team set sw0 policy failover active up1 standby up2
vsw save >"$TMPD/saved.json"
diag "$(cat "$TMPD/saved.json")"
check "save has the team" grep -q '"policy": "failover"' "$TMPD/saved.json"
check "team set back to defaults" vsw team set sw0 policy port-id active none standby none
out=$(vsw apply "$TMPD/saved.json" 2>&1)
diag "$out"
check_eq "apply sets the team" "team set sw0 policy failover active up1 standby up2" echo "$out"
check_eq "policy failover again" failover vsw_jq 'j[0]["policy"]' team show sw0
check_eq "second apply: nothing" "" vsw apply "$TMPD/saved.json"
stop_bg "$mon"
diag "$(grep team_set "$BG_OUT" | head -3)"
finish
