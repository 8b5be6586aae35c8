// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - descriptors the tool edits (see sdedit.h)
 *
 * The inherited ACEs of a child are never computed here: edsd_reinherit()
 * asks the shared core's winsec_inherit() (security/winsec/inherit.c, the
 * code the kernel runs when a file is created) what the child would get
 * from its parent, and only splices the result behind the child's own
 * explicit ACEs, which Windows' auto-inheritance keeps untouched.
 */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "inherit.h"
#include "sddl.h"
#include "sdedit.h"

static u16 ace_size(const void *ace)
{
	return get_unaligned_le16(&((const struct winsec_ace_header *)ace)->size);
}

u8 *ace_dup(const void *ace)
{
	u16 n = ace_size(ace);
	u8 *p = xmalloc(n);

	memcpy(p, ace, n);
	return p;
}

u8 *ace_make(u8 type, u8 flags, u32 mask, const struct winsec_sid *sid)
{
	u32 sidlen = winsec_sid_size(sid);
	u16 size = WINSEC_ACE_HEADER_SIZE + 4 + sidlen;
	u8 *p = xmalloc(size);
	struct winsec_ace_header *h = (void *)p;

	h->type = type;
	h->flags = flags;
	put_unaligned_le16(size, &h->size);
	put_unaligned_le32(mask, p + WINSEC_ACE_HEADER_SIZE);
	memcpy(p + WINSEC_ACE_HEADER_SIZE + 4, sid, sidlen);
	return p;
}

void acl_insert(struct ace_list *l, u32 pos, u8 *ace)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	memmove(l->v + pos + 1, l->v + pos, (l->n - pos) * sizeof(*l->v));
	l->v[pos] = ace;
	l->n++;
}

void acl_remove(struct ace_list *l, u32 pos)
{
	free(l->v[pos]);
	memmove(l->v + pos, l->v + pos + 1, (l->n - pos - 1) * sizeof(*l->v));
	l->n--;
}

static void acl_clear(struct ace_list *l)
{
	while (l->n)
		free(l->v[--l->n]);
	free(l->v);
	l->v = NULL;
	l->cap = 0;
}

static void acl_load(struct ace_list *l, const struct winsec_acl *acl)
{
	const struct winsec_ace_header *ace;
	unsigned int i;

	if (!acl)
		return;
	winsec_acl_for_each(acl, ace, i)
		acl_insert(l, l->n, ace_dup(ace));
}

void edsd_from_view(struct edsd *e, const struct winsec_sd *v)
{
	memset(e, 0, sizeof(*e));
	if (!v)
		return;
	e->control = v->control & ~(WINSEC_SE_DACL_PRESENT |
				    WINSEC_SE_SACL_PRESENT);
	e->rm_control = v->rm_control;
	if (v->owner) {
		e->has_owner = true;
		memcpy(&e->owner, v->owner, winsec_sid_size(v->owner));
	}
	if (v->group) {
		e->has_group = true;
		memcpy(&e->group, v->group, winsec_sid_size(v->group));
	}
	e->dacl_present = winsec_sd_has_dacl(v);
	e->dacl_null = e->dacl_present && !v->dacl;
	e->sacl_present = winsec_sd_has_sacl(v);
	e->sacl_null = e->sacl_present && !v->sacl;
	acl_load(&e->dacl, v->dacl);
	acl_load(&e->sacl, v->sacl);
}

int edsd_load(struct edsd *e, const u8 *buf, size_t len, const char **reason)
{
	struct winsec_sd v;

	if (!len) {
		edsd_from_view(e, NULL);
		return 0;
	}
	*reason = NULL;
	if (winsec_sd_parse(buf, len, &v, reason)) {
		if (!*reason)
			*reason = "invalid security descriptor";
		memset(e, 0, sizeof(*e));
		return -1;
	}
	edsd_from_view(e, &v);
	return 0;
}

void edsd_free(struct edsd *e)
{
	acl_clear(&e->dacl);
	acl_clear(&e->sacl);
}

static void acl_copy(struct ace_list *dst, const struct ace_list *src)
{
	u32 i;

	memset(dst, 0, sizeof(*dst));
	for (i = 0; i < src->n; i++)
		acl_insert(dst, i, ace_dup(src->v[i]));
}

void edsd_copy(struct edsd *dst, const struct edsd *src)
{
	*dst = *src;
	acl_copy(&dst->dacl, &src->dacl);
	acl_copy(&dst->sacl, &src->sacl);
}

bool edsd_empty(const struct edsd *e)
{
	return !e->has_owner && !e->has_group && !e->dacl_present &&
	       !e->sacl_present;
}

static size_t acl_bytes(const struct ace_list *l)
{
	size_t n = WINSEC_ACL_HEADER_SIZE;
	u32 i;

	for (i = 0; i < l->n; i++)
		n += ace_size(l->v[i]);
	return n;
}

size_t edsd_size(const struct edsd *e)
{
	size_t n = WINSEC_SD_HEADER_SIZE;

	if (e->has_owner)
		n += winsec_sid_size(winsec_sid_of(&e->owner));
	if (e->has_group)
		n += winsec_sid_size(winsec_sid_of(&e->group));
	if (e->dacl_present && !e->dacl_null)
		n += acl_bytes(&e->dacl);
	if (e->sacl_present && !e->sacl_null)
		n += acl_bytes(&e->sacl);
	return n;
}

static int acl_build(const struct ace_list *l, bool sacl, u8 *buf,
		     const struct winsec_acl **out)
{
	struct winsec_acl_builder b;
	u32 i;

	if (acl_bytes(l) > WINSEC_ACL_MAX_SIZE)
		return -E2BIG;
	winsec_acl_build_init(&b, buf, WINSEC_ACL_MAX_SIZE);
	for (i = 0; i < l->n; i++)
		winsec_acl_build_add_raw(&b, (const void *)l->v[i]);
	return winsec_acl_build_finish(&b, sacl, out);
}

int edsd_serialize(const struct edsd *e, u8 **out, size_t *len)
{
	struct winsec_sd v = { 0 };
	u8 *dbuf = NULL, *sbuf = NULL, *buf;
	u32 size, n;
	int err = 0;

	*out = NULL;
	*len = 0;
	if (edsd_size(e) > WINSEC_SD_MAX_SIZE)
		return -E2BIG;
	v.control = e->control & ~(WINSEC_SE_DACL_PRESENT | WINSEC_SE_SACL_PRESENT);
	v.rm_control = e->rm_control;
	if (e->has_owner)
		v.owner = winsec_sid_of(&e->owner);
	if (e->has_group)
		v.group = winsec_sid_of(&e->group);
	if (e->dacl_present) {
		v.control |= WINSEC_SE_DACL_PRESENT;
		if (!e->dacl_null) {
			dbuf = xmalloc(WINSEC_ACL_MAX_SIZE);
			err = acl_build(&e->dacl, false, dbuf, &v.dacl);
		}
	} else {
		v.control &= ~(WINSEC_SE_DACL_PROTECTED | WINSEC_SE_DACL_AUTO_INHERITED |
			       WINSEC_SE_DACL_AUTO_INHERIT_REQ | WINSEC_SE_DACL_DEFAULTED);
	}
	if (!err && e->sacl_present) {
		v.control |= WINSEC_SE_SACL_PRESENT;
		if (!e->sacl_null) {
			sbuf = xmalloc(WINSEC_ACL_MAX_SIZE);
			err = acl_build(&e->sacl, true, sbuf, &v.sacl);
		}
	} else if (!err) {
		v.control &= ~(WINSEC_SE_SACL_PROTECTED | WINSEC_SE_SACL_AUTO_INHERITED |
			       WINSEC_SE_SACL_AUTO_INHERIT_REQ | WINSEC_SE_SACL_DEFAULTED);
	}
	if (!err) {
		size = winsec_sd_serialized_size(&v);
		buf = xmalloc(size);
		err = winsec_sd_serialize(&v, buf, size, &n);
		if (err) {
			free(buf);
		} else {
			*out = buf;
			*len = n;
		}
	}
	free(dbuf);
	free(sbuf);
	if (err == -ENOSPC)
		err = -E2BIG;
	return err;
}

bool ace_type_denies(u8 type)
{
	return type == WINSEC_ACE_ACCESS_DENIED ||
	       type == WINSEC_ACE_ACCESS_DENIED_OBJECT ||
	       type == WINSEC_ACE_ACCESS_DENIED_CALLBACK ||
	       type == WINSEC_ACE_ACCESS_DENIED_CALLBACK_OBJECT;
}

bool ace_type_allows(u8 type)
{
	return type == WINSEC_ACE_ACCESS_ALLOWED ||
	       type == WINSEC_ACE_ACCESS_ALLOWED_OBJECT ||
	       type == WINSEC_ACE_ACCESS_ALLOWED_CALLBACK ||
	       type == WINSEC_ACE_ACCESS_ALLOWED_CALLBACK_OBJECT ||
	       type == WINSEC_ACE_ACCESS_ALLOWED_COMPOUND;
}

/* 0 explicit deny, 1 other explicit, 2 inherited. */
static int ace_class(const u8 *ace)
{
	const struct winsec_ace_header *h = (const void *)ace;

	if (h->flags & WINSEC_ACE_INHERITED)
		return 2;
	return ace_type_denies(h->type) ? 0 : 1;
}

bool acl_is_canonical(const struct ace_list *l)
{
	u32 i;

	for (i = 1; i < l->n; i++)
		if (ace_class(l->v[i]) < ace_class(l->v[i - 1]))
			return false;
	return true;
}

/* --- icacls' ACE syntax ---------------------------------------------------- */

static const struct {
	const char *name;
	u8 flag;
} icacls_flags[] = {
	{ "OI", WINSEC_ACE_OBJECT_INHERIT },
	{ "CI", WINSEC_ACE_CONTAINER_INHERIT },
	{ "IO", WINSEC_ACE_INHERIT_ONLY },
	{ "NP", WINSEC_ACE_NO_PROPAGATE_INHERIT },
};

int ace_spec_parse(const char *text, struct winsec_sid_buf *sid, u8 *flags,
		   u32 *mask, char *err, size_t errsize)
{
	const char *colon = strrchr(text, ':'), *p;
	char *who, bad[64], rights[256];
	size_t n = 0;
	bool got = false;
	int ret;

	*flags = 0;
	*mask = 0;
	if (!colon || colon == text) {
		snprintf(err, errsize,
			 "\"%s\" is not PRINCIPAL:[(OI)(CI)(IO)(NP)]RIGHTS", text);
		return -1;
	}
	who = strndup(text, colon - text);
	if (!who)
		die("out of memory");
	ret = principal_parse(who, NULL, PRINCIPAL_ANY, sid);
	if (ret) {
		snprintf(err, errsize,
			 "unknown principal \"%s\" (a user, a group, a SID, an SDDL alias or a name such as Everyone)",
			 who);
		free(who);
		return -1;
	}
	free(who);
	rights[0] = '\0';
	for (p = colon + 1; *p; ) {
		const char *end;
		size_t len, i;
		bool is_flag = false;

		if (*p != '(') {
			len = strlen(p);
			end = p + len;
		} else {
			end = strchr(p, ')');
			if (!end) {
				snprintf(err, errsize, "\"%s\": missing \")\"", text);
				return -1;
			}
			p++;
			len = end - p;
			end++;
		}
		for (i = 0; i < ARRAY_SIZE(icacls_flags); i++)
			if (len == 2 && !strncasecmp(p, icacls_flags[i].name, 2)) {
				*flags |= icacls_flags[i].flag;
				is_flag = true;
			}
		if (!is_flag) {
			if (n + len + 2 > sizeof(rights)) {
				snprintf(err, errsize, "\"%s\": too long", text);
				return -1;
			}
			if (n)
				rights[n++] = ',';
			memcpy(rights + n, p, len);
			n += len;
			rights[n] = '\0';
			got = true;
		}
		p = end;
	}
	if (!got) {
		snprintf(err, errsize, "\"%s\": no rights after the principal (%s)",
			 text, RIGHTS_FORMS);
		return -1;
	}
	if (rights_parse(rights, mask, bad, sizeof(bad))) {
		snprintf(err, errsize, "\"%s\": unknown right \"%s\" (%s)", text,
			 bad, RIGHTS_FORMS);
		return -1;
	}
	if (!*mask) {
		snprintf(err, errsize, "\"%s\": the rights are empty", text);
		return -1;
	}
	if ((*flags & WINSEC_ACE_INHERIT_ONLY) &&
	    !(*flags & (WINSEC_ACE_OBJECT_INHERIT | WINSEC_ACE_CONTAINER_INHERIT))) {
		snprintf(err, errsize, "\"%s\": (IO) needs (OI) or (CI)", text);
		return -1;
	}
	return 0;
}

/* --- auto-inheritance -------------------------------------------------------- */

static void acl_take_inherited(struct ace_list *dst, const struct winsec_acl *acl)
{
	const struct winsec_ace_header *ace;
	unsigned int i;

	if (!acl)
		return;
	winsec_acl_for_each(acl, ace, i)
		if (ace->flags & WINSEC_ACE_INHERITED)
			acl_insert(dst, dst->n, ace_dup(ace));
}

static void acl_drop_inherited(struct ace_list *l)
{
	u32 i;

	for (i = 0; i < l->n; )
		if (((struct winsec_ace_header *)l->v[i])->flags & WINSEC_ACE_INHERITED)
			acl_remove(l, i);
		else
			i++;
}

int edsd_reinherit(struct edsd *e, const struct winsec_sd *parent,
		   bool is_dir, u32 uid, u32 gid)
{
	static const u8 empty_acl[WINSEC_ACL_HEADER_SIZE] = {
		WINSEC_ACL_REVISION, 0, WINSEC_ACL_HEADER_SIZE, 0, 0, 0, 0, 0
	};
	struct winsec_token tok = {
		.flags = WINSEC_TOKEN_UNIX | WINSEC_TOKEN_EVERYONE |
			 WINSEC_TOKEN_USERS | WINSEC_TOKEN_AUTHENTICATED,
		.uid = uid,
		.gid = gid,
		/* Nothing is capped: the levels are the parent's. */
		.level = WINSEC_LEVEL_SYSTEM,
		.policy = WINSEC_POLICY_NO_WRITE_UP,
		.privileges = WINSEC_PRIV_ALL,
	};
	struct winsec_sd creator = {
		.control = WINSEC_SE_SELF_RELATIVE | WINSEC_SE_DACL_PRESENT |
			   WINSEC_SE_SACL_PRESENT,
		.dacl = (const void *)empty_acl,
		.sacl = (const void *)empty_acl,
	};
	struct winsec_sd out;
	bool dprot = e->control & WINSEC_SE_DACL_PROTECTED;
	bool sprot = e->control & WINSEC_SE_SACL_PROTECTED;
	u32 bound, len, had;
	u8 *buf;
	int err;

	if (e->has_owner)
		creator.owner = winsec_sid_of(&e->owner);
	if (e->has_group)
		creator.group = winsec_sid_of(&e->group);
	bound = winsec_inherit_bound(parent, &creator);
	buf = xmalloc(bound);
	err = winsec_inherit(parent, &creator, &tok, is_dir,
			     is_dir ? &winsec_dir_mapping : &winsec_file_mapping,
			     buf, bound, &len, NULL);
	if (!err && winsec_sd_parse(buf, len, &out, NULL))
		err = -EINVAL;
	if (err) {
		free(buf);
		return err;
	}
	if (!dprot && !e->dacl_null) {
		had = e->dacl.n;
		acl_drop_inherited(&e->dacl);
		had -= e->dacl.n;
		acl_take_inherited(&e->dacl, out.dacl);
		e->control &= ~WINSEC_SE_DACL_AUTO_INHERITED;
		e->control |= out.control & WINSEC_SE_DACL_AUTO_INHERITED;
		if (e->dacl.n)
			e->dacl_present = true;
		/* Only inherited ACEs, and none left: as if never inherited. */
		else if (had)
			e->dacl_present = false;
	}
	if (!sprot && !e->sacl_null) {
		had = e->sacl.n;
		acl_drop_inherited(&e->sacl);
		had -= e->sacl.n;
		acl_take_inherited(&e->sacl, out.sacl);
		e->control &= ~WINSEC_SE_SACL_AUTO_INHERITED;
		e->control |= out.control & WINSEC_SE_SACL_AUTO_INHERITED;
		if (e->sacl.n)
			e->sacl_present = true;
		else if (had)
			e->sacl_present = false;
	}
	free(buf);
	return 0;
}

u8 *edsd_inheritable(const struct edsd *e, size_t *len)
{
	const struct ace_list *lists[2] = { &e->dacl, &e->sacl };
	size_t n = 0, cap = 64;
	u8 *out = xmalloc(cap);
	int k;
	u32 i;

	for (k = 0; k < 2; k++) {
		for (i = 0; i < lists[k]->n; i++) {
			const u8 *ace = lists[k]->v[i];
			u16 size = ace_size(ace);

			if (!(ace[1] & (WINSEC_ACE_OBJECT_INHERIT |
					WINSEC_ACE_CONTAINER_INHERIT)))
				continue;
			if (k == 0 && (!e->dacl_present || e->dacl_null))
				continue;
			if (k == 1 && (!e->sacl_present || e->sacl_null))
				continue;
			if (n + size + 1 > cap) {
				cap = 2 * (n + size + 1);
				out = xrealloc(out, cap);
			}
			memcpy(out + n, ace, size);
			n += size;
		}
		if (n + 1 > cap)
			out = xrealloc(out, cap = n + 1);
		out[n++] = 0xff;	/* between the two lists */
	}
	*len = n;
	return out;
}
