#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs inside the guest for make check (scripts/guest/run.sh --script):
# every kselftest binary listed in /opt/ksft/kselftest-list.txt, directly,
# so that each test case's TAP line reaches the console, then (when the
# kernel has kmemleak) a kmemleak scan, then the kernel log. The host parses
# the console (scripts/ktest-report.py) between these markers:
#
#   WINSEC_KSFT_BEGIN <collection>/<test>  ... TAP ...
#   WINSEC_KSFT_END <collection>/<test> rc=<exit status>
#   WINSEC_KMEMLEAK_BEGIN ... WINSEC_KMEMLEAK_END
#   WINSEC_DMESG_BEGIN ... WINSEC_DMESG_END
#
# KSFT_ONLY (a collection name, from the kernel command line through init's
# environment) limits the run to one collection; KSFT_SKIP (tests as
# <collection>/<test>, separated by commas) leaves tests out.
#
# KSFT_FAULTS=<percent>[/<interval>] (also from the kernel command line)
# runs the tests under probabilistic fault injection: failslab and
# fail_page_alloc fail that percentage of every <interval>-th allocation
# (sleeping ones and every page order included) made by the test
# processes, and by them only (task-filter; each test starts with
# /proc/self/make-it-fail set, which its children inherit): 1/10 fails one
# allocation in a thousand. The tests that set up injection themselves
# are left out. The number of failures injected is printed as
#
#   WINSEC_FAULTS failslab=<n> fail_page_alloc=<n>

# Kernel messages (audit records of denials, for instance) would land in
# the middle of TAP lines: keep the console for errors and dump the log at
# the end instead.
dmesg -n 1

ksft=/opt/ksft
failed=0

# Tests that configure fault injection themselves.
own_faults="winsec/fault_test winsec/fail_nth_test winsec/fail_function_test"
# Counted down by each injected failure: what is left tells how many.
fault_times=1000000000
faults=${KSFT_FAULTS:-}
if [ -n "$faults" ]; then
	percent=${faults%%/*}
	interval=1
	case $faults in
	*/*) interval=${faults#*/} ;;
	esac
	for type in failslab fail_page_alloc; do
		d=/sys/kernel/debug/$type
		if ! [ -d "$d" ]; then
			echo "ktest: no $d: cannot inject faults" >&2
			exit 1
		fi
		echo Y >"$d/task-filter"
		echo N >"$d/ignore-gfp-wait"
		echo 0 >"$d/verbose"
		echo "$interval" >"$d/interval"
		echo 0 >"$d/space"
		echo "$fault_times" >"$d/times"
		echo "$percent" >"$d/probability"
	done
	echo N >/sys/kernel/debug/failslab/cache-filter
	echo 0 >/sys/kernel/debug/fail_page_alloc/min-order
fi
while IFS=: read -r coll test; do
	[ -n "$coll" ] || continue
	if [ -n "${KSFT_ONLY:-}" ] && [ "$coll" != "$KSFT_ONLY" ]; then
		continue
	fi
	limit=600
	if [ -f "$ksft/$coll/settings" ]; then
		t=$(sed -n 's/^timeout=//p' "$ksft/$coll/settings")
		[ -n "$t" ] && limit=$t
	fi
	case ",${KSFT_SKIP:-}," in
	*",$coll/$test,"*) continue ;;
	esac
	if [ -n "$faults" ]; then
		case " $own_faults " in
		*" $coll/$test "*) continue ;;
		esac
	fi
	echo "WINSEC_KSFT_BEGIN $coll/$test"
	(
		cd "$ksft/$coll" || exit 1
		[ -z "$faults" ] || echo 1 >/proc/self/make-it-fail || exit 1
		exec timeout "$limit" "./$test" </dev/null 2>&1
	)
	rc=$?
	echo "WINSEC_KSFT_END $coll/$test rc=$rc"
	case $rc in
	0 | 4) ;;
	*) failed=$((failed + 1)) ;;
	esac
done <"$ksft/kselftest-list.txt"

if [ -n "$faults" ]; then
	counts=
	for type in failslab fail_page_alloc; do
		d=/sys/kernel/debug/$type
		echo 0 >"$d/probability"
		counts="$counts $type=$((fault_times - $(cat "$d/times")))"
	done
	echo "WINSEC_FAULTS$counts"
fi

if [ -w /sys/kernel/debug/kmemleak ]; then
	# Two scans, a few seconds apart: kmemleak reports an object only once
	# it has been seen unreferenced and is older than its minimum age.
	echo scan >/sys/kernel/debug/kmemleak
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak
	echo "WINSEC_KMEMLEAK_BEGIN"
	cat /sys/kernel/debug/kmemleak
	echo "WINSEC_KMEMLEAK_END"
fi

echo "WINSEC_DMESG_BEGIN"
dmesg
echo "WINSEC_DMESG_END"
exit $((failed > 0))
