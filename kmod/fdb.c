// SPDX-License-Identifier: GPL-2.0
/*
 * The forwarding database. Lookups are lock-free (rhashtable under RCU);
 * creating and deleting entries takes the per-switch lock, which also makes
 * the learned-entry limit exact. Refreshing a known entry on the fast path
 * writes only when something changed, so a busy flow does not bounce the
 * entry's cache line between CPUs.
 */
#include <linux/etherdevice.h>
#include <linux/slab.h>

#include "fdb.h"
#include "netlink.h"

static struct kmem_cache *vsw_fdb_cache __read_mostly;
static struct kmem_cache *vsw_fdb_remote_cache __read_mostly;

static const struct rhashtable_params vsw_fdb_params = {
	.head_offset = offsetof(struct vsw_fdb_entry, node),
	.key_offset = offsetof(struct vsw_fdb_entry, key),
	.key_len = sizeof(struct vsw_fdb_key),
	.automatic_shrinking = true,
};

int vsw_fdb_cache_init(void)
{
	vsw_fdb_cache = KMEM_CACHE(vsw_fdb_entry, 0);
	if (!vsw_fdb_cache)
		return -ENOMEM;
	vsw_fdb_remote_cache = KMEM_CACHE(vsw_fdb_remote_entry, 0);
	if (!vsw_fdb_remote_cache) {
		kmem_cache_destroy(vsw_fdb_cache);
		return -ENOMEM;
	}
	return 0;
}

void vsw_fdb_cache_exit(void)
{
	kmem_cache_destroy(vsw_fdb_remote_cache);
	kmem_cache_destroy(vsw_fdb_cache);
}

static void vsw_fdb_key_init(struct vsw_fdb_key *key, const u8 *addr, u16 vlan)
{
	memset(key, 0, sizeof(*key));
	ether_addr_copy(key->addr, addr);
	key->vlan = vlan;
}

struct vsw_fdb_entry *vsw_fdb_find_rcu(struct vsw_switch *sw,
				       const u8 *addr, u16 vlan)
{
	struct vsw_fdb_key key;

	vsw_fdb_key_init(&key, addr, vlan);
	return rhashtable_lookup(&sw->fdb.table, &key, vsw_fdb_params);
}

/* Under sw->fdb.lock, outside the data path: the lookup still wants an RCU
 * read section (lockdep checks it), and the entry found stays valid after
 * it because entries are unlinked only under the lock.
 */
static struct vsw_fdb_entry *vsw_fdb_find_locked(struct vsw_switch *sw,
						 const u8 *addr, u16 vlan)
{
	struct vsw_fdb_entry *f;

	lockdep_assert_held(&sw->fdb.lock);
	rcu_read_lock();
	f = vsw_fdb_find_rcu(sw, addr, vlan);
	rcu_read_unlock();
	return f;
}

/* Internal flags: unlinked, waiting for its grace period; flapping, and
 * already said so; a struct vsw_fdb_remote_entry (set at allocation, kept
 * for life).
 */
#define VSW_FDB_F_DEAD		(1U << 31)
#define VSW_FDB_F_FLAPPING	(1U << 30)
#define VSW_FDB_F_REMOTE	(1U << 29)

/* @remote: the VTEP behind a VNI, or NULL. Sets the entry's flags. */
static struct vsw_fdb_entry *vsw_fdb_alloc(const union vsw_ip *remote,
					   u32 flags)
{
	struct vsw_fdb_remote_entry *r;
	struct vsw_fdb_entry *f;

	if (!remote) {
		f = kmem_cache_alloc(vsw_fdb_cache, GFP_ATOMIC);
		if (f)
			f->flags = flags & ~VSW_FDB_F_REMOTE;
		return f;
	}
	r = kmem_cache_alloc(vsw_fdb_remote_cache, GFP_ATOMIC);
	if (!r)
		return NULL;
	r->remote = *remote;
	r->fdb.flags = flags | VSW_FDB_F_REMOTE;
	return &r->fdb;
}

static void vsw_fdb_free(struct vsw_fdb_entry *f)
{
	if (f->flags & VSW_FDB_F_REMOTE)
		kmem_cache_free(vsw_fdb_remote_cache,
				container_of(f, struct vsw_fdb_remote_entry,
					     fdb));
	else
		kmem_cache_free(vsw_fdb_cache, f);
}

static void vsw_fdb_free_rcu(struct rcu_head *head)
{
	vsw_fdb_free(container_of(head, struct vsw_fdb_entry, rcu));
}

/* Called with fdb.lock held. */
static void vsw_fdb_remove(struct vsw_switch *sw, struct vsw_fdb_entry *f,
			   gfp_t gfp)
{
	f->flags |= VSW_FDB_F_DEAD;
	rhashtable_remove_fast(&sw->fdb.table, &f->node, vsw_fdb_params);
	if (!(f->flags & VSW_FDB_F_STATIC)) {
		sw->fdb.learned--;
		f->port->fdb_learned--;
	}
	vsw_nl_notify_fdb(sw, f, VSW_CMD_FDB_DEL, gfp);
	call_rcu(&f->rcu, vsw_fdb_free_rcu);
}

/* Called with fdb.lock held. */
static struct vsw_fdb_entry *vsw_fdb_insert(struct vsw_switch *sw,
					    struct vsw_port *port,
					    const union vsw_ip *remote,
					    const u8 *addr, u16 vlan, u32 flags)
{
	struct vsw_fdb_entry *f;

	f = vsw_fdb_alloc(remote, flags);
	if (!f)
		return ERR_PTR(-ENOMEM);
	vsw_fdb_key_init(&f->key, addr, vlan);
	f->port = port;
	f->updated = jiffies;
	f->moved = jiffies - HZ;
	f->announced = 0;
	if (rhashtable_lookup_insert_fast(&sw->fdb.table, &f->node,
					  vsw_fdb_params)) {
		vsw_fdb_free(f);
		return ERR_PTR(-EEXIST);
	}
	if (!(flags & VSW_FDB_F_STATIC)) {
		sw->fdb.learned++;
		port->fdb_learned++;
	}
	return f;
}

/*
 * Called with fdb.lock held: a new entry takes @f's place, so that readers
 * see the port and the remote VTEP change together. Returns the new entry.
 */
static struct vsw_fdb_entry *vsw_fdb_replace(struct vsw_switch *sw,
					     struct vsw_fdb_entry *f,
					     struct vsw_port *port,
					     const union vsw_ip *remote,
					     u32 flags)
{
	struct vsw_fdb_entry *n;

	n = vsw_fdb_alloc(remote, flags);
	if (!n)
		return ERR_PTR(-ENOMEM);
	n->key = f->key;
	n->port = port;
	n->updated = jiffies;
	n->moved = f->moved;
	n->announced = 0;
	if (rhashtable_replace_fast(&sw->fdb.table, &f->node, &n->node,
				    vsw_fdb_params)) {
		vsw_fdb_free(n);
		return ERR_PTR(-ENOENT);
	}
	if (!(f->flags & VSW_FDB_F_STATIC)) {
		sw->fdb.learned--;
		f->port->fdb_learned--;
	}
	if (!(flags & VSW_FDB_F_STATIC)) {
		sw->fdb.learned++;
		port->fdb_learned++;
	}
	f->flags |= VSW_FDB_F_DEAD;
	call_rcu(&f->rcu, vsw_fdb_free_rcu);
	return n;
}

static bool vsw_fdb_port_full(const struct vsw_port *port)
{
	return port->fdb_max && port->fdb_learned >= port->fdb_max;
}

/* Returns false when the port is at its own learned limit. */
static bool vsw_fdb_learn_new(struct vsw_switch *sw, struct vsw_port *port,
			      const union vsw_ip *remote, const u8 *addr,
			      u16 vlan)
{
	struct vsw_fdb_entry *f;
	bool ok = true;

	spin_lock(&sw->fdb.lock);
	if (vsw_fdb_port_full(port)) {
		ok = false;
		goto out;
	}
	/* A full switch still forwards; it only stops learning. Another
	 * CPU may have learned the address meanwhile: insert fails, fine.
	 */
	if (sw->fdb_max && sw->fdb.learned >= sw->fdb_max)
		goto out;
	f = vsw_fdb_insert(sw, port, remote, addr, vlan, 0);
	if (!IS_ERR(f)) {
		vsw_nl_notify_fdb(sw, f, VSW_CMD_FDB_NEW, GFP_ATOMIC);
		if (!vsw_port_faces_network(port))
			vsw_team_new_local_mac(sw);
	}
out:
	spin_unlock(&sw->fdb.lock);
	return ok;
}

static bool vsw_fdb_same_place(const struct vsw_fdb_entry *f,
			       const struct vsw_port *port,
			       const union vsw_ip *remote)
{
	return READ_ONCE(f->port) == port &&
	       (!remote ||
		vsw_ip_equal(vsw_vxlan_of(port)->family, vsw_fdb_remote(f),
			     remote));
}

/* A learned address shows up behind another port, or another VTEP. */
static bool vsw_fdb_move(struct vsw_switch *sw, struct vsw_fdb_entry *f,
			 struct vsw_port *port, const union vsw_ip *remote)
{
	struct vsw_port *old;
	bool flap, log;

	spin_lock(&sw->fdb.lock);
	old = f->port;
	if (vsw_fdb_same_place(f, port, remote) ||
	    (f->flags & (VSW_FDB_F_STATIC | VSW_FDB_F_DEAD))) {
		spin_unlock(&sw->fdb.lock);
		return true;
	}
	if (old != port && vsw_fdb_port_full(port)) {
		spin_unlock(&sw->fdb.lock);
		return false;
	}
	if (remote) {
		f = vsw_fdb_replace(sw, f, port, remote, f->flags);
		if (IS_ERR(f)) {
			/* Keep the old place; the next frame tries again. */
			spin_unlock(&sw->fdb.lock);
			return true;
		}
	} else {
		old->fdb_learned--;
		port->fdb_learned++;
		WRITE_ONCE(f->port, port);
	}
	WRITE_ONCE(f->updated, jiffies);
	flap = time_before32((u32)jiffies, f->moved + HZ);
	f->moved = jiffies;
	/* Say it once when a MAC starts flapping, not on every move. */
	log = flap && !(f->flags & VSW_FDB_F_FLAPPING);
	if (flap)
		WRITE_ONCE(f->flags, f->flags | VSW_FDB_F_FLAPPING);
	else
		WRITE_ONCE(f->flags, f->flags & ~VSW_FDB_F_FLAPPING);
	vsw_nl_notify_fdb(sw, f, VSW_CMD_FDB_NEW, GFP_ATOMIC);
	spin_unlock(&sw->fdb.lock);

	vsw_port_count_move(port, flap);
	if (log)
		net_warn_ratelimited("vsw: %s: MAC %pM (VLAN %u) flaps between %s and %s\n",
				     sw->dev->name, f->key.addr, f->key.vlan,
				     vsw_port_name(old), vsw_port_name(port));
	return true;
}

/* The uplinks are one team: an address behind it stays where it was
 * learned, whichever uplink brings its frames (the policy picks the
 * uplink towards it anyway).
 */
static bool vsw_fdb_same_team(const struct vsw_port *a,
			      const struct vsw_port *b)
{
	return a->kind == VSW_PORT_KIND_UPLINK &&
	       b->kind == VSW_PORT_KIND_UPLINK;
}

/*
 * Data path, in softirq or with BHs off, under RCU; @remote is the VTEP a
 * frame from a VNI came from. Returns false when the frame must be dropped:
 * a new source beyond the port's learned limit.
 */
bool vsw_fdb_learn(struct vsw_switch *sw, struct vsw_port *port,
		   const u8 *addr, u16 vlan, const union vsw_ip *remote)
{
	struct vsw_fdb_entry *f;
	u32 now = jiffies;

	f = vsw_fdb_find_rcu(sw, addr, vlan);
	if (unlikely(!f))
		return vsw_fdb_learn_new(sw, port, remote, addr, vlan);
	/* Static and local entries never move: a spoofed source cannot
	 * steal their traffic.
	 */
	if (unlikely(READ_ONCE(f->flags) & VSW_FDB_F_STATIC))
		return true;
	if (unlikely(!vsw_fdb_same_place(f, port, remote)) &&
	    !vsw_fdb_same_team(READ_ONCE(f->port), port))
		return vsw_fdb_move(sw, f, port, remote);
	if (READ_ONCE(f->updated) != now)
		WRITE_ONCE(f->updated, now);
	return true;
}

int vsw_fdb_add_static(struct vsw_switch *sw, struct vsw_port *port,
		       const union vsw_ip *remote, const u8 *addr, u16 vlan,
		       u32 flags, struct netlink_ext_ack *extack)
{
	struct vsw_fdb_entry *f;
	int err = 0;

	flags |= VSW_FDB_F_STATIC;
	spin_lock_bh(&sw->fdb.lock);
	f = vsw_fdb_find_locked(sw, addr, vlan);
	if (f) {
		if ((f->flags & VSW_FDB_F_LOCAL) && !(flags & VSW_FDB_F_LOCAL)) {
			NL_SET_ERR_MSG_MOD(extack,
					   "The address is the switch's own");
			err = -EBUSY;
			goto out;
		}
		if (remote) {
			f = vsw_fdb_replace(sw, f, port, remote, flags);
			if (IS_ERR(f)) {
				NL_SET_ERR_MSG_MOD(extack,
						   "Cannot allocate the entry");
				err = PTR_ERR(f);
				goto out;
			}
			goto notify;
		}
		/* Replace in place: readers see either the old or the new
		 * port, never a missing entry.
		 */
		if (!(f->flags & VSW_FDB_F_STATIC)) {
			sw->fdb.learned--;
			f->port->fdb_learned--;
		}
		WRITE_ONCE(f->port, port);
		WRITE_ONCE(f->updated, jiffies);
		WRITE_ONCE(f->flags, flags | (f->flags & VSW_FDB_F_REMOTE));
	} else {
		f = vsw_fdb_insert(sw, port, remote, addr, vlan, flags);
		if (IS_ERR(f)) {
			NL_SET_ERR_MSG_MOD(extack, "Cannot allocate the entry");
			err = PTR_ERR(f);
			goto out;
		}
	}
notify:
	vsw_nl_notify_fdb(sw, f, VSW_CMD_FDB_NEW, GFP_ATOMIC);
out:
	spin_unlock_bh(&sw->fdb.lock);
	return err;
}

int vsw_fdb_del(struct vsw_switch *sw, const u8 *addr, u16 vlan,
		struct netlink_ext_ack *extack)
{
	struct vsw_fdb_entry *f;
	int err = 0;

	spin_lock_bh(&sw->fdb.lock);
	f = vsw_fdb_find_locked(sw, addr, vlan);
	if (!f) {
		NL_SET_ERR_MSG_MOD(extack, "No such entry");
		err = -ENOENT;
	} else if (f->flags & VSW_FDB_F_LOCAL) {
		NL_SET_ERR_MSG_MOD(extack,
				   "The switch's own address cannot be deleted");
		err = -EBUSY;
	} else {
		vsw_fdb_remove(sw, f, GFP_ATOMIC);
	}
	spin_unlock_bh(&sw->fdb.lock);
	return err;
}

void vsw_fdb_walk_start(struct vsw_switch *sw, struct rhashtable_iter *iter)
{
	rhashtable_walk_enter(&sw->fdb.table, iter);
	rhashtable_walk_start(iter);
}

struct vsw_fdb_entry *vsw_fdb_walk_next(struct rhashtable_iter *iter)
{
	struct vsw_fdb_entry *f;

	/* A resize rewinds the walk to the new table's start: go on there. */
	do {
		f = rhashtable_walk_next(iter);
	} while (IS_ERR(f) && PTR_ERR(f) == -EAGAIN);
	return IS_ERR(f) ? NULL : f;
}

void vsw_fdb_walk_stop(struct rhashtable_iter *iter)
{
	rhashtable_walk_stop(iter);
	rhashtable_walk_exit(iter);
}

/*
 * Remove every entry that @match accepts. The walk runs outside the lock:
 * the table's walker takes the table's own lock, which is not softirq-safe,
 * and learning takes the FDB lock in softirq. So @match runs twice: as a
 * filter without the lock (reading the entry with READ_ONCE), and again
 * under it, where it decides.
 *
 * With @pause, the walk lets others run between entries, so that ageing a
 * million entries does not hold the CPU and RCU for seconds. A pause can
 * miss an entry (if the one the walker stands on is removed meanwhile, the
 * walker resumes one too far in its bucket): only ageing, which sees the
 * entry at its next scan, pauses; a flush must be complete.
 */
static void vsw_fdb_remove_if(struct vsw_switch *sw,
			      bool (*match)(const struct vsw_fdb_entry *f,
					    const void *arg),
			      const void *arg, bool pause)
{
	struct rhashtable_iter iter;
	struct vsw_fdb_entry *f;

	vsw_fdb_walk_start(sw, &iter);
	vsw_fdb_for_each(f, &iter) {
		if (match(f, arg)) {
			spin_lock_bh(&sw->fdb.lock);
			if (!(f->flags & VSW_FDB_F_DEAD) && match(f, arg))
				vsw_fdb_remove(sw, f, GFP_ATOMIC);
			spin_unlock_bh(&sw->fdb.lock);
		}
		if (pause && need_resched()) {
			rhashtable_walk_stop(&iter);
			cond_resched();
			rhashtable_walk_start(&iter);
		}
	}
	vsw_fdb_walk_stop(&iter);
}

static bool vsw_fdb_is_local(const struct vsw_fdb_entry *f, const void *arg)
{
	return READ_ONCE(f->flags) & VSW_FDB_F_LOCAL;
}

/*
 * The switch device's own address: one static entry pointing at the host
 * port, in the VLAN the host sends untagged in. Replaces any older one.
 */
int vsw_fdb_set_local(struct vsw_switch *sw, const u8 *addr, u16 vlan)
{
	vsw_fdb_remove_if(sw, vsw_fdb_is_local, NULL, false);
	return vsw_fdb_add_static(sw, sw->host, NULL, addr, vlan,
				  VSW_FDB_F_LOCAL, NULL);
}

struct vsw_fdb_flush_filter {
	const struct vsw_port *port;	/* NULL: any */
	int vlan;			/* negative: any */
	bool all;			/* static entries too */
};

static bool vsw_fdb_flush_match(const struct vsw_fdb_entry *f,
				const void *arg)
{
	const struct vsw_fdb_flush_filter *filter = arg;

	return (!filter->port || READ_ONCE(f->port) == filter->port) &&
	       (filter->vlan < 0 || f->key.vlan == filter->vlan) &&
	       (filter->all || !(READ_ONCE(f->flags) & VSW_FDB_F_STATIC));
}

void vsw_fdb_flush(struct vsw_switch *sw, const struct vsw_port *port,
		   int vlan, bool all)
{
	const struct vsw_fdb_flush_filter filter = {
		.port = port, .vlan = vlan, .all = all,
	};

	vsw_fdb_remove_if(sw, vsw_fdb_flush_match, &filter, false);
}

/* Ageing: scan often enough that an entry outlives its time by at most half
 * of it (and at most 5 s), but not more than 4 times a second.
 */
static unsigned long vsw_fdb_gc_interval(const struct vsw_switch *sw)
{
	return clamp(sw->ageing_jiffies / 2, HZ / 4, 5UL * HZ);
}

static bool vsw_fdb_expired(const struct vsw_fdb_entry *f, const void *arg)
{
	u32 ageing = *(const u32 *)arg;

	return !(READ_ONCE(f->flags) & VSW_FDB_F_STATIC) &&
	       time_after32((u32)jiffies, READ_ONCE(f->updated) + ageing);
}

static void vsw_fdb_gc(struct work_struct *work)
{
	struct vsw_switch *sw = container_of(to_delayed_work(work),
					     struct vsw_switch, fdb.gc_work);
	u32 ageing = READ_ONCE(sw->ageing_jiffies);

	vsw_fdb_remove_if(sw, vsw_fdb_expired, &ageing, true);
	queue_delayed_work(system_power_efficient_wq, &sw->fdb.gc_work,
			   vsw_fdb_gc_interval(sw));
}

void vsw_fdb_reschedule_gc(struct vsw_switch *sw)
{
	mod_delayed_work(system_power_efficient_wq, &sw->fdb.gc_work, 0);
}

int vsw_fdb_init(struct vsw_switch *sw)
{
	int err;

	spin_lock_init(&sw->fdb.lock);
	sw->fdb.learned = 0;
	err = rhashtable_init(&sw->fdb.table, &vsw_fdb_params);
	if (err)
		return err;
	INIT_DELAYED_WORK(&sw->fdb.gc_work, vsw_fdb_gc);
	queue_delayed_work(system_power_efficient_wq, &sw->fdb.gc_work,
			   vsw_fdb_gc_interval(sw));
	return 0;
}

/* Under RTNL, once no port and no reader can reach the switch any more. */
void vsw_fdb_destroy(struct vsw_switch *sw)
{
	cancel_delayed_work_sync(&sw->fdb.gc_work);
	vsw_fdb_flush(sw, NULL, -1, true);
	rhashtable_destroy(&sw->fdb.table);
}
