// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vswctl without a kernel: every verb's parser on good and bad input, and
 * the text and JSON of each object printed from fixed data.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

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

	ok(parse(&cli_port, "add sw0 vm1", &r) == 0 && !r.pg &&
	   !r.portopts.portgroup, "port add without a port group");
	ok(parse(&cli_port, "add sw0 vm1 portgroup web-tier.1", &r) == 0 &&
	   !strcmp(r.sw, "sw0") && !strcmp(r.dev, "vm1") &&
	   !strcmp(r.portopts.portgroup, "web-tier.1"),
	   "port add SWITCH DEV portgroup PG");
	ok(parse(&cli_port, "set vm1 portgroup web", &r) == 0 &&
	   !strcmp(r.dev, "vm1") && !strcmp(r.portopts.portgroup, "web"),
	   "port set DEV portgroup PG");
	ok(parse(&cli_port, "set sw0 portgroup default", &r) == 0 &&
	   !strcmp(r.dev, "sw0") && !r.sw, "port set on the host port");

	ok(parse(&cli_port, "add sw0 vm1 mac 02:00:00:00:00:01", &r) == 0 &&
	   r.portopts.has_mac && !r.portopts.has_fdb_max &&
	   !memcmp(r.portopts.mac, "\x02\0\0\0\0\x01", 6),
	   "port add SWITCH DEV mac MAC");
	ok(parse(&cli_port, "add sw0 vm1 fdb-max 16 mac 0A:bb:CC:dd:ee:ff portgroup web",
		 &r) == 0 && r.portopts.has_mac && r.portopts.has_fdb_max &&
	   r.portopts.fdb_max == 16 && !strcmp(r.portopts.portgroup, "web") &&
	   !memcmp(r.portopts.mac, "\x0a\xbb\xcc\xdd\xee\xff", 6),
	   "port add: fdb-max, mac and portgroup in any order");
	ok(parse(&cli_port, "set vm1 fdb-max 0", &r) == 0 &&
	   r.portopts.has_fdb_max && r.portopts.fdb_max == 0 &&
	   !r.portopts.has_mac && !r.portopts.portgroup,
	   "port set DEV fdb-max 0 (no limit)");
	ok(parse(&cli_port, "set vm1 fdb-max 4294967295", &r) == 0 &&
	   r.portopts.fdb_max == UINT32_MAX, "port set fdb-max u32 max");
	memset(&r, 0xff, sizeof(r));
	ok(parse(&cli_port, "set vm1 mac none", &r) == 0 &&
	   r.portopts.has_mac &&
	   !memcmp(r.portopts.mac, "\0\0\0\0\0\0", 6),
	   "port set DEV mac none: all-zero MAC");
	ok(parse(&cli_port, "set vm1 mac 00:00:00:00:00:00", &r) == 0 &&
	   r.portopts.has_mac && !memcmp(r.portopts.mac, "\0\0\0\0\0\0", 6),
	   "port set: an all-zero MAC also forgets");
	ok(parse(&cli_port, "set vm1 portgroup web mac 02:00:00:00:00:02", &r) == 0 &&
	   r.portopts.has_mac && r.portopts.mac[5] == 2 &&
	   !strcmp(r.portopts.portgroup, "web"), "port set portgroup and mac");

	bad(&cli_port, "add sw0", "missing device name");
	bad(&cli_port, "add sw0 vm1 mac none",
	    "\"mac none\" is for port set (a new port has no MAC to forget)");
	bad(&cli_port, "add sw0 vm1 mac 00:00:00:00:00:00",
	    "port MAC \"00:00:00:00:00:00\" is all zeroes");
	bad(&cli_port, "add sw0 vm1 mac 01:00:5e:00:00:01",
	    "port MAC \"01:00:5e:00:00:01\" is a multicast address");
	bad(&cli_port, "set vm1 mac ff:ff:ff:ff:ff:ff",
	    "port MAC \"ff:ff:ff:ff:ff:ff\" is a multicast address");
	bad(&cli_port, "set vm1 mac 02:00:00:00:00",
	    "invalid MAC address \"02:00:00:00:00\" (xx:xx:xx:xx:xx:xx)");
	bad(&cli_port, "set vm1 mac nonE",
	    "invalid MAC address \"nonE\" (xx:xx:xx:xx:xx:xx)");
	bad(&cli_port, "set vm1 mac", "missing value after \"mac\"");
	bad(&cli_port, "set vm1 mac none mac 02:00:00:00:00:01",
	    "duplicate \"mac\"");
	bad(&cli_port, "set vm1 fdb-max 1 fdb-max 2", "duplicate \"fdb-max\"");
	bad(&cli_port, "set vm1 fdb-max -1",
	    "invalid fdb-max \"-1\" (0-4294967295)");
	bad(&cli_port, "add sw0 vm1 fdb-max 4294967296",
	    "invalid fdb-max \"4294967296\" (0-4294967295)");
	bad(&cli_port, "add sw0 vm1 fdb-max", "missing value after \"fdb-max\"");
	bad(&cli_uplink, "add sw0 eth1 fdb-max 5", "unexpected argument \"fdb-max\"");
	bad(&cli_port, "add sw0 vm1 vlan 5", "unknown argument \"vlan\"");
	bad(&cli_port, "add sw0 vm1 portgroup", "missing value after \"portgroup\"");
	bad(&cli_port, "add sw0 vm1 portgroup a portgroup b",
	    "duplicate \"portgroup\"");
	bad(&cli_port, "add sw0 vm1 portgroup "
	    "a123456789b123456789c123456789d123456789e123456789f123456789wxyz",
	    "invalid port group name \"a123456789b123456789c123456789d123456789"
	    "e123456789f123456789wxyz\" (1-63 printable characters, no spaces)");
	bad(&cli_port, "set vm1 portgroup \x7f",
	    "invalid port group name \"\x7f\" (1-63 printable characters, no spaces)");
	bad(&cli_port, "set vm1", "nothing to set (portgroup PG, mac MAC, fdb-max N)");
	bad(&cli_uplink, "add sw0 eth1 portgroup web",
	    "uplinks carry every VLAN and have no port group");
	bad(&cli_uplink, "add sw0 eth1 mac 02:00:00:00:00:01",
	    "unexpected argument \"mac\"");
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
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09",
	    "missing \"port DEV\" or \"remote IP vni N\"");
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 vlan 5000 port vm1",
	    "invalid VLAN \"5000\" (0-4094)");
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 vlan 4095 port vm1",
	    "invalid VLAN \"4095\" (0-4094)");
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 vlan 1x port vm1",
	    "invalid VLAN \"1x\" (0-4094)");
	ok(parse(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 vlan 100 remote 198.51.100.2 vni 5000",
		 &r) == 0 && r.has_remote && r.has_vni && r.vni == 5000 &&
	   r.vlan == 100 && !r.dev && r.remote.family == AF_INET &&
	   !memcmp(r.remote.addr, "\xc6\x33\x64\x02", 4),
	   "fdb add remote IP vni N");
	ok(parse(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 vni 16777215 remote 2001:db8::2",
		 &r) == 0 && r.remote.family == AF_INET6 &&
	   r.vni == VSW_VXLAN_VNI_MAX && r.vlan == -1,
	   "fdb add: vni before remote, IPv6 remote, largest VNI");
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 remote 192.0.2.1",
	    "\"remote\" needs \"vni N\"");
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 vni 5",
	    "\"vni\" needs \"remote IP\"");
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 port vm1 remote 192.0.2.1 vni 5",
	    "\"port\" and \"remote\" cannot be combined");
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 vni 5 port vm1",
	    "\"port\" and \"vni\" cannot be combined");
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 remote 192.0.2.300 vni 5",
	    "invalid remote address \"192.0.2.300\" (IPv4 or IPv6)");
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 remote 239.1.1.1 vni 5",
	    "remote address 239.1.1.1 is not a unicast address");
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 remote :: vni 5",
	    "remote address :: is not a unicast address");
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 remote 192.0.2.1 vni 0",
	    "invalid VNI \"0\" (1-16777215)");
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 remote 192.0.2.1 vni 16777216",
	    "invalid VNI \"16777216\" (1-16777215)");
	bad(&cli_fdb, "add sw0 02:ab:cd:ef:00:09 remote 192.0.2.1 remote 192.0.2.2",
	    "duplicate \"remote\"");
	bad(&cli_fdb, "show sw0 remote 192.0.2.1", "unknown argument \"remote\"");
	bad(&cli_fdb, "flush sw0 vni 5", "unknown argument \"vni\"");
	bad(&cli_fdb, "del sw0 02:ab:cd:ef:00:09 vni 5", "unknown argument \"vni\"");
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

static bool only_vlans(const uint8_t *bm, const unsigned int *vids)
{
	uint8_t want[VSW_VLAN_BITMAP_LEN] = { 0 };

	for (; *vids; vids++)
		vsw_vlan_bitmap_set(want, *vids);
	return !memcmp(bm, want, sizeof(want));
}

static void test_portgroup_parse(void)
{
	struct cli_req r;

	ok(parse(&cli_portgroup, "add sw0 web", &r) == 0 &&
	   !strcmp(r.pgopts.sw, "sw0") && !strcmp(r.pgopts.name, "web") &&
	   !r.pgopts.has_vlan && !r.pgopts.has_trunk && !r.pgopts.has_native,
	   "portgroup add SWITCH NAME");
	ok(parse(&cli_portgroup, "add sw0 web vlan 0", &r) == 0 &&
	   r.pgopts.has_vlan && r.pgopts.vlan == 0, "vlan 0");
	ok(parse(&cli_portgroup, "add sw0 web vlan 4094", &r) == 0 &&
	   r.pgopts.vlan == 4094, "vlan 4094");
	ok(parse(&cli_portgroup, "set sw0 web vlan 4095", &r) == 0 &&
	   r.pgopts.has_vlan && r.pgopts.vlan == 4095 && !r.pgopts.has_trunk,
	   "vlan 4095 (trunk of all)");
	ok(parse(&cli_portgroup, "add sw0 t trunk 10,20-30 native 30", &r) == 0 &&
	   r.pgopts.has_trunk && r.pgopts.has_native && r.pgopts.native == 30 &&
	   !r.pgopts.has_vlan &&
	   only_vlans(r.pgopts.trunk, (const unsigned int[]){
		10, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 0 }),
	   "trunk LIST native ID");
	ok(parse(&cli_portgroup, "add sw0 t native 1 trunk 4094,1", &r) == 0 &&
	   r.pgopts.native == 1 &&
	   only_vlans(r.pgopts.trunk, (const unsigned int[]){ 1, 4094, 0 }),
	   "native before trunk, edges 1 and 4094, any order");
	ok(parse(&cli_portgroup, "set sw0 t native 20", &r) == 0 &&
	   r.pgopts.has_native && !r.pgopts.has_trunk,
	   "set native alone (checked by the kernel)");
	memset(&r, 0xff, sizeof(r));
	ok(parse(&cli_portgroup, "set sw0 t native none", &r) == 0 &&
	   r.pgopts.has_native && r.pgopts.native == 0 && !r.pgopts.has_trunk,
	   "set native none: native 0 (the list keeps no untagged VLAN)");
	ok(parse(&cli_portgroup, "set sw0 t trunk 30 native none", &r) == 0 &&
	   r.pgopts.has_native && r.pgopts.native == 0 && r.pgopts.has_trunk,
	   "set trunk LIST native none");
	ok(parse(&cli_portgroup, "set sw0 t trunk 1-4094", &r) == 0 &&
	   !vsw_vlan_bitmap_test(r.pgopts.trunk, 0) &&
	   !vsw_vlan_bitmap_test(r.pgopts.trunk, 4095) &&
	   vsw_vlan_bitmap_test(r.pgopts.trunk, 1) &&
	   vsw_vlan_bitmap_test(r.pgopts.trunk, 4094), "trunk 1-4094");
	ok(parse(&cli_portgroup, "del sw0 web", &r) == 0 &&
	   !strcmp(r.sw, "sw0") && !strcmp(r.pg, "web"), "portgroup del");
	ok(parse(&cli_portgroup, "show sw0", &r) == 0 && !r.pg,
	   "portgroup show SWITCH");
	ok(parse(&cli_portgroup, "show sw0 web", &r) == 0 &&
	   !strcmp(r.pg, "web"), "portgroup show SWITCH NAME");
	ok(parse(&cli_portgroup, "", &r) != 0 &&
	   !strcmp(cli_errbuf, "missing switch name"),
	   "portgroup alone is show, which needs a switch");
	ok(parse(&cli_portgroup, "add sw0 Web_tier:1/a", &r) == 0,
	   "port group names take ':' and '/'");
	ok(parse(&cli_portgroup, "add sw0 web", &r) == 0 &&
	   !r.pgopts.has_promisc && !r.pgopts.has_mac_change &&
	   !r.pgopts.has_forged_transmits && !r.pgopts.has_shaping,
	   "add without policies sends none");
	ok(parse(&cli_portgroup, "add sw0 web vlan 10 promisc on mac-change off "
		 "forged-transmits on", &r) == 0 && r.pgopts.has_vlan &&
	   r.pgopts.has_promisc && r.pgopts.promisc &&
	   r.pgopts.has_mac_change && !r.pgopts.mac_change &&
	   r.pgopts.has_forged_transmits && r.pgopts.forged_transmits &&
	   !r.pgopts.has_shaping, "security policies on and off");
	ok(parse(&cli_portgroup, "set sw0 web mac-change on", &r) == 0 &&
	   !r.pgopts.has_promisc && r.pgopts.has_mac_change &&
	   r.pgopts.mac_change && !r.pgopts.has_vlan,
	   "set one policy alone");
	ok(parse(&cli_portgroup, "add sw0 web shaping avg 1000 peak 2000 burst 100",
		 &r) == 0 && r.pgopts.has_shaping &&
	   r.pgopts.shaping.avg_kbit == 1000 &&
	   r.pgopts.shaping.peak_kbit == 2000 &&
	   r.pgopts.shaping.burst_kb == 100, "shaping avg peak burst");
	ok(parse(&cli_portgroup, "set sw0 web shaping burst 1048576 avg 5 peak 5 "
		 "promisc off vlan 3", &r) == 0 && r.pgopts.has_shaping &&
	   r.pgopts.shaping.avg_kbit == 5 && r.pgopts.shaping.peak_kbit == 5 &&
	   r.pgopts.shaping.burst_kb == 1048576 && r.pgopts.has_promisc &&
	   !r.pgopts.promisc && r.pgopts.has_vlan && r.pgopts.vlan == 3,
	   "shaping values in any order, peak == avg, burst max, then more");
	ok(parse(&cli_portgroup, "set sw0 web shaping avg 4294967295 peak 4294967295 burst 1",
		 &r) == 0 && r.pgopts.shaping.avg_kbit == UINT32_MAX,
	   "shaping u32 max rates");
	memset(&r, 0xff, sizeof(r));
	ok(parse(&cli_portgroup, "set sw0 web shaping off", &r) == 0 &&
	   r.pgopts.has_shaping && !r.pgopts.shaping.avg_kbit &&
	   !r.pgopts.shaping.peak_kbit && !r.pgopts.shaping.burst_kb,
	   "shaping off: all zero");

	bad(&cli_portgroup, "frob sw0",
	    "unknown verb \"frob\" for \"portgroup\" (try \"vswctl portgroup help\")");
	bad(&cli_portgroup, "add sw0", "missing port group name");
	bad(&cli_portgroup, "del sw0", "missing port group name");
	bad(&cli_portgroup, "del sw0 web x", "unexpected argument \"x\"");
	bad(&cli_portgroup, "show sw0 web x", "unexpected argument \"x\"");
	bad(&cli_portgroup, "add a/b web",
	    "invalid switch name \"a/b\" (1-15 characters, no '/', ':' or spaces)");
	bad(&cli_portgroup, "add sw0 "
	    "a123456789b123456789c123456789d123456789e123456789f123456789wxyz",
	    "invalid port group name \"a123456789b123456789c123456789d123456789"
	    "e123456789f123456789wxyz\" (1-63 printable characters, no spaces)");
	bad(&cli_portgroup, "add sw0 w\x01",
	    "invalid port group name \"w\x01\" (1-63 printable characters, no spaces)");
	bad(&cli_portgroup, "set sw0 web",
	    "nothing to set (vlan ID, trunk LIST, native ID, promisc, mac-change, forged-transmits, shaping)");
	bad(&cli_portgroup, "add sw0 web vlan 4096", "invalid VLAN \"4096\" (0-4095)");
	bad(&cli_portgroup, "add sw0 web vlan -1", "invalid VLAN \"-1\" (0-4095)");
	bad(&cli_portgroup, "add sw0 web vlan", "missing value after \"vlan\"");
	bad(&cli_portgroup, "add sw0 web vlan 1 vlan 2", "duplicate \"vlan\"");
	bad(&cli_portgroup, "add sw0 web trunk 1 trunk 2", "duplicate \"trunk\"");
	bad(&cli_portgroup, "add sw0 web vlan 5 trunk 10",
	    "\"vlan\" and \"trunk\" cannot be combined");
	bad(&cli_portgroup, "set sw0 web trunk 10 vlan 5",
	    "\"vlan\" and \"trunk\" cannot be combined");
	bad(&cli_portgroup, "set sw0 web vlan 5 native 5",
	    "\"vlan\" and \"native\" cannot be combined (a native VLAN goes with a trunk list)");
	bad(&cli_portgroup, "add sw0 web native 5", "\"native\" needs \"trunk LIST\"");
	bad(&cli_portgroup, "add sw0 t trunk 10,20-29 native 30",
	    "native VLAN 30 is not in the trunk list");
	bad(&cli_portgroup, "add sw0 t trunk 10 native none",
	    "\"native none\" is for portgroup set (a new group has no native VLAN)");
	bad(&cli_portgroup, "set sw0 t vlan 10 native none",
	    "\"vlan\" and \"native\" cannot be combined (a native VLAN goes with a trunk list)");
	bad(&cli_portgroup, "set sw0 t trunk 10 native 0",
	    "invalid native VLAN \"0\" (1-4094)");
	bad(&cli_portgroup, "set sw0 t trunk 10 native 4095",
	    "invalid native VLAN \"4095\" (1-4094)");
	bad(&cli_portgroup, "add sw0 web promisc maybe",
	    "invalid value \"maybe\" for \"promisc\" (on|off)");
	bad(&cli_portgroup, "add sw0 web mac-change ON",
	    "invalid value \"ON\" for \"mac-change\" (on|off)");
	bad(&cli_portgroup, "set sw0 web forged-transmits 1",
	    "invalid value \"1\" for \"forged-transmits\" (on|off)");
	bad(&cli_portgroup, "set sw0 web promisc", "missing value after \"promisc\"");
	bad(&cli_portgroup, "set sw0 web promisc on promisc off",
	    "duplicate \"promisc\"");
	bad(&cli_portgroup, "set sw0 web shaping", "missing value after \"shaping\"");
	bad(&cli_portgroup, "set sw0 web shaping on",
	    "invalid value \"on\" for \"shaping\" (off, or avg KBIT peak KBIT burst KB)");
	bad(&cli_portgroup, "set sw0 web shaping avg 1000 peak 2000",
	    "shaping needs avg, peak and burst");
	bad(&cli_portgroup, "set sw0 web shaping burst 10 vlan 5",
	    "shaping needs avg, peak and burst");
	bad(&cli_portgroup, "add sw0 web shaping avg 1000 peak 500 burst 100",
	    "peak (500) is below avg (1000)");
	bad(&cli_portgroup, "add sw0 web shaping avg 0 peak 500 burst 100",
	    "invalid avg \"0\" (1-4294967295)");
	bad(&cli_portgroup, "add sw0 web shaping avg 10 peak 0 burst 100",
	    "invalid peak \"0\" (1-4294967295)");
	bad(&cli_portgroup, "add sw0 web shaping avg 10 peak 10 burst 0",
	    "invalid burst \"0\" (1-1048576)");
	bad(&cli_portgroup, "add sw0 web shaping avg 10 peak 10 burst 1048577",
	    "invalid burst \"1048577\" (1-1048576)");
	bad(&cli_portgroup, "add sw0 web shaping avg 10k peak 10 burst 1",
	    "invalid avg \"10k\" (1-4294967295)");
	bad(&cli_portgroup, "add sw0 web shaping avg 1 avg 2 peak 2 burst 1",
	    "duplicate \"avg\"");
	bad(&cli_portgroup, "add sw0 web shaping avg 1 peak 2 burst",
	    "missing value after \"burst\"");
	bad(&cli_portgroup, "set sw0 web shaping off shaping off",
	    "duplicate \"shaping\"");
	bad(&cli_portgroup, "set sw0 web shaping off avg 5",
	    "unknown argument \"avg\"");
	bad(&cli_portgroup, "set sw0 web avg 5", "unknown argument \"avg\"");
	bad(&cli_portgroup, "add sw0 web colour blue", "unknown argument \"colour\"");

	/* Every malformed trunk list, named in the message. */
	static const char *const trunks[][2] = {
		{ "10-", "invalid item \"10-\" (VLAN or range A-B)" },
		{ "-5", "invalid item \"-5\" (VLAN or range A-B)" },
		{ "30-20", "range \"30-20\" ends before it starts" },
		{ "10,,20", "item 2 is empty" },
		{ "10,", "item 2 is empty" },
		{ ",10", "item 1 is empty" },
		{ "abc", "invalid item \"abc\" (VLAN or range A-B)" },
		{ "10,1x", "invalid item \"1x\" (VLAN or range A-B)" },
		{ "+5", "invalid item \"+5\" (VLAN or range A-B)" },
		{ "0x10", "invalid item \"0x10\" (VLAN or range A-B)" },
		{ "10-20-30", "invalid item \"10-20-30\" (VLAN or range A-B)" },
		{ "5--6", "invalid item \"5--6\" (VLAN or range A-B)" },
		{ "-", "invalid item \"-\" (VLAN or range A-B)" },
		{ "0", "VLAN 0 is out of range (1-4094)" },
		{ "1-4095", "VLAN 4095 is out of range (1-4094)" },
		{ "0-abc", "invalid item \"0-abc\" (VLAN or range A-B)" },
		{ "99999999999999999999", "VLAN 99999999999999999999 is out of range (1-4094)" },
		{ "10-20,15", "VLAN 15 is listed twice" },
		{ "10,10", "VLAN 10 is listed twice" },
		{ "10-20,5-10", "VLAN 10 is listed twice" },
		{ "1-4094,4094", "VLAN 4094 is listed twice" },
	};
	char line[96], err[192];
	size_t i;

	for (i = 0; i < sizeof(trunks) / sizeof(trunks[0]); i++) {
		snprintf(line, sizeof(line), "add sw0 t trunk %s", trunks[i][0]);
		snprintf(err, sizeof(err), "trunk list \"%s\": %s",
			 trunks[i][0], trunks[i][1]);
		bad(&cli_portgroup, line, err);
	}

	/* An empty word cannot come through parse()'s splitting. */
	{
		uint8_t bm[VSW_VLAN_BITMAP_LEN];

		cli_errbuf[0] = '\0';
		ok(cli_parse_trunk("", bm) != 0, "empty trunk list refused");
		ok_str(cli_errbuf, "empty trunk list", "empty trunk list message");
		ok(cli_parse_pgname("a b") != 0 && cli_parse_pgname("") != 0 &&
		   cli_parse_pgname("a\tb") != 0 && cli_parse_pgname("x") == 0,
		   "port group names: no spaces, not empty");
	}
}

/* Parse a trunk list and format it back. */
static void roundtrip(const char *in, const char *want)
{
	uint8_t bm[VSW_VLAN_BITMAP_LEN];
	char s[VSW_VLAN_LIST_STRLEN];

	if (!ok(cli_parse_trunk(in, bm) == 0, "trunk \"%s\" parses", in))
		return;
	vsw_vlan_bitmap_format(bm, s, sizeof(s));
	ok_str(s, want, "trunk \"%s\" formats as \"%s\"", in, want);
}

static void test_trunk_roundtrip(void)
{
	uint8_t bm[VSW_VLAN_BITMAP_LEN], back[VSW_VLAN_BITMAP_LEN];
	char s[VSW_VLAN_LIST_STRLEN];
	uint32_t x = 12345;
	unsigned int v, pass;

	roundtrip("10", "10");
	roundtrip("10,20-30", "10,20-30");
	roundtrip("30,10,20-25", "10,20-25,30");
	roundtrip("5,6,7", "5-7");
	roundtrip("10-10", "10");
	roundtrip("10-11", "10-11");
	roundtrip("1-4094", "1-4094");
	roundtrip("4094,1", "1,4094");
	roundtrip("010,0020", "10,20");
	roundtrip("1-9,11-19", "1-9,11-19");
	roundtrip("1-9,10", "1-10");

	/* Bitmap -> string -> bitmap, for random sets and the longest list. */
	for (pass = 0; pass < 4; pass++) {
		memset(bm, 0, sizeof(bm));
		for (v = 1; v <= VSW_VLAN_MAX; v++) {
			x = x * 1103515245 + 12345;
			if (pass == 3 ? v % 3 != 0 : (x >> 16) % (pass + 2) == 0)
				vsw_vlan_bitmap_set(bm, v);
		}
		vsw_vlan_bitmap_format(bm, s, sizeof(s));
		ok(cli_parse_trunk(s, back) == 0 && !memcmp(bm, back, sizeof(bm)),
		   "bitmap -> \"%.20s...\" (%zu bytes) -> same bitmap", s,
		   strlen(s));
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
			 VSW_ATTR_BIT(VSW_A_PORT_ID) | VSW_ATTR_BIT(VSW_A_MAC) |
			 VSW_ATTR_BIT(VSW_A_PORT_FDB_MAX) |
			 VSW_ATTR_BIT(VSW_A_PORT_FDB_COUNT),
		.switch_name = "sw0", .ifindex = 9, .name = "eth1",
		.kind = VSW_PORT_KIND_UPLINK, .id = 3, .portgroup = "default",
		.mac = { 0x02, 0, 0, 0, 0, 0xfe }, .stats = &st,
		.fdb_max = 0, .fdb_count = 7,
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

	/* An uplink: the device's address, no port MAC. */
	CHECK_OUT(print_port_plain, &port, true,
		  "[{\"name\":\"eth1\",\"ifindex\":9,\"switch\":\"sw0\",\"kind\":\"uplink\","
		  "\"id\":3,\"portgroup\":\"default\",\"dev_mac\":\"02:00:00:00:00:fe\","
		  "\"mac\":null,\"mac_admin\":false,\"fdb_max\":0,\"fdb_count\":7}]\n",
		  "port JSON: dev_mac, mac null when unknown");
	CHECK_OUT(print_port_plain, &port, false,
		  "eth1 switch sw0 kind uplink id 3 portgroup default dev-mac 02:00:00:00:00:fe"
		  " fdb-max 0 fdb-count 7\n",
		  "port text without a port MAC");

	st.drops[VSW_DROP_MTU] = 3;
	st.drops[VSW_DROP_VLAN] = 5;
	st.drops[VSW_DROP_LINK_LOCAL] = 6;
	st.drops[VSW_DROP_FORGED] = 8;
	st.drops[VSW_DROP_FDB_LIMIT] = 9;
	st.drops[30] = 4;
	st.fdb_moves = 11;
	st.fdb_flaps = 2;
	CHECK_OUT(print_port_stats, &port, true,
		  "[{\"name\":\"eth1\",\"ifindex\":9,\"switch\":\"sw0\",\"kind\":\"uplink\","
		  "\"id\":3,\"portgroup\":\"default\",\"dev_mac\":\"02:00:00:00:00:fe\","
		  "\"mac\":null,\"mac_admin\":false,\"fdb_max\":0,\"fdb_count\":7,"
		  "\"stats\":{\"rx_packets\":10,\"rx_bytes\":1000,\"tx_packets\":20,"
		  "\"tx_bytes\":5000000000,\"fdb_moves\":11,\"fdb_flaps\":2,"
		  "\"drops\":{\"invalid_source\":0,"
		  "\"same_port\":0,\"mtu\":3,\"nomem\":0,\"port_down\":0,"
		  "\"uplink_loop\":0,\"malformed\":0,\"vlan\":5,\"link_local\":6,"
		  "\"forged\":8,\"mac_change\":0,\"shaping\":0,\"fdb_limit\":9,"
		  "\"team_inactive\":0,\"team_loop\":0,\"team_duplicate\":0,"
		  "\"vxlan_header\":0,\"vxlan_vni\":0,\"vxlan_route\":0,\"ecn\":0,"
		  "\"reason_30\":4}}}]\n",
		  "port -s JSON: stats, moves and flaps, every known reason, unknown as reason_N");
	CHECK_OUT(print_port_stats, &port, false,
		  "eth1 switch sw0 kind uplink id 3 portgroup default dev-mac 02:00:00:00:00:fe"
		  " fdb-max 0 fdb-count 7"
		  " rx-packets 10 rx-bytes 1000 tx-packets 20 tx-bytes 5000000000"
		  " fdb-moves 11 fdb-flaps 2"
		  " drops invalid-source 0 same-port 0 mtu 3 nomem 0 port-down 0"
		  " uplink-loop 0 malformed 0 vlan 5 link-local 6 forged 8 mac-change 0"
		  " shaping 0 fdb-limit 9 team-inactive 0 team-loop 0 team-duplicate 0"
		  " vxlan-header 0 vxlan-vni 0 vxlan-route 0 ecn 0 reason-30 4\n",
		  "port -s text");

	/* A VM's port: its own MAC, set by the admin or learned. */
	{
		struct vsw_port vm = {
			.attrs = VSW_ATTR_BIT(VSW_A_PORT_KIND) |
				 VSW_ATTR_BIT(VSW_A_MAC) |
				 VSW_ATTR_BIT(VSW_A_PORT_MAC) |
				 VSW_ATTR_BIT(VSW_A_PORT_MAC_ADMIN) |
				 VSW_ATTR_BIT(VSW_A_PORT_FDB_MAX) |
				 VSW_ATTR_BIT(VSW_A_PORT_FDB_COUNT),
			.switch_name = "sw0", .name = "vm1",
			.kind = VSW_PORT_KIND_PORT, .portgroup = "web",
			.mac = { 0xfe, 0, 0, 0, 0, 1 },
			.port_mac = { 0x02, 0, 0, 0, 0, 0x0a },
			.mac_admin = true, .fdb_max = 0, .fdb_count = 1,
		};

		CHECK_OUT(print_port_plain, &vm, true,
			  "[{\"name\":\"vm1\",\"switch\":\"sw0\",\"kind\":\"port\","
			  "\"portgroup\":\"web\",\"dev_mac\":\"fe:00:00:00:00:01\","
			  "\"mac\":\"02:00:00:00:00:0a\",\"mac_admin\":true,"
			  "\"fdb_max\":0,\"fdb_count\":1}]\n",
			  "port JSON: the port's MAC, set by the admin");
		CHECK_OUT(print_port_plain, &vm, false,
			  "vm1 switch sw0 kind port portgroup web dev-mac fe:00:00:00:00:01"
			  " mac 02:00:00:00:00:0a (admin) fdb-max 0 fdb-count 1\n",
			  "port text: mac MAC (admin)");
		vm.mac_admin = false;
		vm.attrs &= ~VSW_ATTR_BIT(VSW_A_PORT_MAC_ADMIN);
		vm.fdb_max = 64;
		CHECK_OUT(print_port_plain, &vm, false,
			  "vm1 switch sw0 kind port portgroup web dev-mac fe:00:00:00:00:01"
			  " mac 02:00:00:00:00:0a fdb-max 64 fdb-count 1\n",
			  "port text: a learned MAC has no (admin)");
		CHECK_OUT(print_port_plain, &vm, true,
			  "[{\"name\":\"vm1\",\"switch\":\"sw0\",\"kind\":\"port\","
			  "\"portgroup\":\"web\",\"dev_mac\":\"fe:00:00:00:00:01\","
			  "\"mac\":\"02:00:00:00:00:0a\",\"mac_admin\":false,"
			  "\"fdb_max\":64,\"fdb_count\":1}]\n",
			  "port JSON: a learned MAC");
	}

	port.portgroup = NULL;
	port.attrs &= ~(VSW_ATTR_BIT(VSW_A_MAC) |
			VSW_ATTR_BIT(VSW_A_PORT_FDB_MAX) |
			VSW_ATTR_BIT(VSW_A_PORT_FDB_COUNT));
	port.kind = 7;
	CHECK_OUT(print_port_plain, &port, true,
		  "[{\"name\":\"eth1\",\"ifindex\":9,\"switch\":\"sw0\",\"kind\":\"kind_7\","
		  "\"id\":3,\"portgroup\":null,\"dev_mac\":null,\"mac\":null,"
		  "\"mac_admin\":false,\"fdb_max\":null,\"fdb_count\":null}]\n",
		  "port JSON: absent fields are null, unknown kind");

	CHECK_OUT(fdb_print, &fdb, true,
		  "[{\"mac\":\"02:aa:bb:cc:dd:ee\",\"vlan\":42,\"port\":\"vm1\","
		  "\"remote\":null,\"vni\":null,\"static\":true,\"local\":false,"
		  "\"age\":17}]\n",
		  "fdb JSON: remote and vni null for a port's entry");
	CHECK_OUT(fdb_print, &fdb, false,
		  "02:aa:bb:cc:dd:ee vlan 42 port vm1 static age 17\n", "fdb text");
	fdb.port = NULL;
	fdb.flags = VSW_FDB_F_LOCAL;
	CHECK_OUT(fdb_print, &fdb, true,
		  "[{\"mac\":\"02:aa:bb:cc:dd:ee\",\"vlan\":42,\"port\":null,"
		  "\"remote\":null,\"vni\":null,\"static\":false,\"local\":true,"
		  "\"age\":17}]\n",
		  "fdb JSON without a port");

	/* Behind a remote VTEP: remote and VNI in place of the port. */
	fdb.attrs |= VSW_ATTR_BIT(VSW_A_VXLAN_REMOTE) |
		     VSW_ATTR_BIT(VSW_A_VXLAN_VNI);
	fdb.flags = VSW_FDB_F_STATIC;
	fdb.remote = (struct vsw_addr){ AF_INET, { 198, 51, 100, 2 } };
	fdb.vni = 5000;
	CHECK_OUT(fdb_print, &fdb, true,
		  "[{\"mac\":\"02:aa:bb:cc:dd:ee\",\"vlan\":42,\"port\":null,"
		  "\"remote\":\"198.51.100.2\",\"vni\":5000,\"static\":true,"
		  "\"local\":false,\"age\":17}]\n",
		  "fdb JSON behind a remote VTEP: port null, remote, vni");
	CHECK_OUT(fdb_print, &fdb, false,
		  "02:aa:bb:cc:dd:ee vlan 42 remote 198.51.100.2 vni 5000 static age 17\n",
		  "fdb text behind a remote VTEP");
	fdb.remote = (struct vsw_addr){ AF_INET6, { 0x20, 0x01, 0x0d, 0xb8 } };
	fdb.remote.addr[15] = 2;
	fdb.flags = 0;
	CHECK_OUT(fdb_print, &fdb, false,
		  "02:aa:bb:cc:dd:ee vlan 42 remote 2001:db8::2 vni 5000 age 17\n",
		  "fdb text: a learned entry behind an IPv6 VTEP");

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

/* Every reason of the ABI has a name, so its key is always there. */
static void test_drop_names(void)
{
	char buf[24];
	unsigned int r;
	bool named = true;

	for (r = 1; r <= VSW_DROP_MAX; r++) {
		const char *text = drop_reason_name(r, false, buf, sizeof(buf));
		const char *json = drop_reason_name(r, true, buf, sizeof(buf));

		if (!strncmp(text, "reason", 6) || !strncmp(json, "reason", 6) ||
		    strchr(json, '-')) {
			printf("# drop reason %u has no name\n", r);
			named = false;
		}
	}
	ok(named, "all %d drop reasons of the ABI are named", VSW_DROP_MAX);
	ok_str(drop_reason_name(VSW_DROP_MALFORMED, true, buf, sizeof(buf)),
	       "malformed", "malformed: JSON key");
	ok_str(drop_reason_name(VSW_DROP_VLAN, false, buf, sizeof(buf)),
	       "vlan", "vlan: text");
	ok_str(drop_reason_name(VSW_DROP_LINK_LOCAL, true, buf, sizeof(buf)),
	       "link_local", "link-local: JSON key in snake_case");
	ok_str(drop_reason_name(VSW_DROP_FORGED, false, buf, sizeof(buf)),
	       "forged", "forged: text");
	ok_str(drop_reason_name(VSW_DROP_MAC_CHANGE, false, buf, sizeof(buf)),
	       "mac-change", "mac-change: text");
	ok_str(drop_reason_name(VSW_DROP_MAC_CHANGE, true, buf, sizeof(buf)),
	       "mac_change", "mac-change: JSON key");
	ok_str(drop_reason_name(VSW_DROP_SHAPING, true, buf, sizeof(buf)),
	       "shaping", "shaping: JSON key");
	ok_str(drop_reason_name(VSW_DROP_FDB_LIMIT, false, buf, sizeof(buf)),
	       "fdb-limit", "fdb-limit: text");
	ok_str(drop_reason_name(VSW_DROP_FDB_LIMIT, true, buf, sizeof(buf)),
	       "fdb_limit", "fdb-limit: JSON key");
	ok_str(drop_reason_name(VSW_DROP_VXLAN_HEADER, false, buf, sizeof(buf)),
	       "vxlan-header", "vxlan-header: text");
	ok_str(drop_reason_name(VSW_DROP_VXLAN_VNI, true, buf, sizeof(buf)),
	       "vxlan_vni", "vxlan-vni: JSON key");
	ok_str(drop_reason_name(VSW_DROP_VXLAN_ROUTE, false, buf, sizeof(buf)),
	       "vxlan-route", "vxlan-route: text");
	ok_str(drop_reason_name(VSW_DROP_VXLAN_ROUTE, true, buf, sizeof(buf)),
	       "vxlan_route", "vxlan-route: JSON key");
	ok_str(drop_reason_name(VSW_DROP_ECN, true, buf, sizeof(buf)),
	       "ecn", "ecn: JSON key");
	ok_str(drop_reason_name(60, false, buf, sizeof(buf)), "reason-60",
	       "unknown reason: reason-N in text");
	ok_str(drop_reason_name(60, true, buf, sizeof(buf)), "reason_60",
	       "unknown reason: reason_N in JSON");
}

static void test_portgroup_output(void)
{
	static const char *const ports[] = { "vm1", "vm2" };
	struct vsw_portgroup pg = {
		.switch_name = "sw0", .name = "web", .mode = VSW_PG_MODE_ACCESS,
		.vlan = 10, .n_ports = 2, .ports = ports,
	};
	struct vsw_event ev = { .cmd = VSW_CMD_PORTGROUP_NEW,
				.type = VSW_OBJ_PORTGROUP };
	unsigned int v;
	char *s;

	CHECK_OUT(portgroup_print, &pg, true,
		  "[{\"name\":\"web\",\"switch\":\"sw0\",\"vlan\":10,\"mode\":\"access\","
		  "\"trunk\":null,\"native\":null,\"security\":null,\"shaping\":null,"
		  "\"ports\":[\"vm1\",\"vm2\"]}]\n",
		  "access port group JSON");
	CHECK_OUT(portgroup_print, &pg, false,
		  "web switch sw0 vlan 10 ports vm1 vm2\n", "access port group text");

	pg.mode = VSW_PG_MODE_TRUNK_ALL;
	pg.vlan = 4095;
	CHECK_OUT(portgroup_print, &pg, true,
		  "[{\"name\":\"web\",\"switch\":\"sw0\",\"vlan\":4095,\"mode\":\"trunk-all\","
		  "\"trunk\":null,\"native\":null,\"security\":null,\"shaping\":null,"
		  "\"ports\":[\"vm1\",\"vm2\"]}]\n",
		  "trunk-all JSON");
	CHECK_OUT(portgroup_print, &pg, false,
		  "web switch sw0 vlan 4095 (trunk-all) ports vm1 vm2\n",
		  "trunk-all text");

	pg.name = "default";
	pg.mode = VSW_PG_MODE_NONE;
	pg.vlan = 0;
	pg.n_ports = 0;
	CHECK_OUT(portgroup_print, &pg, true,
		  "[{\"name\":\"default\",\"switch\":\"sw0\",\"vlan\":0,\"mode\":\"none\","
		  "\"trunk\":null,\"native\":null,\"security\":null,\"shaping\":null,"
		  "\"ports\":[]}]\n",
		  "VLAN 0 without ports: JSON");
	CHECK_OUT(portgroup_print, &pg, false, "default switch sw0 vlan 0\n",
		  "VLAN 0 without ports: text");

	pg.name = "trunk";
	pg.mode = VSW_PG_MODE_TRUNK_LIST;
	pg.native = 30;
	pg.n_ports = 1;
	vsw_vlan_bitmap_set(pg.trunk, 10);
	for (v = 20; v <= 30; v++)
		vsw_vlan_bitmap_set(pg.trunk, v);
	CHECK_OUT(portgroup_print, &pg, true,
		  "[{\"name\":\"trunk\",\"switch\":\"sw0\",\"vlan\":null,\"mode\":\"trunk-list\","
		  "\"trunk\":\"10,20-30\",\"native\":30,\"security\":null,\"shaping\":null,"
		  "\"ports\":[\"vm1\"]}]\n",
		  "trunk list JSON: vlan null, trunk as typed");
	CHECK_OUT(portgroup_print, &pg, false,
		  "trunk switch sw0 trunk 10,20-30 native 30 ports vm1\n",
		  "trunk list text");
	pg.native = 0;
	pg.switch_name = NULL;
	CHECK_OUT(portgroup_print, &pg, true,
		  "[{\"name\":\"trunk\",\"switch\":null,\"vlan\":null,\"mode\":\"trunk-list\","
		  "\"trunk\":\"10,20-30\",\"native\":null,\"security\":null,\"shaping\":null,"
		  "\"ports\":[\"vm1\"]}]\n",
		  "trunk list without native or switch: nulls");
	CHECK_OUT(portgroup_print, &pg, false, "trunk trunk 10,20-30 ports vm1\n",
		  "trunk list without native: text");

	/* Security policies and shaping, as the kernel reports them. */
	{
		static const char *const vm1[] = { "vm1" };
		struct vsw_portgroup p = {
			.attrs = VSW_ATTR_BIT(VSW_A_PG_PROMISC) |
				 VSW_ATTR_BIT(VSW_A_PG_MAC_CHANGE) |
				 VSW_ATTR_BIT(VSW_A_PG_FORGED_TRANSMITS) |
				 VSW_ATTR_BIT(VSW_A_PG_SHAPING),
			.switch_name = "sw0", .name = "web",
			.mode = VSW_PG_MODE_ACCESS, .vlan = 10,
			.n_ports = 1, .ports = vm1, .shaping_on = true,
			.shaping = { .avg_kbit = 1000, .peak_kbit = 2000,
				     .burst_kb = 100 },
		};

		CHECK_OUT(portgroup_print, &p, false,
			  "web switch sw0 vlan 10 promisc off mac-change off "
			  "forged-transmits off shaping avg 1000 peak 2000 burst 100 "
			  "ports vm1\n", "policies and shaping: text");
		CHECK_OUT(portgroup_print, &p, true,
			  "[{\"name\":\"web\",\"switch\":\"sw0\",\"vlan\":10,"
			  "\"mode\":\"access\",\"trunk\":null,\"native\":null,"
			  "\"security\":{\"promisc\":false,\"mac_change\":false,"
			  "\"forged_transmits\":false},\"shaping\":{\"avg_kbit\":1000,"
			  "\"peak_kbit\":2000,\"burst_kb\":100},\"ports\":[\"vm1\"]}]\n",
			  "policies and shaping: JSON booleans and numbers");
		p.promisc = true;
		p.forged_transmits = true;
		p.shaping_on = false;
		p.attrs &= ~VSW_ATTR_BIT(VSW_A_PG_SHAPING);
		p.n_ports = 0;
		CHECK_OUT(portgroup_print, &p, false,
			  "web switch sw0 vlan 10 promisc on mac-change off "
			  "forged-transmits on shaping off\n",
			  "policies on, no shaping: text says shaping off");
		CHECK_OUT(portgroup_print, &p, true,
			  "[{\"name\":\"web\",\"switch\":\"sw0\",\"vlan\":10,"
			  "\"mode\":\"access\",\"trunk\":null,\"native\":null,"
			  "\"security\":{\"promisc\":true,\"mac_change\":false,"
			  "\"forged_transmits\":true},\"shaping\":null,\"ports\":[]}]\n",
			  "no shaping: JSON shaping null");

		/* A monitor line is one object: nested ones do not end it. */
		ev.pg = p;
		ev.cmd = VSW_CMD_PORTGROUP_SET;
		s = capture((void (*)(const void *))event_print, &ev, false, false);
		ok_str(s, "portgroup_set web switch sw0 vlan 10 promisc on "
		       "mac-change off forged-transmits on shaping off\n",
		       "monitor text: portgroup_set with policies on one line");
		free(s);
		ev.pg.shaping_on = true;
		ev.pg.mac_change = true;
		s = capture((void (*)(const void *))event_print, &ev, true, false);
		ok_str(s, "{\"event\":\"portgroup_set\",\"name\":\"web\","
		       "\"switch\":\"sw0\",\"vlan\":10,\"mode\":\"access\","
		       "\"trunk\":null,\"native\":null,\"security\":{\"promisc\":true,"
		       "\"mac_change\":true,\"forged_transmits\":true},"
		       "\"shaping\":{\"avg_kbit\":1000,\"peak_kbit\":2000,"
		       "\"burst_kb\":100},\"ports\":[]}\n",
		       "monitor JSON: portgroup_set with policies");
		free(s);
		s = capture((void (*)(const void *))event_print, &ev, false, false);
		ok_str(s, "portgroup_set web switch sw0 vlan 10 promisc on "
		       "mac-change on forged-transmits on shaping avg 1000 peak 2000 "
		       "burst 100\n", "monitor text: nested shaping on one line");
		free(s);
		ev.cmd = VSW_CMD_PORTGROUP_NEW;
	}

	/* Monitor lines for port group and FDB events. */
	pg.switch_name = "sw0";
	ev.pg = pg;
	s = capture((void (*)(const void *))event_print, &ev, false, false);
	ok_str(s, "portgroup_new trunk switch sw0 trunk 10,20-30 ports vm1\n",
	       "monitor text: portgroup_new");
	free(s);
	ev.cmd = VSW_CMD_PORTGROUP_DEL;
	s = capture((void (*)(const void *))event_print, &ev, true, false);
	ok_str(s, "{\"event\":\"portgroup_del\",\"name\":\"trunk\",\"switch\":\"sw0\","
	       "\"vlan\":null,\"mode\":\"trunk-list\",\"trunk\":\"10,20-30\","
	       "\"native\":null,\"security\":null,\"shaping\":null,"
	       "\"ports\":[\"vm1\"]}\n", "monitor JSON: portgroup_del");
	free(s);

	ev = (struct vsw_event){ .cmd = VSW_CMD_FDB_NEW, .type = VSW_OBJ_FDB };
	ev.fdb = (struct vsw_fdb){
		.attrs = VSW_ATTR_BIT(VSW_A_FDB_AGE), .switch_ifindex = 999999,
		.switch_name = "sw7", .mac = { 0x02, 0, 0, 0, 0, 1 }, .vlan = 5,
		.port = "vm1", .age = 0,
	};
	s = capture((void (*)(const void *))event_print, &ev, false, false);
	ok_str(s, "fdb_new switch sw7 02:00:00:00:00:01 vlan 5 port vm1 age 0\n",
	       "monitor: fdb switch from VSW_A_IFNAME, not the ifindex");
	free(s);
	ev.fdb.switch_name = NULL;
	s = capture((void (*)(const void *))event_print, &ev, true, false);
	ok_str(s, "{\"event\":\"fdb_new\",\"switch\":null,\"mac\":\"02:00:00:00:00:01\","
	       "\"vlan\":5,\"port\":\"vm1\",\"remote\":null,\"vni\":null,"
	       "\"static\":false,\"local\":false,\"age\":0}\n",
	       "monitor: no name, unknown ifindex: switch null");
	free(s);
	ev.fdb.switch_ifindex = 1;	/* "lo" in any netns */
	s = capture((void (*)(const void *))event_print, &ev, false, false);
	ok_str(s, "fdb_new switch lo 02:00:00:00:00:01 vlan 5 port vm1 age 0\n",
	       "monitor: without VSW_A_IFNAME, the ifindex is looked up");
	free(s);
	ev.cmd = VSW_CMD_PORT_SET;
	ev.type = VSW_OBJ_PORT;
	ev.port = (struct vsw_port){ .name = "vm1", .switch_name = "sw0",
				     .portgroup = "web" };
	s = capture((void (*)(const void *))event_print, &ev, false, false);
	ok_str(s, "port_set vm1 switch sw0 portgroup web\n", "monitor: port_set");
	free(s);
}

static void test_team_parse(void)
{
	struct cli_req r;
	const struct vsw_team_opts *o = &r.teamopts;

	ok(parse(&cli_team, "set sw0 policy failover active eth1,eth2 standby eth3 detect beacon failback on notify-switches off lacp-rate slow",
		 &r) == 0 && !strcmp(r.sw, "sw0") && !strcmp(o->sw, "sw0") &&
	   o->has_policy && o->policy == VSW_TEAM_POLICY_FAILOVER &&
	   o->has_detect && o->detect == VSW_TEAM_DETECT_BEACON &&
	   o->has_failback && o->failback && o->has_notify && !o->notify &&
	   o->has_lacp_rate && o->lacp_rate == VSW_LACP_RATE_SLOW,
	   "team set with every setting");
	ok(o->has_active && o->n_active == 2 && !strcmp(o->active[0], "eth1") &&
	   !strcmp(o->active[1], "eth2") && o->has_standby &&
	   o->n_standby == 1 && !strcmp(o->standby[0], "eth3"),
	   "team set: the lists in order");
	ok(parse(&cli_team, "set sw0 detect link", &r) == 0 && o->has_detect &&
	   o->detect == VSW_TEAM_DETECT_LINK && !o->has_policy &&
	   !o->has_active && !o->has_standby && !o->has_failback &&
	   !o->has_notify && !o->has_lacp_rate,
	   "team set without policy: only what is given");
	ok(parse(&cli_team, "set sw0 active none standby none", &r) == 0 &&
	   o->has_active && o->n_active == 0 && o->has_standby &&
	   o->n_standby == 0, "active none, standby none: empty lists");
	ok(parse(&cli_team, "set sw0 lacp-rate fast policy lacp", &r) == 0 &&
	   o->policy == VSW_TEAM_POLICY_LACP && o->lacp_rate == VSW_LACP_RATE_FAST,
	   "lacp-rate before policy");
	ok(parse(&cli_team, "set sw0 policy port-id", &r) == 0 &&
	   o->policy == VSW_TEAM_POLICY_PORT_ID, "policy port-id");
	ok(parse(&cli_team, "set sw0 policy ip-hash", &r) == 0 &&
	   o->policy == VSW_TEAM_POLICY_IP_HASH, "policy ip-hash");
	ok(parse(&cli_team, "set sw0 policy mac-hash", &r) == 0 &&
	   o->policy == VSW_TEAM_POLICY_MAC_HASH, "policy mac-hash");
	ok(parse(&cli_team, "set sw0 standby eth1.100,bond-x,a_b", &r) == 0 &&
	   o->n_standby == 3 && !strcmp(o->standby[0], "eth1.100") &&
	   !strcmp(o->standby[2], "a_b"), "device names with dots and dashes");
	ok(parse(&cli_team, "set sw0 active fifteen-chars-x", &r) == 0 &&
	   o->n_active == 1, "15-character device name");
	ok(parse(&cli_team, "show", &r) == 0 && !r.sw, "team show: every switch");
	ok(parse(&cli_team, "show sw0", &r) == 0 && !strcmp(r.sw, "sw0"),
	   "team show SWITCH");
	ok(parse(&cli_team, "", &r) == 0 && !r.sw, "team alone is show");

	bad(&cli_team, "set sw0 policy foo",
	    "invalid value \"foo\" for \"policy\" (port-id|ip-hash|mac-hash|failover|lacp)");
	bad(&cli_team, "set sw0 policy LACP",
	    "invalid value \"LACP\" for \"policy\" (port-id|ip-hash|mac-hash|failover|lacp)");
	bad(&cli_team, "set sw0 detect foo",
	    "invalid value \"foo\" for \"detect\" (link|beacon)");
	bad(&cli_team, "set sw0 failback maybe",
	    "invalid value \"maybe\" for \"failback\" (on|off)");
	bad(&cli_team, "set sw0 notify-switches yes",
	    "invalid value \"yes\" for \"notify-switches\" (on|off)");
	bad(&cli_team, "set sw0 lacp-rate medium",
	    "invalid value \"medium\" for \"lacp-rate\" (slow|fast)");
	bad(&cli_team, "set sw0 active ,", "active list \",\": item 1 is empty");
	bad(&cli_team, "set sw0 active eth1,", "active list \"eth1,\": item 2 is empty");
	bad(&cli_team, "set sw0 standby eth1,,eth2",
	    "standby list \"eth1,,eth2\": item 2 is empty");
	bad(&cli_team, "set sw0 active eth1,eth2,eth1",
	    "active list \"eth1,eth2,eth1\": eth1 is listed twice");
	bad(&cli_team, "set sw0 active eth1 standby eth2,eth1",
	    "eth1 is in both the active and the standby list");
	bad(&cli_team, "set sw0 active eth1,none",
	    "active list \"eth1,none\": \"none\" stands alone (it clears the list)");
	bad(&cli_team, "set sw0 active eth1,a/b",
	    "active list \"eth1,a/b\": invalid device name \"a/b\" (1-15 characters, no '/', ':' or spaces)");
	bad(&cli_team, "set sw0 active sixteen-chars-xx",
	    "active list \"sixteen-chars-xx\": invalid device name \"sixteen-chars-xx\" (1-15 characters, no '/', ':' or spaces)");
	bad(&cli_team, "set sw0 standby ..",
	    "standby list \"..\": invalid device name \"..\" (1-15 characters, no '/', ':' or spaces)");
	bad(&cli_team, "set sw0 active eth0:1",
	    "active list \"eth0:1\": invalid device name \"eth0:1\" (1-15 characters, no '/', ':' or spaces)");
	bad(&cli_team, "set sw0 policy lacp policy failover",
	    "duplicate \"policy\"");
	bad(&cli_team, "set sw0 active eth1 active eth2", "duplicate \"active\"");
	bad(&cli_team, "set sw0 policy", "missing value after \"policy\"");
	bad(&cli_team, "set sw0 standby", "missing value after \"standby\"");
	bad(&cli_team, "set sw0",
	    "nothing to set (policy, active, standby, detect, failback, notify-switches, lacp-rate)");
	bad(&cli_team, "set", "missing switch name");
	bad(&cli_team, "set a/b policy lacp",
	    "invalid switch name \"a/b\" (1-15 characters, no '/', ':' or spaces)");
	bad(&cli_team, "set sw0 policy lacp garbage", "unknown argument \"garbage\"");
	bad(&cli_team, "set sw0 policy lacp failback on extra",
	    "unknown argument \"extra\"");
	bad(&cli_team, "show sw0 extra", "unexpected argument \"extra\"");
	bad(&cli_team, "add sw0",
	    "unknown verb \"add\" for \"team\" (try \"vswctl team help\")");

	/* An empty list from the shell ('') cannot go through parse(). */
	{
		char *argv[] = { "set", "sw0", "active", "", NULL };

		cli_req_init(&r);
		ok(cli_team.parse(4, argv, &r) != 0, "team set sw0 active '': refused");
		ok_str(cli_errbuf, "empty active list (DEV,... or none)",
		       "empty list message");
	}
	/* More devices than a list holds. */
	{
		static char list[CLI_DEVLIST_MAX * 5 + 8];
		char *argv[] = { "set", "sw0", "standby", list, NULL };
		size_t len = 0;
		unsigned int i;

		for (i = 0; i <= CLI_DEVLIST_MAX; i++)
			len += snprintf(list + len, sizeof(list) - len, "%sd%u",
					i ? "," : "", i);
		cli_req_init(&r);
		ok(cli_team.parse(4, argv, &r) != 0,
		   "%d devices in a list refused", CLI_DEVLIST_MAX + 1);
		ok(strstr(cli_errbuf, "more than 64 devices") != NULL,
		   "too many devices message");
		list[strlen(list) - 4] = '\0';	/* ",d64" */
		cli_req_init(&r);
		ok(cli_team.parse(4, argv, &r) == 0 &&
		   r.teamopts.n_standby == CLI_DEVLIST_MAX &&
		   !strcmp(r.teamopts.standby[63], "d63"),
		   "%d devices in a list taken", CLI_DEVLIST_MAX);
	}
}

static void test_team_output(void)
{
	static const char *const active[] = { "eth1", "eth2" };
	static const char *const standby[] = { "eth3" };
	static const struct vsw_team_uplink ups[] = {
		{ .attrs = VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_IFINDEX) |
			   VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_IFNAME) |
			   VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_STATE) |
			   VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_LINK),
		  .ifindex = 11, .name = "eth1", .state = VSW_TEAM_STATE_ACTIVE,
		  .link = true },
		{ .attrs = VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_STATE) |
			   VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_LINK),
		  .name = "eth2", .state = VSW_TEAM_STATE_STANDBY, .link = true },
		{ .attrs = VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_STATE) |
			   VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_LINK),
		  .name = "eth3", .state = VSW_TEAM_STATE_FAILED, .link = false },
	};
	struct vsw_team t = {
		.attrs = VSW_ATTR_BIT(VSW_A_IFNAME) |
			 VSW_ATTR_BIT(VSW_A_TEAM_POLICY) |
			 VSW_ATTR_BIT(VSW_A_TEAM_DETECT) |
			 VSW_ATTR_BIT(VSW_A_TEAM_DETECT_USED) |
			 VSW_ATTR_BIT(VSW_A_TEAM_FAILBACK) |
			 VSW_ATTR_BIT(VSW_A_TEAM_NOTIFY) |
			 VSW_ATTR_BIT(VSW_A_TEAM_LACP_RATE),
		.switch_name = "sw0", .policy = VSW_TEAM_POLICY_FAILOVER,
		.detect = VSW_TEAM_DETECT_BEACON,
		.detect_used = VSW_TEAM_DETECT_LINK, .failback = true,
		.notify = true, .lacp_rate = VSW_LACP_RATE_FAST,
		.n_active = 2, .active = active, .n_standby = 1,
		.standby = standby, .n_uplinks = 3, .uplinks = ups,
	};
	struct vsw_team_uplink lacp_ups[2] = {
		{ .attrs = VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_STATE) |
			   VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_LINK) |
			   VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_LACP_ACTOR_STATE) |
			   VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_LACP_PARTNER_STATE) |
			   VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_LACP_PARTNER_SYSTEM) |
			   VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_LACP_PARTNER_KEY),
		  .name = "ens1", .state = VSW_TEAM_STATE_ACTIVE, .link = true,
		  .lacp_actor_state = 0x3f, .lacp_partner_state = 0xc5,
		  .lacp_partner_system = { 0, 0x11, 0x22, 0x33, 0x44, 0x55 },
		  .lacp_partner_key = 9 },
		{ .attrs = VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_STATE) |
			   VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_LINK) |
			   VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_BEACON) |
			   VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_LACP_ACTOR_STATE),
		  .name = "ens2", .state = VSW_TEAM_STATE_FAILED, .link = true,
		  .beacon = false, .lacp_actor_state = 0 },
	};
	struct vsw_event ev = { .cmd = VSW_CMD_TEAM_SET, .type = VSW_OBJ_TEAM };
	char *s;

	CHECK_OUT(team_print, &t, false,
		  "sw0 policy failover detect beacon (in use: link, needs 3 uplinks) failback on notify-switches on\n"
		  "  active eth1,eth2 standby eth3\n"
		  "  eth1 active link up\n"
		  "  eth2 standby link up\n"
		  "  eth3 failed link down\n",
		  "team text: a block of lines");
	CHECK_OUT(team_print, &t, true,
		  "[{\"switch\":\"sw0\",\"policy\":\"failover\",\"detect\":\"beacon\","
		  "\"detect_used\":\"link\",\"failback\":true,\"notify_switches\":true,"
		  "\"lacp_rate\":\"fast\",\"active\":[\"eth1\",\"eth2\"],"
		  "\"standby\":[\"eth3\"],\"uplinks\":[{\"name\":\"eth1\","
		  "\"state\":\"active\",\"link\":true},{\"name\":\"eth2\","
		  "\"state\":\"standby\",\"link\":true},{\"name\":\"eth3\","
		  "\"state\":\"failed\",\"link\":false}]}]\n",
		  "team JSON");

	/* Two teams in a row: each its own block. */
	{
		char *one = capture((void (*)(const void *))team_print, &t,
				    false, true);
		char *two;
		size_t len;
		FILE *f = open_memstream(&two, &len);

		out_init(f, false, false);
		out_open_array(NULL, NULL);
		team_print(&t);
		team_print(&t);
		out_close();
		fclose(f);
		ok(strlen(two) == 2 * strlen(one) && !strncmp(two, one, strlen(one)) &&
		   !strcmp(two + strlen(one), one), "two teams: two blocks");
		free(one);
		free(two);
	}

	/* Defaults: no lists, beacon in use, failback and notify off. */
	t.detect_used = VSW_TEAM_DETECT_BEACON;
	t.failback = false;
	t.notify = false;
	t.n_active = t.n_standby = 0;
	t.active = t.standby = NULL;
	t.n_uplinks = 0;
	CHECK_OUT(team_print, &t, false,
		  "sw0 policy failover detect beacon failback off notify-switches off\n"
		  "  active none standby none\n",
		  "team text: detect in use as set, no lists, no uplinks");
	CHECK_OUT(team_print, &t, true,
		  "[{\"switch\":\"sw0\",\"policy\":\"failover\",\"detect\":\"beacon\","
		  "\"detect_used\":\"beacon\",\"failback\":false,\"notify_switches\":false,"
		  "\"lacp_rate\":\"fast\",\"active\":[],\"standby\":[],\"uplinks\":[]}]\n",
		  "team JSON: empty lists are []");

	/* LACP, beacons, and values of a newer kernel. */
	t.policy = VSW_TEAM_POLICY_LACP;
	t.detect = t.detect_used = VSW_TEAM_DETECT_LINK;
	t.lacp_rate = VSW_LACP_RATE_SLOW;
	t.attrs |= VSW_ATTR_BIT(VSW_A_TEAM_LACP_SYSTEM) |
		   VSW_ATTR_BIT(VSW_A_TEAM_LACP_KEY);
	memcpy(t.lacp_system, "\x02\x00\x00\x00\x00\x05", 6);
	t.lacp_key = 17;
	t.n_uplinks = 2;
	t.uplinks = lacp_ups;
	CHECK_OUT(team_print, &t, false,
		  "sw0 policy lacp detect link failback off notify-switches off lacp-rate slow "
		  "lacp-system 02:00:00:00:00:05 lacp-key 17\n"
		  "  active none standby none\n"
		  "  ens1 active link up lacp actor activity,short-timeout,aggregation,"
		  "synchronization,collecting,distributing partner activity,aggregation,"
		  "defaulted,expired partner-system 00:11:22:33:44:55 partner-key 9\n"
		  "  ens2 failed link up beacon lost lacp actor none\n",
		  "LACP team text");
	CHECK_OUT(team_print, &t, true,
		  "[{\"switch\":\"sw0\",\"policy\":\"lacp\",\"detect\":\"link\","
		  "\"detect_used\":\"link\",\"failback\":false,\"notify_switches\":false,"
		  "\"lacp_rate\":\"slow\",\"lacp_system\":\"02:00:00:00:00:05\","
		  "\"lacp_key\":17,\"active\":[],\"standby\":[],\"uplinks\":["
		  "{\"name\":\"ens1\",\"state\":\"active\",\"link\":true,\"lacp\":{"
		  "\"actor_state\":[\"activity\",\"short-timeout\",\"aggregation\","
		  "\"synchronization\",\"collecting\",\"distributing\"],"
		  "\"partner_state\":[\"activity\",\"aggregation\",\"defaulted\","
		  "\"expired\"],\"partner_system\":\"00:11:22:33:44:55\","
		  "\"partner_key\":9}},{\"name\":\"ens2\",\"state\":\"failed\","
		  "\"link\":true,\"beacon\":false,\"lacp\":{\"actor_state\":[],"
		  "\"partner_state\":null,\"partner_system\":null,"
		  "\"partner_key\":null}}]}]\n",
		  "LACP team JSON: flag names, partner, beacon only when present");

	/* A kernel newer than vswctl: numbers, not names. */
	t.policy = 9;
	t.lacp_rate = 7;
	t.n_uplinks = 1;
	lacp_ups[0].state = 5;
	lacp_ups[0].attrs = VSW_ATTR_BIT(VSW_TEAM_UPLINK_A_STATE);
	lacp_ups[0].link = false;
	t.attrs &= ~(VSW_ATTR_BIT(VSW_A_TEAM_LACP_SYSTEM) |
		     VSW_ATTR_BIT(VSW_A_TEAM_LACP_KEY));
	CHECK_OUT(team_print, &t, false,
		  "sw0 policy policy-9 detect link failback off notify-switches off\n"
		  "  active none standby none\n"
		  "  ens1 state-5 link down\n",
		  "unknown policy and state: WHAT-N");

	/* An old or partial reply: nulls where nothing was said. */
	{
		struct vsw_team bare = { .switch_name = NULL };

		CHECK_OUT(team_print, &bare, true,
			  "[{\"switch\":null,\"policy\":null,\"detect\":null,"
			  "\"detect_used\":null,\"failback\":null,"
			  "\"notify_switches\":null,\"lacp_rate\":null,"
			  "\"active\":[],\"standby\":[],\"uplinks\":[]}]\n",
			  "team without attributes: JSON nulls");
		CHECK_OUT(team_print, &bare, false,
			  "  active none standby none\n",
			  "team without attributes: text");
	}

	/* Monitor: the block on one line, uplinks after "uplink". */
	t.policy = VSW_TEAM_POLICY_FAILOVER;
	t.detect = VSW_TEAM_DETECT_BEACON;
	t.n_active = 2;
	t.active = active;
	t.n_standby = 1;
	t.standby = standby;
	t.n_uplinks = 3;
	t.uplinks = ups;
	ev.team = t;
	s = capture((void (*)(const void *))event_print, &ev, false, false);
	ok_str(s, "team_set sw0 policy failover detect beacon (in use: link, needs 3 uplinks) "
	       "failback off notify-switches off active eth1,eth2 standby eth3 "
	       "uplink eth1 active link up uplink eth2 standby link up "
	       "uplink eth3 failed link down\n",
	       "monitor text: team_set on one line");
	free(s);
	s = capture((void (*)(const void *))event_print, &ev, true, false);
	ok_str(s, "{\"event\":\"team_set\",\"switch\":\"sw0\",\"policy\":\"failover\","
	       "\"detect\":\"beacon\",\"detect_used\":\"link\",\"failback\":false,"
	       "\"notify_switches\":false,\"lacp_rate\":\"rate-7\","
	       "\"active\":[\"eth1\",\"eth2\"],\"standby\":[\"eth3\"],"
	       "\"uplinks\":[{\"name\":\"eth1\",\"state\":\"active\",\"link\":true},"
	       "{\"name\":\"eth2\",\"state\":\"standby\",\"link\":true},"
	       "{\"name\":\"eth3\",\"state\":\"failed\",\"link\":false}]}\n",
	       "monitor JSON: team_set");
	free(s);
}

static void test_vxlan_parse(void)
{
	const struct vsw_vxlan_opts *o;
	struct cli_req r;

	ok(parse(&cli_vxlan, "add sw0 vni 5000 vlan 100 local 192.0.2.1", &r) == 0 &&
	   !strcmp(r.sw, "sw0"), "vxlan add: the required settings");
	o = &r.vxlanopts;
	ok(!strcmp(o->sw, "sw0") && o->vni == 5000 && o->vlan == 100 &&
	   o->local.family == AF_INET &&
	   !memcmp(o->local.addr, "\xc0\x00\x02\x01", 4) && o->n_remotes == 0 &&
	   !o->has_group && !o->dev && !o->has_dstport && !o->has_ttl &&
	   !o->has_learning, "vxlan add: options filled, nothing else flagged");
	ok(parse(&cli_vxlan, "add sw0 learning off ttl 255 dstport 65535 "
		 "remote 198.51.100.2,203.0.113.3 local 192.0.2.1 vlan 0 "
		 "vni 16777215", &r) == 0 &&
	   o->vni == VSW_VXLAN_VNI_MAX && o->vlan == 0 && o->has_learning &&
	   !o->learning && o->has_ttl && o->ttl == 255 && o->has_dstport &&
	   o->dstport == 65535, "vxlan add: every keyword in any order, limits");
	ok(o->n_remotes == 2 && o->remotes == r.remotes.addrs &&
	   !memcmp(o->remotes[0].addr, "\xc6\x33\x64\x02", 4) &&
	   !memcmp(o->remotes[1].addr, "\xcb\x00\x71\x03", 4),
	   "vxlan add: the remote list in order");
	ok(parse(&cli_vxlan, "add sw0 vni 1 vlan 4094 local 2001:db8::1 "
		 "group ff05::100 dev eth1 learning on", &r) == 0 &&
	   o->local.family == AF_INET6 && o->has_group &&
	   o->group.family == AF_INET6 && o->group.addr[0] == 0xff &&
	   !strcmp(o->dev, "eth1") && o->learning && o->vlan == 4094,
	   "vxlan add: IPv6 with a group on a device");
	ok(parse(&cli_vxlan, "add sw0 vni 1 vlan 1 local 192.0.2.1 dev eth1 group 239.1.1.1",
		 &r) == 0 && o->has_group && !strcmp(o->dev, "eth1"),
	   "vxlan add: dev before group");
	ok(parse(&cli_vxlan, "del sw0 vni 5000", &r) == 0 && r.has_vni &&
	   r.vni == 5000, "vxlan del SWITCH vni N");
	ok(parse(&cli_vxlan, "show sw0", &r) == 0 && !r.has_vni,
	   "vxlan show SWITCH");
	ok(parse(&cli_vxlan, "show sw0 vni 7", &r) == 0 && r.has_vni &&
	   r.vni == 7, "vxlan show SWITCH vni N");
	bad(&cli_vxlan, "sw0", "unknown verb \"sw0\" for \"vxlan\" (try \"vswctl vxlan help\")");

	bad(&cli_vxlan, "", "missing switch name");
	bad(&cli_vxlan, "show", "missing switch name");
	bad(&cli_vxlan, "set sw0", "unknown verb \"set\" for \"vxlan\" (try \"vswctl vxlan help\")");
	bad(&cli_vxlan, "add sw0", "missing \"vni N\"");
	bad(&cli_vxlan, "add sw0 vni 10 local 192.0.2.1", "missing \"vlan ID\"");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10", "missing \"local IP\"");
	bad(&cli_vxlan, "add sw0 vni 0 vlan 10 local 192.0.2.1",
	    "invalid VNI \"0\" (1-16777215)");
	bad(&cli_vxlan, "add sw0 vni 16777216 vlan 10 local 192.0.2.1",
	    "invalid VNI \"16777216\" (1-16777215)");
	bad(&cli_vxlan, "add sw0 vni 0x10 vlan 10 local 192.0.2.1",
	    "invalid VNI \"0x10\" (1-16777215)");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 4095 local 192.0.2.1",
	    "invalid VLAN \"4095\" (0-4094)");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2",
	    "invalid local address \"192.0.2\" (IPv4 or IPv6)");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local host.example",
	    "invalid local address \"host.example\" (IPv4 or IPv6)");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local fe80::1%eth0",
	    "invalid local address \"fe80::1%eth0\" (IPv4 or IPv6)");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 239.0.0.1",
	    "local address 239.0.0.1 is not a unicast address");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 0.0.0.0",
	    "local address 0.0.0.0 is not a unicast address");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 remote 2001:db8::2",
	    "addresses of one family only: local 192.0.2.1 is IPv4, remote 2001:db8::2 is IPv6");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 2001:db8::1 group 239.1.1.1 dev eth1",
	    "addresses of one family only: local 2001:db8::1 is IPv6, group 239.1.1.1 is IPv4");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 remote 198.51.100.2,,198.51.100.3",
	    "remote list \"198.51.100.2,,198.51.100.3\": item 2 is empty");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 remote 198.51.100.2,",
	    "remote list \"198.51.100.2,\": item 2 is empty");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 remote 198.51.100.2,x",
	    "remote list \"198.51.100.2,x\": invalid address \"x\" (IPv4 or IPv6)");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 2001:db8::1 remote 2001:db8::2,2001:DB8:0::2",
	    "remote list \"2001:db8::2,2001:DB8:0::2\": 2001:db8::2 is listed twice");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 remote 198.51.100.2,224.0.0.5",
	    "remote address 224.0.0.5 is not a unicast address");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 remote 198.51.100.2,192.0.2.1",
	    "remote address 192.0.2.1 is the local address");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 group 198.51.100.9 dev eth1",
	    "group address 198.51.100.9 is not a multicast address");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 group 239.1.1.1",
	    "\"group\" needs \"dev DEV\"");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 dev eth1",
	    "\"dev\" needs \"group IP\"");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 group 239.1.1.1 dev a/b",
	    "invalid device name \"a/b\" (1-15 characters, no '/', ':' or spaces)");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 ttl 0",
	    "invalid ttl \"0\" (1-255)");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 ttl 256",
	    "invalid ttl \"256\" (1-255)");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 dstport 0",
	    "invalid dstport \"0\" (1-65535)");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 dstport 65536",
	    "invalid dstport \"65536\" (1-65535)");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 learning yes",
	    "invalid value \"yes\" for \"learning\" (on|off)");
	bad(&cli_vxlan, "add sw0 vni 10 vni 11 vlan 10 local 192.0.2.1",
	    "duplicate \"vni\"");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 local 192.0.2.2",
	    "duplicate \"local\"");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 remote 198.51.100.2 remote 198.51.100.3",
	    "duplicate \"remote\"");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 group 239.1.1.1 group 239.1.1.2",
	    "duplicate \"group\"");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 ttl 5 ttl 6",
	    "duplicate \"ttl\"");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 ttl",
	    "missing value after \"ttl\"");
	bad(&cli_vxlan, "add sw0 vni 10 vlan 10 local 192.0.2.1 port vm1",
	    "unknown argument \"port\"");
	bad(&cli_vxlan, "del sw0", "missing \"vni N\"");
	bad(&cli_vxlan, "del sw0 vni", "missing value after \"vni\"");
	bad(&cli_vxlan, "del sw0 vni 10 vlan 10", "unexpected argument \"vlan\"");
	bad(&cli_vxlan, "del sw0 vlan 10", "unexpected argument \"vlan\"");
	bad(&cli_vxlan, "show sw0 vni 0", "invalid VNI \"0\" (1-16777215)");
	bad(&cli_vxlan, "show sw0 sw1", "unexpected argument \"sw1\"");

	/* The longest list a request holds, and one more. */
	{
		static char line[CLI_ADDRLIST_MAX * 16 + 128];
		static char want[sizeof(line) + 64];
		size_t len;
		unsigned int i;
		char *argv[10];

		len = snprintf(line, sizeof(line), "198.51.100.%u", 0);
		for (i = 1; i < CLI_ADDRLIST_MAX; i++)
			len += snprintf(line + len, sizeof(line) - len,
					",10.0.%u.%u", i / 64, i % 64 + 1);
		argv[0] = "add";
		argv[1] = "sw0";
		argv[2] = "vni";
		argv[3] = "1";
		argv[4] = "vlan";
		argv[5] = "1";
		argv[6] = "local";
		argv[7] = "192.0.2.1";
		argv[8] = "remote";
		argv[9] = line;
		cli_req_init(&r);
		ok(cli_vxlan.parse(10, argv, &r) == 0 &&
		   r.vxlanopts.n_remotes == CLI_ADDRLIST_MAX &&
		   r.vxlanopts.remotes[CLI_ADDRLIST_MAX - 1].addr[3] == 64,
		   "%d remotes taken", CLI_ADDRLIST_MAX);
		snprintf(line + len, sizeof(line) - len, ",10.9.9.9");
		snprintf(want, sizeof(want),
			 "remote list \"%s\": more than %d addresses", line,
			 CLI_ADDRLIST_MAX);
		cli_req_init(&r);
		cli_errbuf[0] = '\0';
		ok(cli_vxlan.parse(10, argv, &r) != 0, "%d remotes refused",
		   CLI_ADDRLIST_MAX + 1);
		/* cli_errbuf holds 1 KB: the start of the message. */
		ok(!strncmp(cli_errbuf, want, sizeof(cli_errbuf) - 1),
		   "too many remotes: message");
		ok(CLI_ADDRLIST_MAX == 128, "vswctl takes the kernel's 128 remotes");
	}
}

static void print_vxlan_stats(const struct vsw_vxlan *vx)
{
	vxlan_print(vx, true);
}

static void print_vxlan_plain(const struct vsw_vxlan *vx)
{
	vxlan_print(vx, false);
}

static void test_vxlan_output(void)
{
	static const struct vsw_addr remotes[] = {
		{ AF_INET, { 198, 51, 100, 2 } }, { AF_INET, { 203, 0, 113, 3 } },
	};
	struct vsw_port_stats st = {
		.rx_packets = 10, .rx_bytes = 1000, .tx_packets = 20,
		.tx_bytes = 2000,
	};
	uint64_t sock_drops[VSW_DROP_SLOTS] = { 0 };
	struct vsw_vxlan vx = {
		.attrs = VSW_ATTR_BIT(VSW_A_IFNAME) |
			 VSW_ATTR_BIT(VSW_A_VXLAN_VNI) | VSW_ATTR_BIT(VSW_A_VLAN) |
			 VSW_ATTR_BIT(VSW_A_VXLAN_LOCAL) |
			 VSW_ATTR_BIT(VSW_A_VXLAN_REMOTES) |
			 VSW_ATTR_BIT(VSW_A_VXLAN_DSTPORT) |
			 VSW_ATTR_BIT(VSW_A_VXLAN_TTL) |
			 VSW_ATTR_BIT(VSW_A_VXLAN_LEARNING),
		.switch_name = "sw0", .vni = 5000, .vlan = 100,
		.local = { AF_INET, { 192, 0, 2, 1 } },
		.n_remotes = 2, .remotes = remotes, .dstport = 4789, .ttl = 64,
		.learning = true,
	};
	struct vsw_event ev = { .cmd = VSW_CMD_VXLAN_NEW, .type = VSW_OBJ_VXLAN };
	char *s;

	CHECK_OUT(print_vxlan_plain, &vx, false,
		  "sw0 vni 5000 vlan 100 local 192.0.2.1 dstport 4789 ttl 64 learning on\n"
		  "  remote 198.51.100.2,203.0.113.3 group none\n",
		  "vxlan text: a block of lines");
	CHECK_OUT(print_vxlan_plain, &vx, true,
		  "[{\"switch\":\"sw0\",\"vni\":5000,\"vlan\":100,\"local\":\"192.0.2.1\","
		  "\"dstport\":4789,\"ttl\":64,\"learning\":true,"
		  "\"remote\":[\"198.51.100.2\",\"203.0.113.3\"],\"group\":null,"
		  "\"dev\":null,\"dev_ifindex\":null}]\n",
		  "vxlan JSON: remote an array, group and dev null");

	/* -s: the VNI's counters, then what the socket dropped. */
	st.drops[VSW_DROP_VXLAN_ROUTE] = 3;
	st.drops[VSW_DROP_ECN] = 1;
	sock_drops[VSW_DROP_VXLAN_HEADER] = 4;
	sock_drops[VSW_DROP_VXLAN_VNI] = 5;
	sock_drops[40] = 6;
	vx.stats = &st;
	vx.sock_drops = sock_drops;
	CHECK_OUT(print_vxlan_stats, &vx, false,
		  "sw0 vni 5000 vlan 100 local 192.0.2.1 dstport 4789 ttl 64 learning on\n"
		  "  remote 198.51.100.2,203.0.113.3 group none\n"
		  "  rx-packets 10 rx-bytes 1000 tx-packets 20 tx-bytes 2000 fdb-moves 0"
		  " fdb-flaps 0 drops invalid-source 0 same-port 0 mtu 0 nomem 0"
		  " port-down 0 uplink-loop 0 malformed 0 vlan 0 link-local 0 forged 0"
		  " mac-change 0 shaping 0 fdb-limit 0 team-inactive 0 team-loop 0"
		  " team-duplicate 0 vxlan-header 0 vxlan-vni 0 vxlan-route 3 ecn 1\n"
		  "  socket-drops invalid-source 0 same-port 0 mtu 0 nomem 0 port-down 0"
		  " uplink-loop 0 malformed 0 vlan 0 link-local 0 forged 0 mac-change 0"
		  " shaping 0 fdb-limit 0 team-inactive 0 team-loop 0 team-duplicate 0"
		  " vxlan-header 4 vxlan-vni 5 vxlan-route 0 ecn 0 reason-40 6\n",
		  "vxlan -s text: counters and socket drops on lines of their own");
	CHECK_OUT(print_vxlan_stats, &vx, true,
		  "[{\"switch\":\"sw0\",\"vni\":5000,\"vlan\":100,\"local\":\"192.0.2.1\","
		  "\"dstport\":4789,\"ttl\":64,\"learning\":true,"
		  "\"remote\":[\"198.51.100.2\",\"203.0.113.3\"],\"group\":null,"
		  "\"dev\":null,\"dev_ifindex\":null,"
		  "\"stats\":{\"rx_packets\":10,\"rx_bytes\":1000,\"tx_packets\":20,"
		  "\"tx_bytes\":2000,\"fdb_moves\":0,\"fdb_flaps\":0,\"drops\":{"
		  "\"invalid_source\":0,\"same_port\":0,\"mtu\":0,\"nomem\":0,"
		  "\"port_down\":0,\"uplink_loop\":0,\"malformed\":0,\"vlan\":0,"
		  "\"link_local\":0,\"forged\":0,\"mac_change\":0,\"shaping\":0,"
		  "\"fdb_limit\":0,\"team_inactive\":0,\"team_loop\":0,"
		  "\"team_duplicate\":0,\"vxlan_header\":0,\"vxlan_vni\":0,"
		  "\"vxlan_route\":3,\"ecn\":1}},"
		  "\"socket_drops\":{\"invalid_source\":0,\"same_port\":0,\"mtu\":0,"
		  "\"nomem\":0,\"port_down\":0,\"uplink_loop\":0,\"malformed\":0,"
		  "\"vlan\":0,\"link_local\":0,\"forged\":0,\"mac_change\":0,"
		  "\"shaping\":0,\"fdb_limit\":0,\"team_inactive\":0,\"team_loop\":0,"
		  "\"team_duplicate\":0,\"vxlan_header\":4,\"vxlan_vni\":5,"
		  "\"vxlan_route\":0,\"ecn\":0,\"reason_40\":6}}]\n",
		  "vxlan -s JSON: stats as port show's, socket_drops by reason");
	/* A reply without counters: socket drops all 0, no stats. */
	vx.stats = NULL;
	vx.sock_drops = NULL;
	s = capture((void (*)(const void *))print_vxlan_stats, &vx, true, true);
	ok(s && !strstr(s, "\"stats\"") &&
	   strstr(s, "\"socket_drops\":{\"invalid_source\":0,") &&
	   strstr(s, "\"vxlan_vni\":0,"), "vxlan -s without counters in the reply");
	free(s);

	/* IPv6, a group joined on "lo" (ifindex 1 in any netns), no remotes. */
	vx.attrs |= VSW_ATTR_BIT(VSW_A_VXLAN_GROUP) | VSW_ATTR_BIT(VSW_A_VXLAN_DEV);
	vx.local = (struct vsw_addr){ AF_INET6, { 0x20, 0x01, 0x0d, 0xb8 } };
	vx.local.addr[15] = 1;
	vx.group = (struct vsw_addr){ AF_INET6, { 0xff, 0x05 } };
	vx.group.addr[14] = 1;
	vx.dev_ifindex = 1;
	vx.n_remotes = 0;
	vx.remotes = NULL;
	vx.learning = false;
	vx.dstport = 8472;
	CHECK_OUT(print_vxlan_plain, &vx, false,
		  "sw0 vni 5000 vlan 100 local 2001:db8::1 dstport 8472 ttl 64 learning off\n"
		  "  remote none group ff05::100 dev lo\n",
		  "vxlan text: IPv6, no remotes, a group on a device");
	CHECK_OUT(print_vxlan_plain, &vx, true,
		  "[{\"switch\":\"sw0\",\"vni\":5000,\"vlan\":100,\"local\":\"2001:db8::1\","
		  "\"dstport\":8472,\"ttl\":64,\"learning\":false,\"remote\":[],"
		  "\"group\":\"ff05::100\",\"dev\":\"lo\",\"dev_ifindex\":1}]\n",
		  "vxlan JSON: empty remote list, group and dev");
	vx.dev_ifindex = 999999;
	CHECK_OUT(print_vxlan_plain, &vx, false,
		  "sw0 vni 5000 vlan 100 local 2001:db8::1 dstport 8472 ttl 64 learning off\n"
		  "  remote none group ff05::100 dev ifindex-999999\n",
		  "vxlan text: a device without a name here");
	CHECK_OUT(print_vxlan_plain, &vx, true,
		  "[{\"switch\":\"sw0\",\"vni\":5000,\"vlan\":100,\"local\":\"2001:db8::1\","
		  "\"dstport\":8472,\"ttl\":64,\"learning\":false,\"remote\":[],"
		  "\"group\":\"ff05::100\",\"dev\":null,\"dev_ifindex\":999999}]\n",
		  "vxlan JSON: a device without a name here: dev null");

	/* Two VNIs in a row: each its own block. */
	{
		char *one = capture((void (*)(const void *))print_vxlan_plain,
				    &vx, false, true);
		char *two;
		size_t len;
		FILE *f = open_memstream(&two, &len);

		out_init(f, false, false);
		out_open_array(NULL, NULL);
		vxlan_print(&vx, false);
		vxlan_print(&vx, false);
		out_close();
		fclose(f);
		ok(strlen(two) == 2 * strlen(one) && !strncmp(two, one, strlen(one)),
		   "two VNIs: two blocks");
		free(one);
		free(two);
	}

	/* An old or partial reply: nulls where nothing was said. */
	{
		struct vsw_vxlan bare = { .switch_name = NULL };

		CHECK_OUT(print_vxlan_plain, &bare, true,
			  "[{\"switch\":null,\"vni\":null,\"vlan\":null,\"local\":null,"
			  "\"dstport\":null,\"ttl\":null,\"learning\":null,\"remote\":[],"
			  "\"group\":null,\"dev\":null,\"dev_ifindex\":null}]\n",
			  "vxlan without attributes: JSON nulls");
		CHECK_OUT(print_vxlan_plain, &bare, false,
			  "  remote none group none\n",
			  "vxlan without attributes: text");
	}

	/* Monitor: the block on one line. */
	vx.dev_ifindex = 1;
	ev.vxlan = vx;
	s = capture((void (*)(const void *))event_print, &ev, false, false);
	ok_str(s, "vxlan_new sw0 vni 5000 vlan 100 local 2001:db8::1 dstport 8472 ttl 64 "
	       "learning off remote none group ff05::100 dev lo\n",
	       "monitor text: vxlan_new on one line");
	free(s);
	ev.cmd = VSW_CMD_VXLAN_DEL;
	ev.vxlan.attrs = VSW_ATTR_BIT(VSW_A_VXLAN_VNI);
	ev.vxlan.stats = &st;
	s = capture((void (*)(const void *))event_print, &ev, true, false);
	ok_str(s, "{\"event\":\"vxlan_del\",\"switch\":\"sw0\",\"vni\":5000,"
	       "\"vlan\":null,\"local\":null,\"dstport\":null,\"ttl\":null,"
	       "\"learning\":null,\"remote\":[],\"group\":null,\"dev\":null,"
	       "\"dev_ifindex\":null}\n",
	       "monitor JSON: vxlan_del, no counters");
	free(s);

	/* port show of a VNI, should a kernel list one. */
	{
		struct vsw_port p = {
			.attrs = VSW_ATTR_BIT(VSW_A_PORT_KIND),
			.switch_name = "sw0", .name = "vni5000",
			.kind = VSW_PORT_KIND_VXLAN,
		};

		CHECK_OUT(print_port_plain, &p, false,
			  "vni5000 switch sw0 kind vxlan\n",
			  "port text: kind vxlan");
	}
}

static void print_name(const char *name)
{
	out_str("name", "%s", name);
}

/* Device names may be any bytes; JSON output stays UTF-8. */
static void test_output_utf8(void)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "sw0", "[\"sw0\"]\n" },
		{ "\xc3\xa9t\xc3\xa9", "[\"\xc3\xa9t\xc3\xa9\"]\n" },
		{ "\xfe\xfe", "[\"\xef\xbf\xbd\xef\xbf\xbd\"]\n" },
		{ "\xc3w0", "[\"\xef\xbf\xbdw0\"]\n" },
		{ "\xc0\xaf", "[\"\xef\xbf\xbd\xef\xbf\xbd\"]\n" },
		{ "\xed\xa0\x80", "[\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"]\n" },
	};
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = capture((void (*)(const void *))print_name,
				  cases[i].in, true, true);

		ok_str(s, cases[i].want, "JSON string of name case %u", i);
		free(s);
	}
}

int main(void)
{
	cli_errf = fopen("/dev/null", "w");
	test_switch_parse();
	test_port_parse();
	test_fdb_parse();
	test_portgroup_parse();
	test_trunk_roundtrip();
	test_other_parse();
	test_output();
	test_portgroup_output();
	test_drop_names();
	test_team_parse();
	test_team_output();
	test_vxlan_parse();
	test_vxlan_output();
	test_output_utf8();
	fclose(cli_errf);
	return tap_done();
}
