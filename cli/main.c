// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vswctl: configure vsw virtual switches.
 *
 * Global options, then a dispatch to one object. Arguments are parsed in
 * full before the netns switch and the kernel are touched, so a bad
 * command line changes nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "vswctl.h"

#ifndef VSW_VERSION
#define VSW_VERSION "unknown"
#endif

struct cli_opts cli_opts;

static const struct cli_object *const objects[] = {
	&cli_switch, &cli_port, &cli_uplink, &cli_portgroup, &cli_team,
	&cli_vxlan, &cli_fdb, &cli_stats, &cli_monitor, &cli_save, &cli_apply,
};

#define N_OBJECTS	(sizeof(objects) / sizeof(objects[0]))

static const char usage_head[] =
	"Usage: vswctl [-j] [-p] [-s] [-n NETNS] OBJECT VERB [ARGS]\n"
	"       vswctl OBJECT help | -h | -V\n"
	"\n"
	"Options:\n"
	"  -j, --json        JSON output: an array of objects (monitor: one\n"
	"                    object per line, with an \"event\" key)\n"
	"  -p, --pretty      pretty-printed JSON (implies -j)\n"
	"  -s, --stats       port show, vxlan show: add counters, MAC moves and\n"
	"                    flaps, and drops per reason\n"
	"  -n, --netns NAME  run in the network namespace /run/netns/NAME\n"
	"  -h, --help        this help\n"
	"  -V, --version     version\n"
	"\n"
	"Commands:\n";

static const char usage_tail[] =
	"\n"
	"Text output, one object per line (team show, vxlan show: a block of\n"
	"lines):\n"
	"  switch show:  NAME ifindex N ageing SECS fdb-max N fdb-count N [ports DEV...]\n"
	"  switch list:  NAME\n"
	"  port show:    DEV switch SWITCH kind port|uplink|host|vxlan id N [portgroup PG]\n"
	"                [dev-mac MAC] [mac MAC [(admin)]] fdb-max N fdb-count N\n"
	"                [with -s: rx-packets N rx-bytes N tx-packets N tx-bytes N\n"
	"                fdb-moves N fdb-flaps N drops REASON N...]\n"
	"                (dev-mac: the device's address; mac: the port's MAC,\n"
	"                the one its VM may use, when known)\n"
	"  portgroup show:\n"
	"                NAME switch SWITCH vlan ID [(trunk-all)] POLICY [ports DEV...]\n"
	"                NAME switch SWITCH trunk LIST [native ID] POLICY [ports DEV...]\n"
	"                POLICY: promisc on|off mac-change on|off forged-transmits\n"
	"                on|off shaping off|avg KBIT peak KBIT burst KB\n"
	"  team show:    SWITCH policy POLICY detect link|beacon [(in use: link,\n"
	"                needs 3 uplinks)] failback on|off notify-switches on|off\n"
	"                [lacp-rate fast|slow lacp-system MAC lacp-key N]\n"
	"                  active DEV,...|none standby DEV,...|none\n"
	"                  DEV active|standby|failed link up|down [beacon ok|lost]\n"
	"                  [lacp actor FLAGS partner FLAGS partner-system MAC\n"
	"                  partner-key N]   (one line per uplink)\n"
	"                FLAGS: activity,short-timeout,aggregation,\n"
	"                synchronization,collecting,distributing,defaulted,\n"
	"                expired (those set) or none\n"
	"  vxlan show:   SWITCH vni N vlan ID local IP dstport PORT ttl N\n"
	"                learning on|off\n"
	"                  remote IP,...|none group none|IP dev DEV\n"
	"                  [with -s: rx-packets N ... drops REASON N... as\n"
	"                  stats, then socket-drops REASON N...]\n"
	"  stats:        DEV rx-packets N rx-bytes N tx-packets N tx-bytes N\n"
	"                fdb-moves N fdb-flaps N drops REASON N...\n"
	"  fdb show:     MAC vlan ID [port DEV | remote IP vni N] [static] [local]\n"
	"                age SECS\n"
	"  monitor:      EVENT followed by the object as above; EVENT is\n"
	"                switch_new|switch_set|switch_del|port_new|port_set|\n"
	"                port_del|portgroup_new|portgroup_set|portgroup_del|\n"
	"                fdb_new|fdb_del|team_set|vxlan_new|vxlan_del (fdb\n"
	"                events add: switch SWITCH; team_set and vxlan events\n"
	"                are team show's and vxlan show's block on one line,\n"
	"                each uplink after \"uplink\")\n"
	"  save:         JSON, always (the file format of apply)\n"
	"  apply:        each change as the vswctl command line that makes it\n"
	"                (without \"vswctl\"); skipped devices and rollback\n"
	"                as lines starting with \"# \"\n"
	"Drop reasons: invalid-source same-port mtu nomem port-down uplink-loop\n"
	"malformed vlan link-local forged mac-change shaping fdb-limit\n"
	"team-inactive team-loop team-duplicate vxlan-header vxlan-vni vxlan-route\n"
	"ecn (JSON keys in snake_case; unknown reasons as reason_N).\n"
	"\n"
	"Exit status: 0 on success, 1 on any error (bad arguments included);\n"
	"errors are printed to stderr as \"Error: TEXT\", with the kernel's\n"
	"message where it gives one.\n";

static void usage(FILE *f)
{
	size_t i;

	fputs(usage_head, f);
	for (i = 0; i < N_OBJECTS; i++) {
		const char *u = objects[i]->usage, *nl;

		for (; (nl = strchr(u, '\n')); u = nl + 1)
			fprintf(f, "  %.*s\n", (int)(nl - u), u);
	}
	fputs(usage_tail, f);
}

/* One command per line; lines starting with a space are notes. */
static void object_usage(const struct cli_object *obj)
{
	const char *u = obj->usage, *nl, *head = "Usage:";

	for (; (nl = strchr(u, '\n')); u = nl + 1, head = "      ") {
		if (*u == ' ')
			printf("      %.*s\n", (int)(nl - u), u);
		else
			printf("%s vswctl [OPTIONS] %.*s\n", head, (int)(nl - u), u);
	}
}

static const struct cli_object *find_object(const char *name)
{
	size_t i;

	for (i = 0; i < N_OBJECTS; i++)
		if (!strcmp(objects[i]->name, name))
			return objects[i];
	return NULL;
}

/* Like "ip -n": enter /run/netns/NAME before the socket is opened. */
static int enter_netns(const char *name)
{
	char path[256];
	int fd, ret;

	if (!*name || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, "..")) {
		cli_error("invalid netns name \"%s\"", name);
		return -1;
	}
	snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		cli_error("cannot open netns \"%s\": %s", name,
			  strerror(errno));
		return -1;
	}
	ret = setns(fd, CLONE_NEWNET);
	if (ret)
		cli_error("cannot enter netns \"%s\": %s", name,
			  strerror(errno));
	close(fd);
	return ret ? -1 : 0;
}

static int run(const struct cli_object *obj, const struct cli_req *req)
{
	struct vsw *h;
	int ret;

	if (cli_opts.netns && enter_netns(cli_opts.netns))
		return 1;
	ret = vsw_open(&h);
	if (ret == -ENOENT) {
		cli_error("Generic Netlink family \"%s\" not found (is the vsw module loaded?)",
			  VSW_GENL_NAME);
		return 1;
	}
	if (ret) {
		cli_error("cannot open a netlink socket: %s", strerror(-ret));
		return 1;
	}
	out_init(stdout, cli_opts.json, cli_opts.pretty);
	ret = obj->run(h, req);
	if (ret < 0)
		cli_error("%s", vsw_errmsg(h) ? vsw_errmsg(h) : strerror(-ret));
	vsw_close(h);
	return ret ? 1 : 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "stats", no_argument, NULL, 's' },
		{ "netns", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cli_object *obj;
	struct cli_req req;
	int c;

	/* "+": options end at OBJECT; ":": we print the errors. */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:jpsn:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			cli_opts.json = true;
			break;
		case 'p':
			cli_opts.json = cli_opts.pretty = true;
			break;
		case 's':
			cli_opts.stats = true;
			break;
		case 'n':
			cli_opts.netns = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("vswctl %s (Generic Netlink family \"%s\" version %d)\n",
			       VSW_VERSION, VSW_GENL_NAME, VSW_GENL_VERSION);
			return 0;
		case ':':
			cli_error("missing value after \"%s\"", argv[optind - 1]);
			return 1;
		default:
			if (optopt)
				cli_error("unknown option \"-%c\" (try \"vswctl -h\")",
					  optopt);
			else
				cli_error("unknown option \"%s\" (try \"vswctl -h\")",
					  argv[optind - 1]);
			return 1;
		}
	}
	argc -= optind;
	argv += optind;

	if (argc < 1) {
		usage(stderr);
		return 1;
	}
	if (!strcmp(argv[0], "help")) {
		usage(stdout);
		return 0;
	}
	obj = find_object(argv[0]);
	if (!obj) {
		cli_error("unknown object \"%s\" (try \"vswctl -h\")", argv[0]);
		return 1;
	}
	if (argc > 1 && !strcmp(argv[1], "help")) {
		object_usage(obj);
		return 0;
	}

	cli_req_init(&req);
	if (obj->parse(argc - 1, argv + 1, &req))
		return 1;
	return run(obj, &req);
}
