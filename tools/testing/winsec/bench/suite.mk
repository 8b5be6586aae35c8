# SPDX-License-Identifier: GPL-2.0-only
# Benchmark of the access check (not part of make check).

BENCH_EVAL := $(BUILD)/bench/bench_eval

$(BENCH_EVAL): $(TOP)/tools/testing/winsec/bench/bench_eval.c $(LIBWINSEC) $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(WINSEC_CFLAGS) -o $@ $< $(LIBWINSEC)

.PHONY: bench-eval
# Nanoseconds per access check: 4/16/64 ACEs x 4/32 groups.
bench-eval: $(BENCH_EVAL)
	$(BENCH_EVAL)

.PHONY: bench-tool
# winsec grant -R against setfacl -R -m on a 10,000-file tree, and the ratio.
bench-tool: $(BUILD)/winsec
	$(TOP)/tools/testing/winsec/bench/bench_tool.sh $(BUILD)/winsec

# kbench: the microbenchmark that make bench runs in the guest, static so
# that it runs in the busybox initramfs; descriptors come from the SDDL
# library at run time.
KBENCH := $(BUILD)/bench/kbench
KBENCH_SRCS := $(addprefix $(TOP)/tools/testing/winsec/bench/,kbench.c kbench_sddl.c)

$(KBENCH): $(KBENCH_SRCS) $(TOP)/tools/testing/winsec/bench/kbench.h $(LIBWINSEC) $(CORE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter -Wno-format-truncation \
		-c -o $(BUILD)/bench/kbench.o $<
	$(CC) $(WINSEC_CFLAGS) -c -o $(BUILD)/bench/kbench_sddl.o \
		$(TOP)/tools/testing/winsec/bench/kbench_sddl.c
	$(CC) -static -pthread -o $@ $(BUILD)/bench/kbench.o \
		$(BUILD)/bench/kbench_sddl.o $(LIBWINSEC)

.PHONY: kbench
kbench: $(KBENCH)

.PHONY: bench
# What the LSMs cost in the booted plain guest kernel: winsec, without it,
# Smack and AppArmor side by side, in guest instructions per operation
# (tools/testing/winsec/bench/kbench.sh). BENCH_QUICK=1: a short run.
bench: kernel $(KBENCH) $(BUILD)/winsec
	+@$(MAKE) -s $(GEN_INIT_CPIO)
	@BUILD=$(BUILD) BENCH_QUICK=$(BENCH_QUICK) \
		$(TOP)/tools/testing/winsec/bench/kbench.sh $(KBENCH)

# insn_profile.so: the QEMU TCG plugin of make bench-profile.
INSN_PROFILE := $(BUILD)/bench/insn_profile.so

$(INSN_PROFILE): $(TOP)/tools/testing/winsec/bench/insn_profile.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -Wno-unused-parameter \
		-shared -fPIC -fvisibility=hidden -o $@ $<

.PHONY: bench-profile
# Where the instructions go: each operation run BENCH_PROFILE_CALLS (2000)
# times at Medium with and without winsec, every kernel instruction counted
# by the function it runs in (a QEMU plugin); prints, per operation, the
# functions whose count differs most.
BENCH_PROFILE_CALLS ?= 2000
bench-profile: kernel $(KBENCH) $(INSN_PROFILE) $(BUILD)/winsec
	+@$(MAKE) -s $(GEN_INIT_CPIO)
	@BUILD=$(BUILD) BENCH_PROFILE=$(BENCH_PROFILE_CALLS) \
		$(TOP)/tools/testing/winsec/bench/kbench.sh $(KBENCH)
