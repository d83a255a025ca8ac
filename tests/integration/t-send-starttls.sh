#!/bin/sh
# SMTP with STARTTLS (smtp://) and the ways tern refuses to send: a server
# that offers no STARTTLS, one that slips a line in after its 220 to
# STARTTLS (before the handshake), and an smtps:// server whose
# certificate does not match smtp-certificate-fingerprint.  A refused
# message goes to Drafts byte for byte, the answer says why, and the
# password never reaches a server tern refused.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/send-lib.sh"
set -eu

dovecot_start
seed

# refused SUBJECT REASON: the send failed for REASON and the message is in
# Drafts as it was handed over; the server never saw AUTH.
refused() {
	send_message "$TEST_DIR/msg" "$1"
	if send_run -p "$IMAP_PASS" -f alice@example.org -r bob@example.org \
	    "$TEST_DIR/msg"; then
		fail "$1: sent anyway: $(sent_line)"
	fi
	sent_line | grep -qF "$2" || fail "$1: reason not given: $(sent_line)"
	sent_line | grep -q 'kept in Drafts$' ||
	    fail "$1: not kept in Drafts: $(sent_line)"
	imapc raw Drafts "$1" >"$TEST_DIR/draft.eml"
	same_bytes "$TEST_DIR/msg" "$TEST_DIR/draft.eml"
	has_flag Drafts "$1" '\Draft' || fail "$1: the draft is not \\Draft"
	if grep -qE '^auth [A-Z0-9-]+ ' "$TEST_DIR/smtpd.log"; then
		fail "$1: the password went to a server tern refused"
	fi
	[ ! -f "$SMTP_DIR/1.eml" ] || fail "$1: the server got a message"
}

# STARTTLS, then AUTH and the message over TLS.
smtpd_start --tls starttls
SMTP_URL=smtp://alice@127.0.0.1:$SMTP_PORT send_config
send_message "$TEST_DIR/msg" 'Over STARTTLS'
send_run -p "$IMAP_PASS" -f alice@example.org -r bob@example.org \
    "$TEST_DIR/msg" || fail "send failed: $(sent_line)"
grep -q '^starttls$' "$TEST_DIR/smtpd.log" || fail "no STARTTLS"
same_bytes "$TEST_DIR/msg" "$SMTP_DIR/1.eml"
imapc raw Sent 'Over STARTTLS' >"$TEST_DIR/sent.eml"
same_bytes "$TEST_DIR/msg" "$TEST_DIR/sent.eml"
smtpd_stop
rm -f "$TEST_DIR/smtpd.log"

smtpd_start --tls none-offered
SMTP_URL=smtp://alice@127.0.0.1:$SMTP_PORT send_config
refused 'No STARTTLS' 'offers no TLS (no STARTTLS)'
smtpd_stop
rm -f "$TEST_DIR/smtpd.log"

smtpd_start --tls starttls --inject
SMTP_URL=smtp://alice@127.0.0.1:$SMTP_PORT send_config
refused 'Injected' 'sent data before the TLS handshake'
grep -q '^starttls with injection$' "$TEST_DIR/smtpd.log" ||
    fail "the injection was not tried"
smtpd_stop
rm -f "$TEST_DIR/smtpd.log"

smtpd_start
send_config "smtp-certificate-fingerprint = sha256:$(printf '%064d' 0)"
refused 'Wrong pin' 'certificate fingerprint does not match'
# The right pin is taken.
send_config "smtp-certificate-fingerprint = sha256:$(fingerprint "$SERVER_CERT")"
send_message "$TEST_DIR/msg" 'Right pin'
send_run -p "$IMAP_PASS" -f alice@example.org -r bob@example.org \
    "$TEST_DIR/msg" || fail "send with the right pin failed: $(sent_line)"
no_secret_anywhere
