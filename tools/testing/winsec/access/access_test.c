// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - userspace runner of the access-check and inheritance cases
 * shared with KUnit (security/winsec/tests/access_cases.h and
 * inherit_cases.h), printing TAP.
 *
 * For every access case: the case itself, then the invariants
 * "inherit-only ACEs never apply" and "nothing after the decision point
 * matters" on variants of it. Then the label policy table for files, the
 * inheritance cases and the inheritance bound, and the properties of
 * access_props.h on generated descriptors.
 */

#include <stdio.h>
#include <stdlib.h>

#include "tests/access_cases.h"
#include "tests/inherit_cases.h"
#include "tests/access_props.h"

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

int main(void)
{
	static u8 buf[WT_SD_BUF], buf2[WT_SD_BUF], out[4 * WINSEC_SD_MAX_SIZE];
	static char msg[WT_MSG];
	static struct wt_prop_work work;
	size_t i;

	printf("TAP version 13\n");
	for (i = 0; i < ARRAY_SIZE(winsec_access_cases); i++) {
		const struct wt_access_case *c = &winsec_access_cases[i];

		report("access", c->name, wt_access_case(c, buf, msg));
		report("inherit-only never applies", c->name,
		       wt_access_inherit_only(c, buf, msg));
		report("nothing after the decision matters", c->name,
		       wt_access_after_decision(c, buf, msg));
	}
	for (i = 0; i < ARRAY_SIZE(wt_label_table); i++) {
		char name[40];

		snprintf(name, sizeof(name), "policy %#x", wt_label_table[i].policy);
		report("label table for files", name,
		       wt_label_row_check(&wt_label_table[i], buf, msg));
	}
	for (i = 0; i < ARRAY_SIZE(winsec_inherit_cases); i++)
		report("inherit", winsec_inherit_cases[i].name,
		       wt_inherit_case(&winsec_inherit_cases[i], out,
				       sizeof(out), buf, buf2, msg));
	report("inherit", "worst-case bound",
	       wt_inherit_bound_check(out, sizeof(out), buf, msg));
	report("property", "MAXIMUM_ALLOWED and single requests agree",
	       wt_prop_access(&work, buf, msg));
	report("property", "inheritance results valid, resolved and capped",
	       wt_prop_inherit(&work, buf, out, sizeof(out), msg));
	printf("1..%d\n", passed + failed);
	printf("RESULT %d %d\n", passed, failed);
	return failed ? 1 : 0;
}
