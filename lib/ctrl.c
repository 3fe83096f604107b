// SPDX-License-Identifier: LGPL-2.1-or-later
/* Resolve the "vsw" family and its "events" group through nlctrl. */
#include <errno.h>
#include <string.h>
#include <linux/genetlink.h>

#include "internal.h"

struct family {
	uint16_t id;
	uint32_t mcgrp;
};

static int group_cb(const struct nlattr *grp, void *data)
{
	struct family *f = data;
	const struct nlattr *attr;
	const char *name = NULL;
	uint32_t id = 0;

	if (mnl_attr_validate(grp, MNL_TYPE_NESTED) < 0)
		return MNL_CB_ERROR;
	mnl_attr_for_each_nested(attr, grp) {
		switch (mnl_attr_get_type(attr)) {
		case CTRL_ATTR_MCAST_GRP_NAME:
			if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0)
				return MNL_CB_ERROR;
			name = mnl_attr_get_str(attr);
			break;
		case CTRL_ATTR_MCAST_GRP_ID:
			if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
				return MNL_CB_ERROR;
			id = mnl_attr_get_u32(attr);
			break;
		}
	}
	if (name && !strcmp(name, VSW_MCGRP_EVENTS))
		f->mcgrp = id;
	return MNL_CB_OK;
}

static int family_attr_cb(const struct nlattr *attr, void *data)
{
	struct family *f = data;
	const struct nlattr *grp;

	switch (mnl_attr_get_type(attr)) {
	case CTRL_ATTR_FAMILY_ID:
		if (mnl_attr_validate(attr, MNL_TYPE_U16) < 0)
			return MNL_CB_ERROR;
		f->id = mnl_attr_get_u16(attr);
		break;
	case CTRL_ATTR_MCAST_GROUPS:
		if (mnl_attr_validate(attr, MNL_TYPE_NESTED) < 0)
			return MNL_CB_ERROR;
		mnl_attr_for_each_nested(grp, attr)
			if (group_cb(grp, f) != MNL_CB_OK)
				return MNL_CB_ERROR;
		break;
	}
	return MNL_CB_OK;
}

/* Family id (required) and "events" group id (0 if absent) of a reply. */
int vsw_parse_family(const struct nlmsghdr *nlh, uint16_t *id,
		     uint32_t *mcgrp)
{
	struct family f = { 0 };

	if (mnl_attr_parse(nlh, GENL_HDRLEN, family_attr_cb, &f) < 0 || !f.id)
		return -EPROTO;
	*id = f.id;
	*mcgrp = f.mcgrp;
	return 0;
}

static int family_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct vsw *h = arg;

	return vsw_parse_family(nlh, &h->family, &h->mcgrp);
}

int vsw_resolve_family(struct vsw *h)
{
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	nlh = vsw_req_init(h, buf, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, VSW_GENL_NAME);
	ret = vsw_talk(h, nlh, family_cb, h);
	if (ret == -ENOENT)
		vsw_set_errmsg(h, "Generic Netlink family \"%s\" not found (is the vsw module loaded?)",
			       VSW_GENL_NAME);
	return ret;
}
