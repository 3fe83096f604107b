#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lib-vxlan.sh: VXLAN helpers for the 6x selftests, on top of lib.sh,
# lib-vlan.sh (and lib-sec.sh, for raw_frames). Source it after them; it is
# not a test.
#
# A "physical host" is a netns nH holding its own switch sw0. Hosts reach
# each other over an underlay: a veth ul0 in each host, wired straight to
# another host's or into a Linux bridge in a netns of its own. The VTEP
# sends and receives through the host's IP stack; ul0 is not a port of the
# switch. Every VM is nV with eth0 192.0.2.V/24 on port pV of its host.
#
# Topology:
#	vx_host H                     netns nH with switch sw0 (up) and port
#	                              group v10 (VLAN 10)
#	vx_vm H V [PG]                VM nV (192.0.2.V/24) on pV of nH's sw0 in
#	                              port group PG (default v10)
#	ul_wire A B ADDR_A ADDR_B     veth ul0 in nA <-> ul0 in nB, up, with
#	                              ADDR/LEN on each; IPv6 ones get IPv6 on
#	                              ul0 and nodad; permanent neighbour
#	                              entries both ways (no ARP/ND on the wire)
#	ul_bridge P                   Linux bridge br0 in nP, up, no STP: the
#	                              underlay's L2 network
#	ul_port H P ADDR              veth ul0 in nH (ADDR/LEN) <-> ulH in nP's
#	                              br0
#	ul_addr H ADDR                one more address on nH's ul0 (IPv6: nodad,
#	                              and IPv6 turned on for ul0)
#	ul_freeze H...                permanent neighbour entries between the
#	                              ul0 addresses of these hosts, and static
#	                              entries for their ul0 MACs in the underlay
#	                              bridge: unicast never floods to a third
#	ul_ipv6 H                     IPv6 on (only) nH's ul0
#	vm_neighs V...                permanent neighbour entries between these
#	                              VMs (192.0.2.V): no ARP in a counting window
#
# Queries (N: the host netns; its switch is sw0):
#	vx_jq N EXPR [-s]             EXPR on "vxlan show sw0" in nN (j = the
#	                              list of VNIs); -s: with statistics
#	vni_field N VNI FIELD         FIELD of VNI's "vxlan show" object
#	vni_stat N VNI COUNTER        stats[COUNTER] of VNI ("-s vxlan show")
#	vni_drops N VNI REASON        stats.drops[REASON] of VNI, 0 when absent
#	sock_drops N REASON [VNI]     socket_drops[REASON] of VNI's UDP socket
#	                              (default: the first VNI's), 0 when absent
#	fdb_remote N MAC [VLAN]       "REMOTE VNI" of MAC's entry (VLAN 10 by
#	                              default), "port DEV" for one on a port,
#	                              "none" without one
#	remote_count N                entries of sw0 behind a remote VTEP
#	snap KEY CMD...               remember the number CMD prints as KEY
#	delta KEY                     how far it moved since (CMD run again)
#	deltas KEY...                 the same for several, space-separated
#
# Captures (tcpdump -e -nn -vv: decodes VXLAN on UDP 4789, inner frame too):
#	ucap_start N DEV FILE [ARGS]  tcpdump on DEV in nN into FILE (ARGS: more
#	                              options, a filter); waits until it listens
#	ucap_stop                     stop every capture, output flushed
#	cap_pkts FILE                 one line per packet: the lines tcpdump
#	                              prints for it joined by " | " (outer IP,
#	                              UDP and VXLAN header, inner frame)
#	cap_count FILE ERE            packets matching ERE
#	vx_pkts FILE SRC DST [VNI]    packets of VXLAN (VNI, default any) from
#	                              SRC to DST port 4789
#	vx_count FILE SRC DST VNI [ERE]  how many of those match ERE
#	vx_sports FILE SRC DST        number of distinct UDP source ports of
#	                              those
#
# Traffic:
#	vx_udp N DST MODE COUNT ARGS  COUNT UDP datagrams to DST port 4789
#	                              ($VX_PORT) from nN, outer TOS/traffic class
#	                              $VX_TOS (default 0); one interpreter. MODE:
#	  short                         payloads of 0..7 bytes (a header cut short)
#	  flags VNI DMAC SMAC           a header with bad flags or reserved bits
#	                                (6 kinds, in turn), then a valid frame
#	  random                        8..200 random bytes with the I flag clear
#	  vni VNI DMAC SMAC [TOS]       a valid header and an Ethernet frame with
#	                                IPv4 (inner TOS, default 0) for
#	                                192.0.2.98: counted by the VM, not answered
#	  fuzz VNI                      a valid header and 0..120 random bytes
#
# check_refused compares vsw_snapshot before and after; with lib-vxlan.sh it
# includes "vxlan show" of every switch in $SNAP_SWITCHES.

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
	echo "TAP version 13"
	echo "1..0 # SKIP lib-vxlan.sh is sourced by the tests, it is not a test"
	exit 4
fi

eval "__vsw_snapshot_vlan()$(declare -f vsw_snapshot | tail -n +2)"
vsw_snapshot()
{
	local sw
	__vsw_snapshot_vlan
	for sw in $SNAP_SWITCHES; do
		vsw -j vxlan show "$sw" 2>&1
	done
}

# ---- topology ----------------------------------------------------------------

vx_host()
{
	local h=$1
	[[ -e /run/netns/$PFX-$h ]] || setup_ns "$h"
	VSW_HOST=$h add_switch sw0
	VSW_HOST=$h add_pg sw0 v10 vlan 10
}

vx_vm()
{
	VSW_HOST=$1 add_vm_pg "$2" sw0 "${3:-v10}" "192.0.2.$2/24"
}

ul_ipv6()
{
	setup ip netns exec "$PFX-$1" sysctl -qw net.ipv6.conf.ul0.disable_ipv6=0 \
		net.ipv6.conf.ul0.accept_ra=0 net.ipv6.conf.ul0.accept_dad=0
}

# ul0 addresses per host, for ul_freeze: "ADDR ..." (no /LEN); the netns
# of the bridge a host's ul0 is plugged into.
declare -A __ul_addrs __ul_bridge

ul_addr()
{
	local h=$1 addr=$2
	if [[ $addr == *:* ]]; then
		ul_ipv6 "$h"
		setup ip -n "$PFX-$h" addr add "$addr" dev ul0 nodad
	else
		setup ip -n "$PFX-$h" addr add "$addr" dev ul0
	fi
	__ul_addrs[$h]+="${addr%/*} "
}

ul_freeze()
{
	local h o a mac
	for h in "$@"; do
		if [[ -n ${__ul_bridge[$h]:-} ]]; then
			setup bridge -n "$PFX-${__ul_bridge[$h]}" fdb replace "$(dev_mac "$h" ul0)" \
				dev "ul$h" master static
		fi
		for o in "$@"; do
			((h == o)) && continue
			mac=$(dev_mac "$o" ul0)
			for a in ${__ul_addrs[$o]}; do
				setup ip -n "$PFX-$h" neigh replace "$a" lladdr "$mac" dev ul0 nud permanent
			done
		done
	done
}

ul_wire()
{
	local a=$1 b=$2
	setup ip -n "$PFX-$a" link add name ul0 type veth peer name ul0 netns "$PFX-$b"
	ul_addr "$a" "$3"
	ul_addr "$b" "$4"
	setup ip -n "$PFX-$a" link set dev ul0 up
	setup ip -n "$PFX-$b" link set dev ul0 up
	ul_freeze "$a" "$b"
}

ul_bridge()
{
	local p=$1
	[[ -e /run/netns/$PFX-$p ]] || setup_ns "$p"
	setup ip -n "$PFX-$p" link add name br0 type bridge stp_state 0
	setup ip -n "$PFX-$p" link set dev br0 up
}

ul_port()
{
	local h=$1 p=$2
	[[ -e /run/netns/$PFX-$h ]] || setup_ns "$h"
	setup ip -n "$PFX-$h" link add name ul0 type veth peer name "ul$h" netns "$PFX-$p"
	setup ip -n "$PFX-$p" link set dev "ul$h" master br0
	setup ip -n "$PFX-$p" link set dev "ul$h" up
	__ul_bridge[$h]=$p
	ul_addr "$h" "$3"
	setup ip -n "$PFX-$h" link set dev ul0 up
}

vm_neighs()
{
	local v o
	local -A macs
	for v in "$@"; do
		macs[$v]=$(vm_mac "$v")
	done
	for v in "$@"; do
		for o in "$@"; do
			((v == o)) || setup neigh "$v" "192.0.2.$o" "${macs[$o]}"
		done
	done
}

# ---- queries -------------------------------------------------------------------

vx_jq()
{
	local n=$1 expr=$2
	shift 2
	vswn "$n" -j "$@" vxlan show sw0 | jq_py "$expr"
}

vni_field()
{
	vx_jq "$1" "first(j, vni=$2)['$3']"
}

vni_stat()
{
	vx_jq "$1" "first(j, vni=$2)['stats']['$3']" -s
}

vni_drops()
{
	vx_jq "$1" "first(j, vni=$2)['stats']['drops'].get('$3', 0)" -s
}

sock_drops()
{
	local vni=${3:+first(j, vni=$3)}
	vx_jq "$1" "(${vni:-j[0]}.get('socket_drops') or {}).get('$2', 0)" -s
}

fdb_remote()
{
	vswn_jq "$1" "(lambda e: 'none' if e is None else
		('port %s' % e['port']) if e.get('port') else '%s %s' % (e.get('remote'), e.get('vni')))(
		first(j, mac='$2', vlan=${3:-10}))" fdb show sw0
}

remote_count()
{
	vswn_jq "$1" "len([e for e in j if e.get('remote')])" fdb show sw0
}

declare -A __snap_base __snap_cmd
snap()
{
	local k=$1
	shift
	__snap_cmd[$k]=$(printf '%q ' "$@")
	__snap_base[$k]=$("$@") || return 1
	[[ ${__snap_base[$k]} =~ ^-?[0-9]+$ ]]
}

delta()
{
	local now
	now=$(eval "${__snap_cmd[$1]}") || return 1
	[[ $now =~ ^-?[0-9]+$ ]] || return 1
	echo $((now - __snap_base[$1]))
}

deltas()
{
	local k out=()
	for k in "$@"; do
		out+=("$(delta "$k")") || return 1
	done
	echo "${out[*]}"
}

# ---- captures ------------------------------------------------------------------

__ucap_pids=()
ucap_start()
{
	local n=$1 dev=$2 file=$3
	shift 3
	: >"$file"
	BG_OUT=$file run_bg "$n" tcpdump --immediate-mode -l -e -nn -vv -i "$dev" "$@"
	__ucap_pids+=("$BG_PID")
	if ! wait_for 30 grep -q "listening on" "$file"; then
		fail "setup: tcpdump listening on $dev in n$n"
		__diag_file "$file"
		exit 1
	fi
}

ucap_stop()
{
	local pid
	((${#__ucap_pids[@]})) || return 0
	# Let the last frames through tcpdump before it goes.
	sleep 0.5
	for pid in "${__ucap_pids[@]}"; do
		stop_bg "$pid"
	done
	__ucap_pids=()
}

cap_pkts()
{
	awk '/^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9]+ / { if (l != "") print l; l = $0; next }
		/^tcpdump: |packets (captured|received by filter|dropped by kernel)$/ { next }
		l != "" { sub(/^[ \t]+/, ""); l = l " | " $0 }
		END { if (l != "") print l }' "$1"
}

cap_count()
{
	local c
	c=$(cap_pkts "$1" | grep -cE -- "$2")
	echo "${c:-0}"
}

__re_addr()
{
	echo "${1//./\\.}"
}

vx_pkts()
{
	local src dst vni=${4:-[0-9]+}
	src=$(__re_addr "$2")
	dst=$(__re_addr "$3")
	cap_pkts "$1" | grep -E -- " $src\.[0-9]+ > $dst\.4789: .*VXLAN, flags \[I\] \(0x08\), vni $vni( |$)"
	return 0
}

vx_count()
{
	local c
	c=$(vx_pkts "$1" "$2" "$3" "$4" | grep -cE -- "${5:-.}")
	echo "${c:-0}"
}

vx_sports()
{
	local src
	src=$(__re_addr "$2")
	vx_pkts "$1" "$2" "$3" | sed -E "s/.* $src\.([0-9]+) > .*/\\1/" | sort -u | wc -l
}

# ---- traffic -------------------------------------------------------------------

__VX_UDP_PY='
import os, random, socket, struct, sys
dst, mode, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
args = sys.argv[4:]
port = int(os.environ.get("VX_PORT") or 4789)
tos = int(os.environ.get("VX_TOS") or "0", 0)
fam = socket.AF_INET6 if ":" in dst else socket.AF_INET
s = socket.socket(fam, socket.SOCK_DGRAM)
if tos and fam == socket.AF_INET:
    s.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, tos)
elif tos:
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_TCLASS, tos)
rnd = random.Random(4789)
mac = lambda m: bytes(int(x, 16) for x in m.split(":"))

def csum(b):
    t = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while t >> 16:
        t = (t & 0xffff) + (t >> 16)
    return ~t & 0xffff

def frame(dmac, smac, itos=0):
    data = b"vsw-vxlan-selftest"
    udp = struct.pack("!HHHH", 40000, 9, 8 + len(data), 0) + data
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, itos, 20 + len(udp), 0, 0x4000, 64, 17, 0,
                     bytes([192, 0, 2, 97]), bytes([192, 0, 2, 98]))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return mac(dmac) + mac(smac) + b"\x08\x00" + ip + udp

def hdr(vni, flags=0x08, r1=b"\0\0\0", r2=0):
    return bytes([flags]) + r1 + vni.to_bytes(3, "big") + bytes([r2])

def payloads():
    if mode == "short":
        full = hdr(5000)
        for i in range(count):
            yield full[:i % 8]
    elif mode == "flags":
        vni = int(args[0])
        f = frame(args[1], args[2])
        kinds = [hdr(vni, flags=0x00), hdr(vni, flags=0x0c), hdr(vni, flags=0x88),
                 hdr(vni, flags=0xff), hdr(vni, r1=b"\0\0\x01"), hdr(vni, r2=0x01)]
        for i in range(count):
            yield kinds[i % len(kinds)] + f
    elif mode == "random":
        for i in range(count):
            b = bytearray(rnd.getrandbits(8) for _ in range(rnd.randint(8, 200)))
            b[0] &= 0xf7
            yield bytes(b)
    elif mode == "vni":
        f = frame(args[1], args[2], int(args[3], 0) if len(args) > 3 else 0)
        for i in range(count):
            yield hdr(int(args[0])) + f
    elif mode == "fuzz":
        for i in range(count):
            yield hdr(int(args[0])) + bytes(rnd.getrandbits(8) for _ in range(rnd.randint(0, 120)))
    else:
        sys.exit("vx_udp: unknown mode " + mode)

n = 0
for p in payloads():
    s.sendto(p, (dst, port))
    n += 1
print(n)
'

vx_udp()
{
	local n=$1
	shift
	ip netns exec "$PFX-$n" "$PYTHON" -S -c "$__VX_UDP_PY" "$@"
}
