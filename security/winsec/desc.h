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

#include "access.h"
#include "sd.h"
#include "token.h"

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
 * @data: the self-relative descriptor as stored
 *
 * Made only by winsec_desc_create(), from bytes that pass winsec_sd_parse();
 * never modified afterwards. A reader that found the object under
 * rcu_read_lock() may use it until rcu_read_unlock() without a reference;
 * one that keeps it longer takes a reference with winsec_desc_get().
 * Holders: the inode blob (&struct winsec_inode.desc), the IPC blob, the
 * creator descriptor of a cred, an open ipc/get file of securityfs.
 */
struct winsec_desc {
	refcount_t usage;
	struct rcu_head rcu;
	struct winsec_sd sd;
	u32 len;
	bool has_audit;
	bool audit_aces;
	u8 data[];
};

/* Flags of winsec_desc_new_object(). */
#define WINSEC_NEW_DIR		0x01	/* the new object is a directory */

struct winsec_desc *winsec_desc_create(const void *buf, size_t len, gfp_t gfp,
				       const char **reason);
void winsec_desc_put(struct winsec_desc *desc);
u32 winsec_desc_level(const struct winsec_desc *desc, bool *explicit);
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
