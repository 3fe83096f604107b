#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# VXLAN over a virtio-net underlay: each guest's switch binds VNI 5000 to
# VLAN 10 and tunnels to the other guest over nic3 (renamed ul0). Ping and
# TCP cross: iperf3 when installed, and always an 8 MiB socat transfer whose
# SHA-256 must match at the other end (segmentation, checksums and
# reassembly through the tunnel and a real NIC driver). A capture on ul0
# shows VXLAN from the peer with VNI 5000, whole and with valid UDP checksums.
#
#   guest A                                  guest B
#   n1 vm1 192.0.2.1/24 (MTU 1450)           n1 vm1 192.0.2.11/24 (MTU 1450)
#     |                                        |
#   n0: p1 (v10) -- sw0: VNI 5000 <-> VLAN 10 -- p1 (v10) (n0)
#   ul0 (nic3) 198.51.100.1/24 ========== ul0 (nic3) 198.51.100.2/24
#
# shellcheck source-path=SCRIPTDIR
# shellcheck source=../net/lib.sh
source "$(dirname "$0")/../net/lib.sh"
# shellcheck source=../net/lib-vlan.sh
source "$(dirname "$0")/../net/lib-vlan.sh"
# shellcheck source=../net/lib-vxlan.sh
source "$(dirname "$0")/../net/lib-vxlan.sh"
# shellcheck source=lib-pair.sh
source "$(dirname "$0")/lib-pair.sh"
require_cmd tcpdump socat sha256sum

if [[ $ROLE == A ]]; then
	me=1 peer=11 ul=198.51.100.1 ul_peer=198.51.100.2
else
	me=11 peer=1 ul=198.51.100.2 ul_peer=198.51.100.1
fi
setup_ns 0
add_switch sw0
add_pg sw0 v10 vlan 10
add_vm_pg 1 sw0 v10 "192.0.2.$me/24"
setup n0 ip link set dev p1 mtu 1450
setup n1 ip link set dev eth0 mtu 1450
setup pair_nic nic3 ul0
setup n0 ip addr add "$ul/24" dev ul0
pair_put ulmac "$(dev_mac 0 ul0)"
pair_put mac "$(vm_mac 1)"
peer_ulmac=$(pair_get ulmac) || setup false "$PEER's MACs"
peer_mac=$(pair_get mac) || setup false "$PEER's MACs"
setup n0 ip neigh replace "$ul_peer" lladdr "$peer_ulmac" dev ul0 nud permanent
setup neigh 1 "192.0.2.$peer" "$peer_mac"
setup vsw vxlan add sw0 vni 5000 vlan 10 local "$ul" remote "$ul_peer"
diag "ul0 offloads: $(n0 ethtool -k ul0 | grep -E '^(tx-checksumming|tcp-segmentation-offload|generic-segmentation-offload|rx-checksumming):' | xargs)"
CAP=$TMPD/ul0.txt
ucap_start 0 ul0 "$CAP" udp port 4789
RECV=$TMPD/recv.bin
run_bg 1 socat -u TCP-LISTEN:5001,reuseaddr OPEN:"$RECV",creat,trunc
setup wait_for 10 __tcp_listening 1 5001
have_iperf=0
if command -v iperf3 >/dev/null; then
	have_iperf=1
	run_bg 1 iperf3 -s -p 5201
	setup wait_for 10 __tcp_listening 1 5201
fi
pair_sync ready

check "VNI 5000 across the virtio underlay: vm1 -> $PEER's vm1" vping 1 "192.0.2.$peer"
check "full-size frames: ping -s 1422 -M do (1450-byte packets)" \
	vping 1 "192.0.2.$peer" -s 1422 -M "do"
pair_sync pinged
# The capture would cost the TCP transfers more CPU than they have.
ucap_stop
check_num "on ul0: VXLAN (VNI 5000) from $PEER ($ul_peer)" -ge 4 \
	vx_count "$CAP" "$ul_peer" "$ul" 5000
check_num "... full-size: 1500-byte outer IP packets" -ge 2 \
	vx_count "$CAP" "$ul_peer" "$ul" 5000 'length 1500'
check_eq "... none with a bad UDP checksum" 0 \
	cap_count "$CAP" 'bad udp cksum'

if [[ $ROLE == A ]]; then
	SEND=$TMPD/send.bin
	setup head -c 8M /dev/urandom >"$SEND"
	check "socat: 8 MiB to B's vm1 over TCP" \
		n1 timeout 120 socat -u OPEN:"$SEND" TCP:"192.0.2.$peer:5001,connect-timeout=10"
	sha=$(sha256sum <"$SEND" | cut -d' ' -f1)
	pair_put sha "$sha"
	check_eq "... B received it whole (SHA-256)" "$sha" pair_get recv_sha 120
	if ((have_iperf)); then
		check "iperf3 -c B's vm1 -t 3" \
			n1 timeout 60 iperf3 -c "192.0.2.$peer" -p 5201 -t 3 -J --logfile "$TMPD/iperf.json"
		bytes=$(jq_py "j['end']['sum_received']['bytes']" <"$TMPD/iperf.json")
		rate=$(jq_py "'%.1f Mbit/s, %s retransmits' % (j['end']['sum_received']['bits_per_second'] / 1e6, j['end']['sum_sent'].get('retransmits'))" <"$TMPD/iperf.json")
		check_num "... B's iperf3 received data (${bytes:-?} bytes, $rate)" -gt 0 echo "${bytes:-0}"
	else
		skip "iperf3 -c B's vm1" "iperf3 not installed"
	fi
	pair_sync tcp 180
else
	sha=$(pair_get sha 180)
	wait_for 30 bash -c "[[ \$(stat -c %s '$RECV') == 8388608 ]]"
	pair_put recv_sha "$(sha256sum <"$RECV" | cut -d' ' -f1)"
	check_eq "socat: 8 MiB from A's vm1, SHA-256 as sent" "$sha" \
		sh -c "sha256sum <'$RECV' | cut -d' ' -f1"
	pair_sync tcp 180
fi

check_eq "VNI 5000: no rx drops" 0 \
	vx_jq 0 "sum(j[0]['stats'].get('drops', {}).values())" -s
finish
