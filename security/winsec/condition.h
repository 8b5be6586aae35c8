/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - conditional ACE expressions (MS-DTYP 2.4.4.17)
 *
 * Part of the shared core: compiled into the kernel and, through the
 * compatibility headers of tools/lib/winsec, into userspace.
 */

#ifndef _SECURITY_WINSEC_CONDITION_H
#define _SECURITY_WINSEC_CONDITION_H

#include <linux/types.h>

#include "access.h"
#include "sd.h"

/* Values of a condition (three-valued logic). */
#define WINSEC_COND_FALSE	0
#define WINSEC_COND_TRUE	1
#define WINSEC_COND_UNKNOWN	2

/*
 * Limits of the evaluator. Windows documents none; these are chosen so
 * that the evaluation stack fits in 512 bytes of kernel stack and that the
 * cost of a comparison stays bounded whatever the descriptor holds:
 *
 *  - WINSEC_COND_STACK_MAX operands may wait on the stack at once (an
 *    expression nested deeper than that evaluates to UNKNOWN; the SDDL
 *    parser accepts 64 levels of parentheses, but only a right-leaning
 *    chain such as "a || (b || (c || ...))" needs one slot per level);
 *  - a composite literal, or an attribute, holds at most
 *    WINSEC_COND_MAX_VALUES values (more is UNKNOWN).
 */
#define WINSEC_COND_STACK_MAX	32
#define WINSEC_COND_MAX_VALUES	256

/* CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1 (MS-DTYP 2.4.10.1) value types. */
#define WINSEC_CLAIM_TYPE_INT64		0x0001
#define WINSEC_CLAIM_TYPE_UINT64	0x0002
#define WINSEC_CLAIM_TYPE_STRING	0x0003
#define WINSEC_CLAIM_TYPE_SID		0x0005
#define WINSEC_CLAIM_TYPE_BOOLEAN	0x0006
#define WINSEC_CLAIM_TYPE_OCTET_STRING	0x0010

/* Flags of a claim (the low 16 bits). */
#define WINSEC_CLAIM_NON_INHERITABLE	0x0001
#define WINSEC_CLAIM_CASE_SENSITIVE	0x0002

/* Fixed part of CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1, before the offsets. */
#define WINSEC_CLAIM_HEADER_SIZE	16

/**
 * struct winsec_claim_set - claims of one kind held by a token
 * @attrs: each a CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1 in self-relative form
 *	   (offsets from its own start), untrusted: checked when looked up
 * @lens: the size in bytes of each entry of @attrs
 * @count: the number of entries
 *
 * When two claims have the same name, the later one is used.
 */
struct winsec_claim_set {
	const u8 *const *attrs;
	const u32 *lens;
	u32 count;
};

/**
 * struct winsec_claims - the claims of a token (&struct winsec_token.claims)
 * @user: what @User.<name> looks up
 * @device: what @Device.<name> looks up
 * @local: what a name without prefix looks up
 *
 * Linux has no source of claims: the kernel's tokens carry none
 * (&struct winsec_token.claims is NULL), so every @User., @Device. and
 * local attribute is absent. The structure is where a future source (a
 * keyring, a user namespace property) would plug in; the userspace tests
 * use it to check the lookup.
 */
struct winsec_claims {
	struct winsec_claim_set user;
	struct winsec_claim_set device;
	struct winsec_claim_set local;
};

int winsec_cond_eval(const u8 *data, u32 len, const struct winsec_token *tok,
		     const struct winsec_acl *sacl);
int winsec_ace_condition(const struct winsec_ace_header *ace,
			 const struct winsec_token *tok,
			 const struct winsec_acl *sacl);
bool winsec_claim_check(const u8 *claim, u32 len);

#endif /* _SECURITY_WINSEC_CONDITION_H */
