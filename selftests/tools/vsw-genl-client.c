// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vsw-genl-client: a small client of the vsw Generic Netlink ABI written
 * on libnl-genl-3, independent of libvsw, so the ABI is checked by a
 * second implementation.
 *
 * Usage:
 *   vsw-genl-client create NAME       SWITCH_NEW NAME; prints "created NAME"
 *   vsw-genl-client dump              SWITCH_GET dump; one switch name per line
 *   vsw-genl-client bad-ageing NAME   SWITCH_NEW NAME with VSW_A_AGEING=0
 *   vsw-genl-client bad-exists NAME   SWITCH_NEW for NAME, which must exist
 *
 * The bad-* commands expect the kernel to refuse the request with an
 * extack message; they print "extack: MESSAGE (errno NAME)" and exit 0
 * when it does, and exit 1 when the request succeeds or comes back
 * without a message. create and dump exit 1 with "Error: ..." on failure.
 * Exit 2: usage error or the "vsw" family is not registered.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/vsw.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

struct result {
	bool done;
	int error;			/* 0 or a negative errno */
	char msg[256];			/* extack message, if any */
};

static int error_cb(struct sockaddr_nl *nla, struct nlmsgerr *err, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)err - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	struct result *res = arg;
	size_t off = sizeof(*err);
	int len = nlh->nlmsg_len - NLMSG_HDRLEN;

	(void)nla;
	res->done = true;
	res->error = err->error;
	/* Without NETLINK_CAP_ACK honoured, our request sits before the TLVs. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += NLMSG_ALIGN(err->msg.nlmsg_len) - sizeof(err->msg);
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || (int)off >= len)
		return NL_STOP;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)err + off),
		      len - off, NULL) == 0 && tb[NLMSGERR_ATTR_MSG])
		snprintf(res->msg, sizeof(res->msg), "%s",
			 nla_get_string(tb[NLMSGERR_ATTR_MSG]));
	return NL_STOP;
}

static int done_cb(struct nl_msg *msg, void *arg)
{
	struct result *res = arg;

	(void)msg;
	res->done = true;
	return NL_STOP;
}

static int print_switch_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VSW_A_MAX + 1];
	struct nla_policy policy[VSW_A_MAX + 1] = {
		[VSW_A_IFNAME] = { .type = NLA_NUL_STRING },
	};

	(void)arg;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, VSW_A_MAX, policy) < 0 ||
	    !tb[VSW_A_IFNAME]) {
		fprintf(stderr, "Error: switch without a name in the dump\n");
		return NL_SKIP;
	}
	printf("%s\n", nla_get_string(tb[VSW_A_IFNAME]));
	return NL_OK;
}

/* Send @msg and read until its ACK, error or DONE. */
static int talk(struct nl_sock *sk, struct nl_msg *msg, struct result *res)
{
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);
	int ret;

	if (!cb)
		return -ENOMEM;
	nl_cb_err(cb, NL_CB_CUSTOM, error_cb, res);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, done_cb, res);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, done_cb, res);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, print_switch_cb, NULL);

	ret = nl_send_auto(sk, msg);
	while (ret >= 0 && !res->done)
		ret = nl_recvmsgs(sk, cb);
	nl_cb_put(cb);
	if (ret < 0 && !res->done) {
		fprintf(stderr, "Error: netlink: %s\n", nl_geterror(ret));
		return -EIO;
	}
	return 0;
}

static struct nl_msg *request(int family, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0,
				flags | NLM_F_ACK, cmd, VSW_GENL_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

static int usage(void)
{
	fprintf(stderr, "usage: vsw-genl-client create NAME | dump | "
			"bad-ageing NAME | bad-exists NAME\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct result res = { 0 };
	struct nl_sock *sk;
	struct nl_msg *msg;
	const char *cmd;
	int family, one = 1, ret = 1;
	bool bad;

	if (argc < 2)
		return usage();
	cmd = argv[1];
	bad = !strncmp(cmd, "bad-", 4);
	if (strcmp(cmd, "dump") ? argc != 3 : argc != 2)
		return usage();
	if (strcmp(cmd, "create") && strcmp(cmd, "dump") &&
	    strcmp(cmd, "bad-ageing") && strcmp(cmd, "bad-exists"))
		return usage();

	sk = nl_socket_alloc();
	if (!sk || genl_connect(sk) < 0) {
		fprintf(stderr, "Error: cannot open a netlink socket\n");
		return 2;
	}
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));
	family = genl_ctrl_resolve(sk, VSW_GENL_NAME);
	if (family < 0) {
		fprintf(stderr, "Error: family \"%s\" not found: %s\n",
			VSW_GENL_NAME, nl_geterror(family));
		nl_socket_free(sk);
		return 2;
	}

	if (!strcmp(cmd, "dump")) {
		msg = request(family, VSW_CMD_SWITCH_GET, NLM_F_DUMP);
	} else {
		msg = request(family, VSW_CMD_SWITCH_NEW, 0);
		if (msg && nla_put_string(msg, VSW_A_IFNAME, argv[2]) < 0) {
			nlmsg_free(msg);
			msg = NULL;
		}
		if (msg && !strcmp(cmd, "bad-ageing") &&
		    nla_put_u32(msg, VSW_A_AGEING, 0) < 0) {
			nlmsg_free(msg);
			msg = NULL;
		}
	}
	if (!msg) {
		fprintf(stderr, "Error: cannot build the request\n");
		goto out;
	}
	if (talk(sk, msg, &res))
		goto out_free;

	if (bad) {
		if (!res.error)
			fprintf(stderr, "Error: %s was accepted\n", cmd);
		else if (!res.msg[0])
			fprintf(stderr, "Error: refused (%s) without an extack message\n",
				strerror(-res.error));
		else {
			printf("extack: %s (errno %s)\n", res.msg,
			       strerrorname_np(-res.error) ?: "?");
			ret = 0;
		}
	} else if (res.error) {
		fprintf(stderr, "Error: %s\n",
			res.msg[0] ? res.msg : strerror(-res.error));
	} else {
		if (!strcmp(cmd, "create"))
			printf("created %s\n", argv[2]);
		ret = 0;
	}
out_free:
	nlmsg_free(msg);
out:
	nl_socket_free(sk);
	return ret;
}
