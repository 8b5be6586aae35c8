/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec LSM - terminals
 */

#ifndef _SECURITY_WINSEC_TTY_H
#define _SECURITY_WINSEC_TTY_H

struct file;

int winsec_tty_ioctl(struct file *file, unsigned int cmd);

#endif /* _SECURITY_WINSEC_TTY_H */
