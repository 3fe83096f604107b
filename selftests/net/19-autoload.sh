#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The module loads itself: "ip link add ... type vsw" through its rtnl link
# alias, vswctl through its genl family alias (resolving the family triggers
# request_module). Leaves the module loaded.
#
#   n0: swa (ip link add), then vswctl on an unloaded module
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

require_cmd rmmod modprobe

setup_ns 0

check "rmmod vsw" vsw_rmmod
check_not "the module is not loaded" kmod_loaded
check "ip link add name swa type vsw (module not loaded)" \
	ip -n "$NS0" link add name swa type vsw
track_switch swa
check "... loaded the module (MODULE_ALIAS_RTNL_LINK)" kmod_loaded
check_eq "... and swa is a vsw device" vsw link_kind 0 swa
check_eq "... that vswctl sees" swa sw_field swa name
setup ip -n "$NS0" link del swa

check "rmmod vsw again" vsw_rmmod
check_not "the module is not loaded" kmod_loaded
check "vswctl switch list (module not loaded) works" vsw switch list
check "... loaded the module (MODULE_ALIAS_GENL_FAMILY)" kmod_loaded
check_eq "... and lists no switch in a fresh netns" 0 vsw_jq 'len(j)' switch show

check "rmmod vsw a third time" vsw_rmmod
check "vswctl switch add swb (module not loaded)" vsw switch add swb
track_switch swb
check "... loaded the module" kmod_loaded
check_eq "... and made swb" swb sw_field swb name

if command -v genl >/dev/null; then
	setup vsw switch del swb
	check "rmmod vsw a fourth time" vsw_rmmod
	check "genl ctrl get name vsw (module not loaded) resolves" \
		eval "n0 genl ctrl get name vsw | grep '^Name: vsw' >/dev/null"
	check "... loaded the module" kmod_loaded
fi

# Whatever happened above, leave the module loaded for the next script.
kmod_loaded || modprobe vsw
finish
