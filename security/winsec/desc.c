// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - descriptor objects
 *
 * Every descriptor the kernel keeps went through winsec_desc_create(), the
 * one place where bytes become a descriptor: copied once, validated once,
 * on the copy, so that nothing can change them after the check.
 */

#include <linux/bug.h>
#include <linux/err.h>
#include <linux/error-injection.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "change.h"
#include "desc.h"
#include "inherit.h"
#include "label.h"
#include "sacl.h"

/**
 * winsec_desc_create() - make a descriptor object from bytes
 * @buf: a self-relative descriptor (kernel memory)
 * @len: its length
 * @gfp: allocation flags
 * @reason: set to the validator's reason when the bytes are refused
 *
 * Error injection (fail_function) may make it return ERR_PTR(-ENOMEM)
 * without looking at the bytes; @reason is then left as it was.
 *
 * Return: a descriptor with one reference, ERR_PTR(-EINVAL) for invalid
 * bytes or ERR_PTR(-ENOMEM).
 */
struct winsec_desc *winsec_desc_create(const void *buf, size_t len, gfp_t gfp,
				       const char **reason)
{
	struct winsec_desc *desc;

	*reason = NULL;
	if (!buf || len < WINSEC_SD_HEADER_SIZE || len > WINSEC_SD_MAX_SIZE) {
		*reason = "size";
		return ERR_PTR(-EINVAL);
	}
	desc = kmalloc(struct_size(desc, data, len), gfp);
	if (!desc)
		return ERR_PTR(-ENOMEM);
	memcpy(desc->data, buf, len);
	if (winsec_sd_parse(desc->data, len, &desc->sd, reason)) {
		kfree(desc);
		return ERR_PTR(-EINVAL);
	}
	refcount_set(&desc->usage, 1);
	desc->len = len;
	desc->has_audit = winsec_sd_has_audit(&desc->sd);
	desc->audit_aces = winsec_sd_has_audit_aces(&desc->sd);
	return desc;
}
ALLOW_ERROR_INJECTION(winsec_desc_create, ERRNO);

/**
 * winsec_desc_put() - drop a reference to a descriptor
 * @desc: a descriptor, or NULL
 *
 * The last reference frees the object after an RCU grace period, so that
 * readers that found it under rcu_read_lock() may finish. Safe in any
 * context.
 */
void winsec_desc_put(struct winsec_desc *desc)
{
	if (desc && refcount_dec_and_test(&desc->usage))
		kfree_rcu(desc, rcu);
}

/**
 * winsec_desc_level() - the integrity level a descriptor gives its object
 * @desc: a descriptor, or NULL for an object without one
 * @explicit: set to whether the descriptor holds an effective label ACE;
 *	      may be NULL
 *
 * Return: the label's level RID, Medium when there is none.
 */
u32 winsec_desc_level(const struct winsec_desc *desc, bool *explicit)
{
	u32 level = WINSEC_LEVEL_MEDIUM, policy;
	bool found = false;

	if (desc)
		found = winsec_sd_label_info(&desc->sd, &level, &policy);
	if (explicit)
		*explicit = found;
	return level;
}

/**
 * winsec_desc_new_object() - the descriptor of a new object
 * @parent: the container's descriptor, or NULL (no container, or one
 *	    without a descriptor)
 * @creator: the creator descriptor of the creating task, or NULL
 * @tok: the creator's token
 * @flags: %WINSEC_NEW_DIR for a directory
 * @map: the object type's generic mapping
 * @gfp: allocation flags
 * @desc: set to the new descriptor, or NULL when the object stays
 *	  unlabeled
 * @bytes: if not NULL, set to a kmalloc()ed copy of the descriptor's bytes
 *	   for the caller to store (an xattr value), or NULL with @desc
 *
 * Inheritance (MS-DTYP 2.5.3.4, see inherit.c) writes the descriptor once
 * into a buffer, which becomes @bytes; the object is made from it by the
 * one copy and validation of winsec_desc_create().
 *
 * Error injection (fail_function) may make it fail with -ENOMEM before it
 * sets @desc and @bytes: callers use neither after an error.
 *
 * Return: 0 or a negative errno (nothing is returned then).
 */
int winsec_desc_new_object(const struct winsec_desc *parent,
			   const struct winsec_desc *creator,
			   const struct winsec_token *tok, u32 flags,
			   const struct winsec_generic_mapping *map, gfp_t gfp,
			   struct winsec_desc **desc, void **bytes)
{
	const struct winsec_sd *psd = parent ? &parent->sd : NULL;
	const struct winsec_sd *csd = creator ? &creator->sd : NULL;
	const char *reason;
	u32 bound, len = 0;
	void *buf;
	int rc;

	*desc = NULL;
	if (bytes)
		*bytes = NULL;
	bound = winsec_inherit_bound(psd, csd);
	buf = kmalloc(bound, gfp);
	if (!buf)
		return -ENOMEM;
	rc = winsec_inherit(psd, csd, tok, flags & WINSEC_NEW_DIR, map, buf,
			    bound, &len);
	if (rc || !len)
		goto out;
	*desc = winsec_desc_create(buf, len, gfp, &reason);
	if (IS_ERR(*desc)) {
		rc = PTR_ERR(*desc);
		*desc = NULL;
		/* Inheritance writes only what the validator accepts. */
		WARN_ON_ONCE(rc == -EINVAL);
		goto out;
	}
	if (bytes) {
		*bytes = buf;
		return 0;
	}
out:
	kfree(buf);
	return rc;
}
ALLOW_ERROR_INJECTION(winsec_desc_new_object, ERRNO);
