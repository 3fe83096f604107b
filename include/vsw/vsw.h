/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libvsw: configure vsw virtual switches over Generic Netlink.
 *
 * Every call returns 0 or a negative errno. After a failure,
 * vsw_errmsg() gives the kernel's extack message (or libvsw's own text
 * for errors found before sending), or NULL when there is none.
 *
 * Objects handed to callbacks, and every pointer inside them, live only
 * until the callback returns. A callback returns 0 to go on; any other
 * value stops the walk and becomes the return value of the call (the
 * rest of the reply is still read, so the handle stays usable).
 *
 * Switch and port devices are named by interface name, resolved by the
 * kernel in the network namespace the handle was opened in.
 */
#ifndef _VSW_VSW_H
#define _VSW_VSW_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/vsw.h>

#ifdef __cplusplus
extern "C" {
#endif

struct vsw;

#define VSW_MAC_LEN		6
/* Room for drop reasons newer kernels may add; ids above are ignored. */
#define VSW_DROP_SLOTS		64

/* Bit of vsw_*.attrs for reply attribute @a (enum vsw_attr). */
#define VSW_ATTR_BIT(a)		(1ULL << (a))
#define vsw_has(obj, a)		(!!((obj)->attrs & VSW_ATTR_BIT(a)))

struct vsw_switch {
	uint64_t attrs;			/* VSW_ATTR_BIT()s the reply carried */
	uint32_t ifindex;
	const char *name;
	uint32_t ageing;		/* seconds */
	uint32_t fdb_max;		/* 0 = no limit */
	uint32_t fdb_count;
	unsigned int n_ports;
	const char *const *ports;	/* port device names */
};

struct vsw_port_stats {
	uint64_t rx_packets;
	uint64_t rx_bytes;
	uint64_t tx_packets;
	uint64_t tx_bytes;
	uint64_t drops[VSW_DROP_SLOTS];	/* by enum vsw_drop_reason */
};

struct vsw_port {
	uint64_t attrs;
	uint32_t switch_ifindex;
	const char *switch_name;
	uint32_t ifindex;
	const char *name;
	uint8_t kind;			/* enum vsw_port_kind */
	uint32_t id;
	const char *portgroup;		/* NULL when absent */
	uint8_t mac[VSW_MAC_LEN];
	const struct vsw_port_stats *stats;	/* NULL when absent */
};

struct vsw_fdb {
	uint64_t attrs;
	uint32_t switch_ifindex;
	uint8_t mac[VSW_MAC_LEN];
	uint16_t vlan;
	uint32_t port_ifindex;
	const char *port;		/* NULL: no port device */
	uint32_t flags;			/* VSW_FDB_F_* */
	uint32_t age;			/* seconds since last seen */
};

/* Settings of switch add/set; only the fields flagged "has_" are sent. */
struct vsw_switch_opts {
	const char *name;
	bool has_ageing;
	bool has_fdb_max;
	uint32_t ageing;
	uint32_t fdb_max;
};

/* What an event carries; decided by its command. */
enum vsw_object {
	VSW_OBJ_SWITCH,
	VSW_OBJ_PORT,
	VSW_OBJ_FDB,
};

struct vsw_event {
	uint8_t cmd;			/* enum vsw_cmd: what happened */
	enum vsw_object type;
	union {
		struct vsw_switch sw;
		struct vsw_port port;
		struct vsw_fdb fdb;
	};
};

typedef int (*vsw_switch_cb)(const struct vsw_switch *sw, void *arg);
typedef int (*vsw_port_cb)(const struct vsw_port *port, void *arg);
typedef int (*vsw_fdb_cb)(const struct vsw_fdb *fdb, void *arg);
typedef int (*vsw_event_cb)(const struct vsw_event *ev, void *arg);

/*
 * Open a handle in the caller's current network namespace. -ENOENT means
 * the "vsw" family is not registered (module not loaded).
 */
int vsw_open(struct vsw **hp);
void vsw_close(struct vsw *h);
/* Message of the last failed call, or NULL. */
const char *vsw_errmsg(const struct vsw *h);
/* The socket, for poll() around vsw_monitor_recv(). */
int vsw_fd(const struct vsw *h);

int vsw_switch_add(struct vsw *h, const struct vsw_switch_opts *o);
int vsw_switch_set(struct vsw *h, const struct vsw_switch_opts *o);
int vsw_switch_del(struct vsw *h, const char *name);
/* One switch; -ENODEV (with the kernel's message) when there is none. */
int vsw_switch_get(struct vsw *h, const char *name, vsw_switch_cb cb,
		   void *arg);
int vsw_switch_list(struct vsw *h, vsw_switch_cb cb, void *arg);

int vsw_port_add(struct vsw *h, const char *sw, const char *dev,
		 enum vsw_port_kind kind);
/* @kind < 0: any kind; else the port must be of that kind. */
int vsw_port_del(struct vsw *h, const char *dev, int kind);
/* Ports of switch @sw, or of every switch when @sw is NULL. */
int vsw_port_list(struct vsw *h, const char *sw, vsw_port_cb cb, void *arg);

/* @vlan < 0: attribute not sent (the kernel's default, VLAN 0). */
int vsw_fdb_add(struct vsw *h, const char *sw, const uint8_t *mac, int vlan,
		const char *port);
int vsw_fdb_del(struct vsw *h, const char *sw, const uint8_t *mac, int vlan);
/* Learned entries; @port NULL and @vlan < 0 mean no filter. */
int vsw_fdb_flush(struct vsw *h, const char *sw, const char *port, int vlan);
int vsw_fdb_list(struct vsw *h, const char *sw, const char *port, int vlan,
		 vsw_fdb_cb cb, void *arg);

/*
 * Events: join the "events" group, then call vsw_monitor_recv() in a loop;
 * it blocks for one datagram and hands each event in it to @cb. -ENOBUFS
 * means events were lost; the handle stays usable. Use a handle of its own
 * for monitoring.
 */
int vsw_monitor_start(struct vsw *h);
int vsw_monitor_recv(struct vsw *h, vsw_event_cb cb, void *arg);

#ifdef __cplusplus
}
#endif

#endif /* _VSW_VSW_H */
