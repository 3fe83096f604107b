#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A physical switch reflects our own frames: vm1's unknown unicast, flooded
# out of up1, comes back in by up2 (where the physical switch learned vm2).
# It must not move vm1's address onto an uplink: while a local port uses a
# MAC (seen within the last second), unicast from an uplink with that
# source is a reflection (team-loop). Whatever the order of the uplinks,
# vm1 and vm2 keep reaching each other and stay on their ports.
#
#   n1 (vm1) -- p1 --+             +-- up1 == up1p --+
#                    sw0 (n0) -----+                 br0 (n9, the physical switch)
#   n2 (vm2) -- p2 --+             +-- up2 == up2p --+
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"

setup_ns 0 9
add_switch sw0
add_vm 1 sw0
add_vm 2 sw0
setup ip -n "$NS9" link add br0 type bridge stp_state 0
setup ip -n "$NS9" link set br0 up
for u in up1 up2; do
	setup ip -n "$NS0" link add "$u" type veth peer name "${u}p" netns "$NS9"
	setup ip -n "$NS9" link set "${u}p" master br0
	setup ip -n "$NS9" link set "${u}p" up
	setup ip -n "$NS0" link set "$u" up
	setup vsw uplink add sw0 "$u"
done
setup ping_ok 1 192.0.2.2
m1=$(vm_mac 1)
m2=$(vm_mac 2)
loops() { echo $(($(port_drops up1 team_loop) + $(port_drops up2 team_loop))); }

for order in up1,up2 up2,up1; do
	setup vsw team set sw0 active "$order"
	setup vsw fdb flush sw0
	before=$(loops)
	# vm1's neighbour entry for vm2 is still valid: its first frame is
	# an unknown unicast, flooded out of the team's uplink for p1.
	check "active $order: vm1 -> vm2 after an fdb flush" ping_ok 1 192.0.2.2
	check_eq "... vm1 stays on p1" p1 fdb_port sw0 "$m1"
	check_eq "... vm2 stays on p2" p2 fdb_port sw0 "$m2"
	diag "reflections dropped (team_loop on up1 + up2): $(($(loops) - before))"
done

# An address quiet for longer than a second may have moved to another
# host (a migrated VM): then it is learned behind the uplink.
setup ip -n "$NS9" link add vm1x type veth peer name vm1xp
setup ip -n "$NS9" link set vm1xp master br0
setup ip -n "$NS9" link set vm1xp up
setup ip -n "$NS9" link set vm1x address "$m1" up
sleep 2
on_uplink() { [[ $(fdb_port sw0 "$m1") == up[12] ]]; }
setup raw_send 9 vm1x "$m2" "$m1"
check_wait "vm1's MAC, quiet for 2 s, from the physical network: learned on an uplink" \
	3 on_uplink

finish
