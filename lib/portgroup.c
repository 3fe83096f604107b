// SPDX-License-Identifier: LGPL-2.1-or-later
/* Port groups: VSW_CMD_PORTGROUP_{NEW,DEL,SET,GET}, and VLAN lists. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

struct portgroup_walk {
	struct vsw *h;
	vsw_portgroup_cb cb;
	void *arg;
};

static int portgroup_msg_cb(const struct nlmsghdr *nlh, void *data)
{
	struct portgroup_walk *w = data;
	struct vsw_portgroup pg;
	int ret;

	ret = vsw_parse_portgroup(nlh, &pg);
	if (ret)
		vsw_set_errmsg(w->h, "malformed port group in reply");
	else
		ret = w->cb(&pg, w->arg);
	vsw_portgroup_clear(&pg);
	return ret;
}

static bool bitmap_empty(const uint8_t *bm)
{
	unsigned int i;

	for (i = 0; i < VSW_VLAN_BITMAP_LEN; i++)
		if (bm[i])
			return false;
	return true;
}

/*
 * The VLAN settings, checked here for a clear message before the kernel
 * sees them; the kernel checks a native VLAN against the group's current
 * trunk list when the request does not carry one.
 */
static int check_vlans(struct vsw *h, uint8_t cmd,
		       const struct vsw_portgroup_opts *o)
{
	if (o->has_vlan && o->has_trunk) {
		vsw_set_errmsg(h, "a VLAN and a trunk list cannot be combined");
		return -EINVAL;
	}
	if (o->has_vlan && o->vlan > VSW_VLAN_TRUNK_ALL) {
		vsw_set_errmsg(h, "invalid VLAN %u (0-%d)", o->vlan,
			       VSW_VLAN_TRUNK_ALL);
		return -EINVAL;
	}
	if (o->has_trunk) {
		if (vsw_vlan_bitmap_test(o->trunk, 0) ||
		    vsw_vlan_bitmap_test(o->trunk, VSW_VLAN_TRUNK_ALL)) {
			vsw_set_errmsg(h, "a trunk list holds VLANs 1-%d only",
				       VSW_VLAN_MAX);
			return -EINVAL;
		}
		if (bitmap_empty(o->trunk)) {
			vsw_set_errmsg(h, "empty trunk list");
			return -EINVAL;
		}
	}
	if (!o->has_native || !o->native)
		return 0;
	if (o->native > VSW_VLAN_MAX) {
		vsw_set_errmsg(h, "invalid native VLAN %u (1-%d)", o->native,
			       VSW_VLAN_MAX);
		return -EINVAL;
	}
	if (o->has_vlan || (cmd == VSW_CMD_PORTGROUP_NEW && !o->has_trunk)) {
		vsw_set_errmsg(h, "a native VLAN needs a trunk list");
		return -EINVAL;
	}
	if (o->has_trunk && !vsw_vlan_bitmap_test(o->trunk, o->native)) {
		vsw_set_errmsg(h, "native VLAN %u is not in the trunk list",
			       o->native);
		return -EINVAL;
	}
	return 0;
}

/* All zero stops shaping; otherwise the kernel's ranges, checked early. */
static int check_shaping(struct vsw *h, const struct vsw_shaping *sh)
{
	if (!sh->avg_kbit && !sh->peak_kbit && !sh->burst_kb)
		return 0;
	if (!sh->avg_kbit || !sh->peak_kbit || !sh->burst_kb) {
		vsw_set_errmsg(h, "shaping needs avg, peak and burst");
		return -EINVAL;
	}
	if (sh->peak_kbit < sh->avg_kbit) {
		vsw_set_errmsg(h, "peak (%u) is below avg (%u)", sh->peak_kbit,
			       sh->avg_kbit);
		return -EINVAL;
	}
	if (sh->burst_kb > VSW_SHAPING_BURST_MAX) {
		vsw_set_errmsg(h, "invalid burst %u (1-%d KB)", sh->burst_kb,
			       VSW_SHAPING_BURST_MAX);
		return -EINVAL;
	}
	return 0;
}

static int put_bool(struct nlmsghdr *nlh, bool has, uint16_t type, bool val)
{
	if (has && !mnl_attr_put_u8_check(nlh, VSW_REQ_LEN, type, val))
		return -EMSGSIZE;
	return 0;
}

/* Three values to shape, an empty nest to stop shaping. */
static int put_shaping(struct nlmsghdr *nlh, const struct vsw_shaping *sh)
{
	struct nlattr *nest;

	nest = mnl_attr_nest_start_check(nlh, VSW_REQ_LEN, VSW_A_PG_SHAPING);
	if (!nest)
		return -EMSGSIZE;
	if (sh->avg_kbit &&
	    (!mnl_attr_put_u32_check(nlh, VSW_REQ_LEN, VSW_SHAPING_A_AVG_KBIT,
				     sh->avg_kbit) ||
	     !mnl_attr_put_u32_check(nlh, VSW_REQ_LEN, VSW_SHAPING_A_PEAK_KBIT,
				     sh->peak_kbit) ||
	     !mnl_attr_put_u32_check(nlh, VSW_REQ_LEN, VSW_SHAPING_A_BURST_KB,
				     sh->burst_kb))) {
		mnl_attr_nest_cancel(nlh, nest);
		return -EMSGSIZE;
	}
	mnl_attr_nest_end(nlh, nest);
	return 0;
}

static bool has_settings(const struct vsw_portgroup_opts *o)
{
	return o->has_vlan || o->has_trunk || o->has_native ||
	       o->has_promisc || o->has_mac_change ||
	       o->has_forged_transmits || o->has_shaping;
}

/* Build a NEW or SET request in @buf (VSW_REQ_LEN bytes). */
int vsw_portgroup_req(struct vsw *h, void *buf, uint8_t cmd,
		      const struct vsw_portgroup_opts *o,
		      struct nlmsghdr **nlhp)
{
	struct nlmsghdr *nlh;
	int ret;

	nlh = vsw_req_init(h, buf, h->family, cmd, VSW_GENL_VERSION, 0);
	*nlhp = nlh;
	ret = vsw_put_name(h, nlh, VSW_A_IFNAME, o->sw, "switch");
	if (!ret)
		ret = vsw_put_pgname(h, nlh, o->name);
	if (!ret)
		ret = check_vlans(h, cmd, o);
	if (!ret && o->has_shaping)
		ret = check_shaping(h, &o->shaping);
	if (ret)
		return ret;
	if (cmd == VSW_CMD_PORTGROUP_SET && !has_settings(o)) {
		vsw_set_errmsg(h, "nothing to set");
		return -EINVAL;
	}
	if (o->has_vlan &&
	    !mnl_attr_put_u16_check(nlh, VSW_REQ_LEN, VSW_A_PG_VLAN, o->vlan))
		return -EMSGSIZE;
	if (o->has_trunk &&
	    !mnl_attr_put_check(nlh, VSW_REQ_LEN, VSW_A_PG_TRUNK,
				VSW_VLAN_BITMAP_LEN, o->trunk))
		return -EMSGSIZE;
	if (o->has_native &&
	    !mnl_attr_put_u16_check(nlh, VSW_REQ_LEN, VSW_A_PG_NATIVE,
				    o->native))
		return -EMSGSIZE;
	ret = put_bool(nlh, o->has_promisc, VSW_A_PG_PROMISC, o->promisc);
	if (!ret)
		ret = put_bool(nlh, o->has_mac_change, VSW_A_PG_MAC_CHANGE,
			       o->mac_change);
	if (!ret)
		ret = put_bool(nlh, o->has_forged_transmits,
			       VSW_A_PG_FORGED_TRANSMITS, o->forged_transmits);
	if (!ret && o->has_shaping)
		ret = put_shaping(nlh, &o->shaping);
	return ret;
}

static int portgroup_change(struct vsw *h, uint8_t cmd,
			    const struct vsw_portgroup_opts *o)
{
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	ret = vsw_portgroup_req(h, buf, cmd, o, &nlh);
	return ret ? ret : vsw_talk(h, nlh, NULL, NULL);
}

int vsw_portgroup_add(struct vsw *h, const struct vsw_portgroup_opts *o)
{
	return portgroup_change(h, VSW_CMD_PORTGROUP_NEW, o);
}

int vsw_portgroup_set(struct vsw *h, const struct vsw_portgroup_opts *o)
{
	return portgroup_change(h, VSW_CMD_PORTGROUP_SET, o);
}

int vsw_portgroup_del(struct vsw *h, const char *sw, const char *name)
{
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	nlh = vsw_req_init(h, buf, h->family, VSW_CMD_PORTGROUP_DEL,
			   VSW_GENL_VERSION, 0);
	ret = vsw_put_name(h, nlh, VSW_A_IFNAME, sw, "switch");
	if (!ret)
		ret = vsw_put_pgname(h, nlh, name);
	return ret ? ret : vsw_talk(h, nlh, NULL, NULL);
}

/* One group (@name given: doit) or all of the switch (dump). */
static int portgroup_get(struct vsw *h, const char *sw, const char *name,
			 vsw_portgroup_cb cb, void *arg)
{
	struct portgroup_walk w = { .h = h, .cb = cb, .arg = arg };
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	nlh = vsw_req_init(h, buf, h->family, VSW_CMD_PORTGROUP_GET,
			   VSW_GENL_VERSION, name ? 0 : NLM_F_DUMP);
	ret = vsw_put_name(h, nlh, VSW_A_IFNAME, sw, "switch");
	if (!ret && name)
		ret = vsw_put_pgname(h, nlh, name);
	return ret ? ret : vsw_talk(h, nlh, portgroup_msg_cb, &w);
}

int vsw_portgroup_get(struct vsw *h, const char *sw, const char *name,
		      vsw_portgroup_cb cb, void *arg)
{
	if (!name) {
		vsw_set_errmsg(h, "missing port group name");
		return -EINVAL;
	}
	return portgroup_get(h, sw, name, cb, arg);
}

int vsw_portgroup_list(struct vsw *h, const char *sw, vsw_portgroup_cb cb,
		       void *arg)
{
	return portgroup_get(h, sw, NULL, cb, arg);
}

/* Runs of two or more VLANs become ranges: "10-11" reads back the same. */
int vsw_vlan_bitmap_format(const uint8_t *bm, char *buf, size_t len)
{
	unsigned int vid, last;
	size_t total = 0, pos;
	int n;

	if (len)
		buf[0] = '\0';
	for (vid = 1; vid <= VSW_VLAN_MAX; vid = last + 1) {
		last = vid;
		if (!vsw_vlan_bitmap_test(bm, vid))
			continue;
		while (last < VSW_VLAN_MAX && vsw_vlan_bitmap_test(bm, last + 1))
			last++;
		/* Out of room, snprintf() with size 0 only counts. */
		pos = total < len ? total : len;
		if (last == vid)
			n = snprintf(buf + pos, len - pos, "%s%u",
				     total ? "," : "", vid);
		else
			n = snprintf(buf + pos, len - pos, "%s%u-%u",
				     total ? "," : "", vid, last);
		total += n;
	}
	return total;
}
