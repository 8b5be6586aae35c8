# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# QEMU's accelerator for scripts/guest/run.sh, which sources this file.
#
# A writable /dev/kvm does not mean that KVM can run the guest: on some
# hosts QEMU stops with "KVM internal error", or spins without the guest
# printing anything. So KVM is used only when a short probe boot of the same
# kernel, with a tiny initramfs that prints a marker and powers off, got
# through under it. The result is kept in the cache directory, one file per
# host, kernel and QEMU version ("kvm" or "tcg", then why), so that the probe
# runs once. A boot under KVM is also watched (accel_watch); when KVM fails
# on it, run.sh boots again under TCG and calls accel_forget_kvm, which
# leaves a per-host file that makes every later boot on this host use TCG,
# whatever the probe said.
#
# The environment:
#   WINSEC_ACCEL=kvm|tcg     use this, without probing
#   WINSEC_NO_KVM=1          the same as WINSEC_ACCEL=tcg
#   WINSEC_KVM_DEV           the KVM device (/dev/kvm); when it is not
#                            writable, TCG without probing
#   WINSEC_ACCEL_CACHE       the cache directory ($build/accel)
#   WINSEC_PROBE_TIMEOUT     seconds given to the probe (20)
#   WINSEC_SILENCE_TIMEOUT   seconds of a silent console after which a boot
#                            under KVM counts as failed (60; 0: never)
#
# What run.sh must define before calling these: build, kernel, gen, mem and
# work (a private temporary directory), and die().
# shellcheck disable=SC2154 # those

accel_dev=${WINSEC_KVM_DEV:-/dev/kvm}
accel_cache=${WINSEC_ACCEL_CACHE:-$build/accel}
accel_probe_timeout=${WINSEC_PROBE_TIMEOUT:-20}
accel_silence=${WINSEC_SILENCE_TIMEOUT:-60}
accel_host=$(uname -n | tr -c 'A-Za-z0-9._\n-' '_')
accel_marker=WINSEC_ACCEL_PROBE_DONE

if ! [[ $accel_probe_timeout =~ ^[1-9][0-9]*$ ]]; then
	die "WINSEC_PROBE_TIMEOUT must be a number of seconds, not '$accel_probe_timeout'"
fi
[[ $accel_silence =~ ^[0-9]+$ ]] ||
	die "WINSEC_SILENCE_TIMEOUT must be a number of seconds, not '$accel_silence'"

# The chosen accelerator (kvm or tcg) and why, set by accel_choose.
accel=
accel_why=
accel_opts=()

# QEMU and the console's tail while accel_watch runs, for accel_cleanup.
watch_qpid=
watch_tpid=

# Milliseconds of the wall clock.
accel_now_ms() {
	local us=${EPOCHREALTIME//[!0-9]/}
	echo $((10#$us / 1000))
}

# The per-host file: KVM failed on a boot of this host.
accel_host_file() {
	echo "$accel_cache/$accel_host.no-kvm"
}

# The probe's result file for this host, kernel and QEMU version.
accel_probe_file() {
	local sum
	sum=$({
		sha256sum <"$kernel"
		qemu-system-x86_64 --version | head -n 1
	} | sha256sum | cut -c 1-16)
	echo "$accel_cache/$accel_host-$sum"
}

# QEMU's options for accelerator $1, in the array accel_opts.
accel_opts_for() {
	case $1 in
	kvm) accel_opts=(-accel kvm -cpu host) ;;
	*) accel_opts=(-accel tcg) ;;
	esac
}

# Stops QEMU: SIGTERM, then SIGKILL after 10 s.
accel_stop() {
	local pid=$1 _
	kill -TERM "$pid" 2>/dev/null || return 0
	for _ in $(seq 20); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.5
	done
	kill -KILL "$pid" 2>/dev/null || true
}

# For run.sh's exit trap: QEMU and the tail that shows its console.
accel_cleanup() {
	if [ -n "$watch_qpid" ]; then
		kill -TERM "$watch_qpid" 2>/dev/null && sleep 0.2
		kill -KILL "$watch_qpid" 2>/dev/null || true
	fi
	if [ -n "$watch_tpid" ]; then
		kill "$watch_tpid" 2>/dev/null || true
	fi
	watch_qpid=
	watch_tpid=
}

# accel_watch ACCEL CONSOLE QEMU_ERR LIMIT_MS SHOW QEMU_COMMAND...
#
# Runs QEMU_COMMAND in the background with the console (-serial stdio) in
# the file CONSOLE and QEMU's own messages in QEMU_ERR, showing the console
# on stdout as it arrives when SHOW is 1, and checks on it every half
# second. QEMU is stopped after LIMIT_MS milliseconds and, under KVM, as soon as it
# reports a KVM internal error or when the console stays silent for
# WINSEC_SILENCE_TIMEOUT seconds. Sets watch_rc to QEMU's exit status and
# watch_end to how the boot ended: exited, timeout, kvm-error or silent.
accel_watch() {
	local acc=$1 con=$2 err=$3 limit=$4 show=$5
	local start size=0 now cur quiet_since
	shift 5

	: >"$con"
	: >"$err"
	"$@" -serial stdio </dev/null >"$con" 2>"$err" &
	watch_qpid=$!
	if [ "$show" = 1 ]; then
		tail -n +1 -f --pid="$watch_qpid" "$con" &
		watch_tpid=$!
	fi

	start=$(accel_now_ms)
	quiet_since=$start
	watch_end=exited
	# Not on stderr: the shell's own note when QEMU dies of a signal.
	{
		while kill -0 "$watch_qpid"; do
			now=$(accel_now_ms)
			if [ "$acc" = kvm ] && grep -q 'KVM internal error' "$err"; then
				watch_end=kvm-error
				break
			fi
			if [ $((now - start)) -ge "$limit" ]; then
				watch_end=timeout
				break
			fi
			if [ "$acc" = kvm ] && [ "$accel_silence" -gt 0 ]; then
				cur=$(stat -c %s "$con")
				if [ "$cur" != "$size" ]; then
					size=$cur
					quiet_since=$now
				elif [ $((now - quiet_since)) -ge $((accel_silence * 1000)) ]; then
					watch_end=silent
					break
				fi
			fi
			sleep 0.5
		done
		[ "$watch_end" = exited ] || accel_stop "$watch_qpid"
		watch_rc=0
		wait "$watch_qpid" || watch_rc=$?
	} 2>/dev/null
	watch_qpid=
	if [ -n "$watch_tpid" ]; then
		wait "$watch_tpid" || true
		watch_tpid=
	fi
	# QEMU may also have stopped by itself after the error.
	if [ "$watch_end" = exited ] && [ "$acc" = kvm ] &&
		grep -q 'KVM internal error' "$err"; then
		watch_end=kvm-error
	fi
	return 0
}

# Why a boot under KVM that accel_watch watched failed because of KVM, or
# nothing when it did not. $1 is the console file.
accel_kvm_failure() {
	case $watch_end in
	kvm-error) echo "QEMU reported a KVM internal error" ;;
	silent) echo "the console stayed silent for ${accel_silence}s" ;;
	exited)
		[ -s "$1" ] ||
			echo "QEMU stopped (exit $watch_rc) before the guest printed anything"
		;;
	esac
}

# Remembers that KVM failed on this host: later boots use TCG.
accel_forget_kvm() {
	local file
	file=$(accel_host_file)
	mkdir -p "$accel_cache" &&
		echo "$1 ($(date '+%F %T'))" >"$file" ||
		echo "run: cannot write $file" >&2
}

# Boots $kernel under KVM with a tiny initramfs whose /init prints the
# marker and powers off. Sets accel and accel_why, and keeps the probe's
# console and QEMU messages in $1.log.
accel_probe() {
	local dir=$work/probe busybox=${BUSYBOX:-/bin/busybox} start secs what
	local -a bios=()

	if ! [ -x "$busybox" ] || readelf -l "$busybox" 2>/dev/null |
		grep -q 'program interpreter'; then
		accel=tcg
		accel_why="cannot probe KVM without a static $busybox (busybox-static)"
		return 1
	fi
	mkdir -p "$dir"
	printf '#!/bin/busybox sh\n/bin/busybox echo %s\n/bin/busybox reboot -f\n' \
		"$accel_marker" >"$dir/init"
	cat >"$dir/list" <<EOF
dir /bin 0755 0 0
dir /dev 0755 0 0
nod /dev/console 0600 0 0 c 5 1
file /bin/busybox $busybox 0755 0 0
file /init $dir/init 0755 0 0
EOF
	"$gen" "$dir/list" >"$dir/initrd" || die "$gen failed"
	[ -f /usr/share/qemu/qboot.rom ] && bios=(-bios /usr/share/qemu/qboot.rom)

	accel_opts_for kvm
	start=$(accel_now_ms)
	accel_watch kvm "$dir/console" "$dir/qemu.err" \
		$((accel_probe_timeout * 1000)) 0 \
		qemu-system-x86_64 -nodefaults -no-user-config -no-reboot \
		"${accel_opts[@]}" "${bios[@]}" -m "$mem" -smp 1 -display none \
		-kernel "$kernel" -initrd "$dir/initrd" \
		-append "console=ttyS0 panic=-1 kunit.enable=0 rdinit=/init"
	secs=$(($(accel_now_ms) - start))
	secs=$((secs / 1000)).$((secs % 1000 / 100))
	mkdir -p "$accel_cache" &&
		cat "$dir/console" "$dir/qemu.err" >"$1.log" 2>/dev/null

	if tr -d '\r' <"$dir/console" | grep -a -q "^$accel_marker\$"; then
		accel=kvm
		accel_why="the probe booted this kernel under KVM in ${secs}s"
		return 0
	fi
	case $watch_end in
	kvm-error) what="QEMU reported a KVM internal error" ;;
	timeout) what="no marker within ${accel_probe_timeout}s" ;;
	silent) what="the console stayed silent for ${accel_silence}s" ;;
	*)
		what="QEMU exit $watch_rc without the marker"
		if [ -s "$dir/qemu.err" ]; then
			what="$what: $(head -n 1 "$dir/qemu.err")"
		fi
		;;
	esac
	accel=tcg
	accel_why="the probe could not boot this kernel under KVM in ${secs}s ($what)"
	return 0
}

# Sets accel (kvm or tcg) and accel_why, probing when nothing decides.
accel_choose() {
	local forced=${WINSEC_ACCEL:-} how=WINSEC_ACCEL file word rest

	if [ -z "$forced" ] && [ -n "${WINSEC_NO_KVM:-}" ]; then
		forced=tcg
		how=WINSEC_NO_KVM
	fi
	case $forced in
	kvm | tcg)
		accel=$forced
		accel_why="forced by $how"
		return
		;;
	'') ;;
	*) die "WINSEC_ACCEL must be kvm or tcg, not '$forced'" ;;
	esac

	if ! [ -w "$accel_dev" ]; then
		accel=tcg
		accel_why="no writable $accel_dev"
		return
	fi

	file=$(accel_host_file)
	if [ -f "$file" ]; then
		accel=tcg
		accel_why="KVM failed on this host before: $(head -n 1 "$file"); remove $file to probe again"
		return
	fi

	file=$(accel_probe_file)
	if [ -f "$file" ] && read -r word rest <"$file" &&
		{ [ "$word" = kvm ] || [ "$word" = tcg ]; }; then
		accel=$word
		accel_why="cached in $file: $rest"
		return
	fi

	echo "run: probing KVM with this kernel (at most ${accel_probe_timeout}s)" >&2
	if accel_probe "$file"; then
		mkdir -p "$accel_cache" &&
			echo "$accel $accel_why" >"$file.tmp" &&
			mv "$file.tmp" "$file" ||
			echo "run: cannot write $file" >&2
	fi
}
