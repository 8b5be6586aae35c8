// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - registration
 */

#define pr_fmt(fmt) WINSEC_NAME ": " fmt

#include <linux/init.h>
#include <linux/lsm_hooks.h>
#include <uapi/linux/lsm.h>

#include "winsec.h"

const struct lsm_id winsec_lsmid = {
	.name = WINSEC_NAME,
	.id = LSM_ID_WINSEC,
};

struct lsm_blob_sizes winsec_blob_sizes __ro_after_init = {
};

static int __init winsec_init(void)
{
	pr_info("Up and running.\n");
	return 0;
}

DEFINE_LSM(winsec) = {
	.name = WINSEC_NAME,
	.init = winsec_init,
	.blobs = &winsec_blob_sizes,
};
