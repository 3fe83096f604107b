// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vswctl apply FILE [--host HOSTFILE] [--dry-run]: make the host match a
 * configuration file (Documentation/config.rst).
 *
 * The files are read and checked in full while the command line is
 * parsed, before the kernel is asked anything: a bad file changes
 * nothing. Then the plan (config_plan.c) runs step by step, each printed
 * as its vswctl command line; when the kernel refuses one, the steps done
 * are undone in reverse order, so the host is left as it was.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "vswctl.h"

/* Read FILE and HOSTFILE, merged and checked, into @req->cfg. */
static int load(struct cli_req *req)
{
	struct cfg *cfg, host;

	cfg = calloc(1, sizeof(*cfg));
	if (!cfg) {
		cli_error("out of memory");
		return -1;
	}
	if (cfg_load(req->file, cfg))
		goto err_free;
	if (req->hostfile) {
		if (cfg_load(req->hostfile, &host))
			goto err_cfg;
		if (cfg_merge(cfg, &host, req->file)) {
			cfg_free(&host);
			goto err_cfg;
		}
		cfg_free(&host);
	}
	if (cfg_check(cfg))
		goto err_cfg;
	req->cfg = cfg;
	return 0;

err_cfg:
	cfg_free(cfg);
err_free:
	free(cfg);
	return -1;
}

static int apply_parse(int argc, char **argv, struct cli_req *req)
{
	bool seen_host = false;

	while (argc > 0) {
		if (!strcmp(argv[0], "--host")) {
			if (cli_keyword_value(&argc, &argv, &seen_host,
					      &req->hostfile))
				return -1;
			continue;
		}
		if (!strcmp(argv[0], "--dry-run")) {
			req->dry_run = true;
		} else if (argv[0][0] == '-' && argv[0][1]) {
			cli_error("unknown option \"%s\"", argv[0]);
			return -1;
		} else if (req->file) {
			cli_error("unexpected argument \"%s\"", argv[0]);
			return -1;
		} else {
			req->file = argv[0];
		}
		argc--;
		argv++;
	}
	if (!req->file) {
		cli_error("missing configuration file");
		return -1;
	}
	return load(req);
}

/* One step through libvsw, the names filled into its options. */
static int call_run(struct vsw *h, const struct cfg_call *c)
{
	const char *active[CFG_TEAM_LIST_MAX], *standby[CFG_TEAM_LIST_MAX];
	struct vsw_switch_opts swo = c->swo;
	struct vsw_portgroup_opts pgo = c->pgo;
	struct vsw_team_opts teamo = c->teamo;
	struct vsw_port_opts po = c->po;
	struct vsw_vxlan_opts vxo;
	unsigned int i;

	for (i = 0; i < teamo.n_active; i++)
		active[i] = c->team.active[i];
	for (i = 0; i < teamo.n_standby; i++)
		standby[i] = c->team.standby[i];
	teamo.sw = c->sw;
	teamo.active = active;
	teamo.standby = standby;
	swo.name = c->sw;
	pgo.sw = c->sw;
	pgo.name = c->pg;
	po.portgroup = c->pg[0] ? c->pg : NULL;
	switch (c->op) {
	case CFG_OP_SW_ADD:
		return vsw_switch_add(h, &swo);
	case CFG_OP_SW_SET:
		return vsw_switch_set(h, &swo);
	case CFG_OP_SW_DEL:
		return vsw_switch_del(h, c->sw);
	case CFG_OP_PG_ADD:
		return vsw_portgroup_add(h, &pgo);
	case CFG_OP_PG_SET:
		return vsw_portgroup_set(h, &pgo);
	case CFG_OP_PG_DEL:
		return vsw_portgroup_del(h, c->sw, c->pg);
	case CFG_OP_PORT_ADD:
		return vsw_port_add(h, c->sw, c->dev, c->kind, &po);
	case CFG_OP_PORT_SET:
		return vsw_port_set(h, c->dev, &po);
	case CFG_OP_PORT_DEL:
		return vsw_port_del(h, c->dev, c->kind);
	case CFG_OP_FDB_ADD:
		return vsw_fdb_add(h, c->sw, c->mac, c->vlan, c->dev);
	case CFG_OP_FDB_DEL:
		return vsw_fdb_del(h, c->sw, c->mac, c->vlan);
	case CFG_OP_TEAM_SET:
		return vsw_team_set(h, &teamo);
	case CFG_OP_VXLAN_ADD:
		cfg_vxlan_opts(c->vx, c->sw, &vxo);
		return vsw_vxlan_add(h, &vxo);
	case CFG_OP_VXLAN_DEL:
		return vsw_vxlan_del(h, c->sw, c->vx->vni);
	}
	return -EINVAL;
}

static void print_call(const char *prefix, const struct cfg_call *c)
{
	fputs(prefix, stdout);
	cfg_call_print(stdout, c);
	putchar('\n');
	fflush(stdout);
}

/* "CMD: kernel's message" of a failed call, into @buf. */
static void describe(struct vsw *h, const struct cfg_call *c, int ret,
		     char *buf, size_t len)
{
	const char *msg = vsw_errmsg(h) ? vsw_errmsg(h) : strerror(-ret);
	char *cmd = NULL;
	size_t n = 0;
	FILE *f;

	f = open_memstream(&cmd, &n);
	if (f) {
		cfg_call_print(f, c);
		fclose(f);
	}
	snprintf(buf, len, "%s: %s", cmd ? cmd : "?", msg);
	free(cmd);
}

/* Undo steps [0, @done) in reverse; the number that could not be undone. */
static unsigned int rollback(struct vsw *h, const struct cfg_plan *plan,
			     unsigned int done)
{
	unsigned int failed = 0;
	char why[sizeof(cli_errbuf)];
	int ret;

	printf("# the kernel refused a step: undoing %u step%s\n", done,
	       done == 1 ? "" : "s");
	while (done--) {
		const struct cfg_call *undo = &plan->steps[done].undo;

		print_call("", undo);
		ret = call_run(h, undo);
		if (ret) {
			describe(h, undo, ret, why, sizeof(why));
			cli_error("cannot undo: %s", why);
			failed++;
		}
	}
	return failed;
}

static int execute(struct vsw *h, const struct cfg_plan *plan)
{
	unsigned int i, failed;
	char why[sizeof(cli_errbuf)];
	int ret;

	for (i = 0; i < plan->n_steps; i++) {
		print_call("", &plan->steps[i].call);
		ret = call_run(h, &plan->steps[i].call);
		if (!ret)
			continue;
		describe(h, &plan->steps[i].call, ret, why, sizeof(why));
		if (!i) {
			cli_error("%s (nothing was changed)", why);
			return 1;
		}
		failed = rollback(h, plan, i);
		if (failed)
			cli_error("%s (rollback incomplete: %u of %u steps could not be undone)",
				  why, failed, i);
		else
			cli_error("%s (rolled back %u step%s)", why, i,
				  i == 1 ? "" : "s");
		return 1;
	}
	return 0;
}

static bool dev_exists(const char *dev, void *arg)
{
	(void)arg;
	return if_nametoindex(dev) != 0;
}

/*
 * Signals that would stop vswctl halfway (Ctrl-C, systemd stopping the
 * unit) wait until every step is done or undone.
 */
static int execute_whole(struct vsw *h, const struct cfg_plan *plan)
{
	sigset_t block, old;
	int ret;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGQUIT);
	sigprocmask(SIG_BLOCK, &block, &old);
	ret = execute(h, plan);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return ret;
}

static int apply_run(struct vsw *h, const struct cli_req *req)
{
	struct cfg_plan plan;
	struct cfg cur;
	unsigned int i;
	int ret;

	ret = cfg_read(h, NULL, &cur);
	if (!ret) {
		ret = cfg_plan_build(&cur, req->cfg, dev_exists, NULL, &plan);
		cfg_free(&cur);
	}
	cfg_free(req->cfg);
	free(req->cfg);
	if (ret)
		return ret;

	for (i = 0; i < plan.n_notes; i++)
		printf("# %s\n", plan.notes[i]);
	if (req->dry_run) {
		for (i = 0; i < plan.n_steps; i++)
			print_call("", &plan.steps[i].call);
	} else {
		ret = execute_whole(h, &plan);
	}
	cfg_plan_free(&plan);
	return ret;
}

const struct cli_object cli_apply = {
	.name = "apply",
	.parse = apply_parse,
	.run = apply_run,
	.usage =
	"apply FILE [--host HOSTFILE] [--dry-run]\n"
	"    make the switches FILE names match it (other switches are left\n"
	"    alone), printing each change as a vswctl command line; HOSTFILE\n"
	"    replaces fields of FILE's switches for this host (uplinks, ports);\n"
	"    --dry-run: print the changes only. A bad file changes nothing; if\n"
	"    the kernel refuses a change, the changes made are undone\n",
};
