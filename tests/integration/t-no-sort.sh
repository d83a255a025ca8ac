#!/bin/sh
# A server without SORT, CONDSTORE, QRESYNC or LIST-STATUS (capabilities
# switched off in Dovecot): the list comes in arrival order from UID
# SEARCH, is sorted by date once every header is in, a warm start resyncs
# with UIDs and flags, threads are made from References, and the folder
# counts come from STATUS commands sent together; the result is the same
# as with a server that offers them.
. "$(dirname "$0")/lib.sh"
set -eu

DOVECOT_EXTRA='imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE MULTIAPPEND UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 ESEARCH SEARCHRES WITHIN CONTEXT=SEARCH BINARY MOVE LITERAL+ SPECIAL-USE'
dovecot_start
seed
BULK_SHUFFLE=1 bulk_mail 2000
bulk_expected

write_config
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Bulk message'
WAIT_SECS=30 wait_status 'ready'
wait_status '2005 messages'
grep -q 'INBOX: order of 2005 messages from SEARCH' "$TEST_DIR/tern.log" ||
    fail "tern did not fall back to UID SEARCH for the order"
grep -q 'order of .* from SORT' "$TEST_DIR/tern.log" &&
    fail "tern sent SORT to a server that does not offer it"
# Sorted by date locally, as the server would have.
check_ends
# The folder counts by STATUS commands sent together.
grep -q 'LIST-STATUS' "$TEST_DIR/tern.log" &&
    fail "tern sent LIST-STATUS to a server that does not offer it"
grep -Eq 'counts of [0-9]+ folders by STATUS' "$TEST_DIR/tern.log" ||
    fail "tern did not send the STATUS commands together"
assert_eq "$(pane_count Work)" 1 "Work unread count"
# No THREAD either: t gives threads made from References, the ones
# Dovecot gives when asked all the same; t again the dates.
keys t
wait_for 'Threads'
made() {
	grep -q 'INBOX: threads of 2005 messages made here' \
	    "$TEST_DIR/tern.log"
}
poll "$WAIT_SECS" made || fail "t made no threads"
threads_match INBOX
keys t
wait_for 'No threads'
keys g
check_ends
keys q
wait_exit

# Meanwhile another client flags the newest message and deletes one.
newest=$(head -n 1 "$TEST_DIR/expected")
imapc store INBOX "$newest" +FLAGS '(\Flagged)' ||
    fail "could not flag $newest"
imapc store INBOX 'Invoice 2024-117' +FLAGS '(\Deleted)' ||
    fail "could not delete the invoice"
imapc expunge INBOX || fail "could not expunge"
bulk_expected

tern_restart -c "$CONFIG" -d "$TEST_DIR/tern2.log"
wait_for "$newest"
WAIT_SECS=30 wait_status 'ready'
wait_status '2004 messages'
grep -Eq 'INBOX from the cache: 2005 rows, 1 gone, 1 changed, 0 new$' \
    "$TEST_DIR/tern2.log" ||
    fail "the warm start did not resync with UIDs and flags"
wait_row "$newest" F yes
check_run "the top again"
cache_uids_match INBOX
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
