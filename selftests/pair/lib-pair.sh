#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# lib-pair.sh: helpers for the two-guest selftests (selftests/vm/run-pair.sh),
# on top of selftests/net/lib.sh. Source it after lib.sh; it is not a test.
#
# Both guests run the same script; $ROLE says which one this is (A or B),
# $PEER the other. Their NICs nic1..nic3 are wired to the peer's of the same
# name. The guests meet in $VSW_PAIR_DIR, a directory both mount (with the
# host runner), through files named after the script: sourcing this waits
# until the peer has started the same script, and a script's exit is seen by
# the peer, whose waits then fail at once instead of timing out.
#
#	pair_nic NIC [DEV]         move NIC into the host netns n$VSW_HOST (as
#	                           DEV, default NIC), up; back to the initial
#	                           netns on exit
#	pair_signal NAME           tell the peer NAME happened
#	pair_wait NAME [SECS]      wait for the peer's NAME (default 120 s);
#	                           fails on timeout or when the peer exited
#	pair_sync NAME [SECS]      both: signal NAME, wait for the peer's
#	pair_put KEY VALUE         publish VALUE under KEY
#	pair_get KEY [SECS]        the peer's VALUE for KEY (waits for it)
#	pair_link NIC on|off       ask the host to set NIC's link on both guests
#	                           (QMP set_link: the cable between them); returns
#	                           once done; all links go back on at exit
#	pair_check DESC NAME       a result for the peer's wait: fail DESC when
#	                           the peer did not get to NAME

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
	echo "TAP version 13"
	echo "1..0 # SKIP lib-pair.sh is sourced by the tests, it is not a test"
	exit 4
fi

[[ -n ${VSW_PAIR_ROLE:-} && -d ${VSW_PAIR_DIR:-} ]] ||
	skip_all "not in a guest of selftests/vm/run-pair.sh (VSW_PAIR_ROLE, VSW_PAIR_DIR)"

ROLE=$VSW_PAIR_ROLE
if [[ $ROLE == A ]]; then PEER=B; else PEER=A; fi
__pair_seq=0
__pair_nics=()
__pair_links=()

__pair_file()
{
	echo "$VSW_PAIR_DIR/$TEST_NAME.$1.$2"
}

# Written aside and renamed: the peer sees all of it or nothing.
__pair_write()
{
	local f=$1 tmp
	tmp="$(dirname "$f")/.${f##*/}.$$"
	printf '%s\n' "$2" >"$tmp" && mv "$tmp" "$f"
}

pair_signal()
{
	__pair_write "$(__pair_file "$ROLE" "$1")" "$1"
}

pair_wait()
{
	local f end
	f=$(__pair_file "$PEER" "$1")
	end=$((SECONDS + ${2:-120}))
	while [[ ! -e $f ]]; do
		if [[ -e $(__pair_file "$PEER" exit) ]]; then
			diag "pair_wait $1: $PEER exited"
			return 1
		fi
		((SECONDS >= end)) && { diag "pair_wait $1: timeout"; return 1; }
		sleep 0.1
	done
}

pair_sync()
{
	pair_signal "$1"
	pair_wait "$@"
}

pair_put()
{
	__pair_write "$(__pair_file "$ROLE" "val-$1")" "$2"
}

pair_get()
{
	pair_wait "val-$1" "${2:-120}" && cat "$(__pair_file "$PEER" "val-$1")"
}

pair_check()
{
	if pair_wait "$2"; then pass "$1"; else fail "$1" "$PEER did not get to $2"; fi
}

pair_link()
{
	local nic=$1 up=$2 name ack end
	__pair_seq=$((__pair_seq + 1))
	name=$ROLE-$TEST_NAME-$__pair_seq
	ack=$VSW_PAIR_DIR/ack-$name
	if [[ $up == off ]]; then
		__pair_links+=("$nic")
	else
		__pair_links=("${__pair_links[@]/#$nic/}")
	fi
	__pair_write "$VSW_PAIR_DIR/req-$name" "link $nic $up"
	end=$((SECONDS + 30))
	while [[ ! -e $ack ]]; do
		((SECONDS >= end)) && { echo "pair_link $nic $up: no answer from the host"; return 1; }
		sleep 0.1
	done
	if [[ $(cat "$ack") != ok ]]; then
		cat "$ack"
		return 1
	fi
}

pair_nic()
{
	local nic=$1 dev=${2:-$1}
	# The previous script's netns may still be on its way out (cleanup_net
	# is asynchronous) with the NIC in it.
	wait_for 20 ip link show dev "$nic" || { echo "$nic not in the initial netns"; return 1; }
	ip link set dev "$nic" netns "$PFX-$VSW_HOST" name "$dev" || return 1
	__pair_nics+=("$dev/$nic")
	ip -n "$PFX-$VSW_HOST" link set dev "$dev" up
}

__pair_exit()
{
	local rc=$? n nic
	for n in "${__pair_nics[@]}"; do
		ip -n "$PFX-$VSW_HOST" link set dev "${n%/*}" down 2>/dev/null
		ip -n "$PFX-$VSW_HOST" link set dev "${n%/*}" netns 1 name "${n#*/}" 2>/dev/null
	done
	for nic in "${__pair_links[@]}"; do
		[[ -n $nic ]] && pair_link "$nic" on >/dev/null 2>&1
	done
	pair_signal exit
	(exit "$rc")
	__cleanup
}
trap __pair_exit EXIT

pair_sync start 240 || skip_all "$PEER did not start $TEST_NAME"
