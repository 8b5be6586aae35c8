// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - reading and writing security.winsec: who may set the
 * DACL, the owner and the label; malformed values; a corrupted stored
 * value failing closed
 */

#include "desc.h"
#include "fsop.h"

#include <linux/loop.h>
#include <sys/ioctl.h>

FIXTURE(xattr) {};

FIXTURE_SETUP(xattr)
{
	prepare_tmpfs(_metadata);
}

FIXTURE_TEARDOWN(xattr)
{
}

#define SETSD_AS(_uid, _level, _caps, _path, _text)			\
	({								\
		struct sdbuf _b = SD(_text);				\
		AS_CAPS(_uid, _level, _caps, .kind = OP_SETXATTR,	\
			.path = _path, .path2 = WINSEC_XATTR_NAME,	\
			.val = _b.b, .len = _b.len);			\
	})

#define GETSD_AS(_uid, _level, _caps, _path)				\
	AS_CAPS(_uid, _level, _caps, .kind = OP_GETXATTR,		\
		.path = _path, .path2 = WINSEC_XATTR_NAME)

/* The stored value, as @uid reads it, equals the encoding of @text. */
static bool stored_as(uid_t uid, const char *path, const char *text)
{
	struct sdbuf want, got;

	if (!sddl_encode(text, &want) || get_sd_as(uid, path, &got) < 0)
		return false;
	return got.len == want.len && !memcmp(got.b, want.b, got.len);
}

TEST_F(xattr, owner_sets_dacl_without_cap_sys_admin)
{
	make_file(_metadata, P("f"), ALICE);
	EXPECT_EQ(0, SETSD_AS(ALICE, NULL, 0, P("f"),
			      "D:(A;;FA;;;S-1-22-1-1000)"));
	EXPECT_TRUE(stored_as(ALICE, P("f"), "D:(A;;FA;;;S-1-22-1-1000)"));
	/* And again, now that the object is labelled: WRITE_DAC as owner. */
	EXPECT_EQ(0, SETSD_AS(ALICE, NULL, 0, P("f"), "D:(A;;FR;;;WD)"));
	EXPECT_TRUE(stored_as(0, P("f"), "D:(A;;FR;;;WD)"));
}

TEST_F(xattr, first_descriptor_is_the_owners)
{
	struct sdbuf b;

	make_file(_metadata, P("f"), ALICE);
	EXPECT_EQ(EPERM, SETSD_AS(BOB, NULL, 0, P("f"), "D:(A;;FA;;;WD)"));
	EXPECT_EQ(-1, get_sd(P("f"), &b));
	EXPECT_EQ(ENODATA, errno);
	/* CAP_FOWNER stands in for ownership, as for chmod. */
	EXPECT_EQ(0, SETSD_AS(BOB, NULL, CAPBIT(CAP_FOWNER), P("f"),
			      "D:(A;;FA;;;WD)"));
}

TEST_F(xattr, low_owner_cannot_label_medium_object)
{
	struct sdbuf b;

	make_file(_metadata, P("f"), ALICE);
	EXPECT_EQ(EACCES, SETSD_AS(ALICE, "low", 0, P("f"), "D:(A;;FA;;;WD)"));
	EXPECT_EQ(-1, get_sd(P("f"), &b));
}

/* Owned by @owner, granting @mask to everyone (and @label, SACL text). */
#define OWNED_SD(owner, mask, label)					\
	SDDLF("O:" owner "D:(A;;%#x;;;WD)" label, (unsigned int)(mask))

TEST_F(xattr, write_dac_changes_only_the_dacl)
{
	make_file(_metadata, P("f"), 0);
	SET_SD(P("f"), SDDLF("O:S-1-22-1-0D:(A;;%#x;;;S-1-22-1-1000)",
			     RIGHTS_READ_WRITE_DAC));
	EXPECT_EQ(0, SETSD_AS(ALICE, NULL, 0, P("f"),
			      OWNED_SD("S-1-22-1-0", RIGHTS_READ_WRITE_DAC, "")));
	EXPECT_EQ(EACCES, SETSD_AS(BOB, NULL, 0, P("f"),
				   OWNED_SD("S-1-22-1-1001",
					    RIGHTS_READ_WRITE_DAC, "")));
	EXPECT_EQ(EACCES, SETSD_AS(ALICE, NULL, 0, P("f"),
				   OWNED_SD("S-1-22-1-0", RIGHTS_READ_WRITE_DAC,
					    "S:(ML;;NW;;;LW)")));
	EXPECT_TRUE(stored_as(0, P("f"),
			      OWNED_SD("S-1-22-1-0", RIGHTS_READ_WRITE_DAC, "")));
}

TEST_F(xattr, write_owner_takes_ownership_for_oneself_only)
{
	make_file(_metadata, P("f"), 0);
	SET_SD(P("f"), OWNED_SD("S-1-22-1-0", RIGHTS_READ_WRITE_OWNER, ""));
	EXPECT_EQ(EPERM, SETSD_AS(ALICE, NULL, 0, P("f"),
				  OWNED_SD("S-1-22-1-1001",
					   RIGHTS_READ_WRITE_OWNER, "")));
	EXPECT_EQ(0, SETSD_AS(ALICE, NULL, 0, P("f"),
			      OWNED_SD("S-1-22-1-1000",
				       RIGHTS_READ_WRITE_OWNER, "")));
	EXPECT_TRUE(stored_as(0, P("f"),
			      OWNED_SD("S-1-22-1-1000",
				       RIGHTS_READ_WRITE_OWNER, "")));
}

TEST_F(xattr, label_no_higher_than_own_level)
{
	make_file(_metadata, P("f"), ALICE);
	EXPECT_EQ(0, SETSD_AS(ALICE, NULL, 0, P("f"), "S:(ML;;NW;;;LW)"));
	EXPECT_EQ(0, SETSD_AS(ALICE, NULL, 0, P("f"), "S:(ML;;NW;;;ME)"));
	EXPECT_EQ(EPERM, SETSD_AS(ALICE, NULL, 0, P("f"), "S:(ML;;NW;;;HI)"));
	EXPECT_EQ(EPERM, SETSD_AS(ALICE, NULL, 0, P("f"),
				  "S:(ML;OICIIO;NW;;;HI)"));
	/* Root is bound too, without CAP_MAC_ADMIN (SeRelabelPrivilege). */
	EXPECT_EQ(EPERM, SETSD_AS(0, "high",
				  CAPBIT(CAP_FOWNER) | CAPBIT(CAP_DAC_OVERRIDE),
				  P("f"), "S:(ML;;NW;;;SI)"));
	/*
	 * The descriptor has no DACL: only the Unix owner or CAP_FOWNER may
	 * replace it, and the System label needs CAP_MAC_ADMIN.
	 */
	EXPECT_EQ(EPERM, SETSD_AS(0, "high", CAPBIT(CAP_MAC_ADMIN), P("f"),
				  "S:(ML;;NW;;;SI)"));
	EXPECT_EQ(0, SETSD_AS(0, "high", CAPBIT(CAP_MAC_ADMIN) | CAPBIT(CAP_FOWNER),
			      P("f"), "S:(ML;;NW;;;SI)"));
	EXPECT_TRUE(stored_as(0, P("f"), "S:(ML;;NW;;;SI)"));
}

TEST_F(xattr, low_task_cannot_relabel_upwards)
{
	make_file(_metadata, P("f"), ALICE);
	SET_SD(P("f"), "S:(ML;;NW;;;LW)");
	/* Its own Low file: the DACL may change, the label may not rise. */
	EXPECT_EQ(0, SETSD_AS(ALICE, "low", 0, P("f"),
			      "D:(A;;FA;;;WD)S:(ML;;NW;;;LW)"));
	EXPECT_EQ(EPERM, SETSD_AS(ALICE, "low", 0, P("f"),
				  "D:(A;;FA;;;WD)S:(ML;;NW;;;ME)"));
	/* Removing the label would make it Medium: that is raising it too. */
	EXPECT_EQ(EPERM, SETSD_AS(ALICE, "low", 0, P("f"), "D:(A;;FA;;;WD)"));
	EXPECT_EQ(EPERM, AS(ALICE, "low", .kind = OP_REMOVEXATTR,
			    .path = P("f"), .path2 = WINSEC_XATTR_NAME));
	EXPECT_TRUE(stored_as(0, P("f"), "D:(A;;FA;;;WD)S:(ML;;NW;;;LW)"));
}

TEST_F(xattr, audit_entries_need_security_privilege)
{
	make_file(_metadata, P("f"), ALICE);
	EXPECT_EQ(EPERM, SETSD_AS(ALICE, NULL, 0, P("f"),
				  "D:(A;;FA;;;WD)S:(AU;SA;FA;;;WD)"));
	EXPECT_EQ(0, SETSD_AS(0, NULL, CAPBIT(CAP_MAC_ADMIN) | CAPBIT(CAP_FOWNER),
			      P("f"), "D:(A;;FA;;;WD)S:(AU;SA;FA;;;WD)"));
	/* Reading a descriptor with audit entries needs the privilege too. */
	EXPECT_EQ(EACCES, GETSD_AS(ALICE, NULL, 0, P("f")));
	EXPECT_EQ(0, GETSD_AS(0, NULL, CAPBIT(CAP_MAC_ADMIN), P("f")));
}

TEST_F(xattr, reading_needs_read_control)
{
	make_file(_metadata, P("f"), 0);
	SET_SD(P("f"), "O:S-1-22-1-0D:(A;;FR;;;S-1-22-1-1000)");
	EXPECT_EQ(0, GETSD_AS(ALICE, NULL, 0, P("f")));
	EXPECT_EQ(EACCES, GETSD_AS(BOB, NULL, 0, P("f")));
	/* Unlabeled: nothing stored, nothing to hide. */
	make_file(_metadata, P("u"), 0);
	EXPECT_EQ(ENODATA, GETSD_AS(BOB, NULL, 0, P("u")));
}

TEST_F(xattr, remove_needs_write_dac_and_write_owner)
{
	make_file(_metadata, P("f"), 0);
	SET_SD(P("f"), OWNED_SD("S-1-22-1-0", RIGHTS_READ_WRITE_DAC, ""));
	make_file(_metadata, P("g"), 0);
	SET_SD(P("g"), OWNED_SD("S-1-22-1-0", RIGHTS_READ_WRITE_BOTH, ""));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_REMOVEXATTR,
			     .path = P("f"), .path2 = WINSEC_XATTR_NAME));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_REMOVEXATTR, .path = P("g"),
			.path2 = WINSEC_XATTR_NAME));
	EXPECT_EQ(0, AS(BOB, NULL, .kind = OP_OPEN, .path = P("g"),
			.flags = O_WRONLY));
}

/*
 * A malformed value for each way a descriptor can be wrong, in hex, field
 * by field: the fields follow each other.
 */
FIXTURE(malformed) {};

FIXTURE_VARIANT(malformed) {
	const char *hex[8];
};

FIXTURE_VARIANT_ADD(malformed, empty) {
	.hex = { "" },
};

FIXTURE_VARIANT_ADD(malformed, short_header) {
	.hex = { "0100048000000000000000" },
};

FIXTURE_VARIANT_ADD(malformed, revision_2) {
	.hex = { "02000480000000000000000000000000", "00000000" },
};

FIXTURE_VARIANT_ADD(malformed, not_self_relative) {
	.hex = { "01000400000000000000000000000000", "14000000",
		 "020008000000000000" },
};

FIXTURE_VARIANT_ADD(malformed, dacl_offset_past_the_end) {
	.hex = { "01000480000000000000000000000000", "ff000000" },
};

FIXTURE_VARIANT_ADD(malformed, offset_inside_the_header) {
	.hex = { "01000480000000000000000000000000", "04000000" },
};

FIXTURE_VARIANT_ADD(malformed, owner_sid_with_no_sub_authorities) {
	.hex = { "01000080", "14000000", "00000000", "00000000", "00000000",
		 "0100000000000005" },
};

FIXTURE_VARIANT_ADD(malformed, acl_count_larger_than_the_acl) {
	.hex = { "01000480000000000000000000000000", "14000000",
		 "0200080005000000" },
};

FIXTURE_VARIANT_ADD(malformed, ace_size_not_a_multiple_of_4) {
	.hex = { "01000480000000000000000000000000", "14000000",
		 "02001c0001000000", "00001300", "ff011f00",
		 "010100000000000100000000" },
};

FIXTURE_VARIANT_ADD(malformed, ace_sid_beyond_the_ace) {
	.hex = { "01000480000000000000000000000000", "14000000",
		 "0200200001000000", "00001800", "ff011f00",
		 "0105000000000005", "0000000000000000", "0000000000000000" },
};

FIXTURE_SETUP(malformed)
{
	prepare_tmpfs(_metadata);
}

FIXTURE_TEARDOWN(malformed)
{
}

/* Decode the hex fields (up to @count, or a NULL one) into @out. */
static size_t unhex(const char *const *hex, size_t count, __u8 *out)
{
	const char *p;
	unsigned int v;
	size_t n = 0, i;

	for (i = 0; i < count && hex[i]; i++) {
		for (p = hex[i]; p[0] && p[1]; p += 2) {
			if (sscanf(p, "%2x", &v) != 1)
				break;
			out[n++] = v;
		}
	}
	return n;
}

TEST_F(malformed, refused_and_nothing_stored)
{
	__u8 buf[256];
	struct sdbuf b;
	size_t n;

	make_file(_metadata, P("u"), 0);
	make_file(_metadata, P("l"), 0);
	SET_SD(P("l"), "D:(A;;FA;;;WD)");
	n = unhex(variant->hex, ARRAY_SIZE(variant->hex), buf);
	errno = 0;
	EXPECT_EQ(-1, setxattr(P("u"), WINSEC_XATTR_NAME, buf, n, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, setxattr(P("l"), WINSEC_XATTR_NAME, buf, n, 0));
	EXPECT_EQ(-1, get_sd(P("u"), &b));
	EXPECT_TRUE(stored_as(0, P("l"), "D:(A;;FA;;;WD)"));
}

/* Validation comes before any access decision. */
TEST_F(xattr, malformed_value_refused_before_access)
{
	make_file(_metadata, P("l"), 0);
	SET_SD(P("l"), "D:(A;;FA;;;WD)");
	EXPECT_EQ(EINVAL, AS(ALICE, NULL, .kind = OP_SETXATTR, .path = P("l"),
			     .path2 = WINSEC_XATTR_NAME, .val = "\x01\x00\x04\x80",
			     .len = 4));
}

TEST_F(xattr, other_names_are_not_winsec)
{
	char buf[64];

	make_file(_metadata, P("f"), 0);
	SET_SD(P("f"), "D:(A;;FR;;;WD)");
	EXPECT_EQ(-1, getxattr(P("f"), "security.winsec2", buf, sizeof(buf)));
	EXPECT_EQ(ENODATA, errno);
	/* Other security.* names still need CAP_SYS_ADMIN. */
	EXPECT_EQ(EPERM, AS(ALICE, NULL, .kind = OP_SETXATTR, .path = P("f"),
			    .path2 = "security.other", .val = "x", .len = 1));
}

/* --- a corrupted stored value ------------------------------------------ */

/*
 * Attach @img to a free loop device, named in @dev; 0 or -1. The device is
 * not kept open: a writer would keep it from being mounted.
 */
static int loop_attach(const char *img, char *dev, size_t size)
{
	int ctl, n, fd, ifd;

	ctl = open("/dev/loop-control", O_RDWR);
	if (ctl < 0)
		return -1;
	n = ioctl(ctl, LOOP_CTL_GET_FREE);
	close(ctl);
	if (n < 0)
		return -1;
	snprintf(dev, size, "/dev/loop%d", n);
	fd = open(dev, O_RDWR);
	ifd = open(img, O_RDWR);
	if (fd < 0 || ifd < 0 || ioctl(fd, LOOP_SET_FD, ifd)) {
		if (fd >= 0)
			close(fd);
		if (ifd >= 0)
			close(ifd);
		return -1;
	}
	close(ifd);
	close(fd);
	return 0;
}

static void loop_detach(const char *dev)
{
	int fd = open(dev, O_RDWR);

	if (fd >= 0) {
		ioctl(fd, LOOP_CLR_FD, 0);
		close(fd);
	}
}

static bool have(const char *cmd)
{
	char line[256];

	snprintf(line, sizeof(line), "command -v %s >/dev/null 2>&1", cmd);
	return system(line) == 0;
}

static long find(const __u8 *hay, size_t n, const __u8 *needle, size_t m)
{
	size_t i;

	for (i = 0; i + m <= n; i++)
		if (!memcmp(hay + i, needle, m))
			return i;
	return -1;
}

TEST_F(xattr, corrupted_stored_value_fails_closed)
{
	/* Owner S-1-5-21-1111638594 x3: "BBBB" three times marks the value. */
	const char *text =
		"O:S-1-5-21-1111638594-1111638594-1111638594D:(A;;FA;;;WD)";
	static const __u8 marker[12] = "BBBBBBBBBBBB";
	struct sdbuf b;
	__u8 *img;
	long pos, invalid;
	char dev[32];
	int fd;

	if (access("/dev/loop-control", F_OK) || !have("mke2fs"))
		SKIP(return,
		     "needs loop devices and mke2fs to corrupt a stored value");

	/* A small ext2 image (no checksums) on the test's tmpfs. */
	img = calloc(1, 2 << 20);
	ASSERT_NE(NULL, img);
	fd = open(P("img"), O_CREAT | O_RDWR, 0600);
	ASSERT_LE(0, fd);
	ASSERT_EQ(2 << 20, write(fd, img, 2 << 20));
	close(fd);
	ASSERT_EQ(0, system("mke2fs -F -q -I 128 " P("img") " >/dev/null 2>&1"));
	ASSERT_EQ(0, mkdir(P("m"), 0777));
	ASSERT_EQ(0, loop_attach(P("img"), dev, sizeof(dev)));
	ASSERT_EQ(0, mount(dev, P("m"), "ext4", 0, NULL));
	make_file(_metadata, P("m/f"), 0);
	SET_SD(P("m/f"), text);
	ASSERT_EQ(0, umount(P("m")));

	/* Find the stored value in the image and break its revision. */
	fd = open(P("img"), O_RDWR);
	ASSERT_LE(0, fd);
	ASSERT_EQ(2 << 20, read(fd, img, 2 << 20));
	pos = find(img, 2 << 20, marker, sizeof(marker));
	ASSERT_LE(32, pos);
	pos -= 32;	/* the owner SID follows the 20-byte header */
	ASSERT_EQ(1, img[pos]);
	ASSERT_EQ(1, pwrite(fd, "\x07", 1, pos));
	close(fd);
	free(img);

	invalid = 0;
	{
		char s[512] = "", *p;
		int sf = open("/sys/kernel/security/winsec/stats", O_RDONLY);

		if (sf >= 0 && read(sf, s, sizeof(s) - 1) > 0) {
			p = strstr(s, "invalid ");
			invalid = p ? atol(p + 8) : 0;
		}
		if (sf >= 0)
			close(sf);
	}
	/* The last close dropped the device's cache: it reads the new bytes. */
	ASSERT_EQ(0, mount(dev, P("m"), "ext4", 0, NULL));

	/* Everyone is denied, root included, even with every other right. */
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("m/f"),
			     .flags = O_RDONLY));
	EXPECT_EQ(EACCES, AS_CAPS(0, NULL,
				  CAPBIT(CAP_DAC_OVERRIDE) | CAPBIT(CAP_FOWNER) |
				  CAPBIT(CAP_SYS_ADMIN),
				  .kind = OP_OPEN, .path = P("m/f"),
				  .flags = O_RDONLY));
	EXPECT_EQ(EACCES, AS_CAPS(0, NULL,
				  CAPBIT(CAP_DAC_OVERRIDE) | CAPBIT(CAP_FOWNER),
				  .kind = OP_GETXATTR, .path = P("m/f"),
				  .path2 = WINSEC_XATTR_NAME));
	{
		char s[512] = "", *p;
		int sf = open("/sys/kernel/security/winsec/stats", O_RDONLY);

		ASSERT_LE(0, sf);
		ASSERT_LT(0, read(sf, s, sizeof(s) - 1));
		close(sf);
		p = strstr(s, "invalid ");
		ASSERT_NE(NULL, p);
		EXPECT_EQ(invalid + 1, atol(p + 8));
	}
	/* The security administrator sees the raw bytes and repairs them. */
	ASSERT_LT(0, get_sd(P("m/f"), &b));
	EXPECT_EQ(7, b.b[0]);
	SET_SD(P("m/f"), "D:(A;;FR;;;WD)");
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("m/f"),
			.flags = O_RDONLY));
	EXPECT_EQ(0, umount(P("m")));
	loop_detach(dev);
}

TEST_HARNESS_MAIN
