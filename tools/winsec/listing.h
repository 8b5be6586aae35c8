/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - descriptors for people (long listings) and scripts (JSON)
 */

#ifndef _TOOLS_WINSEC_LISTING_H
#define _TOOLS_WINSEC_LISTING_H

#include "sd.h"
#include "winsec.h"

/* One ACE as SDDL, "(A;OICI;FR;;;WD)" ("..." for application data). */
void ace_sddl(const struct winsec_ace *ace, char *buf, size_t size);
/*
 * One ACE as icacls writes it: "Unix User\\alice:(DENY)(OI)(CI)RX";
 * @numeric keeps the SID and the mask in hex.
 */
void ace_long(const struct winsec_ace *ace, enum obj_type type, bool numeric,
	      char *buf, size_t size);
/* The long listing of a descriptor, indented by two spaces. */
void sd_print_long(const struct winsec_sd *sd, enum obj_type type,
		   bool numeric);

/*
 * JSON on stdout: an ACE {"type", "flags", "inherited", "mask", "rights",
 * "short", "sid", "name", "sddl"}; a descriptor {"owner", "group",
 * "control", "dacl", "sacl", "label"}, each ACL null when absent, else
 * {"null", "protected", "auto_inherited", "aces"}.
 */
void json_ace(const struct winsec_ace *ace, enum obj_type type);
void json_sd(const struct winsec_sd *sd, enum obj_type type);
/*
 * "KEY": "PATH", and "KEY_escaped": "..." (backslash escapes) when PATH
 * is not UTF-8, as its JSON string then has U+FFFD in place of bytes.
 */
void json_path(const char *key, const char *path);

#endif /* _TOOLS_WINSEC_LISTING_H */
