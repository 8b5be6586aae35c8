// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - mandatory labels: the label of a descriptor, the implicit label
 * of an object without one, and what a label leaves to a token
 * (MS-DTYP 2.5.3.3)
 *
 * Part of the shared core: the kernel and the tool give an unlabeled
 * object the same implicit label through winsec_implicit_level().
 */

#include <linux/string.h>
#include <linux/types.h>
#include <linux/unaligned.h>

#include "label.h"

/**
 * winsec_sd_label() - the mandatory label ACE of a descriptor
 * @sd: a valid view
 *
 * Return: the first SYSTEM_MANDATORY_LABEL ACE of the SACL (whatever its
 * flags), or NULL if there is none.
 */
const struct winsec_ace_header *winsec_sd_label(const struct winsec_sd *sd)
{
	const struct winsec_ace_header *ace;
	unsigned int i;

	if (!sd->sacl)
		return NULL;
	winsec_acl_for_each(sd->sacl, ace, i)
		if (ace->type == WINSEC_ACE_SYSTEM_MANDATORY_LABEL)
			return ace;
	return NULL;
}

/**
 * winsec_mic_allowed() - what an object's label leaves to a token
 * @tok: the token
 * @level: the object's integrity level RID
 * @policy: the object's label policy (WINSEC_LABEL_* bits)
 * @map: the object type's generic mapping
 *
 * A token whose mandatory policy lacks NO_WRITE_UP, or whose level is at
 * least the object's, is not restricted. Otherwise it may get at most
 * GENERIC_READ, GENERIC_WRITE and GENERIC_EXECUTE, less those the label's
 * NO_READ_UP, NO_WRITE_UP and NO_EXECUTE_UP remove, mapped through @map,
 * plus WRITE_OWNER with SeRelabelPrivilege.
 *
 * Return: the rights the label allows (all bits set when unrestricted).
 */
u32 winsec_mic_allowed(const struct winsec_token *tok, u32 level, u32 policy,
		       const struct winsec_generic_mapping *map)
{
	u32 allowed = 0;

	if (!(tok->policy & WINSEC_POLICY_NO_WRITE_UP) || tok->level >= level)
		return ~0u;
	if (!(policy & WINSEC_LABEL_NO_READ_UP))
		allowed |= map->read;
	if (!(policy & WINSEC_LABEL_NO_WRITE_UP))
		allowed |= map->write;
	if (!(policy & WINSEC_LABEL_NO_EXECUTE_UP))
		allowed |= map->execute;
	if (tok->privileges & WINSEC_PRIV_RELABEL)
		allowed |= WINSEC_WRITE_OWNER;
	return allowed;
}

/**
 * winsec_sd_max_label() - the highest level named by any label ACE
 * @sd: a valid view
 *
 * Inheritable label ACEs count too: they give new objects their level.
 *
 * Return: the highest level RID, or 0 (Untrusted) when there is no label.
 */
u32 winsec_sd_max_label(const struct winsec_sd *sd)
{
	const struct winsec_ace_header *hdr;
	struct winsec_ace ace;
	u32 max = 0, level;
	unsigned int i;

	if (!sd->sacl)
		return 0;
	winsec_acl_for_each(sd->sacl, hdr, i) {
		if (hdr->type != WINSEC_ACE_SYSTEM_MANDATORY_LABEL)
			continue;
		winsec_ace_decode(hdr, &ace);
		if (winsec_sid_get_level(ace.sid, &level) && level > max)
			max = level;
	}
	return max;
}

/**
 * winsec_implicit_level() - the level of an object without a descriptor
 * @kind: what the object is
 * @creator: the level of the task that made it (for %WINSEC_KIND_PRIVATE)
 *
 * Return: the level RID of the object's implicit NO_WRITE_UP label.
 */
u32 winsec_implicit_level(enum winsec_kind kind, u32 creator)
{
	switch (kind) {
	case WINSEC_KIND_DEVICE:
	case WINSEC_KIND_KERNEL:
		return WINSEC_LEVEL_UNTRUSTED;
	case WINSEC_KIND_SYSCTL:
		return WINSEC_LEVEL_HIGH;
	case WINSEC_KIND_PRIVATE:
		return creator;
	case WINSEC_KIND_ORDINARY:
		break;
	}
	return WINSEC_LEVEL_MEDIUM;
}

/**
 * winsec_implicit_sd() - the descriptor of an object without one
 * @buf: storage for the SACL, which must outlive @sd
 * @level: the implicit level (winsec_implicit_level())
 * @policy: the label's policy, WINSEC_LABEL_* bits
 * @sd: set to a view with no owner, no group, no DACL and a SACL of one
 *	label ACE; the caller sets the Unix owner and group
 */
void winsec_implicit_sd(struct winsec_implicit *buf, u32 level, u32 policy,
			struct winsec_sd *sd)
{
	static const u8 tmpl[WINSEC_IMPLICIT_SACL_SIZE] = {
		/* ACL: revision 2, size 28, one ACE */
		2, 0, 28, 0, 1, 0, 0, 0,
		/* SYSTEM_MANDATORY_LABEL, size 20, mask (the policy) */
		WINSEC_ACE_SYSTEM_MANDATORY_LABEL, 0, 20, 0, 0, 0, 0, 0,
		/* S-1-16-<level> */
		1, 1, 0, 0, 0, 0, 0, WINSEC_AUTH_MANDATORY, 0, 0, 0, 0,
	};

	memcpy(buf->sacl, tmpl, sizeof(tmpl));
	put_unaligned_le32(policy, buf->sacl + 12);
	put_unaligned_le32(level, buf->sacl + 24);
	memset(sd, 0, sizeof(*sd));
	sd->control = WINSEC_SE_SELF_RELATIVE | WINSEC_SE_SACL_PRESENT;
	sd->sacl = (const struct winsec_acl *)buf->sacl;
}
