#!/bin/sh
# Host name matching as RFC 6125 wants it, through tls-server-name (the
# name verified when tern connects to 127.0.0.1 through a tunnel): a
# wildcard covers exactly one left-most label, a wildcard anywhere else
# matches nothing, and the common name is not looked at when the
# certificate has DNS names.  Last, the name is sent in SNI: a server that
# picks its certificate by SNI gives tern the right one.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed

# server_cert SAN [CN]: the server now presents a certificate for SAN.
server_cert() {
	CERT_CN=${2:-} make_certs "$1"
	dovecot_restart
}

# accepted NAME: with tls-server-name = NAME, tern logs in.
accepted() {
	write_config "tls-server-name = $1"
	_before=$(logins)
	tern_restart -c "$CONFIG"
	wait_for 'Meeting notes'
	keys q
	wait_exit
	assert_eq "$TERN_STATUS" 0 "exit status for $1"
	assert_eq "$(logins)" $((_before + 1)) "logins for $1"
}

# refused NAME: with tls-server-name = NAME, tern refuses the certificate
# for that name and logs in nowhere.
refused() {
	write_config "tls-server-name = $1"
	_before=$(logins)
	tern_restart -c "$CONFIG"
	wait_exit
	assert_eq "$TERN_STATUS" 1 "exit status for $1"
	grep -qF "the certificate is not for $1 (" "$TEST_DIR/tern.stderr" ||
	    fail "stderr does not say the certificate is not for $1"
	assert_eq "$(logins)" "$_before" "logins for $1"
}

# One certificate for every case, so that each answer below is about the
# name alone.
server_cert 'DNS:*.example.test,DNS:a.*.other.test,DNS:b*.third.test' \
    cn.fourth.test
accepted a.example.test
accepted B.Example.Test
refused a.b.example.test
refused example.test
refused aexample.test
# A wildcard that is not the whole left-most label is no wildcard.
refused a.b.other.test
refused bc.third.test
# The common name names the host, but the DNS names do not: refused.
refused cn.fourth.test

# SNI: Dovecot gives the certificate for sni.example.test only to a client
# that asks for that name; any other gets one for other.example.test.
CERT_CN= make_certs 'DNS:sni.example.test'
mkdir -p "$TEST_DIR/sni"
cp "$TEST_DIR/pki/server.pem" "$TEST_DIR/pki/server.key" "$TEST_DIR/sni/"
cp "$TEST_DIR/pki/ca.pem" "$TEST_DIR/sni/ca.pem"
make_certs 'DNS:other.example.test'
cat "$TEST_DIR/sni/ca.pem" >>"$CA_FILE"
cat >>"$TEST_DIR/dovecot.conf" <<-EOF
local_name sni.example.test {
  ssl_cert = <$TEST_DIR/sni/server.pem
  ssl_key = <$TEST_DIR/sni/server.key
}
EOF
dovecot_restart
accepted sni.example.test
accepted other.example.test
