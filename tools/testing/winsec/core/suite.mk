# SPDX-License-Identifier: GPL-2.0-only
# Userspace runner of the validator cases shared with KUnit.

$(BUILD)/tests/core_test: $(TOP)/tools/testing/winsec/core/core_test.c \
		$(wildcard $(TOP)/security/winsec/tests/sd_*.h) $(LIBWINSEC)
	@mkdir -p $(dir $@)
	$(CC) $(WINSEC_CFLAGS) -fsanitize=address,undefined -fno-sanitize-recover=all \
		-o $@ $< $(CORE_SRCS) $(TOP)/tools/lib/winsec/coreutil.c

.PHONY: test-core
test-core: $(BUILD)/tests/core_test
	$(BUILD)/tests/core_test
