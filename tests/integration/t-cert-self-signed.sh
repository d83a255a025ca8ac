#!/bin/sh
# A self-signed server certificate is refused as such even with a ca-file
# (of another CA) set; the line tern offers pins it, and with that line
# tern logs in.  Then the server gets a new certificate: the pin no longer
# matches and tern refuses it, naming the pin.
. "$(dirname "$0")/lib.sh"
set -eu

CERT_SELF_SIGNED=1
dovecot_start
# The checks on the server trust the certificate itself; tern has the CA.
CONFIG_CA=$CA_FILE
CA_FILE=$SERVER_CERT
write_config
cert_refused 'failed: the certificate is self-signed'
cert_explained
seed

# The offered line, as is, is what trusts this server.
write_config "$PIN_LINE"
before=$(logins)
tern_restart -c "$CONFIG" -d "$TEST_DIR/tern.log"
wait_for 'Meeting notes'
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status with the pin"
assert_eq "$(logins)" $((before + 1)) "logins with the pin"

# Same name, same issuer, new key: the pin must not follow it.
old=$(fingerprint "$SERVER_CERT")
make_certs
CA_FILE=$SERVER_CERT
[ "$(fingerprint "$SERVER_CERT")" != "$old" ] || fail "the new certificate is the old one"
dovecot_restart
cert_refused_again() {
	tern_restart -c "$CONFIG"
	wait_exit
	assert_eq "$TERN_STATUS" 1 "exit status with a changed certificate"
	grep -q 'does not match the pinned' "$TEST_DIR/tern.stderr" ||
	    fail "stderr does not say the pin does not match"
	grep -qF "sha256:$(fingerprint "$SERVER_CERT")" "$TEST_DIR/tern.stderr" ||
	    fail "stderr does not give the new fingerprint"
	assert_eq "$(logins)" $((before + 1)) "logins with a changed certificate"
	no_secret "$TEST_DIR/tern.stderr"
}
cert_refused_again
