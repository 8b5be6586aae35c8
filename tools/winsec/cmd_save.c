// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - save, restore and diff
 *
 * The save format (icacls /save in text), one object a line:
 *
 *	# winsec save 1
 *	PATH<TAB>SDDL
 *	PATH<TAB>-		(the object has no descriptor)
 *	PATH<TAB>#HEX		(the stored bytes, when SDDL would not give
 *				 them back exactly)
 *
 * PATH is written as get prints names: backslash escapes for control
 * characters, backslash, bytes that are not UTF-8, and a leading "#"
 * (\x23). Lines starting with "#" are comments; empty lines are skipped.
 * restore reads the whole file, checks every line (escapes, SDDL, that
 * the path exists) and stops at the first error naming its line, before
 * it changes anything; then it writes each descriptor byte for byte.
 */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>

#include "listing.h"
#include "sddl.h"
#include "walk.h"

#define SAVE_HEADER "# winsec save 1"

/* --- save ------------------------------------------------------------------- */

static int save_one(const char *path, const struct stat *st, void *arg)
{
	struct winsec_sddl_error err;
	char *name, *sddl = NULL;
	u8 *buf, *again = NULL;
	size_t len2 = 0;
	ssize_t n = sd_read(path, true, &buf);
	size_t i;

	if (n < 0) {
		path_error(path, "%s", xattr_error(-n));
		return 1;
	}
	name = escape_name(path, false);
	if (name[0] == '#')
		printf("\\x23%s\t", name + 1);
	else
		printf("%s\t", name);
	free(name);
	if (!n) {
		printf("-\n");
		return 0;
	}
	/* SDDL when it gives the same bytes back, else hex. */
	if (!winsec_sd_to_sddl(buf, n, NULL, &sddl, &err) &&
	    !winsec_sddl_to_sd(sddl, NULL, &again, &len2, &err) &&
	    len2 == (size_t)n && !memcmp(again, buf, n)) {
		printf("%s\n", sddl);
	} else {
		putchar('#');
		for (i = 0; i < (size_t)n; i++)
			printf("%02x", buf[i]);
		putchar('\n');
	}
	free(again);
	free(sddl);
	free(buf);
	return 0;
}

int cmd_save(int argc, char **argv)
{
	static const struct option longopts[] = {
		WALK_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct walk_opts w = { 0 };
	int c;

	while ((c = getopt_or_die(argc, argv, "save", "h" WALK_SHORTOPTS, longopts)) != -1) {
		if (walk_option(c, &w))
			continue;
		printf("usage: winsec save [-RLx] PATH... > FILE\n"
		       "Write the descriptors of each PATH (and, with -R, of everything\n"
		       "below it) in the save format, one object a line: the path, a tab,\n"
		       "and the SDDL, \"-\" for no descriptor, or \"#\" and the stored bytes in\n"
		       "hex when SDDL would not give them back exactly. winsec restore\n"
		       "reads it back. Paths are written as given (relative stays relative).\n");
		return 0;
	}
	if (optind >= argc)
		die("save: missing PATH (try winsec save --help)");
	printf("%s\n", SAVE_HEADER);
	return walk_paths(&w, argv + optind, argc - optind, save_one, NULL);
}

/* --- SID substitution ----------------------------------------------------------- */

struct subst {
	struct winsec_sid_buf from, to;
};

static bool subst_sid(const struct subst *s, int ns, struct winsec_sid_buf *sid)
{
	int i;

	for (i = 0; i < ns; i++)
		if (winsec_sid_equal(winsec_sid_of(sid), winsec_sid_of(&s[i].from))) {
			*sid = s[i].to;
			return true;
		}
	return false;
}

static void subst_acl(const struct subst *s, int ns, struct ace_list *l)
{
	u32 i;

	for (i = 0; i < l->n; i++) {
		struct winsec_ace ace;
		struct winsec_sid_buf sid;
		u32 off, oldlen, newlen, size;
		u8 *raw = l->v[i], *nraw;

		winsec_ace_decode((const void *)raw, &ace);
		oldlen = winsec_sid_size(ace.sid);
		memcpy(&sid, ace.sid, oldlen);
		if (!subst_sid(s, ns, &sid))
			continue;
		newlen = winsec_sid_size(winsec_sid_of(&sid));
		off = (const u8 *)ace.sid - raw;
		size = ace.size - oldlen + newlen;
		nraw = xmalloc(size);
		memcpy(nraw, raw, off);
		memcpy(nraw + off, &sid, newlen);
		memcpy(nraw + off + newlen, raw + off + oldlen, ace.size - off - oldlen);
		put_unaligned_le16(size, nraw + 2);
		free(raw);
		l->v[i] = nraw;
	}
}

/* --- restore ---------------------------------------------------------------------- */

struct entry {
	char *path;
	u8 *sd;		/* NULL: no descriptor */
	size_t len;
};

static bool parse_hex(const char *text, u8 **out, size_t *len)
{
	size_t n = strlen(text), i;
	u8 *b;

	if (!n || n % 2)
		return false;
	b = xmalloc(n / 2);
	for (i = 0; i < n; i += 2) {
		unsigned int v;

		if (sscanf(text + i, "%2x", &v) != 1 ||
		    !strchr("0123456789abcdefABCDEF", text[i]) ||
		    !strchr("0123456789abcdefABCDEF", text[i + 1])) {
			free(b);
			return false;
		}
		b[i / 2] = v;
	}
	*out = b;
	*len = n / 2;
	return true;
}

int cmd_restore(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "substitute", required_argument, NULL, 's' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct subst *subs = NULL;
	struct entry *ents = NULL;
	size_t nents = 0, len, i, lineno = 0;
	int c, nsubs = 0, status = 0;
	bool verbose = false;
	char *text, *line, *next;
	const char *file = "-";

	while ((c = getopt_or_die(argc, argv, "restore", "hs:v", longopts)) != -1) {
		if (c == 's') {
			char *eq = strchr(optarg, '='), *old;

			if (!eq || eq == optarg || !eq[1])
				die("restore: --substitute wants OLD=NEW, not \"%s\"", optarg);
			subs = xrealloc(subs, (nsubs + 1) * sizeof(*subs));
			old = strndup(optarg, eq - optarg);
			if (!old)
				die("out of memory");
			if (principal_parse(old, NULL, PRINCIPAL_ANY, &subs[nsubs].from))
				die("restore: --substitute: unknown principal \"%s\"", old);
			if (principal_parse(eq + 1, NULL, PRINCIPAL_ANY, &subs[nsubs].to))
				die("restore: --substitute: unknown principal \"%s\"", eq + 1);
			free(old);
			nsubs++;
		} else if (c == 'v') {
			verbose = true;
		} else {
			printf("usage: winsec restore [--substitute OLD=NEW]... [-v] [FILE] < FILE\n"
			       "Set the descriptors saved by winsec save, read from FILE or standard\n"
			       "input. The whole input is checked first, and nothing is changed when\n"
			       "a line is wrong (its number is given). Objects without a descriptor\n"
			       "in the file lose theirs.\n"
			       "  -s, --substitute OLD=NEW  replace principal OLD by NEW (owner, group,\n"
			       "                            every ACE), as icacls /substitute; repeatable\n"
			       "  -v, --verbose             print each object restored\n");
			return 0;
		}
	}
	if (argc - optind > 1)
		die("restore: one input expected");
	if (optind < argc)
		file = argv[optind];
	text = (char *)read_file_or_die(file, (size_t)1 << 30, &len);
	if (memchr(text, '\0', len))
		die("restore: %s is not a save file (it holds NUL bytes)",
		    strcmp(file, "-") ? file : "standard input");

	for (line = text; line && *line; line = next) {
		struct winsec_sddl_error err;
		struct entry e = { 0 };
		struct stat st;
		char *tab, *value;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		if (strlen(line) && line[strlen(line) - 1] == '\r')
			line[strlen(line) - 1] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		tab = strchr(line, '\t');
		if (!tab)
			die("restore: line %zu: expected PATH, a tab, and SDDL, - or #HEX", lineno);
		*tab = '\0';
		value = tab + 1;
		e.path = unescape_name(line);
		if (!e.path || !e.path[0])
			die("restore: line %zu: bad escape in the path", lineno);
		if (lstat(e.path, &st)) {
			char *p = escape_name(e.path, false);

			die("restore: line %zu: %s: %s", lineno, p, strerror(errno));
		}
		if (!strcmp(value, "-")) {
			e.sd = NULL;
		} else if (value[0] == '#') {
			if (!parse_hex(value + 1, &e.sd, &e.len))
				die("restore: line %zu: bad hex", lineno);
		} else {
			int ret = winsec_sddl_to_sd_resolve(value, NULL, sddl_resolve_name,
							    NULL, &e.sd, &e.len, &err);

			if (ret)
				die("restore: line %zu: SDDL column %u: %s", lineno,
				    err.column, err.message);
		}
		if (e.sd) {
			const char *reason = NULL;
			struct winsec_sd v;

			if (winsec_sd_parse(e.sd, e.len, &v, &reason))
				die("restore: line %zu: the descriptor is not valid (%s)",
				    lineno, reason ? reason : "refused");
			if (nsubs) {
				struct edsd ed;

				edsd_from_view(&ed, &v);
				if (ed.has_owner)
					subst_sid(subs, nsubs, &ed.owner);
				if (ed.has_group)
					subst_sid(subs, nsubs, &ed.group);
				subst_acl(subs, nsubs, &ed.dacl);
				subst_acl(subs, nsubs, &ed.sacl);
				free(e.sd);
				if (edsd_serialize(&ed, &e.sd, &e.len))
					die("restore: line %zu: the descriptor is too large after substitution",
					    lineno);
				edsd_free(&ed);
			}
		}
		ents = xrealloc(ents, (nents + 1) * sizeof(*ents));
		ents[nents++] = e;
	}

	for (i = 0; i < nents; i++) {
		struct entry *e = &ents[i];
		int ret;

		if (e->sd)
			ret = setxattr(e->path, WINSEC_XATTR_NAME, e->sd, e->len, 0);
		else
			ret = removexattr(e->path, WINSEC_XATTR_NAME);
		if (ret && !(errno == ENODATA && !e->sd)) {
			if (errno == ENOSPC || errno == E2BIG)
				path_error(e->path, "the descriptor (%zu bytes) does not fit in this file system's extended attributes; not restored",
					   e->len);
			else
				path_error(e->path, "%s", xattr_error(errno));
			status = 2;
		} else if (verbose) {
			char *p = escape_name(e->path, false);

			printf("restored: %s\n", p);
			free(p);
		}
		free(e->path);
		free(e->sd);
	}
	free(ents);
	free(subs);
	free(text);
	return status;
}

/* --- diff ----------------------------------------------------------------------- */

struct side {
	const char *arg;
	u8 *buf;
	size_t len;
	struct winsec_sd sd;
	bool none;	/* a path without descriptor */
};

static void load_side(struct side *s, const char *arg)
{
	struct winsec_sddl_error err;
	const char *reason = NULL;
	struct stat st;
	ssize_t n;

	s->arg = arg;
	memset(&s->sd, 0, sizeof(s->sd));
	if (!lstat(arg, &st)) {
		n = sd_read(arg, true, &s->buf);
		if (n < 0)
			die("diff: %s: %s", arg, xattr_error(-n));
		s->len = n;
		s->none = !n;
		if (n && winsec_sd_parse(s->buf, n, &s->sd, &reason))
			die("diff: %s: the stored descriptor is not valid (%s)", arg,
			    reason ? reason : "refused");
		return;
	}
	if (strchr(arg, '/') || !strchr(arg, ':'))
		die("diff: %s: %s (and not SDDL)", arg, strerror(errno));
	if (winsec_sddl_to_sd_resolve(arg, NULL, sddl_resolve_name, NULL, &s->buf,
				      &s->len, &err))
		die("diff: SDDL column %u: %s", err.column, err.message);
	winsec_sd_parse(s->buf, s->len, &s->sd, NULL);
}

static void sid_text(const struct winsec_sid *sid, char *buf, size_t size)
{
	char name[PRINCIPAL_NAME_MAX], text[WINSEC_SID_STRING_MAX];

	if (!sid) {
		snprintf(buf, size, "none");
		return;
	}
	winsec_sid_to_sddl(sid, NULL, text, sizeof(text));
	sid_display_name(sid, name, sizeof(name));
	if (strcmp(name, text))
		snprintf(buf, size, "%s (%s)", text, name);
	else
		snprintf(buf, size, "%s", text);
}

static void label_text(const struct winsec_sd *sd, char *buf, size_t size)
{
	const struct winsec_ace_header *l = winsec_sd_label(sd);
	struct winsec_ace ace;

	if (!l) {
		snprintf(buf, size, "none");
		return;
	}
	winsec_ace_decode(l, &ace);
	ace_sddl(&ace, buf, size);
}

/* ACEs of @a missing from @b (as multisets), printed with @mark. */
static int acl_minus(const char *what, const struct winsec_acl *a,
		     const struct winsec_acl *b, char mark, bool json,
		     bool *first)
{
	const struct winsec_ace_header *ha, *hb;
	unsigned int i, j, k;
	int count = 0;

	if (!a)
		return 0;
	winsec_acl_for_each(a, ha, i) {
		struct winsec_ace ace;
		char line[1024];
		unsigned int before = 0, inb = 0;
		u16 size = get_unaligned_le16(&ha->size);
		const struct winsec_ace_header *hc;

		/* The how-manieth copy of this ACE in a, against copies in b. */
		winsec_acl_for_each(a, hc, k) {
			if (k >= i)
				break;
			if (get_unaligned_le16(&hc->size) == size &&
			    !memcmp(hc, ha, size))
				before++;
		}
		if (b) {
			winsec_acl_for_each(b, hb, j)
				if (get_unaligned_le16(&hb->size) == size &&
				    !memcmp(hb, ha, size))
					inb++;
		}
		if (before < inb || ha->type == WINSEC_ACE_SYSTEM_MANDATORY_LABEL)
			continue;	/* labels are compared on their own */
		winsec_ace_decode(ha, &ace);
		count++;
		if (json) {
			printf("%s", *first ? "" : ", ");
			*first = false;
			json_ace(&ace, OBJ_FILE);
			continue;
		}
		ace_sddl(&ace, line, sizeof(line));
		printf("%c %s %s", mark, what, line);
		ace_long(&ace, OBJ_FILE, false, line, sizeof(line));
		printf("  %s\n", line);
	}
	return count;
}

static const char *acl_state(const struct winsec_sd *sd, bool dacl)
{
	u16 prot = dacl ? WINSEC_SE_DACL_PROTECTED : WINSEC_SE_SACL_PROTECTED;
	bool present = dacl ? winsec_sd_has_dacl(sd) : winsec_sd_has_sacl(sd);
	const void *acl = dacl ? (const void *)sd->dacl : (const void *)sd->sacl;

	if (!present)
		return "absent";
	if (!acl)
		return "NULL";
	return sd->control & prot ? "protected" : "inheriting";
}

int cmd_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	char ta[512], tb[512];
	struct side a, b;
	bool json = false, first;
	int c, changes = 0;

	while ((c = getopt_or_die(argc, argv, "diff", "hj", longopts)) != -1) {
		if (c == 'j') {
			json = true;
		} else {
			printf("usage: winsec diff [--json] A B\n"
			       "Compare two descriptors, each a path (its descriptor) or SDDL:\n"
			       "owner, group, label and the state of each ACL (absent, NULL,\n"
			       "protected, inheriting) when they differ, then the ACEs only in A\n"
			       "(\"-\") and only in B (\"+\"). Exit status 0 when they are the same,\n"
			       "1 when they differ, 2 on error.\n");
			return 0;
		}
	}
	if (argc - optind != 2)
		die("diff: expected A B, each a path or SDDL (try winsec diff --help)");
	load_side(&a, argv[optind]);
	load_side(&b, argv[optind + 1]);

	if (json)
		printf("{");
#define FIELD(key, fa, fb)						\
	do {								\
		if (strcmp(fa, fb)) {					\
			changes++;					\
			if (json) {					\
				printf("\"%s\": [", key);		\
				json_string(fa);			\
				printf(", ");				\
				json_string(fb);			\
				printf("], ");				\
			} else {					\
				printf("%s: %s -> %s\n", key, fa, fb);	\
			}						\
		}							\
	} while (0)
	sid_text(a.sd.owner, ta, sizeof(ta));
	sid_text(b.sd.owner, tb, sizeof(tb));
	FIELD("owner", ta, tb);
	sid_text(a.sd.group, ta, sizeof(ta));
	sid_text(b.sd.group, tb, sizeof(tb));
	FIELD("group", ta, tb);
	label_text(&a.sd, ta, sizeof(ta));
	label_text(&b.sd, tb, sizeof(tb));
	FIELD("label", ta, tb);
	FIELD("dacl_state", acl_state(&a.sd, true), acl_state(&b.sd, true));
	FIELD("sacl_state", acl_state(&a.sd, false), acl_state(&b.sd, false));
	if (json)
		printf("\"dacl_only_a\": [");
	first = true;
	changes += acl_minus("DACL", a.sd.dacl, b.sd.dacl, '-', json, &first);
	if (json)
		printf("], \"dacl_only_b\": [");
	first = true;
	changes += acl_minus("DACL", b.sd.dacl, a.sd.dacl, '+', json, &first);
	if (json)
		printf("], \"sacl_only_a\": [");
	first = true;
	changes += acl_minus("SACL", a.sd.sacl, b.sd.sacl, '-', json, &first);
	if (json)
		printf("], \"sacl_only_b\": [");
	first = true;
	changes += acl_minus("SACL", b.sd.sacl, a.sd.sacl, '+', json, &first);
	if (json)
		printf("], \"same\": %s}\n", changes ? "false" : "true");
	free(a.buf);
	free(b.buf);
	return changes ? 1 : 0;
}
