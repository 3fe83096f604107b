/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Declarative configuration (vswctl save and apply; Documentation/config.rst).
 *
 * One model, struct cfg, holds both a configuration file (version 1) and
 * the running state read from the kernel, so that the file's reader and
 * writer, the checks and the plan from one state to the other are pure
 * functions here (config_model.c, config_plan.c) that the unit tests drive
 * without a kernel. config_save.c and config_apply.c do the netlink I/O.
 */
#ifndef _VSWCTL_CONFIG_H
#define _VSWCTL_CONFIG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <net/if.h>
#include <json-c/json.h>
#include <vsw/vsw.h>

#define CFG_VERSION		1
/* Longest configuration file read, a sanity bound. */
#define CFG_FILE_MAX		(16 << 20)

struct cfg_pg {
	char name[VSW_PORTGROUP_NAMSIZ];
	enum vsw_pg_mode mode;
	uint16_t vlan;			/* not in trunk-list mode */
	uint8_t trunk[VSW_VLAN_BITMAP_LEN];	/* trunk-list mode */
	uint16_t native;		/* trunk-list mode, 0 = none */
	bool promisc;
	bool mac_change;
	bool forged_transmits;
	bool shaping_on;
	struct vsw_shaping shaping;
};

/* A port, or an uplink (only @name is used). */
struct cfg_port {
	char name[IFNAMSIZ];
	char pg[VSW_PORTGROUP_NAMSIZ];
	bool has_mac;			/* set by the admin, not learned */
	uint8_t mac[VSW_MAC_LEN];
	uint32_t fdb_max;		/* 0 = no limit */
};

/*
 * A switch's team, as "team set" takes it; the lists by uplink name, in
 * order. The file's lists name at most CFG_TEAM_LIST_MAX uplinks each.
 */
#define CFG_TEAM_LIST_MAX	32
struct cfg_team {
	enum vsw_team_policy policy;
	enum vsw_team_detect detect;
	bool failback;
	bool notify;
	enum vsw_lacp_rate lacp_rate;
	unsigned int n_active;
	unsigned int n_standby;
	char active[CFG_TEAM_LIST_MAX][IFNAMSIZ];
	char standby[CFG_TEAM_LIST_MAX][IFNAMSIZ];
};

/* A static entry; @port may be the switch itself (its host port). */
struct cfg_fdb {
	uint8_t mac[VSW_MAC_LEN];
	uint16_t vlan;
	char port[IFNAMSIZ];
};

/*
 * A VNI, as "vxlan add" takes it (and "vxlan show -j" shows it); @dev
 * only with a group. The remotes are a set: their order does not count.
 */
struct cfg_vxlan {
	uint32_t vni;
	uint16_t vlan;
	struct vsw_addr local;
	unsigned int n_remotes;
	struct vsw_addr remotes[VSW_VXLAN_REMOTES_MAX];
	bool has_group;
	struct vsw_addr group;
	char dev[IFNAMSIZ];
	uint16_t dstport;
	uint8_t ttl;
	bool learning;
};

/* The keys of a switch other than "name": each one a host file replaces. */
enum cfg_field {
	CFG_AGEING,
	CFG_FDB_MAX,
	CFG_HOST_PG,
	CFG_PORTGROUPS,
	CFG_UPLINKS,
	CFG_PORTS,
	CFG_FDB,
	CFG_TEAM,
	CFG_VXLAN,
	CFG_N_FIELDS
};

/* Where a field was read: file name and the switch's index in it. */
struct cfg_origin {
	const char *file;
	unsigned int index;
};

struct cfg_switch {
	char name[IFNAMSIZ];
	uint32_t ageing;
	uint32_t fdb_max;
	char host_pg[VSW_PORTGROUP_NAMSIZ];	/* the switch's own port */
	struct cfg_pg *pgs;
	unsigned int n_pgs;
	struct cfg_port *uplinks;
	unsigned int n_uplinks;
	struct cfg_port *ports;
	unsigned int n_ports;
	struct cfg_fdb *fdb;
	unsigned int n_fdb;
	/* The running team, or the file's when has[CFG_TEAM] (not null). */
	struct cfg_team team;
	struct cfg_vxlan *vxlans;
	unsigned int n_vxlans;
	bool has[CFG_N_FIELDS];		/* given in the file */
	struct cfg_origin origin[CFG_N_FIELDS];
	struct cfg_origin name_origin;
};

struct cfg {
	struct cfg_switch *sw;
	unsigned int n_sw;
};

/* config_model.c: the model, the file format and its checks. */
void cfg_free(struct cfg *cfg);
/* What a new switch has: port-id, link, failback and notify on, fast. */
void cfg_team_defaults(struct cfg_team *team);
/* New zeroed elements at the end of an array; NULL without memory. */
struct cfg_switch *cfg_add_switch(struct cfg *cfg, const char *name);
struct cfg_pg *cfg_add_pg(struct cfg_switch *sw, const char *name);
struct cfg_port *cfg_add_port(struct cfg_port **arr, unsigned int *n,
			      const char *name);
struct cfg_fdb *cfg_add_fdb(struct cfg_switch *sw);
/* A VNI with the kernel's defaults: port 4789, TTL 64, learning on. */
struct cfg_vxlan *cfg_add_vxlan(struct cfg_switch *sw, uint32_t vni);
const struct cfg_switch *cfg_find_switch(const struct cfg *cfg,
					 const char *name);
const struct cfg_pg *cfg_find_pg(const struct cfg_switch *sw,
				 const char *name);
const struct cfg_port *cfg_find_port(const struct cfg_port *arr,
				     unsigned int n, const char *name);
const struct cfg_fdb *cfg_find_fdb(const struct cfg_switch *sw,
				   const uint8_t *mac, uint16_t vlan);
bool cfg_team_listed(const char (*list)[IFNAMSIZ], unsigned int n,
		     const char *name);
const struct cfg_vxlan *cfg_find_vxlan(const struct cfg_switch *sw,
				       uint32_t vni);

/*
 * Read a file (@file names it in messages) into @cfg: JSON syntax, types,
 * ranges and duplicates. On error, prints "Error: FILE: PATH: what" (the
 * text stays in cli_errbuf) and returns -1 with @cfg freed.
 */
int cfg_load(const char *path, struct cfg *cfg);
int cfg_parse(const char *file, const char *text, size_t len,
	      struct cfg *cfg);
/* Replace the fields of @cfg's switches that @host gives (emptying @host). */
int cfg_merge(struct cfg *cfg, struct cfg *host, const char *file);
/* References between fields, after any merge; adds the implicit "default". */
int cfg_check(struct cfg *cfg);
/* Switches, port groups, ports and entries in name order (save's order). */
void cfg_sort(struct cfg *cfg);
json_object *cfg_to_json(const struct cfg *cfg);

/* config_plan.c: the steps from one state to another. */
enum cfg_op {
	CFG_OP_SW_ADD,
	CFG_OP_SW_SET,
	CFG_OP_SW_DEL,
	CFG_OP_PG_ADD,
	CFG_OP_PG_SET,
	CFG_OP_PG_DEL,
	CFG_OP_PORT_ADD,
	CFG_OP_PORT_SET,
	CFG_OP_PORT_DEL,
	CFG_OP_FDB_ADD,
	CFG_OP_FDB_DEL,
	CFG_OP_TEAM_SET,
	CFG_OP_VXLAN_ADD,
	CFG_OP_VXLAN_DEL,
};

/*
 * One libvsw call. The opts' name pointers are left NULL: the names are
 * kept here and filled in when the step runs (a team's lists too: the
 * names in @team, what is sent flagged in @teamo).
 */
struct cfg_call {
	enum cfg_op op;
	char sw[IFNAMSIZ];
	char dev[IFNAMSIZ];
	char pg[VSW_PORTGROUP_NAMSIZ];	/* port group, "" for none */
	enum vsw_port_kind kind;
	struct vsw_switch_opts swo;
	struct vsw_portgroup_opts pgo;
	struct vsw_port_opts po;
	uint8_t mac[VSW_MAC_LEN];
	uint16_t vlan;
	struct vsw_team_opts teamo;
	struct cfg_team team;
	/* A VNI to add, or (only its VNI) to delete; the plan owns it. */
	const struct cfg_vxlan *vx;
};

/* A change, and the call that puts back what it changed. */
struct cfg_step {
	struct cfg_call call;
	struct cfg_call undo;
};

struct cfg_plan {
	struct cfg_step *steps;
	unsigned int n_steps;
	unsigned int room_steps;	/* allocated */
	char **notes;			/* what is skipped, and why */
	unsigned int n_notes;
	struct cfg_vxlan **vxlans;	/* what the steps' @vx point to */
	unsigned int n_vxlans;
};

/* Does network device @dev exist (on this host, in this netns)? */
typedef bool (*cfg_dev_exists_fn)(const char *dev, void *arg);

/*
 * The steps that make @cur (every switch of the host) match @want (a
 * checked file). Switches not in @want are left alone, but for a device
 * @want puts elsewhere. 0 or -ENOMEM.
 */
int cfg_plan_build(const struct cfg *cur, const struct cfg *want,
		   cfg_dev_exists_fn exists, void *arg, struct cfg_plan *plan);
void cfg_plan_free(struct cfg_plan *plan);
/* The call as the equivalent vswctl command line, without a newline. */
void cfg_call_print(FILE *f, const struct cfg_call *call);
/*
 * "vxlan add" of @vx on switch @sw: what differs from the kernel's
 * defaults is flagged; @o points into @vx.
 */
void cfg_vxlan_opts(const struct cfg_vxlan *vx, const char *sw,
		    struct vsw_vxlan_opts *o);

/* config_save.c: the running state of one switch, or all (@sw NULL). */
int cfg_read(struct vsw *h, const char *sw, struct cfg *cfg);

#endif /* _VSWCTL_CONFIG_H */
