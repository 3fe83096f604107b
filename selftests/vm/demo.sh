#!/bin/bash
# The vsw demo, run inside a test guest by `make demo`:
#
#        vm1 (netns)              vm2 (netns)
#     eth0 192.0.2.11          eth0 192.0.2.12
#          |                        |
#        vm1-p                    vm2-p         veth peers, ports of sw0
#          +---------- sw0 ---------+
#                       |
#              host 192.0.2.1/24 on sw0 itself (host-only network)
#
# Runs in the guest's initial netns, which plays the VM host.
set -euo pipefail

VSWCTL=${VSWCTL:-vswctl}
NET=192.0.2

# Print a command, then run it; the demo is a transcript.
run() {
	echo
	echo "\$ $*"
	"$@"
}

cleanup() {
	ip netns del vm1 2>/dev/null || true
	ip netns del vm2 2>/dev/null || true
	"$VSWCTL" switch del sw0 2>/dev/null || true
}
trap cleanup EXIT

add_vm() {
	local n=$1
	ip netns add "vm$n"
	ip -n "vm$n" link set lo up
	ip link add "vm$n-p" type veth peer name eth0 netns "vm$n"
	ip -n "vm$n" addr add "$NET.1$n/24" dev eth0
	ip -n "vm$n" link set eth0 up
	run "$VSWCTL" port add sw0 "vm$n-p"
	ip link set "vm$n-p" up
}

# ping_result FROM-NETNS|host DEST: one line, and the demo fails if it fails.
ping_result() {
	local from=$1 dst=$2 cmd
	cmd=(ping -c 3 -i 0.2 -W 2 -q "$dst")
	[ "$from" = host ] || cmd=(ip netns exec "$from" "${cmd[@]}")
	echo
	echo "\$ ${cmd[*]}"
	if "${cmd[@]}"; then
		echo "ping $from -> $dst: ok"
	else
		echo "ping $from -> $dst: FAILED"
		return 1
	fi
}

main() {
	local rc=0
	echo "vsw demo on $(uname -r)"
	run "$VSWCTL" switch add sw0
	ip link set sw0 up
	run ip addr add "$NET.1/24" dev sw0
	add_vm 1
	add_vm 2

	ping_result vm1 "$NET.12" || rc=1
	ping_result vm1 "$NET.1" || rc=1
	ping_result host "$NET.12" || rc=1

	run "$VSWCTL" switch show
	run "$VSWCTL" port show
	run "$VSWCTL" -s port show
	run "$VSWCTL" fdb show sw0
	run "$VSWCTL" -p -j switch show
	return "$rc"
}

main "$@"
