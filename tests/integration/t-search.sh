#!/bin/sh
# / limits the list to what the server's UID SEARCH finds, Esc shows every
# message again with the cursor on its message, new mail shows only if it
# matches, and a query that would smuggle a second command in never does.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
# Keys typed by a paste may start a message: an editor that returns at once.
VISUAL=true
export VISUAL
tern_start_default

# shown_is FILE: the INBOX rows on screen are exactly the subjects in FILE.
shown_is() {
	screen >"$TEST_DIR/screen"
	printf '%s\n' "$INBOX_SUBJECTS" 'Quarterly numbers' | while IFS= read -r s; do
		on=no
		grep -qF -- "$s" "$TEST_DIR/screen" && on=yes
		want=no
		grep -qxF -- "$s" "$1" && want=yes
		[ "$on" = "$want" ] || {
			echo "'$s' on screen: $on, expected: $want" >&2
			return 1
		}
	done
}

# The cursor on the invoice (the second row) before the search.
goto_row 2
keys /
wait_for 'Search:'
type_text 'from:example.com unread'
keys Enter
imapc search INBOX FROM example.com UNSEEN >"$TEST_DIR/want"
assert_eq "$(wc -l <"$TEST_DIR/want")" 1 "messages Dovecot finds"
wait_status 'search from:example.com unread: 1 of 5'
shown_is "$TEST_DIR/want" || fail "the list is not what the server found"
# Dovecot offers ESEARCH: the answer came as ranges.
grep -q 'INBOX: 1 found by ESEARCH' "$TEST_DIR/tern.log" ||
    fail "tern did not search with ESEARCH"

# Esc: every message again, the cursor still on the invoice.
keys Escape
wait_status '5 messages, 3 unread'
printf '%s\n' "$INBOX_SUBJECTS" >"$TEST_DIR/all"
shown_is "$TEST_DIR/all" || fail "Esc did not bring every message back"
keys Enter
wait_for 'Subject: Invoice 2024-117'
keys q
wait_gone 'Subject: Invoice'

# An OR, a negation and parentheses; dates by the internal date.
keys /
wait_for 'Search:'
keys C-u
type_text '(from:carol or from:dana) -since:2024-04-01'
keys Enter
imapc search INBOX OR FROM carol FROM dana NOT SINCE 1-Apr-2024 \
    >"$TEST_DIR/want"
wait_status ': 1 of 5'
shown_is "$TEST_DIR/want" || fail "the OR query shows other rows"

# Not ASCII: CHARSET UTF-8, the string as a literal.
keys /
wait_for 'Search:'
keys C-u
type_text 'subject:café'
keys Enter
wait_status 'search subject:café: 1 of 5'
printf 'Café on Friday?\n' >"$TEST_DIR/want"
shown_is "$TEST_DIR/want" || fail "the UTF-8 search shows other rows"

# New mail while limited: shown only if it matches.
keys /
wait_for 'Search:'
keys C-u
type_text 'from:dana'
keys Enter
wait_status 'search from:dana: 1 of 5'
# mail FILE FROM SUBJECT HOUR: a message to append.
mail() {
	printf 'From: %s\r\nTo: Alice Liddell <alice@example.org>\r\nSubject: %s\r\nDate: Sat, 06 Apr 2024 %s:00:00 +0000\r\nMessage-ID: <%s@example.org>\r\n\r\nText.\r\n' \
	    "$2" "$3" "$4" "$4" >"$1"
}
mail "$TEST_DIR/new.eml" 'Dana Whitfield <dana@example.org>' \
    'Quarterly numbers' 10
mail "$TEST_DIR/other.eml" 'Bob Martin <bob@example.net>' 'Lunch tomorrow' 11
imapc append INBOX "$TEST_DIR/other.eml" || fail "could not append"
imapc append INBOX "$TEST_DIR/new.eml" || fail "could not append"
wait_status 'search from:dana: 2 of 7'
printf 'Meeting notes\nQuarterly numbers\n' >"$TEST_DIR/want"
shown_is "$TEST_DIR/want" || fail "new mail that does not match is shown"
screen | grep -qF 'Lunch tomorrow' && fail "new mail that does not match is shown"

# An empty query clears the limit too.
keys /
wait_for 'Search:'
keys C-u Enter
wait_status '7 messages'
wait_for 'Lunch tomorrow'

# A bad query says where it goes wrong and sends nothing.
keys /
wait_for 'Search:'
type_text 'frm:alice'
keys Enter
wait_for 'Bad search at column 1: unknown key "frm:"'
wait_status '7 messages'

# A pasted query with a line break: the search ends at the break (its
# quote is not closed), the rest is keys, never a command to the server.
keys /
wait_for 'Search:'
type_text "subject:\"x"
keys Enter
wait_for 'Bad search at column 9: a quote that is not closed'
type_text ' a DELETE Work'
imapc list >"$TEST_DIR/folders"
grep -qx 'Work' "$TEST_DIR/folders" || fail "the folder Work was deleted"
# Those keys may have started a message (W, r): the editor ($VISUAL,
# true) changed nothing, and :quit ends tern from any screen.
keys :
type_text quit
keys Enter
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
