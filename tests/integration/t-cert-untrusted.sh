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
tern_start -c "$CONFIG"
wait_exit
assert_eq "$TERN_STATUS" 1 "exit status"

err=$TEST_DIR/tern.stderr
grep -q '127\.0\.0\.1' "$err" || fail "stderr does not name the host"
grep -Eqi 'certificate|issuer|untrusted|not trusted|verif' "$err" ||
    fail "stderr does not give the reason"
got=$(grep -Eo 'SHA256: ?([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}' "$err" |
    head -n 1 | sed 's/^SHA256: *//' | tr a-f A-F)
[ -n "$got" ] || fail "no SHA256 fingerprint on stderr"
assert_eq "$got" "$(fingerprint "$SERVER_CERT" | tr a-f A-F)" "fingerprint"
assert_eq "$(logins)" 0 "logins on the server"
no_secret "$err"
