// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - denial records and the permissive mode
 */

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/ipc.h>
#include <linux/lsm_audit.h>
#include <linux/percpu.h>
#include <linux/ratelimit.h>
#include <linux/uidgid.h>

#include "access.h"
#include "winsec.h"

DEFINE_PER_CPU(struct winsec_stats, winsec_stats);

/* At most 100 denial records every 5 seconds. */
static DEFINE_RATELIMIT_STATE(winsec_audit_rs, 5 * HZ, 100);

/**
 * winsec_stats_sum() - add up the per-CPU statistics
 * @sum: the totals
 */
void winsec_stats_sum(struct winsec_stats *sum)
{
	int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct winsec_stats *s = per_cpu_ptr(&winsec_stats, cpu);

		sum->checks += READ_ONCE(s->checks);
		sum->denials += READ_ONCE(s->denials);
		sum->cache_hits += READ_ONCE(s->cache_hits);
		sum->cache_loads += READ_ONCE(s->cache_loads);
		sum->invalid += READ_ONCE(s->invalid);
	}
}

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
	const struct winsec_cred *wc = winsec_cred(a->cred);

	audit_log_format(ab, "lsm=" WINSEC_NAME " op=%s reason=%s requested=0x%x",
			 a->op, reason_name(a), a->requested);
	if (a->dec)
		audit_log_format(ab, " granted=0x%x missing=0x%x",
				 a->dec->granted, a->dec->missing);
	log_level(ab, "subj_level", wc->level);
	audit_log_format(ab, " subj_user=S-1-22-1-%u subj_group=S-1-22-2-%u",
			 __kuid_val(a->cred->fsuid), __kgid_val(a->cred->fsgid));
	if (a->dec) {
		log_level(ab, "obj_level", a->dec->label_level);
		audit_log_format(ab, " obj_policy=0x%x", a->dec->label_policy);
		if (a->dec->ace_index >= 0)
			audit_log_format(ab, " ace=%d", a->dec->ace_index);
	}
	audit_log_format(ab, " permissive=%d", !d->enforcing);
}

static void log_denial(const struct winsec_audit *a, bool enforcing)
{
	struct winsec_audit_data d = {
		.a = a,
		.enforcing = enforcing,
	};

	if (a->task) {
		d.ad.type = LSM_AUDIT_DATA_TASK;
		d.ad.u.tsk = a->task;
	} else if (a->ipc) {
		d.ad.type = LSM_AUDIT_DATA_IPC;
		d.ad.u.ipc_id = a->ipc->id;
	} else if (!a->dentry && !a->inode) {
		d.ad.type = LSM_AUDIT_DATA_NONE;
	} else if (a->dentry) {
		d.ad.type = LSM_AUDIT_DATA_DENTRY;
		d.ad.u.dentry = a->dentry;
	} else {
		d.ad.type = LSM_AUDIT_DATA_INODE;
		d.ad.u.inode = a->inode;
	}
	common_lsm_audit(&d.ad, winsec_audit_pre, NULL);
}

#else

static void log_denial(const struct winsec_audit *a, bool enforcing)
{
	pr_notice("denied op=%s reason=%s requested=0x%x ino=%lu permissive=%d\n",
		  a->op, reason_name(a), a->requested,
		  a->inode ? a->inode->i_ino : 0, !enforcing);
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
	return winsec_deny(a) ? err : 0;
}

/**
 * winsec_deny() - account, log and enforce a denial
 * @a: what was denied and why
 *
 * Records are rate-limited. In permissive mode the denial is logged and
 * the operation allowed.
 *
 * Return: -EACCES when enforcing, 0 in permissive mode.
 */
int winsec_deny(const struct winsec_audit *a)
{
	bool enforcing = READ_ONCE(winsec_enforcing);

	winsec_stat_inc(denials);
	if (__ratelimit(&winsec_audit_rs))
		log_denial(a, enforcing);
	return enforcing ? -EACCES : 0;
}
