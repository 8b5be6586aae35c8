#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Protected Mode with a real program, on the Debian root: python3 run by
# alice at Low reads her file but cannot modify it (PermissionError,
# EACCES, the file unchanged, an audit record that says why), and the same
# python3 at Medium can; and a few paths carry the descriptors that
# scripts/guest/mkdebian.sh gave them. Run as root in the Debian guest:
#
#	make run ROOTFS=debian SCRIPT=scripts/guest/debian-check.sh
#
# Prints one line per step and "debian-check: N steps, N failed"; exit
# status 0 when every step went as expected.

failures=0
steps=0

say() {
	printf '\n== %s\n' "$*"
}

# result ok|FAILED DESCRIPTION [DETAIL]: counts one step.
result() {
	steps=$((steps + 1))
	if [ "$1" = ok ]; then
		printf '   ok       %s\n' "$2"
	else
		printf '   FAILED   %s%s\n' "$2" "${3:+: $3}"
		failures=$((failures + 1))
	fi
}

# expect_sddl PATH SDDL: winsec get prints SDDL for PATH.
expect_sddl() {
	got=$(winsec get "$1" 2>&1)
	if [ "$got" = "$2" ]; then
		result ok "$1 is $2"
	else
		result FAILED "$1" "expected $2, got $got"
	fi
}

# as_alice LEVEL COMMAND...: COMMAND as alice, logged in, at LEVEL. Not
# on the console: su would look for its name among every /dev/tty*.
as_alice() {
	level=$1
	shift
	su - alice -c "winsec run --level $level -- $*" </dev/null
}

say "The Debian root"
if [ -r /etc/debian_version ] && [ "$(awk '$2 == "/" { print $3 }' /proc/mounts)" = ext4 ]; then
	result ok "the root is Debian $(cat /etc/debian_version), on ext4"
else
	result FAILED "the root is Debian on ext4" "$(grep ' / ' /proc/mounts)"
fi
if grep -q winsec /sys/kernel/security/lsm; then
	result ok "winsec is active: $(cat /sys/kernel/security/lsm)"
else
	result FAILED "winsec is active" "$(cat /sys/kernel/security/lsm)"
fi

say "Labels like a Windows system drive"
sys='O:SYG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)'
sysd='O:SYG:SYD:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIID;0x1200a9;;;BU)'
sysf='O:SYG:SYD:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)(A;ID;0x1200a9;;;BU)'
a=S-1-22-1-1000
expect_sddl / "$sys"
expect_sddl /usr "$sys"
expect_sddl /etc "$sys"
expect_sddl /usr/lib "$sysd"
expect_sddl "$(readlink -f /usr/bin/python3)" "$sysf"
expect_sddl /etc/passwd "$sysf"
expect_sddl /root 'O:SYG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)'
expect_sddl /home/alice "O:${a}G:S-1-22-2-100D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;$a)"
expect_sddl /home/alice/.profile "O:${a}G:S-1-22-2-100D:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)(A;ID;FA;;;$a)"
got=$(winsec get /var/tmp 2>&1)
if [ "$got" = "no descriptor" ]; then
	result ok "/var/tmp is unlabeled"
else
	result FAILED "/var/tmp is unlabeled" "$got"
fi
if su alice -c 'winsec check /usr/bin/stress-ng --desired FILE_EXECUTE' </dev/null >/dev/null 2>&1 &&
	! su alice -c 'winsec check /usr/bin/stress-ng --desired FILE_WRITE_DATA' </dev/null >/dev/null 2>&1; then
	result ok "Users may execute /usr/bin/stress-ng, not write it"
else
	result FAILED "Users may execute /usr/bin/stress-ng, not write it"
fi

say "Protected Mode: python3 at Low reads alice's file but cannot modify it"
# The program: read FILE prints it; append FILE and replace FILE write it,
# and print the error on PermissionError (exit 3).
prog=/tmp/diary.py
cat >"$prog" <<'EOF'
import sys
what, path = sys.argv[1], sys.argv[2]
try:
    if what == "read":
        print(open(path).read(), end="")
    else:
        with open(path, "a" if what == "append" else "w") as f:
            f.write("a line from python3\n")
        print("written")
except PermissionError as e:
    print(f"PermissionError: errno={e.errno} {e.strerror}")
    sys.exit(3)
EOF
chmod 644 "$prog"
diary=/home/alice/diary.txt
su - alice -c "printf 'dear diary\n' > $diary" </dev/null
before=$(cat $diary)
echo "   $(winsec get $diary)"

out=$(as_alice low python3 "$prog" read $diary 2>&1)
if [ "$out" = "$before" ]; then
	result ok "Low python3 reads the file: $out"
else
	result FAILED "Low python3 reads the file" "$out"
fi

dmesg -C
out=$(as_alice low python3 "$prog" append $diary 2>&1)
rc=$?
echo "   $out"
if [ $rc -eq 3 ] && [ "$out" = "PermissionError: errno=13 Permission denied" ]; then
	result ok "Low python3 cannot append: PermissionError, EACCES"
else
	result FAILED "Low python3 cannot append" "status $rc: $out"
fi
out=$(as_alice low python3 "$prog" replace $diary 2>&1)
rc=$?
if [ $rc -eq 3 ] && [ "$out" = "PermissionError: errno=13 Permission denied" ]; then
	result ok "Low python3 cannot replace it: PermissionError, EACCES"
else
	result FAILED "Low python3 cannot replace it" "status $rc: $out"
fi
out=$(as_alice low python3 "$prog" append /home/alice/dropped.txt 2>&1)
rc=$?
if [ $rc -eq 3 ] && ! [ -e /home/alice/dropped.txt ]; then
	result ok "Low python3 cannot create a file in the home"
else
	result FAILED "Low python3 cannot create a file in the home" "status $rc: $out"
fi
if [ "$(cat $diary)" = "$before" ]; then
	result ok "the file is unchanged"
else
	result FAILED "the file is unchanged" "$(cat $diary)"
fi

# The denials, as the kernel logged them.
dmesg | grep 'lsm=winsec' | sed 's/^\[[ 0-9.]*\] //; s/^/   /'
if dmesg | grep 'lsm=winsec op=open reason=label requested=0x4 granted=0x0 missing=0x4' |
	grep 'subj_level=low subj_user=S-1-22-1-1000' | grep 'obj_level=medium' |
	grep 'comm="python3"' | grep -q 'name="diary.txt"'; then
	result ok "an audit record names the denial: python3, open for appending, reason=label"
else
	result FAILED "an audit record names the denial"
fi

say "The control: the same python3 at Medium modifies the file"
out=$(as_alice medium python3 "$prog" append $diary 2>&1)
rc=$?
if [ $rc -eq 0 ] && [ "$out" = written ] &&
	[ "$(cat $diary)" = "$(printf '%s\na line from python3' "$before")" ]; then
	result ok "Medium python3 appends to the file"
else
	result FAILED "Medium python3 appends to the file" "status $rc: $out; $(cat $diary)"
fi
out=$(as_alice medium python3 "$prog" append /home/alice/new.txt 2>&1)
if [ "$out" = written ] && [ -f /home/alice/new.txt ]; then
	result ok "Medium python3 creates a file in the home: $(winsec get /home/alice/new.txt)"
else
	result FAILED "Medium python3 creates a file in the home" "$out"
fi

echo
echo "debian-check: $steps steps, $failures failed"
[ "$failures" -eq 0 ]
