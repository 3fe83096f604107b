/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vswctl internals. Each object parses its arguments into a struct cli_req
 * without touching the kernel, then runs it on a libvsw handle; the unit
 * tests drive the parsers and printers directly.
 */
#ifndef _VSWCTL_H
#define _VSWCTL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <net/if.h>
#include <vsw/vsw.h>

struct cfg;

struct cli_opts {
	bool json;
	bool pretty;
	bool stats;
	const char *netns;
};

extern struct cli_opts cli_opts;

/* Device names of a team list, in order; @ptrs for struct vsw_team_opts. */
#define CLI_DEVLIST_MAX		64
struct cli_devlist {
	unsigned int n;
	char names[CLI_DEVLIST_MAX][IF_NAMESIZE];
	const char *ptrs[CLI_DEVLIST_MAX];
};

/* Addresses of a VXLAN remote list, in order. */
#define CLI_ADDRLIST_MAX	VSW_VXLAN_REMOTES_MAX
struct cli_addrlist {
	unsigned int n;
	struct vsw_addr addrs[CLI_ADDRLIST_MAX];
};

/* Everything a command needs, filled by an object's parser. */
struct cli_req {
	int verb;			/* the object's own enum */
	const char *sw;			/* switch name */
	const char *dev;		/* port device name */
	const char *pg;			/* port group name */
	struct vsw_switch_opts swopts;
	struct vsw_port_opts portopts;
	struct vsw_portgroup_opts pgopts;
	struct vsw_team_opts teamopts;	/* the lists point into these: */
	struct cli_devlist active;
	struct cli_devlist standby;
	struct vsw_vxlan_opts vxlanopts;	/* the remotes point into: */
	struct cli_addrlist remotes;
	bool has_mac;
	uint8_t mac[VSW_MAC_LEN];
	int vlan;			/* -1: not given */
	bool has_vni;
	uint32_t vni;
	bool has_remote;		/* fdb add ... remote IP */
	struct vsw_addr remote;
	/* save and apply */
	const char *file;		/* apply: the configuration file */
	const char *hostfile;		/* apply --host */
	bool dry_run;
	struct cfg *cfg;		/* apply: the checked files, merged */
};

struct cli_object {
	const char *name;
	/* @argv[0] is the verb, if any; 0 or -1 after printing an Error. */
	int (*parse)(int argc, char **argv, struct cli_req *req);
	/*
	 * 0, a negative errno (the caller prints the Error), or 1 after
	 * printing an Error itself.
	 */
	int (*run)(struct vsw *h, const struct cli_req *req);
	const char *usage;
};

extern const struct cli_object cli_switch, cli_port, cli_uplink,
	cli_portgroup, cli_team, cli_vxlan, cli_fdb, cli_stats, cli_monitor,
	cli_save, cli_apply;

struct cli_verb {
	const char *name;
	int verb;
};

/* parse.c: argument parsing; errors are printed as "Error: ..." */
extern FILE *cli_errf;			/* NULL: stderr */
extern char cli_errbuf[1024];		/* text of the last error */
/*
 * Only fill cli_errbuf: a configuration file's checks reuse the parsers
 * and print their text after the path of the field.
 */
extern bool cli_err_quiet;
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int cli_parse_verb(const struct cli_verb *verbs, const char *object,
		   int argc, char **argv, const char *dflt);
int cli_parse_u32(const char *s, const char *what, uint32_t min,
		  uint32_t max, uint32_t *out);
int cli_parse_vlan(const char *s, int *vlan);
int cli_parse_mac(const char *s, uint8_t *mac);
int cli_parse_onoff(const char *s, const char *what, bool *out);
int cli_parse_name(const char *s, const char *what);
int cli_parse_pgname(const char *s);
int cli_parse_trunk(const char *s, uint8_t *bm);
/* Team settings by name; the names are NULL for values beyond the ABI. */
const char *cli_team_policy_name(unsigned int policy);
const char *cli_team_detect_name(unsigned int detect);
const char *cli_lacp_rate_name(unsigned int rate);
int cli_parse_team_policy(const char *s, enum vsw_team_policy *out);
int cli_parse_team_detect(const char *s, enum vsw_team_detect *out);
int cli_parse_lacp_rate(const char *s, enum vsw_lacp_rate *out);
int cli_parse_devlist(const char *s, const char *what,
		      struct cli_devlist *list);
int cli_devlist_add(struct cli_devlist *list, const char *what,
		    const char *s, const char *name, size_t len);
/* VXLAN addresses; @buf of cli_addr_str() holds INET6_ADDRSTRLEN. */
int cli_parse_addr(const char *s, const char *what, struct vsw_addr *a);
int cli_parse_addrlist(const char *s, const char *what,
		       struct cli_addrlist *list);
const char *cli_addr_str(const struct vsw_addr *a, char *buf, size_t len);
bool cli_addr_is_multicast(const struct vsw_addr *a);
bool cli_addr_eq(const struct vsw_addr *a, const struct vsw_addr *b);
int cli_check_unicast(const struct vsw_addr *a, const char *what);
int cli_positional(int *argc, char ***argv, const char *what,
		   const char **out);
int cli_keyword_value(int *argc, char ***argv, bool *seen, const char **val);
int cli_no_more(int argc, char **argv);
void cli_req_init(struct cli_req *req);

/* Printers, shared by show, stats and monitor. */
void switch_print_fields(const struct vsw_switch *sw);
void switch_print(const struct vsw_switch *sw);
void port_print_fields(const struct vsw_port *port, bool stats);
void port_print(const struct vsw_port *port, bool stats);
void stats_print_counters(const struct vsw_port_stats *st);
/* JSON: object @key of reason -> count; text: @fmt then REASON N... */
void stats_print_drops(const char *key, const char *fmt,
		       const uint64_t *drops);
void portgroup_print_fields(const struct vsw_portgroup *pg);
void portgroup_print(const struct vsw_portgroup *pg);
void fdb_print_fields(const struct vsw_fdb *fdb);
void fdb_print(const struct vsw_fdb *fdb);
/* @block: text as lines (team show), else on one line (monitor). */
void team_print_fields(const struct vsw_team *team, bool block);
void team_print(const struct vsw_team *team);
/* @block and @stats as for team_print_fields() and port_print_fields(). */
void vxlan_print_fields(const struct vsw_vxlan *vx, bool block, bool stats);
void vxlan_print(const struct vsw_vxlan *vx, bool stats);
void event_print(const struct vsw_event *ev);
const char *drop_reason_name(unsigned int reason, bool json, char *buf,
			     size_t len);

#endif /* _VSWCTL_H */
