#!/bin/sh
# Without the test CA (no ca-file, system store only) the server is not
# trusted: tern exits 1 naming the host, the reason and the fingerprint,
# and sends no password.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
CONFIG_CA=
write_config
grep -q ca-file "$CONFIG" && fail "the config still has a ca-file"
# The reason is OpenSSL's, after the fixed text.
cert_refused 'failed: .*(issuer|self.signed|untrusted|not trusted)'
