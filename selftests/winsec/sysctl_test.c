// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - /proc/sys: a sysctl changes the system for every
 * level, so its files carry an implicit High no-write-up label. Writing
 * one needs High or above (EACCES below, whatever the capabilities);
 * reading them and listing their directories stays open.
 */

#include "common.h"

#include <dirent.h>

#define DOMAINNAME	"/proc/sys/kernel/domainname"
#define HOSTNAME	"/proc/sys/kernel/hostname"

/* Read @path into @buf (NUL-terminated); the length or -1. */
static ssize_t read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

struct sysctl_write {
	const char *path;
	const char *value;
};

static int do_write(const void *p)
{
	const struct sysctl_write *a = p;
	ssize_t len = strlen(a->value);
	int fd = open(a->path, O_WRONLY);

	if (fd < 0)
		return errno;
	if (write(fd, a->value, len) != len)
		return 100 + errno;
	close(fd);
	return 0;
}

/*
 * As root at @level with every capability, write @value to @path.
 * Returns 0, the errno of the open, or 100 + the errno of the write.
 */
static int write_as(const char *level, const char *path, const char *value)
{
	struct sysctl_write a = { .path = path, .value = value };

	return run_as(SUBJECT(0, level, all_caps()), do_write, &a);
}

static int do_read(const void *path)
{
	char buf[256];

	return read_file(path, buf, sizeof(buf)) < 0 ? errno : 0;
}

/* As root at @level, read @path: 0 or the errno. */
static int read_as(const char *level, const char *path)
{
	return run_as(SUBJECT(0, level, all_caps()), do_read, path);
}

/* List @path: 0, the errno of opendir, or ENOENT for an empty listing. */
static int do_list(const void *path)
{
	DIR *d = opendir(path);

	if (!d)
		return errno;
	return readdir(d) ? 0 : ENOENT;
}

FIXTURE(sysctl) {
	char domainname[256];
	char hostname[256];
};

FIXTURE_SETUP(sysctl)
{
	if (!winsec_active())
		SKIP(return, "winsec is not active");
	if (access(DOMAINNAME, F_OK))
		SKIP(return, "the kernel has no /proc/sys");
	/* What the tests write back. */
	ASSERT_LT(0, read_file(DOMAINNAME, self->domainname,
			       sizeof(self->domainname)));
	ASSERT_LT(0, read_file(HOSTNAME, self->hostname,
			       sizeof(self->hostname)));
}

FIXTURE_TEARDOWN(sysctl)
{
	char now[256];

	/* Nothing may have changed the system. */
	ASSERT_LT(0, read_file(DOMAINNAME, now, sizeof(now)));
	EXPECT_STREQ(self->domainname, now);
	ASSERT_LT(0, read_file(HOSTNAME, now, sizeof(now)));
	EXPECT_STREQ(self->hostname, now);
}

/* Root with every capability, below High, cannot change a sysctl. */
TEST_F(sysctl, below_high_cannot_write_a_sysctl)
{
	EXPECT_EQ(EACCES, write_as("medium", DOMAINNAME, "winsec-attack"));
	EXPECT_EQ(EACCES, write_as("low", DOMAINNAME, "winsec-attack"));
	EXPECT_EQ(EACCES, write_as("medium", HOSTNAME, "winsec-attack"));
	EXPECT_EQ(EACCES, write_as("low", HOSTNAME, "winsec-attack"));
}

/* Controls: every level reads them, and lists their directory. */
TEST_F(sysctl, every_level_reads_sysctls)
{
	EXPECT_EQ(0, read_as("low", DOMAINNAME));
	EXPECT_EQ(0, read_as("medium", HOSTNAME));
	EXPECT_EQ(0, run_as(SUBJECT(0, "low", all_caps()), do_list,
			    "/proc/sys/kernel"));
}

/* Controls: High and System write them (the same value back). */
TEST_F(sysctl, high_and_system_write_sysctls)
{
	EXPECT_EQ(0, write_as("high", DOMAINNAME, self->domainname));
	EXPECT_EQ(0, write_as("system", DOMAINNAME, self->domainname));
	EXPECT_EQ(0, write_as("high", HOSTNAME, self->hostname));
	EXPECT_EQ(0, write_as("system", HOSTNAME, self->hostname));
}

TEST_HARNESS_MAIN
