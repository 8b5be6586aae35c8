/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec LSM - SysV IPC objects: the IPC blob
 */

#ifndef _SECURITY_WINSEC_IPC_H
#define _SECURITY_WINSEC_IPC_H

#include <linux/ipc.h>
#include <linux/rcupdate.h>

#include "desc.h"
#include "object.h"
#include "winsec.h"

/**
 * struct winsec_ipc - the winsec part of a SysV IPC object
 * @desc: the object's descriptor, NULL when it has none; set at creation,
 *	  replaced through securityfs (ipcfs.c) with rcu_assign_pointer()
 *	  under that file's mutex, read under RCU
 */
struct winsec_ipc {
	struct winsec_desc __rcu *desc;
};

/**
 * winsec_ipc() - the winsec part of a SysV IPC object
 * @perm: the object
 *
 * Return: the blob.
 */
static inline struct winsec_ipc *winsec_ipc(const struct kern_ipc_perm *perm)
{
	return perm->security + winsec_blob_sizes.lbs_ipc;
}

void winsec_ipc_object(struct kern_ipc_perm *perm,
		       const struct winsec_desc *desc, struct winsec_object *obj);

#endif /* _SECURITY_WINSEC_IPC_H */
