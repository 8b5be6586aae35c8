// SPDX-License-Identifier: GPL-2.0-only
/*
 * crash-guest - rewrites descriptors on ext4 until the guest is reset, and
 * checks them after the next boot (tools/testing/winsec/crash/crash.sh)
 *
 *   crash-guest setup DIR
 *   crash-guest verify DIR
 *   crash-guest write DIR SEED ROUND RESET_MS
 *   crash-guest show NAME GEN
 *   crash-guest bytes NAME GEN
 *   crash-guest list
 *
 * DIR holds a fixed set of objects, regular files and directories. Each
 * object's descriptors form a sequence: the descriptor of generation G of
 * an object is a function of the object's class and of G alone, so that a
 * value read back names the one generation it can be, and anything else
 * (torn, mixed with another object's, empty) is recognised. Objects of one
 * class get the same bytes, so that ext4 may share one attribute block
 * between them. Small descriptors (52 to 64 bytes) fit in the inode of a
 * 256-byte ext4 inode; large ones (41 to 81 ACEs, 1.4 to 2.7 KB) need an
 * external block; a third kind alternates, which moves the value between
 * the inode and a block at every write.
 *
 * setup creates the objects, gives each generation 1, makes it durable
 * (fsync of each object and of DIR, then sync) and prints
 * "crash: setup done N" last.
 *
 * verify prints one line per object,
 *   crash: found NAME GEN SIZE
 *   crash: BAD NAME what was found (the bytes in hex)
 * and "crash: verified N objects, N bad". An entry of DIR that is no
 * object is bad too.
 *
 * write reads every object's generation (they must all be valid), takes
 * the highest as BASE, calls sync(2) and prints "crash: base BASE". A
 * child sleeps
 * RESET_MS milliseconds, prints "crash: reset", then resets the machine
 * through /proc/sysrq-trigger. Meanwhile, for passes P = 1, 2, ..., it
 * prints "crash: pass P", then gives every object generation BASE + P;
 * after some of these writes (chosen from SEED, ROUND and P; in one round
 * of four, none) it calls fsync(2) on the object and prints
 * "crash: durable NAME GEN". Each line
 * is on the console before the program goes on (tcdrain), so that a line
 * the host did not get was not reached. Hence after the reset, an object
 * holds either the generation it had before this round or BASE + 1 to
 * BASE + (last pass printed), never older than its last durable line.
 * When no reset came 120 s after the time set, it prints
 * "crash: FAIL no reset" and exits with 1.
 *
 * show prints the descriptor of generation GEN of object NAME in hex,
 * bytes writes it as it is stored; list
 * prints the objects, one a line: NAME file|dir small|large|alternate
 * CLASS.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <linux/winsec.h>

#define SD_BUF		4096
#define MAX_OBJECTS	64
/* The sub-authority of a class in the group SID S-1-5-<base + class>-<G>. */
#define CLASS_BASE	1000

enum size_kind { SMALL, LARGE, ALTERNATE };

struct object {
	char name[32];
	bool dir;
	enum size_kind size;
	/* Objects of one class get identical descriptors. */
	unsigned int cls;
};

static struct object objects[MAX_OBJECTS];
static int nobjects;

struct sd {
	uint8_t b[SD_BUF];
	size_t n;
};

/* --- the objects ------------------------------------------------------- */

static void add(const char *prefix, int i, bool dir, enum size_kind size,
		int share_with)
{
	struct object *o = &objects[nobjects];

	snprintf(o->name, sizeof(o->name), "%s-%02d", prefix, i);
	o->dir = dir;
	o->size = size;
	o->cls = share_with >= 0 ? objects[share_with].cls :
				   (unsigned int)nobjects;
	nobjects++;
}

/*
 * 40 objects: files and directories with small, large and alternating
 * descriptors. Large ones in pairs share a class: f-large 0 and 1, 2 and
 * 3, d-large 0 and 1, and f-large-07 with d-large-07.
 */
static void make_table(void)
{
	int i, f_large;

	for (i = 0; i < 8; i++)
		add("f-small", i, false, SMALL, -1);
	for (i = 0; i < 8; i++)
		add("d-small", i, true, SMALL, -1);
	f_large = nobjects;
	for (i = 0; i < 8; i++)
		add("f-large", i, false, LARGE,
		    i == 1 || i == 3 ? nobjects - 1 : -1);
	for (i = 0; i < 8; i++)
		add("d-large", i, true, LARGE,
		    i == 1 ? nobjects - 1 : i == 7 ? f_large + 7 : -1);
	for (i = 0; i < 4; i++)
		add("f-alt", i, false, ALTERNATE, -1);
	for (i = 0; i < 4; i++)
		add("d-alt", i, true, ALTERNATE, -1);
}

static const struct object *object_by_name(const char *name)
{
	int i;

	for (i = 0; i < nobjects; i++)
		if (!strcmp(objects[i].name, name))
			return &objects[i];
	return NULL;
}

/* --- output ------------------------------------------------------------ */

static bool drain_fails;

/*
 * One line on stdout, written at once, then waits until the console has
 * sent it (when stdout is a terminal): after a reset, the host has every
 * line that was printed before the reset.
 */
static void say(const char *fmt, ...)
{
	char line[12288];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	if (write(1, line, n) != n)
		drain_fails = true;
	if (isatty(1) && tcdrain(1))
		drain_fails = true;
}

static void hex(char *out, size_t size, const uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n && 2 * i + 2 < size; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
	out[2 * i] = '\0';
}

/* --- descriptors ------------------------------------------------------- */

static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static void put8(struct sd *d, uint8_t v)
{
	d->b[d->n++] = v;
}

static void put16(struct sd *d, uint16_t v)
{
	put8(d, v & 0xff);
	put8(d, v >> 8);
}

static void put32(struct sd *d, uint32_t v)
{
	put16(d, v & 0xffff);
	put16(d, v >> 16);
}

static void set32(struct sd *d, size_t at, uint32_t v)
{
	d->b[at] = v & 0xff;
	d->b[at + 1] = (v >> 8) & 0xff;
	d->b[at + 2] = (v >> 16) & 0xff;
	d->b[at + 3] = v >> 24;
}

static void put_sid(struct sd *d, uint8_t authority, int n,
		    const uint32_t *sub)
{
	int i;

	put8(d, WINSEC_SID_REVISION);
	put8(d, n);
	for (i = 0; i < 5; i++)
		put8(d, 0);
	put8(d, authority);
	for (i = 0; i < n; i++)
		put32(d, sub[i]);
}

static size_t ace_begin(struct sd *d, uint8_t type, uint32_t mask)
{
	size_t at = d->n;

	put8(d, type);
	put8(d, 0);
	put16(d, 0);
	put32(d, mask);
	return at;
}

static void ace_end(struct sd *d, size_t at)
{
	d->b[at + 2] = (d->n - at) & 0xff;
	d->b[at + 3] = (d->n - at) >> 8;
}

static size_t acl_begin(struct sd *d)
{
	size_t at = d->n;

	put8(d, 2);	/* ACL_REVISION */
	put8(d, 0);
	put16(d, 0);	/* size, set by acl_end */
	put16(d, 0);	/* ACE count */
	put16(d, 0);
	return at;
}

static void acl_end(struct sd *d, size_t at, int count)
{
	size_t size = d->n - at;

	d->b[at + 2] = size & 0xff;
	d->b[at + 3] = size >> 8;
	d->b[at + 4] = count & 0xff;
	d->b[at + 5] = count >> 8;
}

static void put_label(struct sd *d, uint32_t level, uint32_t policy)
{
	size_t ace = ace_begin(d, WINSEC_ACE_SYSTEM_MANDATORY_LABEL, policy);

	put_sid(d, WINSEC_AUTH_MANDATORY, 1, &level);
	ace_end(d, ace);
}

static const uint32_t levels[] = {
	WINSEC_LEVEL_LOW, WINSEC_LEVEL_MEDIUM, 0x3000 /* High */,
};

/*
 * The descriptor of generation @gen of @o. Owner, when present, is root
 * (S-1-22-1-0); the group S-1-5-<CLASS_BASE + class>-<gen> names the
 * class and the generation. Small descriptors take one of three forms by
 * @gen: owner and group (52 bytes); group and a DACL granting Everyone
 * (64); group and a label (64). Large ones have owner, group, a label and
 * a DACL of 41 to 81 ACEs: root's full control first, then allow and deny
 * ACEs to domain SIDs that root never holds.
 */
static void make_sd(const struct object *o, uint32_t gen, struct sd *d)
{
	uint32_t root[2] = { WINSEC_UNIX_USER_RID, 0 };
	uint32_t group[2] = { CLASS_BASE + o->cls, gen };
	uint32_t world = 0;
	bool large = o->size == LARGE || (o->size == ALTERNATE && (gen & 1));
	uint16_t control = WINSEC_SE_SELF_RELATIVE;
	size_t acl, ace;
	int form = gen % 3, n, k;

	memset(d, 0, sizeof(*d));
	d->n = 20;
	d->b[0] = 1;	/* revision */
	if (!large) {
		if (form == 0) {
			set32(d, 4, d->n);
			put_sid(d, WINSEC_AUTH_UNIX, 2, root);
		}
		set32(d, 8, d->n);
		put_sid(d, WINSEC_AUTH_NT, 2, group);
		if (form == 1) {
			control |= WINSEC_SE_DACL_PRESENT;
			set32(d, 16, d->n);
			acl = acl_begin(d);
			ace = ace_begin(d, WINSEC_ACE_ACCESS_ALLOWED,
					gen & 2 ? WINSEC_FILE_GENERIC_READ :
						  WINSEC_FILE_ALL_ACCESS);
			put_sid(d, WINSEC_AUTH_WORLD, 1, &world);
			ace_end(d, ace);
			acl_end(d, acl, 1);
		} else if (form == 2) {
			control |= WINSEC_SE_SACL_PRESENT;
			set32(d, 12, d->n);
			acl = acl_begin(d);
			put_label(d, levels[(gen / 3) % 3],
				  WINSEC_LABEL_NO_WRITE_UP);
			acl_end(d, acl, 1);
		}
		d->b[2] = control & 0xff;
		d->b[3] = control >> 8;
		return;
	}

	control |= WINSEC_SE_DACL_PRESENT | WINSEC_SE_SACL_PRESENT;
	set32(d, 4, d->n);
	put_sid(d, WINSEC_AUTH_UNIX, 2, root);
	set32(d, 8, d->n);
	put_sid(d, WINSEC_AUTH_NT, 2, group);
	set32(d, 12, d->n);
	acl = acl_begin(d);
	put_label(d, levels[gen % 3], WINSEC_LABEL_NO_WRITE_UP |
		  (gen & 4 ? WINSEC_LABEL_NO_READ_UP : 0));
	acl_end(d, acl, 1);
	set32(d, 16, d->n);
	acl = acl_begin(d);
	ace = ace_begin(d, WINSEC_ACE_ACCESS_ALLOWED, WINSEC_FILE_ALL_ACCESS);
	put_sid(d, WINSEC_AUTH_UNIX, 2, root);
	ace_end(d, ace);
	n = 40 + (gen * 7 + o->cls * 3) % 41;
	for (k = 0; k < n; k++) {
		uint32_t sub[4] = { 21, CLASS_BASE + o->cls, gen, k };
		uint64_t h = mix(((uint64_t)o->cls << 48) ^
				 ((uint64_t)gen << 16) ^ k);

		ace = ace_begin(d, (k + gen) % 3 ? WINSEC_ACE_ACCESS_ALLOWED :
						   WINSEC_ACE_ACCESS_DENIED,
				(h & WINSEC_FILE_ALL_ACCESS) | 0x00100000);
		put_sid(d, WINSEC_AUTH_NT, 4, sub);
		ace_end(d, ace);
	}
	acl_end(d, acl, n + 1);
	d->b[2] = control & 0xff;
	d->b[3] = control >> 8;
}

static uint32_t get32(const uint8_t *b)
{
	return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
}

/*
 * The class and generation a value names in its group SID; false when it
 * has no group of the right form.
 */
static bool sd_names(const uint8_t *b, size_t n, uint32_t *cls, uint32_t *gen)
{
	uint32_t off;

	if (n < 20)
		return false;
	off = get32(b + 8);
	if (off < 20 || off > n || n - off < 16)
		return false;
	if (b[off] != WINSEC_SID_REVISION || b[off + 1] != 2 ||
	    memcmp(b + off + 2, "\0\0\0\0\0", 5) ||
	    b[off + 7] != WINSEC_AUTH_NT)
		return false;
	*cls = get32(b + off + 8);
	*gen = get32(b + off + 12);
	return *cls >= CLASS_BASE;
}

/* --- commands ---------------------------------------------------------- */

/* DIR/NAME; main() refuses a DIR that would not fit. */
static void path_of(char *out, size_t size, const char *dir,
		    const struct object *o)
{
	if (snprintf(out, size, "%s/%s", dir, o->name) >= (int)size)
		out[0] = '\0';
}

static int open_object(const char *dir, const struct object *o)
{
	char path[512];

	path_of(path, sizeof(path), dir, o);
	return open(path, O_RDONLY | O_CLOEXEC | (o->dir ? O_DIRECTORY : 0));
}

static int set_gen(int fd, const struct object *o, uint32_t gen)
{
	struct sd d;

	make_sd(o, gen, &d);
	return fsetxattr(fd, WINSEC_XATTR_NAME, d.b, d.n, 0);
}

static int make_objects(const char *dir)
{
	char path[512];
	int i, fd, dfd;

	if (mkdir(dir, 0755)) {
		say("crash: FAIL mkdir %s: %s", dir, strerror(errno));
		return 1;
	}
	for (i = 0; i < nobjects; i++) {
		const struct object *o = &objects[i];

		path_of(path, sizeof(path), dir, o);
		if (o->dir)
			fd = mkdir(path, 0755) ? -1 : open_object(dir, o);
		else
			fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC,
				  0644);
		if (fd < 0 || set_gen(fd, o, 1) || fsync(fd)) {
			say("crash: FAIL setup %s: %s", path, strerror(errno));
			return 1;
		}
		close(fd);
	}
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || fsync(dfd)) {
		say("crash: FAIL fsync %s: %s", dir, strerror(errno));
		return 1;
	}
	close(dfd);
	sync();
	say("crash: setup done %d", nobjects);
	return drain_fails;
}

/*
 * The generation of @o as stored in @dir, or 0 after printing what is
 * wrong with it.
 */
static uint32_t check_one(const char *dir, const struct object *o,
			  size_t *size)
{
	static uint8_t buf[65536];
	static char text[2 * sizeof(buf) + 1];
	char path[512];
	struct stat st;
	uint32_t cls, gen;
	struct sd want;
	ssize_t n;

	path_of(path, sizeof(path), dir, o);
	if (lstat(path, &st)) {
		say("crash: BAD %s missing: %s", o->name, strerror(errno));
		return 0;
	}
	if (o->dir ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode)) {
		say("crash: BAD %s has mode %o", o->name, st.st_mode);
		return 0;
	}
	n = getxattr(path, WINSEC_XATTR_NAME, buf, sizeof(buf));
	if (n < 0) {
		say("crash: BAD %s no descriptor: %s", o->name,
		    strerror(errno));
		return 0;
	}
	hex(text, sizeof(text), buf, n);
	if (n == 0) {
		say("crash: BAD %s empty descriptor", o->name);
		return 0;
	}
	if (!sd_names(buf, n, &cls, &gen)) {
		say("crash: BAD %s names no generation (%zd bytes) %s",
		    o->name, n, text);
		return 0;
	}
	if (cls != CLASS_BASE + o->cls) {
		say("crash: BAD %s holds a descriptor of class %u, not %u (%zd bytes) %s",
		    o->name, cls - CLASS_BASE, o->cls, n, text);
		return 0;
	}
	make_sd(o, gen, &want);
	if (gen == 0 || want.n != (size_t)n || memcmp(want.b, buf, n)) {
		say("crash: BAD %s generation %u torn (%zd bytes, %zu expected) %s",
		    o->name, gen, n, want.n, text);
		return 0;
	}
	*size = n;
	return gen;
}

static int verify(const char *dir)
{
	struct dirent *e;
	size_t size;
	uint32_t gen;
	int i, bad = 0;
	DIR *d;

	for (i = 0; i < nobjects; i++) {
		gen = check_one(dir, &objects[i], &size);
		if (gen)
			say("crash: found %s %u %zu", objects[i].name, gen,
			    size);
		else
			bad++;
	}
	d = opendir(dir);
	if (!d) {
		say("crash: BAD cannot list %s: %s", dir, strerror(errno));
		bad++;
	}
	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (!object_by_name(e->d_name)) {
			say("crash: BAD unexpected entry %s", e->d_name);
			bad++;
		}
	}
	if (d)
		closedir(d);
	say("crash: verified %d objects, %d bad", nobjects, bad);
	return bad || drain_fails ? 1 : 0;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void reset_after(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
	int fd;

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
	say("crash: reset");
	fd = open("/proc/sysrq-trigger", O_WRONLY);
	if (fd < 0 || write(fd, "b", 1) != 1)
		say("crash: FAIL /proc/sysrq-trigger: %s", strerror(errno));
	_exit(1);
}

/*
 * Whether to fsync object @i after its write of pass @pass: never when
 * SEED + ROUND is a multiple of 4 (only the journal's own commits make
 * writes durable then: round 3 with seed 1), and otherwise, by pass, none,
 * every object or about one in three.
 */
static bool durable(uint64_t seed, uint64_t round, uint64_t pass, int i)
{
	uint64_t p = mix(mix(seed ^ (round << 32)) ^ pass);

	if ((seed + round) % 4 == 0)
		return false;
	switch (p % 4) {
	case 0:
		return false;
	case 1:
		return true;
	default:
		return mix(p ^ i) % 3 == 0;
	}
}

static int write_loop(const char *dir, uint64_t seed, uint64_t round,
		      long reset_ms)
{
	int fds[MAX_OBJECTS];
	uint32_t base = 0, gen;
	long long deadline;
	uint64_t pass;
	size_t size;
	pid_t timer;
	int i;

	if (!isatty(1) || tcdrain(1)) {
		say("crash: FAIL stdout is not a console that can be drained");
		return 1;
	}
	for (i = 0; i < nobjects; i++) {
		gen = check_one(dir, &objects[i], &size);
		if (!gen)
			return 1;
		if (gen > base)
			base = gen;
		fds[i] = open_object(dir, &objects[i]);
		if (fds[i] < 0) {
			say("crash: FAIL open %s: %s", objects[i].name,
			    strerror(errno));
			return 1;
		}
	}
	/*
	 * Nothing of the boot left to commit: the journal's next commit
	 * holds writes of this round only.
	 */
	sync();
	say("crash: base %u", base);
	deadline = now_ms() + reset_ms + 120000;
	timer = fork();
	if (timer < 0) {
		say("crash: FAIL fork: %s", strerror(errno));
		return 1;
	}
	if (timer == 0)
		reset_after(reset_ms);

	for (pass = 1; now_ms() < deadline; pass++) {
		gen = base + pass;
		say("crash: pass %llu", (unsigned long long)pass);
		for (i = 0; i < nobjects; i++) {
			if (set_gen(fds[i], &objects[i], gen)) {
				say("crash: FAIL setxattr %s generation %u: %s",
				    objects[i].name, gen, strerror(errno));
				goto fail;
			}
			if (!durable(seed, round, pass, i))
				continue;
			if (fsync(fds[i])) {
				say("crash: FAIL fsync %s: %s",
				    objects[i].name, strerror(errno));
				goto fail;
			}
			say("crash: durable %s %u", objects[i].name, gen);
		}
		if (drain_fails) {
			say("crash: FAIL the console could not be drained");
			goto fail;
		}
	}
	say("crash: FAIL no reset");
fail:
	kill(timer, SIGKILL);
	return 1;
}

static void print_usage(void)
{
	fprintf(stderr,
		"usage: crash-guest setup DIR\n"
		"       crash-guest verify DIR\n"
		"       crash-guest write DIR SEED ROUND RESET_MS\n"
		"       crash-guest show NAME GEN\n"
		"       crash-guest bytes NAME GEN\n"
		"       crash-guest list\n");
	exit(2);
}

static unsigned long long parse_number(const char *s)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || *end || *s == '-') {
		fprintf(stderr, "crash-guest: not a number: %s\n", s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	const struct object *o;
	char text[2 * SD_BUF + 1];
	unsigned long long gen;
	struct sd d;

	make_table();
	if (argc >= 3 && strlen(argv[2]) > 256) {
		fprintf(stderr, "crash-guest: directory name too long\n");
		return 2;
	}
	if (argc == 3 && !strcmp(argv[1], "setup"))
		return make_objects(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "verify"))
		return verify(argv[2]);
	if (argc == 6 && !strcmp(argv[1], "write"))
		return write_loop(argv[2], parse_number(argv[3]), parse_number(argv[4]),
				  parse_number(argv[5]));
	if (argc == 2 && !strcmp(argv[1], "list")) {
		static const char *const sizes[] = {
			[SMALL] = "small", [LARGE] = "large",
			[ALTERNATE] = "alternate",
		};
		int i;

		for (i = 0; i < nobjects; i++)
			printf("%s %s %s %u\n", objects[i].name,
			       objects[i].dir ? "dir" : "file",
			       sizes[objects[i].size], objects[i].cls);
		return 0;
	}
	if (argc == 4 && (!strcmp(argv[1], "show") ||
			  !strcmp(argv[1], "bytes"))) {
		o = object_by_name(argv[2]);
		gen = parse_number(argv[3]);
		if (!o || !gen || gen > UINT32_MAX) {
			fprintf(stderr, "crash-guest: no object %s or bad generation %s\n",
				argv[2], argv[3]);
			return 2;
		}
		make_sd(o, gen, &d);
		if (!strcmp(argv[1], "bytes"))
			return fwrite(d.b, 1, d.n, stdout) == d.n ? 0 : 1;
		hex(text, sizeof(text), d.b, d.n);
		printf("%s\n", text);
		return 0;
	}
	print_usage();
	return 2;
}
