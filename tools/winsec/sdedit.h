/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - descriptors the tool edits: an editable form of a descriptor,
 * ACEs written as icacls writes them, canonical order, and the descriptor
 * a child gets again from its parent (auto-inheritance)
 */

#ifndef _TOOLS_WINSEC_SDEDIT_H
#define _TOOLS_WINSEC_SDEDIT_H

#include "sd.h"
#include "winsec.h"

/* ACEs as stored, each malloc'd. */
struct ace_list {
	u8 **v;
	u32 n;
	u32 cap;
};

/*
 * struct edsd - a descriptor being edited
 * @control: the control bits (PRESENT bits follow @dacl_present and
 *	     @sacl_present when serialized)
 * @rm_control: the resource-manager byte
 * @has_owner, @has_group: whether @owner / @group are set
 * @dacl_present, @sacl_present: whether each ACL is present
 * @dacl_null, @sacl_null: present but NULL
 */
struct edsd {
	u16 control;
	u8 rm_control;
	bool has_owner, has_group;
	struct winsec_sid_buf owner, group;
	bool dacl_present, dacl_null;
	bool sacl_present, sacl_null;
	struct ace_list dacl, sacl;
};

/* Fill @e from a valid view (NULL: no descriptor at all). */
void edsd_from_view(struct edsd *e, const struct winsec_sd *v);
/* Parse @len bytes (0: no descriptor). Returns 0, or -1 with @reason. */
int edsd_load(struct edsd *e, const u8 *buf, size_t len, const char **reason);
void edsd_free(struct edsd *e);
void edsd_copy(struct edsd *dst, const struct edsd *src);
/* Whether @e holds nothing: no owner, group, DACL or SACL. */
bool edsd_empty(const struct edsd *e);
/*
 * Serialize @e into a malloc'd buffer. Returns 0, -E2BIG when an ACL or
 * the descriptor is larger than the format allows, or -EINVAL.
 */
int edsd_serialize(const struct edsd *e, u8 **out, size_t *len);
/* The size edsd_serialize() would produce (for messages). */
size_t edsd_size(const struct edsd *e);

/* A new ACE (type, flags, mask, SID), malloc'd. */
u8 *ace_make(u8 type, u8 flags, u32 mask, const struct winsec_sid *sid);
u8 *ace_dup(const void *ace);
void acl_insert(struct ace_list *l, u32 pos, u8 *ace);
void acl_remove(struct ace_list *l, u32 pos);

/*
 * Canonical order of a DACL: explicit deny ACEs, explicit allow (and
 * other) ACEs, then inherited ones. Returns true when @l is in that order.
 */
bool acl_is_canonical(const struct ace_list *l);
/* Whether an ACE type denies (D, OD, XD, callback object deny). */
bool ace_type_denies(u8 type);
bool ace_type_allows(u8 type);

/*
 * icacls' ACE syntax: PRINCIPAL:[(OI)(CI)(IO)(NP)]RIGHTS, where RIGHTS is
 * what rights_parse() reads, optionally in parentheses. Returns 0, or -1
 * with a message in @err.
 */
int ace_spec_parse(const char *text, struct winsec_sid_buf *sid, u8 *flags,
		   u32 *mask, char *err, size_t errsize);

/*
 * What a child holds again after its parent changed: its explicit ACEs,
 * kept in place, followed by what it inherits from @parent (a valid view,
 * or NULL when the parent has no descriptor) computed by the shared
 * core's winsec_inherit(). A protected ACL is kept as it is. @uid and @gid
 * stand for the owner and group when @e has none (CREATOR OWNER, CREATOR
 * GROUP). Returns 0 or -errno.
 */
int edsd_reinherit(struct edsd *e, const struct winsec_sd *parent,
		   bool is_dir, u32 uid, u32 gid);

/*
 * The ACEs of @e that children can inherit (OI or CI), as one byte string
 * for comparisons: when two descriptors give the same, their children's
 * inherited ACEs are the same.
 */
u8 *edsd_inheritable(const struct edsd *e, size_t *len);

#endif /* _TOOLS_WINSEC_SDEDIT_H */
