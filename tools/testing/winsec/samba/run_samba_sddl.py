#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Differential test of winsec's SDDL library against Samba.

For every SDDL string of the corpus (corpus.sddl) and of a reproducible set
of generated descriptors:

  * winsec parses it (through sddl_helper, one process for all cases);
  * the binary is checked for the Windows layout (SACL, DACL, owner, group,
    packed from offset 20) and the ACL revision rule (2, or 4 when the ACL
    holds an object ACE);
  * SDDL -> binary -> SDDL -> binary must be stable (same bytes, same text);
  * Samba's from_sddl() parses the same string (or the rewrite that a gap
    entry documents) and both binaries are decoded here, independently of
    either implementation, into (control, RM byte, owner, group, SACL,
    DACL) with every ACE's type, flags, mask, object GUIDs, SID and
    trailing data; the two must be equal;
  * winsec must read Samba's binary (Samba's layout) back to the same
    descriptor, and read the SDDL that Samba prints back to Samba's
    descriptor.

Samba 4.17 lacks parts of the grammar and differs on others. Every such
difference is an entry of GAPS below: what, why, which cases it touches,
how the comparison works around it, and a probe that fails when Samba no
longer behaves as documented. Nothing else is excused.

Exit status 0 when everything passed. Last line: RESULT <passed> <failed>,
counting each corpus line, each generated descriptor and each gap probe as
one case.

Run with Debian's interpreter: /usr/bin/python3 (python3-samba).
"""

import argparse
import os
import random
import re
import struct
import subprocess
import sys

import samba
from samba.dcerpc import security
from samba.ndr import ndr_pack

HERE = os.path.dirname(os.path.abspath(__file__))
DOMAIN = 'S-1-5-21-1004336348-1177238915-682003330'
SEED = 20261123
GENERATED = 10000

SAMBA_DOMAIN = security.dom_sid(DOMAIN)

# ACE types (MS-DTYP 2.4.4.1)
OBJECT_TYPES = {0x05, 0x06, 0x07, 0x08, 0x0b, 0x0c, 0x0f, 0x10}
SAMBA_TYPES = {'A', 'D', 'OA', 'OD', 'AU', 'AL', 'OU', 'OL'}
TYPE_CODES = {'A': 0x0, 'D': 0x1, 'AU': 0x2, 'AL': 0x3, 'OA': 0x5, 'OD': 0x6,
              'OU': 0x7, 'OL': 0x8, 'XA': 0x9, 'XD': 0xa, 'ZA': 0xb,
              'XU': 0xd, 'ML': 0x11, 'RA': 0x12, 'SP': 0x13}
LABEL = 0x11
AUDIT = 0x02

# Rights letters and aliases (MS-DTYP 2.5.1.1; reference table). Used only
# to turn a rights field into a number for Samba where a gap says so.
RIGHTS = {
    'GA': 0x10000000, 'GX': 0x20000000, 'GW': 0x40000000, 'GR': 0x80000000,
    'SD': 0x00010000, 'RC': 0x00020000, 'WD': 0x00040000, 'WO': 0x00080000,
    'CC': 0x1, 'DC': 0x2, 'LC': 0x4, 'SW': 0x8, 'RP': 0x10, 'WP': 0x20,
    'DT': 0x40, 'LO': 0x80, 'CR': 0x100,
    'FA': 0x001f01ff, 'FR': 0x00120089, 'FW': 0x00120116, 'FX': 0x001200a0,
    'KA': 0x000f003f, 'KR': 0x00020019, 'KW': 0x00020006, 'KX': 0x00020019,
}
LABEL_RIGHTS = {'NW': 0x1, 'NR': 0x2, 'NX': 0x4}

# Control bits
SE_DACL_PRESENT = 0x0004
SE_SACL_PRESENT = 0x0010


# --------------------------------------------------------------------------
# Binary descriptors: an independent decoder into a comparable form.
# --------------------------------------------------------------------------

class Malformed(Exception):
    pass


def _sid(b, off):
    if off + 8 > len(b):
        raise Malformed('SID header outside the buffer')
    rev, n = b[off], b[off + 1]
    if off + 8 + 4 * n > len(b):
        raise Malformed('SID outside the buffer')
    auth = int.from_bytes(b[off + 2:off + 8], 'big')
    subs = struct.unpack_from('<%dI' % n, b, off + 8)
    return (rev, auth, subs), 8 + 4 * n


def _acl(b, off):
    if off + 8 > len(b):
        raise Malformed('ACL header outside the buffer')
    rev, _, size, count, _ = struct.unpack_from('<BBHHH', b, off)
    end = off + size
    if end > len(b):
        raise Malformed('ACL outside the buffer')
    aces = []
    p = off + 8
    for _ in range(count):
        if p + 8 > end:
            raise Malformed('ACE outside its ACL')
        typ, flags, asz = struct.unpack_from('<BBH', b, p)
        if asz < 8 or p + asz > end:
            raise Malformed('bad ACE size')
        mask, = struct.unpack_from('<I', b, p + 4)
        q = p + 8
        objflags = ot = iot = None
        if typ in OBJECT_TYPES:
            objflags, = struct.unpack_from('<I', b, q)
            q += 4
            if objflags & 1:
                ot = bytes(b[q:q + 16])
                q += 16
            if objflags & 2:
                iot = bytes(b[q:q + 16])
                q += 16
        sid, n = _sid(b[:p + asz], q)
        q += n
        aces.append((typ, flags, mask, objflags, ot, iot, sid,
                     bytes(b[q:p + asz])))
        p += asz
    return rev, size, tuple(aces)


def decode(b):
    """Decode a self-relative descriptor into a comparable dict."""
    if len(b) < 20:
        raise Malformed('shorter than the header')
    rev, rm, control, oo, og, os_, od = struct.unpack_from('<BBHIIII', b, 0)
    sd = {'revision': rev, 'rm': rm, 'control': control,
          'owner': _sid(b, oo)[0] if oo else None,
          'group': _sid(b, og)[0] if og else None,
          'offsets': {'owner': oo, 'group': og, 'sacl': os_, 'dacl': od},
          'acl_revision': {}, 'acl_size': {}}
    for name, off, bit in (('sacl', os_, SE_SACL_PRESENT),
                           ('dacl', od, SE_DACL_PRESENT)):
        if not control & bit:
            sd[name] = 'absent'
        elif not off:
            sd[name] = 'NULL'
        else:
            r, size, aces = _acl(b, off)
            sd[name] = aces
            sd['acl_revision'][name] = r
            sd['acl_size'][name] = size
    return sd


def content(sd):
    """The part of a decoded descriptor that both sides must agree on."""
    return (sd['control'], sd['rm'], sd['owner'], sd['group'],
            sd['sacl'], sd['dacl'])


def layout_problem(b, sd):
    """Why @b is not in the layout Windows writes, or None."""
    pos = 20
    for name in ('sacl', 'dacl', 'owner', 'group'):
        off = sd['offsets'][name]
        if not off:
            continue
        if off != pos:
            return '%s at offset %d, expected %d' % (name, off, pos)
        if name in ('sacl', 'dacl'):
            pos += sd['acl_size'][name]
            aces = sd[name]
            want = 4 if any(a[0] in OBJECT_TYPES for a in aces) else 2
            if sd['acl_revision'][name] != want:
                return '%s revision %d, expected %d' % (
                    name, sd['acl_revision'][name], want)
            used = 8 + sum(_ace_len(a) for a in aces)
            if used != sd['acl_size'][name]:
                return '%s has %d unused bytes' % (
                    name, sd['acl_size'][name] - used)
        else:
            pos += 8 + 4 * len(sd[name][2])
    if pos != len(b):
        return 'length %d, parts end at %d' % (len(b), pos)
    return None


def _ace_len(a):
    typ, _, _, objflags, ot, iot, sid, app = a
    n = 8 + 8 + 4 * len(sid[2]) + len(app)
    if typ in OBJECT_TYPES:
        n += 4 + (16 if ot else 0) + (16 if iot else 0)
    return n


def map_aces(sd, fn):
    """Apply @fn to the ACE tuples of both ACLs (None drops the ACE)."""
    for name in ('sacl', 'dacl'):
        if isinstance(sd[name], tuple):
            sd[name] = tuple(x for x in (fn(a) for a in sd[name])
                             if x is not None)


# --------------------------------------------------------------------------
# SDDL split into fields, only to rewrite what a gap entry asks for.
# --------------------------------------------------------------------------

SID_RE = re.compile(r'[sS]-\d+-(?:0[xX][0-9a-fA-F]+|\d+)(?:-\d+)*|[A-Za-z]{2}')
ACL_FLAG_RE = re.compile(r'(?i)NO_ACCESS_CONTROL|P|AI|AR')
WS = ' \t'


class Split:
    """A descriptor as components; ACEs as lists of fields."""

    def __init__(self, text):
        self.text = text
        self.comps = []         # [letter, sid] or [letter, [flags], [aces]]
        self.lower_letter = False   # a component letter in lower case
        self.null_acls = []         # letters of the NO_ACCESS_CONTROL ACLs
        self.ok = self._split(text)

    def _split(self, s):
        i, n = 0, len(s)
        while True:
            while i < n and s[i] in WS:
                i += 1
            if i == n:
                return True
            if s[i].upper() not in 'OGDS':
                return False
            letter = s[i].upper()
            self.lower_letter |= s[i] != letter
            i += 1
            while i < n and s[i] in WS:
                i += 1
            if i == n or s[i] != ':':
                return False
            i += 1
            while i < n and s[i] in WS:
                i += 1
            if letter in 'OG':
                m = SID_RE.match(s, i)
                if not m:
                    return False
                self.comps.append([letter, m.group(0)])
                i = m.end()
                continue
            flags = []
            while True:
                while i < n and s[i] in WS:
                    i += 1
                m = ACL_FLAG_RE.match(s, i)
                if not m or (m.group(0).upper() in ('AI', 'AR') and
                             i + 2 < n and s[i + 2] == ':'):
                    break
                flags.append(m.group(0))
                if m.group(0).upper() == 'NO_ACCESS_CONTROL':
                    self.null_acls.append(letter)
                i = m.end()
            aces = []
            while True:
                while i < n and s[i] in WS:
                    i += 1
                if i == n or s[i] != '(':
                    break
                depth, j = 0, i
                while j < n:
                    if s[j] == '(':
                        depth += 1
                    elif s[j] == ')':
                        depth -= 1
                        if depth == 0:
                            break
                    j += 1
                if j == n:
                    return False
                aces.append(self._fields(s[i + 1:j]))
                i = j + 1
            self.comps.append([letter, flags, aces])

    @staticmethod
    def _fields(body):
        fields, depth, cur = [], 0, ''
        for c in body:
            if c == ';' and depth == 0 and len(fields) < 6:
                fields.append(cur)
                cur = ''
                continue
            depth += (c == '(') - (c == ')')
            cur += c
        fields.append(cur)
        return [f.strip(WS) if k < 6 else f for k, f in enumerate(fields)]

    def aces(self):
        for c in self.comps:
            if c[0] in 'DS':
                for a in c[2]:
                    yield c[0], a

    def render(self):
        out = []
        for c in self.comps:
            if c[0] in 'OG':
                out.append('%s:%s' % (c[0], c[1]))
            else:
                out.append('%s:%s%s' % (c[0], ''.join(c[1]), ''.join(
                    '(' + ';'.join(a) + ')' for a in c[2])))
        return ''.join(out)


def is_number(field):
    return bool(field) and (field[0].isdigit() or field[0] in '+-')


def win_number(tok):
    """A rights number the way Windows reads it (strtoul, base 0)."""
    t, neg = tok, False
    if t[0] in '+-':
        neg, t = t[0] == '-', t[1:]
    if t[:2].lower() == '0x':
        v = int(t[2:], 16)
    elif len(t) > 1 and t[0] == '0':
        v = int(t, 8)
    else:
        v = int(t, 10)
    if v > 0xffffffff:
        return 0xffffffff
    return (-v) & 0xffffffff if neg else v


def rights_value(field, label):
    if is_number(field):
        return win_number(field)
    table = dict(RIGHTS, **LABEL_RIGHTS) if label else RIGHTS
    v = 0
    for k in range(0, len(field), 2):
        v |= table[field[k:k + 2].upper()]
    return v


def rights_letters(field):
    return [] if is_number(field) else [
        field[k:k + 2].upper() for k in range(0, len(field), 2)]


# --------------------------------------------------------------------------
# Samba 4.17's gaps: the one list of what is excused, and why.
# --------------------------------------------------------------------------

def samba_sd(text):
    return security.descriptor.from_sddl(text, SAMBA_DOMAIN)


def samba_refuses(text):
    try:
        samba_sd(text)
    except Exception:       # Samba raises a plain TypeError/ValueError
        return True
    return False


def samba_decoded(text):
    return decode(ndr_pack(samba_sd(text)))


class Gap:
    """One documented difference of Samba 4.17.

    applies(split) -> bool    the case touches the gap
    rewrite(split)            change the text given to Samba (in place)
    samba_fix(sd, split)      adjust Samba's decoded result
    ours_fix(sd)              adjust winsec's decoded result
    skip, skip_if(split)      compare nothing with Samba for such a case
    per_component             Samba reads each component on its own
    excuses_accept            Samba accepting a string that winsec must
                              refuse is explained by this gap
    probe() -> bool           True while Samba still behaves as described
    """

    def __init__(self, name, what, why, probe, applies=None, rewrite=None,
                 samba_fix=None, ours_fix=None, skip=False,
                 excuses_accept=False, always=False, per_component=False,
                 skip_if=None):
        self.name, self.what, self.why = name, what, why
        self.probe = probe
        self.applies = applies or (lambda sp: always)
        self.rewrite = rewrite
        self.samba_fix = samba_fix
        self.ours_fix = ours_fix
        self.skip = skip
        self.skip_if = skip_if
        self.per_component = per_component
        self.excuses_accept = excuses_accept
        self.always = always
        self.count = 0


def _field_rewrite(pred, fn):
    def rewrite(sp):
        for _, a in sp.aces():
            if pred(a):
                fn(a)
    return rewrite


def _to_hex(a):
    a[2] = '0x%x' % rights_value(a[2], a[0].upper() == 'ML')


def _num_needs_fix(f):
    if not is_number(f):
        return False
    if not re.fullmatch(r'0x[0-9a-fA-F]+', f):
        return True
    return int(f, 16) > 0xffffffff


def _has_lower(sp):
    if sp.lower_letter:
        return True
    for c in sp.comps:
        if c[0] in 'OG':
            if c[1] != c[1].upper() and not c[1][:4].lower() == 's-1-0':
                return True
        else:
            if any(f != f.upper() for f in c[1]):
                return True
            for a in c[2]:
                if a[0] != a[0].upper() or a[1] != a[1].upper():
                    return True
                if not is_number(a[2]) and a[2] != a[2].upper():
                    return True
                if a[5] != a[5].upper():
                    return True
    return False


def _upper(sp):
    for c in sp.comps:
        if c[0] in 'OG':
            c[1] = c[1].upper()
        else:
            c[1][:] = [f.upper() for f in c[1]]
            for a in c[2]:
                a[0], a[1], a[5] = a[0].upper(), a[1].upper(), a[5].upper()
                if not is_number(a[2]):
                    a[2] = a[2].upper()


def _outside_conditions(sp):
    t = sp.text
    for _, a in sp.aces():
        if len(a) > 6:
            t = t.replace(a[6], '')
    return t


def _no_space(a):
    for k in range(min(len(a), 6)):
        a[k] = re.sub(r'\s', '', a[k])


ACE_FLAG_LETTERS = [(0x01, 'OI'), (0x02, 'CI'), (0x04, 'NP'), (0x08, 'IO'),
                    (0x10, 'ID'), (0x40, 'SA'), (0x80, 'FA')]


def _number_to_letters(a):
    if is_number(a[0]):
        v = win_number(a[0])
        names = [k for k, t in TYPE_CODES.items() if t == v]
        if names:
            a[0] = names[0]
    if is_number(a[1]):
        v = win_number(a[1])
        a[1] = ''.join(n for b, n in ACE_FLAG_LETTERS if v & b)


def _hex_auth(s):
    return bool(re.match(r'(?i)s-\d+-0x', s))


def _dec_auth(s):
    m = re.match(r'(?i)s-(\d+)-0x([0-9a-f]+)(.*)', s)
    return 'S-%s-%d%s' % (m.group(1), int(m.group(2), 16), m.group(3))


def _null_rewrite(sp):
    for c in sp.comps:
        if c[0] in 'DS':
            c[1][:] = [f for f in c[1] if f.upper() != 'NO_ACCESS_CONTROL']


def _null_fix(sd, sp):
    for letter in sp.null_acls:
        name = 'dacl' if letter == 'D' else 'sacl'
        sd[name] = 'NULL'


def _retype(frm, to):
    def fn(a):
        return (to,) + a[1:] if a[0] == frm else a
    return fn


def _no_guid_object(a):
    if a[0] in (0x5, 0x6) and a[3] == 0:
        return (a[0] - 5, a[1], a[2], None, None, None, a[6], a[7])
    return a


def _drop_unknown(a):
    return None if a[0] not in {0, 1, 2, 3, 5, 6, 7, 8, LABEL} else a


def _samba_mask(text):
    return samba_decoded(text)['dacl'][0][2]


GAPS = [
    Gap('layout',
        'Samba packs owner, group, SACL, DACL in that order',
        'ndr_pack follows the IDL order; Windows and winsec write SACL, '
        'DACL, owner, group. Both are decoded and compared part by part; '
        'winsec\'s own layout is checked separately.',
        probe=lambda: (lambda o: o['owner'] < o['group'] < o['sacl'] <
                       o['dacl'])(samba_decoded('O:BAG:SYD:S:')['offsets']),
        always=True),
    Gap('acl-revision',
        'Samba writes ACL revision 4 for every ACL',
        'Windows uses revision 2 unless the ACL holds an object ACE. The '
        'revision is left out of the comparison; winsec\'s is checked '
        'against the rule separately.',
        probe=lambda: samba_decoded('D:(A;;GA;;;WD)')['acl_revision'][
            'dacl'] == 4,
        always=True),
    Gap('numeric-type-or-flags',
        'ACE types and flags written as numbers',
        'winsec writes and reads "0x.." for a type or flag bit that has no '
        'letter code (its extension); Samba reads any numeric type as A and '
        'numeric flags as none. Samba is '
        'given the letters when every bit has one; an ACE with a flag bit '
        'without a letter is not compared with Samba.',
        probe=lambda: samba_decoded('D:(0x1;;GA;;;WD)')['dacl'][0][0] == 0
        and samba_decoded('D:(A;0x3;GA;;;WD)')['dacl'][0][1] == 0,
        applies=lambda sp: any(is_number(a[0]) or is_number(a[1])
                               for _, a in sp.aces()),
        rewrite=_field_rewrite(lambda a: True, _number_to_letters),
        skip_if=lambda sp: any(is_number(a[1]) and
                               win_number(a[1]) & ~0xdf
                               for _, a in sp.aces())),
    Gap('ml-ace',
        'no SYSTEM_MANDATORY_LABEL ACE (ML) nor its rights NW NR NX',
        'Samba 4.17 has no ML in its SDDL tables. Samba is given an AU ACE '
        'with the same flags, numeric mask and SID; winsec\'s type 0x11 is '
        'compared as 0x02.',
        probe=lambda: samba_refuses('S:(ML;;NW;;;LW)') and
        samba_refuses('S:(AU;;NW;;;LW)'),
        applies=lambda sp: any(a[0].upper() == 'ML' for _, a in sp.aces()),
        rewrite=_field_rewrite(lambda a: a[0].upper() == 'ML',
                               lambda a: (_to_hex(a), a.__setitem__(0, 'AU'))),
        ours_fix=lambda sd: map_aces(sd, _retype(LABEL, AUDIT))),
    Gap('key-rights',
        'no registry rights KA KR KW KX',
        'Missing from Samba 4.17\'s rights table. Samba is given the mask '
        'as a hex number.',
        probe=lambda: samba_refuses('D:(A;;KA;;;WD)') and
        samba_refuses('D:(A;;KR;;;WD)'),
        applies=lambda sp: any(set(rights_letters(a[2])) &
                               {'KA', 'KR', 'KW', 'KX'}
                               for _, a in sp.aces()),
        rewrite=_field_rewrite(
            lambda a: set(rights_letters(a[2])) & {'KA', 'KR', 'KW', 'KX'},
            _to_hex)),
    Gap('fa-right',
        'FA decoded as 0x1ff instead of FILE_ALL_ACCESS 0x1f01ff',
        'Samba 4.17 maps FA to its own SEC_FILE_ALL (specific rights only). '
        'Samba is given the mask as a hex number.',
        probe=lambda: _samba_mask('D:(A;;FA;;;WD)') == 0x1ff,
        applies=lambda sp: any('FA' in rights_letters(a[2])
                               for _, a in sp.aces()),
        rewrite=_field_rewrite(lambda a: 'FA' in rights_letters(a[2]),
                               _to_hex)),
    Gap('numbers',
        'rights numbers other than "0x" + hex; masks above 32 bits',
        'Samba reads a number only after a lower-case "0x" (strtol base 16, '
        'truncated to 32 bits, garbage ignored); decimal, octal, signed and '
        '"0X" numbers silently become 0. Windows reads them with strtoul '
        'base 0, saturating. Samba is given the Windows value in hex.',
        probe=lambda: _samba_mask('D:(A;;16;;;WD)') == 0 and
        _samba_mask('D:(A;;0X10;;;WD)') == 0 and
        _samba_mask('D:(A;;0x100000000;;;WD)') == 0 and
        _samba_mask('D:(A;;0xzz;;;WD)') == 0,
        applies=lambda sp: any(_num_needs_fix(a[2]) for _, a in sp.aces()),
        rewrite=_field_rewrite(lambda a: _num_needs_fix(a[2]), _to_hex),
        excuses_accept=True),
    Gap('lowercase',
        'aliases, letters and component names only in upper case',
        'Windows accepts any case; Samba 4.17 refuses lower-case component '
        'letters and SIDs and reads lower-case ACE fields wrongly. Samba is '
        'given the string in upper case (GUIDs and numbers untouched).',
        probe=lambda: samba_refuses('d:(A;;GA;;;WD)') and
        samba_refuses('D:(A;;GA;;;wd)') and
        samba_decoded('D:(A;oi;GA;;;WD)')['dacl'][0][1] == 0,
        applies=_has_lower, rewrite=_upper),
    Gap('whitespace',
        'spaces between components, before SIDs and between ACEs',
        'Windows skips white space between tokens; Samba 4.17 refuses it in '
        'most places. Samba is given the string without it.',
        probe=lambda: samba_refuses('O:BA G:SY') and
        samba_refuses('D:(A;;GA;;; WD)'),
        applies=lambda sp: bool(re.search(r'\s', _outside_conditions(sp))),
        rewrite=_field_rewrite(lambda a: True, _no_space)),
    Gap('null-acl',
        'no NO_ACCESS_CONTROL (NULL DACL or SACL)',
        'Samba 4.17 has no SDDL for a NULL ACL. Samba is given an empty ACL '
        'with the same flags, and its result is compared with that ACL '
        'taken as NULL.',
        probe=lambda: samba_refuses('D:NO_ACCESS_CONTROL'),
        applies=lambda sp: bool(sp.null_acls),
        rewrite=_null_rewrite, samba_fix=_null_fix),
    Gap('flagged-empty-acl',
        'an ACL with flags and no ACEs followed by another component',
        'Samba 4.17 reads the next component letter as an ACL flag and '
        'refuses the string ("D:PS:AI"). Samba is given each component on '
        'its own and the parts are put together.',
        probe=lambda: samba_refuses('D:PS:') and not samba_refuses('D:P')
        and not samba_refuses('S:'),
        applies=lambda sp: any(
            c[0] in 'DS' and c[1] and not c[2] and k + 1 < len(sp.comps)
            for k, c in enumerate(sp.comps)),
        per_component=True),
    Gap('conditional-aces',
        'no callback, conditional, resource-attribute or scoped-policy ACEs '
        '(XA XD XU ZA RA SP, numeric types)',
        'Samba 4.17 knows only A D OA OD AU AL OU OL in SDDL. Those ACEs are '
        'left out on both sides; the rest of the descriptor is compared.',
        probe=lambda: samba_refuses('D:(XA;;FA;;;WD;(Member_of {SID(BA)}))')
        and samba_refuses('S:(RA;;;;;WD;("A",TI,0,1))'),
        applies=lambda sp: any(a[0].upper() not in SAMBA_TYPES | {'ML'}
                               for _, a in sp.aces()),
        rewrite=lambda sp: [c.__setitem__(2, [a for a in c[2] if
                                              a[0].upper() in
                                              SAMBA_TYPES | {'ML'}])
                            for c in sp.comps if c[0] in 'DS'],
        ours_fix=lambda sd: map_aces(sd, _drop_unknown)),
    Gap('object-ace-without-guid',
        'OA/OD without GUIDs stay object ACEs',
        'Windows stores OA and OD with neither GUID as A and D (MicrosoftDocs '
        'ace-strings); Samba keeps type 5/6 with object flags 0. Samba\'s '
        'result is compared with such ACEs turned into A/D.',
        probe=lambda: samba_decoded('D:(OA;;CC;;;WD)')['dacl'][0][0] == 5,
        applies=lambda sp: any(a[0].upper() in ('OA', 'OD') and
                               not a[3] and not a[4]
                               for _, a in sp.aces()),
        samba_fix=lambda sd, sp: map_aces(sd, _no_guid_object)),
    Gap('hex-authority',
        'SID authority written in hex (S-1-0x123456789ABC-1)',
        'Windows prints authorities of 2^32 and above in hex and reads them '
        'back; Samba 4.17 only reads decimal. Samba is given the decimal '
        'form.',
        probe=lambda: samba_refuses('O:S-1-0x123456789abc-1') and not
        samba_refuses('O:S-1-20015998343868-1'),
        applies=lambda sp: any(_hex_auth(c[1]) for c in sp.comps
                               if c[0] in 'OG') or
        any(_hex_auth(a[5]) for _, a in sp.aces()),
        rewrite=lambda sp: [
            [c.__setitem__(1, _dec_auth(c[1])) for c in sp.comps
             if c[0] in 'OG' and _hex_auth(c[1])],
            [a.__setitem__(5, _dec_auth(a[5])) for _, a in sp.aces()
             if _hex_auth(a[5])]]),
    Gap('ace-type-placement',
        'any ACE type accepted in either ACL',
        'Samba puts an audit or label ACE in a DACL and an allow or deny ACE '
        'in a SACL as asked; winsec\'s validator refuses types that have no '
        'meaning in that ACL (a design decision, so that a DACL never holds '
        'an ACE that the access check would silently skip).',
        probe=lambda: not samba_refuses('D:(AU;SA;GA;;;WD)') and
        not samba_refuses('S:(A;;GA;;;WD)'),
        applies=lambda sp: any(
            (letter == 'D' and a[0].upper() in ('AU', 'AL', 'OU', 'OL',
                                                'ML')) or
            (letter == 'S' and a[0].upper() in ('A', 'D', 'OA', 'OD'))
            for letter, a in sp.aces()),
        excuses_accept=True),
    Gap('zero-subauthorities',
        'SIDs without sub-authorities (S-1-5) accepted',
        'MS-DTYP allows a SID with no sub-authority, but winsec refuses it '
        'everywhere (validator invariant 1..15: the CVE-2025-22038 class). '
        'Samba accepts it; such strings are marked "!" in the corpus.',
        probe=lambda: not samba_refuses('O:S-1-5'),
        applies=lambda sp: any(re.fullmatch(r'(?i)s-\d+-\d+', s) for s in
                               [c[1] for c in sp.comps if c[0] in 'OG'] +
                               [a[5] for _, a in sp.aces()]),
        excuses_accept=True),
    Gap('space-after-rights',
        'white space after the rights field accepted ("GA ;")',
        'Samba 4.17 drops white space around the rights; Windows refuses '
        'it after the last letter pair or number (Samba\'s own Windows '
        'vectors, tools/testing/winsec/windows), and so does winsec.',
        probe=lambda: not samba_refuses('D:(A;;GA ;;;WD)'),
        applies=lambda sp: bool(re.search(r'\([^;()]*;[^;()]*;[^;()]*\s;',
                                          sp.text)),
        excuses_accept=True),
    Gap('lenient-ace-fields',
        'unknown ACE-type prefixes, empty types, GUIDs on non-object ACEs, '
        'junk after the SID accepted',
        'Samba 4.17 matches ACE types and SIDs by prefix, ignores GUIDs '
        'of non-object ACEs and any field after the SID; Windows refuses '
        'these strings and so does winsec.',
        probe=lambda: not samba_refuses('D:(AA;;GA;;;WD)') and
        not samba_refuses('D:(;;GA;;;WD)') and
        not samba_refuses('D:(A;;GA;;;WDX)') and
        not samba_refuses('D:(A;;GA;;;WD;#00)') and
        not samba_refuses('D:(A;;CC;bf967aba-0de6-11d0-a285-00aa003049e2;;WD)'),
        applies=lambda sp: any(
            a[0].upper() not in TYPE_CODES or len(a) < 6 or
            (a[0].upper() in ('A', 'D', 'AU', 'AL') and (a[3] or a[4])) or
            not SID_RE.fullmatch(a[5]) or
            (len(a) > 6 and a[0].upper() in SAMBA_TYPES | {'ML'})
            for _, a in sp.aces()) if sp.ok else True,
        excuses_accept=True),
]


def run_probes(out):
    failed = 0
    for g in GAPS:
        try:
            ok = g.probe()
        except Exception as e:      # a probe that breaks counts as failed
            ok = False
            out.append('gap %s: probe raised %r' % (g.name, e))
        if not ok:
            failed += 1
            out.append('gap %s: Samba no longer behaves as documented (%s)'
                       % (g.name, g.what))
    return failed


# --------------------------------------------------------------------------
# The generator: reproducible random descriptors over the whole grammar.
# --------------------------------------------------------------------------

PLAIN_ALIASES = ['WD', 'CO', 'CG', 'OW', 'NU', 'IU', 'SU', 'AN', 'PS', 'AU',
                 'RC', 'WR', 'SY', 'LS', 'NS', 'BA', 'BU', 'BG', 'PU', 'AO',
                 'SO', 'PO', 'BO', 'RE', 'RU', 'RD', 'NO', 'AC', 'LW', 'ME',
                 'MP', 'HI', 'SI',
                 # beyond the reference table
                 'ED', 'MU', 'LU', 'IS', 'CY', 'ER', 'CD', 'RA', 'ES', 'MS',
                 'HA', 'AA', 'RM', 'UD', 'AS', 'SS']
DOMAIN_ALIASES = ['LA', 'LG', 'DA', 'DU', 'DG', 'DC', 'DD',
                  'RO', 'CA', 'SA', 'EA', 'PA', 'CN', 'AP', 'KA', 'EK', 'RS']
LEVELS = ['LW', 'ME', 'MP', 'HI', 'SI', 'S-1-16-0', 'S-1-16-20480',
          'S-1-16-28672', 'S-1-16-8192']
LETTERS = ['CC', 'DC', 'LC', 'SW', 'RP', 'WP', 'DT', 'LO', 'CR', 'SD', 'RC',
           'WD', 'WO', 'GA', 'GX', 'GW', 'GR']
COMPOSITES = ['FA', 'FR', 'FW', 'FX', 'KA', 'KR', 'KW', 'KX']
INHERIT_FLAGS = ['OI', 'CI', 'NP', 'IO', 'ID']


class Generator:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def sid(self):
        r = self.r
        k = r.random()
        if k < 0.45:
            return r.choice(PLAIN_ALIASES)
        if k < 0.6:
            return r.choice(DOMAIN_ALIASES)
        if k < 0.65:
            return DOMAIN + '-%d' % r.choice([500, 512, 1000, 1105,
                                              r.randrange(1 << 32)])
        auth = r.choice([0, 1, 2, 3, 5, 5, 5, 15, 16, 22, 22, 100,
                         r.randrange(1 << 32), r.randrange(1 << 48)])
        n = r.choice([1, 1, 2, 2, 3, 4, 5, r.randint(1, 15)])
        subs = [r.choice([0, 1, 18, 21, 32, 544, 1000, r.randrange(1 << 32),
                          0xffffffff]) for _ in range(n)]
        if auth >= 1 << 32 and r.random() < 0.5:
            a = '0x%X' % auth
        else:
            a = '%d' % auth
        return 'S-1-%s-%s' % (a, '-'.join(str(s) for s in subs))

    def guid(self):
        r = self.r
        h = '%032x' % r.getrandbits(128)
        g = '%s-%s-%s-%s-%s' % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])
        return g.upper() if r.random() < 0.2 else g

    def number(self, v):
        r = self.r
        k = r.random()
        if k < 0.6:
            return '0x%x' % v
        if k < 0.7:
            return '0x%08x' % v
        if k < 0.75:
            return '0X%X' % v
        if k < 0.9:
            return '%d' % v
        return '0%o' % v if v else '0'

    def rights(self, label):
        r = self.r
        if label:
            v = r.randrange(8)
            if r.random() < 0.7:
                letters = [x for b, x in ((1, 'NW'), (2, 'NR'), (4, 'NX'))
                           if v & b]
                r.shuffle(letters)
                return ''.join(letters)
            return self.number(v) if v else ''
        k = r.random()
        if k < 0.4:
            letters = r.sample(LETTERS, r.randint(0, 6))
            return ''.join(letters)
        if k < 0.55:
            parts = [r.choice(COMPOSITES)]
            if r.random() < 0.3:
                parts.append(r.choice(LETTERS + COMPOSITES))
            return ''.join(parts)
        if k < 0.95:
            v = 0
            for _ in range(r.randint(1, 4)):
                v |= r.choice([r.getrandbits(9), 0x1f01ff, 0x120089,
                               0x100000, 0x1000000, 0x2000000,
                               r.getrandbits(4) << 28, r.getrandbits(5) << 16,
                               r.getrandbits(32)])
            return self.number(v)
        return self.r.choice(['-1', '-2', '4294967296', '0x100000000',
                              '037777777777'])

    def condition(self, depth=0):
        """A conditional expression (MS-DTYP 2.5.1.1), Samba cannot read."""
        r = self.r
        k = r.random()
        if depth < 3 and k < 0.3:
            return '(%s %s %s)' % (self.condition(depth + 1),
                                   r.choice(['&&', '||']),
                                   self.condition(depth + 1))
        if depth < 3 and k < 0.4:
            return '(!%s)' % self.condition(depth + 1)
        attr = '@%s.%s' % (r.choice(['User', 'Device', 'Resource']),
                           r.choice(['Title', 'dept', 'clearance', 'x']))
        k = r.random()
        if k < 0.3:
            return '(%s {%s})' % (
                r.choice(['Member_of', 'Not_Member_of', 'Member_of_Any',
                          'Device_Member_of']),
                ', '.join('SID(%s)' % r.choice(['BA', 'WD', 'AU', 'DA'])
                          for _ in range(r.randint(1, 3))))
        if k < 0.4:
            return '(Exists %s)' % attr
        value = r.choice(['%d' % r.randint(-5, 100), '"PM"', '"a b"',
                          '0x%x' % r.randint(0, 255)])
        if r.random() < 0.2:
            return '(%s %s {%s, "z"})' % (attr, r.choice(['Any_of',
                                                          'Contains']),
                                          value)
        return '(%s %s %s)' % (attr, r.choice(['==', '!=', '<', '<=', '>',
                                               '>=']), value)

    def ace(self, sacl):
        r = self.r
        if sacl:
            typ = r.choice(['AU', 'AU', 'AL', 'OU', 'OL', 'ML', 'ML'])
        else:
            typ = r.choice(['A', 'A', 'A', 'D', 'D', 'OA', 'OD'])
        if r.random() < 0.03:
            typ = 'XU' if sacl else r.choice(['XA', 'XD'])
        flags = r.sample(INHERIT_FLAGS, r.choice([0, 0, 1, 2, 3]))
        if typ in ('AU', 'AL', 'OU', 'OL') and r.random() < 0.8:
            flags += r.sample(['SA', 'FA'], r.randint(1, 2))
        r.shuffle(flags)
        label = typ == 'ML'
        g1 = g2 = ''
        if typ in ('OA', 'OD', 'OU', 'OL'):
            k = r.random()
            if k < 0.35:
                g1 = self.guid()
            elif k < 0.6:
                g2 = self.guid()
            elif k < 0.95:
                g1, g2 = self.guid(), self.guid()
        sid = r.choice(LEVELS) if label else self.sid()
        fields = [typ, ''.join(flags), self.rights(label), g1, g2, sid]
        if typ in ('XA', 'XD', 'XU'):
            fields.append(self.condition())
        return fields

    def acl(self, sacl):
        r = self.r
        flags = r.sample(['P', 'AI', 'AR'], r.choice([0, 0, 0, 1, 2, 3]))
        k = r.random()
        if k < 0.05:
            return flags + ['NO_ACCESS_CONTROL'], []
        n = 0 if k < 0.12 else r.choice([1, 1, 2, 2, 3, 4, 6, 10, 20])
        return flags, [self.ace(sacl) for _ in range(n)]

    def descriptor(self):
        r = self.r
        comps = []
        if r.random() < 0.75:
            comps.append(['O', self.sid()])
        if r.random() < 0.7:
            comps.append(['G', self.sid()])
        if r.random() < 0.85:
            f, a = self.acl(False)
            comps.append(['D', f, a])
        if r.random() < 0.45:
            f, a = self.acl(True)
            comps.append(['S', f, a])
        if not comps:
            comps.append(['D', [], [self.ace(False)]])
        if r.random() < 0.1:
            r.shuffle(comps)
        # Conditions stand aside (as "<n>") while case and spacing are
        # varied: their grammar has its own rules for both.
        conds = []
        for c in comps:
            for a in (c[2] if c[0] in 'DS' else []):
                if len(a) > 6:
                    conds.append(a[6])
                    a[6] = '<%d>' % (len(conds) - 1)
        text = ''.join(
            '%s:%s' % (c[0], c[1]) if c[0] in 'OG' else
            '%s:%s%s' % (c[0], ''.join(c[1]),
                         ''.join('(' + ';'.join(a) + ')' for a in c[2]))
            for c in comps)
        # Component letters stay upper case: Windows refuses "d:".
        if r.random() < 0.05:
            text = ''.join(ch.lower() if ch.isalpha() and r.random() < 0.5
                           and text[i + 1:i + 2] != ':'
                           else ch for i, ch in enumerate(text))
        if r.random() < 0.05:
            text = re.sub(r'(?<=[);])|(?=[(])',
                          lambda m: ' ' if r.random() < 0.3 else '', text)
        return re.sub(r'<(\d+)>', lambda m: conds[int(m.group(1))], text)


# --------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------

def load_corpus(path):
    cases = []
    with open(path) as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            if line.startswith('!'):
                cases.append(('corpus:%d' % no, line[1:], True))
            else:
                cases.append(('corpus:%d' % no, line, False))
    return cases


def helper_run(helper, requests):
    data = ''.join('%s\t%s\n' % r for r in requests)
    p = subprocess.run([helper, DOMAIN], input=data, capture_output=True,
                       text=True, check=False)
    lines = p.stdout.split('\n')[:-1]
    if p.returncode or len(lines) != len(requests):
        sys.exit('sddl_helper failed (status %d, %d answers for %d): %s'
                 % (p.returncode, len(lines), len(requests), p.stderr))
    return [line.split('\t') for line in lines]


def samba_per_component(sp):
    """Samba's descriptor built from each component read on its own."""
    sd = None
    for c in sp.comps:
        one = Split('')
        one.comps = [c]
        part = decode(ndr_pack(samba_sd(one.render())))
        if sd is None:
            sd = part
            continue
        sd['control'] |= part['control']
        for name, letter in (('owner', 'O'), ('group', 'G'), ('dacl', 'D'),
                             ('sacl', 'S')):
            if c[0] == letter:
                sd[name] = part[name]
    return sd


def check_case(text, must_fail, ours, compared):
    """Return (problem or None, gaps used).

    When the case was compared with Samba through a single string, that
    string is appended to @compared.
    """
    used = []
    if ours[0] != 'ok':
        if not must_fail:
            return 'winsec refused it: column %s: %s' % (ours[1], ours[2]), used
        if samba_refuses(text):
            return None, used
        sp = Split(text)
        for g in GAPS:
            if g.excuses_accept and g.applies(sp):
                used.append(g)
                return None, used
        return 'winsec refused it (%s) but Samba accepts it and no gap ' \
            'explains why' % ours[2], used
    if must_fail:
        return 'winsec accepted a string it must refuse (-> %s)' % ours[2], used
    _, hex1, sddl1, hex2, sddl2, note = ours
    if note != '-':
        return 'library: ' + note, used
    b1 = bytes.fromhex(hex1)
    if hex1 != hex2 or sddl1 != sddl2:
        return 'round trip not stable: %s -> %s' % (sddl1, sddl2), used
    try:
        mine = decode(b1)
    except Malformed as e:
        return 'winsec output undecodable: %s' % e, used
    bad = layout_problem(b1, mine)
    if bad:
        return 'winsec layout: ' + bad, used

    sp = Split(text)
    if not sp.ok:
        return 'test cannot split the SDDL to compare it', used
    active = [g for g in GAPS if g.applies(sp)]
    used = list(active)
    if any(g.skip or (g.skip_if and g.skip_if(sp)) for g in active):
        return None, used
    for g in active:
        if g.rewrite:
            g.rewrite(sp)
    # A rewrite (dropped ACEs) can leave an ACL with flags and no ACEs.
    for g in GAPS:
        if g.per_component and g not in active and g.applies(sp):
            active.append(g)
            used.append(g)
    samba_text = sp.render() if any(not g.always for g in active) else text
    try:
        if any(g.per_component for g in active):
            theirs = samba_per_component(sp)
        else:
            theirs = decode(ndr_pack(samba_sd(samba_text)))
    except Malformed as e:
        return 'Samba output undecodable: %s' % e, used
    except Exception:
        return 'Samba refuses %r and no gap explains why' % samba_text, used
    for g in active:
        if g.samba_fix:
            g.samba_fix(theirs, sp)
    for g in active:
        if g.ours_fix:
            g.ours_fix(mine)
    if content(mine) != content(theirs):
        return 'differs from Samba (given %r):\n      ours  %r\n      samba %r' \
            % (samba_text, content(mine), content(theirs)), used
    if not any(g.per_component for g in active):
        compared.append(samba_text)
    return None, used


def check_samba_text(given, ours):
    """winsec reads the SDDL that Samba prints to Samba's descriptor."""
    if ours[0] != 'ok':
        return 'winsec refuses Samba\'s output %r: column %s: %s' % (
            samba_sd(given).as_sddl(SAMBA_DOMAIN), ours[1], ours[2])
    theirs = decode(ndr_pack(samba_sd(given)))
    # Samba prints an object ACE without GUIDs as OA/OD, which Windows and
    # winsec read as A/D (gap object-ace-without-guid).
    map_aces(theirs, _no_guid_object)
    mine = decode(bytes.fromhex(ours[1]))
    if content(mine) != content(theirs):
        return 'winsec reads Samba\'s output %r differently:\n      ours  %r' \
            '\n      samba %r' % (samba_sd(given).as_sddl(SAMBA_DOMAIN),
                                content(mine), content(theirs))
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--helper', required=True, help='path of sddl_helper')
    ap.add_argument('--corpus', default=os.path.join(HERE, 'corpus.sddl'))
    ap.add_argument('--count', type=int, default=GENERATED,
                    help='generated descriptors (default %(default)s)')
    ap.add_argument('--seed', type=int, default=SEED)
    ap.add_argument('--show', type=int, default=30,
                    help='failures printed in full')
    args = ap.parse_args()

    cases = load_corpus(args.corpus)
    ncorpus = len(cases)
    gen = Generator(args.seed)
    cases += [('generated:%d' % i, gen.descriptor(), False)
              for i in range(args.count)]

    answers = helper_run(args.helper, [('R', c[1]) for c in cases])

    # Samba's binary of every case it reads unchanged, read back by winsec.
    samba_bins = {}
    for i, (_, text, _) in enumerate(cases):
        try:
            samba_bins[i] = ndr_pack(samba_sd(text)).hex()
        except Exception:
            pass
    keys = sorted(samba_bins)
    backs = dict(zip(keys, helper_run(
        args.helper, [('B', samba_bins[k]) for k in keys])))

    out = []
    failed = run_probes(out)
    passed = len(GAPS) - failed
    bad_corpus = bad_gen = 0
    problems = []
    compared = {}
    for i, (name, text, must_fail) in enumerate(cases):
        given = []
        problem, used = check_case(text, must_fail, answers[i], given)
        if problem is None and i in backs and answers[i][0] == 'ok':
            problem = check_back(answers[i], backs[i], used)
        if problem is None and given:
            compared[i] = given[0]
        problems.append((problem, used))

    # The SDDL Samba prints for what it read, read back by winsec.
    keys = sorted(compared)
    printed = helper_run(args.helper, [
        ('R', samba_sd(compared[k]).as_sddl(SAMBA_DOMAIN)) for k in keys])
    for k, ans in zip(keys, printed):
        problem = check_samba_text(compared[k], ans)
        if problem:
            problems[k] = (problem, problems[k][1])

    for i, (problem, used) in enumerate(problems):
        name, text, _ = cases[i]
        if problem:
            failed += 1
            if i < ncorpus:
                bad_corpus += 1
            else:
                bad_gen += 1
            if len(out) < args.show:
                out.append('FAIL %s: %r\n    %s' % (name, text, problem))
        else:
            passed += 1
            for g in used:
                g.count += 1

    print('samba %s, domain %s, seed %d' % (samba.version, DOMAIN,
                                           args.seed))
    print('corpus: %d strings (%d must be refused), %d failed' % (
        ncorpus, sum(1 for c in cases[:ncorpus] if c[2]), bad_corpus))
    print('generated: %d descriptors, %d failed' % (args.count, bad_gen))
    print('compared with Samba in one string: %d (the rest component by '
          'component or not at all, see the gaps)' % len(compared))
    print('Samba\'s binary read back: %d; '
          'Samba\'s printed SDDL read back: %d' % (len(backs), len(keys)))
    print('gaps (cases touched; probe):')
    for g in GAPS:
        print('  %-26s %6d  %s' % (g.name, g.count, g.what))
    for line in out:
        print(line)
    print('RESULT %d %d' % (passed, failed))
    return 1 if failed else 0


def check_back(ours, back, used):
    """winsec reads Samba's binary (Samba's layout) to the same descriptor.

    Only for cases that Samba read as written (no gap but layout and ACL
    revision), where both binaries must hold the same descriptor.
    """
    if any(not g.always for g in used):
        return None
    if back[0] != 'ok' or back[3] != '-':
        return 'winsec cannot read Samba\'s binary: %s' % '/'.join(back[1:])
    theirs = decode(bytes.fromhex(back[2]))
    direct = decode(bytes.fromhex(ours[1]))
    if content(theirs) != content(direct):
        return 'Samba\'s binary read back by winsec differs:\n      %r\n' \
            '      %r' % (content(theirs), content(direct))
    return None


if __name__ == '__main__':
    sys.exit(main())
