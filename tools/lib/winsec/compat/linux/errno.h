/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - kernel errno for the shared core built in userspace
 */
#ifndef _WINSEC_COMPAT_LINUX_ERRNO_H
#define _WINSEC_COMPAT_LINUX_ERRNO_H

#include <errno.h>

#endif
