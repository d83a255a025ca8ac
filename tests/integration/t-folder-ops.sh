#!/bin/sh
# The folder pane changes the folders themselves: a creates (below the
# folder under the cursor, or at the top from INBOX), R renames, D deletes
# after a y, S subscribes and unsubscribes, T shows every folder or the
# subscribed ones only.  UTF-8 names go to the server in modified UTF-7,
# "/" in a name makes levels, and the server holds what the screen says.
. "$(dirname "$0")/lib.sh"
set -eu

listed() {
	imapc list | grep -xF -- "$1" >/dev/null
}

unlisted() {
	! listed "$1"
}

subscribed() {
	imapc lsub | grep -xF -- "$1" >/dev/null
}

unsubscribed() {
	! subscribed "$1"
}

dovecot_start
seed
tern_start_default
keys Tab

# A top-level folder from INBOX, with a name outside ASCII.
keys a
wait_for 'Create top-level folder'
type_text '日本語'
keys Enter
wait_server listed '日本語'
imapc list --raw | grep -x '&ZeVnLIqe-' >/dev/null || fail "日本語 not in mUTF-7"
wait_for '^ *日本語( |$)'
wait_for 'Created 日本語'
subscribed '日本語' || fail "a new folder is subscribed to"

# A name with the delimiter in it is a path: Été, and Réunions below it.
pane_goto INBOX
keys a
wait_for 'Create top-level folder'
type_text 'Été/Réunions'
keys Enter
wait_server listed 'Été/Réunions'
imapc list --raw | grep -x '&AMk-t&AOk-/R&AOk-unions' >/dev/null ||
    fail "Été/Réunions not in mUTF-7 with the delimiter"
wait_for '^ *Été( |$)'
wait_for '^ *Réunions( |$)'
assert_eq "$(pane_indent 'Été')" "$(pane_indent INBOX)" "indentation of Été"

# Below the folder under the cursor: the prompt starts with its path.
pane_goto Work
keys a
wait_for 'Create folder.*: Work/$'
type_text Q3
keys Enter
wait_server listed 'Work/Q3'
wait_for 'Created Work/Q3'
assert_eq "$(pane_indent Q3)" "$(($(pane_indent Work) + 2))" \
    "indentation of Q3"

# An empty level is refused before anything is sent.
keys a
wait_for 'Create folder'
type_text '/x'
keys Enter
wait_for 'empty level'
unlisted 'Work/Q3/x' || fail "a name with an empty level was created"
listed 'Work/Q3//x' && fail "a name with an empty level was sent"

# A NO from the server is shown: the name exists there, not here yet.
imapc create 'Work/Taken'
keys a
wait_for 'Create folder'
keys C-u
type_text 'Work/Taken'
keys Enter
wait_for 'CREATE: .*[Ee]xists'

# Rename: the prompt holds the old name; the cursor follows the folder.
pane_goto Q3
keys R
wait_for 'Rename Work/Q3 to: Work/Q3$'
keys BSpace
type_text 4
keys Enter
wait_server listed 'Work/Q4'
wait_server unlisted 'Work/Q3'
wait_for 'Renamed Work/Q3 to Work/Q4'
wait_server subscribed 'Work/Q4'
unsubscribed 'Work/Q3' || fail "the old name is still subscribed"
wait_gone '^ *Q3( |$)'

# Delete asks first; n keeps it, y deletes it.
pane_goto Q4
keys D
wait_for 'Delete folder Work/Q4 and every message in it'
keys n
wait_gone 'Delete folder'
listed 'Work/Q4' || fail "n deleted the folder"
keys D
wait_for 'Delete folder Work/Q4'
keys y
wait_server unlisted 'Work/Q4'
wait_for 'Deleted Work/Q4'
wait_gone '^ *Q4( |$)'

# INBOX cannot be deleted or renamed.
pane_goto INBOX
keys D
wait_for 'INBOX cannot be deleted'
screen_has 'Delete folder' && fail "a prompt to delete INBOX"
keys R
wait_for 'INBOX cannot be renamed'
listed INBOX || fail "INBOX is gone"

# The server has subscriptions: the pane shows the subscribed folders.
# S unsubscribes, and the folder leaves the pane; T shows every folder.
pane_goto '日本語'
keys S
wait_server unsubscribed '日本語'
wait_for 'Unsubscribed from 日本語'
wait_gone '^ *日本語( |$)'
keys T
wait_for 'Showing every folder'
wait_for '^ *日本語( |$)'
pane_goto '日本語'
keys S
wait_server subscribed '日本語'
wait_for 'Subscribed to 日本語'
imapc unsubscribe Archive
keys T
wait_for 'Showing subscribed folders only'
wait_for '^ *日本語( |$)'
# Archive was unsubscribed behind tern's back; it goes at the next LIST.
pane_goto '日本語'
keys S
wait_server unsubscribed '日本語'
wait_gone '^ *Archive( |$)'
wait_gone '^ *日本語( |$)'
pane_line INBOX | grep -q INBOX || fail "INBOX is always shown"

keys Tab q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
