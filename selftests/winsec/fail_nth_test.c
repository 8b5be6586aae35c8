// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - failing closed, allocation by allocation: each way a
 * Low task, or another Medium user, could write or act on a Medium object
 * is tried again and again with /proc/thread-self/fail-nth set to 1, 2,
 * 3, ...: the Nth allocation the call attempts (slab or page, sleeping or
 * not) fails, until a run ends before reaching the Nth. Every run must end
 * in an error and leave the object as it was (its data, its descriptor).
 * The same call by a task that may make it succeeds without injection and,
 * under injection, succeeds with its effect or fails with an errno.
 *
 * Files are tried on tmpfs and, cold (the caches dropped before each run,
 * so that the descriptor is read from disk under injection), on the
 * guest's ext4 image. New objects made under injection either do not
 * exist or carry the descriptor their creator asked for.
 *
 * Each test prints how many runs it made, how many of them had a fault
 * injected, and what the calls returned. The kernel needs fault injection
 * (see inject.h); the guest of make check boots with slab_nomerge.
 */

#include "inject.h"
#include "sysv.h"

#include <mqueue.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#ifndef PR_SET_PTRACER
#define PR_SET_PTRACER 0x59616d61
#endif
#ifndef PR_SET_PTRACER_ANY
#define PR_SET_PTRACER_ANY ((unsigned long)-1)
#endif

/* More runs than that: the call never runs out of allocations. */
#define MAX_RUNS	400

/*
 * Allowed calls on a cold file system fail every 8th allocation only: the
 * writes that follow the checks go through far more allocations than the
 * checks, and each run drops the caches.
 */
#define COLD_STRIDE	8

/* The content of a file as made, and as a write would leave it. */
#define DATA		"data\n"
#define EVIL		"evil\n"
#define DATA_LEN	5

/*
 * Descriptors. Medium by its label, every right to everyone: only the
 * label stops Low.
 */
#define SD_LABEL	"D:(A;;FA;;;WD)S:(ML;;NW;;;ME)"
/* Every right to alice and to LocalSystem, reading to the others. */
#define SD_DACL_FILE	"D:(A;;FA;;;SY)(A;;FA;;;S-1-22-1-1000)(A;;FR;;;WD)"
/* The same for a folder: the others may list and traverse it. */
#define SD_DACL_DIR	"D:(A;;FA;;;SY)(A;;FA;;;S-1-22-1-1000)(A;;0x1200a9;;;WD)"
/* Open to everyone, Low included: where a rename or a link starts. */
#define SD_OPEN		"D:(A;;FA;;;WD)S:(ML;;NW;;;LW)"
/* The same rules for IPC objects, in their generic rights. */
#define SD_IPC_LABEL	"D:(A;;GA;;;WD)S:(ML;;NW;;;ME)"
#define SD_IPC_DACL	"D:(A;;GA;;;SY)(A;;GA;;;S-1-22-1-1000)(A;;GR;;;WD)"

static const struct subject low_alice = { .uid = ALICE, .level = "low" };
static const struct subject medium_alice = { .uid = ALICE,
					     .level = "medium" };
static const struct subject medium_bob = { .uid = BOB, .level = "medium" };

/* Who is refused: Low alice, stopped by the label, or bob, by the DACL. */
enum attacker { BY_LABEL, BY_DACL };

/* --- the runs -------------------------------------------------------------- */

/* How the object of a path is remade and checked, as root at System. */
struct object_ops {
	int (*reset)(void *obj);	/* remake it: 0 or an errno */
	const char *(*changed)(void *obj); /* what changed, NULL: nothing */
	bool (*effect)(void *obj);	/* whether an allowed call acted */
};

/* One path: an operation on an object. */
struct path {
	const char *name;
	const struct object_ops *ops;
	void *obj;
	struct call call;
	bool cold;	/* drop the caches before each run */
};

static void before_run(struct __test_metadata *const _metadata,
		       const struct path *p)
{
	if (p->cold)
		ASSERT_TRUE(drop_inodes());
}

/*
 * @who must be refused: with the 1st, 2nd, ... allocation failing until a
 * run does not reach the injected fault, every run ends in an error and
 * leaves the object as it was made.
 */
static void refused_runs(struct __test_metadata *const _metadata,
			 const struct path *p, const struct subject *who,
			 struct tally *t)
{
	struct outcome out = { .left = 0 };
	struct worker w;
	const char *changed;
	unsigned int nth;
	long loads = 0;

	ASSERT_EQ(0, p->ops->reset(p->obj));
	ASSERT_EQ(NULL, p->ops->changed(p->obj));
	ASSERT_EQ(0, worker_start(&w, who, &p->call));
	for (nth = 1; nth <= MAX_RUNS && !out.left; nth++) {
		before_run(_metadata, p);
		loads = cache_loads();
		out = worker_run(&w, nth);
		loads = cache_loads() - loads;
		tally_add(t, &out);
		changed = p->ops->changed(p->obj);
		ASSERT_TRUE(is_errno(out.rc)) {
			TH_LOG("%s, allocation %u failing: returned %d%s",
			       p->name, nth, out.rc,
			       out.rc ? "" : " (granted)");
		}
		ASSERT_EQ(NULL, changed) {
			TH_LOG("%s, allocation %u failing (%s): the %s changed",
			       p->name, nth, strerrorname_np(out.rc), changed);
		}
		ASSERT_LE(0, out.left);
	}
	ASSERT_EQ(0, worker_stop(&w));
	ASSERT_NE(0, out.left) {
		TH_LOG("%s: still failing allocations after %u runs", p->name,
		       MAX_RUNS);
	}
	/*
	 * Cold, the last run read a descriptor from disk, and so the file's:
	 * the inode of a folder goes only after those below it.
	 */
	if (p->cold)
		ASSERT_LE(1, loads);
}

/*
 * @who may: without injection the call succeeds and acts; with the 1st,
 * 2nd, ... allocation failing (every COLD_STRIDE-th on a cold file
 * system) it succeeds and acts, or returns an errno (the task is never killed),
 * until it succeeds without reaching the fault.
 */
static void allowed_runs(struct __test_metadata *const _metadata,
			 const struct path *p, const struct subject *who,
			 struct tally *t)
{
	unsigned int nth, stride = p->cold ? COLD_STRIDE : 1;
	struct outcome out;
	struct worker w;

	ASSERT_EQ(0, worker_start(&w, who, &p->call));
	ASSERT_EQ(0, p->ops->reset(p->obj));
	before_run(_metadata, p);
	out = worker_run(&w, 0);
	ASSERT_EQ(0, out.rc) {
		TH_LOG("%s: refused to a task that may: %d", p->name, out.rc);
	}
	ASSERT_TRUE(p->ops->effect(p->obj));
	out.left = 0;
	for (nth = 1; nth <= MAX_RUNS && !out.left; nth += stride) {
		ASSERT_EQ(0, p->ops->reset(p->obj));
		before_run(_metadata, p);
		out = worker_run(&w, nth);
		tally_add(t, &out);
		ASSERT_TRUE(!out.rc || is_errno(out.rc)) {
			TH_LOG("%s, allocation %u failing: returned %d",
			       p->name, nth, out.rc);
		}
		if (!out.rc)
			ASSERT_TRUE(p->ops->effect(p->obj)) {
				TH_LOG("%s, allocation %u failing: succeeded without effect",
				       p->name, nth);
			}
		ASSERT_LE(0, out.left);
	}
	ASSERT_EQ(0, worker_stop(&w));
	ASSERT_NE(0, out.left);
	ASSERT_EQ(0, out.rc);
}

/* Both, then the figures. */
static void fail_closed(struct __test_metadata *const _metadata,
			const struct path *p, const struct subject *refused,
			const struct subject *allowed)
{
	struct tally no = {}, yes = {};
	char text[256];

	/* A worker killed by its call must not take the test with it. */
	signal(SIGPIPE, SIG_IGN);
	refused_runs(_metadata, p, refused, &no);
	allowed_runs(_metadata, p, allowed, &yes);
	ASSERT_EQ(0, p->ops->reset(p->obj));
	tally_format(&no, text, sizeof(text));
	ksft_print_msg("%s, refused: %s\n", p->name, text);
	tally_format(&yes, text, sizeof(text));
	ksft_print_msg("%s, allowed: %s\n", p->name, text);
}

/* Whether @path holds the descriptor @want. */
static bool sd_is(const char *path, const struct sdbuf *want)
{
	struct sdbuf b;

	return get_sd(path, &b) == (ssize_t)want->len &&
	       !memcmp(b.b, want->b, want->len);
}

/* Encode @sddl into @b; false on text the encoder does not know. */
static bool encode(const char *sddl, struct sdbuf *b)
{
	return sddl_encode(sddl, b);
}

/* The injection for fail-nth alone, saved and put back by the fixtures. */
static bool fail_nth_ready(struct fault_saved *saved, const char **why)
{
	struct stat st;

	*why = NULL;
	if (!winsec_active())
		*why = "winsec is not active";
	else if (stat(FAIL_NTH, &st))
		*why = "no fail-nth (CONFIG_FAULT_INJECTION)";
	else if (stat(FAILSLAB, &st) || stat(FAIL_PAGE_ALLOC, &st))
		*why = "no failslab or fail_page_alloc in debugfs";
	else if (!fault_settings_apply(fail_nth_settings,
				       ARRAY_SIZE(fail_nth_settings), saved))
		*why = "the fault attributes cannot be set";
	return !*why;
}

/* --- files ------------------------------------------------------------------ */

enum fs_op {
	FS_OPEN_WRONLY, FS_OPEN_RDWR, FS_OPEN_RDONLY_TRUNC, FS_TRUNCATE,
	FS_RENAME_OVER, FS_UNLINK, FS_LINK, FS_SETXATTR, FS_REMOVEXATTR,
	FS_CHMOD,
};

/* A Medium file in a Medium folder, and a folder anyone may change. */
struct fs_obj {
	enum fs_op op;
	char base[64];
	char dir[80];
	char file[96];
	char scratch[80];
	char other[96];		/* in scratch: rename source, link name */
	struct sdbuf file_sd;
	struct sdbuf dir_sd;
	struct sdbuf open_sd;	/* what setxattr tries to set */
};

static int fs_attempt(const void *arg)
{
	const struct fs_obj *o = arg;
	int fd, rc = 0;
	ssize_t n;

	switch (o->op) {
	case FS_OPEN_WRONLY:
	case FS_OPEN_RDWR:
		fd = open(o->file, o->op == FS_OPEN_WRONLY ? O_WRONLY : O_RDWR);
		if (fd < 0)
			return errno;
		n = write(fd, EVIL, DATA_LEN);
		if (n != DATA_LEN)
			rc = n < 0 ? errno : EIO;
		close(fd);
		return rc;
	case FS_OPEN_RDONLY_TRUNC:
		/* O_TRUNC asks for write access whatever the access mode. */
		fd = open(o->file, O_RDONLY | O_TRUNC);
		if (fd < 0)
			return errno;
		close(fd);
		return 0;
	case FS_TRUNCATE:
		return truncate(o->file, 0) ? errno : 0;
	case FS_RENAME_OVER:
		return rename(o->other, o->file) ? errno : 0;
	case FS_UNLINK:
		return unlink(o->file) ? errno : 0;
	case FS_LINK:
		return link(o->file, o->other) ? errno : 0;
	case FS_SETXATTR:
		return setxattr(o->file, WINSEC_XATTR_NAME, o->open_sd.b,
				o->open_sd.len, 0) ? errno : 0;
	case FS_REMOVEXATTR:
		return removexattr(o->file, WINSEC_XATTR_NAME) ? errno : 0;
	case FS_CHMOD:
		return chmod(o->file, 0600) ? errno : 0;
	}
	return EINVAL;
}

/* Make @path hold @data, owned by alice, mode 0666, with @sd. */
static int make_owned(const char *path, const char *data,
		      const struct sdbuf *sd)
{
	int fd, rc = 0;

	fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0666);
	if (fd < 0)
		return errno;
	if (write(fd, data, DATA_LEN) != DATA_LEN || fchown(fd, ALICE, ALICE) ||
	    fchmod(fd, 0666) ||
	    fsetxattr(fd, WINSEC_XATTR_NAME, sd->b, sd->len, 0))
		rc = errno ? errno : EIO;
	close(fd);
	return rc;
}

static int fs_reset(void *arg)
{
	struct fs_obj *o = arg;
	int rc;

	if (unlink(o->other) && errno != ENOENT)
		return errno;
	rc = make_owned(o->file, DATA, &o->file_sd);
	if (!rc && o->op == FS_RENAME_OVER)
		rc = make_owned(o->other, EVIL, &o->open_sd);
	return rc;
}

/* Whether @path holds exactly @data. */
static bool holds(const char *path, const char *data)
{
	char buf[16];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	return n == (ssize_t)strlen(data) && !memcmp(buf, data, n);
}

static const char *fs_changed(void *arg)
{
	struct fs_obj *o = arg;
	struct stat st;

	if (stat(o->file, &st))
		return "name (the file is gone)";
	if (st.st_nlink != 1)
		return "link count";
	if ((st.st_mode & 07777) != 0666)
		return "mode";
	if (st.st_uid != ALICE)
		return "owner";
	if (!holds(o->file, DATA))
		return "data";
	if (!sd_is(o->file, &o->file_sd))
		return "descriptor";
	if (!sd_is(o->dir, &o->dir_sd))
		return "folder's descriptor";
	return NULL;
}

static bool fs_effect(void *arg)
{
	struct fs_obj *o = arg;
	struct stat st;
	struct sdbuf b;

	switch (o->op) {
	case FS_OPEN_WRONLY:
	case FS_OPEN_RDWR:
		return holds(o->file, EVIL);
	case FS_OPEN_RDONLY_TRUNC:
	case FS_TRUNCATE:
		return !stat(o->file, &st) && !st.st_size;
	case FS_RENAME_OVER:
		return holds(o->file, EVIL) && stat(o->other, &st);
	case FS_UNLINK:
		return stat(o->file, &st) && errno == ENOENT;
	case FS_LINK:
		return !stat(o->file, &st) && st.st_nlink == 2;
	case FS_SETXATTR:
		return sd_is(o->file, &o->open_sd);
	case FS_REMOVEXATTR:
		return get_sd(o->file, &b) < 0 && errno == ENODATA;
	case FS_CHMOD:
		return !stat(o->file, &st) && (st.st_mode & 07777) == 0600;
	}
	return false;
}

static const struct object_ops fs_ops = {
	.reset = fs_reset,
	.changed = fs_changed,
	.effect = fs_effect,
};

FIXTURE(fs_path) {
	struct fault_saved saved;
	struct fs_obj o;
};

FIXTURE_VARIANT(fs_path) {
	enum fs_op op;
};

FIXTURE_VARIANT_ADD(fs_path, open_wronly) {
	.op = FS_OPEN_WRONLY,
};

FIXTURE_VARIANT_ADD(fs_path, open_rdwr) {
	.op = FS_OPEN_RDWR,
};

FIXTURE_VARIANT_ADD(fs_path, open_rdonly_trunc) {
	.op = FS_OPEN_RDONLY_TRUNC,
};

FIXTURE_VARIANT_ADD(fs_path, truncate) {
	.op = FS_TRUNCATE,
};

FIXTURE_VARIANT_ADD(fs_path, rename_over) {
	.op = FS_RENAME_OVER,
};

FIXTURE_VARIANT_ADD(fs_path, unlink) {
	.op = FS_UNLINK,
};

FIXTURE_VARIANT_ADD(fs_path, link) {
	.op = FS_LINK,
};

FIXTURE_VARIANT_ADD(fs_path, setxattr) {
	.op = FS_SETXATTR,
};

FIXTURE_VARIANT_ADD(fs_path, removexattr) {
	.op = FS_REMOVEXATTR,
};

FIXTURE_VARIANT_ADD(fs_path, chmod) {
	.op = FS_CHMOD,
};

FIXTURE_SETUP(fs_path)
{
	const char *why;

	self->o.op = variant->op;
	if (!fail_nth_ready(&self->saved, &why))
		SKIP(return, "%s", why);
	prepare_tmpfs(_metadata);
}

FIXTURE_TEARDOWN(fs_path)
{
	fault_settings_restore(&self->saved);
}

/*
 * Make the folders and the file below @base (which must not exist), for
 * an attacker stopped by @by; the file is made by the first reset.
 */
static void fs_build(struct __test_metadata *const _metadata,
		     struct fs_obj *o, const char *base, enum attacker by)
{
	snprintf(o->base, sizeof(o->base), "%s", base);
	snprintf(o->dir, sizeof(o->dir), "%s/medium", base);
	snprintf(o->file, sizeof(o->file), "%s/file", o->dir);
	snprintf(o->scratch, sizeof(o->scratch), "%s/open", base);
	snprintf(o->other, sizeof(o->other), "%s/other", o->scratch);
	ASSERT_TRUE(encode(by == BY_LABEL ? SD_LABEL : SD_DACL_FILE,
			   &o->file_sd));
	ASSERT_TRUE(encode(by == BY_LABEL ? SD_LABEL : SD_DACL_DIR,
			   &o->dir_sd));
	ASSERT_TRUE(encode(SD_OPEN, &o->open_sd));
	make_dir(_metadata, base, 0);
	make_dir(_metadata, o->dir, ALICE);
	ASSERT_EQ(0, setxattr(o->dir, WINSEC_XATTR_NAME, o->dir_sd.b,
			      o->dir_sd.len, 0));
	make_dir(_metadata, o->scratch, 0);
	ASSERT_EQ(0, setxattr(o->scratch, WINSEC_XATTR_NAME, o->open_sd.b,
			      o->open_sd.len, 0));
}

/* Remove what fs_build() made, whatever the descriptors say. */
static void fs_remove(struct fs_obj *o)
{
	set_enforce("0");
	unlink(o->other);
	unlink(o->file);
	rmdir(o->scratch);
	rmdir(o->dir);
	rmdir(o->base);
	set_enforce("1");
}

static const char *const fs_op_name[] = {
	[FS_OPEN_WRONLY] = "open O_WRONLY",
	[FS_OPEN_RDWR] = "open O_RDWR",
	[FS_OPEN_RDONLY_TRUNC] = "open O_RDONLY|O_TRUNC",
	[FS_TRUNCATE] = "truncate",
	[FS_RENAME_OVER] = "rename over",
	[FS_UNLINK] = "unlink",
	[FS_LINK] = "link",
	[FS_SETXATTR] = "setxattr security.winsec",
	[FS_REMOVEXATTR] = "removexattr security.winsec",
	[FS_CHMOD] = "chmod",
};

/* The runs of @o's operation below @base, @cold on the ext4 image. */
static void fs_run(struct __test_metadata *const _metadata,
		   struct fs_obj *o, const char *base, bool cold,
		   enum attacker by)
{
	char name[96];
	struct path p = {
		.name = name,
		.ops = &fs_ops,
		.obj = o,
		.call = { .op = fs_attempt, .arg = o },
		.cold = cold,
	};

	snprintf(name, sizeof(name), "%s by %s on %s", fs_op_name[o->op],
		 by == BY_LABEL ? "Low alice" : "Medium bob",
		 cold ? "ext4, cold" : "tmpfs");
	fs_build(_metadata, o, base, by);
	fail_closed(_metadata, &p, by == BY_LABEL ? &low_alice : &medium_bob,
		    &medium_alice);
}

TEST_F_TIMEOUT(fs_path, low, 120)
{
	fs_run(_metadata, &self->o, TMP "/failnth", false, BY_LABEL);
}

TEST_F_TIMEOUT(fs_path, other_user, 120)
{
	fs_run(_metadata, &self->o, TMP "/failnth", false, BY_DACL);
}

/*
 * On the ext4 image, with the caches dropped before each run: the
 * descriptors of the file and of its folder are read from disk under
 * injection. The lookup that loads them is the same for every operation;
 * three are tried: an open, a rename (two folders) and the replacement of
 * a descriptor (which loads the old one first). Only by bob: a descriptor
 * lost on the way would open the file to him, while to Low alice the
 * file would still be Medium (its implicit label).
 */
FIXTURE(fs_cold) {
	struct fault_saved saved;
	struct fs_obj o;
};

FIXTURE_VARIANT(fs_cold) {
	enum fs_op op;
};

FIXTURE_VARIANT_ADD(fs_cold, open_wronly) {
	.op = FS_OPEN_WRONLY,
};

FIXTURE_VARIANT_ADD(fs_cold, rename_over) {
	.op = FS_RENAME_OVER,
};

FIXTURE_VARIANT_ADD(fs_cold, setxattr) {
	.op = FS_SETXATTR,
};

FIXTURE_SETUP(fs_cold)
{
	const char *why;

	self->o.op = variant->op;
	if (!have_ext4())
		SKIP(return, "no ext4 image on " EXT4);
	if (!fail_nth_ready(&self->saved, &why))
		SKIP(return, "%s", why);
	/* A test that failed may have left its files. */
	snprintf(self->o.base, sizeof(self->o.base), EXT4 "/failnth");
	snprintf(self->o.dir, sizeof(self->o.dir), EXT4 "/failnth/medium");
	snprintf(self->o.file, sizeof(self->o.file), "%s/file", self->o.dir);
	snprintf(self->o.scratch, sizeof(self->o.scratch), EXT4 "/failnth/open");
	snprintf(self->o.other, sizeof(self->o.other), "%s/other",
		 self->o.scratch);
	fs_remove(&self->o);
}

FIXTURE_TEARDOWN(fs_cold)
{
	fault_settings_restore(&self->saved);
	if (self->o.base[0])
		fs_remove(&self->o);
}

TEST_F_TIMEOUT(fs_cold, other_user, 300)
{
	fs_run(_metadata, &self->o, EXT4 "/failnth", true, BY_DACL);
}

/* --- IPC objects ------------------------------------------------------------ */

enum ipc_path { IPC_MSGSND, IPC_SEMOP, IPC_SHMAT_RW, IPC_MQ_WRONLY,
		IPC_MQ_RDWR };

#define MQ_NAME		"/failnth"
#define MQ_MOUNT	TMP "/mq"
#define MQ_PATH		TMP "/mq" MQ_NAME

struct ipc_obj {
	enum ipc_path path;
	int id;
	struct sdbuf sd;	/* the descriptor the kernel keeps */
};

static int ipc_attempt(const void *arg)
{
	const struct ipc_obj *o = arg;
	struct { long type; char text[8]; } msg = { 1, "token" };
	struct sembuf sop = { 0, 1, IPC_NOWAIT };
	char *m;
	mqd_t q;
	int rc = 0;

	switch (o->path) {
	case IPC_MSGSND:
		return msgsnd(o->id, &msg, sizeof(msg.text), IPC_NOWAIT) ?
		       errno : 0;
	case IPC_SEMOP:
		return semop(o->id, &sop, 1) ? errno : 0;
	case IPC_SHMAT_RW:
		m = shmat(o->id, NULL, 0);
		if (m == (void *)-1)
			return errno;
		m[0] = 'X';
		shmdt(m);
		return 0;
	case IPC_MQ_WRONLY:
	case IPC_MQ_RDWR:
		q = mq_open(MQ_NAME, O_NONBLOCK |
			    (o->path == IPC_MQ_WRONLY ? O_WRONLY : O_RDWR));
		if (q == (mqd_t)-1)
			return errno;
		if (mq_send(q, "x", 1, 0))
			rc = errno;
		mq_close(q);
		return rc;
	}
	return EINVAL;
}

static enum kind ipc_kind(enum ipc_path path)
{
	return path == IPC_MSGSND ? MSG : path == IPC_SEMOP ? SEM : SHM;
}

static bool is_mq(enum ipc_path path)
{
	return path == IPC_MQ_WRONLY || path == IPC_MQ_RDWR;
}

/* The number of messages (or the semaphore's value, or byte 0); -1. */
static long ipc_state(const struct ipc_obj *o)
{
	struct msqid_ds ds;
	struct mq_attr attr;
	long v = -1;
	char *m;
	mqd_t q;

	switch (o->path) {
	case IPC_MSGSND:
		return msgctl(o->id, IPC_STAT, &ds) ? -1 : (long)ds.msg_qnum;
	case IPC_SEMOP:
		return semctl(o->id, 0, GETVAL);
	case IPC_SHMAT_RW:
		m = shmat(o->id, NULL, SHM_RDONLY);
		if (m == (void *)-1)
			return -1;
		v = m[0];
		shmdt(m);
		return v;
	case IPC_MQ_WRONLY:
	case IPC_MQ_RDWR:
		q = mq_open(MQ_NAME, O_RDONLY);
		if (q == (mqd_t)-1)
			return -1;
		if (!mq_getattr(q, &attr))
			v = attr.mq_curmsgs;
		mq_close(q);
		return v;
	}
	return -1;
}

static int ipc_reset(void *arg)
{
	struct ipc_obj *o = arg;
	struct { long type; char text[8]; } msg;
	union semun su = { .val = 0 };
	char buf[8192], *m;
	long v;
	mqd_t q;

	switch (o->path) {
	case IPC_MSGSND:
		while (msgrcv(o->id, &msg, sizeof(msg.text), 0, IPC_NOWAIT) >= 0)
			;
		break;
	case IPC_SEMOP:
		if (semctl(o->id, 0, SETVAL, su))
			return errno;
		break;
	case IPC_SHMAT_RW:
		m = shmat(o->id, NULL, 0);
		if (m == (void *)-1)
			return errno;
		m[0] = 0;
		shmdt(m);
		break;
	case IPC_MQ_WRONLY:
	case IPC_MQ_RDWR:
		q = mq_open(MQ_NAME, O_RDONLY | O_NONBLOCK);
		if (q == (mqd_t)-1)
			return errno;
		while (mq_receive(q, buf, sizeof(buf), NULL) >= 0)
			;
		mq_close(q);
		break;
	}
	v = ipc_state(o);
	return v < 0 ? errno : v ? EIO : 0;
}

static bool ipc_sd_is(const struct ipc_obj *o)
{
	struct sdbuf b;

	if (is_mq(o->path))
		return sd_is(MQ_PATH, &o->sd);
	return !ipc_get(ipc_kind(o->path), o->id, &b) && b.len == o->sd.len &&
	       !memcmp(b.b, o->sd.b, b.len);
}

static const char *ipc_changed(void *arg)
{
	struct ipc_obj *o = arg;

	if (ipc_state(o))
		return "content";
	if (!ipc_sd_is(o))
		return "descriptor";
	return NULL;
}

static bool ipc_effect(void *arg)
{
	struct ipc_obj *o = arg;
	long v = ipc_state(o);

	return o->path == IPC_SHMAT_RW ? v == 'X' : v == 1;
}

static const struct object_ops ipc_ops = {
	.reset = ipc_reset,
	.changed = ipc_changed,
	.effect = ipc_effect,
};

FIXTURE(ipc_path) {
	struct fault_saved saved;
	struct ipc_obj o;
};

FIXTURE_VARIANT(ipc_path) {
	enum ipc_path path;
	const char *name;
};

FIXTURE_VARIANT_ADD(ipc_path, msgsnd) {
	.path = IPC_MSGSND,
	.name = "msgsnd",
};

FIXTURE_VARIANT_ADD(ipc_path, semop) {
	.path = IPC_SEMOP,
	.name = "semop",
};

FIXTURE_VARIANT_ADD(ipc_path, shmat_writable) {
	.path = IPC_SHMAT_RW,
	.name = "shmat writable",
};

FIXTURE_VARIANT_ADD(ipc_path, mq_open_wronly_send) {
	.path = IPC_MQ_WRONLY,
	.name = "mq_open O_WRONLY, mq_send",
};

FIXTURE_VARIANT_ADD(ipc_path, mq_open_rdwr_send) {
	.path = IPC_MQ_RDWR,
	.name = "mq_open O_RDWR, mq_send",
};

FIXTURE_SETUP(ipc_path)
{
	const char *why;

	self->o.path = variant->path;
	if (!fail_nth_ready(&self->saved, &why))
		SKIP(return, "%s", why);
	ipc_setup(_metadata);
	/* The queues of this test's IPC namespace. */
	ASSERT_EQ(0, mkdir(MQ_MOUNT, 0755));
	ASSERT_EQ(0, mount("mqueue", MQ_MOUNT, "mqueue", 0, NULL));
}

FIXTURE_TEARDOWN(ipc_path)
{
	fault_settings_restore(&self->saved);
	set_enforce("0");
	mq_unlink(MQ_NAME);
	set_enforce("1");
	sysv_remove_all();
}

struct mq_create {
	const char *fscreate;
};

static int do_mq_create(const void *arg)
{
	const struct mq_create *a = arg;
	mqd_t q;
	int rc;

	rc = set_fscreate(a->fscreate);
	if (rc)
		return PREP_FAILED + rc;
	q = mq_open(MQ_NAME, O_CREAT | O_EXCL | O_RDWR, 0666, NULL);
	if (q == (mqd_t)-1)
		return errno;
	mq_close(q);
	return 0;
}

static void ipc_run(struct __test_metadata *const _metadata,
		    struct ipc_obj *o, const char *what, enum attacker by)
{
	const char *sddl = by == BY_LABEL ? SD_IPC_LABEL : SD_IPC_DACL;
	char name[96];
	struct path p = {
		.name = name,
		.ops = &ipc_ops,
		.obj = o,
		.call = { .op = ipc_attempt, .arg = o },
	};

	snprintf(name, sizeof(name), "%s by %s", what,
		 by == BY_LABEL ? "Low alice" : "Medium bob");
	if (is_mq(o->path)) {
		struct mq_create a = {
			.fscreate = by == BY_LABEL ? SD_LABEL : SD_DACL_FILE,
		};

		ASSERT_EQ(0, run_as(&medium_alice, do_mq_create, &a));
		ASSERT_LT(0, get_sd(MQ_PATH, &o->sd));
	} else {
		o->id = create_as(_metadata, ipc_kind(o->path), ALICE,
				  "medium", sddl);
		ASSERT_EQ(0, ipc_get(ipc_kind(o->path), o->id, &o->sd));
	}
	fail_closed(_metadata, &p, by == BY_LABEL ? &low_alice : &medium_bob,
		    &medium_alice);
}

TEST_F_TIMEOUT(ipc_path, low, 120)
{
	ipc_run(_metadata, &self->o, variant->name, BY_LABEL);
}

TEST_F_TIMEOUT(ipc_path, other_user, 120)
{
	ipc_run(_metadata, &self->o, variant->name, BY_DACL);
}

/* --- tasks ---------------------------------------------------------------- */

enum task_path { TASK_KILL, TASK_PTRACE_ATTACH, TASK_PTRACE_SEIZE,
		 TASK_VM_WRITEV };

#define MARK		"mark"
#define MARK_LEN	4

/*
 * A Medium task of alice, which blocks SIGUSR1 (a signal that arrives
 * stays pending, for /proc/PID/status to show) and shares a page with the
 * test at the same address (what process_vm_writev would change).
 */
struct task_obj {
	enum task_path path;
	pid_t pid;
	int hold;
	char *shared;
};

/*
 * Where the target's pid is kept for the workers, which were forked before
 * a reset started another target: in the shared page, after the mark.
 */
#define TARGET_PID(o)	((volatile pid_t *)((o)->shared + 64))

static int task_attempt(const void *arg)
{
	const struct task_obj *o = arg;
	struct iovec local = { EVIL, MARK_LEN };
	struct iovec remote = { o->shared, MARK_LEN };
	pid_t pid = *TARGET_PID(o);

	switch (o->path) {
	case TASK_KILL:
		return kill(pid, SIGUSR1) ? errno : 0;
	case TASK_PTRACE_ATTACH:
		if (ptrace(PTRACE_ATTACH, pid, 0, 0))
			return errno;
		waitpid(pid, NULL, __WALL);
		ptrace(PTRACE_DETACH, pid, 0, 0);
		return 0;
	case TASK_PTRACE_SEIZE:
		if (ptrace(PTRACE_SEIZE, pid, 0, 0))
			return errno;
		/* Stop it, to detach (the worker makes the next call). */
		ptrace(PTRACE_INTERRUPT, pid, 0, 0);
		waitpid(pid, NULL, __WALL);
		ptrace(PTRACE_DETACH, pid, 0, 0);
		return 0;
	case TASK_VM_WRITEV:
		return process_vm_writev(pid, &local, 1, &remote, 1, 0) < 0 ?
		       errno : 0;
	}
	return EINVAL;
}

static int task_start(struct task_obj *o)
{
	int ready[2], hold[2], fd;
	sigset_t set;
	char c;

	if (pipe(ready) || pipe(hold))
		return errno;
	fflush(NULL);
	o->pid = fork();
	if (o->pid < 0)
		return errno;
	if (!o->pid) {
		/* Nothing of the test's: a worker's pipe must see its end. */
		for (fd = 3; fd < 1024; fd++)
			if (fd != ready[1] && fd != hold[0])
				close(fd);
		sigemptyset(&set);
		sigaddset(&set, SIGUSR1);
		if (sigprocmask(SIG_BLOCK, &set, NULL) ||
		    become(ALICE, "medium", 0))
			_exit(1);
		/* Traceable by any task of alice, whatever Yama says. */
		prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
		prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
		if (write(ready[1], "r", 1) != 1)
			_exit(2);
		while (read(hold[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(ready[1]);
	close(hold[0]);
	o->hold = hold[1];
	if (read(ready[0], &c, 1) != 1) {
		close(ready[0]);
		return ECHILD;
	}
	close(ready[0]);
	*TARGET_PID(o) = o->pid;
	return 0;
}

static void task_stop(struct task_obj *o)
{
	if (o->pid <= 0)
		return;
	close(o->hold);
	kill(o->pid, SIGKILL);
	waitpid(o->pid, NULL, 0);
	o->pid = 0;
}

/* A field of /proc/PID/status, as a number in @base; -1 when absent. */
static long long status_field(pid_t pid, const char *field, int base)
{
	char path[64], buf[4096], *p;
	size_t len = strlen(field);

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (!read_file(path, buf, sizeof(buf)))
		return -1;
	for (p = buf; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, field, len) && p[len] == ':')
			return strtoll(p + len + 1, NULL, base);
	return -1;
}

#define USR1_BIT	(1ULL << (SIGUSR1 - 1))

static bool usr1_pending(const struct task_obj *o)
{
	long long shared = status_field(o->pid, "ShdPnd", 16);
	long long own = status_field(o->pid, "SigPnd", 16);

	return shared < 0 || own < 0 || ((shared | own) & USR1_BIT);
}

static int task_reset(void *arg)
{
	struct task_obj *o = arg;
	int rc;

	memcpy(o->shared, MARK, MARK_LEN);
	if (o->pid > 0 && !usr1_pending(o) &&
	    !waitpid(o->pid, NULL, WNOHANG)) {
		kill(o->pid, SIGCONT);
		return 0;
	}
	task_stop(o);
	rc = task_start(o);
	if (!rc && usr1_pending(o))
		rc = EIO;
	return rc;
}

static const char *task_changed(void *arg)
{
	struct task_obj *o = arg;

	if (waitpid(o->pid, NULL, WNOHANG))
		return "task (it ended)";
	if (usr1_pending(o))
		return "task's pending signals";
	if (status_field(o->pid, "TracerPid", 10))
		return "task's tracer";
	if (memcmp(o->shared, MARK, MARK_LEN))
		return "task's memory";
	return NULL;
}

static bool task_effect(void *arg)
{
	struct task_obj *o = arg;

	switch (o->path) {
	case TASK_KILL:
		return usr1_pending(o);
	case TASK_PTRACE_ATTACH:
	case TASK_PTRACE_SEIZE:
		/* Attached, then detached: nothing left to see. */
		return !status_field(o->pid, "TracerPid", 10);
	case TASK_VM_WRITEV:
		return !memcmp(o->shared, EVIL, MARK_LEN);
	}
	return false;
}

static const struct object_ops task_ops = {
	.reset = task_reset,
	.changed = task_changed,
	.effect = task_effect,
};

FIXTURE(task_path) {
	struct fault_saved saved;
	struct task_obj o;
};

FIXTURE_VARIANT(task_path) {
	enum task_path path;
	const char *name;
};

FIXTURE_VARIANT_ADD(task_path, kill) {
	.path = TASK_KILL,
	.name = "kill SIGUSR1",
};

FIXTURE_VARIANT_ADD(task_path, ptrace_attach) {
	.path = TASK_PTRACE_ATTACH,
	.name = "ptrace attach",
};

FIXTURE_VARIANT_ADD(task_path, ptrace_seize) {
	.path = TASK_PTRACE_SEIZE,
	.name = "ptrace seize",
};

FIXTURE_VARIANT_ADD(task_path, process_vm_writev) {
	.path = TASK_VM_WRITEV,
	.name = "process_vm_writev",
};

FIXTURE_SETUP(task_path)
{
	const char *why;

	self->o.path = variant->path;
	if (!fail_nth_ready(&self->saved, &why))
		SKIP(return, "%s", why);
	self->o.shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, self->o.shared);
}

FIXTURE_TEARDOWN(task_path)
{
	fault_settings_restore(&self->saved);
	task_stop(&self->o);
}

static void task_run(struct __test_metadata *const _metadata,
		     struct task_obj *o, const char *what, enum attacker by)
{
	char name[96];
	struct path p = {
		.name = name,
		.ops = &task_ops,
		.obj = o,
		.call = { .op = task_attempt, .arg = o },
	};

	snprintf(name, sizeof(name), "%s of Medium alice by %s", what,
		 by == BY_LABEL ? "Low alice" : "Medium bob");
	fail_closed(_metadata, &p, by == BY_LABEL ? &low_alice : &medium_bob,
		    &medium_alice);
}

TEST_F_TIMEOUT(task_path, low, 120)
{
	task_run(_metadata, &self->o, variant->name, BY_LABEL);
}

/* Refused by the Unix rules (another uid), before winsec is asked. */
TEST_F_TIMEOUT(task_path, other_user, 120)
{
	task_run(_metadata, &self->o, variant->name, BY_DACL);
}

/* --- new objects ---------------------------------------------------------- */

enum new_kind { NEW_FILE, NEW_MQ, NEW_MSG, NEW_SEM, NEW_SHM };

#define NEW_KEY		0x46414e54	/* "FANT" */

/* Made by alice under a creator descriptor that refuses bob. */
struct new_obj {
	enum new_kind kind;
	char path[96];
	const char *fscreate;
	struct sdbuf ref;	/* what a creation without injection gives */
};

static int new_prep(const void *arg)
{
	const struct new_obj *o = arg;

	return set_fscreate(o->fscreate);
}

static int new_attempt(const void *arg)
{
	const struct new_obj *o = arg;
	int fd, id = 0;
	mqd_t q;

	switch (o->kind) {
	case NEW_FILE:
		fd = open(o->path, O_CREAT | O_EXCL | O_WRONLY, 0666);
		if (fd < 0)
			return errno;
		close(fd);
		return 0;
	case NEW_MQ:
		q = mq_open(MQ_NAME, O_CREAT | O_EXCL | O_RDWR, 0666, NULL);
		if (q == (mqd_t)-1)
			return errno;
		mq_close(q);
		return 0;
	case NEW_MSG:
		id = msgget(NEW_KEY, IPC_CREAT | IPC_EXCL | 0666);
		break;
	case NEW_SEM:
		id = semget(NEW_KEY, 1, IPC_CREAT | IPC_EXCL | 0666);
		break;
	case NEW_SHM:
		id = shmget(NEW_KEY, 4096, IPC_CREAT | IPC_EXCL | 0666);
		break;
	}
	return id < 0 ? errno : 0;
}

/* The SysV object made by new_attempt(), -1 when there is none. */
static int new_id(const struct new_obj *o)
{
	switch (o->kind) {
	case NEW_MSG:
		return msgget(NEW_KEY, 0);
	case NEW_SEM:
		return semget(NEW_KEY, 0, 0);
	case NEW_SHM:
		return shmget(NEW_KEY, 0, 0);
	default:
		return -1;
	}
}

static enum kind new_sysv_kind(enum new_kind kind)
{
	return kind == NEW_MSG ? MSG : kind == NEW_SEM ? SEM : SHM;
}

/* Remove the object; 0 when it is gone. */
static int new_remove(struct new_obj *o)
{
	int id = new_id(o), rc = 0;

	set_enforce("0");
	switch (o->kind) {
	case NEW_FILE:
		if (unlink(o->path) && errno != ENOENT)
			rc = errno;
		break;
	case NEW_MQ:
		if (mq_unlink(MQ_NAME) && errno != ENOENT)
			rc = errno;
		break;
	case NEW_MSG:
		if (id >= 0 && msgctl(id, IPC_RMID, NULL))
			rc = errno;
		break;
	case NEW_SEM:
		if (id >= 0 && semctl(id, 0, IPC_RMID))
			rc = errno;
		break;
	case NEW_SHM:
		if (id >= 0 && shmctl(id, IPC_RMID, NULL))
			rc = errno;
		break;
	}
	set_enforce("1");
	return rc;
}

/*
 * The descriptor of the object into @b: 0, ENOENT when it does not exist,
 * or another errno.
 */
static int new_sd(const struct new_obj *o, struct sdbuf *b)
{
	struct stat st;
	int id;

	b->len = 0;
	switch (o->kind) {
	case NEW_FILE:
	case NEW_MQ:
		if (stat(o->kind == NEW_FILE ? o->path : MQ_PATH, &st))
			return errno;
		return get_sd(o->kind == NEW_FILE ? o->path : MQ_PATH, b) < 0 ?
		       errno : 0;
	default:
		id = new_id(o);
		if (id < 0)
			return errno;
		return ipc_get(new_sysv_kind(o->kind), id, b);
	}
}

struct new_check {
	const struct new_obj *o;
	int id;
};

/* What bob gets when he tries to write the object: 0 or an errno. */
static int bob_writes(const void *arg)
{
	const struct new_check *c = arg;
	struct op_arg op = { .kind = MSG, .id = c->id };
	int fd;
	mqd_t q;

	switch (c->o->kind) {
	case NEW_FILE:
		fd = open(c->o->path, O_WRONLY);
		if (fd < 0)
			return errno;
		close(fd);
		return 0;
	case NEW_MQ:
		q = mq_open(MQ_NAME, O_WRONLY);
		if (q == (mqd_t)-1)
			return errno;
		mq_close(q);
		return 0;
	default:
		op.kind = new_sysv_kind(c->o->kind);
		op.op = write_op(op.kind);
		return do_ipc_op(&op);
	}
}

FIXTURE(new_object) {
	struct fault_saved saved;
	struct new_obj o;
	bool ext4;
};

FIXTURE_VARIANT(new_object) {
	enum new_kind kind;
	bool ext4;
	const char *name;
};

FIXTURE_VARIANT_ADD(new_object, file_tmpfs) {
	.kind = NEW_FILE,
	.name = "new file on tmpfs",
};

FIXTURE_VARIANT_ADD(new_object, file_ext4_cold) {
	.kind = NEW_FILE,
	.ext4 = true,
	.name = "new file on ext4, cold",
};

FIXTURE_VARIANT_ADD(new_object, mq) {
	.kind = NEW_MQ,
	.name = "new POSIX message queue",
};

FIXTURE_VARIANT_ADD(new_object, msg) {
	.kind = NEW_MSG,
	.name = "new SysV message queue",
};

FIXTURE_VARIANT_ADD(new_object, sem) {
	.kind = NEW_SEM,
	.name = "new SysV semaphore set",
};

FIXTURE_VARIANT_ADD(new_object, shm) {
	.kind = NEW_SHM,
	.name = "new SysV shared memory",
};

FIXTURE_SETUP(new_object)
{
	const char *base = TMP "/failnth";
	const char *why;

	self->o.kind = variant->kind;
	self->o.fscreate = variant->kind == NEW_FILE ||
			   variant->kind == NEW_MQ ? SD_DACL_FILE : SD_IPC_DACL;
	if (!fail_nth_ready(&self->saved, &why))
		SKIP(return, "%s", why);
	ipc_setup(_metadata);
	ASSERT_EQ(0, mkdir(MQ_MOUNT, 0755));
	ASSERT_EQ(0, mount("mqueue", MQ_MOUNT, "mqueue", 0, NULL));
	if (variant->ext4) {
		if (!have_ext4())
			SKIP(return, "no ext4 image on " EXT4);
		base = EXT4 "/failnth";
		self->ext4 = true;
		rmdir(base);
	}
	snprintf(self->o.path, sizeof(self->o.path), "%s/new", base);
	make_dir(_metadata, base, 0);
}

FIXTURE_TEARDOWN(new_object)
{
	fault_settings_restore(&self->saved);
	new_remove(&self->o);
	if (self->ext4)
		rmdir(EXT4 "/failnth");
	sysv_remove_all();
}

/*
 * With the 1st, 2nd, ... allocation of the creation failing: the creation
 * fails, or makes the object with the descriptor that a creation without
 * injection gives it, which refuses bob.
 */
TEST_F_TIMEOUT(new_object, has_its_descriptor_or_does_not_exist, 120)
{
	struct call call = { .prep = new_prep, .op = new_attempt,
			     .arg = &self->o };
	struct outcome out = { .left = 0 };
	struct new_check check = { .o = &self->o };
	struct tally t = {};
	unsigned int nth;
	const char *how;
	struct worker w;
	struct sdbuf b;
	char text[256];
	int rc;

	signal(SIGPIPE, SIG_IGN);
	ASSERT_EQ(0, worker_start(&w, &medium_alice, &call));
	ASSERT_EQ(0, new_remove(&self->o));
	out = worker_run(&w, 0);
	ASSERT_EQ(0, out.rc);
	ASSERT_EQ(0, new_sd(&self->o, &self->o.ref));
	check.id = new_id(&self->o);
	ASSERT_EQ(EACCES, run_as(&medium_bob, bob_writes, &check));
	out.left = 0;
	for (nth = 1; nth <= MAX_RUNS && !out.left; nth++) {
		ASSERT_EQ(0, new_remove(&self->o));
		if (self->ext4)
			ASSERT_TRUE(drop_inodes());
		out = worker_run(&w, nth);
		tally_add(&t, &out);
		ASSERT_TRUE(!out.rc || is_errno(out.rc)) {
			TH_LOG("%s, allocation %u failing: returned %d",
			       variant->name, nth, out.rc);
		}
		rc = new_sd(&self->o, &b);
		if (rc == ENOENT) {
			ASSERT_NE(0, out.rc) {
				TH_LOG("%s, allocation %u failing: made, but not there",
				       variant->name, nth);
			}
			continue;
		}
		/* It exists, whether the call succeeded or not. */
		how = out.rc ? strerrorname_np(out.rc) : "made";
		EXPECT_EQ(0, rc) {
			TH_LOG("%s, allocation %u failing (%s): its descriptor cannot be read",
			       variant->name, nth, how);
		}
		EXPECT_TRUE(!rc && b.len == self->o.ref.len &&
			    !memcmp(b.b, self->o.ref.b, b.len)) {
			TH_LOG("%s, allocation %u failing (%s): %s (%zu bytes, not %zu)",
			       variant->name, nth, how, "another descriptor",
			       b.len, self->o.ref.len);
		}
		check.id = new_id(&self->o);
		EXPECT_EQ(EACCES, run_as(&medium_bob, bob_writes, &check)) {
			TH_LOG("%s, allocation %u failing (%s): bob may write it",
			       variant->name, nth, how);
		}
		/* One report is enough. */
		if (_metadata->exit_code == KSFT_FAIL)
			return;
	}
	ASSERT_EQ(0, worker_stop(&w));
	ASSERT_NE(0, out.left);
	ASSERT_EQ(0, out.rc);
	tally_format(&t, text, sizeof(text));
	ksft_print_msg("%s by Medium alice: %s\n", variant->name, text);
}

TEST_HARNESS_MAIN
