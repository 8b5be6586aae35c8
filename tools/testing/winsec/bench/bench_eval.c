// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench_eval - nanoseconds per winsec_access_check()
 *
 * For DACLs of 4, 16 and 64 ACEs and tokens of 4 and 32 supplementary
 * groups (built as the kernel builds them: uid, gid, sorted groups, flags),
 * measures a request granted by the first ACE, one granted only by the
 * last ACE (every ACE before it names a Unix group the token does not
 * hold, within the range of its groups, so each costs a full binary
 * search), and MAXIMUM_ALLOWED (which walks
 * every ACE). The baseline, measured in the same run, is a check against
 * an empty DACL (label, privileges and owner steps only).
 *
 * A second table compares one-ACE descriptors that grant the request: a
 * plain allow ACE, and callback allow ACEs whose condition is a Member_of
 * test, a @Resource. comparison (the attribute read from a resource
 * attribute ACE of the SACL), or both joined by &&; the token holds
 * BUILTIN\Administrators.
 *
 * Time is the thread's CPU time (CLOCK_THREAD_CPUTIME_ID), best of seven
 * rounds, so that other load on the machine inflates it less.
 *
 * Output: a reST table. Run with "make bench-eval".
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "access.h"
#include "sd.h"
#include "sddl.h"

static volatile u32 sink;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Best of several rounds of @iters checks, in ns per check. */
static double measure(const struct winsec_sd *sd, const struct winsec_token *tok,
		      u32 desired, int expect)
{
	struct winsec_decision dec;
	double best = 1e30;
	long iters = getenv("BENCH_ITERS") ? atol(getenv("BENCH_ITERS")) : 200000;
	int round;

	if (winsec_access_check(sd, tok, &winsec_file_mapping, desired, &dec) != expect) {
		fprintf(stderr, "bench_eval: unexpected decision\n");
		exit(1);
	}
	for (round = 0; round < 7; round++) {
		double t0 = now_ns(), t;
		long i;

		for (i = 0; i < iters; i++) {
			winsec_access_check(sd, tok, &winsec_file_mapping, desired, &dec);
			sink += dec.granted;
		}
		t = (now_ns() - t0) / iters;
		if (t < best)
			best = t;
	}
	return best;
}

/* A DACL of @n ACEs; only the first or the last names a group of the token. */
static void build(u8 *buf, u32 n, bool last, struct winsec_sd *sd)
{
	static u8 acl[WINSEC_ACL_MAX_SIZE];
	struct winsec_acl_builder b;
	struct winsec_sid_buf sid, owner;
	const struct winsec_acl *out;
	struct winsec_sd view = { 0 };
	u32 len, i;

	winsec_acl_build_init(&b, acl, sizeof(acl));
	for (i = 0; i < n; i++) {
		bool hit = last ? i == n - 1 : i == 0;

		/*
		 * Misses: even groups spread over the range of the token's
		 * odd ones (the token never holds them).
		 */
		winsec_sid_unix_group(&sid, hit ? 1007 : 1000 + 2 * ((i * 37) % 64));
		winsec_acl_build_add(&b, WINSEC_ACE_ACCESS_ALLOWED, 0,
				     WINSEC_FILE_GENERIC_READ | WINSEC_FILE_WRITE_DATA,
				     winsec_sid_of(&sid));
	}
	if (winsec_acl_build_finish(&b, false, &out)) {
		fprintf(stderr, "bench_eval: ACL refused\n");
		exit(1);
	}
	winsec_sid_unix_user(&owner, 4242);
	view.owner = winsec_sid_of(&owner);
	view.group = winsec_sid_of(&owner);
	view.dacl = out;
	view.control = WINSEC_SE_DACL_PRESENT;
	if (winsec_sd_serialize(&view, buf, WINSEC_SD_MAX_SIZE, &len) ||
	    winsec_sd_parse(buf, len, sd, NULL)) {
		fprintf(stderr, "bench_eval: descriptor refused\n");
		exit(1);
	}
}

/* Claims of the resource attribute ACEs: Dept = "Sales", Level = 5. */
#define RA_DEPT "(RA;;;;;WD;#140000000300000000000000010000001e000000" \
		"44006500700074000000530061006c00650073000000)"
#define RA_LEVEL "(RA;;;;;WD;#14000000010000000000000001000000200000004c00" \
		 "6500760065006c0000000500000000000000)"

static const struct {
	const char *name;
	const char *sddl;
} cond_rows[] = {
	{ "plain allow ACE", "D:(A;;FR;;;WD)" },
	{ "Member_of {SID(BA)}",
	  "D:(XA;;FR;;;WD;(Member_of {SID(BA)}))" },
	{ "@Resource.Dept == \"Sales\"",
	  "D:(XA;;FR;;;WD;(@Resource.Dept == \"Sales\"))S:" RA_DEPT },
	{ "both, with &&",
	  "D:(XA;;FR;;;WD;(Member_of {SID(BA)} && @Resource.Level >= 3))"
	  "S:" RA_DEPT RA_LEVEL },
};

/* One-ACE descriptors, plain and conditional, granting FILE_GENERIC_READ. */
static void conditions_table(const struct winsec_token *base_tok)
{
	struct winsec_token tok = *base_tok;
	struct winsec_sddl_error err;
	double plain = 0;
	u32 i;

	tok.flags |= WINSEC_TOKEN_SYSTEM;
	tok.ngroups = 4;
	printf("\n============================  =========  =====\n");
	printf("one ACE granting FR           time       ratio\n");
	printf("============================  =========  =====\n");
	for (i = 0; i < ARRAY_SIZE(cond_rows); i++) {
		struct winsec_sd sd;
		size_t len;
		double t;
		u8 *bin;

		if (winsec_sddl_to_sd(cond_rows[i].sddl, NULL, &bin, &len, &err) ||
		    winsec_sd_parse(bin, len, &sd, NULL)) {
			fprintf(stderr, "bench_eval: %s refused\n", cond_rows[i].name);
			exit(1);
		}
		t = measure(&sd, &tok, WINSEC_FILE_GENERIC_READ, 0);
		if (!i)
			plain = t;
		printf("%-28s  %6.1f ns  %5.1f\n", cond_rows[i].name, t, t / plain);
		free(bin);
	}
	printf("============================  =========  =====\n");
	printf("ratio = time / plain allow ACE\n");
}

int main(void)
{
	static const u32 aces[] = { 4, 16, 64 };
	static const u32 ngroups[] = { 4, 32 };
	static u8 sdbuf[3][WINSEC_SD_MAX_SIZE], empty[WINSEC_SD_MAX_SIZE];
	static u32 groups[32];
	struct winsec_token tok = {
		.flags = WINSEC_TOKEN_UNIX | WINSEC_TOKEN_EVERYONE |
			 WINSEC_TOKEN_AUTHENTICATED | WINSEC_TOKEN_USERS,
		.uid = 1000, .gid = 999, .groups = groups,
		.level = WINSEC_LEVEL_MEDIUM,
		.policy = WINSEC_POLICY_NO_WRITE_UP | WINSEC_POLICY_NEW_PROCESS_MIN,
	};
	struct winsec_sd first, last, esd;
	double base;
	u32 a, g, i;

	build(empty, 0, false, &esd);
	printf("=========  ======  =========  ========  ===============  =====\n");
	printf("ACEs       groups  first ACE  last ACE  MAXIMUM_ALLOWED  ratio\n");
	printf("=========  ======  =========  ========  ===============  =====\n");
	for (g = 0; g < ARRAY_SIZE(ngroups); g++) {
		/* Groups 1001, 1003, 1005, ...; the hitting ACE names 1007. */
		for (i = 0; i < ngroups[g]; i++)
			groups[i] = 1001 + 2 * i;
		tok.ngroups = ngroups[g];
		for (a = 0; a < ARRAY_SIZE(aces); a++) {
			double f, l, m;

			build(sdbuf[0], aces[a], false, &first);
			build(sdbuf[1], aces[a], true, &last);
			base = measure(&esd, &tok, WINSEC_FILE_READ_DATA, -EACCES);
			f = measure(&first, &tok, WINSEC_FILE_READ_DATA, 0);
			l = measure(&last, &tok, WINSEC_FILE_READ_DATA, 0);
			m = measure(&last, &tok, WINSEC_MAXIMUM_ALLOWED, 0);
			printf("%-9u  %-6u  %6.1f ns  %5.1f ns  %9.1f ns     %5.1f\n",
			       aces[a], ngroups[g], f, l, m, l / base);
		}
	}
	printf("=========  ======  =========  ========  ===============  =====\n");
	printf("baseline (empty DACL, denied): %.1f ns; ratio = last ACE / baseline\n",
	       base);
	conditions_table(&tok);
	return 0;
}
