#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Reads the consoles of make stress (scripts/guest/stress.sh in the guest)
and prints its verdict and its throughput table.

  stress-report.py [--baseline NOWINSEC.console] [--table FILE]
                   [--ktest-report scripts/ktest-report.py] WINSEC.console

Pass conditions, each counted once:
  - every STRESS-CHECK line of the guest (canaries, relabelers, counters,
    trinity, the attribute fuzzer, kmemleak, ...);
  - the guest reached the end of the scenario (STRESS-DONE);
  - no kernel report anywhere in the console (ktest-report.py --reports:
    BUG, WARNING, KASAN, UBSAN, lockdep, RCU stalls, hung tasks, Oops,
    kmemleak); each distinct report is one failure;
  - stress-ng reported metrics for every group of the scenario (a
    stressor of the benchmark without metrics only leaves a "-").

The table: bogo operations per second (stress-ng's real-time figure, all
instances together) of the benchmark, each stressor alone with 4
instances, with winsec and, when a baseline console is given, without it,
and the ratio; then those of the scenario, per group (level and file
system), with winsec.

Prints "RESULT <passed> <failed>" last; exits 1 when anything failed.
"""

import argparse
import importlib.util
import re
import sys

TS = re.compile(r"^\[\s*\d+\.\d+\]\s?")


def read(path):
    with open(path, errors="replace") as f:
        return [TS.sub("", l.rstrip("\r\n")) for l in f]


def yaml_blocks(lines):
    """{(kind, tag): {stressor: {field: value}}} from STRESS-YAML blocks."""
    out = {}
    cur = None
    name = None
    for line in lines:
        if line.startswith("STRESS-YAML-BEGIN "):
            words = line.split()
            cur = out.setdefault((words[1], " ".join(words[2:])), {})
            name = None
            continue
        if line.startswith("STRESS-YAML-END"):
            cur = None
            continue
        if cur is None:
            continue
        m = re.match(r"^\s*- stressor: (\S+)", line)
        if m:
            name = m.group(1)
            cur[name] = {}
            continue
        m = re.match(r"^\s+([a-z-]+): ([0-9.]+)$", line)
        if m and name:
            cur[name][m.group(1)] = float(m.group(2))
    return out


def rate(block, stressor):
    s = block.get(stressor) if block else None
    if not s or "bogo-ops-per-second-real-time" not in s:
        return None
    return s["bogo-ops-per-second-real-time"]


def fmt(v):
    if v is None:
        return "-"
    if v >= 100:
        return f"{v:.0f}"
    return f"{v:.2f}"


def table(win, base):
    rows = []
    bench = {tag: b for (kind, tag), b in win.items() if kind == "bench"}
    base_bench = {tag: b for (kind, tag), b in base.items() if kind == "bench"}
    if bench:
        rows.append("Benchmark: each stressor alone, 4 instances as alice "
                    "(Medium) in a labelled tmpfs tree;")
        rows.append("bogo ops/s (stress-ng real time, instances added up)")
        rows.append("")
        rows.append(f"{'stressor':<10} {'winsec':>10} {'without':>10} {'ratio':>7}")
        for s in bench:
            w = rate(bench[s], s)
            b = rate(base_bench.get(s), s)
            r = f"{w / b:.2f}" if w is not None and b else "-"
            rows.append(f"{s:<10} {fmt(w):>10} {fmt(b):>10} {r:>7}")
        rows.append("")
    stress = {tag: b for (kind, tag), b in win.items() if kind == "stress"}
    if stress:
        tags = list(stress)
        names = []
        for b in stress.values():
            for s in b:
                if s not in names:
                    names.append(s)
        rows.append("Scenario, with winsec: bogo ops/s of each stressor "
                    "(one instance) per group, all groups at once")
        rows.append("")
        rows.append(f"{'stressor':<10} " + " ".join(f"{t:>9}" for t in tags))
        for s in names:
            rows.append(f"{s:<10} " +
                        " ".join(f"{fmt(rate(stress[t], s)):>9}" for t in tags))
    return "\n".join(rows)


def kernel_reports(path, lines):
    spec = importlib.util.spec_from_file_location("ktest_report", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.reports(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("console")
    ap.add_argument("--baseline")
    ap.add_argument("--table")
    ap.add_argument("--ktest-report", required=True)
    args = ap.parse_args()

    lines = read(args.console)
    base_lines = read(args.baseline) if args.baseline else []
    passed = failed = 0

    for line in lines:
        m = re.match(r"^STRESS-CHECK (\S+) (PASS|FAIL) ?(.*)$", line)
        if not m:
            continue
        print(f"{m.group(2).lower():4} {m.group(1)}: {m.group(3)}")
        if m.group(2) == "PASS":
            passed += 1
        else:
            failed += 1

    if "STRESS-DONE" in lines:
        passed += 1
    else:
        failed += 1
        print("fail the guest did not reach the end of the scenario")
    if args.baseline:
        if "STRESS-DONE" in base_lines:
            passed += 1
        else:
            failed += 1
            print("fail the boot without winsec did not finish its benchmark")

    found = kernel_reports(args.ktest_report, lines + base_lines)
    for r in found:
        print("fail kernel report: " + r)
    if found:
        failed += len(found)
    else:
        passed += 1
        print("pass kernel-reports: none in the console")

    win = yaml_blocks(lines)
    base = yaml_blocks(base_lines)
    missing = [t for (k, t), b in win.items() if not b and k == "stress"]
    if any(k == "stress" for k, _ in win):
        if missing:
            failed += 1
            print("fail stress-ng-metrics: none from " + ", ".join(missing))
        else:
            passed += 1
            print("pass stress-ng-metrics: every group reported")

    for line in lines:
        if line.startswith("STRESS-INFO "):
            print("  " + line[len("STRESS-INFO "):])

    t = table(win, base)
    print()
    print(t)
    if args.table:
        with open(args.table, "w") as f:
            f.write(t + "\n")
    print()
    print(f"RESULT {passed} {failed}")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
