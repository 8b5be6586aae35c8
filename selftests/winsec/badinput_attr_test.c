// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - bad input to the task's own attributes: the corpus
 * and its mutants as the creator descriptor (lsm_set_self_attr(2)
 * LSM_ATTR_FSCREATE and /proc/self/attr/fscreate), level texts as the
 * level (LSM_ATTR_CURRENT and /proc/self/attr/current), random bytes to
 * the attributes winsec does not have, and lsm_ctx headers of every
 * shape. An invalid value is EINVAL (E2BIG over a page, EOPNOTSUPP for an
 * attribute winsec does not have) and leaves the task as it was: its
 * level and creator descriptor through both interfaces, and the token
 * "winsec whoami" shows. See verdict.h.
 */

#include "verdict.h"

#include <dirent.h>

#define TOOL			"/usr/bin/winsec"

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

/* lsm_get_self_attr: the value in @buf (8 KiB), its length or -errno. */
static long get_self(unsigned int attr, __u8 *buf, __u64 *flags)
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

/*
 * The task's proc attribute files, open for a whole test (a proc
 * attribute file takes writes from the task that opened it only); -1 when
 * another LSM answers them.
 */
struct task_files {
	int current;
	int fscreate;
};

static void open_task_files(struct task_files *f, bool proc)
{
	f->current = proc ? open("/proc/self/attr/current", O_RDWR) : -1;
	f->fscreate = proc ? open("/proc/self/attr/fscreate", O_RDWR) : -1;
}

static void close_task_files(struct task_files *f)
{
	if (f->current >= 0)
		close(f->current);
	if (f->fscreate >= 0)
		close(f->fscreate);
}

/* One write at offset 0 of a proc attribute file: 0 or the errno. */
static int proc_write(int fd, const void *val, size_t len, ssize_t *written)
{
	*written = pwrite(fd, val, len, 0);
	return *written < 0 ? errno : 0;
}

/* What the tool's whoami command prints, in @out. */
static bool tool_whoami(char *out, size_t size)
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
 * What the task shows of itself: its level and its creator descriptor with
 * its flags, through the system call and through proc.
 */
struct task_view {
	char level[64];
	__u8 fscreate[8192];
	long fscreate_len;
	__u64 fscreate_flags;
	char proc_level[64];
	__u8 proc_fscreate[8192];
	long proc_fscreate_len;
};

static void view_task(struct task_view *v, const struct task_files *f)
{
	long n;

	memset(v, 0, sizeof(*v));
	n = get_self(LSM_ATTR_CURRENT, (__u8 *)v->level, NULL);
	v->level[n > 0 && n < (long)sizeof(v->level) ? n : 0] = '\0';
	v->fscreate_len = get_self(LSM_ATTR_FSCREATE, v->fscreate,
				   &v->fscreate_flags);
	if (f->current >= 0) {
		n = pread(f->current, v->proc_level,
			  sizeof(v->proc_level) - 1, 0);
		v->proc_level[n > 0 ? n : 0] = '\0';
	}
	if (f->fscreate >= 0)
		v->proc_fscreate_len = pread(f->fscreate, v->proc_fscreate,
					     sizeof(v->proc_fscreate), 0);
}

static bool same_task(const struct task_view *a, const struct task_view *b)
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
			a->proc_fscreate_len));
}

/* The view of a task whose creator descriptor is @b (@len bytes). */
static bool shows_fscreate(const struct task_view *v, const __u8 *b,
			   size_t len, __u64 flags, bool proc)
{
	return v->fscreate_len == (long)len && !memcmp(v->fscreate, b, len) &&
	       v->fscreate_flags == flags &&
	       (!proc || (v->proc_fscreate_len == (long)len &&
			  !memcmp(v->proc_fscreate, b, len)));
}

/*
 * The creator descriptor a test keeps while it writes others: a refused
 * write must leave it, not clear it.
 */
#define KEPT_FSCREATE		"O:SYG:SYD:(A;;FA;;;WD)"

/*
 * The state every refused write is compared with: the kept creator
 * descriptor, the level given, and what the tool shows of it all.
 */
struct task_start {
	struct task_files files;
	struct sdbuf kept;
	struct task_view view;
	char whoami[8192];
};

static bool start_task(struct __test_metadata *const _metadata,
		       struct task_start *ts, bool proc)
{
	open_task_files(&ts->files, proc);
	if (proc && (ts->files.current < 0 || ts->files.fscreate < 0))
		return false;
	if (!sddl_encode(KEPT_FSCREATE, &ts->kept) ||
	    set_attr_flags(LSM_ATTR_FSCREATE, ts->kept.b, ts->kept.len, 0))
		return false;
	view_task(&ts->view, &ts->files);
	if (!tool_whoami(ts->whoami, sizeof(ts->whoami))) {
		TH_LOG(TOOL " whoami: no output");
		return false;
	}
	return shows_fscreate(&ts->view, ts->kept.b, ts->kept.len, 0, proc);
}

/* The task is as it started, "winsec whoami" included. */
static bool task_as_started(const struct task_start *ts)
{
	char whoami[8192];
	struct task_view v;

	view_task(&v, &ts->files);
	return same_task(&ts->view, &v) &&
	       tool_whoami(whoami, sizeof(whoami)) &&
	       !strcmp(whoami, ts->whoami);
}

/* --- the creator descriptor ----------------------------------------------- */

FIXTURE(fscreate) {
	struct bdata d;
	bool proc;
	struct task_start ts;
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
	ASSERT_TRUE(load_data(_metadata, &self->d));
	ASSERT_TRUE(start_task(_metadata, &self->ts, self->proc));
}

FIXTURE_TEARDOWN(fscreate)
{
	close_task_files(&self->ts.files);
}

/* Values of the creator descriptor test before the corpus and mutants. */
#define FSCREATE_OWN		5
#define LONG_VALUE		5000

/*
 * Input @i of the creator descriptor test: nothing, a NUL, a newline (they
 * clear it), another byte (invalid), the kept descriptor followed by
 * zeros to LONG_VALUE bytes (valid: the validator ignores what follows the
 * parts; more than a page: proc passes its first page on), then the corpus
 * and the mutants. @mut holds LONG_VALUE bytes.
 */
static void fscreate_input(const struct bdata *d, const struct sdbuf *kept,
			   unsigned int i, __u8 *mut, struct input *in)
{
	static const __u8 odd[] = { 0, '\n', 'x' };

	if (i >= FSCREATE_OWN) {
		corpus_or_mutant(d, i - FSCREATE_OWN, mut, in);
		return;
	}
	in->valid = false;
	in->page_valid = false;
	in->b = odd;
	in->len = i ? 1 : 0;
	if (i && i <= ARRAY_SIZE(odd))
		in->b = &odd[i - 1];
	if (i == FSCREATE_OWN - 1) {
		memset(mut, 0, LONG_VALUE);
		memcpy(mut, kept->b, kept->len);
		in->b = mut;
		in->len = LONG_VALUE;
		in->valid = true;
		in->page_valid = true;
	}
	snprintf(in->what, sizeof(in->what), "%zu-byte value", in->len);
}

/*
 * Every corpus entry and mutant, and a few values of their own, as the
 * creator descriptor. An empty value, or a single NUL or newline, clears
 * it; the system call takes at most a page with its header (E2BIG), proc
 * the first page of a write. Some of the system calls carry random flags:
 * any flag but WINSEC_FSCREATE_KEEP_ON_EXEC is EINVAL. A taken value reads
 * back as given through both interfaces; then the kept one is set again.
 */
TEST_F_TIMEOUT(fscreate, corpus_and_mutants, 240)
{
	const char *where = variant->proc ? "/proc/self/attr/fscreate" :
					    "lsm_set_self_attr(FSCREATE)";
	unsigned int i, n = self->d.h.ncorpus + BADINPUT_MUTANTS + FSCREATE_OWN;
	struct badinput_rng r = { 0x66736372 };
	__u8 mut[LONG_VALUE];
	struct tally t = {};
	struct task_view now;

	ASSERT_TRUE(mutants_match(_metadata, &self->d));
	for (i = 0; i < n; i++) {
		bool valid, clears;
		__u64 flags = 0;
		struct input in;
		ssize_t written = 0;
		int want, rc;
		size_t eff;

		fscreate_input(&self->d, &self->ts.kept, i, mut, &in);
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
			rc = proc_write(self->ts.files.fscreate, in.b, in.len,
					&written);
			want = clears || valid ? 0 : EINVAL;
		} else {
			rc = set_attr_flags(LSM_ATTR_FSCREATE, in.b, in.len, flags);
			/* The size is the system call's, before winsec. */
			if (sizeof(struct test_lsm_ctx) + in.len > PAGE)
				want = E2BIG;
			else if (flags & ~(__u64)WINSEC_FSCREATE_VALID_FLAGS)
				want = EINVAL;
			else
				want = clears || valid ? 0 : EINVAL;
		}
		t.inputs++;
		if (rc != want)
			mismatch(_metadata, &t, where, in.what, in.len,
				 valid ? "a valid descriptor" : "an invalid one",
				 want, rc);
		view_task(&now, &self->ts.files);
		if (rc) {
			t.refused++;
			if (!same_task(&self->ts.view, &now))
				mismatch(_metadata, &t, where, in.what, in.len,
					 "refused, but the task changed", 0, 0);
			continue;
		}
		t.taken++;
		if ((variant->proc && (size_t)written != eff) ||
		    strcmp(now.level, self->ts.view.level) ||
		    !shows_fscreate(&now, in.b, clears ? 0 : eff,
				    clears ? 0 : flags, self->proc))
			mismatch(_metadata, &t, where, in.what, in.len,
				 "taken, but reads back otherwise", 0, 0);
		ASSERT_EQ(0, set_attr_flags(LSM_ATTR_FSCREATE, self->ts.kept.b,
					    self->ts.kept.len, 0));
	}
	EXPECT_TRUE(task_as_started(&self->ts));
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

/* The level that text @i names, when valid. */
static __u32 level_rid_of(const struct bdata *d, unsigned int i)
{
	return get32(d->levels + 8 * i + 4);
}

/* Level text @i, its verdict and RID, as one interface takes it. */
struct level_input {
	__u8 text[BADINPUT_LEVEL_MAX];
	size_t len;
	size_t eff;	/* what reaches winsec */
	bool valid;
	__u32 rid;
	int want;
	char what[32];
};

static void level_input(const struct bdata *d, unsigned int i, bool proc,
			struct level_input *in)
{
	const __u8 *v = d->levels + 8 * i;

	in->len = badinput_level(i, in->text);
	in->eff = in->len;
	in->valid = get32(v) & BADINPUT_VALID;
	in->rid = level_rid_of(d, i);
	if (proc && in->eff > PAGE) {
		in->eff = PAGE;
		in->valid = get32(v) & BADINPUT_PAGE_VALID;
	}
	if (!proc && sizeof(struct test_lsm_ctx) + in->len > PAGE)
		in->want = E2BIG;
	else if (!in->valid)
		in->want = EINVAL;
	else
		/* No task is raised above System, where the test runs. */
		in->want = in->rid > WINSEC_LEVEL_SYSTEM ? EPERM : 0;
	snprintf(in->what, sizeof(in->what), "level text %u", i);
}

/*
 * Set the level of @in through proc (@via_proc) or the system call: 0
 * when it is taken and reads back as the level named, through proc too
 * when @f has it open; the errno of the write, or WRONG_RESULT.
 */
static int set_and_check_level(const struct level_input *in, bool via_proc,
			       const struct task_files *f)
{
	char want[64], got[64] = "", proc_got[64] = "";
	ssize_t written = in->eff, n;
	int rc;

	if (via_proc)
		rc = proc_write(f->current, in->text, in->len, &written);
	else
		rc = set_attr_flags(LSM_ATTR_CURRENT, in->text, in->len, 0);
	if (rc)
		return rc;
	level_text(in->rid, want, sizeof(want));
	n = get_self(LSM_ATTR_CURRENT, (__u8 *)got, NULL);
	got[n > 0 && n < (long)sizeof(got) ? n : 0] = '\0';
	if (f->current >= 0) {
		n = pread(f->current, proc_got, sizeof(proc_got) - 1, 0);
		proc_got[n > 0 ? n : 0] = '\0';
		if (strncmp(proc_got, want, strlen(want)) ||
		    strcmp(proc_got + strlen(want), "\n"))
			return WRONG_RESULT;
	}
	return (size_t)written != in->eff || strcmp(want, got) ?
	       WRONG_RESULT : 0;
}

/* The valid texts below Medium, set in one child, highest first. */
struct low_levels {
	const struct bdata *d;
	bool via_proc;		/* write through proc, else the system call */
	bool proc;		/* read back through proc too */
	unsigned int n;
	unsigned int index[BADINPUT_LEVELS];
	unsigned int bad;
	unsigned int first_bad[SHOW_MAX];
	int first_rc[SHOW_MAX];
};

static int set_low_levels(const void *p)
{
	struct low_levels *a = (void *)p;
	struct level_input in;
	struct task_files f;
	unsigned int i;
	int rc;

	open_task_files(&f, a->proc);
	for (i = 0; i < a->n; i++) {
		level_input(a->d, a->index[i], a->via_proc, &in);
		rc = set_and_check_level(&in, a->via_proc, &f);
		if (rc && a->bad < SHOW_MAX) {
			a->first_bad[a->bad] = a->index[i];
			a->first_rc[a->bad] = rc;
		}
		a->bad += !!rc;
	}
	close_task_files(&f);
	return 0;
}

FIXTURE(level) {
	struct bdata d;
	bool proc;
	struct task_start ts;
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
	ASSERT_TRUE(load_data(_metadata, &self->d));
	ASSERT_EQ(WINSEC_LEVEL_SYSTEM, level_rid());
	ASSERT_TRUE(start_task(_metadata, &self->ts, self->proc));
}

FIXTURE_TEARDOWN(level)
{
	close_task_files(&self->ts.files);
}

/*
 * Every level text: an invalid one is EINVAL and changes nothing; a valid
 * one sets the level it names, read back through both interfaces, after
 * which the test returns to System. The valid ones below Medium are set
 * in one child, highest first, since a task does not come back up from
 * there. The system call takes a page with its header (E2BIG), proc the
 * first page of a write.
 */
TEST_F_TIMEOUT(level, every_text, 240)
{
	const char *where = variant->proc ? "/proc/self/attr/current" :
					    "lsm_set_self_attr(CURRENT)";
	struct low_levels *low;
	struct level_input in;
	__u32 sum = 2166136261u;
	struct tally t = {};
	struct task_view now;
	unsigned int i, j;
	int rc;

	low = mmap(NULL, sizeof(*low), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, low);
	low->d = &self->d;
	low->via_proc = variant->proc;
	low->proc = self->proc;
	for (i = 0; i < BADINPUT_LEVELS; i++)
		sum = badinput_sum(sum, in.text, badinput_level(i, in.text));
	ASSERT_EQ(self->d.h.level_sum, sum);
	for (i = 0; i < BADINPUT_LEVELS; i++) {
		level_input(&self->d, i, variant->proc, &in);
		t.inputs++;
		if (!in.want && in.rid < WINSEC_LEVEL_MEDIUM) {
			/* Insertion by RID, highest first. */
			for (j = low->n; j > 0; j--) {
				if (in.rid <= level_rid_of(&self->d,
							   low->index[j - 1]))
					break;
				low->index[j] = low->index[j - 1];
			}
			low->index[j] = i;
			low->n++;
			continue;
		}
		rc = set_and_check_level(&in, variant->proc, &self->ts.files);
		if (rc != in.want)
			mismatch(_metadata, &t, where, in.what, in.len,
				 in.valid ? "a valid level" : "an invalid level",
				 in.want, rc);
		if (rc && rc != WRONG_RESULT) {
			t.refused++;
			view_task(&now, &self->ts.files);
			if (!same_task(&self->ts.view, &now))
				mismatch(_metadata, &t, where, in.what, in.len,
					 "refused, but the task changed",
					 0, 0);
			continue;
		}
		t.taken++;
		ASSERT_EQ(0, set_level("system"));
	}
	ASSERT_EQ(0, run_as(SUBJECT(KEEP_USER, NULL, all_caps()),
			    set_low_levels, low));
	for (i = 0; i < low->bad && i < SHOW_MAX; i++)
		TH_LOG("%s: level text %u: a valid level below Medium: %s",
		       where, low->first_bad[i],
		       low->first_rc[i] == WRONG_RESULT ? "reads back otherwise" :
		       strerror(low->first_rc[i]));
	t.bad += low->bad;
	t.taken += low->n - low->bad;
	EXPECT_TRUE(task_as_started(&self->ts));
	TH_LOG("%s: %u valid levels below Medium set in a child", where,
	       low->n);
	report(_metadata, where, &t);
	EXPECT_EQ(0, t.bad);
	EXPECT_LT(0, low->n);
	EXPECT_LT(low->n, t.taken);
	EXPECT_LT(0, t.refused);
	munmap(low, sizeof(*low));
}

/*
 * What lsm_set_self_attr(LSM_ATTR_CURRENT) answers to the lsm_ctx of
 * @size bytes at @buf, by the rules of the system call, in order: call
 * flags (EINVAL), a size below the header (EINVAL) or above a page
 * (E2BIG), len beyond size or short of the header and ctx_len (EINVAL), an
 * id of no LSM (EOPNOTSUPP); then winsec's: context flags (EINVAL), and
 * the text, of which the test only writes "high" (valid when followed by
 * nothing but NULs and newlines). 0 when it is taken.
 */
static int header_verdict(const __u8 *buf, __u32 size, __u32 call_flags)
{
	const struct test_lsm_ctx *ctx = (const void *)buf;
	bool high = false;
	int want = 0;
	__u64 j;

	if (size >= sizeof(*ctx) + 4 && ctx->ctx_len >= 4 &&
	    ctx->ctx_len <= size - sizeof(*ctx) && !memcmp(ctx->ctx, "high", 4)) {
		high = true;
		for (j = 4; j < ctx->ctx_len; j++)
			high &= !ctx->ctx[j] || ctx->ctx[j] == '\n';
	}
	if (call_flags || size < sizeof(*ctx))
		want = EINVAL;
	else if (size > PAGE)
		want = E2BIG;
	else if (ctx->len > size || ctx->ctx_len > (__u64)-1 - sizeof(*ctx) ||
		 ctx->len < sizeof(*ctx) + ctx->ctx_len)
		want = EINVAL;
	else if (ctx->id != LSM_ID_WINSEC)
		want = EOPNOTSUPP;
	else if (ctx->flags || !high)
		want = EINVAL;
	return want;
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
	int fds[ARRAY_SIZE(files)] = { -1, -1, -1, -1 };
	struct tally t = {};
	__u8 *buf = malloc(2 * PAGE);
	char path[64];
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
		for (k = 0; k < ARRAY_SIZE(files); k++) {
			snprintf(path, sizeof(path), "/proc/self/attr/%s",
				 files[k]);
			fds[k] = open(path, O_WRONLY);
			ASSERT_LE(0, fds[k]);
		}
	}
	for (i = 0; i < 1000; i++) {
		size_t len = badinput_below(&r, 8) ? badinput_below(&r, 64) :
						     badinput_below(&r, 2 * PAGE);
		const char *where;
		ssize_t written;
		int want, rc;

		badinput_fill(&r, buf, len);
		if (variant->proc) {
			k = i % ARRAY_SIZE(files);
			where = files[k];
			rc = proc_write(fds[k], buf, len, &written);
			want = EINVAL;
		} else {
			k = attrs[i % ARRAY_SIZE(attrs)];
			where = "lsm_set_self_attr(another attribute)";
			rc = set_attr_flags(k, buf, len, 0);
			want = sizeof(struct test_lsm_ctx) + len > PAGE ?
			       E2BIG : EOPNOTSUPP;
		}
		t.inputs++;
		t.refused += !!rc;
		if (rc != want)
			mismatch(_metadata, &t, where, "random bytes", len,
				 "an attribute winsec does not have", want, rc);
	}
	EXPECT_TRUE(task_as_started(&self->ts));

	/*
	 * Headers of random size, len, ctx_len, id and flags, and random
	 * flags of the call, around "high", NULs and sometimes an "x": see
	 * header_verdict().
	 */
	for (i = 0; !variant->proc && i < 1000; i++) {
		struct test_lsm_ctx *ctx = (void *)buf;
		__u32 size, call_flags = 0;
		char what[32];
		__u64 cl;
		int want, rc;

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

		want = header_verdict(buf, size, call_flags);
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
					 0, 0);
		}
	}
	EXPECT_TRUE(task_as_started(&self->ts));
	for (k = 0; k < ARRAY_SIZE(files); k++)
		if (fds[k] >= 0)
			close(fds[k]);
	report(_metadata, variant->proc ? "other proc files" :
		"other attributes and headers", &t);
	EXPECT_EQ(0, t.bad);
	if (!variant->proc)
		EXPECT_LT(0, t.taken);
	free(buf);
}

TEST_HARNESS_MAIN
