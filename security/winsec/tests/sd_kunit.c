// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - KUnit tests of the SID helpers and the descriptor validator
 *
 * The cases are shared with the userspace runner (tools/testing/winsec/core).
 */

#include <kunit/test.h>
#include <linux/string.h>

#include "sd_test_common.h"

static void sd_case_to_desc(const struct winsec_sd_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(winsec_sd, winsec_sd_cases, sd_case_to_desc);

static void test_sd_case(struct kunit *test)
{
	const struct winsec_sd_case *c = test->param_value;
	u8 *buf1 = kunit_kzalloc(test, SD_TEST_BUF, GFP_KERNEL);
	u8 *buf2 = kunit_kzalloc(test, SD_TEST_BUF, GFP_KERNEL);
	const char *err;

	KUNIT_ASSERT_NOT_NULL(test, buf1);
	KUNIT_ASSERT_NOT_NULL(test, buf2);
	err = sd_test_case(c, buf1, buf2);
	KUNIT_EXPECT_FALSE_MSG(test, err, "%s: %s", c->name, err);
}

static void test_sd_too_large(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, WINSEC_SD_MAX_SIZE + 1, GFP_KERNEL);
	struct winsec_sd sd;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	buf[0] = WINSEC_SD_REVISION;
	buf[3] = WINSEC_SE_SELF_RELATIVE >> 8;
	KUNIT_EXPECT_EQ(test, winsec_sd_parse(buf, WINSEC_SD_MAX_SIZE, &sd, NULL), 0);
	KUNIT_EXPECT_EQ(test, winsec_sd_parse(buf, WINSEC_SD_MAX_SIZE + 1, &sd, NULL),
			-EINVAL);
}

static void test_sid_compare(struct kunit *test)
{
	const char *err = sd_test_sid_compare();

	KUNIT_EXPECT_FALSE_MSG(test, err, "%s", err);
}

static void test_acl_builder(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, 512, GFP_KERNEL);
	const char *err;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	err = sd_test_builder(buf, 512);
	KUNIT_EXPECT_FALSE_MSG(test, err, "%s", err);
}

static struct kunit_case winsec_sd_test_cases[] = {
	KUNIT_CASE_PARAM(test_sd_case, winsec_sd_gen_params),
	KUNIT_CASE(test_sd_too_large),
	KUNIT_CASE(test_sid_compare),
	KUNIT_CASE(test_acl_builder),
	{}
};

static struct kunit_suite winsec_sd_test_suite = {
	.name = "winsec_sd",
	.test_cases = winsec_sd_test_cases,
};

kunit_test_suite(winsec_sd_test_suite);
