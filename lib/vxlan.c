// SPDX-License-Identifier: LGPL-2.1-or-later
/* VXLAN: VSW_CMD_VXLAN_{NEW,DEL,GET}. */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/socket.h>

#include "internal.h"

struct vxlan_walk {
	struct vsw *h;
	vsw_vxlan_cb cb;
	void *arg;
};

static int vxlan_msg_cb(const struct nlmsghdr *nlh, void *data)
{
	struct vxlan_walk *w = data;
	struct vsw_vxlan vx;
	int ret;

	ret = vsw_parse_vxlan(nlh, &vx);
	if (ret)
		vsw_set_errmsg(w->h, "malformed VXLAN VNI in reply");
	else
		ret = w->cb(&vx, w->arg);
	vsw_vxlan_clear(&vx);
	return ret;
}

size_t vsw_addr_len(uint16_t family)
{
	if (family == AF_INET)
		return 4;
	if (family == AF_INET6)
		return 16;
	return 0;
}

/* For messages; "?" for an unknown family. */
static const char *addr_str(const struct vsw_addr *a, char *buf,
			    size_t len)
{
	if (!vsw_addr_len(a->family) ||
	    !inet_ntop(a->family, a->addr, buf, len))
		return "?";
	return buf;
}

static bool addr_is_multicast(const struct vsw_addr *a)
{
	if (a->family == AF_INET)
		return (a->addr[0] & 0xf0) == 0xe0;
	return a->addr[0] == 0xff;
}

static bool addr_is_zero(const struct vsw_addr *a)
{
	static const uint8_t zero[VSW_ADDR_LEN];

	return !memcmp(a->addr, zero, vsw_addr_len(a->family));
}

static bool addr_eq(const struct vsw_addr *a, const struct vsw_addr *b)
{
	return a->family == b->family &&
	       !memcmp(a->addr, b->addr, vsw_addr_len(a->family));
}

static int check_family(struct vsw *h, const struct vsw_addr *a,
			const char *what)
{
	if (!vsw_addr_len(a->family)) {
		vsw_set_errmsg(h, "%s address: invalid address family %u",
			       what, a->family);
		return -EAFNOSUPPORT;
	}
	return 0;
}

int vsw_check_vni(struct vsw *h, uint32_t vni)
{
	if (vni < 1 || vni > VSW_VXLAN_VNI_MAX) {
		vsw_set_errmsg(h, "invalid VNI %u (1-%u)", vni,
			       VSW_VXLAN_VNI_MAX);
		return -EINVAL;
	}
	return 0;
}

/* A VTEP's address: a known family, neither multicast nor all zeroes. */
int vsw_check_unicast(struct vsw *h, const struct vsw_addr *a,
		      const char *what)
{
	char buf[INET6_ADDRSTRLEN];
	int ret = check_family(h, a, what);

	if (ret)
		return ret;
	if (addr_is_multicast(a) || addr_is_zero(a)) {
		vsw_set_errmsg(h, "%s address %s is not a unicast address",
			       what, addr_str(a, buf, sizeof(buf)));
		return -EINVAL;
	}
	return 0;
}

int vsw_put_addr(struct nlmsghdr *nlh, size_t buflen, uint16_t type,
		 const struct vsw_addr *a)
{
	if (!mnl_attr_put_check(nlh, buflen, type, vsw_addr_len(a->family),
				a->addr))
		return -EMSGSIZE;
	return 0;
}

/* @a is of the local address's family. */
static int check_same_family(struct vsw *h, const struct vsw_addr *a,
			     const struct vsw_addr *local, const char *what)
{
	char buf[INET6_ADDRSTRLEN], lbuf[INET6_ADDRSTRLEN];

	if (a->family != local->family) {
		vsw_set_errmsg(h, "%s address %s and local address %s are of different families",
			       what, addr_str(a, buf, sizeof(buf)),
			       addr_str(local, lbuf, sizeof(lbuf)));
		return -EINVAL;
	}
	return 0;
}

static int check_remotes(struct vsw *h, const struct vsw_vxlan_opts *o)
{
	char buf[INET6_ADDRSTRLEN];
	unsigned int i, j;
	int ret;

	if (o->n_remotes && !o->remotes) {
		vsw_set_errmsg(h, "missing remote list");
		return -EINVAL;
	}
	if (o->n_remotes > VSW_VXLAN_REMOTES_MAX) {
		vsw_set_errmsg(h, "%u remote addresses, more than %d",
			       o->n_remotes, VSW_VXLAN_REMOTES_MAX);
		return -E2BIG;
	}
	for (i = 0; i < o->n_remotes; i++) {
		const struct vsw_addr *r = &o->remotes[i];

		ret = vsw_check_unicast(h, r, "remote");
		if (!ret)
			ret = check_same_family(h, r, &o->local, "remote");
		if (ret)
			return ret;
		if (addr_eq(r, &o->local)) {
			vsw_set_errmsg(h, "remote address %s is the local address",
				       addr_str(r, buf, sizeof(buf)));
			return -EINVAL;
		}
		for (j = 0; j < i; j++) {
			if (addr_eq(r, &o->remotes[j])) {
				vsw_set_errmsg(h, "remote address %s is listed twice",
					       addr_str(r, buf, sizeof(buf)));
				return -EINVAL;
			}
		}
	}
	return 0;
}

static int check_group(struct vsw *h, const struct vsw_vxlan_opts *o)
{
	char buf[INET6_ADDRSTRLEN];
	int ret;

	if (!o->has_group) {
		if (o->dev) {
			vsw_set_errmsg(h, "a device without a multicast group");
			return -EINVAL;
		}
		return 0;
	}
	ret = check_family(h, &o->group, "group");
	if (!ret)
		ret = check_same_family(h, &o->group, &o->local, "group");
	if (ret)
		return ret;
	if (!addr_is_multicast(&o->group)) {
		vsw_set_errmsg(h, "group address %s is not a multicast address",
			       addr_str(&o->group, buf, sizeof(buf)));
		return -EINVAL;
	}
	if (!o->dev || !*o->dev) {
		vsw_set_errmsg(h, "missing device name for the multicast group");
		return -EINVAL;
	}
	if (strlen(o->dev) >= IFNAMSIZ) {
		vsw_set_errmsg(h, "device name \"%s\" is too long (max %d)",
			       o->dev, IFNAMSIZ - 1);
		return -ENAMETOOLONG;
	}
	return 0;
}

static int check_opts(struct vsw *h, const struct vsw_vxlan_opts *o)
{
	int ret;

	ret = vsw_check_vni(h, o->vni);
	if (ret)
		return ret;
	if (o->vlan > VSW_VLAN_MAX) {
		vsw_set_errmsg(h, "invalid VLAN %u (0-%d)", o->vlan,
			       VSW_VLAN_MAX);
		return -EINVAL;
	}
	ret = vsw_check_unicast(h, &o->local, "local");
	if (!ret)
		ret = check_remotes(h, o);
	if (!ret)
		ret = check_group(h, o);
	if (ret)
		return ret;
	if (o->has_dstport && !o->dstport) {
		vsw_set_errmsg(h, "invalid UDP port 0 (1-65535)");
		return -EINVAL;
	}
	if (o->has_ttl && !o->ttl) {
		vsw_set_errmsg(h, "invalid TTL 0 (1-255)");
		return -EINVAL;
	}
	return 0;
}

static int put_remotes(struct vsw *h, struct nlmsghdr *nlh,
		       const struct vsw_vxlan_opts *o)
{
	struct nlattr *nest;
	unsigned int i;

	nest = mnl_attr_nest_start_check(nlh, VSW_VXLAN_REQ_LEN,
					 VSW_A_VXLAN_REMOTES);
	if (!nest)
		goto too_long;
	for (i = 0; i < o->n_remotes; i++) {
		if (vsw_put_addr(nlh, VSW_VXLAN_REQ_LEN, VSW_A_VXLAN_REMOTE,
				 &o->remotes[i])) {
			mnl_attr_nest_cancel(nlh, nest);
			goto too_long;
		}
	}
	mnl_attr_nest_end(nlh, nest);
	return 0;
too_long:
	vsw_set_errmsg(h, "too many remote addresses for one request");
	return -EMSGSIZE;
}

static unsigned int nametoindex(const char *name)
{
	return if_nametoindex(name);
}

/* The settings that follow the remotes: the group, port, TTL, learning. */
static int put_tail(struct vsw *h, struct nlmsghdr *nlh,
		    const struct vsw_vxlan_opts *o, vsw_ifindex_fn ifindex)
{
	const size_t len = VSW_VXLAN_REQ_LEN;
	unsigned int idx;

	if (o->has_group) {
		idx = ifindex(o->dev);
		if (!idx) {
			vsw_set_errmsg(h, "no device %s", o->dev);
			return -ENODEV;
		}
		if (vsw_put_addr(nlh, len, VSW_A_VXLAN_GROUP, &o->group) ||
		    !mnl_attr_put_u32_check(nlh, len, VSW_A_VXLAN_DEV, idx))
			return -EMSGSIZE;
	}
	if ((o->has_dstport &&
	     !mnl_attr_put_u16_check(nlh, len, VSW_A_VXLAN_DSTPORT,
				     o->dstport)) ||
	    (o->has_ttl &&
	     !mnl_attr_put_u8_check(nlh, len, VSW_A_VXLAN_TTL, o->ttl)) ||
	    (o->has_learning &&
	     !mnl_attr_put_u8_check(nlh, len, VSW_A_VXLAN_LEARNING,
				    o->learning)))
		return -EMSGSIZE;
	return 0;
}

/*
 * Build a VXLAN_NEW request in @buf (VSW_VXLAN_REQ_LEN bytes); @ifindex
 * resolves the group's device (NULL: if_nametoindex() in the current
 * netns). Everything is checked before the device is looked up.
 */
int vsw_vxlan_req(struct vsw *h, void *buf, const struct vsw_vxlan_opts *o,
		  vsw_ifindex_fn ifindex, struct nlmsghdr **nlhp)
{
	struct nlmsghdr *nlh;
	int ret;

	nlh = vsw_req_init(h, buf, h->family, VSW_CMD_VXLAN_NEW,
			   VSW_GENL_VERSION, 0);
	*nlhp = nlh;
	ret = vsw_put_name(h, nlh, VSW_A_IFNAME, o->sw, "switch");
	if (!ret)
		ret = check_opts(h, o);
	if (ret)
		return ret;
	if (!ifindex)
		ifindex = nametoindex;

	if (!mnl_attr_put_u32_check(nlh, VSW_VXLAN_REQ_LEN, VSW_A_VXLAN_VNI,
				    o->vni))
		return -EMSGSIZE;
	ret = vsw_put_vlan(h, nlh, o->vlan);
	if (!ret)
		ret = vsw_put_addr(nlh, VSW_VXLAN_REQ_LEN, VSW_A_VXLAN_LOCAL,
				   &o->local);
	if (!ret && o->n_remotes)
		ret = put_remotes(h, nlh, o);
	if (!ret)
		ret = put_tail(h, nlh, o, ifindex);
	return ret;
}

int vsw_vxlan_add(struct vsw *h, const struct vsw_vxlan_opts *o)
{
	char buf[VSW_VXLAN_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	ret = vsw_vxlan_req(h, buf, o, NULL, &nlh);
	return ret ? ret : vsw_talk(h, nlh, NULL, NULL);
}

/*
 * A request naming switch @sw and, unless it is a dump, VNI @vni, in @buf
 * (VSW_REQ_LEN bytes): VXLAN_DEL, or VXLAN_GET of one VNI or all.
 */
int vsw_vxlan_vni_req(struct vsw *h, void *buf, uint8_t cmd, uint16_t flags,
		      const char *sw, uint32_t vni, struct nlmsghdr **nlhp)
{
	struct nlmsghdr *nlh;
	int ret;

	nlh = vsw_req_init(h, buf, h->family, cmd, VSW_GENL_VERSION, flags);
	*nlhp = nlh;
	ret = vsw_put_name(h, nlh, VSW_A_IFNAME, sw, "switch");
	if (ret || (flags & NLM_F_DUMP))
		return ret;
	ret = vsw_check_vni(h, vni);
	if (ret)
		return ret;
	if (!mnl_attr_put_u32_check(nlh, VSW_REQ_LEN, VSW_A_VXLAN_VNI, vni))
		return -EMSGSIZE;
	return 0;
}

int vsw_vxlan_del(struct vsw *h, const char *sw, uint32_t vni)
{
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	ret = vsw_vxlan_vni_req(h, buf, VSW_CMD_VXLAN_DEL, 0, sw, vni,
				&nlh);
	return ret ? ret : vsw_talk(h, nlh, NULL, NULL);
}

int vsw_vxlan_get(struct vsw *h, const char *sw, uint32_t vni,
		  vsw_vxlan_cb cb, void *arg)
{
	struct vxlan_walk w = { .h = h, .cb = cb, .arg = arg };
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	ret = vsw_vxlan_vni_req(h, buf, VSW_CMD_VXLAN_GET, 0, sw, vni,
				&nlh);
	return ret ? ret : vsw_talk(h, nlh, vxlan_msg_cb, &w);
}

int vsw_vxlan_list(struct vsw *h, const char *sw, vsw_vxlan_cb cb,
		   void *arg)
{
	struct vxlan_walk w = { .h = h, .cb = cb, .arg = arg };
	char buf[VSW_REQ_LEN];
	struct nlmsghdr *nlh;
	int ret;

	ret = vsw_vxlan_vni_req(h, buf, VSW_CMD_VXLAN_GET, NLM_F_DUMP, sw,
				0, &nlh);
	return ret ? ret : vsw_talk(h, nlh, vxlan_msg_cb, &w);
}
