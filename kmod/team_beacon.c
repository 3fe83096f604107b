// SPDX-License-Identifier: GPL-2.0
/*
 * Beacon probing: every second each uplink broadcasts a small beacon (once
 * untagged and once per VLAN in use, up to a limit), which the physical
 * network floods to the team's other uplinks. An uplink that hears no other
 * uplink's beacon for 3 intervals has lost its path one hop away, even with
 * its carrier up. With fewer than 3 uplinks nobody can tell which side
 * failed, so the core then uses link state alone.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <net/pkt_sched.h>

#include "switch.h"
#include "team.h"

#define VSW_BEACON_MAGIC	0x76737742	/* "vswB" */
#define VSW_BEACON_VERSION	1
#define VSW_BEACON_LOST		(3 * HZ)	/* 3 intervals unheard */
/* Beacons per uplink and interval: untagged plus this many VLANs. */
#define VSW_BEACON_MAX_VLANS	32

struct vsw_beacon {
	__be32 magic;
	u8 version;
	u8 reserved;
	u8 system[ETH_ALEN];	/* the switch device's address */
	__be32 ifindex;		/* the sending uplink */
	__be32 seq;
} __packed;

static struct sk_buff *vsw_beacon_build(struct vsw_switch *sw,
					struct net_device *dev, u16 vlan)
{
	unsigned int hlen = LL_RESERVED_SPACE(dev);
	struct vsw_beacon *b;
	struct sk_buff *skb;
	struct ethhdr *eth;

	skb = alloc_skb(hlen + ETH_ZLEN + dev->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, hlen);
	skb_reset_mac_header(skb);
	eth = skb_put(skb, ETH_HLEN);
	eth_broadcast_addr(eth->h_dest);
	ether_addr_copy(eth->h_source, dev->dev_addr);
	eth->h_proto = htons(VSW_BEACON_ETHERTYPE);
	skb_reset_network_header(skb);
	b = skb_put_zero(skb, ETH_ZLEN - ETH_HLEN);
	b->magic = htonl(VSW_BEACON_MAGIC);
	b->version = VSW_BEACON_VERSION;
	ether_addr_copy(b->system, sw->dev->dev_addr);
	b->ifindex = htonl(dev->ifindex);
	b->seq = htonl(sw->team.beacon_seq);
	skb->protocol = htons(VSW_BEACON_ETHERTYPE);
	skb->priority = TC_PRIO_CONTROL;
	skb->dev = dev;
	if (vlan)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), vlan);
	return skb;
}

static void vsw_beacon_send(struct vsw_switch *sw, struct vsw_port *port,
			    u16 vlan)
{
	struct sk_buff *skb = vsw_beacon_build(sw, port->dev, vlan);

	if (skb)
		vsw_team_xmit(port, skb);
}

/* Team timer, under the team lock and RCU. */
void vsw_beacon_send_all(struct vsw_switch *sw)
{
	const struct vsw_vlan_usage *usage = rcu_dereference(sw->vlan_usage);
	struct vsw_port *port;
	unsigned int vid, n;

	if (sw->team.detect_used != VSW_TEAM_DETECT_BEACON)
		return;
	sw->team.beacon_seq++;
	list_for_each_entry_rcu(port, &sw->ports, list) {
		if (port->kind != VSW_PORT_KIND_UPLINK || !port->team.link)
			continue;
		vsw_beacon_send(sw, port, 0);
		n = 0;
		for_each_set_bit(vid, usage->vids, VLAN_N_VID) {
			if (n++ == VSW_BEACON_MAX_VLANS)
				break;
			vsw_beacon_send(sw, port, vid);
		}
	}
}

/* Team timer, under the team lock and RCU: returns true on a change. */
bool vsw_beacon_update(struct vsw_switch *sw)
{
	struct vsw_port *port;
	bool changed = false;

	list_for_each_entry_rcu(port, &sw->ports, list) {
		bool ok;

		if (port->kind != VSW_PORT_KIND_UPLINK)
			continue;
		ok = time_before(jiffies, READ_ONCE(port->team.beacon_heard) +
					  VSW_BEACON_LOST);
		if (ok != port->team.beacon_ok) {
			port->team.beacon_ok = ok;
			changed = true;
		}
	}
	return changed;
}

/*
 * Data path: a frame of our Ethertype on an uplink. Our own beacons (and
 * other hosts' ones) never reach the ports. Returns true if consumed.
 */
bool vsw_beacon_rx(struct vsw_port *port, struct sk_buff *skb)
{
	struct vsw_switch *sw = port->sw;
	const struct vsw_beacon *b;

	if (!pskb_may_pull(skb, sizeof(*b)))
		return false;
	b = (const struct vsw_beacon *)skb->data;
	if (b->magic != htonl(VSW_BEACON_MAGIC))
		return false;
	if (b->version == VSW_BEACON_VERSION &&
	    ether_addr_equal(b->system, sw->dev->dev_addr) &&
	    ntohl(b->ifindex) != port->dev->ifindex) {
		WRITE_ONCE(port->team.beacon_heard, jiffies);
		/* Heard again after a failure: say so at the next tick. */
		if (!READ_ONCE(port->team.beacon_ok))
			mod_timer(&sw->team.timer, jiffies + 1);
	}
	consume_skb(skb);
	return true;
}
