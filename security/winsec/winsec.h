/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec LSM - common definitions: name, blobs, shared declarations
 */

#ifndef _SECURITY_WINSEC_WINSEC_H
#define _SECURITY_WINSEC_WINSEC_H

#define WINSEC_NAME "winsec"

#ifdef pr_fmt
#undef pr_fmt
#endif

#define pr_fmt(fmt) WINSEC_NAME ": " fmt

#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <uapi/linux/winsec.h>

#include "access.h"
#include "change.h"
#include "label.h"
#include "sd.h"

struct kern_ipc_perm;
struct key;
struct task_struct;

extern struct lsm_blob_sizes winsec_blob_sizes;
extern const struct lsm_id winsec_lsmid;

/* --- descriptors ------------------------------------------------------- */

/**
 * struct winsec_desc - an immutable, validated, refcounted descriptor
 * @usage: reference count; the last put frees the object after an RCU
 *	   grace period
 * @rcu: for the deferred free
 * @sd: the validated view; its pointers point into @data
 * @len: number of bytes at @data
 * @has_audit: the SACL holds ACEs other than mandatory labels
 * @data: the self-relative descriptor as stored
 *
 * Created only from bytes that passed winsec_sd_parse(); never modified
 * afterwards, so readers under RCU need no lock.
 */
struct winsec_desc {
	refcount_t usage;
	struct rcu_head rcu;
	struct winsec_sd sd;
	u32 len;
	bool has_audit;
	u8 data[];
};

struct winsec_desc *winsec_desc_create(const void *buf, size_t len, gfp_t gfp,
				       const char **reason);
void winsec_desc_put(struct winsec_desc *desc);

/**
 * winsec_desc_get() - take a reference to a descriptor
 * @desc: a descriptor, or NULL
 *
 * Return: @desc.
 */
static inline struct winsec_desc *winsec_desc_get(struct winsec_desc *desc)
{
	if (desc)
		refcount_inc(&desc->usage);
	return desc;
}

/* --- blobs ------------------------------------------------------------- */

/**
 * struct winsec_cred - the winsec part of a task's credentials
 * @level: integrity level RID (WINSEC_LEVEL_*)
 * @policy: mandatory policy (WINSEC_POLICY_*)
 * @fscreate: creator descriptor for new objects, or NULL; a reference is
 *	      held by every cred that points to it
 * @fscreate_flags: WINSEC_FSCREATE_* flags given with @fscreate
 */
struct winsec_cred {
	u32 level;
	u32 policy;
	struct winsec_desc *fscreate;
	u32 fscreate_flags;
};

/* Bits of &struct winsec_inode.flags. */
#define WINSEC_INODE_INIT	0	/* @desc reflects the stored xattr */
#define WINSEC_INODE_INVALID	1	/* the stored value is not valid */
#define WINSEC_INODE_WARNED	2	/* the invalid value has been logged */
#define WINSEC_INODE_TASK	3	/* a proc inode of a task: @level is its */

/**
 * struct winsec_inode - the winsec part of an inode
 * @desc: the cached descriptor, NULL when the inode is unlabeled; replaced
 *	  under @lock with rcu_replace_pointer(), read under RCU
 * @lock: serialises writers of @desc and @flags
 * @flags: WINSEC_INODE_* bits
 * @level: the level of the implicit NO_WRITE_UP label of an unlabeled
 *	   inode: Medium, the creator's level for the objects of kernel-internal
 *	   mounts (pipes, sockets, memfd), Untrusted (no restriction) for
 *	   device nodes, proc files, pidfds and anonymous inodes; for a task's
 *	   proc inode (%WINSEC_INODE_TASK) the task's level
 */
struct winsec_inode {
	struct winsec_desc __rcu *desc;
	spinlock_t lock; /* protects @desc and @flags updates */
	unsigned long flags;
	u32 level;
};

/**
 * struct winsec_file - the winsec part of an open file
 * @granted: the rights granted when the file was opened (its "handle")
 * @fown_level: level of the task that last set the file's SIGIO owner
 * @fown_policy: mandatory policy of that task
 */
struct winsec_file {
	u32 granted;
	u32 fown_level;
	u32 fown_policy;
};

/**
 * struct winsec_superblock - the winsec part of a superblock
 * @level: the level of the task that created it (System for the kernel's)
 */
struct winsec_superblock {
	u32 level;
};

/**
 * struct winsec_key - the winsec part of a key
 * @level: the key's level (see key.c)
 */
struct winsec_key {
	u32 level;
};

/**
 * struct winsec_ipc - the winsec part of a SysV IPC object
 * @desc: the object's descriptor, NULL when it is unlabeled; set at
 *	  creation, replaced through securityfs with rcu_replace_pointer()
 *	  under a mutex of ipc.c, read under RCU
 */
struct winsec_ipc {
	struct winsec_desc __rcu *desc;
};

static inline struct winsec_cred *winsec_cred(const struct cred *cred)
{
	return cred->security + winsec_blob_sizes.lbs_cred;
}

static inline struct winsec_inode *winsec_inode(const struct inode *inode)
{
	return inode->i_security + winsec_blob_sizes.lbs_inode;
}

static inline struct winsec_file *winsec_file(const struct file *file)
{
	return file->f_security + winsec_blob_sizes.lbs_file;
}

static inline struct winsec_superblock *
winsec_superblock(const struct super_block *sb)
{
	return sb->s_security + winsec_blob_sizes.lbs_superblock;
}

#ifdef CONFIG_KEYS
static inline struct winsec_key *winsec_key(const struct key *key)
{
	return key->security + winsec_blob_sizes.lbs_key;
}
#endif

/* --- token (cred.c) ---------------------------------------------------- */

void winsec_token_fill(const struct cred *cred, bool fs,
		       struct winsec_token *tok);
bool winsec_mac_admin(void);
u32 winsec_desc_label_level(const struct winsec_desc *desc, bool *explicit);
u32 winsec_desc_max_label(const struct winsec_desc *desc);
int winsec_check_assign(const struct winsec_token *tok,
			const struct winsec_desc *desc, bool label,
			bool effective, bool owner);

/* --- inode descriptors (xattr.c) --------------------------------------- */

int winsec_inode_ensure(struct inode *inode, struct dentry *dentry);
void winsec_inode_set_desc(struct inode *inode, struct winsec_desc *desc);
void winsec_inode_forget(struct inode *inode);

/* --- access checks on inodes (fs.c) ------------------------------------ */

int winsec_evaluate_desc(const struct cred *cred, struct inode *inode,
			 const struct winsec_desc *desc, u32 desired,
			 struct winsec_decision *dec);
int winsec_inode_check(const struct cred *cred, struct inode *inode,
		       struct dentry *dentry, u32 desired, const char *op);
int winsec_file_check(struct file *file, u32 desired, const char *op);

/* --- terminals (tty.c) ---------------------------------------------------- */

int winsec_tty_ioctl(struct file *file, unsigned int cmd);

/* --- enforcement, statistics and audit --------------------------------- */

extern bool winsec_enforcing;
extern bool winsec_initialized;

/**
 * struct winsec_stats - counters shown in securityfs
 * @checks: access checks performed
 * @denials: access checks that denied (enforced or not)
 * @cache_hits: checks served from a cached descriptor
 * @cache_loads: descriptors read from the xattr
 * @invalid: stored descriptors found invalid
 */
struct winsec_stats {
	u64 checks;
	u64 denials;
	u64 cache_hits;
	u64 cache_loads;
	u64 invalid;
};

DECLARE_PER_CPU(struct winsec_stats, winsec_stats);

#define winsec_stat_inc(field) this_cpu_inc(winsec_stats.field)

void winsec_stats_sum(struct winsec_stats *sum);

/**
 * struct winsec_audit - what a denial record says
 * @op: the operation ("open", "unlink", "setxattr", ...)
 * @cred: the subject's credentials
 * @inode: the object
 * @dentry: the object's dentry when known (gives the name), else NULL
 * @dec: the evaluator's decision, or NULL
 * @requested: the rights requested
 * @reason: a reason when @dec is NULL (e.g. "invalid_descriptor")
 * @ipc: the object when it is a SysV IPC object (@inode is then NULL)
 * @task: the object when it is a task (@inode is then NULL)
 */
struct winsec_audit {
	const char *op;
	const struct cred *cred;
	struct inode *inode;
	struct dentry *dentry;
	const struct winsec_decision *dec;
	u32 requested;
	const char *reason;
	struct kern_ipc_perm *ipc;
	struct task_struct *task;
};

int winsec_deny(const struct winsec_audit *a);
int winsec_deny_label(struct winsec_audit *a, u32 level, int err);

/* --- hook registration ------------------------------------------------- */

void __init winsec_add_cred_hooks(void);
void __init winsec_add_fs_hooks(void);
void __init winsec_add_xattr_hooks(void);
void __init winsec_add_ipc_hooks(void);
void __init winsec_add_task_hooks(void);
void __init winsec_add_ns_hooks(void);

#ifdef CONFIG_KEYS
void __init winsec_add_key_hooks(void);
#else
static inline void winsec_add_key_hooks(void) { }
#endif

/* --- io_uring (uring.c) -------------------------------------------------- */

#ifdef CONFIG_IO_URING
void __init winsec_add_uring_hooks(void);
int winsec_uring_may_lower(u32 level, bool exec);
#else
static inline void winsec_add_uring_hooks(void) { }
static inline int winsec_uring_may_lower(u32 level, bool exec)
{
	return 0;
}
#endif

/* --- IPC objects (ipc.c) ----------------------------------------------- */

void winsec_mqueue_instantiate(struct dentry *dentry, struct inode *inode);
int __init winsec_ipc_securityfs_init(struct dentry *root);

#endif /* _SECURITY_WINSEC_WINSEC_H */
