// SPDX-License-Identifier: GPL-2.0
/*
 * VXLAN VTEP (RFC 7348). Each VNI is bound to one VLAN of a switch and works
 * as a port that is a member of that VLAN only: frames for addresses behind
 * a remote VTEP are encapsulated to that VTEP, floods go to every remote
 * (head-end replication) and to the multicast group, and decapsulated frames
 * enter the switch by the VNI's port, learning their source behind the VTEP
 * that sent them.
 *
 * The UDP sockets come from the kernel's udp_tunnel API, one per (netns,
 * port, family), shared by every VNI on it (drivers/net/vxlan/ is the model
 * for the socket, offload and PMTU handling).
 */
#include <linux/etherdevice.h>
#include <linux/hash.h>
#include <linux/if_vlan.h>
#include <linux/igmp.h>
#include <net/addrconf.h>
#include <net/dst_metadata.h>
#include <net/gro.h>
#include <net/inet_ecn.h>
#include <net/ip6_route.h>
#include <net/ip_tunnels.h>
#include <net/ipv6_stubs.h>
#include <net/route.h>
#include <net/udp_tunnel.h>
#include <net/vxlan.h>

#include "vxlan.h"
#include "fdb.h"
#include "netlink.h"

/* Every socket of every netns; RTNL. */
static LIST_HEAD(vsw_vxlan_socks);

static struct hlist_head *vsw_vxlan_bucket(struct vsw_vxlan_sock *vs, u32 vni)
{
	return &vs->vnis[hash_32(vni, VSW_VXLAN_VNI_BITS)];
}

static struct vsw_vxlan *vsw_vxlan_sock_find_rcu(struct vsw_vxlan_sock *vs,
						 u32 vni)
{
	struct vsw_vxlan *vx;

	/* Configuration looks here under RTNL, receivers under RCU. */
	hlist_for_each_entry_rcu(vx, vsw_vxlan_bucket(vs, vni), hash,
				 lockdep_rtnl_is_held())
		if (vx->vni == vni)
			return vx;
	return NULL;
}

struct vsw_vxlan *vsw_vxlan_find(struct vsw_switch *sw, u32 vni)
{
	struct vsw_vxlan *vx;

	list_for_each_entry_rcu(vx, &sw->vxlans, list, lockdep_rtnl_is_held())
		if (vx->vni == vni)
			return vx;
	return NULL;
}

struct vsw_vxlan *vsw_vxlan_of_vlan_rcu(struct vsw_switch *sw, u16 vlan)
{
	struct vsw_vxlan *vx;

	list_for_each_entry_rcu(vx, &sw->vxlans, list)
		if (vx->vlan == vlan)
			return vx;
	return NULL;
}

static void vsw_vxlan_sock_drop(struct vsw_vxlan_sock *vs, struct sk_buff *skb,
				enum vsw_drop_reason reason)
{
	struct vsw_port_stats *s = this_cpu_ptr(vs->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->drops[reason]);
	u64_stats_update_end(&s->syncp);
	kfree_skb(skb);
}

static void vsw_vxlan_drop(struct vsw_vxlan *vx, struct sk_buff *skb,
			   enum vsw_drop_reason reason)
{
	vsw_port_count_drop(&vx->port, reason);
	kfree_skb(skb);
}

/* The outer header's source: the VTEP that sent the frame. */
static void vsw_vxlan_outer_source(const struct vsw_vxlan *vx,
				   const struct sk_buff *skb, union vsw_ip *ip)
{
	if (vx->family == AF_INET)
		ip->v4 = ip_hdr(skb)->saddr;
	else
		ip->v6 = ipv6_hdr(skb)->saddr;
}

/* RFC 6040: combine the outer ECN field into the inner packet. */
static bool vsw_vxlan_ecn_decap(const struct vsw_vxlan *vx, const void *oiph,
				struct sk_buff *skb)
{
	if (vx->family == AF_INET)
		return IP_ECN_decapsulate(oiph, skb) <= 1;
	return IP6_ECN_decapsulate(oiph, skb) <= 1;
}

/*
 * encap_rcv of the UDP socket, in softirq under RCU; skb->data is at the
 * UDP header. Always consumes the datagram.
 */
static int vsw_vxlan_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct vsw_vxlan_sock *vs = rcu_dereference_sk_user_data(sk);
	union vsw_ip remote;
	struct vxlanhdr *vxh;
	struct vsw_vxlan *vx;
	struct vsw_switch *sw;
	unsigned int outer;

	if (unlikely(!vs)) {
		kfree_skb(skb);
		return 0;
	}
	if (!pskb_may_pull(skb, VXLAN_HLEN)) {
		vsw_vxlan_sock_drop(vs, skb, VSW_DROP_VXLAN_HEADER);
		return 0;
	}
	vxh = (struct vxlanhdr *)(udp_hdr(skb) + 1);
	/* Only the I flag, and reserved bits zero (RFC 7348 5). */
	if (vxh->vx_flags != VXLAN_HF_VNI ||
	    (vxh->vx_vni & ~VXLAN_VNI_MASK)) {
		vsw_vxlan_sock_drop(vs, skb, VSW_DROP_VXLAN_HEADER);
		return 0;
	}
	vx = vsw_vxlan_sock_find_rcu(vs, be32_to_cpu(vxlan_vni(vxh->vx_vni)));
	if (!vx) {
		vsw_vxlan_sock_drop(vs, skb, VSW_DROP_VXLAN_VNI);
		return 0;
	}
	sw = vx->port.sw;
	vsw_vxlan_outer_source(vx, skb, &remote);

	if (__iptunnel_pull_header(skb, VXLAN_HLEN, htons(ETH_P_TEB), false,
				   !net_eq(vs->net, dev_net(sw->dev)))) {
		vsw_vxlan_drop(vx, skb, VSW_DROP_MALFORMED);
		return 0;
	}
	if (!pskb_may_pull(skb, ETH_HLEN)) {
		vsw_vxlan_drop(vx, skb, VSW_DROP_MALFORMED);
		return 0;
	}
	skb_reset_mac_header(skb);
	skb->protocol = eth_type_trans(skb, sw->dev);
	skb_postpull_rcsum(skb, eth_hdr(skb), ETH_HLEN);
	/* The outer header stays in the headroom, but pulls may move
	 * skb->head: keep its offset.
	 */
	outer = skb_network_header(skb) - skb->head;
	skb_reset_network_header(skb);
	/* An in-band tag goes to vlan_tci, as the core does on receive. */
	if (eth_type_vlan(skb->protocol)) {
		skb = skb_vlan_untag(skb);
		if (!skb) {
			vsw_port_count_drop(&vx->port, VSW_DROP_MALFORMED);
			return 0;
		}
	}
	if (!pskb_inet_may_pull(skb)) {
		vsw_vxlan_drop(vx, skb, VSW_DROP_MALFORMED);
		return 0;
	}
	if (!vsw_vxlan_ecn_decap(vx, skb->head + outer, skb)) {
		vsw_vxlan_drop(vx, skb, VSW_DROP_ECN);
		return 0;
	}

	skb = vsw_forward(&vx->port, skb, vx->learning ? &remote : NULL);
	if (skb)
		netif_rx(skb);
	return 0;
}

static struct sk_buff *vsw_vxlan_gro_receive(struct sock *sk,
					     struct list_head *head,
					     struct sk_buff *skb)
{
	unsigned int off_vx = skb_gro_offset(skb);
	const struct vxlanhdr *vh, *vh2;
	struct sk_buff *pp = NULL, *p;
	int flush = 1;

	vh = skb_gro_header(skb, off_vx + sizeof(*vh), off_vx);
	if (!vh || vh->vx_flags != VXLAN_HF_VNI)
		goto out;
	skb_gro_postpull_rcsum(skb, vh, sizeof(*vh));
	skb_gro_pull(skb, sizeof(*vh));

	/* Only frames of one VNI are merged. */
	list_for_each_entry(p, head, list) {
		if (!NAPI_GRO_CB(p)->same_flow)
			continue;
		vh2 = (const struct vxlanhdr *)(p->data + off_vx);
		if (vh->vx_flags != vh2->vx_flags ||
		    vh->vx_vni != vh2->vx_vni)
			NAPI_GRO_CB(p)->same_flow = 0;
	}
	pp = call_gro_receive(eth_gro_receive, head, skb);
	flush = 0;
out:
	skb_gro_flush_final(skb, pp, flush);
	return pp;
}

static int vsw_vxlan_gro_complete(struct sock *sk, struct sk_buff *skb,
				  int nhoff)
{
	/* The inner Ethernet header follows the VXLAN header. */
	return eth_gro_complete(skb, nhoff + sizeof(struct vxlanhdr));
}

/* DSCP and ECN of the inner packet, copied to the outer header (RFC 6040
 * normal mode).
 */
static u8 vsw_vxlan_inner_dsfield(struct sk_buff *skb)
{
	switch (skb->protocol) {
	case htons(ETH_P_IP):
		if (pskb_network_may_pull(skb, sizeof(struct iphdr)))
			return ip_hdr(skb)->tos;
		break;
	case htons(ETH_P_IPV6):
		if (pskb_network_may_pull(skb, sizeof(struct ipv6hdr)))
			return ipv6_get_dsfield(ipv6_hdr(skb));
		break;
	}
	return 0;
}

/* The route to @dst; from @cache (if any) when it is still valid. */
static struct dst_entry *vsw_vxlan_route(struct vsw_vxlan *vx,
					 struct sk_buff *skb,
					 const union vsw_ip *dst,
					 struct dst_cache *cache, int oif,
					 __be16 sport, u8 tos)
{
	struct sock *sk = vx->vs->sock->sk;
	struct net *net = sock_net(sk);
	struct dst_entry *ndst;
	union vsw_ip saddr;

	if (cache) {
		if (vx->family == AF_INET)
			ndst = (struct dst_entry *)dst_cache_get_ip4(cache,
								    &saddr.v4);
		else
			ndst = dst_cache_get_ip6(cache, &saddr.v6);
		if (ndst)
			return ndst;
	}

	if (vx->family == AF_INET) {
		struct flowi4 fl4 = {
			.flowi4_oif = oif,
			.flowi4_tos = tos & INET_DSCP_MASK,
			.flowi4_mark = skb->mark,
			.flowi4_proto = IPPROTO_UDP,
			.daddr = dst->v4,
			.saddr = vx->local.v4,
			.fl4_dport = vx->dstport,
			.fl4_sport = sport,
		};
		struct rtable *rt = ip_route_output_key(net, &fl4);

		if (IS_ERR(rt))
			return ERR_CAST(rt);
		if (cache)
			dst_cache_set_ip4(cache, &rt->dst, fl4.saddr);
		return &rt->dst;
	}
#if IS_ENABLED(CONFIG_IPV6)
	{
		struct flowi6 fl6 = {
			.flowi6_oif = oif,
			.flowi6_mark = skb->mark,
			.flowi6_proto = IPPROTO_UDP,
			.flowlabel = ip6_make_flowinfo(tos, 0),
			.daddr = dst->v6,
			.saddr = vx->local.v6,
			.fl6_dport = vx->dstport,
			.fl6_sport = sport,
		};

		ndst = ipv6_stub->ipv6_dst_lookup_flow(net, sk, &fl6, NULL);
		if (!IS_ERR(ndst) && cache)
			dst_cache_set_ip6(cache, ndst, &fl6.saddr);
		return ndst;
	}
#else
	return ERR_PTR(-EAFNOSUPPORT);
#endif
}

static bool vsw_vxlan_fits(const struct sk_buff *skb, unsigned int mtu)
{
	if (skb_is_gso(skb))
		return skb_gso_validate_network_len(skb, mtu);
	return skb->len - skb_network_offset(skb) <= mtu;
}

/*
 * Encapsulate one frame (data at its Ethernet header) to @dst and send it;
 * consumes @skb. A frame too big for the path is never fragmented: it is
 * dropped, and if @reply the sender gets an ICMP error, which is returned.
 */
static struct sk_buff *vsw_vxlan_send(struct vsw_vxlan *vx,
				      struct sk_buff *skb,
				      const union vsw_ip *dst,
				      struct dst_cache *cache, int oif,
				      bool reply)
{
	struct net_device *swdev = vx->port.sw->dev;
	struct sock *sk = vx->vs->sock->sk;
	unsigned int overhead, len = skb->len;
	struct dst_entry *ndst;
	struct vxlanhdr *vxh;
	__be16 sport;
	u8 tos;

	sport = udp_flow_src_port(sock_net(sk), skb, 0, 0, true);
	tos = vsw_vxlan_inner_dsfield(skb);
	ndst = vsw_vxlan_route(vx, skb, dst, cache, oif, sport, tos);
	if (IS_ERR(ndst)) {
		vsw_vxlan_drop(vx, skb, VSW_DROP_VXLAN_ROUTE);
		return NULL;
	}
	/* A route through the switch itself would loop. */
	if (ndst->dev == swdev) {
		dst_release(ndst);
		vsw_vxlan_drop(vx, skb, VSW_DROP_VXLAN_ROUTE);
		return NULL;
	}

	overhead = vx->family == AF_INET ? VSW_VXLAN4_OVERHEAD :
					   VSW_VXLAN6_OVERHEAD;
	if (unlikely(!vsw_vxlan_fits(skb, dst_mtu(ndst) - overhead))) {
		vsw_port_count_drop(&vx->port, VSW_DROP_MTU);
		if (reply &&
		    skb_tunnel_check_pmtu(skb, ndst, overhead, true) > 0) {
			dst_release(ndst);
			return skb;
		}
		dst_release(ndst);
		kfree_skb_reason(skb, SKB_DROP_REASON_PKT_TOO_BIG);
		return NULL;
	}

	if (skb_cow_head(skb, LL_RESERVED_SPACE(ndst->dev) +
			 ndst->header_len + overhead - ETH_HLEN) ||
	    udp_tunnel_handle_offloads(skb, true)) {
		dst_release(ndst);
		vsw_vxlan_drop(vx, skb, VSW_DROP_NOMEM);
		return NULL;
	}
	vxh = __skb_push(skb, sizeof(*vxh));
	vxh->vx_flags = VXLAN_HF_VNI;
	vxh->vx_vni = vxlan_vni_field(cpu_to_be32(vx->vni));
	skb_set_inner_protocol(skb, htons(ETH_P_TEB));
	/* The tunnel's transmit counters are the switch device's. */
	skb->dev = swdev;
	vsw_port_count_tx(&vx->port, len);

	if (vx->family == AF_INET) {
		struct rtable *rt = container_of(ndst, struct rtable, dst);

		udp_tunnel_xmit_skb(rt, sk, skb, vx->local.v4, dst->v4, tos,
				    vx->ttl,
				    htons(IP_DF), sport, vx->dstport,
				    false, false);
	} else {
#if IS_ENABLED(CONFIG_IPV6)
		udp_tunnel6_xmit_skb(ndst, sk, skb, swdev, &vx->local.v6,
				     (struct in6_addr *)&dst->v6, tos, vx->ttl,
				     0, sport, vx->dstport, false);
#endif
	}
	return NULL;
}

/* The listed remote @ip is, if any: its route is cached. */
static struct vsw_vxlan_dest *vsw_vxlan_dest(struct vsw_vxlan *vx,
					     const union vsw_ip *ip)
{
	unsigned int i;

	for (i = 0; i < vx->n_remotes; i++)
		if (vsw_ip_equal(vx->family, &vx->remotes[i].ip, ip))
			return &vx->remotes[i];
	return NULL;
}

struct sk_buff *vsw_vxlan_xmit(struct vsw_port *port, struct sk_buff *skb,
			       const union vsw_ip *remote)
{
	struct vsw_vxlan_dest *dest;
	struct vsw_vxlan *vx = vsw_vxlan_of(port);
	unsigned int i, n = vx->n_remotes + vx->has_group;
	struct sk_buff *nskb;

	/* The VNI is the VLAN: the inner frame goes untagged. */
	__vlan_hwaccel_clear_tag(skb);
	skb_push_rcsum(skb, ETH_HLEN);
	if (remote) {
		dest = vsw_vxlan_dest(vx, remote);
		return vsw_vxlan_send(vx, skb, remote,
				      dest ? &dest->dst_cache : NULL, 0, true);
	}

	if (!n) {
		consume_skb(skb);
		return NULL;
	}
	/* One source port for every copy of a frame. */
	skb_get_hash(skb);
	for (i = 0; i < n; i++) {
		nskb = skb;
		if (i < n - 1) {
			nskb = skb_clone(skb, GFP_ATOMIC);
			if (unlikely(!nskb)) {
				vsw_port_count_drop(port, VSW_DROP_NOMEM);
				continue;
			}
		}
		dest = i < vx->n_remotes ? &vx->remotes[i] : &vx->group;
		vsw_vxlan_send(vx, nskb, &dest->ip, &dest->dst_cache,
			       i < vx->n_remotes ? 0 : vx->group_ifindex, false);
	}
	return NULL;
}

/* Sockets */

static int vsw_vxlan_sock_no_mc_loop(struct socket *sock, sa_family_t family)
{
	int off = 0;

	if (family == AF_INET)
		return sock->ops->setsockopt(sock, SOL_IP, IP_MULTICAST_LOOP,
					     KERNEL_SOCKPTR(&off), sizeof(off));
	return sock->ops->setsockopt(sock, SOL_IPV6, IPV6_MULTICAST_LOOP,
				     KERNEL_SOCKPTR(&off), sizeof(off));
}

static struct vsw_vxlan_sock *vsw_vxlan_sock_get(struct net *net,
						 sa_family_t family,
						 __be16 port,
						 struct netlink_ext_ack *extack)
{
	struct udp_tunnel_sock_cfg tunnel_cfg = {
		.encap_type = 1,
		.encap_rcv = vsw_vxlan_rcv,
		.gro_receive = vsw_vxlan_gro_receive,
		.gro_complete = vsw_vxlan_gro_complete,
	};
	struct udp_port_cfg udp_cfg = {
		.family = family,
		.local_udp_port = port,
	};
	struct vsw_vxlan_sock *vs;
	int err, i;

	list_for_each_entry(vs, &vsw_vxlan_socks, list) {
		if (net_eq(vs->net, net) && vs->family == family &&
		    vs->port == port) {
			vs->users++;
			return vs;
		}
	}

	vs = kzalloc(sizeof(*vs), GFP_KERNEL);
	if (!vs)
		return ERR_PTR(-ENOMEM);
	vs->stats = netdev_alloc_pcpu_stats(struct vsw_port_stats);
	if (!vs->stats) {
		err = -ENOMEM;
		goto err_free;
	}
	for (i = 0; i < VSW_VXLAN_VNI_HASH; i++)
		INIT_HLIST_HEAD(&vs->vnis[i]);

	if (family == AF_INET6) {
		udp_cfg.local_ip6 = in6addr_any;
		udp_cfg.ipv6_v6only = 1;
		udp_cfg.use_udp6_rx_checksums = 1;
	} else {
		udp_cfg.local_ip.s_addr = htonl(INADDR_ANY);
	}
	err = udp_sock_create(net, &udp_cfg, &vs->sock);
	if (err) {
		if (err == -EADDRINUSE)
			NL_SET_ERR_MSG_MOD(extack,
					   "The UDP port is in use by another socket in this network namespace");
		else
			NL_SET_ERR_MSG_MOD(extack,
					   "Cannot create the VXLAN UDP socket");
		goto err_stats;
	}
	/* Our own floods to a group must not come back to us as if from a
	 * remote VTEP.
	 */
	err = vsw_vxlan_sock_no_mc_loop(vs->sock, family);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "Cannot set up the VXLAN UDP socket");
		goto err_sock;
	}
	vs->net = net;
	vs->family = family;
	vs->port = port;
	vs->users = 1;
	tunnel_cfg.sk_user_data = vs;
	setup_udp_tunnel_sock(net, vs->sock, &tunnel_cfg);
	list_add(&vs->list, &vsw_vxlan_socks);
	return vs;

err_sock:
	udp_tunnel_sock_release(vs->sock);
err_stats:
	free_percpu(vs->stats);
err_free:
	kfree(vs);
	return ERR_PTR(err);
}

static void vsw_vxlan_sock_put(struct vsw_vxlan_sock *vs)
{
	if (--vs->users)
		return;
	list_del(&vs->list);
	/* Waits for receivers still using the socket's user data. */
	udp_tunnel_sock_release(vs->sock);
	free_percpu(vs->stats);
	kfree(vs);
}

void vsw_vxlan_sock_read_drops(const struct vsw_vxlan *vx,
			       struct vsw_port_totals *t)
{
	vsw_stats_read(vx->vs->stats, t);
}

/* Multicast membership, one per (socket, group, device) */

static bool vsw_vxlan_group_used(const struct vsw_vxlan *vx)
{
	const struct vsw_vxlan *other;
	int i;

	for (i = 0; i < VSW_VXLAN_VNI_HASH; i++)
		hlist_for_each_entry(other, &vx->vs->vnis[i], hash)
			if (other != vx && other->has_group &&
			    other->group_ifindex == vx->group_ifindex &&
			    vsw_ip_equal(vx->family, &other->group.ip,
					 &vx->group.ip))
				return true;
	return false;
}

static int vsw_vxlan_group_join(struct vsw_vxlan *vx, bool join)
{
	struct sock *sk = vx->vs->sock->sk;
	int err = 0;

	if (!vx->has_group || vsw_vxlan_group_used(vx))
		return 0;
	lock_sock(sk);
	if (vx->family == AF_INET) {
		struct ip_mreqn mreq = {
			.imr_multiaddr.s_addr = vx->group.ip.v4,
			.imr_ifindex = vx->group_ifindex,
		};

		err = join ? ip_mc_join_group(sk, &mreq) :
			     ip_mc_leave_group(sk, &mreq);
	} else {
#if IS_ENABLED(CONFIG_IPV6)
		err = join ? ipv6_stub->ipv6_sock_mc_join(sk, vx->group_ifindex,
							   &vx->group.ip.v6) :
			     ipv6_stub->ipv6_sock_mc_drop(sk, vx->group_ifindex,
							   &vx->group.ip.v6);
#endif
	}
	release_sock(sk);
	return err;
}

/* Configuration, under RTNL */

static bool vsw_vxlan_local_ok(struct net *net, sa_family_t family,
			       const union vsw_ip *ip)
{
	if (family == AF_INET)
		return inet_addr_type(net, ip->v4) == RTN_LOCAL;
#if IS_ENABLED(CONFIG_IPV6)
	return ipv6_chk_addr(net, &ip->v6, NULL, 0);
#else
	return false;
#endif
}

/* Destroys the caches that were initialised: those zeroed are skipped. */
static void vsw_vxlan_dst_caches_destroy(struct vsw_vxlan *vx)
{
	unsigned int i;

	for (i = 0; i < vx->n_remotes; i++)
		dst_cache_destroy(&vx->remotes[i].dst_cache);
	dst_cache_destroy(&vx->group.dst_cache);
}

static int vsw_vxlan_dst_caches_init(struct vsw_vxlan *vx)
{
	unsigned int i;

	if (dst_cache_init(&vx->group.dst_cache, GFP_KERNEL))
		return -ENOMEM;
	for (i = 0; i < vx->n_remotes; i++)
		if (dst_cache_init(&vx->remotes[i].dst_cache, GFP_KERNEL))
			return -ENOMEM;
	return 0;
}

int vsw_vxlan_add(struct vsw_switch *sw, const struct vsw_vxlan_config *cfg,
		  struct netlink_ext_ack *extack)
{
	struct net *net = dev_net(sw->dev);
	struct vsw_vxlan_sock *vs;
	struct vsw_vxlan *vx;
	unsigned int i;
	int err;

	ASSERT_RTNL();
	if (vsw_vxlan_find(sw, cfg->vni)) {
		NL_SET_ERR_MSG_MOD(extack, "The VNI is already bound on this switch");
		return -EEXIST;
	}
	list_for_each_entry(vx, &sw->vxlans, list) {
		if (vx->vlan == cfg->vlan) {
			NL_SET_ERR_MSG_MOD(extack, "The VLAN already has a VNI");
			return -EEXIST;
		}
	}
	if (!vsw_vxlan_local_ok(net, cfg->family, &cfg->local)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "The local address is not an address of this host");
		return -EADDRNOTAVAIL;
	}

	vx = kzalloc(struct_size(vx, remotes, cfg->n_remotes), GFP_KERNEL);
	if (!vx)
		return -ENOMEM;
	vx->port.stats = netdev_alloc_pcpu_stats(struct vsw_port_stats);
	if (!vx->port.stats) {
		err = -ENOMEM;
		goto err_free;
	}
	vs = vsw_vxlan_sock_get(net, cfg->family, cfg->dstport, extack);
	if (IS_ERR(vs)) {
		err = PTR_ERR(vs);
		goto err_stats;
	}
	if (vsw_vxlan_sock_find_rcu(vs, cfg->vni)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "Another switch uses the VNI on this UDP port");
		err = -EEXIST;
		goto err_sock;
	}

	vx->port.sw = sw;
	vx->port.kind = VSW_PORT_KIND_VXLAN;
	vx->port.id = ++sw->next_port_id;
	vx->vs = vs;
	vx->vni = cfg->vni;
	vx->vlan = cfg->vlan;
	vx->family = cfg->family;
	vx->dstport = cfg->dstport;
	vx->ttl = cfg->ttl;
	vx->learning = cfg->learning;
	vx->local = cfg->local;
	vx->has_group = cfg->has_group;
	vx->group.ip = cfg->group;
	vx->group_ifindex = cfg->group_ifindex;
	vx->n_remotes = cfg->n_remotes;
	for (i = 0; i < cfg->n_remotes; i++)
		vx->remotes[i].ip = cfg->remotes[i];
	err = vsw_vxlan_dst_caches_init(vx);
	if (err)
		goto err_sock;

	err = vsw_vxlan_group_join(vx, true);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "Cannot join the multicast group");
		goto err_caches;
	}
	hlist_add_head_rcu(&vx->hash, vsw_vxlan_bucket(vs, vx->vni));
	list_add_tail_rcu(&vx->list, &sw->vxlans);
	vsw_nl_notify_vxlan(vx, VSW_CMD_VXLAN_NEW);
	return 0;

err_caches:
	vsw_vxlan_dst_caches_destroy(vx);
err_sock:
	vsw_vxlan_sock_put(vs);
err_stats:
	free_percpu(vx->port.stats);
err_free:
	kfree(vx);
	return err;
}

static void vsw_vxlan_free_rcu(struct rcu_head *head)
{
	struct vsw_vxlan *vx = container_of(head, struct vsw_vxlan, port.rcu);

	vsw_vxlan_dst_caches_destroy(vx);
	free_percpu(vx->port.stats);
	kfree(vx);
}

void vsw_vxlan_del(struct vsw_vxlan *vx)
{
	struct vsw_switch *sw = vx->port.sw;

	ASSERT_RTNL();
	vsw_nl_notify_vxlan(vx, VSW_CMD_VXLAN_DEL);
	list_del_rcu(&vx->list);
	hlist_del_rcu(&vx->hash);
	/* No receiver can learn behind the VNI any more once this returns,
	 * so the flush below is final.
	 */
	synchronize_net();
	vsw_fdb_flush(sw, &vx->port, -1, true);
	vsw_vxlan_group_join(vx, false);
	vsw_vxlan_sock_put(vx->vs);
	call_rcu(&vx->port.rcu, vsw_vxlan_free_rcu);
}

void vsw_vxlan_del_all(struct vsw_switch *sw)
{
	struct vsw_vxlan *vx, *tmp;

	list_for_each_entry_safe(vx, tmp, &sw->vxlans, list)
		vsw_vxlan_del(vx);
}
