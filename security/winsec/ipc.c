// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - IPC objects: SysV message queues, semaphore sets and shared
 * memory segments, and POSIX message queues
 *
 * SysV objects have no xattrs: their descriptor lives in the kern_ipc_perm
 * blob. It is set at creation from the creator descriptor (LSM_ATTR_FSCREATE)
 * or the creator's defaults, by the same inheritance code as files (with no
 * parent), and can be read and replaced later through securityfs:
 *
 *   /sys/kernel/security/winsec/ipc/get  write "msg|sem|shm ID", read back
 *                                        the descriptor (READ_CONTROL)
 *   /sys/kernel/security/winsec/ipc/set  write "msg|sem|shm ID\n" followed
 *                                        by a descriptor, or by nothing to
 *                                        remove it (WRITE_DAC, WRITE_OWNER,
 *                                        label rules)
 *
 * POSIX message queues live on the mqueue filesystem, which has no xattrs
 * either: their descriptor is put in the inode blob when the queue is
 * created, and the file rules check them when they are opened.
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

#include "access.h"
#include "inherit.h"
#include "sd.h"
#include "sid.h"
#include "winsec.h"

/* The mqueue filesystem's magic number (private to ipc/mqueue.c). */
#define WINSEC_MQUEUE_MAGIC	0x19800202

/* --- descriptors of new objects --------------------------------------- */

/**
 * new_object_desc() - the descriptor a new object gets
 * @cred: the creator
 * @fs: use the creator's fsuid (an object of a filesystem) or euid
 * @map: the object type's generic mapping
 * @gfp: allocation flags
 *
 * The rules of files with no parent: the creator descriptor when one is
 * set, otherwise the creator as owner and group, no DACL, and a label at
 * the creator's level when it is below Medium.
 *
 * Return: a descriptor, NULL when the object stays unlabeled, or an
 * ERR_PTR().
 */
static struct winsec_desc *new_object_desc(const struct cred *cred, bool fs,
					   const struct winsec_generic_mapping *map,
					   gfp_t gfp)
{
	const struct winsec_cred *wc = winsec_cred(cred);
	const struct winsec_sd *creator = wc->fscreate ? &wc->fscreate->sd :
							 NULL;
	struct winsec_desc *desc = NULL;
	struct winsec_token tok;
	const char *reason;
	u32 bound, len = 0;
	void *buf;
	int rc;

	/* The common case costs nothing: the object stays unlabeled. */
	if (!creator && wc->level >= WINSEC_LEVEL_MEDIUM)
		return NULL;

	winsec_token_fill(cred, fs, &tok);
	bound = winsec_inherit_bound(NULL, creator);
	buf = kvmalloc(bound, gfp);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	rc = winsec_inherit(NULL, creator, &tok, false, map, buf, bound, &len);
	if (!rc && len) {
		desc = winsec_desc_create(buf, len, gfp, &reason);
		WARN_ON_ONCE(desc == ERR_PTR(-EINVAL));
	} else if (rc) {
		desc = ERR_PTR(rc);
	}
	kvfree(buf);
	return desc;
}

/* --- SysV IPC objects -------------------------------------------------- */

/* Serialises the writers of &struct winsec_ipc.desc after creation. */
static DEFINE_MUTEX(winsec_ipc_mutex);

static struct winsec_ipc *winsec_ipc(const struct kern_ipc_perm *perm)
{
	return perm->security + winsec_blob_sizes.lbs_ipc;
}

static int hook_ipc_alloc_security(struct kern_ipc_perm *perm)
{
	struct winsec_desc *desc;

	desc = new_object_desc(current_cred(), false, &winsec_ipc_mapping,
			       GFP_KERNEL_ACCOUNT);
	if (IS_ERR(desc))
		return PTR_ERR(desc);
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
	struct winsec_ipc *isec = winsec_ipc(perm);

	winsec_desc_put(rcu_dereference_protected(isec->desc, true));
	RCU_INIT_POINTER(isec->desc, NULL);
}

/*
 * The access check on an IPC object for the token of @cred (its euid, as
 * the kernel's ipcperms() uses). An unlabeled object has the implicit
 * descriptor: its Unix owner and group, no DACL, Medium NO_WRITE_UP. The
 * caller holds rcu_read_lock(). Return: 0 or -EACCES.
 */
static int ipc_evaluate(const struct cred *cred, struct kern_ipc_perm *perm,
			const struct winsec_desc *desc, u32 desired,
			struct winsec_decision *dec)
{
	struct winsec_sid_buf owner, group;
	struct winsec_token tok;
	struct winsec_sd sd = {
		.control = WINSEC_SE_SELF_RELATIVE,
	};

	winsec_stat_inc(checks);
	if (desc) {
		winsec_stat_inc(cache_hits);
		sd = desc->sd;
	}
	if (!sd.owner) {
		winsec_sid_unix_user(&owner, __kuid_val(perm->uid));
		sd.owner = winsec_sid_of(&owner);
	}
	if (!sd.group) {
		winsec_sid_unix_group(&group, __kgid_val(perm->gid));
		sd.group = winsec_sid_of(&group);
	}
	winsec_token_fill(cred, false, &tok);
	return winsec_access_check(&sd, &tok, &winsec_ipc_mapping, desired,
				   dec) ? -EACCES : 0;
}

/**
 * ipc_check() - check rights on an IPC object, log and enforce a denial
 * @cred: the subject
 * @perm: the object
 * @desired: the rights requested
 * @op: the operation, for the log
 *
 * Runs under the object's lock for some callers: never sleeps.
 *
 * Return: 0 if granted (or denied in permissive mode), -EACCES.
 */
static int ipc_check(const struct cred *cred, struct kern_ipc_perm *perm,
		     u32 desired, const char *op)
{
	const struct winsec_cred *wc = winsec_cred(cred);
	struct winsec_audit a = {
		.op = op,
		.cred = cred,
		.ipc = perm,
		.requested = desired,
	};
	struct winsec_decision dec;
	struct winsec_desc *desc;
	int rc;

	if (!desired || !perm)
		return 0;
	rcu_read_lock();
	desc = rcu_dereference(winsec_ipc(perm)->desc);
	/* Unlabeled and a subject at Medium or above: nothing restricts. */
	if (!desc && (wc->level >= WINSEC_LEVEL_MEDIUM ||
		      !(wc->policy & WINSEC_POLICY_NO_WRITE_UP))) {
		rcu_read_unlock();
		return 0;
	}
	rc = ipc_evaluate(cred, perm, desc, desired, &dec);
	rcu_read_unlock();
	if (!rc)
		return 0;
	a.dec = &dec;
	return winsec_deny(&a);
}

/* The rights the mode bits of a get or of ipcperms() ask for. */
static u32 flag_rights(int flag)
{
	u32 desired = 0;

	if (flag & 0444)
		desired |= WINSEC_IPC_READ;
	if (flag & 0222)
		desired |= WINSEC_IPC_WRITE;
	return desired;
}

static int hook_ipc_permission(struct kern_ipc_perm *perm, short flag)
{
	return ipc_check(current_cred(), perm, flag_rights(flag), "ipc");
}

static int hook_ipc_associate(struct kern_ipc_perm *perm, int flag)
{
	return ipc_check(current_cred(), perm, flag_rights(flag), "associate");
}

/*
 * The rights of the ctl commands every type shares; the STAT variants of
 * each type are handled by its hook (their numbers overlap across types).
 */
static u32 ctl_rights(int cmd)
{
	switch (cmd) {
	case IPC_STAT:
		return WINSEC_READ_CONTROL;
	case IPC_SET:
		return WINSEC_WRITE_DAC;
	case IPC_RMID:
		return WINSEC_DELETE;
	default:
		/* IPC_INFO and the like have no object; others are refused. */
		return 0;
	}
}

static int hook_msg_queue_msgctl(struct kern_ipc_perm *perm, int cmd)
{
	u32 desired;

	switch (cmd) {
	case MSG_STAT:
	case MSG_STAT_ANY:
		desired = WINSEC_READ_CONTROL;
		break;
	default:
		desired = ctl_rights(cmd);
		break;
	}
	return ipc_check(current_cred(), perm, desired, "msgctl");
}

static int hook_msg_queue_msgsnd(struct kern_ipc_perm *perm,
				 struct msg_msg *msg, int msqflg)
{
	return ipc_check(current_cred(), perm, WINSEC_IPC_WRITE, "msgsnd");
}

static int hook_msg_queue_msgrcv(struct kern_ipc_perm *perm,
				 struct msg_msg *msg, struct task_struct *target,
				 long type, int mode)
{
	const struct cred *cred;
	int rc;

	if (target == current)
		return ipc_check(current_cred(), perm, WINSEC_IPC_READ,
				 "msgrcv");
	/* A sender hands a message to a waiting receiver: check the latter. */
	cred = get_task_cred(target);
	rc = ipc_check(cred, perm, WINSEC_IPC_READ, "msgrcv");
	put_cred(cred);
	return rc;
}

static int hook_sem_semctl(struct kern_ipc_perm *perm, int cmd)
{
	u32 desired;

	switch (cmd) {
	case GETVAL:
	case GETALL:
	case GETPID:
	case GETNCNT:
	case GETZCNT:
		desired = WINSEC_IPC_READ;
		break;
	case SETVAL:
	case SETALL:
		desired = WINSEC_IPC_WRITE;
		break;
	case SEM_STAT:
	case SEM_STAT_ANY:
		desired = WINSEC_READ_CONTROL;
		break;
	default:
		desired = ctl_rights(cmd);
		break;
	}
	return ipc_check(current_cred(), perm, desired, "semctl");
}

static int hook_sem_semop(struct kern_ipc_perm *perm, struct sembuf *sops,
			  unsigned int nsops, int alter)
{
	return ipc_check(current_cred(), perm,
			 alter ? WINSEC_IPC_WRITE : WINSEC_IPC_READ, "semop");
}

static int hook_shm_shmctl(struct kern_ipc_perm *perm, int cmd)
{
	u32 desired;

	switch (cmd) {
	case SHM_LOCK:
	case SHM_UNLOCK:
		desired = WINSEC_IPC_WRITE;
		break;
	case SHM_STAT:
	case SHM_STAT_ANY:
		desired = WINSEC_READ_CONTROL;
		break;
	default:
		desired = ctl_rights(cmd);
		break;
	}
	return ipc_check(current_cred(), perm, desired, "shmctl");
}

static int hook_shm_shmat(struct kern_ipc_perm *perm, char __user *shmaddr,
			  int shmflg)
{
	u32 desired = WINSEC_IPC_READ;

	if (!(shmflg & SHM_RDONLY))
		desired |= WINSEC_IPC_WRITE;
	return ipc_check(current_cred(), perm, desired, "shmat");
}

/* --- POSIX message queues ---------------------------------------------- */

/**
 * winsec_mqueue_instantiate() - label a new POSIX message queue
 * @dentry: the new dentry
 * @inode: its inode, or NULL
 *
 * Called from the d_instantiate hook. The mqueue filesystem has no xattrs
 * and no inode_init_security call, and d_instantiate is the first moment
 * the inode is known to be a queue; it runs in mq_open() with the
 * creator's credentials, before the queue is visible. The descriptor
 * follows the rules of new files with no inheritable parent; the queue is
 * then checked by the file rules when it is opened. Without memory the
 * queue stays unlabeled (the implicit Medium label).
 */
void winsec_mqueue_instantiate(struct dentry *dentry, struct inode *inode)
{
	struct winsec_desc *desc;

	if (!inode || inode->i_sb->s_magic != WINSEC_MQUEUE_MAGIC ||
	    !S_ISREG(inode->i_mode))
		return;
	desc = new_object_desc(current_cred(), true, &winsec_file_mapping,
			       GFP_KERNEL);
	if (IS_ERR(desc)) {
		pr_warn_ratelimited("cannot label message queue %pd: %ld\n",
				    dentry, PTR_ERR(desc));
		return;
	}
	if (desc)
		winsec_inode_set_desc(inode, desc);
}

/* --- securityfs: reading and setting descriptors ---------------------- */

/* Longest command: "msg 2147483647\n" with room to spare. */
#define WINSEC_IPC_CMD_MAX	32

/* Index of each type in &struct ipc_namespace.ids (ipc/util.h). */
#define WINSEC_IPC_SEM_IDS	0
#define WINSEC_IPC_MSG_IDS	1
#define WINSEC_IPC_SHM_IDS	2

static const char *const winsec_ipc_types[] = {
	[WINSEC_IPC_SEM_IDS] = "sem",
	[WINSEC_IPC_MSG_IDS] = "msg",
	[WINSEC_IPC_SHM_IDS] = "shm",
};

/* Parse "TYPE ID" (@len bytes, no terminator). Return: 0 or -EINVAL. */
static int parse_cmd(const char *buf, size_t len, int *type, int *id)
{
	char text[WINSEC_IPC_CMD_MAX];
	unsigned int i;

	while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\0'))
		len--;
	if (len < 5 || len >= sizeof(text))
		return -EINVAL;
	memcpy(text, buf, len);
	text[len] = '\0';
	if (strlen(text) != len || text[3] != ' ' || text[4] < '0' ||
	    text[4] > '9')
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(winsec_ipc_types); i++) {
		if (!strncmp(text, winsec_ipc_types[i], 3)) {
			*type = i;
			return kstrtoint(text + 4, 10, id);
		}
	}
	return -EINVAL;
}

/*
 * The object @id of @type in the caller's IPC namespace. The caller holds
 * the type's rwsem for reading: the identifier set cannot change, every
 * object in it is fully created, and none can be removed or freed.
 */
static struct kern_ipc_perm *find_object(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *perm;
	int idx;

	idr_for_each_entry(&ids->ipcs_idr, perm, idx)
		if (perm->id == id && !perm->deleted)
			return perm;
	return NULL;
}

/**
 * struct winsec_ipc_handle - an open transaction file
 * @lock: serialises the transactions on this file
 * @desc: the descriptor read by the last transaction, or NULL
 */
struct winsec_ipc_handle {
	struct mutex lock; /* protects @desc */
	struct winsec_desc *desc;
};

static int ipc_get_open(struct inode *inode, struct file *file)
{
	struct winsec_ipc_handle *h = kzalloc(sizeof(*h), GFP_KERNEL);

	if (!h)
		return -ENOMEM;
	mutex_init(&h->lock);
	file->private_data = h;
	return 0;
}

static int ipc_get_release(struct inode *inode, struct file *file)
{
	struct winsec_ipc_handle *h = file->private_data;

	winsec_desc_put(h->desc);
	kfree(h);
	return 0;
}

/*
 * Read the descriptor of an object: READ_CONTROL, and the audit ACEs only
 * with SeSecurityPrivilege. Return: the descriptor, NULL for an unlabeled
 * object, or an ERR_PTR().
 */
static struct winsec_desc *ipc_read_desc(int type, int id)
{
	struct ipc_namespace *ns = current->nsproxy->ipc_ns;
	struct ipc_ids *ids = &ns->ids[type];
	const struct cred *cred = current_cred();
	struct winsec_audit a = {
		.op = "ipc_get",
		.cred = cred,
	};
	struct winsec_decision dec;
	struct kern_ipc_perm *perm;
	struct winsec_desc *desc;
	u32 desired;
	int rc;

	down_read(&ids->rwsem);
	perm = find_object(ids, id);
	if (!perm) {
		up_read(&ids->rwsem);
		return ERR_PTR(-EINVAL);
	}
	rcu_read_lock();
	desc = winsec_desc_get(rcu_dereference(winsec_ipc(perm)->desc));
	desired = WINSEC_READ_CONTROL;
	if (desc && desc->has_audit)
		desired |= WINSEC_ACCESS_SYSTEM_SECURITY;
	rc = ipc_evaluate(cred, perm, desc, desired, &dec);
	rcu_read_unlock();
	if (rc) {
		a.ipc = perm;
		a.dec = &dec;
		a.requested = desired;
		rc = winsec_deny(&a);
		if (rc && dec.reason == WINSEC_REASON_PRIVILEGE)
			rc = -EPERM;
	}
	up_read(&ids->rwsem);
	if (rc) {
		winsec_desc_put(desc);
		return ERR_PTR(rc);
	}
	return desc;
}

static ssize_t ipc_get_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	struct winsec_ipc_handle *h = file->private_data;
	char buf[WINSEC_IPC_CMD_MAX];
	struct winsec_desc *desc;
	int type, id, rc;

	if (*ppos || !count || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	rc = parse_cmd(buf, count, &type, &id);
	if (rc)
		return rc;
	desc = ipc_read_desc(type, id);
	if (IS_ERR(desc))
		return PTR_ERR(desc);
	mutex_lock(&h->lock);
	winsec_desc_put(h->desc);
	h->desc = desc;
	mutex_unlock(&h->lock);
	/* An unlabeled object has no descriptor to show, as getxattr. */
	return desc ? count : -ENODATA;
}

static ssize_t ipc_get_read(struct file *file, char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	struct winsec_ipc_handle *h = file->private_data;
	ssize_t rc = 0;

	mutex_lock(&h->lock);
	if (h->desc)
		rc = simple_read_from_buffer(ubuf, count, ppos, h->desc->data,
					     h->desc->len);
	mutex_unlock(&h->lock);
	return rc;
}

static const struct file_operations ipc_get_fops = {
	.open = ipc_get_open,
	.release = ipc_get_release,
	.read = ipc_get_read,
	.write = ipc_get_write,
	.llseek = generic_file_llseek,
};

/* Owner (@user) or group of a view, the object's Unix one when absent. */
static const struct winsec_sid *effective_sid(const struct winsec_sd *sd,
					      const struct kern_ipc_perm *perm,
					      bool user,
					      struct winsec_sid_buf *buf)
{
	if (user && sd->owner)
		return sd->owner;
	if (!user && sd->group)
		return sd->group;
	if (user)
		winsec_sid_unix_user(buf, __kuid_val(perm->uid));
	else
		winsec_sid_unix_group(buf, __kgid_val(perm->gid));
	return winsec_sid_of(buf);
}

#define DACL_CONTROL (WINSEC_SE_DACL_PRESENT | WINSEC_SE_DACL_PROTECTED | \
		      WINSEC_SE_DACL_AUTO_INHERITED | \
		      WINSEC_SE_DACL_AUTO_INHERIT_REQ | \
		      WINSEC_SE_DACL_DEFAULTED | WINSEC_SE_DACL_TRUSTED)

/* Whether two views have the same DACL (and DACL control bits). */
static bool same_dacl(const struct winsec_sd *a, const struct winsec_sd *b)
{
	struct winsec_sd x = {
		.control = (a->control & DACL_CONTROL) | WINSEC_SE_SELF_RELATIVE,
		.dacl = a->dacl,
	};
	struct winsec_sd y = {
		.control = (b->control & DACL_CONTROL) | WINSEC_SE_SELF_RELATIVE,
		.dacl = b->dacl,
	};

	return winsec_sd_equal(&x, &y);
}

/*
 * Whether the caller may replace the descriptor @old of @perm by @new
 * (NULL: remove it), by the rules of the security.winsec attribute:
 * changing the DACL needs WRITE_DAC; the owner, the group or the label
 * WRITE_OWNER; audit ACEs, in the old or the new descriptor,
 * SeSecurityPrivilege; writing the same value again WRITE_DAC. A label is
 * set no higher than the caller's level, an owner only to the caller,
 * without the matching privileges. Called with winsec_ipc_mutex held.
 */
static int may_set_desc(struct kern_ipc_perm *perm,
			const struct winsec_desc *old,
			const struct winsec_desc *new)
{
	static const struct winsec_sd implicit = {
		.control = WINSEC_SE_SELF_RELATIVE,
	};
	const struct winsec_sd *osd = old ? &old->sd : &implicit;
	const struct winsec_sd *nsd = new ? &new->sd : &implicit;
	const struct cred *cred = current_cred();
	struct winsec_audit a = {
		.op = "ipc_set",
		.cred = cred,
		.ipc = perm,
	};
	struct winsec_sid_buf b1, b2;
	struct winsec_decision dec;
	struct winsec_token tok;
	bool owner, label;
	u32 ol, op, nl, np;
	u32 desired = 0;
	int rc;

	if (!same_dacl(osd, nsd))
		desired |= WINSEC_WRITE_DAC;
	owner = !winsec_sid_equal(effective_sid(osd, perm, true, &b1),
				  effective_sid(nsd, perm, true, &b2));
	if (owner ||
	    !winsec_sid_equal(effective_sid(osd, perm, false, &b1),
			      effective_sid(nsd, perm, false, &b2)))
		desired |= WINSEC_WRITE_OWNER;
	winsec_sd_label_info(osd, &ol, &op);
	winsec_sd_label_info(nsd, &nl, &np);
	label = ol != nl || op != np;
	if (label)
		desired |= WINSEC_WRITE_OWNER;
	/* Audit ACEs written or removed (compared as a whole). */
	if ((new && new->has_audit) || (old && old->has_audit))
		desired |= WINSEC_ACCESS_SYSTEM_SECURITY;
	if (!desired)
		desired = WINSEC_WRITE_DAC;
	a.requested = desired;

	/*
	 * No DACL (unlabeled, or a descriptor without SE_DACL_PRESENT): the
	 * descriptor is the owner's to change, as for files.
	 */
	if ((!old || !winsec_sd_has_dacl(&old->sd)) &&
	    !uid_eq(cred->euid, perm->uid) &&
	    !uid_eq(cred->euid, perm->cuid) && !capable(CAP_FOWNER)) {
		a.reason = "not_owner";
		return winsec_deny(&a) ? -EPERM : 0;
	}

	rcu_read_lock();
	rc = ipc_evaluate(cred, perm, old, desired, &dec);
	rcu_read_unlock();
	if (rc) {
		a.dec = &dec;
		rc = winsec_deny(&a);
		if (rc && dec.reason == WINSEC_REASON_PRIVILEGE)
			rc = -EPERM;
		return rc;
	}

	winsec_token_fill(cred, false, &tok);
	if (new)
		rc = winsec_check_assign(&tok, new, label, true, owner);
	else if (tok.level < WINSEC_LEVEL_MEDIUM &&
		 !(tok.privileges & WINSEC_PRIV_RELABEL))
		rc = -EPERM;	/* an unlabeled object is Medium */
	if (rc) {
		a.reason = "privilege";
		return winsec_deny(&a) ? -EPERM : 0;
	}
	return 0;
}

/* Replace the descriptor of object @id of @type; takes over @desc. */
static int ipc_set_desc(int type, int id, struct winsec_desc *desc)
{
	struct ipc_namespace *ns = current->nsproxy->ipc_ns;
	struct ipc_ids *ids = &ns->ids[type];
	struct kern_ipc_perm *perm;
	struct winsec_desc *old;
	struct winsec_ipc *isec;
	int rc;

	down_read(&ids->rwsem);
	mutex_lock(&winsec_ipc_mutex);
	perm = find_object(ids, id);
	if (!perm) {
		rc = -EINVAL;
		goto out;
	}
	isec = winsec_ipc(perm);
	old = rcu_dereference_protected(isec->desc,
					lockdep_is_held(&winsec_ipc_mutex));
	rc = may_set_desc(perm, old, desc);
	if (rc)
		goto out;
	rcu_assign_pointer(isec->desc, desc);
	desc = old;	/* dropped below, after the readers' grace period */
out:
	mutex_unlock(&winsec_ipc_mutex);
	up_read(&ids->rwsem);
	winsec_desc_put(desc);
	return rc;
}

static ssize_t ipc_set_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	struct winsec_desc *desc = NULL;
	const char *reason, *nl;
	int type, id, rc;
	size_t head;
	char *buf;

	if (*ppos || !count || count > WINSEC_IPC_CMD_MAX + WINSEC_SD_MAX_SIZE)
		return -EINVAL;
	buf = vmemdup_user(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	rc = -EINVAL;
	nl = memchr(buf, '\n', min_t(size_t, count, WINSEC_IPC_CMD_MAX));
	if (!nl)
		goto out;
	head = nl - buf + 1;
	rc = parse_cmd(buf, head, &type, &id);
	if (rc)
		goto out;
	if (count > head) {
		desc = winsec_desc_create(buf + head, count - head, GFP_KERNEL,
					  &reason);
		if (IS_ERR(desc)) {
			rc = PTR_ERR(desc);
			goto out;
		}
	}
	rc = ipc_set_desc(type, id, desc);
out:
	kvfree(buf);
	return rc ? rc : count;
}

static const struct file_operations ipc_set_fops = {
	.write = ipc_set_write,
	.llseek = noop_llseek,
};

/*
 * The interface files are open to every task, down to Untrusted: what a
 * caller may read or change is decided by the objects' descriptors. Their
 * inodes get an Untrusted NO_WRITE_UP label without a DACL, so that the
 * file rules let low tasks write their requests.
 */
static const u8 winsec_ipc_files_sd[] = {
	/* header: revision 1, SACL_PRESENT | SELF_RELATIVE, SACL at 20 */
	1, 0, 0x10, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 0, 0,
	/* SACL: revision 2, size 28, one ACE */
	2, 0, 28, 0, 1, 0, 0, 0,
	/* SYSTEM_MANDATORY_LABEL, size 20, NO_WRITE_UP, S-1-16-0 */
	0x11, 0, 20, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 16, 0, 0, 0, 0,
};

static int label_file(struct dentry *dentry)
{
	struct winsec_desc *desc;
	const char *reason;

	desc = winsec_desc_create(winsec_ipc_files_sd,
				  sizeof(winsec_ipc_files_sd), GFP_KERNEL,
				  &reason);
	if (IS_ERR(desc))
		return PTR_ERR(desc);
	winsec_inode_set_desc(d_inode(dentry), desc);
	return 0;
}

/**
 * winsec_ipc_securityfs_init() - create the ipc/ directory of securityfs
 * @root: the winsec directory
 *
 * Return: 0 or an errno; on error nothing is left behind.
 */
int __init winsec_ipc_securityfs_init(struct dentry *root)
{
	struct dentry *dir, *get, *set;
	int rc;

	if (!IS_ENABLED(CONFIG_SYSVIPC))
		return 0;
	dir = securityfs_create_dir("ipc", root);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	get = securityfs_create_file("get", 0666, dir, NULL, &ipc_get_fops);
	rc = PTR_ERR_OR_ZERO(get);
	if (rc)
		goto err;
	set = securityfs_create_file("set", 0222, dir, NULL, &ipc_set_fops);
	rc = PTR_ERR_OR_ZERO(set);
	if (rc)
		goto err;
	rc = label_file(get);
	if (!rc)
		rc = label_file(set);
	if (!rc)
		return 0;
err:
	securityfs_remove(dir);
	return rc;
}

static struct security_hook_list winsec_ipc_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(ipc_permission, hook_ipc_permission),
	LSM_HOOK_INIT(msg_queue_alloc_security, hook_ipc_alloc_security),
	LSM_HOOK_INIT(msg_queue_free_security, hook_ipc_free_security),
	LSM_HOOK_INIT(msg_queue_associate, hook_ipc_associate),
	LSM_HOOK_INIT(msg_queue_msgctl, hook_msg_queue_msgctl),
	LSM_HOOK_INIT(msg_queue_msgsnd, hook_msg_queue_msgsnd),
	LSM_HOOK_INIT(msg_queue_msgrcv, hook_msg_queue_msgrcv),
	LSM_HOOK_INIT(sem_alloc_security, hook_ipc_alloc_security),
	LSM_HOOK_INIT(sem_free_security, hook_ipc_free_security),
	LSM_HOOK_INIT(sem_associate, hook_ipc_associate),
	LSM_HOOK_INIT(sem_semctl, hook_sem_semctl),
	LSM_HOOK_INIT(sem_semop, hook_sem_semop),
	LSM_HOOK_INIT(shm_alloc_security, hook_ipc_alloc_security),
	LSM_HOOK_INIT(shm_free_security, hook_ipc_free_security),
	LSM_HOOK_INIT(shm_associate, hook_ipc_associate),
	LSM_HOOK_INIT(shm_shmctl, hook_shm_shmctl),
	LSM_HOOK_INIT(shm_shmat, hook_shm_shmat),
};

/**
 * winsec_add_ipc_hooks() - register the SysV IPC hooks
 */
void __init winsec_add_ipc_hooks(void)
{
	security_add_hooks(winsec_ipc_hooks, ARRAY_SIZE(winsec_ipc_hooks),
			   &winsec_lsmid);
}
