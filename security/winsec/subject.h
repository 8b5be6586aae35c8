/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec LSM - subjects: the winsec part of a task's credentials and the
 * token made from them
 */

#ifndef _SECURITY_WINSEC_SUBJECT_H
#define _SECURITY_WINSEC_SUBJECT_H

#include <linux/cred.h>
#include <linux/highuid.h>
#include <linux/types.h>
#include <linux/uidgid.h>
#include <linux/user_namespace.h>

#include "desc.h"
#include "token.h"
#include "winsec.h"

/**
 * struct winsec_subject - a token made once for credentials
 * @valid: whether the rest is set
 * @init_ns: whether the credentials were of the initial user namespace
 * @overflowuid: the overflow uid when it was made (a uid other than that
 *		 one is an Authenticated User)
 * @caps: the effective capabilities it was made with
 * @tok: the token; its uid, gid and level are those it was made with, its
 *	 groups those of &struct winsec_cred.groups
 * @filter: the membership filters of @tok (@tok.filter points here)
 * @serial: a number no other made token has had: the subjects of copied
 *	    credentials share it with @tok's contents, and every new token
 *	    gets a new one (see winsec_cred_kept_token())
 *
 * winsec_cred_token() hands out @tok only while the credentials still have
 * every value it was made with; otherwise it makes a token on the stack.
 */
struct winsec_subject {
	bool valid;
	bool init_ns;
	u32 overflowuid;
	u64 caps;
	u64 serial;
	struct winsec_token tok;
	struct winsec_token_filter filter;
};

/**
 * struct winsec_cred - the winsec part of a task's credentials
 * @level: integrity level RID (WINSEC_LEVEL_*); every task follows the
 *	   mandatory policy %WINSEC_POLICY_DEFAULT
 * @fscreate: creator descriptor for new objects, or NULL; every cred that
 *	      points to it holds a reference
 * @fscreate_flags: WINSEC_FSCREATE_* flags given with @fscreate
 * @groups: the supplementary groups @fs and @eff were made with, or NULL;
 *	    referenced, so that they stay as they were (the token reads them)
 * @fs: the token of the fsuid and fsgid (checks on files)
 * @eff: the token of the euid and egid
 *
 * Like the rest of a cred, never changed once the cred is committed: @fs
 * and @eff are made by winsec_cred_refresh() in the hooks that see a new
 * cred before it is committed.
 */
struct winsec_cred {
	u32 level;
	struct winsec_desc *fscreate;
	u32 fscreate_flags;
	struct group_info *groups;
	struct winsec_subject fs;
	struct winsec_subject eff;
};

/**
 * winsec_cred() - the winsec part of credentials
 * @cred: the credentials
 *
 * Return: the blob.
 */
static inline struct winsec_cred *winsec_cred(const struct cred *cred)
{
	return cred->security + winsec_blob_sizes.lbs_cred;
}

/**
 * winsec_cred_level() - the integrity level of credentials
 * @cred: the credentials
 *
 * Return: the level RID.
 */
static inline u32 winsec_cred_level(const struct cred *cred)
{
	return winsec_cred(cred)->level;
}

/* Flags of winsec_cred_token(). */
#define WINSEC_CRED_FS		0x01	/* the fsuid and fsgid (file checks) */

/**
 * winsec_cred_kept_token() - the token made beforehand for credentials
 * @cred: the credentials
 * @flags: as for winsec_cred_token()
 * @serial: set to the token's serial when one is returned (two tokens of
 *	    the same serial have the same contents, and so get the same
 *	    decision from the same check)
 *
 * No allocation, no writes to @cred.
 *
 * Return: the token that winsec_cred_refresh() made with @cred's values
 * while they are still the same, NULL otherwise (a credential changed
 * after its last refresh).
 */
static inline const struct winsec_token *
winsec_cred_kept_token(const struct cred *cred, u32 flags, u64 *serial)
{
	const struct winsec_cred *wc = winsec_cred(cred);
	bool fs = flags & WINSEC_CRED_FS;
	const struct winsec_subject *s = fs ? &wc->fs : &wc->eff;
	u32 uid = __kuid_val(fs ? cred->fsuid : cred->euid);
	u32 gid = __kgid_val(fs ? cred->fsgid : cred->egid);
	bool init_ns = cred->user_ns == &init_user_ns;

	/* The same uid and overflow uid: the same Authenticated Users. */
	if (likely(s->valid && s->tok.uid == uid && s->tok.gid == gid &&
		   wc->groups == cred->group_info &&
		   s->tok.level == wc->level &&
		   s->caps == cred->cap_effective.val &&
		   s->init_ns == init_ns &&
		   s->overflowuid == READ_ONCE(overflowuid))) {
		*serial = s->serial;
		return &s->tok;
	}
	return NULL;
}

const struct winsec_token * __must_check
winsec_cred_token(const struct cred *cred, u32 flags, struct winsec_token *buf);
void winsec_cred_refresh(struct cred *cred);
void winsec_cred_adopt(struct cred *cred);
void winsec_cred_release(struct cred *cred);
bool winsec_mac_admin(void);
int winsec_new_object_desc(const struct cred *cred, u32 flags,
			   const struct winsec_generic_mapping *map, gfp_t gfp,
			   struct winsec_desc **desc);

#endif /* _SECURITY_WINSEC_SUBJECT_H */
