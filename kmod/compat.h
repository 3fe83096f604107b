/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every kernel API difference vsw meets between 6.1 and newer kernels, chosen
 * by compat-probe.sh from the headers of the kernel being built against.
 */
#ifndef _VSW_COMPAT_H
#define _VSW_COMPAT_H

#include <linux/netdevice.h>
#include <net/genetlink.h>
#include <net/dropreason.h>

#include "compat-generated.h"

static inline void vsw_compat_set_lltx(struct net_device *dev)
{
#ifdef VSW_HAVE_DEV_LLTX
	dev->lltx = true;
#else
	dev->features |= NETIF_F_LLTX;
#endif
}

static inline void vsw_compat_set_netns_local(struct net_device *dev)
{
#ifdef VSW_HAVE_DEV_NETNS_LOCAL
	dev->netns_local = true;
#else
	dev->features |= NETIF_F_NETNS_LOCAL;
#endif
}

/* The validated request attributes of a dump. */
static inline struct nlattr **vsw_compat_dump_attrs(struct netlink_callback *cb)
{
#ifdef VSW_HAVE_GENL_INFO_DUMP
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

#ifdef VSW_HAVE_DROP_MAC_INVALID_SOURCE
#define VSW_SKB_DROP_INVALID_SOURCE	SKB_DROP_REASON_MAC_INVALID_SOURCE
#else
#define VSW_SKB_DROP_INVALID_SOURCE	SKB_DROP_REASON_NOT_SPECIFIED
#endif

#endif /* _VSW_COMPAT_H */
