#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make bench: boots the plain guest kernel several ways, runs kbench in
# each and prints one table (tools/testing/winsec/bench/kbench-report.py).
#
#   kbench.sh KBENCH
#
# Boots, each with kunit.enable=0, lsm= given explicitly:
#   winsec     the default list (CONFIG_LSM)          icount, 1 vCPU
#   nowinsec   the same list without winsec            icount, 1 vCPU
#   smack      smack in winsec's place                 icount, 1 vCPU
#   apparmor   apparmor in winsec's place (unconfined) icount, 1 vCPU
#   wall       the default list, wall clock under the normal accelerator
#              (the host's TSC frequency given with tsc_early_khz=)
#   scale-winsec, scale-nowinsec                       icount, 4 vCPUs
# "icount" is run.sh --icount: the guest's clock counts instructions.
#
# BENCH_PROFILE=CALLS (make bench-profile) boots only winsec and nowinsec,
# each with QEMU's TCG plugin insn_profile.so (built next to KBENCH), which
# counts the kernel instructions of CALLS calls of each operation by the
# address they run at; kbench-profile.py then gives the instructions per
# call of each kernel function and the difference winsec makes.
#
# The environment: BUILD, BENCH_QUICK=1 (ten times fewer iterations, 2,000
# files for the memory figure instead of 10,000), BENCH_TIMEOUT (seconds per
# boot), BENCH_ONLY="NAME..." (only these boots; the table takes the other
# figures from the files of an earlier run). The KBENCH lines of each boot are kept in $BUILD/bench/NAME.txt,
# the consoles in NAME.console, the table in table.txt. Exits 0 whatever
# the numbers; 2 when something it needs is missing.

set -u
top=$(cd "$(dirname "$0")/../../../.." && pwd)
build=${BUILD:-$top/build}
here=$top/tools/testing/winsec/bench
out=$build/bench
kernel=$build/kernel/arch/x86/boot/bzImage
gen=$build/guest/gen_init_cpio
quick=${BENCH_QUICK:-}
[ "$quick" = 1 ] || quick=
profile=${BENCH_PROFILE:-}
plugin_so=$(dirname "${1:-.}")/insn_profile.so

die() {
	echo "bench: $*" >&2
	exit 2
}

[ $# -eq 1 ] || die "usage: $0 KBENCH"
kbench=$1
[ -x "$kbench" ] || die "$kbench not found (make kbench)"
[ -f "$kernel" ] || die "$kernel not found (make kernel)"
[ -x "$gen" ] || die "$gen not found"
[ -x "$build/winsec" ] || die "$build/winsec not found (make tools)"
if [ -n "$profile" ]; then
	[[ $profile =~ ^[1-9][0-9]*$ ]] || die "BENCH_PROFILE takes a number of calls"
	[ -f "$plugin_so" ] || die "$plugin_so not found (make bench-profile)"
	[ -f "$build/kernel/System.map" ] || die "$build/kernel/System.map not found"
fi

# The LSM lists: CONFIG_LSM of the guest configuration, with winsec, without
# it, and with smack or apparmor in its place.
lsm_default=$(sed -n 's/^CONFIG_LSM="\(.*\)"$/\1/p' "$top/scripts/kconfig/winsec.config")
[[ ,$lsm_default, == *,winsec,* ]] || die "CONFIG_LSM does not list winsec"
lsm_without=$(echo ",$lsm_default," | sed 's/,winsec,/,/; s/^,//; s/,$//')
lsm_smack=$(echo ",$lsm_default," | sed 's/,winsec,/,smack,/; s/^,//; s/,$//')
lsm_apparmor=$(echo ",$lsm_default," | sed 's/,winsec,/,apparmor,/; s/^,//; s/,$//')

if [ -n "$quick" ]; then
	files=2000
	scale_n=1000
	timeout=${BENCH_TIMEOUT:-300}
else
	files=10000
	scale_n=5000
	timeout=${BENCH_TIMEOUT:-1200}
fi

# The initramfs: the guest's base (without kselftests) and kbench.
mkdir -p "$out/ksft-none"
[ -n "$profile" ] || rm -f "$out/table.txt"
"$top/scripts/guest/mkrootfs.sh" "$out/rootfs.cpio.gz" "$gen" "$build/winsec" \
	"$out/ksft-none" || die "mkrootfs failed"
printf '%s\n' "dir /opt 0755 0 0" "dir /opt/kbench 0755 0 0" \
	"file /opt/kbench/kbench $kbench 0755 0 0" >"$out/kbench.list"
"$gen" "$out/kbench.list" >"$out/kbench.cpio" || die "gen_init_cpio failed"
cat "$out/kbench.cpio" "$out/rootfs.cpio.gz" >"$out/initrd"

# boot NAME LSMS CPUS ICOUNT(1 or empty) COMMANDS [KERNEL PARAMETERS]
boot() {
	local name=$1 lsms=$2 cpus=$3 icount=$4 cmds=$5 params=${6:-} start rc
	local script=$out/$name.sh plugin=()

	if [ -n "${BENCH_ONLY:-}" ] && ! [[ " $BENCH_ONLY " == *" $name "* ]]; then
		return 0
	fi
	rm -f "$out/$name.txt" "$out/$name.console"

	{
		echo "#!/bin/sh"
		echo "KBENCH_ARGS='$cmds'"
		[ -z "$quick" ] || echo "KBENCH_QUICK=1; export KBENCH_QUICK"
		[ -z "$profile" ] ||
			echo "KBENCH_PROFILE=$profile; export KBENCH_PROFILE"
		cat "$here/kbench-guest.sh"
	} >"$script"
	if [ -n "$profile" ]; then
		rm -f "$out/$name.profile"
		plugin=(--plugin "$plugin_so,out=$out/$name.profile")
		params="$params nokaslr"
	fi
	start=$(date +%s)
	BUILD=$build "$top/scripts/guest/run.sh" --kernel "$kernel" \
		--initrd "$out/initrd" --script "$script" \
		--append "lsm=$lsms kunit.enable=0 $params" --smp "$cpus" \
		${icount:+--icount} --timeout "$timeout" "${plugin[@]}" \
		--log "$out/$name.console" >/dev/null 2>"$out/$name.err"
	rc=$?
	grep -a '^KBENCH ' "$out/$name.console" >"$out/$name.txt" 2>/dev/null
	echo "bench: $name (lsm=$lsms, $cpus vCPU${icount:+, icount}): $(($(date +%s) - start))s, guest exit $rc"
	[ "$rc" -eq 0 ] || sed 's/^/  /' "$out/$name.err" | tail -n 5
}

start=$(date +%s)
if [ -n "$profile" ]; then
	# The per-function profile (make bench-profile): the operations at
	# Medium, with and without winsec, counted by the plugin.
	boot profile-winsec "$lsm_default" 1 1 "ops medium"
	boot profile-nowinsec "$lsm_without" 1 1 "ops medium"
	echo "bench: $(($(date +%s) - start))s in all (profile, $profile calls)"
	python3 "$here/kbench-profile.py" "$build/kernel/System.map" "$out" |
		tee "$out/profile.txt"
	exit 0
fi
boot winsec "$lsm_default" 1 1 "mem $files;ops medium low"
boot nowinsec "$lsm_without" 1 1 "mem $files;ops medium"
boot smack "$lsm_smack" 1 1 "mem $files;ops medium"
boot apparmor "$lsm_apparmor" 1 1 "mem $files;ops medium"
# Without -icount the TSC runs at the host's rate, which the guest cannot
# calibrate without a reference timer: it would fall back to jiffies.
khz=$("$kbench" tsc-khz 2>/dev/null)
boot wall "$lsm_default" 1 "" "ops medium low" \
	"${khz:+tsc_early_khz=$khz tsc=reliable}"
boot scale-winsec "$lsm_default" 4 1 "scale $scale_n"
boot scale-nowinsec "$lsm_without" 4 1 "scale $scale_n"
echo "bench: $(($(date +%s) - start))s in all${quick:+ (BENCH_QUICK=1)}"

python3 "$here/kbench-report.py" "$out" | tee "$out/table.txt"
exit 0
