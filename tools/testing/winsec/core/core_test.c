// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - userspace runner of the validator cases shared with KUnit
 * (security/winsec/tests/sd_cases.h), printing TAP.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sddl.h"
#include "tests/sd_test_common.h"

static int passed, failed;

static void report(const char *name, const char *err)
{
	if (err) {
		failed++;
		printf("not ok %d %s # %s\n", passed + failed, name, err);
	} else {
		passed++;
		printf("ok %d %s\n", passed + failed, name);
	}
}

static const char *too_large(void)
{
	static u8 buf[WINSEC_SD_MAX_SIZE + 1];
	struct winsec_sd sd;

	buf[0] = WINSEC_SD_REVISION;
	buf[3] = WINSEC_SE_SELF_RELATIVE >> 8;
	if (winsec_sd_parse(buf, WINSEC_SD_MAX_SIZE, &sd, NULL))
		return "a 64 KiB descriptor was refused";
	if (winsec_sd_parse(buf, WINSEC_SD_MAX_SIZE + 1, &sd, NULL) != -EINVAL)
		return "a descriptor over 64 KiB was accepted";
	return NULL;
}

/* winsec_level_parse() and winsec_level_format(), shared with the tool. */
static const char *level_names(void)
{
	static const struct {
		const char *text;
		size_t len;	/* 0: strlen(text) */
		int err;
		u32 rid;
	} cases[] = {
		{ "low", 0, 0, WINSEC_LEVEL_LOW },
		{ "UNTRUSTED", 0, 0, WINSEC_LEVEL_UNTRUSTED },
		{ "Medium Plus", 0, 0, WINSEC_LEVEL_MEDIUM_PLUS },
		{ "mediumplus", 0, 0, WINSEC_LEVEL_MEDIUM_PLUS },
		{ "medium-PLUS", 0, 0, WINSEC_LEVEL_MEDIUM_PLUS },
		{ "system\n", 0, 0, WINSEC_LEVEL_SYSTEM },
		{ "high", 5, 0, WINSEC_LEVEL_HIGH },	/* with its NUL */
		{ "highest", 4, 0, WINSEC_LEVEL_HIGH },	/* a prefix by length */
		{ "s-1-16-4096", 0, 0, WINSEC_LEVEL_LOW },
		{ "S-1-16-4294967295", 0, 0, 0xffffffff },
		{ "S-1-16-4294967296", 0, -EINVAL, 0 },
		{ "S-1-16-", 0, -EINVAL, 0 },
		{ "S-1-16-0x1000", 0, -EINVAL, 0 },
		{ "S-1-16-+1", 0, -EINVAL, 0 },
		{ "S-1-5-18", 0, -EINVAL, 0 },
		{ "medium plus", 0, 0, WINSEC_LEVEL_MEDIUM_PLUS },
		{ "medium_plus", 0, -EINVAL, 0 },
		{ "lo", 0, -EINVAL, 0 },
		{ "low ", 0, -EINVAL, 0 },
		{ "lo\0w", 4, -EINVAL, 0 },
		{ "\n", 0, -EINVAL, 0 },
		{ "", 0, -EINVAL, 0 },
	};
	static char msg[96];
	char buf[WINSEC_LEVEL_TEXT_MAX];
	size_t i, len;
	u32 rid;
	int err;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		len = cases[i].len ? cases[i].len : strlen(cases[i].text);
		rid = 0x5a5a;
		err = winsec_level_parse(cases[i].text, len, &rid);
		if (err != cases[i].err ||
		    rid != (err ? 0x5a5a : cases[i].rid)) {
			snprintf(msg, sizeof(msg), "parse \"%.*s\": %d, 0x%x",
				 (int)len, cases[i].text, err, rid);
			return msg;
		}
	}
	if (winsec_level_format(WINSEC_LEVEL_MEDIUM_PLUS, buf, sizeof(buf)) !=
	    11 || strcmp(buf, "medium-plus"))
		return "format of Medium Plus";
	winsec_level_format(0x1234, buf, sizeof(buf));
	if (strcmp(buf, "S-1-16-4660"))
		return "format of an unnamed level";
	winsec_level_format(0xffffffff, buf, sizeof(buf));
	if (winsec_level_parse(buf, strlen(buf), &rid) || rid != 0xffffffff)
		return "the longest level does not round-trip";
	if (strcmp(winsec_level_title(WINSEC_LEVEL_MEDIUM_PLUS), "Medium Plus") ||
	    strcmp(winsec_level_name(WINSEC_LEVEL_UNTRUSTED), "untrusted") ||
	    winsec_level_name(WINSEC_LEVEL_PROTECTED) ||
	    winsec_level_title(0x2001))
		return "level names and titles";
	return NULL;
}

int main(void)
{
	static u8 buf1[SD_TEST_BUF], buf2[SD_TEST_BUF];
	static u8 bbuf[512];
	size_t i;

	printf("TAP version 13\n1..%zu\n", ARRAY_SIZE(winsec_sd_cases) + 4);
	for (i = 0; i < ARRAY_SIZE(winsec_sd_cases); i++)
		report(winsec_sd_cases[i].name,
		       sd_test_case(&winsec_sd_cases[i], buf1, buf2));
	report("descriptor size limit", too_large());
	report("SID comparison", sd_test_sid_compare());
	report("ACL builder", sd_test_builder(bbuf, sizeof(bbuf)));
	report("integrity level names", level_names());
	printf("RESULT %d %d\n", passed, failed);
	return failed ? 1 : 0;
}
