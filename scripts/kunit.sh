#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs winsec's KUnit suites with the kernel's own runner:
#
#   scripts/kunit.sh TREE BUILD_DIR [ARCH]
#
# TREE is the overlaid kernel tree (scripts/kernel-tree.sh), BUILD_DIR the
# kunit.py build directory, ARCH um (default; User-Mode Linux, no QEMU) or
# x86_64 (QEMU). Prints kunit.py's report, then "N passed, N failed" over
# the test cases (each parameter of a parameterised case counts), and exits
# non-zero when a case failed or nothing ran.

set -eu

die() {
	echo "kunit: $*" >&2
	exit 2
}

[ $# -ge 2 ] || die "usage: $0 TREE BUILD_DIR [ARCH]"
tree=$(cd "$1" && pwd)
mkdir -p "$2"
bdir=$(cd "$2" && pwd)
arch=${3:-um}
jobs=${KJOBS:-2}
cc=gcc
command -v ccache >/dev/null 2>&1 && cc="ccache gcc"

[ -f "$tree/security/winsec/.kunitconfig" ] ||
	die "$tree/security/winsec/.kunitconfig missing (run scripts/kernel-tree.sh)"

json=$bdir/results.json
rm -f "$json"
rc=0
(cd "$tree" && nice -n 10 python3 tools/testing/kunit/kunit.py run \
	--kunitconfig=security/winsec --arch="$arch" --build_dir="$bdir" \
	--jobs="$jobs" --make_options "CC=$cc" --make_options "HOSTCC=$cc" \
	--json="$json") || rc=$?

[ -s "$json" ] || die "kunit.py produced no results (exit $rc); see above"

python3 - "$json" <<'EOF'
import json, sys

passed = failed = skipped = 0

def walk(t):
    global passed, failed, skipped
    for c in t.get("test_cases", []):
        s = c.get("status")
        if s == "PASS":
            passed += 1
        elif s == "SKIP":
            skipped += 1
        else:
            failed += 1
    for g in t.get("sub_groups", []):
        walk(g)

walk(json.load(open(sys.argv[1])))
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or passed == 0 else 0)
EOF
status=$?
[ $rc -eq 0 ] || status=1
exit $status
