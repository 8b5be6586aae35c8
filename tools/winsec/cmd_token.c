// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - tokens: "winsec whoami" and "winsec run"
 *
 * whoami shows the token the kernel derives from the calling process's
 * credentials (see "Subjects" in the admin guide), the way "whoami /all"
 * does on Windows; the integrity level comes from the LSM through
 * lsm_get_self_attr(2).
 * run changes the calling process's level through lsm_set_self_attr(2), or
 * /proc/self/attr when the syscall is missing, and its creator descriptor,
 * kept across exec (WINSEC_FSCREATE_KEEP_ON_EXEC, for which the syscall is
 * needed), and then executes a command.
 */

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sddl.h"
#include "winsec.h"

/* --- whoami ------------------------------------------------------------ */

struct group_entry {
	char name[96];
	char sid[48];
	const char *attrs;
};

struct token_view {
	struct self_token self;
	char level_text[WINSEC_LEVEL_TEXT_MAX];
	char user[96];
	struct group_entry *groups;
	size_t ngroups;
	uint8_t *fscreate;
	long fscreate_len;
	bool fscreate_keep;
};

static void add_group(struct token_view *t, const char *name, const char *sid,
		      const char *attrs)
{
	struct group_entry *g;

	t->groups = xrealloc(t->groups, (t->ngroups + 1) * sizeof(*t->groups));
	g = &t->groups[t->ngroups++];
	snprintf(g->name, sizeof(g->name), "%s", name);
	snprintf(g->sid, sizeof(g->sid), "%s", sid);
	g->attrs = attrs;
}

static void add_unix_group(struct token_view *t, gid_t gid, const char *attrs)
{
	char name[96], sid[48];
	const char *gr = group_name(gid);

	if (gr)
		snprintf(name, sizeof(name), "Unix Group\\%s", gr);
	else
		snprintf(name, sizeof(name), "Unix Group\\%u", (unsigned int)gid);
	snprintf(sid, sizeof(sid), "S-1-22-2-%u", (unsigned int)gid);
	add_group(t, name, sid, attrs);
}

static void build_view(struct token_view *t)
{
	static const char *const mandatory = "Mandatory group, Enabled by default, Enabled group";
	const struct winsec_token *tok = &t->self.tok;
	const char *pw;
	uint64_t flags;
	uint32_t i;
	char name[96], sid[48];

	memset(t, 0, sizeof(*t));
	self_token_get(&t->self, SELF_IPC);
	if (t->self.lsm_active) {
		winsec_level_format(tok->level, t->level_text,
				    sizeof(t->level_text));
		t->fscreate_len = self_attr_get(LSM_ATTR_FSCREATE,
						&t->fscreate, &flags);
		if (t->fscreate_len <= 0)
			t->fscreate = NULL;
		else
			t->fscreate_keep = flags & WINSEC_FSCREATE_KEEP_ON_EXEC;
	}

	pw = user_name(tok->uid);
	if (pw)
		snprintf(t->user, sizeof(t->user), "Unix User\\%s", pw);
	else
		snprintf(t->user, sizeof(t->user), "Unix User\\%u", tok->uid);

	add_group(t, "Everyone", "S-1-1-0", mandatory);
	add_group(t, "BUILTIN\\Users", "S-1-5-32-545", mandatory);
	if (tok->flags & WINSEC_TOKEN_AUTHENTICATED)
		add_group(t, "NT AUTHORITY\\Authenticated Users", "S-1-5-11",
			  mandatory);
	if (tok->flags & WINSEC_TOKEN_SYSTEM) {
		add_group(t, "NT AUTHORITY\\SYSTEM", "S-1-5-18", mandatory);
		add_group(t, "BUILTIN\\Administrators", "S-1-5-32-544",
			  mandatory);
	}
	add_unix_group(t, tok->gid, "Mandatory group, Enabled by default, Enabled group, Primary group");
	/* The supplementary groups are sorted: skip repeats. */
	for (i = 0; i < tok->ngroups; i++)
		if (tok->groups[i] != tok->gid &&
		    (i == 0 || tok->groups[i] != tok->groups[i - 1]))
			add_unix_group(t, tok->groups[i], mandatory);
	if (t->self.lsm_active) {
		const char *title = winsec_level_title(tok->level);

		if (title)
			snprintf(name, sizeof(name),
				 "Mandatory Label\\%s Mandatory Level", title);
		else
			snprintf(name, sizeof(name), "Mandatory Label\\%s",
				 t->level_text);
		snprintf(sid, sizeof(sid), "S-1-16-%u", tok->level);
		add_group(t, name, sid, "Integrity, Integrity Enabled");
	}
}

static const char *const policy_names[] = { "NO_WRITE_UP", "NEW_PROCESS_MIN" };

static char *fscreate_sddl(const struct token_view *t)
{
	struct winsec_sddl_error err;
	char *text = NULL;

	if (!t->fscreate)
		return NULL;
	if (winsec_sd_to_sddl(t->fscreate, t->fscreate_len, NULL, &text, &err))
		return NULL;
	return text;
}

static void print_json(const struct token_view *t)
{
	char sid[48];
	char *sddl;
	size_t i;
	bool first = true;

	snprintf(sid, sizeof(sid), "S-1-22-1-%u", t->self.tok.uid);
	printf("{\"lsm_active\": %s, \"user\": {\"name\": ", t->self.lsm_active ? "true" : "false");
	json_string(t->user);
	printf(", \"sid\": \"%s\", \"uid\": %u}, \"groups\": [", sid,
	       t->self.tok.uid);
	for (i = 0; i < t->ngroups; i++) {
		printf("%s{\"name\": ", i ? ", " : "");
		json_string(t->groups[i].name);
		printf(", \"sid\": \"%s\", \"attributes\": ", t->groups[i].sid);
		json_string(t->groups[i].attrs);
		printf("}");
	}
	printf("], \"level\": ");
	if (t->self.lsm_active) {
		printf("{\"name\": ");
		json_string(t->level_text);
		printf(", \"sid\": \"S-1-16-%u\", \"rid\": %u}", t->self.tok.level,
		       t->self.tok.level);
	} else {
		printf("null");
	}
	printf(", \"policy\": [\"%s\", \"%s\"], \"privileges\": [", policy_names[0],
	       policy_names[1]);
	for (i = 0; i < NPRIVILEGES; i++) {
		if (!(t->self.tok.privileges & privileges[i].bit))
			continue;
		printf("%s{\"name\": \"%s\", \"state\": \"Enabled\"}",
		       first ? "" : ", ", privileges[i].name);
		first = false;
	}
	printf("], \"fscreate\": ");
	sddl = fscreate_sddl(t);
	if (sddl)
		json_string(sddl);
	else
		printf("null");
	free(sddl);
	printf(", \"fscreate_keep_on_exec\": %s}\n",
	       t->fscreate_keep ? "true" : "false");
}

static void print_text(const struct token_view *t)
{
	char sid[48];
	char *sddl;
	size_t i;

	snprintf(sid, sizeof(sid), "S-1-22-1-%u", t->self.tok.uid);
	printf("USER INFORMATION\n----------------\n\n%-40s %s\n\n",
	       "User Name", "SID");
	printf("%-40s %s\n\n", t->user, sid);
	printf("GROUP INFORMATION\n-----------------\n\n%-40s %-16s %s\n",
	       "Group Name", "SID", "Attributes");
	for (i = 0; i < t->ngroups; i++)
		printf("%-40s %-16s %s\n", t->groups[i].name, t->groups[i].sid,
		       t->groups[i].attrs);
	if (!t->self.lsm_active)
		printf("(no integrity level: the winsec LSM is not active)\n");
	printf("\nMANDATORY POLICY\n----------------\n\n%s %s\n",
	       policy_names[0], policy_names[1]);
	printf("\nPRIVILEGES INFORMATION\n----------------------\n\n%-26s %-42s %s\n",
	       "Privilege Name", "Description", "State");
	for (i = 0; i < NPRIVILEGES; i++)
		if (t->self.tok.privileges & privileges[i].bit)
			printf("%-26s %-42s %s\n", privileges[i].name,
			       privileges[i].description, "Enabled");
	sddl = fscreate_sddl(t);
	if (sddl) {
		printf("\nCREATOR DESCRIPTOR\n------------------\n\n%s\n", sddl);
		if (t->fscreate_keep)
			printf("(kept on exec, except a set-id or other secure exec)\n");
		free(sddl);
	}
}

/**
 * cmd_whoami() - "winsec whoami [--json]"
 * @argc: argument count
 * @argv: arguments, argv[0] is "whoami"
 *
 * Return: 0, or 2 on bad usage.
 */
int cmd_whoami(int argc, char **argv)
{
	struct token_view t;
	bool json = false;

	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int c;

	while ((c = getopt_or_die(argc, argv, "whoami", "hj", longopts)) != -1) {
		if (c == 'j') {
			json = true;
		} else {
			printf("usage: winsec whoami [--json]\n"
			       "Show the calling process's token: user, groups, integrity level,\n"
			       "mandatory policy and privileges, as the kernel derives them, and\n"
			       "its creator descriptor, if any. Names come from /etc/passwd and\n"
			       "/etc/group; ids they do not list are shown as numbers.\n");
			return 0;
		}
	}
	if (optind < argc)
		die("whoami: unknown argument \"%s\"", argv[optind]);
	build_view(&t);
	if (json)
		print_json(&t);
	else
		print_text(&t);
	free(t.groups);
	free(t.fscreate);
	self_token_free(&t.self);
	return 0;
}

/* --- run --------------------------------------------------------------- */

static void run_usage(FILE *f)
{
	fprintf(f, "usage: winsec run --level LEVEL [--fscreate SDDL] -- COMMAND [ARGS...]\n"
		"Run COMMAND at integrity LEVEL (untrusted, low, medium, medium-plus,\n"
		"high, system or S-1-16-RID). Lowering is always allowed; raising needs\n"
		"CAP_MAC_ADMIN. --fscreate gives the descriptor of the objects COMMAND\n"
		"creates, and the programs it executes in turn (not across a set-id\n"
		"exec); it needs lsm_set_self_attr(2).\n");
}

/**
 * cmd_run() - "winsec run --level LEVEL [--fscreate SDDL] -- CMD..."
 * @argc: argument count
 * @argv: arguments, argv[0] is "run"
 *
 * Return: does not return on success; 2 on bad input or failure.
 */
int cmd_run(int argc, char **argv)
{
	const char *level_arg = NULL, *fscreate_arg = NULL;
	struct winsec_sddl_error err;
	char text[32];
	uint8_t *sd = NULL;
	size_t sd_len = 0;
	uint32_t rid;
	int i, rc;

	static const struct option longopts[] = {
		{ "level", required_argument, NULL, 'l' },
		{ "fscreate", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int c;

	while ((c = getopt_or_die(argc, argv, "run", "+h", longopts)) != -1) {
		if (c == 'l') {
			level_arg = optarg;
		} else if (c == 'f') {
			fscreate_arg = optarg;
		} else {
			run_usage(stdout);
			return 0;
		}
	}
	i = optind;
	if (!level_arg && !fscreate_arg)
		die("run: --level LEVEL is required");
	if (i >= argc)
		die("run: no command given");
	if (level_arg && winsec_level_parse(level_arg, strlen(level_arg), &rid))
		die("run: unknown integrity level \"%s\"", level_arg);
	if (fscreate_arg &&
	    winsec_sddl_to_sd(fscreate_arg, NULL, &sd, &sd_len, &err))
		die("run: --fscreate: column %u: %s", err.column, err.message);

	if (level_arg) {
		snprintf(text, sizeof(text), "S-1-16-%u", rid);
		rc = self_attr_set(LSM_ATTR_CURRENT, text, strlen(text) + 1, 0);
		if (rc == -EPERM)
			die("run: raising the integrity level to %s needs CAP_MAC_ADMIN",
			    level_arg);
		if (rc)
			die("run: cannot set the integrity level: %s%s",
			    strerror(-rc), rc == -EOPNOTSUPP || rc == -EINVAL ?
			    " (is the winsec LSM active?)" : "");
	}
	if (sd) {
		/* Kept across the exec of COMMAND: /proc cannot ask that. */
		rc = self_attr_set(LSM_ATTR_FSCREATE, sd, sd_len,
				   WINSEC_FSCREATE_KEEP_ON_EXEC);
		if (rc == -EPERM)
			die("run: --fscreate: the descriptor needs a privilege the process lacks (label above its level, audit entries or another owner)");
		if (rc == -ENOSYS)
			die("run: --fscreate needs lsm_set_self_attr(2), which this kernel lacks (/proc/self/attr/fscreate cannot keep the descriptor across exec)");
		if (rc)
			die("run: cannot set the creator descriptor: %s%s",
			    strerror(-rc), rc == -EOPNOTSUPP ?
			    " (is the winsec LSM active?)" : rc == -EINVAL ?
			    " (does the kernel know WINSEC_FSCREATE_KEEP_ON_EXEC?)" :
			    "");
		free(sd);
	}
	execvp(argv[i], argv + i);
	die("run: cannot execute \"%s\": %s", argv[i], strerror(errno));
}
