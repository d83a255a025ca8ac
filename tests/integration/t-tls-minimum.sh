#!/bin/sh
# TLS 1.2 is the least tern accepts: a server that speaks only TLS 1.1 is
# refused during the handshake, before any IMAP, and tern says so.
. "$(dirname "$0")/lib.sh"
set -eu

need openssl
TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tern-$TEST_NAME.XXXXXX")
export TEST_DIR
make_certs
# shellcheck disable=SC2046 # two numbers, split on purpose
set -- $(free_ports)
PORT=$1
# OpenSSL 3 allows TLS 1.1 only at security level 0; the server dies by
# itself should the test fail half-way.
timeout 120 openssl s_server -quiet -accept "127.0.0.1:$PORT" -tls1_1 \
    -cipher 'DEFAULT@SECLEVEL=0' -cert "$SERVER_CERT" \
    -key "$TEST_DIR/pki/server.key" >"$TEST_DIR/s_server.log" 2>&1 &
wait_server port_open "$PORT"
# The server must really speak TLS 1.1, or the test proves nothing.
echo | openssl s_client -connect "127.0.0.1:$PORT" -tls1_1 \
    -cipher 'DEFAULT@SECLEVEL=0' -CAfile "$CA_FILE" \
    >"$TEST_DIR/s_client.log" 2>&1 </dev/null ||
    skip "this OpenSSL cannot make a TLS 1.1 connection"
grep -q 'Protocol *: TLSv1.1' "$TEST_DIR/s_client.log" ||
    skip "this OpenSSL cannot make a TLS 1.1 connection"

printf '[account "old"]\nimap = imaps://alice@127.0.0.1:%s\nca-file = %s\n%s\n' \
    "$PORT" "$CA_FILE" "password-command = printf %s $IMAP_PASS" \
    >"$TEST_DIR/config"
tern_start -c "$TEST_DIR/config" -d "$TEST_DIR/tern.log"
wait_for 'TLS handshake failed'
screen_has 'protocol' || fail "the message does not name the protocol"
keys q
wait_exit
no_secret "$TEST_DIR/tern.log"
