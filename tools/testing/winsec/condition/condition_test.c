// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - table test of conditional ACEs
 *
 * Three tables, each row one test (TAP):
 *
 *  - expressions: a condition, a token and the resource attributes of the
 *    object, and the value the condition must have. Each row is checked
 *    three ways: winsec_ace_condition() on the ACE gives that value; the
 *    descriptor "D:(XA;;FR;;;WD;cond)" grants FILE_GENERIC_READ exactly
 *    when it is TRUE; "D:(XD;;FR;;;WD;cond)(A;;FR;;;WD)" grants it exactly
 *    when it is FALSE (a deny ACE applies on TRUE and UNKNOWN);
 *  - access checks: a whole descriptor, a token and a request, and the
 *    outcome (granted rights, or a denial);
 *  - the stack limit, on generated expressions.
 *
 * A condition is SDDL text ("(@Resource.Dept == \"Sales\")", parsed by the
 * SDDL library) or, for what the text form cannot say (narrow integers,
 * malformed data), a program for the small assembler below, written
 * "asm:" followed by space-separated words:
 *
 *   R:name U:name D:name L:name   @Resource. @User. @Device. local attribute
 *   i8:V i16:V i32:V i64:V        integer literal (sign byte from V's sign)
 *   s:text  o:hex  sid:S-1-...    string, octet string, SID literals
 *   { ... }                       a list (lists may nest, to test that
 *                                 the evaluator refuses it)
 *   x:hex                         raw bytes
 *   == != < <= > >= && || ! and the operator names (Member_of, ...)
 *
 * "artx" is prepended and zero padding appended, unless the program starts
 * with "noartx" or ends with "nopad".
 *
 * Resource attributes are written "Name=T:v1,v2" (T: i INT64, u UINT64, s
 * STRING, S STRING with CASE_SENSITIVE, sid SID, b BOOLEAN, o OCTET_STRING;
 * no values after the colon for an empty attribute), several separated by
 * spaces; "io:" in front makes the ACE inherit-only, "raw:hex" gives the
 * claim bytes as they are.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "condition.h"
#include "sd.h"
#include "sddl.h"
#include "sid.h"

#define T	WINSEC_COND_TRUE
#define F	WINSEC_COND_FALSE
#define U	WINSEC_COND_UNKNOWN

static int passed, failed;

static void report(const char *what, const char *name, const char *err)
{
	if (err) {
		failed++;
		printf("not ok %d %s: %s # %s\n", passed + failed, what, name, err);
	} else {
		passed++;
		printf("ok %d %s: %s\n", passed + failed, what, name);
	}
}

static char errbuf[512];

static const char *fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static const char *fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(errbuf, sizeof(errbuf), fmt, ap);
	va_end(ap);
	return errbuf;
}

/* --- byte buffers ----------------------------------------------------- */

struct buf {
	u8 b[70000];
	size_t n;
};

static void put(struct buf *b, const void *p, size_t n)
{
	if (b->n + n > sizeof(b->b)) {
		fprintf(stderr, "test buffer overflow\n");
		exit(2);
	}
	memcpy(b->b + b->n, p, n);
	b->n += n;
}

static void put8(struct buf *b, u8 v)
{
	put(b, &v, 1);
}

static void put16(struct buf *b, u16 v)
{
	u8 x[2] = { v, v >> 8 };

	put(b, x, 2);
}

static void put32(struct buf *b, u32 v)
{
	u8 x[4] = { v, v >> 8, v >> 16, v >> 24 };

	put(b, x, 4);
}

static void put64(struct buf *b, u64 v)
{
	put32(b, (u32)v);
	put32(b, v >> 32);
}

static void set32(struct buf *b, size_t at, u32 v)
{
	b->b[at] = v;
	b->b[at + 1] = v >> 8;
	b->b[at + 2] = v >> 16;
	b->b[at + 3] = v >> 24;
}

static void put_utf16(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		put16(b, (u8)s[i]);
}

static int put_hex(struct buf *b, const char *h)
{
	size_t i, n = strlen(h);

	if (n % 2)
		return -1;
	for (i = 0; i < n; i += 2) {
		char x[3] = { h[i], h[i + 1], 0 };
		char *end;
		unsigned long v = strtoul(x, &end, 16);

		if (*end)
			return -1;
		put8(b, v);
	}
	return 0;
}

static int put_sid(struct buf *b, const char *text, bool with_len)
{
	struct winsec_sid_buf sid;
	u32 n;

	if (winsec_sid_from_string(text, NULL, &sid))
		return -1;
	n = winsec_sid_size(winsec_sid_of(&sid));
	if (with_len)
		put32(b, n);
	put(b, &sid, n);
	return 0;
}

static void hex_of(const struct buf *b, char *out)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		sprintf(out + 2 * i, "%02x", b->b[i]);
	out[2 * b->n] = '\0';
}

/* --- the condition assembler ------------------------------------------ */

static const struct {
	const char *name;
	u8 tok;
} ops[] = {
	{ "==", 0x80 }, { "!=", 0x81 }, { "<", 0x82 }, { "<=", 0x83 },
	{ ">", 0x84 }, { ">=", 0x85 }, { "Contains", 0x86 },
	{ "Exists", 0x87 }, { "Any_of", 0x88 }, { "Member_of", 0x89 },
	{ "Device_Member_of", 0x8a }, { "Member_of_Any", 0x8b },
	{ "Device_Member_of_Any", 0x8c }, { "Not_Exists", 0x8d },
	{ "Not_Contains", 0x8e }, { "Not_Any_of", 0x8f },
	{ "Not_Member_of", 0x90 }, { "Not_Device_Member_of", 0x91 },
	{ "Not_Member_of_Any", 0x92 }, { "Not_Device_Member_of_Any", 0x93 },
	{ "&&", 0xa0 }, { "||", 0xa1 }, { "!", 0xa2 },
};

static int assemble(const char *prog, struct buf *b)
{
	char *copy = strdup(prog), *save = NULL, *w;
	size_t list_at[4];
	unsigned int lists = 0;
	bool pad = true;
	int ret = 0;

	b->n = 0;
	if (strncmp(prog, "noartx", 6))
		put(b, "artx", 4);
	for (w = strtok_r(copy, " ", &save); w && !ret;
	     w = strtok_r(NULL, " ", &save)) {
		size_t i;
		bool done = false;

		if (!strcmp(w, "noartx"))
			continue;
		if (!strcmp(w, "nopad")) {
			pad = false;
			continue;
		}
		for (i = 0; i < ARRAY_SIZE(ops); i++) {
			if (!strcmp(w, ops[i].name)) {
				put8(b, ops[i].tok);
				done = true;
				break;
			}
		}
		if (done)
			continue;
		if (w[0] && strchr("RUDL", w[0]) && w[1] == ':') {
			static const u8 attr[] = { 0xfa, 0xf9, 0xfb, 0xf8 };

			put8(b, attr[strchr("RUDL", w[0]) - "RUDL"]);
			put32(b, 2 * strlen(w + 2));
			put_utf16(b, w + 2, strlen(w + 2));
		} else if (!strncmp(w, "i8:", 3) || !strncmp(w, "i16:", 4) ||
			   !strncmp(w, "i32:", 4) || !strncmp(w, "i64:", 4)) {
			const char *v = strchr(w, ':') + 1;
			long long x = strtoll(v, NULL, 0);

			put8(b, w[1] == '8' ? 1 : w[1] == '1' ? 2 :
				w[1] == '3' ? 3 : 4);
			put64(b, x);
			put8(b, x < 0 ? 2 : 3);
			put8(b, 2);
		} else if (!strncmp(w, "s:", 2)) {
			put8(b, 0x10);
			put32(b, 2 * strlen(w + 2));
			put_utf16(b, w + 2, strlen(w + 2));
		} else if (!strncmp(w, "o:", 2)) {
			put8(b, 0x18);
			put32(b, strlen(w + 2) / 2);
			ret = put_hex(b, w + 2);
		} else if (!strncmp(w, "sid:", 4)) {
			put8(b, 0x51);
			ret = put_sid(b, w + 4, true);
		} else if (!strncmp(w, "x:", 2)) {
			ret = put_hex(b, w + 2);
		} else if (!strcmp(w, "{") && lists < 4) {
			put8(b, 0x50);
			list_at[lists++] = b->n;
			put32(b, 0);
		} else if (!strcmp(w, "}") && lists) {
			lists--;
			set32(b, list_at[lists], b->n - list_at[lists] - 4);
		} else {
			fprintf(stderr, "bad assembler word \"%s\"\n", w);
			ret = -1;
		}
	}
	while (pad && b->n % 4)
		put8(b, 0);
	free(copy);
	return ret;
}

/* --- claims ------------------------------------------------------------ */

/* One claim from "Name=T:v1,v2" into @b (starting empty). */
static int build_claim(const char *spec, struct buf *b)
{
	char name[64], type[8], vals[512], *save = NULL, *v;
	const char *eq = strchr(spec, '='), *colon;
	const char *list[64];
	u32 nvals = 0, i, flags = 0;
	u16 vt;
	size_t off_at;

	b->n = 0;
	if (!strncmp(spec, "raw:", 4))
		return put_hex(b, spec + 4);
	if (!eq || !(colon = strchr(eq, ':')) || eq - spec >= 64 ||
	    colon - eq - 1 >= 8)
		return -1;
	memcpy(name, spec, eq - spec);
	name[eq - spec] = '\0';
	memcpy(type, eq + 1, colon - eq - 1);
	type[colon - eq - 1] = '\0';
	snprintf(vals, sizeof(vals), "%s", colon + 1);
	for (v = strtok_r(vals, ",", &save); v && nvals < 64;
	     v = strtok_r(NULL, ",", &save))
		list[nvals++] = v;

	if (!strcmp(type, "i"))
		vt = WINSEC_CLAIM_TYPE_INT64;
	else if (!strcmp(type, "u"))
		vt = WINSEC_CLAIM_TYPE_UINT64;
	else if (!strcmp(type, "s"))
		vt = WINSEC_CLAIM_TYPE_STRING;
	else if (!strcmp(type, "S")) {
		vt = WINSEC_CLAIM_TYPE_STRING;
		flags = WINSEC_CLAIM_CASE_SENSITIVE;
	} else if (!strcmp(type, "sid"))
		vt = WINSEC_CLAIM_TYPE_SID;
	else if (!strcmp(type, "b"))
		vt = WINSEC_CLAIM_TYPE_BOOLEAN;
	else if (!strcmp(type, "o"))
		vt = WINSEC_CLAIM_TYPE_OCTET_STRING;
	else
		return -1;

	put32(b, 0);		/* name offset, set below */
	put16(b, vt);
	put16(b, 0);
	put32(b, flags);
	put32(b, nvals);
	off_at = b->n;
	for (i = 0; i < nvals; i++)
		put32(b, 0);
	set32(b, 0, b->n);
	put_utf16(b, name, strlen(name));
	put16(b, 0);
	for (i = 0; i < nvals; i++) {
		set32(b, off_at + 4 * i, b->n);
		switch (vt) {
		case WINSEC_CLAIM_TYPE_INT64:
			put64(b, strtoll(list[i], NULL, 0));
			break;
		case WINSEC_CLAIM_TYPE_UINT64:
		case WINSEC_CLAIM_TYPE_BOOLEAN:
			put64(b, strtoull(list[i], NULL, 0));
			break;
		case WINSEC_CLAIM_TYPE_STRING:
			put_utf16(b, list[i], strlen(list[i]));
			put16(b, 0);
			break;
		case WINSEC_CLAIM_TYPE_SID:
			if (put_sid(b, list[i], true))
				return -1;
			break;
		default:
			put32(b, strlen(list[i]) / 2);
			if (put_hex(b, list[i]))
				return -1;
		}
	}
	return 0;
}

/* "(RA;;;;;WD;#...)" for every attribute of @spec, appended to @out. */
static int ra_aces(const char *spec, char *out, size_t cap)
{
	static struct buf claim;
	static char hex[2 * sizeof(claim.b) + 1];
	char *copy = strdup(spec), *save = NULL, *w;
	int ret = 0;

	for (w = strtok_r(copy, " ", &save); w && !ret;
	     w = strtok_r(NULL, " ", &save)) {
		bool io = !strncmp(w, "io:", 3);

		ret = build_claim(io ? w + 3 : w, &claim);
		if (ret)
			break;
		hex_of(&claim, hex);
		if (strlen(out) + strlen(hex) + 32 > cap) {
			ret = -1;
			break;
		}
		sprintf(out + strlen(out), "(RA;%s;;;;WD;#%s)", io ? "IO" : "",
			hex);
	}
	free(copy);
	return ret;
}

/* --- tokens ------------------------------------------------------------ */

enum { TK_UNIX, TK_ROOT, TK_SIDS, TK_CLAIMS, TK_LOW, TK_NTOK };

static const char *const tok_names[] = {
	"unix 1000/100+200,300", "root", "SID list", "SID list with claims",
	"unix at Low",
};

static struct winsec_token tokens[TK_NTOK];
static u32 tok_groups[] = { 200, 300 };
static struct winsec_sid_buf sid_bufs[3];
static const struct winsec_sid *sid_ptrs[3];
static struct buf claim_store[6];
static const u8 *user_attrs[3], *device_attrs[1], *local_attrs[2];
static u32 user_lens[3], device_lens[1], local_lens[2];
static struct winsec_claims claims;

static void setup_tokens(void)
{
	static const char *const sids[] = {
		"S-1-5-21-1-2-3-1104", "S-1-5-21-1-2-3-513", "S-1-5-32-545",
	};
	static const char *const specs[] = {
		"Dept=s:Old", "Dept=s:Sales", "Clearance=i:3",
		"Managed=b:1", "Site=s:HQ", "Count=u:7",
	};
	u32 unix_flags = WINSEC_TOKEN_EVERYONE | WINSEC_TOKEN_AUTHENTICATED |
			 WINSEC_TOKEN_USERS | WINSEC_TOKEN_UNIX;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sids); i++) {
		if (winsec_sid_from_string(sids[i], NULL, &sid_bufs[i]))
			exit(2);
		sid_ptrs[i] = winsec_sid_of(&sid_bufs[i]);
	}
	for (i = 0; i < ARRAY_SIZE(specs); i++)
		if (build_claim(specs[i], &claim_store[i]))
			exit(2);
	for (i = 0; i < 3; i++) {
		user_attrs[i] = claim_store[i].b;
		user_lens[i] = claim_store[i].n;
	}
	device_attrs[0] = claim_store[3].b;
	device_lens[0] = claim_store[3].n;
	for (i = 0; i < 2; i++) {
		local_attrs[i] = claim_store[4 + i].b;
		local_lens[i] = claim_store[4 + i].n;
	}
	claims.user = (struct winsec_claim_set){ user_attrs, user_lens, 3 };
	claims.device = (struct winsec_claim_set){ device_attrs, device_lens, 1 };
	claims.local = (struct winsec_claim_set){ local_attrs, local_lens, 2 };

	for (i = 0; i < TK_NTOK; i++) {
		tokens[i].level = WINSEC_LEVEL_MEDIUM;
		tokens[i].policy = WINSEC_POLICY_NO_WRITE_UP;
	}
	tokens[TK_UNIX].flags = unix_flags;
	tokens[TK_UNIX].uid = 1000;
	tokens[TK_UNIX].gid = 100;
	tokens[TK_UNIX].groups = tok_groups;
	tokens[TK_UNIX].ngroups = 2;
	tokens[TK_LOW] = tokens[TK_UNIX];
	tokens[TK_LOW].level = WINSEC_LEVEL_LOW;
	tokens[TK_ROOT].flags = unix_flags | WINSEC_TOKEN_SYSTEM;
	tokens[TK_ROOT].level = WINSEC_LEVEL_HIGH;
	tokens[TK_SIDS].flags = WINSEC_TOKEN_EVERYONE |
				WINSEC_TOKEN_AUTHENTICATED;
	tokens[TK_SIDS].sids = sid_ptrs;
	tokens[TK_SIDS].nsids = 3;
	tokens[TK_CLAIMS] = tokens[TK_SIDS];
	tokens[TK_CLAIMS].claims = &claims;
}

/* --- building and checking descriptors --------------------------------- */

static char sddl_buf[300000];

/* @dacl, then "S:" and the resource attributes of @ra when given. */
static const char *make_sddl(const char *dacl, const char *ra)
{
	snprintf(sddl_buf, sizeof(sddl_buf), "%s", dacl);
	if (ra && *ra) {
		strcat(sddl_buf, "S:");
		if (ra_aces(ra, sddl_buf, sizeof(sddl_buf)))
			return NULL;
	}
	return sddl_buf;
}

static const char *check_access(const char *sddl, int tk, u32 desired,
				bool expect_ok, u32 expect_granted, u8 **keep,
				struct winsec_sd *sd)
{
	struct winsec_sddl_error err;
	struct winsec_decision dec;
	const char *reason = NULL;
	size_t len;
	int ret;

	*keep = NULL;
	if (winsec_sddl_to_sd(sddl, NULL, keep, &len, &err))
		return fail("SDDL refused at column %u: %s", err.column,
			    err.message);
	if (winsec_sd_parse(*keep, len, sd, &reason))
		return fail("descriptor refused: %s", reason);
	ret = winsec_access_check(sd, &tokens[tk], &winsec_file_mapping,
				  desired, &dec);
	if (expect_ok && ret)
		return fail("denied (reason %d, missing %#x), expected %#x",
			    dec.reason, dec.missing, expect_granted);
	if (!expect_ok && !ret)
		return fail("granted %#x, expected a denial", dec.granted);
	if (expect_ok && dec.granted != expect_granted)
		return fail("granted %#x, expected %#x", dec.granted,
			    expect_granted);
	return NULL;
}

/* --- expression table ---------------------------------------------------- */

struct expr_case {
	const char *cond;	/* "(...)" SDDL text or "asm:..." */
	int tok;
	const char *ra;		/* resource attributes, or NULL */
	int want;		/* T, F or U */
};

#define ANY_T	"(Member_of {SID(WD)})"
#define ANY_F	"(Member_of {SID(AN)})"
#define ANY_U	"(Device_Member_of {SID(WD)})"

static const struct expr_case expr_cases[] = {
	/* --- logic: full truth tables (T, F, U operands) --- */
	{ "(!" ANY_T ")", TK_UNIX, NULL, F },
	{ "(!" ANY_F ")", TK_UNIX, NULL, T },
	{ "(!" ANY_U ")", TK_UNIX, NULL, U },
	{ "(" ANY_T " && " ANY_T ")", TK_UNIX, NULL, T },
	{ "(" ANY_T " && " ANY_F ")", TK_UNIX, NULL, F },
	{ "(" ANY_T " && " ANY_U ")", TK_UNIX, NULL, U },
	{ "(" ANY_F " && " ANY_T ")", TK_UNIX, NULL, F },
	{ "(" ANY_F " && " ANY_F ")", TK_UNIX, NULL, F },
	{ "(" ANY_F " && " ANY_U ")", TK_UNIX, NULL, F },
	{ "(" ANY_U " && " ANY_T ")", TK_UNIX, NULL, U },
	{ "(" ANY_U " && " ANY_F ")", TK_UNIX, NULL, F },
	{ "(" ANY_U " && " ANY_U ")", TK_UNIX, NULL, U },
	{ "(" ANY_T " || " ANY_T ")", TK_UNIX, NULL, T },
	{ "(" ANY_T " || " ANY_F ")", TK_UNIX, NULL, T },
	{ "(" ANY_T " || " ANY_U ")", TK_UNIX, NULL, T },
	{ "(" ANY_F " || " ANY_T ")", TK_UNIX, NULL, T },
	{ "(" ANY_F " || " ANY_F ")", TK_UNIX, NULL, F },
	{ "(" ANY_F " || " ANY_U ")", TK_UNIX, NULL, U },
	{ "(" ANY_U " || " ANY_T ")", TK_UNIX, NULL, T },
	{ "(" ANY_U " || " ANY_F ")", TK_UNIX, NULL, U },
	{ "(" ANY_U " || " ANY_U ")", TK_UNIX, NULL, U },
	/* an absent attribute as the unknown operand */
	{ "((@Resource.none == 1) || " ANY_T ")", TK_UNIX, NULL, T },
	{ "((@Resource.none == 1) && " ANY_F ")", TK_UNIX, NULL, F },
	{ "((@Resource.none == 1) && " ANY_T ")", TK_UNIX, NULL, U },
	{ "(!(@Resource.none == 1))", TK_UNIX, NULL, U },
	{ "(!(!" ANY_T "))", TK_UNIX, NULL, T },
	{ "((" ANY_T " && " ANY_T ") && (" ANY_F " || " ANY_T "))", TK_UNIX, NULL, T },

	/* --- Member_of and relatives: Unix-form token --- */
	{ "(Member_of {SID(S-1-22-1-1000)})", TK_UNIX, NULL, T },
	{ "(Member_of {SID(S-1-22-1-1001)})", TK_UNIX, NULL, F },
	{ "(Member_of {SID(S-1-22-2-100)})", TK_UNIX, NULL, T },
	{ "(Member_of {SID(S-1-22-2-300)})", TK_UNIX, NULL, T },
	{ "(Member_of {SID(S-1-22-2-250)})", TK_UNIX, NULL, F },
	{ "(Member_of {SID(S-1-22-1-1000), SID(S-1-22-2-200), SID(AU)})", TK_UNIX, NULL, T },
	{ "(Member_of {SID(S-1-22-1-1000), SID(BA)})", TK_UNIX, NULL, F },
	{ "(Member_of SID(BU))", TK_UNIX, NULL, T },
	{ "(Member_of_Any {SID(BA), SID(S-1-22-2-200)})", TK_UNIX, NULL, T },
	{ "(Member_of_Any {SID(BA), SID(SY)})", TK_UNIX, NULL, F },
	{ "(Member_of_Any SID(S-1-22-1-1000))", TK_UNIX, NULL, T },
	{ "(Not_Member_of {SID(BA)})", TK_UNIX, NULL, T },
	{ "(Not_Member_of {SID(S-1-22-1-1000), SID(BA)})", TK_UNIX, NULL, T },
	{ "(Not_Member_of {SID(S-1-22-1-1000), SID(WD)})", TK_UNIX, NULL, F },
	{ "(Not_Member_of_Any {SID(BA), SID(SY)})", TK_UNIX, NULL, T },
	{ "(Not_Member_of_Any {SID(BA), SID(S-1-22-2-100)})", TK_UNIX, NULL, F },
	{ "(Member_of {SID(BA), SID(SY)})", TK_ROOT, NULL, T },
	{ "(Not_Member_of_Any {SID(BA)})", TK_ROOT, NULL, F },
	/* SID-list token */
	{ "(Member_of {SID(S-1-5-21-1-2-3-1104)})", TK_SIDS, NULL, T },
	{ "(Member_of {SID(S-1-5-21-1-2-3-513), SID(BU), SID(WD)})", TK_SIDS, NULL, T },
	{ "(Member_of {SID(S-1-5-21-1-2-3-1105)})", TK_SIDS, NULL, F },
	{ "(Member_of {SID(S-1-22-1-1000)})", TK_SIDS, NULL, F },
	{ "(Member_of_Any {SID(S-1-5-21-1-2-3-1105), SID(S-1-5-21-1-2-3-513)})", TK_SIDS, NULL, T },
	{ "(Not_Member_of {SID(S-1-5-21-1-2-3-1104)})", TK_SIDS, NULL, F },
	/* no device identity on Linux: every device test is unknown */
	{ "(Device_Member_of {SID(WD)})", TK_UNIX, NULL, U },
	{ "(Device_Member_of_Any {SID(WD), SID(BA)})", TK_UNIX, NULL, U },
	{ "(Not_Device_Member_of {SID(BA)})", TK_UNIX, NULL, U },
	{ "(Not_Device_Member_of_Any {SID(BA)})", TK_SIDS, NULL, U },
	/* operands of the wrong kind */
	{ "asm:{ } Member_of", TK_UNIX, NULL, U },
	{ "asm:{ sid:S-1-1-0 i64:1 } Member_of", TK_UNIX, NULL, U },
	{ "asm:s:WD Member_of_Any", TK_UNIX, NULL, U },
	{ "asm:R:x Member_of", TK_UNIX, "x=sid:S-1-1-0", U },
	{ "asm:{ s:x } Device_Member_of", TK_UNIX, NULL, U },

	/* --- INT64 resource attribute --- */
	{ "(@Resource.Level == 5)", TK_UNIX, "Level=i:5", T },
	{ "(@Resource.Level == 6)", TK_UNIX, "Level=i:5", F },
	{ "(@Resource.Level != 6)", TK_UNIX, "Level=i:5", T },
	{ "(@Resource.Level != 5)", TK_UNIX, "Level=i:5", F },
	{ "(@Resource.Level < 6)", TK_UNIX, "Level=i:5", T },
	{ "(@Resource.Level < 5)", TK_UNIX, "Level=i:5", F },
	{ "(@Resource.Level <= 5)", TK_UNIX, "Level=i:5", T },
	{ "(@Resource.Level <= 4)", TK_UNIX, "Level=i:5", F },
	{ "(@Resource.Level > 4)", TK_UNIX, "Level=i:5", T },
	{ "(@Resource.Level > 5)", TK_UNIX, "Level=i:5", F },
	{ "(@Resource.Level >= 5)", TK_UNIX, "Level=i:5", T },
	{ "(@Resource.Level >= 6)", TK_UNIX, "Level=i:5", F },
	{ "(@Resource.Level == -3)", TK_UNIX, "Level=i:-3", T },
	{ "(@Resource.Level < -2)", TK_UNIX, "Level=i:-3", T },
	{ "(@Resource.Level > -4)", TK_UNIX, "Level=i:-3", T },
	{ "(@Resource.Level < 0)", TK_UNIX, "Level=i:-9223372036854775808", T },
	{ "(@Resource.Level == 0x10)", TK_UNIX, "Level=i:16", T },
	{ "(@Resource.Level == 020)", TK_UNIX, "Level=i:16", T },
	{ "(@Resource.Level == +16)", TK_UNIX, "Level=i:16", T },
	{ "(@Resource.Level Any_of {1, 5, 9})", TK_UNIX, "Level=i:5", T },
	{ "(@Resource.Level Any_of {1, 9})", TK_UNIX, "Level=i:5", F },
	{ "(@Resource.Level Not_Any_of {1, 9})", TK_UNIX, "Level=i:5", T },
	{ "(@Resource.Level Contains 5)", TK_UNIX, "Level=i:5", T },
	{ "(@Resource.Level Not_Contains 5)", TK_UNIX, "Level=i:5", F },
	/* narrower integer literals, and the sign byte */
	{ "asm:R:Level i8:5 ==", TK_UNIX, "Level=i:5", T },
	{ "asm:R:Level i16:-300 <", TK_UNIX, "Level=i:5", F },
	{ "asm:R:Level i32:100000 <", TK_UNIX, "Level=i:5", T },
	{ "asm:R:Level x:040500000000000000 x:0202 ==", TK_UNIX, "Level=i:-5", T },
	{ "asm:R:Level x:04fbffffffffffffff x:0302 ==", TK_UNIX, "Level=i:5", T },
	{ "asm:R:Level x:040000000000000000 x:0202 ==", TK_UNIX, "Level=i:0", T },

	/* --- UINT64, and integers of both signs --- */
	{ "(@Resource.Big == 7)", TK_UNIX, "Big=u:7", T },
	{ "(@Resource.Big > 9223372036854775807)", TK_UNIX, "Big=u:18446744073709551615", T },
	{ "(@Resource.Big > -1)", TK_UNIX, "Big=u:18446744073709551615", T },
	{ "(@Resource.Big == @Resource.Level)", TK_UNIX, "Big=u:5 Level=i:5", T },
	{ "(@Resource.Big > @Resource.Level)", TK_UNIX, "Big=u:0 Level=i:-1", T },
	{ "(@Resource.Big < 8)", TK_UNIX, "Big=u:7", T },

	/* --- STRING --- */
	{ "(@Resource.Dept == \"Sales\")", TK_UNIX, "Dept=s:Sales", T },
	{ "(@Resource.Dept == \"sALES\")", TK_UNIX, "Dept=s:Sales", T },
	{ "(@Resource.Dept == \"HR\")", TK_UNIX, "Dept=s:Sales", F },
	{ "(@Resource.Dept != \"HR\")", TK_UNIX, "Dept=s:Sales", T },
	{ "(@Resource.Dept == \"sales\")", TK_UNIX, "Dept=S:Sales", F },
	{ "(@Resource.Dept == \"Sales\")", TK_UNIX, "Dept=S:Sales", T },
	{ "(@Resource.Dept < \"Sales\")", TK_UNIX, "Dept=s:HR", T },
	{ "(@Resource.Dept > \"hr\")", TK_UNIX, "Dept=s:Sales", T },
	{ "(@Resource.Dept < \"Salesman\")", TK_UNIX, "Dept=s:Sales", T },
	{ "(@Resource.Dept >= \"Sale\")", TK_UNIX, "Dept=s:Sales", T },
	{ "(@Resource.Dept < \"_\")", TK_UNIX, "Dept=s:a", T },
	{ "(@Resource.Dept <= \"Sales\")", TK_UNIX, "Dept=s:sales", T },
	{ "(@Resource.Dept Any_of {\"HR\", \"SALES\"})", TK_UNIX, "Dept=s:Sales", T },
	{ "(@Resource.Dept Any_of {\"HR\", \"IT\"})", TK_UNIX, "Dept=s:Sales", F },
	{ "(@Resource.Dept Contains \"sales\")", TK_UNIX, "Dept=s:Sales", T },
	{ "(@Resource.Dept Contains \"sales\")", TK_UNIX, "Dept=S:Sales", F },
	{ "(@Resource.Dept == \"\")", TK_UNIX, "Dept=s:Sales", F },
	{ "(@Resource.Dept == @Resource.Other)", TK_UNIX, "Dept=s:Sales Other=s:SALES", T },
	{ "(@Resource.Dept == @Resource.Other)", TK_UNIX, "Dept=s:Sales Other=S:SALES", F },
	{ "(@Resource.Dept != @Resource.Other)", TK_UNIX, "Dept=s:A Other=s:B", T },

	/* --- SID --- */
	{ "(@Resource.Owner == SID(S-1-22-1-1000))", TK_UNIX, "Owner=sid:S-1-22-1-1000", T },
	{ "(@Resource.Owner == SID(S-1-22-1-1001))", TK_UNIX, "Owner=sid:S-1-22-1-1000", F },
	{ "(@Resource.Owner != SID(WD))", TK_UNIX, "Owner=sid:S-1-22-1-1000", T },
	{ "(@Resource.Owner Any_of {SID(WD), SID(S-1-22-1-1000)})", TK_UNIX, "Owner=sid:S-1-22-1-1000", T },
	{ "(@Resource.Owners Contains {SID(WD), SID(BA)})", TK_UNIX, "Owners=sid:S-1-1-0,S-1-5-32-544,S-1-5-18", T },
	{ "(@Resource.Owners Contains {SID(WD), SID(BU)})", TK_UNIX, "Owners=sid:S-1-1-0,S-1-5-32-544,S-1-5-18", F },
	{ "(@Resource.Owner == #010100000000000100000000)", TK_UNIX, "Owner=sid:S-1-1-0", U },

	/* --- BOOLEAN --- */
	{ "(@Resource.Flag == 1)", TK_UNIX, "Flag=b:1", T },
	{ "(@Resource.Flag == 0)", TK_UNIX, "Flag=b:1", F },
	{ "(@Resource.Flag != 1)", TK_UNIX, "Flag=b:0", T },
	{ "(@Resource.Flag == 0)", TK_UNIX, "Flag=b:0", T },
	{ "(@Resource.Flag == 2)", TK_UNIX, "Flag=b:1", U },
	{ "(@Resource.Flag < 1)", TK_UNIX, "Flag=b:0", U },
	{ "(@Resource.Flag Any_of {0, 1})", TK_UNIX, "Flag=b:1", U },
	{ "(@Resource.Flag == @Resource.Other)", TK_UNIX, "Flag=b:1 Other=b:1", T },
	{ "(@Resource.Flag < @Resource.Other)", TK_UNIX, "Flag=b:0 Other=b:1", T },
	{ "(@Resource.Flag == \"1\")", TK_UNIX, "Flag=b:1", U },

	/* --- OCTET_STRING --- */
	{ "(@Resource.Blob == #0a0b0c)", TK_UNIX, "Blob=o:0a0b0c", T },
	{ "(@Resource.Blob == #0a0b0d)", TK_UNIX, "Blob=o:0a0b0c", F },
	{ "(@Resource.Blob < #0a0c)", TK_UNIX, "Blob=o:0a0b0c", T },
	{ "(@Resource.Blob > #0a0b)", TK_UNIX, "Blob=o:0a0b0c", T },
	{ "(@Resource.Blob Any_of {#01, #0a0b0c})", TK_UNIX, "Blob=o:0a0b0c", T },
	{ "(@Resource.Blob == \"x\")", TK_UNIX, "Blob=o:0a0b0c", U },

	/* --- multi-valued attributes and lists --- */
	{ "(@Resource.Tags == {\"a\", \"b\"})", TK_UNIX, "Tags=s:a,b", T },
	{ "(@Resource.Tags == {\"B\", \"A\"})", TK_UNIX, "Tags=s:a,b", T },
	{ "(@Resource.Tags == {\"a\", \"b\", \"a\"})", TK_UNIX, "Tags=s:a,b", F },
	{ "(@Resource.Tags == {\"a\", \"a\", \"b\"})", TK_UNIX, "Tags=s:a,b,b", F },
	{ "(@Resource.Tags == \"a\")", TK_UNIX, "Tags=s:a,b", F },
	{ "(@Resource.Tags != {\"a\"})", TK_UNIX, "Tags=s:a,b", T },
	{ "(@Resource.Tag == {\"a\"})", TK_UNIX, "Tag=s:a", T },
	{ "(@Resource.Tags Contains {\"a\", \"B\"})", TK_UNIX, "Tags=s:a,b,c", T },
	{ "(@Resource.Tags Contains {\"a\", \"d\"})", TK_UNIX, "Tags=s:a,b,c", F },
	{ "(@Resource.Tags Contains \"c\")", TK_UNIX, "Tags=s:a,b,c", T },
	{ "(@Resource.Tags Contains {\"a\", \"a\"})", TK_UNIX, "Tags=s:a,b,c", T },
	{ "(@Resource.Tags Contains {})", TK_UNIX, "Tags=s:a,b,c", F },
	{ "(@Resource.Tags Not_Contains {})", TK_UNIX, "Tags=s:a,b,c", T },
	{ "(@Resource.Tags Not_Contains {\"a\", \"d\"})", TK_UNIX, "Tags=s:a,b,c", T },
	{ "(@Resource.Tags Any_of {\"x\", \"C\"})", TK_UNIX, "Tags=s:a,b,c", T },
	{ "(@Resource.Tags Any_of {})", TK_UNIX, "Tags=s:a,b,c", F },
	{ "(@Resource.Tags Not_Any_of {\"x\", \"y\"})", TK_UNIX, "Tags=s:a,b,c", T },
	{ "(@Resource.Tags Not_Any_of {\"x\", \"a\"})", TK_UNIX, "Tags=s:a,b,c", F },
	{ "(@Resource.Tags < \"z\")", TK_UNIX, "Tags=s:a,b", U },
	{ "asm:R:Tag { s:z } <", TK_UNIX, "Tag=s:a", U },
	{ "(@Resource.Levels == {3, 1, 2})", TK_UNIX, "Levels=i:1,2,3", T },
	{ "(@Resource.Levels == {\"1\", \"2\"})", TK_UNIX, "Levels=i:1,2", U },
	{ "(@Resource.Tags Contains {1, 2})", TK_UNIX, "Tags=s:a,b", U },
	{ "(@Resource.Empty == {})", TK_UNIX, "Empty=s:", T },
	{ "(@Resource.Empty != \"a\")", TK_UNIX, "Empty=s:", T },
	{ "(@Resource.Tags == @Resource.Other)", TK_UNIX, "Tags=s:a,b Other=s:B,A", T },
	{ "(@Resource.Tags Any_of @Resource.Other)", TK_UNIX, "Tags=s:a,b Other=s:x,b", T },

	/* --- type mismatches make the whole expression unknown --- */
	{ "(@Resource.Dept == 5)", TK_UNIX, "Dept=s:Sales", U },
	{ "(@Resource.Level == \"5\")", TK_UNIX, "Level=i:5", U },
	{ "((@Resource.Dept == 5) || " ANY_T ")", TK_UNIX, "Dept=s:Sales", U },
	{ "(" ANY_F " && (@Resource.Dept == 5))", TK_UNIX, "Dept=s:Sales", U },
	{ "(@Resource.Owner == \"S-1-1-0\")", TK_UNIX, "Owner=sid:S-1-1-0", U },

	/* --- absent attributes, Exists --- */
	{ "(@Resource.Dept == \"Sales\")", TK_UNIX, NULL, U },
	{ "(@Resource.Dept == \"Sales\")", TK_UNIX, "Other=s:Sales", U },
	{ "(@Resource.Dept != \"Sales\")", TK_UNIX, "Other=s:Sales", U },
	{ "(@Resource.Dept == @Resource.Missing)", TK_UNIX, "Dept=s:Sales", U },
	{ "(Exists @Resource.Dept)", TK_UNIX, "Dept=s:Sales", T },
	{ "(Exists @Resource.Dept)", TK_UNIX, NULL, F },
	{ "(Not_Exists @Resource.Dept)", TK_UNIX, NULL, T },
	{ "(Not_Exists @Resource.Dept)", TK_UNIX, "Dept=s:Sales", F },
	{ "(Exists @Resource.Empty)", TK_UNIX, "Empty=i:", T },
	{ "(Exists @Resource.Dept)", TK_UNIX, "io:Dept=s:Sales", F },
	{ "(@Resource.dEPT == \"Sales\")", TK_UNIX, "Dept=s:Sales", T },
	{ "(@Resource.Dept == \"A\")", TK_UNIX, "Dept=s:A Dept=s:B", T },
	{ "(@Resource.Dept == \"B\")", TK_UNIX, "io:Dept=s:A Dept=s:B", T },

	/* --- attributes as truth values --- */
	{ "asm:R:Level", TK_UNIX, "Level=i:5", T },
	{ "asm:R:Level", TK_UNIX, "Level=i:0", F },
	{ "asm:R:Dept ! ", TK_UNIX, "Dept=s:Sales", F },
	{ "asm:R:Flag R:Dept &&", TK_UNIX, "Flag=b:1 Dept=s:x", T },
	{ "asm:R:Tags", TK_UNIX, "Tags=i:1,1", U },
	{ "asm:R:Owner", TK_UNIX, "Owner=sid:S-1-1-0", U },
	{ "asm:R:Missing", TK_UNIX, NULL, U },

	/* --- @User., @Device., local: no claims on Linux --- */
	{ "(@User.Dept == \"Sales\")", TK_UNIX, NULL, U },
	{ "(@Device.Managed == 1)", TK_UNIX, NULL, U },
	{ "(Site == \"HQ\")", TK_UNIX, NULL, U },
	{ "(Exists Site)", TK_UNIX, NULL, F },
	{ "(Not_Exists Site)", TK_UNIX, NULL, T },
	{ "(Exists @User.Dept)", TK_UNIX, NULL, U },
	{ "(Not_Exists @Device.Managed)", TK_UNIX, NULL, U },
	{ "((@User.Dept == \"Sales\") || " ANY_T ")", TK_UNIX, NULL, T },
	/* the claims interface, with a token that carries claims */
	{ "(@User.Dept == \"Sales\")", TK_CLAIMS, NULL, T },
	{ "(@User.Dept == \"Old\")", TK_CLAIMS, NULL, F },
	{ "(@User.Clearance >= 3)", TK_CLAIMS, NULL, T },
	{ "(@User.Clearance >= @Resource.Need)", TK_CLAIMS, "Need=i:4", F },
	{ "(@Device.Managed == 1)", TK_CLAIMS, NULL, T },
	{ "(Site == \"hq\")", TK_CLAIMS, NULL, T },
	{ "(Count > 6)", TK_CLAIMS, NULL, T },
	{ "(Exists Site)", TK_CLAIMS, NULL, T },
	{ "(Exists @User.Dept)", TK_CLAIMS, NULL, U },
	{ "(@User.Site == \"HQ\")", TK_CLAIMS, NULL, U },

	/* --- malformed expressions: unknown --- */
	{ "asm:noartx R:Level i64:5 ==", TK_UNIX, "Level=i:5", U },
	{ "asm:", TK_UNIX, NULL, U },
	{ "asm:x:77", TK_UNIX, NULL, U },
	{ "asm:R:Level ==", TK_UNIX, "Level=i:5", U },
	{ "asm:R:Level i64:5 i64:5 ==", TK_UNIX, "Level=i:5", U },
	{ "asm:sid:S-1-1-0 Member_of sid:S-1-1-0 Member_of", TK_UNIX, NULL, U },
	{ "asm:&&", TK_UNIX, NULL, U },
	{ "asm:!", TK_UNIX, NULL, U },
	{ "asm:R:Dept x:1003000000410042 ==", TK_UNIX, "Dept=s:AB", U },
	{ "asm:R:Dept x:10ff000000 ==", TK_UNIX, "Dept=s:AB", U },
	{ "asm:R:Level x:018000000000000000 x:0302 ==", TK_UNIX, "Level=i:128", U },
	{ "asm:R:Level x:028000000000000000 x:0302 ==", TK_UNIX, "Level=i:128", T },
	{ "asm:R:Level x:010500000000000000 x:0002 ==", TK_UNIX, "Level=i:5", U },
	{ "asm:R:Level x:010500000000000000 x:0304 ==", TK_UNIX, "Level=i:5", U },
	{ "asm:R:Level i64:5 == x:00 x:01 nopad", TK_UNIX, "Level=i:5", U },
	{ "asm:R:Level i64:5 == x:000000", TK_UNIX, "Level=i:5", T },
	{ "asm:i64:1 sid:S-1-1-0 Member_of &&", TK_UNIX, NULL, U },
	{ "asm:i64:1", TK_UNIX, NULL, U },
	{ "asm:i64:5 R:Level ==", TK_UNIX, "Level=i:5", U },
	{ "asm:sid:S-1-1-0 Member_of i64:1 ==", TK_UNIX, NULL, U },
	{ "asm:R:Level sid:S-1-1-0 Member_of ==", TK_UNIX, "Level=i:1", U },
	{ "asm:i64:1 Exists", TK_UNIX, NULL, U },
	{ "asm:sid:S-1-1-0 Member_of Exists", TK_UNIX, NULL, U },
	{ "asm:R:Tags { s:a { s:b } } ==", TK_UNIX, "Tags=s:a,b", U },
	{ "asm:x:51080000000101000000000001 Member_of", TK_UNIX, NULL, U },
	{ "asm:x:510c000000020100000000000100000000 Member_of", TK_UNIX, NULL, U },
	{ "asm:x:fa00000000 Exists", TK_UNIX, NULL, U },
	{ "asm:x:fa0300000041 Exists", TK_UNIX, NULL, U },
	{ "asm:x:fa20000000 Exists", TK_UNIX, NULL, U },
	{ "asm:x:500a000000 Member_of", TK_UNIX, NULL, U },
	{ "asm:R:Level", TK_UNIX, "raw:00000000", U },
	{ "asm:R:Level Exists", TK_UNIX, "raw:14000000010000000000000001000000200000004c006500760065006c0000000500000000000000", T },
	{ "asm:R:Level Exists", TK_UNIX, "raw:14000000010000000000000001000000210000004c006500760065006c0000000500000000000000", U },
	{ "asm:R:Level Exists", TK_UNIX, "raw:14000000070000000000000001000000200000004c006500760065006c0000000500000000000000", U },
	{ "asm:R:Other Exists", TK_UNIX, "raw:ffff0000010000000000000000000000", F },
};

static const char *expr_check(const struct expr_case *c)
{
	static char dacl[300000];
	static struct buf prog;
	static char hex[2 * sizeof(prog.b) + 1];
	struct winsec_sd sd;
	const char *sddl, *err;
	const char *cond = c->cond;
	u8 *bin = NULL;
	int got;

	if (!strncmp(cond, "asm:", 4)) {
		if (assemble(cond + 4, &prog))
			return fail("bad test program");
		hex_of(&prog, hex);
		dacl[0] = '#';
		strcpy(dacl + 1, hex);
		cond = strdup(dacl);
	}

	/* The value. */
	snprintf(dacl, sizeof(dacl), "D:(XA;;FR;;;WD;%s)", cond);
	sddl = make_sddl(dacl, c->ra);
	err = sddl ? check_access(sddl, c->tok, WINSEC_FILE_GENERIC_READ,
				  c->want == T, WINSEC_FILE_GENERIC_READ, &bin,
				  &sd) : "bad attribute spec";
	if (bin) {
		got = winsec_ace_condition(winsec_acl_first(sd.dacl),
					   &tokens[c->tok], sd.sacl);
		if (got != c->want && !err)
			err = fail("condition is %d, expected %d", got, c->want);
	}
	free(bin);
	if (err)
		goto out;

	/* A deny ACE applies on TRUE and UNKNOWN. */
	snprintf(dacl, sizeof(dacl), "D:(XD;;FR;;;WD;%s)(A;;FR;;;WD)", cond);
	sddl = make_sddl(dacl, c->ra);
	err = check_access(sddl, c->tok, WINSEC_FILE_GENERIC_READ,
			   c->want == F, WINSEC_FILE_GENERIC_READ, &bin, &sd);
	if (err)
		err = fail("deny ACE: %s", err);
	free(bin);
out:
	if (cond != c->cond)
		free((char *)cond);
	return err;
}

/* --- access-check table ---------------------------------------------- */

struct access_case {
	const char *name;
	const char *sddl;
	const char *ra;
	int tok;
	u32 desired;
	bool ok;
	u32 granted;
};

#define FR	WINSEC_FILE_GENERIC_READ
#define FW	WINSEC_FILE_GENERIC_WRITE
#define FA	WINSEC_FILE_ALL_ACCESS
#define RD	WINSEC_FILE_READ_DATA
#define WR	WINSEC_FILE_WRITE_DATA
#define RC	WINSEC_READ_CONTROL
#define WDAC	WINSEC_WRITE_DAC
#define MAXA	WINSEC_MAXIMUM_ALLOWED

static const struct access_case access_cases[] = {
	{ "allow on TRUE grants",
	  "D:(XA;;FR;;;WD;(Member_of {SID(S-1-22-2-200)}))", NULL, TK_UNIX,
	  FR, true, FR },
	{ "allow on FALSE does not",
	  "D:(XA;;FR;;;WD;(Member_of {SID(BA)}))", NULL, TK_UNIX, RD, false, 0 },
	{ "allow on UNKNOWN does not",
	  "D:(XA;;FR;;;WD;(@User.Title == \"PM\"))", NULL, TK_UNIX, RD, false, 0 },
	{ "allow with TRUE for another SID does not",
	  "D:(XA;;FR;;;S-1-22-1-1001;(Member_of {SID(WD)}))", NULL, TK_UNIX,
	  RD, false, 0 },
	{ "allow with TRUE for the token's group grants",
	  "D:(XA;;FR;;;S-1-22-2-300;(Member_of {SID(WD)}))", NULL, TK_UNIX,
	  RD, true, RD },
	{ "allow on a resource attribute grants",
	  "D:(XA;;FA;;;WD;(@Resource.Project Any_of {\"Blue\", \"Red\"}))",
	  "Project=s:red", TK_UNIX, FA, true, FA },
	{ "allow on a resource attribute with another value does not",
	  "D:(XA;;FA;;;WD;(@Resource.Project Any_of {\"Blue\", \"Red\"}))",
	  "Project=s:Green", TK_UNIX, RD, false, 0 },
	{ "deny on FALSE lets a later allow grant",
	  "D:(XD;;0x2;;;WD;(Member_of {SID(BA)}))(A;;FA;;;WD)", NULL, TK_UNIX,
	  WR, true, WR },
	{ "deny on TRUE denies",
	  "D:(XD;;0x2;;;WD;(Not_Member_of {SID(BA)}))(A;;FA;;;WD)", NULL, TK_UNIX,
	  WR, false, 0 },
	{ "deny on UNKNOWN denies",
	  "D:(XD;;0x2;;;WD;(@User.Clearance < 3))(A;;FA;;;WD)", NULL, TK_UNIX,
	  WR, false, 0 },
	{ "deny on UNKNOWN for another SID does not",
	  "D:(XD;;0x2;;;S-1-22-1-1001;(@User.Clearance < 3))(A;;FA;;;WD)", NULL,
	  TK_UNIX, WR, true, WR },
	{ "deny on UNKNOWN for rights not asked does not",
	  "D:(XD;;0x2;;;WD;(@User.Clearance < 3))(A;;FA;;;WD)", NULL, TK_UNIX,
	  RD, true, RD },
	{ "deny after the rights were granted does not",
	  "D:(A;;FA;;;WD)(XD;;FA;;;WD;(Member_of {SID(WD)}))", NULL, TK_UNIX,
	  FA, true, FA },
	{ "allow on TRUE then deny on TRUE: the allow came first",
	  "D:(XA;;0x2;;;WD;(Member_of {SID(WD)}))(XD;;0x2;;;WD;(Member_of {SID(WD)}))",
	  NULL, TK_UNIX, WR, true, WR },
	{ "inherit-only callback allow never applies",
	  "D:(XA;IO;FR;;;WD;(Member_of {SID(WD)}))", NULL, TK_UNIX, RD, false, 0 },
	{ "inherit-only callback deny never applies",
	  "D:(XD;IO;FR;;;WD;(@User.x == 1))(A;;FR;;;WD)", NULL, TK_UNIX,
	  RD, true, RD },
	{ "callback object allow never grants, even on TRUE",
	  "D:(ZA;;FR;;;WD;(Member_of {SID(WD)}))", NULL, TK_UNIX, RD, false, 0 },
	{ "callback allow with a generic mask",
	  "D:(XA;;GR;;;WD;(Member_of {SID(WD)}))", NULL, TK_UNIX, FR, true, FR },
	{ "two conditions, each granting a part",
	  "D:(XA;;0x1;;;WD;(@Resource.A == 1))(XA;;0x2;;;WD;(@Resource.B == 1))",
	  "A=i:1 B=i:1", TK_UNIX, RD | WR, true, RD | WR },
	{ "two conditions, one part missing",
	  "D:(XA;;0x1;;;WD;(@Resource.A == 1))(XA;;0x2;;;WD;(@Resource.B == 1))",
	  "A=i:1 B=i:0", TK_UNIX, RD | WR, false, 0 },
	{ "the label still applies before the condition",
	  "D:(XA;;FA;;;WD;(Member_of {SID(WD)}))", NULL, TK_LOW, WR, false, 0 },
	{ "the owner keeps READ_CONTROL against a deny on UNKNOWN",
	  "O:S-1-22-1-1000D:(XD;;RC;;;WD;(@User.x == 1))", NULL, TK_UNIX,
	  RC, true, RC },
	{ "a SID-list token and a condition on its domain group",
	  "D:(XA;;FR;;;S-1-5-21-1-2-3-1104;(Member_of_Any {SID(S-1-5-21-1-2-3-513)}))",
	  NULL, TK_SIDS, FR, true, FR },
	{ "a resource attribute on the RHS",
	  "D:(XA;;FR;;;WD;(@Resource.Have >= @Resource.Need))",
	  "Have=i:3 Need=i:2", TK_UNIX, FR, true, FR },
	/* MAXIMUM_ALLOWED */
	{ "MAXIMUM_ALLOWED: a TRUE allow adds its rights",
	  "D:(XA;;FR;;;WD;(Member_of {SID(WD)}))(A;;FW;;;WD)", NULL, TK_UNIX,
	  MAXA, true, FR | FW },
	{ "MAXIMUM_ALLOWED: an UNKNOWN allow adds nothing",
	  "D:(XA;;FR;;;WD;(@User.x == 1))(A;;FW;;;WD)", NULL, TK_UNIX,
	  MAXA, true, FW },
	{ "MAXIMUM_ALLOWED: a FALSE allow adds nothing",
	  "D:(XA;;FR;;;WD;(Member_of {SID(BA)}))(A;;0x1;;;WD)", NULL, TK_UNIX,
	  MAXA, true, RD },
	{ "MAXIMUM_ALLOWED: an UNKNOWN deny removes its rights",
	  "D:(XD;;0x2;;;WD;(@User.x == 1))(A;;0x1;;;WD)(A;;0x2;;;WD)", NULL,
	  TK_UNIX, MAXA, true, RD },
	{ "MAXIMUM_ALLOWED: a FALSE deny removes nothing",
	  "D:(XD;;0x2;;;WD;(Member_of {SID(BA)}))(A;;0x1;;;WD)(A;;0x2;;;WD)", NULL,
	  TK_UNIX, MAXA, true, RD | WR },
	{ "MAXIMUM_ALLOWED: a TRUE deny after the allow removes nothing",
	  "D:(A;;0x1;;;WD)(XD;;0x1;;;WD;(Member_of {SID(WD)}))", NULL, TK_UNIX,
	  MAXA, true, RD },
	{ "MAXIMUM_ALLOWED: only an UNKNOWN allow is nothing granted",
	  "D:(XA;;FA;;;WD;(Device_Member_of {SID(WD)}))", NULL, TK_UNIX,
	  MAXA, false, 0 },
	{ "MAXIMUM_ALLOWED: resource attributes decide",
	  "D:(XA;;FR;;;WD;(@Resource.Open == 1))(XA;;FW;;;WD;(@Resource.Writable == 1))",
	  "Open=b:1 Writable=b:0", TK_UNIX, MAXA, true, FR },
	{ "MAXIMUM_ALLOWED with a specific right that an UNKNOWN deny removes",
	  "D:(XD;;0x2;;;WD;(@Resource.x == 1))(A;;FA;;;WD)", NULL, TK_UNIX,
	  MAXA | WR, false, 0 },
};

/* --- the stack limit -------------------------------------------------- */

/* @n results on the stack at once, joined by ||: needs n slots. */
static const char *depth_check(unsigned int n, int want)
{
	static char prog[20000];
	struct winsec_sd sd;
	const char *err;
	static char dacl[2 * sizeof(((struct buf *)0)->b) + 32];
	static struct buf b;
	static char hex[2 * sizeof(b.b) + 1];
	unsigned int i;
	u8 *bin = NULL;
	int got;

	prog[0] = '\0';
	for (i = 0; i < n; i++)
		strcat(prog, "sid:S-1-1-0 Member_of ");
	for (i = 1; i < n; i++)
		strcat(prog, "|| ");
	if (assemble(prog, &b))
		return "bad program";
	hex_of(&b, hex);
	snprintf(dacl, sizeof(dacl), "D:(XA;;FR;;;WD;#%s)", hex);
	err = check_access(dacl, TK_UNIX, FR, want == T, FR, &bin, &sd);
	if (bin && !err) {
		got = winsec_ace_condition(winsec_acl_first(sd.dacl),
					   &tokens[TK_UNIX], sd.sacl);
		if (got != want)
			err = fail("condition is %d, expected %d", got, want);
	}
	free(bin);
	return err;
}

/* A long flat chain (a || b || ...), each operator right after its pair. */
static const char *chain_check(unsigned int n)
{
	static char prog[60000];
	static struct buf b;
	unsigned int i;
	int got;

	strcpy(prog, "sid:S-1-1-6 Member_of ");
	for (i = 1; i < n; i++)
		strcat(prog, "sid:S-1-1-6 Member_of || ");
	strcat(prog, "sid:S-1-1-0 Member_of ||");
	if (assemble(prog, &b))
		return "bad program";
	got = winsec_cond_eval(b.b, b.n, &tokens[TK_UNIX], NULL);
	return got == T ? NULL : fail("condition is %d, expected TRUE", got);
}

int main(void)
{
	char name[600];
	size_t i;

	setup_tokens();
	printf("TAP version 13\n");
	for (i = 0; i < ARRAY_SIZE(expr_cases); i++) {
		const struct expr_case *c = &expr_cases[i];

		snprintf(name, sizeof(name), "%s [%s%s%s] is %s", c->cond,
			 tok_names[c->tok], c->ra ? "; " : "",
			 c->ra ? c->ra : "",
			 c->want == T ? "TRUE" : c->want == F ? "FALSE" : "UNKNOWN");
		report("expression", name, expr_check(c));
	}
	for (i = 0; i < ARRAY_SIZE(access_cases); i++) {
		const struct access_case *c = &access_cases[i];
		const char *sddl = make_sddl(c->sddl, c->ra);
		struct winsec_sd sd;
		u8 *bin = NULL;

		report("access", c->name,
		       sddl ? check_access(sddl, c->tok, c->desired, c->ok,
					   c->granted, &bin, &sd) :
			      "bad attribute spec");
		free(bin);
	}
	report("stack", "32 operands at once fit", depth_check(32, T));
	report("stack", "33 operands at once are UNKNOWN", depth_check(33, U));
	report("stack", "a chain of 1000 terms needs two slots", chain_check(1000));
	printf("1..%d\n", passed + failed);
	printf("RESULT %d %d\n", passed, failed);
	return failed ? 1 : 0;
}
