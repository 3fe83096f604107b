// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fake kernel (fake_kernel.h). libvsw is linked statically and libmnl
 * dynamically, so these definitions of mnl_socket_sendto(),
 * mnl_socket_get_fd() and mnl_socket_setsockopt() are the ones libvsw
 * calls. Replies travel through an AF_UNIX datagram socketpair, which
 * keeps vsw_recv()'s MSG_PEEK | MSG_TRUNC sizing real.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/genetlink.h>

#include "../../../lib/internal.h"
#include "fake_kernel.h"

#define FK_MORE		0x8000

static int fds[2] = { -1, -1 };		/* [0] libvsw's end, [1] ours */
static const uint8_t *script;
static size_t script_len;
static bool scripted;
static unsigned int requests;

static void fk_socket(void)
{
	if (fds[0] >= 0)
		return;
	if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0,
		       fds)) {
		perror("fake kernel: socketpair");
		abort();
	}
}

/* Whatever libvsw left unread belongs to an earlier call. */
static void drain(void)
{
	char buf[1];

	while (recv(fds[0], buf, sizeof(buf), MSG_TRUNC) >= 0)
		;
}

static void put(const void *buf, size_t len)
{
	/* A full socket drops the datagram, as a netlink socket would. */
	if (send(fds[1], buf, len, MSG_DONTWAIT) < 0 && errno != EAGAIN &&
	    errno != ENOBUFS) {
		perror("fake kernel: send");
		abort();
	}
}

/* The next record of the script; false when it is used up. */
static bool next_record(bool *more)
{
	uint16_t hdr, len;

	if (script_len < 2)
		return false;
	hdr = script[0] | script[1] << 8;
	len = hdr & ~FK_MORE;
	if (len > script_len - 2)
		len = script_len - 2;
	put(script + 2, len);
	script += 2 + len;
	script_len -= 2 + len;
	*more = hdr & FK_MORE;
	return true;
}

void fk_script(const uint8_t *data, size_t len)
{
	script = data;
	script_len = len;
	scripted = data != NULL;
}

void fk_queue_all(void)
{
	bool more;

	fk_socket();
	while (next_record(&more))
		;
}

unsigned int fk_requests(void)
{
	return requests;
}

static void bad_request(const char *why, const struct nlmsghdr *nlh)
{
	fprintf(stderr, "fake kernel: libvsw sent a malformed request (%s): type %u len %u\n",
		why, nlh->nlmsg_type, nlh->nlmsg_len);
	abort();
}

/* Attributes that nest others in requests. */
static bool is_nest(uint16_t type)
{
	return type == VSW_A_PG_SHAPING || type == VSW_A_TEAM_ACTIVE ||
	       type == VSW_A_TEAM_STANDBY || type == VSW_A_VXLAN_REMOTES;
}

/* Attributes must tile [@p, @p + @len) exactly, vsw's nests too. */
static bool attrs_tile(const uint8_t *p, size_t len, bool vsw)
{
	const struct nlattr *a;

	while (len > 0) {
		if (len < NLA_HDRLEN)
			return false;
		a = (const struct nlattr *)p;
		if (a->nla_len < NLA_HDRLEN || a->nla_len > len)
			return false;
		if (vsw && is_nest(a->nla_type & NLA_TYPE_MASK) &&
		    !attrs_tile(p + NLA_HDRLEN, a->nla_len - NLA_HDRLEN, false))
			return false;
		if (NLA_ALIGN(a->nla_len) >= len)
			return NLA_ALIGN(a->nla_len) == len ||
			       a->nla_len == len;
		p += NLA_ALIGN(a->nla_len);
		len -= NLA_ALIGN(a->nla_len);
	}
	return true;
}

static void check_request(const void *req, size_t siz)
{
	const struct nlmsghdr *nlh = req;

	if (siz < NLMSG_HDRLEN + GENL_HDRLEN || nlh->nlmsg_len != siz)
		bad_request("length", nlh);
	if (siz > VSW_VXLAN_REQ_LEN)
		bad_request("longer than any request buffer", nlh);
	if (nlh->nlmsg_type != FK_FAMILY && nlh->nlmsg_type != GENL_ID_CTRL)
		bad_request("type", nlh);
	if (!(nlh->nlmsg_flags & NLM_F_REQUEST))
		bad_request("flags", nlh);
	if (!attrs_tile((const uint8_t *)req + NLMSG_HDRLEN + GENL_HDRLEN,
			siz - NLMSG_HDRLEN - GENL_HDRLEN,
			nlh->nlmsg_type == FK_FAMILY))
		bad_request("attributes", nlh);
}

/* An ACK, or the NLMSG_DONE of a dump. */
static void ack(const struct nlmsghdr *req)
{
	struct {
		struct nlmsghdr nlh;
		struct nlmsgerr err;
	} msg;

	memset(&msg, 0, sizeof(msg));
	msg.nlh.nlmsg_seq = req->nlmsg_seq;
	msg.nlh.nlmsg_pid = FK_PORTID;
	if (req->nlmsg_flags & NLM_F_DUMP) {
		msg.nlh.nlmsg_type = NLMSG_DONE;
		msg.nlh.nlmsg_flags = NLM_F_MULTI;
		msg.nlh.nlmsg_len = NLMSG_LENGTH(sizeof(int));
	} else {
		msg.nlh.nlmsg_type = NLMSG_ERROR;
		msg.nlh.nlmsg_flags = NLM_F_CAPPED;
		msg.nlh.nlmsg_len = NLMSG_LENGTH(sizeof(msg.err));
		msg.err.msg = *req;
	}
	put(&msg, msg.nlh.nlmsg_len);
}

ssize_t mnl_socket_sendto(const struct mnl_socket *nl, const void *req,
			  size_t siz)
{
	bool more = false;

	(void)nl;
	fk_socket();
	check_request(req, siz);
	requests++;
	drain();
	if (!scripted) {
		ack(req);
		return siz;
	}
	while (next_record(&more) && more)
		;
	return siz;
}

int mnl_socket_get_fd(const struct mnl_socket *nl)
{
	(void)nl;
	fk_socket();
	return fds[0];
}

int mnl_socket_setsockopt(const struct mnl_socket *nl, int type, void *buf,
			  socklen_t len)
{
	(void)nl;
	(void)type;
	(void)buf;
	(void)len;
	return 0;
}

struct vsw *fk_open(void)
{
	struct vsw *h = calloc(1, sizeof(*h));

	if (!h)
		abort();
	fk_socket();
	drain();
	/* Never dereferenced: every libmnl call on it is ours. */
	h->nl = (struct mnl_socket *)h;
	h->portid = FK_PORTID;
	h->family = FK_FAMILY;
	h->mcgrp = FK_MCGRP;
	requests = 0;
	return h;
}

void fk_close(struct vsw *h)
{
	drain();
	free(h->buf);
	free(h);
}
