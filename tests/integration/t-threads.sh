#!/bin/sh
# sort = threads: the list in the server's THREAD REFERENCES order, the
# newest thread on top, each drawn with tree lines; a reply that arrives
# while tern is open joins its thread; t leaves threads for the order of
# dates and comes back; the next start shows the threads from the cache
# before the server answers (here: with the server away).  Cold, the first
# screen is the threads among the newest arrivals, without the answers to
# older mail, which the whole order then puts in their threads.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
# 150 older messages, numbered by the server before the threads come.
bulk_mail 150
imapc count INBOX >/dev/null || fail "imapc count failed"

# mail N FROM DAY-HOUR SUBJECT MESSAGE-ID [PARENT-IDS]: a message dated
# November 2026 (newer than the seed) into $TEST_DIR/mail-N.eml.
mail() {
	_f=$TEST_DIR/mail-$1.eml
	{
		printf 'From: %s <%s@example.org>\r\n' "$2" "$(echo "$2" |
		    tr 'A-Z' 'a-z')"
		printf 'To: Alice Liddell <alice@example.org>\r\n'
		printf 'Subject: %s\r\n' "$4"
		printf 'Date: %s Nov 2026 %s:00:00 +0000\r\n' "${3%-*}" "${3#*-}"
		printf 'Message-ID: <%s@example.org>\r\n' "$5"
		if [ -n "${6:-}" ]; then
			printf 'In-Reply-To: <%s@example.org>\r\n' "${6##* }"
			printf 'References:'
			for _p in $6; do
				printf ' <%s@example.org>' "$_p"
			done
			printf '\r\n'
		fi
		printf '\r\nText of message %s.\r\n' "$1"
	} >"$_f"
}
mail 1 Ann 20-09 'Plan for the offsite' plan
mail 2 Bob 20-10 'Re: Plan for the offsite' plan-r1 plan
mail 3 Cat 21-09 'Lunch on Friday?' lunch
mail 4 Dan 21-11 'Re: Plan for the offsite' plan-r2 'plan plan-r1'
mail 5 Eve 22-09 'Re: Lunch on Friday?' lunch-r1 lunch
mail 6 Finn 22-10 'Re: Lunch on Friday?' lunch-r2 lunch
mail 7 Gus 23-08 'Weekly digest' digest
mail 8 Hal 24-08 'Re: Plan for the offsite' plan-r3 plan
# The newest of all, an answer to the oldest bulk message.
mail 9 Ivy 25-08 'Re: Bulk message 00001' ivy bulk-1
for i in 1 2 3 4 5 6 7 9; do
	imapc append INBOX "$TEST_DIR/mail-$i.eml" || fail "append $i failed"
done

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

# tree ROW-TEXT LINES: the row holding ROW-TEXT draws these tree lines
# right before the subject.
tree() {
	_r=$(row "$1")
	case $_r in
	*"$2Re: "*) ;;
	*) fail "the row of $1 should draw '$2' before its subject: '$_r'" ;;
	esac
}
# Newest thread first: the digest, the lunch (started on the 21st), the
# plan (the 20th); each top-down, replies by date.
wait_for 'Lunch on Friday'
assert_order Gus Cat Eve Finn Ann Bob Dan
tree Eve '├─>'
tree Finn '└─>'
tree Bob '└─>'
tree Dan '  └─>'
row Ann | grep -q '─>' && fail "a thread's first message has no tree lines"
# Ivy's answer is in its thread at the bottom, under the oldest bulk.
keys G
wait_for 'Ivy'
assert_order 'Bulk message 00001' Ivy 'Welcome to the team'
tree Ivy '└─>'
keys g
wait_for 'Weekly digest'

# A reply from another client to the plan: under its first message, not
# on top, and the lines above it change to make room.
imapc append INBOX "$TEST_DIR/mail-8.eml" || fail "append 8 failed"
wait_for Hal
_end=$(($(now) + WAIT_SECS))
until row Hal | grep -qF '└─>Re: Plan'; do
	[ "$(now)" -gt "$_end" ] && fail "Hal's reply did not join its thread"
	sleep 0.1
done
assert_order Gus Cat Eve Finn Ann Bob Dan Hal
tree Bob '├─>'
tree Dan '│ └─>'

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
