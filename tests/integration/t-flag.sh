#!/bin/sh
# F toggles \Flagged on the server, and the row shows F.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
tern_start_default
s='Meeting notes'	# the top row, unread

goto_row 1
keys F
wait_server has_flag INBOX "$s" '\Flagged'
wait_row "$s" F yes
# Flagging is not reading.
lacks_flag INBOX "$s" '\Seen' || fail "F also marked '$s' \\Seen"
lacks_flag INBOX 'Invoice 2024-117' '\Flagged' ||
    fail "F flagged another message too"

keys F
wait_server lacks_flag INBOX "$s" '\Flagged'
wait_row "$s" F no
