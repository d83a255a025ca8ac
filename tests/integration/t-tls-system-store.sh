#!/bin/sh
# Without a ca-file, the server is checked against the system's CAs as
# OpenSSL finds them: a directory of CAs under their hash names is read a
# CA at a time, when a chain needs one; a bundle (SSL_CERT_FILE) whole.
# Each must trust the test CA when it holds it, and only then.
. "$(dirname "$0")/lib.sh"
set -eu

need openssl
dovecot_start
seed
CONFIG_CA=
write_config

# A hashed directory holding the test CA: trusted.
mkdir "$TEST_DIR/cas"
cp "$CA_FILE" "$TEST_DIR/cas/test-ca.pem"
openssl rehash "$TEST_DIR/cas" 2>"$TEST_DIR/rehash.err" ||
    fail "openssl rehash failed: $(cat "$TEST_DIR/rehash.err")"
ls "$TEST_DIR/cas" | grep -Eq '^[0-9a-f]{8}\.0$' ||
    fail "openssl rehash made no hash name"
TERN_SSL_CERT_DIR=$TEST_DIR/cas
tern_start -c "$CONFIG"
wait_for 'Meeting notes'
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status, CA in the directory"

# The directory without the test CA: refused, with no login.
rm "$TEST_DIR"/cas/*.0 "$TEST_DIR/cas/test-ca.pem"
cp "$(ls /etc/ssl/certs/*.pem 2>/dev/null | head -n 1)" "$TEST_DIR/cas/" ||
    true
before=$(logins)
tern_restart -c "$CONFIG"
wait_exit
assert_eq "$TERN_STATUS" 1 "exit status, CA not in the directory"
grep -Eqi 'failed: .*(issuer|untrusted|not trusted)' "$TEST_DIR/tern.stderr" ||
    fail "no certificate error: $(cat "$TEST_DIR/tern.stderr")"
assert_eq "$(logins)" "$before" "logins on the server"

# A bundle named by SSL_CERT_FILE, read whole as OpenSSL always did.
TERN_SSL_CERT_FILE=$CA_FILE
tern_restart -c "$CONFIG"
wait_for 'Meeting notes'
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status, CA in SSL_CERT_FILE"
