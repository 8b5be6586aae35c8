// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - descriptors of new objects (inheritance)
 *
 * What CreatePrivateObjectSecurity does when a file, directory or IPC
 * object is created (MS-DTYP 2.5.3.4, Microsoft's ACE inheritance rules),
 * with winsec's label rules (Documentation/security/winsec.rst). Part of
 * the shared core:
 * compiled into the kernel and, through the compatibility headers of
 * tools/lib/winsec, into userspace.
 *
 * Decisions where the references are silent (see
 * Documentation/security/winsec.rst):
 *  - a creator descriptor with a NULL DACL gives the object a NULL DACL
 *    (nothing is inherited into it);
 *  - inherited (ID) ACEs of a creator descriptor are dropped, unless the
 *    creator descriptor is protected, in which case they are kept as
 *    explicit ACEs (ID cleared);
 *  - inherit-only ACEs of a creator descriptor keep their generic rights and
 *    CREATOR OWNER / GROUP SIDs, as they only serve further inheritance;
 *  - an effective label ACE above the creator's level is lowered to the
 *    creator's level (an explicit one from the creator descriptor only when
 *    the creator lacks SeRelabelPrivilege); when the inherited ACE is also
 *    inheritable it is split, and the inherit-only copy keeps the parent's
 *    level for the objects created below by other creators, who are capped
 *    in turn;
 *  - the label given to the objects of a creator below Medium is placed
 *    first in the SACL, as the first label ACE is the one that counts;
 *  - AUTO_INHERITED is set on an ACL that received inherited ACEs.
 */

#include <linux/errno.h>
#include <linux/overflow.h>
#include <linux/types.h>
#include <linux/unaligned.h>

#include "inherit.h"

/* Most an ACE can grow when a CREATOR SID is replaced by another SID. */
#define SID_GROWTH	(WINSEC_SID_SIZE(WINSEC_SID_MAX_SUBAUTH) - WINSEC_SID_SIZE(1))
/* Size of a label ACE: header, mask, S-1-16-<rid>. */
#define LABEL_ACE_SIZE	(WINSEC_ACE_HEADER_SIZE + 4 + WINSEC_SID_SIZE(1))

#define ACE_AUDIT_FLAGS	(WINSEC_ACE_SUCCESSFUL_ACCESS | WINSEC_ACE_FAILED_ACCESS)
#define ACE_OICI	(WINSEC_ACE_OBJECT_INHERIT | WINSEC_ACE_CONTAINER_INHERIT)

/* Bytes the ACEs of @acl may need: @copies of each, grown by SID_GROWTH. */
static u32 acl_bound(const struct winsec_acl *acl, u32 copies)
{
	const struct winsec_ace_header *ace;
	unsigned int i;
	u32 total = 0;

	if (!acl)
		return 0;
	winsec_acl_for_each(acl, ace, i) {
		u32 one = get_unaligned_le16(&ace->size) + SID_GROWTH;

		if (check_add_overflow(total, one * copies, &total))
			return ~0u;
	}
	return total;
}

static u32 clamp_acl(u32 bytes)
{
	u32 total;

	if (check_add_overflow(bytes, (u32)WINSEC_ACL_HEADER_SIZE, &total) ||
	    total > WINSEC_ACL_MAX_SIZE)
		return WINSEC_ACL_MAX_SIZE;
	return total;
}

static u32 dacl_bound(const struct winsec_sd *parent,
		      const struct winsec_sd *creator)
{
	u32 a = parent ? acl_bound(parent->dacl, 2) : 0;
	u32 b = creator ? acl_bound(creator->dacl, 1) : 0;

	if (check_add_overflow(a, b, &a))
		a = ~0u;
	return clamp_acl(a);
}

static u32 sacl_bound(const struct winsec_sd *parent,
		      const struct winsec_sd *creator)
{
	u32 a = parent ? acl_bound(parent->sacl, 2) : 0;
	u32 b = creator ? acl_bound(creator->sacl, 1) : 0;

	if (check_add_overflow(a, b, &a) ||
	    check_add_overflow(a, (u32)LABEL_ACE_SIZE, &a))
		a = ~0u;
	return clamp_acl(a);
}

/* winsec_inherit_bound() from the bounds of the two ACLs. */
static u32 bound_of(u32 d, u32 s)
{
	u32 sd = WINSEC_SD_HEADER_SIZE +
		 2 * WINSEC_SID_SIZE(WINSEC_SID_MAX_SUBAUTH) + d + s;

	if (sd > WINSEC_SD_MAX_SIZE)
		sd = WINSEC_SD_MAX_SIZE;
	return sd + d + s;
}

/**
 * winsec_inherit_bound() - buffer size winsec_inherit() needs
 * @parent: the parent's descriptor, or NULL
 * @creator: the creator descriptor, or NULL
 *
 * The worst case: every parent ACE may become two ACEs and every ACE may
 * grow by a SID substitution; room for the largest owner and group SIDs
 * and a label ACE; plus room to build both ACLs before they are
 * serialized. Each ACL is limited to %WINSEC_ACL_MAX_SIZE and the
 * descriptor to %WINSEC_SD_MAX_SIZE (a larger result could not be stored),
 * so the bound never exceeds %WINSEC_SD_MAX_SIZE plus twice
 * %WINSEC_ACL_MAX_SIZE.
 *
 * Return: the size in bytes.
 */
u32 winsec_inherit_bound(const struct winsec_sd *parent,
			 const struct winsec_sd *creator)
{
	return bound_of(dacl_bound(parent, creator),
			sacl_bound(parent, creator));
}

/*
 * Flags of the ACE a child gets from a parent ACE with @flags, following
 * the CI/OI/NP table of Microsoft's ACE inheritance rules. Return: false
 * when the child gets nothing; *@effective tells whether the child's ACE
 * applies to the child itself.
 */
static bool child_flags(u8 flags, bool is_dir, u8 *out, bool *effective)
{
	u8 audit = flags & ACE_AUDIT_FLAGS;

	if (!is_dir) {
		if (!(flags & WINSEC_ACE_OBJECT_INHERIT))
			return false;
		*effective = true;
		*out = WINSEC_ACE_INHERITED | audit;
		return true;
	}
	if (flags & WINSEC_ACE_CONTAINER_INHERIT) {
		*effective = true;
		*out = WINSEC_ACE_INHERITED | audit;
		if (!(flags & WINSEC_ACE_NO_PROPAGATE_INHERIT))
			*out |= flags & ACE_OICI;
		return true;
	}
	if ((flags & WINSEC_ACE_OBJECT_INHERIT) &&
	    !(flags & WINSEC_ACE_NO_PROPAGATE_INHERIT)) {
		*effective = false;
		*out = WINSEC_ACE_INHERITED | WINSEC_ACE_INHERIT_ONLY |
		       WINSEC_ACE_OBJECT_INHERIT | audit;
		return true;
	}
	return false;
}

/* The state of one winsec_inherit() call. */
struct inherit_ctx {
	const struct winsec_token *tok;
	const struct winsec_generic_mapping *map;
	const struct winsec_sid *owner;
	const struct winsec_sid *group;
	struct winsec_sid_buf level_sid;	/* S-1-16-<creator level> */
	bool is_dir;
	u32 inherited;				/* ACEs taken from the parent */
};

static bool is_creator_sid(const struct winsec_sid *sid)
{
	return winsec_sid_equal(sid, winsec_sid_of(&winsec_sid_creator_owner)) ||
	       winsec_sid_equal(sid, winsec_sid_of(&winsec_sid_creator_group));
}

/* Whether an ACE carries something to resolve when it becomes effective. */
static bool needs_resolving(const struct inherit_ctx *c,
			    const struct winsec_ace *ace)
{
	if (ace->type == WINSEC_ACE_SYSTEM_MANDATORY_LABEL) {
		u32 rid;

		return winsec_sid_get_level(ace->sid, &rid) &&
		       rid > c->tok->level;
	}
	return (ace->mask & WINSEC_GENERIC_MASK) || is_creator_sid(ace->sid);
}

/*
 * Make an ACE effective for the new object: generic rights mapped,
 * CREATOR OWNER / GROUP replaced by the owner / group, and a label lowered
 * to the creator's level when @cap_label.
 */
static void resolve(const struct inherit_ctx *c, struct winsec_ace *ace,
		    bool cap_label)
{
	if (ace->type == WINSEC_ACE_SYSTEM_MANDATORY_LABEL) {
		u32 rid;

		if (cap_label && winsec_sid_get_level(ace->sid, &rid) &&
		    rid > c->tok->level)
			ace->sid = winsec_sid_of(&c->level_sid);
		return;
	}
	ace->mask = winsec_map_generic(ace->mask, c->map);
	if (winsec_sid_equal(ace->sid, winsec_sid_of(&winsec_sid_creator_owner)))
		ace->sid = c->owner;
	else if (winsec_sid_equal(ace->sid,
				  winsec_sid_of(&winsec_sid_creator_group)))
		ace->sid = c->group;
}

/* Append what the new object inherits from the parent ACL @acl. */
static void inherit_from(struct inherit_ctx *c, struct winsec_acl_builder *b,
			 const struct winsec_acl *acl)
{
	const struct winsec_ace_header *hdr;
	unsigned int i;

	if (!acl)
		return;
	winsec_acl_for_each(acl, hdr, i) {
		struct winsec_ace ace, eff;
		bool effective;
		u8 flags;

		winsec_ace_decode(hdr, &ace);
		if (!child_flags(ace.flags, c->is_dir, &flags, &effective))
			continue;
		c->inherited++;
		if (!effective) {
			ace.flags = flags;
			winsec_acl_build_add_ace(b, &ace);
			continue;
		}
		eff = ace;
		resolve(c, &eff, true);
		if ((flags & ACE_OICI) && needs_resolving(c, &ace)) {
			/* Split: effective ACE, then inherit-only original. */
			eff.flags = flags & ~ACE_OICI;
			winsec_acl_build_add_ace(b, &eff);
			ace.flags = flags | WINSEC_ACE_INHERIT_ONLY;
			winsec_acl_build_add_ace(b, &ace);
			c->inherited++;
			continue;
		}
		eff.flags = flags;
		winsec_acl_build_add_ace(b, &eff);
	}
}

/* Append the explicit ACEs of the creator's ACL @acl. */
static void add_explicit(const struct inherit_ctx *c,
			 struct winsec_acl_builder *b,
			 const struct winsec_acl *acl, bool protected)
{
	const struct winsec_ace_header *hdr;
	unsigned int i;
	bool cap = !(c->tok->privileges & WINSEC_PRIV_RELABEL);

	if (!acl)
		return;
	winsec_acl_for_each(acl, hdr, i) {
		struct winsec_ace ace;

		winsec_ace_decode(hdr, &ace);
		if (ace.flags & WINSEC_ACE_INHERITED) {
			if (!protected)
				continue;
			ace.flags &= ~WINSEC_ACE_INHERITED;
		}
		if (!(ace.flags & WINSEC_ACE_INHERIT_ONLY))
			resolve(c, &ace, cap);
		winsec_acl_build_add_ace(b, &ace);
	}
}

/*
 * Whether the first label ACE of the new object's SACL (the one that
 * counts) will be effective: the creator descriptor's explicit ACEs come
 * first, then the inherited ones, an effective copy before its
 * inherit-only twin.
 */
static bool gets_label(const struct inherit_ctx *c,
		       const struct winsec_sd *parent,
		       const struct winsec_sd *creator)
{
	const struct winsec_ace_header *hdr;
	bool protected = false;
	unsigned int i;

	if (creator && creator->sacl) {
		protected = creator->control & WINSEC_SE_SACL_PROTECTED;
		winsec_acl_for_each(creator->sacl, hdr, i) {
			if (hdr->type != WINSEC_ACE_SYSTEM_MANDATORY_LABEL)
				continue;
			if ((hdr->flags & WINSEC_ACE_INHERITED) && !protected)
				continue;
			return !(hdr->flags & WINSEC_ACE_INHERIT_ONLY);
		}
	}
	if (protected || !parent || !parent->sacl)
		return false;
	winsec_acl_for_each(parent->sacl, hdr, i) {
		bool effective;
		u8 flags;

		if (hdr->type == WINSEC_ACE_SYSTEM_MANDATORY_LABEL &&
		    child_flags(hdr->flags, c->is_dir, &flags, &effective))
			return effective;
	}
	return false;
}

/* Whether any ACE of @acl would be inherited by the new object. */
static bool has_inheritable(const struct winsec_acl *acl, bool is_dir)
{
	const struct winsec_ace_header *hdr;
	unsigned int i;

	if (!acl)
		return false;
	winsec_acl_for_each(acl, hdr, i) {
		bool effective;
		u8 flags;

		if (child_flags(hdr->flags, is_dir, &flags, &effective))
			return true;
	}
	return false;
}

/**
 * winsec_inherit_needed() - whether a new object gets a descriptor
 * @parent: as for winsec_inherit()
 * @creator: as for winsec_inherit()
 * @level: the creator's integrity level
 * @is_dir: whether the new object is a directory
 *
 * Return: false when winsec_inherit() would write nothing: nothing is
 * inherited, there is no creator descriptor and @level is Medium or above.
 */
bool winsec_inherit_needed(const struct winsec_sd *parent,
			   const struct winsec_sd *creator, u32 level,
			   bool is_dir)
{
	return creator || level < WINSEC_LEVEL_MEDIUM ||
	       (parent && (has_inheritable(parent->dacl, is_dir) ||
			   has_inheritable(parent->sacl, is_dir)));
}

/* The new object's owner and group. Return: 0, or -EINVAL. */
static int set_owners(struct inherit_ctx *c, const struct winsec_sd *creator,
		      struct winsec_sid_buf *user, struct winsec_sid_buf *group)
{
	const struct winsec_token *tok = c->tok;

	if (tok->flags & WINSEC_TOKEN_UNIX) {
		winsec_sid_unix_user(user, tok->uid);
		winsec_sid_unix_group(group, tok->gid);
		c->owner = winsec_sid_of(user);
		c->group = winsec_sid_of(group);
	} else {
		c->owner = tok->nsids > 0 ? tok->sids[0] : NULL;
		c->group = tok->nsids > 1 ? tok->sids[1] : c->owner;
	}
	if (creator && creator->owner)
		c->owner = creator->owner;
	if (creator && creator->group)
		c->group = creator->group;
	return c->owner && c->group ? 0 : -EINVAL;
}

/* The new object's DACL, built in @dbuf. Return: 0 or a negative errno. */
static int build_dacl(struct inherit_ctx *c, const struct winsec_sd *parent,
		      const struct winsec_sd *creator, u8 *dbuf, u32 dsize,
		      struct winsec_sd *out)
{
	bool has = creator && winsec_sd_has_dacl(creator);
	bool prot = has && (creator->control & WINSEC_SE_DACL_PROTECTED);
	struct winsec_acl_builder b;
	int err;

	if (prot)
		out->control |= WINSEC_SE_DACL_PROTECTED;
	if (has && !creator->dacl) {
		out->control |= WINSEC_SE_DACL_PRESENT;
		return 0;
	}
	winsec_acl_build_init(&b, dbuf, dsize);
	if (creator)
		add_explicit(c, &b, creator->dacl, prot);
	c->inherited = 0;
	if (!prot && parent)
		inherit_from(c, &b, parent->dacl);
	if (!b.count && !has)
		return 0;
	err = winsec_acl_build_complete(&b, &out->dacl);
	if (err)
		return err;
	out->control |= WINSEC_SE_DACL_PRESENT;
	if (c->inherited)
		out->control |= WINSEC_SE_DACL_AUTO_INHERITED;
	return 0;
}

/*
 * The new object's SACL, built in @sbuf, with the label first when the
 * creator must label. Return: 0 or a negative errno.
 */
static int build_sacl(struct inherit_ctx *c, const struct winsec_sd *parent,
		      const struct winsec_sd *creator, u8 *sbuf, u32 ssize,
		      struct winsec_sd *out)
{
	bool has = creator && winsec_sd_has_sacl(creator);
	bool prot = has && (creator->control & WINSEC_SE_SACL_PROTECTED);
	struct winsec_acl_builder b;
	int err;

	if (prot)
		out->control |= WINSEC_SE_SACL_PROTECTED;
	winsec_acl_build_init(&b, sbuf, ssize);
	if (c->tok->level < WINSEC_LEVEL_MEDIUM &&
	    !gets_label(c, parent, creator))
		winsec_acl_build_add(&b, WINSEC_ACE_SYSTEM_MANDATORY_LABEL, 0,
				     WINSEC_LABEL_NO_WRITE_UP,
				     winsec_sid_of(&c->level_sid));
	if (creator)
		add_explicit(c, &b, creator->sacl, prot);
	c->inherited = 0;
	if (!prot && parent)
		inherit_from(c, &b, parent->sacl);
	if (!b.count && !has)
		return 0;
	err = winsec_acl_build_complete(&b, &out->sacl);
	if (err)
		return err;
	out->control |= WINSEC_SE_SACL_PRESENT;
	if (c->inherited)
		out->control |= WINSEC_SE_SACL_AUTO_INHERITED;
	return 0;
}

/**
 * winsec_inherit() - the descriptor of a new object
 * @parent: the parent directory's descriptor (a valid view), or NULL
 * @creator: the creator descriptor (LSM_ATTR_FSCREATE), or NULL
 * @tok: the creating task's token
 * @is_dir: whether the new object is a directory (a container)
 * @map: the new object's generic mapping
 * @buf: destination, at least winsec_inherit_bound() bytes
 * @size: size of @buf
 * @len: set to the size of the descriptor written, 0 if there is none
 * @view: if not NULL, set to the validated view of the descriptor written
 *	  (pointers into @buf) when *@len is not 0
 *
 * Owner and group: the creator descriptor's, else the token's user and
 * primary group. Each ACL: the creator descriptor's explicit ACEs (generic
 * rights mapped and CREATOR SIDs replaced, unless inherit-only), followed,
 * unless the creator's ACL is protected, by what the parent's ACEs give by
 * the CI/OI/NP table, marked INHERITED, effective ones resolved the same
 * way, and those both effective and inheritable that carry generic rights
 * or CREATOR SIDs split into an effective ACE and an inherit-only copy.
 * Label: an effective label is never above the creator's level; a creator
 * below Medium without one labels the object at its own level (NW).
 * When winsec_inherit_needed() says so, nothing needs storing: 0 is
 * returned with *@len set to 0 and the object stays unlabeled. The result is checked by
 * winsec_sd_parse() before it is returned (its ACLs are built without a
 * check of their own, so every ACE is validated once); that parse is the
 * view given in @view. No allocation.
 *
 * Return: 0, -ENOSPC if @buf is smaller than the bound, -E2BIG if the
 * descriptor would be too large, -EINVAL if the token has no user.
 */
int winsec_inherit(const struct winsec_sd *parent,
		   const struct winsec_sd *creator,
		   const struct winsec_token *tok, bool is_dir,
		   const struct winsec_generic_mapping *map,
		   void *buf, u32 size, u32 *len, struct winsec_sd *view)
{
	struct winsec_sid_buf user, group;
	struct inherit_ctx c = {
		.tok = tok,
		.map = map,
		.is_dir = is_dir,
	};
	struct winsec_sd out = { 0 };
	struct winsec_sd check;
	u32 dsize = dacl_bound(parent, creator);
	u32 ssize = sacl_bound(parent, creator);
	u8 *dbuf, *sbuf;
	int err;

	*len = 0;
	if (size < bound_of(dsize, ssize))
		return -ENOSPC;
	sbuf = (u8 *)buf + size - ssize;
	dbuf = sbuf - dsize;

	if (!winsec_inherit_needed(parent, creator, tok->level, is_dir))
		return 0;

	err = set_owners(&c, creator, &user, &group);
	if (err)
		return err;
	out.owner = c.owner;
	out.group = c.group;
	winsec_sid_level(&c.level_sid, tok->level);
	err = build_dacl(&c, parent, creator, dbuf, dsize, &out);
	if (!err)
		err = build_sacl(&c, parent, creator, sbuf, ssize, &out);
	if (err)
		return err;

	err = winsec_sd_serialize(&out, buf, size - dsize - ssize, len);
	if (err) {
		*len = 0;
		return err == -ENOSPC ? -E2BIG : err;
	}
	if (winsec_sd_parse(buf, *len, view ? view : &check, NULL)) {
		*len = 0;
		return -EINVAL;
	}
	return 0;
}
