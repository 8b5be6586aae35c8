#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boots the winsec guest under QEMU:
#
#   scripts/guest/run.sh [options]
#     --kernel BZIMAGE    kernel to boot (default $BUILD/kernel/.../bzImage)
#     --initrd CPIO.GZ    base initramfs (default $BUILD/guest/rootfs.cpio.gz)
#     --rootfs NAME       busybox (the default): the initramfs is the root;
#                         debian: the Debian image $BUILD/debian/rootfs.ext4
#                         (make debian), its writes kept in a snapshot that
#                         QEMU drops at the end, becomes the root
#     --script FILE       copy FILE in, run it as root (System level), exit
#                         with its status
#     --demo              run the demo (the default without a terminal)
#     --shell             guide and shell (the default with a terminal)
#     --append 'ARGS'     more kernel parameters (may be repeated)
#     --log FILE          also write the console, without CRs, to FILE
#     --timeout SECONDS   stop QEMU after this long, all boots of this run
#                         together (default 900; the shell has no limit)
#     --mem MB            guest memory (default 512)
#     --smp N             virtual CPUs (default 1)
#     --icount            count instructions: TCG, one vCPU thread, QEMU's
#                         -icount shift=0,sleep=off (the guest clock then
#                         advances one nanosecond per guest instruction and
#                         skips idle time); no KVM probe
#     --plugin SPEC       load a QEMU TCG plugin (QEMU's -plugin SPEC; with
#                         --icount, e.g. make bench-profile's counter)
#     --disk IMG          use the raw image IMG, kept from boot to boot, as
#                         /dev/vda (mounted on /mnt/ext4 when it holds ext4)
#                         instead of a fresh ext4 image
#
# The guest's /init prints WINSEC_EXIT=<status> last; this script exits with
# that status, or with 123 when the guest was reset by SysRq (the console
# says "sysrq: Resetting"; -no-reboot makes the reset end QEMU), 124 when it
# timed out and 125 when it stopped without saying (a panic, for instance).
#
# The accelerator is KVM when a short probe boot of this kernel got through
# under it, TCG otherwise (scripts/guest/accel.sh; WINSEC_ACCEL=kvm|tcg
# forces one). Each boot says on stderr which one it uses and why. Except
# with --shell, a boot under KVM is watched: when QEMU reports a KVM
# internal error, or the console stays silent for WINSEC_SILENCE_TIMEOUT
# seconds (60), QEMU is stopped, the guest boots again under TCG on a fresh
# ext4 image (with --disk, on IMG as the first boot left it), and this host
# uses TCG from then on.

set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$top/build}
kernel=$build/kernel/arch/x86/boot/bzImage
initrd=$build/guest/rootfs.cpio.gz
gen=$build/guest/gen_init_cpio
mode=
script=
rootfs=busybox
append=()
log=
timeout=
mem=512
smp=1
icount=
disk=
plugin=()

die() {
	echo "run: $*" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel=$2; shift 2 ;;
	--initrd) initrd=$2; shift 2 ;;
	--rootfs) rootfs=$2; shift 2 ;;
	--script) mode=script; script=$2; shift 2 ;;
	--demo) mode=demo; shift ;;
	--shell) mode=shell; shift ;;
	--append) [ -z "$2" ] || append+=("$2"); shift 2 ;;
	--log) log=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--smp) smp=$2; shift 2 ;;
	--icount) icount=1; shift ;;
	--disk) disk=$2; shift 2 ;;
	--plugin) plugin=(-plugin "$2"); shift 2 ;;
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
if [ -n "$disk" ]; then
	[ -f "$disk" ] || die "$disk: no such file"
	[ -w "$disk" ] || die "$disk: not writable"
fi
rootdisk=()
case $rootfs in
busybox) ;;
debian)
	debian=$build/debian/rootfs.ext4
	[ -f "$debian" ] || die "$debian not found (make debian)"
	# The guest finds it by its serial (scripts/guest/init). The last
	# PCI slot makes it the last virtio disk, so that the scratch image
	# stays /dev/vda.
	rootdisk=(-drive "file=$debian,format=raw,if=none,id=debian,snapshot=on"
		-device virtio-blk-pci,drive=debian,serial=winsec-debian,addr=0x1f)
	;;
*) die "--rootfs takes busybox or debian" ;;
esac
[[ ${timeout:-900} =~ ^[0-9]+$ ]] || die "--timeout takes a number of seconds"
[[ $smp =~ ^[1-9][0-9]*$ ]] || die "--smp takes a number of CPUs"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 not found"
command -v mkfs.ext4 >/dev/null || die "mkfs.ext4 not found (e2fsprogs)"

# shellcheck source=scripts/guest/accel.sh
. "$top/scripts/guest/accel.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/winsec-guest.XXXXXX")
trap 'set +e; accel_cleanup; rm -rf "$work"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# Per-boot additions, as an uncompressed cpio placed before the base archive
# (the kernel unpacks a chain of archives; an uncompressed one must come
# first). The base archive holds none of these files.
echo "$mode" >"$work/mode"
echo "$rootfs" >"$work/rootfs"
{
	echo "dir /etc 0755 0 0"
	echo "dir /etc/guest 0755 0 0"
	echo "file /etc/guest/mode $work/mode 0644 0 0"
	echo "file /etc/guest/rootfs $work/rootfs 0644 0 0"
	[ -z "$script" ] || echo "file /etc/guest/script $(cd "$(dirname "$script")" && pwd)/$(basename "$script") 0755 0 0"
} >"$work/list"
"$gen" "$work/list" >"$work/extra.cpio"
# The Debian root needs of the initramfs only busybox, the tool and the
# kselftests: this tree's init and Debian guide come after it and replace
# its own, so that an initramfs built before them boots Debian too.
debian_files=()
if [ "$rootfs" = debian ]; then
	{
		echo "file /init $top/scripts/guest/init 0755 0 0"
		echo "file /etc/guest/guide-debian.txt $top/scripts/guest/guide-debian.txt 0644 0 0"
	} >"$work/debian.list"
	"$gen" "$work/debian.list" | gzip -1 >"$work/debian.cpio.gz"
	debian_files=("$work/debian.cpio.gz")
fi
cat "$work/extra.cpio" "$initrd" "${debian_files[@]}" >"$work/initrd"

# A fresh ext4 image each boot, so that no labels survive from a run to the
# next; none with --disk.
new_ext4() {
	[ -z "$disk" ] || return 0
	rm -f "$work/ext4.img"
	truncate -s 64M "$work/ext4.img"
	mkfs.ext4 -q -F -L winsec -E root_owner=0:0 "$work/ext4.img"
}

bios=()
[ -f /usr/share/qemu/qboot.rom ] && bios=(-bios /usr/share/qemu/qboot.rom)

if [ -n "$icount" ]; then
	accel=tcg
	accel_why="--icount (instruction counting runs under TCG only)"
else
	accel_choose
fi
echo "run: accelerator $accel: $accel_why" >&2

cmdline="console=ttyS0 panic=-1 log_buf_len=4M no_timer_check ${append[*]:-}"
# The QEMU command line for accelerator $1, in the array qemu.
qemu_for() {
	accel_opts_for "$1"
	# QEMU refuses icount with multi-threaded TCG: one thread runs every
	# vCPU in turn, and the clock counts the instructions of all of them.
	# shellcheck disable=SC2054 # QEMU's option values, not array elements
	[ -z "$icount" ] ||
		accel_opts=(-accel tcg,thread=single -icount shift=0,sleep=off)
	qemu=(qemu-system-x86_64 -nodefaults -no-user-config -no-reboot
		"${accel_opts[@]}" "${bios[@]}" -m "$mem" -smp "$smp" -display none
		-kernel "$kernel" -initrd "$work/initrd" -append "$cmdline"
		-drive "file=${disk:-$work/ext4.img},format=raw,if=virtio"
		"${rootdisk[@]}" "${plugin[@]}")
}

if [ "$mode" = shell ]; then
	new_ext4
	qemu_for "$accel"
	echo "run: QEMU console; leave with 'exit' or Ctrl-A X" >&2
	exec "${qemu[@]}" -serial mon:stdio
fi

# Boots under accelerator $1 within what is left of the time limit, the
# console in $work/console.$1.
deadline=$(($(accel_now_ms) + ${timeout:-900} * 1000))
boot() {
	new_ext4
	qemu_for "$1"
	accel_watch "$1" "$work/console.$1" "$work/qemu.$1.err" \
		$((deadline - $(accel_now_ms))) 1 "${qemu[@]}"
	if [ -s "$work/qemu.$1.err" ]; then
		cat "$work/qemu.$1.err" >&2
	fi
}

boot "$accel"
if [ "$accel" = kvm ]; then
	why=$(accel_kvm_failure "$work/console.kvm")
	if [ -n "$why" ]; then
		echo "run: KVM failed on this boot: $why; QEMU stopped" >&2
		accel_forget_kvm "$why"
		accel=tcg
		echo "run: accelerator tcg: booting again after KVM failed; this host uses TCG from now on (remove $(accel_host_file) to probe KVM again)" >&2
		boot tcg
	fi
fi
rc=$watch_rc

tr -d '\r' <"$work/console.$accel" >"$work/console.txt"
[ -z "$log" ] || cp "$work/console.txt" "$log"

status=$(grep -a -o '^WINSEC_EXIT=[0-9]*' "$work/console.txt" | tail -n 1 | cut -d= -f2)
if [ -n "$status" ]; then
	exit "$status"
fi
if [ "$watch_end" = exited ] && grep -a -q 'sysrq: Resetting' "$work/console.txt"; then
	echo "run: the guest was reset (SysRq b) before it said its exit status" >&2
	exit 123
fi
if [ "$watch_end" = timeout ]; then
	echo "run: the guest timed out after ${timeout:-900}s" >&2
	exit 124
fi
echo "run: the guest stopped without an exit status (QEMU exit $rc)" >&2
exit 125
