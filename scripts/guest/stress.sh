#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs inside the guest for make stress (tools/testing/winsec/stress/
# stress.sh puts the settings below on its first lines). POSIX sh: it runs
# under busybox or a Debian userland alike, and needs stress-ng, trinity,
# the winsec tool and stressctl (tools/testing/winsec/stress/stressctl.c).
#
#   STRESS_MODE        winsec: the scenario; nowinsec: only the benchmark
#   STRESS_SECONDS     how long the load lasts
#   TRINITY_SECONDS    how long trinity runs (in the enforcing phase)
#   TRINITY_MIN        the system calls each trinity instance must make
#   BENCH_SECONDS      seconds per stressor of the benchmark (0: none)
#   BENCH_STRESSORS    the stressors of the benchmark (all fifteen)
#   STRESS_QUICK       1: fewer stress-ng instances (the short version)
#   STRESS_WATCHDOG    seconds after which, if the scenario has not ended,
#                      the tasks blocked in the kernel are shown (SysRq w)
#
# The scenario, for STRESS_SECONDS:
#   - stress-ng at Low (bob), Medium (alice) and System (root) in labelled
#     trees on ext4 and tmpfs, whose descriptors (and those of stress-ng's
#     working directories and SysV objects) two relabelers rewrite with
#     valid descriptors, and invalid ones that must be refused;
#   - a first phase (a fifth of the time) in which winsec's enforcement is
#     switched off and on every second, with no canary attacker and no
#     trinity running;
#   - then, enforcing: two attackers at Low (bob, and root) that try to
#     write Medium and High canaries (files, directories, SysV objects,
#     POSIX queues) in every way, trinity at Low (carol), one instance on
#     the system calls winsec mediates and one on all, and a fuzzer of the
#     task attributes and of winsec's securityfs files.
# Then the checks, one line each for the host:
#   STRESS-CHECK NAME PASS|FAIL DETAIL
# and the stress-ng metrics (STRESS-YAML-BEGIN TAG ... STRESS-YAML-END),
# the kmemleak report and the kernel log (without the audit records).

set -u
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH

: "${STRESS_MODE:=winsec}"
: "${STRESS_SECONDS:=90}"
: "${TRINITY_SECONDS:=40}"
: "${TRINITY_MIN:=1000}"
: "${BENCH_SECONDS:=0}"
: "${STRESS_QUICK:=0}"
: "${STRESS_WATCHDOG:=0}"

w=/run/stress
sec=/sys/kernel/security/winsec
ctl=/etc/guest/stressctl
BOB=1001
ALICE=1000
CAROL=1002
USERS=100

mkdir -p "$w/sd" "$w/log"
# Kernel messages of warning level and worse go to the console as they
# happen (a report must survive a full log buffer); the audit records of
# denials stay in the buffer.
dmesg -n 5

check() {
	if [ "$2" = 0 ]; then
		echo "STRESS-CHECK $1 PASS $3"
	else
		echo "STRESS-CHECK $1 FAIL $3"
	fi
}

# The guest's uptime leads each line: where the time goes.
info() {
	echo "STRESS-INFO [$(cut -d ' ' -f 1 /proc/uptime)] $*"
}

stat_get() {
	awk -v n="$1" '$1 == n { print $2 }' "$2"
}

snap_stats() {
	cat "$sec/stats" >"$w/stats.$1"
}

# stress-ng, one instance of each stressor named, as a user and level, in
# a directory; its metrics in YAML in that directory. runng TAG UID LEVEL
# DIR SECONDS STRESSORS...
runng() {
	tag=$1 uid=$2 level=$3 dir=$4 secs=$5
	shift 5
	args=
	for s in "$@"; do
		args="$args --$s 1"
	done
	# A bogo operation of dentry makes 2,048 files by default. In the
	# short version, fewer files and processes an operation: under the
	# emulator stress-ng otherwise takes minutes to stop and clean up.
	if [ "$STRESS_QUICK" = 1 ]; then
		case " $* " in *" dentry "*) args="$args --dentries 64" ;; esac
		args="$args --open-max 256 --exec-max 4"
	else
		case " $* " in *" dentry "*) args="$args --dentries 256" ;; esac
	fi
	lower=
	[ "$level" = system ] || [ "$level" = medium ] ||
		lower="winsec run --level $level --"
	# shellcheck disable=SC2086 # the words of the command
	# SIGINT makes stress-ng stop its stressors and still report.
	timeout -s INT $((secs + GRACE)) $ctl runas --nice 10 "$uid" $USERS \
		$lower stress-ng --temp-path "$dir" $args -t "$secs" --metrics-brief \
		--yaml "$dir/ng-$tag.yaml" >"$w/log/ng-$tag.log" 2>&1 &
	echo "$! $tag $dir" >>"$w/ng.pids"
}

bring_up_lo() {
	ip link set lo up 2>/dev/null || ifconfig lo 127.0.0.1 up 2>/dev/null
}

# Should the scenario hang, the console shows where tasks are blocked
# before the host's time limit ends the guest.
if [ "$STRESS_WATCHDOG" -gt 0 ]; then
	(
		sleep "$STRESS_WATCHDOG"
		echo "STRESS-INFO watchdog: the scenario has not ended; blocked tasks:"
		echo w >/proc/sysrq-trigger
	) &
	watchdog=$!
fi

info "cpus $(grep -c '^processor' /proc/cpuinfo) online $(cat /sys/devices/system/cpu/online)"
info "lsm $(cat /sys/kernel/security/lsm 2>/dev/null)"
info "stress-ng $(stress-ng --version 2>&1 | head -n 1)"
info "userland $(readlink -f /bin/sh)"
bring_up_lo

# --- the benchmark: each stressor alone, 4 instances, as alice ----------

: "${BENCH_STRESSORS:=open dentry link rename xattr fork exec msg sem-sysv shm-sysv mq fifo sock kill ptrace}"
if [ "$BENCH_SECONDS" -gt 0 ]; then
	mkdir -p /tmp/bench
	chmod 777 /tmp/bench
	# A labelled tree: a DACL to evaluate; inert without winsec.
	winsec set -r /tmp/bench \
		'D:(A;OICI;FA;;;SY)(A;OICI;FA;;;S-1-22-1-1000)(A;OICI;0x1200a9;;;WD)S:(ML;OICI;NW;;;ME)' \
		2>/dev/null || info "bench: the tree has no descriptor"
	for s in $BENCH_STRESSORS; do
		start=$(date +%s)
		more=
		[ "$s" = dentry ] && more="--dentries 256"
		# shellcheck disable=SC2086
		timeout -s INT $((BENCH_SECONDS + 120)) $ctl runas $ALICE $USERS \
			stress-ng --temp-path /tmp/bench --"$s" 4 $more -t "$BENCH_SECONDS" \
			--metrics-brief --yaml "/tmp/bench/$s.yaml" \
			>"$w/log/bench-$s.log" 2>&1
		info "bench $s: exit $? in $(($(date +%s) - start))s"
		echo "STRESS-YAML-BEGIN bench $s"
		cat "/tmp/bench/$s.yaml" 2>/dev/null
		echo "STRESS-YAML-END"
	done
fi

if [ "$STRESS_MODE" != winsec ]; then
	echo "STRESS-DONE"
	exit 0
fi

# --- descriptors ----------------------------------------------------------

enc() {
	winsec encode "$2" >"$w/sd/$1.bin" || {
		echo "stress: cannot encode $2" >&2
		exit 1
	}
}
B=S-1-22-1-$BOB
A=S-1-22-1-$ALICE
# The trees of each level: every descriptor keeps the level's user able
# to do everything, and moves the label up and down below its level.
enc low1 "D:(A;OICI;FA;;;SY)(A;OICI;FA;;;$B)(A;OICI;0x1200a9;;;WD)S:(ML;OICI;NW;;;LW)"
enc low2 "O:SYD:(A;OICI;FA;;;SY)(A;OICI;FA;;;$B)S:(ML;OICI;NW;;;S-1-16-0)"
enc low3 "D:(A;OICI;FA;;;$B)(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)S:(ML;OICI;NWNR;;;LW)"
enc med1 "D:(A;OICI;FA;;;SY)(A;OICI;FA;;;$A)(A;OICI;0x1200a9;;;WD)"
enc med2 "D:(A;OICI;FA;;;SY)(A;OICI;FA;;;$A)S:(ML;OICI;NW;;;ME)"
enc med3 "O:SYD:(A;OICI;FA;;;SY)(A;OICI;FA;;;$A)S:(ML;OICI;NW;;;LW)"
enc sys1 "D:(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)S:(ML;OICI;NW;;;SI)"
enc sys2 "O:BAD:(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)S:(ML;OICI;NW;;;HI)"
enc sys3 "D:(A;OICI;FA;;;BA)(A;OICI;FA;;;SY)S:(ML;OICI;NWNRNX;;;SI)"
# SysV objects of the Low and Medium users.
enc ipclow1 "D:(A;;GA;;;SY)(A;;GA;;;$B)S:(ML;;NW;;;LW)"
enc ipclow2 "O:SYD:(A;;GA;;;SY)(A;;GA;;;$B)(A;;GR;;;WD)S:(ML;;NW;;;S-1-16-0)"
enc ipcmed1 "D:(A;;GA;;;SY)(A;;GA;;;$A)"
enc ipcmed2 "D:(A;;GA;;;SY)(A;;GA;;;$A)S:(ML;;NW;;;ME)"
enc ipcmed3 "O:SYD:(A;;GA;;;SY)(A;;GA;;;$A)S:(ML;;NW;;;LW)"
# Canaries: the DACL grants everyone everything, so that the label alone
# stands between a Low process and the object.
enc canmed "D:(A;;FA;;;WD)S:(ML;;NW;;;ME)"
enc canhigh "D:(A;;FA;;;WD)S:(ML;;NW;;;HI)"
enc cannone "D:(A;;FA;;;WD)"
enc ipccanmed "D:(A;;GA;;;WD)S:(ML;;NW;;;ME)"
enc ipccanhigh "D:(A;;GA;;;WD)S:(ML;;NW;;;HI)"
enc ipccannone "D:(A;;GA;;;WD)"
enc twin "D:(A;OICI;FA;;;WD)S:(ML;OICI;NW;;;LW)"
enc ipctwin "D:(A;;GA;;;WD)S:(ML;;NW;;;LW)"
# What an attacker tries to put on a canary.
enc lowsd "D:(A;;FA;;;WD)S:(ML;;NW;;;LW)"

setsd() {
	winsec set -r "$1" "$(winsec decode "$w/sd/$2.bin")" || exit 1
}

# --- the trees ------------------------------------------------------------

for fs in /mnt/ext4 /tmp; do
	for g in low med sys; do
		d=$fs/stress/$g
		mkdir -p "$d"
		chmod 777 "$fs/stress" "$d"
		setsd "$d" "${g}1"
		: >"$d/target"
		chmod 666 "$d/target"
	done
done

# --- canaries -------------------------------------------------------------

: >"$w/attack.user"
: >"$w/attack.root"
echo "lowsd $w/sd/lowsd.bin" | tee -a "$w/attack.user" >>"$w/attack.root"
: >"$w/canaries"
for fs in /mnt/ext4 /tmp; do
	c=$fs/canary
	mkdir -p "$c"
	chmod 777 "$c"
	# "plain" has no descriptor: it is made before its directory has one.
	for f in plain med high flip; do
		head -c 4096 /dev/urandom >"$c/$f"
		chmod 666 "$c/$f"
	done
	setsd "$c/med" canmed
	setsd "$c/high" canhigh
	setsd "$c/flip" canmed
	if [ $fs = /tmp ]; then
		setsd "$c" canhigh
	else
		setsd "$c" canmed
	fi
	for who in user root; do
		t=$fs/twin-$who
		mkdir -p "$t"
		chmod 777 "$t"
		setsd "$t" twin
		for f in plain med high flip; do
			echo "file $c/$f $t/$f" >>"$w/attack.$who"
		done
		echo "dir $c $t" >>"$w/attack.$who"
	done
	for f in plain med high; do
		echo "file $c/$f" >>"$w/canaries"
	done
	echo "dir $c" >>"$w/canaries"
	echo "flip $c/flip" >>"$w/canaries"
done

# SysV canaries, made by root at System with a creator descriptor: one
# High that nothing changes, one Medium that a relabeler keeps changing
# between protecting descriptors.
for t in msg sem shm; do
	id=$($ctl mkipc $t "$w/sd/ipccanhigh.bin") || exit 1
	echo "$t $id" >>"$w/canaries"
	echo "$t $id -" | tee -a "$w/attack.user" >>"$w/attack.root"
	id=$($ctl mkipc $t "$w/sd/ipccanmed.bin") || exit 1
	echo "flip$t $id" >>"$w/canaries"
	echo "$t $id -" | tee -a "$w/attack.user" >>"$w/attack.root"
	eval "flip_$t=$id"
done
# POSIX queues: an unlabeled one (Medium), a High one and a Low twin.
$ctl mkipc mq /canary-med >/dev/null || exit 1
$ctl mkipc mq /canary-high "$w/sd/ipccanhigh.bin" >/dev/null || exit 1
$ctl mkipc mq /twin-low "$w/sd/ipctwin.bin" >/dev/null || exit 1
for q in /canary-med /canary-high; do
	echo "mq $q" >>"$w/canaries"
	echo "mq $q /twin-low" | tee -a "$w/attack.user" >>"$w/attack.root"
done

snap_canaries() {
	while read -r kind what; do
		case $kind in
		flip) $ctl snap file "$what" | sed 's/ sd=.*//' ;;
		flipmsg | flipsem | flipshm)
			$ctl snap "${kind#flip}" "$what" | sed 's/ sd=.*//' ;;
		*) $ctl snap "$kind" "$what" ;;
		esac
	done <"$w/canaries"
}
snap_canaries >"$w/canaries.before"

# --- relabelers -----------------------------------------------------------

# Persistent targets (verified at the end), stress-ng's directories and
# SysV objects (rewritten while they exist), the changing canaries.
{
	for fs in /mnt/ext4 /tmp; do
		for g in low med sys; do
			s="$w/sd/${g}1.bin $w/sd/${g}2.bin $w/sd/${g}3.bin"
			echo "file $fs/stress/$g $s"
			echo "file $fs/stress/$g/target $s"
			echo "scan $fs/stress/$g tmp- $s"
		done
		echo "file $fs/canary/flip $w/sd/canmed.bin $w/sd/canhigh.bin $w/sd/cannone.bin"
	done
} >"$w/relabel.files"
{
	for t in msg sem shm; do
		for g in low med; do
			id=$($ctl mkipc $t "$w/sd/ipc${g}1.bin") || exit 1
			s="$w/sd/ipc${g}1.bin $w/sd/ipc${g}2.bin"
			[ $g = med ] && s="$s $w/sd/ipcmed3.bin"
			echo "ipc $t $id $s"
		done
		echo "scanipc $t $BOB $w/sd/ipclow1.bin $w/sd/ipclow2.bin"
		echo "scanipc $t $ALICE $w/sd/ipcmed1.bin $w/sd/ipcmed2.bin $w/sd/ipcmed3.bin"
		eval "id=\$flip_$t"
		echo "ipc $t $id $w/sd/ipccanmed.bin $w/sd/ipccanhigh.bin $w/sd/ipccannone.bin"
	done
} >"$w/relabel.ipc"

# --- trinity's working directory ----------------------------------------

# A Low tree of its own, on a small tmpfs (what trinity writes there
# cannot fill /tmp): trinity's victim files, which it opens and passes to
# the system calls that take a path or a descriptor, and play/, where it
# runs. With -V trinity takes no file names from /dev, /proc and /sys,
# whose walk alone takes minutes under the load.
v=/tmp/trinity
mkdir -p $v
mount -t tmpfs -o size=32m,mode=0777 trinity $v
mkdir $v/play $v/dir
for i in 1 2 3 4 5 6; do
	head -c 4096 /dev/urandom >$v/victim$i
done
: >$v/dir/victim
chown -R $CAROL:$USERS $v
chmod 755 $v/play $v/dir
chmod 644 $v/victim* $v/dir/victim
winsec set -r $v "D:(A;OICI;FA;;;S-1-22-1-$CAROL)(A;OICI;FA;;;SY)S:(ML;OICI;NW;;;LW)" ||
	exit 1

# --- the load -------------------------------------------------------------

D=$STRESS_SECONDS
P=$((D / 5))
[ $P -ge 10 ] || P=10
# stress-ng is told to stop after D seconds; under TCG with four vCPUs on
# a busy 2-core host its processes take minutes more to wind down (a 60 s
# load ended 273 to 275 s after it began, and more than 240 s with a
# second such guest on the host), so they are sent SIGINT only when GRACE
# more seconds have passed.
GRACE=$((D + 300))
snap_stats start
info "load ${D}s: permissive phase ${P}s, then canaries and trinity ${TRINITY_SECONDS}s"
: >"$w/ng.pids"
# Every stressor at every level, the file system ones on ext4 at Low and
# System and on tmpfs at Medium; the short version runs each stressor
# once, spread over the groups, without link, whose stressor does not stop within minutes of
# its time under QEMU's emulator. Low processes cannot create POSIX queues (the queue directory
# is Medium): the mq stressor runs at Medium and System only.
FS="open dentry link rename xattr fifo"
OTHER="fork exec msg sem-sysv shm-sysv sock kill ptrace"
if [ "$STRESS_QUICK" = 1 ]; then
	set -- "open rename xattr" "dentry msg sem-sysv shm-sysv kill" \
		"fifo" "mq exec sock" "rename" "fork ptrace xattr"
else
	set -- "$FS" "$OTHER" "$OTHER mq" "$FS" "$FS" "$OTHER mq"
fi
# shellcheck disable=SC2086 # lists of stressors
{
	runng low-ext4 $BOB low /mnt/ext4/stress/low "$D" $1
	runng low-tmp $BOB low /tmp/stress/low "$D" $2
	runng med-ext4 $ALICE medium /mnt/ext4/stress/med "$D" $3
	runng med-tmp $ALICE medium /tmp/stress/med "$D" $4
	runng sys-ext4 0 system /mnt/ext4/stress/sys "$D" $5
	runng sys-tmp 0 system /tmp/stress/sys "$D" $6
}

# The reaper: whatever of the load still runs a minute after its grace
# time is killed (and the check load-ended fails), so that a process that
# ignores SIGINT cannot hold the scenario.
(
	sleep $((D + GRACE + 60))
	for p in /proc/[0-9]*; do
		read -r c 2>/dev/null <"$p/comm" || continue
		case $c in
		stress-ng* | trinity*)
			echo "${p#/proc/}:$c" >>"$w/reaped"
			kill -9 "${p#/proc/}" 2>/dev/null
			;;
		esac
	done
) &
reaper=$!

$ctl relabel "$D" "$w/relabel.files" "$w/relabel.files.state" \
	>"$w/log/relabel-files.log" 2>&1 &
relabel_files=$!
$ctl relabel "$D" "$w/relabel.ipc" "$w/relabel.ipc.state" \
	>"$w/log/relabel-ipc.log" 2>&1 &
relabel_ipc=$!

# Phase 1: enforcement off and on every second, while nothing attacks the
# canaries: the attackers and trinity start only once enforcement is back
# and read back as 1.
toggles=0
toggle_failed=0
while [ $toggles -lt $((P / 2)) ]; do
	echo 0 >"$sec/enforce" || toggle_failed=$((toggle_failed + 1))
	sleep 1
	echo 1 >"$sec/enforce" || toggle_failed=$((toggle_failed + 1))
	toggles=$((toggles + 1))
	sleep 1
done
echo 1 >"$sec/enforce"
enforce=$(cat "$sec/enforce")
check permissive-toggle "$([ $toggles -gt 0 ] && [ $toggle_failed = 0 ] &&
	[ "$enforce" = 1 ]; echo $?)" \
	"$toggles switches to permissive and back, $toggle_failed refused, enforce=$enforce after"
[ "$enforce" = 1 ] || {
	echo "stress: winsec does not enforce again; no attack on the canaries" >&2
	exit 1
}

# Phase 2: enforcing, canaries attacked, trinity and the attribute fuzzer.
snap_stats phase2
A2=$((D - P))
[ $A2 -ge 10 ] || A2=10
$ctl runas $BOB $USERS winsec run --level low -- \
	$ctl attack $A2 "$w/attack.user" >"$w/log/attack-user.log" 2>&1 &
attack_user=$!
winsec run --level low -- $ctl attack $A2 "$w/attack.root" \
	>"$w/log/attack-root.log" 2>&1 &
attack_root=$!
$ctl runas $BOB $USERS winsec run --level low -- \
	$ctl attrfuzz "$TRINITY_SECONDS" >"$w/log/attrfuzz.log" 2>&1 &
attrfuzz=$!

# trinity's system call selection: what winsec mediates, and that does not
# block. trinity 2023.01 never calls kill, tkill, tgkill and ptrace
# (marked "avoid" in its tables) and does not know lsm_get_self_attr and
# lsm_set_self_attr (stressctl attrfuzz calls them); msgsnd, msgrcv,
# semop, semtimedop and mq_timed* can sleep until its watchdog kills the
# child after 30 seconds, or for a second each (the attackers and
# stress-ng make those calls).
TRINITY_CALLS="setxattr lsetxattr fsetxattr getxattr lgetxattr fgetxattr
listxattr llistxattr flistxattr removexattr lremovexattr fremovexattr
open openat openat2 creat rename renameat renameat2 link linkat unlink
unlinkat symlink mkdir mkdirat rmdir chmod fchmod fchmodat truncate
ftruncate chown fchown fchownat utimensat msgget msgctl semget semctl
shmget shmat shmdt shmctl mq_open mq_unlink mq_getsetattr
process_vm_readv process_vm_writev pidfd_open pidfd_send_signal
pidfd_getfd"
sel=
for c in $TRINITY_CALLS; do
	sel="$sel -c $c"
done
# trinity_run NAME [OPTION...]
trinity_run() {
	name=$1
	shift
	(cd $v/play && exec timeout -s INT -k 20 "$TRINITY_SECONDS" $ctl runas \
		--nproc 256 --as 1073741824 --fsize 16777216 $CAROL $USERS \
		winsec run --level low -- trinity -q -l off -V $v \
		--disable-fds=sockets,pipes,perf,epoll,eventfd,timerfd,memfd,drm \
		"$@") \
		>"$w/log/trinity-$name.log" 2>&1 </dev/null &
}
# Both instances take their paths from the victim files (-V; trinity
# 2023.01 dies of a NULL pointer when the victim path holds directories
# only, not when it holds files). Of its descriptor providers only the
# victim files, its test files, inotify, fanotify, userfaultfd and BPF
# are left: each of the others takes seconds to set up under the
# emulator (the sockets of every family minutes), and trinity makes no
# system call before all are. trinity is not niced, so that its start is
# not starved by the load.
# shellcheck disable=SC2086
trinity_run hooks -C 2 $sel
trinity_hooks=$!
trinity_all=
if [ "$STRESS_QUICK" != 1 ]; then
	trinity_run all -C 4
	trinity_all=$!
fi
# The levels of the trinity processes, every ten seconds while trinity
# runs (its children come and go, and it stops by itself should the
# kernel become tainted).
(
	start=$(cut -d . -f 1 /proc/uptime)
	while [ $(($(cut -d . -f 1 /proc/uptime) - start)) -lt "$TRINITY_SECONDS" ]; do
		for p in /proc/[0-9]*; do
			read -r c 2>/dev/null <"$p/comm" || continue
			case $c in
			trinity*)
				# Empty when the process ended after its comm was
				# read: nothing to look at then.
				l=$(cat "$p/attr/current" 2>/dev/null)
				[ -z "$l" ] || echo "${p#/proc/} $c $l"
				;;
			esac
		done
		sleep 10
	done >"$w/trinity.levels"
	winsec ps >"$w/trinity.ps" 2>&1
) &
levels=$!

# shellcheck disable=SC2086 # trinity_all is empty in the short version
wait $attack_user $attack_root $attrfuzz $trinity_hooks $trinity_all $levels
info "attackers, trinity and the fuzzer done"
# A trinity child that sleeps in a system call can outlive its main
# process, which timeout killed 20 seconds after SIGINT: it is not part
# of the load that must stop by itself.
for p in /proc/[0-9]*; do
	read -r c 2>/dev/null <"$p/comm" || continue
	case $c in
	trinity*)
		info "trinity left: ${p#/proc/} $c, killed"
		kill -9 "${p#/proc/}" 2>/dev/null
		;;
	esac
done
ng_failed=0
while read -r pid tag dir; do
	wait "$pid"
	rc=$?
	[ $rc = 0 ] || [ $rc = 2 ] || ng_failed=$((ng_failed + 1))
	info "stress-ng $tag: exit $rc"
	echo "STRESS-YAML-BEGIN stress $tag"
	cat "$dir/ng-$tag.yaml" 2>/dev/null
	echo "STRESS-YAML-END"
done <"$w/ng.pids"
wait $relabel_files $relabel_ipc
kill $reaper 2>/dev/null
snap_stats end
info "load done"

# Anything left of the load is a process that did not stop.
left=
for p in /proc/[0-9]*; do
	read -r c 2>/dev/null <"$p/comm" || continue
	case $c in
	stress-ng* | trinity* | stressctl) left="$left ${p#/proc/}:$c" ;;
	esac
done
reaped=$(tr '\n' ' ' 2>/dev/null <"$w/reaped")
check load-ended "$([ -z "$left" ] && [ -z "$reaped" ] && [ $ng_failed = 0 ]; echo $?)" \
	"stress-ng stopped after its grace time or failing: $ng_failed; killed by the reaper: ${reaped:-none}; still running:${left:- none}"
for p in $left; do
	kill -9 "${p%%:*}" 2>/dev/null
done

# --- checks ---------------------------------------------------------------

for f in "$w"/log/*.log; do
	sed "s|^|LOG $(basename "$f" .log): |" "$f" | grep -a -E \
		'ATTACK|RELABEL|ATTRFUZZ|stress-ng: (fail|error)|stressctl:|execute|not found' |
		head -n 200
done
for f in "$w"/log/trinity-*.log; do
	tail -n 5 "$f" | sed "s|^|LOG $(basename "$f" .log): |"
done

# The canary attackers: every attempt refused, every control granted.
refused_total=0
for who in user root; do
	log=$w/log/attack-$who.log
	bad=$(grep -c -E '^ATTACK ' "$log")
	summary=$(awk '/^ATTACK / {
		for (i = 4; i <= NF; i++) { split($i, kv, "="); s[kv[1]] += kv[2] }
	} END { printf "%d %d %d %d %d %d", s["attempts"], s["refused"],
		s["granted"], s["other"], s["controls"], s["control_failed"] }' "$log")
	# shellcheck disable=SC2086
	set -- $summary
	ok=1
	[ "$bad" -gt 0 ] && [ "$1" -gt 0 ] && [ "$1" = "$2" ] && [ "$3" = 0 ] &&
		[ "$4" = 0 ] && [ "$5" -gt 0 ] && [ "$6" = 0 ] &&
		grep -q '^ATTACK-DONE' "$log" && ok=0
	check "canary-attacks-$who" $ok \
		"$1 attempts, $2 refused, $3 granted, $4 other errors; $5 controls on Low twins, $6 failed"
	refused_total=$((refused_total + $2))
done

# The canaries themselves.
snap_canaries >"$w/canaries.after"
if cmp -s "$w/canaries.before" "$w/canaries.after"; then
	check canaries-unchanged 0 "$(wc -l <"$w/canaries.after") canaries: content, times and descriptors"
else
	diff "$w/canaries.before" "$w/canaries.after" | sed 's/^/STRESS-INFO canary-diff /'
	check canaries-unchanged 1 "see canary-diff"
fi

# The relabelers, and the descriptors they left: in the cache, then after
# the inodes of ext4 have been dropped and read again.
for r in files ipc; do
	log=$w/log/relabel-$r.log
	summary=$(awk '/^RELABEL / {
		for (i = 4; i <= NF; i++) { split($i, kv, "="); s[kv[1]] += kv[2] }
	} END { printf "%d %d %d %d %d %d", s["valid"], s["valid_failed"],
		s["invalid"], s["invalid_failed"], s["changed"], s["gone"] }' "$log")
	# shellcheck disable=SC2086
	set -- $summary
	ok=1
	[ "$1" -gt 0 ] && [ "$2" = 0 ] && [ "$3" -gt 0 ] && [ "$4" = 0 ] &&
		[ "$5" = 0 ] && ok=0
	check "relabel-$r" $ok \
		"$1 valid descriptors written ($2 refused, $6 on objects gone), $3 invalid ($4 not refused with EINVAL), $5 changes seen after a refusal"
	$ctl verify "$w/relabel.$r.state" >"$w/verify.$r"
	check "relabel-$r-stored" $? "$(grep -c ' ok$' "$w/verify.$r") of $(wc -l <"$w/relabel.$r.state") targets hold the last descriptor written"
	grep -v ' ok$' "$w/verify.$r" | sed 's/^/STRESS-INFO /'
done
sync
echo 2 >/proc/sys/vm/drop_caches
$ctl verify "$w/relabel.files.state" >"$w/verify.files2"
check relabel-files-reloaded $? "$(grep -c ' ok$' "$w/verify.files2") of $(wc -l <"$w/relabel.files.state") after the inode cache was dropped"

# The counters: denials during phase 2 at least the refusals counted; no
# invalid descriptor ever stored.
d2=$(($(stat_get denials "$w/stats.end") - $(stat_get denials "$w/stats.phase2")))
check denials-counted "$([ $d2 -ge $refused_total ]; echo $?)" \
	"denials grew by $d2 during the enforcing phase; the attackers counted $refused_total refusals"
inv=$(($(stat_get invalid "$w/stats.end") - $(stat_get invalid "$w/stats.start")))
check no-invalid-stored "$([ $inv = 0 ]; echo $?)" \
	"the invalid counter grew by $inv (a refused descriptor is never stored)"
c=$(($(stat_get checks "$w/stats.end") - $(stat_get checks "$w/stats.start")))
d=$(($(stat_get denials "$w/stats.end") - $(stat_get denials "$w/stats.start")))
l=$(($(stat_get labelled "$w/stats.end") - $(stat_get labelled "$w/stats.start")))
check counters-consistent "$([ $c -gt 0 ] && [ $d -le $c ] && [ $l -le $c ]; echo $?)" \
	"checks +$c, denials +$d, labelled +$l"

# A quiet round: nothing else runs, so winsec's denial counter, read
# around each operation, must grow by exactly one for each refusal of an
# attempt on a canary, and not at all for the controls.
$ctl runas $BOB $USERS winsec run --level low -- \
	$ctl attack 0 "$w/attack.user" --count >"$w/log/quiet.log" 2>&1
sed 's/^/LOG quiet: /' "$w/log/quiet.log"
q=$(awk '/^ATTACK / {
	for (i = 4; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	n++; r += v["refused"]; d += v["denials"]; g += v["granted"]
	if (v["denials"] != v["refused"] || v["control_denials"] != 0) bad = bad " " $3
} END { printf "%d %d %d %d %s", n, r, d, g, bad }' "$w/log/quiet.log")
# shellcheck disable=SC2086
set -- $q
check denials-exact "$([ "$1" -gt 0 ] && [ "$2" -gt 0 ] && [ "$4" = 0 ] &&
	[ $# = 4 ]; echo $?)" \
	"one quiet round of $1 operations: $2 refusals, $3 denials counted, $4 grants${5:+; counts differ for:} $(shift 4; echo "$*")"

# trinity and the fuzzer.
tr=hooks
[ -z "$trinity_all" ] || tr="$tr all"
for t in $tr; do
	ran=$(sed -n 's/.*Ran \([0-9]*\) syscalls.*/\1/p' "$w/log/trinity-$t.log" | tail -n 1)
	check "trinity-$t-ran" "$([ "${ran:-0}" -ge "$TRINITY_MIN" ]; echo $?)" \
		"${ran:-no} system calls in ${TRINITY_SECONDS}s (at least $TRINITY_MIN)"
done
n=$(wc -l <"$w/trinity.levels")
# Low or below (trinity may lower itself through /proc/self/attr).
notlow=$(awk '{ l = $3; if (l == "low" || l == "untrusted") next
	if (l ~ /^S-1-16-[0-9]+$/) { split(l, a, "-"); if (a[4] + 0 <= 4096) next }
	print }' "$w/trinity.levels" | wc -l)
check trinity-still-low "$([ "$n" -ge 1 ] && [ "$notlow" = 0 ]; echo $?)" \
	"$n looks at trinity's processes while it ran, $notlow above Low"
awk '{ print $2, $3 }' "$w/trinity.levels" | sort | uniq -c |
	sed 's/^ */STRESS-INFO trinity-level /'

fz=$(grep '^ATTRFUZZ ' "$w/log/attrfuzz.log")
check attrfuzz "$(echo "$fz" | grep -q ' raised=0 enforce_changed=0 start=low level=low$'; echo $?)" \
	"${fz:-no summary}"
check enforcing-at-end "$([ "$(cat "$sec/enforce")" = 1 ]; echo $?)" "enforce=$(cat "$sec/enforce")"

# No task stays blocked in the kernel (state D) once the load is over:
# three looks, two seconds apart.
blocked() {
	for p in /proc/[0-9]*; do
		read -r _ _ st _ 2>/dev/null <"$p/stat" || continue
		[ "$st" = D ] && printf ' %s' "${p#/proc/}"
	done
}
b1=$(blocked)
sleep 2
b2=$(blocked)
sleep 2
b3=$(blocked)
still=
for t in $b1; do
	case "$b2 " in *" $t "*)
		case "$b3 " in *" $t "*) still="$still $t" ;; esac ;;
	esac
done
check no-blocked-task "$([ -z "$still" ]; echo $?)" "in state D for 4 seconds:${still:- none}"
[ -z "$still" ] || echo w >/proc/sysrq-trigger

# kmemleak: two scans, the second after the minimum age of an object.
if [ -w /sys/kernel/debug/kmemleak ]; then
	echo scan >/sys/kernel/debug/kmemleak
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak
	echo "WINSEC_KMEMLEAK_BEGIN"
	cat /sys/kernel/debug/kmemleak
	echo "WINSEC_KMEMLEAK_END"
	leaks=$(grep -c '^unreferenced object' /sys/kernel/debug/kmemleak)
	check kmemleak "$([ "$leaks" = 0 ]; echo $?)" "$leaks unreferenced objects"
else
	check kmemleak 1 "no /sys/kernel/debug/kmemleak"
fi

for s in start phase2 end; do
	info "stats $s: $(tr '\n' ' ' <"$w/stats.$s")"
done
echo "WINSEC_DMESG_BEGIN"
dmesg | grep -v 'audit: type=1400'
echo "WINSEC_DMESG_END"
[ -z "${watchdog:-}" ] || kill "$watchdog" 2>/dev/null
echo "STRESS-DONE"
exit 0
