/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - reading and writing security.winsec, and walking trees
 */

#ifndef _TOOLS_WINSEC_WALK_H
#define _TOOLS_WINSEC_WALK_H

#include <sys/stat.h>

#include "sdedit.h"

/*
 * Read the descriptor of @path into a malloc'd buffer (following a
 * symbolic link when @follow). Returns its size, 0 when there is none, or
 * -errno.
 */
ssize_t sd_read(const char *path, bool follow, u8 **out);
/* Print "winsec: PATH: message" on stderr, the path escaped. */
__printf(2, 3) void path_error(const char *path, const char *fmt, ...);
/* A message for an errno of the xattr calls. */
const char *xattr_error(int err);
/*
 * Write @e to @path (remove the attribute when @e is empty). Returns 0, or
 * -1 after printing "winsec: PATH: message".
 */
int sd_write(const char *path, bool follow, const struct edsd *e);

/* Options of every command that walks trees. */
struct walk_opts {
	bool recursive;		/* -R */
	bool follow;		/* -L: follow symbolic links below PATH */
	bool one_fs;		/* -x: stay on PATH's file system */
	bool verbose;		/* -v: print each changed path */
	/*
	 * walk_paths(): a PATH that cannot be stat'ed is passed to the
	 * callback with a NULL stat and errno set, instead of reported.
	 */
	bool pass_errors;
};

/*
 * The long options of struct walk_opts, to be put in a command's table,
 * and their handler: returns true when @c was one of them.
 */
#define WALK_LONGOPTS						\
	{ "recursive", no_argument, NULL, 'R' },		\
	{ "follow-symlinks", no_argument, NULL, 'L' },		\
	{ "one-file-system", no_argument, NULL, 'x' },		\
	{ "verbose", no_argument, NULL, 'v' }
#define WALK_SHORTOPTS "RLxv"
bool walk_option(int c, struct walk_opts *w);

/*
 * struct edit_op - one change, applied to a path (and, with -R, to what is
 * below it)
 * @name: the command, for messages
 * @apply: change @e; @top tells whether this is the PATH given (with -R,
 *	   objects below are passed with @top false). Returns 0, or -1 after
 *	   printing a message (the object is then left unchanged).
 * @reinherit_top: whether PATH's inherited ACEs are recomputed from its
 *	   parent (reset, inheritance enable)
 * @data: the command's state
 */
struct edit_op {
	const char *name;
	int (*apply)(struct edit_op *op, struct edsd *e, const char *path,
		     bool top, bool is_dir);
	bool reinherit_top;
	void *data;
};

/*
 * Apply @op to @path; then, as Windows' SetNamedSecurityInfo does, give
 * the objects below a directory whose inheritable ACEs changed the ACEs
 * they inherit from it (their explicit ACEs kept; a protected ACL stops
 * it). With -R, @op is applied to every object below as well. Errors are
 * printed with their path and the walk goes on. Returns 0, or 2 when
 * anything failed.
 */
int edit_paths(struct edit_op *op, const struct walk_opts *w, char **paths,
	       int npaths);

/*
 * Call @fn for @path and, with -R, every object below it (symbolic links
 * below are skipped unless -L; other file systems skipped with -x). @fn
 * returns 0, or non-zero to record a failure. Returns 0 or 2.
 */
int walk_paths(const struct walk_opts *w, char **paths, int npaths,
	       int (*fn)(const char *path, const struct stat *st, void *ctx),
	       void *ctx);

/* The file type of @st for the access check: file or dir. */
static inline bool stat_is_dir(const struct stat *st)
{
	return S_ISDIR(st->st_mode);
}

#endif /* _TOOLS_WINSEC_WALK_H */
