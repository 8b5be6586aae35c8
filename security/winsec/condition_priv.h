/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - conditional ACE expressions: what condition.c (the stack
 * machine) and claims.c (attributes and comparisons) share
 *
 * Part of the shared core, internal to those two files.
 */

#ifndef _SECURITY_WINSEC_CONDITION_PRIV_H
#define _SECURITY_WINSEC_CONDITION_PRIV_H

#include <linux/errno.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/unaligned.h>

#include "access.h"
#include "condition.h"
#include "sd.h"
#include "sid.h"

/* Token bytes (MS-DTYP 2.4.4.17.5 to 2.4.4.17.8). */
#define CT_PAD			0x00
#define CT_INT8			0x01
#define CT_INT16		0x02
#define CT_INT32		0x03
#define CT_INT64		0x04
#define CT_STRING		0x10
#define CT_OCTETS		0x18
#define CT_COMPOSITE		0x50
#define CT_SID			0x51
#define CT_EQ			0x80
#define CT_NE			0x81
#define CT_LT			0x82
#define CT_LE			0x83
#define CT_GT			0x84
#define CT_GE			0x85
#define CT_CONTAINS		0x86
#define CT_EXISTS		0x87
#define CT_ANY_OF		0x88
#define CT_MEMBER_OF		0x89
#define CT_DEV_MEMBER_OF	0x8a
#define CT_MEMBER_OF_ANY	0x8b
#define CT_DEV_MEMBER_OF_ANY	0x8c
#define CT_NOT_EXISTS		0x8d
#define CT_NOT_CONTAINS		0x8e
#define CT_NOT_ANY_OF		0x8f
#define CT_NOT_MEMBER_OF	0x90
#define CT_NOT_DEV_MEMBER_OF	0x91
#define CT_NOT_MEMBER_OF_ANY	0x92
#define CT_NOT_DEV_MEMBER_OF_ANY 0x93
#define CT_AND			0xa0
#define CT_OR			0xa1
#define CT_NOT			0xa2
#define CT_ATTR_LOCAL		0xf8
#define CT_ATTR_USER		0xf9
#define CT_ATTR_RESOURCE	0xfa
#define CT_ATTR_DEVICE		0xfb

/* Sign and base bytes of integer literals. */
#define SIGN_MINUS		2
#define SIGN_MAX		3
#define BASE_MAX		3

/* An integer token: byte, 64-bit value, sign, base. */
#define INT_TOKEN_SIZE		11
/* A token byte and a 32-bit length. */
#define LEN_TOKEN_HEAD		5

/* Results other than the three values. */
#define COND_ERROR		(-1)

/* Kinds of stack items. */
enum item_kind {
	IT_RESULT,	/* @type holds a WINSEC_COND_* value */
	IT_LITERAL,	/* @data is a literal token */
	IT_ATTR,	/* @data is a claim of a resource or local attribute */
	IT_ATTR_P,	/* ... of a @User. or @Device. attribute */
	IT_NULL,	/* an absent resource or local attribute */
	IT_NULL_P,	/* an absent @User. or @Device. attribute */
};

/**
 * struct item - one operand on the evaluation stack
 * @data: a literal: its token byte; an attribute: its claim
 * @len: bytes at @data (the whole token, or the whole claim)
 * @count: the number of values (elements of a list)
 * @kind: an &enum item_kind
 * @type: a literal's token byte, an attribute's claim value type (all of
 *	  which fit in a byte), or a result's WINSEC_COND_* value
 */
struct item {
	const u8 *data;
	u32 len;
	u16 count;
	u8 kind;
	u8 type;
};

/* Classes of values; values of two classes compare only as noted. */
enum value_class { VC_INT, VC_BOOL, VC_STRING, VC_OCTETS, VC_SID };

/**
 * struct value - one value of an operand
 * @cls: an &enum value_class
 * @neg: VC_INT: whether it is below zero
 * @mag: VC_INT: its magnitude; VC_BOOL: 0 or 1
 * @p: VC_STRING: UTF-16LE code units; VC_OCTETS, VC_SID: the bytes
 * @n: number of code units (VC_STRING) or bytes
 */
struct value {
	u8 cls;
	bool neg;
	u64 mag;
	const u8 *p;
	u32 n;
};

static inline bool is_attr(const struct item *it)
{
	return it->kind == IT_ATTR || it->kind == IT_ATTR_P;
}

static inline bool is_null(const struct item *it)
{
	return it->kind == IT_NULL || it->kind == IT_NULL_P;
}

/*
 * Number of UTF-16 code units before the terminating zero unit of the
 * string at @p, which must end within @avail bytes; false if it does not.
 */
static inline bool utf16z_len(const u8 *p, u32 avail, u32 *n)
{
	u32 i;

	for (i = 0; i < avail / 2; i++) {
		if (!get_unaligned_le16(p + 2 * i)) {
			*n = i;
			return true;
		}
	}
	return false;
}

/* A UTF-16 code unit with the ASCII letters folded to upper case. */
static inline u16 fold(u16 c)
{
	return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

/* --- Literals ----------------------------------------------------------- */

/* Size of a validated literal token. */
static inline u32 literal_size(const u8 *p)
{
	if (p[0] <= CT_INT64)
		return INT_TOKEN_SIZE;
	return LEN_TOKEN_HEAD + get_unaligned_le32(p + 1);
}

/* The value of a validated single literal token. */
static inline void literal_value(const u8 *p, struct value *v)
{
	u64 x;

	memset(v, 0, sizeof(*v));
	if (p[0] <= CT_INT64) {
		x = get_unaligned_le64(p + 1);
		v->cls = VC_INT;
		v->mag = (s64)x < 0 ? -x : x;
		v->neg = p[9] == SIGN_MINUS && v->mag;
		return;
	}
	v->p = p + LEN_TOKEN_HEAD;
	v->n = get_unaligned_le32(p + 1);
	if (p[0] == CT_STRING) {
		v->cls = VC_STRING;
		v->n /= 2;
	} else {
		v->cls = p[0] == CT_SID ? VC_SID : VC_OCTETS;
	}
}

static inline int invert(int r)
{
	if (r == WINSEC_COND_TRUE)
		return WINSEC_COND_FALSE;
	if (r == WINSEC_COND_FALSE)
		return WINSEC_COND_TRUE;
	return r;
}

int cond_lookup(const u8 *p, u32 nbytes, const struct winsec_token *tok,
		const struct winsec_acl *sacl, struct item *it);
int cond_relational(u8 op, const struct item *l, const struct item *r);
int cond_member_of(u8 op, const struct item *x,
		   const struct winsec_token *tok);
int cond_truth(const struct item *x);

#endif /* _SECURITY_WINSEC_CONDITION_PRIV_H */
