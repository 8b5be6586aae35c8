// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - SysV message queues, semaphore sets and shared
 * memory: descriptors at creation, every operation granted and denied
 * across levels and by DACLs, and the mutex story of seed 000 for each
 * kind.
 */

#include "sysv.h"

FIXTURE(sysv) {};

FIXTURE_SETUP(sysv)
{
	ipc_setup(_metadata);
}

FIXTURE_TEARDOWN(sysv)
{
	sysv_remove_all();
}

/* The same tests for each kind of object. */
FIXTURE(sysv_kind) {};

FIXTURE_VARIANT(sysv_kind) {
	enum kind kind;
};

FIXTURE_VARIANT_ADD(sysv_kind, msg) {
	.kind = MSG,
};

FIXTURE_VARIANT_ADD(sysv_kind, sem) {
	.kind = SEM,
};

FIXTURE_VARIANT_ADD(sysv_kind, shm) {
	.kind = SHM,
};

FIXTURE_SETUP(sysv_kind)
{
	ipc_setup(_metadata);
}

FIXTURE_TEARDOWN(sysv_kind)
{
	sysv_remove_all();
}

/* --- descriptors at creation ---------------------------------------------- */

TEST_F(sysv_kind, medium_creator_leaves_objects_unlabeled)
{
	enum kind k = variant->kind;
	int id = create_as(_metadata, k, ALICE, "medium", NULL);
	struct sdbuf b;

	EXPECT_EQ(ENODATA, ipc_get(k, id, &b));
}

TEST_F(sysv_kind, low_creator_labels_objects_low)
{
	enum kind k = variant->kind;
	int id = create_as(_metadata, k, ALICE, "low", NULL);
	struct sdbuf b;

	ASSERT_EQ(0, ipc_get(k, id, &b));
	ASSERT_LT(sizeof(struct winsec_sd_header), b.len);
	EXPECT_TRUE(sd_has_nw_label(&b, 0, "LW"));
	/* Owner: the creator; no DACL. */
	EXPECT_EQ(-1, sd_ace_count(b.b, b.len, true));
	EXPECT_EQ(0, get32(b.b + SD_DACL));
	EXPECT_NE(0, get32(b.b + SD_OWNER));
	/* A Low object is writable by Low, not by Untrusted. */
	EXPECT_EQ(0, OP(ALICE, "low", k, id, write_op(k)));
	EXPECT_EQ(EACCES, OP(ALICE, "untrusted", k, id, write_op(k)));
}

TEST_F(sysv_kind, fscreate_descriptor_is_used_with_generic_rights_mapped)
{
	enum kind k = variant->kind;
	int id = create_as(_metadata, k, ALICE, "medium", STORY_SD);
	struct sdbuf b;

	ASSERT_EQ(0, ipc_get(k, id, &b));
	/* GA mapped through the IPC mapping. */
	EXPECT_TRUE(sd_allows(&b, 0, WINSEC_IPC_ALL_ACCESS, "WD"));
	EXPECT_TRUE(sd_allows(&b, 0, WINSEC_IPC_ALL_ACCESS, "S-1-5-7"));
	EXPECT_TRUE(sd_has_nw_label(&b, 0, "LW"));
}

/* --- the operation table -------------------------------------------------- */

TEST_F(sysv, msg_operations_low_against_medium)
{
	int id = create_as(_metadata, MSG, ALICE, "medium", NULL);

	/* Low: reads and STAT pass, writes, SET and RMID do not. */
	EXPECT_EQ(EACCES, OP(ALICE, "low", MSG, id, MSGSND));
	EXPECT_EQ(0, OP(ALICE, "low", MSG, id, MSGRCV));
	EXPECT_EQ(0, OP(ALICE, "low", MSG, id, MSG_STAT_OP));
	EXPECT_EQ(EACCES, OP(ALICE, "low", MSG, id, MSG_SET));
	EXPECT_EQ(EACCES, OP(ALICE, "low", MSG, id, MSG_RMID));
	EXPECT_EQ(0, OP(ALICE, "low", MSG, id, ASSOC_READ));
	EXPECT_EQ(EACCES, OP(ALICE, "low", MSG, id, ASSOC_WRITE));
	/* Medium: everything. */
	EXPECT_EQ(0, OP(ALICE, "medium", MSG, id, MSGSND));
	EXPECT_EQ(0, OP(ALICE, "medium", MSG, id, MSGRCV));
	EXPECT_EQ(0, OP(ALICE, "medium", MSG, id, MSG_STAT_OP));
	EXPECT_EQ(0, OP(ALICE, "medium", MSG, id, MSG_SET));
	EXPECT_EQ(0, OP(ALICE, "medium", MSG, id, ASSOC_WRITE));
	EXPECT_EQ(0, OP(ALICE, "medium", MSG, id, MSG_RMID));
}

TEST_F(sysv, msg_receive_by_low_takes_the_message)
{
	int id = create_as(_metadata, MSG, ALICE, "medium", NULL);
	struct msqid_ds ds;

	ASSERT_EQ(0, OP(ALICE, "medium", MSG, id, MSGSND));
	ASSERT_EQ(0, msgctl(id, IPC_STAT, &ds));
	ASSERT_EQ(1, ds.msg_qnum);
	EXPECT_EQ(0, OP(BOB, "low", MSG, id, MSGRCV));
	ASSERT_EQ(0, msgctl(id, IPC_STAT, &ds));
	EXPECT_EQ(0, ds.msg_qnum);
}

/*
 * Receiving is reading (as ReadFile on a Windows pipe also consumes what it
 * reads): a queue whose lower readers must not take its messages carries
 * no-read-up in its label. Then a Low receiver is refused and the message
 * stays, and the Medium one still receives it.
 */
TEST_F(sysv, msg_no_read_up_keeps_low_receivers_out)
{
	int id = create_as(_metadata, MSG, ALICE, "medium", NULL);
	struct msqid_ds ds;

	ASSERT_EQ(0, ipc_set(MSG, id, "D:(A;;GA;;;WD)S:(ML;;NWNR;;;ME)"));
	ASSERT_EQ(0, OP(ALICE, "medium", MSG, id, MSGSND));
	EXPECT_EQ(EACCES, OP(BOB, "low", MSG, id, MSGRCV));
	EXPECT_EQ(EACCES, OP(ALICE, "low", MSG, id, MSGRCV));
	ASSERT_EQ(0, msgctl(id, IPC_STAT, &ds));
	EXPECT_EQ(1, ds.msg_qnum);
	EXPECT_EQ(0, OP(BOB, "medium", MSG, id, MSGRCV));
	ASSERT_EQ(0, msgctl(id, IPC_STAT, &ds));
	EXPECT_EQ(0, ds.msg_qnum);
}

TEST_F(sysv, sem_operations_low_against_medium)
{
	int id = create_as(_metadata, SEM, ALICE, "medium", NULL);

	EXPECT_EQ(EACCES, OP(ALICE, "low", SEM, id, SEMOP_ALTER));
	EXPECT_EQ(0, OP(ALICE, "low", SEM, id, SEMOP_READ));
	EXPECT_EQ(0, OP(ALICE, "low", SEM, id, SEM_GETVAL));
	EXPECT_EQ(EACCES, OP(ALICE, "low", SEM, id, SEM_SETVAL));
	EXPECT_EQ(0, OP(ALICE, "low", SEM, id, SEM_STAT_OP));
	EXPECT_EQ(EACCES, OP(ALICE, "low", SEM, id, SEM_SET));
	EXPECT_EQ(EACCES, OP(ALICE, "low", SEM, id, SEM_RMID));
	EXPECT_EQ(0, OP(ALICE, "low", SEM, id, ASSOC_READ));
	EXPECT_EQ(EACCES, OP(ALICE, "low", SEM, id, ASSOC_WRITE));

	EXPECT_EQ(0, OP(ALICE, "medium", SEM, id, SEMOP_ALTER));
	EXPECT_EQ(0, OP(ALICE, "medium", SEM, id, SEMOP_READ));
	EXPECT_EQ(0, OP(ALICE, "medium", SEM, id, SEM_SETVAL));
	EXPECT_EQ(0, OP(ALICE, "medium", SEM, id, SEM_SET));
	EXPECT_EQ(0, OP(ALICE, "medium", SEM, id, ASSOC_WRITE));
	EXPECT_EQ(0, OP(ALICE, "medium", SEM, id, SEM_RMID));
}

TEST_F(sysv, shm_operations_low_against_medium)
{
	int id = create_as(_metadata, SHM, ALICE, "medium", NULL);

	EXPECT_EQ(0, OP(ALICE, "low", SHM, id, SHMAT_RO));
	EXPECT_EQ(EACCES, OP(ALICE, "low", SHM, id, SHMAT_RW));
	EXPECT_EQ(0, OP(ALICE, "low", SHM, id, SHM_STAT_OP));
	EXPECT_EQ(EACCES, OP(ALICE, "low", SHM, id, SHM_SET));
	EXPECT_EQ(EACCES, OP(ALICE, "low", SHM, id, SHM_RMID));
	EXPECT_EQ(0, OP(ALICE, "low", SHM, id, ASSOC_READ));
	EXPECT_EQ(EACCES, OP(ALICE, "low", SHM, id, ASSOC_WRITE));

	EXPECT_EQ(0, OP(ALICE, "medium", SHM, id, SHMAT_RO));
	EXPECT_EQ(0, OP(ALICE, "medium", SHM, id, SHMAT_RW));
	EXPECT_EQ(0, OP(ALICE, "medium", SHM, id, SHM_SET));
	EXPECT_EQ(0, OP(ALICE, "medium", SHM, id, ASSOC_WRITE));
	EXPECT_EQ(0, OP(ALICE, "medium", SHM, id, SHM_RMID));
}

TEST_F(sysv, dacl_decides_between_medium_users)
{
	int m = create_as(_metadata, MSG, ALICE, "medium", NULL);
	int s = create_as(_metadata, SEM, ALICE, "medium", NULL);
	int h = create_as(_metadata, SHM, ALICE, "medium", NULL);
	/* Everyone reads; bob may not write; SYSTEM may do anything. */
	const char *sd =
		SDDLF("D:(D;;%#x;;;S-1-22-1-1001)(A;;%#x;;;WD)(A;;%#x;;;S-1-22-1-1000)(A;;GA;;;SY)",
		      WINSEC_IPC_WRITE, WINSEC_IPC_READ, WINSEC_IPC_WRITE);

	ASSERT_EQ(0, ipc_set(MSG, m, sd));
	ASSERT_EQ(0, ipc_set(SEM, s, sd));
	ASSERT_EQ(0, ipc_set(SHM, h, sd));

	EXPECT_EQ(EACCES, OP(BOB, "medium", MSG, m, MSGSND));
	EXPECT_EQ(0, OP(BOB, "medium", MSG, m, MSGRCV));
	EXPECT_EQ(0, OP(ALICE, "medium", MSG, m, MSGSND));
	EXPECT_EQ(EACCES, OP(BOB, "medium", SEM, s, SEMOP_ALTER));
	EXPECT_EQ(0, OP(BOB, "medium", SEM, s, SEM_GETVAL));
	EXPECT_EQ(0, OP(ALICE, "medium", SEM, s, SEMOP_ALTER));
	EXPECT_EQ(EACCES, OP(BOB, "medium", SHM, h, SHMAT_RW));
	EXPECT_EQ(0, OP(BOB, "medium", SHM, h, SHMAT_RO));
	/* alice: READ from everyone's entry, WRITE from her own. */
	EXPECT_EQ(0, OP(ALICE, "medium", SHM, h, SHMAT_RW));

	/* STAT is READ_CONTROL: the owner has it implicitly, bob not. */
	EXPECT_EQ(0, OP(ALICE, "medium", MSG, m, MSG_STAT_OP));
	EXPECT_EQ(EACCES, OP(BOB, "medium", MSG, m, MSG_STAT_OP));
	EXPECT_EQ(EACCES, OP(BOB, "medium", SEM, s, SEM_STAT_OP));
	EXPECT_EQ(EACCES, OP(BOB, "medium", SHM, h, SHM_STAT_OP));
	/* SET is WRITE_DAC: implicit for the owner. */
	EXPECT_EQ(0, OP(ALICE, "medium", MSG, m, MSG_SET));
	/* RMID is DELETE: granted to nobody but SYSTEM. */
	EXPECT_EQ(EACCES, OP(ALICE, "medium", MSG, m, MSG_RMID));
	EXPECT_EQ(EACCES, OP(ALICE, "medium", SEM, s, SEM_RMID));
	EXPECT_EQ(EACCES, OP(ALICE, "medium", SHM, h, SHM_RMID));
	EXPECT_EQ(0, msgctl(m, IPC_RMID, NULL));
	EXPECT_EQ(0, semctl(s, 0, IPC_RMID));
	EXPECT_EQ(0, shmctl(h, IPC_RMID, NULL));
}

TEST_F(sysv, unix_permissions_still_apply)
{
	int id = create_as(_metadata, MSG, ALICE, "medium", NULL);

	/* A NULL DACL grants everything, the mode bits still refuse. */
	ASSERT_EQ(0, ipc_set(MSG, id, "D:NO_ACCESS_CONTROL"));
	EXPECT_EQ(EPERM, OP(BOB, "medium", MSG, id, MSG_RMID));
	EXPECT_EQ(0, OP(BOB, "medium", MSG, id, MSGSND));
}

TEST_F(sysv_kind, many_labelled_objects_come_and_go)
{
	enum kind k = variant->kind;
	int i;

	/* Creation, relabelling and removal: the debug kernel's kmemleak
	 * scan after the tests finds any descriptor left behind.
	 */
	for (i = 0; i < 20; i++) {
		int id = create_key_as(_metadata, k, IPC_PRIVATE, ALICE, "low",
				       i % 2 ? STORY_SD : NULL);

		ASSERT_EQ(0, ipc_set(k, id, "D:(A;;GA;;;WD)S:(ML;;NW;;;LW)"));
		ASSERT_EQ(0, OP(ALICE, "low", k, id, rmid_op(k)));
	}
}

/* --- seed 000: the mutex story ---------------------------------------------- */

/*
 * A Medium server creates the object with no descriptor: a Low client is
 * denied. Created under the descriptor D:(A;;GA;;;WD)(A;;GA;;;AN)
 * S:(ML;;NW;;;LW), it is open to the Low client.
 */
static void sysv_story(struct __test_metadata *const _metadata, enum kind k,
		       enum ipc_op use)
{
	int id = create_as(_metadata, k, ALICE, "medium", NULL);

	EXPECT_EQ(EACCES, OP(BOB, "low", k, id, use));
	ASSERT_EQ(0, OP(ALICE, "medium", k, id, rmid_op(k)));
	id = create_as(_metadata, k, ALICE, "medium", STORY_SD);
	EXPECT_EQ(0, OP(BOB, "low", k, id, use));
	EXPECT_EQ(0, OP(BOB, "low", k, id, ASSOC_WRITE));
}

TEST_F(sysv, story_semaphore_set)
{
	sysv_story(_metadata, SEM, SEMOP_ALTER);
}

TEST_F(sysv, story_message_queue)
{
	sysv_story(_metadata, MSG, MSGSND);
}

TEST_F(sysv, story_shared_memory)
{
	sysv_story(_metadata, SHM, SHMAT_RW);
}

TEST_HARNESS_MAIN
