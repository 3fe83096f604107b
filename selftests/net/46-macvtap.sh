#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A VM on a macvtap on the switch device (libvirt's <interface
# type='direct'><source dev='sw0' mode='bridge'/>): tap-vm reads and writes
# /dev/tapN as QEMU does. Its frames enter the switch by the host port, in
# the host port's port group; frames for its MAC are delivered to the host
# port, where macvlan's rx_handler on sw0 hands them to the macvtap.
#
#   n1 (vm1) 192.0.2.1 default     n2 (vm2) 192.0.2.2 web (VLAN 10)
#     |                              |
#   n0: p1 ----------- sw0 --------- p2
#                       |  host port (default, later web)
#                      mvt0 macvtap bridge  <- /dev/tapN: tap-vm 192.0.2.20
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"

TAPVM=$VSW_ROOT/selftests/tools/tap-vm
[[ -x $TAPVM ]] || skip_all "$TAPVM not built (make -C selftests/tools)"
modprobe macvtap 2>/dev/null

MACM=52:54:00:00:53:20

setup_ns 0
add_switch sw0
add_pg sw0 web vlan 10
add_vm_pg 1 sw0 default 192.0.2.1/24
add_vm_pg 2 sw0 web 192.0.2.2/24
if ! n0 ip link add link sw0 name mvt0 address "$MACM" type macvtap mode bridge \
	2>"$TMPD/mvt.err"; then
	grep -qiE 'unknown|not supported' "$TMPD/mvt.err" && skip_all "no macvtap in this kernel"
	fail "ip link add link sw0 name mvt0 type macvtap mode bridge" "$(cat "$TMPD/mvt.err")"
	finish
fi
setup n0 ip link set dev mvt0 up

# The character device of mvt0: /dev/tapIFINDEX from devtmpfs when it is
# the right one, else a node of our own from sysfs's major:minor.
idx=$(n0 cat /sys/class/net/mvt0/ifindex)
devno=$(n0 cat "/sys/class/net/mvt0/macvtap/tap$idx/dev")
TAPDEV=/dev/tap$idx
if [[ ! -c $TAPDEV ]] ||
	[[ $(stat -c '%t:%T' "$TAPDEV") != "$(printf '%x:%x' "${devno%:*}" "${devno#*:}")" ]]; then
	TAPDEV=$TMPD/tap$idx
	setup mknod "$TAPDEV" c "${devno%:*}" "${devno#*:}"
fi
diag "mvt0: ifindex $idx, device $devno, $TAPDEV"

log_has()
{
	grep -qE "$2" "$1"
}

tapvm_count()
{
	sed -nE "s/.* $2 ([0-9]+).*/\\1/p" "$1" | tail -n 1
}

# ---- the host port in "default" ----
BG_OUT=$TMPD/m1.log run_bg 0 "$TAPVM" -d "$TAPDEV" -m "$MACM" -a 192.0.2.20 \
	-p 192.0.2.1 -c 3 -T 90
m1=$BG_PID
check_wait "tap-vm opened $TAPDEV (vnet header on)" 20 log_has "$TMPD/m1.log" 'ready'
check "vm1 (default) -> macvtap VM ping" vping 1 192.0.2.20
check_wait "macvtap VM -> vm1: 3/3 echo replies" 30 log_has "$TMPD/m1.log" 'ping 192.0.2.1 3/3'
check_eq "the macvtap VM's MAC is learned on the host port" sw0 fdb_port sw0 "$MACM"
check_eq "mvt0 is not a switch port" 0 vsw_jq "len(where(j, name='mvt0'))" port show sw0
check "vm2 (web, VLAN 10) cannot reach the macvtap VM" vping_fails 2 192.0.2.20
# macvlan semantics: the lower device's own stack never talks to its
# macvlans, and vsw does not send the host's frames back to the host port.
setup n0 ip addr add 192.0.2.254/24 dev sw0
setup ip -n "$NS0" neigh replace 192.0.2.20 lladdr "$MACM" dev sw0 nud permanent
check_not "the host (192.0.2.254 on sw0) cannot reach the macvtap VM" \
	n0 ping -q -c 2 -i 0.2 -W 1 -w 2 192.0.2.20
setup n0 ip addr del 192.0.2.254/24 dev sw0
stop_bg "$m1"
check_num "tap-vm answered vm1's echo requests" -ge 2 tapvm_count "$TMPD/m1.log" echo_answered
check_eq "the macvtap passed no unicast for other MACs" 0 tapvm_count "$TMPD/m1.log" foreign

# ---- the host port moved to "web": the macvtap VM follows it ----
setup vsw port set sw0 portgroup web
BG_OUT=$TMPD/m2.log run_bg 0 "$TAPVM" -d "$TAPDEV" -H 0 -m "$MACM" -a 192.0.2.20 \
	-p 192.0.2.2 -c 3 -T 90
m2=$BG_PID
check_wait "tap-vm opened $TAPDEV again (no vnet header)" 20 log_has "$TMPD/m2.log" 'ready'
check "vm2 (web) -> macvtap VM ping" vping 2 192.0.2.20
check_wait "macvtap VM -> vm2: 3/3 echo replies" 30 log_has "$TMPD/m2.log" 'ping 192.0.2.2 3/3'
check "vm1 (default) cannot reach the macvtap VM now" vping_fails 1 192.0.2.20
check_eq "the macvtap VM's MAC is learned on the host port in VLAN 10" sw0 \
	fdb_port sw0 "$MACM" 10
stop_bg "$m2"
check_num "tap-vm answered vm2's echo requests" -ge 2 tapvm_count "$TMPD/m2.log" echo_answered
setup vsw port set sw0 portgroup default
setup n0 ip link del dev mvt0

finish
