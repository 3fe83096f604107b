#!/bin/bash
# Install every Debian package vsw needs to build, test and benchmark.
# Adds bookworm-backports for the 6.12 LTS kernel and its PREEMPT_RT
# flavour. Idempotent: it only calls apt when something is missing.
set -euo pipefail

BACKPORTS=/etc/apt/sources.list.d/vsw-bookworm-backports.sources

# Packages from bookworm itself.
PKGS=(
	build-essential pkg-config libmnl-dev libjson-c-dev libnl-genl-3-dev
	linux-image-amd64 linux-headers-amd64
	qemu-system-x86 busybox-static kmod cpio gzip
	iproute2 iputils-ping iperf3 tcpdump python3 procps ethtool
	util-linux libcap2-bin socat sparse xz-utils
	libxml2-dev libvirt-clients nftables dkms bash-completion
	openvswitch-switch gnuplot-nox
	clang libclang-rt-dev
)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done

# kver_612 FLAVOUR: an installed 6.12 kernel of that flavour (amd64,
# rt-amd64) with headers and image; 6.12.95+deb12-rt-amd64 is rt-amd64.
kver_612() {
	local d k
	for d in /lib/modules/6.12*/build/Makefile; do
		k=${d#/lib/modules/}
		k=${k%%/*}
		if [ "${k#*-}" = "$1" ] && [ -f "/boot/vmlinuz-$k" ]; then
			echo "$k"
			return 0
		fi
	done
	return 1
}
have_612() { kver_612 amd64 >/dev/null; }
have_612_rt() { kver_612 rt-amd64 >/dev/null; }

if [ ${#missing[@]} -eq 0 ] && have_612 && have_612_rt; then
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: missing packages (${missing[*]:-6.12 kernels}); run as root" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
APT_OPTS=(-y -q --no-install-recommends -o Dpkg::Use-Pty=0)

if [ ! -e "$BACKPORTS" ] && ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
	cat >"$BACKPORTS" <<'EOS'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOS
fi
apt-get update -q

if [ ${#missing[@]} -gt 0 ]; then
	apt-get install "${APT_OPTS[@]}" "${missing[@]}"
fi

if ! have_612; then
	# Resolve the versioned packages behind backports' linux-image-amd64,
	# so both kernels stay installed side by side.
	img=$(apt-cache show -q 'linux-image-amd64/bookworm-backports' |
		sed -n 's/^Depends: \(linux-image-6\.12[^ ,]*\).*/\1/p' | head -n1)
	if [ -z "$img" ]; then
		echo "install-deps: no 6.12 kernel found in bookworm-backports" >&2
		exit 1
	fi
	hdr=${img/linux-image-/linux-headers-}
	apt-get install "${APT_OPTS[@]}" -t bookworm-backports "$img" "$hdr"
fi

# make check runs a subset of the selftests on PREEMPT_RT: the same 6.12
# in its rt flavour when backports still has it (one source, two locking
# models), else the one backports' linux-image-rt-amd64 names.
if ! have_612_rt; then
	img=
	k=$(kver_612 amd64) || k=
	if [ -n "$k" ] && apt-cache show -q "linux-image-${k%-amd64}-rt-amd64" >/dev/null 2>&1; then
		img=linux-image-${k%-amd64}-rt-amd64
	else
		img=$(apt-cache show -q 'linux-image-rt-amd64/bookworm-backports' |
			sed -n 's/^Depends: \(linux-image-6\.12[^ ,]*\).*/\1/p' | head -n1)
	fi
	if [ -z "$img" ]; then
		echo "install-deps: no 6.12 PREEMPT_RT kernel found in bookworm-backports" >&2
		exit 1
	fi
	hdr=${img/linux-image-/linux-headers-}
	apt-get install "${APT_OPTS[@]}" -t bookworm-backports "$img" "$hdr"
fi
