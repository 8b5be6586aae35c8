// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - commands that edit descriptors by name, as icacls does: grant,
 * deny, revoke, owner, group, inheritance, reset, label and set
 *
 * Each command is an edit_op (walk.h): a function that changes the
 * editable descriptor of one object. edit_paths() reads, applies, gives
 * the objects below a changed directory what they now inherit, and
 * writes. With -R the change is applied to every object below PATH too,
 * except that ACEs that are themselves inheritable (OI, CI) are written
 * on PATH only: below it they arrive by inheritance, where icacls /T
 * would write a second, explicit copy on every object.
 */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "sddl.h"
#include "walk.h"

#define ACE_OICI (WINSEC_ACE_OBJECT_INHERIT | WINSEC_ACE_CONTAINER_INHERIT)

static const char walk_help[] =
	"  -R, --recursive        also every object below each directory PATH\n"
	"  -L, --follow-symlinks  follow symbolic links met below PATH (skipped otherwise)\n"
	"  -x, --one-file-system  do not go into other file systems below PATH\n"
	"  -v, --verbose          print each object whose descriptor changed\n";

static const char propagation_help[] =
	"When a directory's inheritable ACEs change, the objects below it get again\n"
	"what they inherit (explicit ACEs kept; a protected ACL stops it).\n";

static const struct winsec_sid *ace_sid(const u8 *raw, struct winsec_ace *ace)
{
	winsec_ace_decode((const void *)raw, ace);
	return ace->sid;
}

/* Give @e a DACL to add to; warn once when it had none (top only). */
static void need_dacl(struct edsd *e, const char *path, bool top)
{
	if (e->dacl_present && !e->dacl_null)
		return;
	if (top)
		path_error(path, "had %s DACL (winsec granted everything): the new DACL grants only what it lists",
			  e->dacl_null ? "a NULL" : "no");
	e->dacl_present = true;
	e->dacl_null = false;
}

/* Index where a new explicit ACE goes: denies before allows, both before
 * inherited ACEs. */
static u32 canonical_slot(const struct ace_list *l, bool deny)
{
	u32 i;

	for (i = 0; i < l->n; i++) {
		const struct winsec_ace_header *h = (const void *)l->v[i];

		if (h->flags & WINSEC_ACE_INHERITED)
			break;
		if (deny && !ace_type_denies(h->type))
			break;
	}
	return i;
}

/* --- grant, deny ------------------------------------------------------------ */

struct ace_spec {
	struct winsec_sid_buf sid;
	u8 flags;
	u32 mask;
};

struct grant_data {
	bool deny;
	bool replace;
	struct ace_spec *specs;
	int nspecs;
};

static void remove_explicit(struct ace_list *l, const struct winsec_sid *sid,
			    bool allows, bool denies)
{
	struct winsec_ace ace;
	u32 i;

	for (i = 0; i < l->n; ) {
		const struct winsec_ace_header *h = (const void *)l->v[i];

		if (!(h->flags & WINSEC_ACE_INHERITED) &&
		    ((allows && ace_type_allows(h->type)) ||
		     (denies && ace_type_denies(h->type))) &&
		    winsec_sid_equal(ace_sid(l->v[i], &ace), sid))
			acl_remove(l, i);
		else
			i++;
	}
}

static int grant_apply(struct edit_op *op, struct edsd *e, const char *path,
		       bool top, bool is_dir)
{
	struct grant_data *g = op->data;
	u8 type = g->deny ? WINSEC_ACE_ACCESS_DENIED : WINSEC_ACE_ACCESS_ALLOWED;
	int k;

	for (k = 0; k < g->nspecs; k++) {
		const struct ace_spec *s = &g->specs[k];
		const struct winsec_sid *sid = winsec_sid_of(&s->sid);
		struct winsec_ace ace;
		bool merged = false;
		u32 i;

		/* Inheritable ACEs reach what is below by inheritance. */
		if (!top && (s->flags & ACE_OICI))
			continue;
		need_dacl(e, path, top);
		if (g->replace)
			remove_explicit(&e->dacl, sid, !g->deny, g->deny);
		for (i = 0; i < e->dacl.n; i++) {
			u8 *raw = e->dacl.v[i];
			const struct winsec_ace_header *h = (const void *)raw;

			if (h->type == type && h->flags == s->flags &&
			    winsec_sid_equal(ace_sid(raw, &ace), sid)) {
				put_unaligned_le32(ace.mask | s->mask,
						   raw + WINSEC_ACE_HEADER_SIZE);
				merged = true;
				break;
			}
		}
		if (!merged)
			acl_insert(&e->dacl, canonical_slot(&e->dacl, g->deny),
				   ace_make(type, s->flags, s->mask, sid));
	}
	return 0;
}

/*
 * The operands of grant and deny: PATH... ACE..., the ACEs being the
 * trailing arguments written PRINCIPAL:RIGHTS. Dies on a bad ACE.
 */
static int split_aces(const char *cmd, int argc, char **argv,
		      struct ace_spec **specs, int *nspecs)
{
	char err[512];
	int first = argc, i;

	while (first > 1) {
		struct winsec_sid_buf sid;
		u8 flags;
		u32 mask;

		if (!strchr(argv[first - 1], ':'))
			break;
		if (ace_spec_parse(argv[first - 1], &sid, &flags, &mask, err,
				   sizeof(err))) {
			/* Shaped like an ACE: report it. */
			const char *c = strrchr(argv[first - 1], ':');

			if (c[1] && !strchr(c + 1, '/'))
				die("%s: %s", cmd, err);
			break;
		}
		first--;
	}
	if (first == argc)
		die("%s: expected PATH... ACE... with ACE as PRINCIPAL:[(OI)(CI)(IO)(NP)]RIGHTS (try winsec %s --help)",
		    cmd, cmd);
	if (first == 0)
		die("%s: missing PATH", cmd);
	*nspecs = argc - first;
	*specs = xmalloc(*nspecs * sizeof(**specs));
	for (i = first; i < argc; i++) {
		struct ace_spec *s = &(*specs)[i - first];

		ace_spec_parse(argv[i], &s->sid, &s->flags, &s->mask, err,
			       sizeof(err));
	}
	return first;
}

static int cmd_grant_deny(int argc, char **argv, bool deny)
{
	static const struct option longopts[] = {
		WALK_LONGOPTS,
		{ "replace", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *cmd = deny ? "deny" : "grant";
	struct walk_opts w = { 0 };
	struct grant_data g = { .deny = deny };
	struct edit_op op = { cmd, grant_apply, false, &g };
	int c, npaths, status;

	while ((c = getopt_or_die(argc, argv, cmd, "h" WALK_SHORTOPTS, longopts)) != -1) {
		if (walk_option(c, &w))
			continue;
		if (c == 'r') {
			g.replace = true;
		} else {
			printf("usage: winsec %s [-RLxv] [--replace] PATH... ACE...\n"
			       "%s an ACE to each PATH, as icacls /%s does. An ACE is\n"
			       "PRINCIPAL:[(OI)(CI)(IO)(NP)]RIGHTS: PRINCIPAL a user, group, SID,\n"
			       "SDDL alias or well-known name (Everyone, BUILTIN\\Administrators);\n"
			       "RIGHTS F, M, RX, R, W, D, right names (FILE_READ_DATA,DELETE), SDDL\n"
			       "letters (FRFX) or a number (0x1200a9).\n"
			       "The rights are merged into the explicit %s ACE of the same principal\n"
			       "and flags, if any; otherwise a new ACE is placed in canonical order\n"
			       "(explicit deny, explicit allow, inherited), so a deny always counts.\n"
			       "  -r, --replace          first remove the principal's explicit %s ACEs\n"
			       "%s%s"
			       "With -R, an inheritable ACE ((OI) or (CI)) is written on PATH only:\n"
			       "below, it arrives by inheritance.\n",
			       cmd, deny ? "Add a deny" : "Grant rights through an allow",
			       deny ? "deny" : "grant", deny ? "deny" : "allow",
			       deny ? "deny" : "allow", walk_help, propagation_help);
			return 0;
		}
	}
	argc -= optind;
	argv += optind;
	npaths = split_aces(cmd, argc, argv, &g.specs, &g.nspecs);
	status = edit_paths(&op, &w, argv, npaths);
	free(g.specs);
	return status;
}

int cmd_grant(int argc, char **argv)
{
	return cmd_grant_deny(argc, argv, false);
}

int cmd_deny(int argc, char **argv)
{
	return cmd_grant_deny(argc, argv, true);
}

/* --- revoke ----------------------------------------------------------------- */

struct revoke_data {
	bool allows, denies;
	struct winsec_sid_buf *sids;
	int nsids;
};

static int revoke_apply(struct edit_op *op, struct edsd *e, const char *path,
			bool top, bool is_dir)
{
	struct revoke_data *r = op->data;
	int k;

	if (!e->dacl_present || e->dacl_null)
		return 0;
	for (k = 0; k < r->nsids; k++)
		remove_explicit(&e->dacl, winsec_sid_of(&r->sids[k]), r->allows,
				r->denies);
	return 0;
}

int cmd_revoke(int argc, char **argv)
{
	static const struct option longopts[] = {
		WALK_LONGOPTS,
		{ "allow", no_argument, NULL, 'a' },
		{ "deny", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct walk_opts w = { 0 };
	struct revoke_data r = { 0 };
	struct edit_op op = { "revoke", revoke_apply, false, &r };
	struct stat st;
	int c, i, npaths, status;

	while ((c = getopt_or_die(argc, argv, "revoke", "h" WALK_SHORTOPTS, longopts)) != -1) {
		if (walk_option(c, &w))
			continue;
		if (c == 'a') {
			r.allows = true;
		} else if (c == 'd') {
			r.denies = true;
		} else {
			printf("usage: winsec revoke [-RLxv] [--allow|--deny] PATH... PRINCIPAL...\n"
			       "Remove the explicit ACEs of each PRINCIPAL from the DACL of each PATH\n"
			       "(icacls /remove); inherited ACEs stay, they come from the parent.\n"
			       "The PATHs are the leading arguments that exist; the last argument\n"
			       "is always a PRINCIPAL.\n"
			       "  --allow                only allow ACEs\n"
			       "  --deny                 only deny ACEs\n"
			       "%s%s", walk_help, propagation_help);
			return 0;
		}
	}
	if (!r.allows && !r.denies)
		r.allows = r.denies = true;
	argc -= optind;
	argv += optind;
	if (argc < 2)
		die("revoke: expected PATH... PRINCIPAL... (try winsec revoke --help)");
	for (npaths = 1; npaths < argc - 1 && !lstat(argv[npaths], &st); npaths++)
		;
	r.nsids = argc - npaths;
	r.sids = xmalloc(r.nsids * sizeof(*r.sids));
	for (i = npaths; i < argc; i++)
		if (principal_parse(argv[i], NULL, PRINCIPAL_ANY, &r.sids[i - npaths]))
			die("revoke: unknown principal \"%s\" (a user, a group, a SID, an SDDL alias or a name such as Everyone)",
			    argv[i]);
	status = edit_paths(&op, &w, argv, npaths);
	free(r.sids);
	return status;
}

/* --- owner, group ----------------------------------------------------------- */

struct owner_data {
	bool group;
	struct winsec_sid_buf sid;
};

static int owner_apply(struct edit_op *op, struct edsd *e, const char *path,
		       bool top, bool is_dir)
{
	struct owner_data *o = op->data;

	if (o->group) {
		e->group = o->sid;
		e->has_group = true;
	} else {
		e->owner = o->sid;
		e->has_owner = true;
	}
	return 0;
}

static int cmd_owner_group(int argc, char **argv, bool group)
{
	static const struct option longopts[] = {
		WALK_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *cmd = group ? "group" : "owner";
	struct walk_opts w = { 0 };
	struct owner_data o = { .group = group };
	struct edit_op op = { cmd, owner_apply, false, &o };
	int c;

	while ((c = getopt_or_die(argc, argv, cmd, "h" WALK_SHORTOPTS, longopts)) != -1) {
		if (walk_option(c, &w))
			continue;
		printf("usage: winsec %s [-RLxv] PATH... NAME\n"
		       "Set the %s of each PATH's descriptor (icacls /set%s): NAME is a\n"
		       "user, group, SID, SDDL alias or well-known name. The Unix %s\n"
		       "is not changed (see chown(1)).\n%s",
		       cmd, cmd, group ? "group" : "owner", cmd, walk_help);
		return 0;
	}
	argc -= optind;
	argv += optind;
	if (argc < 2)
		die("%s: expected PATH... NAME (try winsec %s --help)", cmd, cmd);
	if (principal_parse(argv[argc - 1], NULL, PRINCIPAL_ANY, &o.sid))
		die("%s: unknown principal \"%s\" (a user, a group, a SID, an SDDL alias or a name such as Everyone)",
		    cmd, argv[argc - 1]);
	return edit_paths(&op, &w, argv, argc - 1);
}

int cmd_owner(int argc, char **argv)
{
	return cmd_owner_group(argc, argv, false);
}

int cmd_group(int argc, char **argv)
{
	return cmd_owner_group(argc, argv, true);
}

/* --- inheritance, reset -------------------------------------------------------- */

enum inh_mode { INH_ENABLE, INH_COPY, INH_REMOVE };

static int inheritance_apply(struct edit_op *op, struct edsd *e,
			     const char *path, bool top, bool is_dir)
{
	enum inh_mode mode = *(enum inh_mode *)op->data;
	u32 i;

	if (mode == INH_ENABLE) {
		e->control &= ~WINSEC_SE_DACL_PROTECTED;
		return 0;
	}
	if (!e->dacl_present || e->dacl_null) {
		if (!top)
			return 0;
		path_error(path, "has %s DACL (winsec grants everything): there is nothing to protect; not changed",
			  e->dacl_null ? "a NULL" : "no");
		return -1;
	}
	e->control |= WINSEC_SE_DACL_PROTECTED;
	for (i = 0; i < e->dacl.n; ) {
		struct winsec_ace_header *h = (void *)e->dacl.v[i];

		if (!(h->flags & WINSEC_ACE_INHERITED)) {
			i++;
		} else if (mode == INH_COPY) {
			h->flags &= ~WINSEC_ACE_INHERITED;
			i++;
		} else {
			acl_remove(&e->dacl, i);
		}
	}
	return 0;
}

int cmd_inheritance(int argc, char **argv)
{
	static const struct option longopts[] = {
		WALK_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct walk_opts w = { 0 };
	enum inh_mode mode;
	struct edit_op op = { "inheritance", inheritance_apply, false, &mode };
	const char *m;
	int c;

	while ((c = getopt_or_die(argc, argv, "inheritance", "h" WALK_SHORTOPTS, longopts)) != -1) {
		if (walk_option(c, &w))
			continue;
		printf("usage: winsec inheritance [-RLxv] PATH... enable|disable|copy|remove\n"
		       "Turn the inheritance of each PATH's DACL on or off (icacls /inheritance):\n"
		       "  enable    unprotect the DACL; its inherited ACEs come again from the parent\n"
		       "  disable   protect it (D:P), keeping copies of the inherited ACEs as\n"
		       "            explicit ones (icacls /inheritance:d); copy is the same\n"
		       "  remove    protect it and drop the inherited ACEs (/inheritance:r)\n%s",
		       walk_help);
		return 0;
	}
	argc -= optind;
	argv += optind;
	if (argc < 2)
		die("inheritance: expected PATH... enable|disable|copy|remove (try winsec inheritance --help)");
	m = argv[argc - 1];
	if (!strcmp(m, "enable") || !strcmp(m, "e"))
		mode = INH_ENABLE;
	else if (!strcmp(m, "disable") || !strcmp(m, "copy") || !strcmp(m, "d"))
		mode = INH_COPY;
	else if (!strcmp(m, "remove") || !strcmp(m, "r"))
		mode = INH_REMOVE;
	else
		die("inheritance: unknown mode \"%s\" (enable, disable, copy or remove)", m);
	op.reinherit_top = mode == INH_ENABLE;
	return edit_paths(&op, &w, argv, argc - 1);
}

static int reset_apply(struct edit_op *op, struct edsd *e, const char *path,
		       bool top, bool is_dir)
{
	while (e->dacl.n)
		acl_remove(&e->dacl, e->dacl.n - 1);
	e->dacl_present = false;
	e->dacl_null = false;
	e->control &= ~(WINSEC_SE_DACL_PROTECTED | WINSEC_SE_DACL_AUTO_INHERITED);
	return 0;
}

int cmd_reset(int argc, char **argv)
{
	static const struct option longopts[] = {
		WALK_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct walk_opts w = { 0 };
	struct edit_op op = { "reset", reset_apply, true, NULL };
	int c;

	while ((c = getopt_or_die(argc, argv, "reset", "h" WALK_SHORTOPTS, longopts)) != -1) {
		if (walk_option(c, &w))
			continue;
		printf("usage: winsec reset [-RLxv] PATH...\n"
		       "Drop the explicit ACEs of each PATH's DACL and its protection; it holds\n"
		       "then only what it inherits from its parent, or no DACL at all when the\n"
		       "parent passes nothing down (icacls /reset). Owner, group and label stay.\n%s",
		       walk_help);
		return 0;
	}
	if (optind >= argc)
		die("reset: missing PATH (try winsec reset --help)");
	return edit_paths(&op, &w, argv + optind, argc - optind);
}

/* --- label ------------------------------------------------------------------ */

struct label_data {
	bool none;
	struct winsec_sid_buf level;
	u32 policy;
	u8 flags;
};

/* "NW,NR" or "OI,CI" style lists; @label selects rights vs ACE flags. */
static u32 parse_list(const char *opt, const char *list, bool label)
{
	const char *p = list;
	u32 v = 0, m;

	while (*p) {
		size_t n = strcspn(p, ",");
		int f;

		if (label) {
			if (n != 2 || !winsec_sddl_right(p, 2, true, &m) ||
			    (m & ~WINSEC_LABEL_VALID_MASK))
				die("%s: unknown policy \"%.*s\" (NW, NR, NX)", opt,
				    (int)n, p);
			v |= m;
		} else {
			f = n == 2 ? winsec_sddl_ace_flag(p, 2) : -1;
			if (f < 0 || (f & ~WINSEC_ACE_INHERIT_FLAGS))
				die("%s: unknown flag \"%.*s\" (OI, CI, NP, IO)", opt,
				    (int)n, p);
			v |= f;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return v;
}

static void remove_explicit_labels(struct ace_list *l)
{
	u32 i;

	for (i = 0; i < l->n; ) {
		const struct winsec_ace_header *h = (const void *)l->v[i];

		if (h->type == WINSEC_ACE_SYSTEM_MANDATORY_LABEL &&
		    !(h->flags & WINSEC_ACE_INHERITED))
			acl_remove(l, i);
		else
			i++;
	}
}

static int label_apply(struct edit_op *op, struct edsd *e, const char *path,
		       bool top, bool is_dir)
{
	struct label_data *d = op->data;

	if (e->sacl_null) {
		e->sacl_null = false;
		e->sacl_present = false;
	}
	remove_explicit_labels(&e->sacl);
	/*
	 * none, or below PATH with an inheritable label: no explicit label,
	 * so that the inherited one applies.
	 */
	if (d->none || (!top && (d->flags & ACE_OICI))) {
		if (!e->sacl.n)
			e->sacl_present = false;
		return 0;
	}
	acl_insert(&e->sacl, 0, ace_make(WINSEC_ACE_SYSTEM_MANDATORY_LABEL,
					 d->flags, d->policy,
					 winsec_sid_of(&d->level)));
	e->sacl_present = true;
	return 0;
}

#define LEVEL_FORMS "untrusted, low, medium, medium-plus, high, system; their titles (\"Medium Plus\"); the SDDL aliases LW, ME, MP, HI, SI; S-1-16-RID; or none"

int cmd_label(int argc, char **argv)
{
	static const struct option longopts[] = {
		WALK_LONGOPTS,
		{ "policy", required_argument, NULL, 'p' },
		{ "inherit", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *policy = "NW", *inherit = "", *lv;
	struct walk_opts w = { 0 };
	struct label_data d = { 0 };
	struct edit_op op = { "label", label_apply, false, &d };
	u32 rid;
	int c;

	while ((c = getopt_or_die(argc, argv, "label", "h" WALK_SHORTOPTS, longopts)) != -1) {
		if (walk_option(c, &w))
			continue;
		if (c == 'p') {
			policy = optarg;
		} else if (c == 'i') {
			inherit = optarg;
		} else {
			printf("usage: winsec label [-RLxv] PATH... LEVEL [--policy NW,NR,NX]\n"
			       "                   [--inherit OI,CI,NP,IO]\n"
			       "Set the mandatory integrity label of each PATH, keeping the rest of\n"
			       "its descriptor (the explicit label ACE of the SACL is replaced).\n"
			       "LEVEL: " LEVEL_FORMS " (remove the explicit label).\n"
			       "The default policy is NW (no write up); --inherit makes the label\n"
			       "inheritable, as icacls /setintegritylevel (OI)(CI)LEVEL does.\n"
			       "  -p, --policy LIST      NW, NR, NX, comma-separated\n"
			       "  -i, --inherit LIST     OI, CI, NP, IO, comma-separated\n"
			       "%s"
			       "With -R and --inherit OI or CI, PATH gets the label and the objects\n"
			       "below lose their explicit labels, so that they inherit it.\n",
			       walk_help);
			return 0;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2)
		die("label: expected PATH LEVEL (try winsec label --help)");
	lv = argv[argc - 1];
	if (!strcasecmp(lv, "none")) {
		d.none = true;
	} else if (!winsec_level_parse(lv, strlen(lv), &rid)) {
		winsec_sid_level(&d.level, rid);
	} else if (winsec_sid_from_string(lv, NULL, &d.level) ||
		   !winsec_sid_get_level(winsec_sid_of(&d.level), &rid)) {
		die("label: unknown level \"%s\" (" LEVEL_FORMS ")", lv);
	}
	d.policy = parse_list("--policy", policy, true);
	d.flags = parse_list("--inherit", inherit, false);
	return edit_paths(&op, &w, argv, argc - 1);
}

/* --- set ---------------------------------------------------------------------- */

struct set_data {
	bool replace;
	struct edsd src;
	bool owner, group, dacl, sacl;
};

static void copy_acl(struct ace_list *dst, const struct ace_list *src, bool top)
{
	u32 i;

	while (dst->n)
		acl_remove(dst, dst->n - 1);
	for (i = 0; i < src->n; i++) {
		const struct winsec_ace_header *h = (const void *)src->v[i];

		if (!top && (h->flags & ACE_OICI))
			continue;
		acl_insert(dst, dst->n, ace_dup(src->v[i]));
	}
}

#define DACL_BITS (WINSEC_SE_DACL_PROTECTED | WINSEC_SE_DACL_AUTO_INHERITED | \
		   WINSEC_SE_DACL_AUTO_INHERIT_REQ | WINSEC_SE_DACL_DEFAULTED)
#define SACL_BITS (WINSEC_SE_SACL_PROTECTED | WINSEC_SE_SACL_AUTO_INHERITED | \
		   WINSEC_SE_SACL_AUTO_INHERIT_REQ | WINSEC_SE_SACL_DEFAULTED)

static int set_apply(struct edit_op *op, struct edsd *e, const char *path,
		     bool top, bool is_dir)
{
	struct set_data *d = op->data;
	const struct edsd *s = &d->src;

	if (d->replace) {
		edsd_free(e);
		memset(e, 0, sizeof(*e));
		e->rm_control = s->rm_control;
		e->control = s->control & WINSEC_SE_RM_CONTROL_VALID;
	}
	if (d->owner) {
		e->has_owner = s->has_owner;
		e->owner = s->owner;
	}
	if (d->group) {
		e->has_group = s->has_group;
		e->group = s->group;
	}
	if (d->dacl) {
		e->dacl_present = s->dacl_present;
		e->dacl_null = s->dacl_null;
		e->control = (e->control & ~DACL_BITS) | (s->control & DACL_BITS);
		copy_acl(&e->dacl, &s->dacl, top);
		if (top && !acl_is_canonical(&e->dacl))
			path_error(path, "warning: the DACL is not in canonical order (explicit deny, explicit allow, inherited): an allow before a deny wins");
	}
	if (d->sacl) {
		e->sacl_present = s->sacl_present;
		e->sacl_null = s->sacl_null;
		e->control = (e->control & ~SACL_BITS) | (s->control & SACL_BITS);
		copy_acl(&e->sacl, &s->sacl, top);
	}
	return 0;
}

/* The SDDL of -f FILE: the file's text, line breaks removed. */
static char *sddl_from_file(const char *file)
{
	size_t len, i, n = 0;
	u8 *buf = read_file_or_die(file, 16 * WINSEC_SD_MAX_SIZE, &len);
	char *text = (char *)buf;

	if (memchr(buf, '\0', len))
		die("set: %s is not SDDL text (it holds NUL bytes)",
		    strcmp(file, "-") ? file : "standard input");
	for (i = 0; i < len; i++)
		if (text[i] != '\n' && text[i] != '\r')
			text[n++] = text[i];
	text[n] = '\0';
	return text;
}

int cmd_set(int argc, char **argv)
{
	static const struct option longopts[] = {
		WALK_LONGOPTS,
		{ "replace", no_argument, NULL, 'r' },
		{ "file", required_argument, NULL, 'f' },
		{ "domain-sid", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct walk_opts w = { 0 };
	struct set_data d = { 0 };
	struct edit_op op = { "set", set_apply, false, &d };
	struct winsec_sid_buf dbuf;
	struct winsec_sddl_error err;
	const struct winsec_sid *domain = NULL;
	const char *file = NULL, *dom = NULL, *reason = NULL;
	char *sddl, *p;
	struct winsec_sd v;
	size_t len;
	int c, npaths, status, ret;
	u8 *sd;

	while ((c = getopt_or_die(argc, argv, "set", "hrf:" WALK_SHORTOPTS, longopts)) != -1) {
		if (walk_option(c, &w))
			continue;
		if (c == 'r') {
			d.replace = true;
		} else if (c == 'f') {
			file = optarg;
		} else if (c == 'D') {
			dom = optarg;
		} else {
			printf("usage: winsec set [-RLxv] [--replace] [--domain-sid SID] PATH... SDDL\n"
			       "       winsec set [-RLxv] [--replace] [--domain-sid SID] -f FILE PATH...\n"
			       "Set the components of each PATH's descriptor that the SDDL names (O:,\n"
			       "G:, D:, S:), keeping the others, as SetSecurityInfo does with its\n"
			       "SECURITY_INFORMATION flags. Names of users and groups are accepted\n"
			       "where SIDs are. Nothing is written when the SDDL is invalid.\n"
			       "  -r, --replace          replace the whole descriptor\n"
			       "  -f, --file FILE        read the SDDL from FILE (- for standard input)\n"
			       "      --domain-sid SID   the domain of aliases such as DA, DU\n"
			       "%s"
			       "A warning is printed when the DACL is not in canonical order.\n",
			       walk_help);
			return 0;
		}
	}
	argc -= optind;
	argv += optind;
	if (file) {
		sddl = sddl_from_file(file);
		npaths = argc;
	} else {
		if (argc < 2)
			die("set: expected PATH SDDL (try winsec set --help)");
		sddl = xstrdup(argv[argc - 1]);
		npaths = argc - 1;
	}
	if (!npaths)
		die("set: missing PATH (try winsec set --help)");
	for (p = sddl; *p == ' ' || *p == '\t'; p++)
		;
	if (!*p)
		die("set: the SDDL is empty: nothing to set");
	if (dom) {
		if (winsec_sid_from_string(dom, NULL, &dbuf))
			die("--domain-sid: \"%s\" is not a SID (S-1-5-21-...)", dom);
		domain = winsec_sid_of(&dbuf);
	}
	ret = winsec_sddl_to_sd_resolve(sddl, domain, sddl_resolve_name,
					(void *)dom, &sd, &len, &err);
	if (ret == -ENOMEM)
		die("out of memory");
	if (ret) {
		if (err.column)
			die("SDDL column %u: %s", err.column, err.message);
		die("SDDL: %s", err.message);
	}
	if (winsec_sd_parse(sd, len, &v, &reason))
		die("SDDL: the descriptor is not valid (%s)", reason ? reason : "refused");
	edsd_from_view(&d.src, &v);
	d.owner = v.owner || d.replace;
	d.group = v.group || d.replace;
	d.dacl = winsec_sd_has_dacl(&v) || d.replace;
	d.sacl = winsec_sd_has_sacl(&v) || d.replace;
	status = edit_paths(&op, &w, argv, npaths);
	edsd_free(&d.src);
	free(sd);
	free(sddl);
	return status;
}
