// SPDX-License-Identifier: LGPL-2.1-or-later
/* Forwarding database: VSW_CMD_FDB_{NEW,DEL,FLUSH,GET}. */
#include <errno.h>

#include "internal.h"

struct fdb_walk {
	struct vsw *h;
	vsw_fdb_cb cb;
	void *arg;
};

static int fdb_msg_cb(const struct nlmsghdr *nlh, void *data)
{
	struct fdb_walk *w = data;
	struct vsw_fdb fdb;
	int ret;

	ret = vsw_parse_fdb(nlh, &fdb);
	if (ret) {
		vsw_set_errmsg(w->h, "malformed fdb entry in reply");
		return ret;
	}
	return w->cb(&fdb, w->arg);
}

/*
 * Request with the switch, and optionally the MAC, a port and a VLAN.
 * FDB_NEW needs a port, unless @remote names a remote VTEP of VNI @vni.
 */
static int fdb_req(struct vsw *h, void *buf, struct nlmsghdr **nlhp,
		   uint8_t cmd, uint16_t flags, const char *sw,
		   const uint8_t *mac, const char *port, int vlan,
		   const struct vsw_addr *remote, uint32_t vni)
{
	struct nlmsghdr *nlh;
	int ret;

	nlh = vsw_req_init(h, buf, h->family, cmd, VSW_GENL_VERSION, flags);
	*nlhp = nlh;
	ret = vsw_put_name(h, nlh, VSW_A_IFNAME, sw, "switch");
	if (!ret && (cmd == VSW_CMD_FDB_NEW || cmd == VSW_CMD_FDB_DEL))
		ret = vsw_put_mac(h, nlh, mac);
	if (!ret && (port || (cmd == VSW_CMD_FDB_NEW && !remote)))
		ret = vsw_put_name(h, nlh, VSW_A_PORT_IFNAME, port, "port");
	if (!ret && remote) {
		ret = vsw_check_unicast(h, remote, "remote");
		if (!ret)
			ret = vsw_check_vni(h, vni);
		if (!ret)
			ret = vsw_put_addr(nlh, VSW_REQ_LEN,
					   VSW_A_VXLAN_REMOTE, remote);
		if (!ret &&
		    !mnl_attr_put_u32_check(nlh, VSW_REQ_LEN, VSW_A_VXLAN_VNI,
					    vni))
			ret = -EMSGSIZE;
	}
	if (!ret)
		ret = vsw_put_vlan(h, nlh, vlan);
	return ret;
}

int vsw_fdb_add(struct vsw *h, const char *sw, const uint8_t *mac, int vlan,
		const char *port)
{
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	ret = fdb_req(h, buf, &nlh, VSW_CMD_FDB_NEW, 0, sw, mac, port, vlan,
		      NULL, 0);
	return ret ? ret : vsw_talk(h, nlh, NULL, NULL);
}

/*
 * Build an FDB_NEW request for an entry behind remote VTEP @remote of VNI
 * @vni in @buf (VSW_REQ_LEN bytes).
 */
int vsw_fdb_remote_req(struct vsw *h, void *buf, const char *sw,
		       const uint8_t *mac, int vlan,
		       const struct vsw_addr *remote, uint32_t vni,
		       struct nlmsghdr **nlhp)
{
	/* No address is one of no family, refused as such. */
	static const struct vsw_addr none;

	return fdb_req(h, buf, nlhp, VSW_CMD_FDB_NEW, 0, sw, mac, NULL, vlan,
		       remote ? remote : &none, vni);
}

int vsw_fdb_add_remote(struct vsw *h, const char *sw, const uint8_t *mac,
		       int vlan, const struct vsw_addr *remote, uint32_t vni)
{
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	ret = vsw_fdb_remote_req(h, buf, sw, mac, vlan, remote, vni, &nlh);
	return ret ? ret : vsw_talk(h, nlh, NULL, NULL);
}

int vsw_fdb_del(struct vsw *h, const char *sw, const uint8_t *mac, int vlan)
{
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	ret = fdb_req(h, buf, &nlh, VSW_CMD_FDB_DEL, 0, sw, mac, NULL, vlan,
		      NULL, 0);
	return ret ? ret : vsw_talk(h, nlh, NULL, NULL);
}

int vsw_fdb_flush(struct vsw *h, const char *sw, const char *port, int vlan)
{
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	ret = fdb_req(h, buf, &nlh, VSW_CMD_FDB_FLUSH, 0, sw, NULL, port,
		      vlan, NULL, 0);
	return ret ? ret : vsw_talk(h, nlh, NULL, NULL);
}

int vsw_fdb_list(struct vsw *h, const char *sw, const char *port, int vlan,
		 vsw_fdb_cb cb, void *arg)
{
	struct fdb_walk w = { .h = h, .cb = cb, .arg = arg };
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	ret = fdb_req(h, buf, &nlh, VSW_CMD_FDB_GET, NLM_F_DUMP, sw, NULL,
		      port, vlan, NULL, 0);
	return ret ? ret : vsw_talk(h, nlh, fdb_msg_cb, &w);
}
