#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs every step of scripts/check.d/ in order. Each step is an executable
# that runs one suite and ends its output with a line
#   RESULT <passed> <failed>
# and exits non-zero when anything failed. This script adds the numbers up,
# prints one line per step and, last, "N passed, N failed". A step that
# exits non-zero without a RESULT line counts as one failure.
#
# CHECK_ONLY="pattern" runs only the steps whose name matches it.

set -u
top=$(cd "$(dirname "$0")/.." && pwd)
logdir=${BUILD:-$top/build}/check
mkdir -p "$logdir"

passed=0
failed=0
summary=()
status=0

for step in "$top"/scripts/check.d/*; do
	[ -x "$step" ] || continue
	name=$(basename "$step")
	if [ -n "${CHECK_ONLY:-}" ] && ! [[ $name == *${CHECK_ONLY}* ]]; then
		continue
	fi
	echo "=== $name"
	start=$(date +%s)
	"$step" 2>&1 | tee "$logdir/$name.log"
	rc=${PIPESTATUS[0]}
	secs=$(( $(date +%s) - start ))
	line=$(grep -E '^RESULT [0-9]+ [0-9]+$' "$logdir/$name.log" | tail -n 1)
	if [ -n "$line" ]; then
		set -- $line
		p=$2
		f=$3
	else
		p=0
		f=0
	fi
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	[ "$f" -ne 0 ] && status=1
	passed=$((passed + p))
	failed=$((failed + f))
	summary+=("$(printf '%-24s %6d passed %4d failed  (%ds)' "$name" "$p" "$f" "$secs")")
done

echo "=== summary"
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
exit $status
