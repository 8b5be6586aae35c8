// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - io_uring: a request submitted through a ring passes
 * the same checks as the system call it stands for; a registered
 * personality above the submitter's level is refused (EPERM); an SQPOLL
 * ring, whose kernel thread acts with its creator's credentials, keeps
 * its holder from lowering its level (EBUSY), whether by
 * lsm_set_self_attr or by executing a lower-labelled program, does not
 * reach a lower task, and is not created in a file table shared with a
 * lower task (EPERM).
 */

#include "desc.h"
#include "fsop.h"

#include <signal.h>

/*
 * <linux/io_uring.h> includes <linux/fs.h>, whose block device ioctls
 * <sys/mount.h> defines too: take the ring's types without it (it needs
 * only the type of the RWF_* flags from there).
 */
#define _LINUX_FS_H
#define __kernel_rwf_t int
#include <linux/io_uring.h>

#ifndef __NR_io_uring_setup
#define __NR_io_uring_setup 425
#endif
#ifndef __NR_io_uring_enter
#define __NR_io_uring_enter 426
#endif
#ifndef __NR_io_uring_register
#define __NR_io_uring_register 427
#endif
#ifndef __NR_pidfd_open
#define __NR_pidfd_open 434
#endif
#ifndef __NR_pidfd_getfd
#define __NR_pidfd_getfd 438
#endif

/* Results of a ring request that never completed. */
#define ENTER_FAILED	1000	/* io_uring_enter() itself failed */
#define NO_COMPLETION	2000	/* no completion after the wait */

/* A ring with its queues mapped, enough to run one request at a time. */
struct ring {
	int fd;
	unsigned int *sq_tail;
	unsigned int *sq_mask;
	unsigned int *sq_array;
	unsigned int *cq_head;
	unsigned int *cq_tail;
	unsigned int *cq_mask;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqes;
	bool sqpoll;
};

/* A ring file descriptor set up with @flags, or -1 (errno set). */
static int ring_fd(unsigned int flags, struct io_uring_params *p)
{
	struct io_uring_params params = { .flags = flags };

	if (!p)
		p = &params;
	p->flags = flags;
	return syscall(__NR_io_uring_setup, 4, p);
}

/*
 * Map the queues of the ring @fd, set up with the parameters @p, into @r;
 * 0 or an errno.
 */
static int ring_map(struct ring *r, int fd, const struct io_uring_params *p)
{
	const int prot = PROT_READ | PROT_WRITE, map = MAP_SHARED;
	size_t sq_len, cq_len;
	void *sq, *cq, *sqes;

	r->fd = fd;
	r->sqpoll = p->flags & IORING_SETUP_SQPOLL;
	sq_len = p->sq_off.array + p->sq_entries * sizeof(__u32);
	cq_len = p->cq_off.cqes + p->cq_entries * sizeof(struct io_uring_cqe);
	sq = mmap(NULL, sq_len, prot, map, fd, IORING_OFF_SQ_RING);
	cq = mmap(NULL, cq_len, prot, map, fd, IORING_OFF_CQ_RING);
	sqes = mmap(NULL, p->sq_entries * sizeof(struct io_uring_sqe), prot,
		    map, fd, IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || sqes == MAP_FAILED)
		return errno;
	r->sq_tail = sq + p->sq_off.tail;
	r->sq_mask = sq + p->sq_off.ring_mask;
	r->sq_array = sq + p->sq_off.array;
	r->cq_head = cq + p->cq_off.head;
	r->cq_tail = cq + p->cq_off.tail;
	r->cq_mask = cq + p->cq_off.ring_mask;
	r->cqes = cq + p->cq_off.cqes;
	r->sqes = sqes;
	return 0;
}

/* Set up @r with @flags and map its queues; 0 or an errno. */
static int ring_setup(struct ring *r, unsigned int flags)
{
	struct io_uring_params p = {};
	int fd;

	fd = ring_fd(flags, &p);
	if (fd < 0)
		return errno;
	return ring_map(r, fd, &p);
}

/*
 * Submit @sqe and wait for its completion. Returns the completion's
 * result (negative errno on failure), or -ENTER_FAILED - errno, or
 * -NO_COMPLETION.
 */
static int ring_run(struct ring *r, const struct io_uring_sqe *sqe)
{
	unsigned int tail = *r->sq_tail, head, idx = tail & *r->sq_mask;
	unsigned int flags = IORING_ENTER_GETEVENTS;
	int res;

	/* The kernel thread of an SQPOLL ring submits; it may be asleep. */
	if (r->sqpoll)
		flags |= IORING_ENTER_SQ_WAKEUP;
	r->sqes[idx] = *sqe;
	r->sq_array[idx] = idx;
	__atomic_store_n(r->sq_tail, tail + 1, __ATOMIC_RELEASE);
	if (syscall(__NR_io_uring_enter, r->fd, 1, 1, flags, NULL, 0) < 0)
		return -ENTER_FAILED - errno;
	head = *r->cq_head;
	if (head == __atomic_load_n(r->cq_tail, __ATOMIC_ACQUIRE))
		return -NO_COMPLETION;
	res = r->cqes[head & *r->cq_mask].res;
	__atomic_store_n(r->cq_head, head + 1, __ATOMIC_RELEASE);
	return res;
}

/* IORING_OP_OPENAT of @path, as @personality when it is not 0. */
static int ring_openat(struct ring *r, const char *path, int flags,
		       unsigned int personality)
{
	struct io_uring_sqe sqe = {
		.opcode = IORING_OP_OPENAT,
		.fd = AT_FDCWD,
		.addr = (unsigned long)path,
		.len = 0666,
		.open_flags = flags,
		.personality = personality,
	};
	int res = ring_run(r, &sqe);

	if (res >= 0)
		close(res);
	return res;
}

/*
 * The result of a ring request as the tests compare it: 0 for success,
 * the errno of a failed request, ENTER_FAILED + errno or NO_COMPLETION
 * when the ring itself failed.
 */
static int status_of(int res)
{
	return res >= 0 ? 0 : -res;
}

static int register_personality(int fd)
{
	return syscall(__NR_io_uring_register, fd, IORING_REGISTER_PERSONALITY,
		       NULL, 0);
}

static bool level_is(const char *want)
{
	char level[64];

	get_level(level, sizeof(level));
	return !strcmp(level, want);
}

struct ring_open {
	const char *path;
	int flags;
	bool personality;
};

/* Open through a new ring, as a personality registered first if asked. */
static int do_ring_open(const void *p)
{
	const struct ring_open *a = p;
	struct ring r;
	int rc, id = 0;

	rc = ring_setup(&r, 0);
	if (rc)
		return PREP_FAILED + rc;
	if (a->personality) {
		id = register_personality(r.fd);
		if (id <= 0)
			return PREP_FAILED + errno;
	}
	return status_of(ring_openat(&r, a->path, a->flags, id));
}

/*
 * As @uid at @level, open @path with @flags through a ring, as a
 * personality registered at that level when @personality. Returns 0 or the
 * errno of the request; PREP_FAILED + errno when the setup failed.
 */
static int ring_open_as(uid_t uid, const char *level, const char *path,
			int flags, bool personality)
{
	struct ring_open a = {
		.path = path, .flags = flags, .personality = personality,
	};

	return run_as(SUBJECT(uid, level, 0), do_ring_open, &a);
}

FIXTURE(uring) {};

FIXTURE_SETUP(uring)
{
	int fd;

	prepare_tmpfs(_metadata);
	/* The sysctl exists whenever the kernel has io_uring. */
	if (access("/proc/sys/kernel/io_uring_disabled", F_OK))
		SKIP(return, "the kernel has no io_uring");
	fd = ring_fd(0, NULL);
	ASSERT_LE(0, fd);
	close(fd);
	/* An unlabeled file (Medium, no-write-up) that anyone may write. */
	make_file(_metadata, P("f"), 0);
	ASSERT_EQ(0, chmod(P("f"), 0666));
	/* A directory where Low may write, and whose files are Low. */
	make_dir(_metadata, P("low"), 0);
	SET_SD(P("low"), "S:(ML;OICI;NW;;;LW)");
}

FIXTURE_TEARDOWN(uring)
{
}

/* IORING_OP_OPENAT is open(): no-write-up applies. */
TEST_F(uring, openat_through_a_ring_checks_like_open)
{
	EXPECT_EQ(EACCES, ring_open_as(ALICE, "low", P("f"), O_WRONLY, false));
	EXPECT_EQ(EACCES, ring_open_as(ALICE, "low", P("f"), O_RDWR, false));
	/* Controls: reading down is allowed, and Medium may write. */
	EXPECT_EQ(0, ring_open_as(ALICE, "low", P("f"), O_RDONLY, false));
	EXPECT_EQ(0, ring_open_as(ALICE, "medium", P("f"), O_WRONLY, false));
}

/* Low creates and rewrites a file in a Low directory through a ring. */
TEST_F(uring, low_writes_low_files_through_a_ring)
{
	struct sdbuf sd;

	EXPECT_EQ(0, ring_open_as(ALICE, "low", P("low/new"),
				  O_CREAT | O_WRONLY, false));
	EXPECT_EQ(0, ring_open_as(ALICE, "low", P("low/new"), O_WRONLY, false));
	/* The file inherited the directory's Low label. */
	ASSERT_LT(0, get_sd(P("low/new"), &sd));
	EXPECT_TRUE(sd_has_nw_label(&sd, WINSEC_ACE_INHERITED, "LW"));
}

struct personality_use {
	const char *path;
	bool with_personality;
};

static int do_use_personality(const void *p)
{
	const struct personality_use *a = p;
	struct ring r;
	int rc, id;

	rc = ring_setup(&r, 0);
	if (rc)
		return PREP_FAILED + rc;
	id = register_personality(r.fd);
	if (id <= 0)
		return PREP_FAILED + errno;
	/* A personality at the task's own level is fine. */
	rc = status_of(ring_openat(&r, a->path, O_WRONLY, id));
	if (rc)
		return PREP_FAILED + rc;
	rc = set_level("low");
	if (rc)
		return PREP_FAILED + rc;
	return status_of(ring_openat(&r, a->path, O_WRONLY,
				     a->with_personality ? id : 0));
}

/*
 * A personality registered at Medium, used after the task went down to
 * Low, would let the request run at Medium: refused (EPERM). Returns the
 * errno of the request; PREP_FAILED + errno when the setup failed.
 */
static int use_personality(const char *path, bool with_personality)
{
	struct personality_use a = {
		.path = path, .with_personality = with_personality,
	};

	return run_as(SUBJECT(ALICE, "medium", 0), do_use_personality, &a);
}

TEST_F(uring, a_personality_above_the_task_is_refused)
{
	EXPECT_EQ(EPERM, use_personality(P("f"), true));
	/* Control: without it, the request runs at Low, and is refused. */
	EXPECT_EQ(EACCES, use_personality(P("f"), false));
}

/* Control: a personality registered at Low and used at Low works. */
TEST_F(uring, a_personality_at_the_task_level_works)
{
	EXPECT_EQ(0, ring_open_as(ALICE, "low", P("low/p"), O_CREAT | O_WRONLY,
				  true));
	/* And again on the existing Low file, without O_CREAT. */
	EXPECT_EQ(0, ring_open_as(ALICE, "low", P("low/p"), O_WRONLY, true));
}

struct ring_hold {
	unsigned int flags;
	bool close_first;
	const char *to;
};

/* Hold a ring set up with the given flags and set the level. */
static int do_lower_holding_ring(const void *p)
{
	const struct ring_hold *a = p;
	int fd, rc;

	fd = ring_fd(a->flags, NULL);
	if (fd < 0)
		return PREP_FAILED + errno;
	if (a->close_first)
		close(fd);
	rc = set_level(a->to);
	if (!level_is(rc ? "medium" : a->to))
		return WRONG_RESULT;
	return rc;
}

/*
 * As alice at Medium, hold a ring set up with @flags and go to @to.
 * Returns the errno of setting the level; WRONG_RESULT when the level is
 * not what that result implies, PREP_FAILED + errno when the setup failed.
 */
static int set_level_holding_ring(unsigned int flags, bool close_first,
				  const char *to)
{
	struct ring_hold a = {
		.flags = flags, .close_first = close_first, .to = to,
	};

	return run_as(SUBJECT(ALICE, "medium", 0), do_lower_holding_ring, &a);
}

/*
 * An SQPOLL ring's kernel thread runs every request at its creator's
 * level: a task holding one may not go below that level (EBUSY).
 */
TEST_F(uring, an_sqpoll_ring_keeps_its_holder_from_lowering)
{
	EXPECT_EQ(EBUSY, set_level_holding_ring(IORING_SETUP_SQPOLL, false,
						"low"));
	/* Controls: once it is closed; and an ordinary ring never blocks. */
	EXPECT_EQ(0, set_level_holding_ring(IORING_SETUP_SQPOLL, true, "low"));
	EXPECT_EQ(0, set_level_holding_ring(0, false, "low"));
}

/* Control: setting the level the ring acts at is not lowering. */
TEST_F(uring, an_sqpoll_ring_allows_its_own_level)
{
	EXPECT_EQ(0, set_level_holding_ring(IORING_SETUP_SQPOLL, false,
					    "medium"));
}

/* What a Low child got from recv_fd(). */
#define FD_RECEIVED	0
#define FD_REFUSED	1

/*
 * Receive one message from @sock that may carry a file descriptor.
 * FD_RECEIVED when an open file arrived; FD_REFUSED when none did (no
 * SCM_RIGHTS message, or a truncated one) and no descriptor was
 * installed; PREP_FAILED + errno or WRONG_RESULT on other failures.
 */
static int recv_fd(int sock)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u = {};
	char c;
	struct iovec iov = { .iov_base = &c, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *cmsg;
	int probe, fd;

	/* The lowest free descriptor: where a received file would go. */
	probe = open("/dev/null", O_RDONLY);
	if (probe < 0)
		return PREP_FAILED + errno;
	close(probe);
	if (recvmsg(sock, &msg, 0) != 1)
		return PREP_FAILED + errno;
	cmsg = CMSG_FIRSTHDR(&msg);
	if (cmsg && cmsg->cmsg_level == SOL_SOCKET &&
	    cmsg->cmsg_type == SCM_RIGHTS && !(msg.msg_flags & MSG_CTRUNC)) {
		memcpy(&fd, CMSG_DATA(cmsg), sizeof(fd));
		return fcntl(fd, F_GETFD) < 0 ? WRONG_RESULT : FD_RECEIVED;
	}
	fd = open("/dev/null", O_RDONLY);
	return fd == probe ? FD_REFUSED : WRONG_RESULT;
}

static int recv_fd_call(const void *sock)
{
	return recv_fd(*(const int *)sock);
}

enum pass_step {
	PASS_SEND,	/* the errno of sending */
	PASS_RECV,	/* what the Low child received, see recv_fd() */
};

/*
 * Send an SQPOLL ring (or, when @p, an open file) over a unix socket, and
 * let a child at Low receive it. When the kernel refuses to send the file
 * (it refuses every io_uring file since Linux 6.7, EINVAL), a message
 * without it is sent so that the child does not wait forever.
 */
static void pass_steps(struct steps *s, const void *p)
{
	int fds[2], obj;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds))
		return;
	if (*(const bool *)p)
		obj = open(P("f"), O_RDONLY);
	else
		obj = ring_fd(IORING_SETUP_SQPOLL, NULL);
	if (obj < 0)
		return;
	s->rc[PASS_SEND] = send_fd(fds[0], obj);
	if (s->rc[PASS_SEND] && write(fds[0], "x", 1) != 1)
		return;
	/* Holding the ring would keep the child from going down. */
	close(obj);
	/* alice cannot change her groups again: only the level changes. */
	s->rc[PASS_RECV] = run_as(SUBJECT(KEEP_USER, "low", 0), recv_fd_call,
				  &fds[1]);
}

/*
 * As alice at Medium, pass an SQPOLL ring (or, when @file, an open file)
 * to a child at Low; see pass_steps().
 */
static int pass_to_low(struct steps *s, bool file)
{
	return run_steps(s, SUBJECT(ALICE, "medium", 0), pass_steps, &file);
}

/*
 * A Low task never receives an SQPOLL ring created at Medium over a unix
 * socket: it would submit requests that run at Medium.
 */
TEST_F(uring, a_lower_task_receives_no_sqpoll_ring)
{
	struct steps *s = map_steps(_metadata);
	int err;

	ASSERT_NE(NULL, s);
	ASSERT_EQ(0, pass_to_low(s, false));
	EXPECT_EQ(FD_REFUSED, s->rc[PASS_RECV]);
	err = s->rc[PASS_SEND];
	TH_LOG("sending the SQPOLL ring: %s", err ? strerror(err) : "sent");
	/* Control: a file passed the same way arrives. */
	ASSERT_EQ(0, pass_to_low(s, true));
	EXPECT_EQ(FD_RECEIVED, s->rc[PASS_RECV]);
	EXPECT_EQ(0, s->rc[PASS_SEND]);
	munmap(s, sizeof(*s));
}

/*
 * At @p, take descriptor 10 of a child holding an SQPOLL ring there:
 * 0 or the errno of pidfd_getfd; PREP_FAILED + errno when the setup failed.
 */
static int getfd_from_holder(const void *p)
{
	int ready[2], done[2], pidfd, fd, rc;
	char c;
	pid_t holder;

	if (pipe(ready) || pipe(done))
		return PREP_FAILED + errno;
	holder = fork();
	if (!holder) {
		close(ready[0]);
		close(done[1]);
		/* Its owner may ptrace it (setuid made it not). */
		if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0))
			_exit(1);
		fd = ring_fd(IORING_SETUP_SQPOLL, NULL);
		if (fd < 0 || dup2(fd, 10) != 10 ||
		    write(ready[1], "r", 1) != 1)
			_exit(1);
		/* Until the parent is done: it may not signal us. */
		alarm(60);
		_exit(read(done[0], &c, 1) == 0 ? 0 : 2);
	}
	close(ready[1]);
	close(done[0]);
	if (read(ready[0], &c, 1) != 1)
		return PREP_FAILED + ECHILD;
	pidfd = syscall(__NR_pidfd_open, holder, 0);
	if (pidfd < 0)
		return PREP_FAILED + errno;
	rc = set_level(p);
	if (rc)
		return PREP_FAILED + rc;
	fd = syscall(__NR_pidfd_getfd, pidfd, 10, 0);
	rc = fd < 0 ? errno : 0;
	close(done[1]);
	waitpid(holder, NULL, 0);
	return rc;
}

/*
 * The other way to take a file from a task, pidfd_getfd(2), needs to be
 * allowed to ptrace it, which a lower task is not: as alice at @level,
 * take the SQPOLL ring of a Medium child. Returns 0 or the errno of
 * pidfd_getfd; PREP_FAILED + errno when the setup failed.
 */
static int getfd_sqpoll_ring(const char *level)
{
	return run_as(SUBJECT(ALICE, "medium", 0), getfd_from_holder, level);
}

TEST_F(uring, a_lower_task_cannot_take_an_sqpoll_ring)
{
	EXPECT_EQ(EPERM, getfd_sqpoll_ring("low"));
	/* Control: at the ring's level it may. */
	EXPECT_EQ(0, getfd_sqpoll_ring("medium"));
}

/* What the ring's creator tells the task that shares its file table. */
struct shared_ring {
	int fd;
	int err;
	struct io_uring_params p;
};

/* A ring result for a child that was given no ring. */
#define NO_RING		150

/*
 * In the child of shared_files_ring(): at @level, open the fixture's file
 * for writing through the ring its parent set up, and write to it.
 * Every descriptor is shared with the parent: none is closed here.
 */
static int use_shared_ring(const char *level, int ready, int go)
{
	struct io_uring_sqe sqe = {
		.opcode = IORING_OP_OPENAT,
		.fd = AT_FDCWD,
		.addr = (unsigned long)P("f"),
		.open_flags = O_WRONLY,
	};
	struct shared_ring msg;
	struct ring r;
	bool at_level;
	int res;

	at_level = !set_level(level) && level_is(level);
	/* Tell the parent in any case: it must not wait forever. */
	if (write(ready, at_level ? "r" : "f", 1) != 1)
		return 210;
	if (!at_level)
		return 211;
	if (read(go, &msg, sizeof(msg)) != sizeof(msg))
		return 210;
	if (msg.err)
		return NO_RING;
	if (ring_map(&r, msg.fd, &msg.p))
		return 212;
	res = ring_run(&r, &sqe);
	if (res >= 0 && write(res, "ring\n", 5) != 5)
		return 213;
	return status_of(res);
}

struct shared_files {
	unsigned int flags;
	const char *level;
	int *err;	/* shared with the test */
};

/* The creator's side of shared_files_ring(). */
static int ring_in_shared_table(const void *p)
{
	const struct shared_files *a = p;
	struct shared_ring msg = {};
	int ready[2], go[2], status;
	pid_t child;
	char c;

	if (pipe(ready) || pipe(go))
		return PREP_FAILED + errno;
	fflush(NULL);
	child = syscall(__NR_clone, CLONE_FILES | SIGCHLD, 0, 0, 0, 0);
	if (child < 0)
		return PREP_FAILED + errno;
	if (!child)
		_exit(use_shared_ring(a->level, ready[1], go[0]));
	if (read(ready[0], &c, 1) != 1)
		return PREP_FAILED + ECHILD;
	if (c != 'r') {
		/* The child is not at its level: no ring, nothing to test. */
		waitpid(child, &status, 0);
		return PREP_FAILED + EAGAIN;
	}
	msg.fd = ring_fd(a->flags, &msg.p);
	msg.err = msg.fd < 0 ? errno : 0;
	*a->err = msg.err;
	if (write(go[1], &msg, sizeof(msg)) != sizeof(msg))
		return PREP_FAILED + errno;
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
		return WRONG_RESULT;
	return WEXITSTATUS(status);
}

/*
 * As alice at Medium, clone a child that shares the file table
 * (CLONE_FILES, not the memory) and goes to @level; then set up a ring
 * with @flags, which lands in the child's table too. @setup_err gets 0
 * or the errno of io_uring_setup. Returns, when the ring was set up, the
 * child's ring_run() result for opening the fixture's file for writing
 * through it (status_of(); when it opened, it wrote to the file);
 * NO_RING when there is no ring; 200 and above when the child's setup
 * failed, PREP_FAILED + errno when the creator's did (PREP_FAILED +
 * EAGAIN: the child did not reach @level, and no ring was set up).
 */
static int shared_files_ring(unsigned int flags, const char *level,
			     int *setup_err)
{
	struct shared_files a = { .flags = flags, .level = level };
	int rc;

	a.err = mmap(NULL, sizeof(*a.err), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (a.err == MAP_FAILED)
		return PREP_FAILED + errno;
	*a.err = -1;
	rc = run_as(SUBJECT(ALICE, "medium", 0), ring_in_shared_table, &a);
	*setup_err = *a.err;
	munmap(a.err, sizeof(*a.err));
	return rc;
}

/* Whether the fixture's file still holds what FIXTURE_SETUP wrote. */
static bool f_unchanged(void)
{
	char buf[16] = "";
	int fd = open(P("f"), O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n == 5 && !strcmp(buf, "data\n");
}

/*
 * A task sharing its file table (CLONE_FILES) with a lower task may not
 * set up an SQPOLL ring (EPERM): the ring would land in the lower task's
 * table, and the lower task's requests would run at the creator's level.
 */
TEST_F(uring, no_sqpoll_ring_in_a_table_shared_with_a_lower_task)
{
	int err = -1, rc;

	rc = shared_files_ring(IORING_SETUP_SQPOLL, "low", &err);
	/* Preparing failed (the child is not Low): nothing was tested. */
	ASSERT_GT(PREP_FAILED, rc);
	EXPECT_EQ(EPERM, err);
	/* Had a ring been set up, the Low child's write must have failed. */
	EXPECT_EQ(err ? NO_RING : EACCES, rc);
	EXPECT_TRUE(f_unchanged());
	/*
	 * Control: an ordinary ring is set up, and its requests run with
	 * the submitter's credentials: the Low child is refused.
	 */
	EXPECT_EQ(EACCES, shared_files_ring(0, "low", &err));
	EXPECT_EQ(0, err);
	EXPECT_TRUE(f_unchanged());
	/* Control: shared with a task at its own level, it is set up. */
	EXPECT_EQ(0, shared_files_ring(IORING_SETUP_SQPOLL, "medium", &err));
	EXPECT_EQ(0, err);
	EXPECT_FALSE(f_unchanged());
}

struct ring_exec {
	const char *path;
	bool sqpoll;
	bool keep;
};

static int do_exec_holding_ring(const void *p)
{
	const struct ring_exec *a = p;
	char *const argv[] = { (char *)a->path, NULL };
	char *const envp[] = { "WINSEC_SELFTEST_EXIT=1", NULL };
	int fd;

	fd = ring_fd(a->sqpoll ? IORING_SETUP_SQPOLL : 0, NULL);
	if (fd < 0)
		return PREP_FAILED + errno;
	/* Rings are created close-on-exec. */
	if (a->keep && fcntl(fd, F_SETFD, 0))
		return PREP_FAILED + errno;
	execve(a->path, argv, envp);
	return errno;
}

/*
 * As alice at Medium, hold an SQPOLL ring (or an ordinary one when
 * @sqpoll is false), kept open across exec when @keep, and execute
 * @path. Returns the errno of execve, or the program's exit status.
 */
static int exec_holding_ring(const char *path, bool sqpoll, bool keep)
{
	struct ring_exec a = { .path = path, .sqpoll = sqpoll, .keep = keep };

	return run_as(SUBJECT(ALICE, "medium", 0), do_exec_holding_ring, &a);
}

/*
 * Executing a Low program lowers the task: not while an SQPOLL ring that
 * would survive the exec acts above Low (EBUSY).
 */
TEST_F(uring, exec_to_a_lower_level_with_an_sqpoll_ring)
{
	copy_self(_metadata, P("low/prog"));
	SET_SD(P("low/prog"), "D:(A;;FA;;;WD)S:(ML;;NW;;;LW)");
	copy_self(_metadata, P("prog"));
	SET_SD(P("prog"), "D:(A;;FA;;;WD)");
	EXPECT_EQ(EBUSY, exec_holding_ring(P("low/prog"), true, true));
	/* Controls: closed on exec (the default), it runs at Low. */
	EXPECT_EQ(EXIT_LOW, exec_holding_ring(P("low/prog"), true, false));
	/* An ordinary ring kept across exec does not stop it. */
	EXPECT_EQ(EXIT_LOW, exec_holding_ring(P("low/prog"), false, true));
	/* An unlabeled program does not lower the task. */
	EXPECT_EQ(EXIT_MEDIUM, exec_holding_ring(P("prog"), true, true));
}

/*
 * uring_cmd hands a command to the file, like ioctl. A socket handle is
 * opened with every right, so a Low task may ask its own socket how much
 * is queued (SOCKET_URING_OP_SIOCINQ). A UDP socket is used: the
 * command needs a protocol with an ioctl, which unix sockets lack.
 */
static int do_socket_cmd(const void *unused)
{
	struct io_uring_sqe sqe = {
		.opcode = IORING_OP_URING_CMD,
		.cmd_op = SOCKET_URING_OP_SIOCINQ,
	};
	struct ring r;
	int rc;

	rc = ring_setup(&r, 0);
	if (rc)
		return PREP_FAILED + rc;
	sqe.fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (sqe.fd < 0)
		return PREP_FAILED + errno;
	return status_of(ring_run(&r, &sqe));
}

TEST_F(uring, uring_cmd_on_a_socket_at_low)
{
	EXPECT_EQ(0, run_as(SUBJECT(ALICE, "low", 0), do_socket_cmd, NULL));
}

TEST_HARNESS_MAIN
