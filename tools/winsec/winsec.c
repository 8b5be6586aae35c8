// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - Windows security descriptors on Linux: the command-line tool
 *
 * main() looks the first argument up in the table below and hands over the
 * remaining arguments. To add a subcommand: declare cmd_NAME() in winsec.h,
 * add one line to the table, a section to winsec.8 and a word to
 * winsec.bash-completion.
 */

#include <stdio.h>
#include <string.h>
#include <linux/types.h>

#include "winsec.h"

struct subcommand {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

static const struct subcommand subcommands[] = {
	{ "encode",  cmd_encode,  "SDDL to a binary (or hex) security descriptor" },
	{ "decode",  cmd_decode,  "binary (or hex) security descriptor to canonical SDDL" },
	{ "get",     cmd_get,     "show the security.winsec descriptor of files" },
	{ "set",     cmd_set,     "set the components of descriptors that SDDL names" },
	{ "grant",   cmd_grant,   "grant rights to a principal (icacls /grant)" },
	{ "deny",    cmd_deny,    "deny rights to a principal (icacls /deny)" },
	{ "revoke",  cmd_revoke,  "remove a principal's explicit ACEs (icacls /remove)" },
	{ "owner",   cmd_owner,   "set the owner of descriptors" },
	{ "group",   cmd_group,   "set the group of descriptors" },
	{ "inheritance", cmd_inheritance, "protect a DACL or let it inherit again" },
	{ "reset",   cmd_reset,   "drop explicit ACEs, keep what is inherited (icacls /reset)" },
	{ "label",   cmd_label,   "set or remove mandatory integrity labels" },
	{ "save",    cmd_save,    "write descriptors of files and trees as text" },
	{ "restore", cmd_restore, "set the descriptors written by save" },
	{ "diff",    cmd_diff,    "compare two descriptors (paths or SDDL)" },
	{ "import",  cmd_import,  "descriptors from Samba, CIFS or ntfs3 attributes" },
	{ "whoami",  cmd_whoami,  "show the process's token: user, groups, level, privileges" },
	{ "run",     cmd_run,     "run a command at a lower integrity level" },
	{ "ipc",     cmd_ipc,     "show, set or list descriptors of SysV IPC objects" },
	{ "ps",      cmd_ps,      "list tasks with their integrity levels" },
	{ "check",   cmd_check,   "effective access of a token to a file or descriptor" },
	{ "inherit", cmd_inherit, "the descriptor a new object would get under a parent" },
	/* add subcommands above this line, one line each */
};

static void print_usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: winsec COMMAND [ARGS...]\n"
		"       winsec COMMAND --help\n"
		"       winsec --version\n\ncommands:\n");
	for (i = 0; i < ARRAY_SIZE(subcommands); i++)
		fprintf(f, "  %-12s %s\n", subcommands[i].name,
			subcommands[i].help);
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		print_usage(stderr);
		return WINSEC_EXIT_USAGE;
	}
	if (is_help(argv[1]) || !strcmp(argv[1], "help")) {
		print_usage(stdout);
		stdout_check();
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("winsec %s\n", WINSEC_VERSION);
		stdout_check();
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(subcommands); i++)
		if (!strcmp(argv[1], subcommands[i].name)) {
			int status = subcommands[i].fn(argc - 1, argv + 1);

			stdout_check();
			return status;
		}
	die("unknown command \"%s\" (try winsec --help)", argv[1]);
}
