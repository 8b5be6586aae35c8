# SPDX-License-Identifier: GPL-2.0-only
#
# Differential test of the access check against Samba's se_access_check
# (Debian python3-samba). The helper is a small driver of libwinsec that
# answers many access checks over stdin/stdout.

SAMBA_ACCESS_DIR := $(TOP)/tools/testing/winsec/samba-access
SAMBA_ACCESS_HELPER := $(BUILD)/tests/samba-access/access_helper

$(SAMBA_ACCESS_HELPER): $(SAMBA_ACCESS_DIR)/access_helper.c $(LIBWINSEC) $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(WINSEC_CFLAGS) -o $@ $< $(LIBWINSEC)

.PHONY: check-samba-access
# Runs the differential test; see run_samba_access.py --help.
check-samba-access: $(SAMBA_ACCESS_HELPER)
	/usr/bin/python3 $(SAMBA_ACCESS_DIR)/run_samba_access.py --helper $(SAMBA_ACCESS_HELPER)
