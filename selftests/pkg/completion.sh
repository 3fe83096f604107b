#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The bash completion of vswctl (cli/vswctl.bash-completion), driven the
# way bash drives it: COMP_WORDS, COMP_CWORD, COMP_LINE and COMP_POINT set,
# _vswctl called, COMPREPLY read. A stub vswctl on PATH stands in for the
# real one (no module on the build host): two switches, one port group.
#
# The checks run functions through check/check_eq.
# shellcheck disable=SC2317
# shellcheck source=selftests/pkg/lib.sh
source "$(dirname "$0")/lib.sh"

BASH_COMPLETION=${BASH_COMPLETION:-/usr/share/bash-completion/bash_completion}
if [[ ! -f $BASH_COMPLETION ]]; then
	echo "1..0 # SKIP bash-completion not installed ($BASH_COMPLETION)"
	exit 4
fi
# bash_completion reads these unset; it is not written for set -u.
set +u
# shellcheck source=/dev/null
source "$BASH_COMPLETION"
# shellcheck source=cli/vswctl.bash-completion
source "$ROOT/cli/vswctl.bash-completion"

mkdir -p "$TMPD/bin" "$TMPD/etc"
cat >"$TMPD/bin/vswctl" <<'STUB'
#!/bin/sh
case "$*" in
"switch list") printf 'sw0\nsw1\n' ;;
"portgroup show sw0") echo "Web switch sw0 vlan 10 promisc off" ;;
"port show sw0")
	echo "sw0 switch sw0 kind host id 0 portgroup default"
	echo "eth1 switch sw0 kind uplink id 1 dev-mac 02:00:00:00:00:01"
	echo "vnet0 switch sw0 kind port id 2 portgroup Web"
	echo "eth2 switch sw0 kind uplink id 3 dev-mac 02:00:00:00:00:02"
	;;
esac
STUB
chmod +x "$TMPD/bin/vswctl"
PATH=$TMPD/bin:$PATH
: >"$TMPD/etc/vsw.json"
: >"$TMPD/etc/host.json"
cd "$TMPD/etc" || exit 1

# complete WORD...: the completions of the last WORD ("" for a new one),
# sorted, on one line.
complete() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_vswctl vswctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" 2>/dev/null
	printf '%s\n' "${COMPREPLY[@]}" | sort | paste -sd' '
}

check_eq "objects include save and apply" "apply" complete vswctl ap
check_eq "vswctl s<TAB>: save, stats, switch" "save stats switch" complete vswctl s
check_eq "save <TAB>: the switches (vswctl switch list)" "sw0 sw1" complete vswctl save ""
check_eq "save sw0 <TAB>: nothing more" "" complete vswctl save sw0 ""
check_eq "-j save <TAB>: the switches" "sw0 sw1" complete vswctl -j save ""
check_eq "apply <TAB>: files" "host.json vsw.json" complete vswctl apply ""
check_eq "apply v<TAB>: vsw.json" "vsw.json" complete vswctl apply v
check_eq "apply -<TAB>: --dry-run --host" "--dry-run --host" complete vswctl apply -
check_eq "apply FILE <TAB>: the options" "--dry-run --host" complete vswctl apply vsw.json ""
check_eq "apply FILE --host <TAB>: files" "host.json vsw.json" \
	complete vswctl apply vsw.json --host ""
check_eq "apply FILE --host HOSTFILE <TAB>: --dry-run left" "--dry-run" \
	complete vswctl apply vsw.json --host host.json ""
check_eq "apply --dry-run FILE <TAB>: --host left" "--host" \
	complete vswctl apply --dry-run vsw.json ""
check_eq "apply FILE --host HOSTFILE --dry-run <TAB>: nothing left" "" \
	complete vswctl apply vsw.json --host host.json --dry-run ""

# What was there before save and apply.
check_eq "stats <TAB>: the switches" "sw0 sw1" complete vswctl stats ""
check_eq "portgroup set sw0 <TAB>: its port groups" "Web" complete vswctl portgroup set sw0 ""
check_eq "portgroup set sw0 Web promisc <TAB>: on off" "off on" \
	complete vswctl portgroup set sw0 Web promisc ""
check_eq "switch <TAB>: the verbs" "add del help list set show" complete vswctl switch ""

# team set and show.
check_eq "vswctl t<TAB>: team" "team" complete vswctl t
check_eq "team <TAB>: the verbs" "help set show" complete vswctl team ""
check_eq "team set <TAB>: the switches" "sw0 sw1" complete vswctl team set ""
check_eq "team show <TAB>: the switches" "sw0 sw1" complete vswctl team show ""
check_eq "team show sw0 <TAB>: nothing more" "" complete vswctl team show sw0 ""
check_eq "team set sw0 <TAB>: the settings" \
	"active detect failback lacp-rate notify-switches policy standby" \
	complete vswctl team set sw0 ""
check_eq "team set sw0 policy <TAB>: the policies" \
	"failover ip-hash lacp mac-hash port-id" complete vswctl team set sw0 policy ""
check_eq "team set sw0 detect <TAB>: beacon link" "beacon link" \
	complete vswctl team set sw0 detect ""
check_eq "team set sw0 failback <TAB>: on off" "off on" \
	complete vswctl team set sw0 failback ""
check_eq "team set sw0 notify-switches <TAB>: on off" "off on" \
	complete vswctl team set sw0 policy lacp notify-switches ""
check_eq "team set sw0 lacp-rate <TAB>: fast slow" "fast slow" \
	complete vswctl team set sw0 lacp-rate ""
check_eq "team set sw0 active <TAB>: the switch's uplinks, none" "eth1 eth2 none" \
	complete vswctl team set sw0 active ""
check_eq "team set sw0 standby eth2,<TAB>: the other uplink after the list" \
	"eth2,eth1" complete vswctl team set sw0 standby eth2,
check_eq "team set sw0 active eth1,eth2,<TAB>: none left" "" \
	complete vswctl team set sw0 active eth1,eth2,
check_eq "team set sw1 active <TAB>: no uplinks, none" "none" \
	complete vswctl team set sw1 active ""
check_eq "-n ns team set sw0 policy failover <TAB>: the settings" \
	"active detect failback lacp-rate notify-switches policy standby" \
	complete vswctl -n ns team set sw0 policy failover ""

finish
