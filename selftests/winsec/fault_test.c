// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - fail closed: a descriptor that cannot be read (the
 * buffer it is read into cannot be allocated: failslab, on the kmalloc
 * cache of that buffer, for the test's child only) denies access; it is
 * never taken for an unlabeled object
 *
 * The files live on the guest's ext4 image, whose inodes can be dropped
 * from the cache, so that the next access loads their descriptor again.
 * The kernel must be booted with slab_nomerge, so that the cache can be
 * singled out.
 */

#include "desc.h"
#include "inject.h"

/* winsec reads a stored descriptor into a 256-byte buffer first. */
#define CACHE		"/sys/kernel/slab/kmalloc-256/failslab"

/*
 * Make every allocation from the 256-byte kmalloc cache by a task with
 * make-it-fail set fail, sleeping or not.
 */
static bool set_injection(bool on)
{
	if (!on)
		return write_file(FAILSLAB "/probability", "0") &&
		       write_file(CACHE, "0");
	return write_file(CACHE, "1") &&
	       write_file(FAILSLAB "/cache-filter", "Y") &&
	       write_file(FAILSLAB "/ignore-gfp-wait", "N") &&
	       write_file(FAILSLAB "/task-filter", "Y") &&
	       write_file(FAILSLAB "/interval", "1") &&
	       write_file(FAILSLAB "/times", "-1") &&
	       write_file(FAILSLAB "/verbose", "0") &&
	       write_file(FAILSLAB "/probability", "100");
}

struct fault_arg {
	const char *path;
	int flags;
	bool failing;
};

/*
 * Fail the descriptor reads of this task when asked (a root task's own
 * switch), then become alice.
 */
static int fail_and_become_alice(const struct fault_arg *a)
{
	if (a->failing && !write_file("/proc/self/make-it-fail", "1"))
		return PREP_FAILED + EIO;
	return become(ALICE, NULL, 0) ? PREP_FAILED + errno : 0;
}

static int do_open(const void *p)
{
	const struct fault_arg *a = p;
	int rc = fail_and_become_alice(a), fd;

	if (rc)
		return rc;
	fd = open(a->path, a->flags);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/*
 * In a child that fails its descriptor reads when @failing: open @path
 * with @flags as ALICE at Medium. Returns 0 or the errno.
 */
static int open_as_alice(const char *path, int flags, bool failing)
{
	struct fault_arg a = { .path = path, .flags = flags,
			       .failing = failing };

	return run_as(SUBJECT(0, NULL, all_caps()), do_open, &a);
}

static int do_exec(const void *p)
{
	const struct fault_arg *a = p;
	char *const argv[] = { (char *)a->path, NULL };
	char *const envp[] = { "WINSEC_SELFTEST_EXIT=1", NULL };
	int rc = fail_and_become_alice(a);

	if (rc)
		return rc;
	execve(a->path, argv, envp);
	return errno;
}

/* Execute @path as ALICE; the exit status (the level it ran at) or errno. */
static int exec_as_alice(const char *path, bool failing)
{
	struct fault_arg a = { .path = path, .failing = failing };

	return run_as(SUBJECT(0, NULL, all_caps()), do_exec, &a);
}

FIXTURE(fault) {};

FIXTURE_SETUP(fault)
{
	struct stat st;

	if (!winsec_active())
		SKIP(return, "winsec is not active");
	if (stat(FAILSLAB, &st))
		SKIP(return, "no failslab (CONFIG_FAILSLAB, debugfs)");
	if (!write_file(CACHE, "0"))
		SKIP(return, "kmalloc-256 is merged with other caches (boot with slab_nomerge)");
	if (stat(EXT4 "/lost+found", &st))
		SKIP(return, "no ext4 image on " EXT4);
	ASSERT_TRUE(set_injection(false));
	umask(0);
	mkdir(EXT4 "/fault", 0777);
}

FIXTURE_TEARDOWN(fault)
{
	set_injection(false);
	unlink(EXT4 "/fault/high");
	unlink(EXT4 "/fault/plain");
	unlink(EXT4 "/fault/lowbin");
	rmdir(EXT4 "/fault");
}

TEST_F(fault, unreadable_descriptor_denies)
{
	const char *high = EXT4 "/fault/high";
	const char *plain = EXT4 "/fault/plain";

	/* High, writable by everyone per the DACL: Medium may only read. */
	make_file(_metadata, high, 0);
	SET_SD(high, "D:(A;;FA;;;WD)S:(ML;;NW;;;HI)");
	make_file(_metadata, plain, 0);
	ASSERT_TRUE(drop_inodes());
	ASSERT_TRUE(set_injection(true));

	/* Control: the failing task opens what is already loaded. */
	EXPECT_EQ(0, open_as_alice("/etc/passwd", O_RDONLY, true));

	/*
	 * The descriptor cannot be read: the state of the file is unknown,
	 * so nothing is granted, not even what the label would allow. Taken
	 * for unlabeled, the write would have been granted to Medium.
	 */
	EXPECT_EQ(ENOMEM, open_as_alice(high, O_WRONLY, true));
	EXPECT_EQ(ENOMEM, open_as_alice(high, O_RDONLY, true));
	/* The same for a file that has no descriptor at all. */
	EXPECT_EQ(ENOMEM, open_as_alice(plain, O_RDONLY, true));

	/* Tasks that do not fail their reads load it and get its answer. */
	EXPECT_EQ(EACCES, open_as_alice(high, O_WRONLY, false));
	EXPECT_EQ(0, open_as_alice(high, O_RDONLY, false));
	EXPECT_EQ(0, open_as_alice(plain, O_WRONLY, false));
}

TEST_F(fault, state_is_retried_after_a_failed_load)
{
	const char *high = EXT4 "/fault/high";

	make_file(_metadata, high, 0);
	SET_SD(high, "D:(A;;FA;;;WD)S:(ML;;NW;;;HI)");
	ASSERT_TRUE(drop_inodes());
	ASSERT_TRUE(set_injection(true));
	/* The first lookup, by a failing task, leaves the state unknown. */
	EXPECT_EQ(ENOMEM, open_as_alice(high, O_WRONLY, true));
	ASSERT_TRUE(set_injection(false));
	/* Once memory is back, the label decides again. */
	EXPECT_EQ(EACCES, open_as_alice(high, O_WRONLY, true));
	EXPECT_EQ(0, open_as_alice(high, O_RDONLY, true));
}

TEST_F(fault, unreadable_label_does_not_skip_lowering_at_exec)
{
	const char *bin = EXT4 "/fault/lowbin";

	copy_self(_metadata, bin);
	SET_SD(bin, "D:(A;;FA;;;WD)S:(ML;;NW;;;LW)");
	ASSERT_TRUE(drop_inodes());
	ASSERT_TRUE(set_injection(true));
	/*
	 * The label that would lower the new program cannot be read: the
	 * exec fails rather than running it at Medium.
	 */
	EXPECT_EQ(ENOMEM, exec_as_alice(bin, true));
	ASSERT_TRUE(set_injection(false));
	EXPECT_EQ(EXIT_LOW, exec_as_alice(bin, false));
}

TEST_HARNESS_MAIN
