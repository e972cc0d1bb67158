#!/usr/bin/env bats
# man-examples.bats - every example command of the man pages runs (STYLE
# §9, jq's man.test): scripts/man-examples pulls them from the EXAMPLES
# sections; each page's commands run in order in a fresh directory that
# holds examples/, with pipefail, and must exit 0 with some output (on
# stdout when they end in a program or jq).  The example for remote hosts
# (from the first --sshlogin command on) is left out; /tmp/copydesk-out is
# the test's directory.
load helper

# run_examples PAGE: run the examples of man/PAGE; fail naming each one
# that failed.
run_examples() {
	local page=$ROOT/man/$1 cmd failed=0 n=0 st
	mkdir -p "$TMP/run"
	ln -s "$EXAMPLES" "$TMP/run/examples"
	while IFS= read -r cmd; do
		[[ $cmd == *--sshlogin* ]] && break
		cmd=${cmd//\/tmp\/copydesk-out/$TMP/out}
		n=$((n + 1))
		st=0
		(cd "$TMP/run" && bash -o pipefail -c "$cmd") > "$TMP/stdout" 2> "$TMP/stderr" || st=$?
		if [ "$st" != 0 ]; then
			echo "status $st: $cmd"; head -c 300 "$TMP/stderr"; failed=1
		elif [ ! -s "$TMP/stdout" ] && [[ ${cmd##*| } == @(jq|copydesk)* ]] &&
			[[ $cmd != *">"* ]]; then
			echo "no output: $cmd"; failed=1
		fi
	done < <("$ROOT/scripts/man-examples" "$page")
	[ "$n" -gt 0 ] || { echo "no examples in $1"; return 1; }
	return "$failed"
}

@test "man examples: copydesk(1)" { run_examples copydesk.1; }
@test "man examples: copydesk(7)" { run_examples copydesk.7; }
@test "man examples: copydesk-split(1)" { run_examples copydesk-split.1; }
@test "man examples: copydesk-clean(1)" { run_examples copydesk-clean.1; }
@test "man examples: copydesk-fingerprint(1)" { run_examples copydesk-fingerprint.1; }
@test "man examples: copydesk-group(1)" {
	command -v parallel > /dev/null || skip "GNU parallel is not installed"
	run_examples copydesk-group.1
}
@test "man examples: copydesk-quote(1)" { run_examples copydesk-quote.1; }
@test "man examples: copydesk-job(1)" {
	command -v parallel > /dev/null || skip "GNU parallel is not installed"
	PATH="$ROOT/scripts:$PATH" run_examples copydesk-job.1
}
