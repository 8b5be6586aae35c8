// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - open_by_handle_at: a file handle reaches a file
 * without a path walk, and the open checks are the same as open()'s: a
 * task below the file's label cannot open it for writing (EACCES), with
 * CAP_DAC_READ_SEARCH or without.
 */

#include "desc.h"
#include "fsop.h"

/* A file handle with room for any file system's. */
struct handle {
	struct file_handle fh;
	unsigned char room[MAX_HANDLE_SZ];
};

FIXTURE(fhandle) {
	int mount_fd;
	struct handle sys;	/* a System file */
	struct handle low;	/* a Low file */
};

/* The handle of @path, as root at System. */
static void get_handle(struct __test_metadata *const _metadata,
		       const char *path, struct handle *h)
{
	int mount_id;

	h->fh.handle_bytes = MAX_HANDLE_SZ;
	ASSERT_EQ(0, name_to_handle_at(AT_FDCWD, path, &h->fh, &mount_id, 0)) {
		TH_LOG("name_to_handle_at %s: %s", path, strerror(errno));
	}
}

FIXTURE_SETUP(fhandle)
{
	prepare_tmpfs(_metadata);
	make_file(_metadata, P("sys"), 0);
	SET_SD(P("sys"), "D:(A;;FA;;;WD)S:(ML;;NW;;;SI)");
	make_file(_metadata, P("low"), 0);
	SET_SD(P("low"), "D:(A;;FA;;;WD)S:(ML;;NW;;;LW)");
	get_handle(_metadata, P("sys"), &self->sys);
	get_handle(_metadata, P("low"), &self->low);
	/* The tmpfs root tells open_by_handle_at which file system. */
	self->mount_fd = open(TMP, O_RDONLY | O_DIRECTORY);
	ASSERT_LE(0, self->mount_fd);
}

FIXTURE_TEARDOWN(fhandle)
{
	close(self->mount_fd);
}

struct handle_open {
	int mount_fd;
	struct handle *h;
	int flags;
};

static int do_open_handle(const void *p)
{
	const struct handle_open *a = p;
	int fd = open_by_handle_at(a->mount_fd, &a->h->fh, a->flags);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/*
 * As root at @level with only CAP_DAC_READ_SEARCH (what
 * open_by_handle_at asks for), open @h with @flags. Returns 0 or the
 * errno.
 */
static int open_handle_at_level(const char *level, int mount_fd,
				struct handle *h, int flags)
{
	struct handle_open a = { .mount_fd = mount_fd, .h = h, .flags = flags };

	return run_as(SUBJECT(0, level, CAPBIT(CAP_DAC_READ_SEARCH)),
		      do_open_handle, &a);
}

TEST_F(fhandle, low_cannot_write_a_system_file_by_handle)
{
	EXPECT_EQ(EACCES, open_handle_at_level("low", self->mount_fd,
					       &self->sys, O_WRONLY));
	EXPECT_EQ(EACCES, open_handle_at_level("low", self->mount_fd,
					       &self->sys, O_RDWR));
	EXPECT_EQ(EACCES, open_handle_at_level("high", self->mount_fd,
					       &self->sys, O_WRONLY));
	/* Controls: reading down is allowed; System writes it. */
	EXPECT_EQ(0, open_handle_at_level("low", self->mount_fd, &self->sys,
					  O_RDONLY));
	EXPECT_EQ(0, open_handle_at_level("system", self->mount_fd,
					  &self->sys, O_WRONLY));
}

/* Control: by handle, Low writes a Low file. */
TEST_F(fhandle, low_writes_a_low_file_by_handle)
{
	EXPECT_EQ(0, open_handle_at_level("low", self->mount_fd, &self->low,
					  O_WRONLY));
}

/* The handle open and the path open agree. */
TEST_F(fhandle, a_handle_opens_what_the_path_opens)
{
	EXPECT_EQ(EACCES, AS_CAPS(0, "low", CAPBIT(CAP_DAC_READ_SEARCH),
				  .kind = OP_OPEN, .path = P("sys"),
				  .flags = O_WRONLY));
	EXPECT_EQ(0, AS_CAPS(0, "low", CAPBIT(CAP_DAC_READ_SEARCH),
			     .kind = OP_OPEN, .path = P("sys"),
			     .flags = O_RDONLY));
}

TEST_HARNESS_MAIN
