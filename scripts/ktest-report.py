#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Reads the console log of a guest boot that ran scripts/guest/ktest.sh and
counts what it proves:

  --kunit      the KUnit results printed during boot (before /init starts),
               parsed with the kernel's own KTAP parser (kunit.py parse);
               only suites whose name starts with "winsec"; each test case
               (each parameter of a parameterised case) counts once
  --ksft       the kselftest TAP of each binary; each test case counts; a
               binary that exits non-zero without a "not ok" line (a crash,
               a timeout) counts as one failure; "# SKIP" counts as skipped
  --reports    kernel reports anywhere in the log (console and the dmesg
               dump): BUG, WARNING, KASAN, UBSAN, lockdep, RCU splats
               and stalls, hung tasks, Oops, panics, and kmemleak's
               unreferenced objects; each
               distinct report counts as one failure
  --injected   the kselftests of a run under probabilistic fault injection
               (ktest.sh with KSFT_FAULTS): each test case that passed
               counts as passed; one that failed counts as a failure only
               when it saw a grant where it expected a denial (an
               assertion "Expected EACCES (13) == ... (0)", EPERM, or an
               expected value named "...denied");
               every other failure is an injected error (ENOMEM in a
               setup step, for instance) and is listed without counting.
               No injected fault at all (the WINSEC_FAULTS line) and a run
               that never finished count as failures

Prints what it found and "RESULT <passed> <failed>"; exits 1 when anything
failed or nothing passed.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

TS = re.compile(r"^\[\s*\d+\.\d+\]\s?")
TAP_RESULT = re.compile(r"^(not ok|ok) (\d+) (.*)$")

REPORT_PATTERNS = [
    re.compile(p)
    for p in (
        r"\bBUG: ",
        r"\bWARNING: ",
        r"\bKASAN: ",
        r"\bUBSAN: ",
        r"possible circular locking dependency",
        r"possible recursive locking",
        r"inconsistent lock state",
        r"suspicious RCU usage",
        r"INFO: possible irq lock inversion",
        r"INFO: task .* blocked for more than",
        r"detected stalls? on CPU",
        r"self-detected stall on CPU",
        r"detected expedited stalls",
        r"\bOops\b",
        r"general protection fault",
        r"Kernel panic",
        r"kernel BUG at",
        r"kmemleak: .*new suspected memory leak",
        r"^unreferenced object 0x",
    )
]


def clean(line):
    return TS.sub("", line.rstrip("\r\n"))


def kunit(lines, tree):
    """Returns (passed, failed, skipped, details)."""
    boot = []
    for line in lines:
        if "Run /init as init process" in line:
            break
        boot.append(line)
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "boot.log")
        out = os.path.join(tmp, "kunit.json")
        with open(log, "w") as f:
            f.write("\n".join(boot) + "\n")
        kunit_py = os.path.join(tree, "tools/testing/kunit/kunit.py")
        r = subprocess.run([sys.executable, kunit_py, "parse", log,
                            "--json=" + out],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
        if not os.path.exists(out):
            return 0, 1, 0, ["kunit: no KTAP output in the boot log:\n" + r.stdout]
        data = json.load(open(out))

    passed = failed = skipped = 0
    details = []
    suites = []

    def leaves(group, prefix):
        nonlocal passed, failed, skipped
        for c in group.get("test_cases", []):
            s = c.get("status")
            name = prefix + "." + c.get("name", "?")
            if s == "PASS":
                passed += 1
            elif s == "SKIP":
                skipped += 1
                details.append("kunit: SKIP " + name)
            else:
                failed += 1
                details.append("kunit: FAIL " + name)
        for g in group.get("sub_groups", []):
            leaves(g, prefix + "." + g.get("name", "?"))

    def find(group):
        for g in group.get("sub_groups", []):
            n = g.get("name", "")
            if n.startswith("winsec"):
                suites.append(n)
                leaves(g, n)
            else:
                find(g)

    find(data)
    if not suites:
        failed += 1
        details.append("kunit: no winsec suite in the boot log")
    details.insert(0, "kunit suites: " + ", ".join(suites))
    return passed, failed, skipped, details


def ksft(lines):
    passed = failed = skipped = 0
    details = []
    cur = None
    cur_failed = 0
    for line in lines:
        if line.startswith("WINSEC_KSFT_BEGIN "):
            cur = line.split(" ", 1)[1]
            cur_failed = 0
            cur_results = 0
            continue
        if line.startswith("WINSEC_KSFT_END ") and cur:
            m = re.search(r"rc=(\d+)", line)
            rc = int(m.group(1)) if m else -1
            if rc not in (0, 4) and cur_failed == 0:
                failed += 1
                details.append(f"ksft: {cur} exited {rc} "
                               f"({'timeout' if rc == 124 else 'crash or error'})")
            if cur_results == 0 and rc == 0:
                failed += 1
                details.append(f"ksft: {cur} printed no test result")
            cur = None
            continue
        if cur is None:
            continue
        m = TAP_RESULT.match(line)
        if not m:
            continue
        cur_results += 1
        verdict, _, rest = m.groups()
        name = cur + ": " + rest
        if verdict == "not ok":
            if re.search(r"#\s*SKIP", rest, re.I):
                skipped += 1
                details.append("ksft: SKIP " + name)
            else:
                failed += 1
                cur_failed += 1
                details.append("ksft: FAIL " + name)
        elif re.search(r"#\s*SKIP", rest, re.I):
            skipped += 1
            details.append("ksft: SKIP " + name)
        else:
            passed += 1
    if cur is not None:
        failed += 1
        details.append(f"ksft: {cur} never finished (the guest stopped)")
    return passed, failed, skipped, details


EXPECTED = re.compile(r"Expected (.+?) \((-?\d+)\) (==|!=|<=|>=|<|>) (.+) \((-?\d+)\)$")
# A denial a test expected: EPERM or EACCES, by name ("variant->denied"
# holds one of them).
DENIAL = re.compile(r"\bE(ACCES|PERM)\b|denied")
DENIALS = (1, 13)


def injected(lines):
    """Returns (passed, failed, skipped, details) of a run under injection."""
    passed = failed = skipped = errors = 0
    details = []
    granted = []
    cur = None
    expects = []
    faults = None
    for line in lines:
        if line.startswith("WINSEC_FAULTS"):
            faults = dict(f.split("=", 1) for f in line.split()[1:])
            continue
        if line.startswith("WINSEC_KSFT_BEGIN "):
            cur = line.split(" ", 1)[1]
            expects = []
            continue
        if line.startswith("WINSEC_KSFT_END ") and cur:
            cur = None
            continue
        if cur is None:
            continue
        if "  RUN  " in line:
            expects = []
            continue
        m = EXPECTED.search(line)
        if m:
            expects.append((m, line))
            continue
        m = TAP_RESULT.match(line)
        if not m:
            continue
        verdict, _, rest = m.groups()
        name = cur + ": " + rest
        if re.search(r"#\s*SKIP", rest, re.I):
            skipped += 1
        elif verdict == "ok":
            passed += 1
        else:
            # Only the first expectation that failed tells what the kernel
            # did: once a step failed (on an injected error, most often),
            # the steps after it no longer run on what the test prepared.
            first = expects[:1]
            grants = [l for e, l in first
                      if e.group(3) == "==" and DENIAL.search(e.group(1))
                      and int(e.group(2)) in DENIALS
                      and int(e.group(5)) == 0]
            if grants:
                failed += 1
                granted.append(name)
                details.append("injected: GRANTED " + name + ": " + grants[0])
            else:
                errors += 1
                why = expects[-1][1] if expects else "no assertion printed"
                details.append("injected: error in " + name + ": " + why)
        expects = []
    if cur is not None:
        failed += 1
        details.append(f"injected: {cur} never finished (the guest stopped)")
    if not faults:
        failed += 1
        details.append("injected: no WINSEC_FAULTS line: was anything injected?")
    else:
        total = sum(int(v) for v in faults.values())
        details.append("injected faults: " + ", ".join(
            f"{k} {v}" for k, v in faults.items()))
        if not total:
            failed += 1
            details.append("injected: no fault was injected")
    details.append(f"injected: {passed} passed, {errors} failed on an "
                   f"injected error (not counted), {len(granted)} granted "
                   f"where a denial was expected")
    return passed, failed, skipped, details


def reports(lines):
    seen = []
    for line in lines:
        for p in REPORT_PATTERNS:
            if p.search(line):
                if line not in seen:
                    seen.append(line)
                break
    return seen


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("log")
    ap.add_argument("--tree", help="kernel tree (for kunit.py)")
    ap.add_argument("--kunit", action="store_true")
    ap.add_argument("--ksft", action="store_true")
    ap.add_argument("--reports", action="store_true")
    ap.add_argument("--injected", action="store_true")
    args = ap.parse_args()

    with open(args.log, errors="replace") as f:
        lines = [clean(l) for l in f]

    total_p = total_f = total_s = 0
    if args.kunit:
        p, f, s, d = kunit(lines, args.tree)
        print("\n".join(d))
        print(f"kunit: {p} passed, {f} failed, {s} skipped")
        total_p, total_f, total_s = total_p + p, total_f + f, total_s + s
    if args.ksft:
        p, f, s, d = ksft(lines)
        print("\n".join(d))
        print(f"kselftests: {p} passed, {f} failed, {s} skipped")
        total_p, total_f, total_s = total_p + p, total_f + f, total_s + s
    if args.injected:
        p, f, s, d = injected(lines)
        print("\n".join(d))
        total_p, total_f, total_s = total_p + p, total_f + f, total_s + s
    if args.reports:
        found = reports(lines)
        for r in found:
            print("kernel report: " + r)
        print(f"kernel reports: {len(found)}")
        total_f += len(found)
    if total_s:
        print(f"{total_s} skipped (not counted as passed)")
    print(f"RESULT {total_p} {total_f}")
    return 1 if total_f or not total_p else 0


if __name__ == "__main__":
    sys.exit(main())
