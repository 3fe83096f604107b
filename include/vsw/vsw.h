/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libvsw: configure vsw virtual switches over Generic Netlink.
 *
 * Every call returns 0 or a negative errno. After a failure,
 * vsw_errmsg() gives the kernel's extack message (or libvsw's own text
 * for errors found before sending), or NULL when there is none.
 *
 * Objects handed to callbacks, and every pointer inside them, live only
 * until the callback returns. A callback returns 0 to go on; any other
 * value stops the walk and becomes the return value of the call (the
 * rest of the reply is still read, so the handle stays usable).
 *
 * Switch and port devices are named by interface name, resolved by the
 * kernel in the network namespace the handle was opened in.
 */
#ifndef _VSW_VSW_H
#define _VSW_VSW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/vsw.h>

#ifdef __cplusplus
extern "C" {
#endif

struct vsw;

#define VSW_MAC_LEN		6
/* Room for drop reasons newer kernels may add; ids above are ignored. */
#define VSW_DROP_SLOTS		64
/* Longest port group name, without the NUL. */
#define VSW_PORTGROUP_NAME_MAX	(VSW_PORTGROUP_NAMSIZ - 1)
/*
 * Buffer size that holds any VLAN list vsw_vlan_bitmap_format() makes: the
 * worst case, pairs with one-VLAN gaps ("1-2,4-5,..."), is under 13 KB.
 */
#define VSW_VLAN_LIST_STRLEN	16384
/* Longest address in a struct vsw_addr: IPv6. */
#define VSW_ADDR_LEN		16

/* Bit of vsw_*.attrs for reply attribute @a (enum vsw_attr). */
#define VSW_ATTR_BIT(a)		(1ULL << (a))
#define vsw_has(obj, a)		(!!((obj)->attrs & VSW_ATTR_BIT(a)))

struct vsw_switch {
	uint64_t attrs;			/* VSW_ATTR_BIT()s the reply carried */
	uint32_t ifindex;
	const char *name;
	uint32_t ageing;		/* seconds */
	uint32_t fdb_max;		/* 0 = no limit */
	uint32_t fdb_count;
	unsigned int n_ports;
	const char *const *ports;	/* port device names */
};

struct vsw_port_stats {
	uint64_t rx_packets;
	uint64_t rx_bytes;
	uint64_t tx_packets;
	uint64_t tx_bytes;
	uint64_t drops[VSW_DROP_SLOTS];	/* by enum vsw_drop_reason */
	uint64_t fdb_moves;		/* MACs that moved to this port */
	uint64_t fdb_flaps;		/* moves < 1 s after the last one */
};

struct vsw_port {
	uint64_t attrs;
	uint32_t switch_ifindex;
	const char *switch_name;
	uint32_t ifindex;
	const char *name;
	uint8_t kind;			/* enum vsw_port_kind */
	uint32_t id;
	const char *portgroup;		/* NULL when absent */
	uint8_t mac[VSW_MAC_LEN];	/* the port device's address (VSW_A_MAC) */
	const struct vsw_port_stats *stats;	/* NULL when absent */
	/*
	 * The MAC the port's VM may use, when known (VSW_A_PORT_MAC):
	 * set by the admin (@mac_admin) or the first source seen.
	 */
	uint8_t port_mac[VSW_MAC_LEN];
	bool mac_admin;
	uint32_t fdb_max;		/* learned entries of the port, 0 = no limit */
	uint32_t fdb_count;
};

/*
 * An IPv4 or IPv6 address as VXLAN carries it: @family AF_INET (4 bytes
 * of @addr used) or AF_INET6 (16), network byte order; 0 = no address.
 */
struct vsw_addr {
	uint16_t family;
	uint8_t addr[VSW_ADDR_LEN];
};

struct vsw_fdb {
	uint64_t attrs;
	uint32_t switch_ifindex;
	const char *switch_name;	/* NULL when absent (older kernels) */
	uint8_t mac[VSW_MAC_LEN];
	uint16_t vlan;
	uint32_t port_ifindex;
	const char *port;		/* NULL: no port device */
	uint32_t flags;			/* VSW_FDB_F_* */
	uint32_t age;			/* seconds since last seen */
	/*
	 * Behind a remote VTEP (VSW_A_VXLAN_REMOTE, VSW_A_VXLAN_VNI; no
	 * port): its address and the VNI. @remote.family is 0 otherwise.
	 */
	struct vsw_addr remote;
	uint32_t vni;
};

/* VLAN mode of a port group, from VSW_A_PG_VLAN or VSW_A_PG_TRUNK. */
enum vsw_pg_mode {
	VSW_PG_MODE_NONE,		/* VLAN 0: untagged frames only */
	VSW_PG_MODE_ACCESS,		/* one VLAN, 1..4094, untagged */
	VSW_PG_MODE_TRUNK_ALL,		/* VLAN 4095: the guest tags any VLAN */
	VSW_PG_MODE_TRUNK_LIST,		/* the VLANs of @trunk, tagged */
};

/* Traffic shaping of a port group (each of its ports). */
struct vsw_shaping {
	uint32_t avg_kbit;		/* > 0 */
	uint32_t peak_kbit;		/* >= @avg_kbit */
	uint32_t burst_kb;		/* 1..VSW_SHAPING_BURST_MAX */
};

struct vsw_portgroup {
	uint64_t attrs;
	uint32_t switch_ifindex;
	const char *switch_name;
	const char *name;
	enum vsw_pg_mode mode;
	uint16_t vlan;			/* 0..4095; 0 in trunk-list mode */
	/* Trunk-list mode: VLAN N is bit N % 8 of byte N / 8, 1..4094 only. */
	uint8_t trunk[VSW_VLAN_BITMAP_LEN];
	uint16_t native;		/* trunk-list mode: untagged VLAN, 0 = none */
	unsigned int n_ports;
	const char *const *ports;	/* port device names */
	/* Security policies: true = accept (VSW_A_PG_PROMISC, ...). */
	bool promisc;
	bool mac_change;
	bool forged_transmits;
	bool shaping_on;		/* VSW_A_PG_SHAPING with its three values */
	struct vsw_shaping shaping;	/* when @shaping_on */
};

/* One uplink of a team (VSW_A_TEAM_UPLINK), in team order. */
struct vsw_team_uplink {
	uint64_t attrs;			/* VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_*)s */
	uint32_t ifindex;
	const char *name;
	uint8_t state;			/* enum vsw_team_state */
	bool link;			/* carrier up and running */
	bool beacon;			/* hears the others' beacons; only
					 * while beacon probing is used
					 */
	/* LACP, when the reply carries it (VSW_LACP_STATE_* bits). */
	uint8_t lacp_actor_state;
	uint8_t lacp_partner_state;
	uint8_t lacp_partner_system[VSW_MAC_LEN];
	uint16_t lacp_partner_key;
};

/*
 * A switch's team (VSW_CMD_TEAM_GET). @active and @standby are the lists
 * as configured, by uplink name (uplinks in no list come first, in the
 * order added, while there is no active list, else after the active
 * list); @uplinks every uplink in team order, with its state.
 */
struct vsw_team {
	uint64_t attrs;
	uint32_t switch_ifindex;
	const char *switch_name;
	uint8_t policy;			/* enum vsw_team_policy */
	uint8_t detect;			/* enum vsw_team_detect: configured */
	uint8_t detect_used;		/* what detects failures now */
	bool failback;
	bool notify;			/* notify-switches */
	uint8_t lacp_rate;		/* enum vsw_lacp_rate */
	unsigned int n_active;
	const char *const *active;
	unsigned int n_standby;
	const char *const *standby;
	unsigned int n_uplinks;
	const struct vsw_team_uplink *uplinks;
	/* With LACP (VSW_A_TEAM_LACP_SYSTEM, VSW_A_TEAM_LACP_KEY). */
	uint8_t lacp_system[VSW_MAC_LEN];
	uint16_t lacp_key;
};

/*
 * A VXLAN VNI bound to a VLAN of a switch (VSW_CMD_VXLAN_GET). Absent
 * attributes read as 0 (see @attrs); @group.family is 0 without a group.
 */
struct vsw_vxlan {
	uint64_t attrs;
	uint32_t switch_ifindex;
	const char *switch_name;
	uint32_t vni;
	uint16_t vlan;
	struct vsw_addr local;
	unsigned int n_remotes;
	const struct vsw_addr *remotes;	/* head-end replication, in order */
	struct vsw_addr group;		/* multicast group */
	uint32_t dev_ifindex;		/* the device the group is joined on */
	uint16_t dstport;		/* UDP port */
	uint8_t ttl;
	bool learning;			/* learns MACs behind remote VTEPs */
	/* The VNI as a port of the switch; NULL when absent. */
	const struct vsw_port_stats *stats;
	/*
	 * What the shared UDP socket dropped before a VNI was known, by enum
	 * vsw_drop_reason (VSW_DROP_SLOTS counters); NULL when absent.
	 */
	const uint64_t *sock_drops;
};

/* Settings of switch add/set; only the fields flagged "has_" are sent. */
struct vsw_switch_opts {
	const char *name;
	bool has_ageing;
	bool has_fdb_max;
	uint32_t ageing;
	uint32_t fdb_max;
};

/*
 * Settings of port add/set; NULL fields and fields not flagged "has_" are
 * not sent. @mac is the MAC the port's VM may use: unicast; all zeroes on
 * set forgets it (the next source seen sticks again). Uplinks take
 * neither a port group nor a MAC.
 */
struct vsw_port_opts {
	const char *portgroup;		/* add: "default" when NULL */
	bool has_mac;
	bool has_fdb_max;
	uint8_t mac[VSW_MAC_LEN];
	uint32_t fdb_max;		/* learned entries of the port, 0 = no limit */
};

/*
 * Settings of port group add/set; only the fields flagged "has_" are sent.
 * @vlan and @trunk exclude each other; @native goes with a trunk list (on
 * set, with the group's current one) and must be one of its VLANs.
 */
struct vsw_portgroup_opts {
	const char *sw;
	const char *name;
	bool has_vlan;
	bool has_trunk;
	bool has_native;
	uint16_t vlan;			/* 0..4095 (VSW_VLAN_TRUNK_ALL) */
	uint8_t trunk[VSW_VLAN_BITMAP_LEN];	/* VLANs 1..4094, at least one */
	uint16_t native;		/* 1..4094, or 0 for none */
	/* Security policies, true = accept; all reject on add by default. */
	bool has_promisc;
	bool has_mac_change;
	bool has_forged_transmits;
	bool promisc;
	bool mac_change;
	bool forged_transmits;
	/*
	 * Traffic shaping: all three values to shape (avg > 0, peak >= avg,
	 * burst 1..VSW_SHAPING_BURST_MAX), all zero to stop shaping.
	 */
	bool has_shaping;
	struct vsw_shaping shaping;
};

/*
 * Settings of team set; only the fields flagged "has_" are sent, what is
 * not sent stays as it is. The lists name uplinks of the switch by device
 * name, in order: libvsw resolves them to ifindexes in the network
 * namespace the calling thread is in (the handle's, unless the caller
 * moved). An empty list (flagged, n = 0) clears it. A device may appear
 * once, in one list.
 */
struct vsw_team_opts {
	const char *sw;
	bool has_policy;
	bool has_detect;
	bool has_failback;
	bool has_notify;
	bool has_lacp_rate;
	bool has_active;
	bool has_standby;
	enum vsw_team_policy policy;
	enum vsw_team_detect detect;
	bool failback;			/* back to a recovered higher uplink */
	bool notify;			/* announce moved MACs (notify-switches) */
	enum vsw_lacp_rate lacp_rate;
	unsigned int n_active;
	const char *const *active;
	unsigned int n_standby;
	const char *const *standby;
};

/*
 * Settings of vxlan add. @vni, @vlan and @local are required; the fields
 * flagged "has_" are sent only when flagged, the kernel's defaults
 * (VSW_VXLAN_DSTPORT_DEFAULT, VSW_VXLAN_TTL_DEFAULT, learning on) apply
 * otherwise. Every address is unicast and of @local's family, but the
 * group: multicast, and it needs @dev, the device to join it on (resolved
 * to an ifindex in the calling thread's network namespace).
 */
struct vsw_vxlan_opts {
	const char *sw;
	uint32_t vni;			/* 1..VSW_VXLAN_VNI_MAX */
	uint16_t vlan;			/* 0..VSW_VLAN_MAX */
	struct vsw_addr local;
	unsigned int n_remotes;		/* 0: no head-end replication; at
					 * most VSW_VXLAN_REMOTES_MAX
					 */
	const struct vsw_addr *remotes;
	bool has_group;
	struct vsw_addr group;
	const char *dev;		/* with @group */
	bool has_dstport;
	bool has_ttl;
	bool has_learning;
	uint16_t dstport;		/* > 0 */
	uint8_t ttl;			/* > 0 */
	bool learning;
};

/* What an event carries; decided by its command. */
enum vsw_object {
	VSW_OBJ_SWITCH,
	VSW_OBJ_PORT,
	VSW_OBJ_FDB,
	VSW_OBJ_PORTGROUP,
	VSW_OBJ_TEAM,
	VSW_OBJ_VXLAN,
};

struct vsw_event {
	uint8_t cmd;			/* enum vsw_cmd: what happened */
	enum vsw_object type;
	union {
		struct vsw_switch sw;
		struct vsw_port port;
		struct vsw_fdb fdb;
		struct vsw_portgroup pg;
		struct vsw_team team;
		struct vsw_vxlan vxlan;
	};
};

typedef int (*vsw_switch_cb)(const struct vsw_switch *sw, void *arg);
typedef int (*vsw_port_cb)(const struct vsw_port *port, void *arg);
typedef int (*vsw_fdb_cb)(const struct vsw_fdb *fdb, void *arg);
typedef int (*vsw_portgroup_cb)(const struct vsw_portgroup *pg, void *arg);
typedef int (*vsw_team_cb)(const struct vsw_team *team, void *arg);
typedef int (*vsw_vxlan_cb)(const struct vsw_vxlan *vxlan, void *arg);
typedef int (*vsw_event_cb)(const struct vsw_event *ev, void *arg);

/*
 * Open a handle in the caller's current network namespace. -ENOENT means
 * the "vsw" family is not registered (module not loaded).
 */
int vsw_open(struct vsw **hp);
void vsw_close(struct vsw *h);
/* Message of the last failed call, or NULL. */
const char *vsw_errmsg(const struct vsw *h);
/* The socket, for poll() around vsw_monitor_recv(). */
int vsw_fd(const struct vsw *h);

int vsw_switch_add(struct vsw *h, const struct vsw_switch_opts *o);
int vsw_switch_set(struct vsw *h, const struct vsw_switch_opts *o);
int vsw_switch_del(struct vsw *h, const char *name);
/* One switch; -ENODEV (with the kernel's message) when there is none. */
int vsw_switch_get(struct vsw *h, const char *name, vsw_switch_cb cb,
		   void *arg);
int vsw_switch_list(struct vsw *h, vsw_switch_cb cb, void *arg);

/* @o may be NULL (no settings); uplinks take no port group. */
int vsw_port_add(struct vsw *h, const char *sw, const char *dev,
		 enum vsw_port_kind kind, const struct vsw_port_opts *o);
/* @dev may be the switch device itself: the host port. */
int vsw_port_set(struct vsw *h, const char *dev,
		 const struct vsw_port_opts *o);
/* @kind < 0: any kind; else the port must be of that kind. */
int vsw_port_del(struct vsw *h, const char *dev, int kind);
/* Ports of switch @sw, or of every switch when @sw is NULL. */
int vsw_port_list(struct vsw *h, const char *sw, vsw_port_cb cb, void *arg);

/* @vlan < 0: attribute not sent (the kernel's default, VLAN 0). */
int vsw_fdb_add(struct vsw *h, const char *sw, const uint8_t *mac, int vlan,
		const char *port);
/*
 * A static entry behind remote VTEP @remote (unicast) of the switch's VNI
 * @vni, instead of a port.
 */
int vsw_fdb_add_remote(struct vsw *h, const char *sw, const uint8_t *mac,
		       int vlan, const struct vsw_addr *remote, uint32_t vni);
int vsw_fdb_del(struct vsw *h, const char *sw, const uint8_t *mac, int vlan);
/* Learned entries; @port NULL and @vlan < 0 mean no filter. */
int vsw_fdb_flush(struct vsw *h, const char *sw, const char *port, int vlan);
int vsw_fdb_list(struct vsw *h, const char *sw, const char *port, int vlan,
		 vsw_fdb_cb cb, void *arg);

int vsw_portgroup_add(struct vsw *h, const struct vsw_portgroup_opts *o);
int vsw_portgroup_set(struct vsw *h, const struct vsw_portgroup_opts *o);
/* Only a group without ports; "default" cannot be deleted. */
int vsw_portgroup_del(struct vsw *h, const char *sw, const char *name);
/* One port group of switch @sw; an error with the kernel's message if none. */
int vsw_portgroup_get(struct vsw *h, const char *sw, const char *name,
		      vsw_portgroup_cb cb, void *arg);
int vsw_portgroup_list(struct vsw *h, const char *sw, vsw_portgroup_cb cb,
		       void *arg);

/*
 * Change the team of switch @o->sw; -ENODEV with "no device NAME" when a
 * listed device does not exist, before anything is sent.
 */
int vsw_team_set(struct vsw *h, const struct vsw_team_opts *o);
/* The team of switch @sw; an error with the kernel's message if none. */
int vsw_team_get(struct vsw *h, const char *sw, vsw_team_cb cb, void *arg);
/* The team of every switch of the netns. */
int vsw_team_list(struct vsw *h, vsw_team_cb cb, void *arg);

/*
 * Bind a VNI to a VLAN of switch @o->sw; refused before anything is sent
 * when a setting is out of range or the addresses do not fit together
 * (-EINVAL), there are too many remotes (-E2BIG), or the group's device
 * does not exist (-ENODEV).
 */
int vsw_vxlan_add(struct vsw *h, const struct vsw_vxlan_opts *o);
int vsw_vxlan_del(struct vsw *h, const char *sw, uint32_t vni);
/* VNI @vni of switch @sw; an error with the kernel's message if none. */
int vsw_vxlan_get(struct vsw *h, const char *sw, uint32_t vni,
		  vsw_vxlan_cb cb, void *arg);
/* Every VNI of switch @sw. */
int vsw_vxlan_list(struct vsw *h, const char *sw, vsw_vxlan_cb cb,
		   void *arg);

/* VLAN bitmaps as in VSW_A_PG_TRUNK; @vid must be below 4096. */
static inline void vsw_vlan_bitmap_set(uint8_t *bm, unsigned int vid)
{
	bm[vid / 8] |= 1U << (vid % 8);
}

static inline bool vsw_vlan_bitmap_test(const uint8_t *bm, unsigned int vid)
{
	return bm[vid / 8] & (1U << (vid % 8));
}

/*
 * Write the VLANs of @bm as a list of VLANs and ranges ("10,20-30"),
 * ascending, as vswctl takes it; "" for none. Like snprintf(): returns the
 * length of the whole list and writes at most @len bytes, NUL included
 * (@buf may be NULL when @len is 0). VSW_VLAN_LIST_STRLEN bytes always
 * suffice.
 */
int vsw_vlan_bitmap_format(const uint8_t *bm, char *buf, size_t len);

/*
 * Events: join the "events" group, then call vsw_monitor_recv() in a loop;
 * it blocks for one datagram and hands each event in it to @cb. -ENOBUFS
 * means events were lost; the handle stays usable. Use a handle of its own
 * for monitoring.
 */
int vsw_monitor_start(struct vsw *h);
int vsw_monitor_recv(struct vsw *h, vsw_event_cb cb, void *arg);

#ifdef __cplusplus
}
#endif

#endif /* _VSW_VSW_H */
