// SPDX-License-Identifier: GPL-2.0-or-later
/* What the userspace fuzz targets share: vswctl's dispatch, quiet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../../cli/config.h"
#include "../../../cli/output.h"
#include "../../../cli/vswctl.h"
#include "common.h"

struct cli_opts cli_opts;	/* main.c's, which the targets do not link */

static FILE *devnull;

/* main.c's table. */
static const struct cli_object *const objects[] = {
	&cli_switch, &cli_port, &cli_uplink, &cli_portgroup, &cli_team,
	&cli_vxlan, &cli_fdb, &cli_stats, &cli_monitor, &cli_save, &cli_apply,
};

/* FZ_VERBOSE=1 in the environment: output and errors shown. */
void fz_quiet(void)
{
	if (getenv("FZ_VERBOSE")) {
		devnull = stdout;
		cli_errf = stderr;
		return;
	}
	devnull = fopen("/dev/null", "w");
	if (!devnull || !freopen("/dev/null", "w", stdout))
		abort();
	cli_errf = devnull;
}

int fz_split(const uint8_t *data, size_t size, char **argv, int max)
{
	const uint8_t *end = data + size, *p = data, *nul;
	int argc = 0;

	while (p < end && argc < max) {
		nul = memchr(p, '\0', end - p);
		if (!nul)
			nul = end;
		argv[argc] = malloc(nul - p + 1);
		if (!argv[argc])
			abort();
		memcpy(argv[argc], p, nul - p);
		argv[argc][nul - p] = '\0';
		argc++;
		p = nul + 1;
	}
	return argc;
}

void fz_free_args(int argc, char **argv)
{
	while (argc-- > 0)
		free(argv[argc]);
}

int fz_vswctl(struct vsw *h, int argc, char **argv, bool apply)
{
	const struct cli_object *obj = NULL;
	struct cli_req req;
	size_t i;
	int ret;

	memset(&cli_opts, 0, sizeof(cli_opts));
	for (; argc > 0; argc--, argv++) {
		if (!strcmp(argv[0], "-j"))
			cli_opts.json = true;
		else if (!strcmp(argv[0], "-p"))
			cli_opts.json = cli_opts.pretty = true;
		else if (!strcmp(argv[0], "-s"))
			cli_opts.stats = true;
		else
			break;
	}
	if (argc < 1)
		return 1;
	for (i = 0; i < sizeof(objects) / sizeof(objects[0]); i++)
		if (!strcmp(objects[i]->name, argv[0]))
			obj = objects[i];
	if (!obj || (obj == &cli_apply && !apply))
		return 1;

	cli_req_init(&req);
	if (obj->parse(argc - 1, argv + 1, &req))
		return 1;
	if (!h) {
		/* apply's parser read its file; run() would free it. */
		if (req.cfg) {
			cfg_free(req.cfg);
			free(req.cfg);
		}
		return 0;
	}
	out_init(devnull, cli_opts.json, cli_opts.pretty);
	ret = obj->run(h, &req);
	out_reset();
	return ret ? 1 : 0;
}
