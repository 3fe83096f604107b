// SPDX-License-Identifier: GPL-2.0
/*
 * Teaming policy "ip-hash": by source and destination IP address, for a
 * static EtherChannel on the physical side, which sends each frame once
 * and needs no announcements. LACP hashes the same way.
 */
#include <linux/etherdevice.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/ipv6.h>

#include "switch.h"
#include "team.h"

/* Frames that are not IP hash by their MAC addresses. Data at the network
 * header.
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

struct vsw_port *vsw_team_ip_select(const struct vsw_team_map *map,
				    const struct vsw_port *from,
				    struct sk_buff *skb)
{
	return vsw_team_pick(map, vsw_team_ip_hash(skb));
}

const struct vsw_team_policy_ops vsw_team_ip_hash_ops = {
	.select = vsw_team_ip_select,
};
