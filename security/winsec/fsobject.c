// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - inodes and open files as objects
 *
 * Files, directories, FIFOs, sockets and message queues are described for
 * winsec_object_check() by winsec_inode_object(). The checks of the hooks
 * come here: winsec_inode_check() for an operation on an inode,
 * winsec_file_check() for one through an open file, whose rights were
 * granted at open, and winsec_inode_kept() for a decision the inode's
 * descriptor kept.
 */

#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/mnt_idmapping.h>
#include <linux/rcupdate.h>
#include <linux/string.h>

#include "inode.h"
#include "label.h"
#include "object.h"
#include "stats.h"
#include "subject.h"

/*
 * The policy of the implicit label of an inode without a descriptor. A
 * task's proc directory also has NO_READ_UP, so that a lower task does not
 * list a higher one's fd directory.
 */
static u32 implicit_policy(const struct inode *inode,
			   const struct winsec_inode *isec)
{
	if (S_ISDIR(inode->i_mode) && test_bit(WINSEC_INODE_TASK, &isec->flags))
		return WINSEC_LABEL_NO_WRITE_UP | WINSEC_LABEL_NO_READ_UP;
	return WINSEC_LABEL_NO_WRITE_UP;
}

/**
 * winsec_inode_object() - describe an inode as an object
 * @inode: the inode
 * @dentry: a dentry of @inode for the record, or NULL
 * @desc: its descriptor (read under RCU or referenced), or NULL
 * @obj: the description to fill
 *
 * The implicit label of an inode without a descriptor: its level, and
 * the policy of implicit_policy().
 */
void winsec_inode_object(struct inode *inode, struct dentry *dentry,
			 const struct winsec_desc *desc,
			 struct winsec_object *obj)
{
	const struct winsec_inode *isec = winsec_inode(inode);

	/* Every field, without clearing the structure first. */
	obj->desc = desc;
	obj->uid = inode->i_uid;
	obj->gid = inode->i_gid;
	obj->cuid = inode->i_uid;
	obj->map = winsec_inode_mapping(inode);
	obj->level = READ_ONCE(isec->level);
	obj->policy = implicit_policy(inode, isec);
	obj->flags = WINSEC_OBJECT_FS;
	obj->idmap = &nop_mnt_idmap;
	obj->target.type = WINSEC_TARGET_INODE;
	obj->target.inode = inode;
	obj->target.dentry = dentry;
	obj->target.ipc = NULL;
	obj->target.task = NULL;
}

/**
 * winsec_inode_evaluate() - the access check on an inode
 * @cred: the subject
 * @inode: the object
 * @dentry: a dentry of @inode, or NULL
 * @desired: the rights requested
 * @flags: %WINSEC_EVAL_RCU when the caller may not sleep,
 *	   %WINSEC_EVAL_PERMISSION for the permission check of a path walk
 * @op: the operation, for the record an audit ACE asks for
 * @dec: the decision
 *
 * Loads the descriptor first when needed (which may sleep), and writes the
 * record an audit ACE asks for (winsec_object_audit()).
 *
 * Return: 0; -EACCES; -EBADMSG for an invalid stored descriptor; -ENOMEM
 * or -ENOENT when the inode's state is unknown (both fail closed); with
 * %WINSEC_EVAL_RCU, -ECHILD when it is not loaded yet or a record is due.
 */
int winsec_inode_evaluate(const struct cred *cred, struct inode *inode,
			  struct dentry *dentry, u32 desired, u32 flags,
			  const char *op, struct winsec_decision *dec)
{
	struct winsec_inode *isec = winsec_inode(inode);
	struct winsec_object obj;
	int rc = 0, audit;

	if (unlikely(!test_bit(WINSEC_INODE_LOADED, &isec->flags))) {
		if (flags & WINSEC_EVAL_RCU)
			return -ECHILD;
		rc = winsec_inode_ensure(inode, dentry);
	}
	if (unlikely(rc || test_bit(WINSEC_INODE_INVALID, &isec->flags))) {
		winsec_stat_inc(checks);
		memset(dec, 0, sizeof(*dec));
		dec->desired = desired;
		dec->missing = desired;
		dec->ace_index = -1;
		return rc ? rc : -EBADMSG;
	}
	rcu_read_lock();
	winsec_inode_object(inode, dentry, rcu_dereference(isec->desc), &obj);
	if (flags & WINSEC_EVAL_RCU)
		obj.flags |= WINSEC_OBJECT_RCU;
	if (flags & WINSEC_EVAL_PERMISSION)
		obj.flags |= WINSEC_OBJECT_PERMISSION;
	rc = winsec_object_check(cred, &obj, desired, dec);
	audit = winsec_object_audit(cred, &obj, desired, dec, rc, op);
	rcu_read_unlock();
	return audit ? audit : rc;
}

/**
 * winsec_inode_deny() - log and enforce the denial of winsec_inode_evaluate()
 * @cred: the subject
 * @inode: the object
 * @dentry: a dentry of @inode for the record, or NULL
 * @desired: the rights requested
 * @op: the operation, for the record
 * @dec: the decision
 * @rc: what winsec_inode_evaluate() returned, not 0 nor -ECHILD
 *
 * Return: -EACCES, or 0 in permissive mode; -ENOMEM when there was no
 * memory to learn the inode's state (an error, not a decision).
 */
int winsec_inode_deny(const struct cred *cred, struct inode *inode,
		      struct dentry *dentry, u32 desired, const char *op,
		      const struct winsec_decision *dec, int rc)
{
	struct winsec_target target = {
		.type = WINSEC_TARGET_INODE,
		.inode = inode,
		.dentry = dentry,
	};
	struct winsec_audit a = {
		.op = op,
		.cred = cred,
		.target = &target,
		.dec = rc == -EACCES ? dec : NULL,
		.requested = desired,
	};

	if (rc == -ENOMEM)
		return rc;
	if (rc == -EBADMSG)
		a.reason = "invalid_descriptor";
	else if (rc != -EACCES)
		a.reason = "unknown_state";
	return winsec_deny(&a, -EACCES, 0);
}

/**
 * winsec_inode_implicit_grant() - grant from an inode's implicit label
 * @cred: the subject
 * @inode: a loaded inode without a descriptor
 * @desired: as for winsec_desc_kept()
 *
 * Such an object has no DACL: its implicit label decides alone, and the
 * access check grants a request within what the label allows the token
 * (winsec_mic_allowed()) and the mapping names. Counted as a check.
 *
 * Return: what MAXIMUM_ALLOWED gives @cred's kept token when that covers
 * @desired, 0 otherwise (or when @cred has no kept token).
 */
u32 winsec_inode_implicit_grant(const struct cred *cred,
				const struct inode *inode, u32 desired)
{
	const struct winsec_inode *isec = winsec_inode(inode);
	const struct winsec_token *tok;
	u32 granted;
	u64 serial;

	if (desired & WINSEC_UNKEPT_RIGHTS)
		return 0;
	tok = winsec_cred_kept_token(cred, WINSEC_CRED_FS, &serial);
	if (!tok)
		return 0;
	granted = winsec_label_grant(tok, READ_ONCE(isec->level),
				     implicit_policy(inode, isec),
				     winsec_inode_mapping(inode));
	if (!granted || (desired & ~granted))
		return 0;
	winsec_stat_inc(checks);
	return granted;
}

/**
 * winsec_inode_check() - check rights on an inode, log and enforce a denial
 * @cred: the subject
 * @inode: the object
 * @dentry: a dentry of @inode for the record, or NULL
 * @desired: the rights requested
 * @op: the operation, for the record
 *
 * May sleep (loading the descriptor).
 *
 * Return: 0 if granted (or denied in permissive mode), -EACCES, or -ENOMEM
 * when the inode's descriptor could not be loaded.
 */
int winsec_inode_check(const struct cred *cred, struct inode *inode,
		       struct dentry *dentry, u32 desired, const char *op)
{
	struct winsec_decision dec;
	int rc;

	if (!desired || winsec_inode_unrestricted(cred, inode) ||
	    winsec_inode_kept(cred, inode, desired))
		return 0;
	rc = winsec_inode_evaluate(cred, inode, dentry, desired, 0, op, &dec);
	if (!rc)
		return 0;
	return winsec_inode_deny(cred, inode, dentry, desired, op, &dec, rc);
}

/**
 * winsec_file_check() - check rights against those of an open file
 * @file: the open file (its "handle")
 * @desired: the rights the operation needs
 * @op: the operation, for the record
 *
 * Return: 0 when the file was opened with every right in @desired (or in
 * permissive mode), -EACCES otherwise.
 */
int winsec_file_check(struct file *file, u32 desired, const char *op)
{
	struct winsec_decision dec = {
		.desired = desired,
		.granted = winsec_file(file)->granted,
		.reason = WINSEC_REASON_NOT_GRANTED,
		.ace_index = -1,
	};

	if ((dec.granted & desired) == desired)
		return 0;
	dec.missing = desired & ~dec.granted;
	return winsec_inode_deny(file->f_cred, file_inode(file),
				 file->f_path.dentry, desired, op, &dec,
				 -EACCES);
}

/* The record of winsec_inode_audit(), for a descriptor with audit ACEs. */
static noinline void inode_audit_record(const struct cred *cred,
					struct inode *inode,
					struct dentry *dentry,
					const struct winsec_desc *desc,
					u32 rights, const char *op)
{
	struct winsec_decision dec = {
		.granted = rights,
		.desired = rights,
		.ace_index = -1,
	};
	struct winsec_object obj;

	winsec_inode_object(inode, dentry, desc, &obj);
	winsec_object_audit(cred, &obj, rights, &dec, 0, op);
}

/**
 * winsec_inode_audit() - record a granted use of rights if the SACL asks
 * @cred: the subject
 * @inode: the object
 * @dentry: a dentry of @inode for the record, or NULL
 * @rights: the rights used
 * @op: the operation, for the record
 *
 * For callers that decided with MAXIMUM_ALLOWED (opening a file), which
 * records nothing by itself.
 */
void winsec_inode_audit(const struct cred *cred, struct inode *inode,
			struct dentry *dentry, u32 rights, const char *op)
{
	struct winsec_inode *isec = winsec_inode(inode);
	const struct winsec_desc *desc;

	if (!rights)
		return;
	rcu_read_lock();
	desc = rcu_dereference(isec->desc);
	if (unlikely(desc && desc->audit_aces))
		inode_audit_record(cred, inode, dentry, desc, rights, op);
	rcu_read_unlock();
}
