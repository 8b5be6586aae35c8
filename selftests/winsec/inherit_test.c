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

#define ID 0x10
#define OI 0x01
#define CI 0x02
#define NP 0x04
#define IO 0x08

/* Read as alice: root is bound by the DACLs and may not read them. */
#define HAS(path, dacl, type, flags, mask, sid)				\
	({								\
		struct sdbuf _g;					\
		get_sd_as(ALICE, path, &_g) > 0 &&			\
			sd_has_ace(_g.b, _g.len, dacl, type, flags, mask, sid); \
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
	struct sdbuf b, o;

	make_dir(_metadata, P("d"), 0);
	SET_SD(P("d"), "D:(A;OICI;FA;;;WD)");
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("d/f"),
			.flags = O_CREAT | O_WRONLY));
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_MKDIR, .path = P("d/s")));
	EXPECT_TRUE(HAS(P("d/f"), true, 0, ID, 0x1f01ff, "WD"));
	EXPECT_TRUE(HAS(P("d/s"), true, 0, OI | CI | ID, 0x1f01ff, "WD"));
	/* The owner is the creator's. */
	ASSERT_LT(0, get_sd(P("d/f"), &b));
	ASSERT_TRUE(sddl_encode("O:" ALICE_SID, &o));
	EXPECT_EQ(0, memcmp(b.b + (b.b[4] | b.b[5] << 8), o.b + 20, 16));
}

TEST_F(inherit, object_inherit_only)
{
	make_dir(_metadata, P("d"), 0);
	SET_SD(P("d"), "D:(A;;FA;;;WD)(A;OI;FR;;;S-1-22-1-1001)");
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("d/f"),
			.flags = O_CREAT | O_WRONLY));
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_MKDIR, .path = P("d/s")));
	EXPECT_TRUE(HAS(P("d/f"), true, 0, ID, 0x120089, "S-1-22-1-1001"));
	/* A container keeps it inherit-only, for its files. */
	EXPECT_TRUE(HAS(P("d/s"), true, 0, OI | IO | ID, 0x120089,
			"S-1-22-1-1001"));
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
	EXPECT_TRUE(HAS(P("d/s"), true, 0, CI | ID, 0x120089, "S-1-22-1-1001"));
}

TEST_F(inherit, no_propagate)
{
	make_dir(_metadata, P("d"), 0);
	SET_SD(P("d"), "D:(A;;FA;;;WD)(A;OICINP;FA;;;S-1-22-1-1000)");
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("d/f"),
			.flags = O_CREAT | O_WRONLY));
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_MKDIR, .path = P("d/s")));
	EXPECT_TRUE(HAS(P("d/f"), true, 0, ID, 0x1f01ff, ALICE_SID));
	EXPECT_TRUE(HAS(P("d/s"), true, 0, ID, 0x1f01ff, ALICE_SID));
	/* One generation only. */
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("d/s/g"),
			.flags = O_CREAT | O_WRONLY));
	EXPECT_TRUE(unlabeled(P("d/s/g")));
}

TEST_F(inherit, inherit_only_does_not_apply_to_the_folder)
{
	make_dir(_metadata, P("d"), 0);
	SET_SD(P("d"),
	       "D:(A;OICIIO;FA;;;S-1-22-1-1000)(A;;0x1200ab;;;S-1-22-1-1000)");
	/* The folder does not grant ADD_SUBDIRECTORY: the IO entry is ignored. */
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_MKDIR, .path = P("d/s")));
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("d/f"),
			.flags = O_CREAT | O_WRONLY));
	EXPECT_TRUE(HAS(P("d/f"), true, 0, ID, 0x1f01ff, ALICE_SID));
}

TEST_F(inherit, creator_owner)
{
	make_dir(_metadata, P("d"), 0);
	SET_SD(P("d"), "D:(A;;0x1200af;;;WD)(A;OICIIO;GA;;;CO)");
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("d/f"),
			.flags = O_CREAT | O_WRONLY));
	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_MKDIR, .path = P("d/s")));
	EXPECT_TRUE(HAS(P("d/f"), true, 0, ID, 0x1f01ff, ALICE_SID));
	/* A container gets the resolved ACE and the generic one to pass on. */
	EXPECT_TRUE(HAS(P("d/s"), true, 0, ID, 0x1f01ff, ALICE_SID));
	EXPECT_TRUE(HAS(P("d/s"), true, 0, OI | CI | IO | ID, 0x10000000,
			"CO"));
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
	EXPECT_TRUE(HAS(P("low/f"), false, 0x11, ID, 1, "LW"));
	EXPECT_TRUE(HAS(P("low/s"), false, 0x11, OI | CI | ID, 1, "LW"));
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = P("low/f"),
			.flags = O_WRONLY));
}

TEST_F(inherit, low_creator_labels_at_its_level)
{
	make_dir(_metadata, P("d"), 0);
	SET_SD(P("d"), "D:(A;;FA;;;WD)S:(ML;;NW;;;LW)");
	ASSERT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = P("d/f"),
			.flags = O_CREAT | O_WRONLY));
	EXPECT_TRUE(HAS(P("d/f"), false, 0x11, 0, 1, "LW"));
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
	EXPECT_FALSE(HAS(P("root/m"), false, 0x11, ID, 1, "HI"));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("root/m"),
			.flags = O_WRONLY));
	/* ...but what a High process creates directly in it is High. */
	ASSERT_EQ(0, AS_CAPS(0, "high", 0, .kind = OP_OPEN, .path = P("root/h"),
			     .flags = O_CREAT | O_WRONLY));
	ASSERT_EQ(0, chmod(P("root/h"), 0777));
	EXPECT_TRUE(HAS(P("root/h"), false, 0x11, ID, 1, "HI"));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("root/h"),
			     .flags = O_WRONLY));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("root/h"),
			.flags = O_RDONLY));
	/* Subfolders do not inherit the High label (NP, OI only). */
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("root/mine/f"),
			.flags = O_WRONLY));
}

/* Create d/f under the creator descriptor @p: 0 or an errno. */
static int create_with_fscreate(const void *p)
{
	const struct sdbuf *c = p;
	int rc, fd;

	rc = set_attr(LSM_ATTR_FSCREATE, c->b, c->len);
	if (rc)
		return PREP_FAILED + rc;
	fd = open(P("d/f"), O_CREAT | O_WRONLY, 0666);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

TEST_F(inherit, creator_descriptor_comes_first)
{
	struct sdbuf c = SD("D:(A;;FR;;;S-1-22-1-1001)");

	make_dir(_metadata, P("d"), 0);
	SET_SD(P("d"), "D:(A;OICI;FA;;;S-1-22-1-1000)");
	EXPECT_EQ(0, run_as(SUBJECT(ALICE, NULL, 0), create_with_fscreate, &c));
	EXPECT_TRUE(HAS(P("d/f"), true, 0, 0, 0x120089, "S-1-22-1-1001"));
	EXPECT_TRUE(HAS(P("d/f"), true, 0, ID, 0x1f01ff, ALICE_SID));
	EXPECT_EQ(0, AS(BOB, NULL, .kind = OP_OPEN, .path = P("d/f"),
			.flags = O_RDONLY));
}

TEST_HARNESS_MAIN
