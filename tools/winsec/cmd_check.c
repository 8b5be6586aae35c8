// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - "winsec check" and "winsec inherit"
 *
 * check runs the kernel's access check (the same code, security/winsec/
 * access.c) on a file's descriptor or an SDDL string for a token given on
 * the command line or the calling process's token, and explains the
 * decision. inherit shows the descriptor a new object would get
 * (security/winsec/inherit.c).
 *
 * The calling process's token is built as the kernel builds it, by
 * self_token_get() (token.c).
 */

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <getopt.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>

#include "access.h"
#include "cond.h"
#include "condition.h"
#include "change.h"
#include "inherit.h"
#include "label.h"
#include "sddl.h"
#include "listing.h"
#include "walk.h"

/* --- names --------------------------------------------------------------- */

/* A level as check prints it: its title ("Medium Plus") or S-1-16-<rid>. */
static void level_text(u32 rid, char *buf, size_t size)
{
	const char *title = winsec_level_title(rid);

	if (title)
		snprintf(buf, size, "%s", title);
	else
		winsec_level_format(rid, buf, size);
}

/* "SeTakeOwnershipPrivilege", "TakeOwnership" or "takeownership". */
static u32 parse_privilege_or_die(const char *text)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(privileges); i++) {
		const char *full = privileges[i].name;
		size_t core = strlen(full) - 2 - 9;	/* "Se" ... "Privilege" */

		if (!strcasecmp(text, full) ||
		    (strlen(text) == core && !strncasecmp(text, full + 2, core)))
			return privileges[i].bit;
	}
	die("--privilege: unknown privilege \"%s\" (SeBackupPrivilege, SeRestorePrivilege, SeTakeOwnershipPrivilege, SeSecurityPrivilege, SeRelabelPrivilege)",
	    text);
}

static const char *privilege_name(u32 bit)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(privileges); i++)
		if (privileges[i].bit == bit)
			return privileges[i].name;
	return "a privilege";
}

/* --- the token ----------------------------------------------------------- */

struct token_args {
	const char *user;
	const char **groups;
	unsigned int ngroups;
	const char *level;
	u32 privileges;
	bool privileges_given;
	u64 caps;
	bool caps_given;
};

/* A token and the arrays it points into, all sized as needed. */
struct token_store {
	struct winsec_token tok;
	struct winsec_ids ids;
	u32 *groups;
	u32 ngroups;
	struct winsec_sid_buf *sidbuf;
	const struct winsec_sid **sids;
	u32 nsids;
	bool self;		/* the calling process's token */
};

/* The capabilities by name, index CAP_*. */
static const char *const cap_names[] = {
	"chown", "dac_override", "dac_read_search", "fowner", "fsetid",
	"kill", "setgid", "setuid", "setpcap", "linux_immutable",
	"net_bind_service", "net_broadcast", "net_admin", "net_raw",
	"ipc_lock", "ipc_owner", "sys_module", "sys_rawio", "sys_chroot",
	"sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice",
	"sys_resource", "sys_time", "sys_tty_config", "mknod", "lease",
	"audit_write", "audit_control", "setfcap", "mac_override",
	"mac_admin", "syslog", "wake_alarm", "block_suspend", "audit_read",
	"perfmon", "bpf", "checkpoint_restore",
};

/*
 * --caps LIST: capability names ("CAP_DAC_OVERRIDE" or "dac_override"),
 * numbers, "all" or "none", comma-separated.
 */
static u64 parse_caps_or_die(const char *text)
{
	char *copy = xstrdup(text), *p, *save;
	u64 caps = 0;
	size_t i;

	for (p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		const char *name = p;
		char *end;
		unsigned long n;

		if (!strcasecmp(p, "all")) {
			caps |= (1ULL << ARRAY_SIZE(cap_names)) - 1;
			continue;
		}
		if (!strcasecmp(p, "none"))
			continue;
		n = strtoul(p, &end, 10);
		if (end != p && !*end && n < 64) {
			caps |= 1ULL << n;
			continue;
		}
		if (!strncasecmp(name, "cap_", 4))
			name += 4;
		for (i = 0; i < ARRAY_SIZE(cap_names); i++)
			if (!strcasecmp(name, cap_names[i]))
				break;
		if (i == ARRAY_SIZE(cap_names))
			die("--caps: unknown capability \"%s\" (names such as CAP_DAC_OVERRIDE or fowner, numbers, all or none)",
			    p);
		caps |= 1ULL << i;
	}
	free(copy);
	return caps;
}

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

static void add_sid(struct token_store *st, const struct winsec_sid_buf *b)
{
	st->sidbuf = xrealloc(st->sidbuf, (st->nsids + 1) * sizeof(*st->sidbuf));
	st->sidbuf[st->nsids++] = *b;
}

static void add_gid(struct token_store *st, u32 gid)
{
	st->groups = xrealloc(st->groups, (st->ngroups + 1) * sizeof(*st->groups));
	st->groups[st->ngroups++] = gid;
}

static bool is_unix(const struct winsec_sid *sid, u32 rid, u32 *id)
{
	if (sid->num_subauth != 2 || winsec_sid_authority(sid) != WINSEC_AUTH_UNIX ||
	    winsec_sid_subauth(sid, 0) != rid)
		return false;
	*id = winsec_sid_subauth(sid, 1);
	return true;
}

/* --user: a user name or uid, else a SID or any principal. */
static void user_arg_or_die(const char *arg, struct winsec_sid_buf *b)
{
	if (!principal_parse(arg, NULL, PRINCIPAL_USER, b) ||
	    !principal_parse(arg, NULL, PRINCIPAL_ANY, b))
		return;
	die("--user: unknown user \"%s\" (a name of /etc/passwd, a uid, a SID or an SDDL alias)",
	    arg);
}

/* --group: a group name or gid, else a SID; never a user of that name. */
static void group_arg_or_die(const char *arg, struct winsec_sid_buf *b)
{
	u32 id;

	if (!principal_parse(arg, NULL, PRINCIPAL_GROUP, b))
		return;
	if (!principal_parse(arg, NULL, PRINCIPAL_ANY, b)) {
		if (is_unix(winsec_sid_of(b), WINSEC_UNIX_USER_RID, &id))
			die("--group: \"%s\" is a user, not a group", arg);
		return;
	}
	die("--group: unknown group \"%s\" (a name of /etc/group, a gid, a SID or an SDDL alias)",
	    arg);
}

/*
 * The token of a check: the calling process's (its fsuid for files, its
 * euid for IPC objects, @use), or the one --user describes. Unix tokens are
 * made by winsec_token_init(), the kernel's rule: a described user belongs
 * to the initial user namespace and holds the capabilities of --caps (none
 * by default); privileges only at Medium and above.
 */
static void build_token(const struct token_args *a, struct token_store *st,
			enum self_use use)
{
	struct winsec_token *tok = &st->tok;
	struct winsec_ids *ids = &st->ids;
	struct winsec_sid_buf b;
	bool primary_given = false, unix_token = true;
	unsigned int i;
	u32 id, level = WINSEC_LEVEL_MEDIUM;

	memset(st, 0, sizeof(*st));
	if (a->level &&
	    winsec_level_parse(a->level, strlen(a->level), &level))
		die("--level: unknown level \"%s\" (untrusted, low, medium, medium-plus, high, system or S-1-16-<rid>)",
		    a->level);

	if (a->user) {
		user_arg_or_die(a->user, &b);
		if (is_unix(winsec_sid_of(&b), WINSEC_UNIX_USER_RID, &ids->uid)) {
			const char *name = user_name(ids->uid);

			/*
			 * The primary group: the first Unix --group, else the
			 * user's passwd entry, else none; the supplementary
			 * groups from /etc/group, as login sets them.
			 */
			ids->gid = (u32)-1;
			for (i = 0; i < a->ngroups && !primary_given; i++) {
				group_arg_or_die(a->groups[i], &b);
				primary_given = is_unix(winsec_sid_of(&b),
							WINSEC_UNIX_GROUP_RID,
							&ids->gid);
			}
			if (!primary_given)
				user_primary_gid(ids->uid, &ids->gid);
			if (name) {
				u32 *gids;
				size_t n = user_supplementary_groups(name, &gids);

				for (i = 0; i < n; i++)
					add_gid(st, gids[i]);
				free(gids);
			}
			ids->flags = WINSEC_IDS_INIT_USER_NS;
			if (ids->uid == overflow_uid())
				ids->flags |= WINSEC_IDS_OVERFLOW_UID;
		} else {
			unix_token = false;
			add_sid(st, &b);
		}
		ids->level = level;
	} else {
		struct self_token self;

		self_token_get(&self, use);
		*ids = self.ids;
		for (i = 0; i < self.ids.ngroups; i++)
			add_gid(st, self.groups[i]);
		self_token_free(&self);
		if (a->level)
			ids->level = level;
		st->self = true;
	}
	if (a->caps_given)
		ids->caps = a->caps;
	for (i = 0; i < a->ngroups; i++) {
		group_arg_or_die(a->groups[i], &b);
		if (unix_token &&
		    is_unix(winsec_sid_of(&b), WINSEC_UNIX_GROUP_RID, &id))
			add_gid(st, id);
		else
			add_sid(st, &b);
	}
	qsort(st->groups, st->ngroups, sizeof(*st->groups), cmp_u32);
	ids->groups = st->groups;
	ids->ngroups = st->ngroups;

	if (unix_token) {
		winsec_token_init(tok, ids);
	} else {
		/* A token described by SIDs alone, with the groups of a user. */
		memset(tok, 0, sizeof(*tok));
		tok->flags = WINSEC_TOKEN_EVERYONE | WINSEC_TOKEN_USERS |
			     WINSEC_TOKEN_AUTHENTICATED;
		tok->level = ids->level;
		tok->policy = WINSEC_POLICY_DEFAULT;
		if (tok->level >= WINSEC_LEVEL_MEDIUM)
			tok->privileges = winsec_caps_privileges(ids->caps);
		/* sids[0] is the user, sids[1] the primary group. */
		if (st->nsids == 1)
			add_sid(st, &st->sidbuf[0]);
	}
	st->sids = xmalloc((st->nsids ? st->nsids : 1) * sizeof(*st->sids));
	for (i = 0; i < st->nsids; i++)
		st->sids[i] = winsec_sid_of(&st->sidbuf[i]);
	tok->sids = st->sids;
	tok->nsids = st->nsids;
	/* Privileges named by hand follow the rule: none below Medium. */
	if (a->privileges_given && tok->level >= WINSEC_LEVEL_MEDIUM)
		tok->privileges |= a->privileges;
}

static void token_free(struct token_store *st)
{
	free(st->groups);
	free(st->sidbuf);
	free(st->sids);
}

/* --- the object ------------------------------------------------------------ */

/* What an unlabeled object is, for its implicit label. */
enum implicit_kind {
	IMPLICIT_ORDINARY = WINSEC_KIND_ORDINARY,
	IMPLICIT_DEVICE = WINSEC_KIND_DEVICE,
	IMPLICIT_KERNEL = WINSEC_KIND_KERNEL,
	IMPLICIT_SYSCTL = WINSEC_KIND_SYSCTL,
	IMPLICIT_PRIVATE = WINSEC_KIND_PRIVATE,
	IMPLICIT_TASK,		/* a proc file of a task: the task's level */
	IMPLICIT_IPC,		/* a SysV IPC object: Medium */
};

static const struct {
	const char *name;
	const char *why;
} implicit_kinds[] = {
	[IMPLICIT_ORDINARY] = { "ordinary", "an unlabeled file: Medium" },
	[IMPLICIT_DEVICE] = { "device", "device node: no implicit restriction" },
	[IMPLICIT_KERNEL] = { "kernel", "a file of proc, pidfs or an anonymous inode: no implicit restriction" },
	[IMPLICIT_SYSCTL] = { "sysctl", "a sysctl under /proc/sys, a setting of the whole system: High" },
	[IMPLICIT_PRIVATE] = { "private", "a pipe, socket or memfd of a kernel-internal mount: the level of the task that made it, which the tool cannot know; the caller's own level is assumed" },
	[IMPLICIT_TASK] = { "task", "a proc file of a task: the task's level" },
	[IMPLICIT_IPC] = { "ipc", "an unlabeled IPC object: Medium" },
};

struct object {
	u8 *buf;
	size_t len;
	struct winsec_sd sd;
	struct winsec_sid_buf owner, group;
	bool unlabeled;
	bool is_dir;
	bool have_stat;
	struct stat st;
	/* Unlabeled: the implicit label, and why. */
	enum implicit_kind kind;
	u32 implicit_level;
	u32 implicit_policy;
	int task;			/* IMPLICIT_TASK: its pid */
	struct winsec_implicit implicit;
};

static void load_sddl(const char *text, struct object *o, const char *what)
{
	struct winsec_sddl_error err;

	if (winsec_sddl_to_sd_resolve(text, NULL, sddl_resolve_name, NULL,
				      &o->buf, &o->len, &err))
		die("%s: column %u: %s", what, err.column, err.message);
	if (winsec_sd_parse(o->buf, o->len, &o->sd, NULL))
		die("%s: the descriptor is not valid", what);
}

#ifndef PID_FS_MAGIC
#define PID_FS_MAGIC	0x50494446
#endif

/* Whether a filesystem of device @dev is mounted where this process sees. */
static bool dev_mounted(dev_t dev)
{
	unsigned int maj, min;
	char *line = NULL;
	size_t cap = 0;
	bool found = false, read_any = false;
	FILE *f = fopen("/proc/self/mountinfo", "r");

	if (!f)
		return true;
	while (!found && getline(&line, &cap, f) > 0) {
		read_any = true;
		if (sscanf(line, "%*u %*u %u:%u", &maj, &min) == 2 &&
		    maj == major(dev) && min == minor(dev))
			found = true;
	}
	free(line);
	fclose(f);
	return found || !read_any;
}

/*
 * Where @path lies inside its proc mount ("/sys/kernel/...", "/1234/fd"):
 * the real path without the mount's root, found by walking up while the
 * device stays that of proc. NULL when it cannot be told.
 */
static char *proc_relative(const char *path, dev_t dev)
{
	char *real = realpath(path, NULL), *top, *slash, *rel;
	struct stat st;

	if (!real)
		return NULL;
	top = xstrdup(real);
	/* Up to the mount's root: the last directory on proc's device. */
	while ((slash = strrchr(top, '/')) && slash != top) {
		*slash = '\0';
		if (stat(top, &st) || st.st_dev != dev) {
			*slash = '/';
			break;
		}
	}
	rel = xstrdup(real + strlen(top));
	free(top);
	free(real);
	return rel;
}

/* The level of task @pid, as winsec reports it in /proc/PID/attr/current. */
static bool task_level(int pid, u32 *level)
{
	char path[64], buf[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/attr/current", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\0'))
		n--;
	return !winsec_level_parse(buf, n, level);
}

/*
 * What an unlabeled file is, as the kernel tells it (see "Unlabeled
 * objects" in the admin guide): a device node; a file of proc (a sysctl,
 * a task's file, else the kernel's); of pidfs or the anonymous inode
 * filesystem; of a kernel-internal mount (pipefs, sockfs, nsfs, or a tmpfs
 * mounted nowhere, which holds memfds); else an ordinary file.
 */
static enum implicit_kind path_kind(const char *path, struct object *o)
{
	struct statfs sfs;
	char *rel;
	bool dir = S_ISDIR(o->st.st_mode);
	int pid;

	if (statfs(path, &sfs))
		sfs.f_type = 0;
	if (sfs.f_type == PROC_SUPER_MAGIC) {
		rel = proc_relative(path, o->st.st_dev);
		if (rel && !dir && !strncmp(rel, "/sys/", 5)) {
			free(rel);
			return IMPLICIT_SYSCTL;
		}
		if (rel && sscanf(rel, "/%d", &pid) == 1 && pid > 0 &&
		    strspn(rel + 1, "0123456789") ==
		    strcspn(rel + 1, "/")) {
			free(rel);
			o->task = pid;
			return IMPLICIT_TASK;
		}
		free(rel);
		return IMPLICIT_KERNEL;
	}
	if (S_ISCHR(o->st.st_mode) || S_ISBLK(o->st.st_mode))
		return IMPLICIT_DEVICE;
	if (sfs.f_type == PID_FS_MAGIC || sfs.f_type == ANON_INODE_FS_MAGIC)
		return IMPLICIT_KERNEL;
	if (!dir && (sfs.f_type == PIPEFS_MAGIC || sfs.f_type == SOCKFS_MAGIC ||
		     sfs.f_type == NSFS_MAGIC ||
		     ((sfs.f_type == TMPFS_MAGIC ||
		       sfs.f_type == HUGETLBFS_MAGIC) &&
		      !dev_mounted(o->st.st_dev))))
		return IMPLICIT_PRIVATE;
	return IMPLICIT_ORDINARY;
}

/*
 * The implicit descriptor of an unlabeled object of @kind (no DACL, a
 * NO_WRITE_UP label at the level of its kind), for a token @tok whose
 * level stands for a creator the tool does not know.
 */
static void set_implicit(struct object *o, enum implicit_kind kind,
			 const struct winsec_token *tok)
{
	o->kind = kind;
	o->implicit_policy = WINSEC_LABEL_NO_WRITE_UP;
	switch (kind) {
	case IMPLICIT_TASK:
		/* A lower task neither writes its files nor lists its dirs. */
		if (!task_level(o->task, &o->implicit_level))
			o->implicit_level = WINSEC_LEVEL_MEDIUM;
		if (o->is_dir)
			o->implicit_policy |= WINSEC_LABEL_NO_READ_UP;
		break;
	case IMPLICIT_IPC:
		o->implicit_level = winsec_implicit_level(WINSEC_KIND_ORDINARY, 0);
		break;
	default:
		o->implicit_level = winsec_implicit_level((enum winsec_kind)kind,
							  tok->level);
		break;
	}
	winsec_implicit_sd(&o->implicit, o->implicit_level, o->implicit_policy,
			   &o->sd);
}

/*
 * A file's descriptor, with the Unix owner and group standing in for
 * missing ones. An unlabeled file has its implicit descriptor for @tok,
 * or, when @tok is NULL (a parent to inherit from), no DACL and no SACL.
 * Returns 0, or -1 after a message.
 */
static int load_path(const char *path, struct object *o,
		     const struct winsec_token *tok)
{
	const char *reason = NULL;
	ssize_t n;

	memset(o, 0, sizeof(*o));
	if (stat(path, &o->st)) {
		path_error(path, "%s", strerror(errno));
		return -1;
	}
	o->have_stat = true;
	o->is_dir = S_ISDIR(o->st.st_mode);
	winsec_sid_unix_user(&o->owner, o->st.st_uid);
	winsec_sid_unix_group(&o->group, o->st.st_gid);
	n = sd_read(path, true, &o->buf);
	if (n < 0 && n != -EOPNOTSUPP) {
		path_error(path, "cannot read %s: %s", WINSEC_XATTR_NAME,
			   strerror(-n));
		return -1;
	}
	if (n <= 0) {
		o->unlabeled = !!tok;
		if (tok)
			set_implicit(o, path_kind(path, o), tok);
	} else {
		o->len = n;
		if (winsec_sd_parse(o->buf, o->len, &o->sd, &reason)) {
			path_error(path, "invalid descriptor in %s: %s",
				   WINSEC_XATTR_NAME, reason ? reason : "?");
			free(o->buf);
			o->buf = NULL;
			return -1;
		}
	}
	if (!o->sd.owner)
		o->sd.owner = winsec_sid_of(&o->owner);
	if (!o->sd.group)
		o->sd.group = winsec_sid_of(&o->group);
	return 0;
}

/* The owner uid and gid of SysV object @id of @type, /proc/sysvipc/TYPE. */
static bool ipc_owner(const char *type, int id, u32 *uid, u32 *gid)
{
	char path[64], *line = NULL, *cols[32], *p, *save;
	int ncols = 0, idcol = -1, uidcol = -1, gidcol = -1;
	size_t cap = 0;
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/sysvipc/%s", type);
	f = fopen(path, "r");
	if (!f)
		return false;
	if (getline(&line, &cap, f) > 0) {
		for (p = strtok_r(line, " \t\n", &save); p && ncols < 32;
		     p = strtok_r(NULL, " \t\n", &save), ncols++) {
			if (!strcmp(p, "msqid") || !strcmp(p, "semid") ||
			    !strcmp(p, "shmid"))
				idcol = ncols;
			else if (!strcmp(p, "uid"))
				uidcol = ncols;
			else if (!strcmp(p, "gid"))
				gidcol = ncols;
		}
	}
	while (!found && idcol >= 0 && uidcol >= 0 && gidcol >= 0 &&
	       getline(&line, &cap, f) > 0) {
		ncols = 0;
		for (p = strtok_r(line, " \t\n", &save); p && ncols < 32;
		     p = strtok_r(NULL, " \t\n", &save))
			cols[ncols++] = p;
		if (ncols <= idcol || ncols <= uidcol || ncols <= gidcol ||
		    atoi(cols[idcol]) != id)
			continue;
		*uid = strtoul(cols[uidcol], NULL, 10);
		*gid = strtoul(cols[gidcol], NULL, 10);
		found = true;
	}
	free(line);
	fclose(f);
	return found;
}

/* Whether @arg is TYPE:ID; the type in @type (4 bytes), the id in @id. */
static bool ipc_arg(const char *arg, char *type, int *id)
{
	int len = 0;

	return sscanf(arg, "%3[a-z]:%d%n", type, id, &len) == 2 && !arg[len] &&
	       *id >= 0 && (!strcmp(type, "msg") || !strcmp(type, "sem") ||
			    !strcmp(type, "shm"));
}

/*
 * --ipc TYPE:ID: a SysV message queue, semaphore set or shared memory
 * segment, its descriptor read through securityfs, its Unix owner and
 * group from /proc/sysvipc. Returns 0, or -1 after a message.
 */
static int load_ipc(const char *arg, struct object *o,
		    const struct winsec_token *tok)
{
	char type[4];
	const char *reason = NULL;
	u32 uid = 0, gid = 0;
	ssize_t n;
	int id;

	memset(o, 0, sizeof(*o));
	if (!ipc_arg(arg, type, &id))
		die("--ipc: \"%s\" is not TYPE:ID (msg, sem or shm, and the identifier)",
		    arg);
	if (!ipc_owner(type, id, &uid, &gid)) {
		warnmsg("--ipc: %s %d: no such object", type, id);
		return -1;
	}
	n = ipc_read_sd(type, id, &o->buf);
	if (n < 0) {
		warnmsg("--ipc: %s %d: %s", type, id, strerror(-n));
		return -1;
	}
	winsec_sid_unix_user(&o->owner, uid);
	winsec_sid_unix_group(&o->group, gid);
	if (!n) {
		o->unlabeled = true;
		set_implicit(o, IMPLICIT_IPC, tok);
	} else {
		o->len = n;
		if (winsec_sd_parse(o->buf, o->len, &o->sd, &reason)) {
			warnmsg("--ipc: %s %d: invalid descriptor: %s", type, id,
				reason ? reason : "?");
			free(o->buf);
			o->buf = NULL;
			return -1;
		}
	}
	if (!o->sd.owner)
		o->sd.owner = winsec_sid_of(&o->owner);
	if (!o->sd.group)
		o->sd.group = winsec_sid_of(&o->group);
	return 0;
}

/* --mqueue NAME: the queue's file on a mount of the mqueue filesystem. */
static char *mqueue_path_or_die(const char *name)
{
	char *line = NULL, *path = NULL, mnt[4096], fstype[64];
	size_t cap = 0;
	FILE *f = fopen("/proc/self/mountinfo", "r");

	while (*name == '/')
		name++;
	if (!*name || strchr(name, '/'))
		die("--mqueue: \"%s\" is not the name of a message queue", name);
	while (f && !path && getline(&line, &cap, f) > 0) {
		char *sep = strstr(line, " - ");

		if (!sep || sscanf(line, "%*s %*s %*s %*s %4095s", mnt) != 1 ||
		    sscanf(sep + 3, "%63s", fstype) != 1 ||
		    strcmp(fstype, "mqueue"))
			continue;
		path = xmalloc(strlen(mnt) + strlen(name) + 2);
		sprintf(path, "%s/%s", mnt, name);
	}
	free(line);
	if (f)
		fclose(f);
	if (!path)
		die("--mqueue: the mqueue filesystem is not mounted (mount -t mqueue none /dev/mqueue)");
	return path;
}

static enum obj_type parse_type_or_die(const char *text)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(obj_types); i++)
		if (!strcasecmp(text, obj_types[i].name))
			return i;
	if (!strcasecmp(text, "directory"))
		return OBJ_DIR;
	die("--type: unknown type \"%s\" (file, dir, ipc or task)", text);
}

/* --- check ----------------------------------------------------------------- */

static void ace_text(const struct winsec_acl *acl, int index, char *buf,
		     size_t size)
{
	const struct winsec_ace_header *hdr;
	char flags[WINSEC_ACE_FLAGS_STRING_MAX];
	char rights[WINSEC_RIGHTS_STRING_MAX];
	char sid[WINSEC_SID_STRING_MAX];
	struct winsec_ace ace;
	const char *type;
	unsigned int i;

	snprintf(buf, size, "?");
	if (!acl)
		return;
	winsec_acl_for_each(acl, hdr, i) {
		if ((int)i != index)
			continue;
		winsec_ace_decode(hdr, &ace);
		type = winsec_ace_type_name(ace.type);
		winsec_ace_flags_to_string(ace.flags, flags, sizeof(flags));
		winsec_rights_to_string(ace.mask, false, rights, sizeof(rights));
		if (winsec_sid_to_sddl(ace.sid, NULL, sid, sizeof(sid)))
			snprintf(sid, sizeof(sid), "?");
		if (type)
			snprintf(buf, size, "(%s;%s;%s;;;%s)", type, flags,
				 rights, sid);
		else
			snprintf(buf, size, "(0x%x;%s;%s;;;%s)", ace.type,
				 flags, rights, sid);
		return;
	}
}

static void explain(const struct winsec_sd *sd, const struct winsec_token *tok,
		    const struct winsec_decision *dec, enum obj_type type,
		    char *buf, size_t size)
{
	char missing[512], lvl[32], tlvl[32], allowed[512], ace[256];
	char policy[32];

	rights_text(dec->missing, type, missing, sizeof(missing));
	level_text(dec->label_level, lvl, sizeof(lvl));
	level_text(tok->level, tlvl, sizeof(tlvl));
	winsec_rights_to_string(dec->label_policy, true, policy, sizeof(policy));
	switch (dec->reason) {
	case WINSEC_REASON_GRANTED:
		if (dec->dacl != WINSEC_DACL_ACL) {
			snprintf(buf, size, "%s DACL: everything is granted",
				 dec->dacl == WINSEC_DACL_NULL ? "NULL" : "no");
		} else if (dec->ace_index >= 0) {
			ace_text(sd->dacl, dec->ace_index, ace, sizeof(ace));
			snprintf(buf, size, "granted by the DACL (complete at ACE %d %s)",
				 dec->ace_index, ace);
		} else if (dec->desired & WINSEC_MAXIMUM_ALLOWED) {
			snprintf(buf, size, "the most the DACL, ownership and privileges grant");
		} else {
			snprintf(buf, size, "granted by ownership or privileges");
		}
		return;
	case WINSEC_REASON_LABEL:
		rights_text(dec->mic_allowed, type, allowed, sizeof(allowed));
		if (dec->missing)
			snprintf(buf, size,
				 "the mandatory label (%s, %s%s) refuses %s to a %s token; it allows at most %s",
				 lvl, policy[0] ? policy : "no policy",
				 dec->label_explicit ? "" : ", implicit",
				 missing, tlvl, allowed);
		else
			snprintf(buf, size,
				 "the mandatory label (%s, %s%s) leaves a %s token nothing the DACL grants",
				 lvl, policy[0] ? policy : "no policy",
				 dec->label_explicit ? "" : ", implicit", tlvl);
		return;
	case WINSEC_REASON_PRIVILEGE:
		snprintf(buf, size, "ACCESS_SYSTEM_SECURITY needs %s",
			 privilege_name(dec->privileges));
		return;
	case WINSEC_REASON_DENY_ACE:
		ace_text(sd->dacl, dec->ace_index, ace, sizeof(ace));
		snprintf(buf, size, "deny ACE %d %s refuses %s", dec->ace_index,
			 ace, missing);
		return;
	case WINSEC_REASON_NOT_GRANTED:
		snprintf(buf, size, "%s not granted", missing);
		return;
	case WINSEC_REASON_NOTHING_GRANTED:
		snprintf(buf, size, "MAXIMUM_ALLOWED: nothing is granted");
		return;
	}
	snprintf(buf, size, "?");
}


/* --- the Unix permissions ------------------------------------------------------ */

#define ACL_EA_NAME	"system.posix_acl_access"
#define ACL_USER_OBJ	0x01
#define ACL_USER	0x02
#define ACL_GROUP_OBJ	0x04
#define ACL_GROUP	0x08
#define ACL_MASK	0x10
#define ACL_OTHER	0x20

struct unix_verdict {
	bool known;		/* a Unix token and a file */
	unsigned int perms;	/* rwx bits the token gets, 4 2 1 */
	unsigned int needed;	/* rwx bits the request needs */
	const char *via;	/* "owner", "group", "other", "ACL user", ... */
	bool acl;		/* a POSIX ACL decided */
	bool root;		/* CAP_DAC_OVERRIDE of uid 0 */
};

static bool token_in_group(const struct winsec_token *tok, u32 gid)
{
	u32 i;

	if (tok->gid == gid)
		return true;
	for (i = 0; i < tok->ngroups; i++)
		if (tok->groups[i] == gid)
			return true;
	return false;
}

/* The rwx bits a request needs on a file or directory. */
static unsigned int needed_bits(u32 desired, bool dir)
{
	unsigned int n = 0;

	if (desired & (WINSEC_MAXIMUM_ALLOWED | WINSEC_GENERIC_ALL))
		return 0;
	if (desired & (WINSEC_FILE_READ_DATA | WINSEC_GENERIC_READ))
		n |= 4;
	if (desired & (WINSEC_FILE_WRITE_DATA | WINSEC_FILE_APPEND_DATA |
		       WINSEC_GENERIC_WRITE | (dir ? WINSEC_FILE_DELETE_CHILD : 0)))
		n |= 2;
	if (desired & (WINSEC_FILE_EXECUTE | WINSEC_GENERIC_EXECUTE))
		n |= 1;
	return n;
}

static void unix_check(const struct object *o, const struct winsec_token *tok,
		       u32 desired, const char *path, struct unix_verdict *v)
{
	const struct stat *st = &o->st;
	u8 buf[4096];
	ssize_t n;

	memset(v, 0, sizeof(*v));
	if (!o->have_stat || !(tok->flags & WINSEC_TOKEN_UNIX))
		return;
	v->known = true;
	v->needed = needed_bits(desired, o->is_dir);
	n = getxattr(path, ACL_EA_NAME, buf, sizeof(buf));
	if (tok->uid == 0) {
		v->root = true;
		v->via = "root";
		v->perms = 6 | ((o->is_dir || (st->st_mode & 0111)) ? 1 : 0);
		return;
	}
	if (n >= 4 + 8) {
		unsigned int mask = 7, grp = 0, i, cnt = (n - 4) / 8;
		bool gmatch = false;

		v->acl = true;
		for (i = 0; i < cnt; i++)
			if (get_unaligned_le16(buf + 4 + 8 * i) == ACL_MASK)
				mask = get_unaligned_le16(buf + 6 + 8 * i) & 7;
		for (i = 0; i < cnt; i++) {
			u16 tag = get_unaligned_le16(buf + 4 + 8 * i);
			u16 perm = get_unaligned_le16(buf + 6 + 8 * i) & 7;
			u32 id = get_unaligned_le32(buf + 8 + 8 * i);

			if (tag == ACL_USER_OBJ && st->st_uid == tok->uid) {
				v->perms = perm;
				v->via = "owner";
				return;
			}
			if (tag == ACL_USER && id == tok->uid) {
				v->perms = perm & mask;
				v->via = "ACL user entry";
				return;
			}
		}
		for (i = 0; i < cnt; i++) {
			u16 tag = get_unaligned_le16(buf + 4 + 8 * i);
			u16 perm = get_unaligned_le16(buf + 6 + 8 * i) & 7;
			u32 id = get_unaligned_le32(buf + 8 + 8 * i);

			if ((tag == ACL_GROUP_OBJ && token_in_group(tok, st->st_gid)) ||
			    (tag == ACL_GROUP && token_in_group(tok, id))) {
				grp |= perm;
				gmatch = true;
			}
		}
		if (gmatch) {
			v->perms = grp & mask;
			v->via = "ACL group entries";
			return;
		}
		for (i = 0; i < cnt; i++)
			if (get_unaligned_le16(buf + 4 + 8 * i) == ACL_OTHER)
				v->perms = get_unaligned_le16(buf + 6 + 8 * i) & 7;
		v->via = "other";
		return;
	}
	if (st->st_uid == tok->uid) {
		v->perms = (st->st_mode >> 6) & 7;
		v->via = "owner";
	} else if (token_in_group(tok, st->st_gid)) {
		v->perms = (st->st_mode >> 3) & 7;
		v->via = "group";
	} else {
		v->perms = st->st_mode & 7;
		v->via = "other";
	}
}

static void rwx(unsigned int bits, char *out)
{
	out[0] = bits & 4 ? 'r' : '-';
	out[1] = bits & 2 ? 'w' : '-';
	out[2] = bits & 1 ? 'x' : '-';
	out[3] = '\0';
}

static bool unix_allows(const struct unix_verdict *v)
{
	return (v->perms & v->needed) == v->needed;
}

/* --- check ------------------------------------------------------------------ */

struct check_opts {
	struct token_args targs;
	struct token_store st;
	enum obj_type type;
	bool type_given;
	u32 desired;
	const char *desired_arg;	/* one of several --desired, or NULL */
	bool json;
	bool denied;	/* -R: list the objects where it is denied */
	bool first;
	int listed;
};

static const char check_token_help[] =
	"  -u, --user USER        a user (name or uid, or a SID): the Unix token with the\n"
	"                         user's groups from /etc/group; else the caller's token\n"
	"                         (its fsuid for files, its euid for IPC objects)\n"
	"  -g, --group GROUP      a group (name or gid, or a SID), repeatable; the first\n"
	"                         Unix group is the primary group\n"
	"      --level LEVEL      untrusted, low, medium, medium-plus, high, system\n"
	"      --caps LIST        the effective capabilities the token is made from\n"
	"                         (CAP_DAC_OVERRIDE,fowner,..., all or none); --user has\n"
	"                         none unless given, the caller its own\n"
	"      --privilege NAME   SeBackupPrivilege, ..., repeatable; as those of\n"
	"                         capabilities, none below Medium\n";

/* Token options; true when @c was one. */
static bool token_opt(int c, struct token_args *t)
{
	switch (c) {
	case 'u':
		t->user = optarg;
		return true;
	case 'g':
		t->groups = xrealloc(t->groups, (t->ngroups + 1) * sizeof(*t->groups));
		t->groups[t->ngroups++] = optarg;
		return true;
	case 'V':
		t->level = optarg;
		return true;
	case 'P':
		t->privileges |= parse_privilege_or_die(optarg);
		t->privileges_given = true;
		return true;
	case 'C':
		t->caps = parse_caps_or_die(optarg);
		t->caps_given = true;
		return true;
	}
	return false;
}

#define TOKEN_LONGOPTS						\
	{ "user", required_argument, NULL, 'u' },		\
	{ "group", required_argument, NULL, 'g' },		\
	{ "level", required_argument, NULL, 'V' },		\
	{ "privilege", required_argument, NULL, 'P' },		\
	{ "caps", required_argument, NULL, 'C' }

static void json_rights(u32 mask, enum obj_type type)
{
	bool first = true;
	char names[1024];
	char *p, *save;

	rights_text(mask, type, names, sizeof(names));
	putchar('[');
	if (mask)
		for (p = strtok_r(names, ", ", &save); p; p = strtok_r(NULL, ", ", &save)) {
			printf("%s\"%s\"", first ? "" : ", ", p);
			first = false;
		}
	putchar(']');
}

static const char *const cond_values[] = {
	[WINSEC_COND_FALSE] = "FALSE",
	[WINSEC_COND_TRUE] = "TRUE",
	[WINSEC_COND_UNKNOWN] = "UNKNOWN",
};

/*
 * The condition of each callback ACE of the DACL and its value for the
 * token (as the access check computes it): text lines, or JSON entries of
 * a "conditions" array. Returns the number of callback ACEs.
 */
static unsigned int show_conditions(const struct winsec_sd *sd,
				    const struct winsec_token *tok, bool json)
{
	const struct winsec_ace_header *hdr;
	unsigned int i, n = 0;

	if (!sd->dacl)
		return 0;
	winsec_acl_for_each(sd->dacl, hdr, i) {
		struct winsec_ace ace;
		const char *value;
		char *text = NULL;
		bool deny;

		if (!winsec_ace_type_is_callback(hdr->type))
			continue;
		winsec_ace_decode(hdr, &ace);
		value = cond_values[winsec_ace_condition(hdr, tok, sd->sacl)];
		if (ace.app_data)
			text = winsec_cond_print(ace.app_data, ace.app_len, NULL);
		if (!text) {
			size_t k;

			text = xmalloc(2 * ace.app_len + 2);
			text[0] = '#';
			for (k = 0; k < ace.app_len; k++)
				sprintf(text + 1 + 2 * k, "%02x", ace.app_data[k]);
			text[1 + 2 * ace.app_len] = '\0';
		}
		deny = hdr->type == WINSEC_ACE_ACCESS_DENIED_CALLBACK ||
		       hdr->type == WINSEC_ACE_ACCESS_DENIED_CALLBACK_OBJECT;
		if (json) {
			printf("%s{\"ace_index\": %u, \"condition\": ",
			       n ? ", " : "", i);
			json_string(text);
			printf(", \"value\": \"%s\"}", value);
		} else {
			printf("  condition of ACE %u %s: %s%s\n", i, text, value,
			       hdr->flags & WINSEC_ACE_INHERIT_ONLY ?
			       " (inherit-only: not used)" :
			       hdr->type == WINSEC_ACE_ACCESS_ALLOWED_CALLBACK_OBJECT ?
			       " (an object allow ACE never grants)" :
			       deny ? " (a callback deny ACE denies unless FALSE)" :
			       " (a callback allow ACE grants only when TRUE)");
		}
		free(text);
		n++;
	}
	return n;
}

/* "Untrusted NO_WRITE_UP (device node: no implicit restriction)" */
static void implicit_text(const struct object *o, char *buf, size_t size)
{
	char lvl[32], policy[32];

	level_text(o->implicit_level, lvl, sizeof(lvl));
	winsec_rights_to_string(o->implicit_policy, true, policy, sizeof(policy));
	snprintf(buf, size, "%s %s (%s)", lvl, policy, implicit_kinds[o->kind].why);
}

/*
 * The access check of an object, as the kernel makes it. An unlabeled
 * object whose implicit level the token reaches is not evaluated at all:
 * everything is granted, as the kernel's fast path does.
 */
static bool implicit_unrestricted(const struct object *obj,
				  const struct winsec_token *tok)
{
	return obj->unlabeled && (tok->level >= obj->implicit_level ||
				  !(tok->policy & WINSEC_POLICY_NO_WRITE_UP));
}

static int object_access_check(const struct object *obj,
			       const struct winsec_token *tok,
			       const struct winsec_generic_mapping *map,
			       u32 desired, struct winsec_decision *dec)
{
	int err;

	if (implicit_unrestricted(obj, tok)) {
		memset(dec, 0, sizeof(*dec));
		dec->desired = winsec_map_generic(desired, map);
		dec->granted = (desired & WINSEC_MAXIMUM_ALLOWED) ? map->all :
			       dec->desired;
		dec->dacl = WINSEC_DACL_ABSENT;
		dec->label_level = obj->implicit_level;
		dec->label_policy = obj->implicit_policy;
		dec->ace_index = -1;
		return 0;
	}
	err = winsec_access_check(&obj->sd, tok, map, desired, dec);
	/* The label of an unlabeled object is its kind's, not its own. */
	if (obj->unlabeled)
		dec->label_explicit = false;
	return err;
}

/* One access check, printed. Returns 0 granted, 1 denied. */
static int check_object(struct check_opts *c, struct object *obj,
			const char *path, bool quiet_if)
{
	struct winsec_decision dec, full;
	enum obj_type type = c->type;
	char reason[2048], granted[512], ace[256], perms[4], need[4];
	char implicit[512] = "";
	struct winsec_token top = c->st.tok;
	struct unix_verdict uv;
	bool trimmed = false;
	int err;

	if (!c->type_given && obj->is_dir)
		type = OBJ_DIR;
	if (obj->unlabeled)
		implicit_text(obj, implicit, sizeof(implicit));
	err = object_access_check(obj, &c->st.tok, obj_types[type].map,
				  c->desired, &dec);
	if (implicit_unrestricted(obj, &c->st.tok))
		snprintf(reason, sizeof(reason),
			 "unlabeled, and the token is at or above its implicit level: nothing restricts it");
	else
		explain(&obj->sd, &c->st.tok, &dec, type, reason, sizeof(reason));
	/* What the DACL gives without the label: did the label trim it? */
	if (c->desired & WINSEC_MAXIMUM_ALLOWED) {
		top.level = WINSEC_LEVEL_SYSTEM > dec.label_level ?
			    WINSEC_LEVEL_SYSTEM : dec.label_level;
		object_access_check(obj, &top, obj_types[type].map,
				    c->desired, &full);
		trimmed = full.granted & ~dec.granted;
	}
	unix_check(obj, &c->st.tok, c->desired, path, &uv);

	if (quiet_if) {
		/* -R: a list, like accesschk -s */
		bool show = c->denied ? err != 0 : err == 0;

		if (!show)
			return err ? 1 : 0;
		c->listed++;
		if (c->json) {
			printf("%s\n  {", c->first ? "" : ",");
			c->first = false;
			json_path("path", path);
			printf(", \"result\": \"%s\", \"granted\": %u, \"granted_rights\": ",
			       err ? "denied" : "granted", dec.granted);
			json_rights(dec.granted, type);
			printf(", \"reason\": ");
			json_string(reason);
			printf("}");
		} else {
			char *e = escape_name(path, false);

			rights_short(dec.granted, type, granted, sizeof(granted));
			if (err)
				printf("%s  denied: %s\n", e, reason);
			else
				printf("%s  %s\n", e, granted);
			free(e);
		}
		return err ? 1 : 0;
	}

	if (c->json) {
		printf("%s{", c->first ? "" : ",\n ");
		c->first = false;
		if (c->desired_arg) {
			printf("\"desired_arg\": ");
			json_string(c->desired_arg);
			printf(", ");
		}
		printf("\"result\": \"%s\", \"desired\": %u, \"granted\": %u, \"reason\": ",
		       err ? "denied" : "granted", dec.desired, dec.granted);
		json_string(reason);
		printf(", \"desired_rights\": ");
		json_rights(dec.desired & ~WINSEC_MAXIMUM_ALLOWED, type);
		printf(", \"granted_rights\": ");
		json_rights(dec.granted, type);
		printf(", \"ace_index\": %d, \"ace\": ", dec.ace_index);
		if (dec.ace_index >= 0 && obj->sd.dacl) {
			ace_text(obj->sd.dacl, dec.ace_index, ace, sizeof(ace));
			json_string(ace);
		} else {
			printf("null");
		}
		printf(", \"implicit\": ");
		if (obj->unlabeled) {
			char lvl[WINSEC_LEVEL_TEXT_MAX];

			winsec_level_format(obj->implicit_level, lvl, sizeof(lvl));
			printf("{\"kind\": \"%s\", \"level\": \"%s\", \"reason\": ",
			       implicit_kinds[obj->kind].name, lvl);
			json_string(implicit_kinds[obj->kind].why);
			printf("}");
		} else {
			printf("null");
		}
		printf(", \"label_trimmed\": ");
		if (trimmed)
			json_rights(full.granted & ~dec.granted, type);
		else
			printf("null");
		printf(", \"conditions\": [");
		show_conditions(&obj->sd, &c->st.tok, true);
		printf("], \"unix\": ");
		if (uv.known) {
			rwx(uv.perms, perms);
			printf("{\"mode\": \"%04o\", \"perms\": \"%s\", \"via\": \"%s\", \"posix_acl\": %s, \"allowed\": %s}",
			       (unsigned int)(obj->st.st_mode & 07777), perms, uv.via,
			       uv.acl ? "true" : "false",
			       c->desired & WINSEC_MAXIMUM_ALLOWED ? "null" :
			       unix_allows(&uv) ? "true" : "false");
		} else {
			printf("null");
		}
		printf("}");
		if (!c->desired_arg)
			printf("\n");
		return err ? 1 : 0;
	}
	if (c->desired_arg)
		printf("%s: ", c->desired_arg);
	if (err) {
		printf("denied: %s\n", reason);
	} else {
		rights_text(dec.granted, type, granted, sizeof(granted));
		printf("granted: 0x%x %s\n  (%s)\n", dec.granted, granted, reason);
	}
	if (implicit[0])
		printf("  implicit label: %s\n", implicit);
	if (trimmed) {
		rights_text(full.granted & ~dec.granted, type, granted, sizeof(granted));
		printf("  the label took away %s, which the DACL grants\n", granted);
	}
	show_conditions(&obj->sd, &c->st.tok, false);
	if (uv.known) {
		rwx(uv.perms, perms);
		rwx(uv.needed, need);
		if (c->desired & WINSEC_MAXIMUM_ALLOWED)
			printf("unix: %s (%s, mode %04o%s) — both winsec and the Unix permissions must allow\n",
			       perms, uv.via, (unsigned int)(obj->st.st_mode & 07777),
			       uv.acl ? ", POSIX ACL" : "");
		else
			printf("unix: %s: needs %s, gets %s (%s, mode %04o%s) — both must allow\n",
			       unix_allows(&uv) ? "allowed" : "denied", need, perms,
			       uv.via, (unsigned int)(obj->st.st_mode & 07777),
			       uv.acl ? ", POSIX ACL" : "");
	}
	return err ? 1 : 0;
}

static int check_walk_one(const char *path, const struct stat *st, void *arg)
{
	struct check_opts *c = arg;
	struct object obj;

	if (load_path(path, &obj, &c->st.tok))
		return 1;
	check_object(c, &obj, path, true);
	free(obj.buf);
	return 0;
}

/*
 * check --replace SDDL PATH: whether the token may replace the object's
 * descriptor by SDDL, by the kernel's rule for security.winsec: without a
 * DACL the descriptor is the Unix owner's (or CAP_FOWNER's) to change;
 * then the rights winsec_change_describe() asks for on the current
 * descriptor; then winsec_change_permitted() on the new values. Returns 0
 * when it may, 1 when it may not.
 */
static int check_replace(struct check_opts *c, struct object *obj,
			 const char *sddl, bool framed)
{
	struct winsec_sd old = obj->sd;
	struct object new = { 0 };
	struct winsec_change change;
	struct winsec_decision dec;
	const struct winsec_token *tok = &c->st.tok;
	const char *why = NULL;
	char reason[2048] = "", rights[512];
	enum obj_type type = obj->is_dir ? OBJ_DIR : OBJ_FILE;
	bool owner = (tok->flags & WINSEC_TOKEN_UNIX) &&
		     tok->uid == obj->st.st_uid;
	int err = 0;

	load_sddl(sddl, &new, "--replace");
	/* A view's missing owner and group were filled with the Unix ones. */
	if (old.owner == winsec_sid_of(&obj->owner))
		old.owner = NULL;
	if (old.group == winsec_sid_of(&obj->group))
		old.group = NULL;
	winsec_change_describe(obj->unlabeled ? NULL : &old, &new.sd,
			       winsec_sid_of(&obj->owner),
			       winsec_sid_of(&obj->group), &change);
	rights_text(change.desired, type, rights, sizeof(rights));
	if ((obj->unlabeled || !winsec_sd_has_dacl(&old)) && !owner &&
	    !(c->st.ids.caps & (1ULL << CAP_FOWNER))) {
		err = 1;
		why = "the object has no DACL: only its Unix owner (or CAP_FOWNER) may change its descriptor";
	} else if (object_access_check(obj, tok, obj_types[type].map,
				       change.desired, &dec)) {
		err = 1;
		explain(&obj->sd, tok, &dec, type, reason, sizeof(reason));
		why = reason;
	} else if (winsec_change_permitted(tok, &new.sd, obj->unlabeled ?
					   obj->implicit_level :
					   WINSEC_LEVEL_MEDIUM, &change)) {
		err = 1;
		if ((change.flags & WINSEC_CHANGE_LABEL) &&
		    !(tok->privileges & WINSEC_PRIV_RELABEL) &&
		    winsec_sd_max_label(&new.sd) > tok->level)
			why = "a label above the token's level needs SeRelabelPrivilege";
		else if (winsec_sd_has_audit(&new.sd) &&
			 !(tok->privileges & WINSEC_PRIV_SECURITY))
			why = "audit entries need SeSecurityPrivilege";
		else if (change.flags & WINSEC_CHANGE_OWNER)
			why = "an owner other than the token's user needs SeRestorePrivilege";
		else
			why = "without a label the object would be Medium, above the token's level: that needs SeRelabelPrivilege";
	}
	if (c->json) {
		printf("{\"result\": \"%s\", \"needs\": ", err ? "denied" : "granted");
		json_rights(change.desired, type);
		printf(", \"reason\": ");
		if (why)
			json_string(why);
		else
			printf("null");
		printf(framed ? "}" : "}\n");
	} else if (err) {
		printf("may not replace the descriptor (it needs %s): %s\n",
		       rights, why);
	} else {
		printf("may replace the descriptor (it needs %s, which the token has)\n",
		       rights);
	}
	free(new.buf);
	return err;
}

/* An object named on the command line. */
struct object_arg {
	const char *arg;
	enum { ARG_PATH, ARG_IPC, ARG_MQUEUE } how;
};

/*
 * Every --desired on one object. With @framed (several objects), a JSON
 * object {"object", "results": [...]} or a text header names the object.
 * Returns 0 all granted, 1 some denied.
 */
static int check_desired(struct check_opts *c, struct object *obj,
			 const char *name, const char *path,
			 const char **desired_args, unsigned int ndesired,
			 bool framed)
{
	unsigned int i;
	int status = 0;

	if (framed && c->json) {
		printf("%s{\"object\": ", c->first ? "" : ",\n ");
		json_string(name);
		printf(", \"results\": [");
		c->first = true;
	} else if (framed) {
		char *e = escape_name(name, false);

		printf("%s:\n", e);
		free(e);
	}
	if (ndesired <= 1 && !framed) {
		c->desired = ndesired ? parse_rights_or_die(desired_args[0]) :
				       WINSEC_MAXIMUM_ALLOWED;
		return check_object(c, obj, path, false);
	}
	if (c->json && !framed)
		printf("[");
	for (i = 0; i < (ndesired ? ndesired : 1); i++) {
		c->desired = ndesired ? parse_rights_or_die(desired_args[i]) :
				       WINSEC_MAXIMUM_ALLOWED;
		c->desired_arg = ndesired ? desired_args[i] : "MAXIMUM_ALLOWED";
		status |= check_object(c, obj, path, false);
	}
	if (c->json)
		printf(framed ? "]}" : "]\n");
	c->first = false;
	return status;
}

int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		WALK_LONGOPTS,
		TOKEN_LONGOPTS,
		{ "sddl", required_argument, NULL, 's' },
		{ "ipc", required_argument, NULL, 'I' },
		{ "mqueue", required_argument, NULL, 'M' },
		{ "type", required_argument, NULL, 't' },
		{ "desired", required_argument, NULL, 'd' },
		{ "denied", no_argument, NULL, 'N' },
		{ "replace", required_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	static struct check_opts c;
	struct walk_opts w = { 0 };
	struct object obj = { 0 };
	struct object_arg *objs = NULL;
	const char *sddl = NULL, *replace = NULL;
	const char **desired_args = NULL;
	unsigned int ndesired = 0, nobjs = 0, nipc = 0, i;
	int ch, status = 0, failed = 0;
	char type[4];
	int id;

	c.type = OBJ_FILE;
	c.first = true;
	while ((ch = getopt_or_die(argc, argv, "check", "hu:g:s:t:d:j" WALK_SHORTOPTS,
				   longopts)) != -1) {
		if (walk_option(ch, &w) || token_opt(ch, &c.targs))
			continue;
		switch (ch) {
		case 's':
			sddl = optarg;
			break;
		case 'I':
		case 'M':
			if (ch == 'I' && !ipc_arg(optarg, type, &id))
				die("--ipc: \"%s\" is not TYPE:ID (msg, sem or shm, and the identifier)",
				    optarg);
			objs = xrealloc(objs, (nobjs + 1) * sizeof(*objs));
			objs[nobjs].arg = optarg;
			objs[nobjs++].how = ch == 'I' ? ARG_IPC : ARG_MQUEUE;
			nipc += ch == 'I';
			break;
		case 't':
			c.type = parse_type_or_die(optarg);
			c.type_given = true;
			break;
		case 'd':
			desired_args = xrealloc(desired_args, (ndesired + 1) *
						sizeof(*desired_args));
			desired_args[ndesired++] = optarg;
			break;
		case 'N':
			c.denied = true;
			break;
		case 'r':
			replace = optarg;
			break;
		case 'j':
			c.json = true;
			break;
		default:
			printf("usage: winsec check (PATH | --ipc TYPE:ID | --mqueue NAME)... [--type file|dir|ipc|task]\n"
			       "                    [--user USER] [--group GROUP]... [--level LEVEL] [--caps LIST]\n"
			       "                    [--privilege NAME]... [--desired RIGHTS]... [--json]\n"
			       "       winsec check --sddl SDDL [same options]\n"
			       "       winsec check -R DIR [token options] [--desired RIGHTS] [--denied]\n"
			       "       winsec check --replace SDDL PATH... [token options] [--json]\n"
			       "\n"
			       "Runs the kernel's access check and explains the decision. Without --desired,\n"
			       "computes MAXIMUM_ALLOWED; several --desired make one check each (with --json,\n"
			       "an array), and several objects one block each (with --json, an array of\n"
			       "{\"object\", \"results\"}, or {\"object\", \"error\"} for one that cannot be read).\n"
			       "RIGHTS: F, M, RX, R, W, D, names such as FILE_WRITE_DATA, SDDL letters such\n"
			       "as FR, or numbers, comma-separated. For a file, the Unix permission verdict\n"
			       "(mode bits and POSIX ACL) is shown too: both must allow. Names are accepted\n"
			       "in --sddl.\n"
			       "An unlabeled file has the implicit label the kernel gives its kind:\n"
			       "Untrusted (no restriction) for device nodes and files of proc, pidfs and\n"
			       "anonymous inodes, High for /proc/sys, a task's level for its proc files,\n"
			       "the creator's for pipes, sockets and memfds (the tool assumes the\n"
			       "caller's own level), Medium for everything else.\n"
			       "  --ipc TYPE:ID          a SysV object: msg, sem or shm and its identifier;\n"
			       "                         IPC rights (IPC_READ, IPC_WRITE), the euid token\n"
			       "  --mqueue NAME          a POSIX message queue, on the mqueue filesystem\n"
			       "%s"
			       "  -R, --recursive        list the objects under DIR where the token has the\n"
			       "                         rights (accesschk -s); --denied: where they lack them\n"
			       "      --replace SDDL     whether the token may replace the file's descriptor\n"
			       "                         by SDDL (winsec set --replace), by the kernel's rule\n"
			       "  -L, -x                 as for get\n"
			       "  -j, --json             one JSON object (with -R, an array)\n"
			       "Exit status: 0 granted, 1 denied (any check; with -R: 0), 2 bad input or an\n"
			       "object that could not be checked.\n",
			       check_token_help);
			return 0;
		}
	}
	for (; optind < argc; optind++) {
		objs = xrealloc(objs, (nobjs + 1) * sizeof(*objs));
		objs[nobjs].arg = argv[optind];
		objs[nobjs++].how = ARG_PATH;
	}
	if (!!sddl == !!nobjs)
		die("check: give one of PATH, --sddl SDDL, --ipc TYPE:ID or --mqueue NAME (try winsec check --help)");
	if (sddl && nobjs)
		die("check: --sddl and an object cannot be given together");
	if (nipc && nipc != nobjs)
		die("check: IPC objects take the euid token, files the fsuid one: check them separately");
	if (w.recursive && (nobjs != 1 || objs[0].how != ARG_PATH))
		die("check: -R needs one PATH");
	if (w.recursive && ndesired > 1)
		die("check: -R takes one --desired");
	if (replace && (nipc || w.recursive || ndesired))
		die("check: --replace takes files or message queues, no --desired, no -R");
	if (nipc) {
		if (c.type_given && c.type != OBJ_IPC)
			die("check: --ipc checks an IPC object (--type ipc)");
		c.type = OBJ_IPC;
		c.type_given = true;
	}
	for (i = 0; i < ndesired; i++)
		parse_rights_or_die(desired_args[i]);
	build_token(&c.targs, &c.st, c.type == OBJ_IPC || c.type == OBJ_TASK ?
		    SELF_IPC : SELF_FILE);
	if (w.recursive) {
		char *pathv[1] = { (char *)objs[0].arg };

		c.desired = ndesired ? parse_rights_or_die(desired_args[0]) :
				       WINSEC_MAXIMUM_ALLOWED;
		if (c.json)
			printf("[");
		status = walk_paths(&w, pathv, 1, check_walk_one, &c);
		if (c.json)
			printf("%s]\n", c.first ? "" : "\n");
		goto out;
	}
	if (sddl) {
		load_sddl(sddl, &obj, "--sddl");
		status = check_desired(&c, &obj, sddl, NULL, desired_args,
				       ndesired, false);
		free(obj.buf);
		goto out;
	}
	if (c.json && nobjs > 1)
		printf("[");
	for (i = 0; i < nobjs; i++) {
		char *path = NULL;
		int rc;

		if (objs[i].how == ARG_IPC) {
			rc = load_ipc(objs[i].arg, &obj, &c.st.tok);
		} else {
			path = objs[i].how == ARG_MQUEUE ?
			       mqueue_path_or_die(objs[i].arg) :
			       xstrdup(objs[i].arg);
			rc = load_path(path, &obj, &c.st.tok);
		}
		if (rc) {
			failed = 1;
			if (nobjs == 1)
				exit(WINSEC_EXIT_USAGE);
			if (c.json) {
				printf("%s{\"object\": ", c.first ? "" : ",\n ");
				json_string(objs[i].arg);
				printf(", \"error\": \"could not be read\"}");
				c.first = false;
			}
			free(path);
			continue;
		}
		if (replace) {
			if (nobjs > 1 && c.json) {
				printf("%s{\"object\": ", c.first ? "" : ",\n ");
				json_string(objs[i].arg);
				printf(", \"replace\": ");
				c.first = false;
			} else if (nobjs > 1) {
				char *e = escape_name(objs[i].arg, false);

				printf("%s: ", e);
				free(e);
			}
			status |= check_replace(&c, &obj, replace, nobjs > 1);
			if (nobjs > 1 && c.json)
				printf("}");
			free(obj.buf);
			free(path);
			continue;
		}
		if (!c.json && nobjs > 1 && i)
			printf("\n");
		status |= check_desired(&c, &obj, objs[i].arg, path,
					desired_args, ndesired, nobjs > 1);
		free(obj.buf);
		free(path);
	}
	if (c.json && nobjs > 1)
		printf("]\n");
	if (failed)
		status = WINSEC_EXIT_USAGE;
out:
	free(objs);
	free(desired_args);
	token_free(&c.st);
	free(c.targs.groups);
	return status;
}

/* --- inherit --------------------------------------------------------------- */

int cmd_inherit(int argc, char **argv)
{
	static const struct option longopts[] = {
		TOKEN_LONGOPTS,
		{ "parent", required_argument, NULL, 'p' },
		{ "creator", required_argument, NULL, 'c' },
		{ "type", required_argument, NULL, 't' },
		{ "dir", no_argument, NULL, 'D' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct token_args targs = { 0 };
	static struct token_store st;
	struct object parent = { 0 }, creator = { 0 };
	const char *parent_arg = NULL, *creator_arg = NULL, *type_arg = NULL;
	enum obj_type type = OBJ_FILE;
	struct winsec_sddl_error serr;
	bool is_dir = false, json = false;
	struct winsec_sd view;
	struct stat sb;
	char *text;
	u8 *out;
	u32 bound, len;
	int ch, err;

	while ((ch = getopt_or_die(argc, argv, "inherit", "hu:g:p:c:t:j", longopts)) != -1) {
		if (token_opt(ch, &targs))
			continue;
		switch (ch) {
		case 'p':
			parent_arg = optarg;
			break;
		case 'c':
			creator_arg = optarg;
			break;
		case 't':
			type_arg = optarg;
			break;
		case 'D':
			is_dir = true;
			break;
		case 'j':
			json = true;
			break;
		default:
			printf("usage: winsec inherit --parent (PATH | SDDL) [--dir] [--type file|dir|ipc]\n"
			       "                      [--creator SDDL] [token options] [--json]\n"
			       "\n"
			       "Prints, as SDDL, the descriptor a new object created by the token would get\n"
			       "under the parent (a path, or an SDDL string when no such path exists).\n"
			       "%s"
			       "  -j, --json             {\"sddl\", \"stored\", \"descriptor\"}\n",
			       check_token_help);
			return 0;
		}
	}
	if (optind < argc)
		die("inherit: unexpected argument \"%s\" (try winsec inherit --help)",
		    argv[optind]);
	if (!parent_arg)
		die("inherit: --parent PATH or --parent SDDL is required");
	if (type_arg) {
		type = parse_type_or_die(type_arg);
		if (type == OBJ_TASK)
			die("--type: tasks are not created with a descriptor");
		if (type == OBJ_DIR)
			is_dir = true;
	} else if (is_dir) {
		type = OBJ_DIR;
	}
	build_token(&targs, &st, type == OBJ_IPC ? SELF_IPC : SELF_FILE);
	if (!stat(parent_arg, &sb)) {
		if (load_path(parent_arg, &parent, NULL))
			exit(WINSEC_EXIT_USAGE);
	} else {
		load_sddl(parent_arg, &parent, "--parent");
	}
	if (creator_arg)
		load_sddl(creator_arg, &creator, "--creator");

	bound = winsec_inherit_bound(&parent.sd, creator_arg ? &creator.sd : NULL);
	out = xmalloc(bound);
	err = winsec_inherit(&parent.sd, creator_arg ? &creator.sd : NULL,
			     &st.tok, is_dir, obj_types[type].map, out, bound,
			     &len, NULL);
	if (err)
		die("inherit: %s", err == -E2BIG ? "the descriptor would be too large" :
		    err == -EINVAL ? "the token has no user" : strerror(-err));
	if (!len) {
		struct winsec_sd implicit = { 0 };
		struct winsec_sid_buf u, g;

		if (st.tok.flags & WINSEC_TOKEN_UNIX) {
			winsec_sid_unix_user(&u, st.tok.uid);
			winsec_sid_unix_group(&g, st.tok.gid);
			implicit.owner = winsec_sid_of(&u);
			implicit.group = winsec_sid_of(&g);
		} else if (st.tok.nsids) {
			implicit.owner = st.tok.sids[0];
			implicit.group = st.tok.sids[st.tok.nsids > 1];
		}
		text = winsec_sddl_from_view(&implicit, NULL);
		if (json) {
			printf("{\"sddl\": ");
			json_string(text ? text : "");
			printf(", \"stored\": false, \"descriptor\": ");
			json_sd(&implicit, type);
			printf("}\n");
		} else {
			printf("%s\n# nothing is stored: the new object is unlabeled (Unix owner and group, no DACL, implicit Medium NO_WRITE_UP label)\n",
			       text ? text : "");
		}
		free(text);
	} else {
		if (winsec_sd_to_sddl(out, len, NULL, &text, &serr))
			die("inherit: %s", serr.message);
		if (json) {
			winsec_sd_parse(out, len, &view, NULL);
			printf("{\"sddl\": ");
			json_string(text);
			printf(", \"stored\": true, \"descriptor\": ");
			json_sd(&view, type);
			printf("}\n");
		} else {
			printf("%s\n", text);
		}
		free(text);
	}
	free(out);
	free(parent.buf);
	free(creator.buf);
	token_free(&st);
	free(targs.groups);
	return 0;
}
