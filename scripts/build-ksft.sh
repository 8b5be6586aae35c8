#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Builds and installs kselftests, statically linked, for the guest:
#
#   scripts/build-ksft.sh TREE KOUT INSTALL_DIR TARGET...
#
# TREE is the overlaid kernel tree, KOUT a configured kernel build directory
# whose uapi headers (make headers) the tests are compiled against; objects
# go to KOUT/kselftest. INSTALL_DIR is replaced by the installed tests
# (run_kselftest.sh, kselftest-list.txt, one directory per target).

set -eu

die() {
	echo "build-ksft: $*" >&2
	exit 1
}

[ $# -ge 4 ] || die "usage: $0 TREE KOUT INSTALL_DIR TARGET..."
tree=$(cd "$1" && pwd)
kout=$2
inst=$3
shift 3
jobs=${KJOBS:-2}
cc=gcc
command -v ccache >/dev/null 2>&1 && cc="ccache gcc"

[ -f "$kout/.config" ] || die "$kout is not configured"
kout=$(cd "$kout" && pwd)
targets=()
for t in "$@"; do
	if [ -f "$tree/tools/testing/selftests/$t/Makefile" ]; then
		targets+=("$t")
	else
		echo "build-ksft: no tools/testing/selftests/$t/Makefile; skipping $t" >&2
	fi
done
[ ${#targets[@]} -gt 0 ] || die "no kselftest target to build"

# The command line of an outer make (BUILD=, V=...) must not leak into the
# selftests' makefiles, which use some of the same names.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES

echo "  HEADERS $kout/usr/include"
flock "$kout.lock" nice -n 10 make -s -C "$tree" O="$kout" ARCH=x86_64 CC="$cc" HOSTCC="$cc" headers

echo "  KSFT    ${targets[*]}"
rm -rf "$inst"
mkdir -p "$(dirname "$inst")"
nice -n 10 make -s -j"$jobs" -C "$tree/tools/testing/selftests" O="$kout" \
	TARGETS="${targets[*]}" CC="$cc" USERLDFLAGS=-static \
	KSFT_INSTALL_PATH="$(cd "$(dirname "$inst")" && pwd)/$(basename "$inst")" \
	install >/dev/null
[ -x "$inst/run_kselftest.sh" ] || die "install produced no run_kselftest.sh"
