// SPDX-License-Identifier: GPL-2.0
/*
 * Teaming policy "port-id" (the default): each port is pinned to one
 * uplink of the map by its port number, for as long as the map is the same.
 */
#include "switch.h"
#include "team.h"

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

const struct vsw_team_policy_ops vsw_team_port_id_ops = {
	.select = vsw_team_port_id,
	.announce = vsw_team_port_id_announce,
	.one_flood_receiver = true,
};
