/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - mandatory labels
 *
 * Part of the shared core: compiled into the kernel and, through the
 * compatibility headers of tools/lib/winsec, into userspace.
 */

#ifndef _SECURITY_WINSEC_LABEL_H
#define _SECURITY_WINSEC_LABEL_H

#include <linux/types.h>
#include <uapi/linux/winsec.h>

#include "access.h"
#include "sd.h"
#include "token.h"

/**
 * enum winsec_kind - what an object without a descriptor is
 * @WINSEC_KIND_ORDINARY: a file, directory, FIFO or socket of a file
 *	system, a message queue or a SysV IPC object: Medium
 * @WINSEC_KIND_DEVICE: a character or block device node: no restriction
 *	(Untrusted); the device's driver and mode decide
 * @WINSEC_KIND_KERNEL: a file of proc (outside /proc/sys), a pidfd, an
 *	anonymous inode: no restriction (Untrusted)
 * @WINSEC_KIND_SYSCTL: a file under /proc/sys, a setting of the whole
 *	system: High
 * @WINSEC_KIND_PRIVATE: a file of a kernel-internal mount (pipe, socket,
 *	memfd): the level of the task that made it
 */
enum winsec_kind {
	WINSEC_KIND_ORDINARY,
	WINSEC_KIND_DEVICE,
	WINSEC_KIND_KERNEL,
	WINSEC_KIND_SYSCTL,
	WINSEC_KIND_PRIVATE,
};

/* Size of the SACL of an implicit label: ACL header, one label ACE. */
#define WINSEC_IMPLICIT_SACL_SIZE 28

/**
 * struct winsec_implicit - storage for the implicit label of an object
 * @sacl: a SACL holding one mandatory label ACE
 */
struct winsec_implicit {
	u8 sacl[WINSEC_IMPLICIT_SACL_SIZE];
};

const struct winsec_ace_header *winsec_sd_label(const struct winsec_sd *sd);
u32 winsec_sd_max_label(const struct winsec_sd *sd);
u32 winsec_mic_allowed(const struct winsec_token *tok, u32 level, u32 policy,
		       const struct winsec_generic_mapping *map);
u32 winsec_implicit_level(enum winsec_kind kind, u32 creator);
void winsec_implicit_sd(struct winsec_implicit *buf, u32 level, u32 policy,
			struct winsec_sd *sd);

#endif /* _SECURITY_WINSEC_LABEL_H */
