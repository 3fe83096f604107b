// SPDX-License-Identifier: GPL-2.0
/*
 * Port group security policies: forged transmits, MAC address changes and
 * promiscuous mode, applied to VM ports only (uplinks face the physical
 * network and the host port is trusted).
 *
 * A port's MAC is kept as a u64 so the data path reads and claims it
 * atomically: the first source address a port uses sticks unless the admin
 * set one.
 */
#include <linux/etherdevice.h>

#include "switch.h"

static u8 vsw_port_security(const struct vsw_port *port)
{
	return READ_ONCE(READ_ONCE(port->pg)->security);
}

/*
 * Check a frame's source against the port's MAC. Returns a drop reason,
 * or VSW_DROP_UNSPEC to pass it; *learn says whether the source may be
 * learned behind the port.
 */
enum vsw_drop_reason vsw_security_ingress(struct vsw_port *port,
					  const u8 *src, bool *learn)
{
	u64 addr = ether_addr_to_u64(src);
	u64 mac = READ_ONCE(port->mac);
	u8 sec;

	*learn = true;
	if (likely(addr == mac) || !vsw_port_policed(port))
		return VSW_DROP_UNSPEC;
	if (!mac) {
		/* First source seen: it becomes the port's MAC, unless
		 * another CPU claimed one first.
		 */
		mac = cmpxchg(&port->mac, 0, addr);
		if (!mac || mac == addr)
			return VSW_DROP_UNSPEC;
	}
	sec = vsw_port_security(port);
	if (sec & VSW_SEC_MAC_CHANGE) {
		/* The guest changed its MAC and may: the port follows. */
		WRITE_ONCE(port->mac, addr);
		return VSW_DROP_UNSPEC;
	}
	if (sec & VSW_SEC_FORGED) {
		/* It may send from it, but never receive for it. */
		*learn = false;
		return VSW_DROP_UNSPEC;
	}
	return VSW_DROP_FORGED;
}

/* May a unicast frame for @dest be delivered to @port? */
bool vsw_security_accepts(const struct vsw_port *port, const u8 *dest)
{
	u64 mac;

	if (!vsw_port_policed(port))
		return true;
	mac = READ_ONCE(port->mac);
	return !mac || mac == ether_addr_to_u64(dest);
}

bool vsw_security_promisc(const struct vsw_port *port)
{
	return vsw_port_policed(port) &&
	       (vsw_port_security(port) & VSW_SEC_PROMISC);
}

/* Under RTNL, after a group's policy or a port's group changed. */
void vsw_security_update(struct vsw_switch *sw)
{
	struct vsw_port *port;
	unsigned int n = 0;

	ASSERT_RTNL();
	list_for_each_entry(port, &sw->ports, list)
		if (vsw_port_policed(port) && (port->pg->security & VSW_SEC_PROMISC))
			n++;
	WRITE_ONCE(sw->n_promisc, n);
}
