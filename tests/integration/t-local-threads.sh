#!/bin/sh
# Threads on a server without THREAD (Gmail has none): tern makes them
# from each message's Message-ID and References, as RFC 5256's REFERENCES
# would, and they are the ones Dovecot gives when asked all the same.  A
# reply that arrives joins its thread; z and Z fold threads; t leaves
# threads and comes back.
. "$(dirname "$0")/lib.sh"
set -eu

# Dovecot's capabilities less THREAD and SORT.
DOVECOT_EXTRA='imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE MULTIAPPEND UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE LITERAL+ SPECIAL-USE'
dovecot_start
seed
bulk_mail 150
imapc count INBOX >/dev/null || fail "imapc count failed"
thread_mails

write_config 'sort = threads'
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Weekly digest'
wait_status 'ready'
grep -q 'THREAD' "$TEST_DIR/tern.log" &&
    fail "tern asked THREAD of a server that does not offer it"
made() {
	grep -q 'INBOX: threads of 163 messages made here' "$TEST_DIR/tern.log"
}
poll "$WAIT_SECS" made || fail "tern made no threads of the whole folder"

wait_for '└─>Re: Lunch'
thread_mails_shown
threads_match INBOX
thread_reply_joins
threads_match INBOX

# z on a reply folds its thread under the first message, which says how
# many rows it hides; z again unfolds it.  Z folds every thread, Z again
# none.
keys g j j j j j z
wait_for '\[\+3\] Plan for the offsite'
wait_gone Bob
assert_order Gus Cat Eve Finn Ann 'Bulk message'
keys z
wait_for Bob
assert_order Ann Bob Dan Hal
keys Z
wait_for '\[\+2\] Lunch on Friday'
wait_gone Finn
screen_has '\[\+3\] Plan for the offsite' || fail "Z left the plan unfolded"
keys Z
wait_for Finn
assert_order Gus Cat Eve Finn Ann Bob Dan Hal

# t: by date, flat; t again: the threads, made again.
keys t
wait_gone '─>'
assert_order Hal Gus Finn Eve Dan Cat Bob Ann
keys t
wait_for '└─>Re: Plan'
assert_order Gus Cat Eve Finn Ann Bob Dan Hal
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
