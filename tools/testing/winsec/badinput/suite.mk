# SPDX-License-Identifier: GPL-2.0-only
#
# The expected verdicts of the kselftests selftests/winsec/badinput_*_test:
# the validator's fuzz corpus and the inputs of selftests/winsec/badinput.h,
# judged by the userspace build of the shared core. The guest target of
# scripts/mk/kernel.mk puts the result next to the installed tests.

BADINPUT_GEN := $(BUILD)/tests/badinput_gen
BADINPUT_DAT := $(BUILD)/tests/badinput.dat
BADINPUT_CORPUS := $(TOP)/tools/testing/winsec/fuzz/corpus/sd

$(BADINPUT_GEN): $(TOP)/tools/testing/winsec/badinput/badinput_gen.c \
		$(TOP)/selftests/winsec/badinput.h $(LIBWINSEC)
	@mkdir -p $(dir $@)
	$(CC) $(WINSEC_CFLAGS) -I$(TOP)/selftests/winsec -o $@ $< $(LIBWINSEC)

# The directory too: it changes when an entry is removed.
$(BADINPUT_DAT): $(BADINPUT_GEN) $(BADINPUT_CORPUS) $(wildcard $(BADINPUT_CORPUS)/*)
	@$(BADINPUT_GEN) $(BADINPUT_CORPUS) $@.tmp
	@mv $@.tmp $@

.PHONY: badinput-data
badinput-data: $(BADINPUT_DAT)
