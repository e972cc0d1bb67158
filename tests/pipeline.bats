#!/usr/bin/env bats
# pipeline.bats - the README pipeline on the invented corpus in examples/,
# asserting the known answers of examples/README (examples/answers.json).
# A test whose programs are not built yet is skipped.

load helper

ANSWERS="$EXAMPLES/answers.json"
export COPYDESK_BIN="$CD_BIN"

# need_prog NAME...: skip unless copydesk-NAME is built for each NAME.
need_prog() {
	local p
	for p in "$@"; do
		[ -x "$CD_BIN/copydesk-$p" ] || skip "copydesk-$p is not built yet"
	done
}

# docs: the cleaned documents of examples/articles in $TMP/clean.jsonl.
docs() {
	cdx copydesk-split --quiet "$EXAMPLES/articles" > "$TMP/split.jsonl"
	cdx copydesk-clean --quiet "$TMP/split.jsonl" > "$TMP/clean.jsonl"
}

# grouped: the grouped documents in $TMP/docs.jsonl.
grouped() {
	docs
	cdx copydesk-fingerprint --quiet "$TMP/clean.jsonl" |
		cdx copydesk-group --quiet > "$TMP/docs.jsonl"
}

# quotes_grouped: the grouped, speaker-filled quotations in $TMP/quotes.jsonl.
quotes_grouped() {
	docs
	cdx copydesk-quote --quiet "$TMP/clean.jsonl" |
		cdx copydesk-fingerprint --quiet --field quote |
		cdx copydesk-group --quiet --field quote --fill speaker \
		--agree speaker > "$TMP/quotes.jsonl"
}

# KEY: the jq function naming a document by its file ("01-northgate-dam").
KEY='def key: sub("\\.txt$"; "") | sub(".*[/:]"; "");'
NORM='def norm: ascii_downcase | gsub("[^a-z0-9]+"; " ") | ltrimstr(" ") | rtrimstr(" ");'

@test "pipeline: split cuts the archive into the ten example documents" {
	need_prog split
	run -0 --separate-stderr cdx copydesk-split "$EXAMPLES/articles.tar.gz"
	[ -z "$stderr" ]
	[ "${#lines[@]}" -eq 10 ]
	[ "$(jq -r "$KEY .id | key" <<<"$output" | tr '\n' ' ')" = \
	  "$(jq -r '.docs | keys[]' "$ANSWERS" | tr '\n' ' ')" ]
}

@test "pipeline: split gives the same texts from the archive and the directory" {
	need_prog split
	cdx copydesk-split "$EXAMPLES/articles.tar.gz" | jq -c '{date, text}' > "$TMP/a"
	cdx copydesk-split "$EXAMPLES/articles" | jq -c '{date, text}' > "$TMP/b"
	[ -s "$TMP/a" ]
	cmp "$TMP/a" "$TMP/b"
}

@test "pipeline: split takes the date from every 'date YYYY-MM-DD' header" {
	need_prog split
	run -0 --separate-stderr cdx copydesk-split "$EXAMPLES/articles"
	jq -r "$KEY"' "\(.id | key) \(.date)"' <<<"$output" > "$TMP/got"
	for f in "$EXAMPLES"/articles/*.txt; do
		k=$(basename "$f" .txt)
		d=$(head -n1 "$f" | sed -n 's/^ \{0,1\}date \([0-9-]\{10\}\).*/\1/p')
		echo "$k ${d:-null}"
	done > "$TMP/want"
	diff -u "$TMP/want" "$TMP/got"
}

@test "pipeline: clean lifts the expected title of every example" {
	need_prog split clean
	docs
	jq -r "$KEY $NORM"' "\(.id | key) \(.title // "null" | norm)"' \
		"$TMP/clean.jsonl" > "$TMP/got"
	jq -r "$NORM"' .docs | to_entries[] | "\(.key) \(.value.title // "null" | norm)"' \
		"$ANSWERS" > "$TMP/want"
	diff -u "$TMP/want" "$TMP/got"
}

@test "pipeline: clean lifts the expected byline, dateline and date" {
	need_prog split clean
	docs
	jq -r "$KEY $NORM"' [(.id | key), (.byline, .dateline, .date | . // "null" | norm)] | join(" | ")' \
		"$TMP/clean.jsonl" > "$TMP/got"
	jq -r "$NORM"' .docs | to_entries[] | [.key, (.value | .byline, .dateline, .date | . // "null" | norm)] | join(" | ")' \
		"$ANSWERS" > "$TMP/want"
	diff -u "$TMP/want" "$TMP/got"
}

@test "pipeline: clean removes every known boilerplate line" {
	need_prog split clean
	docs
	run -0 jq -n -r "$KEY $NORM"' [inputs] as $d | $a[0].docs as $g
		| $d[] | (.id | key) as $k | (.text | norm) as $t
		| $g[$k].boiler[] | norm | select(length >= 8)
		| select(. as $l | $t | contains($l)) | "\($k): \(.)"' \
		--slurpfile a "$ANSWERS" "$TMP/clean.jsonl"
	[ -z "$output" ]
}

@test "pipeline: clean keeps every quoted statement of the bodies" {
	need_prog split clean
	docs
	run -0 jq -n -r "$KEY $NORM"' [inputs] as $d | $a[0].docs as $g
		| $d[] | (.id | key) as $k | (.text | norm) as $t
		| $g[$k].quotes[] | select(.kind != "headline") | .q | norm
		| select(. as $l | $t | contains($l) | not) | "\($k): \(.)"' \
		--slurpfile a "$ANSWERS" "$TMP/clean.jsonl"
	[ -z "$output" ]
}

@test "pipeline: group finds exactly the two syndicated copies" {
	need_prog split clean fingerprint group
	grouped
	run -0 jq -r "$KEY"' select(.group.near != .id)
		| "\(.id | key) \(.group.near | key)"' "$TMP/docs.jsonl"
	[ "$output" = "05-waterwatch-dam 01-northgate-dam
08-marketdesk-bank 04-ledger-bank" ]
}

@test "pipeline: group puts the articles of each event in one story" {
	need_prog split clean fingerprint group
	grouped
	run -0 jq -r -s "$KEY"' group_by(.group.story)
		| map(map(.id | key) | sort | join(" ")) | sort[]' "$TMP/docs.jsonl"
	[ "$output" = "01-northgate-dam 03-courier-dam 05-waterwatch-dam 07-meridian-dam 09-ledger-dam
02-meridian-bank 04-ledger-bank 06-gazette-bank 08-marketdesk-bank 10-northgate-bank" ]
}

@test "pipeline: quote finds the attributions said X, X added, colon and pronoun" {
	need_prog split clean quote
	docs
	cdx copydesk-quote --quiet "$TMP/clean.jsonl" > "$TMP/q.jsonl"
	run -0 jq -r "$KEY"' select(.doc | key | test("^0[134]-"))
		| "\(.doc | key) \(.speaker)"' "$TMP/q.jsonl"
	# said Tomas Brekke; Brekke added; stating: "..."; she told reporters.
	[[ "$output" == *"01-northgate-dam Tomas Brekke"* ]]
	[[ "$output" == *"01-northgate-dam Ingrid Valtonen"* ]]
	[[ "$output" == *"03-courier-dam Tomas Brekke"* ]]
	[[ "$output" == *"03-courier-dam Maren Holt"* ]]
	[[ "$output" == *"04-ledger-bank Matthias Ferrand"* ]]
	[[ "$output" == *"04-ledger-bank Ines Kovar"* ]]
}

@test "pipeline: quote leaves the speaker null when the copy never names her" {
	need_prog split clean quote
	docs
	cdx copydesk-quote --quiet "$TMP/clean.jsonl" > "$TMP/q.jsonl"
	run -0 jq -r "$KEY"' select((.doc | key) == "05-waterwatch-dam"
		and (.quote | startswith("The water came"))) | .speaker' "$TMP/q.jsonl"
	[ "$output" = "null" ]
}

@test "pipeline: group --fill takes the copy's speaker from the other outlets" {
	need_prog split clean fingerprint group quote
	quotes_grouped
	run -0 jq -c "$KEY"' select((.doc | key) == "05-waterwatch-dam"
		and (.quote | startswith("The water came")))
		| [.speaker, .speaker_inferred]' "$TMP/quotes.jsonl"
	[ "$output" = '["Ingrid Valtonen",true]' ]
}

@test "pipeline: the Valtonen quotation is one family across four outlets" {
	# 09-ledger-dam interrupts the statement with a new sentence of hers
	# ("..., she said, "and now ..."), which copydesk-quote may join into
	# one longer quotation: that one is left out here.
	need_prog split clean fingerprint group quote
	quotes_grouped
	run -0 jq -r -s "$KEY"' map(select((.doc | key) != "09-ledger-dam"
		and (.quote | test("faster than anyone had planned|lost homes"))))
		| (map(.group.near) | unique | length), (map(.doc | key) | unique | join(" "))' \
		"$TMP/quotes.jsonl"
	[ "${lines[0]}" = 1 ]
	[ "${lines[1]}" = "01-northgate-dam 03-courier-dam 05-waterwatch-dam 07-meridian-dam" ]
}

@test "pipeline: the Ferrand quotation is one family across five outlets" {
	need_prog split clean fingerprint group quote
	quotes_grouped
	run -0 jq -r -s "$KEY"' map(select(.quote | test("act again if the numbers")))
		| (map(.group.near) | unique | length), (map(.doc | key) | unique | join(" "))' \
		"$TMP/quotes.jsonl"
	[ "${lines[0]}" = 1 ]
	[ "${lines[1]}" = "02-meridian-bank 04-ledger-bank 06-gazette-bank 08-marketdesk-bank 10-northgate-bank" ]
}

@test "pipeline: copydesk-job writes docs.jsonl and quotes.jsonl" {
	need_prog split clean fingerprint group quote
	run -0 --separate-stderr "$ROOT/scripts/copydesk-job" -o "$TMP/out" "$EXAMPLES/articles.tar.gz"
	[ "$(wc -l < "$TMP/out/docs.jsonl")" -eq 10 ]
	[ -s "$TMP/out/quotes.jsonl" ]
	jq -e 'has("quote") and has("speaker") and has("group")' "$TMP/out/quotes.jsonl" > /dev/null
}

@test "pipeline: copydesk-job run again over its outputs replaces them, nothing left beside" {
	need_prog split clean fingerprint group quote report
	"$ROOT/scripts/copydesk-job" -q -o "$TMP/out" "$EXAMPLES/articles.tar.gz"
	# The outputs of another input first, then this one's over them:
	# the files replaced are moved aside and removed, none left over.
	"$ROOT/scripts/copydesk-job" -q -o "$TMP/again" "$EXAMPLES/articles/01-northgate-dam.txt"
	[ -s "$TMP/again/docs.jsonl" ]
	"$ROOT/scripts/copydesk-job" -q -o "$TMP/again" "$EXAMPLES/articles.tar.gz"
	run ls -A "$TMP/again"
	[ "$output" = "$(printf 'docs.jsonl\nquotes.jsonl\nreport.html')" ]
	# no file keeps a second name (the earlier one's, given before the
	# rename over it, is removed)
	[ -z "$(find "$TMP/again" -type f -links +1)" ]
	cmp "$TMP/out/docs.jsonl" "$TMP/again/docs.jsonl"
	cmp "$TMP/out/quotes.jsonl" "$TMP/again/quotes.jsonl"
}

@test "pipeline: copydesk-job groups quotations without a story pass" {
	need_prog split clean fingerprint group quote
	"$ROOT/scripts/copydesk-job" -q -o "$TMP/out" "$EXAMPLES/articles"
	[ -s "$TMP/out/quotes.jsonl" ]
	# A family is a near group; the story pass would join quotations of
	# unrelated articles (a bank's with a dam's) into one story.
	run -0 jq -c 'select(.group.story != .group.near) | .id' "$TMP/out/quotes.jsonl"
	[ -z "$output" ]
	run -0 jq -s 'map(.group.near) | unique | length' "$TMP/out/quotes.jsonl"
	[ "$output" -gt 1 ]
}

@test "pipeline: copydesk-job summary names the copies" {
	need_prog split clean fingerprint group quote
	run -0 --separate-stderr "$ROOT/scripts/copydesk-job" -o "$TMP/out" "$EXAMPLES/articles.tar.gz"
	[[ "$output" == *"05-waterwatch-dam.txt is a copy of 01-northgate-dam.txt"* ]]
	[[ "$output" == *"08-marketdesk-bank.txt is a copy of 04-ledger-bank.txt"* ]]
}

@test "pipeline: copydesk-job summary gives a family the full name its surname stands for" {
	need_prog split clean fingerprint group quote
	run -0 --separate-stderr "$ROOT/scripts/copydesk-job" -o "$TMP/out" "$EXAMPLES/articles.tar.gz"
	# 05 names the mayor only as "Valtonen"; 01 says "Ingrid Valtonen".
	jq -e 'select(.quote | startswith("We are counting every house")) | .speaker' \
		"$TMP/out/quotes.jsonl" | grep -qx '"Valtonen"'
	[[ "$output" != *"] Valtonen, "* ]]
	[[ "$output" == *"] Ingrid Valtonen, 2 articles: 01-northgate-dam.txt 05-waterwatch-dam.txt"* ]]
}

@test "pipeline: copydesk-job summary names a WARC page by its record's uuid" {
	need_prog split clean fingerprint group quote
	run -0 --separate-stderr "$ROOT/scripts/copydesk-job" -o "$TMP/out" "$EXAMPLES/web/crawl.warc.gz"
	id=$(jq -r '.doc' "$TMP/out/quotes.jsonl" | head -1)
	[[ "$id" == "<urn:uuid:"*">" ]]
	uuid=${id#<urn:uuid:}
	uuid=${uuid%>}
	[[ "$output" == *" $uuid"* ]]
	[[ "$output" != *"$uuid>"* ]]
	[[ "$output" != *"<urn:uuid:"* ]]
}

@test "pipeline: copydesk-job -j 2 gives the single-process result" {
	need_prog split clean fingerprint group quote
	"$ROOT/scripts/copydesk-job" -q -o "$TMP/one" "$EXAMPLES/articles"
	COPYDESK_SHARD=always "$ROOT/scripts/copydesk-job" -q -j 2 -o "$TMP/two" "$EXAMPLES/articles"
	[ -s "$TMP/one/docs.jsonl" ] && [ -s "$TMP/one/quotes.jsonl" ]
	cmp "$TMP/one/docs.jsonl" "$TMP/two/docs.jsonl"
	cmp "$TMP/one/quotes.jsonl" "$TMP/two/quotes.jsonl"
}

@test "pipeline: copydesk-job -j 3 in three shards gives the single-process result" {
	need_prog split clean fingerprint group quote
	"$ROOT/scripts/copydesk-job" -q -o "$TMP/one" "$EXAMPLES/articles"
	COPYDESK_SHARD=always "$ROOT/scripts/copydesk-job" -q -j 3 -o "$TMP/three" "$EXAMPLES/articles"
	[ -s "$TMP/one/docs.jsonl" ]
	cmp "$TMP/one/docs.jsonl" "$TMP/three/docs.jsonl"
	cmp "$TMP/one/quotes.jsonl" "$TMP/three/quotes.jsonl"
}

# shim_bin PROG...: $TMP/bin with the real programs but copydesk-PROG of
# each PROG, which the caller writes.
shim_bin() {
	local p
	mkdir "$TMP/bin"
	for p in split clean fingerprint group quote report; do
		[[ " $* " == *" $p "* ]] || ln -s "$CD_BIN/copydesk-$p" "$TMP/bin/"
	done
}

# shard_fingerprint: shim_bin with a copydesk-fingerprint that notes in
# $TMP/under whether GNU parallel runs it (a process named parallel
# above it), fails with status 3 on the documents' part d.0001 when
# $TMP/fail exists and sleeps 30 s first on d.0000 when $TMP/slow does.
shard_fingerprint() {
	shim_bin fingerprint
	printf '#!/bin/bash
p=$PPID
while [ "$p" -gt 1 ]; do
	[ "$(cat /proc/$p/comm)" = parallel ] && echo parallel >> "%s/under"
	p=$(awk "/^PPid:/ { print \\$2 }" /proc/$p/status)
done
echo run >> "%s/under"
for a; do [[ $a == *d.0001 && -e "%s/fail" ]] && exit 3; done
for a; do [[ $a == *d.0000 && -e "%s/slow" ]] && sleep 30; done
exec "%s" "$@"
' "$TMP" "$TMP" "$TMP" "$TMP" "$CD_BIN/copydesk-fingerprint" > "$TMP/bin/copydesk-fingerprint"
	chmod +x "$TMP/bin/copydesk-fingerprint"
}

@test "pipeline: copydesk-job -j 2 sharded on this machine alone runs no GNU parallel" {
	need_prog split clean fingerprint group quote
	shard_fingerprint
	"$ROOT/scripts/copydesk-job" -q -o "$TMP/one" "$EXAMPLES/articles"
	COPYDESK_BIN="$TMP/bin" COPYDESK_SHARD=always "$ROOT/scripts/copydesk-job" \
		-q -j 2 -o "$TMP/two" "$EXAMPLES/articles"
	# two parts of documents, two of quotations
	[ "$(grep -c run "$TMP/under")" = 4 ]
	! grep -q parallel "$TMP/under"
	[ -s "$TMP/one/docs.jsonl" ] && [ -s "$TMP/one/quotes.jsonl" ]
	cmp "$TMP/one/docs.jsonl" "$TMP/two/docs.jsonl"
	cmp "$TMP/one/quotes.jsonl" "$TMP/two/quotes.jsonl"
}

@test "pipeline: copydesk-job -j 2 stops when a shard fails, -o untouched" {
	need_prog split clean fingerprint group quote
	shard_fingerprint
	: > "$TMP/fail"
	mkdir "$TMP/out"
	COPYDESK_BIN="$TMP/bin" COPYDESK_SHARD=always run -1 --separate-stderr \
		"$ROOT/scripts/copydesk-job" -q -j 2 -o "$TMP/out" "$EXAMPLES/articles"
	[[ "$stderr" == *"copydesk-job: a shard failed with status 3"* ]]
	[[ "$stderr" == *"copydesk-job: a stage failed with status 3; stopping"* ]]
	run ls -A "$TMP/out"
	[ -z "$output" ]
}

@test "pipeline: copydesk-job -j 2 ends the other shards when one fails" {
	need_prog split clean fingerprint group quote
	shard_fingerprint
	: > "$TMP/fail"
	: > "$TMP/slow"
	SECONDS=0
	COPYDESK_BIN="$TMP/bin" COPYDESK_SHARD=always run -1 --separate-stderr \
		"$ROOT/scripts/copydesk-job" -q -j 2 -o "$TMP/out" "$EXAMPLES/articles"
	[[ "$stderr" == *"copydesk-job: a shard failed with status 3"* ]]
	# not after the sleeping shard's 30 s
	[ "$SECONDS" -lt 20 ]
}

@test "pipeline: copydesk-job -j 2 shards on this machine without GNU parallel" {
	need_prog split clean fingerprint group quote
	shard_fingerprint
	# a PATH of every program but parallel
	local d f
	mkdir "$TMP/path"
	IFS=: read -ra d <<< "$PATH"
	for f in $(for x in "${d[@]}"; do ls "$x" 2> /dev/null; done | sort -u); do
		[ "$f" = parallel ] && continue
		for x in "${d[@]}"; do
			if [ -x "$x/$f" ] && [ ! -d "$x/$f" ]; then
				ln -s "$x/$f" "$TMP/path/$f"
				break
			fi
		done
	done
	[ -e "$TMP/path/bash" ] && [ ! -e "$TMP/path/parallel" ]
	"$ROOT/scripts/copydesk-job" -q -o "$TMP/one" "$EXAMPLES/articles"
	PATH="$TMP/path" COPYDESK_BIN="$TMP/bin" COPYDESK_SHARD=always \
		run -0 --separate-stderr "$ROOT/scripts/copydesk-job" -q -j 2 \
		-o "$TMP/two" "$EXAMPLES/articles"
	[ -z "$stderr" ]
	[ "$(grep -c run "$TMP/under")" = 4 ]
	[ -s "$TMP/one/docs.jsonl" ]
	cmp "$TMP/one/docs.jsonl" "$TMP/two/docs.jsonl"
	cmp "$TMP/one/quotes.jsonl" "$TMP/two/quotes.jsonl"
}

@test "pipeline: copydesk-job finds quotations once the cleaned documents are all in" {
	need_prog split clean fingerprint group quote
	shim_bin clean quote
	# A slow copydesk-clean that notes when it is done, and a
	# copydesk-quote that notes whether it started after that: while
	# the documents stream, the quotations wait (they run beside the
	# grouping's last steps, which start only at the end of its input).
	printf '#!/bin/sh
sleep 1
"%s" "$@" || exit
: > "%s/clean-done"
' "$CD_BIN/copydesk-clean" "$TMP" > "$TMP/bin/copydesk-clean"
	printf '#!/bin/sh
if [ -e "%s/clean-done" ]; then echo after; else echo before; fi > "%s/quote-start"
exec "%s" "$@"
' "$TMP" "$TMP" "$CD_BIN/copydesk-quote" > "$TMP/bin/copydesk-quote"
	chmod +x "$TMP/bin/copydesk-clean" "$TMP/bin/copydesk-quote"
	COPYDESK_BIN="$TMP/bin" "$ROOT/scripts/copydesk-job" -q -o "$TMP/out" \
		"$EXAMPLES/articles"
	[ "$(cat "$TMP/quote-start")" = after ]
	"$ROOT/scripts/copydesk-job" -q -o "$TMP/one" "$EXAMPLES/articles"
	[ -s "$TMP/one/docs.jsonl" ] && [ -s "$TMP/one/quotes.jsonl" ]
	cmp "$TMP/one/docs.jsonl" "$TMP/out/docs.jsonl"
	cmp "$TMP/one/quotes.jsonl" "$TMP/out/quotes.jsonl"
}

# slow_group: $TMP/bin with the real programs, but a copydesk-group that
# waits 3 seconds before it starts (so that the job is killed mid-way).
slow_group() {
	shim_bin group
	printf '#!/bin/sh
sleep 3
exec "%s" "$@"
' "$CD_BIN/copydesk-group" \
		> "$TMP/bin/copydesk-group"
	chmod +x "$TMP/bin/copydesk-group"
}

# killed_job J: start copydesk-job -q -j J on the examples with slow_group,
# kill it with TERM after a second, and check that it exits 143 and that,
# once its stages would have finished, -o holds nothing and none of its
# processes is left.
killed_job() {
	need_prog split clean fingerprint group quote
	slow_group
	mkdir "$TMP/out"
	COPYDESK_BIN="$TMP/bin" COPYDESK_SHARD=always "$ROOT/scripts/copydesk-job" \
		-q -j "$1" -o "$TMP/out" "$EXAMPLES/articles" 2> "$TMP/err" &
	local pid=$! st=0
	sleep 1
	kill -TERM "$pid"
	wait "$pid" || st=$?
	echo "status $st" >&2; cat "$TMP/err" >&2
	[ "$st" -eq 143 ]
	sleep 4
	run ls -A "$TMP/out"
	[ -z "$output" ]
	run pgrep -f "$TMP/bin/"
	[ "$status" -eq 1 ]
}

@test "pipeline: copydesk-job killed leaves -o untouched and no stage running" {
	killed_job 1
}

@test "pipeline: copydesk-job -j 2 killed leaves -o untouched and no stage running" {
	command -v parallel >/dev/null || skip "GNU parallel is not installed"
	killed_job 2
}

@test "pipeline: copydesk-job killed while the report runs ends it at once" {
	need_prog split clean fingerprint group quote report
	# The report runs in the background so that a signal does not
	# wait for it to finish: a
	# slow copydesk-report that notes its start is ended with the job.
	shim_bin report
	printf '#!/bin/sh
: > "%s/report-started"
sleep 8
exec "%s" "$@"
' "$TMP" "$CD_BIN/copydesk-report" > "$TMP/bin/copydesk-report"
	chmod +x "$TMP/bin/copydesk-report"
	COPYDESK_BIN="$TMP/bin" "$ROOT/scripts/copydesk-job" -q -o "$TMP/out" \
		"$EXAMPLES/articles" 2> "$TMP/err" &
	local pid=$! st=0 i
	for ((i = 0; i < 300; i++)); do
		[ -e "$TMP/report-started" ] && break
		sleep 0.1
	done
	[ -e "$TMP/report-started" ]
	SECONDS=0
	kill -TERM "$pid"
	wait "$pid" || st=$?
	echo "status $st after $SECONDS s" >&2; cat "$TMP/err" >&2
	[ "$st" -eq 143 ]
	[ "$SECONDS" -lt 5 ]
	[ -s "$TMP/out/docs.jsonl" ] && [ -s "$TMP/out/quotes.jsonl" ]
	run ls -A "$TMP/out"
	[ "$output" = "$(printf 'docs.jsonl\nquotes.jsonl')" ]
	run pgrep -f "$TMP/bin/"
	[ "$status" -eq 1 ]
}

@test "pipeline: copydesk-job stops on the report's failure before the summary" {
	need_prog split clean fingerprint group quote
	shim_bin report
	printf '#!/bin/sh\nexit 2\n' > "$TMP/bin/copydesk-report"
	chmod +x "$TMP/bin/copydesk-report"
	COPYDESK_BIN="$TMP/bin" run -1 --separate-stderr "$ROOT/scripts/copydesk-job" \
		-o "$TMP/out" "$EXAMPLES/articles"
	[[ "$stderr" == *"copydesk-job: a stage failed with status 2; stopping"* ]]
	[ -z "$output" ]
	[ ! -e "$TMP/out/report.html" ]
	[ -s "$TMP/out/docs.jsonl" ]
}

@test "pipeline: copydesk-job says so when the summary cannot be made" {
	need_prog split clean fingerprint group quote report
	# A copydesk-report that writes the page and the summary, then
	# fails (status 1, as when it rejects records) when asked for the
	# summary (--summary): the page is kept, the summary not printed.
	shim_bin report
	printf '#!/bin/sh
"%s" "$@" || exit
case "$*" in *--summary*) exit 1 ;; esac
' "$CD_BIN/copydesk-report" > "$TMP/bin/copydesk-report"
	chmod +x "$TMP/bin/copydesk-report"
	COPYDESK_BIN="$TMP/bin" run -1 --separate-stderr \
		"$ROOT/scripts/copydesk-job" -o "$TMP/out" "$EXAMPLES/articles"
	[[ "$stderr" == *"copydesk-job: cannot summarise '$TMP/out'"* ]]
	[ -z "$output" ]
	[ -s "$TMP/out/report.html" ]
}

@test "pipeline: copydesk-job without copydesk-report writes the files but cannot summarise" {
	need_prog split clean fingerprint group quote
	mkdir "$TMP/bin"
	for p in split clean fingerprint group quote; do
		ln -s "$CD_BIN/copydesk-$p" "$TMP/bin/"
	done
	COPYDESK_BIN="$TMP/bin" run -1 --separate-stderr \
		"$ROOT/scripts/copydesk-job" -o "$TMP/out" "$EXAMPLES/articles"
	[ -z "$output" ]
	[[ "$stderr" == *"copydesk-job: copydesk-report not found; no report.html"* ]]
	[[ "$stderr" == *"copydesk-job: cannot summarise '$TMP/out'"* ]]
	[ -s "$TMP/out/docs.jsonl" ] && [ -s "$TMP/out/quotes.jsonl" ]
	COPYDESK_BIN="$TMP/bin" run -0 --separate-stderr \
		"$ROOT/scripts/copydesk-job" -q -o "$TMP/out2" "$EXAMPLES/articles"
	[ -s "$TMP/out2/docs.jsonl" ]
}

@test "pipeline: copydesk-job summary is copydesk-report --text of its files" {
	need_prog split clean fingerprint group quote report
	run -0 --separate-stderr "$ROOT/scripts/copydesk-job" -t 3 -o "$TMP/out" "$EXAMPLES/articles"
	[ -n "$output" ]
	[[ "$output" == *"Quotations: the 3 most reported of "* ]]
	cdx copydesk-report --text --top 3 "$TMP/out/docs.jsonl" "$TMP/out/quotes.jsonl" > "$TMP/s"
	diff -u "$TMP/s" - <<< "$output"
}

@test "pipeline: copydesk-job -t with leading zeros is the number, not every family" {
	need_prog split clean fingerprint group quote report
	run -0 --separate-stderr "$ROOT/scripts/copydesk-job" -t 00000000000000002 -o "$TMP/out" "$EXAMPLES/articles"
	[ -n "$output" ]
	[[ "$output" == *"Quotations: the 2 most reported of "* ]]
}

@test "pipeline: copydesk-job -j 2 on fewer than four cores runs the one-process path" {
	need_prog split clean fingerprint group quote
	[ "$(nproc)" -lt 4 ] || skip "this machine has four cores or more"
	slow_group
	COPYDESK_BIN="$TMP/bin" "$ROOT/scripts/copydesk-job" -q -j 2 \
		-o "$TMP/out" "$EXAMPLES/articles" &
	local pid=$!
	sleep 1
	# The one-process path: no GNU parallel under the job.
	run pgrep -f -P "$pid" parallel
	kill -TERM "$pid"
	wait "$pid" || true
	[ "$status" -eq 1 ]
}

@test "pipeline: copydesk-job without input is a usage error" {
	run -2 --separate-stderr "$ROOT/scripts/copydesk-job" -o "$TMP/out"
	[ -z "$output" ]
	[[ "${stderr_lines[0]}" == "copydesk-job: no input given" ]]
}

@test "pipeline: copydesk-job -j 0 is a usage error" {
	run -2 --separate-stderr "$ROOT/scripts/copydesk-job" -j 0 x
	[[ "${stderr_lines[0]}" == "copydesk-job: -j wants a positive number, not '0'" ]]
}

@test "pipeline: copydesk-job --help prints its usage line" {
	run -0 --separate-stderr "$ROOT/scripts/copydesk-job" --help
	[ "${lines[0]}" = "usage: copydesk-job [-hqV] [-j jobs] [-o dir] [-S hosts] [-t top] input ..." ]
}

@test "pipeline: copydesk-job reports a missing input and goes on (status 1)" {
	need_prog split clean fingerprint group quote
	run -1 --separate-stderr "$ROOT/scripts/copydesk-job" -q -o "$TMP/out" \
		"$EXAMPLES/articles.tar.gz" "$TMP/missing.txt"
	[[ "$stderr" == *"$TMP/missing.txt"* ]]
	[ "$(wc -l < "$TMP/out/docs.jsonl")" -eq 10 ]
}

# job_with_failing STAGE STATUS: run copydesk-job -q on the example
# archive with the real programs except copydesk-STAGE, which reads its
# input and exits STATUS.
job_with_failing() {
	shim_bin "$1"
	printf '#!/bin/sh\ncat >/dev/null; exit %s\n' "$2" > "$TMP/bin/copydesk-$1"
	chmod +x "$TMP/bin/copydesk-$1"
	COPYDESK_BIN="$TMP/bin" run -1 --separate-stderr "$ROOT/scripts/copydesk-job" \
		-q -o "$TMP/out" "$EXAMPLES/articles.tar.gz"
}

@test "pipeline: copydesk-job stops on a stage's usage error" {
	need_prog split clean fingerprint group quote
	job_with_failing fingerprint 2
	[[ "$stderr" == *"copydesk-job: a stage failed with status 2; stopping"* ]]
}

@test "pipeline: copydesk-job names the stage that failed, not the copy to the quotations" {
	need_prog split clean fingerprint group quote
	shim_bin clean fingerprint
	# clean writes only after fingerprint has gone: the copy of the
	# cleaned documents meets a closed pipe, and goes on.
	printf '#!/bin/sh\nsleep 1\nexec "%s" "$@"\n' "$CD_BIN/copydesk-clean" \
		> "$TMP/bin/copydesk-clean"
	printf '#!/bin/sh\nexit 2\n' > "$TMP/bin/copydesk-fingerprint"
	chmod +x "$TMP/bin/copydesk-clean" "$TMP/bin/copydesk-fingerprint"
	COPYDESK_BIN="$TMP/bin" run -1 --separate-stderr "$ROOT/scripts/copydesk-job" \
		-q -o "$TMP/out" "$EXAMPLES/articles.tar.gz"
	[[ "$stderr" == *"copydesk-job: a stage failed with status 2; stopping"* ]]
}

@test "pipeline: copydesk-job stops when the copy of the cleaned documents for the quotations fails" {
	need_prog split clean fingerprint group quote
	# A tee that passes the documents on but cannot write the copy (as
	# on a full disk): the quotations would come from part of them.
	mkdir "$TMP/path"
	printf '#!/bin/sh
shift
: > "$1"
cat
echo "tee: $1: No space left on device" >&2
exit 1
' > "$TMP/path/tee"
	chmod +x "$TMP/path/tee"
	PATH="$TMP/path:$PATH" run -1 --separate-stderr \
		"$ROOT/scripts/copydesk-job" -q -o "$TMP/out" "$EXAMPLES/articles"
	[[ "$stderr" == *"No space left on device"* ]]
	[[ "$stderr" == *"copydesk-job: a stage failed with status 3; stopping"* ]]
	[ ! -e "$TMP/out/quotes.jsonl" ]
}

@test "pipeline: copydesk-job stops when the quotation pipeline fails, run beside the grouping" {
	need_prog split clean fingerprint group quote
	job_with_failing quote 3
	[[ "$stderr" == *"copydesk-job: a stage failed with status 3; stopping"* ]]
	[ "$(wc -l < "$TMP/out/docs.jsonl")" -eq 10 ]
}

@test "pipeline: copydesk-job --help usage line matches its man page SYNOPSIS" {
	command -v mandoc >/dev/null || skip "mandoc is not installed"
	run -0 --separate-stderr "$ROOT/scripts/copydesk-job" --help
	local man
	man=$(mandoc -Tascii "$ROOT/man/copydesk-job.1" | col -b |
		sed -n '/^SYNOPSIS/{n;p;}' | sed 's/^ *//')
	[ "${lines[0]}" = "usage: $man" ]
}

@test "pipeline: man page copydesk-job.1 is lint-clean" {
	command -v mandoc >/dev/null || skip "mandoc is not installed"
	run -0 --separate-stderr mandoc -Tlint -Wwarning "$ROOT/man/copydesk-job.1"
	[ -z "$output$stderr" ]
}

@test "pipeline: copydesk-job names the program it misses in a COPYDESK_BIN relative or absolute" {
	cd "$TMP"
	COPYDESK_BIN=no-such-dir run -1 --separate-stderr \
		"$ROOT/scripts/copydesk-job" -q -o "$TMP/out" "$EXAMPLES/articles"
	[ "$stderr" = "copydesk-job: copydesk-split not found in no-such-dir" ]
	COPYDESK_BIN="$TMP/no-such-dir" run -1 --separate-stderr \
		"$ROOT/scripts/copydesk-job" -q -o "$TMP/out" "$EXAMPLES/articles"
	[ "$stderr" = "copydesk-job: copydesk-split not found in $TMP/no-such-dir" ]
}
