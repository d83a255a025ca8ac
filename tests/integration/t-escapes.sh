#!/bin/sh
# Escape sequences in a message, its attachment's name and a folder name
# reach the terminal as inert text: SGR colours (tern draws none), OSC 52
# (clipboard), OSC 8 (hyperlink), OSC 2 (title), CSI 2J (clear), U+202E
# (right-to-left override), and C1 controls both raw (8-bit CSI, 0x9b) and
# UTF-8 encoded (U+009B).  tmux is the terminal: with set-clipboard on, an
# OSC 52 that got through would make a paste buffer, an OSC 2 would set the
# pane title, and a clear would wipe the rows around.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
E=$(printf '\033')
BEL=$(printf '\007')
RLO=$(printf '\342\200\256')
C1U=$(printf '\302\233')
C1R=$(printf '\233')
HOSTILE="${E}[31mRED${E}[0m ${E}]52;c;cHduZWQ=${BEL}CLIP ${E}]8;;http://evil.example/${E}\\LINK${E}]8;;${E}\\ ${E}[2JCLEAR ${E}]2;pwned${BEL}TITLE ${RLO}RLO ${C1R}41mRAW ${C1U}42mUTF"
{
	printf 'From: "%s Mallory" <mallory@example.org>\r\n' "$HOSTILE"
	printf 'To: alice@example.org\r\n'
	printf 'Subject: Zap %s\r\n' "$HOSTILE"
	printf 'Date: Mon, 1 Jan 2035 10:00:00 +0000\r\n'
	printf 'Message-ID: <escapes@example.org>\r\n'
	printf 'MIME-Version: 1.0\r\n'
	printf 'Content-Type: multipart/mixed; boundary=b\r\n'
	printf '\r\n--b\r\n'
	printf 'Content-Type: text/plain; charset=utf-8\r\n'
	printf '\r\n'
	printf 'Body %s end\r\n' "$HOSTILE"
	printf '\r\n--b\r\n'
	printf 'Content-Type: text/plain\r\n'
	# The attachment's name, RFC 2231-encoded so that every byte survives.
	printf "Content-Disposition: attachment; filename*=utf-8''%s\r\n" \
	    "$(printf 'Att %s.txt' "$HOSTILE" | python3 -c '
import sys, urllib.parse
sys.stdout.write(urllib.parse.quote(sys.stdin.buffer.read(), safe=""))')"
	printf '\r\nattached\r\n--b--\r\n'
} >"$TEST_DIR/hostile.eml"
imapc append INBOX "$TEST_DIR/hostile.eml" || fail "APPEND failed"
# Dovecot refuses control characters in CREATE, not in what it finds on
# disk: two Maildir folders, one whose name holds ESC in modified UTF-7
# (&ABs-) and U+202E (&IC4-), one with a raw ESC.
md=$TEST_DIR/home/alice/Maildir
for f in ".Box &IC4-RLO &ABs-[44mBLUE" ".Raw ${E}[45mMAGENTA"; do
	mkdir -p "$md/$f/cur" "$md/$f/new" "$md/$f/tmp"
	: >"$md/$f/maildirfolder"
	chown -R --reference="$md" "$md/$f"
done

# The two folders are on disk only, not subscribed to: list them all.
write_config 'subscribed-only = no'
# Wide enough for the whole subject on a list row.
tern_start -s 330x30 -c "$CONFIG" -d "$TEST_DIR/tern.log"
tm set -g set-clipboard on
tm set -g allow-rename on
tm set -g set-titles on
title=$(tm display -p -t tern '#{pane_title}')
wait_for 'Zap'
wait_for 'Welcome to the team'

# inert: the screen holds no escape, no C1, no override; no colour was set;
# no buffer, no new title; the rows around are still there.
inert() {
	_s=$(screen)
	case $_s in
	*"$E"* | *"$C1U"* | *"$RLO"*) fail "$1: a control reached the screen" ;;
	esac
	if tm capture-pane -e -p -t tern | grep -Eq "${E}\\[([0-9;]*;)?(3[0-7]|4[0-7]|38|48)(;[0-9;]*)?m"; then
		fail "$1: a colour reached the terminal"
	fi
	[ -z "$(tm list-buffers)" ] || fail "$1: OSC 52 set a paste buffer"
	assert_eq "$(tm display -p -t tern '#{pane_title}')" "$title" \
	    "$1: pane title"
	printf '%s\n' "$_s" | grep -q 'RED.*CLIP' ||
	    fail "$1: the text around the sequences is gone"
	for _w in LINK CLEAR TITLE RLO RAW UTF; do
		printf '%s\n' "$_s" | grep -q "$_w" || fail "$1: $_w is gone"
	done
}

inert "message list"
screen_has 'Welcome to the team' || fail "the list was cleared"
wait_for 'Box.*RLO.*BLUE'
inert "folder pane"

# The pager: From, Subject and body.
goto_row 1
keys Enter
wait_for 'Body.*RED'
inert "pager"
screen_has 'Subject: Zap' || fail "the pager's Subject line is gone"
screen_has 'end' || fail "the end of the body is gone"
# The list of parts: the attachment's name.
keys v
wait_for 'Att.*RED'
inert "list of parts"
keys q
wait_for 'Body.*RED'
keys q
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status"
