#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (or reuse) the debug kernel of `make check-debug` from Debian's
# linux-source-6.1: x86_64_defconfig + kvm_guest.config + debug-kernel.config
# (KASAN, KFENCE, UBSAN, lockdep, atomic-sleep checks, DEBUG_NET, refcount
# trackers, kmemleak; what the tests use built in). Prints the kernel
# release (e.g. 6.1.192-vswdebug) on stdout, everything else goes to stderr.
#
# Installed where run-vm.sh and build-kmod.sh look for a kernel, but not in
# /boot: /lib/modules/KVER/{vmlinuz,build,modules.*}, so `make check`
# (which takes the kernels of /boot) never picks it up. The build tree is
# cached in $VSW_DEBUG_CACHE (/var/cache/vsw/debug-kernel) and rebuilt only
# when the source package, this script or the config fragment change.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${VSW_DEBUG_CACHE:-/var/cache/vsw/debug-kernel}
TARBALL=/usr/src/linux-source-6.1.tar.xz
FRAGMENT=$HERE/debug-kernel.config
SRC=$CACHE/src
JOBS=${VSW_DEBUG_JOBS:-$(nproc)}

die() { echo "build-debug-kernel: $*" >&2; exit 2; }
log() { echo "build-debug-kernel: $*" >&2; }

# The source and what a kernel build needs beyond `make check`'s packages.
PKGS=(linux-source-6.1 flex bison bc libelf-dev libssl-dev)
missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	[ "$(id -u)" = 0 ] || die "missing packages: ${missing[*]}"
	log "installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2 ||
		die "cannot install ${missing[*]}"
fi

# What the cached build was made from.
key=$({ dpkg-query -W -f '${Version}' linux-source-6.1 2>/dev/null || stat -c %Y "$TARBALL"
	cat "$0" "$FRAGMENT"; } | sha256sum | cut -d' ' -f1)

mkdir -p "$CACHE"
if [ -f "$CACHE/key" ] && [ "$(cat "$CACHE/key")" = "$key" ] &&
	[ -f "$CACHE/kver" ] && [ -r "/lib/modules/$(cat "$CACHE/kver")/vmlinuz" ]; then
	log "up to date: $(cat "$CACHE/kver")"
	cat "$CACHE/kver"
	exit 0
fi
rm -f "$CACHE/key"

if [ ! -f "$SRC/Makefile" ]; then
	log "extracting $TARBALL"
	rm -rf "$SRC" "$CACHE/src.tmp"
	mkdir -p "$CACHE/src.tmp"
	tar -xJf "$TARBALL" -C "$CACHE/src.tmp" --strip-components=1
	mv "$CACHE/src.tmp" "$SRC"
fi

cd "$SRC"
log "configuring"
make -s x86_64_defconfig >&2
scripts/kconfig/merge_config.sh -m .config kernel/configs/kvm_guest.config \
	"$FRAGMENT" >&2
make -s olddefconfig >&2

# Every option the fragment asks for must have survived olddefconfig (a
# missing dependency drops it silently).
absent=$(grep -E '^CONFIG_[A-Z0-9_]+=' "$FRAGMENT" | while IFS= read -r want; do
	grep -qxF "$want" .config || echo "$want"
done)
[ -z "$absent" ] || die "options not taken by the kernel config: $absent"

log "building with $JOBS jobs (the first build takes a while)"
make -s -j"$JOBS" bzImage modules >&2
kver=$(make -s kernelrelease)
log "installing $kver into /lib/modules/$kver"
make -s modules_install >&2
install -m 0644 arch/x86/boot/bzImage "/lib/modules/$kver/vmlinuz"
echo "$kver" >"$CACHE/kver"
echo "$key" >"$CACHE/key"
echo "$kver"
