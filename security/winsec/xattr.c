// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - the security.winsec attribute: descriptor cache, loading,
 * labelling of new objects, and the rules for reading and writing it
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

#include "access.h"
#include "inherit.h"
#include "sd.h"
#include "sid.h"
#include "winsec.h"

/* First guess for the size of a stored descriptor. */
#define WINSEC_LOAD_GUESS 256

/* --- descriptor objects ----------------------------------------------- */

static bool sacl_has_audit(const struct winsec_sd *sd)
{
	const struct winsec_ace_header *hdr;
	unsigned int i;

	if (!sd->sacl)
		return false;
	winsec_acl_for_each(sd->sacl, hdr, i)
		if (hdr->type != WINSEC_ACE_SYSTEM_MANDATORY_LABEL)
			return true;
	return false;
}

/**
 * winsec_desc_create() - validate bytes and make a descriptor object
 * @buf: a self-relative descriptor
 * @len: its length
 * @gfp: allocation flags
 * @reason: set to the validator's reason when the bytes are refused
 *
 * Return: a descriptor with one reference, ERR_PTR(-EINVAL) for invalid
 * bytes or ERR_PTR(-ENOMEM).
 */
struct winsec_desc *winsec_desc_create(const void *buf, size_t len, gfp_t gfp,
				       const char **reason)
{
	struct winsec_desc *desc;
	struct winsec_sd view;

	*reason = NULL;
	if (!buf || len > WINSEC_SD_MAX_SIZE ||
	    winsec_sd_parse(buf, len, &view, reason))
		return ERR_PTR(-EINVAL);
	desc = kmalloc(struct_size(desc, data, len), gfp);
	if (!desc)
		return ERR_PTR(-ENOMEM);
	refcount_set(&desc->usage, 1);
	desc->len = len;
	memcpy(desc->data, buf, len);
	/* Parse the copy so that the view points into the object. */
	if (WARN_ON_ONCE(winsec_sd_parse(desc->data, len, &desc->sd, reason))) {
		kfree(desc);
		return ERR_PTR(-EINVAL);
	}
	desc->has_audit = sacl_has_audit(&desc->sd);
	return desc;
}

/**
 * winsec_desc_put() - drop a reference to a descriptor
 * @desc: a descriptor, or NULL
 *
 * The last reference frees the object after an RCU grace period, so that
 * readers that found it under rcu_read_lock() may finish. Safe in any
 * context.
 */
void winsec_desc_put(struct winsec_desc *desc)
{
	if (desc && refcount_dec_and_test(&desc->usage))
		kfree_rcu(desc, rcu);
}

/* --- the inode cache --------------------------------------------------- */

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
 * The level of the implicit label of an unlabeled inode (see &struct
 * winsec_inode). The files of kernel-internal mounts (pipes, sockets,
 * memfds) are instantiated by the task that makes them, which is current
 * here, and get its level: a Low task may reopen its own pipe through
 * /proc/self/fd, and not a Medium task's.
 */
static u32 implicit_level(const struct inode *inode,
			  const struct dentry *dentry)
{
	unsigned long magic = inode->i_sb->s_magic;

	/* Changing a sysctl changes the system: High and above. */
	if (magic == PROC_SUPER_MAGIC && dentry && !S_ISDIR(inode->i_mode) &&
	    is_sysctl(dentry))
		return WINSEC_LEVEL_HIGH;
	if (S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode) ||
	    magic == PROC_SUPER_MAGIC || magic == PID_FS_MAGIC ||
	    magic == ANON_INODE_FS_MAGIC)
		return WINSEC_LEVEL_UNTRUSTED;
	if ((inode->i_sb->s_flags & SB_NOUSER) && !S_ISDIR(inode->i_mode))
		return winsec_cred(current_cred())->level;
	return WINSEC_LEVEL_MEDIUM;
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
	if (!test_bit(WINSEC_INODE_TASK, &isec->flags))
		WRITE_ONCE(isec->level, implicit_level(inode, NULL));
	clear_bit(WINSEC_INODE_INVALID, &isec->flags);
	set_bit(WINSEC_INODE_INIT, &isec->flags);
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
	clear_bit(WINSEC_INODE_INIT, &isec->flags);
	spin_unlock(&isec->lock);
	winsec_desc_put(old);
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
	if (test_bit(WINSEC_INODE_INIT, &isec->flags)) {
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
	if (!test_bit(WINSEC_INODE_TASK, &isec->flags))
		WRITE_ONCE(isec->level, implicit_level(inode, dentry));
	set_bit(WINSEC_INODE_INIT, &isec->flags);
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
 * Return: 0 when the inode's state is known; -ENOMEM when there was no
 * memory to load it, -ENOENT when no dentry could be found to read the
 * attribute. Callers deny on an error: an inode whose state is unknown is
 * never treated as unlabeled.
 */
int winsec_inode_ensure(struct inode *inode, struct dentry *dentry)
{
	struct dentry *alias = NULL;
	int rc;

	if (likely(test_bit(WINSEC_INODE_INIT, &winsec_inode(inode)->flags)))
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
	winsec_mqueue_instantiate(dentry, inode);
}

/* --- new objects ------------------------------------------------------- */

static int hook_inode_init_security(struct inode *inode, struct inode *dir,
				    const struct qstr *qstr,
				    struct xattr *xattrs, int *xattr_count)
{
	const struct cred *cred = current_cred();
	const struct winsec_generic_mapping *map;
	struct winsec_desc *parent = NULL, *desc;
	const struct winsec_cred *wc = winsec_cred(cred);
	struct winsec_inode *disec;
	struct winsec_token tok;
	const char *reason;
	struct xattr *xattr;
	bool is_dir = S_ISDIR(inode->i_mode);
	u32 bound, len = 0;
	void *buf;
	int rc;

	if (dir) {
		/* Without the parent's state, inheritance cannot be computed. */
		rc = winsec_inode_ensure(dir, NULL);
		if (rc)
			return rc == -ENOENT ? -EACCES : rc;
		disec = winsec_inode(dir);
		rcu_read_lock();
		parent = winsec_desc_get(rcu_dereference(disec->desc));
		rcu_read_unlock();
	}
	winsec_token_fill(cred, true, &tok);
	map = is_dir ? &winsec_dir_mapping : &winsec_file_mapping;

	bound = winsec_inherit_bound(parent ? &parent->sd : NULL,
				     wc->fscreate ? &wc->fscreate->sd : NULL);
	buf = kvmalloc(bound, GFP_NOFS);
	if (!buf) {
		rc = -ENOMEM;
		goto out;
	}
	rc = winsec_inherit(parent ? &parent->sd : NULL,
			    wc->fscreate ? &wc->fscreate->sd : NULL, &tok,
			    is_dir, map, buf, bound, &len);
	if (rc)
		goto out_free;
	if (!len) {
		/* Nothing to store: the new object is unlabeled. */
		winsec_inode_set_desc(inode, NULL);
		rc = -EOPNOTSUPP;
		goto out_free;
	}
	desc = winsec_desc_create(buf, len, GFP_NOFS, &reason);
	if (IS_ERR(desc)) {
		rc = PTR_ERR(desc);
		WARN_ON_ONCE(rc == -EINVAL);
		goto out_free;
	}
	winsec_inode_set_desc(inode, desc);

	rc = 0;
	xattr = lsm_get_xattr_slot(xattrs, xattr_count);
	if (xattr) {
		xattr->value = kmemdup(buf, len, GFP_NOFS);
		if (!xattr->value)
			rc = -ENOMEM;
		xattr->value_len = len;
		xattr->name = WINSEC_XATTR_SUFFIX;
	}
out_free:
	kvfree(buf);
out:
	winsec_desc_put(parent);
	return rc;
}

/* --- reading and writing security.winsec ------------------------------ */

static bool is_winsec_name(const char *name)
{
	return !strcmp(name, WINSEC_XATTR_NAME);
}

static int hook_inode_xattr_skipcap(const char *name)
{
	return is_winsec_name(name);
}

/* Owner or group of a view, the Unix one when absent. */
static const struct winsec_sid *effective_sid(const struct winsec_sid *sid,
					      struct winsec_sid_buf *buf,
					      bool user, const struct inode *inode)
{
	if (sid)
		return sid;
	if (user)
		winsec_sid_unix_user(buf, __kuid_val(inode->i_uid));
	else
		winsec_sid_unix_group(buf, __kgid_val(inode->i_gid));
	return winsec_sid_of(buf);
}

#define WINSEC_DACL_CONTROL (WINSEC_SE_DACL_PRESENT | WINSEC_SE_DACL_PROTECTED | \
			     WINSEC_SE_DACL_AUTO_INHERITED | \
			     WINSEC_SE_DACL_AUTO_INHERIT_REQ | \
			     WINSEC_SE_DACL_DEFAULTED | WINSEC_SE_DACL_TRUSTED)

static bool dacl_equal(const struct winsec_sd *a, const struct winsec_sd *b)
{
	struct winsec_sd x = {
		.control = (a->control & WINSEC_DACL_CONTROL) |
			   WINSEC_SE_SELF_RELATIVE,
		.dacl = a->dacl,
	};
	struct winsec_sd y = {
		.control = (b->control & WINSEC_DACL_CONTROL) |
			   WINSEC_SE_SELF_RELATIVE,
		.dacl = b->dacl,
	};

	return winsec_sd_equal(&x, &y);
}

static bool ace_equal(const struct winsec_ace_header *a,
		      const struct winsec_ace_header *b)
{
	if (!a || !b)
		return a == b;
	return a->size == b->size &&
	       !memcmp(a, b, get_unaligned_le16(&a->size));
}

/* Compare the SACL entries of one kind (labels or the others). */
static bool sacl_part_equal(const struct winsec_sd *a,
			    const struct winsec_sd *b, bool labels)
{
	const struct winsec_ace_header *x, *y;
	unsigned int i, j, na, nb;

	na = a->sacl ? winsec_acl_count(a->sacl) : 0;
	nb = b->sacl ? winsec_acl_count(b->sacl) : 0;
	x = na ? winsec_acl_first(a->sacl) : NULL;
	y = nb ? winsec_acl_first(b->sacl) : NULL;
	i = 0;
	j = 0;
	for (;;) {
		while (i < na && (x->type == WINSEC_ACE_SYSTEM_MANDATORY_LABEL) != labels) {
			x = winsec_ace_next(x);
			i++;
		}
		while (j < nb && (y->type == WINSEC_ACE_SYSTEM_MANDATORY_LABEL) != labels) {
			y = winsec_ace_next(y);
			j++;
		}
		if (i == na || j == nb)
			return i == na && j == nb;
		if (!ace_equal(x, y))
			return false;
		x = winsec_ace_next(x);
		y = winsec_ace_next(y);
		i++;
		j++;
	}
}

/**
 * struct winsec_change - which parts of a descriptor a write changes
 * @desired: rights needed on the current descriptor
 * @label: the labels change
 * @owner: the owner changes
 */
struct winsec_change {
	u32 desired;
	bool label;
	bool owner;
};

static void describe_change(const struct inode *inode,
			    const struct winsec_sd *old,
			    const struct winsec_sd *new,
			    struct winsec_change *c)
{
	struct winsec_sid_buf b1, b2;
	u16 sacl_ctl = WINSEC_SE_SACL_PRESENT | WINSEC_SE_SACL_PROTECTED |
		       WINSEC_SE_SACL_AUTO_INHERITED |
		       WINSEC_SE_SACL_AUTO_INHERIT_REQ;

	memset(c, 0, sizeof(*c));
	if (!dacl_equal(old, new))
		c->desired |= WINSEC_WRITE_DAC;
	if (!winsec_sid_equal(effective_sid(old->owner, &b1, true, inode),
			      effective_sid(new->owner, &b2, true, inode))) {
		c->desired |= WINSEC_WRITE_OWNER;
		c->owner = true;
	}
	if (!winsec_sid_equal(effective_sid(old->group, &b1, false, inode),
			      effective_sid(new->group, &b2, false, inode)))
		c->desired |= WINSEC_WRITE_OWNER;
	if (!sacl_part_equal(old, new, true) ||
	    (old->control & sacl_ctl) != (new->control & sacl_ctl)) {
		c->desired |= WINSEC_WRITE_OWNER;
		c->label = true;
	}
	if (!sacl_part_equal(old, new, false))
		c->desired |= WINSEC_ACCESS_SYSTEM_SECURITY;
	/* Writing the same value again still writes the descriptor. */
	if (!c->desired)
		c->desired = WINSEC_WRITE_DAC;
}

static struct winsec_desc *current_desc(struct inode *inode)
{
	struct winsec_desc *desc;

	rcu_read_lock();
	desc = winsec_desc_get(rcu_dereference(winsec_inode(inode)->desc));
	rcu_read_unlock();
	return desc;
}

/*
 * Whether the caller may replace the descriptor of @dentry by @new (NULL:
 * remove it, making the object unlabeled).
 */
static int may_write_desc(struct mnt_idmap *idmap, struct dentry *dentry,
			  const struct winsec_desc *new, const char *op)
{
	static const struct winsec_sd implicit = {
		.control = WINSEC_SE_SELF_RELATIVE,
	};
	const struct cred *cred = current_cred();
	struct inode *inode = d_backing_inode(dentry);
	struct winsec_audit a = {
		.op = op,
		.cred = cred,
		.inode = inode,
		.dentry = dentry,
	};
	struct winsec_decision dec;
	struct winsec_change change;
	struct winsec_token tok;
	struct winsec_desc *old;
	int rc;

	rc = winsec_inode_ensure(inode, dentry);
	if (rc)
		return rc;
	if (test_bit(WINSEC_INODE_INVALID, &winsec_inode(inode)->flags)) {
		/* Only a security administrator repairs a corrupted value. */
		if (winsec_mac_admin())
			return 0;
		a.requested = WINSEC_WRITE_DAC;
		a.reason = "invalid_descriptor";
		return winsec_deny(&a);
	}

	old = current_desc(inode);
	if (!old && !new)
		return 0;
	describe_change(inode, old ? &old->sd : &implicit,
			new ? &new->sd : &implicit, &change);
	if (!new)
		change.desired |= WINSEC_WRITE_DAC | WINSEC_WRITE_OWNER;

	/*
	 * No DACL (unlabeled, or a descriptor without SE_DACL_PRESENT, such
	 * as a label alone): the descriptor is the Unix owner's to change, as
	 * the mode bits are. Only an explicit NULL DACL hands WRITE_DAC to
	 * everyone.
	 */
	if ((!old || !winsec_sd_has_dacl(&old->sd)) &&
	    !inode_owner_or_capable(idmap, inode)) {
		winsec_desc_put(old);
		a.requested = change.desired;
		a.reason = "not_owner";
		rc = winsec_deny(&a);
		return rc ? -EPERM : 0;
	}

	rc = winsec_evaluate_desc(cred, inode, old, change.desired, &dec);
	winsec_desc_put(old);
	if (rc) {
		a.requested = change.desired;
		a.dec = &dec;
		rc = winsec_deny(&a);
		/* A missing privilege is EPERM, as for capabilities. */
		if (rc && dec.reason == WINSEC_REASON_PRIVILEGE)
			rc = -EPERM;
		return rc;
	}

	winsec_token_fill(cred, true, &tok);
	if (new)
		rc = winsec_check_assign(&tok, new, change.label, true,
					 change.owner);
	else if (tok.level < READ_ONCE(winsec_inode(inode)->level) &&
		 !(tok.privileges & WINSEC_PRIV_RELABEL))
		rc = -EPERM;	/* the implicit label would be above the caller */
	if (rc) {
		a.requested = change.desired;
		a.reason = "privilege";
		rc = winsec_deny(&a);
		return rc ? -EPERM : 0;
	}
	return 0;
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
	struct winsec_audit a = {
		.op = "getxattr",
		.cred = cred,
		.inode = inode,
		.dentry = dentry,
		.requested = WINSEC_READ_CONTROL,
	};
	struct winsec_decision dec;
	struct winsec_desc *desc;
	u32 desired;
	int rc;

	if (!is_winsec_name(name))
		return winsec_inode_check(cred, inode, dentry,
					  WINSEC_FILE_READ_EA, "getxattr");

	rc = winsec_inode_ensure(inode, dentry);
	if (rc)
		return rc;
	if (test_bit(WINSEC_INODE_INVALID, &winsec_inode(inode)->flags)) {
		if (winsec_mac_admin())
			return 0;
		a.reason = "invalid_descriptor";
		return winsec_deny(&a);
	}
	desc = current_desc(inode);
	if (!desc)
		return 0;
	/* Audit entries are shown only to holders of SeSecurityPrivilege. */
	desired = WINSEC_READ_CONTROL;
	if (desc->has_audit)
		desired |= WINSEC_ACCESS_SYSTEM_SECURITY;
	rc = winsec_evaluate_desc(cred, inode, desc, desired, &dec);
	winsec_desc_put(desc);
	if (!rc)
		return 0;
	a.requested = desired;
	a.dec = &dec;
	return winsec_deny(&a);
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
	desc = current_desc(inode);
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
	LSM_HOOK_INIT(inode_alloc_security, hook_inode_alloc_security),
	LSM_HOOK_INIT(inode_free_security_rcu, hook_inode_free_security_rcu),
	LSM_HOOK_INIT(d_instantiate, hook_d_instantiate),
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
