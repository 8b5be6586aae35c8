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
#include <uapi/linux/winsec.h>

#include "inode.h"
#include "object.h"
#include "rights.h"
#include "setup.h"
#include "subject.h"
#include "tty.h"

/* --- opening and using files ------------------------------------------ */

/* The check of hook_inode_permission() that asks rights: rare. */
static noinline int inode_permission_check(struct inode *inode, int mask,
					   u32 desired)
{
	const struct cred *cred = current_cred();
	struct winsec_decision dec;
	int rc;

	if (winsec_inode_unrestricted(cred, inode))
		return 0;
	rc = winsec_inode_evaluate(cred, inode, NULL, desired,
				   WINSEC_EVAL_PERMISSION |
				   ((mask & MAY_NOT_BLOCK) ? WINSEC_EVAL_RCU : 0),
				   "permission", &dec);
	if (!rc)
		return 0;
	/* Log from ref-walk mode only: audit may sleep. */
	if (mask & MAY_NOT_BLOCK)
		return -ECHILD;
	return winsec_inode_deny(cred, inode, NULL, desired, "permission", &dec,
				 rc);
}

/*
 * Every step of a path walk comes here; traversing a directory and the
 * check of an open (decided by hook_file_open()) ask no rights, so the
 * common case is a test of the mask and the mode.
 */
static int hook_inode_permission(struct inode *inode, int mask)
{
	u32 desired = winsec_may_rights(inode->i_mode, mask);

	if (likely(!desired))
		return 0;
	return inode_permission_check(inode, mask, desired);
}

static int hook_file_alloc_security(struct file *file)
{
	struct winsec_file *fsec = winsec_file(file);

	/* Files that never pass file_open (pipes, memfd) keep every right. */
	fsec->granted = ~0U;
	/* Until F_SETOWN says otherwise, SIGIO comes from the opener. */
	fsec->fown_level = winsec_cred_level(current_cred());
	return 0;
}

/* hook_file_open() when something may restrict the opener. */
static noinline int file_open_check(struct file *file)
{
	const struct cred *cred = file->f_cred;
	struct inode *inode = file_inode(file);
	struct dentry *dentry = file->f_path.dentry;
	u32 desired = winsec_open_rights(inode->i_mode, file->f_mode,
					 file->f_flags);
	struct winsec_decision dec;
	int rc;

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
	if (winsec_inode_unrestricted(cred, inode)) {
		winsec_file(file)->granted = ~0U;
		return 0;
	}
	/*
	 * One evaluation: the handle keeps everything the descriptor allows
	 * now, not only what open() asked for (Linux cannot ask at open for
	 * the rights that mmap(PROT_EXEC) or ftruncate() need later), and the
	 * open is allowed when that covers the request. The creator of a file
	 * gets the access it asked for whatever the new descriptor says (as
	 * open(O_CREAT) ignores the new mode bits): creating it was checked
	 * on the parent. mq_open() marks no FMODE_CREATED; its creator is
	 * recognised by winsec_inode_just_created().
	 */
	rc = winsec_inode_evaluate(cred, inode, dentry, WINSEC_MAXIMUM_ALLOWED,
				   0, "open", &dec);
	if (rc == -ENOMEM)
		return rc;
	if (rc)
		dec.granted = 0;
	if ((file->f_mode & FMODE_CREATED) ||
	    (dec.granted & desired) == desired ||
	    (S_ISREG(inode->i_mode) && winsec_inode_just_created(inode))) {
		winsec_file(file)->granted = dec.granted | desired;
		winsec_inode_audit(cred, inode, dentry, desired, "open");
		return 0;
	}
	/* Denied: once more with the request, for what the record says. */
	rc = winsec_inode_evaluate(cred, inode, dentry, desired, 0, "open",
				   &dec);
	if (!rc)
		rc = -EACCES;	/* the descriptor changed in between */
	rc = winsec_inode_deny(cred, inode, dentry, desired, "open", &dec, rc);
	if (rc)
		return rc;
	/* Permissive: the handle gets what was asked. */
	winsec_file(file)->granted = desired;
	return 0;
}

/*
 * hook_file_open() when something may restrict the opener: a grant
 * without a check (winsec_inode_kept()) when one covers the request,
 * otherwise file_open_check(). Apart, so that the common case of
 * hook_file_open() saves no registers.
 */
static noinline int file_open_restricted(struct file *file)
{
	struct inode *inode = file_inode(file);
	u32 granted;

	granted = winsec_inode_kept(file->f_cred, inode,
				    winsec_open_rights(inode->i_mode,
						       file->f_mode,
						       file->f_flags));
	if (likely(granted)) {
		winsec_file(file)->granted = granted;
		return 0;
	}
	return file_open_check(file);
}

static int hook_file_open(struct file *file)
{
	if (unlikely(file->f_flags & __O_TMPFILE))
		return file_open_check(file);
	/* The common case: nothing restricts the opener. */
	if (winsec_inode_unrestricted(file->f_cred, file_inode(file))) {
		winsec_file(file)->granted = ~0U;
		return 0;
	}
	return file_open_restricted(file);
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

static int hook_mmap_file(struct file *file, unsigned long reqprot,
			  unsigned long prot, unsigned long flags)
{
	u32 desired;

	if (!file)
		return 0;
	desired = winsec_mmap_rights(prot, (flags & MAP_TYPE) != MAP_PRIVATE ?
						   WINSEC_MAP_SHARED : 0);
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
	desired = winsec_mmap_rights(prot, (vma->vm_flags & VM_SHARED) ?
						   WINSEC_MAP_SHARED : 0);
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
	int rc;

	rc = check_parent(dir, dentry, WINSEC_FILE_ADD_FILE, "create");
	if (rc)
		return rc;
	return winsec_inode_prepare_create(dir);
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

	if (winsec_inode_unrestricted(cred, inode) ||
	    winsec_inode_unrestricted(cred, dir))
		return 0;
	rc = winsec_inode_evaluate(cred, inode, dentry, WINSEC_DELETE, 0, op,
				   &dec);
	if (!rc)
		return 0;
	if (!winsec_inode_evaluate(cred, dir, dentry->d_parent,
				   WINSEC_FILE_DELETE_CHILD, 0, op, &pdec))
		return 0;
	return winsec_inode_deny(cred, inode, dentry, WINSEC_DELETE, op, &dec,
				 rc);
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
	return winsec_inode_check(current_cred(), d_backing_inode(dentry),
				  dentry, winsec_setattr_rights(attr->ia_valid),
				  "setattr");
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
