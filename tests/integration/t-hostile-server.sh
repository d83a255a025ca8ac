#!/bin/sh
# A server that sends what libetpan 1.9.4 crashes on or misreads ends the
# session with a clear message; tern stays up, and quits cleanly after.
# A scripted fake server (tests/mockimap) sends each shape, before and
# after login; the first run is a normal session, to show the fake server
# and the checker let ordinary traffic through.  Here in plain text; with
# HOSTILE_TLS=1 (t-hostile-server-tls) over TLS, where the checker reads
# what TLS decrypted (a different read path in stream.c).
. "$(dirname "$0")/lib.sh"
set -eu

TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tern-$TEST_NAME.XXXXXX")
export TEST_DIR
MOCK_PID=

mock_stop() {
	[ -n "$MOCK_PID" ] && kill "$MOCK_PID" 2>/dev/null || true
	MOCK_PID=
}

# run SCENARIO PATTERN...: tern against the fake server, until every
# PATTERN shows; a PATTERN "keys:KEY" sends KEY instead.
run() {
	mock_start "$1" "$MOCK_EXTRA"
	tern_start -c "$TEST_DIR/mock.conf" -d "$TEST_DIR/tern.log"
	_scenario=$1
	shift
	for _pattern in "$@"; do
		case $_pattern in
		keys:*)	keys "${_pattern#keys:}"; continue ;;
		esac
		if ! poll 5 screen_has "$_pattern"; then
			mock_stop
			fail "scenario $_scenario: '$_pattern' never showed"
		fi
	done
	keys q
	wait_exit
	mock_stop
	assert_eq "$TERN_STATUS" 0 "exit status after scenario $_scenario"
	tm kill-server
}

scenarios() {
	run normal 'hello'
	run alert-greeting 'sent an \[ALERT\] with no text'
	run alert-no 'sent an \[ALERT\] with no text'
	run permanentflags 'sent a malformed PERMANENTFLAGS'
	run status-empty 'sent a STATUS response with an empty list'
	run status-empty-lf 'sent a line ended by a bare LF'
	run uid-wrap 'sent a number above 4294967295 after UID'
	run literal-huge 'sent a literal size above 4294967295'
	run deep-nesting 'sent parentheses nested more than 100 deep'
	# A hostile MIME structure, when the message is opened (q closes
	# the pager).
	run body-deep 'hello' keys:Enter \
	    'sent parentheses nested more than 100 deep' keys:q
	run body-wide 'hello' keys:Enter \
	    'sent a BODYSTRUCTURE of more than 10000 lists' keys:q
	# A literal cut short by the end of the stream: an error, not a spin.
	run literal-cut 'connection lost'
	# LIST-STATUS: the counts of every folder from one command, and an
	# EXPUNGE of the open folder's only message in the same answer is
	# not lost.
	run list-status '^ *Work 3 ' '0 messages'
}

# t-hostile-server-tls runs the same over TLS: one script each keeps
# either well inside the runner's time limit, and lets them run side by
# side.
if [ "${HOSTILE_TLS:-0}" = 1 ]; then
	make_certs
	MOCK_TLS=1
	MOCK_EXTRA="ca-file = $CA_FILE"
else
	MOCK_TLS=0
	MOCK_EXTRA="tls = none"
fi
scenarios
