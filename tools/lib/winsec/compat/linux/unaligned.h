/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - unaligned little-endian access for the shared core in userspace
 */
#ifndef _WINSEC_COMPAT_LINUX_UNALIGNED_H
#define _WINSEC_COMPAT_LINUX_UNALIGNED_H

#include <endian.h>
#include <string.h>
#include <linux/types.h>

static inline u16 get_unaligned_le16(const void *p)
{
	u16 v;

	memcpy(&v, p, sizeof(v));
	return le16toh(v);
}

static inline u32 get_unaligned_le32(const void *p)
{
	u32 v;

	memcpy(&v, p, sizeof(v));
	return le32toh(v);
}

static inline u64 get_unaligned_le64(const void *p)
{
	u64 v;

	memcpy(&v, p, sizeof(v));
	return le64toh(v);
}

static inline void put_unaligned_le16(u16 v, void *p)
{
	v = htole16(v);
	memcpy(p, &v, sizeof(v));
}

static inline void put_unaligned_le32(u32 v, void *p)
{
	v = htole32(v);
	memcpy(p, &v, sizeof(v));
}

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the userspace build of the shared core supports little-endian hosts"
#endif
/* Constant expressions, usable in static initializers as in the kernel. */
#define cpu_to_le32(x) ((__le32)(u32)(x))
#define le32_to_cpu(x) ((u32)(x))
#define cpu_to_le16(x) ((__le16)(u16)(x))
#define le16_to_cpu(x) ((u16)(x))

#endif
