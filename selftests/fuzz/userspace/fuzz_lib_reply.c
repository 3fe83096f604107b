// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the kernel answers: the input is a vswctl command and the fake
 * kernel's replies to it (fake_kernel.h's script). Byte 0 picks the
 * command from the table below, byte 1 the output (bit 0 -j, bit 1 -p,
 * bit 2 -s); the rest are the reply datagrams. Every object's parser in
 * libvsw (switch, port and stats, FDB, port group, team, VNI, events,
 * the family), the error and extack parsing, the dump engine and what
 * vswctl does with the result (text and JSON printers, save's reader,
 * apply's plan from the host state read and its rollback when a step is
 * refused) see the replies.
 */
#include <stdlib.h>
#include <string.h>

#include "../../../cli/config.h"
#include "../../../cli/vswctl.h"
#include "../../../lib/internal.h"
#include "common.h"
#include "fake_kernel.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * "@apply" and "@family" are no vswctl command lines; see below. New
 * commands go at the end: byte 0 of the seeds and regressions picks them.
 */
static const char *const commands[] = {
	"switch show",
	"switch show sw0",
	"switch list",
	"port show",
	"port show sw0",
	"portgroup show sw0",
	"portgroup show sw0 web",
	"team show",
	"team show sw0",
	"vxlan show sw0",
	"vxlan show sw0 vni 10",
	"fdb show sw0",
	"stats sw0",
	"monitor",
	"save",
	"save sw0",
	"@apply",
	"@apply --dry-run",
	"@family",
	"switch add sw0 ageing 30",
	"port add sw0 lo portgroup web mac 02:00:00:00:00:01",
	"portgroup add sw0 web trunk 10,20-30 native 20 shaping avg 1 peak 2 burst 3",
	"team set sw0 policy lacp active lo",
	"vxlan add sw0 vni 10 vlan 10 local 192.0.2.1 remote 192.0.2.2,192.0.2.3",
	"fdb add sw0 02:00:00:00:00:01 vlan 10 port lo",
	"fdb add sw0 02:00:00:00:00:01 remote 192.0.2.2 vni 10",
	"fdb flush sw0",
	"uplink del lo",
	"vxlan add sw0 vni 20 vlan 0 local 2001:db8::1 group ff05::100 dev lo dstport 8472 ttl 9 learning off",
};

#define N_COMMANDS	(sizeof(commands) / sizeof(commands[0]))

/* apply's file: what the host state read from the replies is planned to. */
static const char apply_json[] =
	"{\"version\":1,\"switches\":[{\"name\":\"sw0\",\"ageing\":60,"
	"\"portgroups\":[{\"name\":\"web\",\"vlan\":11},"
	"{\"name\":\"tr\",\"trunk\":\"10,20\",\"security\":{\"promisc\":true},"
	"\"shaping\":{\"avg_kbit\":100,\"peak_kbit\":100,\"burst_kb\":1}}],"
	"\"uplinks\":[\"lo\"],"
	"\"ports\":[{\"name\":\"vnet0\",\"portgroup\":\"tr\"},"
	"{\"name\":\"vnet1\",\"portgroup\":\"web\",\"mac\":\"02:00:00:00:00:11\"}],"
	"\"fdb\":[{\"mac\":\"02:00:00:00:00:01\",\"port\":\"vnet0\"}],"
	"\"team\":{\"policy\":\"failover\",\"active\":[\"lo\"]},"
	"\"vxlan\":[{\"vni\":10,\"vlan\":10,\"local\":\"192.0.2.1\","
	"\"remote\":[\"192.0.2.2\"]},"
	"{\"vni\":20,\"vlan\":20,\"local\":\"192.0.2.1\","
	"\"group\":\"239.1.1.1\",\"dev\":\"lo\",\"ttl\":5}]}]}";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_quiet();
	cli_err_quiet = !getenv("FZ_VERBOSE");
	return 0;
}

/* apply without reading a file: the file is apply_json. */
static void apply(struct vsw *h, bool dry_run)
{
	struct cli_req req;

	cli_req_init(&req);
	req.dry_run = dry_run;
	req.cfg = calloc(1, sizeof(*req.cfg));
	if (!req.cfg ||
	    cfg_parse("f.json", apply_json, strlen(apply_json), req.cfg) ||
	    cfg_check(req.cfg))
		abort();
	cli_apply.run(h, &req);
}

/* Split @line on spaces into malloc'd words. */
static int words(const char *line, char **argv, int max)
{
	char buf[256], *tok, *save;
	int argc = 0;

	snprintf(buf, sizeof(buf), "%s", line);
	for (tok = strtok_r(buf, " ", &save); tok && argc < max;
	     tok = strtok_r(NULL, " ", &save))
		if (!(argv[argc++] = strdup(tok)))
			abort();
	return argc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *cmd;
	char *argv[20];
	struct vsw *h;
	int argc = 0;

	if (size < 2)
		return 0;
	cmd = commands[data[0] % N_COMMANDS];
	h = fk_open();
	fk_script(data + 2, size - 2);
	if (!strncmp(cmd, "@apply", 6)) {
		apply(h, strstr(cmd, "dry-run") != NULL);
	} else if (!strcmp(cmd, "@family")) {
		vsw_resolve_family(h);
	} else {
		if (data[1] & 1)
			argv[argc++] = strdup("-j");
		if (data[1] & 2)
			argv[argc++] = strdup("-p");
		if (data[1] & 4)
			argv[argc++] = strdup("-s");
		argc += words(cmd, argv + argc, 20 - argc);
		/* Events come unasked. */
		if (!strcmp(cmd, "monitor"))
			fk_queue_all();
		fz_vswctl(h, argc, argv, false);
		fz_free_args(argc, argv);
	}
	fk_close(h);
	return 0;
}
