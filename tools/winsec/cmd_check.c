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
#include <sys/stat.h>
#include <sys/xattr.h>
#include <getopt.h>

#include "access.h"
#include "cond.h"
#include "condition.h"
#include "inherit.h"
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
};

/* A token and the arrays it points into, all sized as needed. */
struct token_store {
	struct winsec_token tok;
	u32 *groups;
	u32 ngroups;
	struct winsec_sid_buf *sidbuf;
	const struct winsec_sid **sids;
	u32 nsids;
};

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

static void build_token(const struct token_args *a, struct token_store *st)
{
	struct winsec_token *tok = &st->tok;
	struct winsec_sid_buf b;
	bool primary_given = false;
	unsigned int i;
	u32 id;

	memset(st, 0, sizeof(*st));
	tok->policy = WINSEC_POLICY_NO_WRITE_UP | WINSEC_POLICY_NEW_PROCESS_MIN;
	tok->level = WINSEC_LEVEL_MEDIUM;
	tok->flags = WINSEC_TOKEN_EVERYONE | WINSEC_TOKEN_USERS |
		     WINSEC_TOKEN_AUTHENTICATED;

	if (a->user) {
		user_arg_or_die(a->user, &b);
		if (is_unix(winsec_sid_of(&b), WINSEC_UNIX_USER_RID, &tok->uid)) {
			const char *name = user_name(tok->uid);

			tok->flags |= WINSEC_TOKEN_UNIX;
			/*
			 * The primary group: the first Unix --group, else the
			 * user's passwd entry, else none; the supplementary
			 * groups from /etc/group, as login sets them.
			 */
			tok->gid = (u32)-1;
			for (i = 0; i < a->ngroups && !primary_given; i++) {
				group_arg_or_die(a->groups[i], &b);
				primary_given = is_unix(winsec_sid_of(&b),
							WINSEC_UNIX_GROUP_RID,
							&tok->gid);
			}
			if (!primary_given)
				user_primary_gid(tok->uid, &tok->gid);
			if (name) {
				u32 *gids;
				size_t n = user_supplementary_groups(name, &gids);

				for (i = 0; i < n; i++)
					add_gid(st, gids[i]);
				free(gids);
			}
			if (tok->uid == overflow_uid())
				tok->flags &= ~WINSEC_TOKEN_AUTHENTICATED;
			if (tok->uid == 0)
				tok->flags |= WINSEC_TOKEN_SYSTEM;
		} else {
			add_sid(st, &b);
		}
	} else {
		struct self_token self;

		self_token_get(&self);
		*tok = self.tok;
		for (i = 0; i < self.tok.ngroups; i++)
			add_gid(st, self.groups[i]);
		self_token_free(&self);
	}
	for (i = 0; i < a->ngroups; i++) {
		group_arg_or_die(a->groups[i], &b);
		if ((tok->flags & WINSEC_TOKEN_UNIX) &&
		    is_unix(winsec_sid_of(&b), WINSEC_UNIX_GROUP_RID, &id))
			add_gid(st, id);
		else
			add_sid(st, &b);
	}
	/* A SID-only token: sids[0] is the user, sids[1] the primary group. */
	if (!(tok->flags & WINSEC_TOKEN_UNIX) && st->nsids == 1)
		add_sid(st, &st->sidbuf[0]);
	st->sids = xmalloc((st->nsids ? st->nsids : 1) * sizeof(*st->sids));
	for (i = 0; i < st->nsids; i++)
		st->sids[i] = winsec_sid_of(&st->sidbuf[i]);
	qsort(st->groups, st->ngroups, sizeof(*st->groups), cmp_u32);
	tok->groups = st->groups;
	tok->ngroups = st->ngroups;
	tok->sids = st->sids;
	tok->nsids = st->nsids;
	if (a->level &&
	    winsec_level_parse(a->level, strlen(a->level), &tok->level))
		die("--level: unknown level \"%s\" (untrusted, low, medium, medium-plus, high, system or S-1-16-<rid>)",
		    a->level);
	if (a->privileges_given)
		tok->privileges |= a->privileges;
}

static void token_free(struct token_store *st)
{
	free(st->groups);
	free(st->sidbuf);
	free(st->sids);
}

/* --- the object ------------------------------------------------------------ */

struct object {
	u8 *buf;
	size_t len;
	struct winsec_sd sd;
	struct winsec_sid_buf owner, group;
	bool unlabeled;
	bool is_dir;
	bool have_stat;
	struct stat st;
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

/*
 * A file's descriptor, with the Unix owner and group standing in for
 * missing ones; an unlabeled file is a view with no DACL and no SACL.
 * Returns 0, or -1 after a message.
 */
static int load_path(const char *path, struct object *o)
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
		o->unlabeled = true;
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
	bool json;
	bool denied;	/* -R: list the objects where it is denied */
	bool first;
	int listed;
};

static const char check_token_help[] =
	"  -u, --user USER        a user (name or uid, or a SID): the Unix token with the\n"
	"                         user's groups from /etc/group; else the caller's token\n"
	"  -g, --group GROUP      a group (name or gid, or a SID), repeatable; the first\n"
	"                         Unix group is the primary group\n"
	"      --level LEVEL      untrusted, low, medium, medium-plus, high, system\n"
	"      --privilege NAME   SeBackupPrivilege, ..., repeatable\n";

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
	}
	return false;
}

#define TOKEN_LONGOPTS						\
	{ "user", required_argument, NULL, 'u' },		\
	{ "group", required_argument, NULL, 'g' },		\
	{ "level", required_argument, NULL, 'V' },		\
	{ "privilege", required_argument, NULL, 'P' }

static void json_rights(u32 mask, enum obj_type type)
{
	char hex[16];
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
	(void)hex;
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

/* One access check, printed. Returns 0 granted, 1 denied. */
static int check_object(struct check_opts *c, struct object *obj,
			const char *path, bool quiet_if)
{
	struct winsec_decision dec, full;
	enum obj_type type = c->type;
	char reason[2048], granted[512], ace[256], perms[4], need[4];
	struct winsec_token top = c->st.tok;
	struct unix_verdict uv;
	bool trimmed = false;
	int err;

	if (!c->type_given && obj->is_dir)
		type = OBJ_DIR;
	err = winsec_access_check(&obj->sd, &c->st.tok, obj_types[type].map,
				  c->desired, &dec);
	explain(&obj->sd, &c->st.tok, &dec, type, reason, sizeof(reason));
	/* What the DACL gives without the label: did the label trim it? */
	if (c->desired & WINSEC_MAXIMUM_ALLOWED) {
		top.level = WINSEC_LEVEL_SYSTEM > dec.label_level ?
			    WINSEC_LEVEL_SYSTEM : dec.label_level;
		winsec_access_check(&obj->sd, &top, obj_types[type].map,
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
		printf("{\"result\": \"%s\", \"desired\": %u, \"granted\": %u, \"reason\": ",
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
		printf("}\n");
		return err ? 1 : 0;
	}
	if (err) {
		printf("denied: %s\n", reason);
	} else {
		rights_text(dec.granted, type, granted, sizeof(granted));
		printf("granted: 0x%x %s\n  (%s)\n", dec.granted, granted, reason);
	}
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
	int r;

	if (load_path(path, &obj))
		return 1;
	r = check_object(c, &obj, path, true);
	(void)r;
	free(obj.buf);
	return 0;
}

int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		WALK_LONGOPTS,
		TOKEN_LONGOPTS,
		{ "sddl", required_argument, NULL, 's' },
		{ "type", required_argument, NULL, 't' },
		{ "desired", required_argument, NULL, 'd' },
		{ "denied", no_argument, NULL, 'N' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	static struct check_opts c;
	struct walk_opts w = { 0 };
	struct object obj = { 0 };
	const char *path = NULL, *sddl = NULL, *desired_arg = NULL;
	int ch, status;

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
		case 't':
			c.type = parse_type_or_die(optarg);
			c.type_given = true;
			break;
		case 'd':
			desired_arg = optarg;
			break;
		case 'N':
			c.denied = true;
			break;
		case 'j':
			c.json = true;
			break;
		default:
			printf("usage: winsec check (PATH | --sddl SDDL) [--type file|dir|ipc|task]\n"
			       "                    [--user USER] [--group GROUP]... [--level LEVEL]\n"
			       "                    [--privilege NAME]... [--desired RIGHTS] [--json]\n"
			       "       winsec check -R DIR [token options] [--desired RIGHTS] [--denied]\n"
			       "\n"
			       "Runs the kernel's access check and explains the decision. Without --desired,\n"
			       "computes MAXIMUM_ALLOWED. RIGHTS: F, M, RX, R, W, D, names such as\n"
			       "FILE_WRITE_DATA, SDDL letters such as FR, or numbers, comma-separated.\n"
			       "For a file, the Unix permission verdict (mode bits and POSIX ACL) is\n"
			       "shown too: both must allow. Names are accepted in --sddl.\n"
			       "%s"
			       "  -R, --recursive        list the objects under DIR where the token has the\n"
			       "                         rights (accesschk -s); --denied: where it lacks them\n"
			       "  -L, -x                 as for get\n"
			       "  -j, --json             one JSON object (with -R, an array)\n"
			       "Exit status: 0 granted, 1 denied (with -R: 0), 2 bad input.\n",
			       check_token_help);
			return 0;
		}
	}
	if (optind < argc)
		path = argv[optind++];
	if (optind < argc)
		die("check: more than one object given");
	if (!!path == !!sddl)
		die("check: give either a PATH or --sddl SDDL (try winsec check --help)");
	if (w.recursive && !path)
		die("check: -R needs a PATH");
	c.desired = desired_arg ? parse_rights_or_die(desired_arg) :
				  WINSEC_MAXIMUM_ALLOWED;
	build_token(&c.targs, &c.st);
	if (w.recursive) {
		char *pathv[1] = { (char *)path };

		if (c.json)
			printf("[");
		status = walk_paths(&w, pathv, 1, check_walk_one, &c);
		if (c.json)
			printf("%s]\n", c.first ? "" : "\n");
		token_free(&c.st);
		free(c.targs.groups);
		return status;
	}
	if (sddl) {
		load_sddl(sddl, &obj, "--sddl");
	} else if (load_path(path, &obj)) {
		exit(WINSEC_EXIT_USAGE);
	}
	status = check_object(&c, &obj, path, false);
	free(obj.buf);
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
	if (!stat(parent_arg, &sb)) {
		if (load_path(parent_arg, &parent))
			exit(WINSEC_EXIT_USAGE);
	} else {
		load_sddl(parent_arg, &parent, "--parent");
	}
	if (creator_arg)
		load_sddl(creator_arg, &creator, "--creator");
	build_token(&targs, &st);

	bound = winsec_inherit_bound(&parent.sd, creator_arg ? &creator.sd : NULL);
	out = xmalloc(bound);
	err = winsec_inherit(&parent.sd, creator_arg ? &creator.sd : NULL,
			     &st.tok, is_dir, obj_types[type].map, out, bound,
			     &len);
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
