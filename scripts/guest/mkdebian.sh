#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Builds the Debian 12 root file system of the guest (run.sh --rootfs
# debian), as an ext4 image:
#
#   scripts/guest/mkdebian.sh [--force] OUT.ext4 WINSEC_TOOL
#
# Contents: mmdebstrap's minbase variant of bookworm with the packages of
# scripts/guest/debian-packages, from the archive the host's apt uses
# (DEBIAN_SOURCES, by default /etc/apt/sources.list.d/debian.sources); the
# users of the busybox guest (root; alice 1000, bob 1001 and carol 1002 in
# group users 100, with their homes and no password). The tool, the
# kselftests and the guest's scripts are not in the image: the busybox
# initramfs brings them at every boot (scripts/guest/init).
#
# The files carry security.winsec descriptors like a Windows system volume
# (see "The Debian guest" in Documentation/admin-guide/LSM/winsec.rst):
# the root and every top-level directory SYSTEM-owned, protected, full
# control for SYSTEM and Administrators and read and execute for Users,
# inheritable; what is below them carries the inherited form, as the
# kernel's inheritance makes it (computed by WINSEC_TOOL); /root is for
# SYSTEM and Administrators alone, each home is its user's. Mount points
# and temporary directories (/dev, /proc, /sys, /run, /tmp, /var/tmp) stay
# unlabeled. The descriptors are written into the image with debugfs.
#
# The image is sparse (DEBIAN_SIZE, 1536M) and written with mkfs.ext4 -d,
# without mounting anything; mmdebstrap's root mode needs root. It is made
# again only when an input changed: this script, the package list, the
# apt sources or the descriptors (--force: always); the reason is
# printed. A new image replaces the old one by a rename, so a guest that
# is running keeps the one it booted.

set -eu
begin=$(date +%s)

die() {
	echo "mkdebian: $*" >&2
	exit 1
}

force=
if [ "${1:-}" = --force ]; then
	force=1
	shift
fi
[ $# -eq 2 ] || die "usage: $0 [--force] OUT.ext4 WINSEC_TOOL"
out=$1
tool=$2
here=$(cd "$(dirname "$0")" && pwd)
pkglist=$here/debian-packages
suite=bookworm
size=${DEBIAN_SIZE:-1536M}
sources=${DEBIAN_SOURCES:-}
if [ -z "$sources" ]; then
	for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
		if [ -s "$f" ]; then
			sources=$f
			break
		fi
	done
fi

[ -x "$tool" ] || die "$tool not found (make tools)"
[ -f "$pkglist" ] || die "$pkglist not found"
[ -n "$sources" ] || die "no apt sources on this host; set DEBIAN_SOURCES to a sources file"
[ -f "$sources" ] || die "$sources: no such file"
[[ $size =~ ^[0-9]+[KMG]$ ]] || die "DEBIAN_SIZE takes a size such as 1536M"

# The users, as in the busybox guest (scripts/guest/mkrootfs.sh):
# name uid gid comment.
users='alice 1000 100 Alice
bob 1001 100 Bob
carol 1002 100 Carol'

mapfile -t pkgs < <(sed 's/#.*//; s/[[:space:]]//g; /^$/d' "$pkglist")
[ ${#pkgs[@]} -gt 0 ] || die "$pkglist lists no package"

mkdir -p "$(dirname "$out")"
work=$(mktemp -d "$(dirname "$out")/.mkdebian.XXXXXX")
trap 'rm -rf --one-file-system "$work"' EXIT

# The descriptors, by class. A protected descriptor (P) is set on the top
# of a tree; what is below gets the form that the kernel's inheritance
# gives an object created there, one for directories (-d) and one for
# the rest (-f). The owner of the system classes is SYSTEM, as the
# creator descriptor O:SYG:SY makes it.
sd=$work/sd
mkdir "$sd"
sys='O:SYG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)'
admin='O:SYG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)'

# class NAME SDDL: the binary of SDDL in $sd/NAME, and its SDDL in
# $sd/NAME.sddl.
class() {
	"$tool" encode "$2" >"$sd/$1" || die "cannot encode $1: $2"
	printf '%s\n' "$2" >"$sd/$1.sddl"
}

# tree NAME SDDL TOKEN...: classes NAME (SDDL itself), NAME-d and NAME-f
# (what a creator with the token options TOKEN gets below it).
tree() {
	local name=$1 top=$2 d f d2 f2
	shift 2
	d=$("$tool" inherit --parent "$top" --dir "$@") || die "cannot inherit from $top"
	f=$("$tool" inherit --parent "$top" "$@") || die "cannot inherit from $top"
	# Deeper levels must get the same: inheritance is a fixed point
	# after one step.
	d2=$("$tool" inherit --parent "$d" --dir "$@") || die "cannot inherit from $d"
	f2=$("$tool" inherit --parent "$d" "$@") || die "cannot inherit from $d"
	if [ "$d2" != "$d" ] || [ "$f2" != "$f" ]; then
		die "inheritance below $top is not the same at every depth ($d, $d2)"
	fi
	class "$name" "$top"
	class "$name-d" "$d"
	class "$name-f" "$f"
}

root_token=(--user 0 --group 0 --level system --creator 'O:SYG:SY')
tree sys "$sys" "${root_token[@]}"
tree admin "$admin" "${root_token[@]}"
while read -r name uid gid _; do
	u=S-1-22-1-$uid
	tree "home-$name" "O:${u}G:S-1-22-2-${gid}D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;$u)" \
		--user "$uid" --group "$gid" --level medium
done <<<"$users"

# What the image is made from, one "name hash" a line.
{
	echo "script $(sha256sum <"$0" | cut -d' ' -f1)"
	echo "packages $(printf '%s\n' "${pkgs[@]}" | sha256sum | cut -d' ' -f1)"
	echo "sources $( (echo "$suite"; cat "$sources") | sha256sum | cut -d' ' -f1)"
	echo "size $size"
	echo "descriptors $(cat "$sd"/*.sddl | sha256sum | cut -d' ' -f1)"
} >"$work/inputs"

stamp=$out.inputs
if [ -z "$force" ] && [ -f "$out" ] && [ -f "$stamp" ] && cmp -s "$work/inputs" "$stamp"; then
	echo "mkdebian: $out is up to date"
	exit 0
fi
if [ -n "$force" ]; then
	why="--force"
elif ! [ -f "$out" ]; then
	why="no image yet"
elif ! [ -f "$stamp" ]; then
	why="no record of its inputs ($stamp)"
else
	why=$(join -a 1 <(sort "$work/inputs") <(sort "$stamp") |
		awk 'NF != 3 || $2 != $3 { printf "%s%s", sep, $1; sep = ", " }')
	why="changed: $why"
fi
echo "mkdebian: building $out ($why)"

[ "$(id -u)" -eq 0 ] || die "mmdebstrap's root mode needs root (make check installs and builds as root)"
for cmd in mmdebstrap mkfs.ext4 debugfs e2fsck chroot; do
	command -v "$cmd" >/dev/null || die "$cmd not found (scripts/install-deps.sh installs it)"
done
log=$out.log

start=$(date +%s)
root=$work/tree
include=$(IFS=,; echo "${pkgs[*]}")
mmdebstrap --variant=minbase --include="$include" "$suite" "$root" "$sources" \
	>"$log" 2>&1 || die "mmdebstrap failed: $(tail -n 5 "$log")"
echo "mkdebian: mmdebstrap $suite with ${#pkgs[@]} packages: $(($(date +%s) - start))s (log: $log)"

echo winsec >"$root/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\twinsec\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' \
	>"$root/etc/hosts"
ln -sfn ../proc/self/mounts "$root/etc/mtab"
chroot "$root" passwd -q -d root >/dev/null || die "cannot clear root's password"
while read -r name uid gid comment; do
	{
		chroot "$root" groupadd -g "$uid" "$name" &&
			chroot "$root" useradd -u "$uid" -g "$gid" -G "$gid" -m \
				-s /bin/bash -c "$comment" "$name" &&
			chroot "$root" passwd -q -d "$name" >/dev/null
	} || die "cannot add the user $name"
done <<<"$users"

img=$work/rootfs.ext4
truncate -s "$size" "$img"
mkfs.ext4 -q -F -L winsec-debian -I 512 -d "$root" "$img" ||
	die "mkfs.ext4 -d failed"

# One class for each path of the tree (none for symbolic links, which
# Linux never checks, nor for what the classes leave unlabeled), as
# debugfs commands. Descriptors of about 120 bytes fit in a 512-byte
# inode, so labelling takes no block.
homes=$(cut -d' ' -f1 <<<"$users" | tr '\n' ' ')
(cd "$root" && find . -mindepth 1 ! -type l -printf '%y %P\n') | awk -v homes="$homes" '
	BEGIN {
		n = split(homes, h, " ")
		for (i = 1; i <= n; i++)
			home["home/" h[i]] = h[i]
		print "sys /"
	}
	{
		type = $1
		path = substr($0, 3)
		if (path ~ /["\n]/) {
			print "mkdebian: not labelled: " path > "/dev/stderr"
			next
		}
		split(path, c, "/")
		if (c[1] ~ /^(dev|proc|sys|run|tmp|lost\+found)$/ ||
		    path ~ /^var\/tmp(\/|$)/)
			next
		if (c[1] == "home" && ("home/" c[2]) in home) {
			top = "home/" c[2]
			name = "home-" c[2]
		} else if (c[1] == "root") {
			top = "root"
			name = "admin"
		} else {
			top = c[1]
			name = "sys"
		}
		if (path == top && type == "d")
			print name " /" path
		else
			print name "-" (type == "d" ? "d" : "f") " /" path
	}' >"$work/classes"
# The tree is in the image now.
rm -rf --one-file-system "$root"
sed 's|^\([^ ]*\) \(.*\)$|ea_set -f "'"$sd"'/\1" "\2" security.winsec|' \
	"$work/classes" >"$work/debugfs.cmds"
debugfs -w -f "$work/debugfs.cmds" "$img" >"$work/debugfs.out" 2>&1 ||
	die "debugfs failed: $(tail -n 5 "$work/debugfs.out")"
if grep -v '^debugfs' "$work/debugfs.out" | grep -q .; then
	die "debugfs: $(grep -v '^debugfs' "$work/debugfs.out" | head -n 5)"
fi

# Read a few back.
for path in / /usr /usr/bin/stress-ng /etc/passwd /root /home/alice /home/alice/.bashrc; do
	want=$(awk -v p="$path" '$2 == p { print $1 }' "$work/classes")
	[ -n "$want" ] || die "$path has no class"
	rm -f "$work/got"
	debugfs -R "ea_get -f \"$work/got\" \"$path\" security.winsec" "$img" \
		>/dev/null 2>&1
	cmp -s "$work/got" "$sd/$want" ||
		die "$path: the descriptor read back is not $(cat "$sd/$want.sddl")"
done
e2fsck -fn "$img" >"$work/e2fsck.out" 2>&1 ||
	die "e2fsck finds errors: $(tail -n 5 "$work/e2fsck.out")"

mv "$img" "$out"
cp "$work/inputs" "$stamp"
{
	echo "# The descriptors of $out, by class (class path)."
	for f in "$sd"/*.sddl; do
		echo "# $(basename "$f" .sddl) $(cat "$f")"
	done
	cat "$work/classes"
} >"$out.labels"
echo "mkdebian: $out: $(wc -l <"$work/classes") paths labelled, $(du -h "$out" | cut -f1) used of $size; $(($(date +%s) - begin))s in all"
