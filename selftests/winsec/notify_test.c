// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - inotify and fanotify: a watch reveals what happens
 * to an object, so placing one asks for the right to read it (to list a
 * directory). A Low task cannot watch an object labelled no-read-up above
 * it (EACCES); an unlabeled object (no-write-up only) it may watch.
 */

#include "desc.h"

#include <sys/fanotify.h>
#include <sys/inotify.h>

enum watch { INOTIFY, FANOTIFY };

struct watch_arg {
	enum watch how;
	const char *path;
};

static int do_watch(const void *p)
{
	const unsigned int in_mask = IN_MODIFY | IN_CLOSE_WRITE;
	const struct watch_arg *a = p;
	int fd;

	if (a->how == INOTIFY) {
		fd = inotify_init1(IN_CLOEXEC);
		if (fd < 0)
			return PREP_FAILED + errno;
		return inotify_add_watch(fd, a->path, in_mask) < 0 ? errno : 0;
	}
	/* Unprivileged fanotify: notification only, with file ids. */
	fd = fanotify_init(FAN_CLASS_NOTIF | FAN_REPORT_FID, O_RDONLY);
	if (fd < 0)
		return PREP_FAILED + errno;
	return fanotify_mark(fd, FAN_MARK_ADD, FAN_MODIFY | FAN_CLOSE_WRITE,
			     AT_FDCWD, a->path) ? errno : 0;
}

/*
 * As alice at @level, watch @path for changes with inotify or fanotify.
 * Returns 0 or the errno of placing the watch; PREP_FAILED + errno when
 * the notification group could not be made.
 */
static int watch_as(const char *level, enum watch how, const char *path)
{
	struct watch_arg a = { .how = how, .path = path };

	return run_as(SUBJECT(ALICE, level, 0), do_watch, &a);
}

FIXTURE(notify) {};

FIXTURE_SETUP(notify)
{
	prepare_tmpfs(_metadata);
	/* Medium, no-write-up and no-read-up; everyone may use it. */
	make_file(_metadata, P("nr"), 0);
	SET_SD(P("nr"), "D:(A;;FA;;;WD)S:(ML;;NWNR;;;ME)");
	make_dir(_metadata, P("nrdir"), 0);
	SET_SD(P("nrdir"), "D:(A;;FA;;;WD)S:(ML;OICI;NWNR;;;ME)");
	/* Unlabeled: Medium, no-write-up only. */
	make_file(_metadata, P("plain"), 0);
	make_dir(_metadata, P("plaindir"), 0);
}

FIXTURE_TEARDOWN(notify)
{
}

TEST_F(notify, low_cannot_inotify_watch_a_no_read_up_object)
{
	EXPECT_EQ(EACCES, watch_as("low", INOTIFY, P("nr")));
	EXPECT_EQ(EACCES, watch_as("low", INOTIFY, P("nrdir")));
	/* Controls: Medium may; and Low may watch what it may read. */
	EXPECT_EQ(0, watch_as("medium", INOTIFY, P("nr")));
	EXPECT_EQ(0, watch_as("medium", INOTIFY, P("nrdir")));
	EXPECT_EQ(0, watch_as("low", INOTIFY, P("plain")));
	EXPECT_EQ(0, watch_as("low", INOTIFY, P("plaindir")));
}

TEST_F(notify, low_cannot_fanotify_mark_a_no_read_up_object)
{
	EXPECT_EQ(EACCES, watch_as("low", FANOTIFY, P("nr")));
	EXPECT_EQ(EACCES, watch_as("low", FANOTIFY, P("nrdir")));
	EXPECT_EQ(0, watch_as("medium", FANOTIFY, P("nr")));
	EXPECT_EQ(0, watch_as("medium", FANOTIFY, P("nrdir")));
	EXPECT_EQ(0, watch_as("low", FANOTIFY, P("plain")));
	EXPECT_EQ(0, watch_as("low", FANOTIFY, P("plaindir")));
}

/* The DACL counts too: a watch needs the read right it grants. */
TEST_F(notify, a_watch_needs_the_read_right_of_the_dacl)
{
	/* Everything but reading the data. */
	make_file(_metadata, P("noread"), 0);
	SET_SD(P("noread"), DACL_EVERYONE(RIGHTS_ALL_BUT_READ));
	EXPECT_EQ(EACCES, watch_as("medium", INOTIFY, P("noread")));
	EXPECT_EQ(EACCES, watch_as("medium", FANOTIFY, P("noread")));
}

/*
 * Control: a watch that was allowed works. Alice at Medium watches the
 * no-read-up file and sees root write it.
 */
TEST_F(notify, an_allowed_watch_sees_changes)
{
	int ready[2], status, fd;
	pid_t pid;
	char c;

	ASSERT_EQ(0, pipe(ready));
	fflush(NULL);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		char buf[4096];
		const struct inotify_event *ev = (const void *)buf;
		int in;

		if (become(ALICE, "medium", 0))
			_exit(200);
		in = inotify_init1(IN_CLOEXEC);
		if (in < 0 || inotify_add_watch(in, P("nr"), IN_MODIFY) < 0)
			_exit(201);
		if (write(ready[1], "r", 1) != 1)
			_exit(202);
		if (read(in, buf, sizeof(buf)) < (ssize_t)sizeof(*ev))
			_exit(203);
		_exit(ev->mask & IN_MODIFY ? 0 : 204);
	}
	close(ready[1]);
	ASSERT_EQ(1, read(ready[0], &c, 1));
	fd = open(P("nr"), O_WRONLY | O_APPEND);
	ASSERT_LE(0, fd);
	ASSERT_EQ(1, write(fd, "x", 1));
	close(fd);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_HARNESS_MAIN
