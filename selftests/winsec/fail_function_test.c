// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - failing closed when winsec's own functions fail: the
 * functions that allow error injection (fail_function in debugfs) are made
 * to return -ENOMEM in the test's child only (task-filter, make-it-fail),
 * on the paths that reach them: loading a stored descriptor, making a
 * descriptor from bytes, the descriptor of a new file or IPC object.
 *
 * A task that would be refused gets EACCES or ENOMEM and the object stays
 * as it was; a task that would be allowed gets ENOMEM: the failure reaches
 * the caller, nothing is decided on a state that could not be learnt; a
 * new object is not made, or carries the descriptor its creator asked
 * for. Each test prints how many failures were injected.
 */

#include "inject.h"
#include "sysv.h"

#include <mqueue.h>

#define FAIL_FUNCTION	DEBUGFS "/fail_function"
#define TIMES		1000000

/* Every right to alice and to LocalSystem, reading to the others. */
#define SD_DACL_FILE	"D:(A;;FA;;;SY)(A;;FA;;;S-1-22-1-1000)(A;;FR;;;WD)"
#define SD_IPC_DACL	"D:(A;;GA;;;SY)(A;;GA;;;S-1-22-1-1000)(A;;GR;;;WD)"
/* What alice tries to set: every right to everyone. */
#define SD_OPEN		"D:(A;;FA;;;WD)"

#define DATA		"data\n"
#define MQ_NAME		"/failfn"
#define MQ_MOUNT	TMP "/mq"
#define MQ_PATH		TMP "/mq" MQ_NAME
#define NEW_KEY		0x46464e43	/* "FFNC" */

/* The functions winsec lets fail_function fail. */
static const char *const injectable[] = {
	"winsec_inode_ensure",
	"winsec_desc_create",
	"winsec_desc_new_object",
	"winsec_new_object_desc",
};

/* Failing every call of the injected function, for tasks that ask. */
static const struct fault_setting fail_function_settings[] = {
	{ "fail_function/probability", "100" },
	{ "fail_function/interval", "1" },
	{ "fail_function/times", "1000000" },
	{ "fail_function/space", "0" },
	{ "fail_function/task-filter", "Y" },
	{ "fail_function/verbose", "0" },
};

static const struct subject medium_alice = { .uid = ALICE,
					     .level = "medium" };
static const struct subject medium_bob = { .uid = BOB, .level = "medium" };

/* Whether fail_function lists @fn, with the type ERRNO. */
static bool injectable_fn(const char *fn)
{
	FILE *f = fopen(FAIL_FUNCTION "/injectable", "r");
	char line[256], name[128], type[32];
	bool found = false;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "%127s %31s", name, type) == 2 &&
			!strcmp(name, fn) && !strcmp(type, "ERRNO");
	fclose(f);
	return found;
}

/* Make every call of @fn by a failing task return -@err. */
static bool fail_calls_of(const char *fn, int err)
{
	char path[128], value[32];

	if (!write_file(FAIL_FUNCTION "/inject", fn))
		return false;
	snprintf(path, sizeof(path), FAIL_FUNCTION "/%s/retval", fn);
	snprintf(value, sizeof(value), "%#lx", (unsigned long)-err);
	return write_file(path, value);
}

/* Stop injecting; the number of failures injected so far. */
static long stop_injecting(void)
{
	char buf[32];

	write_file(FAIL_FUNCTION "/inject", "\n");
	if (!read_file(FAIL_FUNCTION "/times", buf, sizeof(buf)))
		return -1;
	return TIMES - atol(buf);
}

/* --- operations, in a failing child ------------------------------------------ */

enum fn_op {
	OPEN_WRONLY, GETXATTR, SETXATTR, SET_FSCREATE, CREATE_FILE,
	CREATE_MSG, CREATE_SEM, CREATE_SHM, CREATE_MQ,
};

struct fn_arg {
	enum fn_op op;
	const char *path;
	const char *fscreate;	/* set before the operation, NULL: none */
};

static int fn_prep(const void *p)
{
	const struct fn_arg *a = p;

	return set_fscreate(a->fscreate);
}

static int fn_op(const void *p)
{
	const struct fn_arg *a = p;
	struct sdbuf sd;
	int fd, id = 0;
	mqd_t q;

	switch (a->op) {
	case OPEN_WRONLY:
		fd = open(a->path, O_WRONLY);
		if (fd < 0)
			return errno;
		close(fd);
		return 0;
	case GETXATTR:
		return get_sd(a->path, &sd) < 0 ? errno : 0;
	case SETXATTR:
		if (!sddl_encode(SD_OPEN, &sd))
			return SDDL_UNKNOWN;
		return setxattr(a->path, WINSEC_XATTR_NAME, sd.b, sd.len, 0) ?
		       errno : 0;
	case SET_FSCREATE:
		return set_fscreate(SD_DACL_FILE);
	case CREATE_FILE:
		fd = open(a->path, O_CREAT | O_EXCL | O_WRONLY, 0666);
		if (fd < 0)
			return errno;
		close(fd);
		return 0;
	case CREATE_MSG:
		id = msgget(NEW_KEY, IPC_CREAT | IPC_EXCL | 0666);
		break;
	case CREATE_SEM:
		id = semget(NEW_KEY, 1, IPC_CREAT | IPC_EXCL | 0666);
		break;
	case CREATE_SHM:
		id = shmget(NEW_KEY, 4096, IPC_CREAT | IPC_EXCL | 0666);
		break;
	case CREATE_MQ:
		q = mq_open(MQ_NAME, O_CREAT | O_EXCL | O_RDWR, 0666, NULL);
		if (q == (mqd_t)-1)
			return errno;
		mq_close(q);
		return 0;
	}
	return id < 0 ? errno : 0;
}

/* The file on ext4, NULL without the ext4 image. */
#define COLD_FILE	(self->ext4 ? self->ext4_file : NULL)

/* Run @a as @who, failing the injected function when @failing. */
static int fn_as(const struct subject *who, const struct fn_arg *a,
		 bool failing)
{
	struct call c = { .prep = fn_prep, .op = fn_op, .arg = a,
			  .make_it_fail = failing };

	return run_nth(who, &c, 0).rc;
}

/* --- the objects ---------------------------------------------------------------- */

FIXTURE(fail_function) {
	struct fault_saved saved;
	char ext4_dir[64];
	char ext4_file[80];
	struct sdbuf file_sd;	/* the descriptor of the files as set */
	struct sdbuf mq_sd;	/* what a new queue gets without injection */
	bool ext4;
};

/* Make @path hold DATA, owned by alice, mode 0666, with @sd. */
static void make_labelled(struct __test_metadata *const _metadata,
			  const char *path, const struct sdbuf *sd)
{
	make_file(_metadata, path, ALICE);
	ASSERT_EQ(0, chmod(path, 0666));
	ASSERT_EQ(0, setxattr(path, WINSEC_XATTR_NAME, sd->b, sd->len, 0));
}

/* @path still holds DATA and the descriptor @sd. */
static bool unchanged(const char *path, const struct sdbuf *sd)
{
	struct sdbuf b;
	char buf[16];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	return n == 5 && !memcmp(buf, DATA, 5) &&
	       get_sd(path, &b) == (ssize_t)sd->len &&
	       !memcmp(b.b, sd->b, sd->len);
}

static void remove_new(void)
{
	int id;

	set_enforce("0");
	unlink(P("dir/new"));
	unlink(EXT4 "/failfn/new");
	mq_unlink(MQ_NAME);
	id = msgget(NEW_KEY, 0);
	if (id >= 0)
		msgctl(id, IPC_RMID, NULL);
	id = semget(NEW_KEY, 0, 0);
	if (id >= 0)
		semctl(id, 0, IPC_RMID);
	id = shmget(NEW_KEY, 0, 0);
	if (id >= 0)
		shmctl(id, IPC_RMID, NULL);
	set_enforce("1");
}

FIXTURE_SETUP(fail_function)
{
	struct stat st;
	unsigned int i;

	if (!winsec_active())
		SKIP(return, "winsec is not active");
	if (stat(FAIL_FUNCTION, &st))
		SKIP(return, "no fail_function (CONFIG_FAIL_FUNCTION, debugfs)");
	/* A kernel with fail_function must let winsec's functions fail. */
	for (i = 0; i < ARRAY_SIZE(injectable); i++) {
		if (!injectable_fn(injectable[i]))
			ksft_print_msg("%s is not in %s\n", injectable[i],
				       FAIL_FUNCTION "/injectable");
		ASSERT_TRUE(injectable_fn(injectable[i]));
	}
	ASSERT_TRUE(fault_settings_apply(fail_function_settings,
					 ARRAY_SIZE(fail_function_settings),
					 &self->saved));
	ipc_setup(_metadata);
	ASSERT_EQ(0, mkdir(MQ_MOUNT, 0755));
	ASSERT_EQ(0, mount("mqueue", MQ_MOUNT, "mqueue", 0, NULL));
	ASSERT_TRUE(sddl_encode(SD_DACL_FILE, &self->file_sd));
	make_dir(_metadata, P("dir"), 0);
	make_labelled(_metadata, P("file"), &self->file_sd);
	if (have_ext4()) {
		self->ext4 = true;
		snprintf(self->ext4_dir, sizeof(self->ext4_dir),
			 EXT4 "/failfn");
		snprintf(self->ext4_file, sizeof(self->ext4_file),
			 EXT4 "/failfn/file");
		remove_new();
		unlink(self->ext4_file);
		rmdir(self->ext4_dir);
		make_dir(_metadata, self->ext4_dir, 0);
		make_labelled(_metadata, self->ext4_file, &self->file_sd);
	}
}

FIXTURE_TEARDOWN(fail_function)
{
	write_file(FAIL_FUNCTION "/inject", "\n");
	fault_settings_restore(&self->saved);
	remove_new();
	if (self->ext4) {
		unlink(self->ext4_file);
		rmdir(self->ext4_dir);
	}
	sysv_remove_all();
}

/*
 * On the ext4 file, cold: bob, whom the DACL refuses, gets EACCES or
 * ENOMEM; alice, whom it allows, gets ENOMEM; the file is unchanged.
 */
static void cold_open(struct __test_metadata *const _metadata,
		      const char *file, const struct sdbuf *sd)
{
	struct fn_arg a = { .op = OPEN_WRONLY, .path = file };
	int rc;

	if (!file)
		return;
	ASSERT_TRUE(drop_inodes());
	rc = fn_as(&medium_bob, &a, true);
	EXPECT_TRUE(rc == EACCES || rc == ENOMEM) {
		TH_LOG("bob's write open of the cold file: %d", rc);
	}
	ASSERT_TRUE(drop_inodes());
	EXPECT_EQ(ENOMEM, fn_as(&medium_alice, &a, true));
	EXPECT_TRUE(unchanged(file, sd));
}

/* Without injection, the same: bob refused, alice allowed. */
static void cold_open_control(struct __test_metadata *const _metadata,
			      const char *file)
{
	struct fn_arg a = { .op = OPEN_WRONLY, .path = file };

	if (!file)
		return;
	ASSERT_TRUE(drop_inodes());
	EXPECT_EQ(EACCES, fn_as(&medium_bob, &a, false));
	ASSERT_TRUE(drop_inodes());
	EXPECT_EQ(0, fn_as(&medium_alice, &a, false));
}

/* The new object @op makes, if it exists: 0, ENOENT, or an errno. */
static int new_sd(enum fn_op op, struct sdbuf *b)
{
	enum kind kind = op == CREATE_MSG ? MSG : op == CREATE_SEM ? SEM : SHM;
	int id;

	b->len = 0;
	switch (op) {
	case CREATE_MQ:
		return get_sd(MQ_PATH, b) < 0 ? errno : 0;
	case CREATE_MSG:
		id = msgget(NEW_KEY, 0);
		break;
	case CREATE_SEM:
		id = semget(NEW_KEY, 0, 0);
		break;
	case CREATE_SHM:
		id = shmget(NEW_KEY, 0, 0);
		break;
	default:
		return EINVAL;
	}
	return id < 0 ? errno : ipc_get(kind, id, b);
}

/* Whether bob may write the new object of @op: 0 or an errno. */
static int bob_writes(const void *p)
{
	enum fn_op op = *(const enum fn_op *)p;
	struct op_arg a = { .kind = op == CREATE_MSG ? MSG :
				    op == CREATE_SEM ? SEM : SHM };
	mqd_t q;

	if (op == CREATE_MQ) {
		q = mq_open(MQ_NAME, O_WRONLY);
		if (q == (mqd_t)-1)
			return errno;
		mq_close(q);
		return 0;
	}
	switch (a.kind) {
	case MSG:
		a.id = msgget(NEW_KEY, 0);
		break;
	case SEM:
		a.id = semget(NEW_KEY, 0, 0);
		break;
	case SHM:
		a.id = shmget(NEW_KEY, 0, 0);
		break;
	}
	a.op = write_op(a.kind);
	return do_ipc_op(&a);
}

/*
 * Alice makes an IPC object under a creator descriptor that refuses bob,
 * with the injected function failing: the creation fails with ENOMEM, or
 * (a POSIX queue that mq_open made before failing) the object has the
 * descriptor a creation without injection gives it and refuses bob.
 */
static void new_ipc(struct __test_metadata *const _metadata, enum fn_op op)
{
	struct fn_arg a = { .op = op, .fscreate = op == CREATE_MQ ?
				       SD_DACL_FILE : SD_IPC_DACL };
	struct sdbuf ref, b;
	int rc, exists;

	/* The reference, without injection. */
	remove_new();
	ASSERT_EQ(0, fn_as(&medium_alice, &a, false));
	ASSERT_EQ(0, new_sd(op, &ref));
	ASSERT_EQ(EACCES, run_as(&medium_bob, bob_writes, &op));
	remove_new();

	rc = fn_as(&medium_alice, &a, true);
	exists = new_sd(op, &b);
	if (exists == ENOENT) {
		EXPECT_EQ(ENOMEM, rc);
		return;
	}
	EXPECT_EQ(0, exists) {
		TH_LOG("made (%d), but its descriptor cannot be read: %s",
		       rc, strerror(exists));
	}
	EXPECT_TRUE(!exists && b.len == ref.len &&
		    !memcmp(b.b, ref.b, b.len)) {
		TH_LOG("made (%d) with another descriptor", rc);
	}
	EXPECT_EQ(EACCES, run_as(&medium_bob, bob_writes, &op)) {
		TH_LOG("made (%d), and bob may write it", rc);
	}
	remove_new();
}

/* The stored descriptor cannot be learnt: nothing is decided on it. */
TEST_F(fail_function, inode_ensure)
{
	struct fn_arg get = { .op = GETXATTR, .path = P("file") };
	struct fn_arg set = { .op = SETXATTR, .path = P("file") };
	struct fn_arg create = { .op = CREATE_FILE, .path = P("dir/new") };
	struct stat st;
	long n;

	ASSERT_TRUE(fail_calls_of("winsec_inode_ensure", ENOMEM));
	cold_open(_metadata, COLD_FILE, &self->file_sd);
	EXPECT_EQ(ENOMEM, fn_as(&medium_alice, &get, true));
	EXPECT_EQ(ENOMEM, fn_as(&medium_alice, &set, true));
	EXPECT_TRUE(unchanged(P("file"), &self->file_sd));
	/* The folder's descriptor is needed for what the file inherits. */
	EXPECT_EQ(ENOMEM, fn_as(&medium_alice, &create, true));
	EXPECT_NE(0, stat(P("dir/new"), &st));
	n = stop_injecting();
	EXPECT_LT(0, n);
	ksft_print_msg("winsec_inode_ensure: %ld failures injected\n", n);

	cold_open_control(_metadata, COLD_FILE);
	EXPECT_EQ(0, fn_as(&medium_alice, &get, false));
	EXPECT_EQ(0, fn_as(&medium_alice, &create, false));
}

/* A descriptor cannot be made from bytes, stored or given. */
TEST_F(fail_function, desc_create)
{
	struct fn_arg set = { .op = SETXATTR, .path = P("file") };
	struct fn_arg fscreate = { .op = SET_FSCREATE };
	long n;

	ASSERT_TRUE(fail_calls_of("winsec_desc_create", ENOMEM));
	cold_open(_metadata, COLD_FILE, &self->file_sd);
	EXPECT_EQ(ENOMEM, fn_as(&medium_alice, &set, true));
	EXPECT_TRUE(unchanged(P("file"), &self->file_sd));
	EXPECT_EQ(ENOMEM, fn_as(&medium_alice, &fscreate, true));
	n = stop_injecting();
	EXPECT_LT(0, n);
	ksft_print_msg("winsec_desc_create: %ld failures injected\n", n);

	cold_open_control(_metadata, COLD_FILE);
	EXPECT_EQ(0, fn_as(&medium_alice, &fscreate, false));
	EXPECT_EQ(0, fn_as(&medium_alice, &set, false));
}

/* The descriptor of a new file or IPC object cannot be made. */
TEST_F(fail_function, desc_new_object)
{
	struct fn_arg create = { .op = CREATE_FILE, .path = P("dir/new") };
	struct fn_arg create4 = { .op = CREATE_FILE,
				  .path = EXT4 "/failfn/new" };
	struct stat st;
	long n;

	ASSERT_TRUE(fail_calls_of("winsec_desc_new_object", ENOMEM));
	EXPECT_EQ(ENOMEM, fn_as(&medium_alice, &create, true));
	EXPECT_NE(0, stat(P("dir/new"), &st));
	if (self->ext4) {
		EXPECT_EQ(ENOMEM, fn_as(&medium_alice, &create4, true));
		EXPECT_NE(0, stat(create4.path, &st));
	}
	new_ipc(_metadata, CREATE_MSG);
	new_ipc(_metadata, CREATE_MQ);
	n = stop_injecting();
	EXPECT_LT(0, n);
	ksft_print_msg("winsec_desc_new_object: %ld failures injected\n", n);

	EXPECT_EQ(0, fn_as(&medium_alice, &create, false));
}

/* The descriptor of a new IPC object, from its creator alone. */
TEST_F(fail_function, new_object_desc)
{
	long n;

	ASSERT_TRUE(fail_calls_of("winsec_new_object_desc", ENOMEM));
	new_ipc(_metadata, CREATE_MSG);
	new_ipc(_metadata, CREATE_SEM);
	new_ipc(_metadata, CREATE_SHM);
	new_ipc(_metadata, CREATE_MQ);
	n = stop_injecting();
	EXPECT_LT(0, n);
	ksft_print_msg("winsec_new_object_desc: %ld failures injected\n", n);
}

TEST_HARNESS_MAIN
