// SPDX-License-Identifier: LGPL-2.1-or-later
/* Events of the "events" multicast group, decoded by their command. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/genetlink.h>

#include "internal.h"

/* Kernel bursts (a flush, a switch going away) must not overrun us. */
#define VSW_MONITOR_RCVBUF	(1 << 20)

/* 0 with @ev filled, 1 for a command this library does not know. */
int vsw_parse_event(const struct nlmsghdr *nlh, struct vsw_event *ev,
		    struct vsw_port_stats *stats)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);

	memset(ev, 0, sizeof(*ev));
	if (mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN)
		return -EPROTO;
	ev->cmd = genl->cmd;
	switch (genl->cmd) {
	case VSW_CMD_SWITCH_NEW:
	case VSW_CMD_SWITCH_SET:
	case VSW_CMD_SWITCH_DEL:
		ev->type = VSW_OBJ_SWITCH;
		return vsw_parse_switch(nlh, &ev->sw);
	case VSW_CMD_PORT_NEW:
	case VSW_CMD_PORT_SET:
	case VSW_CMD_PORT_DEL:
		ev->type = VSW_OBJ_PORT;
		return vsw_parse_port(nlh, &ev->port, stats);
	case VSW_CMD_FDB_NEW:
	case VSW_CMD_FDB_DEL:
		ev->type = VSW_OBJ_FDB;
		return vsw_parse_fdb(nlh, &ev->fdb);
	case VSW_CMD_PORTGROUP_NEW:
	case VSW_CMD_PORTGROUP_SET:
	case VSW_CMD_PORTGROUP_DEL:
		ev->type = VSW_OBJ_PORTGROUP;
		return vsw_parse_portgroup(nlh, &ev->pg);
	case VSW_CMD_TEAM_SET:
		ev->type = VSW_OBJ_TEAM;
		return vsw_parse_team(nlh, &ev->team);
	case VSW_CMD_VXLAN_NEW:
	case VSW_CMD_VXLAN_DEL:
		ev->type = VSW_OBJ_VXLAN;
		return vsw_parse_vxlan(nlh, &ev->vxlan);
	}
	return 1;
}

void vsw_event_clear(struct vsw_event *ev)
{
	if (ev->type == VSW_OBJ_SWITCH)
		vsw_switch_clear(&ev->sw);
	else if (ev->type == VSW_OBJ_PORTGROUP)
		vsw_portgroup_clear(&ev->pg);
	else if (ev->type == VSW_OBJ_TEAM)
		vsw_team_clear(&ev->team);
	else if (ev->type == VSW_OBJ_VXLAN)
		vsw_vxlan_clear(&ev->vxlan);
}

int vsw_monitor_start(struct vsw *h)
{
	int size = VSW_MONITOR_RCVBUF;

	h->errmsg[0] = '\0';
	if (!h->mcgrp) {
		vsw_set_errmsg(h, "the kernel has no \"%s\" group for \"%s\"",
			       VSW_MCGRP_EVENTS, VSW_GENL_NAME);
		return -ENOENT;
	}
	/* Best effort: an unprivileged caller keeps the default size. */
	setsockopt(vsw_fd(h), SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (mnl_socket_setsockopt(h->nl, NETLINK_ADD_MEMBERSHIP, &h->mcgrp,
				  sizeof(h->mcgrp)) < 0) {
		vsw_set_errmsg(h, "joining group \"%s\": %s",
			       VSW_MCGRP_EVENTS, strerror(errno));
		return -errno;
	}
	return 0;
}

int vsw_monitor_recv(struct vsw *h, vsw_event_cb cb, void *arg)
{
	struct vsw_port_stats stats;
	const struct nlmsghdr *nlh;
	struct vsw_event ev;
	ssize_t n;
	int left, ret = 0;

	h->errmsg[0] = '\0';
	n = vsw_recv(h);
	if (n == -ENOBUFS) {
		vsw_set_errmsg(h, "event queue overrun; events were lost");
		return n;
	}
	if (n < 0) {
		vsw_set_errmsg(h, "reading events: %s", strerror(-n));
		return n;
	}

	left = n;
	for (nlh = (void *)h->buf; vsw_nlmsg_ok(nlh, left);
	     nlh = mnl_nlmsg_next(nlh, &left)) {
		/* Only multicast from the kernel (portid 0) is an event. */
		if (nlh->nlmsg_type != h->family || nlh->nlmsg_pid)
			continue;
		ret = vsw_parse_event(nlh, &ev, &stats);
		if (ret == 0)
			ret = cb(&ev, arg);
		else if (ret == 1)
			ret = 0;
		else
			vsw_set_errmsg(h, "malformed event");
		vsw_event_clear(&ev);
		if (ret)
			break;
	}
	return ret;
}
