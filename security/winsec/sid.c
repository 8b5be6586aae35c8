// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - security identifiers
 *
 * Parsing, comparison and construction of SIDs (MS-DTYP 2.4.2). Shared
 * core: no allocation, no sleeping.
 */

#include <linux/errno.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/unaligned.h>

#include "sid.h"

/* clang-format off */
#define WINSEC_SID1(auth, rid) {					\
	.revision = WINSEC_SID_REVISION, .num_subauth = 1,		\
	.authority = { 0, 0, 0, 0, 0, (auth) },				\
	.sub_auth = { cpu_to_le32(rid) } }

#define WINSEC_SID2(auth, rid1, rid2) {				\
	.revision = WINSEC_SID_REVISION, .num_subauth = 2,		\
	.authority = { 0, 0, 0, 0, 0, (auth) },				\
	.sub_auth = { cpu_to_le32(rid1), cpu_to_le32(rid2) } }

const struct winsec_sid_buf winsec_sid_everyone = WINSEC_SID1(WINSEC_AUTH_WORLD, 0);
const struct winsec_sid_buf winsec_sid_creator_owner = WINSEC_SID1(WINSEC_AUTH_CREATOR, 0);
const struct winsec_sid_buf winsec_sid_creator_group = WINSEC_SID1(WINSEC_AUTH_CREATOR, 1);
const struct winsec_sid_buf winsec_sid_owner_rights = WINSEC_SID1(WINSEC_AUTH_CREATOR, 4);
const struct winsec_sid_buf winsec_sid_authenticated = WINSEC_SID1(WINSEC_AUTH_NT, 11);
const struct winsec_sid_buf winsec_sid_local_system = WINSEC_SID1(WINSEC_AUTH_NT, 18);
const struct winsec_sid_buf winsec_sid_admins = WINSEC_SID2(WINSEC_AUTH_NT, 32, 544);
const struct winsec_sid_buf winsec_sid_users = WINSEC_SID2(WINSEC_AUTH_NT, 32, 545);
/* clang-format on */

/**
 * winsec_sid_authority() - the identifier authority of a SID
 * @sid: a validated SID
 *
 * Return: the 48-bit authority as a number.
 */
u64 winsec_sid_authority(const struct winsec_sid *sid)
{
	u64 v = 0;
	int i;

	for (i = 0; i < 6; i++)
		v = (v << 8) | sid->authority[i];
	return v;
}

/**
 * winsec_sid_check() - validate a SID in untrusted bytes
 * @buf: start of the SID
 * @avail: bytes available from @buf
 * @size: set to the size of the SID on success
 *
 * A valid SID has revision 1, between 1 and 15 sub-authorities, and all of
 * them inside the @avail bytes.
 *
 * Return: 0 if valid, -EINVAL otherwise.
 */
int winsec_sid_check(const void *buf, u32 avail, u32 *size)
{
	const struct winsec_sid *sid = buf;
	u32 need;

	if (avail < WINSEC_SID_SIZE(0))
		return -EINVAL;
	if (sid->revision != WINSEC_SID_REVISION)
		return -EINVAL;
	if (sid->num_subauth < 1 || sid->num_subauth > WINSEC_SID_MAX_SUBAUTH)
		return -EINVAL;
	need = WINSEC_SID_SIZE(sid->num_subauth);
	if (need > avail)
		return -EINVAL;
	*size = need;
	return 0;
}

/**
 * winsec_sid_equal() - compare two SIDs entirely
 * @a: a validated SID
 * @b: a validated SID
 *
 * Revision, authority, sub-authority count and every sub-authority must be
 * equal: a SID is never matched by a prefix.
 *
 * Return: true if equal.
 */
bool winsec_sid_equal(const struct winsec_sid *a, const struct winsec_sid *b)
{
	if (a->num_subauth != b->num_subauth)
		return false;
	return memcmp(a, b, WINSEC_SID_SIZE(a->num_subauth)) == 0;
}

/**
 * winsec_sid_build() - construct a SID
 * @b: destination
 * @authority: identifier authority (48 bits)
 * @count: number of sub-authorities, 1..15 (clamped to 15)
 * @subauth: the sub-authorities
 */
void winsec_sid_build(struct winsec_sid_buf *b, u64 authority,
		      unsigned int count, const u32 *subauth)
{
	unsigned int i;

	if (count > WINSEC_SID_MAX_SUBAUTH)
		count = WINSEC_SID_MAX_SUBAUTH;
	b->revision = WINSEC_SID_REVISION;
	b->num_subauth = count;
	for (i = 0; i < 6; i++)
		b->authority[i] = (authority >> (8 * (5 - i))) & 0xff;
	for (i = 0; i < count; i++)
		put_unaligned_le32(subauth[i], &b->sub_auth[i]);
}

/**
 * winsec_sid_unix_user() - the SID of a Unix user, S-1-22-1-<uid>
 * @b: destination
 * @uid: the uid
 */
void winsec_sid_unix_user(struct winsec_sid_buf *b, u32 uid)
{
	const u32 sub[2] = { WINSEC_UNIX_USER_RID, uid };

	winsec_sid_build(b, WINSEC_AUTH_UNIX, 2, sub);
}

/**
 * winsec_sid_unix_group() - the SID of a Unix group, S-1-22-2-<gid>
 * @b: destination
 * @gid: the gid
 */
void winsec_sid_unix_group(struct winsec_sid_buf *b, u32 gid)
{
	const u32 sub[2] = { WINSEC_UNIX_GROUP_RID, gid };

	winsec_sid_build(b, WINSEC_AUTH_UNIX, 2, sub);
}

/**
 * winsec_sid_level() - the SID of an integrity level, S-1-16-<rid>
 * @b: destination
 * @rid: the level
 */
void winsec_sid_level(struct winsec_sid_buf *b, u32 rid)
{
	winsec_sid_build(b, WINSEC_AUTH_MANDATORY, 1, &rid);
}

/**
 * winsec_sid_match1() - whether a SID is S-1-<authority>-<rid>
 * @sid: a validated SID
 * @authority: identifier authority
 * @rid: the only sub-authority
 *
 * Return: true on a match.
 */
bool winsec_sid_match1(const struct winsec_sid *sid, u64 authority, u32 rid)
{
	return sid->num_subauth == 1 &&
	       winsec_sid_authority(sid) == authority &&
	       winsec_sid_subauth(sid, 0) == rid;
}

/**
 * winsec_sid_match2() - whether a SID is S-1-<authority>-<first>-<second>
 * @sid: a validated SID
 * @authority: identifier authority
 * @first: first sub-authority
 * @second: second sub-authority
 *
 * Return: true on a match.
 */
bool winsec_sid_match2(const struct winsec_sid *sid, u64 authority,
		       u32 first, u32 second)
{
	return sid->num_subauth == 2 &&
	       winsec_sid_authority(sid) == authority &&
	       winsec_sid_subauth(sid, 0) == first &&
	       winsec_sid_subauth(sid, 1) == second;
}

/**
 * winsec_sid_get_level() - the RID of an integrity-level SID
 * @sid: a validated SID
 * @rid: set to the level when @sid is S-1-16-<rid>
 *
 * Return: true if @sid is an integrity-level SID.
 */
bool winsec_sid_get_level(const struct winsec_sid *sid, u32 *rid)
{
	if (sid->num_subauth != 1 ||
	    winsec_sid_authority(sid) != WINSEC_AUTH_MANDATORY)
		return false;
	*rid = winsec_sid_subauth(sid, 0);
	return true;
}
