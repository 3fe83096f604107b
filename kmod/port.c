// SPDX-License-Identifier: GPL-2.0
/*
 * Ports: attaching an Ethernet device to a switch and detaching it again.
 *
 * The attach sequence follows the bridge's (net/bridge/br_if.c): promiscuity,
 * rx_handler, upper-device link, LRO off, then the port becomes visible to
 * the data path. Detach runs the same steps in exact reverse.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>

#include "switch.h"
#include "fdb.h"
#include "netlink.h"

struct vsw_port *vsw_port_from_dev_rtnl(const struct net_device *dev)
{
	if (rcu_access_pointer(dev->rx_handler) != vsw_handle_frame)
		return NULL;
	return rtnl_dereference(dev->rx_handler_data);
}

/* The port a device is: a switch device is its switch's host port. */
struct vsw_port *vsw_port_of_dev_rtnl(const struct net_device *dev)
{
	if (netif_is_vsw(dev))
		return ((struct vsw_switch *)netdev_priv(dev))->host;
	return vsw_port_from_dev_rtnl(dev);
}

struct vsw_port *vsw_port_alloc(struct vsw_switch *sw, struct net_device *dev,
				enum vsw_port_kind kind)
{
	struct vsw_port *port;

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return NULL;
	port->stats = netdev_alloc_pcpu_stats(struct vsw_port_stats);
	if (!port->stats) {
		kfree(port);
		return NULL;
	}
	port->sw = sw;
	port->dev = dev;
	port->kind = kind;
	port->pg = sw->default_pg;
	port->id = ++sw->next_port_id;
	vsw_shaper_init(&port->shaper);
	return port;
}

static void vsw_port_free_rcu(struct rcu_head *head)
{
	struct vsw_port *port = container_of(head, struct vsw_port, rcu);

	free_percpu(port->stats);
	kfree(port);
}

/* Readers may still hold the port until a grace period passes. */
void vsw_port_free(struct vsw_port *port)
{
	call_rcu(&port->rcu, vsw_port_free_rcu);
}

static int vsw_port_check(struct vsw_switch *sw, struct net_device *dev,
			  struct netlink_ext_ack *extack)
{
	if (dev == sw->dev) {
		NL_SET_ERR_MSG_MOD(extack, "Cannot attach a switch to itself");
		return -ELOOP;
	}
	if (netif_is_vsw(dev)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "Cannot attach a vsw switch to another switch");
		return -ELOOP;
	}
	if (dev->flags & IFF_LOOPBACK) {
		NL_SET_ERR_MSG_MOD(extack, "Cannot attach a loopback device");
		return -EINVAL;
	}
	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN ||
	    !is_valid_ether_addr(dev->dev_addr)) {
		NL_SET_ERR_MSG_MOD(extack, "Only Ethernet devices can be ports");
		return -EINVAL;
	}
	if (dev->priv_flags & IFF_DONT_BRIDGE) {
		NL_SET_ERR_MSG_MOD(extack, "The device cannot be switched");
		return -EOPNOTSUPP;
	}
	if (!net_eq(dev_net(dev), dev_net(sw->dev))) {
		NL_SET_ERR_MSG_MOD(extack,
				   "The device is in another network namespace");
		return -EXDEV;
	}
	if (vsw_port_from_dev_rtnl(dev)) {
		NL_SET_ERR_MSG_MOD(extack, "The device is already a switch port");
		return -EBUSY;
	}
	if (netdev_master_upper_dev_get(dev)) {
		NL_SET_ERR_MSG_MOD(extack, "The device already has a master");
		return -EBUSY;
	}
	if (netdev_is_rx_handler_busy(dev)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "The device already has a receive handler (bridge, macvlan, bond, ...)");
		return -EBUSY;
	}
	return 0;
}

int vsw_port_add(struct vsw_switch *sw, struct net_device *dev,
		 enum vsw_port_kind kind, struct vsw_portgroup *pg,
		 struct netlink_ext_ack *extack)
{
	struct vsw_port *port;
	int err;

	ASSERT_RTNL();
	err = vsw_port_check(sw, dev, extack);
	if (err)
		return err;
	if (!pg)
		pg = sw->default_pg;
	if (kind == VSW_PORT_KIND_UPLINK && pg != sw->default_pg) {
		NL_SET_ERR_MSG_MOD(extack,
				   "Uplinks carry every VLAN and have no port group");
		return -EINVAL;
	}

	port = vsw_port_alloc(sw, dev, kind);
	if (!port)
		return -ENOMEM;
	port->pg = pg;
	dev_hold(dev);

	err = dev_set_promiscuity(dev, 1);
	if (err)
		goto err_free;
	err = netdev_rx_handler_register(dev, vsw_handle_frame, port);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "Cannot register the receive handler");
		goto err_unpromisc;
	}
	err = netdev_master_upper_dev_link(dev, sw->dev, NULL, NULL, extack);
	if (err)
		goto err_unregister;
	dev_disable_lro(dev);
	if (kind == VSW_PORT_KIND_UPLINK) {
		err = vsw_vlan_uplink_add(sw, dev);
		if (err) {
			NL_SET_ERR_MSG_MOD(extack,
					   "Cannot program the uplink's VLAN filter");
			goto err_unlink;
		}
	}

	port->pg->n_ports++;
	sw->n_ports++;
	vsw_team_port_init(port);
	list_add_tail_rcu(&port->list, &sw->ports);
	if (kind == VSW_PORT_KIND_UPLINK)
		vsw_team_uplink_added(sw, port);
	vsw_security_update(sw);
	vsw_switch_update_mtu(sw);
	vsw_nl_notify_port(port, VSW_CMD_PORT_NEW);
	return 0;

err_unlink:
	netdev_upper_dev_unlink(dev, sw->dev);
err_unregister:
	netdev_rx_handler_unregister(dev);
err_unpromisc:
	dev_set_promiscuity(dev, -1);
err_free:
	dev_put(dev);
	vsw_port_free(port);
	return err;
}

/* Under RTNL: the admin sets the port's MAC, or forgets it (all zero). */
void vsw_port_set_mac(struct vsw_port *port, const u8 *addr)
{
	u64 mac = ether_addr_to_u64(addr);

	port->mac_admin = mac != 0;
	WRITE_ONCE(port->mac, mac);
}

void vsw_port_del(struct vsw_port *port)
{
	struct vsw_switch *sw = port->sw;
	struct net_device *dev = port->dev;

	ASSERT_RTNL();
	vsw_nl_notify_port(port, VSW_CMD_PORT_DEL);
	list_del_rcu(&port->list);
	if (port->kind == VSW_PORT_KIND_UPLINK)
		vsw_team_uplink_removed(sw, port);
	sw->n_ports--;
	port->pg->n_ports--;
	vsw_security_update(sw);

	if (port->kind == VSW_PORT_KIND_UPLINK)
		vsw_vlan_uplink_del(sw, dev);
	netdev_upper_dev_unlink(dev, sw->dev);
	/* Waits for every reader of the port (synchronize_net). */
	netdev_rx_handler_unregister(dev);
	/* Only now: until the handler is gone a frame arriving on the port
	 * can learn its source behind it again, an entry that would outlive
	 * the port (found by KASAN at rmmod under traffic).
	 */
	vsw_fdb_flush(sw, port, -1, true);
	dev_set_promiscuity(dev, -1);

	dev_put(dev);
	vsw_port_free(port);
	vsw_switch_update_mtu(sw);
}

void vsw_stats_read(const struct vsw_port_stats __percpu *stats,
		    struct vsw_port_totals *t)
{
	int cpu, i;

	memset(t, 0, sizeof(*t));
	for_each_possible_cpu(cpu) {
		const struct vsw_port_stats *s = per_cpu_ptr(stats, cpu);
		u64 rxp, rxb, txp, txb, moves, flaps, drops[__VSW_DROP_MAX];
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			rxp = u64_stats_read(&s->rx_packets);
			rxb = u64_stats_read(&s->rx_bytes);
			txp = u64_stats_read(&s->tx_packets);
			txb = u64_stats_read(&s->tx_bytes);
			moves = u64_stats_read(&s->fdb_moves);
			flaps = u64_stats_read(&s->fdb_flaps);
			for (i = 0; i < __VSW_DROP_MAX; i++)
				drops[i] = u64_stats_read(&s->drops[i]);
		} while (u64_stats_fetch_retry(&s->syncp, start));

		t->fdb_moves += moves;
		t->fdb_flaps += flaps;
		t->rx_packets += rxp;
		t->rx_bytes += rxb;
		t->tx_packets += txp;
		t->tx_bytes += txb;
		for (i = 0; i < __VSW_DROP_MAX; i++)
			t->drops[i] += drops[i];
	}
}

/* Port device events, under RTNL; see vsw_netdev_event(). */
int vsw_port_netdev_event(struct vsw_port *port, unsigned long event)
{
	switch (event) {
	case NETDEV_UNREGISTER:
		/* Deleted, or moving to another netns: detach. */
		vsw_port_del(port);
		break;
	case NETDEV_CHANGEMTU:
		vsw_switch_update_mtu(port->sw);
		break;
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
		/* Carrier and operstate: the team's link-state detection. */
		if (port->kind == VSW_PORT_KIND_UPLINK)
			vsw_team_link_changed(port);
		break;
	case NETDEV_PRE_TYPE_CHANGE:
		/* A port must stay Ethernet. */
		return notifier_from_errno(-EBUSY);
	}
	return NOTIFY_DONE;
}
