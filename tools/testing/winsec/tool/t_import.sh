# SPDX-License-Identifier: GPL-2.0-only
# Sourced by tool_test.sh: import from Samba's security.NTACL (blobs made
# by Debian's python3-samba, versions 1 to 4), from CIFS and ntfs3
# descriptors, and decode --from samba.

fresh
if /usr/bin/python3 -c 'from samba.dcerpc import xattr, security' 2>/dev/null; then
	/usr/bin/python3 - "$tmp" <<'PY'
import sys
from samba.dcerpc import xattr, security
from samba.ndr import ndr_pack
out = sys.argv[1]
dom = security.dom_sid("S-1-5-21-1-2-3")
sd = security.descriptor.from_sddl(
    "O:S-1-5-21-1-2-3-1001G:S-1-5-21-1-2-3-513D:P(A;OICI;0x1f01ff;;;S-1-5-21-1-2-3-1001)"
    "(D;;0x100116;;;WD)(A;;0x1200a9;;;S-1-22-1-4101)", dom)
label = security.ace()
label.type = 0x11  # SYSTEM_MANDATORY_LABEL, which this Samba lacks a name for
label.flags = security.SEC_ACE_FLAG_OBJECT_INHERIT | security.SEC_ACE_FLAG_CONTAINER_INHERIT
label.access_mask = 1
label.trustee = security.dom_sid("S-1-16-4096")
sd.sacl_add(label)
for v in (1, 2, 3, 4):
    x = xattr.NTACL()
    x.version = v
    if v == 1:
        x.info = sd
    else:
        h = getattr(xattr, "security_descriptor_hash_v%d" % v)()
        h.sd = sd
        if v >= 3:
            h.hash_type = xattr.XATTR_SD_HASH_TYPE_SHA256
        h.hash = [0x5a] * (16 if v == 2 else 64)
        if v == 4:
            h.description = "posix_acl"
            h.time = 133000000000000000
            h.sys_acl_hash = [0xa5] * 64
        x.info = h
    open("%s/ntacl.v%d" % (out, v), "wb").write(ndr_pack(x))
# Version 4 with descriptions of other lengths (alignment of NTTIME).
for n, d in enumerate(("", "abc", "0123456789abcdef")):
    h = xattr.security_descriptor_hash_v4()
    h.sd = sd; h.hash_type = 1; h.hash = [1] * 64; h.description = d; h.time = 1
    h.sys_acl_hash = [2] * 64
    x = xattr.NTACL(); x.version = 4; x.info = h
    open("%s/ntacl.v4.%d" % (out, n), "wb").write(ndr_pack(x))
open("%s/plain.sd" % out, "wb").write(ndr_pack(sd))
PY
	want='O:S-1-5-21-1-2-3-1001G:S-1-5-21-1-2-3-513D:P(A;OICI;FA;;;S-1-5-21-1-2-3-1001)(D;;0x100116;;;WD)(A;;0x1200a9;;;S-1-22-1-4101)S:(ML;OICI;NW;;;LW)'
	for v in 1 2 3 4 4.0 4.1 4.2; do
		/usr/bin/python3 -c 'import os,sys; os.setxattr(sys.argv[1], "security.NTACL", open(sys.argv[2], "rb").read())' \
			d/f "$tmp/ntacl.v$v"
		$W set --replace d/f O:BA
		run $W import --from samba d/f
		t_eq "import --from samba: NTACL version $v" "0:$want" "$rc:$(g d/f)"
	done
	t_eq "decode --from samba" "$want" "$($W decode --from samba "$tmp/ntacl.v3")"
	t_eq "decode --from samba --json" "Mandatory Label\\Low Mandatory Level" \
		"$($W decode --json --from samba "$tmp/ntacl.v4" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["descriptor"]["sacl"]["aces"][0]["name"])')"
	run $W import --from samba --input "$tmp/ntacl.v2" d/sub/g
	t_eq "import --input FILE" "0:$want" "$rc:$(g d/sub/g)"
	/usr/bin/python3 -c 'import os; os.setxattr("d/sub", "security.NTACL", open("'"$tmp"'/ntacl.v1", "rb").read())'
	run $W import -R --from samba d
	t_eq "import -R: objects without NTACL passed over" "0:$want:no descriptor" \
		"$rc:$(g d/sub):$(g d/sub/deep/h)"
	head -c 40 "$tmp/ntacl.v4" >"$tmp/ntacl.short"
	t_fails "import: truncated NTACL" 'not imported' $W import --from samba --input "$tmp/ntacl.short" d/f
	printf '\x05\x00\x05\x00\x00\x00\x02\x00' >"$tmp/ntacl.v5"
	t_fails "import: unknown NTACL version" 'unknown version' $W import --from samba --input "$tmp/ntacl.v5" d/f
	t_fails "import: no NTACL attribute" 'no security.NTACL attribute' $W import --from samba d/sub/deep/h
	t_eq "import: nothing written on failure" "$want" "$(g d/f)"
	run $W import --from cifs --input "$tmp/plain.sd" d/sub/deep/h
	t_eq "import --from cifs (a plain descriptor)" "0:$want" "$rc:$(g d/sub/deep/h)"
	run $W import --from ntfs3 --input "$tmp/plain.sd" d/sub/deep
	t_eq "import --from ntfs3" "0:$want" "$rc:$(g d/sub/deep)"
	t_fails "import: an invalid descriptor" 'not valid' $W import --from ntfs3 --input "$tmp/ntacl.v1" d/f
	t_fails "import: unknown source" 'unknown source "zfs"' $W import --from zfs d/f
	t_fails "import: --from needed" '--from samba, cifs or ntfs3 is required' $W import d/f
else
	skipped 20 "import cases (no python3-samba under /usr/bin/python3)"
fi
