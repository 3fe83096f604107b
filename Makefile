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
DEMO_KVER ?= $(or $(shell ls -d /lib/modules/6.1.*/build 2>/dev/null | sort -V | \
	tail -n 1 | cut -d/ -f4),$(KVER))

PREFIX ?= /usr/local
DESTDIR ?=
MANDIR ?= $(PREFIX)/share/man

V ?= 0
ifeq ($(V),1)
Q :=
else
Q := @
MAKEFLAGS += --no-print-directory
endif

SUBMAKE = $(MAKE) V=$(V) PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)

all: kmod lib cli

kmod:
	$(Q)test -f $(KDIR)/Makefile || \
		{ echo "no kernel headers in $(KDIR): make deps, or set KVER/KDIR" >&2; exit 1; }
	$(Q)$(MAKE) -C $(KDIR) M=$(CURDIR) V=$(V) modules

lib:
	$(Q)$(SUBMAKE) -C lib

# vswctl links against the libvsw built next to it.
cli: lib
	$(Q)$(SUBMAKE) -C cli

deps:
	$(Q)scripts/install-deps.sh

# run-all.sh installs missing dependencies itself (install-deps.sh is a
# no-op when nothing is missing) and ends with "N passed, N failed".
check:
	$(Q)selftests/run-all.sh

demo: deps lib cli
	$(Q)mkdir -p build && selftests/vm/build-kmod.sh $(DEMO_KVER) >build/demo-kmod.log 2>&1 || \
		{ cat build/demo-kmod.log; exit 1; }
	$(Q)VSW_MODE=demo selftests/vm/run-vm.sh $(DEMO_KVER)

install: all
	$(Q)$(MAKE) -C $(KDIR) M=$(CURDIR) V=$(V) INSTALL_MOD_PATH=$(DESTDIR) modules_install
	$(Q)$(SUBMAKE) -C lib install
	$(Q)$(SUBMAKE) -C cli install
	$(Q)if [ -f Documentation/vswctl.8 ]; then \
		install -d $(DESTDIR)$(MANDIR)/man8 && \
		install -m 0644 Documentation/vswctl.8 $(DESTDIR)$(MANDIR)/man8/; \
	fi

clean:
	$(Q)if [ -f $(KDIR)/Makefile ]; then $(MAKE) -C $(KDIR) M=$(CURDIR) V=$(V) clean; fi
	$(Q)$(SUBMAKE) -C lib clean
	$(Q)$(SUBMAKE) -C cli clean
	$(Q)if [ -f selftests/unit/Makefile ]; then $(SUBMAKE) -C selftests/unit clean; fi
	$(Q)if [ -f selftests/tools/Makefile ]; then $(SUBMAKE) -C selftests/tools clean; fi
	$(Q)rm -rf build

help:
	@echo 'Targets:'
	@echo '  all (default)  kmod, lib and cli'
	@echo '  kmod           kmod/vsw.ko for KVER ($(KVER))'
	@echo '  lib            libvsw (shared, static, libvsw.pc)'
	@echo '  cli            cli/vswctl (runs from the build tree)'
	@echo '  deps           install the Debian packages (scripts/install-deps.sh)'
	@echo '  check          unit tests, W=1 builds and QEMU selftests on every'
	@echo '                 installed kernel; ends with "N passed, N failed"'
	@echo '  demo           a small topology in a $(DEMO_KVER) guest'
	@echo '  install        module (modules_install), lib, cli, man page'
	@echo '                 under DESTDIR/PREFIX ($(DESTDIR)$(PREFIX))'
	@echo '  clean          remove everything built, build/ included'
	@echo 'Variables: KVER KDIR PREFIX DESTDIR V=1 (verbose)'
	@echo 'Test knobs (environment): VSW_KERNELS VSW_TESTS VSW_SHELL VSW_ACCEL'
	@echo '  VSW_VM_MEM VSW_VM_CPUS VSW_VM_TIMEOUT VSW_TEST_TIMEOUT; see'
	@echo '  selftests/vm/README'

.PHONY: all kmod lib cli deps check demo install clean help
