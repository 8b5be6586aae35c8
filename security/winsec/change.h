/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - replacing the descriptor of an object: what the change is, and
 * what it needs
 *
 * Part of the shared core: compiled into the kernel and, through the
 * compatibility headers of tools/lib/winsec, into userspace. Files and
 * IPC objects follow this one rule, and the tool answers with it.
 */

#ifndef _SECURITY_WINSEC_CHANGE_H
#define _SECURITY_WINSEC_CHANGE_H

#include <linux/types.h>

#include "sd.h"
#include "sid.h"
#include "token.h"

/* Bits of &struct winsec_change.flags. */
#define WINSEC_CHANGE_LABEL	0x01	/* a label ACE or the SACL control */
#define WINSEC_CHANGE_OWNER	0x02	/* the owner */
#define WINSEC_CHANGE_REMOVE	0x04	/* the descriptor goes */
#define WINSEC_CHANGE_CREATOR	0x08	/* a creator descriptor is set */

/**
 * struct winsec_change - a replacement of one descriptor by another
 * @desired: the rights the caller needs on the current descriptor
 * @flags: WINSEC_CHANGE_* bits
 */
struct winsec_change {
	u32 desired;
	u32 flags;
};

bool winsec_sd_has_audit(const struct winsec_sd *sd);
void winsec_change_describe(const struct winsec_sd *old,
			    const struct winsec_sd *new,
			    const struct winsec_sid *owner,
			    const struct winsec_sid *group,
			    struct winsec_change *c);
int winsec_change_permitted(const struct winsec_token *tok,
			    const struct winsec_sd *new, u32 implicit_level,
			    const struct winsec_change *c);

#endif /* _SECURITY_WINSEC_CHANGE_H */
