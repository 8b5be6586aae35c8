// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the operation-to-rights tables (rights.c): every row of
 * the tables in the admin guide, checked one by one.
 */

#include <kunit/test.h>
#include <linux/fs.h>
#include <linux/ipc.h>
#include <linux/mman.h>
#include <linux/msg.h>
#include <linux/sem.h>
#include <linux/shm.h>
#include <uapi/linux/shm.h>
#include <uapi/linux/winsec.h>

#include "../rights.h"

struct may_case {
	umode_t mode;
	int mask;
	u32 want;
};

static const struct may_case may_cases[] = {
	{ S_IFREG, MAY_READ, WINSEC_FILE_READ_DATA },
	{ S_IFREG, MAY_WRITE, WINSEC_FILE_WRITE_DATA },
	{ S_IFREG, MAY_WRITE | MAY_APPEND, WINSEC_FILE_APPEND_DATA },
	{ S_IFREG, MAY_EXEC, WINSEC_FILE_EXECUTE },
	{ S_IFREG, MAY_READ | MAY_WRITE,
	  WINSEC_FILE_READ_DATA | WINSEC_FILE_WRITE_DATA },
	{ S_IFREG, MAY_ACCESS, 0 },
	/* An open is decided by file_open, once. */
	{ S_IFREG, MAY_OPEN | MAY_READ, 0 },
	{ S_IFREG, MAY_OPEN | MAY_WRITE | MAY_APPEND, 0 },
	{ S_IFDIR, MAY_OPEN | MAY_READ, 0 },
	{ S_IFIFO, MAY_WRITE, WINSEC_FILE_WRITE_DATA },
	{ S_IFSOCK, MAY_READ, WINSEC_FILE_READ_DATA },
	{ S_IFCHR, MAY_READ | MAY_WRITE,
	  WINSEC_FILE_READ_DATA | WINSEC_FILE_WRITE_DATA },
	{ S_IFDIR, MAY_READ, WINSEC_FILE_LIST_DIRECTORY },
	/* Traversal and writes to a directory are checked elsewhere. */
	{ S_IFDIR, MAY_EXEC, 0 },
	{ S_IFDIR, MAY_WRITE | MAY_EXEC, 0 },
};

static void test_may_rights(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(may_cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, may_cases[i].want,
				    winsec_may_rights(may_cases[i].mode,
						      may_cases[i].mask),
				    "row %u", i);
}

struct open_case {
	umode_t mode;
	fmode_t fmode;
	unsigned int flags;
	u32 want;
};

static const struct open_case open_cases[] = {
	{ S_IFREG, FMODE_READ, O_RDONLY, WINSEC_FILE_READ_DATA },
	{ S_IFREG, FMODE_WRITE, O_WRONLY, WINSEC_FILE_WRITE_DATA },
	{ S_IFREG, FMODE_WRITE, O_WRONLY | O_APPEND, WINSEC_FILE_APPEND_DATA },
	{ S_IFREG, FMODE_READ | FMODE_WRITE, O_RDWR,
	  WINSEC_FILE_READ_DATA | WINSEC_FILE_WRITE_DATA },
	{ S_IFREG, FMODE_READ | FMODE_EXEC, __FMODE_EXEC,
	  WINSEC_FILE_EXECUTE },
	{ S_IFREG, 0, O_PATH, 0 },
	{ S_IFDIR, FMODE_READ, O_RDONLY | O_DIRECTORY,
	  WINSEC_FILE_LIST_DIRECTORY },
	{ S_IFDIR, 0, O_DIRECTORY, 0 },
};

static void test_open_rights(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(open_cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, open_cases[i].want,
				    winsec_open_rights(open_cases[i].mode,
						       open_cases[i].fmode,
						       open_cases[i].flags),
				    "row %u", i);
}

struct setattr_case {
	unsigned int valid;
	u32 want;
};

static const struct setattr_case setattr_cases[] = {
	{ ATTR_MODE, WINSEC_WRITE_DAC },
	{ ATTR_UID, WINSEC_WRITE_OWNER },
	{ ATTR_GID, WINSEC_WRITE_OWNER },
	{ ATTR_SIZE, WINSEC_FILE_WRITE_DATA },
	{ ATTR_SIZE | ATTR_FILE, 0 },
	{ ATTR_SIZE | ATTR_MTIME | ATTR_CTIME, WINSEC_FILE_WRITE_DATA },
	{ ATTR_ATIME | ATTR_MTIME | ATTR_ATIME_SET | ATTR_MTIME_SET,
	  WINSEC_FILE_WRITE_ATTRIBUTES },
	{ ATTR_TOUCH | ATTR_CTIME, WINSEC_FILE_WRITE_ATTRIBUTES },
	{ ATTR_FORCE | ATTR_KILL_SUID | ATTR_MODE, 0 },
	{ ATTR_MODE | ATTR_UID, WINSEC_WRITE_DAC | WINSEC_WRITE_OWNER },
	{ ATTR_CTIME, 0 },
};

static void test_setattr_rights(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(setattr_cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, setattr_cases[i].want,
				    winsec_setattr_rights(setattr_cases[i].valid),
				    "row %u", i);
}

static void test_mmap_rights(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 0U, winsec_mmap_rights(PROT_READ, 0));
	KUNIT_EXPECT_EQ(test, 0U,
			winsec_mmap_rights(PROT_READ | PROT_WRITE, 0));
	KUNIT_EXPECT_EQ(test, WINSEC_FILE_WRITE_DATA,
			winsec_mmap_rights(PROT_READ | PROT_WRITE,
					   WINSEC_MAP_SHARED));
	KUNIT_EXPECT_EQ(test, WINSEC_FILE_EXECUTE,
			winsec_mmap_rights(PROT_READ | PROT_EXEC, 0));
	KUNIT_EXPECT_EQ(test, WINSEC_FILE_EXECUTE | WINSEC_FILE_WRITE_DATA,
			winsec_mmap_rights(PROT_WRITE | PROT_EXEC,
					   WINSEC_MAP_SHARED));
}

static void test_ipcflag_rights(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 0U, winsec_ipcflag_rights(0));
	KUNIT_EXPECT_EQ(test, WINSEC_IPC_READ, winsec_ipcflag_rights(0400));
	KUNIT_EXPECT_EQ(test, WINSEC_IPC_READ, winsec_ipcflag_rights(0004));
	KUNIT_EXPECT_EQ(test, WINSEC_IPC_WRITE, winsec_ipcflag_rights(0200));
	KUNIT_EXPECT_EQ(test, WINSEC_IPC_READ | WINSEC_IPC_WRITE,
			winsec_ipcflag_rights(0666));
	/* Execute bits mean nothing to IPC objects. */
	KUNIT_EXPECT_EQ(test, 0U, winsec_ipcflag_rights(0111));
}

struct ctl_case {
	enum winsec_ipc_type type;
	int cmd;
	u32 want;
};

static const struct ctl_case ctl_cases[] = {
	{ WINSEC_IPC_MSG, IPC_STAT, WINSEC_READ_CONTROL },
	{ WINSEC_IPC_MSG, MSG_STAT, WINSEC_READ_CONTROL },
	{ WINSEC_IPC_MSG, MSG_STAT_ANY, WINSEC_READ_CONTROL },
	{ WINSEC_IPC_MSG, IPC_SET, WINSEC_WRITE_DAC },
	{ WINSEC_IPC_MSG, IPC_RMID, WINSEC_DELETE },
	{ WINSEC_IPC_MSG, IPC_INFO, 0 },
	{ WINSEC_IPC_MSG, MSG_INFO, 0 },
	{ WINSEC_IPC_SEM, IPC_STAT, WINSEC_READ_CONTROL },
	{ WINSEC_IPC_SEM, SEM_STAT, WINSEC_READ_CONTROL },
	{ WINSEC_IPC_SEM, SEM_STAT_ANY, WINSEC_READ_CONTROL },
	{ WINSEC_IPC_SEM, IPC_SET, WINSEC_WRITE_DAC },
	{ WINSEC_IPC_SEM, IPC_RMID, WINSEC_DELETE },
	{ WINSEC_IPC_SEM, GETVAL, WINSEC_IPC_READ },
	{ WINSEC_IPC_SEM, GETALL, WINSEC_IPC_READ },
	{ WINSEC_IPC_SEM, GETPID, WINSEC_IPC_READ },
	{ WINSEC_IPC_SEM, GETNCNT, WINSEC_IPC_READ },
	{ WINSEC_IPC_SEM, GETZCNT, WINSEC_IPC_READ },
	{ WINSEC_IPC_SEM, SETVAL, WINSEC_IPC_WRITE },
	{ WINSEC_IPC_SEM, SETALL, WINSEC_IPC_WRITE },
	{ WINSEC_IPC_SEM, SEM_INFO, 0 },
	{ WINSEC_IPC_SHM, IPC_STAT, WINSEC_READ_CONTROL },
	{ WINSEC_IPC_SHM, SHM_STAT, WINSEC_READ_CONTROL },
	{ WINSEC_IPC_SHM, SHM_STAT_ANY, WINSEC_READ_CONTROL },
	{ WINSEC_IPC_SHM, IPC_SET, WINSEC_WRITE_DAC },
	{ WINSEC_IPC_SHM, IPC_RMID, WINSEC_DELETE },
	{ WINSEC_IPC_SHM, SHM_LOCK, WINSEC_IPC_WRITE },
	{ WINSEC_IPC_SHM, SHM_UNLOCK, WINSEC_IPC_WRITE },
	{ WINSEC_IPC_SHM, SHM_INFO, 0 },
	/* A number of one type means nothing for another. */
	{ WINSEC_IPC_MSG, GETVAL, 0 },
	{ WINSEC_IPC_SHM, SETALL, 0 },
};

static void test_ipcctl_rights(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ctl_cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, ctl_cases[i].want,
				    winsec_ipcctl_rights(ctl_cases[i].type,
							 ctl_cases[i].cmd),
				    "row %u (type %d, cmd %d)", i,
				    ctl_cases[i].type, ctl_cases[i].cmd);
}

static struct kunit_case winsec_rights_test_cases[] = {
	KUNIT_CASE(test_may_rights),
	KUNIT_CASE(test_open_rights),
	KUNIT_CASE(test_setattr_rights),
	KUNIT_CASE(test_mmap_rights),
	KUNIT_CASE(test_ipcflag_rights),
	KUNIT_CASE(test_ipcctl_rights),
	{}
};

static struct kunit_suite winsec_rights_test_suite = {
	.name = "winsec_rights",
	.test_cases = winsec_rights_test_cases,
};

kunit_test_suite(winsec_rights_test_suite);
