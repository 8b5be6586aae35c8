// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec - descriptors for people and for scripts: the long listing of
 * "get -l" (one ACE a line, names, icacls' flags and short rights) and the
 * JSON form of descriptors and ACEs shared by every --json
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sddl.h"
#include "listing.h"

static const struct {
	u8 type;
	const char *word;	/* JSON "type" */
	const char *tag;	/* long listing prefix, NULL for allow */
} ace_kinds[] = {
	{ WINSEC_ACE_ACCESS_ALLOWED, "allow", NULL },
	{ WINSEC_ACE_ACCESS_DENIED, "deny", "DENY" },
	{ WINSEC_ACE_SYSTEM_AUDIT, "audit", "AUDIT" },
	{ WINSEC_ACE_SYSTEM_ALARM, "alarm", "ALARM" },
	{ WINSEC_ACE_ACCESS_ALLOWED_OBJECT, "allow-object", "OBJECT" },
	{ WINSEC_ACE_ACCESS_DENIED_OBJECT, "deny-object", "DENY)(OBJECT" },
	{ WINSEC_ACE_SYSTEM_AUDIT_OBJECT, "audit-object", "AUDIT)(OBJECT" },
	{ WINSEC_ACE_SYSTEM_ALARM_OBJECT, "alarm-object", "ALARM)(OBJECT" },
	{ WINSEC_ACE_ACCESS_ALLOWED_CALLBACK, "allow-callback", "CALLBACK" },
	{ WINSEC_ACE_ACCESS_DENIED_CALLBACK, "deny-callback", "DENY)(CALLBACK" },
	{ WINSEC_ACE_ACCESS_ALLOWED_CALLBACK_OBJECT, "allow-callback-object",
	  "CALLBACK)(OBJECT" },
	{ WINSEC_ACE_SYSTEM_AUDIT_CALLBACK, "audit-callback", "AUDIT)(CALLBACK" },
	{ WINSEC_ACE_SYSTEM_MANDATORY_LABEL, "label", "LABEL" },
	{ WINSEC_ACE_SYSTEM_RESOURCE_ATTRIBUTE, "resource-attribute", "ATTRIBUTE" },
	{ WINSEC_ACE_SYSTEM_SCOPED_POLICY_ID, "scoped-policy", "POLICY" },
};

static int kind_of(u8 type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ace_kinds); i++)
		if (ace_kinds[i].type == type)
			return i;
	return -1;
}

void ace_sddl(const struct winsec_ace *ace, char *buf, size_t size)
{
	char flags[WINSEC_ACE_FLAGS_STRING_MAX];
	char rights[WINSEC_RIGHTS_STRING_MAX];
	char sid[WINSEC_SID_STRING_MAX];
	const char *type = winsec_ace_type_name(ace->type);
	bool label = ace->type == WINSEC_ACE_SYSTEM_MANDATORY_LABEL;

	winsec_ace_flags_to_string(ace->flags, flags, sizeof(flags));
	winsec_rights_to_string(ace->mask, label, rights, sizeof(rights));
	if (winsec_sid_to_sddl(ace->sid, NULL, sid, sizeof(sid)))
		snprintf(sid, sizeof(sid), "?");
	if (type)
		snprintf(buf, size, "(%s;%s;%s;;;%s%s)", type, flags, rights, sid,
			 ace->app_len ? ";..." : "");
	else
		snprintf(buf, size, "(0x%x;%s;%s;;;%s)", ace->type, flags, rights,
			 sid);
}

/* "(OI)(CI)(IO)(NP)(ID)(SA)(FA)" */
static void flags_text(u8 flags, char *buf, size_t size)
{
	static const struct {
		u8 bit;
		const char *name;
	} f[] = {
		{ WINSEC_ACE_OBJECT_INHERIT, "OI" },
		{ WINSEC_ACE_CONTAINER_INHERIT, "CI" },
		{ WINSEC_ACE_INHERIT_ONLY, "IO" },
		{ WINSEC_ACE_NO_PROPAGATE_INHERIT, "NP" },
		{ WINSEC_ACE_INHERITED, "ID" },
		{ WINSEC_ACE_SUCCESSFUL_ACCESS, "SA" },
		{ WINSEC_ACE_FAILED_ACCESS, "FA" },
	};
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(f); i++)
		if (flags & f[i].bit)
			n += snprintf(buf + n, n < size ? size - n : 0, "(%s)",
				      f[i].name);
}

void ace_long(const struct winsec_ace *ace, enum obj_type type, bool numeric,
	      char *buf, size_t size)
{
	char who[PRINCIPAL_NAME_MAX], flags[64], rights[512];
	int k = kind_of(ace->type);
	const char *tag = k < 0 ? "?" : ace_kinds[k].tag;

	if (numeric) {
		if (winsec_sid_to_string(ace->sid, who, sizeof(who)))
			snprintf(who, sizeof(who), "?");
	} else {
		sid_display_name(ace->sid, who, sizeof(who));
	}
	flags_text(ace->flags, flags, sizeof(flags));
	if (ace->type == WINSEC_ACE_SYSTEM_MANDATORY_LABEL) {
		winsec_rights_to_string(ace->mask, true, rights + 1,
					sizeof(rights) - 2);
		rights[0] = '(';
		strcat(rights, ")");
		if (!strcmp(rights, "()"))
			snprintf(rights, sizeof(rights), "(no policy)");
		tag = NULL;
	} else if (numeric) {
		snprintf(rights, sizeof(rights), "0x%x", ace->mask);
	} else {
		rights_short(ace->mask, type, rights, sizeof(rights));
	}
	snprintf(buf, size, "%s:%s%s%s%s%s", who, tag ? "(" : "", tag ? tag : "",
		 tag ? ")" : "", flags, rights);
}

static void print_acl_long(const char *what, const struct winsec_sd *sd,
			   bool present, const struct winsec_acl *acl,
			   u16 protected, u16 auto_inherited, enum obj_type type,
			   bool numeric)
{
	const struct winsec_ace_header *hdr;
	char line[1024];
	unsigned int i;

	if (!present) {
		if (what[0] == 'D')
			printf("  DACL: none (winsec grants everything; the Unix permissions decide)\n");
		return;
	}
	if (!acl) {
		printf("  %s: NULL (%s)\n", what,
		       what[0] == 'D' ? "everything is granted" : "nothing");
		return;
	}
	printf("  %s%s%s%s%s:%s\n", what,
	       sd->control & (protected | auto_inherited) ? " (" : "",
	       sd->control & protected ? "protected" : "",
	       (sd->control & protected) && (sd->control & auto_inherited) ? ", " : "",
	       sd->control & auto_inherited ? "auto-inherited)" :
	       sd->control & protected ? ")" : "",
	       winsec_acl_count(acl) ? "" :
	       what[0] == 'D' ? " empty (nothing is granted)" : " empty");
	winsec_acl_for_each(acl, hdr, i) {
		struct winsec_ace ace;

		winsec_ace_decode(hdr, &ace);
		ace_long(&ace, type, numeric, line, sizeof(line));
		printf("    %s\n", line);
	}
}

void sd_print_long(const struct winsec_sd *sd, enum obj_type type,
		   bool numeric)
{
	char name[PRINCIPAL_NAME_MAX];

	if (sd->owner) {
		if (numeric)
			winsec_sid_to_string(sd->owner, name, sizeof(name));
		else
			sid_display_name(sd->owner, name, sizeof(name));
		printf("  owner: %s\n", name);
	}
	if (sd->group) {
		if (numeric)
			winsec_sid_to_string(sd->group, name, sizeof(name));
		else
			sid_display_name(sd->group, name, sizeof(name));
		printf("  group: %s\n", name);
	}
	print_acl_long("DACL", sd, winsec_sd_has_dacl(sd), sd->dacl,
		       WINSEC_SE_DACL_PROTECTED, WINSEC_SE_DACL_AUTO_INHERITED,
		       type, numeric);
	print_acl_long("SACL", sd, winsec_sd_has_sacl(sd), sd->sacl,
		       WINSEC_SE_SACL_PROTECTED, WINSEC_SE_SACL_AUTO_INHERITED,
		       type, numeric);
	if (!winsec_sd_label(sd))
		printf("  label: none (implicit Medium, no write up)\n");
}

/* --- JSON -------------------------------------------------------------------- */

static void json_name(const char *name, void *ctx)
{
	bool *first = ctx;

	printf("%s", *first ? "" : ", ");
	json_string(name);
	*first = false;
}

static void json_sid(const struct winsec_sid *sid)
{
	char text[WINSEC_SID_STRING_MAX], name[PRINCIPAL_NAME_MAX];

	if (!sid) {
		printf("null");
		return;
	}
	winsec_sid_to_string(sid, text, sizeof(text));
	sid_display_name(sid, name, sizeof(name));
	printf("{\"sid\": \"%s\", \"name\": ", text);
	json_string(name);
	printf("}");
}

void json_ace(const struct winsec_ace *ace, enum obj_type type)
{
	static const char *const fl[] = { "OI", "CI", "NP", "IO", "ID", NULL,
					  "SA", "FA" };
	char text[WINSEC_SID_STRING_MAX], name[PRINCIPAL_NAME_MAX];
	char sddl[WINSEC_SID_STRING_MAX + 80], shortr[512];
	int k = kind_of(ace->type), i;
	bool first = true;

	winsec_sid_to_string(ace->sid, text, sizeof(text));
	sid_display_name(ace->sid, name, sizeof(name));
	printf("{\"type\": ");
	if (k >= 0)
		json_string(ace_kinds[k].word);
	else
		printf("\"0x%x\"", ace->type);
	printf(", \"flags\": [");
	for (i = 0; i < 8; i++)
		if (fl[i] && (ace->flags & (1 << i))) {
			printf("%s\"%s\"", first ? "" : ", ", fl[i]);
			first = false;
		}
	printf("], \"inherited\": %s, \"mask\": %u, \"rights\": [",
	       ace->flags & WINSEC_ACE_INHERITED ? "true" : "false", ace->mask);
	first = true;
	if (ace->type == WINSEC_ACE_SYSTEM_MANDATORY_LABEL) {
		static const char *const pol[] = { "NO_WRITE_UP", "NO_READ_UP",
						   "NO_EXECUTE_UP" };

		for (i = 0; i < 3; i++)
			if (ace->mask & (1 << i))
				json_name(pol[i], &first);
	} else {
		rights_each(ace->mask, type, json_name, &first);
	}
	printf("]");
	if (ace->type != WINSEC_ACE_SYSTEM_MANDATORY_LABEL) {
		rights_short(ace->mask, type, shortr, sizeof(shortr));
		printf(", \"short\": ");
		json_string(shortr);
	}
	printf(", \"sid\": \"%s\", \"name\": ", text);
	json_string(name);
	ace_sddl(ace, sddl, sizeof(sddl));
	printf(", \"sddl\": ");
	json_string(sddl);
	printf("}");
}

static void json_acl(const struct winsec_sd *sd, bool present,
		     const struct winsec_acl *acl, u16 protected,
		     u16 auto_inherited, enum obj_type type)
{
	const struct winsec_ace_header *hdr;
	unsigned int i;

	if (!present) {
		printf("null");
		return;
	}
	printf("{\"null\": %s, \"protected\": %s, \"auto_inherited\": %s, \"aces\": [",
	       acl ? "false" : "true", sd->control & protected ? "true" : "false",
	       sd->control & auto_inherited ? "true" : "false");
	if (acl) {
		winsec_acl_for_each(acl, hdr, i) {
			struct winsec_ace ace;

			winsec_ace_decode(hdr, &ace);
			printf("%s", i ? ", " : "");
			json_ace(&ace, type);
		}
	}
	printf("]}");
}

void json_sd(const struct winsec_sd *sd, enum obj_type type)
{
	const struct winsec_ace_header *label = winsec_sd_label(sd);

	printf("{\"owner\": ");
	json_sid(sd->owner);
	printf(", \"group\": ");
	json_sid(sd->group);
	printf(", \"control\": %u, \"dacl\": ", sd->control);
	json_acl(sd, winsec_sd_has_dacl(sd), sd->dacl, WINSEC_SE_DACL_PROTECTED,
		 WINSEC_SE_DACL_AUTO_INHERITED, type);
	printf(", \"sacl\": ");
	json_acl(sd, winsec_sd_has_sacl(sd), sd->sacl, WINSEC_SE_SACL_PROTECTED,
		 WINSEC_SE_SACL_AUTO_INHERITED, type);
	printf(", \"label\": ");
	if (label) {
		struct winsec_ace ace;
		char lvl[WINSEC_LEVEL_TEXT_MAX];
		u32 rid = 0;

		winsec_ace_decode(label, &ace);
		winsec_sid_get_level(ace.sid, &rid);
		winsec_level_format(rid, lvl, sizeof(lvl));
		printf("{\"level\": \"%s\", \"rid\": %u, \"policy\": %u, \"inherited\": %s}",
		       lvl, rid, ace.mask,
		       ace.flags & WINSEC_ACE_INHERITED ? "true" : "false");
	} else {
		printf("null");
	}
	printf("}");
}

void json_path(const char *key, const char *path)
{
	printf("\"%s\": ", key);
	json_string(path);
	if (!utf8_valid(path)) {
		char *e = escape_name(path, false);

		printf(", \"%s_escaped\": ", key);
		json_string(e);
		free(e);
	}
}
