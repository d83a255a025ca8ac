#!/bin/sh
# [colors]: an element in a colour shows in that colour's SGR on the screen
# (tmux capture-pane -e); with NO_COLOR set, or on a vt100, the screen keeps
# its attributes only and the cursor row is still reverse.  A bad colour,
# element or index-format field stops tern before any screen, with
# file:line.
. "$(dirname "$0")/lib.sh"
set -eu

ESC=$(printf '\033')

# escrow SUBJECT: the row showing SUBJECT, with its escape sequences.
escrow() {
	tm capture-pane -e -p -t tern | grep -F -- "$1" | head -n 1
}

# has_sgr LINE CODE: whether LINE sets SGR CODE (alone or in a list).
has_sgr() {
	printf '%s\n' "$1" | grep -Eq -- "$ESC\\[([0-9]+;)*$2(;[0-9]+)*m"
}

dovecot_start
seed
write_config '[colors]' 'unread = red' 'status = white blue' \
    'selected = black cyan'
REAL_BIN=$TERN_BIN

# --- colours ---------------------------------------------------------------
tern_start -c "$CONFIG"
wait_for 'Welcome to the team'
# Newest first: "Meeting notes" is the cursor row, "Invoice" unread below.
r=$(escrow 'Invoice 2024-117')
has_sgr "$r" 31 || fail "unread row is not red: $(printf %s "$r" | cat -v)"
r=$(escrow 'Build failure on main')
has_sgr "$r" 31 && fail "a read row is red: $(printf %s "$r" | cat -v)"
r=$(escrow 'Meeting notes')
has_sgr "$r" 46 || fail "cursor row is not on cyan: $(printf %s "$r" | cat -v)"
r=$(tm capture-pane -e -p -t tern | sed -n "$((TERM_ROWS - 1))p")
has_sgr "$r" 44 || fail "status bar is not on blue: $(printf %s "$r" | cat -v)"
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status with colours"

# --- no colours: NO_COLOR, then a vt100 --------------------------------------
for env in NO_COLOR=1 TERM=vt100; do
	printf '#!/bin/sh\nexport %s\nexec %s "$@"\n' "$env" \
	    "$(shquote "$REAL_BIN")" >"$TEST_DIR/tern-env"
	chmod +x "$TEST_DIR/tern-env"
	TERN_BIN=$TEST_DIR/tern-env
	tern_restart -c "$CONFIG"
	wait_for 'Welcome to the team'
	screen=$(tm capture-pane -e -p -t tern)
	printf '%s\n' "$screen" | grep -Eq -- "$ESC\\[([0-9]+;)*(3[0-7]|4[0-7]|38;5)m" &&
	    fail "$env: the screen has colours: $(printf %s "$screen" | cat -v)"
	# A colour alone falls back to the element's own attribute.
	r=$(escrow 'Café on Friday?')
	has_sgr "$r" 1 || fail "$env: unread row is not bold: $(printf %s "$r" | cat -v)"
	r=$(escrow 'Meeting notes')
	has_sgr "$r" 7 || fail "$env: cursor row is not reverse: $(printf %s "$r" | cat -v)"
	# Still usable: the cursor moves and a (read) message opens.
	keys Down Down Enter
	wait_for 'Subject: Build failure on main'
	keys q q
	wait_exit
	assert_eq "$TERN_STATUS" 0 "exit status with $env"
done
TERN_BIN=$REAL_BIN

# --- mistakes: file:line, exit 1, no screen ----------------------------------
check_error() {
	printf '%s\n' "$1" >"$TEST_DIR/bad-config"
	st=0
	"$TERN_BIN" -c "$TEST_DIR/bad-config" >"$TEST_DIR/bad.out" \
	    2>"$TEST_DIR/bad.err" </dev/null || st=$?
	assert_eq "$st" 1 "exit status for: $2"
	grep -qF -- "$TEST_DIR/bad-config:$2" "$TEST_DIR/bad.err" ||
	    fail "expected '$2' in: $(cat "$TEST_DIR/bad.err")"
	[ ! -s "$TEST_DIR/bad.out" ] ||
	    fail "tern wrote to the terminal: $(cat -v "$TEST_DIR/bad.out")"
}
good="[account test]
imap = imaps://alice@127.0.0.1:$IMAPS_PORT"
check_error "$good
[colors]
unread = purple" "4: unknown colour or attribute 'purple'"
check_error "$good
[colors]

blinky = red" "5: unknown element 'blinky'"
check_error "index-format = \"%f %y %s\"
$good" "1: index-format: unknown field '%y'"
check_error "date-format = sometimes
$good" "1: date-format is auto, relative or a strftime format"
