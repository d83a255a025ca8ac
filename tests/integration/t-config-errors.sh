#!/bin/sh
# A configuration with a bad [keys] line (an unknown key name, an unknown
# action, an action the screen does not have, a bad keys-preset) is
# reported as FILE:LINE on stderr, and tern exits 1 without a screen,
# without running the password-command and without connecting: Dovecot
# logs no connection at all.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
# dovecot_start's probes of its two ports are the log's only connections.
probes() {
	[ "$(grep -c 'imap-login' "$TEST_DIR/dovecot.log")" -ge 2 ]
}
wait_server probes
before=$(grep -c 'imap-login' "$TEST_DIR/dovecot.log")
CONFIG_PASSCMD="touch $TEST_DIR/pwcmd.ran; printf %s $IMAP_PASS"

# bad LINE MESSAGE EXTRA-LINE...: the config with the extra lines after
# the account is refused at LINE with MESSAGE.
bad() {
	_line=$1
	_msg=$2
	shift 2
	write_config "$@"
	tm kill-server >/dev/null 2>&1 || true
	tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
	wait_exit
	assert_eq "$TERN_STATUS" 1 "exit status for '$_msg'"
	grep -qF -- "tern: $CONFIG:$_line: $_msg" "$TEST_DIR/tern.stderr" || {
		cat "$TEST_DIR/tern.stderr"
		fail "stderr does not say '$CONFIG:$_line: $_msg'"
	}
	# Nothing but tern's exit (tmux's line on a pane whose program
	# ended): no status bar, no list.
	if screen | grep -v '^Pane is dead' | grep -q '[^[:space:]]'; then
		screen
		fail "tern drew a screen with '$_msg' in its configuration"
	fi
	[ ! -e "$TEST_DIR/pwcmd.ran" ] ||
	    fail "the password-command ran with '$_msg' in the configuration"
}

# write_config writes 4 lines: [account], imap, password-command, ca-file.
bad 6 "unknown key name '<Ctrl-x>'" '[keys.index]' '<Ctrl-x> = help'
bad 7 "unknown action 'mark-spam'" '[keys]' 'x = toggle-read' 'y = mark-spam'
bad 6 "action 'delete-folder' does not exist in [keys.pager]" \
    '[keys.pager]' 'D = delete-folder'
bad 7 "key 'x' bound twice in [keys.index]" \
    '[keys.index]' 'x = toggle-read' 'x = toggle-flag'
bad 5 "setting 'keys-preset' must come before the first section" \
    'keys-preset = vi'
bad 5 "unknown section 'keys.inbox'" '[keys.inbox]' 'x = help'

# None of these reached the server; the log does show a connection once
# one is made.
assert_eq "$(grep -c 'imap-login' "$TEST_DIR/dovecot.log")" "$before" \
    "connections in Dovecot's log after the refused configurations"
seed
write_config '[keys.index]' 'x = toggle-read'
tm kill-server >/dev/null 2>&1 || true
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Welcome to the team'
wait_status 'ready'
wait_server grep -q 'imap-login: Info: Login: user=<alice>' \
    "$TEST_DIR/dovecot.log"
[ -e "$TEST_DIR/pwcmd.ran" ] || fail "the good configuration ran no command"
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
