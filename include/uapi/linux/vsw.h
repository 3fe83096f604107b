/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * vsw: a virtual switch for Linux VM hosts.
 *
 * Generic Netlink ABI of the "vsw" family.
 *
 * A switch is a net device of kind "vsw"; its own device is the host's port
 * on the switch. Any Ethernet device attached to it is a port; an uplink is a
 * port facing the physical network. Every object is addressed by name or by
 * ifindex in the network namespace of the requesting socket.
 *
 * Requests that change state (NEW, DEL, SET, FLUSH) need CAP_NET_ADMIN in the
 * user namespace owning that network namespace. GET requests are open to
 * anyone. Every rejection carries an extack message and, where one attribute
 * is at fault, that attribute's offset.
 *
 * A switch is named by VSW_A_IFINDEX or VSW_A_IFNAME (ifindex wins when both
 * are given); a port device likewise by VSW_A_PORT_IFINDEX or
 * VSW_A_PORT_IFNAME.
 *
 * Commands and their attributes ("[x]" optional, "->" what a reply carries):
 *
 * VSW_CMD_SWITCH_NEW: create a switch.
 *	VSW_A_IFNAME, [VSW_A_AGEING], [VSW_A_FDB_MAX]
 * VSW_CMD_SWITCH_DEL: delete a switch; its ports are detached first.
 *	switch
 * VSW_CMD_SWITCH_SET: change a switch's settings.
 *	switch, [VSW_A_AGEING], [VSW_A_FDB_MAX]
 * VSW_CMD_SWITCH_GET: one switch (doit, by switch) or all of the netns (dump).
 *	-> VSW_A_IFINDEX, VSW_A_IFNAME, VSW_A_AGEING, VSW_A_FDB_MAX,
 *	   VSW_A_FDB_COUNT, VSW_A_PORTS (nest of VSW_A_PORT_IFNAME)
 *
 * VSW_CMD_PORT_NEW: attach a device to a switch.
 *	switch, port, [VSW_A_PORT_KIND] (VSW_PORT_KIND_PORT by default),
 *	[VSW_A_PORTGROUP] ("default" by default; not for uplinks)
 * VSW_CMD_PORT_SET: change a port (the switch device names the host port).
 *	port, [VSW_A_PORTGROUP] (moving flushes the port's learned entries),
 *	[VSW_A_PORT_MAC] (all zeroes: forget it), [VSW_A_PORT_FDB_MAX]
 *
 * PORT_NEW also takes [VSW_A_PORT_MAC] and [VSW_A_PORT_FDB_MAX]. A port's
 * MAC is the one its VM may use: set by the admin, or else the first source
 * address seen on the port sticks (forgotten when the port is re-added).
 * Uplinks and the host port have none: the security policies exempt them.
 * VSW_CMD_PORT_DEL: detach a device from its switch.
 *	port, [VSW_A_PORT_KIND] (when given, the port must be of that kind)
 * VSW_CMD_PORT_GET: dump the ports of one switch (switch given) or of every
 *	switch of the netns, the switch's own (host) port included.
 *	-> VSW_A_IFINDEX, VSW_A_IFNAME, VSW_A_PORT_IFINDEX, VSW_A_PORT_IFNAME,
 *	   VSW_A_PORT_KIND, VSW_A_PORT_ID, VSW_A_PORTGROUP, VSW_A_MAC (the
 *	   port device's address), [VSW_A_PORT_MAC], VSW_A_PORT_MAC_ADMIN
 *	   (flag: set by the admin), VSW_A_PORT_FDB_MAX, VSW_A_PORT_FDB_COUNT,
 *	   VSW_A_PORT_STATS
 *
 * VSW_CMD_FDB_NEW: add or replace a static entry.
 *	switch, VSW_A_MAC, port, [VSW_A_VLAN]
 * VSW_CMD_FDB_DEL: delete one entry, static or learned.
 *	switch, VSW_A_MAC, [VSW_A_VLAN]
 * VSW_CMD_FDB_FLUSH: delete learned entries, all or those matching filters.
 *	switch, [port], [VSW_A_VLAN]
 * VSW_CMD_FDB_GET: dump the entries of a switch, optionally filtered.
 *	switch, [port], [VSW_A_VLAN]
 *	-> VSW_A_IFINDEX, VSW_A_IFNAME, VSW_A_MAC, VSW_A_VLAN, VSW_A_PORT_IFINDEX,
 *	   VSW_A_PORT_IFNAME, VSW_A_FDB_FLAGS, VSW_A_FDB_AGE
 *
 * VSW_CMD_PORTGROUP_NEW: create a port group.
 *	switch, VSW_A_PORTGROUP, [VSW_A_PG_VLAN | VSW_A_PG_TRUNK [VSW_A_PG_NATIVE]]
 *	(VLAN 0 by default), [VSW_A_PG_PROMISC], [VSW_A_PG_MAC_CHANGE],
 *	[VSW_A_PG_FORGED_TRANSMITS] (all off by default), [VSW_A_PG_SHAPING]
 * VSW_CMD_PORTGROUP_SET: change a port group's VLAN mode; giving
 *	VSW_A_PG_VLAN leaves trunk-list mode, VSW_A_PG_TRUNK enters it.
 *	switch, VSW_A_PORTGROUP, [VSW_A_PG_VLAN | VSW_A_PG_TRUNK],
 *	[VSW_A_PG_NATIVE], and the policy attributes of PORTGROUP_NEW
 * VSW_CMD_PORTGROUP_DEL: delete a port group without ports; "default" stays.
 *	switch, VSW_A_PORTGROUP
 * VSW_CMD_PORTGROUP_GET: one port group (doit) or all of a switch (dump).
 *	switch, [VSW_A_PORTGROUP]
 *	-> VSW_A_IFINDEX, VSW_A_IFNAME, VSW_A_PORTGROUP, VSW_A_PG_VLAN or
 *	   VSW_A_PG_TRUNK and VSW_A_PG_NATIVE, VSW_A_PG_PROMISC,
 *	   VSW_A_PG_MAC_CHANGE, VSW_A_PG_FORGED_TRANSMITS, [VSW_A_PG_SHAPING]
 *	   (absent: off), VSW_A_PORTS (nest of VSW_A_PORT_IFNAME)
 *
 * VSW_CMD_TEAM_SET: change how the switch's uplinks work as a team; what is
 *	not given stays as it is.
 *	switch, [VSW_A_TEAM_POLICY], [VSW_A_TEAM_ACTIVE], [VSW_A_TEAM_STANDBY]
 *	(ordered nests of VSW_A_PORT_IFINDEX or VSW_A_PORT_IFNAME entries, in
 *	the requester's netns; an empty nest clears the list; replies carry
 *	ifindexes), at least one setting,
 *	[VSW_A_TEAM_DETECT], [VSW_A_TEAM_FAILBACK], [VSW_A_TEAM_NOTIFY],
 *	[VSW_A_TEAM_LACP_RATE]
 * VSW_CMD_TEAM_GET: the team of one switch (doit) or of every switch (dump).
 *	-> VSW_A_IFINDEX, VSW_A_IFNAME, VSW_A_TEAM_POLICY, VSW_A_TEAM_DETECT,
 *	   VSW_A_TEAM_DETECT_USED (what detects failures now: beacon probing
 *	   needs 3 or more uplinks and falls back to link state),
 *	   VSW_A_TEAM_FAILBACK, VSW_A_TEAM_NOTIFY, VSW_A_TEAM_LACP_RATE,
 *	   VSW_A_TEAM_ACTIVE, VSW_A_TEAM_STANDBY, VSW_A_TEAM_UPLINKS (nest of
 *	   VSW_A_TEAM_UPLINK nests: enum vsw_team_uplink_attr, in team order),
 *	   and with LACP VSW_A_TEAM_LACP_SYSTEM and VSW_A_TEAM_LACP_KEY
 *
 * Teaming: every uplink of a switch belongs to its team. "port-id" pins each
 * port to one usable uplink by its port number, "mac-hash" by the source
 * MAC, "ip-hash" by source and destination IP address (for a static
 * EtherChannel); "failover" uses the first usable uplink of the active list,
 * then of the standby list; "lacp" runs IEEE 802.1AX and hashes like ip-hash
 * over the links that are collecting and distributing. The active list
 * (default: every uplink, in the order they were added) is what carries
 * traffic; standby uplinks take over only when every active one has failed.
 * Frames arriving on a standby or failed uplink are dropped ("team-inactive"),
 * broadcasts and multicasts coming back from the physical network with the
 * source address of a local port too ("team-loop"). With port-id and
 * mac-hash the physical switch floods to every uplink: floods are taken from
 * the first active uplink only ("team-duplicate" on the others).
 *
 * Security policies (per port group, 0 = reject, the default):
 * - forged transmits: frames whose source is not the port's MAC are dropped
 *   ("forged") unless on; allowed foreign sources are never learned.
 * - MAC address changes: when on, a new source address moves the port's
 *   MAC; when off, frames for any other address are not delivered to the
 *   port ("mac-change").
 * - promiscuous mode: when on, the port also gets a copy of every frame of
 *   its VLANs; when off, only frames for its MAC, and broadcast, multicast
 *   and flooded frames of its VLANs.
 * Traffic shaping (per port, of what the VM sends into the switch): an
 * average rate with a burst allowance, capped by a peak rate; excess frames
 * are dropped ("shaping").
 *
 * VLAN modes of a port group: VSW_A_PG_VLAN 0 carries untagged frames only;
 * 1..4094 is an access VLAN (frames are untagged towards the port, tagged on
 * uplinks); VSW_VLAN_TRUNK_ALL (4095) lets the guest tag any VLAN (untagged
 * frames are VLAN 0). A trunk list carries its VLANs tagged and, if set, the
 * native VLAN untagged (the native VLAN must be in the list). Uplinks carry
 * every VLAN tagged and VLAN 0 untagged; they have no port group of their own.
 *
 * VSW_CMD_VXLAN_NEW: bind a VXLAN VNI to one VLAN of a switch (RFC 7348).
 *	switch, VSW_A_VXLAN_VNI, VSW_A_VLAN (1..4094, or 0 for untagged
 *	frames), VSW_A_VXLAN_LOCAL, [VSW_A_VXLAN_REMOTES], [VSW_A_VXLAN_GROUP
 *	VSW_A_VXLAN_DEV], [VSW_A_VXLAN_DSTPORT] (4789), [VSW_A_VXLAN_TTL] (64),
 *	[VSW_A_VXLAN_LEARNING] (on)
 *	Addresses are 4 (IPv4) or 16 (IPv6) bytes in network order; local,
 *	remotes and group are of one family. The local address must be one of
 *	this netns. A VNI is bound once per switch and once per UDP port and
 *	address family in the netns; a VLAN has at most one VNI.
 * VSW_CMD_VXLAN_DEL: unbind a VNI; its FDB entries go with it.
 *	switch, VSW_A_VXLAN_VNI
 * VSW_CMD_VXLAN_GET: one VNI of a switch (doit) or all of them (dump).
 *	switch, [VSW_A_VXLAN_VNI]
 *	-> VSW_A_IFINDEX, VSW_A_IFNAME, VSW_A_VXLAN_VNI, VSW_A_VLAN,
 *	   VSW_A_VXLAN_LOCAL, VSW_A_VXLAN_REMOTES, [VSW_A_VXLAN_GROUP,
 *	   VSW_A_VXLAN_DEV], VSW_A_VXLAN_DSTPORT, VSW_A_VXLAN_TTL,
 *	   VSW_A_VXLAN_LEARNING, VSW_A_PORT_STATS (the VNI as a port of the
 *	   switch), VSW_A_VXLAN_SOCK_DROPS (datagrams the shared UDP socket
 *	   dropped before a VNI was known)
 * FDB_NEW takes VSW_A_VXLAN_REMOTE and VSW_A_VXLAN_VNI instead of a port
 * for a static entry behind a remote VTEP; FDB_GET replies carry them
 * (and no port) for such entries.
 *
 * VXLAN: a VNI works as a port of the switch that is a member of its VLAN
 * only. Frames for addresses learned or added behind a remote VTEP go to
 * that VTEP; broadcast, multicast and unknown unicast go to every remote
 * (head-end replication) and to the group. Like an uplink it faces the
 * network: frames from a VNI never leave by an uplink or another VTEP, and
 * frames from an uplink never leave by a VNI. Outer headers: UDP from a
 * source port hashed over the inner flow, checksummed (always for IPv6),
 * DF set, DSCP and ECN copied from the inner packet (RFC 6040).
 *
 * The "events" multicast group carries the same messages as GET replies, with
 * the command saying what happened: SWITCH_NEW/SET/DEL, PORT_NEW/SET/DEL,
 * PORTGROUP_NEW/SET/DEL, FDB_NEW/DEL (learned, moved, added, aged out,
 * deleted or flushed), TEAM_SET (configured, or an uplink changed state) and
 * VXLAN_NEW/DEL.
 */
#ifndef _UAPI_LINUX_VSW_H
#define _UAPI_LINUX_VSW_H

#define VSW_GENL_NAME		"vsw"
#define VSW_GENL_VERSION	1
#define VSW_MCGRP_EVENTS	"events"

/* Limits and defaults. */
#define VSW_AGEING_DEFAULT	300		/* seconds */
#define VSW_AGEING_MIN		1
#define VSW_AGEING_MAX		1000000
#define VSW_FDB_MAX_DEFAULT	65536		/* learned entries per switch */
#define VSW_VLAN_MAX		4094
#define VSW_VLAN_TRUNK_ALL	4095
#define VSW_VLAN_BITMAP_LEN	512		/* bytes: one bit per VLAN 0..4095 */
#define VSW_PORTGROUP_NAMSIZ	64		/* with the terminating NUL */
#define VSW_PORTGROUP_DEFAULT	"default"
#define VSW_SHAPING_BURST_MAX	1048576		/* KB */
#define VSW_VXLAN_VNI_MAX	16777215
#define VSW_VXLAN_DSTPORT_DEFAULT 4789
#define VSW_VXLAN_TTL_DEFAULT	64
#define VSW_VXLAN_REMOTES_MAX	128		/* remote VTEPs per VNI */

enum vsw_cmd {
	VSW_CMD_UNSPEC,
	VSW_CMD_SWITCH_NEW,
	VSW_CMD_SWITCH_DEL,
	VSW_CMD_SWITCH_SET,
	VSW_CMD_SWITCH_GET,
	VSW_CMD_PORT_NEW,
	VSW_CMD_PORT_DEL,
	VSW_CMD_PORT_GET,
	VSW_CMD_FDB_NEW,
	VSW_CMD_FDB_DEL,
	VSW_CMD_FDB_FLUSH,
	VSW_CMD_FDB_GET,
	VSW_CMD_PORT_SET,
	VSW_CMD_PORTGROUP_NEW,
	VSW_CMD_PORTGROUP_DEL,
	VSW_CMD_PORTGROUP_SET,
	VSW_CMD_PORTGROUP_GET,
	VSW_CMD_TEAM_SET,
	VSW_CMD_TEAM_GET,
	VSW_CMD_VXLAN_NEW,
	VSW_CMD_VXLAN_DEL,
	VSW_CMD_VXLAN_GET,

	__VSW_CMD_MAX
};
#define VSW_CMD_MAX (__VSW_CMD_MAX - 1)

enum vsw_attr {
	VSW_A_UNSPEC,
	VSW_A_PAD,
	VSW_A_IFINDEX,		/* u32: the switch device */
	VSW_A_IFNAME,		/* string: the switch device */
	VSW_A_AGEING,		/* u32: seconds a learned entry lives unseen */
	VSW_A_FDB_MAX,		/* u32: limit on learned entries, 0 = none */
	VSW_A_FDB_COUNT,	/* u32, read-only: learned entries now */
	VSW_A_PORTS,		/* nest, read-only: VSW_A_PORT_IFNAME, ... */
	VSW_A_PORT_IFINDEX,	/* u32: a port device */
	VSW_A_PORT_IFNAME,	/* string: a port device */
	VSW_A_PORT_KIND,	/* u8: enum vsw_port_kind */
	VSW_A_PORT_ID,		/* u32, read-only: the port's number */
	VSW_A_PORT_STATS,	/* nest, read-only: enum vsw_stats_attr */
	VSW_A_MAC,		/* binary, 6 bytes */
	VSW_A_VLAN,		/* u16: 0..VSW_VLAN_MAX */
	VSW_A_FDB_FLAGS,	/* u32: VSW_FDB_F_* */
	VSW_A_FDB_AGE,		/* u32, read-only: seconds since last seen */
	VSW_A_PORTGROUP,	/* string: a port group's name (printable, no
				 * spaces, < VSW_PORTGROUP_NAMSIZ)
				 */
	VSW_A_PG_VLAN,		/* u16: 0, 1..4094 or VSW_VLAN_TRUNK_ALL */
	VSW_A_PG_TRUNK,		/* binary, VSW_VLAN_BITMAP_LEN bytes: VLAN N is
				 * bit N % 8 of byte N / 8; VLANs 1..4094 only
				 */
	VSW_A_PG_NATIVE,	/* u16: untagged VLAN of a trunk list, 0 = none */
	VSW_A_PG_PROMISC,	/* u8: 0 reject, 1 accept */
	VSW_A_PG_MAC_CHANGE,	/* u8: 0 reject, 1 accept */
	VSW_A_PG_FORGED_TRANSMITS, /* u8: 0 reject, 1 accept */
	VSW_A_PG_SHAPING,	/* nest: enum vsw_shaping_attr; all three to
				 * shape, empty to stop shaping
				 */
	VSW_A_PORT_MAC,		/* binary, 6 bytes: the port's MAC */
	VSW_A_PORT_MAC_ADMIN,	/* flag, read-only: the admin set the MAC */
	VSW_A_PORT_FDB_MAX,	/* u32: learned entries of the port, 0 = none */
	VSW_A_PORT_FDB_COUNT,	/* u32, read-only */
	VSW_A_TEAM_POLICY,	/* u8: enum vsw_team_policy */
	VSW_A_TEAM_ACTIVE,	/* nest: uplinks (VSW_A_PORT_IFINDEX or
				 * VSW_A_PORT_IFNAME), in order
				 */
	VSW_A_TEAM_STANDBY,	/* nest: the same */
	VSW_A_TEAM_DETECT,	/* u8: enum vsw_team_detect */
	VSW_A_TEAM_DETECT_USED,	/* u8, read-only: enum vsw_team_detect */
	VSW_A_TEAM_FAILBACK,	/* u8: 1 = back to a recovered higher uplink */
	VSW_A_TEAM_NOTIFY,	/* u8: 1 = announce moved MACs (RARP) */
	VSW_A_TEAM_LACP_RATE,	/* u8: enum vsw_lacp_rate */
	VSW_A_TEAM_UPLINKS,	/* nest, read-only: VSW_A_TEAM_UPLINK nests */
	VSW_A_TEAM_UPLINK,	/* nest, read-only: enum vsw_team_uplink_attr */
	VSW_A_TEAM_LACP_SYSTEM,	/* binary, 6 bytes, read-only: our system id */
	VSW_A_TEAM_LACP_KEY,	/* u16, read-only: our aggregation key */
	VSW_A_VXLAN_VNI,	/* u32: 1..VSW_VXLAN_VNI_MAX */
	VSW_A_VXLAN_LOCAL,	/* binary, 4 or 16 bytes: our VTEP address */
	VSW_A_VXLAN_REMOTES,	/* nest of VSW_A_VXLAN_REMOTE */
	VSW_A_VXLAN_REMOTE,	/* binary, 4 or 16 bytes: a remote VTEP */
	VSW_A_VXLAN_GROUP,	/* binary, 4 or 16 bytes: a multicast group */
	VSW_A_VXLAN_DEV,	/* u32: ifindex the group is joined on */
	VSW_A_VXLAN_DSTPORT,	/* u16: UDP port, host order */
	VSW_A_VXLAN_TTL,	/* u8: 1..255 */
	VSW_A_VXLAN_LEARNING,	/* u8: 1 = learn remote MACs */
	VSW_A_VXLAN_SOCK_DROPS,	/* nest, read-only: like VSW_STATS_A_DROPS */

	__VSW_A_MAX
};
#define VSW_A_MAX (__VSW_A_MAX - 1)

enum vsw_port_kind {
	VSW_PORT_KIND_PORT,	/* a VM's or container's device */
	VSW_PORT_KIND_UPLINK,	/* faces the physical network */
	VSW_PORT_KIND_HOST,	/* the switch device itself; read-only */
	VSW_PORT_KIND_VXLAN,	/* a VNI; read-only, never a device */

	__VSW_PORT_KIND_MAX
};
#define VSW_PORT_KIND_MAX (__VSW_PORT_KIND_MAX - 1)

enum vsw_team_policy {
	VSW_TEAM_POLICY_PORT_ID,	/* "port-id", the default */
	VSW_TEAM_POLICY_IP_HASH,	/* "ip-hash" */
	VSW_TEAM_POLICY_MAC_HASH,	/* "mac-hash" */
	VSW_TEAM_POLICY_FAILOVER,	/* "failover": explicit order */
	VSW_TEAM_POLICY_LACP,		/* "lacp": IEEE 802.1AX, active mode */

	__VSW_TEAM_POLICY_MAX
};
#define VSW_TEAM_POLICY_MAX (__VSW_TEAM_POLICY_MAX - 1)

enum vsw_team_detect {
	VSW_TEAM_DETECT_LINK,		/* "link": carrier and operstate */
	VSW_TEAM_DETECT_BEACON,		/* "beacon": beacon probing, and link */

	__VSW_TEAM_DETECT_MAX
};
#define VSW_TEAM_DETECT_MAX (__VSW_TEAM_DETECT_MAX - 1)

enum vsw_lacp_rate {
	VSW_LACP_RATE_SLOW,		/* "slow": LACPDUs every 30 s */
	VSW_LACP_RATE_FAST,		/* "fast": every second, the default */

	__VSW_LACP_RATE_MAX
};
#define VSW_LACP_RATE_MAX (__VSW_LACP_RATE_MAX - 1)

enum vsw_team_state {
	VSW_TEAM_STATE_ACTIVE,		/* "active": carries traffic */
	VSW_TEAM_STATE_STANDBY,		/* "standby": healthy, not used now */
	VSW_TEAM_STATE_FAILED,		/* "failed": link down, no beacons, or
					 * its LACP partner went away
					 */

	__VSW_TEAM_STATE_MAX
};
#define VSW_TEAM_STATE_MAX (__VSW_TEAM_STATE_MAX - 1)

/* Inside VSW_A_TEAM_UPLINK. */
enum vsw_team_uplink_attr {
	VSW_TEAM_UPLINK_A_UNSPEC,
	VSW_TEAM_UPLINK_A_IFINDEX,	/* u32 */
	VSW_TEAM_UPLINK_A_IFNAME,	/* string */
	VSW_TEAM_UPLINK_A_STATE,	/* u8: enum vsw_team_state */
	VSW_TEAM_UPLINK_A_LINK,		/* u8: 1 = carrier up and running */
	VSW_TEAM_UPLINK_A_BEACON,	/* u8: 1 = hears the others' beacons;
					 * only while beacon probing is used
					 */
	VSW_TEAM_UPLINK_A_LACP_ACTOR_STATE,	/* u8: 802.1AX state bits */
	VSW_TEAM_UPLINK_A_LACP_PARTNER_STATE,	/* u8 */
	VSW_TEAM_UPLINK_A_LACP_PARTNER_SYSTEM,	/* binary, 6 bytes */
	VSW_TEAM_UPLINK_A_LACP_PARTNER_KEY,	/* u16 */

	__VSW_TEAM_UPLINK_A_MAX
};
#define VSW_TEAM_UPLINK_A_MAX (__VSW_TEAM_UPLINK_A_MAX - 1)

/* 802.1AX actor/partner state bits (VSW_TEAM_UPLINK_A_LACP_*_STATE). */
#define VSW_LACP_STATE_ACTIVITY		(1U << 0)
#define VSW_LACP_STATE_TIMEOUT		(1U << 1)	/* short timeout */
#define VSW_LACP_STATE_AGGREGATION	(1U << 2)
#define VSW_LACP_STATE_SYNC		(1U << 3)
#define VSW_LACP_STATE_COLLECTING	(1U << 4)
#define VSW_LACP_STATE_DISTRIBUTING	(1U << 5)
#define VSW_LACP_STATE_DEFAULTED	(1U << 6)
#define VSW_LACP_STATE_EXPIRED		(1U << 7)

/* VSW_A_FDB_FLAGS */
#define VSW_FDB_F_STATIC	(1U << 0)	/* never ages, never moves */
#define VSW_FDB_F_LOCAL		(1U << 1)	/* the switch device's own address */
#define VSW_FDB_F_ALL		(VSW_FDB_F_STATIC | VSW_FDB_F_LOCAL)

/* Inside VSW_A_PG_SHAPING. */
enum vsw_shaping_attr {
	VSW_SHAPING_A_UNSPEC,
	VSW_SHAPING_A_AVG_KBIT,		/* u32, > 0: kbit/s */
	VSW_SHAPING_A_PEAK_KBIT,	/* u32, >= average: kbit/s */
	VSW_SHAPING_A_BURST_KB,		/* u32, 1..VSW_SHAPING_BURST_MAX */

	__VSW_SHAPING_A_MAX
};
#define VSW_SHAPING_A_MAX (__VSW_SHAPING_A_MAX - 1)

/* Inside VSW_A_PORT_STATS. Counters are u64. */
enum vsw_stats_attr {
	VSW_STATS_A_UNSPEC,
	VSW_STATS_A_PAD,
	VSW_STATS_A_RX_PACKETS,	/* frames the port sent into the switch */
	VSW_STATS_A_RX_BYTES,
	VSW_STATS_A_TX_PACKETS,	/* frames the switch sent out the port */
	VSW_STATS_A_TX_BYTES,
	VSW_STATS_A_DROPS,	/* nest: attribute type = enum vsw_drop_reason,
				 * value u64; only reasons with a count > 0
				 */
	VSW_STATS_A_FDB_MOVES,	/* MACs that moved to this port */
	VSW_STATS_A_FDB_FLAPS,	/* moves less than a second after the last */

	__VSW_STATS_A_MAX
};
#define VSW_STATS_A_MAX (__VSW_STATS_A_MAX - 1)

/*
 * Why the data path dropped a frame, counted on the port the frame came in
 * on (or, for egress reasons, the port it was to leave by).
 */
enum vsw_drop_reason {
	VSW_DROP_UNSPEC,
	VSW_DROP_INVALID_SOURCE,	/* "invalid-source": group or zero source MAC */
	VSW_DROP_SAME_PORT,		/* "same-port": destination is behind the ingress port */
	VSW_DROP_MTU,			/* "mtu": larger than the egress port's MTU */
	VSW_DROP_NOMEM,			/* "nomem": no memory for a flood copy */
	VSW_DROP_PORT_DOWN,		/* "port-down": egress port down or being removed */
	VSW_DROP_UPLINK_LOOP,		/* "uplink-loop": between two ports that
					 * face the network (uplinks, VNIs)
					 */
	VSW_DROP_MALFORMED,		/* "malformed": shorter than its headers */
	VSW_DROP_VLAN,			/* "vlan": VLAN not allowed on the port */
	VSW_DROP_LINK_LOCAL,		/* "link-local": 01:80:c2:00:00:0X from the
					 * host; never switched
					 */
	VSW_DROP_FORGED,		/* "forged": source is not the port's MAC */
	VSW_DROP_MAC_CHANGE,		/* "mac-change": for a MAC the port may not use */
	VSW_DROP_SHAPING,		/* "shaping": over the port's rate */
	VSW_DROP_FDB_LIMIT,		/* "fdb-limit": a new source beyond the
					 * port's learned limit
					 */
	VSW_DROP_TEAM_INACTIVE,		/* "team-inactive": arrived on a standby
					 * or failed uplink
					 */
	VSW_DROP_TEAM_LOOP,		/* "team-loop": a broadcast or multicast
					 * back from the physical network with
					 * a local port's source address
					 */
	VSW_DROP_TEAM_DUPLICATE,	/* "team-duplicate": a flood the physical
					 * network also delivers on the team's
					 * first uplink (port-id, mac-hash)
					 */
	VSW_DROP_VXLAN_HEADER,		/* "vxlan-header": a VXLAN datagram too
					 * short, or with bad flags or
					 * reserved bits
					 */
	VSW_DROP_VXLAN_VNI,		/* "vxlan-vni": for a VNI not bound
					 * here
					 */
	VSW_DROP_VXLAN_ROUTE,		/* "vxlan-route": no route to the
					 * remote VTEP, or one through the
					 * switch itself
					 */
	VSW_DROP_ECN,			/* "ecn": outer CE on a packet that
					 * is not ECN-capable (RFC 6040)
					 */

	__VSW_DROP_MAX
};
#define VSW_DROP_MAX (__VSW_DROP_MAX - 1)

#endif /* _UAPI_LINUX_VSW_H */
