#!/bin/sh
# In an 80x24 terminal the list still shows; resizing the window lays the
# screen out again: status bar above the last line, rows as wide as the
# window.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
write_config
tern_start -s 80x24 -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Meeting notes'
wait_for 'Welcome to the team'
wait_status INBOX
wait_for '^ *INBOX 3( |$|[^0-9])'

# widest: the longest screen line, in characters.
widest() {
	screen | python3 -c '
import sys
print(max(len(l.rstrip()) for l in sys.stdin.read().split("\n")))'
}
[ "$(widest)" -le 80 ] || fail "a line wider than 80 columns"

resize 120 40
wait_status INBOX
# The rows use the new width (the size column sits at the right edge).
wider_than() {
	[ "$(widest)" -gt "$1" ]
}
wait_server wider_than 100
wait_for 'Meeting notes'

resize 80 24
wait_status INBOX
wait_for 'Welcome to the team'
[ "$(widest)" -le 80 ] || fail "a line wider than 80 columns after shrinking"
# The list still works after the resizes.
goto_row 1
keys F
wait_server has_flag INBOX 'Meeting notes' '\Flagged'
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
