#!/bin/sh
# The server goes away and comes back while tern is open: tern says it is
# offline, reconnects by itself, and the list is right afterwards.  A flag
# change made while the server was down is held and sent once it is back.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
tern_start_default
wait_status INBOX

dovecot_stop
wait_for 'offline'
# Flag the top message while offline: shown pending at once.
goto_row 1
keys F
wait_row 'Meeting notes' '*' yes

dovecot_launch
WAIT_SECS=20 wait_for 'Reconnected'
# The held change reached the server, and the row is no longer pending.
wait_server has_flag INBOX 'Meeting notes' '\Flagged'
wait_row 'Meeting notes' '*' no
wait_row 'Meeting notes' F yes

# The reconnected session is live: a change elsewhere shows.
imapc store INBOX 'Invoice 2024-117' +FLAGS '(\Seen)'
wait_row 'Invoice 2024-117' N no

keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
