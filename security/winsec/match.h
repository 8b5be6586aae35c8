/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - whether a token holds a SID, written for the access check's
 * inner loop
 *
 * Part of the shared core, internal to access.c and token.c (which
 * exports winsec_token_has_sid()): membership of Unix SIDs through a
 * filter of the token's ids, and the step over the Unix ACEs of a DACL
 * that the filter refuses.
 */

#ifndef _SECURITY_WINSEC_MATCH_H
#define _SECURITY_WINSEC_MATCH_H

#include <linux/bits.h>
#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/unaligned.h>

#include "sd.h"
#include "sid.h"
#include "token.h"

/*
 * Binary search of the sorted supplementary groups, written without
 * data-dependent branches (the compiler uses conditional moves): the loop
 * runs log2(n) times whatever the groups, so its branches are predicted.
 */
static inline bool gid_in_groups(const struct winsec_token *tok, u32 gid)
{
	const u32 *base = tok->groups;
	u32 n = tok->ngroups;

	if (!n)
		return false;
	while (n > 1) {
		u32 half = n / 2;

		base = base[half] <= gid ? base + half : base;
		n -= half;
	}
	return *base == gid;
}

/* Above this many groups the filter would be nearly full: not built. */
#define MATCHER_FILTER_MAX_GROUPS 64

/* The two sub-authorities of S-1-22-<rid>-<id> read as one le64 number. */
#define UNIX_RIDS(rid, id) ((u32)(rid) | (u64)(id) << 32)

/**
 * struct matcher - membership tests of one access check
 * @tok: the token
 * @groups: bit (gid % 64) set for every supplementary group once built;
 *	    all bits set before, and for a token of more than
 *	    %MATCHER_FILTER_MAX_GROUPS groups
 * @ids: @groups with the bits (uid % 64) and (gid % 64) of the token's
 *	 user and primary group once built (all bits set before, and with
 *	 more than %MATCHER_FILTER_MAX_GROUPS groups): a Unix SID
 *	 S-1-22-<rid>-<id> whose bit (id % 64) is clear is not the token's
 * @low: the lowest supplementary group, once built
 * @span: the highest supplementary group less @low once built; when it is
 *	  below 64, the groups are distinct modulo 64, so a gid from @low to
 *	  @low + @span whose bit is set in @groups is a group of the token
 *	  without a search
 * @built: whether the filters are built
 * @user_rids: UNIX_RIDS() of the token's user; 0, which no Unix SID has,
 *	       without %WINSEC_TOKEN_UNIX
 * @group_rids: the same for the primary group
 *
 * The filters are built when the walk of the DACL meets its first Unix
 * ACE, or when a group SID first has to be searched for (O(ngroups), at
 * most once per check, on the stack, about one cycle per group);
 * afterwards most SIDs the token does not hold are refused by one bit
 * test instead of a comparison or a binary search.
 */
struct matcher {
	const struct winsec_token *tok;
	u64 groups;
	u64 ids;
	u32 low;
	u32 span;
	bool built;
	u64 user_rids;
	u64 group_rids;
};

static __always_inline void matcher_init(struct matcher *m,
					 const struct winsec_token *tok)
{
	m->tok = tok;
	m->groups = ~0ULL;
	m->ids = ~0ULL;
	m->span = ~0U;
	m->built = false;
	m->user_rids = 0;
	m->group_rids = 0;
	if (tok->flags & WINSEC_TOKEN_UNIX) {
		m->user_rids = UNIX_RIDS(WINSEC_UNIX_USER_RID, tok->uid);
		m->group_rids = UNIX_RIDS(WINSEC_UNIX_GROUP_RID, tok->gid);
	}
}

static noinline __maybe_unused void matcher_build(struct matcher *m)
{
	const struct winsec_token *tok = m->tok;
	const u32 *g = tok->groups;
	u32 n = tok->ngroups;
	u64 filter = 0, f2 = 0;

	m->built = true;
	if (tok->filter) {
		/* Made once for the token by this function (token.c). */
		m->groups = tok->filter->groups;
		m->ids = tok->filter->ids;
		m->low = tok->filter->low;
		m->span = tok->filter->span;
		return;
	}
	if (n > MATCHER_FILTER_MAX_GROUPS)
		return;
	if (n) {
		m->low = g[0];
		m->span = g[n - 1] - g[0];
	}
	/* Two chains of eight, so that the shifts overlap. */
	for (; n >= 8; n -= 8, g += 8) {
		filter |= 1ULL << (g[0] & 63) | 1ULL << (g[1] & 63) |
			  1ULL << (g[2] & 63) | 1ULL << (g[3] & 63);
		f2 |= 1ULL << (g[4] & 63) | 1ULL << (g[5] & 63) |
		      1ULL << (g[6] & 63) | 1ULL << (g[7] & 63);
	}
	if (n >= 4) {
		f2 |= 1ULL << (g[0] & 63) | 1ULL << (g[1] & 63) |
		      1ULL << (g[2] & 63) | 1ULL << (g[3] & 63);
		n -= 4;
		g += 4;
	}
	for (; n; n--, g++)
		filter |= 1ULL << (*g & 63);
	filter |= f2;
	m->groups = filter;
	if (tok->flags & WINSEC_TOKEN_UNIX)
		filter |= BIT_ULL(tok->uid & 63) | BIT_ULL(tok->gid & 63);
	m->ids = filter;
}

static __always_inline bool matcher_in_groups(struct matcher *m, u32 gid)
{
	u64 bit = 1ULL << (gid & 63);

	if (!(m->groups & bit))
		return false;
	if (unlikely(!m->built)) {
		matcher_build(m);
		if (!(m->groups & bit))
			return false;
	}
	if (m->span < 64 && gid - m->low <= m->span)
		return true;
	return gid_in_groups(m->tok, gid);
}

/*
 * Membership through @uid, @gid, @groups and the implicit group flags;
 * @m (may be NULL) speeds up the search of the supplementary groups.
 */
static inline bool token_implicit_sid(const struct winsec_token *tok,
				      const struct winsec_sid *sid,
				      struct matcher *m)
{
	u64 head = winsec_sid_head(sid);
	u32 first, id;

	switch (head) {
	case WINSEC_SID_HEAD(2, WINSEC_AUTH_UNIX):
		if (!(tok->flags & WINSEC_TOKEN_UNIX))
			return false;
		first = winsec_sid_subauth(sid, 0);
		id = winsec_sid_subauth(sid, 1);
		if (first == WINSEC_UNIX_USER_RID)
			return id == tok->uid;
		if (first != WINSEC_UNIX_GROUP_RID)
			return false;
		if (id == tok->gid)
			return true;
		if (!tok->ngroups)
			return false;
		return m ? matcher_in_groups(m, id) : gid_in_groups(tok, id);
	case WINSEC_SID_HEAD(1, WINSEC_AUTH_WORLD):
		return winsec_sid_subauth(sid, 0) == WINSEC_RID_EVERYONE &&
		       (tok->flags & WINSEC_TOKEN_EVERYONE);
	case WINSEC_SID_HEAD(1, WINSEC_AUTH_NT):
		first = winsec_sid_subauth(sid, 0);
		if (first == WINSEC_RID_AUTHENTICATED_USERS)
			return tok->flags & WINSEC_TOKEN_AUTHENTICATED;
		if (first == WINSEC_RID_LOCAL_SYSTEM)
			return tok->flags & WINSEC_TOKEN_SYSTEM;
		return false;
	case WINSEC_SID_HEAD(2, WINSEC_AUTH_NT):
		if (winsec_sid_subauth(sid, 0) != WINSEC_RID_BUILTIN)
			return false;
		first = winsec_sid_subauth(sid, 1);
		if (first == WINSEC_RID_BUILTIN_USERS)
			return tok->flags & WINSEC_TOKEN_USERS;
		if (first == WINSEC_RID_BUILTIN_ADMINS)
			return tok->flags & WINSEC_TOKEN_SYSTEM;
		return false;
	}
	return false;
}

static inline bool token_has_sid(const struct winsec_token *tok,
				 const struct winsec_sid *sid,
				 struct matcher *m)
{
	u32 i;

	if (token_implicit_sid(tok, sid, m))
		return true;
	for (i = 0; i < tok->nsids; i++)
		if (winsec_sid_equal(tok->sids[i], sid))
			return true;
	return false;
}

/* The group search of unix_rids_held(), kept out of line. */
static noinline __maybe_unused bool unix_group_held(struct matcher *m, u32 gid)
{
	return m->tok->ngroups && matcher_in_groups(m, gid);
}

/*
 * Whether a token made from Unix credentials holds the Unix SID whose two
 * sub-authorities are @rids (UNIX_RIDS()): the user and the primary group
 * cost a comparison each, a supplementary group usually one bit test.
 */
static __always_inline bool unix_rids_held(struct matcher *m, u64 rids)
{
	u32 id = rids >> 32;

	if (rids == m->user_rids || rids == m->group_rids)
		return true;
	if ((u32)rids != WINSEC_UNIX_GROUP_RID ||
	    !(m->groups & BIT_ULL(id & 63)))
		return false;
	if (m->span < 64 && id - m->low <= m->span)
		return true;
	return unix_group_held(m, id);
}

/*
 * Step over the ACEs from @i (at *@pace) that the walk can skip without a
 * closer look: Unix ACEs (winsec_unix_ace()) whose mask holds nothing of
 * @remaining (and no generic right, which could stand for some of it), or
 * whose trustee the token does not hold by the filter @ids (&struct
 * matcher.ids, built). The ACEs before @run are known to be Unix ACEs (see
 * &struct winsec_sd.unix_aces), the others are tested. Such an ACE costs a
 * few instructions, and the next one is found by the known size rather
 * than by the size field, so that the loads of successive ACEs do not wait
 * for each other.
 *
 * Return: the index of the first ACE that needs the general walk (*@pace
 * then points at it), or @count.
 */
static __always_inline unsigned int
skip_unix_aces(const struct winsec_ace_header **pace, unsigned int i,
	       unsigned int count, unsigned int run, u32 remaining, u64 ids)
{
	const u8 *ace = (const u8 *)*pace;
	u32 want = remaining | WINSEC_GENERIC_MASK;
	unsigned int left;

	/* The filter's bit of the id's low byte (the shift takes it mod 64). */
#define ID_MAY_BE_HELD(ace) ((ids >> ((ace)[WINSEC_UNIX_ACE_ID] & 63)) & 1)
	for (left = run > i ? run - i : 0; left; left--,
	     ace += WINSEC_UNIX_ACE_SIZE) {
		/* The filter refuses most trustees: it comes first. */
		if (likely(!ID_MAY_BE_HELD(ace)))
			continue;
		if (get_unaligned_le32(ace + 4) & want) {
			i = run - left;
			goto out;
		}
	}
	if (i < run)
		i = run;
	for (left = count - i; left; left--, ace += WINSEC_UNIX_ACE_SIZE) {
		u32 hdr = get_unaligned_le32(ace);
		u64 head = get_unaligned_le64(ace + 8);

		/* winsec_unix_ace(), with one branch. */
		if (unlikely(((hdr & WINSEC_UNIX_ACE_KEEP) ^ WINSEC_UNIX_ACE_WANT) |
			     (head ^ WINSEC_UNIX_SID_HEAD)))
			break;
		if (likely(!ID_MAY_BE_HELD(ace)))
			continue;
		if (get_unaligned_le32(ace + 4) & want)
			break;
	}
	i = count - left;
#undef ID_MAY_BE_HELD
out:
	*pace = (const void *)ace;
	return i;
}

/* The sub-authorities of the trustee of a Unix ACE, as UNIX_RIDS(). */
static __always_inline u64 unix_ace_rids(const struct winsec_ace_header *ace)
{
	return get_unaligned_le64((const u8 *)ace + WINSEC_UNIX_ACE_ID - 4);
}

#endif /* _SECURITY_WINSEC_MATCH_H */
