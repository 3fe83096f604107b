// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The configuration model and its file format (version 1): reading with
 * every field checked and named by its path on error, the host file
 * merge, the checks between fields, and writing. No netlink here.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "config.h"
#include "vswctl.h"

/* ---- the model -------------------------------------------------------- */

static void switch_free(struct cfg_switch *sw)
{
	free(sw->pgs);
	free(sw->uplinks);
	free(sw->ports);
	free(sw->fdb);
	free(sw->vxlans);
}

void cfg_free(struct cfg *cfg)
{
	unsigned int i;

	for (i = 0; i < cfg->n_sw; i++)
		switch_free(&cfg->sw[i]);
	free(cfg->sw);
	cfg->sw = NULL;
	cfg->n_sw = 0;
}

/* Room for one more zeroed element of @size at the end of *@arr. */
static void *grow(void *arrp, unsigned int *n, size_t size)
{
	void **arr = arrp;
	char *p;

	p = realloc(*arr, (*n + 1) * size);
	if (!p)
		return NULL;
	*arr = p;
	p += (*n)++ * size;
	memset(p, 0, size);
	return p;
}

static void copy_name(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

void cfg_team_defaults(struct cfg_team *team)
{
	memset(team, 0, sizeof(*team));
	team->policy = VSW_TEAM_POLICY_PORT_ID;
	team->detect = VSW_TEAM_DETECT_LINK;
	team->failback = true;
	team->notify = true;
	team->lacp_rate = VSW_LACP_RATE_FAST;
}

/* A switch with the kernel's defaults, as "switch add NAME" makes it. */
struct cfg_switch *cfg_add_switch(struct cfg *cfg, const char *name)
{
	struct cfg_switch *sw = grow(&cfg->sw, &cfg->n_sw, sizeof(*sw));

	if (!sw)
		return NULL;
	copy_name(sw->name, sizeof(sw->name), name);
	sw->ageing = VSW_AGEING_DEFAULT;
	sw->fdb_max = VSW_FDB_MAX_DEFAULT;
	copy_name(sw->host_pg, sizeof(sw->host_pg), VSW_PORTGROUP_DEFAULT);
	cfg_team_defaults(&sw->team);
	return sw;
}

/* A port group as "portgroup add SW NAME" makes it: VLAN 0, all off. */
struct cfg_pg *cfg_add_pg(struct cfg_switch *sw, const char *name)
{
	struct cfg_pg *pg = grow(&sw->pgs, &sw->n_pgs, sizeof(*pg));

	if (pg)
		copy_name(pg->name, sizeof(pg->name), name);
	return pg;
}

struct cfg_port *cfg_add_port(struct cfg_port **arr, unsigned int *n,
			      const char *name)
{
	struct cfg_port *port = grow(arr, n, sizeof(*port));

	if (!port)
		return NULL;
	copy_name(port->name, sizeof(port->name), name);
	copy_name(port->pg, sizeof(port->pg), VSW_PORTGROUP_DEFAULT);
	return port;
}

struct cfg_fdb *cfg_add_fdb(struct cfg_switch *sw)
{
	return grow(&sw->fdb, &sw->n_fdb, sizeof(*sw->fdb));
}

struct cfg_vxlan *cfg_add_vxlan(struct cfg_switch *sw, uint32_t vni)
{
	struct cfg_vxlan *vx = grow(&sw->vxlans, &sw->n_vxlans, sizeof(*vx));

	if (!vx)
		return NULL;
	vx->vni = vni;
	vx->dstport = VSW_VXLAN_DSTPORT_DEFAULT;
	vx->ttl = VSW_VXLAN_TTL_DEFAULT;
	vx->learning = true;
	return vx;
}

const struct cfg_vxlan *cfg_find_vxlan(const struct cfg_switch *sw,
				       uint32_t vni)
{
	unsigned int i;

	for (i = 0; i < sw->n_vxlans; i++)
		if (sw->vxlans[i].vni == vni)
			return &sw->vxlans[i];
	return NULL;
}

const struct cfg_switch *cfg_find_switch(const struct cfg *cfg,
					 const char *name)
{
	unsigned int i;

	for (i = 0; i < cfg->n_sw; i++)
		if (!strcmp(cfg->sw[i].name, name))
			return &cfg->sw[i];
	return NULL;
}

const struct cfg_pg *cfg_find_pg(const struct cfg_switch *sw,
				 const char *name)
{
	unsigned int i;

	for (i = 0; i < sw->n_pgs; i++)
		if (!strcmp(sw->pgs[i].name, name))
			return &sw->pgs[i];
	return NULL;
}

const struct cfg_port *cfg_find_port(const struct cfg_port *arr,
				     unsigned int n, const char *name)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strcmp(arr[i].name, name))
			return &arr[i];
	return NULL;
}

bool cfg_team_listed(const char (*list)[IFNAMSIZ], unsigned int n,
		     const char *name)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strcmp(list[i], name))
			return true;
	return false;
}

const struct cfg_fdb *cfg_find_fdb(const struct cfg_switch *sw,
				   const uint8_t *mac, uint16_t vlan)
{
	unsigned int i;

	for (i = 0; i < sw->n_fdb; i++)
		if (sw->fdb[i].vlan == vlan &&
		    !memcmp(sw->fdb[i].mac, mac, VSW_MAC_LEN))
			return &sw->fdb[i];
	return NULL;
}

/* ---- reading: the path of the field being read, for messages ---------- */

struct ctx {
	const char *file;
	char path[256];
	size_t len;
};

static size_t path_key(struct ctx *c, const char *key)
{
	size_t old = c->len;

	snprintf(c->path + c->len, sizeof(c->path) - c->len, "%s%s",
		 c->len ? "." : "", key);
	c->len = strlen(c->path);
	return old;
}

static size_t path_index(struct ctx *c, unsigned int i)
{
	size_t old = c->len;

	snprintf(c->path + c->len, sizeof(c->path) - c->len, "[%u]", i);
	c->len = strlen(c->path);
	return old;
}

static void path_restore(struct ctx *c, size_t len)
{
	c->len = len;
	c->path[len] = '\0';
}

/* "Error: FILE: PATH: what"; always -1. */
static __attribute__((format(printf, 2, 3)))
int err(const struct ctx *c, const char *fmt, ...)
{
	char msg[sizeof(cli_errbuf)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->len)
		cli_error("%s: %s: %s", c->file, c->path, msg);
	else
		cli_error("%s: %s", c->file, msg);
	return -1;
}

/* The message of a failed cli_parse_*() call, at the field's path. */
static int err_parser(const struct ctx *c)
{
	char msg[sizeof(cli_errbuf)];

	memcpy(msg, cli_errbuf, sizeof(msg));
	return err(c, "%s", msg);
}

static const char *type_name(json_object *v)
{
	switch (json_object_get_type(v)) {
	case json_type_null:
		return "null";
	case json_type_boolean:
		return "a boolean";
	case json_type_int:
	case json_type_double:
		return "a number";
	case json_type_object:
		return "an object";
	case json_type_array:
		return "an array";
	case json_type_string:
		return "a string";
	}
	return "unknown";
}

static int want_type(const struct ctx *c, json_object *v, json_type type,
		     const char *what)
{
	if (json_object_is_type(v, type))
		return 0;
	return err(c, "must be %s, not %s", what, type_name(v));
}

static int get_uint(const struct ctx *c, json_object *v, uint32_t min,
		    uint32_t max, uint32_t *out)
{
	int64_t x;

	if (!json_object_is_type(v, json_type_int))
		return err(c, "must be an integer %u-%u, not %s", min, max,
			   type_name(v));
	/* Beyond INT64_MAX json-c gives INT64_MAX: out of range as well. */
	x = json_object_get_int64(v);
	if (x < min || x > max)
		return err(c, "must be %u-%u", min, max);
	*out = x;
	return 0;
}

static int get_u16(const struct ctx *c, json_object *v, uint16_t min,
		   uint16_t max, uint16_t *out)
{
	uint32_t x;

	if (get_uint(c, v, min, max, &x))
		return -1;
	*out = x;
	return 0;
}

static int get_bool(const struct ctx *c, json_object *v, bool *out)
{
	if (want_type(c, v, json_type_boolean, "true or false"))
		return -1;
	*out = json_object_get_boolean(v);
	return 0;
}

static int get_string(const struct ctx *c, json_object *v, const char **out)
{
	if (want_type(c, v, json_type_string, "a string"))
		return -1;
	*out = json_object_get_string(v);
	if (strlen(*out) != (size_t)json_object_get_string_len(v))
		return err(c, "must not contain a NUL character");
	return 0;
}

/* The checks of the command line, quiet: their text comes with the path. */
static int get_ifname(const struct ctx *c, json_object *v, const char *what,
		      char *out)
{
	const char *s;
	int ret;

	if (get_string(c, v, &s))
		return -1;
	cli_err_quiet = true;
	ret = cli_parse_name(s, what);
	cli_err_quiet = false;
	if (ret)
		return err_parser(c);
	copy_name(out, IFNAMSIZ, s);
	return 0;
}

static int get_pgname(const struct ctx *c, json_object *v, char *out)
{
	const char *s;
	int ret;

	if (get_string(c, v, &s))
		return -1;
	cli_err_quiet = true;
	ret = cli_parse_pgname(s);
	cli_err_quiet = false;
	if (ret)
		return err_parser(c);
	copy_name(out, VSW_PORTGROUP_NAMSIZ, s);
	return 0;
}

/* A unicast, non-zero MAC: what a port's MAC and a static entry take. */
static int get_mac(const struct ctx *c, json_object *v, uint8_t *mac)
{
	static const uint8_t zero[VSW_MAC_LEN];
	const char *s;
	int ret;

	if (get_string(c, v, &s))
		return -1;
	cli_err_quiet = true;
	ret = cli_parse_mac(s, mac);
	cli_err_quiet = false;
	if (ret)
		return err_parser(c);
	if (mac[0] & 1)
		return err(c, "\"%s\" is a multicast address", s);
	if (!memcmp(mac, zero, VSW_MAC_LEN))
		return err(c, "\"%s\" is all zeroes", s);
	return 0;
}

static int get_trunk(const struct ctx *c, json_object *v, uint8_t *bm)
{
	const char *s;
	int ret;

	if (get_string(c, v, &s))
		return -1;
	cli_err_quiet = true;
	ret = cli_parse_trunk(s, bm);
	cli_err_quiet = false;
	return ret ? err_parser(c) : 0;
}

/* ---- reading: port groups --------------------------------------------- */

static int parse_security(struct ctx *c, json_object *o, struct cfg_pg *pg)
{
	if (want_type(c, o, json_type_object, "an object"))
		return -1;
	json_object_object_foreach(o, key, v) {
		size_t m = path_key(c, key);
		bool *field;

		if (!strcmp(key, "promisc"))
			field = &pg->promisc;
		else if (!strcmp(key, "mac_change"))
			field = &pg->mac_change;
		else if (!strcmp(key, "forged_transmits"))
			field = &pg->forged_transmits;
		else
			return err(c, "unknown key");
		if (get_bool(c, v, field))
			return -1;
		path_restore(c, m);
	}
	return 0;
}

static int parse_shaping(struct ctx *c, json_object *o, struct cfg_pg *pg)
{
	static const char *const keys[] = { "avg_kbit", "peak_kbit", "burst_kb" };
	uint32_t *vals[] = { &pg->shaping.avg_kbit, &pg->shaping.peak_kbit,
			     &pg->shaping.burst_kb };
	const uint32_t max[] = { UINT32_MAX, UINT32_MAX, VSW_SHAPING_BURST_MAX };
	bool seen[3] = { false };
	unsigned int i;

	if (json_object_is_type(o, json_type_null))
		return 0;
	if (want_type(c, o, json_type_object, "null or an object"))
		return -1;
	json_object_object_foreach(o, key, v) {
		size_t m = path_key(c, key);

		for (i = 0; i < 3 && strcmp(key, keys[i]); i++)
			;
		if (i == 3)
			return err(c, "unknown key");
		if (get_uint(c, v, 1, max[i], vals[i]))
			return -1;
		seen[i] = true;
		path_restore(c, m);
	}
	for (i = 0; i < 3; i++)
		if (!seen[i])
			return err(c, "missing \"%s\"", keys[i]);
	if (pg->shaping.peak_kbit < pg->shaping.avg_kbit) {
		path_key(c, "peak_kbit");
		return err(c, "must be at least avg_kbit (%u)",
			   pg->shaping.avg_kbit);
	}
	pg->shaping_on = true;
	return 0;
}

/* Which of vlan, trunk and native a group gave (not null). */
struct pg_seen {
	bool vlan;
	bool trunk;
	bool native;
};

static int parse_pg_key(struct ctx *c, const char *key, json_object *v,
			struct cfg_pg *pg, struct pg_seen *seen)
{
	bool null = json_object_is_type(v, json_type_null);

	if (!strcmp(key, "name"))
		return get_pgname(c, v, pg->name);
	if (!strcmp(key, "vlan")) {
		seen->vlan = !null;
		return null ? 0 : get_u16(c, v, 0, VSW_VLAN_TRUNK_ALL,
					  &pg->vlan);
	}
	if (!strcmp(key, "trunk")) {
		seen->trunk = !null;
		return null ? 0 : get_trunk(c, v, pg->trunk);
	}
	if (!strcmp(key, "native")) {
		seen->native = !null;
		return null ? 0 : get_u16(c, v, 1, VSW_VLAN_MAX, &pg->native);
	}
	if (!strcmp(key, "security"))
		return parse_security(c, v, pg);
	if (!strcmp(key, "shaping"))
		return parse_shaping(c, v, pg);
	return err(c, "unknown key");
}

/* The VLAN mode from vlan, trunk and native, as the kernel takes them. */
static int pg_mode(struct ctx *c, const struct pg_seen *seen,
		   struct cfg_pg *pg)
{
	if (seen->trunk) {
		if (seen->vlan) {
			path_key(c, "trunk");
			return err(c, "cannot be combined with a vlan (set \"vlan\" to null)");
		}
		if (pg->native && !vsw_vlan_bitmap_test(pg->trunk, pg->native)) {
			path_key(c, "native");
			return err(c, "VLAN %u is not in the trunk list",
				   pg->native);
		}
		pg->mode = VSW_PG_MODE_TRUNK_LIST;
		return 0;
	}
	if (seen->native) {
		path_key(c, "native");
		return err(c, "a native VLAN needs a trunk list");
	}
	if (pg->vlan == 0)
		pg->mode = VSW_PG_MODE_NONE;
	else if (pg->vlan == VSW_VLAN_TRUNK_ALL)
		pg->mode = VSW_PG_MODE_TRUNK_ALL;
	else
		pg->mode = VSW_PG_MODE_ACCESS;
	return 0;
}

static int parse_pg(struct ctx *c, json_object *o, struct cfg_switch *sw)
{
	struct pg_seen seen = { false };
	struct cfg_pg *pg;

	if (want_type(c, o, json_type_object, "an object"))
		return -1;
	pg = cfg_add_pg(sw, "");
	if (!pg)
		return err(c, "out of memory");
	json_object_object_foreach(o, key, v) {
		size_t m = path_key(c, key);

		if (parse_pg_key(c, key, v, pg, &seen))
			return -1;
		path_restore(c, m);
	}
	if (!pg->name[0])
		return err(c, "missing \"name\"");
	if (cfg_find_pg(sw, pg->name) != pg) {
		path_key(c, "name");
		return err(c, "duplicate port group \"%s\"", pg->name);
	}
	return pg_mode(c, &seen, pg);
}

/* ---- reading: ports, uplinks, static entries -------------------------- */

static int parse_port(struct ctx *c, json_object *o, struct cfg_switch *sw)
{
	struct cfg_port *port;

	if (want_type(c, o, json_type_object, "an object"))
		return -1;
	port = cfg_add_port(&sw->ports, &sw->n_ports, "");
	if (!port)
		return err(c, "out of memory");
	json_object_object_foreach(o, key, v) {
		size_t m = path_key(c, key);
		int ret;

		if (!strcmp(key, "name"))
			ret = get_ifname(c, v, "device", port->name);
		else if (!strcmp(key, "portgroup"))
			ret = get_pgname(c, v, port->pg);
		else if (!strcmp(key, "mac"))
			ret = get_mac(c, v, port->mac);
		else if (!strcmp(key, "fdb_max"))
			ret = get_uint(c, v, 0, UINT32_MAX, &port->fdb_max);
		else
			ret = err(c, "unknown key");
		if (ret)
			return ret;
		if (!strcmp(key, "mac"))
			port->has_mac = true;
		path_restore(c, m);
	}
	if (!port->name[0])
		return err(c, "missing \"name\"");
	if (cfg_find_port(sw->ports, sw->n_ports, port->name) != port) {
		path_key(c, "name");
		return err(c, "duplicate port \"%s\"", port->name);
	}
	return 0;
}

static int parse_uplink(struct ctx *c, json_object *v, struct cfg_switch *sw)
{
	struct cfg_port *up;

	up = cfg_add_port(&sw->uplinks, &sw->n_uplinks, "");
	if (!up)
		return err(c, "out of memory");
	if (get_ifname(c, v, "device", up->name))
		return -1;
	if (cfg_find_port(sw->uplinks, sw->n_uplinks, up->name) != up)
		return err(c, "duplicate uplink \"%s\"", up->name);
	return 0;
}

static int parse_fdb(struct ctx *c, json_object *o, struct cfg_switch *sw)
{
	bool seen_mac = false;
	struct cfg_fdb *f;

	if (want_type(c, o, json_type_object, "an object"))
		return -1;
	f = cfg_add_fdb(sw);
	if (!f)
		return err(c, "out of memory");
	json_object_object_foreach(o, key, v) {
		size_t m = path_key(c, key);
		int ret;

		if (!strcmp(key, "mac"))
			ret = get_mac(c, v, f->mac);
		else if (!strcmp(key, "vlan"))
			ret = get_u16(c, v, 0, VSW_VLAN_MAX, &f->vlan);
		else if (!strcmp(key, "port"))
			ret = get_ifname(c, v, "device", f->port);
		else
			ret = err(c, "unknown key");
		if (ret)
			return ret;
		seen_mac |= !strcmp(key, "mac");
		path_restore(c, m);
	}
	if (!seen_mac)
		return err(c, "missing \"mac\"");
	if (!f->port[0])
		return err(c, "missing \"port\"");
	if (cfg_find_fdb(sw, f->mac, f->vlan) != f)
		return err(c, "duplicate entry for %02x:%02x:%02x:%02x:%02x:%02x in VLAN %u",
			   f->mac[0], f->mac[1], f->mac[2], f->mac[3],
			   f->mac[4], f->mac[5], f->vlan);
	return 0;
}

/* Each element of array @v through @fn, with its index in the path. */
static int parse_array(struct ctx *c, json_object *v, struct cfg_switch *sw,
		       int (*fn)(struct ctx *, json_object *,
				 struct cfg_switch *))
{
	size_t i, n;

	if (want_type(c, v, json_type_array, "an array"))
		return -1;
	n = json_object_array_length(v);
	for (i = 0; i < n; i++) {
		size_t m = path_index(c, i);

		if (fn(c, json_object_array_get_idx(v, i), sw))
			return -1;
		path_restore(c, m);
	}
	return 0;
}

/* ---- reading: the team ----------------------------------------------- */

/* An array of uplink names, each once; checked against the uplinks later. */
static int parse_team_list(struct ctx *c, json_object *v,
			   char (*list)[IFNAMSIZ], unsigned int *n)
{
	size_t i, len;
	unsigned int j;

	if (want_type(c, v, json_type_array, "an array of uplink names"))
		return -1;
	len = json_object_array_length(v);
	if (len > CFG_TEAM_LIST_MAX)
		return err(c, "at most %d uplinks", CFG_TEAM_LIST_MAX);
	for (i = 0; i < len; i++) {
		size_t m = path_index(c, i);

		if (get_ifname(c, json_object_array_get_idx(v, i), "device",
			       list[i]))
			return -1;
		for (j = 0; j < i; j++)
			if (!strcmp(list[j], list[i]))
				return err(c, "\"%s\" is listed twice", list[i]);
		path_restore(c, m);
	}
	*n = len;
	return 0;
}

/* A name of "team set" (policy, detect, lacp-rate), by its parser. */
static int get_team_enum(const struct ctx *c, json_object *v,
			 int (*parse)(const char *, void *), void *out)
{
	const char *s;
	int ret;

	if (get_string(c, v, &s))
		return -1;
	cli_err_quiet = true;
	ret = parse(s, out);
	cli_err_quiet = false;
	return ret ? err_parser(c) : 0;
}

static int parse_policy(const char *s, void *out)
{
	return cli_parse_team_policy(s, out);
}

static int parse_detect(const char *s, void *out)
{
	return cli_parse_team_detect(s, out);
}

static int parse_rate(const char *s, void *out)
{
	return cli_parse_lacp_rate(s, out);
}

/* The whole team: what the object leaves out takes its default. */
static int parse_team(struct ctx *c, json_object *o, struct cfg_team *t)
{
	cfg_team_defaults(t);
	if (want_type(c, o, json_type_object, "null or an object"))
		return -1;
	json_object_object_foreach(o, key, v) {
		size_t m = path_key(c, key);
		int ret;

		if (!strcmp(key, "policy"))
			ret = get_team_enum(c, v, parse_policy, &t->policy);
		else if (!strcmp(key, "active"))
			ret = parse_team_list(c, v, t->active, &t->n_active);
		else if (!strcmp(key, "standby"))
			ret = parse_team_list(c, v, t->standby, &t->n_standby);
		else if (!strcmp(key, "detect"))
			ret = get_team_enum(c, v, parse_detect, &t->detect);
		else if (!strcmp(key, "failback"))
			ret = get_bool(c, v, &t->failback);
		else if (!strcmp(key, "notify_switches"))
			ret = get_bool(c, v, &t->notify);
		else if (!strcmp(key, "lacp_rate"))
			ret = get_team_enum(c, v, parse_rate, &t->lacp_rate);
		else
			ret = err(c, "unknown key");
		if (ret)
			return ret;
		path_restore(c, m);
	}
	return 0;
}

/* ---- reading: VXLAN --------------------------------------------------- */

static int get_addr(const struct ctx *c, json_object *v, const char *what,
		    struct vsw_addr *a)
{
	const char *s;
	int ret;

	if (get_string(c, v, &s))
		return -1;
	cli_err_quiet = true;
	ret = cli_parse_addr(s, what, a);
	cli_err_quiet = false;
	return ret ? err_parser(c) : 0;
}

static int get_unicast(const struct ctx *c, json_object *v, const char *what,
		       struct vsw_addr *a)
{
	int ret;

	if (get_addr(c, v, what, a))
		return -1;
	cli_err_quiet = true;
	ret = cli_check_unicast(a, what);
	cli_err_quiet = false;
	return ret ? err_parser(c) : 0;
}

/* The remote VTEPs: unicast, each once; the family is checked later. */
static int parse_remotes(struct ctx *c, json_object *v, struct cfg_vxlan *vx)
{
	char buf[INET6_ADDRSTRLEN];
	size_t i, len;
	unsigned int j;

	if (want_type(c, v, json_type_array, "an array of addresses"))
		return -1;
	len = json_object_array_length(v);
	if (len > VSW_VXLAN_REMOTES_MAX)
		return err(c, "at most %d remote addresses",
			   VSW_VXLAN_REMOTES_MAX);
	for (i = 0; i < len; i++) {
		size_t m = path_index(c, i);
		struct vsw_addr *a = &vx->remotes[i];

		if (get_unicast(c, json_object_array_get_idx(v, i), "remote",
				a))
			return -1;
		for (j = 0; j < i; j++)
			if (cli_addr_eq(&vx->remotes[j], a))
				return err(c, "%s is listed twice",
					   cli_addr_str(a, buf, sizeof(buf)));
		path_restore(c, m);
	}
	vx->n_remotes = len;
	return 0;
}

/* Which keys a VNI gave. */
struct vxlan_seen {
	bool vni;
	bool vlan;
	bool local;
};

static int parse_vxlan_key(struct ctx *c, const char *key, json_object *v,
			   struct cfg_vxlan *vx, struct vxlan_seen *seen)
{
	bool null = json_object_is_type(v, json_type_null);
	uint32_t x;

	if (!strcmp(key, "vni")) {
		seen->vni = true;
		return get_uint(c, v, 1, VSW_VXLAN_VNI_MAX, &vx->vni);
	}
	if (!strcmp(key, "vlan")) {
		seen->vlan = true;
		return get_u16(c, v, 0, VSW_VLAN_MAX, &vx->vlan);
	}
	if (!strcmp(key, "local")) {
		seen->local = true;
		return get_unicast(c, v, "local", &vx->local);
	}
	if (!strcmp(key, "remote"))
		return parse_remotes(c, v, vx);
	if (!strcmp(key, "group")) {
		vx->has_group = !null;
		return null ? 0 : get_addr(c, v, "group", &vx->group);
	}
	if (!strcmp(key, "dev")) {
		vx->dev[0] = '\0';
		return null ? 0 : get_ifname(c, v, "device", vx->dev);
	}
	if (!strcmp(key, "dstport"))
		return get_u16(c, v, 1, 65535, &vx->dstport);
	if (!strcmp(key, "ttl")) {
		if (get_uint(c, v, 1, 255, &x))
			return -1;
		vx->ttl = x;
		return 0;
	}
	if (!strcmp(key, "learning"))
		return get_bool(c, v, &vx->learning);
	return err(c, "unknown key");
}

static const char *family_name(const struct vsw_addr *a)
{
	return a->family == AF_INET ? "IPv4" : "IPv6";
}

/* The addresses together: one family, the group multicast with a device. */
static int check_vxlan_addrs(struct ctx *c, const struct cfg_vxlan *vx)
{
	char buf[INET6_ADDRSTRLEN];
	unsigned int i;

	for (i = 0; i < vx->n_remotes; i++) {
		const struct vsw_addr *r = &vx->remotes[i];

		if (r->family != vx->local.family || cli_addr_eq(r, &vx->local)) {
			path_key(c, "remote");
			path_index(c, i);
			if (r->family != vx->local.family)
				return err(c, "%s is %s, the local address is %s",
					   cli_addr_str(r, buf, sizeof(buf)),
					   family_name(r),
					   family_name(&vx->local));
			return err(c, "%s is the local address",
				   cli_addr_str(r, buf, sizeof(buf)));
		}
	}
	if (vx->has_group) {
		path_key(c, "group");
		if (vx->group.family != vx->local.family)
			return err(c, "%s is %s, the local address is %s",
				   cli_addr_str(&vx->group, buf, sizeof(buf)),
				   family_name(&vx->group),
				   family_name(&vx->local));
		if (!cli_addr_is_multicast(&vx->group))
			return err(c, "%s is not a multicast address",
				   cli_addr_str(&vx->group, buf, sizeof(buf)));
		if (!vx->dev[0])
			return err(c, "a group needs \"dev\", the device to join it on");
	} else if (vx->dev[0]) {
		path_key(c, "dev");
		return err(c, "a device goes with a \"group\"");
	}
	return 0;
}

/* A VNI and its VLAN are bound once per switch. */
static int check_vxlan_unique(struct ctx *c, const struct cfg_switch *sw,
			      const struct cfg_vxlan *vx)
{
	unsigned int i;

	for (i = 0; &sw->vxlans[i] != vx; i++) {
		if (sw->vxlans[i].vni == vx->vni) {
			path_key(c, "vni");
			return err(c, "duplicate VNI %u", vx->vni);
		}
		if (sw->vxlans[i].vlan == vx->vlan) {
			path_key(c, "vlan");
			return err(c, "VLAN %u already has VNI %u", vx->vlan,
				   sw->vxlans[i].vni);
		}
	}
	return 0;
}

static int parse_vxlan(struct ctx *c, json_object *o, struct cfg_switch *sw)
{
	struct vxlan_seen seen = { false };
	struct cfg_vxlan *vx;

	if (want_type(c, o, json_type_object, "an object"))
		return -1;
	vx = cfg_add_vxlan(sw, 0);
	if (!vx)
		return err(c, "out of memory");
	json_object_object_foreach(o, key, v) {
		size_t m = path_key(c, key);

		if (parse_vxlan_key(c, key, v, vx, &seen))
			return -1;
		path_restore(c, m);
	}
	if (!seen.vni)
		return err(c, "missing \"vni\"");
	if (!seen.vlan)
		return err(c, "missing \"vlan\"");
	if (!seen.local)
		return err(c, "missing \"local\"");
	return check_vxlan_addrs(c, vx) || check_vxlan_unique(c, sw, vx) ?
	       -1 : 0;
}

/* ---- reading: switches and the file ----------------------------------- */

static const char *const field_keys[CFG_N_FIELDS] = {
	[CFG_AGEING] = "ageing",
	[CFG_FDB_MAX] = "fdb_max",
	[CFG_HOST_PG] = "host_portgroup",
	[CFG_PORTGROUPS] = "portgroups",
	[CFG_UPLINKS] = "uplinks",
	[CFG_PORTS] = "ports",
	[CFG_FDB] = "fdb",
	[CFG_TEAM] = "team",
	[CFG_VXLAN] = "vxlan",
};

static int field_of(const char *key)
{
	int f;

	for (f = 0; f < CFG_N_FIELDS; f++)
		if (!strcmp(field_keys[f], key))
			return f;
	return -1;
}

static int parse_field(struct ctx *c, int f, json_object *v,
		       struct cfg_switch *sw)
{
	switch (f) {
	case CFG_AGEING:
		return get_uint(c, v, VSW_AGEING_MIN, VSW_AGEING_MAX,
				&sw->ageing);
	case CFG_FDB_MAX:
		return get_uint(c, v, 0, UINT32_MAX, &sw->fdb_max);
	case CFG_HOST_PG:
		return get_pgname(c, v, sw->host_pg);
	case CFG_PORTGROUPS:
		return parse_array(c, v, sw, parse_pg);
	case CFG_UPLINKS:
		return parse_array(c, v, sw, parse_uplink);
	case CFG_PORTS:
		return parse_array(c, v, sw, parse_port);
	case CFG_FDB:
		return parse_array(c, v, sw, parse_fdb);
	case CFG_TEAM:
		return parse_team(c, v, &sw->team);
	default:
		return parse_array(c, v, sw, parse_vxlan);
	}
}

static int parse_switch(struct ctx *c, json_object *o, struct cfg *cfg,
			unsigned int index)
{
	struct cfg_switch *sw;
	int f;

	if (want_type(c, o, json_type_object, "an object"))
		return -1;
	sw = cfg_add_switch(cfg, "");
	if (!sw)
		return err(c, "out of memory");
	sw->name_origin = (struct cfg_origin){ c->file, index };
	for (f = 0; f < CFG_N_FIELDS; f++)
		sw->origin[f] = sw->name_origin;
	json_object_object_foreach(o, key, v) {
		size_t m = path_key(c, key);

		f = field_of(key);
		if (!strcmp(key, "name")) {
			if (get_ifname(c, v, "switch", sw->name))
				return -1;
		} else if (f < 0) {
			return err(c, "unknown key");
		} else if (f == CFG_TEAM && json_object_is_type(v, json_type_null)) {
			/* A null team is left as it is, like no team key. */
		} else if (parse_field(c, f, v, sw)) {
			return -1;
		} else {
			sw->has[f] = true;
		}
		path_restore(c, m);
	}
	if (!sw->name[0])
		return err(c, "missing \"name\"");
	if (cfg_find_switch(cfg, sw->name) != sw) {
		path_key(c, "name");
		return err(c, "duplicate switch \"%s\"", sw->name);
	}
	return 0;
}

static int parse_switches(struct ctx *c, json_object *v, struct cfg *cfg)
{
	size_t i, n;

	if (want_type(c, v, json_type_array, "an array"))
		return -1;
	n = json_object_array_length(v);
	for (i = 0; i < n; i++) {
		size_t m = path_index(c, i);

		if (parse_switch(c, json_object_array_get_idx(v, i), cfg, i))
			return -1;
		path_restore(c, m);
	}
	return 0;
}

static int parse_root(struct ctx *c, json_object *root, struct cfg *cfg)
{
	bool seen_version = false;

	if (want_type(c, root, json_type_object, "an object"))
		return -1;
	json_object_object_foreach(root, key, v) {
		size_t m = path_key(c, key);

		if (!strcmp(key, "version")) {
			if (!json_object_is_type(v, json_type_int) ||
			    json_object_get_int64(v) != CFG_VERSION)
				return err(c, "must be %d (this vsw version's format)",
					   CFG_VERSION);
			seen_version = true;
		} else if (!strcmp(key, "switches")) {
			if (parse_switches(c, v, cfg))
				return -1;
		} else {
			return err(c, "unknown key");
		}
		path_restore(c, m);
	}
	if (!seen_version)
		return err(c, "missing \"version\" (must be %d)", CFG_VERSION);
	return 0;
}

/* Line and column of byte @off of @text, for syntax errors. */
static void position(const char *text, size_t off, unsigned int *line,
		     unsigned int *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

/* Strict JSON (no trailing text), then the model. */
int cfg_parse(const char *file, const char *text, size_t len,
	      struct cfg *cfg)
{
	struct ctx c = { .file = file };
	enum json_tokener_error jerr;
	unsigned int line, col;
	struct json_tokener *tok;
	json_object *root;
	int ret;

	memset(cfg, 0, sizeof(*cfg));
	tok = json_tokener_new();
	if (!tok)
		return err(&c, "out of memory");
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	root = json_tokener_parse_ex(tok, text, len);
	jerr = json_tokener_get_error(tok);
	if (!root && jerr == json_tokener_continue)
		jerr = json_tokener_error_parse_eof;
	if (jerr != json_tokener_success || !root) {
		position(text, json_tokener_get_parse_end(tok), &line, &col);
		json_tokener_free(tok);
		json_object_put(root);
		if (jerr == json_tokener_success)
			return err(&c, "line %u, column %u: JSON: the file must hold an object",
				   line, col);
		return err(&c, "line %u, column %u: JSON: %s", line, col,
			   json_tokener_error_desc(jerr));
	}
	json_tokener_free(tok);
	ret = parse_root(&c, root, cfg);
	json_object_put(root);
	if (ret)
		cfg_free(cfg);
	return ret;
}

int cfg_load(const char *path, struct cfg *cfg)
{
	struct ctx c = { .file = path };
	size_t len = 0, n;
	char *text;
	FILE *f;
	int ret;

	memset(cfg, 0, sizeof(*cfg));
	f = fopen(path, "r");
	if (!f)
		return err(&c, "%s", strerror(errno));
	text = malloc(CFG_FILE_MAX + 1);
	if (!text) {
		fclose(f);
		return err(&c, "out of memory");
	}
	while ((n = fread(text + len, 1, CFG_FILE_MAX + 1 - len, f)) > 0)
		len += n;
	ret = ferror(f);
	fclose(f);
	if (ret)
		ret = err(&c, "read error");
	else if (len > CFG_FILE_MAX)
		ret = err(&c, "larger than %d bytes", CFG_FILE_MAX);
	else
		ret = cfg_parse(path, text, len, cfg);
	free(text);
	return ret;
}

/* ---- the host file ---------------------------------------------------- */

static void take_field(struct cfg_switch *dst, struct cfg_switch *src,
		       int f)
{
	switch (f) {
	case CFG_AGEING:
		dst->ageing = src->ageing;
		break;
	case CFG_FDB_MAX:
		dst->fdb_max = src->fdb_max;
		break;
	case CFG_HOST_PG:
		memcpy(dst->host_pg, src->host_pg, sizeof(dst->host_pg));
		break;
	case CFG_PORTGROUPS:
		free(dst->pgs);
		dst->pgs = src->pgs;
		dst->n_pgs = src->n_pgs;
		src->pgs = NULL;
		src->n_pgs = 0;
		break;
	case CFG_UPLINKS:
		free(dst->uplinks);
		dst->uplinks = src->uplinks;
		dst->n_uplinks = src->n_uplinks;
		src->uplinks = NULL;
		src->n_uplinks = 0;
		break;
	case CFG_PORTS:
		free(dst->ports);
		dst->ports = src->ports;
		dst->n_ports = src->n_ports;
		src->ports = NULL;
		src->n_ports = 0;
		break;
	case CFG_FDB:
		free(dst->fdb);
		dst->fdb = src->fdb;
		dst->n_fdb = src->n_fdb;
		src->fdb = NULL;
		src->n_fdb = 0;
		break;
	case CFG_TEAM:
		dst->team = src->team;
		break;
	case CFG_VXLAN:
		free(dst->vxlans);
		dst->vxlans = src->vxlans;
		dst->n_vxlans = src->n_vxlans;
		src->vxlans = NULL;
		src->n_vxlans = 0;
		break;
	}
	dst->has[f] = true;
	dst->origin[f] = src->origin[f];
}

/*
 * A host file only replaces whole fields of switches of the main file
 * (@file names it): a switch it alone names is an error, most likely a
 * typo that would otherwise create a switch with nothing but uplinks.
 */
int cfg_merge(struct cfg *cfg, struct cfg *host, const char *file)
{
	struct cfg_switch *dst, *src;
	unsigned int i;
	int f;

	for (i = 0; i < host->n_sw; i++) {
		src = &host->sw[i];
		dst = (struct cfg_switch *)cfg_find_switch(cfg, src->name);
		if (!dst) {
			struct ctx c = { .file = src->name_origin.file };

			path_key(&c, "switches");
			path_index(&c, src->name_origin.index);
			path_key(&c, "name");
			return err(&c, "switch \"%s\" is not in %s", src->name,
				   file);
		}
		for (f = 0; f < CFG_N_FIELDS; f++)
			if (src->has[f])
				take_field(dst, src, f);
	}
	return 0;
}

/* ---- checks between fields -------------------------------------------- */

/* The context of field @f of @sw, item @i (if >= 0), key @key (if any). */
static void field_ctx(struct ctx *c, const struct cfg_switch *sw, int f,
		      int i, const char *key)
{
	c->file = sw->origin[f].file;
	c->len = 0;
	c->path[0] = '\0';
	path_key(c, "switches");
	path_index(c, sw->origin[f].index);
	path_key(c, field_keys[f]);
	if (i >= 0)
		path_index(c, i);
	if (key)
		path_key(c, key);
}

/* The switch and list (uplinks or ports) another switch gives @dev in. */
static bool listed_elsewhere(const struct cfg *cfg,
			     const struct cfg_switch *self, const char *dev,
			     const char **where)
{
	unsigned int i;

	for (i = 0; i < cfg->n_sw && &cfg->sw[i] != self; i++) {
		const struct cfg_switch *sw = &cfg->sw[i];

		if (cfg_find_port(sw->uplinks, sw->n_uplinks, dev) ||
		    cfg_find_port(sw->ports, sw->n_ports, dev)) {
			*where = sw->name;
			return true;
		}
	}
	return false;
}

static int check_uplinks(const struct cfg *cfg, const struct cfg_switch *sw)
{
	const char *where;
	struct ctx c;
	unsigned int i;

	for (i = 0; i < sw->n_uplinks; i++) {
		const char *dev = sw->uplinks[i].name;

		field_ctx(&c, sw, CFG_UPLINKS, i, NULL);
		if (!strcmp(dev, sw->name))
			return err(&c, "\"%s\" is the switch itself", dev);
		if (cfg_find_switch(cfg, dev))
			return err(&c, "\"%s\" is a switch", dev);
		if (listed_elsewhere(cfg, sw, dev, &where))
			return err(&c, "\"%s\" is also listed in switch %s",
				   dev, where);
	}
	return 0;
}

static int check_ports(const struct cfg *cfg, const struct cfg_switch *sw)
{
	const char *where;
	struct ctx c;
	unsigned int i;

	for (i = 0; i < sw->n_ports; i++) {
		const struct cfg_port *p = &sw->ports[i];

		field_ctx(&c, sw, CFG_PORTS, i, "name");
		if (!strcmp(p->name, sw->name))
			return err(&c, "\"%s\" is the switch itself (its port group is host_portgroup)",
				   p->name);
		if (cfg_find_switch(cfg, p->name))
			return err(&c, "\"%s\" is a switch", p->name);
		if (cfg_find_port(sw->uplinks, sw->n_uplinks, p->name))
			return err(&c, "\"%s\" is also an uplink", p->name);
		if (listed_elsewhere(cfg, sw, p->name, &where))
			return err(&c, "\"%s\" is also listed in switch %s",
				   p->name, where);
		if (!cfg_find_pg(sw, p->pg)) {
			field_ctx(&c, sw, CFG_PORTS, i, "portgroup");
			return err(&c, "no port group \"%s\" in switch %s",
				   p->pg, sw->name);
		}
	}
	return 0;
}

/* Without "ports" (left alone), an entry may be on any of them. */
static int check_fdb(const struct cfg_switch *sw)
{
	struct ctx c;
	unsigned int i;

	for (i = 0; i < sw->n_fdb && sw->has[CFG_PORTS]; i++) {
		const char *port = sw->fdb[i].port;

		if (strcmp(port, sw->name) &&
		    !cfg_find_port(sw->ports, sw->n_ports, port) &&
		    !cfg_find_port(sw->uplinks, sw->n_uplinks, port)) {
			field_ctx(&c, sw, CFG_FDB, i, "port");
			return err(&c, "\"%s\" is not a port, an uplink or the switch %s",
				   port, sw->name);
		}
	}
	return 0;
}

/* The team's lists name uplinks of the switch, each in one list. */
static int check_team(const struct cfg_switch *sw)
{
	const struct cfg_team *t = &sw->team;
	struct ctx c;
	unsigned int i, k;

	for (k = 0; k < 2 && sw->has[CFG_TEAM]; k++) {
		const char (*list)[IFNAMSIZ] = k ? t->standby : t->active;
		unsigned int n = k ? t->n_standby : t->n_active;

		for (i = 0; i < n; i++) {
			field_ctx(&c, sw, CFG_TEAM, -1, k ? "standby" : "active");
			path_index(&c, i);
			if (!cfg_find_port(sw->uplinks, sw->n_uplinks, list[i]))
				return err(&c, "\"%s\" is not an uplink of switch %s",
					   list[i], sw->name);
			if (k && cfg_team_listed(t->active, t->n_active, list[i]))
				return err(&c, "\"%s\" is also in the active list",
					   list[i]);
		}
	}
	return 0;
}

/*
 * The kernel binds a VNI once per UDP port and address family on the host
 * (it tells the switch of a datagram): not on two switches of the file.
 */
static int check_vxlans(const struct cfg *cfg, const struct cfg_switch *sw)
{
	struct ctx c;
	unsigned int i, j, k;

	for (i = 0; i < sw->n_vxlans; i++) {
		const struct cfg_vxlan *vx = &sw->vxlans[i];

		for (j = 0; j < cfg->n_sw && &cfg->sw[j] != sw; j++) {
			const struct cfg_switch *o = &cfg->sw[j];

			for (k = 0; k < o->n_vxlans; k++) {
				if (o->vxlans[k].vni != vx->vni ||
				    o->vxlans[k].dstport != vx->dstport ||
				    o->vxlans[k].local.family != vx->local.family)
					continue;
				field_ctx(&c, sw, CFG_VXLAN, i, "vni");
				return err(&c, "VNI %u on UDP port %u (%s) is also bound in switch %s",
					   vx->vni, vx->dstport,
					   family_name(&vx->local), o->name);
			}
		}
	}
	return 0;
}

/*
 * Every switch has the "default" port group: a file that leaves it out
 * means its default settings.
 */
int cfg_check(struct cfg *cfg)
{
	unsigned int i;
	struct ctx c;

	for (i = 0; i < cfg->n_sw; i++) {
		struct cfg_switch *sw = &cfg->sw[i];

		if (!cfg_find_pg(sw, VSW_PORTGROUP_DEFAULT) &&
		    !cfg_add_pg(sw, VSW_PORTGROUP_DEFAULT)) {
			field_ctx(&c, sw, CFG_PORTGROUPS, -1, NULL);
			return err(&c, "out of memory");
		}
		if (!cfg_find_pg(sw, sw->host_pg)) {
			field_ctx(&c, sw, CFG_HOST_PG, -1, NULL);
			return err(&c, "no port group \"%s\" in switch %s",
				   sw->host_pg, sw->name);
		}
		if (check_uplinks(cfg, sw) || check_ports(cfg, sw) ||
		    check_fdb(sw) || check_team(sw) || check_vxlans(cfg, sw))
			return -1;
	}
	return 0;
}

/* ---- writing ---------------------------------------------------------- */

static int cmp_switch(const void *a, const void *b)
{
	return strcmp(((const struct cfg_switch *)a)->name,
		      ((const struct cfg_switch *)b)->name);
}

static int cmp_pg(const void *a, const void *b)
{
	return strcmp(((const struct cfg_pg *)a)->name,
		      ((const struct cfg_pg *)b)->name);
}

static int cmp_port(const void *a, const void *b)
{
	return strcmp(((const struct cfg_port *)a)->name,
		      ((const struct cfg_port *)b)->name);
}

static int cmp_fdb(const void *a, const void *b)
{
	const struct cfg_fdb *x = a, *y = b;

	if (x->vlan != y->vlan)
		return x->vlan < y->vlan ? -1 : 1;
	return memcmp(x->mac, y->mac, VSW_MAC_LEN);
}

static int cmp_vxlan(const void *a, const void *b)
{
	const struct cfg_vxlan *x = a, *y = b;

	return x->vni < y->vni ? -1 : x->vni > y->vni;
}

/* IPv4 first, then by address: any order the file gave reads the same. */
static int cmp_addr(const void *a, const void *b)
{
	const struct vsw_addr *x = a, *y = b;

	if (x->family != y->family)
		return x->family == AF_INET ? -1 : 1;
	return memcmp(x->addr, y->addr, sizeof(x->addr));
}

/* qsort() takes no NULL array, not even of no elements. */
static void sort(void *base, size_t n, size_t size,
		 int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

void cfg_sort(struct cfg *cfg)
{
	unsigned int i, j;

	sort(cfg->sw, cfg->n_sw, sizeof(*cfg->sw), cmp_switch);
	for (i = 0; i < cfg->n_sw; i++) {
		struct cfg_switch *sw = &cfg->sw[i];

		sort(sw->pgs, sw->n_pgs, sizeof(*sw->pgs), cmp_pg);
		sort(sw->uplinks, sw->n_uplinks, sizeof(*sw->uplinks),
		     cmp_port);
		sort(sw->ports, sw->n_ports, sizeof(*sw->ports), cmp_port);
		sort(sw->fdb, sw->n_fdb, sizeof(*sw->fdb), cmp_fdb);
		sort(sw->vxlans, sw->n_vxlans, sizeof(*sw->vxlans),
		     cmp_vxlan);
		for (j = 0; j < sw->n_vxlans; j++)
			sort(sw->vxlans[j].remotes, sw->vxlans[j].n_remotes,
			     sizeof(struct vsw_addr), cmp_addr);
	}
}

static json_object *json_mac(const uint8_t *mac)
{
	char buf[18];

	snprintf(buf, sizeof(buf), "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	return json_object_new_string(buf);
}

static void add(json_object *o, const char *key, json_object *v)
{
	json_object_object_add(o, key, v);
}

/* The keys and values of "portgroup show -j", but its ports and mode. */
static json_object *pg_to_json(const struct cfg_pg *pg)
{
	bool list = pg->mode == VSW_PG_MODE_TRUNK_LIST;
	char trunk[VSW_VLAN_LIST_STRLEN];
	json_object *o = json_object_new_object(), *sec, *sh = NULL;

	add(o, "name", json_object_new_string(pg->name));
	add(o, "vlan", list ? NULL : json_object_new_int(pg->vlan));
	if (list)
		vsw_vlan_bitmap_format(pg->trunk, trunk, sizeof(trunk));
	add(o, "trunk", list ? json_object_new_string(trunk) : NULL);
	add(o, "native", list && pg->native ?
	    json_object_new_int(pg->native) : NULL);
	sec = json_object_new_object();
	add(sec, "promisc", json_object_new_boolean(pg->promisc));
	add(sec, "mac_change", json_object_new_boolean(pg->mac_change));
	add(sec, "forged_transmits",
	    json_object_new_boolean(pg->forged_transmits));
	add(o, "security", sec);
	if (pg->shaping_on) {
		sh = json_object_new_object();
		add(sh, "avg_kbit", json_object_new_int64(pg->shaping.avg_kbit));
		add(sh, "peak_kbit",
		    json_object_new_int64(pg->shaping.peak_kbit));
		add(sh, "burst_kb", json_object_new_int64(pg->shaping.burst_kb));
	}
	add(o, "shaping", sh);
	return o;
}

/* A port's MAC only when the admin set it, fdb_max only when limited. */
static json_object *port_to_json(const struct cfg_port *port)
{
	json_object *o = json_object_new_object();

	add(o, "name", json_object_new_string(port->name));
	add(o, "portgroup", json_object_new_string(port->pg));
	if (port->has_mac)
		add(o, "mac", json_mac(port->mac));
	if (port->fdb_max)
		add(o, "fdb_max", json_object_new_int64(port->fdb_max));
	return o;
}

static json_object *fdb_to_json(const struct cfg_fdb *f)
{
	json_object *o = json_object_new_object();

	add(o, "mac", json_mac(f->mac));
	add(o, "vlan", json_object_new_int(f->vlan));
	add(o, "port", json_object_new_string(f->port));
	return o;
}

static json_object *team_list_json(const char (*list)[IFNAMSIZ],
				   unsigned int n)
{
	json_object *a = json_object_new_array();
	unsigned int i;

	for (i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_string(list[i]));
	return a;
}

/* Every key, as "team show -j" names them, but the state. */
static json_object *team_to_json(const struct cfg_team *t)
{
	json_object *o = json_object_new_object();

	add(o, "policy", json_object_new_string(cli_team_policy_name(t->policy)));
	add(o, "active", team_list_json(t->active, t->n_active));
	add(o, "standby", team_list_json(t->standby, t->n_standby));
	add(o, "detect", json_object_new_string(cli_team_detect_name(t->detect)));
	add(o, "failback", json_object_new_boolean(t->failback));
	add(o, "notify_switches", json_object_new_boolean(t->notify));
	add(o, "lacp_rate",
	    json_object_new_string(cli_lacp_rate_name(t->lacp_rate)));
	return o;
}

static json_object *json_addr(const struct vsw_addr *a)
{
	char buf[INET6_ADDRSTRLEN];

	return json_object_new_string(cli_addr_str(a, buf, sizeof(buf)));
}

/* The keys of "vxlan show -j" but the switch, the ifindex and counters. */
static json_object *vxlan_to_json(const struct cfg_vxlan *vx)
{
	json_object *o = json_object_new_object(), *a;
	unsigned int i;

	add(o, "vni", json_object_new_int64(vx->vni));
	add(o, "vlan", json_object_new_int(vx->vlan));
	add(o, "local", json_addr(&vx->local));
	add(o, "remote", a = json_object_new_array());
	for (i = 0; i < vx->n_remotes; i++)
		json_object_array_add(a, json_addr(&vx->remotes[i]));
	add(o, "group", vx->has_group ? json_addr(&vx->group) : NULL);
	add(o, "dev", vx->has_group ? json_object_new_string(vx->dev) : NULL);
	add(o, "dstport", json_object_new_int(vx->dstport));
	add(o, "ttl", json_object_new_int(vx->ttl));
	add(o, "learning", json_object_new_boolean(vx->learning));
	return o;
}

static json_object *switch_to_json(const struct cfg_switch *sw)
{
	json_object *o = json_object_new_object(), *a;
	unsigned int i;

	add(o, "name", json_object_new_string(sw->name));
	add(o, "ageing", json_object_new_int64(sw->ageing));
	add(o, "fdb_max", json_object_new_int64(sw->fdb_max));
	add(o, "host_portgroup", json_object_new_string(sw->host_pg));
	add(o, "portgroups", a = json_object_new_array());
	for (i = 0; i < sw->n_pgs; i++)
		json_object_array_add(a, pg_to_json(&sw->pgs[i]));
	add(o, "uplinks", a = json_object_new_array());
	for (i = 0; i < sw->n_uplinks; i++)
		json_object_array_add(a,
			json_object_new_string(sw->uplinks[i].name));
	add(o, "ports", a = json_object_new_array());
	for (i = 0; i < sw->n_ports; i++)
		json_object_array_add(a, port_to_json(&sw->ports[i]));
	add(o, "fdb", a = json_object_new_array());
	for (i = 0; i < sw->n_fdb; i++)
		json_object_array_add(a, fdb_to_json(&sw->fdb[i]));
	add(o, "team", sw->has[CFG_TEAM] ? team_to_json(&sw->team) : NULL);
	add(o, "vxlan", a = json_object_new_array());
	for (i = 0; i < sw->n_vxlans; i++)
		json_object_array_add(a, vxlan_to_json(&sw->vxlans[i]));
	return o;
}

json_object *cfg_to_json(const struct cfg *cfg)
{
	json_object *root = json_object_new_object(), *a;
	unsigned int i;

	add(root, "version", json_object_new_int(CFG_VERSION));
	add(root, "switches", a = json_object_new_array());
	for (i = 0; i < cfg->n_sw; i++)
		json_object_array_add(a, switch_to_json(&cfg->sw[i]));
	return root;
}
