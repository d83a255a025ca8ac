# A TCP proxy between a client and the private Dovecot, for tests of a slow
# or broken network (POSIX sh).  Sourced after lib.sh, which it builds on:
#
#   . "$(dirname "$0")/lib.sh"
#   . "$(dirname "$0")/proxy.sh"
#
# proxy_start [DELAY_MS] puts tests/tcpproxy.py in front of IMAPS_PORT and
# sets PROXY_PORT, PROXY_PID and PROXY_URL; proxy_ctl sends it a command
# (stall, resume, drop, down-limit N, refuse, stats, ...: see tcpproxy.py).
# The certificate names 127.0.0.1, which is still the address tern connects
# to, so verification passes through the proxy unchanged.

TCPPROXY=$TERN_SRCDIR/tests/tcpproxy.py
PROXY_PID=
PROXY_PORT=
PROXY_URL=
PROXY_CTL=

# Up and listening, or gone: either ends the wait, proxy_start tells which.
_proxy_up_or_gone() {
	[ -s "$TEST_DIR/proxy.port" ] && return 0
	kill -0 "$PROXY_PID" 2>/dev/null || return 0
	return 1
}

# proxy_start [DELAY_MS]: one proxy at a time; a running one is stopped.
proxy_start() {
	proxy_stop
	PROXY_CTL=$TEST_DIR/proxy.ctl
	rm -f "$TEST_DIR/proxy.port"
	python3 "$TCPPROXY" --target "127.0.0.1:$IMAPS_PORT" \
	    --port-file "$TEST_DIR/proxy.port" --control "$PROXY_CTL" \
	    --pid-file "$TEST_DIR/proxy.pid" --delay-ms "${1:-0}" \
	    >>"$TEST_DIR/proxy.log" 2>&1 &
	PROXY_PID=$!
	wait_server _proxy_up_or_gone
	if ! kill -0 "$PROXY_PID" 2>/dev/null; then
		cat "$TEST_DIR/proxy.log" >&2
		PROXY_PID=
		fail "the proxy did not start"
	fi
	PROXY_PORT=$(cat "$TEST_DIR/proxy.port")
	PROXY_URL=imaps://alice@127.0.0.1:$PROXY_PORT
	export PROXY_PORT PROXY_PID PROXY_URL
}

# proxy_ctl COMMAND...: print the proxy's answer; fail unless it is ok.
proxy_ctl() {
	[ -n "$PROXY_PID" ] || fail "proxy_ctl $*: no proxy is running"
	_pa=$(python3 "$TCPPROXY" --ctl "$PROXY_CTL" "$@") ||
	    fail "proxy_ctl $*: ${_pa:-no answer}"
	printf '%s\n' "$_pa"
}

# proxy_stat NAME: one number of "proxy_ctl stats" (conns, up, down, turns,
# active, held).
proxy_stat() {
	_ps=$(proxy_ctl stats) || exit 1
	printf '%s\n' "$_ps" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

# proxy_stop: runs from the EXIT trap too, so nothing in it may fail.
proxy_stop() {
	[ -n "$PROXY_PID" ] || return 0
	kill "$PROXY_PID" 2>/dev/null || true
	_end=$(($(now) + 10))
	while kill -0 "$PROXY_PID" 2>/dev/null; do
		if [ "$(now)" -gt "$_end" ]; then
			kill -9 "$PROXY_PID" 2>/dev/null || true
			break
		fi
		sleep 0.1
	done
	wait "$PROXY_PID" 2>/dev/null || true
	PROXY_PID=
}

# lib.sh's cleanup reads the script's exit status from $? and exits with it:
# stop the proxy first, then hand the status on unchanged (set -e would end
# the trap at the subshell that sets it).
_proxy_cleanup() {
	_prc=$?
	set +e
	proxy_stop
	(exit "$_prc")
	cleanup
}

trap _proxy_cleanup EXIT
