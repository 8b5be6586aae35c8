/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - property tests of the access check and of inheritance on
 * generated descriptors, shared by the KUnit and userspace runners
 *
 * A small fixed-seed generator builds descriptors (allow, deny, object and
 * callback ACEs with any flags, generic rights, owners in and out of the
 * token, labels of every level and policy) and tokens (levels, privileges),
 * and checks properties that must hold whatever the descriptor:
 *
 *  - MAXIMUM_ALLOWED and single requests agree: a request of file rights
 *    is granted exactly when it is within what MAXIMUM_ALLOWED grants
 *    (the privileges that act only on an explicit request aside);
 *  - a granted request is granted exactly, a denial grants nothing;
 *  - inheritance always produces a descriptor the validator accepts, within
 *    the bound, refuses a buffer below the bound, resolves every effective
 *    ACE (no generic rights, no CREATOR SID) and never labels an object
 *    above its creator's level.
 */

#ifndef _SECURITY_WINSEC_TESTS_ACCESS_PROPS_H
#define _SECURITY_WINSEC_TESTS_ACCESS_PROPS_H

#include "access_test_common.h"

/**
 * struct wt_prop_work - scratch space of one generated case, kept off the
 * stack (a KASAN build's frame limit is 2048 bytes)
 * @w: the generated descriptor
 * @t: the generated token
 * @st: the token as the evaluator takes it
 */
struct wt_prop_work {
	struct wt_sd w;
	struct wt_tok t;
	struct wt_token_store st;
};

/* xorshift32: the same sequence in the kernel and in userspace. */
static inline u32 wt_rand(u32 *state)
{
	u32 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

static inline u32 wt_pick(u32 *state, u32 n)
{
	return wt_rand(state) % n;
}

static inline u32 wt_rand_mask(u32 *s)
{
	static const u32 bits[] = { RD, WR, AP, REA, WEA, EX, DCH, RA, WA,
				    DE, RC, WDAC, WO, SYN };
	static const u32 generic[] = { GR, GW, GX, GA };
	u32 mask = 0, n = 1 + wt_pick(s, 4), i;

	for (i = 0; i < n; i++)
		mask |= bits[wt_pick(s, ARRAY_SIZE(bits))];
	if (wt_pick(s, 6) == 0)
		mask |= generic[wt_pick(s, ARRAY_SIZE(generic))];
	if (wt_pick(s, 12) == 0)
		mask = FA;
	return mask;
}

static inline void wt_rand_sd(u32 *s, struct wt_sd *sd, bool labels)
{
	static const u8 sids[] = { WT_WD, WT_AU, WT_U1, WT_U2, WT_G1, WT_G2,
				   WT_G3, WT_G4, WT_OW, WT_CO, WT_CG, WT_BA,
				   WT_DU };
	static const u8 types[] = { A_, A_, A_, D_, D_, OD_, OA_, XA_, XD_ };
	static const u8 levels[] = { WT_UT, WT_LW, WT_ME, WT_MP, WT_HI, WT_SI };
	u32 n, i, r;

	memset(sd, 0, sizeof(*sd));
	sd->owner = sids[wt_pick(s, ARRAY_SIZE(sids))];
	if (sd->owner == WT_CO || sd->owner == WT_CG)
		sd->owner = WT_U1;
	sd->group = WT_G1;
	r = wt_pick(s, 20);
	sd->dstate = r == 0 ? WT_ABSENT : r == 1 ? WT_NULL : WT_ACL;
	n = wt_pick(s, WT_MAX_ACES + 1);
	for (i = 0; sd->dstate == WT_ACL && i < n; i++) {
		struct wt_ace *a = &sd->dacl[i];

		a->type = types[wt_pick(s, ARRAY_SIZE(types))];
		a->flags = wt_rand(s) & (OI | CI | NP | ID);
		if (wt_pick(s, 4) == 0)
			a->flags |= IO;
		a->mask = wt_rand_mask(s);
		a->sid = sids[wt_pick(s, ARRAY_SIZE(sids))];
		a->guid = wt_pick(s, 2);
	}
	if (!labels || wt_pick(s, 3) == 0)
		return;
	sd->sstate = WT_ACL;
	n = 1 + wt_pick(s, 2);
	for (i = 0; i < n; i++) {
		struct wt_ace *a = &sd->sacl[i];

		if (wt_pick(s, 3) == 0) {
			a->type = AU_;
			a->flags = SA | (wt_rand(s) & (OI | CI | NP | IO));
			a->mask = wt_rand_mask(s);
			a->sid = sids[wt_pick(s, ARRAY_SIZE(sids))];
			continue;
		}
		a->type = ML_;
		a->flags = wt_rand(s) & (OI | CI | NP);
		if (wt_pick(s, 5) == 0)
			a->flags |= IO;
		a->mask = wt_rand(s) & (NW | NR | NX);
		a->sid = levels[wt_pick(s, ARRAY_SIZE(levels))];
	}
}

static inline void wt_rand_tok(u32 *s, struct wt_tok *t)
{
	static const u32 levels[] = { UT_, LW_, ME_, ME_, ME_,
				      WINSEC_LEVEL_MEDIUM_PLUS, HI_, SI_ };
	struct wt_tok base = TOK_U1(ME_);

	*t = base;
	t->level = levels[wt_pick(s, ARRAY_SIZE(levels))];
	t->privileges = wt_rand(s) & WINSEC_PRIV_ALL;
	if (wt_pick(s, 4) == 0)
		t->privileges = 0;
}

/* One generated descriptor and token: MAXIMUM_ALLOWED against requests. */
static inline const char *wt_prop_access_one(u32 *s, struct wt_prop_work *wk,
					     u8 *buf, char *msg)
{
	static const u32 single[] = { RD, WR, AP, REA, WEA, EX, DCH, RA, WA,
				      DE, RC, WDAC, WO, SYN };
	struct winsec_decision dmax, dec;
	struct wt_token_store *st = &wk->st;
	struct wt_tok *t = &wk->t;
	struct winsec_sd sd;
	u32 len, maxset, i;
	int err, emax;

	wt_rand_sd(s, &wk->w, true);
	wt_rand_tok(s, t);
	len = wt_build_sd(&wk->w, buf);
	if (winsec_sd_parse(buf, len, &sd, NULL))
		return "generated descriptor refused";
	wt_make_token(t, st);
	emax = winsec_access_check(&sd, &st->tok, &winsec_file_mapping, MAXA,
				   &dmax);
	maxset = emax ? 0 : dmax.granted;
	if (emax && dmax.granted)
		return "MAXIMUM_ALLOWED denied with rights granted";
	if (!emax && !maxset)
		return "MAXIMUM_ALLOWED granted nothing, successfully";
	for (i = 0; i <= ARRAY_SIZE(single); i++) {
		/* Each right alone, then a random combination. */
		u32 req = i < ARRAY_SIZE(single) ? single[i] :
			  wt_rand_mask(s) & FA;
		u32 special = 0;
		bool expect;

		if (!req)
			continue;
		/* SeTakeOwnership acts only on an explicit request. */
		if (t->privileges & WINSEC_PRIV_TAKE_OWNERSHIP)
			special = WO & dmax.mic_allowed;
		expect = !(req & ~(maxset | special));
		err = winsec_access_check(&sd, &st->tok, &winsec_file_mapping,
					  req, &dec);
		if (!err != expect) {
			snprintf(msg, WT_MSG,
				 "request %#x %s but MAXIMUM_ALLOWED gives %#x (level %#x privs %#x)",
				 req, err ? "denied" : "granted", maxset,
				 t->level, t->privileges);
			return msg;
		}
		if (!err && dec.granted != req)
			return "granted rights differ from the request";
		if (err && dec.granted)
			return "a denial granted rights";
	}
	return NULL;
}

/* Whether an effective ACE still carries something unresolved. */
static inline bool wt_unresolved(const struct winsec_ace *a)
{
	if (a->flags & IO)
		return false;
	if (a->type != ML_ && (a->mask & WINSEC_GENERIC_MASK))
		return true;
	return winsec_sid_equal(a->sid, winsec_sid_of(&winsec_sid_creator_owner)) ||
	       winsec_sid_equal(a->sid, winsec_sid_of(&winsec_sid_creator_group));
}

/* One generated parent and token: properties of the new descriptor. */
static inline const char *wt_prop_inherit_one(u32 *s, struct wt_prop_work *wk,
					      u8 *pbuf, u8 *out, u32 outsize,
					      char *msg)
{
	const struct winsec_ace_header *hdr;
	struct wt_token_store *st = &wk->st;
	struct winsec_sd parent, got, view;
	struct wt_tok *t = &wk->t;
	struct winsec_ace a;
	u32 len, bound, level, policy, i;
	bool is_dir = wt_pick(s, 2);
	int err;

	wt_rand_sd(s, &wk->w, true);
	wt_rand_tok(s, t);
	t->privileges &= ~WINSEC_PRIV_RELABEL;
	len = wt_build_sd(&wk->w, pbuf);
	if (winsec_sd_parse(pbuf, len, &parent, NULL))
		return "generated parent refused";
	wt_make_token(t, st);
	bound = winsec_inherit_bound(&parent, NULL);
	if (bound > outsize)
		return "bound over the test buffer";
	err = winsec_inherit(&parent, NULL, &st->tok, is_dir,
			     &winsec_file_mapping, out, bound, &len, &view);
	if (err) {
		snprintf(msg, WT_MSG, "winsec_inherit failed: %d", err);
		return msg;
	}
	if (len > bound)
		return "result larger than the bound";
	if (!len) {
		if (t->level < ME_)
			return "a creator below Medium left its object unlabeled";
		return NULL;
	}
	if (winsec_sd_parse(out, len, &got, NULL))
		return "result refused by the validator";
	/* The view handed back is that parse, facts included. */
	if (memcmp(&view, &got, sizeof(view)))
		return "the view of the result is not its parse";
	if (winsec_inherit(&parent, NULL, &st->tok, is_dir,
			   &winsec_file_mapping, out, bound - 1, &len,
			   NULL) != -ENOSPC)
		return "a buffer below the bound was accepted";
	if (winsec_sd_label_info(&got, &level, &policy) && level > t->level) {
		snprintf(msg, WT_MSG, "label %#x above the creator's %#x",
			 level, t->level);
		return msg;
	}
	if (t->level < ME_ && !winsec_sd_label_info(&got, &level, &policy))
		return "a creator below Medium did not label its object";
	if (got.dacl) {
		winsec_acl_for_each(got.dacl, hdr, i) {
			winsec_ace_decode(hdr, &a);
			if (wt_unresolved(&a))
				return "an effective DACL ACE is not resolved";
			if (!is_dir && (a.flags & (OI | CI | NP | IO)))
				return "a file got inheritance flags";
		}
	}
	if (got.sacl) {
		winsec_acl_for_each(got.sacl, hdr, i) {
			winsec_ace_decode(hdr, &a);
			if (wt_unresolved(&a))
				return "an effective SACL ACE is not resolved";
		}
	}
	return NULL;
}

/* Number of generated cases per property. */
#define WT_PROP_ROUNDS 3000

static inline const char *wt_prop_access(struct wt_prop_work *wk, u8 *buf,
					 char *msg)
{
	u32 state = 0x2026c0de, i;
	const char *err;

	for (i = 0; i < WT_PROP_ROUNDS; i++) {
		err = wt_prop_access_one(&state, wk, buf, msg);
		if (err)
			return err;
	}
	return NULL;
}

static inline const char *wt_prop_inherit(struct wt_prop_work *wk, u8 *pbuf,
					  u8 *out, u32 outsize, char *msg)
{
	u32 state = 0x1badb002, i;
	const char *err;

	for (i = 0; i < WT_PROP_ROUNDS; i++) {
		err = wt_prop_inherit_one(&state, wk, pbuf, out, outsize, msg);
		if (err)
			return err;
	}
	return NULL;
}

#endif /* _SECURITY_WINSEC_TESTS_ACCESS_PROPS_H */
