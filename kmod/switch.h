/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Core objects of vsw: the switch (a net device of kind "vsw"), its ports and
 * port groups.
 *
 * Locking: configuration changes hold RTNL. The data path reads the port list
 * and the FDB under RCU and takes no lock except to create an FDB entry.
 */
#ifndef _VSW_SWITCH_H
#define _VSW_SWITCH_H

#include <linux/netdevice.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <linux/rhashtable-types.h>
#include <linux/if_vlan.h>
#include <linux/vsw.h>

#include "team.h"

struct vsw_switch;
union vsw_ip;

/* Per-CPU counters of one port, from the switch's point of view. */
struct vsw_port_stats {
	u64_stats_t rx_packets;		/* entered the switch by this port */
	u64_stats_t rx_bytes;
	u64_stats_t tx_packets;		/* left the switch by this port */
	u64_stats_t tx_bytes;
	u64_stats_t drops[__VSW_DROP_MAX];
	u64_stats_t fdb_moves;		/* MACs that moved here */
	u64_stats_t fdb_flaps;		/* ... within a second of their last move */
	struct u64_stats_sync syncp;
};

struct vsw_port_totals {
	u64 rx_packets, rx_bytes, tx_packets, tx_bytes;
	u64 drops[__VSW_DROP_MAX];
	u64 fdb_moves, fdb_flaps;
};

/* Security policy bits of a port group; set = accept. */
#define VSW_SEC_PROMISC		BIT(0)
#define VSW_SEC_MAC_CHANGE	BIT(1)
#define VSW_SEC_FORGED		BIT(2)

/* A port group's traffic shaping, replaced as a whole under RCU. */
struct vsw_shaping {
	u32 avg_kbit, peak_kbit, burst_kb;
	u64 avg_bps, peak_bps;		/* bytes per second */
	s64 avg_depth, peak_depth;	/* bucket sizes, in byte-nanoseconds */
	struct rcu_head rcu;
};

/* Per-port token buckets for the port group's shaping. */
struct vsw_shaper {
	spinlock_t lock;
	s64 tokens;			/* byte-nanoseconds; below 0 is debt */
	s64 peak_tokens;
	u64 last;			/* ktime_get_ns() of the last refill */
};

enum vsw_vlan_mode {
	VSW_VLAN_MODE_NONE,		/* VLAN 0: untagged frames only */
	VSW_VLAN_MODE_ACCESS,		/* one VLAN, untagged at the port */
	VSW_VLAN_MODE_TRUNK_ALL,	/* VLAN 4095: the guest tags */
	VSW_VLAN_MODE_TRUNK_LIST,	/* listed VLANs tagged, native untagged */
};

/* A port group's VLAN settings, replaced as a whole under RCU. */
struct vsw_vlan_cfg {
	enum vsw_vlan_mode mode;
	u16 vid;			/* access VLAN */
	u16 native;			/* trunk list: untagged VLAN, 0 = none */
	struct rcu_head rcu;
	DECLARE_BITMAP(trunk, VLAN_N_VID);
};

/* The VLANs some port group of the switch carries. */
struct vsw_vlan_usage {
	bool all;			/* a trunk-all port group exists */
	struct rcu_head rcu;
	DECLARE_BITMAP(vids, VLAN_N_VID);
};

struct vsw_portgroup {
	struct list_head list;		/* in vsw_switch.portgroups */
	char name[VSW_PORTGROUP_NAMSIZ];
	struct vsw_vlan_cfg __rcu *vlan;
	struct vsw_shaping __rcu *shaping;	/* NULL: not shaped */
	u8 security;				/* VSW_SEC_*, READ_ONCE */
	unsigned int n_ports;
	struct rcu_head rcu;
};

struct vsw_port {
	struct list_head list;		/* in vsw_switch.ports, RCU */
	struct vsw_switch *sw;
	struct net_device *dev;
	struct vsw_portgroup *pg;	/* READ_ONCE on the data path */
	struct vsw_port_stats __percpu *stats;
	enum vsw_port_kind kind;
	u32 id;
	/* The MAC the port's VM may use, as ether_addr_to_u64(); 0 until
	 * the admin sets one or the first source address sticks.
	 */
	u64 mac;
	bool mac_admin;
	u32 fdb_max;			/* learned entries; 0 = no limit */
	u32 fdb_learned;		/* under fdb.lock */
	struct vsw_shaper shaper;
	struct vsw_team_port team;	/* uplinks only */
	struct rcu_head rcu;
};

struct vsw_fdb {
	struct rhashtable table;
	spinlock_t lock;		/* serialises changes */
	unsigned int learned;		/* non-static entries, under lock */
	struct delayed_work gc_work;
};

struct vsw_switch {
	struct net_device *dev;
	struct vsw_port *host;		/* the switch device's own port */
	struct list_head ports;		/* RTNL writes, RCU reads */
	unsigned int n_ports;		/* host port excluded */
	u32 next_port_id;
	struct list_head portgroups;
	struct vsw_portgroup *default_pg;
	struct vsw_vlan_usage __rcu *vlan_usage;

	struct vsw_fdb fdb;
	unsigned int fdb_max;		/* learned entries; 0 = no limit */
	unsigned int ageing;		/* seconds */
	unsigned long ageing_jiffies;

	unsigned int n_promisc;		/* ports in promiscuous groups */
	bool mtu_set_by_user;

	struct vsw_team team;		/* the uplinks */
	struct list_head vxlans;	/* VNIs: RTNL writes, RCU reads */
};

/* switch.c */
extern struct rtnl_link_ops vsw_link_ops;
bool netif_is_vsw(const struct net_device *dev);
struct vsw_switch *vsw_switch_create(struct net *net, const char *name,
				     u32 ageing, u32 fdb_max,
				     struct netlink_ext_ack *extack);
void vsw_switch_delete(struct vsw_switch *sw);
void vsw_switch_set_ageing(struct vsw_switch *sw, u32 ageing);
void vsw_switch_update_mtu(struct vsw_switch *sw);
int vsw_netdev_notifier_init(void);
void vsw_netdev_notifier_exit(void);

/* port.c */
/* Uplinks and VNIs face the network: frames never pass between two of
 * them, so the switch needs no loop prevention.
 */
static inline bool vsw_port_faces_network(const struct vsw_port *port)
{
	return port->kind == VSW_PORT_KIND_UPLINK ||
	       port->kind == VSW_PORT_KIND_VXLAN;
}

/* For messages: a VNI's port has no device. */
static inline const char *vsw_port_name(const struct vsw_port *port)
{
	return port->dev ? port->dev->name : "vxlan";
}

struct vsw_port *vsw_port_alloc(struct vsw_switch *sw, struct net_device *dev,
				enum vsw_port_kind kind);
void vsw_port_free(struct vsw_port *port);
int vsw_port_add(struct vsw_switch *sw, struct net_device *dev,
		 enum vsw_port_kind kind, struct vsw_portgroup *pg,
		 struct netlink_ext_ack *extack);
int vsw_port_set_portgroup(struct vsw_port *port, struct vsw_portgroup *pg,
			   struct netlink_ext_ack *extack);
void vsw_port_del(struct vsw_port *port);
void vsw_port_set_mac(struct vsw_port *port, const u8 *addr);
struct vsw_port *vsw_port_from_dev_rtnl(const struct net_device *dev);
struct vsw_port *vsw_port_of_dev_rtnl(const struct net_device *dev);
void vsw_stats_read(const struct vsw_port_stats __percpu *stats,
		    struct vsw_port_totals *t);
static inline void vsw_port_read_stats(const struct vsw_port *port,
				       struct vsw_port_totals *t)
{
	vsw_stats_read(port->stats, t);
}
int vsw_port_netdev_event(struct vsw_port *port, unsigned long event);

static inline void vsw_port_count_rx(struct vsw_port *port, unsigned int len)
{
	struct vsw_port_stats *s = this_cpu_ptr(port->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->rx_packets);
	u64_stats_add(&s->rx_bytes, len);
	u64_stats_update_end(&s->syncp);
}

static inline void vsw_port_count_tx(struct vsw_port *port, unsigned int len)
{
	struct vsw_port_stats *s = this_cpu_ptr(port->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->tx_packets);
	u64_stats_add(&s->tx_bytes, len);
	u64_stats_update_end(&s->syncp);
}

static inline void vsw_port_count_move(struct vsw_port *port, bool flap)
{
	struct vsw_port_stats *s = this_cpu_ptr(port->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->fdb_moves);
	if (flap)
		u64_stats_inc(&s->fdb_flaps);
	u64_stats_update_end(&s->syncp);
}

static inline void vsw_port_count_drop(struct vsw_port *port,
				       enum vsw_drop_reason reason)
{
	struct vsw_port_stats *s = this_cpu_ptr(port->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->drops[reason]);
	u64_stats_update_end(&s->syncp);
}

/* portgroup.c */
int vsw_portgroups_init(struct vsw_switch *sw);
void vsw_portgroups_destroy(struct vsw_switch *sw);
struct vsw_portgroup *vsw_portgroup_find(struct vsw_switch *sw,
					 const char *name);
struct vsw_portgroup *vsw_portgroup_create(struct vsw_switch *sw,
					   const char *name,
					   struct vsw_vlan_cfg *cfg,
					   struct netlink_ext_ack *extack);
int vsw_portgroup_set_vlan(struct vsw_switch *sw, struct vsw_portgroup *pg,
			   struct vsw_vlan_cfg *cfg,
			   struct netlink_ext_ack *extack);
void vsw_portgroup_update_local(struct vsw_switch *sw);
void vsw_portgroup_apply_policy(struct vsw_switch *sw,
				struct vsw_portgroup *pg, u8 security,
				bool set_shaping, struct vsw_shaping *shaping);
int vsw_portgroup_may_delete(struct vsw_switch *sw, struct vsw_portgroup *pg,
			     struct netlink_ext_ack *extack);
int vsw_portgroup_delete(struct vsw_switch *sw, struct vsw_portgroup *pg,
			 struct netlink_ext_ack *extack);

static inline struct vsw_vlan_cfg *
vsw_portgroup_vlan_rtnl(const struct vsw_portgroup *pg)
{
	return rtnl_dereference(pg->vlan);
}

/* security.c */
static inline bool vsw_port_policed(const struct vsw_port *port)
{
	return port->kind == VSW_PORT_KIND_PORT;
}

enum vsw_drop_reason vsw_security_ingress(struct vsw_port *port,
					  const u8 *src, bool *learn);
bool vsw_security_accepts(const struct vsw_port *port, const u8 *dest);
bool vsw_security_promisc(const struct vsw_port *port);
void vsw_security_update(struct vsw_switch *sw);

/* shaper.c */
struct vsw_shaping *vsw_shaping_alloc(u32 avg_kbit, u32 peak_kbit,
				      u32 burst_kb);
void vsw_shaper_init(struct vsw_shaper *shaper);
bool vsw_shaper_admit(struct vsw_port *port, unsigned int len);

/* vlan.c */
bool vsw_vlan_ingress(const struct vsw_port *port, struct sk_buff *skb,
		      u16 *vlan);
bool vsw_vlan_member(const struct vsw_port *port, u16 vlan);
void vsw_vlan_egress(const struct vsw_port *port, struct sk_buff *skb,
		     u16 vlan);
u16 vsw_vlan_untagged(const struct vsw_vlan_cfg *cfg);
struct vsw_vlan_cfg *vsw_vlan_cfg_alloc(void);
int vsw_vlan_usage_update(struct vsw_switch *sw);
void vsw_vlan_usage_free(struct vsw_switch *sw);
int vsw_vlan_uplink_add(struct vsw_switch *sw, struct net_device *dev);
void vsw_vlan_uplink_del(struct vsw_switch *sw, struct net_device *dev);

/* forward.c */
rx_handler_result_t vsw_handle_frame(struct sk_buff **pskb);
struct sk_buff *vsw_forward(struct vsw_port *from, struct sk_buff *skb,
			    const union vsw_ip *remote);
netdev_tx_t vsw_host_xmit(struct sk_buff *skb, struct net_device *dev);

#endif /* _VSW_SWITCH_H */
