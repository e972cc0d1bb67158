# programs.bash - loaded by the bats files that loop one check over every
# record program present in $CD_BIN (cli.bats, hostile.bats, failio.bats),
# in git t1006 style: each @test names the programs that broke it.
#
# Record programs: clean, fingerprint, group and quote as they are, split
# in its record mode (--by paragraph).  copydesk-group reads fingerprinted
# records, so its input goes through copydesk-fingerprint first (fit).

VERBS="clean fingerprint group quote split"

# The record programs present in CD_BIN.
record_progs() {
	local v
	for v in $VERBS; do
		[ -x "$CD_BIN/copydesk-$v" ] && echo "$v"
	done
	return 0
}

# The extra arguments that put VERB in its record mode.
args_of() {
	case $1 in
	split) echo "--by paragraph" ;;
	esac
}

# run_prog VERB ARGS...: copydesk-VERB in record mode, through $CD_EXEC.
run_prog() {
	local v=$1
	shift
	# shellcheck disable=SC2046
	cdx "copydesk-$v" $(args_of "$v") "$@"
}

# fit VERB: stdin made into input for VERB.
fit() {
	if [ "$1" = group ]; then cdx "$CD_BIN/copydesk-fingerprint"; else cat; fi
}

# The document ids the output on stdin came from (doc for new records,
# id for passed-through ones), one per line, sorted.
doc_ids() {
	jq -r '.doc // .id' | sort -u
}

# check_all FN: run FN VERB for every record program; fail naming each
# program for which FN failed.  FN prints why on stderr.  A file may set
# CHECK_ALL_SETUP to a command run first (it may skip the test).
check_all() {
	local fn=$1 v failed=() progs
	progs=$(record_progs)
	# A build that made no programs is a failure, not a reason to skip.
	[ -n "$progs" ] || { echo "no record programs in $CD_BIN"; return 1; }
	${CHECK_ALL_SETUP:-true}
	for v in $progs; do
		"$fn" "$v" || failed+=("copydesk-$v")
	done
	if [ ${#failed[@]} -gt 0 ]; then
		echo "failed for: ${failed[*]}"
		return 1
	fi
}

# bad VERB MSG: say why a check failed for VERB.
bad() {
	echo "copydesk-$1: $2" >&2
	return 1
}
