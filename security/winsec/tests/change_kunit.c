// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the rule for replacing a descriptor (change.c): which
 * rights a replacement needs on the current descriptor, and which
 * privileges its new values need, for files and IPC objects alike.
 */

#include <kunit/test.h>
#include <linux/string.h>

#include "../change.h"
#include "../label.h"

#define ALICE	1000
#define BOB	1001

/* Parts of a test descriptor. */
#define D_NONE		0	/* no DACL */
#define D_ALL		1	/* Everyone: GENERIC_ALL */
#define D_READ		2	/* Everyone: GENERIC_READ */

/**
 * struct sd_spec - a descriptor to build
 * @present: false for "no descriptor at all"
 * @owner: owner uid, or -1 for none (the Unix owner stands for it)
 * @dacl: D_* value
 * @labels: integrity levels of up to two label ACEs (NW), 0 ends the list
 * @audit: whether the SACL holds an audit ACE
 */
struct sd_spec {
	bool present;
	int owner;
	int dacl;
	u32 labels[2];
	bool audit;
};

struct sd_store {
	u8 dacl[64];
	u8 sacl[128];
	u8 bytes[256];
	struct winsec_sid_buf owner;
	struct winsec_sd sd;
};

/* Build @spec in @st. Return: the view, or NULL for "no descriptor". */
static const struct winsec_sd *build(struct kunit *test,
				     const struct sd_spec *spec,
				     struct sd_store *st)
{
	struct winsec_sd out = { .control = WINSEC_SE_SELF_RELATIVE };
	struct winsec_acl_builder b;
	struct winsec_sid_buf level;
	unsigned int i;
	u32 len;

	if (!spec->present)
		return NULL;
	if (spec->owner >= 0) {
		winsec_sid_unix_user(&st->owner, spec->owner);
		out.owner = winsec_sid_of(&st->owner);
	}
	if (spec->dacl != D_NONE) {
		winsec_acl_build_init(&b, st->dacl, sizeof(st->dacl));
		winsec_acl_build_add(&b, WINSEC_ACE_ACCESS_ALLOWED, 0,
				     spec->dacl == D_ALL ? WINSEC_GENERIC_ALL :
							   WINSEC_GENERIC_READ,
				     winsec_sid_of(&winsec_sid_everyone));
		KUNIT_ASSERT_EQ(test, 0,
				winsec_acl_build_finish(&b, false, &out.dacl));
		out.control |= WINSEC_SE_DACL_PRESENT;
	}
	winsec_acl_build_init(&b, st->sacl, sizeof(st->sacl));
	for (i = 0; i < ARRAY_SIZE(spec->labels) && spec->labels[i]; i++) {
		winsec_sid_level(&level, spec->labels[i]);
		winsec_acl_build_add(&b, WINSEC_ACE_SYSTEM_MANDATORY_LABEL, 0,
				     WINSEC_LABEL_NO_WRITE_UP,
				     winsec_sid_of(&level));
	}
	if (spec->audit)
		winsec_acl_build_add(&b, WINSEC_ACE_SYSTEM_AUDIT,
				     WINSEC_ACE_SUCCESSFUL_ACCESS,
				     WINSEC_GENERIC_ALL,
				     winsec_sid_of(&winsec_sid_everyone));
	if (b.count) {
		KUNIT_ASSERT_EQ(test, 0,
				winsec_acl_build_finish(&b, true, &out.sacl));
		out.control |= WINSEC_SE_SACL_PRESENT;
	}
	KUNIT_ASSERT_EQ(test, 0, winsec_sd_serialize(&out, st->bytes,
						     sizeof(st->bytes), &len));
	KUNIT_ASSERT_EQ(test, 0, winsec_sd_parse(st->bytes, len, &st->sd,
						 NULL));
	return &st->sd;
}

#define NONE	{ .present = false }
#define SD(o, d, l1, l2, a) \
	{ .present = true, .owner = (o), .dacl = (d), .labels = { l1, l2 }, \
	  .audit = (a) }
#define ME	WINSEC_LEVEL_MEDIUM
#define LW	WINSEC_LEVEL_LOW
#define HI	WINSEC_LEVEL_HIGH

/**
 * struct change_case - one replacement
 * @name: what it shows
 * @old: the current descriptor
 * @new: the new one
 * @desired: the rights it needs on @old
 * @flags: the WINSEC_CHANGE_* bits it sets
 * @level: the caller's level
 * @privileges: the caller's privileges
 * @implicit: the object's implicit level
 * @permitted: what winsec_change_permitted() returns
 */
struct change_case {
	const char *name;
	struct sd_spec old, new;
	u32 desired, flags;
	u32 level, privileges, implicit;
	int permitted;
};

static const struct change_case change_cases[] = {
	{ "same descriptor again", SD(ALICE, D_ALL, ME, 0, false),
	  SD(ALICE, D_ALL, ME, 0, false), WINSEC_WRITE_DAC, 0, ME, 0, ME, 0 },
	{ "a new DACL", SD(ALICE, D_ALL, 0, 0, false),
	  SD(ALICE, D_READ, 0, 0, false), WINSEC_WRITE_DAC, 0, ME, 0, ME, 0 },
	{ "a new owner, the caller", SD(BOB, D_ALL, 0, 0, false),
	  SD(ALICE, D_ALL, 0, 0, false), WINSEC_WRITE_OWNER,
	  WINSEC_CHANGE_OWNER, ME, 0, ME, 0 },
	{ "a new owner, someone else", SD(ALICE, D_ALL, 0, 0, false),
	  SD(BOB, D_ALL, 0, 0, false), WINSEC_WRITE_OWNER,
	  WINSEC_CHANGE_OWNER, ME, 0, ME, -EPERM },
	{ "someone else, with SeRestorePrivilege",
	  SD(ALICE, D_ALL, 0, 0, false), SD(BOB, D_ALL, 0, 0, false),
	  WINSEC_WRITE_OWNER, WINSEC_CHANGE_OWNER, ME, WINSEC_PRIV_RESTORE,
	  ME, 0 },
	{ "the Unix owner written out", SD(-1, D_ALL, 0, 0, false),
	  SD(ALICE, D_ALL, 0, 0, false), WINSEC_WRITE_DAC, 0, ME, 0, ME, 0 },
	{ "a label at the caller's level", SD(ALICE, D_ALL, 0, 0, false),
	  SD(ALICE, D_ALL, ME, 0, false), WINSEC_WRITE_OWNER,
	  WINSEC_CHANGE_LABEL, ME, 0, ME, 0 },
	{ "a label above the caller", SD(ALICE, D_ALL, ME, 0, false),
	  SD(ALICE, D_ALL, HI, 0, false), WINSEC_WRITE_OWNER,
	  WINSEC_CHANGE_LABEL, ME, 0, ME, -EPERM },
	{ "above, with SeRelabelPrivilege", SD(ALICE, D_ALL, ME, 0, false),
	  SD(ALICE, D_ALL, HI, 0, false), WINSEC_WRITE_OWNER,
	  WINSEC_CHANGE_LABEL, ME, WINSEC_PRIV_RELABEL, ME, 0 },
	{ "a second, High label appended", SD(ALICE, D_ALL, ME, 0, false),
	  SD(ALICE, D_ALL, ME, HI, false), WINSEC_WRITE_OWNER,
	  WINSEC_CHANGE_LABEL, ME, 0, ME, -EPERM },
	{ "a second, Low label appended", SD(ALICE, D_ALL, ME, 0, false),
	  SD(ALICE, D_ALL, ME, LW, false), WINSEC_WRITE_OWNER,
	  WINSEC_CHANGE_LABEL, ME, 0, ME, 0 },
	{ "a Low caller drops its Low label", SD(ALICE, D_ALL, LW, 0, false),
	  SD(ALICE, D_ALL, 0, 0, false), WINSEC_WRITE_OWNER,
	  WINSEC_CHANGE_LABEL, LW, 0, ME, -EPERM },
	/* A SACL that appears or goes changes the SACL control too. */
	{ "an audit ACE added", SD(ALICE, D_ALL, 0, 0, false),
	  SD(ALICE, D_ALL, 0, 0, true),
	  WINSEC_WRITE_OWNER | WINSEC_ACCESS_SYSTEM_SECURITY,
	  WINSEC_CHANGE_LABEL, ME, 0, ME, -EPERM },
	{ "an audit ACE, with SeSecurityPrivilege",
	  SD(ALICE, D_ALL, 0, 0, false), SD(ALICE, D_ALL, 0, 0, true),
	  WINSEC_WRITE_OWNER | WINSEC_ACCESS_SYSTEM_SECURITY,
	  WINSEC_CHANGE_LABEL, ME, WINSEC_PRIV_SECURITY, ME, 0 },
	{ "an audit ACE next to a label", SD(ALICE, D_ALL, ME, 0, false),
	  SD(ALICE, D_ALL, ME, 0, true), WINSEC_ACCESS_SYSTEM_SECURITY, 0,
	  ME, 0, ME, -EPERM },
	{ "an audit ACE removed, the label kept", SD(ALICE, D_ALL, ME, 0, true),
	  SD(ALICE, D_ALL, ME, 0, false), WINSEC_ACCESS_SYSTEM_SECURITY, 0,
	  ME, 0, ME, 0 },
	{ "a first descriptor", NONE, SD(-1, D_ALL, 0, 0, false),
	  WINSEC_WRITE_DAC, 0, ME, 0, ME, 0 },
	{ "removed by a Medium caller", SD(ALICE, D_ALL, ME, 0, false), NONE,
	  WINSEC_WRITE_DAC | WINSEC_WRITE_OWNER,
	  WINSEC_CHANGE_REMOVE | WINSEC_CHANGE_LABEL, ME, 0, ME, 0 },
	{ "removed by a Low caller", SD(ALICE, D_ALL, LW, 0, false), NONE,
	  WINSEC_WRITE_DAC | WINSEC_WRITE_OWNER,
	  WINSEC_CHANGE_REMOVE | WINSEC_CHANGE_LABEL, LW, 0, ME, -EPERM },
	{ "removed by Low, implicitly Low", SD(ALICE, D_ALL, LW, 0, false),
	  NONE, WINSEC_WRITE_DAC | WINSEC_WRITE_OWNER,
	  WINSEC_CHANGE_REMOVE | WINSEC_CHANGE_LABEL, LW, 0, LW, 0 },
	{ "removed with its audit ACE", SD(ALICE, D_ALL, 0, 0, true), NONE,
	  WINSEC_WRITE_DAC | WINSEC_WRITE_OWNER |
	  WINSEC_ACCESS_SYSTEM_SECURITY,
	  WINSEC_CHANGE_REMOVE | WINSEC_CHANGE_LABEL, ME, 0, ME, 0 },
};

static void change_case_desc(const struct change_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(change, change_cases, change_case_desc);

static void test_change(struct kunit *test)
{
	const struct change_case *c = test->param_value;
	struct sd_store *o = kunit_kzalloc(test, sizeof(*o), GFP_KERNEL);
	struct sd_store *n = kunit_kzalloc(test, sizeof(*n), GFP_KERNEL);
	struct winsec_sid_buf owner, group;
	const struct winsec_sd *old, *new;
	struct winsec_change change;
	struct winsec_token tok = {
		.flags = WINSEC_TOKEN_UNIX | WINSEC_TOKEN_EVERYONE,
		.uid = ALICE,
		.gid = ALICE,
		.level = c->level,
		.policy = WINSEC_POLICY_DEFAULT,
		.privileges = c->privileges,
	};

	KUNIT_ASSERT_NOT_NULL(test, o);
	KUNIT_ASSERT_NOT_NULL(test, n);
	old = build(test, &c->old, o);
	new = build(test, &c->new, n);
	winsec_sid_unix_user(&owner, ALICE);
	winsec_sid_unix_group(&group, ALICE);
	winsec_change_describe(old, new, winsec_sid_of(&owner),
			       winsec_sid_of(&group), &change);
	KUNIT_EXPECT_EQ(test, c->desired, change.desired);
	KUNIT_EXPECT_EQ(test, c->flags, change.flags);
	KUNIT_EXPECT_EQ(test, c->permitted,
			winsec_change_permitted(&tok, new, c->implicit,
						&change));
}

/* A creator descriptor: its labels count, not the implicit Medium one. */
static void test_creator(struct kunit *test)
{
	static const struct sd_spec low = SD(-1, D_ALL, 0, 0, false);
	static const struct sd_spec high = SD(-1, D_ALL, HI, 0, false);
	static const struct winsec_change creator = {
		.flags = WINSEC_CHANGE_CREATOR | WINSEC_CHANGE_LABEL |
			 WINSEC_CHANGE_OWNER,
	};
	struct sd_store *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	struct winsec_token tok = {
		.flags = WINSEC_TOKEN_UNIX,
		.uid = ALICE,
		.level = LW,
	};
	const struct winsec_sd *sd;

	KUNIT_ASSERT_NOT_NULL(test, st);
	sd = build(test, &low, st);
	KUNIT_EXPECT_EQ(test, 0, winsec_change_permitted(&tok, sd, ME,
							 &creator));
	sd = build(test, &high, st);
	KUNIT_EXPECT_EQ(test, -EPERM, winsec_change_permitted(&tok, sd, ME,
							      &creator));
}

static struct kunit_case winsec_change_test_cases[] = {
	KUNIT_CASE_PARAM(test_change, change_gen_params),
	KUNIT_CASE(test_creator),
	{}
};

static struct kunit_suite winsec_change_test_suite = {
	.name = "winsec_change",
	.test_cases = winsec_change_test_cases,
};

kunit_test_suite(winsec_change_test_suite);
