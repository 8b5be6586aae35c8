// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - IPC objects and tasks: ipc show / set / list, ps
 *
 * SysV IPC objects have no xattrs: the kernel keeps their descriptors and
 * serves them through securityfs. /sys/kernel/security/winsec/ipc/get is a
 * transaction file: write "msg|sem|shm ID", read the descriptor back (the
 * write fails with ENODATA for an unlabeled object). ipc/set takes
 * "msg|sem|shm ID\n" followed by the descriptor, in one write.
 */

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

#include "access.h"
#include "sd.h"
#include "sddl.h"
#include "listing.h"
#include "winsec.h"

#define IPC_GET_FILE	"/sys/kernel/security/winsec/ipc/get"
#define IPC_SET_FILE	"/sys/kernel/security/winsec/ipc/set"

static const char *const ipc_types[] = { "msg", "sem", "shm" };

static const char *type_or_die(const char *arg)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ipc_types); i++)
		if (!strcmp(arg, ipc_types[i]))
			return ipc_types[i];
	die("ipc: unknown object type \"%s\" (msg, sem or shm)", arg);
}

static int id_or_die(const char *arg)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < 0 || v > 0x7fffffff)
		die("ipc: \"%s\" is not an IPC identifier", arg);
	return v;
}

static const char *ipc_error(int err)
{
	if (err == ENOENT)
		return "this kernel has no winsec IPC interface (is securityfs mounted?)";
	if (err == EINVAL)
		return "no such object, or the request was refused as invalid";
	return strerror(err);
}

ssize_t ipc_read_sd(const char *type, int id, u8 **out)
{
	char cmd[32];
	int fd, err;

	*out = NULL;
	fd = open(IPC_GET_FILE, O_RDWR);
	if (fd < 0)
		return -errno;
	snprintf(cmd, sizeof(cmd), "%s %d\n", type, id);
	if (write(fd, cmd, strlen(cmd)) < 0) {
		err = errno;
		close(fd);
		return err == ENODATA ? 0 : -err;
	}
	return read_fd_close(fd, WINSEC_SD_MAX_SIZE, out);
}

static u8 *sddl_or_die(const char *sddl, size_t *len)
{
	struct winsec_sddl_error err;
	u8 *sd;
	int ret;

	ret = winsec_sddl_to_sd_resolve(sddl, NULL, sddl_resolve_name, NULL, &sd,
					len, &err);
	if (ret == -ENOMEM)
		die("out of memory");
	if (ret) {
		if (err.column)
			die("SDDL column %u: %s", err.column, err.message);
		die("SDDL: %s", err.message);
	}
	return sd;
}

static int ipc_show(int argc, char **argv, bool json)
{
	struct winsec_sddl_error err;
	struct winsec_sd view;
	const char *type;
	char *sddl = NULL;
	ssize_t n;
	u8 *buf;
	int id;

	if (argc != 3)
		die("ipc show: usage: winsec ipc show [--json] (msg|sem|shm) ID");
	type = type_or_die(argv[1]);
	id = id_or_die(argv[2]);
	n = ipc_read_sd(type, id, &buf);
	if (n < 0)
		die("ipc show: %s %d: %s", type, id, ipc_error(-n));
	if (n && winsec_sd_to_sddl(buf, n, NULL, &sddl, &err))
		die("ipc show: %s %d: %s", type, id, err.message);
	if (json) {
		printf("{\"type\": \"%s\", \"id\": %d, \"sddl\": ", type, id);
		if (sddl)
			json_string(sddl);
		else
			printf("null");
		printf(", \"descriptor\": ");
		if (sddl) {
			winsec_sd_parse(buf, n, &view, NULL);
			json_sd(&view, OBJ_IPC);
		} else {
			printf("null");
		}
		printf("}\n");
	} else {
		printf("%s\n", sddl ? sddl : "no descriptor");
	}
	free(sddl);
	free(buf);
	return 0;
}

static int ipc_set(int argc, char **argv)
{
	const char *type;
	size_t len, head;
	char *req;
	u8 *sd;
	int id, fd;

	if (argc != 4)
		die("ipc set: usage: winsec ipc set (msg|sem|shm) ID SDDL");
	type = type_or_die(argv[1]);
	id = id_or_die(argv[2]);
	sd = sddl_or_die(argv[3], &len);
	req = xmalloc(len + 32);
	head = snprintf(req, 32, "%s %d\n", type, id);
	memcpy(req + head, sd, len);
	fd = open(IPC_SET_FILE, O_WRONLY);
	if (fd < 0)
		die("ipc set: %s", ipc_error(errno));
	if (write(fd, req, head + len) != (ssize_t)(head + len))
		die("ipc set: %s %d: %s", type, id, ipc_error(errno));
	close(fd);
	free(req);
	free(sd);
	return 0;
}

/* The user's name, from /etc/passwd (never NSS), else the number. */
static void uid_text(unsigned long uid, char *buf, size_t size)
{
	const char *name = uid <= 0xffffffffUL ? user_name(uid) : NULL;

	if (name)
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "%lu", uid);
}

/* Index of column @name in a header line of /proc/sysvipc, or -1. */
static int column(char *const *cols, int ncols, const char *name)
{
	int i;

	for (i = 0; i < ncols; i++)
		if (!strcmp(cols[i], name))
			return i;
	return -1;
}

static int split(char *line, char **cols, int max)
{
	int n = 0;
	char *tok, *save;

	for (tok = strtok_r(line, " \t\n", &save); tok && n < max;
	     tok = strtok_r(NULL, " \t\n", &save))
		cols[n++] = tok;
	return n;
}

/* The label and owner columns of one object. */
static void show_object(const char *type, int id, unsigned long uid, bool json,
			bool *first)
{
	char owner[64] = "", label[WINSEC_LEVEL_TEXT_MAX] = "?", ubuf[64];
	const char *note = NULL;
	struct winsec_sd sd;
	u32 level, policy;
	ssize_t n;
	u8 *buf = NULL;

	uid_text(uid, ubuf, sizeof(ubuf));
	n = ipc_read_sd(type, id, &buf);
	if (n < 0) {
		note = strerror(-n);
	} else if (!n) {
		snprintf(label, sizeof(label), "medium");
		note = "no descriptor";
	} else if (winsec_sd_parse(buf, n, &sd, NULL)) {
		note = "invalid descriptor";
	} else {
		winsec_sd_label_info(&sd, &level, &policy);
		winsec_level_format(level, label, sizeof(label));
		if (sd.owner)
			winsec_sid_to_string(sd.owner, owner, sizeof(owner));
	}
	if (json) {
		printf("%s\n  {\"type\": \"%s\", \"id\": %d, \"uid\": %lu, \"user\": ",
		       *first ? "" : ",", type, id, uid);
		*first = false;
		json_string(ubuf);
		printf(", \"label\": ");
		json_string(label);
		printf(", \"owner\": ");
		if (owner[0])
			json_string(owner);
		else
			printf("null");
		printf(", \"note\": ");
		if (note)
			json_string(note);
		else
			printf("null");
		printf("}");
	} else if (n < 0 || (n && note)) {
		printf("%-4s %-10d %-12s %-12s (%s)\n", type, id, ubuf, label, note);
	} else if (note) {
		printf("%-4s %-10d %-12s %-12s %s\n", type, id, ubuf, label, note);
	} else if (owner[0]) {
		printf("%-4s %-10d %-12s %-12s owner %s\n", type, id, ubuf, label,
		       owner);
	} else {
		printf("%-4s %-10d %-12s %-12s\n", type, id, ubuf, label);
	}
	free(buf);
}

static int ipc_list(int argc, char **argv, bool json)
{
	bool first = true;
	size_t t;

	if (argc != 1)
		die("ipc list: no arguments expected");
	if (json)
		printf("[");
	else
		printf("%-4s %-10s %-12s %-12s %s\n", "TYPE", "ID", "UNIX OWNER",
		       "LABEL", "DESCRIPTOR");
	for (t = 0; t < ARRAY_SIZE(ipc_types); t++) {
		char path[64], line[512], *cols[32];
		int ncols, idcol, uidcol;
		FILE *f;

		snprintf(path, sizeof(path), "/proc/sysvipc/%s", ipc_types[t]);
		f = fopen(path, "r");
		if (!f)
			die("ipc list: %s: %s", path, strerror(errno));
		if (!fgets(line, sizeof(line), f)) {
			fclose(f);
			continue;
		}
		ncols = split(line, cols, 32);
		idcol = column(cols, ncols, t == 0 ? "msqid" :
					   t == 1 ? "semid" : "shmid");
		uidcol = column(cols, ncols, "uid");
		if (idcol < 0 || uidcol < 0)
			die("ipc list: %s: unexpected header", path);
		while (fgets(line, sizeof(line), f)) {
			int n = split(line, cols, 32);

			if (n <= idcol || n <= uidcol)
				continue;
			show_object(ipc_types[t], atoi(cols[idcol]),
				    strtoul(cols[uidcol], NULL, 10), json, &first);
		}
		fclose(f);
	}
	if (json)
		printf("%s]\n", first ? "" : "\n");
	return 0;
}

/* Set the creator descriptor (LSM_ATTR_FSCREATE) of this process. */
static void set_fscreate_or_die(const u8 *sd, size_t len)
{
	int rc = self_attr_set(LSM_ATTR_FSCREATE, sd, len, 0);

	if (rc == -EPERM)
		die("ipc create: --sddl: the descriptor needs a privilege the process lacks (label above its level, audit entries or another owner)");
	if (rc)
		die("ipc create: --sddl: %s", strerror(-rc));
}

/*
 * "create [--sddl SDDL] TYPE [KEY]": make an object (mode 0666), with
 * SDDL as its descriptor from the start (through the creator descriptor),
 * and print its identifier.
 */
static int ipc_create(int argc, char **argv, const char *sddl)
{
	const char *type;
	key_t key = IPC_PRIVATE;
	size_t len;
	int id;
	u8 *sd;

	if (sddl) {
		sd = sddl_or_die(sddl, &len);
		set_fscreate_or_die(sd, len);
		free(sd);
	}
	if (argc != 2 && argc != 3)
		die("ipc create: usage: winsec ipc create [--sddl SDDL] (msg|sem|shm) [KEY]");
	type = type_or_die(argv[1]);
	if (argc == 3)
		key = id_or_die(argv[2]);
	if (type == ipc_types[0])
		id = msgget(key, IPC_CREAT | 0666);
	else if (type == ipc_types[1])
		id = semget(key, 1, IPC_CREAT | 0666);
	else
		id = shmget(key, 4096, IPC_CREAT | 0666);
	if (id < 0)
		die("ipc create: %s: %s", type, strerror(errno));
	printf("%d\n", id);
	return 0;
}

/*
 * "use TYPE ID": the operation a client of the object performs: send a
 * message, release the semaphore (an altering semop), attach the segment
 * for writing. Exit status 1 when it is refused.
 */
static int ipc_use(int argc, char **argv)
{
	struct {
		long type;
		char text[4];
	} msg = { 1, "hi" };
	struct sembuf op = { 0, 1, IPC_NOWAIT };
	const char *type;
	int id, rc;
	void *m;

	if (argc != 3)
		die("ipc use: usage: winsec ipc use (msg|sem|shm) ID");
	type = type_or_die(argv[1]);
	id = id_or_die(argv[2]);
	if (type == ipc_types[0]) {
		rc = msgsnd(id, &msg, sizeof(msg.text), IPC_NOWAIT);
	} else if (type == ipc_types[1]) {
		rc = semop(id, &op, 1);
	} else {
		m = shmat(id, NULL, 0);
		rc = m == (void *)-1 ? -1 : shmdt(m);
	}
	if (rc) {
		if (errno == EACCES || errno == EPERM) {
			printf("%s %d: %s\n", type, id, strerror(errno));
			return 1;
		}
		die("ipc use: %s %d: %s", type, id, strerror(errno));
	}
	printf("%s %d: ok\n", type, id);
	return 0;
}

/**
 * cmd_ipc() - "winsec ipc (show|set|list|create|use) ..."
 * @argc: argument count
 * @argv: "ipc" and the arguments
 *
 * Return: 0, or 2 on bad input or a refused request.
 */
int cmd_ipc(int argc, char **argv)
{
	const char *sddl = NULL;
	bool json = false;

	if (argc < 2)
		die("ipc: missing command (try winsec ipc --help)");
	if (is_help(argv[1])) {
		printf("usage: winsec ipc show [--json] (msg|sem|shm) ID\n"
		       "       winsec ipc set (msg|sem|shm) ID SDDL\n"
		       "       winsec ipc list [--json]\n"
		       "       winsec ipc create [--sddl SDDL] (msg|sem|shm) [KEY]\n"
		       "       winsec ipc use (msg|sem|shm) ID\n"
		       "Show or replace the descriptor of a SysV message queue (msg),\n"
		       "semaphore set (sem) or shared memory segment (shm), or list\n"
		       "every SysV object with its Unix owner and integrity label.\n"
		       "Showing needs READ_CONTROL, setting WRITE_DAC (and WRITE_OWNER\n"
		       "for the owner, group or label) on the object.\n"
		       "create makes an object (mode 0666), with the descriptor SDDL from\n"
		       "the start (as creator descriptor), and prints its ID; use sends\n"
		       "a message, releases the semaphore or attaches the segment for\n"
		       "writing, and exits with 1 when that is refused (for experiments).\n");
		return 0;
	}
	/* Each subcommand's options, with the common parser. */
	if (!strcmp(argv[1], "show") || !strcmp(argv[1], "list") ||
	    !strcmp(argv[1], "create")) {
		static const struct option longopts[] = {
			{ "json", no_argument, NULL, 'j' },
			{ "sddl", required_argument, NULL, 's' },
			{ 0 }
		};
		char cmd[16];
		int c;

		snprintf(cmd, sizeof(cmd), "ipc %s", argv[1]);
		argc--;
		argv++;
		while ((c = getopt_or_die(argc, argv, cmd, "", longopts)) != -1) {
			if (c == 'j' && strcmp(argv[0], "create"))
				json = true;
			else if (c == 's' && !strcmp(argv[0], "create"))
				sddl = optarg;
			else
				die("%s: unknown option \"%s\" (try winsec ipc --help)",
				    cmd, argv[optind - 1]);
		}
		/* What is left, after the subcommand's name. */
		argv[optind - 1] = argv[0];
		argc -= optind - 1;
		argv += optind - 1;
		argc++;
		argv--;
	}
	if (!strcmp(argv[1], "show"))
		return ipc_show(argc - 1, argv + 1, json);
	if (!strcmp(argv[1], "set"))
		return ipc_set(argc - 1, argv + 1);
	if (!strcmp(argv[1], "list"))
		return ipc_list(argc - 1, argv + 1, json);
	if (!strcmp(argv[1], "create"))
		return ipc_create(argc - 1, argv + 1, sddl);
	if (!strcmp(argv[1], "use"))
		return ipc_use(argc - 1, argv + 1);
	die("ipc: unknown command \"%s\" (show, set, list, create or use)",
	    argv[1]);
}

/* Read a small /proc file into @buf without its trailing newline. */
static bool read_small(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return false;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return false;
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\0'))
		n--;
	buf[n] = '\0';
	return true;
}

/* The effective uid of a task, from /proc/PID/status. */
static bool task_euid(const char *pid, unsigned long *uid)
{
	char path[300], line[256];
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%s/status", pid);
	f = fopen(path, "r");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Uid: %*u %lu", uid) == 1) {
			found = true;
			break;
		}
	fclose(f);
	return found;
}

/**
 * cmd_ps() - "winsec ps [--json]": tasks with their integrity levels
 * @argc: argument count
 * @argv: "ps"
 *
 * The level comes from /proc/PID/attr/current, which is winsec's unless an
 * LSM ordered before it (SELinux, AppArmor, Smack) answers it; "?" when it
 * cannot be read.
 *
 * Return: 0, or 2 on bad usage.
 */
int cmd_ps(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct dirent *de;
	bool json = false, first = true;
	DIR *d;
	int c;

	while ((c = getopt_or_die(argc, argv, "ps", "hj", longopts)) != -1) {
		if (c == 'j') {
			json = true;
		} else {
			printf("usage: winsec ps [--json]\n"
			       "List the tasks with their user and integrity level (from\n"
			       "/proc/PID/attr/current; \"?\" when another LSM answers it).\n"
			       "--json prints an array of {\"pid\", \"uid\", \"user\", \"level\", \"command\"}.\n");
			return 0;
		}
	}
	if (optind < argc)
		die("ps: no arguments expected");
	d = opendir("/proc");
	if (!d)
		die("ps: /proc: %s", strerror(errno));
	if (json)
		printf("[");
	else
		printf("%7s %-12s %-12s %s\n", "PID", "USER", "LEVEL", "COMMAND");
	while ((de = readdir(d))) {
		char path[300], level[64], comm[64], ubuf[64];
		unsigned long uid;
		bool have_uid;

		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/comm", de->d_name);
		if (!read_small(path, comm, sizeof(comm)))
			continue;	/* gone */
		snprintf(path, sizeof(path), "/proc/%s/attr/current",
			 de->d_name);
		if (!read_small(path, level, sizeof(level)))
			strcpy(level, "?");
		have_uid = task_euid(de->d_name, &uid);
		if (have_uid)
			uid_text(uid, ubuf, sizeof(ubuf));
		else
			strcpy(ubuf, "?");
		if (!json) {
			printf("%7s %-12s %-12s %s\n", de->d_name, ubuf, level, comm);
			continue;
		}
		printf("%s\n  {\"pid\": %s, \"uid\": ", first ? "" : ",", de->d_name);
		first = false;
		if (have_uid)
			printf("%lu", uid);
		else
			printf("null");
		printf(", \"user\": ");
		json_string(ubuf);
		printf(", \"level\": ");
		json_string(level);
		printf(", \"command\": ");
		json_string(comm);
		printf("}");
	}
	closedir(d);
	if (json)
		printf("%s]\n", first ? "" : "\n");
	return 0;
}
