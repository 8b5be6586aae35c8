# SPDX-License-Identifier: GPL-2.0-only
#
# Userspace: the shared core compiled for userspace, the SDDL library and the
# winsec tool.

CC ?= cc
WINSEC_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-Wno-missing-field-initializers \
	-I$(TOP)/tools/lib/winsec/compat -I$(TOP)/include -I$(TOP)/security/winsec \
	-I$(TOP)/tools/lib/winsec -D_GNU_SOURCE

# The shared core: these files are kernel C, built unchanged.
CORE_SRCS := $(wildcard $(addprefix $(TOP)/security/winsec/,sid.c sd.c acl.c label.c token.c access.c condition.c claims.c sacl.c change.c inherit.c))
LIB_SRCS := $(sort $(wildcard $(TOP)/tools/lib/winsec/*.c))
TOOL_SRCS := $(sort $(wildcard $(TOP)/tools/winsec/*.c))
CORE_HDRS := $(wildcard $(TOP)/security/winsec/*.h $(TOP)/include/uapi/linux/*.h \
	$(TOP)/tools/lib/winsec/*.h $(TOP)/tools/lib/winsec/compat/linux/*.h \
	$(TOP)/tools/winsec/*.h)

# libwinsec.a: core + SDDL library, used by the tool and by every test.
LIBWINSEC := $(BUILD)/libwinsec.a
LIB_OBJS := $(patsubst $(TOP)/%.c,$(BUILD)/obj/%.o,$(CORE_SRCS) $(LIB_SRCS))
TOOL_OBJS := $(patsubst $(TOP)/%.c,$(BUILD)/obj/%.o,$(TOOL_SRCS))

$(BUILD)/obj/%.o: $(TOP)/%.c $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(WINSEC_CFLAGS) -c -o $@ $<

$(LIBWINSEC): $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

# The tool is linked statically so that it runs in the busybox guest.
$(BUILD)/winsec: $(TOOL_OBJS) $(LIBWINSEC)
	$(CC) $(WINSEC_CFLAGS) -static -o $@ $(TOOL_OBJS) $(LIBWINSEC)

.PHONY: tools
tools: $(BUILD)/winsec
