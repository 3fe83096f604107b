// SPDX-License-Identifier: GPL-2.0
/*
 * LACP (IEEE 802.1AX, formerly 802.3ad) in active mode, with one aggregator
 * per switch and coupled control (collecting and distributing together):
 *
 * - receive: a LACPDU records the partner's view of the link and restarts
 *   the partner's timeout (3 s at the fast rate, 90 s at the slow one);
 *   without LACPDUs the partner expires and the link leaves the aggregate;
 * - selection: the links whose partner is the same system with the same
 *   key, and the largest such group, form the aggregate;
 * - mux: a selected link is in sync; once the partner says it is in sync
 *   too, it collects and distributes, and only then carries traffic;
 * - periodic: LACPDUs every second when the partner asks for the short
 *   timeout (or is not known yet), every 30 s otherwise, and at once when
 *   our state changes or the partner's view of us is out of date.
 *
 * Everything runs under the team lock; LACPDUs go out from the team timer.
 */
#include <linux/etherdevice.h>
#include <net/pkt_sched.h>

#include "switch.h"
#include "team.h"

#define VSW_LACP_SUBTYPE	1
#define VSW_LACP_VERSION	1
#define VSW_LACP_TLV_ACTOR	1
#define VSW_LACP_TLV_PARTNER	2
#define VSW_LACP_TLV_COLLECTOR	3
#define VSW_LACP_SYSTEM_PRIO	65535
#define VSW_LACP_PORT_PRIO	255
#define VSW_LACP_KEY		1

static const u8 vsw_lacp_dest[ETH_ALEN] __aligned(2) = {
	0x01, 0x80, 0xc2, 0x00, 0x00, 0x02
};

struct vsw_lacp_tlv_info {
	u8 type;
	u8 len;
	__be16 system_prio;
	u8 system[ETH_ALEN];
	__be16 key;
	__be16 port_prio;
	__be16 port;
	u8 state;
	u8 reserved[3];
} __packed;

struct vsw_lacpdu {
	u8 subtype;
	u8 version;
	struct vsw_lacp_tlv_info actor;
	struct vsw_lacp_tlv_info partner;
	u8 collector_type;
	u8 collector_len;
	__be16 collector_max_delay;
	u8 collector_reserved[12];
	u8 terminator_type;
	u8 terminator_len;
	u8 reserved[50];
} __packed;

static_assert(sizeof(struct vsw_lacpdu) == 110);

/* Only collecting and distributing links are in the map; the partner is one
 * aggregate, so frames hash like ip-hash and nothing is announced.
 */
const struct vsw_team_policy_ops vsw_team_lacp_ops = {
	.select = vsw_team_ip_select,
};

void vsw_lacp_system(const struct vsw_switch *sw, u8 *system)
{
	ether_addr_copy(system, sw->dev->dev_addr);
}

u16 vsw_lacp_key(const struct vsw_switch *sw)
{
	return VSW_LACP_KEY;
}

/* Infos are compared with memcmp(): every filler starts from zero. */
static void vsw_lacp_actor(const struct vsw_switch *sw,
			   const struct vsw_port *port,
			   struct vsw_lacp_info *info)
{
	memset(info, 0, sizeof(*info));
	info->system_prio = VSW_LACP_SYSTEM_PRIO;
	vsw_lacp_system(sw, info->system);
	info->key = vsw_lacp_key(sw);
	info->port_prio = VSW_LACP_PORT_PRIO;
	info->port = port->id;
	info->state = port->team.actor_state;
}

static bool vsw_lacp_has_partner(const struct vsw_port *port)
{
	return !is_zero_ether_addr(port->team.partner.system);
}

/* Forget the partner: the link is down, or the policy changed. */
void vsw_lacp_port_reset(struct vsw_switch *sw, struct vsw_port *port)
{
	memset(&port->team.partner, 0, sizeof(port->team.partner));
	port->team.actor_state = 0;
	port->team.lacp_selected = false;
	port->team.lacp_next_tx = jiffies;
}

/* The link is down or its partner went away: it counts as failed. */
bool vsw_lacp_expired(const struct vsw_port *port)
{
	return !vsw_lacp_has_partner(port);
}

/* Collecting and distributing on both ends. */
bool vsw_lacp_usable(const struct vsw_port *port)
{
	return (port->team.actor_state & VSW_LACP_STATE_DISTRIBUTING) &&
	       (port->team.partner.state & VSW_LACP_STATE_COLLECTING);
}

static bool vsw_lacp_same_partner(const struct vsw_lacp_info *a,
				  const struct vsw_lacp_info *b)
{
	return a->system_prio == b->system_prio &&
	       ether_addr_equal(a->system, b->system) && a->key == b->key;
}

static bool vsw_lacp_aggregatable(const struct vsw_port *port)
{
	return port->team.link && vsw_lacp_has_partner(port) &&
	       (port->team.partner.state & VSW_LACP_STATE_AGGREGATION);
}

/*
 * Selection and mux, under the team lock: the largest group of links with
 * the same partner forms the aggregate (ties: the first in team order).
 */
void vsw_lacp_select(struct vsw_switch *sw)
{
	const struct vsw_lacp_info *best = NULL;
	struct vsw_port *port, *other;
	unsigned int n, best_n = 0;
	u8 state;

	list_for_each_entry_rcu(port, &sw->ports, list) {
		if (port->kind != VSW_PORT_KIND_UPLINK ||
		    !vsw_lacp_aggregatable(port))
			continue;
		n = 0;
		list_for_each_entry_rcu(other, &sw->ports, list)
			if (other->kind == VSW_PORT_KIND_UPLINK &&
			    vsw_lacp_aggregatable(other) &&
			    vsw_lacp_same_partner(&port->team.partner,
						  &other->team.partner))
				n++;
		if (n > best_n) {
			best = &port->team.partner;
			best_n = n;
		}
	}

	list_for_each_entry_rcu(port, &sw->ports, list) {
		if (port->kind != VSW_PORT_KIND_UPLINK)
			continue;
		port->team.lacp_selected = best && vsw_lacp_aggregatable(port) &&
			vsw_lacp_same_partner(best, &port->team.partner);
		state = VSW_LACP_STATE_ACTIVITY | VSW_LACP_STATE_AGGREGATION;
		if (sw->team.lacp_rate == VSW_LACP_RATE_FAST)
			state |= VSW_LACP_STATE_TIMEOUT;
		if (!vsw_lacp_has_partner(port))
			state |= VSW_LACP_STATE_DEFAULTED;
		if (port->team.lacp_selected) {
			state |= VSW_LACP_STATE_SYNC;
			if (port->team.partner.state & VSW_LACP_STATE_SYNC)
				state |= VSW_LACP_STATE_COLLECTING |
					 VSW_LACP_STATE_DISTRIBUTING;
		}
		if (state != port->team.actor_state) {
			port->team.actor_state = state;
			port->team.lacp_next_tx = jiffies;
		}
	}
}

static void vsw_lacp_put_info(struct vsw_lacp_tlv_info *tlv, u8 type,
			      const struct vsw_lacp_info *info)
{
	tlv->type = type;
	tlv->len = sizeof(*tlv);
	tlv->system_prio = htons(info->system_prio);
	ether_addr_copy(tlv->system, info->system);
	tlv->key = htons(info->key);
	tlv->port_prio = htons(info->port_prio);
	tlv->port = htons(info->port);
	tlv->state = info->state;
}

static void vsw_lacp_get_info(struct vsw_lacp_info *info,
			      const struct vsw_lacp_tlv_info *tlv)
{
	memset(info, 0, sizeof(*info));
	info->system_prio = ntohs(tlv->system_prio);
	ether_addr_copy(info->system, tlv->system);
	info->key = ntohs(tlv->key);
	info->port_prio = ntohs(tlv->port_prio);
	info->port = ntohs(tlv->port);
	info->state = tlv->state;
}

static void vsw_lacp_send(struct vsw_switch *sw, struct vsw_port *port)
{
	struct net_device *dev = port->dev;
	unsigned int hlen = LL_RESERVED_SPACE(dev);
	struct vsw_lacp_info actor;
	struct vsw_lacpdu *pdu;
	struct sk_buff *skb;
	struct ethhdr *eth;

	skb = alloc_skb(hlen + ETH_HLEN + sizeof(*pdu) + dev->needed_tailroom,
			GFP_ATOMIC);
	if (!skb)
		return;
	skb_reserve(skb, hlen);
	skb_reset_mac_header(skb);
	eth = skb_put(skb, ETH_HLEN);
	ether_addr_copy(eth->h_dest, vsw_lacp_dest);
	ether_addr_copy(eth->h_source, dev->dev_addr);
	eth->h_proto = htons(ETH_P_SLOW);
	skb_reset_network_header(skb);
	pdu = skb_put_zero(skb, sizeof(*pdu));
	pdu->subtype = VSW_LACP_SUBTYPE;
	pdu->version = VSW_LACP_VERSION;
	vsw_lacp_actor(sw, port, &actor);
	vsw_lacp_put_info(&pdu->actor, VSW_LACP_TLV_ACTOR, &actor);
	vsw_lacp_put_info(&pdu->partner, VSW_LACP_TLV_PARTNER,
			  &port->team.partner);
	pdu->collector_type = VSW_LACP_TLV_COLLECTOR;
	pdu->collector_len = 16;
	skb->protocol = htons(ETH_P_SLOW);
	skb->priority = TC_PRIO_CONTROL;
	skb->dev = dev;
	vsw_team_xmit(port, skb);
}

/*
 * Team timer, under the team lock and RCU: forget partners that timed out.
 * Returns true when one did; selection then runs before anything is sent.
 */
bool vsw_lacp_expire(struct vsw_switch *sw)
{
	struct vsw_port *port;
	bool changed = false;

	list_for_each_entry_rcu(port, &sw->ports, list) {
		if (port->kind == VSW_PORT_KIND_UPLINK &&
		    vsw_lacp_has_partner(port) &&
		    time_after(jiffies, port->team.lacp_expires)) {
			vsw_lacp_port_reset(sw, port);
			changed = true;
		}
	}
	return changed;
}

/* Team timer, under the team lock and RCU, after selection: due LACPDUs. */
void vsw_lacp_send_due(struct vsw_switch *sw)
{
	unsigned long now = jiffies, period;
	struct vsw_port *port;

	list_for_each_entry_rcu(port, &sw->ports, list) {
		if (port->kind != VSW_PORT_KIND_UPLINK || !port->team.link ||
		    time_before(now, port->team.lacp_next_tx))
			continue;
		vsw_lacp_send(sw, port);
		period = vsw_lacp_has_partner(port) &&
			 !(port->team.partner.state & VSW_LACP_STATE_TIMEOUT) ?
			 30 * HZ : HZ;
		port->team.lacp_next_tx = now + period;
	}
}

/* Data path: a Slow Protocols frame on an uplink of a LACP team. */
void vsw_lacp_rx(struct vsw_port *port, struct sk_buff *skb)
{
	struct vsw_switch *sw = port->sw;
	struct vsw_team *team = &sw->team;
	const struct vsw_lacpdu *pdu;
	struct vsw_lacp_info partner, seen, actor;
	bool changed;

	if (!pskb_may_pull(skb, sizeof(*pdu)))
		goto out;
	pdu = (const struct vsw_lacpdu *)skb->data;
	/* Markers (subtype 2) need no answer with coupled control. */
	if (pdu->subtype != VSW_LACP_SUBTYPE ||
	    pdu->actor.type != VSW_LACP_TLV_ACTOR ||
	    pdu->actor.len != sizeof(pdu->actor) ||
	    pdu->partner.type != VSW_LACP_TLV_PARTNER ||
	    pdu->partner.len != sizeof(pdu->partner) ||
	    is_zero_ether_addr(pdu->actor.system))
		goto out;
	vsw_lacp_get_info(&partner, &pdu->actor);
	vsw_lacp_get_info(&seen, &pdu->partner);

	spin_lock(&team->lock);
	if (team->stopping || team->policy != VSW_TEAM_POLICY_LACP ||
	    !port->team.link) {
		spin_unlock(&team->lock);
		goto out;
	}
	changed = memcmp(&partner, &port->team.partner, sizeof(partner));
	port->team.partner = partner;
	port->team.lacp_expires = jiffies +
		(team->lacp_rate == VSW_LACP_RATE_FAST ? 3 * HZ : 90 * HZ);
	if (changed) {
		rcu_read_lock();
		vsw_team_update_locked(sw);
		rcu_read_unlock();
	}
	/* The partner has an old picture of us: tell it now. */
	vsw_lacp_actor(sw, port, &actor);
	if (memcmp(&seen, &actor, sizeof(seen)))
		port->team.lacp_next_tx = jiffies;
	if (time_after_eq(jiffies, port->team.lacp_next_tx))
		mod_timer(&team->timer, jiffies);
	spin_unlock(&team->lock);
out:
	consume_skb(skb);
}
