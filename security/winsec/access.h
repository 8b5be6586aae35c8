/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec - tokens and the access check
 *
 * Part of the shared core: compiled into the kernel and, through the
 * compatibility headers of tools/lib/winsec, into userspace.
 */

#ifndef _SECURITY_WINSEC_ACCESS_H
#define _SECURITY_WINSEC_ACCESS_H

#include <linux/types.h>
#include <uapi/linux/winsec.h>

#include "sd.h"
#include "sid.h"

/* Privileges a token can hold (bits of &struct winsec_token.privileges). */
#define WINSEC_PRIV_BACKUP		0x01	/* SeBackupPrivilege */
#define WINSEC_PRIV_RESTORE		0x02	/* SeRestorePrivilege */
#define WINSEC_PRIV_TAKE_OWNERSHIP	0x04	/* SeTakeOwnershipPrivilege */
#define WINSEC_PRIV_SECURITY		0x08	/* SeSecurityPrivilege */
#define WINSEC_PRIV_RELABEL		0x10	/* SeRelabelPrivilege */
#define WINSEC_PRIV_ALL			0x1f

/* Groups a token holds implicitly (bits of &struct winsec_token.flags). */
#define WINSEC_TOKEN_EVERYONE		0x01	/* S-1-1-0 */
#define WINSEC_TOKEN_AUTHENTICATED	0x02	/* S-1-5-11 */
#define WINSEC_TOKEN_USERS		0x04	/* S-1-5-32-545 */
#define WINSEC_TOKEN_SYSTEM		0x08	/* S-1-5-18 and S-1-5-32-544 */
#define WINSEC_TOKEN_UNIX		0x10	/* @uid, @gid, @groups are valid */

struct winsec_claims;

/**
 * struct winsec_token - the subject of an access check
 * @flags: WINSEC_TOKEN_* bits
 * @uid: Unix user, the token's user S-1-22-1-<uid> (with %WINSEC_TOKEN_UNIX)
 * @gid: primary Unix group, S-1-22-2-<gid> (with %WINSEC_TOKEN_UNIX)
 * @groups: supplementary gids, sorted ascending (with %WINSEC_TOKEN_UNIX)
 * @ngroups: number of entries of @groups
 * @sids: further SIDs the token holds; when %WINSEC_TOKEN_UNIX is clear,
 *	  @sids[0] is the user and @sids[1] the primary group
 * @nsids: number of entries of @sids
 * @level: integrity level RID (WINSEC_LEVEL_*)
 * @policy: mandatory policy (WINSEC_POLICY_*)
 * @privileges: WINSEC_PRIV_* bits
 * @claims: the user, device and local claims that conditional ACEs read
 *	    (see condition.h), or NULL: the kernel has no source of claims
 *	    and leaves it NULL
 *
 * The kernel fills a token from a cred without allocating: the Unix SIDs are
 * never materialised, membership is decided by comparing the SID's form with
 * @uid / @gid and by a binary search of @groups. Userspace can describe any
 * token through @sids.
 */
struct winsec_token {
	u32 flags;
	u32 uid;
	u32 gid;
	const u32 *groups;
	u32 ngroups;
	const struct winsec_sid *const *sids;
	u32 nsids;
	u32 level;
	u32 policy;
	u32 privileges;
	const struct winsec_claims *claims;
};

/**
 * struct winsec_generic_mapping - GENERIC_* rights of an object type
 * @read: what GENERIC_READ means
 * @write: what GENERIC_WRITE means
 * @execute: what GENERIC_EXECUTE means
 * @all: what GENERIC_ALL means
 */
struct winsec_generic_mapping {
	u32 read;
	u32 write;
	u32 execute;
	u32 all;
};

extern const struct winsec_generic_mapping winsec_file_mapping;
extern const struct winsec_generic_mapping winsec_dir_mapping;
extern const struct winsec_generic_mapping winsec_ipc_mapping;
extern const struct winsec_generic_mapping winsec_task_mapping;

/**
 * enum winsec_reason - what decided an access check
 * @WINSEC_REASON_GRANTED: every requested right was granted
 * @WINSEC_REASON_LABEL: the mandatory label refused a requested right (or,
 *	with MAXIMUM_ALLOWED, removed everything the DACL granted)
 * @WINSEC_REASON_PRIVILEGE: ACCESS_SYSTEM_SECURITY without SeSecurityPrivilege
 * @WINSEC_REASON_DENY_ACE: a deny ACE refused a requested right
 * @WINSEC_REASON_NOT_GRANTED: the DACL did not grant every requested right
 * @WINSEC_REASON_NOTHING_GRANTED: MAXIMUM_ALLOWED found nothing to grant
 */
enum winsec_reason {
	WINSEC_REASON_GRANTED,
	WINSEC_REASON_LABEL,
	WINSEC_REASON_PRIVILEGE,
	WINSEC_REASON_DENY_ACE,
	WINSEC_REASON_NOT_GRANTED,
	WINSEC_REASON_NOTHING_GRANTED,
};

/* Where the DACL stood (&struct winsec_decision.dacl). */
#define WINSEC_DACL_ABSENT	0	/* no DACL: everything granted */
#define WINSEC_DACL_NULL	1	/* NULL DACL: everything granted */
#define WINSEC_DACL_ACL		2	/* an ACL was walked */

/**
 * struct winsec_decision - outcome of an access check
 * @granted: the rights granted (0 when denied)
 * @desired: the request after generic mapping (MAXIMUM_ALLOWED kept)
 * @missing: requested rights that were not granted (0 when granted); for a
 *	     denial by a deny ACE, the requested rights that ACE holds
 * @reason: what decided it
 * @ace_index: index in the DACL of the deciding ACE, or -1: the deny ACE
 *	       that refused the request, or the ACE after which every
 *	       requested right was granted; -1 when the label, a privilege,
 *	       ownership or the absence of a DACL decided, and always with
 *	       MAXIMUM_ALLOWED (every ACE is then considered)
 * @label_level: the object's integrity level RID (Medium when unlabeled)
 * @label_policy: the object's label policy (NW/NR/NX bits)
 * @label_explicit: whether the descriptor holds an effective label ACE
 * @mic_allowed: the rights the label leaves to this token (all bits set when
 *		 the label restricts nothing)
 * @privileges: with %WINSEC_REASON_PRIVILEGE the privilege that is missing,
 *		otherwise the privileges that granted a right
 * @owner_rights: rights granted implicitly by ownership
 * @dacl: WINSEC_DACL_* state of the DACL
 */
struct winsec_decision {
	u32 granted;
	u32 desired;
	u32 missing;
	enum winsec_reason reason;
	int ace_index;
	u32 label_level;
	u32 label_policy;
	bool label_explicit;
	u32 mic_allowed;
	u32 privileges;
	u32 owner_rights;
	u8 dacl;
};

/*
 * How callers describe objects to winsec_access_check():
 *
 *  - A labelled object: the view from winsec_sd_parse(). When the
 *    descriptor has no owner (or group), the caller points the view's
 *    @owner (@group) at a SID on its stack holding the Unix owner
 *    S-1-22-1-<uid> (group S-1-22-2-<gid>).
 *  - An unlabeled object (no security.winsec): a view with no DACL (control
 *    without %WINSEC_SE_DACL_PRESENT), no SACL and the Unix owner and group.
 *    The DACL then grants everything and the implicit Medium NO_WRITE_UP
 *    label still applies, so only MIC restricts it.
 *
 * The check never allocates, never sleeps and never recurses; it walks the
 * DACL at most twice (once to look for OWNER RIGHTS when the token owns
 * the object, once to decide), so its cost is linear in the ACE count,
 * with a binary search of the supplementary groups per Unix group SID.
 */
u32 winsec_map_generic(u32 mask, const struct winsec_generic_mapping *map);
bool winsec_token_has_sid(const struct winsec_token *tok,
			  const struct winsec_sid *sid);
bool winsec_token_may_own(const struct winsec_token *tok,
			  const struct winsec_sid *sid);
bool winsec_sd_label_info(const struct winsec_sd *sd, u32 *level, u32 *policy);
u32 winsec_mic_allowed(const struct winsec_token *tok, u32 level, u32 policy,
		       const struct winsec_generic_mapping *map);
int winsec_access_check(const struct winsec_sd *sd,
			const struct winsec_token *tok,
			const struct winsec_generic_mapping *map,
			u32 desired, struct winsec_decision *dec);

#endif /* _SECURITY_WINSEC_ACCESS_H */
