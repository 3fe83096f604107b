// SPDX-License-Identifier: LGPL-2.1-or-later
/* The handle: one Generic Netlink socket bound to the "vsw" family. */
#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include "internal.h"

static int sockopt_on(struct vsw *h, int opt)
{
	int one = 1;

	return mnl_socket_setsockopt(h->nl, opt, &one, sizeof(one));
}

int vsw_open(struct vsw **hp)
{
	struct vsw *h;
	int ret;

	*hp = NULL;
	h = calloc(1, sizeof(*h));
	if (!h)
		return -ENOMEM;
	h->nl = mnl_socket_open(NETLINK_GENERIC);
	if (!h->nl) {
		ret = -errno;
		goto err_free;
	}
	if (mnl_socket_bind(h->nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		ret = -errno;
		goto err_close;
	}
	/* Extack messages, without the echo of our request in every error. */
	sockopt_on(h, NETLINK_EXT_ACK);
	sockopt_on(h, NETLINK_CAP_ACK);
	h->portid = mnl_socket_get_portid(h->nl);
	h->seq = time(NULL);

	ret = vsw_resolve_family(h);
	if (ret)
		goto err_close;
	*hp = h;
	return 0;

err_close:
	mnl_socket_close(h->nl);
err_free:
	free(h->buf);
	free(h);
	return ret;
}

void vsw_close(struct vsw *h)
{
	if (!h)
		return;
	mnl_socket_close(h->nl);
	free(h->buf);
	free(h);
}

const char *vsw_errmsg(const struct vsw *h)
{
	return h && h->errmsg[0] ? h->errmsg : NULL;
}

int vsw_fd(const struct vsw *h)
{
	return mnl_socket_get_fd(h->nl);
}
