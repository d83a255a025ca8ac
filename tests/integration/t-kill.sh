#!/bin/sh
# tern is killed (SIGKILL) right after a move and a flag change, before the
# server confirmed them; started again, it ends what it began: each message
# once, where it was sent, with the flag set.  Once with the commands on
# the server but the answers lost, once with the commands never sent.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy.sh"
set -eu

# Without IDLE, nothing else is waiting on the server's answer when the
# change is sent (leaving IDLE needs one): the command itself is what
# gets through while the answers stall.
DOVECOT_EXTRA=$NO_IDLE_CAPABILITY
dovecot_start
seed
proxy_start
CONFIG_URL=$PROXY_URL write_config 'poll-interval = 3600'
# write_config always writes $TEST_DIR/config: keep this one apart.
proxy_config=$TEST_DIR/config.proxy
mv "$CONFIG" "$proxy_config"

# move_and_read SUBJECT TARGET READ-SUBJECT ROW READ-ROW
move_and_read() {
	goto_row "$4"
	keys s
	wait_for 'Move to folder:'
	type_text "$2"
	keys Enter
	wait_gone "$1"
	goto_row "$5"
	keys N
	wait_row "$3" N no
}

# 1. The server did both; tern heard of neither.
tern_start -c "$proxy_config" -d "$TEST_DIR/tern.log"
wait_for 'Welcome to the team'
wait_status 'ready'
proxy_ctl stall-down >/dev/null
move_and_read 'Meeting notes' Archive 'Invoice 2024-117' 1 1
wait_server has_subject Archive 'Meeting notes'
tern_kill9
proxy_ctl drop >/dev/null
proxy_ctl resume >/dev/null

# Straight to the server this time: only the journal remembers.
write_config
tern_restart -c "$CONFIG" -d "$TEST_DIR/tern2.log"
wait_for 'Welcome to the team'
wait_status 'ready'
wait_server has_flag INBOX 'Invoice 2024-117' '\Seen'
assert_eq "$(imapc count Archive)" 3 "Archive messages"
assert_eq "$(imapc count INBOX)" 4 "INBOX messages"
assert_eq "$(imapc msgids Archive | grep -c 'seed-inbox-5@')" 1 \
    "copies of 'Meeting notes' in Archive"
grep -q 'replay of move to Archive: 0 of 1 still to do' "$TEST_DIR/tern2.log" ||
    fail "the move was not checked before it was sent again"
wait_gone 'Meeting notes'
keys q
wait_exit

# 2. Nothing reached the server before the kill.
tern_restart -c "$proxy_config" -d "$TEST_DIR/tern3.log"
wait_for 'Welcome to the team'
wait_status 'ready'
proxy_ctl stall-up >/dev/null
# Build failure on main is second now, Café on Friday? third.
move_and_read 'Build failure on main' Work 'Café on Friday?' 2 2
tern_kill9
assert_eq "$(imapc count Work)" 2 "Work messages before the restart"
has_flag INBOX 'Café on Friday?' '\Seen' &&
    fail "the flag change reached the server through a stalled proxy"
proxy_ctl drop >/dev/null
proxy_ctl resume >/dev/null

tern_restart -c "$CONFIG" -d "$TEST_DIR/tern4.log"
wait_for 'Welcome to the team'
wait_status 'ready'
wait_server count_is Work 3
wait_server has_flag INBOX 'Café on Friday?' '\Seen'
assert_eq "$(imapc count INBOX)" 3 "INBOX messages"
assert_eq "$(imapc msgids Work | grep -c 'seed-inbox-3@')" 1 \
    "copies of 'Build failure on main' in Work"
assert_eq "$(imapc msgids INBOX | sort | uniq -d)" "" "duplicates in INBOX"
grep -q 'replay of move to Work: 1 of 1 still to do' "$TEST_DIR/tern4.log" ||
    fail "the move was not replayed"
wait_gone 'Build failure on main'
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
