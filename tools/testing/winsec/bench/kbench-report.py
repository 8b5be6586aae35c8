#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The table of make bench, from the KBENCH lines of each boot.

    kbench-report.py [--check] DIR

DIR holds one file per boot, NAME.txt, with the guest's KBENCH lines:
winsec, nowinsec, smack and apparmor (instruction counts, one vCPU),
wall (winsec, wall-clock nanoseconds), scale-winsec and scale-nowinsec (four
vCPUs). Prints the tables as reST. With --check, also exits 1 unless every
cell of every table holds a positive number, listing what is missing.
"""

import os
import sys

OPS = [
    ("getppid", "getppid (no LSM hook: reference)"),
    ("open_unlabeled", "open+close, unlabeled file"),
    ("open_dacl4", "open+close, 4-ACE DACL + label"),
    ("open_dacl64", "open+close, 64-ACE DACL, match last"),
    ("open_deny_first", "open+close, deny ACE first"),
    ("stat", "stat, 4-ACE file"),
    ("create_file", "create+unlink file, plain dir"),
    ("create_file_inherit", "create+unlink file, inheritable ACEs"),
    ("create_dir", "mkdir+rmdir, plain dir"),
    ("create_dir_inherit", "mkdir+rmdir, inheritable ACEs"),
    ("rename", "rename, labelled file"),
    ("link_unlink", "link+unlink, labelled file"),
    ("mmap_exec", "mmap(PROT_EXEC)+munmap, labelled"),
    ("exec_labelled", "fork+exec+wait, labelled binary"),
    ("fork_exec", "fork+exec+wait, unlabeled binary"),
    ("msgsnd_msgrcv", "SysV msgsnd+msgrcv"),
    ("semop", "SysV semop"),
    ("shmat_shmdt", "SysV shmat+shmdt"),
    ("mq_send_receive", "POSIX mq_send+mq_receive"),
    ("kill", "kill, same-level task"),
    ("unix_connect", "unix connect (+socket, accept, close)"),
]
KERNELS = [("nowinsec", "no winsec"), ("winsec", "winsec"),
           ("smack", "Smack"), ("apparmor", "AppArmor")]


def load(path):
    """{("op", level, name): value, ("mem", kind): ..., ("scale", mode, n)}"""
    data = {}
    errors = []
    info = []
    try:
        with open(path, errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return data, errors, info
    for line in lines:
        w = line.split()
        if len(w) < 2 or w[0] != "KBENCH":
            continue
        try:
            if w[1] == "op" and len(w) == 5:
                data[("op", w[2], w[3])] = float(w[4])
            elif w[1] == "loop" and len(w) == 5:
                data[("loop", w[2])] = float(w[4])
            elif w[1] == "mem" and len(w) == 4:
                data[("mem", w[2])] = float(w[3])
            elif w[1] == "scale" and len(w) == 5:
                data[("scale", w[2], int(w[3]))] = float(w[4])
            elif w[1] == "error":
                errors.append(" ".join(w[2:]))
            elif w[1] == "info":
                info.append(" ".join(w[2:]))
        except ValueError:
            errors.append("unreadable: " + line)
    return data, errors, info


def table(header, rows):
    """A reST simple table; the first column left-aligned, others right."""
    cols = list(zip(*([header] + rows)))
    width = [max(len(c) for c in col) for col in cols]
    rule = "  ".join("=" * w for w in width)

    def fmt(row):
        cells = [row[0].ljust(width[0])]
        cells += [c.rjust(w) for c, w in zip(row[1:], width[1:])]
        return "  ".join(cells).rstrip()

    return "\n".join([rule, fmt(header), rule] + [fmt(r) for r in rows] +
                     [rule])


def main():
    global print
    args = sys.argv[1:]
    check = "--check" in args
    args = [a for a in args if a != "--check"]
    say = print
    if check:
        # Only the verdict: make bench has printed the tables.
        def print(*a):
            pass
    if len(args) != 1:
        sys.exit(__doc__)
    d = args[0]
    boots = {}
    missing = []
    for name in ["winsec", "nowinsec", "smack", "apparmor", "wall",
                 "scale-winsec", "scale-nowinsec"]:
        data, errors, info = load(os.path.join(d, name + ".txt"))
        boots[name] = data
        for e in errors:
            missing.append("%s: %s" % (name, e))
        if info:
            print("%s: %s" % (name, "; ".join(info)))

    def get(boot, *key):
        v = boots[boot].get(key)
        if (v is None or v <= 0) and \
                "%s: %s" % (boot, " ".join(map(str, key))) not in missing:
            missing.append("%s: %s" % (boot, " ".join(map(str, key))))
            return None
        return v

    def num(v, fmt="%.0f"):
        return "n/a" if v is None else fmt % v

    def ratio(a, b):
        return "n/a" if a is None or b is None else "%.3f" % (a / b)

    # The kernels without winsec have no levels: one run (at "Medium")
    # stands for both, and the Smack and AppArmor ratios are theirs.
    header = ["operation", "no winsec", "winsec M", "ratio M", "winsec L",
              "ratio L", "Smack ratio", "AppArmor ratio", "wall ns M",
              "wall ns L"]
    rows = []
    for op, title in OPS:
        base = get("nowinsec", "op", "medium", op)
        med = get("winsec", "op", "medium", op)
        low = get("winsec", "op", "low", op)
        sm = get("smack", "op", "medium", op)
        aa = get("apparmor", "op", "medium", op)
        rows.append([title, num(base), num(med), ratio(med, base),
                     num(low), ratio(low, base), ratio(sm, base),
                     ratio(aa, base), num(get("wall", "op", "medium", op)),
                     num(get("wall", "op", "low", op))])
    print()
    print("Guest instructions per operation; M: the task at Medium, L: at "
          "Low; ratios to no winsec;")
    print("wall ns: the winsec kernel under the normal accelerator, for "
          "reference")
    print()
    print(table(header, rows))

    loops = ["%s %s %.0f" % (b, k[1], v) for b in ("winsec", "nowinsec",
                                                   "smack", "apparmor")
             for k, v in sorted(boots[b].items()) if k[0] == "loop"]
    print()
    print("Loop overhead, subtracted from every figure above: " +
          ", ".join(loops))
    print()
    print("Slab bytes per file on tmpfs (/proc/meminfo Slab delta)")
    print()
    rows = []
    for kind, title in [("unlabeled", "unlabeled file"),
                        ("labelled", "labelled file (4-ACE descriptor)")]:
        rows.append([title] + [num(get(k, "mem", kind)) for k, _ in KERNELS])
    extra = []
    for k, _ in KERNELS:
        a = boots[k].get(("mem", "labelled"))
        b = boots[k].get(("mem", "unlabeled"))
        extra.append("n/a" if a is None or b is None else "%.0f" % (a - b))
    rows.append(["labelled minus unlabeled"] + extra)
    rows.append(["10,000 labelled files, KiB"] +
                ["n/a" if boots[k].get(("mem", "labelled")) is None else
                 "%.0f" % (boots[k][("mem", "labelled")] * 10000 / 1024)
                 for k, _ in KERNELS])
    print(table(["slab bytes per file"] + [t for _, t in KERNELS], rows))

    print()
    print("Scaling, 4 vCPUs: instructions per open+close of a labelled "
          "file, all threads together")
    print()
    rows = []
    for mode, title in [("same", "same file"), ("diff", "a file each")]:
        for n in (1, 2, 4):
            a = get("scale-nowinsec", "scale", mode, n)
            b = get("scale-winsec", "scale", mode, n)
            rows.append(["%s, %d thread%s" % (title, n, "s" if n > 1 else ""),
                         num(a), num(b), ratio(b, a)])
    print(table(["threads", "no winsec", "winsec", "ratio"], rows))

    if missing:
        say()
        say("missing or not positive:")
        for m in missing:
            say("  " + m)
    if check:
        say("check: %s" % ("every cell present and positive"
                           if not missing else
                           "%d cells missing" % len(missing)))
        sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
