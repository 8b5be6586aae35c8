// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - names: Unix users and groups, well-known SIDs, principals
 *
 * The user and group databases are read from /etc/passwd and /etc/group
 * by this file, never through the C library's getpwnam() family: the tool
 * is linked statically, and a static glibc loads the NSS modules named in
 * /etc/nsswitch.conf with dlopen(), which crashes or misbehaves with
 * modules such as systemd, ldap or sss. Users and groups that only such
 * sources know are therefore shown by number. Both files are read once
 * and kept, so that listings of large trees stay fast.
 */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sddl.h"
#include "winsec.h"

struct db_entry {
	char *name;
	u32 id;
	u32 gid;		/* users: the primary group */
	char *members;		/* groups: "a,b,c" as in the file */
};

struct db {
	bool loaded;
	struct db_entry *v;
	size_t n;
};

static struct db users, groups;

/* Split a line into at most @max fields separated by ':'. */
static int split_fields(char *line, char **f, int max)
{
	int n = 0;

	f[n++] = line;
	while (n < max && (line = strchr(line, ':'))) {
		*line++ = '\0';
		f[n++] = line;
	}
	return n;
}

static bool parse_u32(const char *s, u32 *out)
{
	char *end;
	unsigned long v;

	if (!isdigit((unsigned char)s[0]))
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > 0xffffffffUL)
		return false;
	*out = v;
	return true;
}

static void db_load(struct db *db, const char *path, bool is_group)
{
	char *line = NULL;
	size_t cap = 0, size = 0;
	ssize_t len;
	FILE *f;

	if (db->loaded)
		return;
	db->loaded = true;
	f = fopen(path, "re");
	if (!f)
		return;
	while ((len = getline(&line, &cap, f)) > 0) {
		char *fld[7];
		struct db_entry e = { 0 };
		int n;

		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		/* Comments, blank lines and NIS "+"/"-" entries. */
		if (!line[0] || line[0] == '#' || line[0] == '+' || line[0] == '-')
			continue;
		n = split_fields(line, fld, is_group ? 4 : 7);
		if (n < (is_group ? 3 : 4) || !fld[0][0] || !parse_u32(fld[2], &e.id))
			continue;
		if (!is_group && !parse_u32(fld[3], &e.gid))
			continue;
		e.name = xstrdup(fld[0]);
		e.members = is_group && n > 3 ? xstrdup(fld[3]) : NULL;
		if (db->n == size) {
			size = size ? 2 * size : 64;
			db->v = xrealloc(db->v, size * sizeof(*db->v));
		}
		db->v[db->n++] = e;
	}
	free(line);
	fclose(f);
}

static const struct db_entry *db_by_name(struct db *db, const char *name)
{
	size_t i;

	for (i = 0; i < db->n; i++)
		if (!strcmp(db->v[i].name, name))
			return &db->v[i];
	return NULL;
}

static const struct db_entry *db_by_id(struct db *db, u32 id)
{
	size_t i;

	for (i = 0; i < db->n; i++)
		if (db->v[i].id == id)
			return &db->v[i];
	return NULL;
}

bool user_by_name(const char *name, u32 *uid, u32 *gid)
{
	const struct db_entry *e;

	db_load(&users, "/etc/passwd", false);
	e = db_by_name(&users, name);
	if (!e)
		return false;
	*uid = e->id;
	if (gid)
		*gid = e->gid;
	return true;
}

const char *user_name(u32 uid)
{
	const struct db_entry *e;

	db_load(&users, "/etc/passwd", false);
	e = db_by_id(&users, uid);
	return e ? e->name : NULL;
}

bool user_primary_gid(u32 uid, u32 *gid)
{
	const struct db_entry *e;

	db_load(&users, "/etc/passwd", false);
	e = db_by_id(&users, uid);
	if (e)
		*gid = e->gid;
	return e;
}

bool group_by_name(const char *name, u32 *gid)
{
	const struct db_entry *e;

	db_load(&groups, "/etc/group", true);
	e = db_by_name(&groups, name);
	if (e)
		*gid = e->id;
	return e;
}

const char *group_name(u32 gid)
{
	const struct db_entry *e;

	db_load(&groups, "/etc/group", true);
	e = db_by_id(&groups, gid);
	return e ? e->name : NULL;
}

size_t user_supplementary_groups(const char *name, u32 **gids)
{
	size_t i, n = 0;

	db_load(&groups, "/etc/group", true);
	*gids = NULL;
	for (i = 0; i < groups.n; i++) {
		const char *m = groups.v[i].members;
		size_t len = strlen(name);

		while (m && *m) {
			size_t k = strcspn(m, ",");

			if (k == len && !strncmp(m, name, len)) {
				*gids = xrealloc(*gids, (n + 1) * sizeof(**gids));
				(*gids)[n++] = groups.v[i].id;
				break;
			}
			m += k;
			if (*m == ',')
				m++;
		}
	}
	return n;
}

/* --- well-known SIDs ----------------------------------------------------- */

struct wellknown {
	const char *sid;
	const char *name;
};

/* Names as Windows shows them; the part after "\" is accepted alone too. */
static const struct wellknown wellknown[] = {
	{ "S-1-0-0", "NULL SID" },
	{ "S-1-1-0", "Everyone" },
	{ "S-1-2-0", "LOCAL" },
	{ "S-1-2-1", "CONSOLE LOGON" },
	{ "S-1-3-0", "CREATOR OWNER" },
	{ "S-1-3-1", "CREATOR GROUP" },
	{ "S-1-3-4", "OWNER RIGHTS" },
	{ "S-1-5-1", "NT AUTHORITY\\DIALUP" },
	{ "S-1-5-2", "NT AUTHORITY\\NETWORK" },
	{ "S-1-5-3", "NT AUTHORITY\\BATCH" },
	{ "S-1-5-4", "NT AUTHORITY\\INTERACTIVE" },
	{ "S-1-5-6", "NT AUTHORITY\\SERVICE" },
	{ "S-1-5-7", "NT AUTHORITY\\ANONYMOUS LOGON" },
	{ "S-1-5-9", "NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS" },
	{ "S-1-5-10", "NT AUTHORITY\\SELF" },
	{ "S-1-5-11", "NT AUTHORITY\\Authenticated Users" },
	{ "S-1-5-12", "NT AUTHORITY\\RESTRICTED" },
	{ "S-1-5-18", "NT AUTHORITY\\SYSTEM" },
	{ "S-1-5-19", "NT AUTHORITY\\LOCAL SERVICE" },
	{ "S-1-5-20", "NT AUTHORITY\\NETWORK SERVICE" },
	{ "S-1-5-33", "NT AUTHORITY\\WRITE RESTRICTED" },
	{ "S-1-5-32-544", "BUILTIN\\Administrators" },
	{ "S-1-5-32-545", "BUILTIN\\Users" },
	{ "S-1-5-32-546", "BUILTIN\\Guests" },
	{ "S-1-5-32-547", "BUILTIN\\Power Users" },
	{ "S-1-5-32-548", "BUILTIN\\Account Operators" },
	{ "S-1-5-32-549", "BUILTIN\\Server Operators" },
	{ "S-1-5-32-550", "BUILTIN\\Print Operators" },
	{ "S-1-5-32-551", "BUILTIN\\Backup Operators" },
	{ "S-1-5-32-552", "BUILTIN\\Replicator" },
	{ "S-1-5-32-554", "BUILTIN\\Pre-Windows 2000 Compatible Access" },
	{ "S-1-5-32-555", "BUILTIN\\Remote Desktop Users" },
	{ "S-1-5-32-556", "BUILTIN\\Network Configuration Operators" },
	{ "S-1-5-32-558", "BUILTIN\\Performance Monitor Users" },
	{ "S-1-5-32-559", "BUILTIN\\Performance Log Users" },
	{ "S-1-5-32-568", "BUILTIN\\IIS_IUSRS" },
	{ "S-1-5-32-569", "BUILTIN\\Cryptographic Operators" },
	{ "S-1-5-32-573", "BUILTIN\\Event Log Readers" },
	{ "S-1-5-32-574", "BUILTIN\\Certificate Service DCOM Access" },
	{ "S-1-5-32-575", "BUILTIN\\RDS Remote Access Servers" },
	{ "S-1-5-32-576", "BUILTIN\\RDS Endpoint Servers" },
	{ "S-1-5-32-577", "BUILTIN\\RDS Management Servers" },
	{ "S-1-5-32-578", "BUILTIN\\Hyper-V Administrators" },
	{ "S-1-5-32-579", "BUILTIN\\Access Control Assistance Operators" },
	{ "S-1-5-32-580", "BUILTIN\\Remote Management Users" },
	{ "S-1-15-2-1", "APPLICATION PACKAGE AUTHORITY\\ALL APPLICATION PACKAGES" },
	{ "S-1-16-0", "Mandatory Label\\Untrusted Mandatory Level" },
	{ "S-1-16-4096", "Mandatory Label\\Low Mandatory Level" },
	{ "S-1-16-8192", "Mandatory Label\\Medium Mandatory Level" },
	{ "S-1-16-8448", "Mandatory Label\\Medium Plus Mandatory Level" },
	{ "S-1-16-12288", "Mandatory Label\\High Mandatory Level" },
	{ "S-1-16-16384", "Mandatory Label\\System Mandatory Level" },
	{ "S-1-16-20480", "Mandatory Label\\Protected Process Mandatory Level" },
	{ "S-1-18-1", "Authentication authority asserted identity" },
	{ "S-1-18-2", "Service asserted identity" },
};

#define UNIX_USER_PREFIX "Unix User\\"
#define UNIX_GROUP_PREFIX "Unix Group\\"

void sid_display_name(const struct winsec_sid *sid, char *buf, size_t size)
{
	char text[WINSEC_SID_STRING_MAX];
	const char *name;
	size_t i;

	if (winsec_sid_to_string(sid, text, sizeof(text))) {
		snprintf(buf, size, "?");
		return;
	}
	if (sid->num_subauth == 2 &&
	    winsec_sid_authority(sid) == WINSEC_AUTH_UNIX) {
		u32 kind = winsec_sid_subauth(sid, 0);
		u32 id = winsec_sid_subauth(sid, 1);

		if (kind == WINSEC_UNIX_USER_RID) {
			name = user_name(id);
			if (name)
				snprintf(buf, size, UNIX_USER_PREFIX "%s", name);
			else
				snprintf(buf, size, UNIX_USER_PREFIX "%u", id);
			return;
		}
		if (kind == WINSEC_UNIX_GROUP_RID) {
			name = group_name(id);
			if (name)
				snprintf(buf, size, UNIX_GROUP_PREFIX "%s", name);
			else
				snprintf(buf, size, UNIX_GROUP_PREFIX "%u", id);
			return;
		}
	}
	for (i = 0; i < ARRAY_SIZE(wellknown); i++)
		if (!strcmp(wellknown[i].sid, text)) {
			snprintf(buf, size, "%s", wellknown[i].name);
			return;
		}
	snprintf(buf, size, "%s", text);
}

/* A well-known name, whole or the part after its "\" (any case). */
static const char *wellknown_sid(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(wellknown); i++)
		if (!strcasecmp(wellknown[i].name, name))
			return wellknown[i].sid;
	for (i = 0; i < ARRAY_SIZE(wellknown); i++) {
		const char *bs = strchr(wellknown[i].name, '\\');

		if (bs && !strcasecmp(bs + 1, name))
			return wellknown[i].sid;
	}
	return NULL;
}

static bool prefix_nocase(const char *s, const char *prefix, const char **rest)
{
	size_t n = strlen(prefix);

	if (strncasecmp(s, prefix, n))
		return false;
	*rest = s + n;
	return true;
}

/* A user by name or number. */
static bool user_arg(const char *s, u32 *uid)
{
	return user_by_name(s, uid, NULL) || parse_u32(s, uid);
}

static bool group_arg(const char *s, u32 *gid)
{
	return group_by_name(s, gid) || parse_u32(s, gid);
}

int principal_parse(const char *arg, const char *domain, unsigned int kind,
		    struct winsec_sid_buf *sid)
{
	struct winsec_sid_buf dom;
	const struct winsec_sid *d = NULL;
	const char *rest, *wk;
	u32 id;

	if (!arg[0])
		return -1;
	if (domain) {
		if (winsec_sid_from_string(domain, NULL, &dom))
			return -1;
		d = winsec_sid_of(&dom);
	}
	if (kind == PRINCIPAL_USER) {
		if (!user_arg(arg, &id))
			return -1;
		winsec_sid_unix_user(sid, id);
		return 0;
	}
	if (kind == PRINCIPAL_GROUP) {
		if (!group_arg(arg, &id))
			return -1;
		winsec_sid_unix_group(sid, id);
		return 0;
	}
	if (!winsec_sid_from_string(arg, d, sid))
		return 0;
	if (prefix_nocase(arg, "user:", &rest) ||
	    prefix_nocase(arg, UNIX_USER_PREFIX, &rest)) {
		if (!user_arg(rest, &id))
			return -1;
		winsec_sid_unix_user(sid, id);
		return 0;
	}
	if (prefix_nocase(arg, "group:", &rest) ||
	    prefix_nocase(arg, UNIX_GROUP_PREFIX, &rest)) {
		if (!group_arg(rest, &id))
			return -1;
		winsec_sid_unix_group(sid, id);
		return 0;
	}
	/* Well-known names written in full come before the databases. */
	if (strchr(arg, '\\') || strchr(arg, ' ')) {
		wk = wellknown_sid(arg);
		if (wk)
			return winsec_sid_from_string(wk, NULL, sid) ? -1 : 0;
	}
	if (user_by_name(arg, &id, NULL)) {
		winsec_sid_unix_user(sid, id);
		return 0;
	}
	if (group_by_name(arg, &id)) {
		winsec_sid_unix_group(sid, id);
		return 0;
	}
	wk = wellknown_sid(arg);
	if (wk)
		return winsec_sid_from_string(wk, NULL, sid) ? -1 : 0;
	return -1;
}
