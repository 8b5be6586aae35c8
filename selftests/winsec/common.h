/* SPDX-License-Identifier: GPL-2.0 */
/*
 * winsec selftests - helpers: descriptors from a small SDDL subset, a
 * private tmpfs per test, and operations run as another user and level
 */

#ifndef _SELFTESTS_WINSEC_COMMON_H
#define _SELFTESTS_WINSEC_COMMON_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/types.h>

#include "../kselftest_harness.h"

#ifndef __NR_lsm_get_self_attr
#define __NR_lsm_get_self_attr 459
#endif
#ifndef __NR_lsm_set_self_attr
#define __NR_lsm_set_self_attr 460
#endif

#define WINSEC_LSM_ID		114
#define ATTR_CURRENT		100
#define ATTR_FSCREATE		102
/* lsm_ctx flag of ATTR_FSCREATE (WINSEC_FSCREATE_KEEP_ON_EXEC) */
#define FSCREATE_KEEP_ON_EXEC	0x1
#define FLAG_SINGLE		1

#define XATTR_WINSEC		"security.winsec"
#define TMP			"/tmp/winsec-selftest"

/* Users the guest has (any uid works: the tests need no passwd entry). */
#define ALICE			1000
#define BOB			1001

/* Capability numbers (not all C libraries have them). */
#define C_DAC_OVERRIDE		1
#define C_DAC_READ_SEARCH	2
#define C_FOWNER		3
#define C_SYS_ADMIN		21
#define C_MAC_ADMIN		33
#define CAPBIT(c)		(1ULL << (c))

struct test_lsm_ctx {
	__u64 id;
	__u64 flags;
	__u64 len;
	__u64 ctx_len;
	__u8 ctx[];
};

/* --- descriptors from SDDL (a subset: enough for the tests) ------------ */

struct sdbuf {
	__u8 b[2048];
	size_t len;
};

struct sidbuf {
	__u8 b[68];
	size_t len;
};

static inline void put16(__u8 *p, unsigned int v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static inline void put32(__u8 *p, __u32 v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static const struct {
	const char *alias;
	const char *sid;
} sid_aliases[] = {
	{ "WD", "S-1-1-0" },	  { "CO", "S-1-3-0" },	    { "CG", "S-1-3-1" },
	{ "OW", "S-1-3-4" },	  { "AU", "S-1-5-11" },	    { "SY", "S-1-5-18" },
	{ "BA", "S-1-5-32-544" }, { "BU", "S-1-5-32-545" }, { "LW", "S-1-16-4096" },
	{ "ME", "S-1-16-8192" },  { "MP", "S-1-16-8448" },  { "HI", "S-1-16-12288" },
	{ "SI", "S-1-16-16384" },
};

/* Parse a SID (alias or S-1-...) at *s, advancing *s. */
static inline bool sid_parse(const char **s, struct sidbuf *out)
{
	const char *p = *s;
	unsigned long long auth;
	__u32 sub[15];
	unsigned int n = 0, i;
	char *end;

	for (i = 0; i < ARRAY_SIZE(sid_aliases); i++) {
		if (!strncmp(p, sid_aliases[i].alias, 2)) {
			const char *q = sid_aliases[i].sid;

			if (!sid_parse(&q, out))
				return false;
			*s = p + 2;
			return true;
		}
	}
	if (strncmp(p, "S-1-", 4))
		return false;
	auth = strtoull(p + 4, &end, 10);
	p = end;
	while (*p == '-' && n < 15) {
		sub[n++] = strtoul(p + 1, &end, 10);
		p = end;
	}
	if (!n)
		return false;
	out->b[0] = 1;
	out->b[1] = n;
	for (i = 0; i < 6; i++)
		out->b[2 + i] = auth >> (8 * (5 - i));
	for (i = 0; i < n; i++)
		put32(out->b + 8 + 4 * i, sub[i]);
	out->len = 8 + 4 * n;
	*s = p;
	return true;
}

static const struct {
	const char *name;
	__u32 value;
} sddl_tokens[] = {
	/* rights */
	{ "GA", 0x10000000 }, { "GX", 0x20000000 }, { "GW", 0x40000000 },
	{ "GR", 0x80000000 }, { "SD", 0x00010000 }, { "RC", 0x00020000 },
	{ "WD", 0x00040000 }, { "WO", 0x00080000 }, { "CC", 0x1 },
	{ "DC", 0x2 },	      { "LC", 0x4 },	    { "SW", 0x8 },
	{ "RP", 0x10 },	      { "WP", 0x20 },	    { "DT", 0x40 },
	{ "LO", 0x80 },	      { "CR", 0x100 },	    { "FA", 0x001f01ff },
	{ "FR", 0x00120089 }, { "FW", 0x00120116 }, { "FX", 0x001200a0 },
	{ "NW", 0x1 },	      { "NR", 0x2 },	    { "NX", 0x4 },
};

static const struct {
	const char *name;
	__u8 value;
} ace_flag_tokens[] = {
	{ "OI", 0x01 }, { "CI", 0x02 }, { "NP", 0x04 }, { "IO", 0x08 },
	{ "ID", 0x10 }, { "SA", 0x40 }, { "FA", 0x80 },
};

static inline bool parse_rights(const char **s, __u32 *mask)
{
	const char *p = *s;
	char *end;
	size_t i;

	*mask = 0;
	if (!strncasecmp(p, "0x", 2)) {
		*mask = strtoul(p, &end, 16);
		*s = end;
		return true;
	}
	while (*p && *p != ';') {
		for (i = 0; i < ARRAY_SIZE(sddl_tokens); i++)
			if (!strncmp(p, sddl_tokens[i].name, 2))
				break;
		if (i == ARRAY_SIZE(sddl_tokens))
			return false;
		*mask |= sddl_tokens[i].value;
		p += 2;
	}
	*s = p;
	return true;
}

/* Parse "(T;F;R;;;SID)..." into an ACL at @acl; returns its size or 0. */
static inline size_t parse_acl(const char **s, __u8 *acl)
{
	const char *p = *s;
	size_t off = 8, i;
	unsigned int count = 0;

	while (*p == '(') {
		__u8 type, flags = 0;
		struct sidbuf sid;
		__u32 mask;

		p++;
		if (!strncmp(p, "AU;", 3)) {
			type = 2;
			p += 3;
		} else if (!strncmp(p, "ML;", 3)) {
			type = 0x11;
			p += 3;
		} else if (!strncmp(p, "A;", 2)) {
			type = 0;
			p += 2;
		} else if (!strncmp(p, "D;", 2)) {
			type = 1;
			p += 2;
		} else {
			return 0;
		}
		while (*p != ';') {
			for (i = 0; i < ARRAY_SIZE(ace_flag_tokens); i++)
				if (!strncmp(p, ace_flag_tokens[i].name, 2))
					break;
			if (i == ARRAY_SIZE(ace_flag_tokens))
				return 0;
			flags |= ace_flag_tokens[i].value;
			p += 2;
		}
		p++;
		if (!parse_rights(&p, &mask) || strncmp(p, ";;;", 3))
			return 0;
		p += 3;
		if (!sid_parse(&p, &sid) || *p != ')')
			return 0;
		p++;
		acl[off] = type;
		acl[off + 1] = flags;
		put16(acl + off + 2, 8 + sid.len);
		put32(acl + off + 4, mask);
		memcpy(acl + off + 8, sid.b, sid.len);
		off += 8 + sid.len;
		count++;
	}
	acl[0] = 2;
	acl[1] = 0;
	put16(acl + 2, off);
	put16(acl + 4, count);
	put16(acl + 6, 0);
	*s = p;
	return off;
}

/*
 * Encode O:, G:, D: (flags P, AI; NO_ACCESS_CONTROL) and S: into a
 * self-relative descriptor. Returns false on text it does not know.
 */
static inline bool sddl_encode(const char *text, struct sdbuf *out)
{
	__u16 control = 0x8000;
	__u8 *b = out->b;
	size_t off = 20;
	const char *p = text;
	struct sidbuf sid;
	size_t n;

	memset(out, 0, sizeof(*out));
	b[0] = 1;
	while (*p) {
		char part = *p;

		if (p[1] != ':')
			return false;
		p += 2;
		switch (part) {
		case 'O':
		case 'G':
			if (!sid_parse(&p, &sid))
				return false;
			memcpy(b + off, sid.b, sid.len);
			put32(b + (part == 'O' ? 4 : 8), off);
			off += sid.len;
			break;
		case 'D':
		case 'S':
			control |= part == 'D' ? 0x0004 : 0x0010;
			if (!strncmp(p, "NO_ACCESS_CONTROL", 17)) {
				p += 17;
				break;
			}
			for (;;) {
				if (*p == 'P') {
					control |= part == 'D' ? 0x1000 : 0x2000;
					p++;
				} else if (!strncmp(p, "AI", 2)) {
					control |= part == 'D' ? 0x0400 : 0x0800;
					p += 2;
				} else {
					break;
				}
			}
			n = parse_acl(&p, b + off);
			if (!n)
				return false;
			put32(b + (part == 'D' ? 16 : 12), off);
			off += n;
			break;
		default:
			return false;
		}
	}
	put16(b + 2, control);
	out->len = off;
	return true;
}

#define SD(_text)							\
	({								\
		struct sdbuf _sd;					\
		ASSERT_TRUE(sddl_encode(_text, &_sd)) {			\
			TH_LOG("cannot encode %s", _text);		\
		}							\
		_sd;							\
	})

/* Find an ACE in the DACL (@dacl) or SACL of a stored descriptor. */
static inline bool sd_has_ace(const __u8 *sd, size_t len, bool dacl,
			      __u8 type, __u8 flags, __u32 mask,
			      const char *sid_text)
{
	__u32 off = sd[dacl ? 16 : 12] | sd[dacl ? 17 : 13] << 8 |
		    sd[dacl ? 18 : 14] << 16 | (__u32)sd[dacl ? 19 : 15] << 24;
	const char *q = sid_text;
	struct sidbuf sid;
	unsigned int count, i;
	size_t a;

	if (!off || off + 8 > len || !sid_parse(&q, &sid))
		return false;
	count = sd[off + 4] | sd[off + 5] << 8;
	a = off + 8;
	for (i = 0; i < count && a + 8 <= len; i++) {
		unsigned int size = sd[a + 2] | sd[a + 3] << 8;
		__u32 m = sd[a + 4] | sd[a + 5] << 8 | sd[a + 6] << 16 |
			  (__u32)sd[a + 7] << 24;

		if (sd[a] == type && sd[a + 1] == flags && m == mask &&
		    size == 8 + sid.len && !memcmp(sd + a + 8, sid.b, sid.len))
			return true;
		if (!size)
			break;
		a += size;
	}
	return false;
}

/* Number of ACEs of the DACL or SACL of a stored descriptor (-1: none). */
static inline int sd_ace_count(const __u8 *sd, size_t len, bool dacl)
{
	__u32 off = sd[dacl ? 16 : 12] | sd[dacl ? 17 : 13] << 8 |
		    sd[dacl ? 18 : 14] << 16 | (__u32)sd[dacl ? 19 : 15] << 24;

	if (!off || off + 8 > len)
		return -1;
	return sd[off + 4] | sd[off + 5] << 8;
}

/* --- the LSM ------------------------------------------------------------ */

static inline bool winsec_active(void)
{
	char buf[512] = "";
	int fd = open("/sys/kernel/security/lsm", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	return strstr(buf, "winsec");
}

/*
 * Set a self attribute through lsm_set_self_attr, with @flags in the
 * lsm_ctx; 0 or errno.
 */
static inline int set_attr_flags(unsigned int attr, const void *val,
				 size_t len, __u64 flags)
{
	size_t size = sizeof(struct test_lsm_ctx) + len;
	struct test_lsm_ctx *ctx = calloc(1, size);
	int rc = 0;

	ctx->id = WINSEC_LSM_ID;
	ctx->flags = flags;
	ctx->len = size;
	ctx->ctx_len = len;
	memcpy(ctx->ctx, val, len);
	if (syscall(__NR_lsm_set_self_attr, attr, ctx, (__u32)size, 0))
		rc = errno;
	free(ctx);
	return rc;
}

/* Set a self attribute through lsm_set_self_attr; 0 or errno. */
static inline int set_attr(unsigned int attr, const void *val, size_t len)
{
	return set_attr_flags(attr, val, len, 0);
}

static inline int set_level(const char *level)
{
	return set_attr(ATTR_CURRENT, level, strlen(level) + 1);
}

/* Get a self attribute into @buf; returns its length or -errno. */
static inline long get_attr(unsigned int attr, void *buf, size_t size)
{
	__u32 len = 4096;
	struct test_lsm_ctx *ctx = calloc(1, len);
	long n;

	ctx->id = WINSEC_LSM_ID;
	n = syscall(__NR_lsm_get_self_attr, attr, ctx, &len, FLAG_SINGLE);
	if (n < 0) {
		n = -errno;
	} else if (n != 1 || ctx->id != WINSEC_LSM_ID || ctx->ctx_len > size) {
		n = -EPROTO;
	} else {
		memcpy(buf, ctx->ctx, ctx->ctx_len);
		n = ctx->ctx_len;
	}
	free(ctx);
	return n;
}

static inline void get_level(char *buf, size_t size)
{
	long n = get_attr(ATTR_CURRENT, buf, size - 1);

	buf[n > 0 ? n : 0] = '\0';
}

static inline int capset_effective(__u64 eff, __u64 perm)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = {
		{ .effective = (__u32)eff, .permitted = (__u32)perm },
		{ .effective = eff >> 32, .permitted = perm >> 32 },
	};

	return syscall(SYS_capset, &hdr, data);
}

/*
 * Become @uid (0: stay root) at @level (NULL: keep) with only the
 * capabilities in @caps. A non-root level above Medium is reached by
 * keeping CAP_MAC_ADMIN across setuid just long enough to set it.
 * Returns 0 or an errno.
 */
static inline int become(uid_t uid, const char *level, __u64 caps)
{
	int rc;

	if (uid) {
		if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) || setgroups(0, NULL) ||
		    setresgid(uid, uid, uid) || setresuid(uid, uid, uid))
			return errno;
		if (capset_effective(CAPBIT(C_MAC_ADMIN) | caps,
				     CAPBIT(C_MAC_ADMIN) | caps))
			return errno;
	}
	if (level) {
		rc = set_level(level);
		if (rc)
			return rc;
	}
	if (capset_effective(caps, caps))
		return errno;
	return 0;
}

/*
 * Run the statements in a forked child; the result is the child's exit
 * status (0 when the statements do not exit), 255 when it did not exit.
 */
#define IN_CHILD(...)							\
	({								\
		pid_t _pid;						\
		int _status;						\
		fflush(NULL);						\
		_pid = fork();						\
		if (!_pid) {						\
			__VA_ARGS__;					\
			_exit(0);					\
		}							\
		waitpid(_pid, &_status, 0);				\
		WIFEXITED(_status) ? WEXITSTATUS(_status) : 255;	\
	})

/* Every capability the kernel has. */
static inline __u64 all_caps(void)
{
	char buf[16] = "";
	int fd = open("/proc/sys/kernel/cap_last_cap", O_RDONLY);
	int last = 40;

	if (fd >= 0 && read(fd, buf, sizeof(buf) - 1) > 0)
		last = atoi(buf);
	if (fd >= 0)
		close(fd);
	return (2ULL << last) - 1;
}

/* Send @fd over the unix socket @sock; 0 or the errno. */
static inline int send_fd(int sock, int fd)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u = {};
	struct iovec iov = { .iov_base = "x", .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);

	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cmsg), &fd, sizeof(fd));
	return sendmsg(sock, &msg, 0) < 0 ? errno : 0;
}

/* --- SysV IPC descriptors through securityfs ----------------------------- */

#define IPC_GET_FILE	"/sys/kernel/security/winsec/ipc/get"
#define IPC_SET_FILE	"/sys/kernel/security/winsec/ipc/set"

/*
 * Read the descriptor of the SysV object @type ("msg", "sem" or "shm") @id
 * into @b; returns 0 or an errno.
 */
static inline int ipc_sd_get(const char *type, int id, struct sdbuf *b)
{
	char cmd[32];
	int fd, rc = 0;
	ssize_t n;

	b->len = 0;
	fd = open(IPC_GET_FILE, O_RDWR);
	if (fd < 0)
		return errno;
	snprintf(cmd, sizeof(cmd), "%s %d\n", type, id);
	if (write(fd, cmd, strlen(cmd)) < 0) {
		rc = errno;
	} else {
		n = pread(fd, b->b, sizeof(b->b), 0);
		if (n < 0)
			rc = errno;
		else
			b->len = n;
	}
	close(fd);
	return rc;
}

/* Write a raw request to the set file; returns 0 or an errno. */
static inline int ipc_sd_set_raw(const void *req, size_t len)
{
	int fd = open(IPC_SET_FILE, O_WRONLY), rc = 0;

	if (fd < 0)
		return errno;
	if (write(fd, req, len) != (ssize_t)len)
		rc = errno;
	close(fd);
	return rc;
}

/*
 * Set the descriptor of the SysV object @type @id (@sddl NULL: remove it);
 * returns 0, an errno, or 240 for SDDL the encoder does not know.
 */
static inline int ipc_sd_set(const char *type, int id, const char *sddl)
{
	char req[sizeof(struct sdbuf) + 32];
	struct sdbuf sd = { .len = 0 };
	int n;

	if (sddl && !sddl_encode(sddl, &sd))
		return 240;
	n = snprintf(req, 32, "%s %d\n", type, id);
	memcpy(req + n, sd.b, sd.len);
	return ipc_sd_set_raw(req, n + sd.len);
}

/* --- operations run in a child ------------------------------------------ */

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
			return 1000 + errno;	/* the open itself failed */
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
			return 1000 + errno;
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

/*
 * Run @op in a child that became @uid at @level with @caps. Returns 0 or
 * the errno of the operation; 200 + errno when becoming the subject failed.
 */
static inline int run_as(uid_t uid, const char *level, __u64 caps,
			 struct op op)
{
	int status, rc;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return 250;
	if (!pid) {
		rc = become(uid, level, caps);
		if (rc)
			_exit(200 + (rc & 0x3f));
		_exit(do_op(&op) & 0xff);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 251;
	return WEXITSTATUS(status);
}

/* Shorthands: a user at a level without capabilities. */
#define AS(uid, level, ...) run_as(uid, level, 0, (struct op){ __VA_ARGS__ })
#define AS_CAPS(uid, level, caps, ...)					\
	run_as(uid, level, caps, (struct op){ __VA_ARGS__ })

/*
 * A private tmpfs at TMP, world-writable, in a new mount namespace, for
 * the calling test process only.
 */
static inline void prepare_tmpfs(struct __test_metadata *const _metadata)
{
	if (!winsec_active())
		SKIP(return, "winsec is not active");
	umask(0);
	mkdir(TMP, 0777);
	ASSERT_EQ(0, unshare(CLONE_NEWNS));
	ASSERT_EQ(0, mount(NULL, "/", NULL, MS_PRIVATE | MS_REC, NULL));
	ASSERT_EQ(0, mount("tmpfs", TMP, "tmpfs", 0, "mode=0777"));
}

static inline void make_file(struct __test_metadata *const _metadata,
			     const char *path, uid_t owner)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0777);

	ASSERT_LE(0, fd);
	ASSERT_EQ(5, write(fd, "data\n", 5));
	close(fd);
	ASSERT_EQ(0, chown(path, owner, owner));
	ASSERT_EQ(0, chmod(path, 0777));
}

static inline void make_dir(struct __test_metadata *const _metadata,
			    const char *path, uid_t owner)
{
	ASSERT_EQ(0, mkdir(path, 0777));
	ASSERT_EQ(0, chown(path, owner, owner));
	ASSERT_EQ(0, chmod(path, 0777));
}

/* Set a descriptor given as SDDL, as root at System with every capability. */
#define SET_SD(_path, _text)						\
	do {								\
		struct sdbuf _b = SD(_text);				\
		ASSERT_EQ(0, setxattr(_path, XATTR_WINSEC, _b.b, _b.len, 0)) { \
			TH_LOG("setting %s on %s: %s", _text, _path,	\
			       strerror(errno));			\
		}							\
	} while (0)

/* Read the stored descriptor of @path into @b; returns its length. */
static inline ssize_t get_sd(const char *path, struct sdbuf *b)
{
	ssize_t n = getxattr(path, XATTR_WINSEC, b->b, sizeof(b->b));

	b->len = n > 0 ? n : 0;
	return n;
}

/*
 * Read the stored descriptor of @path as @uid (the owner can always read
 * it, root may not); returns its length or -errno.
 */
static inline ssize_t get_sd_as(uid_t uid, const char *path, struct sdbuf *b)
{
	int fds[2], status;
	ssize_t n, got = 0;
	pid_t pid;

	b->len = 0;
	if (pipe(fds))
		return -errno;
	fflush(NULL);
	pid = fork();
	if (!pid) {
		close(fds[0]);
		if (become(uid, NULL, 0))
			_exit(1);
		n = getxattr(path, XATTR_WINSEC, b->b, sizeof(b->b));
		if (n < 0)
			n = -errno;
		if (write(fds[1], &n, sizeof(n)) != sizeof(n) ||
		    (n > 0 && write(fds[1], b->b, n) != n))
			_exit(2);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], &n, sizeof(n)) != sizeof(n))
		n = -EIO;
	while (n > 0 && got < n) {
		ssize_t r = read(fds[0], b->b + got, n - got);

		if (r <= 0)
			break;
		got += r;
	}
	close(fds[0]);
	waitpid(pid, &status, 0);
	if (n > 0)
		b->len = got;
	return n;
}

/* Path of a file inside TMP. */
#define P(name) TMP "/" name

/* Exit status of an executed copy of the test binary: its level. */
#define EXIT_OTHER	98
#define EXIT_UNTRUSTED	99
#define EXIT_LOW	100
#define EXIT_MEDIUM	101
#define EXIT_HIGH	102
#define EXIT_SYSTEM	103
#define EXIT_NO_FSCREATE 104
#define EXIT_FSCREATE	105

/*
 * When a test copies the test binary and executes it with
 * WINSEC_SELFTEST_EXIT set, the copy prints its level and exits here,
 * before the harness starts.
 */
static void __attribute__((constructor)) winsec_exec_probe(void)
{
	char level[64];

	if (getenv("WINSEC_SELFTEST_FSCREATE"))
		_exit(get_attr(ATTR_FSCREATE, level, sizeof(level)) == 0 ?
		      EXIT_NO_FSCREATE : EXIT_FSCREATE);
	if (!getenv("WINSEC_SELFTEST_EXIT"))
		return;
	get_level(level, sizeof(level));
	if (!strcmp(level, "untrusted"))
		_exit(EXIT_UNTRUSTED);
	if (!strcmp(level, "low"))
		_exit(EXIT_LOW);
	if (!strcmp(level, "medium"))
		_exit(EXIT_MEDIUM);
	if (!strcmp(level, "high"))
		_exit(EXIT_HIGH);
	if (!strcmp(level, "system"))
		_exit(EXIT_SYSTEM);
	_exit(EXIT_OTHER);
}

/* Copy the running test binary to @path (mode 0777). */
static inline void copy_self(struct __test_metadata *const _metadata,
			     const char *path)
{
	int in = open("/proc/self/exe", O_RDONLY);
	int out = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0777);
	char buf[65536];
	ssize_t n;

	ASSERT_LE(0, in);
	ASSERT_LE(0, out);
	while ((n = read(in, buf, sizeof(buf))) > 0)
		ASSERT_EQ(n, write(out, buf, n));
	close(in);
	close(out);
	ASSERT_EQ(0, chmod(path, 0777));
}

#endif /* _SELFTESTS_WINSEC_COMMON_H */
