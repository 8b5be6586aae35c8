/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - the kernel's function attribute macros, for userspace code
 */
#ifndef _WINSEC_COMPAT_LINUX_COMPILER_H
#define _WINSEC_COMPAT_LINUX_COMPILER_H

#ifndef __printf
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#endif
#ifndef __noreturn
#define __noreturn __attribute__((__noreturn__))
#endif

#endif
