// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vswctl save/apply without a kernel: the file reader on good files and
 * on every kind of bad field (the message names its path), the host file
 * merge, the writer, and the plan between made-up states.
 *
 * Each plan is also run on a small model of the kernel (sim_call(): the
 * refusals of the real one that order matters for: busy devices, port
 * groups in use, entries on ports that are not there): the steps must all
 * be accepted and end in the file's state, a second plan from there must
 * be empty, and the undo steps in reverse must give back the state before.
 *
 * JSON is written with ' for " to stay readable.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../../cli/config.h"
#include "../../cli/vswctl.h"
#include "tap.h"

/* @s with every ' turned into "; static, so one at a time. */
static const char *q(const char *s)
{
	static char buf[8192];
	size_t i;

	for (i = 0; s[i] && i < sizeof(buf) - 1; i++)
		buf[i] = s[i] == '\'' ? '"' : s[i];
	buf[i] = '\0';
	return buf;
}

static int parse(const char *file, const char *json, struct cfg *cfg)
{
	const char *text = q(json);

	cli_errbuf[0] = '\0';
	return cfg_parse(file, text, strlen(text), cfg);
}

/* Read and check, as apply does with one file. */
static int load(const char *json, struct cfg *cfg)
{
	if (parse("f.json", json, cfg))
		return -1;
	if (cfg_check(cfg)) {
		cfg_free(cfg);
		return -1;
	}
	return 0;
}

/* The canonical text of a state: sorted, one line. */
static char *text_of(struct cfg *cfg)
{
	json_object *o;
	char *s;

	cfg_sort(cfg);
	o = cfg_to_json(cfg);
	s = strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
						     JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}

/* ---- reading ---------------------------------------------------------- */

#define SW0(fields) "{'version':1,'switches':[{'name':'sw0'" fields "}]}"

static void bad(const char *json, const char *want, const char *desc)
{
	struct cfg cfg;
	int ret = load(json, &cfg);

	ok(ret != 0, "refused: %s", desc);
	ok_str(cli_errbuf, want, "message: %s", desc);
	if (!ret)
		cfg_free(&cfg);
}

static void test_bad_files(void)
{
	bad("", "f.json: line 1, column 1: JSON: unexpected end of data",
	    "empty file");
	bad("{'version':1", "f.json: line 1, column 13: JSON: unexpected end of data",
	    "truncated");
	bad("{'version':1,}", "f.json: line 1, column 14: JSON: unexpected character",
	    "trailing comma (strict JSON)");
	bad("{'version':1}\n{}", "f.json: line 2, column 1: JSON: unexpected character",
	    "text after the object");
	bad("{'version':1, /* c */ 'switches':[]}",
	    "f.json: line 1, column 15: JSON: quoted object property name expected",
	    "comment (strict JSON)");
	bad("[]", "f.json: must be an object, not an array", "top level array");
	bad("{}", "f.json: missing \"version\" (must be 1)", "no version");
	bad("{'version':2}", "f.json: version: must be 1 (this vsw version's format)",
	    "version 2");
	bad("{'version':'1'}", "f.json: version: must be 1 (this vsw version's format)",
	    "version as a string");
	bad("{'version':1,'switch':[]}", "f.json: switch: unknown key",
	    "unknown top-level key");
	bad("{'version':1,'switches':{}}",
	    "f.json: switches: must be an array, not an object", "switches object");
	bad("{'version':1,'switches':[3]}",
	    "f.json: switches[0]: must be an object, not a number", "switch number");
	bad("{'version':1,'switches':[{}]}", "f.json: switches[0]: missing \"name\"",
	    "switch without a name");
	bad("{'version':1,'switches':[{'name':'sw0'},{'name':'sw0'}]}",
	    "f.json: switches[1].name: duplicate switch \"sw0\"", "duplicate switch");
	bad(SW0(",'colour':'blue'"), "f.json: switches[0].colour: unknown key",
	    "typo in a switch key");
	bad("{'version':1,'switches':[{'name':'a/b'}]}",
	    "f.json: switches[0].name: invalid switch name \"a/b\" (1-15 characters, no '/', ':' or spaces)",
	    "bad switch name");
	bad("{'version':1,'switches':[{'name':'sixteen-chars-xx'}]}",
	    "f.json: switches[0].name: invalid switch name \"sixteen-chars-xx\" (1-15 characters, no '/', ':' or spaces)",
	    "switch name of IFNAMSIZ characters");
	bad("{'version':1,'switches':[{'name':'a\\u0000b'}]}",
	    "f.json: switches[0].name: must not contain a NUL character",
	    "NUL in a name");
	bad(SW0(",'ageing':0"), "f.json: switches[0].ageing: must be 1-1000000",
	    "ageing 0");
	bad(SW0(",'ageing':1.5"),
	    "f.json: switches[0].ageing: must be an integer 1-1000000, not a number",
	    "ageing 1.5");
	bad(SW0(",'ageing':'300'"),
	    "f.json: switches[0].ageing: must be an integer 1-1000000, not a string",
	    "ageing as a string");
	bad(SW0(",'fdb_max':-1"), "f.json: switches[0].fdb_max: must be 0-4294967295",
	    "fdb_max -1");
	bad(SW0(",'fdb_max':4294967296"),
	    "f.json: switches[0].fdb_max: must be 0-4294967295", "fdb_max 2^32");
	bad(SW0(",'fdb_max':99999999999999999999"),
	    "f.json: switches[0].fdb_max: must be 0-4294967295",
	    "fdb_max beyond 64 bits");
	bad(SW0(",'team':{'policy':'foo'}"),
	    "f.json: switches[0].team.policy: invalid value \"foo\" for \"policy\" (port-id|ip-hash|mac-hash|failover|lacp)",
	    "unknown team policy");
	bad(SW0(",'vxlan':null"),
	    "f.json: switches[0].vxlan: must be an array, not null", "vxlan null");
	bad(SW0(",'host_portgroup':'mgmt'"),
	    "f.json: switches[0].host_portgroup: no port group \"mgmt\" in switch sw0",
	    "host port in a missing group");
}

static void test_bad_portgroups(void)
{
	bad(SW0(",'portgroups':[{'name':'a'},{'name':'b'},{'name':'web','vlan':4096}]"),
	    "f.json: switches[0].portgroups[2].vlan: must be 0-4095", "vlan 4096");
	bad(SW0(",'portgroups':[{'vlan':5}]"),
	    "f.json: switches[0].portgroups[0]: missing \"name\"", "group without a name");
	bad(SW0(",'portgroups':[{'name':'a b'}]"),
	    "f.json: switches[0].portgroups[0].name: invalid port group name \"a b\" (1-63 printable characters, no spaces)",
	    "group name with a space");
	bad(SW0(",'portgroups':[{'name':'web'},{'name':'web'}]"),
	    "f.json: switches[0].portgroups[1].name: duplicate port group \"web\"",
	    "duplicate group");
	bad(SW0(",'portgroups':[{'name':'t','vlan':10,'trunk':'10'}]"),
	    "f.json: switches[0].portgroups[0].trunk: cannot be combined with a vlan (set \"vlan\" to null)",
	    "vlan and trunk");
	bad(SW0(",'portgroups':[{'name':'t','trunk':'10-5'}]"),
	    "f.json: switches[0].portgroups[0].trunk: trunk list \"10-5\": range \"10-5\" ends before it starts",
	    "backwards range");
	bad(SW0(",'portgroups':[{'name':'t','trunk':'0,4'}]"),
	    "f.json: switches[0].portgroups[0].trunk: trunk list \"0,4\": VLAN 0 is out of range (1-4094)",
	    "VLAN 0 in a trunk");
	bad(SW0(",'portgroups':[{'name':'t','trunk':[10,20]}]"),
	    "f.json: switches[0].portgroups[0].trunk: must be a string, not an array",
	    "trunk as an array");
	bad(SW0(",'portgroups':[{'name':'t','trunk':'10','native':20}]"),
	    "f.json: switches[0].portgroups[0].native: VLAN 20 is not in the trunk list",
	    "native not in the trunk");
	bad(SW0(",'portgroups':[{'name':'t','native':20}]"),
	    "f.json: switches[0].portgroups[0].native: a native VLAN needs a trunk list",
	    "native without a trunk");
	bad(SW0(",'portgroups':[{'name':'t','trunk':'10','native':4095}]"),
	    "f.json: switches[0].portgroups[0].native: must be 1-4094", "native 4095");
	bad(SW0(",'portgroups':[{'name':'t','security':{'promisc':1}}]"),
	    "f.json: switches[0].portgroups[0].security.promisc: must be true or false, not a number",
	    "policy as a number");
	bad(SW0(",'portgroups':[{'name':'t','security':{'promiscuous':true}}]"),
	    "f.json: switches[0].portgroups[0].security.promiscuous: unknown key",
	    "policy typo");
	bad(SW0(",'portgroups':[{'name':'t','security':null}]"),
	    "f.json: switches[0].portgroups[0].security: must be an object, not null",
	    "security null");
	bad(SW0(",'portgroups':[{'name':'t','shaping':{'avg_kbit':1000,'peak_kbit':2000}}]"),
	    "f.json: switches[0].portgroups[0].shaping: missing \"burst_kb\"",
	    "shaping without burst");
	bad(SW0(",'portgroups':[{'name':'t','shaping':{'avg_kbit':1000,'peak_kbit':500,'burst_kb':10}}]"),
	    "f.json: switches[0].portgroups[0].shaping.peak_kbit: must be at least avg_kbit (1000)",
	    "peak below avg");
	bad(SW0(",'portgroups':[{'name':'t','shaping':{'avg_kbit':1,'peak_kbit':1,'burst_kb':1048577}}]"),
	    "f.json: switches[0].portgroups[0].shaping.burst_kb: must be 1-1048576",
	    "burst too large");
	bad(SW0(",'portgroups':[{'name':'t','shaping':{'avg_kbit':0,'peak_kbit':1,'burst_kb':1}}]"),
	    "f.json: switches[0].portgroups[0].shaping.avg_kbit: must be 1-4294967295",
	    "avg 0");
	bad(SW0(",'portgroups':[{'name':'t','mode':'access'}]"),
	    "f.json: switches[0].portgroups[0].mode: unknown key",
	    "portgroup show's mode is not a file key");
}

static void test_bad_ports(void)
{
	bad(SW0(",'uplinks':['eth1','eth1']"),
	    "f.json: switches[0].uplinks[1]: duplicate uplink \"eth1\"", "duplicate uplink");
	bad(SW0(",'uplinks':[{'name':'eth1'}]"),
	    "f.json: switches[0].uplinks[0]: must be a string, not an object",
	    "uplink as an object");
	bad(SW0(",'uplinks':['sw0']"),
	    "f.json: switches[0].uplinks[0]: \"sw0\" is the switch itself",
	    "uplink is the switch");
	bad(SW0(",'ports':[{'name':'vnet0','portgroup':'web'}]"),
	    "f.json: switches[0].ports[0].portgroup: no port group \"web\" in switch sw0",
	    "port in a missing group");
	bad(SW0(",'ports':[{'name':'vnet0'},{'name':'vnet0'}]"),
	    "f.json: switches[0].ports[1].name: duplicate port \"vnet0\"", "duplicate port");
	bad(SW0(",'ports':[{'name':'vnet0','mac':'52:54:00:00:00'}]"),
	    "f.json: switches[0].ports[0].mac: invalid MAC address \"52:54:00:00:00\" (xx:xx:xx:xx:xx:xx)",
	    "short MAC");
	bad(SW0(",'ports':[{'name':'vnet0','mac':'01:00:5e:00:00:01'}]"),
	    "f.json: switches[0].ports[0].mac: \"01:00:5e:00:00:01\" is a multicast address",
	    "multicast port MAC");
	bad(SW0(",'ports':[{'name':'vnet0','mac':'00:00:00:00:00:00'}]"),
	    "f.json: switches[0].ports[0].mac: \"00:00:00:00:00:00\" is all zeroes",
	    "zero port MAC");
	bad(SW0(",'ports':[{'name':'vnet0','fdb_max':-5}]"),
	    "f.json: switches[0].ports[0].fdb_max: must be 0-4294967295", "port fdb_max");
	bad(SW0(",'ports':[{'name':'vnet0','kind':'port'}]"),
	    "f.json: switches[0].ports[0].kind: unknown key", "port key typo");
	bad(SW0(",'ports':[{'portgroup':'default'}]"),
	    "f.json: switches[0].ports[0]: missing \"name\"", "port without a name");
	bad(SW0(",'uplinks':['eth1'],'ports':[{'name':'eth1'}]"),
	    "f.json: switches[0].ports[0].name: \"eth1\" is also an uplink",
	    "a port and an uplink");
	bad(SW0(",'ports':[{'name':'sw0'}]"),
	    "f.json: switches[0].ports[0].name: \"sw0\" is the switch itself (its port group is host_portgroup)",
	    "the host port as a port");
	bad("{'version':1,'switches':[{'name':'sw0','ports':[{'name':'vnet0'}]},"
	    "{'name':'sw1','uplinks':['vnet0']}]}",
	    "f.json: switches[1].uplinks[0]: \"vnet0\" is also listed in switch sw0",
	    "a device in two switches");
	bad("{'version':1,'switches':[{'name':'sw0','ports':[{'name':'sw1'}]},"
	    "{'name':'sw1'}]}",
	    "f.json: switches[0].ports[0].name: \"sw1\" is a switch",
	    "a switch as a port");
}

static void test_bad_fdb(void)
{
	bad(SW0(",'ports':[],'fdb':[{'mac':'02:00:00:00:00:01','port':'vnet9'}]"),
	    "f.json: switches[0].fdb[0].port: \"vnet9\" is not a port, an uplink or the switch sw0",
	    "entry on an unlisted port");
	bad(SW0(",'fdb':[{'mac':'02:00:00:00:00:01','vlan':4095,'port':'sw0'}]"),
	    "f.json: switches[0].fdb[0].vlan: must be 0-4094", "entry in VLAN 4095");
	bad(SW0(",'fdb':[{'mac':'ff:ff:ff:ff:ff:ff','port':'sw0'}]"),
	    "f.json: switches[0].fdb[0].mac: \"ff:ff:ff:ff:ff:ff\" is a multicast address",
	    "broadcast entry");
	bad(SW0(",'fdb':[{'port':'sw0'}]"),
	    "f.json: switches[0].fdb[0]: missing \"mac\"", "entry without a MAC");
	bad(SW0(",'fdb':[{'mac':'02:00:00:00:00:01'}]"),
	    "f.json: switches[0].fdb[0]: missing \"port\"", "entry without a port");
	bad(SW0(",'fdb':[{'mac':'02:00:00:00:00:01','port':'sw0'},"
		"{'mac':'02:00:00:00:00:01','vlan':0,'port':'sw0'}]"),
	    "f.json: switches[0].fdb[1]: duplicate entry for 02:00:00:00:00:01 in VLAN 0",
	    "duplicate entry");
	bad(SW0(",'fdb':[{'mac':'02:00:00:00:00:01','port':'sw0','static':true}]"),
	    "f.json: switches[0].fdb[0].static: unknown key", "fdb show's static is not a file key");
}

static void test_bad_team(void)
{
	char many[1024] = "";
	size_t len = 0;
	unsigned int i;

	bad(SW0(",'team':[]"),
	    "f.json: switches[0].team: must be null or an object, not an array",
	    "team as an array");
	bad(SW0(",'team':{'colour':'blue'}"),
	    "f.json: switches[0].team.colour: unknown key", "unknown team key");
	bad(SW0(",'team':{'detect':'foo'}"),
	    "f.json: switches[0].team.detect: invalid value \"foo\" for \"detect\" (link|beacon)",
	    "detect foo");
	bad(SW0(",'team':{'lacp_rate':1}"),
	    "f.json: switches[0].team.lacp_rate: must be a string, not a number",
	    "LACP rate as a number");
	bad(SW0(",'team':{'lacp_rate':'medium'}"),
	    "f.json: switches[0].team.lacp_rate: invalid value \"medium\" for \"lacp-rate\" (slow|fast)",
	    "LACP rate medium");
	bad(SW0(",'team':{'failback':'on'}"),
	    "f.json: switches[0].team.failback: must be true or false, not a string",
	    "failback as a string");
	bad(SW0(",'team':{'notify_switches':null}"),
	    "f.json: switches[0].team.notify_switches: must be true or false, not null",
	    "notify_switches null");
	bad(SW0(",'team':{'active':'eth1'}"),
	    "f.json: switches[0].team.active: must be an array of uplink names, not a string",
	    "a list as a string");
	bad(SW0(",'uplinks':['eth1'],'team':{'active':['eth1','eth1']}"),
	    "f.json: switches[0].team.active[1]: \"eth1\" is listed twice",
	    "an uplink twice in a list");
	bad(SW0(",'team':{'standby':['a/b']}"),
	    "f.json: switches[0].team.standby[0]: invalid device name \"a/b\" (1-15 characters, no '/', ':' or spaces)",
	    "a bad name in a list");
	bad(SW0(",'uplinks':['eth1'],'team':{'active':['eth2']}"),
	    "f.json: switches[0].team.active[0]: \"eth2\" is not an uplink of switch sw0",
	    "a list names a device that is no uplink");
	bad(SW0(",'ports':[{'name':'vnet0'}],'team':{'standby':['vnet0']}"),
	    "f.json: switches[0].team.standby[0]: \"vnet0\" is not an uplink of switch sw0",
	    "a list names a port");
	bad(SW0(",'uplinks':['eth1','eth2'],'team':{'active':['eth1'],'standby':['eth2','eth1']}"),
	    "f.json: switches[0].team.standby[1]: \"eth1\" is also in the active list",
	    "an uplink in both lists");
	bad("{'version':1,'switches':[{'name':'sw0','uplinks':['eth1']},"
	    "{'name':'sw1','uplinks':['eth2'],'team':{'active':['eth1']}}]}",
	    "f.json: switches[1].team.active[0]: \"eth1\" is not an uplink of switch sw1",
	    "a list names another switch's uplink");
	for (i = 0; i <= CFG_TEAM_LIST_MAX; i++)
		len += snprintf(many + len, sizeof(many) - len, "%s'e%u'",
				i ? "," : "", i);
	{
		char json[2048];

		snprintf(json, sizeof(json), SW0(",'team':{'active':[%s]}"), many);
		bad(json, "f.json: switches[0].team.active: at most 32 uplinks",
		    "33 uplinks in a list");
	}
}

#define VX0(fields) SW0(",'vxlan':[{'vni':10,'vlan':10,'local':'192.0.2.1'" fields "}]")

static void test_bad_vxlan(void)
{
	char json[8192], *p;
	unsigned int i;

	bad(SW0(",'vxlan':{}"), "f.json: switches[0].vxlan: must be an array, not an object",
	    "vxlan object");
	bad(SW0(",'vxlan':[{'vlan':10,'local':'192.0.2.1'}]"),
	    "f.json: switches[0].vxlan[0]: missing \"vni\"", "VNI without a number");
	bad(SW0(",'vxlan':[{'vni':10,'local':'192.0.2.1'}]"),
	    "f.json: switches[0].vxlan[0]: missing \"vlan\"", "VNI without a VLAN");
	bad(SW0(",'vxlan':[{'vni':10,'vlan':10}]"),
	    "f.json: switches[0].vxlan[0]: missing \"local\"", "VNI without a local address");
	bad(SW0(",'vxlan':[{'vni':0,'vlan':10,'local':'192.0.2.1'}]"),
	    "f.json: switches[0].vxlan[0].vni: must be 1-16777215", "VNI 0");
	bad(SW0(",'vxlan':[{'vni':16777216,'vlan':10,'local':'192.0.2.1'}]"),
	    "f.json: switches[0].vxlan[0].vni: must be 1-16777215", "VNI 2^24");
	bad(SW0(",'vxlan':[{'vni':'10','vlan':10,'local':'192.0.2.1'}]"),
	    "f.json: switches[0].vxlan[0].vni: must be an integer 1-16777215, not a string",
	    "VNI as a string");
	bad(SW0(",'vxlan':[{'vni':10,'vlan':4095,'local':'192.0.2.1'}]"),
	    "f.json: switches[0].vxlan[0].vlan: must be 0-4094", "VNI on VLAN 4095");
	bad(SW0(",'vxlan':[{'vni':10,'vlan':10,'local':'192.0.2'}]"),
	    "f.json: switches[0].vxlan[0].local: invalid local address \"192.0.2\" (IPv4 or IPv6)",
	    "bad local address");
	bad(SW0(",'vxlan':[{'vni':10,'vlan':10,'local':'ff02::1'}]"),
	    "f.json: switches[0].vxlan[0].local: local address ff02::1 is not a unicast address",
	    "multicast local address");
	bad(VX0(",'remote':'192.0.2.2'"),
	    "f.json: switches[0].vxlan[0].remote: must be an array of addresses, not a string",
	    "remote as a string");
	bad(VX0(",'remote':['192.0.2.2','192.0.2.x']"),
	    "f.json: switches[0].vxlan[0].remote[1]: invalid remote address \"192.0.2.x\" (IPv4 or IPv6)",
	    "bad remote address");
	bad(VX0(",'remote':['192.0.2.2','192.0.2.2']"),
	    "f.json: switches[0].vxlan[0].remote[1]: 192.0.2.2 is listed twice",
	    "a remote twice");
	bad(VX0(",'remote':['0.0.0.0']"),
	    "f.json: switches[0].vxlan[0].remote[0]: remote address 0.0.0.0 is not a unicast address",
	    "unspecified remote");
	bad(VX0(",'remote':['192.0.2.3','2001:db8::2']"),
	    "f.json: switches[0].vxlan[0].remote[1]: 2001:db8::2 is IPv6, the local address is IPv4",
	    "remote of another family");
	bad(VX0(",'remote':['192.0.2.1']"),
	    "f.json: switches[0].vxlan[0].remote[0]: 192.0.2.1 is the local address",
	    "the local address as a remote");
	bad(VX0(",'group':'192.0.2.9','dev':'eth1'"),
	    "f.json: switches[0].vxlan[0].group: 192.0.2.9 is not a multicast address",
	    "unicast group");
	bad(VX0(",'group':'ff05::1','dev':'eth1'"),
	    "f.json: switches[0].vxlan[0].group: ff05::1 is IPv6, the local address is IPv4",
	    "group of another family");
	bad(VX0(",'group':'239.1.1.1'"),
	    "f.json: switches[0].vxlan[0].group: a group needs \"dev\", the device to join it on",
	    "group without a device");
	bad(VX0(",'group':'239.1.1.1','dev':null"),
	    "f.json: switches[0].vxlan[0].group: a group needs \"dev\", the device to join it on",
	    "group with a null device");
	bad(VX0(",'dev':'eth1'"),
	    "f.json: switches[0].vxlan[0].dev: a device goes with a \"group\"",
	    "device without a group");
	bad(VX0(",'dev':'eth1','group':null"),
	    "f.json: switches[0].vxlan[0].dev: a device goes with a \"group\"",
	    "device with a null group");
	bad(VX0(",'group':'239.1.1.1','dev':'a/b'"),
	    "f.json: switches[0].vxlan[0].dev: invalid device name \"a/b\" (1-15 characters, no '/', ':' or spaces)",
	    "bad device name");
	bad(VX0(",'dstport':0"), "f.json: switches[0].vxlan[0].dstport: must be 1-65535",
	    "dstport 0");
	bad(VX0(",'ttl':256"), "f.json: switches[0].vxlan[0].ttl: must be 1-255", "ttl 256");
	bad(VX0(",'learning':'on'"),
	    "f.json: switches[0].vxlan[0].learning: must be true or false, not a string",
	    "learning as a string");
	bad(VX0(",'remotes':[]"), "f.json: switches[0].vxlan[0].remotes: unknown key",
	    "typo in a VNI key");
	bad(SW0(",'vxlan':[{'vni':10,'vlan':10,'local':'192.0.2.1'},"
		"{'vni':10,'vlan':11,'local':'192.0.2.1'}]"),
	    "f.json: switches[0].vxlan[1].vni: duplicate VNI 10", "a VNI twice");
	bad(SW0(",'vxlan':[{'vni':10,'vlan':10,'local':'192.0.2.1'},"
		"{'vni':11,'vlan':10,'local':'192.0.2.1'}]"),
	    "f.json: switches[0].vxlan[1].vlan: VLAN 10 already has VNI 10",
	    "a VLAN with two VNIs");
	bad("{'version':1,'switches':[{'name':'sw0','vxlan':[{'vni':10,'vlan':10,"
	    "'local':'2001:db8::1','dstport':8472}]},{'name':'sw1','vxlan':[{'vni':10,"
	    "'vlan':10,'local':'2001:db8::9','dstport':8472}]}]}",
	    "f.json: switches[1].vxlan[0].vni: VNI 10 on UDP port 8472 (IPv6) is also bound in switch sw0",
	    "a VNI on one port and family in two switches");

	/* 128 remotes are taken, 129 refused. */
	p = json + snprintf(json, sizeof(json),
			    "{'version':1,'switches':[{'name':'sw0','vxlan':[{'vni':1,"
			    "'vlan':1,'local':'192.0.2.1','remote':[");
	for (i = 0; i < VSW_VXLAN_REMOTES_MAX + 1; i++)
		p += sprintf(p, "%s'10.0.0.%u'", i ? "," : "", i + 1);
	strcpy(p, "]}]}]}");
	bad(json, "f.json: switches[0].vxlan[0].remote: at most 128 remote addresses",
	    "129 remotes");
	{
		struct cfg cfg;
		char *last = strrchr(json, ',');

		strcpy(last, "]}]}]}");
		ok(load(json, &cfg) == 0 && cfg.sw[0].vxlans[0].n_remotes == 128,
		   "128 remotes are taken");
		cfg_free(&cfg);
	}
}

static const char vxlan_file[] =
	"{'version':1,'switches':[{'name':'sw0','vxlan':["
	"{'vni':20,'vlan':0,'local':'2001:db8::1','group':'ff05::100','dev':'eth1',"
	"'dstport':8472,'ttl':10,'learning':false},"
	"{'vni':10,'vlan':10,'local':'192.0.2.1','remote':['198.51.100.3','198.51.100.2'],"
	"'group':null,'dev':null}]}]}";

static void test_vxlan_file(void)
{
	const struct cfg_vxlan *vx;
	struct cfg cfg, again;
	char *s, *s2;

	if (!ok(load(vxlan_file, &cfg) == 0, "a file with VNIs is read"))
		printf("#   %s\n", cli_errbuf);
	if (cfg.n_sw != 1)
		return;
	vx = cfg_find_vxlan(&cfg.sw[0], 20);
	ok(vx && vx->vlan == 0 && vx->local.family == AF_INET6 && vx->has_group &&
	   vx->group.addr[0] == 0xff && !strcmp(vx->dev, "eth1") &&
	   vx->dstport == 8472 && vx->ttl == 10 && !vx->learning &&
	   !vx->n_remotes, "an IPv6 VNI with a group and every setting");
	vx = cfg_find_vxlan(&cfg.sw[0], 10);
	ok(vx && vx->vlan == 10 && vx->local.family == AF_INET && !vx->has_group &&
	   !vx->dev[0] && vx->n_remotes == 2 && vx->dstport == 4789 &&
	   vx->ttl == 64 && vx->learning,
	   "an IPv4 VNI: null group and device, the defaults");

	s = text_of(&cfg);
	ok_str(s, q("{'version':1,'switches':[{'name':'sw0','ageing':300,'fdb_max':65536,"
		    "'host_portgroup':'default','portgroups':[{'name':'default','vlan':0,"
		    "'trunk':null,'native':null,'security':{'promisc':false,"
		    "'mac_change':false,'forged_transmits':false},'shaping':null}],"
		    "'uplinks':[],'ports':[],'fdb':[],'team':null,'vxlan':["
		    "{'vni':10,'vlan':10,'local':'192.0.2.1',"
		    "'remote':['198.51.100.2','198.51.100.3'],'group':null,'dev':null,"
		    "'dstport':4789,'ttl':64,'learning':true},"
		    "{'vni':20,'vlan':0,'local':'2001:db8::1','remote':[],"
		    "'group':'ff05::100','dev':'eth1','dstport':8472,'ttl':10,"
		    "'learning':false}]}]}"),
	       "VNIs written sorted, remotes sorted, every key");
	ok(load(s, &again) == 0, "VNIs written are read back");
	s2 = text_of(&again);
	ok_str(s2, s, "and written the same again");
	free(s);
	free(s2);
	cfg_free(&again);
	cfg_free(&cfg);
}

static const char full[] =
	"{'version':1,'switches':[{'name':'sw0','ageing':30,'fdb_max':100,"
	"'host_portgroup':'mgmt',"
	"'portgroups':[{'name':'web','vlan':10},"
	"{'name':'tr','vlan':null,'trunk':'20-22,10','native':21,"
	"'security':{'promisc':true,'forged_transmits':true},"
	"'shaping':{'avg_kbit':1000,'peak_kbit':2000,'burst_kb':64}},"
	"{'name':'mgmt','vlan':4095},{'name':'default'}],"
	"'uplinks':['eth2','eth1'],"
	"'ports':[{'name':'vnet1','portgroup':'tr','fdb_max':8},"
	"{'name':'vnet0','portgroup':'web','mac':'52:54:00:AA:00:01'}],"
	"'fdb':[{'mac':'02:00:00:00:00:02','vlan':10,'port':'vnet0'},"
	"{'mac':'02:00:00:00:00:01','port':'sw0'}],"
	"'team':null,'vxlan':[]}]}";

/* What save writes for @full: sorted, every key, null where unset. */
static const char full_saved[] =
	"{'version':1,'switches':[{'name':'sw0','ageing':30,'fdb_max':100,"
	"'host_portgroup':'mgmt','portgroups':["
	"{'name':'default','vlan':0,'trunk':null,'native':null,"
	"'security':{'promisc':false,'mac_change':false,'forged_transmits':false},'shaping':null},"
	"{'name':'mgmt','vlan':4095,'trunk':null,'native':null,"
	"'security':{'promisc':false,'mac_change':false,'forged_transmits':false},'shaping':null},"
	"{'name':'tr','vlan':null,'trunk':'10,20-22','native':21,"
	"'security':{'promisc':true,'mac_change':false,'forged_transmits':true},"
	"'shaping':{'avg_kbit':1000,'peak_kbit':2000,'burst_kb':64}},"
	"{'name':'web','vlan':10,'trunk':null,'native':null,"
	"'security':{'promisc':false,'mac_change':false,'forged_transmits':false},'shaping':null}],"
	"'uplinks':['eth1','eth2'],"
	"'ports':[{'name':'vnet0','portgroup':'web','mac':'52:54:00:aa:00:01'},"
	"{'name':'vnet1','portgroup':'tr','fdb_max':8}],"
	"'fdb':[{'mac':'02:00:00:00:00:01','vlan':0,'port':'sw0'},"
	"{'mac':'02:00:00:00:00:02','vlan':10,'port':'vnet0'}],"
	"'team':null,'vxlan':[]}]}";

static void test_good_file(void)
{
	const struct cfg_switch *sw;
	const struct cfg_pg *pg;
	struct cfg cfg, again;
	char *s, *s2;
	char want[sizeof(full_saved)];

	if (!ok(load(full, &cfg) == 0, "a full file is read"))
		printf("#   %s\n", cli_errbuf);
	if (!cfg.n_sw)
		return;
	sw = &cfg.sw[0];
	ok(sw->ageing == 30 && sw->fdb_max == 100 && !strcmp(sw->host_pg, "mgmt"),
	   "switch settings");
	pg = cfg_find_pg(sw, "tr");
	ok(pg && pg->mode == VSW_PG_MODE_TRUNK_LIST && pg->native == 21 &&
	   vsw_vlan_bitmap_test(pg->trunk, 10) &&
	   vsw_vlan_bitmap_test(pg->trunk, 22) &&
	   !vsw_vlan_bitmap_test(pg->trunk, 23) && pg->promisc &&
	   !pg->mac_change && pg->forged_transmits && pg->shaping_on &&
	   pg->shaping.burst_kb == 64, "trunk group with policies and shaping");
	pg = cfg_find_pg(sw, "mgmt");
	ok(pg && pg->mode == VSW_PG_MODE_TRUNK_ALL && pg->vlan == 4095,
	   "vlan 4095 is trunk-all");
	ok(cfg_find_port(sw->ports, sw->n_ports, "vnet0")->has_mac &&
	   !cfg_find_port(sw->ports, sw->n_ports, "vnet1")->has_mac,
	   "a port's MAC only where given");

	s = text_of(&cfg);
	snprintf(want, sizeof(want), "%s", q(full_saved));
	ok_str(s, want, "written back sorted and complete");
	ok(load(s, &again) == 0, "what save writes is read back");
	s2 = text_of(&again);
	ok_str(s2, s, "and written the same again");
	free(s);
	free(s2);
	cfg_free(&again);
	cfg_free(&cfg);

	ok(load("{'version':1}", &cfg) == 0 && cfg.n_sw == 0,
	   "a file without switches");
	cfg_free(&cfg);
	ok(load("{'switches':[{'name':'sw0'}],'version':1}", &cfg) == 0 &&
	   cfg.n_sw == 1 && cfg.sw[0].ageing == VSW_AGEING_DEFAULT &&
	   cfg.sw[0].fdb_max == VSW_FDB_MAX_DEFAULT &&
	   !strcmp(cfg.sw[0].host_pg, "default") && cfg.sw[0].n_pgs == 1 &&
	   !strcmp(cfg.sw[0].pgs[0].name, "default"),
	   "keys in any order; left out: the defaults and the default group");
	cfg_free(&cfg);
}

static const char team_file[] =
	"{'version':1,'switches':[{'name':'sw0','uplinks':['eth1','eth2','eth3'],"
	"'team':{'lacp_rate':'slow','standby':['eth3'],'policy':'failover',"
	"'active':['eth2','eth1'],'detect':'beacon','failback':false,"
	"'notify_switches':true}},"
	"{'name':'sw1','team':{}},{'name':'sw2','team':null}]}";

static void test_team_file(void)
{
	const struct cfg_switch *sw;
	struct cfg cfg, again;
	char *s, *s2;

	if (!ok(load(team_file, &cfg) == 0, "a file with teams is read"))
		printf("#   %s\n", cli_errbuf);
	if (cfg.n_sw != 3)
		return;
	sw = cfg_find_switch(&cfg, "sw0");
	ok(sw->has[CFG_TEAM] && sw->team.policy == VSW_TEAM_POLICY_FAILOVER &&
	   sw->team.detect == VSW_TEAM_DETECT_BEACON && !sw->team.failback &&
	   sw->team.notify && sw->team.lacp_rate == VSW_LACP_RATE_SLOW,
	   "team settings");
	ok(sw->team.n_active == 2 && !strcmp(sw->team.active[0], "eth2") &&
	   !strcmp(sw->team.active[1], "eth1") && sw->team.n_standby == 1 &&
	   !strcmp(sw->team.standby[0], "eth3"), "team lists, in their order");
	sw = cfg_find_switch(&cfg, "sw1");
	ok(sw->has[CFG_TEAM] && sw->team.policy == VSW_TEAM_POLICY_PORT_ID &&
	   sw->team.detect == VSW_TEAM_DETECT_LINK && sw->team.failback &&
	   sw->team.notify && sw->team.lacp_rate == VSW_LACP_RATE_FAST &&
	   !sw->team.n_active && !sw->team.n_standby,
	   "an empty team object: the defaults");
	sw = cfg_find_switch(&cfg, "sw2");
	ok(!sw->has[CFG_TEAM], "a null team: left alone");

	s = text_of(&cfg);
	ok(strstr(s, q("'team':{'policy':'failover','active':['eth2','eth1'],"
		       "'standby':['eth3'],'detect':'beacon','failback':false,"
		       "'notify_switches':true,'lacp_rate':'slow'}")) != NULL,
	   "a team written with every key, lists in their order");
	ok(strstr(s, q("{'name':'sw1','ageing':300")) &&
	   strstr(s, q("'team':{'policy':'port-id','active':[],'standby':[],"
		       "'detect':'link','failback':true,'notify_switches':true,"
		       "'lacp_rate':'fast'}")) != NULL,
	   "the defaults written out in full");
	ok(strstr(s, q("'fdb':[],'team':null,'vxlan':[]}]}")) != NULL,
	   "a null team written as null");
	ok(load(s, &again) == 0, "teams written are read back");
	s2 = text_of(&again);
	ok_str(s2, s, "and written the same again");
	free(s);
	free(s2);
	cfg_free(&again);
	cfg_free(&cfg);
}

/* ---- the host file ---------------------------------------------------- */

static const char shared[] =
	"{'version':1,'switches':[{'name':'sw0','ageing':60,"
	"'portgroups':[{'name':'web','vlan':10}],'uplinks':['eth1'],"
	"'ports':[{'name':'vnet0','portgroup':'web'}]},"
	"{'name':'sw1','uplinks':['eth2']}]}";

static int merge(const char *host_json, struct cfg *cfg)
{
	struct cfg host;
	int ret;

	if (parse("main.json", shared, cfg))
		return -2;
	if (parse("host.json", host_json, &host)) {
		cfg_free(cfg);
		return -1;
	}
	ret = cfg_merge(cfg, &host, "main.json");
	cfg_free(&host);
	if (!ret)
		ret = cfg_check(cfg);
	if (ret)
		cfg_free(cfg);
	return ret;
}

static void test_merge(void)
{
	const struct cfg_switch *sw;
	struct cfg cfg;

	ok(merge("{'version':1,'switches':[{'name':'sw0','uplinks':['enp3s0','enp4s0'],"
		 "'ports':[]}]}", &cfg) == 0, "a host file is merged");
	sw = cfg_find_switch(&cfg, "sw0");
	ok(sw && sw->n_uplinks == 2 && !strcmp(sw->uplinks[0].name, "enp3s0") &&
	   sw->n_ports == 0, "its uplinks and ports replace the main file's");
	ok(sw && sw->ageing == 60 && sw->n_pgs == 2,
	   "fields it leaves out stay the main file's");
	sw = cfg_find_switch(&cfg, "sw1");
	ok(sw && sw->n_uplinks == 1 && !strcmp(sw->uplinks[0].name, "eth2"),
	   "a switch it leaves out stays as it is");
	cfg_free(&cfg);

	ok(merge("{'version':1,'switches':[{'name':'sw2','uplinks':['eth3']}]}",
		 &cfg) == -1, "a switch only the host file has: refused");
	ok_str(cli_errbuf,
	       "host.json: switches[0].name: switch \"sw2\" is not in main.json",
	       "... naming the host file's field");
	ok(merge("{'version':1,'switches':[{'name':'sw0','ports':"
		 "[{'name':'vnet0'},{'name':'vnet1','portgroup':'db'}]}]}", &cfg) == -1,
	   "a port the host file puts in a missing group: refused");
	ok_str(cli_errbuf,
	       "host.json: switches[0].ports[1].portgroup: no port group \"db\" in switch sw0",
	       "... with the host file's path");
	ok(merge("{'version':1,'switches':[{'name':'sw1','uplinks':['eth1']}]}",
		 &cfg) == -1, "an uplink the main file gives another switch: refused");
	ok_str(cli_errbuf,
	       "host.json: switches[0].uplinks[0]: \"eth1\" is also listed in switch sw0",
	       "... at the host file's uplink");
	ok(merge("{'version':1,'switches':[{'name':'sw0','portgroups':[]}]}",
		 &cfg) == -1, "host file's portgroups replace the main file's whole list");
	ok_str(cli_errbuf,
	       "main.json: switches[0].ports[0].portgroup: no port group \"web\" in switch sw0",
	       "... and the main file's port then names a missing group");
	ok(merge("{'version':1,'switches':[{'name':'sw0','team':{'active':['eth1'],"
		 "'policy':'failover'}}]}", &cfg) == 0 &&
	   (sw = cfg_find_switch(&cfg, "sw0")) && sw->has[CFG_TEAM] &&
	   sw->team.policy == VSW_TEAM_POLICY_FAILOVER &&
	   sw->team.n_active == 1 && !cfg_find_switch(&cfg, "sw1")->has[CFG_TEAM],
	   "a host file's team is merged");
	cfg_free(&cfg);
	ok(merge("{'version':1,'switches':[{'name':'sw0','uplinks':['enp3s0'],"
		 "'team':{'standby':['eth1']}}]}", &cfg) == -1,
	   "a host file's team is checked against its uplinks");
	ok_str(cli_errbuf,
	       "host.json: switches[0].team.standby[0]: \"eth1\" is not an uplink of switch sw0",
	       "... with the host file's path");
	ok(merge("{'version':1,'switches':[{'name':'sw0','team':null}]}", &cfg) == 0 &&
	   !cfg_find_switch(&cfg, "sw0")->has[CFG_TEAM],
	   "a host file's null team changes nothing");
	cfg_free(&cfg);
	ok(merge("{'version':1,'switches':[{'name':'sw0','vxlan':[1]}]}",
		 &cfg) == -1, "a host file is checked like the main file");
	ok_str(cli_errbuf,
	       "host.json: switches[0].vxlan[0]: must be an object, not a number",
	       "... with its own name");
	ok(merge("{'version':1,'switches':[{'name':'sw0','vxlan':[{'vni':10,"
		 "'vlan':10,'local':'192.0.2.1','remote':['192.0.2.2']}]},"
		 "{'name':'sw1','vxlan':[{'vni':20,'vlan':0,'local':'192.0.2.1'}]}]}",
		 &cfg) == 0 && (sw = cfg_find_switch(&cfg, "sw0")) &&
	   sw->n_vxlans == 1 && sw->vxlans[0].vni == 10 &&
	   sw->vxlans[0].n_remotes == 1 && sw->has[CFG_VXLAN],
	   "a host file's VNIs are merged");
	cfg_free(&cfg);
	ok(merge("{'version':1,'switches':[{'name':'sw0','vxlan':[{'vni':10,"
		 "'vlan':10,'local':'192.0.2.1'}]},"
		 "{'name':'sw1','vxlan':[{'vni':10,'vlan':0,'local':'192.0.2.9'}]}]}",
		 &cfg) == -1, "one VNI on one UDP port in two switches: refused");
	ok_str(cli_errbuf,
	       "host.json: switches[1].vxlan[0].vni: VNI 10 on UDP port 4789 (IPv4) is also bound in switch sw0",
	       "... at the second switch's VNI");
}

/* ---- a model of the kernel, for the plans ----------------------------- */

static struct cfg_switch *sim_switch(struct cfg *st, const char *name)
{
	return (struct cfg_switch *)cfg_find_switch(st, name);
}

static void remove_at(void *arr, unsigned int *n, size_t size,
		      unsigned int i)
{
	char *a = arr;

	memmove(a + i * size, a + (i + 1) * size, (*n - i - 1) * size);
	(*n)--;
}

/* The switch and array index of an attached device. */
static struct cfg_switch *sim_find_dev(struct cfg *st, const char *dev,
				       bool *uplink, unsigned int *idx)
{
	unsigned int i, j;

	for (i = 0; i < st->n_sw; i++) {
		struct cfg_switch *sw = &st->sw[i];

		for (j = 0; j < sw->n_uplinks; j++)
			if (!strcmp(sw->uplinks[j].name, dev)) {
				*uplink = true;
				*idx = j;
				return sw;
			}
		for (j = 0; j < sw->n_ports; j++)
			if (!strcmp(sw->ports[j].name, dev)) {
				*uplink = false;
				*idx = j;
				return sw;
			}
	}
	return NULL;
}

/* PORTGROUP_NEW/SET's VLAN rules (kmod/netlink.c vsw_nl_vlan_cfg()). */
static int sim_pg_set(struct cfg_pg *pg, const struct vsw_portgroup_opts *o)
{
	if (o->has_vlan) {
		memset(pg->trunk, 0, sizeof(pg->trunk));
		pg->native = 0;
		pg->vlan = o->vlan;
		pg->mode = !o->vlan ? VSW_PG_MODE_NONE :
			   o->vlan == 4095 ? VSW_PG_MODE_TRUNK_ALL :
			   VSW_PG_MODE_ACCESS;
	} else if (o->has_trunk) {
		memcpy(pg->trunk, o->trunk, sizeof(pg->trunk));
		pg->mode = VSW_PG_MODE_TRUNK_LIST;
		pg->vlan = 0;
	}
	if (o->has_native) {
		if (pg->mode != VSW_PG_MODE_TRUNK_LIST)
			return -EINVAL;
		pg->native = o->native;
	}
	if (pg->mode == VSW_PG_MODE_TRUNK_LIST && pg->native &&
	    !vsw_vlan_bitmap_test(pg->trunk, pg->native))
		return -EINVAL;
	if (o->has_promisc)
		pg->promisc = o->promisc;
	if (o->has_mac_change)
		pg->mac_change = o->mac_change;
	if (o->has_forged_transmits)
		pg->forged_transmits = o->forged_transmits;
	if (o->has_shaping) {
		pg->shaping_on = o->shaping.avg_kbit != 0;
		pg->shaping = o->shaping;
	}
	return 0;
}

static bool pg_in_use(const struct cfg_switch *sw, const char *pg)
{
	unsigned int i;

	for (i = 0; i < sw->n_ports; i++)
		if (!strcmp(sw->ports[i].pg, pg))
			return true;
	return !strcmp(sw->host_pg, pg);
}

static int sim_pg(struct cfg_switch *sw, const struct cfg_call *c)
{
	struct cfg_pg *pg = (struct cfg_pg *)cfg_find_pg(sw, c->pg);

	switch (c->op) {
	case CFG_OP_PG_ADD:
		if (pg)
			return -EEXIST;
		return sim_pg_set(cfg_add_pg(sw, c->pg), &c->pgo);
	case CFG_OP_PG_SET:
		return pg ? sim_pg_set(pg, &c->pgo) : -ENOENT;
	default:
		if (!pg)
			return -ENOENT;
		if (!strcmp(c->pg, "default") || pg_in_use(sw, c->pg))
			return -EBUSY;
		remove_at(sw->pgs, &sw->n_pgs, sizeof(*pg), pg - sw->pgs);
		return 0;
	}
}

static void sim_port_opts(struct cfg_port *p, const struct cfg_call *c)
{
	static const uint8_t zero[VSW_MAC_LEN];

	if (c->pg[0])
		snprintf(p->pg, sizeof(p->pg), "%s", c->pg);
	if (c->po.has_mac) {
		p->has_mac = memcmp(c->po.mac, zero, VSW_MAC_LEN) != 0;
		memcpy(p->mac, c->po.mac, VSW_MAC_LEN);
	}
	if (c->po.has_fdb_max)
		p->fdb_max = c->po.fdb_max;
}

/* The kernel flushes a detached port's entries, static ones too. */
static void sim_flush(struct cfg_switch *sw, const char *dev)
{
	unsigned int i;

	for (i = sw->n_fdb; i-- > 0;)
		if (!strcmp(sw->fdb[i].port, dev))
			remove_at(sw->fdb, &sw->n_fdb, sizeof(*sw->fdb), i);
}

/* The kernel drops a detached uplink from its team's lists. */
static void sim_team_forget(struct cfg_switch *sw, const char *dev)
{
	struct cfg_team *t = &sw->team;
	unsigned int i;

	for (i = t->n_active; i-- > 0;)
		if (!strcmp(t->active[i], dev))
			remove_at(t->active, &t->n_active, IFNAMSIZ, i);
	for (i = t->n_standby; i-- > 0;)
		if (!strcmp(t->standby[i], dev))
			remove_at(t->standby, &t->n_standby, IFNAMSIZ, i);
}

static int sim_team_list(const struct cfg_switch *sw,
			 const char (*list)[IFNAMSIZ], unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!cfg_find_port(sw->uplinks, sw->n_uplinks, list[i]) ||
		    cfg_team_listed(list, i, list[i]))
			return -EINVAL;
	return 0;
}

/* TEAM_SET's rules (kmod/netlink.c, vsw_team_configure()). */
static int sim_team(struct cfg_switch *sw, const struct cfg_call *c)
{
	const struct vsw_team_opts *o = &c->teamo;
	struct cfg_team *t = &sw->team;
	unsigned int i;

	if ((o->has_active && sim_team_list(sw, c->team.active, o->n_active)) ||
	    (o->has_standby &&
	     sim_team_list(sw, c->team.standby, o->n_standby)))
		return -EINVAL;
	for (i = 0; o->has_standby && i < o->n_standby; i++)
		if (o->has_active ?
		    cfg_team_listed(c->team.active, o->n_active,
				    c->team.standby[i]) :
		    cfg_team_listed(t->active, t->n_active, c->team.standby[i]))
			return -EINVAL;
	if (o->has_active) {
		/* A new active list takes its uplinks out of standby. */
		for (i = 0; i < o->n_active; i++)
			sim_team_forget(sw, c->team.active[i]);
		memcpy(t->active, c->team.active, sizeof(t->active));
		t->n_active = o->n_active;
	}
	if (o->has_standby) {
		memcpy(t->standby, c->team.standby, sizeof(t->standby));
		t->n_standby = o->n_standby;
	}
	if (o->has_policy)
		t->policy = o->policy;
	if (o->has_detect)
		t->detect = o->detect;
	if (o->has_failback)
		t->failback = o->failback;
	if (o->has_notify)
		t->notify = o->notify;
	if (o->has_lacp_rate)
		t->lacp_rate = o->lacp_rate;
	sw->has[CFG_TEAM] = true;
	return 0;
}

static int sim_port(struct cfg *st, struct cfg_switch *sw,
		    const struct cfg_call *c)
{
	struct cfg_switch *at;
	struct cfg_port *p;
	unsigned int idx;
	bool uplink;

	at = sim_find_dev(st, c->dev, &uplink, &idx);
	switch (c->op) {
	case CFG_OP_PORT_ADD:
		/* "busy0" stands for a device with another master. */
		if (!sw || at || !strcmp(c->dev, "busy0") ||
		    sim_switch(st, c->dev))
			return -EBUSY;
		if (c->kind == VSW_PORT_KIND_UPLINK) {
			if (c->pg[0] || c->po.has_mac)
				return -EINVAL;
			cfg_add_port(&sw->uplinks, &sw->n_uplinks, c->dev);
			return 0;
		}
		if (c->pg[0] && !cfg_find_pg(sw, c->pg))
			return -ENOENT;
		p = cfg_add_port(&sw->ports, &sw->n_ports, c->dev);
		sim_port_opts(p, c);
		return 0;
	case CFG_OP_PORT_SET:
		if (sim_switch(st, c->dev)) {
			sw = sim_switch(st, c->dev);
			if (!cfg_find_pg(sw, c->pg) || c->po.has_mac)
				return -EINVAL;
			snprintf(sw->host_pg, sizeof(sw->host_pg), "%s", c->pg);
			return 0;
		}
		if (!at || uplink)
			return -ENOENT;
		if (c->pg[0] && !cfg_find_pg(at, c->pg))
			return -ENOENT;
		sim_port_opts(&at->ports[idx], c);
		return 0;
	default:
		if (!at || uplink != (c->kind == VSW_PORT_KIND_UPLINK))
			return -ENOENT;
		sim_flush(at, c->dev);
		if (uplink) {
			sim_team_forget(at, c->dev);
			remove_at(at->uplinks, &at->n_uplinks,
				  sizeof(*at->uplinks), idx);
		}
		else
			remove_at(at->ports, &at->n_ports, sizeof(*at->ports),
				  idx);
		return 0;
	}
}

static int sim_fdb(struct cfg *st, struct cfg_switch *sw,
		   const struct cfg_call *c)
{
	struct cfg_fdb *f;
	unsigned int idx;
	bool uplink;

	f = (struct cfg_fdb *)cfg_find_fdb(sw, c->mac, c->vlan);
	if (c->op == CFG_OP_FDB_DEL) {
		if (!f)
			return -ENOENT;
		remove_at(sw->fdb, &sw->n_fdb, sizeof(*f), f - sw->fdb);
		return 0;
	}
	if (strcmp(c->dev, sw->name) &&
	    sim_find_dev(st, c->dev, &uplink, &idx) != sw)
		return -ENOENT;
	if (!f) {
		f = cfg_add_fdb(sw);
		memcpy(f->mac, c->mac, VSW_MAC_LEN);
		f->vlan = c->vlan;
	}
	snprintf(f->port, sizeof(f->port), "%s", c->dev);
	return 0;
}

/*
 * VXLAN_NEW/DEL's rules (kmod/netlink.c, kmod/vxlan.c): what the kernel
 * gets is vxlan add's options, the defaults where nothing is flagged.
 */
static int sim_vxlan(struct cfg *st, struct cfg_switch *sw,
		     const struct cfg_call *c)
{
	const struct cfg_vxlan *old = cfg_find_vxlan(sw, c->vx->vni);
	struct vsw_vxlan_opts o;
	struct cfg_vxlan *vx;
	unsigned int i, j;

	if (c->op == CFG_OP_VXLAN_DEL) {
		if (!old)
			return -ENOENT;
		remove_at(sw->vxlans, &sw->n_vxlans, sizeof(*old),
			  old - sw->vxlans);
		return 0;
	}
	cfg_vxlan_opts(c->vx, c->sw, &o);
	for (i = 0; i < st->n_sw; i++) {
		for (j = 0; j < st->sw[i].n_vxlans; j++) {
			const struct cfg_vxlan *x = &st->sw[i].vxlans[j];

			if (&st->sw[i] == sw &&
			    (x->vni == o.vni || x->vlan == o.vlan))
				return -EEXIST;
			if (x->vni == o.vni && x->local.family == o.local.family &&
			    x->dstport == (o.has_dstport ? o.dstport : 4789))
				return -EADDRINUSE;
		}
	}
	if (o.has_group != !!o.dev || o.n_remotes > VSW_VXLAN_REMOTES_MAX)
		return -EINVAL;
	vx = cfg_add_vxlan(sw, o.vni);
	vx->vlan = o.vlan;
	vx->local = o.local;
	vx->n_remotes = o.n_remotes;
	memcpy(vx->remotes, o.remotes, o.n_remotes * sizeof(*o.remotes));
	vx->has_group = o.has_group;
	if (o.has_group) {
		vx->group = o.group;
		snprintf(vx->dev, sizeof(vx->dev), "%s", o.dev);
	}
	if (o.has_dstport)
		vx->dstport = o.dstport;
	if (o.has_ttl)
		vx->ttl = o.ttl;
	if (o.has_learning)
		vx->learning = o.learning;
	return 0;
}

static int sim_call(struct cfg *st, const struct cfg_call *c)
{
	struct cfg_switch *sw = sim_switch(st, c->sw);

	switch (c->op) {
	case CFG_OP_SW_ADD:
		if (sw)
			return -EEXIST;
		sw = cfg_add_switch(st, c->sw);
		cfg_add_pg(sw, "default");
		/* fall through */
	case CFG_OP_SW_SET:
		if (!sw)
			return -ENODEV;
		if (c->swo.has_ageing)
			sw->ageing = c->swo.ageing;
		if (c->swo.has_fdb_max)
			sw->fdb_max = c->swo.fdb_max;
		return 0;
	case CFG_OP_SW_DEL:
		if (!sw)
			return -ENODEV;
		free(sw->pgs);
		free(sw->uplinks);
		free(sw->ports);
		free(sw->fdb);
		free(sw->vxlans);
		remove_at(st->sw, &st->n_sw, sizeof(*sw), sw - st->sw);
		return 0;
	case CFG_OP_PG_ADD:
	case CFG_OP_PG_SET:
	case CFG_OP_PG_DEL:
		return sw ? sim_pg(sw, c) : -ENODEV;
	case CFG_OP_PORT_ADD:
	case CFG_OP_PORT_SET:
	case CFG_OP_PORT_DEL:
		return sim_port(st, sw, c);
	case CFG_OP_TEAM_SET:
		return sw ? sim_team(sw, c) : -ENODEV;
	case CFG_OP_VXLAN_ADD:
	case CFG_OP_VXLAN_DEL:
		return sw ? sim_vxlan(st, sw, c) : -ENODEV;
	default:
		return sw ? sim_fdb(st, sw, c) : -ENODEV;
	}
}

/* ---- plans ------------------------------------------------------------ */

/* Devices the tests' host lacks: names starting with "gone". */
static bool exists(const char *dev, void *arg)
{
	(void)arg;
	return strncmp(dev, "gone", 4) != 0;
}

static char *plan_text(const struct cfg_plan *plan, bool undo)
{
	char *s = NULL;
	size_t len = 0;
	unsigned int i;
	FILE *f;

	f = open_memstream(&s, &len);
	for (i = 0; i < plan->n_notes; i++)
		fprintf(f, "# %s\n", plan->notes[i]);
	for (i = 0; i < plan->n_steps; i++) {
		const struct cfg_step *st = &plan->steps[undo ? plan->n_steps - 1 - i : i];

		cfg_call_print(f, undo ? &st->undo : &st->call);
		fputc('\n', f);
	}
	fclose(f);
	return s;
}

/*
 * Plan @cur -> @want and check the steps are @steps (notes first, one per
 * line). Then on the model: the steps end in @end (the file's state, NULL
 * when it is @want itself), a second plan is empty, and the undo steps in
 * reverse give @cur back.
 */
static void plan_case(const char *desc, const char *cur_json,
		      const char *want_json, const char *end_json,
		      const char *steps)
{
	char *before, *after, *want_text, *s;
	struct cfg cur, want, st, end;
	struct cfg_plan plan, again;
	unsigned int i;
	int ret = 0;

	if (load(cur_json, &cur) || load(want_json, &want) ||
	    load(end_json ? end_json : want_json, &end)) {
		ok(0, "%s: files read (%s)", desc, cli_errbuf);
		return;
	}
	if (!ok(cfg_plan_build(&cur, &want, exists, NULL, &plan) == 0,
		"%s: planned", desc))
		return;
	if (steps) {
		s = plan_text(&plan, false);
		ok_str(s, q(steps), "%s: steps", desc);
		free(s);
	}

	load(cur_json, &st);
	for (i = 0; i < plan.n_steps && !ret; i++)
		ret = sim_call(&st, &plan.steps[i].call);
	ok_int(ret, 0, "%s: the kernel model takes every step", desc);
	after = text_of(&st);
	want_text = text_of(&end);
	ok_str(after, want_text, "%s: ... and ends in the file's state", desc);
	ok(cfg_plan_build(&st, &want, exists, NULL, &again) == 0 &&
	   again.n_steps == 0, "%s: a second plan has no steps", desc);
	cfg_plan_free(&again);

	for (i = plan.n_steps, ret = 0; i-- > 0 && !ret;)
		ret = sim_call(&st, &plan.steps[i].undo);
	ok_int(ret, 0, "%s: the model takes every undo step", desc);
	free(after);
	after = text_of(&st);
	before = text_of(&cur);
	ok_str(after, before, "%s: undone, the state is as before", desc);

	free(before);
	free(after);
	free(want_text);
	cfg_plan_free(&plan);
	cfg_free(&st);
	cfg_free(&cur);
	cfg_free(&want);
	cfg_free(&end);
}

/* Check the undo steps of a plan, last first. */
static void undo_case(const char *desc, const char *cur_json,
		      const char *want_json, const char *undo)
{
	struct cfg cur, want;
	struct cfg_plan plan;
	char *s;

	if (load(cur_json, &cur) || load(want_json, &want)) {
		ok(0, "%s: files read (%s)", desc, cli_errbuf);
		return;
	}
	ok(cfg_plan_build(&cur, &want, exists, NULL, &plan) == 0, "%s: planned",
	   desc);
	s = plan_text(&plan, true);
	ok_str(s, q(undo), "%s: undo steps", desc);
	free(s);
	cfg_plan_free(&plan);
	cfg_free(&cur);
	cfg_free(&want);
}

#define NONE "{'version':1}"

static void test_plan_create(void)
{
	plan_case("from nothing", NONE, full, NULL,
		  "switch add sw0 ageing 30 fdb-max 100\n"
		  "portgroup add sw0 web vlan 10\n"
		  "portgroup add sw0 tr trunk 10,20-22 native 21 promisc on forged-transmits on shaping avg 1000 peak 2000 burst 64\n"
		  "portgroup add sw0 mgmt vlan 4095\n"
		  "uplink add sw0 eth2\n"
		  "uplink add sw0 eth1\n"
		  "port add sw0 vnet1 portgroup tr fdb-max 8\n"
		  "port add sw0 vnet0 portgroup web mac 52:54:00:aa:00:01\n"
		  "port set sw0 portgroup mgmt\n"
		  "fdb add sw0 02:00:00:00:00:02 vlan 10 port vnet0\n"
		  "fdb add sw0 02:00:00:00:00:01 vlan 0 port sw0\n");
	plan_case("the same state: nothing to do", full, full, NULL, "");
	plan_case("a switch with only defaults", NONE,
		  "{'version':1,'switches':[{'name':'sw9'}]}", NULL,
		  "switch add sw9\n");
	undo_case("undo of a creation", NONE, full,
		  "fdb del sw0 02:00:00:00:00:01 vlan 0\n"
		  "fdb del sw0 02:00:00:00:00:02 vlan 10\n"
		  "port set sw0 portgroup default\n"
		  "port del vnet0\n"
		  "port del vnet1\n"
		  "uplink del eth1\n"
		  "uplink del eth2\n"
		  "portgroup del sw0 mgmt\n"
		  "portgroup del sw0 tr\n"
		  "portgroup del sw0 web\n"
		  "switch del sw0\n");
}

static const char before[] =
	"{'version':1,'switches':[{'name':'sw0','ageing':300,"
	"'portgroups':[{'name':'web','vlan':10},"
	"{'name':'old','vlan':30,'shaping':{'avg_kbit':10,'peak_kbit':20,'burst_kb':5}},"
	"{'name':'tr','trunk':'10,20','native':20,'security':{'mac_change':true}}],"
	"'uplinks':['eth1','eth2'],"
	"'ports':[{'name':'vnet0','portgroup':'old','mac':'02:00:00:00:00:10'},"
	"{'name':'vnet1','portgroup':'web','fdb_max':5},"
	"{'name':'vnet2','portgroup':'tr'}],"
	"'host_portgroup':'old',"
	"'fdb':[{'mac':'02:00:00:00:00:01','port':'vnet1'},"
	"{'mac':'02:00:00:00:00:02','port':'vnet2'},"
	"{'mac':'02:00:00:00:00:03','vlan':10,'port':'eth1'}]},"
	"{'name':'sw1','uplinks':['eth3'],"
	"'ports':[{'name':'vnet7'},{'name':'vnet8'}],"
	"'fdb':[{'mac':'02:00:00:00:00:07','port':'vnet7'},"
	"{'mac':'02:00:00:00:00:08','port':'vnet8'}]}]}";

static const char after[] =
	"{'version':1,'switches':[{'name':'sw0','ageing':60,"
	"'portgroups':[{'name':'web','vlan':11},"
	"{'name':'tr','trunk':'10,20','security':{'mac_change':false,'promisc':true},"
	"'shaping':{'avg_kbit':100,'peak_kbit':100,'burst_kb':1}}],"
	"'uplinks':['eth1','vnet2'],"
	"'ports':[{'name':'vnet0','portgroup':'tr'},"
	"{'name':'vnet1','portgroup':'web','mac':'02:00:00:00:00:11'},"
	"{'name':'vnet7','portgroup':'web'}],"
	"'fdb':[{'mac':'02:00:00:00:00:01','port':'vnet0'},"
	"{'mac':'02:00:00:00:00:02','port':'vnet2'},"
	"{'mac':'02:00:00:00:00:07','port':'vnet7'}]}]}";

/* sw1 keeps what the file does not claim: vnet8, its entry, eth3. */
static const char after_end[] =
	"{'version':1,'switches':[{'name':'sw0','ageing':60,"
	"'portgroups':[{'name':'web','vlan':11},"
	"{'name':'tr','trunk':'10,20','security':{'mac_change':false,'promisc':true},"
	"'shaping':{'avg_kbit':100,'peak_kbit':100,'burst_kb':1}}],"
	"'uplinks':['eth1','vnet2'],"
	"'ports':[{'name':'vnet0','portgroup':'tr'},"
	"{'name':'vnet1','portgroup':'web','mac':'02:00:00:00:00:11'},"
	"{'name':'vnet7','portgroup':'web'}],"
	"'fdb':[{'mac':'02:00:00:00:00:01','port':'vnet0'},"
	"{'mac':'02:00:00:00:00:02','port':'vnet2'},"
	"{'mac':'02:00:00:00:00:07','port':'vnet7'}]},"
	"{'name':'sw1','uplinks':['eth3'],'ports':[{'name':'vnet8'}],"
	"'fdb':[{'mac':'02:00:00:00:00:08','port':'vnet8'}]}]}";

static void test_plan_change(void)
{
	plan_case("every kind of change", before, after, after_end,
		  "switch set sw0 ageing 60\n"
		  "portgroup set sw0 web vlan 11\n"
		  "portgroup set sw0 tr native none promisc on mac-change off shaping avg 100 peak 100 burst 1\n"
		  "fdb del sw0 02:00:00:00:00:02 vlan 0\n"
		  "fdb del sw0 02:00:00:00:00:03 vlan 10\n"
		  "fdb del sw1 02:00:00:00:00:07 vlan 0\n"
		  "uplink del eth2\n"
		  "port del vnet2\n"
		  "port del vnet7\n"
		  "uplink add sw0 vnet2\n"
		  "port set vnet0 portgroup tr mac none\n"
		  "port set vnet1 mac 02:00:00:00:00:11 fdb-max 0\n"
		  "port add sw0 vnet7 portgroup web\n"
		  "port set sw0 portgroup default\n"
		  "portgroup del sw0 old\n"
		  "fdb add sw0 02:00:00:00:00:01 vlan 0 port vnet0\n"
		  "fdb add sw0 02:00:00:00:00:02 vlan 0 port vnet2\n"
		  "fdb add sw0 02:00:00:00:00:07 vlan 0 port vnet7\n");
	undo_case("undo of every kind of change", before, after,
		  "fdb del sw0 02:00:00:00:00:07 vlan 0\n"
		  "fdb del sw0 02:00:00:00:00:02 vlan 0\n"
		  "fdb add sw0 02:00:00:00:00:01 vlan 0 port vnet1\n"
		  "portgroup add sw0 old vlan 30 shaping avg 10 peak 20 burst 5\n"
		  "port set sw0 portgroup old\n"
		  "port del vnet7\n"
		  "port set vnet1 mac none fdb-max 5\n"
		  "port set vnet0 portgroup old mac 02:00:00:00:00:10\n"
		  "uplink del vnet2\n"
		  "port add sw1 vnet7\n"
		  "port add sw0 vnet2 portgroup tr\n"
		  "uplink add sw0 eth2\n"
		  "fdb add sw1 02:00:00:00:00:07 vlan 0 port vnet7\n"
		  "fdb add sw0 02:00:00:00:00:03 vlan 10 port eth1\n"
		  "fdb add sw0 02:00:00:00:00:02 vlan 0 port vnet2\n"
		  "portgroup set sw0 tr native 20 promisc off mac-change on shaping off\n"
		  "portgroup set sw0 web vlan 10\n"
		  "switch set sw0 ageing 300\n");
	plan_case("back again", after_end, before, NULL,
		  "switch set sw0 ageing 300\n"
		  "portgroup set sw0 web vlan 10\n"
		  "portgroup add sw0 old vlan 30 shaping avg 10 peak 20 burst 5\n"
		  "portgroup set sw0 tr native 20 promisc off mac-change on shaping off\n"
		  "fdb del sw0 02:00:00:00:00:02 vlan 0\n"
		  "fdb del sw0 02:00:00:00:00:07 vlan 0\n"
		  "uplink del vnet2\n"
		  "port del vnet7\n"
		  "uplink add sw0 eth2\n"
		  "port set vnet0 portgroup old mac 02:00:00:00:00:10\n"
		  "port set vnet1 mac none fdb-max 5\n"
		  "port add sw0 vnet2 portgroup tr\n"
		  "port set sw0 portgroup old\n"
		  "port add sw1 vnet7\n"
		  "fdb add sw0 02:00:00:00:00:01 vlan 0 port vnet1\n"
		  "fdb add sw0 02:00:00:00:00:02 vlan 0 port vnet2\n"
		  "fdb add sw0 02:00:00:00:00:03 vlan 10 port eth1\n"
		  "fdb add sw1 02:00:00:00:00:07 vlan 0 port vnet7\n");
}

static void test_plan_vlans(void)
{
	const char *sw = "{'version':1,'switches':[{'name':'sw0','portgroups':[%s]}]}";
	static const char *const groups[] = {
		"{'name':'g','vlan':10}",
		"{'name':'g','trunk':'10,20','native':20}",
		"{'name':'g','trunk':'30'}",
		"{'name':'g','trunk':'30','native':30}",
		"{'name':'g','vlan':4095}",
		"{'name':'g'}",
	};
	static const char *const steps[][6] = {
		{ "", "portgroup set sw0 g trunk 10,20 native 20\n",
		  "portgroup set sw0 g trunk 30\n",
		  "portgroup set sw0 g trunk 30 native 30\n",
		  "portgroup set sw0 g vlan 4095\n", "portgroup set sw0 g vlan 0\n" },
		{ "portgroup set sw0 g vlan 10\n", "",
		  "portgroup set sw0 g trunk 30 native none\n",
		  "portgroup set sw0 g trunk 30 native 30\n",
		  "portgroup set sw0 g vlan 4095\n", "portgroup set sw0 g vlan 0\n" },
	};
	char a[512], b[512], desc[64];
	unsigned int i, j;

	/* From the first two to each, and back: the model checks each. */
	for (i = 0; i < 2; i++)
		for (j = 0; j < 6; j++) {
			snprintf(a, sizeof(a), sw, groups[i]);
			snprintf(b, sizeof(b), sw, groups[j]);
			snprintf(desc, sizeof(desc), "VLAN mode %u -> %u", i, j);
			plan_case(desc, a, b, NULL, steps[i][j]);
			snprintf(desc, sizeof(desc), "VLAN mode %u -> %u", j, i);
			plan_case(desc, b, a, NULL, NULL);
		}
}

static void test_plan_absent(void)
{
	plan_case("devices this host lacks are skipped",
		  "{'version':1,'switches':[{'name':'sw0','ports':[{'name':'vnet0'}]}]}",
		  "{'version':1,'switches':[{'name':'sw0','uplinks':['gone1'],"
		  "'ports':[{'name':'vnet0'},{'name':'gone0'}],"
		  "'fdb':[{'mac':'02:00:00:00:00:01','port':'gone0'},"
		  "{'mac':'02:00:00:00:00:02','port':'vnet0'}]}]}",
		  "{'version':1,'switches':[{'name':'sw0',"
		  "'ports':[{'name':'vnet0'}],"
		  "'fdb':[{'mac':'02:00:00:00:00:02','port':'vnet0'}]}]}",
		  "# uplink gone1 of switch sw0: no such device on this host, skipped\n"
		  "# port gone0 of switch sw0: no such device on this host, skipped\n"
		  "# fdb entry 02:00:00:00:00:01 vlan 0 of switch sw0: no device gone0 on this host, skipped\n"
		  "fdb add sw0 02:00:00:00:00:02 vlan 0 port vnet0\n");
	plan_case("a switch not in the file is left alone",
		  "{'version':1,'switches':[{'name':'sw1','ports':[{'name':'vnet5'}]}]}",
		  "{'version':1,'switches':[{'name':'sw0'}]}",
		  "{'version':1,'switches':[{'name':'sw0'},"
		  "{'name':'sw1','ports':[{'name':'vnet5'}]}]}",
		  "switch add sw0\n");
	plan_case("a port becomes an uplink: its entries go and come back",
		  "{'version':1,'switches':[{'name':'sw0','ports':[{'name':'eth1'}],"
		  "'fdb':[{'mac':'02:00:00:00:00:01','port':'eth1'}]}]}",
		  "{'version':1,'switches':[{'name':'sw0','uplinks':['eth1'],"
		  "'fdb':[{'mac':'02:00:00:00:00:01','port':'eth1'}]}]}", NULL,
		  "fdb del sw0 02:00:00:00:00:01 vlan 0\n"
		  "port del eth1\n"
		  "uplink add sw0 eth1\n"
		  "fdb add sw0 02:00:00:00:00:01 vlan 0 port eth1\n");
	plan_case("a device moves between two switches of the file",
		  "{'version':1,'switches':[{'name':'sw0','ports':[{'name':'vnet0'}]},"
		  "{'name':'sw1'}]}",
		  "{'version':1,'switches':[{'name':'sw1','ports':[{'name':'vnet0'}]},"
		  "{'name':'sw0'}]}", NULL,
		  "port del vnet0\n"
		  "port add sw1 vnet0\n");
}

/*
 * Run the plan @cur -> @want on the model until it refuses a step, which
 * must be @refused; then undo what was done: the state is @cur again.
 */
static void refused_case(const char *desc, const char *cur_json,
			 const char *want_json, const char *refused)
{
	struct cfg cur, want, st;
	struct cfg_plan plan;
	unsigned int i, done;
	char *a, *b = NULL;
	size_t len = 0;
	FILE *f;
	int ret = 0;

	if (load(cur_json, &cur) || load(want_json, &want)) {
		ok(0, "%s: files read (%s)", desc, cli_errbuf);
		return;
	}
	load(cur_json, &st);
	ok(cfg_plan_build(&cur, &want, exists, NULL, &plan) == 0,
	   "%s: planned", desc);
	for (i = 0; i < plan.n_steps && !ret; i++)
		ret = sim_call(&st, &plan.steps[i].call);
	done = ret ? i - 1 : i;
	f = open_memstream(&b, &len);
	if (ret)
		cfg_call_print(f, &plan.steps[done].call);
	fclose(f);
	ok_str(b, refused, "%s: the model refuses", desc);
	free(b);
	for (ret = 0; done-- > 0 && !ret;)
		ret = sim_call(&st, &plan.steps[done].undo);
	ok_int(ret, 0, "%s: every undo step is taken", desc);
	a = text_of(&st);
	b = text_of(&cur);
	ok_str(a, b, "%s: the state is as before", desc);
	free(a);
	free(b);
	cfg_plan_free(&plan);
	cfg_free(&cur);
	cfg_free(&want);
	cfg_free(&st);
}

static void test_plan_refused(void)
{
	refused_case("busy0 refused halfway", before,
		     "{'version':1,'switches':[{'name':'sw0','uplinks':['eth1','busy0'],"
		     "'portgroups':[{'name':'new','vlan':99}],"
		     "'ports':[{'name':'vnet0','portgroup':'new'}]},{'name':'sw2'}]}",
		     "uplink add sw0 busy0");
}

#define TEAM_SW(uplinks, team) \
	"{'version':1,'switches':[{'name':'sw0','uplinks':[" uplinks "]," \
	"'team':" team "}]}"

static void test_plan_team(void)
{
	plan_case("a team from nothing", NONE,
		  TEAM_SW("'eth1','eth2','eth3'",
			  "{'policy':'failover','active':['eth2','eth1'],"
			  "'standby':['eth3'],'detect':'beacon','failback':false}"),
		  NULL,
		  "switch add sw0\n"
		  "uplink add sw0 eth1\n"
		  "uplink add sw0 eth2\n"
		  "uplink add sw0 eth3\n"
		  "team set sw0 policy failover active eth2,eth1 standby eth3 detect beacon failback off\n");
	undo_case("undo of a new team", NONE,
		  TEAM_SW("'eth1','eth2','eth3'",
			  "{'policy':'failover','active':['eth2','eth1'],"
			  "'standby':['eth3'],'detect':'beacon','failback':false}"),
		  "team set sw0 policy port-id active none standby none detect link failback on\n"
		  "uplink del eth3\n"
		  "uplink del eth2\n"
		  "uplink del eth1\n"
		  "switch del sw0\n");
	plan_case("settings change, the lists stay",
		  TEAM_SW("'eth1','eth2'", "{'policy':'failover','active':['eth1'],"
			  "'standby':['eth2']}"),
		  TEAM_SW("'eth1','eth2'", "{'policy':'lacp','active':['eth1'],"
			  "'standby':['eth2'],'notify_switches':false,"
			  "'lacp_rate':'slow'}"),
		  NULL, "team set sw0 policy lacp notify-switches off lacp-rate slow\n");
	plan_case("the lists swap: only what changes is sent",
		  TEAM_SW("'eth1','eth2','eth3'", "{'active':['eth1'],'standby':['eth2']}"),
		  TEAM_SW("'eth1','eth2','eth3'", "{'active':['eth2'],'standby':['eth1']}"),
		  NULL, "team set sw0 active eth2 standby eth1\n");
	plan_case("an active list grows from the standby list",
		  TEAM_SW("'eth1','eth2','eth3'", "{'active':['eth1'],'standby':['eth2','eth3']}"),
		  TEAM_SW("'eth1','eth2','eth3'", "{'active':['eth1','eth2'],'standby':['eth3']}"),
		  NULL, "team set sw0 active eth1,eth2 standby eth3\n");
	plan_case("lists cleared",
		  TEAM_SW("'eth1','eth2'", "{'active':['eth1'],'standby':['eth2']}"),
		  TEAM_SW("'eth1','eth2'", "{}"),
		  NULL, "team set sw0 active none standby none\n");
	plan_case("a null team is left as it is",
		  TEAM_SW("'eth1'", "{'policy':'lacp','active':['eth1']}"),
		  TEAM_SW("'eth1'", "null"),
		  TEAM_SW("'eth1'", "{'policy':'lacp','active':['eth1']}"), "");
	plan_case("an uplink leaves: its lists first, so that undo can put it back",
		  TEAM_SW("'eth1','eth2','eth3'", "{'active':['eth1','eth3'],'standby':['eth2']}"),
		  TEAM_SW("'eth1','eth2'", "{'active':['eth1'],'standby':['eth2']}"),
		  NULL,
		  "team set sw0 active eth1\n"
		  "uplink del eth3\n");
	undo_case("undo of an uplink leaving its team",
		  TEAM_SW("'eth1','eth2','eth3'", "{'active':['eth1','eth3'],'standby':['eth2']}"),
		  TEAM_SW("'eth1','eth2'", "{'active':['eth1'],'standby':['eth2']}"),
		  "uplink add sw0 eth3\n"
		  "team set sw0 active eth1,eth3\n");
	plan_case("an uplink moves to another switch's team",
		  "{'version':1,'switches':[{'name':'sw0','uplinks':['eth1','eth2'],"
		  "'team':{'policy':'failover','active':['eth2','eth1']}},"
		  "{'name':'sw1','team':{}}]}",
		  "{'version':1,'switches':[{'name':'sw0','uplinks':['eth1'],"
		  "'team':{'policy':'failover','active':['eth1']}},"
		  "{'name':'sw1','uplinks':['eth2'],'team':{'standby':['eth2']}}]}",
		  NULL,
		  "team set sw0 active eth1\n"
		  "uplink del eth2\n"
		  "uplink add sw1 eth2\n"
		  "team set sw1 standby eth2\n");
	plan_case("a switch the file leaves alone loses an uplink from its list",
		  "{'version':1,'switches':[{'name':'sw1','uplinks':['eth1','eth2'],"
		  "'team':{'active':['eth1','eth2']}}]}",
		  "{'version':1,'switches':[{'name':'sw0','uplinks':['eth2']}]}",
		  "{'version':1,'switches':[{'name':'sw0','uplinks':['eth2']},"
		  "{'name':'sw1','uplinks':['eth1'],'team':{'active':['eth1']}}]}",
		  "switch add sw0\n"
		  "team set sw1 active eth1\n"
		  "uplink del eth2\n"
		  "uplink add sw0 eth2\n");
	plan_case("an uplink this host lacks is left out of the team",
		  TEAM_SW("'eth1'", "{}"),
		  TEAM_SW("'gone1','eth1'", "{'policy':'failover','active':['gone1','eth1']}"),
		  TEAM_SW("'eth1'", "{'policy':'failover','active':['eth1']}"),
		  "# uplink gone1 of switch sw0: no such device on this host, skipped\n"
		  "# team of switch sw0: uplink gone1 is not on this host, left out of its list\n"
		  "team set sw0 policy failover active eth1\n");
	refused_case("refused after an uplink left its team: the lists come back",
		     TEAM_SW("'eth1','eth2'", "{'policy':'failover','active':['eth1','eth2']}"),
		     TEAM_SW("'eth1','busy0'", "{'policy':'failover','active':['busy0','eth1']}"),
		     "uplink add sw0 busy0");
}

/* A switch without "ports": VM taps come and go with their VMs. */
static void test_plan_ports_left_alone(void)
{
	static const char cur[] =
		"{'version':1,'switches':[{'name':'sw0',"
		"'portgroups':[{'name':'web','vlan':10},{'name':'old'}],"
		"'uplinks':['eth1'],"
		"'ports':[{'name':'vnet0','portgroup':'web'},"
		"{'name':'vnet1','mac':'02:00:00:00:00:11','fdb_max':3},"
		"{'name':'vnet5','portgroup':'old'}],"
		"'fdb':[{'mac':'02:00:00:00:00:01','port':'vnet0'},"
		"{'mac':'02:00:00:00:00:02','port':'vnet1'}]}]}";

	plan_case("without \"ports\", the switch's ports stay as they are", cur,
		  "{'version':1,'switches':[{'name':'sw0',"
		  "'portgroups':[{'name':'web','vlan':20},{'name':'old'}],"
		  "'fdb':[{'mac':'02:00:00:00:00:01','port':'vnet0'},"
		  "{'mac':'02:00:00:00:00:03','port':'vnet7'},"
		  "{'mac':'02:00:00:00:00:04','port':'gone7'}]}]}",
		  "{'version':1,'switches':[{'name':'sw0',"
		  "'portgroups':[{'name':'web','vlan':20},{'name':'old'}],"
		  "'ports':[{'name':'vnet0','portgroup':'web'},"
		  "{'name':'vnet1','mac':'02:00:00:00:00:11','fdb_max':3},"
		  "{'name':'vnet5','portgroup':'old'}],"
		  "'fdb':[{'mac':'02:00:00:00:00:01','port':'vnet0'}]}]}",
		  "# fdb entry 02:00:00:00:00:03 vlan 0 of switch sw0: vnet7 is not a port of it, skipped\n"
		  "# fdb entry 02:00:00:00:00:04 vlan 0 of switch sw0: no device gone7 on this host, skipped\n"
		  "portgroup set sw0 web vlan 20\n"
		  "fdb del sw0 02:00:00:00:00:02 vlan 0\n"
		  "uplink del eth1\n");
	plan_case("without \"ports\", a port the file lists elsewhere still moves",
		  cur,
		  "{'version':1,'switches':[{'name':'sw0',"
		  "'portgroups':[{'name':'web','vlan':10},{'name':'old'}],"
		  "'uplinks':['eth1'],"
		  "'fdb':[{'mac':'02:00:00:00:00:01','port':'vnet0'},"
		  "{'mac':'02:00:00:00:00:02','port':'vnet1'}]},"
		  "{'name':'sw1','ports':[{'name':'vnet5'}]}]}",
		  "{'version':1,'switches':[{'name':'sw0',"
		  "'portgroups':[{'name':'web','vlan':10},{'name':'old'}],"
		  "'uplinks':['eth1'],"
		  "'ports':[{'name':'vnet0','portgroup':'web'},"
		  "{'name':'vnet1','mac':'02:00:00:00:00:11','fdb_max':3}],"
		  "'fdb':[{'mac':'02:00:00:00:00:01','port':'vnet0'},"
		  "{'mac':'02:00:00:00:00:02','port':'vnet1'}]},"
		  "{'name':'sw1','ports':[{'name':'vnet5'}]}]}",
		  "switch add sw1\n"
		  "port del vnet5\n"
		  "port add sw1 vnet5\n");
	refused_case("without \"ports\", a group that keeps a port is not deleted",
		     cur,
		     "{'version':1,'switches':[{'name':'sw0','uplinks':['eth1'],"
		     "'portgroups':[{'name':'web','vlan':10}],"
		     "'fdb':[{'mac':'02:00:00:00:00:01','port':'vnet0'},"
		     "{'mac':'02:00:00:00:00:02','port':'vnet1'}]}]}",
		     "portgroup del sw0 old");
	refused_case("the same, but listing the ports: nothing refused", cur,
		     "{'version':1,'switches':[{'name':'sw0','uplinks':['eth1'],"
		     "'portgroups':[{'name':'web','vlan':10}],'ports':[],"
		     "'fdb':[]}]}", "");
}

#define VX_SW(vxlans) "{'version':1,'switches':[{'name':'sw0','vxlan':[" vxlans "]}]}"
#define VX10 "{'vni':10,'vlan':10,'local':'192.0.2.1','remote':['198.51.100.2','198.51.100.3']}"

static void test_plan_vxlan(void)
{
	plan_case("VNIs from nothing", NONE,
		  "{'version':1,'switches':[{'name':'sw0','vxlan':[" VX10 ","
		  "{'vni':20,'vlan':0,'local':'192.0.2.1','group':'239.1.1.1',"
		  "'dev':'eth1','dstport':8472,'ttl':5,'learning':false}]},"
		  "{'name':'sw1','vxlan':[{'vni':10,'vlan':1,'local':'2001:db8::1'}]}]}",
		  NULL,
		  "switch add sw0\n"
		  "switch add sw1\n"
		  "vxlan add sw0 vni 10 vlan 10 local 192.0.2.1 remote 198.51.100.2,198.51.100.3\n"
		  "vxlan add sw0 vni 20 vlan 0 local 192.0.2.1 group 239.1.1.1 dev eth1 dstport 8472 ttl 5 learning off\n"
		  "vxlan add sw1 vni 10 vlan 1 local 2001:db8::1\n");
	plan_case("the same VNI, remotes in another order: nothing to do",
		  VX_SW(VX10),
		  VX_SW("{'vni':10,'vlan':10,'local':'192.0.2.1','remote':['198.51.100.3','198.51.100.2'],"
			"'dstport':4789,'ttl':64,'learning':true,'group':null,'dev':null}"),
		  NULL, "");
	plan_case("a VNI changes: deleted, then added",
		  VX_SW(VX10),
		  VX_SW("{'vni':10,'vlan':10,'local':'192.0.2.1','remote':['198.51.100.2']}"),
		  NULL,
		  "vxlan del sw0 vni 10\n"
		  "vxlan add sw0 vni 10 vlan 10 local 192.0.2.1 remote 198.51.100.2\n");
	plan_case("a VLAN moves to another VNI: the deletes first",
		  VX_SW(VX10 ",{'vni':11,'vlan':11,'local':'192.0.2.1'}"),
		  VX_SW("{'vni':12,'vlan':10,'local':'192.0.2.1'},"
			"{'vni':11,'vlan':11,'local':'192.0.2.1','ttl':1}"),
		  NULL,
		  "vxlan del sw0 vni 10\n"
		  "vxlan del sw0 vni 11\n"
		  "vxlan add sw0 vni 12 vlan 10 local 192.0.2.1\n"
		  "vxlan add sw0 vni 11 vlan 11 local 192.0.2.1 ttl 1\n");
	plan_case("VNIs the file leaves out go; switches it leaves out keep theirs",
		  "{'version':1,'switches':[{'name':'sw0','vxlan':[" VX10 "]},"
		  "{'name':'sw1','vxlan':[{'vni':30,'vlan':3,'local':'192.0.2.1'}]}]}",
		  "{'version':1,'switches':[{'name':'sw0'}]}",
		  "{'version':1,'switches':[{'name':'sw0'},"
		  "{'name':'sw1','vxlan':[{'vni':30,'vlan':3,'local':'192.0.2.1'}]}]}",
		  "vxlan del sw0 vni 10\n");
	plan_case("a group on a device this host lacks: skipped",
		  NONE,
		  VX_SW("{'vni':10,'vlan':10,'local':'192.0.2.1','group':'239.1.1.1','dev':'gone0'}"),
		  "{'version':1,'switches':[{'name':'sw0'}]}",
		  "# VNI 10 of switch sw0: no device gone0 on this host for its group, skipped\n"
		  "switch add sw0\n");
	undo_case("undoing VNI changes: the adds undone before the deletes",
		  VX_SW(VX10),
		  VX_SW("{'vni':10,'vlan':10,'local':'192.0.2.1','learning':false}"),
		  "vxlan del sw0 vni 10\n"
		  "vxlan add sw0 vni 10 vlan 10 local 192.0.2.1 remote 198.51.100.2,198.51.100.3\n");
	refused_case("a VNI the kernel has on another switch",
		     "{'version':1,'switches':[{'name':'sw1','vxlan':[{'vni':10,'vlan':1,"
		     "'local':'192.0.2.1'}]}]}",
		     "{'version':1,'switches':[{'name':'sw0','ageing':60,'vxlan':[" VX10 "]}]}",
		     "vxlan add sw0 vni 10 vlan 10 local 192.0.2.1 remote 198.51.100.2,198.51.100.3");
}

int main(void)
{
	cli_errf = fopen("/dev/null", "w");
	test_bad_files();
	test_bad_portgroups();
	test_bad_ports();
	test_bad_fdb();
	test_bad_team();
	test_bad_vxlan();
	test_good_file();
	test_vxlan_file();
	test_team_file();
	test_merge();
	test_plan_create();
	test_plan_change();
	test_plan_vlans();
	test_plan_absent();
	test_plan_refused();
	test_plan_ports_left_alone();
	test_plan_team();
	test_plan_vxlan();
	fclose(cli_errf);
	return tap_done();
}
