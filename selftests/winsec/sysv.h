/* SPDX-License-Identifier: GPL-2.0 */
/*
 * winsec selftests - SysV IPC objects: made and used as another subject,
 * their descriptors read and set through securityfs; and the fixture of
 * every IPC test.
 *
 * Every IPC test runs in a private IPC namespace when the kernel has them:
 * its objects disappear, and are freed, when the test ends.
 */

#ifndef _SELFTESTS_WINSEC_SYSV_H
#define _SELFTESTS_WINSEC_SYSV_H

#include "desc.h"

#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#define OBJ_KEY		0x57534543	/* "WSEC" */

enum kind { MSG, SEM, SHM };

static const char *const kind_name[] = { "msg", "sem", "shm" };

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

#define IPC_GET_FILE	"/sys/kernel/security/winsec/ipc/get"
#define IPC_SET_FILE	"/sys/kernel/security/winsec/ipc/set"

/*
 * Read the descriptor of the SysV object @type ("msg", "sem" or "shm") @id
 * into @b; returns 0 or an errno.
 */
static inline int ipc_sd_get(const char *type, int id, struct sdbuf *b)
{
	char cmd[32];
	int fd, rc = 0;
	ssize_t n;

	b->len = 0;
	fd = open(IPC_GET_FILE, O_RDWR);
	if (fd < 0)
		return errno;
	snprintf(cmd, sizeof(cmd), "%s %d\n", type, id);
	if (write(fd, cmd, strlen(cmd)) < 0) {
		rc = errno;
	} else {
		n = pread(fd, b->b, sizeof(b->b), 0);
		if (n < 0)
			rc = errno;
		else
			b->len = n;
	}
	close(fd);
	return rc;
}

/* Write a raw request to the set file; returns 0 or an errno. */
static inline int ipc_sd_set_raw(const void *req, size_t len)
{
	int fd = open(IPC_SET_FILE, O_WRONLY), rc = 0;

	if (fd < 0)
		return errno;
	if (write(fd, req, len) != (ssize_t)len)
		rc = errno;
	close(fd);
	return rc;
}

/*
 * Set the descriptor of the SysV object @type @id (@sddl NULL: remove it);
 * returns 0, an errno, or SDDL_UNKNOWN.
 */
static inline int ipc_sd_set(const char *type, int id, const char *sddl)
{
	char req[sizeof(struct sdbuf) + 32];
	struct sdbuf sd = { .len = 0 };
	int n;

	if (sddl && !sddl_encode(sddl, &sd))
		return SDDL_UNKNOWN;
	n = snprintf(req, 32, "%s %d\n", type, id);
	memcpy(req + n, sd.b, sd.len);
	return ipc_sd_set_raw(req, n + sd.len);
}

/* Read the descriptor of an object into @b; returns 0 or an errno. */
static inline int ipc_get(enum kind kind, int id, struct sdbuf *b)
{
	return ipc_sd_get(kind_name[kind], id, b);
}

/* Set the descriptor of an object (@sddl NULL: remove it). */
static inline int ipc_set(enum kind kind, int id, const char *sddl)
{
	return ipc_sd_set(kind_name[kind], id, sddl);
}

/* --- making objects ------------------------------------------------------ */

/*
 * Objects a test made, removed by the teardown: without IPC namespaces
 * (CONFIG_IPC_NS) they live in the shared one.
 */
static int made_ids[3][64];
static int made_count[3];

static inline void remember(enum kind kind, int id)
{
	if (made_count[kind] < 64)
		made_ids[kind][made_count[kind]++] = id;
}

/* Switch enforcement (for the teardown, whatever the descriptors say). */
static inline void set_enforce(const char *value)
{
	int fd = open("/sys/kernel/security/winsec/enforce", O_WRONLY);

	if (fd >= 0) {
		if (write(fd, value, 1) != 1)
			perror("enforce");
		close(fd);
	}
}

/* Remove the SysV objects the test made, with enforcement off. */
static inline void sysv_remove_all(void)
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
	set_enforce("1");
}

/*
 * The setup of every IPC test: a private IPC namespace when the kernel has
 * them, a private tmpfs, and a private /dev/shm.
 */
static inline void ipc_setup(struct __test_metadata *const _metadata)
{
	if (!winsec_active())
		SKIP(return, "winsec is not active");
	if (unshare(CLONE_NEWIPC))
		ASSERT_EQ(EINVAL, errno);
	sysv_remove_all();
	prepare_tmpfs(_metadata);
	/* POSIX shared memory and semaphores of this test only. */
	ASSERT_EQ(0, mount("tmpfs", "/dev/shm", "tmpfs", 0, "mode=1777"));
}

struct create_arg {
	enum kind kind;
	key_t key;
	const char *fscreate;	/* SDDL, NULL: none */
	int fd;			/* where the child writes the identifier */
};

static inline int do_create(const void *p)
{
	const struct create_arg *a = p;
	int id = -1, rc;

	rc = set_fscreate(a->fscreate);
	if (rc)
		return PREP_FAILED + rc;
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
 * Create an object of @kind with @key as @uid at @level, under the creator
 * descriptor @fscreate (SDDL) when not NULL; returns its identifier.
 */
static inline int create_key_as(struct __test_metadata *const _metadata,
				enum kind kind, key_t key, uid_t uid,
				const char *level, const char *fscreate)
{
	struct create_arg a = { .kind = kind, .key = key,
				.fscreate = fscreate };
	int fds[2], id = -1;

	ASSERT_EQ(0, pipe(fds));
	a.fd = fds[1];
	ASSERT_EQ(0, run_as(SUBJECT(uid, level, 0), do_create, &a));
	ASSERT_EQ(sizeof(id), read(fds[0], &id, sizeof(id)));
	close(fds[0]);
	close(fds[1]);
	remember(kind, id);
	return id;
}

/* The same with the key of its kind (one object of a kind at a time). */
#define create_as(_metadata, _kind, _uid, _level, _fscreate)		\
	create_key_as(_metadata, _kind, OBJ_KEY + (_kind), _uid, _level,	\
		      _fscreate)

/* --- using them ------------------------------------------------------------ */

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

/* msgget/semget/shmget of the object of @kind asking @flags. */
static inline int assoc(enum kind kind, int flags)
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

/* One operation on an object: 0 or its errno. */
static inline int do_ipc_op(const void *p)
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
			return PREP_FAILED + errno;
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
			return PREP_FAILED + errno;
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
			return PREP_FAILED + errno;
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

/* Do @op on the object @id of @kind as @uid at @level: 0 or the errno. */
#define OP(_uid, _level, _kind, _id, _op)				\
	run_as(SUBJECT(_uid, _level, 0), do_ipc_op,			\
	       &(struct op_arg){ .op = (_op), .kind = (_kind), .id = (_id) })

/* What removes an object of @kind. */
static inline enum ipc_op rmid_op(enum kind kind)
{
	return kind == MSG ? MSG_RMID : kind == SEM ? SEM_RMID : SHM_RMID;
}

/* What writes to an object of @kind. */
static inline enum ipc_op write_op(enum kind kind)
{
	return kind == MSG ? MSGSND : kind == SEM ? SEMOP_ALTER : SHMAT_RW;
}

#endif /* _SELFTESTS_WINSEC_SYSV_H */
