#!/bin/sh
# Opening a message with a 20 MB attachment fetches its text part only:
# Dovecot's own count of the bytes it sent tern's session (out= in its
# logout line) stays far below the attachment.  A client that fetches the
# whole message is counted too, to show that the count sees bodies.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
python3 - "$TEST_DIR/big.eml" <<'PY'
import base64, os, sys
with open(sys.argv[1], "wb") as f:
    f.write(b"From: Dana <dana@example.org>\nTo: alice@example.org\n"
            b"Subject: Big attachment\n"
            b"Date: Mon, 01 Jul 2024 10:00:00 +0000\n"
            b"Message-ID: <big@example.org>\nMIME-Version: 1.0\n"
            b'Content-Type: multipart/mixed; boundary="b"\n\n'
            b"--b\nContent-Type: text/plain; charset=utf-8\n\n"
            b"The slides are attached.\n"
            b"--b\nContent-Type: application/octet-stream; name=big.bin\n"
            b"Content-Disposition: attachment; filename=big.bin\n"
            b"Content-Transfer-Encoding: base64\n\n")
    raw = os.urandom(15 * 1024 * 1024)
    f.write(base64.encodebytes(raw))
    f.write(b"--b--\n")
PY
size=$(wc -c <"$TEST_DIR/big.eml")
[ "$size" -gt 20000000 ] || fail "the message is only $size bytes"
imapc append INBOX "$TEST_DIR/big.eml" || fail "append"

# out_after LINE: the out= counts of the sessions that logged out after
# line LINE of Dovecot's log, one a line.
out_after() {
	sed -n "$(($1 + 1)),\$p" "$TEST_DIR/dovecot.log" |
	    sed -n 's/.*Logged out .*out=\([0-9]*\).*/\1/p'
}
logged_out_after() {
	[ -n "$(out_after "$1")" ]
}

mark=$(wc -l <"$TEST_DIR/dovecot.log")
write_config
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Big attachment'
keys Enter
wait_for 'The slides are attached\.'
keys q
wait_for 'Big attachment'
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
wait_server logged_out_after "$mark"
tern_out=$(out_after "$mark" | sort -n | tail -n 1)
[ "$tern_out" -lt 1000000 ] ||
    fail "tern was sent $tern_out bytes to open a message of $size"

# The control: a whole-message fetch shows up in the same count.
mark=$(wc -l <"$TEST_DIR/dovecot.log")
python3 -c '
import imaplib, os, ssl
ctx = ssl.create_default_context(cafile=os.environ["CA_FILE"])
c = imaplib.IMAP4_SSL("127.0.0.1", int(os.environ["IMAPS_PORT"]),
                      ssl_context=ctx)
c.login("alice", os.environ["IMAP_PASS"])
c.select("INBOX", readonly=True)
c.fetch("1", "(BODY.PEEK[])")
c.logout()
' || fail "the control fetch failed"
wait_server logged_out_after "$mark"
whole=$(out_after "$mark" | sort -n | tail -n 1)
[ "$whole" -gt 20000000 ] ||
    fail "a whole-message fetch counted only $whole bytes"
