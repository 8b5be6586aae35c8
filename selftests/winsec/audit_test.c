// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec kselftests: audit ACEs of a SACL write records, for granted
 * accesses (SA) and for refused ones (FA), on the object itself and when
 * inherited; an audit ACE whose flags, rights or trustee do not match
 * writes nothing.
 */

#include "desc.h"
#include "fsop.h"

#include <sys/klog.h>

FIXTURE(audit) {};

FIXTURE_SETUP(audit)
{
	prepare_tmpfs(_metadata);
}

FIXTURE_TEARDOWN(audit)
{
}

/* Whether one line of the kernel log holds every string of @want. */
static bool logged(const char *const *want, size_t n)
{
	static char log[1 << 18];
	char *line, *end;
	bool found = false;
	size_t i;
	int len;

	usleep(300000);	/* records reach the log through kauditd */
	len = klogctl(3, log, sizeof(log) - 1);	/* SYSLOG_ACTION_READ_ALL */
	if (len <= 0)
		return false;
	log[len] = '\0';
	for (line = log; line && *line && !found; line = end) {
		end = strchr(line, '\n');
		if (end)
			*end++ = '\0';
		found = true;
		for (i = 0; i < n; i++)
			if (!strstr(line, want[i]))
				found = false;
	}
	return found;
}

#define LOGGED(...)							\
	({								\
		static const char *const _w[] = { __VA_ARGS__ };	\
		logged(_w, ARRAY_SIZE(_w));				\
	})

TEST_F(audit, success_of_a_matching_open_is_recorded)
{
	make_file(_metadata, P("as-read"), 0);
	SET_SD(P("as-read"), "D:(A;;FA;;;WD)S:(AU;SA;FR;;;WD)");
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("as-read"),
			.flags = O_RDONLY));
	EXPECT_TRUE(LOGGED("lsm=winsec op=open", "reason=audit_success",
			   "sacl_ace=0", "subj_user=S-1-22-1-1000",
			   "name=\"as-read\""));
}

TEST_F(audit, rights_outside_the_ace_are_not_recorded)
{
	make_file(_metadata, P("as-write"), 0);
	SET_SD(P("as-write"), "D:(A;;FA;;;WD)S:(AU;SA;FW;;;WD)");
	/* A read uses no right of the ACE. */
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("as-write"),
			.flags = O_RDONLY));
	EXPECT_FALSE(LOGGED("reason=audit_success", "name=\"as-write\""));
	/* Control: a write does. */
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("as-write"),
			.flags = O_WRONLY));
	EXPECT_TRUE(LOGGED("reason=audit_success", "name=\"as-write\""));
}

TEST_F(audit, failure_is_recorded_only_by_a_failure_ace)
{
	make_file(_metadata, P("af"), 0);
	SET_SD(P("af"), "D:(A;;FR;;;WD)S:(AU;SA;FA;;;WD)(AU;FA;FW;;;WD)");
	EXPECT_EQ(EACCES, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("af"),
			     .flags = O_WRONLY));
	EXPECT_TRUE(LOGGED("lsm=winsec op=", "reason=audit_failure", "sacl_ace=1",
			   "name=\"af\""));
	EXPECT_FALSE(LOGGED("reason=audit_success", "name=\"af\""));
}

TEST_F(audit, trustee_must_be_in_the_token)
{
	make_file(_metadata, P("at-bob"), 0);
	SET_SD(P("at-bob"), "D:(A;;FA;;;WD)S:(AU;SA;FR;;;S-1-22-1-1001)");
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("at-bob"),
			.flags = O_RDONLY));
	EXPECT_FALSE(LOGGED("reason=audit_success", "name=\"at-bob\""));
	EXPECT_EQ(0, AS(BOB, NULL, .kind = OP_OPEN, .path = P("at-bob"),
			.flags = O_RDONLY));
	EXPECT_TRUE(LOGGED("reason=audit_success", "subj_user=S-1-22-1-1001",
			   "name=\"at-bob\""));
}

TEST_F(audit, inherited_audit_ace_records)
{
	int fd;

	make_dir(_metadata, P("ad"), 0);
	SET_SD(P("ad"), "D:(A;OICI;FA;;;WD)S:(AU;OICISA;FR;;;WD)");
	fd = open(P("ad/child"), O_WRONLY | O_CREAT, 0666);
	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, chmod(P("ad/child"), 0666));
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("ad/child"),
			.flags = O_RDONLY));
	EXPECT_TRUE(LOGGED("op=open", "reason=audit_success",
			   "name=\"child\""));
}

TEST_F(audit, inherit_only_ace_does_not_record_on_its_object)
{
	make_file(_metadata, P("aio"), 0);
	SET_SD(P("aio"), "D:(A;;FA;;;WD)S:(AU;IOSA;FR;;;WD)");
	EXPECT_EQ(0, AS(ALICE, NULL, .kind = OP_OPEN, .path = P("aio"),
			.flags = O_RDONLY));
	EXPECT_FALSE(LOGGED("reason=audit_success", "name=\"aio\""));
}

TEST_HARNESS_MAIN
