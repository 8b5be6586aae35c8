// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - the rights each Linux operation asks for
 *
 * The tables of Documentation/admin-guide/LSM/winsec.rst, as code: each
 * function maps the arguments of one kind of hook to an access mask. They
 * are pure, so that KUnit checks them entry by entry.
 */

#include <linux/fs.h>
#include <linux/ipc.h>
#include <linux/mman.h>
#include <linux/msg.h>
#include <linux/sem.h>
#include <linux/shm.h>
#include <uapi/linux/shm.h>
#include <uapi/linux/winsec.h>

#include "rights.h"

/**
 * winsec_setattr_rights() - the rights of a change of attributes
 * @valid: the ATTR_* bits of the change
 *
 * ATTR_FORCE is the kernel dropping set-id bits, not a request; a size
 * change through an open file (ftruncate(), O_TRUNC) was checked against
 * the file's handle.
 *
 * Return: the rights.
 */
u32 winsec_setattr_rights(unsigned int valid)
{
	u32 desired = 0;

	if (valid & ATTR_FORCE)
		valid &= ~(ATTR_KILL_SUID | ATTR_KILL_SGID | ATTR_MODE |
			   ATTR_FORCE);
	if (valid & ATTR_MODE)
		desired |= WINSEC_WRITE_DAC;
	if (valid & (ATTR_UID | ATTR_GID))
		desired |= WINSEC_WRITE_OWNER;
	if (valid & ATTR_SIZE) {
		if (!(valid & ATTR_FILE))
			desired |= WINSEC_FILE_WRITE_DATA;
	} else if (valid & (ATTR_ATIME | ATTR_MTIME | ATTR_ATIME_SET |
			    ATTR_MTIME_SET | ATTR_TOUCH)) {
		desired |= WINSEC_FILE_WRITE_ATTRIBUTES;
	}
	return desired;
}

/**
 * winsec_mmap_rights() - the rights a mapping of a file needs
 * @prot: the PROT_* bits
 * @flags: %WINSEC_MAP_SHARED for a shared mapping, which writes the file
 *	   in place
 *
 * Return: the rights the file's handle must hold.
 */
u32 winsec_mmap_rights(unsigned long prot, u32 flags)
{
	u32 desired = 0;

	if (prot & PROT_EXEC)
		desired |= WINSEC_FILE_EXECUTE;
	if ((flags & WINSEC_MAP_SHARED) && (prot & PROT_WRITE))
		desired |= WINSEC_FILE_WRITE_DATA;
	return desired;
}

/**
 * winsec_ipcctl_rights() - the rights of a msgctl, semctl or shmctl command
 * @type: the type of the object
 * @cmd: the command
 *
 * Return: the rights; 0 for commands that name no object (IPC_INFO and
 * the like) or that the kernel refuses anyway.
 */
u32 winsec_ipcctl_rights(enum winsec_ipc_type type, int cmd)
{
	switch (cmd) {
	case IPC_STAT:
		return WINSEC_READ_CONTROL;
	case IPC_SET:
		return WINSEC_WRITE_DAC;
	case IPC_RMID:
		return WINSEC_DELETE;
	}
	/* The numbers of the other commands overlap across types. */
	switch (type) {
	case WINSEC_IPC_MSG:
		if (cmd == MSG_STAT || cmd == MSG_STAT_ANY)
			return WINSEC_READ_CONTROL;
		break;
	case WINSEC_IPC_SEM:
		if (cmd == GETVAL || cmd == GETALL || cmd == GETPID ||
		    cmd == GETNCNT || cmd == GETZCNT)
			return WINSEC_IPC_READ;
		if (cmd == SETVAL || cmd == SETALL)
			return WINSEC_IPC_WRITE;
		if (cmd == SEM_STAT || cmd == SEM_STAT_ANY)
			return WINSEC_READ_CONTROL;
		break;
	case WINSEC_IPC_SHM:
		if (cmd == SHM_LOCK || cmd == SHM_UNLOCK)
			return WINSEC_IPC_WRITE;
		if (cmd == SHM_STAT || cmd == SHM_STAT_ANY)
			return WINSEC_READ_CONTROL;
		break;
	}
	return 0;
}
