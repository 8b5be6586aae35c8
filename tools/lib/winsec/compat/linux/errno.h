/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - kernel errno for the shared core built in userspace
 *
 * The uapi header has every E* constant; <errno.h> would come back here
 * through <bits/errno.h>, so it is not included.
 */
#ifndef _WINSEC_COMPAT_LINUX_ERRNO_H
#define _WINSEC_COMPAT_LINUX_ERRNO_H

#include_next <linux/errno.h>

#endif
