#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Broadcast and unknown unicast reach every other port and never go back out
# the port they came in on; known unicast goes to its port only.
#
#   n1 (vm1) .1          n2 (vm2) .2          n3 (vm3) .3        192.0.2.0/24
#     |                    |                    |
#   n0: p1 -------------- p2 ---- sw0 -------- p3
#                                  |
#                                 sw0 (host port, up, no address)
#
# Counters are the rx_packets of each VM's eth0 (and of sw0): with IPv6 off
# and static neighbours, the only frames on the wire are the ones we send.
#
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

setup_ns 0
add_switch sw0
add_vm 1 sw0
add_vm 2 sw0
add_vm 3 sw0
m1=$(vm_mac 1)
m2=$(vm_mac 2)
unknown=$(doc_mac 99)
setup neigh 1 192.0.2.2 "$m2"
setup neigh 2 192.0.2.1 "$m1"
setup neigh 1 192.0.2.99 "$unknown"

declare -A before
snap_rx()
{
	before[1]=$(dev_stat 1 eth0 rx_packets)
	before[2]=$(dev_stat 2 eth0 rx_packets)
	before[3]=$(dev_stat 3 eth0 rx_packets)
	before[0]=$(dev_stat 0 sw0 rx_packets)
}

# rx_delta N: frames vm N (0: the host port sw0) received since snap_rx.
rx_delta()
{
	if (($1 == 0)); then
		echo $(($(dev_stat 0 sw0 rx_packets) - before[0]))
	else
		echo $(($(dev_stat "$1" eth0 rx_packets) - before[$1]))
	fi
}

# Broadcast: vm2 and vm3 ignore echo requests to broadcast, so no replies.
snap_rx
n1 ping -q -b -c 5 -i 0.2 -W 1 192.0.2.255 >/dev/null 2>&1
check_eq "broadcast from vm1 reaches vm2 (5 of 5)" 5 rx_delta 2
check_eq "broadcast from vm1 reaches vm3 (5 of 5)" 5 rx_delta 3
check_num "broadcast from vm1 reaches the host port sw0" -ge 5 rx_delta 0
check_eq "broadcast never goes back to vm1" 0 rx_delta 1

# Unknown unicast: nobody has 00:00:5e:00:53:63.
snap_rx
n1 ping -q -c 5 -i 0.2 -W 1 192.0.2.99 >/dev/null 2>&1
check_eq "unknown unicast from vm1 reaches vm2 (5 of 5)" 5 rx_delta 2
check_eq "unknown unicast from vm1 reaches vm3 (5 of 5)" 5 rx_delta 3
check_eq "unknown unicast never goes back to vm1" 0 rx_delta 1
check_eq "the unknown destination is not learned" none fdb_port sw0 "$unknown"

# Known unicast: after one exchange both VMs are learned.
setup ping_ok 1 192.0.2.2
setup fdb_is sw0 "$m2" p2
snap_rx
check "known unicast: vm1 <-> vm2 ping" ping_ok 1 192.0.2.2
check_eq "known unicast: vm2 gets the 3 requests, no more" 3 rx_delta 2
check_eq "known unicast: vm1 gets the 3 replies, no more" 3 rx_delta 1
check_eq "known unicast is not flooded to vm3" 0 rx_delta 3

# Broadcast from vm3 (a port that has never sent): same rules from elsewhere.
snap_rx
n3 ping -q -b -c 3 -i 0.2 -W 1 192.0.2.255 >/dev/null 2>&1
check_eq "broadcast from vm3 reaches vm1" 3 rx_delta 1
check_eq "broadcast from vm3 reaches vm2" 3 rx_delta 2
check_eq "broadcast never goes back to vm3" 0 rx_delta 3

finish
