#!/usr/bin/env bats
# group.bats - copydesk-group: exact, near and containment groups, --drop,
# --summary, --explain, --fill, --online and the sharded map/reduce run
# (SPEC).

load helper

# seeds: the five seed articles as records {id, text} in $TMP/seeds.
seeds() {
	local f
	for f in "$SHARED"/seeds/*.txt; do
		jq -Rsc --arg id "$(basename "$f" .txt | cut -c1-3)" \
			'{id: $id, text: .}' "$f"
	done > "$TMP/seeds"
}

# quotes: quotation records of issue 6 in $TMP/quotes.
quotes() {
	cat > "$TMP/quotes" <<'Q'
{"id":"q1","quote":"No, I didn't make any progress.","speaker":"Donald Trump"}
{"id":"q2","quote":"No, I didn’t make any progress with him today at all","speaker":null}
{"id":"q3","quote":"I didn't make any progress with him at all","speaker":"Donald Trump"}
{"id":"q4","quote":"didn't make any progress","speaker":"Trump"}
{"id":"q5","quote":"We had a call. It was a pretty long call and we talked about a lot of things","speaker":"Donald Trump"}
{"id":"q6","quote":"I am very disappointed with the call I had today with President Putin","speaker":"Donald Trump"}
{"id":"q7","quote":"It was a pretty long call","speaker":null}
Q
}

@test "group: the seeds give one near group {000, 002} and nothing else" {
	need_shared seeds
	seeds
	run -0 --separate-stderr cdx copydesk-group "$TMP/seeds"
	[ -z "$stderr" ]
	[ "$(jq -r '[.id, .group.near, .group.dup] | @tsv' <<< "$output" | tr '\t\n' ' ;')" = \
	  "000 000 000;001 001 001;002 000 002;003 003 003;004 004 004;" ]
}

@test "group: --drop keeps four of the five seeds" {
	need_shared seeds
	seeds
	run -0 --separate-stderr cdx copydesk-group --drop "$TMP/seeds"
	[ "$(jq -r .id <<< "$output" | tr '\n' ' ')" = "000 001 003 004 " ]
}

@test "group: a fingerprinted copy groups as the raw text does" {
	need_shared seeds
	seeds
	cdx copydesk-fingerprint "$TMP/seeds" | cdx copydesk-group > "$TMP/a"
	cdx copydesk-group "$TMP/seeds" > "$TMP/b"
	[ "$(jq -c .group "$TMP/a" | grep -c near)" = 5 ]
	[ "$(jq -c .group "$TMP/a")" = "$(jq -c .group "$TMP/b")" ]
}

@test "group: exact copies share dup, differing only in case and punctuation" {
	printf '%s\n' '{"id":"a","text":"Rain fell on the city all day."}' \
		'{"id":"b","text":"Other news entirely, about a cat."}' \
		'{"id":"c","text":"RAIN fell on the city -- all day!"}' > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-group "$TMP/in"
	[ "$(jq -r '.group.dup' <<< "$output" | tr '\n' ' ')" = "a b a " ]
	[ "$(jq -r '.group.sim' <<< "$output" | tr '\n' ' ')" = "1 1 1 " ]
}

@test "group: a quotation family is one near group, another utterance is apart" {
	quotes
	run -0 --separate-stderr cdx copydesk-group --field quote "$TMP/quotes"
	[ "$(jq -r '.group.near' <<< "$output" | tr '\n' ' ')" = "q1 q1 q1 q1 q5 q6 q5 " ]
}

@test "group: a four-word fragment is found inside its quotation" {
	printf '%s\n' '{"id":"f","quote":"make any progress with"}' \
		'{"id":"x","quote":"We did not make any progress with them"}' \
		'{"id":"y","quote":"make any difference"}' > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-group --field quote "$TMP/in"
	[ "$(jq -r '.group.near' <<< "$output" | tr '\n' ' ')" = "f f y " ]
}

@test "group: story grouping leaves out the words of stop-words.txt" {
	printf '%s\n' '{"id":"a","text":"Quorlan Vestibar met at the Dunmere quay on Friday."}' \
		'{"id":"b","text":"On Friday Quorlan Vestibar sailed from the Dunmere quay."}' > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-group "$TMP/in"
	[ "$(jq -r '.group.story' <<< "$output" | xargs)" = "a a" ]
	mkdir "$TMP/data"
	cp "$ROOT/data/stop-words.txt" "$TMP/data/"
	printf '%s\n' quorlan vestibar dunmere quay friday >> "$TMP/data/stop-words.txt"
	run -0 --separate-stderr env COPYDESK_DATADIR="$TMP/data" "$CD_BIN/copydesk-group" "$TMP/in"
	[ "$(jq -r '.group.story' <<< "$output" | xargs)" = "a b" ]
	printf 'two words\n' >> "$TMP/data/stop-words.txt"
	run -1 --separate-stderr env COPYDESK_DATADIR="$TMP/data" "$CD_BIN/copydesk-group" "$TMP/in"
	[[ "$stderr" == *"stop-words.txt:$(wc -l < "$TMP/data/stop-words.txt"): malformed entry"* ]]
	rm "$TMP/data/stop-words.txt"
	run -1 --separate-stderr env COPYDESK_DATADIR="$TMP/data" "$CD_BIN/copydesk-group" "$TMP/in"
	[[ "$stderr" == *"stop-words.txt: No such file"* ]]
	run -0 --separate-stderr env COPYDESK_DATADIR="$TMP/data" "$CD_BIN/copydesk-group" --no-story "$TMP/in"
}

# short_pair: two unrelated two-word texts whose one word-pair hash (a
# 32-bit gram) is the same, and a copy of the first in other case.
short_pair() {
	printf '%s\n' '{"id":"a","text":"hapa 8928"}' \
		'{"id":"b","text":"nubulo 43351"}' '{"id":"c","text":"Hapa, 8928!"}' |
		cdx copydesk-fingerprint > "$TMP/fp"
	[ "$(jq -r .fp.grams "$TMP/fp" | sort -u | wc -l)" = 1 ]
}

@test "group: short texts whose one gram collides are not copies, in every mode" {
	short_pair
	want='a a a b b b a a a'
	run -0 --separate-stderr cdx copydesk-group "$TMP/fp"
	[ "$(jq -r '.group | .dup, .near, .story' <<< "$output" | xargs)" = "$want" ]
	run -0 --separate-stderr cdx copydesk-group --online "$TMP/fp"
	[ "$(jq -r '.group | .dup, .near, .story' <<< "$output" | xargs)" = "$want" ]
	cdx copydesk-group --map "$TMP/fp" | LC_ALL=C sort | cdx copydesk-group --reduce > "$TMP/edges"
	[ "$(cat "$TMP/edges")" = "$(printf '0000000000\t0000000002\t1000\t1')" ]
	run -0 --separate-stderr cdx copydesk-group --merge "$TMP/edges" "$TMP/fp"
	[ "$(jq -r '.group | .dup, .near, .story' <<< "$output" | xargs)" = "$want" ]
}

@test "group: --drop keeps both of two short texts whose gram collides" {
	short_pair
	run -0 --separate-stderr cdx copydesk-group --drop "$TMP/fp"
	[ "$(jq -r .id <<< "$output" | xargs)" = "a b" ]
}

@test "group: --fill takes the value the group agrees on" {
	quotes
	run -0 --separate-stderr cdx copydesk-group --field quote --fill speaker "$TMP/quotes"
	[ "$(jq -c 'select(.id == "q2") | [.speaker, .speaker_inferred]' <<< "$output")" = '["Donald Trump",true]' ]
	[ "$(jq -c 'select(.id == "q7") | [.speaker, .speaker_inferred]' <<< "$output")" = '["Donald Trump",true]' ]
	[ "$(jq -c 'select(.id == "q1") | has("speaker_inferred")' <<< "$output")" = false ]
}

@test "group: --fill leaves the field null when the group disagrees" {
	printf '%s\n' '{"id":"a","quote":"we will build the bridge next year","speaker":"Ann Lee"}' \
		'{"id":"b","quote":"we will build the bridge next year","speaker":"Tom Hart"}' \
		'{"id":"c","quote":"we will build the bridge next year","speaker":null}' > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-group --field quote --fill speaker "$TMP/in"
	[ "$(jq -c 'select(.id == "c") | [.speaker, has("speaker_inferred")]' <<< "$output")" = '[null,false]' ]
}

@test "group: --summary writes one record per near group with its members" {
	quotes
	run -0 --separate-stderr cdx copydesk-group --field quote --summary "$TMP/quotes"
	[ "$(jq -c '[.near, .size, .members]' <<< "$output" | tr '\n' ' ')" = \
	  '["q1",4,["q1","q2","q3","q4"]] ["q5",2,["q5","q7"]] ["q6",1,["q6"]] ' ]
}

@test "group: --explain names the matched record and the similarity" {
	quotes
	run -0 --separate-stderr cdx copydesk-group --field quote --explain "$TMP/quotes"
	[ "$(jq -c 'select(.id == "q7") | .group | [.match, .sim]' <<< "$output")" = '["q5",1]' ]
	[ "$(jq -c 'select(.id == "q1") | .group | [.match, .sim]' <<< "$output")" = '[null,1]' ]
}

# weir: one invented report written properly (w1) and in lower case (w2),
# a follow-up (w3) and an unrelated record (x1), in $TMP/weir.
weir() {
	cat > "$TMP/weir" <<'EOF'
{"id":"w1","text":"The Harwick River Authority closed the Kelmarsh weir on Tuesday after the water rose 3.2 metres in two days. Officials of the River Authority said the Kelmarsh gates would stay shut until the level fell, and Mayor Odile Brannagh asked people in Lower Fenby to keep away from the banks."}
{"id":"w2","text":"the harwick river authority shut the kelmarsh weir on tuesday when the water had risen 3.2 metres in two days. the river authority said the kelmarsh gates stay closed until the level falls; mayor odile brannagh told lower fenby residents to keep away from the banks."}
{"id":"w3","text":"Farmers near Lower Fenby counted their losses as the Harwick River Authority kept the Kelmarsh weir closed. Mayor Odile Brannagh promised help for the flooded fields."}
{"id":"x1","text":"The orchestra announced a spring season of Brahms symphonies, with tickets on sale from Friday at the concert hall box office."}
EOF
}

# stories: the stories of a copydesk-group output as sorted member lists.
stories() {
	jq -sc 'group_by(.group.story) | map(map(.id) | sort) | sort' <<< "$1"
}

@test "group: the order of the records changes neither a pair's similarity nor the stories" {
	weir
	# A name salient in one record only counts the same either way.
	grep -E '"w[12]"' "$TMP/weir" > "$TMP/pair"
	run -0 cdx copydesk-group --explain "$TMP/pair"
	fwd=$(jq -r 'select(.id == "w2") | .group.story_sim' <<< "$output")
	tac "$TMP/pair" > "$TMP/rpair"
	run -0 cdx copydesk-group --explain "$TMP/rpair"
	rev=$(jq -r 'select(.id == "w1") | .group.story_sim' <<< "$output")
	[ -n "$fwd" ] && [ "$fwd" != null ] && [ "$fwd" = "$rev" ]
	run -0 cdx copydesk-group "$TMP/weir"
	want=$(stories "$output")
	[ "$want" = '[["w1","w2","w3"],["x1"]]' ]
	for seed in 1 2 3; do
		shuf --random-source=<(yes "$seed") "$TMP/weir" > "$TMP/shuf"
		run -0 cdx copydesk-group "$TMP/shuf"
		[ "$(stories "$output")" = "$want" ]
	done
}

@test "group: --explain names the earlier record a story member joined" {
	cat > "$TMP/ev" <<'EOF'
{"id":"e1","text":"Flooding on the Marlow river forced the closure of the Kettering bridge on Tuesday, and engineers from Harwick county inspected its pillars."}
{"id":"x1","text":"The orchestra announced a spring season of Brahms symphonies, with tickets on sale from Friday at the concert hall box office."}
{"id":"e2","text":"Engineers from Harwick county said the Kettering bridge would stay shut for a week after the Marlow river flooding damaged two pillars."}
EOF
	run -0 cdx copydesk-group --explain "$TMP/ev"
	[ "$(jq -r '[.id, .group.near, .group.story, .group.story_match] | @tsv' <<< "$output" | tr '\t\n' ' ;')" = \
	  "e1 e1 e1 ;x1 x1 x1 ;e2 e2 e1 e1;" ]
	jq -e 'select(.id == "e2") | .group.story_sim > 0.16 and .group.story_sim <= 1' <<< "$output"
	# Without --explain: the same stories, and no story_match (that links
	# are not even kept then is test_story's test_no_links).
	run -0 cdx copydesk-group "$TMP/ev"
	[ "$(jq -r '[.id, .group.story, .group.story_match] | @tsv' <<< "$output" | tr '\t\n' ' ;')" = \
	  "e1 e1 ;x1 x1 ;e2 e1 ;" ]
}

@test "group: ids with quotes, backslashes and control bytes name their groups as JSON" {
	local t='The harbour board voted on Tuesday to rebuild the old pier after storms broke the north wall, the mayor said in a statement.'
	jq -nc --arg t "$t" '{id: "a\"b", text: $t}, {id: "c\\d", text: $t},
		{id: "e\u0001f\u00e9", text: ($t + " More.")}, {id: "g", text: $t}' > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-group --explain "$TMP/in"
	[ "$(jq -c '.group | [.dup, .near, .story]' <<< "$output" | tr '\n' ' ')" = \
	  '["a\"b","a\"b","a\"b"] ["a\"b","a\"b","a\"b"] ["e\u0001fé","a\"b","a\"b"] ["a\"b","a\"b","a\"b"] ' ]
	grep -qF '"dup":"e\u0001fé"' <<< "$output"
	run -0 --separate-stderr cdx copydesk-group --online --explain "$TMP/in"
	[ "$(jq -c '.group | [.dup, .near, .story]' <<< "$output" | tr '\n' ' ')" = \
	  '["a\"b","a\"b","a\"b"] ["a\"b","a\"b","a\"b"] ["e\u0001fé","a\"b","a\"b"] ["a\"b","a\"b","a\"b"] ' ]
	grep -qF '"dup":"e\u0001fé"' <<< "$output"
	run -0 --separate-stderr cdx copydesk-group --summary "$TMP/in"
	[ "$(jq -c '.members' <<< "$output")" = '["a\"b","c\\d","e\u0001fé","g"]' ]
}

@test "group: a record without id is named by its record number" {
	printf '%s\n' '{"text":"the same words in both of these records here"}' \
		'{"text":"the same words in both of these records here"}' > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-group "$TMP/in"
	[ "$(jq -r '.group.near' <<< "$output" | tr '\n' ' ')" = "1 1 " ]
}

@test "group: fingerprints made with other parameters are refused" {
	printf '%s\n' '{"id":"a","text":"alpha beta gamma delta"}' > "$TMP/a"
	cdx copydesk-fingerprint "$TMP/a" > "$TMP/in"
	cdx copydesk-fingerprint --perm 64 "$TMP/a" >> "$TMP/in"
	run -1 --separate-stderr cdx copydesk-group "$TMP/in"
	[ "$(wc -l <<< "$output")" = 1 ]
	[[ "$stderr" == *":2: fingerprint made with perm 64 shingle 5 seed 0, not perm 128 shingle 5 seed 0"* ]]
}

@test "group: --online assigns the same near groups as the batch run" {
	need_shared seeds
	seeds
	cdx copydesk-group --online "$TMP/seeds" | jq -c '.group | [.dup, .near]' > "$TMP/a"
	cdx copydesk-group "$TMP/seeds" | jq -c '.group | [.dup, .near]' > "$TMP/b"
	[ "$(grep -c . "$TMP/a")" = 5 ]
	cmp "$TMP/a" "$TMP/b"
}

@test "group: --threshold 1 --containment 1 keeps only identical texts together" {
	need_shared seeds
	seeds
	run -0 --separate-stderr cdx copydesk-group --threshold 1 --containment 1 "$TMP/seeds"
	[ "$(jq -r .group.near <<< "$output" | sort -u | wc -l)" = 5 ]
}

# words FROM TO [PREFIX]: the words PREFIXi for i in FROM..TO, one line.
words() {
	awk -v a="$1" -v b="$2" -v p="${3:-w}" \
		'BEGIN { for (i = a; i <= b; i++) printf "%s%s%d", (i > a ? " " : ""), p, i; print "" }'
}

@test "group: a long shared passage joins a copy both wrapped and trimmed; a short one does not" {
	# a: 200 words; b: 120 of them with 100 words of its own around them
	# (containment about 0.6, some 116 shingles shared); c: 100 words;
	# d: 60 of them with 40 of its own (containment about 0.6 too, but
	# only some 56 shingles shared).
	jq -nc --arg a "$(words 1 200)" --arg b "$(words 1 50 x) $(words 41 160) $(words 51 100 x)" \
		--arg c "$(words 1 100 v)" --arg d "$(words 1 20 y) $(words 21 80 v) $(words 21 40 y)" \
		'{id: "a", text: $a}, {id: "b", text: $b}, {id: "c", text: $c}, {id: "d", text: $d}' > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-group --no-story --explain "$TMP/in"
	[ "$(jq -r '[.id, .group.near] | @tsv' <<< "$output" | tr '\t\n' ' ;')" = "a a;b a;c c;d d;" ]
	jq -se 'map(select(.id == "b"))[0].group.sim | . > 0.5 and . < 0.7' <<< "$output"
	run -0 cdx copydesk-group --no-story --passage 0 "$TMP/in"
	[ "$(jq -r .group.near <<< "$output" | tr '\n' ' ')" = "a b c d " ]
	run -0 cdx copydesk-group --no-story --passage 50 "$TMP/in"
	[ "$(jq -r .group.near <<< "$output" | tr '\n' ' ')" = "a a c c " ]
}

@test "group: records are spooled in TMPDIR; an unusable TMPDIR is an error" {
	printf '%s\n' '{"id":"a","text":"x"}' > "$TMP/in"
	TMPDIR=/nonexistent run -1 --separate-stderr cdx copydesk-group "$TMP/in"
	[[ "$stderr" == "copydesk-group: temporary file: No such file or directory" ]]
}

@test "group: records spooled past the 1 MB read buffer come back whole" {
	# about 2 MB of distinct records of uneven length: some cross the
	# end of the spool's read buffer (read, not viewed, groups.c)
	awk 'BEGIN { for (i = 1; i <= 2000; i++) {
		t = "story " i; for (k = 0; k < 40 + i % 97; k++) t = t " w" (i * 7 + k * 13) % 5000
		printf "{\"id\":\"r%d\",\"text\":\"%s\"}\n", i, t } }' > "$TMP/in"
	cdx copydesk-fingerprint "$TMP/in" > "$TMP/fp"
	[ "$(stat -c %s "$TMP/fp")" -gt 1200000 ]
	run -0 --separate-stderr cdx copydesk-group --no-story "$TMP/fp"
	[ "$(grep -c . <<< "$output")" = 2000 ]
	# each line is its input line with the group member added at the end
	sed 's/,"group":{[^}]*}}$/}/' <<< "$output" | cmp - "$TMP/fp"
}

# short_records N WORDS SPREAD: N distinct records of WORDS to WORDS +
# SPREAD - 1 words drawn from 20,000 made-up ones (as the bench's).
short_records() {
	awk -v n="$1" -v words="$2" -v spread="$3" 'BEGIN { srand(1)
		for (i = 0; i < 20000; i++) {
			w = ""
			for (j = 0; j < 3 + int(rand() * 6); j++)
				w = w sprintf("%c", 97 + int(rand() * 26))
			v[i] = w
		}
		for (r = 0; r < n; r++) {
			t = v[int(rand() * 20000)]
			for (j = words + int(rand() * spread); j > 1; j--)
				t = t " " v[int(rand() * 20000)]
			printf "{\"id\":\"r%d\",\"text\":\"%s\"}\n", r, t
		} }'
}

@test "group: without stories, memory peaks below 56 MB when the key table fills" {
	# 40,000 distinct short records (as the bench's million): the key
	# table fills at some 28,000; its 32 MiB, the signatures of its
	# records (some 8 MiB) and the spool's first bytes held (8 MiB) make
	# the peak, some 54 MB (58 with 12 MiB held).  The sort past the
	# table holds half as many keys.  Not under ASan (its RSS means
	# nothing here).
	command -v /usr/bin/time > /dev/null || skip "no /usr/bin/time"
	[[ $CD_BIN != *asan* ]] || skip "RSS under ASan"
	short_records 40000 8 8 | cdx copydesk-fingerprint --quiet > "$TMP/fp"
	/usr/bin/time -f %M -o "$TMP/rss" "$CD_BIN/copydesk-group" --quiet \
		--no-story "$TMP/fp" > "$TMP/out"
	[ "$(grep -c . "$TMP/out")" = 40000 ]
	echo "# peak $(tail -1 "$TMP/rss") KB" >&3
	[ "$(tail -1 "$TMP/rss")" -le $((56 * 1024)) ]
}

# tmp_write_fails FD: copydesk-group (with stories) with write(2) on
# descriptor FD failing (tests/shim/failio.c): FD 3 is the signature
# file, 4 the ids, 5 the spool, 6 the key table's dump to the sort.
# While the table lasts the signatures stay in memory: 20,000 distinct
# short records of 60 words, some 80 keys each, fill it, so that they
# are written too.
tmp_write_fails() {
	[[ $CD_BIN != *asan* ]] || skip "the LD_PRELOAD shim does not go with ASan"
	${CC:-cc} -shared -fPIC -o "$TMP/failio.so" "$ROOT/tests/shim/failio.c" -ldl ||
		skip "cannot build the shim"
	short_records 20000 60 1 > "$TMP/in"
	LD_PRELOAD="$TMP/failio.so" FAILIO_WRITE_FD=$1 FAILIO_WRITE_AFTER=0 \
		run -1 --separate-stderr "$CD_BIN/copydesk-group" < "$TMP/in" 3>&-
	[ "$stderr" = "copydesk-group: temporary file: Input/output error" ]
	[ -z "$output" ]
}

@test "group: a write error on the signature file is reported, status 1" {
	tmp_write_fails 3
}

@test "group: a write error on the spool is reported, status 1" {
	tmp_write_fails 5
}

@test "group: a write error on the key table's dump to the sort is reported, status 1" {
	tmp_write_fails 6
}

@test "group: the sharded run under GNU parallel equals one process" {
	need_shared seeds
	command -v parallel > /dev/null || skip "GNU parallel is not installed"
	seeds
	quotes
	jq -c '{id, text: .quote}' "$TMP/quotes" >> "$TMP/seeds"
	cdx copydesk-fingerprint "$TMP/seeds" > "$TMP/fp"
	cdx copydesk-group --explain "$TMP/fp" > "$TMP/one"
	[ "$(grep -c '"group":' "$TMP/one")" = "$(grep -c . "$TMP/fp")" ]
	parallel --pipe -N 3 -k "copydesk-group --map --offset \$(( ({#} - 1) * 3 ))" < "$TMP/fp" |
		LC_ALL=C sort | cdx copydesk-group --reduce > "$TMP/edges"
	[ -s "$TMP/edges" ]
	cdx copydesk-group --explain --merge "$TMP/edges" "$TMP/fp" > "$TMP/sharded"
	cmp "$TMP/one" "$TMP/sharded"
}

@test "group: --map writes each signature once, then one short line per key" {
	printf '%s\n' '{"id":"a","text":"one two three four five six seven eight nine ten"}' |
		cdx copydesk-fingerprint > "$TMP/fp"
	run -0 --separate-stderr cdx copydesk-group --map "$TMP/fp"
	[ "$(grep -c '^!' <<< "$output")" = 1 ]
	[ "$(head -n 1 <<< "$output" | cut -f 1,2)" = "$(printf '!\t0000000000')" ]
	[ "$(grep -vc '^!' <<< "$output")" -gt 1 ]
	! grep -v '^!' <<< "$output" | grep -qv $'^[0-9a-f]\{16\}\t0000000000\t[xb]$'
}

@test "group: --reduce refuses a key line without its record's signature line" {
	printf '00000000000000ab\t0000000001\tb\n' > "$TMP/in"
	run -1 --separate-stderr cdx copydesk-group --reduce "$TMP/in"
	[[ "$stderr" == *"in:1: key line before its record's signature line, or map lines not sorted" ]]
}

@test "group: --reduce reports a line that is not a map line" {
	printf 'nonsense\n' > "$TMP/in"
	run -1 --separate-stderr cdx copydesk-group --reduce "$TMP/in"
	[[ "$stderr" == *"in:1: not a map line" ]]
}

@test "group: --drop with --summary is a usage error, in either order" {
	run -2 --separate-stderr cdx copydesk-group --drop --summary < /dev/null
	[[ "$stderr" == *"--drop and --summary exclude each other"* ]]
	[ -z "$output" ]
	run -2 --separate-stderr cdx copydesk-group --summary --drop < /dev/null
	[[ "$stderr" == *"--drop and --summary exclude each other"* ]]
}

@test "group: --online --window N starts the index again after N records" {
	local t='one two three four five six seven eight nine ten eleven twelve'
	local u='alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu'
	printf '{"text":"%s"}\n' "$t" "$t" "$u" "$t" > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-group --online "$TMP/in"
	[ "$(jq -r .group.near <<< "$output" | xargs)" = "1 1 3 1" ]
	run -0 --separate-stderr cdx copydesk-group --online --window 2 "$TMP/in"
	[ "$(jq -r .group.near <<< "$output" | xargs)" = "1 1 3 4" ]
	run -2 --separate-stderr cdx copydesk-group --window 2 "$TMP/in"
	[[ "$stderr" == *"--window needs --online"* ]]
}

# bridge: one statement of Ana Ruiz reworded by a second outlet (b: the
# containment of the pair is about 0.6, under the 0.7 of near), the same
# wording given to another speaker (c) and to none (e), and another
# statement of hers on the same subject (d, similarity 0.2), in $TMP/in.
bridge() {
	cat > "$TMP/in" <<'Q'
{"id":"a","quote":"The new bridge will open in May and the tolls will stay at two crowns for every car that crosses it,","speaker":"Ana Ruiz"}
{"id":"b","quote":"When the new bridge opens in May, the tolls will stay at two crowns for every car that crosses it","speaker":"ANA RUIZ."}
{"id":"c","quote":"The new bridge will open in June and the tolls will stay at two crowns for any lorry that crosses","speaker":"Tom Hart"}
{"id":"d","quote":"The old bridge will close in May for repairs, and the tolls will stay where they are","speaker":"Ana Ruiz"}
{"id":"e","quote":"The new bridge opens in May and tolls will stay at two crowns for every van that uses it","speaker":null}
Q
}

@test "group: --agree joins a reworded variant only when the speakers are the same" {
	bridge
	run -0 --separate-stderr cdx copydesk-group --field quote "$TMP/in"
	[ "$(jq -r .group.near <<< "$output" | tr '\n' ' ')" = "a b c d e " ]
	run -0 --separate-stderr cdx copydesk-group --field quote --agree speaker "$TMP/in"
	[ "$(jq -r .group.near <<< "$output" | tr '\n' ' ')" = "a a c d e " ]
}

@test "group: --agree keeps another statement of the same speaker apart, even at lower thresholds" {
	bridge
	run -0 --separate-stderr cdx copydesk-group --field quote --agree speaker \
		--agree-containment 0.3 --agree-threshold 0.3 "$TMP/in"
	[ "$(jq -r .group.near <<< "$output" | tr '\n' ' ')" = "a a c d e " ]
	run -0 --separate-stderr cdx copydesk-group --field quote --agree speaker \
		--agree-containment 0.7 --agree-threshold 0.8 "$TMP/in"
	[ "$(jq -r .group.near <<< "$output" | tr '\n' ' ')" = "a b c d e " ]
}

@test "group: --agree does not join two statements that share only a stock phrase" {
	# the short one has 2 of its 3 trigrams in the other (0.67): under
	# --containment, over --agree-containment, but under 4 shared
	printf '%s\n' '{"id":"p","quote":"I think it’s a bribe.","speaker":"Ana Ruiz"}' \
		'{"id":"q","quote":"I think it’s a tough thing for the city and its budget","speaker":"Ana Ruiz"}' > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-group --field quote --agree speaker "$TMP/in"
	[ "$(jq -r .group.near <<< "$output" | tr '\n' ' ')" = "p q " ]
	run -0 --separate-stderr cdx copydesk-group --field quote --containment 0.6 "$TMP/in"
	[ "$(jq -r .group.near <<< "$output" | tr '\n' ' ')" = "p p " ]
}

@test "group: --agree joins a quotation whose first piece is in a longer one; not another statement" {
	# r's first piece (9 trigrams) is all in w; its second (8) is new.
	# Trigrams across the seam " … " would make 9 of 19 (0.47), under
	# --agree-containment 0.5; without them 9 of 17 (0.53).  s shares as
	# much of w (a stock opening and a phrase) in another statement; t
	# has r's first piece but another speaker.
	cat > "$TMP/in" <<'Q'
{"id":"w","quote":"The river rose faster than any of our models had predicted. We moved every family out of the low streets before midnight","speaker":"Ida Brandt"}
{"id":"r","quote":"The river rose faster than any of our models had predicted,” … “and tomorrow we start to rebuild the old school hall","speaker":"Ida Brandt"}
{"id":"s","quote":"The river rose over the quay wall. We moved every family out of the houses by the mill","speaker":"Ida Brandt"}
{"id":"t","quote":"The river rose faster than any of our models had predicted,” … “and then the power failed in the whole east end","speaker":"Olav Berg"}
Q
	run -0 --separate-stderr cdx copydesk-group --field quote --agree speaker "$TMP/in"
	[ "$(jq -r .group.near <<< "$output" | tr '\n' ' ')" = "w w s t " ]
	cdx copydesk-fingerprint --field quote "$TMP/in" > "$TMP/fp"
	run -0 --separate-stderr cdx copydesk-group --field quote --agree speaker "$TMP/fp"
	[ "$(jq -r .group.near <<< "$output" | tr '\n' ' ')" = "w w s t " ]
}

@test "group: --agree gives the same groups online and in batch" {
	bridge
	run -0 --separate-stderr cdx copydesk-group --field quote --agree speaker --online "$TMP/in"
	[ "$(jq -r .group.near <<< "$output" | tr '\n' ' ')" = "a a c d e " ]
}

@test "group: --agree --online --window N compares the speakers of the window's records" {
	bridge
	{ printf '%s\n' '{"id":"x","quote":"Nothing at all to do with any bridge or toll, just some other words here","speaker":"Tom Hart"}' \
		'{"id":"y","quote":"Yet another statement entirely about the weather and the rain this week","speaker":"Bob Lee"}'
		head -n 2 "$TMP/in"; } > "$TMP/w"
	run -0 --separate-stderr cdx copydesk-group --field quote --agree speaker --online --window 2 "$TMP/w"
	[ "$(jq -r .group.near <<< "$output" | xargs)" = "x y a a" ]
}

@test "group: --agree with --map, --reduce or --merge is a usage error" {
	local m
	for m in --map --reduce "--merge /dev/null"; do
		run -2 --separate-stderr cdx copydesk-group --agree speaker $m < /dev/null
		[[ "$stderr" == *"--agree cannot be used with --map"* ]]
	done
}

@test "group: --online with --summary is a usage error" {
	run -2 --separate-stderr cdx copydesk-group --online --summary < /dev/null
	[[ "$stderr" == *"--online cannot be used"* ]]
}

@test "group: stories join records far apart, across the pair finder's rounds" {
	# 20,000 records; record r shares eight made-up words with record
	# r + 10,000 (its story) and has eight of its own, in another order:
	# never a near copy.  The pair finder scores 8,192 records a round.
	awk 'function w(n, t,   s) {
		s = t
		do { s = s sprintf("%c", 97 + n % 26); n = int(n / 26) } while (n)
		return s
	}
	BEGIN {
		for (r = 0; r < 20000; r++) {
			s = r % 10000
			t = ""
			for (k = 0; k < 8; k++)
				t = t " " w(s * 8 + k, "qz") " " w(r * 8 + k, "vx")
			printf "{\"id\":\"%d\",\"text\":\"%s.\"}\n", r, substr(t, 2)
		}
	}' > "$TMP/far"
	cdx copydesk-group "$TMP/far" > "$TMP/out"
	[ "$(wc -l < "$TMP/out")" -eq 20000 ]
	[ "$(jq -r .group.near "$TMP/out" | sort -u | wc -l)" -eq 20000 ]
	run -0 jq -rs '[.[] | {id: (.id | tonumber), story: .group.story}]
		| group_by(.story) | map(map(.id) | sort)
		| [length, (map(select(length != 2 or .[1] != .[0] + 10000))
			    | length)] | @tsv' "$TMP/out"
	[ "$output" = "$(printf '10000\t0')" ]
}

@test "group: known copies of corpus articles score pairwise F1 >= 0.98" {
	need_shared corpus
	"$ROOT/scripts/make-copies" -n 1000 "$SHARED/corpus/reuters21578.jsonl.gz" > "$TMP/copies"
	cdx copydesk-fingerprint "$TMP/copies" | cdx copydesk-group --no-story > "$TMP/out"
	run -0 "$ROOT/scripts/score-pairs" .copy_of .group.near "$TMP/out"
	echo "$output"
	f1=${output##*F1 }
	awk -v f="$f1" 'BEGIN { exit !(f >= 0.98) }'
}

@test "group: golden output for a small input" {
	golden group basic
}
