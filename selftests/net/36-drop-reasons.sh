#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Drop reasons the other scripts do not make move: mtu, port_down,
# uplink_loop, link_local, malformed, each counted on the right port, and
# the frame not delivered; the kernel's own drop reason (kfree_skb
# tracepoint) for those that have one. Then a coverage check: every drop
# reason of the uapi header is asserted by some selftests/net script.
#
# Covered elsewhere: invalid_source and same_port (16-port-show), vlan
# (20, 21, 22), forged (30), mac_change (31), shaping (33), fdb_limit (34).
# Not forced: nomem (needs a failing GFP_ATOMIC clone; no fault injection
# in the distro kernels).
#
#   n1 (vm1) .1         n2 (vm2) .2        n5 (peer0)       n6 (peer1)
#     |                   |                  |                |
#   n0: p1 ------------- p2 ---- sw0 ------ up0 ------------ up1 (uplinks)
#                                 |
#                                sw0 (host port)
#
# 192.0.2.0/24, static neighbours, IPv6 off.
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"
# shellcheck source=lib-sec.sh
source "$(dirname "$0")/lib-sec.sh"

setup_ns 0
add_switch sw0
add_vm 1 sw0
add_vm 2 sw0
add_uplink_peer 5 up0 sw0
add_uplink_peer 6 up1 sw0
m1=$(vm_mac 1)
m2=$(vm_mac 2)
setup neigh 1 192.0.2.2 "$m2"
setup neigh 2 192.0.2.1 "$m1"
check "vm1 -> vm2" ping_ok 1 192.0.2.2

# The kernel's drop reasons, from a trace instance of our own.
TRACEFS=''
for d in /sys/kernel/tracing /sys/kernel/debug/tracing; do
	if [[ -d $d/instances && -d $d/events/skb/kfree_skb ]]; then
		TRACEFS=$d/instances/$PFX
		mkdir "$TRACEFS" 2>/dev/null || TRACEFS=''
		break
	fi
done
trace_on()
{
	[[ -n $TRACEFS ]] || return 0
	echo 0 >"$TRACEFS/tracing_on"
	echo >"$TRACEFS/trace"
	echo 1 >"$TRACEFS/events/skb/kfree_skb/enable"
	echo 1 >"$TRACEFS/tracing_on"
}
trace_off()
{
	[[ -n $TRACEFS ]] || return 0
	echo 0 >"$TRACEFS/tracing_on"
	echo 0 >"$TRACEFS/events/skb/kfree_skb/enable"
}
# trace_reason DESC REASON: the kfree_skb trace has REASON.
trace_reason()
{
	if [[ -z $TRACEFS ]]; then
		skip "$1" "no tracefs instances"
		return
	fi
	if grep -q "reason: $2\b" "$TRACEFS/trace"; then
		pass "$1"
	else
		fail "$1" "no \"reason: $2\" in the kfree_skb trace:" \
			"$(grep kfree_skb "$TRACEFS/trace" | tail -5)"
	fi
}
trace_cleanup()
{
	[[ -n $TRACEFS ]] && trace_off && rmdir "$TRACEFS" 2>/dev/null
	return 0
}

# mtu: p2's MTU below the frame. 1414 bytes = 1400 + header, vm1's MTU is 1500.
setup ip -n "$NS0" link set dev p2 mtu 1280
drop_snap p2:mtu p1:mtu
rx_snap 2
trace_on
setup raw_frames 1 eth0 "$m2" "$m1" 3 1414
check_eq "mtu: 3 frames of 1414 bytes to vm2 (p2 mtu 1280): drops.mtu +3 on p2" 3 drop_delta p2:mtu
trace_off
check_eq "mtu: ... vm2 received none" 0 rx_delta 2
check_eq "mtu: ... counted on the egress port, not on p1" 0 drop_delta p1:mtu
trace_reason "mtu: kfree_skb reason PKT_TOO_BIG" PKT_TOO_BIG
setup raw_frames 1 eth0 "$m2" "$m1" 3 1294
check_eq "mtu: 3 frames of 1294 bytes (= mtu 1280 + header) reach vm2" 3 rx_delta 2
check_eq "mtu: ... no more drops.mtu" 3 drop_delta p2:mtu
setup ip -n "$NS0" link set dev p2 mtu 1500

# port_down: vm2's entry exists (static, so that nothing flushes it) and its
# port is down.
setup vsw fdb add sw0 "$m2" port p2
setup ip -n "$NS0" link set dev p2 down
drop_snap p2:port_down
trace_on
setup raw_frames 1 eth0 "$m2" "$m1" 3
check_eq "port_down: 3 frames to vm2 with p2 down: drops.port_down +3 on p2" 3 drop_delta p2:port_down
trace_off
trace_reason "port_down: kfree_skb reason DEV_READY" DEV_READY
setup ip -n "$NS0" link set dev p2 up
setup vsw fdb del sw0 "$m2"
check "port_down: p2 up again, vm1 -> vm2 works" ping_ok 1 192.0.2.2

# uplink_loop: a MAC learned on up1, a frame for it from up0.
x=$(doc_mac 66)
y=$(doc_mac 55)
setup raw_send 6 eth0 ff:ff:ff:ff:ff:ff "$x"
check_eq "uplink_loop: X learned on up1" up1 fdb_port sw0 "$x"
drop_snap up0:uplink_loop
rx_snap 6 1 2
setup raw_frames 5 eth0 "$x" "$y" 3
check_eq "uplink_loop: 3 frames from up0 for X (on up1): drops.uplink_loop +3 on up0" 3 \
	drop_delta up0:uplink_loop
check_eq "uplink_loop: ... peer1 behind up1 received none" 0 rx_delta 6
check_eq "uplink_loop: ... nor the VMs" "0 0" rx_deltas 1 2

# link_local: the host sends to 01:80:c2:00:00:0e (LLDP) through sw0.
drop_snap sw0:link_local
rx_snap 1 2 5 6
setup raw_frames 0 sw0 01:80:c2:00:00:0e "$(doc_mac 44)" 3 60 88cc
check_eq "link_local: 3 LLDP frames from the host: drops.link_local +3 on sw0" 3 \
	drop_delta sw0:link_local
check_eq "link_local: ... no VM or uplink peer received them" "0 0 0 0" rx_deltas 1 2 5 6

# malformed: from the host, a 14-byte frame whose ethertype is 802.1Q: no
# room for the tag.
drop_snap sw0:malformed
rx_snap 1 2
trace_on
setup raw_frames 0 sw0 ff:ff:ff:ff:ff:ff "$(doc_mac 44)" 3 14 8100
check_eq "malformed: 3 truncated 802.1Q frames from the host: drops.malformed +3 on sw0" 3 \
	drop_delta sw0:malformed
trace_off
check_eq "malformed: ... not forwarded" "0 0" rx_deltas 1 2
trace_cleanup

skip "nomem: drops.nomem moves" "cannot be forced: needs a failing GFP_ATOMIC allocation, no fault injection in Debian's kernels"

# Coverage: every reason of enum vsw_drop_reason ("name" in its comment) is
# asserted in some selftests/net script as its JSON key.
hdr=$VSW_ROOT/include/uapi/linux/vsw.h
nwords() { wc -w <<<"$1"; }
reasons=$(sed -n '/^enum vsw_drop_reason/,/^};/p' "$hdr" | grep -oE '/\* "[a-z-]+"' | grep -oE '[a-z-]+' | tr - _)
check_num "uapi: the drop reasons are listed in vsw.h (>= 13)" -ge 13 nwords "$reasons"
missing=()
for r in $reasons; do
	[[ $r == nomem ]] && continue
	grep -lE "(drop_delta|drops|port_drops)[^#]*\b$r\b" "$VSW_ROOT"/selftests/net/[0-9]*.sh >/dev/null ||
		missing+=("$r")
done
check_eq "every drop reason but nomem has a test that makes its counter move" "" echo "${missing[*]}"

finish
