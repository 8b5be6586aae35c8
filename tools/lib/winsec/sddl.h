/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - SDDL (MS-DTYP 2.5.1) text <-> self-relative security descriptor
 *
 * Userspace library on top of the shared core (sd.h, sid.h). Stable API:
 *
 *   winsec_sddl_to_sd()   SDDL text -> malloc'd binary descriptor
 *   winsec_sd_to_sddl()   binary descriptor -> malloc'd canonical SDDL
 *
 * Input and output follow Windows (checked against vectors Windows made,
 * tools/testing/winsec/windows): component letters in upper case, ACE
 * fields, aliases and letters in any case; white space before fields,
 * after aliases and single spaces between rights letter pairs, but not
 * after a numeric SID or after the rights; numeric rights in hex
 * ("0x"/"0X"), octal (leading 0) or decimal, with a sign, the magnitude
 * saturating at 0xffffffff; SID numbers in decimal or hex; "OA"/"OD" ACEs
 * without GUIDs stored as "A"/"D". Output is canonical the way Windows
 * prints it: components in the order O G D S, ACL flags P AR AI, ACE flags
 * OI CI NP IO ID SA FA, rights as a composite alias on exact match (FA FR
 * FW FX KA KR KW; 0x20019 prints as KR), else letters in ascending bit
 * order, else "0x%x"; SIDs as an alias when one exists (domain-relative
 * aliases only when a domain SID is given and matches), else "S-1-...",
 * authorities of 2^32 and above in hex without leading zeros.
 *
 * Conditions of callback ACEs (XA XD ZA XU) use the text grammar of MS-DTYP
 * 2.5.1.1, e.g. "(XA;;FA;;;WD;(@User.Title == \"PM\" && Member_of
 * {SID(BA)}))", encoded as in MS-DTYP 2.4.4.17 ("artx", postfix tokens,
 * zero padding) and printed as Windows prints them, fully parenthesized:
 * "((@USER.a == 1) && (@DEVICE.b))". Resource attributes of RA ACEs use
 * ("name",TYPE,flags,value,...) with TI TU TS TD TX TB, stored as
 * CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1 (MS-DTYP 2.4.10.1) in Windows'
 * layout.
 *
 * Extensions, all printed only when needed so that any descriptor the core
 * validator accepts survives binary -> text -> binary unchanged:
 *
 *  - Application data that does not print back to the same bytes (unknown
 *    tokens, layouts other than Windows', data in ACEs of other types) is
 *    written as a seventh ACE field "#" followed by the bytes in hex, e.g.
 *    "(XA;;;;;WD;#...)". Hex data whose length is not a multiple of 4
 *    bytes is padded with zero bytes.
 *  - ACE types without a letter code are written and accepted as numbers
 *    ("0xc"), as are ACE flag bits without a letter code (the whole flags
 *    field as one number, "0x20").
 *
 * What SDDL cannot carry and is therefore lost: the control bits other than
 * DACL/SACL present, protected, auto-inherited and auto-inherit-required
 * (OD GD DD SD DT SS RM) and the resource-manager byte.
 */

#ifndef _TOOLS_LIB_WINSEC_SDDL_H
#define _TOOLS_LIB_WINSEC_SDDL_H

#include <linux/types.h>
#include <stddef.h>

#include "sd.h"
#include "sid.h"
#include "label.h"
#include "change.h"

/* Room for any error message. */
#define WINSEC_SDDL_MSG_MAX	160
/* Room for any SID as text: "S-1-0x" 12 hex digits, 15 * "-4294967295". */
#define WINSEC_SID_STRING_MAX	(4 + 14 + 15 * 11 + 1)
/* Room for any rights string (all letters, or 0x%x). */
#define WINSEC_RIGHTS_STRING_MAX 40
/* Room for any ACE flags string. */
#define WINSEC_ACE_FLAGS_STRING_MAX 16

/**
 * struct winsec_sddl_error - where and why an SDDL string was refused
 * @column: 1-based column of the offending character (0 when the error is
 *	    not about a position, such as an invalid binary descriptor)
 * @message: what is wrong, for example: unknown right "XY"
 */
struct winsec_sddl_error {
	unsigned int column;
	char message[WINSEC_SDDL_MSG_MAX];
};

/**
 * typedef winsec_sddl_resolver - resolves a name used where a SID is expected
 * @name: the name (not NUL-terminated)
 * @len: its length
 * @sid: where to store the SID
 * @ctx: the caller's context
 *
 * Called by winsec_sddl_to_sd_resolve() for a SID field that is neither
 * "S-1-..." nor a two-letter alias. In an ACE the name runs to the next
 * ";" or ")"; after "O:" or "G:" it runs to the next "O:", "G:", "D:" or
 * "S:" (any case) or the end. Surrounding white space is dropped. Names of
 * two characters are always read as aliases.
 *
 * Return: 0 with @sid set, or non-zero when @name is unknown.
 */
typedef int (*winsec_sddl_resolver)(const char *name, size_t len,
				    struct winsec_sid_buf *sid, void *ctx);

int winsec_sddl_to_sd(const char *sddl, const struct winsec_sid *domain,
		      u8 **sd, size_t *len, struct winsec_sddl_error *err);
int winsec_sddl_to_sd_resolve(const char *sddl,
			      const struct winsec_sid *domain,
			      winsec_sddl_resolver resolve, void *ctx,
			      u8 **sd, size_t *len,
			      struct winsec_sddl_error *err);
int winsec_sd_to_sddl(const void *sd, size_t len,
		      const struct winsec_sid *domain, char **sddl,
		      struct winsec_sddl_error *err);
char *winsec_sddl_from_view(const struct winsec_sd *sd,
			    const struct winsec_sid *domain);

int winsec_sid_parse(const char *text, size_t *consumed,
		     const struct winsec_sid *domain,
		     struct winsec_sid_buf *sid, struct winsec_sddl_error *err);
int winsec_sid_from_string(const char *text, const struct winsec_sid *domain,
			   struct winsec_sid_buf *sid);
int winsec_sid_to_string(const struct winsec_sid *sid, char *buf,
			 size_t size);
int winsec_sid_to_sddl(const struct winsec_sid *sid,
		       const struct winsec_sid *domain, char *buf, size_t size);
const char *winsec_sid_alias(const struct winsec_sid *sid,
			     const struct winsec_sid *domain);

bool winsec_sddl_right(const char *name, size_t len, bool label, u32 *mask);
void winsec_rights_to_string(u32 mask, bool label, char *buf, size_t size);
int winsec_sddl_ace_flag(const char *name, size_t len);
void winsec_ace_flags_to_string(u8 flags, char *buf, size_t size);
int winsec_sddl_ace_type(const char *name, size_t len);
const char *winsec_ace_type_name(u8 type);

/* Helpers on top of the core that the kernel does not need (coreutil.c). */
void winsec_acl_build_add_raw(struct winsec_acl_builder *b,
			      const struct winsec_ace_header *ace);
bool winsec_sid_match1(const struct winsec_sid *sid, u64 authority, u32 rid);
bool winsec_sid_match2(const struct winsec_sid *sid, u64 authority,
		       u32 first, u32 second);
const char *winsec_level_title(u32 rid);

#endif /* _TOOLS_LIB_WINSEC_SDDL_H */
