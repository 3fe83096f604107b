#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Refused team settings say why and change nothing: team show -j of both
# switches, their ports and links are the same after, and no team_set event
# is sent. vswctl refuses what it can see is wrong (unknown keywords and
# values, unknown devices, an uplink listed twice or in both lists); the
# kernel refuses the rest (a device that is not an uplink of this switch,
# a standby list naming an active uplink), and, asked directly over
# Generic Netlink, what vswctl never sends (duplicates, out-of-range values).
#
#   n1 (vm1): eth0 -- p1 (port of sw0)
#   n0: sw0 (vsw): uplinks up1, up2, up3 (peers in n9), port p1
#       sw1 (vsw): uplink up9 (peer in n9)
#       lone: a veth that is no port (peer in n9)
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"
# shellcheck source=lib-team.sh
source "$(dirname "$0")/lib-team.sh"

SNAP_SWITCHES="sw0 sw1"
setup_ns 0
setup_ns 9
add_switch sw0
add_switch sw1
add_vm 1 sw0
team_uplink sw0 up1 9 none
team_uplink sw0 up2 9 none
team_uplink sw0 up3 9 none
team_uplink sw1 up9 9 none
setup n0 ip link add name lone type veth peer name lonep netns "$NS9"
setup vsw team set sw0 policy failover active up1,up2 detect link

MON=$TMPD/monitor.jsonl
BG_OUT=$MON run_bg 0 "$VSWCTL" -j monitor
mon=$BG_PID
poke() { vsw team set sw1 failback on >/dev/null 2>&1; grep -q team_set "$MON"; }
setup wait_for 20 poke
sleep 0.5
: >"$MON"
before=$(team_snap)

# vswctl's own refusals.
check_refused "policy bogus" "policy" vsw team set sw0 policy bogus
check_refused "detect sometimes" "detect" vsw team set sw0 detect sometimes
check_refused "failback maybe" "" vsw team set sw0 failback maybe
check_refused "notify-switches 2" "" vsw team set sw0 notify-switches 2
check_refused "lacp-rate medium" "" vsw team set sw0 lacp-rate medium
check_refused "nothing to set" "nothing to set" vsw team set sw0
check_refused "an unknown keyword" "unknown" vsw team set sw0 policy failover mode active
check_refused "a keyword without its value" "" vsw team set sw0 policy
check_refused "active: an unknown device" "nosuch0" vsw team set sw0 active up1,nosuch0
check_refused "active: an uplink twice" "twice" vsw team set sw0 active up1,up2,up1
check_refused "active: an empty item" "empty" vsw team set sw0 active up1,,up2
check_refused "active: none with others" "none" vsw team set sw0 active up1,none
check_refused "an uplink in both lists" "both" vsw team set sw0 active up1 standby up1
check_refused "team set: unknown switch" "" vsw team set nosuch policy failover
check_refused "team show: unknown switch" "" vsw team show nosuch
check_refused "team set: a Linux device that is not a switch (up1)" "" vsw team set up1 policy failover

# The kernel's.
check_refused "active: a VM's port (p1)" "not an uplink of this switch" vsw team set sw0 active p1
check_refused "active: another switch's uplink (up9)" "not an uplink of this switch" \
	vsw team set sw0 active up1,up9
check_refused "standby: a device that is no port (lone)" "not an uplink of this switch" \
	vsw team set sw0 standby lone
check_refused "standby: the switch's own device (sw0)" "not an uplink of this switch" \
	vsw team set sw0 standby sw0
check_refused "active: another switch's device (sw1)" "not an uplink of this switch" \
	vsw team set sw0 active sw1
check_refused "standby: an uplink of the active list (up2)" "standby list names an uplink of the active list" \
	vsw team set sw0 standby up3,up2
check_refused "a refused list takes the other settings down with it" "not an uplink" \
	vsw team set sw0 policy lacp failback off active up1,p1
check_eq "team show -j of both switches: unchanged" "$before" team_snap

# Generic Netlink straight to the kernel, past vswctl's checks.
__GENL_PY='
import os, re, socket, struct, sys
hdr = open(os.path.join(os.environ["VSW_ROOT"], "include/uapi/linux/vsw.h")).read()
def enum(name):
    body = re.search(r"enum %s \{(.*?)\};" % name, hdr, re.S).group(1)
    vals, i = {}, 0
    for line in body.splitlines():
        m = re.match(r"\s*(VSW_\w+)\s*(=\s*(\w+))?\s*,", line)
        if m:
            if m.group(3):
                i = int(m.group(3), 0)
            vals[m.group(1)] = i
            i += 1
    return vals
A, C = enum("vsw_attr"), enum("vsw_cmd")
def nla(t, data):
    n = 4 + len(data)
    return struct.pack("HH", n, t) + data + b"\0" * (-n % 4)
def attrs(buf):
    out = {}
    while len(buf) >= 4:
        n, t = struct.unpack_from("HH", buf)
        out[t & 0x3fff] = buf[4:n]
        buf = buf[(n + 3) & ~3:]
    return out
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
s.setsockopt(270, 11, 1)	# NETLINK_EXT_ACK
s.bind((0, 0))
def request(family, cmd, body, flags=0x5):	# NLM_F_REQUEST | NLM_F_ACK
    payload = struct.pack("BBH", cmd, 1, 0) + body
    s.send(struct.pack("IHHII", 16 + len(payload), family, flags, 1, 0) + payload)
    return s.recv(65536)
r = request(16, 3, nla(2, b"vsw\0"), 0x1)	# CTRL_CMD_GETFAMILY, no ACK
family = struct.unpack("H", attrs(r[20:])[1][:2])[0]
ifidx = lambda d: struct.pack("I", socket.if_nametoindex(d))
body = nla(A["VSW_A_IFNAME"], b"sw0\0")
for arg in sys.argv[1:]:
    if not arg:
        continue
    key, val = arg.split("=")
    if key in ("active", "standby"):
        # DEV by ifindex, @DEV by name (VSW_A_PORT_IFNAME)
        lst = b"".join(nla(A["VSW_A_PORT_IFNAME"], d[1:].encode() + b"\0") if d[0] == "@"
                       else nla(A["VSW_A_PORT_IFINDEX"], ifidx(d)) for d in val.split(",") if d)
        body += nla(A["VSW_A_TEAM_" + key.upper()] | 0x8000, lst)
    else:
        body += nla(A["VSW_A_TEAM_" + key.upper()], struct.pack("B", int(val)))
r = request(family, C["VSW_CMD_TEAM_SET"], body)
ln, typ, flags = struct.unpack_from("IHH", r)
err = struct.unpack_from("i", r, 16)[0]
if typ != 2 or err == 0:
    print("accepted")
    sys.exit(2)
off = 20 + (16 if flags & 0x100 else struct.unpack_from("I", r, 20)[0])
msg = attrs(r[off:ln]).get(1, b"").rstrip(b"\0").decode()
print("errno %d: %s" % (-err, msg))
sys.exit(0 if msg else 1)
'
genl_team_set() { n0 "$PYTHON" -S -c "$__GENL_PY" "$@"; }
genl_refused()
{
	local desc=$1 substr=$2 out
	shift 2
	out=$(genl_team_set "$@" 2>&1)
	# 0: refused with an extack message; 1: without one; 2: accepted.
	if [[ $? == 0 && ${out,,} == *"${substr,,}"* ]]; then
		pass "$desc"
		diag "$out"
	else
		fail "$desc" "genl TEAM_SET $*: expected a refusal with \"$substr\"" "got: $out"
	fi
}
genl_refused "genl: an active list naming up1 twice" "twice" active=up1,up2,up1
genl_refused "genl: up2 in the active and the standby list of one request" \
	"standby list names an uplink of the active list" active=up1,up2 standby=up2
genl_refused "genl: policy 5 (beyond lacp)" "" policy=5
genl_refused "genl: detect 2" "" detect=2
genl_refused "genl: failback 2" "" failback=2
genl_refused "genl: notify 7" "" notify=7
genl_refused "genl: lacp_rate 2" "" lacp_rate=2
genl_refused "genl: a list naming sw1's uplink" "not an uplink of this switch" standby=up9
genl_refused "genl: a list naming sw1's uplink by name" "not an uplink of this switch" \
	standby=@up9
genl_refused "genl: a list naming an unknown device" "no such device" active=up1,@nosuch0
genl_refused "genl: a list naming up1 twice, by ifindex and by name" "twice" active=up1,@up1
genl_refused "genl: a request without any setting" "no team setting" ""
check_eq "team show -j of both switches: still unchanged" "$before" team_snap
genl_accepted() { genl_team_set "$@"; [[ $? == 2 ]]; }
check "genl: a valid request through the same client is accepted" genl_accepted failback=1
check "genl: lists by name are accepted (active @up1,@up2)" genl_accepted active=@up1,@up2
check_eq "... (they changed nothing: failback was on, the list was up1,up2)" "$before" team_snap

sleep 0.5
check_eq "the refused requests sent no team_set event (two from the valid ones)" 2 \
	grep -c team_set "$MON"

# Accepted edge cases.
check "an active list may take an uplink out of the standby list" \
	vsw team set sw0 standby up3
check "... team set sw0 active up3,up1" vsw team set sw0 active up3,up1
check_eq "... active [up3, up1], standby []" "['up3', 'up1'] []" \
	team_jq "'%s %s' % (j['active'], j['standby'])" sw0
check "active none standby none clears both lists" vsw team set sw0 active none standby none
check_eq "... active [], standby []" "[] []" team_jq "'%s %s' % (j['active'], j['standby'])" sw0
check_eq "... every uplink in team order again, up1 active (failover)" \
	"failover up1:active up2:standby up3:standby" policy_states sw0
check "an uplink leaving the switch leaves the lists" vsw team set sw0 active up2 standby up3
check "... uplink del up3" vsw uplink del up3
check_eq "... standby [] and up3 gone from the team" "['up2'] [] up2,up1" \
	team_jq "'%s %s %s' % (j['active'], j['standby'], ','.join(u['name'] for u in j['uplinks']))" sw0
check_eq "sw1's team was never touched" "port-id ['up9'] [] []" \
	team_jq "'%s %s %s %s' % (j['policy'], [u['name'] for u in j['uplinks']], j['active'], j['standby'])" sw1

stop_bg "$mon"
finish
