#!/bin/sh
# tern --check-config: a good file prints each account's server, port,
# TLS and user, every setting's value and the keys it changes, exit 0,
# and neither runs nor shows the password-command; a bad file gives
# FILE:LINE and exit 1.
. "$(dirname "$0")/lib.sh"
set -eu

config_dir

cfg=$TEST_DIR/config
cat >"$cfg" <<EOF2
keys-preset = vi

[account home]
imap = imaps://alice@mail.example.org
password-command = touch $TEST_DIR/ran; echo hunter2-secret
timeout = 45

[account "work"]
imap = imap://bob%40corp.example@imap.corp.example:1143
auth = login
password-command = echo other-secret

[keys.index]
x = toggle-read
q = none
[keys]
<F5> = redraw
EOF2

"$TERN_BIN" --check-config "$cfg" >"$TEST_DIR/out" 2>"$TEST_DIR/err" ||
    { cat "$TEST_DIR/err"; fail "--check-config refused a good file"; }
out=$TEST_DIR/out
expect() {
	grep -qF -- "$1" "$out" || { cat "$out"; fail "--check-config does not print '$1'"; }
}
expect "$cfg: valid"
expect 'account "home" (the default): user alice on mail.example.org port 993, TLS from the first byte'
expect 'account "work": user bob@corp.example on imap.corp.example port 1143, STARTTLS, required'
expect '	timeout = 45'
expect '	poll-interval = 60'
expect '	auth = login'
expect '	password-command = (given; not run by --check-config)'
expect 'keys-preset = vi'
expect '[keys.index]'
expect 'x = toggle-read'
expect 'q = none'
expect '<F5> = redraw'
[ ! -e "$TEST_DIR/ran" ] || fail "--check-config ran the password-command"
if grep -E 'secret|touch|echo' "$out" "$TEST_DIR/err"; then
	fail "--check-config showed a password-command or its output"
fi
# Every setting of tern.conf(5) has its value under each account.
for s in imap password-command oauth2-token-command auth ca-file \
    certificate-fingerprint tls-server-name timeout poll-interval \
    folder-refresh new-mail-bell subscribed-only delete sort save-dir \
    html-filter; do
	[ "$(grep -c "^	$s = " "$out")" -eq 2 ] ||
	    fail "--check-config does not show $s for both accounts"
done

# The same file with -c, and the default path.
"$TERN_BIN" --check-config -c "$cfg" >"$TEST_DIR/out2"
cmp -s "$out" "$TEST_DIR/out2" || fail "--check-config -c FILE differs"

cp "$cfg" "$XDG_CONFIG_HOME/tern/config"
"$TERN_BIN" --check-config >"$TEST_DIR/out3"
grep -qF "$XDG_CONFIG_HOME/tern/config: valid" "$TEST_DIR/out3" ||
    fail "--check-config did not read the default file"
"$TERN_BIN" --check-config -a nobody "$cfg" >/dev/null 2>"$TEST_DIR/err" &&
    fail "--check-config -a accepted an account the file lacks"
grep -qF "no account named nobody" "$TEST_DIR/err" ||
    fail "--check-config -a: wrong message: $(cat "$TEST_DIR/err")"

# A bad file: FILE:LINE, status 1, nothing on stdout.
printf '[account a]\nimap = imaps://a@h\n[keys.pager]\nx = delete-folder\n' \
    >"$TEST_DIR/bad"
set +e
"$TERN_BIN" --check-config "$TEST_DIR/bad" >"$TEST_DIR/out" 2>"$TEST_DIR/err"
st=$?
set -e
assert_eq "$st" 1 "--check-config status on a bad file"
grep -qF "tern: $TEST_DIR/bad:4: action 'delete-folder' does not exist in [keys.pager]" \
    "$TEST_DIR/err" || fail "--check-config: wrong error: $(cat "$TEST_DIR/err")"
[ ! -s "$TEST_DIR/out" ] || fail "--check-config printed a bad file as valid"
