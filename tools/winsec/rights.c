// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - access rights as text: Windows constant names, SDDL letters,
 * numbers and icacls' short forms (F, M, RX, R, W, D), both ways
 */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sddl.h"
#include "winsec.h"

const struct obj_type_info obj_types[] = {
	[OBJ_FILE] = { "file", &winsec_file_mapping },
	[OBJ_DIR] = { "dir", &winsec_dir_mapping },
	[OBJ_IPC] = { "ipc", &winsec_ipc_mapping },
	[OBJ_TASK] = { "task", &winsec_task_mapping },
};

/* Rights by name; @types limits a name to object types (0: all). */
#define T_FILE	BIT(OBJ_FILE)
#define T_DIR	BIT(OBJ_DIR)
#define T_IPC	BIT(OBJ_IPC)
#define T_TASK	BIT(OBJ_TASK)

struct right_name {
	const char *name;
	u32 mask;
	unsigned int types;	/* for printing: the types that use this name */
	bool single;		/* a single bit, printed */
};

static const struct right_name right_names[] = {
	{ "FILE_READ_DATA", 0x1, T_FILE, true },
	{ "FILE_LIST_DIRECTORY", 0x1, T_DIR, true },
	{ "FILE_WRITE_DATA", 0x2, T_FILE, true },
	{ "FILE_ADD_FILE", 0x2, T_DIR, true },
	{ "FILE_APPEND_DATA", 0x4, T_FILE, true },
	{ "FILE_ADD_SUBDIRECTORY", 0x4, T_DIR, true },
	{ "FILE_READ_EA", 0x8, T_FILE | T_DIR, true },
	{ "FILE_WRITE_EA", 0x10, T_FILE | T_DIR, true },
	{ "FILE_EXECUTE", 0x20, T_FILE, true },
	{ "FILE_TRAVERSE", 0x20, T_DIR, true },
	{ "FILE_DELETE_CHILD", 0x40, T_FILE | T_DIR, true },
	{ "FILE_READ_ATTRIBUTES", 0x80, T_FILE | T_DIR, true },
	{ "FILE_WRITE_ATTRIBUTES", 0x100, T_FILE | T_DIR, true },
	{ "IPC_READ", WINSEC_IPC_READ, T_IPC, true },
	{ "IPC_WRITE", WINSEC_IPC_WRITE, T_IPC, true },
	{ "TASK_QUERY", WINSEC_TASK_QUERY, T_TASK, true },
	{ "TASK_SIGNAL", WINSEC_TASK_SIGNAL, T_TASK, true },
	{ "TASK_CONTROL", WINSEC_TASK_CONTROL, T_TASK, true },
	{ "DELETE", WINSEC_DELETE, 0, true },
	{ "READ_CONTROL", WINSEC_READ_CONTROL, 0, true },
	{ "WRITE_DAC", WINSEC_WRITE_DAC, 0, true },
	{ "WRITE_OWNER", WINSEC_WRITE_OWNER, 0, true },
	{ "SYNCHRONIZE", WINSEC_SYNCHRONIZE, 0, true },
	{ "ACCESS_SYSTEM_SECURITY", WINSEC_ACCESS_SYSTEM_SECURITY, 0, true },
	{ "MAXIMUM_ALLOWED", WINSEC_MAXIMUM_ALLOWED, 0, true },
	{ "GENERIC_ALL", WINSEC_GENERIC_ALL, 0, true },
	{ "GENERIC_EXECUTE", WINSEC_GENERIC_EXECUTE, 0, true },
	{ "GENERIC_WRITE", WINSEC_GENERIC_WRITE, 0, true },
	{ "GENERIC_READ", WINSEC_GENERIC_READ, 0, true },
	{ "FILE_GENERIC_READ", WINSEC_FILE_GENERIC_READ, 0, false },
	{ "FILE_GENERIC_WRITE", WINSEC_FILE_GENERIC_WRITE, 0, false },
	{ "FILE_GENERIC_EXECUTE", WINSEC_FILE_GENERIC_EXECUTE, 0, false },
	{ "FILE_ALL_ACCESS", WINSEC_FILE_ALL_ACCESS, 0, false },
	{ "STANDARD_RIGHTS_ALL", WINSEC_STANDARD_RIGHTS_ALL, 0, false },
	{ "IPC_ALL_ACCESS", WINSEC_IPC_ALL_ACCESS, 0, false },
	{ "TASK_ALL_ACCESS", WINSEC_TASK_ALL_ACCESS, 0, false },
};

/* One right: a number, a Windows constant name or SDDL letters. */
static bool parse_one_right(const char *s, size_t len, u32 *mask)
{
	char buf[64], *end;
	unsigned long v;
	size_t i;

	if (!len || len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (isdigit((unsigned char)buf[0])) {
		errno = 0;
		v = strtoul(buf, &end, 0);
		if (errno || *end || v > 0xffffffffUL)
			return false;
		*mask = v;
		return true;
	}
	for (i = 0; i < ARRAY_SIZE(right_names); i++)
		if (!strcasecmp(buf, right_names[i].name) ||
		    (!strncasecmp(buf, "WINSEC_", 7) &&
		     !strcasecmp(buf + 7, right_names[i].name))) {
			*mask = right_names[i].mask;
			return true;
		}
	/* SDDL: a composite alias, or letter pairs. */
	if (winsec_sddl_right(buf, len, false, mask))
		return true;
	if (len % 2)
		return false;
	*mask = 0;
	for (i = 0; i < len; i += 2) {
		u32 m;

		if (!winsec_sddl_right(buf + i, 2, false, &m))
			return false;
		*mask |= m;
	}
	return true;
}

/* icacls' short rights, in the order a listing tries them. */
static const struct {
	const char *name;
	u32 mask;
} icacls_rights[] = {
	{ "F", WINSEC_FILE_ALL_ACCESS },
	{ "M", ICACLS_MODIFY },
	{ "RX", ICACLS_READ_EXECUTE },
	{ "R", ICACLS_READ },
	{ "W", ICACLS_WRITE },
	{ "D", WINSEC_DELETE },
};

int rights_parse(const char *text, u32 *mask, char *bad, size_t badsize)
{
	const char *p = text;
	size_t i;

	*mask = 0;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		bool found = false;
		u32 m;

		while (len && isspace((unsigned char)*p)) {
			p++;
			len--;
		}
		while (len && isspace((unsigned char)p[len - 1]))
			len--;
		for (i = 0; i < ARRAY_SIZE(icacls_rights); i++)
			if (strlen(icacls_rights[i].name) == len &&
			    !strncasecmp(p, icacls_rights[i].name, len)) {
				m = icacls_rights[i].mask;
				found = true;
				break;
			}
		if (!found && !parse_one_right(p, len, &m)) {
			snprintf(bad, badsize, "%.*s", (int)len, p);
			return -1;
		}
		*mask |= m;
		if (!comma)
			break;
		p = comma + 1;
	}
	return 0;
}

u32 parse_rights_or_die(const char *text)
{
	char bad[64];
	u32 mask;

	if (rights_parse(text, &mask, bad, sizeof(bad)))
		die("--desired: unknown right \"%s\" (%s)", bad, RIGHTS_FORMS);
	return mask;
}

void rights_short(u32 mask, enum obj_type type, char *buf, size_t size)
{
	size_t i, n = 0;
	u32 left = mask;

	for (i = 0; i < ARRAY_SIZE(icacls_rights); i++)
		if (icacls_rights[i].mask == mask) {
			snprintf(buf, size, "%s", icacls_rights[i].name);
			return;
		}
	/* A union of short forms: "(RX,W)". */
	for (i = 0; i < ARRAY_SIZE(icacls_rights) && left; i++) {
		u32 m = icacls_rights[i].mask;

		if ((mask & m) == m && (left & m)) {
			n += snprintf(buf + n, n < size ? size - n : 0, "%s%s",
				      n ? "," : "(", icacls_rights[i].name);
			left &= ~m;
		}
	}
	if (!left && n) {
		snprintf(buf + n, n < size ? size - n : 0, ")");
		return;
	}
	/* Else the names of the bits. */
	buf[0] = '(';
	rights_text(mask, type, buf + 1, size - 2);
	for (i = 1; buf[i]; i++)
		if (buf[i] == ' ')
			memmove(buf + i, buf + i + 1, strlen(buf + i));
	n = strlen(buf);
	snprintf(buf + n, size - n, ")");
}

/* Right names of @mask for object type @type, comma-separated. */
void rights_text(u32 mask, enum obj_type type, char *buf, size_t size)
{
	size_t i, n = 0;
	u32 left = mask;

	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(right_names) && left; i++) {
		const struct right_name *r = &right_names[i];

		if (!r->single || !(left & r->mask))
			continue;
		if (r->types && !(r->types & BIT(type)))
			continue;
		n += snprintf(buf + n, n < size ? size - n : 0, "%s%s",
			      n ? ", " : "", r->name);
		left &= ~r->mask;
	}
	if (left)
		n += snprintf(buf + n, n < size ? size - n : 0, "%s0x%x",
			      n ? ", " : "", left);
	if (!mask)
		snprintf(buf, size, "nothing");
}


void rights_each(u32 mask, enum obj_type type,
		 void (*fn)(const char *name, void *ctx), void *ctx)
{
	char hex[16];
	size_t i;
	u32 left = mask;

	for (i = 0; i < ARRAY_SIZE(right_names) && left; i++) {
		const struct right_name *r = &right_names[i];

		if (!r->single || !(left & r->mask))
			continue;
		if (r->types && !(r->types & BIT(type)))
			continue;
		fn(r->name, ctx);
		left &= ~r->mask;
	}
	if (left) {
		snprintf(hex, sizeof(hex), "0x%x", left);
		fn(hex, ctx);
	}
}
