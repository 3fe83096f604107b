#!/bin/bash
# Boot a Debian kernel under QEMU on the host's own root filesystem and run
# vsw's selftests (or the demo, or a debug shell) in it.
#
# Usage: selftests/vm/run-vm.sh [KVER]   (default: newest with headers, not
#                                        PREEMPT_RT unless it is the only one)
#
# Prints TAP on stdout: one line per guest result, "KVER: " before each
# description, plus the harness's own check "KVER: guest ran to the end"
# (fails on a panic, a WARN under panic_on_warn, a crash or a timeout).
# Exit status: 0 when nothing failed.
#
# Environment:
#   VSW_TESTS="switch fdb*"  run only these selftests/net scripts (names or
#                           globs, .sh optional); "none" runs none
#   VSW_TESTDIR=DIR         take the scripts from DIR (a host path) instead
#                           of selftests/net
#   VSW_SHELL=1             after the tests, open an interactive shell in the
#                           guest on this terminal (exit it to finish)
#   VSW_MODE=demo           run selftests/vm/demo.sh instead of the tests
#   VSW_MODE=bench          run selftests/bench/guest-bench.sh (VSW_BENCH_*
#                           variables reach it)
#   VSW_RESULTS_OUT=FILE    demo, bench: copy what the guest sent on the
#                           results port to FILE
#   VSW_SKIP_MODULE=1       do not install/load/unload vsw.ko (harness tests)
#   VSW_FUZZ_SEED, VSW_FUZZ_N   reach 70-genl-fuzz (its seed and size)
#   VSW_TEST_TIMEOUT=300    seconds per test script
#   VSW_VM_TIMEOUT=4800     seconds for the whole guest run
#   VSW_ACCEL=tcg           QEMU accelerator (kvm where it works)
#   VSW_VM_MEM=2G VSW_VM_CPUS=2 VSW_VM_CPU=     guest size and CPU model
#   VSW_KCMDLINE=...        extra kernel command line
#   V=1                     also copy the guest console to stderr
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
VSW_ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=selftests/vm/tap.sh
. "$HERE/tap.sh"

VSW_MODE=${VSW_MODE:-tests}
VSW_SHELL=${VSW_SHELL:-0}
VSW_ACCEL=${VSW_ACCEL:-tcg}
VSW_VM_MEM=${VSW_VM_MEM:-2G}
VSW_VM_CPUS=${VSW_VM_CPUS:-2}
VSW_VM_CPU=${VSW_VM_CPU:-}
VSW_VM_TIMEOUT=${VSW_VM_TIMEOUT:-4800}
V=${V:-0}

die() { echo "run-vm: $*" >&2; exit 2; }

# 6.12.95+deb12-rt-amd64 sorts after 6.12.95+deb12-amd64, but the RT
# flavour is the special case (make check runs a subset on it).
default_kver() {
	local d rt=
	for d in $(ls -d /lib/modules/*/build 2>/dev/null | sort -rV); do
		d=${d%/build}
		d=${d##*/}
		[ -f "/boot/vmlinuz-$d" ] || continue
		if grep -qx 'CONFIG_PREEMPT_RT=y' "/boot/config-$d" 2>/dev/null; then
			rt=${rt:-$d}
			continue
		fi
		echo "$d"
		return
	done
	[ -n "$rt" ] && { echo "$rt"; return; }
	die "no kernel with both /lib/modules/KVER/build and /boot/vmlinuz-KVER"
}

KVER=${1:-$(default_kver)}
KERNEL=/boot/vmlinuz-$KVER
# check-debug's kernel lives outside /boot (build-debug-kernel.sh).
[ -e "$KERNEL" ] || [ ! -e "/lib/modules/$KVER/vmlinuz" ] || KERNEL=/lib/modules/$KVER/vmlinuz
VMDIR=$VSW_ROOT/build/vm/$KVER
INITRD=$VMDIR/initramfs.cpio.gz
# Files of this run in their own directory, so that runs of one kernel can
# overlap (make check and a developer's run); build/vm/KVER/last is the
# newest.
mkdir -p "$VMDIR"
RUNDIR=$(mktemp -d "$VMDIR/run.XXXXXX")
ln -sfn "${RUNDIR##*/}" "$VMDIR/last"
CONSOLE_LOG=$RUNDIR/console.log
RESULTS=$RUNDIR/results.txt
ENVFILE=$RUNDIR/guest.env

[ -r "$KERNEL" ] || die "$KERNEL not readable"
[[ $VSW_ROOT != *[[:space:]]* ]] || die "the kernel command line cannot carry a path with spaces: $VSW_ROOT"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 missing (make deps)"

# depmod over 9p under TCG takes minutes (it reads every module of the
# kernel), natively a few seconds: index the kernel's modules plus vsw.ko
# here, in a private tree (kernel/ is a link to the real one); the guest
# copies the index and vsw.ko into its /lib/modules/KVER.
prepare_modules() {
	local ko=$VSW_ROOT/build/$KVER/kmod/vsw.ko dir=$RUNDIR/modroot/lib/modules/$KVER f
	[ "${VSW_SKIP_MODULE:-0}" != 1 ] && [ -f "$ko" ] || return 0
	mkdir -p "$dir/extra"
	ln -s "/lib/modules/$KVER/kernel" "$dir/kernel"
	for f in modules.order modules.builtin modules.builtin.modinfo; do
		if [ -f "/lib/modules/$KVER/$f" ]; then cp "/lib/modules/$KVER/$f" "$dir/"; fi
	done
	cp "$ko" "$dir/extra/vsw.ko"
	depmod -b "$RUNDIR/modroot" "$KVER"
	VSW_MODDIR=$dir
}

# The guest reads its configuration from the host's filesystem; only
# variables set here reach it.
write_env() {
	local v
	{
		echo "VSW_ROOT=$(printf %q "$VSW_ROOT")"
		echo "KVER=$(printf %q "$KVER")"
		for v in VSW_MODE VSW_TESTS VSW_TESTDIR VSW_TEST_TIMEOUT VSW_SHELL \
			VSW_SKIP_MODULE VSW_MODDIR ${!VSW_BENCH_@} ${!VSW_FUZZ_@} \
			${!VSW_PAIR_@}; do
			if [ -n "${!v:-}" ]; then echo "$v=$(printf %q "${!v}")"; fi
		done
	} >"$ENVFILE"
}

qemu_cmd() {
	local con res append
	# Tests: results stream live on stdout, the console goes to a log.
	# Demo and shell: the console is the user's terminal.
	if [ "$VSW_MODE" = tests ] && [ "$VSW_SHELL" != 1 ]; then
		con="file,path=$CONSOLE_LOG"
		res="stdio,signal=off"
	else
		con="stdio,signal=off"
		res="file,path=$RESULTS"
	fi
	# loglevel=5 keeps boot chatter off the console but shows warnings;
	# oops=panic ends the run at once instead of limping into a timeout.
	append="console=ttyS0 loglevel=5 panic=-1 panic_on_warn=1 oops=panic"
	append+=" mitigations=off rdinit=/init"
	append+=" vsw_init=$HERE/guest-run.sh vsw_env=$ENVFILE"
	append+=" ${VSW_KCMDLINE:-}"
	# virtio-rng seeds the guest's crng at boot. Without it the crng turns
	# ready mid-test, and the static key that flips then is patched while
	# the other vCPU runs that code: under TCG that can oops at the int3
	# (seen on 6.12-rt in get_random_u32).
	QEMU=(
		qemu-system-x86_64 -nodefaults -no-user-config -display none
		-no-reboot -machine "pc,accel=$VSW_ACCEL"
		${VSW_VM_CPU:+-cpu "$VSW_VM_CPU"}
		-m "$VSW_VM_MEM" -smp "$VSW_VM_CPUS"
		-kernel "$KERNEL" -initrd "$INITRD" -append "$append"
		-fsdev "local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap"
		-device "virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot"
		-object "rng-random,id=rng,filename=/dev/urandom"
		-device "virtio-rng-pci,rng=rng"
		-chardev "$con,id=con" -serial chardev:con
		-chardev "$res,id=res" -serial chardev:res
	)
}

# Follow the results port: guest TAP lines become ours, prefixed with the
# kernel; markers and the boot time go to a state file for check_end.
follow_results() {
	local state=$1 line started=0 t0=$SECONDS
	while IFS= read -r line; do
		line=${line%$'\r'}
		case $line in
		VSW-RESULTS-BEGIN*)
			started=1
			echo "begin $((SECONDS - t0))" >>"$state"
			echo "# $KVER: guest up after $((SECONDS - t0)) s"
			continue ;;
		VSW-RESULTS-END*)
			echo "end" >>"$state"
			continue ;;
		esac
		if [ "$started" = 1 ]; then printf '%s\n' "$line"; fi
	done | tap_prefix "$KVER: "
}

# Why the guest did not reach its end marker, from the console log.
crash_reason() {
	local rc=$1
	if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		echo "timed out after ${VSW_VM_TIMEOUT}s"
	elif grep -q 'panic_on_warn set' "$CONSOLE_LOG" 2>/dev/null; then
		echo "WARN with panic_on_warn"
	elif grep -q 'Kernel panic' "$CONSOLE_LOG" 2>/dev/null; then
		echo "kernel panic: $(grep -m1 -o 'Kernel panic.*' "$CONSOLE_LOG" | tr -d '\r')"
	else
		echo "guest stopped without its end marker (qemu exit $rc)"
	fi
}

# The interesting part of the console: from the first sign of trouble
# (a WARN/BUG/Oops/panic), or else its end.
console_excerpt() {
	local first
	first=$(grep -nE -m1 'cut here|BUG:|Oops|WARNING:|Kernel panic' "$CONSOLE_LOG" |
		cut -d: -f1)
	echo "# --- console ($CONSOLE_LOG)"
	if [ -n "$first" ]; then
		tail -n "+$first" "$CONSOLE_LOG" | head -n 80
	else
		tail -n 60 "$CONSOLE_LOG"
	fi | tr -d '\r' | sed 's/^/# /'
}

# The harness's own result for this guest; prints the console's tail when
# the guest did not finish, which is where the panic is.
check_end() {
	local rc=$1 state=$2 n=$3
	if grep -qx end "$state"; then
		echo "ok $((n + 1)) $KVER: guest ran to the end"
		return 0
	fi
	echo "not ok $((n + 1)) $KVER: guest ran to the end # $(crash_reason "$rc")"
	[ -f "$CONSOLE_LOG" ] && [ "$VSW_MODE" = tests ] && console_excerpt
	return 1
}

run_tests() {
	local state=$RUNDIR/state out=$RUNDIR/tap.txt rc tailpid= t0=$SECONDS
	: >"$state"
	: >"$CONSOLE_LOG"
	if [ "$V" = 1 ]; then
		tail -n +1 -f "$CONSOLE_LOG" >&2 &
		tailpid=$!
	fi
	set +e
	timeout --foreground -k 10 "$VSW_VM_TIMEOUT" "${QEMU[@]}" </dev/null |
		follow_results "$state" | tee "$out"
	rc=${PIPESTATUS[0]}
	set -e
	if [ -n "$tailpid" ]; then kill "$tailpid" 2>/dev/null; fi
	echo "# $KVER: guest finished after $((SECONDS - t0)) s"
	read -r _ fail _ < <(tap_count "$out")
	check_end "$rc" "$state" "$(grep -cE '^(not )?ok ' "$out")" || return 1
	[ "$fail" = 0 ]
}

# Demo and shell: the console was the terminal; the results port is a file.
run_interactive() {
	local state=$RUNDIR/state rc fail
	: >"$RESULTS"
	set +e
	if [ "$VSW_SHELL" = 1 ]; then
		"${QEMU[@]}"
	else
		timeout --foreground -k 10 "$VSW_VM_TIMEOUT" "${QEMU[@]}" </dev/null
	fi
	rc=$?
	set -e
	follow_results "$state" <"$RESULTS" >"$RUNDIR/tap.txt"
	if [ -n "${VSW_RESULTS_OUT:-}" ]; then cp "$RESULTS" "$VSW_RESULTS_OUT"; fi
	grep -E '^not ok' "$RUNDIR/tap.txt" || true
	read -r _ fail _ < <(tap_count "$RUNDIR/tap.txt")
	check_end "$rc" "$state" 0 >/dev/null || { echo "run-vm: $(crash_reason "$rc")" >&2; return 1; }
	[ "$fail" = 0 ]
}

main() {
	"$HERE/mkinitramfs.sh" "$KVER" "$INITRD"
	prepare_modules
	write_env
	qemu_cmd
	if [ "$VSW_MODE" = tests ] && [ "$VSW_SHELL" != 1 ]; then
		run_tests
	else
		run_interactive
	fi
}

# run-pair.sh sources this file for its functions.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then main; fi
