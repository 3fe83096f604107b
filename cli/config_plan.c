// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The plan of vswctl apply: the steps that turn the running state into the
 * file's, each with the step that undoes it, computed from the two models
 * alone (no netlink) so that the unit tests check it on made-up states.
 *
 * Steps go in phases over all switches, so that each finds what it needs:
 *   1. switches added, or their settings changed;
 *   2. port groups added or changed (ports move into them in 5);
 *   3. static entries deleted: those the file drops, and every one on a
 *      device about to be detached (the kernel would flush them silently,
 *      and their undo could not put them back);
 *   4. teams' lists lose the uplinks about to be detached (the kernel
 *      would drop them silently, and re-adding would not put them back),
 *      then ports and uplinks detached: not in the file, or the file puts
 *      the device on another switch or makes a port an uplink (or back);
 *   5. uplinks and ports attached, ports changed, the host port moved,
 *      then the teams set, now that their uplinks are there;
 *   6. port groups deleted, now that no port is left in them;
 *   7. static entries added or moved to another port;
 *   8. VNIs added or changed, after the VNIs of phase 3 are gone (a VNI
 *      has no "set": a change is a delete in 3 and an add here, and so is
 *      a VLAN that moves to another VNI).
 * Phase 3 also deletes the VNIs that the file drops or changes.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "config.h"
#include "vswctl.h"

struct builder {
	const struct cfg *cur;
	const struct cfg *want;
	cfg_dev_exists_fn exists;
	void *arg;
	struct cfg_plan *plan;
	/* Per switch of @want: its running state, or fresh[i] if none. */
	const struct cfg_switch **before;
	struct cfg_switch *fresh;
	/* Devices phase 4 detaches. */
	struct cfg_port *gone;
	unsigned int n_gone;
	int ret;			/* -ENOMEM, once out of memory */
	struct cfg_step scratch;	/* where steps go after that */
};

/* What "portgroup add" makes, and the default group of a new switch. */
static struct cfg_pg fresh_pg = { .name = VSW_PORTGROUP_DEFAULT };

static struct cfg_step *new_step(struct builder *b, enum cfg_op op,
				 enum cfg_op undo_op, const char *sw)
{
	struct cfg_plan *p = b->plan;
	unsigned int room = p->room_steps ? 2 * p->room_steps : 16;
	struct cfg_step *s = NULL;

	/* Doubled as it fills: a host's worth of ports makes many steps. */
	if (!b->ret && p->n_steps == p->room_steps) {
		s = realloc(p->steps, room * sizeof(*s));
		if (s) {
			p->steps = s;
			p->room_steps = room;
		}
	}
	if (b->ret || p->n_steps == p->room_steps) {
		b->ret = -ENOMEM;
		s = &b->scratch;
	} else {
		s = &p->steps[p->n_steps++];
	}
	memset(s, 0, sizeof(*s));
	s->call.op = op;
	s->undo.op = undo_op;
	snprintf(s->call.sw, sizeof(s->call.sw), "%s", sw);
	memcpy(s->undo.sw, s->call.sw, sizeof(s->undo.sw));
	return s;
}

static __attribute__((format(printf, 2, 3)))
void note(struct builder *b, const char *fmt, ...)
{
	struct cfg_plan *p = b->plan;
	char **notes;
	va_list ap;
	char *s;
	int n;

	if (b->ret)
		return;
	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	notes = n < 0 ? NULL : realloc(p->notes, (p->n_notes + 1) * sizeof(s));
	if (!notes) {
		if (n >= 0)
			free(s);
		b->ret = -ENOMEM;
		return;
	}
	p->notes = notes;
	p->notes[p->n_notes++] = s;
}

void cfg_plan_free(struct cfg_plan *plan)
{
	unsigned int i;

	for (i = 0; i < plan->n_notes; i++)
		free(plan->notes[i]);
	free(plan->notes);
	for (i = 0; i < plan->n_vxlans; i++)
		free(plan->vxlans[i]);
	free(plan->vxlans);
	free(plan->steps);
	memset(plan, 0, sizeof(*plan));
}

/* ---- where devices are ------------------------------------------------ */

/* The switch of @cfg that lists @dev, and whether as an uplink. */
static const struct cfg_switch *find_dev(const struct cfg *cfg,
					 const char *dev, bool *uplink,
					 const struct cfg_port **port)
{
	const struct cfg_port *p;
	unsigned int i;

	for (i = 0; i < cfg->n_sw; i++) {
		const struct cfg_switch *sw = &cfg->sw[i];

		p = cfg_find_port(sw->uplinks, sw->n_uplinks, dev);
		*uplink = p != NULL;
		if (!p)
			p = cfg_find_port(sw->ports, sw->n_ports, dev);
		if (p) {
			if (port)
				*port = p;
			return sw;
		}
	}
	return NULL;
}

/* A device the file names that this host does not have (yet). */
static bool absent(const struct builder *b, const char *dev)
{
	bool uplink;

	if (cfg_find_switch(b->want, dev) || cfg_find_switch(b->cur, dev) ||
	    find_dev(b->cur, dev, &uplink, NULL))
		return false;
	return !b->exists(dev, b->arg);
}

static bool is_gone(const struct builder *b, const char *dev)
{
	return cfg_find_port(b->gone, b->n_gone, dev) != NULL;
}

/*
 * Detach a device of switch @sw unless the file keeps it there as the
 * same kind. A switch the file does not name keeps what the file does not
 * claim; one without "ports" keeps its ports (VM taps the helpers attach).
 */
static bool must_detach(const struct builder *b, const struct cfg_switch *sw,
			const char *dev, bool uplink)
{
	const struct cfg_switch *w;
	bool want_uplink;

	w = find_dev(b->want, dev, &want_uplink, NULL);
	if (w)
		return strcmp(w->name, sw->name) || want_uplink != uplink;
	w = cfg_find_switch(b->want, sw->name);
	return w && (uplink || w->has[CFG_PORTS]);
}

/*
 * Is @dev a port of the file's switch @i once the ports are done (phase
 * 5)? Its host port; a device the file lists and this host has; or one
 * attached now that stays (where the file leaves ports alone).
 */
static bool port_ready(const struct builder *b, unsigned int i,
		       const char *dev)
{
	const struct cfg_switch *w = &b->want->sw[i], *old = b->before[i];

	if (!strcmp(dev, w->name))
		return true;
	if (cfg_find_port(w->uplinks, w->n_uplinks, dev) ||
	    cfg_find_port(w->ports, w->n_ports, dev))
		return !absent(b, dev);
	return (cfg_find_port(old->uplinks, old->n_uplinks, dev) ||
		cfg_find_port(old->ports, old->n_ports, dev)) &&
	       !is_gone(b, dev);
}

/* ---- the calls and their inverses ------------------------------------- */

static bool switch_diff(const struct cfg_switch *from,
			const struct cfg_switch *to, struct vsw_switch_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->has_ageing = from->ageing != to->ageing;
	o->ageing = to->ageing;
	o->has_fdb_max = from->fdb_max != to->fdb_max;
	o->fdb_max = to->fdb_max;
	return o->has_ageing || o->has_fdb_max;
}

static void pg_diff_vlans(const struct cfg_pg *from, const struct cfg_pg *to,
			  struct vsw_portgroup_opts *o)
{
	bool was_list = from->mode == VSW_PG_MODE_TRUNK_LIST;

	if (to->mode != VSW_PG_MODE_TRUNK_LIST) {
		/* Leaving trunk-list mode clears the native VLAN as well. */
		o->has_vlan = was_list || from->vlan != to->vlan;
		o->vlan = to->vlan;
		return;
	}
	o->has_trunk = !was_list ||
		       memcmp(from->trunk, to->trunk, sizeof(to->trunk));
	if (o->has_trunk)
		memcpy(o->trunk, to->trunk, sizeof(o->trunk));
	/*
	 * A new list keeps the old native VLAN unless told otherwise, and
	 * the kernel refuses one the list lacks: send it with every list.
	 */
	o->has_native = from->native != to->native ||
			(o->has_trunk && (to->native || (was_list && from->native)));
	o->native = to->native;
}

/* The settings of "portgroup set" that take @from to @to; false if none. */
static bool pg_diff(const struct cfg_pg *from, const struct cfg_pg *to,
		    struct vsw_portgroup_opts *o)
{
	memset(o, 0, sizeof(*o));
	pg_diff_vlans(from, to, o);
	o->has_promisc = from->promisc != to->promisc;
	o->promisc = to->promisc;
	o->has_mac_change = from->mac_change != to->mac_change;
	o->mac_change = to->mac_change;
	o->has_forged_transmits = from->forged_transmits != to->forged_transmits;
	o->forged_transmits = to->forged_transmits;
	o->has_shaping = from->shaping_on != to->shaping_on ||
			 (to->shaping_on &&
			  memcmp(&from->shaping, &to->shaping,
				 sizeof(to->shaping)));
	if (to->shaping_on)
		o->shaping = to->shaping;
	return o->has_vlan || o->has_trunk || o->has_native ||
	       o->has_promisc || o->has_mac_change ||
	       o->has_forged_transmits || o->has_shaping;
}

/* "port set" from @from to @to; a MAC the admin did not set is forgotten. */
static bool port_diff(const struct cfg_port *from, const struct cfg_port *to,
		      struct cfg_call *c)
{
	struct vsw_port_opts *o = &c->po;

	memset(o, 0, sizeof(*o));
	if (strcmp(from->pg, to->pg))
		memcpy(c->pg, to->pg, sizeof(c->pg));
	if (to->has_mac)
		o->has_mac = !from->has_mac ||
			     memcmp(from->mac, to->mac, VSW_MAC_LEN);
	else
		o->has_mac = from->has_mac;
	if (to->has_mac)
		memcpy(o->mac, to->mac, VSW_MAC_LEN);
	o->has_fdb_max = from->fdb_max != to->fdb_max;
	o->fdb_max = to->fdb_max;
	return c->pg[0] || o->has_mac || o->has_fdb_max;
}

/* "port add" or "uplink add" of @port as it is (or is to be). */
static void port_add_call(struct cfg_call *c, const char *sw,
			  const struct cfg_port *port, bool uplink)
{
	static const struct cfg_port fresh = { .pg = VSW_PORTGROUP_DEFAULT };

	c->op = CFG_OP_PORT_ADD;
	snprintf(c->sw, sizeof(c->sw), "%s", sw);
	memcpy(c->dev, port->name, sizeof(c->dev));
	c->kind = uplink ? VSW_PORT_KIND_UPLINK : VSW_PORT_KIND_PORT;
	if (!uplink)
		port_diff(&fresh, port, c);
}

static void port_del_call(struct cfg_call *c, const char *dev, bool uplink)
{
	c->op = CFG_OP_PORT_DEL;
	snprintf(c->dev, sizeof(c->dev), "%s", dev);
	c->kind = uplink ? VSW_PORT_KIND_UPLINK : VSW_PORT_KIND_PORT;
}

static void fdb_call(struct cfg_call *c, enum cfg_op op, const char *sw,
		     const struct cfg_fdb *f)
{
	c->op = op;
	snprintf(c->sw, sizeof(c->sw), "%s", sw);
	memcpy(c->mac, f->mac, VSW_MAC_LEN);
	c->vlan = f->vlan;
	if (op == CFG_OP_FDB_ADD)
		memcpy(c->dev, f->port, sizeof(c->dev));
}

static void pg_call(struct cfg_call *c, enum cfg_op op, const char *name)
{
	c->op = op;
	snprintf(c->pg, sizeof(c->pg), "%s", name);
}

static bool list_differs(const char (*a)[IFNAMSIZ], unsigned int na,
			 const char (*b)[IFNAMSIZ], unsigned int nb)
{
	unsigned int i;

	if (na != nb)
		return true;
	for (i = 0; i < na; i++)
		if (strcmp(a[i], b[i]))
			return true;
	return false;
}

/*
 * "team set" from @from to @to; false if nothing changes. Only the lists
 * that change are sent: both states keep the lists apart, so a new active
 * list takes nothing from the standby list that stays, and a new standby
 * list names nothing of the active list that stays.
 */
static bool team_diff(const struct cfg_team *from, const struct cfg_team *to,
		      struct cfg_call *c)
{
	struct vsw_team_opts *o = &c->teamo;

	c->op = CFG_OP_TEAM_SET;
	memset(o, 0, sizeof(*o));
	c->team = *to;
	o->has_policy = from->policy != to->policy;
	o->policy = to->policy;
	o->has_active = list_differs(from->active, from->n_active,
				     to->active, to->n_active);
	o->has_standby = list_differs(from->standby, from->n_standby,
				      to->standby, to->n_standby);
	o->n_active = to->n_active;
	o->n_standby = to->n_standby;
	o->has_detect = from->detect != to->detect;
	o->detect = to->detect;
	o->has_failback = from->failback != to->failback;
	o->failback = to->failback;
	o->has_notify = from->notify != to->notify;
	o->notify = to->notify;
	o->has_lacp_rate = from->lacp_rate != to->lacp_rate;
	o->lacp_rate = to->lacp_rate;
	return o->has_policy || o->has_active || o->has_standby ||
	       o->has_detect ||
	       o->has_failback || o->has_notify || o->has_lacp_rate;
}

/* @t's lists without the uplinks @keep refuses; whether any went. */
static bool team_prune(struct cfg_team *t,
		       bool (*keep)(struct builder *, const char *,
				    const char *),
		       struct builder *b, const char *sw)
{
	unsigned int k, i, n, *np;
	char (*list)[IFNAMSIZ];
	bool pruned = false;

	for (k = 0; k < 2; k++) {
		list = k ? t->standby : t->active;
		np = k ? &t->n_standby : &t->n_active;
		for (i = n = 0; i < *np; i++) {
			if (!keep(b, sw, list[i])) {
				pruned = true;
				continue;
			}
			if (n != i)
				memcpy(list[n], list[i], IFNAMSIZ);
			n++;
		}
		*np = n;
	}
	return pruned;
}

/* ---- the phases ------------------------------------------------------- */

static void plan_switches(struct builder *b)
{
	struct vsw_switch_opts o;
	struct cfg_step *s;
	unsigned int i;

	for (i = 0; i < b->want->n_sw; i++) {
		const struct cfg_switch *w = &b->want->sw[i];
		const struct cfg_switch *old = b->before[i];

		if (old == &b->fresh[i]) {
			s = new_step(b, CFG_OP_SW_ADD, CFG_OP_SW_DEL, w->name);
			switch_diff(old, w, &s->call.swo);
		} else if (switch_diff(old, w, &o)) {
			s = new_step(b, CFG_OP_SW_SET, CFG_OP_SW_SET, w->name);
			s->call.swo = o;
			switch_diff(w, old, &s->undo.swo);
		}
	}
}

static void plan_pgs(struct builder *b)
{
	struct vsw_portgroup_opts o;
	const struct cfg_pg *old;
	struct cfg_step *s;
	unsigned int i, j;

	for (i = 0; i < b->want->n_sw; i++) {
		const struct cfg_switch *w = &b->want->sw[i];

		for (j = 0; j < w->n_pgs; j++) {
			const struct cfg_pg *pg = &w->pgs[j];

			old = cfg_find_pg(b->before[i], pg->name);
			if (!old) {
				s = new_step(b, CFG_OP_PG_ADD, CFG_OP_PG_DEL,
					     w->name);
				pg_call(&s->call, CFG_OP_PG_ADD, pg->name);
				pg_call(&s->undo, CFG_OP_PG_DEL, pg->name);
				pg_diff(&fresh_pg, pg, &s->call.pgo);
			} else if (pg_diff(old, pg, &o)) {
				s = new_step(b, CFG_OP_PG_SET, CFG_OP_PG_SET,
					     w->name);
				pg_call(&s->call, CFG_OP_PG_SET, pg->name);
				pg_call(&s->undo, CFG_OP_PG_SET, pg->name);
				s->call.pgo = o;
				pg_diff(pg, old, &s->undo.pgo);
			}
		}
	}
}

static void mark_gone(struct builder *b)
{
	unsigned int i, j;

	for (i = 0; i < b->cur->n_sw; i++) {
		const struct cfg_switch *sw = &b->cur->sw[i];

		for (j = 0; j < sw->n_uplinks; j++)
			if (must_detach(b, sw, sw->uplinks[j].name, true) &&
			    !cfg_add_port(&b->gone, &b->n_gone,
					  sw->uplinks[j].name))
				b->ret = -ENOMEM;
		for (j = 0; j < sw->n_ports; j++)
			if (must_detach(b, sw, sw->ports[j].name, false) &&
			    !cfg_add_port(&b->gone, &b->n_gone,
					  sw->ports[j].name))
				b->ret = -ENOMEM;
	}
}

/* Is entry @f of switch @sw one the file keeps, on a port it can have? */
static bool fdb_kept(const struct builder *b, const struct cfg_switch *sw,
		     const struct cfg_fdb *f)
{
	const struct cfg_switch *w = cfg_find_switch(b->want, sw->name);
	const struct cfg_fdb *wf;

	if (is_gone(b, f->port))
		return false;
	if (!w)
		return true;
	wf = cfg_find_fdb(w, f->mac, f->vlan);
	return wf && port_ready(b, w - b->want->sw, wf->port);
}

static void plan_fdb_del(struct builder *b)
{
	struct cfg_step *s;
	unsigned int i, j;

	for (i = 0; i < b->cur->n_sw; i++) {
		const struct cfg_switch *sw = &b->cur->sw[i];

		for (j = 0; j < sw->n_fdb; j++) {
			if (fdb_kept(b, sw, &sw->fdb[j]))
				continue;
			s = new_step(b, CFG_OP_FDB_DEL, CFG_OP_FDB_ADD, sw->name);
			fdb_call(&s->call, CFG_OP_FDB_DEL, sw->name, &sw->fdb[j]);
			fdb_call(&s->undo, CFG_OP_FDB_ADD, sw->name, &sw->fdb[j]);
		}
	}
}

static bool not_gone(struct builder *b, const char *sw,
		     const char *dev)
{
	(void)sw;
	return !is_gone(b, dev);
}

/*
 * Uplinks about to be detached leave their team's lists first, so that
 * undoing this step, after they are back, puts them in again.
 */
static void plan_team_prune(struct builder *b)
{
	struct cfg_team t;
	struct cfg_step *s;
	unsigned int i;

	for (i = 0; i < b->cur->n_sw; i++) {
		const struct cfg_switch *sw = &b->cur->sw[i];

		t = sw->team;
		if (!sw->has[CFG_TEAM] || !team_prune(&t, not_gone, b, sw->name))
			continue;
		s = new_step(b, CFG_OP_TEAM_SET, CFG_OP_TEAM_SET, sw->name);
		team_diff(&sw->team, &t, &s->call);
		team_diff(&t, &sw->team, &s->undo);
	}
}

static void plan_port_del(struct builder *b)
{
	struct cfg_step *s;
	unsigned int i, j, k;

	for (i = 0; i < b->cur->n_sw; i++) {
		const struct cfg_switch *sw = &b->cur->sw[i];

		for (k = 0; k < 2; k++) {
			const struct cfg_port *arr = k ? sw->ports : sw->uplinks;
			unsigned int n = k ? sw->n_ports : sw->n_uplinks;

			for (j = 0; j < n; j++) {
				if (!must_detach(b, sw, arr[j].name, !k))
					continue;
				s = new_step(b, CFG_OP_PORT_DEL, CFG_OP_PORT_ADD,
					     sw->name);
				port_del_call(&s->call, arr[j].name, !k);
				port_add_call(&s->undo, sw->name, &arr[j], !k);
			}
		}
	}
}

static void plan_uplinks(struct builder *b, unsigned int i)
{
	const struct cfg_switch *w = &b->want->sw[i], *old = b->before[i];
	struct cfg_step *s;
	unsigned int j;

	for (j = 0; j < w->n_uplinks; j++) {
		const struct cfg_port *up = &w->uplinks[j];

		if (cfg_find_port(old->uplinks, old->n_uplinks, up->name) &&
		    !is_gone(b, up->name))
			continue;
		if (absent(b, up->name)) {
			note(b, "uplink %s of switch %s: no such device on this host, skipped",
			     up->name, w->name);
			continue;
		}
		s = new_step(b, CFG_OP_PORT_ADD, CFG_OP_PORT_DEL, w->name);
		port_add_call(&s->call, w->name, up, true);
		port_del_call(&s->undo, up->name, true);
	}
}

static void plan_ports(struct builder *b, unsigned int i)
{
	const struct cfg_switch *w = &b->want->sw[i], *old = b->before[i];
	const struct cfg_port *was;
	struct cfg_step *s;
	struct cfg_call c;
	unsigned int j;

	for (j = 0; j < w->n_ports; j++) {
		const struct cfg_port *p = &w->ports[j];

		was = cfg_find_port(old->ports, old->n_ports, p->name);
		if (was && !is_gone(b, p->name)) {
			memset(&c, 0, sizeof(c));
			if (!port_diff(was, p, &c))
				continue;
			s = new_step(b, CFG_OP_PORT_SET, CFG_OP_PORT_SET,
				     w->name);
			memcpy(s->call.pg, c.pg, sizeof(c.pg));
			s->call.po = c.po;
			port_diff(p, was, &s->undo);
			memcpy(s->call.dev, p->name, sizeof(s->call.dev));
			memcpy(s->undo.dev, p->name, sizeof(s->undo.dev));
		} else if (absent(b, p->name)) {
			note(b, "port %s of switch %s: no such device on this host, skipped",
			     p->name, w->name);
		} else {
			s = new_step(b, CFG_OP_PORT_ADD, CFG_OP_PORT_DEL,
				     w->name);
			port_add_call(&s->call, w->name, p, false);
			port_del_call(&s->undo, p->name, false);
		}
	}
}

/* An uplink the file lists that this host lacks: left out, with a note. */
static bool uplink_here(struct builder *b, const char *sw,
			const char *dev)
{
	if (!absent(b, dev))
		return true;
	note(b, "team of switch %s: uplink %s is not on this host, left out of its list",
	     sw, dev);
	return false;
}

/* The file's team, once the uplinks are attached; only where it has one. */
static void plan_team(struct builder *b, unsigned int i)
{
	const struct cfg_switch *w = &b->want->sw[i], *old = b->before[i];
	struct cfg_team from, to;
	struct cfg_step *s;
	struct cfg_call c;

	if (!w->has[CFG_TEAM])
		return;
	/* Where phase 4 left it: without the uplinks detached. */
	from = old->team;
	team_prune(&from, not_gone, b, w->name);
	to = w->team;
	team_prune(&to, uplink_here, b, w->name);
	memset(&c, 0, sizeof(c));
	if (!team_diff(&from, &to, &c))
		return;
	s = new_step(b, CFG_OP_TEAM_SET, CFG_OP_TEAM_SET, w->name);
	s->call.teamo = c.teamo;
	s->call.team = c.team;
	team_diff(&to, &from, &s->undo);
}

/* The switch's own port: only its port group. */
static void plan_host_port(struct builder *b, unsigned int i)
{
	const struct cfg_switch *w = &b->want->sw[i], *old = b->before[i];
	struct cfg_step *s;

	if (!strcmp(old->host_pg, w->host_pg))
		return;
	s = new_step(b, CFG_OP_PORT_SET, CFG_OP_PORT_SET, w->name);
	memcpy(s->call.dev, w->name, sizeof(s->call.dev));
	memcpy(s->undo.dev, w->name, sizeof(s->undo.dev));
	memcpy(s->call.pg, w->host_pg, sizeof(s->call.pg));
	memcpy(s->undo.pg, old->host_pg, sizeof(s->undo.pg));
}

static void plan_pg_del(struct builder *b)
{
	const struct cfg_switch *w, *old;
	struct cfg_step *s;
	unsigned int i, j;

	for (i = 0; i < b->want->n_sw; i++) {
		w = &b->want->sw[i];
		old = b->before[i];
		for (j = 0; j < old->n_pgs; j++) {
			const struct cfg_pg *pg = &old->pgs[j];

			if (cfg_find_pg(w, pg->name))
				continue;
			s = new_step(b, CFG_OP_PG_DEL, CFG_OP_PG_ADD, w->name);
			pg_call(&s->call, CFG_OP_PG_DEL, pg->name);
			pg_call(&s->undo, CFG_OP_PG_ADD, pg->name);
			pg_diff(&fresh_pg, pg, &s->undo.pgo);
		}
	}
}

static void note_fdb(struct builder *b, const struct cfg_switch *w,
		     const struct cfg_fdb *f)
{
	char why[64];

	if (absent(b, f->port))
		snprintf(why, sizeof(why), "no device %s on this host",
			 f->port);
	else
		snprintf(why, sizeof(why), "%s is not a port of it", f->port);
	note(b, "fdb entry %02x:%02x:%02x:%02x:%02x:%02x vlan %u of switch %s: %s, skipped",
	     f->mac[0], f->mac[1], f->mac[2], f->mac[3], f->mac[4], f->mac[5],
	     f->vlan, w->name, why);
}

static void plan_fdb_add(struct builder *b)
{
	const struct cfg_fdb *old;
	struct cfg_step *s;
	unsigned int i, j;

	for (i = 0; i < b->want->n_sw; i++) {
		const struct cfg_switch *w = &b->want->sw[i];

		for (j = 0; j < w->n_fdb; j++) {
			const struct cfg_fdb *f = &w->fdb[j];

			old = cfg_find_fdb(b->before[i], f->mac, f->vlan);
			if (old && is_gone(b, old->port))
				old = NULL;	/* deleted in phase 3 */
			if (old && !strcmp(old->port, f->port))
				continue;
			if (!port_ready(b, i, f->port)) {
				note_fdb(b, w, f);
				continue;
			}
			s = new_step(b, CFG_OP_FDB_ADD, CFG_OP_FDB_DEL, w->name);
			fdb_call(&s->call, CFG_OP_FDB_ADD, w->name, f);
			if (old)
				fdb_call(&s->undo, CFG_OP_FDB_ADD, w->name, old);
			else
				fdb_call(&s->undo, CFG_OP_FDB_DEL, w->name, f);
		}
	}
}

static bool remotes_equal(const struct cfg_vxlan *a,
			  const struct cfg_vxlan *b)
{
	unsigned int i, j;

	if (a->n_remotes != b->n_remotes)
		return false;
	for (i = 0; i < a->n_remotes; i++) {
		for (j = 0; j < b->n_remotes; j++)
			if (cli_addr_eq(&a->remotes[i], &b->remotes[j]))
				break;
		if (j == b->n_remotes)
			return false;
	}
	return true;
}

/* Same settings: the remotes as sets (the file's order does not count). */
static bool vxlan_equal(const struct cfg_vxlan *a, const struct cfg_vxlan *b)
{
	return a->vni == b->vni && a->vlan == b->vlan &&
	       cli_addr_eq(&a->local, &b->local) && remotes_equal(a, b) &&
	       a->has_group == b->has_group &&
	       (!a->has_group || (cli_addr_eq(&a->group, &b->group) &&
				  !strcmp(a->dev, b->dev))) &&
	       a->dstport == b->dstport && a->ttl == b->ttl &&
	       a->learning == b->learning;
}

/* A copy of @vx the plan owns, for its steps to point to. */
static const struct cfg_vxlan *keep_vxlan(struct builder *b,
					  const struct cfg_vxlan *vx)
{
	static const struct cfg_vxlan none;
	struct cfg_plan *p = b->plan;
	struct cfg_vxlan **arr, *copy;

	if (b->ret)
		return &none;
	copy = malloc(sizeof(*copy));
	arr = copy ? realloc(p->vxlans, (p->n_vxlans + 1) * sizeof(*arr)) :
		     NULL;
	if (!arr) {
		free(copy);
		b->ret = -ENOMEM;
		return &none;
	}
	*copy = *vx;
	p->vxlans = arr;
	p->vxlans[p->n_vxlans++] = copy;
	return copy;
}

static void vxlan_step(struct builder *b, enum cfg_op op, const char *sw,
		       const struct cfg_vxlan *vx)
{
	struct cfg_step *s;

	s = new_step(b, op, op == CFG_OP_VXLAN_ADD ? CFG_OP_VXLAN_DEL :
						      CFG_OP_VXLAN_ADD, sw);
	s->call.vx = s->undo.vx = keep_vxlan(b, vx);
}

/* Phase 3: VNIs of the file's switches that it drops or changes. */
static void plan_vxlan_del(struct builder *b)
{
	const struct cfg_vxlan *want;
	unsigned int i, j;

	for (i = 0; i < b->cur->n_sw; i++) {
		const struct cfg_switch *sw = &b->cur->sw[i];
		const struct cfg_switch *w = cfg_find_switch(b->want, sw->name);

		for (j = 0; w && j < sw->n_vxlans; j++) {
			want = cfg_find_vxlan(w, sw->vxlans[j].vni);
			if (want && vxlan_equal(want, &sw->vxlans[j]))
				continue;
			vxlan_step(b, CFG_OP_VXLAN_DEL, sw->name, &sw->vxlans[j]);
		}
	}
}

/* Phase 8: the file's VNIs that are not there as they should be. */
static void plan_vxlan_add(struct builder *b)
{
	const struct cfg_vxlan *old;
	unsigned int i, j;

	for (i = 0; i < b->want->n_sw; i++) {
		const struct cfg_switch *w = &b->want->sw[i];

		for (j = 0; j < w->n_vxlans; j++) {
			const struct cfg_vxlan *vx = &w->vxlans[j];

			old = cfg_find_vxlan(b->before[i], vx->vni);
			if (old && vxlan_equal(old, vx))
				continue;
			if (vx->has_group && absent(b, vx->dev)) {
				note(b, "VNI %u of switch %s: no device %s on this host for its group, skipped",
				     vx->vni, w->name, vx->dev);
				continue;
			}
			vxlan_step(b, CFG_OP_VXLAN_ADD, w->name, vx);
		}
	}
}

/* A switch the file adds: what "switch add" makes. */
static void fresh_switch(struct cfg_switch *sw, const char *name)
{
	memset(sw, 0, sizeof(*sw));
	snprintf(sw->name, sizeof(sw->name), "%s", name);
	sw->ageing = VSW_AGEING_DEFAULT;
	sw->fdb_max = VSW_FDB_MAX_DEFAULT;
	snprintf(sw->host_pg, sizeof(sw->host_pg), "%s",
		 VSW_PORTGROUP_DEFAULT);
	sw->pgs = &fresh_pg;
	sw->n_pgs = 1;
	cfg_team_defaults(&sw->team);
}

int cfg_plan_build(const struct cfg *cur, const struct cfg *want,
		   cfg_dev_exists_fn exists, void *arg, struct cfg_plan *plan)
{
	struct builder b = {
		.cur = cur, .want = want, .exists = exists, .arg = arg,
		.plan = plan,
	};
	unsigned int i;

	memset(plan, 0, sizeof(*plan));
	b.before = calloc(want->n_sw + 1, sizeof(*b.before));
	b.fresh = calloc(want->n_sw + 1, sizeof(*b.fresh));
	if (!b.before || !b.fresh) {
		b.ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i < want->n_sw; i++) {
		b.before[i] = cfg_find_switch(cur, want->sw[i].name);
		if (!b.before[i]) {
			fresh_switch(&b.fresh[i], want->sw[i].name);
			b.before[i] = &b.fresh[i];
		}
	}
	plan_switches(&b);
	plan_pgs(&b);
	mark_gone(&b);
	plan_fdb_del(&b);
	plan_vxlan_del(&b);
	plan_team_prune(&b);
	plan_port_del(&b);
	for (i = 0; i < want->n_sw; i++) {
		plan_uplinks(&b, i);
		plan_ports(&b, i);
		plan_host_port(&b, i);
	}
	for (i = 0; i < want->n_sw; i++)
		plan_team(&b, i);
	plan_pg_del(&b);
	plan_fdb_add(&b);
	plan_vxlan_add(&b);
out:
	free(b.before);
	free(b.fresh);
	free(b.gone);
	if (b.ret)
		cfg_plan_free(plan);
	return b.ret;
}

/* ---- printing --------------------------------------------------------- */

static const char *onoff(bool on)
{
	return on ? "on" : "off";
}

static void print_mac(FILE *f, const char *prefix, const uint8_t *mac)
{
	fprintf(f, "%s%02x:%02x:%02x:%02x:%02x:%02x", prefix, mac[0], mac[1],
		mac[2], mac[3], mac[4], mac[5]);
}

static void print_pg_opts(FILE *f, const struct vsw_portgroup_opts *o)
{
	char trunk[VSW_VLAN_LIST_STRLEN];

	if (o->has_vlan)
		fprintf(f, " vlan %u", o->vlan);
	if (o->has_trunk) {
		vsw_vlan_bitmap_format(o->trunk, trunk, sizeof(trunk));
		fprintf(f, " trunk %s", trunk);
	}
	if (o->has_native && o->native)
		fprintf(f, " native %u", o->native);
	else if (o->has_native)
		fputs(" native none", f);
	if (o->has_promisc)
		fprintf(f, " promisc %s", onoff(o->promisc));
	if (o->has_mac_change)
		fprintf(f, " mac-change %s", onoff(o->mac_change));
	if (o->has_forged_transmits)
		fprintf(f, " forged-transmits %s", onoff(o->forged_transmits));
	if (o->has_shaping && o->shaping.avg_kbit)
		fprintf(f, " shaping avg %u peak %u burst %u",
			o->shaping.avg_kbit, o->shaping.peak_kbit,
			o->shaping.burst_kb);
	else if (o->has_shaping)
		fputs(" shaping off", f);
}

static void print_port_opts(FILE *f, const struct cfg_call *c)
{
	static const uint8_t zero[VSW_MAC_LEN];

	if (c->pg[0])
		fprintf(f, " portgroup %s", c->pg);
	if (c->po.has_mac && !memcmp(c->po.mac, zero, VSW_MAC_LEN))
		fputs(" mac none", f);
	else if (c->po.has_mac)
		print_mac(f, " mac ", c->po.mac);
	if (c->po.has_fdb_max)
		fprintf(f, " fdb-max %u", c->po.fdb_max);
}

static void print_switch(FILE *f, const char *verb, const struct cfg_call *c)
{
	fprintf(f, "switch %s %s", verb, c->sw);
	if (c->swo.has_ageing)
		fprintf(f, " ageing %u", c->swo.ageing);
	if (c->swo.has_fdb_max)
		fprintf(f, " fdb-max %u", c->swo.fdb_max);
}

static void print_team_list(FILE *f, const char *kw,
			    const char (*list)[IFNAMSIZ], unsigned int n)
{
	unsigned int i;

	fprintf(f, " %s ", kw);
	if (!n)
		fputs("none", f);
	for (i = 0; i < n; i++)
		fprintf(f, "%s%s", i ? "," : "", list[i]);
}

/* In the order of "team set"'s grammar. */
static void print_team(FILE *f, const struct cfg_call *c)
{
	const struct vsw_team_opts *o = &c->teamo;

	fprintf(f, "team set %s", c->sw);
	if (o->has_policy)
		fprintf(f, " policy %s", cli_team_policy_name(o->policy));
	if (o->has_active)
		print_team_list(f, "active", c->team.active, o->n_active);
	if (o->has_standby)
		print_team_list(f, "standby", c->team.standby, o->n_standby);
	if (o->has_detect)
		fprintf(f, " detect %s", cli_team_detect_name(o->detect));
	if (o->has_failback)
		fprintf(f, " failback %s", onoff(o->failback));
	if (o->has_notify)
		fprintf(f, " notify-switches %s", onoff(o->notify));
	if (o->has_lacp_rate)
		fprintf(f, " lacp-rate %s", cli_lacp_rate_name(o->lacp_rate));
}

void cfg_vxlan_opts(const struct cfg_vxlan *vx, const char *sw,
		    struct vsw_vxlan_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->sw = sw;
	o->vni = vx->vni;
	o->vlan = vx->vlan;
	o->local = vx->local;
	o->n_remotes = vx->n_remotes;
	o->remotes = vx->remotes;
	o->has_group = vx->has_group;
	o->group = vx->group;
	o->dev = vx->has_group ? vx->dev : NULL;
	o->has_dstport = vx->dstport != VSW_VXLAN_DSTPORT_DEFAULT;
	o->dstport = vx->dstport;
	o->has_ttl = vx->ttl != VSW_VXLAN_TTL_DEFAULT;
	o->ttl = vx->ttl;
	o->has_learning = !vx->learning;
	o->learning = vx->learning;
}

/* In the order of "vxlan add"'s grammar; what is sent, no more. */
static void print_vxlan(FILE *f, const struct cfg_call *c)
{
	char buf[INET6_ADDRSTRLEN];
	struct vsw_vxlan_opts o;
	unsigned int i;

	cfg_vxlan_opts(c->vx, c->sw, &o);
	fprintf(f, "vxlan add %s vni %u vlan %u local %s", c->sw, o.vni,
		o.vlan, cli_addr_str(&o.local, buf, sizeof(buf)));
	for (i = 0; i < o.n_remotes; i++)
		fprintf(f, "%s%s", i ? "," : " remote ",
			cli_addr_str(&o.remotes[i], buf, sizeof(buf)));
	if (o.has_group)
		fprintf(f, " group %s dev %s",
			cli_addr_str(&o.group, buf, sizeof(buf)), o.dev);
	if (o.has_dstport)
		fprintf(f, " dstport %u", o.dstport);
	if (o.has_ttl)
		fprintf(f, " ttl %u", o.ttl);
	if (o.has_learning)
		fprintf(f, " learning %s", onoff(o.learning));
}

static const char *port_object(const struct cfg_call *c)
{
	return c->kind == VSW_PORT_KIND_UPLINK ? "uplink" : "port";
}

void cfg_call_print(FILE *f, const struct cfg_call *c)
{
	switch (c->op) {
	case CFG_OP_SW_ADD:
		print_switch(f, "add", c);
		break;
	case CFG_OP_SW_SET:
		print_switch(f, "set", c);
		break;
	case CFG_OP_SW_DEL:
		fprintf(f, "switch del %s", c->sw);
		break;
	case CFG_OP_PG_ADD:
	case CFG_OP_PG_SET:
		fprintf(f, "portgroup %s %s %s",
			c->op == CFG_OP_PG_ADD ? "add" : "set", c->sw, c->pg);
		print_pg_opts(f, &c->pgo);
		break;
	case CFG_OP_PG_DEL:
		fprintf(f, "portgroup del %s %s", c->sw, c->pg);
		break;
	case CFG_OP_PORT_ADD:
		fprintf(f, "%s add %s %s", port_object(c), c->sw, c->dev);
		print_port_opts(f, c);
		break;
	case CFG_OP_PORT_SET:
		fprintf(f, "port set %s", c->dev);
		print_port_opts(f, c);
		break;
	case CFG_OP_PORT_DEL:
		fprintf(f, "%s del %s", port_object(c), c->dev);
		break;
	case CFG_OP_FDB_ADD:
		fprintf(f, "fdb add %s", c->sw);
		print_mac(f, " ", c->mac);
		fprintf(f, " vlan %u port %s", c->vlan, c->dev);
		break;
	case CFG_OP_FDB_DEL:
		fprintf(f, "fdb del %s", c->sw);
		print_mac(f, " ", c->mac);
		fprintf(f, " vlan %u", c->vlan);
		break;
	case CFG_OP_TEAM_SET:
		print_team(f, c);
		break;
	case CFG_OP_VXLAN_ADD:
		print_vxlan(f, c);
		break;
	case CFG_OP_VXLAN_DEL:
		fprintf(f, "vxlan del %s vni %u", c->sw, c->vx->vni);
		break;
	}
}
