#!/bin/sh
# The proxy the network fault tests put between client and server does what
# they rely on: traffic passes through it, stall holds a command until
# resume, drop breaks a connection, down-limit and refuse work, stats count
# connections and turns, and a delay makes every round trip slower.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy.sh"
set -eu

# The second client, through the proxy.
via_proxy() {
	# shellcheck disable=SC2086
	IMAPS_PORT=$PROXY_PORT timeout 20 $IMAPC "$@"
}

# A client left running in the background, its output in bg.out.
bg_start() {
	via_proxy "$@" >"$TEST_DIR/bg.out" 2>&1 &
	BG_PID=$!
}

bg_gone() {
	! kill -0 "$BG_PID" 2>/dev/null
}

# bg_wait: wait for the background client to end; its status in BG_STATUS.
bg_wait() {
	wait_server bg_gone
	BG_STATUS=0
	wait "$BG_PID" || BG_STATUS=$?
}

bg_running() {
	kill -0 "$BG_PID" 2>/dev/null ||
	    fail "$1; the client said: $(cat "$TEST_DIR/bg.out")"
}

# held_some: the proxy holds bytes a client sent (for wait_server).
held_some() {
	[ "$(proxy_stat held)" -gt 0 ]
}

ms() {
	python3 -c 'import time; print(int(time.monotonic() * 1000))'
}

dovecot_start
seed
proxy_start

# Traffic goes through, and is counted.
assert_eq "$(via_proxy count INBOX)" 5 "INBOX through the proxy"
[ "$(proxy_stat conns)" -ge 1 ] || fail "stats: $(proxy_ctl stats)"
[ "$(proxy_stat turns)" -gt 0 ] || fail "stats: $(proxy_ctl stats)"
[ "$(proxy_stat down)" -gt 0 ] || fail "stats: $(proxy_ctl stats)"
assert_eq "$(proxy_stat active)" 0 "connections left open"

# Stalled: the client's first bytes reach the proxy and stay there; the
# command finishes only after resume.
proxy_ctl stall >/dev/null
bg_start count INBOX
wait_server held_some
sleep 1
bg_running "a command finished through a stalled proxy"
proxy_ctl resume >/dev/null
bg_wait
assert_eq "$BG_STATUS" 0 "client status after resume"
assert_eq "$(cat "$TEST_DIR/bg.out")" 5 "INBOX after resume"

# Dropped: a stalled connection is reset and its client fails.
proxy_ctl stall >/dev/null
bg_start count INBOX
wait_server held_some
proxy_ctl drop >/dev/null
bg_wait
[ "$BG_STATUS" -ne 0 ] || fail "the client did not notice the drop"
[ "$BG_STATUS" -ne 124 ] || fail "the client hung after the drop"
assert_eq "$(proxy_stat active)" 0 "connections after drop"
proxy_ctl resume >/dev/null

# down-limit: the server's first flight is cut after 100 bytes, and the
# rest comes when the limit is lifted.
proxy_ctl reset-stats >/dev/null
proxy_ctl down-limit 100 >/dev/null
bg_start count INBOX
down_at_limit() {
	[ "$(proxy_stat down)" -eq 100 ] && held_some
}
wait_server down_at_limit
bg_running "a command finished past the down-limit"
proxy_ctl down-limit off >/dev/null
bg_wait
assert_eq "$BG_STATUS" 0 "client status after down-limit off"
assert_eq "$(cat "$TEST_DIR/bg.out")" 5 "INBOX after down-limit off"

# refuse: connections are closed at once, until accept.
proxy_ctl refuse >/dev/null
if via_proxy count INBOX >"$TEST_DIR/refused.out" 2>&1; then
	fail "a refused connection worked"
fi
proxy_ctl accept >/dev/null
assert_eq "$(via_proxy count INBOX)" 5 "INBOX after accept"

# A delay of 100 ms each way: the TLS handshake, LOGIN, LIST, SELECT,
# FETCH and LOGOUT are several round trips of 200 ms more each.
t0=$(ms)
assert_eq "$(imapc count INBOX)" 5 "INBOX directly"
t1=$(ms)
proxy_start 100
t2=$(ms)
assert_eq "$(via_proxy count INBOX)" 5 "INBOX through a slow proxy"
t3=$(ms)
direct=$((t1 - t0))
slow=$((t3 - t2))
[ $((slow - direct)) -ge 400 ] ||
    fail "a 100 ms delay cost only $((slow - direct)) ms (direct ${direct} ms, slow ${slow} ms)"
[ "$(proxy_stat turns)" -ge 4 ] || fail "stats: $(proxy_ctl stats)"
proxy_stop
