# SPDX-License-Identifier: GPL-2.0-only
# Sourced by tool_test.sh: get -l, --numeric, -R, -H, names with control
# characters, --json of get and decode, write errors on standard output.

fresh
$W set --replace d 'O:alice G:staff4 D:(A;OICI;0x1200a9;;;alice)(A;OI;FR;;;WD)(A;;FA;;;BA)' 2>/dev/null
$W deny d/f Everyone:W
$W label d/f low
run $W get -l d/f
t_eq "get -l: one ACE a line, names, flags, short rights" "d/f
  DACL (auto-inherited):
    Everyone:(DENY)W
    Unix User\\alice:(ID)RX
    Everyone:(ID)R
  SACL:
    Mandatory Label\\Low Mandatory Level:(NW)" "$out"
run $W get -l d
t_eq "get -l: inheritance flags, F" "d
  owner: Unix User\\alice
  group: Unix Group\\staff4
  DACL:
    Unix User\\alice:(OI)(CI)RX
    Everyone:(OI)R
    BUILTIN\\Administrators:F
  label: none (implicit Medium, no write up)" "$out"
run $W get -l --numeric d d/f
t_eq "get -l --numeric" "d
  owner: S-1-22-1-4101
  group: S-1-22-2-4201
  DACL:
    S-1-22-1-4101:(OI)(CI)0x1200a9
    S-1-1-0:(OI)0x120089
    S-1-5-32-544:0x1f01ff
  label: none (implicit Medium, no write up)
d/f
  DACL (auto-inherited):
    S-1-1-0:(DENY)0x100116
    S-1-22-1-4101:(ID)0x1200a9
    S-1-1-0:(ID)0x120089
  SACL:
    S-1-16-4096:(NW)" "$out"
$W set --replace d/sub/g 'D:P(A;;0x10001;;;S-1-22-1-9999)(A;;GR;;;S-1-22-2-9998)(A;;0x12019f;;;S-1-5-32-545)S:(AU;SA;FA;;;WD)' 2>/dev/null
run $W get -l -H d/sub/g
t_eq "get -l: unknown ids, names of rights, unions, audit, -H" "  DACL (protected):
    Unix User\\9999:(FILE_READ_DATA,DELETE)
    Unix Group\\9998:(GENERIC_READ)
    BUILTIN\\Users:(R,W)
  SACL:
    Everyone:(AUDIT)(SA)F
  label: none (implicit Medium, no write up)" "$out"
touch plain2
run $W get -l plain2
t_eq "get -l of an object without descriptor" "plain2
  no descriptor (the Unix permissions decide; implicit Medium label)" "$out"
$W set --replace d/sub/deep 'D:NO_ACCESS_CONTROL'
t_eq "get -l of a NULL DACL" "  DACL: NULL (everything is granted)" "$($W get -l d/sub/deep | sed -n 2p)"
$W set --replace d/sub/deep 'O:BA'
t_eq "get -l of an absent DACL" "  DACL: none (winsec grants everything; the Unix permissions decide)" \
	"$($W get -l d/sub/deep | sed -n 3p)"
$W set --replace d/sub/deep 'D:'
t_eq "get -l of an empty DACL" "  DACL: empty (nothing is granted)" "$($W get -l d/sub/deep | sed -n 2p)"
t_eq "names printed by get -l are accepted back" "D:(A;;FR;;;LW)(A;;FR;;;BU)(A;;FR;;;S-1-22-2-4201)" \
	"$($W grant d/sub/deep 'Mandatory Label\Low Mandatory Level:R' 'BUILTIN\Users:R' 'Unix Group\staff4:R' && g d/sub/deep)"

# -R, -H, several paths
fresh
$W grant d 'alice:(OI)(CI)R' 2>/dev/null
run $W get -R d
t_eq "get -R: PATH: SDDL, sorted, directories first-in-place" "d: D:(A;OICI;FR;;;$A)
d/f: D:AI(A;ID;FR;;;$A)
d/sub: D:AI(A;OICIID;FR;;;$A)
d/sub/deep: D:AI(A;OICIID;FR;;;$A)
d/sub/deep/h: D:AI(A;ID;FR;;;$A)
d/sub/g: D:AI(A;ID;FR;;;$A)" "$out"
run $W get -R -H d/sub/deep
t_eq "get -R -H: no names" "D:AI(A;OICIID;FR;;;$A)
D:AI(A;ID;FR;;;$A)" "$out"
run $W get --no-filename d/f d/sub
t_eq "--no-filename with several paths" "D:AI(A;ID;FR;;;$A)
D:AI(A;OICIID;FR;;;$A)" "$out"
run $W get d/f
t_eq "one path: no name" "D:AI(A;ID;FR;;;$A)" "$out"
touch $'d/new\nline' $'d/tab\there' $'d/\xff\xfe'
run $W get d/f $'d/new\nline' $'d/tab\there' $'d/\xff\xfe'
t_eq "control characters and bad UTF-8 escaped in names" 'd/f: D:AI(A;ID;FR;;;S-1-22-1-4101)
d/new\nline: no descriptor
d/tab\there: no descriptor
d/\xff\xfe: no descriptor' "$out"
run $W get -R --json d
t_eq "get -R --json: valid JSON whatever the names hold" "ok 9" \
	"$(printf '%s' "$out" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print("ok", len(d))' 2>&1)"
t_eq "get --json: bad UTF-8 replaced, escaped form beside it" "d/\\xff\\xfe True" \
	"$(printf '%s' "$out" | /usr/bin/python3 -c 'import json,sys; d=[o for o in json.load(sys.stdin) if "path_escaped" in o]; print(d[0]["path_escaped"], d[0]["path"] == "d/\ufffd\ufffd")' 2>&1)"
run $W get --json d/f
t_eq "get --json: structured ACEs" "allow ['ID'] True 1179785 FILE_READ_DATA,FILE_READ_EA,FILE_READ_ATTRIBUTES,READ_CONTROL,SYNCHRONIZE R $A Unix User\\alice (A;ID;FR;;;$A)" \
	"$(printf '%s' "$out" | /usr/bin/python3 -c '
import json,sys
a=json.load(sys.stdin)[0]["descriptor"]["dacl"]["aces"][0]
print(a["type"], a["flags"], a["inherited"], a["mask"], ",".join(a["rights"]), a["short"], a["sid"], a["name"], a["sddl"])' 2>&1)"
$W label d/f low
t_eq "get --json: label" "low 4096 1 False" "$($W get --json d/f | /usr/bin/python3 -c '
import json,sys
l=json.load(sys.stdin)[0]["descriptor"]["label"]; print(l["level"], l["rid"], l["policy"], l["inherited"])' 2>&1)"
run $W get --json d/none d/f
t_eq "get --json: errors per path, exit 2" "2:No such file or directory" \
	"$rc:$(printf '%s' "$out" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["error"])' 2>&1)"
run $W decode --json --hex "$($W encode --hex 'O:BAD:P(D;;FW;;;WD)')"
t_eq "decode --json" "O:BAD:P(D;;FW;;;WD) BUILTIN\\Administrators True deny" \
	"$(printf '%s' "$out" | /usr/bin/python3 -c '
import json,sys
o=json.load(sys.stdin); d=o["descriptor"]; print(o["sddl"], d["owner"]["name"], d["dacl"]["protected"], d["dacl"]["aces"][0]["type"])' 2>&1)"
t_eq "--hex means hex text on encode and decode" "O:BA" "$($W decode --hex "$($W encode --hex O:BA)")"
t_eq "decode --hex - and --hex=HEX" "O:BA O:BA" \
	"$($W encode --hex O:BA | $W decode --hex -) $($W decode --hex="$($W encode --hex O:BA)")"
$W encode --hex O:SY >"$tmp/hexfile"
t_eq "decode --hex FILE" "O:SY" "$($W decode --hex "$tmp/hexfile")"
t_eq "--opt=value and -- everywhere" "O:BA" "$($W encode --domain-sid=S-1-5-21-1-2-3 -- O:BA | $W decode -- -)"

# Write errors on standard output are errors.
if [ -w /dev/full ]; then
	run $W get d/f
	run sh -c "$W get d/f >/dev/full"
	t_eq "get >/dev/full: exit 2" 2 "$rc"
	t_match "get >/dev/full: says so" "*write error*" "$err"
	run sh -c "$W get -l -R d >/dev/full"
	t_eq "get -l -R >/dev/full: exit 2" 2 "$rc"
	run sh -c "$W encode O:BA >/dev/full"
	t_eq "encode >/dev/full: exit 2" 2 "$rc"
	run sh -c "$W --help >/dev/full"
	t_eq "--help >/dev/full: exit 2" 2 "$rc"
else
	skipped 5 "/dev/full cases (no /dev/full)"
fi
