#!/bin/sh
# $ expunges the messages marked deleted, after a y/n question: n keeps
# them, y removes exactly those from the server.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
tern_start_default

goto_row 1	# Meeting notes
keys d
wait_server has_flag INBOX 'Meeting notes' '\Deleted'
goto_row 3	# Build failure on main
keys d
wait_server has_flag INBOX 'Build failure on main' '\Deleted'
wait_row 'Build failure on main' D yes

keys '$'
wait_for '[Ee]xpunge.*2.*y/n'
keys n
wait_gone '[Ee]xpunge.*y/n'
assert_eq "$(imapc count INBOX)" 5 "messages on the server after n"
has_flag INBOX 'Meeting notes' '\Deleted' || fail "n lost the \\Deleted flag"
screen_has 'Meeting notes' || fail "n removed 'Meeting notes' from the list"

keys '$'
wait_for '[Ee]xpunge.*2.*y/n'
keys y
wait_server count_is INBOX 3
assert_eq "$(imapc subjects INBOX)" 'Welcome to the team
Café on Friday?
Invoice 2024-117' "INBOX on the server after y"
wait_gone 'Meeting notes'
wait_gone 'Build failure on main'
screen_has 'Invoice 2024-117' || fail "'Invoice 2024-117' vanished from the list"
screen_has 'Welcome to the team' || fail "'Welcome to the team' vanished"
