// SPDX-License-Identifier: GPL-2.0-only
/*
 * badinput_gen - the expected verdicts of selftests/winsec/badinput_*_test
 *
 *   badinput_gen CORPUS_DIR OUT
 *
 * Reads the validator's fuzz corpus (every regular file of CORPUS_DIR, in
 * the order of their names), makes the generated inputs of badinput.h, and
 * judges each one with the userspace build of the shared core: the
 * descriptor validator (winsec_sd_parse()) and the level parser
 * (winsec_level_parse()), the code the kernel runs at its entry points.
 * Writes the corpus, the verdicts and the sums of the inputs to OUT (the
 * format is in badinput.h), which the guest's initramfs carries next to
 * the test.
 *
 * It also checks what the test relies on by construction: every strict
 * prefix of the tight 64 KiB descriptor is refused and the descriptor
 * itself accepted, the padded descriptor is accepted from its own length
 * on. Exit status 1 when one of these fails or the corpus cannot be read.
 */

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sd.h"
#include "sid.h"
#include <uapi/linux/winsec.h>

#include "badinput.h"

#define FNV_START	2166136261u

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "badinput_gen: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory");
	return p;
}

static bool valid_sd(const void *buf, size_t len)
{
	struct winsec_sd sd;

	return len <= WINSEC_SD_MAX_SIZE && !winsec_sd_parse(buf, len, &sd, NULL);
}

static void put(FILE *f, const void *p, size_t len)
{
	static const u8 zero[4];

	if (fwrite(p, 1, len, f) != len ||
	    fwrite(zero, 1, (4 - len % 4) % 4, f) != (4 - len % 4) % 4)
		die("cannot write the output: %s", strerror(errno));
}

static void put32(FILE *f, u32 v)
{
	u8 b[4];

	badinput_put32(b, v);
	put(f, b, 4);
}

struct corpus {
	u8 **data;
	u32 *lens;
	unsigned int n;
};

static int only_files(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

static void read_corpus(const char *dir, struct corpus *c)
{
	struct dirent **names;
	char path[4096];
	int n, i;

	n = scandir(dir, &names, only_files, alphasort);
	if (n <= 0)
		die("no corpus in %s", dir);
	c->data = xmalloc(n * sizeof(*c->data));
	c->lens = xmalloc(n * sizeof(*c->lens));
	c->n = n;
	for (i = 0; i < n; i++) {
		FILE *f;
		long len;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		f = fopen(path, "rb");
		if (!f || fseek(f, 0, SEEK_END))
			die("cannot read %s", path);
		len = ftell(f);
		if (len < 0 || len > BADINPUT_SWEEP_MAX || fseek(f, 0, SEEK_SET))
			die("cannot read %s", path);
		c->data[i] = xmalloc(len);
		if (fread(c->data[i], 1, len, f) != (size_t)len)
			die("cannot read %s", path);
		fclose(f);
		c->lens[i] = len;
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	struct badinput_header h = { .magic = BADINPUT_MAGIC };
	unsigned int i, kind_valid[BADINPUT_KINDS] = { 0 }, valid = 0;
	unsigned int valid_mutants = 0, valid_levels = 0;
	u8 *sweep[BADINPUT_KINDS], *bits, *flags, *buf;
	struct corpus c;
	size_t len, l;
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "usage: badinput_gen CORPUS_DIR OUT\n");
		return 2;
	}
	read_corpus(argv[1], &c);
	h.ncorpus = c.n;
	h.nmutants = BADINPUT_MUTANTS;
	h.nlevels = BADINPUT_LEVELS;
	h.sweep_max = BADINPUT_SWEEP_MAX;

	/* The sweep, and what its construction promises. */
	for (i = 0; i < BADINPUT_KINDS; i++)
		sweep[i] = xmalloc(BADINPUT_SWEEP_MAX);
	badinput_make_sweep(sweep);
	h.sweep_sum = FNV_START;
	for (i = 0; i < BADINPUT_KINDS; i++)
		h.sweep_sum = badinput_sum(h.sweep_sum, sweep[i],
					   BADINPUT_SWEEP_MAX);
	if (!valid_sd(sweep[BADINPUT_BIG], WINSEC_SD_MAX_SIZE))
		die("the tight 64 KiB descriptor is refused");
	for (l = 0; l < WINSEC_SD_MAX_SIZE; l++)
		if (valid_sd(sweep[BADINPUT_BIG], l))
			die("a strict prefix (%zu bytes) of the tight descriptor is valid", l);
	for (l = 0; l <= WINSEC_SD_MAX_SIZE; l++) {
		bool want = l >= BADINPUT_PAD_SD;

		if (valid_sd(sweep[BADINPUT_PAD], l) != want)
			die("the padded descriptor is %s at %zu bytes",
			    want ? "refused" : "accepted", l);
	}
	bits = xmalloc(BADINPUT_SWEEP_MAX / 8 + 1);
	memset(bits, 0, BADINPUT_SWEEP_MAX / 8 + 1);
	for (l = 0; l <= BADINPUT_SWEEP_MAX; l++) {
		enum badinput_kind k = badinput_sweep_kind(l);

		if (valid_sd(sweep[k], l)) {
			bits[l / 8] |= 1 << (l % 8);
			kind_valid[k]++;
			valid++;
		}
	}

	/* The mutants. */
	flags = xmalloc(BADINPUT_MUTANTS);
	/* Room for a mutant or a level text, whichever is longer. */
	buf = xmalloc(BADINPUT_LEVEL_MAX + BADINPUT_MUTANT_MAX);
	h.mutant_sum = FNV_START;
	for (i = 0; i < BADINPUT_MUTANTS; i++) {
		len = badinput_mutant(i, (const u8 *const *)c.data,
				      c.lens, c.n, buf);
		h.mutant_sum = badinput_sum(h.mutant_sum, buf, len);
		flags[i] = valid_sd(buf, len) ? BADINPUT_VALID : 0;
		valid_mutants += flags[i];
	}

	f = fopen(argv[2], "wb");
	if (!f)
		die("cannot create %s", argv[2]);
	/* The header last, once the sums are known. */
	h.level_sum = FNV_START;
	for (i = 0; i < BADINPUT_LEVELS; i++) {
		len = badinput_level(i, buf);
		h.level_sum = badinput_sum(h.level_sum, buf, len);
	}
	put(f, &h, sizeof(h));
	for (i = 0; i < c.n; i++) {
		u32 fl = 0;

		if (valid_sd(c.data[i], c.lens[i]))
			fl |= BADINPUT_VALID;
		if (valid_sd(c.data[i], c.lens[i] < BADINPUT_PAGE ?
					c.lens[i] : BADINPUT_PAGE))
			fl |= BADINPUT_PAGE_VALID;
		put32(f, c.lens[i]);
		put32(f, fl);
		put(f, c.data[i], c.lens[i]);
	}
	put(f, bits, BADINPUT_SWEEP_MAX / 8 + 1);
	put(f, flags, BADINPUT_MUTANTS);
	for (i = 0; i < BADINPUT_LEVELS; i++) {
		u32 fl = 0, rid = 0, page_rid;

		len = badinput_level(i, buf);
		if (!winsec_level_parse((const char *)buf, len, &rid)) {
			fl |= BADINPUT_VALID;
			valid_levels++;
		}
		if (!winsec_level_parse((const char *)buf,
					len < BADINPUT_PAGE ? len : BADINPUT_PAGE,
					&page_rid))
			fl |= BADINPUT_PAGE_VALID;
		put32(f, fl);
		put32(f, rid);
	}
	if (fclose(f))
		die("cannot write %s", argv[2]);

	printf("badinput_gen: %u corpus entries; sweep: %u of %u lengths valid",
	       c.n, valid, BADINPUT_SWEEP_MAX + 1);
	for (i = 0; i < BADINPUT_KINDS; i++)
		printf(", %u %s", kind_valid[i], badinput_kind_name[i]);
	printf("; %u of %u mutants valid; %u of %u level texts valid\n",
	       valid_mutants, BADINPUT_MUTANTS, valid_levels, BADINPUT_LEVELS);
	return 0;
}
