// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - KUnit tests of inheritance
 *
 * The cases are shared with the userspace runner
 * (tools/testing/winsec/access): each case of inherit_cases.h and the
 * worst-case bound, and the properties of access_props.h on generated
 * parents.
 */

#include <kunit/test.h>
#include <linux/string.h>

#include "access_props.h"
#include "inherit_cases.h"

/* Room for the largest bound of the cases (small descriptors). */
#define INHERIT_OUT_SIZE	(8 * 1024)

static void inherit_case_to_desc(const struct wt_inherit_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(winsec_inherit, winsec_inherit_cases, inherit_case_to_desc);

struct inherit_bufs {
	u8 out[INHERIT_OUT_SIZE];
	u8 sd1[WT_SD_BUF];
	u8 sd2[WT_SD_BUF];
	char msg[WT_MSG];
	struct wt_prop_work work;
};

static struct inherit_bufs *get_bufs(struct kunit *test)
{
	struct inherit_bufs *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	return b;
}

static void test_inherit_case(struct kunit *test)
{
	const struct wt_inherit_case *c = test->param_value;
	struct inherit_bufs *b = get_bufs(test);
	const char *err = wt_inherit_case(c, b->out, sizeof(b->out), b->sd1,
					  b->sd2, b->msg);

	KUNIT_EXPECT_FALSE_MSG(test, err, "%s: %s", c->name, err);
}

static void test_inherit_bound(struct kunit *test)
{
	struct inherit_bufs *b = get_bufs(test);
	const char *err = wt_inherit_bound_check(b->out, sizeof(b->out),
						 b->sd1, b->msg);

	KUNIT_EXPECT_FALSE_MSG(test, err, "%s", err);
}

static void test_inherit_properties(struct kunit *test)
{
	struct inherit_bufs *b = get_bufs(test);
	const char *err = wt_prop_inherit(&b->work, b->sd1, b->out,
					  sizeof(b->out), b->msg);

	KUNIT_EXPECT_FALSE_MSG(test, err, "%s", err);
}

static struct kunit_case winsec_inherit_test_cases[] = {
	KUNIT_CASE_PARAM(test_inherit_case, winsec_inherit_gen_params),
	KUNIT_CASE(test_inherit_bound),
	KUNIT_CASE(test_inherit_properties),
	{}
};

static struct kunit_suite winsec_inherit_test_suite = {
	.name = "winsec_inherit",
	.test_cases = winsec_inherit_test_cases,
};

kunit_test_suite(winsec_inherit_test_suite);
