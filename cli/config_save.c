// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vswctl save [SWITCH]: the running configuration as a file for apply.
 *
 * cfg_read() is also apply's view of the host: every switch with its
 * port groups, uplinks, ports (the MAC only when the admin set it), static
 * entries (not the switch's own address, which follows its device, nor
 * entries behind remote VTEPs, which go with their VNI), team (its
 * settings; the uplinks' states are not configuration) and VNIs.
 */
#include <errno.h>
#include <string.h>
#include <net/if.h>

#include "config.h"
#include "vswctl.h"

struct reader {
	struct vsw *h;
	struct cfg *cfg;
	struct cfg_switch *sw;
};

static int pg_cb(const struct vsw_portgroup *pg, void *arg)
{
	struct reader *r = arg;
	struct cfg_pg *c = cfg_add_pg(r->sw, pg->name);

	if (!c)
		return -ENOMEM;
	c->mode = pg->mode;
	c->vlan = pg->vlan;
	memcpy(c->trunk, pg->trunk, sizeof(c->trunk));
	c->native = pg->native;
	c->promisc = pg->promisc;
	c->mac_change = pg->mac_change;
	c->forged_transmits = pg->forged_transmits;
	c->shaping_on = pg->shaping_on;
	if (pg->shaping_on)
		c->shaping = pg->shaping;
	return 0;
}

static int port_cb(const struct vsw_port *port, void *arg)
{
	struct reader *r = arg;
	struct cfg_switch *sw = r->sw;
	struct cfg_port *p;

	if (!port->name)
		return 0;
	switch (port->kind) {
	case VSW_PORT_KIND_HOST:
		if (port->portgroup)
			snprintf(sw->host_pg, sizeof(sw->host_pg), "%s",
				 port->portgroup);
		return 0;
	case VSW_PORT_KIND_UPLINK:
		p = cfg_add_port(&sw->uplinks, &sw->n_uplinks, port->name);
		return p ? 0 : -ENOMEM;
	case VSW_PORT_KIND_PORT:
		break;
	default:
		/* A kind newer than this vswctl: not ours to manage. */
		return 0;
	}
	p = cfg_add_port(&sw->ports, &sw->n_ports, port->name);
	if (!p)
		return -ENOMEM;
	if (port->portgroup)
		snprintf(p->pg, sizeof(p->pg), "%s", port->portgroup);
	p->has_mac = vsw_has(port, VSW_A_PORT_MAC) && port->mac_admin;
	if (p->has_mac)
		memcpy(p->mac, port->port_mac, VSW_MAC_LEN);
	p->fdb_max = port->fdb_max;
	return 0;
}

static int fdb_cb(const struct vsw_fdb *fdb, void *arg)
{
	struct reader *r = arg;
	struct cfg_fdb *f;

	if (!(fdb->flags & VSW_FDB_F_STATIC) ||
	    (fdb->flags & VSW_FDB_F_LOCAL) || !fdb->port)
		return 0;
	f = cfg_add_fdb(r->sw);
	if (!f)
		return -ENOMEM;
	memcpy(f->mac, fdb->mac, VSW_MAC_LEN);
	f->vlan = fdb->vlan;
	snprintf(f->port, sizeof(f->port), "%s", fdb->port);
	return 0;
}

/* Lists of more uplinks than a file holds: not ours to manage. */
static bool team_list(char (*dst)[IFNAMSIZ], unsigned int *n,
		      const char *const *names, unsigned int count)
{
	unsigned int i;

	if (count > CFG_TEAM_LIST_MAX)
		return false;
	for (i = 0; i < count; i++)
		snprintf(dst[i], IFNAMSIZ, "%s", names[i]);
	*n = count;
	return true;
}

/*
 * A team this vswctl cannot write back (a policy of a newer kernel, a
 * setting missing) stays "team": null, which apply leaves alone.
 */
static int team_cb(const struct vsw_team *team, void *arg)
{
	struct reader *r = arg;
	struct cfg_team *t = &r->sw->team;

	if (!vsw_has(team, VSW_A_TEAM_POLICY) ||
	    !vsw_has(team, VSW_A_TEAM_DETECT) ||
	    !vsw_has(team, VSW_A_TEAM_FAILBACK) ||
	    !vsw_has(team, VSW_A_TEAM_NOTIFY) ||
	    !vsw_has(team, VSW_A_TEAM_LACP_RATE) ||
	    !cli_team_policy_name(team->policy) ||
	    !cli_team_detect_name(team->detect) ||
	    !cli_lacp_rate_name(team->lacp_rate))
		return 0;
	t->policy = team->policy;
	t->detect = team->detect;
	t->failback = team->failback;
	t->notify = team->notify;
	t->lacp_rate = team->lacp_rate;
	if (!team_list(t->active, &t->n_active, team->active, team->n_active) ||
	    !team_list(t->standby, &t->n_standby, team->standby,
		       team->n_standby)) {
		cfg_team_defaults(t);
		return 0;
	}
	r->sw->has[CFG_TEAM] = true;
	return 0;
}

static bool vxlan_complete(const struct vsw_vxlan *vx)
{
	return vsw_has(vx, VSW_A_VXLAN_VNI) && vsw_has(vx, VSW_A_VLAN) &&
	       vsw_has(vx, VSW_A_VXLAN_LOCAL) &&
	       vsw_has(vx, VSW_A_VXLAN_DSTPORT) &&
	       vsw_has(vx, VSW_A_VXLAN_TTL) &&
	       vsw_has(vx, VSW_A_VXLAN_LEARNING) &&
	       vx->n_remotes <= VSW_VXLAN_REMOTES_MAX &&
	       (!vsw_has(vx, VSW_A_VXLAN_GROUP) ||
		vsw_has(vx, VSW_A_VXLAN_DEV));
}

/*
 * A VNI is saved whole or the save fails: left out, apply would delete
 * it. The group's device is saved by name, as vxlan add takes it.
 */
static int vxlan_cb(const struct vsw_vxlan *vx, void *arg)
{
	struct reader *r = arg;
	struct cfg_vxlan *c;

	if (!vxlan_complete(vx)) {
		cli_error("switch %s: VNI %u: the kernel's reply lacks settings this vswctl needs to save it",
			  r->sw->name, vx->vni);
		return 1;
	}
	c = cfg_add_vxlan(r->sw, vx->vni);
	if (!c)
		return -ENOMEM;
	c->vlan = vx->vlan;
	c->local = vx->local;
	c->n_remotes = vx->n_remotes;
	/* No remotes (a group only): vx->remotes is NULL, memcpy()'s UB. */
	if (vx->n_remotes)
		memcpy(c->remotes, vx->remotes,
		       vx->n_remotes * sizeof(*vx->remotes));
	c->has_group = vsw_has(vx, VSW_A_VXLAN_GROUP);
	if (c->has_group) {
		c->group = vx->group;
		if (!if_indextoname(vx->dev_ifindex, c->dev)) {
			cli_error("switch %s: VNI %u: the group's device (ifindex %u) has no name here",
				  r->sw->name, vx->vni, vx->dev_ifindex);
			return 1;
		}
	}
	c->dstport = vx->dstport;
	c->ttl = vx->ttl;
	c->learning = vx->learning;
	return 0;
}

static int switch_cb(const struct vsw_switch *sw, void *arg)
{
	struct reader *r = arg;
	struct cfg_switch *c;

	if (!sw->name)
		return 0;
	c = cfg_add_switch(r->cfg, sw->name);
	if (!c)
		return -ENOMEM;
	c->ageing = sw->ageing;
	c->fdb_max = sw->fdb_max;
	return 0;
}

/* Each switch's details, once the switch dump is complete. */
static int read_details(struct reader *r, struct cfg_switch *sw)
{
	int ret;

	r->sw = sw;
	ret = vsw_portgroup_list(r->h, sw->name, pg_cb, r);
	if (!ret)
		ret = vsw_port_list(r->h, sw->name, port_cb, r);
	if (!ret)
		ret = vsw_fdb_list(r->h, sw->name, NULL, -1, fdb_cb, r);
	if (!ret) {
		ret = vsw_team_get(r->h, sw->name, team_cb, r);
		/* A module without teaming: the team stays null. */
		if (ret == -EOPNOTSUPP)
			ret = 0;
	}
	if (!ret) {
		ret = vsw_vxlan_list(r->h, sw->name, vxlan_cb, r);
		/* A module without VXLAN: no VNIs. */
		if (ret == -EOPNOTSUPP)
			ret = 0;
	}
	return ret;
}

int cfg_read(struct vsw *h, const char *sw, struct cfg *cfg)
{
	struct reader r = { .h = h, .cfg = cfg };
	unsigned int i;
	int ret;

	memset(cfg, 0, sizeof(*cfg));
	if (sw)
		ret = vsw_switch_get(h, sw, switch_cb, &r);
	else
		ret = vsw_switch_list(h, switch_cb, &r);
	for (i = 0; !ret && i < cfg->n_sw; i++)
		ret = read_details(&r, &cfg->sw[i]);
	if (ret)
		cfg_free(cfg);
	return ret;
}

static int save_parse(int argc, char **argv, struct cli_req *req)
{
	if (argc > 0 && cli_positional(&argc, &argv, "switch", &req->sw))
		return -1;
	return cli_no_more(argc, argv);
}

/* Always pretty: the file is for people to read, diff and edit. */
static int save_run(struct vsw *h, const struct cli_req *req)
{
	int flags = JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
		    JSON_C_TO_STRING_NOSLASHESCAPE;
	struct cfg cfg;
	json_object *root;
	int ret;

	ret = cfg_read(h, req->sw, &cfg);
	if (ret)
		return ret;
	cfg_sort(&cfg);
	root = cfg_to_json(&cfg);
	cfg_free(&cfg);
	if (!root)
		return -ENOMEM;
	printf("%s\n", json_object_to_json_string_ext(root, flags));
	json_object_put(root);
	if (fflush(stdout) || ferror(stdout)) {
		cli_error("cannot write the configuration: %s",
			  strerror(errno));
		return 1;
	}
	return 0;
}

const struct cli_object cli_save = {
	.name = "save",
	.parse = save_parse,
	.run = save_run,
	.usage =
	"save [SWITCH]\n"
	"    the running configuration of every switch (or one) as JSON, the\n"
	"    file format of apply: vswctl save >/etc/vsw/vsw.json.new &&\n"
	"    mv /etc/vsw/vsw.json.new /etc/vsw/vsw.json\n",
};
