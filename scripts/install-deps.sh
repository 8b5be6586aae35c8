#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Installs the Debian packages that building and testing winsec need. Does
# nothing when they are all present; needs root (or sudo) otherwise.

set -eu

pkgs=(
	build-essential bc bison flex libelf-dev libssl-dev cpio kmod rsync
	xz-utils ccache linux-source-6.12
	qemu-system-x86 qemu-system-data busybox-static e2fsprogs
	clang libclang-rt-14-dev llvm
	python3-samba acl bash-completion util-linux
	mmdebstrap
	# make stress: the load and the fuzzer in the guest
	stress-ng trinity
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
