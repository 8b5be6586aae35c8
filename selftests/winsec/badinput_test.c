// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - bad input at the kernel's entry points: an invalid
 * input gets the documented errno and changes nothing, a valid one is
 * taken and reads back as given
 *
 *   security.winsec  the validator's fuzz corpus, mutants of it and an
 *                    input of every length from 0 to 64 KiB + 1, through
 *                    setxattr(2) on tmpfs and on ext4
 *   fscreate         the corpus and the mutants, through
 *                    lsm_set_self_attr(LSM_ATTR_FSCREATE) and
 *                    /proc/self/attr/fscreate
 *   current          level texts, through lsm_set_self_attr(LSM_ATTR_CURRENT)
 *                    and /proc/self/attr/current; random bytes to the other
 *                    attributes, and lsm_ctx headers of every shape
 *   securityfs       random requests and bytes to enforce, ipc/get and
 *                    ipc/set (the corpus and the mutants too), and to the
 *                    files without a write method
 *
 * Whether a descriptor or a level text is valid is never decided here:
 * badinput.dat, next to the test, holds the verdicts of the userspace build
 * of the validator and of the level parser on every input
 * (tools/testing/winsec/badinput/, inputs made by badinput.h on both
 * sides). The request lines of securityfs are judged by their documented
 * grammar. The test runs as root at System with every capability, to
 * which winsec grants every valid change of these objects: a valid input
 * must be taken. When a taken descriptor denies root the reading back (or
 * the removal of its file), that one step runs with enforcement off.
 */

#include "sysv.h"

#include <dirent.h>
#include <limits.h>
#include <sys/statfs.h>
#include <time.h>

#include "badinput.h"

#define EXT4			"/mnt/ext4"
#define EXT4_MAGIC		0xef53
/* ext4 stores at least this much; a larger valid value may not fit. */
#define EXT4_SURE		512
/* The ext4 sweep: every length up to here, then every 61st. */
#define EXT4_SWEEP_ALL		8193
#define EXT4_SWEEP_STRIDE	61

#define SFS			"/sys/kernel/security/winsec"
#define ENFORCE_FILE		SFS "/enforce"
#define STATS_FILE		SFS "/stats"
#define TOOL			"/usr/bin/winsec"
#define PAGE			BADINPUT_PAGE

/* Mismatches printed in full; the rest are only counted. */
#define SHOW_MAX		10

/* The descriptor every file and object starts from: root may change it. */
#define BASE_SD			"O:SYG:SYD:(A;;GA;;;WD)"

/* --- badinput.dat ---------------------------------------------------------- */

struct bdata {
	struct badinput_header h;
	uint8_t *raw;
	const uint8_t **corpus;
	uint32_t *corpus_len;
	uint32_t *corpus_flags;
	const uint8_t *sweep_bits;
	const uint8_t *mutant_flags;
	const uint8_t *levels;	/* flags and RID, 8 bytes each */
};

/* badinput.dat next to the test binary, or $WINSEC_BADINPUT_DATA. */
static bool data_path(char *path, size_t size)
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

static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* Read and index badinput.dat; false (with a log line) when unusable. */
static bool load_data(struct __test_metadata *const _metadata,
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

#define LOAD_DATA(_d)							\
	ASSERT_TRUE(load_data(_metadata, _d)) {				\
		TH_LOG("no verdicts to test against");			\
	}

static bool sweep_valid(const struct bdata *d, size_t len)
{
	return d->sweep_bits[len / 8] & (1 << (len % 8));
}

/* The four sweep buffers; their sum must be the generator's. */
static bool make_sweep(struct __test_metadata *const _metadata,
		       const struct bdata *d, uint8_t *buf[BADINPUT_KINDS])
{
	uint32_t sum = 2166136261u;
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
	const uint8_t *b;
	size_t len;
	bool valid;
	bool page_valid;	/* its first page is (proc takes one page) */
	char what[48];
};

/*
 * Input @i of the corpus followed by the mutants (@mut holds
 * BADINPUT_MUTANT_MAX bytes for them).
 */
static void corpus_or_mutant(const struct bdata *d, unsigned int i,
			     uint8_t *mut, struct input *in)
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
static bool mutants_match(struct __test_metadata *const _metadata,
			  const struct bdata *d)
{
	uint8_t mut[BADINPUT_MUTANT_MAX];
	uint32_t sum = 2166136261u;
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

/* One outcome that is not the expected one. */
static void mismatch(struct __test_metadata *const _metadata, struct tally *t,
		     const char *where, const char *what, size_t len,
		     const char *problem, int want, int got)
{
	if (t->bad++ < SHOW_MAX)
		TH_LOG("%s: %s (%zu bytes): %s: expected %s, got %s", where,
		       what, len, problem, want ? strerror(want) : "success",
		       got ? strerror(got) : "success");
}

/* When the test started (its setup). */
static struct timespec started;

static void mark_start(void)
{
	clock_gettime(CLOCK_MONOTONIC, &started);
}

static void report(struct __test_metadata *const _metadata,
		   const char *where, const struct tally *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	TH_LOG("%s: %u inputs, %u taken, %u refused by winsec, %u by the file system, %u read back or cleaned up with enforcement off, %u wrong, %.1f s",
	       where, t->inputs, t->taken, t->refused, t->fs_refused,
	       t->unenforced, t->bad, (now.tv_sec - started.tv_sec) +
	       (now.tv_nsec - started.tv_nsec) / 1e9);
}

/* --- enforcement off for one step ------------------------------------------ */

/* The text of a small file, "" when unreadable. */
static void read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, size - 1);

	buf[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
}

static bool enforcing(void)
{
	char text[8];

	read_text(ENFORCE_FILE, text, sizeof(text));
	return !strcmp(text, "1\n");
}

/* --- security.winsec on a file ----------------------------------------------- */

/*
 * The file under test and the descriptor it must hold. A file whose
 * descriptor was replaced by an input is removed and a new one made with
 * BASE_SD, which lets root replace it again.
 */
struct xfile {
	char dir[PATH_MAX];
	char path[PATH_MAX + 16];
	unsigned int serial;
	bool ext4;
	uint8_t *cur;
	size_t cur_len;
	uint8_t *rd;
	struct tally t;
};

static int get_value(const char *path, uint8_t *buf, size_t size,
		     ssize_t *len)
{
	*len = getxattr(path, WINSEC_XATTR_NAME, buf, size);
	return *len < 0 ? errno : 0;
}

/*
 * Whether @path holds @want (@len bytes). A descriptor that denies root
 * READ_CONTROL is read with enforcement off.
 */
static bool holds(struct xfile *f, const uint8_t *want, size_t len)
{
	ssize_t n;
	int rc;

	rc = get_value(f->path, f->rd, WINSEC_SD_MAX_SIZE + 1, &n);
	if (rc == EACCES || rc == EPERM) {
		set_enforce("0");
		rc = get_value(f->path, f->rd, WINSEC_SD_MAX_SIZE + 1, &n);
		set_enforce("1");
		f->t.unenforced++;
	}
	return !rc && (size_t)n == len && !memcmp(f->rd, want, len);
}

static bool new_file(struct __test_metadata *const _metadata, struct xfile *f)
{
	struct sdbuf base;
	int fd;

	if (f->serial && unlink(f->path)) {
		set_enforce("0");
		fd = unlink(f->path);
		set_enforce("1");
		f->t.unenforced++;
		if (fd) {
			TH_LOG("cannot remove %s: %s", f->path, strerror(errno));
			return false;
		}
	}
	snprintf(f->path, sizeof(f->path), "%s/f%u", f->dir, ++f->serial);
	fd = open(f->path, O_CREAT | O_EXCL | O_WRONLY, 0666);
	if (fd < 0)
		return false;
	close(fd);
	if (!sddl_encode(BASE_SD, &base) ||
	    setxattr(f->path, WINSEC_XATTR_NAME, base.b, base.len, 0)) {
		TH_LOG("cannot label %s: %s", f->path, strerror(errno));
		return false;
	}
	memcpy(f->cur, base.b, base.len);
	f->cur_len = base.len;
	return true;
}

static bool open_files(struct __test_metadata *const _metadata,
		       struct xfile *f, bool ext4)
{
	memset(f, 0, sizeof(*f));
	f->ext4 = ext4;
	f->cur = malloc(WINSEC_SD_MAX_SIZE);
	f->rd = malloc(WINSEC_SD_MAX_SIZE + 1);
	if (!f->cur || !f->rd)
		return false;
	if (ext4) {
		snprintf(f->dir, sizeof(f->dir), EXT4 "/badinput.%d", getpid());
		if (mkdir(f->dir, 0755))
			return false;
	} else {
		snprintf(f->dir, sizeof(f->dir), TMP);
	}
	return new_file(_metadata, f);
}

/* Remove the ext4 directory, whatever its files' descriptors say. */
static void close_files(struct xfile *f)
{
	char path[PATH_MAX + 16];
	unsigned int i;

	if (!f->ext4)
		return;
	set_enforce("0");
	for (i = 1; i <= f->serial; i++) {
		snprintf(path, sizeof(path), "%s/f%u", f->dir, i);
		unlink(path);
	}
	rmdir(f->dir);
	set_enforce("1");
}

/*
 * setxattr of one input on the file under test: EINVAL for an invalid
 * descriptor, E2BIG beyond the VFS limit, success for a valid one (ext4
 * may lack the room for a large one: ENOSPC or E2BIG). Then the file holds
 * exactly the input, or what it held before.
 */
static void try_xattr(struct __test_metadata *const _metadata,
		      struct xfile *f, const struct input *in)
{
	const char *where = f->ext4 ? "setxattr on ext4" : "setxattr on tmpfs";
	int want, rc;

	f->t.inputs++;
	rc = setxattr(f->path, WINSEC_XATTR_NAME, in->b, in->len, 0) ? errno : 0;
	if (in->len > WINSEC_SD_MAX_SIZE)
		want = E2BIG;
	else
		want = in->valid ? 0 : EINVAL;
	if (f->ext4 && !want && in->len > EXT4_SURE &&
	    (rc == ENOSPC || rc == E2BIG)) {
		want = rc;
		f->t.fs_refused++;
	} else if (rc) {
		f->t.refused++;
	}
	if (rc != want) {
		mismatch(_metadata, &f->t, where, in->what, in->len,
			 in->valid ? "a valid descriptor" : "an invalid descriptor",
			 want, rc);
	}
	if (!rc) {
		f->t.taken++;
		if (!holds(f, in->b, in->len))
			mismatch(_metadata, &f->t, where, in->what, in->len,
				 "taken, but reads back otherwise", 0, 0);
		ASSERT_TRUE(new_file(_metadata, f));
		return;
	}
	if (!holds(f, f->cur, f->cur_len))
		mismatch(_metadata, &f->t, where, in->what, in->len,
			 "refused, but the stored descriptor changed", rc, rc);
}

/* The counter of descriptor reads from a file system. */
static unsigned long long stat_counter(const char *name)
{
	char text[512], *p;

	read_text(STATS_FILE, text, sizeof(text));
	p = strstr(text, name);
	return p ? strtoull(p + strlen(name) + 1, NULL, 10) : 0;
}

/*
 * On ext4, drop the cached inodes and read the file's descriptor again,
 * from the disk this time: what a refused write left there too.
 */
static void check_disk(struct __test_metadata *const _metadata,
		       struct xfile *f)
{
	unsigned long long loads = stat_counter("cache_loads");
	int fd;

	if (!f->ext4)
		return;
	sync();
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(1, write(fd, "2", 1));
	close(fd);
	EXPECT_TRUE(holds(f, f->cur, f->cur_len)) {
		TH_LOG("%s: the descriptor on disk is not the last one taken",
		       f->path);
	}
	EXPECT_LT(loads, stat_counter("cache_loads")) {
		TH_LOG("the descriptor was not read from the disk again");
	}
}

FIXTURE(xattr_fs) {
	struct bdata d;
	struct xfile f;
};

FIXTURE_VARIANT(xattr_fs) {
	bool ext4;
};

FIXTURE_VARIANT_ADD(xattr_fs, tmpfs) {
	.ext4 = false,
};

FIXTURE_VARIANT_ADD(xattr_fs, ext4) {
	.ext4 = true,
};

FIXTURE_SETUP(xattr_fs)
{
	struct statfs sfs;

	mark_start();
	prepare_tmpfs(_metadata);
	if (variant->ext4 &&
	    (statfs(EXT4, &sfs) || sfs.f_type != EXT4_MAGIC))
		SKIP(return, "no ext4 file system on " EXT4);
	LOAD_DATA(&self->d);
	ASSERT_TRUE(enforcing());
	ASSERT_TRUE(open_files(_metadata, &self->f, variant->ext4));
}

FIXTURE_TEARDOWN(xattr_fs)
{
	close_files(&self->f);
}

/* Every corpus entry and every mutant. */
TEST_F_TIMEOUT(xattr_fs, corpus_and_mutants, 240)
{
	uint8_t mut[BADINPUT_MUTANT_MAX];
	struct input in;
	unsigned int i, valid = 0;

	ASSERT_TRUE(mutants_match(_metadata, &self->d));
	for (i = 0; i < self->d.h.ncorpus + BADINPUT_MUTANTS; i++) {
		corpus_or_mutant(&self->d, i, mut, &in);
		valid += in.valid;
		try_xattr(_metadata, &self->f, &in);
	}
	check_disk(_metadata, &self->f);
	report(_metadata, "corpus and mutants", &self->f.t);
	EXPECT_EQ(0, self->f.t.bad);
	/* Both kinds were there, and the valid ones were taken or too big. */
	EXPECT_LT(0, valid);
	EXPECT_LT(0, self->f.t.refused);
	EXPECT_EQ(valid, self->f.t.taken + self->f.t.fs_refused);
}

/*
 * An input of every length from 0 to 64 KiB + 1 (on ext4: up to 8 KiB,
 * then every 61st), a prefix of the sweep buffer its length chooses.
 */
TEST_F_TIMEOUT(xattr_fs, every_length, 280)
{
	uint8_t *buf[BADINPUT_KINDS];
	unsigned int valid = 0;
	struct input in;
	size_t len;

	ASSERT_TRUE(make_sweep(_metadata, &self->d, buf));
	for (len = 0; len <= BADINPUT_SWEEP_MAX; len++) {
		enum badinput_kind k = badinput_sweep_kind(len);

		if (self->f.ext4 && len > EXT4_SWEEP_ALL &&
		    len % EXT4_SWEEP_STRIDE)
			continue;
		in.b = buf[k];
		in.len = len;
		in.valid = len < BADINPUT_SWEEP_MAX && sweep_valid(&self->d, len);
		snprintf(in.what, sizeof(in.what), "%s", badinput_kind_name[k]);
		valid += in.valid;
		try_xattr(_metadata, &self->f, &in);
	}
	check_disk(_metadata, &self->f);
	report(_metadata, "every length", &self->f.t);
	EXPECT_EQ(0, self->f.t.bad);
	EXPECT_LT(0, valid);
	EXPECT_EQ(valid, self->f.t.taken + self->f.t.fs_refused);
}

/* --- the task's attributes ------------------------------------------------- */

/*
 * Whether winsec answers /proc/self/attr/current and fscreate: the first
 * LSM of the order that implements them does, and winsec comes after
 * SELinux, Smack and AppArmor.
 */
static bool proc_is_winsec(void)
{
	static const char *const others[] = { "selinux", "smack", "apparmor" };
	char lsms[512], *tok, *save;
	unsigned int i;

	read_text("/sys/kernel/security/lsm", lsms, sizeof(lsms));
	for (tok = strtok_r(lsms, ",\n", &save); tok;
	     tok = strtok_r(NULL, ",\n", &save)) {
		if (!strcmp(tok, "winsec"))
			return true;
		for (i = 0; i < ARRAY_SIZE(others); i++)
			if (!strcmp(tok, others[i]))
				return false;
	}
	return false;
}

/* lsm_set_self_attr with a winsec lsm_ctx: 0 or the errno. */
static int set_self(unsigned int attr, const void *val, size_t len,
		    __u64 flags)
{
	size_t size = sizeof(struct test_lsm_ctx) + len;
	struct test_lsm_ctx *ctx = calloc(1, size);
	int rc = 0;

	if (!ctx)
		return ENOMEM;
	ctx->id = LSM_ID_WINSEC;
	ctx->flags = flags;
	ctx->len = size;
	ctx->ctx_len = len;
	memcpy(ctx->ctx, val, len);
	if (syscall(__NR_lsm_set_self_attr, attr, ctx, (__u32)size, 0))
		rc = errno;
	free(ctx);
	return rc;
}

/* lsm_get_self_attr: the value in @buf (8 KiB), its length or -errno. */
static long get_self(unsigned int attr, uint8_t *buf, __u64 *flags)
{
	__u32 size = 8192;
	struct test_lsm_ctx *ctx = calloc(1, size);
	long n;

	if (!ctx)
		return -ENOMEM;
	ctx->id = LSM_ID_WINSEC;
	n = syscall(__NR_lsm_get_self_attr, attr, ctx, &size, LSM_FLAG_SINGLE);
	if (n < 0) {
		n = -errno;
	} else if (n != 1 || ctx->id != LSM_ID_WINSEC || ctx->ctx_len > 8192) {
		n = -EPROTO;
	} else {
		memcpy(buf, ctx->ctx, ctx->ctx_len);
		if (flags)
			*flags = ctx->flags;
		n = ctx->ctx_len;
	}
	free(ctx);
	return n;
}

/* Write @len bytes at offset 0 of a proc attribute file: 0 or the errno. */
static int proc_write(const char *name, const void *val, size_t len,
		      ssize_t *written)
{
	char path[64];
	int fd, rc = 0;

	snprintf(path, sizeof(path), "/proc/self/attr/%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return errno;
	*written = pwrite(fd, val, len, 0);
	if (*written < 0)
		rc = errno;
	close(fd);
	return rc;
}

/* A proc attribute file: its length, or -errno. */
static long proc_read(const char *name, uint8_t *buf, size_t size)
{
	char path[64];
	long n;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/attr/%s", name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size);
	if (n < 0)
		n = -errno;
	close(fd);
	return n;
}

/* The output of "winsec whoami", in @out. */
static bool whoami(char *out, size_t size)
{
	FILE *p = popen(TOOL " whoami 2>&1", "r");
	size_t n;

	if (!p)
		return false;
	n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	return pclose(p) == 0 && n > 0;
}

/*
 * What the task shows of itself: its level (both interfaces), its creator
 * descriptor with its flags (both), and the tool's view of its token.
 */
struct self_view {
	char level[64];
	char proc_level[64];
	uint8_t fscreate[8192];
	long fscreate_len;
	__u64 fscreate_flags;
	uint8_t proc_fscreate[8192];
	long proc_fscreate_len;
	char whoami[8192];
};

static void view_self(struct self_view *v, bool proc, bool tool)
{
	long n;

	memset(v, 0, sizeof(*v));
	n = get_self(LSM_ATTR_CURRENT, (uint8_t *)v->level, NULL);
	v->level[n > 0 && n < (long)sizeof(v->level) ? n : 0] = '\0';
	v->fscreate_len = get_self(LSM_ATTR_FSCREATE, v->fscreate,
				   &v->fscreate_flags);
	if (proc) {
		n = proc_read("current", (uint8_t *)v->proc_level,
			      sizeof(v->proc_level) - 1);
		v->proc_level[n > 0 ? n : 0] = '\0';
		v->proc_fscreate_len = proc_read("fscreate", v->proc_fscreate,
						 sizeof(v->proc_fscreate));
	}
	if (tool && !whoami(v->whoami, sizeof(v->whoami)))
		strcpy(v->whoami, "(winsec whoami failed)");
}

static bool same_view(const struct self_view *a, const struct self_view *b)
{
	return !strcmp(a->level, b->level) &&
	       !strcmp(a->proc_level, b->proc_level) &&
	       a->fscreate_len == b->fscreate_len &&
	       a->fscreate_flags == b->fscreate_flags &&
	       (a->fscreate_len <= 0 ||
		!memcmp(a->fscreate, b->fscreate, a->fscreate_len)) &&
	       a->proc_fscreate_len == b->proc_fscreate_len &&
	       (a->proc_fscreate_len <= 0 ||
		!memcmp(a->proc_fscreate, b->proc_fscreate,
			a->proc_fscreate_len)) &&
	       !strcmp(a->whoami, b->whoami);
}

/* --- the creator descriptor ----------------------------------------------- */

FIXTURE(fscreate) {
	struct bdata d;
	bool proc;
};

FIXTURE_VARIANT(fscreate) {
	bool proc;	/* /proc/self/attr/fscreate, else the system call */
};

FIXTURE_VARIANT_ADD(fscreate, lsm_set_self_attr) {
	.proc = false,
};

FIXTURE_VARIANT_ADD(fscreate, proc_attr) {
	.proc = true,
};

FIXTURE_SETUP(fscreate)
{
	mark_start();
	if (!winsec_active())
		SKIP(return, "winsec is not active");
	self->proc = proc_is_winsec();
	if (variant->proc && !self->proc)
		SKIP(return, "an LSM before winsec answers /proc/self/attr");
	LOAD_DATA(&self->d);
}

FIXTURE_TEARDOWN(fscreate)
{
}

/*
 * Every corpus entry and mutant, and a few lengths of their own, as the
 * creator descriptor. An empty value, or a single NUL or newline, clears
 * it; the system call takes at most a page with its header (E2BIG), proc
 * the first page of a write. Some of the system calls carry random flags:
 * any flag but WINSEC_FSCREATE_KEEP_ON_EXEC is EINVAL.
 */
TEST_F_TIMEOUT(fscreate, corpus_and_mutants, 240)
{
	static const uint8_t odd[][1] = { { 0 }, { '\n' }, { 'x' } };
	const unsigned int nodd = ARRAY_SIZE(odd) + 1;
	uint8_t mut[BADINPUT_MUTANT_MAX], got[8192];
	struct self_view before, now;
	struct badinput_rng r = { 0x66736372 };
	struct tally t = {};
	const char *where = variant->proc ? "/proc/self/attr/fscreate" :
					    "lsm_set_self_attr(FSCREATE)";
	unsigned int i, n = self->d.h.ncorpus + BADINPUT_MUTANTS + nodd;

	ASSERT_TRUE(mutants_match(_metadata, &self->d));
	ASSERT_EQ(0, set_self(LSM_ATTR_FSCREATE, "", 0, 0));
	view_self(&before, self->proc, true);
	ASSERT_EQ(0, before.fscreate_len);
	for (i = 0; i < n; i++) {
		size_t eff, keep_len = before.fscreate_len;
		bool valid, clears;
		__u64 flags = 0;
		struct input in;
		ssize_t written = 0;
		int want, rc;

		if (i < nodd) {
			/* Nothing, NUL, newline: clear; another byte: invalid. */
			in.b = i ? odd[i - 1] : odd[0];
			in.len = i ? 1 : 0;
			in.valid = false;
			in.page_valid = false;
			snprintf(in.what, sizeof(in.what), "%zu-byte value",
				 in.len);
		} else {
			corpus_or_mutant(&self->d, i - nodd, mut, &in);
		}
		eff = in.len;
		valid = in.valid;
		if (variant->proc && eff > PAGE) {
			eff = PAGE;
			valid = in.page_valid;
		}
		clears = !eff || (eff == 1 && (in.b[0] == 0 || in.b[0] == '\n'));
		if (!variant->proc && badinput_below(&r, 8) == 0)
			flags = badinput_below(&r, 2) ?
				WINSEC_FSCREATE_KEEP_ON_EXEC : badinput_next(&r);

		if (variant->proc) {
			rc = proc_write("fscreate", in.b, in.len, &written);
			want = clears || valid ? 0 : EINVAL;
		} else {
			rc = set_self(LSM_ATTR_FSCREATE, in.b, in.len, flags);
			if (flags & ~(__u64)WINSEC_FSCREATE_VALID_FLAGS)
				want = EINVAL;
			else if (sizeof(struct test_lsm_ctx) + in.len > PAGE)
				want = E2BIG;
			else
				want = clears || valid ? 0 : EINVAL;
		}
		t.inputs++;
		if (rc != want)
			mismatch(_metadata, &t, where, in.what, in.len,
				 valid ? "a valid descriptor" : "an invalid one",
				 want, rc);
		if (!rc && variant->proc && (size_t)written != eff)
			mismatch(_metadata, &t, where, in.what, in.len,
				 "a write of the wrong length", 0, 0);
		view_self(&now, self->proc, false);
		if (rc) {
			t.refused++;
			strcpy(now.whoami, before.whoami);
			if (!same_view(&before, &now))
				mismatch(_metadata, &t, where, in.what, in.len,
					 "refused, but the task changed", want, rc);
			continue;
		}
		t.taken++;
		/* The value as given, flags included, through both ways. */
		keep_len = clears ? 0 : eff;
		if (now.fscreate_len != (long)keep_len ||
		    memcmp(now.fscreate, in.b, keep_len) ||
		    now.fscreate_flags != (clears ? 0 : flags) ||
		    (self->proc && (now.proc_fscreate_len != (long)keep_len ||
				    memcmp(now.proc_fscreate, in.b, keep_len))) ||
		    strcmp(now.level, before.level))
			mismatch(_metadata, &t, where, in.what, in.len,
				 "taken, but reads back otherwise", 0, 0);
		/* Back to none, the state every refusal is compared with. */
		ASSERT_EQ(0, set_self(LSM_ATTR_FSCREATE, "", 0, 0));
	}
	ASSERT_EQ(0, get_self(LSM_ATTR_FSCREATE, got, NULL));
	view_self(&now, self->proc, true);
	EXPECT_TRUE(same_view(&before, &now)) {
		TH_LOG("the task is not what it was: %s / %s", before.whoami,
		       now.whoami);
	}
	report(_metadata, where, &t);
	EXPECT_EQ(0, t.bad);
	EXPECT_LT(0, t.taken);
	EXPECT_LT(0, t.refused);
}

/* --- the level --------------------------------------------------------------- */

/* The text winsec gives for the level @rid. */
static void level_text(__u32 rid, char *buf, size_t size)
{
	static const struct {
		__u32 rid;
		const char *name;
	} names[] = {
		{ WINSEC_LEVEL_UNTRUSTED, "untrusted" },
		{ WINSEC_LEVEL_LOW, "low" },
		{ WINSEC_LEVEL_MEDIUM, "medium" },
		{ WINSEC_LEVEL_MEDIUM_PLUS, "medium-plus" },
		{ WINSEC_LEVEL_HIGH, "high" },
		{ WINSEC_LEVEL_SYSTEM, "system" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (names[i].rid == rid) {
			snprintf(buf, size, "%s", names[i].name);
			return;
		}
	}
	snprintf(buf, size, "S-1-16-%u", rid);
}

struct level_set {
	const uint8_t *text;
	size_t len;
	bool proc;
	__u32 rid;
};

/*
 * Set the level in a child (a level below Medium is for good) and read it
 * back: 0, the errno of the write, or WRONG_RESULT.
 */
static int set_level_child(const void *p)
{
	const struct level_set *a = p;
	char want[64], got[64];
	ssize_t written;
	int rc;

	if (a->proc)
		rc = proc_write("current", a->text, a->len, &written);
	else
		rc = set_self(LSM_ATTR_CURRENT, a->text, a->len, 0);
	if (rc)
		return rc;
	level_text(a->rid, want, sizeof(want));
	get_level(got, sizeof(got));
	return strcmp(want, got) ? WRONG_RESULT : 0;
}

FIXTURE(level) {
	struct bdata d;
	bool proc;
};

FIXTURE_VARIANT(level) {
	bool proc;	/* /proc/self/attr/current, else the system call */
};

FIXTURE_VARIANT_ADD(level, lsm_set_self_attr) {
	.proc = false,
};

FIXTURE_VARIANT_ADD(level, proc_attr) {
	.proc = true,
};

FIXTURE_SETUP(level)
{
	mark_start();
	if (!winsec_active())
		SKIP(return, "winsec is not active");
	self->proc = proc_is_winsec();
	if (variant->proc && !self->proc)
		SKIP(return, "an LSM before winsec answers /proc/self/attr");
	LOAD_DATA(&self->d);
	ASSERT_EQ(WINSEC_LEVEL_SYSTEM, level_rid());
}

FIXTURE_TEARDOWN(level)
{
}

/*
 * Every level text: a valid one sets the level it names (one below Medium
 * in a child, since a task does not come back up from there; the others in
 * the test, which then returns to System), an invalid one is EINVAL and
 * changes nothing. The system call takes a page with its header (E2BIG),
 * proc the first page of a write.
 */
TEST_F_TIMEOUT(level, every_text, 240)
{
	const char *where = variant->proc ? "/proc/self/attr/current" :
					    "lsm_set_self_attr(CURRENT)";
	uint8_t text[BADINPUT_LEVEL_MAX];
	struct self_view before, now;
	uint32_t sum = 2166136261u;
	struct tally t = {};
	unsigned int i, children = 0;

	for (i = 0; i < BADINPUT_LEVELS; i++)
		sum = badinput_sum(sum, text, badinput_level(i, text));
	ASSERT_EQ(self->d.h.level_sum, sum);
	view_self(&before, self->proc, true);
	ASSERT_STREQ("system", before.level);
	for (i = 0; i < BADINPUT_LEVELS; i++) {
		const uint8_t *v = self->d.levels + 8 * i;
		struct level_set a = { .text = text, .proc = variant->proc };
		bool valid = get32(v) & BADINPUT_VALID;
		char what[32], want_text[64];
		size_t eff;
		ssize_t written = 0;
		int want, rc;

		a.len = badinput_level(i, text);
		a.rid = get32(v + 4);
		eff = a.len;
		if (variant->proc && eff > PAGE) {
			eff = PAGE;
			valid = get32(v) & BADINPUT_PAGE_VALID;
		}
		if (!variant->proc &&
		    sizeof(struct test_lsm_ctx) + a.len > PAGE)
			want = E2BIG;
		else
			want = valid ? 0 : EINVAL;
		snprintf(what, sizeof(what), "level text %u", i);
		t.inputs++;

		if (!want && a.rid < WINSEC_LEVEL_MEDIUM) {
			children++;
			rc = run_as(SUBJECT(KEEP_USER, NULL, all_caps()),
				    set_level_child, &a);
			if (rc)
				mismatch(_metadata, &t, where, what, a.len,
					 "a valid level, in a child", 0, rc);
			else
				t.taken++;
			view_self(&now, self->proc, false);
			strcpy(now.whoami, before.whoami);
			if (!same_view(&before, &now))
				mismatch(_metadata, &t, where, what, a.len,
					 "a child's level reached the test", 0, 0);
			continue;
		}
		if (variant->proc)
			rc = proc_write("current", text, a.len, &written);
		else
			rc = set_self(LSM_ATTR_CURRENT, text, a.len, 0);
		if (rc != want)
			mismatch(_metadata, &t, where, what, a.len,
				 valid ? "a valid level" : "an invalid level",
				 want, rc);
		view_self(&now, self->proc, false);
		strcpy(now.whoami, before.whoami);
		if (rc) {
			t.refused++;
			if (!same_view(&before, &now))
				mismatch(_metadata, &t, where, what, a.len,
					 "refused, but the task changed", want, rc);
			continue;
		}
		t.taken++;
		level_text(a.rid, want_text, sizeof(want_text));
		if (strcmp(now.level, want_text) ||
		    (variant->proc && (size_t)written != eff))
			mismatch(_metadata, &t, where, what, a.len,
				 "taken, but reads back otherwise", 0, 0);
		ASSERT_EQ(0, set_level("system"));
	}
	view_self(&now, self->proc, true);
	EXPECT_TRUE(same_view(&before, &now)) {
		TH_LOG("the task is not what it was: %s / %s", before.whoami,
		       now.whoami);
	}
	TH_LOG("%u valid levels below Medium set in children", children);
	report(_metadata, where, &t);
	EXPECT_EQ(0, t.bad);
	EXPECT_LT(0, children);
	EXPECT_LT(children, t.taken);
	EXPECT_LT(0, t.refused);
}

/*
 * The attributes winsec does not have (EOPNOTSUPP through the system call,
 * EINVAL through the other proc files), and lsm_ctx headers of every
 * shape around a valid level, judged by the rules of lsm_set_self_attr(2).
 */
TEST_F_TIMEOUT(level, other_attributes_and_headers, 120)
{
	static const unsigned int attrs[] = {
		LSM_ATTR_UNDEF, LSM_ATTR_EXEC, LSM_ATTR_KEYCREATE,
		LSM_ATTR_PREV, LSM_ATTR_SOCKCREATE, 99, 106, 0xffffffff,
	};
	static const char *const files[] = { "exec", "prev", "keycreate",
					     "sockcreate" };
	struct badinput_rng r = { 0x61747472 };
	struct self_view before, now;
	struct tally t = {};
	uint8_t *buf = malloc(2 * PAGE);
	unsigned int i, k;
	DIR *dir;
	struct dirent *e;

	ASSERT_NE(NULL, buf);
	if (variant->proc) {
		/* Every file of /proc/self/attr is known here. */
		dir = opendir("/proc/self/attr");
		ASSERT_NE(NULL, dir);
		while ((e = readdir(dir))) {
			bool known = e->d_name[0] == '.' ||
				     !strcmp(e->d_name, "current") ||
				     !strcmp(e->d_name, "fscreate");

			for (k = 0; k < ARRAY_SIZE(files); k++)
				known |= !strcmp(e->d_name, files[k]);
			/* The directories of SELinux, Smack and AppArmor. */
			known |= e->d_type == DT_DIR &&
				 strcmp(e->d_name, "winsec");
			EXPECT_TRUE(known) {
				TH_LOG("/proc/self/attr/%s: not covered by this test",
				       e->d_name);
			}
		}
		closedir(dir);
	}
	view_self(&before, self->proc, true);
	for (i = 0; i < 1000; i++) {
		size_t len = badinput_below(&r, 8) ? badinput_below(&r, 64) :
						     badinput_below(&r, 2 * PAGE);
		const char *where;
		ssize_t written;
		int want, rc;

		badinput_fill(&r, buf, len);
		if (variant->proc) {
			where = files[i % ARRAY_SIZE(files)];
			rc = proc_write(where, buf, len, &written);
			want = EINVAL;
		} else {
			k = attrs[i % ARRAY_SIZE(attrs)];
			where = "lsm_set_self_attr(another attribute)";
			rc = set_self(k, buf, len, 0);
			want = sizeof(struct test_lsm_ctx) + len > PAGE ?
			       E2BIG : EOPNOTSUPP;
		}
		t.inputs++;
		t.refused += !!rc;
		if (rc != want)
			mismatch(_metadata, &t, where, "random bytes", len,
				 "an attribute winsec does not have", want, rc);
	}
	view_self(&now, self->proc, false);
	strcpy(now.whoami, before.whoami);
	EXPECT_TRUE(same_view(&before, &now));

	/*
	 * Headers: size, len, ctx_len, id, flags of the context and of the
	 * call, around "high" and NUL bytes. The rules, in order: call flags
	 * (EINVAL), size below the header (EINVAL) or above a page (E2BIG),
	 * len beyond size or short of the header and ctx_len (EINVAL), an id
	 * of no LSM (EOPNOTSUPP), then winsec: context flags (EINVAL) and the
	 * text, of which only "high" followed by NULs is valid.
	 */
	for (i = 0; !variant->proc && i < 1000; i++) {
		struct test_lsm_ctx *ctx = (void *)buf;
		__u32 size, call_flags = 0;
		char what[32];
		__u64 cl;
		int want, rc;
		size_t j;

		size = badinput_below(&r, 4) ? 32 + badinput_below(&r, 64) :
					       badinput_below(&r, PAGE + 64);
		memset(buf, 0, 2 * PAGE);
		ctx->id = badinput_below(&r, 4) ? LSM_ID_WINSEC :
			  badinput_below(&r, 2) ? 0 : 1000 + badinput_next(&r) % 5000;
		ctx->flags = badinput_below(&r, 6) ? 0 : badinput_next(&r);
		ctx->len = badinput_below(&r, 4) ? size : badinput_next(&r) % (2 * size + 1);
		cl = badinput_below(&r, 4) ? (size > 32 ? size - 32 : 0) :
		     badinput_below(&r, 2) ? badinput_next(&r) : badinput_below(&r, 16);
		ctx->ctx_len = cl;
		if (badinput_below(&r, 16) == 0)
			call_flags = 1 + badinput_below(&r, 8);
		if (size > 32)
			memcpy(buf + 32, "high", size - 32 < 4 ? size - 32 : 4);
		if (badinput_below(&r, 4) == 0 && size > 36)
			buf[32 + 4 + badinput_below(&r, size - 36)] = 'x';

		if (call_flags || size < 32)
			want = EINVAL;
		else if (size > PAGE)
			want = E2BIG;
		else if (ctx->len > size || cl > (__u64)-1 - 32 ||
			 ctx->len < 32 + cl)
			want = EINVAL;
		else if (ctx->id != LSM_ID_WINSEC)
			want = EOPNOTSUPP;
		else if (ctx->flags)
			want = EINVAL;
		else {
			want = cl < 4 || memcmp(buf + 32, "high", 4) ? EINVAL : 0;
			for (j = 36; !want && j < 32 + cl; j++)
				if (buf[j] && buf[j] != '\n')
					want = EINVAL;
		}
		rc = syscall(__NR_lsm_set_self_attr, LSM_ATTR_CURRENT, ctx, size,
			     call_flags) ? errno : 0;
		snprintf(what, sizeof(what), "header %u", i);
		t.inputs++;
		if (rc != want)
			mismatch(_metadata, &t, "lsm_set_self_attr", what, size,
				 "an lsm_ctx", want, rc);
		if (!rc) {
			t.taken++;
			if (level_rid() != WINSEC_LEVEL_HIGH)
				mismatch(_metadata, &t, "lsm_set_self_attr", what,
					 size, "taken, but the level is not High",
					 0, 0);
			ASSERT_EQ(0, set_level("system"));
		} else {
			t.refused++;
			if (level_rid() != WINSEC_LEVEL_SYSTEM)
				mismatch(_metadata, &t, "lsm_set_self_attr", what,
					 size, "refused, but the level changed",
					 want, rc);
		}
	}
	view_self(&now, self->proc, true);
	EXPECT_TRUE(same_view(&before, &now));
	report(_metadata, variant->proc ? "other proc files" :
		"other attributes and headers", &t);
	EXPECT_EQ(0, t.bad);
	if (!variant->proc)
		EXPECT_LT(0, t.taken);
	free(buf);
}

/* --- securityfs ---------------------------------------------------------------- */

static const char *const sfs_files[] = {
	"enforce", "stats", "ipc/get", "ipc/set",
};

/* Each object's own descriptor, told apart by the group. */
static const char *const base_sd[] = {
	[MSG] = "O:SYG:SYD:(A;;GA;;;WD)",
	[SEM] = "O:SYG:BAD:(A;;GA;;;WD)",
	[SHM] = "O:SYG:BUD:(A;;GA;;;WD)",
};

/* Write @len bytes to @path, opened for this write: 0 or the errno. */
static int sfs_write(const char *path, const void *buf, size_t len)
{
	int fd = open(path, O_WRONLY), rc = 0;
	ssize_t n;

	if (fd < 0)
		return errno;
	n = write(fd, buf, len);
	if (n < 0)
		rc = errno;
	else if ((size_t)n != len)
		rc = EMSGSIZE;
	close(fd);
	return rc;
}

/*
 * A request line of ipc/get and ipc/set by its documented grammar: "msg",
 * "sem" or "shm", a space, the decimal identifier (at most INT_MAX);
 * trailing newlines and NULs do not count. Returns the kind, or -1.
 */
static int parse_request(const uint8_t *b, size_t len, long long *id)
{
	size_t i;
	int k;

	while (len && (b[len - 1] == '\n' || b[len - 1] == '\0'))
		len--;
	if (len < 5 || len >= 32 || b[3] != ' ')
		return -1;
	for (k = MSG; k <= SHM; k++)
		if (!memcmp(b, kind_name[k], 3))
			break;
	if (k > SHM)
		return -1;
	*id = 0;
	for (i = 4; i < len; i++) {
		if (b[i] < '0' || b[i] > '9')
			return -1;
		*id = *id * 10 + (b[i] - '0');
		if (*id > INT_MAX)
			return -1;
	}
	return k;
}

struct bytes {
	const char *s;
	size_t len;
};

/*
 * A request line of random shape: a kind (or another word), a separator,
 * an identifier (of an object, of none, too large, signed, hexadecimal,
 * with leading zeros), an ending; or random bytes. Writes at most 96
 * bytes; returns the length.
 */
static size_t random_request(struct badinput_rng *r, const int *ids,
			     uint8_t *out)
{
	static const struct bytes kinds[] = {
		{ "msg", 3 }, { "sem", 3 }, { "shm", 3 }, { "MSG", 3 },
		{ "ms", 2 }, { "msgs", 4 }, { "shm\0", 4 }, { "sem\n", 4 },
	};
	static const struct bytes ends[] = {
		{ "", 0 }, { "\n", 1 }, { "\n\n", 2 }, { "\0", 1 },
		{ "\0\n", 2 }, { " ", 1 }, { "\t", 1 }, { "x", 1 },
	};
	const struct bytes *k = &kinds[badinput_below(r, ARRAY_SIZE(kinds))];
	const struct bytes *e = &ends[badinput_below(r, ARRAY_SIZE(ends))];
	unsigned int id = ids[badinput_below(r, 3)];
	char num[48];
	size_t len;
	int n;

	if (badinput_below(r, 8) == 0) {
		len = badinput_below(r, 40);
		badinput_fill(r, out, len);
		return len;
	}
	switch (badinput_below(r, 8)) {
	case 0:
		n = snprintf(num, sizeof(num), "%u", badinput_below(r, 1000));
		break;
	case 1:
		n = snprintf(num, sizeof(num), "%llu", 2147483647ULL +
			     badinput_below(r, 3) + (badinput_below(r, 2) ? 0 :
			     badinput_next(r) % 100000000000ULL));
		break;
	case 2:
		n = snprintf(num, sizeof(num), "%c%u",
			     badinput_below(r, 2) ? '-' : '+', id);
		break;
	case 3:
		n = snprintf(num, sizeof(num), "0x%x", id);
		break;
	case 4:
		n = snprintf(num, sizeof(num), "%0*u",
			     (int)badinput_below(r, 30), id);
		break;
	default:
		n = snprintf(num, sizeof(num), "%u", id);
		break;
	}
	memcpy(out, k->s, k->len);
	len = k->len;
	out[len++] = badinput_below(r, 8) ? ' ' : (uint8_t)badinput_next(r);
	memcpy(out + len, num, n);
	len += n;
	memcpy(out + len, e->s, e->len);
	return len + e->len;
}

FIXTURE(sfs) {
	struct bdata d;
	int id[3];
	struct sdbuf base[3];
	uint8_t *rd;
	unsigned long long invalid;
	struct tally t;
};

/* The descriptor of object @k: 0, or the errno of the request. */
static int ipc_read(enum kind k, int id, uint8_t *buf, size_t *len)
{
	char req[32];
	int fd, rc = 0;
	ssize_t n;

	*len = 0;
	fd = open(IPC_GET_FILE, O_RDWR);
	if (fd < 0)
		return errno;
	snprintf(req, sizeof(req), "%s %d", kind_name[k], id);
	if (write(fd, req, strlen(req)) < 0) {
		rc = errno;
	} else {
		n = pread(fd, buf, WINSEC_SD_MAX_SIZE + 1, 0);
		if (n < 0)
			rc = errno;
		else
			*len = n;
	}
	close(fd);
	return rc;
}

/* The same whatever the descriptor says. */
static int ipc_read_any(FIXTURE_DATA(sfs) *self, enum kind k, size_t *len)
{
	int rc = ipc_read(k, self->id[k], self->rd, len);

	if (rc == EACCES || rc == EPERM) {
		set_enforce("0");
		rc = ipc_read(k, self->id[k], self->rd, len);
		set_enforce("1");
		self->t.unenforced++;
	}
	return rc;
}

/* Give object @k its own descriptor again, whatever its descriptor says. */
static int ipc_reset(FIXTURE_DATA(sfs) *self, enum kind k)
{
	int rc = ipc_sd_set(kind_name[k], self->id[k], base_sd[k]);

	if (rc == EACCES || rc == EPERM) {
		set_enforce("0");
		rc = ipc_sd_set(kind_name[k], self->id[k], base_sd[k]);
		set_enforce("1");
		self->t.unenforced++;
	}
	return rc;
}

/* Object @k holds its own descriptor. */
static bool ipc_unchanged(FIXTURE_DATA(sfs) *self, enum kind k)
{
	size_t len;

	return !ipc_read_any(self, k, &len) && len == self->base[k].len &&
	       !memcmp(self->rd, self->base[k].b, len);
}

/*
 * What every test ends with: each object holds its own descriptor,
 * enforcement is on and no stored descriptor was found invalid.
 */
static bool sfs_unchanged(FIXTURE_DATA(sfs) *self)
{
	int k;

	for (k = MSG; k <= SHM; k++)
		if (!ipc_unchanged(self, k))
			return false;
	return enforcing() && stat_counter("invalid") == self->invalid;
}

FIXTURE_SETUP(sfs)
{
	char text[512];
	int k;

	mark_start();
	ipc_setup(_metadata);
	LOAD_DATA(&self->d);
	ASSERT_TRUE(enforcing());
	self->rd = malloc(WINSEC_SD_MAX_SIZE + 1);
	ASSERT_NE(NULL, self->rd);
	for (k = MSG; k <= SHM; k++) {
		ASSERT_TRUE(sddl_encode(base_sd[k], &self->base[k]));
		self->id[k] = create_as(_metadata, k, 0, NULL, NULL);
		ASSERT_EQ(0, ipc_sd_set(kind_name[k], self->id[k], base_sd[k]));
	}
	read_text(STATS_FILE, text, sizeof(text));
	ASSERT_NE(NULL, strstr(text, "\ninvalid "));
	self->invalid = stat_counter("invalid");
}

FIXTURE_TEARDOWN(sfs)
{
	set_enforce("1");
	sysv_remove_all();
}

/* Runs of digits as one N: the counters move, their names do not. */
static void mask_digits(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (out == s || out[-1] != 'N')
				*out++ = 'N';
			continue;
		}
		*out++ = *s;
	}
	*out = '\0';
}

/*
 * The files of securityfs are those this test knows; stats, without a
 * write method, refuses every write (EINVAL) and keeps its lines.
 */
TEST_F(sfs, files_without_write)
{
	struct badinput_rng r = { 0x73746174 };
	char path[PATH_MAX], name[PATH_MAX], before[512], after[512];
	uint8_t buf[2 * PAGE];
	unsigned int i, k;
	struct dirent *e;
	DIR *dir;

	for (k = 0; k < 2; k++) {
		dir = opendir(k ? SFS "/ipc" : SFS);
		ASSERT_NE(NULL, dir);
		while ((e = readdir(dir))) {
			bool known = e->d_name[0] == '.' ||
				     (!k && !strcmp(e->d_name, "ipc"));

			snprintf(name, sizeof(name), "%s%s", k ? "ipc/" : "",
				 e->d_name);
			for (i = 0; i < ARRAY_SIZE(sfs_files); i++)
				known |= !strcmp(name, sfs_files[i]);
			EXPECT_TRUE(known) {
				TH_LOG(SFS "/%s: not covered by this test", name);
			}
		}
		closedir(dir);
	}
	read_text(STATS_FILE, before, sizeof(before));
	for (i = 0; i < 100; i++) {
		size_t len = i ? badinput_below(&r, 2 * PAGE) : 0;
		int rc;

		badinput_fill(&r, buf, len);
		snprintf(path, sizeof(path), "%s", STATS_FILE);
		rc = sfs_write(path, buf, len);
		self->t.inputs++;
		self->t.refused += !!rc;
		if (rc != EINVAL)
			mismatch(_metadata, &self->t, "stats", "random bytes",
				 len, "a file without a write method", EINVAL,
				 rc);
	}
	read_text(STATS_FILE, after, sizeof(after));
	mask_digits(before);
	mask_digits(after);
	EXPECT_STREQ(before, after);
	report(_metadata, "stats", &self->t);
	EXPECT_EQ(0, self->t.bad);
	EXPECT_TRUE(sfs_unchanged(self));
}

/*
 * enforce takes a boolean as the kernel reads one (kstrtobool(), of which
 * only the first two characters count: y, Y, t, T, 1, n, N, f, F, 0, or
 * "on" and "of" in any case): EINVAL for anything else, an empty write
 * included. A value taken is read back, then 1 is written again.
 */
TEST_F(sfs, enforce)
{
	static const char *const words[] = {
		"0", "1", "y", "n", "Y", "N", "on", "off", "of", "o", "2", "-1",
		" 1", "\n", "true", "false", "yes", "no", "OFF", "",
	};
	struct badinput_rng r = { 0x656e66 };
	uint8_t buf[2 * PAGE];
	unsigned int i;

	for (i = 0; i < 1000; i++) {
		char text[8];
		int want, rc, value = -1;
		uint8_t c0, c1;
		size_t len;

		if (badinput_below(&r, 2)) {
			const char *w = words[badinput_below(&r, ARRAY_SIZE(words))];

			len = strlen(w);
			memcpy(buf, w, len);
			if (badinput_below(&r, 2))
				buf[len++] = '\n';
		} else {
			len = badinput_below(&r, 4) ? badinput_below(&r, 8) :
						      badinput_below(&r, 2 * PAGE);
			badinput_fill(&r, buf, len);
		}
		c0 = len > 0 ? buf[0] : 0;
		c1 = len > 1 ? buf[1] : 0;
		if (c0 && strchr("yYtT1", c0))
			value = 1;
		else if (c0 && strchr("nNfF0", c0))
			value = 0;
		else if ((c0 == 'o' || c0 == 'O') && c1 && strchr("nN", c1))
			value = 1;
		else if ((c0 == 'o' || c0 == 'O') && c1 && strchr("fF", c1))
			value = 0;
		want = value < 0 ? EINVAL : 0;
		rc = sfs_write(ENFORCE_FILE, buf, len);
		self->t.inputs++;
		if (rc != want)
			mismatch(_metadata, &self->t, "enforce", "a write", len,
				 value < 0 ? "not a boolean" : "a boolean",
				 want, rc);
		read_text(ENFORCE_FILE, text, sizeof(text));
		if (rc) {
			self->t.refused++;
			if (strcmp(text, "1\n"))
				mismatch(_metadata, &self->t, "enforce",
					 "a write", len,
					 "refused, but enforce changed", want, rc);
			continue;
		}
		self->t.taken++;
		if (text[0] != '0' + value || text[1] != '\n')
			mismatch(_metadata, &self->t, "enforce", "a write", len,
				 "taken, but reads back otherwise", 0, 0);
		set_enforce("1");
	}
	report(_metadata, "enforce", &self->t);
	EXPECT_EQ(0, self->t.bad);
	EXPECT_LT(0, self->t.taken);
	EXPECT_LT(0, self->t.refused);
	EXPECT_TRUE(sfs_unchanged(self));
}

/*
 * ipc/get: a request of fewer than 32 bytes for an object of the caller's
 * namespace, else EINVAL. A refused request leaves the result of the last
 * good one in the open file; no object changes.
 */
TEST_F(sfs, ipc_get)
{
	struct badinput_rng r = { 0x697067 };
	uint8_t buf[2 * PAGE];
	int fd, k, last = -1;
	unsigned int i;

	fd = open(IPC_GET_FILE, O_RDWR);
	ASSERT_LE(0, fd);
	for (i = 0; i < 1500; i++) {
		long long id = -1;
		size_t len;
		int want, rc;
		ssize_t got;

		len = random_request(&r, self->id, buf);
		if (badinput_below(&r, 10) == 0) {
			/* NULs up to 31 to 36 bytes, a page or more. */
			size_t to = badinput_below(&r, 2) ?
				    PAGE + badinput_below(&r, PAGE) :
				    31 + badinput_below(&r, 6);

			if (to > len) {
				memset(buf + len, 0, to - len);
				len = to;
			}
		}
		k = parse_request(buf, len, &id);
		want = !len || len >= 32 || k < 0 || id != self->id[k] ?
		       EINVAL : 0;
		got = write(fd, buf, len);
		rc = got < 0 ? errno : (size_t)got == len ? 0 : EMSGSIZE;
		self->t.inputs++;
		if (rc != want)
			mismatch(_metadata, &self->t, "ipc/get", "a request",
				 len, want ? "a bad request" : "a good request",
				 want, rc);
		if (!rc)
			last = k;
		if (rc)
			self->t.refused++;
		else
			self->t.taken++;
		/* The file holds the result of the last good request. */
		got = pread(fd, self->rd, WINSEC_SD_MAX_SIZE + 1, 0);
		if (last < 0 ? got != 0 :
		    got != (ssize_t)self->base[last].len ||
		    memcmp(self->rd, self->base[last].b, got))
			mismatch(_metadata, &self->t, "ipc/get", "a request",
				 len, "the result is not the last good one",
				 want, rc);
	}
	close(fd);
	report(_metadata, "ipc/get", &self->t);
	EXPECT_EQ(0, self->t.bad);
	EXPECT_LT(0, self->t.taken);
	EXPECT_LT(0, self->t.refused);
	EXPECT_TRUE(sfs_unchanged(self));
}

/*
 * One write to ipc/set: @req (@rlen bytes), then @p (@plen bytes) whose
 * verdict is @valid. EINVAL: nothing written, more than 32 + 64 KiB, no
 * newline in the first 32 bytes, a bad request line, an unknown object,
 * an invalid descriptor; otherwise the object takes the descriptor (or
 * loses it, for nothing), and gets its own again afterwards. Returns false
 * when the newline falls elsewhere than after @req, so that the verdict of
 * what follows it is not known (the input is not counted).
 */
static bool try_ipc_set(struct __test_metadata *const _metadata,
			FIXTURE_DATA(sfs) *self, uint8_t *buf,
			const uint8_t *req, size_t rlen, const uint8_t *p,
			size_t plen, bool valid, const char *what)
{
	size_t len = rlen + plen, head = 0;
	const uint8_t *nl;
	long long id = -1;
	int k = -1, want, rc;

	memcpy(buf, req, rlen);
	memcpy(buf + rlen, p, plen);
	nl = len ? memchr(buf, '\n', len < 32 ? len : 32) : NULL;
	if (nl) {
		head = nl - buf + 1;
		k = parse_request(buf, head, &id);
	}
	if (!len || len > 32 + WINSEC_SD_MAX_SIZE || k < 0)
		want = EINVAL;
	else if (head != rlen && len > head)
		return false;
	else if ((len > head && !valid) || id != self->id[k])
		want = EINVAL;
	else
		want = 0;
	rc = sfs_write(IPC_SET_FILE, buf, len);
	self->t.inputs++;
	if (rc != want)
		mismatch(_metadata, &self->t, "ipc/set", what, len,
			 want ? "a bad write" : "a good write", want, rc);
	if (rc) {
		self->t.refused++;
		for (k = MSG; k <= SHM; k++)
			if (!ipc_unchanged(self, k))
				mismatch(_metadata, &self->t, "ipc/set", what,
					 len, "refused, but an object changed",
					 want, rc);
		return true;
	}
	self->t.taken++;
	if (k < 0)
		return true;
	rc = ipc_read_any(self, k, &len);
	if (len > head ? rc || len != rlen + plen - head ||
			 memcmp(self->rd, buf + head, len) :
		rc != ENODATA)
		mismatch(_metadata, &self->t, "ipc/set", what, rlen + plen,
			 "taken, but reads back otherwise", 0, rc);
	rc = ipc_reset(self, k);
	if (rc)
		mismatch(_metadata, &self->t, "ipc/set", what, rlen + plen,
			 "cannot give the object its descriptor back", 0, rc);
	return true;
}

/*
 * ipc/set with every corpus entry and mutant behind a good request, then
 * random requests followed by nothing, a few bytes, a corpus entry, a
 * mutant or a prefix of a sweep buffer (up to 64 KiB + 1), sometimes
 * longer than the file takes.
 */
TEST_F_TIMEOUT(sfs, ipc_set, 240)
{
	uint8_t mut[BADINPUT_MUTANT_MAX], req[128], *sweep[BADINPUT_KINDS];
	struct badinput_rng r = { 0x697073 };
	uint8_t *buf = malloc(2 * BADINPUT_SWEEP_MAX);
	unsigned int i, skipped = 0;
	struct input in;
	size_t rlen;

	ASSERT_NE(NULL, buf);
	ASSERT_TRUE(mutants_match(_metadata, &self->d));
	ASSERT_TRUE(make_sweep(_metadata, &self->d, sweep));
	for (i = 0; i < self->d.h.ncorpus + BADINPUT_MUTANTS; i++) {
		enum kind k = i % 3;

		corpus_or_mutant(&self->d, i, mut, &in);
		rlen = snprintf((char *)req, sizeof(req), "%s %d\n",
				kind_name[k], self->id[k]);
		ASSERT_TRUE(try_ipc_set(_metadata, self, buf, req, rlen, in.b,
					in.len, in.valid, in.what));
	}
	for (i = 0; i < 1500; i++) {
		unsigned int c = badinput_below(&r, 8);
		uint8_t few[20];

		rlen = random_request(&r, self->id, req);
		if (badinput_below(&r, 2))
			req[rlen++] = '\n';
		if (c == 0) {
			in.b = req;
			in.len = 0;
			in.valid = true;
			snprintf(in.what, sizeof(in.what), "nothing");
		} else if (c == 1) {
			in.len = 1 + badinput_below(&r, 19);
			badinput_fill(&r, few, in.len);
			in.b = few;
			in.valid = false;
			snprintf(in.what, sizeof(in.what), "a few bytes");
		} else if (c < 5) {
			corpus_or_mutant(&self->d, badinput_below(&r,
					 self->d.h.ncorpus + BADINPUT_MUTANTS),
					 mut, &in);
		} else {
			in.len = badinput_below(&r, c == 7 ? BADINPUT_SWEEP_MAX + 1 :
						    2 * PAGE);
			in.b = sweep[badinput_sweep_kind(in.len)];
			in.valid = in.len < BADINPUT_SWEEP_MAX &&
				   sweep_valid(&self->d, in.len);
			snprintf(in.what, sizeof(in.what), "%s",
				 badinput_kind_name[badinput_sweep_kind(in.len)]);
		}
		if (!try_ipc_set(_metadata, self, buf, req, rlen, in.b, in.len,
				 in.valid, in.what))
			skipped++;
	}
	/* Beyond what the file takes, and nothing at all. */
	rlen = snprintf((char *)req, sizeof(req), "msg %d\n", self->id[MSG]);
	ASSERT_TRUE(try_ipc_set(_metadata, self, buf, req, rlen, sweep[0],
				32 + WINSEC_SD_MAX_SIZE + 1 - rlen, false,
				"more than the file takes"));
	ASSERT_TRUE(try_ipc_set(_metadata, self, buf, req, 0, req, 0, false,
				"nothing"));
	TH_LOG("%u random writes not judged: a newline after the request", skipped);
	report(_metadata, "ipc/set", &self->t);
	EXPECT_EQ(0, self->t.bad);
	EXPECT_LT(0, self->t.taken);
	EXPECT_LT(0, self->t.refused);
	EXPECT_TRUE(sfs_unchanged(self));
	free(buf);
}

TEST_HARNESS_MAIN
