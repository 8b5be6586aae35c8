#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The guest's demo, run by "make run" without a terminal. Its exit status
# is make run's: every step asserts its outcome, and any unexpected result
# makes the demo fail.
#
# The stories are those of the admin guide, on files: Protected Mode,
# the system root folder, and deny before allow; then the first seed's
# mutex, a semaphore set opened to Low clients by its descriptor.

failures=0
steps=0

say() {
	printf '\n== %s\n' "$*"
}

# expect ok|denied DESCRIPTION COMMAND...: run COMMAND, check the outcome.
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

# as USER LEVEL COMMAND: run a shell command as USER at LEVEL.
as() {
	user=$1
	level=$2
	shift 2
	su "$user" -s /bin/sh -c "winsec run --level $level -- sh -c '$*'"
}

if ! grep -q winsec /sys/kernel/security/lsm; then
	echo "demo: the winsec LSM is not active" >&2
	exit 1
fi
echo "LSMs: $(cat /sys/kernel/security/lsm)"

demo=/tmp/demo
rm -rf $demo
mkdir -p $demo
chmod 755 $demo

say "Who am I? (root, at System level)"
winsec whoami | sed -n '/GROUP INFORMATION/,$p' | head -n 14
expect ok "root starts at System" sh -c 'winsec whoami | grep -q "System Mandatory Level"'
expect ok "alice logs in at Medium" \
	sh -c 'su alice -s /bin/sh -c "winsec whoami" | grep -q "Medium Mandatory Level"'
expect denied "a Low process cannot raise itself back to Medium" \
	su alice -s /bin/sh -c 'winsec run --level low -- winsec run --level medium -- true'

say "Protected Mode: a Low browser reads the user's files but cannot write them"
mkdir -p $demo/home
chown alice $demo/home
su alice -s /bin/sh -c "echo 'my letter' > $demo/home/letter.txt"
echo "   alice's letter is unlabeled, which means Medium, no-write-up:"
echo "   $(winsec get $demo/home/letter.txt 2>&1)"
expect ok "Low reads the letter" as alice low "cat $demo/home/letter.txt"
expect denied "Low cannot modify the letter" as alice low "echo evil >> $demo/home/letter.txt"
expect denied "Low cannot delete the letter" as alice low "rm -f $demo/home/letter.txt"
expect denied "Low cannot create files in the home folder" as alice low "touch $demo/home/dropped"
expect ok "Medium alice still writes her letter" as alice medium "echo more >> $demo/home/letter.txt"

say "Protected Mode: the Low folder S:(ML;OICI;NW;;;LW) is the only place Low writes"
su alice -s /bin/sh -c "mkdir $demo/home/LocalLow && winsec label $demo/home/LocalLow low --inherit OI,CI"
echo "   $(winsec get $demo/home/LocalLow)"
expect ok "Low creates a file in LocalLow" as alice low "echo cache > $demo/home/LocalLow/cache.dat"
expect ok "the new file inherited the Low label" \
	sh -c "winsec get $demo/home/LocalLow/cache.dat | grep -q 'ML;ID;NW;;;LW'"
expect ok "Low creates a subfolder and a file in it" \
	as alice low "mkdir $demo/home/LocalLow/sub && echo x > $demo/home/LocalLow/sub/f"
expect denied "an Untrusted process cannot write the Low file" \
	as alice untrusted "echo evil >> $demo/home/LocalLow/cache.dat"

say "Exec of a Low-labelled program runs it at Low"
mkdir $demo/lowbin
cp /bin/cat $demo/lowbin/cat
winsec label $demo/lowbin/cat low
expect ok "alice runs the Low-labelled cat and it reports Low" \
	sh -c "su alice -s /bin/sh -c '$demo/lowbin/cat /proc/self/attr/current' | grep -q low"

say "The system root folder S:(ML;OINPIO;NW;;;HI)"
mkdir $demo/C
chmod 777 $demo/C
winsec set $demo/C 'D:(A;OICI;FA;;;WD)S:(ML;OINPIO;NW;;;HI)'
echo "   $(winsec get $demo/C)"
expect ok "Medium alice creates a subfolder" as alice medium "mkdir $demo/C/alice"
expect ok "and writes files in her subfolder" as alice medium "echo data > $demo/C/alice/notes"
winsec run --level high -- sh -c "echo 'boot config' > $demo/C/boot.ini && chmod 666 $demo/C/boot.ini"
echo "   a High process created boot.ini: $(winsec get $demo/C/boot.ini)"
expect ok "boot.ini is labelled High" sh -c "winsec get $demo/C/boot.ini | grep -q 'ML;ID;NW;;;HI'"
expect ok "Medium alice reads boot.ini" as alice medium "cat $demo/C/boot.ini"
expect denied "Medium alice cannot modify it, though the DACL grants her FA" \
	as alice medium "echo evil >> $demo/C/boot.ini"

say "Deny before allow: D:(D;;0x116;;;WD)(A;;FA;;;WD)"
echo "shared text" > $demo/readonly.txt
chmod 666 $demo/readonly.txt
winsec set $demo/readonly.txt 'D:(D;;0x116;;;WD)(A;;FA;;;WD)'
echo "   $(winsec get $demo/readonly.txt)"
expect ok "everyone reads it" as bob medium "cat $demo/readonly.txt"
expect denied "nobody writes it: the deny entry comes first" as bob medium "echo x >> $demo/readonly.txt"
expect denied "not even root, which is bound by the DACL" sh -c "echo x >> $demo/readonly.txt"
winsec set $demo/readonly.txt 'D:(A;;FA;;;WD)(D;;0x116;;;WD)'
expect ok "with the allow entry first, the write is granted" as bob medium "echo x >> $demo/readonly.txt"

say "The mutex (seed 000): a semaphore set shared by a Medium server and a Low client"
story='D:(A;;GA;;;WD)(A;;GA;;;AN)S:(ML;;NW;;;LW)'
sem1=$(su alice -s /bin/sh -c "winsec ipc create sem")
echo "   the server's semaphore set $sem1: $(winsec ipc show sem "$sem1")"
expect denied "a Low client cannot take the server's default mutex" \
	as bob low "winsec ipc use sem $sem1"
expect ok "a Medium client can" as bob medium "winsec ipc use sem $sem1"
sem2=$(su alice -s /bin/sh -c "winsec ipc create --sddl '$story' sem")
echo "   created with the seed's descriptor: $(winsec ipc show sem "$sem2")"
expect ok "the mutex created under the seed's descriptor is Low" \
	sh -c "winsec ipc show sem $sem2 | grep -q 'ML;;NW;;;LW'"
expect ok "and the Low client takes it" as bob low "winsec ipc use sem $sem2"
expect denied "its owner at Low cannot open it to Low clients" \
	su alice -s /bin/sh -c "winsec run --level low -- winsec ipc set sem $sem1 \"$story\""
expect ok "its owner at Medium can" \
	su alice -s /bin/sh -c "winsec ipc set sem $sem1 \"$story\""
expect ok "and then the Low client takes it" as bob low "winsec ipc use sem $sem1"
ipcrm -s "$sem1" 2>/dev/null
ipcrm -s "$sem2" 2>/dev/null
echo "   a server that knows nothing of winsec, started under the descriptor:"
mkdir -p $demo/run
chmod 777 $demo/run
su alice -s /bin/sh -c "winsec run --fscreate '$story' -- sh -c 'mkfifo $demo/run/pipe'"
echo "   its FIFO (created by a program that sh executed): $(winsec get $demo/run/pipe)"
expect ok "the FIFO carries the seed's label" \
	sh -c "winsec get $demo/run/pipe | grep -q 'ML;;NW;;;LW'"
expect ok "so a Low client may write to it" \
	winsec check $demo/run/pipe --user bob --level low --desired FILE_WRITE_DATA
su alice -s /bin/sh -c "mkfifo $demo/run/plain"
expect denied "a FIFO the same server makes without it is closed to Low" \
	winsec check $demo/run/plain --user bob --level low --desired FILE_WRITE_DATA

say "Result"
echo "   $steps checks, $failures failed"
rm -rf $demo
[ "$failures" -eq 0 ]
