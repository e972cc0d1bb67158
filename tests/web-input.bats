#!/usr/bin/env bats
# web-input.bats - copydesk-split on web pages and WARC crawls: each input
# kind, each charset path, each WARC record kind, and damaged input.

load helper

MW="$ROOT/scripts/make-warc"

# page NAME [BYTES]: write an HTML page (printf format) to $TMP/NAME.
page() {
	mkdir -p "$(dirname "$TMP/$1")"
	printf "${2:-<!DOCTYPE html>\n<html><head><title>T</title></head><body><p>Dam gives way</p></body></html>\n}" > "$TMP/$1"
}

# resp URI CTYPE [OPTS...] < BODY: a WARC response record with an HTTP
# 200 response (make-warc http options: chunked, gzip).
resp() {
	local uri=$1 ct=$2
	shift 2
	"$MW" http 200 "$ct" "$@" | "$MW" record response "$uri" "application/http;msgtype=response"
}

# html_of FILE: the html members of copydesk-split FILE, one a line.
html_of() {
	cdx copydesk-split "$@" | jq -r .html
}

@test "web: a .html file is one page record with id and html" {
	page a.html
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split a.html
	[ "$(jq -c keys_unsorted <<<"$output")" = '["id","html"]' ]
	[ "$(jq -r .id <<<"$output")" = a.html ]
	[ "$(jq -j .html <<<"$output")" = "$(cat a.html)" ]
	[ "$stderr" = "" ]
}

@test "web: .htm and .xhtml files are pages too" {
	page b.htm '<p>one</p>'
	page c.xhtml '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><p>two</p></html>'
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split b.htm c.xhtml
	[ "$(jq -r 'has("html")' <<<"$output" | sort -u)" = true ]
	[ "${#lines[@]}" -eq 2 ]
}

@test "web: a file without extension that sniffs as HTML is a page" {
	page noext '\n  <!doctype html><html><body>x</body></html>'
	page plain.txt 'a <p> in plain text\n'
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split noext plain.txt
	[ "$(jq -r 'keys_unsorted | join(",")' <<<"$output")" = "$(printf 'id,html\nid,text')" ]
}

@test "web: HTML in a tar, a zip and a gzip file" {
	page p/one.html '<html><body>one</body></html>'
	page p/two.htm '<html><body>two</body></html>'
	cd "$TMP"
	tar cf p.tar p
	(cd p && zip -q ../p.zip one.html two.htm)
	gzip -n -c p/one.html > one.html.gz
	run -0 --separate-stderr cdx copydesk-split p.tar p.zip one.html.gz
	[ "$(jq -r '.id + " " + .html' <<<"$output")" = "$(printf 'p.tar:p/one.html <html><body>one</body></html>\np.tar:p/two.htm <html><body>two</body></html>\np.zip:one.html <html><body>one</body></html>\np.zip:two.htm <html><body>two</body></html>\none.html.gz <html><body>one</body></html>')" ]
}

# crawl: $TMP/c.warc with a warcinfo, request, response (page), metadata,
# revisit, an image, a 404, a redirect and a resource page.
crawl() {
	cd "$TMP"
	{
		printf 'software: test\r\n' | "$MW" record warcinfo - application/warc-fields
		printf 'GET / HTTP/1.1\r\n\r\n' | "$MW" record request http://a.example/ "application/http;msgtype=request"
		printf '<html><body><p>Page one</p></body></html>' | resp http://a.example/1 "text/html; charset=utf-8"
		printf 'k: v\r\n' | "$MW" record metadata http://a.example/1 application/warc-fields
		printf 'HTTP/1.1 200 OK\r\n\r\n' | "$MW" record revisit http://a.example/1 "application/http;msgtype=response"
		printf 'GIF89a' | resp http://a.example/x.gif image/gif
		printf '<html>gone</html>' | "$MW" http 404 text/html | "$MW" record response http://a.example/404 application/http
		printf '' | "$MW" http 301 text/html | "$MW" record response http://a.example/old application/http
		printf '%s' '<html><body><p>Page two</p></body></html>' | "$MW" record resource http://a.example/2 text/html
		printf 'plain' | "$MW" record resource http://a.example/3.txt text/plain
	} > c.warc
}

@test "web: a .warc gives one page a 2xx HTML response or resource, with url and fetched" {
	crawl
	run -0 --separate-stderr cdx copydesk-split c.warc
	[ "${#lines[@]}" -eq 2 ]
	[ "$(jq -c keys_unsorted <<<"${lines[0]}")" = '["id","url","fetched","html"]' ]
	[ "$(jq -r '.url + " " + .fetched + " " + .html' <<<"$output")" = "$(printf 'http://a.example/1 2026-03-03T12:00:00Z <html><body><p>Page one</p></body></html>\nhttp://a.example/2 2026-03-03T12:00:00Z <html><body><p>Page two</p></body></html>')" ]
	[[ "$(jq -r .id <<<"${lines[0]}")" =~ ^\<urn:uuid:[0-9a-f-]{36}\>$ ]]
}

@test "web: a resource without a Content-Type is a page when its block sniffs as HTML" {
	cd "$TMP"
	{
		printf '%s' '<html><body><p>Untyped</p></body></html>' | "$MW" record resource http://a.example/u -
		printf '%s' 'plain words' | "$MW" record resource http://a.example/v -
	} > u.warc
	run -0 --separate-stderr cdx copydesk-split u.warc
	[ "$(jq -r '.url + " " + .html' <<<"$output")" = "http://a.example/u <html><body><p>Untyped</p></body></html>" ]
	[ "$stderr" = "copydesk-split: 1 page from 2 WARC records; skipped: 1 not HTML" ]
}

@test "web: every skipped WARC record kind is counted in the end note" {
	crawl
	run -0 --separate-stderr cdx copydesk-split c.warc
	[ "$stderr" = "copydesk-split: 2 pages from 10 WARC records; skipped: 1 request, 1 metadata, 1 warcinfo, 1 revisit, 2 not HTML, 2 not 2xx" ]
	run -0 --separate-stderr cdx copydesk-split --quiet c.warc
	[ "$stderr" = "" ]
}

@test "web: a multi-member .warc.gz (one member a record) equals the .warc" {
	crawl
	: > c.warc.gz
	# Split c.warc at each record and gzip each one.
	awk 'BEGIN { RS = "WARC/1.1\r\n"; ORS = "" } NR > 1 { f = sprintf("r%03d", NR); printf "WARC/1.1\r\n%s", $0 > f; close(f) }' c.warc
	for f in r*; do gzip -n -c "$f" >> c.warc.gz; done
	[ "$(ls r* | wc -l)" -eq 10 ]
	cdx copydesk-split c.warc > plain.jsonl
	cdx copydesk-split c.warc.gz > gz.jsonl
	[ -s plain.jsonl ]
	cmp plain.jsonl gz.jsonl
}

@test "web: a WARC inside a tar, plain and gzip" {
	crawl
	gzip -n -c c.warc > d.warc.gz
	tar cf w.tar c.warc d.warc.gz
	run -0 --separate-stderr cdx copydesk-split w.tar
	[ "${#lines[@]}" -eq 4 ]
	[ "$(jq -r .url <<<"$output" | tr '\n' ' ')" = "http://a.example/1 http://a.example/2 http://a.example/1 http://a.example/2 " ]
}

@test "web: a gzip WARC member is known by its name in any case" {
	crawl
	gzip -n -c c.warc > D.WARC.GZ
	tar cf w.tar D.WARC.GZ
	run -0 --separate-stderr cdx copydesk-split w.tar
	[ "${#lines[@]}" -eq 2 ]
	[ "$(jq -r .url <<<"$output" | tr '\n' ' ')" = "http://a.example/1 http://a.example/2 " ]
}

@test "web: chunked transfer encoding and gzip content encoding are decoded" {
	cd "$TMP"
	seq 1 400 | sed 's/.*/<p>line &<\/p>/' > body.html
	resp http://a.example/c text/html chunked gzip < body.html > t.warc
	grep -q 'Transfer-Encoding: chunked' t.warc
	grep -q 'Content-Encoding: gzip' t.warc
	run -0 --separate-stderr cdx copydesk-split t.warc
	[ "$(jq -r .html <<<"$output")" = "$(cat body.html)" ]
	resp http://a.example/c text/html chunked < body.html > t2.warc
	[ "$(html_of t2.warc)" = "$(cat body.html)" ]
}

@test "web: deflate content encoding (zlib or raw) is decoded" {
	command -v python3 >/dev/null || skip "python3 is not installed"
	cd "$TMP"
	printf '<html><p>deflated</p></html>' > body.html
	for wbits in 15 -15; do
		python3 -c "import sys, zlib; c = zlib.compressobj(9, zlib.DEFLATED, $wbits); sys.stdout.buffer.write(c.compress(open('body.html','rb').read()) + c.flush())" > body.z
		{ printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: deflate\r\n\r\n'; cat body.z; } |
			"$MW" record response http://a.example/d application/http > d.warc
		[ "$(html_of d.warc)" = '<html><p>deflated</p></html>' ]
	done
}

@test "web: a response without Content-Type is a page only when it sniffs as HTML" {
	cd "$TMP"
	{ printf '<html><p>x</p></html>' | resp http://a.example/1 -
	  printf 'just text' | resp http://a.example/2 -; } > t.warc
	run -0 --separate-stderr cdx copydesk-split t.warc
	[ "$(jq -r .url <<<"$output")" = http://a.example/1 ]
	[ "$stderr" = "copydesk-split: 1 page from 2 WARC records; skipped: 1 not HTML" ]
}

# --- charsets

@test "web: a UTF-8 BOM is removed and wins over a meta charset" {
	page a.html '\xef\xbb\xbf<meta charset="koi8-r"><p>caf\xc3\xa9</p>'
	[ "$(html_of "$TMP/a.html")" = '<meta charset="koi8-r"><p>café</p>' ]
}

@test "web: a UTF-16LE page with its BOM is decoded" {
	printf '\xff\xfe' > "$TMP/u.html"
	printf '<p>caf\xc3\xa9</p>' | iconv -f UTF-8 -t UTF-16LE >> "$TMP/u.html"
	[ "$(html_of "$TMP/u.html")" = '<p>café</p>' ]
}

@test "web: the HTTP charset wins over the meta charset" {
	cd "$TMP"
	printf '<meta charset="utf-8"><p>\xe9t\xe9</p>' | resp http://a.example/ "text/html; charset=ISO-8859-1" > t.warc
	[ "$(html_of t.warc)" = '<meta charset="utf-8"><p>été</p>' ]
}

@test "web: <meta charset> decides without an HTTP charset" {
	printf '<html><head><meta charset="windows-1251"></head><p>' > "$TMP/a.html"
	printf 'Привет</p>' | iconv -f UTF-8 -t CP1251 >> "$TMP/a.html"
	[ "$(html_of "$TMP/a.html")" = '<html><head><meta charset="windows-1251"></head><p>Привет</p>' ]
}

@test "web: <meta http-equiv=Content-Type content=...charset=...> decides" {
	printf '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-2"><p>' > "$TMP/a.html"
	printf 'Zażółć</p>' | iconv -f UTF-8 -t ISO-8859-2 >> "$TMP/a.html"
	[ "$(html_of "$TMP/a.html" | sed 's/.*<p>//')" = 'Zażółć</p>' ]
}

@test "web: sniffing: valid UTF-8 stays, anything else is windows-1252" {
	page u.html '<p>\xe2\x80\x9cok\xe2\x80\x9d</p>'
	page w.html '<p>\x93ok\x94 \x80 caf\xe9</p>'
	run -0 --separate-stderr cdx copydesk-split "$TMP/u.html" "$TMP/w.html"
	[ "$(jq -r .html <<<"$output")" = "$(printf '<p>“ok”</p>\n<p>“ok” € café</p>')" ]
	[ "$stderr" = "" ]
}

# legacy LABEL ICONV TEXT: a page declaring LABEL in a meta, its text
# encoded with iconv ICONV, decodes back to TEXT.
legacy() {
	printf '<meta charset="%s"><p>' "$1" > "$TMP/l.html"
	printf '%s' "$3" | iconv -f UTF-8 -t "$2" >> "$TMP/l.html"
	[ "$(html_of "$TMP/l.html")" = "<meta charset=\"$1\"><p>$3" ]
}

@test "web: legacy encodings through iconv: ISO-8859, KOI8-R, windows-125x" {
	legacy iso-8859-2 ISO-8859-2 'Łódź, żółw'
	legacy iso-8859-7 ISO-8859-7 'Ελλάδα'
	legacy koi8-r KOI8-R 'Москва'
	legacy windows-1251 CP1251 'Київ'
	legacy latin1 ISO-8859-1 'Søren, Zürich'
}

@test "web: legacy encodings through iconv: Shift_JIS, EUC-JP, GBK, GB18030, Big5, EUC-KR" {
	legacy shift_jis SHIFT_JIS '日本語のニュース'
	legacy euc-jp EUC-JP '日本語のニュース'
	legacy gb2312 GB2312 '中文新闻'
	legacy gb18030 GB18030 '中文新闻'
	legacy big5 BIG5 '中文新聞'
	legacy euc-kr EUC-KR '한국어 뉴스'
}

@test "web: an unknown charset label is warned about and the page sniffed and kept" {
	page a.html '<meta charset="x-klingon"><p>caf\xe9</p>'
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split a.html
	[ "$(jq -r .html <<<"$output")" = '<meta charset="x-klingon"><p>café</p>' ]
	[ "$stderr" = "copydesk-split: a.html: unknown charset label 'x-klingon', windows-1252 used" ]
}

@test "web: an unknown HTTP charset names the WARC record" {
	cd "$TMP"
	printf '<p>ok</p>' | resp http://a.example/ "text/html; charset=bogus" > t.warc
	run -0 --separate-stderr cdx copydesk-split t.warc
	[ "$(jq -r .html <<<"$output")" = '<p>ok</p>' ]
	local id
	id=$(jq -r .id <<<"$output")
	[[ "$stderr" == "copydesk-split: t.warc: record 1 ($id): unknown charset label 'bogus', UTF-8 used"* ]]
}

@test "web: invalid bytes in a declared UTF-8 page become U+FFFD with a note" {
	page a.html '<meta charset=utf-8><p>a\xffb</p>'
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split a.html
	[ "$(jq -r .html <<<"$output")" = '<meta charset=utf-8><p>a�b</p>' ]
	[ "$stderr" = "copydesk-split: a.html: 1 invalid UTF-8 sequence replaced with U+FFFD" ]
}

# --- bad input

@test "web: NUL bytes in a page become U+FFFD with a note" {
	page a.html '<p>a\0b</p>'
	cd "$TMP"
	run -0 --separate-stderr cdx copydesk-split a.html
	[ "$(jq -r .html <<<"$output")" = '<p>a�b</p>' ]
	[ "$stderr" = "copydesk-split: a.html: 1 NUL byte replaced with U+FFFD" ]
}

@test "web: a truncated .warc keeps the records before the damage" {
	crawl
	# Cut inside the block of record 9 (the resource page).
	local at
	at=$(grep -abo 'Page two' c.warc | cut -d: -f1)
	head -c "$at" c.warc > cut.warc
	run -1 --separate-stderr cdx copydesk-split cut.warc
	[ "${#lines[@]}" -eq 1 ]
	[ "$(jq -r .url <<<"$output")" = http://a.example/1 ]
	[[ "${stderr%%$'\n'*}" =~ ^copydesk-split:\ cut.warc:\ record\ 9\ \(\<urn:uuid:[0-9a-f-]+\>\):\ truncated\ WARC\ record$ ]]
	# Cut inside a header: no id to name yet.
	head -c $((at - 100)) c.warc > cut2.warc
	run -1 --separate-stderr cdx copydesk-split cut2.warc
	[[ "${stderr%%$'\n'*}" = "copydesk-split: cut2.warc: record 9: truncated WARC header" ]]
}

@test "web: a truncated .warc.gz member keeps the records before it" {
	crawl
	for i in 1 2 3; do printf '<p>%s</p>' $i | resp http://a.example/$i text/html | gzip -n; done > t.warc.gz
	head -c $(($(stat -c %s t.warc.gz) - 20)) t.warc.gz > cut.warc.gz
	run -1 --separate-stderr cdx copydesk-split cut.warc.gz
	[ "$(jq -r .html <<<"$output" | tr '\n' ' ')" = "<p>1</p> <p>2</p> " ]
	[[ "$stderr" =~ ^copydesk-split:\ cut.warc.gz:\ record\ 3\ \(\<urn:uuid:[0-9a-f-]+\>\):\ truncated\ gzip\ data ]]
}

@test "web: a broken WARC header stops the file with its record number" {
	cd "$TMP"
	{ printf '<p>1</p>' | resp http://a.example/1 text/html
	  printf 'WARC/1.1\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\nxx\r\n\r\n'
	  printf '<p>3</p>' | resp http://a.example/3 text/html; } > t.warc
	page next.html '<p>next</p>'
	run -1 --separate-stderr cdx copydesk-split t.warc next.html
	[ "$(jq -r .html <<<"$output" | tr '\n' ' ')" = "<p>1</p> <p>next</p> " ]
	[[ "$stderr" == "copydesk-split: t.warc: record 2: bad Content-Length in the WARC header"* ]]
}

@test "web: bytes that are not a WARC record after a record are reported" {
	cd "$TMP"
	{ printf '<p>1</p>' | resp http://a.example/1 text/html; printf 'garbage here\r\n\r\n'; } > t.warc
	run -1 --separate-stderr cdx copydesk-split t.warc
	[ "${#lines[@]}" -eq 1 ]
	[[ "$stderr" == "copydesk-split: t.warc: record 2: not a WARC record header"* ]]
}

@test "web: a wrong Content-Length is reported with the record id" {
	cd "$TMP"
	printf '<p>1</p>' | resp http://a.example/1 text/html > t.warc
	printf '<p>2</p>' | resp http://a.example/2 text/html | sed 's/^Content-Length: 8\r$/Content-Length: 12\r/' >> t.warc
	grep -c 'Content-Length: 12' t.warc
	run -1 --separate-stderr cdx copydesk-split t.warc
	[ "$(jq -r .html <<<"$output")" = "<p>1</p>" ]
	[[ "$stderr" =~ ^copydesk-split:\ t.warc:\ record\ 2\ \(\<urn:uuid:[0-9a-f-]+\>\):\ no\ CRLF\ CRLF\ after\ the\ block ]]
}

@test "web: a corrupt gzip content encoding skips that record only" {
	cd "$TMP"
	{ printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n\037\213\010\000garbage' |
		"$MW" record response http://a.example/1 application/http
	  printf '<p>2</p>' | resp http://a.example/2 text/html; } > t.warc
	run -1 --separate-stderr cdx copydesk-split t.warc
	[ "$(jq -r .html <<<"$output")" = "<p>2</p>" ]
	[[ "$stderr" =~ ^copydesk-split:\ t.warc:\ record\ 1\ \(\<urn:uuid:[0-9a-f-]+\>\):\ corrupt\ gzip\ content\ encoding ]]
}

@test "web: a page over --max-record-bytes is reported and the next kept" {
	cd "$TMP"
	{ head -c 300000 /dev/zero | tr '\0' x | sed 's/^/<p>/' | resp http://a.example/big text/html
	  printf '<p>small</p>' | resp http://a.example/small text/html; } > t.warc
	run -1 --separate-stderr cdx copydesk-split --max-record-bytes 100000 t.warc
	[ "$(jq -r .html <<<"$output")" = "<p>small</p>" ]
	[[ "$stderr" =~ ^copydesk-split:\ t.warc:\ record\ 1\ \(\<urn:uuid:[0-9a-f-]+\>\):\ record\ longer\ than\ 100000\ bytes ]]
}

@test "web: a gzip bomb payload stops at --max-record-bytes" {
	cd "$TMP"
	{ head -c 50000000 /dev/zero | resp http://a.example/bomb text/html gzip
	  printf '<p>small</p>' | resp http://a.example/small text/html; } > t.warc
	[ "$(stat -c %s t.warc)" -lt 200000 ]
	run -1 --separate-stderr cdx copydesk-split --max-record-bytes 1000000 t.warc
	[ "$(jq -r .html <<<"$output")" = "<p>small</p>" ]
	[[ "$stderr" =~ record\ 1\ \(\<urn:uuid:[0-9a-f-]+\>\):\ page\ longer\ than\ 1000000\ bytes ]]
}

@test "web: a 100 MB page is refused in bounded memory" {
	command -v /usr/bin/time >/dev/null || skip "/usr/bin/time is not installed"
	cd "$TMP"
	{ printf '<p>'; head -c 100000000 /dev/zero | tr '\0' x; } > big.html
	run -1 --separate-stderr /usr/bin/time -f '%M' copydesk-split --max-record-bytes 10000000 big.html
	[ -z "$output" ]
	[ "${lines[0]:-}" = "" ]
	[[ "$stderr" == "copydesk-split: big.html: document longer than 10000000 bytes"* ]]
	local kb=${stderr##*$'\n'}
	[ "$kb" -lt 60000 ]
}

# --- examples

@test "web: the example crawl gives the example pages, the others counted" {
	run -0 --separate-stderr cdx copydesk-split "$EXAMPLES/web/crawl.warc.gz"
	[ "${#lines[@]}" -eq 3 ]
	[ "$stderr" = "copydesk-split: 3 pages from 13 WARC records; skipped: 4 request, 1 metadata, 1 warcinfo, 2 not HTML, 2 not 2xx" ]
	cdx copydesk-split "$EXAMPLES"/web/*.htm* | jq -c .html > "$TMP/files.jsonl"
	printf '%s\n' "$output" | jq -c .html > "$TMP/crawl.jsonl"
	[ -s "$TMP/files.jsonl" ]
	cmp "$TMP/files.jsonl" "$TMP/crawl.jsonl"
	grep -q 'Veloria’s central bank' "$TMP/files.jsonl"
}

@test "web: scripts/make-warc rebuilds the example crawl byte for byte" {
	mkdir "$TMP/web"
	cp "$EXAMPLES"/web/*.htm* "$TMP/web/"
	"$MW" examples "$TMP/web"
	cmp "$TMP/web/crawl.warc.gz" "$EXAMPLES/web/crawl.warc.gz"
}
