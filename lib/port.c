// SPDX-License-Identifier: LGPL-2.1-or-later
/* Ports and uplinks: VSW_CMD_PORT_{NEW,SET,DEL,GET}. */
#include <errno.h>
#include <string.h>

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

static bool mac_is_zero(const uint8_t *mac)
{
	static const uint8_t zero[VSW_MAC_LEN];

	return !memcmp(mac, zero, VSW_MAC_LEN);
}

/* A port's MAC: unicast; all zeroes (forget it) only on set. */
static int check_mac(struct vsw *h, uint8_t cmd, const uint8_t *mac)
{
	if (mac[0] & 1) {
		vsw_set_errmsg(h, "port MAC %02x:%02x:%02x:%02x:%02x:%02x is a multicast address",
			       mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
		return -EINVAL;
	}
	if (cmd == VSW_CMD_PORT_NEW && mac_is_zero(mac)) {
		vsw_set_errmsg(h, "port MAC 00:00:00:00:00:00 only forgets the MAC of an existing port");
		return -EINVAL;
	}
	return 0;
}

static int put_opts(struct vsw *h, struct nlmsghdr *nlh, uint8_t cmd,
		    const struct vsw_port_opts *o)
{
	int ret;

	if (!o)
		return 0;
	if (o->portgroup) {
		ret = vsw_put_pgname(h, nlh, o->portgroup);
		if (ret)
			return ret;
	}
	if (o->has_mac) {
		ret = check_mac(h, cmd, o->mac);
		if (ret)
			return ret;
		if (!mnl_attr_put_check(nlh, VSW_REQ_LEN, VSW_A_PORT_MAC,
					VSW_MAC_LEN, o->mac))
			return -EMSGSIZE;
	}
	if (o->has_fdb_max &&
	    !mnl_attr_put_u32_check(nlh, VSW_REQ_LEN, VSW_A_PORT_FDB_MAX,
				    o->fdb_max))
		return -EMSGSIZE;
	return 0;
}

/*
 * Build a PORT_NEW (switch @sw, @kind) or PORT_SET request for @dev in @buf
 * (VSW_REQ_LEN bytes).
 */
int vsw_port_req(struct vsw *h, void *buf, uint8_t cmd, const char *sw,
		 const char *dev, enum vsw_port_kind kind,
		 const struct vsw_port_opts *o, struct nlmsghdr **nlhp)
{
	struct nlmsghdr *nlh;
	int ret;

	nlh = vsw_req_init(h, buf, h->family, cmd, VSW_GENL_VERSION, 0);
	*nlhp = nlh;
	if (cmd == VSW_CMD_PORT_SET) {
		ret = vsw_put_name(h, nlh, VSW_A_PORT_IFNAME, dev, "port");
		if (!ret && (!o || (!o->portgroup && !o->has_mac &&
				    !o->has_fdb_max))) {
			vsw_set_errmsg(h, "nothing to set");
			ret = -EINVAL;
		}
		return ret ? ret : put_opts(h, nlh, cmd, o);
	}

	ret = check_kind(h, kind);
	if (!ret && kind == VSW_PORT_KIND_UPLINK && o && o->portgroup) {
		vsw_set_errmsg(h, "uplinks have no port group");
		ret = -EINVAL;
	}
	if (!ret && kind == VSW_PORT_KIND_UPLINK && o && o->has_mac) {
		vsw_set_errmsg(h, "uplinks have no port MAC");
		ret = -EINVAL;
	}
	if (!ret)
		ret = vsw_put_name(h, nlh, VSW_A_IFNAME, sw, "switch");
	if (!ret)
		ret = vsw_put_name(h, nlh, VSW_A_PORT_IFNAME, dev, "port");
	if (!ret)
		ret = put_opts(h, nlh, cmd, o);
	if (ret)
		return ret;
	if (!mnl_attr_put_u8_check(nlh, VSW_REQ_LEN, VSW_A_PORT_KIND, kind))
		return -EMSGSIZE;
	return 0;
}

int vsw_port_add(struct vsw *h, const char *sw, const char *dev,
		 enum vsw_port_kind kind, const struct vsw_port_opts *o)
{
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	ret = vsw_port_req(h, buf, VSW_CMD_PORT_NEW, sw, dev, kind, o, &nlh);
	return ret ? ret : vsw_talk(h, nlh, NULL, NULL);
}

int vsw_port_set(struct vsw *h, const char *dev,
		 const struct vsw_port_opts *o)
{
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	ret = vsw_port_req(h, buf, VSW_CMD_PORT_SET, NULL, dev, 0, o, &nlh);
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
