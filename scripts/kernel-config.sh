#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Configures an out-of-tree kernel build:
#
#   scripts/kernel-config.sh TREE OUTDIR FRAGMENT...
#
# OUTDIR/.config = make tinyconfig, then the fragments merged in order, then
# olddefconfig. Every symbol a fragment sets is checked against the result:
# a symbol that Kconfig dropped (an unmet dependency) is an error, so the
# fragments cannot silently stop meaning what they say.

set -eu

die() {
	echo "kernel-config: $*" >&2
	exit 1
}

[ $# -ge 3 ] || die "usage: $0 TREE OUTDIR FRAGMENT..."
tree=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
shift 2
frags=()
for f in "$@"; do
	[ -f "$f" ] || die "$f: no such fragment"
	frags+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")")
done
set -- "${frags[@]}"

kmake() {
	make -s -C "$tree" O="$out" ARCH=x86_64 "$@"
}

echo "  CONFIG  $out (tinyconfig + $(for f in "$@"; do basename "$f"; done | tr '\n' ' '))"
kmake tinyconfig >/dev/null
# merge_config.sh -m: merge only, then let olddefconfig resolve.
(cd "$out" && "$tree/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$@" >/dev/null)
kmake olddefconfig >/dev/null

# Check: the last fragment that mentions a symbol wins.
bad=0
declare -A want=()
for f in "$@"; do
	while IFS= read -r line; do
		case $line in
		CONFIG_*=*)
			sym=${line%%=*}
			val=${line#*=}
			[ "$val" = n ] && val=unset
			want[$sym]=$val
			;;
		"# CONFIG_"*" is not set")
			sym=${line#\# }
			sym=${sym%% *}
			want[$sym]=unset
			;;
		esac
	done <"$f"
done
for sym in "${!want[@]}"; do
	val=${want[$sym]}
	got=$(grep -E "^$sym=" "$out/.config" | head -n 1 | cut -d= -f2-)
	[ -n "$got" ] || got=unset
	if [ "$got" != "$val" ]; then
		echo "kernel-config: $sym: wanted $val, got $got" >&2
		bad=1
	fi
done
[ $bad -eq 0 ] || die "the fragments do not apply cleanly (see above)"
