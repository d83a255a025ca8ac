#!/bin/sh
# After STARTTLS tern reads the server's capabilities again (RFC 3501
# 6.2.1): a fake server that says LOGINDISABLED before TLS and AUTH=PLAIN
# after it is logged in to over TLS.  A client that kept the list from
# before the handshake would refuse to log in (t-refuse-unsafe), and one
# that believed a list from before TLS could be talked out of it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/hostile.sh"
set -eu

make_certs
tm kill-server >/dev/null 2>&1 || true
MOCK_STARTTLS=1
# imap:// with STARTTLS required (no "tls = none").
mock_start starttls-caps "ca-file = $CA_FILE"
FAULT=starttls-caps
tern_start -c "$TEST_DIR/mock.conf" -d "$TEST_DIR/tern.log"
wait_for 'hello'
grep -q '^STARTTLS$' "$TEST_DIR/port.commands" || fail "no STARTTLS sent"
# CAPABILITY asked again after the handshake, then the login.
sed -n '/^STARTTLS$/,$p' "$TEST_DIR/port.commands" >"$TEST_DIR/after"
grep -q '^CAPABILITY$' "$TEST_DIR/after" ||
    fail "the capabilities were not asked again after STARTTLS"
grep -Eq '^(AUTHENTICATE|LOGIN)$' "$TEST_DIR/after" || fail "no login after TLS"
grep -Eq '^(AUTHENTICATE|LOGIN)$' "$TEST_DIR/port.commands" &&
    ! sed -n '1,/^STARTTLS$/p' "$TEST_DIR/port.commands" |
	grep -Eq '^(AUTHENTICATE|LOGIN)$' || fail "a login before TLS"
fault_end
