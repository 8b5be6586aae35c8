/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - a tiny descriptor and token builder for the access-check and
 * inheritance tests, and the checks shared by the KUnit and userspace
 * runners
 *
 * The cases (access_cases.h, inherit_cases.h) describe descriptors and
 * tokens with small codes instead of SDDL, which is userspace only: a SID
 * is one of the WT_* codes below, an ACE is {type, flags, mask, sid}, a
 * descriptor is its control bits, owner, group and two ACE lists ended by
 * an ACE whose SID code is 0. wt_build_sd() turns that into the stored
 * bytes, which the real validator then parses.
 *
 * Each check returns NULL when it holds, or a message (written in the
 * caller's buffer) that the runner turns into its own assertion.
 */

#ifndef _SECURITY_WINSEC_TESTS_ACCESS_TEST_COMMON_H
#define _SECURITY_WINSEC_TESTS_ACCESS_TEST_COMMON_H

#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/string.h>
#else
#include <stdio.h>
#include <string.h>
#endif
#include <linux/errno.h>
#include <linux/types.h>
#include <linux/unaligned.h>

#include "../access.h"
#include "../label.h"
#include "../change.h"
#include "../inherit.h"
#include "../sd.h"
#include "../sid.h"

/* SID codes. */
enum wt_sid {
	WT_END,		/* ends an ACE list; "none" for owner and group */
	WT_WD,		/* S-1-1-0 Everyone */
	WT_AU,		/* S-1-5-11 Authenticated Users */
	WT_BU,		/* S-1-5-32-545 Users */
	WT_SY,		/* S-1-5-18 LocalSystem */
	WT_BA,		/* S-1-5-32-544 Administrators */
	WT_AN,		/* S-1-5-7 Anonymous */
	WT_CO,		/* S-1-3-0 CREATOR OWNER */
	WT_CG,		/* S-1-3-1 CREATOR GROUP */
	WT_OW,		/* S-1-3-4 OWNER RIGHTS */
	WT_U1,		/* S-1-22-1-1000 */
	WT_U2,		/* S-1-22-1-1001 */
	WT_U0,		/* S-1-22-1-0 */
	WT_G1,		/* S-1-22-2-100 */
	WT_G2,		/* S-1-22-2-200 */
	WT_G3,		/* S-1-22-2-300 */
	WT_G4,		/* S-1-22-2-1000 (same number as U1) */
	WT_X3,		/* S-1-22-3-1000 (not a Unix user or group) */
	WT_DU,		/* S-1-5-21-1-2-3-1104 a domain user */
	WT_DG,		/* S-1-5-21-1-2-3-513 a domain group */
	WT_LONG,	/* S-1-5-21-... with 15 sub-authorities */
	WT_UT,		/* S-1-16-0 */
	WT_LW,		/* S-1-16-4096 */
	WT_ME,		/* S-1-16-8192 */
	WT_MP,		/* S-1-16-8448 */
	WT_HI,		/* S-1-16-12288 */
	WT_SI,		/* S-1-16-16384 */
	WT_NSIDS
};

/* Short names of rights, ACE types and flags for the tables. */
#define RD	WINSEC_FILE_READ_DATA
#define WR	WINSEC_FILE_WRITE_DATA
#define AP	WINSEC_FILE_APPEND_DATA
#define REA	WINSEC_FILE_READ_EA
#define WEA	WINSEC_FILE_WRITE_EA
#define EX	WINSEC_FILE_EXECUTE
#define DCH	WINSEC_FILE_DELETE_CHILD
#define RA	WINSEC_FILE_READ_ATTRIBUTES
#define WA	WINSEC_FILE_WRITE_ATTRIBUTES
#define DE	WINSEC_DELETE
#define RC	WINSEC_READ_CONTROL
#define WDAC	WINSEC_WRITE_DAC
#define WO	WINSEC_WRITE_OWNER
#define SYN	WINSEC_SYNCHRONIZE
#define ASS	WINSEC_ACCESS_SYSTEM_SECURITY
#define MAXA	WINSEC_MAXIMUM_ALLOWED
#define GA	WINSEC_GENERIC_ALL
#define GX	WINSEC_GENERIC_EXECUTE
#define GW	WINSEC_GENERIC_WRITE
#define GR	WINSEC_GENERIC_READ
#define FA	WINSEC_FILE_ALL_ACCESS
#define FR	WINSEC_FILE_GENERIC_READ
#define FW	WINSEC_FILE_GENERIC_WRITE
#define FX	WINSEC_FILE_GENERIC_EXECUTE
#define NW	WINSEC_LABEL_NO_WRITE_UP
#define NR	WINSEC_LABEL_NO_READ_UP
#define NX	WINSEC_LABEL_NO_EXECUTE_UP

#define A_	WINSEC_ACE_ACCESS_ALLOWED
#define D_	WINSEC_ACE_ACCESS_DENIED
#define AU_	WINSEC_ACE_SYSTEM_AUDIT
#define OA_	WINSEC_ACE_ACCESS_ALLOWED_OBJECT
#define OD_	WINSEC_ACE_ACCESS_DENIED_OBJECT
#define XA_	WINSEC_ACE_ACCESS_ALLOWED_CALLBACK
#define XD_	WINSEC_ACE_ACCESS_DENIED_CALLBACK
#define ML_	WINSEC_ACE_SYSTEM_MANDATORY_LABEL

#define OI	WINSEC_ACE_OBJECT_INHERIT
#define CI	WINSEC_ACE_CONTAINER_INHERIT
#define NP	WINSEC_ACE_NO_PROPAGATE_INHERIT
#define IO	WINSEC_ACE_INHERIT_ONLY
#define ID	WINSEC_ACE_INHERITED
#define SA	WINSEC_ACE_SUCCESSFUL_ACCESS

/* ACL states of &struct wt_sd. */
#define WT_ABSENT	0	/* no ACL (the default) */
#define WT_ACL		1	/* an ACL, possibly empty */
#define WT_NULL		2	/* present, NULL */

#define WT_MAX_ACES	8

/**
 * struct wt_ace - one ACE of a test descriptor
 * @type: ACE type
 * @flags: ACE flags
 * @mask: access mask
 * @sid: WT_* code of the trustee (WT_END ends the list)
 * @guid: for an object ACE, whether an object type GUID is present
 */
struct wt_ace {
	u8 type;
	u8 flags;
	u32 mask;
	u8 sid;
	u8 guid;
};

/**
 * struct wt_sd - a test descriptor
 * @control: control bits besides PRESENT (protected, auto-inherited)
 * @owner: WT_* code, WT_END for none
 * @group: WT_* code, WT_END for none
 * @dstate: WT_ABSENT, WT_ACL or WT_NULL
 * @dacl: the DACL's ACEs
 * @sstate: as @dstate for the SACL
 * @sacl: the SACL's ACEs
 */
struct wt_sd {
	u16 control;
	u8 owner;
	u8 group;
	u8 dstate;
	struct wt_ace dacl[WT_MAX_ACES];
	u8 sstate;
	struct wt_ace sacl[WT_MAX_ACES];
};

/**
 * struct wt_tok - a test token
 * @flags: WINSEC_TOKEN_* flags
 * @uid: Unix user
 * @gid: primary Unix group
 * @groups: supplementary groups (sorted), @ngroups of them
 * @ngroups: count of @groups
 * @sids: further SIDs as WT_* codes, ended by WT_END
 * @level: integrity level
 * @policy: mandatory policy
 * @privileges: WINSEC_PRIV_* bits
 */
struct wt_tok {
	u32 flags;
	u32 uid;
	u32 gid;
	u32 groups[40];
	u32 ngroups;
	u8 sids[4];
	u32 level;
	u32 policy;
	u32 privileges;
};

/* Object types. */
enum wt_map { WT_FILE, WT_DIR, WT_IPC, WT_TASK };

/**
 * struct wt_access_case - one access check
 * @name: what it checks
 * @sd: the descriptor
 * @tok: the token
 * @map: WT_FILE, WT_DIR, WT_IPC or WT_TASK
 * @desired: the request
 * @result: 0 or -EACCES
 * @granted: the granted rights (0 when denied)
 * @reason: the expected WINSEC_REASON_*
 * @at: the deciding ACE, 1-based (0: none, index -1)
 */
struct wt_access_case {
	const char *name;
	struct wt_sd sd;
	struct wt_tok tok;
	u8 map;
	u32 desired;
	int result;
	u32 granted;
	int reason;
	int at;
};

/**
 * struct wt_inherit_case - one new object
 * @name: what it checks
 * @parent: the parent's descriptor (@no_parent: none)
 * @no_parent: whether there is no parent descriptor
 * @creator: the creator descriptor, used when @has_creator
 * @has_creator: whether there is a creator descriptor
 * @tok: the creator's token
 * @is_dir: whether the new object is a directory
 * @map: the new object's type
 * @none: whether nothing is to be stored
 * @expect: the expected descriptor (unless @none)
 */
struct wt_inherit_case {
	const char *name;
	struct wt_sd parent;
	bool no_parent;
	struct wt_sd creator;
	bool has_creator;
	struct wt_tok tok;
	bool is_dir;
	u8 map;
	bool none;
	struct wt_sd expect;
};

/* Common tokens. */
#define WT_IMPLICIT (WINSEC_TOKEN_EVERYONE | WINSEC_TOKEN_AUTHENTICATED | \
		     WINSEC_TOKEN_USERS | WINSEC_TOKEN_UNIX)
#define WT_POLICY (WINSEC_POLICY_NO_WRITE_UP | WINSEC_POLICY_NEW_PROCESS_MIN)
/* uid 1000, gid 100, groups 200 and 1000, at @lvl. */
#define TOK_U1(lvl) { .flags = WT_IMPLICIT, .uid = 1000, .gid = 100, \
	.groups = { 200, 1000 }, .ngroups = 2, .level = (lvl), \
	.policy = WT_POLICY }
#define TOK_U1P(lvl, privs) { .flags = WT_IMPLICIT, .uid = 1000, .gid = 100, \
	.groups = { 200, 1000 }, .ngroups = 2, .level = (lvl), \
	.policy = WT_POLICY, .privileges = (privs) }
#define TOK_U2(lvl) { .flags = WT_IMPLICIT, .uid = 1001, .gid = 300, \
	.level = (lvl), .policy = WT_POLICY }
#define ME_ WINSEC_LEVEL_MEDIUM
#define LW_ WINSEC_LEVEL_LOW
#define HI_ WINSEC_LEVEL_HIGH
#define SI_ WINSEC_LEVEL_SYSTEM
#define UT_ WINSEC_LEVEL_UNTRUSTED

static inline const struct winsec_generic_mapping *wt_mapping(u8 map)
{
	switch (map) {
	case WT_DIR:
		return &winsec_dir_mapping;
	case WT_IPC:
		return &winsec_ipc_mapping;
	case WT_TASK:
		return &winsec_task_mapping;
	}
	return &winsec_file_mapping;
}

static inline void wt_sid(u8 code, struct winsec_sid_buf *b)
{
	static const u32 longsid[15] = { 21, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
					 11, 12, 13, 14 };
	u32 sub[5];

	switch (code) {
	case WT_WD:
		winsec_sid_build(b, 1, 1, (sub[0] = 0, sub));
		return;
	case WT_AU:
		winsec_sid_build(b, 5, 1, (sub[0] = 11, sub));
		return;
	case WT_SY:
		winsec_sid_build(b, 5, 1, (sub[0] = 18, sub));
		return;
	case WT_AN:
		winsec_sid_build(b, 5, 1, (sub[0] = 7, sub));
		return;
	case WT_BU:
	case WT_BA:
		sub[0] = 32;
		sub[1] = code == WT_BU ? 545 : 544;
		winsec_sid_build(b, 5, 2, sub);
		return;
	case WT_CO:
	case WT_CG:
	case WT_OW:
		sub[0] = code == WT_CO ? 0 : code == WT_CG ? 1 : 4;
		winsec_sid_build(b, 3, 1, sub);
		return;
	case WT_U1:
		winsec_sid_unix_user(b, 1000);
		return;
	case WT_U2:
		winsec_sid_unix_user(b, 1001);
		return;
	case WT_U0:
		winsec_sid_unix_user(b, 0);
		return;
	case WT_G1:
		winsec_sid_unix_group(b, 100);
		return;
	case WT_G2:
		winsec_sid_unix_group(b, 200);
		return;
	case WT_G3:
		winsec_sid_unix_group(b, 300);
		return;
	case WT_G4:
		winsec_sid_unix_group(b, 1000);
		return;
	case WT_X3:
		sub[0] = 3;
		sub[1] = 1000;
		winsec_sid_build(b, 22, 2, sub);
		return;
	case WT_DU:
	case WT_DG:
		sub[0] = 21;
		sub[1] = 1;
		sub[2] = 2;
		sub[3] = 3;
		sub[4] = code == WT_DU ? 1104 : 513;
		winsec_sid_build(b, 5, 5, sub);
		return;
	case WT_LONG:
		winsec_sid_build(b, 5, 15, longsid);
		return;
	case WT_UT:
		winsec_sid_level(b, WINSEC_LEVEL_UNTRUSTED);
		return;
	case WT_LW:
		winsec_sid_level(b, WINSEC_LEVEL_LOW);
		return;
	case WT_ME:
		winsec_sid_level(b, WINSEC_LEVEL_MEDIUM);
		return;
	case WT_MP:
		winsec_sid_level(b, WINSEC_LEVEL_MEDIUM_PLUS);
		return;
	case WT_HI:
		winsec_sid_level(b, WINSEC_LEVEL_HIGH);
		return;
	default:
		winsec_sid_level(b, WINSEC_LEVEL_SYSTEM);
		return;
	}
}

/* Append the bytes of one ACE at @p; return its size. */
static inline u32 wt_put_ace(u8 *p, const struct wt_ace *a)
{
	struct winsec_sid_buf sid;
	u32 off = 8, sidlen;

	wt_sid(a->sid, &sid);
	sidlen = winsec_sid_size(winsec_sid_of(&sid));
	p[0] = a->type;
	p[1] = a->flags;
	put_unaligned_le32(a->mask, p + 4);
	if (winsec_ace_type_is_object(a->type)) {
		put_unaligned_le32(a->guid ? WINSEC_ACE_OBJECT_TYPE_PRESENT : 0,
				   p + off);
		off += 4;
		if (a->guid) {
			memcpy(p + off, "winsec-test-guid", WINSEC_GUID_SIZE);
			off += WINSEC_GUID_SIZE;
		}
	}
	memcpy(p + off, &sid, sidlen);
	off += sidlen;
	if (winsec_ace_type_is_callback(a->type)) {
		memcpy(p + off, "artx", 4);	/* an empty condition */
		off += 4;
	}
	put_unaligned_le16(off, p + 2);
	return off;
}

static inline u32 wt_put_acl(u8 *p, const struct wt_ace *aces)
{
	u32 off = WINSEC_ACL_HEADER_SIZE, n = 0;
	bool object = false;

	for (; n < WT_MAX_ACES && aces[n].sid != WT_END; n++) {
		off += wt_put_ace(p + off, &aces[n]);
		if (winsec_ace_type_is_object(aces[n].type))
			object = true;
	}
	p[0] = object ? WINSEC_ACL_REVISION_DS : WINSEC_ACL_REVISION;
	p[1] = 0;
	put_unaligned_le16(off, p + 2);
	put_unaligned_le16(n, p + 4);
	put_unaligned_le16(0, p + 6);
	return off;
}

/* Room for any test descriptor. */
#define WT_SD_BUF 1024

/* Write @s as a self-relative descriptor at @buf (WT_SD_BUF bytes). */
static inline u32 wt_build_sd(const struct wt_sd *s, u8 *buf)
{
	u16 control = s->control | WINSEC_SE_SELF_RELATIVE;
	struct winsec_sid_buf sid;
	u32 off = WINSEC_SD_HEADER_SIZE;

	memset(buf, 0, WINSEC_SD_HEADER_SIZE);
	buf[0] = WINSEC_SD_REVISION;
	if (s->sstate != WT_ABSENT)
		control |= WINSEC_SE_SACL_PRESENT;
	if (s->sstate == WT_ACL) {
		put_unaligned_le32(off, buf + 12);
		off += wt_put_acl(buf + off, s->sacl);
	}
	if (s->dstate != WT_ABSENT)
		control |= WINSEC_SE_DACL_PRESENT;
	if (s->dstate == WT_ACL) {
		put_unaligned_le32(off, buf + 16);
		off += wt_put_acl(buf + off, s->dacl);
	}
	if (s->owner != WT_END) {
		wt_sid(s->owner, &sid);
		put_unaligned_le32(off, buf + 4);
		memcpy(buf + off, &sid, winsec_sid_size(winsec_sid_of(&sid)));
		off += winsec_sid_size(winsec_sid_of(&sid));
	}
	if (s->group != WT_END) {
		wt_sid(s->group, &sid);
		put_unaligned_le32(off, buf + 8);
		memcpy(buf + off, &sid, winsec_sid_size(winsec_sid_of(&sid)));
		off += winsec_sid_size(winsec_sid_of(&sid));
	}
	put_unaligned_le16(control, buf + 2);
	return off;
}

/**
 * struct wt_token_store - a token and the storage it points into
 * @tok: the token
 * @groups: its supplementary groups
 * @sidbufs: its further SIDs
 * @sidptrs: pointers to @sidbufs
 */
struct wt_token_store {
	struct winsec_token tok;
	u32 groups[40];
	struct winsec_sid_buf sidbufs[4];
	const struct winsec_sid *sidptrs[4];
};

static inline void wt_make_token(const struct wt_tok *t,
				 struct wt_token_store *st)
{
	u32 i;

	memset(st, 0, sizeof(*st));
	memcpy(st->groups, t->groups, sizeof(st->groups));
	for (i = 0; i < 4 && t->sids[i] != WT_END; i++) {
		wt_sid(t->sids[i], &st->sidbufs[i]);
		st->sidptrs[i] = winsec_sid_of(&st->sidbufs[i]);
	}
	st->tok.flags = t->flags;
	st->tok.uid = t->uid;
	st->tok.gid = t->gid;
	st->tok.groups = st->groups;
	st->tok.ngroups = t->ngroups;
	st->tok.sids = st->sidptrs;
	st->tok.nsids = i;
	st->tok.level = t->level;
	st->tok.policy = t->policy;
	st->tok.privileges = t->privileges;
}

#define WT_MSG 160

/* Run one access case against an already built descriptor. */
static inline const char *wt_run_access(const struct wt_access_case *c,
					const struct winsec_sd *sd,
					const struct winsec_token *tok,
					char *msg)
{
	struct winsec_decision dec;
	int err;

	err = winsec_access_check(sd, tok, wt_mapping(c->map), c->desired,
				  &dec);
	if (err != c->result || dec.granted != c->granted ||
	    (int)dec.reason != c->reason || dec.ace_index != c->at - 1) {
		snprintf(msg, WT_MSG,
			 "got %d granted %#x reason %d ace %d, expected %d granted %#x reason %d ace %d",
			 err, dec.granted, dec.reason, dec.ace_index,
			 c->result, c->granted, c->reason, c->at - 1);
		return msg;
	}
	/* Invariant: granted within desired, unless MAXIMUM_ALLOWED. */
	if (!err && !(dec.desired & WINSEC_MAXIMUM_ALLOWED) &&
	    (dec.granted & ~dec.desired)) {
		snprintf(msg, WT_MSG, "granted %#x outside desired %#x",
			 dec.granted, dec.desired);
		return msg;
	}
	if (err && dec.granted) {
		snprintf(msg, WT_MSG, "denied with granted %#x", dec.granted);
		return msg;
	}
	return NULL;
}

/* Build, parse and run one access case. */
static inline const char *wt_access_case(const struct wt_access_case *c,
					 u8 *buf, char *msg)
{
	struct wt_token_store st;
	struct winsec_sd sd;
	const char *reason = NULL;
	u32 len = wt_build_sd(&c->sd, buf);

	if (winsec_sd_parse(buf, len, &sd, &reason)) {
		snprintf(msg, WT_MSG, "test descriptor refused: %s",
			 reason ? reason : "?");
		return msg;
	}
	wt_make_token(&c->tok, &st);
	return wt_run_access(c, &sd, &st.tok, msg);
}

/* Number of ACEs of a list. */
static inline u32 wt_count(const struct wt_ace *aces)
{
	u32 n = 0;

	while (n < WT_MAX_ACES && aces[n].sid != WT_END)
		n++;
	return n;
}

/*
 * Invariant: inherit-only ACEs never apply. Each variant puts an
 * inherit-only ACE that would decide the case (deny everything to
 * Everyone, allow everything to Everyone, and the same for OWNER RIGHTS)
 * in front of the DACL and expects the same decision, the deciding index
 * moved by one.
 */
static inline const char *wt_access_inherit_only(const struct wt_access_case *c,
						 u8 *buf, char *msg)
{
	static const struct wt_ace extra[] = {
		{ D_, IO, 0xffffffff, WT_WD },
		{ A_, IO | OI | CI, 0xffffffff, WT_WD },
		{ D_, IO | CI, 0xffffffff, WT_OW },
		{ A_, IO, 0xffffffff, WT_OW },
	};
	struct wt_access_case v;
	u32 n = wt_count(c->sd.dacl), i;
	const char *err;

	if (c->sd.dstate != WT_ACL || n >= WT_MAX_ACES)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(extra); i++) {
		v = *c;
		memmove(&v.sd.dacl[1], &v.sd.dacl[0],
			sizeof(v.sd.dacl[0]) * (WT_MAX_ACES - 1));
		v.sd.dacl[0] = extra[i];
		if (v.at)
			v.at++;
		err = wt_access_case(&v, buf, msg);
		if (err)
			return err;
	}
	return NULL;
}

/*
 * Invariant: nothing after the decision point matters. When an ACE
 * decided (a deny, or the allow that completed the grant), ACEs appended
 * after it (allow everything, deny everything) change nothing. (An OWNER
 * RIGHTS ACE is not appended: its mere presence anywhere in the DACL
 * decides whether the owner has implicit rights, before the walk.)
 */
static inline const char *wt_access_after_decision(const struct wt_access_case *c,
						   u8 *buf, char *msg)
{
	static const struct wt_ace extra[] = {
		{ A_, 0, 0xffffffff, WT_WD },
		{ D_, 0, 0xffffffff, WT_WD },
		{ D_, 0, 0xffffffff, WT_U1 },
		{ A_, 0, 0xffffffff, WT_G1 },
	};
	struct wt_access_case v;
	u32 n = wt_count(c->sd.dacl), i;
	const char *err;

	if (!c->at || n >= WT_MAX_ACES || (c->desired & WINSEC_MAXIMUM_ALLOWED))
		return NULL;
	for (i = 0; i < ARRAY_SIZE(extra); i++) {
		v = *c;
		v.sd.dacl[n] = extra[i];
		err = wt_access_case(&v, buf, msg);
		if (err)
			return err;
	}
	return NULL;
}

/* Compare an inheritance result with the expected descriptor. */
static inline const char *wt_inherit_case(const struct wt_inherit_case *c,
					  u8 *out, u32 outsize, u8 *buf1,
					  u8 *buf2, char *msg)
{
	struct winsec_sd parent, creator, got, want;
	struct wt_token_store st;
	const char *reason = NULL;
	u32 len, bound;
	int err;

	len = wt_build_sd(&c->parent, buf1);
	if (winsec_sd_parse(buf1, len, &parent, &reason)) {
		snprintf(msg, WT_MSG, "parent refused: %s", reason);
		return msg;
	}
	if (c->has_creator) {
		len = wt_build_sd(&c->creator, buf2);
		if (winsec_sd_parse(buf2, len, &creator, &reason)) {
			snprintf(msg, WT_MSG, "creator refused: %s", reason);
			return msg;
		}
	}
	wt_make_token(&c->tok, &st);
	bound = winsec_inherit_bound(c->no_parent ? NULL : &parent,
				     c->has_creator ? &creator : NULL);
	if (bound > outsize) {
		snprintf(msg, WT_MSG, "bound %u over the test buffer", bound);
		return msg;
	}
	err = winsec_inherit(c->no_parent ? NULL : &parent,
			     c->has_creator ? &creator : NULL, &st.tok,
			     c->is_dir, wt_mapping(c->map), out, bound, &len,
			     NULL);
	if (err) {
		snprintf(msg, WT_MSG, "winsec_inherit failed: %d", err);
		return msg;
	}
	if (c->none) {
		if (len) {
			snprintf(msg, WT_MSG, "a %u-byte descriptor where none was expected",
				 len);
			return msg;
		}
		return NULL;
	}
	if (!len)
		return "no descriptor where one was expected";
	if (winsec_sd_parse(out, len, &got, &reason)) {
		snprintf(msg, WT_MSG, "result refused: %s", reason);
		return msg;
	}
	len = wt_build_sd(&c->expect, buf1);
	if (winsec_sd_parse(buf1, len, &want, &reason)) {
		snprintf(msg, WT_MSG, "expected descriptor refused: %s", reason);
		return msg;
	}
	if (got.control != want.control) {
		snprintf(msg, WT_MSG, "control %#x, expected %#x", got.control,
			 want.control);
		return msg;
	}
	if (!got.owner || !winsec_sid_equal(got.owner, want.owner))
		return "owner differs";
	if (!got.group || !winsec_sid_equal(got.group, want.group))
		return "group differs";
	if (!winsec_sd_equal(&got, &want)) {
		const struct winsec_acl *g = got.dacl, *w = want.dacl;
		struct winsec_sd gd = { .dacl = g }, wd = { .dacl = w };
		const char *which = "DACL";

		if (winsec_sd_equal(&gd, &wd)) {
			g = got.sacl;
			w = want.sacl;
			which = "SACL";
		}
		snprintf(msg, WT_MSG, "%s differs: %u ACEs, expected %u", which,
			 g ? winsec_acl_count(g) : 0, w ? winsec_acl_count(w) : 0);
		if (g && w && winsec_acl_count(g) == winsec_acl_count(w)) {
			const struct winsec_ace_header *x, *y = winsec_acl_first(w);
			struct winsec_ace dx, dy;
			unsigned int i;

			winsec_acl_for_each(g, x, i) {
				winsec_ace_decode(x, &dx);
				winsec_ace_decode(y, &dy);
				if (dx.type != dy.type || dx.flags != dy.flags ||
				    dx.mask != dy.mask ||
				    !winsec_sid_equal(dx.sid, dy.sid)) {
					snprintf(msg, WT_MSG,
						 "%s ACE %u: type %u flags %#x mask %#x, expected type %u flags %#x mask %#x%s",
						 which, i, dx.type, dx.flags, dx.mask,
						 dy.type, dy.flags, dy.mask,
						 winsec_sid_equal(dx.sid, dy.sid) ?
						 "" : " (SID differs)");
					break;
				}
				y = winsec_ace_next(y);
			}
		}
		return msg;
	}
	return NULL;
}

#endif /* _SECURITY_WINSEC_TESTS_ACCESS_TEST_COMMON_H */
