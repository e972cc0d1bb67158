#!/usr/bin/env bats
# fingerprint.bats - copydesk-fingerprint: the `fp` object (SPEC).

load helper

# rec ID TEXT: one record with a JSON-escaped text.
rec() {
	jq -cn --arg id "$1" --arg t "$2" '{id: $id, text: $t}'
}

@test "fingerprint: adds fp with the parameters used" {
	rec a "The quick brown fox jumps over the lazy dog." > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-fingerprint "$TMP/in"
	[ -z "$stderr" ]
	[ "$(jq -c '.fp | [.v, .perm, .shingle, .seed, .words, .shingles]' <<< "$output")" = '[2,128,5,0,9,5]' ]
	[ "$(jq -r '.fp.exact | test("^[0-9a-f]{16}$")' <<< "$output")" = true ]
	[ "$(jq -r '.fp.simhash | test("^[0-9a-f]{16}$")' <<< "$output")" = true ]
	# 128 values of 2 bytes in base64
	[ "$(jq -r '.fp.minhash | length' <<< "$output")" = 344 ]
}

@test "fingerprint: typographic variants, case and spacing give the same exact hash" {
	{
		rec a 'He said “I didn’t go” — twice.'
		rec b 'he SAID "I didn'"'"'t   go" -- twice'
		rec c 'Ｈｅ said I didn’t go twice!'
	} > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-fingerprint "$TMP/in"
	[ "$(jq -r .fp.exact <<< "$output" | sort -u | wc -l)" = 1 ]
}

@test "fingerprint: letters of other scripts are words, case folded" {
	{ rec a 'ПРИВЕТ мир, Ελλάδα'; rec b 'привет МИР ελλάδα'; rec c 'привет мир'; } > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-fingerprint "$TMP/in"
	[ "$(jq -r .fp.words <<< "$output" | tr '\n' ' ')" = "3 3 2 " ]
	[ "$(jq -r .fp.exact <<< "$output" | head -2 | sort -u | wc -l)" = 1 ]
}

@test "fingerprint: --perm and --shingle change the signature" {
	rec a "one two three four five six seven eight" > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-fingerprint --perm 64 --shingle 3 "$TMP/in"
	[ "$(jq -c '.fp | [.perm, .shingle, .shingles, (.minhash | length)]' <<< "$output")" = '[64,3,6,172]' ]
}

@test "fingerprint: --seed changes the MinHash values" {
	rec a "one two three four five six seven eight" > "$TMP/in"
	a=$(cdx copydesk-fingerprint "$TMP/in" | jq -r .fp.minhash)
	b=$(cdx copydesk-fingerprint --seed 7 "$TMP/in" | jq -r .fp.minhash)
	[ -n "$a" ] && [ "$a" != null ] && [ -n "$b" ] && [ "$b" != null ]
	[ "$a" != "$b" ]
}

@test "fingerprint: short texts keep their word trigrams, long ones do not" {
	{ rec short "didn't make any progress"; rec long "$(seq 1 80 | tr '\n' ' ')"; } > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-fingerprint "$TMP/in"
	# 4 words: 2 trigrams of 4 bytes = 8 bytes = 12 base64 characters
	[ "$(jq -r '.fp.grams // "none"' <<< "$output" | head -1 | wc -c)" = 13 ]
	[ "$(jq -r '.fp.grams // "none"' <<< "$output" | tail -1)" = none ]
}

@test "fingerprint: an existing fp is replaced in place" {
	printf '{"id":"a","fp":1,"text":"x y z","z":2}\n' > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-fingerprint "$TMP/in"
	[ "$(jq -c 'keys_unsorted' <<< "$output")" = '["id","fp","text","z"]' ]
}

@test "fingerprint: --field reads another field" {
	printf '{"id":"q","quote":"We will win"}\n' > "$TMP/in"
	run -0 --separate-stderr cdx copydesk-fingerprint --field quote "$TMP/in"
	[ "$(jq .fp.words <<< "$output")" = 3 ]
}

@test "fingerprint: an out-of-range --perm is a usage error" {
	run -2 --separate-stderr cdx copydesk-fingerprint --perm 0 < /dev/null
	[[ "$stderr" == *"--perm"* ]]
}

@test "fingerprint: the same text gives the same fp in every run" {
	rec a "$(seq 1 300 | tr '\n' ' ')" > "$TMP/in"
	cdx copydesk-fingerprint "$TMP/in" > "$TMP/1"
	cdx copydesk-fingerprint "$TMP/in" > "$TMP/2"
	[ "$(jq -r .fp.minhash "$TMP/1" | wc -c)" -gt 100 ]
	cmp "$TMP/1" "$TMP/2"
}

@test "fingerprint: golden output for a small input" {
	golden fingerprint basic
}
