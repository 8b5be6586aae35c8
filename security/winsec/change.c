// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - replacing a descriptor
 *
 * Windows asks for a right on the current descriptor for each part a
 * caller writes (MS-DTYP 2.4.6, SECURITY_INFORMATION): WRITE_DAC for the
 * DACL, WRITE_OWNER for the owner, the group and the mandatory label,
 * ACCESS_SYSTEM_SECURITY for the rest of the SACL. A whole descriptor is
 * written here at once, so the parts are compared and only those that
 * differ are asked for; writing the same descriptor again asks WRITE_DAC.
 * Then the new values themselves need privileges: a label above the
 * caller's level SeRelabelPrivilege, audit ACEs SeSecurityPrivilege, an
 * owner other than the caller SeRestorePrivilege.
 *
 * Part of the shared core: no allocation, no sleeping.
 */

#include <linux/errno.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/unaligned.h>

#include "change.h"
#include "label.h"

#define DACL_CONTROL (WINSEC_SE_DACL_PRESENT | WINSEC_SE_DACL_PROTECTED | \
		      WINSEC_SE_DACL_AUTO_INHERITED | \
		      WINSEC_SE_DACL_AUTO_INHERIT_REQ | \
		      WINSEC_SE_DACL_DEFAULTED | WINSEC_SE_DACL_TRUSTED)

#define SACL_CONTROL (WINSEC_SE_SACL_PRESENT | WINSEC_SE_SACL_PROTECTED | \
		      WINSEC_SE_SACL_AUTO_INHERITED | \
		      WINSEC_SE_SACL_AUTO_INHERIT_REQ)

/* An object without a descriptor: no owner, group, DACL or SACL. */
static const struct winsec_sd no_descriptor = {
	.control = WINSEC_SE_SELF_RELATIVE,
};

/**
 * winsec_sd_has_audit() - whether a SACL holds more than labels
 * @sd: a valid view
 *
 * Return: true when the SACL holds an ACE other than a mandatory label
 * (audit, alarm, resource attribute, scoped policy).
 */
bool winsec_sd_has_audit(const struct winsec_sd *sd)
{
	const struct winsec_ace_header *hdr;
	unsigned int i;

	if (!sd->sacl)
		return false;
	winsec_acl_for_each(sd->sacl, hdr, i)
		if (hdr->type != WINSEC_ACE_SYSTEM_MANDATORY_LABEL)
			return true;
	return false;
}

static bool dacl_equal(const struct winsec_sd *a, const struct winsec_sd *b)
{
	struct winsec_sd x = {
		.control = (a->control & DACL_CONTROL) | WINSEC_SE_SELF_RELATIVE,
		.dacl = a->dacl,
	};
	struct winsec_sd y = {
		.control = (b->control & DACL_CONTROL) | WINSEC_SE_SELF_RELATIVE,
		.dacl = b->dacl,
	};

	return winsec_sd_equal(&x, &y);
}

static bool is_label(const struct winsec_ace_header *ace)
{
	return ace->type == WINSEC_ACE_SYSTEM_MANDATORY_LABEL;
}

/* The next SACL entry from @i on that is (@labels) or is not a label. */
static const struct winsec_ace_header *
next_of_kind(const struct winsec_acl *acl, const struct winsec_ace_header *ace,
	     unsigned int *i, bool labels)
{
	unsigned int n = acl ? winsec_acl_count(acl) : 0;

	for (; *i < n; (*i)++, ace = winsec_ace_next(ace))
		if (is_label(ace) == labels)
			return ace;
	return NULL;
}

/* Whether the SACL entries of one kind (labels, or the others) agree. */
static bool sacl_part_equal(const struct winsec_sd *a,
			    const struct winsec_sd *b, bool labels)
{
	const struct winsec_ace_header *x, *y;
	unsigned int i = 0, j = 0;

	x = a->sacl ? winsec_acl_first(a->sacl) : NULL;
	y = b->sacl ? winsec_acl_first(b->sacl) : NULL;
	for (;;) {
		x = next_of_kind(a->sacl, x, &i, labels);
		y = next_of_kind(b->sacl, y, &j, labels);
		if (!x || !y)
			return x == y;
		if (x->size != y->size ||
		    memcmp(x, y, get_unaligned_le16(&x->size)))
			return false;
		x = winsec_ace_next(x);
		y = winsec_ace_next(y);
		i++;
		j++;
	}
}

static bool sid_differs(const struct winsec_sid *a, const struct winsec_sid *b,
			const struct winsec_sid *unix_sid)
{
	return !winsec_sid_equal(a ? a : unix_sid, b ? b : unix_sid);
}

/**
 * winsec_change_describe() - what replacing a descriptor changes
 * @old: the current descriptor, or NULL for an object without one
 * @new: the new descriptor, or NULL when it is removed
 * @owner: the object's Unix owner, S-1-22-1-<uid>, which a descriptor
 *	   without an owner stands for
 * @group: the object's Unix group, S-1-22-2-<gid>, likewise
 * @c: set to the rights the change needs and the parts it touches
 */
void winsec_change_describe(const struct winsec_sd *old,
			    const struct winsec_sd *new,
			    const struct winsec_sid *owner,
			    const struct winsec_sid *group,
			    struct winsec_change *c)
{
	const struct winsec_sd *o = old ? old : &no_descriptor;
	const struct winsec_sd *n = new ? new : &no_descriptor;

	c->desired = 0;
	c->flags = new ? 0 : WINSEC_CHANGE_REMOVE;
	if (!dacl_equal(o, n))
		c->desired |= WINSEC_WRITE_DAC;
	if (sid_differs(o->owner, n->owner, owner)) {
		c->desired |= WINSEC_WRITE_OWNER;
		c->flags |= WINSEC_CHANGE_OWNER;
	}
	if (sid_differs(o->group, n->group, group))
		c->desired |= WINSEC_WRITE_OWNER;
	if (!sacl_part_equal(o, n, true) ||
	    (o->control & SACL_CONTROL) != (n->control & SACL_CONTROL)) {
		c->desired |= WINSEC_WRITE_OWNER;
		c->flags |= WINSEC_CHANGE_LABEL;
	}
	if (!sacl_part_equal(o, n, false))
		c->desired |= WINSEC_ACCESS_SYSTEM_SECURITY;
	/* Removing the descriptor takes every part away. */
	if (!new)
		c->desired |= WINSEC_WRITE_DAC | WINSEC_WRITE_OWNER;
	/* Writing the same value again still writes the descriptor. */
	if (!c->desired)
		c->desired = WINSEC_WRITE_DAC;
}

/**
 * winsec_change_permitted() - whether a token may put new values in place
 * @tok: the caller's token
 * @new: the new descriptor, or NULL when it is removed
 * @implicit_level: the level the object has without a descriptor
 *		    (winsec_implicit_level())
 * @c: the change, from winsec_change_describe(); for a creator descriptor,
 *     %WINSEC_CHANGE_CREATOR | %WINSEC_CHANGE_LABEL | %WINSEC_CHANGE_OWNER
 *
 * The rights of @c->desired on the current descriptor are checked by the
 * access check; this is the rest. Without SeRelabelPrivilege, a changed
 * label may not be above the caller's level: neither any label ACE of the
 * new descriptor nor, for a stored descriptor, the Medium label a
 * descriptor without one gives (a creator descriptor is exempt: its
 * objects get the creator's level when it is lower); removing the
 * descriptor may not leave an implicit level above the caller's. Audit
 * ACEs need SeSecurityPrivilege; a changed owner must be one the caller
 * may name (winsec_token_may_own()) unless it holds SeRestorePrivilege.
 *
 * Return: 0, or -EPERM.
 */
int winsec_change_permitted(const struct winsec_token *tok,
			    const struct winsec_sd *new, u32 implicit_level,
			    const struct winsec_change *c)
{
	bool relabel = tok->privileges & WINSEC_PRIV_RELABEL;
	u32 level, policy;

	if (!new)
		return tok->level < implicit_level && !relabel ? -EPERM : 0;
	level = winsec_sd_max_label(new);
	if (!(c->flags & WINSEC_CHANGE_CREATOR)) {
		u32 effective;

		winsec_sd_label_info(new, &effective, &policy);
		if (effective > level)
			level = effective;
	}
	if ((c->flags & WINSEC_CHANGE_LABEL) && level > tok->level && !relabel)
		return -EPERM;
	if (winsec_sd_has_audit(new) &&
	    !(tok->privileges & WINSEC_PRIV_SECURITY))
		return -EPERM;
	if ((c->flags & WINSEC_CHANGE_OWNER) && new->owner &&
	    !(tok->privileges & WINSEC_PRIV_RESTORE) &&
	    !winsec_token_may_own(tok, new->owner))
		return -EPERM;
	return 0;
}
