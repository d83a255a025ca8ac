#!/bin/sh
# Changes made by another client (a flag, a new message) show in tern once
# the folder is opened again from the folder pane.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
tern_start_default
wait_row 'Welcome to the team' F no

imapc store INBOX 'Welcome to the team' +FLAGS '(\Flagged)'
imapc store INBOX 'Invoice 2024-117' +FLAGS '(\Seen)'
imapc append INBOX "$DATA_DIR/extra-1.eml"

# Reopen INBOX: focus the folder pane, go to the top (INBOX), Enter.
keys Tab g Enter
wait_for 'Late addition from elsewhere'
wait_row 'Welcome to the team' F yes
wait_row 'Invoice 2024-117' N no
wait_row 'Late addition from elsewhere' N yes
# The new message is the newest: on top.
assert_order 'Late addition from elsewhere' 'Meeting notes'
wait_for '^ *INBOX 3( |$|[^0-9])'
