// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvsw without a kernel: hand-built netlink replies fed to the reply
 * engine (ACK, extack, multi-part dumps) and to the object parsers.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/genetlink.h>

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
	stats = mnl_attr_nest_start(nlh, VSW_A_PORT_STATS);
	mnl_attr_put_u64(nlh, VSW_STATS_A_RX_PACKETS, 10);
	mnl_attr_put_u64(nlh, VSW_STATS_A_RX_BYTES, 1000);
	mnl_attr_put_u64(nlh, VSW_STATS_A_TX_PACKETS, 20);
	mnl_attr_put_u64(nlh, VSW_STATS_A_TX_BYTES, 5000000000ULL);
	drops = mnl_attr_nest_start(nlh, VSW_STATS_A_DROPS);
	mnl_attr_put_u64(nlh, VSW_DROP_MTU, 3);
	mnl_attr_put_u64(nlh, 9, 4);		/* a newer reason */
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
	ok(st.drops[VSW_DROP_MTU] == 3 && st.drops[9] == 4 &&
	   st.drops[VSW_DROP_NOMEM] == 0, "drops by reason, unknown kept");

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
	end_msg(nlh);
	ok_int(vsw_parse_event(nlh, &ev, &st), 0, "fdb event parses");
	ok(ev.cmd == VSW_CMD_FDB_DEL && ev.type == VSW_OBJ_FDB,
	   "event command and object");
	ok(!memcmp(ev.fdb.mac, mac, 6) && ev.fdb.vlan == 42 &&
	   ev.fdb.flags == VSW_FDB_F_STATIC && ev.fdb.age == 17 &&
	   !strcmp(ev.fdb.port, "vm1"), "fdb fields");
	vsw_event_clear(&ev);

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
	test_family();
	test_requests();
	test_open();
	return tap_done();
}
