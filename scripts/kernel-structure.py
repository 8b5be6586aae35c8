#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Structure checks of security/winsec/.

  scripts/kernel-structure.py [--graph] [DIR]

Fails (exit 1) when a file is longer than 600 lines, when a function is
longer than 80 lines (winsec_access_check_owner() excepted: the access
check is kept in one piece, as MS-DTYP writes it), or when the calls between files
form a circle. A call is counted when a file names a non-static function
that another file defines. --graph prints which file calls which.
"""

import os
import re
import sys

MAX_FILE = 600
MAX_FUNC = 80
LONG_OK = {"winsec_access_check_owner"}

FUNC_DEF = re.compile(r"^(?!static\b)[A-Za-z_][\w \*]*?\b(\w+)\(")
ANY_DEF = re.compile(r"^(?:static\s+)?(?:inline\s+)?[A-Za-z_][\w \*]*?\b(\w+)\(")


def functions(lines):
    """(name, first line, length) of each function defined at top level."""
    out = []
    i = 0
    while i < len(lines):
        m = ANY_DEF.match(lines[i])
        if m and not lines[i].rstrip().endswith(";") and \
                not lines[i].startswith(("#", " ", "\t")):
            j = i
            while j < len(lines) and not lines[j].startswith("{"):
                if lines[j].rstrip().endswith(";"):
                    break
                j += 1
            if j < len(lines) and lines[j].startswith("{"):
                k = j
                while k < len(lines) and not lines[k].startswith("}"):
                    k += 1
                out.append((m.group(1), i + 1, k - i + 1))
                i = k
        i += 1
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    graph = "--graph" in sys.argv
    top = args[0] if args else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "security", "winsec")
    files = sorted(f for f in os.listdir(top) if f.endswith(".c"))
    text = {f: open(os.path.join(top, f)).read() for f in files}
    failed = 0

    owner = {}
    for f in files:
        lines = text[f].split("\n")
        n = len(lines) - 1
        if n > MAX_FILE:
            print(f"{f}: {n} lines (limit {MAX_FILE})")
            failed += 1
        for name, first, length in functions(lines):
            if length > MAX_FUNC and name not in LONG_OK:
                print(f"{f}:{first}: {name}() is {length} lines (limit {MAX_FUNC})")
                failed += 1
        for line in lines:
            m = FUNC_DEF.match(line)
            if m and not line.rstrip().endswith(";") and \
                    not line.startswith(("#", " ", "\t")):
                owner.setdefault(m.group(1), f)

    calls = {f: set() for f in files}
    for f in files:
        body = re.sub(r"/\*.*?\*/", "", text[f], flags=re.S)
        for name in set(re.findall(r"\b(winsec_\w+)\s*\(", body)):
            g = owner.get(name)
            if g and g != f:
                calls[f].add(g)

    # A circle is a strongly connected component of more than one file.
    index, low, stack, on, comps = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in calls[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            comps.append(comp)

    sys.setrecursionlimit(10000)
    for v in files:
        if v not in index:
            visit(v)
    for comp in comps:
        if len(comp) > 1:
            print("call circle: " + " <-> ".join(sorted(comp)))
            failed += 1

    if graph:
        for f in files:
            n = len(text[f].split("\n")) - 1
            print(f"{f} ({n} lines) -> {' '.join(sorted(calls[f])) or '-'}")
    print(f"structure: {len(files)} files, {failed} findings")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
