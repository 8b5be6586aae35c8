# SPDX-License-Identifier: GPL-2.0-only
# Table test of conditional ACEs (security/winsec/condition.c) through the
# access check, descriptors written in SDDL, under ASan and UBSan; run by
# scripts/check.d/42-condition.

COND_TEST := $(BUILD)/tests/condition_test

$(COND_TEST): $(TOP)/tools/testing/winsec/condition/condition_test.c \
		$(CORE_SRCS) $(LIB_SRCS) $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(WINSEC_CFLAGS) -fsanitize=address,undefined -fno-sanitize-recover=all \
		-o $@ $< $(CORE_SRCS) $(LIB_SRCS)

.PHONY: test-condition
test-condition: $(COND_TEST)
	$(COND_TEST)
