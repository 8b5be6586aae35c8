/* SPDX-License-Identifier: GPL-2.0 */
/*
 * winsec selftests - file operations run in a child as another subject,
 * each returning 0 or the exact errno of its system call.
 */

#ifndef _SELFTESTS_WINSEC_FSOP_H
#define _SELFTESTS_WINSEC_FSOP_H

#include "common.h"

enum op_kind {
	OP_OPEN, OP_MKDIR, OP_UNLINK, OP_RMDIR, OP_RENAME, OP_LINK,
	OP_SYMLINK, OP_MKFIFO, OP_MKSOCK, OP_CHMOD, OP_CHOWN, OP_TRUNCATE,
	OP_FTRUNCATE, OP_UTIMES, OP_SETXATTR, OP_GETXATTR, OP_REMOVEXATTR,
	OP_EXEC, OP_MMAP_EXEC, OP_MPROTECT_EXEC, OP_CONNECT, OP_ACCESS,
	OP_NONE,
};

struct op {
	enum op_kind kind;
	const char *path;
	const char *path2;
	int flags;
	const void *val;
	size_t len;
};

static inline int do_op(const struct op *op)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct timespec ts[2] = { { 1, 0 }, { 2, 0 } };
	char buf[4096];
	void *m;
	int fd, rc = 0;

	switch (op->kind) {
	case OP_NONE:
		return 0;
	case OP_OPEN:
		fd = open(op->path, op->flags, 0666);
		if (fd < 0)
			return errno == ENXIO ? 0 : errno;	/* FIFO */
		close(fd);
		return 0;
	case OP_ACCESS:
		return access(op->path, op->flags) ? errno : 0;
	case OP_MKDIR:
		return mkdir(op->path, 0777) ? errno : 0;
	case OP_UNLINK:
		return unlink(op->path) ? errno : 0;
	case OP_RMDIR:
		return rmdir(op->path) ? errno : 0;
	case OP_RENAME:
		return rename(op->path, op->path2) ? errno : 0;
	case OP_LINK:
		return link(op->path, op->path2) ? errno : 0;
	case OP_SYMLINK:
		return symlink("target", op->path) ? errno : 0;
	case OP_MKFIFO:
		return mkfifo(op->path, 0666) ? errno : 0;
	case OP_MKSOCK:
	case OP_CONNECT:
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		if (fd < 0)
			return errno;
		snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", op->path);
		if (op->kind == OP_MKSOCK)
			rc = bind(fd, (struct sockaddr *)&sun, sizeof(sun));
		else
			rc = connect(fd, (struct sockaddr *)&sun, sizeof(sun));
		rc = rc ? errno : 0;
		close(fd);
		return rc;
	case OP_CHMOD:
		return chmod(op->path, op->flags) ? errno : 0;
	case OP_CHOWN:
		return chown(op->path, -1, op->flags) ? errno : 0;
	case OP_TRUNCATE:
		return truncate(op->path, 0) ? errno : 0;
	case OP_FTRUNCATE:
		fd = open(op->path, op->flags);
		if (fd < 0)
			return PREP_FAILED + errno;
		rc = ftruncate(fd, 0) ? errno : 0;
		close(fd);
		return rc;
	case OP_UTIMES:
		return utimensat(AT_FDCWD, op->path, ts, 0) ? errno : 0;
	case OP_SETXATTR:
		return setxattr(op->path, op->path2, op->val, op->len, 0) ?
			errno : 0;
	case OP_GETXATTR:
		return getxattr(op->path, op->path2, buf, sizeof(buf)) < 0 ?
			errno : 0;
	case OP_REMOVEXATTR:
		return removexattr(op->path, op->path2) ? errno : 0;
	case OP_EXEC: {
		char *const argv[] = { (char *)op->path, NULL };
		char *const envp[] = { "WINSEC_SELFTEST_EXIT=1", NULL };

		execve(op->path, argv, envp);
		return errno;
	}
	case OP_MMAP_EXEC:
	case OP_MPROTECT_EXEC:
		fd = open(op->path, O_RDONLY);
		if (fd < 0)
			return PREP_FAILED + errno;
		m = mmap(NULL, 4096, PROT_READ |
			 (op->kind == OP_MMAP_EXEC ? PROT_EXEC : 0),
			 MAP_PRIVATE, fd, 0);
		if (m == MAP_FAILED)
			rc = errno;
		else if (op->kind == OP_MPROTECT_EXEC)
			rc = mprotect(m, 4096, PROT_READ | PROT_EXEC) ? errno : 0;
		close(fd);
		return rc;
	}
	return EINVAL;
}

static inline int run_op(const void *op)
{
	return do_op(op);
}

/*
 * Run an operation, given as the fields of struct op, as @uid at @level
 * with @caps (AS: none); 0 or its exact errno, see run_as().
 */
#define AS_CAPS(_uid, _level, _caps, ...)				\
	run_as(SUBJECT(_uid, _level, _caps), run_op,			\
	       &(struct op){ __VA_ARGS__ })
#define AS(_uid, _level, ...) AS_CAPS(_uid, _level, 0, __VA_ARGS__)

#endif /* _SELFTESTS_WINSEC_FSOP_H */
