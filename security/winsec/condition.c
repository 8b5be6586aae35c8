// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - evaluation of conditional ACE expressions
 *
 * The application data of a callback ACE that starts with "artx" is a
 * condition (MS-DTYP 2.4.4.17): tokens in postfix order, evaluated here
 * with a stack of at most WINSEC_COND_STACK_MAX operands to TRUE, FALSE or
 * UNKNOWN (MS-DTYP 2.5.3.1.5). Part of the shared core: no allocation, no
 * sleeping, no recursion, no locks (callable under RCU); every byte of the
 * expression and of the claims it reads is untrusted and bounds-checked.
 *
 * What the operands are:
 *  - Member_of, Member_of_Any and their Not_ forms ask the token
 *    (winsec_token_has_sid(): the Unix user and groups, the implicit groups
 *    and the token's further SIDs);
 *  - Device_Member_of and its three relatives are UNKNOWN: Linux has no
 *    device identity, so there are no device groups to test;
 *  - @Resource.<name> is the first SYSTEM_RESOURCE_ATTRIBUTE ACE of the
 *    object's SACL (not inherit-only) whose claim has that name, compared
 *    without regard to ASCII case;
 *  - @User.<name>, @Device.<name> and local names come from the token's
 *    claims, which the kernel never has (&struct winsec_token.claims is
 *    NULL): they are absent, and a comparison with an absent attribute is
 *    UNKNOWN.
 *
 * Decisions where MS-DTYP is silent or loose (see
 * Documentation/security/winsec.rst):
 *  - a malformed expression (no "artx", an unknown token, a token that runs
 *    past the data, a wrong operand count, an operand of the wrong kind,
 *    non-zero bytes after the zero padding), an expression deeper than the
 *    stack and a malformed resource attribute evaluate to UNKNOWN as a
 *    whole, as MS-DTYP says of every processing error: an allow ACE with
 *    such a condition never grants, a deny ACE with one always denies;
 *  - so does a comparison of values of different types (a string with a
 *    number, an octet string with a SID); a BOOLEAN compares with the
 *    integers 0 and 1, with == and != only;
 *  - Exists and Not_Exists answer for resource and local attributes; on a
 *    @User. or @Device. attribute they are an error, as in MS-DTYP's
 *    pseudocode;
 *  - the operand of Member_of must be a SID or a non-empty list of SIDs;
 *  - <, <=, > and >= on a list or a multi-valued attribute are UNKNOWN;
 *    == compares lists as multisets (order and letter case of strings do
 *    not matter, repeated values do); Contains with an empty list is FALSE;
 *  - a string is compared by UTF-16 code units after folding ASCII letters
 *    to upper case (unless an attribute of the comparison has the
 *    CASE_SENSITIVE flag); other letters compare as they are, where
 *    Windows folds them with its Unicode table;
 *  - an integer literal's sign byte decides its sign, the stored value its
 *    magnitude;
 *  - an attribute used as a truth value is TRUE when it holds one non-zero
 *    integer, one TRUE boolean or one non-empty string, FALSE for zero,
 *    FALSE or the empty string, UNKNOWN otherwise (several values, SIDs,
 *    octet strings); a literal used as a truth value is an error.
 */

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
static bool utf16z_len(const u8 *p, u32 avail, u32 *n)
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

/* --- Claims (CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1) ------------------- */

static inline u32 claim_offset(const u8 *claim, u32 i)
{
	return get_unaligned_le32(claim + WINSEC_CLAIM_HEADER_SIZE + 4 * i);
}

/**
 * winsec_claim_check() - validate a CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1
 * @claim: untrusted bytes (the data of a resource attribute ACE, or a
 *	   claim of a token)
 * @len: number of bytes at @claim
 *
 * Checks that the name is a non-empty, zero-terminated UTF-16 string, that
 * the value type is one of MS-DTYP 2.4.10.1, that there are at most
 * %WINSEC_COND_MAX_VALUES values and that every value lies within @len
 * (a string zero-terminated, an octet string within its length, a SID
 * valid and exactly as long as its length).
 *
 * Return: true if the claim can be read by the evaluator.
 */
bool winsec_claim_check(const u8 *claim, u32 len)
{
	u32 off, count, i, n, size;
	u16 type;

	if (len < WINSEC_CLAIM_HEADER_SIZE)
		return false;
	off = get_unaligned_le32(claim);
	if (off >= len || !utf16z_len(claim + off, len - off, &n) || !n)
		return false;
	type = get_unaligned_le16(claim + 4);
	count = get_unaligned_le32(claim + 12);
	if (count > WINSEC_COND_MAX_VALUES ||
	    count > (len - WINSEC_CLAIM_HEADER_SIZE) / 4)
		return false;
	for (i = 0; i < count; i++) {
		off = claim_offset(claim, i);
		if (off > len)
			return false;
		switch (type) {
		case WINSEC_CLAIM_TYPE_INT64:
		case WINSEC_CLAIM_TYPE_UINT64:
		case WINSEC_CLAIM_TYPE_BOOLEAN:
			if (len - off < 8)
				return false;
			break;
		case WINSEC_CLAIM_TYPE_STRING:
			if (!utf16z_len(claim + off, len - off, &n))
				return false;
			break;
		case WINSEC_CLAIM_TYPE_SID:
		case WINSEC_CLAIM_TYPE_OCTET_STRING:
			if (len - off < 4)
				return false;
			n = get_unaligned_le32(claim + off);
			if (n > len - off - 4)
				return false;
			if (type == WINSEC_CLAIM_TYPE_SID &&
			    (winsec_sid_check(claim + off + 4, n, &size) ||
			     size != n))
				return false;
			break;
		default:
			return false;
		}
	}
	return true;
}

/* Value @i of a validated claim. */
static void claim_value(const u8 *claim, u8 type, u32 i, struct value *v)
{
	const u8 *p = claim + claim_offset(claim, i);
	u64 x;

	memset(v, 0, sizeof(*v));
	switch (type) {
	case WINSEC_CLAIM_TYPE_INT64:
		x = get_unaligned_le64(p);
		v->cls = VC_INT;
		v->neg = (s64)x < 0;
		v->mag = v->neg ? -x : x;
		return;
	case WINSEC_CLAIM_TYPE_UINT64:
		v->cls = VC_INT;
		v->mag = get_unaligned_le64(p);
		return;
	case WINSEC_CLAIM_TYPE_BOOLEAN:
		v->cls = VC_BOOL;
		v->mag = get_unaligned_le64(p) != 0;
		return;
	case WINSEC_CLAIM_TYPE_STRING:
		v->cls = VC_STRING;
		v->p = p;
		/* Validated: the zero unit is there. */
		for (v->n = 0; get_unaligned_le16(p + 2 * v->n); v->n++)
			;
		return;
	default:	/* SID, OCTET_STRING */
		v->cls = type == WINSEC_CLAIM_TYPE_SID ? VC_SID : VC_OCTETS;
		v->n = get_unaligned_le32(p);
		v->p = p + 4;
		return;
	}
}

/*
 * Whether the claim at @claim (@len bytes, untrusted) has the name @name
 * (@nbytes bytes of UTF-16LE), ignoring ASCII case.
 */
static bool claim_named(const u8 *claim, u32 len, const u8 *name, u32 nbytes)
{
	u32 off, i;

	if (len < WINSEC_CLAIM_HEADER_SIZE)
		return false;
	off = get_unaligned_le32(claim);
	if (off >= len || len - off < nbytes || len - off - nbytes < 2)
		return false;
	for (i = 0; i < nbytes; i += 2)
		if (fold(get_unaligned_le16(claim + off + i)) !=
		    fold(get_unaligned_le16(name + i)))
			return false;
	return !get_unaligned_le16(claim + off + nbytes);
}

/* Fill @it from the claim at @claim; COND_ERROR if it is malformed. */
static int set_claim(struct item *it, const u8 *claim, u32 len, bool principal)
{
	if (!winsec_claim_check(claim, len))
		return COND_ERROR;
	it->data = claim;
	it->len = len;
	it->count = get_unaligned_le32(claim + 12);
	it->type = get_unaligned_le16(claim + 4);
	it->kind = principal ? IT_ATTR_P : IT_ATTR;
	return 0;
}

/* The claim of a resource attribute ACE: the bytes after its SID. */
static const u8 *ra_claim(const struct winsec_ace_header *ace, u32 *len)
{
	const u8 *sid = (const u8 *)ace + WINSEC_ACE_HEADER_SIZE + 4;
	u32 off = WINSEC_ACE_HEADER_SIZE + 4 +
		  winsec_sid_size((const struct winsec_sid *)sid);

	*len = get_unaligned_le16(&ace->size) - off;
	return (const u8 *)ace + off;
}

/*
 * Look up the attribute of the token at @p (its name is @nbytes bytes at
 * @p + 5) into @it: a claim, or an absent attribute.
 */
static int lookup(const u8 *p, u32 nbytes, const struct winsec_token *tok,
		  const struct winsec_acl *sacl, struct item *it)
{
	const u8 *name = p + LEN_TOKEN_HEAD;
	const struct winsec_claim_set *set = NULL;
	bool principal = p[0] == CT_ATTR_USER || p[0] == CT_ATTR_DEVICE;
	u32 i;

	it->kind = principal ? IT_NULL_P : IT_NULL;
	it->count = 0;
	if (p[0] == CT_ATTR_RESOURCE) {
		const struct winsec_ace_header *ace;
		const u8 *claim;
		u32 len;

		if (!sacl)
			return 0;
		winsec_acl_for_each(sacl, ace, i) {
			if (ace->type != WINSEC_ACE_SYSTEM_RESOURCE_ATTRIBUTE ||
			    (ace->flags & WINSEC_ACE_INHERIT_ONLY))
				continue;
			claim = ra_claim(ace, &len);
			if (claim_named(claim, len, name, nbytes))
				return set_claim(it, claim, len, false);
		}
		return 0;
	}
	if (!tok->claims)
		return 0;
	if (p[0] == CT_ATTR_USER)
		set = &tok->claims->user;
	else if (p[0] == CT_ATTR_DEVICE)
		set = &tok->claims->device;
	else
		set = &tok->claims->local;
	/* The last claim of a name wins. */
	for (i = set->count; i-- > 0;)
		if (claim_named(set->attrs[i], set->lens[i], name, nbytes))
			return set_claim(it, set->attrs[i], set->lens[i],
					 principal);
	return 0;
}

/* --- Literals ----------------------------------------------------------- */

/* Size of a validated literal token. */
static inline u32 literal_size(const u8 *p)
{
	if (p[0] <= CT_INT64)
		return INT_TOKEN_SIZE;
	return LEN_TOKEN_HEAD + get_unaligned_le32(p + 1);
}

/*
 * Validate the literal token at @p (@avail bytes left); a list only when
 * @list_ok (lists do not nest). Sets @size and, for a list, @count.
 */
static int check_literal(const u8 *p, u32 avail, bool list_ok, u32 *size,
			 u32 *count)
{
	u32 n, off, sz, elems = 0;
	s64 x;

	*count = 1;
	if (p[0] >= CT_INT8 && p[0] <= CT_INT64) {
		if (avail < INT_TOKEN_SIZE || !p[9] || p[9] > SIGN_MAX ||
		    !p[10] || p[10] > BASE_MAX)
			return -EINVAL;
		x = get_unaligned_le64(p + 1);
		/* The value must fit the literal's width. */
		if ((p[0] == CT_INT8 && (s8)x != x) ||
		    (p[0] == CT_INT16 && (s16)x != x) ||
		    (p[0] == CT_INT32 && (s32)x != x))
			return -EINVAL;
		*size = INT_TOKEN_SIZE;
		return 0;
	}
	if (avail < LEN_TOKEN_HEAD)
		return -EINVAL;
	n = get_unaligned_le32(p + 1);
	if (n > avail - LEN_TOKEN_HEAD)
		return -EINVAL;
	*size = LEN_TOKEN_HEAD + n;
	switch (p[0]) {
	case CT_STRING:
		return n % 2 ? -EINVAL : 0;
	case CT_OCTETS:
		return 0;
	case CT_SID:
		if (winsec_sid_check(p + LEN_TOKEN_HEAD, n, &sz) || sz != n)
			return -EINVAL;
		return 0;
	case CT_COMPOSITE:
		if (!list_ok)
			return -EINVAL;
		for (off = 0; off < n; off += sz) {
			u32 one;

			if (++elems > WINSEC_COND_MAX_VALUES ||
			    check_literal(p + LEN_TOKEN_HEAD + off, n - off,
					  false, &sz, &one))
				return -EINVAL;
		}
		*count = elems;
		return 0;
	}
	return -EINVAL;
}

/* The value of a validated single literal token. */
static void literal_value(const u8 *p, struct value *v)
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

/* --- Values of operands ------------------------------------------------- */

/**
 * struct cursor - walks the values of an operand
 * @it: the operand (a literal or a found attribute)
 * @pos: the next element of a literal list
 * @i: the number of values read
 */
struct cursor {
	const struct item *it;
	const u8 *pos;
	u32 i;
};

static void cursor_init(struct cursor *c, const struct item *it)
{
	c->it = it;
	c->i = 0;
	c->pos = it->data;
	if (it->kind == IT_LITERAL && it->type == CT_COMPOSITE)
		c->pos += LEN_TOKEN_HEAD;
}

/* The next value; the caller reads no more than @it->count. */
static void cursor_next(struct cursor *c, struct value *v)
{
	if (c->it->kind == IT_LITERAL) {
		literal_value(c->pos, v);
		c->pos += literal_size(c->pos);
	} else {
		claim_value(c->it->data, c->it->type, c->i, v);
	}
	c->i++;
}

/* Whether an operand is a list: a list literal, or not exactly one value. */
static inline bool is_multi(const struct item *it)
{
	if (it->kind == IT_LITERAL)
		return it->type == CT_COMPOSITE;
	return it->count != 1;
}

/* Whether string comparisons with this operand ignore case. */
static inline bool case_sensitive(const struct item *it)
{
	return is_attr(it) &&
	       (get_unaligned_le32(it->data + 8) & WINSEC_CLAIM_CASE_SENSITIVE);
}

static int cmp_u64(u64 a, u64 b)
{
	return a < b ? -1 : a > b;
}

/*
 * Compare two values: 0 with @cmp set (<0, 0, >0), or COND_ERROR when
 * their types cannot be compared (@eq_only: the operator is == or !=, the
 * only ones under which a boolean meets the integers 0 and 1).
 */
static int value_cmp(const struct value *a, const struct value *b, bool ci,
		     bool eq_only, int *cmp)
{
	u32 i, n;

	if (a->cls != b->cls) {
		const struct value *in = a->cls == VC_INT ? a : b;
		const struct value *bo = a->cls == VC_BOOL ? a : b;

		if (!eq_only || in->cls != VC_INT || bo->cls != VC_BOOL ||
		    in->neg || in->mag > 1)
			return COND_ERROR;
		*cmp = a == in ? cmp_u64(in->mag, bo->mag) :
				 cmp_u64(bo->mag, in->mag);
		return 0;
	}
	switch (a->cls) {
	case VC_INT:
		if (a->neg != b->neg)
			*cmp = a->neg ? -1 : 1;
		else if (a->neg)
			*cmp = cmp_u64(b->mag, a->mag);
		else
			*cmp = cmp_u64(a->mag, b->mag);
		return 0;
	case VC_BOOL:
		*cmp = cmp_u64(a->mag, b->mag);
		return 0;
	case VC_STRING:
		n = a->n < b->n ? a->n : b->n;
		for (i = 0; i < n; i++) {
			u16 x = get_unaligned_le16(a->p + 2 * i);
			u16 y = get_unaligned_le16(b->p + 2 * i);

			if (ci) {
				x = fold(x);
				y = fold(y);
			}
			if (x != y) {
				*cmp = x < y ? -1 : 1;
				return 0;
			}
		}
		*cmp = cmp_u64(a->n, b->n);
		return 0;
	default:	/* VC_OCTETS, VC_SID: bytes */
		n = a->n < b->n ? a->n : b->n;
		*cmp = n ? memcmp(a->p, b->p, n) : 0;
		if (!*cmp)
			*cmp = cmp_u64(a->n, b->n);
		return 0;
	}
}

/*
 * Whether @v equals some value of @set: WINSEC_COND_TRUE or _FALSE, or
 * COND_ERROR on a type mismatch. @count (if not NULL) is set to the number
 * of values of @set equal to @v, which needs the whole set.
 */
static int find_value(const struct value *v, const struct item *set, bool ci,
		      bool eq_only, u32 *count)
{
	struct cursor c;
	struct value w;
	u32 found = 0, i;
	int cmp;

	cursor_init(&c, set);
	for (i = 0; i < set->count; i++) {
		cursor_next(&c, &w);
		if (value_cmp(v, &w, ci, eq_only, &cmp))
			return COND_ERROR;
		if (!cmp) {
			found++;
			if (!count)
				break;
		}
	}
	if (count)
		*count = found;
	return found ? WINSEC_COND_TRUE : WINSEC_COND_FALSE;
}

/*
 * Every value of @a compared with every value of @b: COND_ERROR if any
 * pair has types that do not compare.
 */
static int check_types(const struct item *a, const struct item *b,
		       bool eq_only)
{
	struct cursor c;
	struct value v;
	u32 i, n;

	cursor_init(&c, a);
	for (i = 0; i < a->count; i++) {
		cursor_next(&c, &v);
		if (find_value(&v, b, false, eq_only, &n) == COND_ERROR)
			return COND_ERROR;
	}
	return 0;
}

/* == on lists: the same values, each as many times (a multiset). */
static int multiset_equal(const struct item *l, const struct item *r, bool ci)
{
	struct cursor c;
	struct value v;
	u32 i, nl, nr;

	if (l->count != r->count)
		return WINSEC_COND_FALSE;
	cursor_init(&c, l);
	for (i = 0; i < l->count; i++) {
		cursor_next(&c, &v);
		if (find_value(&v, l, ci, true, &nl) == COND_ERROR ||
		    find_value(&v, r, ci, true, &nr) == COND_ERROR)
			return COND_ERROR;
		if (nl != nr)
			return WINSEC_COND_FALSE;
	}
	return WINSEC_COND_TRUE;
}

/* Whether some value of @a is found in @b (Any_of), or all are (Contains). */
static int match_values(const struct item *a, const struct item *b, bool ci,
			bool all)
{
	struct cursor c;
	struct value v;
	u32 i;
	int r;

	cursor_init(&c, a);
	for (i = 0; i < a->count; i++) {
		cursor_next(&c, &v);
		r = find_value(&v, b, ci, false, NULL);
		if (r == COND_ERROR)
			return r;
		if (all && r == WINSEC_COND_FALSE)
			return WINSEC_COND_FALSE;
		if (!all && r == WINSEC_COND_TRUE)
			return WINSEC_COND_TRUE;
	}
	return all ? WINSEC_COND_TRUE : WINSEC_COND_FALSE;
}

static inline int invert(int r)
{
	if (r == WINSEC_COND_TRUE)
		return WINSEC_COND_FALSE;
	if (r == WINSEC_COND_FALSE)
		return WINSEC_COND_TRUE;
	return r;
}

/* The binary relational operators (MS-DTYP 2.4.4.17.6). */
static int relational(u8 op, const struct item *l, const struct item *r)
{
	bool eq_only = op == CT_EQ || op == CT_NE;
	bool ci = !case_sensitive(l) && !case_sensitive(r);
	struct value a, b;
	struct cursor c;
	int res, cmp;

	/* The left side names an attribute, the right one is a value. */
	if (l->kind == IT_RESULT || l->kind == IT_LITERAL ||
	    r->kind == IT_RESULT)
		return COND_ERROR;
	if (is_null(l) || is_null(r))
		return WINSEC_COND_UNKNOWN;
	if (check_types(l, r, eq_only))
		return COND_ERROR;

	switch (op) {
	case CT_EQ:
	case CT_NE:
		if (is_multi(l) || is_multi(r)) {
			res = multiset_equal(l, r, ci);
		} else {
			cursor_init(&c, l);
			cursor_next(&c, &a);
			cursor_init(&c, r);
			cursor_next(&c, &b);
			if (value_cmp(&a, &b, ci, true, &cmp))
				return COND_ERROR;
			res = cmp ? WINSEC_COND_FALSE : WINSEC_COND_TRUE;
		}
		return op == CT_NE ? invert(res) : res;
	case CT_LT:
	case CT_LE:
	case CT_GT:
	case CT_GE:
		if (is_multi(l) || is_multi(r))
			return WINSEC_COND_UNKNOWN;
		cursor_init(&c, l);
		cursor_next(&c, &a);
		cursor_init(&c, r);
		cursor_next(&c, &b);
		if (value_cmp(&a, &b, ci, false, &cmp))
			return COND_ERROR;
		if (op == CT_LT)
			res = cmp < 0;
		else if (op == CT_LE)
			res = cmp <= 0;
		else if (op == CT_GT)
			res = cmp > 0;
		else
			res = cmp >= 0;
		return res ? WINSEC_COND_TRUE : WINSEC_COND_FALSE;
	case CT_CONTAINS:
	case CT_NOT_CONTAINS:
		res = r->count ? match_values(r, l, ci, true) :
				 WINSEC_COND_FALSE;
		return op == CT_NOT_CONTAINS ? invert(res) : res;
	default:	/* CT_ANY_OF, CT_NOT_ANY_OF */
		res = match_values(l, r, ci, false);
		return op == CT_NOT_ANY_OF ? invert(res) : res;
	}
}

/* Member_of and its relatives: a SID, or a non-empty list of SIDs. */
static int member_of(u8 op, const struct item *x,
		     const struct winsec_token *tok)
{
	bool any = op == CT_MEMBER_OF_ANY || op == CT_NOT_MEMBER_OF_ANY ||
		   op == CT_DEV_MEMBER_OF_ANY || op == CT_NOT_DEV_MEMBER_OF_ANY;
	bool negate = op >= CT_NOT_MEMBER_OF;
	const u8 *p = x->data;
	u32 i, n = 1;
	int res;

	if (x->kind != IT_LITERAL || !x->count)
		return COND_ERROR;
	if (x->type == CT_COMPOSITE) {
		n = x->count;
		p += LEN_TOKEN_HEAD;
	}
	for (i = 0; i < n; i++, p += literal_size(p))
		if (p[0] != CT_SID)
			return COND_ERROR;
	/* No device identity on Linux. */
	if (op == CT_DEV_MEMBER_OF || op == CT_DEV_MEMBER_OF_ANY ||
	    op == CT_NOT_DEV_MEMBER_OF || op == CT_NOT_DEV_MEMBER_OF_ANY)
		return WINSEC_COND_UNKNOWN;

	p = x->type == CT_COMPOSITE ? x->data + LEN_TOKEN_HEAD : x->data;
	res = any ? WINSEC_COND_FALSE : WINSEC_COND_TRUE;
	for (i = 0; i < n; i++, p += literal_size(p)) {
		bool has = winsec_token_has_sid(tok, (const void *)(p +
						LEN_TOKEN_HEAD));

		if (any && has) {
			res = WINSEC_COND_TRUE;
			break;
		}
		if (!any && !has) {
			res = WINSEC_COND_FALSE;
			break;
		}
	}
	return negate ? invert(res) : res;
}

/* The truth value of an operand of a logical operator. */
static int truth(const struct item *x)
{
	struct cursor c;
	struct value v;

	switch (x->kind) {
	case IT_RESULT:
		return x->type;
	case IT_LITERAL:
		return COND_ERROR;
	case IT_NULL:
	case IT_NULL_P:
		return WINSEC_COND_UNKNOWN;
	}
	if (x->count != 1)
		return WINSEC_COND_UNKNOWN;
	cursor_init(&c, x);
	cursor_next(&c, &v);
	switch (v.cls) {
	case VC_INT:
	case VC_BOOL:
		return v.mag ? WINSEC_COND_TRUE : WINSEC_COND_FALSE;
	case VC_STRING:
		return v.n ? WINSEC_COND_TRUE : WINSEC_COND_FALSE;
	}
	return WINSEC_COND_UNKNOWN;
}

/* Unary operators: !, Exists, Not_Exists, Member_of and relatives. */
static int unary(u8 op, const struct item *x, const struct winsec_token *tok)
{
	switch (op) {
	case CT_NOT:
		return x->kind == IT_LITERAL ? COND_ERROR : invert(truth(x));
	case CT_EXISTS:
	case CT_NOT_EXISTS:
		if (x->kind != IT_ATTR && x->kind != IT_NULL)
			return COND_ERROR;
		return (x->kind == IT_ATTR) == (op == CT_EXISTS) ?
		       WINSEC_COND_TRUE : WINSEC_COND_FALSE;
	}
	return member_of(op, x, tok);
}

/* && and || with the truth tables of MS-DTYP 2.4.4.17.7 (Kleene's). */
static int logical(u8 op, const struct item *l, const struct item *r)
{
	int a, b;

	if (l->kind == IT_LITERAL || r->kind == IT_LITERAL)
		return COND_ERROR;
	a = truth(l);
	b = truth(r);
	if (a == COND_ERROR || b == COND_ERROR)
		return COND_ERROR;
	if (op == CT_AND) {
		if (a == WINSEC_COND_FALSE || b == WINSEC_COND_FALSE)
			return WINSEC_COND_FALSE;
		if (a == WINSEC_COND_TRUE && b == WINSEC_COND_TRUE)
			return WINSEC_COND_TRUE;
		return WINSEC_COND_UNKNOWN;
	}
	if (a == WINSEC_COND_TRUE || b == WINSEC_COND_TRUE)
		return WINSEC_COND_TRUE;
	if (a == WINSEC_COND_FALSE && b == WINSEC_COND_FALSE)
		return WINSEC_COND_FALSE;
	return WINSEC_COND_UNKNOWN;
}

static inline bool is_unary(u8 t)
{
	return t == CT_NOT || t == CT_EXISTS || t == CT_NOT_EXISTS ||
	       (t >= CT_MEMBER_OF && t <= CT_DEV_MEMBER_OF_ANY) ||
	       (t >= CT_NOT_MEMBER_OF && t <= CT_NOT_DEV_MEMBER_OF_ANY);
}

static inline bool is_binary(u8 t)
{
	return t == CT_AND || t == CT_OR || (t >= CT_EQ && t <= CT_CONTAINS) ||
	       t == CT_ANY_OF || t == CT_NOT_CONTAINS || t == CT_NOT_ANY_OF;
}

/* Zero padding ends the expression: everything after it must be zero. */
static bool only_padding(const u8 *p, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/**
 * winsec_cond_eval() - evaluate a conditional expression
 * @data: the application data of a callback ACE (untrusted)
 * @len: its length in bytes
 * @tok: the token the condition is about
 * @sacl: the object's SACL, where @Resource. attributes are found, or NULL
 *
 * The data must start with "artx"; the tokens that follow are evaluated in
 * order with a stack of %WINSEC_COND_STACK_MAX operands. Zero bytes end the
 * expression (padding to the ACE's 4-byte size). Any malformation, a type
 * mismatch, or an operand of the wrong kind makes the whole expression
 * UNKNOWN (see the header of this file for the rules).
 *
 * No allocation, no sleeping, no recursion.
 *
 * Return: %WINSEC_COND_TRUE, %WINSEC_COND_FALSE or %WINSEC_COND_UNKNOWN.
 */
int winsec_cond_eval(const u8 *data, u32 len, const struct winsec_token *tok,
		     const struct winsec_acl *sacl)
{
	struct item stack[WINSEC_COND_STACK_MAX];
	u32 pos = 4, depth = 0, size, count;
	int res;

	if (len < 4 || memcmp(data, "artx", 4))
		return WINSEC_COND_UNKNOWN;
	while (pos < len) {
		const u8 *p = data + pos;
		u32 avail = len - pos;
		u8 t = p[0];
		struct item *top;

		if (t == CT_PAD) {
			if (!only_padding(p, avail))
				return WINSEC_COND_UNKNOWN;
			break;
		}
		if (t >= CT_ATTR_LOCAL && t <= CT_ATTR_DEVICE) {
			if (depth == WINSEC_COND_STACK_MAX ||
			    avail < LEN_TOKEN_HEAD)
				return WINSEC_COND_UNKNOWN;
			size = get_unaligned_le32(p + 1);
			if (!size || size % 2 || size > avail - LEN_TOKEN_HEAD)
				return WINSEC_COND_UNKNOWN;
			if (lookup(p, size, tok, sacl, &stack[depth]))
				return WINSEC_COND_UNKNOWN;
			depth++;
			pos += LEN_TOKEN_HEAD + size;
			continue;
		}
		if (is_unary(t)) {
			if (!depth)
				return WINSEC_COND_UNKNOWN;
			top = &stack[depth - 1];
			res = unary(t, top, tok);
		} else if (is_binary(t)) {
			if (depth < 2)
				return WINSEC_COND_UNKNOWN;
			depth--;
			top = &stack[depth - 1];
			if (t == CT_AND || t == CT_OR)
				res = logical(t, top, &stack[depth]);
			else
				res = relational(t, top, &stack[depth]);
		} else {
			/* A literal, or an unknown token. */
			if (depth == WINSEC_COND_STACK_MAX ||
			    check_literal(p, avail, true, &size, &count))
				return WINSEC_COND_UNKNOWN;
			top = &stack[depth++];
			top->data = p;
			top->len = size;
			top->count = count;
			top->kind = IT_LITERAL;
			top->type = t;
			pos += size;
			continue;
		}
		if (res == COND_ERROR)
			return WINSEC_COND_UNKNOWN;
		top->kind = IT_RESULT;
		top->type = res;
		pos++;
	}
	if (depth != 1)
		return WINSEC_COND_UNKNOWN;
	res = truth(&stack[0]);
	return res == COND_ERROR ? WINSEC_COND_UNKNOWN : res;
}

/**
 * winsec_ace_condition() - the value of a callback ACE's condition
 * @ace: a callback ACE of a validated ACL
 * @tok: the token
 * @sacl: the object's SACL (for @Resource. attributes), or NULL
 *
 * Return: %WINSEC_COND_TRUE, %WINSEC_COND_FALSE or %WINSEC_COND_UNKNOWN
 * (also for a callback ACE without a condition).
 */
int winsec_ace_condition(const struct winsec_ace_header *ace,
			 const struct winsec_token *tok,
			 const struct winsec_acl *sacl)
{
	struct winsec_ace a;

	winsec_ace_decode(ace, &a);
	if (!a.app_data)
		return WINSEC_COND_UNKNOWN;
	return winsec_cond_eval(a.app_data, a.app_len, tok, sacl);
}
