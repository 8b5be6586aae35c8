// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - helpers shared by the subcommands: errors, memory, files, hex,
 * SIDs from the command line, JSON strings
 */

#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sddl.h"
#include "winsec.h"

void die(const char *fmt, ...)
{
	va_list ap;

	fputs("winsec: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(WINSEC_EXIT_USAGE);
}

void warnmsg(const char *fmt, ...)
{
	va_list ap;

	fputs("winsec: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		die("out of memory");
	return p;
}

bool is_help(const char *arg)
{
	return !strcmp(arg, "-h") || !strcmp(arg, "--help");
}

uint8_t *read_file_or_die(const char *path, size_t max, size_t *len)
{
	bool is_stdin = !strcmp(path, "-");
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	size_t cap = 4096, n = 0, got;
	uint8_t *buf;

	if (!f)
		die("%s: %s", path, strerror(errno));
	buf = xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n > max)
			die("%s: larger than %zu bytes", is_stdin ? "standard input" : path,
			    max);
		if (!got)
			break;
	}
	if (ferror(f))
		die("%s: read error", is_stdin ? "standard input" : path);
	if (!is_stdin)
		fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

ssize_t read_fd_close(int fd, size_t max, uint8_t **out)
{
	uint8_t *buf = xmalloc(max + 1);
	ssize_t n = 0;
	size_t len = 0;

	while (len < max && (n = read(fd, buf + len, max - len)) > 0)
		len += n;
	if (n < 0) {
		n = -errno;
		free(buf);
		close(fd);
		return n;
	}
	close(fd);
	buf[len] = '\0';
	*out = buf;
	return len;
}

uint8_t *hex_decode_or_die(const char *text, size_t *len)
{
	size_t n = 0, i = 0;
	uint8_t *buf = xmalloc(strlen(text) / 2 + 1);
	int hi = -1;

	while (isspace((unsigned char)text[i]))
		i++;
	if (text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X'))
		i += 2;
	for (; text[i]; i++) {
		int c = (unsigned char)text[i], d;

		if (isspace(c))
			continue;
		if (!isxdigit(c))
			die("invalid hex digit '%c' at offset %zu", c, i);
		d = isdigit(c) ? c - '0' : tolower(c) - 'a' + 10;
		if (hi < 0) {
			hi = d;
		} else {
			buf[n++] = hi << 4 | d;
			hi = -1;
		}
	}
	if (hi >= 0)
		die("hex input has an odd number of digits");
	*len = n;
	return buf;
}

void hex_print(const uint8_t *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		printf("%02x", buf[i]);
	putchar('\n');
}

/*
 * Look a user up in /etc/passwd. The tool is linked statically, and a static
 * glibc's getpwnam() loads the system's NSS modules with dlopen(), which can
 * crash (libnss_systemd does): read the files directly instead.
 */
static bool lookup_user(const char *name, uint32_t *uid)
{
	struct passwd *pw;
	FILE *f;

	f = fopen("/etc/passwd", "r");
	if (!f)
		return false;
	while ((pw = fgetpwent(f)))
		if (!strcmp(pw->pw_name, name)) {
			*uid = pw->pw_uid;
			fclose(f);
			return true;
		}
	fclose(f);
	return false;
}

/* Look a group up in /etc/group (see lookup_user()). */
static bool lookup_group(const char *name, uint32_t *gid)
{
	struct group *gr;
	FILE *f;

	f = fopen("/etc/group", "r");
	if (!f)
		return false;
	while ((gr = fgetgrent(f)))
		if (!strcmp(gr->gr_name, name)) {
			*gid = gr->gr_gid;
			fclose(f);
			return true;
		}
	fclose(f);
	return false;
}

static bool parse_id(const char *s, uint32_t *id)
{
	char *end;
	unsigned long v;

	if (!isdigit((unsigned char)s[0]))
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > 0xffffffffUL)
		return false;
	*id = v;
	return true;
}

int sid_from_arg(const char *arg, const char *domain, void *out)
{
	struct winsec_sid_buf dom, sid;
	const struct winsec_sid *d = NULL;
	uint32_t id;

	if (domain) {
		if (winsec_sid_from_string(domain, NULL, &dom))
			return -1;
		d = winsec_sid_of(&dom);
	}
	if (!winsec_sid_from_string(arg, d, &sid))
		goto found;
	if (!strncmp(arg, "user:", 5)) {
		if (!lookup_user(arg + 5, &id) && !parse_id(arg + 5, &id))
			return -1;
		winsec_sid_unix_user(&sid, id);
		goto found;
	}
	if (!strncmp(arg, "group:", 6)) {
		if (!lookup_group(arg + 6, &id) && !parse_id(arg + 6, &id))
			return -1;
		winsec_sid_unix_group(&sid, id);
		goto found;
	}
	if (lookup_user(arg, &id)) {
		winsec_sid_unix_user(&sid, id);
		goto found;
	}
	if (lookup_group(arg, &id)) {
		winsec_sid_unix_group(&sid, id);
		goto found;
	}
	return -1;
found:
	memcpy(out, &sid, winsec_sid_size(winsec_sid_of(&sid)));
	return 0;
}

void sid_from_arg_or_die(const char *arg, const char *domain, void *out,
			 const char *what)
{
	if (sid_from_arg(arg, domain, out))
		die("%s \"%s\" is not a SID, an SDDL alias, nor a known user or group",
		    what, arg);
}

void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/*
 * Resolver for winsec_sddl_to_sd_resolve(): names in SDDL are users and
 * groups of the system's databases; @ctx is the domain SID string or NULL.
 */
int sddl_resolve_name(const char *name, size_t len,
		      struct winsec_sid_buf *sid, void *ctx)
{
	char *s = strndup(name, len);
	int ret;

	if (!s)
		die("out of memory");
	ret = sid_from_arg(s, ctx, sid);
	free(s);
	return ret;
}
