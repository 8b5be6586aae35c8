// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - the calling process's winsec attributes: lsm_get_self_attr(2)
 * and lsm_set_self_attr(2), with /proc/self/attr on kernels without them
 *
 * Only winsec's value is asked for (LSM_ID_WINSEC with LSM_FLAG_SINGLE), so
 * an LSM ordered before winsec does not answer in its place, as it does in
 * /proc/self/attr; that file is only used when the syscalls are missing.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sd.h"
#include "winsec.h"

#ifndef __NR_lsm_get_self_attr
#define __NR_lsm_get_self_attr 459
#endif
#ifndef __NR_lsm_set_self_attr
#define __NR_lsm_set_self_attr 460
#endif

/* <linux/lsm.h>, which older C libraries lack. */
#define SELF_ATTR_LSM_ID_WINSEC	114
#define SELF_ATTR_FLAG_SINGLE	0x0001

/* struct lsm_ctx of <linux/lsm.h>. */
struct self_attr_ctx {
	uint64_t id;
	uint64_t flags;
	uint64_t len;
	uint64_t ctx_len;
	uint8_t ctx[];
};

/* The /proc/self/attr file of @attr, or NULL when it has none. */
static const char *proc_name(unsigned int attr)
{
	switch (attr) {
	case LSM_ATTR_CURRENT:
		return "current";
	case LSM_ATTR_FSCREATE:
		return "fscreate";
	}
	return NULL;
}

static long proc_get(unsigned int attr, uint8_t **out)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/self/attr/%s", proc_name(attr));
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	/* The largest value is a descriptor. */
	return read_fd_close(fd, WINSEC_SD_MAX_SIZE, out);
}

static int proc_set(unsigned int attr, const void *value, size_t len)
{
	const char *name = proc_name(attr);
	char path[64];
	ssize_t n;
	int fd;

	/* The level goes without the NUL the syscall wants. */
	if (attr == LSM_ATTR_CURRENT && len && !((const char *)value)[len - 1])
		len--;
	snprintf(path, sizeof(path), "/proc/self/attr/%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	n = write(fd, value, len);
	if (n < 0)
		n = -errno;
	close(fd);
	return n < 0 ? (int)n : 0;
}

long self_attr_get(unsigned int attr, uint8_t **out, uint64_t *flags)
{
	struct self_attr_ctx *ctx;
	uint32_t size = 4096;
	long n;

	if (flags)
		*flags = 0;
	for (;;) {
		ctx = xmalloc(size);
		memset(ctx, 0, size);
		ctx->id = SELF_ATTR_LSM_ID_WINSEC;
		n = syscall(__NR_lsm_get_self_attr, attr, ctx, &size,
			    SELF_ATTR_FLAG_SINGLE);
		if (n >= 0 || errno != E2BIG)
			break;
		free(ctx);
	}
	if (n < 0) {
		n = -errno;
		free(ctx);
		if (n == -ENOSYS && proc_name(attr))
			return proc_get(attr, out);
		return n;
	}
	if (n < 1 || ctx->id != SELF_ATTR_LSM_ID_WINSEC) {
		free(ctx);
		return -EOPNOTSUPP;
	}
	*out = xmalloc(ctx->ctx_len + 1);
	memcpy(*out, ctx->ctx, ctx->ctx_len);
	(*out)[ctx->ctx_len] = '\0';
	if (flags)
		*flags = ctx->flags;
	n = ctx->ctx_len;
	free(ctx);
	return n;
}

int self_attr_set(unsigned int attr, const void *value, size_t len,
		  uint64_t flags)
{
	size_t size = sizeof(struct self_attr_ctx) + len;
	struct self_attr_ctx *ctx = xmalloc(size);
	int rc = 0;

	memset(ctx, 0, size);
	ctx->id = SELF_ATTR_LSM_ID_WINSEC;
	ctx->flags = flags;
	ctx->len = size;
	ctx->ctx_len = len;
	memcpy(ctx->ctx, value, len);
	if (syscall(__NR_lsm_set_self_attr, attr, ctx, (uint32_t)size, 0) < 0)
		rc = -errno;
	free(ctx);
	/* /proc/self/attr cannot carry flags. */
	if (rc == -ENOSYS && !flags && proc_name(attr))
		rc = proc_set(attr, value, len);
	return rc;
}
