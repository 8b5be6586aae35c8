// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - helpers shared by the subcommands: errors, memory, files, hex,
 * SIDs from the command line, JSON strings
 */

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
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

int sid_from_arg(const char *arg, const char *domain, void *out)
{
	struct winsec_sid_buf sid;

	if (principal_parse(arg, domain, PRINCIPAL_ANY, &sid))
		return -1;
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

/* Length of the UTF-8 sequence at @s, or 0 when it is not valid. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	u32 cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

bool utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t n = utf8_len(p);

		if (!n)
			return false;
		p += n;
	}
	return true;
}

void json_string(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	putchar('"');
	while (*p) {
		unsigned char c = *p;
		size_t n;

		if (c == '"' || c == '\\') {
			printf("\\%c", c);
			p++;
		} else if (c == '\n') {
			fputs("\\n", stdout);
			p++;
		} else if (c == '\t') {
			fputs("\\t", stdout);
			p++;
		} else if (c < 0x20 || c == 0x7f) {
			printf("\\u%04x", c);
			p++;
		} else if ((n = utf8_len(p))) {
			fwrite(p, 1, n, stdout);
			p += n;
		} else {
			fputs("\\ufffd", stdout);
			p++;
		}
	}
	putchar('"');
}

char *escape_name(const char *s, bool space)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = xmalloc(4 * strlen(s) + 1), *o = out;

	while (*p) {
		unsigned char c = *p;
		size_t n;

		if (c == '\\') {
			*o++ = '\\';
			*o++ = '\\';
			p++;
		} else if (c == '\n' || c == '\t' || c == '\r') {
			*o++ = '\\';
			*o++ = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
			p++;
		} else if (c < 0x20 || c == 0x7f || (c == ' ' && space)) {
			o += sprintf(o, "\\x%02x", c);
			p++;
		} else if ((n = utf8_len(p))) {
			memcpy(o, p, n);
			o += n;
			p += n;
		} else {
			o += sprintf(o, "\\x%02x", c);
			p++;
		}
	}
	*o = '\0';
	return out;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

char *unescape_name(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;

	while (*s) {
		if (*s != '\\') {
			*o++ = *s++;
			continue;
		}
		s++;
		switch (*s) {
		case '\\':
			*o++ = '\\';
			s++;
			break;
		case 'n':
			*o++ = '\n';
			s++;
			break;
		case 't':
			*o++ = '\t';
			s++;
			break;
		case 'r':
			*o++ = '\r';
			s++;
			break;
		case 'x': {
			int hi = hexval(s[1]), lo = hi < 0 ? -1 : hexval(s[2]);

			if (lo < 0 || (hi == 0 && lo == 0))
				goto bad;
			*o++ = hi << 4 | lo;
			s += 3;
			break;
		}
		default:
			goto bad;
		}
	}
	*o = '\0';
	return out;
bad:
	free(out);
	return NULL;
}

void stdout_check(void)
{
	if (fflush(stdout) || ferror(stdout)) {
		int err = errno;

		fprintf(stderr, "winsec: write error on standard output: %s\n",
			strerror(err ? err : EIO));
		exit(WINSEC_EXIT_USAGE);
	}
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

int getopt_or_die(int argc, char **argv, const char *cmd,
		  const char *shortopts, const struct option *longopts)
{
	char spec[64];
	int c, prev = optind;

	snprintf(spec, sizeof(spec), "%s%s", shortopts[0] == '+' ? "+:" : ":",
		 shortopts + (shortopts[0] == '+'));
	opterr = 0;
	c = getopt_long(argc, argv, spec, longopts, NULL);
	if (c == '?') {
		if (optopt && optopt < 256)
			die("%s: unknown option \"-%c\" (try winsec %s --help)",
			    cmd, optopt, cmd);
		die("%s: unknown option \"%s\" (try winsec %s --help)", cmd,
		    argv[optind - 1 > prev ? optind - 1 : prev], cmd);
	}
	if (c == ':') {
		const char *opt = argv[optind - 1];
		size_t i;

		if (optopt && optopt < 256 && opt[0] == '-' && opt[1] != '-')
			die("%s: -%c needs a value", cmd, optopt);
		for (i = 0; longopts && longopts[i].name; i++)
			if (longopts[i].val == optopt)
				die("%s: --%s needs a value", cmd, longopts[i].name);
		die("%s: %s needs a value", cmd, opt);
	}
	return c;
}
