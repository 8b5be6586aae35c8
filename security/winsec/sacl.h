/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - audit ACEs: which entry of a SACL asks for a record of an access
 *
 * Part of the shared core: compiled into the kernel and, through the
 * compatibility headers of tools/lib/winsec, into userspace.
 */

#ifndef _SECURITY_WINSEC_SACL_H
#define _SECURITY_WINSEC_SACL_H

#include <linux/types.h>

#include "access.h"
#include "sd.h"
#include "token.h"

/* Outcomes of winsec_audit_ace(). */
#define WINSEC_AUDIT_SUCCESS	0x01	/* the access was granted */
#define WINSEC_AUDIT_FAILURE	0x02	/* the access was denied */

bool winsec_sd_has_audit_aces(const struct winsec_sd *sd);
int winsec_audit_ace(const struct winsec_sd *sd,
		     const struct winsec_token *tok,
		     const struct winsec_generic_mapping *map, u32 rights,
		     u32 outcome);

#endif /* _SECURITY_WINSEC_SACL_H */
