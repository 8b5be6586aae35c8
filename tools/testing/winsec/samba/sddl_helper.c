// SPDX-License-Identifier: GPL-2.0-only
/*
 * sddl_helper - line-oriented driver of the SDDL library for the
 * differential test against Samba (run_samba_sddl.py).
 *
 * Usage: sddl_helper DOMAIN-SID
 *
 * Reads requests from stdin, one per line, and writes exactly one answer
 * line per request, fields separated by tabs:
 *
 *   R<TAB>sddl  round trip of an SDDL string:
 *               ok  hex1 sddl1 hex2 sddl2 note
 *                   hex1  = encode(sddl), sddl1 = decode(hex1),
 *                   hex2  = encode(sddl1), sddl2 = decode(hex2),
 *                   note  = "-" or what went wrong inside the library
 *                           (its own output refused by the validator,
 *                           serializer disagreeing with the encoder, a
 *                           stage refusing what the previous one wrote)
 *               err column message        (the SDDL was refused)
 *
 *   B<TAB>hex   a binary descriptor in any layout:
 *               ok  sddl hex2 note        (hex2 = encode(sddl))
 *               err 0 message
 *
 * One process serves thousands of requests, so the test does not spawn a
 * program per descriptor.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sddl.h"

static const struct winsec_sid *domain;

static void put_hex(const u8 *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		printf("%02x", buf[i]);
}

static int unhex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Check @buf with the core validator and its serializer. */
static const char *self_check(const u8 *buf, size_t len)
{
	static u8 out[WINSEC_SD_MAX_SIZE];
	struct winsec_sd sd, sd2;
	const char *reason = NULL;
	u32 n;

	if (winsec_sd_parse(buf, len, &sd, &reason))
		return "encoder output refused by the validator";
	if (winsec_sd_serialize(&sd, out, sizeof(out), &n))
		return "serializer failed on encoder output";
	if (n != len || memcmp(out, buf, len))
		return "serializer layout differs from encoder output";
	if (winsec_sd_parse(out, n, &sd2, &reason) || !winsec_sd_equal(&sd, &sd2))
		return "serialized copy not equal";
	return NULL;
}

static void do_roundtrip(const char *text)
{
	struct winsec_sddl_error err = { 0 };
	u8 *b1 = NULL, *b2 = NULL;
	char *s1 = NULL, *s2 = NULL;
	size_t l1 = 0, l2 = 0;
	const char *note;

	if (winsec_sddl_to_sd(text, domain, &b1, &l1, &err)) {
		printf("err\t%u\t%s\n", err.column, err.message);
		return;
	}
	note = self_check(b1, l1);
	if (!note && winsec_sd_to_sddl(b1, l1, domain, &s1, &err))
		note = "decode of own output failed";
	if (!note && winsec_sddl_to_sd(s1, domain, &b2, &l2, &err))
		note = "canonical output refused by the parser";
	if (!note && winsec_sd_to_sddl(b2, l2, domain, &s2, &err))
		note = "second decode failed";
	printf("ok\t");
	put_hex(b1, l1);
	printf("\t%s\t", s1 ? s1 : "");
	if (b2)
		put_hex(b2, l2);
	printf("\t%s\t", s2 ? s2 : "");
	if (note)
		printf("%s (%s)\n", note, err.message);
	else
		printf("-\n");
	free(b1);
	free(b2);
	free(s1);
	free(s2);
}

static void do_binary(const char *hex)
{
	struct winsec_sddl_error err = { 0 };
	size_t n = strlen(hex), len = 0, i;
	u8 *buf, *b2 = NULL;
	char *s = NULL;
	size_t l2 = 0;

	if (n % 2) {
		printf("err\t0\todd hex length\n");
		return;
	}
	buf = malloc(n / 2 + 1);
	if (!buf) {
		printf("err\t0\tout of memory\n");
		return;
	}
	for (i = 0; i < n; i += 2) {
		int hi = unhex(hex[i]), lo = unhex(hex[i + 1]);

		if (hi < 0 || lo < 0) {
			printf("err\t0\tbad hex digit\n");
			free(buf);
			return;
		}
		buf[len++] = hi << 4 | lo;
	}
	if (winsec_sd_to_sddl(buf, len, domain, &s, &err)) {
		printf("err\t0\t%s\n", err.message);
		free(buf);
		return;
	}
	if (winsec_sddl_to_sd(s, domain, &b2, &l2, &err)) {
		printf("ok\t%s\t\tdecoded text refused by the parser (%s)\n",
		       s, err.message);
	} else {
		printf("ok\t%s\t", s);
		put_hex(b2, l2);
		printf("\t-\n");
	}
	free(buf);
	free(b2);
	free(s);
}

int main(int argc, char **argv)
{
	static struct winsec_sid_buf dom;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (argc != 2 || winsec_sid_from_string(argv[1], NULL, &dom)) {
		fprintf(stderr, "usage: sddl_helper DOMAIN-SID\n");
		return 2;
	}
	domain = winsec_sid_of(&dom);
	while ((n = getline(&line, &cap, stdin)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if (n >= 2 && line[1] == '\t' && line[0] == 'R')
			do_roundtrip(line + 2);
		else if (n >= 2 && line[1] == '\t' && line[0] == 'B')
			do_binary(line + 2);
		else
			printf("err\t0\tbad request\n");
	}
	free(line);
	return 0;
}
