// SPDX-License-Identifier: GPL-2.0
/*
 * Teaming policy "mac-hash": by the source address, so a port with several
 * MACs (a nested bridge, containers) spreads over the uplinks.
 */
#include <linux/etherdevice.h>

#include "switch.h"
#include "team.h"

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

const struct vsw_team_policy_ops vsw_team_mac_hash_ops = {
	.select = vsw_team_mac,
	.announce = vsw_team_mac_announce,
	.one_flood_receiver = true,
};
