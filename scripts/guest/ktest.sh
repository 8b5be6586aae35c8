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
# environment) limits the run to one collection.

# Kernel messages (audit records of denials, for instance) would land in
# the middle of TAP lines: keep the console for errors and dump the log at
# the end instead.
dmesg -n 1

ksft=/opt/ksft
failed=0
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
	echo "WINSEC_KSFT_BEGIN $coll/$test"
	(cd "$ksft/$coll" && timeout "$limit" "./$test" </dev/null 2>&1)
	rc=$?
	echo "WINSEC_KSFT_END $coll/$test rc=$rc"
	case $rc in
	0 | 4) ;;
	*) failed=$((failed + 1)) ;;
	esac
done <"$ksft/kselftest-list.txt"

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
