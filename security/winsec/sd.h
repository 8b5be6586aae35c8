/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - self-relative security descriptors: validator, view, builder
 *
 * Part of the shared core: compiled into the kernel and, through the
 * compatibility headers of tools/lib/winsec, into userspace.
 */

#ifndef _SECURITY_WINSEC_SD_H
#define _SECURITY_WINSEC_SD_H

#include <linux/bits.h>
#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/unaligned.h>
#include <uapi/linux/winsec.h>

#include "sid.h"

/* Sizes of the fixed parts. */
#define WINSEC_SD_HEADER_SIZE	20
#define WINSEC_ACL_HEADER_SIZE	8
#define WINSEC_ACE_HEADER_SIZE	4
#define WINSEC_GUID_SIZE	16
/* Smallest ACE: header, mask and a SID with one sub-authority. */
#define WINSEC_ACE_MIN_SIZE	(WINSEC_ACE_HEADER_SIZE + 4 + WINSEC_SID_SIZE(1))
/* Largest ACL: its size field is 16 bits. */
#define WINSEC_ACL_MAX_SIZE	0xfffc

/**
 * struct winsec_sd - validated view of a self-relative security descriptor
 * @control: the control bits (always including %WINSEC_SE_SELF_RELATIVE)
 * @rm_control: the resource-manager byte (Sbz1)
 * @owner: owner SID, or NULL when absent
 * @group: group SID, or NULL when absent
 * @sacl: SACL, or NULL when absent or NULL
 * @dacl: DACL, or NULL when absent or NULL
 * @unix_dacl: the DACL that @unix_aces describes: @dacl in a view from
 *	       winsec_sd_parse(), NULL in one assembled by hand
 * @unix_aces: how many ACEs at the start of @unix_dacl are Unix ACEs (see
 *	       winsec_acl_unix_aces()), which the access check then walks
 *	       without looking at their type, flags, size and SID head again
 * @facts: WINSEC_SD_* bits that winsec_sd_parse() learned (winsec_sd_learn()),
 *	   0 in a view assembled by hand
 * @label_level: with %WINSEC_SD_FACTS_KNOWN, the level winsec_sd_label_info()
 *		 gives
 * @label_policy: with %WINSEC_SD_FACTS_KNOWN, the policy it gives
 *
 * Produced by winsec_sd_parse(), which checks every invariant, so the
 * pointers can be followed and the ACLs walked without further checks. A
 * view may also be assembled by hand from parts that each passed the
 * validator (a SID from winsec_sid_check(), an ACL from an
 * &struct winsec_acl_builder) to be serialized.
 *
 * The DACL has three states: absent (%WINSEC_SE_DACL_PRESENT clear), NULL
 * (present with a NULL pointer: everything is granted) and an ACL.
 *
 * @unix_aces counts only while @dacl is still @unix_dacl, so a view whose
 * DACL is replaced after parsing, or one built by hand, is walked in full.
 * The same goes for @facts: code that replaces a parsed view's SACL or DACL
 * clears them (none does), and a view built by hand has none.
 */
struct winsec_sd {
	u16 control;
	u8 rm_control;
	u8 facts;
	u16 unix_aces;
	u32 label_level;
	u32 label_policy;
	const struct winsec_sid *owner;
	const struct winsec_sid *group;
	const struct winsec_acl *sacl;
	const struct winsec_acl *dacl;
	const struct winsec_acl *unix_dacl;
};

/* Bits of &struct winsec_sd.facts. */
#define WINSEC_SD_FACTS_KNOWN	 0x01	/* the facts below and the label are set */
#define WINSEC_SD_LABEL_EXPLICIT 0x02	/* the SACL holds an effective label */
#define WINSEC_SD_OWNER_RIGHTS	 0x04	/* an effective DACL ACE names OWNER RIGHTS */

/**
 * struct winsec_ace - decoded fields of one validated ACE
 * @hdr: the ACE as stored
 * @type: ACE type
 * @flags: ACE flags
 * @size: ACE size in bytes
 * @mask: access mask (label policy for a mandatory label ACE)
 * @object_flags: flags of an object ACE, 0 otherwise
 * @object_type: the object type GUID, or NULL
 * @inherited_object_type: the inherited object type GUID, or NULL
 * @sid: the trustee
 * @app_data: bytes after the SID (condition, attribute), or NULL
 * @app_len: number of bytes at @app_data
 */
struct winsec_ace {
	const struct winsec_ace_header *hdr;
	u8 type;
	u8 flags;
	u16 size;
	u32 mask;
	u32 object_flags;
	const u8 *object_type;
	const u8 *inherited_object_type;
	const struct winsec_sid *sid;
	const u8 *app_data;
	u32 app_len;
};

/**
 * winsec_acl_count() - number of ACEs of a validated ACL
 * @acl: the ACL
 *
 * Return: the ACE count.
 */
static inline u16 winsec_acl_count(const struct winsec_acl *acl)
{
	return get_unaligned_le16(&acl->ace_count);
}

/**
 * winsec_acl_size() - size in bytes of a validated ACL
 * @acl: the ACL
 *
 * Return: the ACL size, header included.
 */
static inline u16 winsec_acl_size(const struct winsec_acl *acl)
{
	return get_unaligned_le16(&acl->size);
}

/**
 * winsec_acl_first() - first ACE of a validated ACL
 * @acl: the ACL
 *
 * Return: pointer to the first ACE header (meaningful only if the count is
 * not zero).
 */
static inline const struct winsec_ace_header *
winsec_acl_first(const struct winsec_acl *acl)
{
	return (const void *)((const u8 *)acl + WINSEC_ACL_HEADER_SIZE);
}

/**
 * winsec_ace_next() - the ACE after a validated ACE
 * @ace: an ACE of a validated ACL
 *
 * Return: pointer just past @ace.
 */
static inline const struct winsec_ace_header *
winsec_ace_next(const struct winsec_ace_header *ace)
{
	return (const void *)((const u8 *)ace + get_unaligned_le16(&ace->size));
}

/* ACE types that carry object GUIDs before the SID. */
#define WINSEC_OBJECT_ACE_TYPES					\
	(BIT(WINSEC_ACE_ACCESS_ALLOWED_OBJECT) |			\
	 BIT(WINSEC_ACE_ACCESS_DENIED_OBJECT) |				\
	 BIT(WINSEC_ACE_SYSTEM_AUDIT_OBJECT) |				\
	 BIT(WINSEC_ACE_SYSTEM_ALARM_OBJECT) |				\
	 BIT(WINSEC_ACE_ACCESS_ALLOWED_CALLBACK_OBJECT) |		\
	 BIT(WINSEC_ACE_ACCESS_DENIED_CALLBACK_OBJECT) |		\
	 BIT(WINSEC_ACE_SYSTEM_AUDIT_CALLBACK_OBJECT) |			\
	 BIT(WINSEC_ACE_SYSTEM_ALARM_CALLBACK_OBJECT))

/**
 * winsec_ace_trustee() - the SID of a validated ACE
 * @ace: an ACE of a validated ACL
 *
 * What winsec_ace_decode() gives as the SID, without decoding the rest:
 * after the mask, past the object flags and GUIDs of an object ACE.
 *
 * Return: the ACE's SID.
 */
static inline const struct winsec_sid *
winsec_ace_trustee(const struct winsec_ace_header *ace)
{
	const u8 *p = (const u8 *)ace + WINSEC_ACE_HEADER_SIZE + 4;

	if (unlikely(ace->type < 32 &&
		     (WINSEC_OBJECT_ACE_TYPES & BIT(ace->type)))) {
		u32 oflags = get_unaligned_le32(p);

		p += 4;
		if (oflags & WINSEC_ACE_OBJECT_TYPE_PRESENT)
			p += WINSEC_GUID_SIZE;
		if (oflags & WINSEC_ACE_INHERITED_OBJECT_TYPE_PRESENT)
			p += WINSEC_GUID_SIZE;
	}
	return (const void *)p;
}

/* Walk the ACEs of a validated ACL: @i counts, @ace points at each. */
#define winsec_acl_for_each(acl, ace, i)				\
	for ((i) = 0, (ace) = winsec_acl_first(acl);			\
	     (i) < winsec_acl_count(acl);				\
	     (i)++, (ace) = winsec_ace_next(ace))

/**
 * winsec_sd_has_dacl() - whether the DACL is present (possibly NULL)
 * @sd: a view
 *
 * Return: true when %WINSEC_SE_DACL_PRESENT is set.
 */
static inline bool winsec_sd_has_dacl(const struct winsec_sd *sd)
{
	return sd->control & WINSEC_SE_DACL_PRESENT;
}

/**
 * winsec_sd_has_sacl() - whether the SACL is present (possibly NULL)
 * @sd: a view
 *
 * Return: true when %WINSEC_SE_SACL_PRESENT is set.
 */
static inline bool winsec_sd_has_sacl(const struct winsec_sd *sd)
{
	return sd->control & WINSEC_SE_SACL_PRESENT;
}

bool winsec_ace_type_is_object(u8 type);
bool winsec_ace_type_is_callback(u8 type);
bool winsec_ace_type_in_dacl(u8 type);
bool winsec_ace_type_in_sacl(u8 type);
void winsec_ace_decode(const struct winsec_ace_header *hdr,
		       struct winsec_ace *ace);
int winsec_ace_check(const void *buf, u32 avail, bool sacl,
		     const char **reason);
int winsec_acl_check(const void *buf, u32 avail, bool sacl,
		     const char **reason);
void winsec_sd_learn(struct winsec_sd *sd);
bool winsec_sd_label_info(const struct winsec_sd *sd, u32 *level, u32 *policy);
bool winsec_acl_owner_rights(const struct winsec_acl *dacl, unsigned int skip);
int winsec_sd_parse(const void *buf, size_t len, struct winsec_sd *sd,
		    const char **reason);
u16 winsec_acl_unix_aces(const struct winsec_acl *acl);
void winsec_sd_move(struct winsec_sd *sd, const void *from, const void *to);

/*
 * A Unix ACE (winsec_acl_unix_aces()): ACCESS_ALLOWED or ACCESS_DENIED,
 * not inherit-only, with a Unix user or group as trustee (S-1-22-1-<uid>,
 * S-1-22-2-<gid>), and so 24 bytes long. Its first 4 bytes read as one
 * little-endian number are type, flags and size: WINSEC_UNIX_ACE_KEEP
 * keeps the bits that must equal WINSEC_UNIX_ACE_WANT. The mask follows,
 * then the SID, whose first 8 bytes read the same way are
 * WINSEC_UNIX_SID_HEAD, and whose id is the last 4 bytes of the ACE.
 */
#define WINSEC_UNIX_ACE_SIZE	(WINSEC_ACE_HEADER_SIZE + 4 + WINSEC_SID_SIZE(2))
#define WINSEC_UNIX_ACE_KEEP	(0xfe | WINSEC_ACE_INHERIT_ONLY << 8 | 0xffffU << 16)
#define WINSEC_UNIX_ACE_WANT	(WINSEC_UNIX_ACE_SIZE << 16)
#define WINSEC_UNIX_SID_HEAD	WINSEC_SID_HEAD(2, WINSEC_AUTH_UNIX)
#define WINSEC_UNIX_ACE_ID	(WINSEC_UNIX_ACE_SIZE - 4)

/**
 * winsec_unix_ace() - whether an ACE is a Unix ACE
 * @ace: the ACE, at least 16 readable bytes (any valid ACE has 20)
 *
 * Return: true for a Unix ACE (see WINSEC_UNIX_ACE_KEEP).
 */
static inline bool winsec_unix_ace(const void *ace)
{
	return (get_unaligned_le32(ace) & WINSEC_UNIX_ACE_KEEP) ==
	       WINSEC_UNIX_ACE_WANT &&
	       get_unaligned_le64((const u8 *)ace + 8) == WINSEC_UNIX_SID_HEAD;
}

u32 winsec_sd_serialized_size(const struct winsec_sd *sd);
int winsec_sd_serialize(const struct winsec_sd *sd, void *buf, size_t size,
			u32 *len);
bool winsec_sd_equal(const struct winsec_sd *a, const struct winsec_sd *b);

/**
 * struct winsec_acl_builder - builds an ACL in a caller-supplied buffer
 * @buf: destination; the ACL header is written at @buf by
 *	 winsec_acl_build_finish()
 * @cap: size of @buf in bytes
 * @len: bytes used so far, header included
 * @count: ACEs added so far
 * @has_object: whether an object ACE was added (revision 4)
 * @error: first error seen (-ENOSPC, -E2BIG, -EINVAL), sticky
 *
 * No allocation: the caller sizes @buf (WINSEC_ACL_MAX_SIZE is always
 * enough). Errors are sticky and reported by winsec_acl_build_finish(),
 * which also runs the ACL through the validator, or by
 * winsec_acl_build_complete(), which leaves that to the caller.
 */
struct winsec_acl_builder {
	u8 *buf;
	u32 cap;
	u32 len;
	u32 count;
	bool has_object;
	int error;
};

void winsec_acl_build_init(struct winsec_acl_builder *b, void *buf, u32 cap);
void winsec_acl_build_add(struct winsec_acl_builder *b, u8 type, u8 flags,
			  u32 mask, const struct winsec_sid *sid);
void winsec_acl_build_add_ace(struct winsec_acl_builder *b,
			      const struct winsec_ace *ace);
int winsec_acl_build_complete(struct winsec_acl_builder *b,
			      const struct winsec_acl **acl);
int winsec_acl_build_finish(struct winsec_acl_builder *b, bool sacl,
			    const struct winsec_acl **acl);

#endif /* _SECURITY_WINSEC_SD_H */
