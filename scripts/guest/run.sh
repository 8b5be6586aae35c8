#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boots the winsec guest under QEMU (TCG):
#
#   scripts/guest/run.sh [options]
#     --kernel BZIMAGE    kernel to boot (default $BUILD/kernel/.../bzImage)
#     --initrd CPIO.GZ    base initramfs (default $BUILD/guest/rootfs.cpio.gz)
#     --script FILE       copy FILE in, run it as root (System level), exit
#                         with its status
#     --demo              run the demo (the default without a terminal)
#     --shell             guide and shell (the default with a terminal)
#     --append 'ARGS'     more kernel parameters (may be repeated)
#     --log FILE          also write the console, without CRs, to FILE
#     --timeout SECONDS   stop QEMU after this long (default 900; the
#                         shell has no limit)
#     --mem MB            guest memory (default 512)
#
# The guest's /init prints WINSEC_EXIT=<status> last; this script exits with
# that status, or with 124 when the guest timed out and 125 when it stopped
# without saying (a panic, for instance).

set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$top/build}
kernel=$build/kernel/arch/x86/boot/bzImage
initrd=$build/guest/rootfs.cpio.gz
gen=$build/guest/gen_init_cpio
mode=
script=
append=()
log=
timeout=
mem=512

die() {
	echo "run: $*" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel=$2; shift 2 ;;
	--initrd) initrd=$2; shift 2 ;;
	--script) mode=script; script=$2; shift 2 ;;
	--demo) mode=demo; shift ;;
	--shell) mode=shell; shift ;;
	--append) [ -z "$2" ] || append+=("$2"); shift 2 ;;
	--log) log=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	*) die "unknown option $1" ;;
	esac
done

if [ -z "$mode" ]; then
	if [ -t 0 ] && [ -t 1 ]; then
		mode=shell
	else
		mode=demo
	fi
fi
[ -f "$kernel" ] || die "$kernel not found (make kernel)"
[ -f "$initrd" ] || die "$initrd not found (make guest)"
[ -x "$gen" ] || die "$gen not found (make guest)"
[ -z "$script" ] || [ -f "$script" ] || die "$script: no such file"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 not found"
command -v mkfs.ext4 >/dev/null || die "mkfs.ext4 not found (e2fsprogs)"

work=$(mktemp -d "${TMPDIR:-/tmp}/winsec-guest.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Per-boot additions, as an uncompressed cpio placed before the base archive
# (the kernel unpacks a chain of archives; an uncompressed one must come
# first). The base archive holds neither of these files.
echo "$mode" >"$work/mode"
{
	echo "dir /etc 0755 0 0"
	echo "dir /etc/guest 0755 0 0"
	echo "file /etc/guest/mode $work/mode 0644 0 0"
	[ -z "$script" ] || echo "file /etc/guest/script $(cd "$(dirname "$script")" && pwd)/$(basename "$script") 0755 0 0"
} >"$work/list"
"$gen" "$work/list" >"$work/extra.cpio"
cat "$work/extra.cpio" "$initrd" >"$work/initrd"

# A fresh ext4 image each boot, so that no labels survive from a run to the
# next.
truncate -s 64M "$work/ext4.img"
mkfs.ext4 -q -F -L winsec -E root_owner=0:0 "$work/ext4.img"

bios=()
[ -f /usr/share/qemu/qboot.rom ] && bios=(-bios /usr/share/qemu/qboot.rom)
accel=(-accel tcg)
if [ -w /dev/kvm ] && [ -z "${WINSEC_NO_KVM:-}" ]; then
	accel=(-accel kvm -cpu host)
fi

cmdline="console=ttyS0 panic=-1 log_buf_len=4M ${append[*]:-}"
qemu=(qemu-system-x86_64 -nodefaults -no-user-config -no-reboot
	"${accel[@]}" "${bios[@]}" -m "$mem" -smp 1 -display none
	-kernel "$kernel" -initrd "$work/initrd" -append "$cmdline"
	-drive "file=$work/ext4.img,format=raw,if=virtio")

if [ "$mode" = shell ]; then
	echo "run: QEMU console; leave with 'exit' or Ctrl-A X" >&2
	exec "${qemu[@]}" -serial mon:stdio
fi

consolelog=$work/console.log
set +e
timeout --foreground -k 10 "${timeout:-900}" "${qemu[@]}" -serial stdio </dev/null |
	tee "$consolelog"
rc=${PIPESTATUS[0]}
set -e
tr -d '\r' <"$consolelog" >"$consolelog.txt"
[ -z "$log" ] || cp "$consolelog.txt" "$log"

status=$(grep -a -o '^WINSEC_EXIT=[0-9]*' "$consolelog.txt" | tail -n 1 | cut -d= -f2)
if [ -n "$status" ]; then
	exit "$status"
fi
if [ "$rc" -eq 124 ]; then
	echo "run: the guest timed out after ${timeout:-900}s" >&2
	exit 124
fi
echo "run: the guest stopped without an exit status (QEMU exit $rc)" >&2
exit 125
