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

#include "access.h"
#include "inherit.h"
#include "sddl.h"
#include "winsec.h"

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

#define MAX_TOKEN_SIDS 64
#define MAX_TOKEN_GROUPS 1024

struct token_args {
	const char *user;
	const char *groups[MAX_TOKEN_SIDS];
	unsigned int ngroups;
	const char *level;
	u32 privileges;
	bool privileges_given;
};

struct token_store {
	struct winsec_token tok;
	u32 groups[MAX_TOKEN_GROUPS];
	struct winsec_sid_buf sidbuf[MAX_TOKEN_SIDS + 2];
	const struct winsec_sid *sids[MAX_TOKEN_SIDS + 2];
};

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

static void add_sid(struct token_store *st, const struct winsec_sid_buf *b)
{
	struct winsec_token *tok = &st->tok;

	if (tok->nsids >= ARRAY_SIZE(st->sids))
		die("too many groups (at most %d)", MAX_TOKEN_SIDS);
	st->sidbuf[tok->nsids] = *b;
	st->sids[tok->nsids] = winsec_sid_of(&st->sidbuf[tok->nsids]);
	tok->nsids++;
}

static void add_group(struct token_store *st, const struct winsec_sid_buf *b)
{
	const struct winsec_sid *sid = winsec_sid_of(b);
	struct winsec_token *tok = &st->tok;

	if ((tok->flags & WINSEC_TOKEN_UNIX) && sid->num_subauth == 2 &&
	    winsec_sid_authority(sid) == WINSEC_AUTH_UNIX &&
	    winsec_sid_subauth(sid, 0) == WINSEC_UNIX_GROUP_RID) {
		if (tok->ngroups >= MAX_TOKEN_GROUPS)
			die("too many groups (at most %d)", MAX_TOKEN_GROUPS);
		st->groups[tok->ngroups++] = winsec_sid_subauth(sid, 1);
		return;
	}
	add_sid(st, b);
}

/* The gid of the first --group that is a Unix group. */
static bool first_unix_group(const struct token_args *a, u32 *gid)
{
	struct winsec_sid_buf b;
	const struct winsec_sid *sid = winsec_sid_of(&b);
	unsigned int i;

	for (i = 0; i < a->ngroups; i++) {
		sid_from_arg_or_die(a->groups[i], NULL, &b, "--group");
		if (sid->num_subauth == 2 &&
		    winsec_sid_authority(sid) == WINSEC_AUTH_UNIX &&
		    winsec_sid_subauth(sid, 0) == WINSEC_UNIX_GROUP_RID) {
			*gid = winsec_sid_subauth(sid, 1);
			return true;
		}
	}
	return false;
}

static void build_token(const struct token_args *a, struct token_store *st)
{
	struct winsec_token *tok = &st->tok;
	struct winsec_sid_buf b;
	unsigned int i;

	memset(st, 0, sizeof(*st));
	tok->groups = st->groups;
	tok->sids = st->sids;
	tok->policy = WINSEC_POLICY_NO_WRITE_UP | WINSEC_POLICY_NEW_PROCESS_MIN;
	tok->level = WINSEC_LEVEL_MEDIUM;
	tok->flags = WINSEC_TOKEN_EVERYONE | WINSEC_TOKEN_USERS |
		     WINSEC_TOKEN_AUTHENTICATED;

	if (a->user) {
		const struct winsec_sid *sid = winsec_sid_of(&b);

		sid_from_arg_or_die(a->user, NULL, &b, "--user");
		if (sid->num_subauth == 2 &&
		    winsec_sid_authority(sid) == WINSEC_AUTH_UNIX &&
		    winsec_sid_subauth(sid, 0) == WINSEC_UNIX_USER_RID) {
			tok->flags |= WINSEC_TOKEN_UNIX;
			tok->uid = winsec_sid_subauth(sid, 1);
			/*
			 * The primary group: the first Unix --group, else the
			 * user's passwd entry, else none.
			 */
			tok->gid = (u32)-1;
			if (!first_unix_group(a, &tok->gid))
				user_primary_gid(tok->uid, &tok->gid);
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
		tok->groups = st->groups;
		tok->sids = st->sids;
		if (tok->ngroups > MAX_TOKEN_GROUPS)
			tok->ngroups = MAX_TOKEN_GROUPS;
		memcpy(st->groups, self.groups,
		       tok->ngroups * sizeof(st->groups[0]));
		self_token_free(&self);
	}
	for (i = 0; i < a->ngroups; i++) {
		sid_from_arg_or_die(a->groups[i], NULL, &b, "--group");
		add_group(st, &b);
	}
	/* A SID-only token: sids[0] is the user, sids[1] the primary group. */
	if (!(tok->flags & WINSEC_TOKEN_UNIX) && tok->nsids == 1)
		add_sid(st, &st->sidbuf[0]);
	qsort(st->groups, tok->ngroups, sizeof(st->groups[0]), cmp_u32);
	if (a->level &&
	    winsec_level_parse(a->level, strlen(a->level), &tok->level))
		die("--level: unknown level \"%s\" (untrusted, low, medium, medium-plus, high, system or S-1-16-<rid>)",
		    a->level);
	if (a->privileges_given)
		tok->privileges |= a->privileges;
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
};

static void load_sddl(const char *text, struct object *o, const char *what)
{
	struct winsec_sddl_error err;

	if (winsec_sddl_to_sd(text, NULL, &o->buf, &o->len, &err))
		die("%s: column %u: %s", what, err.column, err.message);
	if (winsec_sd_parse(o->buf, o->len, &o->sd, NULL))
		die("%s: the descriptor is not valid", what);
}

/*
 * A file's descriptor, with the Unix owner and group standing in for
 * missing ones; an unlabeled file is a view with no DACL and no SACL.
 */
static void load_path(const char *path, struct object *o)
{
	const char *reason = NULL;
	struct stat st;
	ssize_t n;

	if (stat(path, &st))
		die("%s: %s", path, strerror(errno));
	o->have_stat = true;
	o->is_dir = S_ISDIR(st.st_mode);
	winsec_sid_unix_user(&o->owner, st.st_uid);
	winsec_sid_unix_group(&o->group, st.st_gid);
	o->buf = xmalloc(WINSEC_SD_MAX_SIZE);
	n = getxattr(path, WINSEC_XATTR_NAME, o->buf, WINSEC_SD_MAX_SIZE);
	if (n < 0) {
		if (errno != ENODATA && errno != ENOTSUP)
			die("%s: cannot read %s: %s", path, WINSEC_XATTR_NAME,
			    strerror(errno));
		memset(&o->sd, 0, sizeof(o->sd));
		o->unlabeled = true;
	} else {
		o->len = n;
		if (winsec_sd_parse(o->buf, o->len, &o->sd, &reason))
			die("%s: invalid descriptor in %s: %s", path,
			    WINSEC_XATTR_NAME, reason ? reason : "?");
	}
	if (!o->sd.owner)
		o->sd.owner = winsec_sid_of(&o->owner);
	if (!o->sd.group)
		o->sd.group = winsec_sid_of(&o->group);
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

static void check_usage(FILE *f)
{
	fprintf(f,
		"usage: winsec check (PATH | --sddl SDDL) [--type file|dir|ipc|task]\n"
		"                    [--user SID|NAME] [--group SID|NAME]... [--level LEVEL]\n"
		"                    [--privilege NAME]... [--desired MASK|RIGHTS] [--json]\n"
		"\n"
		"Runs the kernel's access check and explains the decision. Without --desired,\n"
		"computes MAXIMUM_ALLOWED. Rights: numbers, names such as FILE_WRITE_DATA or\n"
		"SDDL letters such as FR, comma-separated. Without --user, the token is the\n"
		"calling process's, as the kernel builds it.\n"
		"Exit status: 0 granted, 1 denied, 2 bad input.\n");
}

/* Parse a token option at argv[*i]; true when it was one. */
static bool token_option(int argc, char **argv, int *i, struct token_args *t)
{
	const char *opt = argv[*i];

	if (strcmp(opt, "--user") && strcmp(opt, "--group") &&
	    strcmp(opt, "--level") && strcmp(opt, "--privilege"))
		return false;
	if (*i + 1 >= argc)
		die("%s needs a value", opt);
	(*i)++;
	if (!strcmp(opt, "--user")) {
		t->user = argv[*i];
	} else if (!strcmp(opt, "--group")) {
		if (t->ngroups >= MAX_TOKEN_SIDS)
			die("too many --group options (at most %d)", MAX_TOKEN_SIDS);
		t->groups[t->ngroups++] = argv[*i];
	} else if (!strcmp(opt, "--level")) {
		t->level = argv[*i];
	} else {
		t->privileges |= parse_privilege_or_die(argv[*i]);
		t->privileges_given = true;
	}
	return true;
}

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

int cmd_check(int argc, char **argv)
{
	struct token_args targs = { 0 };
	static struct token_store st;
	struct winsec_decision dec;
	struct object obj = { 0 };
	const char *path = NULL, *sddl = NULL, *type_arg = NULL;
	const char *desired_arg = NULL;
	enum obj_type type = OBJ_FILE;
	char reason[2048], granted[512];
	bool json = false;
	u32 desired;
	int i, err;

	for (i = 1; i < argc; i++) {
		if (is_help(argv[i])) {
			check_usage(stdout);
			return 0;
		}
		if (token_option(argc, argv, &i, &targs))
			continue;
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--sddl") || !strcmp(argv[i], "--type") ||
			   !strcmp(argv[i], "--desired")) {
			if (i + 1 >= argc)
				die("%s needs a value", argv[i]);
			if (!strcmp(argv[i], "--sddl"))
				sddl = argv[++i];
			else if (!strcmp(argv[i], "--type"))
				type_arg = argv[++i];
			else
				desired_arg = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			die("check: unknown option \"%s\" (try winsec check --help)",
			    argv[i]);
		} else if (!path) {
			path = argv[i];
		} else {
			die("check: more than one object given");
		}
	}
	if (!!path == !!sddl)
		die("check: give either a PATH or --sddl SDDL (try winsec check --help)");
	desired = desired_arg ? parse_rights_or_die(desired_arg) :
				WINSEC_MAXIMUM_ALLOWED;
	if (type_arg)
		type = parse_type_or_die(type_arg);
	if (sddl) {
		load_sddl(sddl, &obj, "--sddl");
	} else {
		load_path(path, &obj);
		if (!type_arg && obj.is_dir)
			type = OBJ_DIR;
	}
	build_token(&targs, &st);

	err = winsec_access_check(&obj.sd, &st.tok, obj_types[type].map,
				  desired, &dec);
	explain(&obj.sd, &st.tok, &dec, type, reason, sizeof(reason));
	if (json) {
		printf("{\"result\": \"%s\", \"desired\": %u, \"granted\": %u, \"reason\": ",
		       err ? "denied" : "granted", dec.desired, dec.granted);
		json_string(reason);
		printf("}\n");
	} else if (err) {
		printf("denied: %s\n", reason);
	} else {
		rights_text(dec.granted, type, granted, sizeof(granted));
		printf("granted: 0x%x %s\n  (%s)\n", dec.granted, granted, reason);
	}
	free(obj.buf);
	return err ? 1 : 0;
}

/* --- inherit --------------------------------------------------------------- */

static void inherit_usage(FILE *f)
{
	fprintf(f,
		"usage: winsec inherit --parent (PATH | SDDL) [--dir] [--type file|dir|ipc]\n"
		"                      [--creator SDDL] [--user SID|NAME] [--group SID|NAME]...\n"
		"                      [--level LEVEL] [--privilege NAME]...\n"
		"\n"
		"Prints, as SDDL, the descriptor a new object created by the token would get\n"
		"under the parent (a path, or an SDDL string when no such path exists).\n");
}

int cmd_inherit(int argc, char **argv)
{
	struct token_args targs = { 0 };
	static struct token_store st;
	struct object parent = { 0 }, creator = { 0 };
	const char *parent_arg = NULL, *creator_arg = NULL, *type_arg = NULL;
	enum obj_type type = OBJ_FILE;
	struct winsec_sddl_error serr;
	bool is_dir = false;
	struct stat sb;
	char *text;
	u8 *out;
	u32 bound, len;
	int i, err;

	for (i = 1; i < argc; i++) {
		if (is_help(argv[i])) {
			inherit_usage(stdout);
			return 0;
		}
		if (token_option(argc, argv, &i, &targs))
			continue;
		if (!strcmp(argv[i], "--dir")) {
			is_dir = true;
		} else if (!strcmp(argv[i], "--parent") ||
			   !strcmp(argv[i], "--creator") ||
			   !strcmp(argv[i], "--type")) {
			if (i + 1 >= argc)
				die("%s needs a value", argv[i]);
			if (!strcmp(argv[i], "--parent"))
				parent_arg = argv[++i];
			else if (!strcmp(argv[i], "--creator"))
				creator_arg = argv[++i];
			else
				type_arg = argv[++i];
		} else {
			die("inherit: unexpected argument \"%s\" (try winsec inherit --help)",
			    argv[i]);
		}
	}
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
	if (!stat(parent_arg, &sb))
		load_path(parent_arg, &parent);
	else
		load_sddl(parent_arg, &parent, "--parent");
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
		printf("%s\n# nothing is stored: the new object is unlabeled (Unix owner and group, no DACL, implicit Medium NO_WRITE_UP label)\n",
		       text ? text : "");
		free(text);
	} else {
		if (winsec_sd_to_sddl(out, len, NULL, &text, &serr))
			die("inherit: %s", serr.message);
		printf("%s\n", text);
		free(text);
	}
	free(out);
	free(parent.buf);
	free(creator.buf);
	return 0;
}
