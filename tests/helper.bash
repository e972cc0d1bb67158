# helper.bash - loaded by every bats file (STYLE §9).
#
# CD_BIN names the directory of the programs under test (bin/ by default,
# build/asan/bin under `make check`).  CD_EXEC may prefix every program run
# (for example "valgrind -q --error-exitcode=99").  SHARED points at
# ../shared when it is there; tests that need it call need_shared.

bats_require_minimum_version 1.5.0

ROOT=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
CD_BIN=${CD_BIN:-$ROOT/bin}
export PATH="$CD_BIN:$PATH"
export LC_ALL=C TZ=UTC
export COPYDESK_DATADIR="$ROOT/data"
SHARED=${SHARED:-$(cd "$ROOT/.." && pwd)/shared}
EXAMPLES="$ROOT/examples"

setup() {
	TMP=$(mktemp -d "${BATS_TMPDIR:-/tmp}/copydesk.XXXXXX")
}

teardown() {
	rm -rf "$TMP"
}

# need_shared: skip the test with a clear message when ../shared is absent.
need_shared() {
	[ -d "$SHARED/${1:-}" ] || skip "../shared${1:+/$1} is not present"
}

# cdx PROG ARGS...: run a copydesk program, through $CD_EXEC when set.
cdx() {
	${CD_EXEC:-} "$@"
}

# field_is FIELD PARA...: the member FIELD of the record in $output is
# the paragraphs PARA joined by one blank line, and not empty.
field_is() {
	local f=$1 got
	shift
	got=$(jq -r --arg f "$f" '.[$f]' <<<"$output")
	[ -n "$got" ] || { echo "no $f in: $output"; return 1; }
	# $(...) drops the blank line printf leaves after the last one
	[ "$got" = "$(printf '%s\n\n' "$@")" ]
}

# text_is PARA...: field_is text.
text_is() {
	field_is text "$@"
}

# golden PROG CASE: run tests/golden/PROG/CASE.{args,in} and compare stdout,
# stderr and status with CASE.out, CASE.err, CASE.status, all three
# required (scripts/update-golden writes them).
golden() {
	local dir="$ROOT/tests/golden/$1" case=$2 args=()
	[ -f "$dir/$case.args" ] && read -r -a args < "$dir/$case.args"
	local status=0 f
	for f in out err status; do
		[ -f "$dir/$case.$f" ] || { echo "$dir/$case.$f is missing: run scripts/update-golden"; return 1; }
	done
	[ -s "$dir/$case.out" ] || [ -s "$dir/$case.err" ] || { echo "$dir/$case pins nothing"; return 1; }
	(cd "$ROOT" && cdx "copydesk-$1" "${args[@]}" < "$dir/$case.in") \
		> "$TMP/out" 2> "$TMP/err" || status=$?
	diff -u "$dir/$case.out" "$TMP/out"
	diff -u "$dir/$case.err" "$TMP/err"
	[ "$status" = "$(cat "$dir/$case.status")" ]
}
