// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - denial records and the permissive mode
 */

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/ipc.h>
#include <linux/lsm_audit.h>
#include <linux/ratelimit.h>
#include <linux/string.h>
#include <linux/uidgid.h>

#include "audit.h"
#include "sacl.h"
#include "stats.h"
#include "subject.h"
#include "winsec.h"

/* Whether denials are enforced (true) or only logged (permissive). */
bool winsec_enforcing = true;

/* At most 100 denial records every 5 seconds, and 100 audit ACE records. */
static DEFINE_RATELIMIT_STATE(winsec_audit_rs, 5 * HZ, 100);
static DEFINE_RATELIMIT_STATE(winsec_audit_ace_rs, 5 * HZ, 100);

static const char *reason_name(const struct winsec_audit *a)
{
	if (a->reason)
		return a->reason;
	if (!a->dec)
		return "denied";
	switch (a->dec->reason) {
	case WINSEC_REASON_GRANTED:
		return "granted";
	case WINSEC_REASON_LABEL:
		return "label";
	case WINSEC_REASON_PRIVILEGE:
		return "privilege";
	case WINSEC_REASON_DENY_ACE:
		return "deny_ace";
	case WINSEC_REASON_NOT_GRANTED:
		return "not_granted";
	case WINSEC_REASON_NOTHING_GRANTED:
		return "nothing_granted";
	}
	return "denied";
}

#ifdef CONFIG_AUDIT

struct winsec_audit_data {
	struct common_audit_data ad;
	const struct winsec_audit *a;
	bool enforcing;
};

static void log_level(struct audit_buffer *ab, const char *field, u32 level)
{
	const char *name = winsec_level_name(level);

	if (name)
		audit_log_format(ab, " %s=%s", field, name);
	else
		audit_log_format(ab, " %s=S-1-16-%u", field, level);
}

static void winsec_audit_pre(struct audit_buffer *ab, void *data)
{
	struct winsec_audit_data *d =
		container_of(data, struct winsec_audit_data, ad);
	const struct winsec_audit *a = d->a;

	audit_log_format(ab, "lsm=" WINSEC_NAME " op=%s reason=%s requested=0x%x",
			 a->op, reason_name(a), a->requested);
	if (a->dec)
		audit_log_format(ab, " granted=0x%x missing=0x%x",
				 a->dec->granted, a->dec->missing);
	log_level(ab, "subj_level", winsec_cred_level(a->cred));
	audit_log_format(ab, " subj_user=S-1-22-1-%u subj_group=S-1-22-2-%u",
			 __kuid_val(a->cred->fsuid), __kgid_val(a->cred->fsgid));
	if (a->dec) {
		log_level(ab, "obj_level", a->dec->label_level);
		audit_log_format(ab, " obj_policy=0x%x", a->dec->label_policy);
		if (a->dec->ace_index >= 0)
			audit_log_format(ab, " ace=%d", a->dec->ace_index);
	}
	if (a->reason && !strncmp(a->reason, "audit_", 6))
		audit_log_format(ab, " sacl_ace=%d", a->sacl_ace);
	audit_log_format(ab, " permissive=%d", !d->enforcing);
}

static void log_denial(const struct winsec_audit *a, bool enforcing)
{
	struct winsec_audit_data d = {
		.a = a,
		.enforcing = enforcing,
	};

	const struct winsec_target *t = a->target;

	switch (t ? t->type : WINSEC_TARGET_NONE) {
	case WINSEC_TARGET_TASK:
		d.ad.type = LSM_AUDIT_DATA_TASK;
		d.ad.u.tsk = t->task;
		break;
	case WINSEC_TARGET_IPC:
		d.ad.type = LSM_AUDIT_DATA_IPC;
		d.ad.u.ipc_id = t->ipc->id;
		break;
	case WINSEC_TARGET_INODE:
		if (t->dentry) {
			d.ad.type = LSM_AUDIT_DATA_DENTRY;
			d.ad.u.dentry = t->dentry;
		} else {
			d.ad.type = LSM_AUDIT_DATA_INODE;
			d.ad.u.inode = t->inode;
		}
		break;
	default:
		d.ad.type = LSM_AUDIT_DATA_NONE;
		break;
	}
	common_lsm_audit(&d.ad, winsec_audit_pre, NULL);
}

#else

static void log_denial(const struct winsec_audit *a, bool enforcing)
{
	const struct winsec_target *t = a->target;

	pr_notice("denied op=%s reason=%s requested=0x%x ino=%lu permissive=%d\n",
		  a->op, reason_name(a), a->requested,
		  t && t->type == WINSEC_TARGET_INODE ? t->inode->i_ino : 0,
		  !enforcing);
}

#endif /* CONFIG_AUDIT */

/**
 * winsec_deny_label() - account, log and enforce a denial by a level alone
 * @a: what was denied; its decision is filled here
 * @level: the level the subject is below (the object's label)
 * @err: the error to return when enforcing
 *
 * For checks that compare levels without a descriptor (mounts, terminals,
 * io_uring): the record names the label as the reason, with no-write-up.
 *
 * Return: @err when enforcing, 0 in permissive mode.
 */
int winsec_deny_label(struct winsec_audit *a, u32 level, int err)
{
	struct winsec_decision dec = {
		.desired = a->requested,
		.missing = a->requested,
		.reason = WINSEC_REASON_LABEL,
		.ace_index = -1,
		.label_level = level,
		.label_policy = WINSEC_LABEL_NO_WRITE_UP,
		.label_explicit = true,
	};

	a->dec = &dec;
	return winsec_deny(a, err, 0);
}

/**
 * winsec_audit_ace_record() - the record an audit ACE of a SACL asks for
 * @a: the access; its reason and SACL index are set here
 * @index: the index of the audit ACE in the SACL
 * @outcome: %WINSEC_AUDIT_SUCCESS or %WINSEC_AUDIT_FAILURE
 *
 * The record has the fields of a denial record, with reason=audit_success
 * or reason=audit_failure and sacl_ace=@index. Rate-limited apart from
 * denials. Never sleeps.
 */
void winsec_audit_ace_record(struct winsec_audit *a, int index, u32 outcome)
{
	a->reason = outcome & WINSEC_AUDIT_SUCCESS ? "audit_success" :
						     "audit_failure";
	a->sacl_ace = index;
	if (__ratelimit(&winsec_audit_ace_rs))
		log_denial(a, READ_ONCE(winsec_enforcing));
}

/**
 * winsec_deny() - account, log and enforce a denial
 * @a: what was denied and why
 * @err: the error the operation returns when enforcing (-EACCES, -EPERM)
 * @flags: %WINSEC_DENY_QUIET to count the denial without a record (the
 *	   caller asked for no audit, or cannot sleep)
 *
 * Records are rate-limited. In permissive mode the denial is logged and
 * the operation allowed.
 *
 * Return: @err when enforcing, 0 in permissive mode.
 */
int winsec_deny(const struct winsec_audit *a, int err, u32 flags)
{
	bool enforcing = READ_ONCE(winsec_enforcing);

	winsec_stat_inc(denials);
	if (!(flags & WINSEC_DENY_QUIET) && __ratelimit(&winsec_audit_rs))
		log_denial(a, enforcing);
	return enforcing ? err : 0;
}
