#!/bin/sh
# The server's certificate is valid but for another host name: tern refuses
# before logging in, exits 1 and says on stderr which host, why, and the
# certificate's SHA-256 fingerprint as openssl prints it.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start DNS:mail.example.org
write_config
# The reason is OpenSSL's, after the fixed text.
cert_refused 'failed: .*(mismatch|does not match)'
