#!/bin/sh
# tern is killed (kill -9) while a 10,000-message INBOX is still filling
# in: the next start shows what was cached at once, fetches the rest, and
# ends with every message once in the server's order, as a full fetch
# would.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy.sh"
set -eu

dovecot_start
seed
BULK_SHUFFLE=1 bulk_mail 10000
bulk_expected

# A slow link: the fill takes seconds, and the kill lands in it.
proxy_start 30
CONFIG_URL=$PROXY_URL write_config
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_status 'loading INBOX: [0-9]+ of 10005'
tern_kill9
grep -q 'headers complete' "$TEST_DIR/tern.log" &&
    fail "the fill was over before the kill"

proxy_stop
write_config
tern_restart -c "$CONFIG" -d "$TEST_DIR/tern2.log"
wait_for 'Bulk message'
WAIT_SECS=60 wait_status 'ready'
wait_status '10005 messages'
# The rows cached before the kill were used, the rest fetched.
grep -Eq 'INBOX from the cache: [1-9][0-9]* rows, 0 gone, 0 changed, [1-9][0-9]* new' \
    "$TEST_DIR/tern2.log" ||
    fail "the second start did not resume from the cached rows"
check_ends

keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
