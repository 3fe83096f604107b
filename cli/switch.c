// SPDX-License-Identifier: GPL-2.0-or-later
/* vswctl switch add|del|set|show|list */
#include <string.h>

#include "output.h"
#include "vswctl.h"

enum { SW_ADD, SW_DEL, SW_SET, SW_SHOW, SW_LIST };

static const struct cli_verb switch_verbs[] = {
	{ "add", SW_ADD }, { "del", SW_DEL }, { "set", SW_SET },
	{ "show", SW_SHOW }, { "list", SW_LIST }, { NULL, 0 }
};

static int parse_settings(int argc, char **argv, struct vsw_switch_opts *o)
{
	bool seen_ageing = false, seen_max = false;
	const char *val;

	while (argc > 0) {
		if (!strcmp(argv[0], "ageing")) {
			if (cli_keyword_value(&argc, &argv, &seen_ageing, &val) ||
			    cli_parse_u32(val, "ageing", VSW_AGEING_MIN,
					  VSW_AGEING_MAX, &o->ageing))
				return -1;
			o->has_ageing = true;
		} else if (!strcmp(argv[0], "fdb-max")) {
			if (cli_keyword_value(&argc, &argv, &seen_max, &val) ||
			    cli_parse_u32(val, "fdb-max", 0, UINT32_MAX,
					  &o->fdb_max))
				return -1;
			o->has_fdb_max = true;
		} else {
			cli_error("unknown argument \"%s\"", argv[0]);
			return -1;
		}
	}
	return 0;
}

static int switch_parse(int argc, char **argv, struct cli_req *req)
{
	req->verb = cli_parse_verb(switch_verbs, "switch", argc, argv, "show");
	if (req->verb < 0)
		return -1;
	if (argc > 0) {
		argc--;
		argv++;
	}

	switch (req->verb) {
	case SW_ADD:
	case SW_SET:
		if (cli_positional(&argc, &argv, "switch", &req->sw) ||
		    parse_settings(argc, argv, &req->swopts))
			return -1;
		req->swopts.name = req->sw;
		if (req->verb == SW_SET && !req->swopts.has_ageing &&
		    !req->swopts.has_fdb_max) {
			cli_error("nothing to set (ageing SECS, fdb-max N)");
			return -1;
		}
		return 0;
	case SW_DEL:
		if (cli_positional(&argc, &argv, "switch", &req->sw))
			return -1;
		return cli_no_more(argc, argv);
	case SW_SHOW:
		if (argc > 0 && cli_positional(&argc, &argv, "switch", &req->sw))
			return -1;
		return cli_no_more(argc, argv);
	default:
		return cli_no_more(argc, argv);
	}
}

void switch_print_fields(const struct vsw_switch *sw)
{
	unsigned int i;

	if (sw->name)
		out_str("name", "%s", sw->name);
	if (vsw_has(sw, VSW_A_IFINDEX))
		out_u64("ifindex", "ifindex %s", sw->ifindex);
	if (vsw_has(sw, VSW_A_AGEING))
		out_u64("ageing", "ageing %s", sw->ageing);
	if (vsw_has(sw, VSW_A_FDB_MAX))
		out_u64("fdb_max", "fdb-max %s", sw->fdb_max);
	if (vsw_has(sw, VSW_A_FDB_COUNT))
		out_u64("fdb_count", "fdb-count %s", sw->fdb_count);
	if (vsw_has(sw, VSW_A_PORTS)) {
		out_open_array("ports", sw->n_ports ? "ports%s" : NULL);
		for (i = 0; i < sw->n_ports; i++)
			out_str(NULL, "%s", sw->ports[i]);
		out_close();
	}
}

void switch_print(const struct vsw_switch *sw)
{
	out_open_object(NULL, NULL);
	switch_print_fields(sw);
	out_close();
}

static int show_cb(const struct vsw_switch *sw, void *arg)
{
	(void)arg;
	switch_print(sw);
	return 0;
}

static int list_cb(const struct vsw_switch *sw, void *arg)
{
	(void)arg;
	out_open_object(NULL, NULL);
	out_str("name", "%s", sw->name ? sw->name : "");
	out_u64("ifindex", NULL, sw->ifindex);
	out_close();
	return 0;
}

static int switch_run(struct vsw *h, const struct cli_req *req)
{
	int ret;

	switch (req->verb) {
	case SW_ADD:
		return vsw_switch_add(h, &req->swopts);
	case SW_SET:
		return vsw_switch_set(h, &req->swopts);
	case SW_DEL:
		return vsw_switch_del(h, req->sw);
	}

	out_open_array(NULL, NULL);
	if (req->verb == SW_LIST)
		ret = vsw_switch_list(h, list_cb, NULL);
	else if (req->sw)
		ret = vsw_switch_get(h, req->sw, show_cb, NULL);
	else
		ret = vsw_switch_list(h, show_cb, NULL);
	if (ret)
		out_reset();
	else
		out_close();
	return ret;
}

const struct cli_object cli_switch = {
	.name = "switch",
	.parse = switch_parse,
	.run = switch_run,
	.usage =
	"switch add NAME [ageing SECS] [fdb-max N]\n"
	"switch set NAME [ageing SECS] [fdb-max N]\n"
	"switch del NAME\n"
	"switch show [NAME]\n"
	"switch list\n",
};
