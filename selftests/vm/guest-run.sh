#!/bin/bash
# PID 1 of the test guest, started by the initramfs after switch_root into
# the overlay of the host's root. Prepares a minimal system, loads vsw.ko,
# runs the selftests (or the demo) and reports on the results port.
#
# Results go to /dev/ttyS1, framed by VSW-RESULTS-BEGIN / VSW-RESULTS-END,
# so that kernel messages on the console (ttyS0) can never split a TAP line.
# The host treats a missing end marker as a crash.
#
# Configuration comes from the file named by $vsw_env (written by run-vm.sh):
# VSW_ROOT KVER VSW_MODE VSW_TESTS VSW_TESTDIR VSW_TEST_TIMEOUT VSW_SHELL
# VSW_SKIP_MODULE VSW_MODDIR, VSW_FUZZ_* for the tests, VSW_PAIR_ROLE (A or
# B) in a guest of run-pair.sh. No `set -e`: PID 1 exiting panics the guest.
set -uo pipefail

# Kernel messages worth failing a run for; boot messages are not checked.
# The second line is what slub_debug, KFENCE and page_poison (make
# check-slub) report without a WARN: "BUG kmalloc-64 (Tainted: ...):
# Redzone overwritten", "FIX kmalloc-64: Restoring ...", "BUG: KFENCE:
# use-after-free ...", "pagealloc: memory corruption".
DMESG_BAD='WARNING:|BUG:|Oops|refcount_t|leak|general protection|Call Trace'
DMESG_BAD+='|BUG [^ ]+ \(|FIX [^ ]+:|KFENCE|pagealloc: |overwritten|Redzone|Objects remaining|Object already free|Freepointer corrupt'
# The debug kernel of check-debug adds UBSAN's reports (KASAN, lockdep and
# the atomic-sleep check say BUG: or WARNING:).
DMESG_BAD+='|UBSAN'
KMEMLEAK=/sys/kernel/debug/kmemleak
KMSG_MARK='vsw-selftest: start of checked dmesg'

ntest=0
ntest_failed=0

# Write one line to the results port and, for the human, the console.
result() {
	echo "$*" >&3
	echo "$*"
	drain
}

# Wait until the UART has sent everything: a panic right after a result
# would otherwise lose it in the tty buffer. stty sets its attributes with
# TCSADRAIN, which is the only tcdrain() a shell has.
drain() {
	stty -F /dev/ttyS1 raw -echo 2>/dev/null
}

# tap STATUS DESCRIPTION: one numbered TAP result.
tap() {
	ntest=$((ntest + 1))
	[ "$1" = ok ] || ntest_failed=$((ntest_failed + 1))
	result "$1 $ntest $2"
}

# Lines of a file as TAP comments on the results port.
tap_comment_file() {
	sed 's/^/# /' "$1" | head -n 200 >&3
	drain
}

finish() {
	result "1..$ntest"
	result "VSW-RESULTS-END"
	sync
	# The host's poweroff may be systemd's, which needs a running systemd.
	busybox poweroff -f 2>/dev/null
	echo o >/proc/sysrq-trigger
	sleep 60
}

mount_if_needed() {
	local type=$1 dir=$2 opts=${3:-}
	mkdir -p "$dir"
	mountpoint -q "$dir" && return 0
	mount -t "$type" ${opts:+-o "$opts"} "$type" "$dir"
}

# Is the run's config file (inside the tree under test) below $1?
under_tree() {
	case "${vsw_env:-}" in
	"$1"/*) return 0 ;;
	esac
	return 1
}

setup_system() {
	mount_if_needed proc /proc
	mount_if_needed sysfs /sys
	mount_if_needed devtmpfs /dev
	mount_if_needed devpts /dev/pts gid=5,mode=620,ptmxmode=666
	mount_if_needed tmpfs /dev/shm mode=1777
	# Fresh /run and /tmp, unless the tree under test lives there (CI may
	# clone it anywhere): then the overlay's copy-on-write view stays.
	under_tree /run || mount_if_needed tmpfs /run mode=755
	under_tree /tmp || mount_if_needed tmpfs /tmp mode=1777
	# debugfs is optional: tests needing it check for it themselves.
	mount_if_needed debugfs /sys/kernel/debug 2>/dev/null || true
	mount_if_needed cgroup2 /sys/fs/cgroup 2>/dev/null || true
	[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
	hostname vsw-guest 2>/dev/null || true
	ip link set lo up
	# The host's /etc may hold a stale machine-id, resolver config and the
	# like; nothing here uses the network beyond the guest's own netns.
}

load_config() {
	# shellcheck disable=SC1090 # written per run by run-vm.sh
	. "${vsw_env:?no vsw_env= on the kernel command line}"
	: "${VSW_ROOT:?}" "${KVER:?}"
	VSW_MODE=${VSW_MODE:-tests}
	VSW_TESTS=${VSW_TESTS:-}
	VSW_PAIR_ROLE=${VSW_PAIR_ROLE:-}
	if [ -n "$VSW_PAIR_ROLE" ]; then
		VSW_TESTDIR=${VSW_TESTDIR:-$VSW_ROOT/selftests/pair}
	else
		VSW_TESTDIR=${VSW_TESTDIR:-$VSW_ROOT/selftests/net}
	fi
	VSW_TEST_TIMEOUT=${VSW_TEST_TIMEOUT:-300}
	VSW_SHELL=${VSW_SHELL:-0}
	VSW_SKIP_MODULE=${VSW_SKIP_MODULE:-0}
	# 70-genl-fuzz's seed and size, when given
	for v in ${!VSW_FUZZ_@}; do export "${v?}"; done
	# A directory the guest's own tmpfs mounts hide (/tmp, /run) is still
	# reachable through the pristine host root at /host.
	[ -d "$VSW_TESTDIR" ] || VSW_TESTDIR=/host$VSW_TESTDIR

	export VSW_ROOT KVER VSW_GUEST=1
	export VSWCTL=$VSW_ROOT/cli/vswctl
	export PATH=$VSW_ROOT/cli:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
	export HOME=/root TERM=${TERM:-linux} LANG=C.UTF-8
	export LD_LIBRARY_PATH=$VSW_ROOT/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
}

# A guest of run-pair.sh: the NICs get names by their MAC (52:54:00:00:0R:0I
# is nicI; R = 0a on guest A, 0b on B), IPv6 off until a test wants it,
# and the directory shared with the other guest and the host (9p tag
# "vswpair", no cache: the others' files must show at once) is mounted at
# $VSW_PAIR_DIR.
setup_pair() {
	local f mac
	[ -n "$VSW_PAIR_ROLE" ] || return 0
	hostname "vsw-$VSW_PAIR_ROLE" 2>/dev/null || true
	for f in /sys/class/net/*/address; do
		mac=$(cat "$f")
		case $mac in
		52:54:00:00:0[ab]:0[1-9])
			ip link set dev "$(basename "$(dirname "$f")")" name "nic${mac##*:0}"
			sysctl -qw "net.ipv6.conf.nic${mac##*:0}.disable_ipv6=1"
			;;
		esac
	done
	VSW_PAIR_DIR=/run/vsw-pair
	mkdir -p "$VSW_PAIR_DIR"
	mount -t 9p -o trans=virtio,version=9p2000.L,cache=none vswpair "$VSW_PAIR_DIR" ||
		tap "not ok" "pair: share mounted"
	export VSW_PAIR_ROLE VSW_PAIR_DIR
}

open_results() {
	exec 3>/dev/ttyS1
	drain
	result "VSW-RESULTS-BEGIN $(uname -r)"
	result "TAP version 13"
	[ "$(uname -r)" = "$KVER" ] ||
		tap "not ok" "guest runs kernel $KVER (got $(uname -r))"
}

module_loaded=0

load_module() {
	local ko=$VSW_ROOT/build/$KVER/kmod/vsw.ko log=/tmp/modprobe.log
	if [ "$VSW_SKIP_MODULE" = 1 ]; then
		result "# VSW_SKIP_MODULE=1: vsw.ko not loaded"
		return
	fi
	if [ ! -f "$ko" ]; then
		tap "not ok" "module loads # $ko missing"
		return
	fi
	# Installed like a DKMS module so that modprobe resolves its
	# dependencies and the tests can modprobe/autoload it themselves.
	# The host indexed the modules already (VSW_MODDIR): depmod here
	# would read every module over 9p, minutes under TCG.
	mkdir -p "/lib/modules/$KVER/extra"
	if [ -n "${VSW_MODDIR:-}" ] && [ -f "$VSW_MODDIR/extra/vsw.ko" ]; then
		cp "$VSW_MODDIR/extra/vsw.ko" "/lib/modules/$KVER/extra/vsw.ko"
		cp "$VSW_MODDIR"/modules.* "/lib/modules/$KVER/"
	else
		cp "$ko" "/lib/modules/$KVER/extra/vsw.ko"
		depmod -a "$KVER"
	fi
	if modprobe vsw >"$log" 2>&1; then
		module_loaded=1
		tap "ok" "module loads"
	else
		tap "not ok" "module loads"
		tap_comment_file "$log"
	fi
}

unload_module() {
	local log=/tmp/rmmod.log
	[ "$VSW_SKIP_MODULE" = 1 ] && return
	if [ "$module_loaded" != 1 ]; then
		tap "ok" "rmmod vsw # SKIP module was not loaded"
		return
	fi
	# Namespaces die asynchronously (cleanup_net); give the last test's
	# netns a moment to go before calling a busy module a leak.
	for _ in 1 2 3 4 5; do
		lsmod | grep -q '^vsw ' || break
		rmmod vsw >"$log" 2>&1 && break
		sleep 1
	done
	if lsmod | grep -q '^vsw '; then
		tap "not ok" "rmmod vsw"
		tap_comment_file "$log"
		lsmod | grep '^vsw ' | sed 's/^/# /' >&3
	else
		tap "ok" "rmmod vsw"
	fi
}

# Selected test scripts: all of $VSW_TESTDIR/*.sh in order, or those whose
# name (with or without .sh) matches a word of $VSW_TESTS (globs allowed).
select_tests() {
	local t name pat
	for t in "$VSW_TESTDIR"/*.sh; do
		[ -f "$t" ] || continue
		name=$(basename "$t" .sh)
		# Helpers to source (kselftest's lib.sh convention), not tests.
		[[ $name == lib || $name == lib[-_]* ]] && continue
		if [ -z "$VSW_TESTS" ]; then
			echo "$t"
			continue
		fi
		for pat in $VSW_TESTS; do
			# shellcheck disable=SC2053 # the pattern is meant as a glob
			if [[ $name == ${pat%.sh} ]]; then
				echo "$t"
				break
			fi
		done
	done
}

# Run one kselftest-style script; forward its TAP results, prefixed with
# its name, as they come (a later crash must not hide earlier results).
# Extra failures: a non-zero exit (other than 4 = skip) with no "not ok",
# and a plan that does not match the results printed.
run_test() {
	local t=$1 name out=/tmp/vsw-test.out rc=255 line status desc fd
	local n_ok=0 n_fail=0 plan="" before=$ntest_failed why="exit 4"
	local eot="VSW-TEST-EXIT-$RANDOM$RANDOM" t0=$SECONDS
	name=$(basename "$t")
	echo "=== $name"
	: >"$out"
	exec {fd}< <(cd "$VSW_ROOT" &&
		timeout -k 10 "$VSW_TEST_TIMEOUT" bash "$t" </dev/null 2>&1
		echo "$eot $?")
	while IFS= read -r line <&"$fd"; do
		if [[ $line == "$eot "* ]]; then
			rc=${line#"$eot "}
			continue
		fi
		printf '%s\n' "$line" | tee -a "$out"
		if [[ $line =~ ^(not\ ok|ok)(\ +[0-9]+)?(\ +-)?\ *(.*)$ ]]; then
			status=${BASH_REMATCH[1]}
			desc=${BASH_REMATCH[4]}
			if [ "$status" = ok ]; then
				n_ok=$((n_ok + 1))
			else
				n_fail=$((n_fail + 1))
			fi
			tap "$status" "$name: $desc"
		elif [[ $line =~ ^1\.\.([0-9]+) ]]; then
			plan=${BASH_REMATCH[1]}
			[[ $line =~ \#\ *[Ss][Kk][Ii][Pp]\ *(.*) ]] && why=${BASH_REMATCH[1]}
		fi
	done
	exec {fd}<&-
	# TCG makes every second count: show where the time goes.
	result "# $name took $((SECONDS - t0)) s"
	case $rc in
	0) ;;
	4) [ $((n_ok + n_fail)) -eq 0 ] && tap "ok" "$name # SKIP $why" ;;
	124|137) tap "not ok" "$name timed out after ${VSW_TEST_TIMEOUT}s" ;;
	*) [ "$n_fail" -eq 0 ] && tap "not ok" "$name exited $rc" ;;
	esac
	if [ "$rc" = 0 ] && [ $((n_ok + n_fail)) -eq 0 ]; then
		tap "ok" "$name # no TAP output, exit 0"
	fi
	if [ "$rc" = 0 ] && [ -n "$plan" ] && [ "$plan" != $((n_ok + n_fail)) ]; then
		tap "not ok" "$name planned $plan tests, ran $((n_ok + n_fail))"
	fi
	# CI may keep only the host's stdout: show what a failing script said.
	if [ "$ntest_failed" != "$before" ]; then
		result "# --- output of $name (last 100 lines)"
		tail -n 100 "$out" | sed 's/^/# /' >&3
		drain
	fi
}

run_tests() {
	local t found=0
	[ "$VSW_TESTS" = none ] && return
	for t in $(select_tests); do
		found=1
		run_test "$t"
	done
	[ "$found" = 1 ] ||
		tap "not ok" "selftests found in $VSW_TESTDIR${VSW_TESTS:+ matching '$VSW_TESTS'}"
}

run_demo() {
	local rc
	(cd "$VSW_ROOT" && exec timeout -k 10 "$VSW_TEST_TIMEOUT" \
		bash "$VSW_ROOT/selftests/vm/demo.sh") </dev/null 2>&1
	rc=$?
	if [ "$rc" = 0 ]; then tap "ok" "demo"; else tap "not ok" "demo exited $rc"; fi
}

# The benchmark (selftests/bench): its samples go to the results port
# (fd 3) as BENCH lines, its progress to the console. Its VSW_BENCH_*
# settings come from the config file.
run_bench() {
	local rc v
	for v in ${!VSW_BENCH_@}; do export "${v?}"; done
	(cd "$VSW_ROOT" && exec timeout -k 10 "$VSW_TEST_TIMEOUT" \
		bash "$VSW_ROOT/selftests/bench/guest-bench.sh") </dev/null 2>&1
	rc=$?
	if [ "$rc" = 0 ]; then tap "ok" "bench"; else tap "not ok" "bench exited $rc"; fi
}

debug_shell() {
	echo "vsw-guest: debug shell; exit it to finish the run (rmmod, dmesg check)"
	# setsid + the console as controlling tty gives job control and ^C.
	setsid -c bash -i </dev/ttyS0 >/dev/ttyS0 2>&1
}

# Under slub_debug (make check-slub): that it is on (a kernel only
# mentions a parameter it cannot parse), and every cache's objects checked
# once more (red zones, poison, free lists) before the log is read: what
# the module corrupted after its last allocation or free shows here.
validate_slabs() {
	local f kfence=/sys/module/kfence/parameters/sample_interval
	grep -q 'slub_debug' /proc/cmdline || return 0
	if [ "$(cat /sys/kernel/slab/kmalloc-64/red_zone 2>/dev/null)" = 1 ] &&
		[ "$(cat /sys/kernel/slab/kmalloc-64/poison 2>/dev/null)" = 1 ]; then
		tap "ok" "slub_debug: kmalloc-64 has red zones and poisoning"
	else
		tap "not ok" "slub_debug: kmalloc-64 has red zones and poisoning"
	fi
	if [ -r "$kfence" ]; then
		result "# kfence.sample_interval=$(cat "$kfence") ms"
	fi
	for f in /sys/kernel/slab/*/validate; do
		echo 1 >"$f" 2>/dev/null
	done
}

# kmemleak (the debug kernel of check-debug): what is unreferenced at boot
# is cleared before the tests, so a report after them is from the run.
kmemleak_clear() {
	[ -w "$KMEMLEAK" ] || return 0
	echo scan >"$KMEMLEAK"
	echo clear >"$KMEMLEAK"
}

# After rmmod: two scans (an object is reported once it is 5 s old and was
# unreferenced in a scan), then any report fails the run.
check_kmemleak() {
	local log=/tmp/kmemleak.log n
	[ -w "$KMEMLEAK" ] || return 0
	echo scan >"$KMEMLEAK"
	sleep 6
	echo scan >"$KMEMLEAK"
	cat "$KMEMLEAK" >"$log"
	n=$(grep -c '^unreferenced object' "$log")
	if [ "$n" = 0 ]; then
		tap "ok" "kmemleak: no unreferenced objects"
	else
		tap "not ok" "kmemleak: $n unreferenced objects"
		tap_comment_file "$log"
	fi
}

check_dmesg() {
	local log=/tmp/dmesg.log bad=/tmp/dmesg.bad
	dmesg >"$log"
	# Only what happened since the mark; if the ring buffer lost the mark,
	# check all of it rather than nothing.
	if grep -qF "$KMSG_MARK" "$log"; then
		sed -n "/$KMSG_MARK/,\$p" "$log" >"$log.new" && mv "$log.new" "$log"
	fi
	if grep -E "$DMESG_BAD" "$log" >"$bad"; then
		tap "not ok" "dmesg clean"
		tap_comment_file "$bad"
	else
		tap "ok" "dmesg clean"
	fi
}

main() {
	setup_system
	load_config
	open_results
	setup_pair
	echo "$KMSG_MARK" >/dev/kmsg
	kmemleak_clear
	load_module
	case $VSW_MODE in
	demo) run_demo ;;
	bench) run_bench ;;
	*) run_tests ;;
	esac
	[ "$VSW_SHELL" = 1 ] && debug_shell
	unload_module
	validate_slabs
	check_kmemleak
	check_dmesg
	finish
}

main "$@"
