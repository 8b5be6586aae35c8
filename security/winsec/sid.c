// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - security identifiers
 *
 * Parsing, comparison and construction of SIDs (MS-DTYP 2.4.2). Shared
 * core: no allocation, no sleeping.
 */

#include <linux/errno.h>
#include <linux/overflow.h>
#include <linux/sprintf.h>
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

const struct winsec_sid_buf winsec_sid_everyone =
	WINSEC_SID1(WINSEC_AUTH_WORLD, WINSEC_RID_EVERYONE);
const struct winsec_sid_buf winsec_sid_creator_owner =
	WINSEC_SID1(WINSEC_AUTH_CREATOR, WINSEC_RID_CREATOR_OWNER);
const struct winsec_sid_buf winsec_sid_creator_group =
	WINSEC_SID1(WINSEC_AUTH_CREATOR, WINSEC_RID_CREATOR_GROUP);
const struct winsec_sid_buf winsec_sid_owner_rights =
	WINSEC_SID1(WINSEC_AUTH_CREATOR, WINSEC_RID_OWNER_RIGHTS);
const struct winsec_sid_buf winsec_sid_authenticated =
	WINSEC_SID1(WINSEC_AUTH_NT, WINSEC_RID_AUTHENTICATED_USERS);
const struct winsec_sid_buf winsec_sid_local_system =
	WINSEC_SID1(WINSEC_AUTH_NT, WINSEC_RID_LOCAL_SYSTEM);
const struct winsec_sid_buf winsec_sid_admins =
	WINSEC_SID2(WINSEC_AUTH_NT, WINSEC_RID_BUILTIN, WINSEC_RID_BUILTIN_ADMINS);
const struct winsec_sid_buf winsec_sid_users =
	WINSEC_SID2(WINSEC_AUTH_NT, WINSEC_RID_BUILTIN, WINSEC_RID_BUILTIN_USERS);
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
	/* Revision, count and authority in one comparison. */
	if (winsec_sid_head(a) != winsec_sid_head(b))
		return false;
	return memcmp(a->sub_auth, b->sub_auth, 4 * a->num_subauth) == 0;
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
 * winsec_sid_get_level() - the RID of an integrity-level SID
 * @sid: a validated SID
 * @rid: set to the level when @sid is S-1-16-<rid>
 *
 * Return: true if @sid is an integrity-level SID.
 */
bool winsec_sid_get_level(const struct winsec_sid *sid, u32 *rid)
{
	if (winsec_sid_head(sid) != WINSEC_SID_HEAD(1, WINSEC_AUTH_MANDATORY))
		return false;
	*rid = winsec_sid_subauth(sid, 0);
	return true;
}

/* clang-format off */
static const struct {
	u32 rid;
	const char *name;
	const char *title;
	const char *alias;
} winsec_levels[] = {
	{ WINSEC_LEVEL_UNTRUSTED, "untrusted", "Untrusted", NULL },
	{ WINSEC_LEVEL_LOW, "low", "Low", NULL },
	{ WINSEC_LEVEL_MEDIUM, "medium", "Medium", NULL },
	{ WINSEC_LEVEL_MEDIUM_PLUS, "medium-plus", "Medium Plus",
	  "mediumplus" },
	{ WINSEC_LEVEL_HIGH, "high", "High", NULL },
	{ WINSEC_LEVEL_SYSTEM, "system", "System", NULL },
};

/* clang-format on */

/* The entry of @rid in winsec_levels, or -1. */
static int level_index(u32 rid)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(winsec_levels); i++)
		if (winsec_levels[i].rid == rid)
			return i;
	return -1;
}

/**
 * winsec_level_name() - the name of an integrity level
 * @rid: a level RID
 *
 * Return: the name ("low", "medium-plus", ...), or NULL for a RID without
 * one.
 */
const char *winsec_level_name(u32 rid)
{
	int i = level_index(rid);

	return i < 0 ? NULL : winsec_levels[i].name;
}

/**
 * winsec_level_format() - an integrity level as text
 * @rid: a level RID
 * @buf: destination, WINSEC_LEVEL_TEXT_MAX bytes hold any level
 * @size: size of @buf
 *
 * Writes the name of the level ("low") or, for a RID without a name, the
 * SID string "S-1-16-<rid>" in decimal; winsec_level_parse() reads both.
 *
 * Return: the length of the text, as snprintf().
 */
int winsec_level_format(u32 rid, char *buf, size_t size)
{
	const char *name = winsec_level_name(rid);

	if (name)
		return snprintf(buf, size, "%s", name);
	return snprintf(buf, size, "S-1-16-%u", rid);
}

static bool level_word(const char *buf, size_t len, const char *word)
{
	return word && strlen(word) == len && !strncasecmp(buf, word, len);
}

/**
 * winsec_level_parse() - read an integrity level given as text
 * @buf: the text, not necessarily NUL-terminated
 * @len: its length; trailing NUL and newline characters are ignored
 * @level: where to store the RID; untouched on error
 *
 * Accepts, case-insensitively, a level name ("low", "medium-plus"), its
 * title ("Medium Plus") or "mediumplus", and "S-1-16-<rid>" with a decimal
 * RID that fits in 32 bits.
 *
 * Return: 0, or -EINVAL.
 */
int winsec_level_parse(const char *buf, size_t len, u32 *level)
{
	unsigned int i;
	size_t pos;
	u32 rid = 0;

	while (len && (buf[len - 1] == '\0' || buf[len - 1] == '\n'))
		len--;
	if (!len || memchr(buf, '\0', len))
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(winsec_levels); i++) {
		if (level_word(buf, len, winsec_levels[i].name) ||
		    level_word(buf, len, winsec_levels[i].title) ||
		    level_word(buf, len, winsec_levels[i].alias)) {
			*level = winsec_levels[i].rid;
			return 0;
		}
	}
	if (len <= 7 || strncasecmp(buf, "S-1-16-", 7))
		return -EINVAL;
	for (pos = 7; pos < len; pos++) {
		if (buf[pos] < '0' || buf[pos] > '9' ||
		    check_mul_overflow(rid, 10U, &rid) ||
		    check_add_overflow(rid, (u32)(buf[pos] - '0'), &rid))
			return -EINVAL;
	}
	*level = rid;
	return 0;
}
