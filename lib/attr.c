// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Reply parsers: validate every known attribute's type and size before
 * use; attributes newer than this library are ignored.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/genetlink.h>

#include "internal.h"

static const enum mnl_attr_data_type vsw_policy[VSW_A_MAX + 1] = {
	[VSW_A_IFINDEX]		= MNL_TYPE_U32,
	[VSW_A_IFNAME]		= MNL_TYPE_NUL_STRING,
	[VSW_A_AGEING]		= MNL_TYPE_U32,
	[VSW_A_FDB_MAX]		= MNL_TYPE_U32,
	[VSW_A_FDB_COUNT]	= MNL_TYPE_U32,
	[VSW_A_PORTS]		= MNL_TYPE_NESTED,
	[VSW_A_PORT_IFINDEX]	= MNL_TYPE_U32,
	[VSW_A_PORT_IFNAME]	= MNL_TYPE_NUL_STRING,
	[VSW_A_PORT_KIND]	= MNL_TYPE_U8,
	[VSW_A_PORT_ID]		= MNL_TYPE_U32,
	[VSW_A_PORT_STATS]	= MNL_TYPE_NESTED,
	[VSW_A_MAC]		= MNL_TYPE_BINARY,
	[VSW_A_VLAN]		= MNL_TYPE_U16,
	[VSW_A_FDB_FLAGS]	= MNL_TYPE_U32,
	[VSW_A_FDB_AGE]		= MNL_TYPE_U32,
	[VSW_A_PORTGROUP]	= MNL_TYPE_NUL_STRING,
	[VSW_A_PG_VLAN]		= MNL_TYPE_U16,
	[VSW_A_PG_TRUNK]	= MNL_TYPE_BINARY,
	[VSW_A_PG_NATIVE]	= MNL_TYPE_U16,
	[VSW_A_PG_PROMISC]	= MNL_TYPE_U8,
	[VSW_A_PG_MAC_CHANGE]	= MNL_TYPE_U8,
	[VSW_A_PG_FORGED_TRANSMITS] = MNL_TYPE_U8,
	[VSW_A_PG_SHAPING]	= MNL_TYPE_NESTED,
	[VSW_A_PORT_MAC]	= MNL_TYPE_BINARY,
	[VSW_A_PORT_MAC_ADMIN]	= MNL_TYPE_FLAG,
	[VSW_A_PORT_FDB_MAX]	= MNL_TYPE_U32,
	[VSW_A_PORT_FDB_COUNT]	= MNL_TYPE_U32,
	[VSW_A_TEAM_POLICY]	= MNL_TYPE_U8,
	[VSW_A_TEAM_ACTIVE]	= MNL_TYPE_NESTED,
	[VSW_A_TEAM_STANDBY]	= MNL_TYPE_NESTED,
	[VSW_A_TEAM_DETECT]	= MNL_TYPE_U8,
	[VSW_A_TEAM_DETECT_USED] = MNL_TYPE_U8,
	[VSW_A_TEAM_FAILBACK]	= MNL_TYPE_U8,
	[VSW_A_TEAM_NOTIFY]	= MNL_TYPE_U8,
	[VSW_A_TEAM_LACP_RATE]	= MNL_TYPE_U8,
	[VSW_A_TEAM_UPLINKS]	= MNL_TYPE_NESTED,
	[VSW_A_TEAM_UPLINK]	= MNL_TYPE_NESTED,
	[VSW_A_TEAM_LACP_SYSTEM] = MNL_TYPE_BINARY,
	[VSW_A_TEAM_LACP_KEY]	= MNL_TYPE_U16,
	[VSW_A_VXLAN_VNI]	= MNL_TYPE_U32,
	[VSW_A_VXLAN_LOCAL]	= MNL_TYPE_BINARY,
	[VSW_A_VXLAN_REMOTES]	= MNL_TYPE_NESTED,
	[VSW_A_VXLAN_REMOTE]	= MNL_TYPE_BINARY,
	[VSW_A_VXLAN_GROUP]	= MNL_TYPE_BINARY,
	[VSW_A_VXLAN_DEV]	= MNL_TYPE_U32,
	[VSW_A_VXLAN_DSTPORT]	= MNL_TYPE_U16,
	[VSW_A_VXLAN_TTL]	= MNL_TYPE_U8,
	[VSW_A_VXLAN_LEARNING]	= MNL_TYPE_U8,
	[VSW_A_VXLAN_SOCK_DROPS] = MNL_TYPE_NESTED,
};

/* VXLAN addresses: 4 (IPv4) or 16 (IPv6) bytes. */
static int validate_addr(const struct nlattr *attr)
{
	uint16_t len = mnl_attr_get_payload_len(attr);

	return len == 4 || len == 16 ? 0 : -1;
}

static bool is_addr_attr(uint16_t type)
{
	return type == VSW_A_VXLAN_LOCAL || type == VSW_A_VXLAN_REMOTE ||
	       type == VSW_A_VXLAN_GROUP;
}

static void get_addr(const struct nlattr *attr, struct vsw_addr *a)
{
	uint16_t len = mnl_attr_get_payload_len(attr);

	memset(a, 0, sizeof(*a));
	a->family = len == 4 ? AF_INET : AF_INET6;
	memcpy(a->addr, mnl_attr_get_payload(attr), len);
}

struct parse_ctx {
	const struct nlattr **tb;
	uint64_t present;
};

static int attr_cb(const struct nlattr *attr, void *data)
{
	struct parse_ctx *ctx = data;
	uint16_t type = mnl_attr_get_type(attr);
	int ret;

	if (type > VSW_A_MAX || !vsw_policy[type])
		return MNL_CB_OK;
	if (type == VSW_A_MAC || type == VSW_A_PORT_MAC ||
	    type == VSW_A_TEAM_LACP_SYSTEM)
		ret = mnl_attr_validate2(attr, MNL_TYPE_BINARY, VSW_MAC_LEN);
	else if (type == VSW_A_PG_TRUNK)
		ret = mnl_attr_validate2(attr, MNL_TYPE_BINARY,
					 VSW_VLAN_BITMAP_LEN);
	else if (is_addr_attr(type))
		ret = validate_addr(attr);
	else
		ret = mnl_attr_validate(attr, vsw_policy[type]);
	if (ret < 0)
		return MNL_CB_ERROR;
	ctx->tb[type] = attr;
	ctx->present |= VSW_ATTR_BIT(type);
	return MNL_CB_OK;
}

/* Fill @tb (VSW_A_MAX + 1 slots) with the validated attributes of @nlh. */
int vsw_parse_attrs(const struct nlmsghdr *nlh, const struct nlattr **tb,
		    uint64_t *present)
{
	struct parse_ctx ctx = { .tb = tb };

	memset(tb, 0, (VSW_A_MAX + 1) * sizeof(*tb));
	if (mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN)
		return -EPROTO;
	if (mnl_attr_parse(nlh, GENL_HDRLEN, attr_cb, &ctx) < 0)
		return -EPROTO;
	*present = ctx.present;
	return 0;
}

static uint32_t get_u32(const struct nlattr **tb, int type)
{
	return tb[type] ? mnl_attr_get_u32(tb[type]) : 0;
}

static const char *get_str(const struct nlattr **tb, int type)
{
	return tb[type] ? mnl_attr_get_str(tb[type]) : NULL;
}

/* The VSW_A_PORT_IFNAME strings of a VSW_A_PORTS nest, in order. */
static int parse_ports(const struct nlattr *nest, const char *const **portsp,
		       unsigned int *n_ports)
{
	const struct nlattr *attr;
	const char **ports;
	unsigned int n = 0;

	mnl_attr_for_each_nested(attr, nest) {
		if (mnl_attr_get_type(attr) != VSW_A_PORT_IFNAME)
			continue;
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0)
			return -EPROTO;
		n++;
	}
	if (!n)
		return 0;
	ports = calloc(n, sizeof(*ports));
	if (!ports)
		return -ENOMEM;
	n = 0;
	mnl_attr_for_each_nested(attr, nest)
		if (mnl_attr_get_type(attr) == VSW_A_PORT_IFNAME)
			ports[n++] = mnl_attr_get_str(attr);
	*portsp = ports;
	*n_ports = n;
	return 0;
}

/* @sw points into @nlh; release it with vsw_switch_clear(). */
int vsw_parse_switch(const struct nlmsghdr *nlh, struct vsw_switch *sw)
{
	const struct nlattr *tb[VSW_A_MAX + 1];
	int ret;

	memset(sw, 0, sizeof(*sw));
	ret = vsw_parse_attrs(nlh, tb, &sw->attrs);
	if (ret)
		return ret;
	sw->ifindex = get_u32(tb, VSW_A_IFINDEX);
	sw->name = get_str(tb, VSW_A_IFNAME);
	sw->ageing = get_u32(tb, VSW_A_AGEING);
	sw->fdb_max = get_u32(tb, VSW_A_FDB_MAX);
	sw->fdb_count = get_u32(tb, VSW_A_FDB_COUNT);
	if (tb[VSW_A_PORTS])
		return parse_ports(tb[VSW_A_PORTS], &sw->ports, &sw->n_ports);
	return 0;
}

void vsw_switch_clear(struct vsw_switch *sw)
{
	free((void *)sw->ports);
	sw->ports = NULL;
	sw->n_ports = 0;
}

/* A nest of u64 counters by enum vsw_drop_reason into @drops. */
static int parse_drops(const struct nlattr *nest, uint64_t *drops)
{
	const struct nlattr *attr;
	uint16_t reason;

	mnl_attr_for_each_nested(attr, nest) {
		reason = mnl_attr_get_type(attr);
		if (mnl_attr_validate(attr, MNL_TYPE_U64) < 0)
			return -EPROTO;
		if (reason < VSW_DROP_SLOTS)
			drops[reason] = mnl_attr_get_u64(attr);
	}
	return 0;
}

static int parse_stats(const struct nlattr *nest, struct vsw_port_stats *st)
{
	const struct nlattr *attr;
	uint16_t type;

	memset(st, 0, sizeof(*st));
	mnl_attr_for_each_nested(attr, nest) {
		type = mnl_attr_get_type(attr);
		if (type == VSW_STATS_A_DROPS) {
			if (mnl_attr_validate(attr, MNL_TYPE_NESTED) < 0 ||
			    parse_drops(attr, st->drops))
				return -EPROTO;
			continue;
		}
		if (type < VSW_STATS_A_RX_PACKETS || type > VSW_STATS_A_MAX)
			continue;
		if (mnl_attr_validate(attr, MNL_TYPE_U64) < 0)
			return -EPROTO;
		switch (type) {
		case VSW_STATS_A_RX_PACKETS:
			st->rx_packets = mnl_attr_get_u64(attr);
			break;
		case VSW_STATS_A_RX_BYTES:
			st->rx_bytes = mnl_attr_get_u64(attr);
			break;
		case VSW_STATS_A_TX_PACKETS:
			st->tx_packets = mnl_attr_get_u64(attr);
			break;
		case VSW_STATS_A_TX_BYTES:
			st->tx_bytes = mnl_attr_get_u64(attr);
			break;
		case VSW_STATS_A_FDB_MOVES:
			st->fdb_moves = mnl_attr_get_u64(attr);
			break;
		case VSW_STATS_A_FDB_FLAPS:
			st->fdb_flaps = mnl_attr_get_u64(attr);
			break;
		}
	}
	return 0;
}

/* @port points into @nlh and, when the reply has stats, to @stats. */
int vsw_parse_port(const struct nlmsghdr *nlh, struct vsw_port *port,
		   struct vsw_port_stats *stats)
{
	const struct nlattr *tb[VSW_A_MAX + 1];
	int ret;

	memset(port, 0, sizeof(*port));
	ret = vsw_parse_attrs(nlh, tb, &port->attrs);
	if (ret)
		return ret;
	port->switch_ifindex = get_u32(tb, VSW_A_IFINDEX);
	port->switch_name = get_str(tb, VSW_A_IFNAME);
	port->ifindex = get_u32(tb, VSW_A_PORT_IFINDEX);
	port->name = get_str(tb, VSW_A_PORT_IFNAME);
	port->id = get_u32(tb, VSW_A_PORT_ID);
	port->portgroup = get_str(tb, VSW_A_PORTGROUP);
	if (tb[VSW_A_PORT_KIND])
		port->kind = mnl_attr_get_u8(tb[VSW_A_PORT_KIND]);
	if (tb[VSW_A_MAC])
		memcpy(port->mac, mnl_attr_get_payload(tb[VSW_A_MAC]),
		       VSW_MAC_LEN);
	if (tb[VSW_A_PORT_MAC])
		memcpy(port->port_mac, mnl_attr_get_payload(tb[VSW_A_PORT_MAC]),
		       VSW_MAC_LEN);
	port->mac_admin = tb[VSW_A_PORT_MAC_ADMIN] != NULL;
	port->fdb_max = get_u32(tb, VSW_A_PORT_FDB_MAX);
	port->fdb_count = get_u32(tb, VSW_A_PORT_FDB_COUNT);
	if (tb[VSW_A_PORT_STATS]) {
		ret = parse_stats(tb[VSW_A_PORT_STATS], stats);
		if (ret)
			return ret;
		port->stats = stats;
	}
	return 0;
}

int vsw_parse_fdb(const struct nlmsghdr *nlh, struct vsw_fdb *fdb)
{
	const struct nlattr *tb[VSW_A_MAX + 1];
	int ret;

	memset(fdb, 0, sizeof(*fdb));
	ret = vsw_parse_attrs(nlh, tb, &fdb->attrs);
	if (ret)
		return ret;
	fdb->switch_ifindex = get_u32(tb, VSW_A_IFINDEX);
	fdb->switch_name = get_str(tb, VSW_A_IFNAME);
	fdb->port_ifindex = get_u32(tb, VSW_A_PORT_IFINDEX);
	fdb->port = get_str(tb, VSW_A_PORT_IFNAME);
	fdb->flags = get_u32(tb, VSW_A_FDB_FLAGS);
	fdb->age = get_u32(tb, VSW_A_FDB_AGE);
	if (tb[VSW_A_VLAN])
		fdb->vlan = mnl_attr_get_u16(tb[VSW_A_VLAN]);
	if (tb[VSW_A_MAC])
		memcpy(fdb->mac, mnl_attr_get_payload(tb[VSW_A_MAC]),
		       VSW_MAC_LEN);
	if (tb[VSW_A_VXLAN_REMOTE])
		get_addr(tb[VSW_A_VXLAN_REMOTE], &fdb->remote);
	fdb->vni = get_u32(tb, VSW_A_VXLAN_VNI);
	return 0;
}

/*
 * The VLAN mode comes from VSW_A_PG_TRUNK when present, else from
 * VSW_A_PG_VLAN (absent: VLAN 0). Bits the ABI leaves unused (VLANs 0 and
 * 4095) are cleared so that callers only ever see 1..4094.
 */
static int parse_pg_mode(const struct nlattr **tb, struct vsw_portgroup *pg)
{
	if (tb[VSW_A_PG_TRUNK]) {
		pg->mode = VSW_PG_MODE_TRUNK_LIST;
		memcpy(pg->trunk, mnl_attr_get_payload(tb[VSW_A_PG_TRUNK]),
		       VSW_VLAN_BITMAP_LEN);
		pg->trunk[0] &= ~1U;
		pg->trunk[VSW_VLAN_TRUNK_ALL / 8] &=
			~(1U << (VSW_VLAN_TRUNK_ALL % 8));
		if (tb[VSW_A_PG_NATIVE])
			pg->native = mnl_attr_get_u16(tb[VSW_A_PG_NATIVE]);
		if (pg->native > VSW_VLAN_MAX)
			return -EPROTO;
		return 0;
	}
	if (tb[VSW_A_PG_VLAN])
		pg->vlan = mnl_attr_get_u16(tb[VSW_A_PG_VLAN]);
	if (pg->vlan == 0)
		pg->mode = VSW_PG_MODE_NONE;
	else if (pg->vlan <= VSW_VLAN_MAX)
		pg->mode = VSW_PG_MODE_ACCESS;
	else if (pg->vlan == VSW_VLAN_TRUNK_ALL)
		pg->mode = VSW_PG_MODE_TRUNK_ALL;
	else
		return -EPROTO;
	return 0;
}

static bool get_bool(const struct nlattr **tb, int type)
{
	return tb[type] && mnl_attr_get_u8(tb[type]);
}

/*
 * VSW_A_PG_SHAPING: all three values (shaping), or none (an empty nest:
 * not shaping); anything in between is a protocol error.
 */
static int parse_shaping(const struct nlattr *nest, struct vsw_portgroup *pg)
{
	const struct nlattr *attr;
	unsigned int seen = 0;
	uint16_t type;
	uint32_t v;

	mnl_attr_for_each_nested(attr, nest) {
		type = mnl_attr_get_type(attr);
		if (type < VSW_SHAPING_A_AVG_KBIT || type > VSW_SHAPING_A_BURST_KB)
			continue;
		if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
			return -EPROTO;
		v = mnl_attr_get_u32(attr);
		seen |= 1U << type;
		switch (type) {
		case VSW_SHAPING_A_AVG_KBIT:
			pg->shaping.avg_kbit = v;
			break;
		case VSW_SHAPING_A_PEAK_KBIT:
			pg->shaping.peak_kbit = v;
			break;
		case VSW_SHAPING_A_BURST_KB:
			pg->shaping.burst_kb = v;
			break;
		}
	}
	if (!seen)
		return 0;
	if (seen != (1U << VSW_SHAPING_A_AVG_KBIT |
		     1U << VSW_SHAPING_A_PEAK_KBIT |
		     1U << VSW_SHAPING_A_BURST_KB))
		return -EPROTO;
	pg->shaping_on = true;
	return 0;
}

/* @pg points into @nlh; release it with vsw_portgroup_clear(). */
int vsw_parse_portgroup(const struct nlmsghdr *nlh, struct vsw_portgroup *pg)
{
	const struct nlattr *tb[VSW_A_MAX + 1];
	int ret;

	memset(pg, 0, sizeof(*pg));
	ret = vsw_parse_attrs(nlh, tb, &pg->attrs);
	if (ret)
		return ret;
	pg->switch_ifindex = get_u32(tb, VSW_A_IFINDEX);
	pg->switch_name = get_str(tb, VSW_A_IFNAME);
	pg->name = get_str(tb, VSW_A_PORTGROUP);
	ret = parse_pg_mode(tb, pg);
	if (ret)
		return ret;
	pg->promisc = get_bool(tb, VSW_A_PG_PROMISC);
	pg->mac_change = get_bool(tb, VSW_A_PG_MAC_CHANGE);
	pg->forged_transmits = get_bool(tb, VSW_A_PG_FORGED_TRANSMITS);
	if (tb[VSW_A_PG_SHAPING]) {
		ret = parse_shaping(tb[VSW_A_PG_SHAPING], pg);
		if (ret)
			return ret;
	}
	if (tb[VSW_A_PORTS])
		return parse_ports(tb[VSW_A_PORTS], &pg->ports, &pg->n_ports);
	return 0;
}

void vsw_portgroup_clear(struct vsw_portgroup *pg)
{
	free((void *)pg->ports);
	pg->ports = NULL;
	pg->n_ports = 0;
}

static const enum mnl_attr_data_type uplink_policy[VSW_TEAM_UPLINK_A_MAX + 1] = {
	[VSW_TEAM_UPLINK_A_IFINDEX]	= MNL_TYPE_U32,
	[VSW_TEAM_UPLINK_A_IFNAME]	= MNL_TYPE_NUL_STRING,
	[VSW_TEAM_UPLINK_A_STATE]	= MNL_TYPE_U8,
	[VSW_TEAM_UPLINK_A_LINK]	= MNL_TYPE_U8,
	[VSW_TEAM_UPLINK_A_BEACON]	= MNL_TYPE_U8,
	[VSW_TEAM_UPLINK_A_LACP_ACTOR_STATE] = MNL_TYPE_U8,
	[VSW_TEAM_UPLINK_A_LACP_PARTNER_STATE] = MNL_TYPE_U8,
	[VSW_TEAM_UPLINK_A_LACP_PARTNER_SYSTEM] = MNL_TYPE_BINARY,
	[VSW_TEAM_UPLINK_A_LACP_PARTNER_KEY] = MNL_TYPE_U16,
};

/* One VSW_A_TEAM_UPLINK nest; the uplink's name is required. */
static int parse_uplink(const struct nlattr *nest, struct vsw_team_uplink *up)
{
	const struct nlattr *attr;
	uint16_t type;
	int ret;

	mnl_attr_for_each_nested(attr, nest) {
		type = mnl_attr_get_type(attr);
		if (type > VSW_TEAM_UPLINK_A_MAX || !uplink_policy[type])
			continue;
		if (type == VSW_TEAM_UPLINK_A_LACP_PARTNER_SYSTEM)
			ret = mnl_attr_validate2(attr, MNL_TYPE_BINARY,
						 VSW_MAC_LEN);
		else
			ret = mnl_attr_validate(attr, uplink_policy[type]);
		if (ret < 0)
			return -EPROTO;
		up->attrs |= VSW_ATTR_BIT(type);
		switch (type) {
		case VSW_TEAM_UPLINK_A_IFINDEX:
			up->ifindex = mnl_attr_get_u32(attr);
			break;
		case VSW_TEAM_UPLINK_A_IFNAME:
			up->name = mnl_attr_get_str(attr);
			break;
		case VSW_TEAM_UPLINK_A_STATE:
			up->state = mnl_attr_get_u8(attr);
			break;
		case VSW_TEAM_UPLINK_A_LINK:
			up->link = mnl_attr_get_u8(attr);
			break;
		case VSW_TEAM_UPLINK_A_BEACON:
			up->beacon = mnl_attr_get_u8(attr);
			break;
		case VSW_TEAM_UPLINK_A_LACP_ACTOR_STATE:
			up->lacp_actor_state = mnl_attr_get_u8(attr);
			break;
		case VSW_TEAM_UPLINK_A_LACP_PARTNER_STATE:
			up->lacp_partner_state = mnl_attr_get_u8(attr);
			break;
		case VSW_TEAM_UPLINK_A_LACP_PARTNER_SYSTEM:
			memcpy(up->lacp_partner_system,
			       mnl_attr_get_payload(attr), VSW_MAC_LEN);
			break;
		case VSW_TEAM_UPLINK_A_LACP_PARTNER_KEY:
			up->lacp_partner_key = mnl_attr_get_u16(attr);
			break;
		}
	}
	return up->name ? 0 : -EPROTO;
}

/* VSW_A_TEAM_UPLINKS: the VSW_A_TEAM_UPLINK nests, in team order. */
static int parse_uplinks(const struct nlattr *nest, struct vsw_team *team)
{
	struct vsw_team_uplink *ups;
	const struct nlattr *attr;
	unsigned int n = 0;
	int ret;

	mnl_attr_for_each_nested(attr, nest) {
		if (mnl_attr_get_type(attr) != VSW_A_TEAM_UPLINK)
			continue;
		if (mnl_attr_validate(attr, MNL_TYPE_NESTED) < 0)
			return -EPROTO;
		n++;
	}
	if (!n)
		return 0;
	ups = calloc(n, sizeof(*ups));
	if (!ups)
		return -ENOMEM;
	team->uplinks = ups;
	mnl_attr_for_each_nested(attr, nest) {
		if (mnl_attr_get_type(attr) != VSW_A_TEAM_UPLINK)
			continue;
		ret = parse_uplink(attr, &ups[team->n_uplinks]);
		if (ret)
			return ret;
		team->n_uplinks++;
	}
	return 0;
}

static const char *uplink_name(const struct vsw_team *team, uint32_t ifindex)
{
	unsigned int i;

	for (i = 0; i < team->n_uplinks; i++)
		if (vsw_has(&team->uplinks[i], VSW_TEAM_UPLINK_A_IFINDEX) &&
		    team->uplinks[i].ifindex == ifindex)
			return team->uplinks[i].name;
	return NULL;
}

/*
 * VSW_A_TEAM_ACTIVE or VSW_A_TEAM_STANDBY, as names in order. The ABI
 * lists uplinks by VSW_A_PORT_IFINDEX, named here from the uplinks of the
 * reply; should a kernel name them (VSW_A_PORT_IFNAME), the names are
 * taken as they are and the ifindexes ignored. An ifindex that is no
 * uplink of the team is a protocol error.
 */
static int parse_team_list(const struct nlattr *nest,
			   const struct vsw_team *team,
			   const char *const **listp, unsigned int *np)
{
	unsigned int n_idx = 0, n_name = 0, n = 0;
	const struct nlattr *attr;
	const char **list;
	uint16_t type;

	mnl_attr_for_each_nested(attr, nest) {
		type = mnl_attr_get_type(attr);
		if (type == VSW_A_PORT_IFINDEX) {
			if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
				return -EPROTO;
			n_idx++;
		} else if (type == VSW_A_PORT_IFNAME) {
			if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0)
				return -EPROTO;
			n_name++;
		}
	}
	if (!n_idx && !n_name)
		return 0;
	list = calloc(n_name ? n_name : n_idx, sizeof(*list));
	if (!list)
		return -ENOMEM;
	*listp = list;
	mnl_attr_for_each_nested(attr, nest) {
		type = mnl_attr_get_type(attr);
		if (n_name && type == VSW_A_PORT_IFNAME) {
			list[n++] = mnl_attr_get_str(attr);
		} else if (!n_name && type == VSW_A_PORT_IFINDEX) {
			list[n] = uplink_name(team, mnl_attr_get_u32(attr));
			if (!list[n])
				return -EPROTO;
			n++;
		}
	}
	*np = n;
	return 0;
}

static uint8_t get_u8(const struct nlattr **tb, int type)
{
	return tb[type] ? mnl_attr_get_u8(tb[type]) : 0;
}

/*
 * @team points into @nlh; release it with vsw_team_clear(), also after an
 * error. Absent settings read as 0 (port-id, link, off, slow); see
 * team->attrs for what the reply carried.
 */
int vsw_parse_team(const struct nlmsghdr *nlh, struct vsw_team *team)
{
	const struct nlattr *tb[VSW_A_MAX + 1];
	int ret;

	memset(team, 0, sizeof(*team));
	ret = vsw_parse_attrs(nlh, tb, &team->attrs);
	if (ret)
		return ret;
	team->switch_ifindex = get_u32(tb, VSW_A_IFINDEX);
	team->switch_name = get_str(tb, VSW_A_IFNAME);
	team->policy = get_u8(tb, VSW_A_TEAM_POLICY);
	team->detect = get_u8(tb, VSW_A_TEAM_DETECT);
	team->detect_used = get_u8(tb, VSW_A_TEAM_DETECT_USED);
	team->failback = get_bool(tb, VSW_A_TEAM_FAILBACK);
	team->notify = get_bool(tb, VSW_A_TEAM_NOTIFY);
	team->lacp_rate = get_u8(tb, VSW_A_TEAM_LACP_RATE);
	if (tb[VSW_A_TEAM_LACP_SYSTEM])
		memcpy(team->lacp_system,
		       mnl_attr_get_payload(tb[VSW_A_TEAM_LACP_SYSTEM]),
		       VSW_MAC_LEN);
	if (tb[VSW_A_TEAM_LACP_KEY])
		team->lacp_key = mnl_attr_get_u16(tb[VSW_A_TEAM_LACP_KEY]);
	/* The uplinks first: the lists are named from them. */
	if (tb[VSW_A_TEAM_UPLINKS]) {
		ret = parse_uplinks(tb[VSW_A_TEAM_UPLINKS], team);
		if (ret)
			return ret;
	}
	if (tb[VSW_A_TEAM_ACTIVE]) {
		ret = parse_team_list(tb[VSW_A_TEAM_ACTIVE], team,
				      &team->active, &team->n_active);
		if (ret)
			return ret;
	}
	if (tb[VSW_A_TEAM_STANDBY])
		return parse_team_list(tb[VSW_A_TEAM_STANDBY], team,
				       &team->standby, &team->n_standby);
	return 0;
}

void vsw_team_clear(struct vsw_team *team)
{
	free((void *)team->active);
	free((void *)team->standby);
	free((void *)team->uplinks);
	team->active = team->standby = NULL;
	team->uplinks = NULL;
	team->n_active = team->n_standby = team->n_uplinks = 0;
}

/* VSW_A_VXLAN_REMOTES: the VSW_A_VXLAN_REMOTE addresses, in order. */
static int parse_remotes(const struct nlattr *nest, struct vsw_vxlan *vx)
{
	const struct nlattr *attr;
	struct vsw_addr *remotes;
	unsigned int n = 0;

	mnl_attr_for_each_nested(attr, nest) {
		if (mnl_attr_get_type(attr) != VSW_A_VXLAN_REMOTE)
			continue;
		if (validate_addr(attr) < 0)
			return -EPROTO;
		n++;
	}
	if (!n)
		return 0;
	remotes = calloc(n, sizeof(*remotes));
	if (!remotes)
		return -ENOMEM;
	vx->remotes = remotes;
	mnl_attr_for_each_nested(attr, nest)
		if (mnl_attr_get_type(attr) == VSW_A_VXLAN_REMOTE)
			get_addr(attr, &remotes[vx->n_remotes++]);
	return 0;
}

static uint16_t get_u16(const struct nlattr **tb, int type)
{
	return tb[type] ? mnl_attr_get_u16(tb[type]) : 0;
}

/*
 * @vx points into @nlh and to what it allocates (remotes, counters);
 * release it with vsw_vxlan_clear(), also after an error.
 */
int vsw_parse_vxlan(const struct nlmsghdr *nlh, struct vsw_vxlan *vx)
{
	const struct nlattr *tb[VSW_A_MAX + 1];
	struct vsw_port_stats *stats;
	uint64_t *drops;
	int ret;

	memset(vx, 0, sizeof(*vx));
	ret = vsw_parse_attrs(nlh, tb, &vx->attrs);
	if (ret)
		return ret;
	vx->switch_ifindex = get_u32(tb, VSW_A_IFINDEX);
	vx->switch_name = get_str(tb, VSW_A_IFNAME);
	vx->vni = get_u32(tb, VSW_A_VXLAN_VNI);
	vx->vlan = get_u16(tb, VSW_A_VLAN);
	if (tb[VSW_A_VXLAN_LOCAL])
		get_addr(tb[VSW_A_VXLAN_LOCAL], &vx->local);
	if (tb[VSW_A_VXLAN_GROUP])
		get_addr(tb[VSW_A_VXLAN_GROUP], &vx->group);
	vx->dev_ifindex = get_u32(tb, VSW_A_VXLAN_DEV);
	vx->dstport = get_u16(tb, VSW_A_VXLAN_DSTPORT);
	vx->ttl = get_u8(tb, VSW_A_VXLAN_TTL);
	vx->learning = get_bool(tb, VSW_A_VXLAN_LEARNING);
	if (tb[VSW_A_VXLAN_REMOTES]) {
		ret = parse_remotes(tb[VSW_A_VXLAN_REMOTES], vx);
		if (ret)
			return ret;
	}
	if (tb[VSW_A_PORT_STATS]) {
		stats = malloc(sizeof(*stats));
		if (!stats)
			return -ENOMEM;
		vx->stats = stats;
		ret = parse_stats(tb[VSW_A_PORT_STATS], stats);
		if (ret)
			return ret;
	}
	if (tb[VSW_A_VXLAN_SOCK_DROPS]) {
		drops = calloc(VSW_DROP_SLOTS, sizeof(*drops));
		if (!drops)
			return -ENOMEM;
		vx->sock_drops = drops;
		return parse_drops(tb[VSW_A_VXLAN_SOCK_DROPS], drops);
	}
	return 0;
}

void vsw_vxlan_clear(struct vsw_vxlan *vx)
{
	free((void *)vx->remotes);
	free((void *)vx->stats);
	free((void *)vx->sock_drops);
	vx->remotes = NULL;
	vx->n_remotes = 0;
	vx->stats = NULL;
	vx->sock_drops = NULL;
}
