#!/usr/bin/env bats
# hostile.bats - hostile input for every program present in $CD_BIN
# (SPEC "Bad input, errors, exit status", STYLE §6): huge and over-long
# records, NUL bytes, bad UTF-8 and escapes, deep nesting, duplicate keys,
# damaged gzip and tar, binary files, full disks.  Each case checks: no
# crash, a message naming the file and line, the rest processed, the status
# of SPEC, and every input line accounted for, in the output or in
# --rejects.
#
# The huge record is CD_BIG_MB megabytes: 100 by default, 10 when CD_BIN
# is a sanitizer build (make check), where 100 MB would take minutes; the
# memory bounds are only enforced outside sanitizer builds (make test).
load helper
load programs

if [[ $CD_BIN == *asan* ]]; then
	BIG_MB=${CD_BIG_MB:-10}
else
	BIG_MB=${CD_BIG_MB:-100}
fi

# doc ID: one good document record with a paragraph and a quotation.
doc() {
	printf '{"id":"%s","text":"Officials met on Monday in %s.\\n\\n\\"We made progress,\\" said Mayor Ann Lee."}\n' "$1" "$1"
}

# sandwich VERB NREJ LINE-FILE: run VERB on a good record, the lines of
# LINE-FILE (hostile ones, to be rejected when NREJ > 0) and another good
# record, in $TMP/in.jsonl given as a file name.  Checks the status (1 when
# NREJ > 0, else 0), one "in.jsonl:LINE:" message per rejected line,
# --rejects holding exactly the LINE-FILE lines when all are rejected, and
# that every line shows up in the output or in --rejects.
sandwich() {
	local v=$1 nrej=$2 lines=$3 st=0 want=0 nin nout nrejected
	{ doc a1 | fit "$v"; cat "$lines"; doc a2 | fit "$v"; } > "$TMP/in.jsonl"
	(cd "$TMP" && run_prog "$v" --rejects rej in.jsonl > out 2> err) || st=$?
	[ "$nrej" -gt 0 ] && want=1
	[ "$st" = "$want" ] || { bad "$v" "status $st, want $want: $(head -c 300 "$TMP/err")"; return 1; }
	[ "$(grep -c "^copydesk-$v: in\.jsonl:[0-9][0-9]*: " "$TMP/err")" = "$nrej" ] ||
		{ bad "$v" "not $nrej FILE:LINE messages: $(head -c 300 "$TMP/err")"; return 1; }
	if [ "$nrej" -gt 0 ]; then
		cmp -s "$lines" "$TMP/rej" || { bad "$v" "--rejects is not the hostile lines verbatim"; return 1; }
	fi
	# (wc and sed, not grep: GNU grep splits binary files at NUL bytes)
	nin=$(sed '/^[[:space:]]*$/d' "$TMP/in.jsonl" | wc -l)
	nout=$(doc_ids < "$TMP/out" | wc -l)
	nrejected=$(wc -l < "$TMP/rej")
	[ $((nout + nrejected)) = "$nin" ] ||
		{ bad "$v" "$nin lines in, $nout in the output and $nrejected rejected"; return 1; }
	doc_ids < "$TMP/out" | grep -qx a2 || { bad "$v" "the record after the hostile lines is missing"; return 1; }
}

# --- one hostile line between good ones ---------------------------------

nul_ok() {
	printf '{"id":"n1","text":"a\0b"}\n\0\n{"id":"n2"\0,"text":"x"}\n' > "$TMP/h"
	sandwich "$1" 3 "$TMP/h"
}

@test "hostile: raw NUL bytes are rejected, the rest processed" {
	check_all nul_ok
}

escaped_nul_ok() {
	printf '{"id":"e1","text":"\\"Zero \\u0000 byte,\\" said Ann Lee.\\n\\nMore \\u0000."}\n' | fit "$1" > "$TMP/h"
	sandwich "$1" 0 "$TMP/h"
}

@test "hostile: an escaped \\u0000 in the text is data, not a crash" {
	check_all escaped_nul_ok
}

surrogate_ok() {
	printf '%s\n' '{"id":"s1","text":"\ud800"}' '{"id":"s2","text":"x\udc00y"}' \
		'{"id":"s3","text":"\ud83d\u0041"}' '{"\ud800":1,"text":"x"}' > "$TMP/h"
	sandwich "$1" 4 "$TMP/h"
}

@test "hostile: lone surrogate escapes are rejected" {
	check_all surrogate_ok
}

utf8_ok() {
	printf '{"id":"u1","text":"\xff"}\n{"id":"u2","text":"\xc0\xaf"}\n{"id":"u3","text":"\xed\xa0\x80"}\n{"id":"u4","text":"caf\xc3"}\n{"id":"u5","text":"\xf4\x90\x80\x80"}\n' > "$TMP/h"
	sandwich "$1" 5 "$TMP/h"
}

@test "hostile: invalid and overlong UTF-8 is rejected" {
	check_all utf8_ok
}

deep_ok() {
	{
		printf '{"id":"deep","x":'
		printf '[%.0s' $(seq 10000)
		printf ']%.0s' $(seq 10000)
		printf ',"text":"t"}\n'
	} > "$TMP/h"
	sandwich "$1" 1 "$TMP/h" || return 1
	grep -q "nesting too deep" "$TMP/err" || bad "$1" "no 'nesting too deep'"
}

@test "hostile: 10,000 levels of nesting are rejected without a crash" {
	check_all deep_ok
}

nested_ok_ok() {
	# 200 levels are legal and pass.
	{
		printf '{"id":"n200","x":'
		printf '[%.0s' $(seq 199)
		printf ']%.0s' $(seq 199)
		printf ',"text":"\\"Deep,\\" said Ann Lee.\\n\\nOk."}\n'
	} | fit "$1" > "$TMP/h"
	sandwich "$1" 0 "$TMP/h"
}

@test "hostile: 200 levels of nesting are accepted" {
	check_all nested_ok_ok
}

dup_ok() {
	local v=$1 want got
	printf '%s\n' '{"id":"dup","text":"decoy","text":"\"Real words,\" said Ann Lee.\n\nThe real text."}' |
		fit "$v" > "$TMP/h"
	sandwich "$v" 0 "$TMP/h" || return 1
	[ "$v" = group ] && return 0
	# The last of the duplicates is the one used, as jq does.
	printf '%s\n' '{"id":"dup","text":"\"Real words,\" said Ann Lee.\n\nThe real text."}' > "$TMP/last"
	want=$(run_prog "$v" < "$TMP/last" | jq -c 'del(.text?, .id?, .doc?)' 2> /dev/null)
	got=$(run_prog "$v" < "$TMP/h" | jq -c 'del(.text?, .id?, .doc?)' 2> /dev/null)
	[ "$want" = "$got" ] || bad "$v" "duplicate keys: the last 'text' was not the one used"
}

@test "hostile: duplicate keys are accepted and the last one wins" {
	check_all dup_ok
}

crlf_bom_ok() {
	local v=$1
	{ printf '\xef\xbb\xbf'; doc a1 | fit "$v" | sed 's/$/\r/'; printf '\r\n'; doc a2 | fit "$v" | tr -d '\n'; } > "$TMP/in"
	run_prog "$v" < "$TMP/in" > "$TMP/out" 2> "$TMP/err" || { bad "$v" "status $?"; return 1; }
	[ ! -s "$TMP/err" ] || { bad "$v" "messages: $(head -c 200 "$TMP/err")"; return 1; }
	[ "$(doc_ids < "$TMP/out" | tr '\n' ' ')" = "a1 a2 " ] || bad "$v" "not both records (BOM, CRLF, no final newline)"
}

@test "hostile: a BOM, CRLF and no final newline are accepted" {
	check_all crlf_bom_ok
}

# --- size ----------------------------------------------------------------

# big_record FILE: a document record of BIG_MB megabytes.
big_record() {
	{
		printf '{"id":"big","text":"\\"We agree,\\" said Ann Lee.\\n\\n'
		yes 'Officials said the talks in the city went well. ' | head -c "${BIG_MB}M" | tr -d '\n'
		printf '"}\n'
	} > "$1"
}

# max_rss_kb CMD...: run CMD (stdin, stdout as given) and print its peak
# resident size in KB on fd 3.
max_rss() {
	/usr/bin/time -f %M -o "$TMP/rss" "$@"
}

huge_ok() {
	local v=$1 st=0 rss limit
	[ "$v" = group ] && { big_record /dev/stdout | fit group > "$TMP/big.$v"; } || ln -sf "$TMP/big" "$TMP/big.$v"
	max_rss "$CD_BIN/copydesk-$v" $([ "$v" = split ] && echo --by paragraph) \
		< "$TMP/big.$v" > "$TMP/out" 2> "$TMP/err" || st=$?
	[ "$st" = 0 ] || { bad "$v" "$BIG_MB MB record: status $st: $(head -c 300 "$TMP/err")"; return 1; }
	[ "$(doc_ids < "$TMP/out")" = big ] || { bad "$v" "no output for the big record"; return 1; }
	# Linear in the record: at most 12 copies of it, plus 64 MB.  Not
	# under ASan, whose shadow memory and quarantine make RSS meaningless.
	rss=$(tail -1 "$TMP/rss")
	limit=$((BIG_MB * 1024 * 12 + 65536))
	echo "# copydesk-$v: $BIG_MB MB record, peak RSS $((rss / 1024)) MB" >&3
	[[ $CD_BIN == *asan* ]] && return 0
	[ "$rss" -le "$limit" ] || bad "$v" "peak RSS $rss KB over $limit KB"
}

@test "hostile: a huge record is processed in memory linear in its size" {
	command -v /usr/bin/time > /dev/null || skip "no /usr/bin/time"
	big_record "$TMP/big"
	check_all huge_ok
}

overlong_ok() {
	local v=$1 st=0 rss
	{ doc a1 | fit "$v"; cat "$TMP/big"; doc a2 | fit "$v"; } > "$TMP/in.jsonl"
	(cd "$TMP" && max_rss "$CD_BIN/copydesk-$v" $([ "$v" = split ] && echo --by paragraph) \
		--max-record-bytes 1M --rejects rej in.jsonl > out 2> err) || st=$?
	[ "$st" = 1 ] || { bad "$v" "status $st, want 1"; return 1; }
	grep -q "^copydesk-$v: in\.jsonl:2: record longer than 1048576 bytes" "$TMP/err" ||
		{ bad "$v" "no in.jsonl:2 message: $(head -c 300 "$TMP/err")"; return 1; }
	cmp -s "$TMP/big" "$TMP/rej" || { bad "$v" "--rejects is not the long line verbatim"; return 1; }
	[ "$(doc_ids < "$TMP/out" | tr '\n' ' ')" = "a1 a2 " ] || { bad "$v" "the other records are missing"; return 1; }
	# Streamed: memory does not grow with the rejected line (not checked
	# under ASan, see above).
	rss=$(tail -1 "$TMP/rss")
	[[ $CD_BIN == *asan* ]] && return 0
	[ "$rss" -le $((64 * 1024 + (BIG_MB * 1024 / 4))) ] || bad "$v" "peak RSS $rss KB for a streamed rejection"
}

@test "hostile: a record over --max-record-bytes is rejected and streamed to --rejects" {
	command -v /usr/bin/time > /dev/null || skip "no /usr/bin/time"
	big_record "$TMP/big"
	check_all overlong_ok
}

# --- damaged and odd files ---------------------------------------------

gzip_ok() {
	local v=$1 st=0 n size
	for i in $(seq 2000); do doc "g$i"; done | fit "$v" | gzip -c > "$TMP/full.gz"
	size=$(stat -c %s "$TMP/full.gz")
	head -c $((size / 2)) "$TMP/full.gz" > "$TMP/cut.gz"
	(cd "$TMP" && run_prog "$v" cut.gz > out 2> err) || st=$?
	[ "$st" = 1 ] || { bad "$v" "truncated gzip: status $st"; return 1; }
	grep -q "^copydesk-$v: cut\.gz: .*truncated" "$TMP/err" ||
		{ bad "$v" "no 'cut.gz: ... truncated' message: $(head -c 300 "$TMP/err")"; return 1; }
	# Every complete line before the damage was processed.
	n=$(sed -n 's/.*after line \([0-9]*\).*/\1/p' "$TMP/err")
	[ -n "$n" ] && [ "$n" -gt 0 ] || { bad "$v" "the message gives no line"; return 1; }
	[ "$(doc_ids < "$TMP/out" | wc -l)" = "$n" ] ||
		{ bad "$v" "$(doc_ids < "$TMP/out" | wc -l) records out, $n lines before the damage"; return 1; }
	# The whole file works, and so does the next file after a damaged one.
	(cd "$TMP" && run_prog "$v" cut.gz full.gz > out2 2> /dev/null) || st=$?
	[ "$(doc_ids < "$TMP/out2" | wc -l)" = 2000 ] || bad "$v" "the file after the damaged one was not read whole"
}

@test "hostile: a truncated gzip keeps the records before the damage, status 1" {
	check_all gzip_ok
}

files_ok() {
	local v=$1 st=0
	: > "$TMP/empty"
	mkdir -p "$TMP/dir"
	doc f1 | fit "$v" > "$TMP/one"
	(cd "$TMP" && run_prog "$v" empty dir missing one > out 2> err) || st=$?
	[ "$st" = 1 ] || { bad "$v" "status $st, want 1"; return 1; }
	grep -q "^copydesk-$v: dir: Is a directory" "$TMP/err" || { bad "$v" "no 'dir: Is a directory'"; return 1; }
	grep -q "^copydesk-$v: missing: No such file or directory" "$TMP/err" || { bad "$v" "no 'missing: No such file'"; return 1; }
	[ "$(grep -c . "$TMP/err")" = 2 ] || { bad "$v" "other messages: $(cat "$TMP/err")"; return 1; }
	[ "$(doc_ids < "$TMP/out")" = f1 ] || bad "$v" "the readable file was not processed"
}

@test "hostile: an empty file, a directory and a missing file among the inputs" {
	check_all files_ok
}

rejects_full_ok() {
	local v=$1 st=0
	[ -w /dev/full ] || return 0
	{ doc a1 | fit "$v"; echo '{bad'; } > "$TMP/in"
	run_prog "$v" --rejects /dev/full < "$TMP/in" > /dev/null 2> "$TMP/err" || st=$?
	[ "$st" = 1 ] || { bad "$v" "--rejects /dev/full: status $st"; return 1; }
	grep -q "^copydesk-$v: .*/dev/full.*No space left on device" "$TMP/err" ||
		bad "$v" "--rejects /dev/full: message '$(head -c 300 "$TMP/err")'"
}

@test "hostile: --rejects on a full disk gives status 1 and a message" {
	check_all rejects_full_ok
}

head_big_ok() {
	local v=$1 st
	# 300 records of 100 KB each: output far beyond the pipe buffer.
	awk 'BEGIN { s = "Officials said the talks went well. "; while (length(t) < 100000) t = t s
		for (i = 1; i <= 300; i++) printf "{\"id\":\"h%d\",\"text\":\"\\\"Yes,\\\" said Ann Lee.\\n\\n%s\"}\n", i, t }' |
		fit "$v" > "$TMP/in"
	run_prog "$v" < "$TMP/in" 2> "$TMP/err" | head -c 100 > /dev/null
	st=${PIPESTATUS[0]}
	[ "$st" = 0 ] || { bad "$v" "| head -c 100: status $st"; return 1; }
	[ ! -s "$TMP/err" ] || bad "$v" "| head -c 100: messages: $(head -c 200 "$TMP/err")"
}

@test "hostile: big records into | head -c 100 end quietly with status 0" {
	check_all head_big_ok
}

# --- copydesk-split on raw files ----------------------------------------

@test "hostile: split keeps the members of a corrupt tar before the damage" {
	[ -x "$CD_BIN/copydesk-split" ] || skip "no copydesk-split"
	mkdir "$TMP/t"
	for i in 1 2 3 4 5 6; do
		{ echo "Story $i"; echo; head -c 20000 /dev/zero | tr '\0' 'x'; echo; } > "$TMP/t/doc$i.txt"
	done
	(cd "$TMP/t" && tar cf ../full.tar doc*.txt)
	head -c 70000 "$TMP/full.tar" > "$TMP/cut.tar"
	run -1 --separate-stderr cdx copydesk-split "$TMP/cut.tar"
	[[ $stderr == *"copydesk-split: $TMP/cut.tar"* ]]
	n=$(printf '%s\n' "$output" | jq -r .id | grep -c 'doc[0-9].txt')
	[ "$n" -ge 2 ] && [ "$n" -lt 6 ]
	# Garbage that only looks like a tar: a message, no crash.
	{ head -c 1024 "$TMP/full.tar"; head -c 4096 /dev/urandom; } > "$TMP/bad.tar"
	run -1 --separate-stderr cdx copydesk-split "$TMP/bad.tar"
	[[ $stderr == *"copydesk-split: $TMP/bad.tar"* ]]
}

@test "hostile: split skips binary files in a directory walk with a message" {
	[ -x "$CD_BIN/copydesk-split" ] || skip "no copydesk-split"
	mkdir -p "$TMP/d/sub"
	echo "A text document." > "$TMP/d/a.txt"
	printf 'ELF\0\0\0\1\2\3binary' > "$TMP/d/b.bin"
	head -c 5000 /dev/urandom > "$TMP/d/sub/c.dat"
	printf 'x\0y\n' >> "$TMP/d/sub/c.dat"
	echo "Another one." > "$TMP/d/sub/z.txt"
	run --separate-stderr cdx copydesk-split "$TMP/d"
	[ "$status" -le 1 ]
	[ "$(printf '%s\n' "$output" | jq -r .id | tr '\n' ' ')" = "$TMP/d/a.txt $TMP/d/sub/z.txt " ]
	[[ $stderr == *"b.bin"* ]]
	[[ $stderr == *"c.dat"* ]]
}

@test "hostile: split on an empty file and a truncated gzip text" {
	[ -x "$CD_BIN/copydesk-split" ] || skip "no copydesk-split"
	: > "$TMP/empty.txt"
	run -0 --separate-stderr cdx copydesk-split "$TMP/empty.txt"
	[ -z "$stderr" ]
	seq 200000 | gzip -c > "$TMP/t.gz"
	head -c 30000 "$TMP/t.gz" > "$TMP/cut.gz"
	run -1 --separate-stderr cdx copydesk-split "$TMP/cut.gz"
	[[ $stderr == *"copydesk-split: $TMP/cut.gz: "*"truncated"* ]]
}
