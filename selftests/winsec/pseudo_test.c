// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - objects of the kernel-internal file systems: pipes,
 * sockets and memfds get the level of the task that created them, so a
 * Low task may reopen its own pipe or memfd through /proc/self/fd (what
 * opening /dev/stdout does) but not reopen for writing one created by a
 * Medium task (EACCES). Device nodes, proc files, pidfds and anonymous
 * inodes carry no implicit label: a pidfd is only checked when used, as
 * kill() is.
 */

#include "common.h"
#include "fsop.h"

#include <signal.h>

#ifndef __NR_pidfd_open
#define __NR_pidfd_open 434
#endif
#ifndef __NR_pidfd_send_signal
#define __NR_pidfd_send_signal 424
#endif

#ifndef MFD_CLOEXEC
#define MFD_CLOEXEC 1U
#endif

/* Open /proc/self/fd/@fd with @flags: a new open file, or -1. */
static int reopen(int fd, int flags)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return open(path, flags);
}

/* The errno of reopen(), 0 when it succeeded. */
static int reopen_err(int fd, int flags)
{
	int n = reopen(fd, flags);

	if (n < 0)
		return errno;
	close(n);
	return 0;
}

static int sys_memfd_create(const char *name, unsigned int flags)
{
	return syscall(SYS_memfd_create, name, flags);
}

static int pidfd_open(pid_t pid)
{
	return syscall(__NR_pidfd_open, pid, 0);
}

static int pidfd_send_signal(int pidfd, int sig)
{
	return syscall(__NR_pidfd_send_signal, pidfd, sig, NULL, 0);
}

/* A child that waits for a signal; -1 when fork failed. */
static pid_t sleeper(void)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (!pid) {
		alarm(60);	/* never outlive a test that went wrong */
		for (;;)
			pause();
	}
	return pid;
}

FIXTURE(pseudo) {};

FIXTURE_SETUP(pseudo)
{
	if (!winsec_active())
		SKIP(return, "winsec is not active");
}

FIXTURE_TEARDOWN(pseudo)
{
}

/*
 * The /dev/stdout idiom: a pipe of the task's own, reopened both ways.
 * Returns 0, the errno of a reopen, WRONG_RESULT when the data did not go
 * through, PREP_FAILED + errno when the pipe could not be made.
 */
static int reopen_own_pipe(const void *unused)
{
	char buf[8] = "";
	int p[2], w, r;

	if (pipe(p))
		return PREP_FAILED + errno;
	w = reopen(p[1], O_WRONLY);
	if (w < 0)
		return errno;
	if (write(w, "hi", 2) != 2 || read(p[0], buf, 2) != 2 ||
	    strcmp(buf, "hi"))
		return WRONG_RESULT;
	r = reopen(p[0], O_RDONLY);
	if (r < 0)
		return errno;
	if (write(p[1], "ok", 2) != 2 || read(r, buf, 2) != 2 ||
	    strcmp(buf, "ok"))
		return WRONG_RESULT;
	return 0;
}

TEST_F(pseudo, low_reopens_its_own_pipe)
{
	EXPECT_EQ(0, run_as(SUBJECT(ALICE, "low", 0), reopen_own_pipe, NULL));
}

/* The same with a memfd of the task's own, reopened read-write. */
static int reopen_own_memfd(const void *unused)
{
	char buf[8] = "";
	int m, n;

	m = sys_memfd_create("winsec", MFD_CLOEXEC);
	if (m < 0)
		return PREP_FAILED + errno;
	n = reopen(m, O_RDWR);
	if (n < 0)
		return errno;
	/* The same file: what one writes, the other reads. */
	if (write(n, "hi", 2) != 2 || pread(m, buf, 2, 0) != 2 ||
	    strcmp(buf, "hi"))
		return WRONG_RESULT;
	return 0;
}

TEST_F(pseudo, low_reopens_its_own_memfd)
{
	EXPECT_EQ(0, run_as(SUBJECT(ALICE, "low", 0), reopen_own_memfd, NULL));
}

/* Device nodes carry no implicit label: Low writes /dev/null. */
TEST_F(pseudo, low_writes_an_unlabeled_device)
{
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = "/dev/null",
			.flags = O_WRONLY));
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = "/dev/zero",
			.flags = O_RDWR));
}

/*
 * Start a child, open a pidfd on it and terminate it through the pidfd.
 * Returns 0, the errno of pidfd_open or pidfd_send_signal, WRONG_RESULT
 * when the child did not die of the signal.
 */
static int signal_own_child(const void *unused)
{
	int pidfd, status;
	pid_t child;

	child = sleeper();
	if (child < 0)
		return PREP_FAILED + errno;
	pidfd = pidfd_open(child);
	if (pidfd < 0)
		return errno;
	if (pidfd_send_signal(pidfd, SIGTERM))
		return errno;
	if (waitpid(child, &status, 0) != child ||
	    !WIFSIGNALED(status) || WTERMSIG(status) != SIGTERM)
		return WRONG_RESULT;
	return 0;
}

/* A pidfd of its own child works at Low, for opening and signalling. */
TEST_F(pseudo, low_signals_its_child_through_a_pidfd)
{
	EXPECT_EQ(0, run_as(SUBJECT(ALICE, "low", 0), signal_own_child, NULL));
}

/* Kill the task @p through a pidfd: 0 or the errno of the signal. */
static int kill_through_pidfd(const void *p)
{
	int pidfd = pidfd_open(*(const pid_t *)p);

	if (pidfd < 0)
		return PREP_FAILED + errno;
	return pidfd_send_signal(pidfd, SIGKILL) ? errno : 0;
}

/*
 * A pidfd is a handle without a label: Low may open one on a Medium task,
 * but signalling through it is kill(), refused (EPERM); Medium may.
 */
TEST_F(pseudo, a_pidfd_signals_as_kill_does)
{
	int status;
	pid_t target;

	fflush(NULL);
	target = fork();
	ASSERT_LE(0, target);
	if (!target) {
		if (become(ALICE, "medium", 0))
			_exit(1);
		alarm(60);
		for (;;)
			pause();
	}
	EXPECT_EQ(EPERM, run_as(SUBJECT(ALICE, "low", 0), kill_through_pidfd,
				&target));
	/* Nothing arrived: the target is still there. */
	EXPECT_EQ(0, waitpid(target, &status, WNOHANG));
	EXPECT_EQ(0, run_as(SUBJECT(ALICE, "medium", 0), kill_through_pidfd,
			    &target));
	ASSERT_EQ(target, waitpid(target, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

/*
 * With the pipe @p of a Medium task: reopen its write end for writing and
 * its read end for reading, and write through the write end inherited.
 * Returns the errno of the write reopen, PREP_FAILED + errno when
 * something else failed.
 */
static int reopen_pipe(const void *p)
{
	const int *fds = p;
	int rc;

	rc = reopen_err(fds[1], O_WRONLY);
	/* Reading a higher object is not restricted. */
	if (reopen_err(fds[0], O_RDONLY))
		return PREP_FAILED + errno;
	/* The inherited handle keeps its rights. */
	if (write(fds[1], "x", 1) != 1)
		return PREP_FAILED + errno;
	return rc;
}

/* Make a pipe and hand it to reopen_pipe() at the level @p. */
static int make_pipe_and_reopen(const void *level)
{
	int p[2];

	if (pipe(p))
		return PREP_FAILED + errno;
	/* alice cannot change her groups again: only the level changes. */
	return run_as(SUBJECT(KEEP_USER, level, 0), reopen_pipe, p);
}

/*
 * As alice at Medium, create a pipe; a child at @level reopens it, see
 * reopen_pipe().
 */
static int reopen_medium_pipe(const char *level)
{
	return run_as(SUBJECT(ALICE, "medium", 0), make_pipe_and_reopen, level);
}

TEST_F(pseudo, low_cannot_reopen_a_medium_pipe_for_writing)
{
	EXPECT_EQ(EACCES, reopen_medium_pipe("low"));
	/* Control: at the creator's level it may. */
	EXPECT_EQ(0, reopen_medium_pipe("medium"));
}

/*
 * With the memfd @p of a Medium task: reopen it read-write and read-only.
 * Returns the errno of the read-write reopen, PREP_FAILED + errno when
 * the read-only one failed.
 */
static int reopen_memfd(const void *p)
{
	int m = *(const int *)p, rc;

	rc = reopen_err(m, O_RDWR);
	if (reopen_err(m, O_RDONLY))
		return PREP_FAILED + errno;
	return rc;
}

/* Make a memfd and hand it to reopen_memfd() at the level @p. */
static int make_memfd_and_reopen(const void *level)
{
	int m = sys_memfd_create("winsec", 0);

	if (m < 0)
		return PREP_FAILED + errno;
	return run_as(SUBJECT(KEEP_USER, level, 0), reopen_memfd, &m);
}

/* The same with a memfd created at Medium. */
static int reopen_medium_memfd(const char *level)
{
	return run_as(SUBJECT(ALICE, "medium", 0), make_memfd_and_reopen,
		      level);
}

TEST_F(pseudo, low_cannot_reopen_a_medium_memfd_for_writing)
{
	EXPECT_EQ(EACCES, reopen_medium_memfd("low"));
	EXPECT_EQ(0, reopen_medium_memfd("medium"));
}

/* Open /proc/@pid/fd/@fd with @flags; 0 or the errno. */
static int open_fd_of(pid_t pid, int fd, int flags)
{
	char path[64];
	int n;

	snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, fd);
	n = open(path, flags);
	if (n < 0)
		return errno;
	close(n);
	return 0;
}

/*
 * A Low child creates a pipe and a memfd and leaves them in its fd table
 * (as 10 and 11), dumpable so that its owner may follow its fd links; the
 * caller reopens both for writing. Returns 0, the errno of a reopen, or
 * PREP_FAILED + errno when the child could not be made ready.
 */
static int reopen_low_pipe_and_memfd(const void *unused)
{
	int p[2], ready[2], m, rc;
	char c;
	pid_t low;

	if (pipe(ready))
		return PREP_FAILED + errno;
	low = fork();
	if (!low) {
		if (set_level("low") || pipe(p) ||
		    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0))
			_exit(1);
		m = sys_memfd_create("winsec", 0);
		if (m < 0 || dup2(p[1], 10) < 0 || dup2(m, 11) < 0 ||
		    write(ready[1], "r", 1) != 1)
			_exit(2);
		alarm(60);
		for (;;)
			pause();
	}
	close(ready[1]);
	if (read(ready[0], &c, 1) != 1)
		rc = PREP_FAILED + ECHILD;
	else
		rc = open_fd_of(low, 10, O_WRONLY) ?:
		     open_fd_of(low, 11, O_RDWR);
	kill(low, SIGKILL);
	waitpid(low, NULL, 0);
	return rc;
}

/* From above it is allowed: Medium reopens a Low task's pipe and memfd. */
TEST_F(pseudo, medium_reopens_a_low_pipe_and_memfd)
{
	EXPECT_EQ(0, run_as(SUBJECT(ALICE, "medium", 0),
			    reopen_low_pipe_and_memfd, NULL));
}

TEST_HARNESS_MAIN
