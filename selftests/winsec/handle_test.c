// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - the rights of an open file (its handle): append-only
 * handles against fcntl() and shared writable mappings, file-attribute
 * ioctls, O_TMPFILE, and extended attributes of every namespace
 */

#include "desc.h"
#include "fsop.h"

#include <sys/ioctl.h>

/*
 * From <linux/fs.h>, which cannot be included with <sys/mount.h>: the
 * inode flags ioctls and the flags tmpfs keeps.
 */
struct fsxattr {
	__u32 fsx_xflags;
	__u32 fsx_extsize;
	__u32 fsx_nextents;
	__u32 fsx_projid;
	__u32 fsx_cowextsize;
	unsigned char fsx_pad[8];
};

#define FS_IOC_GETFLAGS		_IOR('f', 1, long)
#define FS_IOC_SETFLAGS		_IOW('f', 2, long)
#define FS_IOC_FSGETXATTR	_IOR('X', 31, struct fsxattr)
#define FS_IOC_FSSETXATTR	_IOW('X', 32, struct fsxattr)
#define FS_IMMUTABLE_FL		0x00000010
#define FS_NODUMP_FL		0x00000040
#define FS_XFLAG_NODUMP		0x00000080

/* Every capability the kernel knows, for root lowered to Low. */
#define ALL_CAPS		((1ULL << (CAP_LAST_CAP + 1)) - 1)

#define WRITABLE		"D:(A;;FA;;;WD)"
#define LOW_LABEL		"S:(ML;;NW;;;LW)"

/* 0 for a full write, its errno (EIO for a short one) otherwise. */
static int wrote(ssize_t n, size_t len)
{
	if (n < 0)
		return errno;
	return (size_t)n == len ? 0 : EIO;
}

static int map_rc(void *m)
{
	return m == MAP_FAILED ? errno : 0;
}

/* A file of root holding "data\n", mode 0666, with the descriptor @text. */
static void make_labelled(struct __test_metadata *const _metadata,
			  const char *path, const char *text)
{
	make_file(_metadata, path, 0);
	ASSERT_EQ(0, chmod(path, 0666));
	if (text)
		SET_SD(path, text);
}

/* The content of @path, as root: its length, or -1. */
static ssize_t read_all(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size);
	close(fd);
	return n;
}

/* --- append-only handles ------------------------------------------------ */

FIXTURE(append) {
	struct steps *s;
};

/* The subject's level, and the label that lets it write the file. */
FIXTURE_VARIANT(append) {
	const char *level;
	const char *label;
};

FIXTURE_VARIANT_ADD(append, medium) {
	.level = "medium",
	.label = "",
};

FIXTURE_VARIANT_ADD(append, low) {
	.level = "low",
	.label = LOW_LABEL,
};

FIXTURE_SETUP(append)
{
	prepare_tmpfs(_metadata);
	self->s = map_steps(_metadata);
	ASSERT_NE(NULL, self->s);
}

FIXTURE_TEARDOWN(append)
{
	if (self->s)
		munmap(self->s, sizeof(*self->s));
}

enum append_step {
	A_OPEN_WRITE,		/* open(O_WRONLY), without O_APPEND */
	A_OPEN,			/* open(O_WRONLY | O_APPEND) */
	A_WRITE,		/* write() through it */
	A_CLEAR_APPEND,		/* fcntl(F_SETFL) without O_APPEND */
	A_APPEND_KEPT,		/* 1 if F_GETFL still shows O_APPEND */
	A_PWRITE,		/* pwrite() at offset 0 */
	A_OPEN_RDWR,		/* open(O_RDWR | O_APPEND) */
	A_SHARED_RW,		/* mmap(PROT_READ | PROT_WRITE, MAP_SHARED) */
	A_SHARED_RO,		/* mmap(PROT_READ, MAP_SHARED) */
	A_MPROTECT_RW,		/* mprotect(PROT_READ | PROT_WRITE) of it */
	A_PRIVATE_RW,		/* mmap(PROT_READ | PROT_WRITE, MAP_PRIVATE) */
};

/*
 * Everything a holder of an O_APPEND handle may try in order to change
 * bytes already in the file. Writes through a mapping that was granted
 * land in the file, so the content the parent reads shows what got through.
 */
static void append_steps(struct steps *s, const void *arg)
{
	const char *path = arg;
	void *m;
	int fd, flags;

	fd = open(path, O_WRONLY);
	s->rc[A_OPEN_WRITE] = rc_of(fd);
	if (fd >= 0)
		close(fd);

	fd = open(path, O_WRONLY | O_APPEND);
	s->rc[A_OPEN] = rc_of(fd);
	if (fd < 0)
		return;
	s->rc[A_WRITE] = wrote(write(fd, "more\n", 5), 5);
	flags = fcntl(fd, F_GETFL);
	s->rc[A_CLEAR_APPEND] = rc_of(fcntl(fd, F_SETFL, flags & ~O_APPEND));
	s->rc[A_APPEND_KEPT] = !!(fcntl(fd, F_GETFL) & O_APPEND);
	/* With O_APPEND still set, Linux appends whatever the offset. */
	s->rc[A_PWRITE] = wrote(pwrite(fd, "XXXXX", 5, 0), 5);
	close(fd);

	fd = open(path, O_RDWR | O_APPEND);
	s->rc[A_OPEN_RDWR] = rc_of(fd);
	if (fd < 0)
		return;
	m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	s->rc[A_SHARED_RW] = map_rc(m);
	if (m != MAP_FAILED) {
		*(char *)m = 'M';
		munmap(m, 4096);
	}
	m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	s->rc[A_SHARED_RO] = map_rc(m);
	if (m != MAP_FAILED) {
		s->rc[A_MPROTECT_RW] = rc_of(mprotect(m, 4096,
						      PROT_READ | PROT_WRITE));
		munmap(m, 4096);
	}
	/* A private copy never reaches the file. */
	m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	s->rc[A_PRIVATE_RW] = map_rc(m);
	if (m != MAP_FAILED) {
		memcpy(m, "YYYYY", 5);
		munmap(m, 4096);
	}
	close(fd);
}

TEST_F(append, append_only_handle_cannot_change_existing_bytes)
{
	struct steps *s = self->s;
	char sd[128], buf[64];
	ssize_t n;

	/* Everyone reads and appends, nobody writes data. */
	snprintf(sd, sizeof(sd), "D:(A;;%#x;;;WD)%s", RIGHTS_READ_APPEND,
		 variant->label);
	make_labelled(_metadata, P("log"), sd);
	ASSERT_EQ(0, run_steps(s, SUBJECT(ALICE, variant->level, 0),
			       append_steps, P("log")));

	/* The handle is append-only: no plain write access. */
	EXPECT_EQ(EACCES, s->rc[A_OPEN_WRITE]);
	/* Control: appending works. */
	EXPECT_EQ(0, s->rc[A_OPEN]);
	EXPECT_EQ(0, s->rc[A_WRITE]);
	/* O_APPEND cannot be cleared, so pwrite() at 0 still appends. */
	EXPECT_EQ(EACCES, s->rc[A_CLEAR_APPEND]);
	EXPECT_EQ(1, s->rc[A_APPEND_KEPT]);
	EXPECT_EQ(0, s->rc[A_PWRITE]);
	/* No mapping that writes the file in place, now or later. */
	EXPECT_EQ(0, s->rc[A_OPEN_RDWR]);
	EXPECT_EQ(EACCES, s->rc[A_SHARED_RW]);
	EXPECT_EQ(0, s->rc[A_SHARED_RO]);
	EXPECT_EQ(EACCES, s->rc[A_MPROTECT_RW]);
	/* Control: a private writable copy is no write to the file. */
	EXPECT_EQ(0, s->rc[A_PRIVATE_RW]);

	/* The old bytes are intact; both writes went to the end. */
	n = read_all(P("log"), buf, sizeof(buf));
	ASSERT_EQ(15, n);
	EXPECT_EQ(0, memcmp(buf, "data\nmore\nXXXXX", 15)) {
		TH_LOG("content: %.*s", (int)n, buf);
	}
}

TEST_F(append, write_data_handle_may_clear_append_and_map_shared)
{
	struct steps *s = self->s;
	char sd[128], buf[64];
	ssize_t n;

	snprintf(sd, sizeof(sd), "%s%s", WRITABLE, variant->label);
	make_labelled(_metadata, P("log"), sd);
	ASSERT_EQ(0, run_steps(s, SUBJECT(ALICE, variant->level, 0),
			       append_steps, P("log")));

	EXPECT_EQ(0, s->rc[A_OPEN_WRITE]);
	EXPECT_EQ(0, s->rc[A_OPEN]);
	EXPECT_EQ(0, s->rc[A_WRITE]);
	EXPECT_EQ(0, s->rc[A_CLEAR_APPEND]);
	EXPECT_EQ(0, s->rc[A_APPEND_KEPT]);
	EXPECT_EQ(0, s->rc[A_PWRITE]);
	EXPECT_EQ(0, s->rc[A_OPEN_RDWR]);
	EXPECT_EQ(0, s->rc[A_SHARED_RW]);
	EXPECT_EQ(0, s->rc[A_SHARED_RO]);
	EXPECT_EQ(0, s->rc[A_MPROTECT_RW]);
	EXPECT_EQ(0, s->rc[A_PRIVATE_RW]);

	/* pwrite() overwrote the start, then the shared mapping its byte. */
	n = read_all(P("log"), buf, sizeof(buf));
	ASSERT_EQ(10, n);
	EXPECT_EQ(0, memcmp(buf, "MXXXXmore\n", 10)) {
		TH_LOG("content: %.*s", (int)n, buf);
	}
}

/* --- the other checks on handles ---------------------------------------- */

FIXTURE(handle) {
	struct steps *s;
};

FIXTURE_SETUP(handle)
{
	prepare_tmpfs(_metadata);
	self->s = map_steps(_metadata);
	ASSERT_NE(NULL, self->s);
}

FIXTURE_TEARDOWN(handle)
{
	if (self->s)
		munmap(self->s, sizeof(*self->s));
}

/* The inode flags of @path (FS_IOC_GETFLAGS), read as root; -errno. */
static int get_flags(const char *path)
{
	int fd = open(path, O_RDONLY), flags = 0, rc;

	if (fd < 0)
		return -errno;
	rc = ioctl(fd, FS_IOC_GETFLAGS, &flags);
	if (rc)
		rc = -errno;
	close(fd);
	return rc ? rc : flags;
}

struct attr_arg {
	const char *path;
	int set;		/* FS_IOC_SETFLAGS: flags to add */
	int clear;		/* and flags to remove afterwards */
	unsigned int xset;	/* FS_IOC_FSSETXATTR: xflags to add */
};

enum attr_step {
	F_OPEN,			/* open(O_RDONLY) */
	F_SET,			/* FS_IOC_SETFLAGS adding @set */
	F_CLEAR,		/* FS_IOC_SETFLAGS removing @clear */
	F_XSET,			/* FS_IOC_FSSETXATTR adding @xset */
};

/* Change the inode flags through a handle opened for reading only. */
static void attr_steps(struct steps *s, const void *p)
{
	const struct attr_arg *a = p;
	struct fsxattr fsx;
	int fd, flags;

	fd = open(a->path, O_RDONLY);
	s->rc[F_OPEN] = rc_of(fd);
	if (fd < 0)
		return;
	if (a->set) {
		if (ioctl(fd, FS_IOC_GETFLAGS, &flags)) {
			s->rc[F_SET] = 1000 + errno;
		} else {
			flags |= a->set;
			s->rc[F_SET] = rc_of(ioctl(fd, FS_IOC_SETFLAGS,
						   &flags));
		}
	}
	if (a->clear) {
		if (ioctl(fd, FS_IOC_GETFLAGS, &flags)) {
			s->rc[F_CLEAR] = 1000 + errno;
		} else {
			flags &= ~a->clear;
			s->rc[F_CLEAR] = rc_of(ioctl(fd, FS_IOC_SETFLAGS,
						     &flags));
		}
	}
	if (a->xset) {
		if (ioctl(fd, FS_IOC_FSGETXATTR, &fsx)) {
			s->rc[F_XSET] = 1000 + errno;
		} else {
			fsx.fsx_xflags |= a->xset;
			s->rc[F_XSET] = rc_of(ioctl(fd, FS_IOC_FSSETXATTR,
						    &fsx));
		}
	}
	close(fd);
}

/* Whether the file system keeps inode flags (tmpfs: CONFIG_TMPFS_XATTR). */
static bool has_flags(const char *path)
{
	int flags = get_flags(path);

	return flags != -ENOTTY && flags != -EOPNOTSUPP;
}

TEST_F(handle, file_attribute_ioctls_need_write_attributes)
{
	struct attr_arg nodump = {
		.path = P("mine"), .set = FS_NODUMP_FL,
	};
	struct attr_arg xnodump = {
		.path = P("mine"), .xset = FS_XFLAG_NODUMP,
	};
	struct attr_arg both = {
		.path = P("mine"), .set = FS_NODUMP_FL,
		.xset = FS_XFLAG_NODUMP,
	};
	struct steps *s = self->s;

	/* alice's own unlabeled file: Medium, so Low may only read it. */
	make_file(_metadata, P("mine"), ALICE);
	ASSERT_EQ(0, chmod(P("mine"), 0666));
	if (!has_flags(P("mine")))
		SKIP(return, "tmpfs keeps no inode flags");
	ASSERT_EQ(0, get_flags(P("mine")));

	/* alice at Low: owner of the file, but her handle cannot write it. */
	ASSERT_EQ(0, run_steps(s, SUBJECT(ALICE, "low", 0), attr_steps, &both));
	EXPECT_EQ(0, s->rc[F_OPEN]);
	EXPECT_EQ(EACCES, s->rc[F_SET]);
	EXPECT_EQ(EACCES, s->rc[F_XSET]);
	EXPECT_EQ(0, get_flags(P("mine")) & FS_NODUMP_FL);

	/* Control: at Medium each ioctl works through the same open. */
	ASSERT_EQ(0, run_steps(s, SUBJECT(ALICE, "medium", 0),
			       attr_steps, &nodump));
	EXPECT_EQ(0, s->rc[F_OPEN]);
	EXPECT_EQ(0, s->rc[F_SET]);
	EXPECT_EQ(FS_NODUMP_FL, get_flags(P("mine")) & FS_NODUMP_FL);

	nodump.set = 0;
	nodump.clear = FS_NODUMP_FL;
	ASSERT_EQ(0, run_steps(s, SUBJECT(ALICE, "medium", 0),
			       attr_steps, &nodump));
	EXPECT_EQ(0, s->rc[F_CLEAR]);
	ASSERT_EQ(0, get_flags(P("mine")) & FS_NODUMP_FL);

	ASSERT_EQ(0, run_steps(s, SUBJECT(ALICE, "medium", 0),
			       attr_steps, &xnodump));
	EXPECT_EQ(0, s->rc[F_XSET]);
	EXPECT_EQ(FS_NODUMP_FL, get_flags(P("mine")) & FS_NODUMP_FL);
}

TEST_F(handle, root_at_low_cannot_make_a_system_file_immutable)
{
	struct attr_arg immutable = {
		.path = P("sys"), .set = FS_IMMUTABLE_FL,
	};
	struct attr_arg clear_immutable = {
		.path = P("sys"), .clear = FS_IMMUTABLE_FL,
	};
	struct steps *s = self->s;

	make_labelled(_metadata, P("sys"), "S:(ML;;NW;;;SI)");
	if (!has_flags(P("sys")))
		SKIP(return, "tmpfs keeps no inode flags");
	ASSERT_EQ(0, get_flags(P("sys")));

	/* CAP_LINUX_IMMUTABLE and every other capability do not help. */
	ASSERT_EQ(0, run_steps(s, SUBJECT(0, "low", ALL_CAPS),
			       attr_steps, &immutable));
	EXPECT_EQ(0, s->rc[F_OPEN]);
	EXPECT_EQ(EACCES, s->rc[F_SET]);
	EXPECT_EQ(0, get_flags(P("sys")) & FS_IMMUTABLE_FL);

	/* Control: root at System sets it, and clears it again. */
	ASSERT_EQ(0, run_steps(s, SUBJECT(0, "system", ALL_CAPS),
			       attr_steps, &immutable));
	EXPECT_EQ(0, s->rc[F_OPEN]);
	EXPECT_EQ(0, s->rc[F_SET]);
	EXPECT_EQ(FS_IMMUTABLE_FL, get_flags(P("sys")) & FS_IMMUTABLE_FL);
	ASSERT_EQ(0, run_steps(s, SUBJECT(0, "system", ALL_CAPS),
			       attr_steps, &clear_immutable));
	EXPECT_EQ(0, s->rc[F_CLEAR]);
	EXPECT_EQ(0, get_flags(P("sys")) & FS_IMMUTABLE_FL);
}

/* --- O_TMPFILE ------------------------------------------------------------- */

TEST_F(handle, tmpfile_needs_add_file_on_the_directory)
{
	make_dir(_metadata, P("plain"), 0);
	make_dir(_metadata, P("low"), 0);
	SET_SD(P("low"), "S:(ML;OICI;NW;;;LW)");

	/* An unnamed file in a Medium directory is still a new file in it. */
	EXPECT_EQ(EACCES, AS(ALICE, "low", .kind = OP_OPEN, .path = P("plain"),
			     .flags = O_TMPFILE | O_WRONLY));
	/* Controls: a Low directory, or a Medium subject. */
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = P("low"),
			.flags = O_TMPFILE | O_WRONLY));
	EXPECT_EQ(0, AS(ALICE, "medium", .kind = OP_OPEN, .path = P("plain"),
			.flags = O_TMPFILE | O_WRONLY));
}

/* --- extended attributes ------------------------------------------------- */

enum xattr_step {
	X_LIST,			/* listxattr() */
	X_LIST_HAS_USER,	/* 1 if the list names user.note */
	X_GET_USER,		/* getxattr("user.note") */
	X_GET_TRUSTED,		/* getxattr("trusted.test") */
	X_SET_TRUSTED,		/* setxattr("trusted.test") */
	X_REMOVE_TRUSTED,	/* removexattr("trusted.test") */
	X_SET_USER,		/* setxattr("user.note") */
};

struct xattr_arg {
	const char *path;
	bool list;		/* X_LIST .. X_GET_USER */
	bool trusted;		/* X_GET_TRUSTED .. X_SET_USER */
};

static bool names_user_note(const char *list, ssize_t len)
{
	ssize_t i;

	for (i = 0; i < len; i += strlen(list + i) + 1)
		if (!strcmp(list + i, "user.note"))
			return true;
	return false;
}

static void xattr_steps(struct steps *s, const void *p)
{
	const struct xattr_arg *a = p;
	char buf[1024];
	ssize_t n;

	if (a->list) {
		n = listxattr(a->path, buf, sizeof(buf));
		s->rc[X_LIST] = rc_of(n);
		s->rc[X_LIST_HAS_USER] = n > 0 && names_user_note(buf, n);
		s->rc[X_GET_USER] = rc_of(getxattr(a->path, "user.note", buf,
						   sizeof(buf)));
	}
	if (a->trusted) {
		s->rc[X_GET_TRUSTED] = rc_of(getxattr(a->path, "trusted.test",
						      buf, sizeof(buf)));
		s->rc[X_SET_TRUSTED] = rc_of(setxattr(a->path, "trusted.test",
						      "new", 3, 0));
		s->rc[X_REMOVE_TRUSTED] = rc_of(removexattr(a->path,
							    "trusted.test"));
		s->rc[X_SET_USER] = rc_of(setxattr(a->path, "user.note",
						   "new", 3, 0));
	}
}

TEST_F(handle, listxattr_needs_read_ea)
{
	struct xattr_arg list = { .path = P("f"), .list = true };
	struct steps *s = self->s;

	make_labelled(_metadata, P("f"), NULL);
	ASSERT_EQ(0, setxattr(P("f"), "user.note", "old", 3, 0));
	SET_SD(P("f"), "D:(A;;FA;;;WD)S:(ML;;NWNR;;;ME)");

	/* No read up: the names of the attributes are data too. */
	ASSERT_EQ(0, run_steps(s, SUBJECT(ALICE, "low", 0),
			       xattr_steps, &list));
	EXPECT_EQ(EACCES, s->rc[X_LIST]);
	EXPECT_EQ(EACCES, s->rc[X_GET_USER]);
	/* Control: at Medium the list is there, with user.note. */
	ASSERT_EQ(0, run_steps(s, SUBJECT(ALICE, "medium", 0),
			       xattr_steps, &list));
	EXPECT_EQ(0, s->rc[X_LIST]);
	EXPECT_EQ(1, s->rc[X_LIST_HAS_USER]);
	EXPECT_EQ(0, s->rc[X_GET_USER]);
}

TEST_F(handle, listxattr_follows_the_dacl)
{
	struct xattr_arg list = { .path = P("f"), .list = true };
	struct steps *s = self->s;

	make_labelled(_metadata, P("f"), NULL);
	ASSERT_EQ(0, setxattr(P("f"), "user.note", "old", 3, 0));
	/* FR without FILE_READ_EA, for everyone. */
	SET_SD(P("f"), DACL_EVERYONE(RIGHTS_READ_NO_EA));
	ASSERT_EQ(0, run_steps(s, SUBJECT(ALICE, "medium", 0),
			       xattr_steps, &list));
	EXPECT_EQ(EACCES, s->rc[X_LIST]);
	EXPECT_EQ(EACCES, s->rc[X_GET_USER]);

	/* Control: with FILE_READ_EA granted (FR), both work. */
	SET_SD(P("f"), "D:(A;;FR;;;WD)");
	ASSERT_EQ(0, run_steps(s, SUBJECT(ALICE, "medium", 0),
			       xattr_steps, &list));
	EXPECT_EQ(0, s->rc[X_LIST]);
	EXPECT_EQ(1, s->rc[X_LIST_HAS_USER]);
	EXPECT_EQ(0, s->rc[X_GET_USER]);
}

TEST_F(handle, trusted_xattrs_need_write_ea_whatever_the_capabilities)
{
	struct xattr_arg trusted = { .path = P("sys"), .trusted = true };
	struct steps *s = self->s;
	char buf[16];

	make_labelled(_metadata, P("sys"), "S:(ML;;NW;;;SI)");
	ASSERT_EQ(0, setxattr(P("sys"), "trusted.test", "old", 3, 0));

	/*
	 * Root at Low keeps CAP_SYS_ADMIN, which trusted.* needs: it reads
	 * the attribute, and the System label refuses every change.
	 */
	ASSERT_EQ(0, run_steps(s, SUBJECT(0, "low", ALL_CAPS),
			       xattr_steps, &trusted));
	EXPECT_EQ(0, s->rc[X_GET_TRUSTED]);
	EXPECT_EQ(EACCES, s->rc[X_SET_TRUSTED]);
	EXPECT_EQ(EACCES, s->rc[X_REMOVE_TRUSTED]);
	EXPECT_EQ(EACCES, s->rc[X_SET_USER]);
	ASSERT_EQ(3, getxattr(P("sys"), "trusted.test", buf, sizeof(buf)));
	EXPECT_EQ(0, memcmp(buf, "old", 3));
	EXPECT_EQ(-1, getxattr(P("sys"), "user.note", buf, sizeof(buf)));

	/* Control: root at System sets and removes them. */
	ASSERT_EQ(0, run_steps(s, SUBJECT(0, "system", ALL_CAPS),
			       xattr_steps, &trusted));
	EXPECT_EQ(0, s->rc[X_GET_TRUSTED]);
	EXPECT_EQ(0, s->rc[X_SET_TRUSTED]);
	EXPECT_EQ(0, s->rc[X_REMOVE_TRUSTED]);
	EXPECT_EQ(0, s->rc[X_SET_USER]);
	EXPECT_EQ(-1, getxattr(P("sys"), "trusted.test", buf, sizeof(buf)));
	EXPECT_EQ(ENODATA, errno);
	EXPECT_EQ(3, getxattr(P("sys"), "user.note", buf, sizeof(buf)));
}

TEST_HARNESS_MAIN
