// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - registration, blob sizes and boot parameters
 */

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/lsm_hooks.h>
#include <linux/string.h>
#include <uapi/linux/lsm.h>

#include "audit.h"

#include "inode.h"
#include "ipc.h"
#include "key.h"
#include "ns.h"
#include "object.h"
#include "setup.h"
#include "subject.h"
#include "winsec.h"

const struct lsm_id winsec_lsmid = {
	.name = WINSEC_NAME,
	.id = LSM_ID_WINSEC,
};

struct lsm_blob_sizes winsec_blob_sizes __ro_after_init = {
	.lbs_cred = sizeof(struct winsec_cred),
	.lbs_file = sizeof(struct winsec_file),
	.lbs_inode = sizeof(struct winsec_inode),
	.lbs_ipc = sizeof(struct winsec_ipc),
#ifdef CONFIG_KEYS
	.lbs_key = sizeof(struct winsec_key),
#endif
	.lbs_superblock = sizeof(struct winsec_superblock),
	.lbs_task = sizeof(struct winsec_task),
	.lbs_xattr_count = 1,
};

/* Whether the LSM was initialised (it is in the lsm= order). */
bool winsec_initialized __ro_after_init;

/* Only "0" and "1" are taken, as by the enforce file of securityfs. */
static int __init winsec_enforce_setup(char *str)
{
	if (strcmp(str, "0") && strcmp(str, "1")) {
		pr_warn("winsec.enforce=%s ignored: 0 or 1 expected\n", str);
		return 1;
	}
	winsec_enforcing = str[0] == '1';
	return 1;
}
__setup("winsec.enforce=", winsec_enforce_setup);

static int __init winsec_init(void)
{
	winsec_add_cred_hooks();
	winsec_add_inode_hooks();
	winsec_add_xattr_hooks();
	winsec_add_fs_hooks();
	winsec_add_ipc_hooks();
	winsec_add_task_hooks();
	winsec_add_ns_hooks();
	winsec_add_key_hooks();
	winsec_add_uring_hooks();
	winsec_initialized = true;
	pr_info("Up and running (%s).\n",
		winsec_enforcing ? "enforcing" : "permissive");
	return 0;
}

DEFINE_LSM(winsec) = {
	.name = WINSEC_NAME,
	.init = winsec_init,
	.blobs = &winsec_blob_sizes,
};
