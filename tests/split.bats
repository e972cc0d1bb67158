#!/usr/bin/env bats
# split.bats - copydesk-split: files, directories, archives into document
# records; document records into paragraphs and sentences (SPEC).

load helper

# mkdoc NAME TEXT: write TEXT (printf format) to $TMP/NAME.
mkdoc() {
	mkdir -p "$(dirname "$TMP/$1")"
	printf "$2" > "$TMP/$1"
}

# check_offsets DOCS UNITS: every unit record's text is the byte range
# [start, end) of its document's text.
check_offsets() {
	local docs=$1 units=$2 id start end text
	while IFS=$'\t' read -r id start end; do
		jq -j --arg id "$id" 'select(.id == $id) | .text' "$docs" > "$TMP/doc.txt"
		jq -j --arg id "$id" --argjson s "$start" \
			'select(.doc == $id and .start == $s) | .text' "$units" > "$TMP/unit.txt"
		tail -c +$((start + 1)) "$TMP/doc.txt" | head -c $((end - start)) > "$TMP/cut.txt"
		cmp "$TMP/unit.txt" "$TMP/cut.txt" || { echo "bad offsets $id $start $end"; return 1; }
	done < <(jq -r '[.doc, .start, .end] | @tsv' "$units")
}

@test "split: a plain file is one record with the path as id" {
	mkdoc a.txt 'Hello world.\nSecond line.\n'
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split a.txt
	[ "$output" = '{"id":"a.txt","text":"Hello world.\nSecond line."}' ]
	[ -z "$stderr" ]
}

@test "split: CRLF line ends become LF, a lone CR stays" {
	mkdoc crlf.txt ' date 2025-01-02\r\nOne\r\ntwo\rthree\r\n\r\n'
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split crlf.txt
	[ "$output" = '{"id":"crlf.txt","date":"2025-01-02","text":"One\ntwo\rthree"}' ]
}

@test "split: an empty file is one record with empty text" {
	: > "$TMP/empty.txt"
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split empty.txt
	[ "$output" = '{"id":"empty.txt","text":""}' ]
}

@test "split: standard input is one document with id -" {
	run -0 --separate-stderr cdx copydesk-split <<<"From stdin."
	[ "$output" = '{"id":"-","text":"From stdin."}' ]
}

@test "split: - names standard input among files" {
	mkdoc a.txt 'A\n'
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split a.txt - <<<"B"
	[ "$(jq -r .id <<<"$output" | paste -sd,)" = "a.txt,-" ]
}

@test "split: directories are walked recursively in sorted order" {
	mkdoc d/b.txt 'b\n'
	mkdoc d/a/z.txt 'az\n'
	mkdoc d/a/y.txt 'ay\n'
	mkdoc d/C.txt 'C\n'
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split d
	[ "$(jq -r .id <<<"$output" | paste -sd,)" = "d/C.txt,d/a/y.txt,d/a/z.txt,d/b.txt" ]
	[ "$(jq -r .text <<<"$output" | paste -sd,)" = "C,ay,az,b" ]
}

@test "split: a trailing slash on a directory gives no double slash" {
	mkdoc d/a.txt 'a\n'
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split d/
	[ "$(jq -r .id <<<"$output")" = "d/a.txt" ]
}

@test "split: a .gz file gives the same text as zcat" {
	printf 'Gzip text.\nLine two\n' | gzip > "$TMP/g.txt.gz"
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split g.txt.gz
	[ "$(jq -r .id <<<"$output")" = "g.txt.gz" ]
	[ "$(jq -r .text <<<"$output")" = "$(zcat g.txt.gz)" ]
}

@test "split: a multi-member .gz is one document" {
	{ printf 'one\n' | gzip; printf 'two\n' | gzip; } > "$TMP/m.gz"
	run -0 --separate-stderr cdx copydesk-split "$TMP/m.gz"
	[ "${#lines[@]}" -eq 1 ]
	[ "$(jq -r .text <<<"$output")" = $'one\ntwo' ]
}

@test "split: a .tar gives one record per member named path:member" {
	mkdoc t/a.txt 'first\n'
	mkdoc t/b.txt 'second\n'
	(cd "$TMP" && tar cf x.tar t/a.txt t/b.txt)
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split x.tar
	[ "$(jq -r .id <<<"$output" | paste -sd,)" = "x.tar:t/a.txt,x.tar:t/b.txt" ]
	[ "$(jq -r .text <<<"$output" | paste -sd,)" = "first,second" ]
}

@test "split: a .tar.gz gives one record per member" {
	mkdoc t/a.txt 'first\n'
	mkdoc t/b.txt 'second\n'
	(cd "$TMP" && tar czf x.tar.gz t)
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split x.tar.gz
	[ "$(jq -r .id <<<"$output" | sort | paste -sd,)" = "x.tar.gz:t/a.txt,x.tar.gz:t/b.txt" ]
}

@test "split: a .zip gives one record per member" {
	command -v zip >/dev/null || skip "zip is not installed"
	mkdoc t/a.txt 'first\n'
	mkdoc t/b.txt 'second\n'
	(cd "$TMP" && zip -q x.zip t/a.txt t/b.txt)
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split x.zip
	[ "$(jq -r .id <<<"$output" | paste -sd,)" = "x.zip:t/a.txt,x.zip:t/b.txt" ]
	[ "$(jq -r .text <<<"$output" | paste -sd,)" = "first,second" ]
}

@test "split: an archive on standard input is read" {
	mkdoc t/a.txt 'first\n'
	(cd "$TMP" && tar czf x.tar.gz t)
	run -0 --separate-stderr cdx copydesk-split - < "$TMP/x.tar.gz"
	[ "$(jq -r .id <<<"$output")" = "-:t/a.txt" ]
}

@test "split: a date header with a leading space and text after it" {
	mkdoc a.txt ' date 2025-07-03 U.S. News\nBody.\n'
	run -0 --separate-stderr cdx copydesk-split "$TMP/a.txt"
	[ "$(jq -r .date <<<"$output")" = "2025-07-03" ]
	[ "$(jq -r .text <<<"$output")" = $'U.S. News\nBody.' ]
}

@test "split: a date header alone on its line leaves no empty line" {
	mkdoc a.txt 'date 2026-03-03\nBody.\n'
	run -0 --separate-stderr cdx copydesk-split "$TMP/a.txt"
	[ "$output" = "{\"id\":\"$TMP/a.txt\",\"date\":\"2026-03-03\",\"text\":\"Body.\"}" ]
}

@test "split: a malformed date header stays text and adds no date" {
	mkdoc a.txt 'date 2026-3-3 Body.\n'
	run -0 --separate-stderr cdx copydesk-split "$TMP/a.txt"
	[ "$(jq -c 'has("date")' <<<"$output")" = false ]
	[ "$(jq -r .text <<<"$output")" = "date 2026-3-3 Body." ]
}

@test "split: a date header that is no day of the calendar stays text" {
	mkdoc a.txt 'date 2025-13-45 Body.\n'
	mkdoc b.txt 'date 2025-02-29\nBody.\n'
	run -0 --separate-stderr cdx copydesk-split "$TMP/a.txt" "$TMP/b.txt"
	[ "$(jq -c 'has("date")' <<<"$output" | paste -sd,)" = false,false ]
	[ "$(jq -r .text <<<"$output" | head -1)" = "date 2025-13-45 Body." ]
	[ "$(jq -r .text <<<"$output" | sed -n 2p)" = "date 2025-02-29" ]
}

@test "split: a date later in the text is not a header" {
	mkdoc a.txt 'Title\ndate 2026-03-03\n'
	run -0 --separate-stderr cdx copydesk-split "$TMP/a.txt"
	[ "$(jq -c 'has("date")' <<<"$output")" = false ]
}

@test "split: --delimiter splits a file into path#N documents" {
	mkdoc m.txt 'one\n-----\ntwo\n\n-----\n\n-----\nthree\n-----\n'
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split --delimiter ----- m.txt
	[ "$(jq -r .id <<<"$output" | paste -sd,)" = "m.txt#1,m.txt#2,m.txt#3" ]
	[ "$(jq -r .text <<<"$output" | paste -sd,)" = "one,two,three" ]
}

@test "split: --delimiter '\\f' splits at form feeds" {
	mkdoc m.txt 'one\n\f\r\ntwo\n'
	run -0 --separate-stderr cdx copydesk-split --delimiter '\f' "$TMP/m.txt"
	[ "$(jq -r .text <<<"$output" | paste -sd,)" = "one,two" ]
}

@test "split: --delimiter works across a gzip and inside a tar member" {
	mkdoc t/a.txt 'one\n--\ntwo\n'
	(cd "$TMP" && tar czf x.tgz t)
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split --delimiter -- x.tgz
	[ "$(jq -r .id <<<"$output" | paste -sd,)" = "x.tgz:t/a.txt#1,x.tgz:t/a.txt#2" ]
}

@test "split: invalid UTF-8 is repaired and counted in a note" {
	mkdoc bad.txt 'caf\xe9 and \xff\xfe.\n'
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split bad.txt
	[ "$(jq -r .text <<<"$output")" = "$(printf 'caf\xef\xbf\xbd and \xef\xbf\xbd\xef\xbf\xbd.')" ]
	[ "$stderr" = "copydesk-split: bad.txt: 3 invalid UTF-8 sequences replaced with U+FFFD" ]
}

@test "split: --quiet silences the repair note" {
	mkdoc bad.txt 'caf\xe9\n'
	run -0 --separate-stderr cdx copydesk-split --quiet "$TMP/bad.txt"
	[ -z "$stderr" ]
}

@test "split: --encoding latin1 converts every byte" {
	mkdoc l.txt 'caf\xe9 \x80\n'
	run -0 --separate-stderr cdx copydesk-split --encoding latin1 "$TMP/l.txt"
	[ "$(jq -r .text <<<"$output")" = "$(printf 'caf\xc3\xa9 \xc2\x80')" ]
	[ -z "$stderr" ]
}

@test "split: --encoding cp1252 maps curly quotes and the euro sign" {
	mkdoc c.txt '\x93Quoted\x94 \x80 caf\xe9\n'
	run -0 --separate-stderr cdx copydesk-split --encoding cp1252 "$TMP/c.txt"
	[ "$(jq -r .text <<<"$output")" = "$(printf '\xe2\x80\x9cQuoted\xe2\x80\x9d \xe2\x82\xac caf\xc3\xa9')" ]
}

@test "split: an unknown --encoding is a usage error" {
	run -2 --separate-stderr cdx copydesk-split --encoding ebcdic /dev/null
	[[ "$stderr" == *"unknown encoding 'ebcdic'"* ]]
}

@test "split: a binary file met in a directory walk is skipped with a note" {
	mkdoc d/a.txt 'text\n'
	printf 'PNG\0\1\2' > "$TMP/d/b.png"
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split d
	[ "$(jq -r .id <<<"$output")" = "d/a.txt" ]
	[ "$stderr" = "copydesk-split: d/b.png: binary file skipped" ]
}

@test "split: a binary file named on the command line is an error" {
	printf 'x\0y' > "$TMP/b.bin"
	cd "$TMP"
	run -1 --separate-stderr cdx copydesk-split b.bin
	[ -z "$output" ]
	[ "$stderr" = "copydesk-split: b.bin: binary file skipped" ]
}

@test "split: an unreadable input is reported and the others go on" {
	mkdoc a.txt 'a\n'
	cd "$TMP"
	run -1 --separate-stderr cdx copydesk-split missing.txt a.txt
	[ "$(jq -r .id <<<"$output")" = "a.txt" ]
	[ "$stderr" = "copydesk-split: missing.txt: No such file or directory" ]
}

@test "split: member names in UTF-8 stay whole, other bytes are repaired" {
	# ASCII names are taken as they are; these go through libarchive's
	# conversion, in a tar's own header, in a pax header and in a zip.
	mkdoc $'t/caf\303\251.txt' 'one\n'
	mkdoc $'t/l\351.txt' 'two\n'
	cd "$TMP"
	tar cf u.tar t
	tar --format=pax -cf p.tar t
	for f in u.tar p.tar; do
		run -0 --separate-stderr cdx copydesk-split --quiet "$f"
		[ "$(jq -r .id <<<"$output" | sort | paste -sd,)" = "$f:t/café.txt,$f:t/l�.txt" ]
	done
	command -v zip >/dev/null || skip "zip is not installed"
	(cd t && zip -q ../z.zip ./*)
	run -0 --separate-stderr cdx copydesk-split --quiet z.zip
	[ "$(jq -r .id <<<"$output" | sort | paste -sd,)" = "z.zip:café.txt,z.zip:l�.txt" ]
}

@test "split: zip member names flagged UTF-8 or in a Unicode Path field are read whole" {
	# tests/data/zip/README: a zip with the UTF-8 flag (as Python, 7-Zip
	# and Java write) and one with Info-ZIP's Unicode Path over Latin-1.
	# libarchive gives these names only under a UTF-8 LC_CTYPE.
	d="$BATS_TEST_DIRNAME/data/zip"
	cd "$d"
	run -0 --separate-stderr cdx copydesk-split utf8flag.zip unipath.zip
	[ "$(jq -r '[.id, .text] | @tsv' <<<"$output")" = "$(printf 'utf8flag.zip:caf\303\251.txt\tune tasse\nutf8flag.zip:\344\270\255\346\226\207.txt\tdeux tasses\nunipath.zip:caf\303\251.txt\ttrois tasses')" ]
	[ -z "$stderr" ]
}

@test "split: a repeated member name in a tar gets #2, #3" {
	cd "$TMP"
	echo one > b && tar cf t.tar b
	echo two > b && tar rf t.tar b
	echo three > b && tar rf t.tar b
	run -0 --separate-stderr cdx copydesk-split t.tar
	[ "$(jq -r '[.id, .text] | @tsv' <<<"$output")" = "$(printf 't.tar:b\tone\nt.tar:b#2\ttwo\nt.tar:b#3\tthree')" ]
}

@test "split: a repeated member name in a zip gets #2" {
	command -v python3 >/dev/null || skip "python3 is not installed"
	cd "$TMP"
	python3 -W ignore -c 'import zipfile
z = zipfile.ZipFile("t.zip", "w")
z.writestr("b", "one")
z.writestr("b", "two")
z.close()'
	run -0 --separate-stderr cdx copydesk-split t.zip
	[ "$(jq -r .id <<<"$output" | tr '\n' ' ')" = "t.zip:b t.zip:b#2 " ]
}

@test "split: a colon in a file name is escaped, unlike the member separator" {
	cd "$TMP"
	echo member > b && tar cf t.tar b
	echo file > t.tar:b
	run -0 --separate-stderr cdx copydesk-split t.tar t.tar:b
	[ "$(jq -r '.id + " " + .text' <<<"$output" | tr '\n' '|')" = 't.tar:b member|t.tar\:b file|' ]
}

@test "split: #, : and backslash in member names are escaped" {
	cd "$TMP"
	mkdir d && echo x > 'd/b#2' && echo y > 'd/a:b' && echo z > 'd/c\d'
	echo w > b && tar cf t.tar b d
	run -0 --separate-stderr cdx copydesk-split t.tar
	[ "$(jq -r .id <<<"$output" | sort | tr '\n' ' ')" = 't.tar:b t.tar:d/a\:b t.tar:d/b\#2 t.tar:d/c\\d ' ]
}

@test "split: ids are stable from run to run" {
	mkdoc d/a.txt 'a\n'
	mkdoc d/b/c.txt 'c\n'
	(cd "$TMP" && tar czf x.tgz d)
	cd "$TMP"
	cdx copydesk-split d x.tgz > one.jsonl
	cdx copydesk-split d x.tgz > two.jsonl
	cmp one.jsonl two.jsonl
	[ "$(jq -r .id one.jsonl | sort -u | wc -l)" -eq 4 ]
}

@test "split: a document over --max-record-bytes is reported, not emitted" {
	mkdoc big.txt '0123456789abcdef\n'
	mkdoc small.txt 'ok\n'
	cd "$TMP"
	run -1 --separate-stderr cdx copydesk-split --max-record-bytes 8 big.txt small.txt
	[ "$(jq -r .id <<<"$output")" = "small.txt" ]
	[ "$stderr" = "copydesk-split: big.txt: document longer than 8 bytes" ]
}

@test "split: a truncated .tar.gz keeps every document before the damage" {
	mkdir -p "$TMP/t"
	for i in $(seq -w 1 200); do seq "$i" 7 20000 > "$TMP/t/$i.txt"; done
	cd "$TMP"
	tar czf full.tgz t
	head -c $(($(stat -c %s full.tgz) / 2)) full.tgz > cut.tgz
	run -1 --separate-stderr cdx copydesk-split cut.tgz
	local n=${#lines[@]}
	[ "$n" -gt 10 ]
	[ "$stderr" = "copydesk-split: cut.tgz: truncated gzip data after $n documents" ]
	cdx copydesk-split full.tgz | head -n "$n" | jq -c '[.id[5:], .text]' > want.jsonl
	printf '%s\n' "$output" | jq -c '[.id[4:], .text]' > got.jsonl
	diff -u want.jsonl got.jsonl
}

# mk200: t/001.txt .. t/200.txt in $TMP/t, tarred and gzipped as full.tgz.
mk200() {
	mkdir -p "$TMP/t"
	for i in $(seq -w 1 200); do seq "$i" 7 20000 > "$TMP/t/$i.txt"; done
	(cd "$TMP" && tar czf full.tgz t)
}

@test "split: a .tar.gz without its gzip trailer keeps all members, says truncated" {
	mk200
	cd "$TMP"
	head -c $(($(stat -c %s full.tgz) - 8)) full.tgz > cut.tgz
	run -1 --separate-stderr cdx copydesk-split cut.tgz
	[ "${#lines[@]}" -eq 200 ]
	[ "$stderr" = "copydesk-split: cut.tgz: truncated gzip data after 200 documents" ]
	cdx copydesk-split full.tgz | jq -c .text > want.jsonl
	printf '%s\n' "$output" | jq -c .text > got.jsonl
	[ -s got.jsonl ]
	cmp want.jsonl got.jsonl
}

@test "split: a .tar.gz cut at 90% keeps every member decoded before the cut" {
	mk200
	cd "$TMP"
	head -c $(($(stat -c %s full.tgz) * 9 / 10)) full.tgz > cut.tgz
	mkdir x
	# Every member whose bytes zcat recovers whole, as tar extracts it.
	(cd x && zcat ../cut.tgz 2>/dev/null | tar x 2>/dev/null) || true
	local whole=0 f
	for f in x/t/*.txt; do cmp -s "$f" "t/${f#x/t/}" && whole=$((whole + 1)); done
	[ "$whole" -gt 100 ]
	run -1 --separate-stderr cdx copydesk-split cut.tgz
	[ "${#lines[@]}" -eq "$whole" ]
	[ "$stderr" = "copydesk-split: cut.tgz: truncated gzip data after $whole documents" ]
}

@test "split: a truncated .gz keeps the documents before the damage" {
	seq 1 100000 | sed 's/.*/document &\n-----/' | gzip > "$TMP/full.gz"
	head -c $(($(stat -c %s "$TMP/full.gz") / 2)) "$TMP/full.gz" > "$TMP/cut.gz"
	mkdoc next.txt 'next\n'
	cd "$TMP"
	run -1 --separate-stderr cdx copydesk-split --delimiter ----- cut.gz next.txt
	local n=$((${#lines[@]} - 1))
	[ "$n" -gt 10 ]
	[ "$(jq -r .text <<<"${lines[$((n - 1))]}")" = "document $n" ]
	[ "$(jq -r .id <<<"${lines[$n]}")" = "next.txt#1" ]
	[ "$stderr" = "copydesk-split: cut.gz: truncated gzip data after $n documents" ]
}

@test "split: a truncated .tar keeps the members before the damage" {
	mkdir -p "$TMP/t"
	for i in $(seq -w 1 50); do seq "$i" 3 3000 > "$TMP/t/$i.txt"; done
	cd "$TMP"
	tar cf full.tar t
	head -c $(($(stat -c %s full.tar) / 2)) full.tar > cut.tar
	run -1 --separate-stderr cdx copydesk-split cut.tar
	[ "${#lines[@]}" -gt 5 ]
	[ "$stderr" = "copydesk-split: cut.tar: truncated tar data after ${#lines[@]} documents" ]
}

@test "split: a tar cut inside a skipped binary member is reported" {
	mkdir -p "$TMP/t"
	{ printf 'bin\0'; seq 1 20000; } > "$TMP/t/a.bin"
	cd "$TMP"
	tar cf full.tar t/a.bin
	head -c 4096 full.tar > cut.tar
	run -1 --separate-stderr cdx copydesk-split cut.tar
	[ -z "$output" ]
	[ "$stderr" = "copydesk-split: cut.tar:t/a.bin: binary file skipped
copydesk-split: cut.tar: truncated tar data after 0 documents" ]
}

@test "split: --by paragraph emits units whose offsets cut the text" {
	printf '%s\n' '{"id":"d1","text":"First para\nstill first.\n\n  Second para.  \n\n\nThird."}' \
		'{"id":"d2","text":"Line one.\nLine two."}' > "$TMP/docs.jsonl"
	run -0 --separate-stderr cdx copydesk-split --by paragraph "$TMP/docs.jsonl"
	printf '%s\n' "$output" > "$TMP/units.jsonl"
	[ "$(jq -r .id "$TMP/units.jsonl" | paste -sd,)" = "d1#p1,d1#p2,d1#p3,d2#p1,d2#p2" ]
	[ "$(jq -c '[.doc,.n,.start,.end]' "$TMP/units.jsonl" | head -2 | paste -sd,)" = '["d1",1,0,23],["d1",2,27,39]' ]
	[ "$(jq -c 'keys_unsorted' "$TMP/units.jsonl" | sort -u)" = '["id","doc","n","start","end","text"]' ]
	check_offsets "$TMP/docs.jsonl" "$TMP/units.jsonl"
}

@test "split: --by sentence offsets are bytes into UTF-8 text" {
	printf '%s\n' '{"id":"u","text":"Caf\u00e9 \u201cs\u00fbr.\u201d Next one? Yes."}' > "$TMP/docs.jsonl"
	run -0 --separate-stderr cdx copydesk-split --by sentence "$TMP/docs.jsonl"
	printf '%s\n' "$output" > "$TMP/units.jsonl"
	[ "$(jq -r .text "$TMP/units.jsonl" | paste -sd'|')" = "$(printf 'Caf\xc3\xa9 \xe2\x80\x9cs\xc3\xbbr.\xe2\x80\x9d|Next one?|Yes.')" ]
	[ "$(jq -c '[.start,.end]' "$TMP/units.jsonl" | paste -sd,)" = '[0,17],[18,27],[28,32]' ]
	check_offsets "$TMP/docs.jsonl" "$TMP/units.jsonl"
}

@test "split: --by sentence keeps abbreviations, initials and decimals" {
	printf '%s\n' '{"id":"a","text":"Mr. J. R. R. Tolkien met Dr. Smith at 9 a.m. on Feb. 3 in the U.S. capital. Growth was 3.5 percent. Acme Inc. agreed."}' > "$TMP/docs.jsonl"
	run -0 --separate-stderr cdx copydesk-split --by sentence "$TMP/docs.jsonl"
	[ "${#lines[@]}" -eq 3 ]
	[ "$(jq -r .text <<<"${lines[0]}")" = "Mr. J. R. R. Tolkien met Dr. Smith at 9 a.m. on Feb. 3 in the U.S. capital." ]
	[ "$(jq -r .text <<<"${lines[1]}")" = "Growth was 3.5 percent." ]
}

@test "split: --by sentence ends a quotation after .\" and keeps ?\" he said" {
	printf '%s\n' '{"id":"q","text":"He said, \"We are done.\" Then he left. \"Is it over?\" she asked. It was."}' > "$TMP/docs.jsonl"
	run -0 --separate-stderr cdx copydesk-split --by sentence "$TMP/docs.jsonl"
	[ "$(jq -r .text <<<"$output" | paste -sd'|')" = 'He said, "We are done."|Then he left.|"Is it over?" she asked.|It was.' ]
}

@test "split: --by sentence splits after an abbreviation before The" {
	printf '%s\n' '{"id":"q","text":"He lives in the U.S. The rest stay home."}' > "$TMP/docs.jsonl"
	run -0 --separate-stderr cdx copydesk-split --by sentence "$TMP/docs.jsonl"
	[ "${#lines[@]}" -eq 2 ]
}

@test "split: --by names the document FILE:LINE when it has no id" {
	printf '\n{"text":"One."}\n' > "$TMP/docs.jsonl"
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split --by paragraph docs.jsonl
	[ "$(jq -r .id <<<"$output")" = "docs.jsonl:2#p1" ]
}

@test "split: --by --field reads another field" {
	printf '%s\n' '{"id":"x","body":"A.\n\nB."}' > "$TMP/docs.jsonl"
	run -0 --separate-stderr cdx copydesk-split --by paragraph --field body "$TMP/docs.jsonl"
	[ "$(jq -r .text <<<"$output" | paste -sd,)" = "A.,B." ]
}

@test "split: --by rejects a record without the text field" {
	printf '%s\n' '{"id":"x"}' '{"id":"y","text":"Y."}' > "$TMP/docs.jsonl"
	cd "$TMP"
	run -1 --separate-stderr cdx copydesk-split --by sentence docs.jsonl
	[ "$(jq -r .id <<<"$output")" = "y#s1" ]
	[ "${stderr%%$'\n'*}" = "copydesk-split: docs.jsonl:1: no 'text' field" ]
}

@test "split: an unknown --by unit is a usage error" {
	run -2 --separate-stderr cdx copydesk-split --by word
	[[ "$stderr" == *"unknown unit 'word'"* ]]
}

@test "split: --by with --delimiter is a usage error" {
	run -2 --separate-stderr cdx copydesk-split --by sentence --delimiter x
}

@test "split: --help starts with the usage line of the man page" {
	command -v mandoc >/dev/null || skip "mandoc is not installed"
	run -0 --separate-stderr cdx copydesk-split --help
	local man
	man=$(mandoc -Tascii "$ROOT/man/copydesk-split.1" | col -b |
		sed -n '/^SYNOPSIS/,/^$/p' | sed 1d | tr -s ' \t\n' ' ' | sed 's/^ //; s/ $//')
	[ "${lines[0]#usage: }" = "$man" ]
	[ "${lines[-1]}" = "See copydesk-split(1)." ]
}

@test "split: the man page examples run on examples/" {
	[ -f "$EXAMPLES/articles.tar.gz" ] || skip "examples/ is not there yet"
	local cmd n=0
	cd "$ROOT"
	while read -r cmd; do
		run -0 --separate-stderr bash -o pipefail -c "$cmd"
		[ -n "$output" ] || { echo "no output: $cmd"; return 1; }
		[ -z "$stderr" ] || { echo "stderr: $cmd: $stderr"; return 1; }
		n=$((n + 1))
	done < <(sed -n '/^\.Sh EXAMPLES/,/^\.Sh /s/^\.Dl \$ //p' man/copydesk-split.1 |
		sed 's/\\e/\\/g; s/\\&//g')
	[ "$n" -ge 3 ]
}

@test "split: the seeds give five records, three dates and no header" {
	need_shared seeds
	run -0 --separate-stderr cdx copydesk-split "$SHARED/seeds"
	[ "${#lines[@]}" -eq 5 ]
	[ "$(jq -r 'select(.date) | .date' <<<"$output" | sort -u)" = "2025-07-03" ]
	[ "$(jq -r 'select(.date) | .id' <<<"$output" | wc -l)" -eq 3 ]
	! jq -r .text <<<"$output" | grep -q '^ *date [0-9]'
	[ -z "$stderr" ]
}

@test "split: the seeds give the same texts from a .tar.gz and a .zip" {
	need_shared seeds
	command -v zip >/dev/null || skip "zip is not installed"
	(cd "$SHARED/seeds" && tar czf "$TMP/seeds.tgz" ./*.txt && zip -q "$TMP/seeds.zip" ./*.txt)
	cdx copydesk-split "$SHARED/seeds" | jq -c '[.date, .text]' > "$TMP/dir"
	cdx copydesk-split "$TMP/seeds.tgz" | jq -c '[.date, .text]' > "$TMP/tgz"
	cdx copydesk-split "$TMP/seeds.zip" | jq -c '[.date, .text]' > "$TMP/zip"
	[ "$(wc -l < "$TMP/dir")" -eq 5 ]
	diff -u "$TMP/dir" "$TMP/tgz"
	diff -u "$TMP/dir" "$TMP/zip"
}

@test "split: the examples archive gives the same records as the directory" {
	[ -f "$EXAMPLES/articles.tar.gz" ] || skip "examples/ is not there yet"
	cd "$EXAMPLES"
	cdx copydesk-split articles | jq -c '[.id, .date, .text]' > "$TMP/dir"
	cdx copydesk-split articles.tar.gz | jq -c '[(.id | sub("^[^:]*:"; "")), .date, .text]' > "$TMP/tgz"
	diff -u "$TMP/dir" "$TMP/tgz"
}

@test "split: golden date header" {
	golden split date-header
}

@test "split: golden sentences" {
	golden split sentences
}
