#!/bin/sh
# The unread counts of the folders not open stay current by themselves
# (LIST-STATUS every folder-refresh seconds), and new mail in the open folder
# rings the bell and says so when new-mail-bell = yes.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
write_config 'folder-refresh = 1' 'new-mail-bell = yes'
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Welcome to the team'
wait_status 'ready'
assert_eq "$(pane_count Work)" 1 "Work unread count"
# Dovecot offers LIST-STATUS: the counts come with the list.
grep -q 'folders and their counts by LIST-STATUS' "$TEST_DIR/tern.log" ||
    fail "tern did not use LIST-STATUS"
# tmux runs this hook when the pane rings the bell.
tm set-hook -g alert-bell "run-shell 'touch $TEST_DIR/bell'"

# Mail delivered to another folder: its count rises, no key pressed.
imapc append Work "$DATA_DIR/extra-1.eml"
_end=$(($(now) + WAIT_SECS))
until [ "$(pane_count Work)" = 2 ]; do
	[ "$(now)" -gt "$_end" ] &&
	    fail "Work's count stayed '$(pane_count Work)'"
	sleep 0.1
done
# Read elsewhere: it falls again.
imapc store Work 'Late addition from elsewhere' +FLAGS '(\Seen)'
_end=$(($(now) + WAIT_SECS))
until [ "$(pane_count Work)" = 1 ]; do
	[ "$(now)" -gt "$_end" ] &&
	    fail "Work's count stayed '$(pane_count Work)'"
	sleep 0.1
done
[ ! -e "$TEST_DIR/bell" ] || fail "the bell rang for mail in a closed folder"

# New mail in the open folder: the message line says so, the bell rings.
imapc append INBOX "$DATA_DIR/extra-1.eml"
wait_for 'New mail in INBOX'
wait_server test -e "$TEST_DIR/bell"

keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
