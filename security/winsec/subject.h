/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec LSM - subjects: the winsec part of a task's credentials and the
 * token made from them
 */

#ifndef _SECURITY_WINSEC_SUBJECT_H
#define _SECURITY_WINSEC_SUBJECT_H

#include <linux/cred.h>
#include <linux/types.h>

#include "desc.h"
#include "token.h"
#include "winsec.h"

/**
 * struct winsec_cred - the winsec part of a task's credentials
 * @level: integrity level RID (WINSEC_LEVEL_*); every task follows the
 *	   mandatory policy %WINSEC_POLICY_DEFAULT
 * @fscreate: creator descriptor for new objects, or NULL; every cred that
 *	      points to it holds a reference
 * @fscreate_flags: WINSEC_FSCREATE_* flags given with @fscreate
 *
 * Like the rest of a cred, never changed once the cred is committed.
 */
struct winsec_cred {
	u32 level;
	struct winsec_desc *fscreate;
	u32 fscreate_flags;
};

/**
 * winsec_cred() - the winsec part of credentials
 * @cred: the credentials
 *
 * Return: the blob.
 */
static inline struct winsec_cred *winsec_cred(const struct cred *cred)
{
	return cred->security + winsec_blob_sizes.lbs_cred;
}

/**
 * winsec_cred_level() - the integrity level of credentials
 * @cred: the credentials
 *
 * Return: the level RID.
 */
static inline u32 winsec_cred_level(const struct cred *cred)
{
	return winsec_cred(cred)->level;
}

/* Flags of winsec_cred_token(). */
#define WINSEC_CRED_FS		0x01	/* the fsuid and fsgid (file checks) */

void winsec_cred_token(const struct cred *cred, u32 flags,
		       struct winsec_token *tok);
bool winsec_mac_admin(void);
int winsec_new_object_desc(const struct cred *cred, u32 flags,
			   const struct winsec_generic_mapping *map, gfp_t gfp,
			   struct winsec_desc **desc);

#endif /* _SECURITY_WINSEC_SUBJECT_H */
