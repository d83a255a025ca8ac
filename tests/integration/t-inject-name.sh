#!/bin/sh
# A server lists a folder named "x\r\n2 DELETE INBOX" (a literal may hold
# any byte).  tern shows it inert, leaves it out of the STATUS round, and
# refuses to open it: the name never reaches the server, so its line break
# never starts a second command.  The fake server records every command.
. "$(dirname "$0")/lib.sh"
set -eu

mock_dir

mock_start folder-crlf "tls = none"
tern_start -c "$TEST_DIR/mock.conf" -d "$TEST_DIR/tern.log"
wait_for 'hello'
wait_for 'x.*2 DELETE INBOX'
# The folder pane: INBOX, then the hostile name; open the second.
keys Tab g j Enter
wait_for 'line break'
keys q
wait_exit
mock_end
assert_eq "$TERN_STATUS" 0 "exit status"
if grep -qx DELETE "$TEST_DIR/port.commands"; then
	fail "a DELETE reached the server: $(cat "$TEST_DIR/port.commands")"
fi
assert_eq "$(grep -cx SELECT "$TEST_DIR/port.commands")" 1 \
    "SELECTs (INBOX only)"
assert_eq "$(grep -cx STATUS "$TEST_DIR/port.commands" || true)" 1 \
    "STATUS commands (INBOX only: the other name is skipped)"
