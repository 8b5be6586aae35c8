#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Tests run.sh's choice of accelerator and its fallback to TCG without a
# working KVM:
#
#   scripts/guest/accel-test.sh BZIMAGE ROOTFS.CPIO.GZ
#
# A stand-in qemu-system-x86_64, first on PATH, passes every command line
# to the real QEMU except those with "-accel kvm", on which it hangs
# silently or after printing a KVM internal error; a regular file stands in
# for /dev/kvm and each case has an empty cache directory of its own. Each
# case boots the guest for real under TCG, with KUnit off, running a script
# that checks its fresh ext4 image. The cases:
#
#   probe     KVM hangs: the probe gives up after WINSEC_PROBE_TIMEOUT=10,
#             TCG is used and cached
#   cached    the same again: the cached choice, no probe
#   error     WINSEC_ACCEL=kvm, QEMU reports a KVM internal error: the boot
#             is stopped, rerun under TCG, and TCG kept for the host
#   silent    WINSEC_ACCEL=kvm, a silent console (WINSEC_SILENCE_TIMEOUT=5):
#             the same
#   nodev     no KVM device: TCG without a probe
#
# Prints one "ok" or "not ok" line per assertion and, last,
# "RESULT <passed> <failed>"; exits non-zero when anything failed.

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
passed=0
failed=0

[ $# -eq 2 ] || {
	echo "usage: $0 BZIMAGE ROOTFS.CPIO.GZ" >&2
	exit 2
}
kernel=$1
rootfs=$2

real=$(command -v qemu-system-x86_64) || {
	echo "accel-test: qemu-system-x86_64 not found" >&2
	echo "RESULT 0 1"
	exit 1
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/winsec-accel.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

check() {
	local what=$1
	shift
	if "$@"; then
		echo "ok - $what"
		passed=$((passed + 1))
	else
		echo "not ok - $what"
		failed=$((failed + 1))
	fi
}

# The stand-in QEMU. STUB_KVM says what it does with -accel kvm: "silent"
# hangs, "error" prints a KVM internal error first. Every command line with
# -accel kvm is appended to $STUB_LOG.
mkdir -p "$tmp/bin"
cat >"$tmp/bin/qemu-system-x86_64" <<EOF
#!/bin/sh
case " \$* " in
*" -accel kvm "*)
	echo "\$*" >>"\$STUB_LOG"
	if [ "\$STUB_KVM" = error ]; then
		echo "KVM internal error. Suberror: 1" >&2
		echo "emulation failure" >&2
	fi
	exec sleep 1000
	;;
esac
exec "$real" "\$@"
EOF
chmod +x "$tmp/bin/qemu-system-x86_64"
: >"$tmp/kvm"

# The guest's script: the ext4 image is there and empty (a fresh one, also
# after a boot under KVM was stopped), then exit 0.
cat >"$tmp/guest.sh" <<'EOF'
#!/bin/sh
ls -A /mnt/ext4
[ "$(ls -A /mnt/ext4)" = lost+found ] || exit 1
touch /mnt/ext4/used || exit 1
echo accel-test: guest ran
exit 0
EOF

# boot NAME [VAR=VALUE...]: boots once; sets rc and secs, leaves stdout in
# $tmp/NAME.out, stderr in $tmp/NAME.err, the stand-in's KVM command lines
# in $tmp/NAME.kvm.
boot() {
	local name=$1 start
	shift
	: >"$tmp/$name.kvm"
	start=$(date +%s)
	env -u WINSEC_ACCEL -u WINSEC_NO_KVM \
		PATH="$tmp/bin:$PATH" STUB_LOG="$tmp/$name.kvm" STUB_KVM=silent \
		WINSEC_KVM_DEV="$tmp/kvm" WINSEC_ACCEL_CACHE="$tmp/cache" \
		WINSEC_PROBE_TIMEOUT=10 WINSEC_SILENCE_TIMEOUT=60 "$@" \
		"$top/scripts/guest/run.sh" --kernel "$kernel" --initrd "$rootfs" \
		--script "$tmp/guest.sh" --append kunit.enable=0 --mem 1024 \
		--timeout 300 >"$tmp/$name.out" 2>"$tmp/$name.err"
	rc=$?
	secs=$(($(date +%s) - start))
	echo "# $name: exit $rc in ${secs}s; run.sh said:"
	sed 's/^/#   /' "$tmp/$name.err"
}

said() {
	grep -q -- "$2" "$tmp/$1.err"
}

kvm_tried() {
	[ -s "$tmp/$1.kvm" ]
}

kvm_not_tried() {
	! [ -s "$tmp/$1.kvm" ]
}

guest_ran() {
	grep -q '^accel-test: guest ran' "$tmp/$1.out"
}

# The per-kernel cache file's first word.
cached() {
	local f
	for f in "$tmp"/cache/*; do
		case $f in
		*.log | *.no-kvm) continue ;;
		esac
		[ "$(cut -d ' ' -f 1 "$f")" = "$1" ] && return 0
	done
	return 1
}

host_marked() {
	ls "$tmp"/cache/*.no-kvm >/dev/null 2>&1
}

# probe: KVM hangs, the probe gives up (after 10 s rather than the default
# 20, to leave room for a slow TCG boot on a busy machine), TCG boots.
rm -rf "$tmp/cache"
boot probe
check "probe: exit 0" [ "$rc" -eq 0 ]
check "probe: the guest's script ran" guest_ran probe
check "probe: within 60 s ($secs s)" [ "$secs" -lt 60 ]
check "probe: QEMU was tried with -accel kvm" kvm_tried probe
check "probe: says it uses TCG after the probe" \
	said probe 'accelerator tcg: the probe could not boot'
check "probe: says the probe gave up" said probe 'no marker within 10s'
check "probe: the cache records tcg" cached tcg

# cached: the probe's result is used, KVM is not tried again.
boot cached
check "cached: exit 0" [ "$rc" -eq 0 ]
check "cached: KVM not tried" kvm_not_tried cached
check "cached: says it uses the cached TCG" said cached 'accelerator tcg: cached'

# error: forced KVM, QEMU reports an internal error; rerun under TCG.
rm -rf "$tmp/cache"
boot error WINSEC_ACCEL=kvm STUB_KVM=error
check "error: exit 0" [ "$rc" -eq 0 ]
check "error: the guest's script ran" guest_ran error
check "error: far less than the timeout ($secs s)" [ "$secs" -lt 60 ]
check "error: QEMU was tried with -accel kvm" kvm_tried error
check "error: says KVM failed with an internal error" \
	said error 'KVM failed on this boot: QEMU reported a KVM internal error'
check "error: says it boots again under TCG" \
	said error 'accelerator tcg: booting again'
check "error: TCG kept for this host" host_marked

# silent: forced KVM, the console stays silent for 5 s; rerun under TCG.
rm -rf "$tmp/cache"
boot silent WINSEC_ACCEL=kvm WINSEC_SILENCE_TIMEOUT=5
check "silent: exit 0" [ "$rc" -eq 0 ]
check "silent: the guest's script ran" guest_ran silent
check "silent: far less than the timeout ($secs s)" [ "$secs" -lt 60 ]
check "silent: says the console stayed silent" \
	said silent 'KVM failed on this boot: the console stayed silent for 5s'
check "silent: TCG kept for this host" host_marked

# nodev: no KVM device, TCG without probing.
rm -rf "$tmp/cache"
boot nodev WINSEC_KVM_DEV="$tmp/none"
check "nodev: exit 0" [ "$rc" -eq 0 ]
check "nodev: KVM not tried" kvm_not_tried nodev
check "nodev: says there is no KVM device" said nodev "accelerator tcg: no writable $tmp/none"

echo "RESULT $passed $failed"
[ "$failed" -eq 0 ]
