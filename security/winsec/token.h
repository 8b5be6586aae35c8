/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - the subject of an access check: tokens, and the rule that makes
 * a token from Unix credentials
 *
 * Part of the shared core: compiled into the kernel and, through the
 * compatibility headers of tools/lib/winsec, into userspace. The kernel
 * fills &struct winsec_ids from a cred, the tool from a process or from its
 * options; both then build the token with winsec_token_init(), so that
 * they agree on groups and privileges.
 */

#ifndef _SECURITY_WINSEC_TOKEN_H
#define _SECURITY_WINSEC_TOKEN_H

#include <linux/types.h>
#include <uapi/linux/winsec.h>

#include "sid.h"

/* Privileges a token can hold (bits of &struct winsec_token.privileges). */
#define WINSEC_PRIV_BACKUP		0x01	/* SeBackupPrivilege */
#define WINSEC_PRIV_RESTORE		0x02	/* SeRestorePrivilege */
#define WINSEC_PRIV_TAKE_OWNERSHIP	0x04	/* SeTakeOwnershipPrivilege */
#define WINSEC_PRIV_SECURITY		0x08	/* SeSecurityPrivilege */
#define WINSEC_PRIV_RELABEL		0x10	/* SeRelabelPrivilege */
#define WINSEC_PRIV_ALL			0x1f

/* Groups a token holds implicitly (bits of &struct winsec_token.flags). */
#define WINSEC_TOKEN_EVERYONE		0x01	/* S-1-1-0 */
#define WINSEC_TOKEN_AUTHENTICATED	0x02	/* S-1-5-11 */
#define WINSEC_TOKEN_USERS		0x04	/* S-1-5-32-545 */
#define WINSEC_TOKEN_SYSTEM		0x08	/* S-1-5-18 and S-1-5-32-544 */
#define WINSEC_TOKEN_UNIX		0x10	/* @uid, @gid, @groups are valid */

struct winsec_claims;

/**
 * struct winsec_token - the subject of an access check
 * @flags: WINSEC_TOKEN_* bits
 * @uid: Unix user, the token's user S-1-22-1-<uid> (with %WINSEC_TOKEN_UNIX)
 * @gid: primary Unix group, S-1-22-2-<gid> (with %WINSEC_TOKEN_UNIX)
 * @groups: supplementary gids, sorted ascending (with %WINSEC_TOKEN_UNIX)
 * @ngroups: number of entries of @groups
 * @sids: further SIDs the token holds; when %WINSEC_TOKEN_UNIX is clear,
 *	  @sids[0] is the user and @sids[1] the primary group
 * @nsids: number of entries of @sids
 * @level: integrity level RID (WINSEC_LEVEL_*)
 * @policy: mandatory policy (WINSEC_POLICY_*)
 * @privileges: WINSEC_PRIV_* bits
 * @claims: the user, device and local claims that conditional ACEs read
 *	    (see condition.h), or NULL: the kernel has no source of claims
 *	    and leaves it NULL
 *
 * @filter: the membership filters of @uid, @gid and @groups made once
 *	    (winsec_token_filter()), or NULL: each check then makes them when
 *	    it needs them
 *
 * The kernel fills a token from a cred without allocating: the Unix SIDs are
 * never materialised, membership is decided by comparing the SID's form with
 * @uid / @gid and by a binary search of @groups. Userspace can describe any
 * token through @sids.
 */
struct winsec_token {
	u32 flags;
	u32 uid;
	u32 gid;
	const u32 *groups;
	u32 ngroups;
	const struct winsec_sid *const *sids;
	u32 nsids;
	u32 level;
	u32 policy;
	u32 privileges;
	const struct winsec_claims *claims;
	const struct winsec_token_filter *filter;
};

/**
 * struct winsec_token_filter - the membership filters of a token, made once
 * @groups: see &struct matcher (match.h)
 * @ids: see &struct matcher
 * @low: see &struct matcher
 * @span: see &struct matcher
 *
 * What the access check builds from a token's Unix ids at its first Unix
 * ACE, kept with a token that outlives one check (the kernel's tokens of a
 * cred, see winsec_cred_token()).
 */
struct winsec_token_filter {
	u64 groups;
	u64 ids;
	u32 low;
	u32 span;
};

/* Bits of &struct winsec_ids.flags. */
#define WINSEC_IDS_INIT_USER_NS	0x01	/* credentials of the initial user namespace */
#define WINSEC_IDS_OVERFLOW_UID	0x02	/* @uid is the overflow uid ("nobody") */

/**
 * struct winsec_ids - the Unix credentials a token is made from
 * @uid: the user: the fsuid for checks on files, the euid otherwise
 * @gid: the primary group (fsgid or egid, as @uid)
 * @groups: the supplementary groups, sorted ascending
 * @ngroups: number of entries of @groups
 * @caps: the effective capabilities, bit CAP_* set for each one held
 * @level: the integrity level RID
 * @flags: WINSEC_IDS_* bits
 */
struct winsec_ids {
	u32 uid;
	u32 gid;
	const u32 *groups;
	u32 ngroups;
	u64 caps;
	u32 level;
	u32 flags;
};

/* The mandatory policy of every task. */
#define WINSEC_POLICY_DEFAULT \
	(WINSEC_POLICY_NO_WRITE_UP | WINSEC_POLICY_NEW_PROCESS_MIN)

void winsec_token_init(struct winsec_token *tok, const struct winsec_ids *ids);
u32 winsec_caps_privileges(u64 caps);
bool winsec_token_has_sid(const struct winsec_token *tok,
			  const struct winsec_sid *sid);
bool winsec_token_may_own(const struct winsec_token *tok,
			  const struct winsec_sid *sid);
void winsec_token_filter(const struct winsec_token *tok,
			 struct winsec_token_filter *filter);

#endif /* _SECURITY_WINSEC_TOKEN_H */
