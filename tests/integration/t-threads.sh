#!/bin/sh
# sort = threads: the list in the server's THREAD REFERENCES order, the
# newest thread on top, each drawn with tree lines; a reply that arrives
# while tern is open joins its thread; t leaves threads for the order of
# dates and comes back; the next start shows the threads from the cache
# before the server answers (here: with the server away).  Cold, the first
# screen is the threads among the newest arrivals, without the answers to
# older mail, which the whole order then puts in their threads; that
# order is asked for once the fill has brought every header.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
# 150 older messages, numbered by the server before the threads come.
bulk_mail 150
imapc count INBOX >/dev/null || fail "imapc count failed"

thread_mails

write_config 'sort = threads'
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Weekly digest'
wait_status 'ready'
grep -q 'INBOX: order of 163 messages from THREAD' "$TEST_DIR/tern.log" ||
    fail "tern did not ask the server for THREAD"
# The newest 100: 92 bulk, the 7 above and Ivy's answer, left out.
grep -q 'INBOX: first screen in threads: 99 of the newest 100' \
    "$TEST_DIR/tern.log" ||
    fail "the first screen was not the threads of the newest arrivals"
# The fill does not wait for the whole THREAD, which comes after it.
awk '/INBOX: [0-9]+ rows filled in/ && !f { f = NR }
    /INBOX: order of 163 messages from THREAD/ && !t { t = NR }
    END { exit !(f && t && f < t) }' "$TEST_DIR/tern.log" ||
    fail "the fill waited for the THREAD of the whole folder"

thread_mails_shown
thread_reply_joins
# What the cache keeps for the next start is the server's threads.
threads_match INBOX

# t: by date, flat, the newest on top; t again: threads.
keys t
wait_gone '─>'
assert_order Hal Gus Finn Eve Dan Cat Bob Ann
keys t
wait_for '└─>Re: Plan'
assert_order Gus Cat Eve Finn Ann Bob Dan Hal
tree Dan '│ └─>'

keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"

dovecot_stop
tern_restart -c "$CONFIG" -d "$TEST_DIR/tern2.log"
wait_status 'offline'
wait_for '└─>Re: Plan'
assert_order Gus Cat Eve Finn Ann Bob Dan Hal
tree Dan '│ └─>'
tree Eve '├─>'
# t offline: by date, and back to the cached threads.
keys t
wait_gone '─>'
keys t
wait_for '└─>Re: Plan'
assert_order Gus Cat Eve Finn Ann Bob Dan Hal
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q, offline"
