#!/usr/bin/env bats
# clean-text.bats - copydesk-clean on text dumps of pages: what a dump
# draws (doubled picture texts, rules across the page, tag clouds, comment
# counts, footers, notes about the writer) and the date and title read
# from the text alone.

load helper

# rec TEXT: write the record {"id":"t","text":TEXT} (TEXT in printf
# format) to $TMP/in.
rec() {
	printf "$1" | jq -Rsc '{id: "t", text: .}' > "$TMP/in"
}

# clean_explain: clean $TMP/in with --explain into $output, checking that
# the text is not empty.
clean_explain() {
	run -0 --separate-stderr cdx copydesk-clean --explain < "$TMP/in"
	[ -n "$(jq -r .text <<<"$output")" ]
}

# date_of TEXT: clean the record of TEXT (printf format) with --explain
# into $output and print the date lifted.
date_of() {
	rec "$1"
	clean_explain
	jq -r .date <<<"$output"
}

# title_of TEXT: clean the record of TEXT (printf format) with --explain
# into $output and print the title lifted.
title_of() {
	rec "$1"
	clean_explain
	jq -r .title <<<"$output"
}

# Headline of the invented article.
H='Fire guts the old library on Harbour Road'

# rule_of TEXT: the rule --explain gives for the removed unit TEXT.
rule_of() {
	jq -r --arg t "$1" '.removed[] | select(.text == $t) | .rule' <<<"$output"
}

# Paragraphs of an invented article.
P1='Fire broke out in the old library on Harbour Road late on Sunday, and crews fought it for six hours before the roof fell in.'
P2='Nobody was hurt, the fire service said, but most of the local history room and its maps of the harbour were lost to the flames.'
P3='The council said it would open a reading room in the school hall next month while it decides whether the building can be saved.'
P4='Volunteers have begun to list what was saved, and residents who lent papers to the library are asked to call the town hall.'

# article_then TAIL: clean the record of the invented article (P1 to P4)
# followed by TAIL (printf format) with --explain into $output, checking
# that only the article is left.
article_then() {
	rec "$P1\n$P2\n$P3\n$P4\n$1"
	clean_explain
	text_is "$P1" "$P2" "$P3" "$P4"
}

# ends_article HEAD LINE: article_then HEAD (printf format) and LINE, a
# prose paragraph, which goes as after the body.
ends_article() {
	article_then "$1\n$2\n"
	[ "$(rule_of "$2")" = after-body ]
}

# heading_over_most HEADING: clean a record whose article has a third of
# its prose above HEADING (printf format) and the rest under it, into
# $output, and check that the prose under it is kept.
heading_over_most() {
	rec "$P1 $P2 $P3\n$1\n$P4\n$P2 $P1\n$P3 $P4\n"
	clean_explain
	jq -e --arg a "$P2 $P1" --arg b "$P3 $P4" '.text | contains($a) and contains($b)' <<<"$output"
}

@test "clean-text: a picture's text written twice, or a button thrice, is an image" {
	rec "$P1\nFlooded street at dawnFlooded street at dawn\n$P2\nGet A Quote Get A Quote Get A Quote\n$P3\n"
	clean_explain
	text_is "$P1" "$P2" "$P3"
	[ "$(rule_of 'Flooded street at dawnFlooded street at dawn')" = image ]
	[ "$(rule_of 'Get A Quote Get A Quote Get A Quote')" = image ]
}

@test "clean-text: a sentence that repeats a phrase, or itself, is no doubled text" {
	rec "$P1\nThe water rose, and rose, and rose.\n$P2\nThe roof is gone. The roof is gone.\n$P3\n"
	clean_explain
	jq -e '.text | contains("and rose, and rose.")' <<<"$output"
	jq -e '.text | contains("The roof is gone. The roof is gone.")' <<<"$output"
}

@test "clean-text: a rule drawn across the page is no paragraph" {
	local rule
	rule=$(printf '━%.0s' $(seq 400))
	rec "$P1\n$rule\n$P2\n"
	clean_explain
	text_is "$P1" "$P2"
	[ "$(rule_of "$rule")" = image ]
}

@test "clean-text: a long line of words without punctuation is no paragraph" {
	local cloud="flood news dam town water rescue shelter council weather rain river storm"
	cloud="$cloud $cloud $cloud $cloud $cloud"
	rec "Home\nNews\nSport\nWeather\n$cloud\nContact\nAbout us\nJobs\nShop\n$P1\n$P2\n"
	clean_explain
	text_is "$P1" "$P2"
}

@test "clean-text: a comment count drawn as a button ends the article" {
	rec "$P1\n$P2\n$P3\n[ 12 comments ]\nI lived by that dam for twenty years and nobody ever listened to us about it, not once.\n"
	clean_explain
	text_is "$P1" "$P2" "$P3"
	[ "$(rule_of '[ 12 comments ]')" = comments ]
}

@test "clean-text: a top rated comments heading ends the article" {
	rec "$P1\n$P2\n$P3\nTop Rated Comments\nI lived by that dam for twenty years and nobody ever listened to us about it, not once, not in all those years.\n"
	clean_explain
	text_is "$P1" "$P2" "$P3"
	[ "$(rule_of 'Top Rated Comments')" = comments ]
}

@test "clean-text: a copyright footer and a supplement notice go, however long" {
	local c='© 2026 The Valley Wire Company. All rights reserved. Use of this site constitutes acceptance of our terms of use and our privacy notice.'
	local f='These statements have not been evaluated by the Food and Drug Administration. This product is not meant to treat any illness at all.'
	rec "$P1\n$P2\n$c\n$P3\n$f\n$P4\n"
	clean_explain
	text_is "$P1" "$P2" "$P3" "$P4"
	[ "$(rule_of "$c")" = credit ]
	[ "$(rule_of "$f")" = legal ]
}

@test "clean-text: the note about the writer at the end goes, with the name above it" {
	local bio='Ann Lee is a staff writer at the Valley Wire covering the courts, the county council and the weather.'
	rec "$P1\n$P2\n$P3\nAnn Lee\n$bio\n"
	clean_explain
	text_is "$P1" "$P2" "$P3"
	[ "$(rule_of "$bio")" = bio ]
	[ "$(rule_of 'Ann Lee')" = bio ]
}

@test "clean-text: a writer named early in the article stays" {
	local s='Ann Lee is a staff writer at the Valley Wire who first reported the cracks in the wall in the spring.'
	rec "$P1\n$s\n$P2\n$P3\n$P4\n"
	clean_explain
	jq -e --arg s "$s" '.text | contains($s)' <<<"$output"
	[ -z "$(rule_of "$s")" ]
}

@test "clean-text: a profile of someone the article does not name goes as bio" {
	local a='Mara holds a degree in fire engineering and has over ten years of experience in safety work. She lives by the sea.'
	local b='Tom Reyes is the founder of Reyes Safety, a firm that trains building managers in fire drills and evacuation plans.'
	rec "$P1\n$P2\n$P3\n$a\n$b\n"
	clean_explain
	text_is "$P1" "$P2" "$P3"
	[ "$(rule_of "$a")" = bio ]
	[ "$(rule_of "$b")" = bio ]
}

@test "clean-text: a profile of someone the article names, or of a thing, stays" {
	local q='Tom Reyes, who trains building managers, said the alarm had been switched off for a month before the fire.'
	local b='Tom Reyes is the founder of Reyes Safety, a firm that trains building managers in fire drills and evacuation plans.'
	local t='Firelog is a handy tool for every safety manager, and the council now uses it in all of its buildings.'
	rec "$P1\n$q\n$P2\n$b\n$t\n"
	clean_explain
	text_is "$P1" "$q" "$P2" "$b" "$t"
}

@test "clean-text: a profile opening with Dr. of someone the article names stays" {
	local q='Tom Reyes, who trains building managers, said the alarm had been switched off for a month before the fire.'
	local b='Dr. Tom Reyes is the founder of Reyes Safety, a firm that trains building managers in fire drills and evacuation plans.'
	rec "$P1\n$q\n$P2\n$b\n"
	clean_explain
	text_is "$P1" "$q" "$P2" "$b"
	local c='Dr. Lena Ortiz is the founder of Ortiz Safety, a firm that trains building managers in fire drills and evacuation plans.'
	rec "$P1\n$q\n$P2\n$c\n"
	clean_explain
	[ "$(rule_of "$c")" = bio ]
}

@test "clean-text: a profile naming the writer of the byline or an About heading goes as bio" {
	local a='Award-winning columnist Mara Quill writes about cities, boats and weather. Her first book came out in the spring.'
	rec "$H\nBy Mara Quill\nMay 4, 2026\n$P1\n$P2\n$P3\n$P4\n$a\n"
	clean_explain
	text_is "$P1" "$P2" "$P3" "$P4"
	[ "$(rule_of "$a")" = bio ]
	local b='Vater von zwei Kindern, lebt Jonas Feld am Meer und schreibt seit zehn Jahren über Häfen, Schiffe und das Wetter an der Küste. Zuvor arbeitete er als Lotse im Hafen und fuhr zwei Jahre lang auf einem Frachter.'
	rec "$P1\n$P2\n$P3\n$P4\nÜber Jonas Feld\nJonas Feld\n$b\n"
	clean_explain
	text_is "$P1" "$P2" "$P3" "$P4"
	[ "$(rule_of "$b")" = bio ]
	[ "$(rule_of 'Über Jonas Feld')" = bio ]
	[ "$(rule_of 'Jonas Feld')" = bio ]
}

@test "clean-text: a profile under a line with the name alone goes as bio, the name lines with it" {
	local a='Nell has spent a decade as a copywriter for the harbour towns of the coast, and she now helps small museums tell their own stories well.'
	local b="I'm Piet, a certified fire safety consultant with a love of old buildings, old maps and the many stories that they keep for us."
	local c
	for c in "Nell Okafor\n$a" "Piet Haan\nPiet Haan\n$b"; do
		rec "$P1\n$P2\n$P3\n$P4\n$c\n"
		clean_explain
		text_is "$P1" "$P2" "$P3" "$P4"
	done
	[ "$(rule_of "$b")" = bio ]
	[ "$(jq '[.removed[] | select(.text == "Piet Haan")] | length' <<<"$output")" = 2 ]
}

@test "clean-text: a paragraph under a name line stays when the body named the person, or it names no trade" {
	local q='Nell Okafor, who runs the museum, said the maps of the harbour had been copied last year.'
	local a='Nell has spent a decade as a copywriter for the harbour towns of the coast, and she now helps small museums tell their own stories well.'
	local b='Nell watched from the bridge as the last wall of the old library came down, and she said that the town had lost a part of its memory.'
	local c
	for c in "$q\n$P2\n$P3\nNell Okafor\n$a" "$P2\n$P3\n$P4\nNell Okafor\n$b"; do
		rec "$P1\n$c\n"
		clean_explain
		jq -e '.text | test("\nNell (has|watched) ")' <<<"$output"
	done
}

@test "clean-text: a paragraph under a heading of a thing's name, or naming someone the article named, stays" {
	local a='Most of the beans come from the hills where the rain falls often, a strip of land known as the Coffee Belt.'
	rec "$P1\n$P2\nThe Coffee Belt\n$a\n$P3\n"
	clean_explain
	text_is "$P1" "$P2" 'The Coffee Belt' "$a" "$P3"
	local q='Mara Quill, who lives across the road, said the flames were higher than the church tower.'
	local b='Neighbour and writer Mara Quill filmed the last hour of the fire from her window. She gave the film to the police.'
	rec "$H\nBy Mara Quill\nMay 4, 2026\n$P1\n$q\n$P2\n$P3\n$b\n"
	clean_explain
	text_is "$P1" "$q" "$P2" "$P3" "$b"
}

@test "clean-text: the points of a list the article makes stay, a list of headlines goes" {
	local a='• check the smoke alarm on every floor once a month' b='• keep the stairs and the doors to them clear of boxes' c='• agree with the family where to meet outside the house'
	local h1='• Council Votes To Rebuild The Old Harbour Road Library' h2='• Ten Things To See In The Valley This Weekend' h3='• Local Team Wins The Cup After A Late Goal'
	rec "$P1 $P2\n\n$P2 $P1\n\nThe fire service gave this advice\n\n$a\n$b\n$c\n\n$P3 $P4\n\n$h1\n$h2\n$h3\n\n$P4 $P3\n"
	clean_explain
	jq -e --arg a "$a" --arg b "$b" --arg c "$c" '.text | contains($a) and contains($b) and contains($c)' <<<"$output"
	[ "$(rule_of "$h1")" = short-run ]
	[ "$(rule_of "$h3")" = short-run ]
}

@test "clean-text: what a line announces with a colon (a listing) stays, mid-article or at its end" {
	local code='shelves = open_archive("east wing of the old building")\nfor shelf in shelves {\nboxes = shelf.boxes_with_water_damage_and_smoke()\nif boxes.count > zero then mark_for_drying(boxes)\nsend_report_to_council(shelf, boxes, "urgent")\n}\nclose_archive(shelves); print_summary_of_the_day()\n'
	rec "$P1 $P2\n\nThe archive team logged each shelf with a short script like this one:\n\n${code}\n$P3 $P4\n\n$P4 $P1\n\nTo check a box yourself, run the same lookup with its number:\n\nlookup(\"box-114\")\nlookup(\"box-115\")\nshow(history)\nWeather\nTraffic\nObituaries\n"
	clean_explain
	jq -e '.text | contains("for shelf in shelves {") and endswith("show(history)")' <<<"$output"
	[ "$(jq '.removed | length' <<<"$output")" = 3 ]
	[ "$(rule_of Traffic)" = after-body ]
}

@test "clean-text: a date line that opens with its cue gives the date, even as a sentence" {
	rec "Fire guts the old library on Harbour Road\nPosted on March 3, 2026 by Ann Lee. Filed under Local news.\n$P1\n$P2\n$P3\n"
	clean_explain
	[ "$(jq -r .date <<<"$output")" = 2026-03-03 ]
}

@test "clean-text: a date at the article's foot, far below the headline, is found" {
	local i
	{
		printf 'Fire guts the old library on Harbour Road\n'
		for i in $(seq 70); do printf '%s Part %d of the account.\n' "$P1" "$i"; done
		printf 'Published March 3, 2026\n'
	} > "$TMP/text"
	jq -Rsc '{id: "t", text: .}' "$TMP/text" > "$TMP/in"
	clean_explain
	[ "$(jq -r .date <<<"$output")" = 2026-03-03 ]
}

@test "clean-text: a cued date line of any length gives the date from its start" {
	local tags="in Local news, Harbour Road, Library, Fire service, Heritage, Council, Insurance, Volunteers, Archives, Books, Rebuilding, Appeals, Weather, Night shift, Town hall, Harbour master, Ferry, Museum, Rare books, Fundraising, Open days"
	[ "$(date_of "$H\nPosted on March 3, 2026March 9, 2026 $tags\n$P1\n$P2\n$P3\n")" = 2026-03-03 ]
}

@test "clean-text: the day the article was originally published comes first" {
	[ "$(date_of "$H\nUpdated March 9, 2026 9:10 AM\n$P1\n$P2\n$P3\nThis account was originally published on 3 Mar 2026 at 4:12pm and has been updated since.\n")" = 2026-03-03 ]
}

@test "clean-text: a numeric date that reads both ways takes the order other dates give" {
	[ "$(date_of "$H\n03/10/2025\n$P1\n$P2\n$P3\nMore: Library fire, a look back - 3 October 2025\n")" = 2025-10-03 ]
	[ "$(date_of "$H\n03/10/2025\n$P1\n$P2\n$P3\n")" = 2025-03-10 ]
	[ "$(date_of "$H\n03.10.2025\n$P1\n$P2\n$P3\nMore from the Gazette\nFerry timetable changes 11.24.2025\n")" = 2025-03-10 ]
}

@test "clean-text: today's date in the site's banner gives way to the date under the headline" {
	local banner="Harbour Gazette Friday, March 13, 2026\nHome\nNews\nSport\nWeather\nOpinion\nArts\nBusiness\nTravel\nPuzzles\nObituaries\nSubscribe"
	[ "$(date_of "$banner\n$H\nMarch 3, 2026\n$P1\n$P2\n$P3\n")" = 2026-03-03 ]
	[ "$(date_of "$banner\n$H\n$P1\n$P2\n$P3\n")" = 2026-03-13 ]
}

@test "clean-text: a line that is only a date gives it, though it ends in a colon" {
	[ "$(date_of "$H\n2026-03-03:\n$P1\n$P2\n$P3\n")" = 2026-03-03 ]
}

@test "clean-text: a cued date line far from the headline, or a date line under the body" {
	local i
	{
		printf '%s\n' "$H"
		for i in $(seq 70); do printf '%s Part %d of the account.\n' "$P1" "$i"; done
		for i in $(seq 30); do printf 'Related story number %d\n' "$i"; done
		printf 'Published On: 3 March 2026\n'
	} > "$TMP/text"
	jq -Rsc '{id: "t", text: .}' "$TMP/text" > "$TMP/in"
	clean_explain
	[ "$(jq -r .date <<<"$output")" = 2026-03-03 ]
	[ "$(date_of "$H\n$P1\n$P2\n$P3\nShare this story\nMarch 3, 2026 \xc2\xb7 6 Comments\n")" = 2026-03-03 ]
}

@test "clean-text: dated items of a list are no dateline; a date alone in the body is the last resort" {
	[ "$(date_of "$H\n\xe2\x80\xa2 [ March 9, 2026 ] Ferry timetable changes for the winter months\n$P1\n$P2\n$P3\nPosted: March 3, 2026\n")" = 2026-03-03 ]
	[ "$(date_of "$H\n\xe2\x80\xa2 March 3, 2026\n$P1\n$P2\n$P3\n")" = 2026-03-03 ]
	local i
	{
		printf '%s\n' "$H"
		for i in $(seq 70); do printf '%s Part %d of the account.\n' "$P1" "$i"; done
		printf 'Mar. 3. 2026\n%s\n%s\n' "$P2" "$P3"
	} > "$TMP/text"
	jq -Rsc '{id: "t", text: .}' "$TMP/text" > "$TMP/in"
	clean_explain
	[ "$(jq -r .date <<<"$output")" = 2026-03-03 ]
}

@test "clean-text: a form field is no headline" {
	rec "Search this website [ ] Search\n$P1\n$P2\n$P3\n"
	clean_explain
	[ "$(jq -r .title <<<"$output")" = null ]
	rec "Fire guts the old library on Harbour Road\nHotel finder [Choose a hotel ] Search\n$P1\n$P2\n$P3\n"
	clean_explain
	[ "$(jq -r .title <<<"$output")" = 'Fire guts the old library on Harbour Road' ]
}

@test "clean-text: a title-cased headline that ends as a question may open the body" {
	local q='Can the Old Library on Harbour Road Be Saved?'
	rec "Weekend events around the harbour towns\n\n$q\n\n$P1\n\n$P2\n\n$P3\n"
	clean_explain
	[ "$(jq -r .title <<<"$output")" = "$q" ]
	text_is "$P1" "$P2" "$P3"
	rec "$q\n\n$P1\n\n$P2\n\n$P3\n"
	clean_explain
	[ "$(jq -r .title <<<"$output")" = "$q" ]
	# a short first paragraph, or a heading in capitals, stays in the body
	for q in 'Can the old library on Harbour Road be saved by the town?' \
		'CAN THE OLD LIBRARY ON HARBOUR ROAD BE SAVED?'; do
		rec "Weekend events around the harbour towns\n\n$q\n\n$P1\n\n$P2\n\n$P3\n"
		clean_explain
		[ "$(jq -r .title <<<"$output")" != "$q" ]
		[ "$(jq -r .text <<<"$output" | head -1)" = "$q" ]
	done
}

@test "clean-text: the full headline, not its shorter form over the body" {
	local h='Fire Guts the Old Library on Harbour Road'
	local b="$h\n\n$P1\n\n$P2\n\n$P3\n"
	[ "$(title_of "$h in Ten Hours\n\nMarch 3, 2026\n\n$b")" = "$h in Ten Hours" ]
	[ "$(title_of "$h: What Was Lost\n\nHome > News > $b")" = "$h: What Was Lost" ]
	# a picture's label that repeats the headline is no fuller one
	[ "$(title_of "$h Hero Image\n\n$b")" = "$h" ]
}

@test "clean-text: a fuller form above another story's headline in a rail is that story's" {
	local w='The Best Walks Around the Harbour'
	local b="$w\n\nMarch 3, 2026\n\n$P1\n\n$P2\n\n$P3\n"
	[ "$(title_of "More stories\n\n$w in Winter\n\nTen Cafes on the Coast Road Worth the Drive This Spring\n\n$b")" = "$w" ]
	# the short entries of a table of contents are no rail
	[ "$(title_of "$w in Winter\n\nWhere to Park\n\nWhat to Bring Along\n\n$b")" = "$w in Winter" ]
}

@test "clean-text: a site's name or an aside after a headline's question mark makes no fuller headline" {
	local q='Is the Old Library Lost?' t
	for t in "$q - The Harbour Gazette" "$q | Harbour Gazette" "$q (Photos)"; do
		[ "$(title_of "$t\n\nMarch 3, 2026\n\n$q\n\n$P1\n\n$P2\n\n$P3\n")" = "$q" ]
	done
	# what goes on after the mark as a headline does is still fuller
	[ "$(title_of "$q What the Town Can Do Now\n\nMarch 3, 2026\n\n$q\n\n$P1\n\n$P2\n\n$P3\n")" = "$q What the Town Can Do Now" ]
}

@test "clean-text: a writer's head glued to the line above still takes the name under it" {
	rec "$H\n\n[Photo of the burnt reading room] Written by\nMara Quinn\n\n$P1\n\n$P2\n\n$P3\n"
	clean_explain
	[ "$(jq -r .byline <<<"$output")" = 'Mara Quinn' ]
	text_is "$P1" "$P2" "$P3"
	local l
	for l in '[Photo of the burnt reading room] Written by:' 'Burnt Reading Room.jpg written by'; do
		rec "$H\n\n$l\nMara Quinn\n\n$P1\n\n$P2\n\n$P3\n"
		clean_explain
		[ "$(jq -r .byline <<<"$output")" = 'Mara Quinn' ]
	done
	# a sentence that ends so is no head
	rec "$H\n\n[Photo of the burnt reading room] The first account of the fire was written by\nMara Quinn\n\n$P1\n\n$P2\n\n$P3\n"
	clean_explain
	[ "$(jq -r .byline <<<"$output")" != 'Mara Quinn' ]
}

@test "clean-text: a title-cased headline over a standfirst in sentence case" {
	local h='Fire Guts the Old Library on Harbour Road'
	local f='Crews fought the fire for six hours before the roof fell in'
	rec "$h\n\n$f\n\nBy Mara Quinn\n\n$P1\n\n$P2\n\n$P3\n"
	clean_explain
	[ "$(jq -r .title <<<"$output")" = "$h" ]
	[ "$(jq -r .byline <<<"$output")" = 'By Mara Quinn' ]
}

@test "clean-text: one list of marks after a name, one rule for a long byline" {
	# a dash parts the name from the date as a bar does
	rec "$H\n\nMara Quinn \xe2\x80\x93 March 3, 2026\n\n$P1\n\n$P2\n\n$P3\n"
	clean_explain
	[ "$(jq -r .byline <<<"$output")" = "$(printf 'Mara Quinn \xe2\x80\x93 March 3, 2026')" ]
	[ "$(jq -r .date <<<"$output")" = 2026-03-03 ]
	# a label before the mark is no name: date words, or words all
	# written small in the article
	local l
	for l in 'Last Updated - March 3, 2026' \
		"$(printf 'Weekly Roundup \xe2\x80\x94 March 3, 2026')" \
		'Press Release | March 3, 2026'; do
		rec "$H\n\n$l\n\n$P1\n\n$P2 The weekly roundup and a press release follow.\n\n$P3\n"
		clean_explain
		[ "$(jq -r .byline <<<"$output")" = null ]
		[ "$(jq -r .date <<<"$output")" = 2026-03-03 ]
	done
	# a line over 80 characters: a mark after the name, wherever it stands
	local b='Written by Mara Quinn-Alvarez de la Fuente Harbourside | Senior Correspondent for the Coast and Harbour Towns'
	rec "$H\n\n$b\n\n$P1\n\n$P2\n\n$P3\n"
	clean_explain
	[ "$(jq -r .byline <<<"$output")" = "$b" ]
	# a list of writers only, however long, wherever it stands
	local w='By Ann Lee, Tom Ray, Bo Li, Al Fox and Jo Kim'
	article_then "$w\n"
	[ "$(jq -r .byline <<<"$output")" = "$w" ]
	# but not a list of a site's sections after a name
	article_then "By Ann Lee In Harbour News, Town Hall News, Coast Road Stories, Local History\n"
	[ "$(jq -r .byline <<<"$output")" = null ]
	# and without a mark or a date it is no byline
	rec "$H\n\nWritten by Mara Quinn-Alvarez de la Fuente Harbourside, Senior Correspondent for the Coast and Harbour Towns\n\n$P1\n\n$P2\n\n$P3\n"
	clean_explain
	[ "$(jq -r .byline <<<"$output")" = null ]
}

@test "clean-text: a site's name after a mark is cut off the headline" {
	local h='Fire Guts the Old Library on Harbour Road'
	rec "$h | The Harbour Gazette\n\nMarch 3, 2026\n\n$P1\n\n$P2\n\n$P3\n"
	clean_explain
	[ "$(jq -r .title <<<"$output")" = "$h" ]
	rec "$h - Part 2\n\nMarch 3, 2026\n\n$P1\n\n$P2\n\n$P3\n"
	clean_explain
	[ "$(jq -r .title <<<"$output")" = "$h" ]
	# a long part after the mark, or a short one before it, stays
	for t in "$h - What the Town Lost That Night" 'Opinion | Fire Guts the Library'; do
		rec "$t\n\nMarch 3, 2026\n\n$P1\n\n$P2\n\n$P3\n"
		clean_explain
		[ "$(jq -r .title <<<"$output")" = "$t" ]
	done
	# names after names go one by one, and --explain shows them
	rec "$h | News | The Harbour Gazette\n\nMarch 3, 2026\n\n$P1\n\n$P2\n\n$P3\n"
	clean_explain
	[ "$(jq -r .title <<<"$output")" = "$h" ]
	[ "$(rule_of "$h")" = title ]
	[ "$(rule_of '| News | The Harbour Gazette')" = title-site ]
}

@test "clean-text: a headline's own words after a mark are no site's name" {
	local t
	for t in 'Harbour Rovers Win a Cup Final Thriller, 31 - 28' \
		'The Harbour Library Reading Room, 1987 - 2026' \
		'The Library Fire Was No Accident - Here'"'"'s Why' \
		'Walking the Coast Road to the Harbour - And Back' \
		'How to Mend a Dripping Kitchen Tap - Step by Step' \
		'A Weekend Break in the Harbour Towns - Under $200'; do
		rec "$t\n\nMarch 3, 2026\n\n$P1\n\n$P2\n\n$P3\n"
		clean_explain
		[ "$(jq -r .title <<<"$output")" = "$t" ]
	done
}

@test "clean-text: a caption that opens as agencies write them goes" {
	local c="In this photo taken on Sunday, firefighters spray water on the roof of the old library on Harbour Road as smoke rises over the harbour."
	rec "$P1\n$c\n$P2\n$P3\n"
	clean_explain
	text_is "$P1" "$P2" "$P3"
	[ "$(rule_of "$c")" = caption ]
}

@test "clean-text: three dated teasers of other articles in a row end the article" {
	local t i
	t="$P1\n$P2\n$P3\n$P4\nMore from the Harbour Gazette\n"
	for i in north south west; do
		t="${t}Ferry service to the $i islands cut for winter\nMara Quinn ${i^}\nMonday, November 3, 2025\nThe $i island ferry will run twice a week from December, the operator said, after a year of falling ticket sales and rising fuel costs.\n"
	done
	rec "$t"
	clean_explain
	text_is "$P1" "$P2" "$P3" "$P4"
}

@test "clean-text: a writer's box heading under the article ends it" {
	ends_article "Written by\nMara Quinn" 'The Harbour Gazette has told the stories of the coast since 1921, and its readers, who own it together, meet every spring to elect its board.'
}

@test "clean-text: an author heading over most of the article does not end it" {
	heading_over_most "Author\nMara Quinn"
}

@test "clean-text: a sources heading under the article ends it" {
	local src='Harbour Road fire service, incident report, 12 November 2025, page 4 of the summary issued to the press office.'
	article_then "Sources\n$src\n"
	[ "$(rule_of Sources)" = sources ]
}

@test "clean-text: three teasers each under a read-more link end the article" {
	local t i
	t=
	for i in north south west; do
		t="${t}Ferry service to the $i islands cut for winter\nThe $i island ferry will run twice a week from December, the operator said, after a year of falling ticket sales and a summer of storms that kept the boats in port.\nRead more >\n"
	done
	article_then "$t"
	[ "$(rule_of 'Ferry service to the north islands cut for winter')" = after-body ]
}

@test "clean-text: read-more links inside a roundup that is most of the article stay" {
	local t i
	t="$P1\n"
	for i in north south west east; do
		t="${t}Ferry service to the $i islands cut for winter\nThe $i island ferry will run twice a week from December, the operator said, after a year of falling ticket sales and a summer of storms that kept the boats in port.\nRead more\n"
	done
	rec "$t"
	clean_explain
	[ "$(jq '[.text | scan("island ferry will run")] | length' <<<"$output")" = 4 ]
}

@test "clean-text: dated entries without a writer's line stay" {
	local t i
	t="$P1\n$P2\n"
	for i in 1 2 3; do
		t="${t}Monday, November $i, 2025\nThe library board met again on day $i of the inquiry and heard from the architects who surveyed the building last spring.\n"
	done
	rec "$t"
	clean_explain
	[ "$(jq '[.text | scan("inquiry")] | length' <<<"$output")" = 3 ]
}

@test "clean-text: an unannounced listing of code does not cut the article in two" {
	local code='// count the boxes of one shelf\nfunc countBoxes(shelf *Shelf) int {\nn := len(shelf.Boxes)\nif n == 0 && shelf.Wet {\nlog.Printf("shelf %%s is empty", shelf.Name)\n}\nreturn n\n}\nsort.Slice(boxes, byAge)\nwindow.archive.reload(shelf, "east wing");\nfmt.Println(total, "boxes counted so far")\nreport := newReport(cfg, shelves)\n'
	local tail='helper := newHelper(cfg)\nhelper.Run(ctx, "nightly")\nwindow.tracker.push(event);\n'
	rec "$P1 $P2\n\n${code}\n$P3 $P4\n\n$P4 $P1\n\n${tail}"
	clean_explain
	jq -e --arg a "$P2" --arg b "$P3" '.text | contains($a) and contains($b)' <<<"$output"
	[ "$(rule_of 'helper.Run(ctx, "nightly")')" = after-body ]
}

@test "clean-text: a cookie consent panel and its table go; cookies in the article stay" {
	local notice='This website uses cookies so that the pages load faster for you and so that we can count visits. Some of the cookies are needed for the pages to work at all, and they are kept in your browser. Others help us see which pages are read most, and they are kept only if you agree. You can say no to them, but the site may work less well for you then, and some of its pages may not open.'
	rec "$P1 $P2\n\nVolunteers baked cookies for the crews and handed them out at the gate until the last engine left.\n\n$P3 $P4\n\n${notice}\nNecessary cookies are needed for the site to work and cannot be turned off.\nCookie Duration Description\nsitevisit 1 year The counter sets this cookie to tell a first visit from a later one.\nlang session This cookie is set by the language switcher to remember your choice.\nAdvertisement cookies show you offers from our partners.\n"
	clean_explain
	jq -e '.text | contains("Volunteers baked cookies") and (contains("sets this cookie") | not)' <<<"$output"
	[ "$(rule_of 'Cookie Duration Description')" = cookies ]
	[ "$(rule_of 'Necessary cookies are needed for the site to work and cannot be turned off.')" = cookies ]
	[ "$(rule_of 'Advertisement cookies show you offers from our partners.')" = cookies ]
	[ "$(jq -r --arg t "$notice" '.removed[] | select(.text == $t) | .rule' <<<"$output")" = cookies ]
}

@test "clean-text: a site's disclaimer under the article goes at any length" {
	local note='The articles on this blog are for informational purposes only and do not replace the advice of a trained safety officer. We check what we write, but the rules of each town differ and change over time, so ask your own fire service before you act on anything you read here. We are not liable for any loss that comes from using these pages, and links to other sites are given only as a help to readers, not as an endorsement of them or of their owners.'
	rec "$P1 $P2\n\n$P3 $P4\n\n${note}\n"
	clean_explain
	text_is "$P1 $P2" "$P3 $P4"
	[ "$(jq -r --arg t "$note" '.removed[] | select(.text == $t) | .rule' <<<"$output")" = legal ]
}

@test "clean-text: a long list of records is the page's data, though prose in a sidebar outweighs each line" {
	local t i
	t='Menu\nHome\nContact\nHarbour Regatta 2026 dates\nMonday, March 2, 2026\nShare this\n'
	for i in $(seq 1 12); do t="${t}Race $i: $((i + 2)) May - Pier Point North\n"; done
	t="${t}Share this\nTags\nregatta, harbour regatta dates, sailing club races, pier point\nClub news\nTide tables\nJoin the club\nMember login\nOur sponsors\nMore from the club\n"
	t="${t}See the tide tables for every weekend of the season, with the times of high and low water at the pier and the harbour mouth, the wind forecasts for each race day, the moorings free for visitors and the prices of a night at the pontoon.\nPhotos\n"
	t="${t}Our photo gallery shows the best moments of last season from the harbour, the pier and the club house, with pictures sent in by members and by the crews.\nAbout us\n"
	rec "$t"
	clean_explain
	jq -e '.text | contains("Race 1: 3 May - Pier Point North") and contains("Race 12: 14 May")' <<<"$output"
	# a short list (a standings box) beside an article stays out of it
	t="$P1\n$P2\n$P3\n$P4\nShare this\nTags\nClub news\nTide tables\nJoin the club\nStandings\n"
	for i in $(seq 1 5); do t="${t}$i Boat Number $i - $((20 - i)) points\n"; done
	rec "$t"
	clean_explain
	text_is "$P1" "$P2" "$P3" "$P4"
}

@test "clean-text: a block heading's words are whole words: \"More information\" is no \"More in\" heading" {
	rec "$P1\n$P2\nMore information for residents\n• Bring the books you borrowed back to the school hall on any weekday\n• Call the town hall if you lent papers to the history room\n$P3\n$P4\nMore in Local News\nHarbour Road closed for a week\nNew ferry timetable\n"
	clean_explain
	text_is "$P1" "$P2" "More information for residents" \
		"• Bring the books you borrowed back to the school hall on any weekday" \
		"• Call the town hall if you lent papers to the history room" "$P3" "$P4"
	[ "$(rule_of 'More in Local News')" = related ]
	# a heading glued to the next word by the dump is still one
	rec "$P1\n$P2\n$P3\n$P4\nMost ReadWEEKMONTH\nHarbour Road closed for a week\nNew ferry timetable\n"
	clean_explain
	[ "$(rule_of 'Most ReadWEEKMONTH')" = related ]
}

@test "clean-text: links to other stories under most of the article end it; higher up they go alone" {
	local links='Related stories\nFerry service to the islands cut for winter\nSchool fete raises a record sum\n'
	local t1='The ferry to the north islands will run twice a week from December, the operator said, after a year of falling ticket sales and rising fuel costs.'
	rec "$P1 $P2\n$P3 $P4\n$P4 $P1\n$P2 $P3\n${links}${t1}\nContact us\n"
	clean_explain
	text_is "$P1 $P2" "$P3 $P4" "$P4 $P1" "$P2 $P3"
	[ "$(rule_of "$t1")" = after-body ]
	rec "$P1\n${links}$P2\n$P3\n$P4\n"
	clean_explain
	text_is "$P1" "$P2" "$P3" "$P4"
	[ "$(rule_of 'Related stories')" = related ]
}

@test "clean-text: a blog's recent or popular posts are links to other stories" {
	local h t1='The ferry to the north islands will run twice a week from December, the operator said, after a year of falling ticket sales and rising fuel costs.'
	for h in 'Recent Posts' 'Popular articles'; do
		rec "$P1 $P2\n$P3 $P4\n$P4 $P1\n$P2 $P3\n$h\nFerry service to the islands cut for winter\nSchool fete raises a record sum\n$t1\n"
		clean_explain
		text_is "$P1 $P2" "$P3 $P4" "$P4 $P1" "$P2 $P3"
		[ "$(rule_of "$h")" = related ]
	done
}

# Paragraphs opening an invented roundup of tents, the last pointing below
# at the list (roundup_then gives the list's own words).
T1='Autumn is the season for a new tent, and the shops have cut their prices on the models we tested on the hills this summer, from light tents for one walker to cabins for a family of five.'
T2='Every tent was bought in a shop at its full price, and none of the makers knew that we were testing them or saw this review before it was published.'

# roundup_then LAST LIST: clean the record of T1, T2, LAST and LIST (printf
# format) with --explain into $output.
roundup_then() {
	rec "$T1\n$T2\n$1\n$2"
	clean_explain
}

@test "clean-text: the list a body points to below stays under a links heading that would end it" {
	local cards= n
	for n in two three four five six; do
		cards="${cards}Fell Light for $n\n• Weighs under $n kilos with its poles\n• Sleeps $n walkers with their packs and boots\n\$149.00\nBuy Now\n"
	done
	cards="Editor's Picks\n${cards}Prices were checked on Monday and may change at any time.\n"
	roundup_then 'We slept in each of them through wind and rain for a week. Our five favourites are listed below, with what each costs today.' "$cards"
	jq -e '.text | contains("Sleeps four walkers") and contains("Fell Light for six")' <<<"$output"
	# a pointer to the comments, or none, promises no list
	for n in 'Tell us about your own tent in the comments below.' 'Our five favourites follow, with what each costs today.'; do
		roundup_then "We slept in each of them through wind and rain for a week. $n" "$cards"
		[ "$(rule_of '• Sleeps four walkers with their packs and boots')" = related ]
	done
}

@test "clean-text: the list a body points to below stays as a grid of teasers" {
	local t= i
	for i in North South West East; do
		t="${t}[tent-$i-photo]\nThe $i Ridge tent for walkers on a budget\nIt kept us dry on the $i ridge through two nights of hard rain. It packs down small enough to fit in a day bag, and its poles are marked so that it goes up fast.\nRead more\n"
	done
	roundup_then 'We slept in each of them through wind and rain for a week. Our four favourites are listed below, each with a link to our full review.' "$t"
	[ "$(jq '[.text | scan("Ridge tent for walkers")] | length' <<<"$output")" = 4 ]
	roundup_then 'We slept in each of them through wind and rain for a week. Tell us about your own tent in the comments below.' "$t"
	[ "$(rule_of 'The East Ridge tent for walkers on a budget')" = after-body ]
}
