#!/bin/sh
# Enter opens a message in the pager: labelled headers, a blank line, the
# decoded body.  Opening marks it \Seen on the server; listing did not.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
tern_start_default

# Showing the list changed nothing on the server.
lacks_flag INBOX 'Meeting notes' '\Seen' ||
    fail "'Meeting notes' became \\Seen before it was opened"
assert_eq "$(imapc status INBOX)" "messages 5 unseen 3" "INBOX before opening"

goto_row 1
keys Enter
wait_for 'The quarterly numbers look good'
wait_for 'From: .*Dana Whitfield'
wait_for 'To: .*Alice Liddell'
wait_for 'Date: '
wait_for 'Subject: .*Meeting notes'

# Headers in order, then a blank line (in the pager's columns) before the
# body.
screen | python3 -c '
import sys
lines = sys.stdin.read().split("\n")
def find(label):
    for i, l in enumerate(lines):
        if label in l:
            return i, l.index(label)
    sys.exit("no %s line" % label)
f, t, d, s = (find(x) for x in ("From: ", "To: ", "Date: ", "Subject: "))
if not f[0] < t[0] < s[0] or not f[0] < d[0] < s[0]:
    sys.exit("headers out of order: From %d To %d Date %d Subject %d"
             % (f[0], t[0], d[0], s[0]))
col = s[1]
after = lines[s[0] + 1][col:] if s[0] + 1 < len(lines) else ""
if after.strip():
    sys.exit("no blank line after Subject:, found %r" % after)
b = find("The quarterly numbers look good")
if b[0] <= s[0] + 1:
    sys.exit("body is not below the headers")
' || fail "pager layout"

wait_server has_flag INBOX 'Meeting notes' '\Seen'
# Only that one.
assert_eq "$(imapc status INBOX)" "messages 5 unseen 2" "INBOX after opening"

# q goes back to the list, where the row is read now.
keys q
wait_for 'Welcome to the team'
wait_row 'Meeting notes' N no

# A quoted-printable UTF-8 body is decoded.
goto_row 2
keys Enter
wait_for 'Montant dû : 120 €'
wait_for 'Subject: .*Invoice 2024-117'
wait_server has_flag INBOX 'Invoice 2024-117' '\Seen'
keys q
wait_for 'Welcome to the team'
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
