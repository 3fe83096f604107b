/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VXLAN (RFC 7348): a VNI bound to one VLAN of a switch, working as a port
 * of that VLAN whose far side is a set of remote VTEPs.
 */
#ifndef _VSW_VXLAN_H
#define _VSW_VXLAN_H

#include <linux/in6.h>
#include <linux/socket.h>
#include <net/dst_cache.h>
#include <net/ipv6.h>

#include "switch.h"

/* A VTEP address; which member is used is the VNI's address family. */
union vsw_ip {
	__be32 v4;
	struct in6_addr v6;
};

/* Outer headers: IP, UDP, VXLAN, and the inner Ethernet header. */
#define VSW_VXLAN4_OVERHEAD	(20 + 8 + 8 + ETH_HLEN)
#define VSW_VXLAN6_OVERHEAD	(40 + 8 + 8 + ETH_HLEN)

#define VSW_VXLAN_VNI_BITS	4
#define VSW_VXLAN_VNI_HASH	(1U << VSW_VXLAN_VNI_BITS)

/*
 * One UDP socket per (netns, port, family), shared by every VNI on it, of
 * every switch of the netns. Changed under RTNL; read under RCU.
 */
struct vsw_vxlan_sock {
	struct list_head list;		/* in vsw_vxlan_socks */
	struct net *net;
	struct socket *sock;
	__be16 port;
	sa_family_t family;
	unsigned int users;		/* VNIs on it */
	/* Datagrams dropped before a VNI was known. */
	struct vsw_port_stats __percpu *stats;
	struct hlist_head vnis[VSW_VXLAN_VNI_HASH];
};

/* A VTEP frames are sent to, with its route cached per CPU. */
struct vsw_vxlan_dest {
	union vsw_ip ip;
	struct dst_cache dst_cache;
};

struct vsw_vxlan {
	/* Frames from the VNI enter the switch by this port; it has no
	 * device and is not on the switch's port list.
	 */
	struct vsw_port port;
	struct list_head list;		/* in vsw_switch.vxlans, RCU */
	struct hlist_node hash;		/* in vsw_vxlan_sock.vnis, RCU */
	struct vsw_vxlan_sock *vs;
	u32 vni;
	u16 vlan;
	sa_family_t family;
	__be16 dstport;
	u8 ttl;
	bool learning;
	union vsw_ip local;
	struct vsw_vxlan_dest group;
	int group_ifindex;
	bool has_group;
	/* Head-end replication list; fixed for the VNI's life. */
	unsigned int n_remotes;
	struct vsw_vxlan_dest remotes[];
};

struct vsw_vxlan_config {
	u32 vni;
	u16 vlan;
	sa_family_t family;
	__be16 dstport;
	u8 ttl;
	bool learning;
	union vsw_ip local;
	bool has_group;
	union vsw_ip group;
	int group_ifindex;
	unsigned int n_remotes;
	union vsw_ip *remotes;
};

static inline struct vsw_vxlan *vsw_vxlan_of(const struct vsw_port *port)
{
	return container_of(port, struct vsw_vxlan, port);
}

static inline bool vsw_ip_equal(sa_family_t family, const union vsw_ip *a,
				const union vsw_ip *b)
{
	if (family == AF_INET)
		return a->v4 == b->v4;
	return ipv6_addr_equal(&a->v6, &b->v6);
}

int vsw_vxlan_add(struct vsw_switch *sw, const struct vsw_vxlan_config *cfg,
		  struct netlink_ext_ack *extack);
void vsw_vxlan_del(struct vsw_vxlan *vx);
void vsw_vxlan_del_all(struct vsw_switch *sw);
struct vsw_vxlan *vsw_vxlan_find(struct vsw_switch *sw, u32 vni);
struct vsw_vxlan *vsw_vxlan_of_vlan_rcu(struct vsw_switch *sw, u16 vlan);
void vsw_vxlan_sock_read_drops(const struct vsw_vxlan *vx,
			       struct vsw_port_totals *t);

/* Data path: send a frame of the VNI's VLAN (data at the network header)
 * to @remote, or to every remote and the group if @remote is NULL.
 * Returns an ICMP "too big" reply for the sender, if one is due.
 */
struct sk_buff *vsw_vxlan_xmit(struct vsw_port *port, struct sk_buff *skb,
			       const union vsw_ip *remote);

#endif /* _VSW_VXLAN_H */
