# Shared code of the t-hostile-* tests, sourced after lib.sh: tern against
# one fault of tests/mockimap/mockimap.py (its FAULTS table), and what that
# fault cost tern: time, memory (VmHWM) and CPU time.
#
# Each fault runs in a fresh tern with an empty cache; the fake server
# plays the fault on its first connection and answers normally after, so
# a reconnect shows what tern makes of the folder afterwards.

mock_dir
MOCK_TLS=

# fault_start FAULT [TIMEOUT]: the fake server playing FAULT (over TLS
# when MOCK_TLS=1, checked against the test CA) and tern against it, with
# the account's timeout TIMEOUT (default 30).  T0: the start, in ms.
fault_start() {
	tm kill-server >/dev/null 2>&1 || true
	rm -rf "$TEST_DIR/xdg-cache"
	if [ "$MOCK_TLS" = 1 ]; then
		[ -n "${CA_FILE:-}" ] || make_certs
		_extra="ca-file = $CA_FILE"
	else
		_extra="tls = none"
	fi
	mock_start "$1" "$_extra
timeout = ${2:-30}"
	FAULT=$1
	T0=$(now_ms)
	tern_start -c "$TEST_DIR/mock.conf" -d "$TEST_DIR/tern.log"
}

# fault_end: q quits tern cleanly (status 0: no crash), the server stops.
fault_end() {
	keys q
	wait_exit
	assert_eq "$TERN_STATUS" 0 "exit status after $FAULT"
	mock_end
	tm kill-server >/dev/null 2>&1 || true
}

now_ms() {
	date +%s%3N
}

# within SECONDS REGEX: REGEX shows on the screen no later than SECONDS
# after T0 (the deadline a fault must be dealt with in).
within() {
	_left=$(($1 - ($(now_ms) - T0) / 1000))
	[ "$_left" -ge 1 ] || _left=1
	wait_for "$2" "$_left"
	ELAPSED_MS=$(($(now_ms) - T0))
	[ "$ELAPSED_MS" -le $(($1 * 1000)) ] ||
	    fail "$FAULT: /$2/ after ${ELAPSED_MS} ms, allowed $1 s"
}

# hwm_below MIB: the most memory tern has held so far (VmHWM) is below
# MIB mebibytes.  AddressSanitizer keeps up to 256 MiB of freed memory in
# quarantine and pads every block (the 100,000-message folder took 38 MiB
# plain, 618 MiB under ASan), so its build is held to 1 GiB only: that
# still catches a runaway (the EXPUNGE flood grew past 2 GiB); the limits
# themselves are for the plain build.
hwm_below() {
	_mib=$1
	if ldd "$TERN_BIN" 2>/dev/null | grep -q libasan; then
		_mib=1024
	fi
	_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$(tern_pid)/status")
	[ -n "$_kb" ] || fail "no VmHWM for tern"
	[ "$_kb" -lt $((_mib * 1024)) ] ||
	    fail "$FAULT: tern held ${_kb} kB, allowed $_mib MiB"
}

# cpu_ticks: user + system CPU time tern has used, in clock ticks.
cpu_ticks() {
	# The name in parentheses is field 2; "tern" has no space in it.
	awk '{ print $14 + $15 }' "/proc/$(tern_pid)/stat"
}

# rows: how many list rows show a message of the fake folder.
rows() {
	screen | grep -cE '│.* msg [0-9]+' || true
}
