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
#include <linux/bits.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/mman.h>
#include <linux/mm_types.h>
#include <linux/namei.h>
#include <linux/rcupdate.h>
#include <linux/unaligned.h>
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

/*
 * The label an unlabeled inode carries implicitly, as the SACL of a view:
 * one mandatory label ACE at @level with @policy.
 */
struct implicit_label {
	u32 words[7];
};

static const struct winsec_acl *implicit_sacl(struct implicit_label *l,
					      u32 level, u32 policy)
{
	static const u8 tmpl[sizeof(struct implicit_label)] = {
		/* ACL: revision 2, size 28, one ACE */
		2, 0, 28, 0, 1, 0, 0, 0,
		/* SYSTEM_MANDATORY_LABEL, size 20, mask (policy) */
		WINSEC_ACE_SYSTEM_MANDATORY_LABEL, 0, 20, 0, 0, 0, 0, 0,
		/* S-1-16-<level> */
		1, 1, 0, 0, 0, 0, 0, 16, 0, 0, 0, 0,
	};
	u8 *b = (u8 *)l->words;

	memcpy(b, tmpl, sizeof(tmpl));
	put_unaligned_le32(policy, b + 12);
	put_unaligned_le32(level, b + 24);
	return (const struct winsec_acl *)b;
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
 * has no DACL and an implicit NO_WRITE_UP label at the inode's implicit
 * level (&struct winsec_inode): Medium for ordinary files, the creator's
 * level for pipes, sockets and memfds, none for device nodes and proc
 * files; a task's proc inode carries the task's level, NO_WRITE_UP for its
 * files and NO_WRITE_UP | NO_READ_UP for its directories, so that a lower
 * task neither writes a higher task's files nor lists its fd directory.
 * For a subject at or above that level everything is granted without
 * evaluating anything. No allocation, no sleeping: usable under RCU.
 *
 * Return: 0 if granted, -EACCES if denied.
 */
int winsec_evaluate_desc(const struct cred *cred, struct inode *inode,
			 const struct winsec_desc *desc, u32 desired,
			 struct winsec_decision *dec)
{
	const struct winsec_cred *wc = winsec_cred(cred);
	const struct winsec_inode *isec = winsec_inode(inode);
	const struct winsec_generic_mapping *map = inode_mapping(inode);
	struct winsec_sid_buf owner, group;
	struct implicit_label label;
	struct winsec_token tok;
	struct winsec_sd sd = {
		.control = WINSEC_SE_SELF_RELATIVE,
	};
	u32 level, policy = WINSEC_LABEL_NO_WRITE_UP;

	winsec_stat_inc(checks);
	if (!desc) {
		level = READ_ONCE(isec->level);
		if (wc->level >= level ||
		    !(wc->policy & WINSEC_POLICY_NO_WRITE_UP)) {
			memset(dec, 0, sizeof(*dec));
			dec->granted = (desired & WINSEC_MAXIMUM_ALLOWED) ?
				       map->all : desired;
			dec->desired = desired;
			dec->label_level = level;
			dec->label_policy = policy;
			dec->ace_index = -1;
			return 0;
		}
		if (test_bit(WINSEC_INODE_TASK, &isec->flags) &&
		    S_ISDIR(inode->i_mode))
			policy |= WINSEC_LABEL_NO_READ_UP;
		sd.control |= WINSEC_SE_SACL_PRESENT;
		sd.sacl = implicit_sacl(&label, level, policy);
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
 * Evaluate against the cached descriptor, loading it first when needed
 * (@dentry may be NULL). Returns 0, -EACCES, -EBADMSG for an invalid
 * stored descriptor, -ENOMEM or -ENOENT when the inode's state is unknown
 * (both fail closed) or, with @rcu, -ECHILD when it is not known yet.
 */
static int evaluate(const struct cred *cred, struct inode *inode,
		    struct dentry *dentry, u32 desired, bool rcu,
		    struct winsec_decision *dec)
{
	struct winsec_inode *isec = winsec_inode(inode);
	int rc = 0;

	if (unlikely(!test_bit(WINSEC_INODE_INIT, &isec->flags))) {
		if (rcu)
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
	rc = winsec_evaluate_desc(cred, inode, rcu_dereference(isec->desc),
				  desired, dec);
	rcu_read_unlock();
	return rc;
}

/*
 * Unlabeled, and the subject at or above the implicit level: nothing
 * restricts it. One flags test, one pointer test, one level comparison.
 */
static bool fast_path(const struct cred *cred, const struct inode *inode)
{
	const struct winsec_inode *isec = winsec_inode(inode);

	return (READ_ONCE(isec->flags) &
		(BIT(WINSEC_INODE_INIT) | BIT(WINSEC_INODE_INVALID))) ==
		       BIT(WINSEC_INODE_INIT) &&
	       !rcu_access_pointer(isec->desc) &&
	       winsec_cred(cred)->level >= READ_ONCE(isec->level);
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
		.dec = rc == -EACCES ? dec : NULL,
		.requested = desired,
	};

	/* No memory to learn the inode's state: an error, not a decision. */
	if (rc == -ENOMEM)
		return rc;
	if (rc == -EBADMSG)
		a.reason = "invalid_descriptor";
	else if (rc != -EACCES)
		a.reason = "unknown_state";
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
 * Return: 0 if granted (or denied in permissive mode), -EACCES, or -ENOMEM
 * when the inode's descriptor could not be loaded.
 */
int winsec_inode_check(const struct cred *cred, struct inode *inode,
		       struct dentry *dentry, u32 desired, const char *op)
{
	struct winsec_decision dec;
	int rc;

	if (!desired || fast_path(cred, inode))
		return 0;
	rc = evaluate(cred, inode, dentry, desired, false, &dec);
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

	rc = evaluate(cred, inode, NULL, desired, mask & MAY_NOT_BLOCK, &dec);
	if (!rc)
		return 0;
	/* Log from ref-walk mode only: audit may sleep. */
	if (mask & MAY_NOT_BLOCK)
		return -ECHILD;
	return denied(cred, inode, NULL, desired, "permission", &dec, rc);
}

static int hook_file_alloc_security(struct file *file)
{
	struct winsec_file *fsec = winsec_file(file);
	const struct winsec_cred *wc = winsec_cred(current_cred());

	/* Files that never pass file_open (pipes, memfd) keep every right. */
	fsec->granted = ~0U;
	/* Until F_SETOWN says otherwise, SIGIO comes from the opener. */
	fsec->fown_level = wc->level;
	fsec->fown_policy = wc->policy;
	return 0;
}

static int hook_file_open(struct file *file)
{
	const struct cred *cred = file->f_cred;
	struct inode *inode = file_inode(file);
	struct dentry *dentry = file->f_path.dentry;
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

	/*
	 * O_TMPFILE creates an unnamed file in a directory: adding a file to
	 * it, as a create does (no inode_create hook runs for it).
	 */
	if (file->f_flags & __O_TMPFILE) {
		rc = winsec_inode_check(cred, d_inode(dentry->d_parent),
					dentry->d_parent, WINSEC_FILE_ADD_FILE,
					"tmpfile");
		if (rc)
			return rc;
	}

	if (fast_path(cred, inode)) {
		winsec_file(file)->granted = ~0U;
		return 0;
	}
	/*
	 * The creator of a file gets the access it asked for, whatever the
	 * new descriptor says (as open(O_CREAT) ignores the new mode bits):
	 * creating it was checked on the parent.
	 */
	if (desired && !(file->f_mode & FMODE_CREATED)) {
		rc = evaluate(cred, inode, dentry, desired, false, &dec);
		if (rc) {
			rc = denied(cred, inode, dentry, desired, "open", &dec,
				    rc);
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
	rc = evaluate(cred, inode, dentry, WINSEC_MAXIMUM_ALLOWED, false, &dec);
	if (rc == -ENOMEM)
		return rc;
	granted = rc ? 0 : dec.granted;
	winsec_file(file)->granted = granted | desired;
	return 0;
}

/**
 * winsec_file_check() - check rights against those of an open file
 * @file: the open file (its "handle")
 * @desired: the rights the operation needs
 * @op: the operation, for the log
 *
 * Return: 0 when the file was opened with every right in @desired (or in
 * permissive mode), -EACCES otherwise.
 */
int winsec_file_check(struct file *file, u32 desired, const char *op)
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

/*
 * A handle granted FILE_APPEND_DATA but not FILE_WRITE_DATA writes only
 * at the end: every way of changing existing bytes needs FILE_WRITE_DATA.
 * Reads and writes come here; only a write without O_APPEND can change
 * existing bytes (fcntl() cannot clear O_APPEND from such a handle, see
 * hook_file_fcntl()).
 */
static int hook_file_permission(struct file *file, int mask)
{
	if (!(mask & MAY_WRITE) || (file->f_flags & O_APPEND))
		return 0;
	return winsec_file_check(file, WINSEC_FILE_WRITE_DATA, "write");
}

static int hook_file_fcntl(struct file *file, unsigned int cmd,
			   unsigned long arg)
{
	if (cmd == F_SETFL && (file->f_mode & FMODE_WRITE) &&
	    (file->f_flags & O_APPEND) && !(arg & O_APPEND))
		return winsec_file_check(file, WINSEC_FILE_WRITE_DATA, "fcntl");
	return 0;
}

static int hook_file_truncate(struct file *file)
{
	return winsec_file_check(file, WINSEC_FILE_WRITE_DATA, "truncate");
}

/* The rights a mapping of a file needs from its handle. */
static u32 mapping_rights(unsigned long prot, bool shared)
{
	u32 desired = 0;

	if (prot & PROT_EXEC)
		desired |= WINSEC_FILE_EXECUTE;
	/* A shared writable mapping writes the file in place. */
	if (shared && (prot & PROT_WRITE))
		desired |= WINSEC_FILE_WRITE_DATA;
	return desired;
}

static int hook_mmap_file(struct file *file, unsigned long reqprot,
			  unsigned long prot, unsigned long flags)
{
	u32 desired;

	if (!file)
		return 0;
	desired = mapping_rights(prot, (flags & MAP_TYPE) != MAP_PRIVATE);
	return desired ? winsec_file_check(file, desired, "mmap") : 0;
}

/*
 * A stacked file system (overlayfs) maps the real file in place of the
 * user's: the mapping was checked against the user's handle by
 * hook_mmap_file(), and later mprotect() calls see the real file. Give
 * the real file the rights of the user's handle, no more.
 */
static int hook_mmap_backing_file(struct vm_area_struct *vma,
				  struct file *backing_file,
				  struct file *user_file)
{
	winsec_file(backing_file)->granted &= winsec_file(user_file)->granted;
	return 0;
}

static int hook_file_mprotect(struct vm_area_struct *vma, unsigned long reqprot,
			      unsigned long prot)
{
	u32 desired;

	if (!vma->vm_file)
		return 0;
	desired = mapping_rights(prot, vma->vm_flags & VM_SHARED);
	if (!desired)
		return 0;
	return winsec_file_check(vma->vm_file, desired, "mprotect");
}

/*
 * ioctls that change a file rather than a device: the inode flags and
 * extended attributes of chattr (immutable, append-only, ...) and the
 * generation number need FILE_WRITE_ATTRIBUTES; sharing extents with
 * another file rewrites this one's bytes, FILE_WRITE_DATA. Terminal
 * ioctls go to the terminal rules.
 */
static int file_ioctl(struct file *file, unsigned int cmd)
{
	switch (cmd) {
	case FS_IOC_SETFLAGS:
	case FS_IOC32_SETFLAGS:
	case FS_IOC_FSSETXATTR:
	case FS_IOC_SETVERSION:
	case FS_IOC32_SETVERSION:
		return winsec_file_check(file, WINSEC_FILE_WRITE_ATTRIBUTES,
					 "ioctl");
	case FICLONE:
	case FICLONERANGE:
	case FIDEDUPERANGE:
		return winsec_file_check(file, WINSEC_FILE_WRITE_DATA, "ioctl");
	}
	return winsec_tty_ioctl(file, cmd);
}

static int hook_file_ioctl(struct file *file, unsigned int cmd,
			   unsigned long arg)
{
	return file_ioctl(file, cmd);
}

static int hook_bprm_check_security(struct linux_binprm *bprm)
{
	/* The file was opened for execution: its handle must allow it. */
	return winsec_file_check(bprm->file, WINSEC_FILE_EXECUTE, "exec");
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
	rc = evaluate(cred, inode, dentry, WINSEC_DELETE, false, &dec);
	if (!rc)
		return 0;
	if (!evaluate(cred, dir, dentry->d_parent, WINSEC_FILE_DELETE_CHILD,
		      false, &pdec))
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
	LSM_HOOK_INIT(file_permission, hook_file_permission),
	LSM_HOOK_INIT(file_fcntl, hook_file_fcntl),
	LSM_HOOK_INIT(file_truncate, hook_file_truncate),
	LSM_HOOK_INIT(file_ioctl, hook_file_ioctl),
	LSM_HOOK_INIT(file_ioctl_compat, hook_file_ioctl),
	LSM_HOOK_INIT(mmap_file, hook_mmap_file),
	LSM_HOOK_INIT(mmap_backing_file, hook_mmap_backing_file),
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
