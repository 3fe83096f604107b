#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# DKMS: "make dkms-source" stages the module's sources (and nothing built)
# with a dkms.conf carrying the release, and "dkms build" turns them into
# vsw.ko for every kernel with headers (6.1 and 6.12 on a build machine),
# the header probe (kmod/compat-probe.sh) included. Everything happens in
# a temporary directory: dkms gets --sourcetree and --dkmstree there, and
# a signing key there, so /usr/src and /var/lib/dkms are left alone.
#
# The checks run functions through check/check_eq.
# shellcheck disable=SC2317
# shellcheck source=selftests/pkg/lib.sh
source "$(dirname "$0")/lib.sh"

if ! command -v dkms >/dev/null; then
	echo "1..0 # SKIP dkms not installed"
	exit 4
fi
mapfile -t KVERS < <(kernels)
if ((${#KVERS[@]} == 0)); then
	echo "1..0 # SKIP no kernel headers in /lib/modules/*/build"
	exit 4
fi

SRCTREE=$TMPD/src
TREE=$TMPD/dkms
STAGE=$SRCTREE/vsw-$VERSION
# dkms signs what it builds, with a key it creates when there is none;
# by default in /var/lib/dkms.
export mok_signing_key=$TMPD/mok.key mok_certificate=$TMPD/mok.pub
DKMS=(dkms --sourcetree "$SRCTREE" --dkmstree "$TREE" -m vsw -v "$VERSION")
mkdir -p "$TREE"

usr_src_before=$(ls -d /usr/src/vsw-* 2>/dev/null)
var_dkms_before=$(find /var/lib/dkms 2>/dev/null | sort)

check "make dkms-source DKMS_SRCDIR=$STAGE" \
	make -C "$ROOT" --no-print-directory DKMS_SRCDIR="$STAGE" dkms-source
check_eq "dkms.conf: PACKAGE_VERSION is the release ($VERSION)" "\"$VERSION\"" \
	sed -n 's/^PACKAGE_VERSION=//p' "$STAGE/dkms.conf"
check_eq "the staged sources hold no build products" "" \
	find "$STAGE" \( -name '*.o' -o -name '*.ko' -o -name '*.mod*' -o -name '.*.cmd' \
	-o -name 'compat-generated.h' -o -name 'modules.order' -o -name 'Module.symvers' \) -print
staged_sources() {
	(cd "$STAGE" && test -f Kbuild && test -f kmod/Kbuild && test -f kmod/compat-probe.sh &&
		test -f include/uapi/linux/vsw.h && ls kmod/*.c >/dev/null)
}
check "... and every source: Kbuild, kmod/ sources and probe, include/uapi" staged_sources
sources_match() {
	local f
	while IFS= read -r f; do
		cmp -s "$ROOT/$f" "$STAGE/$f" || { echo "$f differs"; return 1; }
	done < <(cd "$STAGE" && find . -type f ! -name dkms.conf)
	for f in "$ROOT"/kmod/*.[ch] "$ROOT"/include/uapi/linux/*.h; do
		f=${f#"$ROOT"/}
		case $f in *.mod.c | kmod/compat-generated.h) continue ;; esac
		[[ -f $STAGE/$f ]] || { echo "$f missing"; return 1; }
	done
}
check "... the same as the tree's, none missing" sources_match

check "dkms add" "${DKMS[@]}" add

for kver in "${KVERS[@]}"; do
	base=$TREE/vsw/$VERSION/$kver/$(uname -m)
	check "dkms build for $kver" "${DKMS[@]}" -k "$kver" build
	built() { compgen -G "$base/module/vsw.ko*"; }
	check "... vsw.ko in the DKMS tree" built
	vermagic() { modinfo -F vermagic "$(built)" | cut -d' ' -f1; }
	check_eq "... built for $kver" "$kver" vermagic
	check "... the kbuild run probed $kver's headers (compat-generated.h)" \
		grep -q 'compat-generated\.h' "$base/log/make.log"
	check_eq "dkms status: built for $kver" "vsw/$VERSION, $kver, $(uname -m): built" \
		"${DKMS[@]}" -k "$kver" status
done

check_eq "/usr/src untouched" "$usr_src_before" eval 'ls -d /usr/src/vsw-* 2>/dev/null'
check_eq "/var/lib/dkms untouched" "$var_dkms_before" eval 'find /var/lib/dkms 2>/dev/null | sort'

finish
