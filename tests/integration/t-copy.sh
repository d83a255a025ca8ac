#!/bin/sh
# C copies the message: it stays in INBOX and appears in the target, also
# in a folder with a non-ASCII name.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
tern_start_default
s='Invoice 2024-117'

goto_row 2
keys C
wait_for 'Copy to folder:'
type_text Work
keys Enter
wait_server has_subject Work "$s"
assert_eq "$(imapc count Work)" 3 "Work messages after the copy"
assert_eq "$(imapc count INBOX)" 5 "INBOX messages after the copy"
has_subject INBOX "$s" || fail "the copied message left INBOX"
lacks_flag INBOX "$s" '\Deleted' || fail "the original was marked deleted"
screen_has "$s" || fail "the copied message left the list"

goto_row 2
keys C
wait_for 'Copy to folder:'
type_text Réunions
keys Enter
wait_server has_subject Réunions "$s"
assert_eq "$(imapc count Réunions)" 2 "Réunions messages after the copy"
assert_eq "$(imapc count INBOX)" 5 "INBOX messages after the second copy"
