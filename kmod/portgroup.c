// SPDX-License-Identifier: GPL-2.0
/*
 * Port groups: every port, the host's own included, belongs to exactly one,
 * and its VLAN settings decide which VLANs the port's frames belong to.
 * Each switch has a "default" group (VLAN 0, untagged) that cannot be
 * deleted. Uplinks carry every VLAN and stay in "default".
 *
 * Changes hold RTNL; the data path reads a group's VLAN settings under RCU.
 */
#include <linux/slab.h>

#include "switch.h"
#include "fdb.h"
#include "netlink.h"

struct vsw_portgroup *vsw_portgroup_find(struct vsw_switch *sw,
					 const char *name)
{
	struct vsw_portgroup *pg;

	list_for_each_entry(pg, &sw->portgroups, list)
		if (!strcmp(pg->name, name))
			return pg;
	return NULL;
}

static void vsw_portgroup_free(struct vsw_portgroup *pg)
{
	struct vsw_shaping *sh = rcu_dereference_protected(pg->shaping, true);

	if (sh)
		kfree_rcu(sh, rcu);
	kfree_rcu(rcu_dereference_protected(pg->vlan, true), rcu);
	kfree_rcu(pg, rcu);
}

/* Takes ownership of @cfg. */
struct vsw_portgroup *vsw_portgroup_create(struct vsw_switch *sw,
					   const char *name,
					   struct vsw_vlan_cfg *cfg,
					   struct netlink_ext_ack *extack)
{
	struct vsw_portgroup *pg;
	int err;

	if (vsw_portgroup_find(sw, name)) {
		NL_SET_ERR_MSG_MOD(extack, "A port group with this name exists");
		kfree(cfg);
		return ERR_PTR(-EEXIST);
	}
	pg = kzalloc(sizeof(*pg), GFP_KERNEL);
	if (!pg) {
		kfree(cfg);
		return ERR_PTR(-ENOMEM);
	}
	strscpy(pg->name, name, sizeof(pg->name));
	RCU_INIT_POINTER(pg->vlan, cfg);
	list_add_tail(&pg->list, &sw->portgroups);

	err = vsw_vlan_usage_update(sw);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack,
				   "Cannot program the uplinks' VLAN filters");
		list_del(&pg->list);
		vsw_portgroup_free(pg);
		return ERR_PTR(err);
	}
	return pg;
}

/* The host's own address lives in the VLAN its port sends untagged in. */
void vsw_portgroup_update_local(struct vsw_switch *sw)
{
	u16 vlan = vsw_vlan_untagged(vsw_portgroup_vlan_rtnl(sw->host->pg));

	vsw_fdb_set_local(sw, sw->dev->dev_addr, vlan);
}

/* Takes ownership of @cfg. */
int vsw_portgroup_set_vlan(struct vsw_switch *sw, struct vsw_portgroup *pg,
			   struct vsw_vlan_cfg *cfg,
			   struct netlink_ext_ack *extack)
{
	struct vsw_vlan_cfg *old = vsw_portgroup_vlan_rtnl(pg);
	struct vsw_port *port;
	int err;

	rcu_assign_pointer(pg->vlan, cfg);
	err = vsw_vlan_usage_update(sw);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack,
				   "Cannot program the uplinks' VLAN filters");
		rcu_assign_pointer(pg->vlan, old);
		synchronize_net();
		kfree(cfg);
		return err;
	}
	kfree_rcu(old, rcu);

	/* What the group's ports learned may be in VLANs they left. */
	list_for_each_entry(port, &sw->ports, list)
		if (port->pg == pg && port->kind != VSW_PORT_KIND_HOST)
			vsw_fdb_flush(sw, port, -1, false);
	if (sw->host->pg == pg)
		vsw_portgroup_update_local(sw);
	return 0;
}

/* Takes ownership of @shaping (NULL: stop shaping) when @set_shaping. */
void vsw_portgroup_apply_policy(struct vsw_switch *sw,
				struct vsw_portgroup *pg, u8 security,
				bool set_shaping, struct vsw_shaping *shaping)
{
	struct vsw_shaping *old;

	WRITE_ONCE(pg->security, security);
	if (set_shaping) {
		old = rtnl_dereference(pg->shaping);
		rcu_assign_pointer(pg->shaping, shaping);
		if (old)
			kfree_rcu(old, rcu);
	}
	vsw_security_update(sw);
}

/* May @pg be deleted? Asked first, so a refusal announces nothing. */
int vsw_portgroup_may_delete(struct vsw_switch *sw, struct vsw_portgroup *pg,
			     struct netlink_ext_ack *extack)
{
	if (pg == sw->default_pg) {
		NL_SET_ERR_MSG_MOD(extack,
				   "The default port group cannot be deleted");
		return -EBUSY;
	}
	if (pg->n_ports) {
		NL_SET_ERR_MSG_MOD(extack, "The port group still has ports");
		return -EBUSY;
	}
	return 0;
}

int vsw_portgroup_delete(struct vsw_switch *sw, struct vsw_portgroup *pg,
			 struct netlink_ext_ack *extack)
{
	int err;

	err = vsw_portgroup_may_delete(sw, pg, extack);
	if (err)
		return err;
	list_del(&pg->list);
	err = vsw_vlan_usage_update(sw);
	if (err) {
		list_add_tail(&pg->list, &sw->portgroups);
		NL_SET_ERR_MSG_MOD(extack,
				   "Cannot program the uplinks' VLAN filters");
		return err;
	}
	vsw_portgroup_free(pg);
	return 0;
}

int vsw_port_set_portgroup(struct vsw_port *port, struct vsw_portgroup *pg,
			   struct netlink_ext_ack *extack)
{
	struct vsw_switch *sw = port->sw;

	if (port->kind == VSW_PORT_KIND_UPLINK && pg != sw->default_pg) {
		NL_SET_ERR_MSG_MOD(extack,
				   "Uplinks carry every VLAN and have no port group");
		return -EINVAL;
	}
	if (port->pg == pg)
		return 0;
	port->pg->n_ports--;
	pg->n_ports++;
	WRITE_ONCE(port->pg, pg);
	vsw_security_update(sw);
	if (port->kind == VSW_PORT_KIND_HOST) {
		vsw_portgroup_update_local(sw);
	} else {
		/* Its learned addresses belong to the VLANs it left. */
		vsw_fdb_flush(sw, port, -1, false);
	}
	return 0;
}

int vsw_portgroups_init(struct vsw_switch *sw)
{
	struct vsw_vlan_cfg *cfg;

	INIT_LIST_HEAD(&sw->portgroups);
	cfg = vsw_vlan_cfg_alloc();
	if (!cfg)
		return -ENOMEM;
	cfg->mode = VSW_VLAN_MODE_NONE;
	sw->default_pg = vsw_portgroup_create(sw, VSW_PORTGROUP_DEFAULT, cfg,
					      NULL);
	if (IS_ERR(sw->default_pg)) {
		int err = PTR_ERR(sw->default_pg);

		sw->default_pg = NULL;
		return err;
	}
	return 0;
}

/* Once no port is left in any group. */
void vsw_portgroups_destroy(struct vsw_switch *sw)
{
	struct vsw_portgroup *pg, *tmp;

	list_for_each_entry_safe(pg, tmp, &sw->portgroups, list) {
		WARN_ON_ONCE(pg->n_ports);
		list_del(&pg->list);
		vsw_portgroup_free(pg);
	}
	sw->default_pg = NULL;
	vsw_vlan_usage_free(sw);
}
