// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - conditional ACE expressions: SDDL text (MS-DTYP 2.5.1.1) <->
 * application data (MS-DTYP 2.4.4.17, "artx" followed by postfix tokens)
 *
 * The text is parsed by recursive descent and emitted in postfix order.
 * Printing rebuilds the infix form with a stack, fully parenthesized. Only
 * what the parser accepts is printed, and only when printing it back gives
 * the same bytes; anything else is left to the caller's "#hex" form. Names
 * and strings are limited to printable ASCII.
 */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"

/* Token bytes. */
#define TOK_PAD		0x00
#define TOK_INT8	0x01
#define TOK_INT64	0x04
#define TOK_STRING	0x10
#define TOK_OCTETS	0x18
#define TOK_COMPOSITE	0x50
#define TOK_SID		0x51
#define TOK_EQ		0x80
#define TOK_NE		0x81
#define TOK_LT		0x82
#define TOK_LE		0x83
#define TOK_GT		0x84
#define TOK_GE		0x85
#define TOK_AND		0xa0
#define TOK_OR		0xa1
#define TOK_NOT		0xa2
#define TOK_ATTR_LOCAL	0xf8
#define TOK_ATTR_USER	0xf9
#define TOK_ATTR_RES	0xfa
#define TOK_ATTR_DEV	0xfb

#define SIGN_PLUS	1
#define SIGN_MINUS	2
#define SIGN_NONE	3
#define BASE_OCT	1
#define BASE_DEC	2
#define BASE_HEX	3

/* Operators written as words, with the kind of operand they take. */
enum op_kind { OP_UNARY_SIDS, OP_UNARY_ATTR, OP_BINARY_WORD };

struct word_op {
	const char *name;
	u8 token;
	enum op_kind kind;
};

static const struct word_op word_ops[] = {
	{ "Member_of", 0x89, OP_UNARY_SIDS },
	{ "Device_Member_of", 0x8a, OP_UNARY_SIDS },
	/* Windows spells this one with a lower-case "any" when it prints. */
	{ "Member_of_any", 0x8b, OP_UNARY_SIDS },
	{ "Device_Member_of_Any", 0x8c, OP_UNARY_SIDS },
	{ "Not_Member_of", 0x90, OP_UNARY_SIDS },
	{ "Not_Device_Member_of", 0x91, OP_UNARY_SIDS },
	{ "Not_Member_of_Any", 0x92, OP_UNARY_SIDS },
	{ "Not_Device_Member_of_Any", 0x93, OP_UNARY_SIDS },
	{ "Exists", 0x87, OP_UNARY_ATTR },
	{ "Not_Exists", 0x8d, OP_UNARY_ATTR },
	{ "Contains", 0x86, OP_BINARY_WORD },
	{ "Any_of", 0x88, OP_BINARY_WORD },
	{ "Not_Contains", 0x8e, OP_BINARY_WORD },
	{ "Not_Any_of", 0x8f, OP_BINARY_WORD },
};

static const struct {
	const char *text;
	u8 token;
} rel_ops[] = {
	{ "==", TOK_EQ }, { "!=", TOK_NE }, { "<=", TOK_LE }, { ">=", TOK_GE },
	{ "<", TOK_LT }, { ">", TOK_GT },
};

static const struct {
	const char *prefix;
	u8 token;
} attr_prefixes[] = {
	/* Read in any case, printed in upper case as Windows does. */
	{ "@USER.", TOK_ATTR_USER }, { "@RESOURCE.", TOK_ATTR_RES },
	{ "@DEVICE.", TOK_ATTR_DEV },
};

static u64 load_le64(const u8 *p)
{
	return (u64)get_unaligned_le32(p + 4) << 32 | get_unaligned_le32(p);
}

static void store_le64(u64 v, u8 *p)
{
	put_unaligned_le32(v, p);
	put_unaligned_le32(v >> 32, p + 4);
}

/* A hex digit, or "#" read as 0 in octet strings. */
static int hexval(char c)
{
	if (c == '#')
		return 0;
	if (isdigit((unsigned char)c))
		return c - '0';
	return tolower((unsigned char)c) - 'a' + 10;
}

/* Characters of attribute names (attr-char1 and "@" after the first). */
static bool attr_char(int c)
{
	return isalnum(c) || c == ':' || c == '.' || c == '/' || c == '_' ||
	       c == '@';
}

/* --- parser -------------------------------------------------------------- */

struct cparser {
	const char *s;
	size_t pos;
	const struct winsec_sid *domain;
	winsec_sddl_resolver resolve;
	void *ctx;
	u8 *out;
	size_t cap, len;
	struct winsec_sddl_error *err;
	bool failed;
	unsigned int depth;
};

static int cfail(struct cparser *p, size_t pos, const char *msg)
{
	if (!p->failed) {
		p->failed = true;
		p->err->column = pos + 1;
		snprintf(p->err->message, sizeof(p->err->message), "%s", msg);
	}
	return -EINVAL;
}

static void cws(struct cparser *p)
{
	while (p->s[p->pos] && isspace((unsigned char)p->s[p->pos]))
		p->pos++;
}

static int emit(struct cparser *p, const void *data, size_t n)
{
	if (p->len + n > p->cap)
		return cfail(p, p->pos, "condition too large");
	memcpy(p->out + p->len, data, n);
	p->len += n;
	return 0;
}

static int emit_u8(struct cparser *p, u8 v)
{
	return emit(p, &v, 1);
}

static int emit_u32(struct cparser *p, u32 v)
{
	u8 b[4];

	put_unaligned_le32(v, b);
	return emit(p, b, 4);
}

/* Token byte, 32-bit byte count, then @n ASCII characters as UTF-16LE. */
static int emit_utf16(struct cparser *p, u8 token, const char *s, size_t n)
{
	size_t i;

	if (emit_u8(p, token) || emit_u32(p, 2 * n))
		return -EINVAL;
	for (i = 0; i < n; i++) {
		u8 c[2] = { (u8)s[i], 0 };

		if (emit(p, c, 2))
			return -EINVAL;
	}
	return 0;
}

static bool word_at(struct cparser *p, const char *w)
{
	size_t n = strlen(w);

	return !strncasecmp(p->s + p->pos, w, n) &&
	       !attr_char((unsigned char)p->s[p->pos + n]);
}

/* The further characters of prefixed names (lit-char of MS-DTYP 2.5.1.1). */
static bool attr_char2(int c)
{
	return attr_char(c) || (c && strchr("#$'*+-;?[\\]^`{}~", c));
}

/*
 * The name after "@USER." and the like, from @at: attr-char2 characters
 * and "%XXXX" for one UTF-16 code unit, emitted as a token.
 */
static int parse_attr2(struct cparser *p, u8 token, size_t at)
{
	size_t pos = at, units = 0, lenat, i;
	int d;

	if (emit_u8(p, token))
		return -EINVAL;
	lenat = p->len;
	if (emit_u32(p, 0))
		return -EINVAL;
	for (;; units++) {
		u16 v = (unsigned char)p->s[pos];
		u8 b[2];

		if (v == '%') {
			v = 0;
			for (i = 1; i <= 4; i++) {
				d = isxdigit((unsigned char)p->s[pos + i]) ?
				    hexval(p->s[pos + i]) : -1;
				if (d < 0)
					return cfail(p, pos, "expected 4 hex digits after %");
				v = v << 4 | d;
			}
			if (!v)
				return cfail(p, pos, "%0000 in an attribute name");
			pos += 5;
		} else if (attr_char2(v)) {
			pos++;
		} else {
			break;
		}
		put_unaligned_le16(v, b);
		if (emit(p, b, 2))
			return -EINVAL;
	}
	if (!units)
		return cfail(p, at, "expected an attribute name");
	put_unaligned_le32(2 * units, p->out + lenat);
	p->pos = pos;
	return 0;
}

static int parse_attr(struct cparser *p)
{
	size_t start = p->pos, n = 0, i;
	u8 token = TOK_ATTR_LOCAL;
	const char *name = p->s + p->pos;

	if (name[0] == '@') {
		for (i = 0; i < ARRAY_SIZE(attr_prefixes); i++) {
			size_t k = strlen(attr_prefixes[i].prefix);

			if (!strncasecmp(name, attr_prefixes[i].prefix, k)) {
				token = attr_prefixes[i].token;
				name += k;
				break;
			}
		}
		if (token == TOK_ATTR_LOCAL)
			return cfail(p, start,
				     "attribute names starting with @ need @User., @Resource. or @Device.");
	}
	if (token == TOK_ATTR_LOCAL) {
		while (attr_char((unsigned char)name[n]))
			n++;
		if (!n || name[0] == '@')
			return cfail(p, start, "expected an attribute name");
		p->pos = name + n - p->s;
		return emit_utf16(p, token, name, n);
	}
	return parse_attr2(p, token, name - p->s);
}

static int parse_int(struct cparser *p)
{
	size_t start = p->pos, pos = p->pos, digits = 0;
	u8 sign = SIGN_NONE, base = BASE_DEC;
	unsigned int radix = 10;
	u64 v = 0, limit;
	u8 b[8];

	if (p->s[pos] == '+' || p->s[pos] == '-') {
		sign = p->s[pos] == '+' ? SIGN_PLUS : SIGN_MINUS;
		pos++;
	}
	if (p->s[pos] == '0' && (p->s[pos + 1] == 'x' || p->s[pos + 1] == 'X')) {
		base = BASE_HEX;
		radix = 16;
		pos += 2;
	} else if (p->s[pos] == '0' && isdigit((unsigned char)p->s[pos + 1])) {
		base = BASE_OCT;
		radix = 8;
	}
	/* Windows reads unsigned hex up to 2^64 - 1 (stored as its bits). */
	if (sign == SIGN_MINUS)
		limit = 1ULL << 63;
	else if (radix == 16)
		limit = ~0ULL;
	else
		limit = (1ULL << 63) - 1;
	for (;; pos++, digits++) {
		int c = (unsigned char)p->s[pos], d;

		if (isdigit(c))
			d = c - '0';
		else if (radix == 16 && isxdigit(c))
			d = tolower(c) - 'a' + 10;
		else
			break;
		if (d >= (int)radix)
			return cfail(p, pos, "invalid digit in a number");
		if (v > (limit - d) / radix)
			return cfail(p, start, "number does not fit in 64 bits");
		v = v * radix + d;
	}
	if (!digits)
		return cfail(p, pos, "expected digits");
	if (sign == SIGN_MINUS)
		v = -v;
	store_le64(v, b);
	p->pos = pos;
	if (emit_u8(p, TOK_INT64) || emit(p, b, 8) || emit_u8(p, sign) ||
	    emit_u8(p, base))
		return -EINVAL;
	return 0;
}

static int parse_sid_literal(struct cparser *p)
{
	struct winsec_sddl_error e;
	struct winsec_sid_buf sid;
	size_t n, size;

	/* "SID(" already matched */
	p->pos += 4;
	cws(p);
	n = strcspn(p->s + p->pos, ")");
	while (n && isspace((unsigned char)p->s[p->pos + n - 1]))
		n--;
	if (p->resolve && n != 2 && strncasecmp(p->s + p->pos, "S-", 2)) {
		/* A user or group name. */
		if (!n || p->resolve(p->s + p->pos, n, &sid, p->ctx))
			return cfail(p, p->pos, "unknown SID alias, user or group");
	} else if (winsec_sid_parse(p->s + p->pos, &n, p->domain, &sid, &e)) {
		p->failed = true;
		p->err->column = p->pos + e.column;
		memcpy(p->err->message, e.message, sizeof(e.message));
		return -EINVAL;
	}
	p->pos += n;
	cws(p);
	if (p->s[p->pos] != ')')
		return cfail(p, p->pos, "expected \")\" after the SID");
	p->pos++;
	size = winsec_sid_size(winsec_sid_of(&sid));
	if (emit_u8(p, TOK_SID) || emit_u32(p, size) || emit(p, &sid, size))
		return -EINVAL;
	return 0;
}

static int parse_value(struct cparser *p, bool composite_ok);

static int parse_composite(struct cparser *p)
{
	size_t at, start;

	p->pos++;		/* '{' */
	if (emit_u8(p, TOK_COMPOSITE))
		return -EINVAL;
	at = p->len;
	if (emit_u32(p, 0))
		return -EINVAL;
	start = p->len;
	cws(p);
	if (p->s[p->pos] != '}') {
		for (;;) {
			if (parse_value(p, false))
				return -EINVAL;
			cws(p);
			if (p->s[p->pos] == '}')
				break;
			if (p->s[p->pos] != ',')
				return cfail(p, p->pos, "expected \",\" or \"}\" in a list");
			p->pos++;
			cws(p);
		}
	}
	p->pos++;
	put_unaligned_le32(p->len - start, p->out + at);
	return 0;
}

/*
 * Decode one UTF-8 character at @s: its code point into @cp, its length
 * returned (0 when invalid: overlong, surrogate, above U+10FFFF).
 */
static size_t utf8_decode(const char *s, u32 *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n, i;
	u32 v, min;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xe0) == 0xc0) {
		n = 2, v = u[0] & 0x1f, min = 0x80;
	} else if ((u[0] & 0xf0) == 0xe0) {
		n = 3, v = u[0] & 0x0f, min = 0x800;
	} else if ((u[0] & 0xf8) == 0xf0) {
		n = 4, v = u[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (u[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return n;
}

/* A "string" in UTF-8 (any character but '"'), stored as UTF-16LE. */
static int parse_string(struct cparser *p)
{
	size_t pos = p->pos + 1, lenat, k;
	u32 cp;
	u8 b[4];

	if (emit_u8(p, TOK_STRING))
		return -EINVAL;
	lenat = p->len;
	if (emit_u32(p, 0))
		return -EINVAL;
	while (p->s[pos] != '"') {
		if (!p->s[pos])
			return cfail(p, p->pos, "unterminated string");
		k = utf8_decode(p->s + pos, &cp);
		if (!k)
			return cfail(p, pos, "invalid UTF-8 in a string");
		if (cp >= 0x10000) {
			cp -= 0x10000;
			put_unaligned_le16(0xd800 | cp >> 10, b);
			put_unaligned_le16(0xdc00 | (cp & 0x3ff), b + 2);
			if (emit(p, b, 4))
				return -EINVAL;
		} else {
			put_unaligned_le16(cp, b);
			if (emit(p, b, 2))
				return -EINVAL;
		}
		pos += k;
	}
	put_unaligned_le32(p->len - lenat - 4, p->out + lenat);
	p->pos = pos + 1;
	return 0;
}

/* A literal: number, "string", #octets, SID(...), or {list}. */
static int parse_value(struct cparser *p, bool composite_ok)
{
	const char *t = p->s + p->pos;

	if (t[0] == '{' && composite_ok)
		return parse_composite(p);
	if (t[0] == '"')
		return parse_string(p);
	if (t[0] == '#') {
		size_t i, odd, n = 0;

		/*
		 * As Windows reads it: a "#" after the first one stands for a
		 * zero digit, and an odd number of digits has a leading zero
		 * ("#1#2#3##" is 01 02 03 00).
		 */
		while (isxdigit((unsigned char)t[1 + n]) || t[1 + n] == '#')
			n++;
		odd = n % 2;
		if (emit_u8(p, TOK_OCTETS) || emit_u32(p, (n + odd) / 2))
			return -EINVAL;
		for (i = 0; i < n + odd; i += 2) {
			int hi = i || !odd ? hexval(t[1 + i - odd]) : 0;
			int lo = hexval(t[2 + i - odd]);

			if (emit_u8(p, hi << 4 | lo))
				return -EINVAL;
		}
		p->pos += 1 + n;
		return 0;
	}
	if (!strncasecmp(t, "SID(", 4))
		return parse_sid_literal(p);
	if (isdigit((unsigned char)t[0]) || t[0] == '+' || t[0] == '-')
		return parse_int(p);
	return cfail(p, p->pos, "expected a value (number, \"string\", #hex, SID(...) or {...})");
}

static int parse_expr(struct cparser *p);

static int parse_term(struct cparser *p)
{
	size_t i, start = p->pos;
	unsigned int parens = 0;

	for (i = 0; i < ARRAY_SIZE(word_ops); i++) {
		const struct word_op *op = &word_ops[i];

		if (op->kind == OP_BINARY_WORD || !word_at(p, op->name))
			continue;
		p->pos += strlen(op->name);
		if (op->kind == OP_UNARY_ATTR) {
			if (!isspace((unsigned char)p->s[p->pos]))
				return cfail(p, p->pos, "expected white space after the operator");
			cws(p);
			if (parse_attr(p))
				return -EINVAL;
			return emit_u8(p, op->token);
		}
		/*
		 * Windows takes the operand of the membership operators
		 * with or without white space before it, in any number of
		 * parentheses: "Member_of{SID(BA)}", "Member_of((SID(BA)))".
		 */
		cws(p);
		while (p->s[p->pos] == '(') {
			p->pos++;
			parens++;
			cws(p);
		}
		if (parse_value(p, true))
			return -EINVAL;
		for (; parens; parens--) {
			cws(p);
			if (p->s[p->pos] != ')')
				return cfail(p, p->pos, "expected \")\" after the operand");
			p->pos++;
		}
		return emit_u8(p, op->token);
	}
	/* attr-char1 includes digits: "(7777)" names a local attribute. */
	if (!attr_char((unsigned char)p->s[p->pos]))
		return cfail(p, start, "expected an attribute, an operator or \"(\"");
	if (parse_attr(p))
		return -EINVAL;
	cws(p);
	for (i = 0; i < ARRAY_SIZE(rel_ops); i++) {
		size_t n = strlen(rel_ops[i].text);

		if (strncmp(p->s + p->pos, rel_ops[i].text, n))
			continue;
		p->pos += n;
		cws(p);
		if (p->s[p->pos] == '@') {
			if (parse_attr(p))
				return -EINVAL;
		} else if (parse_value(p, true)) {
			return -EINVAL;
		}
		return emit_u8(p, rel_ops[i].token);
	}
	for (i = 0; i < ARRAY_SIZE(word_ops); i++) {
		const struct word_op *op = &word_ops[i];

		if (op->kind != OP_BINARY_WORD || !word_at(p, op->name))
			continue;
		p->pos += strlen(op->name);
		cws(p);
		if (p->s[p->pos] == '@') {
			if (parse_attr(p))
				return -EINVAL;
		} else if (parse_value(p, true)) {
			return -EINVAL;
		}
		return emit_u8(p, op->token);
	}
	/* An attribute alone is a term of its own ("@Device.Bitlocker"). */
	if (!p->s[p->pos] || p->s[p->pos] == ')' ||
	    !strncmp(p->s + p->pos, "&&", 2) || !strncmp(p->s + p->pos, "||", 2))
		return 0;
	return cfail(p, p->pos, "expected an operator after the attribute");
}

static int parse_factor(struct cparser *p)
{
	int ret;

	cws(p);
	if (++p->depth > 64)
		return cfail(p, p->pos, "condition nested too deeply");
	if (p->s[p->pos] == '!') {
		/* Windows wants "(" after "!" (and white space): "!(a)". */
		p->pos++;
		cws(p);
		if (p->s[p->pos] != '(')
			ret = cfail(p, p->pos, "expected \"(\" after \"!\"");
		else
			ret = parse_factor(p) ?: emit_u8(p, TOK_NOT);
	} else if (p->s[p->pos] == '(') {
		p->pos++;
		ret = parse_expr(p);
		cws(p);
		if (!ret && p->s[p->pos] != ')')
			ret = cfail(p, p->pos, "expected \")\" in the condition");
		if (!ret)
			p->pos++;
	} else {
		ret = parse_term(p);
	}
	p->depth--;
	cws(p);
	return ret;
}

static int parse_and(struct cparser *p)
{
	if (parse_factor(p))
		return -EINVAL;
	while (!strncmp(p->s + p->pos, "&&", 2)) {
		p->pos += 2;
		if (parse_factor(p) || emit_u8(p, TOK_AND))
			return -EINVAL;
	}
	return 0;
}

static int parse_expr(struct cparser *p)
{
	if (parse_and(p))
		return -EINVAL;
	while (!strncmp(p->s + p->pos, "||", 2)) {
		p->pos += 2;
		if (parse_and(p) || emit_u8(p, TOK_OR))
			return -EINVAL;
	}
	return 0;
}

/**
 * winsec_cond_parse() - parse a parenthesized conditional expression
 * @text: starts at the "(" of the condition
 * @consumed: set to the number of characters used, closing ")" included
 * @domain: the domain SID for domain-relative aliases in SID(...), or NULL
 * @resolve: resolves names in SID(...) (may be NULL)
 * @ctx: passed to @resolve
 * @out: destination of the application data ("artx", tokens, padding)
 * @cap: size of @out
 * @len: set to the number of bytes written (a multiple of 4)
 * @err: set on failure, column relative to @text
 *
 * Return: 0, or -EINVAL with @err set.
 */
int winsec_cond_parse(const char *text, size_t *consumed,
		      const struct winsec_sid *domain,
		      winsec_sddl_resolver resolve, void *ctx, u8 *out,
		      size_t cap, size_t *len, struct winsec_sddl_error *err)
{
	struct cparser p = { .s = text, .domain = domain, .resolve = resolve,
			     .ctx = ctx, .out = out, .cap = cap, .err = err };

	if (emit(&p, "artx", 4) || parse_factor(&p))
		return -EINVAL;
	while (p.len % 4)
		if (emit_u8(&p, TOK_PAD))
			return -EINVAL;
	*consumed = p.pos;
	*len = p.len;
	return 0;
}

/* --- printer ------------------------------------------------------------- */

#define STACK_MAX 64

struct cnode {
	char *text;
	bool op;	/* an operator's result, already in parentheses */
};

struct cprinter {
	const u8 *d;
	size_t len, pos;
	const struct winsec_sid *domain;
	struct cnode stack[STACK_MAX];
	unsigned int top;
};

static char *str_printf(const char *fmt, ...) __printf(1, 2);

static char *str_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	return n < 0 ? NULL : s;
}

static int push_node(struct cprinter *c, char *s, bool op)
{
	if (!s)
		return -ENOMEM;
	if (c->top == STACK_MAX) {
		free(s);
		return -EINVAL;
	}
	c->stack[c->top].op = op;
	c->stack[c->top++].text = s;
	return 0;
}

/* An operand (attribute or literal). */
static int push(struct cprinter *c, char *s)
{
	return push_node(c, s, false);
}

/* The result of an operator. */
static int push_op(struct cprinter *c, char *s)
{
	return push_node(c, s, true);
}

static char *pop(struct cprinter *c)
{
	return c->top ? c->stack[--c->top].text : NULL;
}

/*
 * Pop an operand of a logical operator: Windows puts an attribute standing
 * alone in parentheses there, "((@USER.A) && (@DEVICE.B))".
 */
static char *pop_logical(struct cprinter *c)
{
	char *s, *r;

	if (!c->top)
		return NULL;
	if (c->stack[c->top - 1].op)
		return pop(c);
	s = pop(c);
	r = str_printf("(%s)", s);
	free(s);
	return r;
}

static int get_u32(struct cprinter *c, u32 *v)
{
	if (c->len - c->pos < 4)
		return -EINVAL;
	*v = get_unaligned_le32(c->d + c->pos);
	c->pos += 4;
	return 0;
}

/* UTF-16LE name or string to ASCII; only what the parser accepts. */
static char *utf16_text(struct cprinter *c, bool attr)
{
	u32 n, i;
	char *s;

	if (get_u32(c, &n) || n % 2 || n > c->len - c->pos || (attr && !n))
		return NULL;
	s = malloc(n / 2 + 1);
	if (!s)
		return NULL;
	for (i = 0; i < n / 2; i++) {
		u8 lo = c->d[c->pos + 2 * i], hi = c->d[c->pos + 2 * i + 1];

		if (hi || (attr ? !attr_char(lo) || (!i && lo == '@') :
				  !isprint(lo) || lo == '"')) {
			free(s);
			return NULL;
		}
		s[i] = lo;
	}
	s[n / 2] = '\0';
	c->pos += n;
	return s;
}

/* A string's UTF-16LE as UTF-8; NULL for what the parser does not take. */
static char *string_text(struct cprinter *c)
{
	u32 n, i, cp;
	size_t k = 0;
	char *s;

	if (get_u32(c, &n) || n % 2 || n > c->len - c->pos)
		return NULL;
	s = malloc(2 * n + 1);
	if (!s)
		return NULL;
	for (i = 0; i < n / 2; i++) {
		cp = get_unaligned_le16(c->d + c->pos + 2 * i);
		if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n / 2) {
			u32 lo = get_unaligned_le16(c->d + c->pos + 2 * i + 2);

			if (lo < 0xdc00 || lo > 0xdfff)
				goto bad;
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			i++;
		} else if (cp >= 0xd800 && cp <= 0xdfff) {
			goto bad;
		}
		if (cp < 0x80) {
			if (!cp || cp == '"')
				goto bad;
			s[k++] = cp;
		} else if (cp < 0x800) {
			s[k++] = 0xc0 | cp >> 6;
			s[k++] = 0x80 | (cp & 0x3f);
		} else if (cp < 0x10000) {
			s[k++] = 0xe0 | cp >> 12;
			s[k++] = 0x80 | ((cp >> 6) & 0x3f);
			s[k++] = 0x80 | (cp & 0x3f);
		} else {
			s[k++] = 0xf0 | cp >> 18;
			s[k++] = 0x80 | ((cp >> 12) & 0x3f);
			s[k++] = 0x80 | ((cp >> 6) & 0x3f);
			s[k++] = 0x80 | (cp & 0x3f);
		}
	}
	s[k] = '\0';
	c->pos += n;
	return s;
bad:
	free(s);
	return NULL;
}

/* A prefixed attribute name; units other than attr-char2 as "%XXXX". */
static char *attr2_text(struct cprinter *c)
{
	u32 n, i;
	char *s;
	size_t k = 0;

	if (get_u32(c, &n) || n % 2 || n > c->len - c->pos || !n)
		return NULL;
	s = malloc(5 * (n / 2) + 1);
	if (!s)
		return NULL;
	for (i = 0; i < n / 2; i++) {
		u16 v = get_unaligned_le16(c->d + c->pos + 2 * i);

		if (v < 0x80 && v != '%' && attr_char2(v))
			s[k++] = v;
		else
			k += sprintf(s + k, "%%%04x", v);
	}
	s[k] = '\0';
	c->pos += n;
	return s;
}

static char *print_literal(struct cprinter *c, u8 tok, bool in_list);

static char *print_composite(struct cprinter *c)
{
	size_t end;
	char *acc, *item, *next;
	u32 n;

	if (get_u32(c, &n) || n > c->len - c->pos)
		return NULL;
	end = c->pos + n;
	acc = strdup("");
	while (acc && c->pos < end) {
		u8 tok = c->d[c->pos++];

		item = print_literal(c, tok, true);
		if (!item || c->pos > end) {
			free(item);
			free(acc);
			return NULL;
		}
		next = str_printf("%s%s%s", acc, *acc ? ", " : "", item);
		free(acc);
		free(item);
		acc = next;
	}
	if (!acc)
		return NULL;
	next = str_printf("{%s}", acc);
	free(acc);
	return next;
}

static char *print_literal(struct cprinter *c, u8 tok, bool in_list)
{
	char buf[WINSEC_SID_STRING_MAX];
	const struct winsec_sid *sid;
	u32 n, size;
	char *s, *r;

	switch (tok) {
	case TOK_INT64: {
		u64 v, mag;
		u8 sign, base;
		const char *sg;

		if (c->len - c->pos < 10)
			return NULL;
		v = load_le64(c->d + c->pos);
		sign = c->d[c->pos + 8];
		base = c->d[c->pos + 9];
		c->pos += 10;
		if (sign < SIGN_PLUS || sign > SIGN_NONE || base < BASE_OCT ||
		    base > BASE_HEX)
			return NULL;
		if (sign == SIGN_MINUS) {
			if ((s64)v > 0)
				return NULL;
			mag = -v;
			sg = "-";
		} else {
			if ((s64)v < 0 && base != BASE_HEX)
				return NULL;
			mag = v;
			sg = sign == SIGN_PLUS ? "+" : "";
		}
		/* A decimal number other than 0 cannot start with 0. */
		if (base == BASE_OCT)
			return str_printf("%s0%llo", sg, (unsigned long long)mag);
		if (base == BASE_HEX)
			return str_printf("%s0x%llx", sg, (unsigned long long)mag);
		return str_printf("%s%llu", sg, (unsigned long long)mag);
	}
	case TOK_STRING:
		s = string_text(c);
		if (!s)
			return NULL;
		r = str_printf("\"%s\"", s);
		free(s);
		return r;
	case TOK_OCTETS:
		if (get_u32(c, &n) || n > c->len - c->pos || n > 0x10000)
			return NULL;
		s = malloc(2 * n + 2);
		if (!s)
			return NULL;
		s[0] = '#';
		for (size = 0; size < n; size++)
			sprintf(s + 1 + 2 * size, "%02x", c->d[c->pos + size]);
		s[1 + 2 * n] = '\0';
		c->pos += n;
		return s;
	case TOK_SID:
		if (get_u32(c, &n) || n > c->len - c->pos ||
		    winsec_sid_check(c->d + c->pos, n, &size) || size != n)
			return NULL;
		sid = (const struct winsec_sid *)(c->d + c->pos);
		c->pos += n;
		if (winsec_sid_to_sddl(sid, c->domain, buf, sizeof(buf)))
			return NULL;
		return str_printf("SID(%s)", buf);
	case TOK_COMPOSITE:
		if (in_list)
			return NULL;
		return print_composite(c);
	}
	return NULL;
}

static const char *attr_prefix(u8 tok)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(attr_prefixes); i++)
		if (attr_prefixes[i].token == tok)
			return attr_prefixes[i].prefix;
	return "";
}

/* One token; 0, -EINVAL when not printable, -ENOMEM. */
static int print_token(struct cprinter *c, u8 tok)
{
	char *a, *b, *s;
	size_t i;

	if (tok >= TOK_ATTR_LOCAL && tok <= TOK_ATTR_DEV) {
		s = tok == TOK_ATTR_LOCAL ? utf16_text(c, true) : attr2_text(c);
		if (!s)
			return -EINVAL;
		a = str_printf("%s%s", attr_prefix(tok), s);
		free(s);
		return push(c, a);
	}
	if (tok == TOK_INT64 || tok == TOK_STRING || tok == TOK_OCTETS ||
	    tok == TOK_SID || tok == TOK_COMPOSITE) {
		s = print_literal(c, tok, false);
		return s ? push(c, s) : -EINVAL;
	}
	for (i = 0; i < ARRAY_SIZE(rel_ops); i++) {
		if (rel_ops[i].token != tok)
			continue;
		b = pop(c);
		a = pop(c);
		s = a && b ? str_printf("(%s %s %s)", a, rel_ops[i].text, b) : NULL;
		free(a);
		free(b);
		return s ? push_op(c, s) : -EINVAL;
	}
	for (i = 0; i < ARRAY_SIZE(word_ops); i++) {
		if (word_ops[i].token != tok)
			continue;
		if (word_ops[i].kind == OP_BINARY_WORD) {
			b = pop(c);
			a = pop(c);
			s = a && b ? str_printf("(%s %s %s)", a, word_ops[i].name, b) : NULL;
			free(a);
		} else {
			b = pop(c);
			s = b ? str_printf("(%s %s)", word_ops[i].name, b) : NULL;
		}
		free(b);
		return s ? push_op(c, s) : -EINVAL;
	}
	if (tok == TOK_AND || tok == TOK_OR) {
		b = pop_logical(c);
		a = pop_logical(c);
		s = a && b ? str_printf("(%s %s %s)", a, tok == TOK_AND ? "&&" : "||", b) :
			     NULL;
		free(a);
		free(b);
		return s ? push_op(c, s) : -EINVAL;
	}
	if (tok == TOK_NOT) {
		a = pop_logical(c);
		s = a ? str_printf("(!%s)", a) : NULL;
		free(a);
		return s ? push_op(c, s) : -EINVAL;
	}
	return -EINVAL;
}

/**
 * winsec_cond_print() - a conditional ACE's application data as SDDL text
 * @data: the application data
 * @len: its length
 * @domain: the domain SID for domain-relative aliases, or NULL
 *
 * The result parses back (with the same @domain) to exactly @data.
 *
 * Return: a malloc'd string such as "(@USER.Title == \"PM\")", or NULL when
 * the data cannot be printed that way (out of memory included).
 */
char *winsec_cond_print(const u8 *data, size_t len,
			const struct winsec_sid *domain)
{
	struct cprinter c = { .d = data, .len = len, .pos = 4,
			      .domain = domain };
	char *text = NULL, *check_err = NULL;
	struct winsec_sddl_error err;
	size_t used, n;
	u8 *again;

	if (len < 4 || memcmp(data, "artx", 4))
		return NULL;
	while (c.pos < len && data[c.pos] != TOK_PAD) {
		u8 tok = data[c.pos++];

		if (print_token(&c, tok))
			goto out;
	}
	if (c.top != 1)
		goto out;
	text = pop_logical(&c);
	/* Check that it reads back to the same bytes (padding included). */
	again = malloc(len + 8);
	if (!again || winsec_cond_parse(text, &used, domain, NULL, NULL, again,
					len + 8, &n, &err) ||
	    text[used] || n != len || memcmp(again, data, len)) {
		check_err = text;
		text = NULL;
	}
	free(again);
	free(check_err);
out:
	while (c.top)
		free(pop(&c));
	return text;
}
