#!/bin/sh
# Opening a folder the cache has: tern shows the cached rows, then asks the
# server only for UIDs and flags (with QRESYNC the SELECT says what
# changed, with CONDSTORE only the flags changed since are fetched) and
# fetches the headers of new mail alone.  What changed while tern was away
# (an expunge, a flag, new mail) is right on the screen afterwards, with
# QRESYNC, with CONDSTORE alone and with neither; with QRESYNC enabled, an
# expunge by another client (VANISHED) leaves the list too.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
tern_start_default
wait_status 'ready'
keys q
wait_exit

imapc store INBOX 'Build failure on main' +FLAGS '(\Deleted)'
imapc expunge INBOX
imapc store INBOX 'Invoice 2024-117' +FLAGS '(\Flagged)'
imapc append INBOX "$DATA_DIR/extra-1.eml"

tern_restart -c "$CONFIG" -d "$TEST_DIR/tern2.log"
wait_for 'Late addition from elsewhere'
wait_status 'ready'
wait_status '5 messages'
screen_has 'Build failure on main' && fail "an expunged message is listed"
wait_row 'Invoice 2024-117' F yes
assert_order 'Late addition from elsewhere' 'Meeting notes' \
    'Invoice 2024-117' 'Café on Friday?' 'Welcome to the team'
grep -q 'INBOX from the cache: 5 rows, 1 gone, 1 changed, 1 new (QRESYNC)' \
    "$TEST_DIR/tern2.log" || fail "INBOX was not resynced with QRESYNC"
# Live, with QRESYNC on: another client's expunge arrives as VANISHED.
imapc store INBOX 'Café on Friday?' +FLAGS '(\Deleted)'
imapc expunge INBOX
wait_gone 'Café on Friday'
wait_status '4 messages'
keys q
wait_exit

# CONDSTORE without QRESYNC: the flags changed since, with a FETCH.
echo "$NO_IDLE_CAPABILITY" | sed 's/ QRESYNC//' >>"$TEST_DIR/dovecot.conf"
dovecot_restart
imapc store INBOX 'Invoice 2024-117' +FLAGS '(\Seen)'
tern_restart -c "$CONFIG" -d "$TEST_DIR/tern2b.log"
wait_status 'ready'
wait_status '4 messages'
wait_row 'Invoice 2024-117' N no
grep -q 'INBOX from the cache: 4 rows, 0 gone, 1 changed, 0 new (CONDSTORE)' \
    "$TEST_DIR/tern2b.log" || fail "INBOX was not resynced with CONDSTORE"
keys q
wait_exit

# The same on a server without CONDSTORE: every flag is fetched.
sed -i '/^imap_capability/d' "$TEST_DIR/dovecot.conf"
echo "$NO_IDLE_CAPABILITY" | sed 's/ CONDSTORE QRESYNC//' \
    >>"$TEST_DIR/dovecot.conf"
dovecot_restart
imapc store INBOX 'Meeting notes' +FLAGS '(\Deleted)'
imapc expunge INBOX
imapc store INBOX 'Invoice 2024-117' -FLAGS '(\Flagged)'
tern_restart -c "$CONFIG" -d "$TEST_DIR/tern3.log"
wait_for 'Late addition from elsewhere'
wait_status 'ready'
wait_status '3 messages'
screen_has 'Meeting notes' && fail "an expunged message is listed"
wait_row 'Invoice 2024-117' F no
grep -q 'INBOX from the cache: 4 rows, 1 gone, 1 changed, 0 new$' \
    "$TEST_DIR/tern3.log" || fail "INBOX was not resynced without CONDSTORE"
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
