// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - the operation table on files, directories, FIFOs and
 * sockets: each Linux operation asks for its Windows rights, granted and
 * denied; DACL rules; permissive mode
 */

#include "desc.h"
#include "fsop.h"

#include <sys/fsuid.h>
#include <sys/klog.h>

FIXTURE(fs) {};

FIXTURE_SETUP(fs)
{
	prepare_tmpfs(_metadata);
}

FIXTURE_TEARDOWN(fs)
{
}

/* A file for each descriptor, owned by root, mode 0777. */
#define FILE_SD(_name, _text)						\
	do {								\
		make_file(_metadata, P(_name), 0);			\
		SET_SD(P(_name), _text);				\
	} while (0)

#define DIR_SD(_name, _text)						\
	do {								\
		make_dir(_metadata, P(_name), 0);			\
		SET_SD(P(_name), _text);				\
	} while (0)

TEST_F(fs, read_file)
{
	FILE_SD("r", "D:(A;;FR;;;WD)");
	FILE_SD("w", "D:(A;;FW;;;WD)");
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("r"),
			.flags = O_RDONLY));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("w"),
			     .flags = O_RDONLY));
}

TEST_F(fs, write_file)
{
	FILE_SD("r", "D:(A;;FR;;;WD)");
	FILE_SD("w", "D:(A;;FW;;;WD)");
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("w"),
			.flags = O_WRONLY));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("r"),
			     .flags = O_WRONLY));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("r"),
			     .flags = O_RDWR));
}

TEST_F(fs, append_file)
{
	/* FILE_APPEND_DATA only, and FILE_WRITE_DATA only. */
	FILE_SD("a", DACL_EVERYONE(RIGHTS_APPEND_SYNC));
	FILE_SD("w", DACL_EVERYONE(RIGHTS_WRITE_SYNC));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("a"),
			.flags = O_WRONLY | O_APPEND));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("a"),
			     .flags = O_WRONLY));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("w"),
			     .flags = O_WRONLY | O_APPEND));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("w"),
			.flags = O_WRONLY));
}

TEST_F(fs, execute_file)
{
	copy_self(_metadata, P("x"));
	SET_SD(P("x"), "D:(A;;FX;;;WD)");
	copy_self(_metadata, P("r"));
	SET_SD(P("r"), "D:(A;;FR;;;WD)");
	/* Execute-only: runs, but cannot be read. */
	EXPECT_EQ(EXIT_MEDIUM, AS(ALICE, NULL, .kind = OP_EXEC,
				  .path = P("x")));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("x"),
			     .flags = O_RDONLY));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_EXEC, .path = P("r")));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_ACCESS, .path = P("x"),
			.flags = X_OK));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_ACCESS, .path = P("r"),
			     .flags = X_OK));
}

TEST_F(fs, mmap_exec_uses_rights_of_open)
{
	FILE_SD("rx", DACL_EVERYONE(RIGHTS_READ_EXECUTE));
	FILE_SD("r", "D:(A;;FR;;;WD)");
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_MMAP_EXEC, .path = P("rx")));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_MMAP_EXEC,
			     .path = P("r")));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_MPROTECT_EXEC,
			.path = P("rx")));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_MPROTECT_EXEC,
			     .path = P("r")));
}

TEST_F(fs, list_directory)
{
	DIR_SD("l", "D:(A;;FR;;;WD)");
	DIR_SD("x", "D:(A;;FX;;;WD)");
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("l"),
			.flags = O_RDONLY | O_DIRECTORY));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("x"),
			     .flags = O_RDONLY | O_DIRECTORY));
}

/* Whether @path opens with @flags: 0 or the errno. */
static int open_flags_errno(const char *path, int flags)
{
	int fd = open(path, flags);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/* Whether @path opens for reading: 0 or the errno. */
static int open_errno(const char *path)
{
	return open_flags_errno(path, O_RDONLY);
}

/*
 * In one process, with the same task throughout: each change of the
 * supplementary groups or of the fsuid decides the next open, whatever
 * token an earlier check used. Returns 0, or WRONG_RESULT + the step
 * that went wrong, or PREP_FAILED + errno.
 */
static int follow_changed_credentials(const void *arg)
{
	static const int expect[] = { 0, EACCES, 0, EACCES, 0, EACCES };
	const gid_t users = 100;
	int got[6], i;

	setfsuid(1001);
	if (setfsuid(-1) != 1001 || setgroups(1, &users))
		return PREP_FAILED + EPERM;
	got[0] = open_errno(P("group"));
	if (setgroups(0, NULL))
		return PREP_FAILED + errno;
	got[1] = open_errno(P("group"));
	if (setgroups(1, &users))
		return PREP_FAILED + errno;
	got[2] = open_errno(P("group"));
	got[3] = open_errno(P("user"));
	setfsuid(1000);
	got[4] = open_errno(P("user"));
	setfsuid(1001);
	got[5] = open_errno(P("user"));
	for (i = 0; i < 6; i++)
		if (got[i] != expect[i])
			return WRONG_RESULT + i;
	return 0;
}

TEST_F(fs, decisions_follow_changed_credentials)
{
	FILE_SD("group", "D:(A;;FR;;;S-1-22-2-100)");
	FILE_SD("user", "D:(A;;FR;;;S-1-22-1-1000)");
	/* The test's root, with only what it needs to change its ids. */
	EXPECT_EQ(0, run_as(SUBJECT(KEEP_USER, NULL, CAPBIT(CAP_SETUID) |
						     CAPBIT(CAP_SETGID)),
			    follow_changed_credentials, NULL));
}

TEST_F(fs, path_walk_needs_nothing)
{
	/* An empty DACL on the directory: nothing granted, walk still works. */
	make_dir(_metadata, P("d"), 0);
	make_file(_metadata, P("d/f"), 0);
	SET_SD(P("d"), "D:");
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("d/f"),
			.flags = O_RDONLY));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("d"),
			     .flags = O_RDONLY | O_DIRECTORY));
}

TEST_F(fs, create_file_needs_add_file)
{
	DIR_SD("f", DACL_EVERYONE(RIGHTS_RX_ADD_FILE));
	DIR_SD("s", DACL_EVERYONE(RIGHTS_RX_ADD_SUBDIR));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("f/new"),
			.flags = O_CREAT | O_WRONLY));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("s/new"),
			     .flags = O_CREAT | O_WRONLY));
}

TEST_F(fs, mkdir_needs_add_subdirectory)
{
	DIR_SD("f", DACL_EVERYONE(RIGHTS_RX_ADD_FILE));
	DIR_SD("s", DACL_EVERYONE(RIGHTS_RX_ADD_SUBDIR));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_MKDIR, .path = P("s/new")));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_MKDIR,
			     .path = P("f/new")));
}

TEST_F(fs, symlink_fifo_socket_need_add_file)
{
	DIR_SD("f", DACL_EVERYONE(RIGHTS_RX_ADD_FILE));
	DIR_SD("s", DACL_EVERYONE(RIGHTS_RX_ADD_SUBDIR));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_SYMLINK, .path = P("f/l")));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_SYMLINK,
			     .path = P("s/l")));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_MKFIFO, .path = P("f/p")));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_MKFIFO, .path = P("s/p")));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_MKSOCK, .path = P("f/s")));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_MKSOCK, .path = P("s/s")));
}

TEST_F(fs, unlink_delete_or_delete_child)
{
	DIR_SD("nodt", DACL_EVERYONE(RIGHTS_RX_ADD_FILE));
	DIR_SD("dt", DACL_EVERYONE(RIGHTS_RX_ADD_DELETE));
	FILE_SD("nodt/del", DACL_EVERYONE(RIGHTS_READ_DELETE));
	FILE_SD("nodt/keep", "D:(A;;FR;;;WD)");
	FILE_SD("dt/keep", "D:(A;;FR;;;WD)");
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_UNLINK, .path = P("nodt/del")));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_UNLINK, .path = P("dt/keep")));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_UNLINK,
			     .path = P("nodt/keep")));
}

TEST_F(fs, rmdir_delete_or_delete_child)
{
	/* Root is bound by the DACLs too: make the tree, then label it. */
	make_dir(_metadata, P("nodt"), 0);
	make_dir(_metadata, P("dt"), 0);
	DIR_SD("nodt/del", DACL_EVERYONE(RIGHTS_READ_DELETE));
	DIR_SD("nodt/keep", "D:(A;;FR;;;WD)");
	DIR_SD("dt/keep", "D:(A;;FR;;;WD)");
	SET_SD(P("nodt"), DACL_EVERYONE(RIGHTS_RX_ADD_FILE));
	SET_SD(P("dt"), DACL_EVERYONE(RIGHTS_RX_ADD_DELETE));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_RMDIR, .path = P("nodt/del")));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_RMDIR, .path = P("dt/keep")));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_RMDIR,
			     .path = P("nodt/keep")));
}

TEST_F(fs, rename_delete_then_add)
{
	DIR_SD("src", DACL_EVERYONE(RIGHTS_RX_ADD_FILE));
	DIR_SD("add", DACL_EVERYONE(RIGHTS_RX_ADD_FILE));
	DIR_SD("noadd", DACL_EVERYONE(RIGHTS_READ_EXECUTE));
	FILE_SD("src/movable", DACL_EVERYONE(RIGHTS_READ_DELETE));
	FILE_SD("src/fixed", "D:(A;;FR;;;WD)");
	FILE_SD("add/target", "D:(A;;FR;;;WD)");
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_RENAME,
			     .path = P("src/movable"), .path2 = P("noadd/m")));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_RENAME,
			     .path = P("src/fixed"), .path2 = P("add/f")));
	/* Replacing a file needs the right to delete it. */
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_RENAME,
			     .path = P("src/movable"),
			     .path2 = P("add/target")));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_RENAME,
			.path = P("src/movable"), .path2 = P("add/m")));
}

TEST_F(fs, link_needs_add_file_and_write_attributes)
{
	DIR_SD("d", DACL_EVERYONE(RIGHTS_RX_ADD_FILE));
	DIR_SD("noadd", DACL_EVERYONE(RIGHTS_READ_EXECUTE));
	/* Alice owns them, so that protected_hardlinks lets her link. */
	make_file(_metadata, P("wa"), ALICE);
	SET_SD(P("wa"), DACL_EVERYONE(RIGHTS_READ_WRITE_ATTR));
	make_file(_metadata, P("r"), ALICE);
	SET_SD(P("r"), "D:(A;;FR;;;WD)");
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_LINK, .path = P("wa"),
			.path2 = P("d/l1")));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_LINK, .path = P("r"),
			     .path2 = P("d/l2")));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_LINK, .path = P("wa"),
			     .path2 = P("noadd/l3")));
}

TEST_F(fs, truncate_needs_write_data)
{
	FILE_SD("w", "D:(A;;FW;;;WD)");
	FILE_SD("a", DACL_EVERYONE(RIGHTS_APPEND_ONLY));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_TRUNCATE, .path = P("w")));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_TRUNCATE, .path = P("a")));
	/* O_TRUNC at open: checked against the handle being opened. */
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("a"),
			     .flags = O_WRONLY | O_APPEND | O_TRUNC));
}

TEST_F(fs, ftruncate_uses_rights_of_open)
{
	FILE_SD("aw", DACL_EVERYONE(RIGHTS_APPEND_WRITE));
	FILE_SD("a", DACL_EVERYONE(RIGHTS_APPEND_ONLY));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_FTRUNCATE, .path = P("aw"),
			.flags = O_WRONLY | O_APPEND));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_FTRUNCATE, .path = P("a"),
			     .flags = O_WRONLY | O_APPEND));
}

TEST_F(fs, utimes_needs_write_attributes)
{
	make_file(_metadata, P("wa"), ALICE);
	SET_SD(P("wa"), DACL_EVERYONE(RIGHTS_READ_WRITE_ATTR));
	make_file(_metadata, P("r"), ALICE);
	SET_SD(P("r"), "D:(A;;FR;;;WD)");
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_UTIMES, .path = P("wa")));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_UTIMES, .path = P("r")));
}

TEST_F(fs, chmod_needs_write_dac)
{
	/* The owner holds WRITE_DAC implicitly... */
	make_file(_metadata, P("own"), ALICE);
	SET_SD(P("own"), "D:(A;;FR;;;WD)");
	/* ...unless OWNER RIGHTS says otherwise. */
	make_file(_metadata, P("ow"), ALICE);
	SET_SD(P("ow"), "D:(A;;FR;;;OW)(A;;FR;;;WD)");
	make_file(_metadata, P("wd"), ALICE);
	SET_SD(P("wd"), SDDLF("O:S-1-22-1-0D:(A;;%#x;;;WD)",
			      RIGHTS_READ_WRITE_DAC));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_CHMOD, .path = P("own"),
			.flags = 0775));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_CHMOD, .path = P("ow"),
			     .flags = 0775));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_CHMOD, .path = P("wd"),
			.flags = 0775));
}

TEST_F(fs, chown_needs_write_owner)
{
	make_file(_metadata, P("wo"), ALICE);
	SET_SD(P("wo"), DACL_EVERYONE(RIGHTS_READ_WRITE_OWNER));
	make_file(_metadata, P("nowo"), ALICE);
	SET_SD(P("nowo"), DACL_EVERYONE(RIGHTS_ALL_BUT_OWNER));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_CHOWN, .path = P("wo"),
			.flags = ALICE));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_CHOWN, .path = P("nowo"),
			     .flags = ALICE));
}

TEST_F(fs, user_xattr_read_and_write_ea)
{
	/*
	 * The VFS also asks for read or write permission on the file
	 * (FILE_READ_DATA / FILE_WRITE_DATA): the EA rights come on top.
	 */
	make_file(_metadata, P("rea"), 0);
	make_file(_metadata, P("wea"), 0);
	make_file(_metadata, P("noea"), 0);
	ASSERT_EQ(0, setxattr(P("rea"), "user.k", "v", 1, 0));
	ASSERT_EQ(0, setxattr(P("wea"), "user.k", "v", 1, 0));
	ASSERT_EQ(0, setxattr(P("noea"), "user.k", "v", 1, 0));
	SET_SD(P("rea"), DACL_EVERYONE(RIGHTS_DATA_READ_EA));
	SET_SD(P("wea"), DACL_EVERYONE(RIGHTS_DATA_WRITE_EA));
	SET_SD(P("noea"), DACL_EVERYONE(RIGHTS_DATA));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_GETXATTR, .path = P("rea"),
			.path2 = "user.k"));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_GETXATTR, .path = P("wea"),
			     .path2 = "user.k"));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_GETXATTR,
			     .path = P("noea"), .path2 = "user.k"));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_SETXATTR, .path = P("wea"),
			.path2 = "user.k", .val = "w", .len = 1));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_SETXATTR, .path = P("rea"),
			     .path2 = "user.k", .val = "w", .len = 1));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_SETXATTR,
			     .path = P("noea"), .path2 = "user.k", .val = "w",
			     .len = 1));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_REMOVEXATTR, .path = P("wea"),
			.path2 = "user.k"));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_REMOVEXATTR,
			     .path = P("noea"), .path2 = "user.k"));
}

TEST_F(fs, fifo_read_and_write)
{
	ASSERT_EQ(0, mkfifo(P("r"), 0666));
	SET_SD(P("r"), "D:(A;;FR;;;WD)");
	ASSERT_EQ(0, mkfifo(P("w"), 0666));
	SET_SD(P("w"), "D:(A;;FW;;;WD)");
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("r"),
			.flags = O_RDONLY | O_NONBLOCK));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("r"),
			     .flags = O_WRONLY | O_NONBLOCK));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("w"),
			.flags = O_WRONLY | O_NONBLOCK));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("w"),
			     .flags = O_RDONLY | O_NONBLOCK));
}

static int listen_at(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sun, sizeof(sun)) ||
	    listen(fd, 8))
		return -1;
	return fd;
}

TEST_F(fs, socket_connect_needs_write)
{
	int w = listen_at(P("w"));
	int r = listen_at(P("r"));

	ASSERT_LE(0, w);
	ASSERT_LE(0, r);
	ASSERT_EQ(0, chmod(P("w"), 0777));
	ASSERT_EQ(0, chmod(P("r"), 0777));
	SET_SD(P("w"), "D:(A;;FW;;;WD)");
	SET_SD(P("r"), "D:(A;;FR;;;WD)");
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_CONNECT, .path = P("w")));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_CONNECT, .path = P("r")));
	close(w);
	close(r);
}

TEST_F(fs, deny_before_allow)
{
	/* Seed 004: everyone reads, nobody writes. */
	FILE_SD("f", SDDLF("D:(D;;%#x;;;WD)(A;;FA;;;WD)", RIGHTS_WRITES));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("f"),
			.flags = O_RDONLY));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("f"),
			     .flags = O_WRONLY));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("f"),
			     .flags = O_WRONLY | O_APPEND));
	/* An allow before the deny grants first. */
	FILE_SD("g", SDDLF("D:(A;;FA;;;WD)(D;;%#x;;;WD)", RIGHTS_WRITES));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("g"),
			.flags = O_WRONLY));
}

TEST_F(fs, null_dacl_grants_everything)
{
	struct sdbuf b = SD("D:(A;;FR;;;WD)");

	FILE_SD("f", "D:NO_ACCESS_CONTROL");
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("f"),
			.flags = O_RDWR));
	/*
	 * WRITE_DAC included: anyone may replace the DACL. The open below
	 * tests the replacement, so it is not tried when that failed (an
	 * injected allocation failure leaves the NULL DACL in place).
	 */
	ASSERT_EQ(0, AS(BOB, NULL, .kind = OP_SETXATTR, .path = P("f"),
			.path2 = WINSEC_XATTR_NAME, .val = b.b, .len = b.len));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("f"),
			     .flags = O_WRONLY));
}

TEST_F(fs, empty_dacl_leaves_owner_control)
{
	struct sdbuf b = SD("D:(A;;FA;;;WD)");

	make_file(_metadata, P("f"), ALICE);
	SET_SD(P("f"), "D:");
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("f"),
			     .flags = O_RDONLY));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_GETXATTR, .path = P("f"),
			.path2 = WINSEC_XATTR_NAME));
	EXPECT_EQ(EACCES, AS(BOB, NULL, .kind = OP_GETXATTR, .path = P("f"),
			     .path2 = WINSEC_XATTR_NAME));
	EXPECT_EQ(EACCES, AS(BOB, NULL, .kind = OP_SETXATTR, .path = P("f"),
			     .path2 = WINSEC_XATTR_NAME, .val = b.b, .len = b.len));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_SETXATTR, .path = P("f"),
			.path2 = WINSEC_XATTR_NAME, .val = b.b, .len = b.len));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("f"),
			.flags = O_RDONLY));
}

TEST_F(fs, group_sids_from_credentials)
{
	FILE_SD("f", "D:(A;;FR;;;S-1-22-2-1000)");
	FILE_SD("u", "D:(A;;FR;;;S-1-22-1-1001)");
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("f"),
			.flags = O_RDONLY));
	EXPECT_EQ(EACCES, AS(BOB, NULL, .kind = OP_OPEN, .path = P("f"),
			     .flags = O_RDONLY));
	EXPECT_EQ(0, AS(BOB, NULL, .kind = OP_OPEN, .path = P("u"),
			.flags = O_RDONLY));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("u"),
			     .flags = O_RDONLY));
}

TEST_F(fs, unix_dac_still_applies)
{
	FILE_SD("f", "D:(A;;FA;;;WD)");
	ASSERT_EQ(0, chmod(P("f"), 0600));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("f"),
			     .flags = O_RDONLY));
}

TEST_F(fs, root_is_bound_by_the_dacl)
{
	/* Root without CAP_MAC_ADMIN: like a Windows administrator. */
	FILE_SD("f", "D:(A;;FR;;;WD)");
	EXPECT_EQ(EACCES, AS_CAPS(0, NULL,
				  CAPBIT(CAP_DAC_OVERRIDE) | CAPBIT(CAP_FOWNER),
				  .kind = OP_OPEN, .path = P("f"),
				  .flags = O_WRONLY));
}

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	int rc = 0;

	if (fd < 0)
		return errno;
	if (write(fd, s, strlen(s)) < 0)
		rc = errno;
	close(fd);
	return rc;
}

/*
 * In one process, with the same token throughout: the decision a
 * descriptor keeps for that token (counted as "reused") follows a change
 * of the file's Unix owner, which stands in for the descriptor's absent
 * owner, and is gone with the descriptor. Returns 0, or WRONG_RESULT + the
 * step that went wrong, or PREP_FAILED + errno.
 */
static int follow_owner_and_descriptor(const void *arg)
{
	const struct sdbuf *no_read = arg;
	char buf[256];
	long reused;

	/* OWNER RIGHTS (FR, READ_CONTROL with it) lets alice read it. */
	if (getxattr(P("owned"), WINSEC_XATTR_NAME, buf, sizeof(buf)) < 0)
		return WRONG_RESULT + 0;
	reused = read_stat("reused");
	if (reused < 0)
		return PREP_FAILED + ENOENT;
	if (getxattr(P("owned"), WINSEC_XATTR_NAME, buf, sizeof(buf)) < 0)
		return WRONG_RESULT + 1;
	if (read_stat("reused") <= reused)
		return WRONG_RESULT + 2;
	/* The same for opens, decided in the file_open hook itself. */
	reused = read_stat("reused");
	if (open_errno(P("owned")) || open_errno(P("owned")) ||
	    read_stat("reused") <= reused)
		return WRONG_RESULT + 6;
	/* Everyone has WRITE_OWNER; CAP_CHOWN lets a user give a file away. */
	if (chown(P("owned"), 1001, -1))
		return PREP_FAILED + errno;
	if (open_errno(P("owned")) != EACCES)
		return WRONG_RESULT + 7;
	if (getxattr(P("owned"), WINSEC_XATTR_NAME, buf, sizeof(buf)) >= 0 ||
	    errno != EACCES)
		return WRONG_RESULT + 3;
	if (open_errno(P("relabel")) || open_errno(P("relabel")))
		return WRONG_RESULT + 4;
	if (setxattr(P("relabel"), WINSEC_XATTR_NAME, no_read->b, no_read->len,
		     0))
		return PREP_FAILED + errno;
	if (open_errno(P("relabel")) != EACCES)
		return WRONG_RESULT + 5;
	return 0;
}

TEST_F(fs, kept_decisions_follow_owner_and_descriptor)
{
	struct sdbuf no_read = SD("D:(A;;WD;;;WD)");

	make_file(_metadata, P("owned"), ALICE);
	SET_SD(P("owned"), "D:(A;;WO;;;WD)(A;;FR;;;OW)");
	make_file(_metadata, P("relabel"), ALICE);
	SET_SD(P("relabel"), "D:(A;;FR;;;WD)(A;;WD;;;WD)");
	EXPECT_EQ(0, run_as(SUBJECT(ALICE, NULL, CAPBIT(CAP_CHOWN)),
			    follow_owner_and_descriptor, &no_read));
}

#define OVERFLOWUID "/proc/sys/kernel/overflowuid"

/*
 * Root with the fsuid of alice: Authenticated Users (every uid but the
 * overflow uid) follows a change of the overflow uid in the same task,
 * whatever its earlier checks used. @arg: the overflow uid to restore.
 * Returns 0, or WRONG_RESULT + the step that went wrong, or PREP_FAILED +
 * errno.
 */
static int follow_overflowuid(const void *arg)
{
	const char *restore = arg;
	int rc, after;

	/* Leaves the file capabilities: no privilege reads the file. */
	setfsuid(ALICE);
	if (setfsuid(-1) != ALICE)
		return PREP_FAILED + EPERM;
	if (open_errno(P("au")) || open_errno(P("au")))
		return WRONG_RESULT + 0;
	/* The euid is still root's: the sysctl may be written. */
	rc = write_str(OVERFLOWUID, "1000");
	if (rc)
		return PREP_FAILED + rc;
	after = open_errno(P("au"));
	rc = write_str(OVERFLOWUID, restore);
	if (rc)
		return PREP_FAILED + rc;
	if (after != EACCES)
		return WRONG_RESULT + 1;
	if (open_errno(P("au")))
		return WRONG_RESULT + 2;
	return 0;
}

TEST_F(fs, authenticated_users_follow_the_overflow_uid)
{
	char old[16] = "";
	int fd;

	fd = open(OVERFLOWUID, O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_LT(0, read(fd, old, sizeof(old) - 1));
	close(fd);
	FILE_SD("au", "D:(A;;FR;;;AU)");
	EXPECT_EQ(0, run_as(SUBJECT(KEEP_USER, NULL, CAPBIT(CAP_SETUID)),
			    follow_overflowuid, old));
	/* Whatever happened in the child. */
	EXPECT_EQ(0, write_str(OVERFLOWUID, old));
}

/*
 * A descriptor without a DACL grants everything its label allows: the
 * file_open hook decides it from the label (counted as labelled checks),
 * and a new descriptor decides at once. Returns 0, or WRONG_RESULT + the
 * step that went wrong, or PREP_FAILED + errno.
 */
static int decided_without_dacl(const void *arg)
{
	const struct sdbuf *read_only = arg;
	long labelled = read_stat("labelled");

	if (labelled < 0)
		return PREP_FAILED + ENOENT;
	if (open_flags_errno(P("nodacl"), O_WRONLY) ||
	    open_flags_errno(P("nodacl"), O_WRONLY))
		return WRONG_RESULT + 0;
	if (read_stat("labelled") < labelled + 2)
		return WRONG_RESULT + 1;
	/* No DACL: WRITE_DAC is granted. */
	if (setxattr(P("nodacl"), WINSEC_XATTR_NAME, read_only->b,
		     read_only->len, 0))
		return PREP_FAILED + errno;
	if (open_flags_errno(P("nodacl"), O_WRONLY) != EACCES)
		return WRONG_RESULT + 2;
	return 0;
}

TEST_F(fs, descriptor_without_dacl_is_decided_by_its_label)
{
	struct sdbuf read_only = SD("D:(A;;FR;;;WD)");

	make_file(_metadata, P("nodacl"), ALICE);
	SET_SD(P("nodacl"), "S:(ML;;NW;;;ME)");
	/* The label: Low may read, not write. */
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = P("nodacl"),
			.flags = O_RDONLY));
	EXPECT_EQ(EACCES, AS(ALICE, "low", .kind = OP_OPEN,
			     .path = P("nodacl"), .flags = O_WRONLY));
	EXPECT_EQ(0, run_as(SUBJECT(ALICE, NULL, 0), decided_without_dacl,
			    &read_only));
}

#define ENFORCE "/sys/kernel/security/winsec/enforce"

FIXTURE(permissive) {};

FIXTURE_SETUP(permissive)
{
	prepare_tmpfs(_metadata);
}

FIXTURE_TEARDOWN(permissive)
{
	write_str(ENFORCE, "1");
}

TEST_F(permissive, logs_and_allows)
{
	long before;

	FILE_SD("f", "D:(A;;FR;;;WD)");
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("f"),
			     .flags = O_WRONLY));
	before = read_stat("denials");
	ASSERT_LE(0, before);
	ASSERT_EQ(0, write_str(ENFORCE, "0"));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("f"),
			.flags = O_WRONLY));
	EXPECT_LT(before, read_stat("denials"));
	ASSERT_EQ(0, write_str(ENFORCE, "1"));
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("f"),
			     .flags = O_WRONLY));
}

static int switch_off(const void *unused)
{
	return write_str(ENFORCE, "0");
}

TEST_F(permissive, switch_needs_mac_admin)
{
	/* Root without CAP_MAC_ADMIN cannot switch it off. */
	EXPECT_EQ(EPERM, run_as(SUBJECT(0, NULL, CAPBIT(CAP_DAC_OVERRIDE)),
				switch_off, NULL));
	{
		char buf[8] = "";
		int fd = open(ENFORCE, O_RDONLY);

		ASSERT_LE(0, fd);
		ASSERT_LT(0, read(fd, buf, sizeof(buf) - 1));
		close(fd);
		EXPECT_EQ('1', buf[0]);
	}
}

TEST_F(permissive, statistics_count_checks_and_loads)
{
	long checks = read_stat("checks");
	long hits = read_stat("labelled");

	FILE_SD("f", "D:(A;;FR;;;WD)");
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("f"),
			.flags = O_RDONLY));
	EXPECT_LT(checks, read_stat("checks"));
	EXPECT_LT(hits, read_stat("labelled"));
	EXPECT_LE(0, read_stat("cache_loads"));
}

TEST_F(permissive, denial_is_audited)
{
	static char log[1 << 17];
	static const char *const want[] = {
		"lsm=winsec op=", "reason=not_granted", "requested=0x2",
		"subj_level=medium", "subj_user=S-1-22-1-1000",
		"subj_group=S-1-22-2-1000", "obj_level=medium", "permissive=0",
		"name=\"audit-probe\"",
	};
	char *line, *end;
	bool found = false;
	size_t i;
	int n;

	FILE_SD("audit-probe", "D:(A;;FR;;;WD)");
	/* Let the rate limit of earlier tests expire. */
	sleep(6);
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN,
			     .path = P("audit-probe"), .flags = O_WRONLY));
	sleep(1);	/* records reach the log through kauditd */
	n = klogctl(3, log, sizeof(log) - 1);	/* SYSLOG_ACTION_READ_ALL */
	ASSERT_LT(0, n);
	log[n] = '\0';
	for (line = log; line && *line && !found; line = end) {
		end = strchr(line, '\n');
		if (end)
			*end++ = '\0';
		found = true;
		for (i = 0; i < ARRAY_SIZE(want); i++)
			if (!strstr(line, want[i]))
				found = false;
	}
	EXPECT_TRUE(found) {
		TH_LOG("no audit record with the expected fields");
	}
}

TEST_HARNESS_MAIN
