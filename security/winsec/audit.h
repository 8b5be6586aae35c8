/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec LSM - denial records and the permissive mode
 */

#ifndef _SECURITY_WINSEC_AUDIT_H
#define _SECURITY_WINSEC_AUDIT_H

#include <linux/cred.h>
#include <linux/types.h>

#include "access.h"

struct dentry;
struct inode;
struct kern_ipc_perm;
struct task_struct;

extern bool winsec_enforcing;

/**
 * enum winsec_target_type - what kind of object a record names
 * @WINSEC_TARGET_NONE: nothing (a mount, an io_uring operation)
 * @WINSEC_TARGET_INODE: a file, by its dentry when known, else its inode
 * @WINSEC_TARGET_IPC: a SysV IPC object
 * @WINSEC_TARGET_TASK: a task
 */
enum winsec_target_type {
	WINSEC_TARGET_NONE,
	WINSEC_TARGET_INODE,
	WINSEC_TARGET_IPC,
	WINSEC_TARGET_TASK,
};

/**
 * struct winsec_target - the object a record names
 * @type: which of the members is set
 * @inode: the inode (%WINSEC_TARGET_INODE)
 * @dentry: a dentry of @inode, or NULL (%WINSEC_TARGET_INODE)
 * @ipc: the IPC object (%WINSEC_TARGET_IPC)
 * @task: the task (%WINSEC_TARGET_TASK)
 */
struct winsec_target {
	enum winsec_target_type type;
	struct inode *inode;
	struct dentry *dentry;
	struct kern_ipc_perm *ipc;
	struct task_struct *task;
};

/**
 * struct winsec_audit - what a denial record says
 * @op: the operation ("open", "unlink", "setxattr", ...)
 * @cred: the subject's credentials
 * @target: the object
 * @dec: the access check's decision, or NULL
 * @requested: the rights requested
 * @reason: the reason when @dec does not give it (e.g.
 *	    "invalid_descriptor")
 * @sacl_ace: for a record an audit ACE asked for (winsec_audit_ace_record()),
 *	      the index of that ACE in the SACL; unused otherwise
 */
struct winsec_audit {
	const char *op;
	const struct cred *cred;
	const struct winsec_target *target;
	const struct winsec_decision *dec;
	u32 requested;
	const char *reason;
	int sacl_ace;
};

/* Flags of winsec_deny(). */
#define WINSEC_DENY_QUIET	0x01	/* count, but write no record */

int winsec_deny(const struct winsec_audit *a, int err, u32 flags);
int winsec_deny_label(struct winsec_audit *a, u32 level, int err);
void winsec_audit_ace_record(struct winsec_audit *a, int index, u32 outcome);

#endif /* _SECURITY_WINSEC_AUDIT_H */
