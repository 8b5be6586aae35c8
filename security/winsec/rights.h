/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec LSM - the rights each Linux operation asks for
 */

#ifndef _SECURITY_WINSEC_RIGHTS_H
#define _SECURITY_WINSEC_RIGHTS_H

#include <linux/fs.h>
#include <linux/stat.h>
#include <linux/types.h>
#include <uapi/linux/winsec.h>

/* Flags of winsec_mmap_rights(). */
#define WINSEC_MAP_SHARED	0x01	/* a shared mapping */

/* Types of SysV IPC object, for winsec_ipcctl_rights(). */
enum winsec_ipc_type {
	WINSEC_IPC_MSG,
	WINSEC_IPC_SEM,
	WINSEC_IPC_SHM,
};

/**
 * winsec_open_rights() - the rights an open asks for
 * @mode: the inode's mode
 * @fmode: the file's FMODE_* bits
 * @flags: the open flags
 *
 * Return: the rights.
 */
static inline u32 winsec_open_rights(umode_t mode, fmode_t fmode,
				     unsigned int flags)
{
	u32 desired = 0;

	if (S_ISDIR(mode))
		return (fmode & FMODE_READ) ? WINSEC_FILE_LIST_DIRECTORY : 0;
	if (flags & __FMODE_EXEC)
		desired |= WINSEC_FILE_EXECUTE;
	else if (fmode & FMODE_READ)
		desired |= WINSEC_FILE_READ_DATA;
	if (fmode & FMODE_WRITE)
		desired |= (flags & O_APPEND) ? WINSEC_FILE_APPEND_DATA :
						WINSEC_FILE_WRITE_DATA;
	return desired;
}

/**
 * winsec_ipcflag_rights() - the rights of the mode bits of an IPC request
 * @flag: the mode bits of a get or of ipcperms()
 *
 * Return: the rights.
 */
static inline u32 winsec_ipcflag_rights(int flag)
{
	u32 desired = 0;

	if (flag & 0444)
		desired |= WINSEC_IPC_READ;
	if (flag & 0222)
		desired |= WINSEC_IPC_WRITE;
	return desired;
}

/**
 * winsec_may_rights() - the rights of a permission check (MAY_* mask)
 * @mode: the inode's mode
 * @mask: the MAY_* bits asked for
 *
 * Traversing a directory needs nothing (bypass traverse checking); writing
 * to one is checked by the create, link, unlink and rename hooks, which
 * know what is being done. The check of an open (MAY_OPEN) asks nothing
 * either: the file_open hook that follows decides, with one evaluation
 * that also gives the open file its rights.
 *
 * Inline: every step of every path walk asks it, and nearly always gets 0.
 *
 * Return: the rights, 0 when nothing is to be checked.
 */
static inline u32 winsec_may_rights(umode_t mode, int mask)
{
	u32 desired = 0;

	if (mask & MAY_OPEN)
		return 0;
	if (S_ISDIR(mode))
		return (mask & MAY_READ) ? WINSEC_FILE_LIST_DIRECTORY : 0;
	if (mask & MAY_READ)
		desired |= WINSEC_FILE_READ_DATA;
	if (mask & MAY_APPEND)
		desired |= WINSEC_FILE_APPEND_DATA;
	else if (mask & MAY_WRITE)
		desired |= WINSEC_FILE_WRITE_DATA;
	if (mask & MAY_EXEC)
		desired |= WINSEC_FILE_EXECUTE;
	return desired;
}

u32 winsec_setattr_rights(unsigned int valid);
u32 winsec_mmap_rights(unsigned long prot, u32 flags);
u32 winsec_ipcctl_rights(enum winsec_ipc_type type, int cmd);

#endif /* _SECURITY_WINSEC_RIGHTS_H */
