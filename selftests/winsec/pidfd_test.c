// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec kselftests: pidfd_getfd(2), Linux's DuplicateHandle, obeys the
 * rule of ptrace between levels: a task takes a file descriptor from
 * another only at or above that task's level.
 */

#include "common.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

/* The descriptor the holder keeps open for the taker. */
#define HELD_FD 100

FIXTURE(pidfd) {};

FIXTURE_VARIANT(pidfd) {
	const char *holder;	/* level of the task that holds the file */
	const char *taker;	/* level of the task that takes it */
	int expect;		/* errno of pidfd_getfd(), 0 when it works */
};

FIXTURE_VARIANT_ADD(pidfd, low_from_medium) {
	.holder = "medium", .taker = "low", .expect = EPERM,
};

FIXTURE_VARIANT_ADD(pidfd, low_from_system) {
	.holder = "system", .taker = "low", .expect = EPERM,
};

FIXTURE_VARIANT_ADD(pidfd, medium_from_high) {
	.holder = "high", .taker = "medium", .expect = EPERM,
};

FIXTURE_VARIANT_ADD(pidfd, medium_from_medium) {
	.holder = "medium", .taker = "medium", .expect = 0,
};

FIXTURE_VARIANT_ADD(pidfd, low_from_low) {
	.holder = "low", .taker = "low", .expect = 0,
};

FIXTURE_VARIANT_ADD(pidfd, medium_from_low) {
	.holder = "low", .taker = "medium", .expect = 0,
};

FIXTURE_SETUP(pidfd)
{
	if (!winsec_active())
		SKIP(return, "winsec is not active");
}

FIXTURE_TEARDOWN(pidfd)
{
}

/* Take HELD_FD from the task @p: 0 or the errno of pidfd_getfd(). */
static int take_held_fd(const void *p)
{
	int pidfd, fd;

	pidfd = syscall(SYS_pidfd_open, *(const pid_t *)p, 0);
	if (pidfd < 0)
		return PREP_FAILED + errno;
	fd = syscall(SYS_pidfd_getfd, pidfd, HELD_FD, 0);
	return fd < 0 ? errno : 0;
}

TEST_F(pidfd, getfd_follows_the_ptrace_rule)
{
	int ready[2], rc;
	pid_t holder;
	char c;

	ASSERT_EQ(0, pipe(ready));
	holder = fork();
	ASSERT_LE(0, holder);
	if (holder == 0) {
		int fd = open("/dev/null", O_RDONLY);

		if (fd < 0 || dup2(fd, HELD_FD) != HELD_FD ||
		    set_level(variant->holder))
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	close(ready[1]);
	ASSERT_EQ(1, read(ready[0], &c, 1));
	close(ready[0]);

	rc = run_as(SUBJECT(KEEP_USER, variant->taker, all_caps()),
		    take_held_fd, &holder);
	kill(holder, SIGKILL);
	waitpid(holder, NULL, 0);
	EXPECT_EQ(variant->expect, rc);
}

TEST_HARNESS_MAIN
