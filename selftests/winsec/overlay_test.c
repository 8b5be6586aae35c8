// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - overlayfs: a file created through an overlay is
 * labelled as if its creator had made it (overlayfs creates the real file
 * with the mounter's credentials), the mappings of a file keep the rights
 * of the user's handle even though overlayfs maps the real file, and the
 * overlay does not bypass no-write-up.
 *
 * Each test mounts an overlay of its own inside the private tmpfs: lower/
 * holds the files prepared before mounting, upper/ receives what is
 * created or copied up, merged/ is the overlay.
 */

#include "desc.h"
#include "fsop.h"

#define LOWER		P("lower")
#define UPPER		P("upper")
#define WORK		P("work")
#define MERGED		P("merged")
#define M(name)		MERGED "/" name

/* Readable and executable by all. */
#define SD_RX		"D:(A;;FRFX;;;WD)"
/* Readable by all, without FILE_EXECUTE. */
#define SD_R		"D:(A;;FR;;;WD)"
/* A Low directory open to all; the label is its own, not inherited. */
#define SD_LOW_DIR	"D:(A;OICI;FA;;;WD)S:(ML;;NW;;;LW)"
/* A Low directory whose label is inherited by what is created in it. */
#define SD_LOW_TREE	"D:(A;OICI;FA;;;WD)S:(ML;OICI;NW;;;LW)"

FIXTURE(overlay) {
	bool mounted;
};

FIXTURE_SETUP(overlay)
{
	prepare_tmpfs(_metadata);
	make_dir(_metadata, LOWER, 0);
	make_dir(_metadata, UPPER, 0);
	make_dir(_metadata, WORK, 0);
	make_dir(_metadata, MERGED, 0);

	/* Prepared in the lower layer, seen through the overlay. */
	make_file(_metadata, LOWER "/noexec", 0);
	SET_SD(LOWER "/noexec", SD_R);
	make_file(_metadata, LOWER "/exec", 0);
	SET_SD(LOWER "/exec", SD_RX);
	make_file(_metadata, LOWER "/plain", 0);
	make_dir(_metadata, LOWER "/plaindir", 0);
	make_dir(_metadata, LOWER "/lowdir", 0);
	SET_SD(LOWER "/lowdir", SD_LOW_DIR);

	ASSERT_EQ(0, mount("overlay", MERGED, "overlay", 0,
			   "lowerdir=" LOWER ",upperdir=" UPPER
			   ",workdir=" WORK)) {
		TH_LOG("mounting the overlay: %s", strerror(errno));
	}
	self->mounted = true;
}

FIXTURE_TEARDOWN(overlay)
{
	if (self->mounted)
		umount2(MERGED, MNT_DETACH);
}

/* Whether @path carries the label ACE (@flags, NW, @level) first. */
static bool has_label(const char *path, __u8 flags, const char *level)
{
	struct sdbuf b;

	return get_sd(path, &b) > 0 &&
	       sd_has_nw_label(&b, flags, level);
}

/* Whether the owner of @path is @sid. */
static bool has_owner(const char *path, const char *sid)
{
	struct sdbuf b;

	return get_sd(path, &b) > 0 && sd_owner_is(&b, sid);
}

/*
 * ALICE at Low creates a file in a Low directory of the overlay: it gets
 * her level, as it would outside an overlay (the directory's label is not
 * inheritable, so only the creator's level can put it there), in the
 * overlay and in the upper layer, and she can write it again later.
 */
TEST_F(overlay, a_low_creator_labels_its_file_low)
{
	ASSERT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = M("lowdir/new"),
			.flags = O_CREAT | O_WRONLY));
	EXPECT_TRUE(has_label(M("lowdir/new"), 0, "LW"));
	EXPECT_TRUE(has_label(UPPER "/lowdir/new", 0, "LW"));
	EXPECT_TRUE(has_owner(M("lowdir/new"), "S-1-22-1-1000"));
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = M("lowdir/new"),
			.flags = O_WRONLY));
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_MKDIR,
			.path = M("lowdir/newdir")));
	EXPECT_TRUE(has_label(M("lowdir/newdir"), 0, "LW"));
}

/*
 * Control: at Medium the same creation leaves the file unlabeled, that is
 * Medium, which a Low task may not write: the overlay's own (System)
 * credentials do not decide the label either way.
 */
TEST_F(overlay, a_medium_creator_leaves_its_file_medium)
{
	struct sdbuf b;

	ASSERT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = M("lowdir/new"),
			.flags = O_CREAT | O_WRONLY));
	/* It inherits the directory's DACL, and no label. */
	ASSERT_LT(0, get_sd(M("lowdir/new"), &b));
	EXPECT_TRUE(sd_allows(&b, WINSEC_ACE_INHERITED, WINSEC_FILE_ALL_ACCESS,
			      "WD"));
	EXPECT_GE(0, sd_ace_count(b.b, b.len, false));
	EXPECT_EQ(EACCES, AS(ALICE, "low", .kind = OP_OPEN,
			     .path = M("lowdir/new"), .flags = O_WRONLY));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = M("lowdir/new"),
			.flags = O_WRONLY));
}

/*
 * A directory made and labelled through the overlay, with an inheritable
 * Low label: Low creates in it, the file inherits the label, and Low can
 * write it again.
 */
TEST_F(overlay, a_directory_labelled_through_the_overlay)
{
	ASSERT_EQ(0, mkdir(M("tree"), 0777));
	SET_SD(M("tree"), SD_LOW_TREE);
	ASSERT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = M("tree/new"),
			.flags = O_CREAT | O_WRONLY));
	EXPECT_TRUE(has_label(M("tree/new"), WINSEC_ACE_INHERITED, "LW"));
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = M("tree/new"),
			.flags = O_WRONLY));
}

/* The overlay does not bypass winsec: Low cannot add to a Medium dir. */
TEST_F(overlay, low_cannot_create_in_an_unlabeled_directory)
{
	EXPECT_EQ(EACCES, AS(ALICE, "low", .kind = OP_OPEN,
			     .path = M("plaindir/new"),
			     .flags = O_CREAT | O_WRONLY));
	EXPECT_EQ(EACCES, AS(ALICE, "low", .kind = OP_MKDIR,
			     .path = M("plaindir/newdir")));
	EXPECT_EQ(-1, access(M("plaindir/new"), F_OK));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN,
			.path = M("plaindir/new"),
			.flags = O_CREAT | O_WRONLY));
}

/* Nor write an unlabeled file, before or after it is copied up. */
TEST_F(overlay, low_cannot_write_an_unlabeled_file)
{
	EXPECT_EQ(EACCES, AS(ALICE, "low", .kind = OP_OPEN,
			     .path = M("plain"), .flags = O_WRONLY));
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = M("plain"),
			.flags = O_RDONLY));
	/* Medium may; its write copies the file up. */
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = M("plain"),
			.flags = O_WRONLY));
	EXPECT_EQ(0, access(UPPER "/plain", F_OK));
	EXPECT_EQ(EACCES, AS(ALICE, "low", .kind = OP_OPEN,
			     .path = M("plain"), .flags = O_WRONLY));
}

/*
 * Mapping a file without FILE_EXECUTE for execution is refused, whether
 * asked by mmap() or later by mprotect() on a readable mapping: overlayfs
 * maps the real file, which keeps the rights of the user's handle.
 */
TEST_F(overlay, mappings_keep_the_rights_of_the_handle)
{
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = M("noexec"),
			.flags = O_RDONLY));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_MMAP_EXEC,
			     .path = M("noexec")));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_MPROTECT_EXEC,
			     .path = M("noexec")));
	/* Control: with FILE_EXECUTE both are allowed. */
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_MMAP_EXEC, .path = M("exec")));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_MPROTECT_EXEC,
			.path = M("exec")));
}

TEST_HARNESS_MAIN
