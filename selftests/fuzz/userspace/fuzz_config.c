// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vswctl apply's configuration file: the input is the file (up to its
 * first NUL byte) and, after that byte, a host file (apply --host). Read,
 * merge and check as apply does; a file that passes must also:
 *   - be written by save's writer and read back the same (sorted;
 *     when it lists every switch's ports),
 *   - plan against a fixed host state (a switch with port groups, ports,
 *     uplinks, entries, a team and a VNI; devices named gone* missing),
 *     every step and undo printable,
 *   - and be applied by apply's run() to an empty fake kernel, which
 *     checks every request the steps make.
 * A broken invariant aborts, like a crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../../cli/config.h"
#include "../../../cli/vswctl.h"
#include "common.h"
#include "fake_kernel.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The host the plans start from (test_config.c's "before", with a team and a VNI). */
static const char host_json[] =
	"{\"version\":1,\"switches\":[{\"name\":\"sw0\",\"ageing\":300,"
	"\"portgroups\":[{\"name\":\"web\",\"vlan\":10},"
	"{\"name\":\"old\",\"vlan\":30,\"shaping\":{\"avg_kbit\":10,\"peak_kbit\":20,\"burst_kb\":5}},"
	"{\"name\":\"tr\",\"trunk\":\"10,20\",\"native\":20,\"security\":{\"mac_change\":true}}],"
	"\"uplinks\":[\"eth1\",\"eth2\"],"
	"\"ports\":[{\"name\":\"vnet0\",\"portgroup\":\"old\",\"mac\":\"02:00:00:00:00:10\"},"
	"{\"name\":\"vnet1\",\"portgroup\":\"web\",\"fdb_max\":5},"
	"{\"name\":\"vnet2\",\"portgroup\":\"tr\"}],"
	"\"host_portgroup\":\"old\","
	"\"fdb\":[{\"mac\":\"02:00:00:00:00:01\",\"port\":\"vnet1\"},"
	"{\"mac\":\"02:00:00:00:00:02\",\"port\":\"vnet2\"},"
	"{\"mac\":\"02:00:00:00:00:03\",\"vlan\":10,\"port\":\"eth1\"}],"
	"\"team\":{\"policy\":\"failover\",\"active\":[\"eth2\"]},"
	"\"vxlan\":[{\"vni\":10,\"vlan\":10,\"local\":\"192.0.2.1\","
	"\"remote\":[\"192.0.2.2\"]}]},"
	"{\"name\":\"sw1\",\"uplinks\":[\"eth3\"],"
	"\"ports\":[{\"name\":\"vnet7\"},{\"name\":\"vnet8\"}],"
	"\"fdb\":[{\"mac\":\"02:00:00:00:00:07\",\"port\":\"vnet7\"}]}]}";

static struct cfg host;
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_quiet();
	devnull = fopen("/dev/null", "w");
	cli_err_quiet = !getenv("FZ_VERBOSE");
	if (!devnull || cfg_parse("host", host_json, strlen(host_json), &host) ||
	    cfg_check(&host)) {
		fprintf(stderr, "fuzz_config: the host state does not load: %s\n",
			cli_errbuf);
		abort();
	}
	return 0;
}

static bool exists(const char *dev, void *arg)
{
	(void)arg;
	return strncmp(dev, "gone", 4) != 0;
}

/* The canonical text of @cfg (sorted), malloc'd. */
static char *text_of(struct cfg *cfg)
{
	json_object *o;
	char *s;

	cfg_sort(cfg);
	o = cfg_to_json(cfg);
	if (!o)
		abort();
	s = strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	if (!s)
		abort();
	return s;
}

/*
 * What save writes, apply must read back as it was. Only for files that
 * list every switch's ports: without "ports" a switch keeps the ports it
 * has, and its entries may name them, but save writes "ports" always.
 */
static void round_trip(struct cfg *cfg)
{
	char *text, *again_text;
	struct cfg again;
	unsigned int i;

	for (i = 0; i < cfg->n_sw; i++)
		if (!cfg->sw[i].has[CFG_PORTS])
			return;
	text = text_of(cfg);

	if (cfg_parse("saved", text, strlen(text), &again) ||
	    cfg_check(&again)) {
		fprintf(stderr, "fuzz_config: save's output is refused: %s\n%s\n",
			cli_errbuf, text);
		abort();
	}
	again_text = text_of(&again);
	if (strcmp(text, again_text)) {
		fprintf(stderr, "fuzz_config: read back differently:\n%s\n%s\n",
			text, again_text);
		abort();
	}
	free(again_text);
	free(text);
	cfg_free(&again);
}

static void plan(const struct cfg *want)
{
	struct vsw_vxlan_opts vxo;
	struct cfg_plan p;
	unsigned int i;

	if (cfg_plan_build(&host, want, exists, NULL, &p))
		return;
	for (i = 0; i < p.n_notes; i++)
		fprintf(devnull, "# %s\n", p.notes[i]);
	for (i = 0; i < p.n_steps; i++) {
		cfg_call_print(devnull, &p.steps[i].call);
		cfg_call_print(devnull, &p.steps[i].undo);
		if (p.steps[i].call.op == CFG_OP_VXLAN_ADD)
			cfg_vxlan_opts(p.steps[i].call.vx, "sw0", &vxo);
	}
	cfg_plan_free(&p);
}

/* A copy without a terminating NUL: reading past the text is caught. */
static int parse(const char *file, const uint8_t *data, size_t len,
		 struct cfg *cfg)
{
	char *text = malloc(len ? len : 1);
	int ret;

	if (!text)
		abort();
	memcpy(text, data, len);
	ret = cfg_parse(file, text, len, cfg);
	free(text);
	return ret;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t len = nul ? (size_t)(nul - data) : size;
	struct cli_req req;
	struct cfg *cfg, hostfile;
	struct vsw *h;

	cfg = calloc(1, sizeof(*cfg));
	if (!cfg)
		abort();
	if (parse("f.json", data, len, cfg))
		goto out_free;
	if (nul) {
		if (parse("h.json", nul + 1, size - len - 1, &hostfile))
			goto out_cfg;
		if (cfg_merge(cfg, &hostfile, "f.json")) {
			cfg_free(&hostfile);
			goto out_cfg;
		}
		cfg_free(&hostfile);
	}
	if (cfg_check(cfg))
		goto out_cfg;

	round_trip(cfg);
	plan(cfg);

	/* apply's run() owns and frees req.cfg. */
	cli_req_init(&req);
	req.cfg = cfg;
	h = fk_open();
	fk_script(NULL, 0);
	cli_apply.run(h, &req);
	fk_close(h);
	return 0;

out_cfg:
	cfg_free(cfg);
out_free:
	free(cfg);
	return 0;
}
