/* SPDX-License-Identifier: GPL-2.0 */
/*
 * winsec selftests - injected allocation failures: the fault-injection
 * attributes of debugfs (failslab, fail_page_alloc), the caches of the
 * guest's ext4 image, and a call made with /proc/thread-self/fail-nth set,
 * so that the Nth allocation the call attempts fails.
 *
 * The kernel needs CONFIG_FAULT_INJECTION, CONFIG_FAILSLAB,
 * CONFIG_FAIL_PAGE_ALLOC and CONFIG_FAULT_INJECTION_DEBUG_FS.
 */

#ifndef _SELFTESTS_WINSEC_INJECT_H
#define _SELFTESTS_WINSEC_INJECT_H

#include "common.h"

#define DEBUGFS		"/sys/kernel/debug"
#define FAILSLAB	DEBUGFS "/failslab"
#define FAIL_PAGE_ALLOC	DEBUGFS "/fail_page_alloc"
#define FAIL_NTH	"/proc/thread-self/fail-nth"
#define EXT4		"/mnt/ext4"

/* Write @text to @path; true on success. */
static inline bool write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return false;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text);
}

/* Read @path into @buf (at most @size - 1 bytes, NUL-terminated). */
static inline bool read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return false;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return false;
	buf[n] = '\0';
	return true;
}

/*
 * Forget the cached dentries, inodes and pages, so that the descriptors
 * are read from disk again. Dropping dentries and inodes alone ("2") may
 * leave an inode that has page cache, or whose dentry was only just
 * freed, for a later round.
 */
static inline bool drop_inodes(void)
{
	sync();
	return write_file("/proc/sys/vm/drop_caches", "3");
}

/* Descriptors read from disk so far (the stats of securityfs); -1. */
static inline long cache_loads(void)
{
	char buf[256], *p;

	if (!read_file("/sys/kernel/security/winsec/stats", buf, sizeof(buf)))
		return -1;
	p = strstr(buf, "cache_loads ");
	return p ? atol(p + strlen("cache_loads ")) : -1;
}

/* Whether the guest's ext4 image is mounted. */
static inline bool have_ext4(void)
{
	struct stat st;

	return !stat(EXT4 "/lost+found", &st);
}

/* --- the attributes of debugfs ------------------------------------------- */

/* An attribute of a fault type and the value a test gives it. */
struct fault_setting {
	const char *file;
	const char *value;
};

#define FAULT_SETTINGS_MAX	16

/* What the attributes held before a test changed them. */
struct fault_saved {
	char file[FAULT_SETTINGS_MAX][128];
	char value[FAULT_SETTINGS_MAX][32];
	int count;
};

/*
 * Save, then set, each attribute of @set (@n of them, paths below
 * DEBUGFS); false when one of them is missing or refused.
 */
static inline bool fault_settings_apply(const struct fault_setting *set,
					int n, struct fault_saved *saved)
{
	char path[128], *nl;
	int i;

	saved->count = 0;
	for (i = 0; i < n && i < FAULT_SETTINGS_MAX; i++) {
		snprintf(path, sizeof(path), DEBUGFS "/%s", set[i].file);
		if (!read_file(path, saved->value[i], sizeof(saved->value[i])))
			return false;
		nl = strchr(saved->value[i], '\n');
		if (nl)
			*nl = '\0';
		snprintf(saved->file[i], sizeof(saved->file[i]), "%s", path);
		saved->count = i + 1;
		if (!write_file(path, set[i].value))
			return false;
	}
	return i == n;
}

/* Put back what fault_settings_apply() found, last changed first. */
static inline void fault_settings_restore(struct fault_saved *saved)
{
	while (saved->count > 0) {
		saved->count--;
		write_file(saved->file[saved->count],
			   saved->value[saved->count]);
	}
}

/*
 * failslab and fail_page_alloc for fail-nth alone: no probability (only
 * the armed task fails, at the Nth site), every cache, sleeping
 * allocations and every page order included, nothing logged per fault.
 */
static const struct fault_setting fail_nth_settings[] = {
	{ "failslab/probability", "0" },
	{ "failslab/verbose", "0" },
	{ "failslab/cache-filter", "N" },
	{ "failslab/ignore-gfp-wait", "N" },
	{ "fail_page_alloc/probability", "0" },
	{ "fail_page_alloc/verbose", "0" },
	{ "fail_page_alloc/ignore-gfp-wait", "N" },
	{ "fail_page_alloc/ignore-gfp-highmem", "N" },
	{ "fail_page_alloc/min-order", "0" },
};

/* --- a call with the Nth fault-injection site failing -------------------- */

/* What an injected call did. */
struct outcome {
	int rc;		/* what the operation returned, see run_nth() */
	int left;	/* fail-nth after the call: 0 when the fault happened */
};

/*
 * The operation of run_nth(): @prep (may be NULL) runs first, without
 * fail-nth, and returns 0 or an errno; then @op, the call under injection,
 * returns 0 or an errno. Both run in the child, as the subject. With
 * @make_it_fail, the child sets its /proc/self/make-it-fail first, for the
 * fault types whose task-filter is on (prep included).
 */
struct call {
	run_fn prep;
	run_fn op;
	const void *arg;
	bool make_it_fail;
};

/*
 * One call of @c with the @nth allocation failing, by a child that opened
 * its fail-nth file @fd and became its subject.
 */
static inline struct outcome nth_child(const struct call *c, unsigned int nth,
				       int fd)
{
	struct outcome out = { .left = -1 };
	char buf[16];
	ssize_t got;
	int rc;

	rc = c->prep ? c->prep(c->arg) : 0;
	if (rc) {
		out.rc = PREP_FAILED + rc;
		return out;
	}
	got = snprintf(buf, sizeof(buf), "%u", nth);
	if (nth && write(fd, buf, got) != got) {
		out.rc = PREP_FAILED + errno;
		return out;
	}
	out.rc = c->op(c->arg);
	got = pread(fd, buf, sizeof(buf) - 1, 0);
	if (write(fd, "0", 1) != 1)
		got = -1;
	buf[got > 0 ? got : 0] = '\0';
	out.left = got > 0 ? atoi(buf) : -1;
	return out;
}

/*
 * Run @c in a child that became @who, with /proc/thread-self/fail-nth set
 * to @nth for @c->op (0: no injection). The child opens its fail-nth file
 * while still root: the file of a task that changed its uids belongs to
 * root. Returns @c->op's result and what was left of @nth afterwards;
 * PREP_FAILED + errno when a step before @c->op failed, RUN_AS_BECOME +
 * errno when becoming @who did, RUN_AS_KILLED + signal when the child was
 * killed, RUN_AS_LOST when it could not be run.
 */
static inline struct outcome run_nth(const struct subject *who,
				     const struct call *c, unsigned int nth)
{
	struct outcome out = { .rc = RUN_AS_LOST, .left = -1 };
	int fds[2], status, fd, rc;
	ssize_t got;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC))
		return out;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return out;
	}
	if (!pid) {
		close(fds[0]);
		fd = open(FAIL_NTH, O_RDWR | O_CLOEXEC);
		if (fd >= 0 && c->make_it_fail &&
		    !write_file("/proc/self/make-it-fail", "1")) {
			close(fd);
			fd = -1;
		}
		rc = fd < 0 ? PREP_FAILED + (errno ? errno : EIO) :
			      become_subject(who);
		if (fd < 0)
			out.rc = rc;
		else if (rc)
			out.rc = RUN_AS_BECOME + rc;
		else
			out = nth_child(c, nth, fd);
		if (write(fds[1], &out, sizeof(out)) != sizeof(out))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	got = read(fds[0], &out, sizeof(out));
	close(fds[0]);
	if (waitpid(pid, &status, 0) != pid) {
		out.rc = RUN_AS_LOST;
	} else if (got != sizeof(out)) {
		out.rc = WIFSIGNALED(status) ? RUN_AS_KILLED + WTERMSIG(status) :
					       RUN_AS_LOST;
		out.left = -1;
	}
	return out;
}

/*
 * A child that became a subject once and makes the same call again and
 * again, each time with the fail-nth the test sends it: cheaper than a
 * child per call.
 */
struct worker {
	pid_t pid;
	int cmd;	/* the test writes each fail-nth here */
	int res;	/* and reads each outcome here */
};

/* The loop of a worker, which has opened its fail-nth file @fd. */
static inline void worker_loop(const struct subject *who, const struct call *c,
			       int fd, int cmd, int res)
{
	struct outcome out = { .left = -1 };
	unsigned int nth;
	int rc;

	rc = become_subject(who);
	if (rc)
		out.rc = RUN_AS_BECOME + rc;
	while (read(cmd, &nth, sizeof(nth)) == sizeof(nth)) {
		if (!rc)
			out = nth_child(c, nth, fd);
		if (write(res, &out, sizeof(out)) != sizeof(out))
			break;
	}
}

/*
 * Start a worker that makes @c as @who (see run_nth()); 0 or an errno.
 */
static inline int worker_start(struct worker *w, const struct subject *who,
			       const struct call *c)
{
	int cmd[2], res[2], fd;

	if (pipe2(cmd, O_CLOEXEC))
		return errno;
	if (pipe2(res, O_CLOEXEC)) {
		close(cmd[0]);
		close(cmd[1]);
		return errno;
	}
	fflush(NULL);
	w->pid = fork();
	if (w->pid < 0) {
		close(cmd[0]);
		close(cmd[1]);
		close(res[0]);
		close(res[1]);
		return errno;
	}
	if (!w->pid) {
		close(cmd[1]);
		close(res[0]);
		fd = open(FAIL_NTH, O_RDWR | O_CLOEXEC);
		if (fd >= 0 && c->make_it_fail &&
		    !write_file("/proc/self/make-it-fail", "1"))
			fd = -1;
		if (fd >= 0)
			worker_loop(who, c, fd, cmd[0], res[1]);
		_exit(0);
	}
	close(cmd[0]);
	close(res[1]);
	w->cmd = cmd[1];
	w->res = res[0];
	return 0;
}

/* End the worker; its exit status, RUN_AS_KILLED + signal, or -1. */
static inline int worker_stop(struct worker *w)
{
	int status;

	if (w->pid <= 0)
		return -1;
	close(w->cmd);
	close(w->res);
	if (waitpid(w->pid, &status, 0) != w->pid)
		return -1;
	w->pid = 0;
	return WIFSIGNALED(status) ? RUN_AS_KILLED + WTERMSIG(status) :
				     WEXITSTATUS(status);
}

/*
 * Have the worker make its call with the @nth allocation failing (0:
 * none); the outcome as run_nth() gives it. A worker that is gone (killed
 * by the call) is ended.
 */
static inline struct outcome worker_run(struct worker *w, unsigned int nth)
{
	struct outcome out = { .rc = RUN_AS_LOST, .left = -1 };
	int rc;

	if (write(w->cmd, &nth, sizeof(nth)) == sizeof(nth) &&
	    read(w->res, &out, sizeof(out)) == sizeof(out))
		return out;
	rc = worker_stop(w);
	out.rc = rc >= RUN_AS_KILLED ? rc : RUN_AS_LOST;
	return out;
}

/* Whether @rc is an errno a system call returned (not a harness code). */
static inline bool is_errno(int rc)
{
	return rc > 0 && rc < PREP_FAILED;
}

/* --- counting outcomes ---------------------------------------------------- */

#define TALLY_CODES	8

/* How often each result came back, in order of first appearance. */
struct tally {
	unsigned int runs;
	unsigned int injected;
	int code[TALLY_CODES];
	unsigned int count[TALLY_CODES];
	unsigned int other;
};

static inline void tally_add(struct tally *t, const struct outcome *out)
{
	int i;

	t->runs++;
	if (!out->left)
		t->injected++;
	for (i = 0; i < TALLY_CODES; i++) {
		if (!t->count[i]) {
			t->code[i] = out->rc;
			t->count[i] = 1;
			return;
		}
		if (t->code[i] == out->rc) {
			t->count[i]++;
			return;
		}
	}
	t->other++;
}

/* Print @t as "<runs> runs, <n> faults injected: ENOMEM 12, success 3". */
static inline void tally_format(const struct tally *t, char *buf, size_t size)
{
	size_t len;
	int i;

	len = snprintf(buf, size, "%u runs, %u faults injected:", t->runs,
		       t->injected);
	for (i = 0; i < TALLY_CODES && t->count[i] && len < size; i++) {
		const char *name = NULL;

		if (!t->code[i])
			name = "success";
		else if (is_errno(t->code[i]))
			name = strerrorname_np(t->code[i]);
		if (name)
			len += snprintf(buf + len, size - len, "%s %s %u",
					i ? "," : "", name, t->count[i]);
		else
			len += snprintf(buf + len, size - len, "%s code %d %u",
					i ? "," : "", t->code[i], t->count[i]);
	}
	if (t->other && len < size)
		snprintf(buf + len, size - len, ", others %u", t->other);
}

#endif /* _SELFTESTS_WINSEC_INJECT_H */
