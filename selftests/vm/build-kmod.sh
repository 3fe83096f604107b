#!/bin/bash
# Build vsw.ko for one kernel in a private copy of the sources, so builds
# for several kernels never share objects or the generated compat header.
#
# Usage: selftests/vm/build-kmod.sh KVER [MAKE ARGS...]
# Result: build/KVER/kmod/vsw.ko; the full log in build/KVER/build.log
# (also on stdout). Every build is from scratch: an incremental build
# would not print the warnings of unchanged files again.
set -euo pipefail

KVER=$1
shift
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KDIR=/lib/modules/$KVER/build
DIR=$ROOT/build/$KVER

[ -f "$KDIR/Makefile" ] || { echo "build-kmod: no headers in $KDIR" >&2; exit 2; }

# The module's sources only: tracked and new files, never build products
# of another kernel (compat-generated.h, *.o) from the main tree.
source_files() {
	if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git -C "$ROOT" ls-files -co --exclude-standard -- Kbuild kmod include
	else
		find Kbuild kmod include -type f ! -name '*.o' ! -name '*.ko' \
			! -name '*.cmd' ! -name '*.mod*' ! -name 'compat-generated.h'
	fi
}

rm -rf "$DIR/Kbuild" "$DIR/kmod" "$DIR/include" "$DIR/Module.symvers" "$DIR/modules.order"
mkdir -p "$DIR"
(cd "$ROOT" && source_files | while IFS= read -r f; do
	if [ -f "$f" ]; then printf '%s\n' "$f"; fi
done | cpio -pdm --quiet "$DIR")

make -C "$KDIR" M="$DIR" "$@" 2>&1 | tee "$DIR/build.log"
exit "${PIPESTATUS[0]}"
