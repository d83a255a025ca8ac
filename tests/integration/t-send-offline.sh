#!/bin/sh
# Sending while the IMAP server is away: a message the SMTP server cannot
# take either is kept in the cache file for Drafts, and the copy of one it
# took is kept for Sent; once Dovecot is back, the next login puts each in
# its folder, byte for byte, and the cache keeps neither.  The password is
# in no log and not in the cache file.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/send-lib.sh"
set -eu
need sqlite3

dovecot_start
seed
# Nothing listens there: the SMTP server is down too.
# shellcheck disable=SC2046 # two numbers, split on purpose
set -- $(free_ports)
SMTP_URL=smtps://alice@127.0.0.1:$1 send_config
dovecot_stop

outbox() {
	sqlite3 "$TEST_DIR/xdg-cache/tern/test.db" 'SELECT count(*) FROM outbox'
}

send_message "$TEST_DIR/unsent" 'Unsent offline'
if send_run -n -p "$IMAP_PASS" -f alice@example.org -r bob@example.org \
    "$TEST_DIR/unsent"; then
	fail "sent with no server: $(sent_line)"
fi
sent_line | grep -q '^sent ok=0: Not sent: .*; kept here until it can go to Drafts (offline)$' ||
    fail "unexpected answer: $(sent_line)"
assert_eq "$(outbox)" 1 "messages kept"

smtpd_start
send_config
send_message "$TEST_DIR/sent" 'Sent offline'
send_run -n -p "$IMAP_PASS" -f alice@example.org -r bob@example.org \
    "$TEST_DIR/sent" || fail "not sent: $(sent_line)"
sent_line | grep -q '^sent ok=1: Sent; the copy for Sent is kept here until it can go to Sent (offline)$' ||
    fail "unexpected answer: $(sent_line)"
same_bytes "$TEST_DIR/sent" "$SMTP_DIR/1.eml"
assert_eq "$(outbox)" 2 "messages kept"

dovecot_launch
send_run -p "$IMAP_PASS" -W 'now on the server' ||
    fail "the kept messages did not go: $(tail -n 3 "$TEST_DIR/send.out")"
grep -q '^notice ok=0: 2 messages kept while offline now on the server$' \
    "$TEST_DIR/send.out" || fail "no notice: $(cat "$TEST_DIR/send.out")"
imapc raw Drafts 'Unsent offline' >"$TEST_DIR/draft.eml"
same_bytes "$TEST_DIR/unsent" "$TEST_DIR/draft.eml"
has_flag Drafts 'Unsent offline' '\Draft' || fail "the draft is not \\Draft"
imapc raw Sent 'Sent offline' >"$TEST_DIR/copy.eml"
same_bytes "$TEST_DIR/sent" "$TEST_DIR/copy.eml"
has_flag Sent 'Sent offline' '\Seen' || fail "the copy is not \\Seen"
assert_eq "$(outbox)" 0 "messages still kept"
no_secret_anywhere
