/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - overflow-checked arithmetic for the shared core built in userspace
 */
#ifndef _WINSEC_COMPAT_LINUX_OVERFLOW_H
#define _WINSEC_COMPAT_LINUX_OVERFLOW_H

#define check_add_overflow(a, b, d) __builtin_add_overflow(a, b, d)
#define check_sub_overflow(a, b, d) __builtin_sub_overflow(a, b, d)
#define check_mul_overflow(a, b, d) __builtin_mul_overflow(a, b, d)

#endif
