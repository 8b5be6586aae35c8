# SPDX-License-Identifier: GPL-2.0-only
#
# winsec: Windows security descriptors and Mandatory Integrity Control for
# Linux. This Makefile drives everything: the userspace tool and its tests,
# the kernel build, the QEMU guest and the test suites.
#
#   make tools       build the winsec tool (build/winsec)
#   make check       install what is missing, then run every test suite
#   make run         boot the guest (interactive with a terminal)
#   make kunit       run the KUnit suites with kunit.py
#   make fuzz        run the fuzzers (FUZZ_SECONDS per harness)
#   make bench       what the LSMs cost in the booted guest (BENCH_QUICK=1)
#   make crash       reset the guest while it rewrites descriptors (CRASH_ROUNDS=5)
#   make patch       write the kernel change as a patch series
#   make clean       remove build outputs

TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD ?= $(TOP)/build

.DEFAULT_GOAL := tools

include $(TOP)/scripts/mk/tools.mk
include $(TOP)/scripts/mk/tests.mk
include $(TOP)/scripts/mk/kernel.mk

.PHONY: deps check clean help

help:
	@sed -n '/^#   make/s/^#   //p' $(TOP)/Makefile

deps:
	$(TOP)/scripts/install-deps.sh

check: deps
	$(TOP)/scripts/check.sh

clean:
	rm -rf $(BUILD)
