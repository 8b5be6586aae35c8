// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - IPC objects: SysV message queues, semaphore sets and
 * shared memory (descriptors at creation, every operation granted and
 * denied across levels, reading and setting descriptors through
 * securityfs), POSIX message queues, POSIX shared memory and semaphores,
 * FIFOs and unix sockets, and the mutex story of seed 000 for each kind.
 *
 * Every test runs in a private IPC namespace: its objects disappear, and
 * are freed, when the test ends.
 */

#include "ipc.h"
#include "fsop.h"

#include <mqueue.h>
#include <semaphore.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

/* The descriptor of seed 000's server, open to Low clients. */
#define STORY_SD	"D:(A;;GA;;;WD)(A;;GA;;;S-1-5-7)S:(ML;;NW;;;LW)"

#define OBJ_KEY		0x57534543

enum kind { MSG, SEM, SHM };

static const char *const kind_name[] = { "msg", "sem", "shm" };

#ifndef SEM_STAT_ANY
#define SEM_STAT_ANY	20
#endif

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

/* --- running code as another subject ------------------------------------ */

typedef int (*subject_fn)(const void *arg);

/*
 * Run @fn in a child that became @uid at @level with @caps, after setting
 * its creator descriptor to @fscreate (SDDL) when not NULL. Returns what
 * @fn returned (an errno, 0 for success), 200 + errno when becoming the
 * subject failed.
 */
static int as_subject(uid_t uid, const char *level, __u64 caps,
		      const char *fscreate, subject_fn fn, const void *arg)
{
	int status, rc;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return 250;
	if (!pid) {
		umask(0);
		rc = become(uid, level, caps);
		if (rc)
			_exit(200 + (rc & 0x3f));
		if (fscreate) {
			struct sdbuf sd;

			if (!sddl_encode(fscreate, &sd))
				_exit(240);
			rc = set_attr(LSM_ATTR_FSCREATE, sd.b, sd.len);
			if (rc)
				_exit(200 + (rc & 0x3f));
		}
		_exit(fn(arg) & 0xff);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 251;
	return WEXITSTATUS(status);
}

/* --- SysV objects ------------------------------------------------------- */

struct create_arg {
	enum kind kind;
	key_t key;
	int fd;		/* where the child writes the identifier */
};

static int do_create(const void *p)
{
	const struct create_arg *a = p;
	int id = -1;

	switch (a->kind) {
	case MSG:
		id = msgget(a->key, IPC_CREAT | IPC_EXCL | 0666);
		break;
	case SEM:
		id = semget(a->key, 1, IPC_CREAT | IPC_EXCL | 0666);
		break;
	case SHM:
		id = shmget(a->key, 4096, IPC_CREAT | IPC_EXCL | 0666);
		break;
	}
	if (id < 0)
		return errno;
	return write(a->fd, &id, sizeof(id)) == sizeof(id) ? 0 : EIO;
}

/*
 * Objects a test made, removed by the teardown: without IPC namespaces
 * (CONFIG_IPC_NS) they live in the shared one.
 */
static int made_ids[3][64];
static int made_count[3];

static void remember(enum kind kind, int id)
{
	if (made_count[kind] < 64)
		made_ids[kind][made_count[kind]++] = id;
}

static const char *const mq_names[] = {
	"/q1", "/q2", "/q3", "/story1", "/story2",
};

/* Switch enforcement (for the teardown, whatever the descriptors say). */
static void set_enforce(const char *value)
{
	int fd = open("/sys/kernel/security/winsec/enforce", O_WRONLY);

	if (fd >= 0) {
		if (write(fd, value, 1) != 1)
			perror("enforce");
		close(fd);
	}
}

static void remove_all(void)
{
	unsigned int i;
	int k;

	set_enforce("0");
	for (k = MSG; k <= SHM; k++) {
		for (i = 0; i < (unsigned int)made_count[k]; i++) {
			int id = made_ids[k][i];

			if (k == MSG)
				msgctl(id, IPC_RMID, NULL);
			else if (k == SEM)
				semctl(id, 0, IPC_RMID);
			else
				shmctl(id, IPC_RMID, NULL);
		}
		made_count[k] = 0;
	}
	for (i = 0; i < ARRAY_SIZE(mq_names); i++)
		mq_unlink(mq_names[i]);
	set_enforce("1");
}

/* Create an object of @kind as @uid at @level; returns its identifier. */
static int create_as(struct __test_metadata *const _metadata, enum kind kind,
		     uid_t uid, const char *level, const char *fscreate)
{
	struct create_arg a = { .kind = kind, .key = OBJ_KEY + kind };
	int fds[2], id = -1;

	ASSERT_EQ(0, pipe(fds));
	a.fd = fds[1];
	ASSERT_EQ(0, as_subject(uid, level, 0, fscreate, do_create, &a));
	ASSERT_EQ(sizeof(id), read(fds[0], &id, sizeof(id)));
	close(fds[0]);
	close(fds[1]);
	remember(kind, id);
	return id;
}

enum ipc_op {
	MSGSND, MSGRCV, MSG_STAT_OP, MSG_SET, MSG_RMID,
	SEMOP_ALTER, SEMOP_READ, SEM_GETVAL, SEM_SETVAL, SEM_STAT_OP, SEM_SET,
	SEM_RMID,
	SHMAT_RO, SHMAT_RW, SHM_STAT_OP, SHM_SET, SHM_RMID,
	ASSOC_READ, ASSOC_WRITE,
};

struct op_arg {
	enum ipc_op op;
	enum kind kind;
	int id;
};

static int assoc(enum kind kind, int flags)
{
	int id = -1;

	switch (kind) {
	case MSG:
		id = msgget(OBJ_KEY + kind, flags);
		break;
	case SEM:
		id = semget(OBJ_KEY + kind, 0, flags);
		break;
	case SHM:
		id = shmget(OBJ_KEY + kind, 0, flags);
		break;
	}
	return id < 0 ? errno : 0;
}

static int do_ipc_op(const void *p)
{
	const struct op_arg *a = p;
	struct { long type; char text[8]; } msg = { 1, "token" };
	struct sembuf sop = { 0, 1, IPC_NOWAIT };
	struct msqid_ds mds;
	struct semid_ds sds;
	struct shmid_ds hds;
	union semun arg;
	void *m;

	switch (a->op) {
	case MSGSND:
		return msgsnd(a->id, &msg, sizeof(msg.text), IPC_NOWAIT) ?
			errno : 0;
	case MSGRCV:
		if (msgrcv(a->id, &msg, sizeof(msg.text), 0, IPC_NOWAIT) < 0)
			return errno == ENOMSG ? 0 : errno;
		return 0;
	case MSG_STAT_OP:
		return msgctl(a->id, IPC_STAT, &mds) ? errno : 0;
	case MSG_SET:
		if (msgctl(a->id, IPC_STAT, &mds))
			return 100 + errno;
		return msgctl(a->id, IPC_SET, &mds) ? errno : 0;
	case MSG_RMID:
		return msgctl(a->id, IPC_RMID, NULL) ? errno : 0;
	case SEMOP_ALTER:
		return semop(a->id, &sop, 1) ? errno : 0;
	case SEMOP_READ:
		/* Wait for zero: EAGAIN means the check passed. */
		sop.sem_op = 0;
		if (semop(a->id, &sop, 1))
			return errno == EAGAIN ? 0 : errno;
		return 0;
	case SEM_GETVAL:
		return semctl(a->id, 0, GETVAL) < 0 ? errno : 0;
	case SEM_SETVAL:
		arg.val = 0;
		return semctl(a->id, 0, SETVAL, arg) ? errno : 0;
	case SEM_STAT_OP:
		arg.buf = &sds;
		return semctl(a->id, 0, IPC_STAT, arg) ? errno : 0;
	case SEM_SET:
		arg.buf = &sds;
		if (semctl(a->id, 0, IPC_STAT, arg))
			return 100 + errno;
		return semctl(a->id, 0, IPC_SET, arg) ? errno : 0;
	case SEM_RMID:
		return semctl(a->id, 0, IPC_RMID) ? errno : 0;
	case SHMAT_RO:
	case SHMAT_RW:
		m = shmat(a->id, NULL, a->op == SHMAT_RO ? SHM_RDONLY : 0);
		if (m == (void *)-1)
			return errno;
		shmdt(m);
		return 0;
	case SHM_STAT_OP:
		return shmctl(a->id, IPC_STAT, &hds) ? errno : 0;
	case SHM_SET:
		if (shmctl(a->id, IPC_STAT, &hds))
			return 100 + errno;
		return shmctl(a->id, IPC_SET, &hds) ? errno : 0;
	case SHM_RMID:
		return shmctl(a->id, IPC_RMID, NULL) ? errno : 0;
	case ASSOC_READ:
		return assoc(a->kind, 0444);
	case ASSOC_WRITE:
		return assoc(a->kind, 0666);
	}
	return EINVAL;
}

static int ipc_op_as(uid_t uid, const char *level, enum kind kind, int id,
		     enum ipc_op op)
{
	struct op_arg a = { .op = op, .kind = kind, .id = id };

	return as_subject(uid, level, 0, NULL, do_ipc_op, &a);
}

#define OP(uid, level, kind, id, op) ipc_op_as(uid, level, kind, id, op)

/* --- the securityfs interface ------------------------------------------- */

/* Read the descriptor of an object into @b; returns 0 or an errno. */
static int ipc_get(enum kind kind, int id, struct sdbuf *b)
{
	return ipc_sd_get(kind_name[kind], id, b);
}

/* Set the descriptor of an object (@sddl NULL: remove it). */
static int ipc_set(enum kind kind, int id, const char *sddl)
{
	return ipc_sd_set(kind_name[kind], id, sddl);
}

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

static int get_as(uid_t uid, const char *level, __u64 caps, enum kind kind,
		  int id)
{
	struct sfs_arg a = { .kind = kind, .id = id, .get = true };

	return as_subject(uid, level, caps, NULL, do_sfs, &a);
}

static int set_as(uid_t uid, const char *level, __u64 caps, enum kind kind,
		  int id, const char *sddl)
{
	struct sfs_arg a = { .kind = kind, .id = id, .sddl = sddl };

	return as_subject(uid, level, caps, NULL, do_sfs, &a);
}

/* --- fixture -------------------------------------------------------------- */

FIXTURE(ipc) {};

FIXTURE_SETUP(ipc)
{
	if (!winsec_active())
		SKIP(return, "winsec is not active");
	/* A private IPC namespace when the kernel has them. */
	if (unshare(CLONE_NEWIPC))
		ASSERT_EQ(EINVAL, errno);
	remove_all();
	prepare_tmpfs(_metadata);
	/* POSIX shared memory and semaphores of this test only. */
	ASSERT_EQ(0, mount("tmpfs", "/dev/shm", "tmpfs", 0, "mode=1777"));
}

FIXTURE_TEARDOWN(ipc)
{
	remove_all();
}

/* --- SysV: descriptors at creation ---------------------------------------- */

TEST_F(ipc, medium_creator_leaves_objects_unlabeled)
{
	struct sdbuf b;
	enum kind k;

	for (k = MSG; k <= SHM; k++) {
		int id = create_as(_metadata, k, ALICE, "medium", NULL);

		EXPECT_EQ(ENODATA, ipc_get(k, id, &b)) {
			TH_LOG("%s %d", kind_name[k], id);
		}
	}
}

TEST_F(ipc, low_creator_labels_objects_low)
{
	struct sdbuf b;
	enum kind k;

	for (k = MSG; k <= SHM; k++) {
		int id = create_as(_metadata, k, ALICE, "low", NULL);

		ASSERT_EQ(0, ipc_get(k, id, &b));
		ASSERT_LT(20, b.len);
		EXPECT_TRUE(sd_has_ace(b.b, b.len, false, 0x11, 0, 1, "LW"));
		/* Owner: the creator; no DACL. */
		EXPECT_EQ(-1, sd_ace_count(b.b, b.len, true));
		EXPECT_EQ(0, b.b[16] | b.b[17] | b.b[18] | b.b[19]);
		EXPECT_NE(0, b.b[4] | b.b[5]);
		/* A Low object is writable by Low, not by Untrusted. */
		EXPECT_EQ(0, OP(ALICE, "low", k, id,
				k == MSG ? MSGSND : k == SEM ? SEMOP_ALTER :
				SHMAT_RW));
		EXPECT_EQ(EACCES, OP(ALICE, "untrusted", k, id,
				     k == MSG ? MSGSND : k == SEM ? SEMOP_ALTER :
				     SHMAT_RW));
	}
}

TEST_F(ipc, fscreate_descriptor_is_used_with_generic_rights_mapped)
{
	struct sdbuf b;
	enum kind k;

	for (k = MSG; k <= SHM; k++) {
		int id = create_as(_metadata, k, ALICE, "medium", STORY_SD);

		ASSERT_EQ(0, ipc_get(k, id, &b));
		/* GA mapped through the IPC mapping: 0x1f0003. */
		EXPECT_TRUE(sd_has_ace(b.b, b.len, true, 0, 0, 0x1f0003, "WD"));
		EXPECT_TRUE(sd_has_ace(b.b, b.len, true, 0, 0, 0x1f0003,
				       "S-1-5-7"));
		EXPECT_TRUE(sd_has_ace(b.b, b.len, false, 0x11, 0, 1, "LW"));
	}
}

/* --- SysV: the operation table ---------------------------------------- */

TEST_F(ipc, msg_operations_low_against_medium)
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

TEST_F(ipc, msg_receive_by_low_takes_the_message)
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

TEST_F(ipc, sem_operations_low_against_medium)
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

TEST_F(ipc, shm_operations_low_against_medium)
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

TEST_F(ipc, dacl_decides_between_medium_users)
{
	int m = create_as(_metadata, MSG, ALICE, "medium", NULL);
	int s = create_as(_metadata, SEM, ALICE, "medium", NULL);
	int h = create_as(_metadata, SHM, ALICE, "medium", NULL);
	/* Everyone reads; bob may not write; SYSTEM may do anything. */
	const char *sd =
		"D:(D;;0x2;;;S-1-22-1-1001)(A;;0x1;;;WD)(A;;0x2;;;S-1-22-1-1000)(A;;GA;;;SY)";

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

TEST_F(ipc, unix_permissions_still_apply)
{
	int id = create_as(_metadata, MSG, ALICE, "medium", NULL);

	/* A NULL DACL grants everything, the mode bits still refuse. */
	ASSERT_EQ(0, ipc_set(MSG, id, "D:NO_ACCESS_CONTROL"));
	EXPECT_EQ(EPERM, OP(BOB, "medium", MSG, id, MSG_RMID));
	EXPECT_EQ(0, OP(BOB, "medium", MSG, id, MSGSND));
}

/* --- SysV: reading and setting descriptors ------------------------------ */

TEST_F(ipc, get_returns_what_was_set)
{
	int id = create_as(_metadata, SEM, ALICE, "medium", NULL);
	const char *text =
		"O:S-1-22-1-1000G:S-1-22-2-1000D:(A;;0x20003;;;WD)S:(ML;;NW;;;LW)";
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

TEST_F(ipc, get_needs_read_control)
{
	int id = create_as(_metadata, MSG, ALICE, "medium", NULL);

	ASSERT_EQ(0, ipc_set(MSG, id, "D:(A;;0x3;;;WD)(A;;GA;;;SY)"));
	EXPECT_EQ(EACCES, get_as(BOB, "medium", 0, MSG, id));
	/* The owner has READ_CONTROL implicitly. */
	EXPECT_EQ(0, get_as(ALICE, "medium", 0, MSG, id));
}

TEST_F(ipc, bad_requests_are_refused_and_change_nothing)
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

TEST_F(ipc, first_descriptor_is_the_owners)
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

/* Owned by alice; bob has WRITE_DAC (in 0x60003), not WRITE_OWNER. */
static const char sd_bob_write_dac[] =
	"O:S-1-22-1-1000D:(A;;0x60003;;;S-1-22-1-1001)(A;;GA;;;SY)";
/* What bob sets: one more entry; the same with a new owner, or a label. */
static const char sd_bob_new_entry[] =
	"O:S-1-22-1-1000D:(A;;0x60003;;;S-1-22-1-1001)(A;;0x1;;;WD)(A;;GA;;;SY)";
static const char sd_bob_new_owner[] =
	"O:S-1-22-1-1001D:(A;;0x60003;;;S-1-22-1-1001)(A;;0x1;;;WD)(A;;GA;;;SY)";
static const char sd_bob_new_label[] =
	"O:S-1-22-1-1000D:(A;;0x60003;;;S-1-22-1-1001)(A;;0x1;;;WD)(A;;GA;;;SY)S:(ML;;NW;;;LW)";

TEST_F(ipc, setting_needs_write_dac_and_write_owner)
{
	int id = create_as(_metadata, SEM, ALICE, "medium", NULL);

	/* bob may change the DACL, not the owner. */
	ASSERT_EQ(0, ipc_set(SEM, id, sd_bob_write_dac));
	EXPECT_EQ(0, set_as(BOB, "medium", 0, SEM, id, sd_bob_new_entry));
	EXPECT_EQ(EACCES, set_as(BOB, "medium", 0, SEM, id, sd_bob_new_owner));
	/* Nor the label. */
	EXPECT_EQ(EACCES, set_as(BOB, "medium", 0, SEM, id, sd_bob_new_label));
	/* A user without WRITE_DAC gets nothing. */
	EXPECT_EQ(EACCES, set_as(1002, "medium", 0, SEM, id, "D:(A;;GA;;;WD)"));
}

TEST_F(ipc, label_not_above_the_callers_level)
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
	EXPECT_TRUE(sd_has_ace(b.b, b.len, false, 0x11, 0, 1, "HI"));
	/* Now a Medium task cannot write it any more. */
	EXPECT_EQ(EACCES, OP(ALICE, "medium", SHM, id, SHMAT_RW));
	EXPECT_EQ(0, OP(ALICE, "medium", SHM, id, SHMAT_RO));
}

TEST_F(ipc, low_owner_relabels_its_own_object_only_down)
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

TEST_F(ipc, remove_descriptor_makes_object_unlabeled)
{
	int id = create_as(_metadata, MSG, ALICE, "medium", STORY_SD);
	struct sdbuf b;

	ASSERT_EQ(0, OP(BOB, "low", MSG, id, MSGSND));
	EXPECT_EQ(0, set_as(ALICE, "medium", 0, MSG, id, NULL));
	EXPECT_EQ(ENODATA, ipc_get(MSG, id, &b));
	EXPECT_EQ(EACCES, OP(BOB, "low", MSG, id, MSGSND));
}

TEST_F(ipc, audit_aces_need_mac_admin)
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

TEST_F(ipc, objects_of_another_namespace_are_not_found)
{
	int id = create_as(_metadata, MSG, ALICE, "medium", NULL);
	struct sdbuf b;
	pid_t pid;
	int status;

	ASSERT_EQ(0, ipc_set(MSG, id, "D:(A;;GA;;;WD)"));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		if (unshare(CLONE_NEWIPC))
			_exit(errno == EINVAL ? 3 : 1);
		_exit(ipc_get(MSG, id, &b) == EINVAL ? 0 : 2);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	if (WEXITSTATUS(status) == 3)
		SKIP(return, "no IPC namespaces (CONFIG_IPC_NS)");
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_F(ipc, many_labelled_objects_come_and_go)
{
	enum kind k;
	int i;

	/* Creation, relabelling and removal: the debug kernel's kmemleak
	 * scan after the tests finds any descriptor left behind.
	 */
	for (i = 0; i < 20; i++) {
		for (k = MSG; k <= SHM; k++) {
			struct create_arg a = { .kind = k, .key = IPC_PRIVATE };
			int fds[2], id;

			ASSERT_EQ(0, pipe(fds));
			a.fd = fds[1];
			ASSERT_EQ(0, as_subject(ALICE, "low", 0,
						i % 2 ? STORY_SD : NULL,
						do_create, &a));
			ASSERT_EQ(sizeof(id), read(fds[0], &id, sizeof(id)));
			close(fds[0]);
			close(fds[1]);
			ASSERT_EQ(0, ipc_set(k, id,
					     "D:(A;;GA;;;WD)S:(ML;;NW;;;LW)"));
			ASSERT_EQ(0, OP(ALICE, "low", k, id,
					k == MSG ? MSG_RMID : k == SEM ? SEM_RMID :
					SHM_RMID));
		}
	}
}

/* --- POSIX message queues ------------------------------------------------- */

struct mq_arg {
	const char *name;
	int flags;
};

static int do_mq(const void *p)
{
	const struct mq_arg *a = p;
	mqd_t q = mq_open(a->name, a->flags, 0666, NULL);

	if (q == (mqd_t)-1)
		return errno;
	if ((a->flags & O_ACCMODE) != O_RDONLY &&
	    mq_send(q, "x", 1, 0) && errno != EAGAIN)
		return 100 + errno;
	mq_close(q);
	return 0;
}

static int mq_as(uid_t uid, const char *level, const char *fscreate,
		 const char *name, int flags)
{
	struct mq_arg a = { .name = name, .flags = flags };

	return as_subject(uid, level, 0, fscreate, do_mq, &a);
}

TEST_F(ipc, posix_mq_default_and_low_creator)
{
	/* A Medium creator: read-only for Low. */
	ASSERT_EQ(0, mq_as(ALICE, "medium", NULL, "/q1", O_CREAT | O_RDWR));
	EXPECT_EQ(EACCES, mq_as(ALICE, "low", NULL, "/q1", O_WRONLY));
	EXPECT_EQ(0, mq_as(ALICE, "low", NULL, "/q1", O_RDONLY));
	EXPECT_EQ(0, mq_as(BOB, "medium", NULL, "/q1", O_WRONLY));
	/* Low cannot create queues: the queue directory is Medium. */
	EXPECT_EQ(EACCES, mq_as(ALICE, "low", NULL, "/q2", O_CREAT | O_RDWR));
	/* A Medium creator with a creator descriptor that denies bob. */
	ASSERT_EQ(0, mq_as(ALICE, "medium",
			   "D:(D;;GA;;;S-1-22-1-1001)(A;;GA;;;WD)",
			   "/q3", O_CREAT | O_RDWR));
	EXPECT_EQ(EACCES, mq_as(BOB, "medium", NULL, "/q3", O_RDONLY));
	EXPECT_EQ(0, mq_as(ALICE, "medium", NULL, "/q3", O_RDWR));
	EXPECT_EQ(0, mq_unlink("/q1"));
	EXPECT_EQ(0, mq_unlink("/q3"));
}

/* --- POSIX shared memory and semaphores on /dev/shm ----------------------- */

struct shm_arg {
	const char *name;
	int flags;
	bool sem;
};

static int do_posix_shm(const void *p)
{
	const struct shm_arg *a = p;
	sem_t *s;
	int fd;

	if (a->sem) {
		s = sem_open(a->name, a->flags, 0666, 0);
		if (s == SEM_FAILED)
			return errno;
		sem_close(s);
		return 0;
	}
	fd = shm_open(a->name, a->flags, 0666);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int posix_shm_as(uid_t uid, const char *level, const char *fscreate,
			const char *name, int flags, bool sem)
{
	struct shm_arg a = { .name = name, .flags = flags, .sem = sem };

	return as_subject(uid, level, 0, fscreate, do_posix_shm, &a);
}

TEST_F(ipc, posix_shm_and_semaphores_follow_the_file_rules)
{
	struct sdbuf b;

	ASSERT_EQ(0, posix_shm_as(ALICE, "medium", NULL, "/s1", O_CREAT | O_RDWR,
				  false));
	EXPECT_EQ(EACCES, posix_shm_as(ALICE, "low", NULL, "/s1", O_RDWR,
				       false));
	EXPECT_EQ(0, posix_shm_as(ALICE, "low", NULL, "/s1", O_RDONLY, false));
	ASSERT_EQ(0, posix_shm_as(ALICE, "medium", NULL, "/m1", O_CREAT, true));
	EXPECT_EQ(EACCES, posix_shm_as(ALICE, "low", NULL, "/m1", 0, true));
	/* Under the story's descriptor: stored as the xattr, open to Low. */
	ASSERT_EQ(0, posix_shm_as(ALICE, "medium", STORY_SD, "/s2",
				  O_CREAT | O_RDWR, false));
	ASSERT_LT(0, get_sd("/dev/shm/s2", &b));
	EXPECT_TRUE(sd_has_ace(b.b, b.len, false, 0x11, 0, 1, "LW"));
	EXPECT_EQ(0, posix_shm_as(ALICE, "low", NULL, "/s2", O_RDWR, false));
	ASSERT_EQ(0, posix_shm_as(ALICE, "medium", STORY_SD, "/m2", O_CREAT,
				  true));
	EXPECT_EQ(0, posix_shm_as(ALICE, "low", NULL, "/m2", 0, true));
}

/* --- FIFOs and unix sockets ----------------------------------------------- */

static int do_mkfifo(const void *p)
{
	return mkfifo(p, 0666) ? errno : 0;
}

static int do_open_fifo(const void *p)
{
	int fd = open(p, O_WRONLY | O_NONBLOCK);

	if (fd < 0)
		return errno == ENXIO ? 0 : errno;	/* no reader yet */
	close(fd);
	return 0;
}

static int do_connect(const void *p)
{
	struct op op = { .kind = OP_CONNECT, .path = p };

	return do_op(&op);
}

/*
 * A server: as @uid at @level with @fscreate, bind and listen on @path, then
 * wait until the test closes the pipe. Returns the server's pid.
 */
static pid_t start_server(struct __test_metadata *const _metadata,
			  const char *fscreate, const char *path, int *ctl)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int ready[2], hold[2];
	pid_t pid;
	char c;

	ASSERT_EQ(0, pipe(ready));
	ASSERT_EQ(0, pipe(hold));
	fflush(NULL);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		struct sdbuf sd;
		int fd;

		close(ready[0]);
		close(hold[1]);
		umask(0);
		if (become(ALICE, "medium", 0))
			_exit(1);
		if (fscreate && (!sddl_encode(fscreate, &sd) ||
				 set_attr(LSM_ATTR_FSCREATE, sd.b, sd.len)))
			_exit(2);
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
		if (fd < 0 || bind(fd, (struct sockaddr *)&sun, sizeof(sun)) ||
		    listen(fd, 8))
			_exit(3);
		if (write(ready[1], "r", 1) != 1)
			_exit(4);
		read(hold[0], &c, 1);
		_exit(0);
	}
	close(ready[1]);
	close(hold[0]);
	ASSERT_EQ(1, read(ready[0], &c, 1));
	close(ready[0]);
	*ctl = hold[1];
	return pid;
}

static void stop_server(pid_t pid, int ctl)
{
	close(ctl);
	waitpid(pid, NULL, 0);
}

TEST_F(ipc, fifo_opened_under_the_file_rules)
{
	ASSERT_EQ(0, as_subject(ALICE, "medium", 0, NULL, do_mkfifo, P("f1")));
	EXPECT_EQ(EACCES, as_subject(BOB, "low", 0, NULL, do_open_fifo,
				     P("f1")));
	EXPECT_EQ(0, as_subject(BOB, "medium", 0, NULL, do_open_fifo, P("f1")));
	/* A DACL that denies bob write access. */
	SET_SD(P("f1"), "D:(D;;0x2;;;S-1-22-1-1001)(A;;GA;;;WD)");
	EXPECT_EQ(EACCES, as_subject(BOB, "medium", 0, NULL, do_open_fifo,
				     P("f1")));
	EXPECT_EQ(0, as_subject(ALICE, "medium", 0, NULL, do_open_fifo,
				P("f1")));
}

TEST_F(ipc, unix_socket_connect_needs_write)
{
	pid_t pid;
	int ctl;

	pid = start_server(_metadata, NULL, P("sock1"), &ctl);
	EXPECT_EQ(EACCES, as_subject(BOB, "low", 0, NULL, do_connect,
				     P("sock1")));
	EXPECT_EQ(0, as_subject(BOB, "medium", 0, NULL, do_connect,
				P("sock1")));
	SET_SD(P("sock1"), "D:(A;;FR;;;WD)(A;;FA;;;S-1-22-1-1000)");
	EXPECT_EQ(EACCES, as_subject(BOB, "medium", 0, NULL, do_connect,
				     P("sock1")));
	EXPECT_EQ(0, as_subject(ALICE, "medium", 0, NULL, do_connect,
				P("sock1")));
	stop_server(pid, ctl);
}

/* --- seed 000: the mutex story, for every kind of object ------------------ */

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
	ASSERT_EQ(0, OP(ALICE, "medium", k, id,
			k == MSG ? MSG_RMID : k == SEM ? SEM_RMID : SHM_RMID));
	id = create_as(_metadata, k, ALICE, "medium", STORY_SD);
	EXPECT_EQ(0, OP(BOB, "low", k, id, use));
	EXPECT_EQ(0, OP(BOB, "low", k, id, ASSOC_WRITE));
}

TEST_F(ipc, story_semaphore_set)
{
	sysv_story(_metadata, SEM, SEMOP_ALTER);
}

TEST_F(ipc, story_message_queue)
{
	sysv_story(_metadata, MSG, MSGSND);
}

TEST_F(ipc, story_shared_memory)
{
	sysv_story(_metadata, SHM, SHMAT_RW);
}

TEST_F(ipc, story_posix_message_queue)
{
	ASSERT_EQ(0, mq_as(ALICE, "medium", NULL, "/story1", O_CREAT | O_RDWR));
	EXPECT_EQ(EACCES, mq_as(BOB, "low", NULL, "/story1", O_WRONLY));
	ASSERT_EQ(0, mq_as(ALICE, "medium", STORY_SD, "/story2",
			   O_CREAT | O_RDWR));
	EXPECT_EQ(0, mq_as(BOB, "low", NULL, "/story2", O_WRONLY));
	EXPECT_EQ(0, mq_as(BOB, "low", NULL, "/story2", O_RDWR));
}

TEST_F(ipc, story_fifo)
{
	ASSERT_EQ(0, as_subject(ALICE, "medium", 0, NULL, do_mkfifo,
				P("pipe1")));
	EXPECT_EQ(EACCES, as_subject(BOB, "low", 0, NULL, do_open_fifo,
				     P("pipe1")));
	ASSERT_EQ(0, as_subject(ALICE, "medium", 0, STORY_SD, do_mkfifo,
				P("pipe2")));
	EXPECT_EQ(0, as_subject(BOB, "low", 0, NULL, do_open_fifo, P("pipe2")));
}

TEST_F(ipc, story_unix_socket)
{
	pid_t pid;
	int ctl;

	pid = start_server(_metadata, NULL, P("story1"), &ctl);
	EXPECT_EQ(EACCES, as_subject(BOB, "low", 0, NULL, do_connect,
				     P("story1")));
	stop_server(pid, ctl);
	pid = start_server(_metadata, STORY_SD, P("story2"), &ctl);
	EXPECT_EQ(0, as_subject(BOB, "low", 0, NULL, do_connect, P("story2")));
	stop_server(pid, ctl);
}

TEST_HARNESS_MAIN
