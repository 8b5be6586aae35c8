/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - conditional ACE expressions as SDDL text (internal to the SDDL
 * library)
 */

#ifndef _TOOLS_LIB_WINSEC_COND_H
#define _TOOLS_LIB_WINSEC_COND_H

#include <linux/compiler.h>
#include <stdarg.h>

#include "sddl.h"

int winsec_cond_parse(const char *text, size_t *consumed,
		      const struct winsec_sid *domain,
		      winsec_sddl_resolver resolve, void *ctx, u8 *out,
		      size_t cap, size_t *len, struct winsec_sddl_error *err);
char *winsec_cond_print(const u8 *data, size_t len,
			const struct winsec_sid *domain);

#endif /* _TOOLS_LIB_WINSEC_COND_H */
