/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - access-check test cases
 *
 * One table, two runners: the KUnit suite winsec_access (access_kunit.c)
 * and the userspace runner in tools/testing/winsec/access/. Each case is a
 * descriptor, a token, a request and the expected decision (result,
 * granted rights, reason, deciding ACE). The expected values come from the
 * access-check rules of MS-DTYP 2.5.3.2 and winsec's decisions
 * (Documentation/security/winsec.rst), worked out by hand. Both runners
 * also check every case against the evaluation invariants
 * (access_test_common.h) and walk the whole label policy table for files
 * (wt_label_table below).
 *
 * Tokens: TOK_U1 is uid 1000 (WT_U1), primary group 100 (WT_G1),
 * supplementary groups 200 (WT_G2) and 1000 (WT_G4), Everyone,
 * Authenticated Users and Users; TOK_U2 is uid 1001, group 300 (WT_G3).
 */

#ifndef _SECURITY_WINSEC_TESTS_ACCESS_CASES_H
#define _SECURITY_WINSEC_TESTS_ACCESS_CASES_H

#include "access_test_common.h"

#define OK_	0
#define DENIED	(-EACCES)
#define R_OK_	WINSEC_REASON_GRANTED
#define R_LABEL	WINSEC_REASON_LABEL
#define R_PRIV	WINSEC_REASON_PRIVILEGE
#define R_DENY	WINSEC_REASON_DENY_ACE
#define R_NOT	WINSEC_REASON_NOT_GRANTED
#define R_NONE	WINSEC_REASON_NOTHING_GRANTED

/* A descriptor owned by U2 (so U1 is not the owner) with a DACL. */
#define DACL(...) { .owner = WT_U2, .group = WT_G3, .dstate = WT_ACL, \
		    .dacl = { __VA_ARGS__ } }
/* The same, owned by U1. */
#define ODACL(...) { .owner = WT_U1, .group = WT_G1, .dstate = WT_ACL, \
		     .dacl = { __VA_ARGS__ } }
/* A NULL DACL with a SACL. */
#define NULLD_S(...) { .owner = WT_U2, .group = WT_G3, .dstate = WT_NULL, \
		       .sstate = WT_ACL, .sacl = { __VA_ARGS__ } }

#define OBJ_FILE_GR	(RC | RD | REA | RA | SYN)

static const struct wt_access_case winsec_access_cases[] = {
	/* --- the DACL walk --- */
	{ "allow grants a requested right", DACL({ A_, 0, FR, WT_WD }),
	  TOK_U1(ME_), WT_FILE, RD, OK_, RD, R_OK_, 1 },
	{ "allow of other rights does not grant", DACL({ A_, 0, FR, WT_WD }),
	  TOK_U1(ME_), WT_FILE, WR, DENIED, 0, R_NOT, 0 },
	{ "seed 004: deny write before allow all: read granted",
	  DACL({ D_, 0, 0x116, WT_WD }, { A_, 0, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, FR, OK_, FR, R_OK_, 2 },
	{ "seed 004: deny write before allow all: write denied",
	  DACL({ D_, 0, 0x116, WT_WD }, { A_, 0, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, WR, DENIED, 0, R_DENY, 1 },
	{ "seed 004: FILE_GENERIC_WRITE denied at the deny ACE",
	  DACL({ D_, 0, 0x116, WT_WD }, { A_, 0, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, FW, DENIED, 0, R_DENY, 1 },
	{ "allow before deny: the deny comes too late",
	  DACL({ A_, 0, FA, WT_WD }, { D_, 0, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, WR, OK_, WR, R_OK_, 1 },
	{ "a deny holding a right not yet granted denies",
	  DACL({ A_, 0, RD, WT_WD }, { D_, 0, RD | WR, WT_WD },
	       { A_, 0, WR, WT_WD }),
	  TOK_U1(ME_), WT_FILE, RD | WR, DENIED, 0, R_DENY, 2 },
	{ "a deny of rights already granted does not deny",
	  DACL({ A_, 0, RD, WT_WD }, { D_, 0, RD, WT_WD }, { A_, 0, WR, WT_WD }),
	  TOK_U1(ME_), WT_FILE, RD | WR, OK_, RD | WR, R_OK_, 3 },
	{ "a deny of rights not requested is skipped",
	  DACL({ D_, 0, WR, WT_WD }, { A_, 0, RD, WT_WD }),
	  TOK_U1(ME_), WT_FILE, RD, OK_, RD, R_OK_, 2 },
	{ "a deny ACE with mask 0 is skipped",
	  DACL({ D_, 0, 0, WT_WD }, { A_, 0, RD, WT_WD }),
	  TOK_U1(ME_), WT_FILE, RD, OK_, RD, R_OK_, 2 },
	{ "a deny for another user does not apply",
	  DACL({ D_, 0, FA, WT_U2 }, { A_, 0, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, FA, OK_, FA, R_OK_, 2 },
	{ "rights accumulate over several allow ACEs",
	  DACL({ A_, 0, RD, WT_U1 }, { A_, 0, AP, WT_G3 }, { A_, 0, WR, WT_G1 }),
	  TOK_U1(ME_), WT_FILE, RD | WR, OK_, RD | WR, R_OK_, 3 },
	{ "primary group matches", DACL({ A_, 0, RD, WT_G1 }),
	  TOK_U1(ME_), WT_FILE, RD, OK_, RD, R_OK_, 1 },
	{ "supplementary group matches", DACL({ A_, 0, RD, WT_G2 }),
	  TOK_U1(ME_), WT_FILE, RD, OK_, RD, R_OK_, 1 },
	{ "group of another token does not match", DACL({ A_, 0, RD, WT_G3 }),
	  TOK_U1(ME_), WT_FILE, RD, DENIED, 0, R_NOT, 0 },
	{ "a group numbered like the uid is a group",
	  DACL({ A_, 0, RD, WT_G4 }, { A_, 0, WR, WT_U2 }),
	  TOK_U1(ME_), WT_FILE, RD, OK_, RD, R_OK_, 1 },
	{ "deny by group membership",
	  DACL({ D_, 0, WR, WT_G2 }, { A_, 0, FA, WT_U1 }),
	  TOK_U1(ME_), WT_FILE, WR, DENIED, 0, R_DENY, 1 },
	{ "another user's SID does not match", DACL({ A_, 0, RD, WT_U2 }),
	  TOK_U1(ME_), WT_FILE, RD, DENIED, 0, R_NOT, 0 },
	{ "S-1-22-3-<uid> is neither user nor group", DACL({ A_, 0, RD, WT_X3 }),
	  TOK_U1(ME_), WT_FILE, RD, DENIED, 0, R_NOT, 0 },
	{ "Authenticated Users from the token flags", DACL({ A_, 0, RD, WT_AU }),
	  TOK_U1(ME_), WT_FILE, RD, OK_, RD, R_OK_, 1 },
	{ "Users from the token flags", DACL({ A_, 0, RD, WT_BU }),
	  TOK_U1(ME_), WT_FILE, RD, OK_, RD, R_OK_, 1 },
	{ "no Authenticated Users without the flag", DACL({ A_, 0, RD, WT_AU }),
	  { .flags = WINSEC_TOKEN_EVERYONE | WINSEC_TOKEN_UNIX, .uid = 65534,
	    .gid = 65534, .level = ME_, .policy = WT_POLICY },
	  WT_FILE, RD, DENIED, 0, R_NOT, 0 },
	{ "no Administrators for a user", DACL({ A_, 0, RD, WT_BA }),
	  TOK_U1(ME_), WT_FILE, RD, DENIED, 0, R_NOT, 0 },
	{ "Administrators and SYSTEM for root",
	  DACL({ A_, 0, RD, WT_BA }, { A_, 0, WR, WT_SY }),
	  { .flags = WT_IMPLICIT | WINSEC_TOKEN_SYSTEM, .uid = 0, .gid = 0,
	    .level = SI_, .policy = WT_POLICY },
	  WT_FILE, RD | WR, OK_, RD | WR, R_OK_, 2 },
	{ "Anonymous is nobody's", DACL({ A_, 0, RD, WT_AN }),
	  TOK_U1(ME_), WT_FILE, RD, DENIED, 0, R_NOT, 0 },
	{ "a further SID of the token matches",
	  DACL({ A_, 0, RD, WT_DG }),
	  { .flags = WT_IMPLICIT, .uid = 1000, .gid = 100, .sids = { WT_DU, WT_DG },
	    .level = ME_, .policy = WT_POLICY },
	  WT_FILE, RD, OK_, RD, R_OK_, 1 },
	{ "a token of SIDs only: the user is sids[0]",
	  DACL({ A_, 0, RD, WT_U1 }, { A_, 0, RD | WR, WT_DU }),
	  { .flags = WINSEC_TOKEN_EVERYONE, .sids = { WT_DU, WT_DG },
	    .level = ME_, .policy = WT_POLICY },
	  WT_FILE, RD | WR, OK_, RD | WR, R_OK_, 2 },
	{ "a token of SIDs only holds no Unix SID",
	  DACL({ A_, 0, RD, WT_U0 }, { A_, 0, RD, WT_G1 }),
	  { .flags = WINSEC_TOKEN_EVERYONE, .uid = 0, .gid = 100,
	    .sids = { WT_DU }, .level = ME_, .policy = WT_POLICY },
	  WT_FILE, RD, DENIED, 0, R_NOT, 0 },
	{ "a 15-sub-authority SID matches whole",
	  DACL({ A_, 0, RD, WT_LONG }),
	  { .flags = WT_IMPLICIT, .uid = 1000, .gid = 100, .sids = { WT_LONG },
	    .level = ME_, .policy = WT_POLICY },
	  WT_FILE, RD, OK_, RD, R_OK_, 1 },
	{ "not every right granted: denied with what is missing",
	  DACL({ A_, 0, RD, WT_WD }, { A_, 0, REA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, RD | WR, DENIED, 0, R_NOT, 0 },

	/* --- inherit-only ACEs --- */
	{ "an inherit-only allow grants nothing",
	  DACL({ A_, IO | OI | CI, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, RD, DENIED, 0, R_NOT, 0 },
	{ "an inherit-only deny denies nothing",
	  DACL({ D_, IO | OI, FA, WT_WD }, { A_, 0, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, WR, OK_, WR, R_OK_, 2 },
	{ "inheritance flags without IO apply to the object",
	  DACL({ A_, OI | CI, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, FA, OK_, FA, R_OK_, 1 },
	{ "an inherited (ID) ACE applies like an explicit one",
	  DACL({ D_, ID, WR, WT_WD }, { A_, ID, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, WR, DENIED, 0, R_DENY, 1 },

	/* --- NULL, absent and empty DACL --- */
	{ "NULL DACL grants everything, WRITE_DAC included",
	  { .owner = WT_U2, .group = WT_G3, .dstate = WT_NULL },
	  TOK_U1(ME_), WT_FILE, FA, OK_, FA, R_OK_, 0 },
	{ "absent DACL grants everything",
	  { .owner = WT_U2, .group = WT_G3 },
	  TOK_U1(ME_), WT_FILE, WDAC | WO | DE, OK_, WDAC | WO | DE, R_OK_, 0 },
	{ "empty DACL grants nothing to others",
	  { .owner = WT_U2, .group = WT_G3, .dstate = WT_ACL },
	  TOK_U1(ME_), WT_FILE, RD, DENIED, 0, R_NOT, 0 },
	{ "empty DACL: owner gets READ_CONTROL and WRITE_DAC",
	  { .owner = WT_U1, .group = WT_G1, .dstate = WT_ACL },
	  TOK_U1(ME_), WT_FILE, RC | WDAC, OK_, RC | WDAC, R_OK_, 0 },
	{ "empty DACL: owner gets nothing else",
	  { .owner = WT_U1, .group = WT_G1, .dstate = WT_ACL },
	  TOK_U1(ME_), WT_FILE, RC | RD, DENIED, 0, R_NOT, 0 },
	{ "empty request is granted nothing, successfully",
	  { .owner = WT_U2, .group = WT_G3, .dstate = WT_ACL },
	  TOK_U1(ME_), WT_FILE, 0, OK_, 0, R_OK_, 0 },
	{ "NULL DACL, MAXIMUM_ALLOWED: GENERIC_ALL of files",
	  { .owner = WT_U2, .group = WT_G3, .dstate = WT_NULL },
	  TOK_U1(ME_), WT_FILE, MAXA, OK_, FA, R_OK_, 0 },
	{ "absent DACL, MAXIMUM_ALLOWED: GENERIC_ALL of IPC objects",
	  { .owner = WT_U2, .group = WT_G3 },
	  TOK_U1(ME_), WT_IPC, MAXA, OK_, WINSEC_IPC_ALL_ACCESS, R_OK_, 0 },
	{ "empty DACL, MAXIMUM_ALLOWED: nothing is a denial",
	  { .owner = WT_U2, .group = WT_G3, .dstate = WT_ACL },
	  TOK_U1(ME_), WT_FILE, MAXA, DENIED, 0, R_NONE, 0 },
	{ "empty DACL, MAXIMUM_ALLOWED, owner: the implicit rights",
	  { .owner = WT_U1, .group = WT_G1, .dstate = WT_ACL },
	  TOK_U1(ME_), WT_FILE, MAXA, OK_, RC | WDAC, R_OK_, 0 },

	/* --- the owner --- */
	{ "owner through a group", { .owner = WT_G2, .group = WT_G1,
	  .dstate = WT_ACL }, TOK_U1(ME_), WT_FILE, WDAC, OK_, WDAC, R_OK_, 0 },
	{ "owner rights are not taken away by a deny",
	  ODACL({ D_, 0, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, RC | WDAC, OK_, RC | WDAC, R_OK_, 0 },
	{ "owner rights plus a denied right",
	  ODACL({ D_, 0, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, RC | RD, DENIED, 0, R_DENY, 1 },
	{ "owner rights plus an allowed right",
	  ODACL({ A_, 0, RD, WT_WD }),
	  TOK_U1(ME_), WT_FILE, RC | WDAC | RD, OK_, RC | WDAC | RD, R_OK_, 1 },
	{ "OWNER RIGHTS ACE replaces the implicit rights",
	  ODACL({ A_, 0, RD, WT_OW }),
	  TOK_U1(ME_), WT_FILE, RC, DENIED, 0, R_NOT, 0 },
	{ "OWNER RIGHTS ACE grants the owner",
	  ODACL({ A_, 0, RD, WT_OW }),
	  TOK_U1(ME_), WT_FILE, RD, OK_, RD, R_OK_, 1 },
	{ "OWNER RIGHTS ACE grants nobody else",
	  DACL({ A_, 0, RD, WT_OW }),
	  TOK_U1(ME_), WT_FILE, RD, DENIED, 0, R_NOT, 0 },
	{ "OWNER RIGHTS deny ACE denies the owner WRITE_DAC",
	  ODACL({ D_, 0, WDAC, WT_OW }, { A_, 0, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, WDAC, DENIED, 0, R_DENY, 1 },
	{ "an inherit-only OWNER RIGHTS ACE keeps the implicit rights",
	  ODACL({ A_, OI | CI | IO, RD, WT_OW }),
	  TOK_U1(ME_), WT_FILE, RC | WDAC, OK_, RC | WDAC, R_OK_, 0 },
	{ "an OWNER RIGHTS object ACE also replaces the implicit rights",
	  ODACL({ OD_, 0, WR, WT_OW, 1 }, { A_, 0, RD, WT_WD }),
	  TOK_U1(ME_), WT_FILE, RC, DENIED, 0, R_NOT, 0 },
	{ "a descriptor without owner gives no owner rights",
	  { .dstate = WT_ACL }, TOK_U1(ME_), WT_FILE, RC, DENIED, 0, R_NOT, 0 },
	{ "MAXIMUM_ALLOWED, owner and an allow",
	  ODACL({ A_, 0, RD, WT_WD }),
	  TOK_U1(ME_), WT_FILE, MAXA, OK_, RC | WDAC | RD, R_OK_, 0 },
	{ "MAXIMUM_ALLOWED, OWNER RIGHTS",
	  ODACL({ A_, 0, RD | WR, WT_OW }, { A_, 0, REA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, MAXA, OK_, RD | WR | REA, R_OK_, 0 },

	/* --- privileges --- */
	{ "ACCESS_SYSTEM_SECURITY without SeSecurityPrivilege",
	  DACL({ A_, 0, 0xffffffff, WT_WD }),
	  TOK_U1(ME_), WT_FILE, ASS, DENIED, 0, R_PRIV, 0 },
	{ "ACCESS_SYSTEM_SECURITY without the privilege, NULL DACL",
	  { .owner = WT_U2, .group = WT_G3, .dstate = WT_NULL },
	  TOK_U1(ME_), WT_FILE, ASS, DENIED, 0, R_PRIV, 0 },
	{ "ACCESS_SYSTEM_SECURITY with SeSecurityPrivilege, empty DACL",
	  { .owner = WT_U2, .group = WT_G3, .dstate = WT_ACL },
	  TOK_U1P(ME_, WINSEC_PRIV_SECURITY), WT_FILE, ASS, OK_, ASS, R_OK_, 0 },
	{ "ACCESS_SYSTEM_SECURITY and a right the DACL grants",
	  DACL({ A_, 0, RD, WT_WD }),
	  TOK_U1P(ME_, WINSEC_PRIV_SECURITY), WT_FILE, ASS | RD, OK_, ASS | RD,
	  R_OK_, 1 },
	{ "SeSecurityPrivilege grants nothing else",
	  { .owner = WT_U2, .group = WT_G3, .dstate = WT_ACL },
	  TOK_U1P(ME_, WINSEC_PRIV_SECURITY), WT_FILE, ASS | RD, DENIED, 0,
	  R_NOT, 0 },
	{ "SeTakeOwnership grants WRITE_OWNER on an empty DACL",
	  { .owner = WT_U2, .group = WT_G3, .dstate = WT_ACL },
	  TOK_U1P(ME_, WINSEC_PRIV_TAKE_OWNERSHIP), WT_FILE, WO, OK_, WO, R_OK_, 0 },
	{ "SeTakeOwnership is not undone by a deny",
	  DACL({ D_, 0, FA, WT_WD }),
	  TOK_U1P(ME_, WINSEC_PRIV_TAKE_OWNERSHIP), WT_FILE, WO, OK_, WO, R_OK_, 0 },
	{ "SeTakeOwnership grants nothing else",
	  DACL({ D_, 0, FA, WT_WD }),
	  TOK_U1P(ME_, WINSEC_PRIV_TAKE_OWNERSHIP), WT_FILE, WO | RD, DENIED, 0,
	  R_DENY, 1 },
	{ "MAXIMUM_ALLOWED alone does not use SeTakeOwnership",
	  DACL({ A_, 0, RD, WT_WD }),
	  TOK_U1P(ME_, WINSEC_PRIV_TAKE_OWNERSHIP), WT_FILE, MAXA, OK_, RD, R_OK_, 0 },
	{ "MAXIMUM_ALLOWED with WRITE_OWNER uses SeTakeOwnership",
	  DACL({ A_, 0, RD, WT_WD }),
	  TOK_U1P(ME_, WINSEC_PRIV_TAKE_OWNERSHIP), WT_FILE, MAXA | WO, OK_,
	  RD | WO, R_OK_, 0 },
	{ "SeBackup and SeRestore bypass nothing",
	  { .owner = WT_U2, .group = WT_G3, .dstate = WT_ACL },
	  TOK_U1P(ME_, WINSEC_PRIV_BACKUP | WINSEC_PRIV_RESTORE), WT_FILE,
	  RD | WR, DENIED, 0, R_NOT, 0 },
	{ "SeRelabel alone does not grant WRITE_OWNER",
	  { .owner = WT_U2, .group = WT_G3, .dstate = WT_ACL },
	  TOK_U1P(ME_, WINSEC_PRIV_RELABEL), WT_FILE, WO, DENIED, 0, R_NOT, 0 },

	/* --- generic rights --- */
	{ "GENERIC_READ in the request is mapped",
	  DACL({ A_, 0, FR, WT_WD }),
	  TOK_U1(ME_), WT_FILE, GR, OK_, FR, R_OK_, 1 },
	{ "GENERIC_ALL in the request is mapped",
	  DACL({ A_, 0, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, GA, OK_, FA, R_OK_, 1 },
	{ "GENERIC_ALL in an ACE is mapped at check time",
	  DACL({ A_, 0, GA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, RD | WDAC, OK_, RD | WDAC, R_OK_, 1 },
	{ "GENERIC_WRITE in a deny ACE is mapped at check time",
	  DACL({ D_, 0, GW, WT_WD }, { A_, 0, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, WA, DENIED, 0, R_DENY, 1 },
	{ "GENERIC_READ in an ACE does not grant write",
	  DACL({ A_, 0, GR, WT_WD }),
	  TOK_U1(ME_), WT_FILE, WR, DENIED, 0, R_NOT, 0 },
	{ "IPC: GENERIC_READ grants receive", DACL({ A_, 0, GR, WT_WD }),
	  TOK_U1(ME_), WT_IPC, WINSEC_IPC_READ, OK_, WINSEC_IPC_READ, R_OK_, 1 },
	{ "IPC: GENERIC_READ does not grant send", DACL({ A_, 0, GR, WT_WD }),
	  TOK_U1(ME_), WT_IPC, WINSEC_IPC_WRITE, DENIED, 0, R_NOT, 0 },
	{ "IPC: MAXIMUM_ALLOWED of GENERIC_ALL", DACL({ A_, 0, GA, WT_WD }),
	  TOK_U1(ME_), WT_IPC, MAXA, OK_, WINSEC_IPC_ALL_ACCESS, R_OK_, 0 },
	{ "task: MAXIMUM_ALLOWED on a NULL DACL",
	  { .owner = WT_U2, .group = WT_G3, .dstate = WT_NULL },
	  TOK_U1(ME_), WT_TASK, MAXA, OK_, WINSEC_TASK_ALL_ACCESS, R_OK_, 0 },
	{ "directory: GENERIC_WRITE covers add file and subdirectory",
	  DACL({ A_, 0, GW, WT_WD }),
	  TOK_U1(ME_), WT_DIR, WINSEC_FILE_ADD_FILE | WINSEC_FILE_ADD_SUBDIRECTORY,
	  OK_, WINSEC_FILE_ADD_FILE | WINSEC_FILE_ADD_SUBDIRECTORY, R_OK_, 1 },

	/* --- MAXIMUM_ALLOWED --- */
	{ "MAXIMUM_ALLOWED: one allow", DACL({ A_, 0, FR, WT_WD }),
	  TOK_U1(ME_), WT_FILE, MAXA, OK_, FR, R_OK_, 0 },
	{ "MAXIMUM_ALLOWED: a later deny removes nothing granted",
	  DACL({ A_, 0, FR, WT_WD }, { D_, 0, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, MAXA, OK_, FR, R_OK_, 0 },
	{ "MAXIMUM_ALLOWED: an earlier deny removes its rights",
	  DACL({ D_, 0, WR, WT_WD }, { A_, 0, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, MAXA, OK_, FA & ~WR, R_OK_, 0 },
	{ "MAXIMUM_ALLOWED and a denied specific right",
	  DACL({ D_, 0, WR, WT_WD }, { A_, 0, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, MAXA | WR, DENIED, 0, R_NOT, 0 },
	{ "MAXIMUM_ALLOWED and a granted specific right",
	  DACL({ D_, 0, WR, WT_WD }, { A_, 0, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, MAXA | RD, OK_, FA & ~WR, R_OK_, 0 },
	{ "MAXIMUM_ALLOWED skips inherit-only ACEs",
	  DACL({ A_, IO | OI, FA, WT_WD }, { A_, 0, RD, WT_WD }),
	  TOK_U1(ME_), WT_FILE, MAXA, OK_, RD, R_OK_, 0 },
	{ "MAXIMUM_ALLOWED: ACEs of other SIDs do not count",
	  DACL({ A_, 0, FA, WT_U2 }, { A_, 0, RD, WT_G2 }, { D_, 0, RD, WT_G3 }),
	  TOK_U1(ME_), WT_FILE, MAXA, OK_, RD, R_OK_, 0 },
	{ "MAXIMUM_ALLOWED: nothing matches is a denial",
	  DACL({ A_, 0, FA, WT_U2 }),
	  TOK_U1(ME_), WT_FILE, MAXA, DENIED, 0, R_NONE, 0 },
	{ "MAXIMUM_ALLOWED with ACCESS_SYSTEM_SECURITY and the privilege",
	  DACL({ A_, 0, RD, WT_WD }),
	  TOK_U1P(ME_, WINSEC_PRIV_SECURITY), WT_FILE, MAXA | ASS, OK_,
	  RD | ASS, R_OK_, 0 },

	/* --- object and callback ACEs --- */
	{ "an object allow ACE never grants",
	  DACL({ OA_, 0, FA, WT_WD, 1 }),
	  TOK_U1(ME_), WT_FILE, RD, DENIED, 0, R_NOT, 0 },
	{ "an object allow ACE without GUID never grants",
	  DACL({ OA_, 0, FA, WT_WD, 0 }),
	  TOK_U1(ME_), WT_FILE, RD, DENIED, 0, R_NOT, 0 },
	{ "an object deny ACE denies",
	  DACL({ OD_, 0, WR, WT_WD, 1 }, { A_, 0, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, WR, DENIED, 0, R_DENY, 1 },
	{ "a callback allow ACE never grants",
	  DACL({ XA_, 0, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, RD, DENIED, 0, R_NOT, 0 },
	{ "a callback deny ACE denies",
	  DACL({ XD_, 0, WR, WT_WD }, { A_, 0, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, WR, DENIED, 0, R_DENY, 1 },
	{ "a callback deny ACE of another SID does not",
	  DACL({ XD_, 0, WR, WT_U2 }, { A_, 0, FA, WT_WD }),
	  TOK_U1(ME_), WT_FILE, WR, OK_, WR, R_OK_, 2 },
	{ "MAXIMUM_ALLOWED: object deny removes, object allow adds nothing",
	  DACL({ OD_, 0, WR, WT_WD, 1 }, { OA_, 0, DE, WT_WD, 1 },
	       { A_, 0, FR | WR, WT_WD }),
	  TOK_U1(ME_), WT_FILE, MAXA, OK_, FR, R_OK_, 0 },

	/* --- mandatory integrity --- */
	{ "acceptance: High NW label refuses a Medium writer",
	  { .dstate = WT_ACL, .dacl = { { A_, 0, FR, WT_WD } },
	    .sstate = WT_ACL, .sacl = { { ML_, 0, NW, WT_HI } } },
	  TOK_U1(ME_), WT_FILE, WR, DENIED, 0, R_LABEL, 0 },
	{ "acceptance: High NW label lets a Medium reader read",
	  { .dstate = WT_ACL, .dacl = { { A_, 0, FR, WT_WD } },
	    .sstate = WT_ACL, .sacl = { { ML_, 0, NW, WT_HI } } },
	  TOK_U1(ME_), WT_FILE, RD, OK_, RD, R_OK_, 1 },
	{ "the label is checked before the DACL",
	  { .dstate = WT_ACL, .dacl = { { A_, 0, FA, WT_WD } },
	    .sstate = WT_ACL, .sacl = { { ML_, 0, NW, WT_HI } } },
	  TOK_U1(ME_), WT_FILE, WDAC, DENIED, 0, R_LABEL, 0 },
	{ "unlabeled object: Low cannot write",
	  { .owner = WT_U1, .group = WT_G1 },
	  TOK_U1(LW_), WT_FILE, WR, DENIED, 0, R_LABEL, 0 },
	{ "unlabeled object: Low can read",
	  { .owner = WT_U1, .group = WT_G1 },
	  TOK_U1(LW_), WT_FILE, FR, OK_, FR, R_OK_, 0 },
	{ "unlabeled object: Low owner cannot change the DACL",
	  { .owner = WT_U1, .group = WT_G1, .dstate = WT_ACL },
	  TOK_U1(LW_), WT_FILE, WDAC, DENIED, 0, R_LABEL, 0 },
	{ "unlabeled object: Low cannot delete",
	  { .owner = WT_U1, .group = WT_G1, .dstate = WT_NULL },
	  TOK_U1(LW_), WT_FILE, DE, DENIED, 0, R_LABEL, 0 },
	{ "an inherit-only label counts as Medium",
	  { .dstate = WT_NULL, .sstate = WT_ACL,
	    .sacl = { { ML_, OI | CI | IO, NW, WT_LW } } },
	  TOK_U1(LW_), WT_FILE, WR, DENIED, 0, R_LABEL, 0 },
	{ "a Low label lets Low write",
	  NULLD_S({ ML_, OI | CI, NW, WT_LW }),
	  TOK_U1(LW_), WT_FILE, WR, OK_, WR, R_OK_, 0 },
	{ "only the first label counts",
	  NULLD_S({ ML_, 0, NW, WT_LW }, { ML_, 0, NW | NR, WT_SI }),
	  TOK_U1(LW_), WT_FILE, WR | RD, OK_, WR | RD, R_OK_, 0 },
	{ "audit ACEs before the label do not hide it",
	  NULLD_S({ AU_, SA, FA, WT_WD }, { ML_, 0, NW, WT_HI }),
	  TOK_U1(ME_), WT_FILE, WA, DENIED, 0, R_LABEL, 0 },
	{ "an equal level is not restricted",
	  NULLD_S({ ML_, 0, NW | NR | NX, WT_ME }),
	  TOK_U1(ME_), WT_FILE, FA, OK_, FA, R_OK_, 0 },
	{ "a higher level is not restricted",
	  NULLD_S({ ML_, 0, NW | NR | NX, WT_HI }),
	  TOK_U1(SI_), WT_FILE, FA, OK_, FA, R_OK_, 0 },
	{ "Medium Plus dominates Medium",
	  NULLD_S({ ML_, 0, NW, WT_ME }),
	  TOK_U1(WINSEC_LEVEL_MEDIUM_PLUS), WT_FILE, WR, OK_, WR, R_OK_, 0 },
	{ "Medium does not dominate Medium Plus",
	  NULLD_S({ ML_, 0, NW, WT_MP }),
	  TOK_U1(ME_), WT_FILE, WR, DENIED, 0, R_LABEL, 0 },
	{ "a token without NO_WRITE_UP policy is not restricted",
	  NULLD_S({ ML_, 0, NW | NR | NX, WT_SI }),
	  { .flags = WT_IMPLICIT, .uid = 1000, .gid = 100, .level = LW_,
	    .policy = WINSEC_POLICY_NEW_PROCESS_MIN },
	  WT_FILE, FA, OK_, FA, R_OK_, 0 },
	{ "NO_READ_UP refuses a lower reader",
	  NULLD_S({ ML_, 0, NW | NR, WT_HI }),
	  TOK_U1(ME_), WT_FILE, RD, DENIED, 0, R_LABEL, 0 },
	{ "NO_EXECUTE_UP refuses a lower executor",
	  NULLD_S({ ML_, 0, NW | NX, WT_HI }),
	  TOK_U1(ME_), WT_FILE, EX, DENIED, 0, R_LABEL, 0 },
	{ "SeRelabel lets a lower token take WRITE_OWNER past the label",
	  { .dstate = WT_NULL, .sstate = WT_ACL, .sacl = { { ML_, 0, NW, WT_HI } } },
	  TOK_U1P(ME_, WINSEC_PRIV_RELABEL), WT_FILE, WO, OK_, WO, R_OK_, 0 },
	{ "SeTakeOwnership does not pass the label",
	  { .dstate = WT_NULL, .sstate = WT_ACL, .sacl = { { ML_, 0, NW, WT_HI } } },
	  TOK_U1P(ME_, WINSEC_PRIV_TAKE_OWNERSHIP), WT_FILE, WO, DENIED, 0,
	  R_LABEL, 0 },
	{ "ACCESS_SYSTEM_SECURITY is a write for the label",
	  { .dstate = WT_NULL, .sstate = WT_ACL, .sacl = { { ML_, 0, NW, WT_HI } } },
	  TOK_U1P(ME_, WINSEC_PRIV_SECURITY), WT_FILE, ASS, DENIED, 0, R_LABEL, 0 },
	{ "MAXIMUM_ALLOWED is limited by the label",
	  { .dstate = WT_ACL, .dacl = { { A_, 0, FA, WT_WD } },
	    .sstate = WT_ACL, .sacl = { { ML_, 0, NW, WT_HI } } },
	  TOK_U1(ME_), WT_FILE, MAXA, OK_, 0x1200a9, R_OK_, 0 },
	{ "MAXIMUM_ALLOWED: a label leaving nothing denies",
	  { .dstate = WT_ACL, .dacl = { { A_, 0, FA, WT_WD } },
	    .sstate = WT_ACL, .sacl = { { ML_, 0, NW | NR | NX, WT_HI } } },
	  TOK_U1(ME_), WT_FILE, MAXA, DENIED, 0, R_LABEL, 0 },
	{ "MAXIMUM_ALLOWED with a write the label refuses",
	  { .dstate = WT_ACL, .dacl = { { A_, 0, FA, WT_WD } },
	    .sstate = WT_ACL, .sacl = { { ML_, 0, NW, WT_HI } } },
	  TOK_U1(ME_), WT_FILE, MAXA | WR, DENIED, 0, R_LABEL, 0 },
	{ "the label passes, then the DACL refuses",
	  { .dstate = WT_ACL, .dacl = { { D_, 0, RD, WT_WD } },
	    .sstate = WT_ACL, .sacl = { { ML_, 0, NW, WT_HI } } },
	  TOK_U1(ME_), WT_FILE, RD, DENIED, 0, R_DENY, 1 },
	{ "seed 000: Medium IPC object without descriptor, Low client writes",
	  { .owner = WT_U2, .group = WT_G3 },
	  TOK_U1(LW_), WT_IPC, WINSEC_IPC_WRITE, DENIED, 0, R_LABEL, 0 },
	{ "seed 000: the Low client may still read",
	  { .owner = WT_U2, .group = WT_G3 },
	  TOK_U1(LW_), WT_IPC, WINSEC_IPC_READ | SYN, OK_,
	  WINSEC_IPC_READ | SYN, R_OK_, 0 },
	{ "seed 000: opened with a Low label, the Low client writes",
	  { .owner = WT_U2, .group = WT_G3, .dstate = WT_ACL,
	    .dacl = { { A_, 0, GA, WT_WD }, { A_, 0, GA, WT_AN } },
	    .sstate = WT_ACL, .sacl = { { ML_, 0, NW, WT_LW } } },
	  TOK_U1(LW_), WT_IPC, WINSEC_IPC_WRITE | WINSEC_IPC_READ, OK_,
	  WINSEC_IPC_WRITE | WINSEC_IPC_READ, R_OK_, 1 },
	{ "task: NW|NR label refuses a lower task's query",
	  NULLD_S({ ML_, 0, NW | NR, WT_HI }),
	  TOK_U1(ME_), WT_TASK, WINSEC_TASK_QUERY, DENIED, 0, R_LABEL, 0 },
	{ "task: NW|NR label refuses a lower task's signal",
	  NULLD_S({ ML_, 0, NW | NR, WT_HI }),
	  TOK_U1(ME_), WT_TASK, WINSEC_TASK_SIGNAL, DENIED, 0, R_LABEL, 0 },
	{ "task: a lower task may synchronize",
	  NULLD_S({ ML_, 0, NW | NR, WT_HI }),
	  TOK_U1(ME_), WT_TASK, SYN, OK_, SYN, R_OK_, 0 },
	{ "task: a higher task may control",
	  NULLD_S({ ML_, 0, NW | NR, WT_ME }),
	  TOK_U1(HI_), WT_TASK, WINSEC_TASK_CONTROL | WINSEC_TASK_SIGNAL, OK_,
	  WINSEC_TASK_CONTROL | WINSEC_TASK_SIGNAL, R_OK_, 0 },
	{ "Untrusted is below Low",
	  NULLD_S({ ML_, 0, NW, WT_LW }),
	  TOK_U1(UT_), WT_FILE, AP, DENIED, 0, R_LABEL, 0 },
};

/**
 * struct wt_label_row - one row of the label policy table for files
 * @policy: the label's NW / NR / NX bits
 * @allowed: what a lower-level token may get at most (the label policy
 *	     table of MS-DTYP 2.5.3.2, completed for every combination)
 */
struct wt_label_row {
	u32 policy;
	u32 allowed;
};

static const struct wt_label_row wt_label_table[] = {
	{ 0,		0x1201bf },	/* read, write, execute */
	{ NW,		0x1200a9 },	/* the default label */
	{ NR,		0x1201b6 },
	{ NW | NR,	0x1200a0 },
	{ NX,		0x12019f },
	{ NW | NX,	0x120089 },
	{ NR | NX,	0x120116 },
	{ NW | NR | NX,	0 },
};

/*
 * One row of the label table: a NULL DACL (so that only the label
 * decides), the object at High, tokens below (Low, Medium), equal (High)
 * and above (System), every single right of a file (and MAXIMUM_ALLOWED).
 * Also with SeRelabelPrivilege, which adds WRITE_OWNER below.
 */
static inline const char *wt_label_row_check(const struct wt_label_row *row,
					     u8 *buf, char *msg)
{
	static const u32 levels[] = { LW_, ME_, HI_, SI_ };
	static const u32 rights[] = { RD, WR, AP, REA, WEA, EX, DCH, RA, WA,
				      DE, RC, WDAC, WO, SYN, ASS };
	struct wt_access_case c = {
		.name = "label table",
		.sd = { .dstate = WT_NULL, .sstate = WT_ACL,
			.sacl = { { ML_, 0, row->policy, WT_HI } } },
		.tok = TOK_U1P(ME_, WINSEC_PRIV_SECURITY),
		.map = WT_FILE,
	};
	u32 l, r, relabel;
	const char *err;

	for (relabel = 0; relabel < 2; relabel++) {
		c.tok.privileges = WINSEC_PRIV_SECURITY |
				   (relabel ? WINSEC_PRIV_RELABEL : 0);
		for (l = 0; l < ARRAY_SIZE(levels); l++) {
			bool below = levels[l] < HI_;
			u32 allowed = row->allowed | (relabel ? WO : 0);

			c.tok.level = levels[l];
			for (r = 0; r < ARRAY_SIZE(rights); r++) {
				bool ok = !below || (rights[r] & allowed);

				c.desired = rights[r];
				c.result = ok ? OK_ : DENIED;
				c.granted = ok ? rights[r] : 0;
				c.reason = ok ? R_OK_ : R_LABEL;
				err = wt_access_case(&c, buf, msg);
				if (err)
					return err;
			}
			/* MAXIMUM_ALLOWED: all of the file rights, limited. */
			c.desired = MAXA;
			c.granted = below ? (FA & allowed) : FA;
			c.result = c.granted ? OK_ : DENIED;
			c.reason = c.granted ? R_OK_ : R_LABEL;
			err = wt_access_case(&c, buf, msg);
			if (err)
				return err;
		}
	}
	return NULL;
}

#endif /* _SECURITY_WINSEC_TESTS_ACCESS_CASES_H */
