#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs in the guest as root (make bench passes it to scripts/guest/run.sh
# with a first line that sets KBENCH_ARGS, and KBENCH_QUICK when asked):
# loads the Smack rules when Smack is active, then runs
# /opt/kbench/kbench once per command of KBENCH_ARGS (separated by ";").

set -u
kbench=/opt/kbench/kbench

# The kernel moves from tsc-early to tsc some time after boot: wait for it
# (idle time costs nothing under -icount sleep=off), so that every run reads
# the same clock.
cs=/sys/devices/system/clocksource/clocksource0/current_clocksource
i=0
while [ "$(cat $cs 2>/dev/null)" = tsc-early ] && [ $i -lt 100 ]; do
	sleep 0.2
	i=$((i + 1))
done

lsms=$(cat /sys/kernel/security/lsm 2>/dev/null)
echo "KBENCH info lsm ${lsms:-none}"
echo "KBENCH info clocksource $(cat $cs 2>/dev/null)"
echo "KBENCH info cpus $(grep -c '^processor' /proc/cpuinfo)"

case ,$lsms, in
*,smack,*)
	mkdir -p /sys/fs/smackfs
	mount -t smackfs smackfs /sys/fs/smackfs 2>/dev/null
	# The subject reaches the objects that kbench labels, and the floor
	# (the console, /tmp, the initramfs) for writing; one rule a write.
	for rule in "kbench kbench-obj rwxat" "kbench _ rwxat"; do
		echo "$rule" >/sys/fs/smackfs/load2 ||
			echo "KBENCH error setup cannot load the Smack rule '$rule'"
	done
	;;
esac

status=0
old_ifs=$IFS
IFS=';'
for cmd in $KBENCH_ARGS; do
	IFS=$old_ifs
	# shellcheck disable=SC2086 # a command and its words
	$kbench $cmd || status=1
	IFS=';'
done
IFS=$old_ifs
exit $status
