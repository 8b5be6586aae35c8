// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - Mandatory Integrity Control: every label policy for
 * every pair of subject and object levels, and the unlabeled default
 */

#include "desc.h"
#include "fsop.h"

#include <sys/sysmacros.h>

/* The three policies of a label at once. */
#define NW_NR_NX	(WINSEC_LABEL_NO_WRITE_UP | WINSEC_LABEL_NO_READ_UP | \
			 WINSEC_LABEL_NO_EXECUTE_UP)

FIXTURE(mic) {};

FIXTURE_VARIANT(mic) {
	const char *subject;
	unsigned int subject_rid;
	const char *label;
	unsigned int object_rid;
	unsigned int policy;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(mic, untrusted_on_LW_NW) {
	.subject = "untrusted",
	.subject_rid = WINSEC_LEVEL_UNTRUSTED,
	.label = "S:(ML;;NW;;;LW)",
	.object_rid = WINSEC_LEVEL_LOW,
	.policy = WINSEC_LABEL_NO_WRITE_UP,
};

FIXTURE_VARIANT_ADD(mic, untrusted_on_LW_NR) {
	.subject = "untrusted",
	.subject_rid = WINSEC_LEVEL_UNTRUSTED,
	.label = "S:(ML;;NR;;;LW)",
	.object_rid = WINSEC_LEVEL_LOW,
	.policy = WINSEC_LABEL_NO_READ_UP,
};

FIXTURE_VARIANT_ADD(mic, untrusted_on_LW_NX) {
	.subject = "untrusted",
	.subject_rid = WINSEC_LEVEL_UNTRUSTED,
	.label = "S:(ML;;NX;;;LW)",
	.object_rid = WINSEC_LEVEL_LOW,
	.policy = WINSEC_LABEL_NO_EXECUTE_UP,
};

FIXTURE_VARIANT_ADD(mic, untrusted_on_LW_NWNRNX) {
	.subject = "untrusted",
	.subject_rid = WINSEC_LEVEL_UNTRUSTED,
	.label = "S:(ML;;NWNRNX;;;LW)",
	.object_rid = WINSEC_LEVEL_LOW,
	.policy = NW_NR_NX,
};

FIXTURE_VARIANT_ADD(mic, untrusted_on_ME_NW) {
	.subject = "untrusted",
	.subject_rid = WINSEC_LEVEL_UNTRUSTED,
	.label = "S:(ML;;NW;;;ME)",
	.object_rid = WINSEC_LEVEL_MEDIUM,
	.policy = WINSEC_LABEL_NO_WRITE_UP,
};

FIXTURE_VARIANT_ADD(mic, untrusted_on_ME_NR) {
	.subject = "untrusted",
	.subject_rid = WINSEC_LEVEL_UNTRUSTED,
	.label = "S:(ML;;NR;;;ME)",
	.object_rid = WINSEC_LEVEL_MEDIUM,
	.policy = WINSEC_LABEL_NO_READ_UP,
};

FIXTURE_VARIANT_ADD(mic, untrusted_on_ME_NX) {
	.subject = "untrusted",
	.subject_rid = WINSEC_LEVEL_UNTRUSTED,
	.label = "S:(ML;;NX;;;ME)",
	.object_rid = WINSEC_LEVEL_MEDIUM,
	.policy = WINSEC_LABEL_NO_EXECUTE_UP,
};

FIXTURE_VARIANT_ADD(mic, untrusted_on_ME_NWNRNX) {
	.subject = "untrusted",
	.subject_rid = WINSEC_LEVEL_UNTRUSTED,
	.label = "S:(ML;;NWNRNX;;;ME)",
	.object_rid = WINSEC_LEVEL_MEDIUM,
	.policy = NW_NR_NX,
};

FIXTURE_VARIANT_ADD(mic, untrusted_on_HI_NW) {
	.subject = "untrusted",
	.subject_rid = WINSEC_LEVEL_UNTRUSTED,
	.label = "S:(ML;;NW;;;HI)",
	.object_rid = WINSEC_LEVEL_HIGH,
	.policy = WINSEC_LABEL_NO_WRITE_UP,
};

FIXTURE_VARIANT_ADD(mic, untrusted_on_HI_NR) {
	.subject = "untrusted",
	.subject_rid = WINSEC_LEVEL_UNTRUSTED,
	.label = "S:(ML;;NR;;;HI)",
	.object_rid = WINSEC_LEVEL_HIGH,
	.policy = WINSEC_LABEL_NO_READ_UP,
};

FIXTURE_VARIANT_ADD(mic, untrusted_on_HI_NX) {
	.subject = "untrusted",
	.subject_rid = WINSEC_LEVEL_UNTRUSTED,
	.label = "S:(ML;;NX;;;HI)",
	.object_rid = WINSEC_LEVEL_HIGH,
	.policy = WINSEC_LABEL_NO_EXECUTE_UP,
};

FIXTURE_VARIANT_ADD(mic, untrusted_on_HI_NWNRNX) {
	.subject = "untrusted",
	.subject_rid = WINSEC_LEVEL_UNTRUSTED,
	.label = "S:(ML;;NWNRNX;;;HI)",
	.object_rid = WINSEC_LEVEL_HIGH,
	.policy = NW_NR_NX,
};

FIXTURE_VARIANT_ADD(mic, untrusted_on_SI_NW) {
	.subject = "untrusted",
	.subject_rid = WINSEC_LEVEL_UNTRUSTED,
	.label = "S:(ML;;NW;;;SI)",
	.object_rid = WINSEC_LEVEL_SYSTEM,
	.policy = WINSEC_LABEL_NO_WRITE_UP,
};

FIXTURE_VARIANT_ADD(mic, untrusted_on_SI_NR) {
	.subject = "untrusted",
	.subject_rid = WINSEC_LEVEL_UNTRUSTED,
	.label = "S:(ML;;NR;;;SI)",
	.object_rid = WINSEC_LEVEL_SYSTEM,
	.policy = WINSEC_LABEL_NO_READ_UP,
};

FIXTURE_VARIANT_ADD(mic, untrusted_on_SI_NX) {
	.subject = "untrusted",
	.subject_rid = WINSEC_LEVEL_UNTRUSTED,
	.label = "S:(ML;;NX;;;SI)",
	.object_rid = WINSEC_LEVEL_SYSTEM,
	.policy = WINSEC_LABEL_NO_EXECUTE_UP,
};

FIXTURE_VARIANT_ADD(mic, untrusted_on_SI_NWNRNX) {
	.subject = "untrusted",
	.subject_rid = WINSEC_LEVEL_UNTRUSTED,
	.label = "S:(ML;;NWNRNX;;;SI)",
	.object_rid = WINSEC_LEVEL_SYSTEM,
	.policy = NW_NR_NX,
};

FIXTURE_VARIANT_ADD(mic, low_on_LW_NW) {
	.subject = "low",
	.subject_rid = WINSEC_LEVEL_LOW,
	.label = "S:(ML;;NW;;;LW)",
	.object_rid = WINSEC_LEVEL_LOW,
	.policy = WINSEC_LABEL_NO_WRITE_UP,
};

FIXTURE_VARIANT_ADD(mic, low_on_LW_NR) {
	.subject = "low",
	.subject_rid = WINSEC_LEVEL_LOW,
	.label = "S:(ML;;NR;;;LW)",
	.object_rid = WINSEC_LEVEL_LOW,
	.policy = WINSEC_LABEL_NO_READ_UP,
};

FIXTURE_VARIANT_ADD(mic, low_on_LW_NX) {
	.subject = "low",
	.subject_rid = WINSEC_LEVEL_LOW,
	.label = "S:(ML;;NX;;;LW)",
	.object_rid = WINSEC_LEVEL_LOW,
	.policy = WINSEC_LABEL_NO_EXECUTE_UP,
};

FIXTURE_VARIANT_ADD(mic, low_on_LW_NWNRNX) {
	.subject = "low",
	.subject_rid = WINSEC_LEVEL_LOW,
	.label = "S:(ML;;NWNRNX;;;LW)",
	.object_rid = WINSEC_LEVEL_LOW,
	.policy = NW_NR_NX,
};

FIXTURE_VARIANT_ADD(mic, low_on_ME_NW) {
	.subject = "low",
	.subject_rid = WINSEC_LEVEL_LOW,
	.label = "S:(ML;;NW;;;ME)",
	.object_rid = WINSEC_LEVEL_MEDIUM,
	.policy = WINSEC_LABEL_NO_WRITE_UP,
};

FIXTURE_VARIANT_ADD(mic, low_on_ME_NR) {
	.subject = "low",
	.subject_rid = WINSEC_LEVEL_LOW,
	.label = "S:(ML;;NR;;;ME)",
	.object_rid = WINSEC_LEVEL_MEDIUM,
	.policy = WINSEC_LABEL_NO_READ_UP,
};

FIXTURE_VARIANT_ADD(mic, low_on_ME_NX) {
	.subject = "low",
	.subject_rid = WINSEC_LEVEL_LOW,
	.label = "S:(ML;;NX;;;ME)",
	.object_rid = WINSEC_LEVEL_MEDIUM,
	.policy = WINSEC_LABEL_NO_EXECUTE_UP,
};

FIXTURE_VARIANT_ADD(mic, low_on_ME_NWNRNX) {
	.subject = "low",
	.subject_rid = WINSEC_LEVEL_LOW,
	.label = "S:(ML;;NWNRNX;;;ME)",
	.object_rid = WINSEC_LEVEL_MEDIUM,
	.policy = NW_NR_NX,
};

FIXTURE_VARIANT_ADD(mic, low_on_HI_NW) {
	.subject = "low",
	.subject_rid = WINSEC_LEVEL_LOW,
	.label = "S:(ML;;NW;;;HI)",
	.object_rid = WINSEC_LEVEL_HIGH,
	.policy = WINSEC_LABEL_NO_WRITE_UP,
};

FIXTURE_VARIANT_ADD(mic, low_on_HI_NR) {
	.subject = "low",
	.subject_rid = WINSEC_LEVEL_LOW,
	.label = "S:(ML;;NR;;;HI)",
	.object_rid = WINSEC_LEVEL_HIGH,
	.policy = WINSEC_LABEL_NO_READ_UP,
};

FIXTURE_VARIANT_ADD(mic, low_on_HI_NX) {
	.subject = "low",
	.subject_rid = WINSEC_LEVEL_LOW,
	.label = "S:(ML;;NX;;;HI)",
	.object_rid = WINSEC_LEVEL_HIGH,
	.policy = WINSEC_LABEL_NO_EXECUTE_UP,
};

FIXTURE_VARIANT_ADD(mic, low_on_HI_NWNRNX) {
	.subject = "low",
	.subject_rid = WINSEC_LEVEL_LOW,
	.label = "S:(ML;;NWNRNX;;;HI)",
	.object_rid = WINSEC_LEVEL_HIGH,
	.policy = NW_NR_NX,
};

FIXTURE_VARIANT_ADD(mic, low_on_SI_NW) {
	.subject = "low",
	.subject_rid = WINSEC_LEVEL_LOW,
	.label = "S:(ML;;NW;;;SI)",
	.object_rid = WINSEC_LEVEL_SYSTEM,
	.policy = WINSEC_LABEL_NO_WRITE_UP,
};

FIXTURE_VARIANT_ADD(mic, low_on_SI_NR) {
	.subject = "low",
	.subject_rid = WINSEC_LEVEL_LOW,
	.label = "S:(ML;;NR;;;SI)",
	.object_rid = WINSEC_LEVEL_SYSTEM,
	.policy = WINSEC_LABEL_NO_READ_UP,
};

FIXTURE_VARIANT_ADD(mic, low_on_SI_NX) {
	.subject = "low",
	.subject_rid = WINSEC_LEVEL_LOW,
	.label = "S:(ML;;NX;;;SI)",
	.object_rid = WINSEC_LEVEL_SYSTEM,
	.policy = WINSEC_LABEL_NO_EXECUTE_UP,
};

FIXTURE_VARIANT_ADD(mic, low_on_SI_NWNRNX) {
	.subject = "low",
	.subject_rid = WINSEC_LEVEL_LOW,
	.label = "S:(ML;;NWNRNX;;;SI)",
	.object_rid = WINSEC_LEVEL_SYSTEM,
	.policy = NW_NR_NX,
};

FIXTURE_VARIANT_ADD(mic, medium_on_LW_NW) {
	.subject = "medium",
	.subject_rid = WINSEC_LEVEL_MEDIUM,
	.label = "S:(ML;;NW;;;LW)",
	.object_rid = WINSEC_LEVEL_LOW,
	.policy = WINSEC_LABEL_NO_WRITE_UP,
};

FIXTURE_VARIANT_ADD(mic, medium_on_LW_NR) {
	.subject = "medium",
	.subject_rid = WINSEC_LEVEL_MEDIUM,
	.label = "S:(ML;;NR;;;LW)",
	.object_rid = WINSEC_LEVEL_LOW,
	.policy = WINSEC_LABEL_NO_READ_UP,
};

FIXTURE_VARIANT_ADD(mic, medium_on_LW_NX) {
	.subject = "medium",
	.subject_rid = WINSEC_LEVEL_MEDIUM,
	.label = "S:(ML;;NX;;;LW)",
	.object_rid = WINSEC_LEVEL_LOW,
	.policy = WINSEC_LABEL_NO_EXECUTE_UP,
};

FIXTURE_VARIANT_ADD(mic, medium_on_LW_NWNRNX) {
	.subject = "medium",
	.subject_rid = WINSEC_LEVEL_MEDIUM,
	.label = "S:(ML;;NWNRNX;;;LW)",
	.object_rid = WINSEC_LEVEL_LOW,
	.policy = NW_NR_NX,
};

FIXTURE_VARIANT_ADD(mic, medium_on_ME_NW) {
	.subject = "medium",
	.subject_rid = WINSEC_LEVEL_MEDIUM,
	.label = "S:(ML;;NW;;;ME)",
	.object_rid = WINSEC_LEVEL_MEDIUM,
	.policy = WINSEC_LABEL_NO_WRITE_UP,
};

FIXTURE_VARIANT_ADD(mic, medium_on_ME_NR) {
	.subject = "medium",
	.subject_rid = WINSEC_LEVEL_MEDIUM,
	.label = "S:(ML;;NR;;;ME)",
	.object_rid = WINSEC_LEVEL_MEDIUM,
	.policy = WINSEC_LABEL_NO_READ_UP,
};

FIXTURE_VARIANT_ADD(mic, medium_on_ME_NX) {
	.subject = "medium",
	.subject_rid = WINSEC_LEVEL_MEDIUM,
	.label = "S:(ML;;NX;;;ME)",
	.object_rid = WINSEC_LEVEL_MEDIUM,
	.policy = WINSEC_LABEL_NO_EXECUTE_UP,
};

FIXTURE_VARIANT_ADD(mic, medium_on_ME_NWNRNX) {
	.subject = "medium",
	.subject_rid = WINSEC_LEVEL_MEDIUM,
	.label = "S:(ML;;NWNRNX;;;ME)",
	.object_rid = WINSEC_LEVEL_MEDIUM,
	.policy = NW_NR_NX,
};

FIXTURE_VARIANT_ADD(mic, medium_on_HI_NW) {
	.subject = "medium",
	.subject_rid = WINSEC_LEVEL_MEDIUM,
	.label = "S:(ML;;NW;;;HI)",
	.object_rid = WINSEC_LEVEL_HIGH,
	.policy = WINSEC_LABEL_NO_WRITE_UP,
};

FIXTURE_VARIANT_ADD(mic, medium_on_HI_NR) {
	.subject = "medium",
	.subject_rid = WINSEC_LEVEL_MEDIUM,
	.label = "S:(ML;;NR;;;HI)",
	.object_rid = WINSEC_LEVEL_HIGH,
	.policy = WINSEC_LABEL_NO_READ_UP,
};

FIXTURE_VARIANT_ADD(mic, medium_on_HI_NX) {
	.subject = "medium",
	.subject_rid = WINSEC_LEVEL_MEDIUM,
	.label = "S:(ML;;NX;;;HI)",
	.object_rid = WINSEC_LEVEL_HIGH,
	.policy = WINSEC_LABEL_NO_EXECUTE_UP,
};

FIXTURE_VARIANT_ADD(mic, medium_on_HI_NWNRNX) {
	.subject = "medium",
	.subject_rid = WINSEC_LEVEL_MEDIUM,
	.label = "S:(ML;;NWNRNX;;;HI)",
	.object_rid = WINSEC_LEVEL_HIGH,
	.policy = NW_NR_NX,
};

FIXTURE_VARIANT_ADD(mic, medium_on_SI_NW) {
	.subject = "medium",
	.subject_rid = WINSEC_LEVEL_MEDIUM,
	.label = "S:(ML;;NW;;;SI)",
	.object_rid = WINSEC_LEVEL_SYSTEM,
	.policy = WINSEC_LABEL_NO_WRITE_UP,
};

FIXTURE_VARIANT_ADD(mic, medium_on_SI_NR) {
	.subject = "medium",
	.subject_rid = WINSEC_LEVEL_MEDIUM,
	.label = "S:(ML;;NR;;;SI)",
	.object_rid = WINSEC_LEVEL_SYSTEM,
	.policy = WINSEC_LABEL_NO_READ_UP,
};

FIXTURE_VARIANT_ADD(mic, medium_on_SI_NX) {
	.subject = "medium",
	.subject_rid = WINSEC_LEVEL_MEDIUM,
	.label = "S:(ML;;NX;;;SI)",
	.object_rid = WINSEC_LEVEL_SYSTEM,
	.policy = WINSEC_LABEL_NO_EXECUTE_UP,
};

FIXTURE_VARIANT_ADD(mic, medium_on_SI_NWNRNX) {
	.subject = "medium",
	.subject_rid = WINSEC_LEVEL_MEDIUM,
	.label = "S:(ML;;NWNRNX;;;SI)",
	.object_rid = WINSEC_LEVEL_SYSTEM,
	.policy = NW_NR_NX,
};

FIXTURE_VARIANT_ADD(mic, high_on_LW_NW) {
	.subject = "high",
	.subject_rid = WINSEC_LEVEL_HIGH,
	.label = "S:(ML;;NW;;;LW)",
	.object_rid = WINSEC_LEVEL_LOW,
	.policy = WINSEC_LABEL_NO_WRITE_UP,
};

FIXTURE_VARIANT_ADD(mic, high_on_LW_NR) {
	.subject = "high",
	.subject_rid = WINSEC_LEVEL_HIGH,
	.label = "S:(ML;;NR;;;LW)",
	.object_rid = WINSEC_LEVEL_LOW,
	.policy = WINSEC_LABEL_NO_READ_UP,
};

FIXTURE_VARIANT_ADD(mic, high_on_LW_NX) {
	.subject = "high",
	.subject_rid = WINSEC_LEVEL_HIGH,
	.label = "S:(ML;;NX;;;LW)",
	.object_rid = WINSEC_LEVEL_LOW,
	.policy = WINSEC_LABEL_NO_EXECUTE_UP,
};

FIXTURE_VARIANT_ADD(mic, high_on_LW_NWNRNX) {
	.subject = "high",
	.subject_rid = WINSEC_LEVEL_HIGH,
	.label = "S:(ML;;NWNRNX;;;LW)",
	.object_rid = WINSEC_LEVEL_LOW,
	.policy = NW_NR_NX,
};

FIXTURE_VARIANT_ADD(mic, high_on_ME_NW) {
	.subject = "high",
	.subject_rid = WINSEC_LEVEL_HIGH,
	.label = "S:(ML;;NW;;;ME)",
	.object_rid = WINSEC_LEVEL_MEDIUM,
	.policy = WINSEC_LABEL_NO_WRITE_UP,
};

FIXTURE_VARIANT_ADD(mic, high_on_ME_NR) {
	.subject = "high",
	.subject_rid = WINSEC_LEVEL_HIGH,
	.label = "S:(ML;;NR;;;ME)",
	.object_rid = WINSEC_LEVEL_MEDIUM,
	.policy = WINSEC_LABEL_NO_READ_UP,
};

FIXTURE_VARIANT_ADD(mic, high_on_ME_NX) {
	.subject = "high",
	.subject_rid = WINSEC_LEVEL_HIGH,
	.label = "S:(ML;;NX;;;ME)",
	.object_rid = WINSEC_LEVEL_MEDIUM,
	.policy = WINSEC_LABEL_NO_EXECUTE_UP,
};

FIXTURE_VARIANT_ADD(mic, high_on_ME_NWNRNX) {
	.subject = "high",
	.subject_rid = WINSEC_LEVEL_HIGH,
	.label = "S:(ML;;NWNRNX;;;ME)",
	.object_rid = WINSEC_LEVEL_MEDIUM,
	.policy = NW_NR_NX,
};

FIXTURE_VARIANT_ADD(mic, high_on_HI_NW) {
	.subject = "high",
	.subject_rid = WINSEC_LEVEL_HIGH,
	.label = "S:(ML;;NW;;;HI)",
	.object_rid = WINSEC_LEVEL_HIGH,
	.policy = WINSEC_LABEL_NO_WRITE_UP,
};

FIXTURE_VARIANT_ADD(mic, high_on_HI_NR) {
	.subject = "high",
	.subject_rid = WINSEC_LEVEL_HIGH,
	.label = "S:(ML;;NR;;;HI)",
	.object_rid = WINSEC_LEVEL_HIGH,
	.policy = WINSEC_LABEL_NO_READ_UP,
};

FIXTURE_VARIANT_ADD(mic, high_on_HI_NX) {
	.subject = "high",
	.subject_rid = WINSEC_LEVEL_HIGH,
	.label = "S:(ML;;NX;;;HI)",
	.object_rid = WINSEC_LEVEL_HIGH,
	.policy = WINSEC_LABEL_NO_EXECUTE_UP,
};

FIXTURE_VARIANT_ADD(mic, high_on_HI_NWNRNX) {
	.subject = "high",
	.subject_rid = WINSEC_LEVEL_HIGH,
	.label = "S:(ML;;NWNRNX;;;HI)",
	.object_rid = WINSEC_LEVEL_HIGH,
	.policy = NW_NR_NX,
};

FIXTURE_VARIANT_ADD(mic, high_on_SI_NW) {
	.subject = "high",
	.subject_rid = WINSEC_LEVEL_HIGH,
	.label = "S:(ML;;NW;;;SI)",
	.object_rid = WINSEC_LEVEL_SYSTEM,
	.policy = WINSEC_LABEL_NO_WRITE_UP,
};

FIXTURE_VARIANT_ADD(mic, high_on_SI_NR) {
	.subject = "high",
	.subject_rid = WINSEC_LEVEL_HIGH,
	.label = "S:(ML;;NR;;;SI)",
	.object_rid = WINSEC_LEVEL_SYSTEM,
	.policy = WINSEC_LABEL_NO_READ_UP,
};

FIXTURE_VARIANT_ADD(mic, high_on_SI_NX) {
	.subject = "high",
	.subject_rid = WINSEC_LEVEL_HIGH,
	.label = "S:(ML;;NX;;;SI)",
	.object_rid = WINSEC_LEVEL_SYSTEM,
	.policy = WINSEC_LABEL_NO_EXECUTE_UP,
};

FIXTURE_VARIANT_ADD(mic, high_on_SI_NWNRNX) {
	.subject = "high",
	.subject_rid = WINSEC_LEVEL_HIGH,
	.label = "S:(ML;;NWNRNX;;;SI)",
	.object_rid = WINSEC_LEVEL_SYSTEM,
	.policy = NW_NR_NX,
};

/* clang-format on */

FIXTURE_SETUP(mic)
{
	prepare_tmpfs(_metadata);
}

FIXTURE_TEARDOWN(mic)
{
}

TEST_F(mic, read_write_execute)
{
	bool dominates = variant->subject_rid >= variant->object_rid;
	unsigned int refused = dominates ? 0 : variant->policy;
	/*
	 * A DACL that grants everything, then no DACL (everything granted
	 * but what the label refuses): only the label can refuse.
	 */
	static const char *const dacls[] = { "D:(A;;FA;;;WD)", "" };
	char sddl[128];
	unsigned int i;
	int want;

	make_file(_metadata, P("f"), 0);
	for (i = 0; i < ARRAY_SIZE(dacls); i++) {
		snprintf(sddl, sizeof(sddl), "%s%s", dacls[i], variant->label);
		SET_SD(P("f"), sddl);

		want = refused & WINSEC_LABEL_NO_READ_UP ? EACCES : 0;
		EXPECT_EQ(want, AS(ALICE, variant->subject, .kind = OP_OPEN,
				   .path = P("f"), .flags = O_RDONLY)) {
			TH_LOG("with %s", sddl);
		}
		want = refused & WINSEC_LABEL_NO_WRITE_UP ? EACCES : 0;
		EXPECT_EQ(want, AS(ALICE, variant->subject, .kind = OP_OPEN,
				   .path = P("f"), .flags = O_WRONLY)) {
			TH_LOG("with %s", sddl);
		}
		want = refused & WINSEC_LABEL_NO_EXECUTE_UP ? EACCES : 0;
		EXPECT_EQ(want, AS(ALICE, variant->subject, .kind = OP_ACCESS,
				   .path = P("f"), .flags = X_OK)) {
			TH_LOG("with %s", sddl);
		}
	}
}

FIXTURE(unlabeled) {};

FIXTURE_SETUP(unlabeled)
{
	prepare_tmpfs(_metadata);
}

FIXTURE_TEARDOWN(unlabeled)
{
}

TEST_F(unlabeled, is_medium_no_write_up)
{
	make_file(_metadata, P("f"), ALICE);
	make_dir(_metadata, P("d"), ALICE);
	make_file(_metadata, P("d/g"), ALICE);
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = P("f"),
			.flags = O_RDONLY));
	EXPECT_EQ(EACCES, AS(ALICE, "low", .kind = OP_OPEN, .path = P("f"),
			     .flags = O_WRONLY));
	EXPECT_EQ(EACCES, AS(ALICE, "low", .kind = OP_CHMOD, .path = P("f"),
			     .flags = 0700));
	EXPECT_EQ(EACCES, AS(ALICE, "low", .kind = OP_OPEN, .path = P("d/new"),
			     .flags = O_CREAT | O_WRONLY));
	EXPECT_EQ(EACCES, AS(ALICE, "low", .kind = OP_MKDIR,
			     .path = P("d/new")));
	EXPECT_EQ(EACCES, AS(ALICE, "low", .kind = OP_UNLINK,
			     .path = P("d/g")));
	EXPECT_EQ(0, AS(ALICE, "medium", .kind = OP_OPEN, .path = P("f"),
			.flags = O_WRONLY));
	EXPECT_EQ(0, AS(ALICE, "medium", .kind = OP_UNLINK, .path = P("d/g")));
}

TEST_F(unlabeled, low_folder_is_writable_at_low)
{
	/* Protected Mode: a Low process writes only below a Low folder. */
	make_dir(_metadata, P("low"), ALICE);
	SET_SD(P("low"), "S:(ML;OICI;NW;;;LW)");
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = P("low/new"),
			.flags = O_CREAT | O_WRONLY));
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_MKDIR, .path = P("low/sub")));
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN,
			.path = P("low/sub/deeper"),
			.flags = O_CREAT | O_WRONLY));
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = P("low/new"),
			.flags = O_WRONLY));
	EXPECT_EQ(EACCES, AS(ALICE, "untrusted", .kind = OP_OPEN,
			     .path = P("low/new"), .flags = O_WRONLY));
}

TEST_F(unlabeled, device_nodes_have_no_implicit_label)
{
	ASSERT_EQ(0, mknod(P("null"), S_IFCHR | 0666, makedev(1, 3)));
	EXPECT_EQ(0, AS(ALICE, "low", .kind = OP_OPEN, .path = P("null"),
			.flags = O_WRONLY));
	/* A labelled one is protected. */
	SET_SD(P("null"), "S:(ML;;NW;;;ME)");
	EXPECT_EQ(EACCES, AS(ALICE, "low", .kind = OP_OPEN, .path = P("null"),
			     .flags = O_WRONLY));
}

TEST_HARNESS_MAIN
