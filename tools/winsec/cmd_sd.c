// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - descriptor commands: encode, decode, get
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>

#include "sddl.h"
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

/* Match "--name VALUE" or "--name=VALUE"; advances *@i past VALUE. */
static bool opt_value(int argc, char **argv, int *i, const char *name,
		      const char **value)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n))
		return false;
	if (argv[*i][n] == '=') {
		*value = argv[*i] + n + 1;
		return true;
	}
	if (argv[*i][n])
		return false;
	if (*i + 1 >= argc)
		die("%s needs a value", name);
	*value = argv[++*i];
	return true;
}

static void bad_option(const char *cmd, const char *arg)
{
	die("%s: unknown option \"%s\" (try winsec %s --help)", cmd, arg, cmd);
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
	const char *dom = NULL, *sddl = NULL;
	bool hex = false, opts = true;
	size_t len;
	u8 *sd;
	int i;

	for (i = 1; i < argc; i++) {
		if (opts && is_help(argv[i])) {
			printf("usage: winsec encode [--hex] [--domain-sid SID] SDDL\n"
			       "Convert SDDL to a binary self-relative security descriptor on\n"
			       "standard output (--hex: as one line of hex).\n");
			return 0;
		}
		if (opts && !strcmp(argv[i], "--")) {
			opts = false;
		} else if (opts && !strcmp(argv[i], "--hex")) {
			hex = true;
		} else if (opts && opt_value(argc, argv, &i, "--domain-sid", &dom)) {
			continue;
		} else if (opts && argv[i][0] == '-' && argv[i][1]) {
			bad_option("encode", argv[i]);
		} else {
			if (sddl)
				die("encode: one SDDL string expected (quote it)");
			sddl = argv[i];
		}
	}
	if (!sddl)
		die("encode: missing SDDL (try winsec encode --help)");
	sd = sddl_or_die(sddl, dom, &len);
	if (hex)
		hex_print(sd, len);
	else if (fwrite(sd, 1, len, stdout) != len)
		die("write error");
	free(sd);
	return 0;
}

int cmd_decode(int argc, char **argv)
{
	struct winsec_sid_buf dbuf;
	struct winsec_sddl_error err;
	const char *dom = NULL, *hex = NULL, *file = NULL;
	bool opts = true;
	size_t len;
	char *sddl;
	u8 *buf;
	int i;

	for (i = 1; i < argc; i++) {
		if (opts && is_help(argv[i])) {
			printf("usage: winsec decode [--domain-sid SID] (--hex HEX | FILE | -)\n"
			       "Print the canonical SDDL of a binary security descriptor read\n"
			       "from FILE, standard input (-), or given in hex (--hex -: hex\n"
			       "text read from standard input).\n");
			return 0;
		}
		if (opts && !strcmp(argv[i], "--")) {
			opts = false;
		} else if (opts && opt_value(argc, argv, &i, "--hex", &hex)) {
			continue;
		} else if (opts && opt_value(argc, argv, &i, "--domain-sid", &dom)) {
			continue;
		} else if (opts && argv[i][0] == '-' && argv[i][1]) {
			bad_option("decode", argv[i]);
		} else {
			if (file)
				die("decode: one input expected");
			file = argv[i];
		}
	}
	if (!!hex == !!file)
		die("decode: give one of --hex HEX, FILE or - (try winsec decode --help)");
	if (hex && !strcmp(hex, "-")) {
		u8 *text = read_file_or_die("-", 4 * WINSEC_SD_MAX_SIZE, &len);

		buf = hex_decode_or_die((const char *)text, &len);
		free(text);
	} else if (hex) {
		buf = hex_decode_or_die(hex, &len);
	} else {
		buf = read_file_or_die(file, WINSEC_SD_MAX_SIZE, &len);
	}
	if (winsec_sd_to_sddl(buf, len, domain_arg(dom, &dbuf), &sddl, &err))
		die("%s", err.message);
	printf("%s\n", sddl);
	free(sddl);
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

int cmd_get(int argc, char **argv)
{
	struct winsec_sid_buf dbuf;
	const struct winsec_sid *domain;
	const char *dom = NULL;
	bool raw = false, json = false, opts = true;
	int i, status = 0, npaths = 0, first = 1;
	char **paths = xmalloc(sizeof(char *) * argc);

	for (i = 1; i < argc; i++) {
		if (opts && is_help(argv[i])) {
			printf("usage: winsec get [--raw] [--json] [--domain-sid SID] PATH...\n"
			       "Print the security.winsec descriptor of each PATH as SDDL\n"
			       "(--raw: the stored bytes in hex, not decoded), or say it has\n"
			       "none. With several paths each line starts with \"PATH: \".\n"
			       "--json prints an array of {\"path\", \"sddl\", \"hex\", \"error\"}.\n");
			free(paths);
			return 0;
		}
		if (opts && !strcmp(argv[i], "--"))
			opts = false;
		else if (opts && !strcmp(argv[i], "--raw"))
			raw = true;
		else if (opts && !strcmp(argv[i], "--json"))
			json = true;
		else if (opts && opt_value(argc, argv, &i, "--domain-sid", &dom))
			continue;
		else if (opts && argv[i][0] == '-' && argv[i][1])
			bad_option("get", argv[i]);
		else
			paths[npaths++] = argv[i];
	}
	if (!npaths)
		die("get: missing PATH (try winsec get --help)");
	domain = domain_arg(dom, &dbuf);
	if (json)
		printf("[");
	for (i = 0; i < npaths; i++) {
		struct winsec_sddl_error err;
		const char *p = paths[i];
		char *sddl = NULL;
		const char *problem = NULL;
		u8 *buf;
		ssize_t n = sd_read(p, true, &buf);

		if (n < 0)
			problem = xattr_error(-n);
		else if (n > 0 && winsec_sd_to_sddl(buf, n, domain, &sddl, &err))
			problem = err.message;
		if (json) {
			printf("%s\n  {\"path\": ", first ? "" : ",");
			first = 0;
			json_string(p);
			printf(", \"sddl\": ");
			if (sddl)
				json_string(sddl);
			else
				printf("null");
			if (raw || (n > 0 && problem)) {
				printf(", \"hex\": ");
				if (n > 0)
					json_hex(buf, n);
				else
					printf("null");
			}
			printf(", \"error\": ");
			if (problem)
				json_string(problem);
			else
				printf("null");
			printf("}");
		} else if (n < 0 || (problem && !raw)) {
			warnmsg("%s: %s", p, problem);
		} else {
			if (npaths > 1)
				printf("%s: ", p);
			if (!n)
				printf("no descriptor\n");
			else if (raw)
				hex_print(buf, n);
			else
				printf("%s\n", sddl);
		}
		if (problem && !(raw && n > 0 && !json))
			status = WINSEC_EXIT_USAGE;
		free(sddl);
		free(buf);
	}
	if (json)
		printf("\n]\n");
	free(paths);
	return status;
}
