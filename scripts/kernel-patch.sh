#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the whole kernel change as a git-format patch series:
#
#   scripts/kernel-patch.sh TREE OUTDIR
#
# TREE is the overlaid kernel tree (scripts/kernel-tree.sh); the pristine
# versions of the few core files the series touches are recovered from it by
# reversing scripts/patches/. The series, against that pristine tree:
#
#   1. security/winsec/ and include/uapi/linux/winsec.h (the LSM, its shared
#      core and KUnit suites; not built yet), with a MAINTAINERS entry
#   2. the registration lines (scripts/patches/0001-*)
#   3. the rest of scripts/patches/: selftests/lsm taught about winsec
#      (0002, 0003), the boot parameter in kernel-parameters.txt (0004)
#   4. tools/testing/selftests/winsec/
#   5. Documentation/ (when the repository has winsec documents)
#
# plus a cover letter. Apply with "git am" (or "patch -p1") in a 6.12 tree.

set -eu

die() {
	echo "kernel-patch: $*" >&2
	exit 1
}

[ $# -eq 2 ] || die "usage: $0 TREE OUTDIR"
top=$(cd "$(dirname "$0")/.." && pwd)
tree=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
work=$out.git
name=$(git -C "$top" config user.name 2>/dev/null || echo winsec)
email=$(git -C "$top" config user.email 2>/dev/null || echo winsec@localhost)

rm -rf "$work"
mkdir -p "$work"
g() {
	git -C "$work" -c user.name="$name" -c user.email="$email" \
		-c commit.gpgsign=false "$@"
}
g init -q

# The pristine files: the tree's copies with the registration reversed.
mapfile -t regpatches < <(ls "$top"/scripts/patches/*.patch)
files=$(sed -n 's|^+++ b/||p' "${regpatches[@]}" | sort -u)
# Also the files the series edits without a registration patch: the
# documentation indexes and MAINTAINERS.
edited=(Documentation/admin-guide/LSM/index.rst Documentation/userspace-api/index.rst
	Documentation/security/index.rst MAINTAINERS)
for f in $files "${edited[@]}"; do
	[ -f "$tree/$f" ] || continue
	mkdir -p "$work/$(dirname "$f")"
	cp "$tree/$f" "$work/$f"
done
for ((i = ${#regpatches[@]} - 1; i >= 0; i--)); do
	p=${regpatches[$i]}
	if patch -d "$work" -p1 -R -s -f --dry-run <"$p" >/dev/null 2>&1; then
		patch -d "$work" -p1 -R -s --no-backup-if-mismatch <"$p"
	fi
done
g add -A
g commit -q -m "linux 6.12: the files the winsec series touches"
base=$(g rev-parse HEAD)

# 1. The LSM.
mkdir -p "$work/security/winsec" "$work/include/uapi/linux"
(cd "$top" && git ls-files -co --exclude-standard security/winsec include/uapi/linux/winsec.h) |
	while read -r f; do
		[ -f "$top/$f" ] || continue
		mkdir -p "$work/$(dirname "$f")"
		cp "$top/$f" "$work/$f"
	done
# With the LSM, its MAINTAINERS entry, placed in alphabetical order.
if [ -f "$work/MAINTAINERS" ]; then
	python3 - "$work/MAINTAINERS" <<'EOF'
import re
import sys

path = sys.argv[1]
lines = open(path).read().split("\n")
title = "WINSEC SECURITY MODULE"
entry = [
    title,
    "M:\twinsec maintainers <maintainers@users.noreply.h-seed-a509c51c.example>",
    "L:\tlinux-security-module@vger.kernel.org",
    "S:\tExperimental",
    "F:\tDocumentation/admin-guide/LSM/winsec.rst",
    "F:\tDocumentation/security/winsec.rst",
    "F:\tDocumentation/userspace-api/winsec.rst",
    "F:\tinclude/uapi/linux/winsec.h",
    "F:\tsecurity/winsec/",
    "F:\ttools/testing/selftests/winsec/",
    "",
]
field = re.compile(r"^[A-Z]:\t")
# An entry's title: a line after a blank one, followed by a field.
for i in range(1, len(lines) - 1):
    if (lines[i - 1] == "" and lines[i] and not field.match(lines[i])
            and field.match(lines[i + 1]) and lines[i].upper() > title
            and lines[i] != "THE REST"):
        lines[i:i] = entry
        break
else:
    sys.exit("MAINTAINERS: no place for the entry")
open(path, "w").write("\n".join(lines))
EOF
fi

g add -A
g commit -q -s -F - <<'EOF'
security: add the winsec LSM

winsec brings the Windows access-control model to Linux: files,
directories and IPC objects carry a Windows security descriptor (owner,
group, DACL, SACL with a mandatory integrity label) in the
security.winsec extended attribute, tasks carry an integrity level, and
access is decided by the Windows access check with Mandatory Integrity
Control, on top of the Unix permissions.

The descriptor validator, the access check and inheritance are pure
functions shared with the userspace tool, with KUnit suites. The uapi
header defines the on-disk format and the constants.

The LSM is not built yet: the next patch registers it.
EOF

# 2-3. Registration and the selftests/lsm IDs, as kept in the repository.
for p in "${regpatches[@]}"; do
	g am -q --signoff --committer-date-is-author-date "$p" ||
		die "$(basename "$p") does not apply to the pristine files"
done

# 4. kselftests.
if [ -d "$top/selftests/winsec" ]; then
	(cd "$top" && git ls-files -co --exclude-standard selftests/winsec) |
		while read -r f; do
			[ -f "$top/$f" ] || continue
			d=tools/testing/${f}
			mkdir -p "$work/$(dirname "$d")"
			cp "$top/$f" "$work/$d"
		done
	g add -A
	g commit -q -s -F - <<'EOF'
selftests/winsec: add tests for the winsec LSM

kselftest_harness tests, run as root in a VM booted with winsec
enabled: descriptors on files and directories, mandatory integrity,
inheritance, descriptor changes, task levels and IPC objects. Each
test sets up its own tmpfs so that security xattrs are available.
EOF
fi

# 5. Documentation, with the toctree entries.
docs=$(cd "$top" && git ls-files -co --exclude-standard 'Documentation/*winsec*')
if [ -n "$docs" ]; then
	for f in $docs; do
		mkdir -p "$work/$(dirname "$f")"
		cp "$top/$f" "$work/$f"
		index=$(dirname "$f")/index.rst
		entry=$(basename "$f" .rst)
		if [ -f "$work/$index" ] && ! grep -q "^   $entry\$" "$work/$index"; then
			# After the last entry of the first toctree.
			awk -v e="$entry" '
				/^\.\. toctree::/ { t = 1 }
				t == 1 && /^   [^ :]/ { last = NR }
				{ line[NR] = $0 }
				END {
					for (i = 1; i <= NR; i++) {
						print line[i]
						if (i == last) print "   " e
					}
				}' "$work/$index" >"$work/$index.new"
			mv "$work/$index.new" "$work/$index"
		fi
	done
	g add -A
	g commit -q -s -F - <<'EOF'
Documentation: winsec

The administrator's guide (what winsec enforces, how to boot and
configure it, the mappings between Linux operations and Windows access
rights, its limits), the userspace API (the xattr format, the task
attributes, the securityfs files) and the design notes.
EOF
fi

rm -f "$out"/*.patch
g format-patch -q --no-signature --cover-letter -o "$out" "$base" >/dev/null
# A cover letter that says what the series is.
cover=$(ls "$out"/0000-cover-letter.patch)
n=$(ls "$out"/*.patch | wc -l)
python3 - "$cover" "$((n - 1))" <<'EOF'
import sys
path, n = sys.argv[1], sys.argv[2]
s = open(path).read()
s = s.replace("*** SUBJECT HERE ***", "winsec: Windows security descriptors and integrity levels")
s = s.replace("*** BLURB HERE ***",
    "A Linux Security Module that stores Windows security descriptors in\n"
    "the security.winsec xattr and enforces them, with Mandatory Integrity\n"
    "Control, through the Windows access check.\n\n"
    "Against Linux 6.12. Outside security/winsec/ and\n"
    "include/uapi/linux/winsec.h the series only adds the registration\n"
    "lines (Kconfig, Makefile, LSM_ID_WINSEC, lsm_count.h), the known IDs\n"
    "of selftests/lsm, the kselftests, the documentation (with the boot\n"
    "parameter in kernel-parameters.txt) and a MAINTAINERS entry.\n\n"
    "Apply with: git am " + "*.patch (" + n + " patches)")
open(path, "w").write(s)
EOF
rm -rf "$work"
ls "$out"/*.patch
