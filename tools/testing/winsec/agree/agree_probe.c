// SPDX-License-Identifier: GPL-2.0-only
/*
 * agree-probe - compares "winsec check" with what the kernel does, in the
 * guest (scripts/guest/agree.sh)
 *
 *   agree-probe mkelf PATH      a tiny static program that exits with 0
 *   agree-probe mksock PATH     a Unix socket bound at PATH, no listener
 *   agree-probe mkmq NAME       a POSIX message queue, mode 0666
 *   agree-probe run --tool WINSEC SUBJECT... < OBJECTS
 *
 * run reads the objects, one a line "NAME KIND TARGET" (KIND file, dir,
 * fifo, sock, dev, msg, sem, shm or mq; TARGET a path, a SysV identifier
 * or a queue name). For every SUBJECT "NAME:UID:GID:GROUPS:LEVEL" (GROUPS
 * comma-separated, possibly empty) it forks a child that takes the
 * subject's ids and level, performs each operation of each object's kind,
 * then runs the tool as itself, one call per kind with every object of
 * that kind and one --desired per operation. When the subject may not read
 * an object's descriptor, the tool cannot answer for it: root, at System,
 * asks again with --user, --group, --level and --caps describing the
 * subject. Lines "NAME replace SOURCE" and "NAME newsd SOURCE SDDL" add
 * replacements: for each subject, root copies the descriptor of every
 * replace SOURCE onto fresh files, one per new descriptor (the bytes of
 * its SOURCE; SDDL for the tool), asks the tool with --user what the
 * subject may do, and the subject asks the tool with check --replace, then
 * tries setxattr(2). Each case is one line:
 *
 *   ok SUBJECT@LEVEL OBJECT KIND OP (RIGHTS) kernel=granted tool=granted (self)
 *   DISAGREE ...
 *   ERROR ...       an operation failed for another reason than access,
 *                   or the tool gave no answer
 *
 * and last "agree: N cases, N disagree, N errors". The exit status is 1
 * when a case disagreed or failed.
 */

#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#define MAX_OBJECTS	512
#define MAX_OPS		4

/* An operation: what it does, and the rights the kernel asks for it. */
struct op {
	const char *name;
	const char *rights;
	/* An error that still means access was granted (0: none). */
	int also_ok;
};

struct kind {
	const char *name;
	struct op ops[MAX_OPS];
};

static const struct kind kinds[] = {
	{ "file", { { "read", "FILE_READ_DATA" },
		    { "write", "FILE_WRITE_DATA" },
		    { "append", "FILE_APPEND_DATA" },
		    { "execute", "FILE_EXECUTE" } } },
	{ "dir", { { "list", "FILE_LIST_DIRECTORY" },
		   { "add-file", "FILE_ADD_FILE" },
		   { "add-subdir", "FILE_ADD_SUBDIRECTORY" } } },
	{ "fifo", { { "read", "FILE_READ_DATA" },
		    { "write", "FILE_WRITE_DATA", ENXIO } } },
	{ "sock", { { "connect", "FILE_WRITE_DATA", ECONNREFUSED } } },
	{ "dev", { { "read", "FILE_READ_DATA" },
		   { "write", "FILE_WRITE_DATA" } } },
	{ "msg", { { "receive", "IPC_READ", ENOMSG },
		   { "send", "IPC_WRITE", EAGAIN } } },
	{ "sem", { { "wait-zero", "IPC_READ", EAGAIN },
		   { "alter", "IPC_WRITE", EAGAIN } } },
	{ "shm", { { "attach-ro", "IPC_READ" },
		   { "attach-rw", "IPC_READ,IPC_WRITE" } } },
	{ "mq", { { "read", "FILE_READ_DATA" },
		  { "write", "FILE_WRITE_DATA" } } },
};

struct object {
	char name[64];
	const struct kind *kind;
	char target[256];
};

struct subject {
	char name[32];
	uid_t uid;
	gid_t gid;
	gid_t groups[16];
	int ngroups;
	char groups_text[128];
	char level[32];
};

static const char *tool = "/usr/bin/winsec";
static unsigned long counter;

static void die(const char *msg)
{
	fprintf(stderr, "agree-probe: %s: %s\n", msg, strerror(errno));
	exit(2);
}

static const struct kind *kind_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kinds[i].name, name))
			return &kinds[i];
	return NULL;
}

static int nops(const struct kind *k)
{
	int n = 0;

	while (n < MAX_OPS && k->ops[n].name)
		n++;
	return n;
}

/* --- making objects ---------------------------------------------------- */

/* A 64-bit ELF executable of one segment that calls exit(0). */
static int mkelf(const char *path)
{
	static const unsigned char elf[] = {
		/* ELF header */
		0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		2, 0, 0x3e, 0, 1, 0, 0, 0,			/* EXEC, x86-64 */
		0x78, 0, 0x40, 0, 0, 0, 0, 0,			/* entry */
		64, 0, 0, 0, 0, 0, 0, 0,			/* phoff */
		0, 0, 0, 0, 0, 0, 0, 0,				/* shoff */
		0, 0, 0, 0, 64, 0, 56, 0, 1, 0, 0, 0, 0, 0, 0, 0,
		/* program header: PT_LOAD, R+X */
		1, 0, 0, 0, 5, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0,				/* offset */
		0, 0, 0x40, 0, 0, 0, 0, 0,			/* vaddr */
		0, 0, 0x40, 0, 0, 0, 0, 0,			/* paddr */
		129, 0, 0, 0, 0, 0, 0, 0,			/* filesz */
		129, 0, 0, 0, 0, 0, 0, 0,			/* memsz */
		0, 0x10, 0, 0, 0, 0, 0, 0,			/* align */
		/* mov eax, 60; xor edi, edi; syscall */
		0xb8, 60, 0, 0, 0, 0x31, 0xff, 0x0f, 0x05,
	};
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0777);

	if (fd < 0 || write(fd, elf, sizeof(elf)) != (ssize_t)sizeof(elf) ||
	    close(fd) || chmod(path, 0777))
		die(path);
	return 0;
}

static int mksock(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    chmod(path, 0777))
		die(path);
	close(fd);
	return 0;
}

static int mkmq(const char *name)
{
	struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 16 };
	mqd_t q;

	umask(0);
	q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0666, &attr);
	/*
	 * The queue is created, then opened under its new descriptor: one
	 * that refuses the creator fails the open, and leaves the queue.
	 */
	if (q == (mqd_t)-1 && errno == EACCES) {
		q = mq_open(name, O_RDWR);
		if (q == (mqd_t)-1 && errno == EACCES)
			return 0;
	}
	if (q == (mqd_t)-1)
		die(name);
	mq_close(q);
	return 0;
}

/* --- operations ------------------------------------------------------- */

/* Perform operation @i of @o. Returns 0 on success, else an errno. */
static int perform(const struct object *o, int i, const struct subject *s)
{
	const char *op = o->kind->ops[i].name, *k = o->kind->name;
	char path[512];
	int fd, id, rc = 0;

	errno = 0;
	if (!strcmp(k, "file") || !strcmp(k, "dev") || !strcmp(k, "fifo")) {
		int flags = !strcmp(op, "read") ? O_RDONLY :
			    !strcmp(op, "append") ? O_WRONLY | O_APPEND : O_WRONLY;

		if (!strcmp(op, "execute")) {
			pid_t pid = fork();
			int status;

			if (pid < 0)
				return errno;
			if (!pid) {
				char *argv[] = { (char *)o->target, NULL };

				execve(o->target, argv, NULL);
				_exit(errno > 0 && errno < 120 ? errno : 120);
			}
			if (waitpid(pid, &status, 0) < 0)
				return errno;
			if (!WIFEXITED(status))
				return EINTR;
			return WEXITSTATUS(status);
		}
		if (!strcmp(k, "fifo"))
			flags |= O_NONBLOCK;
		fd = open(o->target, flags);
		if (fd < 0)
			return errno;
		close(fd);
		return 0;
	}
	if (!strcmp(k, "dir")) {
		snprintf(path, sizeof(path), "%s/%s-%s-%s-%lu", o->target, op,
			 s->name, s->level, counter++);
		if (!strcmp(op, "list")) {
			fd = open(o->target, O_RDONLY | O_DIRECTORY);
		} else if (!strcmp(op, "add-file")) {
			fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
		} else {
			fd = mkdir(path, 0777);
			return fd ? errno : 0;
		}
		if (fd < 0)
			return errno;
		close(fd);
		return 0;
	}
	if (!strcmp(k, "sock")) {
		struct sockaddr_un sa = { .sun_family = AF_UNIX };

		snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", o->target);
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		if (fd < 0)
			return errno;
		rc = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) ? errno : 0;
		close(fd);
		return rc;
	}
	if (!strcmp(k, "mq")) {
		mqd_t q = mq_open(o->target, !strcmp(op, "read") ? O_RDONLY :
							       O_WRONLY);

		if (q == (mqd_t)-1)
			return errno;
		mq_close(q);
		return 0;
	}
	id = atoi(o->target);
	if (!strcmp(k, "msg")) {
		struct { long type; char text[4]; } m = { 1, "hi" };

		if (!strcmp(op, "send"))
			rc = msgsnd(id, &m, sizeof(m.text), IPC_NOWAIT);
		else
			rc = msgrcv(id, &m, sizeof(m.text), 0, IPC_NOWAIT) < 0 ? -1 : 0;
		return rc ? errno : 0;
	}
	if (!strcmp(k, "sem")) {
		struct sembuf sb = { 0, 0, IPC_NOWAIT };

		if (!strcmp(op, "alter"))
			sb.sem_op = 1;
		return semop(id, &sb, 1) ? errno : 0;
	}
	if (!strcmp(k, "shm")) {
		void *p = shmat(id, NULL, !strcmp(op, "attach-ro") ? SHM_RDONLY : 0);

		if (p == (void *)-1)
			return errno;
		shmdt(p);
		return 0;
	}
	return EINVAL;
}

/* --- the tool ---------------------------------------------------------- */

struct object_result {
	char kernel[MAX_OPS][16];	/* "G", "D" or "E<errno>" */
	char tool[MAX_OPS];		/* 'G', 'D', or '?' for no answer */
	bool answered;
};

/* Run the tool with @argv; its output in @buf. Returns the output's length. */
static size_t run_tool(char *const *argv, char *buf, size_t size)
{
	int p[2], status;
	size_t len = 0;
	ssize_t r;
	pid_t pid;

	if (pipe(p))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execv(tool, argv);
		_exit(127);
	}
	close(p[1]);
	while ((r = read(p[0], buf + len, size - 1 - len)) > 0)
		len += r;
	close(p[0]);
	buf[len] = '\0';
	waitpid(pid, &status, 0);
	return len;
}

/*
 * Run the tool on the objects @idx[0..n) of @objects, all of kind @k, with
 * one --desired per operation of the kind and @extra arguments, and note
 * its answers in @res (indexed like @objects).
 */
static void ask_tool(const struct object *objects, const int *idx, int n,
		     const struct kind *k, char *const *extra,
		     struct object_result *res)
{
	static char buf[1 << 20];
	char **argv, **targets;
	int argc = 0, i, j, ops = nops(k);
	size_t len;
	char *seg, *next, *at;

	argv = calloc(2 * n + 32, sizeof(*argv));
	targets = calloc(n, sizeof(*targets));
	if (!argv || !targets)
		die("calloc");
	argv[argc++] = (char *)tool;
	argv[argc++] = "check";
	for (i = 0; i < n; i++) {
		const struct object *o = &objects[idx[i]];

		targets[i] = malloc(300);
		if (!strcmp(k->name, "msg") || !strcmp(k->name, "sem") ||
		    !strcmp(k->name, "shm")) {
			snprintf(targets[i], 300, "%s:%s", k->name, o->target);
			argv[argc++] = "--ipc";
		} else if (!strcmp(k->name, "mq")) {
			snprintf(targets[i], 300, "%s", o->target + 1);
			argv[argc++] = "--mqueue";
		} else {
			snprintf(targets[i], 300, "%s", o->target);
		}
		argv[argc++] = targets[i];
	}
	for (i = 0; i < ops; i++) {
		argv[argc++] = "--desired";
		argv[argc++] = (char *)k->ops[i].rights;
	}
	while (extra && *extra)
		argv[argc++] = *extra++;
	argv[argc++] = "--json";
	argv[argc] = NULL;

	len = run_tool(argv, buf, sizeof(buf));

	/* One object: the results alone; several: {"object", "results"}. */
	seg = n > 1 ? strstr(buf, "{\"object\": ") : buf;
	for (i = 0; i < n; i++) {
		struct object_result *or = &res[idx[i]];

		if (!seg)
			break;
		next = n > 1 ? strstr(seg + 1, "{\"object\": ") : NULL;
		if (next)
			next[-1] = '\0';
		at = seg;
		or->answered = !strstr(seg, "\"error\": ") && len;
		for (j = 0; j < ops && or->answered; j++) {
			at = strstr(at, "\"result\": \"");
			if (!at) {
				or->answered = false;
				break;
			}
			at += strlen("\"result\": \"");
			or->tool[j] = !strncmp(at, "granted", 7) ? 'G' : 'D';
		}
		seg = next;
	}
	for (i = 0; i < n; i++)
		free(targets[i]);
	free(targets);
	free(argv);
}

/* --- replacing descriptors ------------------------------------------------ */

/*
 * A file whose descriptor each subject tries to replace (a copy of the
 * descriptor of SOURCE, made for each subject and each new descriptor), and
 * the new descriptors (their bytes from a file, their SDDL for the tool).
 */
struct sd_bytes {
	char name[64];
	char path[256];
	char sddl[512];
	unsigned char sd[4096];
	ssize_t len;			/* < 0: no descriptor */
};

#define MAX_REPLACE	32
#define MAX_NEW		8

static struct sd_bytes reps[MAX_REPLACE], news[MAX_NEW];
static int nreps, nnews;
static char rep_path[MAX_REPLACE][MAX_NEW][512];

struct replace_result {
	char kernel[MAX_REPLACE][MAX_NEW][16];
	char tool[MAX_REPLACE][MAX_NEW];	/* 'G', 'D', '?' */
};

static void read_sd(struct sd_bytes *b)
{
	b->len = getxattr(b->path, "security.winsec", b->sd, sizeof(b->sd));
	if (b->len < 0 && errno != ENODATA)
		die(b->path);
}

/* As root: the copies for @s, each with its source's descriptor. */
static void make_copies(const struct subject *s)
{
	int i, j, fd;

	for (i = 0; i < nreps; i++)
		for (j = 0; j < nnews; j++) {
			if ((size_t)snprintf(rep_path[i][j], sizeof(rep_path[i][j]),
					     "%.255s.replace-%.63s-%.31s-%.31s",
					     reps[i].path, news[j].name, s->name,
					     s->level) >= sizeof(rep_path[i][j]))
				die("path too long");
			fd = open(rep_path[i][j], O_WRONLY | O_CREAT | O_EXCL, 0666);
			if (fd < 0 || fchmod(fd, 0666))
				die(rep_path[i][j]);
			close(fd);
			if (reps[i].len >= 0 &&
			    setxattr(rep_path[i][j], "security.winsec", reps[i].sd,
				     reps[i].len, 0))
				die(rep_path[i][j]);
		}
}

/*
 * Ask the tool whether new descriptor @j may replace those of the copies,
 * with @extra arguments; '?' where it cannot tell.
 */
static void ask_replace(int j, char *const *extra, struct replace_result *res)
{
	static char buf[1 << 18];
	char *argv[MAX_REPLACE + 32], *seg, *next, *at;
	int argc = 0, i;

	argv[argc++] = (char *)tool;
	argv[argc++] = "check";
	argv[argc++] = "--replace";
	argv[argc++] = news[j].sddl;
	for (i = 0; i < nreps; i++)
		argv[argc++] = rep_path[i][j];
	while (extra && *extra)
		argv[argc++] = *extra++;
	argv[argc++] = "--json";
	argv[argc] = NULL;
	run_tool(argv, buf, sizeof(buf));
	seg = nreps > 1 ? strstr(buf, "{\"object\": ") : buf;
	for (i = 0; i < nreps; i++) {
		res->tool[i][j] = '?';
		if (!seg)
			continue;
		next = nreps > 1 ? strstr(seg + 1, "{\"object\": ") : NULL;
		if (next)
			next[-1] = '\0';
		at = strstr(seg, "\"result\": \"");
		if (at && !strstr(seg, "\"error\": ")) {
			at += strlen("\"result\": \"");
			res->tool[i][j] = !strncmp(at, "granted", 7) ? 'G' : 'D';
		}
		seg = next;
	}
}

/* In the child: ask the tool, then try every replacement. */
static void replace_as_subject(struct replace_result *res)
{
	int i, j;

	for (j = 0; j < nnews; j++)
		ask_replace(j, NULL, res);
	for (i = 0; i < nreps; i++)
		for (j = 0; j < nnews; j++) {
			int rc = setxattr(rep_path[i][j], "security.winsec",
					  news[j].sd, news[j].len, 0) ? errno : 0;

			if (!rc)
				strcpy(res->kernel[i][j], "G");
			else if (rc == EACCES || rc == EPERM)
				strcpy(res->kernel[i][j], "D");
			else
				snprintf(res->kernel[i][j], 16, "E%d", rc);
		}
}

/* --- one subject -------------------------------------------------------- */

static void parse_subject(const char *arg, struct subject *s)
{
	char copy[256], *f[5], *p, *save;
	int n = 0;

	memset(s, 0, sizeof(*s));
	snprintf(copy, sizeof(copy), "%s", arg);
	for (p = copy; n < 5; n++) {
		f[n] = p;
		p = strchr(p, ':');
		if (!p)
			break;
		*p++ = '\0';
	}
	if (n != 4) {
		fprintf(stderr, "agree-probe: subject \"%s\" is not NAME:UID:GID:GROUPS:LEVEL\n", arg);
		exit(2);
	}
	snprintf(s->name, sizeof(s->name), "%s", f[0]);
	s->uid = atoi(f[1]);
	s->gid = atoi(f[2]);
	snprintf(s->groups_text, sizeof(s->groups_text), "%s", f[3]);
	for (p = strtok_r(f[3], ",", &save); p && s->ngroups < 16;
	     p = strtok_r(NULL, ",", &save))
		s->groups[s->ngroups++] = atoi(p);
	snprintf(s->level, sizeof(s->level), "%s", f[4]);
}

static const char *level_sid(const char *name)
{
	if (!strcmp(name, "untrusted"))
		return "S-1-16-0";
	if (!strcmp(name, "low"))
		return "S-1-16-4096";
	if (!strcmp(name, "medium"))
		return "S-1-16-8192";
	if (!strcmp(name, "high"))
		return "S-1-16-12288";
	return "S-1-16-16384";
}

/* In a child: become @s. */
static void become(const struct subject *s)
{
	const char *sid = level_sid(s->level);
	int fd;

	if (setgroups(s->ngroups, s->groups) || setresgid(s->gid, s->gid, s->gid) ||
	    setresuid(s->uid, s->uid, s->uid))
		die("cannot take the subject's ids");
	fd = open("/proc/self/attr/current", O_WRONLY);
	if (fd < 0 || write(fd, sid, strlen(sid)) != (ssize_t)strlen(sid))
		die("cannot set the subject's level");
	close(fd);
}

/* Ask the tool about every object, one call per kind. */
static void ask_by_kind(const struct object *objects, int nobj,
			const bool *want, char *const *extra,
			struct object_result *res)
{
	int *idx = calloc(nobj ? nobj : 1, sizeof(*idx));
	size_t k;
	int i, n;

	if (!idx)
		die("calloc");
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		for (i = n = 0; i < nobj; i++)
			if (objects[i].kind == &kinds[k] && (!want || want[i]))
				idx[n++] = i;
		if (n)
			ask_tool(objects, idx, n, &kinds[k], extra, res);
	}
	free(idx);
}

/*
 * The child: becomes the subject, performs every operation on every
 * object, asks the tool as itself, and writes the results to @fd.
 */
static void child(const struct object *objects, int nobj,
		  const struct subject *s, int fd)
{
	struct object_result *res = calloc(nobj ? nobj : 1, sizeof(*res));
	struct replace_result *rres = calloc(1, sizeof(*rres));
	int i, j, rc;

	if (!res || !rres)
		die("calloc");
	become(s);
	for (i = 0; i < nobj; i++) {
		const struct object *o = &objects[i];

		for (j = 0; j < nops(o->kind); j++) {
			rc = perform(o, j, s);
			if (!rc || rc == o->kind->ops[j].also_ok)
				strcpy(res[i].kernel[j], "G");
			else if (rc == EACCES || rc == EPERM)
				strcpy(res[i].kernel[j], "D");
			else
				snprintf(res[i].kernel[j], 16, "E%d", rc);
		}
	}
	ask_by_kind(objects, nobj, NULL, NULL, res);
	replace_as_subject(rres);
	for (i = 0; i < nobj; i++)
		if (write(fd, &res[i], sizeof(res[i])) != (ssize_t)sizeof(res[i]))
			_exit(3);
	if (write(fd, rres, sizeof(*rres)) != (ssize_t)sizeof(*rres))
		_exit(3);
	_exit(0);
}

struct counts {
	unsigned int cases, disagree, errors;
};

/* The options with which root describes @s to the tool. */
static void describe(const struct subject *s, char **extra, char *uid,
		     char *gid, char *groups)
{
	char *g, *gs;
	int e = 0;

	snprintf(uid, 16, "%u", s->uid);
	snprintf(gid, 16, "%u", s->gid);
	snprintf(groups, 128, "%s", s->groups_text);
	extra[e++] = "--user";
	extra[e++] = uid;
	extra[e++] = "--group";
	extra[e++] = gid;
	for (g = strtok_r(groups, ",", &gs); g && e < 18;
	     g = strtok_r(NULL, ",", &gs)) {
		extra[e++] = "--group";
		extra[e++] = g;
	}
	extra[e++] = "--level";
	extra[e++] = (char *)s->level;
	if (!s->uid) {
		extra[e++] = "--caps";
		extra[e++] = "all";
	}
	extra[e] = NULL;
}

/* Print and count one case. */
static void report(const struct subject *s, const char *object,
		   const char *kind, const char *op, const char *rights,
		   const char *kv, char tv, const char *via, struct counts *c)
{
	const char *kernel = *kv == 'G' ? "granted" : *kv == 'D' ? "denied" : kv;
	const char *answer = tv == 'G' ? "granted" :
			     tv == 'D' ? "denied" : "no answer";
	const char *verdict;

	c->cases++;
	if ((*kv != 'G' && *kv != 'D') || tv == '?') {
		verdict = "ERROR";
		c->errors++;
	} else if (*kv != tv) {
		verdict = "DISAGREE";
		c->disagree++;
	} else {
		verdict = "ok";
	}
	printf("%s %s@%s %s %s %s (%s) kernel=%s tool=%s (%s)\n", verdict,
	       s->name, s->level, object, kind, op, rights, kernel, answer, via);
}

static void one_subject(const struct object *objects, int nobj,
			const struct subject *s, struct counts *c)
{
	struct object_result *res = calloc(nobj ? nobj : 1, sizeof(*res));
	struct replace_result *rres = calloc(1, sizeof(*rres));
	struct replace_result *root = calloc(1, sizeof(*root));
	bool *fallback = calloc(nobj ? nobj : 1, sizeof(*fallback));
	int *readers = calloc(nobj ? nobj : 1, sizeof(*readers));
	char uid[16], gid[16], groups[128], *extra[24], op[80];
	int pfd[2], i, j, status, got = 0, nfall = 0;
	bool rgot;
	size_t len = 0, want = nobj * sizeof(*res) + sizeof(*rres);
	char *buf = malloc(want);
	ssize_t r;
	pid_t pid;

	if (!res || !rres || !root || !fallback || !readers || !buf)
		die("calloc");
	describe(s, extra, uid, gid, groups);
	/*
	 * The copies whose descriptors the subject tries to replace, and
	 * root's answers for them, asked before the subject changes them.
	 */
	if (nreps && nnews) {
		make_copies(s);
		for (j = 0; j < nnews; j++)
			ask_replace(j, extra, root);
	}
	/* Readers, so that a writer's open of a FIFO does not fail. */
	for (i = 0; i < nobj; i++)
		readers[i] = !strcmp(objects[i].kind->name, "fifo") ?
			     open(objects[i].target, O_RDONLY | O_NONBLOCK) : -1;
	if (pipe(pfd))
		die("pipe");
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		close(pfd[0]);
		child(objects, nobj, s, pfd[1]);
	}
	close(pfd[1]);
	while ((r = read(pfd[0], buf + len, want - len)) > 0)
		len += r;
	close(pfd[0]);
	waitpid(pid, &status, 0);
	for (i = 0; i < nobj; i++)
		if (readers[i] >= 0)
			close(readers[i]);
	got = len / sizeof(*res) < (size_t)nobj ? (int)(len / sizeof(*res)) : nobj;
	memcpy(res, buf, got * sizeof(*res));
	rgot = len == want;
	if (rgot)
		memcpy(rres, buf + nobj * sizeof(*res), sizeof(*rres));
	if (!rgot)
		printf("ERROR %s@%s: the child answered for %d objects of %d (status 0x%x)\n",
		       s->name, s->level, got, nobj, status);

	/* The subject could not read these descriptors: root asks for it. */
	for (i = 0; i < got; i++) {
		fallback[i] = !res[i].answered;
		nfall += fallback[i];
	}
	if (nfall)
		ask_by_kind(objects, got, fallback, extra, res);

	for (i = 0; i < nobj; i++) {
		const struct object *o = &objects[i];

		for (j = 0; j < nops(o->kind); j++)
			report(s, o->name, o->kind->name, o->kind->ops[j].name,
			       o->kind->ops[j].rights,
			       i < got ? res[i].kernel[j] : "?",
			       i < got && res[i].answered ? res[i].tool[j] : '?',
			       i < got && fallback[i] ? "as root, --user" : "self",
			       c);
	}
	for (i = 0; i < nreps; i++)
		for (j = 0; j < nnews; j++) {
			bool self = rgot && rres->tool[i][j] != '?';

			snprintf(op, sizeof(op), "replace-by-%.63s", news[j].name);
			report(s, reps[i].name, "file", op, "set --replace",
			       rgot ? rres->kernel[i][j] : "?",
			       self ? rres->tool[i][j] : root->tool[i][j],
			       self ? "self" : "as root, --user", c);
		}
	free(buf);
	free(res);
	free(rres);
	free(root);
	free(fallback);
	free(readers);
}

static int run(int argc, char **argv)
{
	static struct object objects[MAX_OBJECTS];
	struct counts c = { 0 };
	char line[512], kind[32];
	int nobj = 0, i;

	if (argc >= 2 && !strcmp(argv[0], "--tool")) {
		tool = argv[1];
		argc -= 2;
		argv += 2;
	}
	while (nobj < MAX_OBJECTS && fgets(line, sizeof(line), stdin)) {
		struct object *o = &objects[nobj];
		struct sd_bytes *b;

		if (sscanf(line, "%63s %31s %255s", o->name, kind, o->target) != 3)
			continue;
		/* "NAME replace SOURCE", "NAME newsd SOURCE SDDL" */
		if (!strcmp(kind, "replace") || !strcmp(kind, "newsd")) {
			bool rep = !strcmp(kind, "replace");

			if (rep ? nreps == MAX_REPLACE : nnews == MAX_NEW)
				continue;
			b = rep ? &reps[nreps++] : &news[nnews++];
			if (sscanf(line, "%63s %*s %255s %511s", b->name, b->path,
				   b->sddl) < 2)
				continue;
			read_sd(b);
			continue;
		}
		o->kind = kind_by_name(kind);
		if (!o->kind) {
			fprintf(stderr, "agree-probe: unknown kind \"%s\"\n", kind);
			return 2;
		}
		nobj++;
	}
	for (i = 0; i < argc; i++) {
		struct subject s;

		parse_subject(argv[i], &s);
		one_subject(objects, nobj, &s, &c);
	}
	printf("agree: %u cases, %u disagree, %u errors\n", c.cases, c.disagree,
	       c.errors);
	return c.disagree || c.errors || !c.cases;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && !strcmp(argv[1], "mkelf"))
		return mkelf(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "mksock"))
		return mksock(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "mkmq"))
		return mkmq(argv[2]);
	if (argc >= 2 && !strcmp(argv[1], "run"))
		return run(argc - 2, argv + 2);
	fprintf(stderr, "usage: agree-probe mkelf PATH | mksock PATH | mkmq NAME |\n"
		"       agree-probe run [--tool WINSEC] NAME:UID:GID:GROUPS:LEVEL... < OBJECTS\n");
	return 2;
}
