// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - signals sent through a file's owner (O_ASYNC,
 * F_SETOWN, F_SETSIG): the signal is checked as kill() would be, from the
 * level of the task that set the owner to the level of the receiver. A
 * refused signal is dropped silently: the write that triggers it has no
 * error to report.
 *
 * The receivers block the signals they may get, so that a signal that was
 * sent stays pending and the receiver reports it without any race: no
 * timing decides a result.
 */

#include "common.h"

#include <signal.h>

struct target {
	pid_t pid;
	int ask;	/* write a byte: the target answers on @answer */
	int answer;
};

/*
 * Start alice at @level with SIGUSR1 and SIGIO blocked. When the test
 * writes to the ask pipe it answers with one byte: the bits of the
 * pending signals (1: SIGUSR1, 2: SIGIO) and exits.
 */
static void start_target(struct __test_metadata *const _metadata,
			 const char *level, struct target *t)
{
	int ready[2], ask[2], answer[2];
	sigset_t set;
	char c;

	ASSERT_EQ(0, pipe(ready));
	ASSERT_EQ(0, pipe(ask));
	ASSERT_EQ(0, pipe(answer));
	fflush(NULL);
	t->pid = fork();
	ASSERT_LE(0, t->pid);
	if (!t->pid) {
		close(ready[0]);
		close(ask[1]);
		close(answer[0]);
		sigemptyset(&set);
		sigaddset(&set, SIGUSR1);
		sigaddset(&set, SIGIO);
		if (sigprocmask(SIG_BLOCK, &set, NULL))
			_exit(1);
		if (become(ALICE, level, 0))
			_exit(2);
		alarm(60);	/* never outlive a test that went wrong */
		if (write(ready[1], "r", 1) != 1)
			_exit(3);
		while (read(ask[0], &c, 1) < 0 && errno == EINTR)
			;
		if (sigpending(&set))
			_exit(4);
		c = (sigismember(&set, SIGUSR1) ? 1 : 0) |
		    (sigismember(&set, SIGIO) ? 2 : 0);
		_exit(write(answer[1], &c, 1) == 1 ? 0 : 5);
	}
	close(ready[1]);
	close(ask[0]);
	close(answer[1]);
	ASSERT_EQ(1, read(ready[0], &c, 1));
	close(ready[0]);
	t->ask = ask[1];
	t->answer = answer[0];
}

/* The signals pending in the target (1: SIGUSR1, 2: SIGIO), -1 on error. */
static int pending(struct target *t)
{
	char c = 0;
	int rc = -1;

	if (write(t->ask, "?", 1) == 1 && read(t->answer, &c, 1) == 1)
		rc = c;
	close(t->ask);
	close(t->answer);
	waitpid(t->pid, NULL, 0);
	t->pid = 0;
	return rc;
}

/*
 * Make @pid the owner of the read end of @p, with @sig (0: SIGIO), and
 * turn O_ASYNC on. Returns 0 or the errno of the failing call.
 */
static int set_owner(const int p[2], pid_t pid, int sig)
{
	int fl = fcntl(p[0], F_GETFL);

	if (fl < 0 || fcntl(p[0], F_SETOWN, pid) ||
	    fcntl(p[0], F_SETSIG, sig) ||
	    fcntl(p[0], F_SETFL, fl | O_ASYNC))
		return errno;
	return 0;
}

/* Write a byte to @p: the read end's owner is sent its signal. */
static int trigger(int p[2])
{
	return write(p[1], "x", 1) == 1 ? 0 : errno;
}

struct sigio_call {
	const char *then;
	pid_t pid;
	int sig;
};

static int call_sigio(const void *p)
{
	const struct sigio_call *c = p;
	int rc, fds[2];

	if (pipe(fds))
		return errno;
	rc = set_owner(fds, c->pid, c->sig);
	if (!rc && c->then)
		rc = set_level(c->then);
	if (!rc)
		rc = trigger(fds);
	return rc;
}

/*
 * As alice at @level: create a pipe, make @pid its owner with @sig, lower
 * to @then (when not NULL) and trigger the signal. Returns 0 when every
 * step succeeded, else the errno of the step that failed.
 */
static int sigio_as(const char *level, const char *then, pid_t pid, int sig)
{
	struct sigio_call c = { .then = then, .pid = pid, .sig = sig };

	return run_as(SUBJECT(ALICE, level, 0), call_sigio, &c);
}

FIXTURE(sigio) {
	struct target t;
};

FIXTURE_SETUP(sigio)
{
	if (!winsec_active())
		SKIP(return, "winsec is not active");
}

FIXTURE_TEARDOWN(sigio)
{
	/* A target the test did not ask is ended here. */
	if (self->t.pid > 0 && !kill(self->t.pid, SIGKILL))
		waitpid(self->t.pid, NULL, 0);
}

/* The attack: Low chooses a signal for a Medium task. Nothing arrives. */
TEST_F(sigio, low_cannot_signal_medium)
{
	start_target(_metadata, "medium", &self->t);
	ASSERT_EQ(0, sigio_as("low", NULL, self->t.pid, SIGUSR1));
	EXPECT_EQ(0, pending(&self->t));
}

/* The same without F_SETSIG: the plain SIGIO is refused as well. */
TEST_F(sigio, low_cannot_send_sigio_to_medium)
{
	start_target(_metadata, "medium", &self->t);
	ASSERT_EQ(0, sigio_as("low", NULL, self->t.pid, 0));
	EXPECT_EQ(0, pending(&self->t));
}

/* Untrusted is below Low: the same rule one level down. */
TEST_F(sigio, untrusted_cannot_signal_low)
{
	start_target(_metadata, "low", &self->t);
	ASSERT_EQ(0, sigio_as("untrusted", NULL, self->t.pid, SIGUSR1));
	EXPECT_EQ(0, pending(&self->t));
}

/* Controls: at the same level, and from above, the signal arrives. */
TEST_F(sigio, low_may_signal_low)
{
	start_target(_metadata, "low", &self->t);
	ASSERT_EQ(0, sigio_as("low", NULL, self->t.pid, SIGUSR1));
	EXPECT_EQ(1, pending(&self->t));
}

TEST_F(sigio, medium_may_signal_medium)
{
	start_target(_metadata, "medium", &self->t);
	ASSERT_EQ(0, sigio_as("medium", NULL, self->t.pid, SIGUSR1));
	EXPECT_EQ(1, pending(&self->t));
}

TEST_F(sigio, medium_may_send_sigio_to_medium)
{
	start_target(_metadata, "medium", &self->t);
	ASSERT_EQ(0, sigio_as("medium", NULL, self->t.pid, 0));
	EXPECT_EQ(2, pending(&self->t));
}

TEST_F(sigio, medium_may_signal_low)
{
	start_target(_metadata, "low", &self->t);
	ASSERT_EQ(0, sigio_as("medium", NULL, self->t.pid, SIGUSR1));
	EXPECT_EQ(1, pending(&self->t));
}

/*
 * The level that counts is the one of the task that called F_SETOWN: a
 * Medium task that set the owner and then lowered itself to Low still
 * signals a Medium target when its write triggers SIGIO.
 */
TEST_F(sigio, the_owner_is_checked_at_the_level_that_set_it)
{
	start_target(_metadata, "medium", &self->t);
	ASSERT_EQ(0, sigio_as("medium", "low", self->t.pid, SIGUSR1));
	EXPECT_EQ(1, pending(&self->t));
}

struct shared_pipe {
	int p[2];
	pid_t pid;
	bool again;
};

/* Make @pid the owner of the read end of the pipe, with SIGUSR1. */
static int own_read_end(const void *arg)
{
	const struct shared_pipe *a = arg;

	return set_owner(a->p, a->pid, SIGUSR1);
}

/*
 * Let a child that lowered itself to Low set the owner, set it again here
 * when asked, and write: 0, or the errno of the step that failed.
 */
static int owner_set_below(const void *arg)
{
	struct shared_pipe a = *(const struct shared_pipe *)arg;
	int rc;

	if (pipe(a.p))
		return PREP_FAILED + errno;
	/* alice cannot change her groups again: only the level changes. */
	rc = run_as(SUBJECT(KEEP_USER, "low", 0), own_read_end, &a);
	if (rc)
		return rc;
	if (a.again && fcntl(a.p[0], F_SETOWN, a.pid))
		return errno;
	return trigger(a.p);
}

/*
 * As alice at Medium: create a pipe, let a child that lowered itself to
 * Low make @pid the owner of the read end (the open file is shared), set
 * the owner again at Medium when @again, and write. Returns 0 when every
 * step succeeded, else the errno of the one that failed.
 */
static int shared_pipe(pid_t pid, bool again)
{
	struct shared_pipe a = { .pid = pid, .again = again };

	return run_as(SUBJECT(ALICE, "medium", 0), owner_set_below, &a);
}

/*
 * The converse: a Low task sets the owner of a pipe it shares with a
 * Medium task; the Medium task's write does not lend its level to the
 * signal.
 */
TEST_F(sigio, a_higher_writer_does_not_lend_its_level)
{
	start_target(_metadata, "medium", &self->t);
	ASSERT_EQ(0, shared_pipe(self->t.pid, false));
	EXPECT_EQ(0, pending(&self->t));
}

/* Control: once the Medium task sets the owner again, the signal goes. */
TEST_F(sigio, setting_the_owner_again_takes_the_new_level)
{
	start_target(_metadata, "medium", &self->t);
	ASSERT_EQ(0, shared_pipe(self->t.pid, true));
	EXPECT_EQ(1, pending(&self->t));
}

TEST_HARNESS_MAIN
