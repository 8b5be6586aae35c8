// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - descriptors of new files and directories: the
 * OI/CI/NP/IO table, CREATOR OWNER, labels, low creators, and the system
 * root folder story
 */

#include "desc.h"
#include "fsop.h"

#define ALICE_SID "S-1-22-1-1000"

FIXTURE(inherit) {};

FIXTURE_SETUP(inherit)
{
	prepare_tmpfs(_metadata);
}

FIXTURE_TEARDOWN(inherit)
{
}

/* ACE flags by their SDDL names, to keep the tables short. */
#define ID	WINSEC_ACE_INHERITED
#define OI	WINSEC_ACE_OBJECT_INHERIT
#define CI	WINSEC_ACE_CONTAINER_INHERIT
#define NP	WINSEC_ACE_NO_PROPAGATE_INHERIT
#define IO	WINSEC_ACE_INHERIT_ONLY
/* And rights. */
#define FA	WINSEC_FILE_ALL_ACCESS
#define FR	WINSEC_FILE_GENERIC_READ
#define GA	WINSEC_GENERIC_ALL

/*
 * The descriptor of @path, read as alice (root is bound by the DACLs and
 * may not read them), allows @mask to @sid in an ACE with @flags.
 */
#define ALLOWS(path, flags, mask, sid)					\
	({								\
		struct sdbuf _g;					\
		get_sd_as(ALICE, path, &_g) > 0 &&			\
			sd_allows(&_g, flags, mask, sid);		\
	})

/* The same for a no-write-up label at @level. */
#define LABELLED(path, flags, level)					\
	({								\
		struct sdbuf _g;					\
		get_sd_as(ALICE, path, &_g) > 0 &&			\
			sd_has_nw_label(&_g, flags, level);		\
	})

static bool unlabeled(const char *path)
{
	struct sdbuf b;

	return get_sd(path, &b) < 0 && errno == ENODATA;
}

TEST_F(inherit, nothing_inheritable_stays_unlabeled)
{
	make_dir(_metadata, P("d"), 0);
	SET_SD(P("d"), "D:(A;;FA;;;WD)");
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("d/f"),
			.flags = O_CREAT | O_WRONLY));
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_MKDIR, .path = P("d/s")));
	EXPECT_TRUE(unlabeled(P("d/f")));
	EXPECT_TRUE(unlabeled(P("d/s")));
}

TEST_F(inherit, object_and_container_inherit)
{
	struct sdbuf b;

	make_dir(_metadata, P("d"), 0);
	SET_SD(P("d"), "D:(A;OICI;FA;;;WD)");
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("d/f"),
			.flags = O_CREAT | O_WRONLY));
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_MKDIR, .path = P("d/s")));
	EXPECT_TRUE(ALLOWS(P("d/f"), ID, FA, "WD"));
	EXPECT_TRUE(ALLOWS(P("d/s"), OI | CI | ID, FA, "WD"));
	/* The owner is the creator's. */
	ASSERT_LT(0, get_sd(P("d/f"), &b));
	EXPECT_TRUE(sd_owner_is(&b, ALICE_SID));
}

TEST_F(inherit, object_inherit_only)
{
	make_dir(_metadata, P("d"), 0);
	SET_SD(P("d"), "D:(A;;FA;;;WD)(A;OI;FR;;;S-1-22-1-1001)");
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("d/f"),
			.flags = O_CREAT | O_WRONLY));
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_MKDIR, .path = P("d/s")));
	EXPECT_TRUE(ALLOWS(P("d/f"), ID, FR, "S-1-22-1-1001"));
	/* A container keeps it inherit-only, for its files. */
	EXPECT_TRUE(ALLOWS(P("d/s"), OI | IO | ID, FR, "S-1-22-1-1001"));
	EXPECT_EQ(EACCES, AS(BOB, NULL, .kind = OP_OPEN, .path = P("d/s"),
			     .flags = O_RDONLY | O_DIRECTORY));
}

TEST_F(inherit, container_inherit_only)
{
	make_dir(_metadata, P("d"), 0);
	SET_SD(P("d"), "D:(A;;FA;;;WD)(A;CI;FR;;;S-1-22-1-1001)");
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("d/f"),
			.flags = O_CREAT | O_WRONLY));
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_MKDIR, .path = P("d/s")));
	EXPECT_TRUE(unlabeled(P("d/f")));
	EXPECT_TRUE(ALLOWS(P("d/s"), CI | ID, FR, "S-1-22-1-1001"));
}

TEST_F(inherit, no_propagate)
{
	make_dir(_metadata, P("d"), 0);
	SET_SD(P("d"), "D:(A;;FA;;;WD)(A;OICINP;FA;;;S-1-22-1-1000)");
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("d/f"),
			.flags = O_CREAT | O_WRONLY));
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_MKDIR, .path = P("d/s")));
	EXPECT_TRUE(ALLOWS(P("d/f"), ID, FA, ALICE_SID));
	EXPECT_TRUE(ALLOWS(P("d/s"), ID, FA, ALICE_SID));
	/* One generation only. */
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("d/s/g"),
			.flags = O_CREAT | O_WRONLY));
	EXPECT_TRUE(unlabeled(P("d/s/g")));
}

TEST_F(inherit, inherit_only_does_not_apply_to_the_folder)
{
	make_dir(_metadata, P("d"), 0);
	SET_SD(P("d"), SDDLF("D:(A;OICIIO;FA;;;" ALICE_SID ")(A;;%#x;;;" ALICE_SID
			     ")", RIGHTS_RX_ADD_FILE));
	/* The folder does not grant ADD_SUBDIRECTORY: the IO entry is ignored. */
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_MKDIR, .path = P("d/s")));
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("d/f"),
			.flags = O_CREAT | O_WRONLY));
	EXPECT_TRUE(ALLOWS(P("d/f"), ID, FA, ALICE_SID));
}

TEST_F(inherit, creator_owner)
{
	make_dir(_metadata, P("d"), 0);
	SET_SD(P("d"), SDDLF("D:(A;;%#x;;;WD)(A;OICIIO;GA;;;CO)",
			     RIGHTS_RX_ADD_ANY));
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("d/f"),
			.flags = O_CREAT | O_WRONLY));
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_MKDIR, .path = P("d/s")));
	EXPECT_TRUE(ALLOWS(P("d/f"), ID, FA, ALICE_SID));
	/* A container gets the resolved ACE and the generic one to pass on. */
	EXPECT_TRUE(ALLOWS(P("d/s"), ID, FA, ALICE_SID));
	EXPECT_TRUE(ALLOWS(P("d/s"), OI | CI | IO | ID, GA, "CO"));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("d/f"),
			.flags = O_RDWR));
	EXPECT_EQ(EACCES, AS(BOB, NULL, .kind = OP_OPEN, .path = P("d/f"),
			     .flags = O_RDONLY));
}

TEST_F(inherit, label_is_inherited)
{
	make_dir(_metadata, P("low"), 0);
	SET_SD(P("low"), "D:(A;OICI;FA;;;WD)S:(ML;OICI;NW;;;LW)");
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("low/f"),
			.flags = O_CREAT | O_WRONLY));
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_MKDIR, .path = P("low/s")));
	EXPECT_TRUE(LABELLED(P("low/f"), ID, "LW"));
	EXPECT_TRUE(LABELLED(P("low/s"), OI | CI | ID, "LW"));
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = P("low/f"),
			.flags = O_WRONLY));
}

TEST_F(inherit, low_creator_labels_at_its_level)
{
	make_dir(_metadata, P("d"), 0);
	SET_SD(P("d"), "D:(A;;FA;;;WD)S:(ML;;NW;;;LW)");
	ASSERT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = P("d/f"),
			.flags = O_CREAT | O_WRONLY));
	EXPECT_TRUE(LABELLED(P("d/f"), 0, "LW"));
	/* Medium may write it; Untrusted may not. */
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = P("d/f"),
			.flags = O_WRONLY));
	EXPECT_EQ(EACCES, AS(ALICE, "untrusted", .kind = OP_OPEN,
			     .path = P("d/f"), .flags = O_WRONLY));
}

TEST_F(inherit, label_never_above_the_creator)
{
	/* The system root folder of seed 002. */
	make_dir(_metadata, P("root"), 0);
	SET_SD(P("root"), "D:(A;OICI;FA;;;WD)S:(ML;OINPIO;NW;;;HI)");
	/* Medium users can still create subfolders and files... */
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_MKDIR, .path = P("root/mine")));
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("root/mine/f"),
			.flags = O_CREAT | O_WRONLY));
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("root/m"),
			.flags = O_CREAT | O_WRONLY));
	EXPECT_FALSE(LABELLED(P("root/m"), ID, "HI"));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("root/m"),
			.flags = O_WRONLY));
	/* ...but what a High process creates directly in it is High. */
	ASSERT_EQ(0, AS_CAPS(0, "high", 0, .kind = OP_OPEN, .path = P("root/h"),
			     .flags = O_CREAT | O_WRONLY));
	ASSERT_EQ(0, chmod(P("root/h"), 0777));
	EXPECT_TRUE(LABELLED(P("root/h"), ID, "HI"));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("root/h"),
			     .flags = O_WRONLY));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("root/h"),
			.flags = O_RDONLY));
	/* Subfolders do not inherit the High label (NP, OI only). */
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("root/mine/f"),
			.flags = O_WRONLY));
}

TEST_F(inherit, creator_descriptor_comes_first)
{
	struct sdbuf c = SD("D:(A;;FR;;;S-1-22-1-1001)");

	make_dir(_metadata, P("d"), 0);
	SET_SD(P("d"), "D:(A;OICI;FA;;;S-1-22-1-1000)");
	EXPECT_EQ(0, run_as(SUBJECT(ALICE, NULL, 0), create_with_fscreate,
			    &(struct fscreate_file){ P("d/f"), &c }));
	EXPECT_TRUE(ALLOWS(P("d/f"), 0, FR, "S-1-22-1-1001"));
	EXPECT_TRUE(ALLOWS(P("d/f"), ID, FA, ALICE_SID));
	EXPECT_EQ(0, AS(BOB, NULL, .kind = OP_OPEN, .path = P("d/f"),
			.flags = O_RDONLY));
}

TEST_HARNESS_MAIN
