# SPDX-License-Identifier: GPL-2.0-only
# Userspace runner of the access-check and inheritance cases shared with
# KUnit, and the benchmark of the access check.

ACCESS_TEST := $(BUILD)/tests/access_test

$(ACCESS_TEST): $(TOP)/tools/testing/winsec/access/access_test.c \
		$(wildcard $(TOP)/security/winsec/tests/access_*.h \
			   $(TOP)/security/winsec/tests/inherit_*.h) \
		$(CORE_SRCS) $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(WINSEC_CFLAGS) -fsanitize=address,undefined -fno-sanitize-recover=all \
		-o $@ $< $(CORE_SRCS)

.PHONY: test-access
test-access: $(ACCESS_TEST)
	$(ACCESS_TEST)
