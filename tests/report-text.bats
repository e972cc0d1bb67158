#!/usr/bin/env bats
# report-text.bats - copydesk-report --text: the summary copydesk-job
# prints (what its jq program printed): counts, stories, copies and
# quotation families, their orders, names, clipping and speakers.
load helper
bats_require_minimum_version 1.5.0

# text: the lines of $output in L, empty ones kept (bats' $lines drops
# them).
text() {
	[ -n "$output" ] || return 1
	mapfile -t L <<< "$output"
}

# fixture: documents and quotations of our own in $TMP/d and $TMP/q:
# stories of two (s1, s2, and the documents without a story, which are
# one group, as jq's group_by makes them), a single, copies with
# similarities, a family named by a surname and the full name, one
# without a speaker.
fixture() {
	jq -nc '
	{id:"wire/a1.txt", date:"2026-05-02", title:"Harbour crane stops work at Lindmoor", group:{story:"s1", near:"wire/a1.txt"}},
	{id:"<urn:uuid:b2>", date:"2026-05-01T09:30:00Z", title:"Café owners on the quay say the crane’s silence is costing them trade every single day of the week", group:{story:"s2"}},
	{id:"site:c3", title:null, group:{story:"s1", near:"wire/a1.txt", sim:0.5}},
	{id:"d4", date:"2026-05-03", group:{story:"s2", near:"<urn:uuid:b2>", sim:1}},
	{id:"e5", date:"2026-05-09", title:"Alone", group:{story:"s3"}},
	{id:"f6", title:"No group at all"},
	{id:"g7", title:"Also no story", group:{near:"e5", sim:0.00001}}' > "$TMP/d"
	jq -nc '
	{id:"q1", doc:"wire/a1.txt", quote:"The crane will not move until the inspectors are done", speaker:"Petra Lund", group:{near:"q1"}},
	{id:"q2", doc:"site:c3", quote:"The crane will not move until the inspectors are done,", speaker:"Lund", group:{near:"q1"}},
	{id:"q3", doc:"d4", quote:"The crane will not move", speaker:"Lund", group:{near:"q1"}},
	{id:"q4", doc:"<urn:uuid:b2>", quote:"We lose the morning trade, and the morning trade is the whole of it in a week like this one, all of it. Ünd more", speaker:null},
	{id:"q5", doc:"d4", quote:"We lose the morning trade", speaker:null, group:{dup:"q4"}},
	{id:"q6", doc:"e5", quote:"Nothing moves here", speaker:"Ola Berg"},
	{id:"q7", doc:"e5", quote:"Nothing moves here at all", speaker:"Ola Berg", group:{near:"q6"}}' > "$TMP/q"
	[ -s "$TMP/d" ] && [ -s "$TMP/q" ]
}

@test "report: --text prints the job's summary of stories, copies and families" {
	fixture
	run -0 --separate-stderr cdx copydesk-report --text --top 2 "$TMP/d" "$TMP/q"
	[ -n "$output" ]
	[ -z "$stderr" ]
	diff -u - <(printf '%s\n' "$output") <<'END'
7 documents, 3 stories of two or more, 3 copies; 7 quotations in 3 families

Stories
  [1] 2 articles, 2026-05-02
      2026-05-02  a1.txt  Harbour crane stops work at Lindmoor
      ----------  c3  (no title)
  [2] 2 articles, 2026-05-01 to 2026-05-03
      2026-05-01T09:30:00Z  b2  Café owners on the quay say the crane’s silence is costing them tra...
      2026-05-03  d4  (no title)
  [3] 2 articles
      ----------  f6  No group at all
      ----------  g7  Also no story

Copies
  c3 is a copy of a1.txt (similarity 0.5)
  d4 is a copy of b2 (similarity 1)
  g7 is a copy of e5 (similarity 1e-05)

Quotations: the 2 most reported of 3 families
  [1] Petra Lund, 3 articles: a1.txt c3 d4
      "The crane will not move until the inspectors are done,"
      "The crane will not move until the inspectors are done"
      "The crane will not move"
  [2] (speaker unknown), 2 articles: b2 d4
      "We lose the morning trade, and the morning trade is the whole of it in a week like this one, all ..."
      "We lose the morning trade"
END
}

@test "report: --text ranks families by articles, then by the first seen, not by quotations" {
	jq -nc '{id:"a", group:{story:"a"}}, {id:"b", group:{story:"b"}}' > "$TMP/d"
	# Family x (seen first) has one article and one quotation; y has one
	# article and three quotations: x comes first.
	jq -nc '{id:"x1", doc:"a", quote:"one", speaker:"A"},
		{id:"y1", doc:"b", quote:"two", speaker:"B"},
		{id:"y2", doc:"b", quote:"two", speaker:"B", group:{near:"y1"}},
		{id:"y3", doc:"b", quote:"two", speaker:"B", group:{near:"y1"}}' > "$TMP/q"
	run -0 --separate-stderr cdx copydesk-report --text "$TMP/d" "$TMP/q"
	text
	diff -u - <(printf '%s\n' "${L[@]:8}") <<'END'
Quotations: the 2 most reported of 2 families
  [1] A, 1 article: a
      "one"
  [2] B, 1 article: b
      "two"
END
}

@test "report: --text clips titles and quotations by code points, not bytes" {
	local t67 t70 t71 q97 q100
	t67=$(printf 'é%.0s' {1..67})
	t70=$(printf 'é%.0s' {1..70})
	t71=$(printf 'é%.0s' {1..71})
	q97=$(printf 'ü%.0s' {1..97})
	q100=$(printf 'ü%.0s' {1..100})
	jq -nc --arg a "$t70" --arg b "$t71" '{id:"a", title:$a, group:{story:"s"}},
		{id:"b", title:$b, group:{story:"s"}}' > "$TMP/d"
	jq -nc --arg q "$q100" '{id:"q", doc:"a", quote:$q, speaker:"A"},
		{id:"r", doc:"b", quote:($q + "x"), speaker:"A", group:{near:"q"}}' > "$TMP/q"
	run -0 --separate-stderr cdx copydesk-report --text "$TMP/d" "$TMP/q"
	text
	diff -u - <(printf '%s\n' "${L[@]:4:2}" "${L[@]:11}") <<END
      ----------  a  $t70
      ----------  b  $t67...
  [1] A, 2 articles: a b
      "$q97..."
      "$q100"
END
}

@test "report: --text gives a family the most given full name of its speakers" {
	jq -nc '{id:"a", group:{story:"a"}}' > "$TMP/d"
	# "Lund" stands for "Petra Lund": three votes against two for Ola Berg.
	jq -nc '{id:"q1", doc:"a", quote:"x", speaker:"Ola Berg"},
		{id:"q2", doc:"a", quote:"x", speaker:"Ola Berg", group:{near:"q1"}},
		{id:"q3", doc:"a", quote:"x", speaker:"Lund", group:{near:"q1"}},
		{id:"q4", doc:"a", quote:"x", speaker:"Lund", group:{near:"q1"}},
		{id:"q5", doc:"a", quote:"x", speaker:"Petra Lund", group:{near:"q1"}},
		{id:"q6", doc:"a", quote:"x", speaker:null, group:{near:"q1"}}' > "$TMP/q"
	run -0 --separate-stderr cdx copydesk-report --text "$TMP/d" "$TMP/q"
	text
	[ "${L[9]}" = "  [1] Petra Lund, 1 article: a" ]
}

@test "report: --text with no stories, copies or quotations says so" {
	jq -nc '{id:"a", group:{story:"a"}}' > "$TMP/d"
	: > "$TMP/q"
	run -0 --separate-stderr cdx copydesk-report --text "$TMP/d" "$TMP/q"
	[ -n "$output" ]
	diff -u - <(printf '%s\n' "$output") <<'END'
1 documents, 0 stories of two or more, 0 copies; 0 quotations in 0 families

Stories
  (none)

Copies
  (none)

Quotations: the 0 most reported of 0 families
END
}

@test "report: --text --top 0 shows no family; --top 0 without --text is a usage error" {
	fixture
	run -0 --separate-stderr cdx copydesk-report --text --top 0 "$TMP/d" "$TMP/q"
	[ "${lines[-1]}" = "Quotations: the 0 most reported of 3 families" ]
	run -2 --separate-stderr cdx copydesk-report --top 0 "$TMP/d" "$TMP/q"
	[[ "$stderr" == *"--top: '0' is not a number from 1 to 100000"* ]]
}

@test "report: --text -o FILE writes the summary to FILE" {
	fixture
	run -0 --separate-stderr cdx copydesk-report --text -o "$TMP/s" "$TMP/d" "$TMP/q"
	[ -z "$output" ]
	[ -s "$TMP/s" ]
	cdx copydesk-report --text "$TMP/d" "$TMP/q" | cmp - "$TMP/s"
}

@test "report: --summary FILE writes the page and the summary from one reading" {
	fixture
	# Standard input can be read only once: both come from that reading.
	run -0 --separate-stderr cdx copydesk-report --summary "$TMP/s" \
		--summary-top 2 - "$TMP/q" < "$TMP/d"
	[[ "$output" == *"<html"* ]]
	[ -s "$TMP/s" ]
	cdx copydesk-report --text --top 2 "$TMP/d" "$TMP/q" | cmp - "$TMP/s"
	cdx copydesk-report - "$TMP/q" < "$TMP/d" | cmp - <(printf '%s\n' "$output")
	# The summary's default is --text's: ten families.
	run -0 cdx copydesk-report -o "$TMP/p" --summary "$TMP/s2" "$TMP/d" "$TMP/q"
	[ -z "$output" ] && [ -s "$TMP/p" ]
	cdx copydesk-report --text "$TMP/d" "$TMP/q" | cmp - "$TMP/s2"
}

@test "report: --summary with rejected records writes both and is status 1" {
	fixture
	printf '{"title":"no id"}\n' >> "$TMP/d"
	run -1 --separate-stderr cdx copydesk-report -o "$TMP/p" --summary "$TMP/s" "$TMP/d" "$TMP/q"
	[[ "$stderr" == *"no string 'id' field"* ]]
	[ -s "$TMP/p" ] && [ -s "$TMP/s" ]
	[[ "$(head -n 1 "$TMP/s")" == "7 documents, "* ]]
}

@test "report: --summary is not for --text; --summary-top needs --summary" {
	fixture
	run -2 --separate-stderr cdx copydesk-report --text --summary "$TMP/s" "$TMP/d"
	[[ "$stderr" == *"--summary writes the summary beside the page"* ]]
	run -2 --separate-stderr cdx copydesk-report --summary-top 3 "$TMP/d"
	[[ "$stderr" == *"--summary-top needs --summary"* ]]
	run -2 --separate-stderr cdx copydesk-report --summary "$TMP/s" --summary-top x "$TMP/d"
	[ ! -e "$TMP/s" ]
	run -0 --separate-stderr cdx copydesk-report -o "$TMP/p" --summary "$TMP/s" --summary-top 0 "$TMP/d" "$TMP/q"
	[ "$(tail -n 1 "$TMP/s")" = "Quotations: the 0 most reported of 3 families" ]
}
