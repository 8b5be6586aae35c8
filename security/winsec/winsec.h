/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec LSM - common definitions
 */

#ifndef _SECURITY_WINSEC_WINSEC_H
#define _SECURITY_WINSEC_WINSEC_H

#include <linux/lsm_hooks.h>

#define WINSEC_NAME "winsec"

extern struct lsm_blob_sizes winsec_blob_sizes;
extern const struct lsm_id winsec_lsmid;

#endif /* _SECURITY_WINSEC_WINSEC_H */
