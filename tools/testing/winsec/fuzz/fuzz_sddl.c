// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_sddl - libFuzzer harness for the SDDL parser
 *
 * Input: any bytes, taken as an SDDL string (up to the first NUL).
 *
 * When winsec_sddl_to_sd() accepts the input:
 *  - the binary it returns is accepted by the validator;
 *  - binary -> SDDL -> binary gives the same bytes, and the canonical SDDL
 *    is stable (printing the second binary gives the same text).
 * When it refuses the input, the error names a column inside the string
 * (or 0) and carries a message.
 * Any violation aborts, which libFuzzer reports as a crash.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sddl.h"

static const struct winsec_sid_buf fuzz_domain = {
	.revision = 1, .num_subauth = 4, .authority = { 0, 0, 0, 0, 0, 5 },
	.sub_auth = { cpu_to_le32(21), cpu_to_le32(1), cpu_to_le32(2),
		      cpu_to_le32(3) },
};

static void fail(const char *text, const char *what)
{
	fprintf(stderr, "fuzz_sddl: %s\n  input: %s\n", what, text);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct winsec_sid *domain = winsec_sid_of(&fuzz_domain);
	struct winsec_sddl_error err;
	u8 *b1 = NULL, *b2 = NULL;
	char *text, *s1 = NULL, *s2 = NULL;
	size_t l1 = 0, l2 = 0;
	const char *reason = NULL;
	struct winsec_sd sd;

	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	memset(&err, 0, sizeof(err));
	if (winsec_sddl_to_sd(text, domain, &b1, &l1, &err)) {
		if (err.column > strlen(text) + 1)
			fail(text, "error column past the end of the string");
		if (!err.message[0])
			fail(text, "error without a message");
		if (!memchr(err.message, '\0', sizeof(err.message)))
			fail(text, "error message not terminated");
		free(text);
		return 0;
	}
	if (winsec_sd_parse(b1, l1, &sd, &reason)) {
		fprintf(stderr, "validator: %s\n", reason);
		fail(text, "parser output refused by the validator");
	}
	if (winsec_sd_to_sddl(b1, l1, domain, &s1, &err)) {
		fprintf(stderr, "decode: %s\n", err.message);
		fail(text, "parser output does not print as SDDL");
	}
	if (winsec_sddl_to_sd(s1, domain, &b2, &l2, &err)) {
		fprintf(stderr, "canonical: %s\n  column %u: %s\n", s1,
			err.column, err.message);
		fail(text, "canonical SDDL refused by the parser");
	}
	if (l1 != l2 || memcmp(b1, b2, l1)) {
		fprintf(stderr, "canonical: %s\n", s1);
		fail(text, "binary -> SDDL -> binary changed the bytes");
	}
	if (winsec_sd_to_sddl(b2, l2, domain, &s2, &err) || strcmp(s1, s2)) {
		fprintf(stderr, "canonical: %s\n  then: %s\n", s1,
			s2 ? s2 : "(error)");
		fail(text, "canonical SDDL not stable");
	}
	free(b1);
	free(b2);
	free(s1);
	free(s2);
	free(text);
	return 0;
}
