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

/* "[portgroup PG] [mac MAC]"; MAC changes need kernel support not there yet. */
static int parse_settings(int argc, char **argv, struct cli_req *req)
{
	bool seen_pg = false;
	const char *val;

	while (argc > 0) {
		if (!strcmp(argv[0], "portgroup")) {
			if (cli_keyword_value(&argc, &argv, &seen_pg, &val) ||
			    cli_parse_pgname(val))
				return -1;
			req->pg = req->portopts.portgroup = val;
		} else if (!strcmp(argv[0], "mac")) {
			cli_error("\"%s\" is not supported by this kernel ABI yet",
				  argv[0]);
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
			cli_error("nothing to set (portgroup PG, mac MAC)");
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
	if (vsw_has(port, VSW_A_MAC))
		out_mac("mac", "mac %s", port->mac);
	else
		out_null("mac", NULL);
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
	"port add SWITCH DEV [portgroup PG]\n"
	"port set DEV [portgroup PG]\n"
	"port del DEV\n"
	"port show [SWITCH]\n"
	"    port set: DEV may be the switch device itself (its host port)\n",
};

const struct cli_object cli_uplink = {
	.name = "uplink",
	.parse = uplink_parse,
	.run = uplink_run,
	.usage =
	"uplink add SWITCH DEV\n"
	"uplink del DEV\n",
};
