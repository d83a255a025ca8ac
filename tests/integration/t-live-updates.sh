#!/bin/sh
# Changes a second client makes while tern sits on INBOX reach the screen
# without a key press: flags set and cleared, new mail, an expunge.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
tern_start_default
wait_for 'Welcome to the team'
wait_status INBOX

# Read and flagged elsewhere.
imapc store INBOX 'Invoice 2024-117' +FLAGS '(\Seen \Flagged)'
wait_row 'Invoice 2024-117' N no
wait_row 'Invoice 2024-117' F yes
# Cleared elsewhere.
imapc store INBOX 'Invoice 2024-117' -FLAGS '(\Flagged)'
wait_row 'Invoice 2024-117' F no

# New mail arrives at the top.
subject=$(sed -n 's/^Subject: //p' "$DATA_DIR/extra-1.eml" | head -n 1)
imapc append INBOX "$DATA_DIR/extra-1.eml"
wait_for "$subject"
wait_row "$subject" N yes

# Expunged elsewhere: the row goes, the others stay.
imapc store INBOX 'Build failure on main' +FLAGS '(\Deleted)'
wait_row 'Build failure on main' D yes
imapc expunge INBOX
wait_gone 'Build failure on main'
screen_has 'Meeting notes' || fail "an expunge elsewhere took other rows"
screen_has 'Welcome to the team' || fail "an expunge elsewhere took other rows"

# All of it came through IDLE, which this server has.
grep -q 'waiting for news with IDLE' "$TEST_DIR/tern.log" ||
    fail "tern did not wait with IDLE"

keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
