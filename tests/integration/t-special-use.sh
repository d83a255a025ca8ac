#!/bin/sh
# SPECIAL-USE (RFC 6154): the folders with a role come right after INBOX,
# in the order Drafts, Sent, Archive, Junk, Trash, with the role beside
# the name.  With delete = trash, d moves the message to the \Trash folder
# and marks it deleted in Trash itself; A moves it to the \Archive folder
# (here "Old mail", not the plain folder named Archive).  A special-use
# folder is deleted only when its name is typed.
. "$(dirname "$0")/lib.sh"
set -eu

DOVECOT_EXTRA='namespace inbox {
  mailbox Drafts {
    special_use = \Drafts
    auto = subscribe
  }
  mailbox "Sent Messages" {
    special_use = \Sent
    auto = subscribe
  }
  mailbox "Old mail" {
    special_use = \Archive
    auto = subscribe
  }
  mailbox Junk {
    special_use = \Junk
    auto = subscribe
  }
  mailbox Trash {
    special_use = \Trash
    auto = subscribe
  }
}'
export DOVECOT_EXTRA

dovecot_start
seed
write_config 'delete = trash'
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Meeting notes'
wait_for '^ *Trash'

# The order of the pane, and each role beside its folder.
prev=0
for f in INBOX Drafts 'Sent Messages' 'Old mail' Junk Trash Archive \
    Réunions Work; do
	n=$(line_of "^ *$f( [0-9]+)?( |$)")
	[ "$n" -gt "$prev" ] || fail "$f (line $n) is not below line $prev"
	prev=$n
done
pane_line 'Sent Messages' | grep -q '(Sent)' || fail "no (Sent) role"
pane_line 'Old mail' | grep -q '(Archive)' || fail "no (Archive) role"
pane_line Trash | grep -q '(Trash)' || fail "no (Trash) role"
pane_line Archive | grep -q '(' && fail "Archive has no role"

# d moves to Trash.
goto_row 1
row 'Meeting notes' | grep -q . || fail "Meeting notes is not on row 1"
keys d
wait_server has_subject Trash 'Meeting notes'
wait_server lacks_subject INBOX 'Meeting notes'
wait_gone 'Meeting notes'

# A archives, to the folder with the \Archive role.
goto_row 1
keys A
wait_server has_subject 'Old mail' 'Invoice 2024-117'
wait_server lacks_subject INBOX 'Invoice 2024-117'
lacks_subject Archive 'Invoice 2024-117' || fail "archived by name"
wait_gone 'Invoice 2024-117'

# In Trash, d marks the message deleted and leaves it there.
keys Tab
pane_goto Trash
keys Enter
wait_for 'Meeting notes'
goto_row 1
keys d
wait_server has_flag Trash 'Meeting notes' '\Deleted'
has_subject Trash 'Meeting notes' || fail "d in Trash moved the message"

# Deleting a special-use folder wants its name typed; a wrong one keeps it.
keys Tab
pane_goto Trash
keys D
wait_for 'Trash is the Trash folder; type its name'
type_text trash
keys Enter
wait_for 'Not deleted'
imapc list | grep -x Trash >/dev/null || fail "Trash was deleted"

keys Tab q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
