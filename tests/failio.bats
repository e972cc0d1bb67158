#!/usr/bin/env bats
# failio.bats - I/O errors injected with tests/shim/failio.c (LD_PRELOAD):
# a read(2) or write(2) that fails with EIO or ENOSPC must end the program
# cleanly: status 1, a message naming the file and the error, no crash,
# and for a read error every record before it processed (SPEC "Bad input,
# errors, exit status", STYLE §5 and §7).
#
# The shim is built here with $CC.  Under a sanitizer build the ASan
# runtime must come first among the preloaded libraries; the shim is then
# loaded after it with verify_asan_link_order=0, or the tests are skipped
# when that does not work.
load helper
load programs
CHECK_ALL_SETUP=need_shim

setup_file() {
	local so="$BATS_FILE_TMPDIR/failio.so"
	${CC:-cc} -shared -fPIC -o "$so" "$BATS_TEST_DIRNAME/shim/failio.c" -ldl
	export FAILIO_SO="$so"
	if [[ $CD_BIN == *asan* ]]; then
		export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
	fi
}

# failio VAR=VALUE... -- CMD...: run CMD with the shim and the settings,
# without the descriptor 3 bats keeps open, so that CMD's first file is 3.
failio() {
	local env=()
	while [ "$1" != -- ]; do env+=("$1"); shift; done
	shift
	env LD_PRELOAD="$FAILIO_SO" "${env[@]}" "$@" 3>&-
}

# The shim must work with these binaries at all, or the tests are moot.
need_shim() {
	local st=0
	failio FAILIO_WRITE_AFTER=0 -- "$CD_BIN/copydesk" --version > /dev/null 2> "$TMP/probe" || st=$?
	[ "$st" = 1 ] || skip "LD_PRELOAD shim not usable with $CD_BIN (status $st: $(head -c 100 "$TMP/probe"))"
}

# prog_cmd VERB: the command line of VERB in record mode.
prog_cmd() {
	if [ "$1" = split ]; then
		echo "$CD_BIN/copydesk-split --by paragraph"
	else
		echo "$CD_BIN/copydesk-$1"
	fi
}

# input VERB N: N records for VERB, long enough to need several reads.
input() {
	awk -v n="$2" 'BEGIN { for (i = 1; i <= n; i++)
		printf "{\"id\":\"d%d\",\"text\":\"Officials in Town %d met on Monday to talk about the budget, the roads and the schools.\\n\\n\\\"We made progress,\\\" said Mayor Ann Lee.\"}\n", i, i }' |
		fit "$1"
}

read_mid_ok() {
	local v=$1 st=0 n
	input "$v" 3000 > "$TMP/in"
	# shellcheck disable=SC2046
	failio FAILIO_READ_FD=0 FAILIO_READ_AFTER=1 -- $(prog_cmd "$v") < "$TMP/in" > "$TMP/out" 2> "$TMP/err" || st=$?
	[ "$st" = 1 ] || { bad "$v" "status $st, want 1: $(head -c 300 "$TMP/err")"; return 1; }
	grep -q "^copydesk-$v: <stdin>: Input/output error after line [0-9]" "$TMP/err" ||
		{ bad "$v" "message: $(head -c 300 "$TMP/err")"; return 1; }
	n=$(sed -n 's/.*Input\/output error after line \([0-9]*\).*/\1/p' "$TMP/err")
	[ "$n" -gt 0 ] && [ "$n" -lt 3000 ] || { bad "$v" "error after line '$n'"; return 1; }
	[ "$(jq -r '.doc // .id' < "$TMP/out" | sort -u | wc -l)" = "$n" ] ||
		bad "$v" "not every record before the error was processed"
}

@test "failio: a read error mid-input keeps what was read, status 1" {
	check_all read_mid_ok
}

read_first_ok() {
	local v=$1 st=0
	input "$v" 10 > "$TMP/in"
	# Only descriptor 0: the programs may read data files first.
	# shellcheck disable=SC2046
	failio FAILIO_READ_FD=0 FAILIO_READ_AFTER=0 -- $(prog_cmd "$v") < "$TMP/in" > "$TMP/out" 2> "$TMP/err" || st=$?
	[ "$st" = 1 ] || { bad "$v" "status $st, want 1"; return 1; }
	grep -q "^copydesk-$v: <stdin>: Input/output error" "$TMP/err" || { bad "$v" "message: $(head -c 300 "$TMP/err")"; return 1; }
	[ ! -s "$TMP/out" ] || bad "$v" "output after a failed first read"
}

@test "failio: a failing first read names the input, status 1" {
	check_all read_first_ok
}

write_ok() {
	local v=$1 after=$2 err=${3:-5} st=0 msg
	input "$v" 3000 > "$TMP/in"
	# shellcheck disable=SC2046
	failio FAILIO_WRITE_AFTER="$after" FAILIO_ERRNO="$err" -- $(prog_cmd "$v") < "$TMP/in" > "$TMP/out" 2> "$TMP/err" || st=$?
	[ "$st" = 1 ] || { bad "$v" "write error after $after writes: status $st, want 1"; return 1; }
	[ "$err" = 5 ] && msg="Input/output error" || msg="No space left on device"
	grep -q "^copydesk-$v: write error on standard output: $msg$" "$TMP/err" ||
		{ bad "$v" "message: $(head -c 300 "$TMP/err")"; return 1; }
	[ "$(wc -l < "$TMP/err")" = 1 ] || bad "$v" "more than one message: $(head -c 300 "$TMP/err")"
}

first_write_ok() { write_ok "$1" 0; }
# (after three writes; copydesk-group writes its 2.5 MB here in three,
# of 1 MiB, from a second thread: after one)
later_write_ok() { write_ok "$1" "$([ "$1" = group ] && echo 1 || echo 3)"; }
enospc_write_ok() { write_ok "$1" 1 28; }

@test "failio: a failing first write to stdout gives status 1 and one message" {
	check_all first_write_ok
}

@test "failio: a write error after some output gives status 1 and one message" {
	check_all later_write_ok
}

@test "failio: ENOSPC on stdout is reported as such" {
	check_all enospc_write_ok
}

rejects_write_ok() {
	local v=$1 st=0
	{ input "$v" 5; echo '{bad'; input "$v" 5; } > "$TMP/in"
	# --rejects is the first file opened: descriptor 3.
	# shellcheck disable=SC2046
	failio FAILIO_WRITE_FD=3 FAILIO_WRITE_AFTER=0 -- $(prog_cmd "$v") --rejects "$TMP/rej" < "$TMP/in" > "$TMP/out" 2> "$TMP/err" || st=$?
	[ "$st" = 1 ] || { bad "$v" "status $st, want 1"; return 1; }
	grep -q "^copydesk-$v: write error on $TMP/rej: Input/output error" "$TMP/err" ||
		bad "$v" "no message naming the rejects file: $(head -c 300 "$TMP/err")"
}

@test "failio: a write error on --rejects names the file, status 1" {
	check_all rejects_write_ok
}

# split_read_fails N: copydesk-split on a text file whose reads after the
# first N fail must report it and exit 1.
split_read_fails() {
	local st=0
	failio FAILIO_READ_AFTER="$1" -- "$CD_BIN/copydesk-split" "$TMP/a.txt" > "$TMP/out" 2> "$TMP/err" || st=$?
	[ "$st" = 1 ] || { echo "reads after $1 fail: status $st, want 1" >&2; return 1; }
	grep -q "^copydesk-split: $TMP/a.txt: " "$TMP/err" ||
		{ echo "reads after $1 fail: message '$(cat "$TMP/err")'" >&2; return 1; }
}

@test "failio: split reports a failing first or second read of a file" {
	[ -x "$CD_BIN/copydesk-split" ] || skip "no copydesk-split"
	need_shim
	seq 100000 > "$TMP/a.txt"
	split_read_fails 0
	split_read_fails 1
}

# libarchive probes the end of a file and seeks back; a read that fails
# after that seek once gave an empty document and status 0.
@test "failio: split reports a read error after libarchive's seek probe" {
	[ -x "$CD_BIN/copydesk-split" ] || skip "no copydesk-split"
	need_shim
	seq 100000 > "$TMP/a.txt"
	split_read_fails 2
	split_read_fails 3
}
