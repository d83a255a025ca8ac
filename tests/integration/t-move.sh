#!/bin/sh
# s moves the message to a folder named as in the folder pane: gone from
# INBOX, present in the target on the server; Tab completes a nested name;
# Esc cancels.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
tern_start_default

goto_row 1	# Meeting notes
keys s
wait_for 'Move to folder:'
type_text Archive
keys Enter
wait_server has_subject Archive 'Meeting notes'
wait_server lacks_subject INBOX 'Meeting notes'
wait_gone 'Meeting notes'
assert_eq "$(imapc count INBOX)" 4 "INBOX messages after the move"
assert_eq "$(imapc count Archive)" 3 "Archive messages after the move"

# A nested folder, completed with Tab.
goto_row 1	# Invoice 2024-117 is on top now
keys s
wait_for 'Move to folder:'
type_text Work/Pro
keys Tab
wait_for 'Move to folder: Work/Projects'
keys Enter
wait_server has_subject Work/Projects 'Invoice 2024-117'
wait_server lacks_subject INBOX 'Invoice 2024-117'
wait_gone 'Invoice 2024-117'
assert_eq "$(imapc count Work/Projects)" 3 "Work/Projects messages"
# Moved as it was: still unread.
lacks_flag Work/Projects 'Invoice 2024-117' '\Seen' ||
    fail "the moved message became \\Seen"

# Esc cancels.
goto_row 1
keys s
wait_for 'Move to folder:'
type_text Archive
keys Escape
wait_gone 'Move to folder:'
assert_eq "$(imapc count INBOX)" 3 "INBOX messages after a cancelled move"
assert_eq "$(imapc count Archive)" 3 "Archive messages after a cancelled move"
screen_has 'Build failure on main' || fail "cancelled move changed the list"
