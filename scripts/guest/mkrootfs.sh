#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Builds the guest's initramfs:
#
#   scripts/guest/mkrootfs.sh OUT.cpio.gz GEN_INIT_CPIO WINSEC_TOOL KSFT_DIR
#
# Contents: Debian's static busybox with its applet links, /init
# (scripts/guest/init), /etc/passwd, group and shadow (root; alice 1000,
# bob 1001 and carol 1002 in group users 100), the guide and the demo, the
# static winsec tool as /usr/bin/winsec and the installed kselftests under
# /opt/ksft. The archive is written by the kernel's gen_init_cpio, so every
# file belongs to root (the users' homes to them) and /dev/console exists
# without running as root. The initramfs cannot hold xattrs: labelled
# storage is the tmpfs on /tmp and the ext4 image on /mnt/ext4.

set -eu

die() {
	echo "mkrootfs: $*" >&2
	exit 1
}

[ $# -eq 4 ] || die "usage: $0 OUT.cpio.gz GEN_INIT_CPIO WINSEC_TOOL KSFT_DIR"
out=$1
gen=$2
tool=$3
ksft=$4
here=$(cd "$(dirname "$0")" && pwd)
busybox=${BUSYBOX:-/bin/busybox}

[ -x "$busybox" ] || die "$busybox not found (install busybox-static)"
readelf -l "$busybox" 2>/dev/null | grep -q 'program interpreter' &&
	die "$busybox is dynamically linked (install busybox-static)"
[ -x "$gen" ] || die "$gen not found"
[ -x "$tool" ] || die "$tool not found (make tools)"
[ -d "$ksft" ] || die "$ksft not found"

list=$(mktemp)
trap 'rm -f "$list"' EXIT

emit() { printf '%s\n' "$*" >>"$list"; }

for d in /bin /sbin /usr /usr/bin /usr/sbin /etc /etc/guest /dev /proc /sys \
	/run /var /mnt /opt /home /root; do
	emit "dir $d 0755 0 0"
done
emit "dir /tmp 1777 0 0"
emit "nod /dev/console 0600 0 0 c 5 1"
emit "nod /dev/null 0666 0 0 c 1 3"
emit "dir /home/alice 0755 1000 100"
emit "dir /home/bob 0755 1001 100"
emit "dir /home/carol 0755 1002 100"

emit "file /bin/busybox $busybox 0755 0 0"
"$busybox" --list-full | sort -u | while read -r applet; do
	[ "$applet" = bin/busybox ] && continue
	emit "slink /$applet /bin/busybox 0777 0 0"
done

emit "file /init $here/init 0755 0 0"

etc=$(mktemp -d)
trap 'rm -f "$list"; rm -rf "$etc"' EXIT
cat >"$etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
alice:x:1000:100:Alice:/home/alice:/bin/sh
bob:x:1001:100:Bob:/home/bob:/bin/sh
carol:x:1002:100:Carol:/home/carol:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat >"$etc/group" <<'EOF'
root:x:0:
users:x:100:alice,bob,carol
alice:x:1000:
bob:x:1001:
carol:x:1002:
nogroup:x:65534:
EOF
cat >"$etc/shadow" <<'EOF'
root::0:0:99999:7:::
alice::0:0:99999:7:::
bob::0:0:99999:7:::
carol::0:0:99999:7:::
nobody:*:0:0:99999:7:::
EOF
cat >"$etc/profile" <<'EOF'
export PATH=/sbin:/bin:/usr/sbin:/usr/bin
PS1='\u@\h:\w\$ '
EOF
emit "file /etc/passwd $etc/passwd 0644 0 0"
emit "file /etc/group $etc/group 0644 0 0"
emit "file /etc/shadow $etc/shadow 0600 0 0"
emit "file /etc/profile $etc/profile 0644 0 0"
emit "file /etc/guest/guide.txt $here/guide.txt 0644 0 0"
emit "file /etc/guest/demo.sh $here/demo.sh 0755 0 0"
emit "file /usr/bin/winsec $tool 0755 0 0"

# The installed kselftests, as they are.
emit "dir /opt/ksft 0755 0 0"
(cd "$ksft" && find . -mindepth 1 | sort) | while read -r p; do
	p=${p#./}
	if [ -d "$ksft/$p" ]; then
		emit "dir /opt/ksft/$p 0755 0 0"
	else
		mode=0644
		[ -x "$ksft/$p" ] && mode=0755
		emit "file /opt/ksft/$p $ksft/$p $mode 0 0"
	fi
done

mkdir -p "$(dirname "$out")"
"$gen" "$list" | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
