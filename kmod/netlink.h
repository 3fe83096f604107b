/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VSW_NETLINK_H
#define _VSW_NETLINK_H

#include "switch.h"
#include "fdb.h"
#include "vxlan.h"

int vsw_genl_init(void);
void vsw_genl_exit(void);

/* Announcements on the "events" multicast group; no-ops without listeners. */
void vsw_nl_notify_switch(struct vsw_switch *sw, u8 cmd);
void vsw_nl_notify_port(struct vsw_port *port, u8 cmd);
void vsw_nl_notify_portgroup(struct vsw_switch *sw, struct vsw_portgroup *pg,
			     u8 cmd);
void vsw_nl_notify_fdb(struct vsw_switch *sw, const struct vsw_fdb_entry *f,
		       u8 cmd, gfp_t gfp);
void vsw_nl_notify_team(struct vsw_switch *sw);
void vsw_nl_notify_vxlan(struct vsw_vxlan *vx, u8 cmd);

#endif /* _VSW_NETLINK_H */
