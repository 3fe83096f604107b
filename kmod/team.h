/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NIC teaming: the uplinks of a switch work as one team. The core (team.c)
 * decides which uplinks are usable and publishes them under RCU as the
 * team's map; a policy (one file and ops table each: team_port_id.c,
 * team_mac_hash.c, team_ip_hash.c, team_failover.c, team_lacp.c) picks
 * one uplink of the map per frame. Failure detection is link state (netdev
 * events), beacon probing (team_beacon.c) or LACP (team_lacp.c).
 */
#ifndef _VSW_TEAM_H
#define _VSW_TEAM_H

#include <linux/jhash.h>
#include <linux/netdevice.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <linux/vsw.h>

struct vsw_switch;
struct vsw_port;

/* The uplinks that carry traffic now, in team order. */
struct vsw_team_map {
	unsigned int n;
	struct rcu_head rcu;
	struct vsw_port *ports[];
};

struct vsw_team_policy_ops {
	/* Pick the uplink for a frame that @from sent (data at the network
	 * header). @map has at least one uplink.
	 */
	struct vsw_port *(*select)(const struct vsw_team_map *map,
				   const struct vsw_port *from,
				   struct sk_buff *skb);
	/* A MAC's uplink follows its port or address, so moving it must be
	 * announced to the physical switches; what to announce it on.
	 * NULL: the physical side is one aggregate (ip-hash, LACP).
	 */
	struct vsw_port *(*announce)(const struct vsw_team_map *map,
				     const struct vsw_port *port,
				     const u8 *addr);
	/* Every uplink of the map gets the physical network's floods; take
	 * them from the first only, so ports see each frame once.
	 */
	bool one_flood_receiver;
};

extern const struct vsw_team_policy_ops *const vsw_team_policies[];
extern const struct vsw_team_policy_ops vsw_team_port_id_ops;
extern const struct vsw_team_policy_ops vsw_team_mac_hash_ops;
extern const struct vsw_team_policy_ops vsw_team_ip_hash_ops;
extern const struct vsw_team_policy_ops vsw_team_failover_ops;
extern const struct vsw_team_policy_ops vsw_team_lacp_ops;

/* For the policies: one uplink of @map by a hash. */
static inline struct vsw_port *vsw_team_pick(const struct vsw_team_map *map,
					     u32 hash)
{
	return map->ports[reciprocal_scale(hash, map->n)];
}

static inline u32 vsw_team_mac_hash(const u8 *addr)
{
	return jhash(addr, ETH_ALEN, 0);
}

struct vsw_port *vsw_team_ip_select(const struct vsw_team_map *map,
				    const struct vsw_port *from,
				    struct sk_buff *skb);

/* One partner's (or our own) view of a link, as in a LACPDU. */
struct vsw_lacp_info {
	u16 system_prio;
	u8 system[ETH_ALEN];
	u16 key;
	u16 port_prio;
	u16 port;
	u8 state;
};

/* Per uplink. */
struct vsw_team_port {
	u8 role;		/* VSW_TEAM_ROLE_* from the active/standby lists */
	u16 order;		/* position in that list */
	u8 state;		/* enum vsw_team_state; READ_ONCE on the data path */
	bool link;		/* carrier up and running */
	bool beacon_ok;		/* heard another uplink's beacon lately */
	unsigned long beacon_heard;	/* jiffies */
	/* LACP, under the team lock. */
	struct vsw_lacp_info partner;
	u8 actor_state;
	bool lacp_selected;
	unsigned long lacp_expires;	/* no LACPDU by then: partner gone */
	unsigned long lacp_next_tx;
};

#define VSW_TEAM_ROLE_NONE	0
#define VSW_TEAM_ROLE_ACTIVE	1
#define VSW_TEAM_ROLE_STANDBY	2

struct vsw_team {
	spinlock_t lock;		/* state changes; config also holds RTNL */
	u8 policy;			/* enum vsw_team_policy */
	u8 detect;			/* enum vsw_team_detect */
	u8 detect_used;			/* beacon needs >= 3 uplinks */
	u8 lacp_rate;			/* enum vsw_lacp_rate */
	bool failback;
	bool notify;			/* READ_ONCE on the data path */
	bool has_active;		/* an active list is set */
	bool stopping;
	unsigned int n_uplinks;
	struct vsw_port *current_uplink;	/* failover without failback */
	struct vsw_team_map __rcu *map;
	struct timer_list timer;	/* beacons and LACP, once a second */
	struct work_struct event_work;	/* netlink event and announcements */
	unsigned long flags;		/* VSW_TEAM_F_*, for event_work */
	u32 beacon_seq;
};

/* IEEE 802 local experimental Ethertype 1: our beacons. */
#define VSW_BEACON_ETHERTYPE	0x88b5

/* LACPDUs and beacons: handled by the team, never switched. */
static inline bool vsw_team_control_frame(const struct sk_buff *skb)
{
	return skb->protocol == htons(ETH_P_SLOW) ||
	       skb->protocol == htons(VSW_BEACON_ETHERTYPE);
}

/* team.c */
int vsw_team_init(struct vsw_switch *sw);
void vsw_team_destroy(struct vsw_switch *sw);
void vsw_team_port_init(struct vsw_port *port);
void vsw_team_uplink_added(struct vsw_switch *sw, struct vsw_port *port);
void vsw_team_uplink_removed(struct vsw_switch *sw, struct vsw_port *port);
void vsw_team_link_changed(struct vsw_port *port);
void vsw_team_update(struct vsw_switch *sw);
void vsw_team_update_locked(struct vsw_switch *sw);
void vsw_team_new_local_mac(struct vsw_switch *sw);
unsigned int vsw_team_sorted(struct vsw_switch *sw, struct vsw_port **ports,
			     unsigned int max);
struct vsw_port *vsw_team_tx_port(struct vsw_switch *sw,
				  const struct vsw_port *from,
				  struct sk_buff *skb);
bool vsw_team_flood_receiver(struct vsw_switch *sw, const struct vsw_port *from);
bool vsw_team_rx_control(struct vsw_port *port, struct sk_buff *skb);
void vsw_team_xmit(struct vsw_port *uplink, struct sk_buff *skb);

struct vsw_team_config {
	int policy, detect, failback, notify, lacp_rate;	/* -1: keep */
	bool set_active, set_standby;
	unsigned int n_active, n_standby;
	struct vsw_port **active, **standby;
};
int vsw_team_configure(struct vsw_switch *sw,
		       const struct vsw_team_config *cfg,
		       struct netlink_ext_ack *extack);

/* team_beacon.c */
void vsw_beacon_send_all(struct vsw_switch *sw);
bool vsw_beacon_rx(struct vsw_port *port, struct sk_buff *skb);
bool vsw_beacon_update(struct vsw_switch *sw);

/* team_lacp.c */
void vsw_lacp_port_reset(struct vsw_switch *sw, struct vsw_port *port);
void vsw_lacp_rx(struct vsw_port *port, struct sk_buff *skb);
bool vsw_lacp_expire(struct vsw_switch *sw);
void vsw_lacp_send_due(struct vsw_switch *sw);
void vsw_lacp_select(struct vsw_switch *sw);
bool vsw_lacp_usable(const struct vsw_port *port);
bool vsw_lacp_expired(const struct vsw_port *port);
void vsw_lacp_system(const struct vsw_switch *sw, u8 *system);
u16 vsw_lacp_key(const struct vsw_switch *sw);

#endif /* _VSW_TEAM_H */
