#!/bin/sh
# The server's certificate is valid but for another host name: tern refuses
# before logging in, exits 1 and says on stderr which host, why, and the
# certificate's SHA-256 fingerprint as openssl prints it.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start DNS:mail.example.org
write_config
tern_start -c "$CONFIG"
wait_exit
assert_eq "$TERN_STATUS" 1 "exit status"

err=$TEST_DIR/tern.stderr
grep -q '127\.0\.0\.1' "$err" || fail "stderr does not name the host"
grep -Eqi 'host ?name|mismatch|does not match|not valid for|match' "$err" ||
    fail "stderr does not give the reason (host name)"
got=$(grep -Eo 'SHA256: ?([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}' "$err" |
    head -n 1 | sed 's/^SHA256: *//' | tr a-f A-F)
[ -n "$got" ] || fail "no SHA256 fingerprint on stderr"
assert_eq "$got" "$(fingerprint "$SERVER_CERT" | tr a-f A-F)" "fingerprint"

# Nothing was sent: no login reached the server.
assert_eq "$(logins)" 0 "logins on the server"
no_secret "$err"
