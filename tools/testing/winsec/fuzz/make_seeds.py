#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write the seed corpora of the fuzz harnesses.

  corpus/sddl/  every string of ../samba/corpus.sddl (valid and invalid)
  corpus/sd/    winsec's binary of each valid corpus string, Samba's binary
                of the same string (other layout, ACL revision 4), and
                hand-made malformed descriptors, one per validator rule

Files are named by the SHA-1 of their content, as libFuzzer names them, so
running this again only adds files. Usage:

  make_seeds.py SDDL_HELPER
"""

import hashlib
import os
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DOMAIN = 'S-1-5-21-1-2-3'


def put(kind, data):
    d = os.path.join(HERE, 'corpus', kind)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), 'wb') as f:
        f.write(data)


def sid(auth, *subs):
    return struct.pack('<BB', 1, len(subs)) + auth.to_bytes(6, 'big') + \
        struct.pack('<%dI' % len(subs), *subs)


def ace(typ, flags, mask, body, size=None):
    n = 8 + len(body)
    return struct.pack('<BBHI', typ, flags, n if size is None else size,
                       mask) + body


def acl(aces, rev=2, count=None, size=None, sbz=0):
    body = b''.join(aces)
    return struct.pack('<BBHHH', rev, 0, 8 + len(body) if size is None
                       else size, len(aces) if count is None else count,
                       sbz) + body


def sd(owner=b'', group=b'', sacl=None, dacl=None, control=0x8000,
       rev=1, rm=0, offsets=None):
    """Windows layout: SACL, DACL, owner, group."""
    parts, off, offs = b'', 20, {}
    for name, blob in (('sacl', sacl), ('dacl', dacl), ('owner', owner),
                       ('group', group)):
        if blob:
            offs[name] = off
            parts += blob
            off += len(blob)
        else:
            offs[name] = 0
    if sacl is not None:
        control |= 0x10
    if dacl is not None:
        control |= 0x04
    if offsets:
        offs.update(offsets)
    return struct.pack('<BBHIIII', rev, rm, control, offs['owner'],
                       offs['group'], offs['sacl'], offs['dacl']) + parts


def malformed():
    wd = sid(1, 0)
    ba = sid(5, 32, 544)
    lw = sid(16, 0x1000)
    good_ace = ace(0, 0, 0x1f01ff, wd)
    out = [
        b'',
        b'\x01',
        sd()[:19],                                   # short header
        sd(rev=2),                                   # revision
        sd(control=0),                               # not self-relative
        sd(rm=1),                                    # RM byte without RM
        sd(rm=1, control=0xc000),                    # RM byte, valid
        sd(owner=ba, offsets={'owner': 0xffffffff}),  # offset overflow
        sd(owner=ba, offsets={'owner': 4}),          # inside the header
        sd(owner=ba, offsets={'owner': 0xfffffff0}),
        sd(owner=ba)[:-1],                           # truncated owner
        sd(owner=struct.pack('<BB', 1, 0) + bytes(6)),   # 0 sub-authorities
        sd(owner=struct.pack('<BB', 1, 16) + bytes(6 + 64)),  # 16
        sd(owner=struct.pack('<BB', 2, 1) + bytes(10)),  # SID revision
        sd(owner=ba, group=ba),
        sd(owner=ba, offsets={'group': 20}),         # group shares owner
        sd(dacl=acl([good_ace])),
        sd(dacl=b''),                                # NULL DACL
        sd(dacl=acl([])),                            # empty DACL
        sd(dacl=acl([good_ace], rev=3)),             # ACL revision
        sd(dacl=acl([good_ace], sbz=1)),             # Sbz2
        sd(dacl=acl([good_ace], size=7)),            # ACL size < 8
        sd(dacl=acl([good_ace], size=30)),           # not multiple of 4
        sd(dacl=acl([good_ace], size=0xfffc)),       # past the end
        sd(dacl=acl([good_ace], count=2)),           # count too large
        sd(dacl=acl([good_ace], count=0xffff)),
        sd(dacl=acl([ace(0, 0, 1, wd, size=22)])),   # ACE size % 4
        sd(dacl=acl([ace(0, 0, 1, wd, size=64)])),   # past its ACL
        sd(dacl=acl([ace(0, 0, 1, wd, size=8)])),    # no room for SID
        sd(dacl=acl([ace(0, 0, 1, sid(5, 1, 2, 3)[:12] + bytes(4),
                         size=20)])),                # SID past its ACE
        sd(dacl=acl([ace(0, 0, 1, wd + bytes(4))])),  # ACE longer than SID
        sd(dacl=acl([ace(4, 0, 1, wd)])),            # compound type
        sd(dacl=acl([ace(0x14, 0, 1, wd)])),         # unknown type
        sd(dacl=acl([ace(2, 0x40, 1, wd)])),         # audit in DACL
        sd(sacl=acl([ace(0, 0, 1, wd)])),            # allow in SACL
        sd(sacl=acl([ace(0x11, 0, 1, lw)])),         # label ACE
        sd(sacl=acl([ace(0x11, 0, 8, lw)])),         # label mask
        sd(sacl=acl([ace(0x11, 0, 1, wd)])),         # label SID
        sd(sacl=acl([ace(0x11, 0x0b, 7, lw), ace(2, 0xc0, 0x10000000, wd)])),
        sd(dacl=acl([ace(5, 0, 1, struct.pack('<I', 1) + bytes(16) + wd)],
                    rev=4)),                         # object ACE
        sd(dacl=acl([ace(5, 0, 1, struct.pack('<I', 3) + bytes(32) + wd)],
                    rev=4)),
        sd(dacl=acl([ace(5, 0, 1, struct.pack('<I', 1) + bytes(16) + wd)],
                    rev=2)),                         # object ACE, rev 2
        sd(dacl=acl([ace(5, 0, 1, struct.pack('<I', 4) + wd)], rev=4)),
        sd(dacl=acl([ace(5, 0, 1, struct.pack('<I', 3) + bytes(8))],
                    rev=4)),                         # GUIDs cut short
        sd(dacl=acl([ace(9, 0, 1, wd + b'artx')])),  # callback + data
        sd(dacl=acl([ace(0xb, 0, 1, struct.pack('<I', 0) + wd + b'artx')],
                    rev=4)),
        sd(sacl=acl([ace(0x12, 0, 0, wd + bytes(8))])),
        sd(sacl=acl([ace(0x13, 0, 0, sid(17, 1))])),
        sd(owner=ba, group=wd, sacl=acl([ace(0x11, 0, 1, lw)]),
           dacl=acl([ace(1, 0, 0x116, wd), good_ace]),
           control=0x8000 | 0x1000 | 0x400 | 0x100),
    ]
    d = sd(dacl=acl([good_ace]))
    # DACL offset set while SE_DACL_PRESENT is clear.
    out.append(d[:2] + struct.pack('<H', 0x8000) + d[4:])
    # Overlapping parts: owner and DACL at the same place.
    out.append(d[:4] + struct.pack('<I', 20) + d[8:])
    # A big ACL near the 64 KiB limits.
    many = [ace(0, 0, 1, sid(22, 1, i)) for i in range(2000)]
    out.append(sd(dacl=acl(many)))
    return out


def main():
    helper = sys.argv[1]
    lines = []
    with open(os.path.join(HERE, '..', 'samba', 'corpus.sddl')) as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            text = line[1:] if line.startswith('!') else line
            put('sddl', text.encode())
            lines.append(text)
    req = ''.join('R\t%s\n' % t for t in lines)
    out = subprocess.run([helper, DOMAIN], input=req, capture_output=True,
                         text=True, check=True).stdout.split('\n')
    for text, ans in zip(lines, out):
        f = ans.split('\t')
        if f[0] != 'ok':
            continue
        put('sd', bytes.fromhex(f[1]))
        try:
            from samba.dcerpc import security
            from samba.ndr import ndr_pack
            put('sd', ndr_pack(security.descriptor.from_sddl(
                text, security.dom_sid(DOMAIN))))
        except Exception:
            pass
    for blob in malformed():
        put('sd', blob)


if __name__ == '__main__':
    main()
