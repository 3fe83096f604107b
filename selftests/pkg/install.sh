#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "make install DESTDIR=..." in a copy of the tree puts every file where
# the documentation says, with the install-time paths inside them;
# "make install-kmod" into a root that has the kernel's module lists runs
# depmod there; "make uninstall" takes it all away again. Nothing outside
# a temporary directory is touched.
#
# VSW_PKG_KVER: the kernel to install the module for (default: the newest
# with headers; on a Debian build machine 6.12, whose modules are xz'd).
#
# The checks run functions through check/check_eq.
# shellcheck disable=SC2317
# shellcheck source=selftests/pkg/lib.sh
source "$(dirname "$0")/lib.sh"

KVER=${VSW_PKG_KVER:-$(kernels | tail -n 1)}
SRC=$TMPD/src
DEST=$TMPD/root
PREFIX=/usr/local
P=$DEST$PREFIX
MODDIR=$DEST/lib/modules/$KVER/extra
MAKEARGS=(--no-print-directory KVER="$KVER" PREFIX="$PREFIX")

if [[ -z $KVER ]]; then
	echo "1..0 # SKIP no kernel headers in /lib/modules/*/build"
	exit 4
fi
diag "install: KVER=$KVER, in a copy of the tree ($SRC)"
copy_tree "$SRC"

check "make install DESTDIR=... builds and installs" \
	make -C "$SRC" "${MAKEARGS[@]}" DESTDIR="$DEST" install
cp "$TMPD/out" "$TMPD/install.log"

module() { compgen -G "$MODDIR/vsw.ko*"; }
modinfo_name_kver() {
	local ko
	ko=$(module) || return
	echo "$(modinfo -F name "$ko") $(modinfo -F vermagic "$ko" | cut -d' ' -f1)"
}
check "module in DESTDIR/lib/modules/$KVER/extra" module
check_eq "... named vsw, built for $KVER" "vsw $KVER" modinfo_name_kver
check_eq "... and no other file under DESTDIR/lib/modules" "$(module)" \
	find "$DEST/lib/modules" -type f
check "staging DESTDIR without modules.order: depmod skipped, and said so" \
	grep -q "has no modules.order: no depmod" "$TMPD/install.log"

libs_linked() {
	[[ -L $P/lib/libvsw.so && -L $P/lib/libvsw.so.0 && -f $(readlink -f "$P/lib/libvsw.so") ]]
}
check "libvsw.so.0 -> libvsw.so.0.x.y, and libvsw.so" libs_linked
check "libvsw.a" test -f "$P/lib/libvsw.a"
check "headers include/vsw/vsw.h and include/linux/vsw.h" \
	test -f "$P/include/vsw/vsw.h" -a -f "$P/include/linux/vsw.h"
pc_flags() {
	local f
	f=$(PKG_CONFIG_PATH="$P/lib/pkgconfig" pkg-config --cflags --libs libvsw) || return
	echo "${f% }"
}
check_eq "libvsw.pc: the install prefix, flags for the installed header" \
	"-I$PREFIX/include -L$PREFIX/lib -lvsw" pc_flags

check "vswctl in PREFIX/sbin, executable" test -x "$P/sbin/vswctl"
vswctl_version() { "$P/sbin/vswctl" -V | cut -d' ' -f2; }
check_eq "vswctl -V is the release in VERSION ($VERSION)" "$VERSION" vswctl_version
check "bash completion in PREFIX/share/bash-completion/completions/vswctl" \
	grep -q 'complete -F _vswctl vswctl' "$P/share/bash-completion/completions/vswctl"
check "man page in PREFIX/share/man/man8/vswctl.8" test -f "$P/share/man/man8/vswctl.8"
man_warnings() { { MANWIDTH=80 man --warnings -l "$P/share/man/man8/vswctl.8" >/dev/null; } 2>&1; }
check_eq "... formats without warnings" "" man_warnings
check "... and names the release ($VERSION)" \
	grep -q "^\.TH VSWCTL 8 .*\"vsw $VERSION\"" "$P/share/man/man8/vswctl.8"

UNIT=$DEST/lib/systemd/system/vsw.service
if [[ -f $SRC/systemd/vsw.service ]]; then
	check "vsw.service in /lib/systemd/system" test -f "$UNIT"
	unit_paths() { grep -q "^ExecStart=.*$PREFIX/sbin/vswctl" "$UNIT" && ! grep -q @ "$UNIT"; }
	check "... its ExecStart runs $PREFIX/sbin/vswctl, no placeholder left" unit_paths
else
	skip "vsw.service installed" "no systemd/vsw.service in the tree yet"
fi

if [[ -f $SRC/hooks/Makefile ]]; then
	check "libvirt hook in /etc/libvirt/hooks/qemu.d/vsw, executable" \
		test -x "$DEST/etc/libvirt/hooks/qemu.d/vsw"
	check "vsw-ifup and vsw-ifdown in PREFIX/libexec/vsw, executable" \
		test -x "$P/libexec/vsw/vsw-ifup" -a -x "$P/libexec/vsw/vsw-ifdown"
else
	skip "hooks installed" "no hooks/Makefile in the tree yet"
fi

# A root with the kernel's module lists, as a chroot or image build has.
ROOT2=$TMPD/root2
mkdir -p "$ROOT2/lib/modules/$KVER"
for f in modules.order modules.builtin modules.builtin.modinfo; do
	if [[ -f /lib/modules/$KVER/$f ]]; then cp "/lib/modules/$KVER/$f" "$ROOT2/lib/modules/$KVER/"; fi
done
check "make install-kmod DESTDIR=root-with-modules.order" \
	make -C "$SRC" "${MAKEARGS[@]}" DESTDIR="$ROOT2" install-kmod
check "... runs depmod there: modules.dep lists extra/vsw.ko" \
	grep -q '^extra/vsw\.ko[.a-z]*:' "$ROOT2/lib/modules/$KVER/modules.dep"
modprobe_finds() { modprobe -d "$ROOT2" -S "$KVER" --show-depends vsw | grep 'extra/vsw\.ko' >/dev/null; }
check "... and modprobe finds vsw in that root" modprobe_finds

ROOT3=$TMPD/root3
check "make install INSTALL_KMOD=no (DKMS has the module)" \
	make -C "$SRC" "${MAKEARGS[@]}" DESTDIR="$ROOT3" INSTALL_KMOD=no install
check "... installs vswctl but no module" \
	test -x "$ROOT3$PREFIX/sbin/vswctl" -a ! -e "$ROOT3/lib/modules"

check "make uninstall DESTDIR=..." \
	make -C "$SRC" "${MAKEARGS[@]}" DESTDIR="$DEST" uninstall
left() {
	# hooks/ may have no uninstall target of its own.
	(cd "$DEST" && find . ! -type d ! -path './etc/libvirt/*' ! -path ".$PREFIX/libexec/vsw/*")
}
check_eq "... leaves no file behind" "" left

finish
