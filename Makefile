# SPDX-License-Identifier: GPL-2.0
# vsw: top-level build. `make help` lists the targets.
#
# The module is built by the kernel's own build system (kbuild reads our
# Kbuild); lib/ and cli/ have their own Makefiles. Tests run in QEMU
# guests because the build host cannot load modules.

# The running kernel when its headers are installed, else the newest
# installed headers: build machines run a kernel of their own.
KVER ?= $(shell if [ -e /lib/modules/$$(uname -r)/build ]; then uname -r; \
	else ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n 1 | cut -d/ -f4; fi)
KDIR ?= /lib/modules/$(KVER)/build

# The demo boots Debian stable's kernel (6.1) when it is there.
# Its image is in /boot: check-debug's 6.1 kernel, which lives in /lib/modules
# alone, is never picked.
DEMO_KVER ?= $(or $(shell for k in $$(ls /boot/vmlinuz-6.1.* 2>/dev/null | \
	sed 's|^/boot/vmlinuz-||'); do [ -e /lib/modules/$$k/build ] && echo $$k; \
	done | sort -V | tail -n 1),$(KVER))

# The release: one line in VERSION, read by the packaging targets below
# (dkms.conf gets it at dkms-source time).
TOPDIR := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
VERSION := $(shell cat $(TOPDIR)/VERSION)

PREFIX ?= /usr/local
DESTDIR ?=
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
LIBEXECDIR ?= $(PREFIX)/libexec/vsw
SYSTEMDUNITDIR ?= /lib/systemd/system
LIBVIRT_HOOKDIR ?= /etc/libvirt/hooks/qemu.d
# Out-of-tree modules go to /lib/modules/KVER/extra, as DKMS puts them.
INSTALL_MOD_DIR ?= extra
DKMS_SRCDIR ?= /usr/src/vsw-$(VERSION)

V ?= 0
ifeq ($(V),1)
Q :=
else
Q := @
MAKEFLAGS += --no-print-directory
endif

SUBMAKE = $(MAKE) V=$(V) PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)
# hooks/ (vsw-ifup, vsw-ifdown, the libvirt hook) has its own Makefile.
HOOKS_MAKE = $(SUBMAKE) LIBEXECDIR=$(LIBEXECDIR) LIBVIRT_HOOKDIR=$(LIBVIRT_HOOKDIR) -C hooks

all: kmod lib cli hooks

kmod:
	$(Q)test -f $(KDIR)/Makefile || \
		{ echo "no kernel headers in $(KDIR): make deps, or set KVER/KDIR" >&2; exit 1; }
	$(Q)$(MAKE) -C $(KDIR) M=$(CURDIR) V=$(V) modules

lib:
	$(Q)$(SUBMAKE) -C lib

# vswctl links against the libvsw built next to it.
cli: lib
	$(Q)$(SUBMAKE) -C cli

hooks:
	$(Q)if [ -f hooks/Makefile ]; then $(HOOKS_MAKE) all; fi

deps:
	$(Q)scripts/install-deps.sh

# run-all.sh installs missing dependencies itself (install-deps.sh is a
# no-op when nothing is missing) and ends with "N passed, N failed".
check:
	$(Q)if [ -f selftests/fuzz/Makefile ]; then $(SUBMAKE) -C selftests/fuzz || \
		echo "selftests/fuzz does not build: 70-genl-fuzz will skip" >&2; fi
	$(Q)selftests/run-all.sh

# The selftests and the netlink fuzzer on a debug kernel built from Debian's
# linux-source-6.1 (KASAN, KFENCE, UBSAN, lockdep, DEBUG_ATOMIC_SLEEP,
# DEBUG_NET, reference trackers, kmemleak): selftests/check-debug.sh. The
# kernel is cached in /var/cache/vsw/debug-kernel. VSW_TESTS narrows it.
check-debug:
	$(Q)selftests/check-debug.sh

# check with the memory debugging Debian's own kernels can switch on at
# boot: slub_debug's red zones, poisoning, consistency checks and owner
# tracking, KFENCE sampling an allocation every millisecond (6.12; 6.1 has
# no KFENCE) and page poisoning, which takes over from init_on_alloc and
# init_on_free. Cheaper than check-debug (no kernel build), and on the
# kernels users run. The guests are slower with it: longer timeouts.
# VSW_TESTS and VSW_KERNELS narrow it as they do check.
SLUB_KCMDLINE ?= slub_debug=FZPU kfence.sample_interval=1 page_poison=1
check-slub:
	$(Q)VSW_KCMDLINE="$(SLUB_KCMDLINE) $${VSW_KCMDLINE:-}" \
		VSW_TEST_TIMEOUT=$${VSW_TEST_TIMEOUT:-900} \
		VSW_VM_TIMEOUT=$${VSW_VM_TIMEOUT:-7200} $(MAKE) check

demo: deps lib cli
	$(Q)mkdir -p build && selftests/vm/build-kmod.sh $(DEMO_KVER) >build/demo-kmod.log 2>&1 || \
		{ cat build/demo-kmod.log; exit 1; }
	$(Q)VSW_MODE=demo selftests/vm/run-vm.sh $(DEMO_KVER)

# The benchmark (selftests/bench): vsw against the bridge, OVS and a tc
# mirred floor in one guest; results.json and ratios.png in selftests/bench.
bench: deps lib cli
	$(Q)mkdir -p build && selftests/vm/build-kmod.sh $(DEMO_KVER) >build/bench-kmod.log 2>&1 || \
		{ cat build/bench-kmod.log; exit 1; }
	$(Q)selftests/bench/run.sh $(DEMO_KVER)

# The module's sources and nothing built: what DKMS builds from.
DKMS_FILES = Kbuild kmod/Kbuild $(wildcard kmod/*.sh) \
	$(filter-out %.mod.c,$(wildcard kmod/*.c)) \
	$(filter-out kmod/compat-generated.h,$(wildcard kmod/*.h)) \
	$(wildcard include/uapi/linux/*.h)

# Debian's headers have no signing key (their modules are signed by the
# distribution), and kbuild's depmod only runs with a System.map, which
# they lack: sign only with a key, and run depmod here.
MOD_SIGN = $(if $(wildcard $(KDIR)/certs/signing_key.pem),,CONFIG_MODULE_SIG_ALL=)
MODDIR = $(DESTDIR)/lib/modules/$(KVER)

# INSTALL_KMOD=no: everything but the module (DKMS installs that one).
INSTALL_KMOD ?= yes

install: all $(if $(filter no,$(INSTALL_KMOD)),,install-kmod)
	$(Q)$(SUBMAKE) -C lib install
	$(Q)$(SUBMAKE) SBINDIR=$(SBINDIR) -C cli install
	$(Q)if [ -f hooks/Makefile ]; then $(HOOKS_MAKE) install; fi
	$(Q)install -d $(DESTDIR)$(MANDIR)/man8
	$(Q)install -m 0644 Documentation/vswctl.8 $(DESTDIR)$(MANDIR)/man8/
	$(Q)if [ -f systemd/vsw.service ]; then \
		install -d $(DESTDIR)$(SYSTEMDUNITDIR) && \
		sed -e 's|@SBINDIR@|$(SBINDIR)|g' -e 's|@LIBEXECDIR@|$(LIBEXECDIR)|g' \
			systemd/vsw.service >$(DESTDIR)$(SYSTEMDUNITDIR)/vsw.service && \
		chmod 0644 $(DESTDIR)$(SYSTEMDUNITDIR)/vsw.service; \
	fi

# M=kmod, where the module and its modules.order are: kbuild installs a
# module at its path below M, and extra/vsw.ko is where modprobe users
# (and DKMS's DEST_MODULE_LOCATION) expect it, not extra/kmod/vsw.ko.
# A DESTDIR that is a staging tree (no modules.order of that kernel) gets
# no depmod output: packages run depmod when they are installed, and a
# staged modules.dep listing vsw alone would hide every other module.
install-kmod: kmod
	$(Q)$(MAKE) -C $(KDIR) M=$(CURDIR)/kmod V=$(V) INSTALL_MOD_PATH=$(DESTDIR) \
		INSTALL_MOD_DIR=$(INSTALL_MOD_DIR) $(MOD_SIGN) modules_install
	$(Q)if [ -z "$(DESTDIR)" ]; then \
		depmod -a $(KVER); \
	elif [ -f $(MODDIR)/modules.order ]; then \
		depmod -b $(DESTDIR) $(KVER); \
	else \
		echo "$(MODDIR) has no modules.order: no depmod (run depmod -a $(KVER) on the target)"; \
	fi

uninstall:
	$(Q)rm -f $(DESTDIR)/lib/modules/$(KVER)/$(INSTALL_MOD_DIR)/vsw.ko*
	$(Q)if [ -z "$(DESTDIR)" ]; then depmod -a $(KVER); fi
	$(Q)$(SUBMAKE) -C lib uninstall
	$(Q)$(SUBMAKE) SBINDIR=$(SBINDIR) -C cli uninstall
	$(Q)if [ -f hooks/Makefile ] && grep -q '^uninstall:' hooks/Makefile; then \
		$(HOOKS_MAKE) uninstall; fi
	$(Q)rm -f $(DESTDIR)$(MANDIR)/man8/vswctl.8 $(DESTDIR)$(SYSTEMDUNITDIR)/vsw.service

# DKMS: the sources in /usr/src/vsw-VERSION (dkms-source: in DKMS_SRCDIR),
# then dkms builds and installs the module for KVER and, with AUTOINSTALL,
# for every kernel installed later.
dkms-source:
	$(Q)case "$(DKMS_SRCDIR)" in ""|/) echo "DKMS_SRCDIR='$(DKMS_SRCDIR)'?" >&2; exit 1;; esac
	$(Q)rm -rf $(DKMS_SRCDIR)
	$(Q)install -d $(DKMS_SRCDIR)
	$(Q)tar -cf - $(DKMS_FILES) | tar -xf - -C $(DKMS_SRCDIR)
	$(Q)sed 's|@VERSION@|$(VERSION)|' dkms.conf >$(DKMS_SRCDIR)/dkms.conf

# One after the other: the old sources go before the new ones land.
dkms-install:
	$(Q)$(MAKE) dkms-uninstall
	$(Q)$(MAKE) DKMS_SRCDIR=/usr/src/vsw-$(VERSION) dkms-source
	$(Q)dkms add -m vsw -v $(VERSION)
	$(Q)dkms build -m vsw -v $(VERSION) -k $(KVER)
	$(Q)dkms install -m vsw -v $(VERSION) -k $(KVER)

dkms-uninstall:
	$(Q)if dkms status -m vsw -v $(VERSION) 2>/dev/null | grep -q .; then \
		dkms remove -m vsw -v $(VERSION) --all; fi
	$(Q)rm -rf /usr/src/vsw-$(VERSION)

clean:
	$(Q)if [ -f $(KDIR)/Makefile ]; then $(MAKE) -C $(KDIR) M=$(CURDIR) V=$(V) clean; fi
	$(Q)$(SUBMAKE) -C lib clean
	$(Q)$(SUBMAKE) -C cli clean
	$(Q)if [ -f selftests/unit/Makefile ]; then $(SUBMAKE) -C selftests/unit clean; fi
	$(Q)if [ -f selftests/tools/Makefile ]; then $(SUBMAKE) -C selftests/tools clean; fi
	$(Q)if [ -f selftests/fuzz/Makefile ]; then $(SUBMAKE) -C selftests/fuzz clean; fi
	$(Q)if [ -f selftests/fuzz/userspace/Makefile ]; then \
		$(SUBMAKE) -C selftests/fuzz/userspace clean; fi
	$(Q)if [ -f hooks/Makefile ] && grep -q '^clean:' hooks/Makefile; then $(HOOKS_MAKE) clean; fi
	$(Q)rm -rf build

help:
	@echo 'Targets:'
	@echo '  all (default)  kmod, lib, cli and hooks'
	@echo '  kmod           kmod/vsw.ko for KVER ($(KVER))'
	@echo '  lib            libvsw (shared, static, libvsw.pc)'
	@echo '  cli            cli/vswctl (runs from the build tree)'
	@echo '  deps           install the Debian packages (scripts/install-deps.sh)'
	@echo '  check          unit tests, W=1 builds and QEMU selftests on every'
	@echo '                 installed kernel; ends with "N passed, N failed"'
	@echo '  check-debug    the selftests and the fuzzer on a KASAN/lockdep/UBSAN/'
	@echo '                 kmemleak kernel built from linux-source-6.1 (cached)'
	@echo '  check-slub     check with slub_debug, KFENCE and page poisoning in'
	@echo '                 the guests (SLUB_KCMDLINE) and their reports in dmesg'
	@echo '  demo           a small topology in a $(DEMO_KVER) guest'
	@echo '  bench          vsw vs bridge, OVS and tc mirred in a $(DEMO_KVER) guest:'
	@echo '                 table, selftests/bench/results.json and ratios.png'
	@echo '  hooks          vsw-ifup, vsw-ifdown and the libvirt hook (hooks/)'
	@echo '  install        module in /lib/modules/KVER/extra and depmod, libvsw,'
	@echo '                 header, libvsw.pc, vswctl and its completion, hooks,'
	@echo '                 vsw.service, man page; PREFIX=$(PREFIX) DESTDIR='
	@echo '                 (INSTALL_KMOD=no: all but the module, for DKMS users)'
	@echo '  install-kmod   the module alone (and depmod)'
	@echo '  uninstall      remove what install installed'
	@echo '  dkms-source    module sources and dkms.conf in DKMS_SRCDIR'
	@echo '                 ($(DKMS_SRCDIR))'
	@echo '  dkms-install   dkms-source, then dkms add, build and install for KVER;'
	@echo '                 rebuilt for new kernels (AUTOINSTALL)'
	@echo '  dkms-uninstall dkms remove --all and the sources in /usr/src'
	@echo '  clean          remove everything built, build/ included'
	@echo 'Variables: KVER KDIR PREFIX DESTDIR SBINDIR MANDIR LIBEXECDIR'
	@echo '  SYSTEMDUNITDIR LIBVIRT_HOOKDIR INSTALL_MOD_DIR INSTALL_KMOD DKMS_SRCDIR'
	@echo '  V=1 (verbose)'
	@echo 'Version: $(VERSION) (the VERSION file)'
	@echo 'Test knobs (environment): VSW_KERNELS VSW_TESTS VSW_SHELL VSW_ACCEL'
	@echo '  VSW_VM_MEM VSW_VM_CPUS VSW_VM_TIMEOUT VSW_TEST_TIMEOUT; see'
	@echo '  selftests/vm/README'

.PHONY: all kmod lib cli hooks deps check check-debug check-slub demo bench install install-kmod \
	uninstall dkms-source dkms-install dkms-uninstall clean help
