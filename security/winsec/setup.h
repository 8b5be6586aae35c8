/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec LSM - registration of the hooks of each module
 */

#ifndef _SECURITY_WINSEC_SETUP_H
#define _SECURITY_WINSEC_SETUP_H

#include <linux/init.h>
#include <linux/types.h>

extern bool winsec_initialized;

void __init winsec_add_inode_hooks(void);
void __init winsec_add_cred_hooks(void);
void __init winsec_add_fs_hooks(void);
void __init winsec_add_xattr_hooks(void);
void __init winsec_add_ipc_hooks(void);
void __init winsec_add_task_hooks(void);
void __init winsec_add_ns_hooks(void);

#ifdef CONFIG_KEYS
void __init winsec_add_key_hooks(void);
#else
static inline void winsec_add_key_hooks(void) { }
#endif

#ifdef CONFIG_IO_URING
void __init winsec_add_uring_hooks(void);
#else
static inline void winsec_add_uring_hooks(void) { }
#endif

#endif /* _SECURITY_WINSEC_SETUP_H */
