/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec LSM - the descriptors of inodes: the inode blob, its cache of the
 * security.winsec attribute and the implicit label of unlabeled inodes
 */

#ifndef _SECURITY_WINSEC_INODE_H
#define _SECURITY_WINSEC_INODE_H

#include <linux/fs.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "desc.h"
#include "winsec.h"

/* Bits of &struct winsec_inode.flags. */
#define WINSEC_INODE_LOADED	0	/* @desc and @level reflect the inode */
#define WINSEC_INODE_INVALID	1	/* the stored value is not valid */
#define WINSEC_INODE_WARNED	2	/* the invalid value has been logged */
#define WINSEC_INODE_TASK	3	/* a proc inode of a task: @level is its */

/**
 * struct winsec_inode - the winsec part of an inode
 * @desc: the cached descriptor, NULL when the inode is unlabeled (or not
 *	  loaded yet); written under @lock with rcu_replace_pointer(), read
 *	  under RCU
 * @lock: serialises the writers of @desc, @flags and @level
 * @flags: WINSEC_INODE_* bits; LOADED and INVALID change only under @lock,
 *	   readers test them without it
 * @level: the level of the implicit NO_WRITE_UP label of an unlabeled
 *	   inode (winsec_implicit_level()); for a task's proc inode
 *	   (%WINSEC_INODE_TASK), the task's level
 *
 * Lock order: @lock is innermost; nothing is allocated or read from the
 * file system under it.
 */
struct winsec_inode {
	struct winsec_desc __rcu *desc;
	spinlock_t lock; /* protects @desc, @flags, @level updates */
	unsigned long flags;
	u32 level;
};

/**
 * winsec_inode() - the winsec part of an inode
 * @inode: the inode
 *
 * Return: the blob.
 */
static inline struct winsec_inode *winsec_inode(const struct inode *inode)
{
	return inode->i_security + winsec_blob_sizes.lbs_inode;
}

/**
 * struct winsec_task - the winsec part of a task
 * @mq_sb: superblock of the message queue the task has just created
 * @mq_ino: inode number of that queue
 * @mq_desc: the descriptor made for the queue the task is creating, from
 *	     the inode_create hook to d_instantiate; NULL for an unlabeled one
 *
 * mq_open() creates a queue and opens it under the lock of the queue
 * directory; the creator's open then gets the access it asked for, as the
 * open of a file that O_CREAT has just created (FMODE_CREATED), which
 * mq_open() does not set. Only the creating task writes and reads its
 * own blob.
 */
struct winsec_task {
	const struct super_block *mq_sb;
	unsigned long mq_ino;
	struct winsec_desc *mq_desc;
};

/**
 * winsec_task() - the winsec part of a task
 * @task: the task
 *
 * Return: the blob.
 */
static inline struct winsec_task *winsec_task(const struct task_struct *task)
{
	return task->security + winsec_blob_sizes.lbs_task;
}

int winsec_inode_ensure(struct inode *inode, struct dentry *dentry);
int winsec_inode_prepare_create(struct inode *dir);
bool winsec_inode_just_created(const struct inode *inode);
struct winsec_desc *winsec_inode_desc(struct inode *inode);
void winsec_inode_set_desc(struct inode *inode, struct winsec_desc *desc);
void winsec_inode_forget(struct inode *inode);
void winsec_inode_set_task_level(struct inode *inode, u32 level);

#endif /* _SECURITY_WINSEC_INODE_H */
