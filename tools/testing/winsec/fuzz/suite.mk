# SPDX-License-Identifier: GPL-2.0-only
#
# libFuzzer harnesses (clang, ASan + UBSan). They build the shared core and
# the SDDL library from source with clang, not the gcc-built libwinsec.a.
#
#   make fuzz [FUZZ_SECONDS=300]   run each harness that long
#   make fuzz-build                only build them
#
# New inputs found go to $(BUILD)/fuzz/, never into the repository; crash
# reproducers to $(BUILD)/fuzz/artifacts/. Add a reproducer to
# tools/testing/winsec/fuzz/corpus/<harness>/ once the bug is fixed.

FUZZ_DIR := $(TOP)/tools/testing/winsec/fuzz
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 300
FUZZ_NAMES := sd sddl
FUZZ_BINS := $(addprefix $(BUILD)/fuzz/fuzz_,$(FUZZ_NAMES))
FUZZ_CFLAGS := -std=gnu11 -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-Wall -Wno-unused-parameter -Wno-missing-field-initializers \
	-I$(TOP)/tools/lib/winsec/compat -I$(TOP)/include \
	-I$(TOP)/security/winsec -I$(TOP)/tools/lib/winsec -D_GNU_SOURCE

$(BUILD)/fuzz/fuzz_%: $(FUZZ_DIR)/fuzz_%.c $(CORE_SRCS) $(LIB_SRCS) $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(CORE_SRCS) $(LIB_SRCS)

.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_BINS)

fuzz: $(FUZZ_BINS)
	@status=0; for n in $(FUZZ_NAMES); do \
		$(FUZZ_DIR)/run_fuzz.sh $(BUILD)/fuzz/fuzz_$$n \
			$(FUZZ_DIR)/corpus/$$n $(FUZZ_SECONDS) $(BUILD)/fuzz || \
			status=1; \
	done; exit $$status
