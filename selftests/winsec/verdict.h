/* SPDX-License-Identifier: GPL-2.0 */
/*
 * winsec selftests - what the badinput tests share: the verdicts of
 * badinput.dat on their inputs, counting and reporting outcomes, reading
 * the small files of securityfs.
 *
 * The badinput tests (badinput_xattr_test, badinput_attr_test,
 * badinput_sfs_test) feed bad input to every entry point of the kernel and
 * check that an invalid input gets the documented errno and changes
 * nothing, and that a valid one is taken and reads back as given. Whether
 * a descriptor or a level text is valid is never decided by the tests:
 * badinput.dat, installed next to them, holds the verdicts of the
 * userspace build of the validator and of the level parser on every input
 * (tools/testing/winsec/badinput/; both sides make the inputs with
 * badinput.h). The tests run as root at System with every capability, to
 * which winsec grants every valid change of the objects they use: a valid
 * input must be taken. When a taken descriptor denies root reading it back
 * (or removing its object), that one step runs with enforcement off.
 */

#ifndef _SELFTESTS_WINSEC_VERDICT_H
#define _SELFTESTS_WINSEC_VERDICT_H

#include "sysv.h"

#include <limits.h>
#include <time.h>

#include "badinput.h"

#define SFS			"/sys/kernel/security/winsec"
#define ENFORCE_FILE		SFS "/enforce"
#define STATS_FILE		SFS "/stats"
#define PAGE			BADINPUT_PAGE

/* Mismatches printed in full; the rest are only counted. */
#define SHOW_MAX		10

/* The descriptor every file and object starts from: root may change it. */
#define BASE_SD			"O:SYG:SYD:(A;;GA;;;WD)"

/* --- badinput.dat ---------------------------------------------------------- */

struct bdata {
	struct badinput_header h;
	__u8 *raw;
	const __u8 **corpus;
	__u32 *corpus_len;
	__u32 *corpus_flags;
	const __u8 *sweep_bits;
	const __u8 *mutant_flags;
	const __u8 *levels;	/* flags and RID, 8 bytes each */
};

/* badinput.dat next to the test binary, or $WINSEC_BADINPUT_DATA. */
static inline bool data_path(char *path, size_t size)
{
	const char *env = getenv("WINSEC_BADINPUT_DATA");
	char exe[PATH_MAX];
	ssize_t n;
	char *slash;

	if (env) {
		snprintf(path, size, "%s", env);
		return true;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	return snprintf(path, size, "%s/" BADINPUT_FILE, exe) < (int)size;
}

static inline size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* Read and index badinput.dat; false (with a log line) when unusable. */
static inline bool load_data(struct __test_metadata *const _metadata,
			     struct bdata *d)
{
	char path[PATH_MAX];
	struct stat st;
	size_t off, need;
	unsigned int i;
	int fd;

	memset(d, 0, sizeof(*d));
	if (!data_path(path, sizeof(path)))
		return false;
	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st)) {
		TH_LOG("%s: %s (make guest puts it next to the test)", path,
		       strerror(errno));
		return false;
	}
	d->raw = malloc(st.st_size);
	if (!d->raw || read(fd, d->raw, st.st_size) != st.st_size ||
	    st.st_size < (off_t)sizeof(d->h)) {
		close(fd);
		TH_LOG("%s: cannot read it", path);
		return false;
	}
	close(fd);
	memcpy(&d->h, d->raw, sizeof(d->h));
	if (memcmp(d->h.magic, BADINPUT_MAGIC, 8) ||
	    d->h.nmutants != BADINPUT_MUTANTS ||
	    d->h.nlevels != BADINPUT_LEVELS ||
	    d->h.sweep_max != BADINPUT_SWEEP_MAX || !d->h.ncorpus) {
		TH_LOG("%s was not made for this test", path);
		return false;
	}
	d->corpus = calloc(d->h.ncorpus, sizeof(*d->corpus));
	d->corpus_len = calloc(d->h.ncorpus, sizeof(*d->corpus_len));
	d->corpus_flags = calloc(d->h.ncorpus, sizeof(*d->corpus_flags));
	if (!d->corpus || !d->corpus_len || !d->corpus_flags)
		return false;
	off = sizeof(d->h);
	for (i = 0; i < d->h.ncorpus; i++) {
		if (off + 8 > (size_t)st.st_size)
			goto short_file;
		d->corpus_len[i] = get32(d->raw + off);
		d->corpus_flags[i] = get32(d->raw + off + 4);
		d->corpus[i] = d->raw + off + 8;
		off += 8 + pad4(d->corpus_len[i]);
	}
	d->sweep_bits = d->raw + off;
	off += pad4(BADINPUT_SWEEP_MAX / 8 + 1);
	d->mutant_flags = d->raw + off;
	off += pad4(BADINPUT_MUTANTS);
	d->levels = d->raw + off;
	need = off + 8 * BADINPUT_LEVELS;
	if (need == (size_t)st.st_size)
		return true;
short_file:
	TH_LOG("%s: wrong size", path);
	return false;
}

static inline bool sweep_valid(const struct bdata *d, size_t len)
{
	return d->sweep_bits[len / 8] & (1 << (len % 8));
}

/* The four sweep buffers; their sum must be the generator's. */
static inline bool make_sweep(struct __test_metadata *const _metadata,
			      const struct bdata *d, __u8 *buf[BADINPUT_KINDS])
{
	__u32 sum = 2166136261u;
	unsigned int i;

	for (i = 0; i < BADINPUT_KINDS; i++) {
		buf[i] = malloc(BADINPUT_SWEEP_MAX);
		if (!buf[i])
			return false;
	}
	badinput_make_sweep(buf);
	for (i = 0; i < BADINPUT_KINDS; i++)
		sum = badinput_sum(sum, buf[i], BADINPUT_SWEEP_MAX);
	if (sum != d->h.sweep_sum)
		TH_LOG("the sweep differs from the one badinput.dat judged");
	return sum == d->h.sweep_sum;
}

/* An input and its verdict. */
struct input {
	const __u8 *b;
	size_t len;
	bool valid;
	bool page_valid;	/* its first page is (proc takes one page) */
	char what[48];
};

/*
 * Input @i of the corpus followed by the mutants (@mut holds
 * BADINPUT_MUTANT_MAX bytes for them).
 */
static inline void corpus_or_mutant(const struct bdata *d, unsigned int i,
				    __u8 *mut, struct input *in)
{
	if (i < d->h.ncorpus) {
		in->b = d->corpus[i];
		in->len = d->corpus_len[i];
		in->valid = d->corpus_flags[i] & BADINPUT_VALID;
		in->page_valid = d->corpus_flags[i] & BADINPUT_PAGE_VALID;
		snprintf(in->what, sizeof(in->what), "corpus entry %u", i);
		return;
	}
	i -= d->h.ncorpus;
	in->b = mut;
	in->len = badinput_mutant(i, d->corpus, d->corpus_len, d->h.ncorpus,
				  mut);
	in->valid = d->mutant_flags[i] & BADINPUT_VALID;
	in->page_valid = in->valid;
	snprintf(in->what, sizeof(in->what), "mutant %u", i);
}

/* The sum of every mutant, against the generator's. */
static inline bool mutants_match(struct __test_metadata *const _metadata,
				 const struct bdata *d)
{
	__u8 mut[BADINPUT_MUTANT_MAX];
	__u32 sum = 2166136261u;
	unsigned int i;
	size_t len;

	for (i = 0; i < BADINPUT_MUTANTS; i++) {
		len = badinput_mutant(i, d->corpus, d->corpus_len,
				      d->h.ncorpus, mut);
		sum = badinput_sum(sum, mut, len);
	}
	if (sum != d->h.mutant_sum)
		TH_LOG("the mutants differ from the ones badinput.dat judged");
	return sum == d->h.mutant_sum;
}

/* --- counting and reporting outcomes ------------------------------------- */

struct tally {
	unsigned int inputs, taken, refused, fs_refused, unenforced, bad;
};

/*
 * One outcome that is not the expected one: the answer @got instead of
 * @want, or (both 0) a state that is not the expected one.
 */
static inline void mismatch(struct __test_metadata *const _metadata,
			    struct tally *t, const char *where,
			    const char *what, size_t len, const char *problem,
			    int want, int got)
{
	if (t->bad++ >= SHOW_MAX)
		return;
	if (want == got)
		TH_LOG("%s: %s (%zu bytes): %s", where, what, len, problem);
	else
		TH_LOG("%s: %s (%zu bytes): %s: expected %s, got %s", where,
		       what, len, problem, want ? strerror(want) : "success",
		       got ? strerror(got) : "success");
}

/* When the test started (its setup). */
static struct timespec started;

static inline void mark_start(void)
{
	clock_gettime(CLOCK_MONOTONIC, &started);
}

static inline void report(struct __test_metadata *const _metadata,
			  const char *where, const struct tally *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	TH_LOG("%s: %u inputs, %u taken, %u refused by winsec, %u by the file system",
	       where, t->inputs, t->taken, t->refused, t->fs_refused);
	TH_LOG("%s: %u wrong; %u steps with enforcement off; %.1f s", where,
	       t->bad, t->unenforced, (now.tv_sec - started.tv_sec) +
	       (now.tv_nsec - started.tv_nsec) / 1e9);
}

/* --- small files of securityfs ---------------------------------------------- */

/* The text of a small file, "" when unreadable. */
static inline void read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, size - 1);

	buf[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
}

static inline bool enforcing(void)
{
	char text[8];

	read_text(ENFORCE_FILE, text, sizeof(text));
	return !strcmp(text, "1\n");
}

/* A counter of the stats file. */
static inline unsigned long long stat_counter(const char *name)
{
	char text[512], *p;

	read_text(STATS_FILE, text, sizeof(text));
	p = strstr(text, name);
	return p ? strtoull(p + strlen(name) + 1, NULL, 10) : 0;
}

#endif /* _SELFTESTS_WINSEC_VERDICT_H */
