// SPDX-License-Identifier: GPL-2.0-or-later
/* vswctl portgroup add|set|del|show */
#include <stddef.h>
#include <string.h>

#include "output.h"
#include "vswctl.h"

enum { PG_ADD, PG_SET, PG_DEL, PG_SHOW };

static const struct cli_verb portgroup_verbs[] = {
	{ "add", PG_ADD }, { "set", PG_SET }, { "del", PG_DEL },
	{ "show", PG_SHOW }, { NULL, 0 }
};

/* "promisc on|off" and the like: keyword, option flag and value. */
struct policy_kw {
	const char *kw;
	size_t has;			/* offsets in struct vsw_portgroup_opts */
	size_t val;
};

#define POLICY(kw, field)						\
	{ kw, offsetof(struct vsw_portgroup_opts, has_##field),		\
	  offsetof(struct vsw_portgroup_opts, field) }

static const struct policy_kw policies[] = {
	POLICY("promisc", promisc),
	POLICY("mac-change", mac_change),
	POLICY("forged-transmits", forged_transmits),
};

#define N_POLICIES	(sizeof(policies) / sizeof(policies[0]))

static const struct policy_kw *find_policy(const char *kw)
{
	size_t i;

	for (i = 0; i < N_POLICIES; i++)
		if (!strcmp(policies[i].kw, kw))
			return &policies[i];
	return NULL;
}

static int parse_policy(int *argc, char ***argv, const struct policy_kw *p,
			struct vsw_portgroup_opts *o)
{
	bool *has = (bool *)((char *)o + p->has);
	bool *val = (bool *)((char *)o + p->val);
	const char *word;

	if (cli_keyword_value(argc, argv, has, &word) ||
	    cli_parse_onoff(word, p->kw, val))
		return -1;
	return 0;
}

/*
 * "shaping off" or "shaping avg KBIT peak KBIT burst KB", the three in any
 * order; all zero in @sh means off.
 */
static int parse_shaping(int *argc, char ***argv, bool *seen,
			 struct vsw_shaping *sh)
{
	bool seen_avg = false, seen_peak = false, seen_burst = false;
	const char *val;

	if (*seen) {
		cli_error("duplicate \"shaping\"");
		return -1;
	}
	*seen = true;
	if (*argc < 2) {
		cli_error("missing value after \"shaping\"");
		return -1;
	}
	if (!strcmp((*argv)[1], "off")) {
		memset(sh, 0, sizeof(*sh));
		*argc -= 2;
		*argv += 2;
		return 0;
	}
	(*argc)--;
	(*argv)++;
	while (*argc > 0) {
		const char *kw = (*argv)[0];

		if (!strcmp(kw, "avg")) {
			if (cli_keyword_value(argc, argv, &seen_avg, &val) ||
			    cli_parse_u32(val, "avg", 1, UINT32_MAX,
					  &sh->avg_kbit))
				return -1;
		} else if (!strcmp(kw, "peak")) {
			if (cli_keyword_value(argc, argv, &seen_peak, &val) ||
			    cli_parse_u32(val, "peak", 1, UINT32_MAX,
					  &sh->peak_kbit))
				return -1;
		} else if (!strcmp(kw, "burst")) {
			if (cli_keyword_value(argc, argv, &seen_burst, &val) ||
			    cli_parse_u32(val, "burst", 1, VSW_SHAPING_BURST_MAX,
					  &sh->burst_kb))
				return -1;
		} else {
			break;
		}
	}
	if (!seen_avg && !seen_peak && !seen_burst) {
		cli_error("invalid value \"%s\" for \"shaping\" (off, or avg KBIT peak KBIT burst KB)",
			  (*argv)[0]);
		return -1;
	}
	if (!seen_avg || !seen_peak || !seen_burst) {
		cli_error("shaping needs avg, peak and burst");
		return -1;
	}
	if (sh->peak_kbit < sh->avg_kbit) {
		cli_error("peak (%u) is below avg (%u)", sh->peak_kbit,
			  sh->avg_kbit);
		return -1;
	}
	return 0;
}

/* "none" (on set) leaves the trunk list without an untagged VLAN: 0. */
static int parse_native(const char *s, int verb, uint16_t *native)
{
	uint32_t v;

	if (!strcmp(s, "none")) {
		if (verb != PG_SET) {
			cli_error("\"native none\" is for portgroup set (a new group has no native VLAN)");
			return -1;
		}
		*native = 0;
		return 0;
	}
	if (cli_parse_u32(s, "native VLAN", 1, VSW_VLAN_MAX, &v))
		return -1;
	*native = v;
	return 0;
}

/*
 * [vlan ID] [trunk LIST] [native ID] [promisc|mac-change|forged-transmits
 * on|off] [shaping ...], in any order, each once.
 */
static int parse_settings(int argc, char **argv, int verb,
			  struct vsw_portgroup_opts *o)
{
	bool seen_vlan = false, seen_trunk = false, seen_native = false;
	const struct policy_kw *policy;
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
			    parse_native(val, verb, &o->native))
				return -1;
			o->has_native = true;
		} else if ((policy = find_policy(kw))) {
			if (parse_policy(&argc, &argv, policy, o))
				return -1;
		} else if (!strcmp(kw, "shaping")) {
			if (parse_shaping(&argc, &argv, &o->has_shaping,
					  &o->shaping))
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
	if (o->has_native && o->native && o->has_trunk &&
	    !vsw_vlan_bitmap_test(o->trunk, o->native)) {
		cli_error("native VLAN %u is not in the trunk list", o->native);
		return -1;
	}
	if (verb == PG_SET && !o->has_vlan && !o->has_trunk &&
	    !o->has_native && !o->has_promisc && !o->has_mac_change &&
	    !o->has_forged_transmits && !o->has_shaping) {
		cli_error("nothing to set (vlan ID, trunk LIST, native ID, promisc, mac-change, forged-transmits, shaping)");
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

/* Kernels before the security policies report none of them. */
static bool has_policies(const struct vsw_portgroup *pg)
{
	return vsw_has(pg, VSW_A_PG_PROMISC) ||
	       vsw_has(pg, VSW_A_PG_MAC_CHANGE) ||
	       vsw_has(pg, VSW_A_PG_FORGED_TRANSMITS) ||
	       vsw_has(pg, VSW_A_PG_SHAPING);
}

/* JSON: a boolean; text: "KEYWORD on|off". */
static void print_onoff(const char *key, const char *fmt, bool val)
{
	out_bool(key, NULL, val);
	out_str(NULL, fmt, val ? "on" : "off");
}

/*
 * Text: NAME switch SW vlan ID [(trunk-all)] | trunk LIST [native ID],
 * promisc on|off mac-change on|off forged-transmits on|off, shaping off |
 * shaping avg KBIT peak KBIT burst KB, then ports. JSON: vlan, trunk and
 * native are null where the mode has none; security {promisc, mac_change,
 * forged_transmits} (null from kernels without policies), shaping null
 * when off or {avg_kbit, peak_kbit, burst_kb}.
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
	if (has_policies(pg)) {
		out_open_object("security", NULL);
		print_onoff("promisc", "promisc %s", pg->promisc);
		print_onoff("mac_change", "mac-change %s", pg->mac_change);
		print_onoff("forged_transmits", "forged-transmits %s",
			    pg->forged_transmits);
		out_close();
	} else {
		out_null("security", NULL);
	}
	if (pg->shaping_on) {
		out_open_object("shaping", "shaping");
		out_u64("avg_kbit", "avg %s", pg->shaping.avg_kbit);
		out_u64("peak_kbit", "peak %s", pg->shaping.peak_kbit);
		out_u64("burst_kb", "burst %s", pg->shaping.burst_kb);
		out_close();
	} else {
		out_null("shaping", has_policies(pg) ? "shaping off" : NULL);
	}
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
	"        [promisc on|off] [mac-change on|off] [forged-transmits on|off]\n"
	"        [shaping avg KBIT peak KBIT burst KB | shaping off]\n"
	"portgroup set SWITCH NAME [vlan ID] [trunk LIST] [native ID|none]\n"
	"        [promisc on|off] [mac-change on|off] [forged-transmits on|off]\n"
	"        [shaping avg KBIT peak KBIT burst KB | shaping off]\n"
	"portgroup del SWITCH NAME\n"
	"portgroup show SWITCH [NAME]\n"
	"    vlan: 0 untagged, 1-4094 access, 4095 trunk of all VLANs;\n"
	"    trunk: VLANs and ranges such as 10,20-30 (1-4094), not with vlan;\n"
	"    native: the untagged VLAN of the trunk list (1-4094), none for\n"
	"    none;\n"
	"    promisc, mac-change, forged-transmits: security policies, off\n"
	"    (reject) by default;\n"
	"    shaping: what each port sends, avg and peak in kbit/s (peak >=\n"
	"    avg > 0), burst in KB (1-1048576); off by default\n",
};
