# SPDX-License-Identifier: GPL-2.0-only
#
# The kernel: Debian's linux-source-6.12 (or KSRC=) unpacked into
# $(BUILD)/linux-src, winsec overlaid and registered (scripts/kernel-tree.sh),
# configured from scripts/kconfig/ and built out of tree with ccache.
#
#   make kernel        $(BUILD)/kernel/arch/x86/boot/bzImage
#   make kernel-debug  the same with KASAN, UBSAN, lockdep, kmemleak
#   make kernel-kcsan  the same with KCSAN (data races) and lockdep
#   make patch         the kernel change as a patch series in $(BUILD)/patches
#   make kunit         kunit.py run --kunitconfig=security/winsec
#   make run           boot the guest (SCRIPT=FILE, APPEND='...', ROOTFS=debian)
#   make debian        the Debian root of the guest, $(BUILD)/debian/rootfs.ext4

KSRC ?=
KTREE := $(BUILD)/linux-src
KJOBS ?= 2
KCC ?= $(shell command -v ccache >/dev/null 2>&1 && echo "ccache gcc" || echo gcc)
KNICE ?= nice -n 10

KCONFIG_DIR := $(TOP)/scripts/kconfig
KCONFIG_PLAIN := $(KCONFIG_DIR)/winsec.config
KCONFIG_DEBUG := $(KCONFIG_PLAIN) $(KCONFIG_DIR)/debug.config
KCONFIG_KCSAN := $(KCONFIG_PLAIN) $(KCONFIG_DIR)/kcsan.config
KPATCHES := $(sort $(wildcard $(TOP)/scripts/patches/*.patch))

KOUT := $(BUILD)/kernel
KOUT_DEBUG := $(BUILD)/kernel-debug
KOUT_KCSAN := $(BUILD)/kernel-kcsan
KOUT_W1 := $(BUILD)/kernel-w1
BZIMAGE := $(KOUT)/arch/x86/boot/bzImage
BZIMAGE_DEBUG := $(KOUT_DEBUG)/arch/x86/boot/bzImage

# kbuild in an output directory, quiet unless V=1. One build at a time per
# directory (several people may share a checkout): flock on DIR.lock.
kbuild = mkdir -p $(1) && flock $(1).lock $(KNICE) $(MAKE) -C $(KTREE) O=$(1) \
	ARCH=x86_64 CC="$(KCC)" HOSTCC="$(KCC)" -j$(KJOBS) $(if $(V),V=$(V),-s)

.PHONY: kernel kernel-debug kernel-kcsan kernel-tree kernel-w1 patch kunit

# The overlay runs on every build; it only touches files that changed.
kernel-tree:
	@mkdir -p $(BUILD)
	@flock $(KTREE).lock $(TOP)/scripts/kernel-tree.sh $(KTREE) $(KSRC)

# A configuration is remade when a fragment or a registration patch changes.
$(KOUT)/.config: $(KCONFIG_PLAIN) $(KPATCHES) | kernel-tree
	@mkdir -p $(KOUT)
	@flock $(KOUT).lock $(TOP)/scripts/kernel-config.sh $(KTREE) $(KOUT) $(KCONFIG_PLAIN)

$(KOUT_DEBUG)/.config: $(KCONFIG_DEBUG) $(KPATCHES) | kernel-tree
	@mkdir -p $(KOUT_DEBUG)
	@flock $(KOUT_DEBUG).lock $(TOP)/scripts/kernel-config.sh $(KTREE) $(KOUT_DEBUG) $(KCONFIG_DEBUG)

$(KOUT_KCSAN)/.config: $(KCONFIG_KCSAN) $(KPATCHES) | kernel-tree
	@mkdir -p $(KOUT_KCSAN)
	@flock $(KOUT_KCSAN).lock $(TOP)/scripts/kernel-config.sh $(KTREE) $(KOUT_KCSAN) $(KCONFIG_KCSAN)

kernel: $(KOUT)/.config kernel-tree
	@echo "  KERNEL  $(KOUT)"
	+@$(call kbuild,$(KOUT)) bzImage
	@echo "  IMAGE   $(BZIMAGE)"
	+@$(MAKE) -s kernel-w1

kernel-debug: $(KOUT_DEBUG)/.config kernel-tree
	@echo "  KERNEL  $(KOUT_DEBUG)"
	+@$(call kbuild,$(KOUT_DEBUG)) bzImage
	@echo "  IMAGE   $(BZIMAGE_DEBUG)"

kernel-kcsan: $(KOUT_KCSAN)/.config kernel-tree
	@echo "  KERNEL  $(KOUT_KCSAN)"
	+@$(call kbuild,$(KOUT_KCSAN)) bzImage
	@echo "  IMAGE   $(KOUT_KCSAN)/arch/x86/boot/bzImage"

# security/winsec/ compiled again with W=1 in a directory of its own (same
# configuration), so that the extra warnings cover winsec and nothing else
# and the kernels themselves are not rebuilt. WINSEC_WERROR=1 makes a
# warning fatal.
kernel-w1: $(KOUT)/.config kernel-tree
	@mkdir -p $(KOUT_W1)
	@cmp -s $(KOUT)/.config $(KOUT_W1)/.config || cp $(KOUT)/.config $(KOUT_W1)/.config
	@echo "  W=1     security/winsec/"
	+@$(call kbuild,$(KOUT_W1)) W=1 $(if $(WINSEC_WERROR),KCFLAGS=-Werror) security/winsec/

# The whole kernel change, as a git-format patch series against the
# pristine tree.
patch: kernel-tree
	@$(TOP)/scripts/kernel-patch.sh $(KTREE) $(BUILD)/patches

# KUnit through kunit.py, in a tree of its own (kunit.py refuses a tree that
# has been configured in place; ours never is).
KUNIT_ARCH ?= um
kunit: kernel-tree
	@$(TOP)/scripts/kunit.sh $(KTREE) $(BUILD)/kunit-$(KUNIT_ARCH) $(KUNIT_ARCH)

# ---------------------------------------------------------------------------
# The guest: busybox initramfs with the tool and the kselftests.

GUEST := $(BUILD)/guest
GEN_INIT_CPIO := $(GUEST)/gen_init_cpio
GUEST_INITRD := $(GUEST)/rootfs.cpio.gz
# The kselftests are built against the uapi headers of this kernel build
# directory (make headers), into $(KSFT_OUT)/kselftest.
KSFT_OUT ?= $(KOUT)
KSFT_TARGETS ?= winsec lsm
KSFT_INSTALL := $(GUEST)/ksft

.PHONY: guest ksft run

$(GEN_INIT_CPIO): | kernel-tree
	@mkdir -p $(dir $@)
	$(HOSTCC_GUEST) -O2 -o $@ $(KTREE)/usr/gen_init_cpio.c
HOSTCC_GUEST ?= cc

ksft: kernel-tree
	@$(TOP)/scripts/build-ksft.sh $(KTREE) $(KSFT_OUT) $(KSFT_INSTALL) $(KSFT_TARGETS)

# The bad-input tests (selftests/winsec/badinput_*_test) read the verdicts
# on their inputs (tools/testing/winsec/badinput) from badinput.dat beside
# them.
guest: $(GEN_INIT_CPIO) ksft $(BUILD)/winsec $(BADINPUT_DAT)
	@[ ! -d $(KSFT_INSTALL)/winsec ] || cp $(BADINPUT_DAT) $(KSFT_INSTALL)/winsec/
	@echo "  ROOTFS  $(GUEST_INITRD)"
	@$(TOP)/scripts/guest/mkrootfs.sh $(GUEST_INITRD) $(GEN_INIT_CPIO) $(BUILD)/winsec $(KSFT_INSTALL)

# The Debian root file system (scripts/guest/mkdebian.sh), made again only
# when its inputs change; mmdebstrap needs root and the network.
DEBIAN_IMAGE := $(BUILD)/debian/rootfs.ext4

.PHONY: debian
debian: $(BUILD)/winsec
	@mkdir -p $(dir $(DEBIAN_IMAGE))
	@flock $(DEBIAN_IMAGE).lock $(TOP)/scripts/guest/mkdebian.sh $(DEBIAN_IMAGE) $(BUILD)/winsec

# make run [SCRIPT=FILE] [APPEND='kernel parameters'] [ROOTFS=debian]: the
# plain kernel, with the busybox initramfs as the root or, with
# ROOTFS=debian, the Debian image.
RUN_TIMEOUT ?= 900
ROOTFS ?= busybox
run: kernel guest $(if $(filter debian,$(ROOTFS)),debian)
	@$(TOP)/scripts/guest/run.sh --kernel $(BZIMAGE) --initrd $(GUEST_INITRD) \
		--rootfs $(ROOTFS) \
		$(if $(SCRIPT),--script $(SCRIPT)) --append "$(APPEND)" \
		$(if $(SCRIPT)$(RUN_TIMEOUT),--timeout $(RUN_TIMEOUT))
