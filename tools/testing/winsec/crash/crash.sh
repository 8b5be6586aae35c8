#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Crash consistency of stored descriptors: a guest rewrites the
# security.winsec attribute of 40 files and directories on a persistent
# ext4 image, and is reset (SysRq b: no sync) at a random moment; the image
# is checked with e2fsck, then the next boot checks that every object
# carries a valid descriptor that was written to it, not older than the
# last one reported durable, and starts the next round.
#
#   crash.sh [--rounds N] [--seed N] [--kernel BZIMAGE] [--out DIR]
#            [--keep DIR]
#     --rounds N        resets (default $CRASH_ROUNDS, else 5)
#     --seed N          picks the reset delays and the fsync calls
#                       (default $CRASH_SEED, else 1)
#     --kernel BZIMAGE  the kernel (default the debug kernel,
#                       $BUILD/kernel-debug/arch/x86/boot/bzImage)
#     --out DIR         work directory (default $BUILD/crash/run), emptied
#                       first (a directory of an earlier run, or new)
#     --keep DIR        where a failing round's images and consoles are
#                       copied (default DIR/findings under --out)
#
# The objects and their descriptors are those of crash-guest
# (tools/testing/winsec/crash/crash_guest.c): small descriptors that ext4
# keeps in the inode, large ones (41 to 81 ACEs) in an external block,
# shared by the objects of a class, and objects whose descriptor moves
# between the two at every write. The image is made with 4 KiB blocks and
# 256-byte inodes.
#
# Boot 1 creates the objects, makes generation 1 durable, then rewrites;
# boots 2 to N verify the previous round, then rewrite; boot N+1 only
# verifies. During a round the guest prints "crash: base B" (the highest
# generation found), "crash: pass P" before it gives every object
# generation B+P, and "crash: durable NAME G" after fsync(2) returned; a
# line is on the console before the guest goes on. After the reset the
# host runs e2fsck -fy (its exit status and what it reports are kept),
# then e2fsck -fn, which must find nothing, and reads with debugfs where
# each descriptor is (in the inode or in a block). An object then passes
# when its descriptor is, byte for byte, the one of a generation G with
#   G = S (its generation before the round) or B < G <= B + P (the last
#   pass printed),
#   G >= the last generation reported durable for it,
# small ones in the inode and large ones in a block, the tool reads it
# (winsec get) and the kernel loaded no invalid descriptor.
#
# Each round is three cases: the reset (the guest was writing and was
# reset), e2fsck, and the verification. One more case checks the checker:
# after the last verification, faults planted in the image with debugfs
# (a torn value, a changed byte, a removed or empty attribute, another
# object's value, an older generation, a stray entry) must all be found,
# and nothing else. Each kernel report (BUG, WARNING, KASAN, lockdep...)
# of a boot's console is one more failure. Prints
# "RESULT <passed> <failed>" last; exits 1 when anything failed, 2 when
# something it needs is missing. The environment: BUILD, CRASH_ROUNDS,
# CRASH_SEED, CRASH_TIMEOUT (seconds per boot, 600).

set -u
top=$(cd "$(dirname "$0")/../../../.." && pwd)
build=${BUILD:-$top/build}
here=$top/tools/testing/winsec/crash
rounds=${CRASH_ROUNDS:-5}
seed=${CRASH_SEED:-1}
kernel=$build/kernel-debug/arch/x86/boot/bzImage
out=$build/crash/run
keep=
timeout=${CRASH_TIMEOUT:-600}
gen=$build/guest/gen_init_cpio
tool=$build/winsec
cguest=$build/crash/crash-guest

die() {
	echo "crash: $*" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--rounds) rounds=$2; shift 2 ;;
	--seed) seed=$2; shift 2 ;;
	--kernel) kernel=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--keep) keep=$2; shift 2 ;;
	*) die "unknown option $1" ;;
	esac
done
keep=${keep:-$out/findings}

[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "--rounds takes a number of resets, not '$rounds'"
[[ $seed =~ ^[0-9]{1,9}$ ]] || die "--seed takes a number below 10^9, not '$seed'"
[[ $timeout =~ ^[1-9][0-9]*$ ]] || die "CRASH_TIMEOUT takes a number of seconds, not '$timeout'"
[ -f "$kernel" ] || die "$kernel not found (make kernel-debug)"
[ -x "$gen" ] || die "$gen not found (make guest)"
[ -x "$tool" ] || die "$tool not found (make tools)"
[ -x "$cguest" ] || die "$cguest not found (make crash builds it)"
for t in mkfs.ext4 e2fsck debugfs; do
	command -v $t >/dev/null || die "$t not found (e2fsprogs)"
done

if [ -d "$out" ] && [ -n "$(ls -A "$out")" ] && ! [ -f "$out/disk.img" ]; then
	die "$out is not the directory of an earlier run: give another --out"
fi
rm -rf "$out"
mkdir -p "$out/ksft-none" || die "cannot make $out"
img=$out/disk.img

# The guest: busybox and the tool (scripts/guest/mkrootfs.sh, without
# kselftests) and crash-guest; each boot adds its script (boot()).
"$top/scripts/guest/mkrootfs.sh" "$out/rootfs.cpio.gz" "$gen" "$tool" \
	"$out/ksft-none" || die "mkrootfs failed"
printf '%s\n' "file /usr/bin/crash-guest $cguest 0755 0 0" >"$out/extra.list"
"$gen" "$out/extra.list" | gzip -1 >"$out/extra.cpio.gz" || die "gen_init_cpio failed"
cat "$out/rootfs.cpio.gz" "$out/extra.cpio.gz" >"$out/initrd"

truncate -s 64M "$img" || die "cannot make $img"
mkfs.ext4 -q -F -b 4096 -I 256 -L winsec -E root_owner=0:0 "$img" ||
	die "mkfs.ext4 failed"

# The objects: names, and size (small, large, alternate) by name.
declare -A size
names=()
while read -r n _ s _; do
	names+=("$n")
	size[$n]=$s
done < <("$cguest" list)
[ ${#names[@]} -gt 0 ] || die "crash-guest list printed nothing"

passed=0
failed=0
pass() {
	passed=$((passed + 1))
	echo "ok   $*"
}
fail() {
	failed=$((failed + 1))
	echo "FAIL $*"
}

# The reset delay of round $1, in milliseconds: 1.5 to 12 s, from a hash
# of the seed and the round.
delay_ms() {
	local h=$((seed * 1000003 + $1 * 7919))
	h=$((((h ^ (h >> 16)) * 0x45d9f3b) & 0xffffffff))
	h=$((((h ^ (h >> 16)) * 0x45d9f3b) & 0xffffffff))
	h=$((h ^ (h >> 16)))
	echo $((1500 + h % 10500))
}

# Keeps what a failing round left: consoles, e2fsck logs, images.
keep_findings() {
	mkdir -p "$keep" || return
	cp -r "$out"/boot-*.console "$out"/*.fsck-? "$out"/debugfs.out \
		"$out/values" "$keep"/ 2>/dev/null
	cp --sparse=always "$img" "$keep/disk.after.img" 2>/dev/null
	[ ! -f "$out/disk.reset.img" ] ||
		cp --sparse=always "$out/disk.reset.img" "$keep/disk.reset.img"
	echo "     kept in $keep"
}

# boot N VARIABLES...: boots the guest on the image with a script that
# sets VARIABLES, then runs crash-guest.sh; the console in boot-N.console,
# run.sh's exit status in boot_rc, the time in boot_secs.
boot() {
	local n=$1 start
	shift
	{
		echo "#!/bin/sh"
		printf '%s\n' "$@"
		cat "$here/crash-guest.sh"
	} >"$out/boot-$n.sh"
	start=$(date +%s)
	"$top/scripts/guest/run.sh" --kernel "$kernel" --initrd "$out/initrd" \
		--disk "$img" --script "$out/boot-$n.sh" \
		--append "kunit.enable=0 printk.time=1" --mem 1024 --timeout "$timeout" \
		--log "$out/boot-$n.console" >/dev/null 2>"$out/boot-$n.err"
	boot_rc=$?
	boot_secs=$(($(date +%s) - start))
	# Kernel reports (BUG, WARNING, KASAN, lockdep, ...): one failure each.
	python3 "$top/scripts/ktest-report.py" --reports "$out/boot-$n.console" |
		sed -n 's/^kernel report: //p' >"$out/boot-$n.reports"
	while read -r line; do
		fail "boot $n: kernel report: $line"
	done <"$out/boot-$n.reports"
}

# The crash: lines of the console of boot $1.
lines() {
	grep -a -o 'crash: .*' "$out/boot-$1.console"
}

# After the reset of round $1: e2fsck -fy, then e2fsck -fn. A journalled
# file system needs no repair after a reset: e2fsck may replay the journal,
# correct the superblock's free block and inode counts (ext4 does not keep
# them on disk, the group descriptors have them) and clear orphan inodes;
# anything else it fixes fails the case.
fsck_round() {
	local r=$1 rc_y rc_n line other=() what=()
	local journal=0 counts=0 orphans=0
	cp --sparse=always "$img" "$out/disk.reset.img"
	# The guest's clock is not the host's (under a loaded host TCG's guest
	# clock can run ahead): a superblock time "in the future" says nothing
	# about the file system, and e2fsck is told not to check those times.
	printf '[options]\n\tbroken_system_clock = true\n' >"$out/e2fsck.conf"
	E2FSCK_CONFIG=$out/e2fsck.conf e2fsck -fy "$img" >"$out/round-$r.fsck-y" 2>&1
	rc_y=$?
	E2FSCK_CONFIG=$out/e2fsck.conf e2fsck -fn "$img" >"$out/round-$r.fsck-n" 2>&1
	rc_n=$?
	while read -r line; do
		case $line in
		'' | 'e2fsck '[0-9]* | 'Pass '[1-5]* | 'winsec: '[0-9]*' files '* | \
			'Fix? yes' | *'FILE SYSTEM WAS MODIFIED'*) ;;
		'winsec: recovering journal') journal=1 ;;
		'Free blocks count wrong ('* | 'Free inodes count wrong ('*)
			counts=$((counts + 1)) ;;
		'Clearing orphaned inode '*) orphans=$((orphans + 1)) ;;
		*) other+=("$line") ;;
		esac
	done <"$out/round-$r.fsck-y"
	[ "$journal" = 1 ] && what+=("journal replayed")
	[ "$counts" -gt 0 ] && what+=("$counts superblock free counts corrected")
	[ "$orphans" -gt 0 ] && what+=("$orphans orphan inodes cleared")
	[ ${#other[@]} -eq 0 ] || what+=("repaired: $(printf '%s; ' "${other[@]}")")
	[ ${#what[@]} -gt 0 ] || what=("nothing")
	line="e2fsck -fy exit $rc_y: $(printf '%s, ' "${what[@]}" | sed 's/, $//')"
	fsck_notes+=("round $r: $line")
	if [ "$rc_y" -le 1 ] && [ ${#other[@]} -eq 0 ] && [ "$rc_n" -eq 0 ]; then
		pass "round $r: $line; e2fsck -fn clean"
		return 0
	fi
	fail "round $r: $line; e2fsck -fn exit $rc_n: $(grep -v -E '^(Pass |e2fsck )' "$out/round-$r.fsck-n" | head -n 5 | paste -s -d ';' -)"
	return 1
}

# Reads the image with debugfs: where each descriptor is (acl[NAME], the
# File ACL block, 0 when in the inode) and its bytes ($out/values/NAME).
declare -A acl
read_image() {
	local n v
	rm -rf "$out/values"
	mkdir -p "$out/values"
	for n in "${names[@]}"; do
		echo "stat /crash/$n"
		echo "ea_get -f $out/values/$n /crash/$n security.winsec"
	done >"$out/debugfs.cmd"
	debugfs -f "$out/debugfs.cmd" "$img" >"$out/debugfs.out" 2>&1
	# "debugfs: stat /crash/NAME", then the inode with "File ACL: N".
	acl=()
	while read -r n v; do
		acl[$n]=$v
	done < <(awk '/^debugfs: stat \/crash\// { n = substr($3, 8) }
		/^File ACL: / && n != "" { print n, $3; n = "" }' "$out/debugfs.out")
}

# The write phase of round $r in the console of boot $r: sets base,
# passes, durable[] and the expected range of each object; start[] holds
# the generations the round started from.
declare -A start durable
write_phase() {
	local r=$1 n g max=0 reason=
	base=$(lines "$r" | sed -n 's/^crash: base \([0-9]*\)$/\1/p' | tail -n 1)
	passes=$(lines "$r" | sed -n 's/^crash: pass \([0-9]*\)$/\1/p' | sort -n | tail -n 1)
	durable=()
	while read -r n g; do
		[ -n "${durable[$n]:-}" ] && [ "${durable[$n]}" -ge "$g" ] && continue
		durable[$n]=$g
	done < <(lines "$r" | sed -n 's/^crash: durable \([a-z0-9-]*\) \([0-9]*\)$/\1 \2/p')
	for n in "${names[@]}"; do
		[ "${start[$n]}" -gt "$max" ] && max=${start[$n]}
	done
	fsyncs=$(lines "$r" | grep -c '^crash: durable ')
	if [ "$boot_rc" -ne 123 ]; then
		reason="run.sh exit $boot_rc, not 123 (reset)"
	elif ! lines "$r" | grep -q '^crash: reset$'; then
		reason="the guest was reset, but not by its timer"
	elif [ -z "$base" ] || [ "$base" != "$max" ]; then
		reason="base '${base}' is not the highest generation found ($max)"
	elif [ -z "$passes" ]; then
		reason="no pass began"
	fi
	if lines "$r" | grep -q '^crash: FAIL'; then
		reason="${reason:+$reason; }$(lines "$r" | grep '^crash: FAIL' | head -n 3 | paste -s -d ';' -)"
	fi
	if [ -n "$reason" ]; then
		fail "round $r: reset: $reason (${boot_secs}s; console $out/boot-$r.console)"
		return 1
	fi
	writes=$(((passes - 1) * ${#names[@]}))
	pass "round $r: reset after $(delay_ms "$r") ms of writes: $passes passes from generation $((base + 1)) (at least $writes writes), $fsyncs fsyncs reported (boot ${boot_secs}s)"
	total_passes=$((total_passes + passes))
	total_writes=$((total_writes + writes))
	total_fsyncs=$((total_fsyncs + fsyncs))
}

# check_objects V: what boot V's verification found, against start[],
# base, passes and durable[], and against the image as debugfs read it
# (acl[], $out/values). Sets found[], bad[] (what is wrong) and badnames[]
# (the objects and entries concerned); returns 1 when anything is wrong.
declare -A found badnames
check_objects() {
	local v=$1 n g lo ok want where line
	found=()
	badnames=()
	bad=()
	ininode=0
	inblock=0
	while read -r n g; do
		found[$n]=$g
	done < <(lines "$v" | sed -n 's/^crash: found \([a-z0-9-]*\) \([0-9]*\) [0-9]*$/\1 \2/p')
	while read -r line; do
		bad+=("$line")
		n=${line#crash: BAD }
		n=${n#unexpected entry }
		badnames[${n%% *}]=1
	done < <(lines "$v" | grep -E '^crash: BAD ')
	for n in "${names[@]}"; do
		g=${found[$n]:-}
		if [ -z "$g" ]; then
			[ -n "${badnames[$n]:-}" ] || bad+=("$n: no verification line")
			badnames[$n]=1
			continue
		fi
		lo=${start[$n]}
		[ "${durable[$n]:-0}" -gt "$lo" ] && lo=${durable[$n]}
		ok=
		if [ "$g" -ge "$lo" ]; then
			if [ "$g" -eq "${start[$n]}" ] ||
				{ [ "$g" -gt "$base" ] && [ "$g" -le $((base + passes)) ]; }; then
				ok=1
			fi
		fi
		if [ -z "$ok" ]; then
			bad+=("$n: generation $g, expected ${start[$n]} or $((base + 1))..$((base + passes)), at least $lo (durable: ${durable[$n]:-none})")
			badnames[$n]=1
		fi
		# The bytes e2fsprogs reads are those of generation G.
		if ! "$cguest" bytes "$n" "$g" | cmp -s - "$out/values/$n"; then
			bad+=("$n: debugfs reads other bytes than generation $g's")
			badnames[$n]=1
		fi
		case ${size[$n]}:$((g % 2)) in
		small:* | alternate:0) want=inode ;;
		*) want=block ;;
		esac
		case ${acl[$n]:-} in
		'') where=unknown ;;
		0) where=inode; ininode=$((ininode + 1)) ;;
		*) where=block; inblock=$((inblock + 1)) ;;
		esac
		if [ "$where" != "$want" ]; then
			bad+=("$n: generation $g stored in the $where, expected in the $want")
			badnames[$n]=1
		fi
	done
	[ ${#bad[@]} -eq 0 ]
}

# The verification of round $1 in the console of boot $1 + 1; sets start[]
# for the next round.
verify_round() {
	local r=$1 v=$(($1 + 1)) n summary getn invalid blocks moved=0 kept=0 beyond=0
	check_objects "$v"
	summary=$(lines "$v" | sed -n 's/^crash: verified \([0-9]*\) objects, \([0-9]*\) bad$/\1 \2/p')
	getn=$(lines "$v" | sed -n 's/^crash: winsec get printed \([0-9]*\) descriptors$/\1/p')
	invalid=$(lines "$v" | sed -n 's/^crash: invalid descriptors loaded: \([0-9]*\)$/\1/p')
	[ "$summary" = "${#names[@]} 0" ] || bad+=("the guest's summary: '$summary'")
	[ "$getn" = "${#names[@]}" ] || bad+=("winsec get printed '$getn' descriptors")
	[ "$invalid" = 0 ] || bad+=("invalid descriptors loaded: '$invalid'")
	if [ ${#bad[@]} -ne 0 ]; then
		fail "round $r: verification (console $out/boot-$v.console):"
		printf '       %s\n' "${bad[@]}" | cut -c 1-300
		return 1
	fi
	blocks=$(for n in "${names[@]}"; do
		[ "${acl[$n]}" = 0 ] || echo "${acl[$n]}"
	done | sort -u | wc -l)
	for n in "${names[@]}"; do
		if [ "${found[$n]}" -eq "${start[$n]}" ]; then
			kept=$((kept + 1))
		else
			moved=$((moved + 1))
			# Written in this round but never reported durable.
			[ "${found[$n]}" -gt "${durable[$n]:-0}" ] && beyond=$((beyond + 1))
		fi
	done
	pass "round $r: ${#found[@]} objects verified: $moved with a descriptor of this round ($beyond of them newer than their last fsync), $kept with the one from before; $ininode in the inode, $inblock in $blocks blocks"
	total_kept=$((total_kept + kept))
	for n in "${names[@]}"; do
		start[$n]=${found[$n]}
	done
	return 0
}

# The values self_test plants: $out/torn, flipped, older and empty.
plant_values() {
	local b g
	cp "$out/values/f-small-00" "$out/torn" || return 1
	truncate -s 30 "$out/torn" || return 1
	cp "$out/values/f-large-02" "$out/flipped" || return 1
	b=$(od -An -tu1 -j 1000 -N 1 "$out/flipped") || return 1
	printf '%b' "$(printf '\\0%03o' $(((b + 1) % 256)))" |
		dd of="$out/flipped" bs=1 seek=1000 conv=notrunc status=none || return 1
	cmp -s "$out/flipped" "$out/values/f-large-02" && return 1
	# An older generation (a newer one when it has the first).
	g=${start[f-alt-01]}
	if [ "$g" -gt 1 ]; then
		g=$((g - 1))
	else
		g=$((g + 1))
	fi
	"$cguest" bytes f-alt-01 "$g" >"$out/older" || return 1
	: >"$out/empty"
}

# The checker itself: faults planted in the image with debugfs after the
# last verification must all be reported, and nothing else: a torn value
# (its first 30 bytes), a byte changed in an ACE, a removed attribute, the
# value of another object, an empty value, an older generation than the
# one required, and an entry that is no object.
self_test() {
	local v=$1 want got
	local -A planted=([f-small-00]=1 [f-large-02]=1 [d-small-01]=1
		[d-large-03]=1 [f-alt-01]=1 [d-alt-02]=1 [stray]=1)
	if ! plant_values; then
		fail "checker: cannot make the planted values"
		return 1
	fi
	debugfs -w -f - "$img" >"$out/plant.out" 2>&1 <<-END
	ea_set -f $out/torn /crash/f-small-00 security.winsec
	ea_set -f $out/flipped /crash/f-large-02 security.winsec
	ea_rm /crash/d-small-01 security.winsec
	ea_set -f $out/values/d-large-04 /crash/d-large-03 security.winsec
	ea_set -f $out/older /crash/f-alt-01 security.winsec
	ea_set -f $out/empty /crash/d-alt-02 security.winsec
	mkdir /crash/stray
	END
	read_image
	# Only the generation each object has now is allowed.
	base=0
	passes=0
	durable=()
	boot "$v" "CRASH_VERIFY=1"
	check_objects "$v"
	want=$(printf '%s\n' "${!planted[@]}" | sort | paste -s -d ' ' -)
	got=$(printf '%s\n' "${!badnames[@]}" | sort | paste -s -d ' ' -)
	invalid=$(lines "$v" | sed -n 's/^crash: invalid descriptors loaded: \([0-9]*\)$/\1/p')
	if [ "$got" = "$want" ] && [ "${invalid:-0}" -ge 2 ] && [ "$boot_rc" -eq 1 ]; then
		pass "checker: the 7 planted faults found, and nothing else ($invalid invalid descriptors loaded, guest exit 1)"
		return 0
	fi
	fail "checker: planted faults in $want; reported: $got; invalid descriptors loaded: ${invalid:-none}; guest exit $boot_rc"
	printf '       %s\n' "${bad[@]}" | cut -c 1-300
	return 1
}

echo "crash: $rounds rounds, seed $seed, ${#names[@]} objects, kernel $kernel"
all_start=$(date +%s)
fsck_notes=()
total_passes=0
total_writes=0
total_fsyncs=0
total_kept=0
for n in "${names[@]}"; do
	start[$n]=1
done
done_all=
for r in $(seq 1 "$rounds"); do
	write="CRASH_WRITE='$seed $r $(delay_ms "$r")'"
	if [ "$r" -eq 1 ]; then
		boot "$r" "CRASH_SETUP=1" "$write"
		if ! lines 1 | grep -q "^crash: setup done ${#names[@]}$"; then
			fail "round 1: setup (console $out/boot-1.console): $(lines 1 | grep FAIL | head -n 3)"
			keep_findings
			break
		fi
	else
		boot "$r" "CRASH_VERIFY=1" "$write"
		verify_round $((r - 1)) || { keep_findings; break; }
	fi
	write_phase "$r" || { keep_findings; break; }
	fsck_round "$r" || { keep_findings; break; }
	read_image
	if [ "$r" -eq "$rounds" ]; then
		boot $((r + 1)) "CRASH_VERIFY=1"
		verify_round "$r" || { keep_findings; break; }
		if [ "$boot_rc" -ne 0 ]; then
			fail "boot $((r + 1)): exit $boot_rc after the verification"
			break
		fi
		done_all=1
	fi
done
[ -z "$done_all" ] || self_test $((rounds + 2))

echo "crash: $total_passes passes (at least $total_writes writes), $total_fsyncs fsyncs reported; objects kept from before a round $total_kept times"
printf 'crash: %s\n' "${fsck_notes[@]}"
echo "crash: $(($(date +%s) - all_start))s in all; consoles and e2fsck logs in $out"
echo "RESULT $passed $failed"
[ "$failed" -eq 0 ]
