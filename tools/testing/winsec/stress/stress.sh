#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make stress: the debug kernel (KASAN, UBSAN, lockdep, kmemleak) on 4
# vCPUs under concurrent load, with canaries and relabelers
# (scripts/guest/stress.sh in the guest), then the pass conditions and the
# throughput table (tools/testing/winsec/stress/stress-report.py).
#
#   stress.sh STRESSCTL
#
# The environment:
#   BUILD           the build directory (build/)
#   STRESS_MINUTES  minutes of load (10)
#   STRESS_QUICK=1  the short version of make check: 60 seconds of load,
#                   one trinity instance for 60, no benchmark and no boot
#                   without winsec
#   BENCH_SECONDS   seconds per stressor of the benchmark (10; 0: none)
#   BENCH_STRESSORS the stressors of the benchmark (all fifteen)
#   TRINITY_MIN     the system calls each trinity instance must make (one
#                   for every two seconds it runs)
#   STRESS_KERNEL   the bzImage to boot (the debug kernel of make
#                   kernel-debug)
#   STRESS_TIMEOUT  seconds allowed to each boot
#   STRESS_ROOTFS   busybox (the default) or debian: the guest's root
#                   (run.sh --rootfs; the Debian image of make debian
#                   brings its own stress-ng and trinity)
#
# Boots, each with 4 vCPUs and 2 GiB under the normal accelerator (the
# guest's TSC calibrated with the host's frequency, so that stress-ng's
# clock is right):
#   nowinsec   lsm= without winsec: the benchmark only     (not with STRESS_QUICK)
#   winsec     the default lsm=: the benchmark, then the scenario
# stress-ng and trinity are the host's (Debian's packages), copied into
# the initramfs with their shared libraries. Consoles, logs and the table
# are kept in $BUILD/stress/. Exits 1 when a pass condition fails, 2 when
# something it needs is missing.

set -u
top=$(cd "$(dirname "$0")/../../../.." && pwd)
build=${BUILD:-$top/build}
here=$top/tools/testing/winsec/stress
out=$build/stress
kernel=${STRESS_KERNEL:-$build/kernel-debug/arch/x86/boot/bzImage}
rootfs=$build/guest/rootfs.cpio.gz
gen=$build/guest/gen_init_cpio
quick=${STRESS_QUICK:-}
[ "$quick" = 1 ] || quick=

die() {
	echo "stress: $*" >&2
	exit 2
}

[ $# -eq 1 ] || die "usage: $0 STRESSCTL"
stressctl=$1
[ -x "$stressctl" ] || die "$stressctl not found (make stressctl)"
[ -f "$kernel" ] || die "$kernel not found (make kernel-debug, or STRESS_KERNEL)"
[ -f "$rootfs" ] || die "$rootfs not found (make guest)"
[ -x "$gen" ] || die "$gen not found (make guest)"
[ -x "$build/winsec" ] || die "$build/winsec not found (make tools)"
rootfs_name=${STRESS_ROOTFS:-busybox}
case $rootfs_name in
busybox) ;;
debian) [ -f "$build/debian/rootfs.ext4" ] ||
	die "$build/debian/rootfs.ext4 not found (make debian)" ;;
*) die "STRESS_ROOTFS takes busybox or debian" ;;
esac
for b in stress-ng trinity; do
	[ -x "/usr/bin/$b" ] || die "/usr/bin/$b not found (scripts/install-deps.sh installs it)"
done

minutes=${STRESS_MINUTES:-10}
[[ $minutes =~ ^[1-9][0-9]*$ ]] || die "STRESS_MINUTES takes a whole number of minutes"
if [ -n "$quick" ]; then
	seconds=60
	bench=0
	timeout=${STRESS_TIMEOUT:-1800}
else
	seconds=$((minutes * 60))
	bench=${BENCH_SECONDS:-10}
	timeout=${STRESS_TIMEOUT:-$((seconds * 2 + 1800))}
fi
[[ $bench =~ ^[0-9]+$ ]] || die "BENCH_SECONDS takes a number of seconds"
# trinity for the enforcing phase (four fifths of the load) but its last
# ten seconds; in the short version for as long as the load (it ends
# while stress-ng stops), one instance instead of two.
if [ -n "$quick" ]; then
	trinity=$seconds
else
	trinity=$((seconds * 4 / 5 - 10))
fi
# At least one system call for two seconds of each instance: its start
# takes 15 seconds without load, minutes under the full load.
trinity_min=${TRINITY_MIN:-$((trinity / 2))}
[[ $trinity_min =~ ^[0-9]+$ ]] || die "TRINITY_MIN takes a number of system calls"

# The LSM lists: CONFIG_LSM of the guest configuration, and without winsec.
lsm_default=$(sed -n 's/^CONFIG_LSM="\(.*\)"$/\1/p' "$top/scripts/kconfig/winsec.config")
[[ ,$lsm_default, == *,winsec,* ]] || die "CONFIG_LSM does not list winsec"
lsm_without=$(echo ",$lsm_default," | sed 's/,winsec,/,/; s/^,//; s/,$//')

mkdir -p "$out"
rm -f "$out"/*.console "$out"/table.txt "$out"/report.txt

# The initramfs: the guest's, then stressctl, this tree's tool, stress-ng
# and trinity with the libraries they load (each at the path the dynamic
# loader looks in: /lib/x86_64-linux-gnu, and the loader in /lib64).
{
	echo "dir /lib 0755 0 0"
	echo "dir /lib/x86_64-linux-gnu 0755 0 0"
	echo "dir /lib64 0755 0 0"
	echo "dir /run 0755 0 0"
	# /etc/guest is what a Debian root gets from the initramfs.
	echo "file /etc/guest/stressctl $stressctl 0755 0 0"
	echo "file /usr/bin/winsec $build/winsec 0755 0 0"
	for b in stress-ng trinity; do
		echo "file /usr/bin/$b /usr/bin/$b 0755 0 0"
	done
	for b in stress-ng trinity; do
		ldd "/usr/bin/$b" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }
			$1 ~ /^\/.*ld-linux/ { print $1 }'
	done | sort -u | while read -r lib; do
		case $lib in
		*/ld-linux*) dest=/lib64/$(basename "$lib") ;;
		*) dest=/lib/x86_64-linux-gnu/$(basename "$lib") ;;
		esac
		echo "file $dest $(readlink -f "$lib") 0755 0 0"
	done
} >"$out/extra.list"
"$gen" "$out/extra.list" | gzip -1 >"$out/extra.cpio.gz" || die "gen_init_cpio failed"
cat "$rootfs" "$out/extra.cpio.gz" >"$out/initrd" || die "cannot write $out/initrd"

# Without a reference timer the guest cannot calibrate its TSC under TCG
# and would keep time in jiffies: give it the host's frequency.
khz=$("$stressctl" tsc-khz 2>/dev/null)

# boot NAME LSMS MODE
boot() {
	local name=$1 lsms=$2 mode=$3 script=$out/$1.sh start rc

	{
		echo "#!/bin/sh"
		echo "STRESS_MODE=$mode"
		echo "STRESS_SECONDS=$seconds"
		echo "TRINITY_SECONDS=$trinity"
		echo "TRINITY_MIN=$trinity_min"
		echo "BENCH_SECONDS=$bench"
		[ -z "${BENCH_STRESSORS:-}" ] || echo "BENCH_STRESSORS='$BENCH_STRESSORS'"
		echo "STRESS_QUICK=${quick:-0}"
		echo "STRESS_WATCHDOG=$((timeout > 600 ? timeout - 300 : 0))"
		tail -n +2 "$top/scripts/guest/stress.sh"
	} >"$script"
	start=$(date +%s)
	# Four vCPUs share the host's cores under TCG: a vCPU thread the host
	# does not run for 20 s (twice the default watchdog_thresh) would be
	# reported as a soft lockup of a CPU that never stopped scheduling. A
	# threshold of 60 s still reports a CPU stuck for two minutes, as the
	# hung-task detector does a task.
	BUILD=$build "$top/scripts/guest/run.sh" --kernel "$kernel" \
		--initrd "$out/initrd" --rootfs "$rootfs_name" --script "$script" \
		--append "lsm=$lsms kunit.enable=0 watchdog_thresh=60 ${khz:+tsc_early_khz=$khz tsc=reliable}" \
		--smp 4 --mem 2048 --timeout "$timeout" \
		--log "$out/$name.console" >/dev/null 2>"$out/$name.err"
	rc=$?
	echo "stress: $name (lsm=$lsms): $(($(date +%s) - start))s, guest exit $rc"
	[ "$rc" -eq 0 ] || sed 's/^/  /' "$out/$name.err" | tail -n 5
}

start=$(date +%s)
echo "stress: ${seconds}s of load, trinity ${trinity}s, benchmark ${bench}s a stressor${quick:+ (STRESS_QUICK=1)}"
[ -n "$quick" ] || [ "$bench" -eq 0 ] || boot nowinsec "$lsm_without" nowinsec
boot winsec "$lsm_default" winsec
echo "stress: $(($(date +%s) - start))s in all"

args=("$out/winsec.console")
[ -f "$out/nowinsec.console" ] && args+=(--baseline "$out/nowinsec.console")
python3 "$here/stress-report.py" --ktest-report "$top/scripts/ktest-report.py" \
	--table "$out/table.txt" "${args[@]}" | tee "$out/report.txt"
exit "${PIPESTATUS[0]}"
