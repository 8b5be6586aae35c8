// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - mounts: every level sees the mount table of the
 * initial mount namespace, so changing it is a write. Mounting on,
 * unmounting, moving or remounting a mount needs a level at least that of
 * the task that created its superblock (System for the kernel's and
 * init's), else EPERM, whatever the capabilities; a private mount
 * namespace is its owner's and is not checked.
 *
 * These tests must run in the initial mount namespace: they mount and
 * unmount under the guest's /tmp, as root at System, and undo all of it.
 */

#include "desc.h"

#include <sys/statvfs.h>

#define BASE		"/tmp/winsec-mount"
#define SYS		BASE "/sys"	/* a tmpfs mounted at System */
#define OTHER		BASE "/other"	/* a Low-labelled directory */
#define LOWDIR		BASE "/lowdir"	/* a Low-labelled directory */
#define LOWSB		BASE "/lowsb"	/* a tmpfs made at Low */

/* Root at Low with every capability. */
#define ROOT_AT_LOW	SUBJECT(0, "low", all_caps())

struct mount_arg {
	const char *src;
	const char *target;
	const char *type;
	unsigned long flags;
};

static int do_mount(const void *p)
{
	const struct mount_arg *a = p;

	return mount(a->src, a->target, a->type, a->flags, NULL) ? errno : 0;
}

static int low_mount(const char *src, const char *target, const char *type,
		     unsigned long flags)
{
	struct mount_arg a = {
		.src = src, .target = target, .type = type, .flags = flags,
	};

	return run_as(ROOT_AT_LOW, do_mount, &a);
}

static int do_umount(const void *target)
{
	return umount2(target, 0) ? errno : 0;
}

static int low_umount(const char *target)
{
	return run_as(ROOT_AT_LOW, do_umount, target);
}

/* Whether something is mounted on @path: another device than its parent. */
static bool mounted(const char *path)
{
	char parent[256];
	struct stat a, b;

	snprintf(parent, sizeof(parent), "%s/..", path);
	if (stat(path, &a) || stat(parent, &b))
		return false;
	return a.st_dev != b.st_dev;
}

static bool read_only(const char *path)
{
	struct statvfs s;

	return !statvfs(path, &s) && (s.f_flag & ST_RDONLY);
}

/* Whether the caller shares the mount namespace of init. */
static bool initial_mount_ns(void)
{
	char mine[64] = "", init[64] = "";

	if (readlink("/proc/self/ns/mnt", mine, sizeof(mine) - 1) < 0 ||
	    readlink("/proc/1/ns/mnt", init, sizeof(init) - 1) < 0)
		return false;
	return !strcmp(mine, init);
}

/* Unmount everything the tests may have mounted, and remove the tree. */
static void cleanup(void)
{
	static const char *const dirs[] = { SYS, OTHER, LOWDIR, LOWSB };
	unsigned int i;
	int n;

	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		for (n = 0; n < 8 && mounted(dirs[i]); n++)
			umount2(dirs[i], MNT_DETACH);
		rmdir(dirs[i]);
	}
	rmdir(BASE);
}

FIXTURE(mount) {};

FIXTURE_SETUP(mount)
{
	if (!winsec_active())
		SKIP(return, "winsec is not active");
	if (!initial_mount_ns())
		SKIP(return, "not in the initial mount namespace");
	cleanup();
	umask(0);
	ASSERT_EQ(0, mkdir(BASE, 0777));
	ASSERT_EQ(0, mkdir(SYS, 0777));
	ASSERT_EQ(0, mkdir(OTHER, 0777));
	ASSERT_EQ(0, mkdir(LOWDIR, 0777));
	ASSERT_EQ(0, mkdir(LOWSB, 0777));
	SET_SD(OTHER, "S:(ML;;NW;;;LW)");
	SET_SD(LOWDIR, "S:(ML;;NW;;;LW)");
	/* As root at System: the superblock is System. */
	ASSERT_EQ(0, mount("tmpfs", SYS, "tmpfs", 0, "mode=0777"));
	ASSERT_TRUE(mounted(SYS));
}

FIXTURE_TEARDOWN(mount)
{
	cleanup();
}

/* Root at Low, with every capability, cannot change a System mount. */
TEST_F(mount, low_cannot_change_a_system_mount)
{
	EXPECT_EQ(EPERM, low_umount(SYS));
	EXPECT_EQ(EPERM, low_mount("tmpfs", SYS, "tmpfs", 0));
	EXPECT_EQ(EPERM, low_mount(NULL, SYS, NULL,
				   MS_REMOUNT | MS_BIND | MS_RDONLY));
	EXPECT_EQ(EPERM, low_mount(NULL, SYS, NULL, MS_REMOUNT));
	EXPECT_EQ(EPERM, low_mount(NULL, SYS, NULL, MS_PRIVATE));
	EXPECT_EQ(EPERM, low_mount(NULL, SYS, NULL, MS_SHARED));
	EXPECT_EQ(EPERM, low_mount(SYS, OTHER, NULL, MS_MOVE));
	/* Nothing changed: still mounted there, once, and writable. */
	EXPECT_TRUE(mounted(SYS));
	EXPECT_FALSE(mounted(OTHER));
	EXPECT_FALSE(read_only(SYS));
	EXPECT_EQ(0, umount2(SYS, 0));
	EXPECT_FALSE(mounted(SYS));
}

/* Controls: root at System does each of them. */
TEST_F(mount, system_changes_a_system_mount)
{
	EXPECT_EQ(0, mount("tmpfs", SYS, "tmpfs", 0, NULL));
	EXPECT_EQ(0, umount2(SYS, 0));
	EXPECT_EQ(0, mount(NULL, SYS, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY,
			   NULL));
	EXPECT_TRUE(read_only(SYS));
	EXPECT_EQ(0, mount(NULL, SYS, NULL, MS_REMOUNT | MS_BIND, NULL));
	EXPECT_FALSE(read_only(SYS));
	EXPECT_EQ(0, mount(NULL, SYS, NULL, MS_PRIVATE, NULL));
	EXPECT_EQ(0, mount(SYS, OTHER, NULL, MS_MOVE, NULL));
	EXPECT_TRUE(mounted(OTHER));
	EXPECT_FALSE(mounted(SYS));
	EXPECT_EQ(0, umount2(OTHER, 0));
}

/*
 * Root at Low mounts a tmpfs on a Low directory of the System /tmp, and
 * unmounts it: covering a directory it may add to hides nothing it could
 * not change.
 */
TEST_F(mount, low_mounts_on_a_low_directory)
{
	EXPECT_EQ(0, low_mount("tmpfs", LOWDIR, "tmpfs", 0));
	EXPECT_TRUE(mounted(LOWDIR));
	EXPECT_EQ(0, low_umount(LOWDIR));
	EXPECT_FALSE(mounted(LOWDIR));
}

/* Receive a file descriptor from @sock, or -1. */
static int recv_fd(int sock)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u = {};
	char c;
	struct iovec iov = { .iov_base = &c, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *cmsg;
	int fd;

	if (recvmsg(sock, &msg, 0) != 1)
		return -1;
	cmsg = CMSG_FIRSTHDR(&msg);
	if (!cmsg || cmsg->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(cmsg), sizeof(fd));
	return fd;
}

/*
 * As root at Low, make a tmpfs (fsopen, fsconfig, fsmount): its
 * superblock is Low. Check that root at Low cannot attach it under the
 * System /tmp, and send the detached mount over @sock. Returns 0, the
 * errno of a step that failed, or WRONG_RESULT when the attaching was not
 * refused with EPERM.
 */
static int make_low_tmpfs(const void *sock)
{
	int fs, mnt;

	fs = fsopen("tmpfs", 0);
	if (fs < 0 || fsconfig(fs, FSCONFIG_SET_STRING, "mode", "0777", 0) ||
	    fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0))
		return errno;
	mnt = fsmount(fs, 0, 0);
	if (mnt < 0)
		return errno;
	if (!move_mount(mnt, "", AT_FDCWD, LOWSB, MOVE_MOUNT_F_EMPTY_PATH) ||
	    errno != EPERM)
		return WRONG_RESULT;
	return send_fd(*(const int *)sock, mnt);
}

/*
 * A tmpfs whose superblock root at Low made, attached by root at System,
 * is Low's to change: root at Low mounts on it and unmounts that,
 * remounts it and unmounts it.
 */
TEST_F(mount, low_changes_a_low_mount)
{
	int fds[2], mnt;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, fds));
	ASSERT_EQ(0, run_as(ROOT_AT_LOW, make_low_tmpfs, &fds[1]));
	mnt = recv_fd(fds[0]);
	ASSERT_LE(0, mnt);
	close(fds[0]);
	close(fds[1]);
	/* Root at System attaches it in the initial namespace. */
	ASSERT_EQ(0, move_mount(mnt, "", AT_FDCWD, LOWSB,
				MOVE_MOUNT_F_EMPTY_PATH));
	close(mnt);
	ASSERT_TRUE(mounted(LOWSB));
	/* A Low directory in it, where Low may add. */
	ASSERT_EQ(0, mkdir(LOWSB "/d", 0777));
	SET_SD(LOWSB "/d", "S:(ML;;NW;;;LW)");
	EXPECT_EQ(0, low_mount("tmpfs", LOWSB "/d", "tmpfs", 0));
	EXPECT_TRUE(mounted(LOWSB "/d"));
	EXPECT_EQ(0, low_umount(LOWSB "/d"));
	EXPECT_EQ(0, low_mount(NULL, LOWSB, NULL,
			       MS_REMOUNT | MS_BIND | MS_RDONLY));
	EXPECT_TRUE(read_only(LOWSB));
	EXPECT_EQ(0, low_umount(LOWSB));
	EXPECT_FALSE(mounted(LOWSB));
}

/*
 * In a new mount namespace, mount over the System mount and unmount that,
 * then unmount the System mount itself. Returns 0, the errno of the mount,
 * PREP_FAILED + the errno of another step, or WRONG_RESULT when the mounts
 * are not what they should be.
 */
static int mount_in_own_namespace(const void *unused)
{
	if (unshare(CLONE_NEWNS) ||
	    mount(NULL, "/", NULL, MS_PRIVATE | MS_REC, NULL))
		return PREP_FAILED + errno;
	if (mount("tmpfs", SYS, "tmpfs", 0, NULL))
		return errno;
	if (!mounted(SYS))
		return WRONG_RESULT;
	if (umount2(SYS, 0))
		return PREP_FAILED + errno;
	/* And its own copy of the System mount itself. */
	if (umount2(SYS, 0))
		return PREP_FAILED + errno;
	return mounted(SYS) ? WRONG_RESULT : 0;
}

/*
 * A private mount namespace belongs to the task that made it: root at Low
 * mounts over and unmounts the System mount there, and the initial
 * namespace does not see it.
 */
TEST_F(mount, low_mounts_freely_in_its_own_namespace)
{
	struct stat before, after;

	ASSERT_EQ(0, stat(SYS, &before));
	EXPECT_EQ(0, run_as(ROOT_AT_LOW, mount_in_own_namespace, NULL));
	/* The initial namespace still has the System tmpfs, alone. */
	ASSERT_EQ(0, stat(SYS, &after));
	EXPECT_EQ(before.st_dev, after.st_dev);
	EXPECT_TRUE(mounted(SYS));
}

/* Move the System mount itself (not a clone) to OTHER: 0 or the errno. */
static int move_sys_mount(const void *unused)
{
	int fd = open_tree(AT_FDCWD, SYS, 0);

	if (fd < 0)
		return PREP_FAILED + errno;
	return move_mount(fd, "", AT_FDCWD, OTHER, MOVE_MOUNT_F_EMPTY_PATH) ?
	       errno : 0;
}

/* The new mount API: move_mount of a System mount by root at Low. */
TEST_F(mount, low_cannot_move_a_system_mount_with_move_mount)
{
	EXPECT_EQ(EPERM, run_as(ROOT_AT_LOW, move_sys_mount, NULL));
	EXPECT_TRUE(mounted(SYS));
	EXPECT_FALSE(mounted(OTHER));
	/* Control: root at System moves it. */
	EXPECT_EQ(0, run_as(SUBJECT(0, NULL, all_caps()), move_sys_mount,
			    NULL));
	EXPECT_TRUE(mounted(OTHER));
	EXPECT_FALSE(mounted(SYS));
}

TEST_HARNESS_MAIN
