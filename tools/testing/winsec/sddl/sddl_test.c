// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the SDDL library: every alias, numbers, leniency, canonical
 * output, malformed input with its column, round trips.
 *
 * Prints one line per failure and, last, "unit: P passed, F failed". Exit
 * status 1 when anything failed.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

#include <linux/compiler.h>

#include "sddl.h"

static unsigned int passed, failed;

static __printf(2, 3)
void check(bool ok, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		passed++;
		return;
	}
	failed++;
	printf("FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static struct winsec_sid_buf domain_buf;
static const struct winsec_sid *domain;

/* Parse @sddl; on success fill @view (pointing into *@bin). */
static int enc(const char *sddl, const struct winsec_sid *dom, u8 **bin,
	       size_t *len, struct winsec_sd *view,
	       struct winsec_sddl_error *err)
{
	const char *reason;
	int ret = winsec_sddl_to_sd(sddl, dom, bin, len, err);

	if (ret)
		return ret;
	if (winsec_sd_parse(*bin, *len, view, &reason)) {
		printf("note: output of \"%s\" fails the validator: %s\n", sddl,
		       reason);
		free(*bin);
		return -1;
	}
	return 0;
}

static char *dec(const u8 *bin, size_t len, const struct winsec_sid *dom)
{
	struct winsec_sddl_error err;
	char *s = NULL;

	if (winsec_sd_to_sddl(bin, len, dom, &s, &err))
		return NULL;
	return s;
}

/*
 * @in must parse; its canonical form must be @want; the canonical form must
 * parse to the same bytes and print itself again.
 */
static void canon_dom(const char *in, const char *want,
		      const struct winsec_sid *dom)
{
	struct winsec_sddl_error err;
	struct winsec_sd view;
	u8 *b1, *b2;
	size_t l1, l2;
	char *t1, *t2;

	if (enc(in, dom, &b1, &l1, &view, &err)) {
		check(false, "\"%s\" refused: column %u: %s", in, err.column,
		      err.message);
		return;
	}
	t1 = dec(b1, l1, dom);
	check(t1 && !strcmp(t1, want), "\"%s\" printed \"%s\", expected \"%s\"",
	      in, t1 ? t1 : "(null)", want);
	if (t1 && !enc(t1, dom, &b2, &l2, &view, &err)) {
		t2 = dec(b2, l2, dom);
		check(l1 == l2 && !memcmp(b1, b2, l1) && t2 && !strcmp(t1, t2),
		      "\"%s\": text->bin->text->bin not stable", in);
		free(t2);
		free(b2);
	} else {
		check(false, "\"%s\": canonical form \"%s\" refused", in,
		      t1 ? t1 : "(null)");
	}
	free(t1);
	free(b1);
}

static void canon(const char *in, const char *want)
{
	canon_dom(in, want, NULL);
}

/* @in must be refused at @column with a message containing @msg. */
static void bad_dom(const char *in, unsigned int column, const char *msg,
		    const struct winsec_sid *dom)
{
	struct winsec_sddl_error err;
	u8 *sentinel = (u8 *)&err, *bin = sentinel;
	size_t len = 12345;
	int ret = winsec_sddl_to_sd(in, dom, &bin, &len, &err);

	check(ret == -EINVAL && err.column == column &&
	      strstr(err.message, msg) && bin == sentinel && len == 12345,
	      "\"%s\": expected column %u \"%s\", got ret %d column %u \"%s\"%s",
	      in, column, msg, ret, err.column, ret ? err.message : "",
	      bin != sentinel ? " (output written)" : "");
	if (!ret)
		free(bin);
}

static void bad(const char *in, unsigned int column, const char *msg)
{
	bad_dom(in, column, msg, NULL);
}

/* The mask of the only ACE of the DACL (or SACL) of @sddl. */
static bool ace_of(const char *sddl, struct winsec_ace *ace, u8 **bin)
{
	struct winsec_sddl_error err;
	struct winsec_sd view;
	const struct winsec_acl *acl;
	size_t len;

	if (enc(sddl, domain, bin, &len, &view, &err)) {
		printf("note: \"%s\" refused: column %u: %s\n", sddl, err.column,
		       err.message);
		return false;
	}
	acl = view.dacl ? view.dacl : view.sacl;
	if (!acl || winsec_acl_count(acl) != 1) {
		free(*bin);
		return false;
	}
	winsec_ace_decode(winsec_acl_first(acl), ace);
	return true;
}

static void mask_is(const char *sddl, u32 want)
{
	struct winsec_ace ace;
	u8 *bin;

	if (!ace_of(sddl, &ace, &bin)) {
		check(false, "\"%s\" refused", sddl);
		return;
	}
	check(ace.mask == want, "\"%s\": mask 0x%x, expected 0x%x", sddl,
	      ace.mask, want);
	free(bin);
}

struct named {
	const char *name;
	u32 value;
	const char *out;	/* canonical output of the single value */
};

static void test_rights(void)
{
	static const struct named rights[] = {
		{ "GA", 0x10000000, "GA" }, { "GR", 0x80000000, "GR" },
		{ "GW", 0x40000000, "GW" }, { "GX", 0x20000000, "GX" },
		{ "RC", 0x00020000, "RC" }, { "SD", 0x00010000, "SD" },
		{ "WD", 0x00040000, "WD" }, { "WO", 0x00080000, "WO" },
		{ "CC", 0x1, "CC" }, { "DC", 0x2, "DC" }, { "LC", 0x4, "LC" },
		{ "SW", 0x8, "SW" }, { "RP", 0x10, "RP" }, { "WP", 0x20, "WP" },
		{ "DT", 0x40, "DT" }, { "LO", 0x80, "LO" }, { "CR", 0x100, "CR" },
		{ "FA", 0x001f01ff, "FA" }, { "FR", 0x00120089, "FR" },
		{ "FW", 0x00120116, "FW" }, { "FX", 0x001200a0, "FX" },
		{ "KA", 0x000f003f, "KA" }, { "KR", 0x00020019, "KR" },
		{ "KW", 0x00020006, "KW" }, { "KX", 0x00020019, "KR" },
	};
	char in[128], want[128], lower[3];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rights); i++) {
		snprintf(in, sizeof(in), "D:(A;;%s;;;WD)", rights[i].name);
		mask_is(in, rights[i].value);
		snprintf(want, sizeof(want), "D:(A;;%s;;;WD)", rights[i].out);
		canon(in, want);
		lower[0] = tolower(rights[i].name[0]);
		lower[1] = tolower(rights[i].name[1]);
		lower[2] = 0;
		snprintf(in, sizeof(in), "D:(A;;%s;;;WD)", lower);
		mask_is(in, rights[i].value);
	}
	/* Letters: ascending bit order whatever the input order. */
	canon("D:(A;;GRGWGXGAWOWDRCSDCRLODTWPRPSWLCDCCC;;;WD)",
	      "D:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWOGAGXGWGR;;;WD)");
	canon("D:(A;;DCCC;;;WD)", "D:(A;;CCDC;;;WD)");
	canon("D:(A;;GRGA;;;WD)", "D:(A;;GAGR;;;WD)");
	canon("D:(A;;CCCC;;;WD)", "D:(A;;CC;;;WD)");
	/* Composites only on exact match. */
	canon("D:(A;;FAGA;;;WD)", "D:(A;;0x101f01ff;;;WD)");
	canon("D:(A;;FRFW;;;WD)", "D:(A;;0x12019f;;;WD)");
	canon("D:(A;;KRKW;;;WD)", "D:(A;;CCDCLCSWRPRC;;;WD)");
	canon("D:(A;;0x1f01ff;;;WD)", "D:(A;;FA;;;WD)");
	canon("D:(A;;0x120089;;;WD)", "D:(A;;FR;;;WD)");
	canon("D:(A;;0xf003f;;;WD)", "D:(A;;KA;;;WD)");
	/* Bits without letters: hex. */
	canon("D:(A;;0x100000;;;WD)", "D:(A;;0x100000;;;WD)");
	canon("D:(A;;0x1200a9;;;WD)", "D:(A;;0x1200a9;;;WD)");
	canon("D:(A;;0x1000000;;;WD)", "D:(A;;0x1000000;;;WD)");
	canon("D:(A;;0x2000000;;;WD)", "D:(A;;0x2000000;;;WD)");
	canon("D:(A;;0x200;;;WD)", "D:(A;;0x200;;;WD)");
	canon("D:(A;;0x30000;;;WD)", "D:(A;;SDRC;;;WD)");
	/* Mask 0: empty field. */
	canon("D:(A;;;;;WD)", "D:(A;;;;;WD)");
	canon("D:(A;;0;;;WD)", "D:(A;;;;;WD)");
	mask_is("D:(A;;;;;WD)", 0);
	/* Spaces before the field and between letter pairs, as Windows. */
	canon("D:(A;; GA GR;;;WD)", "D:(A;;GAGR;;;WD)");
	canon("D:AI(A;CI;RP LCLO  RC;;;AU)", "D:AI(A;CI;LCRPLORC;;;AU)");

	/* Label ACEs: NW NR NX. */
	mask_is("S:(ML;;NW;;;LW)", 1);
	mask_is("S:(ML;;NR;;;LW)", 2);
	mask_is("S:(ML;;NX;;;LW)", 4);
	mask_is("S:(ML;;nwnrnx;;;LW)", 7);
	canon("S:(ML;;NXNW;;;LW)", "S:(ML;;NWNX;;;LW)");
	canon("S:(ML;;NRNXNW;;;HI)", "S:(ML;;NWNRNX;;;HI)");
	canon("S:(ML;;0x3;;;SI)", "S:(ML;;NWNR;;;SI)");
	canon("S:(ML;;;;;ME)", "S:(ML;;;;;ME)");
}

static void test_numbers(void)
{
	static const struct named nums[] = {
		{ "0x1f01ff", 0x1f01ff }, { "0X1F01FF", 0x1f01ff },
		{ "0x001F01ff", 0x1f01ff }, { "2032127", 0x1f01ff },
		{ "07600777", 0x1f01ff }, { "0", 0 }, { "00", 0 },
		{ "0x0", 0 }, { "1", 1 }, { "010", 8 }, { "0x10", 16 },
		{ "10", 10 }, { "+5", 5 }, { "-1", 0xffffffff },
		{ "-2", 0xfffffffe }, { "-0x10", 0xfffffff0 },
		{ "4294967295", 0xffffffff }, { "4294967296", 0xffffffff },
		{ "99999999999999999999999", 0xffffffff },
		{ "0xffffffff", 0xffffffff }, { "0x100000000", 0xffffffff },
		{ "037777777777", 0xffffffff }, { "040000000000", 0xffffffff },
		{ "-99999999999", 1 }, { "0x80000000", 0x80000000 },
	};
	char in[128];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(nums); i++) {
		snprintf(in, sizeof(in), "D:(A;;%s;;;WD)", nums[i].name);
		mask_is(in, nums[i].value);
		snprintf(in, sizeof(in), "D:(A;; %s;;;WD)", nums[i].name);
		mask_is(in, nums[i].value);
	}
	canon("D:(A;;-1;;;WD)", "D:(A;;0xffffffff;;;WD)");
	canon("D:(A;;268435456;;;WD)", "D:(A;;GA;;;WD)");
	canon("D:(A;;020000000000;;;WD)", "D:(A;;GR;;;WD)");
}

struct alias {
	const char *name;
	const char *sid;
	bool domain;
};

static const struct alias sid_aliases[] = {
	{ "WD", "S-1-1-0" }, { "CO", "S-1-3-0" }, { "CG", "S-1-3-1" },
	{ "OW", "S-1-3-4" }, { "NU", "S-1-5-2" }, { "IU", "S-1-5-4" },
	{ "SU", "S-1-5-6" }, { "AN", "S-1-5-7" }, { "ED", "S-1-5-9" },
	{ "PS", "S-1-5-10" }, { "AU", "S-1-5-11" }, { "RC", "S-1-5-12" },
	{ "SY", "S-1-5-18" }, { "LS", "S-1-5-19" }, { "NS", "S-1-5-20" },
	{ "WR", "S-1-5-33" },
	{ "BA", "S-1-5-32-544" }, { "BU", "S-1-5-32-545" },
	{ "BG", "S-1-5-32-546" }, { "PU", "S-1-5-32-547" },
	{ "AO", "S-1-5-32-548" }, { "SO", "S-1-5-32-549" },
	{ "PO", "S-1-5-32-550" }, { "BO", "S-1-5-32-551" },
	{ "RE", "S-1-5-32-552" }, { "RU", "S-1-5-32-554" },
	{ "RD", "S-1-5-32-555" }, { "NO", "S-1-5-32-556" },
	{ "MU", "S-1-5-32-558" }, { "LU", "S-1-5-32-559" },
	{ "IS", "S-1-5-32-568" }, { "CY", "S-1-5-32-569" },
	{ "ER", "S-1-5-32-573" }, { "CD", "S-1-5-32-574" },
	{ "RA", "S-1-5-32-575" }, { "ES", "S-1-5-32-576" },
	{ "MS", "S-1-5-32-577" }, { "HA", "S-1-5-32-578" },
	{ "AA", "S-1-5-32-579" }, { "RM", "S-1-5-32-580" },
	{ "UD", "S-1-5-84-0-0-0-0-0" }, { "AC", "S-1-15-2-1" },
	{ "LW", "S-1-16-4096" }, { "ME", "S-1-16-8192" },
	{ "MP", "S-1-16-8448" }, { "HI", "S-1-16-12288" },
	{ "SI", "S-1-16-16384" }, { "AS", "S-1-18-1" }, { "SS", "S-1-18-2" },
	{ "RO", "S-1-5-21-1-2-3-498", true },
	{ "LA", "S-1-5-21-1-2-3-500", true },
	{ "LG", "S-1-5-21-1-2-3-501", true },
	{ "DA", "S-1-5-21-1-2-3-512", true },
	{ "DU", "S-1-5-21-1-2-3-513", true },
	{ "DG", "S-1-5-21-1-2-3-514", true },
	{ "DC", "S-1-5-21-1-2-3-515", true },
	{ "DD", "S-1-5-21-1-2-3-516", true },
	{ "CA", "S-1-5-21-1-2-3-517", true },
	{ "SA", "S-1-5-21-1-2-3-518", true },
	{ "EA", "S-1-5-21-1-2-3-519", true },
	{ "PA", "S-1-5-21-1-2-3-520", true },
	{ "CN", "S-1-5-21-1-2-3-522", true },
	{ "AP", "S-1-5-21-1-2-3-525", true },
	{ "KA", "S-1-5-21-1-2-3-526", true },
	{ "EK", "S-1-5-21-1-2-3-527", true },
	{ "RS", "S-1-5-21-1-2-3-553", true },
};

static void test_sids(void)
{
	char in[128], want[128], buf[WINSEC_SID_STRING_MAX];
	struct winsec_sid_buf sid;
	struct winsec_sddl_error err;
	struct winsec_sd view;
	size_t i, len;
	u8 *bin;

	for (i = 0; i < ARRAY_SIZE(sid_aliases); i++) {
		const struct alias *a = &sid_aliases[i];
		const struct winsec_sid *dom = a->domain ? domain : NULL;

		/* The alias means the SID ... */
		snprintf(in, sizeof(in), "O:%s", a->name);
		if (!enc(in, dom, &bin, &len, &view, &err)) {
			winsec_sid_to_string(view.owner, buf, sizeof(buf));
			check(!strcmp(buf, a->sid), "%s is %s, expected %s",
			      a->name, buf, a->sid);
			free(bin);
		} else {
			check(false, "alias %s refused: %s", a->name,
			      err.message);
		}
		/* ... in any case and in an ACE ... */
		snprintf(in, sizeof(in), "D:(A;;FA;;;%c%c)",
			 tolower(a->name[0]), tolower(a->name[1]));
		snprintf(want, sizeof(want), "D:(A;;FA;;;%s)", a->name);
		canon_dom(in, want, dom);
		/* ... and the SID prints as the alias. */
		snprintf(in, sizeof(in), "O:%s", a->sid);
		snprintf(want, sizeof(want), "O:%s", a->name);
		canon_dom(in, want, dom);
		check(winsec_sid_from_string(a->sid, NULL, &sid) == 0 &&
		      winsec_sid_alias(winsec_sid_of(&sid), dom) &&
		      !strcmp(winsec_sid_alias(winsec_sid_of(&sid), dom), a->name),
		      "winsec_sid_alias(%s)", a->sid);
		if (a->domain) {
			/* Without the domain: refused, and printed as S-1-... */
			snprintf(in, sizeof(in), "O:%s", a->name);
			bad(in, 3, "needs a domain SID");
			snprintf(in, sizeof(in), "O:%s", a->sid);
			canon(in, in);
		}
	}
	/* Another domain's SIDs are not aliased. */
	canon_dom("O:S-1-5-21-9-9-9-512", "O:S-1-5-21-9-9-9-512", domain);

	/* Numeric SIDs. */
	canon("O:S-1-5-21-1-2-3-1000", "O:S-1-5-21-1-2-3-1000");
	canon("O:s-1-5-32-544", "O:BA");
	canon("O:S-1-0x5-32-544", "O:BA");
	canon("O:S-1-0x000000000005-18", "O:SY");
	canon("O:S-1-0x123456789ABC-1", "O:S-1-0x123456789ABC-1");
	canon("O:S-1-0x123456789abc-1", "O:S-1-0x123456789ABC-1");
	canon("O:S-1-4294967296-7", "O:S-1-0x100000000-7");
	canon("O:S-1-4294967295-7", "O:S-1-4294967295-7");
	canon("O:S-1-281474976710655-1", "O:S-1-0xFFFFFFFFFFFF-1");
	canon("O:S-1-0-0", "O:S-1-0-0");
	canon("O:S-1-2-0", "O:S-1-2-0");
	canon("O:S-1-16-0", "O:S-1-16-0");
	canon("O:S-1-16-20480", "O:S-1-16-20480");
	canon("O:S-1-22-1-1000G:S-1-22-2-100", "O:S-1-22-1-1000G:S-1-22-2-100");
	canon("O:S-1-5-4294967295", "O:S-1-5-4294967295");
	canon("O:S-1-1-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15",
	      "O:S-1-1-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15");
	canon("D:(A;;FA;;;S-1-5-21-1-2-3-4)", "D:(A;;FA;;;S-1-5-21-1-2-3-4)");

	/* Helpers. */
	check(winsec_sid_from_string("S-1-5-32-544", NULL, &sid) == 0 &&
	      !winsec_sid_to_string(winsec_sid_of(&sid), buf, sizeof(buf)) &&
	      !strcmp(buf, "S-1-5-32-544"), "sid string round trip");
	check(winsec_sid_from_string("S-1-5-32-544x", NULL, &sid) == -EINVAL,
	      "trailing junk after a SID refused");
	check(winsec_sid_from_string("BA", NULL, &sid) == 0 &&
	      !winsec_sid_to_sddl(winsec_sid_of(&sid), NULL, buf, sizeof(buf)) &&
	      !strcmp(buf, "BA"), "alias to sddl");
	check(winsec_sid_to_string(winsec_sid_of(&sid), buf, 5) == -ENOSPC,
	      "sid string too small reported");
}

static void test_types_flags(void)
{
	static const struct {
		const char *sddl;
		u8 type;
		const char *out;
	} types[] = {
		{ "D:(A;;FA;;;WD)", 0x00, NULL },
		{ "D:(D;;FA;;;WD)", 0x01, NULL },
		{ "S:(AU;SA;FA;;;WD)", 0x02, NULL },
		{ "S:(AL;SA;FA;;;WD)", 0x03, NULL },
		{ "D:(OA;;CR;00299570-246d-11d0-a768-00aa006e0529;;WD)", 0x05, NULL },
		{ "D:(OD;;CR;00299570-246d-11d0-a768-00aa006e0529;;WD)", 0x06, NULL },
		{ "S:(OU;SA;CR;00299570-246d-11d0-a768-00aa006e0529;;WD)", 0x07, NULL },
		{ "S:(OL;SA;CR;;00299570-246d-11d0-a768-00aa006e0529;WD)", 0x08, NULL },
		{ "S:(OU;SA;CR;;;WD)", 0x07, NULL },
		{ "D:(XA;;FA;;;WD;#61727478)", 0x09, NULL },
		{ "D:(XD;;FA;;;WD;#61727478)", 0x0a, NULL },
		{ "D:(ZA;;FA;00299570-246d-11d0-a768-00aa006e0529;;WD;#61727478)",
		  0x0b, NULL },
		{ "S:(XU;SA;FA;;;WD;#61727478)", 0x0d, NULL },
		{ "S:(ML;;NW;;;LW)", 0x11, NULL },
		{ "S:(RA;;;;;WD;#0102030405060708)", 0x12, NULL },
		{ "S:(SP;;;;;S-1-17-1)", 0x13, NULL },
		/* Types without a code: numbers. */
		{ "D:(0xc;;FA;;;WD)", 0x0c, NULL },
		{ "S:(0xe;SA;FA;;;WD)", 0x0e, NULL },
		{ "S:(0xf;SA;FA;;;WD)", 0x0f, NULL },
		{ "S:(0x10;SA;FA;;;WD)", 0x10, NULL },
		/* A numeric object type without GUIDs stays an object ACE. */
		{ "D:(0x5;;FA;;;WD)", 0x05, NULL },
		{ "D:(0;;FA;;;WD)", 0x00, "D:(A;;FA;;;WD)" },
		{ "D:(0x9;;FA;;;WD)", 0x09, "D:(XA;;FA;;;WD)" },
		/* OA/OD without GUIDs become A/D. */
		{ "D:(OA;;FA;;;WD)", 0x00, "D:(A;;FA;;;WD)" },
		{ "D:(OD;;FA;;;WD)", 0x01, "D:(D;;FA;;;WD)" },
		{ "D:(oa;;FA;;;WD)", 0x00, "D:(A;;FA;;;WD)" },
		{ "D:(a;;fa;;;wd)", 0x00, "D:(A;;FA;;;WD)" },
		{ "S:(ml;;nw;;;lw)", 0x11, "S:(ML;;NW;;;LW)" },
		{ "S:(xu;sa;fa;;;wd;#61727478)", 0x0d, "S:(XU;SA;FA;;;WD;#61727478)" },
	};
	static const struct named flags[] = {
		{ "OI", 0x01 }, { "CI", 0x02 }, { "NP", 0x04 }, { "IO", 0x08 },
		{ "ID", 0x10 }, { "SA", 0x40 }, { "FA", 0x80 },
	};
	struct winsec_ace ace;
	char in[128];
	size_t i;
	u8 *bin;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		if (ace_of(types[i].sddl, &ace, &bin)) {
			check(ace.type == types[i].type, "\"%s\": type 0x%x, expected 0x%x",
			      types[i].sddl, ace.type, types[i].type);
			free(bin);
		} else {
			check(false, "\"%s\" refused", types[i].sddl);
		}
		canon(types[i].sddl, types[i].out ? types[i].out : types[i].sddl);
	}
	/* GUID layout: first three groups little-endian. */
	if (ace_of("D:(OA;;CR;00299570-246d-11d0-a768-00aa006e0529;;WD)", &ace, &bin)) {
		static const u8 g[16] = { 0x70, 0x95, 0x29, 0x00, 0x6d, 0x24,
					  0xd0, 0x11, 0xa7, 0x68, 0x00, 0xaa,
					  0x00, 0x6e, 0x05, 0x29 };

		check(ace.object_flags == 1 && ace.object_type &&
		      !memcmp(ace.object_type, g, 16) && !ace.inherited_object_type,
		      "object GUID bytes");
		free(bin);
	} else {
		check(false, "OA refused");
	}
	if (ace_of("D:(OA;;CR;;00299570-246D-11D0-A768-00AA006E0529;WD)", &ace, &bin)) {
		check(ace.object_flags == 2 && !ace.object_type &&
		      ace.inherited_object_type && ace.inherited_object_type[0] == 0x70,
		      "inherited object GUID only");
		free(bin);
	} else {
		check(false, "OA with inherited GUID refused");
	}
	canon("D:(OA;;CR;00299570-246D-11D0-A768-00AA006E0529;"
	      "BF967ABA-0DE6-11D0-A285-00AA003049E2;WD)",
	      "D:(OA;;CR;00299570-246d-11d0-a768-00aa006e0529;"
	      "bf967aba-0de6-11d0-a285-00aa003049e2;WD)");

	/* Every ACE flag, alone and together, in any case. */
	for (i = 0; i < ARRAY_SIZE(flags); i++) {
		snprintf(in, sizeof(in), "S:(AU;%s;FA;;;WD)", flags[i].name);
		if (ace_of(in, &ace, &bin)) {
			check(ace.flags == flags[i].value, "flag %s", flags[i].name);
			free(bin);
		} else {
			check(false, "\"%s\" refused", in);
		}
		canon(in, in);
		snprintf(in, sizeof(in), "S:(AU;%c%c;FA;;;WD)",
			 tolower(flags[i].name[0]), tolower(flags[i].name[1]));
		if (ace_of(in, &ace, &bin)) {
			check(ace.flags == flags[i].value, "flag %s lower case",
			      flags[i].name);
			free(bin);
		} else {
			check(false, "\"%s\" refused", in);
		}
	}
	canon("S:(AU;FASAIDIONPCIOI;FA;;;WD)", "S:(AU;OICINPIOIDSAFA;FA;;;WD)");
	canon("D:(A;CIOI;FA;;;WD)", "D:(A;OICI;FA;;;WD)");
	canon("D:(A; OI CI ;FA;;;WD)", "D:(A;OICI;FA;;;WD)");
	canon("D:(A;0x3;FA;;;WD)", "D:(A;OICI;FA;;;WD)");
	canon("D:(A;0x20;FA;;;WD)", "D:(A;0x20;FA;;;WD)");
	canon("D:(A;0x23;FA;;;WD)", "D:(A;0x23;FA;;;WD)");

	/* Application data: any length, padded to 4 bytes. */
	canon("D:(XA;;FA;;;WD;#617274780001)", "D:(XA;;FA;;;WD;#6172747800010000)");
	canon("D:(XA;;FA;;;WD;#)", "D:(XA;;FA;;;WD)");
	canon("D:(XA;;FA;;;WD; #ABCDEF01 )", "D:(XA;;FA;;;WD;#abcdef01)");
}

static void test_conditions(void)
{
	/* MS-DTYP 2.4.4.17: user attribute, Unicode string, ==, padding. */
	static const u8 title_pm[] = {
		'a', 'r', 't', 'x',
		0xf9, 10, 0, 0, 0, 'T', 0, 'i', 0, 't', 0, 'l', 0, 'e', 0,
		0x10, 4, 0, 0, 0, 'P', 0, 'M', 0,
		0x80, 0, 0, 0,
	};
	static const u8 member_of[] = {
		'a', 'r', 't', 'x',
		0x50, 17, 0, 0, 0,
		0x51, 12, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0,
		0x89, 0,
	};
	static const u8 int_and[] = {
		'a', 'r', 't', 'x',
		0xf8, 2, 0, 0, 0, 'a', 0,
		0x04, 0xf0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 3,
		0x85,
		0xfb, 2, 0, 0, 0, 'd', 0,
		0x87, 0xa2, 0xa0, 0, 0, 0,
	};
	static const struct {
		const char *in;
		const u8 *data;
		size_t len;
	} bytes[] = {
		{ "D:(XA;;FA;;;WD;(@User.Title == \"PM\"))", title_pm, sizeof(title_pm) },
		{ "D:(XA;;FA;;;WD;(Member_of {SID(WD)}))", member_of, sizeof(member_of) },
		{ "D:(XA;;FA;;;WD;(a >= -0x10 && !(Exists @Device.d)))", int_and,
		  sizeof(int_and) },
	};
	struct winsec_ace ace;
	size_t i;
	u8 *bin;

	for (i = 0; i < ARRAY_SIZE(bytes); i++) {
		if (!ace_of(bytes[i].in, &ace, &bin)) {
			check(false, "\"%s\" refused", bytes[i].in);
			continue;
		}
		check(ace.app_len == bytes[i].len &&
		      !memcmp(ace.app_data, bytes[i].data, bytes[i].len),
		      "\"%s\": application data differs", bytes[i].in);
		free(bin);
	}

	canon("D:(XA;;FA;;;WD;(@User.Title == \"PM\"))",
	      "D:(XA;;FA;;;WD;(@USER.Title == \"PM\"))");
	canon("D:(XA;;FA;;;WD;(@user.title==\"PM\"))",
	      "D:(XA;;FA;;;WD;(@USER.title == \"PM\"))");
	canon("D:(XA;;FA;;;WD;(Member_of {SID(BA), SID(S-1-5-21-1-2-3-4)}))",
	      "D:(XA;;FA;;;WD;(Member_of {SID(BA), SID(S-1-5-21-1-2-3-4)}))");
	canon("D:(XA;;FA;;;WD;(member_of SID(ba)))",
	      "D:(XA;;FA;;;WD;(Member_of SID(BA)))");
	canon("D:(XA;;FA;;;WD;(a == 1 && b == 2 || c == 3))",
	      "D:(XA;;FA;;;WD;(((a == 1) && (b == 2)) || (c == 3)))");
	canon("D:(XA;;FA;;;WD;(a == 1 && (b == 2 || c == 3)))",
	      "D:(XA;;FA;;;WD;((a == 1) && ((b == 2) || (c == 3))))");
	canon("D:(XA;;FA;;;WD;(!(a == 1)))", "D:(XA;;FA;;;WD;(!(a == 1)))");
	canon("D:(XA;;FA;;;WD;(!(! (a == 1))))", "D:(XA;;FA;;;WD;(!(!(a == 1))))");
	bad("D:(XA;;FA;;;WD;(!!(a == 1)))", 18, "expected \"(\" after \"!\"");
	bad("D:(XA;;FA;;;WD;(! Member_of{SID(BA)}))", 19, "after \"!\"");
	canon("D:(XD;;FA;;;WD;(@Resource.Level >= -0x10))",
	      "D:(XD;;FA;;;WD;(@RESOURCE.Level >= -0x10))");
	canon("D:(XA;;FA;;;WD;(@User.P Any_of {\"a\", \"b\", 017, +5, -0}))",
	      "D:(XA;;FA;;;WD;(@USER.P Any_of {\"a\", \"b\", 017, +5, -0}))");
	canon("D:(XA;;FA;;;WD;(x Not_Contains {}))", "D:(XA;;FA;;;WD;(x Not_Contains {}))");
	canon("S:(XU;SA;FA;;;WD;(Not_Member_of_Any SID(BU)))",
	      "S:(XU;SA;FA;;;WD;(Not_Member_of_Any SID(BU)))");
	canon("D:(ZA;;FA;00299570-246d-11d0-a768-00aa006e0529;;WD;(t != #0a0b))",
	      "D:(ZA;;FA;00299570-246d-11d0-a768-00aa006e0529;;WD;(t != #0a0b))");
	canon("D:(XA;;FA;;;WD;(@User.a == @Resource.b))",
	      "D:(XA;;FA;;;WD;(@USER.a == @RESOURCE.b))");
	canon("D:(XA;;FA;;;WD;(Device_Member_of_Any {SID(AU)}))",
	      "D:(XA;;FA;;;WD;(Device_Member_of_Any {SID(AU)}))");
	canon("D:(XA;;FA;;;WD;( Not_Exists  x ))", "D:(XA;;FA;;;WD;(Not_Exists x))");
	canon("D:(XA;;FA;;;WD;(x < 9223372036854775807 || x > -9223372036854775808))",
	      "D:(XA;;FA;;;WD;((x < 9223372036854775807) || (x > -9223372036854775808)))");
	canon_dom("D:(XA;;FA;;;WD;(Member_of {SID(DA)}))",
		  "D:(XA;;FA;;;WD;(Member_of {SID(DA)}))", domain);
	/* Data that does not print back exactly stays hex. */
	canon("D:(XA;;FA;;;WD;#61727478ff000000)", "D:(XA;;FA;;;WD;#61727478ff000000)");
	canon("D:(XA;;FA;;;WD;#6172747800000000)", "D:(XA;;FA;;;WD;#6172747800000000)");
	canon("D:(XA;;FA;;;WD;#61727478a0000000)", "D:(XA;;FA;;;WD;#61727478a0000000)");
	/* Valid tokens with more padding than needed. */
	canon("D:(XA;;FA;;;WD;#61727478f802000000610087000000000000)",
	      "D:(XA;;FA;;;WD;#61727478f8020000006100870000000000000000)");
	canon("D:(XA;;FA;;;WD;#61727478f802000000610087)", "D:(XA;;FA;;;WD;(Exists a))");
	/* int64 with an unknown sign byte. */
	canon("D:(XA;;FA;;;WD;#61727478f802000000610004010000000000000004028000)",
	      "D:(XA;;FA;;;WD;#61727478f802000000610004010000000000000004028000)");

	bad("D:(XA;;FA;;;WD;(@User.a == ))", 28, "expected a value");
	bad("D:(XA;;FA;;;WD;(a == 1 &&))", 26, "expected an attribute, an operator");
	bad("D:(XA;;FA;;;WD;(a == 1)", 24, "expected \")\" at the end of the ACE");
	bad("D:(XA;;FA;;;WD;(a == 1", 23, "expected \")\" in the condition");
	bad("D:(XA;;FA;;;WD;(a ~ 1))", 19, "expected an operator after the attribute");
	bad("D:(XA;;FA;;;WD;(@Foo.a == 1))", 17, "need @User., @Resource. or @Device.");
	bad("D:(XA;;FA;;;WD;(a == \"x))", 22, "unterminated string");
	/* Octet strings as Windows reads them: odd length, "#" as 0. */
	canon("D:(XA;;FA;;;WD;(a == #abc))", "D:(XA;;FA;;;WD;(a == #0abc))");
	canon("D:AI(XA;OICI;FA;;;WD;(OctetStringType==#1#2#3##))",
	      "D:AI(XA;OICI;FA;;;WD;(OctetStringType == #01020300))");
	bad("D:(XA;;FA;;;WD;(a == 9223372036854775808))", 22, "does not fit in 64 bits");
	bad("D:(XA;;FA;;;WD;(a == 09))", 23, "invalid digit");
	bad("D:(XA;;FA;;;WD;(Member_of BA))", 27, "expected a value");
	bad("D:(XA;;FA;;;WD;(Member_of {SID(XY)}))", 32, "unknown SID alias \"XY\"");
	bad("D:(XA;;FA;;;WD;(Member_of {SID(BA}))", 34, "expected \")\" after the SID");
	bad("D:(XA;;FA;;;WD;(Member_of {SID(BA) SID(BU)}))", 36, "expected \",\" or \"}\"");
	/* Membership operands: any value, with or without parentheses. */
	canon("D:(XA;;FA;;;WD;(Member_of{SID(BA)}))",
	      "D:(XA;;FA;;;WD;(Member_of {SID(BA)}))");
	canon("D:(XA;;FA;;;WD;(member_of((sid(ba)))))",
	      "D:(XA;;FA;;;WD;(Member_of SID(BA)))");
	canon("D:(XA;;FA;;;WD;(Member_of_Any 3))",
	      "D:(XA;;FA;;;WD;(Member_of_any 3))");
	bad("D:(XA;;FA;;;WD;(Member_of((SID(BA)}))", 35, "after the operand");
	/* Attributes standing alone; unsigned 64-bit hex. */
	canon("D:(XA;;FR;;;WD;(@USER.A && @Device.B || c))",
	      "D:(XA;;FR;;;WD;(((@USER.A) && (@DEVICE.B)) || (c)))");
	canon("D:(XA;;FR;;;WD;(@Resource.c))", "D:(XA;;FR;;;WD;(@RESOURCE.c))");
	canon("D:(XA;;FR;;;WD;(!(@Resource.c)))",
	      "D:(XA;;FR;;;WD;(!(@RESOURCE.c)))");
	canon("D:(XA;;;;;WD;(@Device.bb == 0xffffffffffffffff))",
	      "D:(XA;;;;;WD;(@DEVICE.bb == 0xffffffffffffffff))");
	bad("D:(XA;;;;;WD;(@Device.bb == 0x10000000000000000))", 29, "64 bits");
	bad("D:(XA;;FA;;;WD;(a == {1, {2}}))", 26, "expected a value");
	/* Windows takes a list after < as well. */
	canon("D:(XA;;FA;;;WD;(a < {1}))", "D:(XA;;FA;;;WD;(a < {1}))");
	bad("D:(XA;;FA;;;WD;(Exists @User.))", 30, "expected an attribute name");
	/* Digits are attribute characters (attr-char1). */
	canon("D:(XA;;FA;;;WD;(Exists 1))", "D:(XA;;FA;;;WD;(Exists 1))");
	bad("D:(XA;;FA;;;WD;(a == \"\xff\"))", 23, "invalid UTF-8");
	/* Strings in UTF-8, names with %XXXX. */
	canon("D:(XA;;FA;;;WD;(@USER.x == \"caf\xc3\xa9 \xf0\x9f\x98\x80\"))",
	      "D:(XA;;FA;;;WD;(@USER.x == \"caf\xc3\xa9 \xf0\x9f\x98\x80\"))");
	canon("D:(XA;;FA;;;WD;(@RESOURCE.%0100a-b == 1))",
	      "D:(XA;;FA;;;WD;(@RESOURCE.%0100a-b == 1))");
}

static void test_acl_flags(void)
{
	static const struct {
		const char *in, *out;
		u16 control;
	} cases[] = {
		{ "D:", "D:", 0x8004 },
		{ "D:P", "D:P", 0x9004 },
		{ "D:AI", "D:AI", 0x8404 },
		{ "D:AR", "D:AR", 0x8104 },
		{ "D:PAIAR", "D:PARAI", 0x9504 },
		{ "D:AIARP", "D:PARAI", 0x9504 },
		{ "D:pai", "D:PAI", 0x9404 },
		{ "D:NO_ACCESS_CONTROL", "D:NO_ACCESS_CONTROL", 0x8004 },
		{ "D:PNO_ACCESS_CONTROL", "D:PNO_ACCESS_CONTROL", 0x9004 },
		{ "D:no_access_control", "D:NO_ACCESS_CONTROL", 0x8004 },
		{ "S:", "S:", 0x8010 },
		{ "S:P", "S:P", 0xa010 },
		{ "S:AI", "S:AI", 0x8810 },
		{ "S:AR", "S:AR", 0x8210 },
		{ "S:PARAI", "S:PARAI", 0xaa10 },
		{ "S:NO_ACCESS_CONTROL", "S:NO_ACCESS_CONTROL", 0x8010 },
		{ "D:PAI(A;;FA;;;WD)S:PAI(ML;;NW;;;LW)",
		  "D:PAI(A;;FA;;;WD)S:PAI(ML;;NW;;;LW)", 0xbc14 },
		{ "", "", 0x8000 },
		{ "O:BA", "O:BA", 0x8000 },
	};
	struct winsec_sddl_error err;
	struct winsec_sd view;
	size_t i, len;
	u8 *bin;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		canon(cases[i].in, cases[i].out);
		if (enc(cases[i].in, NULL, &bin, &len, &view, &err)) {
			check(false, "\"%s\" refused", cases[i].in);
			continue;
		}
		check(view.control == cases[i].control,
		      "\"%s\": control 0x%x, expected 0x%x", cases[i].in,
		      view.control, cases[i].control);
		if (strstr(cases[i].out, "D:NO_") || strstr(cases[i].out, "D:PNO_"))
			check(!view.dacl && winsec_sd_has_dacl(&view),
			      "\"%s\": NULL DACL", cases[i].in);
		if (!strcmp(cases[i].out, "D:"))
			check(view.dacl && winsec_acl_count(view.dacl) == 0,
			      "empty DACL");
		if (!strcmp(cases[i].out, "O:BA"))
			check(!winsec_sd_has_dacl(&view) && !winsec_sd_has_sacl(&view),
			      "absent DACL and SACL");
		free(bin);
	}
}

static void test_leniency_and_canon(void)
{
	static const char *const ms_parts[] = {
		"O:BAG:BAD:P(A;CIOI;GRGX;;;BU)(A;CIOI;GA;;;BA)(A;CIOI;GA;;;SY)",
		"(A;CIOI;GA;;;CO)S:P(AU;FA;GR;;;WD)",
		"O:BAG:BAD:P(A;OICI;GXGR;;;BU)(A;OICI;GA;;;BA)(A;OICI;GA;;;SY)",
		"(A;OICI;GA;;;CO)S:P(AU;FA;GR;;;WD)",
	};
	char ms_example[128], ms_canon[128];
	/* MS-DTYP 2.5.1.4: the binary form of ms_example. */
	static const u8 want[] = {
		0x01, 0x00, 0x14, 0xb0, 0x90, 0x00, 0x00, 0x00, 0xa0, 0x00, 0x00, 0x00,
		0x14, 0x00, 0x00, 0x00, 0x30, 0x00, 0x00, 0x00, 0x02, 0x00, 0x1c, 0x00,
		0x01, 0x00, 0x00, 0x00, 0x02, 0x80, 0x14, 0x00, 0x00, 0x00, 0x00, 0x80,
		0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
		0x02, 0x00, 0x60, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x03, 0x18, 0x00,
		0x00, 0x00, 0x00, 0xa0, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05,
		0x20, 0x00, 0x00, 0x00, 0x21, 0x02, 0x00, 0x00, 0x00, 0x03, 0x18, 0x00,
		0x00, 0x00, 0x00, 0x10, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05,
		0x20, 0x00, 0x00, 0x00, 0x20, 0x02, 0x00, 0x00, 0x00, 0x03, 0x14, 0x00,
		0x00, 0x00, 0x00, 0x10, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05,
		0x12, 0x00, 0x00, 0x00, 0x00, 0x03, 0x14, 0x00, 0x00, 0x00, 0x00, 0x10,
		0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00,
		0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x20, 0x00, 0x00, 0x00,
		0x20, 0x02, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05,
		0x20, 0x00, 0x00, 0x00, 0x20, 0x02, 0x00, 0x00,
	};
	struct winsec_sddl_error err;
	size_t n = sizeof(want), len;
	u8 *bin;

	snprintf(ms_example, sizeof(ms_example), "%s%s", ms_parts[0], ms_parts[1]);
	snprintf(ms_canon, sizeof(ms_canon), "%s%s", ms_parts[2], ms_parts[3]);
	if (!winsec_sddl_to_sd(ms_example, NULL, &bin, &len, &err)) {
		check(len == n && !memcmp(bin, want, n),
		      "MS-DTYP 2.5.1.4 example: binary differs");
		free(bin);
	} else {
		check(false, "MS-DTYP example refused: %s", err.message);
	}
	canon(ms_example, ms_canon);

	canon("O:BAG:SYD:(A;;GA;;;WD)(A;;GA;;;AN)S:(ML;;NW;;;LW)",
	      "O:BAG:SYD:(A;;GA;;;WD)(A;;GA;;;AN)S:(ML;;NW;;;LW)");
	canon(" O: BA G: SY D: P ( A ; OICI ; FA; ; ; WD ) ( A;;GA;;;BA ) ",
	      "O:BAG:SYD:P(A;OICI;FA;;;WD)(A;;GA;;;BA)");
	canon("\tO:BA\n G:SY\r\n D:(A;;FA;;;WD)\n",
	      "O:BAG:SYD:(A;;FA;;;WD)");
	canon("O:baG:syD:p(a;oici;fa;;;wd)S:(ml;;nw;;;hi)",
	      "O:BAG:SYD:P(A;OICI;FA;;;WD)S:(ML;;NW;;;HI)");
	canon("S:(ML;;NW;;;LW)D:(A;;FA;;;WD)G:SYO:BA",
	      "O:BAG:SYD:(A;;FA;;;WD)S:(ML;;NW;;;LW)");
	canon("O:S-1-5-21-1-2-3-500G:S-1-5-21-1-2-3-513D:(A;;FA;;;S-1-5-21-1-2-3-500)",
	      "O:S-1-5-21-1-2-3-500G:S-1-5-21-1-2-3-513D:(A;;FA;;;S-1-5-21-1-2-3-500)");
	canon_dom("O:LAG:DUD:(A;;FA;;;DA)(D;;FW;;;DG)", "O:LAG:DUD:(A;;FA;;;DA)(D;;FW;;;DG)",
		  domain);
	canon("D:(A;;FA;;;WD)(A;;FA;;;WD)", "D:(A;;FA;;;WD)(A;;FA;;;WD)");
	canon("D:AI(D;ID;FW;;;AN)(A;OICIID;FA;;;SY)(A;OICIIOID;GA;;;CO)(A;;0x1200a9;;;BU)",
	      "D:AI(D;ID;FW;;;AN)(A;OICIID;FA;;;SY)(A;OICIIOID;GA;;;CO)(A;;0x1200a9;;;BU)");
	canon("S:(ML;OINPIO;NW;;;HI)", "S:(ML;OINPIO;NW;;;HI)");
	canon("S:(ML;OICI;NWNRNX;;;LW)(AU;SAFA;FA;;;WD)",
	      "S:(ML;OICI;NWNRNX;;;LW)(AU;SAFA;FA;;;WD)");
	canon("O:S-1-22-1-0G:S-1-22-2-0D:P(A;;FA;;;S-1-22-1-0)(A;;FR;;;S-1-22-2-0)",
	      "O:S-1-22-1-0G:S-1-22-2-0D:P(A;;FA;;;S-1-22-1-0)(A;;FR;;;S-1-22-2-0)");
}

static void test_malformed(void)
{
	static char big[100000];
	size_t i, n;

	bad("X:BA", 1, "expected O:, G:, D: or S:");
	bad("O BA", 1, "expected O:, G:, D: or S:");
	bad("O:BAO:SY", 5, "given twice");
	bad("D:D:", 3, "D: given twice (first at column 1)");
	bad("O:BAG:SYG:BA", 9, "G: given twice");
	bad("O:XY", 3, "unknown SID alias \"XY\"");
	bad("O:", 3, "expected a SID");
	bad("O:B", 3, "unknown SID alias");
	bad("O:1", 3, "expected a SID");
	bad("O:BA junk", 6, "expected O:, G:, D: or S:");
	bad("O:BAG:SYD:(A;;XY;;;WD)", 15, "unknown right \"XY\"");
	bad("D:(A;;FAXY;;;WD)", 9, "unknown right \"XY\"");
	bad("D:(A;;F;;;WD)", 7, "unknown right \"F;\"");
	bad("D:(A;;NW;;;WD)", 7, "only valid in a label (ML) ACE");
	bad("D:(Q;;FA;;;WD)", 4, "unknown ACE type \"Q\"");
	bad("D:(AX;;FA;;;WD)", 4, "unknown ACE type \"AX\"");
	bad("D:(;;FA;;;WD)", 4, "expected an ACE type");
	bad("D:(A;ZZ;FA;;;WD)", 6, "unknown ACE flag \"ZZ\"");
	bad("D:(A;O;FA;;;WD)", 6, "unknown ACE flag");
	bad("D:(A,;FA;;;WD)", 5, "expected \";\" after the ACE type");
	bad("D:(A;;FA;;;WD", 14, "expected \")\"");
	bad("D:(A;;FA;;;WD))", 15, "expected an ACE or O:, G:, D:, S:");
	bad("D:(A;;FA;;;WD)x", 15, "expected an ACE or O:, G:, D:, S:");
	bad("D:(A;;FA;;WD)", 11, "invalid GUID");
	bad("D:(A;;FA;;;)", 12, "expected a SID");
	bad("D:(A;;FA;;;WD;)", 15, "expected application data");
	bad("D:(A;;FA;;;WD;#123)", 18, "even number of hex digits");
	bad("D:(A;;FA;;;WD;#12zz)", 18, "expected \")\"");
	bad("S:(RA;;;;;WD;(\"x\",TQ,0,1))", 19, "expected an attribute type");
	bad("D:(A;;FA;;;WD;(x == 1))", 15, "only allowed in callback ACEs");
	bad("D:(A;;FA;;;WD)(", 16, "expected an ACE type");
	bad("D:XY", 3, "unknown ACL flag \"XY\"");
	bad("D:PX(A;;FA;;;WD)", 4, "unknown ACL flag \"X\"");
	bad("D:NO_ACCESS_CONTROL(A;;FA;;;WD)", 20, "ACEs after NO_ACCESS_CONTROL");
	bad("D:(A;;FA;00299570-246d-11d0-a768-00aa006e0529;;WD)", 10,
	    "only allowed in object ACEs");
	bad("D:(OA;;CR;00299570-246d-11d0-a768-00aa006e05;;WD)", 45, "invalid GUID");
	bad("D:(OA;;CR;00299570_246d-11d0-a768-00aa006e0529;;WD)", 19, "invalid GUID");
	bad("D:(OA;;CR;0029957g-246d-11d0-a768-00aa006e0529;;WD)", 18, "invalid GUID");
	/* Strings that end inside a field (found by fuzzing: over-reads). */
	bad("D:(OA;;CR;002995", 17, "invalid GUID");
	bad("D:(OA;;CR;0029957", 18, "invalid GUID");
	bad("D:(A;;FA;;;WD;#1", 16, "even number of hex digits");
	bad("D:(A;O", 6, "unknown ACE flag \"O\"");
	bad("D:(A;;G", 7, "unknown right \"G\"");
	bad("D:(A;;FA;;;W", 12, "unknown SID alias");
	bad("D:(A;;FA;;;S-", 14, "SID revision must be 1");
	bad("D:(A;;0x", 9, "expected digits");
	bad("D:A", 3, "unknown ACL flag \"A\"");
	bad("O", 1, "expected O:, G:, D: or S:");
	bad("O:S-1-5", 8, "SID without sub-authorities");
	bad("O:S-2-5-1", 5, "SID revision must be 1");
	bad("O:S-1-x-1", 7, "invalid SID identifier authority");
	bad("O:S-1-281474976710656-1", 7, "invalid SID identifier authority");
	bad("O:S-1-0x1234567890ABC-1", 7, "invalid SID identifier authority");
	bad("O:S-1-5-4294967296", 9, "invalid SID sub-authority");
	bad("O:S-1-5-", 9, "invalid SID sub-authority");
	bad("O:S-1-1-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16", 44,
	    "more than 15 sub-authorities");
	bad("O:DA", 3, "needs a domain SID");
	bad("D:(A;;FA;;;DU)", 12, "needs a domain SID");
	bad("D:(A;;08;;;WD)", 8, "invalid digit \"8\"");
	bad("D:(A;;0x;;;WD)", 9, "expected digits");
	bad("D:(A;;0xg;;;WD)", 9, "expected digits");
	bad("D:(A;;-;;;WD)", 8, "expected digits");
	bad("D:(A;;12ab;;;WD)", 9, "expected \";\" after the rights");
	bad("D:(A;0x100;FA;;;WD)", 6, "too large");
	bad("D:(0x100;;FA;;;WD)", 4, "too large");
	/* The core's ACE validator, reported at the ACE. */
	bad("D:(AU;SA;FA;;;WD)", 4, "invalid ACE for a DACL");
	bad("D:(ML;;NW;;;LW)", 4, "invalid ACE for a DACL");
	bad("S:(A;;FA;;;WD)", 4, "invalid ACE for a SACL");
	bad("D:(0x4;;FA;;;WD)", 4, "invalid ACE for a DACL");
	bad("D:(0x14;;FA;;;WD)", 4, "invalid ACE for a DACL");
	bad("S:(ML;;0x10;;;ME)", 4, "invalid ACE for a SACL");
	bad("D:(A;;FA;;;WD;#01020304)", 4, "invalid ACE for a DACL");
	bad("D:(A;;FA)", 9, "expected \";\" after the rights");
	bad("D:(A;OI)", 8, "expected \";\" after the ACE flags");
	/* Too large: 2000 ACEs of 36 bytes are more than 64 KiB. */
	n = snprintf(big, sizeof(big), "D:");
	for (i = 0; i < 2000; i++)
		n += snprintf(big + n, sizeof(big) - n, "(A;;FA;;;S-1-5-21-1-2-3-%zu)", i);
	{
		struct winsec_sddl_error err;
		u8 *bin = NULL;
		size_t len;
		int ret = winsec_sddl_to_sd(big, NULL, &bin, &len, &err);

		check(ret == -EINVAL && strstr(err.message, "ACL too large") &&
		      !bin, "oversized ACL refused (%s)", err.message);
	}
	/* A long but valid ACL: 2000 ACEs of 20 bytes fit in 64 KiB. */
	n = snprintf(big, sizeof(big), "D:");
	for (i = 0; i < 2000; i++)
		n += snprintf(big + n, sizeof(big) - n, "(A;;FA;;;WD)");
	{
		struct winsec_sddl_error err;
		struct winsec_sd view;
		u8 *bin;
		size_t len;

		if (!enc(big, NULL, &bin, &len, &view, &err)) {
			check(winsec_acl_count(view.dacl) == i, "long ACL count");
			free(bin);
		} else {
			check(false, "long ACL refused: %s", err.message);
		}
	}
}

static void test_binary_errors(void)
{
	struct winsec_sddl_error err;
	u8 *bin;
	size_t len, cut;
	char *s;
	int bad_count = 0;

	if (winsec_sddl_to_sd("O:BAG:SYD:(A;;FA;;;WD)S:(ML;;NW;;;LW)", NULL, &bin,
			      &len, &err)) {
		check(false, "encode for truncation test");
		return;
	}
	for (cut = 0; cut < len; cut++) {
		s = (char *)&err;
		if (winsec_sd_to_sddl(bin, cut, NULL, &s, &err) == -EINVAL &&
		    s == (char *)&err && err.column == 0 && err.message[0])
			bad_count++;
		else if (s != (char *)&err)
			free(s);
	}
	check(bad_count == (int)len, "every truncation refused (%d of %zu)",
	      bad_count, len);
	bin[0] = 2;
	s = NULL;
	check(winsec_sd_to_sddl(bin, len, NULL, &s, &err) == -EINVAL && !s,
	      "bad revision refused");
	free(bin);
}

static void test_helpers(void)
{
	char buf[WINSEC_RIGHTS_STRING_MAX];
	u32 m;

	winsec_rights_to_string(0x1f01ff, false, buf, sizeof(buf));
	check(!strcmp(buf, "FA"), "rights_to_string FA");
	winsec_rights_to_string(0x7, true, buf, sizeof(buf));
	check(!strcmp(buf, "NWNRNX"), "rights_to_string label");
	winsec_rights_to_string(0x7, false, buf, sizeof(buf));
	check(!strcmp(buf, "CCDCLC"), "rights_to_string not label");
	winsec_rights_to_string(0xffffffff, false, buf, sizeof(buf));
	check(!strcmp(buf, "0xffffffff"), "rights_to_string hex");
	check(winsec_sddl_right("nw", 2, true, &m) && m == 1, "right nw");
	check(!winsec_sddl_right("NW", 2, false, &m), "right NW not outside labels");
	check(winsec_sddl_ace_flag("io", 2) == 8, "ace flag io");
	check(winsec_sddl_ace_flag("XX", 2) == -1, "ace flag XX");
	winsec_ace_flags_to_string(0xdf, buf, sizeof(buf));
	check(!strcmp(buf, "OICINPIOIDSAFA"), "flags to string");
	check(winsec_sddl_ace_type("ZA", 2) == 0x0b, "ace type ZA");
	check(!strcmp(winsec_ace_type_name(0x13), "SP"), "ace type name SP");
	check(!winsec_ace_type_name(0x0c), "no name for 0x0c");
}

/* bytes of @sddl's first SACL ACE after its SID (the attribute). */
static void ra_bytes(const char *sddl, const u8 *want, size_t n)
{
	struct winsec_sddl_error err;
	struct winsec_sd view;
	struct winsec_ace ace;
	size_t len;
	u8 *bin;

	if (enc(sddl, NULL, &bin, &len, &view, &err)) {
		check(false, "\"%s\" refused: %s", sddl, err.message);
		return;
	}
	winsec_ace_decode(winsec_acl_first(view.sacl), &ace);
	check(ace.app_len == n && !memcmp(ace.app_data, want, n),
	      "\"%s\": attribute bytes differ", sddl);
	free(bin);
}

/* Resource attributes (RA ACEs) as Windows writes them. */
static void test_resource_attributes(void)
{
	/* Windows' bytes for ("colour",TS,0,"blue"), padding included. */
	static const u8 ts_blue[] = {
		0x14, 0, 0, 0, 0x03, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
		0x22, 0, 0, 0, 'c', 0, 'o', 0, 'l', 0, 'o', 0, 'u', 0, 'r', 0,
		0, 0, 'b', 0, 'l', 0, 'u', 0, 'e', 0, 0, 0,
	};
	/* ("colOIr",TU,0xe,29925): the value right after the name. */
	static const u8 tu_one[] = {
		0x14, 0, 0, 0, 0x02, 0, 0, 0, 0x0e, 0, 0, 0, 1, 0, 0, 0,
		0x22, 0, 0, 0, 'c', 0, 'o', 0, 'l', 0, 'O', 0, 'I', 0, 'r', 0,
		0, 0, 0xe5, 0x74, 0, 0, 0, 0, 0, 0, 0, 0,
	};
	/* ("t",TX,0,0077,00): length-prefixed octets, no alignment. */
	static const u8 tx_two[] = {
		0x18, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0,
		0x1c, 0, 0, 0, 0x22, 0, 0, 0, 't', 0, 0, 0,
		2, 0, 0, 0, 0x00, 0x77, 1, 0, 0, 0, 0x00, 0,
	};

	ra_bytes("S:(RA;;;;;WD;(\"colour\",TS,0,\"blue\"))", ts_blue,
		 sizeof(ts_blue));
	ra_bytes("S:(RA;;;;;WD;(\"colOIr\",TU,0xe,29925))", tu_one,
		 sizeof(tu_one));
	ra_bytes("S:(RA;;;;;WD;(\"t\",TX,0,0077,00))", tx_two, sizeof(tx_two));

	/* Every type, printed as Windows prints it. */
	canon("S:(RA;;;;;WD;(\"colour\",TS,0,\"blue\", \"red\"))",
	      "S:(RA;;;;;WD;(\"colour\",TS,0x0,\"blue\",\"red\"))");
	canon("S:(RA;;;;;WD;(\"n\",TI,0xa,7774,-8,0x10,-0x7fffffffffffffff,010))",
	      "S:(RA;;;;;WD;(\"n\",TI,0xa,7774,-8,16,-9223372036854775807,8))");
	canon("S:(RA;;;;;WD;(\"u\",TU,0xe,18446744073709551615,0))",
	      "S:(RA;;;;;WD;(\"u\",TU,0xe,18446744073709551615,0))");
	canon("S:(RA;;;;;WD;(\"x\",TX,0,#00ff,AB))",
	      "S:(RA;;;;;WD;(\"x\",TX,0x0,00ff,ab))");
	canon("S:(RA;;;;;WD;(\"d\",TD,0x10000,S-1-5-32-544,WD))",
	      "S:(RA;;;;;WD;(\"d\",TD,0x10000,BA,WD))");
	canon("S:(RA;;;;;WD;(\"b\",TB,0,1,0))", "S:(RA;;;;;WD;(\"b\",TB,0x0,1,0))");
	canon("S:(RA;;;;;WD;(\"none\",TS,0x3))", "S:(RA;;;;;WD;(\"none\",TS,0x3))");
	canon("S:(RA;CIIO;;;;WD;(\"c%0016d\",TU,0,1))",
	      "S:(RA;CIIO;;;;WD;(\"c%0016d\",TU,0x0,1))");
	/* Refused. */
	bad("S:(RA;;;;;WD;(\"b\",TB,0,2))", 24, "TB value is 0 or 1");
	bad("S:(RA;;;;;WD;(\"x\",TX,0,123))", 27, "even number of hex digits");
	bad("S:(RA;;;;;WD;(\"u\",TU,0,-1))", 24, "expected a number");
	bad("S:(RA;;;;;WD;(\"i\",TI,0,9223372036854775808))", 24, "64 bits");
	bad("S:(RA;;;;;WD;(\"\",TI,0,1))", 15, "empty attribute name");
	bad("S:(RA;;;;;WD;(\"i\",TI,0x100000000,1))", 33, "32 bits");
	bad("S:(RA;;;;;WD;(\"i\",TI,0,1)", 26, "at the end of the ACE");
	bad("S:(RA;;;;;WD;(\"i\",TI,0,1,))", 26, "expected a number");
	/* Data that does not read back the same stays in hex. */
	canon("S:(RA;;;;;WD;#140000000300000000000000010000002200000063006f006c006f0075007200000062006c00750065000000ff000000)",
	      "S:(RA;;;;;WD;#140000000300000000000000010000002200000063006f006c006f0075007200000062006c00750065000000ff000000)");
}

/* Forms seen in Windows' own vectors (tools/testing/winsec/windows). */
static void test_windows_forms(void)
{
	/* Sub-authorities and authorities in hex. */
	canon("D:(A;;GA;;;S-1-5-21-0x1-0x2-0x3-513)",
	      "D:(A;;GA;;;S-1-5-21-1-2-3-513)");
	canon("D:(A;;GA;;;S-1-3-0x00000002-3-4)", "D:(A;;GA;;;S-1-3-2-3-4)");
	canon("D:(A;;GA;;;S-1-3-0xffffffff-3-4)",
	      "D:(A;;GA;;;S-1-3-4294967295-3-4)");
	canon("D:(A;;GA;;;S-1-0X20-3-0XA)", "D:(A;;GA;;;S-1-32-3-10)");
	/* A hex number stops before "D:": it starts the DACL. */
	canon("O:S-1-2-0x2D:(A;;GA;;;WD)", "O:S-1-2-2D:(A;;GA;;;WD)");
	canon("O:S-1-2-0x200D:", "O:S-1-2-512D:");
	canon("O:S-1-2-0xDD:", "O:S-1-2-13D:");
	bad("D:(A;;GA;;;S-1-3-0x100000000-3-4)", 18, "sub-authority");
	bad("D:(A;;GA;;;S-1-0x1313131313131-513)", 16, "authority");
	bad("D:(A;;GA;;;S-1-3-0x)", 18, "sub-authority");
	bad("D:(A;;GA;;;S-0x1-0-0-579)", 14, "revision");

	/* Authorities of 2^32 and above: hex without leading zeros. */
	canon("D:(A;;CC;;;S-1-21474836480-32-579)",
	      "D:(A;;CC;;;S-1-0x500000000-32-579)");
	canon("D:(A;;GA;;;S-1-5000000000-30-40)",
	      "D:(A;;GA;;;S-1-0x12A05F200-30-40)");
	canon("O:S-1-0x00012a05f200-1", "O:S-1-0x12A05F200-1");
	canon("O:S-1-0xFFFFFFFF-1", "O:S-1-4294967295-1");

	/* White space Windows refuses. */
	bad("D:(A;;GA;;;S-1-3-4 )", 19, "white space after a SID");
	bad("D:(A;;GA;;;S-1-333-4\t)", 21, "white space after a SID");
	bad("O:S-1-5-18 G:SY", 11, "white space after a SID");
	bad("D:(A;;GA ;;;LG)", 9, "white space after the rights");
	bad("D:(A;;RP ;;;LG)", 9, "white space after the rights");
	bad("D:(A;;123456789 ;;;WD)", 16, "white space after the rights");
	bad("D:(A;;0x75bcd15\t;;;WD)", 16, "white space after the rights");
	bad("D:AI(A;CI;RP LC\tLORC;;;AU)", 16, "white space in the rights");
	bad("D:AI(A;CI;RP LC\t LORC;;;AU)", 16, "white space in the rights");
	bad("D:AI(A;CI;RP LCLOR C;;;AU)", 18, "unknown right");
	bad("O:S- 1- 2-3", 5, "revision");
	bad("d:(A;;GA;;;WD)", 1, "upper case");
	bad("O:BAg:SY", 5, "upper case");
	/* ... and white space it allows. */
	canon("D:(A;;GA;;;WD )", "D:(A;;GA;;;WD)");
	canon("D:(A;;GA;;; S-1-3-4)", "D:(A;;GA;;;OW)");
	canon("D:(A;; 0x75bcd15;;;WD)", "D:(A;;0x75bcd15;;;WD)");
	canon("  O:AA G:WD ", "O:AAG:WD");

	/* Rights: the magnitude saturates, then a minus negates. */
	canon("D:(A;;-9876543210;;;WD)", "D:(A;;CC;;;WD)");
	canon("D:(A;;-0xffffff55;;;WD)", "D:(A;;CCDCSWWPLO;;;WD)");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (winsec_sid_from_string("S-1-5-21-1-2-3", NULL, &domain_buf)) {
		printf("FAIL: cannot parse the test domain SID\n");
		return 1;
	}
	domain = winsec_sid_of(&domain_buf);
	test_rights();
	test_numbers();
	test_sids();
	test_types_flags();
	test_conditions();
	test_acl_flags();
	test_leniency_and_canon();
	test_malformed();
	test_binary_errors();
	test_helpers();
	test_windows_forms();
	test_resource_attributes();
	printf("unit: %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
