/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - snprintf() for the shared core built in userspace
 */
#ifndef _WINSEC_COMPAT_LINUX_SPRINTF_H
#define _WINSEC_COMPAT_LINUX_SPRINTF_H

#include <stdio.h>

#endif
