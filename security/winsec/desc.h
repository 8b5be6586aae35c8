/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec LSM - descriptor objects: the validated, refcounted, RCU-freed
 * form in which inodes, IPC objects and credentials hold a descriptor
 */

#ifndef _SECURITY_WINSEC_DESC_H
#define _SECURITY_WINSEC_DESC_H

#include <linux/gfp.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/types.h>
#include <linux/wordpart.h>
#include <asm/barrier.h>

#include "access.h"
#include "sd.h"
#include "token.h"

/**
 * struct winsec_desc_cache - the last decision made on a descriptor
 * @seq: even when the rest is stable, odd while it is written
 * @owner: the uid that stood in for an absent owner (0 with an owner)
 * @serial_lo: the low half of the serial of the token decided for (the
 *	       serial is never 0 once written)
 * @serial_hi: its high half
 * @granted: what MAXIMUM_ALLOWED gave that token (never 0)
 *
 * A check of the same descriptor, for a token of the same serial (the
 * same token contents, see &struct winsec_subject), with the same owner,
 * would compute the same @granted: a request within it is granted without
 * walking the descriptor again. The generic mapping is not kept: a
 * descriptor object belongs to one object, whose kind does not change.
 * Written without a lock: a writer that finds @seq odd, or loses the race
 * to make it odd, leaves the entry as it is; a reader that sees @seq odd
 * or changed treats the entry as absent. So neither ever waits, in any
 * context. 20 bytes, all of 4-byte alignment, so that &struct winsec_desc
 * stays at 104 bytes: a descriptor of up to 152 bytes (four ACEs and a
 * label) still fits a 256-byte allocation.
 */
struct winsec_desc_cache {
	u32 seq;
	u32 owner;
	u32 serial_lo;
	u32 serial_hi;
	u32 granted;
};

/**
 * struct winsec_desc - an immutable, validated descriptor
 * @usage: reference count; the last winsec_desc_put() frees the object
 *	   after an RCU grace period
 * @rcu: for the deferred free
 * @sd: the validated view; its pointers point into @data
 * @len: number of bytes at @data
 * @has_audit: the SACL holds ACEs other than mandatory labels, which only
 *	       holders of SeSecurityPrivilege may read
 * @audit_aces: the SACL holds audit ACEs: accesses may have to be recorded
 * @cache: the last decision made on the descriptor (winsec_desc_cached())
 * @data: the self-relative descriptor as stored
 *
 * Made by winsec_desc_create() and winsec_desc_new_object(), from bytes
 * that passed winsec_sd_parse(); never modified afterwards, but for
 * @cache. A reader that found the object under
 * rcu_read_lock() may use it until rcu_read_unlock() without a reference;
 * one that keeps it longer takes a reference with winsec_desc_get().
 * Holders: the inode blob (&struct winsec_inode.desc), the IPC blob, the
 * creator descriptor of a cred, an open ipc/get file of securityfs.
 */
struct winsec_desc {
	refcount_t usage;
	u32 len;
	struct rcu_head rcu;
	struct winsec_sd sd;
	struct winsec_desc_cache cache;
	bool has_audit;
	bool audit_aces;
	u8 data[];
};

/**
 * winsec_desc_cached() - the decision kept for a check
 * @desc: the descriptor
 * @serial: the serial of the token, not 0
 * @owner: the uid standing in for an absent owner, 0 when @desc has one
 * @granted: set to what MAXIMUM_ALLOWED gives the token
 *
 * Never waits and never writes: usable in any context, by any number of
 * CPUs at once.
 *
 * Return: true when winsec_desc_remember() kept a decision for exactly
 * these values and it is still there.
 */
static inline bool winsec_desc_cached(const struct winsec_desc *desc,
				      u64 serial, u32 owner, u32 *granted)
{
	const struct winsec_desc_cache *c = &desc->cache;
	/* Pairs with the release in winsec_desc_remember(). */
	u32 seq = smp_load_acquire(&c->seq);
	bool hit;

	if (seq & 1)
		return false;
	hit = READ_ONCE(c->serial_lo) == lower_32_bits(serial) &&
	      READ_ONCE(c->serial_hi) == upper_32_bits(serial) &&
	      READ_ONCE(c->owner) == owner;
	*granted = READ_ONCE(c->granted);
	/* The fields above were read before @seq is read again. */
	smp_rmb();
	return hit && READ_ONCE(c->seq) == seq;
}

/* Flags of winsec_desc_new_object(). */
#define WINSEC_NEW_DIR		0x01	/* the new object is a directory */

struct winsec_desc *winsec_desc_create(const void *buf, size_t len, gfp_t gfp,
				       const char **reason);
void winsec_desc_put(struct winsec_desc *desc);
u32 winsec_desc_level(const struct winsec_desc *desc, bool *explicit);
void winsec_desc_remember(const struct winsec_desc *desc, u64 serial,
			  u32 owner, u32 granted);
int winsec_desc_new_object(const struct winsec_desc *parent,
			   const struct winsec_desc *creator,
			   const struct winsec_token *tok, u32 flags,
			   const struct winsec_generic_mapping *map, gfp_t gfp,
			   struct winsec_desc **desc, void **bytes);

/**
 * winsec_desc_get() - take a reference to a descriptor
 * @desc: a descriptor, or NULL
 *
 * Return: @desc.
 */
static inline struct winsec_desc *winsec_desc_get(struct winsec_desc *desc)
{
	if (desc)
		refcount_inc(&desc->usage);
	return desc;
}

#endif /* _SECURITY_WINSEC_DESC_H */
