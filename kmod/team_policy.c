// SPDX-License-Identifier: GPL-2.0
/*
 * Teaming policies: which uplink of the team's map carries a frame. Every
 * choice depends only on the frame's port, addresses or IP addresses, so a
 * flow always takes the same uplink and is never reordered.
 */
#include <linux/etherdevice.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/jhash.h>
#include <net/ipv6.h>

#include "switch.h"
#include "team.h"

static struct vsw_port *vsw_team_pick(const struct vsw_team_map *map, u32 hash)
{
	return map->ports[reciprocal_scale(hash, map->n)];
}

static u32 vsw_team_mac_hash(const u8 *addr)
{
	return jhash(addr, ETH_ALEN, 0);
}

/* port-id: a port stays on one uplink for as long as the map is the same. */
static struct vsw_port *vsw_team_port_id(const struct vsw_team_map *map,
					 const struct vsw_port *from,
					 struct sk_buff *skb)
{
	return map->ports[from->id % map->n];
}

static struct vsw_port *vsw_team_port_id_announce(const struct vsw_team_map *map,
						  const struct vsw_port *port,
						  const u8 *addr)
{
	return map->ports[port->id % map->n];
}

/* mac-hash: by the source address, so a port with several MACs (a nested
 * bridge, containers) spreads over the uplinks.
 */
static struct vsw_port *vsw_team_mac(const struct vsw_team_map *map,
				     const struct vsw_port *from,
				     struct sk_buff *skb)
{
	return vsw_team_pick(map, vsw_team_mac_hash(eth_hdr(skb)->h_source));
}

static struct vsw_port *vsw_team_mac_announce(const struct vsw_team_map *map,
					      const struct vsw_port *port,
					      const u8 *addr)
{
	return vsw_team_pick(map, vsw_team_mac_hash(addr));
}

/*
 * ip-hash: by source and destination IP address, for a static EtherChannel
 * on the physical side; frames that are not IP hash by their MAC addresses.
 * Data at the network header.
 */
static u32 vsw_team_ip_hash(struct sk_buff *skb)
{
	const struct ethhdr *eth = eth_hdr(skb);

	if (skb->protocol == htons(ETH_P_IP) &&
	    pskb_network_may_pull(skb, sizeof(struct iphdr))) {
		const struct iphdr *iph = ip_hdr(skb);

		return jhash_2words((__force u32)iph->saddr,
				    (__force u32)iph->daddr, 0);
	}
	if (skb->protocol == htons(ETH_P_IPV6) &&
	    pskb_network_may_pull(skb, sizeof(struct ipv6hdr))) {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);

		return jhash_2words(ipv6_addr_hash(&ip6h->saddr),
				    ipv6_addr_hash(&ip6h->daddr), 0);
	}
	return vsw_team_mac_hash(eth->h_source) ^
	       vsw_team_mac_hash(eth->h_dest);
}

static struct vsw_port *vsw_team_ip(const struct vsw_team_map *map,
				    const struct vsw_port *from,
				    struct sk_buff *skb)
{
	return vsw_team_pick(map, vsw_team_ip_hash(skb));
}

/* failover: the map holds the one uplink in use. */
static struct vsw_port *vsw_team_first(const struct vsw_team_map *map,
				       const struct vsw_port *from,
				       struct sk_buff *skb)
{
	return map->ports[0];
}

static struct vsw_port *vsw_team_first_announce(const struct vsw_team_map *map,
						const struct vsw_port *port,
						const u8 *addr)
{
	return map->ports[0];
}

static const struct vsw_team_policy_ops vsw_team_port_id_ops = {
	.select = vsw_team_port_id,
	.announce = vsw_team_port_id_announce,
	.one_flood_receiver = true,
};

static const struct vsw_team_policy_ops vsw_team_mac_hash_ops = {
	.select = vsw_team_mac,
	.announce = vsw_team_mac_announce,
	.one_flood_receiver = true,
};

/* The physical side is one EtherChannel: it sends each frame once. */
static const struct vsw_team_policy_ops vsw_team_ip_hash_ops = {
	.select = vsw_team_ip,
};

static const struct vsw_team_policy_ops vsw_team_failover_ops = {
	.select = vsw_team_first,
	.announce = vsw_team_first_announce,
};

const struct vsw_team_policy_ops *const vsw_team_policies[] = {
	[VSW_TEAM_POLICY_PORT_ID] = &vsw_team_port_id_ops,
	[VSW_TEAM_POLICY_IP_HASH] = &vsw_team_ip_hash_ops,
	[VSW_TEAM_POLICY_MAC_HASH] = &vsw_team_mac_hash_ops,
	[VSW_TEAM_POLICY_FAILOVER] = &vsw_team_failover_ops,
	[VSW_TEAM_POLICY_LACP] = &vsw_team_ip_hash_ops,
};
