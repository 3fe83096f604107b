#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lib-sec.sh: helpers for the 3x selftests (security policies, shaping, MAC
# table protection, drop accounting), on top of lib.sh and lib-vlan.sh.
# Source it after both; it is not a test.
#
# Queries:
#	pg_sec SW PG KEY               security[KEY] of "portgroup show SW PG"
#	pg_shaping SW PG               shaping of PG as JSON (null when off)
#	drop_snap DEV:REASON...        remember drops[REASON] of DEV (switch sw0)
#	drop_delta DEV:REASON          how far it moved since drop_snap
#	stat_snap DEV:COUNTER...       the same for a "-s port show" counter
#	stat_delta DEV:COUNTER
#	fdb_has SW MAC                 predicate: an entry for MAC (any VLAN)
#	kmsg_mark                      write a unique line to /dev/kmsg; its
#	                               text in $KMSG_MARK
#	kmsg_since                     kernel log lines after $KMSG_MARK
#
# Traffic (python3 AF_PACKET, ethertype 0x88b5 unless said otherwise):
#	raw_frames N DEV DST SRC COUNT [LEN] [ETHERTYPE]
#	                               COUNT frames of LEN bytes (default 60,
#	                               headers included) back to back; prints
#	                               "SENT SECONDS"
#	raw_flood N DEV DST COUNT SECS  frames from COUNT random locally
#	                               administered source MACs, as fast as it
#	                               can, for at most SECS seconds; prints
#	                               the number sent
#	raw_alternate DST SRC ROUNDS GAP NA NB
#	                               from SRC to DST, ROUNDS times: one frame
#	                               out of eth0 of nNA, then one out of eth0 of
#	                               nNB, GAP seconds apart (one process,
#	                               sockets opened in both namespaces)
#	iperf_rx_bps FILE [HDR]        bits/s the receiver measured, from the
#	                               iperf3 -J output in FILE (server or client);
#	                               with HDR (bytes of headers per datagram of
#	                               a UDP server report) the steady-state rate
#	                               of whole frames: the intervals but the
#	                               first (start-up, burst) and the last
#	                               (partial), payload scaled by (len+HDR)/len

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
	echo "TAP version 13"
	echo "1..0 # SKIP lib-sec.sh is sourced by the tests, it is not a test"
	exit 4
fi

pg_sec()
{
	vsw_jq "first(j, name='$2')['security']['$3']" portgroup show "$1" "$2"
}

pg_shaping()
{
	vsw_jq "json.dumps(first(j, name='$2')['shaping'], sort_keys=True)" portgroup show "$1" "$2"
}

declare -A __drop_base __stat_base
drop_snap()
{
	local spec
	for spec in "$@"; do
		__drop_base[$spec]=$(port_drops "${spec%%:*}" "${spec#*:}" sw0)
	done
}

drop_delta()
{
	local spec=$1 now
	now=$(port_drops "${spec%%:*}" "${spec#*:}" sw0) || return 1
	echo $((now - __drop_base[$spec]))
}

stat_snap()
{
	local spec
	for spec in "$@"; do
		__stat_base[$spec]=$(port_stat "${spec%%:*}" "${spec#*:}" sw0)
	done
}

stat_delta()
{
	local spec=$1 now
	now=$(port_stat "${spec%%:*}" "${spec#*:}" sw0) || return 1
	echo $((now - __stat_base[$spec]))
}

fdb_has()
{
	vsw_jq -t "where(j, mac='$2')" fdb show "$1"
}

KMSG_MARK=''
kmsg_mark()
{
	KMSG_MARK="vsw-selftest: $PFX mark $RANDOM$RANDOM"
	echo "$KMSG_MARK" >/dev/kmsg
}

kmsg_since()
{
	dmesg | awk -v m="$KMSG_MARK" 'index($0, m) { on = 1; next } on'
}

__RAW_FRAMES_PY='
import socket, sys, time
dev, dst, src, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
length = int(sys.argv[5]) if len(sys.argv) > 5 else 60
etype = int(sys.argv[6], 16) if len(sys.argv) > 6 else 0x88b5
mac = lambda m: bytes(int(x, 16) for x in m.split(":"))
hdr = mac(dst) + mac(src) + etype.to_bytes(2, "big")
frame = hdr + b"vsw-selftest".ljust(max(length - 14, 0), b"\0")[:max(length - 14, 0)]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((dev, 0))
t0 = time.monotonic()
n = 0
for i in range(count):
    s.send(frame)
    n += 1
print(n, "%.4f" % (time.monotonic() - t0))
'

raw_frames()
{
	local n=$1
	shift
	ip netns exec "$PFX-$n" "$PYTHON" -S -c "$__RAW_FRAMES_PY" "$@"
}

__RAW_FLOOD_PY='
import os, socket, sys, time
dev, dst, count, secs = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
mac = lambda m: bytes(int(x, 16) for x in m.split(":"))
tail = b"\x88\xb5" + b"vsw-flood".ljust(46, b"\0")
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((dev, 0))
d = mac(dst)
rnd = os.urandom(5 * count)
end = time.monotonic() + secs
n = 0
for i in range(count):
    # Locally administered unicast (02:...): never a group or zero address.
    s.send(d + b"\x02" + rnd[5 * i:5 * i + 5] + tail)
    n += 1
    if (n & 255) == 0 and time.monotonic() > end:
        break
print(n)
'

raw_flood()
{
	local n=$1
	shift
	ip netns exec "$PFX-$n" "$PYTHON" -S -c "$__RAW_FLOOD_PY" "$@"
}

__RAW_ALT_PY='
import ctypes, os, socket, sys, time
dst, src, rounds, gap = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNET = 0x40000000
socks = []
for ns in sys.argv[5:7]:
    fd = os.open("/run/netns/" + ns, os.O_RDONLY)
    if libc.setns(fd, CLONE_NEWNET) != 0:
        sys.exit("setns %s: %s" % (ns, os.strerror(ctypes.get_errno())))
    os.close(fd)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind(("eth0", 0))
    socks.append(s)
mac = lambda m: bytes(int(x, 16) for x in m.split(":"))
frame = mac(dst) + mac(src) + b"\x88\xb5" + b"vsw-move".ljust(46, b"\0")
for r in range(rounds):
    for s in socks:
        s.send(frame)
        time.sleep(gap)
'

raw_alternate()
{
	"$PYTHON" -S -c "$__RAW_ALT_PY" "$1" "$2" "$3" "$4" "$PFX-$5" "$PFX-$6"
}

__IPERF_PY='
import json, sys
j = json.load(open(sys.argv[1]))
if "error" in j:
    sys.exit("iperf3: " + j["error"])
e = j["end"]
# TCP: sum_received is what the receiver got. UDP: the server reports its
# received rate in "sum"; a client reports the server-side figures in
# sum_received (iperf3 >= 3.11) or only its sending rate in "sum".
if j["start"].get("test_start", {}).get("protocol") == "UDP" and "sum_received" not in e \
        and "connecting_to" in j["start"]:
    sys.exit("a UDP client report has no receiver figures; use the server output")
s = e.get("sum_received") or e["sum"]
hdr = int(sys.argv[2]) if len(sys.argv) > 2 else 0
iv = [i["sum"] for i in j.get("intervals", [])]
ln = j["start"].get("test_start", {}).get("blksize", 0)
if hdr and ln and len(iv) >= 4:
    mid = iv[1:-1]
    bps = sum(i["bytes"] for i in mid) * 8 / sum(i["seconds"] for i in mid)
    print(int(bps * (ln + hdr) / ln))
else:
    print(int(s["bits_per_second"]))
'

iperf_rx_bps()
{
	"$PYTHON" -S -c "$__IPERF_PY" "$@"
}
