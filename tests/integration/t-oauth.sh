#!/bin/sh
# OAuth 2.0 logins, against the fake server: XOAUTH2 where it is all the
# server offers, OAUTHBEARER (RFC 7628) where it offers both.  The token
# command counts its calls; the server refuses the first token as expired
# (a "+" with the error JSON, then NO) and takes the second.  tern must
# send the exact message of each mechanism, answer the failure as the
# mechanism says, run the command again, log in, and leave the token in
# no log and no cache file.
. "$(dirname "$0")/lib.sh"
set -eu

mock_dir
cat >"$TEST_DIR/token.sh" <<-TOKEN
n=\$(( \$(cat "$TEST_DIR/calls" 2>/dev/null || echo 0) + 1 ))
echo \$n >"$TEST_DIR/calls"
echo "tok-\$n"
TOKEN

# login SCENARIO: tern logs in through the fake server and shows INBOX.
login() {
	rm -f "$TEST_DIR/calls" "$TEST_DIR/port.auth"
	mock_start "$1" "tls = none"
	sed -i '/^password-command/d' "$TEST_DIR/mock.conf"
	echo "oauth2-token-command = sh $TEST_DIR/token.sh" >>"$TEST_DIR/mock.conf"
	tern_restart -c "$TEST_DIR/mock.conf" -d "$TEST_DIR/tern.log"
	wait_for 'hello'
	keys q
	wait_exit
	mock_end
	assert_eq "$TERN_STATUS" 0 "exit status ($1)"
	assert_eq "$(cat "$TEST_DIR/calls")" 2 "token command calls ($1)"
	grep -qx LOGIN "$TEST_DIR/port.commands" && fail "LOGIN sent ($1)"
	if grep -rqF 'tok-' "$TEST_DIR/tern.log" "$TEST_DIR/tern.stderr" \
	    "$TEST_DIR/xdg-cache"; then
		fail "a token was written to a log or the cache ($1)"
	fi
}

login xoauth2
assert_eq "$(cat "$TEST_DIR/port.auth")" "XOAUTH2 b'user=alice\\x01auth=Bearer tok-1\\x01\\x01'
reply b''
XOAUTH2 b'user=alice\\x01auth=Bearer tok-2\\x01\\x01'" "XOAUTH2 exchange"

login oauthbearer
port=$(cat "$TEST_DIR/port")
assert_eq "$(cat "$TEST_DIR/port.auth")" "OAUTHBEARER b'n,a=alice,\\x01host=127.0.0.1\\x01port=$port\\x01auth=Bearer tok-1\\x01\\x01'
reply b'AQ=='
OAUTHBEARER b'n,a=alice,\\x01host=127.0.0.1\\x01port=$port\\x01auth=Bearer tok-2\\x01\\x01'" "OAUTHBEARER exchange"
