// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - tokens made from Unix credentials
 *
 * The rule, shared by the kernel and the tool:
 *  - the user is S-1-22-1-<uid>, the groups S-1-22-2-<gid> for the primary
 *    group and every supplementary group;
 *  - every token holds Everyone and BUILTIN\Users; all but the overflow uid
 *    ("nobody") hold Authenticated Users; uid 0 holds LocalSystem and
 *    BUILTIN\Administrators;
 *  - privileges come from the effective capabilities, and only for
 *    credentials of the initial user namespace at Medium or above: a
 *    capability of a user namespace is not one over the system's objects,
 *    and root lowered below Medium is a sandbox, not an administrator.
 */

#include <linux/bits.h>
#include <linux/capability.h>
#include <linux/string.h>
#include <linux/types.h>

#include "match.h"
#include "token.h"

/**
 * winsec_caps_privileges() - the privileges that capabilities stand for
 * @caps: a capability set, bit CAP_* for each capability
 *
 * CAP_DAC_READ_SEARCH is SeBackupPrivilege, CAP_DAC_OVERRIDE
 * SeRestorePrivilege, CAP_FOWNER SeTakeOwnershipPrivilege, CAP_MAC_ADMIN
 * SeSecurityPrivilege and SeRelabelPrivilege.
 *
 * Return: WINSEC_PRIV_* bits.
 */
u32 winsec_caps_privileges(u64 caps)
{
	u32 privileges = 0;

	if (caps & BIT_ULL(CAP_DAC_READ_SEARCH))
		privileges |= WINSEC_PRIV_BACKUP;
	if (caps & BIT_ULL(CAP_DAC_OVERRIDE))
		privileges |= WINSEC_PRIV_RESTORE;
	if (caps & BIT_ULL(CAP_FOWNER))
		privileges |= WINSEC_PRIV_TAKE_OWNERSHIP;
	if (caps & BIT_ULL(CAP_MAC_ADMIN))
		privileges |= WINSEC_PRIV_SECURITY | WINSEC_PRIV_RELABEL;
	return privileges;
}

/**
 * winsec_token_init() - make a token from Unix credentials
 * @tok: the token to fill; it points at @ids->groups, which must outlive it
 * @ids: the credentials
 *
 * No allocation: the Unix SIDs are never built, the access check compares
 * a SID's form with the token's ids.
 */
void winsec_token_init(struct winsec_token *tok, const struct winsec_ids *ids)
{
	memset(tok, 0, sizeof(*tok));
	tok->flags = WINSEC_TOKEN_EVERYONE | WINSEC_TOKEN_USERS |
		     WINSEC_TOKEN_UNIX;
	if (!(ids->flags & WINSEC_IDS_OVERFLOW_UID))
		tok->flags |= WINSEC_TOKEN_AUTHENTICATED;
	if (ids->uid == 0)
		tok->flags |= WINSEC_TOKEN_SYSTEM;
	tok->uid = ids->uid;
	tok->gid = ids->gid;
	tok->groups = ids->groups;
	tok->ngroups = ids->ngroups;
	tok->level = ids->level;
	tok->policy = WINSEC_POLICY_DEFAULT;
	if ((ids->flags & WINSEC_IDS_INIT_USER_NS) &&
	    ids->level >= WINSEC_LEVEL_MEDIUM)
		tok->privileges = winsec_caps_privileges(ids->caps);
}

/**
 * winsec_token_may_own() - whether a token may name a SID as an owner
 * @tok: the token
 * @sid: a validated SID
 *
 * Without SeRestorePrivilege, Windows lets a caller make only its own user
 * SID, or a group of its token that carries the owner attribute, the owner
 * of an object. Here the user is S-1-22-1-<uid> (or, for a token described
 * by SIDs alone, its first SID); the groups with the owner attribute are
 * LocalSystem and BUILTIN\Administrators, which only a uid 0 token holds.
 * Everyone, Authenticated Users, BUILTIN\Users and the Unix groups never
 * qualify: an owner has implicit rights that a group owner would hand to
 * every member.
 *
 * Return: true if @tok may set @sid as owner.
 */
bool winsec_token_may_own(const struct winsec_token *tok,
			  const struct winsec_sid *sid)
{
	struct winsec_sid_buf user;

	if (!(tok->flags & WINSEC_TOKEN_UNIX))
		return tok->nsids && winsec_sid_equal(tok->sids[0], sid);
	winsec_sid_unix_user(&user, tok->uid);
	if (winsec_sid_equal(winsec_sid_of(&user), sid))
		return true;
	if (!(tok->flags & WINSEC_TOKEN_SYSTEM))
		return false;
	return winsec_sid_equal(winsec_sid_of(&winsec_sid_local_system), sid) ||
	       winsec_sid_equal(winsec_sid_of(&winsec_sid_admins), sid);
}

/**
 * winsec_token_has_sid() - whether a token holds a SID
 * @tok: the token
 * @sid: a validated SID
 *
 * The Unix SIDs S-1-22-1-<uid> and S-1-22-2-<gid> are compared with the
 * token's uid, gid and (by binary search) supplementary groups without
 * being built; Everyone, Authenticated Users, BUILTIN\Users, LocalSystem
 * and BUILTIN\Administrators come from the token flags; any other SID is
 * looked up in @tok->sids.
 *
 * Return: true if the token holds @sid.
 */
bool winsec_token_has_sid(const struct winsec_token *tok,
			  const struct winsec_sid *sid)
{
	return token_has_sid(tok, sid, NULL);
}

/**
 * winsec_token_filter() - make the membership filters of a token once
 * @tok: the token; its groups must not change while @filter is used
 * @filter: set to the filters that each access check would otherwise build
 *	    at its first Unix ACE
 *
 * For a token that outlives one check: a check of a token whose @filter
 * points here starts with them built.
 */
void winsec_token_filter(const struct winsec_token *tok,
			 struct winsec_token_filter *filter)
{
	struct winsec_token plain = *tok;
	struct matcher m;

	plain.filter = NULL;
	matcher_init(&m, &plain);
	m.low = 0;
	matcher_build(&m);
	filter->groups = m.groups;
	filter->ids = m.ids;
	filter->low = m.low;
	filter->span = m.span;
}
