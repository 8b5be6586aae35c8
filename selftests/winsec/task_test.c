// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - task integrity levels: lowering, every way of trying
 * to raise one, fork, setuid, exec of lower-labelled files, and the
 * creator descriptor (fscreate)
 */

#include "desc.h"
#include "fsop.h"

FIXTURE(task) {};

FIXTURE_SETUP(task)
{
	prepare_tmpfs(_metadata);
}

FIXTURE_TEARDOWN(task)
{
}

static bool level_is(const char *want)
{
	char level[64];

	get_level(level, sizeof(level));
	return !strcmp(level, want);
}

static int write_proc(const char *name, const char *value)
{
	char path[64];
	int fd, rc = 0;

	snprintf(path, sizeof(path), "/proc/self/attr/%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return errno;
	if (write(fd, value, strlen(value)) < 0)
		rc = errno;
	close(fd);
	return rc;
}

/* /proc/self/attr/current is winsec's only when no other LSM takes it. */
static bool proc_attr_is_winsec(void)
{
	char buf[512] = "";
	int fd = open("/sys/kernel/security/lsm", O_RDONLY);

	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) < 0)
		return false;
	close(fd);
	return !strstr(buf, "selinux") && !strstr(buf, "apparmor") &&
	       !strstr(buf, "smack");
}

TEST_F(task, init_and_its_children_are_system)
{
	EXPECT_TRUE(level_is("system"));
}

TEST_F(task, lowering_is_always_allowed)
{
	EXPECT_EQ(0, IN_CHILD({
		if (become(ALICE, NULL, 0) || !level_is("medium"))
			_exit(1);
		if (set_level("low") || !level_is("low"))
			_exit(2);
		if (set_level("S-1-16-0") || !level_is("untrusted"))
			_exit(3);
	}));
}

TEST_F(task, raising_needs_mac_admin)
{
	EXPECT_EQ(0, IN_CHILD({
		if (become(ALICE, "low", 0))
			_exit(1);
		if (set_level("medium") != EPERM)
			_exit(2);
		if (set_level("S-1-16-8192") != EPERM)
			_exit(3);
		if (set_level("system") != EPERM)
			_exit(4);
		if (!level_is("low"))
			_exit(5);
	}));
	/* Root without CAP_MAC_ADMIN is no exception. */
	EXPECT_EQ(0, IN_CHILD({
		if (become(0, "low", CAPBIT(CAP_SYS_ADMIN) | CAPBIT(CAP_FOWNER)))
			_exit(1);
		if (set_level("high") != EPERM || !level_is("low"))
			_exit(2);
	}));
	/* Below Medium not even CAP_MAC_ADMIN raises a level. */
	EXPECT_EQ(0, IN_CHILD({
		if (become(0, "low", CAPBIT(CAP_MAC_ADMIN)))
			_exit(1);
		if (set_level("medium") != EPERM || !level_is("low"))
			_exit(2);
	}));
	EXPECT_EQ(0, IN_CHILD({
		if (become(0, "medium", CAPBIT(CAP_MAC_ADMIN)))
			_exit(1);
		if (set_level("high") || !level_is("high"))
			_exit(2);
	}));
}

TEST_F(task, raising_through_proc_needs_mac_admin)
{
	if (!proc_attr_is_winsec())
		SKIP(return, "another LSM answers /proc/self/attr/current");
	EXPECT_EQ(0, IN_CHILD({
		char buf[32] = "";
		int fd;

		if (become(ALICE, NULL, 0))
			_exit(1);
		if (write_proc("current", "low\n"))
			_exit(2);
		if (write_proc("current", "medium") != EPERM)
			_exit(3);
		fd = open("/proc/self/attr/current", O_RDONLY);
		if (fd < 0 || read(fd, buf, sizeof(buf) - 1) <= 0)
			_exit(4);
		if (strcmp(buf, "low\n"))
			_exit(5);
	}));
}

TEST_F(task, unknown_levels_are_refused)
{
	EXPECT_EQ(EINVAL, set_level("bogus"));
	EXPECT_EQ(EINVAL, set_level(""));
	EXPECT_EQ(EINVAL, set_level("S-1-16-"));
	EXPECT_EQ(EINVAL, set_level("S-1-5-18"));
	EXPECT_TRUE(level_is("system"));
}

TEST_F(task, fork_inherits_the_level)
{
	EXPECT_EQ(0, IN_CHILD({
		if (become(ALICE, "low", 0))
			_exit(1);
		_exit(IN_CHILD({
			if (!level_is("low"))
				_exit(1);
		}));
	}));
}

TEST_F(task, giving_up_root_caps_at_medium)
{
	EXPECT_EQ(0, IN_CHILD({
		if (!level_is("system") || setresuid(ALICE, ALICE, ALICE))
			_exit(1);
		if (!level_is("medium"))
			_exit(2);
	}));
	/* A temporary seteuid keeps root's saved uid: no login. */
	EXPECT_EQ(0, IN_CHILD({
		if (seteuid(ALICE) || !level_is("system"))
			_exit(1);
	}));
	/* Never raises a lower level. */
	EXPECT_EQ(0, IN_CHILD({
		if (set_level("low") || setresuid(ALICE, ALICE, ALICE))
			_exit(1);
		if (!level_is("low"))
			_exit(2);
	}));
}

TEST_F(task, exec_of_lower_labelled_file_lowers)
{
	copy_self(_metadata, P("low"));
	SET_SD(P("low"), "D:(A;;FA;;;WD)S:(ML;;NW;;;LW)");
	copy_self(_metadata, P("plain"));
	copy_self(_metadata, P("high"));
	SET_SD(P("high"), "D:(A;;FA;;;WD)S:(ML;;NW;;;HI)");
	EXPECT_EQ(EXIT_LOW, AS(ALICE, NULL, .kind = OP_EXEC, .path = P("low")));
	EXPECT_EQ(EXIT_LOW, AS(ALICE, "high", .kind = OP_EXEC,
			       .path = P("low")));
	/* Unlabeled files do not lower; higher labels never raise. */
	EXPECT_EQ(EXIT_HIGH, AS(ALICE, "high", .kind = OP_EXEC,
				.path = P("plain")));
	EXPECT_EQ(EXIT_MEDIUM, AS(ALICE, NULL, .kind = OP_EXEC,
				  .path = P("high")));
	EXPECT_EQ(EXIT_SYSTEM, AS(0, NULL, .kind = OP_EXEC,
				  .path = P("plain")));
}

TEST_F(task, fscreate_is_kept_and_cleared_on_exec)
{
	struct sdbuf b = SD("D:(A;;FR;;;WD)");

	copy_self(_metadata, P("probe"));
	EXPECT_EQ(0, IN_CHILD({
		__u8 got[256];
		char *const argv[] = { P("probe"), NULL };
		char *const envp[] = { "WINSEC_SELFTEST_FSCREATE=1", NULL };

		if (become(ALICE, NULL, 0))
			_exit(1);
		if (set_attr(LSM_ATTR_FSCREATE, b.b, b.len))
			_exit(2);
		if (get_attr(LSM_ATTR_FSCREATE, got, sizeof(got)) != (long)b.len ||
		    memcmp(got, b.b, b.len))
			_exit(3);
		/* Forked children keep it. */
		if (IN_CHILD({
			if (get_attr(LSM_ATTR_FSCREATE, got, sizeof(got)) !=
			    (long)b.len)
				_exit(1);
		}))
			_exit(4);
		execve(argv[0], argv, envp);
		_exit(5);
	}) == EXIT_NO_FSCREATE ? 0 : 1);
}

/*
 * As alice, set the creator descriptor @sd with WINSEC_FSCREATE_KEEP_ON_EXEC and
 * execute @path (a copy of this binary): its exit status tells whether the
 * descriptor was still there (EXIT_FSCREATE) or not (EXIT_NO_FSCREATE).
 */
static int fscreate_after_exec(const struct sdbuf *sd, char *path)
{
	return IN_CHILD({
		char *const argv[] = { path, NULL };
		char *const envp[] = { "WINSEC_SELFTEST_FSCREATE=1", NULL };

		if (become(ALICE, NULL, 0))
			_exit(1);
		if (set_attr_flags(LSM_ATTR_FSCREATE, sd->b, sd->len,
				   WINSEC_FSCREATE_KEEP_ON_EXEC))
			_exit(2);
		execve(argv[0], argv, envp);
		_exit(3);
	});
}

/*
 * WINSEC_FSCREATE_KEEP_ON_EXEC keeps the creator descriptor across exec
 * (what "winsec run --fscreate" relies on), but a set-id exec still drops
 * it: the caller must not choose the descriptor of a set-id program's files.
 */
TEST_F(task, fscreate_kept_on_exec_with_flag)
{
	struct sdbuf b = SD("D:(A;;FR;;;WD)");

	copy_self(_metadata, P("probe"));
	copy_self(_metadata, P("setuid"));
	ASSERT_EQ(0, chmod(P("setuid"), 04755));
	EXPECT_EQ(EXIT_FSCREATE, fscreate_after_exec(&b, P("probe")));
	EXPECT_EQ(EXIT_NO_FSCREATE, fscreate_after_exec(&b, P("setuid")));
}

TEST_F(task, fscreate_flags_are_checked)
{
	struct sdbuf b = SD("D:(A;;FR;;;WD)");

	EXPECT_EQ(0, IN_CHILD({
		__u8 got[256];

		if (become(ALICE, NULL, 0))
			_exit(1);
		/* Unknown flags, and any flag on the level, are refused. */
		if (set_attr_flags(LSM_ATTR_FSCREATE, b.b, b.len, 0x2) != EINVAL)
			_exit(2);
		if (set_attr_flags(LSM_ATTR_CURRENT, "low", 4,
				   WINSEC_FSCREATE_KEEP_ON_EXEC) != EINVAL)
			_exit(3);
		/* Nothing was stored by the refused calls. */
		if (get_attr(LSM_ATTR_FSCREATE, got, sizeof(got)) != 0 ||
		    !level_is("medium"))
			_exit(4);
	}));
}

TEST_F(task, fscreate_rules)
{
	struct sdbuf high = SD("D:(A;;FA;;;WD)S:(ML;;NW;;;HI)");
	struct sdbuf audit = SD("D:(A;;FA;;;WD)S:(AU;SA;FA;;;WD)");
	struct sdbuf other = SD("O:S-1-22-1-1001D:(A;;FA;;;WD)");
	struct sdbuf mine = SD("O:S-1-22-1-1000D:(A;;FA;;;WD)S:(ML;;NW;;;LW)");

	EXPECT_EQ(0, IN_CHILD({
		__u8 got[256];

		if (become(ALICE, NULL, 0))
			_exit(1);
		if (set_attr(LSM_ATTR_FSCREATE, "\x01\x00\x04", 3) != EINVAL)
			_exit(2);
		if (set_attr(LSM_ATTR_FSCREATE, high.b, high.len) != EPERM)
			_exit(3);
		if (set_attr(LSM_ATTR_FSCREATE, audit.b, audit.len) != EPERM)
			_exit(4);
		if (set_attr(LSM_ATTR_FSCREATE, other.b, other.len) != EPERM)
			_exit(5);
		if (get_attr(LSM_ATTR_FSCREATE, got, sizeof(got)) != 0)
			_exit(6);
		if (set_attr(LSM_ATTR_FSCREATE, mine.b, mine.len))
			_exit(7);
		/* Empty clears it. */
		if (set_attr(LSM_ATTR_FSCREATE, "", 0) ||
		    get_attr(LSM_ATTR_FSCREATE, got, sizeof(got)) != 0)
			_exit(8);
	}));
}

TEST_F(task, fscreate_labels_new_files)
{
	struct sdbuf c = SD("D:(A;;FR;;;WD)");
	struct sdbuf got;

	EXPECT_EQ(0, IN_CHILD({
		int fd;

		if (become(ALICE, NULL, 0) ||
		    set_attr(LSM_ATTR_FSCREATE, c.b, c.len))
			_exit(1);
		fd = open(P("new"), O_CREAT | O_WRONLY, 0666);
		if (fd < 0)
			_exit(2);
		close(fd);
	}));
	ASSERT_LT(0, get_sd(P("new"), &got));
	EXPECT_TRUE(sd_has_ace(got.b, got.len, true, 0, 0, 0x120089, "WD"));
	EXPECT_EQ(1, sd_ace_count(got.b, got.len, true));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("new"),
			     .flags = O_WRONLY));
}

TEST_HARNESS_MAIN
