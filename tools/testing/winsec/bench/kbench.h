/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef KBENCH_H
#define KBENCH_H

#include <stddef.h>

/* @text as a self-relative descriptor in malloc'd *@sd; 0 or an error. */
int kbench_sddl(const char *text, unsigned char **sd, size_t *len);

#endif
