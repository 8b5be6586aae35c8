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
