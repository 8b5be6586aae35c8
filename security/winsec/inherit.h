/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - descriptors of new objects (inheritance)
 *
 * Part of the shared core: compiled into the kernel and, through the
 * compatibility headers of tools/lib/winsec, into userspace.
 */

#ifndef _SECURITY_WINSEC_INHERIT_H
#define _SECURITY_WINSEC_INHERIT_H

#include <linux/types.h>

#include "access.h"
#include "sd.h"

bool winsec_inherit_needed(const struct winsec_sd *parent,
			   const struct winsec_sd *creator, u32 level,
			   bool is_dir);
u32 winsec_inherit_bound(const struct winsec_sd *parent,
			 const struct winsec_sd *creator);
int winsec_inherit(const struct winsec_sd *parent,
		   const struct winsec_sd *creator,
		   const struct winsec_token *tok, bool is_dir,
		   const struct winsec_generic_mapping *map,
		   void *buf, u32 size, u32 *len, struct winsec_sd *view);

#endif /* _SECURITY_WINSEC_INHERIT_H */
