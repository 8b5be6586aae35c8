/* SPDX-License-Identifier: GPL-2.0 */
/*
 * winsec selftests - the inputs of the badinput tests, made alike in the
 * guest by the tests and on the host by their generator
 * (tools/testing/winsec/badinput/badinput_gen.c), which judges every one
 * with the userspace build of the validator and of the level parser and
 * writes the verdicts to badinput.dat. The tests never decide on their own
 * whether a descriptor is valid: they read the verdict.
 *
 * Plain C without the harness, so that both sides compile it. Include
 * <linux/winsec.h> (the uapi header) first.
 *
 *   the sweep    one input of every length from 0 to 64 KiB + 1: prefixes
 *                of four fixed buffers of BADINPUT_SWEEP_MAX bytes (a
 *                64 KiB descriptor that fills its last byte, a small
 *                descriptor followed by random bytes, random bytes behind a
 *                plausible header, the 64 KiB descriptor with corrupted
 *                ACEs), the buffer chosen by the length
 *   mutants      copies of entries of the validator's fuzz corpus with a
 *                few random changes (bytes, bits, fields, length)
 *   level texts  names of levels, S-1-16-<rid>, near misses and random
 *                bytes, for the level a task sets itself
 */

#ifndef _SELFTESTS_WINSEC_BADINPUT_H
#define _SELFTESTS_WINSEC_BADINPUT_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <linux/types.h>

#ifndef WINSEC_SD_MAX_SIZE
#error "include <linux/winsec.h> before badinput.h"
#endif

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#endif

/* The data file: a header, then the sections in this order. */
#define BADINPUT_MAGIC		"WSBADIN1"
#define BADINPUT_FILE		"badinput.dat"

/* One byte over the largest value the VFS takes (XATTR_SIZE_MAX). */
#define BADINPUT_SWEEP_MAX	(WINSEC_SD_MAX_SIZE + 1)
#define BADINPUT_MUTANTS	2000
#define BADINPUT_LEVELS		2000
/* A mutant fits in one page with the lsm_ctx header before it. */
#define BADINPUT_MUTANT_MAX	4000
/* proc's attribute files take at most one page of a write. */
#define BADINPUT_PAGE		4096
/* Longest level text. */
#define BADINPUT_LEVEL_MAX	6000

#define BADINPUT_SEED_SWEEP	0x7377656570ULL		/* "sweep" */
#define BADINPUT_SEED_MUTANTS	0x6d7574616e74ULL	/* "mutant" */
#define BADINPUT_SEED_LEVELS	0x6c6576656cULL		/* "level" */

/* Flags of a corpus entry and of a level text. */
#define BADINPUT_VALID		0x1	/* the whole input is valid */
#define BADINPUT_PAGE_VALID	0x2	/* its first BADINPUT_PAGE bytes are */

/**
 * struct badinput_header - start of badinput.dat (little-endian)
 * @magic: BADINPUT_MAGIC, without its terminator
 * @ncorpus: corpus entries that follow the header
 * @nmutants: BADINPUT_MUTANTS
 * @nlevels: BADINPUT_LEVELS
 * @sweep_max: BADINPUT_SWEEP_MAX
 * @sweep_sum: badinput_sum() of the four sweep buffers, one after the other
 * @mutant_sum: badinput_sum() of every mutant, one after the other
 * @level_sum: badinput_sum() of every level text, one after the other
 *
 * Then: per corpus entry (sorted by file name) a u32 length, a u32 of
 * BADINPUT_* flags and the bytes, padded to 4; the sweep's verdicts, one
 * bit per length (bit L % 8 of byte L / 8), padded to 4; per mutant a byte
 * of flags, padded to 4; per level text a u32 of flags and the u32 RID it
 * names when valid. The sums let the test notice a data file made for
 * other inputs.
 */
struct badinput_header {
	char magic[8];
	__u32 ncorpus;
	__u32 nmutants;
	__u32 nlevels;
	__u32 sweep_max;
	__u32 sweep_sum;
	__u32 mutant_sum;
	__u32 level_sum;
	__u32 reserved;
};

/* FNV-1a, continued from @h (start with 2166136261). */
static inline __u32 badinput_sum(__u32 h, const void *p, size_t len)
{
	const __u8 *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

/* --- random numbers: splitmix64, the same on both sides ------------------ */

struct badinput_rng {
	__u64 s;
};

static inline __u64 badinput_next(struct badinput_rng *r)
{
	__u64 z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number below @n (@n > 0). */
static inline __u32 badinput_below(struct badinput_rng *r, __u32 n)
{
	return (__u32)(badinput_next(r) % n);
}

static inline void badinput_fill(struct badinput_rng *r, __u8 *p,
				 size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (__u8)badinput_next(r);
}

/* --- writing descriptors ----------------------------------------------- */

static inline void badinput_put16(__u8 *p, __u32 v)
{
	p[0] = (__u8)v;
	p[1] = (__u8)(v >> 8);
}

static inline void badinput_put32(__u8 *p, __u32 v)
{
	badinput_put16(p, v);
	badinput_put16(p + 2, v >> 16);
}

/* A SID S-1-@auth-@subs...; returns its size. */
static inline size_t badinput_sid(__u8 *p, __u8 auth, unsigned int n,
				  const __u32 *subs)
{
	unsigned int i;

	p[0] = WINSEC_SID_REVISION;
	p[1] = (__u8)n;
	memset(p + 2, 0, 5);
	p[7] = auth;
	for (i = 0; i < n; i++)
		badinput_put32(p + WINSEC_SID_SIZE(i), subs[i]);
	return WINSEC_SID_SIZE(n);
}

/* An ACE of @type for the SID at @sid (@sid_len bytes); returns its size. */
static inline size_t badinput_ace(__u8 *p, __u8 type, __u8 flags,
				  __u32 mask, const __u8 *sid,
				  size_t sid_len)
{
	size_t size = sizeof(struct winsec_ace_header) + 4 + sid_len;

	p[0] = type;
	p[1] = flags;
	badinput_put16(p + 2, (__u32)size);
	badinput_put32(p + 4, mask);
	memcpy(p + 8, sid, sid_len);
	return size;
}

static inline void badinput_acl_header(__u8 *p, size_t size,
				       unsigned int count)
{
	memset(p, 0, sizeof(struct winsec_acl));
	p[0] = WINSEC_ACL_REVISION;
	badinput_put16(p + 2, (__u32)size);
	badinput_put16(p + 4, count);
}

/*
 * Fill @size bytes at @p (a multiple of 4, 0 or at least 20) with ACEs of
 * @type0 or @type1 for random S-1-5-21-... SIDs, which no token of the
 * guest holds; returns the number of ACEs.
 */
static inline unsigned int badinput_filler(struct badinput_rng *r, __u8 *p,
					   size_t size, __u8 type0,
					   __u8 type1)
{
	unsigned int count = 0, n, i;
	__u32 subs[WINSEC_SID_MAX_SUBAUTH];
	__u8 sid[WINSEC_SID_SIZE(WINSEC_SID_MAX_SUBAUTH)];
	size_t sid_len;

	while (size) {
		/* An ACE of n sub-authorities takes 16 + 4 n bytes. */
		if (size <= 16 + 4 * WINSEC_SID_MAX_SUBAUTH) {
			n = (unsigned int)(size - 16) / 4;
		} else {
			n = 1 + badinput_below(r, WINSEC_SID_MAX_SUBAUTH);
			if (size - (16 + 4 * n) < 20)
				n = 1;
		}
		subs[0] = 21;
		for (i = 1; i < n; i++)
			subs[i] = (__u32)badinput_next(r);
		sid_len = badinput_sid(sid, WINSEC_AUTH_NT, n, subs);
		p += badinput_ace(p, badinput_below(r, 2) ? type1 : type0,
				  badinput_below(r, 2) ? WINSEC_ACE_OBJECT_INHERIT : 0,
				  (__u32)badinput_next(r) & WINSEC_FILE_ALL_ACCESS,
				  sid, sid_len);
		size -= 16 + 4 * n;
		count++;
	}
	return count;
}

/* --- the sweep ----------------------------------------------------------- */

enum badinput_kind {
	BADINPUT_BIG,	/* 64 KiB descriptor, tight: prefixes are invalid */
	BADINPUT_PAD,	/* a small descriptor, then random bytes */
	BADINPUT_RND,	/* a plausible header, then random bytes */
	BADINPUT_MUT,	/* BADINPUT_BIG with corrupted ACEs */
	BADINPUT_KINDS,
};

static const char *const badinput_kind_name[BADINPUT_KINDS] = {
	"tight 64 KiB descriptor",
	"small descriptor and trailing bytes",
	"random bytes behind a header",
	"64 KiB descriptor with corrupted ACEs",
};

/*
 * The buffer an input of @len bytes is a prefix of. Lengths 1 mod 32 take
 * the padded descriptor (a valid input from 104 bytes on, each one stored
 * and read back, so that a value of every size class is stored), the others
 * the three that the validator refuses.
 */
static inline enum badinput_kind badinput_sweep_kind(size_t len)
{
	switch (len % 4) {
	case 0:
		return BADINPUT_BIG;
	case 1:
		return len % 32 == 1 ? BADINPUT_PAD : BADINPUT_BIG;
	case 2:
		return BADINPUT_RND;
	default:
		return BADINPUT_MUT;
	}
}

/* Layout of BADINPUT_BIG: header, owner, group, SACL, DACL to the end. */
#define BADINPUT_BIG_OWNER	20
#define BADINPUT_BIG_GROUP	32
#define BADINPUT_BIG_SACL	48
#define BADINPUT_BIG_SACL_SIZE	16384
#define BADINPUT_BIG_DACL	(BADINPUT_BIG_SACL + BADINPUT_BIG_SACL_SIZE)
#define BADINPUT_BIG_DACL_SIZE	(WINSEC_SD_MAX_SIZE - BADINPUT_BIG_DACL)

/*
 * O:SY G:BA, a SACL of the label (ML;;NW;;;LW) and audit ACEs without
 * SA or FA (they never ask for a record), a DACL of (A;;FA;;;WD) and
 * allow and deny ACEs of unknown SIDs, the DACL ending at 64 KiB.
 */
static inline void badinput_make_big(struct badinput_rng *r, __u8 *b)
{
	static const __u32 sy[] = { 18 }, ba[] = { 32, 544 };
	static const __u32 wd[] = { 0 }, lw[] = { WINSEC_LEVEL_LOW };
	__u8 sid[WINSEC_SID_SIZE(1)];
	unsigned int n;
	size_t off;

	memset(b, 0, BADINPUT_BIG_SACL);
	b[0] = WINSEC_SD_REVISION;
	badinput_put16(b + 2, WINSEC_SE_SELF_RELATIVE | WINSEC_SE_DACL_PRESENT |
			      WINSEC_SE_SACL_PRESENT);
	badinput_put32(b + 4, BADINPUT_BIG_OWNER);
	badinput_put32(b + 8, BADINPUT_BIG_GROUP);
	badinput_put32(b + 12, BADINPUT_BIG_SACL);
	badinput_put32(b + 16, BADINPUT_BIG_DACL);
	badinput_sid(b + BADINPUT_BIG_OWNER, WINSEC_AUTH_NT, 1, sy);
	badinput_sid(b + BADINPUT_BIG_GROUP, WINSEC_AUTH_NT, 2, ba);

	off = BADINPUT_BIG_SACL + sizeof(struct winsec_acl);
	badinput_sid(sid, WINSEC_AUTH_MANDATORY, 1, lw);
	off += badinput_ace(b + off, WINSEC_ACE_SYSTEM_MANDATORY_LABEL, 0,
			    WINSEC_LABEL_NO_WRITE_UP, sid, sizeof(sid));
	n = badinput_filler(r, b + off, BADINPUT_BIG_DACL - off,
			    WINSEC_ACE_SYSTEM_AUDIT, WINSEC_ACE_SYSTEM_AUDIT);
	badinput_acl_header(b + BADINPUT_BIG_SACL, BADINPUT_BIG_SACL_SIZE, n + 1);

	off = BADINPUT_BIG_DACL + sizeof(struct winsec_acl);
	badinput_sid(sid, WINSEC_AUTH_WORLD, 1, wd);
	off += badinput_ace(b + off, WINSEC_ACE_ACCESS_ALLOWED, 0,
			    WINSEC_FILE_ALL_ACCESS, sid, sizeof(sid));
	n = badinput_filler(r, b + off, WINSEC_SD_MAX_SIZE - off,
			    WINSEC_ACE_ACCESS_ALLOWED, WINSEC_ACE_ACCESS_DENIED);
	badinput_acl_header(b + BADINPUT_BIG_DACL, BADINPUT_BIG_DACL_SIZE, n + 1);
	b[WINSEC_SD_MAX_SIZE] = 0;
}

/* Length of the descriptor at the start of BADINPUT_PAD. */
#define BADINPUT_PAD_SD		104

/*
 * Fill the four buffers of the sweep, BADINPUT_SWEEP_MAX bytes each, in
 * the order of enum badinput_kind.
 */
static inline void badinput_make_sweep(__u8 *const buf[BADINPUT_KINDS])
{
	struct badinput_rng r = { BADINPUT_SEED_SWEEP };
	__u8 *p;
	unsigned int i;
	size_t pos;

	badinput_make_big(&r, buf[BADINPUT_BIG]);

	/* The first 104 bytes of BADINPUT_BIG's header, SACL and DACL. */
	p = buf[BADINPUT_PAD];
	memcpy(p, buf[BADINPUT_BIG], BADINPUT_BIG_SACL);
	badinput_put32(p + 12, BADINPUT_BIG_SACL);
	badinput_put32(p + 16, BADINPUT_BIG_SACL + 28);
	memcpy(p + BADINPUT_BIG_SACL, buf[BADINPUT_BIG] + BADINPUT_BIG_SACL, 28);
	badinput_acl_header(p + BADINPUT_BIG_SACL, 28, 1);
	memcpy(p + BADINPUT_BIG_SACL + 28, buf[BADINPUT_BIG] + BADINPUT_BIG_DACL,
	       28);
	badinput_acl_header(p + BADINPUT_BIG_SACL + 28, 28, 1);
	badinput_fill(&r, p + BADINPUT_PAD_SD,
		      BADINPUT_SWEEP_MAX - BADINPUT_PAD_SD);

	/* Revision 1, self-relative, parts at random offsets. */
	p = buf[BADINPUT_RND];
	badinput_fill(&r, p, BADINPUT_SWEEP_MAX);
	p[0] = WINSEC_SD_REVISION;
	p[1] = 0;
	p[3] |= WINSEC_SE_SELF_RELATIVE >> 8;
	for (i = 0; i < 4; i++)
		badinput_put32(p + 4 + 4 * i,
			       badinput_below(&r, 3) ? 20 + badinput_below(&r, 4096) : 0);

	/* Sixteen random bytes among the ACEs of both ACLs. */
	p = buf[BADINPUT_MUT];
	memcpy(p, buf[BADINPUT_BIG], BADINPUT_SWEEP_MAX);
	for (i = 0; i < 16; i++) {
		pos = BADINPUT_BIG_SACL + sizeof(struct winsec_acl) + 20 +
		      badinput_below(&r, WINSEC_SD_MAX_SIZE - BADINPUT_BIG_SACL - 40);
		if (pos >= BADINPUT_BIG_DACL &&
		    pos < BADINPUT_BIG_DACL + sizeof(struct winsec_acl))
			pos += sizeof(struct winsec_acl);
		p[pos] = (__u8)badinput_next(&r);
	}
}

/* --- mutants of the corpus ----------------------------------------------- */

/* Interesting values for a 16- or 32-bit field. */
static inline __u32 badinput_edge(struct badinput_rng *r, size_t len)
{
	static const __u32 v[] = { 0, 1, 2, 3, 4, 8, 19, 20, 0x7f, 0x80,
				      0xff, 0xfffc, 0xffff, 0x10000,
				      0x7fffffff, 0x80000000, 0xffffffff };
	__u32 n = badinput_below(r, ARRAY_SIZE(v) + 3);

	if (n < ARRAY_SIZE(v))
		return v[n];
	return (__u32)len + n - ARRAY_SIZE(v) - 1;
}

/*
 * Mutant @i of the corpus (@entries of @lens bytes, @n of them; only those
 * up to BADINPUT_MUTANT_MAX bytes are picked) into @out, which holds
 * BADINPUT_MUTANT_MAX bytes; returns its length.
 */
static inline size_t badinput_mutant(unsigned int i,
				     const __u8 *const *entries,
				     const __u32 *lens, unsigned int n,
				     __u8 *out)
{
	struct badinput_rng r = { BADINPUT_SEED_MUTANTS + i * 0x10001ULL };
	unsigned int e, tries, ops, k;
	size_t len, pos, add;

	for (tries = 0;; tries++) {
		e = badinput_below(&r, n);
		if (lens[e] <= BADINPUT_MUTANT_MAX || tries > 100)
			break;
	}
	len = lens[e] <= BADINPUT_MUTANT_MAX ? lens[e] : BADINPUT_MUTANT_MAX;
	memcpy(out, entries[e], len);
	ops = 1 + badinput_below(&r, 4);
	for (k = 0; k < ops; k++) {
		pos = len ? badinput_below(&r, (__u32)len) : 0;
		switch (badinput_below(&r, 7)) {
		case 0:		/* a random byte */
			if (len)
				out[pos] = (__u8)badinput_next(&r);
			break;
		case 1:		/* one bit */
			if (len)
				out[pos] ^= (__u8)(1u << badinput_below(&r, 8));
			break;
		case 2:		/* a 16-bit field: sizes, counts, control */
			if (pos + 2 <= len)
				badinput_put16(out + pos, badinput_edge(&r, len));
			break;
		case 3:		/* a 32-bit field: offsets, masks, RIDs */
			if (pos + 4 <= len)
				badinput_put32(out + pos, badinput_edge(&r, len));
			break;
		case 4:		/* cut */
			len = pos;
			break;
		case 5:		/* trailing bytes */
			add = 1 + badinput_below(&r, 64);
			if (len + add > BADINPUT_MUTANT_MAX)
				add = BADINPUT_MUTANT_MAX - len;
			badinput_fill(&r, out + len, add);
			len += add;
			break;
		default:	/* a header offset into the descriptor */
			if (len >= 20)
				badinput_put32(out + 4 + 4 * badinput_below(&r, 4),
					       badinput_below(&r, (__u32)len + 8));
			break;
		}
	}
	return len;
}

/* --- level texts --------------------------------------------------------- */

static const char *const badinput_level_words[] = {
	"untrusted", "low", "medium", "medium-plus", "high", "system",
	"Medium Plus", "mediumplus", "S-1-16-4096", "S-1-16-8192",
	"S-1-16-16384", "S-1-16-0", "S-1-16-4294967295", "S-1-16-4294967296",
	"S-1-16-", "S-1-16-+1", "S-1-16--1", "S-1-16-0x1000", "protected",
	"S-1-16-20480", "S-1-16-12288",
};

/*
 * Level text @i into @out (BADINPUT_LEVEL_MAX bytes); returns its length.
 * About one in eight is valid; the rest are near misses and random bytes,
 * some longer than a page.
 */
static inline size_t badinput_level(unsigned int i, __u8 *out)
{
	struct badinput_rng r = { BADINPUT_SEED_LEVELS + i * 0x10001ULL };
	const size_t nwords = ARRAY_SIZE(badinput_level_words);
	unsigned int kind = badinput_below(&r, 16), k, n;
	const char *w;
	size_t len, pos;

	if (kind < 4) {
		/* A word in random case, with trailing NULs or newlines. */
		w = badinput_level_words[badinput_below(&r, (__u32)nwords)];
		len = strlen(w);
		memcpy(out, w, len);
		for (k = 0; k < len; k++)
			if (badinput_below(&r, 3) == 0 && out[k] >= 'a' &&
			    out[k] <= 'z')
				out[k] -= 'a' - 'A';
		n = badinput_below(&r, 4);
		for (k = 0; k < n; k++)
			out[len++] = badinput_below(&r, 2) ? '\n' : '\0';
		return len;
	}
	if (kind < 5) {
		/* S-1-16- and a decimal number, sometimes too large. */
		__u64 v = badinput_next(&r) >> badinput_below(&r, 64);

		return (size_t)snprintf((char *)out, BADINPUT_LEVEL_MAX,
					"%s-1-16-%llu%s",
					badinput_below(&r, 2) ? "S" : "s",
					(unsigned long long)v,
					badinput_below(&r, 2) ? "\n" : "");
	}
	if (kind < 11) {
		/* A word with one to three characters changed. */
		w = badinput_level_words[badinput_below(&r, (__u32)nwords)];
		len = strlen(w);
		memcpy(out, w, len);
		n = 1 + badinput_below(&r, 3);
		for (k = 0; k < n; k++) {
			pos = badinput_below(&r, (__u32)len + 1);
			switch (badinput_below(&r, 3)) {
			case 0:		/* replace */
				if (pos < len)
					out[pos] = (__u8)badinput_next(&r);
				break;
			case 1:		/* insert */
				memmove(out + pos + 1, out + pos, len - pos);
				out[pos] = badinput_below(&r, 4) ?
					(__u8)(' ' + badinput_below(&r, 95)) :
					(__u8)badinput_next(&r);
				len++;
				break;
			default:	/* delete */
				if (pos < len) {
					memmove(out + pos, out + pos + 1,
						len - pos - 1);
					len--;
				}
				break;
			}
		}
		return len;
	}
	/* Random bytes: mostly short, some of a page or more. */
	if (kind < 15)
		len = badinput_below(&r, 64);
	else
		len = BADINPUT_PAGE - 8 + badinput_below(&r, BADINPUT_LEVEL_MAX -
							    BADINPUT_PAGE + 8);
	badinput_fill(&r, out, len);
	return len;
}

#endif /* _SELFTESTS_WINSEC_BADINPUT_H */
