#!/bin/sh
# In the pager, / finds text: the line holding it moves to the top, n goes
# to the next one, and going round past the end is said on the message
# line; text that is not there is said too.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
python3 - "$TEST_DIR/long.eml" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("From: Dana <dana@example.org>\nTo: alice@example.org\n"
            "Subject: Many lines\nDate: Mon, 01 Jul 2024 10:00:00 +0000\n"
            "Message-ID: <lines@example.org>\n\n")
    for i in range(1, 121):
        if i == 40:
            f.write("the first Needle is here\n")
        elif i == 90:
            f.write("a second needle is here\n")
        else:
            f.write("filler line %03d\n" % i)
PY
imapc append INBOX "$TEST_DIR/long.eml" || fail "append"
write_config
tern_start -s 100x30 -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Many lines'
keys Enter
wait_for 'filler line 001'


keys /
wait_for '^Find:'
type_text needle
keys Enter
wait_for "^ *the first Needle is here"
screen | head -n 1 | grep -q 'the first Needle is here' ||
    fail "the first match is not on the top line"
screen_has 'filler line 039' && fail "the line before the match still shows"
# The match itself stands out (reverse video), case ignored.
tm capture-pane -e -p -t tern | head -n 1 |
    grep -q "$(printf '\033')\[7mNeedle" || fail "the match is not highlighted"

keys n
wait_for '^ *a second needle is here'
screen | head -n 1 | grep -q 'a second needle is here' ||
    fail "the second match is not on the top line"

keys n
wait_for 'Search wrapped to the top'
wait_for '^ *the first Needle is here'
screen | head -n 1 | grep -q 'the first Needle is here' ||
    fail "n did not go round to the first match"

keys /
wait_for '^Find:'
type_text 'no such text'
keys Enter
wait_for 'Not found: no such text'

keys q
wait_for 'Many lines'
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
