// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - io_uring
 *
 * Operations submitted through a ring (open, read, write, splice, ...) run
 * the same VFS code as the system calls they stand for, with the
 * submitter's credentials, and pass the same hooks. Three things are
 * particular to rings:
 *
 *  - A registered personality is a cred kept by the ring; a request that
 *    names one runs with it. As Windows refuses an impersonation token of
 *    a higher integrity level, a task may use only a personality at or
 *    below its own level.
 *  - An SQPOLL ring has a kernel thread that runs every request with the
 *    credentials of the ring's creator, whoever fills the submission
 *    queue. Such a ring is therefore a handle on its creator's level: a
 *    task may not lower its level while it holds one above the new level
 *    (EBUSY; an exec that would lower the level fails the same way unless
 *    the ring is close-on-exec), and may not create one in a file table it
 *    shares (CLONE_FILES) with a lower task. Linux itself refuses to pass
 *    a ring over SCM_RIGHTS, and pidfd_getfd follows the ptrace rule.
 *  - uring_cmd hands a driver-specific command to a file, as ioctl does:
 *    it needs FILE_WRITE_DATA in the rights the file was opened with.
 */

#include <linux/cred.h>
#include <linux/fdtable.h>
#include <linux/fs.h>
#include <linux/io_uring.h>
#include <linux/io_uring/cmd.h>
#include <linux/io_uring_types.h>
#include <linux/lsm_hooks.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <uapi/linux/winsec.h>

#include "audit.h"
#include "object.h"
#include "setup.h"
#include "subject.h"
#include "uring.h"

/* The level an SQPOLL ring's thread acts at, 0 for any other file. */
static u32 ring_level(struct file *file)
{
	const struct io_ring_ctx *ctx;

	if (!io_is_uring_fops(file))
		return 0;
	ctx = file->private_data;
	if (!(ctx->flags & IORING_SETUP_SQPOLL) || !ctx->sq_creds)
		return 0;
	return winsec_cred_level(ctx->sq_creds);
}

static int deny_level(const char *op, u32 level, int err)
{
	struct winsec_audit a = {
		.op = op,
		.cred = current_cred(),
		.requested = WINSEC_TASK_CONTROL,
	};

	return winsec_deny_label(&a, level, err);
}

static int hook_uring_override_creds(const struct cred *new)
{
	u32 level = winsec_cred_level(new);

	if (winsec_cred_level(current_cred()) >= level)
		return 0;
	return deny_level("uring_creds", level, -EPERM);
}

static int hook_uring_cmd(struct io_uring_cmd *ioucmd)
{
	return winsec_file_check(ioucmd->file, WINSEC_FILE_WRITE_DATA,
				 "uring_cmd");
}

/*
 * The new ring lands in the caller's file table: every task sharing it
 * could fill the queue. Refuse when one of them is below the caller.
 * Creating an SQPOLL ring is rare; walking the tasks is affordable.
 */
static int hook_uring_sqpoll(void)
{
	struct files_struct *files = current->files;
	u32 level = winsec_cred_level(current_cred()), low = level;
	struct task_struct *g, *t;

	if (atomic_read(&files->count) == 1)
		return 0;
	rcu_read_lock();
	for_each_process_thread(g, t) {
		if (READ_ONCE(t->files) == files)
			low = min(low, winsec_cred_level(__task_cred(t)));
	}
	rcu_read_unlock();
	if (low >= level)
		return 0;
	return deny_level("uring_sqpoll", level, -EPERM);
}

struct ring_search {
	struct files_struct *files;
	u32 level;
	u32 flags;
};

/* iterate_fd() callback: the level of a ring above the search's, or 0. */
static int ring_above(const void *p, struct file *file, unsigned int fd)
{
	const struct ring_search *s = p;
	u32 level;

	if ((s->flags & WINSEC_LOWER_EXEC) && close_on_exec(fd, s->files))
		return 0;
	level = ring_level(file);
	return level > s->level ? level : 0;
}

/**
 * winsec_uring_may_lower() - whether the current task may go down to a level
 * @level: the new level
 * @flags: %WINSEC_LOWER_EXEC when the task is executing a program: rings
 *	   closed on exec do not count
 *
 * Return: 0, or -EBUSY when the task holds an SQPOLL ring that acts above
 * @level (0 in permissive mode).
 */
int winsec_uring_may_lower(u32 level, u32 flags)
{
	struct ring_search s = {
		.files = current->files,
		.level = level,
		.flags = flags,
	};
	int ring;

	ring = iterate_fd(s.files, 0, ring_above, &s);
	if (!ring)
		return 0;
	return deny_level("lower_with_ring", ring, -EBUSY);
}

static struct security_hook_list winsec_uring_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(uring_override_creds, hook_uring_override_creds),
	LSM_HOOK_INIT(uring_sqpoll, hook_uring_sqpoll),
	LSM_HOOK_INIT(uring_cmd, hook_uring_cmd),
};

/**
 * winsec_add_uring_hooks() - register the io_uring hooks
 */
void __init winsec_add_uring_hooks(void)
{
	security_add_hooks(winsec_uring_hooks, ARRAY_SIZE(winsec_uring_hooks),
			   &winsec_lsmid);
}
