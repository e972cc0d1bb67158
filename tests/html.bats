#!/usr/bin/env bats
# html.bats - copydesk-clean on web pages (records with an html member):
# the article found from the DOM, rendered as paragraphs, the DOM's
# reasons in --explain, the options and bad input (issue 12, SPEC).

load helper

PAGE="$BATS_TEST_DIRNAME/data/html/article.html"

# page FILE [KEY]: a record {"id","url",KEY: contents of FILE} on stdout.
page() {
	jq -Rsc --arg k "${2:-html}" '{id: "p", url: "https://wire.example/a"} + {($k): .}' "$1"
}

FIRST='The first paragraph of the story is long enough to count as prose on any page.'
SECOND='The second paragraph of the story is also long enough to count as prose.'

# run_page FILE [ARGS]: run copydesk-clean ARGS on the page FILE (status 0).
run_page() {
	local f=$1
	shift
	page "$f" > "$TMP/in"
	run -0 cdx copydesk-clean "$@" < "$TMP/in"
}

# text_of: the text member of the one record in $output.
text_of() {
	jq -r .text <<<"$output"
}

# both_kept FORMAT [ARGS]: the page printf FORMAT makes of $FIRST and
# $SECOND, run through copydesk-clean ARGS, gives both paragraphs.
both_kept() {
	local fmt=$1
	shift
	# shellcheck disable=SC2059
	printf "$fmt" "$FIRST" "$SECOND" > "$TMP/p.html"
	run_page "$TMP/p.html" "$@"
	[[ "$(text_of)" == "The first paragraph"*"also long enough to count as prose." ]]
}

@test "html: the article is kept and the page around it is not" {
	page "$PAGE" > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-clean < "$TMP/in"
	t=$(text_of)
	[ -n "$t" ]
	[[ "$t" == "The dam above the town gave way"* ]]
	[[ "$t" == *"once the power is back."* ]]
	for junk in Sport cookies "Share on" "Reader one" "Dam safety" Copyright; do
		[[ "$t" != *"$junk"* ]] || { echo "kept: $junk"; false; }
	done
	[ -z "$stderr" ]
}

@test "html: headings, list items, blockquotes and table rows are paragraphs" {
	page "$PAGE" > "$TMP/in"
	run -0 cdx copydesk-clean < "$TMP/in"
	t=$(text_of)
	want='What comes next

The regional government opened three shelters in schools and asked residents of the upper town to boil their water for now.

Shelters stay open all week.

Drinking water is handed out at the town hall.

We have never seen the river rise this fast, said the mayor, who has lived in Millbrook for forty years.

Street Depth

Mill Lane 1.2 m'
	[[ "$t" == *"$want"* ]]
}

@test "html: entities are decoded and a no-break space is a space" {
	page "$PAGE" > "$TMP/in"
	run -0 cdx copydesk-clean < "$TMP/in"
	[[ "$(text_of)" == *"Wednesday & Thursday, café owners"*"the power is back."* ]]
}

@test "html: <br> breaks the line" {
	page "$PAGE" > "$TMP/in"
	run -0 cdx copydesk-clean < "$TMP/in"
	[[ "$(text_of)" == *"Line one of the notice"$'\n'*"Line two of the notice" ]]
}

@test "html: white space is collapsed as a browser shows it" {
	printf '<p>  Several   words\n\tspread over\n   lines, with <b>bold</b><i>italic</i> text and <a href="/">a link</a> inside the paragraph.  </p>' > "$TMP/p.html"
	page "$TMP/p.html" > "$TMP/in"
	run -0 cdx copydesk-clean < "$TMP/in"
	[ "$(text_of)" = "Several words spread over lines, with bolditalic text and a link inside the paragraph." ]
}

@test "html: hidden elements, scripts and styles are not text" {
	page "$PAGE" > "$TMP/in"
	run -0 cdx copydesk-clean < "$TMP/in"
	t=$(text_of)
	[ -n "$t" ]
	[[ "$t" != *hidden* && "$t" != *invisible* ]]
	[[ "$t" != *"script text"* && "$t" != *color* ]]
}

@test "html: --explain names the DOM rule of each removed block" {
	page "$PAGE" > "$TMP/in"
	run -0 cdx copydesk-clean --explain < "$TMP/in"
	rules=$(jq -r '.removed[].rule' <<<"$output" | sort -u | tr '\n' ' ')
	for r in dom:aside dom:comment dom:cookie dom:footer dom:header dom:hidden dom:share; do
		[[ " $rules" == *" $r "* ]] || { echo "missing $r in: $rules"; false; }
	done
	[ "$(jq -r '.removed[] | select(.rule == "dom:comment") | .text' <<<"$output" | head -c 8)" = Comments ]
}

@test "html: --explain also lists the text rules' removals" {
	page "$PAGE" > "$TMP/in"
	run -0 cdx copydesk-clean --explain < "$TMP/in"
	[ "$(jq -r '.removed[] | select(.rule == "title") | .text' <<<"$output")" = "Flood waters recede in Millbrook" ]
}

@test "html: a block of links inside the article goes for its link density" {
	{
		printf '<article>'
		for i in 1 2 3; do
			printf '<p>Paragraph %s of the report tells what the council decided, and why the vote went the way it did.</p>' "$i"
		done
		printf '<div><a href="/x">Council news</a> <a href="/y">More from the valley</a> <a href="/z">Latest</a></div></article>'
	} > "$TMP/p.html"
	page "$TMP/p.html" > "$TMP/in"
	run -0 cdx copydesk-clean --explain < "$TMP/in"
	[[ "$(text_of)" == *"Paragraph 3 of the report"* ]]
	[[ "$(text_of)" != *"Council news"* ]]
	[ "$(jq -r '.removed[] | select(.text | startswith("Council news")) | .rule' <<<"$output")" = dom:link-density ]
}

@test "html: the JSON-LD articleBody chooses between two runs of prose" {
	a='The committee met on Monday to review the budget for the coming year and agreed to fund the new library wing in full.'
	a2='Work on the wing starts in spring, and the builders expect to hand over the keys before the end of the next school year. The mayor said the town had waited a long time for a library that could hold its whole collection under one roof. Readers will find a children'"'"'s room, a local history archive and study desks on two floors. The old building on the square will become a museum of the valley once the books have moved out. The council will vote on the opening hours in the autumn, after asking readers what suits them best.'
	b='Our company was founded many years ago by a family of printers who wanted to bring the news to every house in the valley, and we still do.'
	{
		printf '<html><head><script type="application/ld+json">{"@type":"NewsArticle","articleBody":"%s %s"}</script></head><body>' "$a" "$a2"
		printf '<div class="x"><p>%s</p><p>%s</p></div>' "$a" "$a2"
		printf '<div class="y"><p>%s</p><p>%s</p><p>%s</p><p>%s</p><p>%s</p><p>%s</p></div></body></html>' "$b" "$b" "$b" "$b" "$b" "$b"
	} > "$TMP/p.html"
	page "$TMP/p.html" > "$TMP/in"
	run -0 cdx copydesk-clean < "$TMP/in"
	[[ "$(text_of)" == "$a"* ]]
	[[ "$(text_of)" != *founded* ]]
	# without the evidence the larger run (or both) is taken
	sed 's/articleBody/headline/' "$TMP/p.html" > "$TMP/q.html"
	page "$TMP/q.html" > "$TMP/in"
	run -0 cdx copydesk-clean < "$TMP/in"
	[[ "$(text_of)" == *founded* ]]
}

@test "html: an empty JSON-LD array is read as nothing (sanitizer build: no NULL copy)" {
	{
		printf '<html><head><title>Ferry news</title><script type="application/ld+json">[]</script>'
		printf '<script type="application/ld+json">[{"@type":"NewsArticle","headline":"The ferry runs again"}, []]</script></head>'
		printf '<body><p>The ferry to the island runs again from Monday, the harbour office said after the repairs to the pier were finished.</p></body></html>'
	} > "$TMP/p.html"
	page "$TMP/p.html" > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-clean < "$TMP/in"
	[ -z "$stderr" ]
	[[ "$(text_of)" == "The ferry to the island runs again"* ]]
	[ "$(jq -r .title <<<"$output")" = "The ferry runs again" ]
}

@test "html: a page nested inside <head> by the parser still gives its article" {
	both_kept '<!DOCTYPE html><html><site-config env="x"></site-config><head><link rel="a"></link><meta charset="utf-8"><title>T</title></head><body><p>%s</p><p>%s</p></body></html>'
}

@test "html: the html member is dropped unless --keep-html" {
	page "$PAGE" > "$TMP/in"
	run -0 cdx copydesk-clean < "$TMP/in"
	[ "$(jq -c 'keys_unsorted' <<<"$output")" = '["id","url","text","title"]' ]
	run -0 cdx copydesk-clean --keep-html < "$TMP/in"
	[ "$(jq -r .html <<<"$output")" = "$(cat "$PAGE")" ]
	[ -n "$(text_of)" ]
}

@test "html: --html-field names the member that holds the page" {
	page "$PAGE" page > "$TMP/in"
	run -0 cdx copydesk-clean --html-field page < "$TMP/in"
	[[ "$(text_of)" == "The dam above the town"* ]]
	[ "$(jq -r 'has("page")' <<<"$output")" = false ]
}

@test "html: a record with both text and html takes the article from html" {
	page "$PAGE" | jq -c '.text = "Old text dump of the page."' > "$TMP/in"
	run -0 cdx copydesk-clean < "$TMP/in"
	[[ "$(text_of)" == "The dam above the town"* ]]
}

@test "html: a record with an html member of null is a text record" {
	printf '{"id":"t","html":null,"text":"A plain text record stays as it was given."}\n' > "$TMP/in"
	run -0 cdx copydesk-clean < "$TMP/in"
	[ "$output" = '{"id":"t","html":null,"text":"A plain text record stays as it was given."}' ]
}

@test "html: empty and non-string pages are rejected, the rest is processed" {
	{
		printf '{"id":"e","html":""}\n'
		printf '{"id":"w","html":"  \\n "}\n'
		printf '{"id":"n","html":5}\n'
		page "$PAGE"
	} > "$TMP/in"
	run -1 --separate-stderr cdx copydesk-clean --rejects "$TMP/rej" "$TMP/in"
	[ "$(jq -r .id <<<"$output")" = p ]
	[ "$stderr" = "copydesk-clean: $TMP/in:1: field 'html': empty page
copydesk-clean: $TMP/in:2: field 'html': empty page
copydesk-clean: $TMP/in:3: field 'html' is not a string
copydesk-clean: 3 of 4 records rejected" ]
	[ "$(head -n 3 "$TMP/in")" = "$(cat "$TMP/rej")" ]
}

@test "html: broken markup and NUL bytes are read as a browser would" {
	printf '{"id":"b","html":"<div><p>Unclosed <b>bold and \\u0000 a NUL byte inside a paragraph that is long enough to be kept as prose.<p>Second</div></span></table>"}\n' > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-clean < "$TMP/in"
	[[ "$(text_of)" == "Unclosed bold and a NUL byte inside"* ]]
	[ -z "$stderr" ]
}

@test "html: 100,000 nested elements neither crash nor exhaust memory" {
	python3 -c '
import json
print(json.dumps({"id": "d", "html": "<p>The paragraph before the nesting is long enough to be the article text.</p>" + "<div>" * 100000 + "deep" + "</div>" * 100000}))' > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-clean < "$TMP/in"
	[[ "$(text_of)" == "The paragraph before the nesting"* ]]
}

@test "html: two runs give the same bytes" {
	page "$PAGE" > "$TMP/in"
	cdx copydesk-clean --explain < "$TMP/in" > "$TMP/a"
	cdx copydesk-clean --explain < "$TMP/in" > "$TMP/b"
	[ -s "$TMP/a" ]
	cmp "$TMP/a" "$TMP/b"
}

@test "html: a run of teasers (a linked headline and a line each) goes" {
	p='Paragraph of the article that reports what the council decided on Monday, and why the vote went as it did in the end.'
	{
		printf '<div class="wrap"><div class="body"><p>%s</p><p>%s</p><p>%s</p></div>' "$p" "$p" "$p"
		for i in 1 2 3; do
			printf '<div class="card"><a href="/s%s">Other story number %s of the day</a><p>A short line about that other story.</p></div>' "$i" "$i"
		done
		printf '</div>'
	} > "$TMP/p.html"
	page "$TMP/p.html" > "$TMP/in"
	run -0 cdx copydesk-clean --explain < "$TMP/in"
	[[ "$(text_of)" == "$p"* ]]
	[[ "$(text_of)" != *"Other story"* ]]
	[ "$(jq -r '[.removed[] | select(.rule == "dom:teaser")] | length' <<<"$output")" = 3 ]
}

@test "html: markup written out as text (a serialised <noscript>) is not text" {
	printf '<body>&lt;img height="1" src="https://stats.example/p?c=1"&gt;<p>%s</p><p>%s</p></body>' \
		"$FIRST" "$SECOND" > "$TMP/p.html"
	run_page "$TMP/p.html"
	[[ "$(text_of)" == "The first paragraph"* ]]
	[[ "$(text_of)" != *"<img"* ]]
}

@test "html: an article the parser nests inside an element never shown is found" {
	both_kept '<html><head><title>T</title></head><body><svg class="icons"><symbol id="i"><path d="M0 0"></symbol><div><p>%s</p><p>%s</p></div></body></html>'
}

@test "html: data-*, srcset, src and d attributes change nothing, whatever their values hold" {
	cat > "$TMP/plain.html" <<-'H'
	<html><head><title>Flood</title></head><body>
	<div class="nav"><svg viewBox="0 0 9 9"><path fill="red"/></svg><a href="/">Home page link</a> <a href="/s">Sport section link</a></div>
	<article><h1 id="t">Flood</h1>
	<p>The first paragraph of the story is long enough to count as prose on any page.</p>
	<p class="x">The second paragraph of the story is also long enough to count as prose.</p>
	<img src="a.jpg" alt="">
	</article></body></html>
	H
	cat > "$TMP/data.html" <<-'H'
	<html><head><title>Flood</title></head><body>
	<div data-track='a > b' class="nav" data-x=1><svg viewBox="0 0 9 9"><path d="M0 0>L9 9" fill="red"/></svg><a href="/" data-y>Home page link</a> <a href="/s">Sport section link</a></div>
	<article data-json="{&quot;a&quot;:1}"><h1 DATA-Q="<script>x" id="t">Flood</h1>
	<p data-n="1">The first paragraph of the story is long enough to count as prose on any page.</p>
	<p data-a="x"class="x" data-b="y">The second paragraph of the story is also long enough to count as prose.</p>
	<img src="a.jpg" srcset="a.jpg 1x, b.jpg 2x" alt="">
	</article></body></html>
	H
	run_page "$TMP/plain.html"
	want=$(text_of)
	[[ "$want" == "Flood"*"any page."*"as prose." ]]
	run_page "$TMP/data.html"
	[ "$(text_of)" = "$want" ]
}

@test "html: an element hidden by its inline style (any case, spaces) is not text" {
	cat > "$TMP/h.html" <<HTML
<html><body><article><p>$FIRST</p>
<p style="color: red; Display : NONE">Hidden one is not shown to readers.</p>
<p style="visibility:	hidden">Hidden two is not shown to readers.</p>
<p aria-hidden="true">Hidden three is not shown to readers.</p>
<p style="display: block">$SECOND</p></article></body></html>
HTML
	run_page "$TMP/h.html"
	t=$(text_of)
	[[ "$t" == *"$FIRST"* ]]
	[[ "$t" == *"$SECOND"* ]]
	[[ "$t" != *Hidden* ]]
}

@test "html: a box named to clip its overflow (overflow-hidden) keeps its prose, a widget in one goes" {
	cat > "$TMP/h.html" <<HTML
<html><body><article><div class="flex overflow-hidden"><p>$FIRST</p></div>
<div class="card overflow-x-hidden"><ul><li>Fast quotes</li><li>Free boxes</li><li>Rated 4.9</li></ul></div>
<p>$SECOND</p><p>$SECOND</p><div class="hidden">Hidden one is not shown to readers.</div></article></body></html>
HTML
	run_page "$TMP/h.html"
	t=$(text_of)
	[[ "$t" == "$FIRST"* ]]
	[[ "$t" == *"$SECOND"* ]]
	[[ "$t" != *Hidden* ]]
	[[ "$t" != *"Free boxes"* ]]
}

@test "html: the prose in a closed accordion panel (role region, aria-labelledby) is text" {
	cat > "$TMP/h.html" <<HTML
<html><body><article><p>$FIRST</p>
<h2><button id="s1" aria-expanded="false">Step one</button></h2>
<div id="p1" role="region" aria-labelledby="s1" style="display:none"><p>Panel prose: $SECOND $SECOND $SECOND $SECOND</p><p>$FIRST $FIRST $FIRST $FIRST</p></div>
<h2><button id="s2" aria-expanded="false">Step two</button></h2>
<div id="p2" role="region" aria-labelledby="s2" style="display:none"><p>Second panel: $SECOND $SECOND $SECOND $SECOND</p><p>$FIRST $FIRST $FIRST $FIRST</p></div>
<div style="display:none"><p>Hidden one: $SECOND $SECOND $SECOND</p><p>$FIRST $FIRST $FIRST</p></div>
<div role="region" aria-labelledby="s1" style="display:none"><a href="/a">Hidden two</a> <a href="/b">menu</a></div>
</article></body></html>
HTML
	run_page "$TMP/h.html"
	t=$(text_of)
	[[ "$t" == "$FIRST"* ]]
	[[ "$t" == *"Panel prose: $SECOND"* ]]
	[[ "$t" == *"Second panel: $SECOND"* ]]
	[[ "$t" != *Hidden* ]]
}

@test "html: a clipping box named as the article's content (article-content overflow-hidden) keeps its list" {
	cat > "$TMP/h.html" <<HTML
<html><body><article><h1>Ways to cut the gas bill</h1><p>$FIRST</p><p>$FIRST</p>
<div class="article-content overflow-hidden"><h2>Five small jobs</h2><ul><li>Bleed every radiator</li><li>Tape the letterbox shut</li><li>Turn the dial down a notch</li></ul></div>
<p>$SECOND</p></article></body></html>
HTML
	run_page "$TMP/h.html"
	t=$(text_of)
	[[ "$t" == "$FIRST"* ]]
	[[ "$t" == *"$SECOND"* ]]
	[[ "$t" == *"Bleed every radiator"* ]]
}

@test "html: a clipping box pinned to the window (fixed) or holding a form goes, prose and all; a button alone keeps it" {
	cat > "$TMP/h.html" <<HTML
<html><body><div class="mx-auto"><h1>Ferry fares</h1><p>$FIRST</p><p>$FIRST</p>
<div class="fixed inset-x-0 overflow-hidden"><p>Cookies help this site remember your choices and count how many readers come back, and our partners use them too.</p><button>Agree</button></div>
<div class="mt-6 overflow-hidden"><p>Sign up for our evening letter and read the day's harbour stories before anyone else in town.</p><form><input name="e"><button>Join</button></form></div>
<div class="mb-4 overflow-hidden"><p>Kept box: $SECOND</p></div>
<div class="card overflow-hidden"><p>Kept card: the harbour at dawn, with the new ferry berth on the left and the old pier behind it.</p><button>Copy link</button></div>
<p>$SECOND</p></div></body></html>
HTML
	run_page "$TMP/h.html"
	t=$(text_of)
	[[ "$t" == *"$FIRST"* ]]
	[[ "$t" == *"Kept box: $SECOND"* ]]
	[[ "$t" == *"Kept card: the harbour"* ]]
	[[ "$t" != *Cookies* ]]
	[[ "$t" != *"evening letter"* ]]
}

@test "html: a hidden tab panel (role tabpanel) of readers' comments stays out" {
	local c='My grandmother took this ferry every Friday for thirty years, and she would have hated paying twice as much for the same crossing.'
	local how t
	# hidden by aria-hidden, and by the hidden attribute as the ARIA
	# tabs pattern hides its panels
	for how in 'aria-hidden="true"' hidden; do
		cat > "$TMP/h.html" <<HTML
<html><body><div class="wrap"><h1>Ferry fares</h1><p>$FIRST</p><p>$SECOND</p><p>$FIRST</p><p>$SECOND</p>
<div role="tablist"><button role="tab" id="ta">Share</button><button role="tab" id="tb">Comments (3)</button></div>
<div role="tabpanel" id="pa" aria-labelledby="ta"><a href="/share">Share this</a></div>
<div role="tabpanel" id="pb" aria-labelledby="tb" $how><p>$c</p><p>$c</p><p>$c</p><p>$c</p></div>
</div></body></html>
HTML
		run_page "$TMP/h.html"
		t=$(text_of)
		[[ "$t" == *"$FIRST"* ]]
		[[ "$t" == *"$SECOND"* ]]
		[[ "$t" != *grandmother* ]]
	done
}

# declared_page FILE: an article whose body the markup names
# (class "article-body"), four chunks of prose, then a list of other
# stories, each a linked headline and a summary of real prose, more text
# than the article.
declared_page() {
	local p='The council met on Monday and agreed, after a long debate, to rebuild the footbridge over the river before the winter floods.'
	local s='This other story tells at length what happened somewhere else in the valley last week, with quotes, places and names, and then some more detail that a reader might enjoy if they follow the link to it.'
	{
		printf '<html><body><div class="page"><article><h1>Bridge</h1><div class="%s">' "${2:-article-body}"
		printf '<p>%s</p>' "$p" "$p" "$p" "$p"
		printf '</div></article><div class="more">'
		for i in 1 2 3 4; do
			printf '<div class="c%s"><h3><a href="/s%s">Other story %s</a></h3><div class="sum">%s %s</div></div>' "$i" "$i" "$i" "$s" "$s"
		done
		printf '</div></div></body></html>'
	} > "$1"
}

@test "html: a body the markup names (article-body, itemprop) is kept, the other stories below it not" {
	for cls in article-body entry_content storyBody; do
		declared_page "$TMP/p.html" "$cls"
		run_page "$TMP/p.html"
		[[ "$(text_of)" == *"rebuild the footbridge"* ]]
		[[ "$(text_of)" != *"This other story"* ]] || { echo "kept teasers with $cls"; false; }
	done
	declared_page "$TMP/p.html" 'x" itemprop="articleBody'
	run_page "$TMP/p.html"
	[[ "$(text_of)" == *"rebuild the footbridge"* ]]
	[[ "$(text_of)" != *"This other story"* ]]
	# a class that does not name a body changes nothing
	declared_page "$TMP/p.html" postscript
	run_page "$TMP/p.html"
	[[ "$(text_of)" == *"rebuild the footbridge"* ]]
	[[ "$(text_of)" == *"This other story"* ]]
}

@test "html: a named body in pieces is kept whole" {
	p='The council met on Monday and agreed, after a long debate, to rebuild the footbridge over the river before the winter floods.'
	q='Work starts in spring; the engineers expect the new bridge to carry walkers and bicycles by the end of the summer holidays.'
	s='This other story tells at length what happened somewhere else in the valley last week, with quotes, places and names, and more.'
	{
		printf '<html><body><article><div class="article__body"><p>%s</p><p>%s</p></div>' "$p" "$p"
		printf '<div class="ad">Advertisement</div><div class="article__body"><p>%s</p><p>%s</p></div></article>' "$q" "$q"
		printf '<div class="more">'
		for i in 1 2 3; do
			printf '<div class="c%s"><a href="/s%s">Other %s</a><div>%s %s</div></div>' "$i" "$i" "$i" "$s" "$s"
		done
		printf '</div></body></html>'
	} > "$TMP/p.html"
	run_page "$TMP/p.html"
	[[ "$(text_of)" == *"rebuild the footbridge"* ]]
	[[ "$(text_of)" == *"walkers and bicycles"* ]]
	[[ "$(text_of)" != *"This other story"* ]]
}

@test "html: a named body does not win over as much plain prose beside it" {
	p='The council met on Monday and agreed, after a long debate, to rebuild the footbridge over the river before the winter floods came.'
	q='The rest of the report, which the page put outside the named body, explains the cost of the bridge, who pays for it and when, in full detail.'
	{
		printf '<html><body><div class="page"><div class="article-body"><p>%s</p><p>%s</p></div>' "$p" "$p"
		printf '<div><p>%s %s</p><p>%s %s</p></div></div></body></html>' "$q" "$q" "$q" "$q"
	} > "$TMP/p.html"
	run_page "$TMP/p.html"
	[[ "$(text_of)" == *"rebuild the footbridge"* ]]
	[[ "$(text_of)" == *"cost of the bridge"* ]]
}

@test "html: an attribute named with @ (Alpine, Vue) whose value holds '>' leaves no markup as text" {
	both_kept '<html><body><article><div @click="open = !open; $nextTick(() => $refs.menu.focus())" :class="x"><p>%s</p></div><div class="a" @keydown.escape="open => false" x-init="items = [1, 2]"><p>%s</p></div></article></body></html>' --explain
	[[ "$output" != *'$refs'* ]]
	[[ "$output" != *'items = ['* ]]
}

@test "html: what follows </html> is read as the end of the body, as a browser does" {
	both_kept '<!DOCTYPE html>\n<html><head><title>T</title></head><body><nav><a href="/">Home</a></nav></body></html>\n<div class="post"><p>%s</p><p>%s</p></div>'
}

@test "html: the named body holding the element with the most prose is taken whole" {
	long='The first item of the briefing runs long: the regional council approved the new tram line after a vote that split every party in the chamber.'
	{
		printf '<html><body><div class="wrap"><h1>Ten things to know today</h1><div class="post-content"><p>Good morning, here is the news.</p><ol>'
		printf '<li><strong><a href="/a">The council approved the tram line</a>.</strong> %s</li>' "$long"
		for i in 2 3 4 5 6 7 8; do
			printf '<li><strong><a href="/s%s">Item %s of the briefing has a linked headline</a>.</strong> And then a line or two of what happened, number %s.</li>' "$i" "$i" "$i"
		done
		printf '</ol></div></div></body></html>'
	} > "$TMP/p.html"
	run_page "$TMP/p.html"
	[[ "$(text_of)" == *"split every party"* ]]
	[[ "$(text_of)" == *"Item 5 of the briefing"* ]]
	[[ "$(text_of)" == *"Item 8 of the briefing"* ]]
}

@test "html: a JSON-LD articleBody that holds only a list's first item does not cut the named body to it" {
	a1='The first book box of our list sends a new hardcover novel every month, chosen by a panel of editors who read widely and argue about it over coffee, tea and the odd slice of cake.'
	a2='Each parcel also holds a short letter from the editor who picked the book, explaining why it made the cut and what else she read that month.'
	a3='Members may skip a month, swap the pick for an audiobook or add a second title at a discount, and the whole plan can be paused at any time online.'
	a4='Shipping is free, the books arrive wrapped in tissue with a printed bookmark, and a forum lets readers talk about the story once they have finished it.'
	b='The second box on the list mails used paperbacks wrapped in brown paper, so the reader does not know which classic will arrive next'
	c='The third box is for young readers and comes with a bookmark, stickers and a letter from the author of the month, which children love'
	{
		printf '<html><head><script type="application/ld+json">{"@type":"Article","articleBody":"%s %s %s %s"}</script></head>' "$a1" "$a2" "$a3" "$a4"
		printf '<body><h1>The best book boxes</h1><div class="entry-content">'
		printf '<div class="card"><h2>Box one</h2><p>%s</p><p>%s</p><p>%s</p><p>%s</p></div>' "$a1" "$a2" "$a3" "$a4"
		for t in "$b" "$c"; do
			printf '<div class="card"><h2>Box</h2><p>%s, first.</p><p>%s, second.</p><p>%s, third.</p><p>%s, last.</p></div>' "$t" "$t" "$t" "$t"
		done
		printf '</div></body></html>'
	} > "$TMP/p.html"
	run_page "$TMP/p.html"
	[[ "$(text_of)" == *"panel of editors"* ]]
	[[ "$(text_of)" == *"brown paper"* ]]
	[[ "$(text_of)" == *"letter from the author"* ]]
	# the articleBody still chooses when nothing names a larger body
	sed 's/entry-content/wrap/' "$TMP/p.html" > "$TMP/q.html"
	run_page "$TMP/q.html"
	[[ "$(text_of)" == *"panel of editors"* ]]
	[[ "$(text_of)" != *"brown paper"* ]]
}

@test "html: a <footer> of addresses and disclaimers is not the article of a short page, one holding the <h1> (or <main>) may be" {
	p='Renting a van takes a valid licence and a deposit; our guide explains every step at the counter.'
	l='The information on this site is general and is not advice for your case; always ask a qualified adviser before you buy any cover or sign a contract with anyone.'
	foot="<footer><p>Our offices: 1 Harbour Street.</p><p>$l</p><p>$l</p><p>$l</p></footer>"
	# the page's own text is kept, the footer's goes: with an <h1> and,
	# with none, a <main> outside the footer
	for head in '<h1>Renting a van</h1>' '<div class="title">Renting a van</div>'; do
		printf '<html><body><header><a href="/">Home</a></header><main>%s<p>%s</p></main>%s</body></html>' "$head" "$p" "$foot" > "$TMP/p.html"
		run_page "$TMP/p.html"
		[[ "$(text_of)" == *"valid licence"* ]]
		[[ "$(text_of)" != *"qualified adviser"* ]] || { echo "footer kept with $head"; false; }
	done
	# a page wrapped in a footer (misnested markup) keeps its article:
	# the footer holds the <h1>, the first <main>, or (with neither)
	# most of the page
	for body in "<footer><h1>Renting a van</h1><p>$l</p><p>$l</p><p>$l</p></footer>" \
		"<footer><main><p>$l</p><p>$l</p><p>$l</p></main></footer>" \
		"<div><p>$p</p></div>$foot"; do
		printf '<html><body>%s</body></html>' "$body" > "$TMP/q.html"
		run_page "$TMP/q.html"
		[[ "$(text_of)" == *"qualified adviser"* ]] || { echo "footer gone: $body"; false; }
	done
}

@test "html: a call-to-action box (cta) or banner in the article goes, also when named for the blog or content" {
	for cls in cta-box blog-cta postPromo content-banner; do
		both_kept '<html><body><article><p>%s</p><div class="'"$cls"'"><h3>Plan your garden with us: try the planner free for fourteen days, no card needed!</h3><a href="/signup">Start now</a></div><p>%s</p></article></body></html>'
		[[ "$(text_of)" != *"fourteen days"* ]] || { echo "kept with $cls"; false; }
	done
}

@test "html: syntax highlighting in code (class comment, tag) is not removed for its class" {
	printf '<html><body><article><p>%s</p><pre><code><span class="comment"># stage the files you changed</span>\ngit add notes.txt\n<span class="tag">git</span> commit</code></pre><p>%s</p></article><div class="comments"><p>A reader wrote a comment under the article that goes on and on about it.</p></div></body></html>' \
		"$FIRST" "$SECOND" > "$TMP/p.html"
	run_page "$TMP/p.html" --explain
	[[ "$(text_of)" == *"# stage the files you changed"* ]]
	[[ "$(text_of)" == *"git commit"* ]]
	[[ "$(text_of)" != *"A reader wrote"* ]]
}

@test "html: a page whose UTF-8 was read as Latin-1 (mojibake) gets its characters back" {
	# "’" (E2 80 99) and "é" (C3 A9) each read byte by byte as Latin-1
	# and written again as UTF-8; printf makes the bytes.
	printf '<html><head><title>The mayor\xc3\xa2\xc2\x80\xc2\x99s caf\xc3\x83\xc2\xa9 plan</title></head><body><h1>The mayor\xc3\xa2\xc2\x80\xc2\x99s caf\xc3\x83\xc2\xa9 plan</h1><p>%s</p><p>%s</p></body></html>' \
		"$FIRST" "$SECOND" > "$TMP/p.html"
	run_page "$TMP/p.html"
	[ "$(jq -r .title <<<"$output")" = "The mayor’s café plan" ]
}

@test "html: a page that only quotes mojibake (no C1 control) keeps it" {
	printf '<html><body><h1>Encodings</h1><p>%s You saw "\xc3\x83\xc2\xa4" for "\xc3\xa4" then.</p><p>%s</p></body></html>' \
		"$FIRST" "$SECOND" > "$TMP/p.html"
	run_page "$TMP/p.html"
	[[ "$(text_of)" == *'You saw "Ã¤" for "ä"'* ]]
}

@test "html: with --explain and without, the window holds the same pages" {
	local i w nav='' foot='The Valley Wire is owned by its readers and has been since 1887.'
	for i in $(seq 60); do nav+="<li><a href=\"/s$i\">Section number $i of the wire</a></li>"; done
	# pages with a long menu (dropped, its text noted only with
	# --explain) and a footer paragraph the corpus pass removes once
	# counted often enough: the window must hold the same pages either way
	for i in 1 2 3 4 5 6 7; do
		printf '<html><body><nav><ul>%s</ul></nav><article><p>%s Page %s.</p><p>%s</p><p>%s</p></article></body></html>' \
			"$nav" "$FIRST" "$i" "$SECOND" "$foot" |
			jq -Rsc --arg i "$i" '{id: $i, url: ("https://wire.example/" + $i), html: .}'
	done > "$TMP/in"
	for w in "--window-bytes 1K" "--window-bytes 2K" "--window-bytes 4K" "--window-bytes 8K" ""; do
		# shellcheck disable=SC2086
		cdx copydesk-clean --explain $w < "$TMP/in" > "$TMP/x"
		# shellcheck disable=SC2086
		run -0 --separate-stderr cdx copydesk-clean $w < "$TMP/in"
		[ -s "$TMP/x" ] && [ -n "$output" ]
		[ "$(jq -c '.text' <<<"$output")" = "$(jq -c '.text' "$TMP/x")" ]
	done
	[ "$(jq -r 'select(.text | contains("owned by its readers")) | .id' <<<"$output" | wc -l)" -lt 7 ]
}
