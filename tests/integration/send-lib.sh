# Helpers of the t-send-*.sh tests (sourced after lib.sh): a message to send,
# the send-test driver, and the checks on what arrived.

SEND_TEST=$TERN_BUILDDIR/tests/tools/send-test

# send_message FILE SUBJECT: a message in CRLF lines with what SMTP must
# carry intact: a line that is a lone ".", one starting with ".", and
# 8-bit UTF-8 text.  No Bcc: line: the Bcc is in the envelope only.
send_message() {
	printf '%s\r\n' \
	    'From: Alice <alice@example.org>' \
	    'To: Bob <bob@example.org>' \
	    "Subject: $2" \
	    'Date: Mon, 30 Nov 2026 01:00:00 +0000' \
	    "Message-ID: <$(echo "$2" | tr ' ' '-')@example.org>" \
	    'MIME-Version: 1.0' \
	    'Content-Type: text/plain; charset=utf-8' \
	    'Content-Transfer-Encoding: 8bit' \
	    '' \
	    'First line.' \
	    '.' \
	    '..two dots' \
	    '.one dot' \
	    'Grüße aus Köln, ½ € ✓' \
	    'Last line.' >"$1"
}

# send_config [EXTRA-LINE...]: write_config with the smtp setting.
send_config() {
	write_config "smtp = ${SMTP_URL:-smtps://alice@127.0.0.1:$SMTP_PORT}" \
	    "$@"
}

# send_run ARGS...: the driver, its events in $TEST_DIR/send.out; its exit
# status is returned.
send_run() {
	[ -x "$SEND_TEST" ] || fail "no $SEND_TEST (make check builds it)"
	_rc=0
	XDG_CACHE_HOME=$TEST_DIR/xdg-cache "$SEND_TEST" -c "$CONFIG" \
	    -d "$TEST_DIR/tern.log" "$@" >"$TEST_DIR/send.out" 2>&1 || _rc=$?
	sed 's/^/  send-test: /' "$TEST_DIR/send.out" >>"$TEST_DIR/tern.stderr"
	return "$_rc"
}

# sent_line: the text of the EV_SENT (or the postpone's EV_DONE id 42).
sent_line() {
	grep -E '^(sent|done) ' "$TEST_DIR/send.out" | tail -n 1
}

# same_bytes A B: the two files are byte for byte the same.
same_bytes() {
	cmp "$1" "$2" >/dev/null ||
	    fail "$(basename "$2") differs from $(basename "$1"): $(cmp "$1" "$2")"
}

# no_secret_anywhere: the password in no log and no cache file.
no_secret_anywhere() {
	no_secret "$TEST_DIR/tern.log" "$TEST_DIR/send.out" \
	    "$TEST_DIR/smtpd.log" "$TEST_DIR"/xdg-cache/tern/*
}
