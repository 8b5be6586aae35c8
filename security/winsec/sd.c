// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - self-relative security descriptors
 *
 * The one validator of MS-DTYP 2.4.6 self-relative descriptors, used at
 * every entry point (xattr writes, xattr loads, inheritance output, IPC and
 * creator descriptors, the tool), the ACE decoder that later code uses to
 * walk a validated descriptor, the serializer and the ACL builder. Shared
 * core: no allocation, no sleeping, no recursion.
 *
 * Decisions where MS-DTYP leaves room, all in the direction of rejecting:
 * ACE types outside the table (and the obsolete compound ACE) are refused;
 * access ACE types are accepted only in a DACL, audit, alarm, label,
 * resource-attribute and scoped-policy ACEs only in a SACL; object ACEs need
 * ACL revision 4; an ACE without application data must be exactly as long as
 * its fields; reserved bytes must be zero; a label ACE must name an
 * integrity level and carry only the NW/NR/NX policy bits. Unused space at
 * the end of an ACL or between the parts of the descriptor is tolerated and
 * dropped by the serializer.
 */

#include <linux/errno.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/unaligned.h>

#include "sd.h"
#include "sid.h"

static void set_reason(const char **reason, const char *text)
{
	if (reason)
		*reason = text;
}

/**
 * winsec_ace_type_is_object() - whether an ACE type carries object GUIDs
 * @type: ACE type
 *
 * Return: true for the object ACE types.
 */
bool winsec_ace_type_is_object(u8 type)
{
	switch (type) {
	case WINSEC_ACE_ACCESS_ALLOWED_OBJECT:
	case WINSEC_ACE_ACCESS_DENIED_OBJECT:
	case WINSEC_ACE_SYSTEM_AUDIT_OBJECT:
	case WINSEC_ACE_SYSTEM_ALARM_OBJECT:
	case WINSEC_ACE_ACCESS_ALLOWED_CALLBACK_OBJECT:
	case WINSEC_ACE_ACCESS_DENIED_CALLBACK_OBJECT:
	case WINSEC_ACE_SYSTEM_AUDIT_CALLBACK_OBJECT:
	case WINSEC_ACE_SYSTEM_ALARM_CALLBACK_OBJECT:
		return true;
	}
	return false;
}

/**
 * winsec_ace_type_is_callback() - whether an ACE type ends with
 *	application data (a condition or a resource attribute)
 * @type: ACE type
 *
 * Return: true for callback and resource-attribute ACE types.
 */
bool winsec_ace_type_is_callback(u8 type)
{
	switch (type) {
	case WINSEC_ACE_ACCESS_ALLOWED_CALLBACK:
	case WINSEC_ACE_ACCESS_DENIED_CALLBACK:
	case WINSEC_ACE_ACCESS_ALLOWED_CALLBACK_OBJECT:
	case WINSEC_ACE_ACCESS_DENIED_CALLBACK_OBJECT:
	case WINSEC_ACE_SYSTEM_AUDIT_CALLBACK:
	case WINSEC_ACE_SYSTEM_ALARM_CALLBACK:
	case WINSEC_ACE_SYSTEM_AUDIT_CALLBACK_OBJECT:
	case WINSEC_ACE_SYSTEM_ALARM_CALLBACK_OBJECT:
	case WINSEC_ACE_SYSTEM_RESOURCE_ATTRIBUTE:
		return true;
	}
	return false;
}

/**
 * winsec_ace_type_in_dacl() - whether an ACE type may appear in a DACL
 * @type: ACE type
 *
 * Return: true for allow and deny ACEs of every form.
 */
bool winsec_ace_type_in_dacl(u8 type)
{
	switch (type) {
	case WINSEC_ACE_ACCESS_ALLOWED:
	case WINSEC_ACE_ACCESS_DENIED:
	case WINSEC_ACE_ACCESS_ALLOWED_OBJECT:
	case WINSEC_ACE_ACCESS_DENIED_OBJECT:
	case WINSEC_ACE_ACCESS_ALLOWED_CALLBACK:
	case WINSEC_ACE_ACCESS_DENIED_CALLBACK:
	case WINSEC_ACE_ACCESS_ALLOWED_CALLBACK_OBJECT:
	case WINSEC_ACE_ACCESS_DENIED_CALLBACK_OBJECT:
		return true;
	}
	return false;
}

/**
 * winsec_ace_type_in_sacl() - whether an ACE type may appear in a SACL
 * @type: ACE type
 *
 * Return: true for audit, alarm, mandatory label, resource attribute and
 * scoped policy ACEs.
 */
bool winsec_ace_type_in_sacl(u8 type)
{
	switch (type) {
	case WINSEC_ACE_SYSTEM_AUDIT:
	case WINSEC_ACE_SYSTEM_ALARM:
	case WINSEC_ACE_SYSTEM_AUDIT_OBJECT:
	case WINSEC_ACE_SYSTEM_ALARM_OBJECT:
	case WINSEC_ACE_SYSTEM_AUDIT_CALLBACK:
	case WINSEC_ACE_SYSTEM_ALARM_CALLBACK:
	case WINSEC_ACE_SYSTEM_AUDIT_CALLBACK_OBJECT:
	case WINSEC_ACE_SYSTEM_ALARM_CALLBACK_OBJECT:
	case WINSEC_ACE_SYSTEM_MANDATORY_LABEL:
	case WINSEC_ACE_SYSTEM_RESOURCE_ATTRIBUTE:
	case WINSEC_ACE_SYSTEM_SCOPED_POLICY_ID:
		return true;
	}
	return false;
}

/**
 * winsec_ace_check() - validate one ACE in untrusted bytes
 * @buf: start of the ACE
 * @avail: bytes left in the ACL from @buf
 * @sacl: whether the ACE is in a SACL (else a DACL)
 * @reason: if not NULL, set to a description of the first problem
 *
 * Return: 0 if valid, -EINVAL otherwise.
 */
int winsec_ace_check(const void *buf, u32 avail, bool sacl,
		     const char **reason)
{
	const struct winsec_ace_header *hdr = buf;
	const u8 *p = buf;
	u32 size, off, sid_size, obj_flags;
	u8 type;

	if (avail < WINSEC_ACE_HEADER_SIZE) {
		set_reason(reason, "ACE header truncated");
		return -EINVAL;
	}
	type = hdr->type;
	size = get_unaligned_le16(&hdr->size);
	if (size % 4) {
		set_reason(reason, "ACE size not a multiple of 4");
		return -EINVAL;
	}
	if (size > avail) {
		set_reason(reason, "ACE extends past the end of its ACL");
		return -EINVAL;
	}
	if (type > WINSEC_ACE_TYPE_MAX ||
	    type == WINSEC_ACE_ACCESS_ALLOWED_COMPOUND) {
		set_reason(reason, "unknown ACE type");
		return -EINVAL;
	}
	if (sacl && !winsec_ace_type_in_sacl(type)) {
		set_reason(reason, "ACE type not allowed in a SACL");
		return -EINVAL;
	}
	if (!sacl && !winsec_ace_type_in_dacl(type)) {
		set_reason(reason, "ACE type not allowed in a DACL");
		return -EINVAL;
	}

	off = WINSEC_ACE_HEADER_SIZE + 4;	/* header and mask */
	if (winsec_ace_type_is_object(type)) {
		off += 4;
		if (size < off) {
			set_reason(reason, "object ACE too small");
			return -EINVAL;
		}
		obj_flags = get_unaligned_le32(p + WINSEC_ACE_HEADER_SIZE + 4);
		if (obj_flags & ~(WINSEC_ACE_OBJECT_TYPE_PRESENT |
				  WINSEC_ACE_INHERITED_OBJECT_TYPE_PRESENT)) {
			set_reason(reason, "unknown object ACE flags");
			return -EINVAL;
		}
		if (obj_flags & WINSEC_ACE_OBJECT_TYPE_PRESENT)
			off += WINSEC_GUID_SIZE;
		if (obj_flags & WINSEC_ACE_INHERITED_OBJECT_TYPE_PRESENT)
			off += WINSEC_GUID_SIZE;
	}
	if (size < off) {
		set_reason(reason, "ACE too small for its type");
		return -EINVAL;
	}
	if (winsec_sid_check(p + off, size - off, &sid_size)) {
		set_reason(reason, "invalid or truncated SID in ACE");
		return -EINVAL;
	}
	off += sid_size;
	if (off != size && !winsec_ace_type_is_callback(type)) {
		set_reason(reason, "ACE longer than its fields");
		return -EINVAL;
	}
	if (type == WINSEC_ACE_SYSTEM_MANDATORY_LABEL) {
		const struct winsec_sid *sid = (const void *)(p + off - sid_size);
		u32 rid;

		if (get_unaligned_le32(p + WINSEC_ACE_HEADER_SIZE) &
		    ~WINSEC_LABEL_VALID_MASK) {
			set_reason(reason, "label ACE with rights other than NW, NR, NX");
			return -EINVAL;
		}
		if (!winsec_sid_get_level(sid, &rid)) {
			set_reason(reason, "label ACE without an integrity level SID");
			return -EINVAL;
		}
	}
	return 0;
}

/**
 * winsec_acl_check() - validate an ACL in untrusted bytes
 * @buf: start of the ACL
 * @avail: bytes available from @buf
 * @sacl: whether this is a SACL (else a DACL)
 * @reason: if not NULL, set to a description of the first problem
 *
 * Checks the header (revision 2 or 4, reserved bytes zero, size a multiple
 * of 4 within @avail, ACE count no larger than the size allows) and every
 * ACE with winsec_ace_check().
 *
 * Return: 0 if valid, -EINVAL otherwise.
 */
int winsec_acl_check(const void *buf, u32 avail, bool sacl,
		     const char **reason)
{
	const struct winsec_acl *acl = buf;
	const u8 *p = buf;
	u32 size, count, off, i;

	if (avail < WINSEC_ACL_HEADER_SIZE) {
		set_reason(reason, "ACL header truncated");
		return -EINVAL;
	}
	if (acl->revision != WINSEC_ACL_REVISION &&
	    acl->revision != WINSEC_ACL_REVISION_DS) {
		set_reason(reason, "unsupported ACL revision");
		return -EINVAL;
	}
	if (acl->sbz1 || get_unaligned_le16(&acl->sbz2)) {
		set_reason(reason, "reserved ACL bytes not zero");
		return -EINVAL;
	}
	size = get_unaligned_le16(&acl->size);
	count = get_unaligned_le16(&acl->ace_count);
	if (size < WINSEC_ACL_HEADER_SIZE || size % 4) {
		set_reason(reason, "invalid ACL size");
		return -EINVAL;
	}
	if (size > avail) {
		set_reason(reason, "ACL extends past the end of the descriptor");
		return -EINVAL;
	}
	if (count > (size - WINSEC_ACL_HEADER_SIZE) / WINSEC_ACE_MIN_SIZE) {
		set_reason(reason, "ACE count larger than the ACL can hold");
		return -EINVAL;
	}

	off = WINSEC_ACL_HEADER_SIZE;
	for (i = 0; i < count; i++) {
		const struct winsec_ace_header *hdr = (const void *)(p + off);

		if (winsec_ace_check(p + off, size - off, sacl, reason))
			return -EINVAL;
		if (winsec_ace_type_is_object(hdr->type) &&
		    acl->revision != WINSEC_ACL_REVISION_DS) {
			set_reason(reason, "object ACE in an ACL of revision 2");
			return -EINVAL;
		}
		/* Bounded by size (at most 0xffff): cannot wrap. */
		off += get_unaligned_le16(&hdr->size);
	}
	return 0;
}

/*
 * Validate the part of a descriptor at @offset: a SID when @kind is 0, an
 * ACL otherwise (1 = DACL, 2 = SACL). @len is the descriptor length.
 */
static int sd_part(const u8 *buf, size_t len, u32 offset, int kind,
		   const void **part, const char **reason)
{
	u32 size;
	int err;

	if (offset < WINSEC_SD_HEADER_SIZE || offset >= len) {
		set_reason(reason, "offset outside the descriptor");
		return -EINVAL;
	}
	if (kind == 0) {
		err = winsec_sid_check(buf + offset, len - offset, &size);
		if (err)
			set_reason(reason, "invalid or truncated owner/group SID");
	} else {
		err = winsec_acl_check(buf + offset, len - offset, kind == 2,
				       reason);
	}
	if (!err)
		*part = buf + offset;
	return err;
}

/**
 * winsec_sd_parse() - validate a self-relative descriptor and view it
 * @buf: untrusted bytes
 * @len: number of bytes at @buf
 * @sd: set to the validated view on success (pointers into @buf)
 * @reason: if not NULL, set to a description of the first problem
 *
 * This is the only validator: every descriptor that winsec stores, loads,
 * computes or evaluates goes through it. It checks the header (length at
 * least 20 and at most %WINSEC_SD_MAX_SIZE, revision 1, self-relative, RM
 * byte only with SE_RM_CONTROL_VALID), that an offset is set exactly when
 * its part is present, every offset and size without overflow, the SIDs
 * and both ACLs with all their ACEs. The parts may be in any order.
 *
 * Return: 0 if valid, -EINVAL otherwise (@sd is then left unspecified).
 */
int winsec_sd_parse(const void *buf, size_t len, struct winsec_sd *sd,
		    const char **reason)
{
	const struct winsec_sd_header *hdr = buf;
	const u8 *p = buf;
	u32 owner, group, sacl, dacl;
	const void *part;
	u16 control;

	memset(sd, 0, sizeof(*sd));
	if (len < WINSEC_SD_HEADER_SIZE) {
		set_reason(reason, "descriptor shorter than its header");
		return -EINVAL;
	}
	if (len > WINSEC_SD_MAX_SIZE) {
		set_reason(reason, "descriptor larger than 64 KiB");
		return -EINVAL;
	}
	if (hdr->revision != WINSEC_SD_REVISION) {
		set_reason(reason, "unsupported descriptor revision");
		return -EINVAL;
	}
	control = get_unaligned_le16(&hdr->control);
	if (!(control & WINSEC_SE_SELF_RELATIVE)) {
		set_reason(reason, "descriptor is not self-relative");
		return -EINVAL;
	}
	if (hdr->sbz1 && !(control & WINSEC_SE_RM_CONTROL_VALID)) {
		set_reason(reason, "reserved descriptor byte not zero");
		return -EINVAL;
	}
	owner = get_unaligned_le32(&hdr->owner);
	group = get_unaligned_le32(&hdr->group);
	sacl = get_unaligned_le32(&hdr->sacl);
	dacl = get_unaligned_le32(&hdr->dacl);
	if ((dacl && !(control & WINSEC_SE_DACL_PRESENT)) ||
	    (sacl && !(control & WINSEC_SE_SACL_PRESENT))) {
		set_reason(reason, "ACL offset set but the ACL is not present");
		return -EINVAL;
	}

	sd->control = control;
	sd->rm_control = hdr->sbz1;
	if (owner) {
		if (sd_part(p, len, owner, 0, &part, reason))
			return -EINVAL;
		sd->owner = part;
	}
	if (group) {
		if (sd_part(p, len, group, 0, &part, reason))
			return -EINVAL;
		sd->group = part;
	}
	if (dacl) {
		if (sd_part(p, len, dacl, 1, &part, reason))
			return -EINVAL;
		sd->dacl = part;
	}
	if (sacl) {
		if (sd_part(p, len, sacl, 2, &part, reason))
			return -EINVAL;
		sd->sacl = part;
	}
	return 0;
}

/**
 * winsec_ace_decode() - decode the fields of a validated ACE
 * @hdr: an ACE of an ACL that passed the validator
 * @ace: set to the decoded fields
 */
void winsec_ace_decode(const struct winsec_ace_header *hdr,
		       struct winsec_ace *ace)
{
	const u8 *p = (const u8 *)hdr;
	u32 off = WINSEC_ACE_HEADER_SIZE + 4;

	memset(ace, 0, sizeof(*ace));
	ace->hdr = hdr;
	ace->type = hdr->type;
	ace->flags = hdr->flags;
	ace->size = get_unaligned_le16(&hdr->size);
	ace->mask = get_unaligned_le32(p + WINSEC_ACE_HEADER_SIZE);
	if (winsec_ace_type_is_object(hdr->type)) {
		ace->object_flags = get_unaligned_le32(p + off);
		off += 4;
		if (ace->object_flags & WINSEC_ACE_OBJECT_TYPE_PRESENT) {
			ace->object_type = p + off;
			off += WINSEC_GUID_SIZE;
		}
		if (ace->object_flags & WINSEC_ACE_INHERITED_OBJECT_TYPE_PRESENT) {
			ace->inherited_object_type = p + off;
			off += WINSEC_GUID_SIZE;
		}
	}
	ace->sid = (const struct winsec_sid *)(p + off);
	off += winsec_sid_size(ace->sid);
	if (off < ace->size) {
		ace->app_data = p + off;
		ace->app_len = ace->size - off;
	}
}

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
 * winsec_sd_label() - the mandatory label ACE of a descriptor
 * @sd: a valid view
 *
 * Return: the first SYSTEM_MANDATORY_LABEL ACE of the SACL (whatever its
 * flags), or NULL if there is none.
 */
const struct winsec_ace_header *winsec_sd_label(const struct winsec_sd *sd)
{
	const struct winsec_ace_header *ace;
	unsigned int i;

	if (!sd->sacl)
		return NULL;
	winsec_acl_for_each(sd->sacl, ace, i)
		if (ace->type == WINSEC_ACE_SYSTEM_MANDATORY_LABEL)
			return ace;
	return NULL;
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
 * winsec_acl_build_add_raw() - append a copy of a validated ACE
 * @b: the builder
 * @ace: an ACE of a validated ACL
 */
void winsec_acl_build_add_raw(struct winsec_acl_builder *b,
			      const struct winsec_ace_header *ace)
{
	u16 size = get_unaligned_le16(&ace->size);
	u8 *p = build_reserve(b, size);

	if (!p)
		return;
	memcpy(p, ace, size);
	if (winsec_ace_type_is_object(ace->type))
		b->has_object = true;
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
 * winsec_acl_build_finish() - complete and validate a built ACL
 * @b: the builder
 * @sacl: whether the ACL is a SACL (else a DACL)
 * @acl: set to the ACL (at the builder's buffer) on success
 *
 * Writes the header (revision 4 if an object ACE was added, else 2) and
 * runs the result through winsec_acl_check().
 *
 * Return: 0, the builder's first error, or -EINVAL if the ACL is invalid.
 */
int winsec_acl_build_finish(struct winsec_acl_builder *b, bool sacl,
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
	if (winsec_acl_check(b->buf, b->len, sacl, NULL))
		return -EINVAL;
	*acl = hdr;
	return 0;
}
