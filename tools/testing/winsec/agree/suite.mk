# SPDX-License-Identifier: GPL-2.0-only
# The guest's probe that compares "winsec check" with the kernel
# (scripts/check.d/66-agree), linked statically for the busybox guest.

$(BUILD)/agree-probe: $(TOP)/tools/testing/winsec/agree/agree_probe.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -Wno-missing-field-initializers \
		-D_GNU_SOURCE -static -o $@ $<
