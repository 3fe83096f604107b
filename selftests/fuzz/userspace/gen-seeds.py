#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Write the seed corpora of the userspace fuzz targets (seeds/TARGET/).

fuzz_cli_args: command lines of selftests/unit/test_cli.c's good cases;
fuzz_config: the files of test_config.c; fuzz_lib_reply: a command byte,
an output byte and the replies a kernel would give (fake_kernel.h's
script format), built from include/uapi/linux/vsw.h's enums.
Run from anywhere; rewrites the seeds it makes."""
import hashlib
import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '../../..'))


def write(target, data, name=None, where='seeds'):
    d = os.path.join(HERE, where, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name or hashlib.sha1(data).hexdigest()[:16]), 'wb') as f:
        f.write(data)


def c_strings(src, name):
    """The C string constant @name of @src, concatenated, ' -> "."""
    m = re.search(r'static const char %s\[\] =\s*((?:"(?:[^"\\]|\\.)*"\s*)+);' % name, src)
    s = ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))
    return s.replace("'", '"').encode()


def cli_seeds():
    src = open(os.path.join(TOP, 'selftests/unit/test_cli.c')).read()
    seen = set()
    for obj, line in re.findall(r'ok\(parse\(&cli_(\w+), "([^"]*)"', src):
        verb = line.split(' ')[0] if line else ''
        if (obj, verb) in seen:
            continue
        seen.add((obj, verb))
        write('fuzz_cli_args', b'\0'.join(w.encode() for w in [obj] + line.split()))
    write('fuzz_cli_args', b'-j\0-s\0port\0show\0sw0')
    # Devices that exist on any host, for the paths behind if_nametoindex().
    for line in ('vxlan add sw0 vni 20 vlan 0 local 2001:db8::1 group ff05::100 dev lo',
                 'team set sw0 policy failover active lo standby none failback off'):
        write('fuzz_cli_args', b'\0'.join(w.encode() for w in line.split()))


def config_seeds():
    src = open(os.path.join(TOP, 'selftests/unit/test_config.c')).read()
    for name in ('full', 'before', 'after', 'vxlan_file', 'team_file'):
        write('fuzz_config', c_strings(src, name))
    write('fuzz_config', b'{"version":1,"switches":[{"name":"sw0","uplinks":["lo"],'
          b'"ports":[],"team":{"policy":"lacp","active":["lo"],"lacp_rate":"slow"},'
          b'"vxlan":[{"vni":20,"vlan":0,"local":"192.0.2.1","group":"239.1.1.1","dev":"lo"}]}]}')
    # Regression: cfg_sort() of empty arrays (qsort() of NULL).
    write('fuzz_config', b'{"version":1,"switches":[{"name":"sw0","ports":[]}]}',
          'switch-without-arrays', 'regressions')
    host = b'{"version":1,"switches":[{"name":"sw0","uplinks":["enp3s0"],"ports":[]}]}'
    write('fuzz_config', c_strings(src, 'shared') + b'\0' + host)


# ---- netlink ------------------------------------------------------------

def enum(src, name):
    body = re.search(r'enum %s \{(.*?)\};' % name, src, re.S).group(1)
    body = re.sub(r'/\*.*?\*/', '', body, flags=re.S)
    vals, n = {}, 0
    for item in body.split(','):
        item = item.strip()
        if not item:
            continue
        if '=' in item:
            item, v = (x.strip() for x in item.split('='))
            n = int(v, 0)
        vals[item] = n
        n += 1
    return vals


UAPI = open(os.path.join(TOP, 'include/uapi/linux/vsw.h')).read()
CMD = enum(UAPI, 'vsw_cmd')
A = enum(UAPI, 'vsw_attr')
ST = enum(UAPI, 'vsw_stats_attr')
UP = enum(UAPI, 'vsw_team_uplink_attr')
SH = enum(UAPI, 'vsw_shaping_attr')
FAMILY = 0x1d           # fake_kernel.h's FK_FAMILY
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLM_F_MULTI, NLM_F_CAPPED, NLM_F_ACK_TLVS = 2, 0x100, 0x200


def attr(t, payload):
    hdr = struct.pack('<HH', 4 + len(payload), t)
    return hdr + payload + b'\0' * (-len(payload) % 4)


def u8(t, v): return attr(t, struct.pack('<B', v))
def u16(t, v): return attr(t, struct.pack('<H', v))
def u32(t, v): return attr(t, struct.pack('<I', v))
def u64(t, v): return attr(t, struct.pack('<Q', v))
def s(t, v): return attr(t, v.encode() + b'\0')
def nest(t, *attrs): return attr(t, b''.join(attrs))
def mac(t, last): return attr(t, bytes([2, 0, 0, 0, 0, last]))


def msg(cmd, *attrs, flags=NLM_F_MULTI, typ=FAMILY):
    payload = struct.pack('<BBH', CMD[cmd] if isinstance(cmd, str) else cmd, 1, 0) + b''.join(attrs)
    return struct.pack('<IHHII', 16 + len(payload), typ, flags, 0, 0) + payload


def done():
    return struct.pack('<IHHIIi', 20, NLMSG_DONE, NLM_F_MULTI, 0, 0, 0)


def ack(err=0, text=None):
    body = struct.pack('<i', err) + struct.pack('<IHHII', 20, FAMILY, 5, 0, 0)
    flags = NLM_F_CAPPED
    if text:
        body += attr(1, text.encode() + b'\0')
        flags |= NLM_F_ACK_TLVS
    return struct.pack('<IHHII', 16 + len(body), NLMSG_ERROR, flags, 0, 0) + body


def script(*replies):
    """Each reply: a list of datagrams, the last ending it."""
    out = b''
    for dgrams in replies:
        for i, d in enumerate(dgrams):
            more = 0x8000 if i < len(dgrams) - 1 else 0
            out += struct.pack('<H', len(d) | more) + d
    return out


SW = (u32(A['VSW_A_IFINDEX'], 5), s(A['VSW_A_IFNAME'], 'sw0'))


def switch():
    return msg('VSW_CMD_SWITCH_NEW', *SW, u32(A['VSW_A_AGEING'], 300),
               u32(A['VSW_A_FDB_MAX'], 100), u32(A['VSW_A_FDB_COUNT'], 2),
               nest(A['VSW_A_PORTS'], s(A['VSW_A_PORT_IFNAME'], 'vnet0'),
                    s(A['VSW_A_PORT_IFNAME'], 'eth1')))


def port(name, kind, stats=True):
    a = [*SW, u32(A['VSW_A_PORT_IFINDEX'], 9), s(A['VSW_A_PORT_IFNAME'], name),
         u8(A['VSW_A_PORT_KIND'], kind), u32(A['VSW_A_PORT_ID'], 3),
         s(A['VSW_A_PORTGROUP'], 'web'), mac(A['VSW_A_MAC'], 9),
         mac(A['VSW_A_PORT_MAC'], 10), attr(A['VSW_A_PORT_MAC_ADMIN'], b''),
         u32(A['VSW_A_PORT_FDB_MAX'], 8), u32(A['VSW_A_PORT_FDB_COUNT'], 1)]
    if stats:
        a.append(nest(A['VSW_A_PORT_STATS'], u64(ST['VSW_STATS_A_RX_PACKETS'], 10),
                      u64(ST['VSW_STATS_A_TX_BYTES'], 1000),
                      nest(ST['VSW_STATS_A_DROPS'], u64(1, 4), u64(7, 2)),
                      u64(ST['VSW_STATS_A_FDB_MOVES'], 1)))
    return msg('VSW_CMD_PORT_NEW', *a)


def pg(name, trunk=False):
    a = [*SW, s(A['VSW_A_PORTGROUP'], name)]
    if trunk:
        bm = bytearray(512)
        for v in (10, 20, 21, 22):
            bm[v // 8] |= 1 << (v % 8)
        a += [attr(A['VSW_A_PG_TRUNK'], bytes(bm)), u16(A['VSW_A_PG_NATIVE'], 20)]
    else:
        a.append(u16(A['VSW_A_PG_VLAN'], 10))
    a += [u8(A['VSW_A_PG_PROMISC'], 1), u8(A['VSW_A_PG_MAC_CHANGE'], 0),
          u8(A['VSW_A_PG_FORGED_TRANSMITS'], 0),
          nest(A['VSW_A_PG_SHAPING'], u32(SH['VSW_SHAPING_A_AVG_KBIT'], 100),
               u32(SH['VSW_SHAPING_A_PEAK_KBIT'], 200), u32(SH['VSW_SHAPING_A_BURST_KB'], 10)),
          nest(A['VSW_A_PORTS'], s(A['VSW_A_PORT_IFNAME'], 'vnet0'))]
    return msg('VSW_CMD_PORTGROUP_NEW', *a)


def fdb(last, remote=False):
    a = [*SW, mac(A['VSW_A_MAC'], last), u16(A['VSW_A_VLAN'], 10),
         u32(A['VSW_A_FDB_FLAGS'], 1), u32(A['VSW_A_FDB_AGE'], 7)]
    if remote:
        a += [attr(A['VSW_A_VXLAN_REMOTE'], bytes([192, 0, 2, 2])), u32(A['VSW_A_VXLAN_VNI'], 10)]
    else:
        a += [u32(A['VSW_A_PORT_IFINDEX'], 9), s(A['VSW_A_PORT_IFNAME'], 'vnet0')]
    return msg('VSW_CMD_FDB_NEW', *a)


def team():
    def uplink(idx, name, state):
        return nest(A['VSW_A_TEAM_UPLINK'], u32(UP['VSW_TEAM_UPLINK_A_IFINDEX'], idx),
                    s(UP['VSW_TEAM_UPLINK_A_IFNAME'], name),
                    u8(UP['VSW_TEAM_UPLINK_A_STATE'], state), u8(UP['VSW_TEAM_UPLINK_A_LINK'], 1),
                    u8(UP['VSW_TEAM_UPLINK_A_BEACON'], 1),
                    u8(UP['VSW_TEAM_UPLINK_A_LACP_ACTOR_STATE'], 0x3d),
                    u8(UP['VSW_TEAM_UPLINK_A_LACP_PARTNER_STATE'], 0x3f),
                    mac(UP['VSW_TEAM_UPLINK_A_LACP_PARTNER_SYSTEM'], 0x20),
                    u16(UP['VSW_TEAM_UPLINK_A_LACP_PARTNER_KEY'], 9))
    return msg('VSW_CMD_TEAM_SET', *SW, u8(A['VSW_A_TEAM_POLICY'], 4),
               u8(A['VSW_A_TEAM_DETECT'], 0), u8(A['VSW_A_TEAM_DETECT_USED'], 0),
               u8(A['VSW_A_TEAM_FAILBACK'], 1), u8(A['VSW_A_TEAM_NOTIFY'], 1),
               u8(A['VSW_A_TEAM_LACP_RATE'], 1), mac(A['VSW_A_TEAM_LACP_SYSTEM'], 0x30),
               u16(A['VSW_A_TEAM_LACP_KEY'], 5),
               nest(A['VSW_A_TEAM_ACTIVE'], u32(A['VSW_A_PORT_IFINDEX'], 11)),
               nest(A['VSW_A_TEAM_STANDBY'], u32(A['VSW_A_PORT_IFINDEX'], 12)),
               nest(A['VSW_A_TEAM_UPLINKS'], uplink(11, 'eth1', 0), uplink(12, 'eth2', 1)))


def vxlan(v6=False, remotes=True):
    if v6:
        local = bytes.fromhex('20010db8000000000000000000000001')
        rem = [bytes.fromhex('20010db8000000000000000000000002')] if remotes else []
        grp = [attr(A['VSW_A_VXLAN_GROUP'], bytes.fromhex('ff050000000000000000000000000100')),
               u32(A['VSW_A_VXLAN_DEV'], 1)]
    else:
        local, rem, grp = bytes([192, 0, 2, 1]), [bytes([192, 0, 2, 2]), bytes([192, 0, 2, 3])], []
    return msg('VSW_CMD_VXLAN_NEW', *SW, u32(A['VSW_A_VXLAN_VNI'], 10), u16(A['VSW_A_VLAN'], 10),
               attr(A['VSW_A_VXLAN_LOCAL'], local),
               nest(A['VSW_A_VXLAN_REMOTES'], *(attr(A['VSW_A_VXLAN_REMOTE'], r) for r in rem)),
               *grp, u16(A['VSW_A_VXLAN_DSTPORT'], 4789), u8(A['VSW_A_VXLAN_TTL'], 64),
               u8(A['VSW_A_VXLAN_LEARNING'], 1),
               nest(A['VSW_A_PORT_STATS'], u64(ST['VSW_STATS_A_RX_PACKETS'], 5)),
               nest(A['VSW_A_VXLAN_SOCK_DROPS'], u64(3, 1)))


def family():
    grp = attr(1, attr(2, struct.pack('<I', 7)) + attr(1, b'events\0'))
    return msg(3, attr(1, struct.pack('<H', FAMILY)), attr(2, b'vsw\0'), attr(7, grp),
               flags=0, typ=0x10)


COMMANDS = re.findall(r'^\t"([^"]*)",$', open(os.path.join(HERE, 'fuzz_lib_reply.c')).read(), re.M)


def lib(cmd, out, *replies, regression=None):
    write('fuzz_lib_reply', bytes([COMMANDS.index(cmd), out]) + script(*replies),
          regression, 'regressions' if regression else 'seeds')


def lib_seeds():
    dump = lambda *m: [b''.join(m) + done()]
    lib('switch show', 0, dump(switch(), switch()))
    lib('switch show sw0', 1, [switch() + ack()])
    lib('switch list', 0, [switch(), done()])
    lib('port show', 4, dump(port('vnet0', 0), port('eth1', 1), port('sw0', 2)))
    lib('port show sw0', 5, dump(port('vx', 3)))
    lib('portgroup show sw0', 0, dump(pg('web'), pg('tr', True)))
    lib('portgroup show sw0 web', 1, [pg('web') + ack()])
    lib('team show', 0, dump(team()))
    lib('team show sw0', 3, [team() + ack()])
    lib('vxlan show sw0', 4, dump(vxlan(), vxlan(True)))
    lib('vxlan show sw0 vni 10', 5, [vxlan() + ack()])
    lib('fdb show sw0', 0, dump(fdb(1), fdb(2, True)))
    lib('stats sw0', 1, dump(port('vnet0', 0)))
    lib('monitor', 0, [switch()], [port('vnet0', 0)], [fdb(1)], [pg('tr', True)],
        [team()], [vxlan(True)])
    state = ([switch() + done()], dump(pg('web'), pg('tr', True)),
             dump(port('vnet0', 0, False), port('eth1', 1, False), port('sw0', 2, False)),
             dump(fdb(1)), [team() + ack()], dump(vxlan()))
    lib('save', 2, *state)
    lib('@apply', 0, *state, [ack()], [ack()], [ack(-22, 'vsw: refused')], [ack()], [ack()])
    lib('@apply --dry-run', 0, *state)
    lib('@family', 0, [family() + ack()])
    # Regressions: inputs that found bugs, as clean as the seeds.
    lib('save', 0, [switch() + done()], [done()], [done()], [done()], [ack()],
        dump(vxlan(True, remotes=False)), regression='save-vni-without-remotes')
    lib('@apply', 0, *state, [ack(-2**31)], regression='apply-error-code-int-min')
    for length, name in ((0xfffffff0, 'nlmsg-len-beyond-int-max'),
                         (0xfffffffd, 'nlmsg-len-aligned-to-zero')):
        m = bytearray(switch())
        m[0:4] = struct.pack('<I', length)
        lib('switch show', 0, [bytes(m) + done()], regression=name)
    lib('switch add sw0 ageing 30', 0, [ack(-17, 'vsw: switch exists')])
    lib('fdb flush sw0', 0, [ack()])


def main():
    cli_seeds()
    config_seeds()
    lib_seeds()
    return 0


if __name__ == '__main__':
    sys.exit(main())
