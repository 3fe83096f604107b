// SPDX-License-Identifier: GPL-2.0-or-later
/* vswctl fdb show|add|del|flush */
#include <string.h>
#include <arpa/inet.h>

#include "output.h"
#include "vswctl.h"

enum { FDB_SHOW, FDB_ADD, FDB_DEL, FDB_FLUSH };

static const struct cli_verb fdb_verbs[] = {
	{ "show", FDB_SHOW }, { "add", FDB_ADD }, { "del", FDB_DEL },
	{ "flush", FDB_FLUSH }, { NULL, 0 }
};

/* Keywords each verb accepts after SWITCH [MAC]. */
#define KW_VLAN		(1 << 0)
#define KW_PORT		(1 << 1)
#define KW_REMOTE	(1 << 2)	/* remote IP vni N */

static int parse_keywords(int argc, char **argv, unsigned int allowed,
			  struct cli_req *req)
{
	bool seen_vlan = false, seen_port = false;
	const char *val;

	while (argc > 0) {
		const char *kw = argv[0];

		if ((allowed & KW_VLAN) && !strcmp(kw, "vlan")) {
			if (cli_keyword_value(&argc, &argv, &seen_vlan, &val) ||
			    cli_parse_vlan(val, &req->vlan))
				return -1;
		} else if ((allowed & KW_PORT) && !strcmp(kw, "port")) {
			if (cli_keyword_value(&argc, &argv, &seen_port, &val) ||
			    cli_parse_name(val, "device"))
				return -1;
			req->dev = val;
		} else if ((allowed & KW_REMOTE) && !strcmp(kw, "remote")) {
			if (cli_keyword_value(&argc, &argv, &req->has_remote,
					      &val) ||
			    cli_parse_addr(val, "remote", &req->remote) ||
			    cli_check_unicast(&req->remote, "remote"))
				return -1;
		} else if ((allowed & KW_REMOTE) && !strcmp(kw, "vni")) {
			if (cli_keyword_value(&argc, &argv, &req->has_vni,
					      &val) ||
			    cli_parse_u32(val, "VNI", 1, VSW_VXLAN_VNI_MAX,
					  &req->vni))
				return -1;
		} else {
			cli_error("unknown argument \"%s\"", kw);
			return -1;
		}
	}
	return 0;
}

/* fdb add: "port DEV", or "remote IP vni N" for a remote VTEP. */
static int check_add_target(const struct cli_req *req)
{
	if (req->dev && (req->has_remote || req->has_vni)) {
		cli_error("\"port\" and \"%s\" cannot be combined",
			  req->has_remote ? "remote" : "vni");
		return -1;
	}
	if (req->has_remote && !req->has_vni) {
		cli_error("\"remote\" needs \"vni N\"");
		return -1;
	}
	if (req->has_vni && !req->has_remote) {
		cli_error("\"vni\" needs \"remote IP\"");
		return -1;
	}
	if (!req->dev && !req->has_remote) {
		cli_error("missing \"port DEV\" or \"remote IP vni N\"");
		return -1;
	}
	return 0;
}

static int fdb_parse(int argc, char **argv, struct cli_req *req)
{
	static const unsigned int allowed[] = {
		[FDB_SHOW] = KW_VLAN | KW_PORT,
		[FDB_ADD] = KW_VLAN | KW_PORT | KW_REMOTE,
		[FDB_DEL] = KW_VLAN,
		[FDB_FLUSH] = KW_VLAN | KW_PORT,
	};

	req->verb = cli_parse_verb(fdb_verbs, "fdb", argc, argv, "show");
	if (req->verb < 0)
		return -1;
	if (argc > 0) {
		argc--;
		argv++;
	}
	if (cli_positional(&argc, &argv, "switch", &req->sw))
		return -1;
	if (req->verb == FDB_ADD || req->verb == FDB_DEL) {
		if (argc < 1) {
			cli_error("missing MAC address");
			return -1;
		}
		if (cli_parse_mac(argv[0], req->mac))
			return -1;
		req->has_mac = true;
		argc--;
		argv++;
	}
	if (parse_keywords(argc, argv, allowed[req->verb], req))
		return -1;
	if (req->verb == FDB_ADD)
		return check_add_target(req);
	return 0;
}

/*
 * Text: MAC vlan ID (port DEV | remote IP vni N) [static] [local] age
 * SECS. JSON: mac, vlan, port, remote, vni (null where there is none),
 * static, local, age.
 */
void fdb_print_fields(const struct vsw_fdb *fdb)
{
	char buf[INET6_ADDRSTRLEN];

	out_mac("mac", "%s", fdb->mac);
	out_u64("vlan", "vlan %s", fdb->vlan);
	if (fdb->port)
		out_str("port", "port %s", fdb->port);
	else
		out_null("port", NULL);
	if (vsw_has(fdb, VSW_A_VXLAN_REMOTE))
		out_str("remote", "remote %s",
			cli_addr_str(&fdb->remote, buf, sizeof(buf)));
	else
		out_null("remote", NULL);
	if (vsw_has(fdb, VSW_A_VXLAN_VNI))
		out_u64("vni", "vni %s", fdb->vni);
	else
		out_null("vni", NULL);
	out_bool("static", "static", fdb->flags & VSW_FDB_F_STATIC);
	out_bool("local", "local", fdb->flags & VSW_FDB_F_LOCAL);
	if (vsw_has(fdb, VSW_A_FDB_AGE))
		out_u64("age", "age %s", fdb->age);
}

void fdb_print(const struct vsw_fdb *fdb)
{
	out_open_object(NULL, NULL);
	fdb_print_fields(fdb);
	out_close();
}

static int show_cb(const struct vsw_fdb *fdb, void *arg)
{
	(void)arg;
	fdb_print(fdb);
	return 0;
}

static int fdb_run(struct vsw *h, const struct cli_req *req)
{
	int ret;

	switch (req->verb) {
	case FDB_ADD:
		if (req->has_remote)
			return vsw_fdb_add_remote(h, req->sw, req->mac,
						  req->vlan, &req->remote,
						  req->vni);
		return vsw_fdb_add(h, req->sw, req->mac, req->vlan, req->dev);
	case FDB_DEL:
		return vsw_fdb_del(h, req->sw, req->mac, req->vlan);
	case FDB_FLUSH:
		return vsw_fdb_flush(h, req->sw, req->dev, req->vlan);
	}
	out_open_array(NULL, NULL);
	ret = vsw_fdb_list(h, req->sw, req->dev, req->vlan, show_cb, NULL);
	if (ret)
		out_reset();
	else
		out_close();
	return ret;
}

const struct cli_object cli_fdb = {
	.name = "fdb",
	.parse = fdb_parse,
	.run = fdb_run,
	.usage =
	"fdb show SWITCH [vlan ID] [port DEV]\n"
	"fdb add SWITCH MAC [vlan ID] (port DEV | remote IP vni N)\n"
	"fdb del SWITCH MAC [vlan ID]\n"
	"fdb flush SWITCH [port DEV] [vlan ID]\n"
	"    fdb add ... remote IP vni N: a static entry behind the remote\n"
	"    VTEP IP of the switch's VNI N (see vxlan add)\n",
};
