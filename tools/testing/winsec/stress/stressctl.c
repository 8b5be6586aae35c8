// SPDX-License-Identifier: GPL-2.0-only
/*
 * stressctl - the guest's side of make stress (scripts/guest/stress.sh)
 *
 * One static program for the parts of the stress scenario that a shell
 * cannot do, or cannot do fast enough under QEMU:
 *
 *   stressctl runas [--nice N] [--nproc N] [--as BYTES] [--fsize BYTES]
 *		    UID GID CMD [ARG...]
 *	become UID (group GID, no supplementary groups) with that priority
 *	and those resource limits, and execute CMD
 *   stressctl tsc-khz
 *	(on the host) the TSC's frequency in kHz, for tsc_early_khz=
 *   stressctl mkipc (msg|sem|shm|mq NAME) [SDFILE]
 *	make a SysV object (mode 0666) or a POSIX queue (mode 0666) under
 *	the creator descriptor in SDFILE (binary), fill it (one message,
 *	semaphore values, a page of a pattern) and print its id or name
 *   stressctl snap (file PATH | dir PATH | msg ID | sem ID | shm ID | mq NAME)
 *	print one line that changes when the object's content or
 *	descriptor changes (run as root at System)
 *   stressctl attack SECONDS SPEC [--count]
 *	the canary attacker: every way of writing the canaries of SPEC,
 *	for SECONDS (at least one round), each of which must fail; and, for
 *	each way, the same operation on a Low twin object, which must
 *	succeed; --count reads winsec's denial counter around each of them
 *   stressctl relabel SECONDS SPEC STATE
 *	the relabeler: rewrites the descriptors of the targets of SPEC with
 *	valid descriptors (each must be accepted) and invalid ones (each
 *	must be refused with EINVAL and change nothing); writes the last
 *	descriptor it set on each persistent target to STATE
 *   stressctl verify STATE
 *	compares each target's stored descriptor with STATE
 *   stressctl attrfuzz SECONDS
 *	random bytes to the task attributes (the files of /proc/self/attr,
 *	lsm_set_self_attr) and winsec's securityfs files; checks that the
 *	level never rises and that enforcement never changes
 *
 * Results are lines on standard output that the host reads from the
 * console (tools/testing/winsec/stress/stress-report.py):
 *
 *   ATTACK WHO OP attempts=N refused=N granted=N other=N controls=N control_failed=N
 *	[denials=N control_denials=N]
 *   RELABEL KIND TARGET valid=N valid_failed=N invalid=N invalid_failed=N changed=N gone=N
 *   VERIFY TARGET ok|MISMATCH|ERROR ...
 *   ATTRFUZZ ops=N raised=N enforce_changed=N level=LEVEL
 *
 * The descriptors come from files written by "winsec encode", so this
 * program needs no SDDL of its own.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <mqueue.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/resource.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#ifndef __NR_lsm_get_self_attr
#define __NR_lsm_get_self_attr	459
#endif
#ifndef __NR_lsm_set_self_attr
#define __NR_lsm_set_self_attr	460
#endif
#define LSM_ID_WINSEC		114
#define ATTR_CURRENT		100
#define ATTR_FSCREATE		102

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE		2
#endif

#define XATTR_WINSEC		"security.winsec"
#define SECFS			"/sys/kernel/security/winsec"
#define SD_MAX			65536
#define MAX_ITEMS		64
#define MAX_SDS			8
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

struct lsm_ctx_hdr {
	uint64_t id;
	uint64_t flags;
	uint64_t len;
	uint64_t ctx_len;
};

struct blob {
	size_t len;
	unsigned char data[SD_MAX];
};

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "stressctl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t rng_state = 88172645463325252ULL;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void seed(void)
{
	rng_state ^= (uint64_t)getpid() << 32 ^ (uint64_t)(now() * 1e9);
	if (!rng_state)
		rng_state = 1;
}

static uint64_t fnv(const void *p, size_t n, uint64_t h)
{
	const unsigned char *c = p;

	while (n--)
		h = (h ^ *c++) * 0x100000001b3ULL;
	return h;
}

static void load_blob(const char *path, struct blob *b)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		die("%s: %s", path, strerror(errno));
	n = read(fd, b->data, sizeof(b->data));
	if (n <= 0)
		die("%s: cannot read a descriptor", path);
	b->len = n;
	close(fd);
}

static void hex(FILE *f, const unsigned char *p, size_t n)
{
	while (n--)
		fprintf(f, "%02x", *p++);
}

static long parse_long(const char *s, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || !*s || *end)
		die("%s: not a number: %s", what, s);
	return v;
}

/* --- task attributes ------------------------------------------------------ */

static int set_self_attr(unsigned int attr, const void *val, size_t len,
			 uint64_t flags)
{
	static unsigned char buf[sizeof(struct lsm_ctx_hdr) + SD_MAX];
	struct lsm_ctx_hdr *h = (struct lsm_ctx_hdr *)buf;

	h->id = LSM_ID_WINSEC;
	h->flags = flags;
	h->ctx_len = len;
	h->len = sizeof(*h) + len;
	memcpy(buf + sizeof(*h), val, len);
	return syscall(__NR_lsm_set_self_attr, attr, buf, h->len, 0);
}

/* The caller's level as /proc/self/attr/current says it ("low\n"). */
static void self_level(char *out, size_t size)
{
	int fd = open("/proc/self/attr/current", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, out, size - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0) {
		snprintf(out, size, "?");
		return;
	}
	out[n] = 0;
	out[strcspn(out, "\n")] = 0;
}

static int level_rank(const char *level)
{
	static const char *const names[] = {
		"untrusted", "low", "medium", "medium-plus", "high", "system",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(level, names[i]))
			return i;
	return 100;
}

/* --- runas, tsc-khz ------------------------------------------------------- */

static void limit(int resource, const char *value)
{
	struct rlimit rl;

	rl.rlim_cur = parse_long(value, "limit");
	rl.rlim_max = rl.rlim_cur;
	if (setrlimit(resource, &rl))
		die("setrlimit %s: %s", value, strerror(errno));
}

static int cmd_runas(int argc, char **argv)
{
	gid_t gid;
	uid_t uid;

	/* Options first: --nice N, --nproc N, --as BYTES, --fsize BYTES. */
	while (argc > 2 && !strncmp(argv[1], "--", 2)) {
		if (!strcmp(argv[1], "--nice")) {
			if (setpriority(PRIO_PROCESS, 0, parse_long(argv[2], "nice")))
				die("setpriority: %s", strerror(errno));
		} else if (!strcmp(argv[1], "--nproc")) {
			limit(RLIMIT_NPROC, argv[2]);
		} else if (!strcmp(argv[1], "--as")) {
			limit(RLIMIT_AS, argv[2]);
		} else if (!strcmp(argv[1], "--fsize")) {
			limit(RLIMIT_FSIZE, argv[2]);
		} else {
			die("runas: unknown option %s", argv[1]);
		}
		argc -= 2;
		argv += 2;
	}
	if (argc < 4)
		die("usage: stressctl runas [--nice N] [--nproc N] [--as BYTES] [--fsize BYTES]\n"
		    "       UID GID CMD [ARG...]");
	uid = parse_long(argv[1], "UID");
	gid = parse_long(argv[2], "GID");
	if (setgroups(1, &gid) || setresgid(gid, gid, gid) ||
	    setresuid(uid, uid, uid))
		die("runas %u:%u: %s", uid, gid, strerror(errno));
	execvp(argv[3], argv + 3);
	die("%s: %s", argv[3], strerror(errno));
	return 2;
}

static int cmd_tsc_khz(void)
{
#if defined(__x86_64__)
	struct timespec t0, t1, pause = { .tv_nsec = 200000000 };
	unsigned long long c0, c1;

	clock_gettime(CLOCK_MONOTONIC_RAW, &t0);
	c0 = __builtin_ia32_rdtsc();
	nanosleep(&pause, NULL);
	c1 = __builtin_ia32_rdtsc();
	clock_gettime(CLOCK_MONOTONIC_RAW, &t1);
	printf("%.0f\n", (c1 - c0) * 1e6 /
	       ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)));
	return 0;
#else
	return 1;
#endif
}

/* --- IPC objects ---------------------------------------------------------- */

#define CANARY_MSG	"winsec canary message"
#define MQ_MSGSIZE	64

struct msgbuf1 {
	long mtype;
	char mtext[64];
};

static int ipc_type(const char *s)
{
	if (!strcmp(s, "msg"))
		return 'm';
	if (!strcmp(s, "sem"))
		return 's';
	if (!strcmp(s, "shm"))
		return 'h';
	if (!strcmp(s, "mq"))
		return 'q';
	return 0;
}

static int mkipc(int type, const char *name)
{
	struct msgbuf1 m = { .mtype = 1 };
	unsigned short vals[2] = { 7, 11 };
	struct mq_attr qa = { .mq_maxmsg = 4, .mq_msgsize = MQ_MSGSIZE };
	int id = -1;
	void *p;
	mqd_t q;

	switch (type) {
	case 'm':
		id = msgget(IPC_PRIVATE, IPC_CREAT | 0666);
		snprintf(m.mtext, sizeof(m.mtext), CANARY_MSG);
		if (id >= 0 && msgsnd(id, &m, sizeof(m.mtext), IPC_NOWAIT))
			die("msgsnd: %s", strerror(errno));
		break;
	case 's':
		id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0666);
		if (id >= 0 && semctl(id, 0, SETALL, vals))
			die("semctl SETALL: %s", strerror(errno));
		break;
	case 'h':
		id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0666);
		if (id < 0)
			break;
		p = shmat(id, NULL, 0);
		if (p == (void *)-1)
			die("shmat: %s", strerror(errno));
		memset(p, 0x5a, 4096);
		shmdt(p);
		break;
	case 'q':
		q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0666, &qa);
		if (q == (mqd_t)-1)
			die("mq_open %s: %s", name, strerror(errno));
		if (mq_send(q, CANARY_MSG, sizeof(CANARY_MSG), 0))
			die("mq_send: %s", strerror(errno));
		mq_close(q);
		printf("%s\n", name);
		return 0;
	}
	if (id < 0)
		die("cannot create the object: %s", strerror(errno));
	printf("%d\n", id);
	return 0;
}

static int cmd_mkipc(int argc, char **argv)
{
	static struct blob sd;
	const char *name = NULL;
	int type, i = 2;

	type = argc < 2 ? 0 : ipc_type(argv[1]);
	if (!type)
		die("usage: stressctl mkipc (msg|sem|shm|mq NAME) [SDFILE]");
	/* A queue's mode goes through the umask: keep it 0666. */
	umask(0);
	if (type == 'q') {
		if (argc < 3)
			die("mkipc mq: a queue name is needed");
		name = argv[i++];
	}
	if (i < argc) {
		load_blob(argv[i], &sd);
		if (set_self_attr(ATTR_FSCREATE, sd.data, sd.len, 0))
			die("creator descriptor %s: %s", argv[i], strerror(errno));
	}
	return mkipc(type, name);
}

static const char *const ipc_names[] = { ['m'] = "msg", ['s'] = "sem",
					 ['h'] = "shm", ['q'] = "mq" };

/* The stored descriptor of a SysV object; its length, or -errno. */
static int ipc_get_sd(int type, int id, unsigned char *buf, size_t size)
{
	int fd = open(SECFS "/ipc/get", O_RDWR);
	ssize_t n;

	if (fd < 0)
		return -errno;
	if (dprintf(fd, "%s %d\n", ipc_names[type], id) < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	n = pread(fd, buf, size, 0);
	if (n < 0)
		n = -errno;
	close(fd);
	return n;
}

/* Replaces the descriptor of a SysV object: 0 or -errno. */
static int ipc_set_sd(int type, int id, const unsigned char *sd, size_t len)
{
	static unsigned char buf[64 + SD_MAX];
	int fd = open(SECFS "/ipc/set", O_WRONLY);
	int head, rc = 0;

	if (fd < 0)
		return -errno;
	head = snprintf((char *)buf, 64, "%s %d\n", ipc_names[type], id);
	memcpy(buf + head, sd, len);
	if (write(fd, buf, head + len) < 0)
		rc = -errno;
	close(fd);
	return rc;
}

/* --- snap ----------------------------------------------------------------- */

static void snap_sd_file(const char *path)
{
	static unsigned char sd[SD_MAX];
	ssize_t n = lgetxattr(path, XATTR_WINSEC, sd, sizeof(sd));

	if (n < 0) {
		printf(" sd=%s", errno == ENODATA ? "none" : strerror(errno));
		return;
	}
	printf(" sd=");
	hex(stdout, sd, n);
}

static void snap_sd_ipc(int type, int id)
{
	static unsigned char sd[SD_MAX];
	int n = ipc_get_sd(type, id, sd, sizeof(sd));

	if (n < 0) {
		printf(" sd=%s", n == -ENODATA ? "none" : strerror(-n));
		return;
	}
	printf(" sd=");
	hex(stdout, sd, n);
}

static int cmd_snap(int argc, char **argv)
{
	static char buf[1 << 16];
	struct msqid_ds mq;
	struct semid_ds sq;
	struct shmid_ds hq;
	unsigned short vals[2];
	uint64_t h = 0xcbf29ce484222325ULL;
	struct stat st;
	struct dirent *e;
	DIR *d;
	ssize_t n;
	void *p;
	int fd, id, type;

	if (argc != 3)
		die("usage: stressctl snap (file|dir|msg|sem|shm|mq) WHAT");
	if (!strcmp(argv[1], "file") || !strcmp(argv[1], "dir")) {
		if (lstat(argv[2], &st)) {
			printf("%s missing (%s)\n", argv[2], strerror(errno));
			return 0;
		}
		if (S_ISDIR(st.st_mode)) {
			/* The names it holds. */
			d = opendir(argv[2]);
			while (d && (e = readdir(d)))
				h ^= fnv(e->d_name, strlen(e->d_name),
					 0xcbf29ce484222325ULL);
			if (d)
				closedir(d);
		} else {
			fd = open(argv[2], O_RDONLY);
			while (fd >= 0 && (n = read(fd, buf, sizeof(buf))) > 0)
				h = fnv(buf, n, h);
			if (fd >= 0)
				close(fd);
		}
		printf("%s ino=%lu mode=%o uid=%u size=%lld mtime=%ld.%09ld hash=%016llx",
		       argv[2], (unsigned long)st.st_ino, st.st_mode, st.st_uid,
		       (long long)st.st_size, st.st_mtim.tv_sec,
		       st.st_mtim.tv_nsec, (unsigned long long)h);
		snap_sd_file(argv[2]);
		putchar('\n');
		return 0;
	}
	type = ipc_type(argv[1]);
	if (!type)
		die("snap: unknown kind %s", argv[1]);
	if (type == 'q') {
		/* The queue's file tells its size; its time changes on send. */
		snprintf(buf, sizeof(buf), "/dev/mqueue/%s", argv[2] + 1);
		if (stat(buf, &st)) {
			printf("mq %s missing (%s)\n", argv[2], strerror(errno));
			return 0;
		}
		fd = open(buf, O_RDONLY);
		n = fd < 0 ? -1 : read(fd, buf, 200);
		if (fd >= 0)
			close(fd);
		buf[n > 0 ? n : 0] = 0;
		buf[strcspn(buf, " ")] = 0;
		printf("mq %s %s mtime=%ld.%09ld\n", argv[2], buf,
		       st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
		return 0;
	}
	id = parse_long(argv[2], "ID");
	printf("%s %d", argv[1], id);
	switch (type) {
	/*
	 * What a write changes. Not the number of messages: receiving is a
	 * read (IPC_READ), which no-write-up leaves to a lower task. Not a
	 * semaphore set's sem_otime: Linux sets it when a task that merely
	 * tried a semop with SEM_UNDO exits, refused or not.
	 */
	case 'm':
		if (msgctl(id, IPC_STAT, &mq))
			printf(" missing (%s)", strerror(errno));
		else
			printf(" stime=%ld lspid=%d mode=%o",
			       (long)mq.msg_stime, mq.msg_lspid,
			       mq.msg_perm.mode);
		break;
	case 's':
		if (semctl(id, 0, IPC_STAT, &sq) || semctl(id, 0, GETALL, vals))
			printf(" missing (%s)", strerror(errno));
		else
			printf(" vals=%u,%u mode=%o", vals[0], vals[1],
			       sq.sem_perm.mode);
		break;
	case 'h':
		if (shmctl(id, IPC_STAT, &hq)) {
			printf(" missing (%s)", strerror(errno));
			break;
		}
		p = shmat(id, NULL, SHM_RDONLY);
		if (p != (void *)-1) {
			h = fnv(p, hq.shm_segsz, h);
			shmdt(p);
		}
		printf(" size=%zu hash=%016llx mode=%o", hq.shm_segsz,
		       (unsigned long long)h, hq.shm_perm.mode);
		break;
	}
	snap_sd_ipc(type, id);
	putchar('\n');
	return 0;
}

/* --- attack --------------------------------------------------------------- */

/*
 * A canary and its twin: the same kind of object, with the same Unix
 * permissions, but labelled Low, so that the attacker's operations on it
 * succeed. The twin proves that each refusal on the canary comes from
 * the canary's label, not from a mistake of the attacker.
 */
struct item {
	int kind;		/* 'f' file, 'd' directory, or an IPC type */
	char path[PATH_MAX];	/* file, directory or queue name */
	char twin[PATH_MAX];
	int id, twin_id;
	bool noattr;		/* a file without security.winsec */
};

struct op_count {
	const char *name;
	unsigned long attempts, refused, granted, other;
	unsigned long controls, control_failed;
	long denials, control_denials;	/* with --count */
	int last_errno;
};

enum {
	OP_OPEN_W, OP_OPEN_RW, OP_OPEN_APPEND, OP_OPEN_TRUNC, OP_TRUNCATE,
	OP_RENAME_OVER, OP_EXCHANGE, OP_UNLINK, OP_LINK, OP_SETXATTR_SD,
	OP_REMOVEXATTR_SD, OP_SETXATTR_USER, OP_CHMOD, OP_CHOWN, OP_UTIMES,
	OP_CREATE_IN, OP_MKDIR_IN, OP_SYMLINK_IN,
	OP_MSGSND, OP_SEMOP, OP_SEMCTL_SETVAL, OP_SHMAT_W, OP_IPC_SET_SD,
	OP_IPC_RMID, OP_MQ_OPEN_W, OP_MQ_SEND, OP_MQ_UNLINK,
	OP_COUNT,
};

static struct op_count ops[OP_COUNT] = {
	[OP_OPEN_W] = { "write" },
	[OP_OPEN_RW] = { "open_rdwr" },
	[OP_OPEN_APPEND] = { "append" },
	[OP_OPEN_TRUNC] = { "o_trunc" },
	[OP_TRUNCATE] = { "truncate" },
	[OP_RENAME_OVER] = { "rename_over" },
	[OP_EXCHANGE] = { "rename_exchange" },
	[OP_UNLINK] = { "unlink" },
	[OP_LINK] = { "link" },
	[OP_SETXATTR_SD] = { "setxattr_winsec" },
	[OP_REMOVEXATTR_SD] = { "removexattr_winsec" },
	[OP_SETXATTR_USER] = { "setxattr_user" },
	[OP_CHMOD] = { "chmod" },
	[OP_CHOWN] = { "chown" },
	[OP_UTIMES] = { "utimes" },
	[OP_CREATE_IN] = { "create_in" },
	[OP_MKDIR_IN] = { "mkdir_in" },
	[OP_SYMLINK_IN] = { "symlink_in" },
	[OP_MSGSND] = { "msgsnd" },
	[OP_SEMOP] = { "semop" },
	[OP_SEMCTL_SETVAL] = { "semctl_setval" },
	[OP_SHMAT_W] = { "shmat_write" },
	[OP_IPC_SET_SD] = { "ipc_set" },
	[OP_IPC_RMID] = { "ipc_rmid" },
	[OP_MQ_OPEN_W] = { "mq_open_write" },
	[OP_MQ_SEND] = { "mq_send" },
	[OP_MQ_UNLINK] = { "mq_unlink" },
};

static struct item items[MAX_ITEMS];
static int nitems;
static struct blob low_sd;	/* a valid descriptor that would grant Low */
static bool is_root;

/*
 * With --count (a quiet system), winsec's denial counter is read after
 * every attempt and control, so that each operation's denials are known.
 */
static bool counting;
static long denials_seen;

static long read_denials(void)
{
	char buf[256], *p;
	int fd = open(SECFS "/stats", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strstr(buf, "denials ");
	return p ? atol(p + 8) : -1;
}

static long denials_since(void)
{
	long d = read_denials(), delta = d - denials_seen;

	denials_seen = d;
	return delta;
}

/* Counts one attempt on a canary: rc < 0 with errno set means refused. */
static void attempt(int op, int rc)
{
	struct op_count *o = &ops[op];
	int err = errno;

	if (counting)
		o->denials += denials_since();
	errno = err;
	o->attempts++;
	if (rc >= 0) {
		o->granted++;
		printf("ATTACK-GRANTED %s\n", o->name);
		fflush(stdout);
	} else if (errno == EACCES || errno == EPERM) {
		o->refused++;
	} else {
		o->other++;
		o->last_errno = errno;
	}
}

/* Counts one control on a twin, which must succeed. */
static void control(int op, int rc)
{
	struct op_count *o = &ops[op];
	int err = errno;

	if (counting)
		o->control_denials += denials_since();
	errno = err;
	o->controls++;
	if (rc < 0) {
		o->control_failed++;
		if (o->control_failed <= 3)
			printf("ATTACK-CONTROL-FAILED %s: %s\n", o->name,
			       strerror(errno));
	}
}

static int open_close(const char *path, int flags)
{
	int fd = open(path, flags | O_NOFOLLOW);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n < 0 ? -1 : 0;
}

/* A fresh source file in the Low directory next to the twin. */
static const char *source(const struct item *it)
{
	static char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s.src", it->twin);
	if (write_file(path, "source"))
		printf("ATTACK-SETUP cannot make %s: %s\n", path,
		       strerror(errno));
	return path;
}

static int renameat2_(const char *a, const char *b, unsigned int flags)
{
	return syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, flags);
}

static void attack_file(const struct item *it)
{
	struct timespec times[2] = { { 1, 0 }, { 1, 0 } };
	char lnk[PATH_MAX];
	const char *src;

	attempt(OP_OPEN_W, open_close(it->path, O_WRONLY));
	control(OP_OPEN_W, open_close(it->twin, O_WRONLY));
	attempt(OP_OPEN_RW, open_close(it->path, O_RDWR));
	control(OP_OPEN_RW, open_close(it->twin, O_RDWR));
	attempt(OP_OPEN_APPEND, open_close(it->path, O_WRONLY | O_APPEND));
	control(OP_OPEN_APPEND, open_close(it->twin, O_WRONLY | O_APPEND));
	attempt(OP_OPEN_TRUNC, open_close(it->path, O_RDONLY | O_TRUNC));
	control(OP_OPEN_TRUNC, open_close(it->twin, O_RDONLY | O_TRUNC));
	attempt(OP_TRUNCATE, truncate(it->path, 0));
	control(OP_TRUNCATE, truncate(it->twin, 0));
	attempt(OP_SETXATTR_USER, setxattr(it->path, "user.stress", "x", 1, 0));
	control(OP_SETXATTR_USER, setxattr(it->twin, "user.stress", "x", 1, 0));
	attempt(OP_SETXATTR_SD, setxattr(it->path, XATTR_WINSEC, low_sd.data,
					 low_sd.len, 0));
	control(OP_SETXATTR_SD, setxattr(it->twin, XATTR_WINSEC, low_sd.data,
					 low_sd.len, 0));
	/* With nothing to remove, the file system answers ENODATA. */
	if (!it->noattr)
		attempt(OP_REMOVEXATTR_SD, removexattr(it->path, XATTR_WINSEC));
	snprintf(lnk, sizeof(lnk), "%s.lnk", it->twin);
	unlink(lnk);
	attempt(OP_LINK, link(it->path, lnk));
	if (unlink(lnk) == 0)
		printf("ATTACK-GRANTED link (a name made for %s)\n", it->path);
	control(OP_LINK, link(it->twin, lnk));
	unlink(lnk);

	src = source(it);
	attempt(OP_EXCHANGE, renameat2_(src, it->path, RENAME_EXCHANGE));
	control(OP_EXCHANGE, renameat2_(src, it->twin, RENAME_EXCHANGE));
	attempt(OP_RENAME_OVER, rename(src, it->path));
	control(OP_RENAME_OVER, rename(src, it->twin));
	attempt(OP_UNLINK, unlink(it->path));
	control(OP_UNLINK, unlink(it->twin));
	unlink(src);

	/* Root at Low holds CAP_FOWNER and CAP_CHOWN: only winsec refuses. */
	if (is_root) {
		if (write_file(it->twin, "twin"))
			printf("ATTACK-SETUP cannot make %s: %s\n", it->twin,
			       strerror(errno));
		attempt(OP_CHMOD, chmod(it->path, 0600));
		control(OP_CHMOD, chmod(it->twin, 0666));
		attempt(OP_CHOWN, chown(it->path, 1001, -1));
		control(OP_CHOWN, chown(it->twin, 0, -1));
		attempt(OP_UTIMES, utimensat(AT_FDCWD, it->path, times, 0));
		control(OP_UTIMES, utimensat(AT_FDCWD, it->twin, times, 0));
	}
	/* The twin again, for the next round. */
	if (write_file(it->twin, "twin"))
		printf("ATTACK-SETUP cannot make %s: %s\n", it->twin,
		       strerror(errno));
}

static void attack_dir(const struct item *it)
{
	char a[PATH_MAX], b[PATH_MAX];

	snprintf(a, sizeof(a), "%s/new.%d", it->path, getpid());
	snprintf(b, sizeof(b), "%s/new.%d", it->twin, getpid());
	attempt(OP_CREATE_IN, open_close(a, O_WRONLY | O_CREAT | O_EXCL));
	if (unlink(a) == 0)
		printf("ATTACK-GRANTED create_in (made %s)\n", a);
	control(OP_CREATE_IN, open_close(b, O_WRONLY | O_CREAT | O_EXCL));
	unlink(b);
	attempt(OP_MKDIR_IN, mkdir(a, 0777));
	if (rmdir(a) == 0)
		printf("ATTACK-GRANTED mkdir_in (made %s)\n", a);
	control(OP_MKDIR_IN, mkdir(b, 0777));
	rmdir(b);
	attempt(OP_SYMLINK_IN, symlink("/", a));
	if (unlink(a) == 0)
		printf("ATTACK-GRANTED symlink_in (made %s)\n", a);
	control(OP_SYMLINK_IN, symlink("/", b));
	unlink(b);
	attempt(OP_SETXATTR_USER, setxattr(it->path, "user.stress", "x", 1, 0));
	control(OP_SETXATTR_USER, setxattr(it->twin, "user.stress", "x", 1, 0));
}

/* A fresh Low twin of a SysV type, made by the attacker itself. */
static int new_twin(int type)
{
	unsigned short vals[2] = { 1, 1 };
	int id = -1;

	switch (type) {
	case 'm':
		id = msgget(IPC_PRIVATE, IPC_CREAT | 0666);
		break;
	case 's':
		id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0666);
		if (id >= 0)
			semctl(id, 0, SETALL, vals);
		break;
	case 'h':
		id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0666);
		break;
	}
	if (id < 0)
		printf("ATTACK-SETUP cannot make a %s twin: %s\n",
		       ipc_names[type], strerror(errno));
	return id;
}

static int rmid(int type, int id)
{
	switch (type) {
	case 'm':
		return msgctl(id, IPC_RMID, NULL);
	case 's':
		return semctl(id, 0, IPC_RMID);
	default:
		return shmctl(id, IPC_RMID, NULL);
	}
}

static int shmat_write(int id)
{
	char *p = shmat(id, NULL, 0);

	if (p == (void *)-1)
		return -1;
	p[0] ^= 1;
	shmdt(p);
	return 0;
}

static void attack_sysv(struct item *it)
{
	struct msgbuf1 m = { .mtype = 1, .mtext = "attack" };
	struct sembuf up = { .sem_num = 0, .sem_op = 1, .sem_flg = IPC_NOWAIT };
	struct sembuf down = { .sem_num = 0, .sem_op = -1, .sem_flg = IPC_NOWAIT };
	int t = it->kind, rc;

	if (it->twin_id < 0)
		it->twin_id = new_twin(t);
	switch (t) {
	case 'm':
		attempt(OP_MSGSND, msgsnd(it->id, &m, sizeof(m.mtext), IPC_NOWAIT));
		control(OP_MSGSND, msgsnd(it->twin_id, &m, sizeof(m.mtext),
					  IPC_NOWAIT));
		msgrcv(it->twin_id, &m, sizeof(m.mtext), 0, IPC_NOWAIT);
		break;
	case 's':
		attempt(OP_SEMOP, semop(it->id, &up, 1));
		control(OP_SEMOP, semop(it->twin_id, &up, 1));
		semop(it->twin_id, &down, 1);
		attempt(OP_SEMCTL_SETVAL, semctl(it->id, 1, SETVAL, 3));
		control(OP_SEMCTL_SETVAL, semctl(it->twin_id, 1, SETVAL, 3));
		break;
	case 'h':
		attempt(OP_SHMAT_W, shmat_write(it->id));
		control(OP_SHMAT_W, shmat_write(it->twin_id));
		break;
	}
	rc = ipc_set_sd(t, it->id, low_sd.data, low_sd.len);
	errno = -rc;
	attempt(OP_IPC_SET_SD, rc ? -1 : 0);
	rc = ipc_set_sd(t, it->twin_id, low_sd.data, low_sd.len);
	errno = -rc;
	control(OP_IPC_SET_SD, rc ? -1 : 0);
	/* Root at Low passes the Unix owner check of IPC_RMID. */
	if (is_root) {
		attempt(OP_IPC_RMID, rmid(t, it->id));
		control(OP_IPC_RMID, rmid(t, it->twin_id));
		it->twin_id = -1;
	}
}

static int mq_try(const char *name, int flags, bool send)
{
	mqd_t q = mq_open(name, flags);
	char buf[MQ_MSGSIZE];
	int rc = 0;

	if (q == (mqd_t)-1)
		return -1;
	if (send) {
		rc = mq_send(q, "attack", 7, 0);
		if (!rc && (flags & O_ACCMODE) == O_RDWR)
			mq_receive(q, buf, sizeof(buf), NULL);
	}
	mq_close(q);
	return rc;
}

static void attack_mq(const struct item *it)
{
	attempt(OP_MQ_OPEN_W, mq_try(it->path, O_WRONLY | O_NONBLOCK, false));
	control(OP_MQ_OPEN_W, mq_try(it->twin, O_WRONLY | O_NONBLOCK, false));
	attempt(OP_MQ_SEND, mq_try(it->path, O_RDWR | O_NONBLOCK, true));
	control(OP_MQ_SEND, mq_try(it->twin, O_RDWR | O_NONBLOCK, true));
	/* mqueue's directory is sticky: only root passes the Unix check. */
	if (is_root)
		attempt(OP_MQ_UNLINK, mq_unlink(it->path));
}

static void read_spec(const char *path)
{
	char line[2 * PATH_MAX + 64], a[PATH_MAX], b[PATH_MAX];
	FILE *f = fopen(path, "r");
	struct item *it;

	if (!f)
		die("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		char kind[16];

		if (line[0] == '#' || sscanf(line, "%15s %4095s", kind, a) != 2)
			continue;
		if (!strcmp(kind, "lowsd")) {
			load_blob(a, &low_sd);
			continue;
		}
		if (sscanf(line, "%15s %4095s %4095s", kind, a, b) != 3)
			die("%s: no twin in: %s", path, line);
		if (nitems == MAX_ITEMS)
			die("%s: too many items", path);
		it = &items[nitems++];
		if (!strcmp(kind, "file") || !strcmp(kind, "dir")) {
			it->kind = kind[0];
		} else {
			it->kind = ipc_type(kind);
			if (!it->kind)
				die("%s: unknown kind %s", path, kind);
		}
		snprintf(it->path, sizeof(it->path), "%s", a);
		snprintf(it->twin, sizeof(it->twin), "%s", b);
		it->id = -1;
		it->twin_id = -1;
		if (it->kind != 'f' && it->kind != 'd' && it->kind != 'q')
			it->id = parse_long(a, "ID");
		/* A SysV twin is made by the attacker ("-" in SPEC). */
		if (it->kind == 'f' && write_file(it->twin, "twin"))
			die("%s: %s", it->twin, strerror(errno));
		if (it->kind == 'f' && lgetxattr(it->path, XATTR_WINSEC, NULL, 0) < 0 &&
		    errno == ENODATA)
			it->noattr = true;
	}
	fclose(f);
	if (!low_sd.len)
		die("%s: no lowsd line", path);
}

static int cmd_attack(int argc, char **argv)
{
	char level[32];
	double end;
	unsigned long rounds = 0;
	int i;

	if (argc == 4 && !strcmp(argv[3], "--count")) {
		counting = true;
		argc--;
	}
	if (argc != 3)
		die("usage: stressctl attack SECONDS SPEC [--count]");
	end = now() + parse_long(argv[1], "SECONDS");
	read_spec(argv[2]);
	is_root = geteuid() == 0;
	self_level(level, sizeof(level));
	if (counting)
		denials_seen = read_denials();
	do {
		for (i = 0; i < nitems; i++) {
			switch (items[i].kind) {
			case 'f':
				attack_file(&items[i]);
				break;
			case 'd':
				attack_dir(&items[i]);
				break;
			case 'q':
				attack_mq(&items[i]);
				break;
			default:
				attack_sysv(&items[i]);
				break;
			}
		}
		rounds++;
	} while (now() < end);
	for (i = 0; i < nitems; i++)
		if (items[i].twin_id >= 0)
			rmid(items[i].kind, items[i].twin_id);
	for (i = 0; i < OP_COUNT; i++) {
		struct op_count *o = &ops[i];

		if (!o->attempts && !o->controls)
			continue;
		printf("ATTACK %s-%s %s attempts=%lu refused=%lu granted=%lu other=%lu",
		       is_root ? "root" : "user", level, o->name, o->attempts,
		       o->refused, o->granted, o->other);
		printf(" controls=%lu control_failed=%lu", o->controls,
		       o->control_failed);
		if (counting)
			printf(" denials=%ld control_denials=%ld", o->denials,
			       o->control_denials);
		if (o->other)
			printf(" last_error=%s", strerror(o->last_errno));
		putchar('\n');
	}
	printf("ATTACK-DONE %s-%s rounds=%lu\n", is_root ? "root" : "user",
	       level, rounds);
	return 0;
}

/* --- relabel -------------------------------------------------------------- */

/*
 * Targets: "file PATH SD..." and "ipc TYPE ID SD..." are persistent and
 * verified at the end; "scan DIR PREFIX SD..." rewrites every entry of DIR
 * whose name starts with PREFIX (stress-ng's working directories), and
 * "scanipc TYPE UID SD..." every SysV object of that type and owner, as
 * long as they exist. Valid writes must succeed on persistent targets; on
 * the others they may find the object gone.
 */
struct target {
	int kind;		/* 'f', 'i', 'S' scan, 'I' scanipc */
	int type;		/* IPC type */
	int id;
	uid_t uid;
	char path[PATH_MAX];
	char prefix[64];
	int nsd;
	struct blob *sd[MAX_SDS];
	int last;		/* index of the last descriptor written */
	unsigned long valid, valid_failed, invalid, invalid_failed;
	unsigned long changed, gone;
	int last_errno;
};

static struct target targets[MAX_ITEMS];
static int ntargets;

static struct blob *sd_file(const char *path)
{
	static struct { char path[PATH_MAX]; struct blob *b; } cache[32];
	static int n;
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(cache[i].path, path))
			return cache[i].b;
	if (n == (int)ARRAY_SIZE(cache))
		die("too many descriptor files");
	cache[n].b = malloc(sizeof(struct blob));
	if (!cache[n].b)
		die("out of memory");
	load_blob(path, cache[n].b);
	snprintf(cache[n].path, sizeof(cache[n].path), "%s", path);
	return cache[n++].b;
}

/*
 * An invalid variant of a valid descriptor, of kind k: each breaks a rule
 * of the validator (MS-DTYP 2.4.6) that no other part can make up for.
 */
static size_t corrupt(const struct blob *b, unsigned char *out, int k)
{
	size_t len = b->len;
	uint32_t off;

	memcpy(out, b->data, len);
	switch (k % 7) {
	case 0:		/* revision 2 */
		out[0] = 2;
		break;
	case 1:		/* shorter than the header */
		len = 1 + rnd() % 19;
		break;
	case 2:		/* not self-relative */
		out[3] &= ~0x80;
		break;
	case 3:		/* the owner offset beyond the end */
		off = len + 4 + rnd() % 1000;
		memcpy(out + 4, &off, 4);
		break;
	case 4:		/* the DACL offset beyond the end */
		off = len + 8;
		memcpy(out + 16, &off, 4);
		break;
	case 5:		/* a DACL of revision 9 (or, without one, revision 2) */
		memcpy(&off, out + 16, 4);
		if (off && off < len)
			out[off] = 9;
		else
			out[0] = 2;
		break;
	default:	/* random bytes after a wrong revision */
		len = 1 + rnd() % 200;
		for (off = 0; off < len; off++)
			out[off] = rnd();
		out[0] = 0;
		break;
	}
	return len;
}

/* Writes a descriptor to a target: 0 or -errno. */
static int put_sd(const struct target *t, const char *path, int id,
		  const unsigned char *sd, size_t len)
{
	if (t->kind == 'f' || t->kind == 'S')
		return lsetxattr(path, XATTR_WINSEC, sd, len, 0) ? -errno : 0;
	return ipc_set_sd(t->type, id, sd, len);
}

/* The stored descriptor: its length, or -errno. */
static int get_sd(const struct target *t, const char *path, int id,
		  unsigned char *buf, size_t size)
{
	ssize_t n;

	if (t->kind == 'f' || t->kind == 'S') {
		n = lgetxattr(path, XATTR_WINSEC, buf, size);
		return n < 0 ? -errno : n;
	}
	return ipc_get_sd(t->type, id, buf, size);
}

static void relabel_one(struct target *t, const char *path, int id,
			bool persistent, int k)
{
	static unsigned char bad[SD_MAX], now_sd[SD_MAX];
	struct blob *b;
	size_t len;
	int i, rc, n;

	i = t->nsd > 1 ? (t->last + 1 + rnd() % (t->nsd - 1)) % t->nsd : 0;
	b = t->sd[i];
	rc = put_sd(t, path, id, b->data, b->len);
	t->valid++;
	if (!rc) {
		if (persistent)
			t->last = i;
	} else if (!persistent && (rc == -ENOENT || rc == -EINVAL)) {
		/* The object went away (EINVAL: no such IPC object). */
		t->gone++;
	} else {
		t->valid_failed++;
		t->last_errno = -rc;
		if (t->valid_failed <= 3)
			printf("RELABEL-FAILED %s %s valid descriptor %d: %s\n",
			       path, persistent ? "persistent" : "scanned", i,
			       strerror(-rc));
	}
	if (k % 2)
		return;
	/* An invalid one now: refused, and nothing changes. */
	len = corrupt(t->sd[t->last], bad, k / 2);
	rc = put_sd(t, path, id, bad, len);
	t->invalid++;
	if (rc != -EINVAL && (persistent || rc != -ENOENT)) {
		t->invalid_failed++;
		t->last_errno = rc ? -rc : 0;
		if (t->invalid_failed <= 3)
			printf("RELABEL-FAILED %s invalid descriptor (kind %d) %s\n",
			       path, k / 2 % 7,
			       rc ? strerror(-rc) : "accepted");
	}
	if (!persistent)
		return;
	n = get_sd(t, path, id, now_sd, sizeof(now_sd));
	b = t->sd[t->last];
	if (n != (int)b->len || memcmp(now_sd, b->data, n)) {
		t->changed++;
		if (t->changed <= 3)
			printf("RELABEL-CHANGED %s: not the last descriptor written (%s)\n",
			       path, n < 0 ? strerror(-n) : "other bytes");
	}
}

static void relabel_scan(struct target *t, int k)
{
	char path[PATH_MAX], line[512];
	struct dirent *e;
	DIR *d;
	FILE *f;
	int id, key, uid;

	if (t->kind == 'S') {
		d = opendir(t->path);
		while (d && (e = readdir(d))) {
			if (strncmp(e->d_name, t->prefix, strlen(t->prefix)))
				continue;
			snprintf(path, sizeof(path), "%s/%s", t->path,
				 e->d_name);
			relabel_one(t, path, -1, false, k);
		}
		if (d)
			closedir(d);
		return;
	}
	snprintf(path, sizeof(path), "/proc/sysvipc/%s", ipc_names[t->type]);
	f = fopen(path, "r");
	if (!f)
		return;
	/* "key msqid perms ... uid": the uid is the 8th field for msg and
	 * shm, the 5th for sem; match it from any column past the id.
	 */
	while (fgets(line, sizeof(line), f)) {
		unsigned long v[16];
		int n = 0, off = 0, used;

		while (n < 16 && sscanf(line + off, "%lu%n", &v[n], &used) == 1) {
			off += used;
			n++;
		}
		if (n < 8)
			continue;
		key = v[0];
		id = v[1];
		uid = t->type == 's' ? v[4] : v[7];
		(void)key;
		if ((uid_t)uid != t->uid)
			continue;
		snprintf(path, sizeof(path), "%s:%d", ipc_names[t->type], id);
		relabel_one(t, path, id, false, k);
	}
	fclose(f);
}

static void read_targets(const char *path)
{
	char line[4096];
	FILE *f = fopen(path, "r");

	if (!f)
		die("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		char *w[MAX_SDS + 4], *save = NULL, *p;
		struct target *t;
		int n = 0, first, i;

		for (p = strtok_r(line, " \t\n", &save); p && n < (int)ARRAY_SIZE(w);
		     p = strtok_r(NULL, " \t\n", &save))
			w[n++] = p;
		if (!n || w[0][0] == '#')
			continue;
		if (ntargets == MAX_ITEMS)
			die("%s: too many targets", path);
		t = &targets[ntargets++];
		if (!strcmp(w[0], "file") && n >= 3) {
			t->kind = 'f';
			snprintf(t->path, sizeof(t->path), "%s", w[1]);
			first = 2;
		} else if (!strcmp(w[0], "ipc") && n >= 4) {
			t->kind = 'i';
			t->type = ipc_type(w[1]);
			t->id = parse_long(w[2], "ID");
			snprintf(t->path, sizeof(t->path), "%s:%d", w[1], t->id);
			first = 3;
		} else if (!strcmp(w[0], "scan") && n >= 4) {
			t->kind = 'S';
			snprintf(t->path, sizeof(t->path), "%s", w[1]);
			snprintf(t->prefix, sizeof(t->prefix), "%s", w[2]);
			first = 3;
		} else if (!strcmp(w[0], "scanipc") && n >= 4) {
			t->kind = 'I';
			t->type = ipc_type(w[1]);
			t->uid = parse_long(w[2], "UID");
			snprintf(t->path, sizeof(t->path), "%s:uid%u", w[1],
				 t->uid);
			first = 3;
		} else {
			die("%s: bad line starting with %s", path, w[0]);
		}
		if ((t->kind == 'i' || t->kind == 'I') &&
		    (!t->type || t->type == 'q'))
			die("%s: a SysV type is needed (msg, sem, shm)", path);
		for (i = first; i < n && t->nsd < MAX_SDS; i++)
			t->sd[t->nsd++] = sd_file(w[i]);
		if (!t->nsd)
			die("%s: %s has no descriptor", path, t->path);
	}
	fclose(f);
}

static const char *kind_name(int kind)
{
	switch (kind) {
	case 'f':
		return "file";
	case 'i':
		return "ipc";
	case 'S':
		return "scan";
	default:
		return "scanipc";
	}
}

static int cmd_relabel(int argc, char **argv)
{
	double end;
	FILE *state;
	int i, k = 0, rc;

	if (argc != 4)
		die("usage: stressctl relabel SECONDS SPEC STATE");
	seed();
	end = now() + parse_long(argv[1], "SECONDS");
	read_targets(argv[2]);
	/* A known first descriptor on each persistent target. */
	for (i = 0; i < ntargets; i++) {
		struct target *t = &targets[i];

		if (t->kind != 'f' && t->kind != 'i')
			continue;
		rc = put_sd(t, t->path, t->id, t->sd[0]->data, t->sd[0]->len);
		if (rc)
			die("%s: cannot set the first descriptor: %s", t->path,
			    strerror(-rc));
	}
	do {
		for (i = 0; i < ntargets; i++) {
			struct target *t = &targets[i];

			if (t->kind == 'f' || t->kind == 'i')
				relabel_one(t, t->path, t->id, true, k);
			else
				relabel_scan(t, k);
		}
		k++;
	} while (now() < end);

	state = fopen(argv[3], "w");
	if (!state)
		die("%s: %s", argv[3], strerror(errno));
	for (i = 0; i < ntargets; i++) {
		struct target *t = &targets[i];

		printf("RELABEL %s %s valid=%lu valid_failed=%lu invalid=%lu",
		       kind_name(t->kind), t->path, t->valid, t->valid_failed,
		       t->invalid);
		printf(" invalid_failed=%lu changed=%lu gone=%lu",
		       t->invalid_failed, t->changed, t->gone);
		if (t->valid_failed || t->invalid_failed)
			printf(" last_error=%s", strerror(t->last_errno));
		putchar('\n');
		if (t->kind != 'f' && t->kind != 'i')
			continue;
		if (t->kind == 'f')
			fprintf(state, "file %s ", t->path);
		else
			fprintf(state, "ipc %s %d ", ipc_names[t->type], t->id);
		hex(state, t->sd[t->last]->data, t->sd[t->last]->len);
		fputc('\n', state);
	}
	fclose(state);
	return 0;
}

static int cmd_verify(int argc, char **argv)
{
	static unsigned char sd[SD_MAX];
	static char line[3 * SD_MAX];
	char kind[8], a[PATH_MAX], b[32], *want;
	struct target t = { 0 };
	int n, bad = 0;
	FILE *f;

	if (argc != 2)
		die("usage: stressctl verify STATE");
	f = fopen(argv[1], "r");
	if (!f)
		die("%s: %s", argv[1], strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		char got[2 * 4096 + 1];
		int i, id = -1;

		line[strcspn(line, "\n")] = 0;
		if (sscanf(line, "%7s %4095s", kind, a) != 2)
			continue;
		if (!strcmp(kind, "file")) {
			t.kind = 'f';
			want = line + strlen(kind) + strlen(a) + 2;
		} else {
			if (sscanf(line, "%7s %4095s %31s", kind, a, b) != 3)
				continue;
			t.kind = 'i';
			t.type = ipc_type(a);
			id = parse_long(b, "ID");
			want = line + strlen(kind) + strlen(a) + strlen(b) + 3;
			snprintf(a + strlen(a), sizeof(a) - strlen(a), ":%d", id);
		}
		n = get_sd(&t, a, id, sd, sizeof(sd));
		if (n < 0) {
			printf("VERIFY %s ERROR %s\n", a, strerror(-n));
			bad++;
			continue;
		}
		for (i = 0; i < n && i < 4096; i++)
			sprintf(got + 2 * i, "%02x", sd[i]);
		got[2 * i] = 0;
		if (strcmp(got, want)) {
			printf("VERIFY %s MISMATCH stored=%s last_written=%s\n",
			       a, got, want);
			bad++;
		} else {
			printf("VERIFY %s ok\n", a);
		}
	}
	fclose(f);
	return bad ? 1 : 0;
}

/* --- attrfuzz ------------------------------------------------------------- */

static const char *const fuzz_files[] = {
	"/proc/self/attr/current", "/proc/self/attr/fscreate",
	"/proc/self/attr/exec", "/proc/self/attr/keycreate",
	"/proc/self/attr/sockcreate", "/proc/self/attr/prev",
	SECFS "/enforce", SECFS "/stats", SECFS "/ipc/get", SECFS "/ipc/set",
};

/* Texts that mean something to the files above, to go past the parsers. */
static const char *const fuzz_words[] = {
	"system", "high", "medium", "medium-plus", "S-1-16-16384",
	"S-1-16-8192", "SYSTEM\n", "high\n", "0", "1", "n\n", "y",
	"msg 0\n", "sem 0\n", "shm 0\n", "msg -1\n", "shm 99999999999\n",
};

static size_t fuzz_bytes(unsigned char *buf, size_t size)
{
	size_t len, i;
	const char *w;

	switch (rnd() % 3) {
	case 0:
		w = fuzz_words[rnd() % ARRAY_SIZE(fuzz_words)];
		len = strlen(w);
		memcpy(buf, w, len);
		/* A request line of ipc/set is never left without a body:
		 * "TYPE ID\n" alone would remove a descriptor.
		 */
		buf[len++] = rnd();
		return len;
	case 1:
		len = rnd() % 24;
		break;
	default:
		len = rnd() % size;
		break;
	}
	for (i = 0; i < len; i++)
		buf[i] = rnd();
	return len;
}

static bool enforcing(void)
{
	char c = 0;
	int fd = open(SECFS "/enforce", O_RDONLY);

	if (fd >= 0) {
		if (read(fd, &c, 1) != 1)
			c = 0;
		close(fd);
	}
	return c == '1';
}

static int cmd_attrfuzz(int argc, char **argv)
{
	static unsigned char buf[8192];
	unsigned long n_ops = 0, raised = 0, enforce_changed = 0;
	char level[32], start[32];
	double end;
	int fd, start_rank;
	size_t len;

	if (argc != 2)
		die("usage: stressctl attrfuzz SECONDS");
	seed();
	end = now() + parse_long(argv[1], "SECONDS");
	self_level(start, sizeof(start));
	start_rank = level_rank(start);
	if (!enforcing())
		die("attrfuzz: winsec is not enforcing");
	do {
		len = fuzz_bytes(buf, 600);
		if (rnd() % 3) {
			fd = open(fuzz_files[rnd() % ARRAY_SIZE(fuzz_files)],
				  O_RDWR);
			if (fd < 0)
				fd = open(fuzz_files[rnd() % ARRAY_SIZE(fuzz_files)],
					  O_WRONLY);
			if (fd >= 0) {
				if (write(fd, buf, len) < 0 && rnd() % 2)
					(void)!pread(fd, buf + 4096, 4096, 0);
				close(fd);
			}
		} else if (rnd() % 2) {
			unsigned int attr = rnd() % 2 ? ATTR_CURRENT :
				rnd() % 2 ? ATTR_FSCREATE : 100 + rnd() % 8;

			set_self_attr(attr, buf, len, rnd() % 4 ? 0 : rnd());
		} else {
			uint32_t size = rnd() % 4096;

			syscall(__NR_lsm_get_self_attr,
				rnd() % 2 ? ATTR_CURRENT : 100 + rnd() % 8,
				rnd() % 5 ? buf : NULL, &size,
				rnd() % 4 ? 0 : rnd() % 4);
		}
		n_ops++;
		self_level(level, sizeof(level));
		if (level_rank(level) > start_rank) {
			raised++;
			printf("ATTRFUZZ-RAISED from %s to %s\n", start, level);
		}
		if (n_ops % 64 == 0 && !enforcing()) {
			enforce_changed++;
			printf("ATTRFUZZ-ENFORCE winsec is no longer enforcing\n");
		}
	} while (now() < end);
	if (!enforcing())
		enforce_changed++;
	/* Leave no creator descriptor behind. */
	set_self_attr(ATTR_FSCREATE, buf, 0, 0);
	self_level(level, sizeof(level));
	printf("ATTRFUZZ ops=%lu raised=%lu enforce_changed=%lu start=%s level=%s\n",
	       n_ops, raised, enforce_changed, start, level);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2)
		die("usage: stressctl runas|tsc-khz|mkipc|snap|attack|relabel|verify|attrfuzz ...");
	argc--;
	argv++;
	if (!strcmp(argv[0], "runas"))
		return cmd_runas(argc, argv);
	if (!strcmp(argv[0], "tsc-khz"))
		return cmd_tsc_khz();
	if (!strcmp(argv[0], "mkipc"))
		return cmd_mkipc(argc, argv);
	if (!strcmp(argv[0], "snap"))
		return cmd_snap(argc, argv);
	if (!strcmp(argv[0], "attack"))
		return cmd_attack(argc, argv);
	if (!strcmp(argv[0], "relabel"))
		return cmd_relabel(argc, argv);
	if (!strcmp(argv[0], "verify"))
		return cmd_verify(argc, argv);
	if (!strcmp(argv[0], "attrfuzz"))
		return cmd_attrfuzz(argc, argv);
	die("unknown command %s", argv[0]);
	return 2;
}
