#!/bin/sh
# No config: an imaps:// URL and --ca-file; the password is asked on the
# last line, not echoed, and never written to tern's output or log.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
tern_start -d "$TEST_DIR/tern.log" --ca-file "$CA_FILE" \
    "imaps://alice@127.0.0.1:$IMAPS_PORT"
wait_for 'Password for alice@127\.0\.0\.1:'
message_line | grep -q 'Password for alice@127.0.0.1:' ||
    fail "the password prompt is not on the last line"

type_text "$IMAP_PASS"
# Typed but not echoed.
wait_for 'Password for alice@127\.0\.0\.1:'
screen_has "$IMAP_PASS" && fail "the password is echoed"
screen_has '\*\*\*\*' && fail "the password length is echoed"
keys Enter
wait_for 'Meeting notes'
wait_for 'Welcome to the team'
wait_gone 'Password for'
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
no_secret "$TEST_DIR/tern.log" "$TEST_DIR/tern.stderr"
