#!/bin/sh
# imap:// means the plain port with STARTTLS, required: tern logs in over
# TLS and shows the INBOX.
. "$(dirname "$0")/lib.sh"
set -eu

dovecot_start
seed
before=$(wc -l <"$TEST_DIR/dovecot.log")
CONFIG_URL=imap://alice@127.0.0.1:$IMAP_PORT
tern_start_default
wait_for 'Welcome to the team'

# Dovecot logs how each login was protected: it must say TLS, not
# "secured" (plain text from loopback).
tail -n "+$((before + 1))" "$TEST_DIR/dovecot.log" |
    grep 'imap-login: Info: Login: user=<alice>' >"$TEST_DIR/logins" ||
    fail "Dovecot logged no login of alice"
grep -q ', TLS' "$TEST_DIR/logins" || fail "login without TLS: $(cat "$TEST_DIR/logins")"
if grep -v ', TLS' "$TEST_DIR/logins" | grep -q .; then
	fail "a login without TLS: $(cat "$TEST_DIR/logins")"
fi
# And through the STARTTLS listener, not the IMAPS one.
grep -Eq "lport=${IMAP_PORT}[ ,]" "$TEST_DIR/logins" ||
    fail "no login on the STARTTLS port $IMAP_PORT: $(cat "$TEST_DIR/logins")"
grep -Eq "lport=${IMAPS_PORT}[ ,]" "$TEST_DIR/logins" &&
    fail "tern logged in on the IMAPS port: $(cat "$TEST_DIR/logins")"
keys q
wait_exit
assert_eq "$TERN_STATUS" 0 "exit status after q"
