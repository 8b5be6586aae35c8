# SPDX-License-Identifier: GPL-2.0-only
# Unit tests of the SDDL library (under ASan and UBSan) and the end-to-end
# tests of the tool's descriptor commands (tool_test.sh, run by
# scripts/check.d/20-sddl).

SDDL_TEST_SRCS := $(TOP)/tools/testing/winsec/sddl/sddl_test.c

# Built from the same sources as $(LIBWINSEC), with the sanitizers on.
$(BUILD)/tests/sddl_test: $(SDDL_TEST_SRCS) $(LIBWINSEC)
	@mkdir -p $(dir $@)
	$(CC) $(WINSEC_CFLAGS) -fsanitize=address,undefined -fno-sanitize-recover=all \
		-o $@ $(SDDL_TEST_SRCS) $(CORE_SRCS) $(LIB_SRCS)

.PHONY: test-sddl
test-sddl: $(BUILD)/tests/sddl_test $(BUILD)/winsec
	$(BUILD)/tests/sddl_test
	WINSEC=$(BUILD)/winsec $(TOP)/tools/testing/winsec/sddl/tool_test.sh
