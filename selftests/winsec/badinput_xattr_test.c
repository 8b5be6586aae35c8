// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - bad input through setxattr(2) of security.winsec, on
 * tmpfs and on ext4: the validator's fuzz corpus, mutants of it, and
 * inputs of lengths from 0 to 64 KiB + 1 (see sweep_length()). An invalid
 * descriptor is EINVAL, a value over 64 KiB E2BIG (the VFS), a valid one
 * is stored as given (ext4 may lack the room for a large one: ENOSPC); a
 * refused write leaves the file's descriptor as it was, in the cache and
 * on the disk. See verdict.h.
 */

#include "verdict.h"

#include <sys/statfs.h>

#define EXT4			"/mnt/ext4"
#define EXT4_MAGIC		0xef53
/* ext4 stores at least this much; a larger valid value may not fit. */
#define EXT4_SURE		512

/* Every length, when set in the environment (about 4.5 minutes more). */
#define FULL_SWEEP		"WINSEC_BADINPUT_FULL"

/*
 * The file under test and the descriptor it must hold. After an input is
 * taken, the file gets BASE_SD again, which lets root replace it; when
 * the descriptor taken does not let root do that, the file is removed and
 * a new one made with BASE_SD.
 */
struct xfile {
	char dir[PATH_MAX];
	char path[PATH_MAX + 16];
	unsigned int serial;
	int fd;		/* the file, open for reading back */
	bool ext4;
	__u8 *cur;
	size_t cur_len;
	__u8 *rd;
	struct tally t;
};

static int get_value(int fd, __u8 *buf, size_t size, ssize_t *len)
{
	*len = fgetxattr(fd, WINSEC_XATTR_NAME, buf, size);
	return *len < 0 ? errno : 0;
}

/*
 * Whether the file holds @want (@len bytes). A descriptor that denies root
 * READ_CONTROL is read with enforcement off. The buffer given is one byte
 * longer than @want, not 64 KiB: getxattr(2) zeroes a kernel buffer of the
 * size asked for, which would double the cost of the sweep.
 */
static bool holds(struct xfile *f, const __u8 *want, size_t len)
{
	ssize_t n;
	int rc;

	rc = get_value(f->fd, f->rd, len + 1, &n);
	if (rc == EACCES || rc == EPERM) {
		set_enforce("0");
		rc = get_value(f->fd, f->rd, len + 1, &n);
		set_enforce("1");
		f->t.unenforced++;
	}
	return !rc && (size_t)n == len && !memcmp(f->rd, want, len);
}

static bool new_file(struct __test_metadata *const _metadata, struct xfile *f)
{
	struct sdbuf base;
	int rc;

	if (f->serial) {
		close(f->fd);
		rc = unlink(f->path);
		if (rc) {
			set_enforce("0");
			rc = unlink(f->path);
			set_enforce("1");
			f->t.unenforced++;
		}
		if (rc) {
			TH_LOG("cannot remove %s: %s", f->path, strerror(errno));
			return false;
		}
	}
	snprintf(f->path, sizeof(f->path), "%s/f%u", f->dir, ++f->serial);
	f->fd = open(f->path, O_CREAT | O_EXCL | O_RDONLY, 0666);
	if (f->fd < 0)
		return false;
	if (!sddl_encode(BASE_SD, &base) ||
	    setxattr(f->path, WINSEC_XATTR_NAME, base.b, base.len, 0)) {
		TH_LOG("cannot label %s: %s", f->path, strerror(errno));
		return false;
	}
	memcpy(f->cur, base.b, base.len);
	f->cur_len = base.len;
	return true;
}

/* BASE_SD on the file under test again, or on a new one. */
static bool reset_file(struct __test_metadata *const _metadata,
		       struct xfile *f)
{
	struct sdbuf base;

	if (!sddl_encode(BASE_SD, &base))
		return false;
	if (setxattr(f->path, WINSEC_XATTR_NAME, base.b, base.len, 0))
		return new_file(_metadata, f);
	memcpy(f->cur, base.b, base.len);
	f->cur_len = base.len;
	return true;
}

static bool open_files(struct __test_metadata *const _metadata,
		       struct xfile *f, bool ext4)
{
	memset(f, 0, sizeof(*f));
	f->ext4 = ext4;
	f->cur = malloc(WINSEC_SD_MAX_SIZE);
	f->rd = malloc(WINSEC_SD_MAX_SIZE + 1);
	if (!f->cur || !f->rd)
		return false;
	if (ext4) {
		snprintf(f->dir, sizeof(f->dir), EXT4 "/badinput.%d", getpid());
		if (mkdir(f->dir, 0755))
			return false;
	} else {
		snprintf(f->dir, sizeof(f->dir), TMP);
	}
	return new_file(_metadata, f);
}

/* Remove the ext4 directory, whatever its files' descriptors say. */
static void close_files(struct xfile *f)
{
	if (f->serial)
		close(f->fd);
	if (!f->ext4)
		return;
	set_enforce("0");
	unlink(f->path);
	rmdir(f->dir);
	set_enforce("1");
}

/*
 * setxattr of one input on the file under test: EINVAL for an invalid
 * descriptor, E2BIG beyond the VFS limit, success for a valid one (ext4
 * may lack the room for a large one: ENOSPC or E2BIG). Then the file holds
 * exactly the input, or what it held before.
 */
static void try_xattr(struct __test_metadata *const _metadata,
		      struct xfile *f, const struct input *in)
{
	const char *where = f->ext4 ? "setxattr on ext4" : "setxattr on tmpfs";
	int want, rc;

	f->t.inputs++;
	rc = setxattr(f->path, WINSEC_XATTR_NAME, in->b, in->len, 0) ? errno : 0;
	if (in->len > WINSEC_SD_MAX_SIZE)
		want = E2BIG;
	else
		want = in->valid ? 0 : EINVAL;
	if (f->ext4 && !want && in->len > EXT4_SURE &&
	    (rc == ENOSPC || rc == E2BIG)) {
		want = rc;
		f->t.fs_refused++;
	} else if (rc) {
		f->t.refused++;
	}
	if (rc != want) {
		mismatch(_metadata, &f->t, where, in->what, in->len,
			 in->valid ? "a valid descriptor" : "an invalid descriptor",
			 want, rc);
	}
	if (!rc) {
		f->t.taken++;
		if (!holds(f, in->b, in->len))
			mismatch(_metadata, &f->t, where, in->what, in->len,
				 "taken, but reads back otherwise", 0, 0);
		ASSERT_TRUE(reset_file(_metadata, f));
		return;
	}
	if (!holds(f, f->cur, f->cur_len))
		mismatch(_metadata, &f->t, where, in->what, in->len,
			 "refused, but the stored descriptor changed", 0, 0);
}

/*
 * On ext4, drop the cached inodes and read the file's descriptor again,
 * from the disk this time: what a refused write left there too.
 */
static void check_disk(struct __test_metadata *const _metadata,
		       struct xfile *f)
{
	unsigned long long loads = stat_counter("cache_loads");
	int fd;

	if (!f->ext4)
		return;
	/* Nothing may hold the inode: the open file neither. */
	close(f->fd);
	sync();
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(1, write(fd, "2", 1));
	close(fd);
	f->fd = open(f->path, O_RDONLY);
	ASSERT_LE(0, f->fd);
	EXPECT_TRUE(holds(f, f->cur, f->cur_len)) {
		TH_LOG("%s: the descriptor on disk is not the last one taken",
		       f->path);
	}
	EXPECT_LT(loads, stat_counter("cache_loads")) {
		TH_LOG("the descriptor was not read from the disk again");
	}
}

FIXTURE(xattr_fs) {
	struct bdata d;
	struct xfile f;
};

FIXTURE_VARIANT(xattr_fs) {
	bool ext4;
};

FIXTURE_VARIANT_ADD(xattr_fs, tmpfs) {
	.ext4 = false,
};

FIXTURE_VARIANT_ADD(xattr_fs, ext4) {
	.ext4 = true,
};

FIXTURE_SETUP(xattr_fs)
{
	struct statfs sfs;

	mark_start();
	prepare_tmpfs(_metadata);
	if (variant->ext4 &&
	    (statfs(EXT4, &sfs) || sfs.f_type != EXT4_MAGIC))
		SKIP(return, "no ext4 file system on " EXT4);
	ASSERT_TRUE(load_data(_metadata, &self->d));
	ASSERT_TRUE(enforcing());
	ASSERT_TRUE(open_files(_metadata, &self->f, variant->ext4));
}

FIXTURE_TEARDOWN(xattr_fs)
{
	close_files(&self->f);
}

/*
 * Every corpus entry, and on tmpfs every mutant too (ext4, slower, adds
 * the path of a file system that stores the value in a block of its own).
 */
TEST_F_TIMEOUT(xattr_fs, corpus_and_mutants, 240)
{
	unsigned int i, n = self->d.h.ncorpus, valid = 0;
	__u8 mut[BADINPUT_MUTANT_MAX];
	struct input in;

	if (!self->f.ext4) {
		ASSERT_TRUE(mutants_match(_metadata, &self->d));
		n += BADINPUT_MUTANTS;
	}
	for (i = 0; i < n; i++) {
		corpus_or_mutant(&self->d, i, mut, &in);
		valid += in.valid;
		try_xattr(_metadata, &self->f, &in);
	}
	check_disk(_metadata, &self->f);
	report(_metadata, self->f.ext4 ? "corpus" : "corpus and mutants",
	       &self->f.t);
	EXPECT_EQ(0, self->f.t.bad);
	/* Both kinds were there, and the valid ones were taken or too big. */
	EXPECT_LT(0, valid);
	EXPECT_LT(0, self->f.t.refused);
	EXPECT_EQ(valid, self->f.t.taken + self->f.t.fs_refused);
}

/*
 * The lengths of the sweep. Each call copies its value twice in the
 * kernel before the validator sees it (the VFS, then winsec), which the
 * debug kernel under emulation does at some 50 ns a byte: every length to
 * 64 KiB + 1, 2 GiB in all, takes over two minutes on each file system.
 * So by default every length up to 8 KiB + 1 (every kmalloc cache, and
 * the first size beyond them), and above: every length within 8 bytes of
 * a multiple of 4 KiB (a page more or less), every 127th, and every one
 * from 64 KiB - 32 to 64 KiB + 1. ext4 stores one block of attributes
 * (1 KiB here): every length to 2 KiB + 1, then every 257th. With
 * WINSEC_BADINPUT_FULL=1 in the environment, every length on both.
 */
static bool sweep_length(size_t len, bool ext4, bool full)
{
	if (full || len <= (ext4 ? 2049 : 8193))
		return true;
	if (ext4)
		return len % 257 == 0;
	return len >= WINSEC_SD_MAX_SIZE - 32 || (len + 8) % 4096 <= 16 ||
	       len % 127 == 0;
}

/*
 * Inputs of the lengths of sweep_length() from 0 to 64 KiB + 1, each a
 * prefix of the sweep buffer its length chooses.
 */
TEST_F_TIMEOUT(xattr_fs, lengths, 900)
{
	bool full = getenv(FULL_SWEEP) && !strcmp(getenv(FULL_SWEEP), "1");
	__u8 *buf[BADINPUT_KINDS];
	unsigned int valid = 0;
	struct input in;
	size_t len;

	ASSERT_TRUE(make_sweep(_metadata, &self->d, buf));
	for (len = 0; len <= BADINPUT_SWEEP_MAX; len++) {
		enum badinput_kind k = badinput_sweep_kind(len);

		if (!sweep_length(len, self->f.ext4, full))
			continue;
		in.b = buf[k];
		in.len = len;
		in.valid = len < BADINPUT_SWEEP_MAX && sweep_valid(&self->d, len);
		snprintf(in.what, sizeof(in.what), "%s", badinput_kind_name[k]);
		valid += in.valid;
		try_xattr(_metadata, &self->f, &in);
	}
	check_disk(_metadata, &self->f);
	report(_metadata, full ? "every length" : "lengths", &self->f.t);
	EXPECT_EQ(0, self->f.t.bad);
	EXPECT_LT(0, valid);
	EXPECT_EQ(valid, self->f.t.taken + self->f.t.fs_refused);
}

TEST_HARNESS_MAIN
