#!/bin/sh
# A folder whose UIDVALIDITY changed on the server: its cached rows name
# other messages now, so tern drops them, says so and fetches the folder
# again; a change journalled under the old UIDVALIDITY is refused, not
# applied to whatever message now has that UID, and :failed shows it.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
tern_start_default
wait_status 'ready'

# Flag a message with the server away, and quit before it is sent.
dovecot_stop
wait_status 'offline'
goto_row 1	# Meeting notes
keys F
wait_row 'Meeting notes' F yes
keys q
wait_exit

dovecot_launch
old=$(doveadm_ -f flow mailbox status -u alice uidvalidity INBOX |
    sed 's/.*uidvalidity=//')
[ -n "$old" ] || fail "doveadm gave no UIDVALIDITY"
doveadm_ mailbox update -u alice --uid-validity $((old + 1000)) INBOX ||
    fail "doveadm could not change the UIDVALIDITY"

tern_restart -c "$CONFIG" -d "$TEST_DIR/tern2.log"
wait_for 'Welcome to the team'
wait_status '5 messages'
wait_row 'Meeting notes' F no
lacks_flag INBOX 'Meeting notes' '\Flagged' ||
    fail "a change made under the old UIDVALIDITY was applied"
grep -q "INBOX: new UIDVALIDITY $((old + 1000)), cache dropped" \
    "$TEST_DIR/tern2.log" || fail "the cache of INBOX was not dropped"

keys :
wait_for '^:'
type_text failed
keys Enter
wait_for 'Changes the server refused'
wait_for 'store in INBOX, UID 5'
wait_for 'renumbered on the server'
# D forgets them.
keys D
wait_for 'No failed changes'
keys q
wait_for 'Meeting notes'
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
