#!/usr/bin/env bats
# copydesk.bats - the front: `copydesk CMD` runs copydesk-CMD (copydesk(1)).

load helper

PROGRAMS="split clean fingerprint group quote"

# first_built [NAME...]: set p to the first of NAMEs (default: all our
# programs) that is built, or skip the test.
first_built() {
	for p in ${*:-$PROGRAMS}; do
		[ -x "$CD_BIN/copydesk-$p" ] && return 0
	done
	skip "no copydesk-* program is built yet"
}

@test "copydesk: --help lists every program" {
	run -0 --separate-stderr cdx copydesk --help
	[ -z "$stderr" ]
	for p in $PROGRAMS; do
		grep -Eq "^  $p +[a-z]" <<<"$output" || { echo "no $p in help"; false; }
	done
}

@test "copydesk: --help starts with the usage line" {
	run -0 --separate-stderr cdx copydesk --help
	[ "${lines[0]}" = "usage: copydesk [--help | --version] COMMAND [ARG ...]" ]
}

@test "copydesk: usage line matches the man page SYNOPSIS" {
	command -v mandoc >/dev/null || skip "mandoc is not installed"
	run -0 --separate-stderr cdx copydesk --help
	local help=${lines[0]#usage: }
	local man
	man=$(mandoc -Tascii "$ROOT/man/copydesk.1" | col -b |
		sed -n '/^SYNOPSIS/{n;p;}' | sed 's/^ *//')
	[ "${help,,}" = "${man,,}" ]
}

@test "copydesk: -h is --help" {
	run -0 --separate-stderr cdx copydesk --help
	local long=$output
	run -0 --separate-stderr cdx copydesk -h
	[ "$output" = "$long" ]
}

@test "copydesk: --version prints the version of VERSION" {
	run -0 --separate-stderr cdx copydesk --version
	[ "${lines[0]}" = "copydesk $(cat "$ROOT/VERSION")" ]
	[ -z "$stderr" ]
}

@test "copydesk: --version lists the linked libraries" {
	run -0 --separate-stderr cdx copydesk --version
	[[ "${lines[1]}" == libraries:*zlib*utf8proc*xxhash*isa-l*libxml2* ]]
}

@test "copydesk: split --help runs copydesk-split" {
	[ -x "$CD_BIN/copydesk-split" ] || skip "copydesk-split is not built yet"
	run -0 --separate-stderr cdx copydesk split --help
	[[ "${lines[0]}" == "usage: copydesk-split "* ]]
	[ "${lines[-1]}" = "See copydesk-split(1)." ]
}

@test "copydesk: CMD --version prints the program's version" {
	local p
	first_built
	run -0 --separate-stderr cdx copydesk "$p" --version
	[ "$output" = "copydesk-$p $(cat "$ROOT/VERSION")" ]
}

@test "copydesk: passes standard input and output through" {
	local p
	first_built
	printf '{"id":"a","text":"Nobody should go back."}\n' > "$TMP/in"
	cdx "copydesk-$p" < "$TMP/in" > "$TMP/direct" 2>/dev/null || true
	cdx copydesk "$p" < "$TMP/in" > "$TMP/front" 2>/dev/null || true
	[ -s "$TMP/front" ]
	cmp "$TMP/direct" "$TMP/front"
}

@test "copydesk: passes the command's exit status through" {
	local p
	first_built fingerprint group quote clean
	printf 'not json\n' > "$TMP/bad"
	run -1 --separate-stderr cdx copydesk "$p" "$TMP/bad"
	[[ "$stderr" == *"copydesk-$p: $TMP/bad:1: "* ]]
}

@test "copydesk: unknown command exits 2" {
	run -2 --separate-stderr cdx copydesk frobnicate
	[ -z "$output" ]
	[[ "${stderr_lines[0]}" == "copydesk: 'frobnicate' is not a copydesk command" ]]
	[[ "$stderr" == *"usage: copydesk "* ]]
}

@test "copydesk: unknown option exits 2" {
	run -2 --separate-stderr cdx copydesk --frobnicate
	[ -z "$output" ]
	[[ "${stderr_lines[0]}" == "copydesk: unknown option '--frobnicate'" ]]
}

@test "copydesk: no command exits 2" {
	run -2 --separate-stderr cdx copydesk
	[ -z "$output" ]
	[[ "$stderr" == "copydesk: "* ]]
}

@test "copydesk: a program beside it wins over one in PATH" {
	local p
	first_built
	mkdir "$TMP/fake"
	printf '#!/bin/sh\necho fake\n' > "$TMP/fake/copydesk-$p"
	chmod +x "$TMP/fake/copydesk-$p"
	PATH="$TMP/fake:$PATH" run -0 --separate-stderr cdx "$CD_BIN/copydesk" "$p" --version
	[ "$output" = "copydesk-$p $(cat "$ROOT/VERSION")" ]
}

@test "copydesk: falls back to a program in PATH" {
	mkdir "$TMP/solo" "$TMP/fake"
	cp "$CD_BIN/copydesk" "$TMP/solo/"
	printf '#!/bin/sh\necho "fake $*"\n' > "$TMP/fake/copydesk-group"
	chmod +x "$TMP/fake/copydesk-group"
	PATH="$TMP/fake:/usr/bin:/bin" run -0 --separate-stderr "$TMP/solo/copydesk" group --x y
	[ "$output" = "fake --x y" ]
}

@test "copydesk: a known command that is not installed exits 1" {
	mkdir "$TMP/solo"
	cp "$CD_BIN/copydesk" "$TMP/solo/"
	PATH="/usr/bin:/bin" run -1 --separate-stderr "$TMP/solo/copydesk" quote
	[ -z "$output" ]
	[[ "$stderr" == "copydesk: copydesk-quote: "* ]]
}

@test "copydesk: man pages copydesk.1 and copydesk.7 are lint-clean" {
	command -v mandoc >/dev/null || skip "mandoc is not installed"
	run -0 --separate-stderr mandoc -Tlint -Wwarning "$ROOT/man/copydesk.1" "$ROOT/man/copydesk.7"
	[ -z "$output$stderr" ]
}

@test "copydesk: an installed copy finds its data files under any PREFIX" {
	[ -x "$ROOT/bin/copydesk-quote" ] || skip "bin/ is not built"
	make -s -C "$ROOT" install DESTDIR="$TMP/inst" PREFIX=/opt/cd > /dev/null
	[ -f "$TMP/inst/opt/cd/share/copydesk/cue-verbs.txt" ]
	run -0 --separate-stderr env -u COPYDESK_DATADIR \
		"$TMP/inst/opt/cd/bin/copydesk-quote" <<<'{"id":"a","text":"\"We won,\" said Ann Lee."}'
	[ "$(jq -r .speaker <<<"$output")" = "Ann Lee" ]
	make -s -C "$ROOT" uninstall DESTDIR="$TMP/inst" PREFIX=/opt/cd
	[ ! -e "$TMP/inst/opt/cd/bin/copydesk-quote" ]
}
