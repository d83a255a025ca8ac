#!/bin/sh
# tern mailto:... starts in the editor with the URL's addresses, subject
# and body (RFC 6068: %-escapes, to= merged, other fields ignored), and
# ends when the message is done with; a URL whose field decodes to a line
# break (a Bcc: header in a subject) is refused before anything starts.
# Sent with y, tern ends once the server has taken the message.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/send-lib.sh"
. "$(dirname "$0")/compose.sh"
set -eu

dovecot_start
seed
smtpd_start
compose_editor
send_config 'from = Alice <alice@example.org>'
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log" \
    'mailto:bob@example.org?to=dan%40example.org&subject=Caf%C3%A9%20time&cc=carol@example.org&body=line%201%0D%0Aline%202&from=evil@example.com&x-header=1'
edits 1
wait_for '^ +To: bob@example.org, dan@example.org'
printf 'From: Alice <alice@example.org>\nTo: bob@example.org, dan@example.org\nCc: carol@example.org\nBcc: \nSubject: Caf\303\251 time\n\nline 1\nline 2\n' |
    diff - "$ED/seen.1" || fail "the draft of the mailto: URL"
keys q
wait_for 'Abort this message'
keys y
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after the message"
[ -z "$(ls -A "$TMPDIR")" ] || fail "the draft was left in TMPDIR"

tern_restart -c "$CONFIG" -d "$TEST_DIR/tern.log" \
    'mailto:a@example.org?subject=x%0D%0ABcc:%20evil@example.com'
wait_exit
assert_eq "$TERN_STATUS" 1 "exit status for a URL with a line break"
grep -q 'mailto: subject holds a line break' "$TEST_DIR/tern.stderr" ||
    fail "no reason given: $(cat "$TEST_DIR/tern.stderr")"
[ "$(cat "$ED/edits")" = 1 ] || fail "the editor ran for a refused URL"

rm -f "$ED/next.eml"
tern_restart -c "$CONFIG" -d "$TEST_DIR/tern.log" \
    'mailto:bob@example.org?subject=From%20a%20link&body=Hello'
edits 2
wait_for '^ +Subject: From a link'
keys y
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after sending"
[ -f "$SMTP_DIR/1.eml" ] || fail "tern ended before the message was sent"
grep -qx 'RCPT TO:<bob@example.org>' "$SMTP_DIR/1.env" ||
    fail "not sent to bob"
has_subject Sent 'From a link' || fail "no copy in Sent"
