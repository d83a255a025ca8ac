#!/bin/sh
# The INBOX list shows the seeded messages newest (highest UID) first, with
# the flags field, decoded sender and subject, and the status bar shows the
# account, the folder and the counts.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
tern_start_default
wait_for 'Welcome to the team'

# Newest first: the order the seed appended them in, reversed.
set -f
IFS='
'
# shellcheck disable=SC2086
assert_order $INBOX_SUBJECTS
unset IFS
set +f

# RFC 2047 subject decoded, sender names shown.
wait_for 'Café on Friday\?'
row 'Welcome to the team' | grep -q 'Carol Jones' ||
    fail "the row of 'Welcome to the team' does not show Carol Jones"
row 'Meeting notes' | grep -q 'Dana Whitfield' ||
    fail "the row of 'Meeting notes' does not show Dana Whitfield"

# Unread ones carry N, read ones do not.
for s in 'Meeting notes' 'Invoice 2024-117' 'Café on Friday?'; do
	case $(row_flags "$s") in *N*) ;; *) fail "'$s' should show N" ;; esac
done
for s in 'Build failure on main' 'Welcome to the team'; do
	case $(row_flags "$s") in *N*) fail "'$s' should not show N" ;; esac
done

# Status bar: the line above the last names the folder and the counts.
wait_status INBOX
status_line | grep -q 5 || fail "status bar does not show 5 messages"
status_line | grep -q 3 || fail "status bar does not show 3 unread"

# The list is built from headers: nothing became \Seen on the server.
assert_eq "$(imapc status INBOX)" "messages 5 unseen 3" "INBOX on the server"
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
