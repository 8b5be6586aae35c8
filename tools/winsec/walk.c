// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - reading and writing security.winsec, and walking trees with
 * auto-inheritance propagation
 *
 * A change to a directory's inheritable ACEs reaches what is below it the
 * way SetNamedSecurityInfo() does it on Windows: each object below gets
 * its inherited (ID) ACEs again from its parent's new descriptor (through
 * edsd_reinherit(), that is the shared core's winsec_inherit()), its
 * explicit ACEs are kept, and a protected ACL keeps what it has. The walk
 * goes down a directory only when what its children inherit changed, or
 * everywhere with -R. Symbolic links met below PATH are skipped (-L
 * follows them), mount points are crossed unless -x, and an error on one
 * object is reported with its path and the walk goes on.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "sddl.h"
#include "walk.h"

static u8 xbuf[WINSEC_SD_MAX_SIZE];

ssize_t sd_read(const char *path, bool follow, u8 **out)
{
	ssize_t n;

	*out = NULL;
	n = follow ? getxattr(path, WINSEC_XATTR_NAME, xbuf, sizeof(xbuf)) :
		     lgetxattr(path, WINSEC_XATTR_NAME, xbuf, sizeof(xbuf));
	if (n < 0)
		return errno == ENODATA ? 0 : -errno;
	*out = xmalloc(n ? n : 1);
	memcpy(*out, xbuf, n);
	return n;
}

const char *xattr_error(int err)
{
	if (err == EOPNOTSUPP)
		return "the file system does not support security extended attributes";
	return strerror(err);
}

/* "winsec: PATH: message", the path escaped. */
void path_error(const char *path, const char *fmt, ...)
{
	char *p = escape_name(path, false);
	va_list ap;

	fprintf(stderr, "winsec: %s: ", p);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	free(p);
}

int sd_write(const char *path, bool follow, const struct edsd *e)
{
	size_t len;
	u8 *buf;
	int err;

	if (edsd_empty(e)) {
		err = follow ? removexattr(path, WINSEC_XATTR_NAME) :
			       lremovexattr(path, WINSEC_XATTR_NAME);
		if (err && errno != ENODATA) {
			path_error(path, "%s", xattr_error(errno));
			return -1;
		}
		return 0;
	}
	err = edsd_serialize(e, &buf, &len);
	if (err == -E2BIG) {
		path_error(path, "the descriptor (%zu bytes) is larger than a descriptor may be (%d bytes, and 65,532 bytes for each ACL); not changed",
			   edsd_size(e), WINSEC_SD_MAX_SIZE);
		return -1;
	}
	if (err) {
		path_error(path, "the new descriptor is not valid (error %d); not changed",
			   err);
		return -1;
	}
	err = follow ? setxattr(path, WINSEC_XATTR_NAME, buf, len, 0) :
		       lsetxattr(path, WINSEC_XATTR_NAME, buf, len, 0);
	if (err) {
		int e2 = errno;

		if (e2 == ENOSPC || e2 == E2BIG)
			path_error(path, "the descriptor (%zu bytes) does not fit in this file system's extended attributes (ext4 keeps about one block, usually 4 KiB, for all of a file's attributes unless made with -O ea_inode); not changed: use fewer ACEs (grant a group rather than many users) or a file system with room for larger attributes",
				   len);
		else if (e2 == EPERM || e2 == EACCES)
			path_error(path, "%s (changing a descriptor needs WRITE_DAC, or WRITE_OWNER for the owner and label, or root where winsec is not active)",
				   strerror(e2));
		else
			path_error(path, "%s", xattr_error(e2));
		free(buf);
		return -1;
	}
	free(buf);
	return 0;
}

bool walk_option(int c, struct walk_opts *w)
{
	switch (c) {
	case 'R':
		w->recursive = true;
		return true;
	case 'L':
		w->follow = true;
		return true;
	case 'x':
		w->one_fs = true;
		return true;
	case 'v':
		w->verbose = true;
		return true;
	}
	return false;
}

/* --- the walk ---------------------------------------------------------------- */

struct dirstack {
	dev_t dev;
	ino_t ino;
	struct dirstack *up;
};

struct walker {
	const struct walk_opts *w;
	dev_t topdev;
	int status;
	/* editing */
	struct edit_op *op;
	/* plain walks */
	int (*fn)(const char *path, const struct stat *st, void *ctx);
	void *ctx;
};

static bool on_stack(const struct dirstack *s, const struct stat *st)
{
	for (; s; s = s->up)
		if (s->dev == st->st_dev && s->ino == st->st_ino)
			return true;
	return false;
}

static char *join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = xmalloc(a + b + 2);

	memcpy(p, dir, a);
	if (a && dir[a - 1] != '/')
		p[a++] = '/';
	memcpy(p + a, name, b + 1);
	return p;
}

/* The entries of directory @path, sorted, in a malloc'd array. */
static char **list_dir(const char *path, size_t *count, int *err)
{
	struct dirent **names;
	char **v;
	int n, i;

	n = scandir(path, &names, NULL, alphasort);
	if (n < 0) {
		*err = errno;
		return NULL;
	}
	v = xmalloc((n ? n : 1) * sizeof(*v));
	*count = 0;
	for (i = 0; i < n; i++) {
		const char *d = names[i]->d_name;

		if (strcmp(d, ".") && strcmp(d, ".."))
			v[(*count)++] = xstrdup(d);
		free(names[i]);
	}
	free(names);
	return v;
}

/*
 * Stat an object met in the walk. Returns false when it is to be skipped
 * (a symbolic link without -L, another file system with -x), or on error.
 */
static bool walk_stat(struct walker *k, const char *path, bool top,
		      struct stat *st)
{
	if (lstat(path, st)) {
		k->status = 2;
		if (top && k->fn && k->w->pass_errors)
			k->fn(path, NULL, k->ctx);
		else
			path_error(path, "%s", strerror(errno));
		return false;
	}
	if (S_ISLNK(st->st_mode)) {
		if (!top && !k->w->follow)
			return false;
		if (stat(path, st)) {
			if (!top && errno == ENOENT)
				return false;	/* dangling: nothing to label */
			k->status = 2;
			if (top && k->fn && k->w->pass_errors)
				k->fn(path, NULL, k->ctx);
			else
				path_error(path, "%s", strerror(errno));
			return false;
		}
	}
	if (top)
		k->topdev = st->st_dev;
	else if (k->w->one_fs && st->st_dev != k->topdev)
		return false;
	return true;
}

static void walk_one(struct walker *k, const char *path, bool top,
		     struct dirstack *up)
{
	struct dirstack here;
	struct stat st;
	char **names;
	size_t i, n = 0;
	int err;

	if (!walk_stat(k, path, top, &st))
		return;
	if (k->fn(path, &st, k->ctx))
		k->status = 2;
	if (!k->w->recursive || !S_ISDIR(st.st_mode))
		return;
	if (on_stack(up, &st)) {
		path_error(path, "a symbolic link loop; not followed");
		k->status = 2;
		return;
	}
	names = list_dir(path, &n, &err);
	if (!names) {
		path_error(path, "%s", strerror(err));
		k->status = 2;
		return;
	}
	here = (struct dirstack){ st.st_dev, st.st_ino, up };
	for (i = 0; i < n; i++) {
		char *child = join(path, names[i]);

		walk_one(k, child, false, &here);
		free(child);
		free(names[i]);
	}
	free(names);
}

int walk_paths(const struct walk_opts *w, char **paths, int npaths,
	       int (*fn)(const char *path, const struct stat *st, void *ctx),
	       void *ctx)
{
	struct walker k = { .w = w, .fn = fn, .ctx = ctx };
	int i;

	for (i = 0; i < npaths; i++)
		walk_one(&k, paths[i], true, NULL);
	return k.status;
}

/* --- editing with propagation ---------------------------------------------- */

/* The parent directory of @path, for its descriptor. */
static char *parent_of(const char *path, bool is_dir)
{
	char *copy, *dir;

	if (is_dir)
		return join(path, "..");
	copy = xstrdup(path);
	dir = xstrdup(dirname(copy));
	free(copy);
	return dir;
}

/*
 * Read the parent's descriptor into @view (backed by *@buf); false with a
 * message when it cannot be read or is not valid. *@has is false when the
 * parent has no descriptor.
 */
static bool read_parent(const char *path, bool is_dir, struct winsec_sd *view,
			u8 **buf, bool *has)
{
	char *parent = parent_of(path, is_dir);
	const char *reason = NULL;
	ssize_t n = sd_read(parent, true, buf);

	*has = false;
	if (n < 0 && n != -EOPNOTSUPP) {
		path_error(parent, "%s", xattr_error(-n));
		free(parent);
		return false;
	}
	if (n > 0) {
		if (winsec_sd_parse(*buf, n, view, &reason)) {
			path_error(parent, "the parent's descriptor is not valid (%s)",
				   reason ? reason : "refused");
			free(parent);
			return false;
		}
		*has = true;
	}
	free(parent);
	return true;
}

/* Whether @l holds an inherited ACE. */
static bool has_inherited(const struct ace_list *l)
{
	u32 i;

	for (i = 0; i < l->n; i++)
		if (l->v[i][1] & WINSEC_ACE_INHERITED)
			return true;
	return false;
}

static void edit_one(struct walker *k, const char *path, bool top,
		     const struct winsec_sd *parent, bool parent_passes,
		     struct dirstack *up)
{
	struct edsd old, cur;
	struct dirstack here;
	struct winsec_sd pview, view;
	const char *reason = NULL;
	u8 *oldbuf = NULL, *pbuf = NULL, *newbuf = NULL, *ia, *ib;
	size_t newlen = 0, la, lb, i, n = 0;
	bool changed, descend, follow, has_parent, passes;
	struct stat st;
	char **names;
	ssize_t len;
	int err;

	if (!walk_stat(k, path, top, &st))
		return;
	follow = true;
	len = sd_read(path, follow, &oldbuf);
	if (len < 0) {
		k->status = 2;
		path_error(path, "%s", xattr_error(-len));
		return;
	}
	if (edsd_load(&old, oldbuf, len, &reason)) {
		k->status = 2;
		path_error(path, "the stored descriptor is not valid (%s); not changed",
			   reason);
		free(oldbuf);
		return;
	}
	edsd_copy(&cur, &old);
	if ((top || k->w->recursive) &&
	    k->op->apply(k->op, &cur, path, top, S_ISDIR(st.st_mode))) {
		k->status = 2;
		goto out;
	}
	if (top && k->op->reinherit_top) {
		if (!read_parent(path, S_ISDIR(st.st_mode), &pview, &pbuf,
				 &has_parent)) {
			k->status = 2;
			goto out;
		}
		parent = has_parent ? &pview : NULL;
	}
	/*
	 * What it inherits, again; nothing to do when the parent passes
	 * nothing down and it holds nothing inherited.
	 */
	if ((!top || k->op->reinherit_top) &&
	    (top || parent_passes || has_inherited(&cur.dacl) ||
	     has_inherited(&cur.sacl))) {
		err = edsd_reinherit(&cur, parent, S_ISDIR(st.st_mode),
				     st.st_uid, st.st_gid);
		if (err) {
			k->status = 2;
			path_error(path, "cannot compute what it inherits: %s; not changed",
				   err == -E2BIG ? "the descriptor would be too large" :
				   strerror(-err));
			goto out;
		}
	}
	if (!edsd_empty(&cur) && edsd_serialize(&cur, &newbuf, &newlen) == 0 &&
	    winsec_sd_parse(newbuf, newlen, &view, NULL)) {
		k->status = 2;
		path_error(path, "the new descriptor is not valid; not changed");
		goto out;
	}
	changed = newlen != (size_t)len || (len && memcmp(newbuf, oldbuf, len));
	if (!newbuf && !edsd_empty(&cur))
		changed = true;	/* too large: sd_write() says so */
	if (changed) {
		if (sd_write(path, follow, &cur)) {
			k->status = 2;
			goto out;
		}
		if (k->w->verbose) {
			char *e = escape_name(path, false);

			printf("modified: %s\n", e);
			free(e);
		}
	}
	if (!S_ISDIR(st.st_mode) || (changed && !newbuf && !edsd_empty(&cur)))
		goto out;
	ia = edsd_inheritable(&old, &la);
	ib = edsd_inheritable(&cur, &lb);
	descend = k->w->recursive || la != lb || memcmp(ia, ib, la);
	passes = lb > 2;	/* more than the two separators */
	free(ia);
	free(ib);
	if (!descend)
		goto out;
	if (on_stack(up, &st)) {
		path_error(path, "a symbolic link loop; not followed");
		k->status = 2;
		goto out;
	}
	names = list_dir(path, &n, &err);
	if (!names) {
		path_error(path, "%s", strerror(err));
		k->status = 2;
		goto out;
	}
	here = (struct dirstack){ st.st_dev, st.st_ino, up };
	for (i = 0; i < n; i++) {
		char *child = join(path, names[i]);

		edit_one(k, child, false, newbuf ? &view : NULL, passes, &here);
		free(child);
		free(names[i]);
	}
	free(names);
out:
	edsd_free(&old);
	edsd_free(&cur);
	free(oldbuf);
	free(newbuf);
	free(pbuf);
}

int edit_paths(struct edit_op *op, const struct walk_opts *w, char **paths,
	       int npaths)
{
	struct walker k = { .w = w, .op = op };
	int i;

	for (i = 0; i < npaths; i++)
		edit_one(&k, paths[i], true, NULL, false, NULL);
	return k.status;
}
