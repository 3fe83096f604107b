// SPDX-License-Identifier: LGPL-2.1-or-later
/* Ports and uplinks: VSW_CMD_PORT_{NEW,SET,DEL,GET}. */
#include <errno.h>

#include "internal.h"

struct port_walk {
	struct vsw *h;
	vsw_port_cb cb;
	void *arg;
};

static int port_msg_cb(const struct nlmsghdr *nlh, void *data)
{
	struct port_walk *w = data;
	struct vsw_port_stats stats;
	struct vsw_port port;
	int ret;

	ret = vsw_parse_port(nlh, &port, &stats);
	if (ret) {
		vsw_set_errmsg(w->h, "malformed port in reply");
		return ret;
	}
	return w->cb(&port, w->arg);
}

static int check_kind(struct vsw *h, int kind)
{
	/* The host port is the switch device itself: never added or removed. */
	if (kind != VSW_PORT_KIND_PORT && kind != VSW_PORT_KIND_UPLINK) {
		vsw_set_errmsg(h, "invalid port kind %d", kind);
		return -EINVAL;
	}
	return 0;
}

static int put_opts(struct vsw *h, struct nlmsghdr *nlh,
		    const struct vsw_port_opts *o)
{
	if (o && o->portgroup)
		return vsw_put_pgname(h, nlh, o->portgroup);
	return 0;
}

int vsw_port_add(struct vsw *h, const char *sw, const char *dev,
		 enum vsw_port_kind kind, const struct vsw_port_opts *o)
{
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	nlh = vsw_req_init(h, buf, h->family, VSW_CMD_PORT_NEW,
			   VSW_GENL_VERSION, 0);
	ret = check_kind(h, kind);
	if (!ret && kind == VSW_PORT_KIND_UPLINK && o && o->portgroup) {
		vsw_set_errmsg(h, "uplinks have no port group");
		ret = -EINVAL;
	}
	if (!ret)
		ret = vsw_put_name(h, nlh, VSW_A_IFNAME, sw, "switch");
	if (!ret)
		ret = vsw_put_name(h, nlh, VSW_A_PORT_IFNAME, dev, "port");
	if (!ret)
		ret = put_opts(h, nlh, o);
	if (ret)
		return ret;
	mnl_attr_put_u8(nlh, VSW_A_PORT_KIND, kind);
	return vsw_talk(h, nlh, NULL, NULL);
}

int vsw_port_set(struct vsw *h, const char *dev,
		 const struct vsw_port_opts *o)
{
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	nlh = vsw_req_init(h, buf, h->family, VSW_CMD_PORT_SET,
			   VSW_GENL_VERSION, 0);
	ret = vsw_put_name(h, nlh, VSW_A_PORT_IFNAME, dev, "port");
	if (!ret && (!o || !o->portgroup)) {
		vsw_set_errmsg(h, "nothing to set");
		ret = -EINVAL;
	}
	if (!ret)
		ret = put_opts(h, nlh, o);
	return ret ? ret : vsw_talk(h, nlh, NULL, NULL);
}

int vsw_port_del(struct vsw *h, const char *dev, int kind)
{
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	nlh = vsw_req_init(h, buf, h->family, VSW_CMD_PORT_DEL,
			   VSW_GENL_VERSION, 0);
	ret = kind < 0 ? 0 : check_kind(h, kind);
	if (!ret)
		ret = vsw_put_name(h, nlh, VSW_A_PORT_IFNAME, dev, "port");
	if (ret)
		return ret;
	if (kind >= 0)
		mnl_attr_put_u8(nlh, VSW_A_PORT_KIND, kind);
	return vsw_talk(h, nlh, NULL, NULL);
}

int vsw_port_list(struct vsw *h, const char *sw, vsw_port_cb cb, void *arg)
{
	struct port_walk w = { .h = h, .cb = cb, .arg = arg };
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	nlh = vsw_req_init(h, buf, h->family, VSW_CMD_PORT_GET,
			   VSW_GENL_VERSION, NLM_F_DUMP);
	if (sw) {
		ret = vsw_put_name(h, nlh, VSW_A_IFNAME, sw, "switch");
		if (ret)
			return ret;
	}
	return vsw_talk(h, nlh, port_msg_cb, &w);
}
