// SPDX-License-Identifier: GPL-2.0-only
/*
 * kbench - the cost of system calls that an LSM mediates, in a booted guest
 *
 * Runs as root in the guest (scripts/guest/bench.sh, make bench) and prints
 * one line per figure:
 *
 *   KBENCH op LEVEL NAME VALUE     nanoseconds per operation
 *   KBENCH loop LEVEL null VALUE   the loop's own cost, already subtracted
 *   KBENCH mem KIND VALUE          slab bytes per file (KIND: unlabeled,
 *                                  labelled), from /proc/meminfo
 *   KBENCH scale MODE THREADS VALUE  nanoseconds per open+close, all
 *                                  threads together (MODE: same, diff)
 *   KBENCH error WHAT TEXT         something failed; its figure is missing
 *   KBENCH window LEVEL NAME CALLS (KBENCH_PROFILE) the next window of
 *                                  the profile holds CALLS calls of NAME
 *
 * Under QEMU with -icount shift=0,sleep=off the guest's clock advances one
 * nanosecond per guest instruction, so every VALUE is then a count of
 * instructions.
 *
 * Commands:
 *
 *   kbench ops LEVEL...   the operations at each level (medium, low)
 *   kbench mem FILES      slab bytes per file for FILES unlabeled and FILES
 *                         labelled files
 *   kbench scale N        1, 2 and 4 threads each opening and closing a
 *                         labelled file N times: the same file, and a file
 *                         of each thread's own
 *   kbench --exit         exit at once (the program that the exec
 *                         operations run)
 *   kbench tsc-khz        (on the host) the TSC's frequency in kHz
 *
 * The environment: KBENCH_QUICK=1 divides every iteration count by ten.
 * KBENCH_PROFILE=CALLS makes "ops" run each operation CALLS times between
 * two marks instead of measuring it: code at two fixed addresses that the
 * QEMU plugin of make bench-profile (insn_profile.c) watches for, so that
 * it counts the kernel's instructions of exactly those calls.
 *
 * The subject is uid 1000 (alice) in group 100, without capabilities once
 * its objects are made. Every object it works on is made by the same
 * process beforehand, under a descriptor that grants alice what she needs
 * and carries the mandatory label of the level measured (security.winsec,
 * and the creator descriptor for IPC objects); when Smack is active each
 * file and directory is also labelled "kbench-obj" (directories
 * transmuting) and the subject runs as "kbench", so that every access is
 * decided by a rule (make bench loads "kbench kbench-obj rwxat" and
 * "kbench _ rwxat"). Without winsec the levels are not set and the
 * descriptors are inert extended attributes.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <mqueue.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>

#include "kbench.h"

#define ALICE		1000
#define USERS		100
#define ALICE_SID	"S-1-22-1-1000"

#define XATTR_WINSEC	"security.winsec"
#define XATTR_SMACK	"security.SMACK64"
#define XATTR_TRANSMUTE	"security.SMACK64TRANSMUTE"
#define SMACK_SUBJECT	"kbench"
#define SMACK_OBJECT	"kbench-obj"

#ifndef __NR_lsm_set_self_attr
#define __NR_lsm_set_self_attr 460
#endif
#define LSM_ID_WINSEC	114
#define ATTR_CURRENT	100
#define ATTR_FSCREATE	102

#define CAP_BIT(c)	(1ULL << (c))
#define SETUP_CAPS	(CAP_BIT(CAP_SYS_ADMIN) | CAP_BIT(CAP_MAC_ADMIN))

#define ROUNDS		3
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static bool quick;
static long profile_calls;	/* KBENCH_PROFILE */
static bool has_winsec;
static bool has_smack;
static const char *exe;		/* this program, unlabeled */

/* --- small helpers -------------------------------------------------------- */

static void die(const char *what)
{
	printf("KBENCH error setup %s: %s\n", what, strerror(errno));
	fflush(stdout);
	exit(1);
}

static long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static long iters(long n)
{
	return quick ? (n / 10 > 2 ? n / 10 : 2) : n;
}

static bool lsm_active(const char *name)
{
	char buf[512] = "", *p, *tok;
	int fd = open("/sys/kernel/security/lsm", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	for (tok = strtok_r(buf, ",\n", &p); tok; tok = strtok_r(NULL, ",\n", &p))
		if (!strcmp(tok, name))
			return true;
	return false;
}

/* lsm_set_self_attr() for winsec; 0 or an errno. */
static int winsec_set_attr(unsigned int attr, const void *val, size_t len)
{
	struct {
		uint64_t id, flags, len, ctx_len;
		unsigned char ctx[4096];
	} c = { .id = LSM_ID_WINSEC };
	size_t size = offsetof(typeof(c), ctx) + len;

	if (len > sizeof(c.ctx))
		return E2BIG;
	c.len = size;
	c.ctx_len = len;
	memcpy(c.ctx, val, len);
	return syscall(__NR_lsm_set_self_attr, attr, &c, (uint32_t)size, 0) ?
	       errno : 0;
}

static void set_level(const char *level)
{
	int rc;

	if (!has_winsec)
		return;
	rc = winsec_set_attr(ATTR_CURRENT, level, strlen(level) + 1);
	if (rc) {
		errno = rc;
		die("set the level");
	}
}

static int capset_effective(uint64_t caps)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = {
		{ .effective = (uint32_t)caps, .permitted = (uint32_t)caps },
		{ .effective = caps >> 32, .permitted = caps >> 32 },
	};

	return syscall(SYS_capset, &hdr, data);
}

/*
 * Become alice (group users) at Medium, keeping SETUP_CAPS: enough to set
 * Smack labels and security.* attributes that no active LSM handles.
 */
static void become_alice(void)
{
	gid_t groups[] = { USERS };

	if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) ||
	    setgroups(1, groups) || setresgid(ALICE, ALICE, ALICE) ||
	    setresuid(ALICE, ALICE, ALICE))
		die("become alice");
	if (capset_effective(SETUP_CAPS))
		die("capset");
	set_level("medium");
	if (has_smack) {
		int fd = open("/proc/self/attr/smack/current", O_WRONLY);

		if (fd < 0)
			fd = open("/proc/self/attr/current", O_WRONLY);
		if (fd < 0 || write(fd, SMACK_SUBJECT, strlen(SMACK_SUBJECT)) < 0)
			die("set the Smack label");
		close(fd);
	}
}

/* The label SID of a level. */
static const char *level_sid(const char *level)
{
	return strcmp(level, "low") ? "ME" : "LW";
}

/*
 * Label @path: descriptor @sddl (its one %s: the level's SID) and, with
 * Smack, the object label (transmuting for a directory).
 */
static void label(const char *path, const char *sddl, const char *level,
		  bool dir)
{
	char text[8192];
	unsigned char *sd;
	size_t len;

	struct stat st;

	/* Smack gives a socket's inode a fixed label. */
	if (has_smack && !(lstat(path, &st) == 0 && S_ISSOCK(st.st_mode))) {
		if (lsetxattr(path, XATTR_SMACK, SMACK_OBJECT,
			      strlen(SMACK_OBJECT), 0))
			die(path);
		if (dir && lsetxattr(path, XATTR_TRANSMUTE, "TRUE", 4, 0))
			die(path);
	}
	snprintf(text, sizeof(text), sddl, level_sid(level));
	if (kbench_sddl(text, &sd, &len))
		exit(1);
	if (lsetxattr(path, XATTR_WINSEC, sd, len, 0))
		die(path);
	free(sd);
}

static void make_file(const char *path, mode_t mode, size_t size)
{
	static const char page[4096];
	int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, mode);

	if (fd < 0)
		die(path);
	while (size) {
		size_t n = size < sizeof(page) ? size : sizeof(page);

		if (write(fd, page, n) != (ssize_t)n)
			die(path);
		size -= n;
	}
	close(fd);
}

static void copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY);
	int out = open(to, O_CREAT | O_EXCL | O_WRONLY, 0755);
	ssize_t n;

	if (in < 0 || out < 0)
		die(to);
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			die(to);
	if (n < 0)
		die(from);
	close(in);
	close(out);
}

/* --- descriptors ---------------------------------------------------------- */

/* Directories: no inheritable ACE, and inheritable ACEs and label. */
#define SD_DIR		"D:(A;;FA;;;" ALICE_SID ")(A;;FRFX;;;WD)S:(ML;;NW;;;%s)"
#define SD_DIR_INHERIT	"D:(A;OICI;FA;;;" ALICE_SID ")(A;OICI;FRFX;;;WD)" \
			"S:(ML;OICI;NW;;;%s)"
/* Four ACEs and a label; the first ACE grants alice. */
#define SD_FILE4	"D:(A;;FA;;;" ALICE_SID ")(A;;FR;;;S-1-22-2-100)" \
			"(A;;FR;;;BU)(A;;FRFX;;;WD)S:(ML;;NW;;;%s)"
/* A deny ACE that applies to alice first (rights she does not ask for). */
#define SD_DENY		"D:(D;;WDWO;;;WD)(A;;FA;;;" ALICE_SID ")" \
			"(A;;FR;;;WD)S:(ML;;NW;;;%s)"
/* IPC objects and the socket. */
#define SD_OBJECT	"D:(A;;GA;;;" ALICE_SID ")S:(ML;;NW;;;%s)"

/* 63 ACEs naming groups that alice is not in, then the ACE that grants. */
static char *sd_64(void)
{
	size_t size = 64 * 48 + 64, off = 0;
	char *s = malloc(size);
	int i;

	if (!s)
		die("malloc");
	off += snprintf(s + off, size - off, "D:");
	for (i = 0; i < 63; i++)
		off += snprintf(s + off, size - off, "(A;;FA;;;S-1-22-2-%d)",
				2000 + i * 3);
	snprintf(s + off, size - off,
		 "(A;;FA;;;" ALICE_SID ")S:(ML;;NW;;;%%s)");
	return s;
}

/* --- the operations ------------------------------------------------------- */

struct paths {
	char unlabeled[PATH_MAX], file4[PATH_MAX], file64[PATH_MAX];
	char deny[PATH_MAX], ren_a[PATH_MAX], ren_b[PATH_MAX];
	char link[PATH_MAX], new_plain[PATH_MAX], new_inherit[PATH_MAX];
	char exec[PATH_MAX], sock[PATH_MAX], mq[64];
};

static struct paths P;
static int fd_file4 = -1, fd_listen = -1, msq = -1, sem = -1, shm = -1;
static mqd_t mq = (mqd_t)-1;
static pid_t kill_target;
static struct sockaddr_un sock_addr;

static int open_close(const char *path)
{
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int spawn(const char *path)
{
	char *argv[] = { "kbench", "--exit", NULL };
	char *envp[] = { NULL };
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return errno;
	if (!pid) {
		execve(path, argv, envp);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return errno;
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : ECHILD;
}

static __attribute__((noinline)) int op_null(long i)
{
	asm volatile("" ::: "memory");
	return 0;
}

static int op_getppid(long i)
{
	return syscall(SYS_getppid) > 0 ? 0 : EIO;
}

static int op_open_unlabeled(long i)
{
	return open_close(P.unlabeled);
}

static int op_open_4(long i)
{
	return open_close(P.file4);
}

static int op_open_64(long i)
{
	return open_close(P.file64);
}

static int op_open_deny(long i)
{
	return open_close(P.deny);
}

static int op_stat(long i)
{
	struct stat st;

	return stat(P.file4, &st) ? errno : 0;
}

static int create_file(const char *path)
{
	int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0644);

	if (fd < 0)
		return errno;
	close(fd);
	return unlink(path) ? errno : 0;
}

static int create_dir(const char *path)
{
	if (mkdir(path, 0755))
		return errno;
	return rmdir(path) ? errno : 0;
}

static int op_create_plain(long i)
{
	return create_file(P.new_plain);
}

static int op_create_inherit(long i)
{
	return create_file(P.new_inherit);
}

static int op_mkdir_plain(long i)
{
	return create_dir(P.new_plain);
}

static int op_mkdir_inherit(long i)
{
	return create_dir(P.new_inherit);
}

static int op_rename(long i)
{
	static bool moved;	/* back and forth */
	int rc;

	if (moved)
		rc = rename(P.ren_b, P.ren_a);
	else
		rc = rename(P.ren_a, P.ren_b);
	if (rc)
		return errno;
	moved = !moved;
	return 0;
}

static int op_link(long i)
{
	if (link(P.file4, P.link))
		return errno;
	return unlink(P.link) ? errno : 0;
}

static int op_mmap_exec(long i)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE,
		       fd_file4, 0);

	if (p == MAP_FAILED)
		return errno;
	return munmap(p, 4096) ? errno : 0;
}

static int op_exec_labelled(long i)
{
	return spawn(P.exec);
}

static int op_fork_exec(long i)
{
	return spawn(exe);
}

static int op_msg(long i)
{
	struct {
		long type;
		char text[16];
	} m = { .type = 1 };

	if (msgsnd(msq, &m, 8, IPC_NOWAIT))
		return errno;
	return msgrcv(msq, &m, sizeof(m.text), 0, IPC_NOWAIT) < 0 ? errno : 0;
}

static int op_sem(long i)
{
	static bool up;		/* up and down */
	struct sembuf sb = { .sem_num = 0, .sem_op = up ? -1 : 1,
			     .sem_flg = IPC_NOWAIT };

	if (semop(sem, &sb, 1))
		return errno;
	up = !up;
	return 0;
}

static int op_shm(long i)
{
	void *p = shmat(shm, NULL, 0);

	if (p == (void *)-1)
		return errno;
	return shmdt(p) ? errno : 0;
}

static int op_mq(long i)
{
	char buf[64];

	if (mq_send(mq, "x", 1, 0))
		return errno;
	return mq_receive(mq, buf, sizeof(buf), NULL) < 0 ? errno : 0;
}

static int op_kill(long i)
{
	return kill(kill_target, SIGUSR1) ? errno : 0;
}

static int op_connect(long i)
{
	int s = socket(AF_UNIX, SOCK_STREAM, 0), a, rc = 0;

	if (s < 0)
		return errno;
	if (connect(s, (struct sockaddr *)&sock_addr, sizeof(sock_addr))) {
		rc = errno;
	} else {
		a = accept(fd_listen, NULL, NULL);
		if (a < 0)
			rc = errno;
		else
			close(a);
	}
	close(s);
	return rc;
}

struct op {
	const char *name;
	long n;			/* iterations per round */
	int (*fn)(long i);
};

static const struct op ops[] = {
	{ "getppid", 20000, op_getppid },
	{ "open_unlabeled", 10000, op_open_unlabeled },
	{ "open_dacl4", 10000, op_open_4 },
	{ "open_dacl64", 10000, op_open_64 },
	{ "open_deny_first", 10000, op_open_deny },
	{ "stat", 10000, op_stat },
	{ "create_file", 4000, op_create_plain },
	{ "create_file_inherit", 4000, op_create_inherit },
	{ "create_dir", 4000, op_mkdir_plain },
	{ "create_dir_inherit", 4000, op_mkdir_inherit },
	{ "rename", 4000, op_rename },
	{ "link_unlink", 4000, op_link },
	{ "mmap_exec", 10000, op_mmap_exec },
	{ "exec_labelled", 200, op_exec_labelled },
	{ "fork_exec", 200, op_fork_exec },
	{ "msgsnd_msgrcv", 10000, op_msg },
	{ "semop", 10000, op_sem },
	{ "shmat_shmdt", 4000, op_shm },
	{ "mq_send_receive", 10000, op_mq },
	{ "kill", 10000, op_kill },
	{ "unix_connect", 2000, op_connect },
};

/* Nanoseconds of @n calls of @fn, or -1 (with *@err set) when one failed. */
static long run(int (*fn)(long), long n, int *err)
{
	long t0, t1, i;
	int rc = 0;

	t0 = now_ns();
	for (i = 0; i < n; i++) {
		rc = fn(i);
		if (rc)
			break;
	}
	t1 = now_ns();
	*err = rc;
	return rc ? -1 : t1 - t0;
}

/* The best of ROUNDS rounds after a warm-up, in ns per call, or -1. */
static double measure(int (*fn)(long), long n, int *err)
{
	double best = -1;
	int r;

	if (run(fn, n / 10 + 2, err) < 0)
		return -1;
	for (r = 0; r < ROUNDS; r++) {
		long t = run(fn, n, err);

		if (t < 0)
			return -1;
		if (best < 0 || t < best * n)
			best = (double)t / n;
	}
	return best;
}

/*
 * The profile's marks: a page at the address insn_profile.c watches, with
 * a return at its start (the window opens) and one 0x40 bytes in (it
 * closes).
 */
#define MARK_PAGE	0x7e5700000000UL
static void (*mark_start)(void), (*mark_stop)(void);

static void map_marks(void)
{
	unsigned char *p = mmap((void *)MARK_PAGE, 4096,
				PROT_READ | PROT_WRITE | PROT_EXEC,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
				-1, 0);

	if (p != (void *)MARK_PAGE)
		die("map the profile marks");
	p[0] = 0xc3;		/* ret */
	p[0x40] = 0xc3;
	mark_start = (void (*)(void))p;
	mark_stop = (void (*)(void))(p + 0x40);
}

/* --- one level ------------------------------------------------------------ */

static void setup(const char *level)
{
	char root[PATH_MAX], plain[PATH_MAX], inherit[PATH_MAX], none[PATH_MAX];
	char *sd64 = sd_64();
	unsigned char *sd;
	size_t len;
	struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 64 };

	snprintf(root, sizeof(root), "/tmp/kbench.%s", level);
	snprintf(plain, sizeof(plain), "%s/plain", root);
	snprintf(inherit, sizeof(inherit), "%s/inherit", root);
	snprintf(none, sizeof(none), "%s/none", root);
	if (mkdir(root, 0755) || mkdir(plain, 0755) || mkdir(inherit, 0755) ||
	    mkdir(none, 0755))
		die(root);

	/*
	 * Every file is two directories below /tmp. The unlabeled file's
	 * directories have no descriptor either.
	 */
	snprintf(P.unlabeled, PATH_MAX, "%s/unlabeled", none);
	make_file(P.unlabeled, 0644, 0);
	if (has_winsec && lremovexattr(P.unlabeled, XATTR_WINSEC) &&
	    errno != ENODATA)
		die(P.unlabeled);

	snprintf(P.file4, PATH_MAX, "%s/dacl4", plain);
	snprintf(P.file64, PATH_MAX, "%s/dacl64", plain);
	snprintf(P.deny, PATH_MAX, "%s/deny", plain);
	snprintf(P.ren_a, PATH_MAX, "%s/rename-a", plain);
	snprintf(P.ren_b, PATH_MAX, "%s/rename-b", plain);
	snprintf(P.link, PATH_MAX, "%s/link", plain);
	snprintf(P.new_plain, PATH_MAX, "%s/new", plain);
	snprintf(P.new_inherit, PATH_MAX, "%s/new", inherit);
	snprintf(P.exec, PATH_MAX, "%s/kbench", plain);
	snprintf(P.sock, PATH_MAX, "%s/sock", plain);
	snprintf(P.mq, sizeof(P.mq), "/kbench.%s", level);

	make_file(P.file4, 0644, 4096);
	make_file(P.file64, 0644, 0);
	make_file(P.deny, 0644, 0);
	make_file(P.ren_a, 0644, 0);
	copy_file(exe, P.exec);

	/* The socket, and the IPC objects under the creator descriptor. */
	if (has_winsec) {
		char text[256];

		snprintf(text, sizeof(text), SD_OBJECT, level_sid(level));
		if (kbench_sddl(text, &sd, &len))
			exit(1);
		errno = winsec_set_attr(ATTR_FSCREATE, sd, len);
		if (errno)
			die("set the creator descriptor");
		free(sd);
	}
	fd_listen = socket(AF_UNIX, SOCK_STREAM, 0);
	sock_addr.sun_family = AF_UNIX;
	snprintf(sock_addr.sun_path, sizeof(sock_addr.sun_path), "%s", P.sock);
	if (fd_listen < 0 || bind(fd_listen, (struct sockaddr *)&sock_addr, sizeof(sock_addr)) ||
	    listen(fd_listen, 16))
		die(P.sock);
	msq = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	sem = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	if (msq < 0 || sem < 0 || shm < 0)
		die("SysV IPC");
	mq_unlink(P.mq);
	mq = mq_open(P.mq, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
	if (mq == (mqd_t)-1)
		die("mq_open");
	mq_close(mq);
	if (has_winsec) {
		errno = winsec_set_attr(ATTR_FSCREATE, "", 0);
		if (errno)
			die("clear the creator descriptor");
	}

	/* Descriptors last: they may take rights from their owner. */
	label(P.file4, SD_FILE4, level, false);
	label(P.file64, sd64, level, false);
	label(P.deny, SD_DENY, level, false);
	label(P.ren_a, SD_FILE4, level, false);
	label(P.exec, SD_FILE4, level, false);
	label(P.sock, SD_OBJECT, level, false);
	label(plain, SD_DIR, level, true);
	label(inherit, SD_DIR_INHERIT, level, true);
	if (has_smack) {
		for (const char *d = root; d; d = d == root ? none : NULL)
			if (lsetxattr(d, XATTR_SMACK, SMACK_OBJECT,
				      strlen(SMACK_OBJECT), 0))
				die(d);
	}
	free(sd64);
}

/* What the operations keep open, opened at the level measured. */
static void open_handles(void)
{
	fd_file4 = open(P.file4, O_RDONLY);
	if (fd_file4 < 0)
		die(P.file4);
	mq = mq_open(P.mq, O_RDWR);
	if (mq == (mqd_t)-1)
		die("mq_open");
}

/* A task at the same level that keeps SIGUSR1 pending. */
static pid_t start_kill_target(void)
{
	sigset_t set;
	pid_t pid;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		for (;;)
			pause();
	}
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	return pid;
}

static int ops_at(const char *level)
{
	double loop, v;
	size_t k;
	int err;

	become_alice();
	setup(level);
	if (capset_effective(0))
		die("drop capabilities");
	if (strcmp(level, "medium"))
		set_level(level);
	open_handles();
	kill_target = start_kill_target();

	if (profile_calls) {
		map_marks();
		for (k = 0; k < ARRAY_SIZE(ops); k++) {
			long n = profile_calls;

			/* The exec operations are slow: a tenth as many. */
			if (ops[k].n < 1000)
				n = n / 10 + 1;
			/* A failed operation leaves an empty window. */
			v = run(ops[k].fn, n / 10 + 2, &err);
			mark_start();
			if (v >= 0)
				v = run(ops[k].fn, n, &err);
			mark_stop();
			if (v < 0)
				printf("KBENCH error %s/%s %s\n", level,
				       ops[k].name, strerror(err));
			printf("KBENCH window %s %s %ld\n", level,
			       ops[k].name, v < 0 ? 0 : n);
		}
		goto out;
	}
	loop = measure(op_null, iters(100000), &err);
	printf("KBENCH loop %s null %.1f\n", level, loop);
	for (k = 0; k < ARRAY_SIZE(ops); k++) {
		v = measure(ops[k].fn, iters(ops[k].n), &err);
		if (v < 0)
			printf("KBENCH error %s/%s %s\n", level, ops[k].name,
			       strerror(err));
		else
			printf("KBENCH op %s %s %.1f\n", level, ops[k].name,
			       v - loop);
		fflush(stdout);
	}
out:
	kill(kill_target, SIGKILL);
	waitpid(kill_target, NULL, 0);
	msgctl(msq, IPC_RMID, NULL);
	semctl(sem, 0, IPC_RMID);
	shmctl(shm, IPC_RMID, NULL);
	mq_unlink(P.mq);
	return 0;
}

static int cmd_ops(int argc, char **argv)
{
	int i, status, rc = 0;

	for (i = 0; i < argc; i++) {
		pid_t pid;

		if (strcmp(argv[i], "medium") && strcmp(argv[i], "low")) {
			fprintf(stderr, "kbench: level medium or low, not %s\n",
				argv[i]);
			return 2;
		}
		fflush(stdout);
		pid = fork();
		if (pid < 0)
			die("fork");
		if (!pid)
			_exit(ops_at(argv[i]));
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			rc = 1;
	}
	return rc;
}

/* --- memory --------------------------------------------------------------- */

/* Slab bytes, from /proc/meminfo. */
static long slab_bytes(void)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		die("/proc/meminfo");
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Slab: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb * 1024;
}

static int cmd_mem(long files)
{
	char dir[PATH_MAX], path[PATH_MAX + 32];
	long before, mid, after, i;
	struct stat st;

	become_alice();
	for (i = 0; i < 2; i++) {
		snprintf(dir, sizeof(dir), "/tmp/kbench.mem%ld", i);
		if (mkdir(dir, 0755))
			die(dir);
	}
	/* Warm the caches a little first. */
	for (i = 0; i < 64; i++) {
		snprintf(path, sizeof(path), "/tmp/kbench.mem1/warm%ld", i);
		make_file(path, 0644, 0);
		label(path, SD_FILE4, "medium", false);
	}
	sync();
	before = slab_bytes();
	for (i = 0; i < files; i++) {
		snprintf(path, sizeof(path), "/tmp/kbench.mem0/f%ld", i);
		make_file(path, 0644, 0);
		if (stat(path, &st))
			die(path);
	}
	mid = slab_bytes();
	for (i = 0; i < files; i++) {
		snprintf(path, sizeof(path), "/tmp/kbench.mem1/f%ld", i);
		make_file(path, 0644, 0);
		label(path, SD_FILE4, "medium", false);
		/* An open loads the descriptor where that is lazy. */
		if (open_close(path))
			die(path);
	}
	after = slab_bytes();
	printf("KBENCH mem unlabeled %.1f\n", (double)(mid - before) / files);
	printf("KBENCH mem labelled %.1f\n", (double)(after - mid) / files);
	return 0;
}

/* --- scaling -------------------------------------------------------------- */

struct worker {
	pthread_t thread;
	pthread_barrier_t *start;
	const char *path;
	long n;
	long t0, t1;
	int err;
};

static void *worker(void *p)
{
	struct worker *w = p;
	long i;

	pthread_barrier_wait(w->start);
	w->t0 = now_ns();
	for (i = 0; i < w->n && !w->err; i++)
		w->err = open_close(w->path);
	w->t1 = now_ns();
	return NULL;
}

static int cmd_scale(long n)
{
	static const int counts[] = { 1, 2, 4 };
	char paths[4][PATH_MAX];
	struct worker w[4];
	pthread_barrier_t start;
	int mode, k, t, err;
	long t0 = 0, t1 = 0;

	become_alice();
	if (mkdir("/tmp/kbench.scale", 0755))
		die("/tmp/kbench.scale");
	for (t = 0; t < 4; t++) {
		snprintf(paths[t], PATH_MAX, "/tmp/kbench.scale/f%d", t);
		make_file(paths[t], 0644, 0);
		label(paths[t], SD_FILE4, "medium", false);
	}
	label("/tmp/kbench.scale", SD_DIR, "medium", true);
	if (capset_effective(0))
		die("drop capabilities");

	for (mode = 0; mode < 2; mode++) {
		for (k = 0; k < 3; k++) {
			int threads = counts[k];
			double best = -1;
			int r;

			for (r = 0; r < ROUNDS; r++) {
				pthread_barrier_init(&start, NULL, threads + 1);
				for (t = 0; t < threads; t++) {
					w[t] = (struct worker){
						.start = &start,
						.path = paths[mode ? t : 0],
						.n = n,
					};
					if (pthread_create(&w[t].thread, NULL,
							   worker, &w[t]))
						die("pthread_create");
				}
				/* From the first start to the last end. */
				pthread_barrier_wait(&start);
				err = 0;
				for (t = 0; t < threads; t++) {
					pthread_join(w[t].thread, NULL);
					if (w[t].err)
						err = w[t].err;
					if (!t || w[t].t0 < t0)
						t0 = w[t].t0;
					if (!t || w[t].t1 > t1)
						t1 = w[t].t1;
				}
				pthread_barrier_destroy(&start);
				if (err)
					break;
				if (best < 0 || t1 - t0 < best * n * threads)
					best = (double)(t1 - t0) / (n * threads);
			}
			if (err)
				printf("KBENCH error scale/%s/%d %s\n",
				       mode ? "diff" : "same", threads,
				       strerror(err));
			else
				printf("KBENCH scale %s %d %.1f\n",
				       mode ? "diff" : "same", threads, best);
			fflush(stdout);
		}
	}
	return 0;
}

/*
 * On the host: the TSC's frequency in kHz, which a guest under TCG without
 * -icount sees unchanged and cannot calibrate without a reference timer
 * (make bench gives it as tsc_early_khz= to the wall-clock boot).
 */
static int cmd_tsc_khz(void)
{
#if defined(__x86_64__) || defined(__i386__)
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

int main(int argc, char **argv)
{
	static char self[PATH_MAX];
	ssize_t n;

	if (argc > 1 && !strcmp(argv[1], "--exit"))
		return 0;
	if (argc == 2 && !strcmp(argv[1], "tsc-khz"))
		return cmd_tsc_khz();
	setvbuf(stdout, NULL, _IOLBF, 0);
	quick = getenv("KBENCH_QUICK") && *getenv("KBENCH_QUICK") == '1';
	if (getenv("KBENCH_PROFILE"))
		profile_calls = atol(getenv("KBENCH_PROFILE"));
	has_winsec = lsm_active("winsec");
	has_smack = lsm_active("smack");
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0)
		die("/proc/self/exe");
	self[n] = '\0';
	exe = self;
	if (getuid()) {
		fprintf(stderr, "kbench: run as root\n");
		return 2;
	}

	if (argc > 2 && !strcmp(argv[1], "ops"))
		return cmd_ops(argc - 2, argv + 2);
	if (argc == 3 && !strcmp(argv[1], "mem"))
		return cmd_mem(atol(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "scale"))
		return cmd_scale(iters(atol(argv[2])));
	fprintf(stderr,
		"usage: kbench ops LEVEL... | mem FILES | scale N | tsc-khz | --exit\n");
	return 2;
}
