/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - bit helpers for the shared core built in userspace
 */
#ifndef _WINSEC_COMPAT_LINUX_BITS_H
#define _WINSEC_COMPAT_LINUX_BITS_H

#include <linux/types.h>

#endif
