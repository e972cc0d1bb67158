#!/usr/bin/env bats
# report.bats - copydesk-report: the page's figures against the known
# answers of examples/, the shared options, escaping of hostile input, and
# the page as headless Chromium renders it (skipped where Chromium is not
# installed).
load helper

# The job on examples/ once for the whole file: docs.jsonl, quotes.jsonl.
setup_file() {
	EX="$BATS_FILE_TMPDIR/ex"
	export EX
	COPYDESK_BIN="${CD_BIN:-$BATS_TEST_DIRNAME/../bin}" \
		"$BATS_TEST_DIRNAME/../scripts/copydesk-job" -q -o "$EX" \
		"$BATS_TEST_DIRNAME/../examples/articles.tar.gz"
}

# need_chromium: skip unless a headless Chromium can be run.
need_chromium() {
	CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
	[ -n "$CHROMIUM" ] || skip "chromium is not installed (scripts/install-deps installs it)"
}

# browser ARGS...: headless Chromium in a fresh profile under $TMP, with a
# timeout; --no-sandbox because the tests may run as root.
browser() {
	HOME="$TMP" timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--disable-dev-shm-usage --no-first-run --no-default-browser-check \
		--disable-extensions --user-data-dir="$TMP/chromium" "$@" 2> "$TMP/chromium.err"
}

# answers: the number of stories and of quotation families in
# examples/answers.json.
answer_stories() { jq '.stories | length' "$EXAMPLES/answers.json"; }
answer_families() { jq '[.docs[].quotes[].family] | unique | length' "$EXAMPLES/answers.json"; }
# job_families: the number of quotation families (group.near) in the
# job's quotes.jsonl, which the page must show.  It may be one short of
# answer_families: in examples/ one quotation ("We are counting...," …
# "Until we have done that...") joins two statements of answers.json in
# one record, so a perfect grouping makes 13 families of its 14.
job_families() { jq -s '[.[].group.near] | unique | length' "$EX/quotes.jsonl"; }
families_ok() {
	local n=$1 a
	a=$(answer_families)
	[ "$n" -gt 0 ] && [ "$n" -eq "$(job_families)" ] &&
		[ "$n" -ge $((a - 1)) ] && [ "$n" -le "$a" ]
}

# hostile: documents and quotations that try to run script, close the
# style element, link to javascript: and smuggle NUL and control bytes.
hostile() {
	local s="<script>document.title='pwned'</script>"
	jq -nc --arg s "$s" '
		{id: "h1", title: ($s + "</style><img id=\"inj\" src=x onerror=\"document.title=1\">"),
		 source: ("</style>" + $s), url: "javascript:document.title=2",
		 date: "2026-01-02", group: {story: "s", near: "h1", sim: 1}},
		{id: ("h2" + $s), title: ("nul \u0000 esc \u001b del \u007f" + $s),
		 url: "https://example.test/a\"><script>document.title=3</script>",
		 date: "2026-01-04", group: {story: "s", near: "h1", sim: 0.9}}' \
		> "$TMP/docs.jsonl"
	jq -nc --arg s "$s" '
		{id: "q1", doc: "h1", quote: ($s + " he said"), speaker: ("<b id=\"inj2\">" + $s)},
		{id: "q2", doc: ("h2" + $s), quote: ("</blockquote>" + $s + " he said"),
		 speaker: null, group: {near: "q1"}}' > "$TMP/quotes.jsonl"
}

@test "report: --help prints the usage and points to the man page" {
	run -0 --separate-stderr cdx copydesk-report --help
	[[ ${lines[0]} == "usage: copydesk-report "* ]]
	[[ $output == *"copydesk-report(1)." ]]
	[ -z "$stderr" ]
}

@test "report: --version prints one line" {
	run -0 --separate-stderr cdx copydesk-report --version
	[ "$output" = "copydesk-report $(cat "$ROOT/VERSION")" ]
}

@test "report: an unknown option is a usage error" {
	run -2 --separate-stderr cdx copydesk-report --frobnicate "$EX"
	[[ $stderr == *"unknown option"* ]]
	[ -z "$output" ]
}

@test "report: three operands are a usage error" {
	run -2 --separate-stderr cdx copydesk-report a b c
	[[ $stderr == *"too many operands"* ]]
}

@test "report: the examples page counts the stories and families of answers.json" {
	run -0 --separate-stderr cdx copydesk-report --top 100 "$EX/docs.jsonl" "$EX/quotes.jsonl"
	[ -z "$stderr" ]
	[ "$(grep -c '<article class="story card"' <<< "$output")" -eq "$(answer_stories)" ]
	families_ok "$(grep -c '<article class="family card"' <<< "$output")"
	[[ $output == *'<section id="stories" data-shown="2" data-total="2">'* ]]
}

@test "report: a story lists its copies with the original and the similarity" {
	run -0 --separate-stderr cdx copydesk-report "$EX"
	[[ $output == *'05-waterwatch-dam.txt</td><td><i>(no title)</i></td><td><span class="badge copy">copy</span> of 01-northgate-dam.txt &middot; similarity 0.99</td>'* ]]
	[[ $output == *'<span class="badge orig">original</span> 1 copy'* ]]
}

@test "report: a family shows its variants with the differences marked" {
	run -0 --separate-stderr cdx copydesk-report "$EX"
	[[ $output == *'<h3>Tomas Brekke</h3>'* ]]
	[[ $output == *'until we say it is safe. <del>The ground is still moving,</del></blockquote>'* ]]
	[[ $output == *'<p class="meta">1 use &middot; first 2026-03-04 &middot; 07-meridian-dam.txt</p>'* ]]
}

@test "report: a directory operand reads its docs.jsonl and quotes.jsonl" {
	cdx copydesk-report "$EX/docs.jsonl" "$EX/quotes.jsonl" | sed 1,/'<\/header>'/d > "$TMP/files"
	cdx copydesk-report "$EX" | sed 1,/'<\/header>'/d > "$TMP/dir"
	[ -s "$TMP/files" ]
	cmp "$TMP/files" "$TMP/dir"
}

@test "report: gzip input and standard input give the same page" {
	gzip -c "$EX/docs.jsonl" > "$TMP/docs.jsonl.gz"
	cdx copydesk-report - < "$EX/docs.jsonl" > "$TMP/plain"
	cdx copydesk-report < "$TMP/docs.jsonl.gz" > "$TMP/gz"
	grep -q 'class="story card"' "$TMP/plain"
	cmp "$TMP/plain" "$TMP/gz"
}

@test "report: two runs give the same bytes" {
	cdx copydesk-report "$EX" > "$TMP/a"
	cdx copydesk-report "$EX" > "$TMP/b"
	[ -s "$TMP/a" ]
	cmp "$TMP/a" "$TMP/b"
}

@test "report: -o writes the page to a file and nothing to stdout" {
	run -0 --separate-stderr cdx copydesk-report -o "$TMP/page.html" "$EX"
	[ -z "$output" ]
	grep -q '</html>' "$TMP/page.html"
}

@test "report: a write error on stdout is status 1 with a message" {
	[ -w /dev/full ] || skip "no /dev/full"
	local st=0
	cdx copydesk-report "$EX" > /dev/full 2> "$TMP/err" || st=$?
	[ "$st" = 1 ]
	grep -q "copydesk-report: write error on standard output" "$TMP/err"
}

@test "report: bad lines are reported, kept verbatim in --rejects, the rest shown" {
	{ head -n 3 "$EX/docs.jsonl"; echo 'not json'; echo '{"title":"no id"}';
	  echo '{"id":"x","group":"no object"}'; tail -n 7 "$EX/docs.jsonl"; } > "$TMP/d"
	run -1 --separate-stderr cdx copydesk-report --rejects "$TMP/rej" "$TMP/d"
	[ "${stderr_lines[0]}" = "copydesk-report: $TMP/d:4: column 1: not a JSON object" ]
	[ "${stderr_lines[1]}" = "copydesk-report: $TMP/d:5: no string 'id' field" ]
	[ "${stderr_lines[2]}" = "copydesk-report: $TMP/d:6: field 'group' is not an object" ]
	[ "${stderr_lines[3]}" = "copydesk-report: 3 of 13 records rejected" ]
	[ "$(sed -n 4,6p "$TMP/d")" = "$(cat "$TMP/rej")" ]
	[[ $output == *'<div class="fig"><b>10</b><span>articles</span></div>'* ]]
	[[ $output == *'<tr><th>document records rejected</th><td class="n">3</td></tr>'* ]]
}

@test "report: --strict stops at the first bad line and writes no page" {
	{ echo 'not json'; cat "$EX/docs.jsonl"; } > "$TMP/d"
	run -1 --separate-stderr cdx copydesk-report --strict "$TMP/d"
	[ -z "$output" ]
	[[ $stderr == *"$TMP/d:1: column 1: not a JSON object"* ]]
}

@test "report: --top caps each list and shows the total" {
	awk 'BEGIN { for (i = 1; i <= 30; i++) for (j = 0; j < 2; j++)
		printf "{\"id\":\"d%d-%d\",\"title\":\"Story %d\",\"group\":{\"story\":\"d%d-0\"}}\n", i, j, i, i }' > "$TMP/d"
	run -0 --separate-stderr cdx copydesk-report --top 5 "$TMP/d"
	[ "$(grep -c '<article class="story card"' <<< "$output")" -eq 5 ]
	[[ $output == *'data-shown="5" data-total="30"'* ]]
	[[ $output == *'<span class="count">the first 5 of 30</span>'* ]]
}

@test "report: hostile text is escaped, javascript: is never a link" {
	hostile
	run -0 --separate-stderr cdx copydesk-report "$TMP/docs.jsonl" "$TMP/quotes.jsonl"
	[[ $output == *'&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;'* ]]
	! grep -qi '<script' <<< "$output"
	! grep -qi '<img' <<< "$output"
	! grep -qi 'href="javascript' <<< "$output"
	! grep -q $'\x1b' <<< "$output"
	[[ $output == *"Content-Security-Policy"*"default-src 'none'"* ]]
	[[ $output == *'href="https://example.test/a&quot;&gt;&lt;script&gt;'* ]]
}

@test "report: a lone surrogate in a JSON escape is a rejected line" {
	printf '{"id":"a","title":"\\ud800"}\n{"id":"b"}\n' > "$TMP/d"
	run -1 --separate-stderr cdx copydesk-report "$TMP/d"
	[[ $stderr == *"$TMP/d:1: column "*"lone surrogate"* ]]
	[[ $output == *'<div class="fig"><b>1</b><span>articles</span></div>'* ]]
}

@test "report: a 1 MB title and quotation are cut, the page stays small" {
	local s
	s=$(yes '<script>x</scri' | head -n 65536 | tr '\n' ' ')
	printf '{"id":"%s","title":"%s","group":{"story":"s"}}\n' a "$s" b "$s" > "$TMP/d"
	printf '{"id":"q","doc":"a","quote":"%s"}\n' "$s" > "$TMP/q"
	[ "$(wc -c < "$TMP/q")" -gt 1048576 ]
	run -0 --separate-stderr cdx copydesk-report "$TMP/d" "$TMP/q"
	[ "${#output}" -gt 1000 ]
	[ "${#output}" -lt 100000 ]
	! grep -qi '<script' <<< "$output"
}

@test "report: a large run gives a small page" {
	awk 'BEGIN { for (i = 0; i < 20000; i++)
		printf "{\"id\":\"d%d\",\"source\":\"outlet%d\",\"date\":\"2026-01-%02d\",\"title\":\"Title %d\",\"group\":{\"story\":\"d%d\",\"near\":\"d%d\",\"sim\":0.9}}\n", i, i % 50, i % 28 + 1, i, i - i % 40, i - i % 4 }' > "$TMP/d"
	run -0 --separate-stderr cdx copydesk-report "$TMP/d"
	[ "$(grep -c '<article class="story card"' <<< "$output")" -eq 25 ]
	[[ $output == *'<b>500</b><span>stories of two or more articles</span>'* ]]
	[[ $output == *'<b>15,000</b><span>copies</span>'* ]]
	[ "${#output}" -lt 300000 ]
}

# --- in a browser -----------------------------------------------------

@test "report: Chromium renders the examples page with the answers' counts" {
	need_chromium
	cdx copydesk-report --top 100 -o "$TMP/page.html" "$EX"
	browser --dump-dom "file://$TMP/page.html" > "$TMP/dom"
	[ -s "$TMP/dom" ]
	[ "$(grep -o '<article class="story card"' "$TMP/dom" | wc -l)" -eq "$(answer_stories)" ]
	families_ok "$(grep -o '<article class="family card"' "$TMP/dom" | wc -l)"
	grep -q '<title>copydesk report</title>' "$TMP/dom"
}

@test "report: Chromium takes a screenshot of the examples page" {
	need_chromium
	cdx copydesk-report -o "$TMP/page.html" "$EX"
	browser --hide-scrollbars --window-size=1100,1400 \
		--screenshot="$TMP/shot.png" "file://$TMP/page.html" > /dev/null
	[ "$(head -c 8 "$TMP/shot.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
	[ "$(stat -c %s "$TMP/shot.png")" -gt 20000 ]
}

@test "report: in Chromium, no script of a hostile page runs and nothing is injected" {
	need_chromium
	hostile
	cdx copydesk-report -o "$TMP/page.html" "$TMP/docs.jsonl" "$TMP/quotes.jsonl"
	browser --dump-dom "file://$TMP/page.html" > "$TMP/dom"
	[ -s "$TMP/dom" ]
	grep -q '<title>copydesk report</title>' "$TMP/dom"
	! grep -q 'pwned</title>' "$TMP/dom"
	! grep -qi '<script' "$TMP/dom"
	! grep -q 'id="inj' "$TMP/dom"
	grep -q '&lt;script&gt;document.title=' "$TMP/dom"
}

@test "report: copydesk-job writes report.html beside docs.jsonl and quotes.jsonl" {
	[ -s "$EX/report.html" ]
	cdx copydesk-report "$EX/docs.jsonl" "$EX/quotes.jsonl" > "$TMP/page"
	cmp "$TMP/page" "$EX/report.html"
}

@test "report: the outlet is source, else the url's host, else the id's last part" {
	printf '%s\n' '{"id":"a/b/one.txt","source":"The Wire","group":{"story":"s"}}' \
		'{"id":"two","url":"https://user@www.example.test:8080/x?y","title":"T","group":{"story":"s"}}' \
		'{"id":"arc.tar:three.txt","url":"javascript:x","group":{"story":"s"}}' > "$TMP/d"
	run -0 --separate-stderr cdx copydesk-report "$TMP/d"
	[[ $output == *'<td>The Wire</td>'* ]]
	[[ $output == *'<td>example.test</td><td><a rel="noreferrer" href="https://user@www.example.test:8080/x?y">T</a></td>'* ]]
	[[ $output == *'<td>three.txt</td>'* ]]
	[[ $output == *'3 outlets'* ]]
}

@test "report: an outlet's host is one whatever the case of its url" {
	printf '%s\n' '{"id":"a","url":"https://WWW.Example.TEST/x","title":"A","group":{"story":"s"}}' \
		'{"id":"b","url":"https://www.example.test/y","title":"B","group":{"story":"s"}}' \
		'{"id":"c","url":"http://Example.Test:80/z","title":"C","group":{"story":"s"}}' > "$TMP/d"
	run -0 --separate-stderr cdx copydesk-report "$TMP/d"
	[ "$(grep -c '<td>example.test</td>' <<< "$output")" -eq 3 ]
	[[ $output == *'1 outlet'* ]]
	[[ $output != *'2 outlets'* && $output != *'3 outlets'* ]]
}

@test "report: a pipe as an operand (process substitution) is read twice too" {
	cdx copydesk-report "$EX" > "$TMP/want"
	cdx copydesk-report <(cat "$EX/docs.jsonl") <(cat "$EX/quotes.jsonl") | sed 1,/'<\/header>'/d > "$TMP/got"
	sed 1,/'<\/header>'/d "$TMP/want" > "$TMP/want2"
	grep -q '<h3>Tomas Brekke</h3>' "$TMP/got"
	cmp "$TMP/want2" "$TMP/got"
}

@test "report: a NUL byte in a title shows as U+FFFD, the rest of the title too" {
	printf '%s\n' '{"id":"a","title":"before \u0000 after","group":{"story":"s"}}' \
		'{"id":"b","group":{"story":"s"}}' > "$TMP/d"
	run -0 --separate-stderr cdx copydesk-report "$TMP/d"
	[[ $output == *$'<h3>before \xEF\xBF\xBD after</h3>'* ]]
}

@test "report: CRLF, a BOM and blank lines are accepted" {
	{ printf '\xEF\xBB\xBF'; sed 's/$/\r/' "$EX/docs.jsonl" | sed '3a\\'; } > "$TMP/d"
	cdx copydesk-report - < "$EX/docs.jsonl" > "$TMP/want"
	run -0 --separate-stderr cdx copydesk-report - < "$TMP/d"
	[ -z "$stderr" ]
	[ "$(grep -c '^$' "$TMP/d")" -eq 1 ]
	[ "$output" = "$(cat "$TMP/want")" ]
}

@test "report: the page names standard input <stdin>, as the messages do" {
	run -0 --separate-stderr cdx copydesk-report < "$EX/docs.jsonl"
	[[ $output == *"Documents: &lt;stdin&gt;</p>"* ]]
	run -0 --separate-stderr cdx copydesk-report "$EX/docs.jsonl" - < "$EX/quotes.jsonl"
	[[ $output == *"quotations: &lt;stdin&gt;</p>"* ]]
}

@test "report: a timeline of bins of days ends with its last day's bar" {
	# 61 days: bins of 2 days, 31 of them; the last day's bar is at the
	# right end, under the last date, not half-way along
	jq -nc '{id:"a",date:"2026-01-01",group:{story:"s"}},
		{id:"b",date:"2026-03-02",group:{story:"s",near:"a",sim:0.9}}' > "$TMP/d"
	run -0 --separate-stderr cdx copydesk-report "$TMP/d"
	[[ $output == *'aria-label="articles per 2 days"'* ]]
	x=$(grep -o '<rect x="[0-9]*"' <<< "$output" | tail -1 | tr -dc 0-9)
	[ "$x" -ge 250 ]
}

@test "report: a reader that goes away (| head -n1) is status 0, no message" {
	run -0 --separate-stderr bash -c 'copydesk-report "$1" | head -n1; echo "${PIPESTATUS[0]}"' _ "$EX"
	[ "${lines[0]}" = "<!DOCTYPE html>" ]
	[ "${lines[1]}" = 0 ]
	[ -z "$stderr" ]
}

@test "report: an empty quotation is a variant like any other" {
	printf '%s\n' '{"id":"a","group":{"story":"s"}}' > "$TMP/d"
	printf '%s\n' '{"id":"q1","doc":"a","quote":"","speaker":"A"}' \
		'{"id":"q2","doc":"a","quote":"x y","speaker":"A","group":{"near":"q1"}}' > "$TMP/q"
	run -0 --separate-stderr cdx copydesk-report "$TMP/d" "$TMP/q"
	[[ $output == *'<div class="variant"><blockquote><del>x y</del></blockquote>'* ]]
	[[ $output == *'<div class="variant ref"><blockquote>x y</blockquote>'* ]]
}

@test "report: a family's speaker is the full name a surname stands for" {
	printf '%s\n' '{"id":"a","group":{"story":"s"}}' > "$TMP/d"
	printf '%s\n' '{"id":"q1","doc":"a","quote":"x","speaker":"Rask"}' \
		'{"id":"q2","doc":"b","quote":"x","speaker":"Rask","group":{"near":"q1"}}' \
		'{"id":"q3","doc":"c","quote":"x","speaker":"Anselm Rask","group":{"near":"q1"}}' \
		'{"id":"q4","doc":"d","quote":"x","speaker":"Ann Lee","group":{"near":"q1"}}' \
		'{"id":"q5","doc":"e","quote":"x","speaker":"Ann Lee","group":{"near":"q1"}}' > "$TMP/q"
	run -0 --separate-stderr cdx copydesk-report "$TMP/d" "$TMP/q"
	[[ $output == *'<article class="family card" id="family-1">'$'\n''<h3>Anselm Rask</h3>'* ]]
}

@test "report: a family's and a speaker's articles are distinct documents, in any order" {
	printf '%s\n' '{"id":"a"}' '{"id":"b"}' > "$TMP/d"
	# Document a quotes the family twice, around b's quotation: two
	# articles, as the text summary counts them.
	printf '%s\n' '{"id":"q1","doc":"a","quote":"tide","speaker":"Vera Holm"}' \
		'{"id":"q2","doc":"b","quote":"tide","speaker":"Vera Holm","group":{"near":"q1"}}' \
		'{"id":"q3","doc":"a","quote":"tide","speaker":"Vera Holm","group":{"near":"q1"}}' > "$TMP/q"
	run -0 --separate-stderr cdx copydesk-report "$TMP/d" "$TMP/q"
	[[ $output == *'<h3>Vera Holm</h3>'$'\n''<p class="meta">2 articles &middot; '*'3 quotations'* ]]
	[[ $output == *'<td>Vera Holm</td><td class="n">2</td><td class="n">3</td>'* ]]
	run -0 cdx copydesk-report --text "$TMP/d" "$TMP/q"
	[[ $output == *'Vera Holm, 2 articles: a b'* ]]
}
