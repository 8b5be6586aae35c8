# SPDX-License-Identifier: GPL-2.0-only
# Sourced by tool_test.sh: bash completion, run in bash as readline would:
# file names with spaces, directories with "/", users and groups after
# --user and --group, commands after run --.

compl="$top/tools/winsec/winsec.bash-completion"
mkdir -p "$T/c/my dir" "$T/c/other"
touch "$T/c/my file" "$T/c/plain"
# complete WORDS...: the completions of the last word, one a line.
complete_words() {
	(cd "$T/c" && bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _winsec; printf "%s\n" "${COMPREPLY[@]}"' _ "$compl" "$@" | sort)
}
t_eq "completion: commands" "grant" "$(complete_words winsec gra)"
t_eq "completion: file names with spaces" "my dir/
my file" "$(complete_words winsec grant my)"
t_eq "completion: directories end with /" "other/" "$(complete_words winsec get ot)"
t_eq "completion: a file" "plain" "$(complete_words winsec get -l pl)"
t_eq "completion: users after --user" "alice" "$(complete_words winsec check plain --user ali)"
t_eq "completion: groups after --group" "staff4" "$(complete_words winsec check plain --group staff4)"
t_eq "completion: a command after run --" "true" "$(complete_words winsec run --level low -- tru | grep -x true | uniq)"
t_eq "completion: files after the command of run" "plain" "$(complete_words winsec run --level low -- cat pl)"
t_eq "completion: levels of label" "low" "$(complete_words winsec label plain lo)"
t_eq "completion: inheritance modes" "enable" "$(complete_words winsec inheritance plain en)"
t_eq "completion: options of grant" "--recursive
--replace" "$(complete_words winsec grant --re)"
t_eq "completion: --from" "samba" "$(complete_words winsec import --from sa)"
# Every command of --help is completed, and every long option of a
# command's --help is offered.
for c in $($W --help | sed -n 's/^  \([a-z-]*\) .*/\1/p'); do
	if grep -qx "$c" <<<"$(complete_words winsec "$c")"; then ok; else bad "completion of the command $c"; fi
done
missing=
for c in grant deny revoke set label get save restore diff import check inherit; do
	for o in $($W "$c" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
		grep -qx -- "$o" <<<"$(complete_words winsec "$c" --)" || missing+=" $c:$o"
	done
done
t_eq "completion: every option of --help" "" "$missing"

# --help agrees with the man page: each command's long options are in it.
missing=
for c in $($W --help | sed -n 's/^  \([a-z-]*\) .*/\1/p'); do
	run $W "$c" --help
	[ "$rc" -eq 0 ] && [[ $out == *"usage: winsec $c"* ]] || missing+=" $c:--help"
	for o in $(grep -o -- '--[a-z][a-z-]*' <<<"$out" | sort -u); do
		grep -qF -- "$(sed 's/-/\\-/g' <<<"$o")" "$top/tools/winsec/winsec.8" ||
			missing+=" $c:$o"
	done
done
t_eq "every option of every --help is in winsec.8" "" "$missing"
