/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - tokens and the access check
 *
 * Part of the shared core: compiled into the kernel and, through the
 * compatibility headers of tools/lib/winsec, into userspace.
 */

#ifndef _SECURITY_WINSEC_ACCESS_H
#define _SECURITY_WINSEC_ACCESS_H

#include <linux/types.h>
#include <uapi/linux/winsec.h>

#include "sd.h"
#include "sid.h"
#include "token.h"

/**
 * struct winsec_generic_mapping - GENERIC_* rights of an object type
 * @read: what GENERIC_READ means
 * @write: what GENERIC_WRITE means
 * @execute: what GENERIC_EXECUTE means
 * @all: what GENERIC_ALL means
 */
struct winsec_generic_mapping {
	u32 read;
	u32 write;
	u32 execute;
	u32 all;
};

extern const struct winsec_generic_mapping winsec_file_mapping;
extern const struct winsec_generic_mapping winsec_dir_mapping;
extern const struct winsec_generic_mapping winsec_ipc_mapping;
extern const struct winsec_generic_mapping winsec_task_mapping;

/**
 * enum winsec_reason - what decided an access check
 * @WINSEC_REASON_GRANTED: every requested right was granted
 * @WINSEC_REASON_LABEL: the mandatory label refused a requested right (or,
 *	with MAXIMUM_ALLOWED, removed everything the DACL granted)
 * @WINSEC_REASON_PRIVILEGE: ACCESS_SYSTEM_SECURITY without SeSecurityPrivilege
 * @WINSEC_REASON_DENY_ACE: a deny ACE refused a requested right
 * @WINSEC_REASON_NOT_GRANTED: the DACL did not grant every requested right
 * @WINSEC_REASON_NOTHING_GRANTED: MAXIMUM_ALLOWED found nothing to grant
 */
enum winsec_reason {
	WINSEC_REASON_GRANTED,
	WINSEC_REASON_LABEL,
	WINSEC_REASON_PRIVILEGE,
	WINSEC_REASON_DENY_ACE,
	WINSEC_REASON_NOT_GRANTED,
	WINSEC_REASON_NOTHING_GRANTED,
};

/* Where the DACL stood (&struct winsec_decision.dacl). */
#define WINSEC_DACL_ABSENT	0	/* no DACL: everything granted */
#define WINSEC_DACL_NULL	1	/* NULL DACL: everything granted */
#define WINSEC_DACL_ACL		2	/* an ACL was walked */

/**
 * winsec_dacl_state() - where the DACL of a descriptor stands
 * @sd: a valid view
 *
 * Return: the WINSEC_DACL_* value of a decision on @sd.
 */
static inline u8 winsec_dacl_state(const struct winsec_sd *sd)
{
	if (!winsec_sd_has_dacl(sd))
		return WINSEC_DACL_ABSENT;
	return sd->dacl ? WINSEC_DACL_ACL : WINSEC_DACL_NULL;
}

/**
 * struct winsec_decision - outcome of an access check
 * @granted: the rights granted (0 when denied)
 * @desired: the request after generic mapping (MAXIMUM_ALLOWED kept)
 * @missing: requested rights that were not granted (0 when granted); for a
 *	     denial by a deny ACE, the requested rights that ACE holds
 * @reason: what decided it
 * @ace_index: index in the DACL of the deciding ACE, or -1: the deny ACE
 *	       that refused the request, or the ACE after which every
 *	       requested right was granted; -1 when the label, a privilege,
 *	       ownership or the absence of a DACL decided, and always with
 *	       MAXIMUM_ALLOWED (every ACE is then considered)
 * @label_level: the object's integrity level RID (Medium when unlabeled)
 * @label_policy: the object's label policy (NW/NR/NX bits)
 * @label_explicit: whether the descriptor holds an effective label ACE
 * @mic_allowed: the rights the label leaves to this token (all bits set when
 *		 the label restricts nothing)
 * @privileges: with %WINSEC_REASON_PRIVILEGE the privilege that is missing,
 *		otherwise the privileges that granted a right
 * @dacl: WINSEC_DACL_* state of the DACL
 */
struct winsec_decision {
	u32 granted;
	u32 desired;
	u32 missing;
	enum winsec_reason reason;
	int ace_index;
	u32 label_level;
	u32 label_policy;
	bool label_explicit;
	u32 mic_allowed;
	u32 privileges;
	u8 dacl;
};

/*
 * How callers describe objects to winsec_access_check():
 *
 *  - A labelled object: the view from winsec_sd_parse(). When the
 *    descriptor has no owner, the Unix owner S-1-22-1-<uid> stands in:
 *    the caller passes it to winsec_access_check_owner(), or points the
 *    view's @owner at it. The group of a descriptor takes no part in the
 *    check.
 *  - An unlabeled object (no security.winsec): a view with no DACL (control
 *    without %WINSEC_SE_DACL_PRESENT) and no SACL, or the SACL of its
 *    implicit label (winsec_implicit_sd()). The DACL then grants
 *    everything and the label still applies, so only MIC restricts it;
 *    the owner takes no part.
 *
 * The check never allocates, never sleeps and never recurses; it walks the
 * DACL at most twice (once to look for OWNER RIGHTS when the token owns
 * the object, once to decide), so its cost is linear in the ACE count.
 * For a token made from Unix credentials it builds, once per check, a
 * filter of the token's Unix ids (O(ngroups)); Unix ACEs whose trustee
 * the filter refuses are stepped over at a few instructions each.
 */
u32 winsec_map_generic(u32 mask, const struct winsec_generic_mapping *map);
int winsec_access_check_owner(const struct winsec_sd *sd,
			      const struct winsec_sid *owner,
			      const struct winsec_token *tok,
			      const struct winsec_generic_mapping *map,
			      u32 desired, struct winsec_decision *dec);

/**
 * winsec_access_check() - the Windows access check with integrity control
 * @sd: the object's descriptor, a valid view
 * @tok: the subject
 * @map: the object type's generic mapping
 * @desired: the rights asked for (see winsec_access_check_owner())
 * @dec: filled with the outcome and what decided it
 *
 * winsec_access_check_owner() with the descriptor's own owner.
 *
 * Return: 0 if granted, -EACCES if denied.
 */
static inline int winsec_access_check(const struct winsec_sd *sd,
				      const struct winsec_token *tok,
				      const struct winsec_generic_mapping *map,
				      u32 desired, struct winsec_decision *dec)
{
	return winsec_access_check_owner(sd, sd->owner, tok, map, desired, dec);
}

#endif /* _SECURITY_WINSEC_ACCESS_H */
