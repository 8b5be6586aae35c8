#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Differential test of winsec_access_check() against Samba's se_access_check.

Generates descriptor / token / request triples from a fixed seed: allow and
deny mixes, object deny and object allow ACEs, inherit-only ACEs and other
inheritance flags, owners that are and are not in the token, OWNER RIGHTS
ACEs, Unix and domain groups, NULL, absent and empty DACLs, generic rights in
ACEs and requests, MAXIMUM_ALLOWED, ACCESS_SYSTEM_SECURITY, WRITE_OWNER, and
the privileges SeSecurity, SeTakeOwnership, SeBackup and SeRestore.

Each triple goes to both implementations:
 - winsec, through access_helper (libwinsec), which gets the descriptor as
   generated (generic rights in ACE masks are mapped at check time) and the
   raw request; half of the tokens are built the way the kernel builds them
   (uid, gid, sorted groups, implicit-group flags), half as plain SID lists;
 - Samba (samba.security.access_check, Debian python3-samba, run with
   /usr/bin/python3), which gets the descriptor with generic rights already
   mapped through the file mapping (as Windows stores them) and the request
   mapped too, since Samba maps neither.

The results must be equal, except in the four places where Samba is known to
depart from Windows (see DEPARTURES); there the Samba result must be exactly
the documented one. Integrity labels are not generated: Samba has no MIC (the
table-driven tests cover it).

Last line: RESULT <passed> <failed>, one case per triple, plus one per
departure that never occurred (the generator must reach each of them).
"""

import argparse
import os
import random
import struct
import subprocess
import sys

import samba.dcerpc.security as security
import samba.security
from samba.ndr import ndr_unpack

NT_STATUS_ACCESS_DENIED = 0xC0000022
NT_STATUS_PRIVILEGE_NOT_HELD = 0xC0000061

# Rights.
DELETE, READ_CONTROL, WRITE_DAC, WRITE_OWNER = 0x10000, 0x20000, 0x40000, 0x80000
SYNCHRONIZE = 0x100000
ACCESS_SYSTEM_SECURITY = 0x1000000
MAXIMUM_ALLOWED = 0x2000000
GENERIC_ALL, GENERIC_EXECUTE = 0x10000000, 0x20000000
GENERIC_WRITE, GENERIC_READ = 0x40000000, 0x80000000
FILE_ALL, FILE_READ, FILE_WRITE, FILE_EXECUTE = 0x1F01FF, 0x120089, 0x120116, 0x1200A0
SPECIFIC = [1 << i for i in range(9)] + [DELETE, READ_CONTROL, WRITE_DAC,
                                         WRITE_OWNER, SYNCHRONIZE]
GENERIC = [GENERIC_ALL, GENERIC_EXECUTE, GENERIC_WRITE, GENERIC_READ]

# Privileges: winsec bits and Samba's.
PRIV_BACKUP, PRIV_RESTORE, PRIV_TAKE_OWNERSHIP, PRIV_SECURITY = 1, 2, 4, 8
SAMBA_PRIV = {
    PRIV_BACKUP: security.SEC_PRIV_BACKUP_BIT,
    PRIV_RESTORE: security.SEC_PRIV_RESTORE_BIT,
    PRIV_TAKE_OWNERSHIP: security.SEC_PRIV_TAKE_OWNERSHIP_BIT,
    PRIV_SECURITY: security.SEC_PRIV_SECURITY_BIT,
}

REASON_PRIVILEGE = 2
REASON_NOTHING_GRANTED = 5

# ACE types and flags. No callback (conditional) ACEs: Debian's Samba 4.17
# does not evaluate their conditions, so there is nothing to compare them
# with; the table test of tools/testing/winsec/condition covers them.
A, D, OA, OD = 0x0, 0x1, 0x5, 0x6
OI, CI, NP, IO, ID = 0x1, 0x2, 0x4, 0x8, 0x10

USERS = ['S-1-22-1-1000', 'S-1-22-1-1001', 'S-1-22-1-0',
         'S-1-5-21-1-2-3-1104', 'S-1-5-21-1-2-3-1105']
GROUPS = ['S-1-22-2-100', 'S-1-22-2-200', 'S-1-22-2-300', 'S-1-22-2-1000',
          'S-1-22-2-1001', 'S-1-5-21-1-2-3-513', 'S-1-5-32-544',
          'S-1-5-32-545', 'S-1-5-11', 'S-1-5-18', 'S-1-5-7']
EVERYONE = 'S-1-1-0'
OWNER_RIGHTS = 'S-1-3-4'
CREATOR_OWNER = 'S-1-3-0'
ACE_SIDS = USERS + GROUPS + [EVERYONE, EVERYONE, OWNER_RIGHTS, OWNER_RIGHTS,
                             CREATOR_OWNER]


def map_generic(mask):
    out = mask & 0x0FFFFFFF
    if mask & GENERIC_READ:
        out |= FILE_READ
    if mask & GENERIC_WRITE:
        out |= FILE_WRITE
    if mask & GENERIC_EXECUTE:
        out |= FILE_EXECUTE
    if mask & GENERIC_ALL:
        out |= FILE_ALL
    return out


def sid_bytes(text):
    parts = text.split('-')
    auth = int(parts[2])
    subs = [int(x) for x in parts[3:]]
    return (struct.pack('<BB', 1, len(subs)) + auth.to_bytes(6, 'big') +
            b''.join(struct.pack('<I', s) for s in subs))


def ace_bytes(ace, mapped):
    atype, flags, mask, sid, guid = ace
    if mapped:
        mask = map_generic(mask)
    body = struct.pack('<I', mask)
    if atype in (OA, OD):
        body += struct.pack('<I', 1 if guid else 0) + (guid or b'')
    body += sid_bytes(sid)
    return struct.pack('<BBH', atype, flags, 4 + len(body)) + body


def acl_bytes(aces, mapped):
    body = b''.join(ace_bytes(a, mapped) for a in aces)
    rev = 4 if any(a[0] in (OA, OD) for a in aces) else 2
    return struct.pack('<BBHHH', rev, 0, 8 + len(body), len(aces), 0) + body


def sd_bytes(sd, mapped):
    """Self-relative descriptor: header, DACL, owner, group."""
    owner, group, dstate, aces = sd
    control = 0x8000
    off = 20
    parts = b''
    dacl_off = owner_off = group_off = 0
    if dstate != 'absent':
        control |= 0x0004
    if dstate == 'acl':
        dacl_off = off
        blob = acl_bytes(aces, mapped)
        parts += blob
        off += len(blob)
    owner_off = off
    blob = sid_bytes(owner)
    parts += blob
    off += len(blob)
    group_off = off
    parts += sid_bytes(group)
    return struct.pack('<BBHIIII', 1, 0, control, owner_off, group_off, 0,
                       dacl_off) + parts


def random_mask(rng):
    r = rng.random()
    if r < 0.08:
        return rng.choice([FILE_ALL, FILE_READ, FILE_WRITE, FILE_EXECUTE])
    mask = 0
    for _ in range(rng.randint(1, 5)):
        mask |= rng.choice(SPECIFIC)
    if r > 0.85:
        mask |= rng.choice(GENERIC)
    if r > 0.97:
        mask = 0
    return mask


def random_triple(rng):
    user = rng.choice(USERS)
    groups = rng.sample(GROUPS, rng.randint(0, 6))
    if rng.random() < 0.85:
        groups.insert(rng.randint(0, len(groups)), EVERYONE)
    token = [user] + groups
    privs = 0
    for bit in (PRIV_BACKUP, PRIV_RESTORE, PRIV_TAKE_OWNERSHIP, PRIV_SECURITY):
        if rng.random() < 0.2:
            privs |= bit
    mode = 'u' if user.startswith('S-1-22-1-') and rng.random() < 0.6 else 's'

    owner = rng.choice(token) if rng.random() < 0.5 else rng.choice(USERS + GROUPS)
    group = rng.choice(GROUPS)
    r = rng.random()
    dstate = 'absent' if r < 0.04 else 'null' if r < 0.08 else 'acl'
    aces = []
    if dstate == 'acl':
        for _ in range(rng.choice([0, 1, 2, 3, 3, 4, 5, 6, 8, 10])):
            t = rng.random()
            atype = A if t < 0.55 else D if t < 0.9 else OD if t < 0.95 else OA
            flags = 0
            if rng.random() < 0.25:
                flags |= IO
            for bit in (OI, CI, NP, ID):
                if rng.random() < 0.15:
                    flags |= bit
            sid = rng.choice(token if rng.random() < 0.5 else ACE_SIDS)
            guid = None
            if atype in (OA, OD) and rng.random() < 0.8:
                guid = bytes(rng.getrandbits(8) for _ in range(16))
            aces.append((atype, flags, random_mask(rng), sid, guid))

    r = rng.random()
    if r < 0.12:
        desired = MAXIMUM_ALLOWED
    elif r < 0.22:
        desired = MAXIMUM_ALLOWED | random_mask(rng)
    elif r < 0.28:
        desired = ACCESS_SYSTEM_SECURITY | (random_mask(rng) if rng.random() < 0.5 else 0)
    elif r < 0.34:
        desired = WRITE_OWNER | (random_mask(rng) if rng.random() < 0.5 else 0)
    elif r < 0.36:
        desired = 0
    elif r < 0.42:
        desired = rng.choice(GENERIC) | (rng.choice(SPECIFIC) if rng.random() < 0.3 else 0)
    else:
        desired = random_mask(rng)
    return mode, token, privs, (owner, group, dstate, aces), desired


def samba_check(sd_blob, token, privs, desired):
    sd = ndr_unpack(security.descriptor, sd_blob)
    tok = security.token()
    tok.num_sids = len(token)
    tok.sids = [security.dom_sid(s) for s in token]
    mask = 0
    for bit, sbit in SAMBA_PRIV.items():
        if privs & bit:
            mask |= sbit
    tok.privilege_mask = mask
    try:
        return ('ok', samba.security.access_check(sd, tok, desired))
    except Exception as e:  # NTSTATUSError
        status = e.args[0] if e.args else None
        if status == NT_STATUS_PRIVILEGE_NOT_HELD:
            return ('priv',)
        if status == NT_STATUS_ACCESS_DENIED:
            return ('denied',)
        raise


def winsec_in_samba_terms(rc, granted, reason):
    if rc == 0:
        return ('ok', granted)
    if reason == REASON_PRIVILEGE:
        return ('priv',)
    return ('denied',)


def owner_in_token(sd, token):
    return sd[0] in token


class Departure:
    def __init__(self, name, what):
        self.name = name
        self.what = what
        self.seen = 0       # triples in this category
        self.differed = 0   # of which winsec and Samba disagreed


# Samba 4.17's se_access_check departs from Windows (MS-DTYP 2.5.3.2) here,
# and only here. For each, the documented Samba outcome is computed and
# must be what Samba returns.
DEPARTURES = {
    'absent': Departure(
        'absent DACL',
        'Windows grants everything; Samba denies every request that is '
        'not empty, even one its privileges cover (MAXIMUM_ALLOWED puts '
        'the owner\'s READ_CONTROL|WRITE_DAC in the request, so an '
        'owner is denied and anybody else gets 0)'),
    'null-max': Departure(
        'NULL DACL, MAXIMUM_ALLOWED',
        'Windows grants GENERIC_ALL of the mapping (0x1f01ff); Samba grants '
        'the owner READ_CONTROL|WRITE_DAC or nothing, plus the specific '
        'rights asked, without checking SeSecurityPrivilege'),
    'null-ass': Departure(
        'NULL DACL, ACCESS_SYSTEM_SECURITY without SeSecurityPrivilege',
        'Windows refuses (the privilege is checked first); Samba grants, '
        'its NULL DACL test comes before the privilege test'),
    'max-nothing': Departure(
        'MAXIMUM_ALLOWED, nothing granted',
        'Windows denies; Samba succeeds with 0'),
}


def documented_samba(category, sd, token, privs, want):
    """The outcome Samba is documented to give in a departure category."""
    owner_rights = (READ_CONTROL | WRITE_DAC) if owner_in_token(sd, token) else 0
    maxa = want & MAXIMUM_ALLOWED
    specific = want & ~MAXIMUM_ALLOWED
    if category == 'null-max':
        return ('ok', owner_rights | specific)
    if category == 'null-ass':
        return ('ok', want)
    if category == 'max-nothing':
        return ('ok', 0)
    # absent DACL: every request that is not empty is denied
    request = (owner_rights if maxa else 0) | specific
    return ('denied',) if request else ('ok', 0)


def category_of(sd, privs, want, mine):
    dstate = sd[2]
    if dstate == 'absent':
        return 'absent'
    if dstate == 'null' and want & MAXIMUM_ALLOWED:
        return 'null-max'
    if (dstate == 'null' and want & ACCESS_SYSTEM_SECURITY and
            not privs & PRIV_SECURITY):
        return 'null-ass'
    if want & MAXIMUM_ALLOWED and mine[0] != 0 and mine[2] == REASON_NOTHING_GRANTED:
        return 'max-nothing'
    return None


def describe(triple):
    mode, token, privs, sd, desired = triple
    owner, group, dstate, aces = sd
    acl = ' '.join('(%x;%x;%#x;%s%s)' % (a[0], a[1], a[2], a[3],
                                          ';guid' if a[4] else '')
                   for a in aces)
    return ('desired %#x privs %#x mode %s token %s owner %s dacl %s %s' %
            (desired, privs, mode, ','.join(token), owner, dstate, acl))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--helper', required=True, help='path of access_helper')
    ap.add_argument('--count', type=int, default=20000)
    ap.add_argument('--seed', type=int, default=20261123)
    ap.add_argument('--show', type=int, default=10,
                    help='mismatches to print')
    args = ap.parse_args()

    rng = random.Random(args.seed)
    triples = [random_triple(rng) for _ in range(args.count)]
    lines = []
    for mode, token, privs, sd, desired in triples:
        lines.append('%s %x %x %s %s\n' % (mode, desired, privs, ','.join(token),
                                           sd_bytes(sd, False).hex()))
    proc = subprocess.run([args.helper], input=''.join(lines), text=True,
                          capture_output=True, check=True)
    answers = proc.stdout.splitlines()
    if len(answers) != len(triples):
        print('helper answered %d of %d requests' % (len(answers), len(triples)))
        print('RESULT 0 1')
        return 1

    passed = failed = 0
    exact = 0
    shown = 0
    for triple, answer in zip(triples, answers):
        mode, token, privs, sd, desired = triple
        if answer.startswith('bad'):
            failed += 1
            if shown < args.show:
                print('helper refused: %s: %s' % (answer, describe(triple)))
                shown += 1
            continue
        rc, granted, reason = answer.split()
        mine_raw = (int(rc), int(granted, 16), int(reason))
        mine = winsec_in_samba_terms(*mine_raw)
        want = map_generic(desired)
        theirs = samba_check(sd_bytes(sd, True), token, privs, want)
        cat = category_of(sd, privs, want, mine_raw)
        if cat:
            dep = DEPARTURES[cat]
            dep.seen += 1
            expected = documented_samba(cat, sd, token, privs, want)
            if theirs != expected:
                failed += 1
                if shown < args.show:
                    print('departure "%s" not as documented: samba %s, documented %s, winsec %s: %s'
                          % (dep.name, theirs, expected, mine, describe(triple)))
                    shown += 1
                continue
            if theirs != mine:
                dep.differed += 1
            passed += 1
            continue
        if theirs == mine:
            passed += 1
            exact += 1
        else:
            failed += 1
            if shown < args.show:
                print('MISMATCH samba %s winsec %s: %s' % (theirs, mine, describe(triple)))
                shown += 1

    print('%d triples (seed %d): %d identical, %d in a documented departure'
          % (len(triples), args.seed, exact,
             sum(d.seen for d in DEPARTURES.values())))
    print('documented departures of Samba 4.17 (triples seen / where the results differed):')
    for dep in DEPARTURES.values():
        print('  %-58s %5d / %5d  %s' % (dep.name, dep.seen, dep.differed, dep.what))
        if not dep.differed:
            failed += 1
            print('  ^ never reached with a difference: the generator or Samba changed')
    def count(pred):
        return sum(1 for t in triples if pred(t))

    print('coverage: %d with inherit-only ACEs, %d with OWNER RIGHTS ACEs, '
          '%d owned by the token, %d with object ACEs, %d MAXIMUM_ALLOWED, '
          '%d ACCESS_SYSTEM_SECURITY, %d WRITE_OWNER, %d with SeSecurity, '
          '%d with SeTakeOwnership, %d kernel-built tokens' % (
              count(lambda t: any(a[1] & IO for a in t[3][3])),
              count(lambda t: any(a[3] == OWNER_RIGHTS for a in t[3][3])),
              count(lambda t: t[3][0] in t[1]),
              count(lambda t: any(a[0] in (OA, OD) for a in t[3][3])),
              count(lambda t: t[4] & MAXIMUM_ALLOWED),
              count(lambda t: t[4] & ACCESS_SYSTEM_SECURITY),
              count(lambda t: map_generic(t[4]) & WRITE_OWNER),
              count(lambda t: t[2] & PRIV_SECURITY),
              count(lambda t: t[2] & PRIV_TAKE_OWNERSHIP),
              count(lambda t: t[0] == 'u')))
    granted = sum(1 for a in answers if a.startswith('0 '))
    print('winsec granted %d, denied %d' % (granted, len(answers) - granted))
    print('RESULT %d %d' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
