/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - string functions for the shared core built in userspace
 */
#ifndef _WINSEC_COMPAT_LINUX_STRING_H
#define _WINSEC_COMPAT_LINUX_STRING_H

#include <string.h>
#include <strings.h>

#endif
