#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The winsec tool as an administrator uses it: editing descriptors by name
# (grant, deny, revoke, owner, group, inheritance, reset, label, set),
# recursion with auto-inheritance propagation, listings, JSON, save and
# restore, diff, imports, check, names and errors.
#
# Runs in a private mount namespace (it re-executes itself under
# "unshare -m" when needed) on a tmpfs of its own, where root can write
# security.* extended attributes without the winsec LSM. Needs root.
#
# Prints "FAIL: ..." lines and, last, "tool-admin: P passed, F failed,
# S skipped". Exit status 1 on any failure.

set -u
top=$(cd "$(dirname "$0")/../../../.." && pwd)
W=${WINSEC:-$top/build/winsec}
W=$(cd "$(dirname "$W")" && pwd)/$(basename "$W")
here=$(cd "$(dirname "$0")" && pwd)

if [ -z "${WINSEC_TOOL_TEST_NS:-}" ]; then
	export WINSEC_TOOL_TEST_NS=1 WINSEC="$W"
	exec unshare -m --propagation private -- "$0" "$@"
fi

pass=0
fail=0
skip=0
T=$(mktemp -d /tmp/winsec-tool.XXXXXX)
mount -t tmpfs -o size=256m winsec-tool "$T" || {
	echo "FAIL: cannot mount a tmpfs (not root?)"
	echo "tool-admin: 0 passed, 1 failed, 0 skipped"
	exit 1
}
trap 'cd /; umount -l "$T" 2>/dev/null; rmdir "$T"' EXIT
cd "$T"
mkdir "$T/.tmp"
tmp=$T/.tmp

# Test users and groups, seen by the tool through /etc/passwd and
# /etc/group (bind-mounted over the real ones in this namespace only).
cp /etc/passwd "$tmp/passwd"
cp /etc/group "$tmp/group"
cat >>"$tmp/passwd" <<'END'
alice:x:4101:4101:Alice:/home/alice:/bin/sh
bob:x:4102:4102:Bob:/home/bob:/bin/sh
carol:x:4103:4103::/nonexistent:/bin/sh
dave:x:4104:4104::/nonexistent:/bin/sh
END
cat >>"$tmp/group" <<'END'
alice:x:4101:
bob:x:4102:
staff4:x:4201:alice,bob
devs4:x:4202:alice
carol:x:4203:
END
mount --bind "$tmp/passwd" /etc/passwd
mount --bind "$tmp/group" /etc/group

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
skipped() { skip=$((skip + $1)); echo "SKIP: $2"; }

# t_eq NAME EXPECTED ACTUAL
t_eq() {
	if [ "$2" == "$3" ]; then ok; else bad "$1: expected [$2], got [$3]"; fi
}

# t_match NAME GLOB ACTUAL
t_match() {
	# shellcheck disable=SC2053
	if [[ $3 == $2 ]]; then ok; else bad "$1: [$3] does not match [$2]"; fi
}

# run CMD...: sets $rc, $out, $err
run() {
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

# t_fails NAME EXPECTED-STDERR-SUBSTRING CMD...: exit 2, a message starting
# "winsec: " holding the substring, nothing on stdout.
t_fails() {
	local name=$1 msg=$2
	shift 2
	run "$@"
	if [ "$rc" -ne 2 ]; then
		bad "$name: exit status $rc, expected 2 (stderr: $err)"
	elif [[ $err != "winsec: "* ]]; then
		bad "$name: expected \"winsec: ...\", got [$err]"
	elif [[ $err != *"$msg"* ]]; then
		bad "$name: message [$err] lacks [$msg]"
	elif [ -n "$out" ]; then
		bad "$name: unexpected output [$out]"
	else
		ok
	fi
}

# g PATH: the SDDL of PATH
g() { $W get "$1" 2>&1; }

# A fresh tree: d/{f, sub/{g, deep/h}}, all unlabeled.
fresh() {
	rm -rf "$T/d"
	mkdir -p "$T/d/sub/deep"
	touch "$T/d/f" "$T/d/sub/g" "$T/d/sub/deep/h"
}

RX=0x1200a9
U0=S-1-22-1-0
A=S-1-22-1-4101
B=S-1-22-1-4102
STAFF=S-1-22-2-4201

# shellcheck source=/dev/null
for part in "$here"/t_*.sh; do
	. "$part"
done

echo "tool-admin: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
