// SPDX-License-Identifier: GPL-2.0-only
/*
 * kbench_sddl - SDDL to descriptor bytes for kbench, kept apart so that
 * kbench.c sees only C library headers and this file only the library's.
 */

#include <stdio.h>
#include <stdlib.h>

#include "sddl.h"
#include "kbench.h"

int kbench_sddl(const char *text, unsigned char **sd, size_t *len)
{
	struct winsec_sddl_error err = { 0 };
	u8 *out = NULL;
	int rc;

	rc = winsec_sddl_to_sd(text, NULL, &out, len, &err);
	if (rc) {
		fprintf(stderr, "kbench: %s: column %u: %s\n", text, err.column,
			err.message);
		return rc;
	}
	*sd = out;
	return 0;
}
