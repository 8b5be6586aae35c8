// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - descriptor objects
 *
 * Every descriptor the kernel keeps was validated once by winsec_sd_parse()
 * on bytes nobody else can write: winsec_desc_create() copies bytes it is
 * given and validates the copy, so that nothing can change them after the
 * check; winsec_desc_new_object() keeps what inheritance wrote into its
 * own buffer and validated there.
 */

#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/error-injection.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wordpart.h>

#include "change.h"
#include "desc.h"
#include "inherit.h"
#include "label.h"
#include "sacl.h"

/* The rest of a descriptor object whose view is set. */
static void desc_init(struct winsec_desc *desc, u32 len)
{
	refcount_set(&desc->usage, 1);
	memset(&desc->cache, 0, sizeof(desc->cache));
	desc->len = len;
	desc->has_audit = winsec_sd_has_audit(&desc->sd);
	desc->audit_aces = winsec_sd_has_audit_aces(&desc->sd);
}

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
	desc_init(desc, len);
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
 * winsec_desc_remember() - keep the decision of a check
 * @desc: the descriptor; its cache is the one part that changes
 * @serial: the serial of the token, not 0
 * @owner: the uid standing in for an absent owner, 0 when @desc has one
 * @granted: what MAXIMUM_ALLOWED gave the token, not 0
 *
 * Replaces the decision kept before, unless another CPU is writing one:
 * then nothing is kept. Never waits: usable in any context.
 */
void winsec_desc_remember(const struct winsec_desc *desc, u64 serial,
			  u32 owner, u32 granted)
{
	/* The cache is not part of the descriptor's value. */
	struct winsec_desc_cache *c = (struct winsec_desc_cache *)&desc->cache;
	u32 seq = READ_ONCE(c->seq);

	/* Odd: taken. A fully ordered exchange, before the writes below. */
	if ((seq & 1) || cmpxchg(&c->seq, seq, seq + 1) != seq)
		return;
	WRITE_ONCE(c->serial_lo, lower_32_bits(serial));
	WRITE_ONCE(c->serial_hi, upper_32_bits(serial));
	WRITE_ONCE(c->owner, owner);
	WRITE_ONCE(c->granted, granted);
	/* Even again, after the writes above. */
	smp_store_release(&c->seq, seq + 2);
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
 * into a buffer, which becomes @bytes, and validates it there with
 * winsec_sd_parse(); the object gets a copy of those bytes and the view of
 * that parse, moved to the copy (the bytes are the kernel's own and
 * nothing writes to them in between): one copy, one validation.
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
	struct winsec_desc *new;
	struct winsec_sd view;
	u32 bound, len = 0;
	void *buf;
	int rc;

	*desc = NULL;
	if (bytes)
		*bytes = NULL;
	if (!winsec_inherit_needed(psd, csd, tok->level, flags & WINSEC_NEW_DIR))
		return 0;
	bound = winsec_inherit_bound(psd, csd);
	buf = kmalloc(bound, gfp);
	if (!buf)
		return -ENOMEM;
	rc = winsec_inherit(psd, csd, tok, flags & WINSEC_NEW_DIR, map, buf,
			    bound, &len, &view);
	/* A kernel token has a user: only a result the validator refused. */
	WARN_ON_ONCE(rc == -EINVAL);
	if (rc || !len)
		goto out;
	new = kmalloc(struct_size(new, data, len), gfp);
	if (!new) {
		rc = -ENOMEM;
		goto out;
	}
	memcpy(new->data, buf, len);
	new->sd = view;
	winsec_sd_move(&new->sd, buf, new->data);
	desc_init(new, len);
	*desc = new;
	if (bytes) {
		*bytes = buf;
		return 0;
	}
out:
	kfree(buf);
	return rc;
}
ALLOW_ERROR_INJECTION(winsec_desc_new_object, ERRNO);
