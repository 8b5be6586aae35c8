// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - helpers on top of the shared core that only userspace needs
 * (the tool and the tests), kept out of the kernel
 */

#include "sddl.h"

/**
 * winsec_acl_build_add_raw() - append a copy of a validated ACE
 * @b: the builder
 * @ace: an ACE of a validated ACL
 *
 * The ACE is decoded and written back field by field, which gives the
 * same bytes for any ACE the validator accepts.
 */
void winsec_acl_build_add_raw(struct winsec_acl_builder *b,
			      const struct winsec_ace_header *ace)
{
	struct winsec_ace fields;

	winsec_ace_decode(ace, &fields);
	winsec_acl_build_add_ace(b, &fields);
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
 * winsec_level_title() - the title of an integrity level
 * @rid: a level RID
 *
 * Return: the title as Windows writes it ("Low", "Medium Plus", ...), or
 * NULL for a RID without a name.
 */
const char *winsec_level_title(u32 rid)
{
	switch (rid) {
	case WINSEC_LEVEL_UNTRUSTED:
		return "Untrusted";
	case WINSEC_LEVEL_LOW:
		return "Low";
	case WINSEC_LEVEL_MEDIUM:
		return "Medium";
	case WINSEC_LEVEL_MEDIUM_PLUS:
		return "Medium Plus";
	case WINSEC_LEVEL_HIGH:
		return "High";
	case WINSEC_LEVEL_SYSTEM:
		return "System";
	}
	return NULL;
}
