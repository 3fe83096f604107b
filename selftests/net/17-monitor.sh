#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vswctl -j monitor prints one JSON object per event, as it happens:
# switch_new/set/del, port_new/del, fdb_new/del (static and learned).
#
#   n1 (vm1): eth0 -- p1 (n0)
#   n0: sw1 (vswctl), sw2 (ip link add), "vswctl -j monitor" running
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

setup_ns 0
add_veth 1 p1
m1=$(vm_mac 1)
S=$(doc_mac 16)
MON=$TMPD/monitor.jsonl

BG_OUT=$MON run_bg 0 "$VSWCTL" -j monitor
mon=$BG_PID

# has_event EVENT [KEY=VALUE...]: a line of the monitor's output says so.
has_event()
{
	"$PYTHON" -S -c '
import json, sys
want, kv = sys.argv[2], [a.split("=", 1) for a in sys.argv[3:]]
def same(v, s):
    if isinstance(v, bool) or v is None:
        return json.dumps(v) == s
    return str(v).lower() == s.lower()
for line in open(sys.argv[1]):
    try:
        ev = json.loads(line)
    except ValueError:
        continue
    if ev.get("event") == want and all(k in ev and same(ev[k], v) for k, v in kv):
        sys.exit(0)
sys.exit(1)
' "$MON" "$@"
}

# The monitor subscribes asynchronously: poke until it reports.
poke()
{
	vsw switch add swprobe >/dev/null 2>&1
	vsw switch del swprobe >/dev/null 2>&1
	has_event switch_del name=swprobe
}
if ! wait_for 20 poke; then
	fail "vswctl -j monitor reports events"
	diag "$(cat "$MON")"
	finish
fi
pass "vswctl -j monitor reports events"

check "switch add sw1" vsw switch add sw1
track_switch sw1
check_wait 'event {"event": "switch_new", "name": "sw1", ...}' 5 has_event switch_new name=sw1
check_wait "switch_new carries the switch fields (ageing 300)" 5 has_event switch_new name=sw1 ageing=300
setup vsw switch set sw1 ageing 10
check_wait "switch_set event with ageing 10" 5 has_event switch_set name=sw1 ageing=10
setup n0 ip link set dev sw1 up
setup vsw port add sw1 p1
check_wait "port_new event: name p1, switch sw1, kind port" 5 \
	has_event port_new name=p1 switch=sw1 kind=port
setup vsw fdb add sw1 "$S" port p1
check_wait "fdb_new event for a static entry" 5 has_event fdb_new mac="$S" port=p1 static=true
setup vsw fdb del sw1 "$S"
check_wait "fdb_del event for it" 5 has_event fdb_del mac="$S"
setup raw_send 1 eth0 ff:ff:ff:ff:ff:ff "$m1"
check_wait "fdb_new event for a learned entry" 5 has_event fdb_new mac="$m1" port=p1 static=false
setup vsw port del p1
check_wait "port_del event: name p1" 5 has_event port_del name=p1
setup ip -n "$NS0" link add name sw2 type vsw
track_switch sw2
check_wait "switch_new event for ip link add" 5 has_event switch_new name=sw2
setup ip -n "$NS0" link del sw2
check_wait "switch_del event for ip link del" 5 has_event switch_del name=sw2
setup vsw switch del sw1
check_wait "switch_del event: sw1" 5 has_event switch_del name=sw1

check "every line is a JSON object with an event" "$PYTHON" -S -c '
import json, sys
n = 0
for line in open(sys.argv[1]):
    ev = json.loads(line)
    assert isinstance(ev, dict) and isinstance(ev["event"], str), line
    n += 1
assert n >= 10, n
' "$MON"
stop_bg "$mon"

finish
