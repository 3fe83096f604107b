// SPDX-License-Identifier: GPL-2.0
/*
 * NIC teaming core. The uplinks of a switch are its team: the core ranks
 * them (active list, standby list, the rest), decides which are healthy
 * (link state, beacons, LACP) and which carry traffic under the policy, and
 * publishes those as the team's map under RCU for the data path.
 *
 * Locking: the team lock serialises every recomputation, from netlink and
 * netdev events (under RTNL) as well as from the team timer and LACPDUs
 * (softirq). The data path only reads the map and each uplink's state.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/slab.h>
#include <net/pkt_sched.h>

#include "switch.h"
#include "team.h"
#include "fdb.h"
#include "netlink.h"

#define VSW_TEAM_F_CHANGED	0	/* tell the events group */
#define VSW_TEAM_F_ANNOUNCE	1	/* RARP for MACs that moved */
#define VSW_TEAM_F_ANNOUNCE_ALL	2	/* RARP for every local MAC */

const struct vsw_team_policy_ops *const vsw_team_policies[] = {
	[VSW_TEAM_POLICY_PORT_ID] = &vsw_team_port_id_ops,
	[VSW_TEAM_POLICY_IP_HASH] = &vsw_team_ip_hash_ops,
	[VSW_TEAM_POLICY_MAC_HASH] = &vsw_team_mac_hash_ops,
	[VSW_TEAM_POLICY_FAILOVER] = &vsw_team_failover_ops,
	[VSW_TEAM_POLICY_LACP] = &vsw_team_lacp_ops,
};

static bool vsw_team_link_ok(const struct net_device *dev)
{
	return netif_running(dev) && netif_oper_up(dev);
}

void vsw_team_port_init(struct vsw_port *port)
{
	port->team.state = VSW_TEAM_STATE_FAILED;
	port->team.link = vsw_team_link_ok(port->dev);
	port->team.beacon_heard = jiffies;
	port->team.beacon_ok = true;
}

/* Whether an uplink belongs to the class used first (the active list, or
 * every uplink in no list when there is no active list).
 */
static bool vsw_team_first_class(const struct vsw_team *team,
				 const struct vsw_port *port)
{
	if (port->team.role == VSW_TEAM_ROLE_NONE)
		return !team->has_active;
	return port->team.role == VSW_TEAM_ROLE_ACTIVE;
}

/* Team order: the first class before the second; listed uplinks in list
 * order, then the others in the order they were added.
 */
static u32 vsw_team_rank(const struct vsw_team *team,
			 const struct vsw_port *port)
{
	u32 rank = vsw_team_first_class(team, port) ? 0 : BIT(30);

	if (port->team.role == VSW_TEAM_ROLE_NONE)
		return rank | BIT(29) | port->id;
	return rank | port->team.order;
}

static bool vsw_team_healthy(const struct vsw_team *team,
			     const struct vsw_port *port, bool beacons)
{
	if (!port->team.link)
		return false;
	if (beacons && !port->team.beacon_ok)
		return false;
	if (team->policy == VSW_TEAM_POLICY_LACP && vsw_lacp_expired(port))
		return false;
	return true;
}

static void vsw_team_kick(struct vsw_team *team, int bit)
{
	set_bit(bit, &team->flags);
	if (!READ_ONCE(team->stopping))
		schedule_work(&team->event_work);
}

/* Every uplink into @ports in team order; returns how many. Under RCU. */
unsigned int vsw_team_sorted(struct vsw_switch *sw,
				    struct vsw_port **ports, unsigned int max)
{
	const struct vsw_team *team = &sw->team;
	struct vsw_port *port;
	unsigned int n = 0, i;

	list_for_each_entry_rcu(port, &sw->ports, list) {
		if (port->kind != VSW_PORT_KIND_UPLINK || n == max)
			continue;
		for (i = n; i > 0 && vsw_team_rank(team, ports[i - 1]) >
				     vsw_team_rank(team, port); i--)
			ports[i] = ports[i - 1];
		ports[i] = port;
		n++;
	}
	return n;
}

/*
 * Recompute which uplinks carry traffic and publish them. Under the team
 * lock and RCU.
 */
void vsw_team_update_locked(struct vsw_switch *sw)
{
	struct vsw_team *team = &sw->team;
	struct vsw_team_map *old, *map;
	struct vsw_port *pick = NULL, *port;
	bool beacons = false, first_class = false, changed = false;
	unsigned int n, i, used;
	u8 state;

	lockdep_assert_held(&team->lock);
	old = rcu_dereference_protected(team->map,
					lockdep_is_held(&team->lock));
	map = kmalloc(struct_size(map, ports, team->n_uplinks), GFP_ATOMIC);
	if (!map) {
		net_warn_ratelimited("vsw: %s: no memory to update the team\n",
				     sw->dev->name);
		return;
	}
	n = vsw_team_sorted(sw, map->ports, team->n_uplinks);

	team->detect_used = team->detect == VSW_TEAM_DETECT_BEACON &&
			    n >= 3 ? VSW_TEAM_DETECT_BEACON : VSW_TEAM_DETECT_LINK;
	/* Beacons only say which uplink failed while some uplink still
	 * hears them; when none does, they say nothing.
	 */
	if (team->detect_used == VSW_TEAM_DETECT_BEACON)
		for (i = 0; i < n; i++)
			if (map->ports[i]->team.link &&
			    map->ports[i]->team.beacon_ok)
				beacons = true;
	if (team->policy == VSW_TEAM_POLICY_LACP)
		vsw_lacp_select(sw);

	for (i = 0; i < n; i++)
		if (vsw_team_healthy(team, map->ports[i], beacons) &&
		    vsw_team_first_class(team, map->ports[i]))
			first_class = true;

	if (team->policy == VSW_TEAM_POLICY_FAILOVER) {
		for (i = 0; i < n && !team->failback; i++)
			if (map->ports[i] == team->current_uplink &&
			    vsw_team_healthy(team, map->ports[i], beacons))
				pick = map->ports[i];
		for (i = 0; i < n && !pick; i++)
			if (vsw_team_healthy(team, map->ports[i], beacons))
				pick = map->ports[i];
		team->current_uplink = pick;
	}

	for (i = 0, used = 0; i < n; i++) {
		bool healthy, use;

		port = map->ports[i];
		healthy = vsw_team_healthy(team, port, beacons);
		switch (team->policy) {
		case VSW_TEAM_POLICY_FAILOVER:
			use = port == pick;
			break;
		case VSW_TEAM_POLICY_LACP:
			use = healthy && vsw_lacp_usable(port);
			break;
		default:
			use = healthy &&
			      vsw_team_first_class(team, port) == first_class;
			break;
		}
		state = use ? VSW_TEAM_STATE_ACTIVE : healthy ?
			VSW_TEAM_STATE_STANDBY : VSW_TEAM_STATE_FAILED;
		if (port->team.state != state) {
			WRITE_ONCE(port->team.state, state);
			changed = true;
		}
		if (use)
			map->ports[used++] = port;
	}
	map->n = used;

	if (old && old->n == map->n &&
	    !memcmp(old->ports, map->ports, map->n * sizeof(map->ports[0]))) {
		kfree(map);
	} else {
		rcu_assign_pointer(team->map, map);
		if (old)
			kfree_rcu(old, rcu);
		vsw_team_kick(team, VSW_TEAM_F_ANNOUNCE);
		changed = true;
	}
	if (changed)
		vsw_team_kick(team, VSW_TEAM_F_CHANGED);
}

void vsw_team_update(struct vsw_switch *sw)
{
	spin_lock_bh(&sw->team.lock);
	rcu_read_lock();
	vsw_team_update_locked(sw);
	rcu_read_unlock();
	spin_unlock_bh(&sw->team.lock);
}

static bool vsw_team_needs_timer(const struct vsw_team *team)
{
	return team->n_uplinks && (team->policy == VSW_TEAM_POLICY_LACP ||
				   team->detect == VSW_TEAM_DETECT_BEACON);
}

/* Under the team lock. */
static void vsw_team_timer_start(struct vsw_team *team)
{
	if (vsw_team_needs_timer(team) && !team->stopping &&
	    !timer_pending(&team->timer))
		mod_timer(&team->timer, jiffies + 1);
}

/* Once a second: beacons out and in, LACPDUs out, LACP partners timing out. */
static void vsw_team_timer(struct timer_list *t)
{
	struct vsw_team *team = from_timer(team, t, timer);
	struct vsw_switch *sw = container_of(team, struct vsw_switch, team);
	bool changed = false;

	spin_lock(&team->lock);
	if (team->stopping || !vsw_team_needs_timer(team)) {
		spin_unlock(&team->lock);
		return;
	}
	rcu_read_lock();
	if (team->detect == VSW_TEAM_DETECT_BEACON) {
		vsw_beacon_send_all(sw);
		changed |= vsw_beacon_update(sw);
	}
	if (team->policy == VSW_TEAM_POLICY_LACP)
		changed |= vsw_lacp_expire(sw);
	if (changed)
		vsw_team_update_locked(sw);
	/* After selection, so each LACPDU carries the state it gave. */
	if (team->policy == VSW_TEAM_POLICY_LACP)
		vsw_lacp_send_due(sw);
	rcu_read_unlock();
	mod_timer(&team->timer, jiffies + HZ);
	spin_unlock(&team->lock);
}

/* A RARP from @addr, as QEMU and ESX announce a moved VM. */
static struct sk_buff *vsw_team_rarp(struct net_device *dev, const u8 *addr,
				     u16 vlan)
{
	unsigned int hlen = LL_RESERVED_SPACE(dev);
	struct arphdr *arp;
	struct sk_buff *skb;
	struct ethhdr *eth;
	u8 *p;

	skb = alloc_skb(hlen + ETH_ZLEN + dev->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, hlen);
	skb_reset_mac_header(skb);
	eth = skb_put(skb, ETH_HLEN);
	eth_broadcast_addr(eth->h_dest);
	ether_addr_copy(eth->h_source, addr);
	eth->h_proto = htons(ETH_P_RARP);
	skb_reset_network_header(skb);
	arp = skb_put(skb, sizeof(*arp));
	arp->ar_hrd = htons(ARPHRD_ETHER);
	arp->ar_pro = htons(ETH_P_IP);
	arp->ar_hln = ETH_ALEN;
	arp->ar_pln = 4;
	arp->ar_op = htons(ARPOP_RREQUEST);
	p = skb_put_zero(skb, 2 * (ETH_ALEN + 4));
	ether_addr_copy(p, addr);			/* sender */
	ether_addr_copy(p + ETH_ALEN + 4, addr);	/* target */
	if (skb->len < ETH_ZLEN)
		skb_put_zero(skb, ETH_ZLEN - skb->len);
	skb->protocol = htons(ETH_P_RARP);
	skb->priority = TC_PRIO_CONTROL;
	skb->dev = dev;
	if (vlan)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), vlan);
	return skb;
}

/* Send a frame the team made itself out of an uplink. BHs off. */
void vsw_team_xmit(struct vsw_port *uplink, struct sk_buff *skb)
{
	vsw_port_count_tx(uplink, skb->len);
	dev_queue_xmit(skb);
}

/*
 * notify-switches: each local MAC whose uplink changed (or that is new) is
 * announced on its uplink now, so the physical switches move it at once.
 * With notify-switches off the uplink is still recorded: the MAC's own
 * frames tell the physical switches, and a later move back is a move.
 * Turning it on announces every local MAC once (@all): what moved while it
 * was off is not known.
 */
static void vsw_team_announce(struct vsw_switch *sw, bool all)
{
	const struct vsw_team_policy_ops *ops;
	const struct vsw_team_map *map;
	struct rhashtable_iter iter;
	struct vsw_fdb_entry *f;
	struct sk_buff *skb;
	bool notify;

	vsw_fdb_walk_start(sw, &iter);
	ops = vsw_team_policies[READ_ONCE(sw->team.policy)];
	map = rcu_dereference(sw->team.map);
	notify = READ_ONCE(sw->team.notify);
	if (!ops->announce || !map || !map->n)
		goto out;
	vsw_fdb_for_each(f, &iter) {
		struct vsw_port *port = READ_ONCE(f->port), *up;

		/* Only what lives on this host is announced. */
		if (vsw_port_faces_network(port))
			continue;
		up = ops->announce(map, port, f->key.addr);
		if (!all && READ_ONCE(f->announced) == up->dev->ifindex)
			continue;
		WRITE_ONCE(f->announced, up->dev->ifindex);
		if (!notify || !vsw_team_link_ok(up->dev))
			continue;
		skb = vsw_team_rarp(up->dev, f->key.addr, f->key.vlan);
		if (!skb)
			continue;
		local_bh_disable();
		vsw_team_xmit(up, skb);
		local_bh_enable();
	}
out:
	vsw_fdb_walk_stop(&iter);
}

static void vsw_team_event_work(struct work_struct *work)
{
	struct vsw_team *team = container_of(work, struct vsw_team, event_work);
	struct vsw_switch *sw = container_of(team, struct vsw_switch, team);

	if (test_and_clear_bit(VSW_TEAM_F_CHANGED, &team->flags))
		vsw_nl_notify_team(sw);
	if (test_and_clear_bit(VSW_TEAM_F_ANNOUNCE_ALL, &team->flags)) {
		clear_bit(VSW_TEAM_F_ANNOUNCE, &team->flags);
		vsw_team_announce(sw, true);
	}
	if (test_and_clear_bit(VSW_TEAM_F_ANNOUNCE, &team->flags))
		vsw_team_announce(sw, false);
}

/* Data path: a MAC was learned on a port that is not an uplink. */
void vsw_team_new_local_mac(struct vsw_switch *sw)
{
	struct vsw_team *team = &sw->team;

	if (READ_ONCE(team->notify) && READ_ONCE(team->n_uplinks) &&
	    vsw_team_policies[READ_ONCE(team->policy)]->announce)
		vsw_team_kick(team, VSW_TEAM_F_ANNOUNCE);
}

/* Data path: the uplink for a frame that @from (not an uplink) sends, or
 * NULL when no uplink can carry it.
 */
struct vsw_port *vsw_team_tx_port(struct vsw_switch *sw,
				  const struct vsw_port *from,
				  struct sk_buff *skb)
{
	const struct vsw_team_map *map = rcu_dereference(sw->team.map);

	if (!map || !map->n)
		return NULL;
	if (map->n == 1)
		return map->ports[0];
	return vsw_team_policies[READ_ONCE(sw->team.policy)]->select(map, from,
								     skb);
}

/* Data path: whether floods arriving on the uplink @from go to the ports. */
bool vsw_team_flood_receiver(struct vsw_switch *sw, const struct vsw_port *from)
{
	const struct vsw_team_map *map = rcu_dereference(sw->team.map);

	if (!map || map->n < 2 ||
	    !vsw_team_policies[READ_ONCE(sw->team.policy)]->one_flood_receiver)
		return true;
	return map->ports[0] == from;
}

/* Data path: LACPDUs and beacons on an uplink. Returns true if consumed. */
bool vsw_team_rx_control(struct vsw_port *port, struct sk_buff *skb)
{
	if (skb->protocol == htons(ETH_P_SLOW)) {
		if (READ_ONCE(port->sw->team.policy) != VSW_TEAM_POLICY_LACP)
			return false;
		vsw_lacp_rx(port, skb);
		return true;
	}
	if (skb->protocol == htons(VSW_BEACON_ETHERTYPE))
		return vsw_beacon_rx(port, skb);
	return false;
}

/* Under RTNL, after the uplink joined the port list. */
void vsw_team_uplink_added(struct vsw_switch *sw, struct vsw_port *port)
{
	struct vsw_team *team = &sw->team;

	spin_lock_bh(&team->lock);
	rcu_read_lock();
	team->n_uplinks++;
	vsw_lacp_port_reset(sw, port);
	vsw_team_update_locked(sw);
	vsw_team_timer_start(team);
	rcu_read_unlock();
	spin_unlock_bh(&team->lock);
}

/* Recount the lists after a change. Under the team lock and RCU. */
static void vsw_team_lists_changed(struct vsw_switch *sw)
{
	struct vsw_team *team = &sw->team;
	struct vsw_port *port;

	team->has_active = false;
	list_for_each_entry_rcu(port, &sw->ports, list)
		if (port->kind == VSW_PORT_KIND_UPLINK &&
		    port->team.role == VSW_TEAM_ROLE_ACTIVE)
			team->has_active = true;
}

/* Under RTNL, after the uplink left the port list. */
void vsw_team_uplink_removed(struct vsw_switch *sw, struct vsw_port *port)
{
	struct vsw_team *team = &sw->team;

	spin_lock_bh(&team->lock);
	rcu_read_lock();
	team->n_uplinks--;
	port->team.role = VSW_TEAM_ROLE_NONE;
	if (team->current_uplink == port)
		team->current_uplink = NULL;
	vsw_team_lists_changed(sw);
	vsw_team_update_locked(sw);
	rcu_read_unlock();
	spin_unlock_bh(&team->lock);
}

/* Under RTNL: an uplink's carrier or operstate may have changed. */
void vsw_team_link_changed(struct vsw_port *port)
{
	struct vsw_team *team = &port->sw->team;
	bool link = vsw_team_link_ok(port->dev);

	spin_lock_bh(&team->lock);
	if (link != port->team.link) {
		rcu_read_lock();
		port->team.link = link;
		if (!link)
			vsw_lacp_port_reset(port->sw, port);
		vsw_team_update_locked(port->sw);
		rcu_read_unlock();
	}
	spin_unlock_bh(&team->lock);
}

static bool vsw_team_listed(struct vsw_port *const *ports, unsigned int n,
			    const struct vsw_port *port)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (ports[i] == port)
			return true;
	return false;
}

static void vsw_team_set_list(struct vsw_switch *sw, u8 role,
			      struct vsw_port *const *ports, unsigned int n)
{
	struct vsw_port *port;
	unsigned int i;

	list_for_each_entry_rcu(port, &sw->ports, list)
		if (port->kind == VSW_PORT_KIND_UPLINK &&
		    port->team.role == role)
			port->team.role = VSW_TEAM_ROLE_NONE;
	for (i = 0; i < n; i++) {
		ports[i]->team.role = role;
		ports[i]->team.order = i;
	}
}

/*
 * Under RTNL. The lists name uplinks of @sw without duplicates (checked by
 * the caller); an uplink moves out of the standby list when it is named in
 * a new active list, but a new standby list may not name an active uplink.
 */
int vsw_team_configure(struct vsw_switch *sw,
		       const struct vsw_team_config *cfg,
		       struct netlink_ext_ack *extack)
{
	struct vsw_team *team = &sw->team;
	struct vsw_port *port;
	unsigned int i;

	for (i = 0; cfg->set_standby && i < cfg->n_standby; i++) {
		port = cfg->standby[i];
		if (cfg->set_active ?
		    vsw_team_listed(cfg->active, cfg->n_active, port) :
		    port->team.role == VSW_TEAM_ROLE_ACTIVE) {
			NL_SET_ERR_MSG_MOD(extack,
					   "The standby list names an uplink of the active list");
			return -EINVAL;
		}
	}

	spin_lock_bh(&team->lock);
	rcu_read_lock();
	if (cfg->set_active)
		vsw_team_set_list(sw, VSW_TEAM_ROLE_ACTIVE, cfg->active,
				  cfg->n_active);
	if (cfg->set_standby)
		vsw_team_set_list(sw, VSW_TEAM_ROLE_STANDBY, cfg->standby,
				  cfg->n_standby);
	vsw_team_lists_changed(sw);

	if (cfg->policy >= 0 && cfg->policy != team->policy) {
		bool lacp = cfg->policy == VSW_TEAM_POLICY_LACP ||
			    team->policy == VSW_TEAM_POLICY_LACP;

		team->policy = cfg->policy;
		team->current_uplink = NULL;
		list_for_each_entry_rcu(port, &sw->ports, list)
			if (lacp && port->kind == VSW_PORT_KIND_UPLINK)
				vsw_lacp_port_reset(sw, port);
	}
	if (cfg->detect >= 0 && cfg->detect != team->detect) {
		team->detect = cfg->detect;
		/* A fresh start: every uplink gets 3 intervals to be heard. */
		list_for_each_entry_rcu(port, &sw->ports, list) {
			port->team.beacon_heard = jiffies;
			port->team.beacon_ok = true;
		}
	}
	if (cfg->failback >= 0)
		team->failback = cfg->failback;
	if (cfg->notify >= 0) {
		if (cfg->notify && !team->notify)
			vsw_team_kick(team, VSW_TEAM_F_ANNOUNCE_ALL);
		WRITE_ONCE(team->notify, cfg->notify);
	}
	if (cfg->lacp_rate >= 0)
		team->lacp_rate = cfg->lacp_rate;

	vsw_team_update_locked(sw);
	vsw_team_kick(team, VSW_TEAM_F_CHANGED);
	/* A new policy moves MACs over the same map. */
	if (cfg->policy >= 0)
		vsw_team_kick(team, VSW_TEAM_F_ANNOUNCE);
	vsw_team_timer_start(team);
	rcu_read_unlock();
	spin_unlock_bh(&team->lock);
	return 0;
}

int vsw_team_init(struct vsw_switch *sw)
{
	struct vsw_team *team = &sw->team;

	spin_lock_init(&team->lock);
	team->policy = VSW_TEAM_POLICY_PORT_ID;
	team->detect = VSW_TEAM_DETECT_LINK;
	team->detect_used = VSW_TEAM_DETECT_LINK;
	team->lacp_rate = VSW_LACP_RATE_FAST;
	team->failback = true;
	team->notify = true;
	timer_setup(&team->timer, vsw_team_timer, 0);
	INIT_WORK(&team->event_work, vsw_team_event_work);
	return 0;
}

/* Once every port is gone and no frame can reach the switch. */
void vsw_team_destroy(struct vsw_switch *sw)
{
	struct vsw_team *team = &sw->team;
	struct vsw_team_map *map;

	spin_lock_bh(&team->lock);
	WRITE_ONCE(team->stopping, true);
	spin_unlock_bh(&team->lock);
	del_timer_sync(&team->timer);
	cancel_work_sync(&team->event_work);
	map = rcu_dereference_protected(team->map, true);
	RCU_INIT_POINTER(team->map, NULL);
	if (map)
		kfree_rcu(map, rcu);
}
