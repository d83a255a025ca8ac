#!/bin/sh
# N toggles read/unread: a read message becomes unread on the server, then
# read again; the row and the folder's unread count follow.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
tern_start_default
s='Build failure on main'	# third from the top, read
has_flag INBOX "$s" '\Seen' || fail "seed: '$s' should be read"

goto_row 3
keys N
wait_server lacks_flag INBOX "$s" '\Seen'
wait_row "$s" N yes
wait_for '^ *INBOX 4( |$|[^0-9])'
assert_eq "$(imapc status INBOX)" "messages 5 unseen 4" "INBOX after N"

keys N
wait_server has_flag INBOX "$s" '\Seen'
wait_row "$s" N no
wait_for '^ *INBOX 3( |$|[^0-9])'
assert_eq "$(imapc status INBOX)" "messages 5 unseen 3" "INBOX after N N"
# The others kept their state.
lacks_flag INBOX 'Meeting notes' '\Seen' || fail "'Meeting notes' changed"
