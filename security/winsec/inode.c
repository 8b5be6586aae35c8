// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - the descriptors of inodes
 *
 * The security.winsec attribute is read once, when the inode is
 * instantiated (or at its first check), validated, and cached in the inode
 * blob as a descriptor object; changes through setxattr replace the cached
 * object. An inode whose attribute cannot be read for lack of memory stays
 * "not loaded" and every check of it fails closed until it can be read.
 *
 * POSIX message queues live on the mqueue filesystem, which has no xattrs:
 * their descriptor is made when the queue is created, here.
 */

#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/error-injection.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/magic.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/xattr.h>
#include <uapi/linux/winsec.h>

#include "inode.h"
#include "label.h"
#include "setup.h"
#include "stats.h"
#include "subject.h"

/* First guess for the size of a stored descriptor. */
#define WINSEC_LOAD_GUESS 256

/* The mqueue filesystem's magic number (private to ipc/mqueue.c). */
#define WINSEC_MQUEUE_MAGIC	0x19800202

/*
 * Whether @dentry lies under /proc/sys: a setting of the whole system,
 * which every level shares, rather than a file of a task. proc does not
 * rename its entries, so the names on the way up are stable.
 */
static bool is_sysctl(const struct dentry *dentry)
{
	const struct dentry *d = dentry, *parent;
	bool ret;

	rcu_read_lock();
	for (;;) {
		parent = READ_ONCE(d->d_parent);
		if (parent == d || IS_ROOT(parent))
			break;
		d = parent;
	}
	ret = d != dentry && d->d_name.len == 3 &&
	      !memcmp(d->d_name.name, "sys", 3);
	rcu_read_unlock();
	return ret;
}

/*
 * What an inode is, for the implicit label it gets when it has no
 * descriptor (enum winsec_kind). The files of kernel-internal mounts
 * (pipes, sockets, memfds) are instantiated by the task that makes them,
 * which is current here: a Low task may reopen its own pipe through
 * /proc/self/fd, and not a Medium task's.
 */
static enum winsec_kind inode_kind(const struct inode *inode,
				   const struct dentry *dentry)
{
	unsigned long magic = inode->i_sb->s_magic;

	if (magic == PROC_SUPER_MAGIC && dentry && !S_ISDIR(inode->i_mode) &&
	    is_sysctl(dentry))
		return WINSEC_KIND_SYSCTL;
	if (S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode))
		return WINSEC_KIND_DEVICE;
	if (magic == PROC_SUPER_MAGIC || magic == PID_FS_MAGIC ||
	    magic == ANON_INODE_FS_MAGIC)
		return WINSEC_KIND_KERNEL;
	if ((inode->i_sb->s_flags & SB_NOUSER) && !S_ISDIR(inode->i_mode))
		return WINSEC_KIND_PRIVATE;
	return WINSEC_KIND_ORDINARY;
}

/* The implicit level of @inode; called with the blob's lock held. */
static void update_level(struct winsec_inode *isec, const struct inode *inode,
			 const struct dentry *dentry)
{
	lockdep_assert_held(&isec->lock);
	if (test_bit(WINSEC_INODE_TASK, &isec->flags))
		return;
	WRITE_ONCE(isec->level,
		   winsec_implicit_level(inode_kind(inode, dentry),
					 winsec_cred_level(current_cred())));
}

/**
 * winsec_inode_set_desc() - publish the descriptor of an inode
 * @inode: the inode
 * @desc: its descriptor (the reference is taken over), or NULL for an
 *	  unlabeled inode
 *
 * Replaces the cached descriptor atomically; readers see the old or the
 * new one. Clears the invalid state. Called by the task that creates the
 * inode or changes its descriptor, whose level an unlabeled file of a
 * kernel-internal mount takes.
 */
void winsec_inode_set_desc(struct inode *inode, struct winsec_desc *desc)
{
	struct winsec_inode *isec = winsec_inode(inode);
	struct winsec_desc *old;

	spin_lock(&isec->lock);
	old = rcu_replace_pointer(isec->desc, desc, lockdep_is_held(&isec->lock));
	update_level(isec, inode, NULL);
	clear_bit(WINSEC_INODE_INVALID, &isec->flags);
	set_bit(WINSEC_INODE_LOADED, &isec->flags);
	spin_unlock(&isec->lock);
	winsec_desc_put(old);
}

/**
 * winsec_inode_forget() - drop what is known of an inode's descriptor
 * @inode: the inode
 *
 * The next check reads the stored value again; until then the inode's
 * state is unknown, and checks that cannot load it deny.
 */
void winsec_inode_forget(struct inode *inode)
{
	struct winsec_inode *isec = winsec_inode(inode);
	struct winsec_desc *old;

	spin_lock(&isec->lock);
	old = rcu_replace_pointer(isec->desc, NULL, lockdep_is_held(&isec->lock));
	clear_bit(WINSEC_INODE_INVALID, &isec->flags);
	clear_bit(WINSEC_INODE_LOADED, &isec->flags);
	spin_unlock(&isec->lock);
	winsec_desc_put(old);
}

/**
 * winsec_inode_set_task_level() - make an inode a proc file of a task
 * @inode: a proc inode of the task
 * @level: the task's level
 *
 * The inode then carries the task's level as its implicit label, whatever
 * its kind, until proc revalidates it with the task's new level.
 */
void winsec_inode_set_task_level(struct inode *inode, u32 level)
{
	struct winsec_inode *isec = winsec_inode(inode);

	spin_lock(&isec->lock);
	WRITE_ONCE(isec->level, level);
	set_bit(WINSEC_INODE_TASK, &isec->flags);
	set_bit(WINSEC_INODE_LOADED, &isec->flags);
	spin_unlock(&isec->lock);
}

/**
 * winsec_inode_desc() - a reference to the cached descriptor of an inode
 * @inode: the inode
 *
 * Return: the descriptor with a reference the caller drops, or NULL.
 */
struct winsec_desc *winsec_inode_desc(struct inode *inode)
{
	struct winsec_desc *desc;

	rcu_read_lock();
	desc = winsec_desc_get(rcu_dereference(winsec_inode(inode)->desc));
	rcu_read_unlock();
	return desc;
}

/* Read the stored value into a new buffer; -ENODATA when there is none. */
static ssize_t read_stored(struct dentry *dentry, struct inode *inode,
			   void **value)
{
	size_t size = WINSEC_LOAD_GUESS;
	ssize_t rc;
	void *buf;
	int tries;

	for (tries = 0; tries < 3; tries++) {
		buf = kmalloc(size, GFP_NOFS);
		if (!buf)
			return -ENOMEM;
		rc = __vfs_getxattr(dentry, inode, WINSEC_XATTR_NAME, buf, size);
		if (rc >= 0) {
			*value = buf;
			return rc;
		}
		kfree(buf);
		if (rc != -ERANGE)
			return rc;
		rc = __vfs_getxattr(dentry, inode, WINSEC_XATTR_NAME, NULL, 0);
		if (rc < 0)
			return rc;
		if (rc > WINSEC_SD_MAX_SIZE)
			return -E2BIG;
		size = rc ? rc : 1;
	}
	return -ERANGE;
}

/* Return: 0, or -ENOMEM when the state could not be learnt. */
static int load_stored(struct inode *inode, struct dentry *dentry)
{
	struct winsec_inode *isec = winsec_inode(inode);
	struct winsec_desc *desc = NULL;
	const char *reason = NULL;
	void *value = NULL;
	ssize_t rc;

	if (!(inode->i_opflags & IOP_XATTR) || !inode->i_sb->s_xattr) {
		rc = -EOPNOTSUPP;
	} else {
		rc = read_stored(dentry, inode, &value);
		winsec_stat_inc(cache_loads);
	}
	if (rc == -ENOMEM)
		return -ENOMEM;		/* unknown: try again at the next use */
	if (rc >= 0) {
		desc = winsec_desc_create(value, rc, GFP_NOFS, &reason);
		kfree(value);
		if (desc == ERR_PTR(-ENOMEM))
			return -ENOMEM;
	} else if (rc == -ENODATA || rc == -EOPNOTSUPP) {
		desc = NULL;
	} else {
		desc = ERR_PTR(rc);
		reason = "unreadable";
	}

	spin_lock(&isec->lock);
	if (test_bit(WINSEC_INODE_LOADED, &isec->flags)) {
		/* Someone set a newer value meanwhile: it wins. */
		spin_unlock(&isec->lock);
		if (!IS_ERR(desc))
			winsec_desc_put(desc);
		return 0;
	}
	if (IS_ERR(desc))
		set_bit(WINSEC_INODE_INVALID, &isec->flags);
	else
		rcu_assign_pointer(isec->desc, desc);
	update_level(isec, inode, dentry);
	set_bit(WINSEC_INODE_LOADED, &isec->flags);
	spin_unlock(&isec->lock);

	if (IS_ERR(desc) &&
	    !test_and_set_bit(WINSEC_INODE_WARNED, &isec->flags)) {
		winsec_stat_inc(invalid);
		pr_warn("invalid %s on dev=%s ino=%lu (%s): access denied until it is replaced\n",
			WINSEC_XATTR_NAME, inode->i_sb->s_id, inode->i_ino,
			reason ? reason : "invalid");
	}
	return 0;
}

/**
 * winsec_inode_ensure() - make sure an inode's descriptor has been loaded
 * @inode: the inode
 * @dentry: a dentry of @inode, or NULL to look one up
 *
 * Usually d_instantiate has done it already and this is one bit test. May
 * sleep otherwise.
 *
 * Error injection (fail_function) may make it fail with -ENOMEM, as if
 * memory had run out, whether the inode is loaded or not.
 *
 * Return: 0 when the inode's state is known; -ENOMEM when there was no
 * memory to load it, -ENOENT when no dentry could be found to read the
 * attribute. Callers deny on an error: an inode whose state is unknown is
 * never treated as unlabeled.
 */
int winsec_inode_ensure(struct inode *inode, struct dentry *dentry)
{
	struct dentry *alias = NULL;
	int rc;

	if (likely(test_bit(WINSEC_INODE_LOADED, &winsec_inode(inode)->flags)))
		return 0;
	if (!dentry) {
		alias = d_find_alias(inode);
		if (!alias)
			return -ENOENT;
		dentry = alias;
	}
	rc = load_stored(inode, dentry);
	dput(alias);
	return rc;
}
ALLOW_ERROR_INJECTION(winsec_inode_ensure, ERRNO);

/**
 * winsec_inode_prepare_create() - make the descriptor of a new message queue
 * @dir: the directory a file is being created in (inode_create hook)
 *
 * The mqueue filesystem has no xattrs and no inode_init_security call,
 * and d_instantiate, the first moment the inode is known to be a queue,
 * cannot fail. The descriptor is therefore made here, before the queue
 * exists, with the creator's credentials, by the rules of new files with
 * no inheritable parent; label_mqueue() gives it to the queue. Every
 * creation of a queue (mq_open(), or open() on a mount of the mqueue
 * filesystem) passes the inode_create hook first. Nothing is done for
 * other directories.
 *
 * Return: 0, or -ENOMEM: the queue is not created, rather than created
 * without the descriptor its creator asked for.
 */
int winsec_inode_prepare_create(struct inode *dir)
{
	struct winsec_task *t = winsec_task(current);
	struct winsec_desc *desc;
	int rc;

	if (dir->i_sb->s_magic != WINSEC_MQUEUE_MAGIC)
		return 0;
	rc = winsec_new_object_desc(current_cred(), WINSEC_CRED_FS,
				    &winsec_file_mapping, GFP_KERNEL, &desc);
	if (rc)
		return rc;
	/* What a creation that failed after this hook left behind. */
	winsec_desc_put(t->mq_desc);
	t->mq_desc = desc;
	return 0;
}

/*
 * Label a new POSIX message queue with the descriptor its creation made
 * (winsec_inode_prepare_create()). d_instantiate runs in the creator's
 * mq_open(), before the queue is visible. The queue is then checked by
 * the file rules when it is opened, except for the creator's open in the
 * same mq_open() (winsec_inode_just_created()).
 */
static void label_mqueue(struct inode *inode)
{
	struct winsec_task *t = winsec_task(current);
	struct winsec_desc *desc = t->mq_desc;

	t->mq_desc = NULL;
	if (desc)
		winsec_inode_set_desc(inode, desc);
	t->mq_sb = inode->i_sb;
	t->mq_ino = inode->i_ino;
}

/**
 * winsec_inode_just_created() - whether the current task opens the message
 * queue it has just created
 * @inode: the inode being opened
 *
 * Forgets the queue: only the open of mq_open() counts.
 *
 * Return: true for the creator's own open of a new queue.
 */
bool winsec_inode_just_created(const struct inode *inode)
{
	struct winsec_task *t = winsec_task(current);
	bool created = t->mq_sb == inode->i_sb && t->mq_ino == inode->i_ino;

	t->mq_sb = NULL;
	return created;
}

static int hook_inode_alloc_security(struct inode *inode)
{
	struct winsec_inode *isec = winsec_inode(inode);

	spin_lock_init(&isec->lock);
	RCU_INIT_POINTER(isec->desc, NULL);
	isec->flags = 0;
	isec->level = WINSEC_LEVEL_MEDIUM;
	return 0;
}

static void hook_inode_free_security_rcu(void *inode_security)
{
	struct winsec_inode *isec = inode_security + winsec_blob_sizes.lbs_inode;

	/* A grace period has passed: nobody reads the pointer any more. */
	winsec_desc_put(rcu_dereference_protected(isec->desc, true));
}

static void hook_d_instantiate(struct dentry *dentry, struct inode *inode)
{
	/*
	 * A file system that is still being set up (its root is made before
	 * the rest: overlayfs has no layers yet) cannot be read: the first
	 * check loads the descriptor instead.
	 */
	if (inode && (dentry->d_sb->s_flags & SB_BORN))
		winsec_inode_ensure(inode, dentry);
	/* POSIX message queues are labelled here, at creation. */
	if (inode && inode->i_sb->s_magic == WINSEC_MQUEUE_MAGIC &&
	    S_ISREG(inode->i_mode))
		label_mqueue(inode);
}

static void hook_task_free(struct task_struct *task)
{
	struct winsec_task *t = winsec_task(task);

	winsec_desc_put(t->mq_desc);
	t->mq_desc = NULL;
}

static struct security_hook_list winsec_inode_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(inode_alloc_security, hook_inode_alloc_security),
	LSM_HOOK_INIT(inode_free_security_rcu, hook_inode_free_security_rcu),
	LSM_HOOK_INIT(d_instantiate, hook_d_instantiate),
	LSM_HOOK_INIT(task_free, hook_task_free),
};

/**
 * winsec_add_inode_hooks() - register the hooks of the inode blob
 */
void __init winsec_add_inode_hooks(void)
{
	security_add_hooks(winsec_inode_hooks, ARRAY_SIZE(winsec_inode_hooks),
			   &winsec_lsmid);
}
