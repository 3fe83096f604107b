// SPDX-License-Identifier: GPL-2.0-or-later
/* vswctl stats SWITCH: per-port counters, MAC moves and drop reasons. */
#include <stdio.h>

#include "output.h"
#include "vswctl.h"

/* Text names follow the ABI's comments; JSON keys are their snake_case. */
static const char *const drop_names[][2] = {
	[VSW_DROP_INVALID_SOURCE]	= { "invalid-source", "invalid_source" },
	[VSW_DROP_SAME_PORT]		= { "same-port", "same_port" },
	[VSW_DROP_MTU]			= { "mtu", "mtu" },
	[VSW_DROP_NOMEM]		= { "nomem", "nomem" },
	[VSW_DROP_PORT_DOWN]		= { "port-down", "port_down" },
	[VSW_DROP_UPLINK_LOOP]		= { "uplink-loop", "uplink_loop" },
	[VSW_DROP_MALFORMED]		= { "malformed", "malformed" },
	[VSW_DROP_VLAN]			= { "vlan", "vlan" },
	[VSW_DROP_LINK_LOCAL]		= { "link-local", "link_local" },
	[VSW_DROP_FORGED]		= { "forged", "forged" },
	[VSW_DROP_MAC_CHANGE]		= { "mac-change", "mac_change" },
	[VSW_DROP_SHAPING]		= { "shaping", "shaping" },
	[VSW_DROP_FDB_LIMIT]		= { "fdb-limit", "fdb_limit" },
	[VSW_DROP_TEAM_INACTIVE]	= { "team-inactive", "team_inactive" },
	[VSW_DROP_TEAM_LOOP]		= { "team-loop", "team_loop" },
	[VSW_DROP_TEAM_DUPLICATE]	= { "team-duplicate", "team_duplicate" },
	[VSW_DROP_VXLAN_HEADER]		= { "vxlan-header", "vxlan_header" },
	[VSW_DROP_VXLAN_VNI]		= { "vxlan-vni", "vxlan_vni" },
	[VSW_DROP_VXLAN_ROUTE]		= { "vxlan-route", "vxlan_route" },
	[VSW_DROP_ECN]			= { "ecn", "ecn" },
};

#define N_DROP_NAMES	(sizeof(drop_names) / sizeof(drop_names[0]))

const char *drop_reason_name(unsigned int reason, bool json, char *buf,
			     size_t len)
{
	if (reason < N_DROP_NAMES && drop_names[reason][json])
		return drop_names[reason][json];
	snprintf(buf, len, json ? "reason_%u" : "reason-%u", reason);
	return buf;
}

/*
 * Known reasons always (scripts can rely on the keys); reasons newer than
 * this tool only when they counted something.
 */
void stats_print_drops(const char *key, const char *fmt,
		       const uint64_t *drops)
{
	char name[24], rfmt[40];
	const char *rkey;
	unsigned int r;

	out_open_object(key, fmt);
	for (r = 1; r < VSW_DROP_SLOTS; r++) {
		if (r >= N_DROP_NAMES && !drops[r])
			continue;
		snprintf(rfmt, sizeof(rfmt), "%s %%s",
			 drop_reason_name(r, false, name, sizeof(name)));
		rkey = drop_reason_name(r, true, name, sizeof(name));
		out_u64(rkey, rfmt, drops[r]);
	}
	out_close();
}

void stats_print_counters(const struct vsw_port_stats *st)
{
	out_u64("rx_packets", "rx-packets %s", st->rx_packets);
	out_u64("rx_bytes", "rx-bytes %s", st->rx_bytes);
	out_u64("tx_packets", "tx-packets %s", st->tx_packets);
	out_u64("tx_bytes", "tx-bytes %s", st->tx_bytes);
	out_u64("fdb_moves", "fdb-moves %s", st->fdb_moves);
	out_u64("fdb_flaps", "fdb-flaps %s", st->fdb_flaps);
	stats_print_drops("drops", "drops", st->drops);
}

static int stats_parse(int argc, char **argv, struct cli_req *req)
{
	if (cli_positional(&argc, &argv, "switch", &req->sw))
		return -1;
	return cli_no_more(argc, argv);
}

/* One flat object per port: its name, then the counters. */
static int stats_cb(const struct vsw_port *port, void *arg)
{
	static const struct vsw_port_stats zero;

	(void)arg;
	out_open_object(NULL, NULL);
	out_str("name", "%s", port->name ? port->name : "");
	stats_print_counters(port->stats ? port->stats : &zero);
	out_close();
	return 0;
}

static int stats_run(struct vsw *h, const struct cli_req *req)
{
	int ret;

	out_open_array(NULL, NULL);
	ret = vsw_port_list(h, req->sw, stats_cb, NULL);
	if (ret)
		out_reset();
	else
		out_close();
	return ret;
}

const struct cli_object cli_stats = {
	.name = "stats",
	.parse = stats_parse,
	.run = stats_run,
	.usage = "stats SWITCH\n",
};
