// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vswctl without a kernel: every verb's parser on good and bad input, and
 * the text and JSON of each object printed from fixed data.
 */
#include <stdlib.h>
#include <string.h>

#include "../../cli/output.h"
#include "../../cli/vswctl.h"
#include "tap.h"

struct cli_opts cli_opts;	/* main.c's, which the tests do not link */

/* Parse a command line given as one string ("verb args..."). */
static int parse(const struct cli_object *obj, const char *line,
		 struct cli_req *req)
{
	static char copy[256];	/* req points into it */
	char *argv[16], *tok, *save;
	int argc = 0;

	snprintf(copy, sizeof(copy), "%s", line);
	for (tok = strtok_r(copy, " ", &save); tok && argc < 16;
	     tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	cli_req_init(req);
	cli_errbuf[0] = '\0';
	return obj->parse(argc, argv, req);
}

/* A line that must be refused with exactly @err. */
static void bad(const struct cli_object *obj, const char *line,
		const char *err)
{
	struct cli_req req;
	int ret = parse(obj, line, &req);

	ok(ret != 0, "%s %s: refused", obj->name, line);
	ok_str(cli_errbuf, err, "%s %s: message", obj->name, line);
}

static void test_switch_parse(void)
{
	struct cli_req r;

	ok(parse(&cli_switch, "add sw0", &r) == 0 && !strcmp(r.sw, "sw0") &&
	   !strcmp(r.swopts.name, "sw0") && !r.swopts.has_ageing &&
	   !r.swopts.has_fdb_max, "switch add NAME");
	ok(parse(&cli_switch, "add sw0 ageing 1000000 fdb-max 0", &r) == 0 &&
	   r.swopts.has_ageing && r.swopts.ageing == 1000000 &&
	   r.swopts.has_fdb_max && r.swopts.fdb_max == 0,
	   "switch add with ageing max and fdb-max 0");
	ok(parse(&cli_switch, "set sw0 fdb-max 4294967295", &r) == 0 &&
	   r.swopts.fdb_max == UINT32_MAX && !r.swopts.has_ageing,
	   "switch set fdb-max u32 max");
	ok(parse(&cli_switch, "del sw0", &r) == 0, "switch del");
	ok(parse(&cli_switch, "show", &r) == 0 && !r.sw, "switch show");
	ok(parse(&cli_switch, "show sw0", &r) == 0 && !strcmp(r.sw, "sw0"),
	   "switch show NAME");
	ok(parse(&cli_switch, "", &r) == 0 && !r.sw, "switch alone is show");
	ok(parse(&cli_switch, "list", &r) == 0, "switch list");

	bad(&cli_switch, "frob", "unknown verb \"frob\" for \"switch\" (try \"vswctl switch help\")");
	bad(&cli_switch, "add", "missing switch name");
	bad(&cli_switch, "add sw0 ageing 0", "invalid ageing \"0\" (1-1000000)");
	bad(&cli_switch, "add sw0 ageing 1000001",
	    "invalid ageing \"1000001\" (1-1000000)");
	bad(&cli_switch, "add sw0 ageing 30s", "invalid ageing \"30s\" (1-1000000)");
	bad(&cli_switch, "add sw0 ageing -1", "invalid ageing \"-1\" (1-1000000)");
	bad(&cli_switch, "add sw0 ageing +5", "invalid ageing \"+5\" (1-1000000)");
	bad(&cli_switch, "add sw0 ageing 0x10", "invalid ageing \"0x10\" (1-1000000)");
	bad(&cli_switch, "add sw0 fdb-max 4294967296",
	    "invalid fdb-max \"4294967296\" (0-4294967295)");
	bad(&cli_switch, "add sw0 fdb-max 99999999999999999999999",
	    "invalid fdb-max \"99999999999999999999999\" (0-4294967295)");
	bad(&cli_switch, "add sw0 ageing", "missing value after \"ageing\"");
	bad(&cli_switch, "add sw0 ageing 5 ageing 6", "duplicate \"ageing\"");
	bad(&cli_switch, "add sw0 colour blue", "unknown argument \"colour\"");
	bad(&cli_switch, "add sixteen-chars-xx",
	    "invalid switch name \"sixteen-chars-xx\" (1-15 characters, no '/', ':' or spaces)");
	bad(&cli_switch, "add a/b",
	    "invalid switch name \"a/b\" (1-15 characters, no '/', ':' or spaces)");
	bad(&cli_switch, "set sw0", "nothing to set (ageing SECS, fdb-max N)");
	bad(&cli_switch, "del", "missing switch name");
	bad(&cli_switch, "del sw0 sw1", "unexpected argument \"sw1\"");
	bad(&cli_switch, "show sw0 extra", "unexpected argument \"extra\"");
	bad(&cli_switch, "list sw0", "unexpected argument \"sw0\"");
}

static void test_port_parse(void)
{
	struct cli_req r;

	ok(parse(&cli_port, "add sw0 vm1", &r) == 0 && !strcmp(r.sw, "sw0") &&
	   !strcmp(r.dev, "vm1"), "port add SWITCH DEV");
	ok(parse(&cli_port, "del vm1", &r) == 0 && !strcmp(r.dev, "vm1"),
	   "port del DEV");
	ok(parse(&cli_port, "show", &r) == 0 && !r.sw, "port show");
	ok(parse(&cli_port, "show sw0", &r) == 0 && !strcmp(r.sw, "sw0"),
	   "port show SWITCH");
	ok(parse(&cli_uplink, "add sw0 eth1", &r) == 0 &&
	   !strcmp(r.dev, "eth1"), "uplink add SWITCH DEV");
	ok(parse(&cli_uplink, "del eth1", &r) == 0, "uplink del DEV");

	bad(&cli_port, "add sw0", "missing device name");
	bad(&cli_port, "add sw0 vm1 portgroup web",
	    "\"portgroup\" is not supported by this kernel ABI yet");
	bad(&cli_port, "add sw0 vm1 mac 02:00:00:00:00:01",
	    "\"mac\" is not supported by this kernel ABI yet");
	bad(&cli_port, "add sw0 vm1 vlan 5", "unknown argument \"vlan\"");
	bad(&cli_port, "set vm1 portgroup web",
	    "\"portgroup\" is not supported by this kernel ABI yet");
	bad(&cli_port, "set vm1", "nothing to set (portgroup PG, mac MAC)");
	bad(&cli_port, "del", "missing device name");
	bad(&cli_port, "del vm1 vm2", "unexpected argument \"vm2\"");
	bad(&cli_port, "attach sw0 vm1",
	    "unknown verb \"attach\" for \"port\" (try \"vswctl port help\")");
	bad(&cli_uplink, "", "missing verb for \"uplink\" (try \"vswctl uplink help\")");
	bad(&cli_uplink, "show", "unknown verb \"show\" for \"uplink\" (try \"vswctl uplink help\")");
	bad(&cli_uplink, "add sw0", "missing device name");
}

static void test_fdb_parse(void)
{
	static const uint8_t mac[6] = { 0x02, 0xab, 0xcd, 0xef, 0x00, 0x09 };
	struct cli_req r;

	ok(parse(&cli_fdb, "add sw0 02:AB:cd:EF:00:09 port vm1", &r) == 0 &&
	   r.has_mac && !memcmp(r.mac, mac, 6) && r.vlan == -1 &&
	   !strcmp(r.dev, "vm1"), "fdb add, mixed-case MAC, no VLAN");
	ok(parse(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 vlan 4094 port vm1",
		 &r) == 0 && r.vlan == 4094, "fdb add vlan 4094");
	ok(parse(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 port vm1 vlan 0", &r) == 0 &&
	   r.vlan == 0, "fdb add, keywords in any order, vlan 0");
	ok(parse(&cli_fdb, "del sw0 02:ab:cd:ef:00:09", &r) == 0 &&
	   r.vlan == -1, "fdb del");
	ok(parse(&cli_fdb, "del sw0 02:ab:cd:ef:00:09 vlan 7", &r) == 0 &&
	   r.vlan == 7, "fdb del vlan");
	ok(parse(&cli_fdb, "flush sw0", &r) == 0 && !r.dev && r.vlan == -1,
	   "fdb flush");
	ok(parse(&cli_fdb, "flush sw0 port vm1 vlan 3", &r) == 0 &&
	   !strcmp(r.dev, "vm1") && r.vlan == 3, "fdb flush port vlan");
	ok(parse(&cli_fdb, "show sw0 vlan 10 port vm1", &r) == 0 &&
	   r.vlan == 10 && !strcmp(r.dev, "vm1"), "fdb show filters");

	bad(&cli_fdb, "show", "missing switch name");
	bad(&cli_fdb, "add sw0", "missing MAC address");
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09", "missing \"port DEV\"");
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 vlan 5000 port vm1",
	    "invalid VLAN \"5000\" (0-4094)");
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 vlan 4095 port vm1",
	    "invalid VLAN \"4095\" (0-4094)");
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 vlan 1x port vm1",
	    "invalid VLAN \"1x\" (0-4094)");
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 remote 192.0.2.1 vni 5",
	    "\"remote\" (VXLAN) is not supported by this kernel ABI yet");
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 port vm1 port vm2",
	    "duplicate \"port\"");
	bad(&cli_fdb, "del sw0 02:ab:cd:ef:00:09 port vm1",
	    "unknown argument \"port\"");
	bad(&cli_fdb, "flush sw0 vlan", "missing value after \"vlan\"");
	bad(&cli_fdb, "flush sw0 static", "unknown argument \"static\"");
	bad(&cli_fdb, "zap sw0", "unknown verb \"zap\" for \"fdb\" (try \"vswctl fdb help\")");

	static const char *const macs[] = {
		"02:ab:cd:ef:00", "02:ab:cd:ef:00:09:10", "02-ab-cd-ef-00-09",
		"2:ab:cd:ef:00:09", "02:ab:cd:ef:00:0g", "02:ab:cd:ef:00:9",
		"02:ab:cd:ef:00:099", "02::ab:cd:ef:00:0",
	};
	char line[64], err[96];
	size_t i;

	for (i = 0; i < sizeof(macs) / sizeof(macs[0]); i++) {
		snprintf(line, sizeof(line), "del sw0 %s", macs[i]);
		snprintf(err, sizeof(err),
			 "invalid MAC address \"%s\" (xx:xx:xx:xx:xx:xx)", macs[i]);
		bad(&cli_fdb, line, err);
	}
}

static void test_other_parse(void)
{
	struct cli_req r;

	ok(parse(&cli_stats, "sw0", &r) == 0 && !strcmp(r.sw, "sw0"),
	   "stats SWITCH");
	bad(&cli_stats, "", "missing switch name");
	bad(&cli_stats, "sw0 sw1", "unexpected argument \"sw1\"");
	ok(parse(&cli_monitor, "", &r) == 0, "monitor");
	bad(&cli_monitor, "fdb", "unexpected argument \"fdb\"");
}

/* Output of @print to a string, in JSON (pretty or not) or text. */
static char *capture(void (*print)(const void *), const void *obj,
		     bool json, bool list)
{
	char *s = NULL;
	size_t len;
	FILE *f = open_memstream(&s, &len);

	out_init(f, json, false);
	if (list)
		out_open_array(NULL, NULL);
	if (print)
		print(obj);
	if (list)
		out_close();
	fclose(f);
	return s;
}

#define CHECK_OUT(fn, obj, json, want, ...) do {			\
	char *_s = capture((void (*)(const void *))(fn), obj, json, true); \
	ok_str(_s, want, __VA_ARGS__);					\
	free(_s);							\
} while (0)

static void print_port_stats(const struct vsw_port *p)
{
	port_print(p, true);
}

static void print_port_plain(const struct vsw_port *p)
{
	port_print(p, false);
}

static void test_output(void)
{
	static const char *const ports[] = { "vm1", "eth1" };
	struct vsw_switch sw = {
		.attrs = VSW_ATTR_BIT(VSW_A_IFINDEX) | VSW_ATTR_BIT(VSW_A_IFNAME) |
			 VSW_ATTR_BIT(VSW_A_AGEING) | VSW_ATTR_BIT(VSW_A_FDB_MAX) |
			 VSW_ATTR_BIT(VSW_A_FDB_COUNT) | VSW_ATTR_BIT(VSW_A_PORTS),
		.ifindex = 5, .name = "sw0", .ageing = 300, .fdb_max = 65536,
		.fdb_count = 2, .n_ports = 2, .ports = ports,
	};
	struct vsw_port_stats st = {
		.rx_packets = 10, .rx_bytes = 1000, .tx_packets = 20,
		.tx_bytes = 5000000000ULL,
	};
	struct vsw_port port = {
		.attrs = VSW_ATTR_BIT(VSW_A_PORT_IFINDEX) |
			 VSW_ATTR_BIT(VSW_A_PORT_KIND) |
			 VSW_ATTR_BIT(VSW_A_PORT_ID) | VSW_ATTR_BIT(VSW_A_MAC),
		.switch_name = "sw0", .ifindex = 9, .name = "eth1",
		.kind = VSW_PORT_KIND_UPLINK, .id = 3, .portgroup = "default",
		.mac = { 0x02, 0, 0, 0, 0, 0xfe }, .stats = &st,
	};
	struct vsw_fdb fdb = {
		.attrs = VSW_ATTR_BIT(VSW_A_FDB_AGE),
		.mac = { 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee }, .vlan = 42,
		.port = "vm1", .flags = VSW_FDB_F_STATIC, .age = 17,
	};
	struct vsw_event ev = { .cmd = VSW_CMD_SWITCH_DEL,
				.type = VSW_OBJ_SWITCH };
	char *s;

	s = capture(NULL, NULL, true, true);
	ok_str(s, "[]\n", "empty list is []");
	free(s);
	s = capture(NULL, NULL, false, true);
	ok_str(s, "", "empty list prints nothing in text");
	free(s);

	CHECK_OUT(switch_print, &sw, true,
		  "[{\"name\":\"sw0\",\"ifindex\":5,\"ageing\":300,\"fdb_max\":65536,"
		  "\"fdb_count\":2,\"ports\":[\"vm1\",\"eth1\"]}]\n",
		  "switch JSON");
	CHECK_OUT(switch_print, &sw, false,
		  "sw0 ifindex 5 ageing 300 fdb-max 65536 fdb-count 2 ports vm1 eth1\n",
		  "switch text");
	sw.n_ports = 0;
	CHECK_OUT(switch_print, &sw, true,
		  "[{\"name\":\"sw0\",\"ifindex\":5,\"ageing\":300,\"fdb_max\":65536,"
		  "\"fdb_count\":2,\"ports\":[]}]\n",
		  "switch without ports: empty array");
	CHECK_OUT(switch_print, &sw, false,
		  "sw0 ifindex 5 ageing 300 fdb-max 65536 fdb-count 2\n",
		  "switch without ports: text");

	CHECK_OUT(print_port_plain, &port, true,
		  "[{\"name\":\"eth1\",\"ifindex\":9,\"switch\":\"sw0\",\"kind\":\"uplink\","
		  "\"id\":3,\"portgroup\":\"default\",\"mac\":\"02:00:00:00:00:fe\"}]\n",
		  "port JSON");
	CHECK_OUT(print_port_plain, &port, false,
		  "eth1 switch sw0 kind uplink id 3 portgroup default mac 02:00:00:00:00:fe\n",
		  "port text");

	st.drops[VSW_DROP_MTU] = 3;
	st.drops[9] = 4;
	CHECK_OUT(print_port_stats, &port, true,
		  "[{\"name\":\"eth1\",\"ifindex\":9,\"switch\":\"sw0\",\"kind\":\"uplink\","
		  "\"id\":3,\"portgroup\":\"default\",\"mac\":\"02:00:00:00:00:fe\","
		  "\"stats\":{\"rx_packets\":10,\"rx_bytes\":1000,\"tx_packets\":20,"
		  "\"tx_bytes\":5000000000,\"drops\":{\"invalid_source\":0,"
		  "\"same_port\":0,\"mtu\":3,\"nomem\":0,\"port_down\":0,"
		  "\"uplink_loop\":0,\"reason_9\":4}}}]\n",
		  "port -s JSON: stats, every known reason, unknown as reason_N");
	CHECK_OUT(print_port_stats, &port, false,
		  "eth1 switch sw0 kind uplink id 3 portgroup default mac 02:00:00:00:00:fe"
		  " rx-packets 10 rx-bytes 1000 tx-packets 20 tx-bytes 5000000000"
		  " drops invalid-source 0 same-port 0 mtu 3 nomem 0 port-down 0"
		  " uplink-loop 0 reason-9 4\n",
		  "port -s text");

	port.portgroup = NULL;
	port.attrs &= ~VSW_ATTR_BIT(VSW_A_MAC);
	port.kind = 7;
	CHECK_OUT(print_port_plain, &port, true,
		  "[{\"name\":\"eth1\",\"ifindex\":9,\"switch\":\"sw0\",\"kind\":\"kind_7\","
		  "\"id\":3,\"portgroup\":null,\"mac\":null}]\n",
		  "port JSON: absent fields are null, unknown kind");

	CHECK_OUT(fdb_print, &fdb, true,
		  "[{\"mac\":\"02:aa:bb:cc:dd:ee\",\"vlan\":42,\"port\":\"vm1\","
		  "\"static\":true,\"local\":false,\"age\":17}]\n",
		  "fdb JSON");
	CHECK_OUT(fdb_print, &fdb, false,
		  "02:aa:bb:cc:dd:ee vlan 42 port vm1 static age 17\n", "fdb text");
	fdb.port = NULL;
	fdb.flags = VSW_FDB_F_LOCAL;
	CHECK_OUT(fdb_print, &fdb, true,
		  "[{\"mac\":\"02:aa:bb:cc:dd:ee\",\"vlan\":42,\"port\":null,"
		  "\"static\":false,\"local\":true,\"age\":17}]\n",
		  "fdb JSON without a port");

	/* Monitor: one object per line, not a list. */
	ev.sw = sw;
	s = capture((void (*)(const void *))event_print, &ev, true, false);
	ok_str(s, "{\"event\":\"switch_del\",\"name\":\"sw0\",\"ifindex\":5,"
	       "\"ageing\":300,\"fdb_max\":65536,\"fdb_count\":2,\"ports\":[]}\n",
	       "monitor JSON line");
	free(s);
	ev.cmd = VSW_CMD_PORT_NEW;
	ev.type = VSW_OBJ_PORT;
	ev.port = port;
	ev.port.kind = VSW_PORT_KIND_PORT;
	s = capture((void (*)(const void *))event_print, &ev, false, false);
	ok_str(s, "port_new eth1 switch sw0 kind port id 3\n",
	       "monitor text line");
	free(s);
}

int main(void)
{
	cli_errf = fopen("/dev/null", "w");
	test_switch_parse();
	test_port_parse();
	test_fdb_parse();
	test_other_parse();
	test_output();
	fclose(cli_errf);
	return tap_done();
}
