// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - the descriptors of SysV IPC objects in securityfs
 *
 *   /sys/kernel/security/winsec/ipc/get  write "msg|sem|shm ID", read back
 *                                        the descriptor (READ_CONTROL)
 *   /sys/kernel/security/winsec/ipc/set  write "msg|sem|shm ID\n" followed
 *                                        by a descriptor, or by nothing to
 *                                        remove it (the rule of
 *                                        winsec_object_may_replace())
 *
 * Objects are looked up in the caller's IPC namespace only.
 */

#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/ipc.h>
#include <linux/ipc_namespace.h>
#include <linux/mutex.h>
#include <linux/nsproxy.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "desc.h"
#include "inode.h"
#include "ipc.h"
#include "object.h"
#include "securityfs.h"

/* Serialises the writers of &struct winsec_ipc.desc after creation. */
static DEFINE_MUTEX(winsec_ipc_mutex);

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
			/* Beyond INT_MAX is malformed too, not -ERANGE. */
			return kstrtoint(text + 4, 10, id) ? -EINVAL : 0;
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
 * with SeSecurityPrivilege (EPERM without it). Return: the descriptor, NULL
 * for an unlabeled object, or an ERR_PTR().
 */
static struct winsec_desc *ipc_read_desc(int type, int id)
{
	struct ipc_namespace *ns = current->nsproxy->ipc_ns;
	struct ipc_ids *ids = &ns->ids[type];
	const struct cred *cred = current_cred();
	struct winsec_decision dec;
	struct winsec_audit a = {
		.op = "ipc_get",
		.cred = cred,
		.dec = &dec,
	};
	struct kern_ipc_perm *perm;
	struct winsec_object obj;
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
	rcu_read_unlock();
	desired = WINSEC_READ_CONTROL;
	if (desc && desc->has_audit)
		desired |= WINSEC_ACCESS_SYSTEM_SECURITY;
	winsec_ipc_object(perm, desc, &obj);
	rc = winsec_object_check(cred, &obj, desired, &dec);
	winsec_object_audit(cred, &obj, desired, &dec, rc, "ipc_get");
	if (rc) {
		a.target = &obj.target;
		a.requested = desired;
		/* A missing privilege is EPERM, as for capabilities. */
		rc = winsec_deny(&a, dec.reason == WINSEC_REASON_PRIVILEGE ?
				     -EPERM : -EACCES, 0);
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

/* Replace the descriptor of object @id of @type; takes over @desc. */
static int ipc_set_desc(int type, int id, struct winsec_desc *desc)
{
	struct ipc_namespace *ns = current->nsproxy->ipc_ns;
	struct ipc_ids *ids = &ns->ids[type];
	struct kern_ipc_perm *perm;
	struct winsec_object obj;
	struct winsec_desc *old;
	struct winsec_ipc *iblob;
	int rc;

	down_read(&ids->rwsem);
	mutex_lock(&winsec_ipc_mutex);
	perm = find_object(ids, id);
	if (!perm) {
		rc = -EINVAL;
		goto out;
	}
	iblob = winsec_ipc(perm);
	old = rcu_dereference_protected(iblob->desc,
					lockdep_is_held(&winsec_ipc_mutex));
	winsec_ipc_object(perm, old, &obj);
	rc = winsec_object_may_replace(&obj, desc, "ipc_set");
	if (rc)
		goto out;
	rcu_assign_pointer(iblob->desc, desc);
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
	securityfs_recursive_remove(dir);
	return rc;
}

