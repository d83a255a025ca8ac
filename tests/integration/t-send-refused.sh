#!/bin/sh
# A send the SMTP server refuses (the login, a recipient, the data) is kept
# in Drafts byte for byte, flagged \Draft and \Seen, and the answer carries
# the server's own reply.  A non-ASCII address goes only to a server with
# SMTPUTF8 (and with the SMTPUTF8 parameter); tern refuses it otherwise.  Postponing puts the message in Drafts and
# removes the draft it was resumed from.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/send-lib.sh"
set -eu

dovecot_start
seed

# refused SUBJECT REPLY [SEND-TEST ARGS...]
refused() {
	_subj=$1
	_reply=$2
	shift 2
	send_message "$TEST_DIR/msg" "$_subj"
	if send_run -p "$IMAP_PASS" -f alice@example.org -r bob@example.org \
	    "$@" "$TEST_DIR/msg"; then
		fail "$_subj: sent anyway: $(sent_line)"
	fi
	sent_line | grep -qF "Not sent: $_reply; kept in Drafts" ||
	    fail "$_subj: unexpected answer: $(sent_line)"
	imapc raw Drafts "$_subj" >"$TEST_DIR/draft.eml"
	same_bytes "$TEST_DIR/msg" "$TEST_DIR/draft.eml"
	has_flag Drafts "$_subj" '\Draft' && has_flag Drafts "$_subj" '\Seen' ||
	    fail "$_subj: flags $(server_flags Drafts "$_subj")"
	# No Sent folder at all is fine too.
	if imapc subjects Sent 2>/dev/null | grep -qxF -- "$_subj"; then
		fail "$_subj: copied to Sent"
	fi
}

smtpd_start --refuse-rcpt nobody@example.org
send_config
refused 'Bad recipient' \
    '550 5.1.1 <nobody@example.org>: no such user here' -r nobody@example.org
smtpd_stop

smtpd_start --refuse-data
send_config
refused 'Spam' '554 5.7.1 message refused: looks like spam'
smtpd_stop

smtpd_start --no-smtputf8
send_config
refused 'UTF-8 address' \
    '127.0.0.1 does not take non-ASCII addresses (no SMTPUTF8)' \
    -r jörg@example.org
smtpd_stop

smtpd_start
send_config
send_message "$TEST_DIR/msg" 'UTF-8 address sent'
send_run -p "$IMAP_PASS" -f alice@example.org -r jörg@example.org \
    "$TEST_DIR/msg" || fail "not sent to jörg: $(sent_line)"
grep -q '^MAIL FROM:<alice@example.org> .*SMTPUTF8' "$SMTP_DIR/1.env" ||
    fail "no SMTPUTF8 parameter: $(head -n 1 "$SMTP_DIR/1.env")"
grep -qx 'RCPT TO:<jörg@example.org>' "$SMTP_DIR/1.env" ||
    fail "jörg is not in the envelope"
smtpd_stop

smtpd_start
send_config 'smtp-password-command = printf %s not-the-password'
refused 'Bad password' \
    'SMTP login refused: 535 5.7.8 Authentication credentials invalid'
[ ! -f "$SMTP_DIR/1.eml" ] || fail "a message went through"

# Postpone: into Drafts, and the draft it came from goes.
send_config
send_message "$TEST_DIR/msg" 'Postponed'
draft_v=$(imapc uidvalidity Drafts)
draft_u=$(imapc uid Drafts 'Spam')
send_run -p "$IMAP_PASS" -P -D "Drafts:$draft_v:$draft_u" "$TEST_DIR/msg" ||
    fail "postpone failed: $(sent_line)"
sent_line | grep -q '^done ok=1: Postponed: kept in Drafts$' ||
    fail "unexpected answer: $(sent_line)"
imapc raw Drafts 'Postponed' >"$TEST_DIR/draft.eml"
same_bytes "$TEST_DIR/msg" "$TEST_DIR/draft.eml"
wait_server lacks_subject Drafts 'Spam'
has_subject Drafts 'Bad recipient' || fail "another draft went too"
[ ! -f "$SMTP_DIR/1.eml" ] || fail "postponing sent the message"
no_secret_anywhere
