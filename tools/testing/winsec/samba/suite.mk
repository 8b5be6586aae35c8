# SPDX-License-Identifier: GPL-2.0-only
#
# Differential test of SDDL <-> binary against Samba's implementation
# (Debian python3-samba). The helper is a small driver of libwinsec that
# serves many descriptors over stdin/stdout.

SAMBA_DIR := $(TOP)/tools/testing/winsec/samba
SAMBA_HELPER := $(BUILD)/tests/samba/sddl_helper

$(SAMBA_HELPER): $(SAMBA_DIR)/sddl_helper.c $(LIBWINSEC) $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(WINSEC_CFLAGS) -o $@ $< $(LIBWINSEC)

.PHONY: samba-helper check-samba-sddl
samba-helper: $(SAMBA_HELPER)

# Runs the differential test; see run_samba_sddl.py --help.
check-samba-sddl: $(SAMBA_HELPER)
	/usr/bin/python3 $(SAMBA_DIR)/run_samba_sddl.py --helper $(SAMBA_HELPER)
