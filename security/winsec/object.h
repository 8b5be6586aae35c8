/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec LSM - objects: the one access check for files, IPC objects and
 * tasks, the one rule for replacing a descriptor, and open-file handles
 */

#ifndef _SECURITY_WINSEC_OBJECT_H
#define _SECURITY_WINSEC_OBJECT_H

#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/types.h>
#include <linux/uidgid.h>

#include "access.h"
#include "audit.h"
#include "desc.h"
#include "inode.h"
#include "label.h"
#include "stats.h"
#include "subject.h"
#include "winsec.h"

/* Bits of &struct winsec_object.flags. */
#define WINSEC_OBJECT_FS	0x01	/* the subject's fsuid (file checks) */
#define WINSEC_OBJECT_QUIET	0x02	/* a denial writes no record */
#define WINSEC_OBJECT_RCU	0x04	/* checked in RCU path walk */
#define WINSEC_OBJECT_PERMISSION 0x08	/* a permission check of a path walk */

/**
 * struct winsec_object - an object as the access check sees it
 * @desc: its descriptor, or NULL when it has none
 * @uid: the Unix owner, which an absent owner SID stands for
 * @gid: the Unix group, which an absent group SID stands for
 * @cuid: the Unix creator (IPC objects; else @uid), also an owner for the
 *	  rule of a descriptor without a DACL
 * @map: the object type's generic mapping
 * @level: the level of the implicit NO_WRITE_UP label when @desc is NULL
 * @policy: the policy of that implicit label (WINSEC_LABEL_* bits)
 * @flags: WINSEC_OBJECT_* bits
 * @idmap: the mount's idmap (files), for the Unix owner rule
 * @target: what a denial record names
 */
struct winsec_object {
	const struct winsec_desc *desc;
	kuid_t uid;
	kgid_t gid;
	kuid_t cuid;
	const struct winsec_generic_mapping *map;
	u32 level;
	u32 policy;
	u32 flags;
	struct mnt_idmap *idmap;
	struct winsec_target target;
};

/**
 * struct winsec_file - the winsec part of an open file (its "handle")
 * @granted: the rights granted when the file was opened
 * @fown_level: level of the task that last set the file's SIGIO owner
 */
struct winsec_file {
	u32 granted;
	u32 fown_level;
};

/**
 * winsec_file() - the winsec part of an open file
 * @file: the file
 *
 * Return: the blob.
 */
static inline struct winsec_file *winsec_file(const struct file *file)
{
	return file->f_security + winsec_blob_sizes.lbs_file;
}

/* Flags of winsec_inode_evaluate(). */
#define WINSEC_EVAL_RCU		0x01	/* may not sleep (RCU path walk) */
#define WINSEC_EVAL_PERMISSION	0x02	/* inode_permission: no success record */

int winsec_object_check(const struct cred *cred,
			const struct winsec_object *obj, u32 desired,
			struct winsec_decision *dec);
int __winsec_object_audit(const struct cred *cred,
			  const struct winsec_object *obj, u32 desired,
			  const struct winsec_decision *dec, int rc,
			  const char *op);

/**
 * winsec_object_audit() - write the record an audit ACE asks for
 * @cred: the subject
 * @obj: the object
 * @desired: the rights requested
 * @dec: the decision of winsec_object_check()
 * @rc: what winsec_object_check() returned (0 or -EACCES)
 * @op: the operation, for the record
 *
 * An access granted with rights that a SUCCESSFUL_ACCESS audit ACE of the
 * object's SACL names, or refused a request that a FAILED_ACCESS audit ACE
 * names, is recorded with the index of that ACE. MAXIMUM_ALLOWED checks
 * record nothing: their caller records the rights it uses. The permission
 * checks of a path walk (%WINSEC_OBJECT_PERMISSION) record failures only:
 * a granted one is followed by the open, which records the success once.
 * Inline, as most descriptors have no audit ACE. Never sleeps.
 *
 * Return: 0, or -ECHILD when a record is due but @obj is checked in RCU
 * path walk (%WINSEC_OBJECT_RCU), where records are not written: the
 * caller retries in ref-walk mode.
 */
static inline int winsec_object_audit(const struct cred *cred,
				      const struct winsec_object *obj,
				      u32 desired,
				      const struct winsec_decision *dec,
				      int rc, const char *op)
{
	if (likely(!obj->desc || !obj->desc->audit_aces) ||
	    (desired & WINSEC_MAXIMUM_ALLOWED) ||
	    (!rc && (obj->flags & WINSEC_OBJECT_PERMISSION)))
		return 0;
	return __winsec_object_audit(cred, obj, desired, dec, rc, op);
}

int winsec_object_enforce(const struct cred *cred,
			  const struct winsec_object *obj, u32 desired,
			  const char *op, int err);
int winsec_object_may_replace(const struct winsec_object *obj,
			      const struct winsec_desc *new, const char *op);
void winsec_inode_object(struct inode *inode, struct dentry *dentry,
			 const struct winsec_desc *desc,
			 struct winsec_object *obj);
int winsec_inode_evaluate(const struct cred *cred, struct inode *inode,
			  struct dentry *dentry, u32 desired, u32 flags,
			  const char *op, struct winsec_decision *dec);
int winsec_inode_deny(const struct cred *cred, struct inode *inode,
		      struct dentry *dentry, u32 desired, const char *op,
		      const struct winsec_decision *dec, int rc);
u32 winsec_inode_implicit_grant(const struct cred *cred,
				const struct inode *inode, u32 desired);
int winsec_inode_check(const struct cred *cred, struct inode *inode,
		       struct dentry *dentry, u32 desired, const char *op);
int winsec_file_check(struct file *file, u32 desired, const char *op);
void winsec_inode_audit(const struct cred *cred, struct inode *inode,
			struct dentry *dentry, u32 rights, const char *op);

/**
 * winsec_inode_unrestricted() - whether nothing restricts a subject
 * @cred: the subject
 * @inode: the object
 *
 * An unlabeled inode and a subject at or above its implicit level: one
 * flags test, one pointer test, one comparison; inline, as it decides
 * nearly every check.
 *
 * Return: true when every right would be granted.
 */
static inline bool winsec_inode_unrestricted(const struct cred *cred,
					     const struct inode *inode)
{
	const struct winsec_inode *isec = winsec_inode(inode);

	return (READ_ONCE(isec->flags) &
		(BIT(WINSEC_INODE_LOADED) | BIT(WINSEC_INODE_INVALID))) ==
		       BIT(WINSEC_INODE_LOADED) &&
	       !rcu_access_pointer(isec->desc) &&
	       winsec_cred_level(cred) >= READ_ONCE(isec->level);
}

/* Requests that a grant without a check leaves to winsec_object_check(). */
#define WINSEC_UNKEPT_RIGHTS	(WINSEC_GENERIC_MASK |			\
				 WINSEC_ACCESS_SYSTEM_SECURITY |	\
				 WINSEC_MAXIMUM_ALLOWED)

/**
 * winsec_inode_mapping() - the generic mapping of an inode's type
 * @inode: the inode
 *
 * Return: the directory mapping for a directory, the file one otherwise.
 */
static inline const struct winsec_generic_mapping *
winsec_inode_mapping(const struct inode *inode)
{
	return S_ISDIR(inode->i_mode) ? &winsec_dir_mapping :
					&winsec_file_mapping;
}

/**
 * winsec_label_grant() - what MAXIMUM_ALLOWED gives on an object without a
 *			   DACL
 * @tok: the subject's token
 * @level: the object's label level
 * @policy: the object's label policy
 * @map: the object type's generic mapping
 *
 * Without a DACL the label decides alone: the access check grants what
 * winsec_mic_allowed() leaves, within the rights the mapping names.
 *
 * Return: the rights granted, possibly 0.
 */
static inline u32 winsec_label_grant(const struct winsec_token *tok,
				     u32 level, u32 policy,
				     const struct winsec_generic_mapping *map)
{
	return map->all & winsec_mic_allowed(tok, level, policy, map);
}

/**
 * winsec_desc_kept() - grant without walking a descriptor's DACL
 * @cred: the subject
 * @desc: the object's descriptor
 * @uid: the object's Unix owner, which stands in for an absent owner
 * @map: the generic mapping of the object's type
 * @flags: as for winsec_cred_token()
 * @desired: the rights requested; a request that names a generic right,
 *	     ACCESS_SYSTEM_SECURITY or MAXIMUM_ALLOWED is left to
 *	     winsec_object_check()
 *
 * For hooks that need no decision record, with @cred's kept token: the
 * grant that winsec_object_check() makes from a kept decision (see
 * winsec_desc_cached()), or, for a descriptor without a DACL (or with a
 * NULL DACL), from its label alone: the check grants such a descriptor
 * whatever its label allows (winsec_mic_allowed()). A descriptor with an
 * audit ACE is left to the check, so a grant here is never recorded.
 * Counted as a check (and a kept decision as reused). Never sleeps, never
 * writes shared memory. Call under RCU or with @desc referenced.
 *
 * Return: what MAXIMUM_ALLOWED gives @cred's token when that covers
 * @desired, 0 otherwise (the caller then calls winsec_object_check()).
 */
static __always_inline u32 winsec_desc_kept(const struct cred *cred,
					    const struct winsec_desc *desc,
					    kuid_t uid,
					    const struct winsec_generic_mapping *map,
					    u32 flags, u32 desired)
{
	const struct winsec_token *tok;
	bool kept = false;
	u32 granted;
	u64 serial;

	if ((desired & WINSEC_UNKEPT_RIGHTS) || desc->audit_aces)
		return 0;
	tok = winsec_cred_kept_token(cred, flags, &serial);
	if (!tok)
		return 0;
	if (!desc->sd.dacl) {
		granted = winsec_label_grant(tok, desc->sd.label_level,
					     desc->sd.label_policy, map);
	} else {
		if (!winsec_desc_cached(desc, serial,
					desc->sd.owner ? 0 : __kuid_val(uid),
					&granted))
			return 0;
		kept = true;
	}
	if (!granted || (desired & ~granted))
		return 0;
	winsec_stat_inc(checks);
	winsec_stat_inc(labelled);
	if (kept)
		winsec_stat_inc(reused);
	return granted;
}

/**
 * winsec_inode_kept() - grant without describing the inode
 * @cred: the subject
 * @inode: the object
 * @desired: as for winsec_desc_kept()
 *
 * For a loaded inode, checked with the fsuid and fsgid: winsec_desc_kept()
 * when it has a descriptor, otherwise winsec_inode_implicit_grant().
 * Inline: the file_open hook asks it for every open that something
 * restricts. Never sleeps. Records nothing: neither kind of grant has an
 * audit ACE to record it.
 *
 * Return: what MAXIMUM_ALLOWED gives @cred when that covers @desired, 0
 * otherwise (then winsec_inode_evaluate() decides).
 */
static __always_inline u32 winsec_inode_kept(const struct cred *cred,
					     struct inode *inode, u32 desired)
{
	const struct winsec_inode *isec = winsec_inode(inode);
	const struct winsec_desc *desc;
	u32 granted;

	if ((READ_ONCE(isec->flags) &
	     (BIT(WINSEC_INODE_LOADED) | BIT(WINSEC_INODE_INVALID))) !=
	    BIT(WINSEC_INODE_LOADED))
		return 0;
	rcu_read_lock();
	desc = rcu_dereference(isec->desc);
	if (desc)
		granted = winsec_desc_kept(cred, desc, inode->i_uid,
					   winsec_inode_mapping(inode),
					   WINSEC_CRED_FS, desired);
	else
		granted = winsec_inode_implicit_grant(cred, inode, desired);
	rcu_read_unlock();
	return granted;
}

#endif /* _SECURITY_WINSEC_OBJECT_H */
