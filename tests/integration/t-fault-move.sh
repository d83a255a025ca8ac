#!/bin/sh
# The connection is cut in the middle of a MOVE: the server did it, tern
# never heard so.  After the reconnect tern sends it again only after
# looking: the message ends in the target once, and gone from the source.
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
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Welcome to the team'
wait_status 'ready'

# The answers stop coming; the command still gets through.
proxy_ctl stall-down >/dev/null
goto_row 1	# Meeting notes
keys s
wait_for 'Move to folder:'
type_text Archive
keys Enter
wait_server has_subject Archive 'Meeting notes'
proxy_ctl drop >/dev/null
proxy_ctl resume >/dev/null

WAIT_SECS=30 wait_status 'ready'
wait_status '4 messages'
wait_gone 'Meeting notes'
assert_eq "$(imapc count Archive)" 3 "Archive messages"
assert_eq "$(imapc count INBOX)" 4 "INBOX messages"
assert_eq "$(imapc msgids Archive | grep -c 'seed-inbox-5@')" 1 \
    "copies of the moved message in Archive"
# Nothing was refused.
keys :
type_text failed
keys Enter
wait_for 'No failed changes'
keys q
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
