/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The forwarding database: (MAC, VLAN) -> port, learned from the source
 * addresses of frames or added statically.
 */
#ifndef _VSW_FDB_H
#define _VSW_FDB_H

#include <linux/if_ether.h>
#include <linux/rhashtable.h>
#include <linux/time.h>

#include "switch.h"
#include "vxlan.h"

struct vsw_fdb_key {
	u8 addr[ETH_ALEN];
	u16 vlan;
};

/*
 * An entry is 56 bytes, in a cache of its own without cache-line
 * alignment: a million learned MACs cost 56 MB of slab, not 128. Times are
 * the low 32 bits of jiffies: ageing is at most 10^6 s, far below the 2^31
 * jiffies time_after32() can tell apart; only the age shown for a static
 * entry wraps, after 2^32 jiffies (49 days at HZ=1000).
 */
struct vsw_fdb_entry {
	struct rhash_head node;
	struct vsw_fdb_key key;
	struct vsw_port *port;		/* READ_ONCE/WRITE_ONCE: moves */
	u32 updated;			/* jiffies when last seen */
	u32 moved;			/* jiffies of the last move */
	u32 flags;			/* VSW_FDB_F_* */
	u32 announced;			/* ifindex of the uplink it was
					 * announced on (notify-switches)
					 */
	struct rcu_head rcu;
};

/*
 * An entry behind a VNI also holds its remote VTEP: set before the entry is
 * published and never changed (an entry that moves to another VTEP is
 * replaced). Only these entries pay for the address.
 */
struct vsw_fdb_remote_entry {
	struct vsw_fdb_entry fdb;
	union vsw_ip remote;
};

/* Only for an entry whose port is a VNI: nothing else points at a VNI. */
static inline const union vsw_ip *
vsw_fdb_remote(const struct vsw_fdb_entry *f)
{
	return &container_of(f, struct vsw_fdb_remote_entry, fdb)->remote;
}

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

/*
 * Walking every entry, in process context and never under fdb.lock (the
 * walker takes the table's lock, which softirqs do not exclude); RCU is
 * held from start to stop. An entry that exists throughout is seen at least
 * once, and twice if the table was resized meanwhile.
 */
void vsw_fdb_walk_start(struct vsw_switch *sw, struct rhashtable_iter *iter);
struct vsw_fdb_entry *vsw_fdb_walk_next(struct rhashtable_iter *iter);
void vsw_fdb_walk_stop(struct rhashtable_iter *iter);

#define vsw_fdb_for_each(f, iter) \
	for (f = vsw_fdb_walk_next(iter); f; f = vsw_fdb_walk_next(iter))

static inline unsigned int vsw_fdb_age(const struct vsw_fdb_entry *f)
{
	return jiffies_to_msecs((u32)jiffies - READ_ONCE(f->updated)) /
	       MSEC_PER_SEC;
}

#endif /* _VSW_FDB_H */
