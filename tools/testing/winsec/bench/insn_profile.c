// SPDX-License-Identifier: GPL-2.0-only
/*
 * insn_profile: a QEMU TCG plugin that counts the guest instructions run
 * at each kernel address between two marks the guest makes, for the
 * per-function profile of make bench-profile.
 *
 * Every translation block gets an inline counter that adds its number of
 * instructions each time it runs: exact counts, no sampling. Kernel
 * blocks (addresses in the top half) are counted one by one under their
 * start address; user blocks together. The guest marks a window by
 * running code at two fixed user addresses (kbench's "profile" command
 * maps a page there): MARK_START begins a window, MARK_STOP ends it and
 * the plugin adds the difference of every counter to that window's
 * totals. At exit it writes, for each window,
 *
 *	window N
 *	ADDRESS INSTRUCTIONS
 *	...
 *	user INSTRUCTIONS
 *
 * to the file given as out=FILE. The symbols are found afterwards from
 * System.map (kbench-profile.py): run the guest with nokaslr.
 *
 * The plugin interface is QEMU's (include/qemu/qemu-plugin.h, version 1 as
 * in QEMU 7.2); Debian ships QEMU with plugins enabled but not the header,
 * so the few declarations used are written out here.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- QEMU's plugin interface (the part used) ----------------------------- */

typedef uint64_t qemu_plugin_id_t;

typedef struct {
	const char *target_name;
	struct {
		int min;
		int cur;
	} version;
	bool system_emulation;
	union {
		struct {
			int smp_vcpus;
			int max_vcpus;
		} system;
	};
} qemu_info_t;

struct qemu_plugin_tb;

enum qemu_plugin_cb_flags {
	QEMU_PLUGIN_CB_NO_REGS,
	QEMU_PLUGIN_CB_R_REGS,
	QEMU_PLUGIN_CB_RW_REGS,
};

enum qemu_plugin_op {
	QEMU_PLUGIN_INLINE_ADD_U64,
};

typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id,
					       struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu, void *udata);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *udata);

#define EXPORT __attribute__((visibility("default")))

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
					   qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb,
					  qemu_plugin_vcpu_udata_cb_t cb,
					  enum qemu_plugin_cb_flags flags,
					  void *udata);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb,
					      enum qemu_plugin_op op,
					      void *ptr, uint64_t imm);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id,
				    qemu_plugin_udata_cb_t cb, void *udata);

EXPORT int qemu_plugin_version = 1;

/* --- the profile ----------------------------------------------------------- */

/* The marks: kbench maps a page at MARK_PAGE (see kbench.c). */
#define MARK_PAGE	0x7e5700000000ULL
#define MARK_START	MARK_PAGE
#define MARK_STOP	(MARK_PAGE + 0x40)
#define KERNEL_BASE	0xffff800000000000ULL
#define MAX_WINDOWS	64

struct counter {
	uint64_t addr;
	uint64_t insns;			/* the inline counter */
	uint64_t at_start;		/* its value when the window began */
	uint64_t window[MAX_WINDOWS];	/* what each window added */
	struct counter *next;		/* hash chain */
	struct counter *all;		/* list of every counter */
};

#define HASH_BITS 16
static struct counter *table[1 << HASH_BITS];
static struct counter *all;
static struct counter user = { .addr = 0 };
static unsigned int windows;
static bool open_window;
static char *out_path;

static unsigned int hash(uint64_t addr)
{
	return (unsigned int)((addr * 0x9e3779b97f4a7c15ULL) >> (64 - HASH_BITS));
}

static struct counter *counter_of(uint64_t addr)
{
	unsigned int h = hash(addr);
	struct counter *c;

	for (c = table[h]; c; c = c->next)
		if (c->addr == addr)
			return c;
	c = calloc(1, sizeof(*c));
	if (!c) {
		fprintf(stderr, "insn_profile: out of memory\n");
		abort();
	}
	c->addr = addr;
	c->next = table[h];
	table[h] = c;
	c->all = all;
	all = c;
	return c;
}

static void mark_start(unsigned int vcpu, void *udata)
{
	struct counter *c;

	if (open_window || windows == MAX_WINDOWS)
		return;
	for (c = all; c; c = c->all)
		c->at_start = c->insns;
	user.at_start = user.insns;
	open_window = true;
}

static void mark_stop(unsigned int vcpu, void *udata)
{
	struct counter *c;

	if (!open_window)
		return;
	for (c = all; c; c = c->all)
		c->window[windows] += c->insns - c->at_start;
	user.window[windows] += user.insns - user.at_start;
	windows++;
	open_window = false;
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t addr = qemu_plugin_tb_vaddr(tb);
	size_t n = qemu_plugin_tb_n_insns(tb);
	struct counter *c = addr >= KERNEL_BASE ? counter_of(addr) : &user;

	if (addr == MARK_START)
		qemu_plugin_register_vcpu_tb_exec_cb(tb, mark_start,
						     QEMU_PLUGIN_CB_NO_REGS,
						     NULL);
	else if (addr == MARK_STOP)
		qemu_plugin_register_vcpu_tb_exec_cb(tb, mark_stop,
						     QEMU_PLUGIN_CB_NO_REGS,
						     NULL);
	qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64,
						 &c->insns, n);
}

static void at_exit(qemu_plugin_id_t id, void *udata)
{
	FILE *f = fopen(out_path, "w");
	struct counter *c;
	unsigned int w;

	if (!f) {
		perror(out_path);
		return;
	}
	for (w = 0; w < windows; w++) {
		fprintf(f, "window %u\n", w);
		for (c = all; c; c = c->all)
			if (c->window[w])
				fprintf(f, "%llx %llu\n",
					(unsigned long long)c->addr,
					(unsigned long long)c->window[w]);
		fprintf(f, "user %llu\n", (unsigned long long)user.window[w]);
	}
	fclose(f);
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
			       int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++)
		if (!strncmp(argv[i], "out=", 4))
			out_path = strdup(argv[i] + 4);
	if (!out_path) {
		fprintf(stderr, "insn_profile: give out=FILE\n");
		return -1;
	}
	if (!info->system_emulation || info->system.smp_vcpus != 1) {
		fprintf(stderr, "insn_profile: one vCPU, system emulation only\n");
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
