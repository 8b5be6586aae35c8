// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - writing descriptors: the serializer, the view of a copy, the
 * ACL builder, and the comparison of two descriptors
 *
 * Everything here works on views that winsec_sd_parse() validated, and
 * what the builder writes goes through the validator again (each ACL, or
 * for inheritance the whole descriptor), so that what is written obeys
 * the same rules as what is read.
 * Shared core: no allocation, no sleeping, no recursion.
 */

#include <linux/errno.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/unaligned.h>

#include "sd.h"
#include "sid.h"

/* Size of an ACL once its unused space is dropped. */
static u32 acl_packed_size(const struct winsec_acl *acl)
{
	const struct winsec_ace_header *ace;
	u32 size = WINSEC_ACL_HEADER_SIZE;
	unsigned int i;

	winsec_acl_for_each(acl, ace, i)
		size += get_unaligned_le16(&ace->size);
	return size;
}

/**
 * winsec_sd_serialized_size() - bytes winsec_sd_serialize() will write
 * @sd: a view whose parts are valid
 *
 * Return: the size of the self-relative form.
 */
u32 winsec_sd_serialized_size(const struct winsec_sd *sd)
{
	u32 size = WINSEC_SD_HEADER_SIZE;

	if (sd->sacl)
		size += acl_packed_size(sd->sacl);
	if (sd->dacl)
		size += acl_packed_size(sd->dacl);
	if (sd->owner)
		size += winsec_sid_size(sd->owner);
	if (sd->group)
		size += winsec_sid_size(sd->group);
	return size;
}

static u32 put_acl(u8 *buf, const struct winsec_acl *acl)
{
	const struct winsec_ace_header *ace;
	struct winsec_acl *out = (struct winsec_acl *)buf;
	u32 off = WINSEC_ACL_HEADER_SIZE;
	unsigned int i;

	winsec_acl_for_each(acl, ace, i) {
		u16 size = get_unaligned_le16(&ace->size);

		memcpy(buf + off, ace, size);
		off += size;
	}
	out->revision = acl->revision;
	out->sbz1 = 0;
	put_unaligned_le16(off, &out->size);
	put_unaligned_le16(winsec_acl_count(acl), &out->ace_count);
	put_unaligned_le16(0, &out->sbz2);
	return off;
}

/**
 * winsec_sd_serialize() - write a view in self-relative form
 * @sd: a view whose parts are valid (from winsec_sd_parse() or built from
 *	validated parts)
 * @buf: destination
 * @size: size of @buf
 * @len: set to the number of bytes written
 *
 * The layout is the one Windows produces: header, SACL, DACL, owner, group,
 * with no unused space. A present ACL pointer sets its PRESENT control bit.
 *
 * Return: 0, -E2BIG if the result would exceed %WINSEC_SD_MAX_SIZE, or
 * -ENOSPC if @buf is too small.
 */
int winsec_sd_serialize(const struct winsec_sd *sd, void *buf, size_t size,
			u32 *len)
{
	struct winsec_sd_header *hdr = buf;
	u32 need = winsec_sd_serialized_size(sd);
	u16 control = sd->control | WINSEC_SE_SELF_RELATIVE;
	u8 *p = buf;
	u32 off = WINSEC_SD_HEADER_SIZE;

	if (need > WINSEC_SD_MAX_SIZE)
		return -E2BIG;
	if (need > size)
		return -ENOSPC;

	memset(hdr, 0, sizeof(*hdr));
	hdr->revision = WINSEC_SD_REVISION;
	hdr->sbz1 = sd->rm_control;
	if (sd->sacl) {
		control |= WINSEC_SE_SACL_PRESENT;
		put_unaligned_le32(off, &hdr->sacl);
		off += put_acl(p + off, sd->sacl);
	}
	if (sd->dacl) {
		control |= WINSEC_SE_DACL_PRESENT;
		put_unaligned_le32(off, &hdr->dacl);
		off += put_acl(p + off, sd->dacl);
	}
	if (sd->owner) {
		put_unaligned_le32(off, &hdr->owner);
		memcpy(p + off, sd->owner, winsec_sid_size(sd->owner));
		off += winsec_sid_size(sd->owner);
	}
	if (sd->group) {
		put_unaligned_le32(off, &hdr->group);
		memcpy(p + off, sd->group, winsec_sid_size(sd->group));
		off += winsec_sid_size(sd->group);
	}
	put_unaligned_le16(control, &hdr->control);
	*len = off;
	return 0;
}

/* @p, a pointer into the bytes at @from, moved to the same place in @to. */
static const void *moved(const void *p, const void *from, const void *to)
{
	if (!p)
		return NULL;
	return (const u8 *)to + ((const u8 *)p - (const u8 *)from);
}

/**
 * winsec_sd_move() - make a view describe a copy of its bytes
 * @sd: a view from winsec_sd_parse() of the bytes at @from
 * @from: the bytes @sd was made from
 * @to: a byte-for-byte copy of them
 *
 * For bytes that were copied after they were validated, where nothing
 * could change them in between: the view of the copy, without validating
 * it again.
 */
void winsec_sd_move(struct winsec_sd *sd, const void *from, const void *to)
{
	sd->owner = moved(sd->owner, from, to);
	sd->group = moved(sd->group, from, to);
	sd->sacl = moved(sd->sacl, from, to);
	sd->dacl = moved(sd->dacl, from, to);
	sd->unix_dacl = moved(sd->unix_dacl, from, to);
}

static bool sid_equal_or_both_absent(const struct winsec_sid *a,
				     const struct winsec_sid *b)
{
	if (!a || !b)
		return a == b;
	return winsec_sid_equal(a, b);
}

static bool acl_equal(const struct winsec_acl *a, const struct winsec_acl *b)
{
	const struct winsec_ace_header *x, *y;
	unsigned int i;

	if (!a || !b)
		return a == b;
	if (winsec_acl_count(a) != winsec_acl_count(b))
		return false;
	y = winsec_acl_first(b);
	winsec_acl_for_each(a, x, i) {
		u16 size = get_unaligned_le16(&x->size);

		if (size != get_unaligned_le16(&y->size) || memcmp(x, y, size))
			return false;
		y = winsec_ace_next(y);
	}
	return true;
}

/**
 * winsec_sd_equal() - whether two views describe the same descriptor
 * @a: a valid view
 * @b: a valid view
 *
 * Compares the control bits, the RM byte, owner, group, and both ACLs ACE
 * by ACE, byte for byte. The ACL revision and unused space are layout, not
 * content, and are ignored.
 *
 * Return: true if equal.
 */
bool winsec_sd_equal(const struct winsec_sd *a, const struct winsec_sd *b)
{
	return a->control == b->control && a->rm_control == b->rm_control &&
	       sid_equal_or_both_absent(a->owner, b->owner) &&
	       sid_equal_or_both_absent(a->group, b->group) &&
	       acl_equal(a->dacl, b->dacl) && acl_equal(a->sacl, b->sacl);
}

/**
 * winsec_acl_build_init() - start building an ACL
 * @b: the builder
 * @buf: destination buffer
 * @cap: size of @buf
 */
void winsec_acl_build_init(struct winsec_acl_builder *b, void *buf, u32 cap)
{
	b->buf = buf;
	b->cap = cap;
	b->len = WINSEC_ACL_HEADER_SIZE;
	b->count = 0;
	b->has_object = false;
	b->error = cap < WINSEC_ACL_HEADER_SIZE ? -ENOSPC : 0;
}

/* Reserve @size bytes for one more ACE; NULL (and a sticky error) if full. */
static u8 *build_reserve(struct winsec_acl_builder *b, u32 size)
{
	u32 end;
	u8 *p;

	if (b->error)
		return NULL;
	if (size % 4 || size > 0xffff) {
		b->error = -EINVAL;
		return NULL;
	}
	if (check_add_overflow(b->len, size, &end) ||
	    end > WINSEC_ACL_MAX_SIZE || b->count >= 0xffff) {
		b->error = -E2BIG;
		return NULL;
	}
	if (end > b->cap) {
		b->error = -ENOSPC;
		return NULL;
	}
	p = b->buf + b->len;
	b->len = end;
	b->count++;
	return p;
}

/**
 * winsec_acl_build_add() - append a simple ACE (header, mask, SID)
 * @b: the builder
 * @type: ACE type (not an object type)
 * @flags: ACE flags
 * @mask: access mask
 * @sid: a valid SID
 */
void winsec_acl_build_add(struct winsec_acl_builder *b, u8 type, u8 flags,
			  u32 mask, const struct winsec_sid *sid)
{
	u32 sid_size = winsec_sid_size(sid);
	u32 size = WINSEC_ACE_HEADER_SIZE + 4 + sid_size;
	u8 *p;

	if (winsec_ace_type_is_object(type)) {
		if (!b->error)
			b->error = -EINVAL;
		return;
	}
	p = build_reserve(b, size);
	if (!p)
		return;
	p[0] = type;
	p[1] = flags;
	put_unaligned_le16(size, p + 2);
	put_unaligned_le32(mask, p + 4);
	memcpy(p + 8, sid, sid_size);
}

/**
 * winsec_acl_build_add_ace() - append an ACE from decoded fields
 * @b: the builder
 * @ace: the fields; object GUIDs and application data are copied as they
 *	 are, so a decoded ACE with a changed type, flags, mask or SID can be
 *	 written back
 */
void winsec_acl_build_add_ace(struct winsec_acl_builder *b,
			      const struct winsec_ace *ace)
{
	bool object = winsec_ace_type_is_object(ace->type);
	u32 sid_size = winsec_sid_size(ace->sid);
	u32 size = WINSEC_ACE_HEADER_SIZE + 4 + sid_size + ace->app_len;
	u32 obj_flags = 0;
	u32 off = WINSEC_ACE_HEADER_SIZE + 4;
	u8 *p;

	if (object) {
		if (ace->object_type)
			obj_flags |= WINSEC_ACE_OBJECT_TYPE_PRESENT;
		if (ace->inherited_object_type)
			obj_flags |= WINSEC_ACE_INHERITED_OBJECT_TYPE_PRESENT;
		size += 4;
		if (ace->object_type)
			size += WINSEC_GUID_SIZE;
		if (ace->inherited_object_type)
			size += WINSEC_GUID_SIZE;
	}
	p = build_reserve(b, size);
	if (!p)
		return;
	p[0] = ace->type;
	p[1] = ace->flags;
	put_unaligned_le16(size, p + 2);
	put_unaligned_le32(ace->mask, p + 4);
	if (object) {
		put_unaligned_le32(obj_flags, p + off);
		off += 4;
		if (ace->object_type) {
			memcpy(p + off, ace->object_type, WINSEC_GUID_SIZE);
			off += WINSEC_GUID_SIZE;
		}
		if (ace->inherited_object_type) {
			memcpy(p + off, ace->inherited_object_type,
			       WINSEC_GUID_SIZE);
			off += WINSEC_GUID_SIZE;
		}
		b->has_object = true;
	}
	memcpy(p + off, ace->sid, sid_size);
	off += sid_size;
	if (ace->app_len)
		memcpy(p + off, ace->app_data, ace->app_len);
}

/**
 * winsec_acl_build_complete() - complete a built ACL without validating it
 * @b: the builder
 * @acl: set to the ACL (at the builder's buffer) on success
 *
 * Writes the header (revision 4 if an object ACE was added, else 2). For a
 * caller that validates the whole descriptor the ACL goes into, as
 * winsec_inherit() does, so that its ACEs are checked once.
 *
 * Return: 0 or the builder's first error.
 */
int winsec_acl_build_complete(struct winsec_acl_builder *b,
			      const struct winsec_acl **acl)
{
	struct winsec_acl *hdr = (struct winsec_acl *)b->buf;

	if (b->error)
		return b->error;
	hdr->revision = b->has_object ? WINSEC_ACL_REVISION_DS :
					WINSEC_ACL_REVISION;
	hdr->sbz1 = 0;
	put_unaligned_le16(b->len, &hdr->size);
	put_unaligned_le16(b->count, &hdr->ace_count);
	put_unaligned_le16(0, &hdr->sbz2);
	*acl = hdr;
	return 0;
}

/**
 * winsec_acl_build_finish() - complete and validate a built ACL
 * @b: the builder
 * @sacl: whether the ACL is a SACL (else a DACL)
 * @acl: set to the ACL (at the builder's buffer) on success
 *
 * winsec_acl_build_complete(), then winsec_acl_check() on the result.
 *
 * Return: 0, the builder's first error, or -EINVAL if the ACL is invalid.
 */
int winsec_acl_build_finish(struct winsec_acl_builder *b, bool sacl,
			    const struct winsec_acl **acl)
{
	const struct winsec_acl *done;
	int err = winsec_acl_build_complete(b, &done);

	if (err)
		return err;
	if (winsec_acl_check(b->buf, b->len, sacl, NULL))
		return -EINVAL;
	*acl = done;
	return 0;
}
