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
	run -0 cdx copydesk-quote "$TMP/in"
	[ -n "$output" ]
	run -0 jq -r '[.speaker // "null", .kind] | @tsv' <<< "$output"
	[ "$output" = "$(printf 'Ada Lowe\tquote\nPiet Haak\tfragment')" ]
}

@test "quote-typing: a first paragraph wrapped into a second is no headline" {
	wrapped | sed -e '/^$/d' -e 's/^/   /' | as_doc i1 > "$TMP/in"
	run -0 cdx copydesk-quote "$TMP/in"
	[ -n "$output" ]
	! grep -q '"kind":"headline"' <<< "$output"
}
