// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - namespaces: user namespaces and mounts
 *
 * A user namespace gives its creator every capability over what the
 * namespace owns. Capabilities in a namespace other than the initial one
 * never become winsec privileges (see winsec_token_fill()), and levels
 * rise only with CAP_MAC_ADMIN in the initial namespace, so "root" inside
 * one cannot relabel, raise its level or take ownership of what it does
 * not own. A task below Medium may not create one at all: like an
 * AppContainer, a Low sandbox has no way to gain new rights, and a user
 * namespace mostly exposes kernel interfaces that were written for root.
 *
 * The mount table of the initial mount namespace is seen by every level:
 * changing it is a write that follows no-write-up. Each superblock
 * remembers the level of the task that created it; mounting on,
 * unmounting, moving or remounting a mount needs a level at least the
 * superblock's (mounting on a directory that is not the root of a mount
 * changes no mount), and mounting over a directory needs the right to add
 * to it. Mount namespaces other than the initial one belong to the tasks
 * that made them (creating one needs CAP_SYS_ADMIN) and are not checked.
 */

#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/nsproxy.h>
#include <linux/path.h>
#include <linux/sched.h>
#include <uapi/linux/mount.h>
#include <uapi/linux/winsec.h>

#include "audit.h"
#include "ns.h"
#include "object.h"
#include "setup.h"
#include "subject.h"

static int hook_userns_create(const struct cred *cred)
{
	struct winsec_audit a = {
		.op = "userns_create",
		.cred = cred,
		.requested = WINSEC_TASK_CONTROL,
		.reason = "level",
	};

	if (winsec_cred_level(cred) >= WINSEC_LEVEL_MEDIUM)
		return 0;
	return winsec_deny(&a, -EPERM, 0);
}

/* --- mounts ------------------------------------------------------------- */

static int hook_sb_alloc_security(struct super_block *sb)
{
	winsec_superblock(sb)->level = winsec_cred_level(current_cred());
	return 0;
}

/* Whether the caller's mount namespace is the one every level sees. */
static bool shared_namespace(void)
{
	return current->nsproxy->mnt_ns == init_nsproxy.mnt_ns;
}

/*
 * The caller changes a mount of @sb (mounts on it, unmounts, moves or
 * remounts it): its level must be at least that of the task that made the
 * superblock.
 */
static int may_change_sb(struct super_block *sb, const char *op)
{
	const struct cred *cred = current_cred();
	u32 level = winsec_superblock(sb)->level;
	struct winsec_target target = {
		.type = WINSEC_TARGET_INODE,
		.inode = d_backing_inode(sb->s_root),
		.dentry = sb->s_root,
	};
	struct winsec_audit a = {
		.op = op,
		.cred = cred,
		.target = &target,
		.requested = WINSEC_FILE_WRITE_DATA,
	};

	if (winsec_cred_level(cred) >= level)
		return 0;
	return winsec_deny_label(&a, level, -EPERM);
}

static int may_change_mount(struct vfsmount *mnt, const char *op)
{
	return may_change_sb(mnt->mnt_sb, op);
}

/*
 * Mounting over @path hides what the directory holds: adding to it. When
 * @path is the root of a mount, that mount changes too.
 */
static int may_mount_on(const struct path *path, const char *op)
{
	struct inode *inode = d_backing_inode(path->dentry);
	int rc;

	if (path->dentry == path->mnt->mnt_root) {
		rc = may_change_mount(path->mnt, op);
		if (rc)
			return rc;
	}
	rc = winsec_inode_check(current_cred(), inode, path->dentry,
				S_ISDIR(inode->i_mode) ?
				WINSEC_FILE_ADD_SUBDIRECTORY :
				WINSEC_FILE_WRITE_DATA, op);
	return rc == -EACCES ? -EPERM : rc;
}

static int hook_sb_mount(const char *dev_name, const struct path *path,
			 const char *type, unsigned long flags, void *data)
{
	struct path from;
	int rc;

	if (!shared_namespace())
		return 0;
	/* Remounts and propagation changes alter the mount at @path. */
	if (flags & (MS_REMOUNT | MS_SHARED | MS_PRIVATE | MS_SLAVE |
		     MS_UNBINDABLE))
		return may_change_mount(path->mnt, "mount");
	/*
	 * mount(2) with MS_MOVE names the mount to move by path; a lookup
	 * that fails is left to the kernel to report.
	 */
	if ((flags & MS_MOVE) && dev_name &&
	    !kern_path(dev_name, LOOKUP_FOLLOW, &from)) {
		rc = may_change_mount(from.mnt, "mount");
		path_put(&from);
		if (rc)
			return rc;
	}
	return may_mount_on(path, "mount");
}

/* Reconfiguring a superblock (remount, fsconfig) changes its mounts. */
static int hook_sb_remount(struct super_block *sb, void *mnt_opts)
{
	if (!shared_namespace())
		return 0;
	return may_change_sb(sb, "remount");
}

static int hook_sb_umount(struct vfsmount *mnt, int flags)
{
	if (!shared_namespace())
		return 0;
	return may_change_mount(mnt, "umount");
}

static int hook_move_mount(const struct path *from_path,
			   const struct path *to_path)
{
	int rc;

	if (!shared_namespace())
		return 0;
	rc = may_change_mount(from_path->mnt, "move_mount");
	if (rc)
		return rc;
	return may_mount_on(to_path, "move_mount");
}

static int hook_sb_pivotroot(const struct path *old_path,
			     const struct path *new_path)
{
	int rc;

	if (!shared_namespace())
		return 0;
	rc = may_change_mount(old_path->mnt, "pivotroot");
	if (rc)
		return rc;
	return may_change_mount(new_path->mnt, "pivotroot");
}

static struct security_hook_list winsec_ns_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(userns_create, hook_userns_create),
	LSM_HOOK_INIT(sb_alloc_security, hook_sb_alloc_security),
	LSM_HOOK_INIT(sb_mount, hook_sb_mount),
	LSM_HOOK_INIT(sb_remount, hook_sb_remount),
	LSM_HOOK_INIT(sb_umount, hook_sb_umount),
	LSM_HOOK_INIT(move_mount, hook_move_mount),
	LSM_HOOK_INIT(sb_pivotroot, hook_sb_pivotroot),
};

/**
 * winsec_add_ns_hooks() - register the namespace and mount hooks
 */
void __init winsec_add_ns_hooks(void)
{
	security_add_hooks(winsec_ns_hooks, ARRAY_SIZE(winsec_ns_hooks),
			   &winsec_lsmid);
}
