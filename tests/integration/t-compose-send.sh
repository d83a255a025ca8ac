#!/bin/sh
# y sends what the compose screen shows, as the SMTP server receives it:
# the reply's threading fields, RFC 2047 words, quoted-printable text, an
# attachment whose bytes come back equal, the Bcc in the envelope only;
# the copy in Sent, \Answered on the original; R without the user's own
# address; a refused send leaves the exact text in Drafts; P postpones to
# Drafts and p resumes it there, Bcc and all, and sending it removes it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/send-lib.sh"
. "$(dirname "$0")/compose.sh"
set -eu

dovecot_start
seed
smtpd_start --refuse-rcpt nobody@example.org
compose_editor
send_config 'from = Alice Liddell <alice@example.org>'
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Meeting notes'

# check_mail EML PYTHON...: run Python on the parsed message m (and raw).
check_mail() {
	_f=$1
	shift
	python3 - "$_f" "$@" <<'PY' || fail "$_f: $(cat "$TEST_DIR/py.err")"
import email, email.policy, sys
raw = open(sys.argv[1], "rb").read()
m = email.message_from_bytes(raw, policy=email.policy.default)
def text_of(p):
    return p.get_content().replace("\r\n", "\n")
try:
    exec(sys.argv[2])
except AssertionError as e:
    open(sys.argv[1].rsplit("/", 2)[0] + "/py.err", "w").write(repr(e))
    raise SystemExit(1)
PY
}

# A reply, with a Bcc, text that is not ASCII and an attachment.
head -c 3000 /dev/urandom >"$TEST_DIR/user/data.bin"
goto_row 1
keys r
edits 1
grep -qx 'To: "Dana Whitfield" <dana@example.org>' "$ED/seen.1" ||
    fail "the reply is not to Dana"
{
	sed -n '1,4p' "$ED/seen.1" | sed 's/^Bcc: *$/Bcc: carol@example.org/'
	printf 'Subject: Re: Meeting notes \342\200\224 caf\303\251\n\n'
	printf 'Gr\303\274\303\237e, Dana.\n.\n'
	sed -n '7,$p' "$ED/seen.1"
} >"$ED/next.eml"
keys e
edits 2
wait_for '^ +Bcc: carol@example.org'
keys a
wait_for '^Attach file:'
type_text '~/data.bin'
keys Enter
wait_for 'application/octet-stream .* data.bin'
keys y
wait_for 'Sent; copy in Sent'
wait_server test -f "$SMTP_DIR/1.eml"
check_mail "$SMTP_DIR/1.eml" '
assert m["From"] == "Alice Liddell <alice@example.org>", m["From"]
assert m["To"] == "Dana Whitfield <dana@example.org>", m["To"]
assert m["Subject"] == "Re: Meeting notes \u2014 caf\u00e9", m["Subject"]
assert m["In-Reply-To"] == "<seed-inbox-5@example.org>", m["In-Reply-To"]
assert m["References"] == "<seed-inbox-5@example.org>", m["References"]
assert m["Bcc"] is None and b"carol" not in raw
assert m["Message-ID"].endswith("@example.org>") and m["Date"]
assert all(b < 128 for b in raw), "8-bit bytes"
assert b"\n" not in raw.replace(b"\r\n", b"")
parts = list(m.iter_parts())
text = text_of(parts[0])
assert text.startswith("Gr\u00fc\u00dfe, Dana.\n.\n"), text
assert "\nOn Fri, 05 Apr 2024 14:20:00 +0000, Dana Whitfield wrote:\n" in text
assert "> The quarterly numbers look good." in text, text
assert parts[0]["Content-Transfer-Encoding"] == "quoted-printable"
assert parts[1].get_filename() == "data.bin"
assert parts[1].get_content() == open(sys.argv[1].rsplit("/", 2)[0] + "/user/data.bin", "rb").read()
'
grep -qx 'RCPT TO:<carol@example.org>' "$SMTP_DIR/1.env" ||
    fail "the Bcc is not in the envelope"
grep -qx 'RCPT TO:<dana@example.org>' "$SMTP_DIR/1.env" ||
    fail "Dana is not in the envelope"
subj=$(printf 'Re: Meeting notes \342\200\224 caf\303\251')
wait_server has_subject Sent "$subj"
imapc raw Sent "$subj" >"$TEST_DIR/sent.eml"
same_bytes "$SMTP_DIR/1.eml" "$TEST_DIR/sent.eml"
wait_server has_flag INBOX 'Meeting notes' '\Answered'

# R in the pager: Dana and Bob, never alice.
rm -f "$ED/next.eml"
keys R
edits 3
keys y
wait_for 'Sent; copy in Sent'
wait_server test -f "$SMTP_DIR/2.eml"
grep -qx 'RCPT TO:<bob@example.net>' "$SMTP_DIR/2.env" ||
    fail "R: Bob is not a recipient"
grep -qi 'RCPT TO:<alice' "$SMTP_DIR/2.env" && fail "R: alice is a recipient"
check_mail "$SMTP_DIR/2.eml" '
assert m["Cc"] == "Bob Martin <bob@example.net>", m["Cc"]
'
keys q
wait_for 'Meeting notes'

# forward KEY N TO: KEY from the list, the editor's Nth run given the
# draft it was handed with TO filled in, then y.
forward() {
	rm -f "$ED/next.eml" "$ED/go"
	touch "$ED/hold"
	goto_row 1
	keys "$1"
	wait_server test -f "$ED/seen.$2"
	sed "s/^To:.*/To: $3/" "$ED/seen.$2" >"$ED/next.eml"
	touch "$ED/go"
	edits "$2"
	rm -f "$ED/hold" "$ED/go"
	keys y
	wait_for 'Sent; copy in Sent'
	keys q
	wait_for 'Meeting notes'
}

# f: the original's fields and text inline; W: the original whole.
forward f 4 erin@example.org
wait_server test -f "$SMTP_DIR/3.eml"
check_mail "$SMTP_DIR/3.eml" '
assert m["To"] == "erin@example.org", m["To"]
assert m["Subject"].startswith("Fwd: Meeting notes"), m["Subject"]
t = text_of(m)
assert "----- Forwarded message -----" in t, t
assert "The quarterly numbers look good." in t, t
'
forward W 5 frank@example.org
wait_server test -f "$SMTP_DIR/4.eml"
check_mail "$SMTP_DIR/4.eml" '
assert m["To"] == "frank@example.org", m["To"]
att = [p for p in m.iter_attachments()]
assert len(att) == 1 and att[0].get_content_type() == "message/rfc822", att
inner = att[0].get_content()
assert inner["Message-ID"] == "<seed-inbox-5@example.org>", inner["Message-ID"]
assert "The quarterly numbers look good." in text_of(inner), text_of(inner)
'

# A refused recipient: not sent, the very text kept in Drafts.
edit 'From: Alice Liddell <alice@example.org>\nTo: nobody@example.org\nSubject: Refused one\n\nEvery word of this\nmust survive: caf\303\251.\n'
keys m
edits 6
keys y
wait_for 'Not sent'
wait_server has_subject Drafts 'Refused one'
imapc raw Drafts 'Refused one' >"$TEST_DIR/refused.eml"
check_mail "$TEST_DIR/refused.eml" '
assert text_of(m) == "Every word of this\nmust survive: caf\u00e9.\n", text_of(m)
'

# P: kept in Drafts, Bcc included; p resumes it, y sends it and removes it.
edit 'From: Alice Liddell <alice@example.org>\nTo: bob@example.org\nBcc: carol@example.org\nSubject: Later\n\nTo be finished.\n'
keys m
edits 7
keys P
wait_for 'Postponed: the message is in Drafts'
wait_server has_subject Drafts 'Later'
keys p
wait_for 'Postponed messages: p on one resumes it'
wait_for 'Later'
# The newest draft is on top.
goto_row 1
rm -f "$ED/next.eml"
keys p
edits 8
grep -qx 'To: bob@example.org' "$ED/seen.8" || fail "resumed: To"
grep -qx 'Bcc: carol@example.org' "$ED/seen.8" || fail "resumed: Bcc"
grep -qx 'Subject: Later' "$ED/seen.8" || fail "resumed: Subject"
grep -qx 'To be finished.' "$ED/seen.8" || fail "resumed: the text"
wait_for '^ +Subject: Later'
keys y
# The message line may by then tell of the draft's removal instead.
wait_server test -f "$SMTP_DIR/5.eml"
wait_server has_subject Sent 'Later'
wait_server lacks_subject Drafts 'Later'
has_subject Drafts 'Refused one' || fail "another draft was removed"
grep -qx 'RCPT TO:<carol@example.org>' "$SMTP_DIR/5.env" ||
    fail "the resumed Bcc is not in the envelope"
grep -q '^Bcc' "$SMTP_DIR/5.eml" && fail "a Bcc: line was sent"
no_secret_anywhere

keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
