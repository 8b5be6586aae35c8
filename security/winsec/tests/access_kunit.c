// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - KUnit tests of the access check
 *
 * The cases are shared with the userspace runner
 * (tools/testing/winsec/access): each case of access_cases.h, the
 * invariants on variants of it, the label policy table for files, and the
 * agreement of MAXIMUM_ALLOWED with single requests on generated
 * descriptors (access_props.h).
 */

#include <kunit/test.h>
#include <linux/string.h>

#include "access_cases.h"
#include "access_props.h"

static void access_case_to_desc(const struct wt_access_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(winsec_access, winsec_access_cases, access_case_to_desc);

static void label_row_to_desc(const struct wt_label_row *r, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "label policy %#x", r->policy);
}

KUNIT_ARRAY_PARAM(winsec_label, wt_label_table, label_row_to_desc);

struct access_bufs {
	u8 sd[WT_SD_BUF];
	char msg[WT_MSG];
	struct wt_prop_work work;
};

static struct access_bufs *get_bufs(struct kunit *test)
{
	struct access_bufs *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	return b;
}

static void test_access_case(struct kunit *test)
{
	const struct wt_access_case *c = test->param_value;
	struct access_bufs *b = get_bufs(test);
	const char *err = wt_access_case(c, b->sd, b->msg);

	KUNIT_EXPECT_FALSE_MSG(test, err, "%s: %s", c->name, err);
}

static void test_inherit_only_never_applies(struct kunit *test)
{
	const struct wt_access_case *c = test->param_value;
	struct access_bufs *b = get_bufs(test);
	const char *err = wt_access_inherit_only(c, b->sd, b->msg);

	KUNIT_EXPECT_FALSE_MSG(test, err, "%s: %s", c->name, err);
}

static void test_after_decision_point(struct kunit *test)
{
	const struct wt_access_case *c = test->param_value;
	struct access_bufs *b = get_bufs(test);
	const char *err = wt_access_after_decision(c, b->sd, b->msg);

	KUNIT_EXPECT_FALSE_MSG(test, err, "%s: %s", c->name, err);
}

static void test_label_table(struct kunit *test)
{
	const struct wt_label_row *r = test->param_value;
	struct access_bufs *b = get_bufs(test);
	const char *err = wt_label_row_check(r, b->sd, b->msg);

	KUNIT_EXPECT_FALSE_MSG(test, err, "policy %#x: %s", r->policy, err);
}

static void test_max_allowed_agrees(struct kunit *test)
{
	struct access_bufs *b = get_bufs(test);
	const char *err = wt_prop_access(&b->work, b->sd, b->msg);

	KUNIT_EXPECT_FALSE_MSG(test, err, "%s", err);
}

static struct kunit_case winsec_access_test_cases[] = {
	KUNIT_CASE_PARAM(test_access_case, winsec_access_gen_params),
	KUNIT_CASE_PARAM(test_inherit_only_never_applies, winsec_access_gen_params),
	KUNIT_CASE_PARAM(test_after_decision_point, winsec_access_gen_params),
	KUNIT_CASE_PARAM(test_label_table, winsec_label_gen_params),
	KUNIT_CASE(test_max_allowed_agrees),
	{}
};

static struct kunit_suite winsec_access_test_suite = {
	.name = "winsec_access",
	.test_cases = winsec_access_test_cases,
};

kunit_test_suite(winsec_access_test_suite);
