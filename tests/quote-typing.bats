#!/usr/bin/env bats
# quote-typing.bats - copydesk-quote on one article typed the ways
# archives type it (scripts/eval-quote-styles scores the same on the
# eval sets): hard-wrapped lines, a lynx-like margin, British single
# quotes, straight quotes.  The articles are our own.

load helper

# wrapped: an article of ours hard-wrapped at 72 columns, blank lines
# between its paragraphs; a quotation and its attribution run across line
# ends.
wrapped() {
	cat <<'EOT'
The harbour board met on Tuesday to settle the fees that barge owners
pay for their winter berths, and the vote was close.

"We have kept the increase under the rate of inflation for the third
year running, and we will keep it there," the board's chair, Ada Lowe,
told reporters after the meeting in the old customs house.

Owners had asked for a freeze. Their spokesman, Piet Haak, said the
board "has not listened to a single barge family this winter" and that
his members would appeal.
EOT
}

# as_doc ID: standard input as the text of a document record ID.
as_doc() {
	jq -Rsc --arg id "$1" '{id: $id, text: .}'
}

# rows_are [--all] FIELDS FILE LINE...: copydesk-quote [--all] FILE gives
# these lines of the jq array FIELDS of each record as tab-separated values
# (a null as "null"), and no other.
rows_are() {
	local all=()
	[ "$1" = --all ] && { all=(--all); shift; }
	local fields=$1 f=$2
	shift 2
	run -0 cdx copydesk-quote "${all[@]}" "$f"
	[ -n "$output" ]
	run -0 jq -r "$fields | map(. // \"null\") | @tsv" <<< "$output"
	[ "$output" = "$(printf '%s\n' "$@")" ]
}

# quotes_are FILE LINE...: copydesk-quote FILE gives these lines of
# "speaker<TAB>kind<TAB>para<TAB>quote with line ends as spaces" and no
# other, and each record's start and end cut its quote from the text
# (counted in characters: the texts here are ASCII).
quotes_are() {
	local f=$1
	run -0 cdx copydesk-quote "$f"
	[ -n "$output" ]
	printf '%s\n' "$output" > "$TMP/out"
	run -0 jq -r '[.speaker // "null", .kind, .para,
		(.quote | gsub("\n *"; " "))] | @tsv' "$TMP/out"
	shift
	[ "$output" = "$(printf '%s\n' "$@")" ]
	run -0 jq -s --slurpfile d "$f" \
		'all(.[]; . as $r | $r.quote == ($d[0].text | explode[$r.start:$r.end] | implode))' \
		"$TMP/out"
	[ "$output" = true ]
}

@test "quote-typing: hard-wrapped text, quotation and attribution across line ends" {
	wrapped | as_doc w1 > "$TMP/in"
	quotes_are "$TMP/in" \
		"$(printf 'Ada Lowe\tquote\t2\tWe have kept the increase under the rate of inflation for the third year running, and we will keep it there,')" \
		"$(printf 'Piet Haak\tfragment\t3\thas not listened to a single barge family this winter')"
}

@test "quote-typing: lynx-like text, a margin of three and no blank lines" {
	wrapped | sed -e '/^$/d' -e 's/^/   /' | as_doc i1 > "$TMP/in"
	rows_are '[.speaker, .kind]' "$TMP/in" "$(printf 'Ada Lowe\tquote')" \
		"$(printf 'Piet Haak\tfragment')"
}

@test "quote-typing: a first paragraph wrapped into a second is no headline" {
	printf '%s\n' 'The harbour board met on Tuesday to settle the fees that barge owners' \
		'pay, and its chair, Ada Lowe, called the rise "a fair deal for every' \
		'barge family" before the vote, which was close.' |
		sed -e '/^$/d' -e 's/^/   /' | as_doc i2 > "$TMP/in"
	run -0 cdx copydesk-quote "$TMP/in"
	[ -n "$output" ]
	run -0 jq -r '[.speaker, .kind, (.quote | gsub("\n *"; " "))] | @tsv' <<< "$output"
	[ "$output" = "$(printf '%s\t%s\t%s' 'Ada Lowe' fragment 'a fair deal for every barge family')" ]
}

# british: an article of ours typed the British way: ‘quoted’, nested
# “quotes”, and ’ also the apostrophe (islanders’, Joneses’, ’90s,
# didn’t).
british() {
	cat <<'EOT'
The island council voted on Monday to keep its ferry in public hands.

‘We will not sell the ferry,’ said the mayor, Tom Reed. ‘The islanders’ boats are not for sale, and the Joneses’ yard stays open.’

His deputy, Mary Stone, called the vote ‘a promise we can keep’ and said the ’90s sale of the harbour was a mistake she didn’t want to repeat.

‘Nobody told me about “the deal” until Monday,’ she said.
EOT
}

# british_is FILE FIRST LAST: copydesk-quote FILE gives Tom Reed's
# quotation FIRST, Mary Stone's fragment and her quotation LAST.
british_is() {
	run -0 cdx copydesk-quote "$1"
	[ -n "$output" ]
	run -0 jq -r '[.speaker, .kind, .quote] | @tsv' <<< "$output"
	[ "$output" = "$(printf '%s\t%s\t%s\n' 'Tom Reed' quote "$2" \
		'Mary Stone' fragment 'a promise we can keep' \
		'Mary Stone' quote "$3")" ]
}

@test "quote-typing: British single quotes, ’ also the apostrophe, nested double quotes" {
	british | as_doc b1 > "$TMP/in"
	british_is "$TMP/in" \
		'We will not sell the ferry,’ … ‘The islanders’ boats are not for sale, and the Joneses’ yard stays open.' \
		'Nobody told me about “the deal” until Monday,'
}

@test "quote-typing: a British text whose single quotations are one word each gives them as when read British" {
	# (read the US way, as fewer than two single quotations of two words
	# decide: a one-word piece is the same either way, with ’ as the
	# apostrophe before and inside it)
	one='The board called the fees ‘unfair’ and the owners’ figures ‘wrong’; the Joneses’ barge was ‘doomed’.'
	two='‘We will appeal,’ said Piet Haak. ‘The board has not listened,’ he added.'
	printf '%s\n' "$one" | as_doc w1 > "$TMP/in"
	printf '%s\n%s\n' "$one" "$two" | as_doc w2 >> "$TMP/in"
	rows_are --all '[.doc, .quote, .start, .end]' "$TMP/in" \
		"$(printf '%s\t%s\t%s\t%s\n' w1 unfair 29 35 w1 wrong 68 73 \
		w1 doomed 106 112 w2 unfair 29 35 w2 wrong 68 73 \
		w2 doomed 106 112 w2 'We will appeal,' 120 135 \
		w2 'The board has not listened,' 158 185)"
}

@test "quote-typing: British quoting in straight marks" {
	british | sed -e "s/‘/'/g" -e "s/’/'/g" -e 's/“/"/g' -e 's/”/"/g' |
		as_doc a1 > "$TMP/in"
	british_is "$TMP/in" \
		"We will not sell the ferry,' … 'The islanders' boats are not for sale, and the Joneses' yard stays open." \
		'Nobody told me about "the deal" until Monday,'
}

@test "quote-typing: double quotes first, a single-quoted title stays nested" {
	printf '%s\n' 'Ann Vik said: “We read ‘The Sea’ twice, and we didn’t tire of it.”' \
		'The ‘sea reading’ was her idea.' | as_doc d1 > "$TMP/in"
	run -0 cdx copydesk-quote --all "$TMP/in"
	[ -n "$output" ]
	run -0 jq -r '.quote' <<< "$output"
	[ "$output" = "$(printf '%s\n' 'We read ‘The Sea’ twice, and we didn’t tire of it.' 'sea reading')" ]
}

@test "quote-typing: British curly quoting beside a straight-quoted paragraph" {
	{ british; printf '\n%s\n' '"The ferry has run at a loss for six winters, and the council knows it."'; } |
		as_doc m1 > "$TMP/in"
	run -0 cdx copydesk-quote "$TMP/in"
	[ -n "$output" ]
	# (a quotation alone in its paragraph goes on with the one before)
	run -0 jq -r '.quote' <<< "$output"
	[ "${#lines[@]}" -eq 3 ]
	[[ "${lines[2]}" == *'… "The ferry has run at a loss for six winters, and the council knows it.' ]]
}

@test "quote-typing: a straight mark closes a guillemet or low quotation opened in mixed typing" {
	printf '%s\n' 'Anna Berg sagte: „Wir bleiben hier," und ging nach Hause.' \
		'Tom Reed said: «We stay here," and went home.' | as_doc g1 > "$TMP/in"
	rows_are '[.speaker, .quote]' "$TMP/in" \
		"$(printf '%s\t%s' 'Anna Berg' 'Wir bleiben hier,')" \
		"$(printf '%s\t%s' 'Tom Reed' 'We stay here,')"
}

@test "quote-typing: a closing guillemet closes a straight quotation opened in mixed typing" {
	# (as ” closes "; not where » may open: after a space, before a word)
	printf '%s\n' '"We will not sell the ferry," Ann Vik said, adding that it would take "two more days» before the boat sails.' \
		'Tom Reed said: "The ferry stays » in port» and left.' |
		as_doc g2 > "$TMP/in"
	rows_are --all '[.speaker, .quote]' "$TMP/in" \
		"$(printf '%s\t%s' 'Ann Vik' 'We will not sell the ferry,')" \
		"$(printf '%s\t%s' 'Ann Vik' 'two more days')" \
		"$(printf '%s\t%s' 'Tom Reed' 'The ferry stays » in port')"
}

@test "quote-typing: the title does not run on into a wrapped first paragraph" {
	wrapped | jq -Rsc '{id: "t1", title: "HARBOUR BOARD KEEPS THE WINTER BERTH FEES UNDER INFLATION", text: .}' > "$TMP/in"
	run -0 cdx copydesk-quote "$TMP/in"
	[ -n "$output" ]
	run -0 jq -r '[.speaker, .kind, .para] | @tsv' <<< "$output"
	[ "$output" = "$(printf '%s\t%s\t%s\n' 'Ada Lowe' quote 2 'Piet Haak' fragment 3)" ]
}


@test "quote-typing: an apostrophe in the next paragraph does not close a British quotation left open" {
	printf '%s\n' '‘We will go on,’ said the mayor, Tom Reed. ‘And we will not stop.' '' \
		'The council didn’t say more…' '' '‘It is late,’ said Ann Vik.' | as_doc o1 > "$TMP/in"
	rows_are --all '[.speaker, .para, .quote]' "$TMP/in" \
		"$(printf '%s\t%s\t%s' 'Tom Reed' 1 'We will go on,’ … ‘And we will not stop.')" \
		"$(printf '%s\t%s\t%s' 'Ann Vik' 3 'It is late,')"
}

@test "quote-typing: in straight British typing a later opening mark stops the search for a closer" {
	printf '%s\n' "'We will keep the ferry,' said the mayor, Tom Reed. 'It is ours.'" '' \
		"He called the owners 'cowboys' and said the sale was 'a disgrace to the island'." |
		as_doc c1 > "$TMP/in"
	rows_are --all '[.para, .quote]' "$TMP/in" \
		"$(printf '%s\t%s' 1 "We will keep the ferry,' … 'It is ours.")" \
		"$(printf '2\tcowboys')" "$(printf '2\ta disgrace to the island')"
}

@test "quote-typing: s’ before a no-break space and a dash closes a British quotation" {
	printf '%s\n' '‘We will not sell the ferry,’ said the mayor, Tom Reed. ‘It is ours.’' '' \
		'‘The boats are the Joneses’ — said Ann Vik — and the yard is the Smiths’ swallows everything.' |
		sed 's/Joneses’ —/Joneses’\xc2\xa0—/' | as_doc n1 > "$TMP/in"
	grep -q $'\xc2\xa0' "$TMP/in"
	rows_are --all '[.para, .quote]' "$TMP/in" \
		"$(printf '%s\t%s' 1 'We will not sell the ferry,’ … ‘It is ours.')" \
		"$(printf '2\tThe boats are the Joneses')"
}

@test "quote-typing: elisions in straight single marks do not make a text British" {
	printf '%s\n' "The band played rock 'n' roll till the early hours, and the crowd loved 'em." '' \
		"\"We stayed 'cause the music was good,\" said Ann Vik." '' \
		"They will play 'til Sunday. \"It is the last weekend of the season,\" said Tom Reed." |
		as_doc e1 > "$TMP/in"
	rows_are --all '[.speaker, .quote]' "$TMP/in" "$(printf 'null\tn')" \
		"$(printf '%s\t%s' 'Ann Vik' "We stayed 'cause the music was good,")" \
		"$(printf '%s\t%s' 'Tom Reed' 'It is the last weekend of the season,')"
}

@test "quote-typing: scare quotes in straight single marks do not make a text British" {
	printf '%s\n' "The council's 'Fair Fares' plan was called 'populist' by the harbour board." '' \
		"\"The fares will not pay for the boats,\" said Ada Lowe, who called the plan 'unworkable'." '' \
		"\"We will vote against it,\" said Piet Haak." | as_doc s1 > "$TMP/in"
	rows_are --all '[.speaker, .quote]' "$TMP/in" \
		"$(printf 'null\tFair Fares')" "$(printf 'null\tpopulist')" \
		"$(printf '%s\t%s' 'Ada Lowe' 'The fares will not pay for the boats,')" \
		"$(printf 'Ada Lowe\tunworkable')" \
		"$(printf '%s\t%s' 'Piet Haak' 'We will vote against it,')"
}

@test "quote-typing: a single quotation running on into the next paragraph counts for British typing" {
	printf '%s\n' '‘The ferry has run for sixty years and the island needs it.' '' \
		'‘We will not sell it to anyone,’ said the mayor, Tom Reed.' '' \
		'His deputy, Mary Stone, said the islanders’ vote was clear.' | as_doc r1 > "$TMP/in"
	rows_are --all '[.speaker, .para, .quote]' "$TMP/in" "$(printf '%s\t%s\t%s' 'Tom Reed' 1 \
		'The ferry has run for sixty years and the island needs it. … ‘We will not sell it to anyone,')"
}

@test "quote-typing: a » inside a straight quotation that opened a « does not close it" {
	printf '%s\n' '"We call the plan «Vostok», and we will build it," said Ann Vik.' \
		'"Il a dit «non» hier," said Tom Reed.' | as_doc g3 > "$TMP/in"
	rows_are --all '[.speaker, .quote]' "$TMP/in" \
		"$(printf '%s\t%s' 'Ann Vik' 'We call the plan «Vostok», and we will build it,')" \
		"$(printf '%s\t%s' 'Tom Reed' 'Il a dit «non» hier,')"
}
