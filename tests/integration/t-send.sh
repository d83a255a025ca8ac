#!/bin/sh
# Sending over smtps://: the server gets the message byte for byte (a lone
# "." line and 8-bit UTF-8 intact, no Bcc: line, the Bcc in the envelope,
# BODY=8BITMIME), the same bytes land in Sent with \Seen (Sent is created:
# this server has none), the replied message gets \Answered and the draft
# the message was resumed from is removed.  The password is in no log.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/send-lib.sh"
set -eu

dovecot_start
seed
smtpd_start
send_config
send_message "$TEST_DIR/msg" 'Send test'
send_message "$TEST_DIR/draft" 'Old draft'
imapc append Drafts "$TEST_DIR/draft" '(\Draft)'
inbox_v=$(imapc uidvalidity INBOX)
inbox_u=$(imapc uid INBOX 'Meeting notes')
draft_v=$(imapc uidvalidity Drafts)
draft_u=$(imapc uid Drafts 'Old draft')
lacks_flag INBOX 'Meeting notes' '\Answered' ||
    fail "the original is answered already"

send_run -p "$IMAP_PASS" -f alice@example.org -r bob@example.org \
    -r carol@example.org -A "INBOX:$inbox_v:$inbox_u" \
    -D "Drafts:$draft_v:$draft_u" "$TEST_DIR/msg" ||
    fail "send failed: $(sent_line)"
sent_line | grep -q '^sent ok=1: Sent; copy in Sent$' ||
    fail "unexpected answer: $(sent_line)"

[ -f "$SMTP_DIR/1.eml" ] || fail "the SMTP server got nothing"
same_bytes "$TEST_DIR/msg" "$SMTP_DIR/1.eml"
grep -qx 'RCPT TO:<carol@example.org>' "$SMTP_DIR/1.env" ||
    fail "the Bcc recipient is not in the envelope"
grep -q '^MAIL FROM:<alice@example.org> .*BODY=8BITMIME' "$SMTP_DIR/1.env" ||
    fail "8-bit text sent without BODY=8BITMIME: $(head -n 1 "$SMTP_DIR/1.env")"

imapc raw Sent 'Send test' >"$TEST_DIR/sent.eml"
same_bytes "$TEST_DIR/msg" "$TEST_DIR/sent.eml"
has_flag Sent 'Send test' '\Seen' || fail "the copy in Sent is not \\Seen"
wait_server has_flag INBOX 'Meeting notes' '\Answered'
wait_server lacks_subject Drafts 'Old draft'
no_secret_anywhere
