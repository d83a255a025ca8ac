#!/bin/sh
# Space on a parent in the folder pane hides the folders below it (marked
# with their unread count) and shows them again; c opens a folder by a
# fuzzy part of its name, Tab putting the best match on the line.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
tern_start_default

# Work has 1 unread, Work/Projects 2: collapsed, Work shows the 2 it hides.
wait_for '^ *Projects 2( |$)'
keys Tab
pane_goto Work
keys Space
wait_for '^ *Work 1 \[\+2\]'
wait_gone '^ *Projects( |$)'
# The cursor stays on Work: Space again shows Projects.
keys Space
wait_for '^ *Projects 2( |$)'
screen_has '\[\+' && fail "a mark is left after expanding"

# c from the list: letters of the name in order, Tab completes the best.
keys Tab
keys c
wait_for 'Go to folder'
type_text wproj
keys Tab
wait_for 'Go to folder.*: Work/Projects$'
keys Enter
wait_for 'Project Falcon kickoff'
wait_gone 'Meeting notes'

# Enter without Tab opens the best match; non-ASCII letters match too.
keys c
wait_for 'Go to folder'
type_text 'réu'
keys Enter
wait_for 'Ordre du jour de la réunion'

keys c
wait_for 'Go to folder'
type_text zzz
keys Enter
wait_for 'No folder matches zzz'

# From the folder pane as well.
keys Tab c
wait_for 'Go to folder'
type_text inb
keys Enter
wait_for 'Meeting notes'

keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
