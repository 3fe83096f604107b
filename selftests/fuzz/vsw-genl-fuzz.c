// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vsw-genl-fuzz: a Generic Netlink fuzzer for the "vsw" family, on libmnl.
 *
 * It resolves the family through nlctrl, then sends N requests made by a
 * seeded PRNG: every command (and numbers outside 1..VSW_CMD_MAX) with
 * random attributes, truncated and lying headers and attributes, nests
 * with garbage and deep contents, edge values of every typed attribute,
 * and mutations of valid requests built from templates. Replies are read
 * without ever blocking: every reply is checked for being well-formed,
 * acks and errors are counted by errno. See README in this directory.
 *
 * Exit status: 0 fine; 1 a malformed reply, or (-u) a change the kernel
 * accepted or refused with something else than EPERM; 2 usage or setup.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <net/if.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/vsw.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK		270
#endif
#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK		11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK		10
#endif

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

#define MAX_ATTRS		24
#define PAYLOAD_MAX		4096	/* one attribute's payload */
#define MSG_MAX			16384	/* one request */
#define BATCH_BYTES		65536	/* one sendmsg */
#define RECV_BUF		(1 << 20)
#define SOCK_BUF		(16 << 20)
#define MAX_POOL		16
#define SEQ_RING		65536
#define ERRNO_MAX		4096

/* ---- PRNG: splitmix64, so a seed is reproducible everywhere --------- */

static uint64_t rng_state;

static uint64_t rnd64(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* 0..n-1 */
static uint32_t rnd(uint32_t n)
{
	return n ? (uint32_t)(rnd64() % n) : 0;
}

/* true with probability pct% */
static bool chance(unsigned int pct)
{
	return rnd(100) < pct;
}

static void rnd_bytes(uint8_t *p, size_t len)
{
	while (len--)
		*p++ = (uint8_t)rnd64();
}

/* ---- the environment the templates refer to ------------------------- */

struct pool {
	const char *name[MAX_POOL];
	unsigned int n;
};

static struct pool switches, devs, pgroups;
static uint32_t vnis[MAX_POOL];
static unsigned int nvnis;
static struct {
	int family;
	uint8_t addr[16];
} locals[MAX_POOL];
static unsigned int nlocals;

/*
 * if_nametoindex() opens a socket per call: names resolve through a cache
 * that is refreshed every few hundred requests (switches come and go).
 */
static struct {
	const char *name;
	unsigned int idx;
} ifcache[3 * MAX_POOL + 2];
static unsigned int nifcache;

static uint32_t ifindex(const char *name)
{
	unsigned int i;

	for (i = 0; i < nifcache; i++)
		if (!strcmp(ifcache[i].name, name))
			return ifcache[i].idx;
	if (nifcache < ARRAY_SIZE(ifcache)) {
		ifcache[nifcache].name = name;
		ifcache[nifcache].idx = if_nametoindex(name);
		return ifcache[nifcache++].idx;
	}
	return if_nametoindex(name);
}

static void ifcache_refresh(void)
{
	unsigned int i;

	for (i = 0; i < nifcache; i++)
		ifcache[i].idx = if_nametoindex(ifcache[i].name);
}

static const char *pick(const struct pool *p, const char *dflt)
{
	return p->n ? p->name[rnd(p->n)] : dflt;
}

static void pool_add(struct pool *p, const char *name)
{
	if (p->n < MAX_POOL)
		p->name[p->n++] = name;
}

/* ---- a request as a list of attributes, then bytes ------------------ */

struct fattr {
	uint16_t type;		/* with NLA_F_* bits when a mutation wants */
	uint16_t len;		/* payload length */
	uint8_t data[PAYLOAD_MAX];
};

struct fmsg {
	uint16_t flags;
	uint8_t cmd;
	uint8_t version;
	unsigned int nattr;
	struct fattr a[MAX_ATTRS];
};

static struct fmsg cur;

static struct fattr *add_attr(struct fmsg *m, uint16_t type, const void *data,
			      size_t len)
{
	struct fattr *a;

	if (m->nattr >= MAX_ATTRS)
		return NULL;
	if (len > PAYLOAD_MAX)
		len = PAYLOAD_MAX;
	a = &m->a[m->nattr++];
	a->type = type;
	a->len = (uint16_t)len;
	if (data)
		memcpy(a->data, data, len);
	else
		rnd_bytes(a->data, len);
	return a;
}

static void add_u8(struct fmsg *m, uint16_t t, uint8_t v)
{
	add_attr(m, t, &v, 1);
}

static void add_u16(struct fmsg *m, uint16_t t, uint16_t v)
{
	add_attr(m, t, &v, 2);
}

static void add_u32(struct fmsg *m, uint16_t t, uint32_t v)
{
	add_attr(m, t, &v, 4);
}

static void add_str(struct fmsg *m, uint16_t t, const char *s)
{
	add_attr(m, t, s, strlen(s) + 1);
}

/* Serialise attributes (not a message) into @buf; returns the length. */
static size_t put_attrs(uint8_t *buf, size_t room, const struct fattr *a,
			unsigned int n)
{
	size_t off = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		size_t alen = MNL_ATTR_HDRLEN + a[i].len;
		struct nlattr *nla = (struct nlattr *)(buf + off);

		if (off + MNL_ALIGN(alen) > room)
			break;
		nla->nla_len = (uint16_t)alen;
		nla->nla_type = a[i].type;
		memcpy(buf + off + MNL_ATTR_HDRLEN, a[i].data, a[i].len);
		memset(buf + off + alen, 0, MNL_ALIGN(alen) - alen);
		off += MNL_ALIGN(alen);
	}
	return off;
}

/* A nest built of sub-attributes. */
struct nest {
	unsigned int n;
	struct fattr a[8];
};

static void nest_put(struct nest *s, uint16_t type, const void *data, size_t len)
{
	struct fattr *a;

	if (s->n >= ARRAY_SIZE(s->a))
		return;
	if (len > 512)
		len = 512;
	a = &s->a[s->n++];
	a->type = type;
	a->len = (uint16_t)len;
	if (data)
		memcpy(a->data, data, len);
	else
		rnd_bytes(a->data, len);
}

static void add_nest(struct fmsg *m, uint16_t type, const struct nest *s)
{
	static uint8_t buf[PAYLOAD_MAX];
	size_t len = put_attrs(buf, sizeof(buf), s->a, s->n);

	add_attr(m, type | (chance(90) ? NLA_F_NESTED : 0), buf, len);
}

/* ---- value generators ------------------------------------------------ */

static const uint32_t u32_edges[] = {
	0, 1, 2, 127, 128, 255, 256, 4094, 4095, 4096, 65535, 65536,
	16777215, 16777216, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
	VSW_AGEING_MAX, VSW_AGEING_MAX + 1, VSW_SHAPING_BURST_MAX,
	VSW_SHAPING_BURST_MAX + 1,
};

static uint32_t edge32(void)
{
	return chance(80) ? u32_edges[rnd(ARRAY_SIZE(u32_edges))] : (uint32_t)rnd64();
}

static uint16_t edge16(void)
{
	static const uint16_t e[] = { 0, 1, 10, 100, 4094, 4095, 4096, 32767,
				      32768, 65534, 65535 };

	return chance(80) ? e[rnd(ARRAY_SIZE(e))] : (uint16_t)rnd64();
}

static uint8_t edge8(void)
{
	static const uint8_t e[] = { 0, 1, 2, 3, 4, 5, 127, 128, 254, 255 };

	return chance(80) ? e[rnd(ARRAY_SIZE(e))] : (uint8_t)rnd64();
}

static uint16_t good_vlan(void)
{
	static const uint16_t v[] = { 0, 1, 10, 20, 100, 4094 };

	return chance(70) ? v[rnd(ARRAY_SIZE(v))] : (uint16_t)rnd(4095);
}

static uint32_t good_vni(void)
{
	if (nvnis && chance(60))
		return vnis[rnd(nvnis)];
	return chance(70) ? 100 + rnd(8) : 1 + rnd(VSW_VXLAN_VNI_MAX);
}

/* A documentation MAC (RFC 7042), sometimes an odd one. */
static void good_mac(uint8_t *mac)
{
	static const uint8_t doc[] = { 0x00, 0x00, 0x5e, 0x00, 0x53 };

	memcpy(mac, doc, 5);
	mac[5] = (uint8_t)rnd(32);
}

static void edge_mac(uint8_t *mac)
{
	switch (rnd(5)) {
	case 0:
		memset(mac, 0, 6);
		break;
	case 1:
		memset(mac, 0xff, 6);
		break;
	case 2:			/* multicast */
		rnd_bytes(mac, 6);
		mac[0] |= 1;
		break;
	case 3:			/* a link-local group */
		memcpy(mac, "\x01\x80\xc2\x00\x00", 5);
		mac[5] = (uint8_t)rnd(16);
		break;
	default:
		rnd_bytes(mac, 6);
	}
}

/* A string edge: no NUL, too long, empty, odd characters. */
static size_t edge_str(uint8_t *buf, size_t room)
{
	size_t len;

	switch (rnd(8)) {
	case 0:			/* empty: just the NUL */
		buf[0] = 0;
		return 1;
	case 1:			/* zero length */
		return 0;
	case 2:			/* without NUL */
		len = 1 + rnd(IFNAMSIZ);
		memset(buf, 'a' + rnd(26), len);
		return len;
	case 3:			/* IFNAMSIZ - 1, IFNAMSIZ, IFNAMSIZ + 1 with NUL */
		len = IFNAMSIZ - 1 + rnd(3);
		memset(buf, 'x', len - 1);
		buf[len - 1] = 0;
		return len;
	case 4:			/* around the port group name limit */
		len = VSW_PORTGROUP_NAMSIZ - 1 + rnd(3);
		memset(buf, 'g', len - 1);
		buf[len - 1] = 0;
		return len;
	case 5:			/* odd characters */
	{
		static const char *odd[] = { "a b", "a/b", ".", "..", "a:b",
					     "\t", "sw0\n", "%d", "default\x01",
					     "\xff\xfe", "lo", "sw0 " };
		const char *s = odd[rnd(ARRAY_SIZE(odd))];

		len = strlen(s) + 1;
		memcpy(buf, s, len);
		return len;
	}
	case 6:			/* NUL in the middle, then junk */
		len = 4 + rnd(20);
		rnd_bytes(buf, len);
		buf[rnd(len)] = 0;
		return len;
	default:		/* long, far over any limit */
		len = 64 + rnd((unsigned int)(room < 600 ? room - 64 : 600));
		memset(buf, 'z', len);
		buf[len - 1] = chance(50) ? 0 : 'z';
		return len;
	}
}

/* An address of 0/3/4/5/15/16/17 bytes, sometimes a good one. */
static size_t edge_addr(uint8_t *buf)
{
	static const size_t lens[] = { 0, 1, 3, 4, 5, 8, 15, 16, 17, 20, 32 };
	size_t len = lens[rnd(ARRAY_SIZE(lens))];

	switch (rnd(4)) {
	case 0:
		memset(buf, 0, len);
		break;
	case 1:
		memset(buf, 0xff, len);
		break;
	case 2:			/* multicast-looking */
		rnd_bytes(buf, len);
		if (len)
			buf[0] = len == 16 ? 0xff : 224 + (uint8_t)rnd(16);
		break;
	default:
		rnd_bytes(buf, len);
	}
	return len;
}

/* A good-looking address of @family: from the doc ranges. */
static size_t good_addr(int family, uint8_t *buf, bool group)
{
	if (family == AF_INET6) {
		memset(buf, 0, 16);
		if (group) {
			buf[0] = 0xff;
			buf[1] = 0x05;
		} else {
			buf[0] = 0x20;
			buf[1] = 0x01;
			buf[2] = 0x0d;
			buf[3] = 0xb8;
		}
		buf[15] = (uint8_t)(1 + rnd(8));
		return 16;
	}
	if (group) {
		buf[0] = 239;
		buf[1] = 1;
		buf[2] = 1;
	} else {
		buf[0] = 198;
		buf[1] = 51;
		buf[2] = 100;
	}
	buf[3] = (uint8_t)(1 + rnd(8));
	return 4;
}

/* ---- attribute kinds: what an attribute type carries ----------------- */

enum kind { K_NONE, K_U8, K_U16, K_U32, K_STR, K_MAC, K_ADDR, K_BITMAP,
	    K_NEST, K_FLAG };

static enum kind attr_kind(unsigned int t)
{
	switch (t) {
	case VSW_A_IFINDEX: case VSW_A_AGEING: case VSW_A_FDB_MAX:
	case VSW_A_FDB_COUNT: case VSW_A_PORT_IFINDEX: case VSW_A_PORT_ID:
	case VSW_A_FDB_FLAGS: case VSW_A_FDB_AGE: case VSW_A_PORT_FDB_MAX:
	case VSW_A_PORT_FDB_COUNT: case VSW_A_VXLAN_VNI: case VSW_A_VXLAN_DEV:
		return K_U32;
	case VSW_A_VLAN: case VSW_A_PG_VLAN: case VSW_A_PG_NATIVE:
	case VSW_A_TEAM_LACP_KEY: case VSW_A_VXLAN_DSTPORT:
		return K_U16;
	case VSW_A_PORT_KIND: case VSW_A_PG_PROMISC: case VSW_A_PG_MAC_CHANGE:
	case VSW_A_PG_FORGED_TRANSMITS: case VSW_A_TEAM_POLICY:
	case VSW_A_TEAM_DETECT: case VSW_A_TEAM_DETECT_USED:
	case VSW_A_TEAM_FAILBACK: case VSW_A_TEAM_NOTIFY:
	case VSW_A_TEAM_LACP_RATE: case VSW_A_VXLAN_TTL:
	case VSW_A_VXLAN_LEARNING:
		return K_U8;
	case VSW_A_IFNAME: case VSW_A_PORT_IFNAME: case VSW_A_PORTGROUP:
		return K_STR;
	case VSW_A_MAC: case VSW_A_PORT_MAC: case VSW_A_TEAM_LACP_SYSTEM:
		return K_MAC;
	case VSW_A_VXLAN_LOCAL: case VSW_A_VXLAN_REMOTE: case VSW_A_VXLAN_GROUP:
		return K_ADDR;
	case VSW_A_PG_TRUNK:
		return K_BITMAP;
	case VSW_A_PORTS: case VSW_A_PORT_STATS: case VSW_A_PG_SHAPING:
	case VSW_A_TEAM_ACTIVE: case VSW_A_TEAM_STANDBY: case VSW_A_TEAM_UPLINKS:
	case VSW_A_TEAM_UPLINK: case VSW_A_VXLAN_REMOTES:
	case VSW_A_VXLAN_SOCK_DROPS:
		return K_NEST;
	case VSW_A_PORT_MAC_ADMIN:
		return K_FLAG;
	default:
		return K_NONE;
	}
}

static void add_trunk(struct fmsg *m, bool good);
static void add_garbage_nest(struct fmsg *m, uint16_t type, unsigned int depth);

/* Attribute @t with an edge value of its kind (or a wrong length). */
static void add_edge(struct fmsg *m, uint16_t t)
{
	static uint8_t buf[PAYLOAD_MAX];
	size_t len;

	if (chance(10)) {		/* the right type, a wrong length */
		static const size_t lens[] = { 0, 1, 2, 3, 5, 7, 8, 16 };

		add_attr(m, t, NULL, lens[rnd(ARRAY_SIZE(lens))]);
		return;
	}
	switch (attr_kind(t)) {
	case K_U8:
		add_u8(m, t, edge8());
		break;
	case K_U16:
		add_u16(m, t, edge16());
		break;
	case K_U32:
		add_u32(m, t, edge32());
		break;
	case K_STR:
		len = edge_str(buf, sizeof(buf));
		add_attr(m, t, buf, len);
		break;
	case K_MAC:
		edge_mac(buf);
		add_attr(m, t, buf, chance(85) ? 6 : rnd(12));
		break;
	case K_ADDR:
		len = edge_addr(buf);
		add_attr(m, t, buf, len);
		break;
	case K_BITMAP:
		add_trunk(m, false);
		break;
	case K_NEST:
		add_garbage_nest(m, t, 0);
		break;
	case K_FLAG:
		add_attr(m, t, NULL, rnd(2) * 4);
		break;
	default:
		add_attr(m, t, NULL, rnd(9));
	}
}

static void add_trunk(struct fmsg *m, bool good)
{
	uint8_t map[VSW_VLAN_BITMAP_LEN + 8];
	size_t len = VSW_VLAN_BITMAP_LEN;
	unsigned int i, n;

	memset(map, 0, sizeof(map));
	switch (good ? 0 : rnd(6)) {
	case 0:			/* a few VLANs of 1..4094 */
		for (n = 1 + rnd(8), i = 0; i < n; i++) {
			unsigned int v = 1 + rnd(VSW_VLAN_MAX);

			map[v / 8] |= (uint8_t)(1 << (v % 8));
		}
		break;
	case 1:			/* VLAN 0 and 4095: not allowed */
		map[0] = 1;
		map[511] = 0x80;
		break;
	case 2:			/* everything */
		memset(map, 0xff, sizeof(map));
		break;
	case 3:			/* empty */
		break;
	case 4:			/* a wrong length */
		rnd_bytes(map, sizeof(map));
		len = chance(50) ? VSW_VLAN_BITMAP_LEN - 1 - rnd(8) :
				   VSW_VLAN_BITMAP_LEN + 1 + rnd(7);
		break;
	default:
		rnd_bytes(map, sizeof(map));
	}
	add_attr(m, VSW_A_PG_TRUNK, map, len);
}

/* A nest of random, garbage or deeply nested contents. */
static size_t garbage_nest(uint8_t *buf, size_t room, unsigned int depth)
{
	struct fattr *a = malloc(sizeof(*a) * 6);
	unsigned int i, n = rnd(7), deeper = 0;
	size_t len;

	if (!a)
		return 0;
	for (i = 0; i < n; i++) {
		a[i].type = (uint16_t)rnd(VSW_A_MAX + 6);
		if (chance(20))
			a[i].type |= NLA_F_NESTED;
		/*
		 * Deeper: a few branches near the top, a single chain below
		 * (down to 12 levels), so the tree stays small.
		 */
		if (depth < 12 && deeper < (depth < 2 ? 2u : 1u) &&
		    chance(depth < 3 ? 40 : 80)) {
			deeper++;
			/* deeper */
			a[i].type |= NLA_F_NESTED;
			a[i].len = (uint16_t)garbage_nest(a[i].data, 256, depth + 1);
			continue;
		}
		switch (rnd(5)) {
		case 0:
			a[i].len = 4;
			memcpy(a[i].data, &(uint32_t){ edge32() }, 4);
			break;
		case 1:
			a[i].len = 16;
			rnd_bytes(a[i].data, 16);
			break;
		case 2:
			a[i].len = (uint16_t)edge_str(a[i].data, 256);
			break;
		case 3:
			a[i].len = 0;
			break;
		default:
			a[i].len = (uint16_t)rnd(64);
			rnd_bytes(a[i].data, a[i].len);
		}
	}
	len = put_attrs(buf, room, a, n);
	free(a);
	/* Raw junk that is not attributes at all, or a lying inner length. */
	if (chance(15) && len + 8 <= room) {
		uint16_t junk = (uint16_t)rnd(8);

		rnd_bytes(buf + len, junk);
		len += junk;
	}
	if (chance(15) && len >= 4)
		((struct nlattr *)buf)->nla_len = (uint16_t)(rnd(2) ? rnd(4) :
							      len + 1 + rnd(64));
	return len;
}

static void add_garbage_nest(struct fmsg *m, uint16_t type, unsigned int depth)
{
	static uint8_t buf[PAYLOAD_MAX];
	size_t len = garbage_nest(buf, 1024, depth);

	add_attr(m, type | (chance(85) ? NLA_F_NESTED : 0), buf, len);
}

/* ---- references to the objects of the test's netns -------------------- */

static void add_switch_ref(struct fmsg *m)
{
	const char *sw = pick(&switches, "sw0");
	/* drawn always, so that the stream does not depend on the netns */
	uint32_t any = 1 + rnd(64);

	if (chance(25))
		add_u32(m, VSW_A_IFINDEX, ifindex(sw) ?: any);
	else
		add_str(m, VSW_A_IFNAME, chance(95) ? sw : "nosuch0");
}

static void add_port_ref(struct fmsg *m)
{
	const char *dev = pick(&devs, "lo");
	uint32_t any = 1 + rnd(64);

	if (chance(10))
		dev = pick(&switches, "sw0");	/* the host port */
	if (chance(25))
		add_u32(m, VSW_A_PORT_IFINDEX, ifindex(dev) ?: any);
	else
		add_str(m, VSW_A_PORT_IFNAME, dev);
}

static void add_port_list(struct fmsg *m, uint16_t type)
{
	struct nest s = { 0 };
	unsigned int i, n = rnd(4);

	for (i = 0; i < n; i++) {
		const char *dev = pick(&devs, "lo");

		if (chance(30)) {
			uint32_t idx = ifindex(dev);

			nest_put(&s, VSW_A_PORT_IFINDEX, &idx, 4);
		} else {
			nest_put(&s, VSW_A_PORT_IFNAME, dev, strlen(dev) + 1);
		}
	}
	add_nest(m, type, &s);
}

static void add_shaping(struct fmsg *m)
{
	struct nest s = { 0 };
	uint32_t avg = 100 + rnd(100000), peak = avg + rnd(100000),
		 burst = 1 + rnd(1000);

	if (chance(80)) {
		nest_put(&s, VSW_SHAPING_A_AVG_KBIT, &avg, 4);
		nest_put(&s, VSW_SHAPING_A_PEAK_KBIT, &peak, 4);
		nest_put(&s, VSW_SHAPING_A_BURST_KB, &burst, 4);
	}
	add_nest(m, VSW_A_PG_SHAPING, &s);
}

/* ---- templates: valid requests -------------------------------------- */

enum tmpl {
	T_SWITCH_ADD, T_SWITCH_SET, T_SWITCH_DEL, T_SWITCH_GET,
	T_PORT_ADD, T_PORT_SET, T_PORT_DEL, T_PORT_GET,
	T_PG_ADD, T_PG_SET, T_PG_DEL, T_PG_GET,
	T_FDB_ADD, T_FDB_ADD_REMOTE, T_FDB_DEL, T_FDB_FLUSH, T_FDB_GET,
	T_TEAM_SET, T_TEAM_GET,
	T_VXLAN_ADD, T_VXLAN_DEL, T_VXLAN_GET,
	T_MAX
};

/*
 * Relative weights. Creating and deleting switches and attaching ports
 * costs an RCU grace period or a netdev registration each, which under
 * TCG is what a run's time goes to: those stay rare.
 */
static const unsigned int tmpl_weight[T_MAX] = {
	[T_SWITCH_ADD] = 1, [T_SWITCH_SET] = 6, [T_SWITCH_DEL] = 1,
	[T_SWITCH_GET] = 4,
	[T_PORT_ADD] = 4, [T_PORT_SET] = 6, [T_PORT_DEL] = 2, [T_PORT_GET] = 3,
	[T_PG_ADD] = 6, [T_PG_SET] = 8, [T_PG_DEL] = 3, [T_PG_GET] = 3,
	[T_FDB_ADD] = 8, [T_FDB_ADD_REMOTE] = 6, [T_FDB_DEL] = 6,
	[T_FDB_FLUSH] = 4, [T_FDB_GET] = 3,
	[T_TEAM_SET] = 6, [T_TEAM_GET] = 3,
	[T_VXLAN_ADD] = 5, [T_VXLAN_DEL] = 2, [T_VXLAN_GET] = 3,
};

static void msg_init(struct fmsg *m, uint8_t cmd)
{
	m->cmd = cmd;
	m->version = VSW_GENL_VERSION;
	m->flags = NLM_F_REQUEST | NLM_F_ACK;
	m->nattr = 0;
}

static void add_local(struct fmsg *m, int *family)
{
	uint8_t a[16];

	if (nlocals) {
		unsigned int i = rnd(nlocals);

		*family = locals[i].family;
		add_attr(m, VSW_A_VXLAN_LOCAL, locals[i].addr,
			 *family == AF_INET ? 4 : 16);
		return;
	}
	*family = AF_INET;
	add_attr(m, VSW_A_VXLAN_LOCAL, a, good_addr(AF_INET, a, false));
}

static void build_template(struct fmsg *m, enum tmpl t)
{
	static const char *const sw_new[] = { "sw0", "fz0", "fz1", "fz2" };
	uint8_t buf[32];
	int family;

	switch (t) {
	case T_SWITCH_ADD:
		msg_init(m, VSW_CMD_SWITCH_NEW);
		add_str(m, VSW_A_IFNAME, sw_new[rnd(ARRAY_SIZE(sw_new))]);
		if (chance(50))
			add_u32(m, VSW_A_AGEING, 1 + rnd(600));
		if (chance(50))
			add_u32(m, VSW_A_FDB_MAX, rnd(100));
		break;
	case T_SWITCH_SET:
		msg_init(m, VSW_CMD_SWITCH_SET);
		add_switch_ref(m);
		if (chance(60))
			add_u32(m, VSW_A_AGEING, 1 + rnd(600));
		if (chance(60))
			add_u32(m, VSW_A_FDB_MAX, rnd(100));
		break;
	case T_SWITCH_DEL:
		msg_init(m, VSW_CMD_SWITCH_DEL);
		/* sw0 carries the test's state: delete the fuzzer's own. */
		add_str(m, VSW_A_IFNAME, sw_new[1 + rnd(ARRAY_SIZE(sw_new) - 1)]);
		break;
	case T_SWITCH_GET:
		msg_init(m, VSW_CMD_SWITCH_GET);
		if (chance(50))
			m->flags |= NLM_F_DUMP;
		else
			add_switch_ref(m);
		break;
	case T_PORT_ADD:
		msg_init(m, VSW_CMD_PORT_NEW);
		add_switch_ref(m);
		add_port_ref(m);
		if (chance(30)) {
			add_u8(m, VSW_A_PORT_KIND, VSW_PORT_KIND_UPLINK);
		} else {
			if (chance(20))
				add_u8(m, VSW_A_PORT_KIND, VSW_PORT_KIND_PORT);
			if (chance(60))
				add_str(m, VSW_A_PORTGROUP, pick(&pgroups, "default"));
			if (chance(30)) {
				good_mac(buf);
				add_attr(m, VSW_A_PORT_MAC, buf, 6);
			}
			if (chance(30))
				add_u32(m, VSW_A_PORT_FDB_MAX, rnd(64));
		}
		break;
	case T_PORT_SET:
		msg_init(m, VSW_CMD_PORT_SET);
		add_port_ref(m);
		if (chance(60))
			add_str(m, VSW_A_PORTGROUP, pick(&pgroups, "default"));
		if (chance(40)) {
			good_mac(buf);
			if (chance(20))
				memset(buf, 0, 6);
			add_attr(m, VSW_A_PORT_MAC, buf, 6);
		}
		if (chance(30))
			add_u32(m, VSW_A_PORT_FDB_MAX, rnd(64));
		break;
	case T_PORT_DEL:
		msg_init(m, VSW_CMD_PORT_DEL);
		add_port_ref(m);
		if (chance(30))
			add_u8(m, VSW_A_PORT_KIND, (uint8_t)rnd(2));
		break;
	case T_PORT_GET:
		msg_init(m, VSW_CMD_PORT_GET);
		m->flags |= NLM_F_DUMP;
		if (chance(60))
			add_switch_ref(m);
		break;
	case T_PG_ADD:
	case T_PG_SET:
		msg_init(m, t == T_PG_ADD ? VSW_CMD_PORTGROUP_NEW :
					    VSW_CMD_PORTGROUP_SET);
		add_switch_ref(m);
		add_str(m, VSW_A_PORTGROUP, pick(&pgroups, "default"));
		switch (rnd(3)) {
		case 0:
			add_u16(m, VSW_A_PG_VLAN, chance(20) ? VSW_VLAN_TRUNK_ALL :
							       good_vlan());
			break;
		case 1:
			add_trunk(m, true);
			if (chance(50))
				add_u16(m, VSW_A_PG_NATIVE, good_vlan());
			break;
		}
		if (chance(40))
			add_u8(m, VSW_A_PG_PROMISC, (uint8_t)rnd(2));
		if (chance(40))
			add_u8(m, VSW_A_PG_MAC_CHANGE, (uint8_t)rnd(2));
		if (chance(40))
			add_u8(m, VSW_A_PG_FORGED_TRANSMITS, (uint8_t)rnd(2));
		if (chance(30))
			add_shaping(m);
		break;
	case T_PG_DEL:
		msg_init(m, VSW_CMD_PORTGROUP_DEL);
		add_switch_ref(m);
		add_str(m, VSW_A_PORTGROUP, pick(&pgroups, "default"));
		break;
	case T_PG_GET:
		msg_init(m, VSW_CMD_PORTGROUP_GET);
		add_switch_ref(m);
		if (chance(50))
			m->flags |= NLM_F_DUMP;
		else
			add_str(m, VSW_A_PORTGROUP, pick(&pgroups, "default"));
		break;
	case T_FDB_ADD:
		msg_init(m, VSW_CMD_FDB_NEW);
		add_switch_ref(m);
		good_mac(buf);
		add_attr(m, VSW_A_MAC, buf, 6);
		add_port_ref(m);
		if (chance(60))
			add_u16(m, VSW_A_VLAN, good_vlan());
		break;
	case T_FDB_ADD_REMOTE:
		msg_init(m, VSW_CMD_FDB_NEW);
		add_switch_ref(m);
		good_mac(buf);
		add_attr(m, VSW_A_MAC, buf, 6);
		family = nlocals ? locals[rnd(nlocals)].family : AF_INET;
		add_attr(m, VSW_A_VXLAN_REMOTE, buf + 8,
			 good_addr(family, buf + 8, false));
		add_u32(m, VSW_A_VXLAN_VNI, good_vni());
		if (chance(70))
			add_u16(m, VSW_A_VLAN, chance(70) ? 10 : good_vlan());
		break;
	case T_FDB_DEL:
		msg_init(m, VSW_CMD_FDB_DEL);
		add_switch_ref(m);
		good_mac(buf);
		add_attr(m, VSW_A_MAC, buf, 6);
		if (chance(60))
			add_u16(m, VSW_A_VLAN, good_vlan());
		break;
	case T_FDB_FLUSH:
		msg_init(m, VSW_CMD_FDB_FLUSH);
		add_switch_ref(m);
		if (chance(40))
			add_port_ref(m);
		if (chance(40))
			add_u16(m, VSW_A_VLAN, good_vlan());
		break;
	case T_FDB_GET:
		msg_init(m, VSW_CMD_FDB_GET);
		m->flags |= NLM_F_DUMP;
		add_switch_ref(m);
		if (chance(30))
			add_port_ref(m);
		if (chance(30))
			add_u16(m, VSW_A_VLAN, good_vlan());
		break;
	case T_TEAM_SET:
		msg_init(m, VSW_CMD_TEAM_SET);
		add_switch_ref(m);
		if (chance(70))
			add_u8(m, VSW_A_TEAM_POLICY, (uint8_t)rnd(VSW_TEAM_POLICY_MAX + 1));
		if (chance(40))
			add_port_list(m, VSW_A_TEAM_ACTIVE);
		if (chance(30))
			add_port_list(m, VSW_A_TEAM_STANDBY);
		if (chance(30))
			add_u8(m, VSW_A_TEAM_DETECT, (uint8_t)rnd(2));
		if (chance(30))
			add_u8(m, VSW_A_TEAM_FAILBACK, (uint8_t)rnd(2));
		if (chance(30))
			add_u8(m, VSW_A_TEAM_NOTIFY, (uint8_t)rnd(2));
		if (chance(30))
			add_u8(m, VSW_A_TEAM_LACP_RATE, (uint8_t)rnd(2));
		break;
	case T_TEAM_GET:
		msg_init(m, VSW_CMD_TEAM_GET);
		if (chance(50))
			m->flags |= NLM_F_DUMP;
		else
			add_switch_ref(m);
		break;
	case T_VXLAN_ADD:
		msg_init(m, VSW_CMD_VXLAN_NEW);
		add_switch_ref(m);
		add_u32(m, VSW_A_VXLAN_VNI, good_vni());
		add_u16(m, VSW_A_VLAN, chance(50) ? 10 + 10 * (uint16_t)rnd(3) :
						    good_vlan());
		add_local(m, &family);
		if (chance(50)) {
			struct nest s = { 0 };
			unsigned int i, n = rnd(5);

			for (i = 0; i < n; i++)
				nest_put(&s, VSW_A_VXLAN_REMOTE, buf,
					 good_addr(family, buf, false));
			add_nest(m, VSW_A_VXLAN_REMOTES, &s);
		} else if (chance(50)) {
			const char *dev = pick(&devs, "lo");

			add_attr(m, VSW_A_VXLAN_GROUP, buf, good_addr(family, buf, true));
			add_u32(m, VSW_A_VXLAN_DEV, ifindex(dev));
		}
		if (chance(30))
			add_u16(m, VSW_A_VXLAN_DSTPORT, chance(50) ? 4789 :
					(uint16_t)(1 + rnd(65535)));
		if (chance(30))
			add_u8(m, VSW_A_VXLAN_TTL, (uint8_t)(1 + rnd(255)));
		if (chance(30))
			add_u8(m, VSW_A_VXLAN_LEARNING, (uint8_t)rnd(2));
		break;
	case T_VXLAN_DEL:
		msg_init(m, VSW_CMD_VXLAN_DEL);
		add_switch_ref(m);
		/* The test's own VNI (the first) stays. */
		add_u32(m, VSW_A_VXLAN_VNI, 101 + rnd(7));
		break;
	case T_VXLAN_GET:
	default:
		msg_init(m, VSW_CMD_VXLAN_GET);
		add_switch_ref(m);
		if (chance(50))
			m->flags |= NLM_F_DUMP;
		else
			add_u32(m, VSW_A_VXLAN_VNI, good_vni());
		break;
	}
}

static enum tmpl pick_template(void)
{
	unsigned int i, sum = 0, r;

	for (i = 0; i < T_MAX; i++)
		sum += tmpl_weight[i];
	r = rnd(sum);
	for (i = 0; i < T_MAX; i++) {
		if (r < tmpl_weight[i])
			return (enum tmpl)i;
		r -= tmpl_weight[i];
	}
	return T_SWITCH_GET;
}

/* ---- generators ------------------------------------------------------ */

static uint8_t random_cmd(void)
{
	if (chance(90))
		return (uint8_t)(1 + rnd(VSW_CMD_MAX));
	if (chance(30))
		return 0;
	return (uint8_t)(VSW_CMD_MAX + 1 + rnd(256 - VSW_CMD_MAX - 1));
}

static uint16_t random_flags(uint16_t flags)
{
	if (chance(15))
		flags ^= NLM_F_DUMP;
	if (chance(15))
		flags ^= NLM_F_ACK;
	if (chance(5))
		flags ^= (uint16_t)(1u << (2 + rnd(10)));	/* ECHO, EXCL, ... */
	if (chance(1))
		flags &= (uint16_t)~NLM_F_REQUEST;
	return flags;
}

/* Random attributes of random types, lengths and payloads. */
static void gen_random(struct fmsg *m)
{
	static const size_t lens[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 15, 16,
				       17, 63, 64, 65, 511, 512, 513, 1024,
				       2000, 4000 };
	unsigned int i, n = rnd(9);

	msg_init(m, random_cmd());
	m->flags = random_flags(m->flags);
	if (chance(50))
		add_switch_ref(m);
	for (i = 0; i < n; i++) {
		uint16_t t = (uint16_t)rnd(VSW_A_MAX + 6);

		if (chance(5))
			t |= chance(50) ? NLA_F_NESTED : NLA_F_NET_BYTEORDER;
		add_attr(m, t, NULL, chance(70) ? lens[rnd(ARRAY_SIZE(lens))] :
						  rnd(PAYLOAD_MAX));
	}
}

/* Edge values of typed attributes on every command. */
static void gen_typed(struct fmsg *m)
{
	unsigned int i, n = 1 + rnd(3);

	if (chance(60))
		build_template(m, pick_template());
	else
		msg_init(m, random_cmd());
	for (i = 0; i < n; i++) {
		uint16_t t = (uint16_t)(1 + rnd(VSW_A_MAX));

		/* An edge value in place of one of the template's. */
		if (m->nattr && chance(60)) {
			unsigned int j = rnd(m->nattr), k = m->nattr;

			m->nattr = j;
			add_edge(m, m->a[j].type & NLA_TYPE_MASK);
			m->nattr = k;
			continue;
		}
		add_edge(m, t);
	}
	if (chance(10))
		m->flags = random_flags(m->flags);
}

/* Nests with garbage or deep contents, in the nests requests take. */
static void gen_nested(struct fmsg *m)
{
	static const struct { uint8_t cmd; uint16_t type; } nests[] = {
		{ VSW_CMD_PORTGROUP_NEW, VSW_A_PG_SHAPING },
		{ VSW_CMD_PORTGROUP_SET, VSW_A_PG_SHAPING },
		{ VSW_CMD_TEAM_SET, VSW_A_TEAM_ACTIVE },
		{ VSW_CMD_TEAM_SET, VSW_A_TEAM_STANDBY },
		{ VSW_CMD_VXLAN_NEW, VSW_A_VXLAN_REMOTES },
		{ VSW_CMD_SWITCH_NEW, VSW_A_PORTS },
		{ VSW_CMD_SWITCH_SET, VSW_A_PORTS },
		{ VSW_CMD_PORT_SET, VSW_A_PORT_STATS },
	};
	unsigned int i = rnd(ARRAY_SIZE(nests)), k, n;
	int family;

	msg_init(m, chance(85) ? nests[i].cmd : random_cmd());
	add_switch_ref(m);
	if (m->cmd == VSW_CMD_PORTGROUP_NEW || m->cmd == VSW_CMD_PORTGROUP_SET)
		add_str(m, VSW_A_PORTGROUP, pick(&pgroups, "default"));
	if (m->cmd == VSW_CMD_VXLAN_NEW) {
		add_u32(m, VSW_A_VXLAN_VNI, good_vni());
		add_u16(m, VSW_A_VLAN, 10);
		add_local(m, &family);
	}
	if (m->cmd == VSW_CMD_PORT_SET)
		add_port_ref(m);
	if (nests[i].type == VSW_A_VXLAN_REMOTES && chance(30)) {
		/* many remotes: up to and over VSW_VXLAN_REMOTES_MAX */
		static uint8_t buf[PAYLOAD_MAX];
		size_t off = 0;

		n = VSW_VXLAN_REMOTES_MAX - 2 + rnd(6);
		for (k = 0; k < n && off + 8 <= sizeof(buf); k++) {
			struct nlattr *a = (struct nlattr *)(buf + off);
			uint8_t addr[4] = { 198, 51, 100, (uint8_t)(chance(90) ? k : 7) };

			a->nla_len = 8;
			a->nla_type = VSW_A_VXLAN_REMOTE;
			memcpy(a + 1, addr, 4);
			off += 8;
		}
		add_attr(m, VSW_A_VXLAN_REMOTES | NLA_F_NESTED, buf, off);
		return;
	}
	if (nests[i].type == VSW_A_TEAM_ACTIVE && chance(30)) {
		add_port_list(m, VSW_A_TEAM_ACTIVE);
		add_port_list(m, VSW_A_TEAM_ACTIVE);	/* twice */
		return;
	}
	if (chance(30)) {
		/* typed sub-attributes with edge values */
		struct fmsg *sub = malloc(sizeof(*sub));
		static uint8_t buf[PAYLOAD_MAX];

		if (!sub)
			return;
		sub->nattr = 0;
		for (n = 1 + rnd(4), k = 0; k < n; k++)
			add_edge(sub, (uint16_t)rnd(VSW_A_MAX + 2));
		add_attr(m, nests[i].type | NLA_F_NESTED, buf,
			 put_attrs(buf, 2048, sub->a, sub->nattr));
		free(sub);
		return;
	}
	add_garbage_nest(m, nests[i].type, 0);
}

/* A valid request with list-level mutations. */
static void gen_mutated(struct fmsg *m, bool *byte_mutate)
{
	unsigned int i, n;

	build_template(m, pick_template());
	*byte_mutate = chance(60);
	n = rnd(3);
	for (i = 0; i < n && m->nattr; i++) {
		unsigned int j = rnd(m->nattr), k;
		struct fattr tmp;

		switch (rnd(6)) {
		case 0:		/* drop */
			memmove(&m->a[j], &m->a[j + 1],
				(m->nattr - j - 1) * sizeof(m->a[0]));
			m->nattr--;
			break;
		case 1:		/* duplicate */
			if (m->nattr < MAX_ATTRS)
				m->a[m->nattr++] = m->a[j];
			break;
		case 2:		/* reorder */
			k = rnd(m->nattr);
			tmp = m->a[j];
			m->a[j] = m->a[k];
			m->a[k] = tmp;
			break;
		case 3:		/* another type */
			m->a[j].type = (uint16_t)rnd(VSW_A_MAX + 6);
			break;
		case 4:		/* shorter or longer payload */
			m->a[j].len = chance(50) ? (uint16_t)rnd(m->a[j].len + 1) :
				(uint16_t)(m->a[j].len + 1 + rnd(8));
			break;
		default:	/* another command */
			m->cmd = random_cmd();
		}
	}
	if (chance(15))
		m->flags = random_flags(m->flags);
	if (chance(3))
		m->version = (uint8_t)rnd64();
}

/* ---- bytes ------------------------------------------------------------ */

static uint16_t family_id;
static uint32_t seq = 1;

static size_t serialise(const struct fmsg *m, uint8_t *buf, size_t room)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;
	size_t len;

	nlh->nlmsg_type = family_id;
	nlh->nlmsg_flags = m->flags;
	nlh->nlmsg_seq = seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = m->cmd;
	g->version = m->version;
	len = put_attrs(buf + nlh->nlmsg_len, room - nlh->nlmsg_len, m->a,
			m->nattr);
	nlh->nlmsg_len += (uint32_t)len;
	return nlh->nlmsg_len;
}

/* Byte-level mutations of a serialised request. */
static size_t mutate_bytes(uint8_t *buf, size_t len)
{
	size_t hdr = NLMSG_HDRLEN + GENL_HDRLEN, off;
	unsigned int i, n = 1 + rnd(4);

	if (len <= hdr)
		return len;
	for (i = 0; i < n; i++) {
		off = hdr + rnd((uint32_t)(len - hdr));
		switch (rnd(4)) {
		case 0:		/* flip bits */
			buf[off] ^= (uint8_t)(1 << rnd(8));
			break;
		case 1:		/* a random byte */
			buf[off] = (uint8_t)rnd64();
			break;
		case 2:		/* an edge byte */
			buf[off] = chance(50) ? 0 : 0xff;
			break;
		default:	/* nla_len of the first attribute */
		{
			struct nlattr *a = (struct nlattr *)(buf + hdr);

			a->nla_len = chance(50) ? (uint16_t)rnd(8) :
				(uint16_t)(len - hdr + 1 + rnd(64));
		}
		}
	}
	/* Cut the last attribute short, at an odd length. */
	if (chance(20) && len > hdr + 1) {
		len -= 1 + rnd((uint32_t)(len - hdr - 1) < 8 ?
			       (uint32_t)(len - hdr - 1) : 8);
		((struct nlmsghdr *)buf)->nlmsg_len = (uint32_t)len;
	}
	return len;
}

/*
 * Broken headers: a length beyond the datagram, below the netlink or genl
 * header, odd; the datagram carries @len bytes, the header says otherwise.
 * Returns the number of bytes to send; such a message ends its batch.
 */
static size_t mutate_header(uint8_t *buf, size_t len)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;

	switch (rnd(6)) {
	case 0:			/* the header claims more than is there */
		nlh->nlmsg_len = (uint32_t)(len + 1 + rnd(4096));
		break;
	case 1:			/* less than a netlink header */
		nlh->nlmsg_len = rnd(NLMSG_HDRLEN);
		break;
	case 2:			/* a genl header cut short */
		nlh->nlmsg_len = NLMSG_HDRLEN + rnd(GENL_HDRLEN);
		len = nlh->nlmsg_len;
		break;
	case 3:			/* odd, inside an attribute */
		if (len > NLMSG_HDRLEN + GENL_HDRLEN + 1)
			nlh->nlmsg_len = (uint32_t)(NLMSG_HDRLEN + GENL_HDRLEN +
				(rnd((uint32_t)(len - NLMSG_HDRLEN - GENL_HDRLEN)) | 1));
		break;
	case 4:			/* the datagram itself cut short */
		len = rnd((uint32_t)len);
		break;
	default:		/* 0xffffffff */
		nlh->nlmsg_len = UINT32_MAX;
	}
	return len;
}

/* ---- the socket ---------------------------------------------------------- */

static struct mnl_socket *nl;
static uint8_t rbuf[RECV_BUF];

/* What each sequence number asked, to classify its reply. */
static struct {
	uint8_t cmd;
	bool dump;
	bool hdr_ok;		/* a complete genl header */
	uint32_t len;
	uint32_t nlmsg_len;	/* the header as sent, after mutation */
	uint16_t nlmsg_flags;
} sent_info[SEQ_RING];

static struct {
	unsigned long sent, batches, acked_ok, errors, done, data, parsed,
		      malformed, enobufs, extack_msgs, extack_bad_offs,
		      changes_ok, unpriv_violations, unmatched;
	unsigned long err[ERRNO_MAX], send_err[ERRNO_MAX];
	unsigned long cmd_sent[256], cmd_ok[256];
} st;

static bool expect_unpriv;
static bool verbose_violations = true;

static bool is_change(uint8_t cmd)
{
	switch (cmd) {
	case VSW_CMD_SWITCH_NEW: case VSW_CMD_SWITCH_DEL: case VSW_CMD_SWITCH_SET:
	case VSW_CMD_PORT_NEW: case VSW_CMD_PORT_DEL: case VSW_CMD_PORT_SET:
	case VSW_CMD_FDB_NEW: case VSW_CMD_FDB_DEL: case VSW_CMD_FDB_FLUSH:
	case VSW_CMD_PORTGROUP_NEW: case VSW_CMD_PORTGROUP_DEL:
	case VSW_CMD_PORTGROUP_SET: case VSW_CMD_TEAM_SET:
	case VSW_CMD_VXLAN_NEW: case VSW_CMD_VXLAN_DEL:
		return true;
	}
	return false;
}

/* The flags genl lets through to a command (genl_header_check()). */
static bool flags_ok(uint16_t flags)
{
	if ((flags & NLM_F_DUMP) == NLM_F_DUMP)
		flags &= (uint16_t)~NLM_F_DUMP;
	return !(flags & ~(NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO));
}

static bool nested_type(uint16_t t)
{
	return attr_kind(t) == K_NEST;
}

/*
 * Walk attributes: NULL when they do not tile [p, p + len) exactly, else
 * calls @fn on each (which may fail the walk by returning non-zero).
 */
static int walk_attrs(const uint8_t *p, size_t len,
		      int (*fn)(const struct nlattr *a, void *arg), void *arg)
{
	while (len >= MNL_ATTR_HDRLEN) {
		const struct nlattr *a = (const struct nlattr *)p;
		size_t step;

		if (a->nla_len < MNL_ATTR_HDRLEN || a->nla_len > len)
			return -1;
		if (fn && fn(a, arg))
			return -1;
		step = MNL_ALIGN(a->nla_len);
		if (step > len)
			step = len;
		p += step;
		len -= step;
	}
	return len ? -1 : 0;
}

/* Every attribute of a reply in bounds, nests too. */
static int check_attr(const struct nlattr *a, void *arg)
{
	unsigned int depth = *(unsigned int *)arg + 1;
	uint16_t t = mnl_attr_get_type(a);
	bool nest;

	if (depth == 1 && (t > VSW_A_MAX || t == VSW_A_UNSPEC))
		return -1;
	nest = depth == 1 ? nested_type(t) : !!(a->nla_type & NLA_F_NESTED);
	if (!nest || depth > 8)
		return 0;
	return walk_attrs(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a),
			  check_attr, &depth);
}

static int check_attrs(const void *p, size_t len)
{
	unsigned int depth = 0;

	return walk_attrs(p, len, check_attr, &depth);
}

static void malformed(const struct nlmsghdr *nlh, const char *why)
{
	st.malformed++;
	if (st.malformed <= 5)
		fprintf(stderr, "vsw-genl-fuzz: malformed reply (%s): type %u len %u seq %u\n",
			why, nlh->nlmsg_type, nlh->nlmsg_len, nlh->nlmsg_seq);
}

struct ext_ctx {
	const struct nlmsghdr *nlh;
	uint32_t reqlen;
};

static int check_ext(const struct nlattr *a, void *arg)
{
	const struct ext_ctx *ctx = arg;

	switch (mnl_attr_get_type(a)) {
	case NLMSGERR_ATTR_MSG:
		if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
			malformed(ctx->nlh, "extack message");
		else
			st.extack_msgs++;
		break;
	case NLMSGERR_ATTR_OFFS:
		if (mnl_attr_validate(a, MNL_TYPE_U32) < 0 ||
		    mnl_attr_get_u32(a) >= ctx->reqlen)
			st.extack_bad_offs++;
		break;
	}
	return 0;
}

static void on_error(const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	uint32_t s = nlh->nlmsg_seq;
	size_t off = sizeof(*e);
	int err;

	if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*e)) {
		malformed(nlh, "short error");
		return;
	}
	err = -e->error;
	if (s == 0 || s >= seq || seq - s > SEQ_RING) {
		st.unmatched++;
		return;
	}
	/*
	 * The kernel echoes the request's header. One that is not ours is
	 * the rest of a request whose nlmsg_len ended early, read as a
	 * further message whose bytes happened to carry a sequence number
	 * we used (an attribute's 1, say): not an answer to that request.
	 */
	if (e->msg.nlmsg_type != family_id ||
	    e->msg.nlmsg_len != sent_info[s % SEQ_RING].nlmsg_len ||
	    e->msg.nlmsg_flags != sent_info[s % SEQ_RING].nlmsg_flags) {
		st.unmatched++;
		return;
	}
	if (err == 0) {
		st.acked_ok++;
		/* not a request, or not complete: the core acked it */
		if (sent_info[s % SEQ_RING].hdr_ok) {
			st.cmd_ok[sent_info[s % SEQ_RING].cmd]++;
			if (is_change(sent_info[s % SEQ_RING].cmd))
				st.changes_ok++;
		}
	} else {
		st.errors++;
		st.err[err > 0 && err < ERRNO_MAX ? err : 0]++;
	}
	if (expect_unpriv && is_change(sent_info[s % SEQ_RING].cmd) &&
	    sent_info[s % SEQ_RING].hdr_ok &&
	    (err == 0 || (err != EPERM && !sent_info[s % SEQ_RING].dump))) {
		st.unpriv_violations++;
		if (verbose_violations && st.unpriv_violations <= 10)
			fprintf(stderr, "vsw-genl-fuzz: unprivileged seq %u cmd %u: %s\n",
				s, sent_info[s % SEQ_RING].cmd,
				err ? strerror(err) : "accepted");
	}
	/* Extended ack TLVs: the message, and the offset of the culprit. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += MNL_ALIGN(e->msg.nlmsg_len) - sizeof(e->msg);
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) &&
	    NLMSG_HDRLEN + off < nlh->nlmsg_len) {
		const uint8_t *p = (const uint8_t *)e + off;
		size_t len = nlh->nlmsg_len - NLMSG_HDRLEN - off;
		struct ext_ctx ctx = { .nlh = nlh, .reqlen = sent_info[s % SEQ_RING].len };

		if (walk_attrs(p, len, check_ext, &ctx))
			malformed(nlh, "extack attributes");
	}
}

static void on_reply(const struct nlmsghdr *nlh)
{
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		on_error(nlh);
	} else if (nlh->nlmsg_type == NLMSG_DONE) {
		st.done++;
		if (nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(int)) {
			int err = -*(const int *)mnl_nlmsg_get_payload(nlh);

			if (err > 0) {
				st.errors++;
				st.err[err < ERRNO_MAX ? err : 0]++;
			}
		}
	} else if (nlh->nlmsg_type == family_id) {
		st.data++;
		if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN) {
			malformed(nlh, "no genl header");
			return;
		}
		if (check_attrs((const uint8_t *)mnl_nlmsg_get_payload(nlh) + GENL_HDRLEN,
				nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN))
			malformed(nlh, "attributes");
		else
			st.parsed++;
	} else if (nlh->nlmsg_type != NLMSG_NOOP) {
		malformed(nlh, "unexpected type");
	}
}

/* Read everything queued, never blocking; wait up to @ms for the first. */
static void drain(int ms)
{
	int fd = mnl_socket_get_fd(nl);

	for (;;) {
		ssize_t n = recv(fd, rbuf, sizeof(rbuf), MSG_DONTWAIT);
		const struct nlmsghdr *nlh;
		int len;

		if (n < 0) {
			struct pollfd p = { .fd = fd, .events = POLLIN };

			if (errno == ENOBUFS) {	/* replies were dropped */
				st.enobufs++;
				continue;
			}
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN || ms <= 0 || poll(&p, 1, ms) <= 0)
				return;
			ms = 0;
			continue;
		}
		len = (int)n;
		for (nlh = (const struct nlmsghdr *)rbuf; mnl_nlmsg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len))
			on_reply(nlh);
		if (len > 0)
			malformed((const struct nlmsghdr *)rbuf, "datagram tail");
	}
}

static int resolve_family(void)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;
	int fd = mnl_socket_get_fd(nl), ms = 5000;

	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = 0;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, VSW_GENL_NAME);
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	while (ms > 0) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		const struct nlmsghdr *r;
		ssize_t n;
		int len;

		if (poll(&p, 1, 100) <= 0) {
			ms -= 100;
			continue;
		}
		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0)
			continue;
		len = (int)n;
		for (r = (const struct nlmsghdr *)buf; mnl_nlmsg_ok(r, len);
		     r = mnl_nlmsg_next(r, &len)) {
			const struct nlattr *a;

			if (r->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = mnl_nlmsg_get_payload(r);

				if (e->error)
					return e->error;
				return family_id ? 0 : -ENOENT;
			}
			if (r->nlmsg_type != GENL_ID_CTRL)
				continue;
			mnl_attr_for_each(a, r, GENL_HDRLEN)
				if (mnl_attr_get_type(a) == CTRL_ATTR_FAMILY_ID)
					family_id = mnl_attr_get_u16(a);
		}
	}
	return family_id ? 0 : -ETIMEDOUT;
}

/* Best effort: without CAP_NET_ADMIN the FORCE variants fail. */
static void sock_buf(int force, int plain, int val)
{
	int fd = mnl_socket_get_fd(nl);

	if (setsockopt(fd, SOL_SOCKET, force, &val, sizeof(val)) < 0)
		setsockopt(fd, SOL_SOCKET, plain, &val, sizeof(val));
}

static void sock_nl(int opt, int val)
{
	setsockopt(mnl_socket_get_fd(nl), SOL_NETLINK, opt, &val, sizeof(val));
}

/*
 * One datagram, then its replies: the kernel handles a request inside
 * sendmsg(), so they are queued when it returns (dumps go on as we read).
 * sendmsg() itself refuses some broken datagrams (an empty one: ENODATA);
 * those count by errno. Only a socket that stops working ends the run.
 */
static int send_batch(const uint8_t *buf, size_t len)
{
	static unsigned int failed_in_a_row;

	st.batches++;
	if (send(mnl_socket_get_fd(nl), buf, len, 0) < 0) {
		if (errno == EBADF || errno == ENOTSOCK || errno == EFAULT ||
		    ++failed_in_a_row > 1000) {
			perror("vsw-genl-fuzz: send");
			return -1;
		}
		st.send_err[errno < ERRNO_MAX ? errno : 0]++;
	} else {
		failed_in_a_row = 0;
	}
	drain(0);
	return 0;
}

/* ---- main loop ----------------------------------------------------------- */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void hexdump(FILE *f, unsigned long idx, const uint8_t *p, size_t len)
{
	size_t i;

	fprintf(f, "msg %lu len %zu:", idx, len);
	for (i = 0; i < len; i++)
		fprintf(f, "%s%02x", i % 32 ? "" : "\n  ", p[i]);
	fputc('\n', f);
}

static void kmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int kmsg_fd = -1;

static void kmsg(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	if (kmsg_fd < 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n > 0 && write(kmsg_fd, line, (size_t)n) < 0)
		kmsg_fd = -1;
}

static void usage(FILE *f)
{
	fprintf(f,
"Usage: vsw-genl-fuzz [options]\n"
"  -s SEED     PRNG seed (default: from the clock; printed)\n"
"  -n N        requests to send (default 100000)\n"
"  -t          valid-template mutations only\n"
"  -u          expect no privileges: every change must fail with EPERM\n"
"  -b N        requests per sendmsg (default 16; 1 = one at a time)\n"
"  -T SECS     stop after SECS seconds, whatever -n says\n"
"  -S SWITCH   a switch the templates name (repeatable; default sw0)\n"
"  -P DEV      a device the templates attach as a port (repeatable)\n"
"  -G PG       a port group the templates name (repeatable)\n"
"  -L ADDR     a local VTEP address of this netns (repeatable)\n"
"  -V VNI      a bound VNI (repeatable)\n"
"  -K N        a progress line in the kernel log every N requests\n"
"  -x FROM[-TO]  hex-dump requests FROM..TO (0-based) to stdout\n"
"  -d          dry run: generate (and -x dump) without sending\n"
"  -q          no per-violation lines on stderr\n");
}

static const char *errname(int e)
{
	const char *n = e ? strerrorname_np(e) : NULL;

	return n ? n : "E?";
}

static void print_stats(double secs)
{
	int e;
	unsigned int c;

	printf("sent %lu requests in %lu batches, %.1f s (%.0f/s)\n", st.sent,
	       st.batches, secs, secs > 0 ? st.sent / secs : 0.0);
	printf("acked ok %lu, errors %lu, done %lu, replies %lu, parsed %lu, malformed %lu\n",
	       st.acked_ok, st.errors, st.done, st.data, st.parsed, st.malformed);
	printf("changes accepted %lu, extack messages %lu, extack offsets out of range %lu, "
	       "ENOBUFS %lu, unmatched %lu\n", st.changes_ok, st.extack_msgs,
	       st.extack_bad_offs, st.enobufs, st.unmatched);
	if (expect_unpriv)
		printf("unprivileged violations %lu\n", st.unpriv_violations);
	printf("errors by errno:");
	for (e = 0; e < ERRNO_MAX; e++)
		if (st.err[e])
			printf(" %s=%lu", errname(e), st.err[e]);
	printf("\nsend errors by errno:");
	for (e = 0; e < ERRNO_MAX; e++)
		if (st.send_err[e])
			printf(" %s=%lu", errname(e), st.send_err[e]);
	printf("\nacked ok/sent by command:");
	for (c = 0; c < 256; c++)
		if (st.cmd_ok[c])
			printf(" %u=%lu/%lu", c, st.cmd_ok[c], st.cmd_sent[c]);
	printf("\n");
}

int main(int argc, char **argv)
{
	static uint8_t batch[BATCH_BYTES];
	static uint8_t one[MSG_MAX];
	unsigned long n = 100000, i, dump_from = 1, dump_to = 0, kmark = 0;
	unsigned int batch_max = 16, nb = 0;
	bool templates_only = false, dry = false, have_seed = false;
	size_t blen = 0;
	double t0, limit = 0;
	uint64_t seed = 0;
	int c, err;

	while ((c = getopt(argc, argv, "s:n:tub:T:S:P:G:L:V:K:x:dqh")) != -1) {
		switch (c) {
		case 's':
			seed = strtoull(optarg, NULL, 0);
			have_seed = true;
			break;
		case 'n':
			n = strtoul(optarg, NULL, 0);
			break;
		case 't':
			templates_only = true;
			break;
		case 'u':
			expect_unpriv = true;
			break;
		case 'b':
			batch_max = (unsigned int)strtoul(optarg, NULL, 0);
			if (batch_max < 1)
				batch_max = 1;
			break;
		case 'T':
			limit = strtod(optarg, NULL);
			break;
		case 'S':
			pool_add(&switches, optarg);
			break;
		case 'P':
			pool_add(&devs, optarg);
			break;
		case 'G':
			pool_add(&pgroups, optarg);
			break;
		case 'L':
			if (nlocals >= MAX_POOL)
				break;
			if (inet_pton(AF_INET, optarg, locals[nlocals].addr) == 1) {
				locals[nlocals++].family = AF_INET;
			} else if (inet_pton(AF_INET6, optarg, locals[nlocals].addr) == 1) {
				locals[nlocals++].family = AF_INET6;
			} else {
				fprintf(stderr, "vsw-genl-fuzz: -L %s: not an address\n", optarg);
				return 2;
			}
			break;
		case 'V':
			if (nvnis < MAX_POOL)
				vnis[nvnis++] = (uint32_t)strtoul(optarg, NULL, 0);
			break;
		case 'K':
			kmark = strtoul(optarg, NULL, 0);
			break;
		case 'x':
		{
			char *end;

			dump_from = strtoul(optarg, &end, 0);
			dump_to = *end == '-' ? strtoul(end + 1, NULL, 0) : dump_from;
			break;
		}
		case 'd':
			dry = true;
			break;
		case 'q':
			verbose_violations = false;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	if (!have_seed)
		seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	rng_state = seed;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("vsw-genl-fuzz: seed %" PRIu64 ", %lu requests, %s%s\n", seed, n,
	       templates_only ? "template mutations only" : "all generators",
	       expect_unpriv ? ", unprivileged" : "");

	if (!dry) {
		nl = mnl_socket_open2(NETLINK_GENERIC, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
			perror("vsw-genl-fuzz: netlink socket");
			return 2;
		}
		sock_buf(SO_RCVBUFFORCE, SO_RCVBUF, SOCK_BUF);
		sock_buf(SO_SNDBUFFORCE, SO_SNDBUF, SOCK_BUF);
		sock_nl(NETLINK_EXT_ACK, 1);
		sock_nl(NETLINK_CAP_ACK, 1);
		err = resolve_family();
		if (err) {
			fprintf(stderr, "vsw-genl-fuzz: family %s: %s\n", VSW_GENL_NAME,
				strerror(-err));
			return 2;
		}
		/*
		 * The seed (and with -K the progress) in the kernel log at
		 * warning level, so a console that ends in an oops shows
		 * where the fuzzer was. Only root can write there.
		 */
		kmsg_fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
		kmsg("<4>vsw-genl-fuzz: seed %" PRIu64 " n %lu%s%s\n", seed, n,
		     templates_only ? " -t" : "", expect_unpriv ? " -u" : "");
	} else {
		family_id = 0x1234;
	}

	t0 = now();
	for (i = 0; i < n; i++) {
		bool byte_mutate = false, hdr_broken = false, ends_batch;
		unsigned int gen = templates_only ? 3 + rnd(2) * 2 : rnd(100);
		size_t len;

		/*
		 * The mix: mutated templates 40%, plain templates 15%, edge
		 * values 20%, random attributes 12%, nests 8%, broken
		 * headers 5%.
		 */
		if (!templates_only)
			gen = gen < 40 ? 3 : gen < 55 ? 5 : gen < 75 ? 1 :
			      gen < 87 ? 0 : gen < 95 ? 2 : 4;
		switch (gen) {
		case 0:
			gen_random(&cur);
			break;
		case 1:
			gen_typed(&cur);
			break;
		case 2:
			gen_nested(&cur);
			break;
		case 3:
			gen_mutated(&cur, &byte_mutate);
			break;
		case 4:
			build_template(&cur, pick_template());
			hdr_broken = true;
			break;
		default:
			build_template(&cur, pick_template());
		}
		len = serialise(&cur, one, sizeof(one));
		if (byte_mutate)
			len = mutate_bytes(one, len);
		if (hdr_broken)
			len = mutate_header(one, len);

		sent_info[seq % SEQ_RING].cmd = cur.cmd;
		sent_info[seq % SEQ_RING].dump = (cur.flags & NLM_F_DUMP) == NLM_F_DUMP;
		/*
		 * What genl checks permissions of: a request with its whole
		 * header and only the flags genl takes (it refuses others
		 * with EINVAL first).
		 */
		sent_info[seq % SEQ_RING].hdr_ok =
			((struct nlmsghdr *)one)->nlmsg_len >= NLMSG_HDRLEN + GENL_HDRLEN &&
			((struct nlmsghdr *)one)->nlmsg_len <= len &&
			(cur.flags & NLM_F_REQUEST) && flags_ok(cur.flags);
		sent_info[seq % SEQ_RING].len = (uint32_t)len;
		sent_info[seq % SEQ_RING].nlmsg_len = ((struct nlmsghdr *)one)->nlmsg_len;
		sent_info[seq % SEQ_RING].nlmsg_flags = ((struct nlmsghdr *)one)->nlmsg_flags;
		seq++;
		st.cmd_sent[cur.cmd]++;
		if (i >= dump_from && i <= dump_to)
			hexdump(stdout, i, one, len);
		if (dry) {
			st.sent++;
			continue;
		}

		/*
		 * Requests share a datagram (the kernel handles them one by
		 * one) until a dump, which holds the socket's one dump slot
		 * until read, or a broken header, after which the kernel
		 * reads no further.
		 */
		ends_batch = hdr_broken || sent_info[(seq - 1) % SEQ_RING].dump;
		if (blen + MNL_ALIGN(len) > sizeof(batch) && blen) {
			if (send_batch(batch, blen))
				return 2;
			blen = 0;
			nb = 0;
		}
		memcpy(batch + blen, one, len);
		blen += hdr_broken ? len : MNL_ALIGN(len);
		if (!hdr_broken)
			memset(batch + blen - (MNL_ALIGN(len) - len), 0, MNL_ALIGN(len) - len);
		nb++;
		st.sent++;
		if (ends_batch || nb >= batch_max || i + 1 == n) {
			if (send_batch(batch, blen))
				return 2;
			blen = 0;
			nb = 0;
		}
		if ((i & 511) == 511)
			ifcache_refresh();
		if (kmark && (i + 1) % kmark == 0)
			kmsg("<4>vsw-genl-fuzz: %lu sent\n", i + 1);
		if (limit > 0 && (i & 255) == 0 && now() - t0 > limit) {
			if (blen && send_batch(batch, blen))
				return 2;
			blen = 0;
			printf("time limit of %.0f s reached\n", limit);
			break;
		}
	}
	if (!dry)
		drain(200);
	print_stats(now() - t0);
	if (nl)
		mnl_socket_close(nl);
	if (st.malformed || (expect_unpriv && st.unpriv_violations))
		return 1;
	return 0;
}
