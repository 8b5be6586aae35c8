/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - resource attributes of RA ACEs as SDDL text (internal to the
 * SDDL library)
 */

#ifndef _TOOLS_LIB_WINSEC_CLAIM_H
#define _TOOLS_LIB_WINSEC_CLAIM_H

#include <linux/compiler.h>

#include "sddl.h"

int winsec_claim_parse(const char *text, size_t *consumed,
		       const struct winsec_sid *domain, u8 *out, size_t cap,
		       size_t *len, struct winsec_sddl_error *err);
char *winsec_claim_print(const u8 *data, size_t len,
			 const struct winsec_sid *domain);

#endif /* _TOOLS_LIB_WINSEC_CLAIM_H */
