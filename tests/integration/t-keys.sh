#!/bin/sh
# The user's [keys]: x marks read/unread in the list ([keys.index]), F5
# flags on every screen that has the action ([keys]), and N, unbound in
# the list, does nothing there; the server's flags show it.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
write_config
cat >>"$CONFIG" <<'EOF2'
[keys.index]
x = toggle-read
N = none
[keys]
<F5> = toggle-flag
EOF2
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Meeting notes'
wait_for 'Welcome to the team'
s='Build failure on main'	# third from the top, read
has_flag INBOX "$s" '\Seen' || fail "seed: '$s' should be read"

goto_row 3
keys x
wait_server lacks_flag INBOX "$s" '\Seen'
wait_row "$s" N yes
keys x
wait_server has_flag INBOX "$s" '\Seen'
wait_row "$s" N no

# N first, then F5: the changes go to the server in the order of the
# keys, so once \Flagged is there an N would have been too.
keys N F5
wait_server has_flag INBOX "$s" '\Flagged'
has_flag INBOX "$s" '\Seen' || fail "N, unbound in the list, marked '$s' unread"

# F5 in the pager too: [keys] binds it wherever toggle-flag exists.
keys Enter
wait_for 'Subject: .*Build failure on main'
keys F5
wait_server lacks_flag INBOX "$s" '\Flagged'
keys q
wait_for 'Welcome to the team'
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
