# SPDX-License-Identifier: GPL-2.0-only
# Sourced by tool_test.sh: save, restore (--substitute, validation first),
# diff, and the exact round trip of 1,000 random descriptors.

fresh
$W set --replace d 'O:BAG:SYD:P(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;alice)S:(ML;OICI;NW;;;LW)'
touch $'d/sp ace' $'d/#hash' $'d/back\\slash' $'d/nl\nx'
$W grant $'d/sp ace' $'d/#hash' $'d/back\\slash' $'d/nl\nx' bob:R 2>/dev/null
run $W save -R d
t_eq "save: status" 0 "$rc"
t_eq "save: header" "# winsec save 1" "$(head -n 1 <<<"$out")"
t_eq "save: one line per object" 11 "$(wc -l <<<"$out")"
t_eq "save: path, tab, SDDL" "d	O:BAG:SYD:P(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;$A)S:(ML;OICI;NW;;;LW)" \
	"$(sed -n 2p <<<"$out")"
t_eq "save: escapes" '1 1 1' \
	"$(grep -c '^d/#hash	' <<<"$out") $(grep -c '^d/back\\\\slash	' <<<"$out") $(grep -c '^d/nl\\nx	' <<<"$out")"
printf '%s\n' "$out" >"$tmp/saved"
$W set -R d 'D:(A;;FA;;;WD)'
$W label -R d high
$W restore <"$tmp/saved"
t_eq "restore: the round trip is exact" "$out" "$($W save -R d)"
t_eq "restore: an object saved without descriptor loses it" "$(grep -c '	-$' "$tmp/saved")" \
	"$($W save -R d | grep -c '	-$')"

# restore checks everything first, and names the line.
before=$($W save -R d)
printf '# winsec save 1\nd/f\tD:(A;;FA;;;WD)\nd/sub\tD:(A;;QQ;;;WD)\n' >"$tmp/bad"
t_fails "restore: bad SDDL, by line" 'restore: line 3: SDDL column 7: unknown right "QQ"' $W restore "$tmp/bad"
printf '# winsec save 1\nd/f\tD:(A;;FA;;;WD)\nd/none\tD:\n' >"$tmp/bad"
t_fails "restore: missing path, by line" 'restore: line 3: d/none: No such file or directory' $W restore "$tmp/bad"
printf 'd/f D:(A;;FA;;;WD)\n' >"$tmp/bad"
t_fails "restore: no tab" 'restore: line 1: expected PATH, a tab' $W restore "$tmp/bad"
printf 'd/f\t#01zz\n' >"$tmp/bad"
t_fails "restore: bad hex" 'restore: line 1: bad hex' $W restore "$tmp/bad"
printf 'd/f\t#01000480\n' >"$tmp/bad"
t_fails "restore: invalid descriptor" 'restore: line 1: the descriptor is not valid' $W restore "$tmp/bad"
printf 'd/\\q\t-\n' >"$tmp/bad"
t_fails "restore: bad escape" 'restore: line 1: bad escape' $W restore "$tmp/bad"
t_fails "restore: garbage on stdin" 'restore: line 1' sh -c "head -c 2000 /dev/urandom | tr -d '\\000\\t' | $W restore"
t_fails "restore: NUL bytes" 'not a save file' sh -c "printf 'd/f\\t-\\000' | $W restore"
t_eq "restore: nothing changed by the refusals" "$before" "$($W save -R d)"

# --substitute
$W set --replace d/f 2>/dev/null 'O:alice G:staff4 D:(A;;FA;;;alice)(D;;FW;;;bob)(XA;;FA;;;alice;(@User.x == 1))S:(AU;SA;FA;;;alice)'
$W save d/f >"$tmp/one"
$W restore --substitute alice=carol --substitute 'Unix Group\staff4=group:devs4' "$tmp/one"
t_eq "restore --substitute: owner, group, every ACE" \
	"O:S-1-22-1-4103G:S-1-22-2-4202D:(A;;FA;;;S-1-22-1-4103)(D;;FW;;;$B)(XA;;FA;;;S-1-22-1-4103;(@USER.x == 1))S:(AU;SA;FA;;;S-1-22-1-4103)" \
	"$(g d/f)"
t_fails "restore --substitute: unknown name" 'unknown principal "nobody-here"' \
	$W restore --substitute alice=nobody-here "$tmp/one"

# diff
run $W diff 'O:BAD:(A;;FA;;;WD)(A;;FR;;;BU)S:(ML;;NW;;;LW)' 'O:SYD:(A;;FA;;;WD)(A;;FR;;;BA)S:(ML;;NW;;;HI)'
t_eq "diff: owner, label, ACEs; exit 1" "1:owner: BA (BUILTIN\\Administrators) -> SY (NT AUTHORITY\\SYSTEM)
label: (ML;;NW;;;LW) -> (ML;;NW;;;HI)
- DACL (A;;FR;;;BU)  BUILTIN\\Users:R
+ DACL (A;;FR;;;BA)  BUILTIN\\Administrators:R" "$rc:$out"
touch '#top'
t_eq "save: a leading # is escaped" '\x23top	-' "$($W save '#top' | sed -n 2p)"
$W set --replace d/f 'D:(A;;FA;;;WD)'
run $W diff d/f 'D:(A;;FA;;;WD)'
t_eq "diff: a path and SDDL, the same: exit 0" "0:" "$rc:$out"
run $W diff d/f d/sub/g
t_eq "diff: two paths" "1:label: none -> (ML;ID;NW;;;LW)
sacl_state: absent -> inheriting
- DACL (A;;FA;;;WD)  Everyone:F
+ DACL (A;ID;FA;;;BA)  BUILTIN\\Administrators:(ID)F
+ DACL (A;ID;0x1200a9;;;$A)  Unix User\\alice:(ID)RX" "$rc:$out"
run $W diff 'D:P(A;;FA;;;WD)(A;;FA;;;WD)' 'D:(A;;FA;;;WD)'
t_eq "diff: protection and repeated ACEs" "1:dacl_state: protected -> inheriting
- DACL (A;;FA;;;WD)  Everyone:F" "$rc:$out"
run $W diff --json 'D:(A;;FR;;;WD)' 'G:BAD:(A;;FR;;;WD)(D;;FW;;;WD)'
t_eq "diff --json" "False ['none', 'BA (BUILTIN\\\\Administrators)'] 0 deny" \
	"$(printf '%s' "$out" | /usr/bin/python3 -c '
import json,sys
o=json.load(sys.stdin); print(o["same"], o["group"], len(o["dacl_only_a"]), o["dacl_only_b"][0]["type"])' 2>&1)"
t_fails "diff: neither a path nor SDDL" 'no/such/file' $W diff no/such/file 'D:'
t_fails "diff: bad SDDL" 'SDDL column' $W diff 'D:(Q;;;;;)' 'D:'

# 1,000 files with random descriptors: save, scramble, restore, compare bytes.
rm -rf r
/usr/bin/python3 - "$T/r" <<'PY'
import os, random, sys
random.seed(13)
root = sys.argv[1]
sids = ["WD", "BA", "BU", "SY", "AU", "CO", "CG", "S-1-22-1-4101", "S-1-22-2-4201",
        "S-1-5-21-1-2-3-1001", "S-1-22-1-99999"]
levels = ["LW", "ME", "HI", "SI", "S-1-16-0", "MP"]
names = ["a", "b c", "d\te", "f\\g", "#h", "\u00e9t\u00e9", "x\x01y", "new\nline", "plain"]
def ace():
    t = random.choice(["A", "A", "D", "XA", "OA"])
    fl = "".join(random.sample(["OI", "CI", "NP", "IO", "ID"], random.randint(0, 3)))
    if "IO" in fl and "OI" not in fl and "CI" not in fl:
        fl += "OI"
    m = random.choice(["FA", "FR", "FX", "FW", "0x1200a9", "0x%x" % random.getrandbits(20), "GA", "GRGW"])
    extra = ";(@User.dept == \"x\")" if t == "XA" else ""
    if t == "OA":
        t = "A"
    return "(%s;%s;%s;;;%s%s)" % (t, fl, m, random.choice(sids), extra)
def sddl():
    s = ""
    if random.random() < .7: s += "O:" + random.choice(sids)
    if random.random() < .5: s += "G:" + random.choice(sids)
    if random.random() < .8:
        s += "D:" + random.choice(["", "P", "AI", "PAI"]) + "".join(ace() for _ in range(random.randint(0, 6)))
    if random.random() < .5:
        s += "S:(ML;%s;%s;;;%s)" % (random.choice(["", "OICI", "OI"]), random.choice(["NW", "NWNR", "NX"]), random.choice(levels))
        if random.random() < .3: s += "(AU;SA;FA;;;WD)"
    return s
dirs = [root]
os.mkdir(root)
entries = []
for i in range(1000):
    parent = random.choice(dirs)
    name = "%d %s" % (i, random.choice(names))
    p = os.path.join(parent, name)
    if random.random() < .15:
        os.mkdir(p); dirs.append(p)
    else:
        open(p, "w").close()
    entries.append(p)
with open(os.path.join(os.path.dirname(root), ".tmp", "random-sddl"), "w") as f:
    for p in entries:
        f.write(p + "\0" + (sddl() if random.random() < .9 else "") + "\0")
PY
n=0
while IFS= read -r -d '' p && IFS= read -r -d '' s; do
	[ -n "$s" ] && { $W set --replace "$p" "$s" 2>/dev/null || echo "set failed: $p $s"; }
	n=$((n + 1))
done <"$tmp/random-sddl"
# A few descriptors in Samba's layout (owner first): saved as hex.
/usr/bin/python3 - "$T/r" <<'PY'
import os, sys
blob = bytes.fromhex("010004801400000024000000000000003000000001020000000000052000000020020000"
                     "01010000000000051200000002001c000100000000001400ff011f000101000000000001"
                     "00000000")
for i, p in enumerate(sorted(os.listdir(sys.argv[1]))[:5]):
    os.setxattr(os.path.join(sys.argv[1], p), "security.winsec", blob)
PY
dump() {
	/usr/bin/python3 - "$T/r" <<'PY'
import os, sys
for dp, dn, fn in os.walk(sys.argv[1]):
    for n in sorted(dn + fn) + [""]:
        p = os.path.join(dp, n) if n else dp
        try:
            v = os.getxattr(p, "security.winsec").hex()
        except OSError:
            v = "-"
        sys.stdout.write(repr(p) + " " + v + "\n")
PY
}
dump | sort >"$tmp/before.dump"
t_eq "random tree: 1,000 objects" 1000 "$n"
$W save -R r >"$tmp/r.save"
t_eq "random tree: save lists every object" 1002 "$(wc -l <"$tmp/r.save")"
t_eq "random tree: Samba-layout descriptors saved as hex" 5 "$(grep -c '	#' "$tmp/r.save")"
$W set -R r --replace 'O:SYD:(A;;FA;;;WD)S:(ML;;NW;;;HI)'
t_eq "random tree: scrambled" 0 "$(dump | sort | cmp -s - "$tmp/before.dump" && echo 1 || echo 0)"
run $W restore "$tmp/r.save"
t_eq "random tree: restore" "0:" "$rc:$err"
dump | sort >"$tmp/after.dump"
t_eq "random tree: every byte back" "" "$(diff "$tmp/before.dump" "$tmp/after.dump" | head -5)"
t_eq "random tree: save again, the same text" "" "$($W save -R r | diff - "$tmp/r.save" | head -5)"
