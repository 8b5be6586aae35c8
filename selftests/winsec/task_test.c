// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - task integrity levels: lowering, every way of trying
 * to raise one, fork, setuid, exec of lower-labelled files, and the
 * creator descriptor (fscreate)
 */

#include "desc.h"
#include "fsop.h"

FIXTURE(task) {
	struct steps *s;
};

FIXTURE_SETUP(task)
{
	prepare_tmpfs(_metadata);
	self->s = map_steps(_metadata);
	ASSERT_NE(NULL, self->s);
}

FIXTURE_TEARDOWN(task)
{
	if (self->s)
		munmap(self->s, sizeof(*self->s));
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

/*
 * Record the level the task starts at, then for each level of the NULL
 * terminated list @p: the errno of setting it, and the level reached
 * (levels as RIDs, see level_rid()).
 */
static void try_levels(struct steps *s, const void *p)
{
	const char *const *levels = p;
	int i;

	s->rc[0] = level_rid();
	for (i = 0; levels[i] && 2 + 2 * i < NSTEPS; i++) {
		s->rc[1 + 2 * i] = set_level(levels[i]);
		s->rc[2 + 2 * i] = level_rid();
	}
}

/* Steps of try_levels(): the level first, then errno and level per try. */
#define START		0
#define SET_RC(i)	(1 + 2 * (i))
#define LEVEL_AFTER(i)	(2 + 2 * (i))

#define TRY_LEVELS(_who, ...)						\
	run_steps(self->s, _who, try_levels,				\
		  (const char *const []){ __VA_ARGS__, NULL })

TEST_F(task, init_and_its_children_are_system)
{
	EXPECT_EQ(WINSEC_LEVEL_SYSTEM, level_rid());
}

TEST_F(task, lowering_is_always_allowed)
{
	struct steps *s = self->s;

	ASSERT_EQ(0, TRY_LEVELS(SUBJECT(ALICE, NULL, 0), "low", "S-1-16-0"));
	EXPECT_EQ(WINSEC_LEVEL_MEDIUM, s->rc[START]);
	EXPECT_EQ(0, s->rc[SET_RC(0)]);
	EXPECT_EQ(WINSEC_LEVEL_LOW, s->rc[LEVEL_AFTER(0)]);
	EXPECT_EQ(0, s->rc[SET_RC(1)]);
	EXPECT_EQ(WINSEC_LEVEL_UNTRUSTED, s->rc[LEVEL_AFTER(1)]);
}

TEST_F(task, raising_needs_mac_admin)
{
	struct steps *s = self->s;
	int i;

	ASSERT_EQ(0, TRY_LEVELS(SUBJECT(ALICE, "low", 0),
				"medium", "S-1-16-8192", "system"));
	for (i = 0; i < 3; i++) {
		EXPECT_EQ(EPERM, s->rc[SET_RC(i)]);
		EXPECT_EQ(WINSEC_LEVEL_LOW, s->rc[LEVEL_AFTER(i)]);
	}
	/* Root without CAP_MAC_ADMIN is no exception. */
	ASSERT_EQ(0, TRY_LEVELS(SUBJECT(0, "low", CAPBIT(CAP_SYS_ADMIN) |
					CAPBIT(CAP_FOWNER)), "high"));
	EXPECT_EQ(EPERM, s->rc[SET_RC(0)]);
	EXPECT_EQ(WINSEC_LEVEL_LOW, s->rc[LEVEL_AFTER(0)]);
	/* Below Medium not even CAP_MAC_ADMIN raises a level. */
	ASSERT_EQ(0, TRY_LEVELS(SUBJECT(0, "low", CAPBIT(CAP_MAC_ADMIN)),
				"medium"));
	EXPECT_EQ(EPERM, s->rc[SET_RC(0)]);
	EXPECT_EQ(WINSEC_LEVEL_LOW, s->rc[LEVEL_AFTER(0)]);
	ASSERT_EQ(0, TRY_LEVELS(SUBJECT(0, "medium", CAPBIT(CAP_MAC_ADMIN)),
				"high"));
	EXPECT_EQ(0, s->rc[SET_RC(0)]);
	EXPECT_EQ(WINSEC_LEVEL_HIGH, s->rc[LEVEL_AFTER(0)]);
}

enum proc_step {
	P_LOWER,	/* write "low\n" */
	P_RAISE,	/* write "medium" */
	P_READ,		/* read it back */
	P_READ_LOW,	/* 0 when it reads "low\n" */
};

static void proc_level_steps(struct steps *s, const void *unused)
{
	char buf[32] = "";
	int fd;

	s->rc[P_LOWER] = write_proc("current", "low\n");
	s->rc[P_RAISE] = write_proc("current", "medium");
	fd = open("/proc/self/attr/current", O_RDONLY);
	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) <= 0) {
		s->rc[P_READ] = errno;
		return;
	}
	s->rc[P_READ] = 0;
	s->rc[P_READ_LOW] = strcmp(buf, "low\n") ? WRONG_RESULT : 0;
}

TEST_F(task, raising_through_proc_needs_mac_admin)
{
	struct steps *s = self->s;

	if (!proc_attr_is_winsec())
		SKIP(return, "another LSM answers /proc/self/attr/current");
	ASSERT_EQ(0, run_steps(s, SUBJECT(ALICE, NULL, 0), proc_level_steps,
			       NULL));
	EXPECT_EQ(0, s->rc[P_LOWER]);
	EXPECT_EQ(EPERM, s->rc[P_RAISE]);
	EXPECT_EQ(0, s->rc[P_READ]);
	EXPECT_EQ(0, s->rc[P_READ_LOW]);
}

TEST_F(task, unknown_levels_are_refused)
{
	EXPECT_EQ(EINVAL, set_level("bogus"));
	EXPECT_EQ(EINVAL, set_level(""));
	EXPECT_EQ(EINVAL, set_level("S-1-16-"));
	EXPECT_EQ(EINVAL, set_level("S-1-5-18"));
	EXPECT_EQ(WINSEC_LEVEL_SYSTEM, level_rid());
}

static int get_level_rid(const void *unused)
{
	return level_rid();
}

/* The level of a child forked by the task. */
static int child_level_rid(const void *unused)
{
	return run_as(SUBJECT(KEEP_USER, NULL, 0), get_level_rid, NULL);
}

TEST_F(task, fork_inherits_the_level)
{
	EXPECT_EQ(WINSEC_LEVEL_LOW, run_as(SUBJECT(ALICE, "low", 0),
					   child_level_rid, NULL));
}

enum uid_step {
	U_BEFORE,	/* the level before */
	U_SETUID,	/* the errno of the change of user */
	U_AFTER,	/* the level after */
};

/* As root at System: setresuid(alice) after lowering to @p if not NULL. */
static void setresuid_steps(struct steps *s, const void *p)
{
	if (p && set_level(p))
		return;
	s->rc[U_BEFORE] = level_rid();
	s->rc[U_SETUID] = setresuid(ALICE, ALICE, ALICE) ? errno : 0;
	s->rc[U_AFTER] = level_rid();
}

/* The same with seteuid(alice): root's saved uid stays. */
static void seteuid_steps(struct steps *s, const void *unused)
{
	s->rc[U_BEFORE] = level_rid();
	s->rc[U_SETUID] = seteuid(ALICE) ? errno : 0;
	s->rc[U_AFTER] = level_rid();
}

TEST_F(task, giving_up_root_caps_at_medium)
{
	struct steps *s = self->s;

	ASSERT_EQ(0, run_steps(s, SUBJECT(KEEP_USER, NULL, all_caps()),
			       setresuid_steps, NULL));
	EXPECT_EQ(WINSEC_LEVEL_SYSTEM, s->rc[U_BEFORE]);
	EXPECT_EQ(0, s->rc[U_SETUID]);
	EXPECT_EQ(WINSEC_LEVEL_MEDIUM, s->rc[U_AFTER]);
	/* A temporary seteuid keeps root's saved uid: no login. */
	ASSERT_EQ(0, run_steps(s, SUBJECT(KEEP_USER, NULL, all_caps()),
			       seteuid_steps, NULL));
	EXPECT_EQ(0, s->rc[U_SETUID]);
	EXPECT_EQ(WINSEC_LEVEL_SYSTEM, s->rc[U_AFTER]);
	/* Never raises a lower level. */
	ASSERT_EQ(0, run_steps(s, SUBJECT(KEEP_USER, NULL, all_caps()),
			       setresuid_steps, "low"));
	EXPECT_EQ(WINSEC_LEVEL_LOW, s->rc[U_BEFORE]);
	EXPECT_EQ(0, s->rc[U_SETUID]);
	EXPECT_EQ(WINSEC_LEVEL_LOW, s->rc[U_AFTER]);
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

/* The length of the task's creator descriptor, or -errno. */
static int fscreate_len(const void *unused)
{
	__u8 got[256];

	return get_attr(LSM_ATTR_FSCREATE, got, sizeof(got));
}

/*
 * Set the creator descriptor @p, check it is there, and in a forked child,
 * then execute the probe: its exit status. WRONG_RESULT when the
 * descriptor read back is not the one set.
 */
static int fscreate_then_exec(const void *p)
{
	const struct sdbuf *b = p;
	char *const argv[] = { P("probe"), NULL };
	char *const envp[] = { "WINSEC_SELFTEST_FSCREATE=1", NULL };
	__u8 got[256];
	int rc;

	rc = set_attr(LSM_ATTR_FSCREATE, b->b, b->len);
	if (rc)
		return PREP_FAILED + rc;
	if (get_attr(LSM_ATTR_FSCREATE, got, sizeof(got)) != (long)b->len ||
	    memcmp(got, b->b, b->len))
		return WRONG_RESULT;
	/* Forked children keep it. */
	if (run_as(SUBJECT(KEEP_USER, NULL, 0), fscreate_len, NULL) !=
	    (int)b->len)
		return WRONG_RESULT;
	execve(argv[0], argv, envp);
	return errno;
}

TEST_F(task, fscreate_is_kept_and_cleared_on_exec)
{
	struct sdbuf b = SD("D:(A;;FR;;;WD)");

	copy_self(_metadata, P("probe"));
	EXPECT_EQ(EXIT_NO_FSCREATE, run_as(SUBJECT(ALICE, NULL, 0),
					   fscreate_then_exec, &b));
}

struct fscreate_exec {
	const struct sdbuf *sd;
	char *path;
};

static int fscreate_kept_then_exec(const void *p)
{
	const struct fscreate_exec *a = p;
	char *const argv[] = { a->path, NULL };
	char *const envp[] = { "WINSEC_SELFTEST_FSCREATE=1", NULL };
	int rc;

	rc = set_attr_flags(LSM_ATTR_FSCREATE, a->sd->b, a->sd->len,
			    WINSEC_FSCREATE_KEEP_ON_EXEC);
	if (rc)
		return PREP_FAILED + rc;
	execve(argv[0], argv, envp);
	return errno;
}

/*
 * As alice, set the creator descriptor @sd with WINSEC_FSCREATE_KEEP_ON_EXEC
 * and execute @path (a copy of this binary): its exit status tells whether
 * the descriptor was still there (EXIT_FSCREATE) or not (EXIT_NO_FSCREATE).
 */
static int fscreate_after_exec(const struct sdbuf *sd, char *path)
{
	struct fscreate_exec a = { .sd = sd, .path = path };

	return run_as(SUBJECT(ALICE, NULL, 0), fscreate_kept_then_exec, &a);
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

enum flag_step {
	F_UNKNOWN,	/* an unknown flag on the creator descriptor */
	F_ON_LEVEL,	/* a flag on the level */
	F_STORED,	/* the length of what is stored, or -errno */
	F_LEVEL,	/* the level after */
};

static void fscreate_flag_steps(struct steps *s, const void *p)
{
	const struct sdbuf *b = p;
	__u8 got[256];

	s->rc[F_UNKNOWN] = set_attr_flags(LSM_ATTR_FSCREATE, b->b, b->len,
					  WINSEC_FSCREATE_VALID_FLAGS << 1);
	s->rc[F_ON_LEVEL] = set_attr_flags(LSM_ATTR_CURRENT, "low", 4,
					   WINSEC_FSCREATE_KEEP_ON_EXEC);
	s->rc[F_STORED] = get_attr(LSM_ATTR_FSCREATE, got, sizeof(got));
	s->rc[F_LEVEL] = level_rid();
}

TEST_F(task, fscreate_flags_are_checked)
{
	struct sdbuf b = SD("D:(A;;FR;;;WD)");
	struct steps *s = self->s;

	ASSERT_EQ(0, run_steps(s, SUBJECT(ALICE, NULL, 0), fscreate_flag_steps,
			       &b));
	/* Unknown flags, and any flag on the level, are refused. */
	EXPECT_EQ(EINVAL, s->rc[F_UNKNOWN]);
	EXPECT_EQ(EINVAL, s->rc[F_ON_LEVEL]);
	/* Nothing was stored by the refused calls. */
	EXPECT_EQ(0, s->rc[F_STORED]);
	EXPECT_EQ(WINSEC_LEVEL_MEDIUM, s->rc[F_LEVEL]);
}

struct fscreate_tries {
	const struct sdbuf *high, *audit, *other, *mine;
};

enum rule_step {
	R_TRUNCATED,	/* three bytes of a descriptor */
	R_HIGH,		/* a label above the task */
	R_AUDIT,	/* an audit ACE */
	R_OTHER,	/* another owner */
	R_NONE_STORED,	/* the length stored after those, or -errno */
	R_MINE,		/* her own owner and a Low label */
	R_CLEAR,	/* an empty value */
	R_CLEARED,	/* the length stored after it, or -errno */
};

static void fscreate_rule_steps(struct steps *s, const void *p)
{
	const struct fscreate_tries *t = p;
	__u8 got[256];

	s->rc[R_TRUNCATED] = set_attr(LSM_ATTR_FSCREATE, "\x01\x00\x04", 3);
	s->rc[R_HIGH] = set_attr(LSM_ATTR_FSCREATE, t->high->b, t->high->len);
	s->rc[R_AUDIT] = set_attr(LSM_ATTR_FSCREATE, t->audit->b,
				  t->audit->len);
	s->rc[R_OTHER] = set_attr(LSM_ATTR_FSCREATE, t->other->b,
				  t->other->len);
	s->rc[R_NONE_STORED] = get_attr(LSM_ATTR_FSCREATE, got, sizeof(got));
	s->rc[R_MINE] = set_attr(LSM_ATTR_FSCREATE, t->mine->b, t->mine->len);
	s->rc[R_CLEAR] = set_attr(LSM_ATTR_FSCREATE, "", 0);
	s->rc[R_CLEARED] = get_attr(LSM_ATTR_FSCREATE, got, sizeof(got));
}

TEST_F(task, fscreate_rules)
{
	struct sdbuf high = SD("D:(A;;FA;;;WD)S:(ML;;NW;;;HI)");
	struct sdbuf audit = SD("D:(A;;FA;;;WD)S:(AU;SA;FA;;;WD)");
	struct sdbuf other = SD("O:S-1-22-1-1001D:(A;;FA;;;WD)");
	struct sdbuf mine = SD("O:S-1-22-1-1000D:(A;;FA;;;WD)S:(ML;;NW;;;LW)");
	struct fscreate_tries t = {
		.high = &high, .audit = &audit, .other = &other, .mine = &mine,
	};
	struct steps *s = self->s;

	ASSERT_EQ(0, run_steps(s, SUBJECT(ALICE, NULL, 0), fscreate_rule_steps,
			       &t));
	EXPECT_EQ(EINVAL, s->rc[R_TRUNCATED]);
	EXPECT_EQ(EPERM, s->rc[R_HIGH]);
	EXPECT_EQ(EPERM, s->rc[R_AUDIT]);
	EXPECT_EQ(EPERM, s->rc[R_OTHER]);
	EXPECT_EQ(0, s->rc[R_NONE_STORED]);
	EXPECT_EQ(0, s->rc[R_MINE]);
	/* Empty clears it. */
	EXPECT_EQ(0, s->rc[R_CLEAR]);
	EXPECT_EQ(0, s->rc[R_CLEARED]);
}

TEST_F(task, fscreate_labels_new_files)
{
	struct sdbuf c = SD("D:(A;;FR;;;WD)");
	struct sdbuf got;

	EXPECT_EQ(0, run_as(SUBJECT(ALICE, NULL, 0), create_with_fscreate,
			    &(struct fscreate_file){ P("new"), &c }));
	ASSERT_LT(0, get_sd(P("new"), &got));
	EXPECT_TRUE(sd_allows(&got, 0, WINSEC_FILE_GENERIC_READ, "WD"));
	EXPECT_EQ(1, sd_ace_count(got.b, got.len, true));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("new"),
			     .flags = O_WRONLY));
}

TEST_HARNESS_MAIN
