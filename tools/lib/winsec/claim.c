// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - resource attributes of RA ACEs: SDDL text (MS-DTYP 2.5.1,
 * attribute-data) <-> CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1 (MS-DTYP
 * 2.4.10.1), laid out as Windows lays it out.
 *
 * The structure is a 16-byte header (name offset, value type, reserved,
 * flags, value count), one 32-bit offset per value, the name in UTF-16 with
 * its terminating zero, then the values one after the other with no
 * alignment: 8 bytes for TI, TU and TB, a zero-terminated UTF-16 string for
 * TS, a 32-bit length and the bytes for TX and TD. Offsets count from the
 * start of the structure.
 *
 * Text: ("name",TYPE,flags,value,...). Windows prints the flags as "0x%x",
 * TI in signed and TU in unsigned decimal, TS in double quotes, TX as bare
 * hex digits, TB as 0 or 1, and no space after the commas. Characters of
 * the name outside printable ASCII (and '"', '%') are written "%XXXX" (one
 * UTF-16 code unit). Only ASCII is supported in TS strings here; anything
 * that does not print back to the same bytes is left to the "#hex" form.
 */

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim.h"

#define CLAIM_HDR	16

enum {
	CT_INT64 = 0x1,
	CT_UINT64 = 0x2,
	CT_STRING = 0x3,
	CT_SID = 0x5,
	CT_BOOLEAN = 0x6,
	CT_OCTETS = 0x10,
};

static const struct {
	char name[3];
	u16 type;
} claim_types[] = {
	{ "TI", CT_INT64 }, { "TU", CT_UINT64 }, { "TS", CT_STRING },
	{ "TD", CT_SID }, { "TX", CT_OCTETS }, { "TB", CT_BOOLEAN },
};

/* Most values one attribute can carry here (each takes 4 header bytes). */
#define CLAIM_MAX_VALUES 16000

struct rparser {
	const char *s;
	size_t pos;
	const struct winsec_sid *domain;
	u8 *out;
	size_t cap;
	struct winsec_sddl_error *err;
	bool failed;
};

static int rfail(struct rparser *p, size_t pos, const char *msg)
{
	if (!p->failed) {
		p->failed = true;
		p->err->column = pos + 1;
		snprintf(p->err->message, sizeof(p->err->message), "%s", msg);
	}
	return -EINVAL;
}

static void rws(struct rparser *p)
{
	while (p->s[p->pos] && isspace((unsigned char)p->s[p->pos]))
		p->pos++;
}

static int hexdig(int c)
{
	if (isdigit(c))
		return c - '0';
	if (isxdigit(c))
		return tolower(c) - 'a' + 10;
	return -1;
}

/* Room check for @n more bytes at @at. */
static int room(struct rparser *p, size_t at, size_t n)
{
	if (at > p->cap || n > p->cap - at)
		return rfail(p, p->pos, "resource attribute too large");
	return 0;
}

/* A UTF-16 code unit at @at. */
static int put16(struct rparser *p, size_t *at, u16 v)
{
	if (room(p, *at, 2))
		return -EINVAL;
	put_unaligned_le16(v, p->out + *at);
	*at += 2;
	return 0;
}

/* The quoted name at p->pos, "%XXXX" escapes decoded, into @at. */
static int parse_name(struct rparser *p, size_t *at)
{
	size_t start = p->pos, n = 0;

	if (p->s[p->pos] != '"')
		return rfail(p, p->pos, "expected the attribute name in double quotes");
	p->pos++;
	while (p->s[p->pos] != '"') {
		unsigned char c = p->s[p->pos];
		u16 v = c;

		if (!c)
			return rfail(p, start, "unterminated attribute name");
		if (c == '%') {
			int i, d;

			v = 0;
			for (i = 1; i <= 4; i++) {
				d = hexdig((unsigned char)p->s[p->pos + i]);
				if (d < 0)
					return rfail(p, p->pos,
						     "expected 4 hex digits after % in the name");
				v = v << 4 | d;
			}
			if (!v)
				return rfail(p, p->pos, "%0000 in an attribute name");
			p->pos += 4;
		} else if (!isprint(c)) {
			return rfail(p, p->pos,
				     "only printable ASCII and %XXXX in attribute names");
		}
		if (put16(p, at, v))
			return -EINVAL;
		p->pos++;
		n++;
	}
	if (!n)
		return rfail(p, start, "empty attribute name");
	p->pos++;
	return put16(p, at, 0);
}

/*
 * A number: optional sign (TI only), 0x hex, leading-0 octal or decimal.
 * TI must fit in a signed, TU and TB in an unsigned 64-bit value.
 */
static int parse_num(struct rparser *p, u16 type, u64 *out)
{
	size_t start = p->pos, pos = p->pos, digits = 0;
	unsigned int radix = 10;
	bool neg = false;
	u64 v = 0, limit = ~0ULL;

	if (type == CT_INT64 && (p->s[pos] == '-' || p->s[pos] == '+')) {
		neg = p->s[pos] == '-';
		pos++;
	}
	if (p->s[pos] == '0' && (p->s[pos + 1] == 'x' || p->s[pos + 1] == 'X')) {
		radix = 16;
		pos += 2;
	} else if (p->s[pos] == '0' && isdigit((unsigned char)p->s[pos + 1])) {
		radix = 8;
	}
	if (type == CT_INT64)
		limit = neg ? 1ULL << 63 : (1ULL << 63) - 1;
	for (;; pos++, digits++) {
		int d = hexdig((unsigned char)p->s[pos]);

		if (d < 0 || d >= (int)radix) {
			if (d >= 0 || isalpha((unsigned char)p->s[pos]))
				return rfail(p, pos, "invalid digit in a number");
			break;
		}
		if (v > (limit - d) / radix)
			return rfail(p, start, "number does not fit in 64 bits");
		v = v * radix + d;
	}
	if (!digits)
		return rfail(p, pos, "expected a number");
	*out = neg ? -v : v;
	p->pos = pos;
	return 0;
}

/* One value of @type, its bytes into @at. */
static int parse_one(struct rparser *p, u16 type, size_t *at)
{
	struct winsec_sddl_error e;
	struct winsec_sid_buf sid;
	size_t n, i, start = p->pos, lenat;
	u64 v;

	switch (type) {
	case CT_INT64:
	case CT_UINT64:
	case CT_BOOLEAN:
		if (parse_num(p, type, &v))
			return -EINVAL;
		if (type == CT_BOOLEAN && v > 1)
			return rfail(p, start, "a TB value is 0 or 1");
		if (room(p, *at, 8))
			return -EINVAL;
		put_unaligned_le32(v, p->out + *at);
		put_unaligned_le32(v >> 32, p->out + *at + 4);
		*at += 8;
		return 0;
	case CT_STRING:
		if (p->s[p->pos] != '"')
			return rfail(p, p->pos, "expected a string in double quotes");
		for (n = 1; p->s[p->pos + n] != '"'; n++) {
			unsigned char c = p->s[p->pos + n];

			if (!c)
				return rfail(p, start, "unterminated string");
			if (!isprint(c))
				return rfail(p, p->pos + n,
					     "only printable ASCII in strings");
			if (put16(p, at, c))
				return -EINVAL;
		}
		p->pos += n + 1;
		return put16(p, at, 0);
	case CT_SID:
		if (winsec_sid_parse(p->s + p->pos, &n, p->domain, &sid, &e)) {
			p->failed = true;
			p->err->column = p->pos + e.column;
			memcpy(p->err->message, e.message, sizeof(e.message));
			return -EINVAL;
		}
		p->pos += n;
		n = winsec_sid_size(winsec_sid_of(&sid));
		if (room(p, *at, 4 + n))
			return -EINVAL;
		put_unaligned_le32(n, p->out + *at);
		memcpy(p->out + *at + 4, &sid, n);
		*at += 4 + n;
		return 0;
	default:		/* CT_OCTETS: bare hex, or "#" and hex */
		if (p->s[p->pos] == '#')
			p->pos++;
		lenat = *at;
		if (room(p, *at, 4))
			return -EINVAL;
		*at += 4;
		for (n = 0; isxdigit((unsigned char)p->s[p->pos + n]); n++)
			;
		if (n % 2)
			return rfail(p, p->pos + n,
				     "a TX value needs an even number of hex digits");
		if (room(p, *at, n / 2))
			return -EINVAL;
		for (i = 0; i < n; i += 2)
			p->out[(*at)++] = hexdig((unsigned char)p->s[p->pos + i]) << 4 |
					  hexdig((unsigned char)p->s[p->pos + i + 1]);
		put_unaligned_le32(n / 2, p->out + lenat);
		p->pos += n;
		return 0;
	}
}

/**
 * winsec_claim_parse() - parse the attribute of an RA ACE
 * @text: starts at the "(" of ("name",TYPE,flags,value,...)
 * @consumed: set to the number of characters used, closing ")" included
 * @domain: the domain SID for domain-relative aliases in TD values, or NULL
 * @out: destination of the CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1 bytes
 * @cap: size of @out
 * @len: set to the number of bytes written (not padded)
 * @err: set on failure, column relative to @text
 *
 * Return: 0, or -EINVAL with @err set.
 */
int winsec_claim_parse(const char *text, size_t *consumed,
		       const struct winsec_sid *domain, u8 *out, size_t cap,
		       size_t *len, struct winsec_sddl_error *err)
{
	struct rparser p = { .s = text, .domain = domain, .out = out,
			     .cap = cap, .err = err };
	size_t scan, at, count = 0, i, type_pos;
	u16 type = 0;
	u64 flags;
	bool quoted = false;

	if (text[0] != '(')
		return rfail(&p, 0, "expected \"(\" before the attribute");
	/* Count the values first: the offsets come before the name. */
	for (scan = 1; text[scan] && (quoted || text[scan] != ')'); scan++) {
		if (text[scan] == '"')
			quoted = !quoted;
		else if (text[scan] == ',' && !quoted)
			count++;
	}
	if (count < 2)
		return rfail(&p, scan, "expected (\"name\",TYPE,flags,value,...)");
	count -= 2;
	if (count > CLAIM_MAX_VALUES)
		return rfail(&p, 0, "too many values");
	at = CLAIM_HDR + 4 * count;
	if (room(&p, 0, at))
		return -EINVAL;
	memset(out, 0, at);
	put_unaligned_le32(at, out);
	p.pos = 1;
	rws(&p);
	if (parse_name(&p, &at))
		return -EINVAL;
	rws(&p);
	if (text[p.pos] != ',')
		return rfail(&p, p.pos, "expected \",\" after the attribute name");
	p.pos++;
	rws(&p);
	type_pos = p.pos;
	for (i = 0; i < ARRAY_SIZE(claim_types); i++)
		if (!strncasecmp(text + p.pos, claim_types[i].name, 2) &&
		    !isalnum((unsigned char)text[p.pos + 2]))
			type = claim_types[i].type;
	if (!type)
		return rfail(&p, type_pos,
			     "expected an attribute type TI TU TS TD TX or TB");
	p.pos += 2;
	rws(&p);
	if (text[p.pos] != ',')
		return rfail(&p, p.pos, "expected \",\" after the type");
	p.pos++;
	rws(&p);
	if (parse_num(&p, CT_UINT64, &flags))
		return -EINVAL;
	if (flags > 0xffffffff)
		return rfail(&p, p.pos, "attribute flags are 32 bits");
	put_unaligned_le16(type, out + 4);
	put_unaligned_le32(flags, out + 8);
	put_unaligned_le32(count, out + 12);
	for (i = 0; i < count; i++) {
		rws(&p);
		if (text[p.pos] != ',')
			return rfail(&p, p.pos, "expected \",\" between values");
		p.pos++;
		rws(&p);
		put_unaligned_le32(at, out + CLAIM_HDR + 4 * i);
		if (parse_one(&p, type, &at))
			return -EINVAL;
	}
	rws(&p);
	if (text[p.pos] != ')')
		return rfail(&p, p.pos, "expected \")\" after the values");
	*consumed = p.pos + 1;
	*len = at;
	return 0;
}

/* --- printer ------------------------------------------------------------- */

struct sbuf {
	char *p;
	size_t len, cap;
	bool bad;
};

static void add(struct sbuf *b, const char *fmt, ...) __printf(2, 3);

static void add(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	char *np;

	if (b->bad)
		return;
	for (;;) {
		if (b->p) {
			va_start(ap, fmt);
			n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
			va_end(ap);
			if (n < 0) {
				b->bad = true;
				return;
			}
			if ((size_t)n < b->cap - b->len) {
				b->len += n;
				return;
			}
		} else {
			n = 64;
		}
		np = realloc(b->p, 2 * (b->cap + n + 16));
		if (!np) {
			b->bad = true;
			return;
		}
		b->p = np;
		b->cap = 2 * (b->cap + n + 16);
	}
}

/* Zero-terminated UTF-16 at @off (within @len); its units count in @n. */
static bool utf16_at(const u8 *d, size_t len, size_t off, size_t *n)
{
	size_t i;

	for (i = 0; off <= len && 2 * i + 1 < len - off; i++)
		if (!get_unaligned_le16(d + off + 2 * i)) {
			*n = i;
			return true;
		}
	return false;
}

static void print_value(struct sbuf *b, const u8 *d, size_t len, u16 type,
			u32 off, const struct winsec_sid *domain)
{
	char sid[WINSEC_SID_STRING_MAX];
	size_t n, i;
	u32 size, l;
	u64 v;

	switch (type) {
	case CT_INT64:
	case CT_UINT64:
	case CT_BOOLEAN:
		if (off > len || len - off < 8) {
			b->bad = true;
			return;
		}
		v = (u64)get_unaligned_le32(d + off + 4) << 32 |
		    get_unaligned_le32(d + off);
		if (type == CT_INT64)
			add(b, "%lld", (long long)v);
		else
			add(b, "%llu", (unsigned long long)v);
		return;
	case CT_STRING:
		if (!utf16_at(d, len, off, &n)) {
			b->bad = true;
			return;
		}
		add(b, "\"");
		for (i = 0; i < n; i++) {
			u16 c = get_unaligned_le16(d + off + 2 * i);

			if (c > 0x7e || !isprint(c) || c == '"') {
				b->bad = true;
				return;
			}
			add(b, "%c", c);
		}
		add(b, "\"");
		return;
	default:
		if (off > len || len - off < 4) {
			b->bad = true;
			return;
		}
		l = get_unaligned_le32(d + off);
		if (l > len - off - 4) {
			b->bad = true;
			return;
		}
		if (type == CT_SID) {
			if (winsec_sid_check(d + off + 4, l, &size) || size != l ||
			    winsec_sid_to_sddl((const void *)(d + off + 4), domain,
					       sid, sizeof(sid))) {
				b->bad = true;
				return;
			}
			add(b, "%s", sid);
			return;
		}
		for (i = 0; i < l; i++)
			add(b, "%02x", d[off + 4 + i]);
	}
}

static bool all_zero(const u8 *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

/**
 * winsec_claim_print() - the attribute of an RA ACE as SDDL text
 * @data: the application data of the ACE (padding included)
 * @len: its length
 * @domain: the domain SID for domain-relative aliases, or NULL
 *
 * The result parses back (with the same @domain) to exactly @data, up to
 * the zero padding that ends the ACE.
 *
 * Return: a malloc'd string such as "(\"colour\",TS,0x0,\"blue\")", or NULL
 * when the data cannot be printed that way (out of memory included).
 */
char *winsec_claim_print(const u8 *data, size_t len,
			 const struct winsec_sid *domain)
{
	struct winsec_sddl_error err;
	struct sbuf b = { 0 };
	size_t n, i, used, got;
	u32 name, count, flags;
	u16 type;
	const char *tname = NULL;
	u8 *again;

	if (len < CLAIM_HDR)
		return NULL;
	name = get_unaligned_le32(data);
	type = get_unaligned_le16(data + 4);
	flags = get_unaligned_le32(data + 8);
	count = get_unaligned_le32(data + 12);
	for (i = 0; i < ARRAY_SIZE(claim_types); i++)
		if (claim_types[i].type == type)
			tname = claim_types[i].name;
	if (!tname || count > (len - CLAIM_HDR) / 4 ||
	    !utf16_at(data, len, name, &n) || !n)
		return NULL;
	add(&b, "(\"");
	for (i = 0; i < n; i++) {
		u16 c = get_unaligned_le16(data + name + 2 * i);

		if (c < 0x7f && isprint(c) && c != '"' && c != '%')
			add(&b, "%c", c);
		else
			add(&b, "%%%04x", c);
	}
	add(&b, "\",%s,0x%x", tname, flags);
	for (i = 0; i < count; i++) {
		add(&b, ",");
		print_value(&b, data, len, type,
			    get_unaligned_le32(data + CLAIM_HDR + 4 * i), domain);
	}
	add(&b, ")");
	if (b.bad) {
		free(b.p);
		return NULL;
	}
	/* It must read back to the same bytes; the rest is padding. */
	again = malloc(len + 8);
	if (!again ||
	    winsec_claim_parse(b.p, &used, domain, again, len + 8, &got, &err) ||
	    b.p[used] || got > len || memcmp(again, data, got) ||
	    len - got >= 4 || !all_zero(data + got, len - got)) {
		free(b.p);
		b.p = NULL;
	}
	free(again);
	return b.p;
}
