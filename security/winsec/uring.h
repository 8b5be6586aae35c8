/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec LSM - io_uring: rings that act at another level
 */

#ifndef _SECURITY_WINSEC_URING_H
#define _SECURITY_WINSEC_URING_H

#include <linux/types.h>

/* Flags of winsec_uring_may_lower(). */
#define WINSEC_LOWER_EXEC	0x01	/* lowered by exec */

#ifdef CONFIG_IO_URING
int winsec_uring_may_lower(u32 level, u32 flags);
#else
static inline int winsec_uring_may_lower(u32 level, u32 flags)
{
	return 0;
}
#endif

#endif /* _SECURITY_WINSEC_URING_H */
