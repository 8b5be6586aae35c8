/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec LSM - its name, log prefix, LSM id and blob sizes
 *
 * Every other declaration lives in the header of the module that owns it;
 * Documentation/security/winsec.rst shows how the modules are layered.
 */

#ifndef _SECURITY_WINSEC_WINSEC_H
#define _SECURITY_WINSEC_WINSEC_H

#define WINSEC_NAME "winsec"

#ifdef pr_fmt
#undef pr_fmt
#endif

#define pr_fmt(fmt) WINSEC_NAME ": " fmt

#include <linux/lsm_hooks.h>

extern struct lsm_blob_sizes winsec_blob_sizes;
extern const struct lsm_id winsec_lsmid;

#endif /* _SECURITY_WINSEC_WINSEC_H */
