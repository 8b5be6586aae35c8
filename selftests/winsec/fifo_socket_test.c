// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - FIFOs and unix sockets: opened and connected to under
 * the file rules, and the mutex story of seed 000 for each.
 */

#include "desc.h"
#include "fsop.h"

FIXTURE(fifo_socket) {};

FIXTURE_SETUP(fifo_socket)
{
	prepare_tmpfs(_metadata);
}

FIXTURE_TEARDOWN(fifo_socket)
{
}

struct mkfifo_arg {
	const char *path;
	const char *fscreate;
};

static int do_mkfifo(const void *p)
{
	const struct mkfifo_arg *a = p;
	int rc = set_fscreate(a->fscreate);

	if (rc)
		return PREP_FAILED + rc;
	return mkfifo(a->path, 0666) ? errno : 0;
}

/* mkfifo @path as alice at Medium, under @fscreate when not NULL. */
static int mkfifo_as_alice(const char *path, const char *fscreate)
{
	struct mkfifo_arg a = { .path = path, .fscreate = fscreate };

	return run_as(SUBJECT(ALICE, "medium", 0), do_mkfifo, &a);
}

/* Open a FIFO for writing, without waiting for a reader. */
#define OPEN_FIFO(_uid, _level, _path)					\
	AS(_uid, _level, .kind = OP_OPEN, .path = (_path),		\
	   .flags = O_WRONLY | O_NONBLOCK)

#define CONNECT(_uid, _level, _path)					\
	AS(_uid, _level, .kind = OP_CONNECT, .path = (_path))

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
		int fd;

		close(ready[0]);
		close(hold[1]);
		umask(0);
		if (become(ALICE, "medium", 0))
			_exit(1);
		if (set_fscreate(fscreate))
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

TEST_F(fifo_socket, fifo_opened_under_the_file_rules)
{
	ASSERT_EQ(0, mkfifo_as_alice(P("f1"), NULL));
	EXPECT_EQ(EACCES, OPEN_FIFO(BOB, "low", P("f1")));
	EXPECT_EQ(0, OPEN_FIFO(BOB, "medium", P("f1")));
	/* A DACL that denies bob write access. */
	SET_SD(P("f1"), SDDLF("D:(D;;%#x;;;S-1-22-1-1001)(A;;GA;;;WD)",
			      WINSEC_FILE_WRITE_DATA));
	EXPECT_EQ(EACCES, OPEN_FIFO(BOB, "medium", P("f1")));
	EXPECT_EQ(0, OPEN_FIFO(ALICE, "medium", P("f1")));
}

TEST_F(fifo_socket, unix_socket_connect_needs_write)
{
	pid_t pid;
	int ctl;

	pid = start_server(_metadata, NULL, P("sock1"), &ctl);
	EXPECT_EQ(EACCES, CONNECT(BOB, "low", P("sock1")));
	EXPECT_EQ(0, CONNECT(BOB, "medium", P("sock1")));
	SET_SD(P("sock1"), "D:(A;;FR;;;WD)(A;;FA;;;S-1-22-1-1000)");
	EXPECT_EQ(EACCES, CONNECT(BOB, "medium", P("sock1")));
	EXPECT_EQ(0, CONNECT(ALICE, "medium", P("sock1")));
	stop_server(pid, ctl);
}

TEST_F(fifo_socket, story_fifo)
{
	ASSERT_EQ(0, mkfifo_as_alice(P("pipe1"), NULL));
	EXPECT_EQ(EACCES, OPEN_FIFO(BOB, "low", P("pipe1")));
	ASSERT_EQ(0, mkfifo_as_alice(P("pipe2"), STORY_SD));
	EXPECT_EQ(0, OPEN_FIFO(BOB, "low", P("pipe2")));
}

TEST_F(fifo_socket, story_unix_socket)
{
	pid_t pid;
	int ctl;

	pid = start_server(_metadata, NULL, P("story1"), &ctl);
	EXPECT_EQ(EACCES, CONNECT(BOB, "low", P("story1")));
	stop_server(pid, ctl);
	pid = start_server(_metadata, STORY_SD, P("story2"), &ctl);
	EXPECT_EQ(0, CONNECT(BOB, "low", P("story2")));
	stop_server(pid, ctl);
}

TEST_HARNESS_MAIN
