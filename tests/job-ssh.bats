#!/usr/bin/env bats
# job-ssh.bats - copydesk-job -S: the sharded job with this machine's own
# sshd on 127.0.0.1 as a second host (its own port, host key,
# authorized_keys and config in the test's directory).  Skips with a
# message where sshd cannot be started (not root, no sshd, no rsync).

load helper

export COPYDESK_BIN="$CD_BIN"

# start_sshd: sshd -D on 127.0.0.1 at a free port, for the key in
# $TMP/ssh/id; $TMP/ssh/config names it host "cdtest".  Skips when it
# cannot start.
start_sshd() {
	local d="$TMP/ssh" port i
	[ "$(id -u)" -eq 0 ] || skip "not root: cannot start sshd"
	[ -x /usr/sbin/sshd ] || skip "sshd is not installed"
	command -v ssh-keygen >/dev/null || skip "ssh-keygen is not installed"
	command -v rsync >/dev/null || skip "rsync is not installed"
	command -v parallel >/dev/null || skip "GNU parallel is not installed"
	mkdir -p "$d" /run/sshd
	ssh-keygen -q -t ed25519 -N '' -f "$d/host_key"
	ssh-keygen -q -t ed25519 -N '' -f "$d/id"
	cp "$d/id.pub" "$d/authorized_keys"
	port=$((20000 + RANDOM % 20000))
	cat > "$d/sshd_config" <<-END
	Port $port
	ListenAddress 127.0.0.1
	HostKey $d/host_key
	AuthorizedKeysFile $d/authorized_keys
	PidFile $d/sshd.pid
	StrictModes no
	PasswordAuthentication no
	KbdInteractiveAuthentication no
	PermitRootLogin prohibit-password
	UsePAM no
	END
	cat > "$d/config" <<-END
	Host cdtest
	  HostName 127.0.0.1
	  Port $port
	  User $(id -un)
	  IdentityFile $d/id
	  IdentitiesOnly yes
	  BatchMode yes
	  StrictHostKeyChecking no
	  UserKnownHostsFile /dev/null
	  LogLevel ERROR
	END
	/usr/sbin/sshd -f "$d/sshd_config" -D -E "$d/log" &
	SSHD=$!
	for i in 1 2 3 4 5 6 7 8 9 10; do
		ssh -F "$d/config" cdtest true 2>/dev/null && break
		sleep 0.5
	done
	ssh -F "$d/config" cdtest true 2>/dev/null ||
		skip "sshd did not start on 127.0.0.1:$port: $(tail -n 1 "$d/log")"
	export PARALLEL_SSH="ssh -F $d/config"
}

teardown() {
	if [ -n "${SSHD:-}" ]; then
		kill "$SSHD" 2>/dev/null || true
		wait "$SSHD" 2>/dev/null || true
	fi
	rm -rf "$TMP"
}

@test "job-ssh: copydesk-job -S here and on 127.0.0.1 gives the single-process result" {
	start_sshd
	"$ROOT/scripts/copydesk-job" -q -o "$TMP/one" "$EXAMPLES/articles"
	run -0 --separate-stderr "$ROOT/scripts/copydesk-job" -q -j 2 \
		-S ":,cdtest" -o "$TMP/two" "$EXAMPLES/articles"
	[ -z "$stderr" ] || { echo "stderr: $stderr"; false; }
	[ -s "$TMP/one/docs.jsonl" ] && [ -s "$TMP/one/quotes.jsonl" ]
	cmp <(sort "$TMP/one/docs.jsonl") <(sort "$TMP/two/docs.jsonl")
	cmp <(sort "$TMP/one/quotes.jsonl") <(sort "$TMP/two/quotes.jsonl")
	cmp "$TMP/one/docs.jsonl" "$TMP/two/docs.jsonl"
	# Shards did go through sshd.
	grep -q 'Accepted publickey' "$TMP/ssh/log"
}

@test "job-ssh: copydesk-job -S with the second host only gives the single-process result" {
	start_sshd
	"$ROOT/scripts/copydesk-job" -q -o "$TMP/one" "$EXAMPLES/articles.tar.gz"
	run -0 --separate-stderr "$ROOT/scripts/copydesk-job" -q -j 1 \
		-S cdtest -o "$TMP/two" "$EXAMPLES/articles.tar.gz"
	[ -s "$TMP/one/docs.jsonl" ] && [ -s "$TMP/one/quotes.jsonl" ]
	cmp <(sort "$TMP/one/docs.jsonl") <(sort "$TMP/two/docs.jsonl")
	cmp <(sort "$TMP/one/quotes.jsonl") <(sort "$TMP/two/quotes.jsonl")
	grep -q 'Accepted publickey' "$TMP/ssh/log"
}
