#!/bin/bash
# Build (or reuse) the initramfs that boots a Debian kernel into the host's
# root filesystem: busybox-static, the kernel's 9p/virtio/overlay modules and
# our /init. Usage: mkinitramfs.sh KVER OUTPUT
#
# The result is cached: it is rebuilt only when /init, busybox or the module
# list is newer than OUTPUT, because TCG runs are slow enough already.
set -euo pipefail

KVER=$1
OUT=$2
HERE=$(cd "$(dirname "$0")" && pwd)
BUSYBOX=${BUSYBOX:-/bin/busybox}
# What the guest needs to reach its root: the virtio transport, 9p and overlay;
# virtio_net for the NICs of run-pair.sh's guests (no udev to load it); and
# virtio_rng, which seeds the crng before the tests start (run-vm.sh).
MODULES=(virtio_pci 9pnet_virtio 9p overlay virtio_net virtio_rng)

die() { echo "mkinitramfs: $*" >&2; exit 1; }

# Paths of the module files in load order, builtins dropped, duplicates
# removed (--show-depends repeats shared dependencies for each module).
module_files() {
	modprobe -a -S "$KVER" --show-depends "${MODULES[@]}" |
		awk '$1 == "insmod" && !seen[$2]++ { print $2 }'
}

up_to_date() {
	local f
	[ -s "$OUT" ] || return 1
	for f in "$HERE/init" "$BUSYBOX" "$0" /lib/modules/"$KVER"/modules.dep; do
		[ "$f" -nt "$OUT" ] && return 1
	done
	return 0
}

build() {
	local tmp f name
	mkdir -p "$(dirname "$OUT")"
	tmp=$(mktemp -d "${OUT}.tmp.XXXXXX")
	# shellcheck disable=SC2064 # expand now: tmp is local
	trap "rm -rf '$tmp' '$tmp.gz'" EXIT

	file "$BUSYBOX" 2>/dev/null | grep -q 'dynamically linked' &&
		die "$BUSYBOX is dynamically linked; install busybox-static"
	mkdir -p "$tmp"/{bin,dev,proc,sys,lib/modules,newroot,lower,rw}
	cp "$BUSYBOX" "$tmp/bin/busybox"
	cp "$HERE/init" "$tmp/init"
	chmod 755 "$tmp/init"

	# busybox insmod cannot read compressed modules; unpack them here.
	: >"$tmp/modules.order"
	for f in $(module_files); do
		name=$(basename "$f")
		case "$f" in
		*.ko.xz) name=${name%.xz}; xz -dc "$f" >"$tmp/lib/modules/$name" ;;
		*.ko.zst) name=${name%.zst}; zstd -q -dc "$f" >"$tmp/lib/modules/$name" ;;
		*.ko.gz) name=${name%.gz}; gzip -dc "$f" >"$tmp/lib/modules/$name" ;;
		*.ko) cp "$f" "$tmp/lib/modules/$name" ;;
		*) die "unexpected module file $f" ;;
		esac
		echo "$name" >>"$tmp/modules.order"
	done
	# Empty only when all of them are built in (check-debug's kernel); a
	# module that is neither there nor built in is modprobe's error.
	modprobe -a -S "$KVER" --show-depends "${MODULES[@]}" >/dev/null ||
		die "modprobe cannot find ${MODULES[*]} for $KVER"

	# Built aside and renamed: a concurrent run sees the old or the new
	# archive, never half of one.
	(cd "$tmp" && find . -print0 | cpio --null -o -H newc --quiet) |
		gzip -1 >"$tmp.gz"
	mv "$tmp.gz" "$OUT"
}

[ -d "/lib/modules/$KVER/kernel" ] || die "no modules for $KVER"
up_to_date || build
