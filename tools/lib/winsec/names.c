// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - SDDL names: SID aliases, rights letters, ACE flags and types,
 * and SIDs as text
 */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sddl.h"

/*
 * Well-known SID aliases. @domain entries are relative to a domain SID:
 * @sub[0] is the RID appended to it.
 */
struct sid_alias {
	char name[3];
	bool domain;
	u8 auth;
	u8 count;
	u32 sub[6];
};

static const struct sid_alias sid_aliases[] = {
	{ "WD", false, 1, 1, { 0 } },
	{ "CO", false, 3, 1, { 0 } },
	{ "CG", false, 3, 1, { 1 } },
	{ "OW", false, 3, 1, { 4 } },
	{ "NU", false, 5, 1, { 2 } },
	{ "IU", false, 5, 1, { 4 } },
	{ "SU", false, 5, 1, { 6 } },
	{ "AN", false, 5, 1, { 7 } },
	{ "ED", false, 5, 1, { 9 } },
	{ "PS", false, 5, 1, { 10 } },
	{ "AU", false, 5, 1, { 11 } },
	{ "RC", false, 5, 1, { 12 } },
	{ "SY", false, 5, 1, { 18 } },
	{ "LS", false, 5, 1, { 19 } },
	{ "NS", false, 5, 1, { 20 } },
	{ "WR", false, 5, 1, { 33 } },
	{ "BA", false, 5, 2, { 32, 544 } },
	{ "BU", false, 5, 2, { 32, 545 } },
	{ "BG", false, 5, 2, { 32, 546 } },
	{ "PU", false, 5, 2, { 32, 547 } },
	{ "AO", false, 5, 2, { 32, 548 } },
	{ "SO", false, 5, 2, { 32, 549 } },
	{ "PO", false, 5, 2, { 32, 550 } },
	{ "BO", false, 5, 2, { 32, 551 } },
	{ "RE", false, 5, 2, { 32, 552 } },
	{ "RU", false, 5, 2, { 32, 554 } },
	{ "RD", false, 5, 2, { 32, 555 } },
	{ "NO", false, 5, 2, { 32, 556 } },
	{ "MU", false, 5, 2, { 32, 558 } },
	{ "LU", false, 5, 2, { 32, 559 } },
	{ "IS", false, 5, 2, { 32, 568 } },
	{ "CY", false, 5, 2, { 32, 569 } },
	{ "ER", false, 5, 2, { 32, 573 } },
	{ "CD", false, 5, 2, { 32, 574 } },
	{ "RA", false, 5, 2, { 32, 575 } },
	{ "ES", false, 5, 2, { 32, 576 } },
	{ "MS", false, 5, 2, { 32, 577 } },
	{ "HA", false, 5, 2, { 32, 578 } },
	{ "AA", false, 5, 2, { 32, 579 } },
	{ "RM", false, 5, 2, { 32, 580 } },
	{ "UD", false, 5, 6, { 84, 0, 0, 0, 0, 0 } },
	{ "AC", false, 15, 2, { 2, 1 } },
	{ "LW", false, 16, 1, { WINSEC_LEVEL_LOW } },
	{ "ME", false, 16, 1, { WINSEC_LEVEL_MEDIUM } },
	{ "MP", false, 16, 1, { WINSEC_LEVEL_MEDIUM_PLUS } },
	{ "HI", false, 16, 1, { WINSEC_LEVEL_HIGH } },
	{ "SI", false, 16, 1, { WINSEC_LEVEL_SYSTEM } },
	{ "AS", false, 18, 1, { 1 } },
	{ "SS", false, 18, 1, { 2 } },
	{ "RO", true, 0, 0, { 498 } },
	{ "LA", true, 0, 0, { 500 } },
	{ "LG", true, 0, 0, { 501 } },
	{ "DA", true, 0, 0, { 512 } },
	{ "DU", true, 0, 0, { 513 } },
	{ "DG", true, 0, 0, { 514 } },
	{ "DC", true, 0, 0, { 515 } },
	{ "DD", true, 0, 0, { 516 } },
	{ "CA", true, 0, 0, { 517 } },
	{ "SA", true, 0, 0, { 518 } },
	{ "EA", true, 0, 0, { 519 } },
	{ "PA", true, 0, 0, { 520 } },
	{ "CN", true, 0, 0, { 522 } },
	{ "AP", true, 0, 0, { 525 } },
	{ "KA", true, 0, 0, { 526 } },
	{ "EK", true, 0, 0, { 527 } },
	{ "RS", true, 0, 0, { 553 } },
};

/* Rights letters, in the order they are printed (ascending bit). */
struct right_name {
	char name[3];
	u32 mask;
};

static const struct right_name right_letters[] = {
	{ "CC", 0x00000001 }, { "DC", 0x00000002 }, { "LC", 0x00000004 },
	{ "SW", 0x00000008 }, { "RP", 0x00000010 }, { "WP", 0x00000020 },
	{ "DT", 0x00000040 }, { "LO", 0x00000080 }, { "CR", 0x00000100 },
	{ "SD", WINSEC_DELETE }, { "RC", WINSEC_READ_CONTROL },
	{ "WD", WINSEC_WRITE_DAC }, { "WO", WINSEC_WRITE_OWNER },
	{ "GA", WINSEC_GENERIC_ALL }, { "GX", WINSEC_GENERIC_EXECUTE },
	{ "GW", WINSEC_GENERIC_WRITE }, { "GR", WINSEC_GENERIC_READ },
};

/* Composite aliases, tried in this order for an exact match on output. */
static const struct right_name right_composites[] = {
	{ "FA", WINSEC_FILE_ALL_ACCESS }, { "FR", WINSEC_FILE_GENERIC_READ },
	{ "FW", WINSEC_FILE_GENERIC_WRITE },
	{ "FX", WINSEC_FILE_GENERIC_EXECUTE },
	{ "KA", 0x000f003f }, { "KR", 0x00020019 }, { "KW", 0x00020006 },
	{ "KX", 0x00020019 },
};

/* Label policy letters (ML ACEs only). */
static const struct right_name label_letters[] = {
	{ "NW", WINSEC_LABEL_NO_WRITE_UP }, { "NR", WINSEC_LABEL_NO_READ_UP },
	{ "NX", WINSEC_LABEL_NO_EXECUTE_UP },
};

struct flag_name {
	char name[3];
	u8 value;
};

/* ACE flags in output order. */
static const struct flag_name ace_flags[] = {
	{ "OI", WINSEC_ACE_OBJECT_INHERIT },
	{ "CI", WINSEC_ACE_CONTAINER_INHERIT },
	{ "NP", WINSEC_ACE_NO_PROPAGATE_INHERIT },
	{ "IO", WINSEC_ACE_INHERIT_ONLY },
	{ "ID", WINSEC_ACE_INHERITED },
	{ "SA", WINSEC_ACE_SUCCESSFUL_ACCESS },
	{ "FA", WINSEC_ACE_FAILED_ACCESS },
};

static const struct flag_name ace_types[] = {
	{ "A", WINSEC_ACE_ACCESS_ALLOWED },
	{ "D", WINSEC_ACE_ACCESS_DENIED },
	{ "AU", WINSEC_ACE_SYSTEM_AUDIT },
	{ "AL", WINSEC_ACE_SYSTEM_ALARM },
	{ "OA", WINSEC_ACE_ACCESS_ALLOWED_OBJECT },
	{ "OD", WINSEC_ACE_ACCESS_DENIED_OBJECT },
	{ "OU", WINSEC_ACE_SYSTEM_AUDIT_OBJECT },
	{ "OL", WINSEC_ACE_SYSTEM_ALARM_OBJECT },
	{ "XA", WINSEC_ACE_ACCESS_ALLOWED_CALLBACK },
	{ "XD", WINSEC_ACE_ACCESS_DENIED_CALLBACK },
	{ "ZA", WINSEC_ACE_ACCESS_ALLOWED_CALLBACK_OBJECT },
	{ "XU", WINSEC_ACE_SYSTEM_AUDIT_CALLBACK },
	{ "ML", WINSEC_ACE_SYSTEM_MANDATORY_LABEL },
	{ "RA", WINSEC_ACE_SYSTEM_RESOURCE_ATTRIBUTE },
	{ "SP", WINSEC_ACE_SYSTEM_SCOPED_POLICY_ID },
};

static bool name_eq(const char *name, const char *text, size_t len)
{
	size_t i;

	if (strlen(name) != len)
		return false;
	for (i = 0; i < len; i++)
		if (toupper((unsigned char)text[i]) != name[i])
			return false;
	return true;
}

static void alias_build(const struct sid_alias *a,
			const struct winsec_sid *domain,
			struct winsec_sid_buf *sid)
{
	u32 sub[WINSEC_SID_MAX_SUBAUTH];
	unsigned int i, n;

	if (!a->domain) {
		winsec_sid_build(sid, a->auth, a->count, a->sub);
		return;
	}
	n = domain->num_subauth;
	for (i = 0; i < n; i++)
		sub[i] = winsec_sid_subauth(domain, i);
	sub[n] = a->sub[0];
	winsec_sid_build(sid, winsec_sid_authority(domain), n + 1, sub);
}

static bool alias_matches(const struct sid_alias *a,
			  const struct winsec_sid *domain,
			  const struct winsec_sid *sid)
{
	struct winsec_sid_buf b;

	if (a->domain && (!domain || domain->num_subauth >= WINSEC_SID_MAX_SUBAUTH))
		return false;
	alias_build(a, domain, &b);
	return winsec_sid_equal(winsec_sid_of(&b), sid);
}

/**
 * winsec_sid_alias() - the SDDL alias of a SID
 * @sid: a validated SID
 * @domain: the domain SID for domain-relative aliases, or NULL
 *
 * Return: the two-letter alias, or NULL when @sid has none.
 */
const char *winsec_sid_alias(const struct winsec_sid *sid,
			     const struct winsec_sid *domain)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sid_aliases); i++)
		if (alias_matches(&sid_aliases[i], domain, sid))
			return sid_aliases[i].name;
	return NULL;
}

/**
 * winsec_sid_to_string() - a SID as "S-1-..."
 * @sid: a validated SID
 * @buf: destination
 * @size: size of @buf; %WINSEC_SID_STRING_MAX is always enough
 *
 * The authority is decimal below 2^32, else "0x" and its upper-case hex
 * digits without leading zeros, as Windows prints it ("S-1-0x500000000-...";
 * MS-DTYP 2.4.2.1 allows both).
 *
 * Return: 0, or -ENOSPC when @buf is too small (then it holds "").
 */
int winsec_sid_to_string(const struct winsec_sid *sid, char *buf, size_t size)
{
	u64 auth = winsec_sid_authority(sid);
	size_t len;
	unsigned int i;
	int n;

	if (auth >> 32)
		n = snprintf(buf, size, "S-%u-0x%llX", sid->revision,
			     (unsigned long long)auth);
	else
		n = snprintf(buf, size, "S-%u-%llu", sid->revision,
			     (unsigned long long)auth);
	if (n < 0 || (size_t)n >= size)
		goto nospace;
	len = n;
	for (i = 0; i < sid->num_subauth; i++) {
		n = snprintf(buf + len, size - len, "-%u",
			     winsec_sid_subauth(sid, i));
		if (n < 0 || (size_t)n >= size - len)
			goto nospace;
		len += n;
	}
	return 0;
nospace:
	if (size)
		buf[0] = '\0';
	return -ENOSPC;
}

/**
 * winsec_sid_to_sddl() - a SID as SDDL prints it: alias or "S-1-..."
 * @sid: a validated SID
 * @domain: the domain SID for domain-relative aliases, or NULL
 * @buf: destination
 * @size: size of @buf; %WINSEC_SID_STRING_MAX is always enough
 *
 * Return: 0, or -ENOSPC when @buf is too small.
 */
int winsec_sid_to_sddl(const struct winsec_sid *sid,
		       const struct winsec_sid *domain, char *buf, size_t size)
{
	const char *alias = winsec_sid_alias(sid, domain);

	if (!alias)
		return winsec_sid_to_string(sid, buf, size);
	if (size < 3) {
		if (size)
			buf[0] = '\0';
		return -ENOSPC;
	}
	memcpy(buf, alias, 3);
	return 0;
}

static void set_err(struct winsec_sddl_error *err, unsigned int column,
		    const char *msg, const char *tok, size_t toklen)
{
	if (!err)
		return;
	err->column = column;
	if (tok)
		snprintf(err->message, sizeof(err->message), "%s \"%.*s\"",
			 msg, (int)(toklen > 40 ? 40 : toklen), tok);
	else
		snprintf(err->message, sizeof(err->message), "%s", msg);
}

/*
 * Parse a decimal or 0x-hex unsigned number of at most @max. A "D" that is
 * followed by ":" ends a hex number: it starts the DACL ("O:S-1-2-0x2D:"
 * is the owner S-1-2-2 and then a DACL, as Windows reads it).
 */
static size_t parse_uint(const char *s, u64 max, u64 *out)
{
	unsigned int base = 10;
	size_t i = 0, start;
	u64 v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	start = i;
	for (;; i++) {
		int d;

		if (isdigit((unsigned char)s[i]))
			d = s[i] - '0';
		else if (base == 16 && s[i] == 'D' && s[i + 1] == ':')
			break;
		else if (base == 16 && isxdigit((unsigned char)s[i]))
			d = tolower((unsigned char)s[i]) - 'a' + 10;
		else
			break;
		if (v > (max - d) / base)
			return 0;
		v = v * base + d;
	}
	if (i == start)
		return 0;
	*out = v;
	return i;
}

/**
 * winsec_sid_parse() - parse a SID at the start of SDDL text
 * @text: "S-1-..." (any case) or a two-letter alias
 * @consumed: set to the number of characters used
 * @domain: the domain SID for domain-relative aliases, or NULL
 * @sid: destination
 * @err: set on failure (column relative to @text, 1-based)
 *
 * Only the SID itself is consumed: an alias is exactly two letters and a
 * numeric SID ends at the first character that cannot continue it. The
 * authority and each sub-authority are decimal or "0x" hex; a hex number
 * stops before a "D:" that follows it.
 *
 * Return: 0, or -EINVAL with @err set and @sid untouched.
 */
int winsec_sid_parse(const char *text, size_t *consumed,
		     const struct winsec_sid *domain,
		     struct winsec_sid_buf *sid, struct winsec_sddl_error *err)
{
	u32 sub[WINSEC_SID_MAX_SUBAUTH];
	unsigned int count = 0;
	u64 auth, v;
	size_t pos, n, i;

	if ((text[0] == 'S' || text[0] == 's') && text[1] == '-') {
		if (text[2] != '1' || text[3] != '-') {
			set_err(err, 3, "SID revision must be 1", NULL, 0);
			return -EINVAL;
		}
		pos = 4;
		n = parse_uint(text + pos, 0xffffffffffffULL, &auth);
		if (!n) {
			set_err(err, pos + 1, "invalid SID identifier authority",
				NULL, 0);
			return -EINVAL;
		}
		pos += n;
		while (text[pos] == '-') {
			if (count == WINSEC_SID_MAX_SUBAUTH) {
				set_err(err, pos + 1,
					"SID has more than 15 sub-authorities",
					NULL, 0);
				return -EINVAL;
			}
			n = parse_uint(text + pos + 1, 0xffffffffULL, &v);
			if (!n) {
				set_err(err, pos + 2,
					"invalid SID sub-authority (0 to 4294967295)",
					NULL, 0);
				return -EINVAL;
			}
			sub[count++] = v;
			pos += 1 + n;
		}
		if (!count) {
			set_err(err, pos + 1, "SID without sub-authorities",
				NULL, 0);
			return -EINVAL;
		}
		winsec_sid_build(sid, auth, count, sub);
		*consumed = pos;
		return 0;
	}
	if (!isalpha((unsigned char)text[0]) ||
	    !isalpha((unsigned char)text[1])) {
		n = isalpha((unsigned char)text[0]) ? 1 : 0;
		set_err(err, 1, n ? "unknown SID alias" : "expected a SID",
			n ? text : NULL, n);
		return -EINVAL;
	}
	for (i = 0; i < ARRAY_SIZE(sid_aliases); i++) {
		const struct sid_alias *a = &sid_aliases[i];

		if (!name_eq(a->name, text, 2))
			continue;
		if (a->domain && !domain) {
			set_err(err, 1,
				"domain-relative SID alias needs a domain SID",
				text, 2);
			return -EINVAL;
		}
		if (a->domain && domain->num_subauth >= WINSEC_SID_MAX_SUBAUTH) {
			set_err(err, 1, "domain SID too long for alias",
				text, 2);
			return -EINVAL;
		}
		alias_build(a, domain, sid);
		*consumed = 2;
		return 0;
	}
	set_err(err, 1, "unknown SID alias", text, 2);
	return -EINVAL;
}

/**
 * winsec_sid_from_string() - parse a whole string as one SID
 * @text: "S-1-..." or an alias, nothing else
 * @domain: the domain SID for domain-relative aliases, or NULL
 * @sid: destination
 *
 * Return: 0, or -EINVAL.
 */
int winsec_sid_from_string(const char *text, const struct winsec_sid *domain,
			   struct winsec_sid_buf *sid)
{
	struct winsec_sid_buf tmp;
	size_t n;

	if (winsec_sid_parse(text, &n, domain, &tmp, NULL) || text[n])
		return -EINVAL;
	*sid = tmp;
	return 0;
}

/**
 * winsec_sddl_right() - look up a rights letter pair or composite alias
 * @name: the letters (any case)
 * @len: number of letters
 * @label: whether NW, NR and NX are allowed (label ACEs)
 * @mask: set to the access mask
 *
 * Return: true when @name is known.
 */
bool winsec_sddl_right(const char *name, size_t len, bool label, u32 *mask)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(right_letters); i++)
		if (name_eq(right_letters[i].name, name, len)) {
			*mask = right_letters[i].mask;
			return true;
		}
	for (i = 0; i < ARRAY_SIZE(right_composites); i++)
		if (name_eq(right_composites[i].name, name, len)) {
			*mask = right_composites[i].mask;
			return true;
		}
	for (i = 0; label && i < ARRAY_SIZE(label_letters); i++)
		if (name_eq(label_letters[i].name, name, len)) {
			*mask = label_letters[i].mask;
			return true;
		}
	return false;
}

/**
 * winsec_rights_to_string() - an access mask as SDDL prints it
 * @mask: the mask
 * @label: whether it is the policy of a label ACE (NW NR NX letters)
 * @buf: destination
 * @size: size of @buf; %WINSEC_RIGHTS_STRING_MAX is always enough
 *
 * Empty for 0; a composite alias on exact match; else letters in ascending
 * bit order when every bit has one; else "0x%x".
 */
void winsec_rights_to_string(u32 mask, bool label, char *buf, size_t size)
{
	char tmp[WINSEC_RIGHTS_STRING_MAX];
	size_t i, len = 0;
	u32 left = mask;

	tmp[0] = '\0';
	if (label && mask && !(mask & ~WINSEC_LABEL_VALID_MASK)) {
		for (i = 0; i < ARRAY_SIZE(label_letters); i++)
			if (mask & label_letters[i].mask) {
				memcpy(tmp + len, label_letters[i].name, 2);
				len += 2;
			}
		tmp[len] = '\0';
		goto out;
	}
	for (i = 0; i < ARRAY_SIZE(right_composites); i++)
		if (mask && mask == right_composites[i].mask) {
			memcpy(tmp, right_composites[i].name, 3);
			goto out;
		}
	for (i = 0; i < ARRAY_SIZE(right_letters); i++)
		if (mask & right_letters[i].mask) {
			memcpy(tmp + len, right_letters[i].name, 2);
			len += 2;
			left &= ~right_letters[i].mask;
		}
	tmp[len] = '\0';
	if (left)
		snprintf(tmp, sizeof(tmp), "0x%x", mask);
out:
	snprintf(buf, size, "%s", tmp);
}

/**
 * winsec_sddl_ace_flag() - look up an ACE flag letter pair
 * @name: the letters (any case)
 * @len: number of letters
 *
 * Return: the flag, or -1 when unknown.
 */
int winsec_sddl_ace_flag(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ace_flags); i++)
		if (name_eq(ace_flags[i].name, name, len))
			return ace_flags[i].value;
	return -1;
}

/**
 * winsec_ace_flags_to_string() - ACE flags as SDDL prints them
 * @flags: the flags
 * @buf: destination
 * @size: size of @buf; %WINSEC_ACE_FLAGS_STRING_MAX is always enough
 *
 * Letters in the order OI CI NP IO ID SA FA; "0x%x" when a bit has no
 * letter.
 */
void winsec_ace_flags_to_string(u8 flags, char *buf, size_t size)
{
	char tmp[WINSEC_ACE_FLAGS_STRING_MAX];
	size_t i, len = 0;
	u8 left = flags;

	for (i = 0; i < ARRAY_SIZE(ace_flags); i++)
		if (flags & ace_flags[i].value) {
			memcpy(tmp + len, ace_flags[i].name, 2);
			len += 2;
			left &= ~ace_flags[i].value;
		}
	tmp[len] = '\0';
	if (left)
		snprintf(tmp, sizeof(tmp), "0x%x", flags);
	snprintf(buf, size, "%s", tmp);
}

/**
 * winsec_sddl_ace_type() - look up an ACE type code
 * @name: the code ("A", "OA", ...; any case)
 * @len: its length
 *
 * Return: the ACE type, or -1 when unknown.
 */
int winsec_sddl_ace_type(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ace_types); i++)
		if (name_eq(ace_types[i].name, name, len))
			return ace_types[i].value;
	return -1;
}

/**
 * winsec_ace_type_name() - the SDDL code of an ACE type
 * @type: the ACE type
 *
 * Return: the code, or NULL for types without one.
 */
const char *winsec_ace_type_name(u8 type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ace_types); i++)
		if (ace_types[i].value == type)
			return ace_types[i].name;
	return NULL;
}
