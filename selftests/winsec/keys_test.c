// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - keys: a key carries the level of the task that
 * created it, or the level of the label of that task's creator
 * descriptor, and is labelled no-write-up and no-read-up. A lower task
 * can neither read, search, update, link, unlink, set the permissions of
 * nor revoke a higher key, even one of its own user (EACCES); describing
 * it stays allowed.
 */

#include "desc.h"

#include <linux/keyctl.h>

#ifndef __NR_add_key
#define __NR_add_key 248
#endif
#ifndef __NR_keyctl
#define __NR_keyctl 250
#endif

/* Possessor and user: every permission (view, read, write, ...). */
#define KEY_ALL_PERM	0x3f3f0000

static long keyctl(int cmd, unsigned long a2, unsigned long a3,
		   unsigned long a4, unsigned long a5)
{
	return syscall(__NR_keyctl, cmd, a2, a3, a4, a5);
}

static __s32 add_key(const char *desc, const char *data)
{
	return syscall(__NR_add_key, "user", desc, data, strlen(data),
		       KEY_SPEC_SESSION_KEYRING);
}

/* 0, or the errno of a keyctl() call. */
static int kerr(long rc)
{
	return rc < 0 ? errno : 0;
}

/* Read key @id into @buf (NUL-terminated); 0 or the errno. */
static int read_key(__s32 id, char *buf, size_t size)
{
	long n = keyctl(KEYCTL_READ, id, (unsigned long)buf, size - 1, 0);

	if (n < 0)
		return errno;
	buf[n < (long)size ? n : (long)size - 1] = '\0';
	return 0;
}

/* What each step gave: 0 or an errno. */
struct key_results {
	int setup;		/* 0, or the step that failed */
	/* Low on the Medium key */
	int read_high, update_high, setperm_high, link_high, unlink_high;
	int search_high, revoke_high, describe_high;
	/* Low on the Low key and the Low session keyring */
	int read_low, update_low, link_low, search_low;
	/* Medium, afterwards */
	int parent_read_high, parent_read_low, parent_update_high;
	char high_data[32], low_data[32];
};

/* At Low, use the Medium key @high and the Low key @lowkey of @ring. */
static void low_uses_keys(struct key_results *r, __s32 ring, __s32 high,
			  __s32 lowkey)
{
	char buf[64];

	r->read_high = read_key(high, buf, sizeof(buf));
	r->update_high = kerr(keyctl(KEYCTL_UPDATE, high, (unsigned long)"low",
				     3, 0));
	r->setperm_high = kerr(keyctl(KEYCTL_SETPERM, high, KEY_ALL_PERM, 0,
				      0));
	r->link_high = kerr(keyctl(KEYCTL_LINK, high, ring, 0, 0));
	r->unlink_high = kerr(keyctl(KEYCTL_UNLINK, high, ring, 0, 0));
	r->search_high = kerr(keyctl(KEYCTL_SEARCH, ring,
				     (unsigned long)"user",
				     (unsigned long)"secret", 0));
	r->describe_high = kerr(keyctl(KEYCTL_DESCRIBE, high,
				       (unsigned long)buf, sizeof(buf), 0));
	r->revoke_high = kerr(keyctl(KEYCTL_REVOKE, high, 0, 0, 0));

	r->read_low = read_key(lowkey, buf, sizeof(buf));
	r->update_low = kerr(keyctl(KEYCTL_UPDATE, lowkey,
				    (unsigned long)"by-low", 6, 0));
	r->link_low = kerr(keyctl(KEYCTL_LINK, lowkey, ring, 0, 0));
	errno = 0;
	if (keyctl(KEYCTL_SEARCH, ring, (unsigned long)"user",
		   (unsigned long)"lowkey", 0) == lowkey)
		r->search_low = 0;
	else
		r->search_low = errno ? errno : -1;
}

struct key_use {
	struct key_results *r;
	__s32 ring, high, lowkey;
};

static int low_uses_keys_call(const void *p)
{
	const struct key_use *u = p;

	low_uses_keys(u->r, u->ring, u->high, u->lowkey);
	return 0;
}

/*
 * As alice at Medium: a session keyring and a key made under a Low
 * creator descriptor (so both are Low), and a key made without it
 * (Medium). Every permission is granted to the user, so that winsec
 * alone decides. A child at Low, which keeps the session keyring, then
 * uses both keys.
 */
static int run_keys(struct key_results *r, const struct sdbuf *low)
{
	__s32 ring, high, lowkey;
	int rc;

	if (set_attr(LSM_ATTR_FSCREATE, low->b, low->len))
		return 2;
	ring = keyctl(KEYCTL_JOIN_SESSION_KEYRING, 0, 0, 0, 0);
	lowkey = add_key("lowkey", "low-data");
	if (ring < 0 || lowkey < 0)
		return 3;
	/* A NUL clears the creator descriptor. */
	if (set_attr(LSM_ATTR_FSCREATE, "", 1))
		return 4;
	high = add_key("secret", "medium-data");
	if (high < 0)
		return 5;
	if (keyctl(KEYCTL_SETPERM, high, KEY_ALL_PERM, 0, 0) ||
	    keyctl(KEYCTL_SETPERM, lowkey, KEY_ALL_PERM, 0, 0) ||
	    keyctl(KEYCTL_SETPERM, ring, KEY_ALL_PERM, 0, 0))
		return 6;

	/* alice cannot change her groups again: only the level changes. */
	rc = run_as(SUBJECT(KEEP_USER, "low", 0), low_uses_keys_call,
		    &(struct key_use){ r, ring, high, lowkey });
	if (rc)
		return 7;

	r->parent_read_high = read_key(high, r->high_data,
				       sizeof(r->high_data));
	r->parent_read_low = read_key(lowkey, r->low_data,
				      sizeof(r->low_data));
	r->parent_update_high = kerr(keyctl(KEYCTL_UPDATE, high,
					    (unsigned long)"medium-2", 8, 0));
	return 0;
}

FIXTURE(keys) {};

FIXTURE_SETUP(keys)
{
	if (!winsec_active())
		SKIP(return, "winsec is not active");
	if (access("/proc/keys", F_OK))
		SKIP(return, "the kernel has no keys");
}

FIXTURE_TEARDOWN(keys)
{
}

struct keys_run {
	struct key_results *r;
	const struct sdbuf *low;
};

static int run_keys_call(const void *p)
{
	const struct keys_run *k = p;

	return run_keys(k->r, k->low);
}

TEST_F(keys, low_cannot_use_a_medium_key)
{
	struct sdbuf low = SD("S:(ML;;NW;;;LW)");
	struct key_results *r;

	r = mmap(NULL, sizeof(*r), PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, r);
	memset(r, 0xff, sizeof(*r));
	r->setup = run_as(SUBJECT(ALICE, "medium", 0), run_keys_call,
			  &(struct keys_run){ r, &low });
	ASSERT_EQ(0, r->setup);

	/* The Medium key, from Low: refused, even to its own user. */
	EXPECT_EQ(EACCES, r->read_high);
	EXPECT_EQ(EACCES, r->update_high);
	EXPECT_EQ(EACCES, r->setperm_high);
	EXPECT_EQ(EACCES, r->link_high);
	EXPECT_EQ(EACCES, r->unlink_high);
	EXPECT_EQ(EACCES, r->search_high);
	EXPECT_EQ(EACCES, r->revoke_high);
	/* Control: viewing its description is allowed. */
	EXPECT_EQ(0, r->describe_high);

	/* Controls: the Low key and keyring are Low's to use. */
	EXPECT_EQ(0, r->read_low);
	EXPECT_EQ(0, r->update_low);
	EXPECT_EQ(0, r->link_low);
	EXPECT_EQ(0, r->search_low);

	/* The Medium parent reads both: the Medium key is unchanged. */
	EXPECT_EQ(0, r->parent_read_high);
	EXPECT_STREQ("medium-data", r->high_data);
	EXPECT_EQ(0, r->parent_read_low);
	EXPECT_STREQ("by-low", r->low_data);
	EXPECT_EQ(0, r->parent_update_high);
	munmap(r, sizeof(*r));
}

static int do_low_adds_a_key(const void *p)
{
	bool own = *(const bool *)p;
	__s32 ring;

	ring = keyctl(KEYCTL_JOIN_SESSION_KEYRING, 0, 0, 0, 0);
	if (ring < 0 ||
	    keyctl(KEYCTL_SETPERM, ring, KEY_ALL_PERM, 0, 0))
		return PREP_FAILED + errno;
	if (set_level("low"))
		return PREP_FAILED + errno;
	if (own && keyctl(KEYCTL_JOIN_SESSION_KEYRING, 0, 0, 0, 0) < 0)
		return PREP_FAILED + errno;
	return add_key("k", "x") < 0 ? errno : 0;
}

/*
 * As alice at Medium, start a session keyring (Medium) open to her user,
 * go down to Low, and add a key to the session keyring, after starting a
 * new one at Low when @own. Returns 0 or the errno of add_key.
 */
static int low_adds_a_key(bool own)
{
	return run_as(SUBJECT(ALICE, "medium", 0), do_low_adds_a_key, &own);
}

/*
 * Adding a key writes the keyring: Low cannot add one to a Medium
 * keyring; a keyring Low made itself is Low, and it may.
 */
TEST_F(keys, a_keyring_takes_the_level_of_its_creator)
{
	EXPECT_EQ(EACCES, low_adds_a_key(false));
	EXPECT_EQ(0, low_adds_a_key(true));
}

TEST_HARNESS_MAIN
