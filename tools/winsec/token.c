// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - the calling process's token, for "winsec whoami" and for
 * "winsec check" and "winsec inherit" without --user; and the names of the
 * privileges
 *
 * The tool reads the process's Unix credentials as the kernel holds them
 * and hands them to winsec_token_init() (security/winsec/token.c), the rule
 * the kernel applies to a cred: the same groups, the same privileges.
 *
 *  - the ids come from /proc/self/status: the fsuid and fsgid for checks on
 *    files, the euid and egid for IPC objects and tasks;
 *  - /proc shows them as the process's user namespace sees them; the
 *    kernel checks with the ids of the initial namespace, which
 *    /proc/self/uid_map and gid_map translate to (one level of nesting:
 *    the map of a nested namespace leads to its parent only);
 *  - the effective capabilities come from capget(2), and count only for
 *    credentials of the initial user namespace, whose uid_map is
 *    "0 0 4294967295";
 *  - the overflow uid is /proc/sys/kernel/overflowuid.
 *
 * For the tests, WINSEC_TEST_PROC=DIR makes the tool read DIR/self/status,
 * DIR/self/uid_map, DIR/self/gid_map and DIR/sys/kernel/overflowuid in
 * place of /proc, and the capabilities from the CapEff line of that
 * status.
 */

#include <errno.h>
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

/* /proc, or the directory that stands in for it in the tests. */
static const char *proc_root(void)
{
	const char *dir = getenv("WINSEC_TEST_PROC");

	return dir && *dir ? dir : "/proc";
}

static FILE *proc_open(const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", proc_root(), name);
	return fopen(path, "r");
}

uint32_t overflow_uid(void)
{
	FILE *f = proc_open("sys/kernel/overflowuid");
	unsigned int v = 65534;

	if (f) {
		if (fscanf(f, "%u", &v) != 1)
			v = 65534;
		fclose(f);
	}
	return v;
}

/*
 * An id map of /proc/self: lines "first-inside first-outside count". The
 * map of the initial user namespace is the identity on all 2^32 - 1 ids.
 */
struct id_map {
	unsigned int n;
	struct { uint32_t in, out, count; } e[340];
	bool read;
};

static void id_map_read(const char *name, struct id_map *m)
{
	unsigned long in, out, count;
	FILE *f = proc_open(name);

	m->n = 0;
	m->read = false;
	if (!f)
		return;
	m->read = true;
	while (m->n < ARRAY_SIZE(m->e) &&
	       fscanf(f, "%lu %lu %lu", &in, &out, &count) == 3) {
		m->e[m->n].in = in;
		m->e[m->n].out = out;
		m->e[m->n].count = count;
		m->n++;
	}
	fclose(f);
}

static bool id_map_initial(const struct id_map *m)
{
	/* Without a map to read (no /proc), assume the initial namespace. */
	if (!m->read)
		return true;
	return m->n == 1 && m->e[0].in == 0 && m->e[0].out == 0 &&
	       m->e[0].count == 4294967295u;
}

/* The outside id of @id, or @id itself when the map does not cover it. */
static uint32_t id_map_out(const struct id_map *m, uint32_t id)
{
	unsigned int i;

	for (i = 0; i < m->n; i++)
		if (id >= m->e[i].in && id - m->e[i].in < m->e[i].count)
			return m->e[i].out + (id - m->e[i].in);
	return id;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The process's credentials from its status file. */
struct status_ids {
	uint32_t uid[4], gid[4];	/* real, effective, saved, fs */
	uint32_t *groups;
	uint32_t ngroups;
	uint64_t cap_eff;
	bool have_uid, have_gid, have_caps;
};

static void status_read(struct status_ids *s)
{
	char *line = NULL;
	size_t cap = 0;
	FILE *f;

	memset(s, 0, sizeof(*s));
	f = proc_open("self/status");
	if (!f)
		return;
	while (getline(&line, &cap, f) > 0) {
		unsigned long long v;
		char *p, *end;

		if (sscanf(line, "Uid: %u %u %u %u", &s->uid[0], &s->uid[1],
			   &s->uid[2], &s->uid[3]) == 4) {
			s->have_uid = true;
		} else if (sscanf(line, "Gid: %u %u %u %u", &s->gid[0],
				  &s->gid[1], &s->gid[2], &s->gid[3]) == 4) {
			s->have_gid = true;
		} else if (sscanf(line, "CapEff: %llx", &v) == 1) {
			s->cap_eff = v;
			s->have_caps = true;
		} else if (!strncmp(line, "Groups:", 7)) {
			for (p = line + 7;; p = end) {
				v = strtoull(p, &end, 10);
				if (end == p)
					break;
				s->groups = xrealloc(s->groups,
						     (s->ngroups + 1) * sizeof(*s->groups));
				s->groups[s->ngroups++] = v;
			}
		}
	}
	free(line);
	fclose(f);
}

/* The effective capabilities of the calling process, by capget(2). */
static uint64_t self_caps(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = { { 0 } };

	if (syscall(SYS_capget, &hdr, data))
		return 0;
	return data[0].effective | ((uint64_t)data[1].effective << 32);
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

void self_token_get(struct self_token *st, enum self_use use)
{
	struct winsec_ids *ids = &st->ids;
	struct status_ids s;
	struct id_map uids, gids;
	int which = use == SELF_FILE ? 3 : 1;
	uint32_t i;

	memset(st, 0, sizeof(*st));
	status_read(&s);
	id_map_read("self/uid_map", &uids);
	id_map_read("self/gid_map", &gids);

	if (!s.have_uid) {
		/* No status file: the effective ids and groups of the calls. */
		int n = getgroups(0, NULL);

		s.uid[which] = geteuid();
		s.gid[which] = getegid();
		if (n > 0) {
			gid_t *g = xmalloc(n * sizeof(*g));

			n = getgroups(n, g);
			s.groups = xmalloc((n > 0 ? n : 1) * sizeof(*s.groups));
			for (i = 0; n > 0 && i < (uint32_t)n; i++)
				s.groups[i] = g[i];
			s.ngroups = n > 0 ? n : 0;
			free(g);
		}
	}
	ids->uid = id_map_out(&uids, s.uid[which]);
	ids->gid = id_map_out(&gids, s.gid[which]);
	for (i = 0; i < s.ngroups; i++)
		s.groups[i] = id_map_out(&gids, s.groups[i]);
	qsort(s.groups, s.ngroups, sizeof(*s.groups), cmp_u32);
	st->groups = s.groups;
	ids->groups = s.groups;
	ids->ngroups = s.ngroups;

	if (getenv("WINSEC_TEST_PROC") && *getenv("WINSEC_TEST_PROC"))
		ids->caps = s.cap_eff;
	else
		ids->caps = self_caps();
	if (id_map_initial(&uids))
		ids->flags |= WINSEC_IDS_INIT_USER_NS;
	if (ids->uid == overflow_uid())
		ids->flags |= WINSEC_IDS_OVERFLOW_UID;
	st->lsm_active = self_level(&ids->level);
	if (!st->lsm_active)
		ids->level = WINSEC_LEVEL_MEDIUM;
	st->fs = use == SELF_FILE;
	winsec_token_init(&st->tok, ids);
}

void self_token_free(struct self_token *st)
{
	free(st->groups);
	st->groups = NULL;
	st->tok.groups = NULL;
	st->tok.ngroups = 0;
}
