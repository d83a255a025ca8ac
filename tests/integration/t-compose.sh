#!/bin/sh
# m writes a new message: the draft file (0600 in a 0700 directory of its
# own under $TMPDIR, From filled in) goes to $VISUAL with its name as an
# argument; the compose screen shows what the editor left, and why it
# cannot be sent (an address libetpan alone would take, a bare CR that
# would write a Bcc: header); a resize while the editor ran is drawn at
# the new size; a attaches (an unreadable file is refused), D detaches, q
# and y abandon the message and remove its file.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/compose.sh"
set -eu

dovecot_start
seed
compose_editor

tern_start_default
edit 'From: alice@example.org\nTo: Bob <bob@example.org>\nCc:\nBcc: carol@example.org\nSubject: Caf\303\251 plans\n\nSee you there.\n'
keys m
edits 1
wait_for '^ +To: Bob <bob@example.org>'
wait_for '^ +Subject: Café plans'
wait_for '^ +Bcc: carol@example.org'
wait_for 'No attachments'
screen_has 'Not ready' && fail "a good message is said not to be ready"
assert_eq "$(cat "$ED/mode.1")" 600 "mode of the draft file"
assert_eq "$(cat "$ED/dirmode.1")" 700 "mode of its directory"
case $(cat "$ED/path.1") in
"$TMPDIR"/tern-compose.*/message.eml) ;;
*) fail "draft file not under TMPDIR: $(cat "$ED/path.1")" ;;
esac
printf 'From: alice@127.0.0.1\nTo: \nCc: \nBcc: \nSubject: \n\n' |
    cmp - "$ED/seen.1" || fail "the new draft file is not as expected"

# Edit again: the file has what the editor left, and a bad address shows.
edit 'From: alice@example.org\nTo: foo bar\nSubject: x\n\n'
keys e
edits 2
cmp "$ED/wrote.1" "$ED/seen.2" || fail "e did not reopen the text left"
wait_for 'Not ready to send: To: line 2: "foobar" has no @domain'

# A bare CR would end the Subject and start a Bcc: refused, line named.
edit 'From: alice@example.org\nTo: bob@example.org\nSubject: hi\rBcc: evil@example.com\n\nx\n'
keys e
edits 3
wait_for 'Not ready to send: line 3: a carriage return alone'
edit 'From: alice@example.org\nTo: bob@example.org\nX-Mailer: mine\n\nx\n'
keys e
edits 4
wait_for 'Not ready to send: line 3: X-Mailer: not a header tern writes'

# The window resized while the editor runs: drawn at the new size.
edit 'From: alice@example.org\nTo: bob@example.org\nSubject: resized\n\nx\n'
: >"$ED/hold"
keys e
_end=$(($(now) + WAIT_SECS))
until [ -f "$ED/seen.5" ]; do
	[ "$(now)" -gt "$_end" ] && fail "the editor did not start"
	sleep 0.1
done
resize 70 20
: >"$ED/go"
edits 5
rm -f "$ED/hold" "$ED/go"
wait_for '^ +Subject: resized'
screen_has 'Not ready' && fail "the fixed message is still refused"
status_line | grep -q 'tern: alice@127.0.0.1' ||
    fail "the status bar is not on the last row but one after the resize"

# Attach: a file that cannot be read is refused, a readable one listed.
printf '%%PDF-1.4 not really\n' >"$TEST_DIR/user/report.pdf"
keys a
wait_for '^Attach file:'
type_text '~/missing.pdf'
keys Enter
wait_for 'Not attached: .*/missing.pdf: No such'
wait_for 'No attachments'
keys a
wait_for '^Attach file:'
type_text '~/report.pdf'
keys Enter
wait_for 'Attached report.pdf'
wait_for '1 application/pdf +20  report.pdf'
keys D
wait_for 'No attachments'

# q asks; n keeps the message, y throws it and its file away.
keys q
wait_for 'Abort this message\? \(y/n\)'
keys n
wait_for '^ +Subject: resized'
keys q
wait_for 'Abort this message\? \(y/n\)'
keys y
wait_for 'Message abandoned'
wait_for 'Meeting notes'
[ -z "$(ls -A "$TMPDIR")" ] || fail "the draft was left in TMPDIR: $(ls -A "$TMPDIR")"

keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
