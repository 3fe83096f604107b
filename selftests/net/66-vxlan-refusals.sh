#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every refused "vxlan" or "fdb ... remote" request says why and changes
# nothing (switches, ports, fdbs, port groups, VNIs and links are the same
# after, and no event is sent): vswctl's own checks, the kernel's, and raw
# Generic Netlink past vswctl. Then the edge cases that are accepted: the
# same VNI on another UDP port, on another address family, VLAN 0.
#
#   n1 (vm1) 192.0.2.1/24
#     | p1 (v10)
#   n0: sw0 (v10 VLAN 10, v20 VLAN 20, v30 VLAN 30)    sw1 (v10 VLAN 10)
#       VNI 5000 <-> VLAN 10, local 198.51.100.1, remote 198.51.100.2
#       static X behind 198.51.100.2, VNI 5000
#       vx0: a Linux vxlan device holding UDP port 4790
#       ul0 198.51.100.1/24, 2001:db8:1::1/64 ====== ul0 (n5) 198.51.100.2/24,
#                                                          2001:db8:1::2/64
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"
# shellcheck source=lib-vxlan.sh
source "$(dirname "$0")/lib-vxlan.sh"

SNAP_SWITCHES="sw0 sw1"
setup_ns 0 5
add_switch sw0
add_switch sw1
add_pg sw0 v10 vlan 10
add_pg sw0 v20 vlan 20
add_pg sw0 v30 vlan 30
add_pg sw1 v10 vlan 10
add_vm_pg 1 sw0 v10 192.0.2.1/24
ul_wire 0 5 198.51.100.1/24 198.51.100.2/24
ul_addr 0 2001:db8:1::1/64
ul_addr 5 2001:db8:1::2/64
ul_freeze 0 5
setup vsw vxlan add sw0 vni 5000 vlan 10 local 198.51.100.1 remote 198.51.100.2
X=$(doc_mac 66)
setup vsw fdb add sw0 "$X" vlan 10 remote 198.51.100.2 vni 5000
setup n0 ip link add name vx0 type vxlan id 77 dstport 4790 local 198.51.100.1 remote 198.51.100.2
setup n0 ip link set dev vx0 up
MON=$TMPD/monitor.jsonl
BG_OUT=$MON run_bg 0 "$VSWCTL" -j monitor
mon=$BG_PID
setup wait_for 20 refusal_poke
sleep 0.5
: >"$MON"
add() { vsw vxlan add sw0 "$@"; }

# vswctl's own checks: refused before anything is asked of the kernel.
# Each says why; one snapshot around all of them shows that nothing
# changed (a snapshot per refusal is too slow for an emulated guest).
before=$(vsw_snapshot)
check_fail "vswctl: vni 0" 'invalid VNI' add vni 0 vlan 20 local 198.51.100.1
check_fail "vswctl: vni 16777216 (2^24)" 'invalid VNI' add vni 16777216 vlan 20 local 198.51.100.1
check_fail "vswctl: vni abc" 'invalid VNI' add vni abc vlan 20 local 198.51.100.1
check_fail "vswctl: vlan 4095" 'invalid VLAN' add vni 5001 vlan 4095 local 198.51.100.1
check_fail "vswctl: vlan 4096" 'invalid VLAN' add vni 5001 vlan 4096 local 198.51.100.1
check_fail "vswctl: no vni" 'missing "vni' add vlan 20 local 198.51.100.1
check_fail "vswctl: no vlan" 'missing "vlan' add vni 5001 local 198.51.100.1
check_fail "vswctl: no local" 'missing "local' add vni 5001 vlan 20 remote 198.51.100.2
check_fail "vswctl: mixed families: local IPv4, remote IPv6" 'one family' \
	add vni 5001 vlan 20 local 198.51.100.1 remote 2001:db8:1::2
check_fail "vswctl: mixed families: local IPv6, remote IPv4" 'one family' \
	add vni 5001 vlan 20 local 2001:db8:1::1 remote 198.51.100.2
check_fail "vswctl: mixed families: local IPv4, group IPv6" 'one family' \
	add vni 5001 vlan 20 local 198.51.100.1 group ff05::1 dev ul0
check_fail "vswctl: group without dev" 'needs "dev' \
	add vni 5001 vlan 20 local 198.51.100.1 group 239.1.1.1
check_fail "vswctl: dev without group" 'needs "group' \
	add vni 5001 vlan 20 local 198.51.100.1 dev ul0
check_fail "vswctl: group not a multicast address" 'not a multicast address' \
	add vni 5001 vlan 20 local 198.51.100.1 group 198.51.100.7 dev ul0
check_fail "vswctl: group on a device that does not exist" 'nosuch0' \
	add vni 5001 vlan 20 local 198.51.100.1 group 239.1.1.1 dev nosuch0
check_fail "vswctl: remote is the local address" 'is the local address' \
	add vni 5001 vlan 20 local 198.51.100.1 remote 198.51.100.2,198.51.100.1
check_fail "vswctl: local is a multicast address" 'not a unicast address' \
	add vni 5001 vlan 20 local 239.1.1.1
check_fail "vswctl: remote is a multicast address" 'not a unicast address' \
	add vni 5001 vlan 20 local 198.51.100.1 remote 239.1.1.1
check_fail "vswctl: remote is not an address" 'invalid address' \
	add vni 5001 vlan 20 local 198.51.100.1 remote 198.51.100.300
remotes=$(seq -s, -f '198.51.100.%g' 2 130)
check_fail "vswctl: 129 remote VTEPs (at most 128)" 'remote' \
	add vni 5001 vlan 20 local 198.51.100.1 remote "$remotes"
check_fail "vswctl: ttl 0" 'invalid ttl' add vni 5001 vlan 20 local 198.51.100.1 ttl 0
check_fail "vswctl: ttl 256" 'invalid ttl' add vni 5001 vlan 20 local 198.51.100.1 ttl 256
check_fail "vswctl: dstport 0" 'invalid dstport' add vni 5001 vlan 20 local 198.51.100.1 dstport 0
check_fail "vswctl: dstport 65536" 'invalid dstport' \
	add vni 5001 vlan 20 local 198.51.100.1 dstport 65536
check_fail "vswctl: learning maybe" 'learning' \
	add vni 5001 vlan 20 local 198.51.100.1 learning maybe
check_fail "vswctl: an unknown keyword" 'unknown argument "tos"' \
	add vni 5001 vlan 20 local 198.51.100.1 tos 4
check_fail "vswctl: fdb add: port and remote" 'cannot be combined' \
	vsw fdb add sw0 "$(doc_mac 67)" vlan 10 port p1 remote 198.51.100.2 vni 5000
check_fail "vswctl: fdb add: remote without vni" 'needs "vni' \
	vsw fdb add sw0 "$(doc_mac 67)" vlan 10 remote 198.51.100.2
check_fail "vswctl: fdb add: vni without remote" 'needs "remote' \
	vsw fdb add sw0 "$(doc_mac 67)" vlan 10 vni 5000
check_fail "vswctl: fdb add: a multicast remote" 'not a unicast address' \
	vsw fdb add sw0 "$(doc_mac 67)" vlan 10 remote 239.1.1.1 vni 5000
check_eq "after vswctl's refusals: switches, ports, fdbs, port groups, VNIs, links unchanged" \
	"$before" vsw_snapshot

# The kernel's, one snapshot before and after each.
check_refused "the VLAN already has a VNI (VLAN 10)" "already has a VNI" \
	add vni 5001 vlan 10 local 198.51.100.1
check_refused "the same VNI twice on a switch (5000 on VLAN 20)" "already bound" \
	add vni 5000 vlan 20 local 198.51.100.1
check_refused "VNI 5000 on sw1: bound on UDP 4789 over IPv4 in this netns already" "another switch" \
	vsw vxlan add sw1 vni 5000 vlan 10 local 198.51.100.1
check_refused "dstport 4790, which a Linux vxlan device holds (EADDRINUSE)" "in use" \
	add vni 5001 vlan 20 local 198.51.100.1 dstport 4790
check_refused "a local address that is not this host's (198.51.100.2)" "not an address of this host" \
	add vni 5001 vlan 20 local 198.51.100.2
check_refused "a local address of no host (198.51.100.99)" "not an address of this host" \
	add vni 5001 vlan 20 local 198.51.100.99
check_refused "an unknown switch" "" vsw vxlan add nosuch vni 5001 vlan 20 local 198.51.100.1
check_refused "a device that is no switch (ul0)" "" \
	vsw vxlan add ul0 vni 5001 vlan 20 local 198.51.100.1
check_refused "vxlan del: an unknown VNI" "" vsw vxlan del sw0 vni 4242
check_refused "vxlan del: VNI 5000 of sw0, on sw1" "" vsw vxlan del sw1 vni 5000
check_refused "vxlan del: an unknown switch" "" vsw vxlan del nosuch vni 5000
check_refused "fdb add: remote with an unknown VNI" "" \
	vsw fdb add sw0 "$(doc_mac 67)" vlan 10 remote 198.51.100.2 vni 4242
check_refused "fdb add: an IPv6 remote on an IPv4 VNI" "" \
	vsw fdb add sw0 "$(doc_mac 67)" vlan 10 remote 2001:db8:1::2 vni 5000
check_refused "fdb add: VLAN 20 behind VNI 5000 (VLAN 10)" "" \
	vsw fdb add sw0 "$(doc_mac 67)" vlan 20 remote 198.51.100.2 vni 5000
check_refused "fdb add: X behind VNI 5000 on sw1, which has no VNI" "" \
	vsw fdb add sw1 "$X" vlan 10 remote 198.51.100.2 vni 5000

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
def ip(v):
    if v.startswith("hex:"):
        return bytes.fromhex(v[4:])
    return socket.inet_pton(socket.AF_INET6 if ":" in v else socket.AF_INET, v)
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
s.setsockopt(270, 11, 1)	# NETLINK_EXT_ACK
s.bind((0, 0))
def request(family, cmd, body, flags=0x5):	# NLM_F_REQUEST | NLM_F_ACK
    payload = struct.pack("BBH", cmd, 1, 0) + body
    s.send(struct.pack("IHHII", 16 + len(payload), family, flags, 1, 0) + payload)
    return s.recv(65536)
r = request(16, 3, nla(2, b"vsw\0"), 0x1)	# CTRL_CMD_GETFAMILY, no ACK
family = struct.unpack("H", attrs(r[20:])[1][:2])[0]
cmd = C["VSW_CMD_" + sys.argv[1].upper()]
body = b""
sw = "sw0"
for arg in sys.argv[2:]:
    key, val = arg.split("=", 1)
    if key == "sw":
        sw = val
    elif key in ("local", "group", "remote"):
        body += nla(A["VSW_A_VXLAN_" + key.upper()], ip(val))
    elif key == "remotes":
        body += nla(A["VSW_A_VXLAN_REMOTES"] | 0x8000,
                    b"".join(nla(A["VSW_A_VXLAN_REMOTE"], ip(v)) for v in val.split(",")))
    elif key == "vni":
        body += nla(A["VSW_A_VXLAN_VNI"], struct.pack("I", int(val)))
    elif key == "vlan":
        body += nla(A["VSW_A_VLAN"], struct.pack("H", int(val)))
    elif key == "dev":
        idx = int(val[1:]) if val[0] == "#" else socket.if_nametoindex(val)
        body += nla(A["VSW_A_VXLAN_DEV"], struct.pack("I", idx))
    elif key == "dstport":
        body += nla(A["VSW_A_VXLAN_DSTPORT"], struct.pack("H", int(val)))
    elif key in ("ttl", "learning"):
        body += nla(A["VSW_A_VXLAN_" + key.upper()], struct.pack("B", int(val)))
    elif key == "mac":
        body += nla(A["VSW_A_MAC"], bytes(int(x, 16) for x in val.split(":")))
    else:
        sys.exit("unknown key " + key)
r = request(family, cmd, nla(A["VSW_A_IFNAME"], sw.encode() + b"\0") + body)
ln, typ, flags = struct.unpack_from("IHH", r)
err = struct.unpack_from("i", r, 16)[0]
if typ != 2 or err == 0:
    print("accepted")
    sys.exit(2)
off = 20 + (16 if flags & 0x100 else struct.unpack_from("I", r, 20)[0])
tlv = attrs(r[off:ln])
msg = tlv.get(1, b"").rstrip(b"\0").decode()
if not msg and 5 in tlv:	# NLMSGERR_ATTR_MISS_TYPE
    msg = "missing attribute %d" % struct.unpack("I", tlv[5])[0]
print("errno %d: %s" % (-err, msg))
sys.exit(0 if msg else 1)
'
genl() { n0 "$PYTHON" -S -c "$__GENL_PY" "$@"; }
before=$(vsw_snapshot)
genl_refused()
{
	local desc=$1 out
	shift
	# 0: refused with an extack message; 1: without one; 2: accepted.
	if out=$(genl "$@" 2>&1); then
		pass "$desc"
		diag "$out"
	else
		fail "$desc" "genl $*: expected a refusal with a message" "got: $out"
	fi
}
V=(vxlan_new vni=5001 vlan=20)
genl_refused "genl: VNI 0" vxlan_new vni=0 vlan=20 local=198.51.100.1
genl_refused "genl: VNI 16777216" vxlan_new vni=16777216 vlan=20 local=198.51.100.1
genl_refused "genl: VLAN 4095" vxlan_new vni=5001 vlan=4095 local=198.51.100.1
genl_refused "genl: no local address" "${V[@]}"
genl_refused "genl: no VNI" vxlan_new vlan=20 local=198.51.100.1
genl_refused "genl: no VLAN" vxlan_new vni=5001 local=198.51.100.1
genl_refused "genl: a 5-byte local address" "${V[@]}" local=hex:c633640101
genl_refused "genl: local 0.0.0.0" "${V[@]}" local=0.0.0.0
genl_refused "genl: mixed families (local IPv4, remote IPv6)" "${V[@]}" local=198.51.100.1 \
	remotes=2001:db8:1::2
genl_refused "genl: mixed families (local IPv6, group IPv4)" "${V[@]}" local=2001:db8:1::1 \
	group=239.1.1.1 dev=ul0
genl_refused "genl: group without dev" "${V[@]}" local=198.51.100.1 group=239.1.1.1
genl_refused "genl: dev without group" "${V[@]}" local=198.51.100.1 dev=ul0
genl_refused "genl: group not multicast" "${V[@]}" local=198.51.100.1 group=198.51.100.7 dev=ul0
genl_refused "genl: group on ifindex 999999" "${V[@]}" local=198.51.100.1 group=239.1.1.1 dev=#999999
genl_refused "genl: a remote twice" "${V[@]}" local=198.51.100.1 remotes=198.51.100.2,198.51.100.2
genl_refused "genl: the local address as a remote" "${V[@]}" local=198.51.100.1 remotes=198.51.100.1
genl_refused "genl: ttl 0" "${V[@]}" local=198.51.100.1 ttl=0
genl_refused "genl: dstport 0" "${V[@]}" local=198.51.100.1 dstport=0
genl_refused "genl: learning 2" "${V[@]}" local=198.51.100.1 learning=2
genl_refused "genl: FDB_NEW with a remote and no VNI" fdb_new mac="$(doc_mac 67)" vlan=10 \
	remote=198.51.100.2
genl_refused "genl: FDB_NEW with a VNI and no remote" fdb_new mac="$(doc_mac 67)" vlan=10 vni=5000
genl_refused "genl: FDB_NEW with a 5-byte remote" fdb_new mac="$(doc_mac 67)" vlan=10 \
	remote=hex:c633640202 vni=5000
check_eq "after the genl refusals: switches, ports, fdbs, port groups, VNIs, links unchanged" \
	"$before" vsw_snapshot

sleep 0.5
check_eq "the refused requests sent no event" "" cat "$MON"
mon_events() { grep -oE '"vxlan_(new|del)"' "$MON" | tr -d '"' | xargs; }

# Accepted edge cases.
check "VNI 5000 on sw1 over UDP 4791 (another port) is accepted" \
	vsw vxlan add sw1 vni 5000 vlan 10 local 198.51.100.1 dstport 4791
check "VNI 5001 on sw0 over UDP 4791 too (the socket is shared)" \
	add vni 5001 vlan 20 local 198.51.100.1 dstport 4791
check "VNI 6000 over IPv6 on VLAN 30" add vni 6000 vlan 30 local 2001:db8:1::1 remote 2001:db8:1::2
genl_accepted() { genl "$@"; [[ $? == 2 ]]; }
check "genl: VNI 7000 on VLAN 0 (untagged frames) is accepted" \
	genl_accepted vxlan_new vni=7000 vlan=0 local=198.51.100.1
check_eq "sw0 has VNIs 5000, 5001, 6000, 7000 on VLANs 10, 20, 30, 0" \
	"[[5000, 10, 4789], [5001, 20, 4791], [6000, 30, 4789], [7000, 0, 4789]]" \
	vx_jq 0 "sorted([e['vni'], e['vlan'], e['dstport']] for e in j)"
check_eq "sw1 has VNI 5000 on UDP 4791" "[[5000, 4791]]" \
	vsw_jq "[[e['vni'], e['dstport']] for e in j]" vxlan show sw1
check "vxlan del sw0 vni 7000" vsw vxlan del sw0 vni 7000
check_wait "the monitor saw the four adds and the del" 10 \
	out_is "vxlan_new vxlan_new vxlan_new vxlan_new vxlan_del" mon_events
check_eq "X is still behind 198.51.100.2, VNI 5000" "198.51.100.2 5000" fdb_remote 0 "$X"
check "vxlan del sw0 vni 5000" vsw vxlan del sw0 vni 5000
check_eq "... X went with it" none fdb_remote 0 "$X"
check "a VLAN freed by vxlan del takes a new VNI (5002 on VLAN 10)" \
	add vni 5002 vlan 10 local 198.51.100.1 remote 198.51.100.2

stop_bg "$mon"
finish
