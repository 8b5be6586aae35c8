/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - checks of the validator shared by the KUnit and userspace runners
 *
 * Each function returns NULL when the check holds, or a description of what
 * went wrong; the runners turn that into their own assertion.
 */

#ifndef _SECURITY_WINSEC_TESTS_SD_TEST_COMMON_H
#define _SECURITY_WINSEC_TESTS_SD_TEST_COMMON_H

#include "../sd.h"
#include "../sid.h"
#include "sd_cases.h"

/* Room for any descriptor of the case table once serialized. */
#define SD_TEST_BUF 512

/*
 * Validate a case; a valid descriptor must then serialize, be accepted
 * again, be equal to the original, and serialize to the same bytes again
 * (the serialized layout is a fixed point).
 */
static inline const char *sd_test_case(const struct winsec_sd_case *c,
				       u8 *buf1, u8 *buf2)
{
	struct winsec_sd sd, again, third;
	const char *reason = NULL;
	u32 len1, len2;
	int err;

	/*
	 * Parsed in place: each case is its own array, so that a read past
	 * its end is caught by KASAN or ASan.
	 */
	err = winsec_sd_parse(c->data, c->len, &sd, &reason);
	if (err != c->result)
		return err ? "valid descriptor rejected" :
			     "malformed descriptor accepted";
	if (err)
		return reason ? NULL : "rejected without a reason";
	if (winsec_sd_serialize(&sd, buf1, SD_TEST_BUF, &len1))
		return "serialization failed";
	if (len1 != winsec_sd_serialized_size(&sd))
		return "serialized size differs from the computed size";
	if (winsec_sd_parse(buf1, len1, &again, NULL))
		return "serialized descriptor rejected";
	if (!winsec_sd_equal(&sd, &again))
		return "serialized descriptor differs";
	if (winsec_sd_serialize(&again, buf2, SD_TEST_BUF, &len2) ||
	    len1 != len2 || memcmp(buf1, buf2, len1))
		return "serialization is not a fixed point";
	if (winsec_sd_parse(buf2, len2, &third, NULL) ||
	    !winsec_sd_equal(&third, &sd))
		return "second round trip differs";
	return NULL;
}

/* SIDs are compared whole: a prefix or a different count never matches. */
/* Whether @sid is S-1-<auth>-<first>-<second>. */
static inline bool sd_test_sid_is(const struct winsec_sid *sid, u64 auth,
				  u32 first, u32 second)
{
	const u32 sub[] = { first, second };
	struct winsec_sid_buf want;

	winsec_sid_build(&want, auth, 2, sub);
	return winsec_sid_equal(sid, winsec_sid_of(&want));
}

static inline const char *sd_test_sid_compare(void)
{
	static const u32 a[] = { 21, 1, 2, 3 };
	struct winsec_sid_buf x, y, u, g;
	u32 size, rid;

	winsec_sid_build(&x, 5, 4, a);
	winsec_sid_build(&y, 5, 3, a);
	if (winsec_sid_equal(winsec_sid_of(&x), winsec_sid_of(&y)))
		return "a SID matched its prefix";
	if (winsec_sid_equal(winsec_sid_of(&y), winsec_sid_of(&x)))
		return "a prefix matched a longer SID";
	winsec_sid_build(&y, 5, 4, a);
	if (!winsec_sid_equal(winsec_sid_of(&x), winsec_sid_of(&y)))
		return "equal SIDs did not match";
	winsec_sid_build(&y, 6, 4, a);
	if (winsec_sid_equal(winsec_sid_of(&x), winsec_sid_of(&y)))
		return "SIDs of different authorities matched";
	winsec_sid_unix_user(&u, 1000);
	winsec_sid_unix_group(&g, 1000);
	if (winsec_sid_equal(winsec_sid_of(&u), winsec_sid_of(&g)))
		return "the Unix user and group of the same number matched";
	if (!sd_test_sid_is(winsec_sid_of(&u), 22, 1, 1000) ||
	    !sd_test_sid_is(winsec_sid_of(&g), 22, 2, 1000))
		return "Unix SIDs are not S-1-22-1-<uid> / S-1-22-2-<gid>";
	if (winsec_sid_check(&u, sizeof(u), &size) || size != 16)
		return "a built SID is not valid";
	winsec_sid_level(&u, 0x1000);
	if (!winsec_sid_get_level(winsec_sid_of(&u), &rid) || rid != 0x1000)
		return "level SID not recognised";
	if (winsec_sid_get_level(winsec_sid_of(&winsec_sid_everyone), &rid))
		return "Everyone taken for a level";
	if (!sd_test_sid_is(winsec_sid_of(&winsec_sid_admins), 5, 32, 544))
		return "BUILTIN\\Administrators is not S-1-5-32-544";
	return NULL;
}

/*
 * The ACL builder: ACEs of every form, the validator on completion, and
 * the size limits (capacity, 16-bit ACL size).
 */
static inline const char *sd_test_builder(u8 *buf, u32 cap)
{
	const struct winsec_ace_header *ace;
	struct winsec_acl_builder b;
	const struct winsec_acl *acl;
	struct winsec_ace dec, copy;
	unsigned int i;
	int err;

	winsec_acl_build_init(&b, buf, cap);
	winsec_acl_build_add(&b, WINSEC_ACE_ACCESS_DENIED, 0, 0x116,
			     winsec_sid_of(&winsec_sid_everyone));
	winsec_acl_build_add(&b, WINSEC_ACE_ACCESS_ALLOWED,
			     WINSEC_ACE_OBJECT_INHERIT, 0x1f01ff,
			     winsec_sid_of(&winsec_sid_admins));
	if (winsec_acl_build_finish(&b, false, &acl))
		return "a valid DACL was refused";
	if (acl->revision != WINSEC_ACL_REVISION || winsec_acl_count(acl) != 2 ||
	    winsec_acl_size(acl) != 8 + 20 + 24)
		return "DACL header wrong";
	winsec_acl_for_each(acl, ace, i) {
		winsec_ace_decode(ace, &dec);
		if (i == 0 && (dec.type != 1 || dec.mask != 0x116 ||
			       !winsec_sid_equal(dec.sid,
						 winsec_sid_of(&winsec_sid_everyone))))
			return "first ACE decoded wrong";
		if (i == 1 && (dec.flags != 1 || dec.app_len))
			return "second ACE decoded wrong";
	}

	/* An object ACE rebuilt from decoded fields forces revision 4. */
	copy = dec;
	copy.type = WINSEC_ACE_ACCESS_ALLOWED_OBJECT;
	copy.object_type = (const u8 *)"0123456789abcdef";
	winsec_acl_build_init(&b, buf + 256, cap - 256);
	winsec_acl_build_add_ace(&b, &copy);
	if (winsec_acl_build_finish(&b, false, &acl))
		return "an object ACE was refused";
	if (acl->revision != WINSEC_ACL_REVISION_DS)
		return "object ACE without revision 4";
	winsec_ace_decode(winsec_acl_first(acl), &dec);
	if (!dec.object_type || dec.inherited_object_type ||
	    memcmp(dec.object_type, "0123456789abcdef", 16) ||
	    winsec_acl_size(acl) != 8 + 4 + 4 + 4 + 16 + 16)
		return "object ACE fields wrong";

	/* A label ACE in a DACL is refused on completion. */
	winsec_acl_build_init(&b, buf, cap);
	winsec_acl_build_add(&b, WINSEC_ACE_SYSTEM_MANDATORY_LABEL, 0, 1,
			     winsec_sid_of(&winsec_sid_everyone));
	if (winsec_acl_build_finish(&b, false, &acl) != -EINVAL)
		return "an invalid ACL was completed";

	/* Capacity: the error is sticky. */
	winsec_acl_build_init(&b, buf, 8 + 20 + 4);
	winsec_acl_build_add(&b, 0, 0, 1, winsec_sid_of(&winsec_sid_everyone));
	winsec_acl_build_add(&b, 0, 0, 1, winsec_sid_of(&winsec_sid_everyone));
	err = winsec_acl_build_finish(&b, false, &acl);
	if (err != -ENOSPC)
		return "overflowing the buffer was not -ENOSPC";

	/* The 16-bit ACL size: 0xfffc bytes at most. */
	winsec_acl_build_init(&b, NULL, 0x20000);
	b.len = WINSEC_ACL_MAX_SIZE - 8;
	b.error = 0;
	b.buf = buf;	/* never written: the size check comes first */
	b.cap = 0x20000;
	winsec_acl_build_add(&b, 0, 0, 1, winsec_sid_of(&winsec_sid_everyone));
	if (b.error != -E2BIG)
		return "an ACL beyond 0xfffc bytes was not -E2BIG";
	return NULL;
}

#endif /* _SECURITY_WINSEC_TESTS_SD_TEST_COMMON_H */
