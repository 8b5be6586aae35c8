// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - conditional ACE expressions: the attributes they read (claims,
 * MS-DTYP 2.4.10.1) and the comparisons of their operands
 *
 * Part of the shared core: no allocation, no sleeping, no recursion; see
 * condition.c for the rules.
 */

#include "condition_priv.h"

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

/**
 * cond_lookup() - the attribute an attribute token names
 * @p: the token (its name is @nbytes bytes at @p + 5)
 * @nbytes: length of the name
 * @tok: the token, whose claims give @User., @Device. and local attributes
 * @sacl: the object's SACL, whose resource attribute ACEs give @Resource.
 * @it: set to a claim, or to an absent attribute
 *
 * Return: 0, or COND_ERROR for a malformed attribute.
 */
int cond_lookup(const u8 *p, u32 nbytes, const struct winsec_token *tok,
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

/* The binary relational operators (MS-DTYP 2.4.4.17.6). */
int cond_relational(u8 op, const struct item *l, const struct item *r)
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
int cond_member_of(u8 op, const struct item *x,
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
int cond_truth(const struct item *x)
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

