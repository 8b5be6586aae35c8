// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - hooks of the security.winsec attribute: labelling new
 * files, reading and writing the attribute, and the other attributes
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/magic.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/xattr.h>
#include <uapi/linux/winsec.h>

#include "desc.h"
#include "inode.h"
#include "object.h"
#include "setup.h"
#include "subject.h"

/* --- new objects ------------------------------------------------------- */

static int hook_inode_init_security(struct inode *inode, struct inode *dir,
				    const struct qstr *qstr,
				    struct xattr *xattrs, int *xattr_count)
{
	const struct cred *cred = current_cred();
	const struct winsec_cred *wc = winsec_cred(cred);
	struct winsec_desc *parent = NULL, *desc;
	bool is_dir = S_ISDIR(inode->i_mode);
	struct winsec_token tokbuf;
	const struct winsec_token *tok;
	struct xattr *xattr;
	void *bytes;
	int rc;

	if (dir) {
		/* Without the parent's state, inheritance cannot be computed. */
		rc = winsec_inode_ensure(dir, NULL);
		if (rc)
			return rc == -ENOENT ? -EACCES : rc;
		parent = winsec_inode_desc(dir);
	}
	tok = winsec_cred_token(cred, WINSEC_CRED_FS, &tokbuf);
	rc = winsec_desc_new_object(parent, wc->fscreate, tok,
				    is_dir ? WINSEC_NEW_DIR : 0,
				    is_dir ? &winsec_dir_mapping :
					     &winsec_file_mapping,
				    GFP_NOFS, &desc, &bytes);
	winsec_desc_put(parent);
	if (rc)
		return rc;
	winsec_inode_set_desc(inode, desc);
	if (!desc)
		return -EOPNOTSUPP;	/* nothing to store: unlabeled */
	xattr = lsm_get_xattr_slot(xattrs, xattr_count);
	if (!xattr) {
		kfree(bytes);
		return 0;
	}
	/* The file system frees the value once it has stored it. */
	xattr->value = bytes;
	xattr->value_len = desc->len;
	xattr->name = WINSEC_XATTR_SUFFIX;
	return 0;
}

/* --- reading and writing security.winsec ------------------------------ */

static bool is_winsec_name(const char *name)
{
	return !strcmp(name, WINSEC_XATTR_NAME);
}

/* Only a security administrator reads or repairs a corrupted value. */
static int may_repair(struct inode *inode, struct dentry *dentry, u32 desired,
		      const char *op)
{
	if (winsec_mac_admin())
		return 0;
	return winsec_inode_deny(current_cred(), inode, dentry, desired, op,
				 NULL, -EBADMSG);
}

static int hook_inode_xattr_skipcap(const char *name)
{
	return is_winsec_name(name);
}

/*
 * Whether the caller may replace the descriptor of @dentry by @new (NULL:
 * remove it, making the object unlabeled).
 */
static int may_write_desc(struct mnt_idmap *idmap, struct dentry *dentry,
			  const struct winsec_desc *new, const char *op)
{
	struct inode *inode = d_backing_inode(dentry);
	struct winsec_object obj;
	struct winsec_desc *old;
	int rc;

	rc = winsec_inode_ensure(inode, dentry);
	if (rc)
		return rc;
	if (test_bit(WINSEC_INODE_INVALID, &winsec_inode(inode)->flags))
		return may_repair(inode, dentry, WINSEC_WRITE_DAC, op);
	old = winsec_inode_desc(inode);
	winsec_inode_object(inode, dentry, old, &obj);
	obj.idmap = idmap;
	rc = winsec_object_may_replace(&obj, new, op);
	winsec_desc_put(old);
	return rc;
}

static int hook_inode_setxattr(struct mnt_idmap *idmap, struct dentry *dentry,
			       const char *name, const void *value,
			       size_t size, int flags)
{
	struct winsec_desc *desc;
	const char *reason;
	int rc;

	/* Every other attribute, trusted.* and other LSMs' included. */
	if (!is_winsec_name(name))
		return winsec_inode_check(current_cred(), d_backing_inode(dentry),
					  dentry, WINSEC_FILE_WRITE_EA, "setxattr");

	/* Validate everything first: nothing is stored on bad input. */
	desc = winsec_desc_create(value, size, GFP_KERNEL, &reason);
	if (IS_ERR(desc))
		return PTR_ERR(desc);
	rc = may_write_desc(idmap, dentry, desc, "setxattr");
	winsec_desc_put(desc);
	return rc;
}

static void hook_inode_post_setxattr(struct dentry *dentry, const char *name,
				     const void *value, size_t size, int flags)
{
	struct inode *inode = d_backing_inode(dentry);
	struct winsec_desc *desc;
	const char *reason;

	if (!is_winsec_name(name))
		return;
	desc = winsec_desc_create(value, size, GFP_NOFS, &reason);
	if (IS_ERR(desc)) {
		/*
		 * No memory for the copy (the value passed setxattr): forget
		 * the old descriptor, so that the next check loads the new one
		 * from the file system, and denies until it can.
		 */
		winsec_inode_forget(inode);
		return;
	}
	winsec_inode_set_desc(inode, desc);
}

static int hook_inode_removexattr(struct mnt_idmap *idmap,
				  struct dentry *dentry, const char *name)
{
	if (!is_winsec_name(name))
		return winsec_inode_check(current_cred(), d_backing_inode(dentry),
					  dentry, WINSEC_FILE_WRITE_EA,
					  "removexattr");
	return may_write_desc(idmap, dentry, NULL, "removexattr");
}

static void hook_inode_post_removexattr(struct dentry *dentry, const char *name)
{
	if (is_winsec_name(name))
		winsec_inode_set_desc(d_backing_inode(dentry), NULL);
}

static int hook_inode_getxattr(struct dentry *dentry, const char *name)
{
	struct inode *inode = d_backing_inode(dentry);
	const struct cred *cred = current_cred();
	struct winsec_object obj;
	struct winsec_desc *desc;
	u32 desired;
	int rc;

	if (!is_winsec_name(name))
		return winsec_inode_check(cred, inode, dentry,
					  WINSEC_FILE_READ_EA, "getxattr");

	rc = winsec_inode_ensure(inode, dentry);
	if (rc)
		return rc;
	if (test_bit(WINSEC_INODE_INVALID, &winsec_inode(inode)->flags))
		return may_repair(inode, dentry, WINSEC_READ_CONTROL,
				  "getxattr");
	desc = winsec_inode_desc(inode);
	if (!desc)
		return 0;
	/* Audit entries are shown only to holders of SeSecurityPrivilege. */
	desired = WINSEC_READ_CONTROL;
	if (desc->has_audit)
		desired |= WINSEC_ACCESS_SYSTEM_SECURITY;
	winsec_inode_object(inode, dentry, desc, &obj);
	rc = winsec_object_enforce(cred, &obj, desired, "getxattr", -EACCES);
	winsec_desc_put(desc);
	return rc;
}

/* The names of the attributes are themselves extended-attribute data. */
static int hook_inode_listxattr(struct dentry *dentry)
{
	return winsec_inode_check(current_cred(), d_backing_inode(dentry),
				  dentry, WINSEC_FILE_READ_EA, "listxattr");
}

static int hook_inode_getsecurity(struct mnt_idmap *idmap,
				  struct inode *inode, const char *name,
				  void **buffer, bool alloc)
{
	struct winsec_desc *desc;
	int len;

	if (strcmp(name, WINSEC_XATTR_SUFFIX))
		return -EOPNOTSUPP;
	/*
	 * Serve the cached value. For unlabeled and invalid inodes the
	 * filesystem answers: ENODATA, or the raw bytes for the administrator
	 * that getxattr let through.
	 */
	desc = winsec_inode_desc(inode);
	if (!desc)
		return -EOPNOTSUPP;
	len = desc->len;
	if (alloc) {
		*buffer = kmemdup(desc->data, len, GFP_KERNEL);
		if (!*buffer)
			len = -ENOMEM;
	}
	winsec_desc_put(desc);
	return len;
}

static int hook_inode_set_acl(struct mnt_idmap *idmap, struct dentry *dentry,
			      const char *acl_name, struct posix_acl *kacl)
{
	/* A POSIX ACL is part of the discretionary permissions: chmod. */
	return winsec_inode_check(current_cred(), d_backing_inode(dentry),
				  dentry, WINSEC_WRITE_DAC, "set_acl");
}

static int hook_inode_remove_acl(struct mnt_idmap *idmap,
				 struct dentry *dentry, const char *acl_name)
{
	return hook_inode_set_acl(idmap, dentry, acl_name, NULL);
}

static struct security_hook_list winsec_xattr_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(inode_init_security, hook_inode_init_security),
	LSM_HOOK_INIT(inode_xattr_skipcap, hook_inode_xattr_skipcap),
	LSM_HOOK_INIT(inode_setxattr, hook_inode_setxattr),
	LSM_HOOK_INIT(inode_post_setxattr, hook_inode_post_setxattr),
	LSM_HOOK_INIT(inode_removexattr, hook_inode_removexattr),
	LSM_HOOK_INIT(inode_post_removexattr, hook_inode_post_removexattr),
	LSM_HOOK_INIT(inode_getxattr, hook_inode_getxattr),
	LSM_HOOK_INIT(inode_listxattr, hook_inode_listxattr),
	LSM_HOOK_INIT(inode_getsecurity, hook_inode_getsecurity),
	LSM_HOOK_INIT(inode_set_acl, hook_inode_set_acl),
	LSM_HOOK_INIT(inode_remove_acl, hook_inode_remove_acl),
};

/**
 * winsec_add_xattr_hooks() - register the descriptor and xattr hooks
 */
void __init winsec_add_xattr_hooks(void)
{
	security_add_hooks(winsec_xattr_hooks, ARRAY_SIZE(winsec_xattr_hooks),
			   &winsec_lsmid);
}
