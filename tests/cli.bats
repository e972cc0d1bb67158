#!/usr/bin/env bats
# cli.bats - the contract every program shares (SPEC "Record
# conventions" and "Bad input, errors, exit status", STYLE §9), looped over
# the programs present in $CD_BIN in git t1006 style: each @test checks one
# behaviour for every program and names the programs that broke it.
#
# The loop and the record modes are in programs.bash.
load helper
load programs

PASS_THROUGH="clean fingerprint group"

# docs N [FIRST]: N document records d{FIRST}..., each with two paragraphs
# and a quotation, so every program has something to say about them.
docs() {
	local n=$1 first=${2:-1}
	awk -v n="$n" -v f="$first" 'BEGIN {
		for (i = f; i < f + n; i++)
			printf "{\"id\":\"d%d\",\"source\":\"s%d\",\"text\":\"Officials in Town %d met on Monday to discuss the budget for road %d.\\n\\n\\\"We made real progress on item %d,\\\" said Mayor Ann Lee.\"}\n", i, i % 7, i, i * 7, i
	}'
}

# good VERB N [FIRST]: N valid input records for VERB on stdout.
good() {
	if [ "$1" = group ]; then
		docs "$2" "${3:-1}" | cdx copydesk-fingerprint
	else
		docs "$2" "${3:-1}"
	fi
}

# --- help, version, usage ---------------------------------------------

help_ok() {
	local v=$1 out first
	out=$(cdx "copydesk-$v" --help 2> "$TMP/err") || { bad "$v" "--help status $?"; return 1; }
	[ ! -s "$TMP/err" ] || { bad "$v" "--help wrote to stderr"; return 1; }
	first=${out%%$'\n'*}
	[[ $first == "usage: copydesk-$v "* ]] || { bad "$v" "first line: $first"; return 1; }
	[[ $out == *"copydesk-$v(1)." ]] || { bad "$v" "help does not end with 'See copydesk-$v(1).'"; return 1; }
}

@test "cli: --help prints the usage first, on stdout, status 0" {
	check_all help_ok
}

@test "cli: copydesk --help prints the usage and lists the commands" {
	run -0 --separate-stderr cdx copydesk --help
	[[ ${lines[0]} == "usage: copydesk "* ]]
	[ -z "$stderr" ]
	for v in $VERBS; do
		[[ $output == *"  $v "* ]] || { echo "no $v in the list"; return 1; }
	done
}

version_ok() {
	local v=$1 out want
	want="copydesk-$v $(cat "$ROOT/VERSION")"
	out=$(cdx "copydesk-$v" --version) || { bad "$v" "--version status $?"; return 1; }
	[ "$out" = "$want" ] || { bad "$v" "--version said '$out', want '$want'"; return 1; }
	out=$(cdx copydesk "$v" --version) || { bad "$v" "copydesk $v --version failed"; return 1; }
	[ "$out" = "$want" ] || { bad "$v" "copydesk $v --version said '$out'"; return 1; }
}

@test "cli: --version prints one line 'copydesk-VERB VERSION'" {
	check_all version_ok
}

@test "cli: copydesk --version starts with 'copydesk VERSION'" {
	run -0 --separate-stderr cdx copydesk --version
	[ "${lines[0]}" = "copydesk $(cat "$ROOT/VERSION")" ]
}

usage_ok() {
	local v=$1 st=0
	cdx "copydesk-$v" --no-such-option < /dev/null > "$TMP/out" 2> "$TMP/err" || st=$?
	[ "$st" = 2 ] || { bad "$v" "unknown option: status $st, want 2"; return 1; }
	[ ! -s "$TMP/out" ] || { bad "$v" "unknown option wrote to stdout"; return 1; }
	grep -q -- "--no-such-option" "$TMP/err" || { bad "$v" "message does not name the option"; return 1; }
	grep -q -- "--help" "$TMP/err" || { bad "$v" "no hint to --help"; return 1; }
	grep -q "^copydesk-$v: " "$TMP/err" || { bad "$v" "message does not start with the program name"; return 1; }
}

@test "cli: an unknown option gives status 2 and a hint on stderr" {
	check_all usage_ok
}

@test "cli: copydesk with an unknown command or option gives status 2" {
	run -2 --separate-stderr cdx copydesk no-such-command
	[ -z "$output" ]
	[[ $stderr == *"no-such-command"* ]]
	run -2 --separate-stderr cdx copydesk --no-such-option
	[[ $stderr == *"--help"* ]]
}

# --- record input ------------------------------------------------------

empty_ok() {
	local v=$1 st=0
	run_prog "$v" < /dev/null > "$TMP/out" 2> "$TMP/err" || st=$?
	[ "$st" = 0 ] || { bad "$v" "empty input: status $st"; return 1; }
	[ ! -s "$TMP/out" ] || { bad "$v" "empty input gave output"; return 1; }
	[ ! -s "$TMP/err" ] || { bad "$v" "empty input gave messages: $(head -c 200 "$TMP/err")"; return 1; }
	# Blank lines only are empty input too.
	printf '\n \n\t\r\n\n' | run_prog "$v" > "$TMP/out" 2> "$TMP/err" || st=$?
	[ "$st" = 0 ] && [ ! -s "$TMP/out" ] && [ ! -s "$TMP/err" ] ||
		{ bad "$v" "blank lines only: status $st or output"; return 1; }
}

@test "cli: empty input gives empty output and status 0" {
	check_all empty_ok
}

crlf_ok() {
	local v=$1 st=0
	good "$v" 3 > "$TMP/lf"
	# BOM on line 1, CRLF everywhere, blank lines between and at the end.
	{
		printf '\xef\xbb\xbf'
		sed -n 1p "$TMP/lf" | sed 's/$/\r/'
		printf '\r\n\n   \n'
		sed -n '2,3p' "$TMP/lf" | sed 's/$/\r/'
		printf '\r\n'
	} > "$TMP/crlf"
	run_prog "$v" < "$TMP/lf" > "$TMP/want" 2>&1 || { bad "$v" "plain input failed"; return 1; }
	run_prog "$v" < "$TMP/crlf" > "$TMP/got" 2> "$TMP/err" || st=$?
	[ "$st" = 0 ] || { bad "$v" "CRLF/BOM input: status $st: $(head -c 300 "$TMP/err")"; return 1; }
	[ ! -s "$TMP/err" ] || { bad "$v" "CRLF/BOM input gave messages"; return 1; }
	[ -s "$TMP/want" ] || { bad "$v" "no output for three records"; return 1; }
	cmp -s "$TMP/want" "$TMP/got" || { bad "$v" "CRLF/BOM input gave other output than LF input"; return 1; }
}

@test "cli: CRLF, a BOM and blank lines are accepted without change" {
	check_all crlf_ok
}

# bad_input VERB: lines 1 and 3 good, line 2 not JSON, in $TMP/in.jsonl;
# the good lines alone in $TMP/good.jsonl.
bad_input() {
	good "$1" 2 > "$TMP/good.jsonl"
	{
		sed -n 1p "$TMP/good.jsonl"
		printf '{"id":"bad" oops}\n'
		sed -n 2p "$TMP/good.jsonl"
	} > "$TMP/in.jsonl"
}

malformed_ok() {
	local v=$1 st=0
	bad_input "$v"
	(cd "$TMP" && run_prog "$v" in.jsonl > out 2> err) || st=$?
	[ "$st" = 1 ] || { bad "$v" "status $st, want 1"; return 1; }
	grep -q "^copydesk-$v: in\.jsonl:2: " "$TMP/err" ||
		{ bad "$v" "no 'copydesk-$v: in.jsonl:2: ' message: $(head -c 300 "$TMP/err")"; return 1; }
	grep -q "^copydesk-$v: 1 of 3 records rejected$" "$TMP/err" ||
		{ bad "$v" "no '1 of 3 records rejected' summary"; return 1; }
	run_prog "$v" < "$TMP/good.jsonl" > "$TMP/want" 2> /dev/null
	cmp -s "$TMP/want" "$TMP/out" ||
		{ bad "$v" "the good records came out differently next to a bad one"; return 1; }
	[ "$(doc_ids < "$TMP/out" | tr '\n' ' ')" = "d1 d2 " ] ||
		{ bad "$v" "output not from d1 and d2"; return 1; }
}

@test "cli: a malformed line is reported as FILE:LINE, the rest processed, status 1" {
	check_all malformed_ok
}

rejects_ok() {
	local v=$1 st=0
	good "$v" 2 > "$TMP/good.jsonl"
	# Not an object, invalid UTF-8, truncated, CRLF, NUL byte, trailing
	# garbage, and a last line without "\n".
	printf '[1,2]\n{"text":"\xff"}\n{"id":"x","text":"a\n{"id":"crlf",}\r\n{"a":"\0"}\n{"id":"y"} z\n' > "$TMP/bad"
	printf '{"id":"last"' > "$TMP/last"
	{
		sed -n 1p "$TMP/good.jsonl"
		cat "$TMP/bad"
		sed -n 2p "$TMP/good.jsonl"
		cat "$TMP/last"
	} > "$TMP/in"
	{ cat "$TMP/bad" "$TMP/last"; echo; } > "$TMP/want"
	run_prog "$v" --rejects "$TMP/rej" < "$TMP/in" > "$TMP/out" 2> "$TMP/err" || st=$?
	[ "$st" = 1 ] || { bad "$v" "status $st, want 1"; return 1; }
	cmp "$TMP/want" "$TMP/rej" >&2 || { bad "$v" "--rejects is not the bad lines verbatim"; return 1; }
	[ "$(grep -c '^copydesk-'"$v"': <stdin>:[0-9]*: ' "$TMP/err")" = 7 ] ||
		{ bad "$v" "not 7 FILE:LINE messages: $(cat "$TMP/err")"; return 1; }
	[ "$(doc_ids < "$TMP/out" | tr '\n' ' ')" = "d1 d2 " ] ||
		{ bad "$v" "output not from d1 and d2"; return 1; }
}

@test "cli: --rejects gets every rejected line byte for byte" {
	check_all rejects_ok
}

strict_ok() {
	local v=$1 st=0
	bad_input "$v"
	run_prog "$v" --strict < "$TMP/in.jsonl" > "$TMP/out" 2> "$TMP/err" || st=$?
	[ "$st" = 1 ] || { bad "$v" "status $st, want 1"; return 1; }
	grep -q "^copydesk-$v: <stdin>:2: " "$TMP/err" || { bad "$v" "no <stdin>:2 message"; return 1; }
	[ "$(doc_ids < "$TMP/out" | tr '\n' ' ')" = "d1 " ] ||
		{ bad "$v" "--strict went on: output from $(doc_ids < "$TMP/out" | tr '\n' ' ')"; return 1; }
}

@test "cli: --strict stops at the first malformed line with status 1" {
	check_all strict_ok
}

# --- output --------------------------------------------------------------

head_ok() {
	local v=$1 st
	good "$v" 5000 > "$TMP/in"
	run_prog "$v" < "$TMP/in" 2> "$TMP/err" | head -n 1 > "$TMP/out"
	st=${PIPESTATUS[0]}
	[ "$st" = 0 ] || { bad "$v" "| head -n 1: status $st"; return 1; }
	[ ! -s "$TMP/err" ] || { bad "$v" "| head -n 1 gave messages: $(head -c 300 "$TMP/err")"; return 1; }
	[ "$(wc -l < "$TMP/out")" = 1 ] || { bad "$v" "no line reached head"; return 1; }
}

@test "cli: a closed pipe (| head -n 1) ends quietly with status 0" {
	check_all head_ok
}

head_rejects_ok() {
	local v=$1 st n
	good "$v" 3000 | awk '{ print; print "[" NR "]" }' > "$TMP/in"
	run_prog "$v" --rejects "$TMP/rej" < "$TMP/in" 2> "$TMP/err" | head -n 1 > /dev/null
	st=${PIPESTATUS[0]}
	[ "$st" = 0 ] || [ "$st" = 1 ] || { bad "$v" "| head -n 1: status $st"; return 1; }
	n=$(grep -c "^copydesk-$v: <stdin>:[0-9]*: " "$TMP/err")
	[ "$n" -gt 0 ] || { bad "$v" "no rejection reported"; return 1; }
	[ "$(wc -l < "$TMP/rej")" = "$n" ] ||
		{ bad "$v" "$n rejections reported, $(wc -l < "$TMP/rej") in --rejects"; return 1; }
	grep -q '^\[1\]$' "$TMP/rej" || { bad "$v" "the first rejected line is missing"; return 1; }
}

@test "cli: --rejects keeps every reported line when the output pipe closes early" {
	check_all head_rejects_ok
}

full_ok() {
	local v=$1 st=0
	[ -w /dev/full ] || skip "no /dev/full"
	good "$v" 50 > "$TMP/in"
	run_prog "$v" < "$TMP/in" > /dev/full 2> "$TMP/err" || st=$?
	[ "$st" = 1 ] || { bad "$v" "> /dev/full: status $st, want 1"; return 1; }
	grep -q "^copydesk-$v: .*No space left on device" "$TMP/err" ||
		{ bad "$v" "> /dev/full: message was '$(head -c 300 "$TMP/err")'"; return 1; }
}

@test "cli: a full disk (> /dev/full) gives status 1 and a message" {
	check_all full_ok
}

full_rejects_ok() {
	local v=$1 st=0 n
	[ -w /dev/full ] || skip "no /dev/full"
	good "$v" 3000 | awk '{ print; print "[" NR "]" }' > "$TMP/in"
	run_prog "$v" --rejects "$TMP/rej" < "$TMP/in" > /dev/full 2> "$TMP/err" || st=$?
	[ "$st" = 1 ] || { bad "$v" "> /dev/full: status $st, want 1"; return 1; }
	n=$(grep -c "^copydesk-$v: <stdin>:[0-9]*: " "$TMP/err")
	[ "$n" -gt 0 ] || { bad "$v" "no rejection reported"; return 1; }
	[ "$(wc -l < "$TMP/rej")" = "$n" ] ||
		{ bad "$v" "$n rejections reported, $(wc -l < "$TMP/rej") in --rejects"; return 1; }
}

@test "cli: --rejects keeps every reported line when a write error stops the program" {
	check_all full_rejects_ok
}

same_ok() {
	local v=$1
	{ good "$v" 100; good "$v" 20; good "$v" 30 200; } > "$TMP/in"
	run_prog "$v" < "$TMP/in" > "$TMP/a" 2>&1
	run_prog "$v" < "$TMP/in" > "$TMP/b" 2>&1
	[ -s "$TMP/a" ] || { bad "$v" "no output"; return 1; }
	cmp -s "$TMP/a" "$TMP/b" || { bad "$v" "two runs differ"; return 1; }
}

@test "cli: the same input gives the same output bytes" {
	check_all same_ok
}

# A record with members no program owns, with odd spacing and escapes.
unknown_line() {
	# shellcheck disable=SC2016
	printf '%s\n' '{"id":"u1", "x": [1, {"y":"\u00e9"}] ,"text":"Officials met on Monday.\n\n\"We made progress,\" said Ann Lee.","k\"ey" :	"\ud83d\ude00" , "n":-0.0e+0}'
}

unknown_ok() {
	local v=$1 line
	case " $PASS_THROUGH " in *" $v "*) ;; *) return 0 ;; esac
	if [ "$v" = group ]; then
		unknown_line | cdx copydesk-fingerprint > "$TMP/in"
	else
		unknown_line > "$TMP/in"
	fi
	run_prog "$v" < "$TMP/in" > "$TMP/out" 2> "$TMP/err" || { bad "$v" "status $?: $(cat "$TMP/err")"; return 1; }
	line=$(cat "$TMP/out")
	[[ $line == '{"id":"u1", "x": [1, {"y":"\u00e9"}] ,"text":'* ]] ||
		{ bad "$v" "the leading members changed: ${line:0:80}"; return 1; }
	[[ $line == *',"k\"ey" :	"\ud83d\ude00" , "n":-0.0e+0'[,}]* ]] ||
		{ bad "$v" "the trailing members changed"; return 1; }
}

@test "cli: unknown fields pass through byte for byte and in order" {
	check_all unknown_ok
}

nonstring_ok() {
	local v=$1 st=0
	[ "$v" = group ] && return 0	# reads fp, not text
	printf '{"id":"n1","text":42}\n{"id":"n2"}\n' > "$TMP/in"
	run_prog "$v" --rejects "$TMP/rej" < "$TMP/in" > "$TMP/out" 2> "$TMP/err" || st=$?
	[ "$st" = 1 ] || { bad "$v" "records without a text: status $st"; return 1; }
	cmp -s "$TMP/in" "$TMP/rej" || { bad "$v" "records without a text not in --rejects"; return 1; }
	grep -q "^copydesk-$v: <stdin>:2: .*'text'" "$TMP/err" || { bad "$v" "no message naming 'text'"; return 1; }
}

@test "cli: a record without its text field is rejected, not dropped" {
	check_all nonstring_ok
}

# --- data files -----------------------------------------------------------

@test "cli: a program of the build tree reads the tree's data without COPYDESK_DATADIR" {
	printf '%s\n' '{"text":"Advertisement\n\nThe council met today to discuss the budget."}' > "$TMP/in"
	run -0 --separate-stderr env -u COPYDESK_DATADIR "$CD_BIN/copydesk-clean" "$TMP/in"
	[ -z "$stderr" ]
	[ "$(jq -r .text <<< "$output")" = "The council met today to discuss the budget." ]
	[ "$output" = "$(cdx copydesk-clean "$TMP/in")" ]
}

@test "cli: an installed program reads PREFIX/share/copydesk or DATADIR, never a directory outside PREFIX" {
	mkdir -p "$TMP/a/b/p/bin" "$TMP/a/b/p/data" "$TMP/a/data" "$TMP/a/b/p/share/copydesk"
	cp "$CD_BIN/copydesk-clean" "$TMP/a/b/p/bin/"
	for d in "$TMP/a/b/p/data" "$TMP/a/data"; do
		printf 'not a rule\n' > "$d/clean-rules.txt"
	done
	printf '%s\n' '{"text":"a b"}' > "$TMP/in"
	# the bad rules are refused when read, so reading them would show
	run -1 --separate-stderr env COPYDESK_DATADIR="$TMP/a/data" "$TMP/a/b/p/bin/copydesk-clean" "$TMP/in"
	[[ "$stderr" == *"$TMP/a/data/clean-rules.txt:1: "* ]]
	run --separate-stderr env -u COPYDESK_DATADIR "$TMP/a/b/p/bin/copydesk-clean" "$TMP/in"
	[[ "$stderr" != *"$TMP"* ]]
	# PREFIX/share/copydesk of a moved installation is read
	cp "$TMP/a/data/clean-rules.txt" "$TMP/a/b/p/share/copydesk/"
	run -1 --separate-stderr env -u COPYDESK_DATADIR "$TMP/a/b/p/bin/copydesk-clean" "$TMP/in"
	[[ "$stderr" == *"$TMP/a/b/p/bin/../share/copydesk/clean-rules.txt:1: "* ]]
}
