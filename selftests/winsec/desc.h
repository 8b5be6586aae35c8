/* SPDX-License-Identifier: GPL-2.0 */
/*
 * winsec selftests - security descriptors: built from a small SDDL subset,
 * set and read through the security.winsec xattr, and searched for ACEs.
 */

#ifndef _SELFTESTS_WINSEC_DESC_H
#define _SELFTESTS_WINSEC_DESC_H

#include "common.h"

/*
 * SDDL names of specific rights as MS-DTYP spells them for directory
 * objects, used by the tests for their bit values only.
 */
#define SDDL_CC		0x0001	/* create child */
#define SDDL_DC		0x0002	/* delete child */
#define SDDL_LC		0x0004	/* list children */
#define SDDL_SW		0x0008	/* self write */
#define SDDL_RP		0x0010	/* read property */
#define SDDL_WP		0x0020	/* write property */
#define SDDL_DT		0x0040	/* delete tree */
#define SDDL_LO		0x0080	/* list object */
#define SDDL_CR		0x0100	/* control access */

/* Returned instead of an errno for SDDL the encoder does not know. */
#define SDDL_UNKNOWN	0x40000

/*
 * The descriptor of seed 000's server: everyone and anonymous have every
 * right, and Low may write.
 */
#define STORY_SD	"D:(A;;GA;;;WD)(A;;GA;;;S-1-5-7)S:(ML;;NW;;;LW)"

struct sdbuf {
	__u8 b[2048];
	size_t len;
};

struct sidbuf {
	__u8 b[WINSEC_SID_SIZE(WINSEC_SID_MAX_SUBAUTH)];
	size_t len;
};

static inline void put16(__u8 *p, unsigned int v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static inline void put32(__u8 *p, __u32 v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static inline unsigned int get16(const __u8 *p)
{
	return p[0] | p[1] << 8;
}

static inline __u32 get32(const __u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (__u32)p[3] << 24;
}

/* Offsets in an ACL header, and in an ACE: header, mask, SID. */
#define ACL_SIZE	offsetof(struct winsec_acl, size)
#define ACL_COUNT	offsetof(struct winsec_acl, ace_count)
#define ACE_TYPE	offsetof(struct winsec_ace_header, type)
#define ACE_FLAGS	offsetof(struct winsec_ace_header, flags)
#define ACE_SIZE	offsetof(struct winsec_ace_header, size)
#define ACE_MASK	sizeof(struct winsec_ace_header)
#define ACE_SID		(ACE_MASK + sizeof(__le32))

static const struct {
	const char *alias;
	const char *sid;
} sid_aliases[] = {
	{ "WD", "S-1-1-0" },	  { "CO", "S-1-3-0" },	    { "CG", "S-1-3-1" },
	{ "OW", "S-1-3-4" },	  { "AU", "S-1-5-11" },	    { "SY", "S-1-5-18" },
	{ "BA", "S-1-5-32-544" }, { "BU", "S-1-5-32-545" }, { "LW", "S-1-16-4096" },
	{ "ME", "S-1-16-8192" },  { "MP", "S-1-16-8448" },  { "HI", "S-1-16-12288" },
	{ "SI", "S-1-16-16384" },
};

/* Parse a SID (alias or S-1-...) at *s, advancing *s. */
static inline bool sid_parse(const char **s, struct sidbuf *out)
{
	const char *p = *s;
	unsigned long long auth;
	__u32 sub[WINSEC_SID_MAX_SUBAUTH];
	unsigned int n = 0, i;
	char *end;

	for (i = 0; i < ARRAY_SIZE(sid_aliases); i++) {
		if (!strncmp(p, sid_aliases[i].alias, 2)) {
			const char *q = sid_aliases[i].sid;

			if (!sid_parse(&q, out))
				return false;
			*s = p + 2;
			return true;
		}
	}
	if (strncmp(p, "S-1-", 4))
		return false;
	auth = strtoull(p + 4, &end, 10);
	p = end;
	while (*p == '-' && n < WINSEC_SID_MAX_SUBAUTH) {
		sub[n++] = strtoul(p + 1, &end, 10);
		p = end;
	}
	if (!n)
		return false;
	out->b[0] = WINSEC_SID_REVISION;
	out->b[1] = n;
	/* The authority is 48 bits, big-endian; the rest little-endian. */
	for (i = 0; i < 6; i++)
		out->b[2 + i] = auth >> (8 * (5 - i));
	for (i = 0; i < n; i++)
		put32(out->b + WINSEC_SID_SIZE(i), sub[i]);
	out->len = WINSEC_SID_SIZE(n);
	*s = p;
	return true;
}

static const struct {
	const char *name;
	__u32 value;
} sddl_tokens[] = {
	{ "GA", WINSEC_GENERIC_ALL },
	{ "GX", WINSEC_GENERIC_EXECUTE },
	{ "GW", WINSEC_GENERIC_WRITE },
	{ "GR", WINSEC_GENERIC_READ },
	{ "SD", WINSEC_DELETE },
	{ "RC", WINSEC_READ_CONTROL },
	{ "WD", WINSEC_WRITE_DAC },
	{ "WO", WINSEC_WRITE_OWNER },
	{ "CC", SDDL_CC },
	{ "DC", SDDL_DC },
	{ "LC", SDDL_LC },
	{ "SW", SDDL_SW },
	{ "RP", SDDL_RP },
	{ "WP", SDDL_WP },
	{ "DT", SDDL_DT },
	{ "LO", SDDL_LO },
	{ "CR", SDDL_CR },
	{ "FA", WINSEC_FILE_ALL_ACCESS },
	{ "FR", WINSEC_FILE_GENERIC_READ },
	{ "FW", WINSEC_FILE_GENERIC_WRITE },
	{ "FX", WINSEC_FILE_GENERIC_EXECUTE },
	{ "NW", WINSEC_LABEL_NO_WRITE_UP },
	{ "NR", WINSEC_LABEL_NO_READ_UP },
	{ "NX", WINSEC_LABEL_NO_EXECUTE_UP },
};

static const struct {
	const char *name;
	__u8 value;
} ace_flag_tokens[] = {
	{ "OI", WINSEC_ACE_OBJECT_INHERIT },
	{ "CI", WINSEC_ACE_CONTAINER_INHERIT },
	{ "NP", WINSEC_ACE_NO_PROPAGATE_INHERIT },
	{ "IO", WINSEC_ACE_INHERIT_ONLY },
	{ "ID", WINSEC_ACE_INHERITED },
	{ "SA", WINSEC_ACE_SUCCESSFUL_ACCESS },
	{ "FA", WINSEC_ACE_FAILED_ACCESS },
};

static const struct {
	const char *name;
	__u8 type;
} ace_type_tokens[] = {
	{ "AU", WINSEC_ACE_SYSTEM_AUDIT },
	{ "ML", WINSEC_ACE_SYSTEM_MANDATORY_LABEL },
	{ "A", WINSEC_ACE_ACCESS_ALLOWED },
	{ "D", WINSEC_ACE_ACCESS_DENIED },
};

static inline bool parse_rights(const char **s, __u32 *mask)
{
	const char *p = *s;
	char *end;
	size_t i;

	*mask = 0;
	if (!strncasecmp(p, "0x", 2)) {
		*mask = strtoul(p, &end, 16);
		*s = end;
		return true;
	}
	while (*p && *p != ';') {
		for (i = 0; i < ARRAY_SIZE(sddl_tokens); i++)
			if (!strncmp(p, sddl_tokens[i].name, 2))
				break;
		if (i == ARRAY_SIZE(sddl_tokens))
			return false;
		*mask |= sddl_tokens[i].value;
		p += 2;
	}
	*s = p;
	return true;
}

/* Parse "(T;F;R;;;SID)..." into an ACL at @acl; returns its size or 0. */
static inline size_t parse_acl(const char **s, __u8 *acl)
{
	const char *p = *s;
	size_t off = sizeof(struct winsec_acl), i, n;
	unsigned int count = 0;

	while (*p == '(') {
		__u8 type, flags = 0;
		struct sidbuf sid;
		__u32 mask;

		p++;
		for (i = 0; i < ARRAY_SIZE(ace_type_tokens); i++) {
			n = strlen(ace_type_tokens[i].name);
			if (!strncmp(p, ace_type_tokens[i].name, n) &&
			    p[n] == ';')
				break;
		}
		if (i == ARRAY_SIZE(ace_type_tokens))
			return 0;
		type = ace_type_tokens[i].type;
		p += n + 1;
		while (*p != ';') {
			for (i = 0; i < ARRAY_SIZE(ace_flag_tokens); i++)
				if (!strncmp(p, ace_flag_tokens[i].name, 2))
					break;
			if (i == ARRAY_SIZE(ace_flag_tokens))
				return 0;
			flags |= ace_flag_tokens[i].value;
			p += 2;
		}
		p++;
		if (!parse_rights(&p, &mask) || strncmp(p, ";;;", 3))
			return 0;
		p += 3;
		if (!sid_parse(&p, &sid) || *p != ')')
			return 0;
		p++;
		acl[off + ACE_TYPE] = type;
		acl[off + ACE_FLAGS] = flags;
		put16(acl + off + ACE_SIZE, ACE_SID + sid.len);
		put32(acl + off + ACE_MASK, mask);
		memcpy(acl + off + ACE_SID, sid.b, sid.len);
		off += ACE_SID + sid.len;
		count++;
	}
	memset(acl, 0, sizeof(struct winsec_acl));
	acl[0] = WINSEC_ACL_REVISION;
	put16(acl + ACL_SIZE, off);
	put16(acl + ACL_COUNT, count);
	*s = p;
	return off;
}

/* Offsets of the fields of struct winsec_sd_header. */
#define SD_CONTROL	offsetof(struct winsec_sd_header, control)
#define SD_OWNER	offsetof(struct winsec_sd_header, owner)
#define SD_GROUP	offsetof(struct winsec_sd_header, group)
#define SD_SACL		offsetof(struct winsec_sd_header, sacl)
#define SD_DACL		offsetof(struct winsec_sd_header, dacl)

/*
 * Encode O:, G:, D: (flags P, AI; NO_ACCESS_CONTROL) and S: into a
 * self-relative descriptor. Returns false on text it does not know.
 */
static inline bool sddl_encode(const char *text, struct sdbuf *out)
{
	__u16 control = WINSEC_SE_SELF_RELATIVE;
	__u8 *b = out->b;
	size_t off = sizeof(struct winsec_sd_header);
	const char *p = text;
	struct sidbuf sid;
	bool dacl;
	size_t n;

	memset(out, 0, sizeof(*out));
	b[0] = WINSEC_SD_REVISION;
	while (*p) {
		char part = *p;

		if (p[1] != ':')
			return false;
		p += 2;
		switch (part) {
		case 'O':
		case 'G':
			if (!sid_parse(&p, &sid))
				return false;
			memcpy(b + off, sid.b, sid.len);
			put32(b + (part == 'O' ? SD_OWNER : SD_GROUP), off);
			off += sid.len;
			break;
		case 'D':
		case 'S':
			dacl = part == 'D';
			control |= dacl ? WINSEC_SE_DACL_PRESENT :
					  WINSEC_SE_SACL_PRESENT;
			if (!strncmp(p, "NO_ACCESS_CONTROL", 17)) {
				p += 17;
				break;
			}
			for (;;) {
				if (*p == 'P') {
					control |= dacl ?
						WINSEC_SE_DACL_PROTECTED :
						WINSEC_SE_SACL_PROTECTED;
					p++;
				} else if (!strncmp(p, "AI", 2)) {
					control |= dacl ?
						WINSEC_SE_DACL_AUTO_INHERITED :
						WINSEC_SE_SACL_AUTO_INHERITED;
					p += 2;
				} else {
					break;
				}
			}
			n = parse_acl(&p, b + off);
			if (!n)
				return false;
			put32(b + (dacl ? SD_DACL : SD_SACL), off);
			off += n;
			break;
		default:
			return false;
		}
	}
	put16(b + SD_CONTROL, control);
	out->len = off;
	return true;
}

/*
 * SDDL text with printf conversions, for access masks given by name:
 * SDDLF("D:(A;;%#x;;;WD)", WINSEC_FILE_READ_DATA). Each use has its own
 * buffer, valid until that use runs again.
 */
#define SDDLF(...)							\
	({								\
		static char _t[512];					\
		snprintf(_t, sizeof(_t), __VA_ARGS__);			\
		(const char *)_t;					\
	})

/*
 * Rights the tests grant, named after what they add to (or take from) the
 * generic file rights of <linux/winsec.h>.
 */
#define RIGHTS_RC_SYNC		(WINSEC_READ_CONTROL | WINSEC_SYNCHRONIZE)
#define RIGHTS_READ_EXECUTE	(WINSEC_FILE_GENERIC_READ |		\
				 WINSEC_FILE_GENERIC_EXECUTE)
#define RIGHTS_APPEND_SYNC	(WINSEC_SYNCHRONIZE | WINSEC_FILE_APPEND_DATA)
#define RIGHTS_WRITE_SYNC	(WINSEC_SYNCHRONIZE | WINSEC_FILE_WRITE_DATA)
#define RIGHTS_RX_ADD_FILE	(RIGHTS_READ_EXECUTE | WINSEC_FILE_ADD_FILE)
#define RIGHTS_RX_ADD_SUBDIR	(RIGHTS_READ_EXECUTE |			\
				 WINSEC_FILE_ADD_SUBDIRECTORY)
#define RIGHTS_RX_ADD_ANY	(RIGHTS_RX_ADD_FILE |			\
				 WINSEC_FILE_ADD_SUBDIRECTORY)
#define RIGHTS_RX_ADD_DELETE	(RIGHTS_RX_ADD_FILE | WINSEC_FILE_DELETE_CHILD)
#define RIGHTS_READ_DELETE	(WINSEC_FILE_GENERIC_READ | WINSEC_DELETE)
#define RIGHTS_READ_WRITE_ATTR	(WINSEC_FILE_GENERIC_READ |		\
				 WINSEC_FILE_WRITE_ATTRIBUTES)
#define RIGHTS_READ_APPEND	(WINSEC_FILE_GENERIC_READ |		\
				 WINSEC_FILE_APPEND_DATA)
#define RIGHTS_APPEND_ONLY	(RIGHTS_RC_SYNC | WINSEC_FILE_APPEND_DATA)
#define RIGHTS_APPEND_WRITE	(RIGHTS_APPEND_ONLY | WINSEC_FILE_WRITE_DATA)
#define RIGHTS_READ_WRITE_DAC	(WINSEC_FILE_GENERIC_READ | WINSEC_WRITE_DAC)
/* READ_CONTROL and the specific read rights, without SYNCHRONIZE. */
#define RIGHTS_READ_WRITE_OWNER	((WINSEC_FILE_GENERIC_READ &		\
				  ~WINSEC_SYNCHRONIZE) | WINSEC_WRITE_OWNER)
#define RIGHTS_READ_WRITE_BOTH	(RIGHTS_READ_WRITE_DAC | WINSEC_WRITE_OWNER)
#define RIGHTS_ALL_BUT_OWNER	(WINSEC_FILE_ALL_ACCESS & ~WINSEC_WRITE_OWNER)
#define RIGHTS_ALL_BUT_READ	(WINSEC_FILE_ALL_ACCESS & ~WINSEC_FILE_READ_DATA)
#define RIGHTS_READ_NO_EA	(WINSEC_FILE_GENERIC_READ & ~WINSEC_FILE_READ_EA)
#define RIGHTS_DATA		(RIGHTS_RC_SYNC | WINSEC_FILE_READ_DATA |	\
				 WINSEC_FILE_WRITE_DATA)
#define RIGHTS_DATA_READ_EA	(RIGHTS_DATA | WINSEC_FILE_READ_EA)
#define RIGHTS_DATA_WRITE_EA	(RIGHTS_DATA | WINSEC_FILE_WRITE_EA)
/* The specific rights of FILE_GENERIC_WRITE: every way to write. */
#define RIGHTS_WRITES		(WINSEC_FILE_GENERIC_WRITE &		\
				 WINSEC_SPECIFIC_RIGHTS_ALL)

/* A DACL granting @mask to everyone, as SDDL. */
#define DACL_EVERYONE(mask)	SDDLF("D:(A;;%#x;;;WD)", (unsigned int)(mask))

#define SD(_text)							\
	({								\
		struct sdbuf _sd;					\
		ASSERT_TRUE(sddl_encode(_text, &_sd)) {			\
			TH_LOG("cannot encode %s", _text);		\
		}							\
		_sd;							\
	})

/* Offset of the DACL (@dacl) or SACL of a stored descriptor, 0: none. */
static inline __u32 sd_acl_offset(const __u8 *sd, size_t len, bool dacl)
{
	__u32 off;

	if (len < sizeof(struct winsec_sd_header))
		return 0;
	off = get32(sd + (dacl ? SD_DACL : SD_SACL));
	return off + sizeof(struct winsec_acl) > len ? 0 : off;
}

/* Find an ACE in the DACL (@dacl) or SACL of a stored descriptor. */
static inline bool sd_has_ace(const __u8 *sd, size_t len, bool dacl,
			      __u8 type, __u8 flags, __u32 mask,
			      const char *sid_text)
{
	__u32 off = sd_acl_offset(sd, len, dacl);
	const char *q = sid_text;
	struct sidbuf sid;
	unsigned int count, i;
	size_t a;

	if (!off || !sid_parse(&q, &sid))
		return false;
	count = get16(sd + off + ACL_COUNT);
	a = off + sizeof(struct winsec_acl);
	for (i = 0; i < count && a + ACE_SID <= len; i++) {
		unsigned int size = get16(sd + a + ACE_SIZE);
		__u32 m = get32(sd + a + ACE_MASK);

		if (sd[a + ACE_TYPE] == type && sd[a + ACE_FLAGS] == flags &&
		    m == mask && size == ACE_SID + sid.len &&
		    !memcmp(sd + a + ACE_SID, sid.b, sid.len))
			return true;
		if (!size)
			break;
		a += size;
	}
	return false;
}

/* The DACL of @b allows @mask to @sid, in an ACE with @flags. */
static inline bool sd_allows(const struct sdbuf *b, __u8 flags, __u32 mask,
			     const char *sid)
{
	return sd_has_ace(b->b, b->len, true, WINSEC_ACE_ACCESS_ALLOWED, flags,
			  mask, sid);
}

/* The SACL of @b labels it @level (a SID) no-write-up, with @flags. */
static inline bool sd_has_nw_label(const struct sdbuf *b, __u8 flags,
				   const char *level)
{
	return sd_has_ace(b->b, b->len, false,
			  WINSEC_ACE_SYSTEM_MANDATORY_LABEL, flags,
			  WINSEC_LABEL_NO_WRITE_UP, level);
}

/* The owner of a stored descriptor is @sid_text. */
static inline bool sd_owner_is(const struct sdbuf *b, const char *sid_text)
{
	const char *q = sid_text;
	struct sidbuf sid;
	__u32 off;

	if (b->len < sizeof(struct winsec_sd_header) || !sid_parse(&q, &sid))
		return false;
	off = get32(b->b + SD_OWNER);
	return off && off + sid.len <= b->len &&
	       !memcmp(b->b + off, sid.b, sid.len);
}

/* Number of ACEs of the DACL or SACL of a stored descriptor (-1: none). */
static inline int sd_ace_count(const __u8 *sd, size_t len, bool dacl)
{
	__u32 off = sd_acl_offset(sd, len, dacl);

	if (!off)
		return -1;
	return get16(sd + off + ACL_COUNT);
}

/* Set a descriptor given as SDDL, as root at System with every capability. */
#define SET_SD(_path, _text)						\
	do {								\
		struct sdbuf _b = SD(_text);				\
		ASSERT_EQ(0, setxattr(_path, WINSEC_XATTR_NAME, _b.b,	\
				      _b.len, 0)) {			\
			TH_LOG("setting %s on %s: %s", _text, _path,	\
			       strerror(errno));			\
		}							\
	} while (0)

/*
 * Set the creator descriptor of the task to @sddl (NULL: leave it); 0, an
 * errno, or SDDL_UNKNOWN.
 */
static inline int set_fscreate(const char *sddl)
{
	struct sdbuf sd;

	if (!sddl)
		return 0;
	if (!sddl_encode(sddl, &sd))
		return SDDL_UNKNOWN;
	return set_attr(LSM_ATTR_FSCREATE, sd.b, sd.len);
}

struct fscreate_file {
	const char *path;
	const struct sdbuf *sd;
};

/*
 * Create the file @path under the creator descriptor @sd, for run_as(): 0,
 * the errno of the open, PREP_FAILED + errno when @sd was refused.
 */
static inline int create_with_fscreate(const void *p)
{
	const struct fscreate_file *a = p;
	int rc, fd;

	rc = set_attr(LSM_ATTR_FSCREATE, a->sd->b, a->sd->len);
	if (rc)
		return PREP_FAILED + rc;
	fd = open(a->path, O_CREAT | O_WRONLY, 0666);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/* Read the stored descriptor of @path into @b; returns its length. */
static inline ssize_t get_sd(const char *path, struct sdbuf *b)
{
	ssize_t n = getxattr(path, WINSEC_XATTR_NAME, b->b, sizeof(b->b));

	b->len = n > 0 ? n : 0;
	return n;
}

struct sd_read {
	const char *path;
	struct sdbuf *b;	/* shared with the child */
};

/* Read the descriptor of @arg's path; its length or -errno. */
static inline int get_sd_shared(const void *arg)
{
	const struct sd_read *a = arg;
	ssize_t n = getxattr(a->path, WINSEC_XATTR_NAME, a->b->b,
			     sizeof(a->b->b));

	return n < 0 ? -errno : n;
}

/*
 * Read the stored descriptor of @path as @uid (the owner can always read
 * it, root may not); returns its length or -errno.
 */
static inline ssize_t get_sd_as(uid_t uid, const char *path, struct sdbuf *b)
{
	struct subject who = { .uid = uid };
	struct sd_read arg = { .path = path };
	int n;

	b->len = 0;
	arg.b = mmap(NULL, sizeof(*b), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (arg.b == MAP_FAILED)
		return -errno;
	n = run_as(&who, get_sd_shared, &arg);
	if (n > 0 && n <= (int)sizeof(b->b)) {
		memcpy(b->b, arg.b->b, n);
		b->len = n;
	} else if (n >= 0) {
		n = n ? -EIO : 0;
	}
	munmap(arg.b, sizeof(*b));
	return n;
}

#endif /* _SELFTESTS_WINSEC_DESC_H */
