#!/usr/bin/env bats
# clean.bats - copydesk-clean: normalisation, metadata lifting, line and
# structural rules, corpus-level boilerplate, --explain, --rules (SPEC).

load helper

P1='The dam above the town gave way before dawn on Tuesday, sending water through the lower streets and forcing hundreds from their homes.'
P2='Rescue crews pulled dozens of people from roofs and upper floors during the morning, the fire service said in a statement on Tuesday.'
FOOT='The Valley Wire is owned by its readers and has been since 1887.'
P3='The regional government opened three shelters in schools and asked residents of the upper town to boil their water for now.'

# rec TEXT: one record {"id":"t","text":TEXT} on stdout (TEXT in printf
# format).
rec() {
	printf "$1" | jq -Rsc '{id: "t", text: .}'
}

# clean_in: clean $TMP/in into $output (stderr into $stderr), exiting 0.
clean_in() {
	run -0 --separate-stderr cdx copydesk-clean < "$TMP/in"
}

# seeds: the five seed articles as records in $TMP/seeds.jsonl, cleaned
# with --explain into $TMP/clean.jsonl.
seeds() {
	need_shared seeds
	local f
	for f in "$SHARED"/seeds/*.txt; do
		jq -Rsc --arg id "$(basename "$f")" '{id: $id, text: .}' "$f"
	done > "$TMP/seeds.jsonl"
	cdx copydesk-clean --explain < "$TMP/seeds.jsonl" > "$TMP/clean.jsonl"
}

# seed_text N: the cleaned text of seed number N (0-4).
seed_text() {
	jq -r --arg p "00$1_" 'select(.id | startswith($p)) | .text' "$TMP/clean.jsonl"
}

@test "clean: paragraphs are joined by one blank line whatever the input used" {
	rec "$P1\n$P2\n\n\n$P3\n" > "$TMP/in"
	clean_in
	text_is "$P1" "$P2" "$P3"
	[ -z "$stderr" ]
}

@test "clean: normalises NFC, spaces, CRLF and control characters" {
	rec "Caf\xc3\xa9s\xc2\xa0and  cafe\xcc\x81s\tclosed\x01 early on Tuesday as the water rose in the lower town, the owners said.\r\n" > "$TMP/in"
	clean_in
	[ "$(jq -r .text <<<"$output")" = "$(printf 'Caf\xc3\xa9s and caf\xc3\xa9s closed early on Tuesday as the water rose in the lower town, the owners said.')" ]
}

@test "clean: keeps curly quotes and apostrophes" {
	rec "\xe2\x80\x9cWe didn\xe2\x80\x99t plan for this,\xe2\x80\x9d the mayor said on Tuesday outside the town hall, where crowds had gathered since dawn." > "$TMP/in"
	clean_in
	[ "$(jq -r .text <<<"$output")" = "$(printf '\xe2\x80\x9cWe didn\xe2\x80\x99t plan for this,\xe2\x80\x9d the mayor said on Tuesday outside the town hall, where crowds had gathered since dawn.')" ]
}

@test "clean: lifts title, byline and dateline and fills date" {
	rec "World News\nMarch 3, 2026 / 10:05 AM\n\nDam gives way above the town\n\nBy Helena Marsh\n\n$P1\n\n$P2\n" > "$TMP/in"
	clean_in
	[ "$(jq -c '[.title, .byline, .dateline, .date]' <<<"$output")" = '["Dam gives way above the town","By Helena Marsh","March 3, 2026 / 10:05 AM","2026-03-03"]' ]
	text_is "$P1" "$P2"
}

@test "clean: a byline that carries its date stays the byline and gives the date" {
	rec "Dam gives way above the town\n\nBy Helena Marsh | Updated on 04-Mar-2026\n\n$P1\n\n$P2\n" > "$TMP/in"
	clean_in
	[ "$(jq -c '[.byline, .date]' <<<"$output")" = '["By Helena Marsh | Updated on 04-Mar-2026","2026-03-04"]' ]
	text_is "$P1" "$P2"
}

@test "clean: dates in other forms: ordinal days, other languages" {
	rec "Dam gives way above the town\n\nWed, 4th Mar 2026\n\n$P1\n\n$P2\n" > "$TMP/in"
	clean_in
	[ "$(jq -r .date <<<"$output")" = 2026-03-04 ]
	rec "Dam gives way above the town\n\nPublicado el 4 de marzo de 2026\n\n$P1\n\n$P2\n" > "$TMP/in"
	clean_in
	[ "$(jq -r .date <<<"$output")" = 2026-03-04 ]
}

@test "clean: the headline is the line the page repeats and dates, not the standfirst under it" {
	rec "Home\nNews\nWeather\nSign inSubscribe\n\nHome > Valley > Flood warning lifted for the valley towns\n\nFlood warning lifted for the valley towns\n\nThe river fell overnight and the roads reopen this morning\n\nWritten by Jo Reyes\n\nUpdated March 4, 2026 \xe2\x80\xa2 5 min read\n\n$P1\n\n$P2\n" > "$TMP/in"
	clean_in
	[ "$(jq -r .title <<<"$output")" = "Flood warning lifted for the valley towns" ]
	[ "$(jq -r .date <<<"$output")" = "2026-03-04" ]
	text_is "$P1" "$P2"
}

@test "clean: a date beside the headline fills date though the line is no dateline" {
	rec "Dam gives way above the town\n\nMarch 3, 2026    Photo of the river    Valley Wire staff desk\n\n$P1\n\n$P2\n" > "$TMP/in"
	clean_in
	[ "$(jq -r .date <<<"$output")" = "2026-03-03" ]
	[ "$(jq -r .title <<<"$output")" = "Dam gives way above the town" ]
}

@test "clean: a section kicker is not the title" {
	rec "U.S. News\n\nDam gives way above the town\n\n$P1\n\n$P2\n" > "$TMP/in"
	clean_in
	[ "$(jq -r .title <<<"$output")" = "Dam gives way above the town" ]
}

@test "clean: keeps the record's own date and title" {
	printf '{"id":"t","date":"2020-01-01","title":"Own","text":"Other headline here for once\\nMarch 3, 2026 / 10:05 AM\\n%s\\n%s"}\n' "$P1" "$P2" > "$TMP/in"
	clean_in
	[ "$(jq -c '[.date, .title, .dateline]' <<<"$output")" = '["2020-01-01","Own","March 3, 2026 / 10:05 AM"]' ]
}

@test "clean: unknown fields pass byte for byte, text is replaced in place" {
	printf '{"a" : [1, 2.50],"text":"%s\\nAdvertisement\\n%s","z":{"k":"\\u00e9"}}\n' "$P1" "$P2" > "$TMP/in"
	clean_in
	[[ "$output" == '{"a" : [1, 2.50],"text":"'*'","z":{"k":"\u00e9"}}' ]]
}

@test "clean: --field cleans another field" {
	printf '{"body":"%s\\nAdvertisement\\n%s","text":"Advertisement"}\n' "$P1" "$P2" > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-clean --field body < "$TMP/in"
	[ "$(jq -r .text <<<"$output")" = "Advertisement" ]
	field_is body "$P1" "$P2"
}

@test "clean: removes ads, share and subscribe lines and captions" {
	rec "$P1\nAdvertisement\nBoats on Mill Street on Tuesday. Photo by A. Name/Wire\n$P2\nShare this post!\nSubscribe to our newsletter\n$P3\n" > "$TMP/in"
	clean_in
	text_is "$P1" "$P2" "$P3"
}

@test "clean: removes a Related block and the link list after it" {
	rec "$P1\n$P2\nRelated Links\nOther story about the dam\nAnother story about rates\nThird story about the river\n" > "$TMP/in"
	clean_in
	text_is "$P1" "$P2"
}

@test "clean: removes a menu inside the body but keeps a subheading" {
	rec "$P1\nNews\nSport\nWeather\n$P2\nWhat happens next\n$P3\n" > "$TMP/in"
	clean_in
	text_is "$P1" "$P2" "What happens next" "$P3"
}

@test "clean: a repeated paragraph is kept once" {
	rec "$P1\n$P2\n$P1\n$P3\n" > "$TMP/in"
	clean_in
	text_is "$P1" "$P2" "$P3"
}

@test "clean: reader comments after the article go" {
	rec "$P1\n$P2\n$P3\n12 Comments\nAlex on May 3, 2026 at 4:47 pm said:\nThis is a comment that is long enough to look like prose to the cleaner, surely.\n" > "$TMP/in"
	clean_in
	text_is "$P1" "$P2" "$P3"
}

@test "clean: a text without prose is kept whole" {
	rec "Results\nOrvale 3 Dunmore 1\nHallin 0 Castelmar 2\n" > "$TMP/in"
	clean_in
	[ "$(jq -r .text <<<"$output")" = "$(printf 'Results\n\nOrvale 3 Dunmore 1\n\nHallin 0 Castelmar 2')" ]
}

@test "clean: --explain lists each removal with its rule" {
	rec "$P1\nAdvertisement\n$P2\n" > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-clean --explain < "$TMP/in"
	[ "$(jq -c .removed <<<"$output")" = '[{"text":"Advertisement","rule":"advertisement"}]' ]
}

@test "clean: without --explain there is no removed field" {
	rec "$P1\nAdvertisement\n$P2\n" > "$TMP/in"
	clean_in
	[ "$(jq -c 'has("removed")' <<<"$output")" = false ]
}

@test "clean: --rules adds a named rule" {
	printf '# mine\nhouse  line  -  read the print edition\n' > "$TMP/my.rules"
	rec "$P1\nRead the print edition\n$P2\n" > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-clean --explain --rules "$TMP/my.rules" < "$TMP/in"
	[ "$(jq -c .removed <<<"$output")" = '[{"text":"Read the print edition","rule":"house"}]' ]
}

@test "clean: a tail rule ends the article only with less of it after" {
	printf 'house  tail  40  from the desk\n' > "$TMP/my.rules"
	rec "$P1 $P2\n$P3 $P1\nFrom the Desk\n$P2 $P3\n" > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-clean --explain --rules "$TMP/my.rules" < "$TMP/in"
	[ "$(jq -r .text <<<"$output")" = "$P1 $P2"$'\n\n'"$P3 $P1" ]
	[ "$(jq -r '.removed[0].rule' <<<"$output")" = house ]
	rec "$P1 $P2 $P3\nFrom the Desk\n$P3 $P1\n$P2 $P3\n$P1 $P2\n" > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-clean --explain --rules "$TMP/my.rules" < "$TMP/in"
	jq -e --arg a "$P3 $P1" '.text | contains($a)' <<<"$output"
}

@test "clean: a bad rules file is reported with its line" {
	printf 'ok line - x\nbad frob - y\n' > "$TMP/bad.rules"
	rec "$P1" > "$TMP/in"
	run -1 --separate-stderr cdx copydesk-clean --rules "$TMP/bad.rules" < "$TMP/in"
	[ "$stderr" = "copydesk-clean: $TMP/bad.rules:2: expected a kind: line, prefix, suffix, contains, block, end or tail" ]
	[ -z "$output" ]
}

@test "clean: a missing rules file is an error" {
	run -1 --separate-stderr cdx copydesk-clean --rules "$TMP/none" < /dev/null
	[ "$stderr" = "copydesk-clean: $TMP/none: No such file or directory" ]
}

@test "clean: bad option values are usage errors" {
	run -2 --separate-stderr cdx copydesk-clean --window -1 < /dev/null
	[[ "$stderr" == *"--window"* ]]
	run -2 --separate-stderr cdx copydesk-clean --min-docs 0 < /dev/null
	[[ "$stderr" == *"--min-docs"* ]]
}

# corpus DIR N: N articles that differ but share a footer line, as records.
corpus() {
	local i
	for i in $(seq 1 "$1"); do
		rec "Story $i: $P1\nPart $i. $P2\n$P3 Number $i.\n$FOOT\n" | jq -c --arg i "$i" '.id = $i'
	done
}

@test "clean: a line recurring across many articles is removed" {
	corpus 6 > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-clean --explain < "$TMP/in"
	[ "$(jq -r '.removed[] | select(.rule == "corpus") | .text' <<<"$output" | sort -u)" = "$FOOT" ]
	[ "$(jq -r '.removed[] | select(.rule == "corpus")' <<<"$output" | jq -s length)" = 6 ]
}

@test "clean: the corpus pass keeps the input order" {
	corpus 6 > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-clean --window 2 < "$TMP/in"
	[ "$(jq -r .id <<<"$output" | paste -sd,)" = "1,2,3,4,5,6" ]
}

@test "clean: --window 0 turns the corpus pass off" {
	corpus 6 > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-clean --window 0 --explain < "$TMP/in"
	[ "$(jq -r '.removed[] | select(.rule == "corpus")' <<<"$output")" = "" ]
}

@test "clean: --window-bytes bounds the window: records over it are written before the counts grow" {
	corpus 6 > "$TMP/in"
	# each record alone is over one byte: it is written at once, with the
	# counts of the records before it (the fifth and the sixth see five)
	run -0 --separate-stderr cdx copydesk-clean --explain --window-bytes 1 < "$TMP/in"
	[ "$(jq -r .id <<<"$output" | paste -sd,)" = "1,2,3,4,5,6" ]
	[ "$(jq -r 'select(.removed | any(.rule == "corpus")) | .id' <<<"$output" | paste -sd,)" = "5,6" ]
	run -0 --separate-stderr cdx copydesk-clean --explain --window-bytes 1M < "$TMP/in"
	[ "$(jq -r 'select(.removed | any(.rule == "corpus")) | .id' <<<"$output" | paste -sd,)" = "1,2,3,4,5,6" ]
	run -2 --separate-stderr cdx copydesk-clean --window-bytes lots < /dev/null
	[[ "$stderr" == *"--window-bytes"* ]]
}

@test "clean: --min-docs sets how many articles make boilerplate" {
	corpus 4 > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-clean --explain < "$TMP/in"
	[ "$(jq -r '.removed[] | select(.rule == "corpus")' <<<"$output")" = "" ]
	run -0 --separate-stderr cdx copydesk-clean --explain --min-docs 4 < "$TMP/in"
	[ "$(jq -r '.removed[] | select(.rule == "corpus") | .text' <<<"$output" | sort -u)" = "$FOOT" ]
}

@test "clean: without --explain the corpus removes the same lines, at the edges and inside" {
	local i w LEAD='Our reporters cover the towns of the valley every day of the week, from the courts to the farms.'
	for i in 1 2 3 4 5 6 7; do
		rec "$LEAD\n$P1 Item $i.\nMaps and charts\n$P2 Story $i.\nPart $i. $P3\n$FOOT\n" |
			jq -c --arg i "$i" '.id = $i | .title = "Flood " + $i'
	done > "$TMP/in"
	for w in "" "--window 3" "--window-bytes 1" "--window-bytes 3K"; do
		# shellcheck disable=SC2086
		cdx copydesk-clean --explain $w < "$TMP/in" > "$TMP/x"
		# shellcheck disable=SC2086
		run -0 --separate-stderr cdx copydesk-clean $w < "$TMP/in"
		[ -s "$TMP/x" ] && [ -n "$output" ]
		[ "$output" = "$(jq -c 'del(.removed, .floor)' "$TMP/x")" ]
	done
	run -0 --separate-stderr cdx copydesk-clean < "$TMP/in"
	[ "$(jq -r 'select(.text | test("Our reporters|Maps and charts|Valley Wire")) | .id' <<<"$output")" = "" ]
	[ "$(jq -r 'select(.text | startswith("The dam")) | .id' <<<"$output" | wc -l)" = 7 ]
	cdx copydesk-clean --explain < "$TMP/in" > "$TMP/x"
	[ "$(jq -r '.removed[] | select(.rule == "corpus") | .text' "$TMP/x" | sort -u | paste -sd,)" = "Maps and charts,$LEAD,$FOOT" ]
}

@test "clean: records of any size are held and written in order" {
	local i k n w
	# small and large records (130 KB) in turns, so that the held ones
	# wrap around and outgrow the room kept for them
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		n=$(( i % 3 == 0 ? 900 : i % 3 == 1 ? 3 : 40 ))
		{ for k in $(seq "$n"); do printf '%s Line %s of %s.\n\n' "$P2" "$k" "$i"; done
		  printf '%s\n' "$FOOT"; } |
			jq -Rsc --arg i "$i" '{id: $i, text: ("\($i). " + .)}'
	done > "$TMP/in"
	# (with 100K, the large ones go at once, past the records held; the
	# footer every record ends with is removed from records read back
	# from the held bytes, wrapped or grown)
	for w in "--window 2" "--window 5" "" "--window 5 --window-bytes 100K"; do
		# shellcheck disable=SC2086
		cdx copydesk-clean --explain $w < "$TMP/in" > "$TMP/x"
		# shellcheck disable=SC2086
		run -0 --separate-stderr cdx copydesk-clean $w < "$TMP/in"
		[ "$(jq -r .id <<<"$output" | paste -sd,)" = "1,2,3,4,5,6,7,8,9,10,11,12" ]
		[ "$(jq -r 'select(.text | length > 100000) | .id' <<<"$output" | paste -sd,)" = "3,6,9,12" ]
		[ "$output" = "$(jq -c 'del(.removed, .floor)' "$TMP/x")" ]
		[ "$(jq -r 'select(.text | contains("Valley Wire")) | .id' <<<"$output" | wc -l)" -lt 12 ]
	done
}

@test "clean: copies of one article are not corpus boilerplate" {
	for i in 1 2 3 4 5 6; do
		rec "$P1\n$P2\n$P3\n$FOOT\n" | jq -c --arg i "$i" '.id = $i'
	done > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-clean --explain < "$TMP/in"
	[ "$(jq -r '.removed[] | select(.rule == "corpus")' <<<"$output")" = "" ]
}

@test "clean: a small --track still gives the same answer on a small corpus" {
	corpus 6 > "$TMP/in"
	cdx copydesk-clean < "$TMP/in" > "$TMP/a"
	run -0 --separate-stderr cdx copydesk-clean --track 64 < "$TMP/in"
	[ "$output" = "$(cat "$TMP/a")" ]
}

@test "clean: seeds keep no caption, credit, ad or subscribe line" {
	seeds
	run -1 grep -i -E 'Photo by|Getty Images|License Photo|\(COMBO\)|Advertisement|Subscribe|Share this post|Stay informed' < <(jq -r .text "$TMP/clean.jsonl")
}

@test "clean: the whole SpaceWar link list of seed 2 is gone" {
	seeds
	local n=0 line
	seed_text 2 > "$TMP/t2"
	# every line from "Related Links" on is absent from the cleaned text
	while IFS= read -r line; do
		line=${line#|}
		[ -z "$line" ] && continue
		if grep -qF -- "$line" "$TMP/t2"; then echo "kept: $line"; n=$((n + 1)); fi
	done < <(sed -n '/^Related Links/,$p' "$SHARED"/seeds/002_*.txt)
	[ "$n" = 0 ]
	[ "$(sed -n '/^Related Links/,$p' "$SHARED"/seeds/002_*.txt | wc -l)" -gt 30 ]
}

@test "clean: seeds keep every article paragraph" {
	seeds
	local n=0 i f line
	for i in 0 1 2 3 4; do
		f=$(ls "$SHARED"/seeds/00${i}_*.txt)
		seed_text "$i" > "$TMP/t"
		# article paragraphs: long lines or quotations, not captions
		while IFS= read -r line; do
			line=${line#" date "????-??-??" "}
			line=$(sed 's/\xc2\xa0/ /g; s/  */ /g' <<<"$line")
			if ! grep -qF -- "$line" "$TMP/t"; then echo "lost in $i: ${line:0:60}"; n=$((n + 1)); fi
		done < <(grep -E '^.{100,}$|^(“|")' "$f" | grep -v -E 'Photo by|Getty|\(COMBO\)|Stay informed|^Trump says no progress')
	done
	[ "$n" = 0 ]
}

@test "clean: the tripled headline of seed 4 is its title, once" {
	seeds
	local head
	head=$(head -n1 "$SHARED"/seeds/004_*.txt)
	[ "$(jq -r 'select(.id | startswith("004_")) | .title' "$TMP/clean.jsonl")" = "$head" ]
	run -1 grep -cF -- "$head" < <(seed_text 4)
	[ "$output" = 0 ]
	# its lead paragraph, given twice, is kept once
	[ "$(seed_text 4 | grep -cF -- "$(sed -n 2p "$SHARED"/seeds/004_*.txt)")" = 1 ]
}

@test "clean: seeds get their bylines and datelines" {
	seeds
	[ "$(jq -c 'select(.id | startswith("000_")) | [.byline, .date]' "$TMP/clean.jsonl")" = '["By Darryl Coote","2025-07-03"]' ]
	[ "$(jq -c 'select(.id | startswith("001_")) | [.byline, .date]' "$TMP/clean.jsonl")" = '["OAN Staff Blake Wolf","2025-07-04"]' ]
	[ "$(jq -r 'select(.id | startswith("000_")) | .title' "$TMP/clean.jsonl")" != "U.S. News" ]
}

@test "clean: two runs give the same bytes" {
	[ -d "$EXAMPLES/articles" ] || skip "examples/articles is not present"
	cdx copydesk-split "$EXAMPLES/articles" > "$TMP/in"
	cdx copydesk-clean --explain < "$TMP/in" > "$TMP/a"
	cdx copydesk-clean --explain < "$TMP/in" > "$TMP/b"
	[ "$(grep -c '"text":' "$TMP/a")" -gt 0 ]
	cmp "$TMP/a" "$TMP/b"
}

@test "clean: --help starts with the usage line of the man page" {
	run -0 --separate-stderr cdx copydesk-clean --help
	local syn
	syn=$(MANWIDTH=200 man "$ROOT/man/copydesk-clean.1" 2>/dev/null | sed -n '/^SYNOPSIS/{n;p}' | sed 's/^ *//')
	[ -n "$syn" ] || skip "man cannot render the page"
	[ "${lines[0]}" = "usage: $syn" ]
}

@test "clean: the man page is lint-free" {
	command -v mandoc >/dev/null || skip "mandoc is not installed"
	run -0 mandoc -Tlint -Wwarning "$ROOT/man/copydesk-clean.1"
	[ -z "$output" ]
}

@test "clean: golden examples with --explain" {
	golden clean examples
}

# threads_in N: the articles of the window tests, each five times with a
# boilerplate footer the corpus removes, over 300 records (more than one
# batch of 128), with refused lines among them: bad JSON, no text, a
# non-string html.
threads_in() {
	local i
	for i in $(seq 1 320); do
		case $((i % 4)) in
		0) rec "$P1\n\n$FOOT" ;;
		1) rec "$P2 Story $i.\n\n$FOOT" ;;
		2) rec "$P3\n\nPhoto: Staff $i" ;;
		3) rec "Headline $i\n\n$P1 $P2" ;;
		esac
		case $i in
		7|150|260) printf '{"id": "bad", "text": \n' ;;
		100|257) printf '{"id": "none", "body": "x"}\n' ;;
		200) printf '{"id": "page", "html": 5}\n' ;;
		esac
	done
}

@test "clean: --threads 1 and 2 write the same bytes, messages and rejects" {
	threads_in > "$TMP/in"
	cdx copydesk-clean --threads 1 --rejects "$TMP/r1" "$TMP/in" > "$TMP/o1" 2> "$TMP/e1" || true
	cdx copydesk-clean --threads 2 --rejects "$TMP/r2" "$TMP/in" > "$TMP/o2" 2> "$TMP/e2" || true
	[ "$(wc -l < "$TMP/o1")" -eq 320 ]
	[ "$(wc -l < "$TMP/r1")" -eq 6 ]
	# the corpus removed the footer from most records
	[ "$(grep -c 'owned by its readers' "$TMP/o1")" -lt 20 ]
	grep -q ':8: column' "$TMP/e1"
	cmp "$TMP/o1" "$TMP/o2"
	cmp "$TMP/e1" "$TMP/e2"
	cmp "$TMP/r1" "$TMP/r2"
	# the refusals are reported in input order, by line
	grep -o ':[0-9]*:' "$TMP/e2" | tr -d : | sort -nc
}

@test "clean: --threads 2 reports a record held in its batch before the reader's own refusals" {
	# a refused record waits in the batch when the reader itself then
	# refuses an over-long line, misses a file or ends one: its message
	# and its --rejects line must still come first
	{ rec "$P1"; rec "$P2"; rec "$P3"; printf '{"id": "none", "body": "x"}\n'; } > "$TMP/c"
	{ rec "$P1"; head -c 3000 /dev/zero | tr '\0' a | jq -Rc '{id: "long", text: .}'; rec "$P2"; } > "$TMP/long"
	{ printf '{"id": "none2", "body": "y"}\n'; rec "$P3"; } > "$TMP/b"
	local t
	for t in 1 2; do
		cdx copydesk-clean --threads "$t" --max-record-bytes 2K --rejects "$TMP/r$t" \
			"$TMP/c" "$TMP/long" "$TMP/nosuch" "$TMP/c" "$TMP/b" > "$TMP/o$t" 2> "$TMP/e$t" || true
	done
	[ -s "$TMP/o1" ] && [ -s "$TMP/e1" ] && [ -s "$TMP/r1" ]
	cmp "$TMP/o1" "$TMP/o2"
	cmp "$TMP/e1" "$TMP/e2"
	cmp "$TMP/r1" "$TMP/r2"
	grep -q 'longer than' "$TMP/e1"
	grep -q 'nosuch' "$TMP/e1"
}

@test "clean: --threads takes 1 or 2 only" {
	local v
	for v in 0 3 1.5 x ''; do
		run --separate-stderr cdx copydesk-clean --threads "$v" < /dev/null
		[ "$status" -eq 2 ]
		[[ "$stderr" == *"--threads"*usage:* ]]
	done
}

@test "clean: --threads 2 reports in input order while one batch is cleaned and the next read" {
	# 700 records, over five batches of 128, so that a batch is cleaned
	# while the next is read and placed after it: refused records, bad
	# lines and a missing file fall in each stage, and the corpus removes
	# the footer across batches
	local a b c i t
	a=$(rec "$P1 Item NUM.\n\n$FOOT")
	b=$(rec "$P2 Story NUM.\n\n$FOOT")
	c=$(rec "Headline NUM\n\n$P3")
	for i in $(seq 1 700); do
		case $((i % 3)) in
		0) echo "${a/NUM/$i}" ;;
		1) echo "${b/NUM/$i}" ;;
		2) echo "${c/NUM/$i}" ;;
		esac
		case $i in
		1|130|300|301|555) printf '{"id": "bad", "text": \n' ;;
		200|390|699) printf '{"id": "none", "body": "x"}\n' ;;
		esac
	done > "$TMP/big"
	head -n 40 "$TMP/big" > "$TMP/small"
	for t in 1 2; do
		cdx copydesk-clean --threads "$t" --rejects "$TMP/r$t" "$TMP/big" \
			"$TMP/nosuch" "$TMP/small" "$TMP/big" > "$TMP/o$t" 2> "$TMP/e$t" || true
	done
	[ "$(wc -l < "$TMP/o1")" -eq $((700 + 39 + 700)) ]
	[ "$(wc -l < "$TMP/r1")" -eq $((8 + 1 + 8)) ]
	[ "$(grep -c 'owned by its readers' "$TMP/o1")" -lt 20 ]
	cmp "$TMP/o1" "$TMP/o2"
	cmp "$TMP/e1" "$TMP/e2"
	cmp "$TMP/r1" "$TMP/r2"
	# each message names its file and line, in input order
	local want="big:2 big:132 big:203 big:304 big:306 big:396 big:562 big:707"
	[ "$(sed -n 's|^copydesk-clean: .*/\([a-z]*\(:[0-9]*\)*\):.*|\1|p' "$TMP/e2" | tr '\n' ' ')" = \
	  "$want nosuch small:2 $want " ]
}
