// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - terminals: the Linux counterpart of Windows' User Interface
 * Privilege Isolation
 *
 * On Windows a lower-integrity process may not send input to the window of
 * a higher one. A terminal is where a Linux session takes its input:
 * pushing characters into it (TIOCSTI) is typing them into whatever
 * program reads the terminal. winsec refuses that from a task below the
 * level of the terminal, which is the highest of
 *
 *  - the terminal's own label (Medium when the device node has none), and
 *  - when the terminal is the caller's controlling terminal, the levels of
 *    its session leader and of every task of its foreground process group.
 *
 * The other ioctls that change a terminal (its settings, window size, line
 * discipline, foreground group, flushes, flow control, hang-up) are left
 * to a task on its own controlling terminal, so that a Low shell keeps its
 * line editing and job control, and follow the same rule on any other
 * terminal, which the caller does not share a session with.
 */

#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/tty.h>
#include <linux/major.h>
#include <uapi/linux/winsec.h>

#include "audit.h"
#include "desc.h"
#include "inode.h"
#include "subject.h"
#include "tty.h"

/* ioctls that put characters into a terminal's input. */
static bool pushes_input(unsigned int cmd)
{
	return cmd == TIOCSTI || cmd == TIOCLINUX;
}

/* ioctls that change a terminal's state for everyone who uses it. */
static bool changes_terminal(unsigned int cmd)
{
	switch (cmd) {
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
	case TCSETA:
	case TCSETAW:
	case TCSETAF:
	case TCSETS2:
	case TCSETSW2:
	case TCSETSF2:
	case TIOCSWINSZ:
	case TIOCSETD:
	case TIOCSPGRP:
	case TIOCSCTTY:
	case TIOCCONS:
	case TIOCVHANGUP:
	case TCFLSH:
	case TCXONC:
	case TCSBRK:
	case TCSBRKP:
	case TIOCSBRK:
	case TIOCCBRK:
	case TIOCEXCL:
	case TIOCNXCL:
	case TIOCMSET:
	case TIOCMBIS:
	case TIOCMBIC:
	case TIOCSSERIAL:
	case TIOCSLCKTRMIOS:
		return true;
	}
	return false;
}

/* The level of the label of the terminal's device node. */
static u32 node_level(struct inode *inode)
{
	struct winsec_desc *desc = winsec_inode_desc(inode);
	u32 level = winsec_desc_level(desc, NULL);

	winsec_desc_put(desc);
	return level;
}

/* Whether @inode is the device of @tty (or /dev/tty, which stands for it). */
static bool is_terminal(struct inode *inode, struct tty_struct *tty)
{
	return inode->i_rdev == tty_devnum(tty) ||
	       inode->i_rdev == MKDEV(TTYAUX_MAJOR, 0);
}

static u32 task_level(struct task_struct *p)
{
	return winsec_cred_level(__task_cred(p));
}

/*
 * The highest level of the session leader of the current task (the
 * terminal's session, since it is the controlling terminal) and of the
 * terminal's foreground process group.
 */
static u32 session_level(struct tty_struct *tty)
{
	struct pid *pgrp = tty_get_pgrp(tty);
	struct task_struct *p;
	u32 level = 0;

	rcu_read_lock();
	p = pid_task(task_session(current), PIDTYPE_PID);
	if (p)
		level = task_level(p);
	if (pgrp) {
		do_each_pid_task(pgrp, PIDTYPE_PGID, p) {
			level = max(level, task_level(p));
		} while_each_pid_task(pgrp, PIDTYPE_PGID, p);
	}
	rcu_read_unlock();
	put_pid(pgrp);
	return level;
}

/**
 * winsec_tty_ioctl() - check an ioctl that may act on a terminal
 * @file: the open file
 * @cmd: the ioctl
 *
 * Only character devices are considered; other files never get here
 * with a terminal ioctl that matters.
 *
 * Return: 0, or -EPERM when the caller's level is below the terminal's
 * (0 in permissive mode).
 */
int winsec_tty_ioctl(struct file *file, unsigned int cmd)
{
	const struct cred *cred = current_cred();
	struct inode *inode = file_inode(file);
	struct winsec_target target = {
		.type = WINSEC_TARGET_INODE,
		.inode = inode,
		.dentry = file->f_path.dentry,
	};
	struct winsec_audit a = {
		.op = "tty_ioctl",
		.cred = cred,
		.target = &target,
		.requested = WINSEC_FILE_WRITE_DATA,
	};
	struct tty_struct *ctty;
	bool input, own;
	u32 level;

	if (!S_ISCHR(inode->i_mode))
		return 0;
	input = pushes_input(cmd);
	if (!input && !changes_terminal(cmd))
		return 0;

	level = node_level(inode);
	ctty = get_current_tty();
	own = ctty && is_terminal(inode, ctty);
	if (own && input)
		level = max(level, session_level(ctty));
	tty_kref_put(ctty);
	if (own && !input)
		return 0;
	if (winsec_cred_level(cred) >= level)
		return 0;

	return winsec_deny_label(&a, level, -EPERM);
}
