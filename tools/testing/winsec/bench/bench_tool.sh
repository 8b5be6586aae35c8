#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# winsec grant -R against setfacl -R -m on the same 10,000-file tree (100
# directories of 100 files), in the same run, on a private tmpfs. Each
# tool gets a fresh tree for each of RUNS runs (the tree's creation is not
# timed); the best time of each is kept. Also times the propagation of an
# inheritable ACE from the top directory (winsec grant without -R).
#
# usage: bench_tool.sh [WINSEC]   (RUNS=5 by default)

set -eu
top=$(cd "$(dirname "$0")/../../../.." && pwd)
W=${1:-$top/build/winsec}
W=$(cd "$(dirname "$W")" && pwd)/$(basename "$W")
runs=${RUNS:-5}

if [ -z "${WINSEC_BENCH_NS:-}" ]; then
	export WINSEC_BENCH_NS=1
	exec unshare -m --propagation private -- "$0" "$W"
fi
command -v setfacl >/dev/null || { echo "bench-tool: setfacl is missing (apt-get install acl)"; exit 1; }
T=$(mktemp -d /tmp/winsec-bench.XXXXXX)
mount -t tmpfs -o size=512m winsec-bench "$T"
trap 'cd /; umount -l "$T"; rmdir "$T"' EXIT

make_tree() {
	rm -rf "$1"
	mkdir "$1"
	(cd "$1" && for d in $(seq -w 1 100); do
		mkdir "d$d"
		(cd "d$d" && touch $(seq -f 'f%03g' 1 99))
	done)
}

# best_of NAME CMD...: the best wall time of CMD in seconds, each run on a
# fresh tree $T/t.
best_of() {
	local best= i s e t
	for ((i = 0; i < runs; i++)); do
		make_tree "$T/t"
		sync
		s=$(date +%s.%N)
		"$@" >/dev/null 2>&1
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc -l)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
	done
	echo "$best"
}

n=$(make_tree "$T/t"; find "$T/t" | wc -l)
echo "tree: $n objects (100 directories of 99 files and the top), tmpfs, best of $runs"
sf=$(best_of setfacl -R -m u:1000:rx "$T/t")
wr=$(best_of "$W" grant -R "$T/t" user:1000:RX)
wp=$(best_of "$W" grant "$T/t" 'user:1000:(OI)(CI)RX')
make_tree "$T/t"
"$W" grant "$T/t" 'user:1000:(OI)(CI)RX' 2>/dev/null
[ "$("$W" get "$T/t/d050/f050")" = "D:AI(A;ID;0x1200a9;;;S-1-22-1-1000)" ] ||
	{ echo "bench-tool: propagation gave the wrong result"; exit 1; }
printf 'setfacl -R -m u:1000:rx           %6.3f s\n' "$sf"
printf 'winsec grant -R user:1000:RX      %6.3f s  (%.2fx setfacl)\n' "$wr" "$(echo "$wr / $sf" | bc -l)"
printf 'winsec grant (OI)(CI)RX, inherited %6.3f s  (%.2fx setfacl)\n' "$wp" "$(echo "$wp / $sf" | bc -l)"
ratio=$(echo "$wr / $sf" | bc -l)
if [ "$(echo "$ratio <= 1.5" | bc -l)" = 1 ]; then
	echo "ratio $(printf %.2f "$ratio"): within the 1.5x target"
else
	echo "ratio $(printf %.2f "$ratio"): above the 1.5x target"
fi
