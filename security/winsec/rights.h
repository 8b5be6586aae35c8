/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec LSM - the rights each Linux operation asks for
 */

#ifndef _SECURITY_WINSEC_RIGHTS_H
#define _SECURITY_WINSEC_RIGHTS_H

#include <linux/types.h>

/* Flags of winsec_mmap_rights(). */
#define WINSEC_MAP_SHARED	0x01	/* a shared mapping */

/* Types of SysV IPC object, for winsec_ipcctl_rights(). */
enum winsec_ipc_type {
	WINSEC_IPC_MSG,
	WINSEC_IPC_SEM,
	WINSEC_IPC_SHM,
};

u32 winsec_may_rights(umode_t mode, int mask);
u32 winsec_open_rights(umode_t mode, fmode_t fmode, unsigned int flags);
u32 winsec_setattr_rights(unsigned int valid);
u32 winsec_mmap_rights(unsigned long prot, u32 flags);
u32 winsec_ipcflag_rights(int flag);
u32 winsec_ipcctl_rights(enum winsec_ipc_type type, int cmd);

#endif /* _SECURITY_WINSEC_RIGHTS_H */
