# SPDX-License-Identifier: GPL-2.0-only
# make stress: the debug kernel on 4 vCPUs under stress-ng and trinity,
# with canaries and relabelers (tools/testing/winsec/stress/stress.sh).

STRESSCTL := $(BUILD)/stress/stressctl

# Static, for the busybox guest; it needs no SDDL of its own.
$(STRESSCTL): $(TOP)/tools/testing/winsec/stress/stressctl.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -Wno-missing-field-initializers \
		-Wno-format-truncation -static -o $@ $<

.PHONY: stressctl stress
stressctl: $(STRESSCTL)

# STRESS_MINUTES of load (10); STRESS_QUICK=1 for the short version that
# make check runs (60 seconds, no boot without winsec). STRESS_KERNEL
# boots that bzImage instead of building the debug kernel. STRESS_ROOTFS:
# the Debian root of make debian (the default), or busybox (the guest's
# initramfs, which step 63-stress uses).
STRESS_MINUTES ?= 10
STRESS_KERNEL ?=
STRESS_ROOTFS ?= debian
stress: $(if $(STRESS_KERNEL),,kernel-debug) $(STRESSCTL) $(BUILD)/winsec \
		$(if $(filter debian,$(STRESS_ROOTFS)),debian)
	+@$(MAKE) -s guest KSFT_OUT=$(KOUT_DEBUG)
	@BUILD=$(BUILD) STRESS_MINUTES=$(STRESS_MINUTES) STRESS_QUICK=$(STRESS_QUICK) \
		STRESS_KERNEL=$(STRESS_KERNEL) STRESS_ROOTFS=$(STRESS_ROOTFS) \
		$(TOP)/tools/testing/winsec/stress/stress.sh $(STRESSCTL)
