// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - descriptor commands: encode, decode, get
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <getopt.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sddl.h"
#include "listing.h"
#include "walk.h"

/* Parse --domain-sid's value; NULL when not given. */
static const struct winsec_sid *domain_arg(const char *text,
					   struct winsec_sid_buf *buf)
{
	if (!text)
		return NULL;
	if (winsec_sid_from_string(text, NULL, buf))
		die("--domain-sid: \"%s\" is not a SID (S-1-5-21-...)", text);
	return winsec_sid_of(buf);
}

static u8 *sddl_or_die(const char *sddl, const char *dom, size_t *len)
{
	struct winsec_sid_buf dbuf;
	const struct winsec_sid *domain = domain_arg(dom, &dbuf);
	struct winsec_sddl_error err;
	u8 *sd;
	int ret;

	ret = winsec_sddl_to_sd_resolve(sddl, domain, sddl_resolve_name, (void *)dom,
					&sd, len, &err);
	if (ret == -ENOMEM)
		die("out of memory");
	if (ret) {
		if (err.column)
			die("SDDL column %u: %s", err.column, err.message);
		die("SDDL: %s", err.message);
	}
	return sd;
}

int cmd_encode(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "hex", no_argument, NULL, 'x' },
		{ "domain-sid", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *dom = NULL;
	bool hex = false;
	size_t len;
	u8 *sd;
	int c;

	while ((c = getopt_or_die(argc, argv, "encode", "h", longopts)) != -1) {
		if (c == 'x') {
			hex = true;
		} else if (c == 'D') {
			dom = optarg;
		} else {
			printf("usage: winsec encode [--hex] [--domain-sid SID] SDDL\n"
			       "Convert SDDL to a binary self-relative security descriptor on\n"
			       "standard output (--hex: as one line of hex text).\n");
			return 0;
		}
	}
	if (optind >= argc)
		die("encode: missing SDDL (try winsec encode --help)");
	if (argc - optind > 1)
		die("encode: one SDDL string expected (quote it)");
	sd = sddl_or_die(argv[optind], dom, &len);
	if (hex)
		hex_print(sd, len);
	else
		fwrite(sd, 1, len, stdout);
	free(sd);
	return 0;
}

int cmd_decode(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "hex", optional_argument, NULL, 'x' },
		{ "domain-sid", required_argument, NULL, 'D' },
		{ "json", no_argument, NULL, 'j' },
		{ "from", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct winsec_sid_buf dbuf;
	struct winsec_sddl_error err;
	const char *dom = NULL, *hexarg = NULL, *file = NULL, *from = NULL;
	const char *reason = NULL;
	bool hex = false, json = false;
	struct winsec_sd view;
	size_t len;
	char *sddl;
	u8 *buf, *sd;
	int c;

	while ((c = getopt_or_die(argc, argv, "decode", "hj", longopts)) != -1) {
		if (c == 'x') {
			hex = true;
			hexarg = optarg;
		} else if (c == 'D') {
			dom = optarg;
		} else if (c == 'j') {
			json = true;
		} else if (c == 'F') {
			from = optarg;
		} else {
			printf("usage: winsec decode [--hex] [--json] [--from samba|cifs|ntfs3]\n"
			       "                    [--domain-sid SID] (FILE | - | HEX)\n"
			       "Print the canonical SDDL of a binary security descriptor read from\n"
			       "FILE or standard input (-). --hex: the input is hex text, given as\n"
			       "the argument itself (or --hex=HEX), or read from FILE or - .\n"
			       "--from samba reads Samba's security.NTACL blob (xattr_NTACL,\n"
			       "versions 1 to 4); cifs and ntfs3 blobs are plain descriptors.\n"
			       "--json prints {\"sddl\", \"descriptor\"} with the ACEs spelled out.\n");
			return 0;
		}
	}
	if (argc - optind > 1 || (hexarg && optind < argc))
		die("decode: give one of FILE, - or --hex HEX (try winsec decode --help)");
	if (optind < argc)
		file = argv[optind];
	if (!hexarg && !file)
		die("decode: give one of FILE, - or --hex HEX (try winsec decode --help)");
	if (hexarg) {
		buf = hex_decode_or_die(hexarg, &len);
	} else if (hex && strcmp(file, "-") && access(file, F_OK)) {
		buf = hex_decode_or_die(file, &len);	/* the hex text itself */
	} else if (hex) {
		u8 *text = read_file_or_die(file, 4 * WINSEC_SD_MAX_SIZE, &len);

		buf = hex_decode_or_die((const char *)text, &len);
		free(text);
	} else {
		buf = read_file_or_die(file, 4 * WINSEC_SD_MAX_SIZE, &len);
	}
	sd = buf;
	if (from) {
		size_t sdlen;

		if (import_blob_to_sd(from, buf, len, &sd, &sdlen, &reason))
			die("decode: %s", reason);
		len = sdlen;
	}
	if (winsec_sd_to_sddl(sd, len, domain_arg(dom, &dbuf), &sddl, &err))
		die("%s", err.message);
	if (json) {
		winsec_sd_parse(sd, len, &view, NULL);
		printf("{\"sddl\": ");
		json_string(sddl);
		printf(", \"descriptor\": ");
		json_sd(&view, OBJ_FILE);
		printf("}\n");
	} else {
		printf("%s\n", sddl);
	}
	free(sddl);
	if (sd != buf)
		free(sd);
	free(buf);
	return 0;
}

static void json_hex(const u8 *buf, size_t len)
{
	size_t i;

	putchar('"');
	for (i = 0; i < len; i++)
		printf("%02x", buf[i]);
	putchar('"');
}

struct get_ctx {
	const struct winsec_sid *domain;
	bool raw, json, longform, numeric, names;
	bool first;
};

static int get_one(const char *p, const struct stat *st, void *arg)
{
	struct get_ctx *g = arg;
	enum obj_type type = st && S_ISDIR(st->st_mode) ? OBJ_DIR : OBJ_FILE;
	struct winsec_sddl_error err;
	const char *problem = NULL;
	struct winsec_sd view;
	char *sddl = NULL, *name;
	u8 *buf = NULL;
	ssize_t n = st ? sd_read(p, true, &buf) : -errno;
	int status = 0;

	if (n < 0)
		problem = xattr_error(-n);
	else if (n > 0 && winsec_sd_to_sddl(buf, n, g->domain, &sddl, &err))
		problem = err.message;
	if (n > 0 && !problem)
		winsec_sd_parse(buf, n, &view, NULL);
	if (g->json) {
		printf("%s\n  {", g->first ? "" : ",");
		g->first = false;
		json_path("path", p);
		printf(", \"type\": \"%s\", \"sddl\": ", type == OBJ_DIR ? "dir" : "file");
		if (sddl)
			json_string(sddl);
		else
			printf("null");
		if (g->raw || (n > 0 && problem)) {
			printf(", \"hex\": ");
			if (n > 0)
				json_hex(buf, n);
			else
				printf("null");
		}
		printf(", \"descriptor\": ");
		if (sddl)
			json_sd(&view, type);
		else
			printf("null");
		printf(", \"error\": ");
		if (problem)
			json_string(problem);
		else
			printf("null");
		printf("}");
	} else if (n < 0 || (problem && !g->raw)) {
		path_error(p, "%s", problem);
	} else {
		name = escape_name(p, false);
		if (g->longform) {
			if (g->names)
				printf("%s\n", name);
			if (!n)
				printf("  no descriptor (the Unix permissions decide; implicit Medium label)\n");
			else if (g->raw)
				hex_print(buf, n);
			else
				sd_print_long(&view, type, g->numeric);
		} else {
			if (g->names)
				printf("%s: ", name);
			if (!n)
				printf("no descriptor\n");
			else if (g->raw)
				hex_print(buf, n);
			else
				printf("%s\n", sddl);
		}
		free(name);
	}
	if (problem && !(g->raw && n > 0 && !g->json))
		status = WINSEC_EXIT_USAGE;
	free(sddl);
	free(buf);
	return status;
}

int cmd_get(int argc, char **argv)
{
	static const struct option longopts[] = {
		WALK_LONGOPTS,
		{ "raw", no_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "long", no_argument, NULL, 'l' },
		{ "numeric", no_argument, NULL, 'n' },
		{ "no-filename", no_argument, NULL, 'H' },
		{ "domain-sid", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct winsec_sid_buf dbuf;
	struct walk_opts w = { 0 };
	struct get_ctx g = { .first = true };
	const char *dom = NULL;
	bool no_names = false;
	int c, status;

	while ((c = getopt_or_die(argc, argv, "get", "hrjlnH" WALK_SHORTOPTS, longopts)) != -1) {
		if (walk_option(c, &w))
			continue;
		switch (c) {
		case 'r':
			g.raw = true;
			break;
		case 'j':
			g.json = true;
			break;
		case 'l':
			g.longform = true;
			break;
		case 'n':
			g.numeric = true;
			break;
		case 'H':
			no_names = true;
			break;
		case 'D':
			dom = optarg;
			break;
		default:
			printf("usage: winsec get [-RLx] [-l [-n]] [--raw] [--json] [-H]\n"
			       "                 [--domain-sid SID] PATH...\n"
			       "Print the security.winsec descriptor of each PATH as SDDL, or say it\n"
			       "has none. With several paths or -R, each line starts with \"PATH: \".\n"
			       "  -l, --long             one ACE a line with names, as icacls lists them\n"
			       "  -n, --numeric          with -l, SIDs and masks instead of names\n"
			       "  -r, --raw              the stored bytes in hex, not decoded\n"
			       "  -j, --json             a JSON array of {\"path\", \"type\", \"sddl\",\n"
			       "                         \"descriptor\", \"error\"}\n"
			       "  -H, --no-filename      never print the path\n"
			       "      --domain-sid SID   print domain SIDs as aliases (DA, DU...)\n"
			       "  -R, --recursive        every object below each directory PATH\n"
			       "  -L, --follow-symlinks  follow symbolic links below PATH\n"
			       "  -x, --one-file-system  do not go into other file systems\n"
			       "Control characters in names are escaped (\\n, \\x01).\n");
			return 0;
		}
	}
	if (optind >= argc)
		die("get: missing PATH (try winsec get --help)");
	g.domain = domain_arg(dom, &dbuf);
	g.names = !no_names && (argc - optind > 1 || w.recursive || g.longform);
	w.pass_errors = g.json;
	if (g.json)
		printf("[");
	status = walk_paths(&w, argv + optind, argc - optind, get_one, &g);
	if (g.json)
		printf("%s]\n", g.first ? "" : "\n");
	return status;
}
