#!/bin/sh
# SMTP logins with an OAuth 2.0 token: XOAUTH2 (forced with smtp-auth) and
# OAUTHBEARER (chosen where offered).  The token command counts its calls;
# the server refuses the first token with RFC 7628's error (a 334 with the
# JSON), which tern must answer as the mechanism says (an empty line for
# XOAUTH2, ^A for OAUTHBEARER) before the 535; then the command runs once
# more and the second token is taken.  No token in any log.  Dovecot is
# down here (it has no OAuth): the copy for Sent is kept for later.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/send-lib.sh"
set -eu

dovecot_start
dovecot_stop
cat >"$TEST_DIR/token.sh" <<-TOKEN
n=\$(( \$(cat "$TEST_DIR/calls" 2>/dev/null || echo 0) + 1 ))
echo \$n >"$TEST_DIR/calls"
echo "tok-\$n"
TOKEN

# oauth MECH REPLY [SETTING]: a send through MECH, the error answered
# with REPLY (as the server prints it).
oauth() {
	_mech=$1
	_reply=$2
	shift 2
	rm -f "$TEST_DIR/calls" "$TEST_DIR/smtpd.log"
	smtpd_start --token tok-2
	send_config "oauth2-token-command = sh $TEST_DIR/token.sh" "$@"
	sed -i '/^password-command/d' "$CONFIG"
	set -- "$_mech" "$_reply"
	send_message "$TEST_DIR/msg" "Token $1"
	send_run -n -f alice@example.org -r bob@example.org "$TEST_DIR/msg" ||
	    fail "$1: not sent: $(sent_line)"
	same_bytes "$TEST_DIR/msg" "$SMTP_DIR/1.eml"
	assert_eq "$(cat "$TEST_DIR/calls")" 2 "$1: token command runs"
	grep -qxF "auth $1 refused" "$TEST_DIR/smtpd.log" ||
	    fail "$1: the first token was not tried"
	grep -qxF "auth $1 error acknowledged with $2" "$TEST_DIR/smtpd.log" ||
	    fail "$1: the error was not answered with $2"
	grep -qxF "auth $1 ok" "$TEST_DIR/smtpd.log" ||
	    fail "$1: the second token was not taken"
	for _f in "$TEST_DIR/tern.log" "$TEST_DIR/send.out" \
	    "$TEST_DIR"/xdg-cache/tern/*; do
		if grep -qa 'tok-[0-9]' "$_f"; then
			fail "$1: a token is in $(basename "$_f")"
		fi
	done
	smtpd_stop
}

oauth XOAUTH2 "b''" 'smtp-auth = xoauth2'
oauth OAUTHBEARER "b'\\x01'"
