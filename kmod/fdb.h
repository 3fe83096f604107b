/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The forwarding database: (MAC, VLAN) -> port, learned from the source
 * addresses of frames or added statically.
 */
#ifndef _VSW_FDB_H
#define _VSW_FDB_H

#include <linux/if_ether.h>
#include <linux/rhashtable.h>

#include "switch.h"
#include "vxlan.h"

struct vsw_fdb_key {
	u8 addr[ETH_ALEN];
	u16 vlan;
};

struct vsw_fdb_entry {
	struct rhash_head node;
	struct vsw_fdb_key key;
	struct vsw_port *port;		/* READ_ONCE/WRITE_ONCE: moves */
	unsigned long updated;		/* jiffies when last seen */
	unsigned long moved;		/* jiffies of the last move */
	u32 flags;			/* VSW_FDB_F_* */
	u32 announced;			/* ifindex of the uplink it was
					 * announced on (notify-switches)
					 */
	struct hlist_node list;
	struct rcu_head rcu;
	/* Behind a VNI: the remote VTEP. Set before the entry is published
	 * and never changed; an entry that moves to another VTEP is replaced.
	 */
	union vsw_ip remote;
};

int vsw_fdb_cache_init(void);
void vsw_fdb_cache_exit(void);

int vsw_fdb_init(struct vsw_switch *sw);
void vsw_fdb_destroy(struct vsw_switch *sw);

struct vsw_fdb_entry *vsw_fdb_find_rcu(struct vsw_switch *sw,
				       const u8 *addr, u16 vlan);
bool vsw_fdb_learn(struct vsw_switch *sw, struct vsw_port *port,
		   const u8 *addr, u16 vlan, const union vsw_ip *remote);

/* @remote: the VTEP behind a VNI's port, NULL for other ports. */
int vsw_fdb_add_static(struct vsw_switch *sw, struct vsw_port *port,
		       const union vsw_ip *remote, const u8 *addr, u16 vlan,
		       u32 flags, struct netlink_ext_ack *extack);
int vsw_fdb_del(struct vsw_switch *sw, const u8 *addr, u16 vlan,
		struct netlink_ext_ack *extack);
int vsw_fdb_set_local(struct vsw_switch *sw, const u8 *addr, u16 vlan);
/* Delete learned entries (and static ones too if @all) matching the filters;
 * a NULL @port or a negative @vlan matches any.
 */
void vsw_fdb_flush(struct vsw_switch *sw, const struct vsw_port *port,
		   int vlan, bool all);
void vsw_fdb_reschedule_gc(struct vsw_switch *sw);

static inline unsigned int vsw_fdb_age(const struct vsw_fdb_entry *f)
{
	return jiffies_to_msecs(jiffies - READ_ONCE(f->updated)) / MSEC_PER_SEC;
}

#endif /* _VSW_FDB_H */
