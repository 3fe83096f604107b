#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fdb-max limits learned entries: 16 senders, limit 8 -> exactly 8 learned;
# static entries can still be added at the limit; raising the limit and 0
# (unlimited) let learning go on. A full table still forwards.
#
#   n1 (vm1): eth0 sends from 00:00:5e:00:53:01..18 (raw AF_PACKET)
#     |
#   n0: p1 ------ sw0 (fdb-max 8) ------ p2
#                                         |
#                                       n2 (vm2): eth0, silent receiver
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

setup_ns 0
add_switch sw0 fdb-max 8
# These tests send from source MACs other than the VM's own; the security
# policies that would drop them are tested in 30-*.sh.
setup vsw portgroup set sw0 default forged-transmits on mac-change on
add_vm 1 sw0
add_vm 2 sw0

srcs=()
for i in $(seq 1 24); do
	srcs+=("$(doc_mac "$i")")
done

check_eq "switch show: fdb_max 8" 8 sw_field sw0 fdb_max

rx0=$(dev_stat 2 eth0 rx_packets)
rx2_delta() { echo $(($(dev_stat 2 eth0 rx_packets) - rx0)); }
setup raw_send 1 eth0 ff:ff:ff:ff:ff:ff "${srcs[@]:0:16}"
check_wait "fdb_count reaches 8" 5 test "$(sw_field sw0 fdb_count)" = 8
check_eq "16 senders, limit 8: exactly 8 learned entries in fdb show" 8 fdb_learned sw0
check_eq "16 senders, limit 8: fdb_count 8" 8 sw_field sw0 fdb_count
check "the learned entries are senders' MACs on p1" \
	vsw_jq -t "all(e['port'] == 'p1' and e['mac'].lower().startswith('00:00:5e:00:53:') for e in j if not e['static'] and not e['local'])" \
	fdb show sw0
check_eq "a full table still forwards: vm2 got all 16 frames" 16 rx2_delta

st=$(doc_mac 200)
check "static entry added at the limit" vsw fdb add sw0 "$st" port p2
check_eq "the static entry is there" p2 fdb_port sw0 "$st"
check_eq "fdb_count still 8 (static entries are not learned)" 8 sw_field sw0 fdb_count

check "switch set sw0 fdb-max 16" vsw switch set sw0 fdb-max 16
check_eq "switch show: fdb_max 16" 16 sw_field sw0 fdb_max
setup raw_send 1 eth0 ff:ff:ff:ff:ff:ff "${srcs[@]:0:16}"
check_wait "limit 16: all 16 senders learned" 5 test "$(fdb_learned sw0)" = 16
check_eq "limit 16: fdb_count 16" 16 sw_field sw0 fdb_count
setup raw_send 1 eth0 ff:ff:ff:ff:ff:ff "${srcs[@]:16:8}"
check_eq "limit 16: senders 17..24 not learned" 16 fdb_learned sw0

check "switch set sw0 fdb-max 0 (unlimited)" vsw switch set sw0 fdb-max 0
check_eq "switch show: fdb_max 0" 0 sw_field sw0 fdb_max
setup raw_send 1 eth0 ff:ff:ff:ff:ff:ff "${srcs[@]:16:8}"
check_wait "unlimited: 24 learned" 5 test "$(fdb_learned sw0)" = 24
check_eq "unlimited: fdb_count 24" 24 sw_field sw0 fdb_count

check "fdb flush sw0" vsw fdb flush sw0
check_eq "after flush: fdb_count 0" 0 sw_field sw0 fdb_count
check_eq "after flush: the static entry stays" p2 fdb_port sw0 "$st"

finish
