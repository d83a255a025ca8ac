#!/bin/sh
# keys-preset = vi: l opens the message under the cursor and h goes back
# to the list; C-d moves half a screen, not a whole one; the keys the
# preset leaves are the defaults.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
write_config
{
	echo 'keys-preset = vi'
	cat "$CONFIG"
} >"$CONFIG.vi"
mv "$CONFIG.vi" "$CONFIG"
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Meeting notes'
wait_for 'Welcome to the team'

goto_row 1
keys l
wait_for 'The quarterly numbers look good'
keys h
wait_gone 'The quarterly numbers look good'
wait_for 'Welcome to the team'
# Opened, so read; F, which the preset leaves, flags it.
keys F
wait_server has_flag INBOX 'Meeting notes' '\Flagged'

# The help screen is longer than the terminal: C-d moves its lines half a
# screen up, so the first goes and one from the lower half stays.
keys '?'
wait_for '^ *Tab.*focus'
_low=$(screen | sed -n "$((TERM_ROWS - 6))p" | sed 's/^ *//; s/ *$//')
[ -n "$_low" ] || fail "the help screen is shorter than expected"
keys C-d
wait_gone '^ *Tab.*focus'
screen | grep -qF -- "$_low" ||
    fail "C-d moved the help screen more than half a screen"
keys q
wait_for 'Welcome to the team'
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
