// SPDX-License-Identifier: GPL-2.0
/*
 * vsw: a virtual switch for Linux VM hosts.
 */
#include <linux/module.h>
#include <net/rtnetlink.h>
#include <net/genetlink.h>

#include "switch.h"
#include "fdb.h"
#include "netlink.h"

static int __init vsw_init(void)
{
	int err;

	err = vsw_fdb_cache_init();
	if (err)
		return err;
	err = vsw_netdev_notifier_init();
	if (err)
		goto err_cache;
	err = rtnl_link_register(&vsw_link_ops);
	if (err)
		goto err_notifier;
	err = vsw_genl_init();
	if (err)
		goto err_link;
	return 0;

err_link:
	rtnl_link_unregister(&vsw_link_ops);
err_notifier:
	vsw_netdev_notifier_exit();
err_cache:
	vsw_fdb_cache_exit();
	return err;
}

static void __exit vsw_exit(void)
{
	vsw_genl_exit();
	/* Deletes every switch in every netns, detaching its ports. */
	rtnl_link_unregister(&vsw_link_ops);
	vsw_netdev_notifier_exit();
	/* FDB entries and ports are freed after a grace period. */
	rcu_barrier();
	vsw_fdb_cache_exit();
}

module_init(vsw_init);
module_exit(vsw_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("vsw: virtual switch for VM hosts");
MODULE_VERSION("0.1");
MODULE_ALIAS_RTNL_LINK("vsw");
MODULE_ALIAS_GENL_FAMILY(VSW_GENL_NAME);
