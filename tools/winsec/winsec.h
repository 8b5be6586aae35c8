/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - the command-line tool: shared declarations
 *
 * Every subcommand is a function "int cmd_NAME(int argc, char **argv)"
 * declared here and listed, with a one-line help, in the table of winsec.c.
 * argv[0] is the subcommand name. A subcommand returns the process exit
 * status (0 success, 1 "no"/"denied" where it means something, 2 bad input
 * or failure); the helpers below that end in _or_die() print one message
 * "winsec: ..." and exit 2.
 */

#ifndef _TOOLS_WINSEC_WINSEC_H
#define _TOOLS_WINSEC_WINSEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <linux/compiler.h>

#include "access.h"
#include "sid.h"
#include "token.h"

#define WINSEC_VERSION "0.1"

/* Exit status for bad input or any failure. */
#define WINSEC_EXIT_USAGE 2

/* --- subcommands (one line each; keep the table of winsec.c in step) --- */

/* cmd_sd.c: descriptors */
int cmd_encode(int argc, char **argv);
int cmd_decode(int argc, char **argv);
int cmd_get(int argc, char **argv);

/* cmd_edit.c: editing descriptors */
int cmd_set(int argc, char **argv);
int cmd_label(int argc, char **argv);
int cmd_grant(int argc, char **argv);
int cmd_deny(int argc, char **argv);
int cmd_revoke(int argc, char **argv);
int cmd_owner(int argc, char **argv);
int cmd_group(int argc, char **argv);
int cmd_inheritance(int argc, char **argv);
int cmd_reset(int argc, char **argv);

/* cmd_check.c: access check and inheritance */
int cmd_check(int argc, char **argv);
int cmd_inherit(int argc, char **argv);

/* cmd_token.c: tokens */
int cmd_whoami(int argc, char **argv);
int cmd_run(int argc, char **argv);

/* cmd_ipc.c: IPC objects and tasks */
int cmd_ipc(int argc, char **argv);
int cmd_ps(int argc, char **argv);

/*
 * Read the descriptor of SysV object @id of @type ("msg", "sem" or "shm")
 * through securityfs into a malloc'd buffer. Returns its size, 0 when the
 * object is unlabeled, or -errno.
 */
ssize_t ipc_read_sd(const char *type, int id, u8 **out);

/* --- object types and rights as text (rights.c) --- */

enum obj_type { OBJ_FILE, OBJ_DIR, OBJ_IPC, OBJ_TASK };

struct obj_type_info {
	const char *name;
	const struct winsec_generic_mapping *map;
};

/* Indexed by enum obj_type. */
extern const struct obj_type_info obj_types[4];

/* icacls' short rights (F is FILE_ALL_ACCESS, D is DELETE). */
#define ICACLS_MODIFY		0x001301bf
#define ICACLS_READ_EXECUTE	0x001200a9
#define ICACLS_READ		0x00120089
#define ICACLS_WRITE		0x00100116

/* What a RIGHTS argument may hold, for error messages. */
#define RIGHTS_FORMS "F, M, RX, R, W, D, names such as FILE_READ_DATA or DELETE, SDDL letters such as FRFX, or a number such as 0x1200a9, comma-separated"

/*
 * Parse a comma-separated list of rights: icacls short forms, Windows
 * constant names, SDDL letters or numbers. Returns 0, or -1 with the
 * offending element copied into @bad.
 */
int rights_parse(const char *text, u32 *mask, char *bad, size_t badsize);
/* As rights_parse(), dying with a --desired message. */
u32 parse_rights_or_die(const char *text);
/* The names of the bits of @mask for @type, ", "-separated ("nothing"). */
void rights_text(u32 mask, enum obj_type type, char *buf, size_t size);
/* icacls' form: "RX", "(RX,W)", else "(FILE_READ_DATA,DELETE)". */
void rights_short(u32 mask, enum obj_type type, char *buf, size_t size);
/* Call @fn with each right name of @mask for @type (JSON lists). */
void rights_each(u32 mask, enum obj_type type,
		 void (*fn)(const char *name, void *ctx), void *ctx);

/* --- names (lookup.c): never through NSS --- */

/* A user of /etc/passwd by name; its primary group in *@gid if not NULL. */
bool user_by_name(const char *name, u32 *uid, u32 *gid);
/* The name of @uid in /etc/passwd, or NULL. */
const char *user_name(u32 uid);
bool user_primary_gid(u32 uid, u32 *gid);
bool group_by_name(const char *name, u32 *gid);
const char *group_name(u32 gid);
/* The groups of /etc/group that list user @name as a member (malloc'd). */
size_t user_supplementary_groups(const char *name, u32 **gids);
/*
 * A SID as a person reads it: "Unix User\alice", "Unix Group\staff",
 * "Everyone", "BUILTIN\Administrators", "Mandatory Label\Low Mandatory
 * Level", else "S-1-...".
 */
void sid_display_name(const struct winsec_sid *sid, char *buf, size_t size);

#define PRINCIPAL_ANY	0	/* SID, alias, well-known name, user or group */
#define PRINCIPAL_USER	1	/* a user name or uid only */
#define PRINCIPAL_GROUP	2	/* a group name or gid only */
#define PRINCIPAL_NAME_MAX 160

/*
 * Parse a principal: "S-1-...", an SDDL alias (domain-relative ones need
 * @domain), a well-known name ("Everyone", "BUILTIN\Administrators",
 * "Administrators"), "Unix User\NAME", "user:NAME" or "user:UID", "Unix
 * Group\NAME", "group:NAME" or "group:GID", or a bare user name, else
 * group name. @kind PRINCIPAL_USER / PRINCIPAL_GROUP accepts only a user
 * (group) name or number. Returns 0 or -1.
 */
int principal_parse(const char *arg, const char *domain, unsigned int kind,
		    struct winsec_sid_buf *sid);

/* cmd_save.c: save, restore, diff */
int cmd_save(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_diff(int argc, char **argv);

/* --- imports (cmd_import.c) --- */

int cmd_import(int argc, char **argv);

/*
 * The descriptor held by a blob of another system's attribute: @from is
 * "samba" (security.NTACL, NDR xattr_NTACL), "cifs" or "ntfs3" (plain
 * self-relative descriptors). Returns 0 with a malloc'd copy in *@sd, or
 * -1 with a message in *@reason.
 */
int import_blob_to_sd(const char *from, const u8 *blob, size_t len, u8 **sd,
		      size_t *sdlen, const char **reason);

/* --- helpers (util.c) --- */

struct option;

/*
 * getopt_long() with the tool's messages: an unknown option or a missing
 * value dies with "CMD: unknown option ..." / "CMD: --opt needs a value".
 * @shortopts may start with "+" (stop at the first operand). Returns the
 * option, or -1 after the last one (optind is the first operand).
 */
int getopt_or_die(int argc, char **argv, const char *cmd,
		  const char *shortopts, const struct option *longopts);

/* Print "winsec: <message>\n" on stderr and exit with status 2. */
__printf(1, 2) __noreturn void die(const char *fmt, ...);
/* Print "winsec: <message>\n" on stderr (no exit). */
__printf(1, 2) void warnmsg(const char *fmt, ...);

/* malloc/realloc/strdup that die on failure. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/*
 * True when @arg is "-h" or "--help". A subcommand prints its usage on
 * stdout and returns 0 in that case.
 */
bool is_help(const char *arg);

/*
 * Read all of @path ("-" for stdin) into a malloc'd buffer (NUL added past
 * the end, not counted in *@len). At most @max bytes, else die.
 */
uint8_t *read_file_or_die(const char *path, size_t max, size_t *len);

/*
 * Read from @fd up to the end, at most @max bytes, into a malloc'd buffer
 * (NUL added past the end), and close @fd. Returns the length, or -errno
 * with nothing allocated.
 */
ssize_t read_fd_close(int fd, size_t max, uint8_t **out);

/*
 * Decode hexadecimal text (whitespace ignored, optional 0x prefix) into a
 * malloc'd buffer. Dies with a message on odd length or a bad digit.
 */
uint8_t *hex_decode_or_die(const char *text, size_t *len);
/* Print @len bytes of @buf as lowercase hex to stdout, then a newline. */
void hex_print(const uint8_t *buf, size_t len);

/*
 * Parse a SID given on the command line, as principal_parse() with
 * PRINCIPAL_ANY. Writes the binary SID into @out (at least 68 bytes).
 * Returns 0, or -1 with nothing written.
 */

/* SDDL name resolver: users and groups; @ctx is the domain SID or NULL. */
int sddl_resolve_name(const char *name, size_t len,
		      struct winsec_sid_buf *sid, void *ctx);
int sid_from_arg(const char *arg, const char *domain, void *out);
/* As sid_from_arg(), dying with a message naming @what on failure. */
void sid_from_arg_or_die(const char *arg, const char *domain, void *out,
			 const char *what);

/*
 * Write JSON string @s (with quotes and escapes) to stdout. Bytes that are
 * not UTF-8 become U+FFFD, so the output is always valid UTF-8.
 */
void json_string(const char *s);
/* Whether @s is valid UTF-8. */
bool utf8_valid(const char *s);
/*
 * @s with backslash escapes for control characters, DEL, bytes that are
 * not UTF-8 and backslash itself (\n, \t, \\, \xNN), malloc'd; with
 * @space, spaces become \x20 as well.
 */
char *escape_name(const char *s, bool space);
/* The reverse of escape_name(), malloc'd; NULL on a bad escape. */
char *unescape_name(const char *s);

/*
 * Check that standard output was written: flush it and die with a message
 * on a write error (a full disk, a closed pipe).
 */
void stdout_check(void);

/* --- the calling process's winsec attributes (selfattr.c) --- */

/* Attributes of <linux/lsm.h> (Linux 6.8), which older C libraries lack. */
#ifndef LSM_ATTR_CURRENT
#define LSM_ATTR_CURRENT	100
#endif
#ifndef LSM_ATTR_FSCREATE
#define LSM_ATTR_FSCREATE	102
#endif

/*
 * Read winsec's @attr (LSM_ATTR_CURRENT or LSM_ATTR_FSCREATE) of the calling
 * process with lsm_get_self_attr(2), or from /proc/self/attr when the
 * syscall is missing. Returns the length of the value, stored in *@out
 * (malloc'd, a NUL added past the end), and its struct lsm_ctx flags in
 * *@flags when @flags is not NULL (0 from /proc); or -errno.
 */
long self_attr_get(unsigned int attr, uint8_t **out, uint64_t *flags);
/*
 * Set winsec's @attr of the calling process to @len bytes of @value, with
 * struct lsm_ctx flags @flags, through lsm_set_self_attr(2); when the
 * syscall is missing, and only without @flags, through /proc/self/attr.
 * Returns 0 or -errno.
 */
int self_attr_set(unsigned int attr, const void *value, size_t len,
		  uint64_t flags);

/* --- the calling process's token (token.c) --- */

/* A privilege: its name, its description, its WINSEC_PRIV_* bit. */
struct privilege_info {
	const char *name;
	const char *description;
	uint32_t bit;
};

/* The privileges winsec knows, in the order whoami lists them. */
#define NPRIVILEGES 5
extern const struct privilege_info privileges[NPRIVILEGES];

/* The overflow uid, which has no Authenticated Users (65534 by default). */
uint32_t overflow_uid(void);

/*
 * What a token of the calling process is for: the kernel takes the fsuid
 * and fsgid for checks on files, the euid and egid for IPC and tasks.
 */
enum self_use { SELF_FILE, SELF_IPC };

/*
 * struct self_token - the calling process's token, made by
 * winsec_token_init() from @ids: the process's Unix ids (the fs or the
 * effective ones, in the initial user namespace), its sorted supplementary
 * groups (in @groups), its effective capabilities, whether it belongs to
 * the initial user namespace, whether its uid is the overflow uid, and the
 * level winsec reports (@lsm_active), else Medium. A caller that changes
 * @ids (another level) calls winsec_token_init() again.
 */
struct self_token {
	struct winsec_token tok;
	struct winsec_ids ids;
	uint32_t *groups;
	bool lsm_active;
	bool fs;
};

/* Fill @st for @use; self_token_free() releases it. */
void self_token_get(struct self_token *st, enum self_use use);
void self_token_free(struct self_token *st);

#endif /* _TOOLS_WINSEC_WINSEC_H */
