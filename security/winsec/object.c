// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - objects
 *
 * Every check of a file, directory, FIFO, socket, message queue, SysV IPC
 * object or task goes through winsec_object_check(): the hook describes the
 * object (&struct winsec_object) and the rights the operation needs, and
 * the access check of the shared core decides. Every replacement of a
 * descriptor, by setxattr or through the IPC interface of securityfs, goes
 * through winsec_object_may_replace(), which applies the rule of change.c.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/mnt_idmapping.h>
#include <linux/rcupdate.h>
#include <linux/string.h>
#include <linux/uidgid.h>

#include "change.h"
#include "inode.h"
#include "label.h"
#include "object.h"
#include "sacl.h"
#include "stats.h"
#include "subject.h"

/* The decision for a subject that the implicit label does not restrict. */
static void unrestricted(const struct winsec_object *obj, u32 desired,
			 struct winsec_decision *dec)
{
	memset(dec, 0, sizeof(*dec));
	dec->granted = (desired & WINSEC_MAXIMUM_ALLOWED) ? obj->map->all :
							    desired;
	dec->desired = desired;
	dec->label_level = obj->level;
	dec->label_policy = obj->policy;
	dec->mic_allowed = ~0u;
	dec->ace_index = -1;
}

static u32 token_flags(const struct winsec_object *obj)
{
	return (obj->flags & WINSEC_OBJECT_FS) ? WINSEC_CRED_FS : 0;
}

/* Unlabeled, restricted by its implicit label: no DACL, so no owner. */
static noinline int check_implicit(const struct cred *cred,
				   const struct winsec_object *obj,
				   u32 desired, struct winsec_decision *dec)
{
	struct winsec_implicit implicit;
	struct winsec_token tokbuf;
	const struct winsec_token *tok;
	struct winsec_sd sd;

	winsec_implicit_sd(&implicit, obj->level, obj->policy, &sd);
	tok = winsec_cred_token(cred, token_flags(obj), &tokbuf);
	return winsec_access_check(&sd, tok, obj->map, desired, dec) ?
	       -EACCES : 0;
}

/* The check of a labelled object; uid @owner_uid stands in for no owner. */
static noinline int check_desc(const struct winsec_object *obj,
			       u32 owner_uid, const struct winsec_token *tok,
			       u32 desired, struct winsec_decision *dec)
{
	const struct winsec_sd *sd = &obj->desc->sd;
	const struct winsec_sid *owner = sd->owner;
	struct winsec_unix_sid uowner;

	if (!owner)
		owner = winsec_unix_sid(&uowner, WINSEC_UNIX_USER_RID, owner_uid);
	return winsec_access_check_owner(sd, owner, tok, obj->map, desired,
					 dec) ? -EACCES : 0;
}

/* The MAXIMUM_ALLOWED decision that gives @tok @granted, kept before. */
static void cached_grant(const struct winsec_object *obj,
			 const struct winsec_token *tok, u32 granted,
			 struct winsec_decision *dec)
{
	const struct winsec_sd *sd = &obj->desc->sd;

	dec->desired = WINSEC_MAXIMUM_ALLOWED;
	dec->granted = granted;
	dec->missing = 0;
	dec->reason = WINSEC_REASON_GRANTED;
	dec->ace_index = -1;
	dec->privileges = 0;
	/* A descriptor object's view has its facts (winsec_sd_parse()). */
	dec->label_explicit = sd->facts & WINSEC_SD_LABEL_EXPLICIT;
	dec->label_level = sd->label_level;
	dec->label_policy = sd->label_policy;
	dec->mic_allowed = tok->level >= dec->label_level ? ~0u :
			   winsec_mic_allowed(tok, dec->label_level,
					      dec->label_policy, obj->map);
	dec->dacl = winsec_dacl_state(sd);
}

/*
 * A MAXIMUM_ALLOWED decision that covers @want (@desired, mapped) made
 * that of @desired. No ACE index: only audit records read it, and a
 * descriptor with audit ACEs is not cached.
 */
static void grant_within(u32 desired, u32 want, struct winsec_decision *dec)
{
	dec->desired = want | (desired & WINSEC_MAXIMUM_ALLOWED);
	if (!(desired & WINSEC_MAXIMUM_ALLOWED))
		dec->granted = want;
}

/*
 * winsec_object_check() of a descriptor without audit ACEs, for a kept
 * token (@serial): a request within what MAXIMUM_ALLOWED
 * gave the same token is granted without walking the DACL again; any
 * other gets the check of the request itself, whose decision says why.
 * Sound as the check grants exactly what lies within MAXIMUM_ALLOWED but
 * for what privileges grant: ACCESS_SYSTEM_SECURITY is never decided
 * here, WRITE_OWNER by SeTakeOwnershipPrivilege lies beyond.
 */
static int check_cached(const struct winsec_object *obj, u32 owner_uid,
			const struct winsec_token *tok, u64 serial,
			u32 desired, struct winsec_decision *dec)
{
	const struct winsec_desc *desc = obj->desc;
	u32 want = desired & ~WINSEC_MAXIMUM_ALLOWED;
	u32 granted;

	if (unlikely(want & WINSEC_GENERIC_MASK))
		want = winsec_map_generic(want, obj->map);
	if (want & WINSEC_ACCESS_SYSTEM_SECURITY) {
		/* Decided by the privilege, not the DACL. */
	} else if (winsec_desc_cached(desc, serial, owner_uid, &granted)) {
		if (likely(!(want & ~granted))) {
			winsec_stat_inc(reused);
			cached_grant(obj, tok, granted, dec);
			grant_within(desired, want, dec);
			return 0;
		}
	} else if (!check_desc(obj, owner_uid, tok, WINSEC_MAXIMUM_ALLOWED,
			       dec)) {
		winsec_desc_remember(desc, serial, owner_uid, dec->granted);
		if (!(want & ~dec->granted)) {
			grant_within(desired, want, dec);
			return 0;
		}
	}
	return check_desc(obj, owner_uid, tok, desired, dec);
}

/* winsec_object_check() of a labelled object, uncached; @tok may be NULL. */
static noinline int check_uncached(const struct cred *cred,
				   const struct winsec_object *obj,
				   u32 owner_uid,
				   const struct winsec_token *tok,
				   u32 desired, struct winsec_decision *dec)
{
	struct winsec_token tokbuf;

	if (!tok)
		tok = winsec_cred_token(cred, token_flags(obj), &tokbuf);
	return check_desc(obj, owner_uid, tok, desired, dec);
}

/**
 * winsec_object_check() - the access check on an object
 * @cred: the subject
 * @obj: the object
 * @desired: the rights requested (MAXIMUM_ALLOWED allowed)
 * @dec: the decision
 *
 * An absent owner stands for the Unix one. An object without a descriptor
 * has no DACL and its implicit NO_WRITE_UP label; a subject at or above
 * that label's level is granted everything without evaluating anything.
 * A descriptor keeps the last MAXIMUM_ALLOWED decision it gave a token
 * made beforehand for credentials (see check_cached()). No allocation, no
 * sleeping: usable under RCU and spinlocks.
 *
 * Return: 0 if granted, -EACCES if denied.
 */
int winsec_object_check(const struct cred *cred,
			const struct winsec_object *obj, u32 desired,
			struct winsec_decision *dec)
{
	const struct winsec_desc *desc = obj->desc;
	const struct winsec_token *tok;
	u32 owner_uid;
	u64 serial;

	winsec_stat_inc(checks);
	if (unlikely(!desc)) {
		if (winsec_cred_level(cred) >= obj->level) {
			unrestricted(obj, desired, dec);
			return 0;
		}
		return check_implicit(cred, obj, desired, dec);
	}
	winsec_stat_inc(labelled);
	/* The uid that stands in for an absent owner. */
	owner_uid = desc->sd.owner ? 0 : __kuid_val(obj->uid);
	tok = winsec_cred_kept_token(cred, token_flags(obj), &serial);
	if (likely(tok && !desc->audit_aces))
		return check_cached(obj, owner_uid, tok, serial, desired, dec);
	return check_uncached(cred, obj, owner_uid, tok, desired, dec);
}

/**
 * __winsec_object_audit() - write the record an audit ACE asks for
 * @cred: the subject
 * @obj: the object, whose descriptor has audit ACEs
 * @desired: the rights requested, not MAXIMUM_ALLOWED
 * @dec: the decision of winsec_object_check()
 * @rc: what winsec_object_check() returned (0 or -EACCES)
 * @op: the operation, for the record
 *
 * The part of winsec_object_audit() past its inline tests. Never sleeps.
 *
 * Return: 0, or -ECHILD when a record is due but @obj is checked in RCU
 * path walk.
 */
int __winsec_object_audit(const struct cred *cred,
			  const struct winsec_object *obj, u32 desired,
			  const struct winsec_decision *dec, int rc,
			  const char *op)
{
	struct winsec_token tokbuf;
	const struct winsec_token *tok;
	struct winsec_audit a = {
		.op = op,
		.cred = cred,
		.target = &obj->target,
		.dec = dec,
		.requested = desired,
	};
	u32 outcome = rc ? WINSEC_AUDIT_FAILURE : WINSEC_AUDIT_SUCCESS;
	int index;

	tok = winsec_cred_token(cred, token_flags(obj), &tokbuf);
	index = winsec_audit_ace(&obj->desc->sd, tok, obj->map,
				 rc ? dec->desired : dec->granted, outcome);
	if (index < 0)
		return 0;
	if (obj->flags & WINSEC_OBJECT_RCU)
		return -ECHILD;
	winsec_audit_ace_record(&a, index, outcome);
	return 0;
}

/* The denial of winsec_object_enforce(): logged, enforced unless permissive. */
static noinline int object_deny(const struct cred *cred,
				const struct winsec_object *obj, u32 desired,
				const struct winsec_decision *dec,
				const char *op, int err)
{
	struct winsec_audit a = {
		.op = op,
		.cred = cred,
		.target = &obj->target,
		.dec = dec,
		.requested = desired,
	};

	return winsec_deny(&a, err, (obj->flags & WINSEC_OBJECT_QUIET) ?
				    WINSEC_DENY_QUIET : 0);
}

/**
 * winsec_object_enforce() - check rights on an object, log and enforce
 * @cred: the subject
 * @obj: the object
 * @desired: the rights requested
 * @op: the operation, for the record
 * @err: what a denial returns (-EACCES, or -EPERM where Linux would)
 *
 * Never sleeps: usable under RCU and spinlocks.
 *
 * Return: 0 if granted (or denied in permissive mode), @err otherwise.
 */
int winsec_object_enforce(const struct cred *cred,
			  const struct winsec_object *obj, u32 desired,
			  const char *op, int err)
{
	struct winsec_decision dec;
	int rc;

	if (!desired)
		return 0;
	rc = winsec_object_check(cred, obj, desired, &dec);
	winsec_object_audit(cred, obj, desired, &dec, rc, op);
	if (likely(!rc))
		return 0;
	return object_deny(cred, obj, desired, &dec, op, err);
}

/*
 * Whether the current task is the object's Unix owner (or creator), or
 * holds CAP_FOWNER over it: who may change a descriptor without a DACL.
 */
static bool unix_owner(const struct winsec_object *obj)
{
	const struct cred *cred = current_cred();

	if (obj->target.type == WINSEC_TARGET_INODE)
		return inode_owner_or_capable(obj->idmap, obj->target.inode);
	return uid_eq(cred->euid, obj->uid) || uid_eq(cred->euid, obj->cuid) ||
	       capable(CAP_FOWNER);
}

/**
 * winsec_object_may_replace() - whether the current task may replace a
 * descriptor
 * @obj: the object, with its current descriptor
 * @new: the new descriptor, or NULL to remove it
 * @op: the operation, for the record
 *
 * The rule of change.c: the rights winsec_change_describe() names, on the
 * current descriptor, then the privileges winsec_change_permitted() asks
 * for the new values. A descriptor without a DACL (none at all, or a label
 * alone) is moreover the Unix owner's to change, as the mode bits are;
 * only an explicit NULL DACL hands WRITE_DAC to everyone. May sleep
 * (capability checks).
 *
 * Return: 0, -EACCES when a right is missing, -EPERM when a privilege or
 * the ownership is.
 */
int winsec_object_may_replace(const struct winsec_object *obj,
			      const struct winsec_desc *new, const char *op)
{
	const struct winsec_desc *old = obj->desc;
	const struct cred *cred = current_cred();
	struct winsec_audit a = {
		.op = op,
		.cred = cred,
		.target = &obj->target,
	};
	struct winsec_unix_sid uowner, ugroup;
	struct winsec_decision dec;
	struct winsec_change change;
	struct winsec_token tokbuf;
	const struct winsec_token *tok;
	int rc;

	might_sleep();
	if (!old && !new)
		return 0;
	winsec_unix_sid(&uowner, WINSEC_UNIX_USER_RID, __kuid_val(obj->uid));
	winsec_unix_sid(&ugroup, WINSEC_UNIX_GROUP_RID, __kgid_val(obj->gid));
	winsec_change_describe(old ? &old->sd : NULL, new ? &new->sd : NULL,
			       (const void *)&uowner, (const void *)&ugroup,
			       &change);
	a.requested = change.desired;

	if ((!old || !winsec_sd_has_dacl(&old->sd)) && !unix_owner(obj)) {
		a.reason = "not_owner";
		return winsec_deny(&a, -EPERM, 0);
	}
	rc = winsec_object_check(cred, obj, change.desired, &dec);
	winsec_object_audit(cred, obj, change.desired, &dec, rc, op);
	if (rc) {
		a.dec = &dec;
		/* A missing privilege is EPERM, as for capabilities. */
		return winsec_deny(&a, dec.reason == WINSEC_REASON_PRIVILEGE ?
				       -EPERM : -EACCES, 0);
	}
	tok = winsec_cred_token(cred, token_flags(obj), &tokbuf);
	if (winsec_change_permitted(tok, new ? &new->sd : NULL, obj->level,
				    &change)) {
		a.reason = "privilege";
		return winsec_deny(&a, -EPERM, 0);
	}
	return 0;
}
