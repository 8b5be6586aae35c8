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

#include "condition_priv.h"

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

/* Unary operators: !, Exists, Not_Exists, Member_of and relatives. */
static int unary(u8 op, const struct item *x, const struct winsec_token *tok)
{
	switch (op) {
	case CT_NOT:
		return x->kind == IT_LITERAL ? COND_ERROR : invert(cond_truth(x));
	case CT_EXISTS:
	case CT_NOT_EXISTS:
		if (x->kind != IT_ATTR && x->kind != IT_NULL)
			return COND_ERROR;
		return (x->kind == IT_ATTR) == (op == CT_EXISTS) ?
		       WINSEC_COND_TRUE : WINSEC_COND_FALSE;
	}
	return cond_member_of(op, x, tok);
}

/* && and || with the truth tables of MS-DTYP 2.4.4.17.7 (Kleene's). */
static int logical(u8 op, const struct item *l, const struct item *r)
{
	int a, b;

	if (l->kind == IT_LITERAL || r->kind == IT_LITERAL)
		return COND_ERROR;
	a = cond_truth(l);
	b = cond_truth(r);
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
			if (cond_lookup(p, size, tok, sacl, &stack[depth]))
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
				res = cond_relational(t, top, &stack[depth]);
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
	res = cond_truth(&stack[0]);
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
