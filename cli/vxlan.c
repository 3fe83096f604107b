// SPDX-License-Identifier: GPL-2.0-or-later
/* vswctl vxlan add|del|show */
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <net/if.h>

#include "output.h"
#include "vswctl.h"

enum { VXLAN_ADD, VXLAN_DEL, VXLAN_SHOW };

static const struct cli_verb vxlan_verbs[] = {
	{ "add", VXLAN_ADD }, { "del", VXLAN_DEL }, { "show", VXLAN_SHOW },
	{ NULL, 0 }
};

/* "vni N", once. */
static int parse_vni(int *argc, char ***argv, struct cli_req *req)
{
	const char *val;

	if (cli_keyword_value(argc, argv, &req->has_vni, &val) ||
	    cli_parse_u32(val, "VNI", 1, VSW_VXLAN_VNI_MAX, &req->vni))
		return -1;
	return 0;
}

/* "family-N" never shows: the parsers only make IPv4 and IPv6. */
static const char *family_name(const struct vsw_addr *a)
{
	return a->family == AF_INET ? "IPv4" : "IPv6";
}

/* Every address of the VNI is of the local address's family. */
static int check_family(const struct vsw_addr *a, const char *what,
			const struct vsw_addr *local)
{
	char buf[INET6_ADDRSTRLEN], lbuf[INET6_ADDRSTRLEN];

	if (a->family == local->family)
		return 0;
	cli_error("addresses of one family only: local %s is %s, %s %s is %s",
		  cli_addr_str(local, lbuf, sizeof(lbuf)), family_name(local),
		  what, cli_addr_str(a, buf, sizeof(buf)), family_name(a));
	return -1;
}

/* What the keywords alone cannot check: required ones, and the addresses. */
static int check_add(struct cli_req *req, bool has_vlan, bool has_local)
{
	struct vsw_vxlan_opts *o = &req->vxlanopts;
	char buf[INET6_ADDRSTRLEN];
	unsigned int i;

	if (!req->has_vni) {
		cli_error("missing \"vni N\"");
		return -1;
	}
	if (!has_vlan) {
		cli_error("missing \"vlan ID\"");
		return -1;
	}
	if (!has_local) {
		cli_error("missing \"local IP\"");
		return -1;
	}
	if (cli_check_unicast(&o->local, "local"))
		return -1;
	for (i = 0; i < req->remotes.n; i++) {
		const struct vsw_addr *r = &req->remotes.addrs[i];

		if (check_family(r, "remote", &o->local))
			return -1;
		if (cli_addr_eq(r, &o->local)) {
			cli_error("remote address %s is the local address",
				  cli_addr_str(r, buf, sizeof(buf)));
			return -1;
		}
	}
	if (o->has_group) {
		if (check_family(&o->group, "group", &o->local))
			return -1;
		if (!cli_addr_is_multicast(&o->group)) {
			cli_error("group address %s is not a multicast address",
				  cli_addr_str(&o->group, buf, sizeof(buf)));
			return -1;
		}
		if (!o->dev) {
			cli_error("\"group\" needs \"dev DEV\"");
			return -1;
		}
	} else if (o->dev) {
		cli_error("\"dev\" needs \"group IP\"");
		return -1;
	}
	o->sw = req->sw;
	o->vni = req->vni;
	o->vlan = req->vlan;
	o->remotes = req->remotes.addrs;
	o->n_remotes = req->remotes.n;
	return 0;
}

/*
 * vni N vlan ID local IP [remote IP,...] [group IP dev DEV] [dstport
 * PORT] [ttl N] [learning on|off], in any order, each once.
 */
static int parse_add(int argc, char **argv, struct cli_req *req)
{
	struct vsw_vxlan_opts *o = &req->vxlanopts;
	bool has_vlan = false, has_local = false, has_remote = false;
	bool has_dev = false;
	const char *val;
	uint32_t v;

	while (argc > 0) {
		const char *kw = argv[0];

		if (!strcmp(kw, "vni")) {
			if (parse_vni(&argc, &argv, req))
				return -1;
		} else if (!strcmp(kw, "vlan")) {
			if (cli_keyword_value(&argc, &argv, &has_vlan, &val) ||
			    cli_parse_vlan(val, &req->vlan))
				return -1;
		} else if (!strcmp(kw, "local")) {
			if (cli_keyword_value(&argc, &argv, &has_local, &val) ||
			    cli_parse_addr(val, "local", &o->local))
				return -1;
		} else if (!strcmp(kw, "remote")) {
			if (cli_keyword_value(&argc, &argv, &has_remote, &val) ||
			    cli_parse_addrlist(val, "remote", &req->remotes))
				return -1;
		} else if (!strcmp(kw, "group")) {
			if (cli_keyword_value(&argc, &argv, &o->has_group,
					      &val) ||
			    cli_parse_addr(val, "group", &o->group))
				return -1;
		} else if (!strcmp(kw, "dev")) {
			if (cli_keyword_value(&argc, &argv, &has_dev, &val) ||
			    cli_parse_name(val, "device"))
				return -1;
			o->dev = val;
		} else if (!strcmp(kw, "dstport")) {
			if (cli_keyword_value(&argc, &argv, &o->has_dstport,
					      &val) ||
			    cli_parse_u32(val, "dstport", 1, 65535, &v))
				return -1;
			o->dstport = v;
		} else if (!strcmp(kw, "ttl")) {
			if (cli_keyword_value(&argc, &argv, &o->has_ttl, &val) ||
			    cli_parse_u32(val, "ttl", 1, 255, &v))
				return -1;
			o->ttl = v;
		} else if (!strcmp(kw, "learning")) {
			if (cli_keyword_value(&argc, &argv, &o->has_learning,
					      &val) ||
			    cli_parse_onoff(val, kw, &o->learning))
				return -1;
		} else {
			cli_error("unknown argument \"%s\"", kw);
			return -1;
		}
	}
	return check_add(req, has_vlan, has_local);
}

static int vxlan_parse(int argc, char **argv, struct cli_req *req)
{
	req->verb = cli_parse_verb(vxlan_verbs, "vxlan", argc, argv, "show");
	if (req->verb < 0)
		return -1;
	if (argc > 0) {
		argc--;
		argv++;
	}
	if (cli_positional(&argc, &argv, "switch", &req->sw))
		return -1;
	if (req->verb == VXLAN_ADD)
		return parse_add(argc, argv, req);

	/* del: vni N; show: [vni N]. */
	if (argc > 0 && !strcmp(argv[0], "vni") &&
	    parse_vni(&argc, &argv, req))
		return -1;
	if (cli_no_more(argc, argv))
		return -1;
	if (req->verb == VXLAN_DEL && !req->has_vni) {
		cli_error("missing \"vni N\"");
		return -1;
	}
	return 0;
}

/* JSON: an array of addresses; text: "remote a,b" or "remote none". */
static void print_remotes(const struct vsw_vxlan *vx)
{
	char buf[INET6_ADDRSTRLEN], *text;
	size_t size, len = 0;
	unsigned int i;

	size = (size_t)vx->n_remotes * INET6_ADDRSTRLEN + 1;
	text = malloc(size);
	if (text)
		text[0] = '\0';
	out_open_array("remote", NULL);
	for (i = 0; i < vx->n_remotes; i++) {
		cli_addr_str(&vx->remotes[i], buf, sizeof(buf));
		out_str(NULL, NULL, buf);
		if (text)
			len += snprintf(text + len, size - len, "%s%s",
					i ? "," : "", buf);
	}
	out_close();
	out_str(NULL, "remote %s", vx->n_remotes && text ? text : "none");
	free(text);
}

/*
 * JSON: group (an address or null), dev (a name, or null without a
 * group or when the ifindex has no name here), dev_ifindex. Text: "group
 * none" or "group IP dev DEV" (dev ifindex-N without a name).
 */
static void print_group(const struct vsw_vxlan *vx)
{
	char buf[INET6_ADDRSTRLEN], name[IF_NAMESIZE];

	if (!vsw_has(vx, VSW_A_VXLAN_GROUP)) {
		out_null("group", NULL);
		out_str(NULL, "group %s", "none");
		out_null("dev", NULL);
		out_null("dev_ifindex", NULL);
		return;
	}
	out_str("group", "group %s", cli_addr_str(&vx->group, buf, sizeof(buf)));
	if (vsw_has(vx, VSW_A_VXLAN_DEV) &&
	    if_indextoname(vx->dev_ifindex, name)) {
		out_str("dev", "dev %s", name);
	} else {
		out_null("dev", NULL);
		if (vsw_has(vx, VSW_A_VXLAN_DEV)) {
			snprintf(name, sizeof(name), "%u", vx->dev_ifindex);
			out_str(NULL, "dev ifindex-%s", name);
		}
	}
	if (vsw_has(vx, VSW_A_VXLAN_DEV))
		out_u64("dev_ifindex", NULL, vx->dev_ifindex);
	else
		out_null("dev_ifindex", NULL);
}

/*
 * Text: SWITCH vni N vlan ID local IP dstport PORT ttl N learning on|off,
 * then "remote IP,...|none group none|IP dev DEV", then with @stats the
 * VNI's counters as a port's and "socket-drops REASON N..."; as lines
 * when @block, else on one line. JSON: switch, vni, vlan, local, remote,
 * group, dev, dev_ifindex, dstport, ttl, learning, [stats,
 * socket_drops]; null where the reply had nothing.
 */
void vxlan_print_fields(const struct vsw_vxlan *vx, bool block, bool stats)
{
	static const uint64_t no_drops[VSW_DROP_SLOTS];
	char buf[INET6_ADDRSTRLEN];

	if (vx->switch_name)
		out_str("switch", "%s", vx->switch_name);
	else
		out_null("switch", NULL);
	if (vsw_has(vx, VSW_A_VXLAN_VNI))
		out_u64("vni", "vni %s", vx->vni);
	else
		out_null("vni", NULL);
	if (vsw_has(vx, VSW_A_VLAN))
		out_u64("vlan", "vlan %s", vx->vlan);
	else
		out_null("vlan", NULL);
	if (vsw_has(vx, VSW_A_VXLAN_LOCAL))
		out_str("local", "local %s",
			cli_addr_str(&vx->local, buf, sizeof(buf)));
	else
		out_null("local", NULL);
	if (vsw_has(vx, VSW_A_VXLAN_DSTPORT))
		out_u64("dstport", "dstport %s", vx->dstport);
	else
		out_null("dstport", NULL);
	if (vsw_has(vx, VSW_A_VXLAN_TTL))
		out_u64("ttl", "ttl %s", vx->ttl);
	else
		out_null("ttl", NULL);
	if (vsw_has(vx, VSW_A_VXLAN_LEARNING)) {
		out_bool("learning", NULL, vx->learning);
		out_str(NULL, "learning %s", vx->learning ? "on" : "off");
	} else {
		out_null("learning", NULL);
	}

	if (block)
		out_text_newline("  ");
	print_remotes(vx);
	print_group(vx);
	if (!stats)
		return;
	if (vx->stats) {
		if (block)
			out_text_newline("  ");
		out_open_object("stats", NULL);
		stats_print_counters(vx->stats);
		out_close();
	}
	if (block)
		out_text_newline("  ");
	stats_print_drops("socket_drops", "socket-drops",
			  vx->sock_drops ? vx->sock_drops : no_drops);
}

void vxlan_print(const struct vsw_vxlan *vx, bool stats)
{
	out_open_object(NULL, NULL);
	vxlan_print_fields(vx, true, stats);
	out_close();
}

static int show_cb(const struct vsw_vxlan *vx, void *arg)
{
	(void)arg;
	vxlan_print(vx, cli_opts.stats);
	return 0;
}

static int vxlan_run(struct vsw *h, const struct cli_req *req)
{
	int ret;

	switch (req->verb) {
	case VXLAN_ADD:
		return vsw_vxlan_add(h, &req->vxlanopts);
	case VXLAN_DEL:
		return vsw_vxlan_del(h, req->sw, req->vni);
	}
	out_open_array(NULL, NULL);
	if (req->has_vni)
		ret = vsw_vxlan_get(h, req->sw, req->vni, show_cb, NULL);
	else
		ret = vsw_vxlan_list(h, req->sw, show_cb, NULL);
	if (ret)
		out_reset();
	else
		out_close();
	return ret;
}

const struct cli_object cli_vxlan = {
	.name = "vxlan",
	.parse = vxlan_parse,
	.run = vxlan_run,
	.usage =
	"vxlan add SWITCH vni N vlan ID local IP [remote IP[,IP...]]\n"
	"        [group IP dev DEV] [dstport PORT] [ttl N] [learning on|off]\n"
	"vxlan del SWITCH vni N\n"
	"vxlan show SWITCH [vni N]\n"
	"    vni: 1-16777215, bound to VLAN ID (0: untagged frames) of the\n"
	"    switch, one VNI per VLAN; local: this host's VTEP address;\n"
	"    remote: up to 128 VTEPs that get a copy of every broadcast,\n"
	"    multicast and unknown unicast frame (head-end replication);\n"
	"    group: a multicast group that gets them too, joined on device\n"
	"    DEV; addresses are IPv4 or IPv6, all of one family; dstport: UDP\n"
	"    port (4789); ttl: of the outer header (64); learning: learn MACs\n"
	"    behind remote VTEPs (on); -s adds the VNI's counters and the\n"
	"    drops of the UDP socket before a VNI was known\n",
};
