#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# winsec check / winsec inherit: the acceptance commands of the access
# check, exit statuses, JSON output and error messages. Prints TAP and
# ends with RESULT <passed> <failed>.
#
# usage: tool_test.sh PATH-OF-WINSEC

set -u
W=${1:?usage: tool_test.sh WINSEC}
U=S-1-22-1-1000
passed=0
failed=0
n=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# matches PATTERN FILE: an empty PATTERN wants an empty FILE, else an
# extended regular expression matching a line of FILE.
matches() {
	if [ -z "$1" ]; then
		[ ! -s "$2" ]
	else
		grep -Eq -- "$1" "$2"
	fi
}

# expect NAME STATUS STDOUT-PATTERN STDERR-PATTERN -- COMMAND...
expect() {
	local name=$1 status=$2 out=$3 err=$4
	shift 5
	"$@" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	n=$((n + 1))
	local why=""
	[ "$rc" -eq "$status" ] || why="exit status $rc, expected $status"
	[ -z "$why" ] && ! matches "$out" "$tmp/out" && why="stdout: $(head -c 300 "$tmp/out")"
	[ -z "$why" ] && ! matches "$err" "$tmp/err" && why="stderr: $(head -c 300 "$tmp/err")"
	if [ -z "$why" ]; then
		passed=$((passed + 1))
		echo "ok $n $name"
	else
		failed=$((failed + 1))
		echo "not ok $n $name # $why"
	fi
}

echo "TAP version 13"
acc='D:(A;;FR;;;WD)S:(ML;;NW;;;HI)'
expect "acceptance: Medium writer denied by the High label" 1 \
	'^denied: the mandatory label \(High, NW\) refuses FILE_WRITE_DATA to a Medium token' '' -- \
	"$W" check --sddl "$acc" --level medium --desired FILE_WRITE_DATA
expect "acceptance: Medium reader granted" 0 '^granted: 0x1 FILE_READ_DATA' '' -- \
	"$W" check --sddl "$acc" --level medium --desired FILE_READ_DATA
expect "JSON of a label denial" 1 \
	'^\{"result": "denied", "desired": 2, "granted": 0, "reason": "the mandatory label' '' -- \
	"$W" check --sddl "$acc" --user $U --level medium --desired FILE_WRITE_DATA --json
expect "MAXIMUM_ALLOWED without --desired, limited by the label" 0 \
	'^\{"result": "granted", "desired": 33554432, "granted": 1179785, ' '' -- \
	"$W" check --sddl "$acc" --user $U --level medium --json
expect "seed 004: the deny ACE is named" 1 '^denied: deny ACE 0 \(D;;' '' -- \
	"$W" check --sddl 'D:(D;;0x116;;;WD)(A;;FA;;;WD)' --user $U --desired FW
expect "seed 004: read granted" 0 '^granted: 0x120089 ' '' -- \
	"$W" check --sddl 'D:(D;;0x116;;;WD)(A;;FA;;;WD)' --user $U --desired GENERIC_READ
expect "rights as SDDL letters and numbers" 0 '^granted: 0x3 ' '' -- \
	"$W" check --sddl 'D:(A;;FA;;;WD)' --user $U --desired CC,0x2
expect "IPC mapping of GENERIC_ALL" 0 '"granted": 2031619,' '' -- \
	"$W" check --sddl 'D:(A;;GA;;;WD)' --type ipc --user $U --json
expect "ACCESS_SYSTEM_SECURITY needs SeSecurityPrivilege" 1 \
	'^denied: ACCESS_SYSTEM_SECURITY needs SeSecurityPrivilege' '' -- \
	"$W" check --sddl 'D:(A;;FA;;;WD)' --user $U --desired ACCESS_SYSTEM_SECURITY
expect "--privilege SeSecurityPrivilege grants it" 0 '^granted: 0x1000000 ' '' -- \
	"$W" check --sddl 'D:' --user $U --privilege SeSecurityPrivilege --desired ACCESS_SYSTEM_SECURITY
expect "owner's implicit rights on an empty DACL" 0 '^granted: 0x60000 ' '' -- \
	"$W" check --sddl "O:${U}D:" --user $U
expect "MAXIMUM_ALLOWED with nothing granted is a denial" 1 '^denied: MAXIMUM_ALLOWED: nothing' '' -- \
	"$W" check --sddl 'D:' --user $U
touch "$tmp/f"
expect "unlabeled file: a Low token cannot write" 1 \
	'^denied: the mandatory label \(Medium, NW, implicit\)' '' -- \
	"$W" check "$tmp/f" --user $U --level low --desired FILE_WRITE_DATA
expect "unlabeled file: at or above its implicit level" 0 \
	'\(unlabeled, and the token is at or above its implicit level: nothing restricts it\)' '' -- \
	"$W" check "$tmp/f" --user $U --desired FILE_WRITE_DATA
expect "bad SDDL: exit 2, one message with the column" 2 '' \
	'^winsec: --sddl: column 14: ' -- \
	"$W" check --sddl 'D:(A;;FR;;;WD' --user $U
expect "unknown right: exit 2" 2 '' '^winsec: --desired: unknown right "FILE_WRITE_DTA"' -- \
	"$W" check --sddl 'D:' --user $U --desired FILE_WRITE_DTA
expect "unknown level: exit 2" 2 '' '^winsec: --level: unknown level "mediun"' -- \
	"$W" check --sddl 'D:' --user $U --level mediun
expect "missing file: exit 2" 2 '' '^winsec: .*nonexistent' -- \
	"$W" check "$tmp/nonexistent" --user $U
expect "inherit: CREATOR OWNER split and label capped" 0 \
	'^O:S-1-22-1-1000G:S-1-22-2-100D:AI\(A;OICIID;FA;;;WD\)\(A;ID;FA;;;S-1-22-1-1000\)\(A;OICIIOID;GA;;;CO\)S:AI\(ML;ID;NW;;;ME\)\(ML;OICIIOID;NW;;;HI\)$' '' -- \
	"$W" inherit --parent 'D:(A;OICI;FA;;;WD)(A;OICIIO;GA;;;CO)S:(ML;OICI;NW;;;HI)' --dir \
	--user $U --group S-1-22-2-100 --level medium
expect "inherit: a Low creator labels its file" 0 '^O:S-1-22-1-1000G:S-1-22-2-100S:\(ML;;NW;;;LW\)$' '' -- \
	"$W" inherit --parent 'D:(A;;FA;;;WD)' --user $U --group S-1-22-2-100 --level low
expect "inherit: nothing to store" 0 '^# nothing is stored' '' -- \
	"$W" inherit --parent 'D:(A;;FA;;;WD)' --user $U --group S-1-22-2-100 --level medium
echo "1..$n"
echo "RESULT $passed $failed"
[ "$failed" -eq 0 ]
