// SPDX-License-Identifier: GPL-2.0
/*
 * Port groups: every port, the host's own included, belongs to exactly one.
 * Each switch has a "default" group (VLAN 0, untagged) that cannot be
 * deleted.
 */
#include <linux/slab.h>

#include "switch.h"

static struct vsw_portgroup *vsw_portgroup_alloc(struct vsw_switch *sw,
						 const char *name, u16 vlan)
{
	struct vsw_portgroup *pg;

	pg = kzalloc(sizeof(*pg), GFP_KERNEL);
	if (!pg)
		return NULL;
	strscpy(pg->name, name, sizeof(pg->name));
	pg->vlan = vlan;
	list_add_tail(&pg->list, &sw->portgroups);
	return pg;
}

int vsw_portgroups_init(struct vsw_switch *sw)
{
	INIT_LIST_HEAD(&sw->portgroups);
	sw->default_pg = vsw_portgroup_alloc(sw, "default", 0);
	return sw->default_pg ? 0 : -ENOMEM;
}

/* Once no port is left in any group. */
void vsw_portgroups_destroy(struct vsw_switch *sw)
{
	struct vsw_portgroup *pg, *tmp;

	list_for_each_entry_safe(pg, tmp, &sw->portgroups, list) {
		WARN_ON_ONCE(pg->n_ports);
		list_del(&pg->list);
		kfree(pg);
	}
	sw->default_pg = NULL;
}
