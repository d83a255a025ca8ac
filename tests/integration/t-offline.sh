#!/bin/sh
# With the server gone, what tern has seen stays readable from its cache:
# the list, the folders and a message opened before.  Changes made offline
# (a flag, a move, a delete and an expunge) are kept in the journal, even
# across a quit and a start with the server still away, and are on the
# server, in order, once it is back.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
tern_start_default
wait_status 'ready'

# Read a message while online: its text goes to the cache.
goto_row 1	# Meeting notes
keys Enter
wait_for 'The quarterly numbers look good'
keys q
wait_for 'Welcome to the team'

dovecot_stop
wait_status 'offline'
# Opened again offline: from the cache.
goto_row 1
keys Enter
wait_for 'The quarterly numbers look good'
keys q
# Never opened: said so, not hung.
goto_row 2	# Invoice 2024-117
keys Enter
wait_for 'never opened here'
keys q

# Changes, offline.
goto_row 4	# Café on Friday? (unread)
keys N
wait_row 'Café on Friday?' N no
goto_row 3	# Build failure on main
keys s
wait_for 'Move to folder:'
type_text Archive
keys Enter
wait_gone 'Build failure on main'
goto_row 4	# Welcome to the team, now fourth
keys d
wait_row 'Welcome to the team' D yes
keys '$'
wait_for 'Expunge 1 message'
keys y
wait_gone 'Welcome to the team'

# Quit with all of it unconfirmed, and start again with no server.
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
tern_restart -c "$CONFIG" -d "$TEST_DIR/tern2.log"
wait_status 'offline'
wait_for 'Meeting notes'
wait_for 'Archive'	# the folder pane, from the cache

dovecot_launch
WAIT_SECS=30 wait_server count_is Archive 3
wait_server count_is INBOX 3
wait_server has_flag INBOX 'Café on Friday?' '\Seen'
wait_server has_subject Archive 'Build failure on main'
wait_server lacks_subject INBOX 'Welcome to the team'
assert_eq "$(imapc msgids Archive | grep -c 'seed-inbox-3@')" 1 \
    "copies of the moved message in Archive"
wait_gone 'Build failure on main'
wait_gone 'Welcome to the team'
wait_row 'Café on Friday?' N no
wait_for 'Meeting notes'
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
