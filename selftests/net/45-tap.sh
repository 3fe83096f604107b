#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# VMs on tap ports, opened as QEMU opens them (selftests/tools/tap-vm:
# /dev/net/tun, TUNSETIFF IFF_TAP|IFF_NO_PI|IFF_VNET_HDR), attached with
# vswctl and with the hooks/vsw-ifup, vsw-ifdown scripts QEMU runs.
#
#   n1 (vm1) 192.0.2.1 default     n2 (vm2) 192.0.2.2 web (VLAN 10)
#     |                              |
#   n0: p1 ----------- sw0 --------- p2
#                     |   |
#         vnet0 (tap-vm .10, default)  vnet1 (tap-vm .11, web, by vsw-ifup)
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"

TAPVM=$VSW_ROOT/selftests/tools/tap-vm
IFUP=$VSW_ROOT/hooks/vsw-ifup
IFDOWN=$VSW_ROOT/hooks/vsw-ifdown
[[ -x $TAPVM ]] || skip_all "$TAPVM not built (make -C selftests/tools)"
modprobe tun 2>/dev/null
[[ -c /dev/net/tun ]] || skip_all "no /dev/net/tun"

MAC0=52:54:00:00:53:10
MAC1=52:54:00:00:53:11
MAC2=52:54:00:00:53:12

setup_ns 0
add_switch sw0
add_pg sw0 web vlan 10
add_vm_pg 1 sw0 default 192.0.2.1/24
add_vm_pg 2 sw0 web 192.0.2.2/24

# The scripts, run in the host netns as QEMU would run them there.
ifup()
{
	n0 env VSW_VSWCTL="$VSWCTL" VSW_IFUP_CONF="$TMPD/ifup.conf" "$@"
}

# log_has FILE ERE
log_has()
{
	grep -qE "$2" "$1"
}

# tapvm_count FILE COUNTER: a counter of tap-vm's last line.
tapvm_count()
{
	sed -nE "s/.* $2 ([0-9]+).*/\\1/p" "$1" | tail -n 1
}

dev_up()
{
	ip -o -n "$NS0" link show dev "$1" | grep -qE '[<,]UP[,>]'
}

# check_script_fails DESC SUBSTR DEV CMD...: CMD exits non-zero with
# SUBSTR on stderr, and DEV is not attached to sw0.
check_script_fails()
{
	local desc=$1 substr=$2 dev=$3 rc
	shift 3
	"$@" >"$TMPD/sout" 2>"$TMPD/serr"
	rc=$?
	if ((rc == 0)); then
		fail "$desc" "command: $*" "succeeded, expected a failure"
	elif ! grep -qiF -- "$substr" "$TMPD/serr"; then
		fail "$desc" "command: $* (exit $rc)" "stderr lacks \"$substr\""
		__diag_file "$TMPD/serr"
	elif [[ $(dev_master 0 "$dev" 2>/dev/null) == sw0 ]]; then
		fail "$desc" "$dev is attached after the failure"
	else
		pass "$desc"
		sed -n '1s/^/#   /p' "$TMPD/serr"
	fi
}

# ---- a persistent tap, attached with vswctl ----
setup n0 ip tuntap add dev vnet0 mode tap
setup vsw port add sw0 vnet0 mac "$MAC0"
setup n0 ip link set dev vnet0 up
BG_OUT=$TMPD/vm0.log run_bg 0 "$TAPVM" -i vnet0 -m "$MAC0" -a 192.0.2.10 \
	-p 192.0.2.1 -c 3 -T 90
vm0=$BG_PID
check_wait "tap-vm opened vnet0 as QEMU does" 20 log_has "$TMPD/vm0.log" 'ready vnet0'
check "vm1 -> tap VM ping through vnet0" vping 1 192.0.2.10
check_wait "tap VM -> vm1: 3/3 echo replies" 30 log_has "$TMPD/vm0.log" 'ping 192.0.2.1 3/3'
check_eq "vnet0 is a port of sw0" sw0 port_field vnet0 switch sw0
check_eq "vnet0's port MAC is the VM's" "$MAC0" port_field vnet0 mac sw0
check_eq "the VM's MAC is learned on vnet0" vnet0 fdb_port sw0 "$MAC0"
check "vm2 (web, VLAN 10) cannot reach the tap VM" vping_fails 2 192.0.2.10
stop_bg "$vm0"
check_num "tap-vm answered vm1's echo requests" -ge 2 tapvm_count "$TMPD/vm0.log" echo_answered
setup vsw port del vnet0
setup n0 ip tuntap del dev vnet0 mode tap

# ---- QEMU's script=/downscript=: a tap that lives while the VM runs ----
printf '%s\n' "# selftest rules" "vnet0  sw0" "vnet1  sw0  portgroup web  # the web VM" \
	"vnet*  sw0  portgroup nosuchgroup" >"$TMPD/ifup.conf"
BG_OUT=$TMPD/vm1.log run_bg 0 env VSW_VSWCTL="$VSWCTL" VSW_IFUP_CONF="$TMPD/ifup.conf" \
	VSW_MAC="$MAC1" "$TAPVM" -i vnet1 -m "$MAC1" -a 192.0.2.11 \
	-p 192.0.2.2 -c 3 -T 90 -s "$IFUP" -S "$IFDOWN"
vm1=$BG_PID
check_wait "tap-vm ran vsw-ifup vnet1 and is ready" 20 log_has "$TMPD/vm1.log" 'ready vnet1'
check_eq "vsw-ifup: vnet1 in port group web (the first matching rule)" web \
	port_field vnet1 portgroup sw0
check_eq "vsw-ifup: vnet1's port MAC from VSW_MAC" "$MAC1" port_field vnet1 mac sw0
check_eq "vsw-ifup: the MAC is the admin's" true port_field vnet1 mac_admin sw0
check "vsw-ifup: vnet1 is up" dev_up vnet1
check "vm2 (web) -> tap VM ping through vnet1" vping 2 192.0.2.11
check_wait "tap VM -> vm2: 3/3 echo replies" 30 log_has "$TMPD/vm1.log" 'ping 192.0.2.2 3/3'
check "vm1 (default) cannot reach the web tap VM" vping_fails 1 192.0.2.11
check "vsw-ifup again on an attached tap succeeds (port set)" ifup env VSW_MAC="$MAC1" "$IFUP" vnet1
check_eq "... and vnet1 is still one port in web" web port_field vnet1 portgroup sw0
stop_bg "$vm1"
check "tap-vm's downscript vsw-ifdown vnet1 succeeded" \
	log_has "$TMPD/vm1.log" 'downscript vnet1 ok'
check_not "vnet1 is gone with its VM" dev_exists 0 vnet1
check_eq "vnet1 is no port any more" 0 vsw_jq "len(where(j, name='vnet1'))" port show sw0

# ---- vsw-ifup/vsw-ifdown on a persistent tap, switch from the environment ----
setup n0 ip tuntap add dev vnet2 mode tap
check "vsw-ifup with VSW_SWITCH/VSW_PORTGROUP/VSW_MAC (no rules read)" \
	ifup env VSW_IFUP_CONF=/nonexistent VSW_SWITCH=sw0 VSW_PORTGROUP=web \
	VSW_MAC="$MAC2" "$IFUP" vnet2
check_eq "vnet2 in port group web" web port_field vnet2 portgroup sw0
check_eq "vnet2's port MAC" "$MAC2" port_field vnet2 mac sw0
check "vsw-ifdown vnet2" ifup "$IFDOWN" vnet2
check_eq "vsw-ifdown detached vnet2" none dev_master 0 vnet2
check "vnet2 still exists (vsw-ifdown only detaches)" dev_exists 0 vnet2
check "vsw-ifdown on a tap that is no port: success, nothing done" ifup "$IFDOWN" vnet2
check "vsw-ifdown on a device that is gone: success" ifup "$IFDOWN" vnet-none
setup n0 ip link add name br-other type bridge
setup n0 ip link set dev vnet2 master br-other
check "vsw-ifdown leaves a Linux bridge port alone" ifup "$IFDOWN" vnet2
check_eq "... it is still br-other's" br-other dev_master 0 vnet2
setup n0 ip link set dev vnet2 nomaster
check_script_fails "vsw-ifup refuses a tap with another master" "already attached to br-other" \
	vnet2 bash -c "ip netns exec $NS0 ip link set dev vnet2 master br-other &&
		ip netns exec $NS0 env VSW_VSWCTL=$VSWCTL VSW_SWITCH=sw0 $IFUP vnet2"
setup n0 ip link set dev vnet2 nomaster

# ---- errors: a clear message, exit 1, nothing attached ----
setup n0 ip tuntap add dev vnet9 mode tap
check_script_fails "vsw-ifup: a rule's port group that does not exist" "nosuchgroup" \
	vnet9 ifup "$IFUP" vnet9
check_script_fails "vsw-ifup: an unknown switch" "Error:" \
	vnet9 ifup env VSW_SWITCH=nosuchsw "$IFUP" vnet9
printf 'web-*  sw0\n' >"$TMPD/ifup.conf"
check_script_fails "vsw-ifup: no rule matches" "no rule in $TMPD/ifup.conf matches" \
	vnet9 ifup "$IFUP" vnet9
printf 'vnet*  sw0  portgrp web\n' >"$TMPD/ifup.conf"
check_script_fails "vsw-ifup: a bad rule names its file and line" "ifup.conf:1: unknown keyword \"portgrp\"" \
	vnet9 ifup "$IFUP" vnet9
printf 'vnet*  sw0\nweb-*  sw0  portgroup\n' >"$TMPD/ifup.conf"
check_script_fails "vsw-ifup: a bad rule after the matching one still fails" \
	"ifup.conf:2: \"portgroup\" needs a value" vnet9 ifup "$IFUP" vnet9
printf 'vnet*\n' >"$TMPD/ifup.conf"
check_script_fails "vsw-ifup: a rule without a switch" "ifup.conf:1: a rule is" \
	vnet9 ifup "$IFUP" vnet9
check_script_fails "vsw-ifup: no rules file and no VSW_SWITCH" "cannot read" \
	vnet9 ifup env VSW_IFUP_CONF=/nonexistent "$IFUP" vnet9
check_script_fails "vsw-ifup: a device that does not exist" "no such network device" \
	vnet-none ifup env VSW_SWITCH=sw0 "$IFUP" vnet-none
check_script_fails "vsw-ifup: a bad MAC" "Error:" \
	vnet9 ifup env VSW_SWITCH=sw0 VSW_MAC=01:00:5e:00:00:01 "$IFUP" vnet9
check_script_fails "vsw-ifup: no argument" "usage" vnet9 ifup "$IFUP"
check_eq "no tap is a port after the failures" '["p1", "p2", "sw0"]' \
	vsw_jq "sorted(p['name'] for p in j)" port show sw0

finish
