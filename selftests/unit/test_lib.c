// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvsw without a kernel: hand-built netlink replies fed to the reply
 * engine (ACK, extack, multi-part dumps) and to the object parsers.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <net/if.h>

#include "../../lib/internal.h"
#include "tap.h"

#define FAMILY	0x20
#define SEQ	1000
#define PORTID	4242

static char buf[16384] __attribute__((aligned(4)));
static size_t used;

static void reset(void)
{
	memset(buf, 0, sizeof(buf));
	used = 0;
}

/* Append a message to buf; a genl header for family messages. */
static struct nlmsghdr *put_msg(uint16_t type, uint16_t flags, uint32_t seq,
				uint8_t cmd)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf + used);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_pid = PORTID;
	if (type >= NLMSG_MIN_TYPE) {
		genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
		genl->cmd = cmd;
		genl->version = VSW_GENL_VERSION;
	}
	return nlh;
}

static void end_msg(struct nlmsghdr *nlh)
{
	used += MNL_ALIGN(nlh->nlmsg_len);
}

/* NLMSG_ERROR, capped or with the 8-byte request payload echoed. */
static struct nlmsghdr *put_error(int error, const char *msg, bool capped)
{
	uint16_t flags = msg ? NLM_F_ACK_TLVS : 0;
	struct nlmsghdr *nlh;
	struct nlmsgerr *err;

	nlh = put_msg(NLMSG_ERROR, flags | (capped ? NLM_F_CAPPED : 0), SEQ, 0);
	err = mnl_nlmsg_put_extra_header(nlh, sizeof(*err));
	err->error = error;
	err->msg.nlmsg_len = sizeof(struct nlmsghdr) + (capped ? 0 : 8);
	err->msg.nlmsg_type = FAMILY;
	err->msg.nlmsg_seq = SEQ;
	if (!capped)
		memset(mnl_nlmsg_put_extra_header(nlh, 8), 0xab, 8);
	if (msg) {
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, msg);
		mnl_attr_put_u32(nlh, NLMSGERR_ATTR_OFFS, 20);
	}
	end_msg(nlh);
	return nlh;
}

static struct nlmsghdr *put_done(int error, const char *msg)
{
	struct nlmsghdr *nlh;

	nlh = put_msg(NLMSG_DONE, NLM_F_MULTI | (msg ? NLM_F_ACK_TLVS : 0),
		      SEQ, 0);
	*(int *)mnl_nlmsg_put_extra_header(nlh, sizeof(int)) = error;
	if (msg)
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, msg);
	end_msg(nlh);
	return nlh;
}

static struct nlmsghdr *put_switch(const char *name, uint32_t ifindex,
				   uint32_t seq, uint16_t flags)
{
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nlh = put_msg(FAMILY, flags, seq, VSW_CMD_SWITCH_GET);
	mnl_attr_put_u32(nlh, VSW_A_IFINDEX, ifindex);
	mnl_attr_put_strz(nlh, VSW_A_IFNAME, name);
	mnl_attr_put_u32(nlh, VSW_A_AGEING, 300);
	mnl_attr_put_u32(nlh, VSW_A_FDB_MAX, 65536);
	mnl_attr_put_u32(nlh, VSW_A_FDB_COUNT, 2);
	nest = mnl_attr_nest_start(nlh, VSW_A_PORTS);
	mnl_attr_put_strz(nlh, VSW_A_PORT_IFNAME, "vm1");
	mnl_attr_put_strz(nlh, VSW_A_PORT_IFNAME, "eth1");
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put_u32(nlh, 200, 7);	/* from a newer kernel: ignored */
	end_msg(nlh);
	return nlh;
}

/* A VSW_A_PORTS nest of the names given, up to a NULL. */
static void put_ports(struct nlmsghdr *nlh, const char *first, ...)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, VSW_A_PORTS);
	const char *name;
	va_list ap;

	va_start(ap, first);
	for (name = first; name; name = va_arg(ap, const char *))
		mnl_attr_put_strz(nlh, VSW_A_PORT_IFNAME, name);
	va_end(ap);
	mnl_attr_nest_end(nlh, nest);
}

/* A PORTGROUP_GET reply; @vlan < 0 leaves VSW_A_PG_VLAN out. */
static struct nlmsghdr *put_pg(const char *name, int vlan, uint32_t seq,
			       uint16_t flags)
{
	struct nlmsghdr *nlh;

	nlh = put_msg(FAMILY, flags, seq, VSW_CMD_PORTGROUP_GET);
	mnl_attr_put_u32(nlh, VSW_A_IFINDEX, 5);
	mnl_attr_put_strz(nlh, VSW_A_IFNAME, "sw0");
	mnl_attr_put_strz(nlh, VSW_A_PORTGROUP, name);
	if (vlan >= 0)
		mnl_attr_put_u16(nlh, VSW_A_PG_VLAN, vlan);
	return nlh;
}

struct collect {
	int n;
	char names[4][16];
	unsigned int n_ports;
	int stop_after;
};

static int collect_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct collect *c = arg;
	struct vsw_switch sw;
	int ret = vsw_parse_switch(nlh, &sw);

	if (!ret && c->n < 4) {
		snprintf(c->names[c->n], sizeof(c->names[0]), "%s", sw.name);
		c->n_ports = sw.n_ports;
	}
	c->n++;
	vsw_switch_clear(&sw);
	if (ret)
		return ret;
	return c->stop_after && c->n >= c->stop_after ? 42 : 0;
}

static void test_errors(void)
{
	struct vsw_rx rx;
	const char *msg;

	reset();
	put_error(0, NULL, true);
	ok_int(vsw_parse_nlmsgerr((void *)buf, &msg), 0, "plain ACK is 0");
	ok(msg == NULL, "plain ACK has no message");

	reset();
	put_error(-EEXIST, "vsw: switch sw0 exists", true);
	ok_int(vsw_parse_nlmsgerr((void *)buf, &msg), -EEXIST,
	       "capped error gives its errno");
	ok_str(msg, "vsw: switch sw0 exists", "capped error gives extack");

	reset();
	put_error(-ERANGE, "vsw: ageing out of range", false);
	ok_int(vsw_parse_nlmsgerr((void *)buf, &msg), -ERANGE,
	       "uncapped error gives its errno");
	ok_str(msg, "vsw: ageing out of range",
	       "uncapped error: extack found after the echoed request");

	reset();
	put_error(-EPERM, NULL, true);
	ok_int(vsw_parse_nlmsgerr((void *)buf, &msg), -EPERM,
	       "error without TLVs");
	ok(msg == NULL, "error without TLVs has no message");

	reset();
	put_error(-EINVAL, "x", true);
	((struct nlmsgerr *)mnl_nlmsg_get_payload((void *)buf))->error = 5;
	ok_int(vsw_parse_nlmsgerr((void *)buf, &msg), -EPROTO,
	       "positive error code is a protocol error");
	/* Found by fuzz_lib_reply: apply negated INT_MIN for strerror(). */
	((struct nlmsgerr *)mnl_nlmsg_get_payload((void *)buf))->error = INT_MIN;
	ok_int(vsw_parse_nlmsgerr((void *)buf, &msg), -EPROTO,
	       "error code INT_MIN is a protocol error");
	((struct nlmsgerr *)mnl_nlmsg_get_payload((void *)buf))->error = -4096;
	ok_int(vsw_parse_nlmsgerr((void *)buf, &msg), -EPROTO,
	       "error code below -MAX_ERRNO is a protocol error");
	((struct nlmsgerr *)mnl_nlmsg_get_payload((void *)buf))->error = -4095;
	ok_int(vsw_parse_nlmsgerr((void *)buf, &msg), -4095,
	       "error code -MAX_ERRNO is an errno");

	/* Through the engine: the message reaches rx.errmsg. */
	reset();
	put_error(-ENODEV, "vsw: no switch \"sw9\"", true);
	vsw_rx_init(&rx, SEQ, PORTID, NULL, NULL);
	ok_int(vsw_rx_process(&rx, buf, used), VSW_RX_DONE,
	       "error ends the request");
	ok_int(rx.result, -ENODEV, "engine returns the kernel's errno");
	ok_str(rx.errmsg, "vsw: no switch \"sw9\"", "engine keeps extack");
}

static void test_dump(void)
{
	struct collect c = { 0 };
	struct vsw_rx rx;

	/* Part one: a stale reply of another request, then two switches. */
	reset();
	put_switch("old0", 1, SEQ - 1, NLM_F_MULTI);
	put_switch("sw0", 5, SEQ, NLM_F_MULTI);
	put_switch("sw1", 6, SEQ, NLM_F_MULTI);
	vsw_rx_init(&rx, SEQ, PORTID, collect_cb, &c);
	ok_int(vsw_rx_process(&rx, buf, used), VSW_RX_MORE,
	       "dump without DONE wants more");
	/* Part two, in a second datagram. */
	reset();
	put_switch("sw2", 7, SEQ, NLM_F_MULTI);
	put_done(0, NULL);
	ok_int(vsw_rx_process(&rx, buf, used), VSW_RX_DONE,
	       "DONE ends the dump");
	ok_int(rx.result, 0, "dump succeeds");
	ok_int(c.n, 3, "three switches over two datagrams, stale one skipped");
	ok_str(c.names[0], "sw0", "first switch");
	ok_str(c.names[2], "sw2", "last switch");
	ok_int(c.n_ports, 2, "ports nest parsed");

	/* A callback stopping the walk: the rest is still consumed. */
	memset(&c, 0, sizeof(c));
	c.stop_after = 1;
	reset();
	put_switch("sw0", 5, SEQ, NLM_F_MULTI);
	put_switch("sw1", 6, SEQ, NLM_F_MULTI);
	put_done(0, NULL);
	vsw_rx_init(&rx, SEQ, PORTID, collect_cb, &c);
	ok_int(vsw_rx_process(&rx, buf, used), VSW_RX_DONE,
	       "stopped dump still reads to DONE");
	ok_int(rx.result, 42, "callback's value is the result");
	ok_int(c.n, 1, "no callback after the stop");

	/* DONE carrying an error and extack. */
	reset();
	put_switch("sw0", 5, SEQ, NLM_F_MULTI);
	put_done(-ENOBUFS, "vsw: dump failed");
	vsw_rx_init(&rx, SEQ, PORTID, NULL, NULL);
	vsw_rx_process(&rx, buf, used);
	ok_int(rx.result, -ENOBUFS, "error in DONE");
	ok_str(rx.errmsg, "vsw: dump failed", "extack in DONE");

	/* An interrupted dump is reported, not silently accepted. */
	reset();
	put_switch("sw0", 5, SEQ, NLM_F_MULTI | NLM_F_DUMP_INTR);
	put_done(0, NULL);
	vsw_rx_init(&rx, SEQ, PORTID, NULL, NULL);
	vsw_rx_process(&rx, buf, used);
	ok_int(rx.result, -EAGAIN, "NLM_F_DUMP_INTR gives -EAGAIN");

	/* A message cut short. */
	reset();
	put_switch("sw0", 5, SEQ, NLM_F_MULTI);
	vsw_rx_init(&rx, SEQ, PORTID, NULL, NULL);
	ok_int(vsw_rx_process(&rx, buf, used - 8), VSW_RX_DONE,
	       "truncated datagram ends the request");
	ok_int(rx.result, -EPROTO, "truncated datagram is -EPROTO");

	/*
	 * Lengths beyond INT_MAX, which mnl_nlmsg_ok() lets through (found
	 * by selftests/fuzz/userspace/fuzz_lib_reply): the walk left the
	 * datagram, or stayed on one message for ever.
	 */
	memset(&c, 0, sizeof(c));
	reset();
	put_switch("sw0", 5, SEQ, NLM_F_MULTI)->nlmsg_len = 0xfffffff0;
	vsw_rx_init(&rx, SEQ, PORTID, collect_cb, &c);
	ok_int(vsw_rx_process(&rx, buf, used), VSW_RX_DONE,
	       "nlmsg_len 0xfffffff0 ends the request");
	ok(rx.result == -EPROTO && c.n == 0,
	   "... as a truncated datagram, no callback");
	reset();
	put_switch("sw0", 5, SEQ, NLM_F_MULTI)->nlmsg_len = 0xfffffffd;
	vsw_rx_init(&rx, SEQ, PORTID, collect_cb, &c);
	ok_int(vsw_rx_process(&rx, buf, used), VSW_RX_DONE,
	       "nlmsg_len 0xfffffffd (aligned up: 0) ends the request");
	ok(rx.result == -EPROTO && c.n == 0,
	   "... as a truncated datagram, no callback");

	/* A reply to someone else's port id is ignored. */
	reset();
	put_error(-EEXIST, "not ours", true);
	vsw_rx_init(&rx, SEQ, PORTID + 1, NULL, NULL);
	ok_int(vsw_rx_process(&rx, buf, used), VSW_RX_MORE,
	       "foreign port id skipped");
}

static void test_switch(void)
{
	struct vsw_switch sw;
	struct nlmsghdr *nlh;

	reset();
	nlh = put_switch("sw0", 5, SEQ, 0);
	ok_int(vsw_parse_switch(nlh, &sw), 0, "switch parses");
	ok_str(sw.name, "sw0", "switch name");
	ok(sw.ifindex == 5 && sw.ageing == 300 && sw.fdb_max == 65536 &&
	   sw.fdb_count == 2, "switch numbers");
	ok(sw.n_ports == 2 && !strcmp(sw.ports[0], "vm1") &&
	   !strcmp(sw.ports[1], "eth1"), "switch ports in order");
	ok(vsw_has(&sw, VSW_A_AGEING) && !vsw_has(&sw, VSW_A_MAC),
	   "presence bits");
	vsw_switch_clear(&sw);

	/* A u32 attribute of the wrong size must be refused. */
	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_SWITCH_GET);
	mnl_attr_put_u16(nlh, VSW_A_AGEING, 300);
	end_msg(nlh);
	ok_int(vsw_parse_switch(nlh, &sw), -EPROTO, "short u32 rejected");
	vsw_switch_clear(&sw);

	/* A name without its NUL must be refused. */
	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_SWITCH_GET);
	mnl_attr_put(nlh, VSW_A_IFNAME, 3, "sw0");
	end_msg(nlh);
	ok_int(vsw_parse_switch(nlh, &sw), -EPROTO, "unterminated name rejected");
	vsw_switch_clear(&sw);
}

static void test_port(void)
{
	static const uint8_t mac[6] = { 2, 0, 0, 0, 0, 1 };
	static const uint8_t pmac[6] = { 2, 0, 0, 0, 0, 0x0a };
	struct vsw_port_stats st;
	struct nlattr *stats, *drops;
	struct vsw_port port;
	struct nlmsghdr *nlh;

	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_PORT_GET);
	mnl_attr_put_u32(nlh, VSW_A_IFINDEX, 5);
	mnl_attr_put_strz(nlh, VSW_A_IFNAME, "sw0");
	mnl_attr_put_u32(nlh, VSW_A_PORT_IFINDEX, 9);
	mnl_attr_put_strz(nlh, VSW_A_PORT_IFNAME, "eth1");
	mnl_attr_put_u8(nlh, VSW_A_PORT_KIND, VSW_PORT_KIND_UPLINK);
	mnl_attr_put_u32(nlh, VSW_A_PORT_ID, 3);
	mnl_attr_put_strz(nlh, VSW_A_PORTGROUP, "default");
	mnl_attr_put(nlh, VSW_A_MAC, 6, mac);
	mnl_attr_put(nlh, VSW_A_PORT_MAC, 6, pmac);
	mnl_attr_put(nlh, VSW_A_PORT_MAC_ADMIN, 0, NULL);
	mnl_attr_put_u32(nlh, VSW_A_PORT_FDB_MAX, 64);
	mnl_attr_put_u32(nlh, VSW_A_PORT_FDB_COUNT, 3);
	stats = mnl_attr_nest_start(nlh, VSW_A_PORT_STATS);
	mnl_attr_put_u64(nlh, VSW_STATS_A_RX_PACKETS, 10);
	mnl_attr_put_u64(nlh, VSW_STATS_A_RX_BYTES, 1000);
	mnl_attr_put_u64(nlh, VSW_STATS_A_TX_PACKETS, 20);
	mnl_attr_put_u64(nlh, VSW_STATS_A_TX_BYTES, 5000000000ULL);
	mnl_attr_put_u64(nlh, VSW_STATS_A_FDB_MOVES, 12);
	mnl_attr_put_u64(nlh, VSW_STATS_A_FDB_FLAPS, 1ULL << 40);
	mnl_attr_put_u64(nlh, 30, 99);		/* a newer counter: ignored */
	drops = mnl_attr_nest_start(nlh, VSW_STATS_A_DROPS);
	mnl_attr_put_u64(nlh, VSW_DROP_MTU, 3);
	mnl_attr_put_u64(nlh, VSW_DROP_FORGED, 5);
	mnl_attr_put_u64(nlh, VSW_DROP_FDB_LIMIT, 6);
	mnl_attr_put_u64(nlh, 40, 4);		/* a newer reason */
	mnl_attr_put_u64(nlh, 500, 1);		/* beyond our slots */
	mnl_attr_nest_end(nlh, drops);
	mnl_attr_nest_end(nlh, stats);
	end_msg(nlh);

	ok_int(vsw_parse_port(nlh, &port, &st), 0, "port parses");
	ok_str(port.name, "eth1", "port name");
	ok_str(port.switch_name, "sw0", "port's switch");
	ok(port.kind == VSW_PORT_KIND_UPLINK && port.id == 3 &&
	   port.ifindex == 9, "port kind, id, ifindex");
	ok_str(port.portgroup, "default", "port group");
	ok(!memcmp(port.mac, mac, 6), "port MAC");
	ok(port.stats == &st, "stats present");
	ok(st.rx_packets == 10 && st.rx_bytes == 1000 && st.tx_packets == 20 &&
	   st.tx_bytes == 5000000000ULL, "64-bit counters");
	ok(st.drops[VSW_DROP_MTU] == 3 && st.drops[40] == 4 &&
	   st.drops[VSW_DROP_NOMEM] == 0, "drops by reason, unknown kept");
	ok(st.drops[VSW_DROP_FORGED] == 5 && st.drops[VSW_DROP_FDB_LIMIT] == 6,
	   "new drop reasons: forged, fdb-limit");
	ok(st.fdb_moves == 12 && st.fdb_flaps == 1ULL << 40,
	   "fdb moves and flaps, 64-bit");
	ok(vsw_has(&port, VSW_A_PORT_MAC) && !memcmp(port.port_mac, pmac, 6) &&
	   !memcmp(port.mac, mac, 6), "port MAC apart from the device's");
	ok(port.mac_admin, "admin flag");
	ok(port.fdb_max == 64 && port.fdb_count == 3 &&
	   vsw_has(&port, VSW_A_PORT_FDB_MAX) &&
	   vsw_has(&port, VSW_A_PORT_FDB_COUNT), "port fdb-max and fdb-count");

	/* Bad sizes of the new attributes are refused. */
	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_PORT_GET);
	mnl_attr_put(nlh, VSW_A_PORT_MAC, 5, pmac);
	end_msg(nlh);
	ok_int(vsw_parse_port(nlh, &port, &st), -EPROTO,
	       "5-byte port MAC rejected");
	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_PORT_GET);
	mnl_attr_put_u32(nlh, VSW_A_PORT_MAC_ADMIN, 1);
	end_msg(nlh);
	ok_int(vsw_parse_port(nlh, &port, &st), -EPROTO,
	       "admin flag with a payload rejected");
	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_PORT_GET);
	mnl_attr_put_u16(nlh, VSW_A_PORT_FDB_COUNT, 1);
	end_msg(nlh);
	ok_int(vsw_parse_port(nlh, &port, &st), -EPROTO,
	       "u16 fdb-count rejected");
	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_PORT_GET);
	stats = mnl_attr_nest_start(nlh, VSW_A_PORT_STATS);
	mnl_attr_put_u32(nlh, VSW_STATS_A_FDB_FLAPS, 1);
	mnl_attr_nest_end(nlh, stats);
	end_msg(nlh);
	ok_int(vsw_parse_port(nlh, &port, &st), -EPROTO,
	       "u32 flaps counter rejected");

	/* A MAC of the wrong length must be refused. */
	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_PORT_GET);
	mnl_attr_put(nlh, VSW_A_MAC, 4, mac);
	end_msg(nlh);
	ok_int(vsw_parse_port(nlh, &port, &st), -EPROTO, "4-byte MAC rejected");

	/* No stats nest: no stats pointer. */
	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_PORT_GET);
	mnl_attr_put_strz(nlh, VSW_A_PORT_IFNAME, "vm1");
	end_msg(nlh);
	ok(vsw_parse_port(nlh, &port, &st) == 0 && !port.stats &&
	   !port.portgroup, "absent stats and port group are NULL");
	ok(!vsw_has(&port, VSW_A_PORT_MAC) && !port.mac_admin &&
	   !port.port_mac[0] && !port.fdb_max && !port.fdb_count,
	   "unknown port MAC: absent, no admin flag");
}

static void test_fdb_event(void)
{
	static const uint8_t mac[6] = { 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee };
	struct vsw_port_stats st;
	struct nlmsghdr *nlh;
	struct vsw_event ev;

	reset();
	nlh = put_msg(FAMILY, 0, 0, VSW_CMD_FDB_DEL);
	mnl_attr_put_u32(nlh, VSW_A_IFINDEX, 5);
	mnl_attr_put(nlh, VSW_A_MAC, 6, mac);
	mnl_attr_put_u16(nlh, VSW_A_VLAN, 42);
	mnl_attr_put_u32(nlh, VSW_A_PORT_IFINDEX, 9);
	mnl_attr_put_strz(nlh, VSW_A_PORT_IFNAME, "vm1");
	mnl_attr_put_u32(nlh, VSW_A_FDB_FLAGS, VSW_FDB_F_STATIC);
	mnl_attr_put_u32(nlh, VSW_A_FDB_AGE, 17);
	mnl_attr_put_strz(nlh, VSW_A_IFNAME, "sw0");
	end_msg(nlh);
	ok_int(vsw_parse_event(nlh, &ev, &st), 0, "fdb event parses");
	ok_str(ev.fdb.switch_name, "sw0", "fdb event names its switch");
	ok(ev.cmd == VSW_CMD_FDB_DEL && ev.type == VSW_OBJ_FDB,
	   "event command and object");
	ok(!memcmp(ev.fdb.mac, mac, 6) && ev.fdb.vlan == 42 &&
	   ev.fdb.flags == VSW_FDB_F_STATIC && ev.fdb.age == 17 &&
	   !strcmp(ev.fdb.port, "vm1"), "fdb fields");
	vsw_event_clear(&ev);

	/* Older kernels: the switch by ifindex only. */
	reset();
	nlh = put_msg(FAMILY, 0, 0, VSW_CMD_FDB_NEW);
	mnl_attr_put_u32(nlh, VSW_A_IFINDEX, 5);
	mnl_attr_put(nlh, VSW_A_MAC, 6, mac);
	end_msg(nlh);
	ok(vsw_parse_event(nlh, &ev, &st) == 0 && !ev.fdb.switch_name &&
	   ev.fdb.switch_ifindex == 5, "fdb event without a switch name");

	reset();
	nlh = put_msg(FAMILY, 0, 0, VSW_CMD_PORT_SET);
	mnl_attr_put_strz(nlh, VSW_A_PORT_IFNAME, "vm1");
	mnl_attr_put_strz(nlh, VSW_A_PORTGROUP, "web");
	end_msg(nlh);
	ok(vsw_parse_event(nlh, &ev, &st) == 0 && ev.type == VSW_OBJ_PORT &&
	   ev.cmd == VSW_CMD_PORT_SET && !strcmp(ev.port.portgroup, "web"),
	   "port_set event is a port");

	reset();
	nlh = put_msg(FAMILY, 0, 0, VSW_CMD_PORTGROUP_DEL);
	mnl_attr_put_strz(nlh, VSW_A_IFNAME, "sw0");
	mnl_attr_put_strz(nlh, VSW_A_PORTGROUP, "web");
	mnl_attr_put_u16(nlh, VSW_A_PG_VLAN, 10);
	put_ports(nlh, "vm1", NULL);
	end_msg(nlh);
	ok(vsw_parse_event(nlh, &ev, &st) == 0 &&
	   ev.type == VSW_OBJ_PORTGROUP && !strcmp(ev.pg.name, "web") &&
	   ev.pg.mode == VSW_PG_MODE_ACCESS && ev.pg.n_ports == 1,
	   "portgroup_del event is a port group");
	vsw_event_clear(&ev);
	ok(ev.pg.ports == NULL, "clearing the event frees its port list");

	reset();
	nlh = put_switch("sw3", 8, 0, 0);
	((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->cmd =
		VSW_CMD_SWITCH_SET;
	ok(vsw_parse_event(nlh, &ev, &st) == 0 &&
	   ev.type == VSW_OBJ_SWITCH && !strcmp(ev.sw.name, "sw3") &&
	   ev.sw.n_ports == 2, "switch event");
	vsw_event_clear(&ev);

	reset();
	nlh = put_msg(FAMILY, 0, 0, VSW_CMD_SWITCH_GET);
	end_msg(nlh);
	ok_int(vsw_parse_event(nlh, &ev, &st), 1, "non-event command skipped");
}

static void test_family(void)
{
	struct nlattr *grps, *grp;
	struct nlmsghdr *nlh;
	uint32_t mcgrp;
	uint16_t id;

	reset();
	nlh = put_msg(GENL_ID_CTRL, 0, SEQ, CTRL_CMD_NEWFAMILY);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "vsw");
	mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, 0x1d);
	grps = mnl_attr_nest_start(nlh, CTRL_ATTR_MCAST_GROUPS);
	grp = mnl_attr_nest_start(nlh, 1);
	mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME, "other");
	mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, 11);
	mnl_attr_nest_end(nlh, grp);
	grp = mnl_attr_nest_start(nlh, 2);
	mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME, "events");
	mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, 12);
	mnl_attr_nest_end(nlh, grp);
	mnl_attr_nest_end(nlh, grps);
	end_msg(nlh);
	ok(vsw_parse_family(nlh, &id, &mcgrp) == 0 && id == 0x1d &&
	   mcgrp == 12, "family id and \"events\" group resolved");

	reset();
	nlh = put_msg(GENL_ID_CTRL, 0, SEQ, CTRL_CMD_NEWFAMILY);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "vsw");
	end_msg(nlh);
	ok_int(vsw_parse_family(nlh, &id, &mcgrp), -EPROTO,
	       "reply without a family id refused");
}

/* Request building refuses bad names before anything is sent. */
static void test_requests(void)
{
	struct vsw h = { .family = FAMILY };
	char req[VSW_REQ_LEN];
	struct nlmsghdr *nlh;

	nlh = vsw_req_init(&h, req, FAMILY, VSW_CMD_SWITCH_NEW, 1, 0);
	ok_int(vsw_put_name(&h, nlh, VSW_A_IFNAME, "a-very-long-name0",
			    "switch"), -ENAMETOOLONG, "16-char name refused");
	ok_str(vsw_errmsg(&h),
	       "switch name \"a-very-long-name0\" is too long (max 15)",
	       "library message for a long name");
	nlh = vsw_req_init(&h, req, FAMILY, VSW_CMD_SWITCH_NEW, 1, 0);
	ok(vsw_errmsg(&h) == NULL, "a new request clears the message");
	ok_int(vsw_put_name(&h, nlh, VSW_A_IFNAME, NULL, "switch"), -EINVAL,
	       "missing name refused");
	ok_int(vsw_put_vlan(&h, nlh, 4095), -EINVAL, "VLAN 4095 refused");
	ok(vsw_put_vlan(&h, nlh, -1) == 0 &&
	   nlh->nlmsg_len == MNL_NLMSG_HDRLEN + GENL_HDRLEN,
	   "VLAN -1 sends nothing");
	ok(vsw_put_name(&h, nlh, VSW_A_IFNAME, "sw0", "switch") == 0 &&
	   nlh->nlmsg_seq == h.seq && (nlh->nlmsg_flags & NLM_F_REQUEST),
	   "request header and name");
}

static void test_portgroup(void)
{
	uint8_t bm[VSW_VLAN_BITMAP_LEN] = { 0 };
	struct vsw_portgroup pg;
	struct nlmsghdr *nlh;

	/* Access VLAN with two ports. */
	reset();
	nlh = put_pg("web", 10, SEQ, 0);
	put_ports(nlh, "vm1", "vm2", NULL);
	end_msg(nlh);
	ok_int(vsw_parse_portgroup(nlh, &pg), 0, "access group parses");
	ok_str(pg.name, "web", "port group name");
	ok(pg.switch_ifindex == 5 && !strcmp(pg.switch_name, "sw0"),
	   "port group's switch");
	ok(pg.mode == VSW_PG_MODE_ACCESS && pg.vlan == 10 && pg.native == 0,
	   "VLAN 10 is access mode");
	ok(pg.n_ports == 2 && !strcmp(pg.ports[0], "vm1") &&
	   !strcmp(pg.ports[1], "vm2"), "port group ports in order");
	vsw_portgroup_clear(&pg);

	reset();
	nlh = put_pg("default", 0, SEQ, 0);
	end_msg(nlh);
	ok(vsw_parse_portgroup(nlh, &pg) == 0 &&
	   pg.mode == VSW_PG_MODE_NONE && pg.vlan == 0 && pg.n_ports == 0 &&
	   pg.ports == NULL, "VLAN 0 is mode none; no ports nest, no ports");
	vsw_portgroup_clear(&pg);

	reset();
	nlh = put_pg("guests", VSW_VLAN_TRUNK_ALL, SEQ, 0);
	put_ports(nlh, NULL);
	end_msg(nlh);
	ok(vsw_parse_portgroup(nlh, &pg) == 0 &&
	   pg.mode == VSW_PG_MODE_TRUNK_ALL && pg.vlan == 4095 &&
	   pg.n_ports == 0, "VLAN 4095 is trunk-all; empty ports nest");
	vsw_portgroup_clear(&pg);

	/* Trunk list: 10, 20-30, native 30; stray bits 0 and 4095 dropped. */
	vsw_vlan_bitmap_set(bm, 0);
	vsw_vlan_bitmap_set(bm, 10);
	for (unsigned int v = 20; v <= 30; v++)
		vsw_vlan_bitmap_set(bm, v);
	vsw_vlan_bitmap_set(bm, 4095);
	reset();
	nlh = put_pg("trunk", -1, SEQ, 0);
	mnl_attr_put(nlh, VSW_A_PG_TRUNK, sizeof(bm), bm);
	mnl_attr_put_u16(nlh, VSW_A_PG_NATIVE, 30);
	put_ports(nlh, "vm3", NULL);
	end_msg(nlh);
	ok_int(vsw_parse_portgroup(nlh, &pg), 0, "trunk-list group parses");
	ok(pg.mode == VSW_PG_MODE_TRUNK_LIST && pg.vlan == 0 &&
	   pg.native == 30, "trunk-list mode and native VLAN");
	ok(vsw_vlan_bitmap_test(pg.trunk, 10) &&
	   vsw_vlan_bitmap_test(pg.trunk, 20) &&
	   vsw_vlan_bitmap_test(pg.trunk, 30) &&
	   !vsw_vlan_bitmap_test(pg.trunk, 11) &&
	   !vsw_vlan_bitmap_test(pg.trunk, 31), "trunk bitmap copied");
	ok(!vsw_vlan_bitmap_test(pg.trunk, 0) &&
	   !vsw_vlan_bitmap_test(pg.trunk, 4095),
	   "VLANs 0 and 4095 never reported in a trunk list");
	ok(vsw_has(&pg, VSW_A_PG_TRUNK) && vsw_has(&pg, VSW_A_PG_NATIVE) &&
	   !vsw_has(&pg, VSW_A_PG_VLAN), "trunk presence bits");
	vsw_portgroup_clear(&pg);

	/* A trunk list without a native VLAN. */
	reset();
	nlh = put_pg("trunk", -1, SEQ, 0);
	mnl_attr_put(nlh, VSW_A_PG_TRUNK, sizeof(bm), bm);
	end_msg(nlh);
	ok(vsw_parse_portgroup(nlh, &pg) == 0 &&
	   pg.mode == VSW_PG_MODE_TRUNK_LIST && pg.native == 0,
	   "trunk list without native: native 0");
	vsw_portgroup_clear(&pg);

	/* Malformed replies. */
	reset();
	nlh = put_pg("trunk", -1, SEQ, 0);
	mnl_attr_put(nlh, VSW_A_PG_TRUNK, 511, bm);
	end_msg(nlh);
	ok_int(vsw_parse_portgroup(nlh, &pg), -EPROTO,
	       "511-byte trunk bitmap rejected");
	vsw_portgroup_clear(&pg);

	reset();
	nlh = put_pg("trunk", 4096, SEQ, 0);
	end_msg(nlh);
	ok_int(vsw_parse_portgroup(nlh, &pg), -EPROTO, "VLAN 4096 rejected");
	vsw_portgroup_clear(&pg);

	reset();
	nlh = put_pg("trunk", -1, SEQ, 0);
	mnl_attr_put(nlh, VSW_A_PG_TRUNK, sizeof(bm), bm);
	mnl_attr_put_u16(nlh, VSW_A_PG_NATIVE, 4095);
	end_msg(nlh);
	ok_int(vsw_parse_portgroup(nlh, &pg), -EPROTO,
	       "native VLAN 4095 rejected");
	vsw_portgroup_clear(&pg);

	reset();
	nlh = put_pg("web", -1, SEQ, 0);
	mnl_attr_put_u32(nlh, VSW_A_PG_VLAN, 10);
	end_msg(nlh);
	ok_int(vsw_parse_portgroup(nlh, &pg), -EPROTO,
	       "u32 where PG_VLAN is u16 rejected");
	vsw_portgroup_clear(&pg);

	reset();
	nlh = put_pg("web", 10, SEQ, 0);
	{
		struct nlattr *nest = mnl_attr_nest_start(nlh, VSW_A_PORTS);

		mnl_attr_put(nlh, VSW_A_PORT_IFNAME, 3, "vm1");
		mnl_attr_nest_end(nlh, nest);
	}
	end_msg(nlh);
	ok_int(vsw_parse_portgroup(nlh, &pg), -EPROTO,
	       "unterminated port name in the nest rejected");
	vsw_portgroup_clear(&pg);
}

struct pg_collect {
	int n;
	char names[4][VSW_PORTGROUP_NAMSIZ];
	enum vsw_pg_mode modes[4];
	unsigned int ports;
};

static int pg_collect_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct pg_collect *c = arg;
	struct vsw_portgroup pg;
	int ret = vsw_parse_portgroup(nlh, &pg);

	if (!ret && c->n < 4) {
		snprintf(c->names[c->n], sizeof(c->names[0]), "%s", pg.name);
		c->modes[c->n] = pg.mode;
		c->ports += pg.n_ports;
	}
	c->n++;
	vsw_portgroup_clear(&pg);
	return ret;
}

/* A PORTGROUP_GET dump over two datagrams, through the engine. */
static void test_portgroup_dump(void)
{
	uint8_t bm[VSW_VLAN_BITMAP_LEN] = { 0 };
	struct pg_collect c = { 0 };
	struct nlmsghdr *nlh;
	struct vsw_rx rx;

	vsw_vlan_bitmap_set(bm, 100);
	reset();
	nlh = put_pg("default", 0, SEQ, NLM_F_MULTI);
	put_ports(nlh, "sw0", "vm1", NULL);
	end_msg(nlh);
	nlh = put_pg("web", 10, SEQ, NLM_F_MULTI);
	put_ports(nlh, "vm2", NULL);
	end_msg(nlh);
	vsw_rx_init(&rx, SEQ, PORTID, pg_collect_cb, &c);
	ok_int(vsw_rx_process(&rx, buf, used), VSW_RX_MORE,
	       "port group dump part one");
	reset();
	nlh = put_pg("trunk", -1, SEQ, NLM_F_MULTI);
	mnl_attr_put(nlh, VSW_A_PG_TRUNK, sizeof(bm), bm);
	end_msg(nlh);
	put_done(0, NULL);
	ok_int(vsw_rx_process(&rx, buf, used), VSW_RX_DONE,
	       "port group dump ends with DONE");
	ok(rx.result == 0 && c.n == 3 && c.ports == 3,
	   "three port groups, three ports");
	ok(!strcmp(c.names[0], "default") && !strcmp(c.names[2], "trunk") &&
	   c.modes[0] == VSW_PG_MODE_NONE && c.modes[1] == VSW_PG_MODE_ACCESS &&
	   c.modes[2] == VSW_PG_MODE_TRUNK_LIST, "names and modes in order");

	/* A bad group in the dump is the dump's error. */
	memset(&c, 0, sizeof(c));
	reset();
	nlh = put_pg("bad", 5000, SEQ, NLM_F_MULTI);
	end_msg(nlh);
	put_done(0, NULL);
	vsw_rx_init(&rx, SEQ, PORTID, pg_collect_cb, &c);
	vsw_rx_process(&rx, buf, used);
	ok_int(rx.result, -EPROTO, "malformed port group fails the dump");
}

static const struct nlattr *find_attr(const struct nlmsghdr *nlh,
				      uint16_t type)
{
	const struct nlattr *attr;

	mnl_attr_for_each(attr, nlh, GENL_HDRLEN)
		if (mnl_attr_get_type(attr) == type)
			return attr;
	return NULL;
}

/* Request building: the attributes sent, and what is refused first. */
static void test_portgroup_req(void)
{
	struct vsw h = { .family = FAMILY };
	struct vsw_portgroup_opts o = {
		.sw = "sw0", .name = "trunk", .has_trunk = true,
		.has_native = true, .native = 30,
	};
	const struct genlmsghdr *genl;
	const struct nlattr *a;
	char req[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	unsigned int v;

	vsw_vlan_bitmap_set(o.trunk, 10);
	for (v = 20; v <= 30; v++)
		vsw_vlan_bitmap_set(o.trunk, v);
	vsw_vlan_bitmap_set(o.trunk, 4094);

	ok_int(vsw_portgroup_req(&h, req, VSW_CMD_PORTGROUP_NEW, &o, &nlh), 0,
	       "PORTGROUP_NEW with a trunk list builds");
	genl = mnl_nlmsg_get_payload(nlh);
	ok(nlh->nlmsg_type == FAMILY && genl->cmd == VSW_CMD_PORTGROUP_NEW &&
	   genl->version == VSW_GENL_VERSION &&
	   (nlh->nlmsg_flags & NLM_F_REQUEST), "request header");
	ok(mnl_attr_validate(find_attr(nlh, VSW_A_IFNAME),
			     MNL_TYPE_NUL_STRING) == 0 &&
	   !strcmp(mnl_attr_get_str(find_attr(nlh, VSW_A_IFNAME)), "sw0"),
	   "switch by name");
	a = find_attr(nlh, VSW_A_PORTGROUP);
	ok(a && !strcmp(mnl_attr_get_str(a), "trunk"), "port group name");
	a = find_attr(nlh, VSW_A_PG_TRUNK);
	ok(a && mnl_attr_get_payload_len(a) == VSW_VLAN_BITMAP_LEN &&
	   !memcmp(mnl_attr_get_payload(a), o.trunk, VSW_VLAN_BITMAP_LEN),
	   "trunk bitmap sent whole, 512 bytes");
	ok(a && ((const uint8_t *)mnl_attr_get_payload(a))[1] == 0x04 &&
	   ((const uint8_t *)mnl_attr_get_payload(a))[3] == 0x7f &&
	   ((const uint8_t *)mnl_attr_get_payload(a))[511] == 0x40,
	   "VLAN N is bit N%%8 of byte N/8 (10, 24-30, 4094)");
	a = find_attr(nlh, VSW_A_PG_NATIVE);
	ok(a && mnl_attr_get_payload_len(a) == 2 && mnl_attr_get_u16(a) == 30,
	   "native VLAN as u16");
	ok(!find_attr(nlh, VSW_A_PG_VLAN), "no PG_VLAN with a trunk list");
	ok(nlh->nlmsg_len <= VSW_REQ_LEN, "fits the request buffer");

	/* SET of an access VLAN alone. */
	memset(&o, 0, sizeof(o));
	o.sw = "sw0";
	o.name = "web";
	o.has_vlan = true;
	o.vlan = 4095;
	ok_int(vsw_portgroup_req(&h, req, VSW_CMD_PORTGROUP_SET, &o, &nlh), 0,
	       "PORTGROUP_SET vlan 4095 builds");
	a = find_attr(nlh, VSW_A_PG_VLAN);
	ok(a && mnl_attr_get_u16(a) == 4095 &&
	   !find_attr(nlh, VSW_A_PG_TRUNK) && !find_attr(nlh, VSW_A_PG_NATIVE),
	   "only PG_VLAN sent");

	/* SET of a native VLAN alone: the kernel checks the group's list. */
	o.has_vlan = false;
	o.has_native = true;
	o.native = 20;
	ok(vsw_portgroup_req(&h, req, VSW_CMD_PORTGROUP_SET, &o, &nlh) == 0 &&
	   find_attr(nlh, VSW_A_PG_NATIVE), "PORTGROUP_SET native alone");

#define REFUSED(cmd, err, msg, ...) do {				\
	ok_int(vsw_portgroup_req(&h, req, cmd, &o, &nlh), err,		\
	       __VA_ARGS__);						\
	ok_str(vsw_errmsg(&h), msg, __VA_ARGS__);			\
} while (0)

	o.native = 0;
	o.has_native = false;
	REFUSED(VSW_CMD_PORTGROUP_SET, -EINVAL, "nothing to set",
		"SET without settings refused");
	o.has_native = true;
	o.native = 20;
	REFUSED(VSW_CMD_PORTGROUP_NEW, -EINVAL,
		"a native VLAN needs a trunk list", "NEW: native without trunk");
	o.has_vlan = true;
	o.vlan = 5;
	REFUSED(VSW_CMD_PORTGROUP_SET, -EINVAL,
		"a native VLAN needs a trunk list", "vlan with native refused");
	o.has_native = false;
	o.vlan = 4096;
	REFUSED(VSW_CMD_PORTGROUP_NEW, -EINVAL, "invalid VLAN 4096 (0-4095)",
		"VLAN 4096 refused");
	o.vlan = 5;
	o.has_trunk = true;
	vsw_vlan_bitmap_set(o.trunk, 10);
	REFUSED(VSW_CMD_PORTGROUP_NEW, -EINVAL,
		"a VLAN and a trunk list cannot be combined",
		"vlan and trunk refused");
	o.has_vlan = false;
	o.has_native = true;
	o.native = 11;
	REFUSED(VSW_CMD_PORTGROUP_NEW, -EINVAL,
		"native VLAN 11 is not in the trunk list",
		"native outside the list refused");
	o.native = 4095;
	REFUSED(VSW_CMD_PORTGROUP_NEW, -EINVAL,
		"invalid native VLAN 4095 (1-4094)", "native 4095 refused");
	o.has_native = false;
	vsw_vlan_bitmap_set(o.trunk, 4095);
	REFUSED(VSW_CMD_PORTGROUP_NEW, -EINVAL,
		"a trunk list holds VLANs 1-4094 only",
		"VLAN 4095 in a trunk list refused");
	memset(o.trunk, 0, sizeof(o.trunk));
	vsw_vlan_bitmap_set(o.trunk, 0);
	REFUSED(VSW_CMD_PORTGROUP_NEW, -EINVAL,
		"a trunk list holds VLANs 1-4094 only",
		"VLAN 0 in a trunk list refused");
	memset(o.trunk, 0, sizeof(o.trunk));
	REFUSED(VSW_CMD_PORTGROUP_NEW, -EINVAL, "empty trunk list",
		"empty trunk list refused");

	memset(&o, 0, sizeof(o));
	o.sw = "sw0";
	REFUSED(VSW_CMD_PORTGROUP_NEW, -EINVAL, "missing port group name",
		"missing port group name");
	o.name = "a b";
	REFUSED(VSW_CMD_PORTGROUP_NEW, -EINVAL,
		"invalid port group name \"a b\" (printable characters, no spaces)",
		"port group name with a space");
	o.name = "\x01x";
	ok_int(vsw_portgroup_req(&h, req, VSW_CMD_PORTGROUP_NEW, &o, &nlh),
	       -EINVAL, "port group name with a control character");
	o.name = "a123456789b123456789c123456789d123456789e123456789f123456789xyz";
	ok(strlen(o.name) == 63 &&
	   vsw_portgroup_req(&h, req, VSW_CMD_PORTGROUP_NEW, &o, &nlh) == 0,
	   "63-character port group name");
	o.name = "a123456789b123456789c123456789d123456789e123456789f123456789wxyz";
	REFUSED(VSW_CMD_PORTGROUP_NEW, -ENAMETOOLONG,
		"port group name \"a123456789b123456789c123456789d123456789e123456789f123456789wxyz\" is too long (max 63)",
		"64-character port group name refused");
	o.name = "web";
	o.sw = NULL;
	REFUSED(VSW_CMD_PORTGROUP_NEW, -EINVAL, "missing switch name",
		"missing switch refused");
#undef REFUSED

	/* Port requests refused before anything is sent. */
	{
		struct vsw_port_opts po = { .portgroup = "web" };

		ok_int(vsw_port_add(&h, "sw0", "eth1", VSW_PORT_KIND_UPLINK, &po),
		       -EINVAL, "uplink with a port group refused");
		ok_str(vsw_errmsg(&h), "uplinks have no port group",
		       "uplink port group message");
		po.portgroup = "bad name";
		ok_int(vsw_port_add(&h, "sw0", "vm1", VSW_PORT_KIND_PORT, &po),
		       -EINVAL, "port add with a bad port group name refused");
		ok_int(vsw_port_set(&h, "vm1", NULL), -EINVAL,
		       "port set without settings refused");
		ok_str(vsw_errmsg(&h), "nothing to set", "port set message");
		po.portgroup = "";
		ok_int(vsw_port_set(&h, "vm1", &po), -EINVAL,
		       "port set with an empty port group refused");
	}
}

/* Port group replies with security policies and shaping. */
static void test_portgroup_policy(void)
{
	struct vsw_portgroup pg;
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	reset();
	nlh = put_pg("web", 10, SEQ, 0);
	mnl_attr_put_u8(nlh, VSW_A_PG_PROMISC, 1);
	mnl_attr_put_u8(nlh, VSW_A_PG_MAC_CHANGE, 0);
	mnl_attr_put_u8(nlh, VSW_A_PG_FORGED_TRANSMITS, 1);
	nest = mnl_attr_nest_start(nlh, VSW_A_PG_SHAPING);
	mnl_attr_put_u32(nlh, VSW_SHAPING_A_BURST_KB, 100);
	mnl_attr_put_u32(nlh, VSW_SHAPING_A_AVG_KBIT, 1000);
	mnl_attr_put_u32(nlh, VSW_SHAPING_A_PEAK_KBIT, 2000);
	mnl_attr_put_u32(nlh, 9, 7);		/* newer: ignored */
	mnl_attr_nest_end(nlh, nest);
	put_ports(nlh, "vm1", NULL);
	end_msg(nlh);
	ok_int(vsw_parse_portgroup(nlh, &pg), 0, "group with policies parses");
	ok(pg.promisc && !pg.mac_change && pg.forged_transmits &&
	   vsw_has(&pg, VSW_A_PG_PROMISC) && vsw_has(&pg, VSW_A_PG_MAC_CHANGE),
	   "security policies");
	ok(pg.shaping_on && pg.shaping.avg_kbit == 1000 &&
	   pg.shaping.peak_kbit == 2000 && pg.shaping.burst_kb == 100,
	   "shaping values, any order");
	ok(pg.mode == VSW_PG_MODE_ACCESS && pg.n_ports == 1,
	   "VLAN mode and ports still parsed");
	vsw_portgroup_clear(&pg);

	/* Absent shaping and policies: off. */
	reset();
	nlh = put_pg("web", 10, SEQ, 0);
	mnl_attr_put_u8(nlh, VSW_A_PG_PROMISC, 0);
	end_msg(nlh);
	ok(vsw_parse_portgroup(nlh, &pg) == 0 && !pg.shaping_on &&
	   !pg.promisc && !pg.mac_change && !pg.forged_transmits &&
	   !vsw_has(&pg, VSW_A_PG_SHAPING), "absent shaping is off");
	vsw_portgroup_clear(&pg);

	/* An empty nest: off too. */
	reset();
	nlh = put_pg("web", 10, SEQ, 0);
	nest = mnl_attr_nest_start(nlh, VSW_A_PG_SHAPING);
	mnl_attr_nest_end(nlh, nest);
	end_msg(nlh);
	ok(vsw_parse_portgroup(nlh, &pg) == 0 && !pg.shaping_on,
	   "empty shaping nest is off");
	vsw_portgroup_clear(&pg);

	reset();
	nlh = put_pg("web", 10, SEQ, 0);
	nest = mnl_attr_nest_start(nlh, VSW_A_PG_SHAPING);
	mnl_attr_put_u32(nlh, VSW_SHAPING_A_AVG_KBIT, 1000);
	mnl_attr_nest_end(nlh, nest);
	end_msg(nlh);
	ok_int(vsw_parse_portgroup(nlh, &pg), -EPROTO,
	       "shaping with avg alone rejected");
	vsw_portgroup_clear(&pg);

	reset();
	nlh = put_pg("web", 10, SEQ, 0);
	nest = mnl_attr_nest_start(nlh, VSW_A_PG_SHAPING);
	mnl_attr_put_u32(nlh, VSW_SHAPING_A_AVG_KBIT, 1000);
	mnl_attr_put_u32(nlh, VSW_SHAPING_A_PEAK_KBIT, 1000);
	mnl_attr_put_u16(nlh, VSW_SHAPING_A_BURST_KB, 10);
	mnl_attr_nest_end(nlh, nest);
	end_msg(nlh);
	ok_int(vsw_parse_portgroup(nlh, &pg), -EPROTO,
	       "u16 burst rejected");
	vsw_portgroup_clear(&pg);

	reset();
	nlh = put_pg("web", 10, SEQ, 0);
	mnl_attr_put_u32(nlh, VSW_A_PG_PROMISC, 1);
	end_msg(nlh);
	ok_int(vsw_parse_portgroup(nlh, &pg), -EPROTO, "u32 promisc rejected");
	vsw_portgroup_clear(&pg);
}

/* The policy attributes of PORTGROUP_NEW/SET. */
static void test_portgroup_policy_req(void)
{
	struct vsw h = { .family = FAMILY };
	struct vsw_portgroup_opts o = {
		.sw = "sw0", .name = "web",
		.has_promisc = true, .promisc = true,
		.has_forged_transmits = true, .forged_transmits = false,
		.has_shaping = true,
		.shaping = { .avg_kbit = 1000, .peak_kbit = 2000, .burst_kb = 100 },
	};
	const struct nlattr *a, *attr;
	char req[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	unsigned int n = 0;
	uint32_t v[VSW_SHAPING_A_MAX + 1] = { 0 };

	ok_int(vsw_portgroup_req(&h, req, VSW_CMD_PORTGROUP_NEW, &o, &nlh), 0,
	       "PORTGROUP_NEW with policies and shaping builds");
	a = find_attr(nlh, VSW_A_PG_PROMISC);
	ok(a && mnl_attr_get_payload_len(a) == 1 && mnl_attr_get_u8(a) == 1,
	   "promisc on as u8 1");
	a = find_attr(nlh, VSW_A_PG_FORGED_TRANSMITS);
	ok(a && mnl_attr_get_payload_len(a) == 1 && mnl_attr_get_u8(a) == 0,
	   "forged-transmits off as u8 0");
	ok(!find_attr(nlh, VSW_A_PG_MAC_CHANGE), "mac-change not given: not sent");
	ok(!find_attr(nlh, VSW_A_PG_VLAN), "no VLAN given: not sent");
	a = find_attr(nlh, VSW_A_PG_SHAPING);
	ok(a && (a->nla_type & NLA_F_NESTED) &&
	   mnl_attr_validate(a, MNL_TYPE_NESTED) == 0,
	   "shaping nest, flagged NLA_F_NESTED");
	if (a)
		mnl_attr_for_each_nested(attr, a) {
			n++;
			if (mnl_attr_get_type(attr) <= VSW_SHAPING_A_MAX &&
			    mnl_attr_get_payload_len(attr) == 4)
				v[mnl_attr_get_type(attr)] = mnl_attr_get_u32(attr);
		}
	ok(n == 3 && v[VSW_SHAPING_A_AVG_KBIT] == 1000 &&
	   v[VSW_SHAPING_A_PEAK_KBIT] == 2000 &&
	   v[VSW_SHAPING_A_BURST_KB] == 100, "avg, peak, burst as u32");

	/* shaping off: an empty nest; a policy alone is enough to set. */
	memset(&o, 0, sizeof(o));
	o.sw = "sw0";
	o.name = "web";
	o.has_shaping = true;
	ok_int(vsw_portgroup_req(&h, req, VSW_CMD_PORTGROUP_SET, &o, &nlh), 0,
	       "PORTGROUP_SET shaping off builds");
	a = find_attr(nlh, VSW_A_PG_SHAPING);
	ok(a && mnl_attr_get_payload_len(a) == 0, "shaping off: empty nest");
	ok(!find_attr(nlh, VSW_A_PG_PROMISC), "no policies sent");
	o.has_shaping = false;
	o.has_mac_change = true;
	o.mac_change = true;
	ok(vsw_portgroup_req(&h, req, VSW_CMD_PORTGROUP_SET, &o, &nlh) == 0 &&
	   (a = find_attr(nlh, VSW_A_PG_MAC_CHANGE)) && mnl_attr_get_u8(a) == 1 &&
	   !find_attr(nlh, VSW_A_PG_SHAPING), "PORTGROUP_SET mac-change alone");

#define REFUSED(err, msg, ...) do {					\
	ok_int(vsw_portgroup_req(&h, req, VSW_CMD_PORTGROUP_SET, &o, &nlh),\
	       err, __VA_ARGS__);					\
	ok_str(vsw_errmsg(&h), msg, __VA_ARGS__);			\
} while (0)

	o.has_mac_change = false;
	o.has_shaping = true;
	o.shaping = (struct vsw_shaping){ .avg_kbit = 1000, .peak_kbit = 500,
					  .burst_kb = 10 };
	REFUSED(-EINVAL, "peak (500) is below avg (1000)", "peak below avg");
	o.shaping.peak_kbit = 1000;
	ok(vsw_portgroup_req(&h, req, VSW_CMD_PORTGROUP_SET, &o, &nlh) == 0,
	   "peak == avg accepted");
	o.shaping.burst_kb = VSW_SHAPING_BURST_MAX;
	ok(vsw_portgroup_req(&h, req, VSW_CMD_PORTGROUP_SET, &o, &nlh) == 0,
	   "burst VSW_SHAPING_BURST_MAX accepted");
	o.shaping.burst_kb = VSW_SHAPING_BURST_MAX + 1;
	REFUSED(-EINVAL, "invalid burst 1048577 (1-1048576 KB)",
		"burst over the maximum");
	o.shaping.burst_kb = 0;
	REFUSED(-EINVAL, "shaping needs avg, peak and burst", "burst 0");
	o.shaping = (struct vsw_shaping){ .peak_kbit = 1000, .burst_kb = 10 };
	REFUSED(-EINVAL, "shaping needs avg, peak and burst", "avg 0");
	o.shaping = (struct vsw_shaping){ .avg_kbit = 1000, .burst_kb = 10 };
	REFUSED(-EINVAL, "shaping needs avg, peak and burst", "peak 0");
#undef REFUSED
}

/* PORT_NEW/SET: port group, the port's MAC, fdb-max. */
static void test_port_req(void)
{
	static const uint8_t zero[6];
	struct vsw h = { .family = FAMILY };
	struct vsw_port_opts o = {
		.portgroup = "web", .has_mac = true,
		.mac = { 0x02, 0, 0, 0, 0, 0x0a },
		.has_fdb_max = true, .fdb_max = 16,
	};
	const struct genlmsghdr *genl;
	const struct nlattr *a;
	char req[VSW_REQ_LEN];
	struct nlmsghdr *nlh;

	ok_int(vsw_port_req(&h, req, VSW_CMD_PORT_NEW, "sw0", "vm1",
			    VSW_PORT_KIND_PORT, &o, &nlh), 0,
	       "PORT_NEW with portgroup, mac and fdb-max builds");
	genl = mnl_nlmsg_get_payload(nlh);
	ok(genl->cmd == VSW_CMD_PORT_NEW, "PORT_NEW command");
	a = find_attr(nlh, VSW_A_IFNAME);
	ok(a && !strcmp(mnl_attr_get_str(a), "sw0"), "switch");
	a = find_attr(nlh, VSW_A_PORT_IFNAME);
	ok(a && !strcmp(mnl_attr_get_str(a), "vm1"), "port");
	a = find_attr(nlh, VSW_A_PORTGROUP);
	ok(a && !strcmp(mnl_attr_get_str(a), "web"), "port group");
	a = find_attr(nlh, VSW_A_PORT_MAC);
	ok(a && mnl_attr_get_payload_len(a) == 6 &&
	   !memcmp(mnl_attr_get_payload(a), o.mac, 6), "port MAC, 6 bytes");
	ok(!find_attr(nlh, VSW_A_MAC), "not as VSW_A_MAC");
	a = find_attr(nlh, VSW_A_PORT_FDB_MAX);
	ok(a && mnl_attr_get_payload_len(a) == 4 && mnl_attr_get_u32(a) == 16,
	   "fdb-max as u32");
	a = find_attr(nlh, VSW_A_PORT_KIND);
	ok(a && mnl_attr_get_u8(a) == VSW_PORT_KIND_PORT, "kind");

	/* mac none: all zeroes on set. */
	memset(&o, 0, sizeof(o));
	o.has_mac = true;
	ok_int(vsw_port_req(&h, req, VSW_CMD_PORT_SET, NULL, "vm1", 0, &o,
			    &nlh), 0, "PORT_SET with an all-zero MAC builds");
	genl = mnl_nlmsg_get_payload(nlh);
	a = find_attr(nlh, VSW_A_PORT_MAC);
	ok(genl->cmd == VSW_CMD_PORT_SET && a &&
	   mnl_attr_get_payload_len(a) == 6 &&
	   !memcmp(mnl_attr_get_payload(a), zero, 6),
	   "forgetting the MAC sends six zero bytes");
	ok(!find_attr(nlh, VSW_A_IFNAME) && !find_attr(nlh, VSW_A_PORT_KIND) &&
	   !find_attr(nlh, VSW_A_PORTGROUP) &&
	   !find_attr(nlh, VSW_A_PORT_FDB_MAX), "nothing else sent on set");

	memset(&o, 0, sizeof(o));
	o.has_fdb_max = true;
	ok(vsw_port_req(&h, req, VSW_CMD_PORT_SET, NULL, "vm1", 0, &o,
			&nlh) == 0 &&
	   (a = find_attr(nlh, VSW_A_PORT_FDB_MAX)) && mnl_attr_get_u32(a) == 0 &&
	   !find_attr(nlh, VSW_A_PORT_MAC), "PORT_SET fdb-max 0 alone");

	/* Refused before sending. */
	memset(&o, 0, sizeof(o));
	o.has_mac = true;
	ok_int(vsw_port_req(&h, req, VSW_CMD_PORT_NEW, "sw0", "vm1",
			    VSW_PORT_KIND_PORT, &o, &nlh), -EINVAL,
	       "PORT_NEW with an all-zero MAC refused");
	ok_str(vsw_errmsg(&h),
	       "port MAC 00:00:00:00:00:00 only forgets the MAC of an existing port",
	       "all-zero MAC message");
	o.mac[0] = 0x01;
	o.mac[5] = 0x01;
	ok_int(vsw_port_req(&h, req, VSW_CMD_PORT_SET, NULL, "vm1", 0, &o,
			    &nlh), -EINVAL, "multicast port MAC refused");
	ok_str(vsw_errmsg(&h), "port MAC 01:00:00:00:00:01 is a multicast address",
	       "multicast MAC message");
	o.mac[0] = 0x02;
	ok_int(vsw_port_req(&h, req, VSW_CMD_PORT_NEW, "sw0", "eth1",
			    VSW_PORT_KIND_UPLINK, &o, &nlh), -EINVAL,
	       "uplink with a MAC refused");
	ok_str(vsw_errmsg(&h), "uplinks have no port MAC", "uplink MAC message");
	o.has_mac = false;
	o.has_fdb_max = true;
	ok(vsw_port_req(&h, req, VSW_CMD_PORT_NEW, "sw0", "eth1",
			VSW_PORT_KIND_UPLINK, &o, &nlh) == 0 &&
	   find_attr(nlh, VSW_A_PORT_FDB_MAX), "uplink with fdb-max builds");
	memset(&o, 0, sizeof(o));
	ok_int(vsw_port_req(&h, req, VSW_CMD_PORT_SET, NULL, "vm1", 0, &o,
			    &nlh), -EINVAL, "PORT_SET without settings refused");
	ok_str(vsw_errmsg(&h), "nothing to set", "nothing to set message");
}

static void test_vlan_format(void)
{
	uint8_t bm[VSW_VLAN_BITMAP_LEN] = { 0 };
	char s[VSW_VLAN_LIST_STRLEN], small[8];
	unsigned int v;
	int n;

	ok(vsw_vlan_bitmap_format(bm, s, sizeof(s)) == 0 && !strcmp(s, ""),
	   "no VLANs: empty string");
	vsw_vlan_bitmap_set(bm, 0);
	vsw_vlan_bitmap_set(bm, 4095);
	ok(vsw_vlan_bitmap_format(bm, s, sizeof(s)) == 0 && !strcmp(s, ""),
	   "VLANs 0 and 4095 are never listed");
	vsw_vlan_bitmap_set(bm, 1);
	vsw_vlan_bitmap_set(bm, 10);
	vsw_vlan_bitmap_set(bm, 11);
	for (v = 20; v <= 30; v++)
		vsw_vlan_bitmap_set(bm, v);
	vsw_vlan_bitmap_set(bm, 4094);
	n = vsw_vlan_bitmap_format(bm, s, sizeof(s));
	ok_str(s, "1,10-11,20-30,4094", "singles, a pair and a run");
	ok_int(n, strlen("1,10-11,20-30,4094"), "returns the length");

	/* Truncation: NUL-terminated, full length returned. */
	ok_int(vsw_vlan_bitmap_format(bm, small, sizeof(small)), n,
	       "short buffer: full length returned");
	ok_str(small, "1,10-11", "short buffer: truncated, terminated");
	ok_int(vsw_vlan_bitmap_format(bm, NULL, 0), n, "size 0 only counts");

	memset(bm, 0xff, sizeof(bm));
	vsw_vlan_bitmap_format(bm, s, sizeof(s));
	ok_str(s, "1-4094", "every VLAN is one range");

	/* The longest list there is fits VSW_VLAN_LIST_STRLEN. */
	memset(bm, 0, sizeof(bm));
	for (v = 1; v <= VSW_VLAN_MAX; v++)
		if (v % 3)
			vsw_vlan_bitmap_set(bm, v);
	n = vsw_vlan_bitmap_format(bm, NULL, 0);
	ok(n > 12000 && n < VSW_VLAN_LIST_STRLEN,
	   "worst case (pairs) is %d bytes, under VSW_VLAN_LIST_STRLEN", n);
	vsw_vlan_bitmap_format(bm, s, sizeof(s));
	ok(!strncmp(s, "1-2,4-5,7-8,", 12) &&
	   !strcmp(s + n - 10, ",4093-4094"), "worst case starts and ends right");
}

/* One VSW_A_TEAM_UPLINK nest; @lacp adds the four LACP attributes. */
static void put_uplink(struct nlmsghdr *nlh, uint32_t ifindex,
		       const char *name, uint8_t state, bool link, int beacon,
		       bool lacp)
{
	static const uint8_t partner[6] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };
	struct nlattr *nest = mnl_attr_nest_start(nlh, VSW_A_TEAM_UPLINK);

	mnl_attr_put_u32(nlh, VSW_TEAM_UPLINK_A_IFINDEX, ifindex);
	if (name)
		mnl_attr_put_strz(nlh, VSW_TEAM_UPLINK_A_IFNAME, name);
	mnl_attr_put_u8(nlh, VSW_TEAM_UPLINK_A_STATE, state);
	mnl_attr_put_u8(nlh, VSW_TEAM_UPLINK_A_LINK, link);
	if (beacon >= 0)
		mnl_attr_put_u8(nlh, VSW_TEAM_UPLINK_A_BEACON, beacon);
	if (lacp) {
		mnl_attr_put_u8(nlh, VSW_TEAM_UPLINK_A_LACP_ACTOR_STATE, 0x3f);
		mnl_attr_put_u8(nlh, VSW_TEAM_UPLINK_A_LACP_PARTNER_STATE, 0xc5);
		mnl_attr_put(nlh, VSW_TEAM_UPLINK_A_LACP_PARTNER_SYSTEM, 6,
			     partner);
		mnl_attr_put_u16(nlh, VSW_TEAM_UPLINK_A_LACP_PARTNER_KEY, 9);
	}
	mnl_attr_put_u8(nlh, 99, 1);	/* from a newer kernel: ignored */
	mnl_attr_nest_end(nlh, nest);
}

/* A nest of VSW_A_PORT_IFINDEX, as TEAM_SET takes and TEAM_GET gives. */
static void put_ifindexes(struct nlmsghdr *nlh, uint16_t type, int n, ...)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, type);
	va_list ap;

	va_start(ap, n);
	while (n--)
		mnl_attr_put_u32(nlh, VSW_A_PORT_IFINDEX, va_arg(ap, uint32_t));
	va_end(ap);
	mnl_attr_nest_end(nlh, nest);
}

/* TEAM_GET of a failover team: eth1, eth2 active, eth3 standby (failed). */
static struct nlmsghdr *put_team(const char *sw, uint32_t seq,
				 uint16_t flags)
{
	struct nlmsghdr *nlh;
	struct nlattr *ups;

	nlh = put_msg(FAMILY, flags, seq, VSW_CMD_TEAM_GET);
	mnl_attr_put_u32(nlh, VSW_A_IFINDEX, 5);
	mnl_attr_put_strz(nlh, VSW_A_IFNAME, sw);
	mnl_attr_put_u8(nlh, VSW_A_TEAM_POLICY, VSW_TEAM_POLICY_FAILOVER);
	mnl_attr_put_u8(nlh, VSW_A_TEAM_DETECT, VSW_TEAM_DETECT_BEACON);
	mnl_attr_put_u8(nlh, VSW_A_TEAM_DETECT_USED, VSW_TEAM_DETECT_LINK);
	mnl_attr_put_u8(nlh, VSW_A_TEAM_FAILBACK, 1);
	mnl_attr_put_u8(nlh, VSW_A_TEAM_NOTIFY, 0);
	mnl_attr_put_u8(nlh, VSW_A_TEAM_LACP_RATE, VSW_LACP_RATE_FAST);
	/* The lists before the uplinks that name them. */
	put_ifindexes(nlh, VSW_A_TEAM_ACTIVE, 2, 12, 11);
	put_ifindexes(nlh, VSW_A_TEAM_STANDBY, 1, 13);
	ups = mnl_attr_nest_start(nlh, VSW_A_TEAM_UPLINKS);
	put_uplink(nlh, 12, "eth2", VSW_TEAM_STATE_ACTIVE, true, -1, false);
	put_uplink(nlh, 11, "eth1", VSW_TEAM_STATE_STANDBY, true, -1, false);
	put_uplink(nlh, 13, "eth3", VSW_TEAM_STATE_FAILED, false, -1, false);
	mnl_attr_nest_end(nlh, ups);
	return nlh;
}

static void test_team_parse(void)
{
	static const uint8_t sys[6] = { 0x02, 0, 0, 0, 0, 0x05 };
	struct nlmsghdr *nlh;
	struct nlattr *ups;
	struct vsw_team t;

	reset();
	nlh = put_team("sw0", SEQ, 0);
	end_msg(nlh);
	ok_int(vsw_parse_team(nlh, &t), 0, "TEAM_GET reply parses");
	ok(!strcmp(t.switch_name, "sw0") && t.switch_ifindex == 5,
	   "team: switch name and ifindex");
	ok(t.policy == VSW_TEAM_POLICY_FAILOVER &&
	   t.detect == VSW_TEAM_DETECT_BEACON &&
	   t.detect_used == VSW_TEAM_DETECT_LINK && t.failback && !t.notify &&
	   t.lacp_rate == VSW_LACP_RATE_FAST,
	   "team: policy, detect, detect used, failback, notify, LACP rate");
	ok(vsw_has(&t, VSW_A_TEAM_NOTIFY) && vsw_has(&t, VSW_A_TEAM_DETECT_USED) &&
	   !vsw_has(&t, VSW_A_TEAM_LACP_SYSTEM) &&
	   !vsw_has(&t, VSW_A_TEAM_LACP_KEY), "team: attrs say what was there");
	ok(t.n_uplinks == 3 && !strcmp(t.uplinks[0].name, "eth2") &&
	   !strcmp(t.uplinks[1].name, "eth1") &&
	   !strcmp(t.uplinks[2].name, "eth3") && t.uplinks[2].ifindex == 13,
	   "team: three uplinks in team order");
	ok(t.uplinks[0].state == VSW_TEAM_STATE_ACTIVE && t.uplinks[0].link &&
	   t.uplinks[1].state == VSW_TEAM_STATE_STANDBY &&
	   t.uplinks[2].state == VSW_TEAM_STATE_FAILED && !t.uplinks[2].link,
	   "team: uplink states and links");
	ok(!vsw_has(&t.uplinks[0], VSW_TEAM_UPLINK_A_BEACON) &&
	   !vsw_has(&t.uplinks[0], VSW_TEAM_UPLINK_A_LACP_ACTOR_STATE) &&
	   vsw_has(&t.uplinks[0], VSW_TEAM_UPLINK_A_LINK),
	   "team: no beacon or LACP attributes without them");
	ok(t.n_active == 2 && !strcmp(t.active[0], "eth2") &&
	   !strcmp(t.active[1], "eth1"),
	   "team: active list named from the uplinks, in list order");
	ok(t.n_standby == 1 && !strcmp(t.standby[0], "eth3"),
	   "team: standby list");
	vsw_team_clear(&t);
	ok(!t.active && !t.standby && !t.uplinks && !t.n_uplinks,
	   "vsw_team_clear frees the lists and uplinks");

	/* LACP: system and key, per-uplink actor and partner; beacons. */
	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_TEAM_GET);
	mnl_attr_put_strz(nlh, VSW_A_IFNAME, "sw1");
	mnl_attr_put_u8(nlh, VSW_A_TEAM_POLICY, VSW_TEAM_POLICY_LACP);
	mnl_attr_put(nlh, VSW_A_TEAM_LACP_SYSTEM, 6, sys);
	mnl_attr_put_u16(nlh, VSW_A_TEAM_LACP_KEY, 17);
	put_ifindexes(nlh, VSW_A_TEAM_ACTIVE, 0);
	ups = mnl_attr_nest_start(nlh, VSW_A_TEAM_UPLINKS);
	put_uplink(nlh, 21, "ens1", VSW_TEAM_STATE_ACTIVE, true, 1, true);
	put_uplink(nlh, 22, "ens2", VSW_TEAM_STATE_FAILED, true, 0, false);
	mnl_attr_nest_end(nlh, ups);
	end_msg(nlh);
	ok_int(vsw_parse_team(nlh, &t), 0, "LACP team parses");
	ok(t.policy == VSW_TEAM_POLICY_LACP && vsw_has(&t, VSW_A_TEAM_LACP_KEY) &&
	   t.lacp_key == 17 && !memcmp(t.lacp_system, sys, 6),
	   "LACP system and key");
	ok(t.n_active == 0 && !t.active && t.n_standby == 0 && !t.standby,
	   "empty active nest and no standby: no lists");
	ok(!vsw_has(&t, VSW_A_TEAM_DETECT) && t.detect == 0 && !t.failback &&
	   !vsw_has(&t, VSW_A_TEAM_FAILBACK),
	   "missing settings read as zero, their bits clear");
	ok(t.n_uplinks == 2 && t.uplinks[0].lacp_actor_state == 0x3f &&
	   t.uplinks[0].lacp_partner_state == 0xc5 &&
	   t.uplinks[0].lacp_partner_key == 9 &&
	   !memcmp(t.uplinks[0].lacp_partner_system, "\x00\x11\x22\x33\x44\x55", 6) &&
	   vsw_has(&t.uplinks[0], VSW_TEAM_UPLINK_A_LACP_PARTNER_KEY),
	   "uplink LACP actor/partner state, system and key");
	ok(vsw_has(&t.uplinks[0], VSW_TEAM_UPLINK_A_BEACON) &&
	   t.uplinks[0].beacon && vsw_has(&t.uplinks[1], VSW_TEAM_UPLINK_A_BEACON) &&
	   !t.uplinks[1].beacon &&
	   !vsw_has(&t.uplinks[1], VSW_TEAM_UPLINK_A_LACP_ACTOR_STATE),
	   "beacon flags; LACP attributes per uplink");
	vsw_team_clear(&t);

	/* A team without uplinks: no lists, nothing allocated. */
	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_TEAM_GET);
	mnl_attr_put_strz(nlh, VSW_A_IFNAME, "sw2");
	mnl_attr_put_u8(nlh, VSW_A_TEAM_POLICY, VSW_TEAM_POLICY_PORT_ID);
	ups = mnl_attr_nest_start(nlh, VSW_A_TEAM_UPLINKS);
	mnl_attr_nest_end(nlh, ups);
	end_msg(nlh);
	ok(vsw_parse_team(nlh, &t) == 0 && t.n_uplinks == 0 && !t.uplinks &&
	   vsw_has(&t, VSW_A_TEAM_UPLINKS), "team without uplinks");
	vsw_team_clear(&t);

	/* Lists by name, should a kernel send them so. */
	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_TEAM_GET);
	ups = mnl_attr_nest_start(nlh, VSW_A_TEAM_STANDBY);
	mnl_attr_put_u32(nlh, VSW_A_PORT_IFINDEX, 77);
	mnl_attr_put_strz(nlh, VSW_A_PORT_IFNAME, "eth7");
	mnl_attr_nest_end(nlh, ups);
	end_msg(nlh);
	ok(vsw_parse_team(nlh, &t) == 0 && t.n_standby == 1 &&
	   !strcmp(t.standby[0], "eth7"),
	   "list entries by name are taken as they are");
	vsw_team_clear(&t);

	/* Malformed replies. */
	reset();
	nlh = put_team("sw0", SEQ, 0);
	put_ifindexes(nlh, VSW_A_TEAM_STANDBY, 1, 99);	/* the last wins */
	end_msg(nlh);
	ok_int(vsw_parse_team(nlh, &t), -EPROTO,
	       "a listed ifindex that is no uplink: -EPROTO");
	vsw_team_clear(&t);
	ok(!t.active && !t.uplinks, "cleared after an error too");

	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_TEAM_GET);
	ups = mnl_attr_nest_start(nlh, VSW_A_TEAM_UPLINKS);
	put_uplink(nlh, 21, NULL, VSW_TEAM_STATE_ACTIVE, true, -1, false);
	mnl_attr_nest_end(nlh, ups);
	end_msg(nlh);
	ok_int(vsw_parse_team(nlh, &t), -EPROTO, "uplink without a name: -EPROTO");
	vsw_team_clear(&t);

	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_TEAM_GET);
	mnl_attr_put(nlh, VSW_A_TEAM_LACP_SYSTEM, 4, sys);
	end_msg(nlh);
	ok_int(vsw_parse_team(nlh, &t), -EPROTO, "4-byte LACP system: -EPROTO");
	vsw_team_clear(&t);

	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_TEAM_GET);
	mnl_attr_put_u32(nlh, VSW_A_TEAM_POLICY, 3);
	end_msg(nlh);
	ok_int(vsw_parse_team(nlh, &t), -EPROTO, "u32 policy: -EPROTO");
	vsw_team_clear(&t);

	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_TEAM_GET);
	ups = mnl_attr_nest_start(nlh, VSW_A_TEAM_UPLINKS);
	{
		struct nlattr *up = mnl_attr_nest_start(nlh, VSW_A_TEAM_UPLINK);

		mnl_attr_put_strz(nlh, VSW_TEAM_UPLINK_A_IFNAME, "eth1");
		mnl_attr_put_u32(nlh, VSW_TEAM_UPLINK_A_LACP_PARTNER_KEY, 1);
		mnl_attr_nest_end(nlh, up);
	}
	mnl_attr_nest_end(nlh, ups);
	end_msg(nlh);
	ok_int(vsw_parse_team(nlh, &t), -EPROTO,
	       "u32 partner key in an uplink: -EPROTO");
	vsw_team_clear(&t);
}

struct team_collect {
	int n;
	char names[4][16];
	unsigned int uplinks;
};

static int team_collect_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct team_collect *c = arg;
	struct vsw_team t;
	int ret = vsw_parse_team(nlh, &t);

	if (!ret && c->n < 4) {
		snprintf(c->names[c->n], sizeof(c->names[0]), "%s",
			 t.switch_name);
		c->uplinks += t.n_uplinks;
	}
	c->n++;
	vsw_team_clear(&t);
	return ret;
}

/* Every switch's team, a dump through the engine; then a TEAM_SET event. */
static void test_team_dump_event(void)
{
	struct team_collect c = { 0 };
	struct vsw_port_stats st;
	struct nlmsghdr *nlh;
	struct vsw_event ev;
	struct vsw_rx rx;

	reset();
	end_msg(put_team("sw0", SEQ, NLM_F_MULTI));
	end_msg(put_team("sw1", SEQ, NLM_F_MULTI));
	put_done(0, NULL);
	vsw_rx_init(&rx, SEQ, PORTID, team_collect_cb, &c);
	ok_int(vsw_rx_process(&rx, buf, used), VSW_RX_DONE, "team dump ends");
	ok(rx.result == 0 && c.n == 2 && !strcmp(c.names[0], "sw0") &&
	   !strcmp(c.names[1], "sw1") && c.uplinks == 6,
	   "team dump: two switches, three uplinks each");

	reset();
	nlh = put_team("sw0", 0, 0);
	((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->cmd =
		VSW_CMD_TEAM_SET;
	end_msg(nlh);
	ok(vsw_parse_event(nlh, &ev, &st) == 0 && ev.type == VSW_OBJ_TEAM &&
	   ev.cmd == VSW_CMD_TEAM_SET && !strcmp(ev.team.switch_name, "sw0") &&
	   ev.team.n_uplinks == 3 && ev.team.n_active == 2,
	   "TEAM_SET event is a team");
	vsw_event_clear(&ev);
	ok(!ev.team.uplinks && !ev.team.active && !ev.team.standby,
	   "clearing a team event frees its lists");

	reset();
	nlh = put_msg(FAMILY, 0, 0, VSW_CMD_TEAM_GET);
	end_msg(nlh);
	ok_int(vsw_parse_event(nlh, &ev, &st), 1, "TEAM_GET is no event");
}

/* Fake devices for request building: ethN is ifindex 10 + N. */
static unsigned int fake_ifindex(const char *name)
{
	if (!strncmp(name, "eth", 3) && name[3] >= '1' && name[3] <= '8' &&
	    !name[4])
		return 10 + name[3] - '0';
	return 0;
}

/* The u32s of a nest, in order, into @out (up to 8); their count. */
static int nest_u32s(const struct nlattr *nest, uint16_t type,
		     uint32_t *out)
{
	const struct nlattr *a;
	int n = 0;

	mnl_attr_for_each_nested(a, nest) {
		if (mnl_attr_get_type(a) != type ||
		    mnl_attr_get_payload_len(a) != 4 || n == 8)
			return -1;
		out[n++] = mnl_attr_get_u32(a);
	}
	return n;
}

/* Every name is a device. */
static unsigned int any_ifindex(const char *name)
{
	return 100 + strlen(name);
}

static void test_team_req(void)
{
	static char many_names[200][IFNAMSIZ];
	static const char *const active[] = { "eth2", "eth1" };
	static const char *const standby[] = { "eth3" };
	struct vsw h = { .family = FAMILY };
	struct vsw_team_opts o = {
		.sw = "sw0", .has_policy = true,
		.policy = VSW_TEAM_POLICY_FAILOVER,
		.has_active = true, .n_active = 2, .active = active,
		.has_standby = true, .n_standby = 1, .standby = standby,
		.has_detect = true, .detect = VSW_TEAM_DETECT_BEACON,
		.has_failback = true, .failback = false,
		.has_notify = true, .notify = true,
		.has_lacp_rate = true, .lacp_rate = VSW_LACP_RATE_SLOW,
	};
	static const uint16_t order[] = {
		VSW_A_IFNAME, VSW_A_TEAM_POLICY, VSW_A_TEAM_ACTIVE,
		VSW_A_TEAM_STANDBY, VSW_A_TEAM_DETECT, VSW_A_TEAM_FAILBACK,
		VSW_A_TEAM_NOTIFY, VSW_A_TEAM_LACP_RATE,
	};
	const char *bad_list[] = { "eth1", "eth9" };
	const struct genlmsghdr *genl;
	const struct nlattr *a;
	char req[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	uint32_t idx[8];
	unsigned int i;
	bool in_order = true;
	const char *many[200];

	ok_int(vsw_team_req(&h, req, &o, fake_ifindex, &nlh), 0,
	       "TEAM_SET with every setting builds");
	genl = mnl_nlmsg_get_payload(nlh);
	ok(nlh->nlmsg_type == FAMILY && genl->cmd == VSW_CMD_TEAM_SET &&
	   genl->version == VSW_GENL_VERSION, "TEAM_SET header");
	i = 0;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (i >= sizeof(order) / sizeof(order[0]) ||
		    mnl_attr_get_type(a) != order[i++])
			in_order = false;
	ok(in_order && i == sizeof(order) / sizeof(order[0]),
	   "switch, policy, active, standby, detect, failback, notify, rate");
	a = find_attr(nlh, VSW_A_TEAM_POLICY);
	ok(a && mnl_attr_get_payload_len(a) == 1 &&
	   mnl_attr_get_u8(a) == VSW_TEAM_POLICY_FAILOVER, "policy as u8");
	a = find_attr(nlh, VSW_A_TEAM_ACTIVE);
	ok(a && (a->nla_type & NLA_F_NESTED) &&
	   nest_u32s(a, VSW_A_PORT_IFINDEX, idx) == 2 && idx[0] == 12 &&
	   idx[1] == 11, "active: NLA_F_NESTED nest of PORT_IFINDEX 12, 11 in list order");
	a = find_attr(nlh, VSW_A_TEAM_STANDBY);
	ok(a && nest_u32s(a, VSW_A_PORT_IFINDEX, idx) == 1 && idx[0] == 13,
	   "standby: PORT_IFINDEX 13");
	ok((a = find_attr(nlh, VSW_A_TEAM_DETECT)) &&
	   mnl_attr_get_u8(a) == VSW_TEAM_DETECT_BEACON &&
	   (a = find_attr(nlh, VSW_A_TEAM_FAILBACK)) && mnl_attr_get_u8(a) == 0 &&
	   (a = find_attr(nlh, VSW_A_TEAM_NOTIFY)) && mnl_attr_get_u8(a) == 1 &&
	   (a = find_attr(nlh, VSW_A_TEAM_LACP_RATE)) &&
	   mnl_attr_get_u8(a) == VSW_LACP_RATE_SLOW,
	   "detect, failback off, notify on, rate slow: u8s");

	/* "active none": an empty nest, and nothing else but the switch. */
	memset(&o, 0, sizeof(o));
	o.sw = "sw0";
	o.has_active = true;
	ok_int(vsw_team_req(&h, req, &o, fake_ifindex, &nlh), 0,
	       "TEAM_SET with an empty active list builds");
	a = find_attr(nlh, VSW_A_TEAM_ACTIVE);
	ok(a && mnl_attr_get_payload_len(a) == 0, "empty list: an empty nest");
	ok(!find_attr(nlh, VSW_A_TEAM_STANDBY) &&
	   !find_attr(nlh, VSW_A_TEAM_POLICY) &&
	   !find_attr(nlh, VSW_A_TEAM_DETECT) &&
	   !find_attr(nlh, VSW_A_TEAM_FAILBACK) &&
	   !find_attr(nlh, VSW_A_TEAM_NOTIFY) &&
	   !find_attr(nlh, VSW_A_TEAM_LACP_RATE),
	   "what is not given is not sent");

	/* The real resolver: "lo" is ifindex 1 in every netns. */
	o.n_active = 1;
	o.active = (const char *const[]){ "lo" };
	ok(vsw_team_req(&h, req, &o, NULL, &nlh) == 0 &&
	   (a = find_attr(nlh, VSW_A_TEAM_ACTIVE)) &&
	   nest_u32s(a, VSW_A_PORT_IFINDEX, idx) == 1 && idx[0] == 1,
	   "if_nametoindex by default: lo is 1");

	/* Refused before anything is sent. */
	o.active = bad_list;
	o.n_active = 2;
	ok_int(vsw_team_req(&h, req, &o, fake_ifindex, &nlh), -ENODEV,
	       "unknown device: -ENODEV");
	ok_str(vsw_errmsg(&h), "no device eth9", "unknown device message");
	bad_list[0] = "vsw-unit-nodev0";
	bad_list[1] = "lo";
	ok_int(vsw_team_req(&h, req, &o, NULL, &nlh), -ENODEV,
	       "unknown device through if_nametoindex: -ENODEV");
	ok_str(vsw_errmsg(&h), "no device vsw-unit-nodev0",
	       "if_nametoindex: the unknown device is named");
	bad_list[0] = bad_list[1] = "eth1";
	ok_int(vsw_team_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "duplicate in a list refused");
	ok_str(vsw_errmsg(&h), "eth1 is listed twice in the active list",
	       "duplicate message");
	bad_list[1] = "a-very-long-name0";
	ok_int(vsw_team_req(&h, req, &o, fake_ifindex, &nlh), -ENAMETOOLONG,
	       "16-character device name refused");
	bad_list[1] = "";
	ok_int(vsw_team_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "empty device name refused");
	bad_list[1] = "eth3";
	o.has_standby = true;
	o.standby = standby;
	o.n_standby = 1;
	ok_int(vsw_team_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "a device in both lists refused");
	ok_str(vsw_errmsg(&h), "eth3 is in both the active and the standby list",
	       "both lists message");
	o.n_standby = 0;
	o.has_active = false;
	ok(vsw_team_req(&h, req, &o, fake_ifindex, &nlh) == 0 &&
	   (a = find_attr(nlh, VSW_A_TEAM_STANDBY)) &&
	   !mnl_attr_get_payload_len(a) && !find_attr(nlh, VSW_A_TEAM_ACTIVE),
	   "\"standby none\" alone: an empty standby nest");

	memset(&o, 0, sizeof(o));
	o.sw = "sw0";
	ok_int(vsw_team_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "nothing to set refused");
	ok_str(vsw_errmsg(&h), "nothing to set", "nothing to set message");
	o.has_policy = true;
	o.policy = VSW_TEAM_POLICY_MAX + 1;
	ok_int(vsw_team_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "policy beyond the ABI refused");
	o.policy = VSW_TEAM_POLICY_LACP;
	o.has_detect = true;
	o.detect = VSW_TEAM_DETECT_MAX + 1;
	ok_int(vsw_team_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "detect beyond the ABI refused");
	o.detect = VSW_TEAM_DETECT_LINK;
	o.has_lacp_rate = true;
	o.lacp_rate = VSW_LACP_RATE_MAX + 1;
	ok_int(vsw_team_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "LACP rate beyond the ABI refused");
	o.lacp_rate = VSW_LACP_RATE_FAST;
	o.sw = NULL;
	ok_int(vsw_team_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "missing switch refused");
	ok_str(vsw_errmsg(&h), "missing switch name", "missing switch message");

	/* More uplinks than one request holds: refused, not cut short. */
	o.sw = "sw0";
	for (i = 0; i < 200; i++)
		many[i] = "eth1";
	o.has_active = true;
	o.active = many;
	o.n_active = 200;
	ok_int(vsw_team_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "200 copies of one name: a duplicate");
	/* Distinct names that all resolve: only the size stops them. */
	for (i = 0; i < 200; i++) {
		snprintf(many_names[i], IFNAMSIZ, "x%u", i);
		many[i] = many_names[i];
	}
	ok_int(vsw_team_req(&h, req, &o, any_ifindex, &nlh), -EMSGSIZE,
	       "lists too long for one request: -EMSGSIZE");
	ok_str(vsw_errmsg(&h),
	       "the active and standby lists are too long for one request",
	       "too long message");
	ok(nlh->nlmsg_len <= VSW_REQ_LEN, "never past the request buffer");
}

/* A VXLAN_GET reply of VNI 5000 on VLAN 100, IPv4, two remotes. */
static struct nlmsghdr *put_vxlan(uint32_t vni, uint32_t seq, uint16_t flags)
{
	static const uint8_t local[4] = { 192, 0, 2, 1 };
	static const uint8_t r1[4] = { 198, 51, 100, 2 };
	static const uint8_t r2[4] = { 203, 0, 113, 3 };
	struct nlattr *nest, *drops;
	struct nlmsghdr *nlh;

	nlh = put_msg(FAMILY, flags, seq, VSW_CMD_VXLAN_GET);
	mnl_attr_put_u32(nlh, VSW_A_IFINDEX, 5);
	mnl_attr_put_strz(nlh, VSW_A_IFNAME, "sw0");
	mnl_attr_put_u32(nlh, VSW_A_VXLAN_VNI, vni);
	mnl_attr_put_u16(nlh, VSW_A_VLAN, 100);
	mnl_attr_put(nlh, VSW_A_VXLAN_LOCAL, 4, local);
	nest = mnl_attr_nest_start(nlh, VSW_A_VXLAN_REMOTES);
	mnl_attr_put(nlh, VSW_A_VXLAN_REMOTE, 4, r1);
	mnl_attr_put_u32(nlh, 99, 1);		/* from a newer kernel */
	mnl_attr_put(nlh, VSW_A_VXLAN_REMOTE, 4, r2);
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put_u16(nlh, VSW_A_VXLAN_DSTPORT, 4789);
	mnl_attr_put_u8(nlh, VSW_A_VXLAN_TTL, 64);
	mnl_attr_put_u8(nlh, VSW_A_VXLAN_LEARNING, 1);
	nest = mnl_attr_nest_start(nlh, VSW_A_PORT_STATS);
	mnl_attr_put_u64(nlh, VSW_STATS_A_RX_PACKETS, 7);
	mnl_attr_put_u64(nlh, VSW_STATS_A_TX_BYTES, 5000000000ULL);
	drops = mnl_attr_nest_start(nlh, VSW_STATS_A_DROPS);
	mnl_attr_put_u64(nlh, VSW_DROP_VXLAN_ROUTE, 3);
	mnl_attr_put_u64(nlh, VSW_DROP_ECN, 2);
	mnl_attr_nest_end(nlh, drops);
	mnl_attr_nest_end(nlh, nest);
	nest = mnl_attr_nest_start(nlh, VSW_A_VXLAN_SOCK_DROPS);
	mnl_attr_put_u64(nlh, VSW_DROP_VXLAN_HEADER, 4);
	mnl_attr_put_u64(nlh, VSW_DROP_VXLAN_VNI, 1ULL << 40);
	mnl_attr_put_u64(nlh, 500, 1);		/* beyond our slots */
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

static void test_vxlan_parse(void)
{
	static const uint8_t v6local[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	static const uint8_t v6group[16] = { 0xff, 0x05, [14] = 1, [15] = 0 };
	struct vsw_vxlan vx;
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	reset();
	nlh = put_vxlan(5000, SEQ, 0);
	end_msg(nlh);
	ok_int(vsw_parse_vxlan(nlh, &vx), 0, "VXLAN_GET reply parses");
	ok(!strcmp(vx.switch_name, "sw0") && vx.switch_ifindex == 5 &&
	   vx.vni == 5000 && vx.vlan == 100, "vxlan: switch, VNI, VLAN");
	ok(vx.local.family == AF_INET &&
	   !memcmp(vx.local.addr, "\xc0\x00\x02\x01", 4) &&
	   !vx.local.addr[4], "vxlan: local address, IPv4, network order");
	ok(vx.n_remotes == 2 && vx.remotes[0].family == AF_INET &&
	   !memcmp(vx.remotes[0].addr, "\xc6\x33\x64\x02", 4) &&
	   !memcmp(vx.remotes[1].addr, "\xcb\x00\x71\x03", 4),
	   "vxlan: two remotes in order, a newer attribute skipped");
	ok(vx.dstport == 4789 && vx.ttl == 64 && vx.learning &&
	   vsw_has(&vx, VSW_A_VXLAN_LEARNING),
	   "vxlan: dstport, TTL, learning");
	ok(!vsw_has(&vx, VSW_A_VXLAN_GROUP) && !vx.group.family &&
	   !vsw_has(&vx, VSW_A_VXLAN_DEV) && !vx.dev_ifindex,
	   "vxlan: no group, no device");
	ok(vx.stats && vx.stats->rx_packets == 7 &&
	   vx.stats->tx_bytes == 5000000000ULL &&
	   vx.stats->drops[VSW_DROP_VXLAN_ROUTE] == 3 &&
	   vx.stats->drops[VSW_DROP_ECN] == 2,
	   "vxlan: the VNI's stats as a port's, new drop reasons");
	ok(vx.sock_drops && vx.sock_drops[VSW_DROP_VXLAN_HEADER] == 4 &&
	   vx.sock_drops[VSW_DROP_VXLAN_VNI] == 1ULL << 40 &&
	   !vx.sock_drops[VSW_DROP_MTU], "vxlan: socket drops by reason");
	vsw_vxlan_clear(&vx);
	ok(!vx.remotes && !vx.n_remotes && !vx.stats && !vx.sock_drops,
	   "vsw_vxlan_clear frees remotes and counters");

	/* IPv6, a group on a device, no remotes, no counters. */
	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_VXLAN_GET);
	mnl_attr_put_strz(nlh, VSW_A_IFNAME, "sw1");
	mnl_attr_put_u32(nlh, VSW_A_VXLAN_VNI, VSW_VXLAN_VNI_MAX);
	mnl_attr_put_u16(nlh, VSW_A_VLAN, 0);
	mnl_attr_put(nlh, VSW_A_VXLAN_LOCAL, 16, v6local);
	nest = mnl_attr_nest_start(nlh, VSW_A_VXLAN_REMOTES);
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put(nlh, VSW_A_VXLAN_GROUP, 16, v6group);
	mnl_attr_put_u32(nlh, VSW_A_VXLAN_DEV, 3);
	mnl_attr_put_u8(nlh, VSW_A_VXLAN_LEARNING, 0);
	end_msg(nlh);
	ok_int(vsw_parse_vxlan(nlh, &vx), 0, "IPv6 VNI with a group parses");
	ok(vx.vni == VSW_VXLAN_VNI_MAX && vx.vlan == 0 &&
	   vx.local.family == AF_INET6 && !memcmp(vx.local.addr, v6local, 16),
	   "vxlan: largest VNI, VLAN 0, IPv6 local");
	ok(vx.group.family == AF_INET6 && !memcmp(vx.group.addr, v6group, 16) &&
	   vx.dev_ifindex == 3 && vsw_has(&vx, VSW_A_VXLAN_DEV),
	   "vxlan: IPv6 group and its device");
	ok(vx.n_remotes == 0 && !vx.remotes && !vx.learning &&
	   vsw_has(&vx, VSW_A_VXLAN_LEARNING) && !vx.stats && !vx.sock_drops,
	   "vxlan: empty remote nest, learning off, no counters");
	ok(!vsw_has(&vx, VSW_A_VXLAN_TTL) && !vx.ttl &&
	   !vsw_has(&vx, VSW_A_VXLAN_DSTPORT), "vxlan: absent settings read 0");
	vsw_vxlan_clear(&vx);

	/* Malformed replies. */
	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_VXLAN_GET);
	mnl_attr_put(nlh, VSW_A_VXLAN_LOCAL, 5, v6local);
	end_msg(nlh);
	ok_int(vsw_parse_vxlan(nlh, &vx), -EPROTO, "5-byte local address: -EPROTO");
	vsw_vxlan_clear(&vx);

	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_VXLAN_GET);
	mnl_attr_put(nlh, VSW_A_VXLAN_GROUP, 0, NULL);
	end_msg(nlh);
	ok_int(vsw_parse_vxlan(nlh, &vx), -EPROTO, "empty group address: -EPROTO");
	vsw_vxlan_clear(&vx);

	reset();
	nlh = put_vxlan(10, SEQ, 0);
	nest = mnl_attr_nest_start(nlh, VSW_A_VXLAN_REMOTES);	/* the last wins */
	mnl_attr_put(nlh, VSW_A_VXLAN_REMOTE, 4, v6local);
	mnl_attr_put(nlh, VSW_A_VXLAN_REMOTE, 8, v6local);
	mnl_attr_nest_end(nlh, nest);
	end_msg(nlh);
	ok_int(vsw_parse_vxlan(nlh, &vx), -EPROTO, "8-byte remote: -EPROTO");
	vsw_vxlan_clear(&vx);
	ok(!vx.remotes && !vx.stats, "cleared after an error too");

	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_VXLAN_GET);
	mnl_attr_put_u32(nlh, VSW_A_VXLAN_TTL, 64);
	end_msg(nlh);
	ok_int(vsw_parse_vxlan(nlh, &vx), -EPROTO, "u32 TTL: -EPROTO");
	vsw_vxlan_clear(&vx);

	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_VXLAN_GET);
	mnl_attr_put_u32(nlh, VSW_A_VXLAN_DSTPORT, 4789);
	end_msg(nlh);
	ok_int(vsw_parse_vxlan(nlh, &vx), -EPROTO, "u32 dstport: -EPROTO");
	vsw_vxlan_clear(&vx);

	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_VXLAN_GET);
	nest = mnl_attr_nest_start(nlh, VSW_A_VXLAN_SOCK_DROPS);
	mnl_attr_put_u32(nlh, VSW_DROP_VXLAN_VNI, 1);
	mnl_attr_nest_end(nlh, nest);
	end_msg(nlh);
	ok_int(vsw_parse_vxlan(nlh, &vx), -EPROTO,
	       "u32 counter in the socket drops: -EPROTO");
	vsw_vxlan_clear(&vx);
	ok(!vx.sock_drops, "socket drops freed after an error");
}

struct vxlan_collect {
	int n;
	uint32_t vnis[4];
	unsigned int remotes;
};

static int vxlan_collect_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct vxlan_collect *c = arg;
	struct vsw_vxlan vx;
	int ret = vsw_parse_vxlan(nlh, &vx);

	if (!ret && c->n < 4) {
		c->vnis[c->n] = vx.vni;
		c->remotes += vx.n_remotes;
	}
	c->n++;
	vsw_vxlan_clear(&vx);
	return ret;
}

/* Every VNI of a switch, a dump through the engine; then the events. */
static void test_vxlan_dump_event(void)
{
	struct vxlan_collect c = { 0 };
	struct vsw_port_stats st;
	struct nlmsghdr *nlh;
	struct vsw_event ev;
	struct vsw_rx rx;

	reset();
	end_msg(put_vxlan(10, SEQ, NLM_F_MULTI));
	end_msg(put_vxlan(20, SEQ, NLM_F_MULTI));
	put_done(0, NULL);
	vsw_rx_init(&rx, SEQ, PORTID, vxlan_collect_cb, &c);
	ok_int(vsw_rx_process(&rx, buf, used), VSW_RX_DONE, "vxlan dump ends");
	ok(rx.result == 0 && c.n == 2 && c.vnis[0] == 10 && c.vnis[1] == 20 &&
	   c.remotes == 4, "vxlan dump: two VNIs, two remotes each");

	reset();
	nlh = put_vxlan(10, 0, 0);
	((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->cmd =
		VSW_CMD_VXLAN_NEW;
	end_msg(nlh);
	ok(vsw_parse_event(nlh, &ev, &st) == 0 && ev.type == VSW_OBJ_VXLAN &&
	   ev.cmd == VSW_CMD_VXLAN_NEW && ev.vxlan.vni == 10 &&
	   ev.vxlan.n_remotes == 2 && !strcmp(ev.vxlan.switch_name, "sw0"),
	   "VXLAN_NEW event is a VNI");
	vsw_event_clear(&ev);
	ok(!ev.vxlan.remotes && !ev.vxlan.stats && !ev.vxlan.sock_drops,
	   "clearing a vxlan event frees what it allocated");

	reset();
	nlh = put_msg(FAMILY, 0, 0, VSW_CMD_VXLAN_DEL);
	mnl_attr_put_strz(nlh, VSW_A_IFNAME, "sw0");
	mnl_attr_put_u32(nlh, VSW_A_VXLAN_VNI, 20);
	end_msg(nlh);
	ok(vsw_parse_event(nlh, &ev, &st) == 0 && ev.type == VSW_OBJ_VXLAN &&
	   ev.cmd == VSW_CMD_VXLAN_DEL && ev.vxlan.vni == 20,
	   "VXLAN_DEL event is a VNI");
	vsw_event_clear(&ev);

	reset();
	nlh = put_msg(FAMILY, 0, 0, VSW_CMD_VXLAN_GET);
	end_msg(nlh);
	ok_int(vsw_parse_event(nlh, &ev, &st), 1, "VXLAN_GET is no event");
}

/* FDB entries behind a remote VTEP: the remote and VNI, no port. */
static void test_fdb_remote(void)
{
	static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 9 };
	static const uint8_t r6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };
	struct nlmsghdr *nlh;
	struct vsw_fdb fdb;

	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_FDB_GET);
	mnl_attr_put_strz(nlh, VSW_A_IFNAME, "sw0");
	mnl_attr_put(nlh, VSW_A_MAC, 6, mac);
	mnl_attr_put_u16(nlh, VSW_A_VLAN, 100);
	mnl_attr_put(nlh, VSW_A_VXLAN_REMOTE, 16, r6);
	mnl_attr_put_u32(nlh, VSW_A_VXLAN_VNI, 5000);
	mnl_attr_put_u32(nlh, VSW_A_FDB_FLAGS, 0);
	mnl_attr_put_u32(nlh, VSW_A_FDB_AGE, 3);
	end_msg(nlh);
	ok_int(vsw_parse_fdb(nlh, &fdb), 0, "fdb entry behind a remote VTEP parses");
	ok(fdb.remote.family == AF_INET6 && !memcmp(fdb.remote.addr, r6, 16) &&
	   fdb.vni == 5000 && vsw_has(&fdb, VSW_A_VXLAN_REMOTE) &&
	   vsw_has(&fdb, VSW_A_VXLAN_VNI), "fdb: IPv6 remote and VNI");
	ok(!fdb.port && !fdb.port_ifindex && fdb.vlan == 100 && fdb.age == 3,
	   "fdb: no port, VLAN and age");

	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_FDB_GET);
	mnl_attr_put_strz(nlh, VSW_A_PORT_IFNAME, "vm1");
	end_msg(nlh);
	ok(vsw_parse_fdb(nlh, &fdb) == 0 && !fdb.remote.family && !fdb.vni &&
	   !vsw_has(&fdb, VSW_A_VXLAN_REMOTE),
	   "fdb entry of a port: no remote, VNI 0");

	reset();
	nlh = put_msg(FAMILY, 0, SEQ, VSW_CMD_FDB_GET);
	mnl_attr_put(nlh, VSW_A_VXLAN_REMOTE, 6, mac);
	end_msg(nlh);
	ok_int(vsw_parse_fdb(nlh, &fdb), -EPROTO, "6-byte remote: -EPROTO");
}

/* Fake devices for the group: ethN is ifindex 10 + N (fake_ifindex). */
static void test_vxlan_req(void)
{
	static struct vsw_addr many[VSW_VXLAN_REMOTES_MAX + 1];
	struct vsw_addr remotes[2] = {
		{ AF_INET, { 198, 51, 100, 2 } }, { AF_INET, { 203, 0, 113, 3 } },
	};
	struct vsw h = { .family = FAMILY };
	struct vsw_vxlan_opts o = {
		.sw = "sw0", .vni = 5000, .vlan = 100,
		.local = { AF_INET, { 192, 0, 2, 1 } },
		.n_remotes = 2, .remotes = remotes,
		.has_group = true, .group = { AF_INET, { 239, 1, 1, 1 } },
		.dev = "eth1",
		.has_dstport = true, .dstport = 8472,
		.has_ttl = true, .ttl = 10,
		.has_learning = true, .learning = false,
	};
	static const uint16_t order[] = {
		VSW_A_IFNAME, VSW_A_VXLAN_VNI, VSW_A_VLAN, VSW_A_VXLAN_LOCAL,
		VSW_A_VXLAN_REMOTES, VSW_A_VXLAN_GROUP, VSW_A_VXLAN_DEV,
		VSW_A_VXLAN_DSTPORT, VSW_A_VXLAN_TTL, VSW_A_VXLAN_LEARNING,
	};
	const struct genlmsghdr *genl;
	char req[VSW_VXLAN_REQ_LEN];
	const struct nlattr *a, *r;
	struct nlmsghdr *nlh;
	bool in_order = true;
	unsigned int i;
	int n;

	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), 0,
	       "VXLAN_NEW with every setting builds");
	genl = mnl_nlmsg_get_payload(nlh);
	ok(nlh->nlmsg_type == FAMILY && genl->cmd == VSW_CMD_VXLAN_NEW &&
	   genl->version == VSW_GENL_VERSION, "VXLAN_NEW header");
	i = 0;
	mnl_attr_for_each(a, nlh, GENL_HDRLEN)
		if (i >= sizeof(order) / sizeof(order[0]) ||
		    mnl_attr_get_type(a) != order[i++])
			in_order = false;
	ok(in_order && i == sizeof(order) / sizeof(order[0]),
	   "switch, VNI, VLAN, local, remotes, group, dev, dstport, TTL, learning");
	ok((a = find_attr(nlh, VSW_A_VXLAN_VNI)) &&
	   mnl_attr_get_payload_len(a) == 4 && mnl_attr_get_u32(a) == 5000 &&
	   (a = find_attr(nlh, VSW_A_VLAN)) && mnl_attr_get_payload_len(a) == 2 &&
	   mnl_attr_get_u16(a) == 100, "VNI as u32, VLAN as u16");
	a = find_attr(nlh, VSW_A_VXLAN_LOCAL);
	ok(a && mnl_attr_get_payload_len(a) == 4 &&
	   !memcmp(mnl_attr_get_payload(a), "\xc0\x00\x02\x01", 4),
	   "local: 4 bytes, network order");
	a = find_attr(nlh, VSW_A_VXLAN_REMOTES);
	n = 0;
	if (a) {
		mnl_attr_for_each_nested(r, a) {
			if (mnl_attr_get_type(r) != VSW_A_VXLAN_REMOTE ||
			    mnl_attr_get_payload_len(r) != 4 ||
			    memcmp(mnl_attr_get_payload(r), remotes[n].addr, 4))
				n = -100;
			n++;
		}
	}
	ok(a && (a->nla_type & NLA_F_NESTED) && n == 2,
	   "remotes: NLA_F_NESTED nest of two 4-byte REMOTEs in order");
	ok((a = find_attr(nlh, VSW_A_VXLAN_GROUP)) &&
	   mnl_attr_get_payload_len(a) == 4 &&
	   !memcmp(mnl_attr_get_payload(a), "\xef\x01\x01\x01", 4) &&
	   (a = find_attr(nlh, VSW_A_VXLAN_DEV)) && mnl_attr_get_u32(a) == 11,
	   "group, and its device by ifindex");
	ok((a = find_attr(nlh, VSW_A_VXLAN_DSTPORT)) &&
	   mnl_attr_get_payload_len(a) == 2 && mnl_attr_get_u16(a) == 8472 &&
	   (a = find_attr(nlh, VSW_A_VXLAN_TTL)) &&
	   mnl_attr_get_payload_len(a) == 1 && mnl_attr_get_u8(a) == 10 &&
	   (a = find_attr(nlh, VSW_A_VXLAN_LEARNING)) &&
	   mnl_attr_get_payload_len(a) == 1 && mnl_attr_get_u8(a) == 0,
	   "dstport u16 in host order, TTL u8, learning off u8");

	/* The kernel's defaults: nothing optional is sent. IPv6: 16 bytes. */
	memset(&o, 0, sizeof(o));
	o.sw = "sw0";
	o.vni = 1;
	o.local.family = AF_INET6;
	memcpy(o.local.addr, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01", 16);
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), 0,
	       "VXLAN_NEW with the required settings only builds");
	ok((a = find_attr(nlh, VSW_A_VXLAN_LOCAL)) &&
	   mnl_attr_get_payload_len(a) == 16 &&
	   !memcmp(mnl_attr_get_payload(a), o.local.addr, 16) &&
	   (a = find_attr(nlh, VSW_A_VLAN)) && mnl_attr_get_u16(a) == 0,
	   "IPv6 local: 16 bytes; VLAN 0 is sent");
	ok(!find_attr(nlh, VSW_A_VXLAN_REMOTES) &&
	   !find_attr(nlh, VSW_A_VXLAN_GROUP) &&
	   !find_attr(nlh, VSW_A_VXLAN_DEV) &&
	   !find_attr(nlh, VSW_A_VXLAN_DSTPORT) &&
	   !find_attr(nlh, VSW_A_VXLAN_TTL) &&
	   !find_attr(nlh, VSW_A_VXLAN_LEARNING),
	   "what is not given is not sent");
	o.has_learning = true;
	o.learning = true;
	ok(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh) == 0 &&
	   (a = find_attr(nlh, VSW_A_VXLAN_LEARNING)) && mnl_attr_get_u8(a) == 1,
	   "learning on: u8 1");

	/* The real resolver: "lo" is ifindex 1 in every netns. */
	o.has_group = true;
	o.group.family = AF_INET6;
	memcpy(o.group.addr, "\xff\x05\0\0\0\0\0\0\0\0\0\0\0\0\x01\x00", 16);
	o.dev = "lo";
	ok(vsw_vxlan_req(&h, req, &o, NULL, &nlh) == 0 &&
	   (a = find_attr(nlh, VSW_A_VXLAN_DEV)) && mnl_attr_get_u32(a) == 1 &&
	   (a = find_attr(nlh, VSW_A_VXLAN_GROUP)) &&
	   mnl_attr_get_payload_len(a) == 16,
	   "if_nametoindex by default: lo is 1; IPv6 group of 16 bytes");
	o.dev = "vsw-unit-nodev0";
	ok_int(vsw_vxlan_req(&h, req, &o, NULL, &nlh), -ENODEV,
	       "unknown device: -ENODEV");
	ok_str(vsw_errmsg(&h), "no device vsw-unit-nodev0",
	       "unknown device message");

	/* Refused before anything is sent, each with its message. */
	o.dev = "eth1";
	o.vni = 0;
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "VNI 0 refused");
	ok_str(vsw_errmsg(&h), "invalid VNI 0 (1-16777215)", "VNI message");
	o.vni = VSW_VXLAN_VNI_MAX + 1;
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "VNI 16777216 refused");
	o.vni = 7;
	o.vlan = VSW_VLAN_TRUNK_ALL;
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "VLAN 4095 refused");
	ok_str(vsw_errmsg(&h), "invalid VLAN 4095 (0-4094)", "VLAN message");
	o.vlan = 4094;
	o.group.addr[0] = 0x20;
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "unicast group refused");
	ok_str(vsw_errmsg(&h), "group address 2005::100 is not a multicast address",
	       "unicast group message");
	o.group.addr[0] = 0xff;
	o.group.family = AF_INET;
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "IPv4 group with an IPv6 local address refused");
	ok_str(vsw_errmsg(&h),
	       "group address 255.5.0.0 and local address 2001:db8::1 are of different families",
	       "mixed families message");
	o.group.family = AF_INET6;
	o.dev = NULL;
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "group without a device refused");
	ok_str(vsw_errmsg(&h), "missing device name for the multicast group",
	       "group without a device message");
	o.dev = "a-very-long-name0";
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -ENAMETOOLONG,
	       "16-character device name refused");
	o.has_group = false;
	o.dev = "eth1";
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "device without a group refused");
	o.dev = NULL;
	o.has_ttl = true;
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "TTL 0 refused");
	o.has_ttl = false;
	o.has_dstport = true;
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "dstport 0 refused");
	o.has_dstport = false;

	o.local.addr[0] = 0xff;
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "multicast local address refused");
	ok_str(vsw_errmsg(&h), "local address ff01:db8::1 is not a unicast address",
	       "multicast local message");
	memset(o.local.addr, 0, sizeof(o.local.addr));
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "unspecified local address refused");
	o.local.family = 0;
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -EAFNOSUPPORT,
	       "local address without a family refused");
	ok_str(vsw_errmsg(&h), "local address: invalid address family 0",
	       "no family message");

	o.local = (struct vsw_addr){ AF_INET, { 192, 0, 2, 1 } };
	o.remotes = remotes;
	o.n_remotes = 2;
	remotes[1] = o.local;
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "the local address as a remote refused");
	ok_str(vsw_errmsg(&h), "remote address 192.0.2.1 is the local address",
	       "local as remote message");
	remotes[1] = remotes[0];
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "a remote twice refused");
	ok_str(vsw_errmsg(&h), "remote address 198.51.100.2 is listed twice",
	       "remote twice message");
	remotes[1] = (struct vsw_addr){ AF_INET, { 224, 0, 0, 1 } };
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "a multicast remote refused");
	remotes[1] = (struct vsw_addr){ AF_INET6, { 0x20, 0x01 } };
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "an IPv6 remote of an IPv4 VNI refused");
	o.remotes = NULL;
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "remote count without a list refused");
	o.sw = NULL;
	o.remotes = remotes;
	o.n_remotes = 0;
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -EINVAL,
	       "missing switch refused");
	ok_str(vsw_errmsg(&h), "missing switch name", "missing switch message");

	/* VSW_VXLAN_REMOTES_MAX IPv6 remotes fit; one more is refused. */
	o.sw = "sw0";
	o.local = (struct vsw_addr){ AF_INET6, { 0x20, 0x01, 0x0d, 0xb8 } };
	o.local.addr[15] = 1;
	for (i = 0; i <= VSW_VXLAN_REMOTES_MAX; i++) {
		many[i] = (struct vsw_addr){ AF_INET6, { 0x20, 0x01, 0x0d, 0xb8, 1 } };
		many[i].addr[15] = i;
	}
	o.remotes = many;
	o.n_remotes = VSW_VXLAN_REMOTES_MAX;
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), 0,
	       "%d IPv6 remotes fit in one request", VSW_VXLAN_REMOTES_MAX);
	n = 0;
	if ((a = find_attr(nlh, VSW_A_VXLAN_REMOTES)))
		mnl_attr_for_each_nested(r, a)
			n++;
	ok(n == VSW_VXLAN_REMOTES_MAX && nlh->nlmsg_len <= VSW_VXLAN_REQ_LEN,
	   "all of them sent, inside the request buffer");
	o.n_remotes = VSW_VXLAN_REMOTES_MAX + 1;
	ok_int(vsw_vxlan_req(&h, req, &o, fake_ifindex, &nlh), -E2BIG,
	       "%d remotes: -E2BIG", VSW_VXLAN_REMOTES_MAX + 1);
	ok_str(vsw_errmsg(&h), "129 remote addresses, more than 128",
	       "too many remotes message");
}

/* VXLAN_DEL and VXLAN_GET name the switch and the VNI; FDB_NEW a remote. */
static void test_vxlan_vni_fdb_req(void)
{
	static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 9 };
	struct vsw_addr remote = { AF_INET, { 198, 51, 100, 2 } };
	struct vsw h = { .family = FAMILY };
	char req[VSW_REQ_LEN];
	const struct nlattr *a;
	struct nlmsghdr *nlh;

	ok(vsw_vxlan_vni_req(&h, req, VSW_CMD_VXLAN_DEL, 0, "sw0", 5000,
			     &nlh) == 0 &&
	   ((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->cmd ==
	   VSW_CMD_VXLAN_DEL && (a = find_attr(nlh, VSW_A_IFNAME)) &&
	   !strcmp(mnl_attr_get_str(a), "sw0") &&
	   (a = find_attr(nlh, VSW_A_VXLAN_VNI)) && mnl_attr_get_u32(a) == 5000,
	   "VXLAN_DEL: switch and VNI");
	ok(vsw_vxlan_vni_req(&h, req, VSW_CMD_VXLAN_GET, NLM_F_DUMP, "sw0", 0,
			     &nlh) == 0 && (nlh->nlmsg_flags & NLM_F_DUMP) &&
	   find_attr(nlh, VSW_A_IFNAME) && !find_attr(nlh, VSW_A_VXLAN_VNI),
	   "VXLAN_GET dump: the switch, no VNI");
	ok_int(vsw_vxlan_del(&h, "sw0", 0), -EINVAL, "vxlan del VNI 0 refused");
	ok_int(vsw_vxlan_get(&h, "sw0", VSW_VXLAN_VNI_MAX + 1, NULL, NULL),
	       -EINVAL, "vxlan get VNI 16777216 refused");
	ok_int(vsw_vxlan_list(&h, NULL, NULL, NULL), -EINVAL,
	       "vxlan list without a switch refused");

	ok_int(vsw_fdb_remote_req(&h, req, "sw0", mac, 100, &remote, 5000, &nlh),
	       0, "FDB_NEW behind a remote builds");
	ok(((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->cmd ==
	   VSW_CMD_FDB_NEW && find_attr(nlh, VSW_A_MAC) &&
	   !find_attr(nlh, VSW_A_PORT_IFNAME) &&
	   (a = find_attr(nlh, VSW_A_VXLAN_REMOTE)) &&
	   mnl_attr_get_payload_len(a) == 4 &&
	   !memcmp(mnl_attr_get_payload(a), "\xc6\x33\x64\x02", 4) &&
	   (a = find_attr(nlh, VSW_A_VXLAN_VNI)) && mnl_attr_get_u32(a) == 5000 &&
	   (a = find_attr(nlh, VSW_A_VLAN)) && mnl_attr_get_u16(a) == 100,
	   "FDB_NEW: remote (4 bytes) and VNI instead of a port, VLAN");
	ok(vsw_fdb_remote_req(&h, req, "sw0", mac, -1, &remote, 1, &nlh) == 0 &&
	   !find_attr(nlh, VSW_A_VLAN), "FDB_NEW remote without a VLAN");
	ok_int(vsw_fdb_remote_req(&h, req, "sw0", mac, -1, &remote, 0, &nlh),
	       -EINVAL, "FDB_NEW remote with VNI 0 refused");
	remote.addr[0] = 239;
	ok_int(vsw_fdb_remote_req(&h, req, "sw0", mac, -1, &remote, 1, &nlh),
	       -EINVAL, "FDB_NEW with a multicast remote refused");
	ok_str(vsw_errmsg(&h), "remote address 239.51.100.2 is not a unicast address",
	       "multicast remote message");
	ok_int(vsw_fdb_remote_req(&h, req, "sw0", mac, -1, NULL, 1, &nlh),
	       -EAFNOSUPPORT, "FDB_NEW without a remote refused");
	ok_int(vsw_fdb_add_remote(&h, "sw0", NULL, -1, &remote, 1), -EINVAL,
	       "vsw_fdb_add_remote without a MAC refused");
}

/* The real socket path: nlctrl answers for a family that is not there. */
static void test_open(void)
{
	struct vsw *h = NULL;

	if (!access("/sys/module/vsw", F_OK)) {
		printf("ok %d - # SKIP vsw module is loaded here\n", ++tap_n);
		return;
	}
	ok_int(vsw_open(&h), -ENOENT, "vsw_open without the module: -ENOENT");
	ok(h == NULL, "no handle after a failed open");
}

int main(void)
{
	test_errors();
	test_dump();
	test_switch();
	test_port();
	test_fdb_event();
	test_portgroup();
	test_portgroup_dump();
	test_portgroup_req();
	test_portgroup_policy();
	test_portgroup_policy_req();
	test_port_req();
	test_vlan_format();
	test_team_parse();
	test_team_dump_event();
	test_team_req();
	test_vxlan_parse();
	test_vxlan_dump_event();
	test_fdb_remote();
	test_vxlan_req();
	test_vxlan_vni_fdb_req();
	test_family();
	test_requests();
	test_open();
	return tap_done();
}
