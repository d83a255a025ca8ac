#!/bin/sh
# A server that contradicts itself about the open folder (more EXPUNGEs
# than messages, message 0, one past EXISTS), sends FETCH for messages tern
# does not have, says BYE in the middle of a FETCH, answers with a tag tern
# never sent, or sends garbage: tern ends the session with a message that
# names what it saw, never shows a row that is not in the folder, keeps
# its memory and time bounded, reconnects, and the list is right after.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hostile.sh"
set -eu

# 100,000 EXPUNGEs of message 1 in a folder of 1,000 (during IDLE).  The
# first 1,000 empty it; the 1,001st contradicts it.  Before tern checked,
# libetpan's count of messages wrapped below 0 and tern grew its number
# map towards 16 GiB.  The list of 100,000 in libetpan is a few MiB: 64 MiB
# is far above what tern needs and far below a runaway.
fault_start expunge-flood
within 15 'msg 1000'
within 20 'sent an EXPUNGE of message 1 of a folder of 0'
hwm_below 64
# The whole batch is thrown away (which part was true cannot be told);
# the resync after the reconnect asks the server, whose folder is empty.
within 30 'INBOX \| 0 messages'
[ "$(rows)" = 0 ] || fail "rows left after the folder was emptied"
fault_end

# 100,000 true EXPUNGEs, of a folder of 100,000: all taken, in bounded
# time.  Each renumbers the rest; here they took 2.3 s from the IDLE to
# the empty list and 0.4 s of CPU in all.  A step that went over every
# row for every EXPUNGE (10^10 steps) would take far longer than 20 s.
fault_start expunge-all
within 90 'INBOX \| 100000 messages, 100000 unread \| ready'
_c1=$(cpu_ticks)
T0=$(now_ms)
within 20 'INBOX \| 0 messages'
_c2=$(cpu_ticks)
[ $((_c2 - _c1)) -lt 500 ] ||
    fail "expunge-all: $((_c2 - _c1)) ticks of CPU for 100,000 EXPUNGEs"
hwm_below 96
[ "$(rows)" = 0 ] || fail "rows left after every message was expunged"
fault_end

# One past EXISTS, and message 0: the session ends; the server's folder
# did not change, and after the reconnect every row is there.
fault_start expunge-past
within 15 'msg 1000'
within 20 'sent an EXPUNGE of message 1001 of a folder of 1000'
within 30 'Reconnected'
within 30 'INBOX \| 1000 messages'
fault_end

fault_start expunge-zero
within 15 'msg 1000'
within 20 'sent an EXPUNGE of message 0 of a folder of 1000'
within 30 'Reconnected'
within 30 'INBOX \| 1000 messages'
fault_end

# FETCH for UIDs never asked for and for numbers past EXISTS: no row for
# them; the one true change (message 5 flagged and read) is applied.
fault_start fetch-phantom
within 15 'msg 5'
wait_row 'msg 5 ' F yes
wait_row 'msg 5 ' N no
wait_status 'INBOX \| 5 messages, 4 unread'
assert_eq "$(rows)" 5 "rows after FETCH for messages not in the folder"
screen | grep -qE 'msg (777|888)' && fail "a row for a UID never fetched"
fault_end

# BYE after half of the first screen's FETCH answers: the BYE's text is
# shown, and the reconnect fetches the whole folder.
fault_start bye-fetch
within 15 'the server ended the session: \[ALERT\] going down'
within 30 'msg 10'
within 30 'INBOX \| 10 messages'
assert_eq "$(rows)" 10 "rows after the reconnect"
fault_end
# The cache holds the rows the reconnect fetched: offline, they show.
rm -f "$TEST_DIR/port"
tm kill-server >/dev/null 2>&1 || true
T0=$(now_ms)
tern_start -c "$TEST_DIR/mock.conf" -d "$TEST_DIR/tern.log"
within 15 'offline'
within 15 'msg 10'
assert_eq "$(rows)" 10 "rows from the cache"
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status offline"

# The same over TLS, where the checker reads what TLS decrypted.
MOCK_TLS=1
fault_start bye-fetch
within 15 'the server ended the session: \[ALERT\] going down'
within 30 'INBOX \| 10 messages'
fault_end
MOCK_TLS=

# "* BYE" inside a literal is data, not a BYE; the literal cut short by
# the close is a lost connection.
fault_start bye-literal
within 15 'FETCH: connection lost'
screen | grep -q 'going down' && fail "a BYE inside a literal was taken"
within 30 'INBOX \| 10 messages'
fault_end

# A tagged OK with a tag tern never sent: out of step with the server.
fault_start wrong-tag
within 15 'answered a command never sent \(tag Z999'
within 30 'msg 3'
fault_end

# An untagged line of garbage; a line cut off by the close.
fault_start garbage
within 15 'SELECT: unreadable response from server'
within 30 'msg 3'
fault_end
fault_start no-crlf
within 15 'SELECT: connection lost'
within 30 'msg 3'
fault_end

# A continuation request nothing asked for: libetpan passes over it, and
# so does tern.
fault_start plus
within 15 'msg 3'
wait_status 'INBOX \| 3 messages'
grep -q '^LOGIN$' "$TEST_DIR/port.commands" || fail "no login"
[ "$(grep -c '^LOGIN$' "$TEST_DIR/port.commands")" = 1 ] ||
    fail "the session was ended for an unasked continuation"
fault_end
