// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - audit ACEs (MS-DTYP 2.4.4.10, 2.4.4.12, 2.4.4.19, 2.4.4.20)
 *
 * An audit ACE of the SACL asks for a record when an access by one of its
 * trustees uses one of its rights: with SUCCESSFUL_ACCESS when the access
 * is granted, with FAILED_ACCESS when it is denied. Inherit-only ACEs do
 * not apply to the object itself. An object audit ACE applies only when it
 * names no object type (Linux has no object type list); a callback audit
 * ACE only when its condition is TRUE.
 *
 * Part of the shared core: no allocation, no sleeping.
 */

#include <linux/bits.h>
#include <linux/types.h>

#include "condition.h"
#include "sacl.h"

#define AUDIT_ACE_TYPES (BIT(WINSEC_ACE_SYSTEM_AUDIT) |			\
			 BIT(WINSEC_ACE_SYSTEM_AUDIT_OBJECT) |		\
			 BIT(WINSEC_ACE_SYSTEM_AUDIT_CALLBACK) |	\
			 BIT(WINSEC_ACE_SYSTEM_AUDIT_CALLBACK_OBJECT))

#define CALLBACK_AUDIT_TYPES (BIT(WINSEC_ACE_SYSTEM_AUDIT_CALLBACK) |	\
			      BIT(WINSEC_ACE_SYSTEM_AUDIT_CALLBACK_OBJECT))

static bool is_audit_ace(u8 type)
{
	return type < 32 && (AUDIT_ACE_TYPES & BIT(type));
}

/**
 * winsec_sd_has_audit_aces() - whether a SACL holds an audit ACE
 * @sd: a valid view
 *
 * Return: true when an access to the object may have to be recorded.
 */
bool winsec_sd_has_audit_aces(const struct winsec_sd *sd)
{
	const struct winsec_ace_header *hdr;
	unsigned int i;

	if (!sd->sacl)
		return false;
	winsec_acl_for_each(sd->sacl, hdr, i)
		if (is_audit_ace(hdr->type))
			return true;
	return false;
}

/* Whether the audit ACE @hdr asks for a record of this access. */
static bool applies(const struct winsec_ace_header *hdr,
		    const struct winsec_sd *sd, const struct winsec_token *tok,
		    const struct winsec_generic_mapping *map, u32 rights,
		    u32 outcome)
{
	u8 want = outcome & WINSEC_AUDIT_SUCCESS ? WINSEC_ACE_SUCCESSFUL_ACCESS :
						    WINSEC_ACE_FAILED_ACCESS;
	struct winsec_ace ace;

	if (!is_audit_ace(hdr->type) || !(hdr->flags & want) ||
	    (hdr->flags & WINSEC_ACE_INHERIT_ONLY))
		return false;
	winsec_ace_decode(hdr, &ace);
	if (!(winsec_map_generic(ace.mask, map) & rights) || ace.object_type)
		return false;
	if (!winsec_token_has_sid(tok, ace.sid))
		return false;
	return !(CALLBACK_AUDIT_TYPES & BIT(hdr->type)) ||
	       winsec_ace_condition(hdr, tok, sd->sacl) == WINSEC_COND_TRUE;
}

/**
 * winsec_audit_ace() - the audit ACE that asks for a record of an access
 * @sd: the object's descriptor, a valid view
 * @tok: the subject
 * @map: the object type's generic mapping
 * @rights: the rights the access used: those granted on success, those
 *	    requested on failure (generic rights already mapped)
 * @outcome: %WINSEC_AUDIT_SUCCESS or %WINSEC_AUDIT_FAILURE
 *
 * Return: the index in the SACL of the first audit ACE that applies, or
 * -1 when none does.
 */
int winsec_audit_ace(const struct winsec_sd *sd,
		     const struct winsec_token *tok,
		     const struct winsec_generic_mapping *map, u32 rights,
		     u32 outcome)
{
	const struct winsec_ace_header *hdr;
	unsigned int i;

	if (!sd->sacl || !rights)
		return -1;
	winsec_acl_for_each(sd->sacl, hdr, i)
		if (applies(hdr, sd, tok, map, rights, outcome))
			return i;
	return -1;
}
