#!/bin/bash
# make check: every test of vsw, as TAP, ending with "N passed, N failed".
#
#   1. dependencies (scripts/install-deps.sh; fast when nothing is missing)
#   2. lib, cli, hooks and selftests/tools build; the unit tests run; the
#      userspace fuzz targets (selftests/fuzz/userspace, clang) run a fixed
#      number of inputs each
#   3. the packaging tests (selftests/pkg: make install into a staging
#      directory, dkms build for every kernel with headers), on the host
#   4. for every installed kernel with headers and an image (6.1, 6.12 and
#      6.12-rt on a build machine): vsw.ko builds W=1 without a warning,
#      then a QEMU guest of that kernel runs selftests/net
#      (selftests/vm/run-vm.sh); a PREEMPT_RT kernel runs RT_TESTS only;
#      then, one kernel at a time, two guests of a kernel other than RT,
#      joined by virtio NICs, run selftests/pair (selftests/vm/run-pair.sh)
#   5. the count of every ok / not ok line above
#
# Environment: VSW_KERNELS="KVER..." tests only these kernels; VSW_VM_JOBS
# guests at once (default: one per host CPU, up to the number of kernels),
# each with VSW_VM_CPUS vCPUs (default: host CPUs / jobs); everything
# run-vm.sh takes (VSW_TESTS, VSW_ACCEL, VSW_VM_TIMEOUT, ...) passes through;
# VSW_RT_TESTS replaces RT_TESTS, VSW_RT_VM_CPUS sizes the RT guest.
# The TAP stream is also kept in build/check/results.tap.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/build/check
TAP_ALL=$OUT/results.tap
# shellcheck source=selftests/vm/tap.sh
. "$ROOT/selftests/vm/tap.sh"
# shellcheck source=selftests/check-lib.sh
. "$ROOT/selftests/check-lib.sh"
cd "$ROOT" || exit 2

MAKE=${MAKE:-make}
MAKEFLAGS_QUIET=(--no-print-directory)

# What a PREEMPT_RT kernel runs instead of the whole suite, which a third
# time would not fit CI's budget: the paths whose locking RT changes
# (spinlock_t sleeps, softirqs and timers run in threads, RCU readers are
# preempted): switching, FDB ageing (delayed work), rmmod under traffic,
# events sent under the FDB lock, VLAN trunks, the team's beacon and LACP
# timers, VXLAN's UDP receive, the netlink fuzzer and configuration churn
# under pktgen. 8 to 14 minutes in a TCG guest (idle or busy host).
# VSW_TESTS, when set, is what every kernel runs.
RT_TESTS=(01-ping-tcp 03-ageing 11-rmmod 17-monitor 22-vlan-trunk-guest
	52-team-beacon 53-team-lacp 61-vxlan-flood-learn 70-genl-fuzz
	71-stress-churn)
if [ -n "${VSW_RT_TESTS:-}" ]; then read -ra RT_TESTS <<<"$VSW_RT_TESTS"; fi

deps() {
	step "dependencies installed" "$OUT/deps.log" "$ROOT/scripts/install-deps.sh"
}

userspace() {
	step "lib builds" "$OUT/lib.log" "$MAKE" "${MAKEFLAGS_QUIET[@]}" -C lib
	step "cli builds" "$OUT/cli.log" "$MAKE" "${MAKEFLAGS_QUIET[@]}" -C cli
	# The guests run the hooks (vsw-ifup, the libvirt hook) from the tree.
	if [ -f hooks/Makefile ]; then
		step "hooks builds" "$OUT/hooks.log" "$MAKE" "${MAKEFLAGS_QUIET[@]}" -C hooks
	fi
	if [ -f selftests/tools/Makefile ]; then
		step "selftests/tools builds" "$OUT/tools.log" \
			"$MAKE" "${MAKEFLAGS_QUIET[@]}" -C selftests/tools
	fi
}

unit_tests() {
	local log=$OUT/unit.log rc
	if [ ! -f selftests/unit/Makefile ]; then
		result "not ok" "unit tests: selftests/unit/Makefile missing"
		return
	fi
	$MAKE "${MAKEFLAGS_QUIET[@]}" -C selftests/unit check >"$log" 2>&1
	rc=$?
	stream "unit: " <"$log"
	# A test program that crashed may have said nothing at all.
	if [ "$rc" != 0 ] && ! grep -q '^not ok' "$log"; then
		result "not ok" "unit: make -C selftests/unit check exited $rc"
		comment_file "$log"
	fi
}

# libFuzzer targets of vswctl's and libvsw's parsers, a fixed number of
# inputs each (about 2 minutes in all). install-deps.sh installs clang, so
# a build without it fails rather than skips.
fuzz_userspace() {
	local dir=selftests/fuzz/userspace log=$OUT/fuzz-userspace.log rc
	[ -f $dir/Makefile ] || return 0
	step "userspace fuzz targets build (clang)" "$OUT/fuzz-userspace-build.log" \
		"$MAKE" "${MAKEFLAGS_QUIET[@]}" -C $dir || return 0
	VSW_FUZZ_OUT=$OUT/fuzz-userspace "$dir/run.sh" >"$log" 2>&1
	rc=$?
	stream "fuzz: " <"$log"
	if [ "$rc" != 0 ] && ! grep -q '^not ok' "$log"; then
		result "not ok" "fuzz: $dir/run.sh exited $rc"
		comment_file "$log"
	fi
}

# selftests/pkg/*.sh (lib.sh is sourced by them): TAP on the host, each
# in a temporary directory of its own.
pkg_tests() {
	local t name log rc
	for t in selftests/pkg/*.sh; do
		name=$(basename "$t" .sh)
		[ "$name" = lib ] && continue
		log=$OUT/pkg-$name.log
		bash "$t" >"$log" 2>&1
		rc=$?
		stream "pkg: $name: " <"$log"
		if [ "$rc" = 4 ] && ! grep -qE '^(not )?ok ' "$log"; then
			result ok "pkg: $name # SKIP $(sed -n 's/^1\.\.0 # SKIP //p' "$log")"
		elif [ "$rc" != 0 ] && ! grep -q '^not ok' "$log"; then
			result "not ok" "pkg: $name exited $rc"
			comment_file "$log"
		fi
	done
}

is_rt() { grep -qx 'CONFIG_PREEMPT_RT=y' "/boot/config-$1" 2>/dev/null; }

# Kernels with both headers (to build the module) and an image (to boot);
# PREEMPT_RT ones last, so that their short run takes the CPU the first
# full run leaves.
kernels() {
	local d k
	if [ -n "${VSW_KERNELS:-}" ]; then
		read -ra d <<<"$VSW_KERNELS"
		printf '%s\n' "${d[@]}"
		return
	fi
	for d in /lib/modules/*/build; do
		k=${d%/build}
		k=${k##*/}
		if [ -f "$d/Makefile" ] && [ -f "/boot/vmlinuz-$k" ]; then echo "$k"; fi
	done | sort -V | while read -r k; do
		if is_rt "$k"; then echo "1 $k"; else echo "0 $k"; fi
	done | sort -s -k1,1n | cut -d' ' -f2
}

# vsw.ko for KVER; the guest boots only when it built.
kmod_build() {
	local kver=$1 log=$ROOT/build/$1/build.log
	if ! "$ROOT/selftests/vm/build-kmod.sh" "$kver" W=1 >/dev/null 2>&1; then
		result "not ok" "kmod builds W=1 clean on $kver # build failed"
		comment_file "$log" 60
		return 1
	fi
	if grep -q 'warning:' "$log"; then
		result "not ok" "kmod builds W=1 clean on $kver # warnings"
		grep -A3 'warning:' "$log" | comment_file /dev/stdin 60
		return 0
	fi
	result ok "kmod builds W=1 clean on $kver"
}

# Guests run in the background, several at a time (VSW_VM_JOBS): TCG
# emulation of mostly serial shell tests uses about one host CPU per guest,
# so running the kernels side by side nearly halves the wall time.
declare -A GUEST_PID

start_guest() {
	local kver=$1 env=()
	# Two vCPUs even next to another guest: RT's sleeping spinlocks
	# behave differently from the others mostly under contention.
	if is_rt "$kver"; then
		env=(VSW_TESTS="${VSW_TESTS:-${RT_TESTS[*]}}" VSW_VM_CPUS="${VSW_RT_VM_CPUS:-2}")
		echo "# $kver is PREEMPT_RT: ${env[1]#*=} vCPUs, only VSW_TESTS=\"${env[0]#*=}\"" |
			tee -a "$TAP_ALL"
	fi
	env "${env[@]}" "$ROOT/selftests/vm/run-vm.sh" "$kver" >"$OUT/vm-$kver.tap" 2>"$OUT/vm-$kver.err" &
	GUEST_PID[$kver]=$!
}

# Results of one guest, live while it runs (they take minutes under TCG).
report_guest() {
	local kver=$1 pid=${GUEST_PID[$1]} log=$OUT/vm-$1.tap rc
	tail -n +1 -f --pid="$pid" "$log" 2>/dev/null | stream ""
	wait "$pid"
	rc=$?
	# run-vm.sh reports its own failures as TAP; this catches it dying.
	if [ "$rc" != 0 ] && ! grep -q '^not ok' "$log"; then
		result "not ok" "$kver: selftests/vm/run-vm.sh exited $rc"
		comment_file "$OUT/vm-$kver.err"
	fi
}

# Two small guests of a kernel joined by virtio NICs (selftests/vm/run-pair.sh,
# selftests/pair), one pair at a time once every main guest is done: next to
# them, a pair's two vCPUs would overload the host. Not for PREEMPT_RT
# kernels (their subset only). VSW_PAIR=0, or VSW_TESTS without
# VSW_PAIR_TESTS, leaves them out.
run_pair() {
	local kver=$1 log=$OUT/pair-$1.tap pid rc
	[ "${VSW_PAIR:-1}" != 0 ] && ! is_rt "$kver" || return 0
	[ -z "${VSW_TESTS:-}" ] || [ -n "${VSW_PAIR_TESTS:-}" ] || return 0
	env -u VSW_VM_CPUS "$ROOT/selftests/vm/run-pair.sh" "$kver" >"$log" 2>"$OUT/pair-$kver.err" &
	pid=$!
	tail -n +1 -f --pid="$pid" "$log" 2>/dev/null | stream ""
	wait "$pid"
	rc=$?
	if [ "$rc" != 0 ] && ! grep -q '^not ok' "$log"; then
		result "not ok" "$kver: selftests/vm/run-pair.sh exited $rc"
		comment_file "$OUT/pair-$kver.err"
	fi
}

per_kernel() {
	local k kvers=() ready=() i next=0 jobs ncpu
	mapfile -t kvers < <(kernels)
	if [ ${#kvers[@]} -eq 0 ]; then
		result "not ok" "a kernel with headers and /boot/vmlinuz-KVER is installed"
		return
	fi
	for k in "${kvers[@]}"; do
		if kmod_build "$k"; then
			ready+=("$k")
		else
			echo "# $k: no guest run without a module" | tee -a "$TAP_ALL"
		fi
	done
	[ ${#ready[@]} -gt 0 ] || return 0

	ncpu=$(nproc)
	jobs=${VSW_VM_JOBS:-$(( ncpu < ${#ready[@]} ? ncpu : ${#ready[@]} ))}
	[ "$jobs" -ge 1 ] || jobs=1
	export VSW_VM_CPUS=${VSW_VM_CPUS:-$(( ncpu / jobs > 1 ? ncpu / jobs : 1 ))}
	echo "# ${#ready[@]} guests, $jobs at a time, $VSW_VM_CPUS vCPUs each" | tee -a "$TAP_ALL"
	for ((i = 0; i < ${#ready[@]}; i++)); do
		while ((next < ${#ready[@]} && next - i < jobs)); do
			start_guest "${ready[next]}"
			next=$((next + 1))
		done
		report_guest "${ready[i]}"
	done
	for k in "${ready[@]}"; do
		run_pair "$k"
	done
}

# Two checks in one tree would rebuild build/KVER under each other and mix
# their results: the second waits.
lock() {
	exec 9>"$ROOT/build/.check.lock"
	if ! flock -n 9; then
		echo "# another make check runs in $ROOT; waiting for it"
		flock 9
	fi
}

main() {
	mkdir -p "$OUT"
	lock
	: >"$TAP_ALL"
	echo "TAP version 13"
	deps
	userspace
	unit_tests
	fuzz_userspace
	pkg_tests
	per_kernel
	summary
}

main
