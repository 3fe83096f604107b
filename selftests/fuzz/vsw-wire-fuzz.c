// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vsw-wire-fuzz: malformed Ethernet frames out of one interface (an
 * AF_PACKET socket), made by a seeded PRNG: runts, broken 802.1Q nesting,
 * 802.3 length fields that lie, group/zero/own source addresses, LACPDUs,
 * vsw team beacons, STP/LLDP and other reserved-group frames, random bytes
 * up to the MTU and beyond. selftests/net/74-wire-fuzz.sh runs it against
 * every kind of vsw port. libc only.
 *
 *   vsw-wire-fuzz -i DEV [-s SEED] [-n N] [-c CLASS,...] [-b MAC] [-o MAC]
 *                 [-V VID] [-x IFINDEX] [-p N] [-q] [-d]
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_FRAME	(65536 + 64)
#define MAX_OWN		8
#define MAX_VIDS	16
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Mirrors kmod/team_beacon.c. */
#define BEACON_ETHERTYPE	0x88b5
#define BEACON_MAGIC		0x76737742
#define BEACON_LEN		20

enum cls {
	C_RUNT, C_VLAN, C_LENGTH, C_SOURCE, C_LACP, C_BEACON, C_RESERVED,
	C_RANDOM, C_MAX
};

static const char *const cls_name[C_MAX] = {
	[C_RUNT] = "runt", [C_VLAN] = "vlan", [C_LENGTH] = "length",
	[C_SOURCE] = "source", [C_LACP] = "lacp", [C_BEACON] = "beacon",
	[C_RESERVED] = "reserved", [C_RANDOM] = "random",
};

struct cls_stats {
	unsigned long sent, refused, bytes;
	/* Frames the switch must drop as invalid-source (group or zero
	 * source, a destination that is not link-local).
	 */
	unsigned long bad_source;
};

static uint64_t rng_state;
static uint8_t own_mac[ETH_ALEN];	/* the interface's */
static uint8_t extra_own[MAX_OWN][ETH_ALEN];
static unsigned int n_extra_own;
static uint8_t sw_mac[ETH_ALEN];	/* -b: the switch's (beacon system) */
static bool have_sw_mac;
static unsigned int vids[MAX_VIDS], n_vids;
static uint32_t beacon_ifindex;
static unsigned int mtu;
static struct cls_stats stats[C_MAX];
static unsigned long errnos[256];

static const uint8_t bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t slow_dst[ETH_ALEN] = { 0x01, 0x80, 0xc2, 0x00, 0x00, 0x02 };

/* splitmix64 */
static uint64_t rnd64(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned int rnd(unsigned int n)
{
	return n ? (unsigned int)(rnd64() % n) : 0;
}

static bool chance(unsigned int percent)
{
	return rnd(100) < percent;
}

static void rnd_bytes(uint8_t *p, size_t n)
{
	while (n--)
		*p++ = (uint8_t)rnd64();
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

/* A unicast source the switch may learn: the interface's own address, or
 * one of 64 locally administered ones (02:76:73:77:66:XX, "vswf").
 */
static void good_src(uint8_t *mac)
{
	if (chance(50)) {
		memcpy(mac, own_mac, ETH_ALEN);
		return;
	}
	memcpy(mac, "\x02\x76\x73\x77\x66", 5);
	mac[5] = rnd(64);
}

/* Any destination but a link-local one (those are not switched). */
static void any_dst(uint8_t *mac)
{
	switch (rnd(5)) {
	case 0:
		memcpy(mac, bcast, ETH_ALEN);
		break;
	case 1:
		memcpy(mac, "\x01\x00\x5e\x00\x00", 5);
		mac[5] = rnd(256);
		break;
	case 2:
		memcpy(mac, "\x33\x33\x00\x00\x00", 5);
		mac[5] = rnd(256);
		break;
	case 3:
		if (have_sw_mac) {
			memcpy(mac, sw_mac, ETH_ALEN);
			break;
		}
		/* fall through */
	default:
		rnd_bytes(mac, ETH_ALEN);
		mac[0] &= 0xfe;
		break;
	}
}

static unsigned int any_vid(void)
{
	static const unsigned int edge[] = { 0, 1, 2, 4094, 4095 };

	if (n_vids && chance(50))
		return vids[rnd(n_vids)];
	if (chance(60))
		return edge[rnd(ARRAY_SIZE(edge))];
	return rnd(4096);
}

static uint16_t any_tci(void)
{
	uint16_t tci = any_vid();

	if (chance(30))
		tci |= rnd(8) << 13;	/* PCP */
	if (chance(20))
		tci |= 0x1000;		/* DEI */
	return tci;
}

static uint16_t any_tpid(void)
{
	static const uint16_t tpid[] = { 0x8100, 0x8100, 0x8100, 0x88a8, 0x9100 };

	return tpid[rnd(5)];
}

/* Ethernet header at @f; returns its length (14). */
static size_t eth(uint8_t *f, const uint8_t *dst, const uint8_t *src,
		  uint16_t type)
{
	memcpy(f, dst, ETH_ALEN);
	memcpy(f + ETH_ALEN, src, ETH_ALEN);
	put16(f + 12, type);
	return ETH_HLEN;
}

/* Random bytes from @off up to @len; returns the frame's length. */
static size_t fill(uint8_t *f, size_t off, size_t len)
{
	if (len > off)
		rnd_bytes(f + off, len - off);
	return len > off ? len : off;
}

static size_t some_len(size_t min)
{
	size_t len = chance(70) ? 60 + rnd(100) : rnd(mtu + ETH_HLEN + 1);

	return len < min ? min : len;
}

static size_t gen_runt(uint8_t *f)
{
	size_t len = chance(30) ? rnd(ETH_HLEN) : ETH_HLEN + rnd(60 - ETH_HLEN);
	uint8_t dst[ETH_ALEN], src[ETH_ALEN];
	uint8_t hdr[ETH_HLEN];

	any_dst(dst);
	good_src(src);
	eth(hdr, dst, src, chance(50) ? 0x88b6 : rnd(0x10000));
	memcpy(f, hdr, len < ETH_HLEN ? len : ETH_HLEN);
	if (len > ETH_HLEN)
		rnd_bytes(f + ETH_HLEN, len - ETH_HLEN);
	return len;
}

static size_t gen_vlan(uint8_t *f)
{
	uint8_t dst[ETH_ALEN], src[ETH_ALEN];
	size_t off, len;
	unsigned int tags, i;

	any_dst(dst);
	good_src(src);
	switch (rnd(6)) {
	case 0:	/* a tag header cut short */
		off = eth(f, dst, src, any_tpid());
		len = off + rnd(4);
		rnd_bytes(f + off, len - off);
		return len;
	case 1:	/* 0x8100 inside 0x8100, many times */
		tags = 2 + rnd(40);
		off = eth(f, dst, src, 0x8100);
		for (i = 0; i < tags; i++, off += 4) {
			put16(f + off, any_tci());
			put16(f + off + 2, i + 1 < tags ? 0x8100 : 0x88b6);
		}
		return fill(f, off, off + rnd(64));
	case 2:	/* 802.1ad outer, 802.1Q inner */
		off = eth(f, dst, src, 0x88a8);
		put16(f + off, any_tci());
		put16(f + off + 2, 0x8100);
		put16(f + off + 4, any_tci());
		put16(f + off + 6, 0x88b6);
		return fill(f, off + 8, some_len(off + 8));
	case 3:	/* a tag with no payload after it */
		off = eth(f, dst, src, any_tpid());
		put16(f + off, any_tci());
		put16(f + off + 2, chance(50) ? 0x0800 : any_tpid());
		return off + 4;
	default: /* one tag: VID 0, 4095, in use or not, PCP/DEI */
		off = eth(f, dst, src, any_tpid());
		put16(f + off, any_tci());
		put16(f + off + 2, chance(50) ? 0x88b6 : 0x0806);
		return fill(f, off + 4, some_len(off + 4));
	}
}

/* 802.3: a length instead of an Ethertype, and it lies. */
static size_t gen_length(uint8_t *f)
{
	static const uint16_t edge[] = { 0, 1, 3, 45, 46, 1499, 1500, 1501,
					 1535, 0x5ff };
	uint8_t dst[ETH_ALEN], src[ETH_ALEN];
	size_t len = some_len(ETH_HLEN);
	uint16_t l;
	size_t off;

	any_dst(dst);
	good_src(src);
	l = chance(50) ? edge[rnd(ARRAY_SIZE(edge))] :
			 rnd(0x600);
	if (chance(20))
		l = len - ETH_HLEN + 1 + rnd(100);	/* longer than it is */
	off = eth(f, dst, src, l);
	len = fill(f, off, len);
	if (len >= off + 3 && chance(50)) {	/* LLC, maybe SNAP */
		f[off] = chance(50) ? 0xaa : rnd(256);
		f[off + 1] = chance(50) ? 0xaa : rnd(256);
		f[off + 2] = 0x03;
	}
	if (chance(10))
		len = off + rnd(4);		/* nothing after it */
	return len;
}

static size_t gen_source(uint8_t *f, bool *bad)
{
	uint8_t dst[ETH_ALEN], src[ETH_ALEN];
	size_t off;

	*bad = true;
	switch (rnd(8)) {
	case 0:
		memcpy(src, bcast, ETH_ALEN);
		break;
	case 1:
		memset(src, 0, ETH_ALEN);
		break;
	case 2:
		rnd_bytes(src, ETH_ALEN);
		src[0] |= 1;
		break;
	case 3:
		memcpy(src, "\x01\x80\xc2\x00\x00", 5);
		src[5] = rnd(16);
		break;
	case 4:
		memcpy(src, "\x33\x33\x00\x00\x00\x01", ETH_ALEN);
		break;
	case 5:
		if (n_extra_own) {
			memcpy(src, extra_own[rnd(n_extra_own)], ETH_ALEN);
			*bad = false;
			break;
		}
		/* fall through */
	case 6:
		if (have_sw_mac) {
			memcpy(src, sw_mac, ETH_ALEN);
			*bad = false;
			break;
		}
		/* fall through */
	default:
		memcpy(src, own_mac, ETH_ALEN);
		*bad = false;
		break;
	}
	any_dst(dst);
	off = eth(f, dst, src, 0x88b6);
	if (chance(20)) {	/* tagged: the source check comes first */
		put16(f + 12, 0x8100);
		put16(f + off, any_tci());
		put16(f + off + 2, 0x88b6);
		off += 4;
	}
	return fill(f, off, some_len(off));
}

static void lacp_info(uint8_t *t, uint8_t type)
{
	t[0] = type;
	t[1] = 20;
	put16(t + 2, chance(50) ? 32768 : rnd(0x10000));
	rnd_bytes(t + 4, ETH_ALEN);
	t[4] &= 0xfe;
	if (chance(10))
		memset(t + 4, 0, ETH_ALEN);
	else if (type == 2 && have_sw_mac && chance(50))
		memcpy(t + 4, sw_mac, ETH_ALEN);
	put16(t + 10, rnd(4));			/* key */
	put16(t + 12, rnd(0x10000));		/* port priority */
	put16(t + 14, rnd(8));			/* port */
	t[16] = rnd(256);			/* state */
	memset(t + 17, 0, 3);
}

/* A LACPDU (110 bytes after the header), then mangled. */
static size_t gen_lacp(uint8_t *f)
{
	uint8_t src[ETH_ALEN];
	size_t off, len;
	uint8_t *p;

	good_src(src);
	off = eth(f, chance(90) ? slow_dst : bcast, src, 0x8809);
	p = f + off;
	memset(p, 0, 110);
	p[0] = 1;
	p[1] = 1;
	lacp_info(p + 2, 1);
	lacp_info(p + 22, 2);
	p[42] = 3;
	p[43] = 16;
	put16(p + 44, rnd(0x10000));
	len = off + 110;
	switch (rnd(9)) {
	case 0:
		p[0] = chance(30) ? 2 : rnd(256);	/* marker, or junk */
		break;
	case 1:
		p[1] = rnd(256);
		break;
	case 2:
		p[2 + 20 * rnd(2)] = rnd(256);		/* TLV type */
		break;
	case 3:
		p[3 + 20 * rnd(2)] = chance(50) ? rnd(256) : 19 + 2 * rnd(2);
		break;
	case 4:
		len = off + rnd(110);			/* truncated */
		break;
	case 5:
		len = fill(f, len, off + 110 + rnd(mtu - 110 + 1));
		break;
	case 6:
		rnd_bytes(p + 2, 108);
		break;
	default:
		break;	/* well formed, random actor and partner state */
	}
	return len;
}

static size_t gen_beacon(uint8_t *f)
{
	uint8_t dst[ETH_ALEN], src[ETH_ALEN];
	size_t off, len;
	uint8_t *p;

	good_src(src);
	if (chance(70))
		memcpy(dst, bcast, ETH_ALEN);
	else
		any_dst(dst);
	off = eth(f, dst, src, BEACON_ETHERTYPE);
	if (chance(20)) {
		put16(f + 12, 0x8100);
		put16(f + off, any_tci());
		put16(f + off + 2, BEACON_ETHERTYPE);
		off += 4;
	}
	p = f + off;
	memset(p, 0, 46);
	put32(p, chance(80) ? BEACON_MAGIC : (uint32_t)rnd64());
	p[4] = chance(60) ? 1 : rnd(256);
	p[5] = chance(80) ? 0 : rnd(256);
	if (have_sw_mac && chance(50))
		memcpy(p + 6, sw_mac, ETH_ALEN);
	else if (chance(20))
		memset(p + 6, 0, ETH_ALEN);
	else
		rnd_bytes(p + 6, ETH_ALEN);
	put32(p + 12, beacon_ifindex && chance(50) ? beacon_ifindex :
					       (uint32_t)rnd64() % 64);
	put32(p + 16, (uint32_t)rnd64());
	len = off + 46;
	switch (rnd(4)) {
	case 0:
		len = off + rnd(BEACON_LEN);	/* cut inside the beacon */
		break;
	case 1:
		len = fill(f, len, off + rnd(mtu + 1));
		break;
	default:
		break;
	}
	return len;
}

/* 01:80:c2:00:00:0X: STP, LACP's group, 802.1X, LLDP, and the others. */
static size_t gen_reserved(uint8_t *f)
{
	uint8_t dst[ETH_ALEN] = { 0x01, 0x80, 0xc2, 0x00, 0x00, 0x00 };
	uint8_t src[ETH_ALEN];
	size_t off, len, i;
	uint8_t *p;

	good_src(src);
	switch (rnd(4)) {
	case 0:	/* STP/RSTP BPDU behind LLC, random fields and length */
		off = eth(f, dst, src, 0);
		p = f + off;
		p[0] = 0x42;
		p[1] = 0x42;
		p[2] = 0x03;
		put16(p + 3, chance(80) ? 0 : rnd(0x10000));
		p[5] = rnd(4);				/* version */
		p[6] = chance(50) ? 0x00 : chance(50) ? 0x02 : 0x80;
		rnd_bytes(p + 7, 32);
		len = off + (chance(70) ? 3 + 36 : rnd(64));
		put16(f + 12, chance(70) ? len - off : rnd(0x600));
		return len;
	case 1:	/* LLDP: TLVs of random types and lengths, maybe no end */
		dst[5] = chance(70) ? 0x0e : chance(50) ? 0x03 : 0x00;
		off = eth(f, dst, src, 0x88cc);
		len = some_len(off);
		for (i = off; i + 2 <= len;) {
			unsigned int tl = rnd(24), type = rnd(128);

			if (chance(10))
				tl = rnd(512);
			f[i] = type << 1 | tl >> 8;
			f[i + 1] = tl & 0xff;
			i += 2;
			if (i + tl > len)
				tl = len - i;
			rnd_bytes(f + i, tl);
			i += tl;
		}
		return len;
	case 2:	/* 802.1X EAPOL */
		dst[5] = 0x03;
		off = eth(f, dst, src, 0x888e);
		return fill(f, off, some_len(off));
	default: /* any of the 16, any Ethertype, maybe tagged */
		dst[5] = rnd(16);
		off = eth(f, dst, src, chance(50) ? 0x88b6 : rnd(0x10000));
		if (chance(30)) {
			put16(f + 12, any_tpid());
			put16(f + off, any_tci());
			put16(f + off + 2, 0x88cc);
			off += 4;
		}
		return fill(f, off, some_len(off));
	}
}

/* Random bytes, up to the MTU and past it (the kernel refuses what no
 * link of this MTU could carry; that is counted as refused).
 */
static size_t gen_random(uint8_t *f)
{
	size_t max = mtu + ETH_HLEN + 4 + 64, len;

	if (chance(10))
		len = mtu + ETH_HLEN - 2 + rnd(8);	/* around the limit */
	else
		len = rnd(max + 1);
	rnd_bytes(f, len);
	if (len >= ETH_HLEN && chance(50))
		good_src(f + ETH_ALEN);
	return len;
}

static const char *errno_name(int e)
{
	static char buf[16];

	switch (e) {
	case EINVAL:
		return "EINVAL";
	case EMSGSIZE:
		return "EMSGSIZE";
	case ENOBUFS:
		return "ENOBUFS";
	case ENETDOWN:
		return "ENETDOWN";
	case ENXIO:
		return "ENXIO";
	default:
		snprintf(buf, sizeof(buf), "errno%d", e);
		return buf;
	}
}

static int parse_mac(const char *s, uint8_t *mac)
{
	unsigned int b[ETH_ALEN], i;
	char c;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x%c", &b[0], &b[1], &b[2], &b[3],
		   &b[4], &b[5], &c) != ETH_ALEN)
		return -1;
	for (i = 0; i < ETH_ALEN; i++) {
		if (b[i] > 0xff)
			return -1;
		mac[i] = b[i];
	}
	return 0;
}

static int parse_classes(const char *s, bool *on)
{
	char *dup = strdup(s), *tok, *save = NULL;
	int i, ok = 0;

	if (!dup)
		return -1;
	for (tok = strtok_r(dup, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < C_MAX; i++)
			if (!strcmp(tok, cls_name[i]))
				break;
		if (i == C_MAX) {
			fprintf(stderr, "vsw-wire-fuzz: unknown class %s\n", tok);
			free(dup);
			return -1;
		}
		on[i] = true;
		ok = 1;
	}
	free(dup);
	return ok ? 0 : -1;
}

static void usage(FILE *out)
{
	int i;

	fprintf(out,
		"usage: vsw-wire-fuzz -i DEV [-s SEED] [-n N] [-c CLASS,...] [-b MAC]\n"
		"                     [-o MAC]... [-V VID]... [-x IFINDEX] [-p N] [-q] [-d]\n"
		"  -i DEV      send out of DEV (an AF_PACKET socket)\n"
		"  -s SEED     PRNG seed (default: random; printed)\n"
		"  -n N        frames to send (default 2000)\n"
		"  -c CLASSES  only these classes (default all):");
	for (i = 0; i < C_MAX; i++)
		fprintf(out, " %s", cls_name[i]);
	fprintf(out,
		"\n"
		"  -b MAC      the switch's address: beacon system, LACP partner,\n"
		"              a destination and a source\n"
		"  -o MAC      another address to use as a source (up to %d)\n"
		"  -V VID      a VLAN in use, favoured in tags (up to %d)\n"
		"  -x IFINDEX  an uplink's ifindex for beacons\n"
		"  -p N        pause 1 ms after every N frames (default 16, 0: never)\n"
		"  -q          only the summary\n"
		"  -d          print each frame (number, class, length, hex), send nothing\n",
		MAX_OWN, MAX_VIDS);
}

int main(int argc, char **argv)
{
	unsigned long n = 2000, pace = 16, i, total_sent = 0, total_refused = 0;
	bool on[C_MAX] = { false }, any = false, quiet = false, dump = false;
	uint64_t seed;
	const char *ifname = NULL;
	struct sockaddr_ll sll;
	enum cls classes[C_MAX];
	unsigned int n_classes = 0;
	struct ifreq ifr;
	uint8_t *f;
	int fd, opt, c;

	seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	while ((opt = getopt(argc, argv, "i:s:n:c:b:o:V:x:p:qdh")) != -1) {
		switch (opt) {
		case 'i':
			ifname = optarg;
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			n = strtoul(optarg, NULL, 0);
			break;
		case 'c':
			if (parse_classes(optarg, on))
				return 2;
			any = true;
			break;
		case 'b':
			if (parse_mac(optarg, sw_mac))
				goto bad;
			have_sw_mac = true;
			break;
		case 'o':
			if (n_extra_own == MAX_OWN ||
			    parse_mac(optarg, extra_own[n_extra_own]))
				goto bad;
			n_extra_own++;
			break;
		case 'V':
			if (n_vids == MAX_VIDS)
				goto bad;
			vids[n_vids++] = strtoul(optarg, NULL, 0) & 0xfff;
			break;
		case 'x':
			beacon_ifindex = strtoul(optarg, NULL, 0);
			break;
		case 'p':
			pace = strtoul(optarg, NULL, 0);
			break;
		case 'q':
			quiet = true;
			break;
		case 'd':
			dump = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			goto bad;
		}
	}
	if (!ifname || optind != argc)
		goto bad;
	for (c = 0; c < C_MAX; c++)
		if (!any || on[c])
			classes[n_classes++] = c;

	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0) {
		perror("vsw-wire-fuzz: socket");
		return 1;
	}
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFINDEX, &ifr) < 0) {
		fprintf(stderr, "vsw-wire-fuzz: %s: %s\n", ifname, strerror(errno));
		return 1;
	}
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = ifr.ifr_ifindex;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		perror("vsw-wire-fuzz: bind");
		return 1;
	}
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0) {
		perror("vsw-wire-fuzz: SIOCGIFHWADDR");
		return 1;
	}
	memcpy(own_mac, ifr.ifr_hwaddr.sa_data, ETH_ALEN);
	if (ioctl(fd, SIOCGIFMTU, &ifr) < 0) {
		perror("vsw-wire-fuzz: SIOCGIFMTU");
		return 1;
	}
	mtu = ifr.ifr_mtu;
	if (mtu > MAX_FRAME - ETH_HLEN - 4 - 64)
		mtu = MAX_FRAME - ETH_HLEN - 4 - 64;

	f = malloc(MAX_FRAME);
	if (!f)
		return 1;
	printf("vsw-wire-fuzz: seed %" PRIu64 ", %lu frames out of %s (mtu %u)\n",
	       seed, n, ifname, mtu);
	fflush(stdout);
	rng_state = seed;

	for (i = 0; i < n; i++) {
		enum cls k = classes[rnd(n_classes)];
		bool bad = false;
		size_t len;

		memset(f, 0, 128);
		switch (k) {
		case C_RUNT:
			len = gen_runt(f);
			break;
		case C_VLAN:
			len = gen_vlan(f);
			break;
		case C_LENGTH:
			len = gen_length(f);
			break;
		case C_SOURCE:
			len = gen_source(f, &bad);
			break;
		case C_LACP:
			len = gen_lacp(f);
			break;
		case C_BEACON:
			len = gen_beacon(f);
			break;
		case C_RESERVED:
			len = gen_reserved(f);
			break;
		default:
			len = gen_random(f);
			break;
		}
		if (dump) {
			size_t b;

			printf("%lu %s %zu ", i, cls_name[k], len);
			for (b = 0; b < len; b++)
				printf("%02x", f[b]);
			printf("\n");
			stats[k].sent++;
			stats[k].bytes += len;
			stats[k].bad_source += bad;
			total_sent++;
			continue;
		}
		if (send(fd, f, len, 0) < 0) {
			if (errno == ENOBUFS || errno == EAGAIN) {
				/* Not the frame's fault: once more. */
				usleep(2000);
				if (send(fd, f, len, 0) >= 0)
					goto sent;
			}
			stats[k].refused++;
			errnos[errno & 0xff]++;
			total_refused++;
			if (!quiet && stats[k].refused <= 3)
				printf("  %s: %zu bytes refused: %s\n",
				       cls_name[k], len, strerror(errno));
			continue;
		}
sent:
		stats[k].sent++;
		stats[k].bytes += len;
		stats[k].bad_source += bad;
		total_sent++;
		if (pace && (i + 1) % pace == 0)
			usleep(1000);
	}

	for (c = 0; c < C_MAX; c++) {
		if (!stats[c].sent && !stats[c].refused)
			continue;
		printf("class %-8s sent %6lu refused %5lu bytes %9lu",
		       cls_name[c], stats[c].sent, stats[c].refused,
		       stats[c].bytes);
		if (c == C_SOURCE)
			printf(" invalid_source %lu", stats[c].bad_source);
		printf("\n");
	}
	printf("total sent %lu refused %lu", total_sent, total_refused);
	for (c = 0; c < 256; c++)
		if (errnos[c])
			printf(" %s:%lu", errno_name(c), errnos[c]);
	printf("\n");
	free(f);
	close(fd);
	return 0;
bad:
	usage(stderr);
	return 2;
}
