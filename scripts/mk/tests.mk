# SPDX-License-Identifier: GPL-2.0-only
#
# Userspace test suites. Each directory under tools/testing/winsec/ brings a
# suite.mk with its own rules; scripts/check.d/ holds the steps of make check.

-include $(sort $(wildcard $(TOP)/tools/testing/winsec/*/suite.mk))
