#!/bin/sh
# Real-world-shaped mail (tests/data/mime, and three made here because of
# their size: a 1 MB line, a 1,000-part message, a 20 MB attachment) opens
# in the pager: the expected text decoded from its charset and encoding,
# nothing drawn outside the screen, and tern still running after each.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
imapc seed "$DATA_DIR/mime/corpus.list" || fail "seeding the corpus failed"

python3 - "$TEST_DIR" <<'PY'
import sys
d = sys.argv[1]
def head(day, subj, ctype):
    return ("From: Corpus Sender <sender@example.org>\n"
            "To: alice@example.org\n"
            "Subject: %s\nDate: Sun, %02d Jun 2024 10:00:00 +0000\n"
            "Message-ID: <gen-%d@example.org>\nMIME-Version: 1.0\n"
            "Content-Type: %s\n\n" % (subj, day, day, ctype))
with open(d + "/long.eml", "w") as f:
    f.write(head(11, "Mime 19 one long line", "text/plain; charset=utf-8"))
    f.write("start-of-long-line " + "word " * 210000 + "END\n")
with open(d + "/parts.eml", "w") as f:
    f.write(head(10, "Mime 20 a thousand parts",
                 'multipart/mixed; boundary="b"'))
    f.write("--b\nContent-Type: text/plain\n\nFirst of a thousand parts.\n")
    for i in range(999):
        f.write("--b\nContent-Type: application/octet-stream\n"
                "Content-Disposition: attachment; filename=\"p%d.bin\"\n\n"
                "part %d\n" % (i, i))
    f.write("--b--\n")
PY
imapc append INBOX "$TEST_DIR/long.eml" || fail "append long.eml"
imapc append INBOX "$TEST_DIR/parts.eml" || fail "append parts.eml"

write_config
tern_start -s 100x40 -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Mime 01 nested'
wait_for 'Mime 20 a thousand'

# sane: the screen is the terminal's size, no line wider than it, no
# control character or escape in it, the status bar in its place.
sane() {
	screen | python3 -c '
import sys, unicodedata
rows, cols = int(sys.argv[1]), int(sys.argv[2])
lines = sys.stdin.read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
if len(lines) > rows:
    sys.exit("%d lines on a %d-line screen" % (len(lines), rows))
def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w
for i, l in enumerate(lines):
    if width(l.rstrip()) > cols:
        sys.exit("line %d is %d columns wide" % (i + 1, width(l.rstrip())))
    for ch in l:
        if ord(ch) < 32 or 0x7f <= ord(ch) < 0xa0:
            sys.exit("control character %r on line %d" % (ch, i + 1))
' "$TERM_ROWS" "$TERM_COLS" || fail "screen after opening $1"
	status_line | grep -q 'INBOX' || fail "status bar gone after $1"
}

# open ROW SUBJECT-REGEX TEXT-REGEX...: open the message on ROW, wait for
# its subject and each text, check the screen and that nothing matching
# $ABSENT shows, and go back to the list.
ABSENT=
open_row() {
	_row=$1
	_subj=$2
	shift 2
	goto_row "$_row"
	keys Enter
	wait_for "Subject: $_subj"
	for _t in "$@"; do
		wait_for "$_t"
	done
	sane "$_subj"
	if [ -n "$ABSENT" ] && screen_has "$ABSENT"; then
		fail "/$ABSENT/ on the screen of $_subj"
	fi
	ABSENT=
	keys q
	wait_for 'Mime 20 a thousand'
}

ABSENT='is not shown'
# The list's columns line up whatever the subject holds: double-width
# characters and combining marks (Mime 21) end at the same column as ASCII.
wait_for 'Mime 21'
screen | python3 -c '
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
rows = [l.rstrip() for l in sys.stdin.read().split("\n") if "Mime " in l]
widths = set(width(r) for r in rows)
if len(rows) < 21 or len(widths) != 1:
    sys.exit("rows of widths %s" % sorted(widths))
' || fail "the list columns do not line up"

open_row 1 'Mime 01' 'Nested plain text wins over the HTML'

open_row 2 'Mime 02' 'Newsletter heading'
if ! command -v w3m >/dev/null && ! command -v lynx >/dev/null; then
	# The built-in renderer.
	goto_row 2
	keys Enter
	wait_for 'Read our offer <https://example.org/offer\?a=1&b=2> today'
	wait_for "it's “new”"
	wait_for '^ *\* First item'
	wait_for '^ *\* Second item'
	wait_for 'Cell A Cell B'
	screen_has 'script text' && fail "a script's text was shown"
	screen_has 'Do not show this title' && fail "the title was shown"
	screen_has '<p>|<li>' && fail "tags were shown"
	keys q
	wait_for 'Mime 20 a thousand'
fi

ABSENT='hidden script'
open_row 3 'Mime 03' 'Café ouvert le dimanche' 'Second line'
open_row 4 'Mime 04' 'Grüße aus Köln, à bientôt\.'
open_row 5 'Mime 05' '日本語のテキストです。 jis ok'
open_row 6 'Mime 06' 'シフトJISの本文 sjis ok'
open_row 7 'Mime 07' '中文邮件 gb ok'
open_row 8 'Mime 08' '“Smart quotes” cost €5 — cp1252 ok'
ABSENT='�'
open_row 9 'Mime 09' 'A naïve unknown-charset text\.'
ABSENT='�'
open_row 10 'Mime 10' 'It said ASCII: déjà vu\.'
open_row 11 'Mime 11' 'Broken base64 still reads\.'
open_row 12 'Mime 12' 'Broken =ZZ qp keeps going, café and'
open_row 13 'Mime 13'
open_row 14 'Mime 14 raw Ümlaut in the header' 'From: Jürgen Müller' \
    'Eight-bit headers body\.'

# format=flowed (DelSp=yes): one paragraph on one row, fixed lines kept.
goto_row 15
keys Enter
wait_for 'Subject: Mime 15'
wait_for 'sent as several short flowed lines and must come back as one line'
wait_for '^ *Fixed line one *$'
wait_for '^ *Fixed line two *$'
wait_for '^ *> A quoted paragraph, also flowed, that is long enough to wrap'
sane 'Mime 15'
# Narrower: the quoted paragraph wraps, and every row of it is quoted.
resize 40 40
wait_gone 'also flowed, that is long enough to wrap'
quoted_rows() {
	[ "$(screen | grep -cE '^ *> ')" -ge 3 ]
}
wait_server quoted_rows
screen | grep -E '^ *> .*quote marks' >/dev/null ||
    fail "the last row of the quote lost its marks"
sane 'Mime 15 at 40 columns'
resize 100 40
wait_for 'sent as several short flowed lines and must come back as one line'
keys q
wait_for 'Mime 20 a thousand'

open_row 16 'Mime 16'
open_row 17 'Mime 17' 'You are invited: Planning meeting, Monday 10:00\.'
open_row 18 'Mime 18' 'Forwarding this one, see below\.'
open_row 19 'Mime 19' 'start-of-long-line word word'
open_row 20 'Mime 20' 'First of a thousand parts\.'
open_row 21 "Mime 21 日本語の件名 $(printf 'e\314\201te\314\201')" \
    "幅の広い文字 and combining: $(printf 'cafe\314\201') \| end" \
    '^(漢字){25}$' 'From: 山田'

keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
