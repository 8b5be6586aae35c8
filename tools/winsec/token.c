// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - the calling process's token, built as the kernel builds it
 * (winsec_token_fill() in security/winsec/cred.c),
 * for "winsec whoami" and for "winsec check" and "winsec inherit" without
 * --user; and the names of the privileges
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>

#include "winsec.h"

const struct privilege_info privileges[NPRIVILEGES] = {
	{ "SeBackupPrivilege", "Back up files and directories",
	  WINSEC_PRIV_BACKUP },
	{ "SeRestorePrivilege", "Restore files and directories",
	  WINSEC_PRIV_RESTORE },
	{ "SeTakeOwnershipPrivilege", "Take ownership of files or other objects",
	  WINSEC_PRIV_TAKE_OWNERSHIP },
	{ "SeSecurityPrivilege", "Manage auditing and security log",
	  WINSEC_PRIV_SECURITY },
	{ "SeRelabelPrivilege", "Modify an object label",
	  WINSEC_PRIV_RELABEL },
};

uint32_t overflow_uid(void)
{
	FILE *f = fopen("/proc/sys/kernel/overflowuid", "r");
	unsigned int v = 65534;

	if (f) {
		if (fscanf(f, "%u", &v) != 1)
			v = 65534;
		fclose(f);
	}
	return v;
}

/* The privileges the kernel derives from the effective capabilities. */
static uint32_t self_privileges(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = { { 0 } };
	uint64_t caps;
	uint32_t privs = 0;

	if (syscall(SYS_capget, &hdr, data))
		return 0;
	caps = data[0].effective | ((uint64_t)data[1].effective << 32);
	if (caps & (1ULL << CAP_DAC_READ_SEARCH))
		privs |= WINSEC_PRIV_BACKUP;
	if (caps & (1ULL << CAP_DAC_OVERRIDE))
		privs |= WINSEC_PRIV_RESTORE;
	if (caps & (1ULL << CAP_FOWNER))
		privs |= WINSEC_PRIV_TAKE_OWNERSHIP;
	if (caps & (1ULL << CAP_MAC_ADMIN))
		privs |= WINSEC_PRIV_SECURITY | WINSEC_PRIV_RELABEL;
	return privs;
}

/* The level winsec reports for this process, if it answers with one. */
static bool self_level(uint32_t *rid)
{
	uint8_t *value;
	long n = self_attr_get(LSM_ATTR_CURRENT, &value, NULL);
	bool ok;

	if (n < 0)
		return false;
	ok = !winsec_level_parse((const char *)value, n, rid);
	free(value);
	return ok;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

void self_token_get(struct self_token *st)
{
	struct winsec_token *tok = &st->tok;
	int n;

	memset(st, 0, sizeof(*st));
	tok->flags = WINSEC_TOKEN_EVERYONE | WINSEC_TOKEN_USERS |
		     WINSEC_TOKEN_UNIX;
	tok->uid = geteuid();
	tok->gid = getegid();
	if (tok->uid != overflow_uid())
		tok->flags |= WINSEC_TOKEN_AUTHENTICATED;
	if (tok->uid == 0)
		tok->flags |= WINSEC_TOKEN_SYSTEM;

	/* The supplementary groups, sorted as in the kernel's group_info. */
	n = getgroups(0, NULL);
	if (n > 0) {
		gid_t *gids = xmalloc(n * sizeof(*gids));
		int i;

		n = getgroups(n, gids);
		st->groups = xmalloc((n > 0 ? n : 0) * sizeof(*st->groups));
		for (i = 0; i < n; i++)
			st->groups[i] = gids[i];
		free(gids);
		if (n > 0) {
			qsort(st->groups, n, sizeof(*st->groups), cmp_u32);
			tok->ngroups = n;
		}
	}
	tok->groups = st->groups;

	tok->policy = WINSEC_POLICY_NO_WRITE_UP |
		      WINSEC_POLICY_NEW_PROCESS_MIN;
	st->lsm_active = self_level(&tok->level);
	if (!st->lsm_active)
		tok->level = WINSEC_LEVEL_MEDIUM;
	tok->privileges = self_privileges();
}

void self_token_free(struct self_token *st)
{
	free(st->groups);
	st->groups = NULL;
	st->tok.groups = NULL;
	st->tok.ngroups = 0;
}
