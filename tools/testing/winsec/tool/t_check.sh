# SPDX-License-Identifier: GPL-2.0-only
# Sourced by tool_test.sh: check with users and groups of the databases,
# the Unix verdict, the label note, the conditions of callback ACEs, check -R, the JSON of
# check, inherit, whoami, ps and ipc; names that never crash the tool.

fresh
# --user: the user's groups come from /etc/group, as login sets them.
run $W check --sddl 'D:(A;;FR;;;group:devs4)' --user alice --desired FR
t_eq "check --user: supplementary groups from /etc/group" 0 "$rc"
run $W check --sddl 'D:(A;;FR;;;group:devs4)' --user bob --desired FR
t_eq "check --user: not a member" 1 "$rc"
run $W check --sddl 'D:(A;;FR;;;S-1-22-2-4101)' --user alice --desired FR
t_eq "check --user: the primary group of /etc/passwd" 0 "$rc"
run $W check --sddl 'D:(A;;FR;;;S-1-22-1-4101)' --user 4101 --desired FR
t_eq "check --user UID" 0 "$rc"
run $W check --sddl 'D:(A;;FR;;;S-1-22-2-4203)' --user alice --group carol --desired FR
t_eq "check --group NAME is the group, not the user carol" 0 "$rc"
run $W check --sddl 'D:(A;;FR;;;S-1-22-2-777)' --user alice --group 777 --desired FR
t_eq "check --group GID" 0 "$rc"
t_fails "check --group: a user is not a group" '--group: "dave" is a user, not a group' \
	$W check --sddl 'D:' --user alice --group dave
t_fails "check --user: unknown" '--user: unknown user "nobody-here"' $W check --sddl 'D:' --user nobody-here
t_fails "check --group: unknown" '--group: unknown group "nobody-here"' $W check --sddl 'D:' --group nobody-here
args=()
for i in $(seq 1 300); do args+=(--group "S-1-5-21-9-9-9-$i"); done
run $W check --sddl 'D:(A;;FR;;;S-1-5-21-9-9-9-300)' --user alice "${args[@]}" --desired FR
t_eq "check: no limit on the number of groups" 0 "$rc"
run $W check --sddl 'D:(A;;FR;;;alice)(D;;FW;;;Everyone)' --user alice --desired FR
t_eq "check --sddl takes names" 0 "$rc"
t_eq "inherit --parent SDDL takes names" "O:${A}G:S-1-22-2-4101D:AI(A;ID;FA;;;$B)" \
	"$($W inherit --parent 'D:(A;OICI;FA;;;bob)' --user alice 2>&1)"

# The Unix verdict next to winsec's.
touch d/u; chmod 640 d/u; chown 4101:4201 d/u
run $W check d/u --user bob --desired FILE_WRITE_DATA
t_eq "check: the Unix verdict" "0:granted: 0x2 FILE_WRITE_DATA
  (no DACL: everything is granted)
unix: denied: needs -w-, gets r-- (group, mode 0640) — both must allow" "$rc:$out"
run $W check d/u --user carol --desired FR --json
t_eq "check --json: unix" "other --- False" \
	"$(printf '%s' "$out" | /usr/bin/python3 -c 'import json,sys; u=json.load(sys.stdin)["unix"]; print(u["via"], u["perms"], u["allowed"])' 2>&1)"
if command -v setfacl >/dev/null; then
	setfacl -m u:carol:rw d/u
	run $W check d/u --user carol --desired FILE_WRITE_DATA
	t_match "check: a POSIX ACL entry" "*unix: allowed: needs -w-, gets rw- (ACL user entry, mode 0660, POSIX ACL)*" "$out"
else
	skipped 1 "POSIX ACL verdict (no setfacl)"
fi
$W set --replace d/u 'D:(A;;FA;;;WD)S:(ML;;NWNR;;;HI)'
run $W check d/u --user alice
t_match "check: the label's trimming of MAXIMUM_ALLOWED is said" "*the label took away*FILE_READ_DATA*" "$out"
run $W check --sddl 'D:(XA;;FA;;;WD;(@User.x == 1))(A;;FR;;;WD)' --user alice
t_match "check: a condition on a claim Linux does not have is UNKNOWN" "*condition of ACE 0 (@USER.x == 1): UNKNOWN (a callback allow ACE grants only when TRUE)*" "$out"
run $W check --sddl 'D:(XA;;FR;;;WD;(Member_of {SID(S-1-22-1-4101)}))' --user alice --desired FR
t_match "check: a TRUE condition grants, and is shown" "0:granted: *condition of ACE 0 (Member_of {SID(S-1-22-1-4101)}): TRUE*" "$rc:$out"
run $W check --sddl 'D:(XD;;FR;;;WD;(Member_of {SID(S-1-22-1-4101)}))(A;;FR;;;WD)' --user bob --desired FR
t_match "check: a FALSE deny condition lets the allow grant" "0:granted: *condition of ACE 0 (Member_of {SID(S-1-22-1-4101)}): FALSE (a callback deny ACE denies unless FALSE)*" "$rc:$out"
run $W check --json --sddl 'D:(XA;;FR;;;WD;(@Resource.Dept == "Sales"))(XD;;FW;;;WD;(Member_of_Any {SID(S-1-22-1-4101), SID(BA)}))' --user alice
t_eq "check --json: conditions and their values" "0 (@RESOURCE.Dept == \"Sales\") UNKNOWN 1 TRUE" \
	"$(printf '%s' "$out" | /usr/bin/python3 -c 'import json,sys; o=json.load(sys.stdin)["conditions"]; print(o[0]["ace_index"], o[0]["condition"], o[0]["value"], o[1]["ace_index"], o[1]["value"])' 2>&1)"
$W set --replace d/f 'D:(D;;FW;;;alice)(A;;FA;;;WD)'
run $W check --json d/f --user alice --desired FW
t_eq "check --json: the deciding ACE and rights by name" "denied 0 (D;;FW;;;$A) ['FILE_WRITE_DATA', 'FILE_APPEND_DATA', 'FILE_WRITE_EA', 'FILE_WRITE_ATTRIBUTES', 'READ_CONTROL', 'SYNCHRONIZE']" \
	"$(printf '%s' "$out" | /usr/bin/python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["result"], o["ace_index"], o["ace"], o["desired_rights"])' 2>&1)"

# check -R: where a token has, or lacks, the rights (accesschk -s).
fresh
$W grant d 'alice:(OI)(CI)R' 2>/dev/null
$W deny d/sub/g alice:R
run $W check -R d --user alice --desired FR
t_eq "check -R: where the rights are granted" "0:d  R
d/f  R
d/sub  R
d/sub/deep  R
d/sub/deep/h  R" "$rc:$out"
run $W check -R d --user alice --desired FR --denied
t_match "check -R --denied: where they are not" "0:d/sub/g  denied: deny ACE 0 (D;;FR;;;$A)*" "$rc:$out"
t_eq "check -R --json" "1 d/sub/g" "$($W check -R d --user alice --desired FR --denied --json | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d), d[0]["path"])' 2>&1)"

# JSON of the other read commands.
t_eq "inherit --json" "True S-1-22-1-4101" "$($W inherit --json --parent 'D:(A;OICI;FA;;;WD)' --user alice | /usr/bin/python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["stored"], o["descriptor"]["owner"]["sid"])' 2>&1)"
t_eq "whoami --json" "S-1-22-1-0" "$($W whoami --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["user"]["sid"])' 2>&1)"
t_eq "ps --json" "True" "$($W ps --json | /usr/bin/python3 -c 'import json,sys,os; print(any(p["pid"] == os.getppid() for p in json.load(sys.stdin)))' 2>&1)"
t_eq "ipc list --json" "ok" "$($W ipc list --json | /usr/bin/python3 -c 'import json,sys; json.load(sys.stdin); print("ok")' 2>&1)"

# Names never crash: ids in no database, NSS sources the tool never loads.
cat >"$tmp/nsswitch.conf" <<'END'
passwd: files systemd ldap sss
group: files systemd ldap sss
END
mount --bind "$tmp/nsswitch.conf" /etc/nsswitch.conf
if command -v setpriv >/dev/null; then
	run setpriv --reuid 54321 --regid 54321 --clear-groups $W whoami
	t_match "whoami as a uid in no database" "0:*Unix User?54321*Unix Group?54321*" "$rc:$out"
	run setpriv --reuid 54321 --regid 54321 --groups 54322,4201 $W whoami --json
	t_eq "whoami --json: groups by name or number" "0:Unix Group\\staff4 Unix Group\\54322" \
		"$rc:$(printf '%s' "$out" | /usr/bin/python3 -c 'import json,sys; g=[x["name"] for x in json.load(sys.stdin)["groups"] if x["name"].startswith("Unix Group")]; print(g[1], g[2])' 2>&1)"
	setpriv --reuid 54321 --regid 54321 --clear-groups sleep 5 &
	sleeper=$!
	sleep 0.2
	run $W ps
	t_match "ps with a task of a uid in no database" "*$sleeper 54321 *" "$(grep " $sleeper " <<<"$out" | tr -s ' ')"
	kill $sleeper 2>/dev/null
	wait $sleeper 2>/dev/null
	id=$(setpriv --reuid 54321 --regid 54321 --clear-groups $W ipc create msg 2>/dev/null)
	run $W ipc list
	t_match "ipc list with an object of a uid in no database" "0:*msg*$id*54321*" "$rc:$out"
	[ -n "$id" ] && ipcrm -q "$id" 2>/dev/null
else
	skipped 4 "unknown-uid cases (no setpriv)"
fi
umount /etc/nsswitch.conf
