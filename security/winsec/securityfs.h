/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec LSM - securityfs
 */

#ifndef _SECURITY_WINSEC_SECURITYFS_H
#define _SECURITY_WINSEC_SECURITYFS_H

#include <linux/init.h>

struct dentry;

int __init winsec_ipc_securityfs_init(struct dentry *root);

#endif /* _SECURITY_WINSEC_SECURITYFS_H */
