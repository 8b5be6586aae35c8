/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec LSM - namespaces and mounts: the superblock blob
 */

#ifndef _SECURITY_WINSEC_NS_H
#define _SECURITY_WINSEC_NS_H

#include <linux/fs.h>
#include <linux/types.h>

#include "winsec.h"

/**
 * struct winsec_superblock - the winsec part of a superblock
 * @level: the level of the task that created it (System for the kernel's)
 */
struct winsec_superblock {
	u32 level;
};

/**
 * winsec_superblock() - the winsec part of a superblock
 * @sb: the superblock
 *
 * Return: the blob.
 */
static inline struct winsec_superblock *
winsec_superblock(const struct super_block *sb)
{
	return sb->s_security + winsec_blob_sizes.lbs_superblock;
}

#endif /* _SECURITY_WINSEC_NS_H */
