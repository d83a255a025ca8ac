#!/bin/sh
# mouse: off by default, tern never asks the terminal for mouse reports
# (its own selection keeps working).  With mouse = yes: a click selects a
# row (Enter then opens the clicked message), a double click opens one,
# the wheel moves the cursor and scrolls the pager, a click in the folder
# pane opens that folder.
# The clicks are the xterm escape sequences a terminal sends (X10
# encoding, as tmux's terminfo entry asks for), typed into the pane.
. "$(dirname "$0")/lib.sh"
set -eu

# chr N: the character of code N.
chr() {
	# shellcheck disable=SC2059
	printf "\\$(printf %03o "$1")"
}

# mouse_event BUTTON X Y: one report; X and Y count from 0.
mouse_event() {
	printf '\033[M%s%s%s' "$(chr $((32 + $1)))" "$(chr $((33 + $2)))" \
	    "$(chr $((33 + $3)))"
}

# line_of TEXT: the screen line (from 0) that shows TEXT.
line_of() {
	_n=$(screen | grep -nF -- "$1" | head -n 1 | cut -d: -f1)
	[ -n "$_n" ] || fail "'$1' is not on the screen"
	echo $((_n - 1))
}

# click TEXT [X] [TIMES]: press and release the left button on TEXT's line.
click() {
	_y=$(line_of "$1")
	_s=
	_i=0
	while [ "$_i" -lt "${3:-1}" ]; do
		_s=$_s$(mouse_event 0 "${2:-50}" "$_y")$(mouse_event 3 "${2:-50}" "$_y")
		_i=$((_i + 1))
	done
	type_text "$_s"
}

mouse_flag() {
	tm display-message -p -t tern '#{mouse_any_flag}'
}

dovecot_start
seed
# A letter longer than the screen, the oldest, for the pager's wheel.
{
	printf 'From: Eve <eve@example.org>\nTo: alice@example.org\n'
	printf 'Subject: Long letter\nDate: Mon, 06 Jan 2020 10:00:00 +0000\n\n'
	i=1
	while [ "$i" -le 60 ]; do
		printf 'Line %02d of the long letter.\n' "$i"
		i=$((i + 1))
	done
} >"$TEST_DIR/long.eml"
imapc append INBOX "$TEST_DIR/long.eml" '\Seen'

# --- off: no mouse mode -------------------------------------------------
tern_start_default
assert_eq "$(mouse_flag)" 0 "mouse reporting with mouse unset"
keys q
wait_exit

# --- on ---------------------------------------------------------------------
write_config
{
	echo 'mouse = yes'
	cat "$CONFIG"
} >"$CONFIG.new"
mv "$CONFIG.new" "$CONFIG"
tern_restart -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Welcome to the team'
assert_eq "$(mouse_flag)" 1 "mouse reporting with mouse = yes"

# A click selects: Enter opens the clicked row, not the top one.
click 'Build failure on main'
keys Enter
wait_for 'Subject: Build failure on main'
keys q
wait_for 'Welcome to the team'

# A double click opens.
click 'Welcome to the team' 50 2
wait_for 'Subject: Welcome to the team'
keys q
wait_for 'Meeting notes'

# The wheel: up three rows from "Welcome to the team" (the fifth).
type_text "$(mouse_event 64 50 "$(line_of 'Invoice 2024-117')")"
keys Enter
wait_for 'Subject: Invoice 2024-117'
keys q
wait_for 'Meeting notes'

# The wheel scrolls the pager: the first lines go and come back.
click 'Long letter' 50 2
wait_for '^From: Eve'
type_text "$(mouse_event 65 50 10)"
wait_gone '^From: Eve'
wait_for '^Line 0'
type_text "$(mouse_event 64 50 10)"
wait_for '^From: Eve'
keys q
wait_for 'Meeting notes'

# A click on the status bar or past the last row does nothing.
type_text "$(mouse_event 0 50 20)$(mouse_event 3 50 20)"
type_text "$(mouse_event 0 5 $((TERM_ROWS - 2)))$(mouse_event 3 5 $((TERM_ROWS - 2)))"

# A prompt waits for the keyboard: a click meanwhile is dropped, and
# the keys still work.
keys :
wait_for '^:'
click 'Build failure on main'
type_text quit
keys Enter
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after :quit"
tern_restart -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Welcome to the team'

# A click in the folder pane opens that folder.
click ' Work' 5
wait_for 'Standup moved to 10:00'
wait_status Work
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status"
