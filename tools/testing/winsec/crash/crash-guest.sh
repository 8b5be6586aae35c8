# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# The guest's part of the crash test (tools/testing/winsec/crash/crash.sh),
# run as root (System). crash.sh writes the script of each boot: a few
# variables, then this file:
#   CRASH_VERIFY=1            check every object of the previous round
#   CRASH_SETUP=1             create the objects (first boot)
#   CRASH_WRITE='SEED ROUND MS'  rewrite descriptors until the reset, MS
#                             milliseconds after the writes begin
# The verification also reads every descriptor through the tool (winsec
# get) and the count of invalid stored descriptors the kernel loaded; when
# anything is wrong, nothing is written, so that the image stays as the
# reset left it.

dir=/mnt/ext4/crash
G=/usr/bin/crash-guest
W=/usr/bin/winsec

if ! grep -q ' /mnt/ext4 ext4 ' /proc/mounts; then
	echo "crash: FAIL /mnt/ext4 is not mounted"
	exit 1
fi
echo "crash: kernel.sysrq=$(cat /proc/sys/kernel/sysrq)"

if [ -n "${CRASH_VERIFY:-}" ]; then
	status=0
	$G verify $dir || status=1
	# One line "PATH: SDDL" per labelled object, and none for the
	# unlabeled directory itself.
	$W get -R $dir >/tmp/get.txt 2>/tmp/get.err || status=1
	n=$(grep "^$dir/" /tmp/get.txt | grep -c -v ': no descriptor$')
	echo "crash: winsec get printed $n descriptors"
	sed 's/^/crash: winsec get: /' /tmp/get.err
	invalid=$(sed -n 's/^invalid //p' /sys/kernel/security/winsec/stats)
	echo "crash: invalid descriptors loaded: $invalid"
	[ "$invalid" = 0 ] || status=1
	if [ $status != 0 ]; then
		echo "crash: FAIL verification"
		exit 1
	fi
fi

if [ -n "${CRASH_SETUP:-}" ]; then
	$G setup $dir || exit 1
fi

if [ -n "${CRASH_WRITE:-}" ]; then
	# shellcheck disable=SC2086 # three numbers
	exec $G write $dir $CRASH_WRITE
fi
exit 0
