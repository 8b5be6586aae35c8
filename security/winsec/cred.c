// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - hooks of task credentials: their life cycle, the self
 * attributes (level and creator descriptor), and exec
 */

#include <linux/binfmts.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/highuid.h>
#include <linux/lsm_hooks.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uidgid.h>
#include <uapi/linux/lsm.h>

#include "change.h"
#include "desc.h"
#include "inode.h"
#include "object.h"
#include "setup.h"
#include "subject.h"
#include "uring.h"

/* --- changing one's own attributes ------------------------------------ */

/*
 * A task may always lower its level. Raising it needs CAP_MAC_ADMIN, and is
 * refused below Medium whatever the capabilities: as on Windows, a Low
 * process never raises itself, so lowering root is a real sandbox. No task
 * goes above System, where the boot starts them: a level above it (any RID
 * up to 2^32 - 1 is a valid SID) would make a task that no label can stop.
 */
static int set_level(u32 level)
{
	u32 cur = winsec_cred_level(current_cred());
	struct cred *new;
	int rc;

	if (level > cur && (level > WINSEC_LEVEL_SYSTEM || !winsec_mac_admin()))
		return -EPERM;
	if (level < cur) {
		rc = winsec_uring_may_lower(level, 0);
		if (rc)
			return rc;
	}
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	winsec_cred(new)->level = level;
	winsec_cred_refresh(new);
	return commit_creds(new);
}

static int set_fscreate(const void *buf, size_t len, u64 flags)
{
	/* A creator descriptor is checked as a new label and a new owner. */
	static const struct winsec_change creator = {
		.flags = WINSEC_CHANGE_CREATOR | WINSEC_CHANGE_LABEL |
			 WINSEC_CHANGE_OWNER,
	};
	struct winsec_desc *desc = NULL;
	struct winsec_token tokbuf;
	const struct winsec_token *tok;
	struct winsec_cred *wc;
	struct cred *new;
	const char *reason;
	int rc;

	if (flags & ~(u64)WINSEC_FSCREATE_VALID_FLAGS)
		return -EINVAL;
	/* Nothing, a NUL or a newline clears the creator descriptor. */
	if (len > 1 || (len == 1 && *(const u8 *)buf != '\0' &&
			*(const u8 *)buf != '\n')) {
		desc = winsec_desc_create(buf, len, GFP_KERNEL, &reason);
		if (IS_ERR(desc))
			return PTR_ERR(desc);
		tok = winsec_cred_token(current_cred(), WINSEC_CRED_FS, &tokbuf);
		rc = winsec_change_permitted(tok, &desc->sd, 0, &creator);
		if (rc) {
			winsec_desc_put(desc);
			return rc;
		}
	}
	new = prepare_creds();
	if (!new) {
		winsec_desc_put(desc);
		return -ENOMEM;
	}
	wc = winsec_cred(new);
	winsec_desc_put(wc->fscreate);
	wc->fscreate = desc;
	wc->fscreate_flags = desc ? flags : 0;
	return commit_creds(new);
}

static int hook_getselfattr(unsigned int attr, struct lsm_ctx __user *ctx,
			    u32 *size, u32 flags)
{
	const struct winsec_cred *wc = winsec_cred(current_cred());
	char text[WINSEC_LEVEL_TEXT_MAX];
	int rc;

	switch (attr) {
	case LSM_ATTR_CURRENT:
		winsec_level_format(wc->level, text, sizeof(text));
		rc = lsm_fill_user_ctx(ctx, size, text, strlen(text) + 1,
				       LSM_ID_WINSEC, 0);
		break;
	case LSM_ATTR_FSCREATE:
		if (wc->fscreate)
			rc = lsm_fill_user_ctx(ctx, size, wc->fscreate->data,
					       wc->fscreate->len,
					       LSM_ID_WINSEC,
					       wc->fscreate_flags);
		else
			rc = lsm_fill_user_ctx(ctx, size, "", 0,
					       LSM_ID_WINSEC, 0);
		break;
	default:
		return -EOPNOTSUPP;
	}
	return rc ? rc : 1;
}

static int hook_setselfattr(unsigned int attr, struct lsm_ctx *ctx, u32 size,
			    u32 flags)
{
	u32 level;
	int rc;

	switch (attr) {
	case LSM_ATTR_CURRENT:
		if (ctx->flags)
			return -EINVAL;
		rc = winsec_level_parse((const char *)ctx->ctx, ctx->ctx_len,
					&level);
		if (rc)
			return rc;
		return set_level(level);
	case LSM_ATTR_FSCREATE:
		return set_fscreate(ctx->ctx, ctx->ctx_len, ctx->flags);
	default:
		return -EOPNOTSUPP;
	}
}

static int hook_getprocattr(struct task_struct *p, const char *name,
			    char **value)
{
	char text[WINSEC_LEVEL_TEXT_MAX];
	struct winsec_desc *desc = NULL;
	const struct winsec_cred *wc;
	u32 level;
	int len;

	rcu_read_lock();
	wc = winsec_cred(__task_cred(p));
	level = wc->level;
	if (!strcmp(name, "fscreate"))
		desc = winsec_desc_get(wc->fscreate);
	rcu_read_unlock();

	if (!strcmp(name, "current")) {
		winsec_level_format(level, text, sizeof(text));
		*value = kasprintf(GFP_KERNEL, "%s\n", text);
		if (!*value)
			return -ENOMEM;
		return strlen(*value);
	}
	if (strcmp(name, "fscreate"))
		return -EINVAL;
	if (!desc) {
		*value = NULL;
		return 0;
	}
	*value = kmemdup(desc->data, desc->len, GFP_KERNEL);
	len = desc->len;
	winsec_desc_put(desc);
	return *value ? len : -ENOMEM;
}

static int hook_setprocattr(const char *name, void *value, size_t size)
{
	u32 level;
	int rc;

	if (!strcmp(name, "current")) {
		rc = winsec_level_parse(value, size, &level);
		if (!rc)
			rc = set_level(level);
	} else if (!strcmp(name, "fscreate")) {
		rc = set_fscreate(value, size, 0);
	} else {
		return -EINVAL;
	}
	return rc ? rc : size;
}

/* --- credential lifecycle --------------------------------------------- */

static int hook_cred_prepare(struct cred *new, const struct cred *old,
			     gfp_t gfp)
{
	struct winsec_cred *wc = winsec_cred(new);

	*wc = *winsec_cred(old);
	winsec_desc_get(wc->fscreate);
	winsec_cred_adopt(new);
	return 0;
}

static void hook_cred_transfer(struct cred *new, const struct cred *old)
{
	hook_cred_prepare(new, old, 0);
}

static void hook_cred_free(struct cred *cred)
{
	struct winsec_cred *wc = winsec_cred(cred);

	winsec_desc_put(wc->fscreate);
	wc->fscreate = NULL;
	winsec_cred_release(cred);
}

static bool any_root_uid(const struct cred *cred)
{
	return uid_eq(cred->uid, GLOBAL_ROOT_UID) ||
	       uid_eq(cred->euid, GLOBAL_ROOT_UID) ||
	       uid_eq(cred->suid, GLOBAL_ROOT_UID);
}

static int hook_task_fix_setuid(struct cred *new, const struct cred *old,
				int flags)
{
	struct winsec_cred *wc = winsec_cred(new);

	/*
	 * A task that gives up uid 0 for good (real, effective and saved uid
	 * all non-zero) is a login dropping privileges: its level is capped
	 * at Medium, like a standard user's logon token.
	 */
	if (flags != LSM_SETID_FS && any_root_uid(old) &&
	    !any_root_uid(new) && wc->level > WINSEC_LEVEL_MEDIUM)
		wc->level = WINSEC_LEVEL_MEDIUM;
	/* setfsuid() changes the fsuid after this hook: refreshed later. */
	winsec_cred_refresh(new);
	return 0;
}

/*
 * The hooks that see new credentials with their ids, groups or
 * capabilities changed make their tokens (winsec_cred_token()). The
 * capability module, which comes first, has set the new capabilities.
 */
static int hook_task_fix_setgid(struct cred *new, const struct cred *old,
				int flags)
{
	winsec_cred_refresh(new);
	return 0;
}

static int hook_task_fix_setgroups(struct cred *new, const struct cred *old)
{
	winsec_cred_refresh(new);
	return 0;
}

static int hook_capset(struct cred *new, const struct cred *old,
		       const kernel_cap_t *effective,
		       const kernel_cap_t *inheritable,
		       const kernel_cap_t *permitted)
{
	winsec_cred_refresh(new);
	return 0;
}

static int hook_bprm_creds_from_file(struct linux_binprm *bprm,
				     const struct file *file)
{
	struct winsec_cred *wc = winsec_cred(bprm->cred);

	/*
	 * The creator descriptor does not survive exec unless it was set
	 * with WINSEC_FSCREATE_KEEP_ON_EXEC, and never a secure exec: a
	 * set-id program must not create its files under a descriptor its
	 * less privileged caller chose. The capability hook, which runs
	 * first, has set bprm->secureexec by now.
	 */
	if (!(wc->fscreate_flags & WINSEC_FSCREATE_KEEP_ON_EXEC) ||
	    bprm->secureexec) {
		winsec_desc_put(wc->fscreate);
		wc->fscreate = NULL;
		wc->fscreate_flags = 0;
	}
	/* The ids and capabilities of the new program are set. */
	winsec_cred_refresh(bprm->cred);
	return 0;
}

static int hook_bprm_check_security(struct linux_binprm *bprm)
{
	struct winsec_cred *wc = winsec_cred(bprm->cred);
	struct inode *inode = file_inode(bprm->file);
	struct winsec_desc *desc;
	bool explicit;
	u32 level;
	int rc;

	/* The file was opened for execution: its handle must allow it. */
	rc = winsec_file_check(bprm->file, WINSEC_FILE_EXECUTE, "exec");
	if (rc)
		return rc;
	/*
	 * NEW_PROCESS_MIN: the new program runs at min(task, file) when the
	 * file carries a label of its own. Scripts pass here for the script
	 * and again for the interpreter: the lower of both wins. Unknown
	 * state (no memory to load it): do not run at the old level.
	 */
	rc = winsec_inode_ensure(inode, bprm->file->f_path.dentry);
	if (rc)
		return rc;
	desc = winsec_inode_desc(inode);
	level = winsec_desc_level(desc, &explicit);
	winsec_desc_put(desc);
	if (explicit && level < wc->level) {
		rc = winsec_uring_may_lower(level, WINSEC_LOWER_EXEC);
		if (rc)
			return rc;
		wc->level = level;
		winsec_cred_refresh(bprm->cred);
	}
	return 0;
}

/*
 * A stacked file system (overlayfs) creates the real file with credentials
 * of its own (@new, the mounter's, with the creator's fsuid): give them the
 * creator's level and creator descriptor, so that the new file is labelled
 * as if the creator had made it.
 */
static int hook_dentry_create_files_as(struct dentry *dentry, int mode,
				       struct qstr *name,
				       const struct cred *old,
				       struct cred *new)
{
	const struct winsec_cred *oc = winsec_cred(old);
	struct winsec_cred *nc = winsec_cred(new);

	nc->level = min(nc->level, oc->level);
	winsec_desc_put(nc->fscreate);
	nc->fscreate = winsec_desc_get(oc->fscreate);
	nc->fscreate_flags = oc->fscreate_flags;
	winsec_cred_refresh(new);
	return 0;
}

static struct security_hook_list winsec_cred_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(cred_prepare, hook_cred_prepare),
	LSM_HOOK_INIT(cred_transfer, hook_cred_transfer),
	LSM_HOOK_INIT(cred_free, hook_cred_free),
	LSM_HOOK_INIT(task_fix_setuid, hook_task_fix_setuid),
	LSM_HOOK_INIT(task_fix_setgid, hook_task_fix_setgid),
	LSM_HOOK_INIT(task_fix_setgroups, hook_task_fix_setgroups),
	LSM_HOOK_INIT(capset, hook_capset),
	LSM_HOOK_INIT(bprm_creds_from_file, hook_bprm_creds_from_file),
	LSM_HOOK_INIT(bprm_check_security, hook_bprm_check_security),
	LSM_HOOK_INIT(dentry_create_files_as, hook_dentry_create_files_as),
	LSM_HOOK_INIT(getselfattr, hook_getselfattr),
	LSM_HOOK_INIT(setselfattr, hook_setselfattr),
	LSM_HOOK_INIT(getprocattr, hook_getprocattr),
	LSM_HOOK_INIT(setprocattr, hook_setprocattr),
};

/**
 * winsec_add_cred_hooks() - set up the initial task and register the hooks
 *
 * The initial task, and so every kernel thread and init, starts at System.
 */
void __init winsec_add_cred_hooks(void)
{
	struct winsec_cred *wc = winsec_cred(current->cred);

	wc->level = WINSEC_LEVEL_SYSTEM;
	wc->fscreate = NULL;
	wc->fscreate_flags = 0;
	winsec_cred_refresh((struct cred *)current->cred);
	security_add_hooks(winsec_cred_hooks, ARRAY_SIZE(winsec_cred_hooks),
			   &winsec_lsmid);
}
