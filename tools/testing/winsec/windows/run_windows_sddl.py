#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Check winsec's SDDL library against descriptors and strings that came
out of Windows (see README in this directory for where they come from).

Every vector is one case:

  bytes files   (SDDL, bytes Windows made of it): parsing the SDDL must
                give exactly those bytes, and printing those bytes must give
                Windows' own text for them (the key itself, or the canonical
                text of the matching line of a .txt file).
  accepted      (input, Windows' output): the input parses, prints as
                Windows' output, and that output parses to the same bytes.
  refused       Windows refuses the string: winsec must refuse it too.

Cases listed in EXCEPTIONS are where winsec deliberately differs; each one
is checked to still behave exactly as documented, so an exception is an
assertion too. The last line is "RESULT <passed> <failed>".
"""

import argparse
import gzip
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# The domain SIDs the vectors were made with: the byte files use the
# first (domain-relative aliases such as LG expand to it), the strings of
# sddl-strings.json and the .txt files the second.
BYTES_DOMAIN = 'S-1-5-21-2457507606-2709100691-398136650'
TEXT_DOMAIN = 'S-1-2-3-4'

BYTE_FILES = [
    'short-ordinary-acls.json.gz',
    'short-ordinary-acls-v2.json.gz',
    'short-conditional-and-resource-aces-successes.json.gz',
    'short-conditional-and-resource-aces-tx-int.json.gz',
    'registry-object-rights.json',
    'oversize-acls.json',
    'conditional_aces.txt.json',
]

# name in sddl-strings.json -> what Windows does with those strings
STRING_SETS = {
    'non_canonical': 'accepted',
    'canonical': 'accepted',
    'windows_is_less_fussy': 'accepted',
    'windows_is_weird': 'accepted',
    'should_fail': 'refused',
    'windows_is_fussy': 'refused',
}

TXT_FILES = {
    'conditional_aces.txt': 'accepted',
    'conditional_aces_windows_only.txt': 'accepted',
    'conditional_aces_case_insensitive.txt': 'accepted-nocase',
    'conditional_aces_should_fail.txt': 'refused',
}


class Exc:
    """A documented difference from Windows.

    match(case) -> bool      the exception covers this case
    expect                   what winsec must do instead:
        ('refused',)                     refuses the input
        ('bytes-differ', check)          parses; check(ours, windows) says
                                         the difference is the documented one
        ('text', sddl)                   prints this instead of Windows' text
    """

    def __init__(self, name, why, match, expect):
        self.name = name
        self.why = why
        self.match = match
        self.expect = expect
        self.hits = 0


def decompose(sd):
    """(control, owner, group, sacl, dacl) of a self-relative descriptor;
    each ACL as (revision, size, ACE bytes, bytes after the last ACE)."""
    def le(off, n):
        return int.from_bytes(sd[off:off + n], 'little')

    def sid(off):
        return sd[off:off + 8 + 4 * sd[off + 1]] if off else None

    def acl(off):
        if not off:
            return None
        size, count = le(off + 2, 2), le(off + 4, 2)
        pos = off + 8
        for _ in range(count):
            pos += le(pos + 2, 2)
        return (sd[off], size, sd[off + 8:pos], sd[pos:off + size])

    return (le(2, 2), sid(le(4, 4)), sid(le(8, 4)), acl(le(12, 4)),
            acl(le(16, 4)))


def padded_acl(win):
    """Windows wrote an ACL longer than its ACEs."""
    try:
        parts = decompose(win)
    except (IndexError, ValueError):
        return False
    return any(a and a[3] for a in parts[3:])


def same_but_padding(ours, win):
    """The descriptors are equal but for Windows' ACLs carrying zero bytes
    after their last ACE and revision 4 where winsec writes 2."""
    o, w = decompose(ours), decompose(win)
    if o[:3] != w[:3]:
        return False
    for oa, wa in zip(o[3:], w[3:]):
        if (oa is None) != (wa is None):
            return False
        if oa is None:
            continue
        if oa[2] != wa[2] or oa[3] or any(wa[3]):
            return False
        if wa[3] and not (oa[0] == 2 and wa[0] == 4):
            return False
        if not wa[3] and oa[0] != wa[0]:
            return False
    return True


EXCEPTIONS = [
    Exc('padded-acl',
        'for some descriptors (duplicate ACEs, an ACE without rights) '
        'Windows makes the ACL longer than its ACEs, leaves zero bytes after '
        'the last one and marks it revision 4 though it holds no object '
        'ACE; winsec writes ACLs exactly as long as their ACEs, with the '
        'lowest revision that fits (MS-DTYP 2.4.5), which Windows reads',
        lambda c: c['kind'] == 'bytes' and
        padded_acl(bytes.fromhex(c['bytes'])),
        ('bytes-differ', same_but_padding)),
    Exc('sid-saturation',
        'Windows reads a SID sub-authority above 0xffffffff as 0xffffffff '
        '(S-1-3-4294967296 becomes S-1-3-4294967295); winsec refuses it: '
        'a typo must not silently name another principal',
        lambda c: c['set'] == 'windows_is_weird' and
        c['input'] in ('D:(A;;GA;;;S-1-3-4294967296-3-4)',
                       'D:(A;;GA;;;S-1-3-0x100000000-3-4)',
                       'D:(A;;GA;;;S-1-5-21-0x1313131313131-513)'),
        ('refused',)),
    Exc('sid-hex-revision',
        'Windows accepts "S-0x1-" and then reads every later number of '
        'the SID as hex (S-0x1-20-0-579 is S-1-32-0-1401); winsec refuses '
        'a revision written in hex rather than read decimal digits as hex',
        lambda c: c['set'] == 'windows_is_weird' and
        c['input'].replace('O:', 'D:(A;;CC;;;').startswith('D:(A;;CC;;;S-0x1-'),
        ('refused',)),
    Exc('sid-inner-space',
        'Windows skips spaces after the "-" before the revision and the '
        'authority of a SID ("S- 1- 2-3"); winsec refuses white space '
        'inside a SID anywhere',
        lambda c: c['set'] == 'windows_is_less_fussy' and
        c['input'] == 'O:S- 1- 2-3',
        ('refused',)),
]


def load_bytes_file(name):
    path = os.path.join(HERE, name)
    opener = gzip.open if name.endswith('.gz') else open
    with opener(path, 'rt', encoding='utf-8') as f:
        return json.load(f)


def load_txt(name):
    pairs = []
    with open(os.path.join(HERE, name), encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.startswith('#') or not line.strip():
                continue
            a, _, b = line.partition(' -> ')
            pairs.append((a, b if b else a))
    return pairs


class Helper:
    """Answers of sddl_helper, asked in one batch per domain (the helper
    writes through a buffered stdout, so it is run once over all requests
    rather than spoken to line by line)."""

    def __init__(self, path, domain):
        self.path = path
        self.domain = domain
        self.cache = {}

    def prefetch(self, requests):
        todo = sorted({r for r in requests if r not in self.cache})
        for r in todo:
            if '\n' in r[1]:
                raise ValueError('newline in a request')
        data = ''.join('%s\t%s\n' % r for r in todo)
        p = subprocess.run([self.path, self.domain], input=data,
                           capture_output=True, text=True,
                           encoding='utf-8', errors='replace')
        lines = p.stdout.split('\n')
        if p.returncode or len(lines) < len(todo):
            sys.exit('sddl_helper failed (status %d, %d answers for %d)'
                     % (p.returncode, len(lines) - 1, len(todo)))
        for r, line in zip(todo, lines):
            self.cache[r] = line.split('\t')

    def parse(self, sddl):
        """(hex, printed text) or (None, error message)."""
        r = self.cache[('R', sddl)]
        if r[0] == 'ok':
            return r[1], r[2]
        return None, r[-1]

    def show(self, hexstr):
        """(text, hex of its parse) or (None, error)."""
        r = self.cache[('B', hexstr)]
        if r[0] == 'ok':
            return r[1], r[2]
        return None, r[-1]


def build_cases():
    cases = []
    txt_out = {}
    for name, kind in TXT_FILES.items():
        for a, b in load_txt(name):
            cases.append({'set': name, 'kind': kind, 'input': a,
                          'output': b, 'domain': 'text'})
            if kind == 'accepted':
                txt_out.setdefault(a, b)
    with open(os.path.join(HERE, 'sddl-strings.json'),
              encoding='utf-8') as f:
        strings = json.load(f)
    for name, kind in STRING_SETS.items():
        for a, b in strings[name]:
            cases.append({'set': name, 'kind': kind, 'input': a,
                          'output': b, 'domain': 'text'})
    for name in BYTE_FILES:
        for sddl, data in load_bytes_file(name).items():
            cases.append({'set': name, 'kind': 'bytes', 'input': sddl,
                          'output': txt_out.get(sddl, sddl),
                          'bytes': bytes(data).hex(), 'domain': 'bytes'})
    return cases


def check(case, h):
    """List of problems (empty: as Windows)."""
    probs = []
    kind = case['kind']
    hx, text = h.parse(case['input'])
    if kind == 'refused':
        if hx is not None:
            probs.append('accepted (printed %s); Windows refuses it' % text)
        return probs, hx, text
    if hx is None:
        probs.append('refused (%s); Windows accepts it' % text)
        return probs, hx, text
    if kind == 'bytes':
        if hx != case['bytes']:
            probs.append('bytes differ:\n   ours    %s\n   windows %s' %
                         (hx, case['bytes']))
        wtext, _ = h.show(case['bytes'])
        if wtext != case['output']:
            probs.append('Windows bytes print as %s\n   expected %s' %
                         (wtext, case['output']))
        return probs, hx, text
    same = text.lower() == case['output'].lower() \
        if kind == 'accepted-nocase' else text == case['output']
    if not same:
        probs.append('prints %s\n   Windows %s' % (text, case['output']))
    else:
        hx2, _ = h.parse(case['output'])
        if hx2 != hx:
            probs.append('Windows output %s parses to other bytes' %
                         case['output'])
    return probs, hx, text


def check_exception(exc, case, h, hx, text):
    """None when the case behaves as the exception documents."""
    e = exc.expect
    if e[0] == 'refused':
        return None if hx is None else 'accepted, printed %s' % text
    if hx is None:
        return 'refused (%s)' % text
    if e[0] == 'bytes-differ':
        if not e[1](bytes.fromhex(hx), bytes.fromhex(case['bytes'])):
            return 'bytes differ from Windows in another way:\n' \
                '   ours    %s\n   windows %s' % (hx, case['bytes'])
        return None
    if e[0] == 'text':
        return None if text == e[1] else 'prints %s' % text
    return 'unknown expectation'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--helper', required=True,
                    help='path of sddl_helper (tools/testing/winsec/samba)')
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('--max-report', type=int, default=40)
    args = ap.parse_args()

    helpers = {'text': Helper(args.helper, TEXT_DOMAIN),
               'bytes': Helper(args.helper, BYTES_DOMAIN)}
    cases = build_cases()
    for dom, h in helpers.items():
        reqs = []
        for c in cases:
            if c['domain'] != dom:
                continue
            reqs += [('R', c['input']), ('R', c['output'])]
            if 'bytes' in c:
                reqs.append(('B', c['bytes']))
        h.prefetch(reqs)
    passed = failed = 0
    reported = 0
    per_set = {}
    for case in cases:
        h = helpers[case['domain']]
        probs, hx, text = check(case, h)
        excs = [e for e in EXCEPTIONS if e.match(case)]
        if excs:
            exc = excs[0]
            exc.hits += 1
            bad = check_exception(exc, case, h, hx, text)
            if bad:
                probs = ['exception %s no longer holds: %s' % (exc.name, bad)]
            elif not probs:
                probs = ['exception %s: now behaves as Windows; remove the '
                         'exception' % exc.name]
            else:
                probs = []
        st = per_set.setdefault(case['set'], [0, 0])
        if probs:
            failed += 1
            st[1] += 1
            if reported < args.max_report or args.verbose:
                reported += 1
                print('FAIL [%s] %r' % (case['set'], case['input'][:300]))
                for p in probs:
                    print('   ' + p[:1500])
        else:
            passed += 1
            st[0] += 1
    for exc in EXCEPTIONS:
        if not exc.hits:
            failed += 1
            print('FAIL exception %s matches no vector' % exc.name)
    for name, (p, f) in per_set.items():
        print('%-58s %6d passed %5d failed' % (name, p, f))
    print('exceptions: ' + ', '.join('%s (%d)' % (e.name, e.hits)
                                     for e in EXCEPTIONS))
    print('RESULT %d %d' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
