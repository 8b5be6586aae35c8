// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - tasks as objects: ptrace, signals (SIGIO included),
 * scheduling, rlimits, and their proc files
 *
 * A task carries no DACL. As a Windows process, it is labelled at its own
 * integrity level with NO_WRITE_UP and NO_READ_UP, so that a lower task
 * may neither read nor change a higher one; Unix permissions decide
 * everything else. Rights are those of the task generic mapping:
 * WINSEC_TASK_QUERY for reads (ptrace read mode, rlimit reads),
 * WINSEC_TASK_SIGNAL for signals and WINSEC_TASK_CONTROL for the rest.
 */

#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/security.h>
#include <uapi/linux/winsec.h>

#include "inode.h"
#include "object.h"
#include "setup.h"
#include "subject.h"

/* The label of every task: its own level, NO_WRITE_UP | NO_READ_UP. */
#define WINSEC_TASK_LABEL (WINSEC_LABEL_NO_WRITE_UP | WINSEC_LABEL_NO_READ_UP)

/* Flags of subject_may(). */
#define WINSEC_TASK_QUIET	0x01	/* no record of a denial */

/* subject_may() when @subj is below @obj's level. */
static noinline int subject_check(const struct cred *subj,
				  const struct cred *obj,
				  struct task_struct *task, u32 desired,
				  const char *op, u32 flags)
{
	struct winsec_object target = {
		.uid = obj->euid,
		.gid = obj->egid,
		.cuid = obj->euid,
		.map = &winsec_task_mapping,
		.level = winsec_cred_level(obj),
		.policy = WINSEC_TASK_LABEL,
		.target = {
			.type = task ? WINSEC_TARGET_TASK : WINSEC_TARGET_NONE,
			.task = task,
		},
	};

	if (flags & WINSEC_TASK_QUIET)
		target.flags |= WINSEC_OBJECT_QUIET;
	return winsec_object_enforce(subj, &target, desired, op, -EPERM);
}

/*
 * Whether @subj may act on the task whose credentials are @obj (@task, may
 * be NULL, names it in the record). Never sleeps: callers hold the RCU
 * read lock or spinlocks. Return: 0 (or a denial in permissive mode),
 * -EPERM.
 */
static int subject_may(const struct cred *subj, const struct cred *obj,
		       struct task_struct *task, u32 desired, const char *op,
		       u32 flags)
{
	/*
	 * A task has no DACL: its label is all there is to decide, and it
	 * does not restrict a subject at or above its level (nor can an
	 * audit ACE ask for a record). Decided here, as winsec_object_check()
	 * would, without describing the task as an object.
	 */
	if (likely(winsec_cred_level(subj) >= winsec_cred_level(obj)))
		return 0;
	return subject_check(subj, obj, task, desired, op, flags);
}

/* @subj acting on @p, which may be another thread of the caller. */
static int may_act_on(const struct cred *subj, struct task_struct *p,
		      u32 desired, const char *op, u32 flags)
{
	int rc;

	/* Threads share everything already; glibc's setxid signals them. */
	if (same_thread_group(p, current))
		return 0;
	rcu_read_lock();
	rc = subject_may(subj, __task_cred(p), p, desired, op, flags);
	rcu_read_unlock();
	return rc;
}

static int hook_ptrace_access_check(struct task_struct *child,
				    unsigned int mode)
{
	u32 desired = (mode & PTRACE_MODE_ATTACH) ? WINSEC_TASK_CONTROL :
						    WINSEC_TASK_QUERY;

	return may_act_on(current_cred(), child, desired, "ptrace",
			  (mode & PTRACE_MODE_NOAUDIT) ? WINSEC_TASK_QUIET : 0);
}

static int hook_ptrace_traceme(struct task_struct *parent)
{
	int rc;

	/* The parent becomes the tracer of the current task. */
	rcu_read_lock();
	rc = subject_may(__task_cred(parent), current_cred(), current,
			 WINSEC_TASK_CONTROL, "traceme", 0);
	rcu_read_unlock();
	return rc;
}

static int hook_task_kill(struct task_struct *p, struct kernel_siginfo *info,
			  int sig, const struct cred *cred)
{
	/*
	 * Signal 0 only tests that the task exists (Windows lets a lower
	 * process see a higher one). Signals the kernel sends on its own
	 * behalf, SIGCHLD to a parent among them, do not come here.
	 */
	if (!sig)
		return 0;
	if (cred) {
		/* Asynchronous I/O completion on behalf of @cred. */
		int rc;

		rcu_read_lock();
		rc = subject_may(cred, __task_cred(p), p, WINSEC_TASK_SIGNAL,
				 "kill", 0);
		rcu_read_unlock();
		return rc;
	}
	return may_act_on(current_cred(), p, WINSEC_TASK_SIGNAL, "kill", 0);
}

static int hook_task_setnice(struct task_struct *p, int nice)
{
	return may_act_on(current_cred(), p, WINSEC_TASK_CONTROL, "setnice",
			  0);
}

static int hook_task_setioprio(struct task_struct *p, int ioprio)
{
	return may_act_on(current_cred(), p, WINSEC_TASK_CONTROL, "setioprio",
			  0);
}

static int hook_task_setscheduler(struct task_struct *p)
{
	return may_act_on(current_cred(), p, WINSEC_TASK_CONTROL, "setscheduler",
			  0);
}

static int hook_task_movememory(struct task_struct *p)
{
	return may_act_on(current_cred(), p, WINSEC_TASK_CONTROL, "movememory",
			  0);
}

static int hook_task_prlimit(const struct cred *cred, const struct cred *tcred,
			     unsigned int flags)
{
	u32 desired = 0;

	if (flags & LSM_PRLIMIT_READ)
		desired |= WINSEC_TASK_QUERY;
	if (flags & LSM_PRLIMIT_WRITE)
		desired |= WINSEC_TASK_CONTROL;
	if (!desired)
		return 0;
	return subject_may(cred, tcred, NULL, desired, "prlimit", 0);
}

/* --- SIGIO and SIGURG through a file owner ----------------------------- */

/*
 * F_SETOWN (and the ioctls that set a file's owner) choose who gets the
 * file's SIGIO, and F_SETSIG which signal: the signal is sent later on
 * behalf of the task that set the owner, so remember its level and
 * apply the rule of kill() when the signal goes.
 */
static void hook_file_set_fowner(struct file *file)
{
	WRITE_ONCE(winsec_file(file)->fown_level,
		   winsec_cred_level(current_cred()));
}

static int hook_file_send_sigiotask(struct task_struct *tsk,
				    struct fown_struct *fown, int sig)
{
	u32 level = READ_ONCE(winsec_file(fown->file)->fown_level);
	struct winsec_audit a = {
		.op = "sigio",
		.requested = WINSEC_TASK_SIGNAL,
	};
	u32 target;

	/* Called under RCU, from the I/O path: no record, no sleeping. */
	target = winsec_cred_level(__task_cred(tsk));
	if (level >= target)
		return 0;
	return winsec_deny(&a, -EPERM, WINSEC_DENY_QUIET);
}

/* --- proc inodes of a task ---------------------------------------------- */

/*
 * The files of /proc/PID are the task's: they carry its level (refreshed
 * each time proc revalidates them), so that a lower task cannot write
 * them or list their directories (see winsec_inode_object()).
 */
static void hook_task_to_inode(struct task_struct *p, struct inode *inode)
{
	u32 level;

	rcu_read_lock();
	level = winsec_cred_level(__task_cred(p));
	rcu_read_unlock();
	winsec_inode_set_task_level(inode, level);
}

static struct security_hook_list winsec_task_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(ptrace_access_check, hook_ptrace_access_check),
	LSM_HOOK_INIT(ptrace_traceme, hook_ptrace_traceme),
	LSM_HOOK_INIT(task_kill, hook_task_kill),
	LSM_HOOK_INIT(task_setnice, hook_task_setnice),
	LSM_HOOK_INIT(task_setioprio, hook_task_setioprio),
	LSM_HOOK_INIT(task_setscheduler, hook_task_setscheduler),
	LSM_HOOK_INIT(task_movememory, hook_task_movememory),
	LSM_HOOK_INIT(task_prlimit, hook_task_prlimit),
	LSM_HOOK_INIT(file_set_fowner, hook_file_set_fowner),
	LSM_HOOK_INIT(file_send_sigiotask, hook_file_send_sigiotask),
	LSM_HOOK_INIT(task_to_inode, hook_task_to_inode),
};

/**
 * winsec_add_task_hooks() - register the hooks that protect tasks
 */
void __init winsec_add_task_hooks(void)
{
	security_add_hooks(winsec_task_hooks, ARRAY_SIZE(winsec_task_hooks),
			   &winsec_lsmid);
}
