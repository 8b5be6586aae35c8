// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - hooks of SysV IPC objects: message queues, semaphore sets
 * and shared memory segments
 *
 * SysV objects have no xattrs: their descriptor lives in the kern_ipc_perm
 * blob. It is set at creation from the creator descriptor (LSM_ATTR_FSCREATE)
 * or the creator's defaults, by the same inheritance code as files (with no
 * parent), and can be read and replaced later through securityfs (ipcfs.c).
 * POSIX message queues are files of the mqueue filesystem (inode.c, fs.c).
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/ipc.h>
#include <linux/ipc_namespace.h>
#include <linux/lsm_hooks.h>
#include <linux/msg.h>
#include <linux/mutex.h>
#include <linux/nsproxy.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/security.h>
#include <linux/sem.h>
#include <linux/shm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <uapi/linux/shm.h>
#include <uapi/linux/winsec.h>

#include "desc.h"
#include "ipc.h"
#include "object.h"
#include "rights.h"
#include "setup.h"
#include "label.h"
#include "subject.h"

/* --- SysV IPC objects -------------------------------------------------- */

static int hook_ipc_alloc_security(struct kern_ipc_perm *perm)
{
	struct winsec_desc *desc;
	int rc;

	rc = winsec_new_object_desc(current_cred(), 0, &winsec_ipc_mapping,
				    GFP_KERNEL_ACCOUNT, &desc);
	if (rc)
		return rc;
	RCU_INIT_POINTER(winsec_ipc(perm)->desc, desc);
	return 0;
}

/*
 * Called when the object is freed: for every type after an RCU grace
 * period (msg_rcu_free, sem_rcu_free, shm_rcu_free), or right after a
 * failed allocation hook; nobody can see the pointer any more.
 */
static void hook_ipc_free_security(struct kern_ipc_perm *perm)
{
	struct winsec_ipc *iblob = winsec_ipc(perm);

	winsec_desc_put(rcu_dereference_protected(iblob->desc, true));
	RCU_INIT_POINTER(iblob->desc, NULL);
}

/**
 * winsec_ipc_object() - describe a SysV IPC object as an object
 * @perm: the object
 * @desc: its descriptor (read under RCU or referenced), or NULL
 * @obj: the description to fill
 *
 * Checks use the euid, as the kernel's ipcperms() does. An object without
 * a descriptor is Medium.
 */
void winsec_ipc_object(struct kern_ipc_perm *perm,
		       const struct winsec_desc *desc, struct winsec_object *obj)
{
	/* Every field, without clearing the structure first. */
	obj->desc = desc;
	obj->uid = perm->uid;
	obj->gid = perm->gid;
	obj->cuid = perm->cuid;
	obj->map = &winsec_ipc_mapping;
	obj->level = winsec_implicit_level(WINSEC_KIND_ORDINARY, 0);
	obj->policy = WINSEC_LABEL_NO_WRITE_UP;
	obj->flags = 0;
	obj->idmap = NULL;
	obj->target.type = WINSEC_TARGET_IPC;
	obj->target.inode = NULL;
	obj->target.dentry = NULL;
	obj->target.ipc = perm;
	obj->target.task = NULL;
}

/* ipc_check() when the descriptor kept no decision that covers @desired. */
static noinline int ipc_check_object(const struct cred *cred,
				     struct kern_ipc_perm *perm,
				     const struct winsec_desc *desc,
				     u32 desired, const char *op)
{
	struct winsec_object obj;

	winsec_ipc_object(perm, desc, &obj);
	return winsec_object_enforce(cred, &obj, desired, op, -EACCES);
}

/*
 * Check rights on an IPC object, log and enforce a denial. Runs under the
 * object's lock for some callers: never sleeps. Return: 0 if granted (or
 * denied in permissive mode), -EACCES.
 */
static int ipc_check(const struct cred *cred, struct kern_ipc_perm *perm,
		     u32 desired, const char *op)
{
	const struct winsec_desc *desc;
	int rc = 0;

	if (!desired || !perm)
		return 0;
	rcu_read_lock();
	desc = rcu_dereference(winsec_ipc(perm)->desc);
	/* First what the descriptor kept for the subject, if it is enough. */
	if (!desc || !winsec_desc_kept(cred, desc, perm->uid,
				       &winsec_ipc_mapping, 0, desired))
		rc = ipc_check_object(cred, perm, desc, desired, op);
	rcu_read_unlock();
	return rc;
}

static int hook_ipc_permission(struct kern_ipc_perm *perm, short flag)
{
	return ipc_check(current_cred(), perm, winsec_ipcflag_rights(flag), "ipc");
}

static int hook_ipc_associate(struct kern_ipc_perm *perm, int flag)
{
	return ipc_check(current_cred(), perm, winsec_ipcflag_rights(flag), "associate");
}

static int hook_msg_queue_msgctl(struct kern_ipc_perm *perm, int cmd)
{
	return ipc_check(current_cred(), perm,
			 winsec_ipcctl_rights(WINSEC_IPC_MSG, cmd), "msgctl");
}

/*
 * msgsnd, semop and shmat have hooks of their own, but the kernel's
 * ipcperms() calls the ipc_permission hook just before each of them,
 * asking the same rights (IPC_WRITE to send, to alter a set or to attach
 * for writing; IPC_READ otherwise): winsec decides there, once, and does
 * not register them. So does msgrcv for the receiving task itself; a
 * sender that hands a message to a task waiting in msgrcv is the one case
 * where no ipc_permission check of that task precedes the hook.
 */
static int hook_msg_queue_msgrcv(struct kern_ipc_perm *perm,
				 struct msg_msg *msg, struct task_struct *target,
				 long type, int mode)
{
	const struct cred *cred;
	int rc;

	if (target == current)
		return 0;
	cred = get_task_cred(target);
	rc = ipc_check(cred, perm, WINSEC_IPC_READ, "msgrcv");
	put_cred(cred);
	return rc;
}

static int hook_sem_semctl(struct kern_ipc_perm *perm, int cmd)
{
	return ipc_check(current_cred(), perm,
			 winsec_ipcctl_rights(WINSEC_IPC_SEM, cmd), "semctl");
}

static int hook_shm_shmctl(struct kern_ipc_perm *perm, int cmd)
{
	return ipc_check(current_cred(), perm,
			 winsec_ipcctl_rights(WINSEC_IPC_SHM, cmd), "shmctl");
}

static struct security_hook_list winsec_ipc_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(ipc_permission, hook_ipc_permission),
	LSM_HOOK_INIT(msg_queue_alloc_security, hook_ipc_alloc_security),
	LSM_HOOK_INIT(msg_queue_free_security, hook_ipc_free_security),
	LSM_HOOK_INIT(msg_queue_associate, hook_ipc_associate),
	LSM_HOOK_INIT(msg_queue_msgctl, hook_msg_queue_msgctl),
	LSM_HOOK_INIT(msg_queue_msgrcv, hook_msg_queue_msgrcv),
	LSM_HOOK_INIT(sem_alloc_security, hook_ipc_alloc_security),
	LSM_HOOK_INIT(sem_free_security, hook_ipc_free_security),
	LSM_HOOK_INIT(sem_associate, hook_ipc_associate),
	LSM_HOOK_INIT(sem_semctl, hook_sem_semctl),
	LSM_HOOK_INIT(shm_alloc_security, hook_ipc_alloc_security),
	LSM_HOOK_INIT(shm_free_security, hook_ipc_free_security),
	LSM_HOOK_INIT(shm_associate, hook_ipc_associate),
	LSM_HOOK_INIT(shm_shmctl, hook_shm_shmctl),
};

/**
 * winsec_add_ipc_hooks() - register the SysV IPC hooks
 */
void __init winsec_add_ipc_hooks(void)
{
	security_add_hooks(winsec_ipc_hooks, ARRAY_SIZE(winsec_ipc_hooks),
			   &winsec_lsmid);
}
