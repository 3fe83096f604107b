/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libvsw internals: the handle, the request/reply engine and the reply
 * parsers. The parsers take a plain netlink message so that the unit tests
 * can feed them hand-built replies without a socket.
 */
#ifndef _VSW_INTERNAL_H
#define _VSW_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>
#include <libmnl/libmnl.h>
#include <vsw/vsw.h>

#define VSW_ERRMSG_LEN		256
/*
 * Requests carry a few short attributes, names bounded by IFNAMSIZ or
 * VSW_PORTGROUP_NAMSIZ; the largest is a port group with its trunk bitmap.
 */
#define VSW_REQ_LEN		1024

struct vsw {
	struct mnl_socket *nl;
	uint32_t portid;
	uint32_t seq;
	uint16_t family;
	uint32_t mcgrp;			/* "events" group id, 0 if none */
	char *buf;			/* receive buffer, grown on demand */
	size_t buflen;
	char errmsg[VSW_ERRMSG_LEN];
};

/* Called for each data message of a reply; non-zero stops the walk. */
typedef int (*vsw_msg_cb)(const struct nlmsghdr *nlh, void *arg);

/* State of one request while its reply comes in. */
struct vsw_rx {
	uint32_t seq;
	uint32_t portid;
	vsw_msg_cb cb;
	void *arg;
	int cb_ret;			/* first non-zero callback result */
	int result;			/* final result once done */
	bool intr;			/* the kernel flagged NLM_F_DUMP_INTR */
	char errmsg[VSW_ERRMSG_LEN];
};

enum { VSW_RX_DONE, VSW_RX_MORE };

/* nl.c */
void vsw_set_errmsg(struct vsw *h, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
struct nlmsghdr *vsw_req_init(struct vsw *h, void *buf, uint16_t type,
			      uint8_t cmd, uint8_t version, uint16_t flags);
int vsw_put_name(struct vsw *h, struct nlmsghdr *nlh, uint16_t type,
		 const char *name, const char *what);
int vsw_put_pgname(struct vsw *h, struct nlmsghdr *nlh, const char *name);
int vsw_put_mac(struct vsw *h, struct nlmsghdr *nlh, const uint8_t *mac);
int vsw_put_vlan(struct vsw *h, struct nlmsghdr *nlh, int vlan);
int vsw_talk(struct vsw *h, struct nlmsghdr *nlh, vsw_msg_cb cb, void *arg);
ssize_t vsw_recv(struct vsw *h);
void vsw_rx_init(struct vsw_rx *rx, uint32_t seq, uint32_t portid,
		 vsw_msg_cb cb, void *arg);
int vsw_rx_process(struct vsw_rx *rx, const void *buf, size_t len);
int vsw_parse_nlmsgerr(const struct nlmsghdr *nlh, const char **msg);
bool vsw_nlmsg_ok(const struct nlmsghdr *nlh, int len);

/* ctrl.c */
int vsw_parse_family(const struct nlmsghdr *nlh, uint16_t *id,
		     uint32_t *mcgrp);
int vsw_resolve_family(struct vsw *h);

/* attr.c */
int vsw_parse_attrs(const struct nlmsghdr *nlh, const struct nlattr **tb,
		    uint64_t *present);
int vsw_parse_switch(const struct nlmsghdr *nlh, struct vsw_switch *sw);
void vsw_switch_clear(struct vsw_switch *sw);
int vsw_parse_port(const struct nlmsghdr *nlh, struct vsw_port *port,
		   struct vsw_port_stats *stats);
int vsw_parse_fdb(const struct nlmsghdr *nlh, struct vsw_fdb *fdb);
int vsw_parse_portgroup(const struct nlmsghdr *nlh, struct vsw_portgroup *pg);
void vsw_portgroup_clear(struct vsw_portgroup *pg);
int vsw_parse_team(const struct nlmsghdr *nlh, struct vsw_team *team);
void vsw_team_clear(struct vsw_team *team);
int vsw_parse_vxlan(const struct nlmsghdr *nlh, struct vsw_vxlan *vx);
void vsw_vxlan_clear(struct vsw_vxlan *vx);

/* port.c */
int vsw_port_req(struct vsw *h, void *buf, uint8_t cmd, const char *sw,
		 const char *dev, enum vsw_port_kind kind,
		 const struct vsw_port_opts *o, struct nlmsghdr **nlhp);

/* portgroup.c */
int vsw_portgroup_req(struct vsw *h, void *buf, uint8_t cmd,
		      const struct vsw_portgroup_opts *o,
		      struct nlmsghdr **nlhp);

/* team.c */
/* Name -> ifindex, 0 when there is no such device (if_nametoindex()). */
typedef unsigned int (*vsw_ifindex_fn)(const char *name);
int vsw_team_req(struct vsw *h, void *buf, const struct vsw_team_opts *o,
		 vsw_ifindex_fn ifindex, struct nlmsghdr **nlhp);

/* fdb.c */
int vsw_fdb_remote_req(struct vsw *h, void *buf, const char *sw,
		       const uint8_t *mac, int vlan,
		       const struct vsw_addr *remote, uint32_t vni,
		       struct nlmsghdr **nlhp);

/* vxlan.c */
/*
 * VXLAN_NEW requests carry the remote list: VSW_VXLAN_REMOTES_MAX IPv6
 * remotes need more than the 1024 bytes of the other requests.
 */
#define VSW_VXLAN_REQ_LEN	4096
/* Bytes of an address of @family on the wire; 0 for an unknown family. */
size_t vsw_addr_len(uint16_t family);
int vsw_check_vni(struct vsw *h, uint32_t vni);
int vsw_check_unicast(struct vsw *h, const struct vsw_addr *a,
		      const char *what);
int vsw_put_addr(struct nlmsghdr *nlh, size_t buflen, uint16_t type,
		 const struct vsw_addr *a);
int vsw_vxlan_req(struct vsw *h, void *buf, const struct vsw_vxlan_opts *o,
		  vsw_ifindex_fn ifindex, struct nlmsghdr **nlhp);
int vsw_vxlan_vni_req(struct vsw *h, void *buf, uint8_t cmd, uint16_t flags,
		      const char *sw, uint32_t vni, struct nlmsghdr **nlhp);

/* monitor.c */
int vsw_parse_event(const struct nlmsghdr *nlh, struct vsw_event *ev,
		    struct vsw_port_stats *stats);
void vsw_event_clear(struct vsw_event *ev);

#endif /* _VSW_INTERNAL_H */
