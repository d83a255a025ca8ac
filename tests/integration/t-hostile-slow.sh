#!/bin/sh
# A slow or silent server: answers a byte at a time (tern works, slower,
# without a busy loop), or never answers (no greeting, nothing after the
# login, silence in the middle of a FETCH with the connection open).  tern
# gives up after the account's timeout with a message saying so, stays
# usable while it waits, and reconnects; the fake server answers the
# reconnect.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hostile.sh"
set -eu

# Every byte 1 ms apart, greeting and answers: a few seconds of waiting.
# tern waits in poll(), so it uses about the CPU time of a normal start
# (under 0.1 s here); a loop over short reads would use about the whole
# wait.
fault_start slow
within 60 'msg 3'
wait_status 'INBOX \| 3 messages.*ready'
_ticks=$(cpu_ticks)
[ "$_ticks" -lt 100 ] ||
    fail "slow: tern used $_ticks ticks of CPU in $ELAPSED_MS ms"
fault_end

# silent FAULT TIMEOUT WHAT: the server stops answering at FAULT; tern
# says WHAT gave up after TIMEOUT seconds (not before), then reconnects.
silent() {
	fault_start "$1" "$2"
	within $(($2 + 10)) "$3: no answer from the server in $2 s"
	[ "$ELAPSED_MS" -ge $(($2 * 1000)) ] ||
	    fail "$1: gave up after $ELAPSED_MS ms, before the timeout"
	within $(($2 + 20)) 'msg 3'
	fault_end
}

silent silent-greeting 3 '127\.0\.0\.1'
silent silent-login 3 'Login failed'

# Silence in the middle of the first screen's FETCH, the connection open:
# keys work meanwhile (the help screen opens and closes), tern waits in
# poll() (no CPU to speak of), and gives up after the timeout.
silent_fetch() {
	fault_start silent-fetch 4
	wait_server grep -q '^FETCH$' "$TEST_DIR/port.commands"
	_t1=$(now_ms)
	_c1=$(cpu_ticks)
	keys '?'
	wait_for 'expunge' 3
	keys q
	wait_gone 'expunge' 3
	tern_exited && fail "q on the help screen quit tern"
	T0=$_t1
	within 10 'FETCH: no answer from the server in 4 s'
	[ "$ELAPSED_MS" -ge 3500 ] ||
	    fail "silent-fetch: gave up after $ELAPSED_MS ms, timeout 4 s"
	_c2=$(cpu_ticks)
	[ $((_c2 - _c1)) -lt 50 ] ||
	    fail "silent-fetch: $((_c2 - _c1)) ticks of CPU while waiting"
	within 30 'msg 10'
	fault_end
}

silent_fetch
MOCK_TLS=1
silent_fetch
