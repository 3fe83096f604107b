#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The switch learns source MACs on the port they arrive on, fdb show reports
# them with the right fields and filters, and a MAC that moves follows.
#
#   n1 (vm1) 192.0.2.1     n2 (vm2) 192.0.2.2     n3 (vm3) 192.0.2.3, silent
#     |                      |                      |
#   n0: p1 ---------------- p2 ----- sw0 ---------- p3
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

setup_ns 0
add_switch sw0
# These tests send from source MACs other than the VM's own; the security
# policies that would drop them are tested in 30-*.sh.
setup vsw portgroup set sw0 default forged-transmits on mac-change on
add_vm 1 sw0
add_vm 2 sw0
add_vm 3 sw0
m1=$(vm_mac 1)
m2=$(vm_mac 2)
m3=$(vm_mac 3)

check_eq "nothing learned before traffic" 0 fdb_learned sw0
check_eq "fdb_count 0 before traffic" 0 sw_field sw0 fdb_count

setup ping_ok 1 192.0.2.2

check_eq "vm1's MAC learned on p1" p1 fdb_port sw0 "$m1"
check_eq "vm2's MAC learned on p2" p2 fdb_port sw0 "$m2"
check_eq "silent vm3's MAC not learned" none fdb_port sw0 "$m3"
check "learned entry: static false, local false, vlan 0" \
	vsw_jq -t "(lambda e: e['static'] is False and e['local'] is False and e['vlan'] == 0)(first(j, mac='$m1'))" \
	fdb show sw0
check "learned entry: age is a number of seconds, 0..30" \
	vsw_jq -t "(lambda a: type(a) is int and 0 <= a <= 30)(first(j, mac='$m1')['age'])" fdb show sw0
check "fdb show sw0 port p1: only p1's entries, vm1's among them" \
	vsw_jq -t "len(j) >= 1 and all(e['port'] == 'p1' for e in j) and first(j, mac='$m1') is not None" \
	fdb show sw0 port p1
check "fdb show sw0 vlan 0: both VMs" \
	vsw_jq -t "all(e['vlan'] == 0 for e in j) and first(j, mac='$m1') and first(j, mac='$m2')" \
	fdb show sw0 vlan 0
check_eq "fdb show sw0 vlan 5: empty" 0 vsw_jq 'len(j)' fdb show sw0 vlan 5
learned=$(fdb_learned sw0)
check_num "two or more learned entries" -ge 2 echo "$learned"
check_eq "switch show fdb_count = learned entries in fdb show" "$learned" sw_field sw0 fdb_count

# vm1 migrates: its MAC shows up behind p3.
setup n1 ip link set dev eth0 down
setup n3 ip link set dev eth0 address "$m1"
setup raw_send 3 eth0 ff:ff:ff:ff:ff:ff "$m1"
check_wait "a MAC seen on another port moves there (p1 -> p3)" 5 fdb_is sw0 "$m1" p3
check_eq "a moved MAC has one entry" 1 vsw_jq "len(where(j, mac='$m1'))" fdb show sw0

finish
