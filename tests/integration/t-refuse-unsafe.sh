#!/bin/sh
# Two servers tern must not log in to, each refused at start-up with a
# message naming the reason, exit status 1 and no password sent: one whose
# imap:// port offers no STARTTLS, and one that says LOGINDISABLED and
# offers no other way in.  The fake server records every command it got.
# Last, tls = none for a host that is not loopback: refused before any
# connection, once, not retried as a server that is away.
. "$(dirname "$0")/lib.sh"
set -eu

mock_dir

# refused SCENARIO EXTRA-LINE REASON-REGEX
refused() {
	mock_start "$1" "$2"
	tern_restart -c "$TEST_DIR/mock.conf" -d "$TEST_DIR/tern.log"
	wait_exit
	mock_end
	assert_eq "$TERN_STATUS" 1 "exit status ($1)"
	grep -Eq -- "$3" "$TEST_DIR/tern.stderr" ||
	    fail "stderr does not say '$3': $(cat "$TEST_DIR/tern.stderr")"
	if grep -Eq '^(LOGIN|AUTHENTICATE)$' "$TEST_DIR/port.commands"; then
		fail "tern tried to log in ($1): $(cat "$TEST_DIR/port.commands")"
	fi
	no_secret "$TEST_DIR/tern.log" "$TEST_DIR/tern.stderr"
}

# STARTTLS required by imap://, and this server has none.
refused normal '# STARTTLS required' \
    '127\.0\.0\.1 offers no TLS \(no STARTTLS\): tern will not log in over plain text'
# Plain text to loopback is allowed, but LOGINDISABLED forbids the LOGIN.
refused logindisabled 'tls = none' \
    '127\.0\.0\.1 refuses logins on this connection \(LOGINDISABLED\)'

# 192.0.2.1 (TEST-NET-1) is never reached: the refusal comes first.
printf '[account "far"]\nimap = imap://alice@192.0.2.1:143\ntls = none\n%s\n' \
    "password-command = printf %s $IMAP_PASS" >"$TEST_DIR/far.conf"
tern_restart -c "$TEST_DIR/far.conf" -d "$TEST_DIR/tern.log"
wait_exit
assert_eq "$TERN_STATUS" 1 "exit status (tls = none, not loopback)"
_why='192\.0\.2\.1: refusing to send a password in plain text to a host'
grep -q "$_why that is not loopback" "$TEST_DIR/tern.stderr" ||
    fail "stderr does not give the reason: $(cat "$TEST_DIR/tern.stderr")"
no_secret "$TEST_DIR/tern.log" "$TEST_DIR/tern.stderr"
