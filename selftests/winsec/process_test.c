// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - tasks as objects: a lower task may not ptrace, read
 * the memory of, signal, renice, reschedule, change the I/O priority or
 * the rlimits of a higher one; a task at the same or a higher level may.
 */

#include "common.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/uio.h>

#ifndef PR_SET_PTRACER
#define PR_SET_PTRACER 0x59616d61
#endif
#ifndef PR_SET_PTRACER_ANY
#define PR_SET_PTRACER_ANY ((unsigned long)-1)
#endif

/*
 * Read by process_vm_readv at the same address in a forked target. Its
 * address is passed to the kernel, so it stays in memory without volatile.
 */
static int marker = 0x5753;

struct target {
	pid_t pid;
	int hold;	/* closing it ends the target */
};

/*
 * Start a target task as alice at @level. It lets any same-user task trace
 * it (Yama) and stays dumpable, ignores SIGUSR1, and waits for the test.
 */
static void start_target(struct __test_metadata *const _metadata,
			 const char *level, struct target *t)
{
	int ready[2], hold[2];
	char c;

	ASSERT_EQ(0, pipe(ready));
	ASSERT_EQ(0, pipe(hold));
	fflush(NULL);
	t->pid = fork();
	ASSERT_LE(0, t->pid);
	if (!t->pid) {
		close(ready[0]);
		close(hold[1]);
		if (become(ALICE, level, 0))
			_exit(1);
		prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
		prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
		signal(SIGUSR1, SIG_IGN);
		if (write(ready[1], "r", 1) != 1)
			_exit(2);
		while (read(hold[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(ready[1]);
	close(hold[0]);
	ASSERT_EQ(1, read(ready[0], &c, 1));
	close(ready[0]);
	t->hold = hold[1];
}

static void stop_target(struct target *t)
{
	close(t->hold);
	kill(t->pid, SIGKILL);
	waitpid(t->pid, NULL, 0);
}

enum task_op {
	T_ATTACH, T_SEIZE, T_MEM, T_VM_READV, T_ENVIRON, T_KILL, T_KILL0,
	T_SETPRIORITY, T_SCHED, T_IOPRIO, T_PRLIMIT_READ, T_PRLIMIT_WRITE,
};

static int task_op(enum task_op op, pid_t pid)
{
	struct sched_param sp = { 0 };
	struct rlimit rl;
	char path[64], buf[64];
	struct iovec local = { buf, sizeof(int) }, remote = {
		(void *)&marker, sizeof(int) };
	int fd, v;

	switch (op) {
	case T_ATTACH:
		if (ptrace(PTRACE_ATTACH, pid, 0, 0))
			return errno;
		waitpid(pid, NULL, 0);
		ptrace(PTRACE_DETACH, pid, 0, 0);
		return 0;
	case T_SEIZE:
		return ptrace(PTRACE_SEIZE, pid, 0, 0) ? errno : 0;
	case T_MEM:
	case T_ENVIRON:
		snprintf(path, sizeof(path), "/proc/%d/%s", pid,
			 op == T_MEM ? "mem" : "environ");
		fd = open(path, O_RDONLY);
		if (fd < 0)
			return errno;
		if (op == T_ENVIRON && read(fd, buf, sizeof(buf)) < 0) {
			close(fd);
			return 100 + errno;
		}
		close(fd);
		return 0;
	case T_VM_READV:
		if (process_vm_readv(pid, &local, 1, &remote, 1, 0) < 0)
			return errno;
		memcpy(&v, buf, sizeof(v));
		return v == 0x5753 ? 0 : 99;
	case T_KILL:
		return kill(pid, SIGUSR1) ? errno : 0;
	case T_KILL0:
		return kill(pid, 0) ? errno : 0;
	case T_SETPRIORITY:
		return setpriority(PRIO_PROCESS, pid, 5) ? errno : 0;
	case T_SCHED:
		return sched_setscheduler(pid, SCHED_BATCH, &sp) ? errno : 0;
	case T_IOPRIO:
		/* IOPRIO_WHO_PROCESS, best effort class, level 4. */
		return syscall(SYS_ioprio_set, 1, pid, (2 << 13) | 4) ?
		       errno : 0;
	case T_PRLIMIT_READ:
		return prlimit(pid, RLIMIT_NOFILE, NULL, &rl) ? errno : 0;
	case T_PRLIMIT_WRITE:
		if (getrlimit(RLIMIT_NOFILE, &rl))
			return 100 + errno;
		return prlimit(pid, RLIMIT_NOFILE, &rl, NULL) ? errno : 0;
	}
	return EINVAL;
}

/* Whether the kernel has process_vm_readv (CONFIG_CROSS_MEMORY_ATTACH). */
static bool have_vm_readv(void)
{
	struct iovec v = { (void *)&marker, sizeof(int) };
	int buf;
	struct iovec l = { &buf, sizeof(buf) };

	return process_vm_readv(getpid(), &l, 1, &v, 1, 0) >= 0 ||
	       errno != ENOSYS;
}

struct task_call {
	enum task_op op;
	pid_t pid;
};

static int call_task_op(const void *p)
{
	const struct task_call *c = p;

	return task_op(c->op, c->pid);
}

/* Run @op against @pid as alice at @level. */
static int op_as(const char *level, enum task_op op, pid_t pid)
{
	struct task_call c = { .op = op, .pid = pid };

	return run_as(SUBJECT(ALICE, level, 0), call_task_op, &c);
}

FIXTURE(process) {
	struct target medium;
	struct target low;
};

FIXTURE_SETUP(process)
{
	if (!winsec_active())
		SKIP(return, "winsec is not active");
	start_target(_metadata, "medium", &self->medium);
	start_target(_metadata, "low", &self->low);
}

FIXTURE_TEARDOWN(process)
{
	if (self->medium.pid > 0)
		stop_target(&self->medium);
	if (self->low.pid > 0)
		stop_target(&self->low);
}

/*
 * Each operation, from each level on each target: denied to Low on
 * Medium, allowed otherwise.
 */
FIXTURE(task_op) {
	struct target medium;
	struct target low;
};

FIXTURE_VARIANT(task_op) {
	enum task_op op;
	int denied;	/* the errno of Low on Medium */
};

/* ptrace attach */
FIXTURE_VARIANT_ADD(task_op, ptrace_attach) {
	.op = T_ATTACH,
	.denied = EPERM,
};

/* ptrace seize */
FIXTURE_VARIANT_ADD(task_op, ptrace_seize) {
	.op = T_SEIZE,
	.denied = EPERM,
};

/* open /proc/PID/mem */
FIXTURE_VARIANT_ADD(task_op, open_proc_pid_mem) {
	.op = T_MEM,
	.denied = EACCES,
};

/* process_vm_readv */
FIXTURE_VARIANT_ADD(task_op, process_vm_readv) {
	.op = T_VM_READV,
	.denied = EPERM,
};

/* read /proc/PID/environ */
FIXTURE_VARIANT_ADD(task_op, read_proc_pid_environ) {
	.op = T_ENVIRON,
	.denied = EACCES,
};

/* kill SIGUSR1 */
FIXTURE_VARIANT_ADD(task_op, kill_sigusr1) {
	.op = T_KILL,
	.denied = EPERM,
};

/* setpriority */
FIXTURE_VARIANT_ADD(task_op, setpriority) {
	.op = T_SETPRIORITY,
	.denied = EPERM,
};

/* sched_setscheduler */
FIXTURE_VARIANT_ADD(task_op, sched_setscheduler) {
	.op = T_SCHED,
	.denied = EPERM,
};

/* ioprio_set */
FIXTURE_VARIANT_ADD(task_op, ioprio_set) {
	.op = T_IOPRIO,
	.denied = EPERM,
};

/* prlimit read */
FIXTURE_VARIANT_ADD(task_op, prlimit_read) {
	.op = T_PRLIMIT_READ,
	.denied = EPERM,
};

/* prlimit write */
FIXTURE_VARIANT_ADD(task_op, prlimit_write) {
	.op = T_PRLIMIT_WRITE,
	.denied = EPERM,
};

FIXTURE_SETUP(task_op)
{
	if (!winsec_active())
		SKIP(return, "winsec is not active");
	if (variant->op == T_VM_READV && !have_vm_readv())
		SKIP(return, "no process_vm_readv in this kernel");
	start_target(_metadata, "medium", &self->medium);
	start_target(_metadata, "low", &self->low);
}

FIXTURE_TEARDOWN(task_op)
{
	if (self->medium.pid > 0)
		stop_target(&self->medium);
	if (self->low.pid > 0)
		stop_target(&self->low);
}

TEST_F(task_op, low_cannot_touch_medium)
{
	EXPECT_EQ(variant->denied, op_as("low", variant->op, self->medium.pid));
	/* The target is still there: the signal was not delivered... */
	EXPECT_EQ(0, kill(self->medium.pid, 0));
}

TEST_F(task_op, medium_may_touch_medium)
{
	EXPECT_EQ(0, op_as("medium", variant->op, self->medium.pid));
}

TEST_F(task_op, medium_may_touch_low)
{
	EXPECT_EQ(0, op_as("medium", variant->op, self->low.pid));
}

TEST_F(task_op, low_may_touch_low)
{
	EXPECT_EQ(0, op_as("low", variant->op, self->low.pid));
}

TEST_F(process, untrusted_cannot_touch_low)
{
	EXPECT_EQ(EPERM, op_as("untrusted", T_ATTACH, self->low.pid));
	EXPECT_EQ(EPERM, op_as("untrusted", T_KILL, self->low.pid));
	EXPECT_EQ(EACCES, op_as("untrusted", T_MEM, self->low.pid));
}

TEST_F(process, low_may_test_that_medium_exists)
{
	EXPECT_EQ(0, op_as("low", T_KILL0, self->medium.pid));
}

static int kill_task(const void *pid)
{
	return kill(*(const pid_t *)pid, SIGKILL) ? errno : 0;
}

TEST_F(process, a_killing_signal_from_low_does_not_arrive)
{
	int status;

	/* SIGKILL cannot be ignored: the target would die if it arrived. */
	EXPECT_EQ(EPERM, run_as(SUBJECT(ALICE, "low", 0), kill_task,
				&self->medium.pid));
	EXPECT_EQ(0, waitpid(self->medium.pid, &status, WNOHANG));
}

static int traceme(const void *unused)
{
	return ptrace(PTRACE_TRACEME, 0, 0, 0) ? errno : 0;
}

/* PTRACE_TRACEME from a child raised to High, then from one at Medium. */
static void traceme_steps(struct steps *s, const void *unused)
{
	s->rc[0] = run_as(SUBJECT(KEEP_USER, "high", 0), traceme, NULL);
	s->rc[1] = run_as(SUBJECT(KEEP_USER, NULL, 0), traceme, NULL);
}

TEST_F(process, traceme_under_a_lower_parent_is_refused)
{
	struct steps *s = map_steps(_metadata);

	/* A Medium parent (with CAP_MAC_ADMIN) whose child raises itself. */
	ASSERT_NE(NULL, s);
	ASSERT_EQ(0, run_steps(s, SUBJECT(ALICE, "medium",
					  CAPBIT(CAP_MAC_ADMIN)),
			       traceme_steps, NULL));
	EXPECT_EQ(EPERM, s->rc[0]);
	/* At the same level it is allowed. */
	EXPECT_EQ(0, s->rc[1]);
	munmap(s, sizeof(*s));
}

/* Set by the SIGCHLD handler: lock-free atomics are safe in a handler. */
static sig_atomic_t got_sigchld;

static void on_sigchld(int sig)
{
	__atomic_store_n(&got_sigchld, 1, __ATOMIC_RELAXED);
}

static int nothing(const void *unused)
{
	return 0;
}

/*
 * Start a child that lowers itself to Low and exits, and wait for the
 * SIGCHLD: the child's result (see run_as()).
 */
static int lowered_child_notifies(const void *unused)
{
	struct sigaction sa = { .sa_handler = on_sigchld };
	sigset_t block, old;
	int rc;

	alarm(10);	/* a lost SIGCHLD fails instead of hanging */
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);
	rc = run_as(SUBJECT(KEEP_USER, "low", 0), nothing, NULL);
	while (!__atomic_load_n(&got_sigchld, __ATOMIC_RELAXED))
		sigsuspend(&old);
	return rc;
}

TEST_F(process, a_lower_child_still_notifies_its_parent)
{
	/* A Medium parent, a child that lowers itself to Low and exits. */
	EXPECT_EQ(0, run_as(SUBJECT(ALICE, "medium", 0),
			    lowered_child_notifies, NULL));
}

/* Written by the helper thread, polled by the main one. */
static pid_t helper_tid;

static void *helper_thread(void *arg)
{
	pid_t tid = syscall(SYS_gettid);

	__atomic_store_n(&helper_tid, tid, __ATOMIC_RELEASE);
	for (;;)
		pause();
	return NULL;
}

/*
 * Start a helper thread, lower this thread to Low and signal the helper:
 * the errno of tgkill, PREP_FAILED + errno when a step before failed.
 */
static int signal_own_thread(const void *unused)
{
	pthread_t th;
	int rc;

	signal(SIGUSR1, SIG_IGN);
	rc = pthread_create(&th, NULL, helper_thread, NULL);
	if (rc)
		return PREP_FAILED + rc;
	while (!__atomic_load_n(&helper_tid, __ATOMIC_ACQUIRE))
		usleep(1000);
	rc = set_level("low");
	if (rc)
		return PREP_FAILED + rc;
	return syscall(SYS_tgkill, getpid(), helper_tid, SIGUSR1) ? errno : 0;
}

TEST_F(process, threads_of_a_lowered_task_still_signal_each_other)
{
	/*
	 * A thread lowers its own level (credentials are per thread), then
	 * signals another thread of its process, still at Medium: the thread
	 * group is one object, as glibc's set*id broadcast needs.
	 */
	EXPECT_EQ(0, run_as(SUBJECT(ALICE, "medium", 0), signal_own_thread,
			    NULL));
}

TEST_HARNESS_MAIN
