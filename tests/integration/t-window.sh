#!/bin/sh
# A 10,000-message INBOX whose dates are not in arrival order: the first
# screen is usable before the rest has loaded, the list ends up in the
# server's SORT order with every message once, rows scrolled to before
# they arrive are fetched first, and the cache holds every UID.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy.sh"
set -eu

dovecot_start
seed
BULK_SHUFFLE=1 bulk_mail 10000
bulk_expected

# A slow link, so that the fill is still going when we scroll.
proxy_start 20
CONFIG_URL=$PROXY_URL write_config
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Bulk message'
grep -q 'index ready: INBOX' "$TEST_DIR/tern.log" ||
    fail "no index ready line in the log"
# The first screen was usable before the rest of the folder came.
grep -q 'headers complete' "$TEST_DIR/tern.log" &&
    fail "the whole folder was in before the first screen was usable"

# To the bottom at once: those rows are fetched before the fill gets there.
keys G
WAIT_SECS=30 wait_for 'Welcome to the team'
grep -Eq '[1-9][0-9]* rows on screen fetched out of turn' \
    "$TEST_DIR/tern.log" ||
    fail "the bottom rows were not fetched ahead of the fill"
WAIT_SECS=60 wait_status 'ready'
wait_status '10005 messages'
check_run "the bottom"
[ "$(tail -n 1 "$TEST_DIR/shown")" = "$(tail -n 1 "$TEST_DIR/expected")" ] ||
    fail "the last bulk row is not the oldest by date"

keys g
wait_for "$(head -n 1 "$TEST_DIR/expected")"
check_run "the top"
[ "$(head -n 1 "$TEST_DIR/shown")" = "$(head -n 1 "$TEST_DIR/expected")" ] ||
    fail "the first row is not the newest by date"
# Somewhere in the middle, a few pages down.
top=$(head -n 1 "$TEST_DIR/shown")
keys PgDn PgDn PgDn PgDn PgDn PgDn PgDn
wait_gone "$top"
wait_for 'Bulk message'
check_run "the middle"

# The cache holds every UID the server has, each once.
cache_uids_match INBOX

keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
