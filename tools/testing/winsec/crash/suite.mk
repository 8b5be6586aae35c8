# SPDX-License-Identifier: GPL-2.0-only
# Crash consistency of stored descriptors (scripts/check.d/67-crash): the
# guest's writer and checker, linked statically for the busybox guest, and
# the driver that resets the guest while it rewrites descriptors.

CRASH_GUEST := $(BUILD)/crash/crash-guest

$(CRASH_GUEST): $(TOP)/tools/testing/winsec/crash/crash_guest.c $(TOP)/include/uapi/linux/winsec.h
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE \
		-I$(TOP)/include/uapi -static -o $@ $<

.PHONY: crash
# Resets the guest (debug kernel) CRASH_ROUNDS times (5) while it rewrites
# descriptors on ext4, checks the image with e2fsck and every descriptor
# after the next boot. CRASH_SEED picks the timings and the fsync calls.
crash: kernel-debug $(CRASH_GUEST) $(BUILD)/winsec
	+@$(MAKE) -s $(GEN_INIT_CPIO)
	@BUILD=$(BUILD) $(TOP)/tools/testing/winsec/crash/crash.sh
