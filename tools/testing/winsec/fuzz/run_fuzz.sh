#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run_fuzz.sh BINARY CORPUS SECONDS WORKDIR
#
# Runs one libFuzzer harness for SECONDS on the repository's CORPUS (read
# only) plus WORKDIR/corpus-NAME (where new inputs go), niced. Prints one
# line "fuzz NAME: N executions in S s, ok|CRASH ..." and exits non-zero if
# the harness found a crash, a leak or a timeout, or did not run.

set -u
bin=$1
corpus=$2
secs=$3
work=$4
name=$(basename "$bin")
name=${name#fuzz_}

mkdir -p "$work/corpus-$name" "$work/artifacts"
log=$work/$name.log
dict=()
[ -f "$(dirname "$0")/$name.dict" ] && dict=(-dict="$(dirname "$0")/$name.dict")

start=$(date +%s)
nice -n 10 "$bin" "${dict[@]}" -max_total_time="$secs" -timeout=10 \
	-rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
	-artifact_prefix="$work/artifacts/$name-" \
	"$work/corpus-$name" "$corpus" >"$log" 2>&1
rc=$?
secs_run=$(( $(date +%s) - start ))
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)

if [ "$rc" -ne 0 ] || [ -z "$execs" ]; then
	echo "--- last lines of $log"
	tail -n 40 "$log"
	crash=$(grep -o "Test unit written to .*" "$log" | tail -n 1)
	echo "fuzz $name: ${execs:-0} executions in ${secs_run} s, CRASH (status $rc) ${crash}"
	exit 1
fi
cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
echo "fuzz $name: $execs executions in ${secs_run} s, ${cov:-cov: ?}, ok"
exit 0
