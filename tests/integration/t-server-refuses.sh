#!/bin/sh
# A change the server refuses is shown with the server's words and the row
# is put back as it was: here a move to a folder another client deleted
# after tern listed it.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
tern_start_default
imapc delete Archive

goto_row 1
keys s
type_text Archive
keys Enter
# The server's answer (Dovecot: "Mailbox doesn't exist") on the last line.
wait_for "[Mm]ailbox doesn't exist|TRYCREATE"
wait_for 'Meeting notes'
row_flag_is 'Meeting notes' '*' no ||
    fail "the refused move left the row marked pending"
count_is INBOX 5 || fail "INBOX lost a message on the server"
has_subject INBOX 'Meeting notes' || fail "the message left INBOX"

keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
