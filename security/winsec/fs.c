// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - access checks on files, directories, FIFOs and sockets
 *
 * Linux operations are mapped to the rights of the Windows access check (see
 * Documentation/admin-guide/LSM/winsec.rst). Rights are checked when an
 * object is opened and the rights granted then are kept with the open file,
 * like the access mask of a Windows handle.
 */

#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/magic.h>
#include <linux/mman.h>
#include <linux/mm_types.h>
#include <linux/namei.h>
#include <linux/rcupdate.h>
#include <uapi/linux/winsec.h>

#include "access.h"
#include "sd.h"
#include "sid.h"
#include "winsec.h"

static const struct winsec_generic_mapping *
inode_mapping(const struct inode *inode)
{
	return S_ISDIR(inode->i_mode) ? &winsec_dir_mapping :
					&winsec_file_mapping;
}

/**
 * winsec_evaluate_desc() - run the access check for an inode
 * @cred: the subject
 * @inode: the object
 * @desc: the object's descriptor, NULL when it is unlabeled
 * @desired: the rights requested (MAXIMUM_ALLOWED allowed)
 * @dec: the decision
 *
 * An absent owner or group stands for the Unix one. An unlabeled object
 * has no DACL and the implicit Medium NO_WRITE_UP label, so for a subject
 * at Medium or above everything is granted without evaluating anything;
 * unlabeled device nodes and proc files have no implicit label at all.
 * No allocation, no sleeping: usable under RCU.
 *
 * Return: 0 if granted, -EACCES if denied.
 */
int winsec_evaluate_desc(const struct cred *cred, struct inode *inode,
			 const struct winsec_desc *desc, u32 desired,
			 struct winsec_decision *dec)
{
	const struct winsec_cred *wc = winsec_cred(cred);
	const struct winsec_generic_mapping *map = inode_mapping(inode);
	struct winsec_sid_buf owner, group;
	struct winsec_token tok;
	struct winsec_sd sd = {
		.control = WINSEC_SE_SELF_RELATIVE,
	};

	winsec_stat_inc(checks);
	if (!desc) {
		/*
		 * Unlabeled device nodes carry no implicit label: a Low task
		 * may write /dev/null or its terminal (label a device to
		 * protect it). Nor do proc files, whose access the task
		 * hooks decide (a Low task writes its own attributes).
		 */
		if (wc->level >= WINSEC_LEVEL_MEDIUM ||
		    !(wc->policy & WINSEC_POLICY_NO_WRITE_UP) ||
		    S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode) ||
		    inode->i_sb->s_magic == PROC_SUPER_MAGIC) {
			memset(dec, 0, sizeof(*dec));
			dec->granted = (desired & WINSEC_MAXIMUM_ALLOWED) ?
				       map->all : desired;
			dec->desired = desired;
			dec->label_level = WINSEC_LEVEL_MEDIUM;
			dec->label_policy = WINSEC_LABEL_NO_WRITE_UP;
			dec->ace_index = -1;
			return 0;
		}
	} else {
		winsec_stat_inc(cache_hits);
		sd = desc->sd;
	}
	if (!sd.owner) {
		winsec_sid_unix_user(&owner, __kuid_val(inode->i_uid));
		sd.owner = winsec_sid_of(&owner);
	}
	if (!sd.group) {
		winsec_sid_unix_group(&group, __kgid_val(inode->i_gid));
		sd.group = winsec_sid_of(&group);
	}
	winsec_token_fill(cred, true, &tok);
	return winsec_access_check(&sd, &tok, map, desired, dec) ? -EACCES : 0;
}

/*
 * Evaluate against the cached descriptor. Returns 0, -EACCES, -EBADMSG for
 * an invalid stored descriptor (fail closed) or, with @rcu, -ECHILD when
 * the state is not known yet.
 */
static int evaluate(const struct cred *cred, struct inode *inode, u32 desired,
		    bool rcu, struct winsec_decision *dec)
{
	struct winsec_inode *isec = winsec_inode(inode);
	int rc;

	if (unlikely(!test_bit(WINSEC_INODE_INIT, &isec->flags))) {
		if (rcu)
			return -ECHILD;
		winsec_inode_ensure(inode, NULL);
	}
	if (unlikely(test_bit(WINSEC_INODE_INVALID, &isec->flags))) {
		winsec_stat_inc(checks);
		memset(dec, 0, sizeof(*dec));
		dec->desired = desired;
		dec->missing = desired;
		dec->ace_index = -1;
		return -EBADMSG;
	}
	rcu_read_lock();
	rc = winsec_evaluate_desc(cred, inode, rcu_dereference(isec->desc),
				  desired, dec);
	rcu_read_unlock();
	return rc;
}

/* The rights an unlabeled object gives to a subject at Medium or above. */
static bool fast_path(const struct cred *cred, const struct inode *inode)
{
	const struct winsec_inode *isec = winsec_inode(inode);

	return test_bit(WINSEC_INODE_INIT, &isec->flags) &&
	       !test_bit(WINSEC_INODE_INVALID, &isec->flags) &&
	       !rcu_access_pointer(isec->desc) &&
	       winsec_cred(cred)->level >= WINSEC_LEVEL_MEDIUM;
}

static int denied(const struct cred *cred, struct inode *inode,
		  struct dentry *dentry, u32 desired, const char *op,
		  const struct winsec_decision *dec, int rc)
{
	struct winsec_audit a = {
		.op = op,
		.cred = cred,
		.inode = inode,
		.dentry = dentry,
		.dec = rc == -EBADMSG ? NULL : dec,
		.requested = desired,
		.reason = rc == -EBADMSG ? "invalid_descriptor" : NULL,
	};

	return winsec_deny(&a);
}

/**
 * winsec_inode_check() - check rights on an inode, log and enforce a denial
 * @cred: the subject
 * @inode: the object
 * @dentry: a dentry of @inode for the log, or NULL
 * @desired: the rights requested
 * @op: the operation, for the log
 *
 * Return: 0 if granted (or denied in permissive mode), -EACCES.
 */
int winsec_inode_check(const struct cred *cred, struct inode *inode,
		       struct dentry *dentry, u32 desired, const char *op)
{
	struct winsec_decision dec;
	int rc;

	if (!desired || fast_path(cred, inode))
		return 0;
	if (dentry)
		winsec_inode_ensure(inode, dentry);
	rc = evaluate(cred, inode, desired, false, &dec);
	if (!rc)
		return 0;
	return denied(cred, inode, dentry, desired, op, &dec, rc);
}

/* --- opening and using files ------------------------------------------ */

static int hook_inode_permission(struct inode *inode, int mask)
{
	const struct cred *cred = current_cred();
	struct winsec_decision dec;
	u32 desired = 0;
	int rc;

	/*
	 * Traversing a directory needs nothing (bypass traverse checking);
	 * writing to one is checked by the create, link, unlink and rename
	 * hooks, which know what is being done.
	 */
	if (S_ISDIR(inode->i_mode)) {
		if (mask & MAY_READ)
			desired |= WINSEC_FILE_LIST_DIRECTORY;
	} else {
		if (mask & MAY_READ)
			desired |= WINSEC_FILE_READ_DATA;
		if (mask & MAY_APPEND)
			desired |= WINSEC_FILE_APPEND_DATA;
		else if (mask & MAY_WRITE)
			desired |= WINSEC_FILE_WRITE_DATA;
		if (mask & MAY_EXEC)
			desired |= WINSEC_FILE_EXECUTE;
	}
	if (!desired || fast_path(cred, inode))
		return 0;

	rc = evaluate(cred, inode, desired, mask & MAY_NOT_BLOCK, &dec);
	if (!rc)
		return 0;
	/* Log from ref-walk mode only: audit may sleep. */
	if (mask & MAY_NOT_BLOCK)
		return -ECHILD;
	return denied(cred, inode, NULL, desired, "permission", &dec, rc);
}

static int hook_file_alloc_security(struct file *file)
{
	/* Files that never pass file_open (pipes, memfd) keep every right. */
	winsec_file(file)->granted = ~0U;
	return 0;
}

static int hook_file_open(struct file *file)
{
	const struct cred *cred = file->f_cred;
	struct inode *inode = file_inode(file);
	struct winsec_decision dec;
	u32 desired = 0, granted;
	int rc;

	if (S_ISDIR(inode->i_mode)) {
		if (file->f_mode & FMODE_READ)
			desired |= WINSEC_FILE_LIST_DIRECTORY;
	} else {
		if (file->f_flags & __FMODE_EXEC)
			desired |= WINSEC_FILE_EXECUTE;
		else if (file->f_mode & FMODE_READ)
			desired |= WINSEC_FILE_READ_DATA;
		if (file->f_mode & FMODE_WRITE)
			desired |= (file->f_flags & O_APPEND) ?
				   WINSEC_FILE_APPEND_DATA :
				   WINSEC_FILE_WRITE_DATA;
	}

	if (fast_path(cred, inode)) {
		winsec_file(file)->granted = ~0U;
		return 0;
	}
	winsec_inode_ensure(inode, file->f_path.dentry);
	/*
	 * The creator of a file gets the access it asked for, whatever the
	 * new descriptor says (as open(O_CREAT) ignores the new mode bits):
	 * creating it was checked on the parent.
	 */
	if (desired && !(file->f_mode & FMODE_CREATED)) {
		rc = evaluate(cred, inode, desired, false, &dec);
		if (rc) {
			rc = denied(cred, inode, file->f_path.dentry, desired,
				    "open", &dec, rc);
			if (rc)
				return rc;
			/* Permissive: the handle gets what was asked. */
			winsec_file(file)->granted = desired;
			return 0;
		}
	}
	/*
	 * The handle keeps everything the descriptor allows now, not only
	 * what open() asked for: Linux cannot ask at open for the rights that
	 * mmap(PROT_EXEC) or ftruncate() need later.
	 */
	rc = evaluate(cred, inode, WINSEC_MAXIMUM_ALLOWED, false, &dec);
	granted = rc ? 0 : dec.granted;
	winsec_file(file)->granted = granted | desired;
	return 0;
}

static int check_handle(struct file *file, u32 desired, const char *op)
{
	struct inode *inode = file_inode(file);
	struct winsec_decision dec = {
		.desired = desired,
		.granted = winsec_file(file)->granted,
		.reason = WINSEC_REASON_NOT_GRANTED,
		.ace_index = -1,
	};

	if ((dec.granted & desired) == desired)
		return 0;
	dec.missing = desired & ~dec.granted;
	return denied(file->f_cred, inode, file->f_path.dentry, desired, op,
		      &dec, -EACCES);
}

static int hook_file_truncate(struct file *file)
{
	return check_handle(file, WINSEC_FILE_WRITE_DATA, "truncate");
}

static int hook_mmap_file(struct file *file, unsigned long reqprot,
			  unsigned long prot, unsigned long flags)
{
	if (!file || !(prot & PROT_EXEC))
		return 0;
	return check_handle(file, WINSEC_FILE_EXECUTE, "mmap");
}

static int hook_file_mprotect(struct vm_area_struct *vma, unsigned long reqprot,
			      unsigned long prot)
{
	if (!vma->vm_file || !(prot & PROT_EXEC))
		return 0;
	return check_handle(vma->vm_file, WINSEC_FILE_EXECUTE, "mprotect");
}

static int hook_bprm_check_security(struct linux_binprm *bprm)
{
	/* The file was opened for execution: its handle must allow it. */
	return check_handle(bprm->file, WINSEC_FILE_EXECUTE, "exec");
}

/* --- the namespace ------------------------------------------------------ */

static int check_parent(struct inode *dir, struct dentry *dentry, u32 desired,
			const char *op)
{
	return winsec_inode_check(current_cred(), dir, dentry->d_parent,
				  desired, op);
}

static int hook_inode_create(struct inode *dir, struct dentry *dentry,
			     umode_t mode)
{
	return check_parent(dir, dentry, WINSEC_FILE_ADD_FILE, "create");
}

static int hook_inode_mknod(struct inode *dir, struct dentry *dentry,
			    umode_t mode, dev_t dev)
{
	return check_parent(dir, dentry, WINSEC_FILE_ADD_FILE, "mknod");
}

static int hook_inode_symlink(struct inode *dir, struct dentry *dentry,
			      const char *old_name)
{
	return check_parent(dir, dentry, WINSEC_FILE_ADD_FILE, "symlink");
}

static int hook_inode_mkdir(struct inode *dir, struct dentry *dentry,
			    umode_t mode)
{
	return check_parent(dir, dentry, WINSEC_FILE_ADD_SUBDIRECTORY, "mkdir");
}

static int hook_inode_link(struct dentry *old_dentry, struct inode *dir,
			   struct dentry *new_dentry)
{
	int rc;

	rc = check_parent(dir, new_dentry, WINSEC_FILE_ADD_FILE, "link");
	if (rc)
		return rc;
	return winsec_inode_check(current_cred(), d_backing_inode(old_dentry),
				  old_dentry, WINSEC_FILE_WRITE_ATTRIBUTES,
				  "link");
}

/* DELETE on the object, or FILE_DELETE_CHILD on its parent. */
static int may_delete(struct inode *dir, struct dentry *dentry, const char *op)
{
	const struct cred *cred = current_cred();
	struct inode *inode = d_backing_inode(dentry);
	struct winsec_decision dec, pdec;
	int rc;

	if (fast_path(cred, inode) || fast_path(cred, dir))
		return 0;
	winsec_inode_ensure(inode, dentry);
	winsec_inode_ensure(dir, dentry->d_parent);
	rc = evaluate(cred, inode, WINSEC_DELETE, false, &dec);
	if (!rc)
		return 0;
	if (!evaluate(cred, dir, WINSEC_FILE_DELETE_CHILD, false, &pdec))
		return 0;
	return denied(cred, inode, dentry, WINSEC_DELETE, op, &dec, rc);
}

static int hook_inode_unlink(struct inode *dir, struct dentry *dentry)
{
	return may_delete(dir, dentry, "unlink");
}

static int hook_inode_rmdir(struct inode *dir, struct dentry *dentry)
{
	return may_delete(dir, dentry, "rmdir");
}

static int hook_inode_rename(struct inode *old_dir, struct dentry *old_dentry,
			     struct inode *new_dir, struct dentry *new_dentry)
{
	u32 add = d_is_dir(old_dentry) ? WINSEC_FILE_ADD_SUBDIRECTORY :
					 WINSEC_FILE_ADD_FILE;
	int rc;

	rc = may_delete(old_dir, old_dentry, "rename");
	if (rc)
		return rc;
	rc = check_parent(new_dir, new_dentry, add, "rename");
	if (rc)
		return rc;
	if (d_is_positive(new_dentry))
		return may_delete(new_dir, new_dentry, "rename");
	return 0;
}

static int hook_inode_setattr(struct mnt_idmap *idmap, struct dentry *dentry,
			      struct iattr *attr)
{
	unsigned int valid = attr->ia_valid;
	u32 desired = 0;

	/* ATTR_FORCE: the kernel dropping suid/sgid bits, not a request. */
	if (valid & ATTR_FORCE)
		valid &= ~(ATTR_KILL_SUID | ATTR_KILL_SGID | ATTR_MODE |
			   ATTR_FORCE);
	if (valid & ATTR_MODE)
		desired |= WINSEC_WRITE_DAC;
	if (valid & (ATTR_UID | ATTR_GID))
		desired |= WINSEC_WRITE_OWNER;
	if (valid & ATTR_SIZE) {
		/* ftruncate() and open(O_TRUNC): file_truncate checked it. */
		if (!(valid & ATTR_FILE))
			desired |= WINSEC_FILE_WRITE_DATA;
	} else if (valid & (ATTR_ATIME | ATTR_MTIME | ATTR_ATIME_SET |
			    ATTR_MTIME_SET | ATTR_TOUCH)) {
		desired |= WINSEC_FILE_WRITE_ATTRIBUTES;
	}
	return winsec_inode_check(current_cred(), d_backing_inode(dentry),
				  dentry, desired, "setattr");
}

static struct security_hook_list winsec_fs_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(inode_permission, hook_inode_permission),
	LSM_HOOK_INIT(file_alloc_security, hook_file_alloc_security),
	LSM_HOOK_INIT(file_open, hook_file_open),
	LSM_HOOK_INIT(file_truncate, hook_file_truncate),
	LSM_HOOK_INIT(mmap_file, hook_mmap_file),
	LSM_HOOK_INIT(file_mprotect, hook_file_mprotect),
	LSM_HOOK_INIT(bprm_check_security, hook_bprm_check_security),
	LSM_HOOK_INIT(inode_create, hook_inode_create),
	LSM_HOOK_INIT(inode_mknod, hook_inode_mknod),
	LSM_HOOK_INIT(inode_symlink, hook_inode_symlink),
	LSM_HOOK_INIT(inode_mkdir, hook_inode_mkdir),
	LSM_HOOK_INIT(inode_link, hook_inode_link),
	LSM_HOOK_INIT(inode_unlink, hook_inode_unlink),
	LSM_HOOK_INIT(inode_rmdir, hook_inode_rmdir),
	LSM_HOOK_INIT(inode_rename, hook_inode_rename),
	LSM_HOOK_INIT(inode_setattr, hook_inode_setattr),
};

/**
 * winsec_add_fs_hooks() - register the file and namespace hooks
 */
void __init winsec_add_fs_hooks(void)
{
	security_add_hooks(winsec_fs_hooks, ARRAY_SIZE(winsec_fs_hooks),
			   &winsec_lsmid);
}
