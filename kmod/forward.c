// SPDX-License-Identifier: GPL-2.0
/*
 * The data path: frames enter the switch from a port's rx_handler or from
 * the host through the switch device's ndo_start_xmit, are learned, and
 * leave by one port (known unicast) or by every other port (flooding).
 *
 * Everything here runs under RCU with BHs off and allocates nothing but the
 * clones flooding needs.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <net/dropreason.h>

#include "switch.h"
#include "fdb.h"
#include "vxlan.h"
#include "compat.h"

static enum skb_drop_reason vsw_skb_drop_reason(enum vsw_drop_reason reason)
{
	switch (reason) {
	case VSW_DROP_INVALID_SOURCE:
		return VSW_SKB_DROP_INVALID_SOURCE;
	case VSW_DROP_MTU:
		return SKB_DROP_REASON_PKT_TOO_BIG;
	case VSW_DROP_NOMEM:
		return SKB_DROP_REASON_NOMEM;
	case VSW_DROP_PORT_DOWN:
		return SKB_DROP_REASON_DEV_READY;
	case VSW_DROP_MALFORMED:
		return SKB_DROP_REASON_PKT_TOO_SMALL;
	default:
		return SKB_DROP_REASON_NOT_SPECIFIED;
	}
}

static void vsw_drop(struct vsw_port *port, struct sk_buff *skb,
		     enum vsw_drop_reason reason)
{
	vsw_port_count_drop(port, reason);
	kfree_skb_reason(skb, vsw_skb_drop_reason(reason));
}

/*
 * Hand a frame to the host's stack: the caller returns it from the
 * rx_handler with RX_HANDLER_ANOTHER, which avoids a recursive receive.
 * Returns NULL if the frame was dropped.
 */
static struct sk_buff *vsw_deliver_host(struct vsw_port *host,
					struct sk_buff *skb)
{
	struct net_device *dev = host->dev;

	if (unlikely(!(dev->flags & IFF_UP))) {
		vsw_drop(host, skb, VSW_DROP_PORT_DOWN);
		return NULL;
	}
	if (!is_multicast_ether_addr(eth_hdr(skb)->h_dest)) {
		skb->pkt_type = ether_addr_equal(eth_hdr(skb)->h_dest,
						 dev->dev_addr) ?
				PACKET_HOST : PACKET_OTHERHOST;
	}
	skb->dev = dev;
	vsw_port_count_tx(host, skb->len + ETH_HLEN);
	return skb;
}

/* Send a frame of @vlan (data at the network header) out of a port. */
static struct sk_buff *vsw_deliver(struct vsw_port *to, struct sk_buff *skb,
				   u16 vlan)
{
	struct net_device *dev = to->dev;

	if (to->kind == VSW_PORT_KIND_VXLAN) {
		/* A flood: no ICMP replies, see vsw_forward_vxlan(). */
		vsw_vxlan_xmit(to, skb, NULL);
		return NULL;
	}
	vsw_vlan_egress(to, skb, vlan);
	if (to->kind == VSW_PORT_KIND_HOST)
		return vsw_deliver_host(to, skb);

	if (unlikely(!netif_running(dev) || !netif_carrier_ok(dev))) {
		vsw_drop(to, skb, VSW_DROP_PORT_DOWN);
		return NULL;
	}
	skb_push_rcsum(skb, ETH_HLEN);
	if (unlikely(!is_skb_forwardable(dev, skb))) {
		vsw_drop(to, skb, VSW_DROP_MTU);
		return NULL;
	}
	skb->dev = dev;
	vsw_port_count_tx(to, skb->len);
	dev_queue_xmit(skb);
	return NULL;
}

static bool vsw_flood_to(const struct vsw_port *from, const struct vsw_port *to,
			 const struct vsw_port *uplink, u16 vlan,
			 const u8 *dest, bool unicast)
{
	if (to == from || !vsw_vlan_member(to, vlan))
		return false;
	/* The team sends a flood out of one uplink: the one the policy
	 * picks for the sender (none for floods that came in by an uplink).
	 */
	if (to->kind == VSW_PORT_KIND_UPLINK && to != uplink)
		return false;
	/* Unknown unicast reaches a VM port only if it is for the port's
	 * MAC (or not yet known), or the port is promiscuous.
	 */
	if (unicast && !vsw_security_accepts(to, dest) &&
	    !vsw_security_promisc(to))
		return false;
	if (to->kind == VSW_PORT_KIND_HOST)
		return (to->dev->flags & IFF_UP) &&
		       (!unicast || (to->dev->flags & IFF_PROMISC));
	return netif_running(to->dev) && netif_carrier_ok(to->dev);
}

/* Deliver a copy to @prev, if any, before moving on to the next port. */
static void vsw_flood_copy(struct vsw_port *prev, struct sk_buff *skb,
			   u16 vlan, struct sk_buff **host_skb)
{
	struct sk_buff *nskb;

	if (!prev)
		return;
	nskb = skb_clone(skb, GFP_ATOMIC);
	if (unlikely(!nskb)) {
		vsw_port_count_drop(prev, VSW_DROP_NOMEM);
		return;
	}
	nskb = vsw_deliver(prev, nskb, vlan);
	if (nskb)
		*host_skb = nskb;
}

/*
 * Send a copy to every eligible port but the ingress one, and to the VNI
 * of the VLAN unless the frame came from the network. The last eligible
 * port gets the original, so a frame with one receiver is never cloned.
 */
static struct sk_buff *vsw_flood(struct vsw_switch *sw, struct vsw_port *from,
				 struct sk_buff *skb, u16 vlan, bool unicast)
{
	const u8 *dest = eth_hdr(skb)->h_dest;
	struct sk_buff *host_skb = NULL;
	struct vsw_port *port, *prev = NULL, *uplink = NULL;
	struct vsw_vxlan *vx;

	if (!vsw_port_faces_network(from))
		uplink = vsw_team_tx_port(sw, from, skb);
	list_for_each_entry_rcu(port, &sw->ports, list) {
		if (!vsw_flood_to(from, port, uplink, vlan, dest, unicast))
			continue;
		vsw_flood_copy(prev, skb, vlan, &host_skb);
		prev = port;
	}
	if (!vsw_port_faces_network(from) && !list_empty(&sw->vxlans)) {
		vx = vsw_vxlan_of_vlan_rcu(sw, vlan);
		if (vx) {
			vsw_flood_copy(prev, skb, vlan, &host_skb);
			prev = &vx->port;
		}
	}
	if (!prev) {
		consume_skb(skb);
		return host_skb;
	}
	skb = vsw_deliver(prev, skb, vlan);
	return skb ?: host_skb;
}

/* A flood the physical network sent to every uplink of a port-id or
 * mac-hash team enters the switch once, by the first uplink of the map.
 */
static struct sk_buff *vsw_flood_in(struct vsw_switch *sw,
				    struct vsw_port *from, struct sk_buff *skb,
				    u16 vlan, bool unicast)
{
	if (unlikely(from->kind == VSW_PORT_KIND_UPLINK &&
		     !vsw_team_flood_receiver(sw, from))) {
		vsw_drop(from, skb, VSW_DROP_TEAM_DUPLICATE);
		return NULL;
	}
	return vsw_flood(sw, from, skb, vlan, unicast);
}

/*
 * Promiscuous VM ports get a copy of known unicast between two other ports
 * of their VLAN. Never the host: what it sees is up to its own stack.
 */
static void vsw_mirror_promisc(struct vsw_switch *sw, struct vsw_port *from,
			       struct vsw_port *to, struct sk_buff *skb,
			       u16 vlan)
{
	struct vsw_port *port;
	struct sk_buff *nskb;

	list_for_each_entry_rcu(port, &sw->ports, list) {
		if (port == from || port == to || !vsw_security_promisc(port) ||
		    !vsw_vlan_member(port, vlan))
			continue;
		nskb = skb_clone(skb, GFP_ATOMIC);
		if (unlikely(!nskb)) {
			vsw_port_count_drop(port, VSW_DROP_NOMEM);
			continue;
		}
		vsw_deliver(port, nskb, vlan);
	}
}

/* VM ports only: shaping, then the port's MAC against the source. */
static enum vsw_drop_reason vsw_police(struct vsw_port *from,
				       struct sk_buff *skb, bool *learn)
{
	*learn = true;
	if (!vsw_port_policed(from))
		return VSW_DROP_UNSPEC;
	if (!vsw_shaper_admit(from, skb->len + ETH_HLEN))
		return VSW_DROP_SHAPING;
	return vsw_security_ingress(from, eth_hdr(skb)->h_source, learn);
}

/*
 * What the team lets in by an uplink: nothing on a standby or failed one,
 * and nothing the physical network sends back with the source address of
 * one of our own ports: broadcasts and multicasts always; unicast while
 * that port still uses the address (seen within the last second), as when
 * a physical switch that learned it on another uplink reflects an unknown
 * unicast flood. An address quiet for longer may really have moved to
 * another host (a migrated VM), and is learned behind the uplink.
 */
static enum vsw_drop_reason vsw_team_ingress(struct vsw_port *from,
					     struct sk_buff *skb, u16 vlan)
{
	const struct ethhdr *eth = eth_hdr(skb);
	struct vsw_fdb_entry *f;

	if (READ_ONCE(from->team.state) != VSW_TEAM_STATE_ACTIVE)
		return VSW_DROP_TEAM_INACTIVE;
	f = vsw_fdb_find_rcu(from->sw, eth->h_source, vlan);
	if (!f || vsw_port_faces_network(READ_ONCE(f->port)))
		return VSW_DROP_UNSPEC;
	if (is_multicast_ether_addr(eth->h_dest) ||
	    time_before32((u32)jiffies, READ_ONCE(f->updated) + HZ))
		return VSW_DROP_TEAM_LOOP;
	return VSW_DROP_UNSPEC;
}

/*
 * Known unicast behind a remote VTEP. A frame too big for the path comes
 * back as an ICMP error, which goes to the port the frame came from.
 */
static struct sk_buff *vsw_forward_vxlan(struct vsw_port *from,
					 struct vsw_port *to,
					 struct sk_buff *skb, u16 vlan,
					 const union vsw_ip *remote)
{
	skb = vsw_vxlan_xmit(to, skb, remote);
	if (!skb)
		return NULL;
	skb_pull(skb, ETH_HLEN);
	if (vlan)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), vlan);
	return vsw_deliver(from, skb, vlan);
}

/*
 * Switch one frame (data at the network header, MAC header set) that came
 * in by @from; @remote is the VTEP a frame from a VNI came from (NULL: do
 * not learn its source). Returns the frame for the host's stack, if any.
 */
struct sk_buff *vsw_forward(struct vsw_port *from, struct sk_buff *skb,
			    const union vsw_ip *remote)
{
	struct vsw_switch *sw = from->sw;
	const struct ethhdr *eth = eth_hdr(skb);
	enum vsw_drop_reason reason;
	struct vsw_fdb_entry *f;
	struct vsw_port *to;
	bool learn;
	u16 vlan;

	vsw_port_count_rx(from, skb->len + ETH_HLEN);

	if (unlikely(!is_valid_ether_addr(eth->h_source))) {
		vsw_drop(from, skb, VSW_DROP_INVALID_SOURCE);
		return NULL;
	}
	if (unlikely(!vsw_vlan_ingress(from, skb, &vlan))) {
		vsw_drop(from, skb, VSW_DROP_VLAN);
		return NULL;
	}
	if (from->kind == VSW_PORT_KIND_UPLINK) {
		reason = vsw_team_ingress(from, skb, vlan);
		if (unlikely(reason)) {
			vsw_drop(from, skb, reason);
			return NULL;
		}
	}
	reason = vsw_police(from, skb, &learn);
	if (unlikely(reason)) {
		vsw_drop(from, skb, reason);
		return NULL;
	}
	if (unlikely(from->kind == VSW_PORT_KIND_VXLAN) && !remote)
		learn = false;
	if (likely(learn) && unlikely(!vsw_fdb_learn(sw, from, eth->h_source,
						     vlan, remote))) {
		vsw_drop(from, skb, VSW_DROP_FDB_LIMIT);
		return NULL;
	}

	if (is_multicast_ether_addr(eth->h_dest))
		return vsw_flood_in(sw, from, skb, vlan, false);

	/* The host's address reaches it in whichever VLAN it is in. */
	if (ether_addr_equal_64bits(eth->h_dest, sw->dev->dev_addr) &&
	    from != sw->host && vsw_vlan_member(sw->host, vlan))
		return vsw_deliver(sw->host, skb, vlan);

	f = vsw_fdb_find_rcu(sw, eth->h_dest, vlan);
	if (!f)
		return vsw_flood_in(sw, from, skb, vlan, true);

	to = READ_ONCE(f->port);
	if (unlikely(to == from)) {
		vsw_drop(from, skb, VSW_DROP_SAME_PORT);
		return NULL;
	}
	if (unlikely(vsw_port_faces_network(to) &&
		     vsw_port_faces_network(from))) {
		vsw_drop(from, skb, VSW_DROP_UPLINK_LOOP);
		return NULL;
	}
	if (to->kind == VSW_PORT_KIND_UPLINK) {
		/* Behind the team: the policy picks the uplink. */
		to = vsw_team_tx_port(sw, from, skb);
		if (unlikely(!to)) {
			vsw_drop(from, skb, VSW_DROP_PORT_DOWN);
			return NULL;
		}
	}
	if (unlikely(!vsw_vlan_member(to, vlan))) {
		vsw_drop(from, skb, VSW_DROP_VLAN);
		return NULL;
	}
	if (unlikely(READ_ONCE(sw->n_promisc)))
		vsw_mirror_promisc(sw, from, to, skb, vlan);
	if (unlikely(!vsw_security_accepts(to, eth->h_dest))) {
		vsw_drop(to, skb, VSW_DROP_MAC_CHANGE);
		return NULL;
	}
	if (to->kind == VSW_PORT_KIND_VXLAN)
		return vsw_forward_vxlan(from, to, skb, vlan,
					 vsw_fdb_remote(f));
	return vsw_deliver(to, skb, vlan);
}

rx_handler_result_t vsw_handle_frame(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct vsw_port *port;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;

	/* Link-local control frames (STP, LACP, LLDP, 802.1X) are never
	 * switched; they go to the port device's own stack, where agents
	 * such as lldpd listen.
	 */
	port = rcu_dereference(skb->dev->rx_handler_data);
	if (unlikely(port->kind == VSW_PORT_KIND_UPLINK &&
		     vsw_team_control_frame(skb))) {
		skb = skb_share_check(skb, GFP_ATOMIC);
		if (unlikely(!skb)) {
			vsw_port_count_drop(port, VSW_DROP_NOMEM);
			return RX_HANDLER_CONSUMED;
		}
		*pskb = skb;
		if (vsw_team_rx_control(port, skb))
			return RX_HANDLER_CONSUMED;
	}
	if (unlikely(is_link_local_ether_addr(eth_hdr(skb)->h_dest)))
		return RX_HANDLER_PASS;

	skb = skb_share_check(skb, GFP_ATOMIC);
	if (unlikely(!skb)) {
		vsw_port_count_drop(port, VSW_DROP_NOMEM);
		return RX_HANDLER_CONSUMED;
	}

	skb = vsw_forward(port, skb, NULL);
	if (!skb)
		return RX_HANDLER_CONSUMED;
	*pskb = skb;
	return RX_HANDLER_ANOTHER;
}

netdev_tx_t vsw_host_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct vsw_switch *sw = netdev_priv(dev);
	struct sk_buff *back;

	skb_reset_mac_header(skb);
	if (unlikely(!pskb_may_pull(skb, ETH_HLEN))) {
		vsw_drop(sw->host, skb, VSW_DROP_MALFORMED);
		return NETDEV_TX_OK;
	}
	/* Control protocols of the host's own link stay off the switch,
	 * as those of the ports do.
	 */
	if (unlikely(is_link_local_ether_addr(eth_hdr(skb)->h_dest))) {
		vsw_drop(sw->host, skb, VSW_DROP_LINK_LOCAL);
		return NETDEV_TX_OK;
	}
	skb_pull(skb, ETH_HLEN);
	/* A tag written in-band (a packet socket) is treated like one the
	 * stack left in vlan_tci, as on receive.
	 */
	if (eth_type_vlan(eth_hdr(skb)->h_proto) && !skb_vlan_tag_present(skb)) {
		skb->protocol = eth_hdr(skb)->h_proto;
		skb = skb_vlan_untag(skb);
		if (unlikely(!skb)) {
			vsw_port_count_drop(sw->host, VSW_DROP_MALFORMED);
			return NETDEV_TX_OK;
		}
	}

	rcu_read_lock();
	back = vsw_forward(sw->host, skb, NULL);
	rcu_read_unlock();
	/* The host gets nothing back but an ICMP error from a VNI's path. */
	if (back)
		netif_rx(back);
	return NETDEV_TX_OK;
}
