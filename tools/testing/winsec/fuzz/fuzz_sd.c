// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_sd - libFuzzer harness for the binary descriptor validator
 *
 * Input: any bytes, taken as a self-relative security descriptor.
 *
 * When winsec_sd_parse() accepts the input:
 *  - the view re-serializes (into exactly winsec_sd_serialized_size()
 *    bytes), the copy is accepted again and winsec_sd_equal() to the
 *    original, and serializing the copy gives the same bytes (the layout
 *    is canonical);
 *  - the descriptor prints as SDDL, the SDDL parses back, and the result is
 *    equal to the original up to what SDDL cannot carry (the control bits
 *    other than present/protected/auto-inherit of each ACL, and the
 *    resource-manager byte).
 * Any violation aborts, which libFuzzer reports as a crash.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sddl.h"

/* S-1-5-21-1-2-3: gives the domain-relative aliases something to match. */
static const struct winsec_sid_buf fuzz_domain = {
	.revision = 1, .num_subauth = 4, .authority = { 0, 0, 0, 0, 0, 5 },
	.sub_auth = { cpu_to_le32(21), cpu_to_le32(1), cpu_to_le32(2),
		      cpu_to_le32(3) },
};

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_sd: %s\n", what);
	abort();
}

/* The control bits an SDDL string can express for @control. */
static u16 sddl_control(u16 control)
{
	u16 keep = WINSEC_SE_SELF_RELATIVE;

	if (control & WINSEC_SE_DACL_PRESENT)
		keep |= WINSEC_SE_DACL_PRESENT | WINSEC_SE_DACL_PROTECTED |
			WINSEC_SE_DACL_AUTO_INHERITED |
			WINSEC_SE_DACL_AUTO_INHERIT_REQ;
	if (control & WINSEC_SE_SACL_PRESENT)
		keep |= WINSEC_SE_SACL_PRESENT | WINSEC_SE_SACL_PROTECTED |
			WINSEC_SE_SACL_AUTO_INHERITED |
			WINSEC_SE_SACL_AUTO_INHERIT_REQ;
	return control & keep;
}

/* Every decoded field of every ACE of @acl lies inside its ACE. */
static void check_acl(const struct winsec_acl *acl, const u8 *lo,
		      const u8 *hi)
{
	const struct winsec_ace_header *hdr;
	struct winsec_ace ace;
	unsigned int i;
	const u8 *end;

	if ((const u8 *)acl < lo ||
	    (const u8 *)acl + winsec_acl_size(acl) > hi)
		fail("ACL outside the descriptor");
	end = (const u8 *)acl + winsec_acl_size(acl);
	winsec_acl_for_each(acl, hdr, i) {
		const u8 *a = (const u8 *)hdr, *ace_end;

		if (a + WINSEC_ACE_HEADER_SIZE > end)
			fail("ACE header outside its ACL");
		ace_end = a + get_unaligned_le16(&hdr->size);
		if (ace_end > end)
			fail("ACE outside its ACL");
		winsec_ace_decode(hdr, &ace);
		if ((const u8 *)ace.sid < a ||
		    (const u8 *)ace.sid + winsec_sid_size(ace.sid) > ace_end)
			fail("ACE SID outside its ACE");
		if (ace.object_type && (ace.object_type < a ||
					ace.object_type + WINSEC_GUID_SIZE > ace_end))
			fail("object type outside its ACE");
		if (ace.inherited_object_type &&
		    (ace.inherited_object_type < a ||
		     ace.inherited_object_type + WINSEC_GUID_SIZE > ace_end))
			fail("inherited object type outside its ACE");
		if (ace.app_data && (ace.app_data < a ||
				     ace.app_data + ace.app_len > ace_end))
			fail("application data outside its ACE");
		if (ace.type != hdr->type || ace.size != ace_end - a)
			fail("decoded ACE disagrees with its header");
	}
}

static void check_sddl(const struct winsec_sd *sd, const u8 *data,
		       size_t size)
{
	const struct winsec_sid *domain = winsec_sid_of(&fuzz_domain);
	struct winsec_sddl_error err;
	struct winsec_sd back, want;
	const char *reason = NULL;
	u8 *bin = NULL;
	size_t len = 0;
	char *text, *direct = NULL;

	text = winsec_sddl_from_view(sd, domain);
	if (!text)
		fail("a valid descriptor does not print as SDDL");
	if (winsec_sd_to_sddl(data, size, domain, &direct, &err) ||
	    strcmp(text, direct))
		fail("winsec_sd_to_sddl() disagrees with the view's SDDL");
	free(direct);
	if (winsec_sddl_to_sd(text, domain, &bin, &len, &err)) {
		fprintf(stderr, "SDDL %s: column %u: %s\n", text, err.column,
			err.message);
		fail("printed SDDL refused by the parser");
	}
	if (winsec_sd_parse(bin, len, &back, &reason)) {
		fprintf(stderr, "SDDL %s: %s\n", text, reason);
		fail("parser output refused by the validator");
	}
	want = *sd;
	want.control = sddl_control(sd->control);
	want.rm_control = 0;
	if (!winsec_sd_equal(&want, &back)) {
		fprintf(stderr, "SDDL %s\n", text);
		fail("SDDL round trip changed the descriptor");
	}
	free(bin);
	free(text);
}

/*
 * The facts that parsing learned (winsec_sd_learn()) are what the walks of
 * a view without facts find.
 */
static void check_facts(const struct winsec_sd *sd)
{
	struct winsec_sd plain = *sd;
	u32 level, policy, plevel, ppolicy;
	bool explicit, pexplicit;

	if (!(sd->facts & WINSEC_SD_FACTS_KNOWN))
		fail("a parsed view without facts");
	plain.facts = 0;
	explicit = winsec_sd_label_info(sd, &level, &policy);
	pexplicit = winsec_sd_label_info(&plain, &plevel, &ppolicy);
	if (explicit != pexplicit || level != plevel || policy != ppolicy)
		fail("the label learned at parsing differs from the SACL's");
	if (sd->dacl &&
	    !!(sd->facts & WINSEC_SD_OWNER_RIGHTS) !=
	    winsec_acl_owner_rights(sd->dacl, 0))
		fail("OWNER RIGHTS learned at parsing differs from the DACL's");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct winsec_sd sd, copy;
	const char *reason = NULL;
	u32 need, len, len2;
	u8 *buf, *buf2;

	if (winsec_sd_parse(data, size, &sd, &reason)) {
		if (!reason)
			fail("refused without a reason");
		return 0;
	}

	need = winsec_sd_serialized_size(&sd);
	if (need < WINSEC_SD_HEADER_SIZE || need > WINSEC_SD_MAX_SIZE)
		fail("serialized size out of range");
	buf = malloc(need);
	buf2 = malloc(need);
	if (!buf || !buf2)
		return 0;
	if (need > WINSEC_SD_HEADER_SIZE &&
	    winsec_sd_serialize(&sd, buf, need - 1, &len) == 0)
		fail("serializer wrote past the size it announced");
	if (winsec_sd_serialize(&sd, buf, need, &len))
		fail("serializer failed on a valid view");
	if (len != need)
		fail("serialized length differs from the announced size");
	if (winsec_sd_parse(buf, len, &copy, &reason)) {
		fprintf(stderr, "re-parse: %s\n", reason);
		fail("serialized copy refused by the validator");
	}
	if (!winsec_sd_equal(&sd, &copy))
		fail("serialized copy not equal to the original");
	if (winsec_sd_serialize(&copy, buf2, need, &len2) || len2 != len ||
	    memcmp(buf, buf2, len))
		fail("serializing the copy gives other bytes");

	if (sd.dacl)
		check_acl(sd.dacl, data, data + size);
	if (sd.sacl)
		check_acl(sd.sacl, data, data + size);
	check_facts(&sd);
	check_sddl(&sd, data, size);
	free(buf);
	free(buf2);
	return 0;
}
