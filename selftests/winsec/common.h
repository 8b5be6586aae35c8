/* SPDX-License-Identifier: GPL-2.0 */
/*
 * winsec selftests - the core every test uses: the task's level through
 * the LSM syscalls, becoming another user at another level, running code
 * as such a subject in a child, a private tmpfs per test, and the probe of
 * an executed copy of the test binary.
 *
 * Descriptors are built in desc.h, file operations in fsop.h, SysV
 * objects in sysv.h.
 */

#ifndef _SELFTESTS_WINSEC_COMMON_H
#define _SELFTESTS_WINSEC_COMMON_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/lsm.h>
#include <linux/types.h>
#include <linux/winsec.h>

#include "../kselftest_harness.h"

#ifndef __NR_lsm_get_self_attr
#define __NR_lsm_get_self_attr 459
#endif
#ifndef __NR_lsm_set_self_attr
#define __NR_lsm_set_self_attr 460
#endif

#define TMP			"/tmp/winsec-selftest"

/* Path of a file inside TMP. */
#define P(name) TMP "/" name

/* Users the guest has (any uid works: the tests need no passwd entry). */
#define ALICE			1000
#define BOB			1001

#define CAPBIT(c)		(1ULL << (c))

struct test_lsm_ctx {
	__u64 id;
	__u64 flags;
	__u64 len;
	__u64 ctx_len;
	__u8 ctx[];
};

/* --- the LSM and the task's level ---------------------------------------- */

static inline bool winsec_active(void)
{
	char buf[512] = "";
	int fd = open("/sys/kernel/security/lsm", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	return strstr(buf, "winsec");
}

/*
 * Set a self attribute through lsm_set_self_attr, with @flags in the
 * lsm_ctx; 0 or errno.
 */
static inline int set_attr_flags(unsigned int attr, const void *val,
				 size_t len, __u64 flags)
{
	size_t size = sizeof(struct test_lsm_ctx) + len;
	struct test_lsm_ctx *ctx = calloc(1, size);
	int rc = 0;

	if (!ctx)
		return errno;
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

/* Set a self attribute through lsm_set_self_attr; 0 or errno. */
static inline int set_attr(unsigned int attr, const void *val, size_t len)
{
	return set_attr_flags(attr, val, len, 0);
}

static inline int set_level(const char *level)
{
	return set_attr(LSM_ATTR_CURRENT, level, strlen(level) + 1);
}

/* Get a self attribute into @buf; returns its length or -errno. */
static inline long get_attr(unsigned int attr, void *buf, size_t size)
{
	__u32 len = 4096;
	struct test_lsm_ctx *ctx = calloc(1, len);
	long n;

	ctx->id = LSM_ID_WINSEC;
	n = syscall(__NR_lsm_get_self_attr, attr, ctx, &len, LSM_FLAG_SINGLE);
	if (n < 0) {
		n = -errno;
	} else if (n != 1 || ctx->id != LSM_ID_WINSEC || ctx->ctx_len > size) {
		n = -EPROTO;
	} else {
		memcpy(buf, ctx->ctx, ctx->ctx_len);
		n = ctx->ctx_len;
	}
	free(ctx);
	return n;
}

static inline void get_level(char *buf, size_t size)
{
	long n = get_attr(LSM_ATTR_CURRENT, buf, size - 1);

	buf[n > 0 ? n : 0] = '\0';
}

/* The task's level as its RID (WINSEC_LEVEL_*), -1 for another one. */
static inline int level_rid(void)
{
	static const struct {
		const char *name;
		int rid;
	} names[] = {
		{ "untrusted", WINSEC_LEVEL_UNTRUSTED },
		{ "low", WINSEC_LEVEL_LOW },
		{ "medium", WINSEC_LEVEL_MEDIUM },
		{ "medium-plus", WINSEC_LEVEL_MEDIUM_PLUS },
		{ "high", WINSEC_LEVEL_HIGH },
		{ "system", WINSEC_LEVEL_SYSTEM },
	};
	char level[64];
	size_t i;

	get_level(level, sizeof(level));
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(level, names[i].name))
			return names[i].rid;
	return -1;
}

/* --- becoming another subject ---------------------------------------------- */

static inline int capset_effective(__u64 eff, __u64 perm)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = {
		{ .effective = (__u32)eff, .permitted = (__u32)perm },
		{ .effective = eff >> 32, .permitted = perm >> 32 },
	};

	return syscall(SYS_capset, &hdr, data);
}

/* Every capability the kernel has. */
static inline __u64 all_caps(void)
{
	char buf[16] = "";
	int fd = open("/proc/sys/kernel/cap_last_cap", O_RDONLY);
	int last = 40;

	if (fd >= 0 && read(fd, buf, sizeof(buf) - 1) > 0)
		last = atoi(buf);
	if (fd >= 0)
		close(fd);
	return (2ULL << last) - 1;
}

/*
 * The uid of a subject that keeps the user and groups of its parent: root
 * for a test, or a user who could not change them again.
 */
#define KEEP_USER	0

/*
 * Who a child becomes. A zero uid (KEEP_USER) keeps the user and groups of
 * the caller; another uid also becomes the primary group of the same
 * number, with @groups as its only supplementary groups. A NULL @level
 * keeps the level. Only the capabilities in @caps stay, effective and
 * permitted.
 */
struct subject {
	uid_t uid;
	const gid_t *groups;
	size_t ngroups;
	const char *level;
	__u64 caps;
};

/* A subject without supplementary groups, as an argument. */
#define SUBJECT(_uid, _level, _caps)					\
	(&(struct subject){ .uid = (_uid), .level = (_level),		\
			    .caps = (_caps) })

/*
 * Become @who. A non-root level above Medium is reached by keeping
 * CAP_MAC_ADMIN across setuid just long enough to set it. Returns 0 or an
 * errno.
 */
static inline int become_subject(const struct subject *who)
{
	uid_t uid = who->uid;
	int rc;

	if (uid) {
		if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) ||
		    setgroups(who->ngroups, who->groups) ||
		    setresgid(uid, uid, uid) || setresuid(uid, uid, uid))
			return errno;
		if (capset_effective(CAPBIT(CAP_MAC_ADMIN) | who->caps,
				     CAPBIT(CAP_MAC_ADMIN) | who->caps))
			return errno;
	}
	if (who->level) {
		rc = set_level(who->level);
		if (rc)
			return rc;
	}
	if (capset_effective(who->caps, who->caps))
		return errno;
	return 0;
}

/* Become @uid at @level with only @caps, without supplementary groups. */
static inline int become(uid_t uid, const char *level, __u64 caps)
{
	struct subject who = { .uid = uid, .level = level, .caps = caps };

	return become_subject(&who);
}

/* Results of run_as() that are not what the callback returned. */
#define RUN_AS_BECOME	0x10000	/* + errno: becoming the subject failed */
#define RUN_AS_KILLED	0x20000	/* + signal: the child was killed */
#define RUN_AS_LOST	0x30000	/* fork or the result pipe failed */

/*
 * Added by a callback to the errno of a step it takes before the one a
 * test looks at, so that the two cannot be confused.
 */
#define PREP_FAILED	1000

/* Returned by a callback whose steps succeeded without the effect due. */
#define WRONG_RESULT	2000

/* The counter @name of winsec's statistics, -1 when it cannot be read. */
static inline long read_stat(const char *name)
{
	char buf[512], *p;
	int fd = open("/sys/kernel/security/winsec/stats", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, name);
	return p ? strtol(p + strlen(name) + 1, NULL, 10) : -1;
}

typedef int (*run_fn)(const void *arg);

/*
 * Run @fn(@arg) in a child that became @who. Returns exactly what @fn
 * returned (by convention 0 or an errno), sent back through a pipe; when
 * @fn executed another program instead of returning, that program's exit
 * status. RUN_AS_BECOME + errno when becoming @who failed, RUN_AS_KILLED +
 * signal when the child was killed.
 */
static inline int run_as(const struct subject *who, run_fn fn,
			 const void *arg)
{
	int fds[2], rc, status;
	ssize_t got;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC))
		return RUN_AS_LOST;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return RUN_AS_LOST;
	}
	if (!pid) {
		close(fds[0]);
		rc = become_subject(who);
		if (rc) {
			fprintf(stderr, "# cannot become uid %u at %s: %s\n",
				who->uid, who->level ?: "(same level)",
				strerror(rc));
			rc += RUN_AS_BECOME;
		} else {
			rc = fn(arg);
		}
		if (write(fds[1], &rc, sizeof(rc)) != sizeof(rc))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	got = read(fds[0], &rc, sizeof(rc));
	close(fds[0]);
	if (waitpid(pid, &status, 0) != pid)
		return RUN_AS_LOST;
	if (got == sizeof(rc))
		return rc;
	if (WIFSIGNALED(status))
		return RUN_AS_KILLED + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* --- a child that records the outcome of each of its steps ------------- */

#define NSTEPS			16
#define NOT_REACHED		(-1)

/* Lives in shared memory (map_steps()): the child writes, the test reads. */
struct steps {
	int rc[NSTEPS];
};

typedef void (*steps_fn)(struct steps *s, const void *arg);

struct steps_call {
	struct steps *s;
	steps_fn fn;
	const void *arg;
};

static inline int call_steps(const void *p)
{
	const struct steps_call *c = p;

	c->fn(c->s, c->arg);
	return 0;
}

/*
 * Run @fn as @who; it records 0 or an errno for each step in @s, steps it
 * did not reach stay NOT_REACHED. Returns what run_as() returns.
 */
static inline int run_steps(struct steps *s, const struct subject *who,
			    steps_fn fn, const void *arg)
{
	struct steps_call c = { .s = s, .fn = fn, .arg = arg };
	int i;

	for (i = 0; i < NSTEPS; i++)
		s->rc[i] = NOT_REACHED;
	return run_as(who, call_steps, &c);
}

static inline struct steps *map_steps(struct __test_metadata *const _metadata)
{
	struct steps *s = mmap(NULL, sizeof(*s), PROT_READ | PROT_WRITE,
			       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	EXPECT_NE(MAP_FAILED, s);
	return s == MAP_FAILED ? NULL : s;
}

/* 0 for a call that succeeded, its errno otherwise. */
static inline int rc_of(long ret)
{
	return ret < 0 ? errno : 0;
}

/* Send @fd over the unix socket @sock; 0 or the errno. */
static inline int send_fd(int sock, int fd)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u = {};
	struct iovec iov = { .iov_base = "x", .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);

	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cmsg), &fd, sizeof(fd));
	return sendmsg(sock, &msg, 0) < 0 ? errno : 0;
}

/* --- a private tmpfs per test ------------------------------------------- */

/*
 * A private tmpfs at TMP, world-writable, in a new mount namespace, for
 * the calling test process only.
 */
static inline void prepare_tmpfs(struct __test_metadata *const _metadata)
{
	if (!winsec_active())
		SKIP(return, "winsec is not active");
	umask(0);
	mkdir(TMP, 0777);
	ASSERT_EQ(0, unshare(CLONE_NEWNS));
	ASSERT_EQ(0, mount(NULL, "/", NULL, MS_PRIVATE | MS_REC, NULL));
	ASSERT_EQ(0, mount("tmpfs", TMP, "tmpfs", 0, "mode=0777"));
}

static inline void make_file(struct __test_metadata *const _metadata,
			     const char *path, uid_t owner)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0777);

	ASSERT_LE(0, fd);
	ASSERT_EQ(5, write(fd, "data\n", 5));
	close(fd);
	ASSERT_EQ(0, chown(path, owner, owner));
	ASSERT_EQ(0, chmod(path, 0777));
}

static inline void make_dir(struct __test_metadata *const _metadata,
			    const char *path, uid_t owner)
{
	ASSERT_EQ(0, mkdir(path, 0777));
	ASSERT_EQ(0, chown(path, owner, owner));
	ASSERT_EQ(0, chmod(path, 0777));
}

/* --- an executed copy of the test binary --------------------------------- */

/* Exit status of an executed copy of the test binary: its level. */
#define EXIT_OTHER	98
#define EXIT_UNTRUSTED	99
#define EXIT_LOW	100
#define EXIT_MEDIUM	101
#define EXIT_HIGH	102
#define EXIT_SYSTEM	103
#define EXIT_NO_FSCREATE 104
#define EXIT_FSCREATE	105

/*
 * When a test copies the test binary and executes it with
 * WINSEC_SELFTEST_EXIT set, the copy prints its level and exits here,
 * before the harness starts.
 */
static void __attribute__((constructor)) winsec_exec_probe(void)
{
	char level[64];

	if (getenv("WINSEC_SELFTEST_FSCREATE"))
		_exit(get_attr(LSM_ATTR_FSCREATE, level, sizeof(level)) == 0 ?
		      EXIT_NO_FSCREATE : EXIT_FSCREATE);
	if (!getenv("WINSEC_SELFTEST_EXIT"))
		return;
	get_level(level, sizeof(level));
	if (!strcmp(level, "untrusted"))
		_exit(EXIT_UNTRUSTED);
	if (!strcmp(level, "low"))
		_exit(EXIT_LOW);
	if (!strcmp(level, "medium"))
		_exit(EXIT_MEDIUM);
	if (!strcmp(level, "high"))
		_exit(EXIT_HIGH);
	if (!strcmp(level, "system"))
		_exit(EXIT_SYSTEM);
	_exit(EXIT_OTHER);
}

/* Copy the running test binary to @path (mode 0777). */
static inline void copy_self(struct __test_metadata *const _metadata,
			     const char *path)
{
	int in = open("/proc/self/exe", O_RDONLY);
	int out = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0777);
	char buf[65536];
	ssize_t n;

	ASSERT_LE(0, in);
	ASSERT_LE(0, out);
	while ((n = read(in, buf, sizeof(buf))) > 0)
		ASSERT_EQ(n, write(out, buf, n));
	close(in);
	close(out);
	ASSERT_EQ(0, chmod(path, 0777));
}

#endif /* _SELFTESTS_WINSEC_COMMON_H */
