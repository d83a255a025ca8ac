#!/bin/sh
# A server without IDLE: tern asks with NOOP every poll-interval seconds,
# and changes a second client makes still reach the screen by themselves.
. "$(dirname "$0")/lib.sh"
set -eu

DOVECOT_EXTRA=$NO_IDLE_CAPABILITY
dovecot_start
seed
write_config 'poll-interval = 1'
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Welcome to the team'
wait_status INBOX

imapc store INBOX 'Invoice 2024-117' +FLAGS '(\Flagged)'
wait_row 'Invoice 2024-117' F yes
subject=$(sed -n 's/^Subject: //p' "$DATA_DIR/extra-1.eml" | head -n 1)
imapc append INBOX "$DATA_DIR/extra-1.eml"
wait_for "$subject"
imapc store INBOX 'Build failure on main' +FLAGS '(\Deleted)'
imapc expunge INBOX
wait_gone 'Build failure on main'

# The changes came by polling: IDLE was never used.
grep -q 'waiting for news with NOOP' "$TEST_DIR/tern.log" ||
    fail "tern never polled with NOOP"
if grep -q 'waiting for news with IDLE' "$TEST_DIR/tern.log"; then
	fail "tern used IDLE on a server without it"
fi
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
