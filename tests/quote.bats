#!/usr/bin/env bats
# quote.bats - copydesk-quote: one record per direct quotation, with its
# speaker (SPEC "copydesk-quote").  The shared record contract is in
# cli.bats; the exact output on examples/ is pinned by the golden cases.

load helper

# doc ID TEXT [EXTRA]: a document record with text TEXT (a JSON string
# body, escapes allowed) and EXTRA members appended.
doc() {
	printf '{"id":"%s","text":"%s"%s}\n' "$1" "$2" "${3:+,$3}"
}

# seeds: the seed articles as document records in $TMP/seeds.jsonl, made
# by copydesk-split, or by jq (dropping the date header as split does)
# when split is not built.
seeds() {
	need_shared seeds
	if command -v copydesk-split > /dev/null; then
		cdx copydesk-split --quiet "$SHARED/seeds" > "$TMP/seeds.jsonl"
		return
	fi
	local f
	for f in "$SHARED"/seeds/*; do
		jq -Rsc --arg id "$f" '{id: $id, text: sub("^ ?date [0-9-]+ ?"; "")}' "$f"
	done > "$TMP/seeds.jsonl"
}

# speakers_of FILE: run copydesk-quote on FILE; $output holds a line
# "doc<TAB>speaker" (null when none) a quotation.
speakers_of() {
	run -0 jq -r '[.doc, .speaker // "null"] | @tsv' < <(copydesk-quote "$1")
}

# quotes_of FILE: the same with the quotation: "doc<TAB>speaker<TAB>quote".
quotes_of() {
	run -0 jq -r '[.doc, .speaker // "null", .quote] | @tsv' < <(copydesk-quote "$1")
}

# quotes_are FILE [DOC SPEAKER QUOTE]...: quotes_of FILE gives these
# lines, a quotation each, and nothing else.
quotes_are() {
	local f=$1
	shift
	quotes_of "$f"
	[ -n "$output" ]
	[ "$output" = "$(printf '%s\t%s\t%s\n' "$@")" ]
}

# counts_are FILE SPEC: quotes_of FILE, then the number of quotations of
# each document, "doc:n" in document order, space-separated, is SPEC.
counts_are() {
	quotes_of "$1"
	[ -n "$output" ]
	[ "$(printf '%s\n' "$output" | cut -f1 | uniq -c |
		awk '{ printf "%s%s:%s", (NR > 1 ? " " : ""), $2, $1 }')" = "$2" ]
}

# byte_range FILE START END: bytes [START, END) of FILE.
byte_range() {
	tail -c +$(($2 + 1)) "$1" | head -c $(($3 - $2))
}

@test "quote: golden cases" {
	local c
	for c in "$ROOT"/tests/golden/quote/*.in; do
		c=$(basename "$c" .in)
		golden quote "$c" || { echo "golden case $c differs"; return 1; }
	done
}

@test "quote: one record per quotation, numbered DOC#qN in text order" {
	doc d1 '\"One two three,\" said Tom Hale. Later \"four five six\" came, Hale said.' > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-quote "$TMP/in"
	[ "${#lines[@]}" -eq 2 ]
	[ "$(jq -r .id <<< "${lines[0]}")" = "d1#q1" ]
	[ "$(jq -r .id <<< "${lines[1]}")" = "d1#q2" ]
	[ "$(jq -r .doc <<< "${lines[1]}")" = "d1" ]
	[ -z "$stderr" ]
}

@test "quote: a document without quotations writes nothing, status 0" {
	doc d1 'No quotation here, only the reporter.' > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-quote "$TMP/in"
	[ -z "$output" ]
	[ -z "$stderr" ]
}

@test "quote: start and end are the byte offsets of the quotation" {
	doc d1 'Caf\u00e9 owner Anna Berg said: \u201cThe \u00e9clair is gone.\u201d' > "$TMP/in"
	run -0 cdx copydesk-quote "$TMP/in"
	jq -j .text "$TMP/in" > "$TMP/text"
	byte_range "$TMP/text" "$(jq .start <<< "$output")" "$(jq .end <<< "$output")" > "$TMP/cut"
	[ "$(cat "$TMP/cut")" = "$(jq -j .quote <<< "$output")" ]
	[ "$(jq -j .quote <<< "$output")" = "The éclair is gone." ]
}

@test "quote: mention_start and mention_end are the byte offsets of the mention" {
	doc d1 '\u201cIt is \u00e9tonnant,\u201d said Mayor Ren\u00e9 Roux.' > "$TMP/in"
	run -0 cdx copydesk-quote "$TMP/in"
	jq -j .text "$TMP/in" > "$TMP/text"
	byte_range "$TMP/text" "$(jq .mention_start <<< "$output")" \
		"$(jq .mention_end <<< "$output")" > "$TMP/cut"
	[ "$(cat "$TMP/cut")" = "Mayor René Roux" ]
	[ "$(jq -r .speaker <<< "$output")" = "René Roux" ]
}

@test "quote: date, source and title are copied from the document" {
	doc d1 '\"We are ready for it,\" said Tom Hale.' \
		'"date":"2026-03-03","source":{"site":"x"},"title":"Hale ready"' > "$TMP/in"
	run -0 cdx copydesk-quote "$TMP/in"
	[[ "$output" == *',"date":"2026-03-03","source":{"site":"x"},"title":"Hale ready"}' ]]
}

@test "quote: a quotation in the title is a headline with field title" {
	doc d1 'Tom Hale spoke on Monday.' '"title":"Hale says \u201cwe will rebuild the town\u201d"' > "$TMP/in"
	run -0 cdx copydesk-quote "$TMP/in"
	[ "$(jq -c '[.kind, .field, .speaker, .para, .start]' <<< "$output")" = '["headline","title","Tom Hale",0,13]' ]
}

@test "quote: a fragment in the reporter's sentence is kind fragment" {
	doc d1 'Tom Hale said the plan was \"a costly mess\" and left.' > "$TMP/in"
	run -0 cdx copydesk-quote "$TMP/in"
	[ "$(jq -c '[.kind, .speaker]' <<< "$output")" = '["fragment","Tom Hale"]' ]
}

@test "quote: the speaker is null when the text does not say" {
	doc d1 '\"We had a long call,\" he told reporters.' > "$TMP/in"
	run -0 cdx copydesk-quote "$TMP/in"
	[ "$(jq -c '[.speaker, .mention, .cue]' <<< "$output")" = '[null,"he","told"]' ]
}

@test "quote: scare quotes nobody said are dropped, kept with --all" {
	doc d1 'The so-called \"reform\" failed.' > "$TMP/in"
	run -0 cdx copydesk-quote "$TMP/in"
	[ -z "$output" ]
	run -0 cdx copydesk-quote --all "$TMP/in"
	[ "$(jq -c '[.quote, .kind, .speaker]' <<< "$output")" = '["reform","fragment",null]' ]
}

@test "quote: --old-quotes reads two apostrophes as quotation marks" {
	doc d1 "''We start on Monday,'' said Tom Hale." > "$TMP/in"
	run -0 cdx copydesk-quote "$TMP/in"
	[ -z "$output" ]
	run -0 cdx copydesk-quote --old-quotes "$TMP/in"
	[ "$(jq -r .quote <<< "$output")" = "We start on Monday," ]
}

@test "quote: --cues adds cue verbs from a file" {
	doc d1 '\"The road is shut,\" Tom Hale grumbled.' > "$TMP/in"
	run -0 cdx copydesk-quote "$TMP/in"
	[ "$(jq -c .speaker <<< "$output")" = null ]
	printf '# mine\ngrumbled\n' > "$TMP/cues"
	run -0 cdx copydesk-quote --cues "$TMP/cues" "$TMP/in"
	[ "$(jq -c '[.speaker, .cue]' <<< "$output")" = '["Tom Hale","grumbled"]' ]
}

@test "quote: --roles and --titles extend the role nouns and titles" {
	doc d1 'Warden Ana Ruiz runs the dam.\n\n\"It holds,\" the warden said.' > "$TMP/in"
	run -0 cdx copydesk-quote "$TMP/in"
	[ "$(jq -c .speaker <<< "$output")" = null ]
	echo 'warden' > "$TMP/roles"
	echo 'warden' > "$TMP/titles"
	run -0 cdx copydesk-quote --roles "$TMP/roles" --titles "$TMP/titles" "$TMP/in"
	[ "$(jq -c '[.speaker, .mention]' <<< "$output")" = '["Ana Ruiz","the warden"]' ]
}

@test "quote: an unreadable word list is an error naming the file" {
	doc d1 '\"x y z,\" said Tom Hale.' > "$TMP/in"
	run -1 --separate-stderr cdx copydesk-quote --cues "$TMP/none" "$TMP/in"
	[ -z "$output" ]
	[ "$stderr" = "copydesk-quote: $TMP/none: cannot open: No such file or directory" ]
}

@test "quote: a malformed word list names the line" {
	printf 'good\nbad line here\n' > "$TMP/roles"
	doc d1 'x' > "$TMP/in"
	run -1 --separate-stderr cdx copydesk-quote --roles "$TMP/roles" "$TMP/in"
	[ "$stderr" = "copydesk-quote: $TMP/roles: line 2: malformed entry" ]
}

@test "quote: a record without an id is named FILE:LINE" {
	printf '\n{"text":"\\"Ready when you are,\\" said Tom Hale."}\n' > "$TMP/in"
	cd "$TMP"
	run -0 cdx copydesk-quote in
	[ "$(jq -c '[.id, .doc]' <<< "$output")" = '["in:2#q1","in:2"]' ]
}

@test "quote: seeds: 'he told reporters' in 000 is Donald Trump" {
	seeds
	run -0 jq -r 'select(.id | test("000_")) | .text' "$TMP/seeds.jsonl"
	cdx copydesk-quote "$TMP/seeds.jsonl" > "$TMP/q.jsonl"
	run -0 jq -r 'select((.doc | test("000_")) and .cue == "told"
		and .mention == "he") | .speaker' "$TMP/q.jsonl"
	[ "${lines[0]}" = "Donald Trump" ]
}

@test "quote: seeds: 'Ushakov added' is the full name used earlier in 001" {
	seeds
	cdx copydesk-quote "$TMP/seeds.jsonl" > "$TMP/q.jsonl"
	run -0 jq -r 'select((.doc | test("001_")) and .mention == "Ushakov")
		| [.cue, .speaker] | @tsv' "$TMP/q.jsonl"
	[ "$output" = $'added\tYuri Ushakov' ]
}

@test "quote: seeds: 'Zelensky said' keeps the document's spelling" {
	seeds
	cdx copydesk-quote "$TMP/seeds.jsonl" > "$TMP/q.jsonl"
	run -0 jq -r 'select((.doc | test("003_")) and .mention == "Zelensky")
		| .speaker' "$TMP/q.jsonl"
	[ "$output" = "Volodymyr Zelensky" ]
}

@test "quote: seeds: the headline quotation of 004 is a headline" {
	seeds
	cdx copydesk-quote "$TMP/seeds.jsonl" > "$TMP/q.jsonl"
	run -0 jq -r 'select((.doc | test("004_")) and .para == 1)
		| [.kind, .quote, .speaker] | @tsv' "$TMP/q.jsonl"
	[ "$output" = $'headline\tProlonged war is not a happy situation\tDonald Trump' ]
}

@test "quote: seeds: the same statement has the same speaker in every outlet" {
	seeds
	cdx copydesk-quote "$TMP/seeds.jsonl" > "$TMP/q.jsonl"
	run -0 jq -r 'select(.quote | test("^No, I didn.t make any progress"))
		| .speaker' "$TMP/q.jsonl"
	# 002 opens with the quotation: nobody is named before "he"
	[ "$(sort -u <<< "$output" | tr '\n' ' ')" = "Donald Trump null " ]
}

@test "quote: a text over the 1 MiB chunk keeps offsets, ids and paragraphs right" {
	{
		printf '{"id":"c","text":"'
		for i in $(seq 1 16000); do
			printf 'Filler words go here to make the text long enough for a chunk. \\n\\n'
			[ $((i % 4000)) = 0 ] && printf '\\"We will build it %s,\\" said Mayor Jo Park.\\n\\n' "$i"
		done
		printf '"}\n'
	} > "$TMP/c.jsonl"
	run -0 --separate-stderr copydesk-quote "$TMP/c.jsonl"
	[ "$(jq -r .id <<<"$output" | tr '\n' ' ')" = "c#q1 c#q2 c#q3 c#q4 " ]
	[ "$(jq -r .para <<<"$output" | tr '\n' ' ')" = "4001 8002 12003 16004 " ]
	run -0 jq -r --slurpfile d "$TMP/c.jsonl" \
		'select($d[0].text[.start:.end] != .quote or .speaker != "Jo Park") | .id' <<<"$output"
	[ -z "$output" ]
}

# filler N: N paragraphs of filler (JSON string body), 64 text bytes each.
filler() {
	local s='Filler words that go on and on to make a very long text, again. '
	local i
	for ((i = 0; i < $1; i++)); do
		printf '%s\\n\\n' "${s:0:62}"
	done
}

@test "quote: a paragraph over 1 MiB loses no quotation at the window edge" {
	# 2.2 MB without a line break
	local s='The council met again on the pier. Mayor Anna Berg said: \"We will keep the harbour open through the winter and run the ferries every hour.\" '
	{
		printf '{"id":"w","text":"'
		for ((i = 0; i < 16000; i++)); do printf '%s' "$s"; done
		printf '"}\n'
	} > "$TMP/w.jsonl"
	run -0 --separate-stderr copydesk-quote "$TMP/w.jsonl"
	[ "$(wc -l <<< "$output")" -eq 16000 ]
	# sentence k's quotation starts at byte 58 + 140 k
	[ "${#s}" -eq 142 ] # 140 text bytes and two escapes
	run -0 jq -r 'select(.speaker != "Anna Berg" or .quote != "We will keep the harbour open through the winter and run the ferries every hour." or (.start - 58) % 140 != 0 or .end - .start != 80 or .para != 1) | .id' <<< "$output"
	[ -z "$output" ]
}

@test "quote: the speaker named before the 1 MiB window edge is kept after it" {
	# the line break between the two paragraphs falls at the old cut
	{
		printf '{"id":"p","title":"Ferry news","text":"'
		filler 16383
		printf 'Mayor Anna Berg opened the ferry terminal on Monday.\\n\\n'
		printf '\\"It will run every hour of the day and the night,\\" she said.\\n\\n'
		filler 100
		printf '"}\n'
	} > "$TMP/p.jsonl"
	run -0 --separate-stderr copydesk-quote "$TMP/p.jsonl"
	[ -n "$output" ]
	[ "$(jq -r '[.speaker, .para] | @tsv' <<< "$output")" = "$(printf 'Anna Berg\t16385')" ]
	run -0 jq -r --slurpfile d "$TMP/p.jsonl" '$d[0].text[.start:.end] == .quote' <<< "$output"
	[ "$output" = true ]
}

@test "quote: a quotation over several paragraphs across the window edge stays whole" {
	{
		printf '{"id":"m","text":"'
		filler 16376
		printf 'Mayor Anna Berg spoke at length on Monday.\\n\\n'
		for ((i = 0; i < 12; i++)); do
			printf '\\u201cThe ferries will run every hour, part %s of the plan.\\n\\n' "$i"
		done
		printf '\\u201cThat is the end of it,\\u201d she said.\\n\\n'
		filler 100
		printf '"}\n'
	} > "$TMP/m.jsonl"
	run -0 --separate-stderr copydesk-quote "$TMP/m.jsonl"
	[ "$(wc -l <<< "$output")" -eq 1 ]
	[ "$(jq -r .speaker <<< "$output")" = "Anna Berg" ]
	[[ "$(jq -r .quote <<< "$output")" == *"part 11 of the plan."*"That is the end of it,"* ]]
}

# speakers: the rows DOC<TAB>SPEAKER of the quotations of $TMP/in
speakers() {
	copydesk-quote "$TMP/in" | jq -r '[.doc, (.speaker // "null")] | @tsv'
}

@test "quote: a role with modifiers between a name and the speaker's name" {
	doc a '\"The ferries will run at dawn,\" said Ostby campaign spokesman Lars Lund.' > "$TMP/in"
	doc b '\"The vote was close,\" said one former Labour leadership aide.' >> "$TMP/in"
	run -0 speakers
	[ "$output" = "$(printf 'a\tLars Lund\nb\tnull')" ]
	run -0 jq -r .mention < <(copydesk-quote "$TMP/in")
	[ "${lines[0]}" = "Ostby campaign spokesman Lars Lund" ]
	[ "${lines[1]}" = "one former Labour leadership aide" ]
}

@test "quote: a quotation said by someone after it is not the last speaker's" {
	doc c 'Mayor Anna Berg opened the terminal. \"It will run every hour,\" she said.\n\n\"It will never pay for itself,\" an angry Lars Lund grumbled.' > "$TMP/in"
	run -0 speakers
	[ "$output" = "$(printf 'c\tAnna Berg\nc\tnull')" ]
}

@test "quote: a cue of two words with its speaker before it" {
	doc d 'Anna Berg spoke first. \"We will not stop here,\" she said.\n\n\"Not this year and not the next,\" Lars Lund went on.' > "$TMP/in"
	# "as X put it", with an apposition after the name
	doc e 'The vote is on Friday. As Nils Dahl, the No. 2 in the union, put it: \"This deal will not pass.\"' >> "$TMP/in"
	doc f 'The harbour, as the Ostby Courier put it, is \"a museum of rust.\"' >> "$TMP/in"
	run -0 speakers
	[ "$output" = "$(printf 'd\tAnna Berg\nd\tLars Lund\ne\tNils Dahl\nf\tOstby Courier')" ]
}

@test "quote: a quotation opening its sentence after one that says who spoke" {
	doc e 'The ferry strike went on.\n\nLars Lund said the company had ignored the crews for years. \"They had three years to fix this and did nothing.\"' > "$TMP/in"
	doc f 'The ferry strike went on.\n\nThe company had ignored the crews for years. \"They had three years to fix this and did nothing.\"' >> "$TMP/in"
	run -0 speakers
	[ "$output" = "$(printf 'e\tLars Lund\nf\tnull')" ]
}

@test "quote: the labelled family set: every quotation and speaker, families F1 >= 0.90 at P >= 0.95" {
	need_shared eval
	local f="$ROOT/tests/families"
	copydesk-quote "$f/docs.jsonl" | copydesk-fingerprint --field quote \
		| copydesk-group --field quote --fill speaker --agree speaker > "$TMP/fam.jsonl"
	[ -s "$TMP/fam.jsonl" ]
	run -0 python3 "$SHARED/eval/score_quotes.py" "$f/gold.json" \
		"$TMP/fam.jsonl" --group=group.near
	[ "${lines[1]}" = "quotes: P=1.000 R=1.000 F1=1.000 speaker=1.000" ]
	# measured: P=1.000 R=0.818 F1=0.900 (R 0.591 without --agree); the
	# floor is the target of issue 14, F1 >= 0.90 with P >= 0.95
	[[ "${lines[2]}" =~ ^families:\ P=(1\.000|0\.9[5-9][0-9])\ R=[01]\.[0-9]+\ F1=(1\.000|0\.9[0-9][0-9]) ]]
}

@test "quote: the mention runs over an age and over 'of' with modifiers before a name" {
	doc g '\"The ferries were late,\" said Gloria Garcia, 34, a nurse from Ostby, who takes one daily.' > "$TMP/in"
	doc h '\"The ferries were late,\" said Stu Holm of the independent Harbour Review.' >> "$TMP/in"
	# a lower-case noun tied by a preposition, not a verb so tied
	doc i '\"The ferries were late,\" said Nils Olsen, co-director of the Ostby Ferry Union.' >> "$TMP/in"
	doc j '\"The ferries were late,\" said Nils Olsen, speaking at the pier.' >> "$TMP/in"
	# the state or country after a town goes on with the apposition
	doc k '\"The ferries were late,\" said Anna Berg, 41, a nurse from Ostby, Calif., who rides daily.' >> "$TMP/in"
	doc l '\"The ferries were late,\" said Anna Berg, a nurse from Ostby, New Jersey.' >> "$TMP/in"
	# a role a few words on; a participle opens no apposition
	doc m '\"The ferries were late,\" said Anna Berg, former Ostby Harbour press secretary.' >> "$TMP/in"
	doc n '\"The ferries were late,\" said Anna Berg, speaking to reporters after the mayor spoke.' >> "$TMP/in"
	# an age ending the sentence, a party and state
	doc o '\"The ferries were late,\" said Anna Berg, 44.' >> "$TMP/in"
	doc p '\"The ferries were late,\" Sen. Anna Berg, D-N.Y., said.' >> "$TMP/in"
	run -0 jq -r '[.speaker, .mention] | @tsv' < <(copydesk-quote "$TMP/in")
	[ "${lines[0]}" = "$(printf 'Gloria Garcia\tGloria Garcia, 34, a nurse from Ostby, who takes one daily')" ]
	[ "${lines[1]}" = "$(printf 'Stu Holm\tStu Holm of the independent Harbour Review')" ]
	[ "${lines[2]}" = "$(printf 'Nils Olsen\tNils Olsen, co-director of the Ostby Ferry Union')" ]
	[ "${lines[3]}" = "$(printf 'Nils Olsen\tNils Olsen')" ]
	[ "${lines[4]}" = "$(printf 'Anna Berg\tAnna Berg, 41, a nurse from Ostby, Calif., who rides daily')" ]
	[ "${lines[5]}" = "$(printf 'Anna Berg\tAnna Berg, a nurse from Ostby, New Jersey')" ]
	[ "${lines[6]}" = "$(printf 'Anna Berg\tAnna Berg, former Ostby Harbour press secretary')" ]
	[ "${lines[7]}" = "$(printf 'Anna Berg\tAnna Berg')" ]
	[ "${lines[8]}" = "$(printf 'Anna Berg\tAnna Berg, 44')" ]
	[ "${lines[9]}" = "$(printf 'Anna Berg\tSen. Anna Berg, D-N.Y.,')" ]
}

@test "quote: a name before a role noun modifies it: the ally's name, or no speaker" {
	doc a '\"The ferries will run at dawn,\" said Holm ally Maja Lund.' > "$TMP/in"
	doc b '\"The ferries will run at dawn,\" said one Holm confidant.' >> "$TMP/in"
	doc c '\"The ferries will run at dawn,\" said Ostby constituent Nils Dahl.' >> "$TMP/in"
	doc d '\"The ferries will run at dawn,\" said Ostby resident Nils Dahl.' >> "$TMP/in"
	run -0 speakers
	[ "$output" = "$(printf 'a\tMaja Lund\nb\tnull\nc\tNils Dahl\nd\tNils Dahl')" ]
}

@test "quote: a title of a work that nobody is said to say is no quotation" {
	doc a 'She had roles in \"The Harbour Lights,\" \"Winter In Ostby\" and others.\n\n\"Silent Ferry Nights\" star Maja Lund spoke next.\n\n\"We sail at dawn,\" Lund said.' > "$TMP/in"
	run -0 copydesk-quote "$TMP/in"
	[ -n "$output" ]
	run -0 jq -r .quote < <(copydesk-quote "$TMP/in")
	[ "$output" = "We sail at dawn," ]
	run -0 jq -r .quote < <(copydesk-quote --all "$TMP/in")
	[ "${#lines[@]}" -eq 4 ]
}

@test "quote: a name before a colon says the quotation when it opens its clause or follows 'from'" {
	doc a 'FERRY DELAYS GROW LONGER IN WINTER - Maja Lund: \"The crossings take twice as long as they did.\"' > "$TMP/in"
	doc b 'Commuters agree - Nils Dahl: \"The crossings take twice as long as they did.\"' >> "$TMP/in"
	doc c 'The union sent a message to Mayor Holm: \"The crossings take twice as long as they did.\"' >> "$TMP/in"
	doc d 'More from Nils Dahl: \"The crossings take twice as long as they did.\"' >> "$TMP/in"
	run -0 speakers
	[ "$output" = "$(printf 'a\tMaja Lund\nb\tNils Dahl\nc\tnull\nd\tNils Dahl')" ]
}

@test "quote: sentences end by copydesk-split's rule and list (abbreviations.txt)" {
	# "U.S. The" ends a sentence, "U.S. Navy" does not: the sentence
	# before the quotation reports nobody, or Nils Dahl
	doc a 'The strike went on.\n\nNils Dahl said the boats were bought in the U.S. The crews never trained on them. \"We wait an hour every day.\"' > "$TMP/in"
	doc b 'The strike went on.\n\nNils Dahl said the boats were bought in the U.S. Navy yard. \"We wait an hour every day.\"' >> "$TMP/in"
	# a title of the list is stripped from the name; a listed place
	# after a comma ends a name
	doc c '\"We wait,\" said Msgr. Nils Dahl.' >> "$TMP/in"
	doc d 'Ferries run late in Ostby, Calif. Nils Dahl said the crews had waited. \"We wait an hour every day.\"' >> "$TMP/in"
	# a quotation interrupted by an attribution ending in an abbreviation
	doc e '\"The boats are old,\" said Nils Dahl, a student from Ostby, Calif. \"We wait an hour every day.\"' >> "$TMP/in"
	run -0 speakers
	[ "$output" = "$(printf 'a\tnull\nb\tNils Dahl\nc\tNils Dahl\nd\tNils Dahl\ne\tNils Dahl')" ]
	run -0 jq -r .quote < <(copydesk-quote "$TMP/in" | jq -c 'select(.doc == "e")')
	[ "$output" = 'The boats are old," … "We wait an hour every day.' ]
}

@test "quote: a signed quotation or a quoted noun of its sentence does not continue the paragraph before" {
	# the second line's quotation, holding an inner one, is its own
	# signer's, not the first line's
	doc a '“The boats are always late and nobody answers the phone.” ― Maja Lund\n“I would rather swim than wait for what they call “service” at the pier.” ― Nils Dahl' > "$TMP/in"
	doc b '\"The boats are old,\" said Maja Lund.\n\n\"Winter Ferry (Ostby Nights)\" was written by Nils Dahl in 1990.' >> "$TMP/in"
	run -0 copydesk-quote --all "$TMP/in"
	[ -n "$output" ]
	run -0 jq -r '[.doc, (.speaker // "null"), .quote[0:14]] | @tsv' < <(copydesk-quote --all "$TMP/in")
	[ "${lines[0]}" = "$(printf 'a\tMaja Lund\tThe boats are ')" ]
	[ "${lines[1]}" = "$(printf 'a\tNils Dahl\tI would rather')" ]
	[ "${lines[2]}" = "$(printf 'b\tMaja Lund\tThe boats are ')" ]
	[ "${lines[3]}" = "$(printf 'b\tnull\tWinter Ferry (')" ]
}

@test "quote: scripts/quote-errors counts wrong non-null speakers and the unmatched predictions" {
	need_shared eval
	cat > "$TMP/gold.json" <<'J'
{"quotes": [
 {"doc": "a", "match": "The boats are old", "speaker": ["Maja Lund"], "required": true},
 {"doc": "a", "match": "We wait an hour", "speaker": ["Nils Dahl"], "required": true},
 {"doc": "a", "match": "Fix the pier now\" ... \"Fix it before winter", "speaker": ["Ann Berg"], "required": true},
 {"doc": "a", "match": "The ferry to the island is late again. ... It is always late in winter", "speaker": ["Nils Dahl"], "required": true}
]}
J
	printf '%s\n' '{"doc":"a","quote":"The boats are old.","speaker":"Maja Lund","mention":"Lund","cue":"said"}' \
		'{"doc":"a","quote":"We wait an hour.","speaker":"Ann Berg","mention":"she","cue":"said"}' \
		'{"doc":"a","quote":"Fix the pier now","speaker":null,"mention":null,"cue":null}' \
		'{"doc":"a","quote":"Fix it before winter","speaker":null,"mention":null,"cue":null}' \
		'{"doc":"a","quote":"The ferry to the island is late again. It is always late in winter.","speaker":"Nils Dahl","mention":"Dahl","cue":"said"}' > "$TMP/q.jsonl"
	run -0 "$ROOT/scripts/quote-errors" "$TMP/gold.json" "$TMP/q.jsonl"
	# the two pieces of Ann Berg's quotation are each too short for the
	# gold that joins them: two unmatched predictions and a miss; Nils
	# Dahl's whole quotation misses the gold that puts "..." at its
	# sentence break
	[ "${lines[0]}" = "quotes: P=0.400 R=0.500 F1=0.444 speaker=0.500" ]
	[ "${lines[1]}" = "wrong non-null: 1/2 (50.0%); wrong or null with a mention: 1/2 (50.0%)" ]
	grep -Eq '^  joined with "\.\.\." at a sentence break +1$' <<< "$output"
	grep -Eq '^  joined with "\.\.\." between marks +1$' <<< "$output"
	grep -Eq '^  piece of a gold joined with "\.\.\." between marks +2$' <<< "$output"
	grep -Eq '^  piece of a gold joined with "\.\.\." at a sentence +1$' <<< "$output"
}

@test "quote: a participle cue speaks for the cue verb of its clause or the noun it follows" {
	# a: the sentence opens with what was said about (Anna Berg), the
	# speaker is who said it; b: "a banner saying", "pickets chanting"
	# are the noun's words, not the sentence subject's; c: a role noun
	# opening the sentence is its subject even when it names nobody
	# known, not the next name in it; d: footage of a person saying is
	# that person's words; e: the subject of the sentence, as before
	cat > "$TMP/in" <<'J'
{"id":"a","text":"Anna Berg will get two new boats, John Holm said on Monday, adding, \"The yard has promised them by May.\""}
{"id":"b","text":"Anna Berg spoke at the pier while pickets gathered behind a banner saying \"We want our boats back now.\""}
{"id":"c","text":"The spokesman would not confirm whether John Holm had met the board, adding: \"We will talk to everyone.\""}
{"id":"d","text":"The new ad shows footage of Anna Berg saying, \"The ferries are fine as they are.\""}
{"id":"e","text":"Anna Berg spoke at the pier on Monday, saying, \"The boats will come.\""}
J
	run -0 speakers
	[ "$output" = "$(printf 'a\tJohn Holm\nb\tnull\nc\tnull\nd\tAnna Berg\ne\tAnna Berg')" ]
}

@test "quote: an interrupted quotation is one after ? or !, or when its attribution reports more" {
	# a: a participle reporting in the reporter's words; b: a relative
	# clause with a cue of its own; both before the second piece opens
	# a sentence.  c: a participle introducing the second piece starts
	# a new quotation, as before.  d, e: a first piece ending in ? or !
	cat > "$TMP/in" <<'J'
{"id":"a","text":"\"The ferry is late again,\" John Holm said, noting that the boats were bought in 1990. \"Nobody fixes them.\""}
{"id":"b","text":"\"We wait every morning,\" said Anna Berg, who said she had moved to Ostby last year. \"Every single morning.\""}
{"id":"c","text":"\"The ferry is late again,\" John Holm said, adding, \"Nobody fixes the boats.\""}
J
	doc d 'Ferries were late again.\n\n“Who will pay for the fuel?” asked Maja Lund, who chairs the harbour board. “Not the town.”' >> "$TMP/in"
	doc e 'Ferries were late again.\n\n“Enough!” Nils Dahl said. “We have waited all winter.”' >> "$TMP/in"
	run -0 jq -r '[.doc, .speaker, .quote] | @tsv' < <(copydesk-quote "$TMP/in")
	[ "$output" = "$(printf '%s\t%s\t%s\n' \
		a 'John Holm' 'The ferry is late again," … "Nobody fixes them.' \
		b 'Anna Berg' 'We wait every morning," … "Every single morning.' \
		c 'John Holm' 'The ferry is late again,' \
		c 'John Holm' 'Nobody fixes the boats.' \
		d 'Maja Lund' 'Who will pay for the fuel?” … “Not the town.' \
		e 'Nils Dahl' 'Enough!” … “We have waited all winter.')" ]
}

@test "quote: a tail word ends an organisation's name but starts none (quote-words.txt)" {
	doc a 'The ferry report came out.\n\n\"The figures are wrong,\" said Anna Berg of Harbour Rights Watch.\n\n\"The figures are right,\" according to Ferry Watch.\n\nWatch: \"We will win this,\" John Holm said.' > "$TMP/in"
	run -0 jq -r '[.speaker, .mention] | @tsv' < <(copydesk-quote "$TMP/in")
	[ "$output" = "$(printf '%s\t%s\n' 'Anna Berg' 'Anna Berg of Harbour Rights Watch' \
		'Ferry Watch' 'Ferry Watch' 'John Holm' 'John Holm')" ]
}

@test "quote: an indefinite noun phrase, a group or the object of a preposition names no speaker" {
	# a-c: "a/one/another ..." is someone unnamed, even with a name or a
	# role noun in it (the aide Nils Dahl is not "one harbour aide"); the
	# mention stays.  d: "A harbour aide, Nils Dahl," names him.  e: the
	# name after "speaking to" is who heard it, the source's phrase the
	# mention
	doc a 'Nils Dahl, a harbour aide, spoke first.\n\n\"The boats are old,\" said one harbour aide.' > "$TMP/in"
	doc b '\"The boats are old,\" said a Berg supporter who knows Anna Berg well.' >> "$TMP/in"
	doc c '\"The boats are old,\" said another Ostby Democrat.' >> "$TMP/in"
	doc d '\"The boats are old,\" said a harbour aide, Nils Dahl.' >> "$TMP/in"
	doc e 'A source speaking to Harbour News said: \"The boats are old.\"' >> "$TMP/in"
	# f: a plural noun of quote-words.txt names a group, even in a name
	doc f '\"The boats are old,\" Ostby Democrats said.' >> "$TMP/in"
	run -0 jq -r '[.doc, .speaker // "null", .mention // "null"] | @tsv' < <(copydesk-quote "$TMP/in")
	[ "$output" = "$(printf '%s\t%s\t%s\n' a null 'one harbour aide' \
		b null 'a Berg supporter who knows Anna Berg well' \
		c null 'another Ostby Democrat' d 'Nils Dahl' 'a harbour aide' \
		e null 'A source speaking to Harbour News' f null 'Ostby Democrats')" ]
}

@test "quote: a passive cue names who heard it, not who spoke; a piece with its own cue is its own" {
	# a: "was asked" - the asker is not the subject; b: "by" names the
	# asker; c: the second piece has its own attribution, another
	# speaker's, so the two are not one interrupted quotation
	doc a 'John Holm was asked at the pier, \"Will the ferries run on time?\"' > "$TMP/in"
	doc b 'John Holm was asked by Anna Berg, \"Will the ferries run on time?\"' >> "$TMP/in"
	doc c '\"The boats are old,\" said Anna Berg. \"We will buy new ones,\" added John Holm.' >> "$TMP/in"
	quotes_of "$TMP/in"
	[ "$output" = "$(printf '%s\t%s\t%s\n' a null 'Will the ferries run on time?' \
		b 'Anna Berg' 'Will the ferries run on time?' \
		c 'Anna Berg' 'The boats are old,' c 'John Holm' 'We will buy new ones,')" ]
}

@test "quote: a cue verb opening the sentence names the speaker after it" {
	doc a 'The ferry came back.\n\nSaid Anna Berg, who grew up in Ostby, \"We were all so proud of the crew.\"\n\nContinued Holm: \"So I think it is a real problem.\"' > "$TMP/in"
	run -0 jq -r '[.speaker // "null", .mention // "null", .cue // "null"] | @tsv' < <(copydesk-quote "$TMP/in")
	[ "$output" = "$(printf '%s\t%s\t%s\n' 'Anna Berg' 'Anna Berg, who grew up in Ostby,' Said \
		Holm Holm Continued)" ]
}

@test "quote: a clause of circumstance after a quotation does not say who said it" {
	# "when Anna Berg asked him" tells when John Holm said it (footage
	# of him saying); "before the vote, she said" is a phrase and its
	# cue names the speaker
	doc a 'The ad shows footage of John Holm saying at the pier last week, \"That makes me careful,\" when Anna Berg asked him about the boats.' > "$TMP/in"
	doc b 'Anna Berg spoke first.\n\n\"People were calm\" before the vote, she said.' >> "$TMP/in"
	speakers_of "$TMP/in"
	[ "$output" = "$(printf '%s\t%s\n' a 'John Holm' b 'Anna Berg')" ]
}

@test "quote: a single-quoted passage inside a two-apostrophe quotation is not a quotation of its own" {
	doc a "Anna Berg spoke.\n\n''Sometimes they tell me, 'Go back to the pier, the boats are yours,''' said Anna Berg.\n\nJohn Holm called the ferry 'a floating ruin' on Monday." > "$TMP/in"
	run -0 jq -r '.quote' < <(copydesk-quote --all "$TMP/in")
	[ "$output" = 'a floating ruin' ]
	# read as quotation marks (--old-quotes), the outer one is the
	# quotation, the inner one a part of it
	run -0 jq -r '.quote[0:24]' < <(copydesk-quote --old-quotes --all "$TMP/in")
	[ "$output" = "$(printf '%s\n' 'Sometimes they tell me, ' 'a floating ruin')" ]
}

@test "quote: an article's title before its author, or a title opening with a number, is no quotation" {
	doc a 'Ferry news.\n\nREAD MORE: \"Ostby harbour board votes to sell its two oldest ferries,\" by Harbour Review'"'"'s Anna Berg.\n\nThe film \"12 Ferries: A Winter on the Pelham,\" is based on a diary.\n\nJohn Holm said the boats were \"a floating ruin\" by any measure.' > "$TMP/in"
	run -0 jq -r '.quote' < <(copydesk-quote "$TMP/in")
	[ "$output" = 'a floating ruin' ]
}

@test "quote: a capitalised pronoun after a quotation ending its sentence opens the next sentence" {
	# a: the question and its answer are two quotations, the answer
	# John Holm's; b: "She replied that ..." does not say who wrote it
	doc a 'John Holm was asked, \"Will the ferries run this week?\" He answered, \"Not this week, and not the next.\"' > "$TMP/in"
	doc b 'John Holm wrote to Anna Berg in May, telling her, \"You did well with the boats!\" She replied that they were still late.' >> "$TMP/in"
	quotes_of "$TMP/in"
	[ "$output" = "$(printf '%s\t%s\t%s\n' a null 'Will the ferries run this week?' \
		a 'John Holm' 'Not this week, and not the next.' \
		b 'John Holm' 'You did well with the boats!')" ]
}

@test "quote: a role with 'of' and a lower-case word before the name after the cue" {
	doc a '\"We will not wait,\" said former secretary of state Anna Berg.' > "$TMP/in"
	doc b '\"We will not wait,\" said chief of staff John Holm on Monday.' >> "$TMP/in"
	run -0 jq -r '[.speaker, .mention] | @tsv' < <(copydesk-quote "$TMP/in")
	[ "$output" = "$(printf '%s\t%s\n' 'Anna Berg' 'former secretary of state Anna Berg' \
		'John Holm' 'chief of staff John Holm')" ]
}

@test "quote: 'reacted' and 'sang' are cue verbs (cue-verbs.txt)" {
	doc a '\"The boats are late again,\" reacted Anna Berg.' > "$TMP/in"
	doc b 'As the Ostby Singers sang in 1990, \"The harbour lights are going out.\"' >> "$TMP/in"
	run -0 jq -r '[.speaker, .cue] | @tsv' < <(copydesk-quote "$TMP/in")
	[ "$output" = "$(printf '%s\t%s\n' 'Anna Berg' reacted 'Ostby Singers' sang)" ]
}

@test "quote: a role noun followed by a name after a comma makes the name the subject" {
	doc a 'Captain Olaf Brandt said the ferry would run. One member of the harbour board, Deputy Mayor Mira Holm, voted against sailing. In a letter to the owners, she said she \"would rather keep the boat in port.\"' > "$TMP/in"
	run -0 jq -r .speaker < <(copydesk-quote "$TMP/in")
	[ -n "$output" ]
	[ "$output" = "Mira Holm" ]
}

@test "quote: after a full stop, a sentence opening with more than the attribution is the reporter's" {
	# a: "Later, she said, ..." reports a fragment: the piece before it
	# goes on from the attribution of the first, one interrupted
	# quotation; b: "... ." Lars Lund said. is still the attribution
	doc a '\"The harbour is quiet again,\" said Anna Berg, who runs the ferry office by the pier. \"Nobody came in today.\" Later, she said, the boats \"may run again by Friday.\"' > "$TMP/in"
	doc b 'Ferries stopped on Monday. \"We will not sail in this wind.\" Lars Lund said.' >> "$TMP/in"
	quotes_of "$TMP/in"
	[ "$output" = "$(printf '%s\t%s\t%s\n' a 'Anna Berg' 'The harbour is quiet again," … "Nobody came in today.' \
		a 'Anna Berg' 'may run again by Friday.' \
		b 'Lars Lund' 'We will not sail in this wind.')" ]
}

@test "quote: a quotation paragraph after one that ends with its attribution goes on with it" {
	# a: one statement over two paragraphs, the attribution between
	# (d: after a question); b: the second with a cue of its own; c: the
	# first paragraph goes on after the attribution: two quotations each
	doc a 'The pumps stopped on Monday.\n\n\"The pumps failed twice this week,\" said Ida Brandt, who runs the water board.\n\n\"We will replace them before the winter.\"' > "$TMP/in"
	doc b '\"The pumps failed twice this week,\" said Ida Brandt.\n\n\"We will replace them before the winter,\" Brandt added.' >> "$TMP/in"
	doc c '\"The pumps failed twice this week,\" Ida Brandt said. The board met on Friday.\n\n\"We will replace them before the winter.\"' >> "$TMP/in"
	doc d '\"Will the pumps hold?\" Ida Brandt asked the board.\n\n\"Not through another winter.\"' >> "$TMP/in"
	quotes_of "$TMP/in"
	[ "$output" = "$(printf '%s\t%s\t%s\n' a 'Ida Brandt' 'The pumps failed twice this week," … "We will replace them before the winter.' \
		b 'Ida Brandt' 'The pumps failed twice this week,' \
		b 'Ida Brandt' 'We will replace them before the winter,' \
		c 'Ida Brandt' 'The pumps failed twice this week,' \
		c 'Ida Brandt' 'We will replace them before the winter.' \
		d 'Ida Brandt' 'Will the pumps hold?" … "Not through another winter.')" ]
}

@test "quote: a cue that reports more after a quotation ending in a full stop is not its attribution" {
	# "Ruiz added that ..." is the reporter's next sentence: the piece
	# before it goes on from the attribution of the first
	doc a 'Rates rose.\n\n\"The bank will wait,\" said Ana Ruiz, who heads the fund. \"Nobody wants a rise now.\" Ruiz added that the board meets in June.' > "$TMP/in"
	run -0 jq -r '[.speaker // "null", .quote] | @tsv' < <(copydesk-quote "$TMP/in")
	[ "$output" = "$(printf '%s\t%s' 'Ana Ruiz' 'The bank will wait," … "Nobody wants a rise now.')" ]
}

@test "quote: a quotation ending in a nested closing mark ends its sentence as one ending in a full stop" {
	# a and b read alike: "Vik added that ..." reports more, it is not
	# the attribution of a quotation whose last words end with ".'"
	doc a 'The ferry was late. “We told the board, ‘no more delays.’” Vik added that the board met in June.' > "$TMP/in"
	doc b 'The ferry was late. “We told the board there would be no more delays.” Vik added that the board met in June.' >> "$TMP/in"
	speakers_of "$TMP/in"
	[ "$output" = "$(printf '%s\t%s\n' a null b null)" ]
}

@test "quote: plain present forms of cue verbs (say, write, conclude) attribute a quotation" {
	# a plural subject's verb: the cue joins the two pieces around it
	doc a 'Ships waited.\n\n\"The harbour stays closed,\" the two pilots conclude. \"Nobody sails today.\"' > "$TMP/in"
	doc b 'Ships waited. \"The harbour stays closed,\" the pilots write in their letter.' >> "$TMP/in"
	doc c 'Ships waited. \"The harbour stays closed,\" Anna Berg will say on Monday.' >> "$TMP/in"
	run -0 jq -r '[.doc, .cue, .speaker // "null", .quote] | @tsv' < <(copydesk-quote "$TMP/in")
	[ "$output" = "$(printf '%s\t%s\t%s\t%s\n' a conclude null 'The harbour stays closed," … "Nobody sails today.' \
		b write null 'The harbour stays closed,' c say 'Anna Berg' 'The harbour stays closed,')" ]
}

@test "quote: a title of a work in the attribution between two pieces is set aside, the pieces are one quotation" {
	# a: a show's name ends the attribution; b: it stands inside it;
	# c: a quoted phrase that is no title is set aside too, and is also
	# a quotation of its own
	doc a 'Rates rose.\n\n\"The bank will wait,\" Ana Ruiz said on Radio Nord'"'"'s \"Morning Hour.\" \"Nobody wants a rise now.\"' > "$TMP/in"
	doc b 'Rates rose.\n\n\"The bank will wait,\" Ana Ruiz told \"Harbour News\" on Monday. \"Nobody wants a rise now.\"' >> "$TMP/in"
	doc c 'Rates rose.\n\n\"The bank will wait,\" Ana Ruiz said, as it was \"slow going\" this year. \"Nobody wants a rise now.\"' >> "$TMP/in"
	quotes_are "$TMP/in" a 'Ana Ruiz' 'The bank will wait," … "Nobody wants a rise now.' \
		b 'Ana Ruiz' 'The bank will wait," … "Nobody wants a rise now.' \
		c 'Ana Ruiz' 'The bank will wait," … "Nobody wants a rise now.' c 'Ana Ruiz' 'slow going'
}

@test "quote: a title of a work may keep a longer preposition in lower case" {
	# a: a show's title with "with" stands in the attribution between
	# two pieces; b: titles with "with" and "from" that nobody says
	doc a 'Rates rose.\n\n\"The bank will wait,\" Ana Ruiz said on Radio Nord'"'"'s \"Evenings with Lars Vik.\" \"Nobody wants a rise now.\"' > "$TMP/in"
	doc b 'Maja Lund was a guest on \"Evenings with Lars Vik\" and \"Letters from the Harbour\" this winter.' >> "$TMP/in"
	quotes_are "$TMP/in" a 'Ana Ruiz' 'The bank will wait," … "Nobody wants a rise now.'
}

@test "quote: a fragment worked into the attribution between two pieces joins them and stands on its own" {
	# a: "after hinting that “...”"; b: the first piece is itself worked
	# into the sentence, so the pieces stay apart; c: more than six
	# words is no fragment set aside
	doc a 'Ferries stopped.\n\n\"Nothing is settled yet,\" Lars Lund told the board after hinting that \"new owners\" could come. \"We talk again in May.\"' > "$TMP/in"
	doc b 'Ferries stopped.\n\nLars Lund called the pier \"too old,\" and said the boats were \"too big\" for it. \"We talk again in May.\"' >> "$TMP/in"
	doc c 'Ferries stopped.\n\n\"Nothing is settled yet,\" Lars Lund told the board after hinting that \"new owners from the south and the north\" could come. \"We talk again in May.\"' >> "$TMP/in"
	quotes_are "$TMP/in" a 'Lars Lund' 'Nothing is settled yet," … "We talk again in May.' a 'Lars Lund' 'new owners' \
		b 'Lars Lund' 'too old,' b 'Lars Lund' 'too big' b 'Lars Lund' 'We talk again in May.' \
		c 'Lars Lund' 'Nothing is settled yet,' c 'Lars Lund' 'new owners from the south and the north' c 'Lars Lund' 'We talk again in May.'
}

@test "quote: a first piece closed with no comma joins the second when its attribution follows right after it" {
	# a: "“A” Lund said."; b: "said Lund,"; c: the reporter's words
	# between the piece and the attribution keep the pieces apart
	doc a 'Ferries stopped.\n\n\"The pier is too old\" Lars Lund said. \"We need a new one.\"' > "$TMP/in"
	doc b 'Ferries stopped.\n\n\"The pier is too old\" said Lars Lund, the harbour master. \"We need a new one.\"' >> "$TMP/in"
	doc c 'Ferries stopped.\n\n\"The pier is too old\" for the boats, Lars Lund said. \"We need a new one.\"' >> "$TMP/in"
	quotes_are "$TMP/in" a 'Lars Lund' 'The pier is too old" … "We need a new one.' \
		b 'Lars Lund' 'The pier is too old" … "We need a new one.' \
		c 'Lars Lund' 'The pier is too old' c 'Lars Lund' 'We need a new one.'
}

@test "quote: a pull quote with a signature line repeating a quotation of the body is dropped" {
	# a: the pull quote repeats Lund's words; b: one that repeats
	# nothing stays (@tsv writes its line break as \n)
	doc a 'Ferries stopped.\n\n\"The pier is too old for the new boats,\" said Lars Lund, the harbour master.\n\nThe pier was built in 1920.\n\n\"The pier is too old for the new boats.\nLars Lund, harbour master.\"\n\nThe board meets in May.' > "$TMP/in"
	doc b 'Ferries stopped.\n\n\"The pier is too old for the new boats,\" said Lars Lund, the harbour master.\n\nThe pier was built in 1920.\n\n\"We will not wait for the winter.\nLars Lund, harbour master.\"\n\nThe board meets in May.' >> "$TMP/in"
	quotes_are "$TMP/in" a 'Lars Lund' 'The pier is too old for the new boats,' \
		b 'Lars Lund' 'The pier is too old for the new boats,' \
		b null 'We will not wait for the winter.\nLars Lund, harbour master.'
}

@test "quote: a verb of quote-words.txt ocue names the speaker only of a quotation that is its object" {
	# a: right after the verb; b: after its object and "for"; c: the
	# quotation is not its object, no speaker and the fragment dropped
	doc a 'Ferries stopped.\n\nAnn Vik welcomed \"a fair deal for the town\" on Monday.' > "$TMP/in"
	doc b 'Ferries stopped.\n\nAnn Vik thanked the crew for \"a safe crossing in the storm.\"' >> "$TMP/in"
	doc c 'Ferries stopped.\n\nAnn Vik welcomed the crew, and \"a fair deal\" was signed.' >> "$TMP/in"
	quotes_are "$TMP/in" a 'Ann Vik' 'a fair deal for the town' b 'Ann Vik' 'a safe crossing in the storm.'
}

@test "quote: a short fragment after a determiner or a name's possessive is a term, not a quotation" {
	# a: "an “outsider”", "Ostby's “silver standard”": terms; b: the
	# same words worked in without a determiner are quoted words of hers
	doc a 'Anna Berg said the new pilot is an \"outsider\" and called the harbour Ostby'"'"'s \"silver standard\" on Monday.' > "$TMP/in"
	doc b 'Anna Berg said the new pilot was \"an outsider\" and called the harbour \"the silver standard\" on Monday.' >> "$TMP/in"
	quotes_of "$TMP/in"
	[ "$output" = "$(printf '%s\t%s\t%s\n' b 'Anna Berg' 'an outsider' b 'Anna Berg' 'the silver standard')" ]
}

@test "quote: an abbreviation ending the attribution before a piece opening with a title still joins the pieces" {
	# "N.Y. Mayor" ends no sentence for the splitter (a title follows),
	# yet the attribution ends there and the second piece goes on
	# (b: before "The", a sentence starter, it always did)
	doc a 'Rates rose.\n\n\"The harbour plan is not a good record,\" Ana Ruiz said at a rally in Albany, N.Y. \"Mayor Lund and her staff sold the pier.\"' > "$TMP/in"
	doc b 'Rates rose.\n\n\"The harbour plan is not a good record,\" Ana Ruiz said at a rally in Albany, N.Y. \"The mayor and her staff sold the pier.\"' >> "$TMP/in"
	quotes_of "$TMP/in"
	[ "$output" = "$(printf '%s\t%s\t%s\n' a 'Ana Ruiz' 'The harbour plan is not a good record," … "Mayor Lund and her staff sold the pier.' \
		b 'Ana Ruiz' 'The harbour plan is not a good record," … "The mayor and her staff sold the pier.')" ]
}

@test "quote: a title after a word naming a work or a name's possessive is no quotation, even with a speaker near" {
	# a: "the book “...”", b: "Radio Nord's “...”" (quote-words.txt
	# work); c: the same words after "said," are what she said
	doc a 'Anna Berg said she wrote the book \"Winter Comes To Ostby Harbour,\" in one month.' > "$TMP/in"
	doc b 'Anna Berg said she heard Radio Nord'"'"'s \"Winter Comes To Ostby Harbour,\" on Monday.' >> "$TMP/in"
	doc c 'Anna Berg said, \"Winter Comes To Ostby Harbour.\"' >> "$TMP/in"
	quotes_of "$TMP/in"
	[ "$output" = "$(printf '%s\t%s\t%s' c 'Anna Berg' 'Winter Comes To Ostby Harbour.')" ]
}

@test "quote: a piece opening a later sentence of the paragraph goes on with the statement attributed before it" {
	# a: the reporter's sentence between; b: that sentence opens with
	# another person's name; c: the second piece has its own cue
	doc a 'Ferries stopped.\n\n\"The pier is too old for the new boats,\" Lars Lund said. The pier was built in 1920. \"We need a new one.\"' > "$TMP/in"
	doc b 'Ferries stopped.\n\n\"The pier is too old for the new boats,\" Lars Lund said. Ann Vik shook her head. \"We need a new one.\"' >> "$TMP/in"
	doc c 'Ferries stopped.\n\n\"The pier is too old for the new boats,\" Lars Lund said. The pier was built in 1920. \"We need a new one,\" Ann Vik added.' >> "$TMP/in"
	quotes_of "$TMP/in"
	[ "$output" = "$(printf '%s\t%s\t%s\n' a 'Lars Lund' 'The pier is too old for the new boats," … "We need a new one.' \
		b 'Lars Lund' 'The pier is too old for the new boats,' b 'Lars Lund' 'We need a new one.' \
		c 'Lars Lund' 'The pier is too old for the new boats,' c 'Ann Vik' 'We need a new one,')" ]
}

@test "quote: pieces with only an ellipsis between them are one quotation with words left out" {
	# a: ". . ." and "…" between; b: words between keep them apart
	doc a 'Anna Berg asked the board: \"Is the pier safe?\" . . . \"Will it hold in winter?\" … \"Who pays?\"' > "$TMP/in"
	doc b 'Anna Berg asked the board: \"Is the pier safe?\" Then she sat down. \"Will it hold in winter?\"' >> "$TMP/in"
	quotes_of "$TMP/in"
	[ "$output" = "$(printf '%s\t%s\t%s\n' a 'Anna Berg' 'Is the pier safe?" … "Will it hold in winter?" … "Who pays?' \
		b 'Anna Berg' 'Is the pier safe?' b 'Anna Berg' 'Will it hold in winter?')" ]
}

@test "quote: a lone full stop between two quotations is no ellipsis" {
	# British punctuation after a closing mark: two statements, two speakers
	doc a 'Lars Lund said the ferry plan was \"a mess\". \"I agree,\" said Ann Vik.' > "$TMP/in"
	quotes_of "$TMP/in"
	[ "$output" = "$(printf '%s\t%s\t%s\n' a 'Lars Lund' 'a mess' a 'Ann Vik' 'I agree,')" ]
}

@test "quote: a determiner right after a cue opens reported words, not a term" {
	doc a 'Lars Lund said the \"deal is dead.\"' > "$TMP/in"
	doc b 'Ann Vik told her \"no way.\"' >> "$TMP/in"
	doc c 'Ann Vik praised the \"big four\" banks.' >> "$TMP/in"
	quotes_of "$TMP/in"
	[ "$output" = "$(printf '%s\t%s\t%s\n' a 'Lars Lund' 'deal is dead.' b 'Ann Vik' 'no way.')" ]
}

@test "quote: words said after a comma are no title of a work" {
	doc a 'Asked about the new show, \"No Comment Today,\" Lars Lund said.' > "$TMP/in"
	doc b 'She saw a Web ad, \"Winter In Ostby,\" on Monday.' >> "$TMP/in"
	quotes_of "$TMP/in"
	[ "$output" = "$(printf '%s\t%s\t%s' a 'Lars Lund' 'No Comment Today,')" ]
}

@test "quote: a piece does not go on with a statement across another person's words or name" {
	# a: the sentence between has its own cue; b: it names another person
	doc a 'Ferries stopped.\n\n\"The pier is too old,\" Lars Lund said. The mayor said otherwise. \"We need a new one.\"' > "$TMP/in"
	doc b 'Ferries stopped.\n\n\"The pier is too old,\" Lars Lund said. Later that day Ann Vik stood up. \"We need a new one.\"' >> "$TMP/in"
	counts_are "$TMP/in" "a:2 b:2"
	[ "$(printf '%s\n' "$output" | grep -c '…')" -eq 0 ]
}

@test "quote: a quotation with its speaker or a short lead before a line break is no pull quote" {
	# a: the lead "No" is held in "Nobody"; b: the speaker is named
	doc a 'Ferries.\n\n\"Nobody wants a rise now,\" said Lars Lund.\n\n\"No.\nWe will keep every ferry running this winter,\" Ann Vik said.' > "$TMP/in"
	doc b 'Ferries.\n\n\"We will wait for the board,\" said Lars Lund.\n\n\"We will wait for the board.\nBut the town needs a new pier by May,\" Lund said.' >> "$TMP/in"
	counts_are "$TMP/in" "a:2 b:2"
}

@test "quote: a verb of quote-words.txt ocue gives no quotation to the object of another verb or of by" {
	doc a 'Officers who arrested Lars Lund found \"a loaded gun\" in his car.' > "$TMP/in"
	doc b 'A study cited by Ann Vik found \"no link at all.\"' >> "$TMP/in"
	run -0 --separate-stderr cdx copydesk-quote "$TMP/in"
	[ "$(jq -s '[.[] | select(.speaker == "Lars Lund" or .speaker == "Ann Vik")] | length' <<< "$output")" -eq 0 ]
}

# mentions_are FILE [DOC SPEAKER MENTION]...: copydesk-quote on FILE gives
# quotations with these speakers and mentions (null when none), in order.
mentions_are() {
	local f=$1
	shift
	run -0 jq -r '[.doc, .speaker // "null", .mention // "null"] | @tsv' \
		< <(copydesk-quote "$f")
	[ -n "$output" ]
	[ "$output" = "$(printf '%s\t%s\t%s\n' "$@")" ]
}

@test "quote: 'it' before a cue is the mention of a text that speaks, with no speaker" {
	# a: after the quotation; b: before it; c: "it" after the cue is no
	# speaker; d: "it" opening a reported clause is the subject's
	doc a 'The ferry board sent a letter to the town.\n\n\"The pier must close for the winter,\" it read.' > "$TMP/in"
	doc b 'The harbour office put out a notice on Monday. It added, \"Boats will sail from the north pier.\"' >> "$TMP/in"
	doc c 'Maja Lund read the notice aloud.\n\n\"We will sail on Friday,\" said it.' >> "$TMP/in"
	doc d 'Ostby Ferries Inc said it told a buyer that \"it would be against the interests of the company to sell.\"' >> "$TMP/in"
	doc e 'Ostby Ferries Inc said in a letter it told a buyer it was \"not for sale at any price.\"' >> "$TMP/in"
	# f: "It said" opening the next sentence is not the attribution
	doc f 'Ostby Ferries Inc cited \"a growing need for new boats.\" It said its boats were old.' >> "$TMP/in"
	mentions_are "$TMP/in" a null it b null It c null null \
		d 'Ostby Ferries Inc' 'Ostby Ferries Inc' \
		e 'Ostby Ferries Inc' 'Ostby Ferries Inc' \
		f 'Ostby Ferries Inc' 'Ostby Ferries Inc'
}

@test "quote: a dash and a name on the line after a quotation paragraph sign it" {
	# a: each quotation of the list is signed on its own line; b: a
	# dash line that goes on as a sentence signs nothing
	doc a 'What they said at the pier.\n\n\"The boats are always late.\"\n\n- Maja Lund.\n\n\"I would rather swim.\"\n\n—Nils Dahl, Ostby.' > "$TMP/in"
	doc b 'The pier meeting ran late.\n\n\"The boats are always late.\"\n\n- Maja Lund and Nils Dahl then left the room for a vote.' >> "$TMP/in"
	quotes_are "$TMP/in" a 'Maja Lund' 'The boats are always late.' \
		a 'Nils Dahl' 'I would rather swim.' \
		b null 'The boats are always late.'
}

@test "quote: a noun phrase after a cue keeps what qualifies it to the clause's end" {
	doc a 'The ferry plan stalled.\n\n\"It is dead,\" said a person close to the harbour board.' > "$TMP/in"
	doc b 'The ferry plan stalled.\n\n\"It is dead,\" said one official who was not allowed to speak about the talks.' >> "$TMP/in"
	doc c 'The ferry plan stalled.\n\n\"It is dead,\" said a source familiar with the talks and left.' >> "$TMP/in"
	mentions_are "$TMP/in" a null 'a person close to the harbour board' \
		b null 'one official who was not allowed to speak about the talks' \
		c null 'a source familiar with the talks'
}

@test "quote: the object of a preposition before the cue is not the speaker, the phrase it qualifies is" {
	# a, b: a person tied to the one named; c: "Lars Lund of the Harbour
	# Board for Ostby Ports" is Lund; d: "as X put it" is X's; e, f: a
	# name reached over a second preposition, or after a word, is no
	# speaker either; g: one opening the clause is
	doc a 'The ferry plan stalled.\n\n\"It is dead,\" a person close to Maja Lund said.' > "$TMP/in"
	doc b 'The ferry plan stalled.\n\n\"It is dead,\" a spokesman for the harbour master said.' >> "$TMP/in"
	doc c 'The ferry plan stalled.\n\n\"It is dead,\" Lars Lund of the Harbour Board for Ostby Ports wrote.' >> "$TMP/in"
	doc d 'The ferry plan stalled. It was, as The Ostby Times put it, \"dead in the water.\"' >> "$TMP/in"
	doc e 'Deals slowed.\n\n\"No plans yet,\" a banker at the branch of Ostby Bank Ltd in Oslo said.' >> "$TMP/in"
	doc f 'Deals slowed.\n\n\"No plans yet,\" Ann Lee, an analyst at Dahl and Berg in Oslo said.' >> "$TMP/in"
	doc g 'Deals slowed.\n\n\"No plans yet,\" Lars Lund in Oslo said.' >> "$TMP/in"
	doc h 'Bank analyst Lars Lund at Ostby Securities Ltd said one bank \"wants to wait for the spring.\"' >> "$TMP/in"
	mentions_are "$TMP/in" a null 'a person close to Maja Lund' \
		b null 'a spokesman for the harbour master' \
		c 'Lars Lund' 'Lars Lund of the Harbour Board for Ostby Ports' \
		d 'Ostby Times' 'Ostby Times' e null null f null null \
		g 'Lars Lund' 'Lars Lund in Oslo' \
		h 'Lars Lund' 'Lars Lund at Ostby Securities Ltd'
}

@test "quote: 'one' or 'another' standing alone by a cue is an unnamed speaker's mention" {
	# a: after the cue, each quotation its own; b: before it, and as
	# the subject opening the sentence; c: "one saying" after a noun
	# is no cue
	doc a 'Dock workers spoke.\n\n\"The boats are late,\" said one. \"We wait all day,\" said another.' > "$TMP/in"
	doc b 'Dock workers spoke.\n\n\"The boats are late,\" one said.\n\nAnother added, \"We wait all day.\"' >> "$TMP/in"
	doc c 'Maja Lund wrote notes, one saying the \"boats are always late\" and slow.' >> "$TMP/in"
	mentions_are "$TMP/in" a null one a null another b null one \
		b null Another c 'Maja Lund' 'Maja Lund'
}

@test "quote: a name before an apposition whose closing comma is missing is the speaker" {
	# a: "X, director of sales for Y said"; b: "who" opens it; c: an
	# apposition of a role alone is the parenthesis's subject, not the
	# name; d: a name in it that no preposition governs speaks; e: a
	# list is no apposition
	doc a 'Ferries stopped.\n\n\"The pier is too old,\" Lars Lund, director of sales for the Ostby Ferry Company said.' > "$TMP/in"
	doc b 'Ferries stopped.\n\nAnna Lund, who has in the past described the pier as \"too old for the new boats and far too small.\"' >> "$TMP/in"
	doc c 'Ferries stopped.\n\nThe mayor, a top aide said, \"is very confident about the new pier.\"' >> "$TMP/in"
	doc d 'Ferries stopped.\n\n\"The pier is too old,\" or so Lars Lund, harbour consultant Nils Dahl says.' >> "$TMP/in"
	doc e 'Ferries stopped.\n\n\"The pier is too old,\" Lars Lund, Nils Dahl and the mayor said.' >> "$TMP/in"
	mentions_are "$TMP/in" \
		a 'Lars Lund' 'Lars Lund, director of sales for the Ostby Ferry Company' \
		b 'Anna Lund' 'Anna Lund, who has in the past' \
		c null 'a top aide' d 'Nils Dahl' 'Nils Dahl' e null 'the mayor'
}

@test "quote: 'no one' or 'not one' before a cue is no mention" {
	# a, b: a denial that anyone spoke; c: "one" alone still is
	doc a 'The pier meeting ran late.\n\nNo one said \"the boats are too slow\" at the meeting.' > "$TMP/in"
	doc b 'The pier meeting ran late.\n\nNot one said \"the boats are too slow\" at the meeting.' >> "$TMP/in"
	doc c 'The pier meeting ran late.\n\nOne said \"the boats are too slow\" at the meeting.' >> "$TMP/in"
	mentions_are "$TMP/in" c null One
}

@test "quote: a job title reached over a preposition is no speaker" {
	# a: a title run before "of ... for ..." is none; b: a titled name
	# reached so still speaks
	doc a 'Grain prices rose.\n\n\"The deal is good for grain growers,\" Assistant Minister of Fisheries for Exports Lars Lund said.' > "$TMP/in"
	doc b 'Grain prices rose.\n\n\"The deal is good for grain growers,\" Sen. Lars Lund in Oslo said.' >> "$TMP/in"
	mentions_are "$TMP/in" a null null b 'Lars Lund' 'Sen. Lars Lund in Oslo'
}

@test "quote: a relative clause after a cue's noun phrase is kept whole or dropped, never cut at its relative word" {
	# a, b: a cue in the clause is its own verb; c: a clause running
	# into a quotation is dropped
	doc a 'The ferry plan stalled.\n\n\"It is dead,\" said a source in Bergen who asked not to be named.' > "$TMP/in"
	doc b 'The ferry plan stalled.\n\n\"It is dead,\" said an official who asked not to be quoted.' >> "$TMP/in"
	doc c 'The ferry plan stalled.\n\n\"It is dead,\" said one skipper who called the boats \"far too slow\" for the run.' >> "$TMP/in"
	run -0 jq -r 'select(.quote == "It is dead,") | .mention' < <(copydesk-quote "$TMP/in")
	[ "$output" = "$(printf '%s\n' 'a source in Bergen who asked not to be named' \
		'an official who asked not to be quoted' 'one skipper')" ]
}

@test "quote: a lone quotation paragraph over a dash byline is not signed by it" {
	# a: one closing quotation and a byline; b: two signed ones with
	# commentary between them are a list
	doc a 'The pier meeting ran late.\n\nThe mayor spoke about the boats.\n\n\"We will build a new pier next year.\"\n\n— Maja Lund, Ostby Post' > "$TMP/in"
	doc b 'Claims checked.\n\n\"The boats are always late.\"\n\n- Maja Lund.\n\nThey were late twice in May.\n\n\"The pier is too old.\"\n\n- Nils Dahl.' >> "$TMP/in"
	quotes_are "$TMP/in" a null 'We will build a new pier next year.' \
		b 'Maja Lund' 'The boats are always late.' \
		b 'Nils Dahl' 'The pier is too old.'
}

@test "quote: a long apposition, one of many commas, or a relative clause after a role stands between the speaker and the cue, a clause does not" {
	# a: an apposition of over fifteen words; b: age, town, state and a
	# relative clause; c: a role opening its clause before "who"; d: a
	# role that is a verb's object before "whose" is not the speaker
	doc a 'Ferries stopped.\n\n\"The pier is too old,\" Lars Lund, the harbour master of the town of Ostby and the chairman of the regional council of ferry operators in the north, said.' > "$TMP/in"
	doc b 'Ferries stopped.\n\n\"The pier is too old,\" Anna Berg, 41, of Ostby, Calif., who rides the ferry daily, said.' >> "$TMP/in"
	doc c 'Ferries stopped.\n\nA harbour official, who spoke on condition of anonymity because the talks are private, said: \"The pier will close in May.\"' >> "$TMP/in"
	doc d 'Ferries stopped.\n\nThe ferry company blamed the mayor, whose office is by the pier, said: \"The pier will close in May.\"' >> "$TMP/in"
	# e: a list's last item; f: a name before "X said" set off by
	# commas is what X said of; g: a clause joined by "and" is no
	# apposition; h: "and" and a role go on with one
	doc e 'Ferries stopped.\n\n\"The pier is too old,\" Anna Berg, director of ports, ferries, and harbours, said.' >> "$TMP/in"
	doc f 'Ferries stopped.\n\nThe Ostby Courier, Lars Lund said, called the plan \"a museum of rust.\"' >> "$TMP/in"
	doc g 'Ferries stopped.\n\n\"The pier is too old,\" Lars Lund, and then some boats came to the harbour of the town of Ostby from the north in May, says.' >> "$TMP/in"
	doc h 'Ferries stopped.\n\n\"The pier is too old,\" Lars Lund, the harbour master, and chairman of the Ostby Ferry Council, said.' >> "$TMP/in"
	mentions_are "$TMP/in" \
		a 'Lars Lund' 'Lars Lund, the harbour master of the town of Ostby and the chairman of the regional council of ferry operators in the north,' \
		b 'Anna Berg' 'Anna Berg, 41, of Ostby, Calif., who rides the ferry daily,' \
		c null 'A harbour official, who spoke on condition of anonymity because the talks are private,' \
		d null null \
		e 'Anna Berg' 'Anna Berg, director of ports, ferries, and harbours,' \
		f 'Lars Lund' 'Lars Lund' g null null \
		h 'Lars Lund' 'Lars Lund, the harbour master, and chairman of the Ostby Ferry Council,'
	# i: a town's state is no speaker; j: a full name there is
	doc i 'Ferries stopped.\n\n\"The pier is too old,\" Lars Lund, a fellow at the institute in Munich, Germany, said.' > "$TMP/in"
	doc j 'Ferries stopped.\n\nHis old partner at Ostby, Lars Lund, said: \"The pier is too old.\"' >> "$TMP/in"
	mentions_are "$TMP/in" \
		i 'Lars Lund' 'Lars Lund, a fellow at the institute in Munich, Germany,' \
		j 'Lars Lund' 'Lars Lund,'
}

@test "quote: a predicate or a clause with a subject of its own set off by commas is no aside between a name and the cue" {
	# a: "was arrested ..." ends the walk back from the cue; b: "many
	# of them ..." has a subject of its own; c: an age still is one
	doc a 'Ferries stopped.\n\nTom Hart, 34, was arrested on Friday, and neighbours, shocked, said, \"He was quiet.\"' > "$TMP/in"
	doc b 'Ferries stopped.\n\nAnn Lee, the mayor, was booed, and residents, many of them in tears, said: \"We want the pier back.\"' >> "$TMP/in"
	doc c 'Ferries stopped.\n\nTom Hart, 34, of Ostby, said: \"We want the pier back.\"' >> "$TMP/in"
	# d: "many of them ..." alone
	doc d 'Ferries stopped.\n\nTom Hart, 34, and his neighbours, many of them retired, said: \"We want the pier back.\"' >> "$TMP/in"
	# e: a short piece "and ..." with another piece after it before the
	# cue is the cue's subject, not a list's last item (that is case e
	# of the long apposition test, right before the cue)
	doc e 'Ferries stopped.\n\nTom Hart, 34, and neighbours, shocked, said: \"He was quiet.\"' >> "$TMP/in"
	mentions_are "$TMP/in" a null null b null null \
		c 'Tom Hart' 'Tom Hart, 34, of Ostby,' d null null e null null
}

@test "quote: a curly quotation nested in another of the same marks is part of it" {
	# a, c: “ ... “inner” ... ”; b: an outer quotation left unclosed
	# before a new one does not swallow the rest of the paragraph
	doc a 'Ferries stopped.\n\nLars Lund wrote: “The crews call the pier “a museum of rust” and they are right.”' > "$TMP/in"
	doc b 'Ferries stopped.\n\n“The pier is old. “We need a new one,” Lars Lund said.' >> "$TMP/in"
	doc c 'Ferries stopped.\n\n“The boats are late,” said Lars Lund, “and the “new” pier is old.”' >> "$TMP/in"
	quotes_are "$TMP/in" \
		a 'Lars Lund' 'The crews call the pier “a museum of rust” and they are right.' \
		b 'Lars Lund' 'The pier is old. “We need a new one,' \
		c 'Lars Lund' 'The boats are late,” … “and the “new” pier is old.'
	# d: guillemets the same
	doc d 'Ferries stopped.\n\nLars Lund wrote: «The crews call the pier «a museum of rust» and they are right.»' > "$TMP/in"
	quotes_are "$TMP/in" \
		d 'Lars Lund' 'The crews call the pier «a museum of rust» and they are right.'
	# e: two nested in one; f: an outer left unclosed before a quotation
	# holding a nested one
	doc e 'Ferries stopped.\n\n“They promised a “new” pier and a “real” harbour. We got nothing,” Ann Lee said.' > "$TMP/in"
	doc f 'Ferries stopped.\n\n“They promised a pier. “We got nothing,” Ann Lee said. “Not a “real” one,” she added.' >> "$TMP/in"
	quotes_are "$TMP/in" \
		e 'Ann Lee' 'They promised a “new” pier and a “real” harbour. We got nothing,' \
		f 'Ann Lee' 'They promised a pier. “We got nothing,' \
		f 'Ann Lee' 'Not a “real” one,'
}

@test "quote: a participle before a preposition, or a relative clause with no commas, qualifies the noun before the cue" {
	# a: "a source speaking to X said"; b, f: "an official who ...
	# said", the relative clause's own cue included; c: a name before
	# one; e: a pronoun in a clause of its own after the relative one
	# is who spoke
	doc a 'Ferries stopped.\n\nAnother harbour source speaking to the Ostby Post said, “The pier will close.”' > "$TMP/in"
	doc b 'Ferries stopped.\n\nA harbour official who spoke on condition of anonymity said Monday, “The pier will close.”' >> "$TMP/in"
	doc c 'Ferries stopped.\n\nLars Lund who runs the pier said, “The pier will close.”' >> "$TMP/in"
	doc e 'Ferries stopped.\n\nAnna Berg met the harbour master who spoke in 2009 when he said, “The pier will close.”' >> "$TMP/in"
	doc f 'Ferries stopped.\n\nA harbour official who asked not to be named said: “The pier will close.”' >> "$TMP/in"
	mentions_are "$TMP/in" \
		a null 'Another harbour source speaking to the Ostby Post' \
		b null 'A harbour official who spoke on condition of anonymity' \
		c 'Lars Lund' 'Lars Lund who runs the pier' \
		e null he \
		f null 'A harbour official who asked not to be named'
	# g: a name in a relative clause after a noun that is no mention
	# (the object of "for") is no speaker either
	doc g 'Ferries stopped.\n\nA lawyer for the man who sued Ann Lee said: “The pier is his.”' > "$TMP/in"
	mentions_are "$TMP/in" g null null
	# h: a capital noun opening its sentence before the participle
	doc h 'Ferries stopped.\n\nWitnesses speaking to the Ostby Courier said: “The pier fell in the night.”' > "$TMP/in"
	mentions_are "$TMP/in" h null 'Witnesses speaking to the Ostby Courier'
}

@test "quote: a clause of time or condition opening a sentence holds no subject of it" {
	# a: the subject after "When X died in 1998," introduces the
	# quotation; b: a pronoun after the clause still means the one
	# named in it, not another man named before (Tom Hart); c: a clause
	# whose sentence names nobody else is its subject's
	doc a 'Ferries stopped.\n\n“We will miss him,” Nils Dahl said.\n\nWhen Dahl died in 1998, Mayor Lars Lund released the following statement:\n\n“We owe him the north pier.”' > "$TMP/in"
	doc b 'Ferries stopped.\n\n“We will miss him,” Nils Dahl said.\n\nTom Hart built the old pier.\n\nAlthough Dahl had planned the new pier for years, he told the council: “We owe it to the crews.”' >> "$TMP/in"
	doc c 'Ferries stopped.\n\nWhen John Dahl took over from Peter Lund in 2010, the bank was losing money. “It was grim,” he said.' >> "$TMP/in"
	mentions_are "$TMP/in" a 'Nils Dahl' 'Nils Dahl' \
		a 'Lars Lund' 'Mayor Lars Lund' \
		b 'Nils Dahl' 'Nils Dahl' b 'Nils Dahl' he c 'John Dahl' he
}
