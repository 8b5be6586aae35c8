/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - security identifiers
 *
 * Part of the shared core: compiled into the kernel and, through the
 * compatibility headers of tools/lib/winsec, into userspace.
 */

#ifndef _SECURITY_WINSEC_SID_H
#define _SECURITY_WINSEC_SID_H

#include <linux/types.h>
#include <linux/unaligned.h>
#include <uapi/linux/winsec.h>

/**
 * struct winsec_sid_buf - storage large enough for any valid SID
 * @revision: as in &struct winsec_sid
 * @num_subauth: as in &struct winsec_sid
 * @authority: as in &struct winsec_sid
 * @sub_auth: room for the maximum number of sub-authorities
 *
 * Used to build SIDs on the stack (Unix identities, integrity levels) and
 * for the table of well-known SIDs; winsec_sid_of() gives the SID view.
 */
struct winsec_sid_buf {
	u8 revision;
	u8 num_subauth;
	u8 authority[6];
	__le32 sub_auth[WINSEC_SID_MAX_SUBAUTH];
} __packed;

/**
 * winsec_sid_of() - view a SID buffer as a SID
 * @b: the buffer
 *
 * Return: @b as a &struct winsec_sid.
 */
static inline const struct winsec_sid *winsec_sid_of(const struct winsec_sid_buf *b)
{
	return (const struct winsec_sid *)b;
}

/**
 * winsec_sid_size() - size in bytes of a SID
 * @sid: a SID whose sub-authority count has been validated
 *
 * Return: 8 + 4 * number of sub-authorities.
 */
static inline u32 winsec_sid_size(const struct winsec_sid *sid)
{
	return WINSEC_SID_SIZE(sid->num_subauth);
}

/**
 * struct winsec_unix_sid - room for a Unix SID, S-1-22-<rid>-<id>
 * @revision: as in &struct winsec_sid
 * @num_subauth: as in &struct winsec_sid
 * @authority: as in &struct winsec_sid
 * @sub_auth: the RID (1 user, 2 group) and the id
 *
 * 16 bytes, where a &struct winsec_sid_buf takes 68: for a SID made on the
 * stack of a hot path, in kernels that clear every local variable on
 * entry (CONFIG_INIT_STACK_ALL_ZERO).
 */
struct winsec_unix_sid {
	u8 revision;
	u8 num_subauth;
	u8 authority[6];
	__le32 sub_auth[2];
} __packed;

/**
 * winsec_unix_sid() - make a Unix SID
 * @b: where to make it
 * @rid: %WINSEC_UNIX_USER_RID or %WINSEC_UNIX_GROUP_RID
 * @id: the uid or gid
 *
 * Return: the SID, at @b.
 */
static inline const struct winsec_sid *
winsec_unix_sid(struct winsec_unix_sid *b, u32 rid, u32 id)
{
	*b = (struct winsec_unix_sid){
		.revision = WINSEC_SID_REVISION,
		.num_subauth = 2,
		.authority = { 0, 0, 0, 0, 0, WINSEC_AUTH_UNIX },
	};
	put_unaligned_le32(rid, &b->sub_auth[0]);
	put_unaligned_le32(id, &b->sub_auth[1]);
	return (const struct winsec_sid *)b;
}

/*
 * The first 8 bytes of a SID (revision, count, authority) read as one
 * little-endian number: a SID of @count sub-authorities whose authority
 * @auth is below 256 has WINSEC_SID_HEAD(@count, @auth) there, so one
 * comparison classifies it.
 */
#define WINSEC_SID_HEAD(count, auth) \
	(WINSEC_SID_REVISION | (u64)(count) << 8 | (u64)(auth) << 56)

/**
 * winsec_sid_head() - the first 8 bytes of a SID as one number
 * @sid: a validated SID
 *
 * Return: what WINSEC_SID_HEAD() gives for its count and authority.
 */
static inline u64 winsec_sid_head(const struct winsec_sid *sid)
{
	return get_unaligned_le64(sid);
}

/**
 * winsec_sid_subauth() - read one sub-authority
 * @sid: a validated SID
 * @i: index, below @sid->num_subauth
 *
 * Return: the sub-authority in CPU order.
 */
static inline u32 winsec_sid_subauth(const struct winsec_sid *sid, unsigned int i)
{
	return get_unaligned_le32(&sid->sub_auth[i]);
}

u64 winsec_sid_authority(const struct winsec_sid *sid);
int winsec_sid_check(const void *buf, u32 avail, u32 *size);
bool winsec_sid_equal(const struct winsec_sid *a, const struct winsec_sid *b);
void winsec_sid_build(struct winsec_sid_buf *b, u64 authority,
		      unsigned int count, const u32 *subauth);
void winsec_sid_unix_user(struct winsec_sid_buf *b, u32 uid);
void winsec_sid_unix_group(struct winsec_sid_buf *b, u32 gid);
void winsec_sid_level(struct winsec_sid_buf *b, u32 rid);
bool winsec_sid_get_level(const struct winsec_sid *sid, u32 *rid);

/* Longest integrity level as text: "S-1-16-4294967295" and its NUL. */
#define WINSEC_LEVEL_TEXT_MAX 24

const char *winsec_level_name(u32 rid);
int winsec_level_format(u32 rid, char *buf, size_t size);
int winsec_level_parse(const char *buf, size_t len, u32 *level);

/* Relative identifiers of the well-known SIDs the core names. */
#define WINSEC_RID_EVERYONE		0	/* S-1-1-0 */
#define WINSEC_RID_CREATOR_OWNER	0	/* S-1-3-0 */
#define WINSEC_RID_CREATOR_GROUP	1	/* S-1-3-1 */
#define WINSEC_RID_OWNER_RIGHTS		4	/* S-1-3-4 */
#define WINSEC_RID_AUTHENTICATED_USERS	11	/* S-1-5-11 */
#define WINSEC_RID_LOCAL_SYSTEM		18	/* S-1-5-18 */
#define WINSEC_RID_BUILTIN		32	/* S-1-5-32 */
#define WINSEC_RID_BUILTIN_ADMINS	544	/* S-1-5-32-544 */
#define WINSEC_RID_BUILTIN_USERS	545	/* S-1-5-32-545 */

/**
 * winsec_sid_is_owner_rights() - whether a SID is OWNER RIGHTS, S-1-3-4
 * @sid: a validated SID
 *
 * Return: true for OWNER RIGHTS.
 */
static inline bool winsec_sid_is_owner_rights(const struct winsec_sid *sid)
{
	return winsec_sid_head(sid) == WINSEC_SID_HEAD(1, WINSEC_AUTH_CREATOR) &&
	       winsec_sid_subauth(sid, 0) == WINSEC_RID_OWNER_RIGHTS;
}

/* Well-known SIDs used by the core. */
extern const struct winsec_sid_buf winsec_sid_everyone;		/* S-1-1-0 */
extern const struct winsec_sid_buf winsec_sid_creator_owner;	/* S-1-3-0 */
extern const struct winsec_sid_buf winsec_sid_creator_group;	/* S-1-3-1 */
extern const struct winsec_sid_buf winsec_sid_owner_rights;	/* S-1-3-4 */
extern const struct winsec_sid_buf winsec_sid_authenticated;	/* S-1-5-11 */
extern const struct winsec_sid_buf winsec_sid_local_system;	/* S-1-5-18 */
extern const struct winsec_sid_buf winsec_sid_admins;		/* S-1-5-32-544 */
extern const struct winsec_sid_buf winsec_sid_users;		/* S-1-5-32-545 */

#endif /* _SECURITY_WINSEC_SID_H */
