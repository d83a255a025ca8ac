#!/bin/sh
# h in the pager fetches the whole header on demand and shows every field
# (folded lines joined, RFC 2047 decoded), h again the usual few; | pipes
# the whole message, as the server has it, to a command typed at a prompt
# while the screen is suspended, and a key brings tern back.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
cat >"$TEST_DIR/source.eml" <<'MSG'
From: Dana <dana@example.org>
To: alice@example.org
Subject: Source test
Date: Mon, 01 Jul 2024 10:00:00 +0000
Message-ID: <source@example.org>
X-Folded: the first half
	and the second half
X-Encoded: =?UTF-8?Q?caf=C3=A9_cr=C3=A8me?=
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain; charset=utf-8

The visible text.
--b
Content-Type: application/octet-stream; name=data.bin
Content-Transfer-Encoding: base64

QXR0YWNobWVudCBieXRlcyB0aGUgcGFnZXIgbmV2ZXIgc2hvd2VkLgo=
--b--
MSG
imapc append INBOX "$TEST_DIR/source.eml" || fail "append"
write_config
tern_start -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Source test'
keys Enter
wait_for 'The visible text\.'
screen_has 'Message-ID:' && fail "all headers shown before h"

keys h
wait_for '^Message-ID: <source@example.org>'
wait_for '^X-Folded: the first half and the second half'
wait_for '^X-Encoded: café crème'
wait_for '^Content-Type: multipart/mixed'
wait_for 'The visible text\.'
keys h
wait_gone '^Message-ID:'
wait_for '^From: Dana <dana@example.org>'
wait_for 'The visible text\.'

keys '|'
wait_for '^Pipe to command:'
type_text "cat >$TEST_DIR/piped.eml; echo piped-ok"
keys Enter
wait_for 'piped-ok'
wait_for 'press any key to return to tern'
keys x
wait_for 'The visible text\.'
wait_for 'Piped the message to: cat'
# What the command got is the message, attachment and all, as stored.
tr -d '\r' <"$TEST_DIR/piped.eml" >"$TEST_DIR/piped.lf"
cmp "$TEST_DIR/source.eml" "$TEST_DIR/piped.lf" ||
    fail "the command did not get the whole message"

# A command that fails says so.
keys '|'
wait_for '^Pipe to command:'
type_text 'exit 3'
keys Enter
wait_for 'press any key to return to tern'
keys x
wait_for 'The command exited with status 3'
wait_for 'The visible text\.'

keys q
wait_for 'Source test'
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
