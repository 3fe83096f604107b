// SPDX-License-Identifier: GPL-2.0-or-later
/* vswctl portgroup add|set|del|show */
#include <string.h>

#include "output.h"
#include "vswctl.h"

enum { PG_ADD, PG_SET, PG_DEL, PG_SHOW };

static const struct cli_verb portgroup_verbs[] = {
	{ "add", PG_ADD }, { "set", PG_SET }, { "del", PG_DEL },
	{ "show", PG_SHOW }, { NULL, 0 }
};

/* Part of the grammar, but the kernel ABI has no attributes for them yet. */
static const char *const unsupported[] = {
	"promisc", "mac-change", "forged-transmits", "shaping", NULL
};

static bool is_unsupported(const char *kw)
{
	const char *const *u;

	for (u = unsupported; *u; u++)
		if (!strcmp(*u, kw))
			return true;
	return false;
}

static int parse_native(const char *s, uint16_t *native)
{
	uint32_t v;

	if (cli_parse_u32(s, "native VLAN", 1, VSW_VLAN_MAX, &v))
		return -1;
	*native = v;
	return 0;
}

/* [vlan ID] [trunk LIST] [native ID], in any order, each once. */
static int parse_settings(int argc, char **argv, int verb,
			  struct vsw_portgroup_opts *o)
{
	bool seen_vlan = false, seen_trunk = false, seen_native = false;
	const char *val;
	uint32_t v;

	while (argc > 0) {
		const char *kw = argv[0];

		if (!strcmp(kw, "vlan")) {
			if (cli_keyword_value(&argc, &argv, &seen_vlan, &val) ||
			    cli_parse_u32(val, "VLAN", 0, VSW_VLAN_TRUNK_ALL, &v))
				return -1;
			o->vlan = v;
			o->has_vlan = true;
		} else if (!strcmp(kw, "trunk")) {
			if (cli_keyword_value(&argc, &argv, &seen_trunk, &val) ||
			    cli_parse_trunk(val, o->trunk))
				return -1;
			o->has_trunk = true;
		} else if (!strcmp(kw, "native")) {
			if (cli_keyword_value(&argc, &argv, &seen_native, &val) ||
			    parse_native(val, &o->native))
				return -1;
			o->has_native = true;
		} else if (is_unsupported(kw)) {
			cli_error("\"%s\" is not supported by this kernel ABI yet",
				  kw);
			return -1;
		} else {
			cli_error("unknown argument \"%s\"", kw);
			return -1;
		}
	}

	if (o->has_vlan && o->has_trunk) {
		cli_error("\"vlan\" and \"trunk\" cannot be combined");
		return -1;
	}
	if (o->has_vlan && o->has_native) {
		cli_error("\"vlan\" and \"native\" cannot be combined (a native VLAN goes with a trunk list)");
		return -1;
	}
	/* On set, the kernel checks native against the group's own list. */
	if (o->has_native && !o->has_trunk && verb == PG_ADD) {
		cli_error("\"native\" needs \"trunk LIST\"");
		return -1;
	}
	if (o->has_native && o->has_trunk &&
	    !vsw_vlan_bitmap_test(o->trunk, o->native)) {
		cli_error("native VLAN %u is not in the trunk list", o->native);
		return -1;
	}
	if (verb == PG_SET && !o->has_vlan && !o->has_trunk && !o->has_native) {
		cli_error("nothing to set (vlan ID, trunk LIST, native ID)");
		return -1;
	}
	return 0;
}

/* Take the next word as the port group name. */
static int pg_positional(int *argc, char ***argv, const char **out)
{
	if (*argc < 1) {
		cli_error("missing port group name");
		return -1;
	}
	if (cli_parse_pgname((*argv)[0]))
		return -1;
	*out = (*argv)[0];
	(*argc)--;
	(*argv)++;
	return 0;
}

static int portgroup_parse(int argc, char **argv, struct cli_req *req)
{
	req->verb = cli_parse_verb(portgroup_verbs, "portgroup", argc, argv,
				   "show");
	if (req->verb < 0)
		return -1;
	if (argc > 0) {
		argc--;
		argv++;
	}
	if (cli_positional(&argc, &argv, "switch", &req->sw))
		return -1;

	switch (req->verb) {
	case PG_ADD:
	case PG_SET:
		if (pg_positional(&argc, &argv, &req->pg) ||
		    parse_settings(argc, argv, req->verb, &req->pgopts))
			return -1;
		req->pgopts.sw = req->sw;
		req->pgopts.name = req->pg;
		return 0;
	case PG_DEL:
		if (pg_positional(&argc, &argv, &req->pg))
			return -1;
		return cli_no_more(argc, argv);
	default:
		if (argc > 0 && pg_positional(&argc, &argv, &req->pg))
			return -1;
		return cli_no_more(argc, argv);
	}
}

static const char *mode_name(enum vsw_pg_mode mode)
{
	switch (mode) {
	case VSW_PG_MODE_NONE:
		return "none";
	case VSW_PG_MODE_ACCESS:
		return "access";
	case VSW_PG_MODE_TRUNK_ALL:
		return "trunk-all";
	case VSW_PG_MODE_TRUNK_LIST:
		return "trunk-list";
	}
	return "unknown";
}

/*
 * Text: NAME switch SW vlan ID [(trunk-all)] | trunk LIST [native ID],
 * then ports. JSON: vlan, trunk and native are null where the mode has
 * none; security and shaping are null until the ABI reports them.
 */
void portgroup_print_fields(const struct vsw_portgroup *pg)
{
	bool list = pg->mode == VSW_PG_MODE_TRUNK_LIST;
	char trunk[VSW_VLAN_LIST_STRLEN];
	unsigned int i;

	out_str("name", "%s", pg->name ? pg->name : "");
	if (pg->switch_name)
		out_str("switch", "switch %s", pg->switch_name);
	else
		out_null("switch", NULL);
	if (list)
		out_null("vlan", NULL);
	else
		out_u64("vlan", "vlan %s", pg->vlan);
	out_str("mode", pg->mode == VSW_PG_MODE_TRUNK_ALL ? "(%s)" : NULL,
		mode_name(pg->mode));
	if (list) {
		vsw_vlan_bitmap_format(pg->trunk, trunk, sizeof(trunk));
		out_str("trunk", "trunk %s", trunk);
	} else {
		out_null("trunk", NULL);
	}
	if (list && pg->native)
		out_u64("native", "native %s", pg->native);
	else
		out_null("native", NULL);
	out_null("security", NULL);
	out_null("shaping", NULL);
	out_open_array("ports", pg->n_ports ? "ports%s" : NULL);
	for (i = 0; i < pg->n_ports; i++)
		out_str(NULL, "%s", pg->ports[i]);
	out_close();
}

void portgroup_print(const struct vsw_portgroup *pg)
{
	out_open_object(NULL, NULL);
	portgroup_print_fields(pg);
	out_close();
}

static int show_cb(const struct vsw_portgroup *pg, void *arg)
{
	(void)arg;
	portgroup_print(pg);
	return 0;
}

static int portgroup_run(struct vsw *h, const struct cli_req *req)
{
	int ret;

	switch (req->verb) {
	case PG_ADD:
		return vsw_portgroup_add(h, &req->pgopts);
	case PG_SET:
		return vsw_portgroup_set(h, &req->pgopts);
	case PG_DEL:
		return vsw_portgroup_del(h, req->sw, req->pg);
	}

	out_open_array(NULL, NULL);
	if (req->pg)
		ret = vsw_portgroup_get(h, req->sw, req->pg, show_cb, NULL);
	else
		ret = vsw_portgroup_list(h, req->sw, show_cb, NULL);
	if (ret)
		out_reset();
	else
		out_close();
	return ret;
}

const struct cli_object cli_portgroup = {
	.name = "portgroup",
	.parse = portgroup_parse,
	.run = portgroup_run,
	.usage =
	"portgroup add SWITCH NAME [vlan ID] [trunk LIST] [native ID]\n"
	"portgroup set SWITCH NAME [vlan ID] [trunk LIST] [native ID]\n"
	"portgroup del SWITCH NAME\n"
	"portgroup show SWITCH [NAME]\n"
	"    vlan: 0 untagged, 1-4094 access, 4095 trunk of all VLANs;\n"
	"    trunk: VLANs and ranges such as 10,20-30 (1-4094), not with vlan;\n"
	"    native: the untagged VLAN of the trunk list (1-4094);\n"
	"    promisc, mac-change, forged-transmits, shaping: not in the\n"
	"    kernel ABI yet\n",
};
