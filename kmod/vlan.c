// SPDX-License-Identifier: GPL-2.0
/*
 * 802.1Q: which VLAN a frame belongs to when it enters the switch, which
 * ports may see it, and whether it leaves them tagged.
 *
 * Inside the switch a frame of VLAN N != 0 carries N in its accelerated tag
 * (skb->vlan_tci, keeping the PCP bits it came with); a VLAN 0 frame carries
 * no tag. The core has already moved any in-band outer tag into vlan_tci
 * before the rx_handler runs, so the data path never parses headers.
 */
#include <linux/if_vlan.h>
#include <linux/slab.h>

#include "switch.h"
#include "vxlan.h"

static const struct vsw_vlan_cfg *vsw_port_vlan_rcu(const struct vsw_port *port)
{
	return rcu_dereference(READ_ONCE(port->pg)->vlan);
}

static bool vsw_vlan_in_use(const struct vsw_switch *sw, u16 vid)
{
	const struct vsw_vlan_usage *usage = rcu_dereference(sw->vlan_usage);

	return usage->all || test_bit(vid, usage->vids);
}

/*
 * Classify a frame entering by @port: its VLAN goes to @vlan and into the
 * frame's tag. False if the port may not send into that VLAN.
 */
bool vsw_vlan_ingress(const struct vsw_port *port, struct sk_buff *skb,
		      u16 *vlan)
{
	const struct vsw_vlan_cfg *cfg;
	u16 tci = 0, vid = 0;

	if (skb_vlan_tag_present(skb)) {
		/* Only C-tags select a VLAN; an S-tagged frame is not ours. */
		if (skb->vlan_proto != htons(ETH_P_8021Q))
			return false;
		tci = skb_vlan_tag_get(skb);
		vid = tci & VLAN_VID_MASK;
		/* VLAN 4095 is reserved on the wire. */
		if (vid == VLAN_VID_MASK)
			return false;
	}

	if (port->kind == VSW_PORT_KIND_UPLINK) {
		if (vid && !vsw_vlan_in_use(port->sw, vid))
			return false;
		*vlan = vid;
		goto tag;
	}
	/* A VNI carries its VLAN untagged (or priority-tagged). */
	if (port->kind == VSW_PORT_KIND_VXLAN) {
		if (vid)
			return false;
		*vlan = vsw_vxlan_of(port)->vlan;
		goto tag;
	}

	cfg = vsw_port_vlan_rcu(port);
	switch (cfg->mode) {
	case VSW_VLAN_MODE_NONE:
		if (vid)
			return false;
		*vlan = 0;
		break;
	case VSW_VLAN_MODE_ACCESS:
		/* Untagged or priority-tagged only; the PCP is kept. */
		if (vid)
			return false;
		*vlan = cfg->vid;
		break;
	case VSW_VLAN_MODE_TRUNK_ALL:
		*vlan = vid;
		break;
	case VSW_VLAN_MODE_TRUNK_LIST:
		if (vid) {
			if (!test_bit(vid, cfg->trunk))
				return false;
			*vlan = vid;
		} else {
			if (!cfg->native)
				return false;
			*vlan = cfg->native;
		}
		break;
	}
tag:
	if (*vlan)
		__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q),
				       (tci & VLAN_PRIO_MASK) | *vlan);
	else
		__vlan_hwaccel_clear_tag(skb);
	return true;
}

/* May a frame of @vlan leave by @port? */
bool vsw_vlan_member(const struct vsw_port *port, u16 vlan)
{
	const struct vsw_vlan_cfg *cfg;

	/* Uplinks carry every VLAN that got into the switch. */
	if (port->kind == VSW_PORT_KIND_UPLINK)
		return true;
	if (port->kind == VSW_PORT_KIND_VXLAN)
		return vlan == vsw_vxlan_of(port)->vlan;

	cfg = vsw_port_vlan_rcu(port);
	switch (cfg->mode) {
	case VSW_VLAN_MODE_NONE:
		return vlan == 0;
	case VSW_VLAN_MODE_ACCESS:
		return vlan == cfg->vid;
	case VSW_VLAN_MODE_TRUNK_ALL:
		return true;
	case VSW_VLAN_MODE_TRUNK_LIST:
		return vlan == cfg->native || (vlan && test_bit(vlan, cfg->trunk));
	}
	return false;
}

/* Tag or untag a frame of @vlan leaving by @port (a member of @vlan). */
void vsw_vlan_egress(const struct vsw_port *port, struct sk_buff *skb,
		     u16 vlan)
{
	const struct vsw_vlan_cfg *cfg;

	if (!vlan || port->kind == VSW_PORT_KIND_UPLINK)
		return;
	cfg = vsw_port_vlan_rcu(port);
	if (cfg->mode == VSW_VLAN_MODE_ACCESS ||
	    (cfg->mode == VSW_VLAN_MODE_TRUNK_LIST && vlan == cfg->native))
		__vlan_hwaccel_clear_tag(skb);
}

/* The VLAN of untagged frames in a port group, 0 if none. */
u16 vsw_vlan_untagged(const struct vsw_vlan_cfg *cfg)
{
	switch (cfg->mode) {
	case VSW_VLAN_MODE_ACCESS:
		return cfg->vid;
	case VSW_VLAN_MODE_TRUNK_LIST:
		return cfg->native;
	default:
		return 0;
	}
}

struct vsw_vlan_cfg *vsw_vlan_cfg_alloc(void)
{
	return kzalloc(sizeof(struct vsw_vlan_cfg), GFP_KERNEL);
}

/*
 * Hardware VLAN filters: every uplink gets each VLAN some port group
 * carries (VLAN 0 is the 8021q module's business). Trunk-all needs no
 * filter entry: it cannot be expressed as one.
 */
static int vsw_vlan_filter_add(struct net_device *dev, const unsigned long *vids)
{
	unsigned int vid;
	int err;

	for_each_set_bit(vid, vids, VLAN_N_VID) {
		if (!vid)
			continue;
		err = vlan_vid_add(dev, htons(ETH_P_8021Q), vid);
		if (err)
			goto undo;
	}
	return 0;
undo:
	while (vid-- > 1)
		if (test_bit(vid, vids))
			vlan_vid_del(dev, htons(ETH_P_8021Q), vid);
	return err;
}

static void vsw_vlan_filter_del(struct net_device *dev, const unsigned long *vids)
{
	unsigned int vid;

	for_each_set_bit(vid, vids, VLAN_N_VID)
		if (vid)
			vlan_vid_del(dev, htons(ETH_P_8021Q), vid);
}

int vsw_vlan_uplink_add(struct vsw_switch *sw, struct net_device *dev)
{
	return vsw_vlan_filter_add(dev, rtnl_dereference(sw->vlan_usage)->vids);
}

void vsw_vlan_uplink_del(struct vsw_switch *sw, struct net_device *dev)
{
	vsw_vlan_filter_del(dev, rtnl_dereference(sw->vlan_usage)->vids);
}

/*
 * Recompute the VLANs in use after a port group changed, and move the
 * uplinks' filters from the old set to the new one. Adds come first, so a
 * failure leaves everything as it was.
 */
int vsw_vlan_usage_update(struct vsw_switch *sw)
{
	struct vsw_vlan_usage *old = rtnl_dereference(sw->vlan_usage);
	DECLARE_BITMAP(added, VLAN_N_VID);
	DECLARE_BITMAP(gone, VLAN_N_VID);
	struct vsw_vlan_usage *usage;
	struct vsw_portgroup *pg;
	struct vsw_port *port, *failed = NULL;
	int err = 0;

	usage = kzalloc(sizeof(*usage), GFP_KERNEL);
	if (!usage)
		return -ENOMEM;
	list_for_each_entry(pg, &sw->portgroups, list) {
		const struct vsw_vlan_cfg *cfg = vsw_portgroup_vlan_rtnl(pg);

		switch (cfg->mode) {
		case VSW_VLAN_MODE_NONE:
			break;
		case VSW_VLAN_MODE_ACCESS:
			__set_bit(cfg->vid, usage->vids);
			break;
		case VSW_VLAN_MODE_TRUNK_ALL:
			usage->all = true;
			break;
		case VSW_VLAN_MODE_TRUNK_LIST:
			bitmap_or(usage->vids, usage->vids, cfg->trunk,
				  VLAN_N_VID);
			__set_bit(cfg->native, usage->vids);
			break;
		}
	}
	__clear_bit(0, usage->vids);

	if (old) {
		bitmap_andnot(added, usage->vids, old->vids, VLAN_N_VID);
		bitmap_andnot(gone, old->vids, usage->vids, VLAN_N_VID);
	} else {
		bitmap_copy(added, usage->vids, VLAN_N_VID);
		bitmap_zero(gone, VLAN_N_VID);
	}

	list_for_each_entry(port, &sw->ports, list) {
		if (port->kind != VSW_PORT_KIND_UPLINK)
			continue;
		err = vsw_vlan_filter_add(port->dev, added);
		if (err) {
			failed = port;
			break;
		}
	}
	if (err) {
		list_for_each_entry(port, &sw->ports, list) {
			if (port == failed)
				break;
			if (port->kind == VSW_PORT_KIND_UPLINK)
				vsw_vlan_filter_del(port->dev, added);
		}
		kfree(usage);
		return err;
	}
	list_for_each_entry(port, &sw->ports, list)
		if (port->kind == VSW_PORT_KIND_UPLINK)
			vsw_vlan_filter_del(port->dev, gone);

	rcu_assign_pointer(sw->vlan_usage, usage);
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

void vsw_vlan_usage_free(struct vsw_switch *sw)
{
	struct vsw_vlan_usage *usage = rtnl_dereference(sw->vlan_usage);

	RCU_INIT_POINTER(sw->vlan_usage, NULL);
	if (usage)
		kfree_rcu(usage, rcu);
}
