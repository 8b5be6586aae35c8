// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - who may become an owner, in security.winsec and in a
 * creator descriptor; descriptors without a DACL, which only the Unix owner
 * may change (files and SysV semaphores), against an explicit NULL DACL;
 * and root lowered to Low, which holds no privilege any more
 */

#include "sysv.h"
#include "fsop.h"

/* Every capability the kernel knows, for root lowered to Low. */
#define ALL_CAPS		((1ULL << (CAP_LAST_CAP + 1)) - 1)

#define ENFORCE			"/sys/kernel/security/winsec/enforce"

#define ALICE_SID		"S-1-22-1-1000"
#define BOB_SID			"S-1-22-1-1001"

FIXTURE(owner) {};

FIXTURE_SETUP(owner)
{
	prepare_tmpfs(_metadata);
}

FIXTURE_TEARDOWN(owner)
{
	int fd = open(ENFORCE, O_WRONLY);

	/* Whatever a failed test did, leave winsec enforcing. */
	if (fd >= 0) {
		if (write(fd, "1", 1) != 1)
			perror("enforce");
		close(fd);
	}
}

/* Set a descriptor given as SDDL as @uid at @level with @caps. */
#define SETSD_AS(_uid, _level, _caps, _path, _text)			\
	({								\
		struct sdbuf _b = SD(_text);				\
		AS_CAPS(_uid, _level, _caps, .kind = OP_SETXATTR,	\
			.path = _path, .path2 = WINSEC_XATTR_NAME,	\
			.val = _b.b, .len = _b.len);			\
	})

#define RMSD_AS(_uid, _level, _caps, _path)				\
	AS_CAPS(_uid, _level, _caps, .kind = OP_REMOVEXATTR,		\
		.path = _path, .path2 = WINSEC_XATTR_NAME)

/* The stored value, read as root, equals the encoding of @text. */
static bool stored(const char *path, const char *text)
{
	struct sdbuf want, got;

	if (!sddl_encode(text, &want) || get_sd(path, &got) < 0)
		return false;
	return got.len == want.len && !memcmp(got.b, want.b, got.len);
}

/* @path has no descriptor at all. */
static bool unlabeled(const char *path)
{
	struct sdbuf b;

	return get_sd(path, &b) < 0 && errno == ENODATA;
}

/* --- owners in security.winsec ------------------------------------------- */

/*
 * Owners a user may not name: groups that alice is in (Everyone,
 * Authenticated Users, Users, her Unix group), and those of uid 0.
 */
static const char *const groups[] = {
	"WD", "AU", "BU", "S-1-22-2-1000", "SY", "BA",
};

TEST_F(owner, user_may_name_only_herself_as_owner)
{
	char text[128];
	unsigned int i;

	make_file(_metadata, P("f"), ALICE);
	ASSERT_EQ(0, chmod(P("f"), 0666));

	/* The first descriptor is hers to write, but not with these owners. */
	for (i = 0; i < ARRAY_SIZE(groups); i++) {
		snprintf(text, sizeof(text), "O:%sD:(A;;FA;;;WD)", groups[i]);
		EXPECT_EQ(EPERM, SETSD_AS(ALICE, "medium", 0, P("f"), text)) {
			TH_LOG("owner %s", groups[i]);
		}
		EXPECT_TRUE(unlabeled(P("f")));
	}
	EXPECT_EQ(EPERM, SETSD_AS(ALICE, "medium", 0, P("f"),
				  "O:" BOB_SID "D:(A;;FA;;;WD)"));
	EXPECT_TRUE(unlabeled(P("f")));
	/* Control: her own user SID. */
	EXPECT_EQ(0, SETSD_AS(ALICE, "medium", 0, P("f"),
			      "O:" ALICE_SID "D:(A;;FA;;;WD)"));
	EXPECT_TRUE(stored(P("f"), "O:" ALICE_SID "D:(A;;FA;;;WD)"));

	/*
	 * Now the DACL grants everyone WRITE_OWNER: the right to write the
	 * owner is there, the owners are still refused.
	 */
	for (i = 0; i < ARRAY_SIZE(groups); i++) {
		snprintf(text, sizeof(text), "O:%sD:(A;;FA;;;WD)", groups[i]);
		EXPECT_EQ(EPERM, SETSD_AS(ALICE, "medium", 0, P("f"), text)) {
			TH_LOG("owner %s", groups[i]);
		}
		EXPECT_EQ(EPERM, SETSD_AS(BOB, "medium", 0, P("f"), text)) {
			TH_LOG("owner %s, as bob", groups[i]);
		}
	}
	EXPECT_TRUE(stored(P("f"), "O:" ALICE_SID "D:(A;;FA;;;WD)"));
	/* Control: bob, granted WRITE_OWNER, takes ownership for himself. */
	EXPECT_EQ(0, SETSD_AS(BOB, "medium", 0, P("f"),
			      "O:" BOB_SID "D:(A;;FA;;;WD)"));
	EXPECT_TRUE(stored(P("f"), "O:" BOB_SID "D:(A;;FA;;;WD)"));
}

TEST_F(owner, root_without_privilege_may_name_system_and_administrators)
{
	make_file(_metadata, P("f"), 0);
	ASSERT_EQ(0, chmod(P("f"), 0666));
	SET_SD(P("f"), "D:(A;;FA;;;WD)");

	/* uid 0 without capabilities: LocalSystem and Administrators... */
	EXPECT_EQ(0, SETSD_AS(0, "medium", 0, P("f"), "O:SYD:(A;;FA;;;WD)"));
	EXPECT_TRUE(stored(P("f"), "O:SYD:(A;;FA;;;WD)"));
	EXPECT_EQ(0, SETSD_AS(0, "medium", 0, P("f"), "O:BAD:(A;;FA;;;WD)"));
	EXPECT_TRUE(stored(P("f"), "O:BAD:(A;;FA;;;WD)"));
	/* ...but not Everyone, nor Users, nor another user. */
	EXPECT_EQ(EPERM, SETSD_AS(0, "medium", 0, P("f"),
				  "O:WDD:(A;;FA;;;WD)"));
	EXPECT_EQ(EPERM, SETSD_AS(0, "medium", 0, P("f"),
				  "O:BUD:(A;;FA;;;WD)"));
	EXPECT_EQ(EPERM, SETSD_AS(0, "medium", 0, P("f"),
				  "O:" ALICE_SID "D:(A;;FA;;;WD)"));
	EXPECT_TRUE(stored(P("f"), "O:BAD:(A;;FA;;;WD)"));
}

TEST_F(owner, restore_privilege_names_anyone_at_medium_and_above_only)
{
	/* Root at System with every capability: SeRestorePrivilege. */
	make_file(_metadata, P("sys"), 0);
	EXPECT_EQ(0, SETSD_AS(0, "system", ALL_CAPS, P("sys"),
			      "O:WDD:(A;;FA;;;WD)"));
	EXPECT_TRUE(stored(P("sys"), "O:WDD:(A;;FA;;;WD)"));

	/*
	 * A Low file that root at Low may rewrite (WRITE_OWNER is granted):
	 * the capabilities are kept, the privilege is gone.
	 */
	make_file(_metadata, P("low"), 0);
	SET_SD(P("low"), "D:(A;;FA;;;WD)S:(ML;;NW;;;LW)");
	EXPECT_EQ(EPERM, SETSD_AS(0, "low", ALL_CAPS, P("low"),
				  "O:WDD:(A;;FA;;;WD)S:(ML;;NW;;;LW)"));
	EXPECT_EQ(EPERM, SETSD_AS(0, "low", ALL_CAPS, P("low"),
				  "O:" ALICE_SID "D:(A;;FA;;;WD)S:(ML;;NW;;;LW)"));
	EXPECT_TRUE(stored(P("low"), "D:(A;;FA;;;WD)S:(ML;;NW;;;LW)"));
	/* Control: LocalSystem is root's own group, privilege or not. */
	EXPECT_EQ(0, SETSD_AS(0, "low", ALL_CAPS, P("low"),
			      "O:SYD:(A;;FA;;;WD)S:(ML;;NW;;;LW)"));
	EXPECT_TRUE(stored(P("low"), "O:SYD:(A;;FA;;;WD)S:(ML;;NW;;;LW)"));
	/* Control: CAP_DAC_OVERRIDE alone is the privilege, at Medium. */
	EXPECT_EQ(0, SETSD_AS(0, "medium", CAPBIT(CAP_DAC_OVERRIDE), P("low"),
			      "O:WDD:(A;;FA;;;WD)S:(ML;;NW;;;LW)"));
	EXPECT_TRUE(stored(P("low"), "O:WDD:(A;;FA;;;WD)S:(ML;;NW;;;LW)"));
}

/* --- owners in a creator descriptor ------------------------------------- */

enum fscreate_step {
	C_BAD,			/* first refused owner */
	C_GOOD = 8,		/* the caller's own SID */
	C_CREATE,		/* a file created under it */
};

struct fscreate_arg {
	const char *bad[8];
	const char *good;
	const char *path;
};

/* Set creator descriptors, then create @path under the last good one. */
static void fscreate_steps(struct steps *s, const void *p)
{
	const struct fscreate_arg *a = p;
	struct sdbuf sd;
	unsigned int i;
	int fd;

	for (i = 0; i < ARRAY_SIZE(a->bad) && a->bad[i]; i++) {
		if (!sddl_encode(a->bad[i], &sd))
			return;
		s->rc[C_BAD + i] = set_attr(LSM_ATTR_FSCREATE, sd.b, sd.len);
	}
	if (!sddl_encode(a->good, &sd))
		return;
	s->rc[C_GOOD] = set_attr(LSM_ATTR_FSCREATE, sd.b, sd.len);
	fd = open(a->path, O_CREAT | O_EXCL | O_WRONLY, 0666);
	s->rc[C_CREATE] = rc_of(fd);
	if (fd >= 0)
		close(fd);
}

TEST_F(owner, creator_descriptor_owner_is_the_creator)
{
	struct fscreate_arg alice = {
		.bad = {
			"O:WDD:(A;;FA;;;WD)",
			"O:AUD:(A;;FA;;;WD)",
			"O:BUD:(A;;FA;;;WD)",
			"O:S-1-22-2-1000D:(A;;FA;;;WD)",
			"O:" BOB_SID "D:(A;;FA;;;WD)",
		},
		.good = "O:" ALICE_SID "D:(A;;FA;;;WD)",
		.path = P("alices"),
	};
	struct fscreate_arg low_root = {
		.bad = { "O:WDD:(A;;FA;;;WD)S:(ML;;NW;;;LW)" },
		.good = "O:SYD:(A;;FA;;;WD)S:(ML;;NW;;;LW)",
		.path = P("low/roots"),
	};
	struct fscreate_arg system_root = {
		.good = "O:WDD:(A;;FA;;;WD)",
		.path = P("everyones"),
	};
	struct steps *s = map_steps(_metadata);
	struct sdbuf b;
	unsigned int i;

	ASSERT_NE(NULL, s);
	make_dir(_metadata, P("low"), 0);
	SET_SD(P("low"), "S:(ML;OICI;NW;;;LW)");

	/* alice at Medium: only her own SID, and her file is hers. */
	ASSERT_EQ(0, run_steps(s, SUBJECT(ALICE, "medium", 0),
			       fscreate_steps, &alice));
	for (i = 0; i < 5; i++) {
		EXPECT_EQ(EPERM, s->rc[C_BAD + i]) {
			TH_LOG("%s", alice.bad[i]);
		}
	}
	EXPECT_EQ(0, s->rc[C_GOOD]);
	EXPECT_EQ(0, s->rc[C_CREATE]);
	ASSERT_LT(0, get_sd(P("alices"), &b));
	EXPECT_TRUE(sd_owner_is(&b, ALICE_SID));

	/* Root at Low with every capability has no SeRestorePrivilege. */
	ASSERT_EQ(0, run_steps(s, SUBJECT(0, "low", ALL_CAPS),
			       fscreate_steps, &low_root));
	EXPECT_EQ(EPERM, s->rc[C_BAD]);
	EXPECT_EQ(0, s->rc[C_GOOD]);
	EXPECT_EQ(0, s->rc[C_CREATE]);
	ASSERT_LT(0, get_sd(P("low/roots"), &b));
	EXPECT_TRUE(sd_owner_is(&b, "SY"));

	/* Control: root at System has it. */
	ASSERT_EQ(0, run_steps(s, SUBJECT(0, "system", ALL_CAPS),
			       fscreate_steps, &system_root));
	EXPECT_EQ(0, s->rc[C_GOOD]);
	EXPECT_EQ(0, s->rc[C_CREATE]);
	ASSERT_LT(0, get_sd(P("everyones"), &b));
	EXPECT_TRUE(sd_owner_is(&b, "WD"));
	munmap(s, sizeof(*s));
}

/* --- descriptors without a DACL -------------------------------------------- */

TEST_F(owner, system_root_folder_is_its_owners_to_change)
{
	struct sdbuf b;

	/* The root folder of a system drive: a label, and no DACL. */
	make_dir(_metadata, P("top"), ALICE);
	SET_SD(P("top"), "S:(ML;OINPIO;NW;;;HI)");

	/* bob is not the owner: no DACL gives him WRITE_DAC. */
	EXPECT_EQ(EPERM, RMSD_AS(BOB, "medium", 0, P("top")));
	EXPECT_EQ(EPERM, SETSD_AS(BOB, "medium", 0, P("top"),
				  "D:(A;;FA;;;WD)"));
	EXPECT_EQ(EPERM, SETSD_AS(BOB, "medium", 0, P("top"),
				  "D:(A;;FA;;;WD)S:(ML;OINPIO;NW;;;HI)"));
	EXPECT_TRUE(stored(P("top"), "S:(ML;OINPIO;NW;;;HI)"));

	/* So what a High process creates in it stays High. */
	ASSERT_EQ(0, AS_CAPS(0, "high", ALL_CAPS, .kind = OP_OPEN,
			     .path = P("top/boot.ini"),
			     .flags = O_CREAT | O_WRONLY));
	ASSERT_EQ(0, chmod(P("top/boot.ini"), 0666));
	ASSERT_LT(0, get_sd(P("top/boot.ini"), &b));
	EXPECT_TRUE(sd_has_nw_label(&b, WINSEC_ACE_INHERITED, "HI"));
	EXPECT_EQ(EACCES, AS(BOB, "medium", .kind = OP_OPEN,
			     .path = P("top/boot.ini"), .flags = O_WRONLY));
	EXPECT_EQ(0, AS(BOB, "medium", .kind = OP_OPEN,
			.path = P("top/boot.ini"), .flags = O_RDONLY));

	/* Control: alice, the owner, may rewrite it (not above Medium). */
	EXPECT_EQ(0, SETSD_AS(ALICE, "medium", 0, P("top"),
			      "S:(ML;OINPIO;NW;;;ME)"));
	EXPECT_TRUE(stored(P("top"), "S:(ML;OINPIO;NW;;;ME)"));
}

TEST_F(owner, low_folder_is_its_owners_to_change)
{
	make_dir(_metadata, P("low"), ALICE);
	SET_SD(P("low"), "S:(ML;OICI;NW;;;LW)");

	/* bob at Low may write in it, but not take it over. */
	EXPECT_EQ(EPERM, SETSD_AS(BOB, "low", 0, P("low"),
				  "O:" BOB_SID "D:(A;;FA;;;" BOB_SID
				  ")S:(ML;OICI;NW;;;LW)"));
	EXPECT_EQ(EPERM, SETSD_AS(BOB, "low", 0, P("low"),
				  "D:(A;;FA;;;WD)S:(ML;OICI;NW;;;LW)"));
	EXPECT_EQ(EPERM, RMSD_AS(BOB, "low", 0, P("low")));
	EXPECT_TRUE(stored(P("low"), "S:(ML;OICI;NW;;;LW)"));
	EXPECT_EQ(0, AS(BOB, "low", .kind = OP_OPEN, .path = P("low/bobs"),
			.flags = O_CREAT | O_WRONLY));

	/* Controls: alice at Low creates files and rewrites it, still Low. */
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = P("low/alices"),
			.flags = O_CREAT | O_WRONLY));
	EXPECT_EQ(0, SETSD_AS(ALICE, "low", 0, P("low"),
			      "D:(A;OICI;FA;;;" ALICE_SID
			      ")(A;OICI;FR;;;WD)S:(ML;OICI;NW;;;LW)"));
	EXPECT_TRUE(stored(P("low"), "D:(A;OICI;FA;;;" ALICE_SID
			   ")(A;OICI;FR;;;WD)S:(ML;OICI;NW;;;LW)"));
	/* Now the DACL decides, and it does not give bob WRITE_DAC. */
	EXPECT_EQ(EACCES, SETSD_AS(BOB, "low", 0, P("low"),
				   "D:(A;;FA;;;WD)S:(ML;OICI;NW;;;LW)"));
}

TEST_F(owner, absent_dacl_leaves_data_to_the_mode_bits)
{
	make_file(_metadata, P("f"), 0);
	ASSERT_EQ(0, chmod(P("f"), 0666));
	SET_SD(P("f"), "S:(ML;;NW;;;ME)");

	/* The mode bits let bob write the data, not the descriptor. */
	EXPECT_EQ(0, AS(BOB, "medium", .kind = OP_OPEN, .path = P("f"),
			.flags = O_RDWR));
	EXPECT_EQ(EPERM, SETSD_AS(BOB, "medium", 0, P("f"),
				  "D:(A;;FA;;;WD)S:(ML;;NW;;;ME)"));
	EXPECT_EQ(EPERM, RMSD_AS(BOB, "medium", 0, P("f")));
	EXPECT_TRUE(stored(P("f"), "S:(ML;;NW;;;ME)"));
	/* Control: CAP_FOWNER stands in for ownership. */
	EXPECT_EQ(0, SETSD_AS(BOB, "medium", CAPBIT(CAP_FOWNER), P("f"),
			      "D:(A;;FA;;;WD)S:(ML;;NW;;;ME)"));
	EXPECT_TRUE(stored(P("f"), "D:(A;;FA;;;WD)S:(ML;;NW;;;ME)"));
}

TEST_F(owner, null_dacl_lets_anyone_write_the_dacl)
{
	make_file(_metadata, P("f"), 0);
	ASSERT_EQ(0, chmod(P("f"), 0666));
	SET_SD(P("f"), "D:NO_ACCESS_CONTROL");

	/* As on Windows: an explicit NULL DACL grants WRITE_DAC to all. */
	EXPECT_EQ(0, SETSD_AS(BOB, "medium", 0, P("f"), "D:(A;;FA;;;WD)"));
	EXPECT_TRUE(stored(P("f"), "D:(A;;FA;;;WD)"));
}

/* --- the same rule for a SysV semaphore set ------------------------------ */

enum sem_step {
	S_CREATE,		/* semget(IPC_PRIVATE) */
	S_ID,			/* the identifier it returned */
	S_SET,			/* a descriptor through securityfs */
};

struct sem_arg {
	int id;
	const char *sddl;
};

static void sem_create(struct steps *s, const void *arg)
{
	int id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0666);

	s->rc[S_CREATE] = rc_of(id);
	s->rc[S_ID] = id;
}

static void sem_set(struct steps *s, const void *p)
{
	const struct sem_arg *a = p;

	s->rc[S_SET] = ipc_set(SEM, a->id, a->sddl);
}

TEST_F(owner, semaphore_without_dacl_is_its_owners_to_change)
{
	struct steps *s = map_steps(_metadata);
	struct sem_arg arg = { .sddl = "D:(A;;GA;;;WD)S:(ML;;NW;;;LW)" };
	struct sdbuf before, after;
	int id;

	ASSERT_NE(NULL, s);
	if (access(IPC_SET_FILE, F_OK))
		SKIP(return, "no SysV IPC (CONFIG_SYSVIPC)");
	/* A private IPC namespace when the kernel has them. */
	if (unshare(CLONE_NEWIPC))
		ASSERT_EQ(EINVAL, errno);

	/* Made by alice at Low: a Low label, and no DACL. */
	ASSERT_EQ(0, run_steps(s, SUBJECT(ALICE, "low", 0), sem_create, NULL));
	ASSERT_EQ(0, s->rc[S_CREATE]);
	id = s->rc[S_ID];
	arg.id = id;
	ASSERT_EQ(0, ipc_get(SEM, id, &before));
	ASSERT_LT(20U, before.len);
	EXPECT_TRUE(sd_has_nw_label(&before, 0, "LW"));
	EXPECT_EQ(-1, sd_ace_count(before.b, before.len, true));

	/* bob at Low is at the object's level, but not its owner. */
	ASSERT_EQ(0, run_steps(s, SUBJECT(BOB, "low", 0), sem_set, &arg));
	EXPECT_EQ(EPERM, s->rc[S_SET]);
	arg.sddl = "S:(ML;;NW;;;LW)";
	ASSERT_EQ(0, run_steps(s, SUBJECT(BOB, "low", 0), sem_set, &arg));
	EXPECT_EQ(EPERM, s->rc[S_SET]);
	ASSERT_EQ(0, ipc_get(SEM, id, &after));
	ASSERT_EQ(before.len, after.len);
	EXPECT_EQ(0, memcmp(before.b, after.b, after.len));

	/* Control: alice at Low may, keeping the Low label. */
	ASSERT_EQ(0, run_steps(s, SUBJECT(ALICE, "low", 0), sem_set, &arg));
	EXPECT_EQ(0, s->rc[S_SET]);
	ASSERT_EQ(0, ipc_get(SEM, id, &after));
	EXPECT_TRUE(sd_has_nw_label(&after, 0, "LW"));

	EXPECT_EQ(0, semctl(id, 0, IPC_RMID));
	munmap(s, sizeof(*s));
}

/* --- root at Low ------------------------------------------------------------ */

/*
 * Appending a second label ACE is a change of the label for files and
 * SysV objects alike: it needs WRITE_OWNER, and a level no higher than
 * the caller's. A Medium owner whom the DACL grants everything may not add
 * a High label, and may add one at or below its own level.
 */
#define APPEND_BASE	"O:" ALICE_SID "D:(A;;GA;;;WD)S:(ML;;NW;;;ME)"
#define APPEND_HIGH	APPEND_BASE "(ML;;NW;;;HI)"
#define APPEND_LOW	APPEND_BASE "(ML;;NR;;;LW)"

TEST_F(owner, high_label_appended_is_refused_to_files_and_ipc_alike)
{
	struct steps *s = map_steps(_metadata);
	struct sem_arg arg = { .sddl = APPEND_HIGH };
	struct sdbuf before, after, want;

	ASSERT_NE(NULL, s);
	make_file(_metadata, P("f"), ALICE);
	SET_SD(P("f"), APPEND_BASE);
	EXPECT_EQ(EPERM, SETSD_AS(ALICE, "medium", 0, P("f"), APPEND_HIGH));
	EXPECT_TRUE(stored(P("f"), APPEND_BASE));
	EXPECT_EQ(0, SETSD_AS(ALICE, "medium", 0, P("f"), APPEND_LOW));
	EXPECT_TRUE(stored(P("f"), APPEND_LOW));

	if (access(IPC_SET_FILE, F_OK))
		SKIP(return, "no SysV IPC (CONFIG_SYSVIPC)");
	if (unshare(CLONE_NEWIPC))
		ASSERT_EQ(EINVAL, errno);
	arg.id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0666);
	ASSERT_LE(0, arg.id);
	ASSERT_EQ(0, ipc_set(SEM, arg.id, APPEND_BASE));
	ASSERT_EQ(0, ipc_get(SEM, arg.id, &before));

	ASSERT_EQ(0, run_steps(s, SUBJECT(ALICE, "medium", 0), sem_set, &arg));
	EXPECT_EQ(EPERM, s->rc[S_SET]);
	ASSERT_EQ(0, ipc_get(SEM, arg.id, &after));
	ASSERT_EQ(before.len, after.len);
	EXPECT_EQ(0, memcmp(before.b, after.b, after.len));

	arg.sddl = APPEND_LOW;
	ASSERT_EQ(0, run_steps(s, SUBJECT(ALICE, "medium", 0), sem_set, &arg));
	EXPECT_EQ(0, s->rc[S_SET]);
	ASSERT_EQ(0, ipc_get(SEM, arg.id, &after));
	ASSERT_TRUE(sddl_encode(APPEND_LOW, &want));
	ASSERT_EQ(want.len, after.len);
	EXPECT_EQ(0, memcmp(want.b, after.b, after.len));
	EXPECT_EQ(0, semctl(arg.id, 0, IPC_RMID));
}

static bool level_is(const char *want)
{
	char level[64];

	get_level(level, sizeof(level));
	return !strcmp(level, want);
}

static char read_enforce(void)
{
	char buf[8] = "";
	int fd = open(ENFORCE, O_RDONLY);

	if (fd < 0)
		return '?';
	if (read(fd, buf, sizeof(buf) - 1) <= 0)
		buf[0] = '?';
	close(fd);
	return buf[0];
}

enum raise_step {
	R_RAISE,		/* set_level() to the first level */
	R_RAISE2,		/* set_level() to the second one */
	R_LEVEL,		/* 1 if the level is then @expect */
	R_OPEN_ENFORCE,		/* open(enforce, O_WRONLY) */
	R_WRITE_ENFORCE,	/* write("0") to it */
};

struct raise_arg {
	const char *to;
	const char *to2;
	const char *expect;
	bool enforce;		/* also try to switch enforcement off */
};

static void raise_steps(struct steps *s, const void *p)
{
	const struct raise_arg *a = p;
	int fd;

	s->rc[R_RAISE] = set_level(a->to);
	if (a->to2)
		s->rc[R_RAISE2] = set_level(a->to2);
	s->rc[R_LEVEL] = level_is(a->expect);
	if (!a->enforce)
		return;
	fd = open(ENFORCE, O_WRONLY);
	s->rc[R_OPEN_ENFORCE] = rc_of(fd);
	if (fd >= 0) {
		s->rc[R_WRITE_ENFORCE] = write(fd, "0", 1) == 1 ? 0 : errno;
		close(fd);
	}
}

TEST_F(owner, root_at_low_cannot_raise_itself)
{
	struct raise_arg low = {
		.to = "medium", .to2 = "system", .expect = "low",
		.enforce = true,
	};
	struct steps *s = map_steps(_metadata);

	ASSERT_NE(NULL, s);
	ASSERT_EQ(0, run_steps(s, SUBJECT(0, "low", ALL_CAPS),
			       raise_steps, &low));
	EXPECT_EQ(EPERM, s->rc[R_RAISE]);
	EXPECT_EQ(EPERM, s->rc[R_RAISE2]);
	EXPECT_EQ(1, s->rc[R_LEVEL]);
	/* The switch is an unlabeled, so Medium, file: no write up. */
	EXPECT_EQ(EACCES, s->rc[R_OPEN_ENFORCE]);
	EXPECT_EQ(NOT_REACHED, s->rc[R_WRITE_ENFORCE]);
	EXPECT_EQ('1', read_enforce());
	munmap(s, sizeof(*s));
}

TEST_F(owner, root_above_low_raises_itself_with_mac_admin)
{
	struct raise_arg to_system = { .to = "system", .expect = "system" };
	struct raise_arg to_high = { .to = "high", .expect = "high" };
	struct raise_arg stay = { .to = "high", .expect = "medium" };
	struct steps *s = map_steps(_metadata);

	ASSERT_NE(NULL, s);
	/* Controls: High with CAP_MAC_ADMIN to System; Medium to High. */
	ASSERT_EQ(0, run_steps(s, SUBJECT(0, "high", CAPBIT(CAP_MAC_ADMIN)),
			       raise_steps, &to_system));
	EXPECT_EQ(0, s->rc[R_RAISE]);
	EXPECT_EQ(1, s->rc[R_LEVEL]);
	ASSERT_EQ(0, run_steps(s, SUBJECT(0, "medium", ALL_CAPS),
			       raise_steps, &to_high));
	EXPECT_EQ(0, s->rc[R_RAISE]);
	EXPECT_EQ(1, s->rc[R_LEVEL]);
	/* At Medium it is CAP_MAC_ADMIN that raises, no other capability. */
	ASSERT_EQ(0, run_steps(s, SUBJECT(0, "medium",
					  ALL_CAPS & ~CAPBIT(CAP_MAC_ADMIN)),
			       raise_steps, &stay));
	EXPECT_EQ(EPERM, s->rc[R_RAISE]);
	EXPECT_EQ(1, s->rc[R_LEVEL]);
	munmap(s, sizeof(*s));
}

struct fd_write {
	int fd;
	const char *value;
};

static int write_fd(const void *p)
{
	const struct fd_write *a = p;

	return write(a->fd, a->value, strlen(a->value)) < 0 ? errno : 0;
}

/*
 * Write @value to the switch, through @fd opened at System, as root at
 * @level with every capability: 0 or the errno of the write.
 */
static int write_enforce_from(int fd, const char *level, const char *value)
{
	struct fd_write a = { .fd = fd, .value = value };

	return run_as(SUBJECT(0, level, ALL_CAPS), write_fd, &a);
}

TEST_F(owner, root_at_low_cannot_switch_enforcement_off)
{
	int fd = open(ENFORCE, O_WRONLY);

	/*
	 * The opener held CAP_MAC_ADMIN, which the switch checks; the
	 * writer's level decides as well. Control: from Medium it works
	 * (writing the value it has, so that nothing is left unenforced).
	 */
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, write_enforce_from(fd, "medium", "1"));
	EXPECT_EQ(EPERM, write_enforce_from(fd, "low", "0"));
	close(fd);
	EXPECT_EQ('1', read_enforce());
}

TEST_HARNESS_MAIN
