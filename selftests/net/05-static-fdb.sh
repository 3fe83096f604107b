#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Static fdb entries: fdb add/del/flush, a static entry steers unicast to its
# port, never moves, never counts as learned, survives flushes; VLAN keys.
#
#   n1 (vm1) .1          n2 (vm2) .2          n3 (vm3) .3        192.0.2.0/24
#     |                    |                    |
#   n0: p1 -------------- p2 ---- sw0 -------- p3
#
# S = 00:00:5e:00:53:10 belongs to nobody; vm1 reaches it as 192.0.2.99.
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

setup_ns 0
add_switch sw0
# These tests send from source MACs other than the VM's own; the security
# policies that would drop them are tested in 30-*.sh.
setup vsw portgroup set sw0 default forged-transmits on
add_vm 1 sw0
add_vm 2 sw0
add_vm 3 sw0
m1=$(vm_mac 1)
m2=$(vm_mac 2)
S=$(doc_mac 16)
S2=$(doc_mac 17)
setup neigh 1 192.0.2.99 "$S"
setup neigh 1 192.0.2.2 "$m2"
setup neigh 2 192.0.2.1 "$m1"

declare -A before
snap_rx()
{
	local n
	for n in 1 2 3; do
		before[$n]=$(dev_stat "$n" eth0 rx_packets)
	done
}
rx_delta()
{
	echo $(($(dev_stat "$1" eth0 rx_packets) - before[$1]))
}

check "fdb add sw0 S port p3" vsw fdb add sw0 "$S" port p3
check "fdb show: S on p3, static, not local, vlan 0" \
	vsw_jq -t "(lambda e: e is not None and e['port'] == 'p3' and e['static'] is True and e['local'] is False and e['vlan'] == 0)(first(j, mac='$S'))" \
	fdb show sw0
check_eq "a static entry is not counted in fdb_count" 0 sw_field sw0 fdb_count

snap_rx
n1 ping -q -c 5 -i 0.2 -W 1 192.0.2.99 >/dev/null 2>&1
check_eq "unicast to S goes to p3 (vm3 gets 5)" 5 rx_delta 3
check_eq "unicast to S is not flooded to vm2" 0 rx_delta 2

# vm2 sends from S: a static entry never moves. vm2 has sent nothing yet,
# so pin its port's MAC first (else S, its first source, would stick).
setup vsw port set p2 mac "$m2"
setup raw_send 2 eth0 ff:ff:ff:ff:ff:ff "$S"
check_eq "S seen on p2: the static entry stays on p3" p3 fdb_port sw0 "$S"
check "... and stays static" vsw_jq -t "first(j, mac='$S')['static'] is True" fdb show sw0

# Flushes remove learned entries only.
setup ping_ok 1 192.0.2.2
setup fdb_is sw0 "$m1" p1
setup fdb_is sw0 "$m2" p2
check "fdb flush sw0 port p1" vsw fdb flush sw0 port p1
check_eq "flush port p1 removed vm1's entry" none fdb_port sw0 "$m1"
check_eq "flush port p1 kept vm2's entry" p2 fdb_port sw0 "$m2"
check "fdb flush sw0" vsw fdb flush sw0
check_eq "flush removed vm2's entry" none fdb_port sw0 "$m2"
check_eq "flush kept the static entry" p3 fdb_port sw0 "$S"
check_eq "fdb_count 0 after flush" 0 sw_field sw0 fdb_count

# fdb del of a learned entry.
setup ping_ok 1 192.0.2.2
check "fdb del of a learned entry" vsw fdb del sw0 "$m2"
check_eq "the learned entry is gone" none fdb_port sw0 "$m2"

# fdb add again replaces: S moves to p2.
check "fdb add S port p2 replaces the entry" vsw fdb add sw0 "$S" port p2
check_eq "S now on p2" p2 fdb_port sw0 "$S"
check_eq "still one entry for S" 1 vsw_jq "len(where(j, mac='$S'))" fdb show sw0

# The key is (MAC, VLAN).
check "fdb add S2 vlan 10 port p3" vsw fdb add sw0 "$S2" vlan 10 port p3
check_eq "S2 is in vlan 10 on p3" p3 fdb_port sw0 "$S2" 10
check_eq "S2 is not in vlan 0" none fdb_port sw0 "$S2" 0
check "fdb show sw0 vlan 10 lists S2 only with vlan 10" \
	vsw_jq -t "len(j) >= 1 and all(e['vlan'] == 10 for e in j) and first(j, mac='$S2') is not None" \
	fdb show sw0 vlan 10
check "fdb del S2 vlan 10" vsw fdb del sw0 "$S2" vlan 10
check_eq "S2 gone" none fdb_port sw0 "$S2" 10

# Deleting the static entry: unicast to S floods again.
check "fdb del S" vsw fdb del sw0 "$S"
check_eq "S gone" none fdb_port sw0 "$S"
# A VM port whose MAC is known gets unknown unicast only for that MAC:
# forget vm2's (pinned above) so the flood reaches it.
setup vsw port set p2 mac none
snap_rx
n1 ping -q -c 3 -i 0.2 -W 1 192.0.2.99 >/dev/null 2>&1
check_eq "without the entry, unicast to S floods to vm2" 3 rx_delta 2
check_eq "without the entry, unicast to S floods to vm3" 3 rx_delta 3
check_fail "fdb del of an entry that is not there fails" "" vsw fdb del sw0 "$S"

finish
