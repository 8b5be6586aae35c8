#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# "winsec check" against the enforcing kernel: for a generated set of
# objects (every descriptor template below on every kind of object: files,
# directories, FIFOs, sockets bound on tmpfs, device nodes, SysV message
# queues, semaphore sets and shared memory segments, POSIX message queues;
# and replacements of the descriptors of the files by four others) and of
# subjects (root at every level, alice, and a uid of no database, at
# the levels they can reach), agree-probe performs each operation of the
# object's kind as the subject and asks "winsec check", run by the subject
# itself, what the kernel would decide. One line per case; any
# disagreement fails. Run as root (System) in the guest by
# scripts/check.d/66-agree, which adds the tool and the probe
# (tools/testing/winsec/agree) of this tree to the guest.
#
# Modes are permissive (0777 and 0666) so that only winsec decides.

W=/usr/bin/winsec
P=/usr/bin/agree-probe

if ! grep -q winsec /sys/kernel/security/lsm; then
	echo "agree: the winsec LSM is not active" >&2
	exit 1
fi
[ -x $P ] || { echo "agree: $P missing" >&2; exit 1; }

t0=$(date +%s)
d=/tmp/agree
rm -rf $d
mkdir -p $d
chmod 777 $d
umask 0

# The descriptors: NAME SDDL ("-" for none). GR, GW, GX and GA map to the
# rights of each object type; alice is uid 1000, group users gid 100.
templates='
none			-
label-low		S:(ML;;NW;;;LW)
label-medium		S:(ML;;NW;;;ME)
label-high		S:(ML;;NW;;;HI)
label-high-nr		S:(ML;;NWNR;;;HI)
label-high-nrnx		S:(ML;;NWNRNX;;;HI)
label-medium-nx		S:(ML;;NX;;;ME)
everyone-all		D:(A;;GA;;;WD)
null-dacl		D:NO_ACCESS_CONTROL
empty-dacl		D:
alice-read		D:(A;;GR;;;S-1-22-1-1000)
users-all-alice-nowrite	D:(D;;GW;;;S-1-22-1-1000)(A;;GA;;;S-1-22-2-100)
everyone-noread		D:(D;;GR;;;WD)(A;;GA;;;WD)
exec-only		D:(A;;GX;;;WD)
alice-all-low		D:(A;;GRGX;;;WD)(A;;GA;;;S-1-22-1-1000)S:(ML;;NW;;;LW)
users-write-high	D:(A;;GW;;;S-1-22-2-100)S:(ML;;NW;;;HI)
owner-alice		O:S-1-22-1-1000G:S-1-22-2-100D:(A;;GR;;;WD)(A;;GA;;;OW)
'

mq=
grep -q ' /dev/mqueue mqueue ' /proc/mounts && mq=1

objects=$d/objects
failed=$d/setup-failed
: >"$objects"
# Objects that could not be made as planned: the run fails.
broken() {
	echo "agree: setup: $*" >&2
	echo "$*" >>"$failed"
}
setsd() { # PATH SDDL
	[ "$2" = - ] && return 0
	$W set --replace "$1" "$2" || broken "cannot set $2 on $1"
}
ipc() { # TYPE SDDL
	if [ "$2" = - ]; then
		$W ipc create "$1"
	else
		$W ipc create --sddl "$2" "$1"
	fi
}
# shellcheck disable=SC2015 # setsd reports its own failure
echo "$templates" | while read -r name sddl; do
	[ -n "$name" ] || continue
	f=$d/file-$name
	$P mkelf "$f" && setsd "$f" "$sddl" || broken "file $f"
	echo "file-$name file $f" >>"$objects"
	echo "file-$name replace $f" >>"$objects"
	f=$d/dir-$name
	mkdir -m 777 "$f" && setsd "$f" "$sddl" || broken "directory $f"
	echo "dir-$name dir $f" >>"$objects"
	f=$d/fifo-$name
	mkfifo -m 666 "$f" && setsd "$f" "$sddl" || broken "FIFO $f"
	echo "fifo-$name fifo $f" >>"$objects"
	f=$d/sock-$name
	$P mksock "$f" && setsd "$f" "$sddl" || broken "socket $f"
	echo "sock-$name sock $f" >>"$objects"
	f=$d/dev-$name
	mknod -m 666 "$f" c 1 3 && setsd "$f" "$sddl" || broken "device $f"
	echo "dev-$name dev $f" >>"$objects"
	for t in msg sem shm; do
		if id=$(ipc $t "$sddl"); then
			echo "$t-$name $t $id" >>"$objects"
		else
			broken "$t with $sddl"
		fi
	done
	[ -n "$mq" ] || continue
	if [ "$sddl" = - ]; then
		$P mkmq "/agree-$name"
	else
		$W run --fscreate "$sddl" -- $P mkmq "/agree-$name"
	fi || broken "message queue /agree-$name"
	echo "mq-$name mq /agree-$name" >>"$objects"
done
[ -n "$mq" ] || broken "no mqueue filesystem on /dev/mqueue"

# The descriptors each subject tries to put on copies of the files above
# (winsec set --replace; winsec check --replace says whether it may).
echo '
dacl		D:(A;;FA;;;WD)
label-low	D:(A;;FA;;;WD)S:(ML;;NW;;;LW)
label-high	D:(A;;FA;;;WD)S:(ML;;NW;;;HI)
owner-alice	O:S-1-22-1-1000D:(A;;FA;;;WD)
' | while read -r name sddl; do
	[ -n "$name" ] || continue
	f=$d/new-$name
	: >"$f"
	setsd "$f" "$sddl"
	echo "$name newsd $f $sddl" >>"$objects"
done
t1=$(date +%s)
echo "agree: $(wc -l <"$objects") objects, made in $((t1 - t0))s"

# The subjects: NAME:UID:GID:GROUPS:LEVEL. A task that gives up uid 0 is
# at most Medium.
$P run --tool $W \
	root:0:0::system root:0:0::high root:0:0::medium root:0:0::low \
	root:0:0::untrusted \
	alice:1000:100:100:medium alice:1000:100:100:low \
	alice:1000:100:100:untrusted \
	bob:1001:100:100:medium \
	u2000:2000:2000::medium u2000:2000:2000::low <"$objects"
rc=$?
echo "agree: compared in $(($(date +%s) - t1))s"
if [ -s "$failed" ]; then
	echo "agree: $(wc -l <"$failed") objects not made as planned" >&2
	rc=1
fi
exit $rc
