#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Where winsec's instructions go, from the profile of make bench-profile.

    kbench-profile.py SYSTEM_MAP DIR [TOP]

DIR holds, for the boots profile-winsec and profile-nowinsec, NAME.profile
(written by the QEMU plugin insn_profile.so: for each window, the kernel
instructions run at each translation block's start address) and NAME.txt
(the guest's KBENCH lines: "KBENCH window LEVEL OP CALLS", one per window,
in order). The addresses are given names with SYSTEM_MAP (the guest booted
with nokaslr). For each operation, prints the kernel instructions per call
with and without winsec, and the TOP functions (12) whose instructions per
call differ most between the two, as a reST table.
"""

import bisect
import os
import sys


def load_map(path):
    addrs, names = [], []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) < 3 or parts[1] not in "tTwW":
                continue
            addrs.append(int(parts[0], 16))
            names.append(parts[2])
    order = sorted(range(len(addrs)), key=lambda i: addrs[i])
    return [addrs[i] for i in order], [names[i] for i in order]


def load_windows(path):
    """The windows of a .profile file: a list of {function: instructions}."""
    windows = []
    cur = None
    with open(path) as f:
        for line in f:
            parts = line.split()
            if parts[0] == "window":
                cur = {}
                windows.append(cur)
            elif parts[0] == "user":
                cur["(user space)"] = cur.get("(user space)", 0) + int(parts[1])
            else:
                cur[int(parts[0], 16)] = int(parts[1])
    return windows


def load_ops(path):
    ops = []
    with open(path, errors="replace") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 5 and parts[:2] == ["KBENCH", "window"]:
                ops.append((parts[3], int(parts[4])))
    return ops


def by_function(window, addrs, names):
    out = {}
    for key, n in window.items():
        if isinstance(key, str):
            name = key
        else:
            i = bisect.bisect_right(addrs, key) - 1
            name = names[i] if i >= 0 else "?"
        out[name] = out.get(name, 0) + n
    return out


def per_call(directory, name, addrs, names):
    prof = os.path.join(directory, name + ".profile")
    txt = os.path.join(directory, name + ".txt")
    if not (os.path.exists(prof) and os.path.exists(txt)):
        sys.exit("kbench-profile: %s or %s missing" % (prof, txt))
    windows = load_windows(prof)
    ops = load_ops(txt)
    if len(windows) != len(ops):
        sys.exit("kbench-profile: %s has %d windows, %s names %d"
                 % (prof, len(windows), txt, len(ops)))
    result = {}
    for window, (op, calls) in zip(windows, ops):
        if calls <= 0:
            continue
        funcs = by_function(window, addrs, names)
        result[op] = {f: n / calls for f, n in funcs.items()}
    return result


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    top = int(sys.argv[3]) if len(sys.argv) == 4 else 12
    addrs, names = load_map(sys.argv[1])
    with_ws = per_call(sys.argv[2], "profile-winsec", addrs, names)
    without = per_call(sys.argv[2], "profile-nowinsec", addrs, names)
    for op in with_ws:
        if op not in without:
            continue
        a, b = with_ws[op], without[op]
        ka = sum(v for f, v in a.items() if f != "(user space)")
        kb = sum(v for f, v in b.items() if f != "(user space)")
        print("%s: %.0f kernel instructions a call with winsec, %.0f without"
              " (%+.0f, ratio %.3f)" % (op, ka, kb, ka - kb,
                                        ka / kb if kb else 0))
        print()
        diff = {f: a.get(f, 0) - b.get(f, 0) for f in set(a) | set(b)
                if f != "(user space)"}
        rows = sorted(diff.items(), key=lambda x: -abs(x[1]))[:top]
        width = max([len(f) for f, _ in rows] + [8])
        rule = "=" * width + " " + "=" * 9 + " " + "=" * 9 + " " + "=" * 9
        print(rule)
        print("%-*s %9s %9s %9s" % (width, "function", "winsec", "without",
                                    "added"))
        print(rule)
        for f, d in rows:
            print("%-*s %9.1f %9.1f %+9.1f" % (width, f, a.get(f, 0),
                                                b.get(f, 0), d))
        rest = (ka - kb) - sum(d for _, d in rows)
        print("%-*s %9s %9s %+9.1f" % (width, "(the rest)", "", "", rest))
        print(rule)
        print()


if __name__ == "__main__":
    main()
