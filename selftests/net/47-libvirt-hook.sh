#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The libvirt qemu hook (hooks/vsw-libvirt-hook, installed as
# /etc/libvirt/hooks/qemu.d/vsw) fed real domain XML (libvirt/*.xml,
# checked with virt-xml-validate) the way libvirt runs it: argv DOMAIN OP
# SUBOP EXTRA, the XML on stdin. Between the hook calls the test does what
# libvirt does: opens the taps (tap-vm, as QEMU), creates vnet7 and runs
# its <script> (vsw-ifup), creates the macvtap of the type='direct' one.
#
#   n1 (vm1) 192.0.2.1 web
#     |
#   n0: p1 --- sw0 --- vsw-web0 (hook's tap, web)    vnet7 (libvirt's, default)
#               |      vsw-other0 (no metadata: never touched)
#             macvtap0 (type='direct': libvirt's, never touched)
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=lib-vlan.sh
source "$(dirname "$0")/lib-vlan.sh"

HOOK=$VSW_ROOT/hooks/vsw-libvirt-hook
IFUP=$VSW_ROOT/hooks/vsw-ifup
TAPVM=$VSW_ROOT/selftests/tools/tap-vm
XML=$VSW_ROOT/selftests/net/libvirt
[[ -x $HOOK ]] || skip_all "$HOOK not built (make -C hooks)"
[[ -x $TAPVM ]] || skip_all "$TAPVM not built (make -C selftests/tools)"
modprobe tun 2>/dev/null
modprobe macvtap 2>/dev/null

MAC_WEB=52:54:00:5e:00:01
MAC_SCRIPT=52:54:00:5e:00:02
STATE=$TMPD/state

setup_ns 0
add_switch sw0
add_pg sw0 web vlan 10
add_vm_pg 1 sw0 web 192.0.2.1/24

# hook DOMAIN OP SUBOP <XML: as libvirt runs it, in the host netns.
hook()
{
	n0 env VSW_LIBVIRT_STATE_DIR="$STATE" "$HOOK" "$1" "$2" "$3" -
}

# check_hook_fails DESC SUBSTR XMLFILE DOMAIN OP: exit 1, a message naming
# the domain and SUBSTR, and nothing changed (taps included).
check_hook_fails()
{
	local desc=$1 substr=$2 xml=$3 dom=$4 op=$5 before after why='' rc
	before=$(vsw_snapshot)
	hook "$dom" "$op" begin <"$xml" >"$TMPD/hout" 2>"$TMPD/herr"
	rc=$?
	after=$(vsw_snapshot)
	if ((rc == 0)); then
		why="succeeded, expected a failure"
	elif ! grep -qF "vsw hook: domain $dom: " "$TMPD/herr"; then
		why="exit $rc, but no \"vsw hook: domain $dom: \" message"
	elif ! grep -qiF -- "$substr" "$TMPD/herr"; then
		why="the message lacks \"$substr\""
	elif [[ $before != "$after" ]]; then
		why="state changed"
		diff <(echo "$before") <(echo "$after") >>"$TMPD/herr"
	elif [[ -e $STATE/$dom ]]; then
		why="a state file $STATE/$dom was left"
	fi
	if [[ -z $why ]]; then
		pass "$desc"
		sed -n '1s/^/#   /p' "$TMPD/herr"
	else
		fail "$desc" "hook $dom $op begin - <$xml" "$why"
		__diag_file "$TMPD/herr"
	fi
}

tun_flags()
{
	n0 cat "/sys/class/net/$1/tun_flags"
}

is_multi_queue()
{
	local f
	f=$(tun_flags "$1") || return 1
	(( f & 0x100 ))
}

# ---- the XML is what libvirt accepts ----
for f in web.xml web-live.xml bad.xml; do
	if command -v virt-xml-validate >/dev/null; then
		check "virt-xml-validate libvirt/$f domain" virt-xml-validate "$XML/$f" domain
	else
		fail "virt-xml-validate libvirt/$f domain" "virt-xml-validate missing (libvirt-clients)"
	fi
done

# The admin's own tap for the interface without vsw metadata.
setup n0 ip tuntap add dev vsw-other0 mode tap

# ---- prepare: the hook creates vsw-web0 and attaches it ----
check "prepare: the hook succeeds" hook vsw-web prepare begin <"$XML/web.xml"
check "prepare: tap vsw-web0 created" dev_exists 0 vsw-web0
check "prepare: vsw-web0 is multi-queue (<driver queues='2'/>)" is_multi_queue vsw-web0
check_eq "prepare: vsw-web0 is a port of sw0" sw0 port_field vsw-web0 switch sw0
check_eq "prepare: vsw-web0 in port group web" web port_field vsw-web0 portgroup sw0
check_eq "prepare: vsw-web0's port MAC is <mac address>" "$MAC_WEB" port_field vsw-web0 mac sw0
check_eq "prepare: ... set by the admin" true port_field vsw-web0 mac_admin sw0
check_eq "prepare: vsw-web0's own address is fe:54:... as libvirt makes it" \
	fe:54:00:5e:00:01 dev_mac 0 vsw-web0
check "prepare: vsw-web0 is up" bash -c "ip -o -n $NS0 link show dev vsw-web0 | grep -qE '[<,]UP[,>]'"
check_eq "prepare: vsw-other0 (no metadata) is not attached" none dev_master 0 vsw-other0
check "prepare: the state file remembers the tap" grep -qx "tap vsw-web0" "$STATE/vsw-web"
check "prepare again (idempotent)" hook vsw-web prepare begin <"$XML/web.xml"
check_eq "prepare again: vsw-web0 is still one port" 1 \
	vsw_jq "len(where(j, name='vsw-web0'))" port show sw0

# ---- what libvirt does between prepare and start ----
# vnet7: libvirt's own tap (fe: address, up), then <script>: vsw-ifup with
# the interface name only and libvirt's bare environment.
printf 'vnet*  sw0  portgroup web\n' >"$TMPD/ifup.conf"
setup n0 ip tuntap add dev vnet7 mode tap
setup n0 ip link set dev vnet7 address fe:54:00:5e:00:02 up
check "prepare with vnet7 named (libvirt's own tap): succeeds" \
	hook vsw-web prepare begin <"$XML/web-live.xml"
check_eq "prepare: vnet7 is left for start" none dev_master 0 vnet7
check "libvirt's <script>: vsw-ifup vnet7 (ifup.conf: vnet* -> web)" \
	n0 env -i PATH="$PATH" VSW_IFUP_CONF="$TMPD/ifup.conf" VSW_VSWCTL="$VSWCTL" \
	"$IFUP" vnet7
check_eq "vsw-ifup put vnet7 in web" web port_field vnet7 portgroup sw0
have_macvtap=0
if n0 ip link add link sw0 name macvtap0 address 52:54:00:5e:00:04 type macvtap \
	mode bridge 2>/dev/null; then
	have_macvtap=1
fi

# ---- start: the metadata is applied to vnet7 ----
check "start: the hook succeeds" hook vsw-web start begin <"$XML/web-live.xml"
check_eq "start: vnet7 in the default port group (no portgroup= in its metadata)" \
	default port_field vnet7 portgroup sw0
check_eq "start: vnet7's port MAC is <mac address>" "$MAC_SCRIPT" port_field vnet7 mac sw0
check_eq "start: vsw-web0 still in web" web port_field vsw-web0 portgroup sw0
check_eq "start: vsw-other0 (no metadata) is not attached" none dev_master 0 vsw-other0
if ((have_macvtap)); then
	check_eq "start: macvtap0 (type='direct') is no port" 0 \
		vsw_jq "len(where(j, name='macvtap0'))" port show sw0
else
	skip "start: macvtap0 (type='direct') is no port" "no macvtap"
fi
before=$(vsw_snapshot)
check "started: nothing to do, exit 0" hook vsw-web started begin <"$XML/web-live.xml"
check_eq "started: nothing changed" "$before" vsw_snapshot

# QEMU opens the hook's tap with 2 queues' flags and reaches vm1 in web.
check "a QEMU-like open of vsw-web0 (multi-queue, vnet header) pings vm1" \
	n0 "$TAPVM" -q -i vsw-web0 -m "$MAC_WEB" -a 192.0.2.30 -p 192.0.2.1 -c 3 -x -T 60
check_eq "the VM's MAC is learned on vsw-web0 in VLAN 10" vsw-web0 fdb_port sw0 "$MAC_WEB" 10

# ---- stopped, release ----
check "stopped: the hook succeeds" hook vsw-web stopped end <"$XML/web-live.xml"
check_not "stopped: the hook's tap vsw-web0 is deleted" dev_exists 0 vsw-web0
check "stopped: vnet7 (libvirt's to delete) still exists" dev_exists 0 vnet7
check_eq "stopped: vnet7 is detached" none dev_master 0 vnet7
check "stopped: vsw-other0 is left alone" dev_exists 0 vsw-other0
if ((have_macvtap)); then
	check "stopped: macvtap0 is left alone" dev_exists 0 macvtap0
	setup n0 ip link del dev macvtap0
fi
check_not "stopped: no state file" test -e "$STATE/vsw-web"
before=$(vsw_snapshot)
check "release: the hook succeeds" hook vsw-web release end <"$XML/web-live.xml"
check "release again: still succeeds" hook vsw-web release end <"$XML/web-live.xml"
check_eq "release: nothing changed" "$before" vsw_snapshot
check_eq "sw0's ports: the host port and p1" '["p1", "sw0"]' \
	vsw_jq "sorted(p['name'] for p in j)" port show sw0
setup n0 ip link del dev vnet7

# ---- refusals: a clear message, exit 1, nothing left behind ----
check_hook_fails "prepare: a switch that does not exist (second interface)" \
	"nosuchsw" "$XML/bad.xml" vsw-bad prepare
check_not "... vsw-bad0 (created for the first interface) is gone again" dev_exists 0 vsw-bad0
check "release after the refused prepare: exit 0" hook vsw-bad release end <"$XML/bad.xml"

sed 's/portgroup="web"/portgroup="nosuchgroup"/' "$XML/web.xml" >"$TMPD/nopg.xml"
check_hook_fails "prepare: a port group that does not exist" "nosuchgroup" \
	"$TMPD/nopg.xml" vsw-web prepare
sed "s/mac=\"$MAC_SCRIPT\"/mac=\"52:54:00:5e:00:04\"/" "$XML/web.xml" >"$TMPD/direct.xml"
check_hook_fails "metadata for a type='direct' interface" "type='direct'" \
	"$TMPD/direct.xml" vsw-web prepare
sed "s/mac=\"$MAC_SCRIPT\"/mac=\"52:54:00:5e:00:99\"/" "$XML/web.xml" >"$TMPD/nomac.xml"
check_hook_fails "metadata for a MAC no interface has" "no interface with that MAC" \
	"$TMPD/nomac.xml" vsw-web prepare
sed 's/portgroup="web"/portgrp="web"/' "$XML/web.xml" >"$TMPD/typo.xml"
check_hook_fails "metadata with an unknown attribute" 'unknown attribute "portgrp"' \
	"$TMPD/typo.xml" vsw-web prepare
sed 's/ switch="sw0"//' "$XML/web.xml" >"$TMPD/nosw.xml"
check_hook_fails "metadata without a switch" "needs switch=" \
	"$TMPD/nosw.xml" vsw-web prepare
head -n 20 "$XML/web.xml" >"$TMPD/cut.xml"
check_hook_fails "XML cut short" "cannot parse the domain XML" \
	"$TMPD/cut.xml" vsw-web start
if command -v virt-xml-validate >/dev/null; then
	check "the refused variants are valid libvirt XML all the same" \
		bash -c "for f in nopg direct nomac typo nosw; do
			virt-xml-validate $TMPD/\$f.xml domain || exit 1; done"
fi

# A domain without vsw metadata is none of the hook's business.
sed '/<metadata>/,/<\/metadata>/d' "$XML/web.xml" >"$TMPD/plain.xml"
before=$(vsw_snapshot)
check "prepare of a domain without vsw metadata: exit 0" \
	hook vsw-plain prepare begin <"$TMPD/plain.xml"
check_eq "... and nothing changed" "$before" vsw_snapshot

# ---- release by hand without the XML; a switch gone under a domain ----
setup hook vsw-web prepare begin <"$XML/web.xml"
setup dev_exists 0 vsw-web0
check "release with nothing on stdin: exit 0" hook vsw-web release end </dev/null
check_not "... the state file alone got vsw-web0 deleted" dev_exists 0 vsw-web0
check_not "... and the state file is gone" test -e "$STATE/vsw-web"
setup hook vsw-web prepare begin <"$XML/web.xml"
setup n0 ip link del dev sw0
hook vsw-web start begin <"$XML/web-live.xml" >"$TMPD/hout" 2>"$TMPD/herr"
rc=$?
check_num "start with sw0 deleted since prepare: refused" -ne 0 echo "$rc"
check "... saying which switch" grep -q "vsw hook: domain vsw-web: .*switch sw0.*No such switch" "$TMPD/herr"
check "release with sw0 gone: exit 0" hook vsw-web release end <"$XML/web-live.xml"
check_not "... vsw-web0 (the hook's tap) is deleted all the same" dev_exists 0 vsw-web0
check_not "... and the state file is gone" test -e "$STATE/vsw-web"

finish
