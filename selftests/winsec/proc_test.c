// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - the /proc/PID files of a task carry the task's level:
 * a lower task may not open a higher task's files for writing (NO_WRITE_UP)
 * nor list its directories (NO_READ_UP on directories), EACCES; it still
 * reads the files ps reads. A task at the same or a higher level may do
 * all of it, and the files follow a task that lowers itself.
 *
 * Every task of alice here is dumpable: otherwise Linux makes its proc
 * files root's, and the DAC check would refuse alice before winsec.
 */

#include "common.h"

#include <dirent.h>
#include <signal.h>

struct target {
	pid_t pid;
	int cmd;	/* 'l': lower yourself to Low; closing it ends */
	int ack;	/* one byte per command done */
};

/* Start alice at @level, dumpable, waiting for commands. */
static void start_target(struct __test_metadata *const _metadata,
			 const char *level, struct target *t)
{
	int cmd[2], ack[2];
	char c;

	ASSERT_EQ(0, pipe(cmd));
	ASSERT_EQ(0, pipe(ack));
	fflush(NULL);
	t->pid = fork();
	ASSERT_LE(0, t->pid);
	if (!t->pid) {
		close(cmd[1]);
		close(ack[0]);
		if (become(ALICE, level, 0) ||
		    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0))
			_exit(1);
		alarm(120);	/* never outlive a test that went wrong */
		c = 'r';
		do {
			if (c == 'l' && (set_level("low") ||
					 prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)))
				_exit(2);
			if (write(ack[1], &c, 1) != 1)
				_exit(3);
		} while (read(cmd[0], &c, 1) == 1);
		_exit(0);
	}
	close(cmd[0]);
	close(ack[1]);
	t->cmd = cmd[1];
	t->ack = ack[0];
	ASSERT_EQ(1, read(t->ack, &c, 1));
}

/* Ask the target to lower itself to Low; 0 once it did. */
static int lower_target(struct target *t)
{
	char c;

	if (write(t->cmd, "l", 1) != 1 || read(t->ack, &c, 1) != 1)
		return -1;
	return 0;
}

static void stop_target(struct target *t)
{
	close(t->cmd);
	close(t->ack);
	kill(t->pid, SIGKILL);
	waitpid(t->pid, NULL, 0);
}

enum proc_op {
	OPEN_W,		/* open for writing */
	WRITE,		/* open for writing and write @value */
	WRITE_SAME,	/* write back the value read */
	READ,		/* open for reading and read */
	LIST,		/* open as a directory and read its entries */
};

/*
 * @op on /proc/@pid/@name (@pid 0: self). Returns 0, the errno of the
 * open, or 100 + the errno of the read or write that followed it.
 */
static int proc_op(enum proc_op op, pid_t pid, const char *name,
		   const char *value)
{
	char path[128], buf[4096];
	ssize_t n = 0;
	int fd, rc = 0;

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/%s", pid, name);
	else
		snprintf(path, sizeof(path), "/proc/self/%s", name);
	if (op == WRITE_SAME) {
		fd = open(path, O_RDONLY);
		if (fd < 0)
			return errno;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			return 100 + (n < 0 ? errno : EIO);
		buf[n] = '\0';
		value = buf;
	}
	switch (op) {
	case OPEN_W:
	case WRITE:
	case WRITE_SAME:
		fd = open(path, O_WRONLY);
		break;
	case READ:
		fd = open(path, O_RDONLY);
		break;
	case LIST:
		fd = open(path, O_RDONLY | O_DIRECTORY);
		break;
	default:
		return EINVAL;
	}
	if (fd < 0)
		return errno;
	switch (op) {
	case WRITE:
	case WRITE_SAME:
		n = write(fd, value, strlen(value));
		break;
	case READ:
		n = read(fd, buf, sizeof(buf));
		break;
	case LIST:
		n = syscall(SYS_getdents64, fd, buf, sizeof(buf));
		break;
	default:
		break;
	}
	if (n < 0)
		rc = 100 + errno;
	close(fd);
	return rc;
}

struct proc_call {
	enum proc_op op;
	pid_t pid;
	const char *name;
	const char *value;
};

static int call_proc_op(const void *p)
{
	const struct proc_call *c = p;

	if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0))
		return errno;
	return proc_op(c->op, c->pid, c->name, c->value);
}

/* Run proc_op() as alice at @level, dumpable. */
static int proc_op_as(const char *level, enum proc_op op, pid_t pid,
		      const char *name, const char *value)
{
	struct proc_call c = {
		.op = op, .pid = pid, .name = name, .value = value,
	};

	return run_as(SUBJECT(ALICE, level, 0), call_proc_op, &c);
}

/* clear_refs exists only with CONFIG_PROC_PAGE_MONITOR. */
static bool have(const char *name)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/%s", name);
	return !access(path, F_OK);
}

FIXTURE(proc) {
	struct target medium;
	struct target low;
};

FIXTURE_SETUP(proc)
{
	if (!winsec_active())
		SKIP(return, "winsec is not active");
	start_target(_metadata, "medium", &self->medium);
	start_target(_metadata, "low", &self->low);
}

FIXTURE_TEARDOWN(proc)
{
	if (self->medium.pid > 0)
		stop_target(&self->medium);
	if (self->low.pid > 0)
		stop_target(&self->low);
}

/* The targets of the tests that run once for each file of a list. */
struct targets {
	struct target medium;
	struct target low;
};

/* Start both targets, when the kernel has /proc/PID/@file. */
static void start_targets(struct __test_metadata *const _metadata,
			  struct targets *t, const char *file)
{
	if (!winsec_active())
		SKIP(return, "winsec is not active");
	if (!have(file))
		SKIP(return, "no /proc/PID/%s in this kernel", file);
	start_target(_metadata, "medium", &t->medium);
	start_target(_metadata, "low", &t->low);
}

static void stop_targets(struct targets *t)
{
	if (t->medium.pid > 0)
		stop_target(&t->medium);
	if (t->low.pid > 0)
		stop_target(&t->low);
}

/* The files a task's owner may open for writing. */
FIXTURE(proc_writable) {
	struct targets t;
};

FIXTURE_VARIANT(proc_writable) {
	const char *file;	/* under /proc/PID/ */
};

FIXTURE_SETUP(proc_writable)
{
	start_targets(_metadata, &self->t, variant->file);
}

FIXTURE_TEARDOWN(proc_writable)
{
	stop_targets(&self->t);
}

FIXTURE_VARIANT_ADD(proc_writable, oom_score_adj) {
	.file = "oom_score_adj",
};

FIXTURE_VARIANT_ADD(proc_writable, oom_adj) {
	.file = "oom_adj",
};

FIXTURE_VARIANT_ADD(proc_writable, comm) {
	.file = "comm",
};

FIXTURE_VARIANT_ADD(proc_writable, clear_refs) {
	.file = "clear_refs",
};

TEST_F(proc_writable, low_cannot_write_a_medium_task)
{
	pid_t pid = self->t.medium.pid;

	EXPECT_EQ(EACCES, proc_op_as("low", OPEN_W, pid, variant->file, NULL));
	/* Control: the same open at Medium passes DAC and winsec. */
	EXPECT_EQ(0, proc_op_as("medium", OPEN_W, pid, variant->file, NULL));
}

/*
 * The directories of a task. fdinfo has a permission check of its own,
 * ptrace read access, which winsec refuses first from below (the same
 * EACCES); the others are refused by their label.
 */
FIXTURE(proc_dir) {
	struct targets t;
};

FIXTURE_VARIANT(proc_dir) {
	const char *file;	/* under /proc/PID/ */
};

FIXTURE_SETUP(proc_dir)
{
	start_targets(_metadata, &self->t, variant->file);
}

FIXTURE_TEARDOWN(proc_dir)
{
	stop_targets(&self->t);
}

FIXTURE_VARIANT_ADD(proc_dir, pid) {
	.file = "",
};

FIXTURE_VARIANT_ADD(proc_dir, fd) {
	.file = "fd",
};

FIXTURE_VARIANT_ADD(proc_dir, fdinfo) {
	.file = "fdinfo",
};

FIXTURE_VARIANT_ADD(proc_dir, task) {
	.file = "task",
};

TEST_F(proc_dir, low_cannot_list_a_medium_task)
{
	pid_t pid = self->t.medium.pid;

	EXPECT_EQ(EACCES, proc_op_as("low", LIST, pid, variant->file, NULL));
	EXPECT_EQ(0, proc_op_as("medium", LIST, pid, variant->file, NULL));
}

/* What ps and top read, and the same through the task directory. */
FIXTURE(proc_readable) {
	struct targets t;
};

FIXTURE_VARIANT(proc_readable) {
	const char *file;	/* under /proc/PID/ */
};

FIXTURE_SETUP(proc_readable)
{
	start_targets(_metadata, &self->t, variant->file);
}

FIXTURE_TEARDOWN(proc_readable)
{
	stop_targets(&self->t);
}

FIXTURE_VARIANT_ADD(proc_readable, status) {
	.file = "status",
};

FIXTURE_VARIANT_ADD(proc_readable, stat) {
	.file = "stat",
};

FIXTURE_VARIANT_ADD(proc_readable, cmdline) {
	.file = "cmdline",
};

/* ps works: reading a higher task's files, through its directories too. */
TEST_F(proc_readable, low_may_read_a_medium_task)
{
	pid_t pid = self->t.medium.pid;
	char name[64];

	EXPECT_EQ(0, proc_op_as("low", READ, pid, variant->file, NULL));
	snprintf(name, sizeof(name), "task/%d/%s", pid, variant->file);
	EXPECT_EQ(0, proc_op_as("low", READ, pid, name, NULL));
}

/* A Low task keeps its own files: its oom_score_adj, its fd directory. */
TEST_F(proc, low_may_use_its_own_files)
{
	EXPECT_EQ(0, proc_op_as("low", WRITE_SAME, 0, "oom_score_adj", NULL));
	EXPECT_EQ(0, proc_op_as("low", LIST, 0, "fd", NULL));
	EXPECT_EQ(0, proc_op_as("low", LIST, 0, "", NULL));
}

/* Control: same level, and from above. */
TEST_F(proc, medium_may_write_and_list_a_low_task)
{
	char path[64], buf[16] = "";
	int fd;

	/* Raising oom_score_adj needs no privilege from the task's owner. */
	EXPECT_EQ(0, proc_op_as("medium", WRITE, self->low.pid,
				"oom_score_adj", "100"));
	snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", self->low.pid);
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	EXPECT_LT(0, read(fd, buf, sizeof(buf) - 1));
	close(fd);
	EXPECT_STREQ("100\n", buf);
	EXPECT_EQ(0, proc_op_as("medium", LIST, self->low.pid, "fd", NULL));
	EXPECT_EQ(0, proc_op_as("medium", LIST, self->low.pid, "", NULL));
	EXPECT_EQ(0, proc_op_as("low", WRITE, self->low.pid, "oom_score_adj",
				"200"));
	EXPECT_EQ(0, proc_op_as("low", LIST, self->low.pid, "fd", NULL));
}

/* The files follow the task's level when it lowers itself. */
TEST_F(proc, files_follow_a_task_that_lowers_itself)
{
	pid_t pid = self->medium.pid;

	EXPECT_EQ(EACCES, proc_op_as("low", OPEN_W, pid, "oom_score_adj",
				     NULL));
	EXPECT_EQ(EACCES, proc_op_as("low", LIST, pid, "fd", NULL));
	ASSERT_EQ(0, lower_target(&self->medium));
	EXPECT_EQ(0, proc_op_as("low", WRITE, pid, "oom_score_adj", "100"));
	EXPECT_EQ(0, proc_op_as("low", LIST, pid, "fd", NULL));
}

TEST_HARNESS_MAIN
