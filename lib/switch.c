// SPDX-License-Identifier: LGPL-2.1-or-later
/* Switches: VSW_CMD_SWITCH_{NEW,DEL,SET,GET}. */
#include <errno.h>

#include "internal.h"

struct switch_walk {
	struct vsw *h;
	vsw_switch_cb cb;
	void *arg;
};

static int switch_msg_cb(const struct nlmsghdr *nlh, void *data)
{
	struct switch_walk *w = data;
	struct vsw_switch sw;
	int ret;

	ret = vsw_parse_switch(nlh, &sw);
	if (ret)
		vsw_set_errmsg(w->h, "malformed switch in reply");
	else
		ret = w->cb(&sw, w->arg);
	vsw_switch_clear(&sw);
	return ret;
}

static int switch_change(struct vsw *h, uint8_t cmd,
			 const struct vsw_switch_opts *o)
{
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	nlh = vsw_req_init(h, buf, h->family, cmd, VSW_GENL_VERSION, 0);
	ret = vsw_put_name(h, nlh, VSW_A_IFNAME, o->name, "switch");
	if (ret)
		return ret;
	if (o->has_ageing)
		mnl_attr_put_u32(nlh, VSW_A_AGEING, o->ageing);
	if (o->has_fdb_max)
		mnl_attr_put_u32(nlh, VSW_A_FDB_MAX, o->fdb_max);
	return vsw_talk(h, nlh, NULL, NULL);
}

int vsw_switch_add(struct vsw *h, const struct vsw_switch_opts *o)
{
	return switch_change(h, VSW_CMD_SWITCH_NEW, o);
}

int vsw_switch_set(struct vsw *h, const struct vsw_switch_opts *o)
{
	return switch_change(h, VSW_CMD_SWITCH_SET, o);
}

int vsw_switch_del(struct vsw *h, const char *name)
{
	struct vsw_switch_opts o = { .name = name };

	return switch_change(h, VSW_CMD_SWITCH_DEL, &o);
}

static int switch_get(struct vsw *h, const char *name, vsw_switch_cb cb,
		      void *arg)
{
	struct switch_walk w = { .h = h, .cb = cb, .arg = arg };
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	nlh = vsw_req_init(h, buf, h->family, VSW_CMD_SWITCH_GET,
			   VSW_GENL_VERSION, name ? 0 : NLM_F_DUMP);
	if (name) {
		ret = vsw_put_name(h, nlh, VSW_A_IFNAME, name, "switch");
		if (ret)
			return ret;
	}
	return vsw_talk(h, nlh, switch_msg_cb, &w);
}

int vsw_switch_get(struct vsw *h, const char *name, vsw_switch_cb cb,
		   void *arg)
{
	if (!name) {
		vsw_set_errmsg(h, "missing switch name");
		return -EINVAL;
	}
	return switch_get(h, name, cb, arg);
}

int vsw_switch_list(struct vsw *h, vsw_switch_cb cb, void *arg)
{
	return switch_get(h, NULL, cb, arg);
}
