// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - the token of a subject, made from its credentials by the
 * shared rule of token.c
 */

#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/error-injection.h>
#include <linux/highuid.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>

#include "subject.h"

/*
 * The token of @cred's ids, as winsec_token_init() makes it; @ovf is the
 * overflow uid, the one uid that is not an Authenticated User.
 */
static void make_token(const struct cred *cred, bool fs, u32 ovf,
		       struct winsec_token *tok)
{
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
	if (ids.uid == ovf)
		ids.flags |= WINSEC_IDS_OVERFLOW_UID;
	winsec_token_init(tok, &ids);
}

/**
 * winsec_cred_token() - the token of credentials
 * @cred: the credentials
 * @flags: %WINSEC_CRED_FS to take the fsuid and fsgid (checks on files),
 *	   otherwise the euid and egid are taken
 * @buf: where to make the token when @cred has none made beforehand
 *
 * The supplementary groups are the cred's group_info, which the kernel
 * keeps sorted as the token requires. See winsec_token_init() for the rest.
 * The token that winsec_cred_refresh() made with @cred's values is handed
 * out while they are still the same (winsec_cred_kept_token()); a
 * credential that was changed after its last refresh gets one made in
 * @buf. No allocation, no writes to @cred.
 *
 * Return: the token, which points into @cred or @buf: valid while both are.
 */
const struct winsec_token *winsec_cred_token(const struct cred *cred,
					     u32 flags,
					     struct winsec_token *buf)
{
	const struct winsec_token *tok;
	u64 serial;

	tok = winsec_cred_kept_token(cred, flags, &serial);
	if (likely(tok))
		return tok;
	make_token(cred, flags & WINSEC_CRED_FS, READ_ONCE(overflowuid), buf);
	return buf;
}

/* The serials of made tokens; 0 is never given. */
static atomic64_t token_serials = ATOMIC64_INIT(0);

static void refresh_subject(struct cred *cred, bool fs,
			    struct winsec_subject *s)
{
	s->serial = atomic64_inc_return(&token_serials);
	/* Read once: the token and its test use the same value. */
	s->overflowuid = READ_ONCE(overflowuid);
	make_token(cred, fs, s->overflowuid, &s->tok);
	winsec_token_filter(&s->tok, &s->filter);
	s->tok.filter = &s->filter;
	s->caps = cred->cap_effective.val;
	s->init_ns = cred->user_ns == &init_user_ns;
	s->valid = true;
}

/**
 * winsec_cred_refresh() - make the tokens of credentials not yet committed
 * @cred: new credentials, which nobody else sees yet
 *
 * Called where winsec sees new credentials once their ids, groups,
 * capabilities or level are set, so that winsec_cred_token() finds their
 * tokens made. Takes a reference to their groups.
 */
void winsec_cred_refresh(struct cred *cred)
{
	struct winsec_cred *wc = winsec_cred(cred);

	if (wc->groups != cred->group_info) {
		if (wc->groups)
			put_group_info(wc->groups);
		wc->groups = cred->group_info;
		if (wc->groups)
			get_group_info(wc->groups);
	}
	refresh_subject(cred, true, &wc->fs);
	refresh_subject(cred, false, &wc->eff);
}

/**
 * winsec_cred_adopt() - take over the tokens copied from other credentials
 * @cred: new credentials whose winsec part was just copied from another
 *	  cred's, which it still references
 *
 * The copy holds the other cred's tokens (still right for @cred, whose
 * values are the same until they are changed): point them at @cred's own
 * filters and take a reference to their groups.
 */
void winsec_cred_adopt(struct cred *cred)
{
	struct winsec_cred *wc = winsec_cred(cred);

	if (wc->groups)
		get_group_info(wc->groups);
	wc->fs.tok.filter = &wc->fs.filter;
	wc->eff.tok.filter = &wc->eff.filter;
}

/**
 * winsec_cred_release() - drop what the tokens of credentials hold
 * @cred: credentials being freed
 */
void winsec_cred_release(struct cred *cred)
{
	struct winsec_cred *wc = winsec_cred(cred);

	if (wc->groups)
		put_group_info(wc->groups);
	wc->groups = NULL;
	wc->fs.valid = false;
	wc->eff.valid = false;
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
	struct winsec_token tokbuf;
	const struct winsec_token *tok;

	*desc = NULL;
	if (!wc->fscreate && wc->level >= WINSEC_LEVEL_MEDIUM)
		return 0;
	tok = winsec_cred_token(cred, flags, &tokbuf);
	return winsec_desc_new_object(NULL, wc->fscreate, tok, 0, map, gfp,
				      desc, NULL);
}
ALLOW_ERROR_INJECTION(winsec_new_object_desc, ERRNO);
