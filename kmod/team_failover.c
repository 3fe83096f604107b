// SPDX-License-Identifier: GPL-2.0
/*
 * Teaming policy "failover": explicit order. The core puts the one uplink
 * in use in the map (the first healthy one of the active list, then of the
 * standby list; without failback the one in use stays while it is healthy).
 */
#include "switch.h"
#include "team.h"

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

const struct vsw_team_policy_ops vsw_team_failover_ops = {
	.select = vsw_team_first,
	.announce = vsw_team_first_announce,
};
