// SPDX-License-Identifier: GPL-2.0-or-later
/* vswctl port add|del|set|show and uplink add|del */
#include <string.h>

#include "output.h"
#include "vswctl.h"

enum { PORT_ADD, PORT_DEL, PORT_SET, PORT_SHOW };

static const struct cli_verb port_verbs[] = {
	{ "add", PORT_ADD }, { "del", PORT_DEL }, { "set", PORT_SET },
	{ "show", PORT_SHOW }, { NULL, 0 }
};

static const struct cli_verb uplink_verbs[] = {
	{ "add", PORT_ADD }, { "del", PORT_DEL }, { NULL, 0 }
};

static bool mac_is_zero(const uint8_t *mac)
{
	static const uint8_t zero[VSW_MAC_LEN];

	return !memcmp(mac, zero, VSW_MAC_LEN);
}

/* "mac MAC": unicast; on set also "none" (sent as all zeroes). */
static int parse_port_mac(const char *s, int verb, struct vsw_port_opts *o)
{
	if (!strcmp(s, "none")) {
		if (verb != PORT_SET) {
			cli_error("\"mac none\" is for port set (a new port has no MAC to forget)");
			return -1;
		}
		memset(o->mac, 0, sizeof(o->mac));
		return 0;
	}
	if (cli_parse_mac(s, o->mac))
		return -1;
	if (o->mac[0] & 1) {
		cli_error("port MAC \"%s\" is a multicast address", s);
		return -1;
	}
	if (verb != PORT_SET && mac_is_zero(o->mac)) {
		cli_error("port MAC \"%s\" is all zeroes", s);
		return -1;
	}
	return 0;
}

/* "[portgroup PG] [mac MAC] [fdb-max N]", in any order, each once. */
static int parse_settings(int argc, char **argv, struct cli_req *req)
{
	struct vsw_port_opts *o = &req->portopts;
	bool seen_pg = false;
	const char *val;

	while (argc > 0) {
		if (!strcmp(argv[0], "portgroup")) {
			if (cli_keyword_value(&argc, &argv, &seen_pg, &val) ||
			    cli_parse_pgname(val))
				return -1;
			req->pg = o->portgroup = val;
		} else if (!strcmp(argv[0], "mac")) {
			if (cli_keyword_value(&argc, &argv, &o->has_mac, &val) ||
			    parse_port_mac(val, req->verb, o))
				return -1;
		} else if (!strcmp(argv[0], "fdb-max")) {
			if (cli_keyword_value(&argc, &argv, &o->has_fdb_max,
					      &val) ||
			    cli_parse_u32(val, "fdb-max", 0, UINT32_MAX,
					  &o->fdb_max))
				return -1;
		} else {
			cli_error("unknown argument \"%s\"", argv[0]);
			return -1;
		}
	}
	return 0;
}

static int parse(const struct cli_verb *verbs, const char *object,
		 const char *dflt, int argc, char **argv, struct cli_req *req)
{
	bool uplink = verbs == uplink_verbs;

	req->verb = cli_parse_verb(verbs, object, argc, argv, dflt);
	if (req->verb < 0)
		return -1;
	if (argc > 0) {
		argc--;
		argv++;
	}

	switch (req->verb) {
	case PORT_ADD:
		if (cli_positional(&argc, &argv, "switch", &req->sw) ||
		    cli_positional(&argc, &argv, "device", &req->dev))
			return -1;
		if (uplink && argc > 0 && !strcmp(argv[0], "portgroup")) {
			cli_error("uplinks carry every VLAN and have no port group");
			return -1;
		}
		if (uplink)
			return cli_no_more(argc, argv);
		return parse_settings(argc, argv, req);
	case PORT_SET:
		if (cli_positional(&argc, &argv, "device", &req->dev))
			return -1;
		if (argc == 0) {
			cli_error("nothing to set (portgroup PG, mac MAC, fdb-max N)");
			return -1;
		}
		return parse_settings(argc, argv, req);
	case PORT_DEL:
		if (cli_positional(&argc, &argv, "device", &req->dev))
			return -1;
		return cli_no_more(argc, argv);
	default:
		if (argc > 0 && cli_positional(&argc, &argv, "switch", &req->sw))
			return -1;
		return cli_no_more(argc, argv);
	}
}

static int port_parse(int argc, char **argv, struct cli_req *req)
{
	return parse(port_verbs, "port", "show", argc, argv, req);
}

static int uplink_parse(int argc, char **argv, struct cli_req *req)
{
	return parse(uplink_verbs, "uplink", NULL, argc, argv, req);
}

static const char *kind_name(unsigned int kind, char *buf, size_t len)
{
	static const char *const names[] = {
		[VSW_PORT_KIND_PORT] = "port",
		[VSW_PORT_KIND_UPLINK] = "uplink",
		[VSW_PORT_KIND_HOST] = "host",
		[VSW_PORT_KIND_VXLAN] = "vxlan",
	};

	if (kind < sizeof(names) / sizeof(names[0]))
		return names[kind];
	snprintf(buf, len, "kind_%u", kind);
	return buf;
}

void port_print_fields(const struct vsw_port *port, bool stats)
{
	char buf[16];

	if (port->name)
		out_str("name", "%s", port->name);
	if (vsw_has(port, VSW_A_PORT_IFINDEX))
		out_u64("ifindex", NULL, port->ifindex);
	if (port->switch_name)
		out_str("switch", "switch %s", port->switch_name);
	if (vsw_has(port, VSW_A_PORT_KIND))
		out_str("kind", "kind %s",
			kind_name(port->kind, buf, sizeof(buf)));
	if (vsw_has(port, VSW_A_PORT_ID))
		out_u64("id", "id %s", port->id);
	if (port->portgroup)
		out_str("portgroup", "portgroup %s", port->portgroup);
	else
		out_null("portgroup", NULL);
	/* "mac" is the port's own, the one its VM may use. */
	if (vsw_has(port, VSW_A_MAC))
		out_mac("dev_mac", "dev-mac %s", port->mac);
	else
		out_null("dev_mac", NULL);
	if (vsw_has(port, VSW_A_PORT_MAC))
		out_mac("mac", "mac %s", port->port_mac);
	else
		out_null("mac", NULL);
	out_bool("mac_admin", vsw_has(port, VSW_A_PORT_MAC) ? "(admin)" : NULL,
		 port->mac_admin);
	if (vsw_has(port, VSW_A_PORT_FDB_MAX))
		out_u64("fdb_max", "fdb-max %s", port->fdb_max);
	else
		out_null("fdb_max", NULL);
	if (vsw_has(port, VSW_A_PORT_FDB_COUNT))
		out_u64("fdb_count", "fdb-count %s", port->fdb_count);
	else
		out_null("fdb_count", NULL);
	if (stats && port->stats) {
		out_open_object("stats", NULL);
		stats_print_counters(port->stats);
		out_close();
	}
}

void port_print(const struct vsw_port *port, bool stats)
{
	out_open_object(NULL, NULL);
	port_print_fields(port, stats);
	out_close();
}

static int show_cb(const struct vsw_port *port, void *arg)
{
	(void)arg;
	port_print(port, cli_opts.stats);
	return 0;
}

static int run(struct vsw *h, const struct cli_req *req,
	       enum vsw_port_kind kind)
{
	int ret;

	switch (req->verb) {
	case PORT_ADD:
		return vsw_port_add(h, req->sw, req->dev, kind, &req->portopts);
	case PORT_SET:
		return vsw_port_set(h, req->dev, &req->portopts);
	case PORT_DEL:
		return vsw_port_del(h, req->dev, kind);
	}
	out_open_array(NULL, NULL);
	ret = vsw_port_list(h, req->sw, show_cb, NULL);
	if (ret)
		out_reset();
	else
		out_close();
	return ret;
}

static int port_run(struct vsw *h, const struct cli_req *req)
{
	return run(h, req, VSW_PORT_KIND_PORT);
}

static int uplink_run(struct vsw *h, const struct cli_req *req)
{
	return run(h, req, VSW_PORT_KIND_UPLINK);
}

const struct cli_object cli_port = {
	.name = "port",
	.parse = port_parse,
	.run = port_run,
	.usage =
	"port add SWITCH DEV [portgroup PG] [mac MAC] [fdb-max N]\n"
	"port set DEV [portgroup PG] [mac MAC|none] [fdb-max N]\n"
	"port del DEV\n"
	"port show [SWITCH]\n"
	"    port set: DEV may be the switch device itself (its host port);\n"
	"    mac: the one MAC the port's VM may use (unicast); without it the\n"
	"    first source address seen sticks; \"mac none\" forgets it;\n"
	"    fdb-max: limit on the port's learned entries, 0 = none\n",
};

const struct cli_object cli_uplink = {
	.name = "uplink",
	.parse = uplink_parse,
	.run = uplink_run,
	.usage =
	"uplink add SWITCH DEV\n"
	"uplink del DEV\n",
};
