#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The winsec tool's editing commands against the enforcing kernel: grant,
# deny, revoke, label and reset, with -R and propagation, change what a
# Medium and a Low process of alice can do, exactly as "winsec check"
# and "winsec get -l" say. Run as root in the guest:
#
#	make run SCRIPT=scripts/guest/tool-scenario.sh
#
# Exit status 0 when every step went as expected.

failures=0
steps=0

say() {
	printf '\n== %s\n' "$*"
}

# expect ok|denied DESCRIPTION COMMAND...
expect() {
	want=$1
	what=$2
	shift 2
	steps=$((steps + 1))
	if "$@" >/dev/null 2>&1; then
		got=ok
	else
		got=denied
	fi
	if [ "$got" = "$want" ]; then
		printf '   %-8s %s\n' "$got" "$what"
	else
		printf '   FAILED   %s: expected %s, got %s\n' "$what" "$want" "$got"
		failures=$((failures + 1))
	fi
}

# write LEVEL FILE: alice appends a line to FILE at LEVEL.
write() {
	su alice -s /bin/sh -c "winsec run --level $1 -- sh -c 'echo x >> $2'"
}

# read LEVEL FILE: alice reads FILE at LEVEL.
read_as() {
	su alice -s /bin/sh -c "winsec run --level $1 -- cat $2"
}

# agrees WANT FILE RIGHTS LEVEL: winsec check says what the kernel did.
# RIGHTS are those the kernel asks for: cat opens for FILE_READ_DATA, and
# ">>" for FILE_APPEND_DATA (icacls' R and W would also ask READ_CONTROL
# and SYNCHRONIZE, which a deny of W refuses).
agrees() {
	winsec check "$2" --user alice --level "$4" --desired "$3" >/dev/null 2>&1
	rc=$?
	steps=$((steps + 1))
	if { [ "$1" = ok ] && [ $rc -eq 0 ]; } || { [ "$1" = denied ] && [ $rc -eq 1 ]; }; then
		printf '   %-8s winsec check agrees: %s %s at %s\n' "$1" "$3" "$2" "$4"
	else
		printf '   FAILED   winsec check %s %s at %s: status %s, expected %s\n' \
			"$3" "$2" "$4" "$rc" "$1"
		failures=$((failures + 1))
	fi
}

if ! grep -q winsec /sys/kernel/security/lsm; then
	echo "tool-scenario: the winsec LSM is not active" >&2
	exit 1
fi

t=/tmp/tool-scenario
rm -rf $t
mkdir -p $t/share/sub
echo a > $t/share/a.txt
echo b > $t/share/sub/b.txt
chmod 777 $t $t/share $t/share/sub
chmod 666 $t/share/a.txt $t/share/sub/b.txt
a=$t/share/a.txt
b=$t/share/sub/b.txt

say "No descriptors: the implicit Medium label keeps Low out"
expect ok "Medium writes a.txt" write medium $a
expect denied "Low cannot write a.txt (no write up)" write low $a
agrees denied $a FILE_APPEND_DATA low

say "grant share Everyone:(OI)(CI)F, then deny -R alice:W"
winsec grant $t/share 'Everyone:(OI)(CI)F' 2>/dev/null
winsec deny -R $t/share alice:W
winsec get -l $b
expect ok "Medium reads b.txt (inherited from share)" read_as medium $b
expect denied "Medium cannot write b.txt (explicit deny, placed first)" write medium $b
agrees denied $b FILE_APPEND_DATA medium
agrees ok $b FILE_READ_DATA medium

say "label -R share low --inherit OI,CI: Low may write, but the deny stays"
winsec label -R $t/share low --inherit OI,CI
winsec get -l $a
expect denied "Low still cannot write a.txt: the deny" write low $a

say "revoke -R share alice: the denies go, Low and Medium write"
winsec revoke -R $t/share alice
expect ok "Medium writes b.txt" write medium $b
expect ok "Low writes b.txt (Low label, inherited)" write low $b
agrees ok $b FILE_APPEND_DATA low

say "deny on sub/b.txt, then reset -R sub: back to what share passes down"
winsec deny $b alice:W
expect denied "Medium cannot write b.txt" write medium $b
winsec reset -R $t/share/sub
winsec get -l $b
expect ok "Medium writes b.txt again" write medium $b
agrees ok $b FILE_APPEND_DATA medium

say "label share none: the inherited Low label goes away below"
winsec label $t/share none
expect denied "Low cannot write a.txt any more" write low $a
expect ok "Medium still writes a.txt" write medium $a
agrees denied $a FILE_APPEND_DATA low

say "inheritance sub remove: sub keeps only what it says itself"
# Administrators keep full control, so that root may still walk sub to
# propagate the change (on Windows too, propagation runs with the
# caller's rights).
winsec grant $t/share/sub 'alice:(OI)(CI)R' 'BA:(OI)(CI)F'
winsec inheritance $t/share/sub remove
winsec get -l $b
expect ok "Medium reads b.txt (alice:R)" read_as medium $b
expect denied "Medium cannot write b.txt (Everyone:F no longer inherited)" write medium $b
agrees denied $b FILE_APPEND_DATA medium

printf '\ntool-scenario: %d steps, %d failed\n' "$steps" "$failures"
[ "$failures" -eq 0 ]
