// SPDX-License-Identifier: LGPL-2.1-or-later
/* NIC teaming: VSW_CMD_TEAM_{SET,GET}. */
#include <errno.h>
#include <string.h>
#include <net/if.h>

#include "internal.h"

struct team_walk {
	struct vsw *h;
	vsw_team_cb cb;
	void *arg;
};

static int team_msg_cb(const struct nlmsghdr *nlh, void *data)
{
	struct team_walk *w = data;
	struct vsw_team team;
	int ret;

	ret = vsw_parse_team(nlh, &team);
	if (ret)
		vsw_set_errmsg(w->h, "malformed team in reply");
	else
		ret = w->cb(&team, w->arg);
	vsw_team_clear(&team);
	return ret;
}

static bool has_settings(const struct vsw_team_opts *o)
{
	return o->has_policy || o->has_detect || o->has_failback ||
	       o->has_notify || o->has_lacp_rate || o->has_active ||
	       o->has_standby;
}

static int check_enums(struct vsw *h, const struct vsw_team_opts *o)
{
	if (o->has_policy &&
	    ((unsigned int)o->policy > VSW_TEAM_POLICY_MAX)) {
		vsw_set_errmsg(h, "invalid team policy %d", o->policy);
		return -EINVAL;
	}
	if (o->has_detect &&
	    ((unsigned int)o->detect > VSW_TEAM_DETECT_MAX)) {
		vsw_set_errmsg(h, "invalid failure detection %d", o->detect);
		return -EINVAL;
	}
	if (o->has_lacp_rate &&
	    ((unsigned int)o->lacp_rate > VSW_LACP_RATE_MAX)) {
		vsw_set_errmsg(h, "invalid LACP rate %d", o->lacp_rate);
		return -EINVAL;
	}
	return 0;
}

static bool in_list(const char *const *list, unsigned int n,
		    const char *name)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strcmp(list[i], name))
			return true;
	return false;
}

/* Names valid, each once in its list and in one list only. */
static int check_list(struct vsw *h, const char *what,
		      const char *const *list, unsigned int n,
		      const char *const *other, unsigned int n_other)
{
	unsigned int i;

	if (n && !list) {
		vsw_set_errmsg(h, "missing %s list", what);
		return -EINVAL;
	}
	for (i = 0; i < n; i++) {
		if (!list[i] || !*list[i]) {
			vsw_set_errmsg(h, "missing device name in the %s list",
				       what);
			return -EINVAL;
		}
		if (strlen(list[i]) >= IFNAMSIZ) {
			vsw_set_errmsg(h, "device name \"%s\" is too long (max %d)",
				       list[i], IFNAMSIZ - 1);
			return -ENAMETOOLONG;
		}
		if (in_list(list, i, list[i])) {
			vsw_set_errmsg(h, "%s is listed twice in the %s list",
				       list[i], what);
			return -EINVAL;
		}
		if (other && in_list(other, n_other, list[i])) {
			vsw_set_errmsg(h, "%s is in both the active and the standby list",
				       list[i]);
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * An ordered nest of VSW_A_PORT_IFINDEX; an empty one clears the list.
 * Every name is resolved before the request is sent.
 */
static int put_list(struct vsw *h, struct nlmsghdr *nlh, uint16_t type,
		    const char *const *list, unsigned int n,
		    vsw_ifindex_fn ifindex)
{
	struct nlattr *nest;
	unsigned int i, idx;

	nest = mnl_attr_nest_start_check(nlh, VSW_REQ_LEN, type);
	if (!nest)
		goto too_long;
	for (i = 0; i < n; i++) {
		idx = ifindex(list[i]);
		if (!idx) {
			mnl_attr_nest_cancel(nlh, nest);
			vsw_set_errmsg(h, "no device %s", list[i]);
			return -ENODEV;
		}
		if (!mnl_attr_put_u32_check(nlh, VSW_REQ_LEN,
					    VSW_A_PORT_IFINDEX, idx)) {
			mnl_attr_nest_cancel(nlh, nest);
			goto too_long;
		}
	}
	mnl_attr_nest_end(nlh, nest);
	return 0;
too_long:
	vsw_set_errmsg(h, "the active and standby lists are too long for one request");
	return -EMSGSIZE;
}

static int put_u8(struct nlmsghdr *nlh, bool has, uint16_t type, uint8_t val)
{
	if (has && !mnl_attr_put_u8_check(nlh, VSW_REQ_LEN, type, val))
		return -EMSGSIZE;
	return 0;
}

static unsigned int nametoindex(const char *name)
{
	return if_nametoindex(name);
}

/*
 * Build a TEAM_SET request in @buf (VSW_REQ_LEN bytes); @ifindex resolves
 * the lists' names (NULL: if_nametoindex() in the current netns).
 */
int vsw_team_req(struct vsw *h, void *buf, const struct vsw_team_opts *o,
		 vsw_ifindex_fn ifindex, struct nlmsghdr **nlhp)
{
	struct nlmsghdr *nlh;
	int ret;

	nlh = vsw_req_init(h, buf, h->family, VSW_CMD_TEAM_SET,
			   VSW_GENL_VERSION, 0);
	*nlhp = nlh;
	ret = vsw_put_name(h, nlh, VSW_A_IFNAME, o->sw, "switch");
	if (ret)
		return ret;
	if (!has_settings(o)) {
		vsw_set_errmsg(h, "nothing to set");
		return -EINVAL;
	}
	ret = check_enums(h, o);
	/* Standby first: the active list is then checked against it. */
	if (!ret && o->has_standby)
		ret = check_list(h, "standby", o->standby, o->n_standby,
				 NULL, 0);
	if (!ret && o->has_active)
		ret = check_list(h, "active", o->active, o->n_active,
				 o->has_standby ? o->standby : NULL,
				 o->n_standby);
	if (ret)
		return ret;
	if (!ifindex)
		ifindex = nametoindex;

	ret = put_u8(nlh, o->has_policy, VSW_A_TEAM_POLICY, o->policy);
	if (!ret && o->has_active)
		ret = put_list(h, nlh, VSW_A_TEAM_ACTIVE, o->active,
			       o->n_active, ifindex);
	if (!ret && o->has_standby)
		ret = put_list(h, nlh, VSW_A_TEAM_STANDBY, o->standby,
			       o->n_standby, ifindex);
	if (!ret)
		ret = put_u8(nlh, o->has_detect, VSW_A_TEAM_DETECT, o->detect);
	if (!ret)
		ret = put_u8(nlh, o->has_failback, VSW_A_TEAM_FAILBACK,
			     o->failback);
	if (!ret)
		ret = put_u8(nlh, o->has_notify, VSW_A_TEAM_NOTIFY, o->notify);
	if (!ret)
		ret = put_u8(nlh, o->has_lacp_rate, VSW_A_TEAM_LACP_RATE,
			     o->lacp_rate);
	return ret;
}

int vsw_team_set(struct vsw *h, const struct vsw_team_opts *o)
{
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	ret = vsw_team_req(h, buf, o, NULL, &nlh);
	return ret ? ret : vsw_talk(h, nlh, NULL, NULL);
}

/* One switch's team (@sw given: doit) or every switch's (dump). */
static int team_get(struct vsw *h, const char *sw, vsw_team_cb cb, void *arg)
{
	struct team_walk w = { .h = h, .cb = cb, .arg = arg };
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	nlh = vsw_req_init(h, buf, h->family, VSW_CMD_TEAM_GET,
			   VSW_GENL_VERSION, sw ? 0 : NLM_F_DUMP);
	if (sw) {
		ret = vsw_put_name(h, nlh, VSW_A_IFNAME, sw, "switch");
		if (ret)
			return ret;
	}
	return vsw_talk(h, nlh, team_msg_cb, &w);
}

int vsw_team_get(struct vsw *h, const char *sw, vsw_team_cb cb, void *arg)
{
	if (!sw) {
		vsw_set_errmsg(h, "missing switch name");
		return -EINVAL;
	}
	return team_get(h, sw, cb, arg);
}

int vsw_team_list(struct vsw *h, vsw_team_cb cb, void *arg)
{
	return team_get(h, NULL, cb, arg);
}
