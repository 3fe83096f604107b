// SPDX-License-Identifier: GPL-2.0-or-later
/* vswctl team set|show */
#include <string.h>

#include "output.h"
#include "vswctl.h"

enum { TEAM_SET, TEAM_SHOW };

static const struct cli_verb team_verbs[] = {
	{ "set", TEAM_SET }, { "show", TEAM_SHOW }, { NULL, 0 }
};

/*
 * [policy POLICY] [active LIST|none] [standby LIST|none] [detect
 * link|beacon] [failback on|off] [notify-switches on|off] [lacp-rate
 * fast|slow], in any order, each once, at least one.
 */
static int parse_settings(int argc, char **argv, struct cli_req *req)
{
	struct vsw_team_opts *o = &req->teamopts;
	unsigned int i;
	const char *val;

	while (argc > 0) {
		const char *kw = argv[0];

		if (!strcmp(kw, "policy")) {
			if (cli_keyword_value(&argc, &argv, &o->has_policy,
					      &val) ||
			    cli_parse_team_policy(val, &o->policy))
				return -1;
		} else if (!strcmp(kw, "active")) {
			if (cli_keyword_value(&argc, &argv, &o->has_active,
					      &val) ||
			    cli_parse_devlist(val, "active", &req->active))
				return -1;
		} else if (!strcmp(kw, "standby")) {
			if (cli_keyword_value(&argc, &argv, &o->has_standby,
					      &val) ||
			    cli_parse_devlist(val, "standby", &req->standby))
				return -1;
		} else if (!strcmp(kw, "detect")) {
			if (cli_keyword_value(&argc, &argv, &o->has_detect,
					      &val) ||
			    cli_parse_team_detect(val, &o->detect))
				return -1;
		} else if (!strcmp(kw, "failback")) {
			if (cli_keyword_value(&argc, &argv, &o->has_failback,
					      &val) ||
			    cli_parse_onoff(val, kw, &o->failback))
				return -1;
		} else if (!strcmp(kw, "notify-switches")) {
			if (cli_keyword_value(&argc, &argv, &o->has_notify,
					      &val) ||
			    cli_parse_onoff(val, kw, &o->notify))
				return -1;
		} else if (!strcmp(kw, "lacp-rate")) {
			if (cli_keyword_value(&argc, &argv, &o->has_lacp_rate,
					      &val) ||
			    cli_parse_lacp_rate(val, &o->lacp_rate))
				return -1;
		} else {
			cli_error("unknown argument \"%s\"", kw);
			return -1;
		}
	}

	if (!o->has_policy && !o->has_active && !o->has_standby &&
	    !o->has_detect && !o->has_failback && !o->has_notify &&
	    !o->has_lacp_rate) {
		cli_error("nothing to set (policy, active, standby, detect, failback, notify-switches, lacp-rate)");
		return -1;
	}
	for (i = 0; i < req->active.n; i++) {
		const char *dev = req->active.names[i];
		unsigned int j;

		for (j = 0; j < req->standby.n; j++) {
			if (!strcmp(dev, req->standby.names[j])) {
				cli_error("%s is in both the active and the standby list",
					  dev);
				return -1;
			}
		}
	}
	o->active = req->active.ptrs;
	o->n_active = req->active.n;
	o->standby = req->standby.ptrs;
	o->n_standby = req->standby.n;
	return 0;
}

static int team_parse(int argc, char **argv, struct cli_req *req)
{
	req->verb = cli_parse_verb(team_verbs, "team", argc, argv, "show");
	if (req->verb < 0)
		return -1;
	if (argc > 0) {
		argc--;
		argv++;
	}

	if (req->verb == TEAM_SET) {
		if (cli_positional(&argc, &argv, "switch", &req->sw))
			return -1;
		req->teamopts.sw = req->sw;
		return parse_settings(argc, argv, req);
	}
	if (argc > 0 && cli_positional(&argc, &argv, "switch", &req->sw))
		return -1;
	return cli_no_more(argc, argv);
}

/* A name of the ABI's, or "WHAT-N" for a value of a newer kernel. */
static const char *name_or_number(const char *name, const char *what,
				  unsigned int v, char *buf, size_t len)
{
	if (name)
		return name;
	snprintf(buf, len, "%s-%u", what, v);
	return buf;
}

static const char *state_name(unsigned int state, char *buf, size_t len)
{
	static const char *const names[] = {
		[VSW_TEAM_STATE_ACTIVE] = "active",
		[VSW_TEAM_STATE_STANDBY] = "standby",
		[VSW_TEAM_STATE_FAILED] = "failed",
	};

	return name_or_number(state < sizeof(names) / sizeof(names[0]) ?
			      names[state] : NULL, "state", state, buf, len);
}

/* JSON: a boolean; text: "KEYWORD on|off". */
static void print_onoff(const char *key, const char *fmt, bool val)
{
	out_bool(key, NULL, val);
	out_str(NULL, fmt, val ? "on" : "off");
}

/* JSON: an array of names; text: "KEYWORD a,b" or "KEYWORD none". */
static void print_list(const char *key, const char *fmt,
		       const char *const *names, unsigned int n)
{
	char text[CLI_DEVLIST_MAX * IF_NAMESIZE] = "";
	size_t len = 0;
	unsigned int i;

	out_open_array(key, NULL);
	for (i = 0; i < n; i++) {
		out_str(NULL, NULL, names[i]);
		if (len < sizeof(text))
			len += snprintf(text + len, sizeof(text) - len, "%s%s",
					i ? "," : "", names[i]);
	}
	out_close();
	out_str(NULL, fmt, n ? text : "none");
}

/* 802.1AX state bits: JSON an array of names, text "a,b" or "none". */
static void print_lacp_state(const char *key, const char *fmt, uint8_t state)
{
	static const char *const bits[8] = {
		"activity", "short-timeout", "aggregation", "synchronization",
		"collecting", "distributing", "defaulted", "expired",
	};
	char text[128] = "";
	size_t len = 0;
	unsigned int i;

	out_open_array(key, NULL);
	for (i = 0; i < 8; i++) {
		if (!(state & (1U << i)))
			continue;
		out_str(NULL, NULL, bits[i]);
		len += snprintf(text + len, sizeof(text) - len, "%s%s",
				len ? "," : "", bits[i]);
	}
	out_close();
	out_str(NULL, fmt, len ? text : "none");
}

static bool uplink_has_lacp(const struct vsw_team_uplink *up)
{
	return vsw_has(up, VSW_TEAM_UPLINK_A_LACP_ACTOR_STATE) ||
	       vsw_has(up, VSW_TEAM_UPLINK_A_LACP_PARTNER_STATE) ||
	       vsw_has(up, VSW_TEAM_UPLINK_A_LACP_PARTNER_SYSTEM) ||
	       vsw_has(up, VSW_TEAM_UPLINK_A_LACP_PARTNER_KEY);
}

/*
 * Text: NAME STATE link up|down [beacon ok|lost] [lacp actor FLAGS
 * partner FLAGS partner-system MAC partner-key N]; after "uplink" when on
 * one line. JSON: name, state, link, [beacon], [lacp {actor_state,
 * partner_state, partner_system, partner_key}].
 */
static void print_uplink(const struct vsw_team_uplink *up, bool block)
{
	char buf[24];

	if (block)
		out_text_newline("  ");
	out_open_object(NULL, block ? NULL : "uplink");
	out_str("name", "%s", up->name);
	if (vsw_has(up, VSW_TEAM_UPLINK_A_STATE))
		out_str("state", "%s", state_name(up->state, buf, sizeof(buf)));
	else
		out_null("state", NULL);
	out_bool("link", NULL, up->link);
	out_str(NULL, "link %s", up->link ? "up" : "down");
	if (vsw_has(up, VSW_TEAM_UPLINK_A_BEACON)) {
		out_bool("beacon", NULL, up->beacon);
		out_str(NULL, "beacon %s", up->beacon ? "ok" : "lost");
	}
	if (uplink_has_lacp(up)) {
		out_open_object("lacp", "lacp");
		if (vsw_has(up, VSW_TEAM_UPLINK_A_LACP_ACTOR_STATE))
			print_lacp_state("actor_state", "actor %s",
					 up->lacp_actor_state);
		else
			out_null("actor_state", NULL);
		if (vsw_has(up, VSW_TEAM_UPLINK_A_LACP_PARTNER_STATE))
			print_lacp_state("partner_state", "partner %s",
					 up->lacp_partner_state);
		else
			out_null("partner_state", NULL);
		if (vsw_has(up, VSW_TEAM_UPLINK_A_LACP_PARTNER_SYSTEM))
			out_mac("partner_system", "partner-system %s",
				up->lacp_partner_system);
		else
			out_null("partner_system", NULL);
		if (vsw_has(up, VSW_TEAM_UPLINK_A_LACP_PARTNER_KEY))
			out_u64("partner_key", "partner-key %s",
				up->lacp_partner_key);
		else
			out_null("partner_key", NULL);
		out_close();
	}
	out_close();
}

/*
 * Beacon probing needs three uplinks: with fewer, the kernel detects by
 * link state and says so in VSW_A_TEAM_DETECT_USED.
 */
static void print_detect(const struct vsw_team *t)
{
	const char *used;
	char buf[24], ubuf[24], text[64];

	if (vsw_has(t, VSW_A_TEAM_DETECT))
		out_str("detect", "detect %s",
			name_or_number(cli_team_detect_name(t->detect),
				       "detect", t->detect, buf, sizeof(buf)));
	else
		out_null("detect", NULL);
	if (!vsw_has(t, VSW_A_TEAM_DETECT_USED)) {
		out_null("detect_used", NULL);
		return;
	}
	used = name_or_number(cli_team_detect_name(t->detect_used), "detect",
			      t->detect_used, ubuf, sizeof(ubuf));
	out_str("detect_used", NULL, used);
	if (vsw_has(t, VSW_A_TEAM_DETECT) && t->detect != t->detect_used) {
		snprintf(text, sizeof(text), "(in use: %s%s)", used,
			 t->detect == VSW_TEAM_DETECT_BEACON &&
			 t->detect_used == VSW_TEAM_DETECT_LINK ?
			 ", needs 3 uplinks" : "");
		out_str(NULL, "%s", text);
	}
}

/*
 * Text: SWITCH policy POLICY detect link|beacon [(in use: ...)] failback
 * on|off notify-switches on|off [lacp-rate fast|slow lacp-system MAC
 * lacp-key N] (LACP only), then "active LIST standby LIST", then the
 * uplinks; as lines when @block, else on one line. JSON: switch, policy,
 * detect, detect_used, failback, notify_switches, lacp_rate,
 * [lacp_system, lacp_key], active, standby, uplinks; null where the
 * reply had nothing.
 */
void team_print_fields(const struct vsw_team *t, bool block)
{
	bool lacp = vsw_has(t, VSW_A_TEAM_POLICY) &&
		    t->policy == VSW_TEAM_POLICY_LACP;
	char buf[24];
	unsigned int i;

	if (t->switch_name)
		out_str("switch", "%s", t->switch_name);
	else
		out_null("switch", NULL);
	if (vsw_has(t, VSW_A_TEAM_POLICY))
		out_str("policy", "policy %s",
			name_or_number(cli_team_policy_name(t->policy),
				       "policy", t->policy, buf, sizeof(buf)));
	else
		out_null("policy", NULL);
	print_detect(t);
	if (vsw_has(t, VSW_A_TEAM_FAILBACK))
		print_onoff("failback", "failback %s", t->failback);
	else
		out_null("failback", NULL);
	if (vsw_has(t, VSW_A_TEAM_NOTIFY))
		print_onoff("notify_switches", "notify-switches %s", t->notify);
	else
		out_null("notify_switches", NULL);
	/* The rate only matters, and is only shown in text, with LACP. */
	if (vsw_has(t, VSW_A_TEAM_LACP_RATE))
		out_str("lacp_rate", lacp ? "lacp-rate %s" : NULL,
			name_or_number(cli_lacp_rate_name(t->lacp_rate),
				       "rate", t->lacp_rate, buf, sizeof(buf)));
	else
		out_null("lacp_rate", NULL);
	if (vsw_has(t, VSW_A_TEAM_LACP_SYSTEM))
		out_mac("lacp_system", "lacp-system %s", t->lacp_system);
	if (vsw_has(t, VSW_A_TEAM_LACP_KEY))
		out_u64("lacp_key", "lacp-key %s", t->lacp_key);

	if (block)
		out_text_newline("  ");
	print_list("active", "active %s", t->active, t->n_active);
	print_list("standby", "standby %s", t->standby, t->n_standby);
	out_open_array("uplinks", NULL);
	for (i = 0; i < t->n_uplinks; i++)
		print_uplink(&t->uplinks[i], block);
	out_close();
}

void team_print(const struct vsw_team *t)
{
	out_open_object(NULL, NULL);
	team_print_fields(t, true);
	out_close();
}

static int show_cb(const struct vsw_team *t, void *arg)
{
	(void)arg;
	team_print(t);
	return 0;
}

static int team_run(struct vsw *h, const struct cli_req *req)
{
	int ret;

	if (req->verb == TEAM_SET)
		return vsw_team_set(h, &req->teamopts);

	out_open_array(NULL, NULL);
	if (req->sw)
		ret = vsw_team_get(h, req->sw, show_cb, NULL);
	else
		ret = vsw_team_list(h, show_cb, NULL);
	if (ret)
		out_reset();
	else
		out_close();
	return ret;
}

const struct cli_object cli_team = {
	.name = "team",
	.parse = team_parse,
	.run = team_run,
	.usage =
	"team set SWITCH [policy POLICY] [active DEV,...|none]\n"
	"        [standby DEV,...|none] [detect link|beacon] [failback on|off]\n"
	"        [notify-switches on|off] [lacp-rate fast|slow]\n"
	"team show [SWITCH]\n"
	"    POLICY: port-id (the default), ip-hash, mac-hash, failover, lacp;\n"
	"    active, standby: uplinks of the switch, comma-separated, in the\n"
	"    order they are used; none clears a list; uplinks in no list are\n"
	"    active while there is no active list, else used after it;\n"
	"    detect: link state (the default) or beacon probing (3+ uplinks);\n"
	"    failback: back to a recovered uplink earlier in the order (on);\n"
	"    notify-switches: announce moved MACs to the physical switches (on);\n"
	"    lacp-rate: the partner sends LACPDUs every second (fast, the\n"
	"    default; 3 s timeout) or every 30 s (slow; 90 s timeout);\n"
	"    what is not given stays as it is\n",
};
