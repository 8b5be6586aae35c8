// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - user namespaces: a task below Medium may not create
 * one (EPERM), and inside one created at Medium, "root" with every
 * capability of the namespace holds no winsec privilege: it cannot raise
 * its level, write above it, relabel upwards or take ownership.
 */

#include "desc.h"
#include "fsop.h"

#include <signal.h>

/* Alice's user SID, as winsec names her whatever namespace she is in. */
#define ALICE_SID	"S-1-22-1-1000"

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* Whether every capability in @caps is effective. */
static bool caps_effective(__u64 caps)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = {};
	__u64 eff;

	if (syscall(SYS_capget, &hdr, data))
		return false;
	eff = data[0].effective | (__u64)data[1].effective << 32;
	return (eff & caps) == caps;
}

/*
 * Create a user namespace and map the caller's uid and gid to root in it.
 * Returns 0 or an exit status above 200 that says what failed.
 */
static int enter_userns(uid_t uid)
{
	char map[64];

	/*
	 * After setuid the task is not dumpable, and its /proc/self files
	 * then belong to root: make them its own again.
	 */
	if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0))
		return 205;
	if (unshare(CLONE_NEWUSER))
		return 201;
	snprintf(map, sizeof(map), "0 %u 1", uid);
	if (write_file("/proc/self/setgroups", "deny") ||
	    write_file("/proc/self/uid_map", map) ||
	    write_file("/proc/self/gid_map", map))
		return 202;
	if (getuid() != 0 || getgid() != 0)
		return 203;
	/* Root of the namespace: every capability there. */
	if (!caps_effective(CAPBIT(CAP_MAC_ADMIN) | CAPBIT(CAP_FOWNER) |
			    CAPBIT(CAP_DAC_OVERRIDE) | CAPBIT(CAP_SYS_ADMIN)))
		return 204;
	return 0;
}

static int do_op_in_userns(const void *op)
{
	int rc = enter_userns(ALICE);

	return rc ? rc : do_op(op);
}

/*
 * As alice at Medium, in a new user namespace where she is root, do @op.
 * Returns 0 or its errno; above 200 when entering the namespace failed.
 */
#define USERNS(...)							\
	run_as(SUBJECT(ALICE, "medium", 0), do_op_in_userns,		\
	       &(struct op){ __VA_ARGS__ })

static int do_unshare(const void *unused)
{
	return unshare(CLONE_NEWUSER) ? errno : 0;
}

/* unshare(CLONE_NEWUSER) as alice at @level: 0 or the errno. */
static int unshare_userns(const char *level)
{
	return run_as(SUBJECT(ALICE, level, 0), do_unshare, NULL);
}

static int do_clone(const void *unused)
{
	int status;
	pid_t pid;

	pid = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, NULL, NULL, NULL,
		      NULL);
	if (pid < 0)
		return errno;
	if (!pid)
		_exit(0);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		return WRONG_RESULT;
	return 0;
}

/* clone(CLONE_NEWUSER) as alice at @level: 0 or the errno. */
static int clone_userns(const char *level)
{
	return run_as(SUBJECT(ALICE, level, 0), do_clone, NULL);
}

FIXTURE(userns) {};

FIXTURE_SETUP(userns)
{
	prepare_tmpfs(_metadata);
	if (access("/proc/self/ns/user", F_OK))
		SKIP(return, "the kernel has no user namespaces");
	/* Root's, writable by everyone but labelled High. */
	make_file(_metadata, P("high"), 0);
	SET_SD(P("high"), "D:(A;;FA;;;WD)S:(ML;;NW;;;HI)");
	/* Alice's own, unlabeled. */
	make_file(_metadata, P("mine"), ALICE);
	ASSERT_EQ(0, chmod(P("mine"), 0666));
	/*
	 * Alice's by the Unix owner (so that her namespace maps it), but
	 * LocalSystem's by the descriptor, which lets her only read it.
	 */
	make_file(_metadata, P("theirs"), ALICE);
	SET_SD(P("theirs"), "O:SYD:(A;;FR;;;WD)");
}

FIXTURE_TEARDOWN(userns)
{
}

/* A Low sandbox cannot build itself a namespace with every capability. */
TEST_F(userns, low_cannot_create_a_user_namespace)
{
	EXPECT_EQ(EPERM, unshare_userns("low"));
	EXPECT_EQ(EPERM, clone_userns("low"));
	EXPECT_EQ(EPERM, unshare_userns("untrusted"));
	/* Control: at Medium both work. */
	EXPECT_EQ(0, unshare_userns("medium"));
	EXPECT_EQ(0, clone_userns("medium"));
}

/*
 * In a new user namespace, try to go up to High: the errno, WRONG_RESULT
 * when the level changed all the same.
 */
static int do_raise_in_userns(const void *unused)
{
	int rc;

	rc = enter_userns(ALICE);
	if (rc)
		return rc;
	rc = set_level("high");
	return level_rid() == WINSEC_LEVEL_MEDIUM ? rc : WRONG_RESULT;
}

/* Capabilities in a user namespace do not raise a level. */
TEST_F(userns, namespace_root_cannot_raise_its_level)
{
	EXPECT_EQ(EPERM, run_as(SUBJECT(ALICE, "medium", 0), do_raise_in_userns,
				NULL));
}

/* No-write-up holds for root of a namespace: its capabilities are not ours. */
TEST_F(userns, namespace_root_cannot_write_up)
{
	EXPECT_EQ(EACCES, USERNS(.kind = OP_OPEN, .path = P("high"),
				 .flags = O_WRONLY));
	EXPECT_EQ(EACCES, USERNS(.kind = OP_TRUNCATE, .path = P("high")));
	/* Control: reading down is allowed. */
	EXPECT_EQ(0, USERNS(.kind = OP_OPEN, .path = P("high"),
			    .flags = O_RDONLY));
	/* Control: her own Medium file she writes. */
	EXPECT_EQ(0, USERNS(.kind = OP_OPEN, .path = P("mine"),
			    .flags = O_WRONLY));
}

/* CAP_MAC_ADMIN of a namespace is no relabel privilege. */
TEST_F(userns, namespace_root_cannot_label_above_its_level)
{
	struct sdbuf high = SD("S:(ML;;NW;;;HI)");
	struct sdbuf low = SD("S:(ML;;NW;;;LW)");
	struct sdbuf sd;

	EXPECT_EQ(EPERM, USERNS(.kind = OP_SETXATTR, .path = P("mine"),
				.path2 = WINSEC_XATTR_NAME, .val = high.b,
				.len = high.len));
	EXPECT_GT(0, get_sd(P("mine"), &sd));
	EXPECT_EQ(ENODATA, errno);
	/* Control: a label at or below her level she may set. */
	EXPECT_EQ(0, USERNS(.kind = OP_SETXATTR, .path = P("mine"),
			    .path2 = WINSEC_XATTR_NAME, .val = low.b,
			    .len = low.len));
	ASSERT_LT(0, get_sd(P("mine"), &sd));
	EXPECT_TRUE(sd_has_nw_label(&sd, 0, "LW"));
}

/* CAP_FOWNER of a namespace is no take-ownership privilege. */
TEST_F(userns, namespace_root_cannot_take_ownership)
{
	struct sdbuf mine = SD("O:" ALICE_SID "D:(A;;FR;;;WD)");
	struct sdbuf before, after;
	int rc;

	ASSERT_LT(0, get_sd(P("theirs"), &before));
	rc = USERNS(.kind = OP_SETXATTR, .path = P("theirs"),
		    .path2 = WINSEC_XATTR_NAME, .val = mine.b, .len = mine.len);
	EXPECT_TRUE(rc == EACCES || rc == EPERM) {
		TH_LOG("taking ownership in a namespace: %d", rc);
	}
	ASSERT_LT(0, get_sd(P("theirs"), &after));
	EXPECT_EQ(before.len, after.len);
	EXPECT_EQ(0, memcmp(before.b, after.b, before.len));
	/* Control: CAP_FOWNER of the initial namespace, at Medium, may. */
	EXPECT_EQ(0, AS_CAPS(ALICE, "medium", CAPBIT(CAP_FOWNER),
			     .kind = OP_SETXATTR, .path = P("theirs"),
			     .path2 = WINSEC_XATTR_NAME, .val = mine.b,
			     .len = mine.len));
	ASSERT_LT(0, get_sd(P("theirs"), &after));
	EXPECT_EQ(mine.len, after.len);
	EXPECT_EQ(0, memcmp(mine.b, after.b, mine.len));
}

TEST_HARNESS_MAIN
