#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Prepares the kernel source tree that winsec is built in:
#
#   scripts/kernel-tree.sh TREE [KSRC]
#
# The first time, TREE is filled from Debian's linux-source-6.12 tarball, or
# copied from KSRC when given (a user's tree is never modified in place).
# Then, on every call:
#   - security/winsec/ and include/uapi/linux/winsec.h are copied in, and
#     selftests/winsec/ to tools/testing/selftests/winsec/ (plain copies; only
#     files whose content changed are written, so incremental builds stay
#     incremental; files removed from the repo are removed from the tree);
#   - the registration patches of scripts/patches/ are applied, each once.
#
# The tree is only ever built out of tree (make O=...), so it stays clean.

set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
tarball=${KERNEL_TARBALL:-/usr/src/linux-source-6.12.tar.xz}

die() {
	echo "kernel-tree: $*" >&2
	exit 1
}

[ $# -ge 1 ] || die "usage: $0 TREE [KSRC]"
tree=$1
ksrc=${2:-}
stamp=$tree/.winsec-origin

if [ -n "$ksrc" ]; then
	[ -f "$ksrc/Makefile" ] && [ -d "$ksrc/security" ] ||
		die "KSRC=$ksrc is not a kernel source tree"
	origin=$(cd "$ksrc" && pwd)
else
	origin=$tarball
fi

if [ -f "$stamp" ]; then
	if [ "$(cat "$stamp")" != "$origin" ]; then
		die "$tree was made from $(cat "$stamp"), not $origin; remove it (rm -rf $tree) to switch"
	fi
else
	rm -rf "$tree" "$tree.tmp"
	mkdir -p "$tree.tmp"
	if [ -n "$ksrc" ]; then
		echo "  COPY    $origin -> $tree"
		[ ! -f "$ksrc/.config" ] ||
			echo "kernel-tree: note: $ksrc is configured in place; its .config is not copied" >&2
		rsync -a --exclude=/.git --exclude=/.config --exclude='*.o' \
			--exclude='*.cmd' "$ksrc/" "$tree.tmp/"
	else
		[ -f "$tarball" ] ||
			die "$tarball not found (install linux-source-6.12, or pass KSRC=)"
		echo "  UNPACK  $tarball -> $tree"
		tar -xJf "$tarball" -C "$tree.tmp" --strip-components=1
	fi
	echo "$origin" >"$tree.tmp/.winsec-origin"
	mv "$tree.tmp" "$tree"
fi

# Overlay: plain files, content-compared, deletions propagated.
overlay() {
	local src=$1 dst=$2
	mkdir -p "$dst"
	rsync -rc --delete --itemize-changes \
		--exclude='*.o' --exclude='*.cmd' --exclude='.*.d' \
		--exclude='/*_test' --exclude='*.a' \
		"$src/" "$dst/" | sed -n 's/^>f[^ ]* /  OVERLAY /p'
}
overlay "$top/security/winsec" "$tree/security/winsec"
if [ -d "$top/selftests/winsec" ]; then
	overlay "$top/selftests/winsec" "$tree/tools/testing/selftests/winsec"
fi
if ! cmp -s "$top/include/uapi/linux/winsec.h" "$tree/include/uapi/linux/winsec.h"; then
	echo "  OVERLAY include/uapi/linux/winsec.h"
	cp "$top/include/uapi/linux/winsec.h" "$tree/include/uapi/linux/winsec.h"
fi

# Registration patches, each applied once.
for p in "$top"/scripts/patches/*.patch; do
	[ -e "$p" ] || continue
	name=$(basename "$p")
	if patch -d "$tree" -p1 -R -s -f --dry-run <"$p" >/dev/null 2>&1; then
		continue	# already applied
	fi
	echo "  PATCH   $name"
	patch -d "$tree" -p1 -N -s --no-backup-if-mismatch <"$p" ||
		die "$name does not apply to $tree"
done
