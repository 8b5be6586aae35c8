// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - the token of a subject, made from its credentials by the
 * shared rule of token.c
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/error-injection.h>
#include <linux/highuid.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>

#include "subject.h"

/**
 * winsec_cred_token() - describe credentials as a token, without allocating
 * @cred: the credentials
 * @flags: %WINSEC_CRED_FS to take the fsuid and fsgid (checks on files),
 *	   otherwise the euid and egid are taken
 * @tok: the token to fill; it points into @cred, which must stay alive
 *
 * The supplementary groups are the cred's group_info, which the kernel
 * keeps sorted as the token requires. See winsec_token_init() for the rest.
 */
void winsec_cred_token(const struct cred *cred, u32 flags,
		       struct winsec_token *tok)
{
	bool fs = flags & WINSEC_CRED_FS;
	struct winsec_ids ids = {
		.uid = __kuid_val(fs ? cred->fsuid : cred->euid),
		.gid = __kgid_val(fs ? cred->fsgid : cred->egid),
		.caps = cred->cap_effective.val,
		.level = winsec_cred_level(cred),
	};

	BUILD_BUG_ON(sizeof(kgid_t) != sizeof(u32));
	if (cred->group_info) {
		ids.groups = (const u32 *)cred->group_info->gid;
		ids.ngroups = cred->group_info->ngroups;
	}
	if (cred->user_ns == &init_user_ns)
		ids.flags |= WINSEC_IDS_INIT_USER_NS;
	if (ids.uid == overflowuid)
		ids.flags |= WINSEC_IDS_OVERFLOW_UID;
	winsec_token_init(tok, &ids);
}

/**
 * winsec_mac_admin() - whether the current task may administer winsec
 *
 * CAP_MAC_ADMIN in the initial user namespace, at Medium or above: like
 * the privileges of a token, the capability means nothing below Medium.
 * May sleep (audit of the capability check).
 *
 * Return: true if it may.
 */
bool winsec_mac_admin(void)
{
	might_sleep();
	return winsec_cred_level(current_cred()) >= WINSEC_LEVEL_MEDIUM &&
	       capable(CAP_MAC_ADMIN);
}

/**
 * winsec_new_object_desc() - the descriptor of a new object without a parent
 * @cred: the creator
 * @flags: %WINSEC_CRED_FS for an object of a file system (the creator's
 *	   fsuid), else its euid
 * @map: the object type's generic mapping
 * @gfp: allocation flags
 * @desc: set to the descriptor, or NULL when the object stays unlabeled
 *
 * The rules of a new file whose directory passes nothing on: the creator
 * descriptor when one is set, otherwise the creator as owner and group, no
 * DACL, and a label at the creator's level when it is below Medium. The
 * common case (no creator descriptor, Medium or above) costs nothing.
 *
 * Error injection (fail_function) may make it fail with -ENOMEM before it
 * sets @desc: callers do not use it after an error.
 *
 * Return: 0 or a negative errno.
 */
int winsec_new_object_desc(const struct cred *cred, u32 flags,
			   const struct winsec_generic_mapping *map, gfp_t gfp,
			   struct winsec_desc **desc)
{
	const struct winsec_cred *wc = winsec_cred(cred);
	struct winsec_token tok;

	*desc = NULL;
	if (!wc->fscreate && wc->level >= WINSEC_LEVEL_MEDIUM)
		return 0;
	winsec_cred_token(cred, flags, &tok);
	return winsec_desc_new_object(NULL, wc->fscreate, &tok, 0, map, gfp,
				      desc, NULL);
}
ALLOW_ERROR_INJECTION(winsec_new_object_desc, ERRNO);
