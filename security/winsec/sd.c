// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - self-relative security descriptors
 *
 * The one validator of MS-DTYP 2.4.6 self-relative descriptors, used at
 * every entry point (xattr writes, xattr loads, inheritance output, IPC and
 * creator descriptors, the tool), the ACE decoder that later code uses to
 * walk a validated descriptor. Writing descriptors (the serializer and the
 * ACL builder) is in acl.c. Shared core: no allocation, no sleeping, no
 * recursion.
 *
 * Decisions where MS-DTYP leaves room, all in the direction of rejecting:
 * ACE types outside the table (and the obsolete compound ACE) are refused;
 * access ACE types are accepted only in a DACL, audit, alarm, label,
 * resource-attribute and scoped-policy ACEs only in a SACL; object ACEs need
 * ACL revision 4; an ACE without application data must be exactly as long as
 * its fields; reserved bytes must be zero; a label ACE must name an
 * integrity level and carry only the NW/NR/NX policy bits. Unused space at
 * the end of an ACL or between the parts of the descriptor is tolerated (the
 * serializer drops it).
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

/*
 * The object fields of an object ACE at @p of @size bytes: the flags, then
 * the GUIDs they announce. Advances *@off past them. Return: 0 or -EINVAL.
 */
static int object_fields(const u8 *p, u32 size, u32 *off, const char **reason)
{
	u32 obj_flags;

	*off += 4;
	if (size < *off) {
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
		*off += WINSEC_GUID_SIZE;
	if (obj_flags & WINSEC_ACE_INHERITED_OBJECT_TYPE_PRESENT)
		*off += WINSEC_GUID_SIZE;
	return 0;
}

/* A label ACE: only the NW/NR/NX bits, and a level SID. */
static int check_label(const u8 *p, const struct winsec_sid *sid,
		       const char **reason)
{
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
	return 0;
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
	u32 size, off, sid_size;
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
	if (winsec_ace_type_is_object(type) &&
	    object_fields(p, size, &off, reason))
		return -EINVAL;
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
	if (type == WINSEC_ACE_SYSTEM_MANDATORY_LABEL)
		return check_label(p, (const void *)(p + off - sid_size), reason);
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
 * A valid view also gets the facts of winsec_sd_learn().
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
		sd->unix_dacl = part;
		sd->unix_aces = winsec_acl_unix_aces(part);
	}
	if (sacl) {
		if (sd_part(p, len, sacl, 2, &part, reason))
			return -EINVAL;
		sd->sacl = part;
	}
	winsec_sd_learn(sd);
	return 0;
}

/**
 * winsec_acl_unix_aces() - the Unix ACEs at the start of an ACL
 * @acl: a validated ACL
 *
 * Return: the number of ACEs before the first one that is not a Unix ACE
 * (winsec_unix_ace()), or the ACE count.
 */
u16 winsec_acl_unix_aces(const struct winsec_acl *acl)
{
	const struct winsec_ace_header *ace;
	unsigned int i;

	winsec_acl_for_each(acl, ace, i)
		if (!winsec_unix_ace(ace))
			break;
	return i;
}

/**
 * winsec_sd_label_info() - the mandatory label of a descriptor
 * @sd: a valid view
 * @level: set to the label's integrity level RID
 * @policy: set to the label's policy (WINSEC_LABEL_* bits)
 *
 * The label is the first SYSTEM_MANDATORY_LABEL ACE of the SACL. When there
 * is none, or when that first one is inherit-only, the object is Medium
 * with NO_WRITE_UP.
 *
 * A view from winsec_sd_parse() already knows its label (@sd->facts).
 *
 * Return: true when an effective label ACE was found.
 */
bool winsec_sd_label_info(const struct winsec_sd *sd, u32 *level, u32 *policy)
{
	const struct winsec_ace_header *ace;
	unsigned int i;

	if (sd->facts & WINSEC_SD_FACTS_KNOWN) {
		*level = sd->label_level;
		*policy = sd->label_policy;
		return sd->facts & WINSEC_SD_LABEL_EXPLICIT;
	}
	*level = WINSEC_LEVEL_MEDIUM;
	*policy = WINSEC_LABEL_NO_WRITE_UP;
	if (!sd->sacl)
		return false;
	winsec_acl_for_each(sd->sacl, ace, i) {
		const struct winsec_sid *sid;
		u32 rid;

		if (ace->type != WINSEC_ACE_SYSTEM_MANDATORY_LABEL)
			continue;
		if (ace->flags & WINSEC_ACE_INHERIT_ONLY)
			return false;
		sid = (const void *)((const u8 *)ace + WINSEC_ACE_HEADER_SIZE + 4);
		/* check_label() guarantees an S-1-16-<rid> SID here. */
		if (!winsec_sid_get_level(sid, &rid))
			return false;
		*level = rid;
		*policy = get_unaligned_le32((const u8 *)ace +
					     WINSEC_ACE_HEADER_SIZE) &
			  WINSEC_LABEL_VALID_MASK;
		return true;
	}
	return false;
}

/**
 * winsec_acl_owner_rights() - whether a DACL names OWNER RIGHTS
 * @dacl: a validated ACL
 * @skip: how many ACEs at its start are known to be Unix ACEs
 *	  (winsec_acl_unix_aces()), which name no OWNER RIGHTS
 *
 * Counts every ACE that is not inherit-only, of any type: an ACE that does
 * not apply still says what the owner's rights are.
 *
 * Return: true when such an ACE names S-1-3-4.
 */
bool winsec_acl_owner_rights(const struct winsec_acl *dacl, unsigned int skip)
{
	const struct winsec_ace_header *ace;
	unsigned int i, count = winsec_acl_count(dacl);

	ace = (const void *)((const u8 *)winsec_acl_first(dacl) +
			     skip * WINSEC_UNIX_ACE_SIZE);
	for (i = skip; i < count; i++, ace = winsec_ace_next(ace)) {
		if (ace->flags & WINSEC_ACE_INHERIT_ONLY)
			continue;
		if (winsec_sid_is_owner_rights(winsec_ace_trustee(ace)))
			return true;
	}
	return false;
}

/**
 * winsec_sd_learn() - note in a view what every access check reads
 * @sd: a view that winsec_sd_parse() has just validated
 *
 * Its mandatory label (winsec_sd_label_info()) and whether an effective
 * ACE of its DACL names OWNER RIGHTS: a check then reads @sd->facts
 * instead of walking the SACL and the DACL for them.
 */
void winsec_sd_learn(struct winsec_sd *sd)
{
	u32 level, policy;
	u8 facts = WINSEC_SD_FACTS_KNOWN;

	sd->facts = 0;
	if (winsec_sd_label_info(sd, &level, &policy))
		facts |= WINSEC_SD_LABEL_EXPLICIT;
	if (sd->dacl && winsec_acl_owner_rights(sd->dacl, sd->unix_aces))
		facts |= WINSEC_SD_OWNER_RIGHTS;
	sd->label_level = level;
	sd->label_policy = policy;
	sd->facts = facts;
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
