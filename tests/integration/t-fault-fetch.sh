#!/bin/sh
# The connection is cut in the middle of the header FETCH of a large
# folder: tern says it is offline, reconnects by itself and ends with the
# whole list, each message once.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy.sh"
set -eu

dovecot_start
seed
bulk_mail 3000
proxy_start
# Enough for the login, the folder list and part of the headers only.
proxy_ctl down-limit 400000 >/dev/null
CONFIG_URL=$PROXY_URL write_config
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_status 'loading INBOX'
wait_for 'Bulk message 03000'

# Cut it mid-FETCH, and let the next connection through.
proxy_ctl drop >/dev/null
proxy_ctl down-limit off >/dev/null
proxy_ctl resume >/dev/null
wait_status 'offline|reconnecting|loading|ready'
WAIT_SECS=30 wait_status '3005 messages'
wait_status 'ready'
[ "$(proxy_stat conns)" -ge 2 ] || fail "tern never reconnected"
# The rows cached before the cut were kept; only the rest was fetched.
grep -q 'INBOX from the cache: [1-9][0-9]* rows, 0 gone' "$TEST_DIR/tern.log" ||
    fail "the second open did not start from the rows already fetched"
# The bottom of the list is the oldest message, and the rows are unique.
keys G
wait_for 'Welcome to the team'
keys g
wait_for 'Bulk message 03000'
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
