// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - SDDL text <-> binary self-relative security descriptor
 *
 * The parser builds each ACE in a local buffer, checks it with the core's
 * ACE validator (so that an error points at the ACE), collects the ACEs with
 * &struct winsec_acl_builder and lets winsec_sd_serialize() lay the
 * descriptor out. Nothing is returned unless the whole string is valid.
 */

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/compiler.h>

#include "claim.h"
#include "cond.h"
#include "sddl.h"

/* Largest ACE: its size field is 16 bits, and it must be a multiple of 4. */
#define ACE_MAX_SIZE	0xfffc

struct parser {
	const char *s;
	size_t pos;
	const struct winsec_sid *domain;
	struct winsec_sddl_error *err;
	winsec_sddl_resolver resolve;
	void *ctx;
	bool in_ace;
	bool failed;
};

static __printf(3, 4)
int fail(struct parser *p, size_t pos, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return -EINVAL;
	p->failed = true;
	if (p->err) {
		p->err->column = pos + 1;
		va_start(ap, fmt);
		vsnprintf(p->err->message, sizeof(p->err->message), fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* Describe the character at @pos for a message. */
static const char *what_at(struct parser *p, size_t pos, char *buf, size_t n)
{
	unsigned char c = p->s[pos];

	if (!c)
		return "end of string";
	if (isprint(c))
		snprintf(buf, n, "\"%c\"", c);
	else
		snprintf(buf, n, "byte 0x%02x", c);
	return buf;
}

static void skip_ws(struct parser *p)
{
	while (p->s[p->pos] && isspace((unsigned char)p->s[p->pos]))
		p->pos++;
}

static int expect(struct parser *p, char c, const char *ctx)
{
	char buf[16];

	skip_ws(p);
	if (p->s[p->pos] != c)
		return fail(p, p->pos, "expected \"%c\" %s, found %s", c, ctx,
			    what_at(p, p->pos, buf, sizeof(buf)));
	p->pos++;
	skip_ws(p);
	return 0;
}

/* Length of the run of letters/digits/underscores at @pos. */
static size_t word_len(struct parser *p, size_t pos)
{
	size_t n = 0;

	while (isalnum((unsigned char)p->s[pos + n]) || p->s[pos + n] == '_')
		n++;
	return n;
}

/* Two-character token for messages (or less at the end of the string). */
static int tok2(struct parser *p, size_t pos)
{
	return p->s[pos] && p->s[pos + 1] ? 2 : (p->s[pos] ? 1 : 0);
}

static int parse_sid(struct parser *p, struct winsec_sid_buf *sid)
{
	struct winsec_sddl_error e;
	size_t n;

	skip_ws(p);
	if (p->resolve && !((p->s[p->pos] == 'S' || p->s[p->pos] == 's') &&
			    p->s[p->pos + 1] == '-')) {
		const char *t = p->s + p->pos;
		size_t end = 0, len;

		if (p->in_ace)
			end = strcspn(t, ";)");
		else
			while (t[end] && !(strchr("OGDSogds", t[end]) &&
					   t[end + 1] == ':'))
				end++;
		len = end;
		while (len && isspace((unsigned char)t[len - 1]))
			len--;
		if (len > 2 || (len && len < 2)) {
			if (p->resolve(t, len, sid, p->ctx))
				return fail(p, p->pos,
					    "unknown SID alias, user or group \"%.*s\"",
					    (int)(len > 40 ? 40 : len), t);
			p->pos += len;
			skip_ws(p);
			return 0;
		}
	}
	if (winsec_sid_parse(p->s + p->pos, &n, p->domain, sid, &e))
		return fail(p, p->pos + e.column - 1, "%s", e.message);
	/* Windows allows white space after an alias, not after "S-1-...". */
	if (n > 2 && isspace((unsigned char)p->s[p->pos + n]))
		return fail(p, p->pos + n, "white space after a SID");
	p->pos += n;
	skip_ws(p);
	return 0;
}

/*
 * A number as Windows reads rights: optional sign, 0x/0X hex, leading-0
 * octal or decimal; the magnitude saturates at 0xffffffff, then a minus
 * negates modulo 2^32 (so "-9876543210" is 1).
 */
static int parse_number(struct parser *p, u32 max, u32 *out)
{
	size_t start = p->pos, pos = p->pos, digits;
	unsigned int base = 10;
	bool neg = false, sat = false;
	u64 v = 0;
	char buf[16];

	if (p->s[pos] == '+' || p->s[pos] == '-') {
		neg = p->s[pos] == '-';
		pos++;
	}
	if (p->s[pos] == '0' && (p->s[pos + 1] == 'x' || p->s[pos + 1] == 'X')) {
		base = 16;
		pos += 2;
	} else if (p->s[pos] == '0') {
		base = 8;
	}
	for (digits = 0;; pos++, digits++) {
		int c = (unsigned char)p->s[pos], d;

		if (isdigit(c))
			d = c - '0';
		else if (base == 16 && isxdigit(c))
			d = tolower(c) - 'a' + 10;
		else
			break;
		if (d >= (int)base)
			return fail(p, pos, "invalid digit \"%c\" in a base-%u number",
				    c, base);
		v = v * base + d;
		if (v > 0xffffffffULL) {
			sat = true;
			v = 0xffffffffULL;
		}
	}
	if (!digits)
		return fail(p, pos, "expected digits, found %s",
			    what_at(p, pos, buf, sizeof(buf)));
	if (sat)
		v = 0xffffffffULL;
	if (neg)
		v = (u32)-(u32)v;
	if (v > max)
		return fail(p, start, "number %.*s too large (at most 0x%x)",
			    (int)(pos - start), p->s + start, max);
	*out = v;
	p->pos = pos;
	return 0;
}

static bool starts_number(struct parser *p)
{
	char c = p->s[p->pos];

	return isdigit((unsigned char)c) || c == '-' || c == '+';
}

static int hexval(int c)
{
	if (isdigit(c))
		return c - '0';
	if (isxdigit(c))
		return tolower(c) - 'a' + 10;
	return -1;
}

/* Parse "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" into on-disk GUID bytes. */
static int parse_guid(struct parser *p, u8 *guid, bool *present)
{
	static const u8 groups[] = { 8, 4, 4, 4, 12 };
	u8 hex[16];
	size_t start, pos, g, i, k = 0;

	skip_ws(p);
	*present = false;
	if (p->s[p->pos] == ';')
		return 0;
	start = p->pos;
	pos = start;
	for (g = 0; g < ARRAY_SIZE(groups); g++) {
		if (g && p->s[pos++] != '-')
			return fail(p, pos - 1,
				    "invalid GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
		for (i = 0; i < groups[g]; i += 2) {
			int hi = hexval((unsigned char)p->s[pos]);
			int lo = hi < 0 ? -1 : hexval((unsigned char)p->s[pos + 1]);

			if (lo < 0)
				return fail(p, hi < 0 ? pos : pos + 1,
					    "invalid GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
			hex[k++] = hi << 4 | lo;
			pos += 2;
		}
	}
	/* The first three groups are stored little-endian. */
	guid[0] = hex[3];
	guid[1] = hex[2];
	guid[2] = hex[1];
	guid[3] = hex[0];
	guid[4] = hex[5];
	guid[5] = hex[4];
	guid[6] = hex[7];
	guid[7] = hex[6];
	memcpy(guid + 8, hex + 8, 8);
	*present = true;
	p->pos = pos;
	skip_ws(p);
	return 0;
}

static int parse_ace_type(struct parser *p, int *type)
{
	size_t start = p->pos, n;
	u32 v;

	if (isdigit((unsigned char)p->s[start])) {
		if (parse_number(p, 0xff, &v))
			return -EINVAL;
		*type = v;
		return 0;
	}
	n = word_len(p, start);
	*type = n ? winsec_sddl_ace_type(p->s + start, n) : -1;
	if (*type < 0) {
		if (!n)
			return fail(p, start, "expected an ACE type");
		return fail(p, start, "unknown ACE type \"%.*s\"",
			    (int)(n > 40 ? 40 : n), p->s + start);
	}
	p->pos += n;
	return 0;
}

static int parse_ace_flags(struct parser *p, u8 *flags)
{
	u32 v;

	*flags = 0;
	skip_ws(p);
	if (isdigit((unsigned char)p->s[p->pos])) {
		if (parse_number(p, 0xff, &v))
			return -EINVAL;
		*flags = v;
		return 0;
	}
	while (p->s[p->pos] && p->s[p->pos] != ';' && p->s[p->pos] != ')') {
		int f = winsec_sddl_ace_flag(p->s + p->pos, tok2(p, p->pos));

		if (f < 0 || !isalpha((unsigned char)p->s[p->pos + 1]))
			return fail(p, p->pos, "unknown ACE flag \"%.*s\"",
				    tok2(p, p->pos), p->s + p->pos);
		*flags |= f;
		p->pos += 2;
		skip_ws(p);
	}
	return 0;
}

/*
 * Rights as Windows reads them: white space may come before the field, and
 * spaces (not tabs) between two letter pairs, but nothing may follow the
 * last pair or a number.
 */
static int parse_rights(struct parser *p, bool label, u32 *mask)
{
	u32 m;

	*mask = 0;
	skip_ws(p);
	if (starts_number(p)) {
		if (parse_number(p, 0xffffffff, mask))
			return -EINVAL;
		if (isspace((unsigned char)p->s[p->pos]))
			return fail(p, p->pos, "white space after the rights");
		return 0;
	}
	while (p->s[p->pos] && p->s[p->pos] != ';' && p->s[p->pos] != ')') {
		int n = tok2(p, p->pos);

		if (isspace((unsigned char)p->s[p->pos]))
			return fail(p, p->pos,
				    "white space in the rights other than single spaces between letter pairs");

		if (!winsec_sddl_right(p->s + p->pos, n, label, &m) ||
		    !isalpha((unsigned char)p->s[p->pos + 1])) {
			if (!label && winsec_sddl_right(p->s + p->pos, n, true, &m))
				return fail(p, p->pos,
					    "right \"%.*s\" is only valid in a label (ML) ACE",
					    n, p->s + p->pos);
			return fail(p, p->pos, "unknown right \"%.*s\"", n,
				    p->s + p->pos);
		}
		*mask |= m;
		p->pos += 2;
		while (p->s[p->pos] == ' ')
			p->pos++;
		if (p->s[p->pos - 1] == ' ' &&
		    (p->s[p->pos] == ';' || p->s[p->pos] == ')'))
			return fail(p, p->pos - 1, "white space after the rights");
	}
	return 0;
}

/* Callback ACEs carry a condition (RA ACEs, data of another kind). */
static bool has_condition(int type)
{
	return type >= 0 && type <= 0xff && winsec_ace_type_is_callback(type) &&
	       type != WINSEC_ACE_SYSTEM_RESOURCE_ATTRIBUTE;
}

/*
 * Application data into @buf (at most @cap bytes): a condition "(...)" in
 * callback ACEs, or "#hex" in any ACE.
 */
static int parse_app_data(struct parser *p, int type, u8 *buf, size_t cap,
			  size_t *len)
{
	struct winsec_sddl_error e;
	size_t n = 0, used;
	int hi, lo;

	skip_ws(p);
	if (p->s[p->pos] == '(' && has_condition(type)) {
		if (winsec_cond_parse(p->s + p->pos, &used, p->domain,
				      p->resolve, p->ctx, buf, cap, len, &e))
			return fail(p, p->pos + e.column - 1, "%s", e.message);
		p->pos += used;
		skip_ws(p);
		return 0;
	}
	if (p->s[p->pos] == '(' && type == WINSEC_ACE_SYSTEM_RESOURCE_ATTRIBUTE) {
		if (winsec_claim_parse(p->s + p->pos, &used, p->domain, buf,
				       cap, len, &e))
			return fail(p, p->pos + e.column - 1, "%s", e.message);
		p->pos += used;
		skip_ws(p);
		return 0;
	}
	if (p->s[p->pos] == '(')
		return fail(p, p->pos,
			    "conditions are only allowed in callback ACEs (XA XD ZA XU)");
	if (p->s[p->pos] != '#')
		return fail(p, p->pos,
			    "expected application data \"#HEX\" after the SID");
	p->pos++;
	while (isxdigit((unsigned char)p->s[p->pos])) {
		hi = hexval((unsigned char)p->s[p->pos]);
		lo = hexval((unsigned char)p->s[p->pos + 1]);
		if (lo < 0)
			return fail(p, p->pos,
				    "application data needs an even number of hex digits");
		if (n == cap)
			return fail(p, p->pos, "ACE too large (more than %u bytes)",
				    ACE_MAX_SIZE);
		buf[n++] = hi << 4 | lo;
		p->pos += 2;
	}
	*len = n;
	skip_ws(p);
	return 0;
}

static bool type_is_object(int type)
{
	return type >= 0 && type <= 0xff && winsec_ace_type_is_object(type);
}

/* Parse one "(...)" ACE at p->pos and add it to @b. */
static int parse_ace(struct parser *p, struct winsec_acl_builder *b, bool sacl,
		     u8 *ace)
{
	struct winsec_sid_buf sid;
	u8 guid[2][WINSEC_GUID_SIZE];
	bool present[2];
	size_t ace_start = p->pos, type_pos, guid_pos, app_len = 0, len, sid_len;
	const char *reason = NULL;
	u32 mask, oflags = 0;
	int type;
	u8 flags;

	p->pos++;		/* '(' */
	p->in_ace = true;
	skip_ws(p);
	type_pos = p->pos;
	if (parse_ace_type(p, &type) || expect(p, ';', "after the ACE type") ||
	    parse_ace_flags(p, &flags) || expect(p, ';', "after the ACE flags") ||
	    parse_rights(p, type == WINSEC_ACE_SYSTEM_MANDATORY_LABEL, &mask) ||
	    expect(p, ';', "after the rights"))
		return -EINVAL;
	guid_pos = p->pos;
	if (parse_guid(p, guid[0], &present[0]) ||
	    expect(p, ';', "after the object GUID") ||
	    parse_guid(p, guid[1], &present[1]) ||
	    expect(p, ';', "after the inherited object GUID") ||
	    parse_sid(p, &sid))
		return -EINVAL;

	if ((present[0] || present[1]) && !type_is_object(type))
		return fail(p, guid_pos,
			    "object GUIDs are only allowed in object ACEs (OA OD OU OL ZA)");
	if (!present[0] && !present[1] && !isdigit((unsigned char)p->s[type_pos])) {
		if (type == WINSEC_ACE_ACCESS_ALLOWED_OBJECT)
			type = WINSEC_ACE_ACCESS_ALLOWED;
		else if (type == WINSEC_ACE_ACCESS_DENIED_OBJECT)
			type = WINSEC_ACE_ACCESS_DENIED;
	}

	/* Lay the ACE out: header, mask, [object part], SID, data. */
	len = WINSEC_ACE_HEADER_SIZE + 4;
	put_unaligned_le32(mask, ace + 4);
	if (type_is_object(type)) {
		size_t flags_at = len, i;

		len += 4;
		for (i = 0; i < 2; i++) {
			if (!present[i])
				continue;
			oflags |= i ? WINSEC_ACE_INHERITED_OBJECT_TYPE_PRESENT :
				      WINSEC_ACE_OBJECT_TYPE_PRESENT;
			memcpy(ace + len, guid[i], WINSEC_GUID_SIZE);
			len += WINSEC_GUID_SIZE;
		}
		put_unaligned_le32(oflags, ace + flags_at);
	}
	sid_len = winsec_sid_size(winsec_sid_of(&sid));
	memcpy(ace + len, &sid, sid_len);
	len += sid_len;
	if (p->s[p->pos] == ';') {
		p->pos++;
		if (parse_app_data(p, type, ace + len, ACE_MAX_SIZE - len,
				   &app_len))
			return -EINVAL;
		len += app_len;
		while (len % 4) {
			if (len == ACE_MAX_SIZE)
				return fail(p, p->pos, "ACE too large");
			ace[len++] = 0;
		}
	}
	if (expect(p, ')', "at the end of the ACE"))
		return -EINVAL;
	p->in_ace = false;
	ace[0] = type;
	ace[1] = flags;
	put_unaligned_le16(len, ace + 2);
	if (winsec_ace_check(ace, len, sacl, &reason))
		return fail(p, type_pos, "invalid ACE for a %s: %s",
			    sacl ? "SACL" : "DACL", reason ? reason : "refused");
	winsec_acl_build_add_raw(b, (const struct winsec_ace_header *)ace);
	if (b->error)
		return fail(p, ace_start, "ACL too large (more than %u bytes)",
			    WINSEC_ACL_MAX_SIZE);
	return 0;
}

/*
 * After "D:" or "S:": flags, then NO_ACCESS_CONTROL or ACEs. @buf has room
 * for the largest ACL. Sets *@acl (NULL for a NULL ACL) and control bits.
 */
static int parse_acl(struct parser *p, bool sacl, u8 *buf, u8 *ace,
		     const struct winsec_acl **acl, u16 *control)
{
	struct winsec_acl_builder b;
	bool null_acl = false;
	size_t start = p->pos;
	int err;

	*control |= sacl ? WINSEC_SE_SACL_PRESENT : WINSEC_SE_DACL_PRESENT;
	skip_ws(p);
	for (;;) {
		const char *t = p->s + p->pos;
		size_t n = word_len(p, p->pos);

		if (n >= 17 && !strncasecmp(t, "NO_ACCESS_CONTROL", 17)) {
			null_acl = true;
			p->pos += 17;
		} else if (t[0] == 'P' || t[0] == 'p') {
			*control |= sacl ? WINSEC_SE_SACL_PROTECTED :
					   WINSEC_SE_DACL_PROTECTED;
			p->pos++;
		} else if ((t[0] == 'A' || t[0] == 'a') &&
			   (t[1] == 'I' || t[1] == 'i')) {
			*control |= sacl ? WINSEC_SE_SACL_AUTO_INHERITED :
					   WINSEC_SE_DACL_AUTO_INHERITED;
			p->pos += 2;
		} else if ((t[0] == 'A' || t[0] == 'a') &&
			   (t[1] == 'R' || t[1] == 'r')) {
			*control |= sacl ? WINSEC_SE_SACL_AUTO_INHERIT_REQ :
					   WINSEC_SE_DACL_AUTO_INHERIT_REQ;
			p->pos += 2;
		} else {
			break;
		}
		skip_ws(p);
	}

	winsec_acl_build_init(&b, buf, WINSEC_ACL_MAX_SIZE);
	while (p->s[p->pos] == '(') {
		if (null_acl)
			return fail(p, p->pos, "ACEs after NO_ACCESS_CONTROL");
		if (parse_ace(p, &b, sacl, ace))
			return -EINVAL;
		skip_ws(p);
	}
	if (p->s[p->pos] && !(strchr("OoGgDdSs", p->s[p->pos]) &&
			      p->s[p->pos + 1] == ':')) {
		size_t n = word_len(p, p->pos);
		char what[16];

		if (b.count || null_acl)
			return fail(p, p->pos,
				    "expected an ACE or O:, G:, D:, S:, found %s",
				    what_at(p, p->pos, what, sizeof(what)));
		return fail(p, p->pos, "unknown ACL flag \"%.*s\"",
			    (int)(n ? (n > 40 ? 40 : n) : 1), p->s + p->pos);
	}
	if (null_acl) {
		*acl = NULL;
		return 0;
	}
	err = winsec_acl_build_finish(&b, sacl, acl);
	if (err)
		return fail(p, start, "invalid %s (error %d)",
			    sacl ? "SACL" : "DACL", err);
	return 0;
}

/**
 * winsec_sddl_to_sd() - convert SDDL text to a self-relative descriptor
 * @sddl: the text, NUL-terminated
 * @domain: the domain SID for domain-relative aliases (DA, DU, ...) or NULL
 * @sd: set to the malloc'd descriptor on success (free() it)
 * @len: set to its size on success
 * @err: set on failure: 1-based column and message (may be NULL)
 *
 * Nothing is written to @sd or @len on failure.
 *
 * Return: 0, -EINVAL for invalid text, -ENOMEM.
 */
int winsec_sddl_to_sd(const char *sddl, const struct winsec_sid *domain,
		      u8 **sd, size_t *len, struct winsec_sddl_error *err)
{
	return winsec_sddl_to_sd_resolve(sddl, domain, NULL, NULL, sd, len,
					 err);
}

/**
 * winsec_sddl_to_sd_resolve() - winsec_sddl_to_sd() that also takes names
 * @sddl: the text, NUL-terminated
 * @domain: the domain SID for domain-relative aliases (DA, DU, ...) or NULL
 * @resolve: called for SID fields that are not SIDs or aliases (may be NULL)
 * @ctx: passed to @resolve
 * @sd: set to the malloc'd descriptor on success (free() it)
 * @len: set to its size on success
 * @err: set on failure: 1-based column and message (may be NULL)
 *
 * Return: 0, -EINVAL for invalid text, -ENOMEM.
 */
int winsec_sddl_to_sd_resolve(const char *sddl,
			      const struct winsec_sid *domain,
			      winsec_sddl_resolver resolve, void *ctx,
			      u8 **sd, size_t *len,
			      struct winsec_sddl_error *err)
{
	struct parser p = { .s = sddl, .domain = domain, .err = err,
			    .resolve = resolve, .ctx = ctx };
	struct winsec_sid_buf owner, group;
	struct winsec_sd view = { .control = WINSEC_SE_SELF_RELATIVE };
	u8 *dbuf, *sbuf, *ace, *out = NULL;
	size_t seen[4] = { 0, 0, 0, 0 };
	u32 size, used;
	int ret = -EINVAL;

	if (err) {
		err->column = 0;
		err->message[0] = '\0';
	}
	dbuf = malloc(WINSEC_ACL_MAX_SIZE);
	sbuf = malloc(WINSEC_ACL_MAX_SIZE);
	ace = malloc(ACE_MAX_SIZE);
	if (!dbuf || !sbuf || !ace) {
		ret = -ENOMEM;
		if (err)
			snprintf(err->message, sizeof(err->message),
				 "out of memory");
		goto out;
	}

	skip_ws(&p);
	while (p.s[p.pos]) {
		size_t at = p.pos;
		char c = p.s[p.pos];
		const char *kinds = "OGDS";
		const char *k = c ? strchr(kinds, c) : NULL;
		char buf[16];

		if (!k || p.s[p.pos + 1] != ':') {
			/* Windows takes only upper-case component letters. */
			fail(&p, at, "expected O:, G:, D: or S:%s, found %s",
			     c && strchr("ogds", c) ? " (upper case)" : "",
			     what_at(&p, at, buf, sizeof(buf)));
			goto out;
		}
		if (seen[k - kinds]) {
			fail(&p, at, "%c: given twice (first at column %zu)", c,
			     seen[k - kinds]);
			goto out;
		}
		seen[k - kinds] = at + 1;
		p.pos += 2;
		switch (c) {
		case 'O':
			if (parse_sid(&p, &owner))
				goto out;
			view.owner = winsec_sid_of(&owner);
			break;
		case 'G':
			if (parse_sid(&p, &group))
				goto out;
			view.group = winsec_sid_of(&group);
			break;
		case 'D':
			if (parse_acl(&p, false, dbuf, ace, &view.dacl,
				      &view.control))
				goto out;
			break;
		default:
			if (parse_acl(&p, true, sbuf, ace, &view.sacl,
				      &view.control))
				goto out;
			break;
		}
		skip_ws(&p);
	}

	size = winsec_sd_serialized_size(&view);
	out = malloc(size ? size : 1);
	if (!out) {
		ret = -ENOMEM;
		if (err)
			snprintf(err->message, sizeof(err->message),
				 "out of memory");
		goto out;
	}
	ret = winsec_sd_serialize(&view, out, size, &used);
	if (ret) {
		fail(&p, 0, "descriptor cannot be built (error %d)", ret);
		free(out);
		goto out;
	}
	*sd = out;
	*len = used;
	ret = 0;
out:
	free(dbuf);
	free(sbuf);
	free(ace);
	return ret;
}

/* A growing string. */
struct strbuf {
	char *p;
	size_t len, cap;
	bool oom;
};

static void sb_add(struct strbuf *sb, const char *s, size_t n)
{
	if (sb->oom)
		return;
	if (sb->len + n + 1 > sb->cap) {
		size_t cap = sb->cap ? sb->cap : 256;
		char *np;

		while (sb->len + n + 1 > cap)
			cap *= 2;
		np = realloc(sb->p, cap);
		if (!np) {
			sb->oom = true;
			return;
		}
		sb->p = np;
		sb->cap = cap;
	}
	memcpy(sb->p + sb->len, s, n);
	sb->len += n;
	sb->p[sb->len] = '\0';
}

static void sb_puts(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

static void sb_sid(struct strbuf *sb, const struct winsec_sid *sid,
		   const struct winsec_sid *domain)
{
	char buf[WINSEC_SID_STRING_MAX];

	winsec_sid_to_sddl(sid, domain, buf, sizeof(buf));
	sb_puts(sb, buf);
}

static void sb_guid(struct strbuf *sb, const u8 *g)
{
	char buf[40];

	snprintf(buf, sizeof(buf),
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 g[3], g[2], g[1], g[0], g[5], g[4], g[7], g[6],
		 g[8], g[9], g[10], g[11], g[12], g[13], g[14], g[15]);
	sb_puts(sb, buf);
}

static void sb_ace(struct strbuf *sb, const struct winsec_ace_header *hdr,
		   const struct winsec_sid *domain)
{
	char buf[WINSEC_RIGHTS_STRING_MAX];
	struct winsec_ace ace;
	const char *name;
	char *cond;
	u32 i;

	winsec_ace_decode(hdr, &ace);
	sb_puts(sb, "(");
	name = winsec_ace_type_name(ace.type);
	/* "OA"/"OD" without GUIDs would read back as "A"/"D": use a number. */
	if ((ace.type == WINSEC_ACE_ACCESS_ALLOWED_OBJECT ||
	     ace.type == WINSEC_ACE_ACCESS_DENIED_OBJECT) &&
	    !ace.object_type && !ace.inherited_object_type)
		name = NULL;
	if (name) {
		sb_puts(sb, name);
	} else {
		snprintf(buf, sizeof(buf), "0x%x", ace.type);
		sb_puts(sb, buf);
	}
	sb_puts(sb, ";");
	winsec_ace_flags_to_string(ace.flags, buf, sizeof(buf));
	sb_puts(sb, buf);
	sb_puts(sb, ";");
	winsec_rights_to_string(ace.mask,
				ace.type == WINSEC_ACE_SYSTEM_MANDATORY_LABEL,
				buf, sizeof(buf));
	sb_puts(sb, buf);
	sb_puts(sb, ";");
	if (ace.object_type)
		sb_guid(sb, ace.object_type);
	sb_puts(sb, ";");
	if (ace.inherited_object_type)
		sb_guid(sb, ace.inherited_object_type);
	sb_puts(sb, ";");
	sb_sid(sb, ace.sid, domain);
	cond = NULL;
	if (ace.app_data && ace.app_len && has_condition(ace.type))
		cond = winsec_cond_print(ace.app_data, ace.app_len, domain);
	else if (ace.app_data && ace.app_len &&
		 ace.type == WINSEC_ACE_SYSTEM_RESOURCE_ATTRIBUTE)
		cond = winsec_claim_print(ace.app_data, ace.app_len, domain);
	if (cond) {
		sb_puts(sb, ";");
		sb_puts(sb, cond);
		free(cond);
	} else if (ace.app_data && ace.app_len) {
		sb_puts(sb, ";#");
		for (i = 0; i < ace.app_len; i++) {
			snprintf(buf, sizeof(buf), "%02x", ace.app_data[i]);
			sb_puts(sb, buf);
		}
	}
	sb_puts(sb, ")");
}

static void sb_acl(struct strbuf *sb, bool sacl, const struct winsec_sd *sd,
		   const struct winsec_sid *domain)
{
	const struct winsec_acl *acl = sacl ? sd->sacl : sd->dacl;
	const struct winsec_ace_header *ace;
	u16 c = sd->control;
	unsigned int i;

	sb_puts(sb, sacl ? "S:" : "D:");
	if (c & (sacl ? WINSEC_SE_SACL_PROTECTED : WINSEC_SE_DACL_PROTECTED))
		sb_puts(sb, "P");
	if (c & (sacl ? WINSEC_SE_SACL_AUTO_INHERIT_REQ :
			WINSEC_SE_DACL_AUTO_INHERIT_REQ))
		sb_puts(sb, "AR");
	if (c & (sacl ? WINSEC_SE_SACL_AUTO_INHERITED :
			WINSEC_SE_DACL_AUTO_INHERITED))
		sb_puts(sb, "AI");
	if (!acl) {
		sb_puts(sb, "NO_ACCESS_CONTROL");
		return;
	}
	winsec_acl_for_each(acl, ace, i)
		sb_ace(sb, ace, domain);
}

/**
 * winsec_sddl_from_view() - canonical SDDL of a validated descriptor view
 * @sd: a view from winsec_sd_parse()
 * @domain: the domain SID for domain-relative aliases, or NULL
 *
 * Return: a malloc'd string (free() it), or NULL when out of memory.
 */
char *winsec_sddl_from_view(const struct winsec_sd *sd,
			    const struct winsec_sid *domain)
{
	struct strbuf sb = { 0 };

	sb_puts(&sb, "");
	if (sd->owner) {
		sb_puts(&sb, "O:");
		sb_sid(&sb, sd->owner, domain);
	}
	if (sd->group) {
		sb_puts(&sb, "G:");
		sb_sid(&sb, sd->group, domain);
	}
	if (winsec_sd_has_dacl(sd))
		sb_acl(&sb, false, sd, domain);
	if (winsec_sd_has_sacl(sd))
		sb_acl(&sb, true, sd, domain);
	if (sb.oom) {
		free(sb.p);
		return NULL;
	}
	return sb.p;
}

/**
 * winsec_sd_to_sddl() - convert a self-relative descriptor to SDDL
 * @sd: the descriptor bytes
 * @len: their number
 * @domain: the domain SID for domain-relative aliases, or NULL
 * @sddl: set to the malloc'd canonical SDDL on success (free() it)
 * @err: set on failure (column 0, the validator's reason); may be NULL
 *
 * The descriptor goes through winsec_sd_parse() first.
 *
 * Return: 0, -EINVAL for an invalid descriptor, -ENOMEM.
 */
int winsec_sd_to_sddl(const void *sd, size_t len,
		      const struct winsec_sid *domain, char **sddl,
		      struct winsec_sddl_error *err)
{
	const char *reason = NULL;
	struct winsec_sd view;
	char *s;

	if (winsec_sd_parse(sd, len, &view, &reason)) {
		if (err) {
			err->column = 0;
			snprintf(err->message, sizeof(err->message),
				 "invalid security descriptor: %s",
				 reason ? reason : "refused by the validator");
		}
		return -EINVAL;
	}
	s = winsec_sddl_from_view(&view, domain);
	if (!s) {
		if (err) {
			err->column = 0;
			snprintf(err->message, sizeof(err->message),
				 "out of memory");
		}
		return -ENOMEM;
	}
	*sddl = s;
	return 0;
}
