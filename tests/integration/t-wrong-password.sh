#!/bin/sh
# A wrong password: the server's error text, then the password prompt again;
# the right one then logs in, and tern could not dump it in a core file.
# A wrong password-command is run once, not in a loop.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed

# Typed at the prompt.
tern_start -d "$TEST_DIR/tern.log" --ca-file "$CA_FILE" \
    "imaps://alice@127.0.0.1:$IMAPS_PORT"
wait_for 'Password for alice@127\.0\.0\.1:'
type_text not-the-password
keys Enter
wait_for 'Authentication failed|Login failed'
wait_for 'Password for alice@127\.0\.0\.1:'
type_text "$IMAP_PASS"
keys Enter
wait_for 'Meeting notes'
# The password is in tern's memory now: no core file may hold it.
grep -Eq '^Max core file size +0 +0 ' "/proc/$(tern_pid)/limits" ||
    fail "tern may write a core file"
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
no_secret "$TEST_DIR/tern.log" "$TEST_DIR/tern.stderr"
tm kill-server

# From a password-command that prints a wrong one.
cat >"$TEST_DIR/pwcmd.sh" <<-EOF2
	echo run >>"$TEST_DIR/pwcmd.runs"
	printf %s wrong-one
EOF2
CONFIG_PASSCMD="sh $TEST_DIR/pwcmd.sh"
write_config
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Authentication failed|Login failed'
wait_for 'Password for alice@127\.0\.0\.1:'
type_text "$IMAP_PASS"
keys Enter
wait_for 'Meeting notes'
assert_eq "$(wc -l <"$TEST_DIR/pwcmd.runs" | tr -d ' ')" 1 \
    "times the password-command ran"
no_secret "$TEST_DIR/tern.log" "$TEST_DIR/tern.stderr"
