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
 * access_props.h on generated descriptors. Last, a userspace-only
 * differential test of the Unix fast paths of the access check (see
 * unix_paths_agree()).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/access_cases.h"
#include "tests/inherit_cases.h"
#include "tests/access_props.h"

static int passed, failed;

/*
 * The differential test of the Unix fast paths: a token made from Unix
 * credentials (uid, gid, sorted groups: the filters and fast walks of
 * access.c and match.h) and the same token as a list of SIDs (the general
 * path, one SID comparison at a time) must reach the same decision on
 * every descriptor. The descriptors favour what the fast paths look at:
 * Unix user and group ACEs, ids that share the token's ids modulo 64,
 * groups in and out of the token's range, group sets spanning less than
 * 64 ids, 64 to 66 ids or more, more than 64 groups, generic and inherit-only ACEs, and some other
 * trustees in between.
 */
#define UP_ROUNDS	20000
#define UP_MAX_GROUPS	100
#define UP_MAX_ACES	40

struct up_work {
	u32 groups[UP_MAX_GROUPS];
	struct winsec_sid_buf sids[UP_MAX_GROUPS + 2];
	const struct winsec_sid *sidp[UP_MAX_GROUPS + 2];
	u8 acl[WINSEC_ACL_MAX_SIZE];
	u8 sd[WINSEC_SD_MAX_SIZE];
};

static u32 up_rand(u32 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static u32 up_pick(u32 *s, u32 n)
{
	return up_rand(s) % n;
}

/* An id near one of the token's, or sharing one's residue modulo 64. */
static u32 up_near(u32 *s, const struct winsec_token *t)
{
	u32 base = t->ngroups && up_pick(s, 4) ? t->groups[up_pick(s, t->ngroups)] :
		   up_pick(s, 2) ? t->uid : t->gid;

	switch (up_pick(s, 5)) {
	case 0:
		return base;
	case 1:
		return base + 64 * (1 + up_pick(s, 3));
	case 2:
		return base - 64 * (1 + up_pick(s, 3));
	case 3:
		return base + up_pick(s, 7) - 3;
	}
	return up_rand(s);
}

static void up_trustee(u32 *s, const struct winsec_token *t,
		       struct winsec_sid_buf *b)
{
	u32 r = up_pick(s, 20), sub[3];

	if (r < 11) {
		winsec_sid_unix_group(b, up_near(s, t));
	} else if (r < 15) {
		winsec_sid_unix_user(b, up_near(s, t));
	} else if (r == 15) {
		*b = winsec_sid_everyone;
	} else if (r == 16) {
		*b = winsec_sid_owner_rights;
	} else if (r == 17) {
		*b = winsec_sid_admins;
	} else if (r == 18) {
		/* S-1-22-<3..4>-<id>: a Unix form the token never holds. */
		sub[0] = 3 + up_pick(s, 2);
		sub[1] = up_near(s, t);
		winsec_sid_build(b, WINSEC_AUTH_UNIX, 2, sub);
	} else {
		/* Three sub-authorities under S-1-22: not a Unix SID. */
		sub[0] = WINSEC_UNIX_GROUP_RID;
		sub[1] = up_near(s, t);
		sub[2] = 0;
		winsec_sid_build(b, WINSEC_AUTH_UNIX, 3, sub);
	}
}

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

static void up_token(u32 *s, struct up_work *w, struct winsec_token *t)
{
	static const u32 counts[] = { 0, 1, 2, 4, 8, 32, 63, 64, 65, 100 };
	/* Spans: within 64 where possible, 64 to 66 (the edge), any. */
	static const u32 spans[] = { 64, 67, 5000 };
	u32 n = counts[up_pick(s, ARRAY_SIZE(counts))], base, i, k;
	u32 span = spans[up_pick(s, ARRAY_SIZE(spans))];

	memset(t, 0, sizeof(*t));
	t->flags = WINSEC_TOKEN_UNIX | WINSEC_TOKEN_EVERYONE |
		   WINSEC_TOKEN_USERS | WINSEC_TOKEN_AUTHENTICATED;
	t->uid = 1000 + up_pick(s, 200);
	t->gid = up_pick(s, 2) ? t->uid : 100 + up_pick(s, 2000);
	t->level = WINSEC_LEVEL_MEDIUM;
	t->policy = WINSEC_POLICY_DEFAULT;
	base = 100 + up_pick(s, 3000);
	if (n > span)
		span = 5000;
	for (i = 0; i < n; i++) {
		do {
			w->groups[i] = base + up_pick(s, span);
			for (k = 0; k < i && w->groups[k] != w->groups[i]; k++)
				;
		} while (k < i);
	}
	qsort(w->groups, n, sizeof(w->groups[0]), cmp_u32);
	t->groups = w->groups;
	t->ngroups = n;
}

/* The same token as a list of SIDs: user, primary group, groups. */
static void up_sid_token(struct up_work *w, const struct winsec_token *u,
			 struct winsec_token *t)
{
	u32 i;

	*t = *u;
	t->flags &= ~WINSEC_TOKEN_UNIX;
	t->groups = NULL;
	t->ngroups = 0;
	winsec_sid_unix_user(&w->sids[0], u->uid);
	winsec_sid_unix_group(&w->sids[1], u->gid);
	for (i = 0; i < u->ngroups; i++)
		winsec_sid_unix_group(&w->sids[i + 2], u->groups[i]);
	for (i = 0; i < u->ngroups + 2; i++)
		w->sidp[i] = winsec_sid_of(&w->sids[i]);
	t->sids = w->sidp;
	t->nsids = u->ngroups + 2;
}

static const char *up_one(u32 *s, struct up_work *w, char *msg)
{
	static const u32 rights[] = {
		WINSEC_FILE_READ_DATA, WINSEC_FILE_WRITE_DATA,
		WINSEC_FILE_APPEND_DATA, WINSEC_FILE_EXECUTE,
		WINSEC_READ_CONTROL, WINSEC_WRITE_DAC, WINSEC_DELETE,
		WINSEC_GENERIC_READ, WINSEC_GENERIC_WRITE, WINSEC_GENERIC_ALL,
	};
	struct winsec_token ut, st;
	struct winsec_acl_builder b;
	struct winsec_sid_buf sid, owner;
	const struct winsec_acl *acl;
	struct winsec_sd view = { 0 }, sd;
	u32 n, i, len;

	up_token(s, w, &ut);
	up_sid_token(w, &ut, &st);
	winsec_acl_build_init(&b, w->acl, sizeof(w->acl));
	n = up_pick(s, UP_MAX_ACES + 1);
	for (i = 0; i < n; i++) {
		u8 type = up_pick(s, 3) ? WINSEC_ACE_ACCESS_ALLOWED :
			  WINSEC_ACE_ACCESS_DENIED;
		u8 flags = up_rand(s) & (WINSEC_ACE_OBJECT_INHERIT |
					 WINSEC_ACE_CONTAINER_INHERIT |
					 WINSEC_ACE_INHERITED);
		u32 mask = rights[up_pick(s, ARRAY_SIZE(rights))] |
			   rights[up_pick(s, ARRAY_SIZE(rights))];

		if (!up_pick(s, 8))
			flags |= WINSEC_ACE_INHERIT_ONLY;
		if (!up_pick(s, 16))
			mask = 0;
		up_trustee(s, &ut, &sid);
		winsec_acl_build_add(&b, type, flags, mask, winsec_sid_of(&sid));
	}
	if (winsec_acl_build_finish(&b, false, &acl))
		return "generated DACL refused";
	if (up_pick(s, 3))
		winsec_sid_unix_user(&owner, up_pick(s, 2) ? ut.uid : up_near(s, &ut));
	else
		winsec_sid_unix_group(&owner, up_near(s, &ut));
	view.owner = winsec_sid_of(&owner);
	view.group = winsec_sid_of(&owner);
	view.dacl = acl;
	view.control = WINSEC_SE_DACL_PRESENT;
	if (winsec_sd_serialize(&view, w->sd, sizeof(w->sd), &len) ||
	    winsec_sd_parse(w->sd, len, &sd, NULL))
		return "generated descriptor refused";
	for (i = 0; i < 4; i++) {
		struct winsec_decision du, ds;
		u32 want = i == 3 ? WINSEC_MAXIMUM_ALLOWED :
			   rights[up_pick(s, ARRAY_SIZE(rights))] |
			   (i ? rights[up_pick(s, ARRAY_SIZE(rights))] : 0);
		int ru = winsec_access_check(&sd, &ut, &winsec_file_mapping,
					     want, &du);
		int rs = winsec_access_check(&sd, &st, &winsec_file_mapping,
					     want, &ds);

		if (ru != rs || du.granted != ds.granted ||
		    du.reason != ds.reason || du.ace_index != ds.ace_index ||
		    du.missing != ds.missing) {
			snprintf(msg, WT_MSG,
				 "request %#x, %u ACEs, %u groups: Unix token %d %#x reason %d index %d, SID list %d %#x reason %d index %d",
				 want, n, ut.ngroups, ru, du.granted, du.reason,
				 du.ace_index, rs, ds.granted, ds.reason,
				 ds.ace_index);
			return msg;
		}
	}
	return NULL;
}

static const char *unix_paths_agree(char *msg)
{
	static struct up_work w;
	u32 state = 0x5eed1e55, i;
	const char *err;

	for (i = 0; i < UP_ROUNDS; i++) {
		err = up_one(&state, &w, msg);
		if (err)
			return err;
	}
	return NULL;
}

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
	report("property", "Unix tokens and SID-list tokens decide alike",
	       unix_paths_agree(msg));
	printf("1..%d\n", passed + failed);
	printf("RESULT %d %d\n", passed, failed);
	return failed ? 1 : 0;
}
