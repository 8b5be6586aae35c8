/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - inheritance test cases
 *
 * One table, two runners: the KUnit suite winsec_inherit
 * (inherit_kunit.c) and the userspace runner in tools/testing/winsec/access/.
 * Each case is a parent descriptor, an optional creator descriptor, the
 * creator's token, whether the new object is a directory, and the
 * descriptor it must get (or nothing). The expectations follow the
 * CI/OI/NP table of Microsoft's documentation and winsec's label rules
 * (Documentation/security/winsec.rst). The creator is TOK_U1: owner WT_U1,
 * group WT_G1.
 */

#ifndef _SECURITY_WINSEC_TESTS_INHERIT_CASES_H
#define _SECURITY_WINSEC_TESTS_INHERIT_CASES_H

#include "access_test_common.h"

#define DAI	WINSEC_SE_DACL_AUTO_INHERITED
#define SAI	WINSEC_SE_SACL_AUTO_INHERITED
#define PD	WINSEC_SE_DACL_PROTECTED
#define PS	WINSEC_SE_SACL_PROTECTED

/* A parent owned by Administrators with a DACL / a SACL. */
#define P_D(...) { .owner = WT_BA, .group = WT_SY, .dstate = WT_ACL, \
		   .dacl = { __VA_ARGS__ } }
#define P_S(...) { .owner = WT_BA, .group = WT_SY, .dstate = WT_NULL, \
		   .sstate = WT_ACL, .sacl = { __VA_ARGS__ } }
/* The expected descriptor: U1 / G1 with a DACL / a SACL / nothing else. */
#define E_D(ctl, ...) { .control = (ctl), .owner = WT_U1, .group = WT_G1, \
			.dstate = WT_ACL, .dacl = { __VA_ARGS__ } }
#define E_S(ctl, ...) { .control = (ctl), .owner = WT_U1, .group = WT_G1, \
			.sstate = WT_ACL, .sacl = { __VA_ARGS__ } }
#define C_D(ctl, ...) { .control = (ctl), .dstate = WT_ACL, \
			.dacl = { __VA_ARGS__ } }
#define C_S(ctl, ...) { .control = (ctl), .sstate = WT_ACL, \
			.sacl = { __VA_ARGS__ } }
#define FILE_	false
#define DIR_	true

static const struct wt_inherit_case winsec_inherit_cases[] = {
	/* --- the CI / OI / NP table --- */
	{ "OI CI to a file: effective, ID", P_D({ A_, OI | CI, FA, WT_WD }),
	  .tok = TOK_U1(ME_), .is_dir = FILE_,
	  .expect = E_D(DAI, { A_, ID, FA, WT_WD }) },
	{ "OI CI to a directory: effective, OI CI ID",
	  P_D({ A_, OI | CI, FA, WT_WD }), .tok = TOK_U1(ME_), .is_dir = DIR_,
	  .expect = E_D(DAI, { A_, OI | CI | ID, FA, WT_WD }) },
	{ "OI to a file: effective, ID", P_D({ A_, OI, FA, WT_WD }),
	  .tok = TOK_U1(ME_), .is_dir = FILE_,
	  .expect = E_D(DAI, { A_, ID, FA, WT_WD }) },
	{ "OI to a directory: inherit-only OI", P_D({ A_, OI, FA, WT_WD }),
	  .tok = TOK_U1(ME_), .is_dir = DIR_,
	  .expect = E_D(DAI, { A_, OI | IO | ID, FA, WT_WD }) },
	{ "OI NP to a file: effective, ID", P_D({ A_, OI | NP, FA, WT_WD }),
	  .tok = TOK_U1(ME_), .is_dir = FILE_,
	  .expect = E_D(DAI, { A_, ID, FA, WT_WD }) },
	{ "OI NP to a directory: nothing", P_D({ A_, OI | NP, FA, WT_WD }),
	  .tok = TOK_U1(ME_), .is_dir = DIR_, .none = true },
	{ "CI to a file: nothing", P_D({ A_, CI, FA, WT_WD }),
	  .tok = TOK_U1(ME_), .is_dir = FILE_, .none = true },
	{ "CI to a directory: effective, CI ID", P_D({ A_, CI, FA, WT_WD }),
	  .tok = TOK_U1(ME_), .is_dir = DIR_,
	  .expect = E_D(DAI, { A_, CI | ID, FA, WT_WD }) },
	{ "CI NP to a directory: effective, ID", P_D({ A_, CI | NP, FA, WT_WD }),
	  .tok = TOK_U1(ME_), .is_dir = DIR_,
	  .expect = E_D(DAI, { A_, ID, FA, WT_WD }) },
	{ "CI OI NP to a directory: effective, ID",
	  P_D({ A_, CI | OI | NP, FA, WT_WD }), .tok = TOK_U1(ME_),
	  .is_dir = DIR_, .expect = E_D(DAI, { A_, ID, FA, WT_WD }) },
	{ "CI OI NP to a file: effective, ID",
	  P_D({ A_, CI | OI | NP, FA, WT_WD }), .tok = TOK_U1(ME_),
	  .is_dir = FILE_, .expect = E_D(DAI, { A_, ID, FA, WT_WD }) },
	{ "IO alone is not inherited", P_D({ A_, IO, FA, WT_WD }),
	  .tok = TOK_U1(ME_), .is_dir = DIR_, .none = true },
	{ "IO on the parent does not matter to the child",
	  P_D({ A_, IO | OI | CI, FA, WT_WD }), .tok = TOK_U1(ME_),
	  .is_dir = FILE_, .expect = E_D(DAI, { A_, ID, FA, WT_WD }) },
	{ "order of the parent's ACEs is kept",
	  P_D({ D_, OI | CI, WR, WT_G2 }, { A_, 0, FA, WT_BA },
	      { A_, OI | CI, FA, WT_WD }),
	  .tok = TOK_U1(ME_), .is_dir = FILE_,
	  .expect = E_D(DAI, { D_, ID, WR, WT_G2 }, { A_, ID, FA, WT_WD }) },

	/* --- CREATOR SIDs and generic rights --- */
	{ "CREATOR OWNER to a file: the owner, rights mapped",
	  P_D({ A_, OI | CI | IO, GA, WT_CO }), .tok = TOK_U1(ME_),
	  .is_dir = FILE_, .expect = E_D(DAI, { A_, ID, FA, WT_U1 }) },
	{ "CREATOR OWNER to a directory: split",
	  P_D({ A_, OI | CI | IO, GA, WT_CO }), .tok = TOK_U1(ME_),
	  .is_dir = DIR_,
	  .expect = E_D(DAI, { A_, ID, FA, WT_U1 },
			{ A_, OI | CI | IO | ID, GA, WT_CO }) },
	{ "CREATOR GROUP to a file: the group", P_D({ A_, OI, GR, WT_CG }),
	  .tok = TOK_U1(ME_), .is_dir = FILE_,
	  .expect = E_D(DAI, { A_, ID, FR, WT_G1 }) },
	{ "generic rights to a directory: split",
	  P_D({ A_, OI | CI, GR, WT_WD }), .tok = TOK_U1(ME_), .is_dir = DIR_,
	  .expect = E_D(DAI, { A_, ID, FR, WT_WD },
			{ A_, OI | CI | IO | ID, GR, WT_WD }) },
	{ "CI only with CREATOR OWNER: the copy keeps CI",
	  P_D({ A_, CI, GA, WT_CO }), .tok = TOK_U1(ME_), .is_dir = DIR_,
	  .expect = E_D(DAI, { A_, ID, FA, WT_U1 },
			{ A_, CI | IO | ID, GA, WT_CO }) },
	{ "NP: no split, the ACE is not inheritable",
	  P_D({ A_, OI | CI | NP, GA, WT_CO }), .tok = TOK_U1(ME_),
	  .is_dir = DIR_, .expect = E_D(DAI, { A_, ID, FA, WT_U1 }) },
	{ "OI to a directory keeps generic rights and CREATOR OWNER",
	  P_D({ A_, OI, GA, WT_CO }), .tok = TOK_U1(ME_), .is_dir = DIR_,
	  .expect = E_D(DAI, { A_, OI | IO | ID, GA, WT_CO }) },
	{ "Microsoft's example: Administrators and CREATOR OWNER",
	  P_D({ A_, OI | CI, FA, WT_BA }, { A_, OI | CI | IO, GA, WT_CO }),
	  .tok = TOK_U1(ME_), .is_dir = DIR_,
	  .expect = E_D(DAI, { A_, OI | CI | ID, FA, WT_BA },
			{ A_, ID, FA, WT_U1 },
			{ A_, OI | CI | IO | ID, GA, WT_CO }) },
	{ "IPC object: generic rights mapped with the IPC mapping",
	  P_D({ A_, OI | CI, GA, WT_WD }), .tok = TOK_U1(ME_), .is_dir = FILE_,
	  .map = WT_IPC,
	  .expect = E_D(DAI, { A_, ID, WINSEC_IPC_ALL_ACCESS, WT_WD }) },
	{ "an object ACE is inherited with its GUID",
	  P_D({ OA_, OI | CI, RD, WT_WD, 1 }), .tok = TOK_U1(ME_),
	  .is_dir = FILE_, .expect = E_D(DAI, { OA_, ID, RD, WT_WD, 1 }) },
	{ "a token of SIDs: owner and group from sids[0] and sids[1]",
	  P_D({ A_, OI, GA, WT_CO }),
	  .tok = { .flags = WINSEC_TOKEN_EVERYONE, .sids = { WT_DU, WT_DG },
		   .level = ME_, .policy = WT_POLICY },
	  .is_dir = FILE_,
	  .expect = { .control = DAI, .owner = WT_DU, .group = WT_DG,
		      .dstate = WT_ACL, .dacl = { { A_, ID, FA, WT_DU } } } },

	/* --- SACL and labels --- */
	{ "audit ACEs inherit with their audit flags",
	  P_S({ AU_, OI | CI | SA, FA, WT_WD }), .tok = TOK_U1(ME_),
	  .is_dir = FILE_, .expect = E_S(SAI, { AU_, ID | SA, FA, WT_WD }) },
	{ "a Low folder label reaches its files",
	  P_S({ ML_, OI | CI, NW, WT_LW }), .tok = TOK_U1(ME_), .is_dir = FILE_,
	  .expect = E_S(SAI, { ML_, ID, NW, WT_LW }) },
	{ "a Low folder label reaches its folders, inheritable",
	  P_S({ ML_, OI | CI, NW, WT_LW }), .tok = TOK_U1(ME_), .is_dir = DIR_,
	  .expect = E_S(SAI, { ML_, OI | CI | ID, NW, WT_LW }) },
	{ "an inherited label is capped at the creator's level",
	  P_S({ ML_, OI | CI, NW, WT_HI }), .tok = TOK_U1(ME_), .is_dir = FILE_,
	  .expect = E_S(SAI, { ML_, ID, NW, WT_ME }) },
	{ "a capped inheritable label splits, the copy keeps the level",
	  P_S({ ML_, OI | CI, NW | NR, WT_HI }), .tok = TOK_U1(ME_),
	  .is_dir = DIR_,
	  .expect = E_S(SAI, { ML_, ID, NW | NR, WT_ME },
			{ ML_, OI | CI | IO | ID, NW | NR, WT_HI }) },
	{ "a High creator gets the High label",
	  P_S({ ML_, OI | CI, NW, WT_HI }), .tok = TOK_U1(HI_), .is_dir = FILE_,
	  .expect = E_S(SAI, { ML_, ID, NW, WT_HI }) },
	{ "system root folder: a High creator's file is High",
	  P_S({ ML_, OI | NP | IO, NW, WT_HI }), .tok = TOK_U1(HI_),
	  .is_dir = FILE_, .expect = E_S(SAI, { ML_, ID, NW, WT_HI }) },
	{ "system root folder: a Medium creator's folder gets nothing",
	  P_S({ ML_, OI | NP | IO, NW, WT_HI }), .tok = TOK_U1(ME_),
	  .is_dir = DIR_, .none = true },
	{ "system root folder: a Medium creator's file is Medium",
	  P_S({ ML_, OI | NP | IO, NW, WT_HI }), .tok = TOK_U1(ME_),
	  .is_dir = FILE_, .expect = E_S(SAI, { ML_, ID, NW, WT_ME }) },
	{ "a Low creator labels what it creates",
	  P_D({ A_, 0, FA, WT_WD }), .tok = TOK_U1(LW_), .is_dir = FILE_,
	  .expect = E_S(0, { ML_, 0, NW, WT_LW }) },
	{ "a Low creator under an inheritable DACL",
	  P_D({ A_, OI | CI, FA, WT_WD }), .tok = TOK_U1(LW_), .is_dir = FILE_,
	  .expect = { .control = DAI, .owner = WT_U1, .group = WT_G1,
		      .dstate = WT_ACL, .dacl = { { A_, ID, FA, WT_WD } },
		      .sstate = WT_ACL, .sacl = { { ML_, 0, NW, WT_LW } } } },
	{ "a Low creator in a Low folder takes the inherited label",
	  P_S({ ML_, OI | CI, NW, WT_LW }), .tok = TOK_U1(LW_), .is_dir = FILE_,
	  .expect = E_S(SAI, { ML_, ID, NW, WT_LW }) },
	{ "a Low creator's own label comes before an inherit-only one",
	  P_S({ ML_, OI, NW, WT_LW }), .tok = TOK_U1(LW_), .is_dir = DIR_,
	  .expect = E_S(SAI, { ML_, 0, NW, WT_LW },
			{ ML_, OI | IO | ID, NW, WT_LW }) },
	{ "a Low creator labels first when the first inherited label is inherit-only",
	  P_S({ ML_, OI, NW, WT_LW }, { ML_, CI, NW | NR, WT_LW }),
	  .tok = TOK_U1(LW_), .is_dir = DIR_,
	  .expect = E_S(SAI, { ML_, 0, NW, WT_LW },
			{ ML_, OI | IO | ID, NW, WT_LW },
			{ ML_, CI | ID, NW | NR, WT_LW }) },
	{ "an Untrusted creator under a Low label is capped",
	  P_S({ ML_, OI | CI, NW, WT_LW }), .tok = TOK_U1(UT_), .is_dir = FILE_,
	  .expect = E_S(SAI, { ML_, ID, NW, WT_UT }) },

	/* --- nothing to store --- */
	{ "nothing inheritable, Medium creator: nothing stored",
	  P_D({ A_, 0, FA, WT_WD }, { A_, IO, FA, WT_BA }), .tok = TOK_U1(ME_),
	  .is_dir = FILE_, .none = true },
	{ "no parent descriptor: nothing stored", .no_parent = true,
	  .tok = TOK_U1(ME_), .is_dir = DIR_, .none = true },
	{ "NULL DACL parent: nothing stored",
	  { .owner = WT_BA, .group = WT_SY, .dstate = WT_NULL },
	  .tok = TOK_U1(ME_), .is_dir = FILE_, .none = true },
	{ "High creator, nothing inheritable: nothing stored",
	  P_D({ A_, 0, FA, WT_WD }), .tok = TOK_U1(HI_), .is_dir = FILE_,
	  .none = true },

	/* --- the creator descriptor --- */
	{ "creator: explicit ACEs first, then inherited ones",
	  P_D({ A_, OI | CI, FA, WT_WD }), .has_creator = true,
	  .creator = C_D(0, { A_, 0, GR, WT_U2 }), .tok = TOK_U1(ME_),
	  .is_dir = FILE_,
	  .expect = E_D(DAI, { A_, 0, FR, WT_U2 }, { A_, ID, FA, WT_WD }) },
	{ "creator: CREATOR OWNER replaced, generic rights mapped",
	  P_D({ A_, 0, FA, WT_WD }), .has_creator = true,
	  .creator = C_D(0, { A_, 0, GA, WT_CO }, { A_, 0, GR, WT_CG }),
	  .tok = TOK_U1(ME_), .is_dir = FILE_,
	  .expect = E_D(0, { A_, 0, FA, WT_U1 }, { A_, 0, FR, WT_G1 }) },
	{ "creator: protected, nothing inherited",
	  P_D({ A_, OI | CI, FA, WT_WD }), .has_creator = true,
	  .creator = C_D(PD, { A_, 0, FA, WT_U2 }), .tok = TOK_U1(ME_),
	  .is_dir = FILE_, .expect = E_D(PD, { A_, 0, FA, WT_U2 }) },
	{ "creator: its inherited ACEs are dropped",
	  P_D({ A_, OI | CI, FA, WT_BA }), .has_creator = true,
	  .creator = C_D(0, { A_, ID, FA, WT_U2 }, { A_, 0, RD, WT_WD }),
	  .tok = TOK_U1(ME_), .is_dir = FILE_,
	  .expect = E_D(DAI, { A_, 0, RD, WT_WD }, { A_, ID, FA, WT_BA }) },
	{ "creator: protected keeps its inherited ACEs as explicit",
	  P_D({ A_, OI | CI, FA, WT_BA }), .has_creator = true,
	  .creator = C_D(PD, { A_, ID, FA, WT_U2 }), .tok = TOK_U1(ME_),
	  .is_dir = FILE_, .expect = E_D(PD, { A_, 0, FA, WT_U2 }) },
	{ "creator: owner and group",
	  P_D({ A_, OI | CI, GA, WT_CO }), .has_creator = true,
	  .creator = { .owner = WT_U2, .group = WT_G3 }, .tok = TOK_U1(ME_),
	  .is_dir = FILE_,
	  .expect = { .control = DAI, .owner = WT_U2, .group = WT_G3,
		      .dstate = WT_ACL, .dacl = { { A_, ID, FA, WT_U2 } } } },
	{ "creator: inherit-only ACEs keep generic rights and CREATOR OWNER",
	  P_D({ A_, 0, FA, WT_WD }), .has_creator = true,
	  .creator = C_D(0, { A_, OI | CI | IO, GA, WT_CO }), .tok = TOK_U1(ME_),
	  .is_dir = DIR_, .expect = E_D(0, { A_, OI | CI | IO, GA, WT_CO }) },
	{ "creator: explicit OI CI GENERIC_ALL is mapped, not split",
	  P_D({ A_, 0, FA, WT_WD }), .has_creator = true,
	  .creator = C_D(0, { A_, OI | CI, GA, WT_U1 }, { A_, OI | CI, GA, WT_BA }),
	  .tok = TOK_U1(ME_), .is_dir = DIR_,
	  .expect = E_D(0, { A_, OI | CI, FA, WT_U1 }, { A_, OI | CI, FA, WT_BA }) },
	{ "creator: a NULL DACL stays NULL",
	  P_D({ A_, OI | CI, FA, WT_WD }), .has_creator = true,
	  .creator = { .dstate = WT_NULL }, .tok = TOK_U1(ME_), .is_dir = FILE_,
	  .expect = { .owner = WT_U1, .group = WT_G1, .dstate = WT_NULL } },
	{ "creator: an empty DACL stays",
	  P_D({ A_, 0, FA, WT_WD }), .has_creator = true,
	  .creator = { .dstate = WT_ACL }, .tok = TOK_U1(ME_), .is_dir = FILE_,
	  .expect = { .owner = WT_U1, .group = WT_G1, .dstate = WT_ACL } },
	{ "creator: a label above the creator is capped",
	  P_D({ A_, 0, FA, WT_WD }), .has_creator = true,
	  .creator = C_S(0, { ML_, 0, NW, WT_HI }), .tok = TOK_U1(ME_),
	  .is_dir = FILE_, .expect = E_S(0, { ML_, 0, NW, WT_ME }) },
	{ "creator: with SeRelabel a higher label is kept",
	  P_D({ A_, 0, FA, WT_WD }), .has_creator = true,
	  .creator = C_S(0, { ML_, 0, NW, WT_HI }),
	  .tok = TOK_U1P(ME_, WINSEC_PRIV_RELABEL), .is_dir = FILE_,
	  .expect = E_S(0, { ML_, 0, NW, WT_HI }) },
	{ "creator: a Low creator's explicit label is not doubled",
	  P_D({ A_, 0, FA, WT_WD }), .has_creator = true,
	  .creator = C_S(0, { ML_, 0, NW | NR, WT_LW }), .tok = TOK_U1(LW_),
	  .is_dir = FILE_, .expect = E_S(0, { ML_, 0, NW | NR, WT_LW }) },
	{ "creator: protected SACL, nothing inherited into it",
	  P_S({ AU_, OI | CI | SA, FA, WT_BA }), .has_creator = true,
	  .creator = C_S(PS, { AU_, SA, FA, WT_WD }), .tok = TOK_U1(ME_),
	  .is_dir = FILE_, .expect = E_S(PS, { AU_, SA, FA, WT_WD }) },
	{ "DACL and SACL inherited together",
	  { .owner = WT_BA, .group = WT_SY, .dstate = WT_ACL,
	    .dacl = { { A_, OI | CI, FA, WT_WD } }, .sstate = WT_ACL,
	    .sacl = { { AU_, OI | CI | SA, WR, WT_WD }, { ML_, OI | CI, NW, WT_LW } } },
	  .tok = TOK_U1(ME_), .is_dir = DIR_,
	  .expect = { .control = DAI | SAI, .owner = WT_U1, .group = WT_G1,
		      .dstate = WT_ACL, .dacl = { { A_, OI | CI | ID, FA, WT_WD } },
		      .sstate = WT_ACL,
		      .sacl = { { AU_, OI | CI | ID | SA, WR, WT_WD },
				{ ML_, OI | CI | ID, NW, WT_LW } } } },
};

/*
 * The bound: the worst growth (a long owner SID replacing CREATOR OWNER in
 * split ACEs) fits, the result is valid, and a buffer one byte short of
 * the bound is refused with -ENOSPC and nothing written.
 */
static inline const char *wt_inherit_bound_check(u8 *out, u32 outsize,
						 u8 *buf1, char *msg)
{
	struct wt_sd parent = P_D({ A_, OI | CI, GA, WT_CO },
				  { A_, CI, GR, WT_CG },
				  { A_, OI | CI | IO, GW, WT_CO },
				  { A_, OI | CI, GX, WT_CO },
				  { D_, OI | CI, GA, WT_CG },
				  { A_, OI | CI, GA, WT_CO },
				  { A_, OI | CI, GA, WT_CO },
				  { A_, OI | CI, GA, WT_CG });
	struct wt_tok t = { .flags = WINSEC_TOKEN_EVERYONE,
			    .sids = { WT_LONG, WT_LONG }, .level = LW_,
			    .policy = WT_POLICY };
	struct wt_token_store st;
	struct winsec_sd p, got;
	u32 len, bound, i;
	int err;

	len = wt_build_sd(&parent, buf1);
	if (winsec_sd_parse(buf1, len, &p, NULL))
		return "parent refused";
	wt_make_token(&t, &st);
	bound = winsec_inherit_bound(&p, NULL);
	if (bound > outsize)
		return "bound over the test buffer";
	err = winsec_inherit(&p, NULL, &st.tok, true, &winsec_dir_mapping,
			     out, bound, &len, NULL);
	if (err) {
		snprintf(msg, WT_MSG, "worst case failed: %d", err);
		return msg;
	}
	if (!len || len > bound || winsec_sd_parse(out, len, &got, NULL))
		return "worst case result invalid";
	if (!got.dacl || winsec_acl_count(got.dacl) != 16)
		return "worst case: every ACE should have split";
	for (i = 0; i < bound; i++)
		out[i] = 0xa5;
	err = winsec_inherit(&p, NULL, &st.tok, true, &winsec_dir_mapping,
			     out, bound - 1, &len, NULL);
	if (err != -ENOSPC || len)
		return "a buffer below the bound was not refused";
	for (i = 0; i < bound; i++)
		if (out[i] != 0xa5)
			return "a refused call wrote into the buffer";
	return NULL;
}

#endif /* _SECURITY_WINSEC_TESTS_INHERIT_CASES_H */
