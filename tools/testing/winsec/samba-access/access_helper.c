// SPDX-License-Identifier: GPL-2.0-only
/*
 * access_helper - line-oriented driver of winsec_access_check() for the
 * differential test against Samba (run_samba_access.py).
 *
 * Reads one request per line, fields separated by spaces:
 *
 *   MODE DESIRED PRIVILEGES SIDS SD
 *
 *   MODE        "u": build the token the way the kernel does (a user
 *               S-1-22-1-<uid> becomes the uid, S-1-22-2-<gid> groups the
 *               gid and the sorted supplementary groups, Everyone,
 *               Authenticated Users and Users the token flags, the rest
 *               further SIDs); "s": every SID in the token's SID list
 *   DESIRED     the request, hex
 *   PRIVILEGES  WINSEC_PRIV_* bits, hex
 *   SIDS        the token's SIDs, comma-separated, the user first
 *   SD          the self-relative descriptor, hex
 *
 * and writes one line per request: "RESULT GRANTED REASON" (RESULT 0 or
 * the negative errno, GRANTED hex, REASON the WINSEC_REASON_* number), or
 * "bad MESSAGE" for a request it cannot read. The file mapping is used;
 * the token is Medium with the default policy and descriptors carry no
 * label, so integrity plays no part (Samba has none).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "sddl.h"

#define MAX_SIDS 64

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

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

static const char *answer(char *line)
{
	static struct winsec_sid_buf sidbuf[MAX_SIDS];
	static const struct winsec_sid *sidptr[MAX_SIDS];
	static u32 groups[MAX_SIDS];
	static u8 sdbuf[WINSEC_SD_MAX_SIZE];
	struct winsec_token tok = { 0 };
	struct winsec_decision dec;
	struct winsec_sd sd;
	char *mode, *desired, *privs, *sids, *hex, *save, *s;
	size_t len, i;
	bool have_gid = false;
	int err;

	mode = strtok_r(line, " \n", &save);
	desired = strtok_r(NULL, " \n", &save);
	privs = strtok_r(NULL, " \n", &save);
	sids = strtok_r(NULL, " \n", &save);
	hex = strtok_r(NULL, " \n", &save);
	if (!hex)
		return "too few fields";
	len = strlen(hex);
	if (len % 2 || len / 2 > sizeof(sdbuf))
		return "bad descriptor length";
	for (i = 0; i < len / 2; i++) {
		int hi = unhex(hex[2 * i]), lo = unhex(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return "bad hex";
		sdbuf[i] = hi << 4 | lo;
	}
	if (winsec_sd_parse(sdbuf, len / 2, &sd, NULL))
		return "descriptor refused by the validator";

	tok.level = WINSEC_LEVEL_MEDIUM;
	tok.policy = WINSEC_POLICY_NO_WRITE_UP | WINSEC_POLICY_NEW_PROCESS_MIN;
	tok.privileges = strtoul(privs, NULL, 16);
	tok.sids = sidptr;
	tok.groups = groups;
	if (!strcmp(mode, "u"))
		tok.flags = WINSEC_TOKEN_UNIX;
	for (s = strtok_r(sids, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
		struct winsec_sid_buf b;
		const struct winsec_sid *sid = winsec_sid_of(&b);

		if (winsec_sid_from_string(s, NULL, &b))
			return "bad SID";
		if (tok.flags & WINSEC_TOKEN_UNIX) {
			if (winsec_sid_match1(sid, WINSEC_AUTH_WORLD, 0)) {
				tok.flags |= WINSEC_TOKEN_EVERYONE;
				continue;
			}
			if (winsec_sid_match1(sid, WINSEC_AUTH_NT, 11)) {
				tok.flags |= WINSEC_TOKEN_AUTHENTICATED;
				continue;
			}
			if (winsec_sid_match2(sid, WINSEC_AUTH_NT, 32, 545)) {
				tok.flags |= WINSEC_TOKEN_USERS;
				continue;
			}
			if (sid->num_subauth == 2 &&
			    winsec_sid_authority(sid) == WINSEC_AUTH_UNIX) {
				u32 kind = winsec_sid_subauth(sid, 0);
				u32 id = winsec_sid_subauth(sid, 1);

				if (kind == WINSEC_UNIX_USER_RID) {
					tok.uid = id;
					continue;
				}
				if (kind == WINSEC_UNIX_GROUP_RID) {
					if (!have_gid) {
						tok.gid = id;
						have_gid = true;
					} else {
						groups[tok.ngroups++] = id;
					}
					continue;
				}
			}
		}
		if (tok.nsids >= MAX_SIDS)
			return "too many SIDs";
		sidbuf[tok.nsids] = b;
		sidptr[tok.nsids] = winsec_sid_of(&sidbuf[tok.nsids]);
		tok.nsids++;
	}
	if ((tok.flags & WINSEC_TOKEN_UNIX) && !have_gid)
		tok.gid = 0xfffffffe;
	qsort(groups, tok.ngroups, sizeof(groups[0]), cmp_u32);

	err = winsec_access_check(&sd, &tok, &winsec_file_mapping,
				  strtoul(desired, NULL, 16), &dec);
	printf("%d %x %d\n", err, dec.granted, dec.reason);
	return NULL;
}

int main(void)
{
	char *line = NULL;
	size_t cap = 0;

	while (getline(&line, &cap, stdin) > 0) {
		const char *err = answer(line);

		if (err)
			printf("bad %s\n", err);
	}
	free(line);
	return 0;
}
