#!/bin/sh
# A server (or anyone on the path) that sends a response right after its
# OK to STARTTLS, before the handshake: were it read, it would pass for a
# response over TLS.  tern drops the connection and says why, and never
# sends the login.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hostile.sh"
set -eu

make_certs
tm kill-server >/dev/null 2>&1 || true
# imap:// with STARTTLS required (no "tls = none").
mock_start starttls-inject "ca-file = $CA_FILE"
FAULT=starttls-inject
T0=$(now_ms)
tern_start -c "$TEST_DIR/mock.conf" -d "$TEST_DIR/tern.log"
within 15 '127\.0\.0\.1 sent data before the TLS handshake; refusing it'
grep -q '^STARTTLS$' "$TEST_DIR/port.commands" || fail "no STARTTLS sent"
grep -q '^LOGIN$' "$TEST_DIR/port.commands" &&
    fail "the login was sent after an injected response"
grep -q '^AUTHENTICATE$' "$TEST_DIR/port.commands" &&
    fail "the login was sent after an injected response"
fault_end
