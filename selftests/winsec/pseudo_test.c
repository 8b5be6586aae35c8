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

/* The /dev/stdout idiom at Low: its own pipe, reopened both ways. */
TEST_F(pseudo, low_reopens_its_own_pipe)
{
	EXPECT_EQ(0, IN_CHILD({
		char buf[8] = "";
		int p[2], w, r;

		if (become(ALICE, "low", 0) || pipe(p))
			_exit(1);
		w = reopen(p[1], O_WRONLY);
		if (w < 0)
			_exit(2);
		if (write(w, "hi", 2) != 2 || read(p[0], buf, 2) != 2 ||
		    strcmp(buf, "hi"))
			_exit(3);
		r = reopen(p[0], O_RDONLY);
		if (r < 0)
			_exit(4);
		if (write(p[1], "ok", 2) != 2 || read(r, buf, 2) != 2 ||
		    strcmp(buf, "ok"))
			_exit(5);
	}));
}

TEST_F(pseudo, low_reopens_its_own_memfd)
{
	EXPECT_EQ(0, IN_CHILD({
		char buf[8] = "";
		int m, n;

		if (become(ALICE, "low", 0))
			_exit(1);
		m = sys_memfd_create("winsec", MFD_CLOEXEC);
		if (m < 0)
			_exit(2);
		n = reopen(m, O_RDWR);
		if (n < 0)
			_exit(3);
		/* The same file: what one writes, the other reads. */
		if (write(n, "hi", 2) != 2 || pread(m, buf, 2, 0) != 2 ||
		    strcmp(buf, "hi"))
			_exit(4);
	}));
}

/* Device nodes carry no implicit label: Low writes /dev/null. */
TEST_F(pseudo, low_writes_an_unlabeled_device)
{
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = "/dev/null",
			.flags = O_WRONLY));
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = "/dev/zero",
			.flags = O_RDWR));
}

/* A pidfd of its own child works at Low, for opening and signalling. */
TEST_F(pseudo, low_signals_its_child_through_a_pidfd)
{
	EXPECT_EQ(0, IN_CHILD({
		int pidfd, status;
		pid_t child;

		if (become(ALICE, "low", 0))
			_exit(1);
		child = sleeper();
		if (child < 0)
			_exit(2);
		pidfd = pidfd_open(child);
		if (pidfd < 0)
			_exit(3);
		if (pidfd_send_signal(pidfd, SIGTERM))
			_exit(4);
		if (waitpid(child, &status, 0) != child ||
		    !WIFSIGNALED(status) || WTERMSIG(status) != SIGTERM)
			_exit(5);
	}));
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
	EXPECT_EQ(EPERM, IN_CHILD({
		int pidfd;

		if (become(ALICE, "low", 0))
			_exit(1);
		pidfd = pidfd_open(target);
		if (pidfd < 0)
			_exit(2);
		_exit(pidfd_send_signal(pidfd, SIGKILL) ? errno : 0);
	}));
	/* Nothing arrived: the target is still there. */
	EXPECT_EQ(0, waitpid(target, &status, WNOHANG));
	EXPECT_EQ(0, IN_CHILD({
		int pidfd;

		if (become(ALICE, "medium", 0))
			_exit(1);
		pidfd = pidfd_open(target);
		if (pidfd < 0)
			_exit(2);
		_exit(pidfd_send_signal(pidfd, SIGKILL) ? errno : 0);
	}));
	ASSERT_EQ(target, waitpid(target, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

/*
 * As alice at Medium, create a pipe; a child at @level reopens its write
 * end for writing and its read end for reading, and writes through the
 * write end it inherited. Returns the errno of the write reopen, or 100
 * and above when something else went wrong.
 */
static int reopen_medium_pipe(const char *level)
{
	return IN_CHILD({
		int p[2];

		if (become(ALICE, "medium", 0) || pipe(p))
			_exit(100);
		_exit(IN_CHILD({
			int rc;

			if (set_level(level))
				_exit(101);
			rc = reopen_err(p[1], O_WRONLY);
			/* Reading a higher object is not restricted. */
			if (reopen_err(p[0], O_RDONLY))
				_exit(102);
			/* The inherited handle keeps its rights. */
			if (write(p[1], "x", 1) != 1)
				_exit(103);
			_exit(rc);
		}));
	});
}

TEST_F(pseudo, low_cannot_reopen_a_medium_pipe_for_writing)
{
	EXPECT_EQ(EACCES, reopen_medium_pipe("low"));
	/* Control: at the creator's level it may. */
	EXPECT_EQ(0, reopen_medium_pipe("medium"));
}

/*
 * The same with a memfd created at Medium: a child at @level reopens it
 * read-write and read-only. Returns the errno of the read-write reopen, or
 * 100 and above when something else went wrong.
 */
static int reopen_medium_memfd(const char *level)
{
	return IN_CHILD({
		int m;

		if (become(ALICE, "medium", 0))
			_exit(100);
		m = sys_memfd_create("winsec", 0);
		if (m < 0)
			_exit(101);
		_exit(IN_CHILD({
			int rc;

			if (set_level(level))
				_exit(102);
			rc = reopen_err(m, O_RDWR);
			if (reopen_err(m, O_RDONLY))
				_exit(103);
			_exit(rc);
		}));
	});
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

/* From above it is allowed: Medium reopens a Low task's pipe and memfd. */
TEST_F(pseudo, medium_reopens_a_low_pipe_and_memfd)
{
	EXPECT_EQ(0, IN_CHILD({
		int p[2], ready[2], m, rc;
		char c;
		pid_t low;

		if (become(ALICE, "medium", 0) || pipe(ready))
			_exit(1);
		/*
		 * A Low child creates them and leaves them in its fd table,
		 * dumpable so that its owner may follow its fd links.
		 */
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
		if (read(ready[0], &c, 1) != 1)
			_exit(2);
		rc = open_fd_of(low, 10, O_WRONLY) ? 3 :
		     open_fd_of(low, 11, O_RDWR) ? 4 : 0;
		kill(low, SIGKILL);
		waitpid(low, NULL, 0);
		_exit(rc);
	}));
}

TEST_HARNESS_MAIN
