/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * winsec - Windows security descriptors and Mandatory Integrity Control
 *
 * The userspace ABI: the xattr that carries a descriptor, the binary layout
 * of a self-relative security descriptor (MS-DTYP 2.4.6, little-endian), the
 * access-mask bits, ACE types and flags, and the integrity levels.
 */

#ifndef _UAPI_LINUX_WINSEC_H
#define _UAPI_LINUX_WINSEC_H

#include <linux/types.h>

/* The extended attribute holding a file's descriptor. */
#define WINSEC_XATTR_SUFFIX		"winsec"
#define WINSEC_XATTR_NAME		"security.winsec"

/* Largest descriptor accepted anywhere (XATTR_SIZE_MAX). */
#define WINSEC_SD_MAX_SIZE		65536

/* --- SIDs (MS-DTYP 2.4.2) ---------------------------------------------- */

#define WINSEC_SID_REVISION		1
#define WINSEC_SID_MAX_SUBAUTH		15

/**
 * struct winsec_sid - a security identifier as stored
 * @revision: always %WINSEC_SID_REVISION
 * @num_subauth: number of entries of @sub_auth (1..15 when valid)
 * @authority: identifier authority, 48-bit big-endian
 * @sub_auth: sub-authorities, little-endian
 */
struct winsec_sid {
	__u8 revision;
	__u8 num_subauth;
	__u8 authority[6];
	__le32 sub_auth[];
} __attribute__((packed));

/* Size of a SID with @n sub-authorities. */
#define WINSEC_SID_SIZE(n)		(8 + 4 * (n))

/* Identifier authorities. */
#define WINSEC_AUTH_WORLD		1
#define WINSEC_AUTH_CREATOR		3
#define WINSEC_AUTH_NT			5
#define WINSEC_AUTH_MANDATORY		16
#define WINSEC_AUTH_UNIX		22

/* Unix identities: S-1-22-1-<uid> and S-1-22-2-<gid>. */
#define WINSEC_UNIX_USER_RID		1
#define WINSEC_UNIX_GROUP_RID		2

/* --- Integrity levels (S-1-16-<rid>) and label policy ------------------ */

#define WINSEC_LEVEL_UNTRUSTED		0x0000
#define WINSEC_LEVEL_LOW		0x1000
#define WINSEC_LEVEL_MEDIUM		0x2000
#define WINSEC_LEVEL_MEDIUM_PLUS	0x2100
#define WINSEC_LEVEL_HIGH		0x3000
#define WINSEC_LEVEL_SYSTEM		0x4000
#define WINSEC_LEVEL_PROTECTED		0x5000

/* Mask of a SYSTEM_MANDATORY_LABEL ACE. */
#define WINSEC_LABEL_NO_WRITE_UP	0x1
#define WINSEC_LABEL_NO_READ_UP		0x2
#define WINSEC_LABEL_NO_EXECUTE_UP	0x4
#define WINSEC_LABEL_VALID_MASK		0x7

/* Mandatory policy of a token. */
#define WINSEC_POLICY_NO_WRITE_UP	0x1
#define WINSEC_POLICY_NEW_PROCESS_MIN	0x2

/*
 * struct lsm_ctx flags of LSM_ATTR_FSCREATE: the creator descriptor is kept
 * across execve() (except a set-id or otherwise secure exec), so that a
 * program started under it creates its objects with it.
 */
#define WINSEC_FSCREATE_KEEP_ON_EXEC	0x1
#define WINSEC_FSCREATE_VALID_FLAGS	0x1

/* --- Access mask (MS-DTYP 2.4.3) ---------------------------------------- */

#define WINSEC_DELETE			0x00010000
#define WINSEC_READ_CONTROL		0x00020000
#define WINSEC_WRITE_DAC		0x00040000
#define WINSEC_WRITE_OWNER		0x00080000
#define WINSEC_SYNCHRONIZE		0x00100000
#define WINSEC_STANDARD_RIGHTS_ALL	0x001f0000
#define WINSEC_ACCESS_SYSTEM_SECURITY	0x01000000
#define WINSEC_MAXIMUM_ALLOWED		0x02000000
#define WINSEC_GENERIC_ALL		0x10000000
#define WINSEC_GENERIC_EXECUTE		0x20000000
#define WINSEC_GENERIC_WRITE		0x40000000
#define WINSEC_GENERIC_READ		0x80000000
#define WINSEC_GENERIC_MASK		0xf0000000
#define WINSEC_SPECIFIC_RIGHTS_ALL	0x0000ffff

/* Files and directories: the same bits under two names. */
#define WINSEC_FILE_READ_DATA		0x0001
#define WINSEC_FILE_LIST_DIRECTORY	0x0001
#define WINSEC_FILE_WRITE_DATA		0x0002
#define WINSEC_FILE_ADD_FILE		0x0002
#define WINSEC_FILE_APPEND_DATA		0x0004
#define WINSEC_FILE_ADD_SUBDIRECTORY	0x0004
#define WINSEC_FILE_READ_EA		0x0008
#define WINSEC_FILE_WRITE_EA		0x0010
#define WINSEC_FILE_EXECUTE		0x0020
#define WINSEC_FILE_TRAVERSE		0x0020
#define WINSEC_FILE_DELETE_CHILD	0x0040
#define WINSEC_FILE_READ_ATTRIBUTES	0x0080
#define WINSEC_FILE_WRITE_ATTRIBUTES	0x0100

#define WINSEC_FILE_GENERIC_READ	0x00120089
#define WINSEC_FILE_GENERIC_WRITE	0x00120116
#define WINSEC_FILE_GENERIC_EXECUTE	0x001200a0
#define WINSEC_FILE_ALL_ACCESS		0x001f01ff

/*
 * IPC objects (SysV message queues, semaphores, shared memory; FIFOs and
 * sockets use the file rights): the specific rights and their generic
 * mapping. READ_CONTROL / WRITE_DAC / DELETE stand for the ctl commands
 * STAT / SET / RMID.
 */
#define WINSEC_IPC_READ			0x0001	/* receive, read, semaphore read */
#define WINSEC_IPC_WRITE		0x0002	/* send, write, semaphore alter */
#define WINSEC_IPC_ALL_ACCESS		0x001f0003

#define WINSEC_IPC_GENERIC_READ		0x00020001	/* READ_CONTROL | READ */
#define WINSEC_IPC_GENERIC_WRITE	0x00020002	/* READ_CONTROL | WRITE */
#define WINSEC_IPC_GENERIC_EXECUTE	0x00120000	/* READ_CONTROL | SYNCHRONIZE */

/*
 * Tasks: the specific rights one task asks on another and their generic
 * mapping. Tasks carry no DACL: only the label (NW|NR at the task's level)
 * applies, so QUERY is a read and SIGNAL / CONTROL are writes.
 */
#define WINSEC_TASK_QUERY		0x0001	/* ptrace read, /proc reads */
#define WINSEC_TASK_SIGNAL		0x0002	/* send a signal */
#define WINSEC_TASK_CONTROL		0x0004	/* ptrace attach, setpriority, ... */
#define WINSEC_TASK_ALL_ACCESS		0x001f0007

#define WINSEC_TASK_GENERIC_READ	0x00020001	/* READ_CONTROL | QUERY */
#define WINSEC_TASK_GENERIC_WRITE	0x00020006	/* READ_CONTROL | SIGNAL | CONTROL */
#define WINSEC_TASK_GENERIC_EXECUTE	0x00120000	/* READ_CONTROL | SYNCHRONIZE */

/* --- ACEs (MS-DTYP 2.4.4) ----------------------------------------------- */

#define WINSEC_ACE_ACCESS_ALLOWED		0x00
#define WINSEC_ACE_ACCESS_DENIED		0x01
#define WINSEC_ACE_SYSTEM_AUDIT			0x02
#define WINSEC_ACE_SYSTEM_ALARM			0x03
#define WINSEC_ACE_ACCESS_ALLOWED_COMPOUND	0x04
#define WINSEC_ACE_ACCESS_ALLOWED_OBJECT	0x05
#define WINSEC_ACE_ACCESS_DENIED_OBJECT		0x06
#define WINSEC_ACE_SYSTEM_AUDIT_OBJECT		0x07
#define WINSEC_ACE_SYSTEM_ALARM_OBJECT		0x08
#define WINSEC_ACE_ACCESS_ALLOWED_CALLBACK	0x09
#define WINSEC_ACE_ACCESS_DENIED_CALLBACK	0x0a
#define WINSEC_ACE_ACCESS_ALLOWED_CALLBACK_OBJECT 0x0b
#define WINSEC_ACE_ACCESS_DENIED_CALLBACK_OBJECT 0x0c
#define WINSEC_ACE_SYSTEM_AUDIT_CALLBACK	0x0d
#define WINSEC_ACE_SYSTEM_ALARM_CALLBACK	0x0e
#define WINSEC_ACE_SYSTEM_AUDIT_CALLBACK_OBJECT	0x0f
#define WINSEC_ACE_SYSTEM_ALARM_CALLBACK_OBJECT	0x10
#define WINSEC_ACE_SYSTEM_MANDATORY_LABEL	0x11
#define WINSEC_ACE_SYSTEM_RESOURCE_ATTRIBUTE	0x12
#define WINSEC_ACE_SYSTEM_SCOPED_POLICY_ID	0x13
#define WINSEC_ACE_TYPE_MAX			0x13

#define WINSEC_ACE_OBJECT_INHERIT	0x01
#define WINSEC_ACE_CONTAINER_INHERIT	0x02
#define WINSEC_ACE_NO_PROPAGATE_INHERIT	0x04
#define WINSEC_ACE_INHERIT_ONLY		0x08
#define WINSEC_ACE_INHERITED		0x10
#define WINSEC_ACE_SUCCESSFUL_ACCESS	0x40
#define WINSEC_ACE_FAILED_ACCESS	0x80
#define WINSEC_ACE_INHERIT_FLAGS	0x0f

/* Flags field of object ACEs: which GUIDs follow. */
#define WINSEC_ACE_OBJECT_TYPE_PRESENT		0x1
#define WINSEC_ACE_INHERITED_OBJECT_TYPE_PRESENT 0x2

/**
 * struct winsec_ace_header - common start of every ACE
 * @type: one of WINSEC_ACE_*
 * @flags: inheritance and audit flags
 * @size: size of the whole ACE in bytes, a multiple of 4
 */
struct winsec_ace_header {
	__u8 type;
	__u8 flags;
	__le16 size;
} __attribute__((packed));

/* --- ACLs (MS-DTYP 2.4.5) ----------------------------------------------- */

#define WINSEC_ACL_REVISION		2
#define WINSEC_ACL_REVISION_DS		4

/**
 * struct winsec_acl - ACL header, followed by @ace_count ACEs
 * @revision: %WINSEC_ACL_REVISION or %WINSEC_ACL_REVISION_DS
 * @sbz1: zero
 * @size: size of the ACL including this header
 * @ace_count: number of ACEs
 * @sbz2: zero
 */
struct winsec_acl {
	__u8 revision;
	__u8 sbz1;
	__le16 size;
	__le16 ace_count;
	__le16 sbz2;
} __attribute__((packed));

/* --- Security descriptor (MS-DTYP 2.4.6) -------------------------------- */

#define WINSEC_SD_REVISION		1

#define WINSEC_SE_OWNER_DEFAULTED	0x0001
#define WINSEC_SE_GROUP_DEFAULTED	0x0002
#define WINSEC_SE_DACL_PRESENT		0x0004
#define WINSEC_SE_DACL_DEFAULTED	0x0008
#define WINSEC_SE_SACL_PRESENT		0x0010
#define WINSEC_SE_SACL_DEFAULTED	0x0020
#define WINSEC_SE_DACL_TRUSTED		0x0040
#define WINSEC_SE_SERVER_SECURITY	0x0080
#define WINSEC_SE_DACL_AUTO_INHERIT_REQ	0x0100
#define WINSEC_SE_SACL_AUTO_INHERIT_REQ	0x0200
#define WINSEC_SE_DACL_AUTO_INHERITED	0x0400
#define WINSEC_SE_SACL_AUTO_INHERITED	0x0800
#define WINSEC_SE_DACL_PROTECTED	0x1000
#define WINSEC_SE_SACL_PROTECTED	0x2000
#define WINSEC_SE_RM_CONTROL_VALID	0x4000
#define WINSEC_SE_SELF_RELATIVE		0x8000

/**
 * struct winsec_sd_header - start of a self-relative security descriptor
 * @revision: %WINSEC_SD_REVISION
 * @sbz1: resource-manager control bits (meaningful with SE_RM_CONTROL_VALID)
 * @control: WINSEC_SE_* bits; %WINSEC_SE_SELF_RELATIVE is always set
 * @owner: offset of the owner SID from the start, 0 if absent
 * @group: offset of the group SID, 0 if absent
 * @sacl: offset of the SACL, 0 if absent
 * @dacl: offset of the DACL, 0 if absent
 */
struct winsec_sd_header {
	__u8 revision;
	__u8 sbz1;
	__le16 control;
	__le32 owner;
	__le32 group;
	__le32 sacl;
	__le32 dacl;
} __attribute__((packed));

/* --- Task attributes (lsm_get_self_attr / lsm_set_self_attr) ------------ */

/*
 * LSM_ATTR_CURRENT carries the task's integrity level as a NUL-terminated
 * name ("untrusted", "low", "medium", "medium-plus", "high", "system") or as
 * the SID string "S-1-16-<rid>". LSM_ATTR_FSCREATE carries a binary
 * self-relative descriptor (empty to clear it).
 */

#endif /* _UAPI_LINUX_WINSEC_H */
