// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - the descriptors of SysV objects, read and set through
 * securityfs (/sys/kernel/security/winsec/ipc/get and set): who may read
 * and set them, what is refused, and that a refused request changes
 * nothing.
 */

#include "sysv.h"

struct sfs_arg {
	enum kind kind;
	int id;
	const char *sddl;
	bool get;
};

static int do_sfs(const void *p)
{
	const struct sfs_arg *a = p;
	struct sdbuf b;

	if (a->get)
		return ipc_get(a->kind, a->id, &b);
	return ipc_set(a->kind, a->id, a->sddl);
}

/* Read the descriptor as @uid at @level with @caps: 0 or the errno. */
static int get_as(uid_t uid, const char *level, __u64 caps, enum kind kind,
		  int id)
{
	struct sfs_arg a = { .kind = kind, .id = id, .get = true };

	return run_as(SUBJECT(uid, level, caps), do_sfs, &a);
}

/* Set the descriptor as @uid at @level with @caps: 0 or the errno. */
static int set_as(uid_t uid, const char *level, __u64 caps, enum kind kind,
		  int id, const char *sddl)
{
	struct sfs_arg a = { .kind = kind, .id = id, .sddl = sddl };

	return run_as(SUBJECT(uid, level, caps), do_sfs, &a);
}

FIXTURE(ipcfs) {};

FIXTURE_SETUP(ipcfs)
{
	ipc_setup(_metadata);
}

FIXTURE_TEARDOWN(ipcfs)
{
	sysv_remove_all();
}

TEST_F(ipcfs, get_returns_what_was_set)
{
	int id = create_as(_metadata, SEM, ALICE, "medium", NULL);
	const char *text =
		SDDLF("O:S-1-22-1-1000G:S-1-22-2-1000D:(A;;%#x;;;WD)S:(ML;;NW;;;LW)",
		      WINSEC_READ_CONTROL | WINSEC_IPC_READ | WINSEC_IPC_WRITE);
	struct sdbuf want = SD(text);
	struct sdbuf b;

	ASSERT_EQ(0, set_as(ALICE, "medium", 0, SEM, id, text));
	ASSERT_EQ(0, ipc_get(SEM, id, &b));
	ASSERT_EQ(want.len, b.len);
	EXPECT_EQ(0, memcmp(want.b, b.b, b.len));
	/* READ_CONTROL: everyone has it here, down to Low. */
	EXPECT_EQ(0, get_as(BOB, "low", 0, SEM, id));
	/* Untrusted is below the Low label and NW only: reading is fine. */
	EXPECT_EQ(0, get_as(BOB, "untrusted", 0, SEM, id));
}

TEST_F(ipcfs, get_needs_read_control)
{
	int id = create_as(_metadata, MSG, ALICE, "medium", NULL);

	/* Everyone reads and writes, without READ_CONTROL. */
	ASSERT_EQ(0, ipc_set(MSG, id,
			     SDDLF("D:(A;;%#x;;;WD)(A;;GA;;;SY)",
				   WINSEC_IPC_READ | WINSEC_IPC_WRITE)));
	EXPECT_EQ(EACCES, get_as(BOB, "medium", 0, MSG, id));
	/* The owner has READ_CONTROL implicitly. */
	EXPECT_EQ(0, get_as(ALICE, "medium", 0, MSG, id));
}

TEST_F(ipcfs, bad_requests_are_refused_and_change_nothing)
{
	int id = create_as(_metadata, SHM, ALICE, "medium", NULL);
	struct sdbuf b, before;
	char req[64];
	int n;

	ASSERT_EQ(0, ipc_set(SHM, id, "D:(A;;GA;;;WD)"));
	ASSERT_EQ(0, ipc_get(SHM, id, &before));

	/* Unknown type, bad number, no such object. */
	EXPECT_EQ(EINVAL, ipc_set(MSG, id + 1, "D:(A;;GA;;;WD)"));
	EXPECT_EQ(EINVAL, ipc_sd_set_raw("foo 1\n", 6));
	EXPECT_EQ(EINVAL, ipc_sd_set_raw("shm x\n", 6));
	EXPECT_EQ(EINVAL, ipc_sd_set_raw("shm 1", 5));
	EXPECT_EQ(EINVAL, ipc_get(SEM, 123456, &b));
	/* A descriptor that does not validate. */
	n = snprintf(req, sizeof(req), "shm %d\n", id);
	memcpy(req + n, "\x01\x00\x04\x80\xff\xff\xff\xff", 8);
	EXPECT_EQ(EINVAL, ipc_sd_set_raw(req, n + 8));
	/* Truncated: the header promises a DACL beyond the end. */
	memcpy(req + n, "\x01\x00\x04\x80\0\0\0\0\0\0\0\0\0\0\0\0\x14\0\0\0", 20);
	EXPECT_EQ(EINVAL, ipc_sd_set_raw(req, n + 20));

	ASSERT_EQ(0, ipc_get(SHM, id, &b));
	ASSERT_EQ(before.len, b.len);
	EXPECT_EQ(0, memcmp(before.b, b.b, b.len));
}

TEST_F(ipcfs, first_descriptor_is_the_owners)
{
	int id = create_as(_metadata, MSG, ALICE, "medium", NULL);
	struct sdbuf b;

	/* bob is not the owner of the unlabeled queue. */
	EXPECT_EQ(EPERM, set_as(BOB, "medium", 0, MSG, id, "D:(A;;GA;;;WD)"));
	EXPECT_EQ(ENODATA, ipc_get(MSG, id, &b));
	/* alice at Low cannot: the implicit Medium label. */
	EXPECT_EQ(EACCES, set_as(ALICE, "low", 0, MSG, id, "D:(A;;GA;;;WD)"));
	EXPECT_EQ(ENODATA, ipc_get(MSG, id, &b));
	/* alice at Medium can. */
	EXPECT_EQ(0, set_as(ALICE, "medium", 0, MSG, id, "D:(A;;GA;;;WD)"));
	EXPECT_EQ(0, ipc_get(MSG, id, &b));
}

/* bob's rights: reading and writing, READ_CONTROL, WRITE_DAC. */
#define BOB_RIGHTS	(WINSEC_IPC_GENERIC_READ | WINSEC_IPC_GENERIC_WRITE | \
			 WINSEC_WRITE_DAC)

/* Owned by alice; bob has WRITE_DAC, not WRITE_OWNER. */
#define SD_BOB_WRITE_DAC						\
	SDDLF("O:S-1-22-1-1000D:(A;;%#x;;;S-1-22-1-1001)(A;;GA;;;SY)",	\
	      BOB_RIGHTS)
/* What bob sets: one more entry; the same with a new owner, or a label. */
#define SD_BOB_NEW_ENTRY						\
	SDDLF("O:S-1-22-1-1000D:(A;;%#x;;;S-1-22-1-1001)(A;;%#x;;;WD)(A;;GA;;;SY)", \
	      BOB_RIGHTS, WINSEC_IPC_READ)
#define SD_BOB_NEW_OWNER						\
	SDDLF("O:S-1-22-1-1001D:(A;;%#x;;;S-1-22-1-1001)(A;;%#x;;;WD)(A;;GA;;;SY)", \
	      BOB_RIGHTS, WINSEC_IPC_READ)
#define SD_BOB_NEW_LABEL						\
	SDDLF("O:S-1-22-1-1000D:(A;;%#x;;;S-1-22-1-1001)(A;;%#x;;;WD)(A;;GA;;;SY)S:(ML;;NW;;;LW)", \
	      BOB_RIGHTS, WINSEC_IPC_READ)

TEST_F(ipcfs, setting_needs_write_dac_and_write_owner)
{
	int id = create_as(_metadata, SEM, ALICE, "medium", NULL);

	/* bob may change the DACL, not the owner. */
	ASSERT_EQ(0, ipc_set(SEM, id, SD_BOB_WRITE_DAC));
	EXPECT_EQ(0, set_as(BOB, "medium", 0, SEM, id, SD_BOB_NEW_ENTRY));
	EXPECT_EQ(EACCES, set_as(BOB, "medium", 0, SEM, id, SD_BOB_NEW_OWNER));
	/* Nor the label. */
	EXPECT_EQ(EACCES, set_as(BOB, "medium", 0, SEM, id, SD_BOB_NEW_LABEL));
	/* A user without WRITE_DAC gets nothing. */
	EXPECT_EQ(EACCES, set_as(1002, "medium", 0, SEM, id, "D:(A;;GA;;;WD)"));
}

TEST_F(ipcfs, label_not_above_the_callers_level)
{
	int id = create_as(_metadata, SHM, ALICE, "medium", NULL);
	struct sdbuf b;

	EXPECT_EQ(EPERM, set_as(ALICE, "medium", 0, SHM, id,
				"D:(A;;GA;;;WD)S:(ML;;NW;;;HI)"));
	EXPECT_EQ(ENODATA, ipc_get(SHM, id, &b));
	/* With CAP_MAC_ADMIN (SeRelabelPrivilege) it can. */
	EXPECT_EQ(0, set_as(ALICE, "medium", CAPBIT(CAP_MAC_ADMIN), SHM, id,
			    "D:(A;;GA;;;WD)S:(ML;;NW;;;HI)"));
	ASSERT_EQ(0, ipc_get(SHM, id, &b));
	EXPECT_TRUE(sd_has_nw_label(&b, 0, "HI"));
	/* Now a Medium task cannot write it any more. */
	EXPECT_EQ(EACCES, OP(ALICE, "medium", SHM, id, SHMAT_RW));
	EXPECT_EQ(0, OP(ALICE, "medium", SHM, id, SHMAT_RO));
}

TEST_F(ipcfs, low_owner_relabels_its_own_object_only_down)
{
	int id = create_as(_metadata, MSG, ALICE, "low", NULL);

	/* Removing the label would make it Medium: refused. */
	EXPECT_EQ(EPERM, set_as(ALICE, "low", 0, MSG, id, "D:(A;;GA;;;WD)"));
	EXPECT_EQ(EPERM, set_as(ALICE, "low", 0, MSG, id, NULL));
	EXPECT_EQ(0, set_as(ALICE, "low", 0, MSG, id,
			    "D:(A;;GA;;;WD)S:(ML;;NW;;;LW)"));
	EXPECT_EQ(0, set_as(ALICE, "low", 0, MSG, id,
			    "D:(A;;GA;;;WD)S:(ML;;NW;;;S-1-16-0)"));
	EXPECT_EQ(0, OP(BOB, "untrusted", MSG, id, MSGSND));
}

TEST_F(ipcfs, remove_descriptor_makes_object_unlabeled)
{
	int id = create_as(_metadata, MSG, ALICE, "medium", STORY_SD);
	struct sdbuf b;

	ASSERT_EQ(0, OP(BOB, "low", MSG, id, MSGSND));
	/* Bob's send below means something only once the removal is done. */
	ASSERT_EQ(0, set_as(ALICE, "medium", 0, MSG, id, NULL));
	ASSERT_EQ(ENODATA, ipc_get(MSG, id, &b));
	EXPECT_EQ(EACCES, OP(BOB, "low", MSG, id, MSGSND));
}

TEST_F(ipcfs, audit_aces_need_mac_admin)
{
	int id = create_as(_metadata, MSG, ALICE, "medium", NULL);

	EXPECT_EQ(EPERM, set_as(ALICE, "medium", 0, MSG, id,
				"D:(A;;GA;;;WD)S:(AU;FA;GA;;;WD)"));
	EXPECT_EQ(0, set_as(ALICE, "medium", CAPBIT(CAP_MAC_ADMIN), MSG, id,
			    "D:(A;;GA;;;WD)S:(AU;FA;GA;;;WD)"));
	/* Reading it back shows the audit ACE: SeSecurityPrivilege only. */
	EXPECT_EQ(EPERM, get_as(ALICE, "medium", 0, MSG, id));
	EXPECT_EQ(0, get_as(ALICE, "medium", CAPBIT(CAP_MAC_ADMIN), MSG, id));
}

/* Look the queue @p up from a new IPC namespace: 0 or the errno. */
/*
 * In one process, with the same token throughout: the decision a SysV
 * object's descriptor keeps for that token (counted as "reused") follows
 * a change of the object's owner uid, which stands in for the
 * descriptor's absent owner, and is gone with the descriptor. @p: the
 * semaphore set (granted to OWNER RIGHTS), then the message queue
 * (granted to Everyone). Returns 0, or WRONG_RESULT + the step that went
 * wrong, or PREP_FAILED + errno.
 */
static int ipc_kept_decisions(const void *p)
{
	const int *id = p;
	struct { long type; char text[4]; } msg = { 1, "kept" };
	struct sembuf sop = { 0, 1, IPC_NOWAIT };
	struct semid_ds sds;
	union semun arg = { .buf = &sds };
	long reused;
	int rc;

	if (semop(id[0], &sop, 1))
		return WRONG_RESULT + 0;
	reused = read_stat("reused");
	if (reused < 0)
		return PREP_FAILED + ENOENT;
	if (semop(id[0], &sop, 1))
		return WRONG_RESULT + 1;
	if (read_stat("reused") <= reused)
		return WRONG_RESULT + 2;
	/* Everyone has READ_CONTROL and WRITE_DAC; alice, the creator, gives
	 * the set away.
	 */
	if (semctl(id[0], 0, IPC_STAT, arg))
		return PREP_FAILED + errno;
	sds.sem_perm.uid = BOB;
	if (semctl(id[0], 0, IPC_SET, arg))
		return PREP_FAILED + errno;
	if (!semop(id[0], &sop, 1) || errno != EACCES)
		return WRONG_RESULT + 3;
	if (msgsnd(id[1], &msg, sizeof(msg.text), IPC_NOWAIT) ||
	    msgsnd(id[1], &msg, sizeof(msg.text), IPC_NOWAIT))
		return WRONG_RESULT + 4;
	rc = ipc_set(MSG, id[1], "D:(A;;WD;;;WD)");
	if (rc)
		return PREP_FAILED + rc;
	if (!msgsnd(id[1], &msg, sizeof(msg.text), IPC_NOWAIT) ||
	    errno != EACCES)
		return WRONG_RESULT + 5;
	return 0;
}

TEST_F(ipcfs, kept_decisions_follow_owner_and_descriptor)
{
	const unsigned int rw = WINSEC_IPC_READ | WINSEC_IPC_WRITE;
	int id[2];

	id[0] = create_as(_metadata, SEM, ALICE, "medium", NULL);
	id[1] = create_as(_metadata, MSG, ALICE, "medium", NULL);
	ASSERT_EQ(0, ipc_set(SEM, id[0],
			     SDDLF("D:(A;;%#x;;;OW)(A;;WDRC;;;WD)", rw)));
	ASSERT_EQ(0, ipc_set(MSG, id[1],
			     SDDLF("D:(A;;%#x;;;WD)(A;;WD;;;WD)", rw)));
	EXPECT_EQ(0, run_as(SUBJECT(ALICE, "medium", 0), ipc_kept_decisions,
			    id));
}

static int get_from_new_namespace(const void *p)
{
	struct sdbuf b;

	if (unshare(CLONE_NEWIPC))
		return PREP_FAILED + errno;
	return ipc_get(MSG, *(const int *)p, &b);
}

TEST_F(ipcfs, objects_of_another_namespace_are_not_found)
{
	int id = create_as(_metadata, MSG, ALICE, "medium", NULL);
	int rc;

	ASSERT_EQ(0, ipc_set(MSG, id, "D:(A;;GA;;;WD)"));
	rc = run_as(SUBJECT(KEEP_USER, NULL, all_caps()),
		    get_from_new_namespace, &id);
	if (rc == PREP_FAILED + EINVAL)
		SKIP(return, "no IPC namespaces (CONFIG_IPC_NS)");
	EXPECT_EQ(EINVAL, rc);
}

TEST_HARNESS_MAIN
