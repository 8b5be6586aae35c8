/* SPDX-License-Identifier: GPL-2.0 */
/*
 * winsec selftests - descriptors of SysV IPC objects, read and set through
 * securityfs.
 */

#ifndef _SELFTESTS_WINSEC_IPC_H
#define _SELFTESTS_WINSEC_IPC_H

#include "desc.h"

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
 * returns 0, an errno, or SDDL_UNKNOWN.
 */
static inline int ipc_sd_set(const char *type, int id, const char *sddl)
{
	char req[sizeof(struct sdbuf) + 32];
	struct sdbuf sd = { .len = 0 };
	int n;

	if (sddl && !sddl_encode(sddl, &sd))
		return SDDL_UNKNOWN;
	n = snprintf(req, 32, "%s %d\n", type, id);
	memcpy(req + n, sd.b, sd.len);
	return ipc_sd_set_raw(req, n + sd.len);
}

#endif /* _SELFTESTS_WINSEC_IPC_H */
