// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - tokens and the access check
 *
 * The Windows access check (MS-DTYP 2.5.3.2) with Mandatory Integrity
 * Control (MS-DTYP 2.5.3.3) in front of it. Part of the shared core:
 * compiled into the kernel and, through the compatibility headers of
 * tools/lib/winsec, into userspace, so that the kernel and the winsec tool
 * give the same answer for the same descriptor and token.
 *
 * Decisions where Windows, MS-DTYP and Samba disagree or are silent (see
 * Documentation/security/winsec.rst):
 *  - generic bits are mapped in the request and in every ACE mask;
 *  - MAXIMUM_ALLOWED is order sensitive like the normal walk (a deny ACE
 *    removes only rights no earlier allow ACE granted), and a check that
 *    grants nothing is a denial;
 *  - SeTakeOwnershipPrivilege grants WRITE_OWNER only when it is asked for
 *    explicitly, MAXIMUM_ALLOWED alone does not add it;
 *  - an inherit-only OWNER RIGHTS ACE does not take the owner's implicit
 *    rights away;
 *  - object ACEs: there is no object type list on Linux, so an
 *    object allow ACE never grants and an object deny ACE denies like a
 *    plain deny ACE;
 *  - callback (conditional) ACEs: the condition is evaluated by
 *    winsec_ace_condition() (condition.c) when the ACE's SID matches and
 *    its rights matter; a callback allow ACE grants only when it is TRUE,
 *    a callback deny ACE denies when it is TRUE or UNKNOWN (MS-DTYP
 *    2.4.4.17.3), in both walks. UNKNOWN comes from a malformed condition,
 *    an absent attribute (every @User., @Device. and local attribute on
 *    Linux, which has no claims), a device group test, or a type mismatch.
 *    A callback object allow ACE never grants, like an object allow ACE.
 */

#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/types.h>
#include <linux/unaligned.h>

#include "access.h"
#include "match.h"
#include "label.h"
#include "condition.h"

/* Generic mappings of the four object types. */

/*
 * winsec_file_mapping - generic rights of files (and FIFOs, sockets)
 *
 * The Windows file mapping: FILE_GENERIC_READ, FILE_GENERIC_WRITE,
 * FILE_GENERIC_EXECUTE and FILE_ALL_ACCESS.
 */
const struct winsec_generic_mapping winsec_file_mapping = {
	.read = WINSEC_FILE_GENERIC_READ,
	.write = WINSEC_FILE_GENERIC_WRITE,
	.execute = WINSEC_FILE_GENERIC_EXECUTE,
	.all = WINSEC_FILE_ALL_ACCESS,
};

/*
 * winsec_dir_mapping - generic rights of directories
 *
 * Windows uses the file mapping for directories too (the bits carry the
 * directory names: LIST_DIRECTORY, ADD_FILE, ADD_SUBDIRECTORY, TRAVERSE,
 * DELETE_CHILD).
 */
const struct winsec_generic_mapping winsec_dir_mapping = {
	.read = WINSEC_FILE_GENERIC_READ,
	.write = WINSEC_FILE_GENERIC_WRITE,
	.execute = WINSEC_FILE_GENERIC_EXECUTE,
	.all = WINSEC_FILE_ALL_ACCESS,
};

/*
 * winsec_ipc_mapping - generic rights of SysV and POSIX IPC objects
 */
const struct winsec_generic_mapping winsec_ipc_mapping = {
	.read = WINSEC_IPC_GENERIC_READ,
	.write = WINSEC_IPC_GENERIC_WRITE,
	.execute = WINSEC_IPC_GENERIC_EXECUTE,
	.all = WINSEC_IPC_ALL_ACCESS,
};

/*
 * winsec_task_mapping - generic rights of tasks
 */
const struct winsec_generic_mapping winsec_task_mapping = {
	.read = WINSEC_TASK_GENERIC_READ,
	.write = WINSEC_TASK_GENERIC_WRITE,
	.execute = WINSEC_TASK_GENERIC_EXECUTE,
	.all = WINSEC_TASK_ALL_ACCESS,
};

/**
 * winsec_map_generic() - replace the GENERIC_* bits of a mask
 * @mask: an access mask
 * @map: the object type's generic mapping
 *
 * Return: @mask without its GENERIC_* bits, plus what they stand for.
 */
u32 winsec_map_generic(u32 mask, const struct winsec_generic_mapping *map)
{
	u32 out = mask & ~WINSEC_GENERIC_MASK;

	if (mask & WINSEC_GENERIC_READ)
		out |= map->read;
	if (mask & WINSEC_GENERIC_WRITE)
		out |= map->write;
	if (mask & WINSEC_GENERIC_EXECUTE)
		out |= map->execute;
	if (mask & WINSEC_GENERIC_ALL)
		out |= map->all;
	return out;
}

static inline u32 map_mask(u32 mask, const struct winsec_generic_mapping *map)
{
	if (likely(!(mask & WINSEC_GENERIC_MASK)))
		return mask;
	return winsec_map_generic(mask, map);
}

/*
 * ACE types that act on access: the plain and callback allow (the object
 * allow types never grant without an object type list), and every deny
 * (an object deny denies like a plain one). Callback ACEs, types 9 and
 * above in a DACL, apply according to their condition.
 */
#define DENY_ACE_TYPES (BIT(WINSEC_ACE_ACCESS_DENIED) |			\
			BIT(WINSEC_ACE_ACCESS_DENIED_OBJECT) |		\
			BIT(WINSEC_ACE_ACCESS_DENIED_CALLBACK) |	\
			BIT(WINSEC_ACE_ACCESS_DENIED_CALLBACK_OBJECT))
#define ACTIVE_ACE_TYPES (BIT(WINSEC_ACE_ACCESS_ALLOWED) |		\
			  BIT(WINSEC_ACE_ACCESS_ALLOWED_CALLBACK) |	\
			  DENY_ACE_TYPES)

static inline bool ace_type_active(u8 type)
{
	return type < 32 && (ACTIVE_ACE_TYPES & BIT(type));
}

static inline bool ace_type_deny(u8 type)
{
	return DENY_ACE_TYPES & BIT(type);
}

/* Whether a DACL ACE of an active type is a callback ACE. */
static __always_inline bool ace_type_callback(u8 type)
{
	return unlikely(type >= WINSEC_ACE_ACCESS_ALLOWED_CALLBACK);
}

/*
 * Whether a callback ACE whose SID matched applies: an allow ACE when its
 * condition is TRUE, a deny ACE unless it is FALSE.
 */
static noinline bool callback_applies(const struct winsec_ace_header *ace,
				      const struct winsec_token *tok,
				      const struct winsec_acl *sacl)
{
	int v = winsec_ace_condition(ace, tok, sacl);

	if (ace_type_deny(ace->type))
		return v != WINSEC_COND_FALSE;
	return v == WINSEC_COND_TRUE;
}

/* The general case of ace_matches(), kept out of line. */
static noinline bool ace_sid_matches(const struct winsec_sid *sid,
				     struct matcher *m, bool is_owner)
{
	if (is_owner && winsec_sid_is_owner_rights(sid))
		return true;
	return token_has_sid(m->tok, sid, m);
}

/*
 * The trustee of an ACE the walk acts on, or NULL for one it skips
 * (inherit-only, or of a type that neither allows nor denies). A plain
 * allow or deny ACE, the usual kind, costs one test of its first two bytes
 * (type, then flags).
 */
static __always_inline const struct winsec_sid *
active_ace_sid(const struct winsec_ace_header *ace)
{
	u16 type_flags = get_unaligned_le16(ace);

	/* Type ACCESS_ALLOWED (0) or ACCESS_DENIED (1), not inherit-only. */
	if (likely(!(type_flags & (0xfe | WINSEC_ACE_INHERIT_ONLY << 8))))
		return (const void *)((const u8 *)ace +
				      WINSEC_ACE_HEADER_SIZE + 4);
	if ((ace->flags & WINSEC_ACE_INHERIT_ONLY) ||
	    !ace_type_active(ace->type))
		return NULL;
	return winsec_ace_trustee(ace);
}

/* Whether every SID of the token comes from its Unix credentials. */
static inline bool token_unix_only(const struct winsec_token *tok)
{
	return (tok->flags & WINSEC_TOKEN_UNIX) && !tok->nsids;
}

/*
 * Whether the trustee of an ACE stands for the token (OWNER RIGHTS stands
 * for the owner). Most trustees on Linux are Unix users and groups, tested
 * here without a call when @unix_only (the token takes Unix SIDs from its
 * credentials and has no other SIDs): both sub-authorities are read at
 * once and compared with the token's uid, gid and groups. Everything else
 * goes to ace_sid_matches().
 */
static __always_inline bool ace_matches(const struct winsec_sid *sid,
					struct matcher *m, bool unix_only,
					bool is_owner)
{
	if (!unix_only ||
	    winsec_sid_head(sid) != WINSEC_UNIX_SID_HEAD)
		return ace_sid_matches(sid, m, is_owner);
	return unix_rids_held(m, get_unaligned_le64(&sid->sub_auth[0]));
}

/* The Unix ACEs at the start of @sd's DACL known from parsing. */
static inline unsigned int known_unix_aces(const struct winsec_sd *sd)
{
	return sd->unix_dacl == sd->dacl ? sd->unix_aces : 0;
}

/* Whether an effective ACE of @sd's DACL names OWNER RIGHTS. */
static inline bool sd_owner_rights(const struct winsec_sd *sd)
{
	if (likely(sd->facts & WINSEC_SD_FACTS_KNOWN))
		return sd->facts & WINSEC_SD_OWNER_RIGHTS;
	return winsec_acl_owner_rights(sd->dacl, known_unix_aces(sd));
}

static inline u32 ace_mask(const struct winsec_ace_header *ace)
{
	return get_unaligned_le32((const u8 *)ace + WINSEC_ACE_HEADER_SIZE);
}

/* MAXIMUM_ALLOWED: everything the DACL grants, in order. */
static u32 dacl_max_allowed(const struct winsec_sd *sd, struct matcher *m,
			    const struct winsec_generic_mapping *map,
			    bool is_owner, u32 granted)
{
	const struct winsec_acl *dacl = sd->dacl, *sacl = sd->sacl;
	unsigned int run = known_unix_aces(sd);
	const struct winsec_ace_header *ace = winsec_acl_first(dacl);
	unsigned int i, count = winsec_acl_count(dacl);
	bool unix_only = token_unix_only(m->tok);
	u32 allowed = granted, denied = 0;

	for (i = 0; i < count; i++, ace = winsec_ace_next(ace)) {
		const struct winsec_sid *sid;

		if (unix_only && (i < run || winsec_unix_ace(ace))) {
			/* The first Unix ACE met builds the filter. */
			if (unlikely(!m->built))
				matcher_build(m);
			i = skip_unix_aces(&ace, i, count, run, ~0u, m->ids);
			if (i == count)
				break;
		}
		sid = active_ace_sid(ace);
		if (!sid || !ace_matches(sid, m, unix_only, is_owner))
			continue;
		if (ace_type_callback(ace->type) &&
		    !callback_applies(ace, m->tok, sacl))
			continue;
		if (ace_type_deny(ace->type))
			denied |= map_mask(ace_mask(ace), map) & ~allowed;
		else
			allowed |= map_mask(ace_mask(ace), map) & ~denied;
	}
	return allowed;
}

/* Whether the token holds the owner SID of the object. */
static __always_inline bool owner_held(const struct winsec_sid *owner,
				       struct matcher *m, bool unix_only)
{
	if (unix_only &&
	    winsec_sid_head(owner) == WINSEC_UNIX_SID_HEAD)
		return unix_rids_held(m, get_unaligned_le64(&owner->sub_auth[0]));
	return token_has_sid(m->tok, owner, m);
}

static int deny(struct winsec_decision *dec, enum winsec_reason reason,
		u32 missing, int index)
{
	dec->granted = 0;
	dec->missing = missing;
	dec->reason = reason;
	dec->ace_index = index;
	return -EACCES;
}

/**
 * winsec_access_check_owner() - the Windows access check with integrity
 *	control, with the owner given apart
 * @sd: the object's descriptor, a valid view (see the header for unlabeled
 *	objects and descriptors without an owner)
 * @owner: the object's owner: @sd->owner, or when it is NULL the SID
 *	   that stands for it (the Unix owner), or NULL; @sd->owner itself
 *	   is not read
 * @tok: the subject
 * @map: the object type's generic mapping
 * @desired: the rights asked for; GENERIC_* bits are mapped through @map,
 *	     MAXIMUM_ALLOWED asks for everything that can be granted
 * @dec: filled with the outcome and what decided it
 *
 * In order: the mandatory label (a request outside what the label leaves
 * to the token is denied before the DACL is read); privileges
 * (ACCESS_SYSTEM_SECURITY needs SeSecurityPrivilege, SeTakeOwnership grants
 * WRITE_OWNER); the owner's implicit READ_CONTROL and WRITE_DAC unless the
 * DACL holds an OWNER RIGHTS ACE; then the DACL in stored order, skipping
 * inherit-only ACEs, with ACE masks mapped through @map: an allow ACE of
 * the token grants its rights, a deny ACE of the token denies the request
 * when it holds a right not yet granted, and the walk stops once every
 * right is granted; a callback ACE of the token takes part only when its
 * condition allows (TRUE for an allow ACE, TRUE or UNKNOWN for a deny ACE),
 * @Resource. attributes coming from @sd's SACL. A missing or NULL DACL
 * grants everything; an empty one nothing. With MAXIMUM_ALLOWED every ACE
 * is walked under the same order rule, the result is limited by the label,
 * and an empty result is a denial.
 *
 * No allocation, no sleeping, no recursion; linear in the number of ACEs
 * (plus the cost of the conditions of callback ACEs, each bounded by the
 * limits of condition.h).
 *
 * Return: 0 if granted (@dec->granted holds the rights), -EACCES if denied.
 */
int winsec_access_check_owner(const struct winsec_sd *sd,
			      const struct winsec_sid *owner,
			      const struct winsec_token *tok,
			      const struct winsec_generic_mapping *map,
			      u32 desired, struct winsec_decision *dec)
{
	const struct winsec_acl *dacl = sd->dacl;
	const struct winsec_ace_header *ace;
	struct matcher m;
	u32 want, granted = 0, remaining, level, policy, mic;
	bool max, unix_only, is_owner = false;
	unsigned int i, count, run;

	want = map_mask(desired, map);
	max = want & WINSEC_MAXIMUM_ALLOWED;
	want &= ~WINSEC_MAXIMUM_ALLOWED;

	dec->desired = want | (max ? WINSEC_MAXIMUM_ALLOWED : 0);
	dec->missing = 0;
	dec->ace_index = -1;
	dec->privileges = 0;
	if (likely(!sd->sacl)) {
		/* No label: Medium, NO_WRITE_UP (winsec_sd_label_info()). */
		level = WINSEC_LEVEL_MEDIUM;
		policy = WINSEC_LABEL_NO_WRITE_UP;
		dec->label_explicit = false;
	} else if (likely(sd->facts & WINSEC_SD_FACTS_KNOWN)) {
		level = sd->label_level;
		policy = sd->label_policy;
		dec->label_explicit = sd->facts & WINSEC_SD_LABEL_EXPLICIT;
	} else {
		dec->label_explicit = winsec_sd_label_info(sd, &level, &policy);
	}
	dec->label_level = level;
	dec->label_policy = policy;
	dec->dacl = winsec_dacl_state(sd);

	/* 1. Mandatory integrity. */
	if (likely(tok->level >= level))
		mic = ~0u;	/* as winsec_mic_allowed() */
	else
		mic = winsec_mic_allowed(tok, level, policy, map);
	dec->mic_allowed = mic;
	if (want & ~mic)
		return deny(dec, WINSEC_REASON_LABEL, want & ~mic, -1);

	/* 2. Privileges. */
	if (want & WINSEC_ACCESS_SYSTEM_SECURITY) {
		if (!(tok->privileges & WINSEC_PRIV_SECURITY)) {
			dec->privileges = WINSEC_PRIV_SECURITY;
			return deny(dec, WINSEC_REASON_PRIVILEGE,
				    WINSEC_ACCESS_SYSTEM_SECURITY, -1);
		}
		granted |= WINSEC_ACCESS_SYSTEM_SECURITY;
		dec->privileges |= WINSEC_PRIV_SECURITY;
	}
	if ((want & WINSEC_WRITE_OWNER) &&
	    (tok->privileges & WINSEC_PRIV_TAKE_OWNERSHIP)) {
		granted |= WINSEC_WRITE_OWNER;
		dec->privileges |= WINSEC_PRIV_TAKE_OWNERSHIP;
	}

	/* No DACL, or a NULL DACL: everything. */
	if (!dacl) {
		dec->granted = want;
		if (max) {
			dec->granted |= granted | (map->all & mic);
			if (!dec->granted)
				return deny(dec, WINSEC_REASON_LABEL, 0, -1);
		}
		dec->reason = WINSEC_REASON_GRANTED;
		return 0;
	}

	/* 3. The owner. */
	matcher_init(&m, tok);
	unix_only = token_unix_only(tok);
	if (owner && owner_held(owner, &m, unix_only)) {
		is_owner = true;
		if (!sd_owner_rights(sd)) {
			u32 implicit = WINSEC_READ_CONTROL | WINSEC_WRITE_DAC;

			granted |= implicit;
		}
	}

	/* 4. The DACL. */
	if (max) {
		u32 all = dacl_max_allowed(sd, &m, map, is_owner, granted);
		u32 limited = all & mic;

		if (want & ~limited)
			return deny(dec, WINSEC_REASON_NOT_GRANTED,
				    want & ~limited, -1);
		if (!limited)
			return deny(dec, all ? WINSEC_REASON_LABEL :
				    WINSEC_REASON_NOTHING_GRANTED, 0, -1);
		dec->granted = limited;
		dec->reason = WINSEC_REASON_GRANTED;
		return 0;
	}

	remaining = want & ~granted;
	count = remaining ? winsec_acl_count(dacl) : 0;
	run = known_unix_aces(sd);
	ace = winsec_acl_first(dacl);
	for (i = 0; i < count; i++, ace = winsec_ace_next(ace)) {
		const struct winsec_sid *sid;
		u32 mask;

		if (unix_only && (i < run || winsec_unix_ace(ace))) {
			/* The first Unix ACE met builds the filter. */
			if (unlikely(!m.built))
				matcher_build(&m);
			i = skip_unix_aces(&ace, i, count, run, remaining,
					   m.ids);
			if (i == count)
				break;
			/* A Unix ACE the filter let through: decided here. */
			if (i < run || winsec_unix_ace(ace)) {
				mask = map_mask(ace_mask(ace), map);
				if (!(mask & remaining) ||
				    !unix_rids_held(&m, unix_ace_rids(ace)))
					continue;
				goto matched;
			}
		}
		sid = active_ace_sid(ace);
		if (!sid)
			continue;
		mask = map_mask(ace_mask(ace), map);
		if (!(mask & remaining))
			continue;
		if (!ace_matches(sid, &m, unix_only, is_owner))
			continue;
		if (ace_type_callback(ace->type) &&
		    !callback_applies(ace, tok, sd->sacl))
			continue;
matched:
		if (ace_type_deny(ace->type))
			return deny(dec, WINSEC_REASON_DENY_ACE,
				    mask & remaining, i);
		remaining &= ~mask;
		if (!remaining) {
			dec->ace_index = i;
			break;
		}
	}
	if (remaining)
		return deny(dec, WINSEC_REASON_NOT_GRANTED, remaining, -1);
	dec->granted = want;
	dec->reason = WINSEC_REASON_GRANTED;
	return 0;
}
