// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - keys and keyrings
 *
 * Keys are kernel objects like IPC objects, and usually secrets. A key
 * carries the level of the task that created it, or the level of the
 * effective label of that task's creator descriptor when one is set
 * (never above the creator: the creator descriptor was checked when it was
 * set), with the label policy of a task: NO_WRITE_UP and NO_READ_UP. A
 * lower task may therefore neither read, search, update, link, unlink, set
 * the attributes of, nor revoke a higher key, even of its own user;
 * viewing a key's description stays allowed, as a lower process may query
 * a higher one. Keys hold no DACL: the key subsystem has no hook that
 * would release a descriptor when a key is freed.
 */

#include <linux/cred.h>
#include <linux/key.h>
#include <linux/lsm_hooks.h>
#include <uapi/linux/winsec.h>

#include "desc.h"
#include "key.h"
#include "object.h"
#include "setup.h"
#include "subject.h"

/* The label of every key: its level, NO_WRITE_UP | NO_READ_UP. */
#define WINSEC_KEY_LABEL (WINSEC_LABEL_NO_WRITE_UP | WINSEC_LABEL_NO_READ_UP)

static int hook_key_alloc(struct key *key, const struct cred *cred,
			  unsigned long flags)
{
	const struct winsec_cred *wc = winsec_cred(cred);
	bool explicit = false;
	u32 level = wc->level, label;

	if (wc->fscreate) {
		label = winsec_desc_level(wc->fscreate, &explicit);
		if (explicit)
			level = min(level, label);
	}
	winsec_key(key)->level = level;
	return 0;
}

/* The IPC right a key operation needs (keys use the IPC mapping). */
static u32 key_rights(enum key_need_perm need)
{
	switch (need) {
	case KEY_NEED_READ:
	case KEY_NEED_SEARCH:
		return WINSEC_IPC_READ;
	case KEY_NEED_WRITE:
	case KEY_NEED_LINK:
	case KEY_NEED_SETATTR:
	case KEY_NEED_UNLINK:
		return WINSEC_IPC_WRITE;
	default:
		/* Viewing, and the special overrides, need nothing. */
		return 0;
	}
}

static int hook_key_permission(key_ref_t key_ref, const struct cred *cred,
			       enum key_need_perm need)
{
	struct key *key = key_ref_to_ptr(key_ref);
	struct winsec_object obj = {
		.uid = key->uid,
		.gid = key->gid,
		.cuid = key->uid,
		.map = &winsec_ipc_mapping,
		.level = winsec_key(key)->level,
		.policy = WINSEC_KEY_LABEL,
	};

	return winsec_object_enforce(cred, &obj, key_rights(need), "key",
				     -EACCES);
}

static struct security_hook_list winsec_key_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(key_alloc, hook_key_alloc),
	LSM_HOOK_INIT(key_permission, hook_key_permission),
};

/**
 * winsec_add_key_hooks() - register the key hooks
 */
void __init winsec_add_key_hooks(void)
{
	security_add_hooks(winsec_key_hooks, ARRAY_SIZE(winsec_key_hooks),
			   &winsec_lsmid);
}
