#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# End-to-end tests of the winsec tool's descriptor commands: encode, decode,
# get, set, label, --help, errors, the man page and bash completion.
# The get/set/label cases need a file system where root can write
# security.* extended attributes; without one they are reported as SKIP
# (never counted as passed).
#
# Prints "FAIL: ..." / "SKIP: ..." lines and, last,
# "tool: P passed, F failed, S skipped". Exit status 1 on any failure.

set -u
top=$(cd "$(dirname "$0")/../../../.." && pwd)
W=${WINSEC:-$top/build/winsec}
here=$(cd "$(dirname "$0")" && pwd)
pass=0
fail=0
skip=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "${xdir:-}"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# t_eq NAME EXPECTED ACTUAL
t_eq() {
	if [ "$2" == "$3" ]; then ok; else bad "$1: expected [$2], got [$3]"; fi
}

# run CMD...: sets $rc, $out, $err
run() {
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

# t_fails NAME EXPECTED-STDERR-SUBSTRING CMD...: exit 2, one message line
# starting "winsec: " and containing the substring, nothing on stdout.
t_fails() {
	local name=$1 msg=$2
	shift 2
	run "$@"
	if [ "$rc" -ne 2 ]; then
		bad "$name: exit status $rc, expected 2 (stderr: $err)"
	elif [[ $err != "winsec: "* ]] || [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
		bad "$name: expected one line \"winsec: ...\", got [$err]"
	elif [[ $err != *"$msg"* ]]; then
		bad "$name: message [$err] lacks [$msg]"
	elif [ -n "$out" ]; then
		bad "$name: unexpected output [$out]"
	else
		ok
	fi
}

canon='O:BAG:SYD:(A;;GA;;;WD)(A;;GA;;;AN)S:(ML;;NW;;;LW)'

# --- offline: encode / decode --------------------------------------------
t_eq "encode --hex | decode --hex -" "$canon" \
	"$($W encode --hex "$canon" | $W decode --hex -)"
t_eq "lenient input, canonical output" "$canon" \
	"$($W encode --hex ' O:ba G:sy D:(a;;ga;;;wd)(a;;ga;;;an) S:(ml;;nw;;;lw)' | $W decode --hex -)"
t_eq "encode | decode -" "$canon" "$($W encode "$canon" | $W decode -)"
$W encode "$canon" >"$tmp/sd.bin"
t_eq "decode FILE" "$canon" "$($W decode "$tmp/sd.bin")"
t_eq "decode --hex=HEX" "$canon" "$($W decode --hex="$($W encode --hex "$canon")")"
t_eq "binary size" 124 "$(stat -c %s "$tmp/sd.bin")"
# MS-DTYP 2.5.1.4.
# The hex dump of MS-DTYP 2.5.1.4, 32 bytes a line.
ms_hex=010014b090000000a0000000140000003000000002001c000100000002801400
ms_hex+=00000080010100000000000100000000020060000400000000031800000000a0
ms_hex+=0102000000000005200000002102000000031800000000100102000000000005
ms_hex+=2000000020020000000314000000001001010000000000051200000000031400
ms_hex+=0000001001010000000000030000000001020000000000052000000020020000
ms_hex+=01020000000000052000000020020000
t_eq "MS-DTYP 2.5.1.4 example bytes" "$ms_hex" \
	"$($W encode --hex 'O:BAG:BAD:P(A;CIOI;GRGX;;;BU)(A;CIOI;GA;;;BA)(A;CIOI;GA;;;SY)(A;CIOI;GA;;;CO)S:P(AU;FA;GR;;;WD)')"
t_eq "hex decode ignores spaces and 0x" "$canon" \
	"$($W encode --hex "$canon" | sed 's/^/0x/; s/\(..\)/\1 /g' | $W decode --hex -)"

t_fails "bad right: column and message" 'SDDL column 15: unknown right "XY"' \
	$W encode 'O:BAG:SYD:(A;;XY;;;WD)'
t_eq "bad right: exact message" 'winsec: SDDL column 15: unknown right "XY"' "$err"
t_fails "bad right with --hex" 'SDDL column 17: unknown right "XY"' \
	$W encode --hex 'O:BAG:SYD:(A;;GAXY;;;WD)'
t_fails "bad ACE type" 'SDDL column 4: unknown ACE type "Q"' $W encode 'D:(Q;;FA;;;WD)'
t_fails "bad SID alias" 'SDDL column 3: unknown SID alias "XY"' \
	$W encode 'O:XY'
t_fails "unknown user name" 'unknown SID alias, user or group "no-such-user-here"' \
	$W encode 'D:(A;;FA;;;no-such-user-here)'
t_fails "domain alias without --domain-sid" 'needs a domain SID' $W encode 'O:DA'
t_fails "encode without SDDL" 'missing SDDL' $W encode
t_fails "encode two SDDL arguments" 'one SDDL string expected' $W encode O:BA O:SY
t_fails "encode unknown option" 'unknown option "--bogus"' $W encode --bogus O:BA
t_fails "decode bad hex digit" 'invalid hex digit' $W decode --hex 01zz
t_fails "decode odd hex" 'odd number of digits' $W decode --hex 010
t_fails "decode truncated descriptor" 'invalid security descriptor' \
	$W decode --hex "$($W encode --hex "$canon" | cut -c1-60)"
t_fails "decode empty input" 'invalid security descriptor' $W decode --hex ''
t_fails "decode without input" 'give one of' $W decode
t_fails "decode with two inputs" 'give one of' $W decode --hex 00 "$tmp/sd.bin"
t_fails "decode missing file" 'No such file' $W decode "$tmp/nonexistent"
t_fails "bad --domain-sid" '--domain-sid' $W encode --domain-sid XX O:BA

dom=S-1-5-21-11-22-33
t_eq "--domain-sid round trip" 'O:DAG:DUD:(A;;FA;;;LA)' \
	"$($W encode --hex --domain-sid $dom 'O:DAG:DUD:(A;;FA;;;LA)' | $W decode --domain-sid $dom --hex -)"
t_eq "domain SIDs without --domain-sid" \
	"O:$dom-512G:$dom-513D:(A;;FA;;;$dom-500)" \
	"$($W encode --hex --domain-sid $dom 'O:DAG:DUD:(A;;FA;;;LA)' | $W decode --hex -)"
t_eq "names resolve to Unix SIDs" \
	'O:S-1-22-1-0G:S-1-22-2-0D:(A;;FA;;;S-1-22-1-0)(A;;FR;;;S-1-22-2-0)' \
	"$($W encode --hex 'O:root G:group:root D:(A;;FA;;;root)(A;;FR;;; group:root )' | $W decode --hex -)"
t_eq "user:UID and group:GID" 'O:S-1-22-1-4321G:S-1-22-2-765' \
	"$($W encode --hex 'O:user:4321G:group:765' | $W decode --hex -)"
t_eq "conditional ACE data round trip" 'D:(XA;;FA;;;WD;#61727478)' \
	"$($W encode --hex 'D:(XA;;FA;;;WD;#61727478)' | $W decode --hex -)"
t_eq "conditional expression round trip" \
	'D:(XA;;FA;;;WD;((@USER.Title == "PM") && (Member_of {SID(BA), SID(S-1-22-1-0)})))' \
	"$($W encode --hex 'D:(XA;;FA;;;WD;(@User.Title=="PM" && Member_of {SID(BA), SID(root)}))' | $W decode --hex -)"
t_fails "bad condition" 'SDDL column 26: expected an attribute, an operator or "("' \
	$W encode 'D:(XA;;FA;;;WD;(a == 1 &&))'

# --- help, version, dispatch -----------------------------------------------
for c in encode decode get set label; do
	run $W $c --help
	if [ "$rc" -eq 0 ] && [[ $out == "usage: winsec $c"* ]]; then ok; else
		bad "$c --help: status $rc, output [$out]"; fi
done
run $W --version
if [ "$rc" -eq 0 ] && [[ $out == "winsec "[0-9]* ]]; then ok; else bad "--version: [$out]"; fi
run $W --help
if [ "$rc" -eq 0 ] && [[ $out == *"encode"*"decode"*"get"*"set"*"label"* ]]; then ok; else
	bad "--help lists the commands: [$out]"; fi
t_fails "unknown command" 'unknown command "frobnicate"' $W frobnicate
run $W
t_eq "no command: status" 2 "$rc"

# Every command of the dispatch table has a man page entry and completion.
cmds=$($W --help | sed -n 's/^  \([a-z-]*\) .*/\1/p')
completion_cmds=$(sed -n 's/^_winsec_commands="\(.*\)"/\1/p' "$top/tools/winsec/winsec.bash-completion")
for c in $cmds; do
	if grep -q "^\.B $c\b" "$top/tools/winsec/winsec.8"; then ok; else
		bad "winsec.8 has no entry for \"$c\""; fi
	if [[ " $completion_cmds " == *" $c "* ]]; then ok; else
		bad "bash completion lacks \"$c\""; fi
done
if command -v groff >/dev/null; then
	run groff -man -ww -z "$top/tools/winsec/winsec.8"
	t_eq "man page renders without warnings" "" "$err"
else
	skip=$((skip + 1)); echo "SKIP: man page check (no groff)"
fi
compl=$(bash -c ". '$top/tools/winsec/winsec.bash-completion'
	COMP_WORDS=(winsec ''); COMP_CWORD=1; _winsec; echo \${COMPREPLY[*]}
	COMP_WORDS=(winsec get --); COMP_CWORD=2; _winsec; echo \${COMPREPLY[*]}
	COMP_WORDS=(winsec label /x m); COMP_CWORD=3; _winsec; echo \${COMPREPLY[*]}" 2>&1)
t_eq "bash completion" "$(printf '%s\n' "$(echo $completion_cmds) --help --version" \
	'--long --numeric --raw --json --no-filename --domain-sid --recursive --follow-symlinks --one-file-system --help' 'medium medium-plus')" "$compl"

# --- get / set / label on file systems with security xattrs -----------------

# Number of checks in xattr_cases, reported as skipped where it cannot run.
XATTR_CASES=38
xattr_cases() {
	local f=$xdir/f g=$xdir/g h=$xdir/h before
	touch "$f" "$g" "$h"

	run $W get "$f"
	t_eq "get: no descriptor" "0:no descriptor" "$rc:$out"
	run $W set "$f" 'O:BAG:SYD:P(A;OICI;FA;;;WD)'
	t_eq "set: status" 0 "$rc"
	t_eq "get after set" 'O:BAG:SYD:P(A;OICI;FA;;;WD)' "$($W get "$f")"
	t_eq "get --raw equals encode --hex" "$($W encode --hex 'O:BAG:SYD:P(A;OICI;FA;;;WD)')" \
		"$($W get --raw "$f")"
	t_eq "stored bytes decode" 'O:BAG:SYD:P(A;OICI;FA;;;WD)' \
		"$(/usr/bin/python3 -c 'import os,sys; sys.stdout.buffer.write(os.getxattr(sys.argv[1], "security.winsec"))' "$f" | $W decode -)"

	before=$($W get --raw "$f")
	t_fails "set: bad SDDL refused" 'SDDL column 13: unknown right "QQ"' \
		$W set "$f" 'O:BAD:(A;;FAQQ;;;WD)'
	t_eq "set: nothing written on error" "$before" "$($W get --raw "$f")"
	t_fails "set: bad SID refused" 'SDDL column 3' $W set "$f" 'O:ZZ'
	t_eq "set: nothing written on bad SID" "$before" "$($W get --raw "$f")"
	t_fails "set: missing file" 'No such file' $W set "$xdir/missing" O:BA
	t_eq "set: missing file not created" no "$([ -e "$xdir/missing" ] && echo yes || echo no)"
	t_fails "set: one argument" 'expected PATH SDDL' $W set "$f"

	run $W label "$f" low
	t_eq "label low" '0:O:BAG:SYD:P(A;OICI;FA;;;WD)S:(ML;;NW;;;LW)' "$rc:$($W get "$f")"
	$W set --replace "$f" 'O:BAD:(A;;FA;;;WD)S:AI(AU;SA;FA;;;WD)(ML;;NW;;;LW)(AU;FA;FW;;;BA)'
	run $W label "$f" high --policy NW,NR --inherit OI,CI
	t_eq "label replaces the label, keeps the rest" \
		'0:O:BAD:(A;;FA;;;WD)S:AI(ML;OICI;NWNR;;;HI)(AU;SA;FA;;;WD)(AU;FA;FW;;;BA)' \
		"$rc:$($W get "$f")"
	run $W label --policy=nx,nw "$f" S-1-16-8192
	t_eq "label by SID, lower-case policy" \
		'0:O:BAD:(A;;FA;;;WD)S:AI(ML;;NWNX;;;ME)(AU;SA;FA;;;WD)(AU;FA;FW;;;BA)' \
		"$rc:$($W get "$f")"
	for lv in untrusted:S-1-16-0 low:LW medium:ME medium-plus:MP high:HI system:SI; do
		$W label "$g" "${lv%%:*}"
		t_eq "label ${lv%%:*}" "S:(ML;;NW;;;${lv#*:})" "$($W get "$g")"
	done
	run $W label "$h" low --inherit OI,CI,NP,IO
	t_eq "label on a file without descriptor" '0:S:(ML;OICINPIO;NW;;;LW)' "$rc:$($W get "$h")"

	before=$($W get --raw "$f")
	t_fails "label: unknown level" 'unknown level "lowest"' $W label "$f" lowest
	t_fails "label: not a level SID" 'unknown level "BA"' $W label "$f" BA
	t_fails "label: bad policy" 'unknown policy "NQ"' $W label "$f" low --policy NW,NQ
	t_fails "label: bad inherit flag" 'unknown flag "ID"' $W label "$f" low --inherit OI,ID
	t_fails "label: missing level" 'expected PATH LEVEL' $W label "$f"
	t_eq "label: nothing written on error" "$before" "$($W get --raw "$f")"
	t_fails "label: missing file" 'No such file' $W label "$xdir/missing" low

	rm -f "$g"
	touch "$g"
	run $W get "$f" "$g"
	t_eq "get: several paths" "0:$f: O:BAD:(A;;FA;;;WD)S:AI(ML;;NWNX;;;ME)(AU;SA;FA;;;WD)(AU;FA;FW;;;BA)
$g: no descriptor" "$rc:$out"
	run $W get --json "$f" "$g"
	t_eq "get --json" "0:[['$f', 'O:BAD:(A;;FA;;;WD)S:AI(ML;;NWNX;;;ME)(AU;SA;FA;;;WD)(AU;FA;FW;;;BA)', None], ['$g', None, None]]" \
		"$rc:$(echo "$out" | /usr/bin/python3 -c 'import json,sys; print([[o["path"], o["sddl"], o["error"]] for o in json.load(sys.stdin)])' 2>&1)"
	t_fails "get: missing file" 'No such file' $W get "$xdir/missing"

	# A stored descriptor that is not valid: reported, never rewritten.
	/usr/bin/python3 -c 'import os,sys; os.setxattr(sys.argv[1], "security.winsec", b"\x01\x00\x04\x80")' "$g"
	t_fails "get: invalid stored descriptor" 'invalid security descriptor' $W get "$g"
	run $W get --raw "$g"
	t_eq "get --raw of invalid descriptor" "0:01000480" "$rc:$out"
	run $W get --json "$g"
	t_eq "get --json of invalid descriptor" "2:None 01000480 True" \
		"$rc:$(echo "$out" | /usr/bin/python3 -c 'import json,sys; o=json.load(sys.stdin)[0]; print(o["sddl"], o["hex"], "invalid" in o["error"])' 2>&1)"
	t_fails "label: invalid existing descriptor" 'stored descriptor is not valid' $W label "$g" low
	t_eq "label: invalid descriptor untouched" 01000480 "$($W get --raw "$g")"

	# Names in set; the label, not named, stays.
	$W set "$h" 'O:root D:(A;;FA;;;group:root)'
	t_eq "set with names" 'O:S-1-22-1-0D:(A;;FA;;;S-1-22-2-0)S:(ML;OICINPIO;NW;;;LW)' "$($W get "$h")"
}

# Each distinct file system type among these that lets us write security.*
# xattrs (here typically tmpfs and ext4).
fstypes=
for d in /dev/shm /tmp "$top/build"; do
	xdir=$(mktemp -d "$d/winsec-sddl.XXXXXX" 2>/dev/null) || continue
	t=$(stat -f -c %T "$xdir")
	touch "$xdir/probe"
	if [[ " $fstypes " == *" $t "* ]] || ! $W set "$xdir/probe" O:BA 2>/dev/null ||
	   [ "$($W get "$xdir/probe" 2>/dev/null)" != O:BA ]; then
		rm -rf "$xdir"
		continue
	fi
	fstypes="$fstypes $t"
	echo "xattr cases on $xdir ($t)"
	n=$((pass + fail))
	xattr_cases
	n=$((pass + fail - n))
	rm -rf "$xdir"
	xdir=
	t_eq "number of xattr cases" "$XATTR_CASES" "$n"
done
if [ -z "$fstypes" ]; then
	echo "SKIP: $XATTR_CASES get/set/label cases: no file system here lets this user write security.* xattrs"
	skip=$((skip + XATTR_CASES))
fi

echo "tool: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
