# SPDX-License-Identifier: GPL-2.0-only
# Sourced by tool_test.sh: grant, deny, revoke, owner, group, inheritance,
# reset, label, set; canonical order; errors and exit statuses.

# --- grant -------------------------------------------------------------------
fresh
f=d/f
run $W grant $f alice:RX
t_eq "grant: status" 0 "$rc"
t_match "grant on no DACL warns" "*had no DACL*" "$err"
t_eq "grant: new ACE" "D:(A;;$RX;;;$A)" "$(g $f)"
run $W grant $f alice:W
t_eq "grant merges into the same principal and flags" "D:(A;;0x1201bf;;;$A)" "$(g $f)"
t_eq "grant: no warning once there is a DACL" "" "$err"
$W grant $f 'alice:(OI)R'
t_eq "grant with other flags: a second ACE" "D:(A;;0x1201bf;;;$A)(A;OI;FR;;;$A)" "$(g $f)"
$W grant --replace $f alice:R
t_eq "grant --replace drops the principal's allow ACEs" "D:(A;;FR;;;$A)" "$(g $f)"
$W grant $f 'bob:FILE_READ_DATA,DELETE' 'group:staff4:0x3' 'Everyone:FRFX' 'BUILTIN\Administrators:F'
t_eq "grant: names, hex, SDDL letters, several ACEs" \
	"D:(A;;FR;;;$A)(A;;CCSD;;;$B)(A;;CCDC;;;$STAFF)(A;;0x1200a9;;;WD)(A;;FA;;;BA)" "$(g $f)"
$W set --replace $f 'D:'
$W grant $f 'Unix User\alice:M' 'user:4102:D' 'S-1-5-32-545:W'
t_eq "grant: Unix User\\ names, uids, SIDs; M D W" \
	"D:(A;;0x1301bf;;;$A)(A;;SD;;;$B)(A;;0x100116;;;BU)" "$(g $f)"

# --- deny and canonical order ----------------------------------------------
$W set --replace $f 'D:(A;;FA;;;WD)'
$W deny $f alice:W
t_eq "deny goes before the allows" "D:(D;;0x100116;;;$A)(A;;FA;;;WD)" "$(g $f)"
$W deny $f bob:D
t_eq "a second deny after the first, before the allows" \
	"D:(D;;0x100116;;;$A)(D;;SD;;;$B)(A;;FA;;;WD)" "$(g $f)"
$W deny $f alice:R
t_eq "deny merges into the principal's deny" \
	"D:(D;;0x12019f;;;$A)(D;;SD;;;$B)(A;;FA;;;WD)" "$(g $f)"
fresh
$W grant d 'Everyone:(OI)(CI)F' 2>/dev/null
$W grant d/sub alice:R
t_eq "explicit allow before inherited ACEs" \
	"D:AI(A;;FR;;;$A)(A;OICIID;FA;;;WD)" "$(g d/sub)"
$W deny d/sub bob:W
t_eq "explicit deny first of all" \
	"D:AI(D;;0x100116;;;$B)(A;;FR;;;$A)(A;OICIID;FA;;;WD)" "$(g d/sub)"
run $W set d/f 'D:(A;;FA;;;WD)(D;;FW;;;alice)'
t_match "set warns about a DACL out of canonical order" "*not in canonical order*" "$err"
t_eq "set still writes it" 0 "$rc"

# --- revoke -------------------------------------------------------------------
$W set --replace d/f "D:(D;;FW;;;alice)(A;;FR;;;alice)(A;;FR;;;bob)(D;;SD;;;bob)" 2>/dev/null
$W revoke --allow d/f alice
t_eq "revoke --allow" "D:(D;;FW;;;$A)(A;;FR;;;$B)(D;;SD;;;$B)" "$(g d/f)"
$W revoke --deny d/f bob
t_eq "revoke --deny" "D:(D;;FW;;;$A)(A;;FR;;;$B)" "$(g d/f)"
$W revoke d/f alice bob
t_eq "revoke several principals: empty DACL stays" "D:" "$(g d/f)"
fresh
$W grant d 'alice:(OI)(CI)RX' 2>/dev/null
$W grant d/sub/g alice:W 2>/dev/null
$W revoke d alice
t_eq "revoke: inherited ACEs go away below" "D:" "$(g d)"
t_eq "revoke: a file that only inherited has no DACL again" "no descriptor" "$(g d/f)"
t_eq "revoke without -R keeps explicit ACEs below" "D:(A;;0x100116;;;$A)" "$(g d/sub/g)"
$W grant -R d 'alice:(OI)(CI)RX'
$W revoke -R d alice
t_eq "revoke -R removes explicit ACEs below" "no descriptor" "$(g d/sub/g)"

# --- owner, group -----------------------------------------------------------
fresh
$W owner d/f alice
t_eq "owner" "O:$A" "$(g d/f)"
$W group d/f staff4
t_eq "group" "O:${A}G:$STAFF" "$(g d/f)"
$W owner -R d BA
t_eq "owner -R" "O:BA O:BA O:BA" "$(g d/sub) $(g d/sub/deep/h) $(g d)"
t_eq "owner -R keeps the group" "O:BAG:$STAFF" "$(g d/f)"
t_fails "owner: unknown name" 'unknown principal "nobody-here"' $W owner d/f nobody-here

# --- propagation ----------------------------------------------------------------
fresh
$W grant d 'alice:(OI)(CI)RX' 2>/dev/null
t_eq "propagation: file below" "D:AI(A;ID;$RX;;;$A)" "$(g d/f)"
t_eq "propagation: directory below" "D:AI(A;OICIID;$RX;;;$A)" "$(g d/sub)"
t_eq "propagation: deep file" "D:AI(A;ID;$RX;;;$A)" "$(g d/sub/deep/h)"
$W grant d 'bob:(OI)R'
t_eq "OI only: files get it" "D:AI(A;ID;$RX;;;$A)(A;ID;FR;;;$B)" "$(g d/sub/deep/h)"
t_eq "OI only: directories pass it on, inherit-only" \
	"D:AI(A;OICIID;$RX;;;$A)(A;OIIOID;FR;;;$B)" "$(g d/sub)"
$W grant d/sub/deep/h carol:F
$W grant d 'alice:(OI)(CI)W'
t_eq "propagation keeps explicit ACEs below, first" \
	"D:AI(A;;FA;;;S-1-22-1-4103)(A;ID;0x1201bf;;;$A)(A;ID;FR;;;$B)" "$(g d/sub/deep/h)"
$W inheritance d/sub remove
t_eq "inheritance remove: what only inherited loses it" \
	"D:(A;;FA;;;S-1-22-1-4103)" "$(g d/sub/deep/h)"
$W grant d 'Everyone:(OI)(CI)R'
t_eq "a protected directory stops propagation" "D:PAI" "$(g d/sub)"
t_eq "nothing changes below a protected directory" \
	"D:(A;;FA;;;S-1-22-1-4103)" "$(g d/sub/deep/h)"
t_eq "beside it, propagation goes on" \
	"D:AI(A;ID;0x1201bf;;;$A)(A;ID;FR;;;$B)(A;ID;FR;;;WD)" "$(g d/f)"
fresh
$W grant d 'CREATOR OWNER:(OI)(CI)F' 2>/dev/null
t_eq "CREATOR OWNER: the object's Unix owner below" \
	"D:AI(A;ID;FA;;;$U0)" "$(g d/f)"
t_eq "CREATOR OWNER: split on directories" \
	"D:AI(A;ID;FA;;;$U0)(A;OICIIOID;FA;;;CO)" "$(g d/sub)"
$W owner d/sub/g bob
$W grant d 'Everyone:(OI)(CI)R'
t_eq "CREATOR OWNER: the descriptor's owner when it has one" \
	"O:${B}D:AI(A;ID;FA;;;$B)(A;ID;FR;;;WD)" "$(g d/sub/g)"

# --- inheritance -----------------------------------------------------------------
fresh
$W grant d 'alice:(OI)(CI)RX' 2>/dev/null
$W inheritance d/sub disable
t_eq "inheritance disable: copies, protected" "D:PAI(A;OICI;$RX;;;$A)" "$(g d/sub)"
$W inheritance d/sub enable
t_eq "inheritance enable: inherited again, copies explicit" \
	"D:AI(A;OICI;$RX;;;$A)(A;OICIID;$RX;;;$A)" "$(g d/sub)"
$W inheritance d/sub copy
t_eq "inheritance copy" "D:PAI(A;OICI;$RX;;;$A)(A;OICI;$RX;;;$A)" "$(g d/sub)"
$W inheritance d/f remove
t_eq "inheritance remove: protected, inherited dropped" "D:PAI" "$(g d/f)"
t_fails "inheritance: unknown mode" 'unknown mode "off"' $W inheritance d/f off
touch plain
t_fails "inheritance on a file without DACL" 'nothing to protect' $W inheritance plain disable

# --- reset -------------------------------------------------------------------------
fresh
$W grant d 'alice:(OI)(CI)RX' 2>/dev/null
$W grant d/f bob:F
$W inheritance d/sub remove
$W label d/f high
$W reset d/f
t_eq "reset: explicit gone, inherited kept, label kept" \
	"D:AI(A;ID;$RX;;;$A)S:(ML;;NW;;;HI)" "$(g d/f)"
$W reset d/sub
t_eq "reset: unprotected, inherits again" "D:AI(A;OICIID;$RX;;;$A)" "$(g d/sub)"
t_eq "reset: and what is below too" "D:AI(A;ID;$RX;;;$A)" "$(g d/sub/deep/h)"
$W grant d/sub/g bob:F
$W grant d/sub/deep bob:F
$W reset -R d
t_eq "reset -R: top has no DACL left" "no descriptor" "$(g d)"
t_eq "reset -R: every object below" "no descriptor|no descriptor|S:(ML;;NW;;;HI)" \
	"$(g d/sub/g)|$(g d/sub/deep)|$(g d/f)"

# --- label ---------------------------------------------------------------------------
fresh
$W label d low --inherit OI,CI
t_eq "inheritable label reaches files" "S:AI(ML;ID;NW;;;LW)" "$(g d/sub/deep/h)"
t_eq "and directories" "S:AI(ML;OICIID;NW;;;LW)" "$(g d/sub)"
$W label d/f high
t_eq "explicit label first, inherited after" "S:AI(ML;;NW;;;HI)(ML;ID;NW;;;LW)" "$(g d/f)"
$W label -R d low --inherit OI,CI
t_eq "label -R --inherit: explicit labels below removed" "S:AI(ML;ID;NW;;;LW)" "$(g d/f)"
$W label d none
t_eq "label none: gone from the top" "no descriptor" "$(g d)"
t_eq "label none: inherited copies gone below" "no descriptor" "$(g d/sub/deep/h)"
$W label -R d medium-plus --policy NW,NR
t_eq "label -R without --inherit: every object" "S:(ML;;NWNR;;;MP)|S:(ML;;NWNR;;;MP)" \
	"$(g d/sub/deep/h)|$(g d/sub)"
$W label d/f 'Medium Plus'
$W label d/sub/g SI
t_eq "label by title and by SDDL alias" "S:(ML;;NW;;;MP) S:(ML;;NW;;;SI)" "$(g d/f) $(g d/sub/g)"
t_fails "label: unknown level names every form" \
	'unknown level "lowest" (untrusted, low, medium, medium-plus, high, system; their titles ("Medium Plus"); the SDDL aliases LW, ME, MP, HI, SI; S-1-16-RID; or none)' \
	$W label d/f lowest

# --- set: components ---------------------------------------------------------------
fresh
f=d/f
$W set --replace $f 'O:BAG:SYD:(A;;FA;;;WD)S:(ML;;NW;;;LW)'
$W set $f 'D:(A;;FR;;;WD)'
t_eq "set D: keeps owner, group, label" "O:BAG:SYD:(A;;FR;;;WD)S:(ML;;NW;;;LW)" "$(g $f)"
$W set $f 'O:alice'
t_eq "set O: only" "O:${A}G:SYD:(A;;FR;;;WD)S:(ML;;NW;;;LW)" "$(g $f)"
$W set $f 'S:(ML;;NW;;;HI)G:BU'
t_eq "set G: and S:" "O:${A}G:BUD:(A;;FR;;;WD)S:(ML;;NW;;;HI)" "$(g $f)"
$W set --replace $f 'D:(A;;FR;;;WD)'
t_eq "set --replace" "D:(A;;FR;;;WD)" "$(g $f)"
$W set $f 'D:NO_ACCESS_CONTROL'
t_eq "set a NULL DACL" "D:NO_ACCESS_CONTROL" "$(g $f)"
echo 'O:SY D:(A;;FA;;;BA)' >"$tmp/sddl"
$W set -f "$tmp/sddl" $f d/sub/g
t_eq "set -f FILE, several paths" "O:SYD:(A;;FA;;;BA) O:SYD:(A;;FA;;;BA)" "$(g $f) $(g d/sub/g)"
printf 'G:BA\n' | $W set -f - $f
t_eq "set -f - (standard input)" "O:SYG:BAD:(A;;FA;;;BA)" "$(g $f)"
$W set --file="$tmp/sddl" d/sub/deep/h
t_eq "set --file=FILE" "O:SYD:(A;;FA;;;BA)" "$(g d/sub/deep/h)"
fresh
$W set -R d 'O:BAD:(A;OICI;FA;;;SY)(A;;FR;;;WD)'
t_eq "set -R: top gets it all" "O:BAD:(A;OICI;FA;;;SY)(A;;FR;;;WD)" "$(g d)"
t_eq "set -R: below, the inheritable ACEs arrive inherited" \
	"O:BAD:AI(A;;FR;;;WD)(A;ID;FA;;;SY)" "$(g d/sub/g)"

# --- errors: a clear message, exit 2, nothing written ------------------------------------
fresh
f=d/f
$W set --replace $f 'O:BAD:(A;;FA;;;WD)'
before=$($W get --raw $f)
t_fails "set: empty SDDL" 'the SDDL is empty' $W set $f ''
t_fails "set: blank SDDL" 'the SDDL is empty' $W set $f '   '
t_fails "set: malformed SDDL" 'SDDL column 7: unknown right "QQ"' $W set $f 'D:(A;;QQ;;;WD)'
t_fails "set: unknown name in SDDL" 'unknown SID alias, user or group "nobody-here"' $W set $f 'D:(A;;FA;;;nobody-here)'
printf '\001\002garbage\n' >"$tmp/garbage"
t_fails "set -f: garbage" 'SDDL column 1' $W set -f "$tmp/garbage" $f
t_fails "set -f -: garbage on stdin" 'SDDL column' sh -c "head -c 300 /dev/urandom | tr -d '\\000' | $W set -f - $f"
t_fails "set -f -: NUL bytes on stdin" 'not SDDL text' sh -c "printf 'O:BA\\000' | $W set -f - $f"
t_fails "set -f: missing file" 'No such file' $W set -f "$tmp/none" $f
t_fails "grant: unknown principal" 'unknown principal "nobody-here"' $W grant $f nobody-here:R
t_fails "grant: unknown right" 'unknown right "QQ"' $W grant $f alice:QQ
t_fails "grant: no rights" 'no rights after the principal' $W grant $f 'alice:(OI)'
t_fails "grant: IO alone" '(IO) needs (OI) or (CI)' $W grant $f 'alice:(IO)R'
t_fails "grant: missing ACE" 'expected PATH... ACE...' $W grant $f
t_fails "revoke: unknown principal" 'unknown principal "nobody-here"' $W revoke $f nobody-here
t_fails "unknown option" 'grant: unknown option "--bogus"' $W grant --bogus $f alice:R
t_fails "option without its value" 'label: --policy needs a value' $W label $f low --policy
t_eq "nothing written by the failures" "$before" "$($W get --raw $f)"
t_fails "grant: missing file" 'd/none: No such file or directory' $W grant d/none alice:R
t_eq "grant: missing file not created" no "$([ -e d/none ] && echo yes || echo no)"
run $W grant d/none $f alice:R
t_eq "an error on one path, the others done, exit 2" "2:O:BAD:(A;;FA;;;WD)(A;;FR;;;$A)" "$rc:$(g $f)"
printf '\001\002' | setfattr -n security.winsec -v 0x0100 d/sub/g 2>/dev/null ||
	/usr/bin/python3 -c 'import os; os.setxattr("d/sub/g", "security.winsec", b"\x01\x00")'
t_fails "grant on an invalid stored descriptor" 'stored descriptor is not valid' $W grant d/sub/g alice:R
t_eq "invalid descriptor untouched" 0100 "$($W get --raw d/sub/g)"
run $W grant -R d 'bob:R'
t_eq "-R: an error on one object, the walk goes on" "2:D:(A;;FR;;;$B)" "$rc:$(g d/sub/deep/h)"
t_match "-R: the error names the object" "*d/sub/g: the stored descriptor is not valid*" "$err"
mkdir -p $'d/we\x01ird'
/usr/bin/python3 -c 'import os; os.setxattr("d/we\x01ird", "security.winsec", b"\x01\x00")'
run $W grant $'d/we\x01ird' alice:R
t_eq "control characters escaped in messages" \
	'winsec: d/we\x01ird: the stored descriptor is not valid (descriptor shorter than its header); not changed' "$err"

# Permission errors: an unprivileged user cannot write security.*.
if command -v setpriv >/dev/null; then
	chmod 755 "$T" d; touch d/perm; chmod 666 d/perm
	run setpriv --reuid 4101 --regid 4101 --clear-groups $W grant d/perm alice:R
	t_match "permission error: message, exit 2" "2:*winsec: d/perm: Operation not permitted*" "$rc:$err"
else
	skipped 1 "permission error (no setpriv)"
fi

# Oversize descriptors: refused by the format, or by a small ext4.
before=$($W get --raw $f)
big='D:'
for i in $(seq 1 2000); do big+="(A;;FA;;;S-1-5-21-1-2-3-$i)"; done
t_fails "SDDL above 64 KiB" 'ACL too large' $W set $f "$big"
aces=()
for i in $(seq 1 2000); do aces+=("S-1-5-21-1-2-3-$i:F"); done
t_fails "grants beyond 64 KiB" 'larger than a descriptor may be' $W grant $f "${aces[@]}"
t_eq "nothing written by the refusals" "$before" "$($W get --raw $f)"
mid='D:'
for i in $(seq 1 200); do mid+="(A;;FA;;;S-1-5-21-1-2-3-$i)"; done
if truncate -s 8M "$tmp/ext4.img" && mkfs.ext4 -q -F "$tmp/ext4.img" 2>/dev/null &&
   mkdir -p "$T/ext4" && mount -o loop "$tmp/ext4.img" "$T/ext4" 2>/dev/null; then
	touch "$T/ext4/f"
	t_fails "ext4: a descriptor too large for the file system" \
		"does not fit in this file system's extended attributes (ext4 keeps about one block" \
		$W set "$T/ext4/f" "$mid"
	t_eq "ext4: nothing written" "no descriptor" "$(g "$T/ext4/f")"
	umount "$T/ext4"
else
	skipped 2 "ext4 oversize cases (no loop device)"
fi

# Symbolic links below PATH are skipped, unless -L; the top one is followed.
fresh
ln -s ../sub/g d/sub/deep/link
mkdir "$T/other"; touch "$T/other/x"
ln -s "$T/other" d/sub/out
$W grant -R d alice:R 2>/dev/null
t_eq "-R does not follow symbolic links" "no descriptor" "$(g "$T/other/x")"
$W grant -R -L d bob:R
t_eq "-R -L follows them" "D:(A;;FR;;;$B)" "$(g "$T/other/x")"
ln -s d/f "$T/top-link"
$W grant "$T/top-link" carol:R
t_eq "a symbolic link given as PATH is followed" "D:(A;;FR;;;$A)(A;;FR;;;$B)(A;;FR;;;S-1-22-1-4103)" "$(g d/f)"
ln -s .. d/sub/deep/loop
run $W grant -R -L d carol:R
t_match "-L: a loop is reported, not followed forever" "*d/sub/deep/loop: a symbolic link loop*" "$err"

# Mount points: crossed, unless -x.
fresh
mkdir d/mnt
mount -t tmpfs inner d/mnt && touch d/mnt/x
$W grant -R -x d alice:R 2>/dev/null
t_eq "-x: another file system is left alone" "no descriptor" "$(g d/mnt/x)"
$W grant -R d alice:R
t_eq "without -x, mount points are crossed" "D:(A;;FR;;;$A)" "$(g d/mnt/x)"
umount d/mnt
