// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - userspace runner of the validator cases shared with KUnit
 * (security/winsec/tests/sd_cases.h), printing TAP.
 */

#include <stdio.h>
#include <stdlib.h>

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

int main(void)
{
	static u8 buf1[SD_TEST_BUF], buf2[SD_TEST_BUF];
	static u8 bbuf[512];
	size_t i;

	printf("TAP version 13\n1..%zu\n", ARRAY_SIZE(winsec_sd_cases) + 3);
	for (i = 0; i < ARRAY_SIZE(winsec_sd_cases); i++)
		report(winsec_sd_cases[i].name,
		       sd_test_case(&winsec_sd_cases[i], buf1, buf2));
	report("descriptor size limit", too_large());
	report("SID comparison", sd_test_sid_compare());
	report("ACL builder", sd_test_builder(bbuf, sizeof(bbuf)));
	printf("RESULT %d %d\n", passed, failed);
	return failed ? 1 : 0;
}
