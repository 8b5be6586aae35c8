// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - "winsec import": descriptors kept by other systems
 *
 *  - Samba keeps an NT ACL in the security.NTACL attribute as the NDR
 *    structure xattr_NTACL of its xattr.idl: a version (1 to 4), the same
 *    number again as the union's level, a pointer, then for version 1 the
 *    descriptor, and for 2 to 4 a structure of hashes (ignored here)
 *    followed by the descriptor:
 *	v2: pointer, hash[16]
 *	v3: pointer, u16 hash_type, hash[64]
 *	v4: pointer, u16 hash_type, hash[64], a NUL-terminated description,
 *	    NTTIME (aligned to 4), sys_acl_hash[64]
 *    The descriptor's offsets are relative to the start of the blob, not
 *    of the descriptor, as NDR's relative pointers go.
 *  - The Linux CIFS client shows the server's descriptor in
 *    system.cifs_ntsd (owner, group, DACL) and system.cifs_ntsd_full (with
 *    the SACL), and ntfs3 a file's in system.ntfs_security: plain
 *    self-relative descriptors.
 */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>

#include "sddl.h"
#include "walk.h"

#define NTACL_XATTR	"security.NTACL"

static u32 align4(u32 off)
{
	return (off + 3) & ~3u;
}

/* Where the descriptor starts in an xattr_NTACL blob, or 0. */
static u32 ntacl_sd_offset(const u8 *b, size_t len, const char **reason)
{
	u16 version, level;
	u32 off;

	if (len < 8) {
		*reason = "not a Samba NTACL blob (too short)";
		return 0;
	}
	version = get_unaligned_le16(b);
	level = get_unaligned_le16(b + 2);
	if (version < 1 || version > 4 || level != version) {
		*reason = "not a Samba NTACL blob (unknown version)";
		return 0;
	}
	if (!get_unaligned_le32(b + 4)) {
		*reason = "the Samba NTACL blob holds no descriptor";
		return 0;
	}
	switch (version) {
	case 1:
		return 8;
	case 2:
		off = 8 + 4 + 16;
		break;
	case 3:
		off = 8 + 4 + 2 + 64;
		break;
	default:
		off = 8 + 4 + 2 + 64;
		while (off < len && b[off])
			off++;
		off = align4(off + 1) + 8 + 64;	/* NUL, NTTIME, sys_acl_hash */
		break;
	}
	if (version > 1 && !get_unaligned_le32(b + 8)) {
		*reason = "the Samba NTACL blob holds no descriptor";
		return 0;
	}
	off = align4(off);
	if (off + WINSEC_SD_HEADER_SIZE > len) {
		*reason = "the Samba NTACL blob is truncated";
		return 0;
	}
	return off;
}

int import_blob_to_sd(const char *from, const u8 *blob, size_t len, u8 **sd,
		      size_t *sdlen, const char **reason)
{
	static char msg[160];
	struct winsec_sd view;
	const char *why = NULL;
	u8 *out;

	if (!strcmp(from, "cifs") || !strcmp(from, "ntfs3")) {
		out = xmalloc(len ? len : 1);
		memcpy(out, blob, len);
		*sdlen = len;
	} else if (!strcmp(from, "samba")) {
		u32 start = ntacl_sd_offset(blob, len, reason), i, m = ~0u;

		if (!start)
			return -1;
		*sdlen = len - start;
		out = xmalloc(*sdlen);
		memcpy(out, blob + start, *sdlen);
		/* Offsets from the blob's start become offsets from the SD's. */
		for (i = 4; i < WINSEC_SD_HEADER_SIZE; i += 4) {
			u32 o = get_unaligned_le32(out + i);

			if (o && o < m)
				m = o;
		}
		for (i = 4; m != ~0u && m >= start + WINSEC_SD_HEADER_SIZE &&
			    i < WINSEC_SD_HEADER_SIZE; i += 4) {
			u32 o = get_unaligned_le32(out + i);

			if (o)
				put_unaligned_le32(o - start, out + i);
		}
	} else {
		*reason = "--from: unknown source (samba, cifs or ntfs3)";
		return -1;
	}
	if (winsec_sd_parse(out, *sdlen, &view, &why)) {
		snprintf(msg, sizeof(msg), "the imported descriptor is not valid (%s)",
			 why ? why : "refused");
		*reason = msg;
		free(out);
		return -1;
	}
	*sd = out;
	return 0;
}

struct import_ctx {
	const char *from;
	const char *input;
	bool recursive;
	bool verbose;
};

/* Read the source attribute of @path; 0 when absent, else its size. */
static ssize_t read_source(const char *path, const char *from, u8 **out,
			   const char **name)
{
	static const char *const cifs[] = { "system.cifs_ntsd_full",
					    "system.cifs_ntsd" };
	u8 *buf = xmalloc(4 * WINSEC_SD_MAX_SIZE);
	ssize_t n = -1;
	size_t i;

	*out = buf;
	if (!strcmp(from, "samba")) {
		*name = NTACL_XATTR;
		n = getxattr(path, *name, buf, 4 * WINSEC_SD_MAX_SIZE);
	} else if (!strcmp(from, "ntfs3")) {
		*name = "system.ntfs_security";
		n = getxattr(path, *name, buf, 4 * WINSEC_SD_MAX_SIZE);
	} else {
		for (i = 0; i < ARRAY_SIZE(cifs); i++) {
			*name = cifs[i];
			n = getxattr(path, *name, buf, 4 * WINSEC_SD_MAX_SIZE);
			if (n >= 0 || (errno != ENODATA && errno != EOPNOTSUPP &&
				       errno != EPERM && errno != EACCES))
				break;
		}
	}
	if (n < 0 && (errno == ENODATA || errno == EOPNOTSUPP))
		return 0;
	return n < 0 ? -errno : n;
}

static int import_one(const char *path, const struct stat *st, void *arg)
{
	struct import_ctx *c = arg;
	const char *reason = NULL, *name = "";
	struct edsd e;
	size_t len, sdlen;
	ssize_t n;
	u8 *blob, *sd;
	int ret;

	if (c->input) {
		blob = read_file_or_die(c->input, 4 * WINSEC_SD_MAX_SIZE, &len);
		n = len;
		name = c->input;
	} else {
		n = read_source(path, c->from, &blob, &name);
	}
	if (n < 0) {
		path_error(path, "%s: %s", name, strerror(-n));
		free(blob);
		return 1;
	}
	if (!n) {
		free(blob);
		if (c->recursive)
			return 0;
		path_error(path, "no %s attribute to import", name);
		return 1;
	}
	if (import_blob_to_sd(c->from, blob, n, &sd, &sdlen, &reason)) {
		path_error(path, "%s: %s; not imported", name, reason);
		free(blob);
		return 1;
	}
	edsd_load(&e, sd, sdlen, &reason);
	ret = sd_write(path, true, &e);
	if (!ret && c->verbose) {
		char *p = escape_name(path, false);

		printf("imported: %s\n", p);
		free(p);
	}
	edsd_free(&e);
	free(sd);
	free(blob);
	return ret ? 1 : 0;
}

int cmd_import(int argc, char **argv)
{
	static const struct option longopts[] = {
		WALK_LONGOPTS,
		{ "from", required_argument, NULL, 'F' },
		{ "input", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct walk_opts w = { 0 };
	struct import_ctx c = { 0 };
	int ch;

	while ((ch = getopt_or_die(argc, argv, "import", "hi:" WALK_SHORTOPTS, longopts)) != -1) {
		if (walk_option(ch, &w))
			continue;
		if (ch == 'F') {
			c.from = optarg;
		} else if (ch == 'i') {
			c.input = optarg;
		} else {
			printf("usage: winsec import [-RLxv] --from samba|cifs|ntfs3 [--input FILE] PATH...\n"
			       "Write into security.winsec the descriptor another system keeps:\n"
			       "  samba   Samba's security.NTACL (NDR xattr_NTACL, versions 1 to 4;\n"
			       "          the hashes are not checked)\n"
			       "  cifs    the CIFS client's system.cifs_ntsd_full, else system.cifs_ntsd\n"
			       "  ntfs3   ntfs3's system.ntfs_security\n"
			       "The descriptor is validated first; nothing is written when it is\n"
			       "not valid. --input FILE reads the blob from FILE (- for standard\n"
			       "input) instead of the attribute. With -R, objects without the\n"
			       "attribute are passed over.\n");
			return 0;
		}
	}
	if (!c.from)
		die("import: --from samba, cifs or ntfs3 is required");
	if (strcmp(c.from, "samba") && strcmp(c.from, "cifs") && strcmp(c.from, "ntfs3"))
		die("import: --from: unknown source \"%s\" (samba, cifs or ntfs3)", c.from);
	if (optind >= argc)
		die("import: missing PATH (try winsec import --help)");
	if (c.input && (argc - optind > 1 || w.recursive))
		die("import: --input takes one PATH, without -R");
	c.recursive = w.recursive;
	c.verbose = w.verbose;
	return walk_paths(&w, argv + optind, argc - optind, import_one, &c);
}
