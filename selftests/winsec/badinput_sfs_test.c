// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - bad input to the files of securityfs: random
 * requests and bytes to enforce, ipc/get and ipc/set (there with the
 * corpus, its mutants and prefixes of the sweep behind the request), and
 * random bytes to stats, which has no write method. A bad request is
 * EINVAL and changes nothing: enforcement, the objects' descriptors, the
 * result held by an open ipc/get file, the count of invalid stored
 * descriptors. The request lines are judged by their documented grammar,
 * the descriptors by badinput.dat. See verdict.h.
 */

#include "verdict.h"

#include <dirent.h>

static const char *const sfs_files[] = {
	"enforce", "stats", "ipc/get", "ipc/set",
};

/* Each object's own descriptor, told apart by the group. */
static const char *const base_sd[] = {
	[MSG] = "O:SYG:SYD:(A;;GA;;;WD)",
	[SEM] = "O:SYG:BAD:(A;;GA;;;WD)",
	[SHM] = "O:SYG:BUD:(A;;GA;;;WD)",
};

/* One write of @len bytes to @fd: 0 or the errno (EMSGSIZE: a part). */
static int sfs_write(int fd, const void *buf, size_t len)
{
	ssize_t n = write(fd, buf, len);

	if (n < 0)
		return errno;
	return (size_t)n == len ? 0 : EMSGSIZE;
}

/*
 * A request line of ipc/get and ipc/set by its documented grammar: "msg",
 * "sem" or "shm", a space, the decimal identifier (at most INT_MAX);
 * trailing newlines and NULs do not count. Returns the kind, or -1.
 */
static int parse_request(const __u8 *b, size_t len, long long *id)
{
	size_t i;
	int k;

	while (len && (b[len - 1] == '\n' || b[len - 1] == '\0'))
		len--;
	if (len < 5 || len >= 32 || b[3] != ' ')
		return -1;
	for (k = MSG; k <= SHM; k++)
		if (!memcmp(b, kind_name[k], 3))
			break;
	if (k > SHM)
		return -1;
	*id = 0;
	for (i = 4; i < len; i++) {
		if (b[i] < '0' || b[i] > '9')
			return -1;
		*id = *id * 10 + (b[i] - '0');
		if (*id > INT_MAX)
			return -1;
	}
	return k;
}

struct bytes {
	const char *s;
	size_t len;
};

/*
 * A request line of random shape: a kind (or another word), a separator,
 * an identifier (of an object, of none, too large, signed, hexadecimal,
 * with leading zeros), an ending; or random bytes. Writes at most 96
 * bytes; returns the length.
 */
static size_t random_request(struct badinput_rng *r, const int *ids,
			     __u8 *out)
{
	static const struct bytes kinds[] = {
		{ "msg", 3 }, { "sem", 3 }, { "shm", 3 }, { "MSG", 3 },
		{ "ms", 2 }, { "msgs", 4 }, { "shm\0", 4 }, { "sem\n", 4 },
	};
	static const struct bytes ends[] = {
		{ "", 0 }, { "\n", 1 }, { "\n\n", 2 }, { "\0", 1 },
		{ "\0\n", 2 }, { " ", 1 }, { "\t", 1 }, { "x", 1 },
	};
	const struct bytes *k = &kinds[badinput_below(r, ARRAY_SIZE(kinds))];
	const struct bytes *e = &ends[badinput_below(r, ARRAY_SIZE(ends))];
	unsigned int id = ids[badinput_below(r, 3)];
	char num[48];
	size_t len;
	int n;

	if (badinput_below(r, 8) == 0) {
		len = badinput_below(r, 40);
		badinput_fill(r, out, len);
		return len;
	}
	switch (badinput_below(r, 8)) {
	case 0:
		n = snprintf(num, sizeof(num), "%u", badinput_below(r, 1000));
		break;
	case 1:
		n = snprintf(num, sizeof(num), "%llu", 2147483647ULL +
			     badinput_below(r, 3) + (badinput_below(r, 2) ? 0 :
			     badinput_next(r) % 100000000000ULL));
		break;
	case 2:
		n = snprintf(num, sizeof(num), "%c%u",
			     badinput_below(r, 2) ? '-' : '+', id);
		break;
	case 3:
		n = snprintf(num, sizeof(num), "0x%x", id);
		break;
	case 4:
		n = snprintf(num, sizeof(num), "%0*u",
			     (int)badinput_below(r, 30), id);
		break;
	default:
		n = snprintf(num, sizeof(num), "%u", id);
		break;
	}
	memcpy(out, k->s, k->len);
	len = k->len;
	out[len++] = badinput_below(r, 8) ? ' ' : (__u8)badinput_next(r);
	memcpy(out + len, num, n);
	len += n;
	memcpy(out + len, e->s, e->len);
	return len + e->len;
}

/* The state of a test: its objects and what they must hold. */
struct sfs_state {
	int enforce, get, set;	/* the files, open for the whole test */
	struct bdata d;
	int id[3];
	struct sdbuf base[3];
	__u8 *rd;
	unsigned long long invalid;
	struct tally t;
};

/* The first bytes of a request as C text, for the log. */
static const char *shown(const __u8 *b, size_t len, char *out, size_t size)
{
	size_t i, n = 0;

	for (i = 0; i < len && i < 24 && n + 5 < size; i++) {
		if (b[i] >= ' ' && b[i] < 0x7f && b[i] != '\\')
			out[n++] = b[i];
		else
			n += snprintf(out + n, size - n, "\\x%02x", b[i]);
	}
	snprintf(out + n, size - n, "%s", i < len ? "..." : "");
	return out;
}

FIXTURE(sfs) {
	struct sfs_state s;
};

/* Enforcement on or off, through the open file. */
static void enforce(struct sfs_state *st, bool on)
{
	if (pwrite(st->enforce, on ? "1" : "0", 1, 0) != 1)
		perror("enforce");
}

/* The descriptor of object @k into st->rd: 0, or the errno. */
static int ipc_read(struct sfs_state *st, enum kind k, size_t *len)
{
	char req[32];
	ssize_t n;

	*len = 0;
	snprintf(req, sizeof(req), "%s %d", kind_name[k], st->id[k]);
	if (write(st->get, req, strlen(req)) < 0)
		return errno;
	n = pread(st->get, st->rd, WINSEC_SD_MAX_SIZE + 1, 0);
	if (n < 0)
		return errno;
	*len = n;
	return 0;
}

/* The same whatever the descriptor says. */
static int ipc_read_any(struct sfs_state *st, enum kind k, size_t *len)
{
	int rc = ipc_read(st, k, len);

	if (rc == EACCES || rc == EPERM) {
		enforce(st, false);
		rc = ipc_read(st, k, len);
		enforce(st, true);
		st->t.unenforced++;
	}
	return rc;
}

/* Give object @k its own descriptor: 0 or the errno. */
static int ipc_write_base(struct sfs_state *st, enum kind k)
{
	char req[32 + sizeof(st->base[k].b)];
	int n;

	n = snprintf(req, 32, "%s %d\n", kind_name[k], st->id[k]);
	memcpy(req + n, st->base[k].b, st->base[k].len);
	return sfs_write(st->set, req, n + st->base[k].len);
}

/* The same whatever the descriptor says. */
static int ipc_reset(struct sfs_state *st, enum kind k)
{
	int rc = ipc_write_base(st, k);

	if (rc == EACCES || rc == EPERM) {
		enforce(st, false);
		rc = ipc_write_base(st, k);
		enforce(st, true);
		st->t.unenforced++;
	}
	return rc;
}

/* Object @k holds its own descriptor. */
static bool ipc_unchanged(struct sfs_state *st, enum kind k)
{
	size_t len;

	return !ipc_read_any(st, k, &len) && len == st->base[k].len &&
	       !memcmp(st->rd, st->base[k].b, len);
}

/*
 * What every test ends with: each object holds its own descriptor,
 * enforcement is on and no stored descriptor was found invalid.
 */
static bool sfs_unchanged(struct sfs_state *st)
{
	int k;

	for (k = MSG; k <= SHM; k++)
		if (!ipc_unchanged(st, k))
			return false;
	return enforcing() && stat_counter("invalid") == st->invalid;
}

FIXTURE_SETUP(sfs)
{
	struct sfs_state *st = &self->s;
	char text[512];
	int k;

	mark_start();
	st->enforce = -1;
	st->get = -1;
	st->set = -1;
	ipc_setup(_metadata);
	ASSERT_TRUE(load_data(_metadata, &st->d));
	ASSERT_TRUE(enforcing());
	st->rd = malloc(WINSEC_SD_MAX_SIZE + 1);
	ASSERT_NE(NULL, st->rd);
	st->enforce = open(ENFORCE_FILE, O_RDWR);
	st->get = open(IPC_GET_FILE, O_RDWR);
	st->set = open(IPC_SET_FILE, O_WRONLY);
	ASSERT_LE(0, st->enforce);
	ASSERT_LE(0, st->get);
	ASSERT_LE(0, st->set);
	for (k = MSG; k <= SHM; k++) {
		ASSERT_TRUE(sddl_encode(base_sd[k], &st->base[k]));
		st->id[k] = create_as(_metadata, k, 0, NULL, NULL);
		ASSERT_EQ(0, ipc_write_base(st, k));
	}
	read_text(STATS_FILE, text, sizeof(text));
	ASSERT_NE(NULL, strstr(text, "\ninvalid "));
	st->invalid = stat_counter("invalid");
}

FIXTURE_TEARDOWN(sfs)
{
	struct sfs_state *st = &self->s;

	set_enforce("1");
	sysv_remove_all();
	if (st->enforce >= 0)
		close(st->enforce);
	if (st->get >= 0)
		close(st->get);
	if (st->set >= 0)
		close(st->set);
}

/* Runs of digits as one N: the counters move, their names do not. */
static void mask_digits(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (out == s || out[-1] != 'N')
				*out++ = 'N';
			continue;
		}
		*out++ = *s;
	}
	*out = '\0';
}

/*
 * The files of securityfs are those this test knows; stats, without a
 * write method, refuses every write (EINVAL) and keeps its lines.
 */
TEST_F(sfs, files_without_write)
{
	struct sfs_state *st = &self->s;
	struct badinput_rng r = { 0x73746174 };
	char name[PATH_MAX], before[512], after[512];
	__u8 buf[2 * PAGE];
	unsigned int i, k;
	struct dirent *e;
	int fd;
	DIR *dir;

	for (k = 0; k < 2; k++) {
		dir = opendir(k ? SFS "/ipc" : SFS);
		ASSERT_NE(NULL, dir);
		while ((e = readdir(dir))) {
			bool known = e->d_name[0] == '.' ||
				     (!k && !strcmp(e->d_name, "ipc"));

			snprintf(name, sizeof(name), "%s%s", k ? "ipc/" : "",
				 e->d_name);
			for (i = 0; i < ARRAY_SIZE(sfs_files); i++)
				known |= !strcmp(name, sfs_files[i]);
			EXPECT_TRUE(known) {
				TH_LOG(SFS "/%s: not covered by this test", name);
			}
		}
		closedir(dir);
	}
	read_text(STATS_FILE, before, sizeof(before));
	fd = open(STATS_FILE, O_WRONLY);
	ASSERT_LE(0, fd);
	for (i = 0; i < 100; i++) {
		size_t len = i ? badinput_below(&r, 2 * PAGE) : 0;
		int rc;

		badinput_fill(&r, buf, len);
		rc = sfs_write(fd, buf, len);
		st->t.inputs++;
		st->t.refused += !!rc;
		if (rc != EINVAL)
			mismatch(_metadata, &st->t, "stats", "random bytes",
				 len, "a file without a write method", EINVAL,
				 rc);
	}
	close(fd);
	read_text(STATS_FILE, after, sizeof(after));
	mask_digits(before);
	mask_digits(after);
	EXPECT_STREQ(before, after);
	report(_metadata, "stats", &st->t);
	EXPECT_EQ(0, st->t.bad);
	EXPECT_TRUE(sfs_unchanged(st));
}

/*
 * enforce takes a boolean as the kernel reads one (kstrtobool(), of which
 * only the first two characters count: y, Y, t, T, 1, n, N, f, F, 0, or
 * "on" and "of" in any case): EINVAL for anything else, an empty write
 * included. A value taken is read back, then 1 is written again.
 */
TEST_F(sfs, enforce)
{
	struct sfs_state *st = &self->s;
	static const char *const words[] = {
		"0", "1", "y", "n", "Y", "N", "on", "off", "of", "o", "2", "-1",
		" 1", "\n", "true", "false", "yes", "no", "OFF", "",
	};
	struct badinput_rng r = { 0x656e66 };
	__u8 buf[2 * PAGE];
	unsigned int i;

	for (i = 0; i < 1000; i++) {
		char text[8];
		int want, rc, value = -1;
		__u8 c0, c1;
		size_t len;

		if (badinput_below(&r, 2)) {
			const char *w = words[badinput_below(&r, ARRAY_SIZE(words))];

			len = strlen(w);
			memcpy(buf, w, len);
			if (badinput_below(&r, 2))
				buf[len++] = '\n';
		} else {
			len = badinput_below(&r, 4) ? badinput_below(&r, 8) :
						      badinput_below(&r, 2 * PAGE);
			badinput_fill(&r, buf, len);
		}
		c0 = len > 0 ? buf[0] : 0;
		c1 = len > 1 ? buf[1] : 0;
		if (c0 && strchr("yYtT1", c0))
			value = 1;
		else if (c0 && strchr("nNfF0", c0))
			value = 0;
		else if ((c0 == 'o' || c0 == 'O') && c1 && strchr("nN", c1))
			value = 1;
		else if ((c0 == 'o' || c0 == 'O') && c1 && strchr("fF", c1))
			value = 0;
		want = value < 0 ? EINVAL : 0;
		rc = sfs_write(st->enforce, buf, len);
		st->t.inputs++;
		if (rc != want)
			mismatch(_metadata, &st->t, "enforce", "a write", len,
				 value < 0 ? "not a boolean" : "a boolean",
				 want, rc);
		memset(text, 0, sizeof(text));
		if (pread(st->enforce, text, sizeof(text) - 1, 0) < 0)
			text[0] = '\0';
		if (rc) {
			st->t.refused++;
			if (strcmp(text, "1\n"))
				mismatch(_metadata, &st->t, "enforce",
					 "a write", len,
					 "refused, but enforce changed", 0, 0);
			continue;
		}
		st->t.taken++;
		if (text[0] != '0' + value || text[1] != '\n')
			mismatch(_metadata, &st->t, "enforce", "a write", len,
				 "taken, but reads back otherwise", 0, 0);
		enforce(st, true);
	}
	report(_metadata, "enforce", &st->t);
	EXPECT_EQ(0, st->t.bad);
	EXPECT_LT(0, st->t.taken);
	EXPECT_LT(0, st->t.refused);
	EXPECT_TRUE(sfs_unchanged(st));
}

/*
 * ipc/get: a request of fewer than 32 bytes for an object of the caller's
 * namespace, else EINVAL. A refused request leaves the result of the last
 * good one in the open file; no object changes.
 */
TEST_F(sfs, ipc_get)
{
	struct sfs_state *st = &self->s;
	struct badinput_rng r = { 0x697067 };
	__u8 buf[2 * PAGE];
	int fd, k, last = -1;
	unsigned int i;
	char text[128];

	fd = open(IPC_GET_FILE, O_RDWR);
	ASSERT_LE(0, fd);
	for (i = 0; i < 1500; i++) {
		long long id = -1;
		size_t len;
		int want, rc;
		ssize_t got;

		len = random_request(&r, st->id, buf);
		if (badinput_below(&r, 10) == 0) {
			/* NULs up to 31 to 36 bytes, a page or more. */
			size_t to = badinput_below(&r, 2) ?
				    PAGE + badinput_below(&r, PAGE) :
				    31 + badinput_below(&r, 6);

			if (to > len) {
				memset(buf + len, 0, to - len);
				len = to;
			}
		}
		k = parse_request(buf, len, &id);
		want = !len || len >= 32 || k < 0 || id != st->id[k] ?
		       EINVAL : 0;
		got = write(fd, buf, len);
		rc = got < 0 ? errno : (size_t)got == len ? 0 : EMSGSIZE;
		st->t.inputs++;
		if (rc != want)
			mismatch(_metadata, &st->t, "ipc/get",
				 shown(buf, len, text, sizeof(text)),
				 len, want ? "a bad request" : "a good request",
				 want, rc);
		if (!rc)
			last = k;
		if (rc)
			st->t.refused++;
		else
			st->t.taken++;
		/* The file holds the result of the last good request. */
		got = pread(fd, st->rd, WINSEC_SD_MAX_SIZE + 1, 0);
		if (last < 0 ? got != 0 :
		    got != (ssize_t)st->base[last].len ||
		    memcmp(st->rd, st->base[last].b, got))
			mismatch(_metadata, &st->t, "ipc/get",
				 shown(buf, len, text, sizeof(text)),
				 len, "the result is not the last good one",
				 0, 0);
	}
	close(fd);
	report(_metadata, "ipc/get", &st->t);
	EXPECT_EQ(0, st->t.bad);
	EXPECT_LT(0, st->t.taken);
	EXPECT_LT(0, st->t.refused);
	EXPECT_TRUE(sfs_unchanged(st));
}

/*
 * One write to ipc/set: @req (@rlen bytes), then @p (@plen bytes) whose
 * verdict is @valid. EINVAL: nothing written, more than 32 + 64 KiB, no
 * newline in the first 32 bytes, a bad request line, an unknown object,
 * an invalid descriptor; otherwise the object takes the descriptor (or
 * loses it, for nothing), and gets its own again afterwards. Returns false
 * when the newline falls elsewhere than after @req, so that the verdict of
 * what follows it is not known (the input is not counted).
 */
static bool try_ipc_set(struct __test_metadata *const _metadata,
			struct sfs_state *st, __u8 *buf,
			const __u8 *req, size_t rlen, const __u8 *p,
			size_t plen, bool valid, const char *what)
{
	size_t len = rlen + plen, head = 0, got;
	char label[160], text[128];
	const __u8 *nl;
	bool ok;
	long long id = -1;
	int k = -1, want, rc;

	memcpy(buf, req, rlen);
	memcpy(buf + rlen, p, plen);
	nl = len ? memchr(buf, '\n', len < 32 ? len : 32) : NULL;
	if (nl) {
		head = nl - buf + 1;
		k = parse_request(buf, head, &id);
	}
	if (!len || len > 32 + WINSEC_SD_MAX_SIZE || k < 0)
		want = EINVAL;
	else if (head != rlen && len > head)
		return false;
	else if ((len > head && !valid) || id != st->id[k])
		want = EINVAL;
	else
		want = 0;
	snprintf(label, sizeof(label), "%s and %s",
		 shown(req, rlen, text, sizeof(text)), what);
	what = label;
	rc = sfs_write(st->set, buf, len);
	st->t.inputs++;
	if (rc != want)
		mismatch(_metadata, &st->t, "ipc/set", what, len,
			 want ? "a bad write" : "a good write", want, rc);
	if (rc) {
		st->t.refused++;
		for (k = MSG; k <= SHM; k++)
			if (!ipc_unchanged(st, k))
				mismatch(_metadata, &st->t, "ipc/set", what,
					 len, "refused, but an object changed",
					 0, 0);
		return true;
	}
	st->t.taken++;
	if (k < 0)
		return true;
	/* The descriptor written, or none: ENODATA. */
	rc = ipc_read_any(st, k, &got);
	if (len > head)
		ok = !rc && got == len - head && !memcmp(st->rd, buf + head, got);
	else
		ok = rc == ENODATA;
	if (!ok)
		mismatch(_metadata, &st->t, "ipc/set", what, len,
			 "taken, but reads back otherwise", 0, rc);
	rc = ipc_reset(st, k);
	if (rc)
		mismatch(_metadata, &st->t, "ipc/set", what, len,
			 "cannot give the object its descriptor back", 0, rc);
	return true;
}

/*
 * ipc/set with every corpus entry and mutant behind a good request, then
 * random requests followed by nothing, a few bytes, a corpus entry, a
 * mutant or a prefix of a sweep buffer (up to 64 KiB + 1), sometimes
 * longer than the file takes.
 */
TEST_F_TIMEOUT(sfs, ipc_set, 240)
{
	struct sfs_state *st = &self->s;
	__u8 mut[BADINPUT_MUTANT_MAX], req[128], *sweep[BADINPUT_KINDS];
	struct badinput_rng r = { 0x697073 };
	__u8 *buf = malloc(2 * BADINPUT_SWEEP_MAX);
	unsigned int i, skipped = 0;
	struct input in;
	size_t rlen;

	ASSERT_NE(NULL, buf);
	ASSERT_TRUE(mutants_match(_metadata, &st->d));
	ASSERT_TRUE(make_sweep(_metadata, &st->d, sweep));
	for (i = 0; i < st->d.h.ncorpus + BADINPUT_MUTANTS; i++) {
		enum kind k = i % 3;

		corpus_or_mutant(&st->d, i, mut, &in);
		rlen = snprintf((char *)req, sizeof(req), "%s %d\n",
				kind_name[k], st->id[k]);
		ASSERT_TRUE(try_ipc_set(_metadata, st, buf, req, rlen, in.b,
					in.len, in.valid, in.what));
	}
	for (i = 0; i < 1500; i++) {
		unsigned int c = badinput_below(&r, 8), n;
		__u8 few[20];

		rlen = random_request(&r, st->id, req);
		if (badinput_below(&r, 2))
			req[rlen++] = '\n';
		if (c == 0) {
			in.b = req;
			in.len = 0;
			in.valid = true;
			snprintf(in.what, sizeof(in.what), "nothing");
		} else if (c == 1) {
			in.len = 1 + badinput_below(&r, 19);
			badinput_fill(&r, few, in.len);
			in.b = few;
			in.valid = false;
			snprintf(in.what, sizeof(in.what), "a few bytes");
		} else if (c < 5) {
			n = st->d.h.ncorpus + BADINPUT_MUTANTS;
			corpus_or_mutant(&st->d, badinput_below(&r, n), mut,
					 &in);
		} else {
			n = c == 7 ? BADINPUT_SWEEP_MAX + 1 : 2 * PAGE;
			in.len = badinput_below(&r, n);
			in.b = sweep[badinput_sweep_kind(in.len)];
			in.valid = in.len < BADINPUT_SWEEP_MAX &&
				   sweep_valid(&st->d, in.len);
			snprintf(in.what, sizeof(in.what), "%s",
				 badinput_kind_name[badinput_sweep_kind(in.len)]);
		}
		if (!try_ipc_set(_metadata, st, buf, req, rlen, in.b, in.len,
				 in.valid, in.what))
			skipped++;
	}
	/* Beyond what the file takes, and nothing at all. */
	rlen = snprintf((char *)req, sizeof(req), "msg %d\n", st->id[MSG]);
	ASSERT_TRUE(try_ipc_set(_metadata, st, buf, req, rlen, sweep[0],
				32 + WINSEC_SD_MAX_SIZE + 1 - rlen, false,
				"more than the file takes"));
	ASSERT_TRUE(try_ipc_set(_metadata, st, buf, req, 0, req, 0, false,
				"nothing"));
	TH_LOG("%u random writes not judged: a newline after the request", skipped);
	report(_metadata, "ipc/set", &st->t);
	EXPECT_EQ(0, st->t.bad);
	EXPECT_LT(0, st->t.taken);
	EXPECT_LT(0, st->t.refused);
	EXPECT_TRUE(sfs_unchanged(st));
	free(buf);
}

TEST_HARNESS_MAIN
