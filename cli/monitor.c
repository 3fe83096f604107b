// SPDX-License-Identifier: GPL-2.0-or-later
/* vswctl monitor: one line per event, in text or JSON. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <net/if.h>

#include "output.h"
#include "vswctl.h"

static const char *const event_names[] = {
	[VSW_CMD_SWITCH_NEW]	= "switch_new",
	[VSW_CMD_SWITCH_SET]	= "switch_set",
	[VSW_CMD_SWITCH_DEL]	= "switch_del",
	[VSW_CMD_PORT_NEW]	= "port_new",
	[VSW_CMD_PORT_SET]	= "port_set",
	[VSW_CMD_PORT_DEL]	= "port_del",
	[VSW_CMD_FDB_NEW]	= "fdb_new",
	[VSW_CMD_FDB_DEL]	= "fdb_del",
	[VSW_CMD_PORTGROUP_NEW]	= "portgroup_new",
	[VSW_CMD_PORTGROUP_SET]	= "portgroup_set",
	[VSW_CMD_PORTGROUP_DEL]	= "portgroup_del",
	[VSW_CMD_TEAM_SET]	= "team_set",
	[VSW_CMD_VXLAN_NEW]	= "vxlan_new",
	[VSW_CMD_VXLAN_DEL]	= "vxlan_del",
};

void event_print(const struct vsw_event *ev)
{
	char name[IF_NAMESIZE];
	const char *evname = NULL;

	if (ev->cmd < sizeof(event_names) / sizeof(event_names[0]))
		evname = event_names[ev->cmd];
	out_open_object(NULL, NULL);
	out_str("event", "%s", evname ? evname : "unknown");
	switch (ev->type) {
	case VSW_OBJ_SWITCH:
		switch_print_fields(&ev->sw);
		break;
	case VSW_OBJ_PORT:
		port_print_fields(&ev->port, false);
		break;
	case VSW_OBJ_FDB:
		/* Kernels before VSW_A_IFNAME in FDB messages: by ifindex. */
		if (ev->fdb.switch_name)
			out_str("switch", "switch %s", ev->fdb.switch_name);
		else if (ev->fdb.switch_ifindex &&
			 if_indextoname(ev->fdb.switch_ifindex, name))
			out_str("switch", "switch %s", name);
		else
			out_null("switch", NULL);
		fdb_print_fields(&ev->fdb);
		break;
	case VSW_OBJ_PORTGROUP:
		portgroup_print_fields(&ev->pg);
		break;
	case VSW_OBJ_TEAM:
		/* One line per event, the block of team show on one line. */
		team_print_fields(&ev->team, false);
		break;
	case VSW_OBJ_VXLAN:
		vxlan_print_fields(&ev->vxlan, false, false);
		break;
	}
	out_close();
}

static int monitor_parse(int argc, char **argv, struct cli_req *req)
{
	(void)req;
	return cli_no_more(argc, argv);
}

static int event_cb(const struct vsw_event *ev, void *arg)
{
	(void)arg;
	event_print(ev);
	return 0;
}

static int monitor_run(struct vsw *h, const struct cli_req *req)
{
	int ret;

	(void)req;
	ret = vsw_monitor_start(h);
	if (ret)
		return ret;
	for (;;) {
		ret = vsw_monitor_recv(h, event_cb, NULL);
		if (ret == -ENOBUFS) {
			/* Like ip monitor: say so and keep listening. */
			fprintf(stderr, "Warning: %s\n", vsw_errmsg(h));
			continue;
		}
		if (ret)
			return ret;
	}
}

const struct cli_object cli_monitor = {
	.name = "monitor",
	.parse = monitor_parse,
	.run = monitor_run,
	.usage = "monitor\n",
};
