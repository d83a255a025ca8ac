#!/bin/sh
# ? shows a help screen listing the keys; q goes back to the list.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
tern_start_default
keys '?'
wait_gone 'Welcome to the team'
# The list of keys may be longer than the screen: page through it (PgDn)
# until the screen stops changing.
screen >"$TEST_DIR/help.txt"
screen >"$TEST_DIR/page.txt"
pages=1
while [ "$pages" -lt 10 ]; do
	keys NPage
	# Either the page changes or there is nothing more to show.
	WAIT_SECS=2
	_end=$(($(now) + WAIT_SECS))
	while screen | cmp -s - "$TEST_DIR/page.txt" &&
	    [ "$(now)" -le "$_end" ]; do
		sleep 0.1
	done
	WAIT_SECS=10
	screen | cmp -s - "$TEST_DIR/page.txt" && break
	screen >"$TEST_DIR/page.txt"
	cat "$TEST_DIR/page.txt" >>"$TEST_DIR/help.txt"
	pages=$((pages + 1))
done
for word in flag delete move copy expunge; do
	grep -qi -- "$word" "$TEST_DIR/help.txt" || {
		cat "$TEST_DIR/help.txt"
		fail "the help screen does not mention '$word'"
	}
done
for key in Tab Enter '\$' '\?'; do
	grep -Eq -- "(^|[^A-Za-z])$key([^A-Za-z]|$)" "$TEST_DIR/help.txt" ||
	    fail "the help screen does not list the key $key"
done

keys q
wait_for 'Welcome to the team'
tern_exited && fail "q on the help screen quit tern"
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
