// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - POSIX message queues, shared memory and semaphores:
 * the levels and descriptors they get at creation, and the mutex story of
 * seed 000 for a message queue.
 */

#include "sysv.h"

#include <mqueue.h>
#include <semaphore.h>

static const char *const mq_names[] = {
	"/q1", "/q2", "/q3", "/story1", "/story2",
};

static void mq_remove_all(void)
{
	unsigned int i;

	set_enforce("0");
	for (i = 0; i < ARRAY_SIZE(mq_names); i++)
		mq_unlink(mq_names[i]);
	set_enforce("1");
}

FIXTURE(posix_ipc) {};

FIXTURE_SETUP(posix_ipc)
{
	ipc_setup(_metadata);
	mq_remove_all();
}

FIXTURE_TEARDOWN(posix_ipc)
{
	mq_remove_all();
}

/* --- message queues ----------------------------------------------------- */

struct mq_arg {
	const char *name;
	int flags;
	const char *fscreate;
};

/* Open (and create) a queue, send to it when opened for writing. */
static int do_mq(const void *p)
{
	const struct mq_arg *a = p;
	mqd_t q;
	int rc;

	rc = set_fscreate(a->fscreate);
	if (rc)
		return PREP_FAILED + rc;
	q = mq_open(a->name, a->flags, 0666, NULL);
	if (q == (mqd_t)-1)
		return errno;
	if ((a->flags & O_ACCMODE) != O_RDONLY &&
	    mq_send(q, "x", 1, 0) && errno != EAGAIN)
		return 100 + errno;
	mq_close(q);
	return 0;
}

/*
 * As @uid at @level, under the creator descriptor @fscreate when not NULL,
 * open @name with @flags: 0, the errno of mq_open, or 100 + the errno of
 * mq_send.
 */
static int mq_as(uid_t uid, const char *level, const char *fscreate,
		 const char *name, int flags)
{
	struct mq_arg a = { .name = name, .flags = flags,
			    .fscreate = fscreate };

	return run_as(SUBJECT(uid, level, 0), do_mq, &a);
}

TEST_F(posix_ipc, posix_mq_default_and_low_creator)
{
	/* A Medium creator: read-only for Low. */
	ASSERT_EQ(0, mq_as(ALICE, "medium", NULL, "/q1", O_CREAT | O_RDWR));
	EXPECT_EQ(EACCES, mq_as(ALICE, "low", NULL, "/q1", O_WRONLY));
	EXPECT_EQ(0, mq_as(ALICE, "low", NULL, "/q1", O_RDONLY));
	EXPECT_EQ(0, mq_as(BOB, "medium", NULL, "/q1", O_WRONLY));
	/* Low cannot create queues: the queue directory is Medium. */
	EXPECT_EQ(EACCES, mq_as(ALICE, "low", NULL, "/q2", O_CREAT | O_RDWR));
	/* A Medium creator with a creator descriptor that denies bob. */
	ASSERT_EQ(0, mq_as(ALICE, "medium",
			   "D:(D;;GA;;;S-1-22-1-1001)(A;;GA;;;WD)",
			   "/q3", O_CREAT | O_RDWR));
	EXPECT_EQ(EACCES, mq_as(BOB, "medium", NULL, "/q3", O_RDONLY));
	EXPECT_EQ(0, mq_as(ALICE, "medium", NULL, "/q3", O_RDWR));
	EXPECT_EQ(0, mq_unlink("/q1"));
	EXPECT_EQ(0, mq_unlink("/q3"));
}

/*
 * The creator of a queue gets the access it asked for, whatever the
 * creator descriptor grants (as open(O_CREAT) of a file does); a later
 * open is decided by the descriptor. Before, mq_open() failed and left
 * the queue behind.
 */
TEST_F(posix_ipc, posix_mq_creator_gets_what_it_asked)
{
	static const char *const other_only = "D:(A;;FR;;;S-1-22-1-4242)";

	EXPECT_EQ(0, mq_as(ALICE, "medium", other_only, "/q2",
			   O_CREAT | O_EXCL | O_RDWR));
	/* Reopened, by the creator too: the DACL decides. */
	EXPECT_EQ(EACCES, mq_as(ALICE, "medium", NULL, "/q2", O_RDWR));
	EXPECT_EQ(EACCES, mq_as(ALICE, "medium", NULL, "/q2", O_RDONLY));
	/* O_CREAT on an existing queue is an open, not a creation. */
	EXPECT_EQ(EACCES, mq_as(ALICE, "medium", other_only, "/q2",
				O_CREAT | O_WRONLY));
}

TEST_F(posix_ipc, story_posix_message_queue)
{
	ASSERT_EQ(0, mq_as(ALICE, "medium", NULL, "/story1", O_CREAT | O_RDWR));
	EXPECT_EQ(EACCES, mq_as(BOB, "low", NULL, "/story1", O_WRONLY));
	ASSERT_EQ(0, mq_as(ALICE, "medium", STORY_SD, "/story2",
			   O_CREAT | O_RDWR));
	EXPECT_EQ(0, mq_as(BOB, "low", NULL, "/story2", O_WRONLY));
	EXPECT_EQ(0, mq_as(BOB, "low", NULL, "/story2", O_RDWR));
}

/* --- shared memory and semaphores on /dev/shm ---------------------------- */

struct shm_arg {
	const char *name;
	int flags;
	bool sem;
	const char *fscreate;
};

static int do_posix_shm(const void *p)
{
	const struct shm_arg *a = p;
	sem_t *s;
	int fd, rc;

	rc = set_fscreate(a->fscreate);
	if (rc)
		return PREP_FAILED + rc;
	if (a->sem) {
		s = sem_open(a->name, a->flags, 0666, 0);
		if (s == SEM_FAILED)
			return errno;
		sem_close(s);
		return 0;
	}
	fd = shm_open(a->name, a->flags, 0666);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/*
 * As @uid at @level, under the creator descriptor @fscreate when not NULL,
 * open the shared memory object (or semaphore when @sem) @name with @flags:
 * 0 or the errno.
 */
static int posix_shm_as(uid_t uid, const char *level, const char *fscreate,
			const char *name, int flags, bool sem)
{
	struct shm_arg a = { .name = name, .flags = flags, .sem = sem,
			     .fscreate = fscreate };

	return run_as(SUBJECT(uid, level, 0), do_posix_shm, &a);
}

TEST_F(posix_ipc, posix_shm_and_semaphores_follow_the_file_rules)
{
	struct sdbuf b;

	ASSERT_EQ(0, posix_shm_as(ALICE, "medium", NULL, "/s1", O_CREAT | O_RDWR,
				  false));
	EXPECT_EQ(EACCES, posix_shm_as(ALICE, "low", NULL, "/s1", O_RDWR,
				       false));
	EXPECT_EQ(0, posix_shm_as(ALICE, "low", NULL, "/s1", O_RDONLY, false));
	ASSERT_EQ(0, posix_shm_as(ALICE, "medium", NULL, "/m1", O_CREAT, true));
	EXPECT_EQ(EACCES, posix_shm_as(ALICE, "low", NULL, "/m1", 0, true));
	/* Under the story's descriptor: stored as the xattr, open to Low. */
	ASSERT_EQ(0, posix_shm_as(ALICE, "medium", STORY_SD, "/s2",
				  O_CREAT | O_RDWR, false));
	ASSERT_LT(0, get_sd("/dev/shm/s2", &b));
	EXPECT_TRUE(sd_has_nw_label(&b, 0, "LW"));
	EXPECT_EQ(0, posix_shm_as(ALICE, "low", NULL, "/s2", O_RDWR, false));
	ASSERT_EQ(0, posix_shm_as(ALICE, "medium", STORY_SD, "/m2", O_CREAT,
				  true));
	EXPECT_EQ(0, posix_shm_as(ALICE, "low", NULL, "/m2", 0, true));
}

TEST_HARNESS_MAIN
