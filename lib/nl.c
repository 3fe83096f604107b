// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The request/reply engine: build a request, send it, read the reply until
 * its ACK or NLMSG_DONE, and keep the kernel's extack message.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <net/if.h>

#include "internal.h"

void vsw_set_errmsg(struct vsw *h, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(h->errmsg, sizeof(h->errmsg), fmt, ap);
	va_end(ap);
}

struct nlmsghdr *vsw_req_init(struct vsw *h, void *buf, uint16_t type,
			      uint8_t cmd, uint8_t version, uint16_t flags)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;

	h->errmsg[0] = '\0';
	memset(buf, 0, VSW_REQ_LEN);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++h->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

int vsw_put_name(struct vsw *h, struct nlmsghdr *nlh, uint16_t type,
		 const char *name, const char *what)
{
	if (!name || !*name) {
		vsw_set_errmsg(h, "missing %s name", what);
		return -EINVAL;
	}
	if (strlen(name) >= IFNAMSIZ) {
		vsw_set_errmsg(h, "%s name \"%s\" is too long (max %d)",
			       what, name, IFNAMSIZ - 1);
		return -ENAMETOOLONG;
	}
	if (!mnl_attr_put_strz_check(nlh, VSW_REQ_LEN, type, name))
		return -EMSGSIZE;
	return 0;
}

/* Port group names: printable, no spaces, < VSW_PORTGROUP_NAMSIZ. */
int vsw_put_pgname(struct vsw *h, struct nlmsghdr *nlh, const char *name)
{
	const char *p;

	if (!name || !*name) {
		vsw_set_errmsg(h, "missing port group name");
		return -EINVAL;
	}
	if (strlen(name) > VSW_PORTGROUP_NAME_MAX) {
		vsw_set_errmsg(h, "port group name \"%s\" is too long (max %d)",
			       name, VSW_PORTGROUP_NAME_MAX);
		return -ENAMETOOLONG;
	}
	for (p = name; *p; p++) {
		if (!isgraph((unsigned char)*p)) {
			vsw_set_errmsg(h, "invalid port group name \"%s\" (printable characters, no spaces)",
				       name);
			return -EINVAL;
		}
	}
	if (!mnl_attr_put_strz_check(nlh, VSW_REQ_LEN, VSW_A_PORTGROUP, name))
		return -EMSGSIZE;
	return 0;
}

int vsw_put_mac(struct vsw *h, struct nlmsghdr *nlh, const uint8_t *mac)
{
	if (!mac) {
		vsw_set_errmsg(h, "missing MAC address");
		return -EINVAL;
	}
	if (!mnl_attr_put_check(nlh, VSW_REQ_LEN, VSW_A_MAC, VSW_MAC_LEN, mac))
		return -EMSGSIZE;
	return 0;
}

/* A negative @vlan leaves the attribute out. */
int vsw_put_vlan(struct vsw *h, struct nlmsghdr *nlh, int vlan)
{
	if (vlan < 0)
		return 0;
	if (vlan > VSW_VLAN_MAX) {
		vsw_set_errmsg(h, "invalid VLAN %d (0-%d)", vlan, VSW_VLAN_MAX);
		return -EINVAL;
	}
	if (!mnl_attr_put_u16_check(nlh, VSW_REQ_LEN, VSW_A_VLAN, vlan))
		return -EMSGSIZE;
	return 0;
}

/*
 * Error code and extack message of an NLMSG_ERROR, or of the NLMSG_DONE
 * ending a dump. @msg points into @nlh.
 */
int vsw_parse_nlmsgerr(const struct nlmsghdr *nlh, const char **msg)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	size_t len = mnl_nlmsg_get_payload_len(nlh);
	const struct nlattr *attr;
	size_t off;
	int code;

	*msg = NULL;
	if (nlh->nlmsg_type == NLMSG_DONE) {
		if (len < sizeof(int))
			return 0;	/* old kernels send no error code */
		code = *(const int *)err;
		off = sizeof(int);
	} else {
		if (len < sizeof(*err))
			return -EPROTO;
		code = err->error;
		off = sizeof(*err);
		/* Unless capped, the request follows before the TLVs. */
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += MNL_ALIGN(err->msg.nlmsg_len) - sizeof(err->msg);
	}
	/*
	 * The kernel's errnos are 1..MAX_ERRNO (4095); anything else is no
	 * errno, and INT_MIN could not even be negated for strerror().
	 */
	if (code > 0 || code < -4095)
		return -EPROTO;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || off > len)
		return code;

	mnl_attr_for_each_payload((const void *)((const char *)err + off),
				  len - off) {
		if (mnl_attr_get_type(attr) != NLMSGERR_ATTR_MSG)
			continue;
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
			*msg = mnl_attr_get_str(attr);
	}
	return code;
}

/*
 * mnl_nlmsg_ok() compares nlmsg_len with @len as an int: a length above
 * INT_MAX passes, and mnl_nlmsg_next() then leaves the datagram (or, the
 * length rounded up to 0, stays on the same message for ever).
 */
bool vsw_nlmsg_ok(const struct nlmsghdr *nlh, int len)
{
	return mnl_nlmsg_ok(nlh, len) && nlh->nlmsg_len <= (unsigned int)len;
}

void vsw_rx_init(struct vsw_rx *rx, uint32_t seq, uint32_t portid,
		 vsw_msg_cb cb, void *arg)
{
	memset(rx, 0, sizeof(*rx));
	rx->seq = seq;
	rx->portid = portid;
	rx->cb = cb;
	rx->arg = arg;
}

static int rx_finish(struct vsw_rx *rx, const struct nlmsghdr *nlh)
{
	const char *msg;
	int code = vsw_parse_nlmsgerr(nlh, &msg);

	if (msg)
		snprintf(rx->errmsg, sizeof(rx->errmsg), "%s", msg);
	if (code)
		rx->result = code;
	else if (rx->cb_ret)
		rx->result = rx->cb_ret;
	else if (rx->intr) {
		snprintf(rx->errmsg, sizeof(rx->errmsg),
			 "dump interrupted by a change; results may be inconsistent");
		rx->result = -EAGAIN;
	}
	return VSW_RX_DONE;
}

/*
 * Walk one datagram of the reply to @rx. Messages of other requests (a
 * reply left over from an interrupted call) are skipped. Once a callback
 * stops the walk, the rest of the reply is still consumed.
 */
int vsw_rx_process(struct vsw_rx *rx, const void *buf, size_t len)
{
	const struct nlmsghdr *nlh = buf;
	int left = len;

	while (vsw_nlmsg_ok(nlh, left)) {
		if (!mnl_nlmsg_seq_ok(nlh, rx->seq) ||
		    !mnl_nlmsg_portid_ok(nlh, rx->portid))
			goto next;

		switch (nlh->nlmsg_type) {
		case NLMSG_NOOP:
		case NLMSG_OVERRUN:
			break;
		case NLMSG_ERROR:
		case NLMSG_DONE:
			return rx_finish(rx, nlh);
		default:
			if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
				rx->intr = true;
			if (!rx->cb_ret && rx->cb)
				rx->cb_ret = rx->cb(nlh, rx->arg);
			break;
		}
next:
		nlh = mnl_nlmsg_next(nlh, &left);
	}
	if (left) {
		snprintf(rx->errmsg, sizeof(rx->errmsg),
			 "truncated netlink message in reply");
		rx->result = -EPROTO;
		return VSW_RX_DONE;
	}
	return VSW_RX_MORE;
}

/* Read one datagram into h->buf, growing it to the datagram's size. */
ssize_t vsw_recv(struct vsw *h)
{
	int fd = mnl_socket_get_fd(h->nl);
	ssize_t n;

	for (;;) {
		n = recv(fd, NULL, 0, MSG_PEEK | MSG_TRUNC);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if ((size_t)n > h->buflen) {
			char *b = realloc(h->buf, n);

			if (!b)
				return -ENOMEM;
			h->buf = b;
			h->buflen = n;
		}
		n = recv(fd, h->buf, h->buflen, 0);
		if (n < 0 && errno == EINTR)
			continue;
		return n < 0 ? -errno : n;
	}
}

static int vsw_send(struct vsw *h, const struct nlmsghdr *nlh)
{
	ssize_t n;

	do {
		n = mnl_socket_sendto(h->nl, nlh, nlh->nlmsg_len);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return 0;
}

/* Send @nlh and walk its reply; changes are acknowledged, dumps end DONE. */
int vsw_talk(struct vsw *h, struct nlmsghdr *nlh, vsw_msg_cb cb, void *arg)
{
	struct vsw_rx rx;
	ssize_t n;
	int ret;

	if (!(nlh->nlmsg_flags & NLM_F_DUMP))
		nlh->nlmsg_flags |= NLM_F_ACK;
	ret = vsw_send(h, nlh);
	if (ret) {
		vsw_set_errmsg(h, "sending to the kernel: %s", strerror(-ret));
		return ret;
	}

	vsw_rx_init(&rx, nlh->nlmsg_seq, h->portid, cb, arg);
	do {
		n = vsw_recv(h);
		if (n < 0) {
			vsw_set_errmsg(h, "reading the reply: %s",
				       strerror(-n));
			return n;
		}
	} while (vsw_rx_process(&rx, h->buf, n) == VSW_RX_MORE);

	if (rx.errmsg[0])
		memcpy(h->errmsg, rx.errmsg, sizeof(h->errmsg));
	return rx.result;
}
