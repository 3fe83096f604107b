// SPDX-License-Identifier: GPL-2.0
/*
 * The "vsw" Generic Netlink family: configuration and state of switches,
 * ports and FDB entries, and the "events" multicast group.
 *
 * Every handler runs under RTNL, which serialises it against device events.
 * Changes need CAP_NET_ADMIN over the netns (GENL_UNS_ADMIN_PERM); reads are
 * open. Policies are per operation and strict, so an attribute an operation
 * does not take is rejected rather than ignored.
 */
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <linux/sizes.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "netlink.h"
#include "compat.h"

static struct genl_family vsw_genl_family;

/* An extack message with the module's prefix, pointing at @attr. */
#define VSW_NL_ERR_ATTR(extack, attr, msg) do {				\
	NL_SET_ERR_MSG_MOD(extack, msg);				\
	NL_SET_BAD_ATTR(extack, attr);					\
} while (0)

/* Cleared before the family goes away, so late notifications stop. */
static bool vsw_nl_ready;

#define VSW_POLICY_SWITCH						\
	[VSW_A_IFINDEX] = { .type = NLA_U32 },				\
	[VSW_A_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 }
#define VSW_POLICY_PORT							\
	[VSW_A_PORT_IFINDEX] = { .type = NLA_U32 },			\
	[VSW_A_PORT_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 }
static struct netlink_range_validation vsw_ageing_range __ro_after_init = {
	.min = VSW_AGEING_MIN,
	.max = VSW_AGEING_MAX,
};

#define VSW_POLICY_SETTINGS						\
	[VSW_A_AGEING] = NLA_POLICY_FULL_RANGE(NLA_U32, &vsw_ageing_range), \
	[VSW_A_FDB_MAX] = { .type = NLA_U32 }
#define VSW_POLICY_KIND							\
	[VSW_A_PORT_KIND] = NLA_POLICY_MAX(NLA_U8, VSW_PORT_KIND_UPLINK)
#define VSW_POLICY_VLAN							\
	[VSW_A_VLAN] = NLA_POLICY_MAX(NLA_U16, VSW_VLAN_MAX)

static const struct nla_policy vsw_switch_new_policy[VSW_A_MAX + 1] = {
	[VSW_A_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	VSW_POLICY_SETTINGS,
};

static const struct nla_policy vsw_switch_policy[VSW_A_MAX + 1] = {
	VSW_POLICY_SWITCH,
};

static const struct nla_policy vsw_switch_set_policy[VSW_A_MAX + 1] = {
	VSW_POLICY_SWITCH,
	VSW_POLICY_SETTINGS,
};

#define VSW_POLICY_PORTGROUP						\
	[VSW_A_PORTGROUP] = { .type = NLA_NUL_STRING,			\
			      .len = VSW_PORTGROUP_NAMSIZ - 1 }

#define VSW_POLICY_PORT_SETTINGS					\
	[VSW_A_PORT_MAC] = NLA_POLICY_ETH_ADDR,				\
	[VSW_A_PORT_FDB_MAX] = { .type = NLA_U32 }

static const struct nla_policy vsw_port_new_policy[VSW_A_MAX + 1] = {
	VSW_POLICY_SWITCH,
	VSW_POLICY_PORT,
	VSW_POLICY_KIND,
	VSW_POLICY_PORTGROUP,
	VSW_POLICY_PORT_SETTINGS,
};

static const struct nla_policy vsw_port_set_policy[VSW_A_MAX + 1] = {
	VSW_POLICY_PORT,
	VSW_POLICY_PORTGROUP,
	VSW_POLICY_PORT_SETTINGS,
};

static struct netlink_range_validation vsw_burst_range __ro_after_init = {
	.min = 1,
	.max = VSW_SHAPING_BURST_MAX,
};

static const struct nla_policy vsw_shaping_policy[VSW_SHAPING_A_MAX + 1] = {
	[VSW_SHAPING_A_AVG_KBIT] = NLA_POLICY_MIN(NLA_U32, 1),
	[VSW_SHAPING_A_PEAK_KBIT] = NLA_POLICY_MIN(NLA_U32, 1),
	[VSW_SHAPING_A_BURST_KB] = NLA_POLICY_FULL_RANGE(NLA_U32,
							 &vsw_burst_range),
};

static const struct nla_policy vsw_portgroup_policy[VSW_A_MAX + 1] = {
	VSW_POLICY_SWITCH,
	VSW_POLICY_PORTGROUP,
};

static const struct nla_policy vsw_portgroup_set_policy[VSW_A_MAX + 1] = {
	VSW_POLICY_SWITCH,
	VSW_POLICY_PORTGROUP,
	[VSW_A_PG_VLAN] = NLA_POLICY_MAX(NLA_U16, VSW_VLAN_TRUNK_ALL),
	[VSW_A_PG_TRUNK] = NLA_POLICY_EXACT_LEN(VSW_VLAN_BITMAP_LEN),
	[VSW_A_PG_NATIVE] = NLA_POLICY_MAX(NLA_U16, VSW_VLAN_MAX),
	[VSW_A_PG_PROMISC] = NLA_POLICY_MAX(NLA_U8, 1),
	[VSW_A_PG_MAC_CHANGE] = NLA_POLICY_MAX(NLA_U8, 1),
	[VSW_A_PG_FORGED_TRANSMITS] = NLA_POLICY_MAX(NLA_U8, 1),
	[VSW_A_PG_SHAPING] = NLA_POLICY_NESTED(vsw_shaping_policy),
};

/* A team list: VSW_A_PORT_IFINDEX or VSW_A_PORT_IFNAME, repeated, in order. */
static const struct nla_policy vsw_team_list_policy[VSW_A_MAX + 1] = {
	VSW_POLICY_PORT,
};

static const struct nla_policy vsw_team_set_policy[VSW_A_MAX + 1] = {
	VSW_POLICY_SWITCH,
	[VSW_A_TEAM_POLICY] = NLA_POLICY_MAX(NLA_U8, VSW_TEAM_POLICY_MAX),
	[VSW_A_TEAM_ACTIVE] = NLA_POLICY_NESTED(vsw_team_list_policy),
	[VSW_A_TEAM_STANDBY] = NLA_POLICY_NESTED(vsw_team_list_policy),
	[VSW_A_TEAM_DETECT] = NLA_POLICY_MAX(NLA_U8, VSW_TEAM_DETECT_MAX),
	[VSW_A_TEAM_FAILBACK] = NLA_POLICY_MAX(NLA_U8, 1),
	[VSW_A_TEAM_NOTIFY] = NLA_POLICY_MAX(NLA_U8, 1),
	[VSW_A_TEAM_LACP_RATE] = NLA_POLICY_MAX(NLA_U8, VSW_LACP_RATE_MAX),
};

static const struct nla_policy vsw_port_del_policy[VSW_A_MAX + 1] = {
	VSW_POLICY_PORT,
	VSW_POLICY_KIND,
};

/* An IPv4 or IPv6 address; the length is checked by vsw_nl_ip(). */
#define VSW_POLICY_IP	{ .type = NLA_BINARY, .len = sizeof(struct in6_addr) }

static const struct nla_policy vsw_fdb_new_policy[VSW_A_MAX + 1] = {
	VSW_POLICY_SWITCH,
	VSW_POLICY_PORT,
	VSW_POLICY_VLAN,
	[VSW_A_MAC] = NLA_POLICY_ETH_ADDR,
	[VSW_A_VXLAN_REMOTE] = VSW_POLICY_IP,
	[VSW_A_VXLAN_VNI] = { .type = NLA_U32 },
};

static struct netlink_range_validation vsw_vni_range __ro_after_init = {
	.min = 1,
	.max = VSW_VXLAN_VNI_MAX,
};

#define VSW_POLICY_VNI							\
	[VSW_A_VXLAN_VNI] = NLA_POLICY_FULL_RANGE(NLA_U32, &vsw_vni_range)

static const struct nla_policy vsw_vxlan_remotes_policy[VSW_A_MAX + 1] = {
	[VSW_A_VXLAN_REMOTE] = VSW_POLICY_IP,
};

static const struct nla_policy vsw_vxlan_new_policy[VSW_A_MAX + 1] = {
	VSW_POLICY_SWITCH,
	VSW_POLICY_VLAN,
	VSW_POLICY_VNI,
	[VSW_A_VXLAN_LOCAL] = VSW_POLICY_IP,
	[VSW_A_VXLAN_REMOTES] = NLA_POLICY_NESTED(vsw_vxlan_remotes_policy),
	[VSW_A_VXLAN_GROUP] = VSW_POLICY_IP,
	[VSW_A_VXLAN_DEV] = { .type = NLA_U32 },
	[VSW_A_VXLAN_DSTPORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[VSW_A_VXLAN_TTL] = NLA_POLICY_MIN(NLA_U8, 1),
	[VSW_A_VXLAN_LEARNING] = NLA_POLICY_MAX(NLA_U8, 1),
};

static const struct nla_policy vsw_vxlan_policy[VSW_A_MAX + 1] = {
	VSW_POLICY_SWITCH,
	VSW_POLICY_VNI,
};

static const struct nla_policy vsw_fdb_del_policy[VSW_A_MAX + 1] = {
	VSW_POLICY_SWITCH,
	VSW_POLICY_VLAN,
	[VSW_A_MAC] = NLA_POLICY_ETH_ADDR,
};

static const struct nla_policy vsw_fdb_filter_policy[VSW_A_MAX + 1] = {
	VSW_POLICY_SWITCH,
	VSW_POLICY_PORT,
	VSW_POLICY_VLAN,
};

/* Lookups, under RTNL. */

static struct net_device *vsw_nl_dev(struct net *net, struct nlattr **attrs,
				     int ifindex_attr, int ifname_attr,
				     struct netlink_ext_ack *extack)
{
	struct net_device *dev = NULL;

	if (attrs[ifindex_attr]) {
		dev = __dev_get_by_index(net, nla_get_u32(attrs[ifindex_attr]));
		if (!dev)
			NL_SET_BAD_ATTR(extack, attrs[ifindex_attr]);
	} else if (attrs[ifname_attr]) {
		dev = __dev_get_by_name(net, nla_data(attrs[ifname_attr]));
		if (!dev)
			NL_SET_BAD_ATTR(extack, attrs[ifname_attr]);
	}
	return dev;
}

static struct vsw_switch *vsw_nl_switch(struct net *net, struct nlattr **attrs,
					struct netlink_ext_ack *extack)
{
	struct net_device *dev;

	if (!attrs[VSW_A_IFINDEX] && !attrs[VSW_A_IFNAME]) {
		NL_SET_ERR_MSG_MOD(extack, "Switch name or ifindex missing");
		return ERR_PTR(-EINVAL);
	}
	dev = vsw_nl_dev(net, attrs, VSW_A_IFINDEX, VSW_A_IFNAME, extack);
	if (!dev) {
		NL_SET_ERR_MSG_MOD(extack, "No such switch");
		return ERR_PTR(-ENODEV);
	}
	if (!netif_is_vsw(dev)) {
		NL_SET_ERR_MSG_MOD(extack, "The device is not a vsw switch");
		return ERR_PTR(-EOPNOTSUPP);
	}
	return netdev_priv(dev);
}

static struct net_device *vsw_nl_port_dev(struct net *net,
					  struct nlattr **attrs,
					  struct netlink_ext_ack *extack)
{
	struct net_device *dev;

	if (!attrs[VSW_A_PORT_IFINDEX] && !attrs[VSW_A_PORT_IFNAME]) {
		NL_SET_ERR_MSG_MOD(extack, "Port device name or ifindex missing");
		return ERR_PTR(-EINVAL);
	}
	dev = vsw_nl_dev(net, attrs, VSW_A_PORT_IFINDEX, VSW_A_PORT_IFNAME,
			 extack);
	if (!dev) {
		NL_SET_ERR_MSG_MOD(extack, "No such device in this network namespace");
		return ERR_PTR(-ENODEV);
	}
	return dev;
}

/* A port of @sw named by the request; the switch device is its host port. */
static struct vsw_port *vsw_nl_port_of(struct vsw_switch *sw, struct net *net,
				       struct nlattr **attrs,
				       struct netlink_ext_ack *extack)
{
	struct net_device *dev = vsw_nl_port_dev(net, attrs, extack);
	struct vsw_port *port;

	if (IS_ERR(dev))
		return ERR_CAST(dev);
	port = vsw_port_of_dev_rtnl(dev);
	if (!port || port->sw != sw) {
		NL_SET_ERR_MSG_MOD(extack, "The device is not a port of this switch");
		return ERR_PTR(-ENOENT);
	}
	return port;
}

static struct vsw_portgroup *vsw_nl_portgroup(struct vsw_switch *sw,
					       struct nlattr **attrs,
					       struct netlink_ext_ack *extack)
{
	struct vsw_portgroup *pg;

	if (!attrs[VSW_A_PORTGROUP]) {
		NL_SET_ERR_MSG_MOD(extack, "Port group name missing");
		return ERR_PTR(-EINVAL);
	}
	pg = vsw_portgroup_find(sw, nla_data(attrs[VSW_A_PORTGROUP]));
	if (!pg) {
		VSW_NL_ERR_ATTR(extack, attrs[VSW_A_PORTGROUP],
				"No such port group");
		return ERR_PTR(-ENOENT);
	}
	return pg;
}

static bool vsw_nl_portgroup_name_ok(const char *name)
{
	if (!*name)
		return false;
	for (; *name; name++)
		if (!isgraph(*name))
			return false;
	return true;
}

/*
 * Build a port group's new VLAN settings from a request, starting from
 * @old (NULL for a new group).
 */
static struct vsw_vlan_cfg *vsw_nl_vlan_cfg(struct nlattr **attrs,
					    const struct vsw_vlan_cfg *old,
					    struct netlink_ext_ack *extack)
{
	struct nlattr *vlan = attrs[VSW_A_PG_VLAN];
	struct nlattr *trunk = attrs[VSW_A_PG_TRUNK];
	struct nlattr *native = attrs[VSW_A_PG_NATIVE];
	struct vsw_vlan_cfg *cfg;
	const u8 *bits;
	unsigned int i;

	if (vlan && trunk) {
		VSW_NL_ERR_ATTR(extack, trunk,
				"A VLAN and a trunk list cannot be combined");
		return ERR_PTR(-EINVAL);
	}
	cfg = vsw_vlan_cfg_alloc();
	if (!cfg)
		return ERR_PTR(-ENOMEM);
	if (old) {
		cfg->mode = old->mode;
		cfg->vid = old->vid;
		cfg->native = old->native;
		bitmap_copy(cfg->trunk, old->trunk, VLAN_N_VID);
	}

	if (vlan) {
		u16 vid = nla_get_u16(vlan);

		bitmap_zero(cfg->trunk, VLAN_N_VID);
		cfg->native = 0;
		cfg->vid = 0;
		if (!vid) {
			cfg->mode = VSW_VLAN_MODE_NONE;
		} else if (vid == VSW_VLAN_TRUNK_ALL) {
			cfg->mode = VSW_VLAN_MODE_TRUNK_ALL;
		} else {
			cfg->mode = VSW_VLAN_MODE_ACCESS;
			cfg->vid = vid;
		}
	} else if (trunk) {
		bits = nla_data(trunk);
		bitmap_zero(cfg->trunk, VLAN_N_VID);
		for (i = 0; i < VLAN_N_VID; i++)
			if (bits[i / 8] & BIT(i % 8))
				__set_bit(i, cfg->trunk);
		if (test_bit(0, cfg->trunk) ||
		    test_bit(VSW_VLAN_TRUNK_ALL, cfg->trunk)) {
			VSW_NL_ERR_ATTR(extack, trunk,
					"VLANs 0 and 4095 cannot be in a trunk list");
			goto err;
		}
		if (bitmap_empty(cfg->trunk, VLAN_N_VID)) {
			VSW_NL_ERR_ATTR(extack, trunk, "The trunk list is empty");
			goto err;
		}
		cfg->mode = VSW_VLAN_MODE_TRUNK_LIST;
		cfg->vid = 0;
		/* A native VLAN the new list lacks is an error below. */
	}

	if (native) {
		if (cfg->mode != VSW_VLAN_MODE_TRUNK_LIST) {
			VSW_NL_ERR_ATTR(extack, native,
					"A native VLAN needs a trunk list");
			goto err;
		}
		cfg->native = nla_get_u16(native);
	}
	if (cfg->mode == VSW_VLAN_MODE_TRUNK_LIST && cfg->native &&
	    !test_bit(cfg->native, cfg->trunk)) {
		VSW_NL_ERR_ATTR(extack, native ?: trunk,
				"The native VLAN is not in the trunk list");
		goto err;
	}
	return cfg;
err:
	kfree(cfg);
	return ERR_PTR(-EINVAL);
}

static void vsw_nl_sec_bit(struct nlattr *attr, u8 bit, u8 *security)
{
	if (!attr)
		return;
	if (nla_get_u8(attr))
		*security |= bit;
	else
		*security &= ~bit;
}

/*
 * A port group's security bits and shaping from a request. *set_shaping
 * says whether shaping changes; *shaping is then NULL (off) or new.
 */
static int vsw_nl_pg_policy(struct nlattr **attrs, u8 *security,
			    bool *set_shaping, struct vsw_shaping **shaping,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VSW_SHAPING_A_MAX + 1];
	struct nlattr *nest = attrs[VSW_A_PG_SHAPING];
	u32 avg, peak;
	int err;

	vsw_nl_sec_bit(attrs[VSW_A_PG_PROMISC], VSW_SEC_PROMISC, security);
	vsw_nl_sec_bit(attrs[VSW_A_PG_MAC_CHANGE], VSW_SEC_MAC_CHANGE, security);
	vsw_nl_sec_bit(attrs[VSW_A_PG_FORGED_TRANSMITS], VSW_SEC_FORGED,
		       security);

	*set_shaping = false;
	*shaping = NULL;
	if (!nest)
		return 0;
	*set_shaping = true;
	err = nla_parse_nested(tb, VSW_SHAPING_A_MAX, nest, vsw_shaping_policy,
			       extack);
	if (err)
		return err;
	if (!tb[VSW_SHAPING_A_AVG_KBIT] && !tb[VSW_SHAPING_A_PEAK_KBIT] &&
	    !tb[VSW_SHAPING_A_BURST_KB])
		return 0;	/* an empty nest stops shaping */
	if (!tb[VSW_SHAPING_A_AVG_KBIT] || !tb[VSW_SHAPING_A_PEAK_KBIT] ||
	    !tb[VSW_SHAPING_A_BURST_KB]) {
		VSW_NL_ERR_ATTR(extack, nest,
				"Shaping needs the average rate, the peak rate and the burst size");
		return -EINVAL;
	}
	avg = nla_get_u32(tb[VSW_SHAPING_A_AVG_KBIT]);
	peak = nla_get_u32(tb[VSW_SHAPING_A_PEAK_KBIT]);
	if (peak < avg) {
		VSW_NL_ERR_ATTR(extack, tb[VSW_SHAPING_A_PEAK_KBIT],
				"The peak rate is below the average rate");
		return -EINVAL;
	}
	*shaping = vsw_shaping_alloc(avg, peak,
				     nla_get_u32(tb[VSW_SHAPING_A_BURST_KB]));
	return *shaping ? 0 : -ENOMEM;
}

/*
 * Check a PORT_NEW or PORT_SET request's port MAC for a port of @kind,
 * before anything changes. All zeroes forgets the MAC, which only PORT_SET
 * may ask.
 */
static int vsw_nl_port_settings_check(enum vsw_port_kind kind,
				      struct nlattr **attrs, bool may_forget,
				      struct netlink_ext_ack *extack)
{
	struct nlattr *mac = attrs[VSW_A_PORT_MAC];
	const u8 *addr;

	if (!mac)
		return 0;
	if (kind != VSW_PORT_KIND_PORT) {
		VSW_NL_ERR_ATTR(extack, mac,
				"Uplinks and the host port have no MAC of their own");
		return -EINVAL;
	}
	addr = nla_data(mac);
	if (is_zero_ether_addr(addr) ? !may_forget : !is_valid_ether_addr(addr)) {
		VSW_NL_ERR_ATTR(extack, mac, "A port's MAC must be a unicast address");
		return -EINVAL;
	}
	return 0;
}

/* Apply a checked request's port MAC and learned limit. */
static void vsw_nl_port_settings_apply(struct vsw_port *port,
				       struct nlattr **attrs)
{
	if (attrs[VSW_A_PORT_MAC])
		vsw_port_set_mac(port, nla_data(attrs[VSW_A_PORT_MAC]));
	if (attrs[VSW_A_PORT_FDB_MAX]) {
		spin_lock_bh(&port->sw->fdb.lock);
		port->fdb_max = nla_get_u32(attrs[VSW_A_PORT_FDB_MAX]);
		spin_unlock_bh(&port->sw->fdb.lock);
	}
}

/* Message builders, shared by replies, dumps and notifications. */

/*
 * Message sizes: switches and port groups list their ports' names, VNIs
 * their remote VTEPs; the rest of any message fits NLMSG_GOODSIZE.
 */
static size_t vsw_nl_switch_size(const struct vsw_switch *sw)
{
	return NLMSG_GOODSIZE + sw->n_ports * nla_total_size(IFNAMSIZ);
}

static size_t vsw_nl_portgroup_size(const struct vsw_portgroup *pg)
{
	return NLMSG_GOODSIZE + pg->n_ports * nla_total_size(IFNAMSIZ);
}

static size_t vsw_nl_vxlan_size(const struct vsw_vxlan *vx)
{
	return NLMSG_GOODSIZE +
	       vx->n_remotes * nla_total_size(sizeof(struct in6_addr));
}

static int vsw_nl_fill_switch(struct sk_buff *skb, struct vsw_switch *sw,
			      u32 portid, u32 seq, int flags, u8 cmd)
{
	struct vsw_port *port;
	struct nlattr *nest;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vsw_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VSW_A_IFINDEX, sw->dev->ifindex) ||
	    nla_put_string(skb, VSW_A_IFNAME, sw->dev->name) ||
	    nla_put_u32(skb, VSW_A_AGEING, sw->ageing) ||
	    nla_put_u32(skb, VSW_A_FDB_MAX, sw->fdb_max) ||
	    nla_put_u32(skb, VSW_A_FDB_COUNT, READ_ONCE(sw->fdb.learned)))
		goto cancel;
	nest = nla_nest_start(skb, VSW_A_PORTS);
	if (!nest)
		goto cancel;
	list_for_each_entry(port, &sw->ports, list) {
		if (port->kind == VSW_PORT_KIND_HOST)
			continue;
		if (nla_put_string(skb, VSW_A_PORT_IFNAME, port->dev->name))
			goto cancel;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/* A nest of drop counters: attribute type = reason, only those > 0. */
static int vsw_nl_put_drops(struct sk_buff *skb, int type,
			    const struct vsw_port_totals *t)
{
	struct nlattr *drops;
	int i;

	drops = nla_nest_start(skb, type);
	if (!drops)
		return -EMSGSIZE;
	for (i = 1; i < __VSW_DROP_MAX; i++) {
		if (t->drops[i] &&
		    nla_put_u64_64bit(skb, i, t->drops[i], VSW_DROP_UNSPEC))
			return -EMSGSIZE;
	}
	nla_nest_end(skb, drops);
	return 0;
}

static int vsw_nl_put_stats(struct sk_buff *skb, const struct vsw_port *port)
{
	struct vsw_port_totals t;
	struct nlattr *stats;

	vsw_port_read_stats(port, &t);
	stats = nla_nest_start(skb, VSW_A_PORT_STATS);
	if (!stats)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, VSW_STATS_A_RX_PACKETS, t.rx_packets,
			      VSW_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, VSW_STATS_A_RX_BYTES, t.rx_bytes,
			      VSW_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, VSW_STATS_A_TX_PACKETS, t.tx_packets,
			      VSW_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, VSW_STATS_A_TX_BYTES, t.tx_bytes,
			      VSW_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, VSW_STATS_A_FDB_MOVES, t.fdb_moves,
			      VSW_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, VSW_STATS_A_FDB_FLAPS, t.fdb_flaps,
			      VSW_STATS_A_PAD))
		return -EMSGSIZE;
	if (vsw_nl_put_drops(skb, VSW_STATS_A_DROPS, &t))
		return -EMSGSIZE;
	nla_nest_end(skb, stats);
	return 0;
}

static int vsw_nl_fill_port(struct sk_buff *skb, struct vsw_port *port,
			    u32 portid, u32 seq, int flags, u8 cmd)
{
	struct vsw_switch *sw = port->sw;
	u64 mac = READ_ONCE(port->mac);
	u8 addr[ETH_ALEN];
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vsw_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	u64_to_ether_addr(mac, addr);
	if ((mac && nla_put(skb, VSW_A_PORT_MAC, ETH_ALEN, addr)) ||
	    (port->mac_admin && nla_put_flag(skb, VSW_A_PORT_MAC_ADMIN)) ||
	    nla_put_u32(skb, VSW_A_PORT_FDB_MAX, port->fdb_max) ||
	    nla_put_u32(skb, VSW_A_PORT_FDB_COUNT, READ_ONCE(port->fdb_learned)))
		goto cancel_port;
	if (nla_put_u32(skb, VSW_A_IFINDEX, sw->dev->ifindex) ||
	    nla_put_string(skb, VSW_A_IFNAME, sw->dev->name) ||
	    nla_put_u32(skb, VSW_A_PORT_IFINDEX, port->dev->ifindex) ||
	    nla_put_string(skb, VSW_A_PORT_IFNAME, port->dev->name) ||
	    nla_put_u8(skb, VSW_A_PORT_KIND, port->kind) ||
	    nla_put_u32(skb, VSW_A_PORT_ID, port->id) ||
	    nla_put_string(skb, VSW_A_PORTGROUP, port->pg->name) ||
	    nla_put(skb, VSW_A_MAC, ETH_ALEN, port->dev->dev_addr) ||
	    vsw_nl_put_stats(skb, port))
		goto cancel_port;
	genlmsg_end(skb, hdr);
	return 0;
cancel_port:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}
static int vsw_nl_put_ip(struct sk_buff *skb, int type, sa_family_t family,
			 const union vsw_ip *ip)
{
	if (family == AF_INET)
		return nla_put_in_addr(skb, type, ip->v4);
	return nla_put_in6_addr(skb, type, &ip->v6);
}

/* Where an entry points: a port device, or a VTEP behind a VNI. */
static int vsw_nl_put_fdb_place(struct sk_buff *skb,
				const struct vsw_port *port,
				const struct vsw_fdb_entry *f)
{
	const struct vsw_vxlan *vx;

	if (port->kind != VSW_PORT_KIND_VXLAN)
		return nla_put_u32(skb, VSW_A_PORT_IFINDEX, port->dev->ifindex) ||
		       nla_put_string(skb, VSW_A_PORT_IFNAME, port->dev->name);
	vx = vsw_vxlan_of(port);
	return vsw_nl_put_ip(skb, VSW_A_VXLAN_REMOTE, vx->family,
			      vsw_fdb_remote(f)) ||
	       nla_put_u32(skb, VSW_A_VXLAN_VNI, vx->vni);
}

static int vsw_nl_fill_fdb(struct sk_buff *skb, struct vsw_switch *sw,
			   const struct vsw_fdb_entry *f,
			   u32 portid, u32 seq, int flags, u8 cmd)
{
	struct vsw_port *port = READ_ONCE(f->port);
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vsw_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VSW_A_IFINDEX, sw->dev->ifindex) ||
	    nla_put_string(skb, VSW_A_IFNAME, sw->dev->name) ||
	    nla_put(skb, VSW_A_MAC, ETH_ALEN, f->key.addr) ||
	    nla_put_u16(skb, VSW_A_VLAN, f->key.vlan) ||
	    vsw_nl_put_fdb_place(skb, port, f) ||
	    nla_put_u32(skb, VSW_A_FDB_FLAGS,
			READ_ONCE(f->flags) & VSW_FDB_F_ALL) ||
	    nla_put_u32(skb, VSW_A_FDB_AGE, vsw_fdb_age(f))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int vsw_nl_fill_vxlan(struct sk_buff *skb, struct vsw_vxlan *vx,
			     u32 portid, u32 seq, int flags, u8 cmd)
{
	struct vsw_switch *sw = vx->port.sw;
	struct vsw_port_totals t;
	struct nlattr *nest;
	unsigned int i;
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vsw_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VSW_A_IFINDEX, sw->dev->ifindex) ||
	    nla_put_string(skb, VSW_A_IFNAME, sw->dev->name) ||
	    nla_put_u32(skb, VSW_A_VXLAN_VNI, vx->vni) ||
	    nla_put_u16(skb, VSW_A_VLAN, vx->vlan) ||
	    vsw_nl_put_ip(skb, VSW_A_VXLAN_LOCAL, vx->family, &vx->local) ||
	    nla_put_u16(skb, VSW_A_VXLAN_DSTPORT, ntohs(vx->dstport)) ||
	    nla_put_u8(skb, VSW_A_VXLAN_TTL, vx->ttl) ||
	    nla_put_u8(skb, VSW_A_VXLAN_LEARNING, vx->learning))
		goto cancel;
	if (vx->has_group &&
	    (vsw_nl_put_ip(skb, VSW_A_VXLAN_GROUP, vx->family,
			   &vx->group.ip) ||
	     nla_put_u32(skb, VSW_A_VXLAN_DEV, vx->group_ifindex)))
		goto cancel;
	nest = nla_nest_start(skb, VSW_A_VXLAN_REMOTES);
	if (!nest)
		goto cancel;
	for (i = 0; i < vx->n_remotes; i++)
		if (vsw_nl_put_ip(skb, VSW_A_VXLAN_REMOTE, vx->family,
				  &vx->remotes[i].ip))
			goto cancel;
	nla_nest_end(skb, nest);
	if (vsw_nl_put_stats(skb, &vx->port))
		goto cancel;
	vsw_vxlan_sock_read_drops(vx, &t);
	if (vsw_nl_put_drops(skb, VSW_A_VXLAN_SOCK_DROPS, &t))
		goto cancel;
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static int vsw_nl_fill_portgroup(struct sk_buff *skb, struct vsw_switch *sw,
				 struct vsw_portgroup *pg,
				 u32 portid, u32 seq, int flags, u8 cmd)
{
	const struct vsw_vlan_cfg *cfg = vsw_portgroup_vlan_rtnl(pg);
	const struct vsw_shaping *sh;
	struct vsw_port *port;
	struct nlattr *nest;
	unsigned int vid;
	void *hdr;
	u8 *bits;

	hdr = genlmsg_put(skb, portid, seq, &vsw_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VSW_A_IFINDEX, sw->dev->ifindex) ||
	    nla_put_string(skb, VSW_A_IFNAME, sw->dev->name) ||
	    nla_put_string(skb, VSW_A_PORTGROUP, pg->name))
		goto cancel;
	switch (cfg->mode) {
	case VSW_VLAN_MODE_NONE:
	case VSW_VLAN_MODE_ACCESS:
		if (nla_put_u16(skb, VSW_A_PG_VLAN, cfg->vid))
			goto cancel;
		break;
	case VSW_VLAN_MODE_TRUNK_ALL:
		if (nla_put_u16(skb, VSW_A_PG_VLAN, VSW_VLAN_TRUNK_ALL))
			goto cancel;
		break;
	case VSW_VLAN_MODE_TRUNK_LIST:
		nest = nla_reserve(skb, VSW_A_PG_TRUNK, VSW_VLAN_BITMAP_LEN);
		if (!nest)
			goto cancel;
		bits = nla_data(nest);
		memset(bits, 0, VSW_VLAN_BITMAP_LEN);
		for_each_set_bit(vid, cfg->trunk, VLAN_N_VID)
			bits[vid / 8] |= BIT(vid % 8);
		if (nla_put_u16(skb, VSW_A_PG_NATIVE, cfg->native))
			goto cancel;
		break;
	}
	if (nla_put_u8(skb, VSW_A_PG_PROMISC, !!(pg->security & VSW_SEC_PROMISC)) ||
	    nla_put_u8(skb, VSW_A_PG_MAC_CHANGE,
		       !!(pg->security & VSW_SEC_MAC_CHANGE)) ||
	    nla_put_u8(skb, VSW_A_PG_FORGED_TRANSMITS,
		       !!(pg->security & VSW_SEC_FORGED)))
		goto cancel;
	sh = rtnl_dereference(pg->shaping);
	if (sh) {
		nest = nla_nest_start(skb, VSW_A_PG_SHAPING);
		if (!nest ||
		    nla_put_u32(skb, VSW_SHAPING_A_AVG_KBIT, sh->avg_kbit) ||
		    nla_put_u32(skb, VSW_SHAPING_A_PEAK_KBIT, sh->peak_kbit) ||
		    nla_put_u32(skb, VSW_SHAPING_A_BURST_KB, sh->burst_kb))
			goto cancel;
		nla_nest_end(skb, nest);
	}
	nest = nla_nest_start(skb, VSW_A_PORTS);
	if (!nest)
		goto cancel;
	list_for_each_entry(port, &sw->ports, list) {
		if (port->pg != pg || port->kind == VSW_PORT_KIND_UPLINK)
			continue;
		if (nla_put_string(skb, VSW_A_PORT_IFNAME, port->dev->name))
			goto cancel;
	}
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/* Notifications. */

/* One of the team's lists, in list order. */
static int vsw_nl_put_team_list(struct sk_buff *skb, struct vsw_switch *sw,
				int type, u8 role)
{
	struct vsw_port *port, *next;
	struct nlattr *nest;
	int last = -1;

	nest = nla_nest_start(skb, type);
	if (!nest)
		return -EMSGSIZE;
	for (;;) {
		next = NULL;
		list_for_each_entry_rcu(port, &sw->ports, list)
			if (port->kind == VSW_PORT_KIND_UPLINK &&
			    port->team.role == role &&
			    (int)port->team.order > last &&
			    (!next || port->team.order < next->team.order))
				next = port;
		if (!next)
			break;
		last = next->team.order;
		if (nla_put_u32(skb, VSW_A_PORT_IFINDEX, next->dev->ifindex))
			return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int vsw_nl_put_team_uplink(struct sk_buff *skb,
				  const struct vsw_team *team,
				  const struct vsw_port *port)
{
	const struct vsw_team_port *tp = &port->team;
	struct nlattr *nest;

	nest = nla_nest_start(skb, VSW_A_TEAM_UPLINK);
	if (!nest ||
	    nla_put_u32(skb, VSW_TEAM_UPLINK_A_IFINDEX, port->dev->ifindex) ||
	    nla_put_string(skb, VSW_TEAM_UPLINK_A_IFNAME, port->dev->name) ||
	    nla_put_u8(skb, VSW_TEAM_UPLINK_A_STATE, tp->state) ||
	    nla_put_u8(skb, VSW_TEAM_UPLINK_A_LINK, tp->link))
		return -EMSGSIZE;
	if (team->detect_used == VSW_TEAM_DETECT_BEACON &&
	    nla_put_u8(skb, VSW_TEAM_UPLINK_A_BEACON, tp->beacon_ok))
		return -EMSGSIZE;
	if (team->policy == VSW_TEAM_POLICY_LACP &&
	    (nla_put_u8(skb, VSW_TEAM_UPLINK_A_LACP_ACTOR_STATE,
			tp->actor_state) ||
	     nla_put_u8(skb, VSW_TEAM_UPLINK_A_LACP_PARTNER_STATE,
			tp->partner.state) ||
	     nla_put(skb, VSW_TEAM_UPLINK_A_LACP_PARTNER_SYSTEM, ETH_ALEN,
		     tp->partner.system) ||
	     nla_put_u16(skb, VSW_TEAM_UPLINK_A_LACP_PARTNER_KEY,
			 tp->partner.key)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* A team message's size: its uplinks make it grow. */
static size_t vsw_nl_team_size(const struct vsw_switch *sw)
{
	return 512 + READ_ONCE(sw->team.n_uplinks) * 160;
}

/* Under RTNL or RCU; the team lock makes it one consistent picture. */
static int vsw_nl_fill_team(struct sk_buff *skb, struct vsw_switch *sw,
			    u32 portid, u32 seq, int flags, u8 cmd)
{
	struct vsw_team *team = &sw->team;
	unsigned int i, n, max = READ_ONCE(team->n_uplinks);
	struct vsw_port **ports;
	u8 system[ETH_ALEN];
	struct nlattr *nest;
	void *hdr;
	int err = -EMSGSIZE;

	ports = kmalloc_array(max ?: 1, sizeof(*ports), GFP_ATOMIC);
	if (!ports)
		return -ENOMEM;
	hdr = genlmsg_put(skb, portid, seq, &vsw_genl_family, flags, cmd);
	if (!hdr) {
		kfree(ports);
		return -EMSGSIZE;
	}
	rcu_read_lock();
	spin_lock_bh(&team->lock);
	if (nla_put_u32(skb, VSW_A_IFINDEX, sw->dev->ifindex) ||
	    nla_put_string(skb, VSW_A_IFNAME, sw->dev->name) ||
	    nla_put_u8(skb, VSW_A_TEAM_POLICY, team->policy) ||
	    nla_put_u8(skb, VSW_A_TEAM_DETECT, team->detect) ||
	    nla_put_u8(skb, VSW_A_TEAM_DETECT_USED, team->detect_used) ||
	    nla_put_u8(skb, VSW_A_TEAM_FAILBACK, team->failback) ||
	    nla_put_u8(skb, VSW_A_TEAM_NOTIFY, team->notify) ||
	    nla_put_u8(skb, VSW_A_TEAM_LACP_RATE, team->lacp_rate) ||
	    vsw_nl_put_team_list(skb, sw, VSW_A_TEAM_ACTIVE,
				 VSW_TEAM_ROLE_ACTIVE) ||
	    vsw_nl_put_team_list(skb, sw, VSW_A_TEAM_STANDBY,
				 VSW_TEAM_ROLE_STANDBY))
		goto cancel;
	if (team->policy == VSW_TEAM_POLICY_LACP) {
		vsw_lacp_system(sw, system);
		if (nla_put(skb, VSW_A_TEAM_LACP_SYSTEM, ETH_ALEN, system) ||
		    nla_put_u16(skb, VSW_A_TEAM_LACP_KEY, vsw_lacp_key(sw)))
			goto cancel;
	}
	nest = nla_nest_start(skb, VSW_A_TEAM_UPLINKS);
	if (!nest)
		goto cancel;
	n = vsw_team_sorted(sw, ports, max);
	for (i = 0; i < n; i++)
		if (vsw_nl_put_team_uplink(skb, team, ports[i]))
			goto cancel;
	nla_nest_end(skb, nest);
	err = 0;
cancel:
	spin_unlock_bh(&team->lock);
	rcu_read_unlock();
	kfree(ports);
	if (err)
		genlmsg_cancel(skb, hdr);
	else
		genlmsg_end(skb, hdr);
	return err;
}

static bool vsw_nl_listening(struct net *net)
{
	return READ_ONCE(vsw_nl_ready) &&
	       genl_has_listeners(&vsw_genl_family, net, 0);
}

static void vsw_nl_multicast(struct net *net, struct sk_buff *skb, int err,
			     gfp_t gfp)
{
	if (err) {
		/* Listeners learn that they missed an event. */
		nlmsg_free(skb);
		genl_set_err(&vsw_genl_family, net, 0, 0, -ENOBUFS);
		return;
	}
	genlmsg_multicast_netns(&vsw_genl_family, net, skb, 0, 0, gfp);
}

void vsw_nl_notify_switch(struct vsw_switch *sw, u8 cmd)
{
	struct net *net = dev_net(sw->dev);
	struct sk_buff *skb;

	if (!vsw_nl_listening(net))
		return;
	skb = genlmsg_new(vsw_nl_switch_size(sw), GFP_KERNEL);
	if (skb)
		vsw_nl_multicast(net, skb,
				 vsw_nl_fill_switch(skb, sw, 0, 0, 0, cmd),
				 GFP_KERNEL);
}

void vsw_nl_notify_port(struct vsw_port *port, u8 cmd)
{
	struct net *net = dev_net(port->sw->dev);
	struct sk_buff *skb;

	if (!vsw_nl_listening(net))
		return;
	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (skb)
		vsw_nl_multicast(net, skb,
				 vsw_nl_fill_port(skb, port, 0, 0, 0, cmd),
				 GFP_KERNEL);
}

void vsw_nl_notify_portgroup(struct vsw_switch *sw, struct vsw_portgroup *pg,
			     u8 cmd)
{
	struct net *net = dev_net(sw->dev);
	struct sk_buff *skb;

	if (!vsw_nl_listening(net))
		return;
	skb = genlmsg_new(vsw_nl_portgroup_size(pg), GFP_KERNEL);
	if (skb)
		vsw_nl_multicast(net, skb,
				 vsw_nl_fill_portgroup(skb, sw, pg, 0, 0, 0, cmd),
				 GFP_KERNEL);
}

void vsw_nl_notify_fdb(struct vsw_switch *sw, const struct vsw_fdb_entry *f,
		       u8 cmd, gfp_t gfp)
{
	struct net *net = dev_net(sw->dev);
	struct sk_buff *skb;

	/* The switch's own entry comes and goes with the switch. */
	if (sw->dev->reg_state != NETREG_REGISTERED || !vsw_nl_listening(net))
		return;
	skb = genlmsg_new(NLMSG_GOODSIZE, gfp);
	if (skb)
		vsw_nl_multicast(net, skb,
				 vsw_nl_fill_fdb(skb, sw, f, 0, 0, 0, cmd),
				 gfp);
}

/* The team changed: configured, or an uplink changed state. From the
 * team's work item.
 */
void vsw_nl_notify_team(struct vsw_switch *sw)
{
	struct net *net = dev_net(sw->dev);
	struct sk_buff *skb;

	if (sw->dev->reg_state != NETREG_REGISTERED || !vsw_nl_listening(net))
		return;
	skb = genlmsg_new(vsw_nl_team_size(sw), GFP_KERNEL);
	if (skb)
		vsw_nl_multicast(net, skb,
				 vsw_nl_fill_team(skb, sw, 0, 0, 0,
						  VSW_CMD_TEAM_SET),
				 GFP_KERNEL);
}

void vsw_nl_notify_vxlan(struct vsw_vxlan *vx, u8 cmd)
{
	struct net *net = dev_net(vx->port.sw->dev);
	struct sk_buff *skb;

	if (!vsw_nl_listening(net))
		return;
	skb = genlmsg_new(vsw_nl_vxlan_size(vx), GFP_KERNEL);
	if (skb)
		vsw_nl_multicast(net, skb,
				 vsw_nl_fill_vxlan(skb, vx, 0, 0, 0, cmd),
				 GFP_KERNEL);
}

/* Switches. */

static int vsw_nl_switch_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	u32 ageing = VSW_AGEING_DEFAULT, fdb_max = VSW_FDB_MAX_DEFAULT;
	struct vsw_switch *sw;

	if (GENL_REQ_ATTR_CHECK(info, VSW_A_IFNAME))
		return -EINVAL;
	if (attrs[VSW_A_AGEING])
		ageing = nla_get_u32(attrs[VSW_A_AGEING]);
	if (attrs[VSW_A_FDB_MAX])
		fdb_max = nla_get_u32(attrs[VSW_A_FDB_MAX]);

	rtnl_lock();
	sw = vsw_switch_create(genl_info_net(info), nla_data(attrs[VSW_A_IFNAME]),
			       ageing, fdb_max, info->extack);
	rtnl_unlock();
	if (IS_ERR(sw)) {
		NL_SET_BAD_ATTR(info->extack, attrs[VSW_A_IFNAME]);
		return PTR_ERR(sw);
	}
	return 0;
}

static int vsw_nl_switch_del(struct sk_buff *skb, struct genl_info *info)
{
	struct vsw_switch *sw;

	rtnl_lock();
	sw = vsw_nl_switch(genl_info_net(info), info->attrs, info->extack);
	if (!IS_ERR(sw))
		vsw_switch_delete(sw);
	rtnl_unlock();
	return PTR_ERR_OR_ZERO(sw);
}

static int vsw_nl_switch_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct vsw_switch *sw;

	rtnl_lock();
	sw = vsw_nl_switch(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(sw))
		goto out;
	if (attrs[VSW_A_FDB_MAX]) {
		/* Lowering the limit keeps existing entries; learning
		 * resumes once ageing brings the count under it.
		 */
		spin_lock_bh(&sw->fdb.lock);
		sw->fdb_max = nla_get_u32(attrs[VSW_A_FDB_MAX]);
		spin_unlock_bh(&sw->fdb.lock);
	}
	if (attrs[VSW_A_AGEING])
		vsw_switch_set_ageing(sw, nla_get_u32(attrs[VSW_A_AGEING]));
	vsw_nl_notify_switch(sw, VSW_CMD_SWITCH_SET);
out:
	rtnl_unlock();
	return PTR_ERR_OR_ZERO(sw);
}

static int vsw_nl_switch_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg = NULL;
	struct vsw_switch *sw;
	int err;

	rtnl_lock();
	sw = vsw_nl_switch(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto err;
	}
	msg = genlmsg_new(vsw_nl_switch_size(sw), GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto err;
	}
	err = vsw_nl_fill_switch(msg, sw, info->snd_portid, info->snd_seq, 0,
				 VSW_CMD_SWITCH_GET);
	if (err)
		goto err;
	rtnl_unlock();
	return genlmsg_reply(msg, info);
err:
	rtnl_unlock();
	nlmsg_free(msg);
	return err;
}

/*
 * A dump's object did not fit: the next message takes it, unless this one
 * is still empty; then it never fits, which the requester must learn
 * rather than get a short list.
 */
static int vsw_nl_dump_full(const struct sk_buff *skb)
{
	return skb->len ? 0 : -EMSGSIZE;
}

typedef int (*vsw_nl_fill_sw_t)(struct sk_buff *skb, struct vsw_switch *sw,
				u32 portid, u32 seq, int flags, u8 cmd);

/* One message per switch of the netns; cb->args[0]: switches already dumped. */
static int vsw_nl_dump_switches(struct sk_buff *skb,
				struct netlink_callback *cb,
				vsw_nl_fill_sw_t fill, u8 cmd)
{
	struct net *net = sock_net(skb->sk);
	struct net_device *dev;
	long idx = 0;
	int err = 0;

	rtnl_lock();
	for_each_netdev(net, dev) {
		if (!netif_is_vsw(dev))
			continue;
		if (idx++ < cb->args[0])
			continue;
		if (fill(skb, netdev_priv(dev), NETLINK_CB(cb->skb).portid,
			 cb->nlh->nlmsg_seq, NLM_F_MULTI, cmd)) {
			idx--;
			err = vsw_nl_dump_full(skb);
			break;
		}
	}
	rtnl_unlock();
	cb->args[0] = idx;
	return err ?: skb->len;
}

typedef size_t (*vsw_nl_size_t)(const struct vsw_switch *sw);

/*
 * A dump's messages are as large as the user's receive buffer, not less
 * than cb->min_dump_alloc: make that the largest message of the netns's
 * switches, so that a switch with many ports still fits one.
 */
static void vsw_nl_dump_size(struct netlink_callback *cb, vsw_nl_size_t size)
{
	struct net_device *dev;
	size_t max = 0;

	rtnl_lock();
	for_each_netdev(sock_net(cb->skb->sk), dev)
		if (netif_is_vsw(dev))
			max = max(max, size(netdev_priv(dev)));
	rtnl_unlock();
	/* Beyond ~13000 ports, dumps fail with EMSGSIZE. */
	cb->min_dump_alloc = min_t(size_t, max, SZ_256K);
}

/* A port group lists at most all the ports of its switch, the host's too. */
static size_t vsw_nl_ports_size(const struct vsw_switch *sw)
{
	return vsw_nl_switch_size(sw) + nla_total_size(IFNAMSIZ);
}

static int vsw_nl_ports_dump_start(struct netlink_callback *cb)
{
	vsw_nl_dump_size(cb, vsw_nl_ports_size);
	return 0;
}

static int vsw_nl_switch_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return vsw_nl_dump_switches(skb, cb, vsw_nl_fill_switch,
				    VSW_CMD_SWITCH_GET);
}

/* Ports. */

static int vsw_nl_port_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct net *net = genl_info_net(info);
	enum vsw_port_kind kind = VSW_PORT_KIND_PORT;
	struct vsw_portgroup *pg = NULL;
	struct net_device *dev;
	struct vsw_switch *sw;
	int err;

	if (attrs[VSW_A_PORT_KIND])
		kind = nla_get_u8(attrs[VSW_A_PORT_KIND]);

	rtnl_lock();
	sw = vsw_nl_switch(net, attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	dev = vsw_nl_port_dev(net, attrs, info->extack);
	if (IS_ERR(dev)) {
		err = PTR_ERR(dev);
		goto out;
	}
	if (attrs[VSW_A_PORTGROUP]) {
		pg = vsw_nl_portgroup(sw, attrs, info->extack);
		if (IS_ERR(pg)) {
			err = PTR_ERR(pg);
			goto out;
		}
	}
	err = vsw_nl_port_settings_check(kind, attrs, false, info->extack);
	if (err)
		goto out;
	err = vsw_port_add(sw, dev, kind, pg, info->extack);
	if (err) {
		NL_SET_BAD_ATTR(info->extack, attrs[VSW_A_PORT_IFINDEX] ?:
					      attrs[VSW_A_PORT_IFNAME]);
		goto out;
	}
	vsw_nl_port_settings_apply(vsw_port_from_dev_rtnl(dev), attrs);
out:
	rtnl_unlock();
	return err;
}

static int vsw_nl_port_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct net_device *dev;
	struct vsw_port *port;
	int err = 0;

	rtnl_lock();
	dev = vsw_nl_port_dev(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(dev)) {
		err = PTR_ERR(dev);
		goto out;
	}
	port = vsw_port_from_dev_rtnl(dev);
	if (!port) {
		if (netif_is_vsw(dev))
			NL_SET_ERR_MSG_MOD(info->extack,
					   "A switch's own port cannot be detached");
		else
			NL_SET_ERR_MSG_MOD(info->extack,
					   "The device is not a switch port");
		err = -ENOENT;
		goto out;
	}
	if (attrs[VSW_A_PORT_KIND] &&
	    nla_get_u8(attrs[VSW_A_PORT_KIND]) != port->kind) {
		if (port->kind == VSW_PORT_KIND_UPLINK)
			VSW_NL_ERR_ATTR(info->extack, attrs[VSW_A_PORT_KIND],
					    "The device is an uplink, not a port");
		else
			VSW_NL_ERR_ATTR(info->extack, attrs[VSW_A_PORT_KIND],
					    "The device is a port, not an uplink");
		err = -EINVAL;
		goto out;
	}
	vsw_port_del(port);
out:
	rtnl_unlock();
	return err;
}

static int vsw_nl_port_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct vsw_portgroup *pg;
	struct net_device *dev;
	struct vsw_port *port;
	int err = 0;

	rtnl_lock();
	dev = vsw_nl_port_dev(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(dev)) {
		err = PTR_ERR(dev);
		goto out;
	}
	port = vsw_port_of_dev_rtnl(dev);
	if (!port) {
		NL_SET_ERR_MSG_MOD(info->extack, "The device is not a switch port");
		err = -ENOENT;
		goto out;
	}
	/* Everything is checked before the first change. */
	err = vsw_nl_port_settings_check(port->kind, attrs, true, info->extack);
	if (err)
		goto out;
	if (attrs[VSW_A_PORTGROUP]) {
		pg = vsw_nl_portgroup(port->sw, attrs, info->extack);
		if (IS_ERR(pg)) {
			err = PTR_ERR(pg);
			goto out;
		}
		err = vsw_port_set_portgroup(port, pg, info->extack);
		if (err)
			goto out;
	}
	vsw_nl_port_settings_apply(port, attrs);
	vsw_nl_notify_port(port, VSW_CMD_PORT_SET);
out:
	rtnl_unlock();
	return err;
}

/* Port groups. */

static int vsw_nl_portgroup_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct vsw_shaping *shaping;
	bool set_shaping;
	u8 security = 0;
	struct vsw_vlan_cfg *cfg;
	struct vsw_portgroup *pg;
	struct vsw_switch *sw;
	int err = 0;

	if (GENL_REQ_ATTR_CHECK(info, VSW_A_PORTGROUP))
		return -EINVAL;
	if (!vsw_nl_portgroup_name_ok(nla_data(attrs[VSW_A_PORTGROUP]))) {
		VSW_NL_ERR_ATTR(info->extack, attrs[VSW_A_PORTGROUP],
				"Port group names are printable characters without spaces");
		return -EINVAL;
	}
	rtnl_lock();
	sw = vsw_nl_switch(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	err = vsw_nl_pg_policy(attrs, &security, &set_shaping, &shaping,
			       info->extack);
	if (err)
		goto out;
	cfg = vsw_nl_vlan_cfg(attrs, NULL, info->extack);
	if (IS_ERR(cfg)) {
		err = PTR_ERR(cfg);
		kfree(shaping);
		goto out;
	}
	pg = vsw_portgroup_create(sw, nla_data(attrs[VSW_A_PORTGROUP]), cfg,
				  info->extack);
	if (IS_ERR(pg)) {
		NL_SET_BAD_ATTR(info->extack, attrs[VSW_A_PORTGROUP]);
		err = PTR_ERR(pg);
		kfree(shaping);
		goto out;
	}
	vsw_portgroup_apply_policy(sw, pg, security, set_shaping, shaping);
	vsw_nl_notify_portgroup(sw, pg, VSW_CMD_PORTGROUP_NEW);
out:
	rtnl_unlock();
	return err;
}

static int vsw_nl_portgroup_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct vsw_shaping *shaping;
	bool set_shaping;
	u8 security;
	struct vsw_vlan_cfg *cfg;
	struct vsw_portgroup *pg;
	struct vsw_switch *sw;
	int err = 0;

	rtnl_lock();
	sw = vsw_nl_switch(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	pg = vsw_nl_portgroup(sw, attrs, info->extack);
	if (IS_ERR(pg)) {
		err = PTR_ERR(pg);
		goto out;
	}
	security = pg->security;
	err = vsw_nl_pg_policy(attrs, &security, &set_shaping, &shaping,
			       info->extack);
	if (err)
		goto out;
	if (attrs[VSW_A_PG_VLAN] || attrs[VSW_A_PG_TRUNK] ||
	    attrs[VSW_A_PG_NATIVE]) {
		cfg = vsw_nl_vlan_cfg(attrs, vsw_portgroup_vlan_rtnl(pg),
				      info->extack);
		if (IS_ERR(cfg)) {
			err = PTR_ERR(cfg);
			kfree(shaping);
			goto out;
		}
		err = vsw_portgroup_set_vlan(sw, pg, cfg, info->extack);
		if (err) {
			kfree(shaping);
			goto out;
		}
	}
	vsw_portgroup_apply_policy(sw, pg, security, set_shaping, shaping);
	vsw_nl_notify_portgroup(sw, pg, VSW_CMD_PORTGROUP_SET);
out:
	rtnl_unlock();
	return err;
}

static int vsw_nl_portgroup_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct vsw_portgroup *pg;
	struct vsw_switch *sw;
	int err = 0;

	rtnl_lock();
	sw = vsw_nl_switch(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	pg = vsw_nl_portgroup(sw, attrs, info->extack);
	if (IS_ERR(pg)) {
		err = PTR_ERR(pg);
		goto out;
	}
	err = vsw_portgroup_may_delete(sw, pg, info->extack);
	if (!err) {
		vsw_nl_notify_portgroup(sw, pg, VSW_CMD_PORTGROUP_DEL);
		err = vsw_portgroup_delete(sw, pg, info->extack);
	}
	if (err)
		NL_SET_BAD_ATTR(info->extack, attrs[VSW_A_PORTGROUP]);
out:
	rtnl_unlock();
	return err;
}

static int vsw_nl_portgroup_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg = NULL;
	struct vsw_portgroup *pg;
	struct vsw_switch *sw;
	int err;

	rtnl_lock();
	sw = vsw_nl_switch(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto err;
	}
	pg = vsw_nl_portgroup(sw, info->attrs, info->extack);
	if (IS_ERR(pg)) {
		err = PTR_ERR(pg);
		goto err;
	}
	msg = genlmsg_new(vsw_nl_portgroup_size(pg), GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto err;
	}
	err = vsw_nl_fill_portgroup(msg, sw, pg, info->snd_portid,
				    info->snd_seq, 0, VSW_CMD_PORTGROUP_GET);
	if (err)
		goto err;
	rtnl_unlock();
	return genlmsg_reply(msg, info);
err:
	rtnl_unlock();
	nlmsg_free(msg);
	return err;
}

/* cb->args[0]: port groups of the switch already dumped. */
static int vsw_nl_portgroup_dump(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	struct nlattr **attrs = vsw_compat_dump_attrs(cb);
	struct vsw_portgroup *pg;
	struct vsw_switch *sw;
	long idx = 0;
	int err = 0;

	rtnl_lock();
	sw = vsw_nl_switch(sock_net(skb->sk), attrs, cb->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	list_for_each_entry(pg, &sw->portgroups, list) {
		if (idx++ < cb->args[0])
			continue;
		if (vsw_nl_fill_portgroup(skb, sw, pg,
					  NETLINK_CB(cb->skb).portid,
					  cb->nlh->nlmsg_seq, NLM_F_MULTI,
					  VSW_CMD_PORTGROUP_GET)) {
			idx--;
			err = vsw_nl_dump_full(skb);
			break;
		}
	}
	cb->args[0] = idx;
out:
	rtnl_unlock();
	return err ?: skb->len;
}

/* Dump the ports of one switch from index @*idx on; host port first. */
static int vsw_nl_dump_ports(struct sk_buff *skb, struct netlink_callback *cb,
			     struct vsw_switch *sw, long *idx)
{
	struct vsw_port *port;
	long i = 0;

	list_for_each_entry(port, &sw->ports, list) {
		if (i++ < *idx)
			continue;
		if (vsw_nl_fill_port(skb, port, NETLINK_CB(cb->skb).portid,
				     cb->nlh->nlmsg_seq, NLM_F_MULTI,
				     VSW_CMD_PORT_GET))
			return -EMSGSIZE;
		*idx = i;
	}
	return 0;
}

/* cb->args[0]: switches done; cb->args[1]: ports done in the current one. */
static int vsw_nl_port_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **attrs = vsw_compat_dump_attrs(cb);
	struct net *net = sock_net(skb->sk);
	struct net_device *dev;
	struct vsw_switch *sw;
	long idx = 0;
	int err = 0;

	rtnl_lock();
	if (attrs[VSW_A_IFINDEX] || attrs[VSW_A_IFNAME]) {
		sw = vsw_nl_switch(net, attrs, cb->extack);
		if (IS_ERR(sw))
			err = PTR_ERR(sw);
		else
			vsw_nl_dump_ports(skb, cb, sw, &cb->args[1]);
		goto out;
	}
	for_each_netdev(net, dev) {
		if (!netif_is_vsw(dev))
			continue;
		if (idx++ < cb->args[0])
			continue;
		if (vsw_nl_dump_ports(skb, cb, netdev_priv(dev), &cb->args[1])) {
			idx--;
			break;
		}
		cb->args[1] = 0;
	}
	cb->args[0] = idx;
out:
	rtnl_unlock();
	return err ?: skb->len;
}

/* Teams. */

/*
 * The uplinks a team list names, in order: each an uplink of @sw, none
 * twice. *@ports is for the caller to free.
 */
static int vsw_nl_team_list(struct vsw_switch *sw, struct net *net,
			    struct nlattr *list, struct vsw_port ***ports,
			    unsigned int *n, struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	struct vsw_port *port;
	unsigned int i, count = 0;
	struct nlattr *attr;
	int rem;

	nla_for_each_nested(attr, list, rem)
		count++;
	*ports = kcalloc(count ?: 1, sizeof(**ports), GFP_KERNEL);
	if (!*ports)
		return -ENOMEM;
	*n = 0;
	nla_for_each_nested(attr, list, rem) {
		if (nla_type(attr) == VSW_A_PORT_IFNAME)
			dev = __dev_get_by_name(net, nla_data(attr));
		else
			dev = __dev_get_by_index(net, nla_get_u32(attr));
		if (!dev) {
			VSW_NL_ERR_ATTR(extack, attr,
					"No such device in this network namespace");
			return -ENODEV;
		}
		port = vsw_port_from_dev_rtnl(dev);
		if (!port || port->sw != sw ||
		    port->kind != VSW_PORT_KIND_UPLINK) {
			VSW_NL_ERR_ATTR(extack, attr,
					"The device is not an uplink of this switch");
			return -EINVAL;
		}
		for (i = 0; i < *n; i++) {
			if ((*ports)[i] == port) {
				VSW_NL_ERR_ATTR(extack, attr,
						"The list names an uplink twice");
				return -EINVAL;
			}
		}
		(*ports)[(*n)++] = port;
	}
	return 0;
}

static int vsw_nl_u8_or(struct nlattr *attr)
{
	return attr ? nla_get_u8(attr) : -1;
}

static int vsw_nl_team_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct net *net = genl_info_net(info);
	struct vsw_team_config cfg = {
		.policy = vsw_nl_u8_or(attrs[VSW_A_TEAM_POLICY]),
		.detect = vsw_nl_u8_or(attrs[VSW_A_TEAM_DETECT]),
		.failback = vsw_nl_u8_or(attrs[VSW_A_TEAM_FAILBACK]),
		.notify = vsw_nl_u8_or(attrs[VSW_A_TEAM_NOTIFY]),
		.lacp_rate = vsw_nl_u8_or(attrs[VSW_A_TEAM_LACP_RATE]),
	};
	struct vsw_switch *sw;
	int err;

	if (cfg.policy < 0 && cfg.detect < 0 && cfg.failback < 0 &&
	    cfg.notify < 0 && cfg.lacp_rate < 0 && !attrs[VSW_A_TEAM_ACTIVE] &&
	    !attrs[VSW_A_TEAM_STANDBY]) {
		NL_SET_ERR_MSG_MOD(info->extack, "No team setting given");
		return -EINVAL;
	}
	rtnl_lock();
	sw = vsw_nl_switch(net, attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	if (attrs[VSW_A_TEAM_ACTIVE]) {
		cfg.set_active = true;
		err = vsw_nl_team_list(sw, net, attrs[VSW_A_TEAM_ACTIVE],
				       &cfg.active, &cfg.n_active, info->extack);
		if (err)
			goto out;
	}
	if (attrs[VSW_A_TEAM_STANDBY]) {
		cfg.set_standby = true;
		err = vsw_nl_team_list(sw, net, attrs[VSW_A_TEAM_STANDBY],
				       &cfg.standby, &cfg.n_standby,
				       info->extack);
		if (err)
			goto out;
	}
	err = vsw_team_configure(sw, &cfg, info->extack);
	if (err && attrs[VSW_A_TEAM_STANDBY])
		NL_SET_BAD_ATTR(info->extack, attrs[VSW_A_TEAM_STANDBY]);
out:
	rtnl_unlock();
	kfree(cfg.active);
	kfree(cfg.standby);
	return err;
}

static int vsw_nl_team_get(struct sk_buff *skb, struct genl_info *info)
{
	struct vsw_switch *sw;
	struct sk_buff *msg;
	int err;

	rtnl_lock();
	sw = vsw_nl_switch(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(sw)) {
		rtnl_unlock();
		return PTR_ERR(sw);
	}
	msg = genlmsg_new(vsw_nl_team_size(sw), GFP_KERNEL);
	if (!msg) {
		rtnl_unlock();
		return -ENOMEM;
	}
	err = vsw_nl_fill_team(msg, sw, info->snd_portid, info->snd_seq, 0,
			       VSW_CMD_TEAM_GET);
	rtnl_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

static int vsw_nl_team_dump_start(struct netlink_callback *cb)
{
	vsw_nl_dump_size(cb, vsw_nl_team_size);
	return 0;
}

static int vsw_nl_team_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return vsw_nl_dump_switches(skb, cb, vsw_nl_fill_team, VSW_CMD_TEAM_GET);
}

/* FDB. */

static u16 vsw_nl_vlan(struct nlattr **attrs)
{
	return attrs[VSW_A_VLAN] ? nla_get_u16(attrs[VSW_A_VLAN]) : 0;
}

/* An address and its family from a 4- or 16-byte attribute. */
static int vsw_nl_ip(const struct nlattr *attr, sa_family_t *family,
		     union vsw_ip *ip, struct netlink_ext_ack *extack)
{
	memset(ip, 0, sizeof(*ip));
	switch (nla_len(attr)) {
	case sizeof(struct in_addr):
		*family = AF_INET;
		ip->v4 = nla_get_in_addr(attr);
		return 0;
	case sizeof(struct in6_addr):
		*family = AF_INET6;
		ip->v6 = nla_get_in6_addr(attr);
		return 0;
	}
	VSW_NL_ERR_ATTR(extack, attr,
			"An address is 4 (IPv4) or 16 (IPv6) bytes long");
	return -EINVAL;
}

static bool vsw_nl_ip_multicast(sa_family_t family, const union vsw_ip *ip)
{
	if (family == AF_INET)
		return ipv4_is_multicast(ip->v4);
	return ipv6_addr_is_multicast(&ip->v6);
}

/* An address that must be of @family, the VNI's. */
static int vsw_nl_ip_of(const struct nlattr *attr, sa_family_t family,
			union vsw_ip *ip, struct netlink_ext_ack *extack)
{
	sa_family_t got;
	int err;

	err = vsw_nl_ip(attr, &got, ip, extack);
	if (err)
		return err;
	if (got != family) {
		VSW_NL_ERR_ATTR(extack, attr,
				"Local, remote and group addresses must be of one family");
		return -EINVAL;
	}
	return 0;
}

/* A VTEP address (@ip, parsed from @attr) must be unicast. */
static int vsw_nl_ip_unicast(const struct nlattr *attr, sa_family_t family,
			     const union vsw_ip *ip,
			     struct netlink_ext_ack *extack)
{
	bool bad;

	if (family == AF_INET)
		bad = ipv4_is_multicast(ip->v4) || ipv4_is_zeronet(ip->v4) ||
		      ipv4_is_lbcast(ip->v4) || ipv4_is_loopback(ip->v4);
	else
		bad = ipv6_addr_is_multicast(&ip->v6) ||
		      ipv6_addr_any(&ip->v6) || ipv6_addr_loopback(&ip->v6);
	if (bad) {
		VSW_NL_ERR_ATTR(extack, attr,
				"A VTEP address must be a unicast address");
		return -EINVAL;
	}
	return 0;
}

/* A usable unicast VTEP address of @family. */
static int vsw_nl_vtep(const struct nlattr *attr, sa_family_t family,
		       union vsw_ip *ip, struct netlink_ext_ack *extack)
{
	return vsw_nl_ip_of(attr, family, ip, extack) ?:
	       vsw_nl_ip_unicast(attr, family, ip, extack);
}

/* A static entry behind a remote VTEP of a VNI. */
static int vsw_nl_fdb_new_remote(struct vsw_switch *sw, struct nlattr **attrs,
				 const u8 *addr, struct netlink_ext_ack *extack)
{
	union vsw_ip remote;
	struct vsw_vxlan *vx;
	int err;

	if (!attrs[VSW_A_VXLAN_REMOTE] || !attrs[VSW_A_VXLAN_VNI]) {
		NL_SET_ERR_MSG_MOD(extack,
				   "A remote entry needs both the remote VTEP and the VNI");
		return -EINVAL;
	}
	if (attrs[VSW_A_PORT_IFINDEX] || attrs[VSW_A_PORT_IFNAME]) {
		NL_SET_ERR_MSG_MOD(extack,
				   "An entry is behind a port or a remote VTEP, not both");
		return -EINVAL;
	}
	vx = vsw_vxlan_find(sw, nla_get_u32(attrs[VSW_A_VXLAN_VNI]));
	if (!vx) {
		VSW_NL_ERR_ATTR(extack, attrs[VSW_A_VXLAN_VNI],
				"No such VNI on this switch");
		return -ENOENT;
	}
	if (attrs[VSW_A_VLAN] && vsw_nl_vlan(attrs) != vx->vlan) {
		VSW_NL_ERR_ATTR(extack, attrs[VSW_A_VLAN],
				"The VNI is bound to another VLAN");
		return -EINVAL;
	}
	err = vsw_nl_vtep(attrs[VSW_A_VXLAN_REMOTE], vx->family, &remote,
			  extack);
	if (err)
		return err;
	return vsw_fdb_add_static(sw, &vx->port, &remote, addr, vx->vlan, 0,
				  extack);
}

static int vsw_nl_fdb_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct net *net = genl_info_net(info);
	struct vsw_switch *sw;
	struct vsw_port *port;
	const u8 *addr;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, VSW_A_MAC))
		return -EINVAL;
	addr = nla_data(attrs[VSW_A_MAC]);
	if (!is_valid_ether_addr(addr)) {
		VSW_NL_ERR_ATTR(info->extack, attrs[VSW_A_MAC],
				    "Only unicast addresses can be added");
		return -EINVAL;
	}

	rtnl_lock();
	sw = vsw_nl_switch(net, attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	if (attrs[VSW_A_VXLAN_REMOTE] || attrs[VSW_A_VXLAN_VNI]) {
		err = vsw_nl_fdb_new_remote(sw, attrs, addr, info->extack);
		goto out;
	}
	port = vsw_nl_port_of(sw, net, attrs, info->extack);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}
	err = vsw_fdb_add_static(sw, port, NULL, addr, vsw_nl_vlan(attrs), 0,
				 info->extack);
	if (err)
		NL_SET_BAD_ATTR(info->extack, attrs[VSW_A_MAC]);
out:
	rtnl_unlock();
	return err;
}

static int vsw_nl_fdb_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct vsw_switch *sw;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, VSW_A_MAC))
		return -EINVAL;
	rtnl_lock();
	sw = vsw_nl_switch(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
	} else {
		err = vsw_fdb_del(sw, nla_data(attrs[VSW_A_MAC]),
				  vsw_nl_vlan(attrs), info->extack);
		if (err)
			NL_SET_BAD_ATTR(info->extack, attrs[VSW_A_MAC]);
	}
	rtnl_unlock();
	return err;
}

/* The optional port and VLAN filters of flush and dump. */
static int vsw_nl_fdb_filter(struct vsw_switch *sw, struct net *net,
			     struct nlattr **attrs, struct vsw_port **port,
			     int *vlan, struct netlink_ext_ack *extack)
{
	*port = NULL;
	*vlan = attrs[VSW_A_VLAN] ? nla_get_u16(attrs[VSW_A_VLAN]) : -1;
	if (attrs[VSW_A_PORT_IFINDEX] || attrs[VSW_A_PORT_IFNAME]) {
		*port = vsw_nl_port_of(sw, net, attrs, extack);
		if (IS_ERR(*port))
			return PTR_ERR(*port);
	}
	return 0;
}

static int vsw_nl_fdb_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct vsw_switch *sw;
	struct vsw_port *port;
	int vlan, err;

	rtnl_lock();
	sw = vsw_nl_switch(net, info->attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	err = vsw_nl_fdb_filter(sw, net, info->attrs, &port, &vlan,
				info->extack);
	if (!err)
		vsw_fdb_flush(sw, port, vlan, false);
out:
	rtnl_unlock();
	return err;
}

/* cb->args[0]: entries of the switch already looked at. */
static int vsw_nl_fdb_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **attrs = vsw_compat_dump_attrs(cb);
	struct net *net = sock_net(skb->sk);
	struct rhashtable_iter iter;
	struct vsw_fdb_entry *f;
	struct vsw_switch *sw;
	struct vsw_port *port;
	long idx = 0;
	int vlan, err;

	rtnl_lock();
	sw = vsw_nl_switch(net, attrs, cb->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	err = vsw_nl_fdb_filter(sw, net, attrs, &port, &vlan, cb->extack);
	if (err)
		goto out;

	vsw_fdb_walk_start(sw, &iter);
	vsw_fdb_for_each(f, &iter) {
		if (idx++ < cb->args[0])
			continue;
		if (port && READ_ONCE(f->port) != port)
			continue;
		if (vlan >= 0 && f->key.vlan != vlan)
			continue;
		if (vsw_nl_fill_fdb(skb, sw, f, NETLINK_CB(cb->skb).portid,
				    cb->nlh->nlmsg_seq, NLM_F_MULTI,
				    VSW_CMD_FDB_GET)) {
			idx--;
			break;
		}
	}
	vsw_fdb_walk_stop(&iter);
	cb->args[0] = idx;
out:
	rtnl_unlock();
	return err ?: skb->len;
}

/* VXLAN. */

static int vsw_nl_vxlan_remotes(struct nlattr *list,
				struct vsw_vxlan_config *cfg,
				struct netlink_ext_ack *extack)
{
	struct nlattr *attr;
	unsigned int i;
	int rem, err;

	nla_for_each_nested(attr, list, rem)
		cfg->n_remotes++;
	if (cfg->n_remotes > VSW_VXLAN_REMOTES_MAX) {
		VSW_NL_ERR_ATTR(extack, list, "Too many remote VTEPs");
		return -E2BIG;
	}
	cfg->remotes = kcalloc(cfg->n_remotes ?: 1, sizeof(*cfg->remotes),
			       GFP_KERNEL);
	if (!cfg->remotes)
		return -ENOMEM;
	cfg->n_remotes = 0;
	nla_for_each_nested(attr, list, rem) {
		union vsw_ip *ip = &cfg->remotes[cfg->n_remotes];

		err = vsw_nl_vtep(attr, cfg->family, ip, extack);
		if (err)
			return err;
		if (vsw_ip_equal(cfg->family, ip, &cfg->local)) {
			VSW_NL_ERR_ATTR(extack, attr,
					"A remote VTEP cannot be the local address");
			return -EINVAL;
		}
		for (i = 0; i < cfg->n_remotes; i++) {
			if (vsw_ip_equal(cfg->family, ip, &cfg->remotes[i])) {
				VSW_NL_ERR_ATTR(extack, attr,
						"The list names a remote VTEP twice");
				return -EINVAL;
			}
		}
		cfg->n_remotes++;
	}
	return 0;
}

static int vsw_nl_vxlan_group(struct net *net, struct nlattr **attrs,
			      struct vsw_vxlan_config *cfg,
			      struct netlink_ext_ack *extack)
{
	struct nlattr *group = attrs[VSW_A_VXLAN_GROUP];
	int err;

	if (!group) {
		if (attrs[VSW_A_VXLAN_DEV]) {
			VSW_NL_ERR_ATTR(extack, attrs[VSW_A_VXLAN_DEV],
					"A device is only for a multicast group");
			return -EINVAL;
		}
		return 0;
	}
	err = vsw_nl_ip_of(group, cfg->family, &cfg->group, extack);
	if (err)
		return err;
	if (!vsw_nl_ip_multicast(cfg->family, &cfg->group)) {
		VSW_NL_ERR_ATTR(extack, group,
				"The group must be a multicast address");
		return -EINVAL;
	}
	if (!attrs[VSW_A_VXLAN_DEV]) {
		VSW_NL_ERR_ATTR(extack, group,
				"A multicast group needs the device to join it on");
		return -EINVAL;
	}
	cfg->group_ifindex = nla_get_u32(attrs[VSW_A_VXLAN_DEV]);
	if (!__dev_get_by_index(net, cfg->group_ifindex)) {
		VSW_NL_ERR_ATTR(extack, attrs[VSW_A_VXLAN_DEV],
				"No such device in this network namespace");
		return -ENODEV;
	}
	cfg->has_group = true;
	return 0;
}

static int vsw_nl_vxlan_new(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct net *net = genl_info_net(info);
	struct vsw_vxlan_config cfg = {
		.dstport = htons(VSW_VXLAN_DSTPORT_DEFAULT),
		.ttl = VSW_VXLAN_TTL_DEFAULT,
		.learning = true,
	};
	struct vsw_switch *sw;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, VSW_A_VXLAN_VNI) ||
	    GENL_REQ_ATTR_CHECK(info, VSW_A_VLAN) ||
	    GENL_REQ_ATTR_CHECK(info, VSW_A_VXLAN_LOCAL))
		return -EINVAL;
	cfg.vni = nla_get_u32(attrs[VSW_A_VXLAN_VNI]);
	cfg.vlan = nla_get_u16(attrs[VSW_A_VLAN]);
	/* The local address sets the VNI's family. */
	err = vsw_nl_ip(attrs[VSW_A_VXLAN_LOCAL], &cfg.family, &cfg.local,
			info->extack) ?:
	      vsw_nl_ip_unicast(attrs[VSW_A_VXLAN_LOCAL], cfg.family,
				&cfg.local, info->extack);
	if (err)
		return err;
	if (attrs[VSW_A_VXLAN_DSTPORT])
		cfg.dstport = htons(nla_get_u16(attrs[VSW_A_VXLAN_DSTPORT]));
	if (attrs[VSW_A_VXLAN_TTL])
		cfg.ttl = nla_get_u8(attrs[VSW_A_VXLAN_TTL]);
	if (attrs[VSW_A_VXLAN_LEARNING])
		cfg.learning = nla_get_u8(attrs[VSW_A_VXLAN_LEARNING]);
	if (attrs[VSW_A_VXLAN_REMOTES]) {
		err = vsw_nl_vxlan_remotes(attrs[VSW_A_VXLAN_REMOTES], &cfg,
					   info->extack);
		if (err)
			goto out_free;
	}

	rtnl_lock();
	sw = vsw_nl_switch(net, attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	err = vsw_nl_vxlan_group(net, attrs, &cfg, info->extack);
	if (!err)
		err = vsw_vxlan_add(sw, &cfg, info->extack);
out:
	rtnl_unlock();
out_free:
	kfree(cfg.remotes);
	return err;
}

static struct vsw_vxlan *vsw_nl_vxlan(struct vsw_switch *sw,
				      struct nlattr **attrs,
				      struct netlink_ext_ack *extack)
{
	struct vsw_vxlan *vx;

	if (!attrs[VSW_A_VXLAN_VNI]) {
		NL_SET_ERR_MSG_MOD(extack, "VNI missing");
		return ERR_PTR(-EINVAL);
	}
	vx = vsw_vxlan_find(sw, nla_get_u32(attrs[VSW_A_VXLAN_VNI]));
	if (!vx) {
		VSW_NL_ERR_ATTR(extack, attrs[VSW_A_VXLAN_VNI],
				"No such VNI on this switch");
		return ERR_PTR(-ENOENT);
	}
	return vx;
}

static int vsw_nl_vxlan_del(struct sk_buff *skb, struct genl_info *info)
{
	struct vsw_switch *sw;
	struct vsw_vxlan *vx;
	int err = 0;

	rtnl_lock();
	sw = vsw_nl_switch(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	vx = vsw_nl_vxlan(sw, info->attrs, info->extack);
	if (IS_ERR(vx)) {
		err = PTR_ERR(vx);
		goto out;
	}
	vsw_vxlan_del(vx);
out:
	rtnl_unlock();
	return err;
}

static int vsw_nl_vxlan_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg = NULL;
	struct vsw_switch *sw;
	struct vsw_vxlan *vx;
	int err;

	rtnl_lock();
	sw = vsw_nl_switch(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto err;
	}
	vx = vsw_nl_vxlan(sw, info->attrs, info->extack);
	if (IS_ERR(vx)) {
		err = PTR_ERR(vx);
		goto err;
	}
	msg = genlmsg_new(vsw_nl_vxlan_size(vx), GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto err;
	}
	err = vsw_nl_fill_vxlan(msg, vx, info->snd_portid, info->snd_seq, 0,
				VSW_CMD_VXLAN_GET);
	if (err)
		goto err;
	rtnl_unlock();
	return genlmsg_reply(msg, info);
err:
	rtnl_unlock();
	nlmsg_free(msg);
	return err;
}

/* The VNIs of one switch; cb->args[0]: VNIs already dumped. */
static int vsw_nl_vxlan_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **attrs = vsw_compat_dump_attrs(cb);
	struct vsw_switch *sw;
	struct vsw_vxlan *vx;
	long idx = 0;
	int err = 0;

	rtnl_lock();
	sw = vsw_nl_switch(sock_net(skb->sk), attrs, cb->extack);
	if (IS_ERR(sw)) {
		err = PTR_ERR(sw);
		goto out;
	}
	list_for_each_entry(vx, &sw->vxlans, list) {
		if (idx++ < cb->args[0])
			continue;
		if (vsw_nl_fill_vxlan(skb, vx, NETLINK_CB(cb->skb).portid,
				      cb->nlh->nlmsg_seq, NLM_F_MULTI,
				      VSW_CMD_VXLAN_GET)) {
			idx--;
			err = vsw_nl_dump_full(skb);
			break;
		}
	}
	cb->args[0] = idx;
out:
	rtnl_unlock();
	return err ?: skb->len;
}

#define VSW_OP(_cmd, _doit, _dumpit, _policy, _flags)			\
	VSW_OP_START(_cmd, _doit, NULL, _dumpit, _policy, _flags)
#define VSW_OP_START(_cmd, _doit, _start, _dumpit, _policy, _flags) {	\
	.cmd = _cmd,							\
	.doit = _doit,							\
	.start = _start,						\
	.dumpit = _dumpit,						\
	.policy = _policy,						\
	.maxattr = VSW_A_MAX,						\
	.flags = _flags,						\
}

static const struct genl_ops vsw_genl_ops[] = {
	VSW_OP(VSW_CMD_SWITCH_NEW, vsw_nl_switch_new, NULL,
	       vsw_switch_new_policy, GENL_UNS_ADMIN_PERM),
	VSW_OP(VSW_CMD_SWITCH_DEL, vsw_nl_switch_del, NULL,
	       vsw_switch_policy, GENL_UNS_ADMIN_PERM),
	VSW_OP(VSW_CMD_SWITCH_SET, vsw_nl_switch_set, NULL,
	       vsw_switch_set_policy, GENL_UNS_ADMIN_PERM),
	VSW_OP_START(VSW_CMD_SWITCH_GET, vsw_nl_switch_get,
		     vsw_nl_ports_dump_start, vsw_nl_switch_dump,
		     vsw_switch_policy, 0),
	VSW_OP(VSW_CMD_PORT_NEW, vsw_nl_port_new, NULL,
	       vsw_port_new_policy, GENL_UNS_ADMIN_PERM),
	VSW_OP(VSW_CMD_PORT_DEL, vsw_nl_port_del, NULL,
	       vsw_port_del_policy, GENL_UNS_ADMIN_PERM),
	VSW_OP(VSW_CMD_PORT_GET, NULL, vsw_nl_port_dump,
	       vsw_switch_policy, 0),
	VSW_OP(VSW_CMD_FDB_NEW, vsw_nl_fdb_new, NULL,
	       vsw_fdb_new_policy, GENL_UNS_ADMIN_PERM),
	VSW_OP(VSW_CMD_FDB_DEL, vsw_nl_fdb_del, NULL,
	       vsw_fdb_del_policy, GENL_UNS_ADMIN_PERM),
	VSW_OP(VSW_CMD_FDB_FLUSH, vsw_nl_fdb_flush, NULL,
	       vsw_fdb_filter_policy, GENL_UNS_ADMIN_PERM),
	VSW_OP(VSW_CMD_FDB_GET, NULL, vsw_nl_fdb_dump,
	       vsw_fdb_filter_policy, 0),
	VSW_OP(VSW_CMD_PORT_SET, vsw_nl_port_set, NULL,
	       vsw_port_set_policy, GENL_UNS_ADMIN_PERM),
	VSW_OP(VSW_CMD_PORTGROUP_NEW, vsw_nl_portgroup_new, NULL,
	       vsw_portgroup_set_policy, GENL_UNS_ADMIN_PERM),
	VSW_OP(VSW_CMD_PORTGROUP_DEL, vsw_nl_portgroup_del, NULL,
	       vsw_portgroup_policy, GENL_UNS_ADMIN_PERM),
	VSW_OP(VSW_CMD_PORTGROUP_SET, vsw_nl_portgroup_set, NULL,
	       vsw_portgroup_set_policy, GENL_UNS_ADMIN_PERM),
	VSW_OP_START(VSW_CMD_PORTGROUP_GET, vsw_nl_portgroup_get,
		     vsw_nl_ports_dump_start, vsw_nl_portgroup_dump,
		     vsw_portgroup_policy, 0),
	VSW_OP(VSW_CMD_TEAM_SET, vsw_nl_team_set, NULL,
	       vsw_team_set_policy, GENL_UNS_ADMIN_PERM),
	VSW_OP_START(VSW_CMD_TEAM_GET, vsw_nl_team_get, vsw_nl_team_dump_start,
		     vsw_nl_team_dump, vsw_switch_policy, 0),
	VSW_OP(VSW_CMD_VXLAN_NEW, vsw_nl_vxlan_new, NULL,
	       vsw_vxlan_new_policy, GENL_UNS_ADMIN_PERM),
	VSW_OP(VSW_CMD_VXLAN_DEL, vsw_nl_vxlan_del, NULL,
	       vsw_vxlan_policy, GENL_UNS_ADMIN_PERM),
	VSW_OP(VSW_CMD_VXLAN_GET, vsw_nl_vxlan_get, vsw_nl_vxlan_dump,
	       vsw_vxlan_policy, 0),
};

static const struct genl_multicast_group vsw_mcgrps[] = {
	{ .name = VSW_MCGRP_EVENTS },
};

static struct genl_family vsw_genl_family __ro_after_init = {
	.name = VSW_GENL_NAME,
	.version = VSW_GENL_VERSION,
	.maxattr = VSW_A_MAX,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = vsw_genl_ops,
	.n_ops = ARRAY_SIZE(vsw_genl_ops),
	.resv_start_op = VSW_CMD_SWITCH_NEW,
	.mcgrps = vsw_mcgrps,
	.n_mcgrps = ARRAY_SIZE(vsw_mcgrps),
};

int __init vsw_genl_init(void)
{
	int err = genl_register_family(&vsw_genl_family);

	if (!err)
		WRITE_ONCE(vsw_nl_ready, true);
	return err;
}

void vsw_genl_exit(void)
{
	WRITE_ONCE(vsw_nl_ready, false);
	/* The data path notifies under RCU: let it see the flag. */
	synchronize_rcu();
	genl_unregister_family(&vsw_genl_family);
}
