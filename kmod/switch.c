// SPDX-License-Identifier: GPL-2.0
/*
 * The switch: a net device of kind "vsw". Its own device is the host's port
 * on the switch: what the host sends through it enters the switch, frames
 * for its address (or flooded ones) come up the host's stack through it.
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/rtnetlink.h>
#include <net/rtnetlink.h>

#include "switch.h"
#include "fdb.h"
#include "netlink.h"
#include "compat.h"

#define VSW_FEATURES (NETIF_F_SG | NETIF_F_FRAGLIST | NETIF_F_HW_CSUM | \
		      NETIF_F_HIGHDMA | NETIF_F_GSO_SOFTWARE | \
		      NETIF_F_HW_VLAN_CTAG_TX | NETIF_F_HW_VLAN_STAG_TX)

static const struct net_device_ops vsw_netdev_ops;

bool netif_is_vsw(const struct net_device *dev)
{
	return dev->netdev_ops == &vsw_netdev_ops;
}

static void vsw_switch_set_ageing_locked(struct vsw_switch *sw, u32 ageing)
{
	sw->ageing = ageing;
	WRITE_ONCE(sw->ageing_jiffies, (unsigned long)ageing * HZ);
}

void vsw_switch_set_ageing(struct vsw_switch *sw, u32 ageing)
{
	vsw_switch_set_ageing_locked(sw, ageing);
	vsw_fdb_reschedule_gc(sw);
}

/* Like the bridge: unless the user chose one, the switch device's MTU is the
 * smallest of its ports', so the host never sends frames a port must drop.
 */
void vsw_switch_update_mtu(struct vsw_switch *sw)
{
	unsigned int mtu = ETH_DATA_LEN, min_mtu = 0;
	struct vsw_port *port;

	ASSERT_RTNL();
	if (sw->mtu_set_by_user)
		return;
	list_for_each_entry(port, &sw->ports, list) {
		if (port->kind == VSW_PORT_KIND_HOST)
			continue;
		if (!min_mtu || port->dev->mtu < min_mtu)
			min_mtu = port->dev->mtu;
	}
	if (min_mtu)
		mtu = min_mtu;
	if (mtu != sw->dev->mtu) {
		dev_set_mtu(sw->dev, mtu);
		/* dev_set_mtu() went through ndo_change_mtu(). */
		sw->mtu_set_by_user = false;
	}
}

static int vsw_dev_init(struct net_device *dev)
{
	struct vsw_switch *sw = netdev_priv(dev);
	int err;

	sw->dev = dev;
	INIT_LIST_HEAD(&sw->ports);
	INIT_LIST_HEAD(&sw->vxlans);
	vsw_team_init(sw);
	/* udp_tunnel_xmit_skb() counts VXLAN datagrams in the tstats of the
	 * device it is handed: the switch's.
	 */
	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		return -ENOMEM;
	err = vsw_portgroups_init(sw);
	if (err)
		goto err_tstats;
	sw->host = vsw_port_alloc(sw, dev, VSW_PORT_KIND_HOST);
	if (!sw->host) {
		err = -ENOMEM;
		goto err_portgroups;
	}
	err = vsw_fdb_init(sw);
	if (err)
		goto err_host;
	err = vsw_fdb_set_local(sw, dev->dev_addr, 0);
	if (err)
		goto err_fdb;
	sw->host->pg->n_ports++;
	list_add_rcu(&sw->host->list, &sw->ports);
	return 0;

err_fdb:
	vsw_fdb_destroy(sw);
err_host:
	vsw_port_free(sw->host);
err_portgroups:
	vsw_portgroups_destroy(sw);
err_tstats:
	free_percpu(dev->tstats);
	return err;
}

/* Runs after the device is closed and every port is detached. */
static void vsw_dev_uninit(struct net_device *dev)
{
	struct vsw_switch *sw = netdev_priv(dev);

	list_del_rcu(&sw->host->list);
	sw->host->pg->n_ports--;
	vsw_team_destroy(sw);
	vsw_fdb_destroy(sw);
	vsw_port_free(sw->host);
	vsw_portgroups_destroy(sw);
	free_percpu(dev->tstats);
}

static int vsw_dev_open(struct net_device *dev)
{
	netif_carrier_on(dev);
	netif_start_queue(dev);
	return 0;
}

static int vsw_dev_stop(struct net_device *dev)
{
	netif_stop_queue(dev);
	return 0;
}

static int vsw_dev_set_mac_address(struct net_device *dev, void *p)
{
	struct vsw_switch *sw = netdev_priv(dev);
	struct sockaddr *addr = p;

	if (!is_valid_ether_addr(addr->sa_data))
		return -EADDRNOTAVAIL;
	eth_hw_addr_set(dev, addr->sa_data);
	vsw_portgroup_update_local(sw);
	return 0;
}

static int vsw_dev_change_mtu(struct net_device *dev, int new_mtu)
{
	struct vsw_switch *sw = netdev_priv(dev);

	dev->mtu = new_mtu;
	sw->mtu_set_by_user = true;
	return 0;
}

/* The host's view: what it sent is the host port's rx, and back. */
static void vsw_dev_get_stats64(struct net_device *dev,
				struct rtnl_link_stats64 *stats)
{
	struct vsw_switch *sw = netdev_priv(dev);
	struct vsw_port_totals t;
	int i;

	vsw_port_read_stats(sw->host, &t);
	stats->tx_packets = t.rx_packets;
	stats->tx_bytes = t.rx_bytes;
	stats->rx_packets = t.tx_packets;
	stats->rx_bytes = t.tx_bytes;
	/* Drops on the way to the host are the device's rx drops. */
	for (i = 0; i < __VSW_DROP_MAX; i++) {
		if (i == VSW_DROP_PORT_DOWN || i == VSW_DROP_MTU)
			stats->rx_dropped += t.drops[i];
		else
			stats->tx_dropped += t.drops[i];
	}
}

static int vsw_dev_add_slave(struct net_device *dev,
			     struct net_device *slave_dev,
			     struct netlink_ext_ack *extack)
{
	return vsw_port_add(netdev_priv(dev), slave_dev, VSW_PORT_KIND_PORT,
			    NULL, extack);
}

static int vsw_dev_del_slave(struct net_device *dev,
			     struct net_device *slave_dev)
{
	struct vsw_port *port = vsw_port_from_dev_rtnl(slave_dev);

	if (!port || port->sw != netdev_priv(dev))
		return -EINVAL;
	vsw_port_del(port);
	return 0;
}

static const struct net_device_ops vsw_netdev_ops = {
	.ndo_init		= vsw_dev_init,
	.ndo_uninit		= vsw_dev_uninit,
	.ndo_open		= vsw_dev_open,
	.ndo_stop		= vsw_dev_stop,
	.ndo_start_xmit		= vsw_host_xmit,
	.ndo_set_mac_address	= vsw_dev_set_mac_address,
	.ndo_change_mtu		= vsw_dev_change_mtu,
	.ndo_get_stats64	= vsw_dev_get_stats64,
	.ndo_add_slave		= vsw_dev_add_slave,
	.ndo_del_slave		= vsw_dev_del_slave,
};

static void vsw_dev_get_drvinfo(struct net_device *dev,
				struct ethtool_drvinfo *info)
{
	strscpy(info->driver, "vsw", sizeof(info->driver));
	strscpy(info->bus_info, "N/A", sizeof(info->bus_info));
}

static const struct ethtool_ops vsw_ethtool_ops = {
	.get_drvinfo	= vsw_dev_get_drvinfo,
	.get_link	= ethtool_op_get_link,
};

static void vsw_dev_setup(struct net_device *dev)
{
	struct vsw_switch *sw = netdev_priv(dev);

	ether_setup(dev);
	eth_hw_addr_random(dev);
	dev->netdev_ops = &vsw_netdev_ops;
	dev->ethtool_ops = &vsw_ethtool_ops;
	dev->rtnl_link_ops = &vsw_link_ops;
	dev->needs_free_netdev = true;
	dev->priv_flags |= IFF_NO_QUEUE | IFF_LIVE_ADDR_CHANGE;
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	dev->features = VSW_FEATURES;
	dev->hw_features = VSW_FEATURES;
	dev->vlan_features = VSW_FEATURES & ~(NETIF_F_HW_VLAN_CTAG_TX |
					      NETIF_F_HW_VLAN_STAG_TX);
	vsw_compat_set_lltx(dev);
	/* Ports live in the switch's netns; moving it would strand them. */
	vsw_compat_set_netns_local(dev);
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;

	sw->fdb_max = VSW_FDB_MAX_DEFAULT;
	vsw_switch_set_ageing_locked(sw, VSW_AGEING_DEFAULT);
}

static void vsw_dellink(struct net_device *dev, struct list_head *head)
{
	struct vsw_switch *sw = netdev_priv(dev);
	struct vsw_port *port, *tmp;

	vsw_vxlan_del_all(sw);
	list_for_each_entry_safe(port, tmp, &sw->ports, list)
		if (port->kind != VSW_PORT_KIND_HOST)
			vsw_port_del(port);
	unregister_netdevice_queue(dev, head);
}

struct rtnl_link_ops vsw_link_ops __read_mostly = {
	.kind		= "vsw",
	.priv_size	= sizeof(struct vsw_switch),
	.setup		= vsw_dev_setup,
	.dellink	= vsw_dellink,
};

struct vsw_switch *vsw_switch_create(struct net *net, const char *name,
				     u32 ageing, u32 fdb_max,
				     struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	struct vsw_switch *sw;
	int err;

	ASSERT_RTNL();
	if (!dev_valid_name(name)) {
		NL_SET_ERR_MSG_MOD(extack, "Invalid device name");
		return ERR_PTR(-EINVAL);
	}
	if (__dev_get_by_name(net, name)) {
		NL_SET_ERR_MSG_MOD(extack, "A device with this name already exists");
		return ERR_PTR(-EEXIST);
	}
	dev = alloc_netdev(sizeof(*sw), name, NET_NAME_USER, vsw_dev_setup);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev_net_set(dev, net);
	sw = netdev_priv(dev);
	vsw_switch_set_ageing_locked(sw, ageing);
	sw->fdb_max = fdb_max;

	err = register_netdevice(dev);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "Cannot register the switch device");
		free_netdev(dev);
		return ERR_PTR(err);
	}
	return sw;
}

void vsw_switch_delete(struct vsw_switch *sw)
{
	vsw_dellink(sw->dev, NULL);
}

static int vsw_netdev_event(struct notifier_block *nb, unsigned long event,
			    void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct vsw_port *port;

	if (netif_is_vsw(dev)) {
		if (event == NETDEV_REGISTER)
			vsw_nl_notify_switch(netdev_priv(dev), VSW_CMD_SWITCH_NEW);
		else if (event == NETDEV_UNREGISTER)
			vsw_nl_notify_switch(netdev_priv(dev), VSW_CMD_SWITCH_DEL);
		return NOTIFY_DONE;
	}
	port = vsw_port_from_dev_rtnl(dev);
	if (port)
		return vsw_port_netdev_event(port, event);
	return NOTIFY_DONE;
}

static struct notifier_block vsw_netdev_notifier = {
	.notifier_call = vsw_netdev_event,
};

int vsw_netdev_notifier_init(void)
{
	return register_netdevice_notifier(&vsw_netdev_notifier);
}

void vsw_netdev_notifier_exit(void)
{
	unregister_netdevice_notifier(&vsw_netdev_notifier);
}
