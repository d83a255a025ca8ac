#!/bin/sh
# The folder pane lists every folder, nested ones indented under their
# parent by their last name component, the modified UTF-7 name decoded, and
# the unread count after each name that has unread mail.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
# The server really holds the non-ASCII name in modified UTF-7.
imapc list --raw | grep -qx 'R&AOk-unions' || fail "seeded name not in mUTF-7"

tern_start_default
wait_for '^ *Réunions'
wait_for '^ *Projects'

for f in INBOX Archive Work Projects Réunions; do
	[ -n "$(pane_line "$f")" ] || fail "folder pane does not show $f"
done
screen_has 'R&AOk-unions' && fail "the wire name of Réunions is on the screen"

# Unread counts: INBOX 3, Work 1, Projects 2, Réunions 1, none for Archive.
wait_for '^ *INBOX 3( |$|[^0-9])'
assert_eq "$(pane_count INBOX)" 3 "INBOX unread count"
assert_eq "$(pane_count Work)" 1 "Work unread count"
assert_eq "$(pane_count Projects)" 2 "Projects unread count"
assert_eq "$(pane_count Réunions)" 1 "Réunions unread count"
assert_eq "$(pane_count Archive)" "" "Archive unread count (none unread)"

# Projects sits right under Work, two spaces further in.
work=$(line_of '^ *Work( [0-9]+)?( |$|[^ A-Za-z0-9])')
proj=$(line_of '^ *Projects( [0-9]+)?( |$|[^ A-Za-z0-9])')
assert_eq "$proj" "$((work + 1))" "line of Projects (Work is on line $work)"
assert_eq "$(pane_indent Projects)" "$(($(pane_indent Work) + 2))" \
    "indentation of Projects"
assert_eq "$(pane_indent INBOX)" "$(pane_indent Work)" \
    "top-level folders share one indentation"

# Opening the decoded folder selects the right one on the server.
inbox=$(line_of '^ *INBOX')
reu=$(line_of '^ *Réunions')
keys Tab g
i=$inbox
while [ "$i" -lt "$reu" ]; do
	keys j
	i=$((i + 1))
done
keys Enter
wait_for 'Ordre du jour de la réunion'
wait_gone 'Meeting notes'

# Reading its only unread message there clears its count, also once INBOX
# is open again.  Whether opening a folder moves the focus to the list is
# not fixed: Enter either opens the message or opens the folder again, and
# then Tab moves to the list.
keys Enter
poll 3 screen_has 'Voici l.ordre du jour' || keys Tab Enter
wait_for 'Voici l.ordre du jour'
wait_server has_flag Réunions 'Ordre du jour de la réunion' '\Seen'
keys q
wait_gone 'Voici l.ordre du jour'
wait_for '^ *Réunions( |$|[^ A-Za-z0-9])'
keys Tab g Enter
wait_for 'Meeting notes'
wait_for '^ *INBOX 3( |$|[^0-9])'
# The count may come in after the list (STATUS): wait for it to go.
wait_gone '^ *Réunions [0-9]'
assert_eq "$(pane_count Projects)" 2 "Projects unread count"
keys Tab q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
