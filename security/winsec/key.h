/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec LSM - keys: the key blob
 */

#ifndef _SECURITY_WINSEC_KEY_H
#define _SECURITY_WINSEC_KEY_H

#include <linux/key.h>
#include <linux/types.h>

#include "winsec.h"

/**
 * struct winsec_key - the winsec part of a key
 * @level: the key's level: its creator's, or the lower label of the
 *	   creator descriptor
 */
struct winsec_key {
	u32 level;
};

/**
 * winsec_key() - the winsec part of a key
 * @key: the key
 *
 * Return: the blob.
 */
static inline struct winsec_key *winsec_key(const struct key *key)
{
	return key->security + winsec_blob_sizes.lbs_key;
}

#endif /* _SECURITY_WINSEC_KEY_H */
